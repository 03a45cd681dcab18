/**
 * How long `npm start` takes from the command to the first 200 on GET /healthz, on the embedded
 * PostgreSQL of a fresh data folder (the first start: initdb, migrations, the demo) and again on the
 * same folder (the second start), as the README's first command runs it. Each start is stopped with
 * SIGTERM to its process group (as Ctrl+C does) before the next; the folder is removed afterwards.
 *
 * `npm run bench:start` prints it alone (BENCH_START_WORKERS sets SOFIA_WORKERS, default 1);
 * bench/run.ts prints it beside the other figures.
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "../src/platform/database.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export interface StartTimes {
  command: string;
  workers: number;
  /** Milliseconds from the command to the first 200 on /healthz, on a fresh data folder. */
  firstStartMs: number;
  /** The same on the same data folder, after the first start stopped. */
  secondStartMs: number;
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => {
      if (child.pid) process.kill(-child.pid, "SIGKILL");
    }, 30_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    if (child.pid) process.kill(-child.pid, "SIGTERM");
  });
}

async function timeOneStart(dataDir: string, workers: number, log: (line: string) => void): Promise<number> {
  const port = await freePort();
  const started = process.hrtime.bigint();
  const child = spawn("npm", ["start"], {
    cwd: root,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      DATABASE_URL: "",
      SOFIA_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: "127.0.0.1",
      SOFIA_WORKERS: String(workers),
      LOG_LEVEL: "warn",
    },
  });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`npm start ended with ${child.exitCode} before /healthz answered:\n${output}`);
      const status = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.status,
        () => 0,
      );
      if (status === 200) break;
      if (Number(process.hrtime.bigint() - started) / 1e9 > 300) throw new Error(`/healthz did not answer 200 within 300 s:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return Math.round(Number(process.hrtime.bigint() - started) / 1e6);
  } finally {
    await stop(child);
    if (fs.existsSync(path.join(dataDir, "pg", "postmaster.pid"))) log(`warning: ${dataDir}/pg/postmaster.pid was left behind`);
  }
}

export async function measureStartup(workers: number, log: (line: string) => void): Promise<StartTimes> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sofia-bench-start-"));
  try {
    log(`startup: npm start on a fresh data folder, then again on the same one (SOFIA_WORKERS=${workers})`);
    const firstStartMs = await timeOneStart(dataDir, workers, log);
    const secondStartMs = await timeOneStart(dataDir, workers, log);
    return { command: "npm start", workers, firstStartMs, secondStartMs };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const workers = Math.max(1, Number(process.env.BENCH_START_WORKERS) || 1);
  const times = await measureStartup(workers, (line) => process.stderr.write(`${line}\n`));
  process.stdout.write(`${JSON.stringify(times, null, 2)}\n`);
}
