/**
 * npm start: runs the built Sofia (dist/main.js), building it first when it is missing or older
 * than the sources (scripts/build.mjs; decision 0052). The worker processes run dist/main.js
 * directly, so only this first process looks at the sources.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build, isStale, outFile, root } from "./build.mjs";

if (isStale()) {
  process.stderr.write(`Bygger ${path.relative(root, outFile)} (npm run build) …\n`);
  await build();
}
await import(pathToFileURL(outFile).href);
