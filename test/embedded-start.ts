/**
 * A Sofia-like process for src/platform/embedded.test.ts: starts the embedded PostgreSQL on the
 * folder it is given, says "ready <adminUrl>" and keeps running until it is killed (kill -9 in the
 * test, which leaves the postmaster behind as an orphan).
 */
import { startEmbedded } from "../src/platform/database.ts";

const dir = process.argv[2];
if (!dir) throw new Error("usage: embedded-start.ts <data folder>");
const server = await startEmbedded(dir);
process.stdout.write(`ready ${server.adminUrl}\n`);
setInterval(() => {}, 1 << 30);
