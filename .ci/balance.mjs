// node .ci/balance.mjs <vitest-json-report> <parts> <part> <dir>: the test files of <dir> split into
// <parts> parts of about equal time, by each file's time in the report (the longest file first into
// the part with the least time so far), and prints part <part> (1-based), one file per line. Prints
// nothing when the report lacks a file of <dir> (a new file, a crashed run): the caller then splits
// by count (`--shard`). Used by .ci/run for the slowed browser tests (decision 0031).
import fs from "node:fs";
import path from "node:path";

const [reportFile, partsArg, partArg, dir] = process.argv.slice(2);
const parts = Number(partsArg);
const part = Number(partArg);
const files = fs
  .readdirSync(dir, { recursive: true })
  .map(String)
  .filter((f) => /\.test\.tsx?$/.test(f))
  .map((f) => path.join(dir, f))
  .sort();
let times;
try {
  const report = JSON.parse(fs.readFileSync(reportFile, "utf8"));
  times = new Map(report.testResults.map((r) => [path.relative(process.cwd(), r.name), Math.max(0, r.endTime - r.startTime)]));
} catch {
  process.exit(0);
}
if (files.some((f) => !times.has(f))) process.exit(0);
const bins = Array.from({ length: parts }, () => ({ ms: 0, files: [] }));
for (const f of [...files].sort((a, b) => times.get(b) - times.get(a) || a.localeCompare(b))) {
  const lightest = bins.reduce((min, bin) => (bin.ms < min.ms ? bin : min));
  lightest.ms += times.get(f);
  lightest.files.push(f);
}
const chosen = bins[part - 1];
if (chosen) process.stdout.write(chosen.files.sort().map((f) => `${f}\n`).join(""));
