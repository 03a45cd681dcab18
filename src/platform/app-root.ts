import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The folder of Sofia's package.json: where `public/` and `src/db/migrations/` are read from at run
 * time. Found by walking up from this file, so that it is the same whether the code runs from
 * `src/` (tsx, the tests) or from the bundle in `dist/` (`npm start`, decision 0052).
 */
export const appRoot: string = findRoot(path.dirname(fileURLToPath(import.meta.url)));

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (fs.existsSync(file) && (JSON.parse(fs.readFileSync(file, "utf8")) as { name?: string }).name === "sofia") return dir;
    if (path.dirname(dir) === dir) throw new Error(`Hittar inte Sofias package.json ovanför ${from}`);
  }
}
