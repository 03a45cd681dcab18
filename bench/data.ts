/**
 * npm run bench:data -- --families N: adds N generated families (default 10000, at most 150000,
 * about 5 meetings each) to the demo municipality of the database given by DATABASE_URL, or of the
 * embedded one in the data folder (the same way `npm start` finds it), with COPY. Prints rows/s.
 */

import { bootDatabase } from "../src/platform/boot.ts";
import { loadConfig } from "../src/platform/config.ts";
import { loadFamilies, MAX_FAMILIES } from "./families.ts";

function familiesArgument(argv: string[]): number {
  const at = argv.indexOf("--families");
  const raw = at >= 0 ? argv[at + 1] : argv.find((a) => a.startsWith("--families="))?.slice("--families=".length);
  if (raw === undefined) return 10_000;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > MAX_FAMILIES)
    throw new Error(`--families must be a whole number from 1 to ${MAX_FAMILIES}: ${raw}`);
  return n;
}

const log = (line: string) => process.stderr.write(`${line}\n`);
const families = familiesArgument(process.argv.slice(2));
const booted = await bootDatabase(loadConfig(), log);
try {
  const result = await loadFamilies(booted.database.pool, families, log);
  process.stdout.write(`${JSON.stringify({ ...result, rowsPerSecond: Math.round(result.rows / Math.max(result.seconds, 0.001)) })}\n`);
} finally {
  await booted.stop();
}
