/**
 * npm run restore -- FILE: restores a backup into an empty database (DATABASE_URL) or a new data
 * folder (SOFIA_DATA_DIR), checked before and after (decision 0067; docs/operations.md).
 */
import { restoreCommand } from "../src/backup/cli.ts";

process.exitCode = await restoreCommand(
  process.argv.slice(2),
  process.env,
  (line) => process.stdout.write(`${line}\n`),
  (line) => process.stderr.write(`${line}\n`),
);
