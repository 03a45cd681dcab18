/**
 * npm run build: compiles Sofia's TypeScript and TSX once into dist/main.js (decision 0052), so that
 * `npm start` runs plain JavaScript instead of compiling on every start. One ES module for Node 20
 * and later: our own source bundled, every package from node_modules left as an import (the native
 * ones among them), JSX by the tsconfig's automatic Preact runtime. Files read at run time
 * (public/, src/db/migrations/) stay where they are (platform/app-root.ts).
 *
 * Plain JavaScript, so that it runs before anything is built. Written to a temporary file and
 * renamed, so that two starts building at once never run half a file.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const outFile = path.join(root, "dist", "main.js");

/** What the build reads: when one of these is newer than dist/main.js, the build is stale. */
export const buildInputs = ["src", "package.json", "package-lock.json", "tsconfig.json", "scripts/build.mjs"];

/** The newest modification time (ms) of the build's inputs, folders walked. */
function newestInput() {
  let newest = 0;
  const visit = (file) => {
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(file)) visit(path.join(file, entry));
    } else if (stat.mtimeMs > newest) newest = stat.mtimeMs;
  };
  for (const input of buildInputs) visit(path.join(root, input));
  return newest;
}

/** True when dist/main.js is missing or older than a source file. */
export function isStale() {
  const built = fs.statSync(outFile, { throwIfNoEntry: false });
  return !built || built.mtimeMs < newestInput();
}

export async function build() {
  const esbuild = await import("esbuild");
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: ["src/main.ts"],
    bundle: true,
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node20.19",
    tsconfig: "tsconfig.json",
    sourcemap: "linked",
    legalComments: "none",
    outfile: outFile,
    write: false,
    logLevel: "warning",
  });
  // esbuild's service process is not needed once built (npm start goes on to run the app).
  await esbuild.stop();
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  // The map first and the code last, each renamed into place.
  const files = [...result.outputFiles].sort((a) => (a.path === outFile ? 1 : -1));
  for (const file of files) {
    const temporary = `${file.path}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, file.contents);
    fs.renameSync(temporary, file.path);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  await build();
  process.stdout.write(`dist/main.js byggd på ${Date.now() - started} ms\n`);
}
