/**
 * npm run backup [-- --out FILE]: an online, consistent, encrypted backup of Sofia's database
 * (decision 0067; docs/operations.md). npm run backup -- --generate-key FILE makes a key.
 */
import { backupCommand } from "../src/backup/cli.ts";

process.exitCode = await backupCommand(
  process.argv.slice(2),
  process.env,
  (line) => process.stdout.write(`${line}\n`),
  (line) => process.stderr.write(`${line}\n`),
);
