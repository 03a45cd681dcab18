/**
 * What the bench says about the machine and the app's processes beside its figures: the load
 * before each scenario (with a warning when the figures are not to be trusted), the peak memory
 * (RSS) of a server and all its child processes during a scenario, and the real start's time to
 * its first 200 on /healthz. Linux only for the memory (/proc); elsewhere it reports null.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";

export interface MachineLoad {
  /** os.loadavg(): the run queue over 1, 5 and 15 minutes. */
  load1: number;
  load5: number;
  load15: number;
  cores: number;
  /** False when the 1-minute load exceeds the cores: other work competed with the bench. */
  trustworthy: boolean;
}

/** The machine's load now; logs a warning line when it exceeds the number of cores. */
export function machineLoad(scenario: string, log: (line: string) => void): MachineLoad {
  const [load1 = 0, load5 = 0, load15 = 0] = os.loadavg();
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  const round = (n: number) => Math.round(n * 100) / 100;
  const trustworthy = load1 <= cores;
  log(`${scenario}: machine load ${round(load1)} / ${round(load5)} / ${round(load15)} on ${cores} cores`);
  if (!trustworthy)
    log(
      `WARNING ${scenario}: the 1-minute load ${round(load1)} exceeds the ${cores} cores: other work competes with the bench, so its figures are not to be trusted`,
    );
  return { load1: round(load1), load5: round(load5), load15: round(load15), cores, trustworthy };
}

/** The process and every process below it (workers a server forks), from /proc. */
function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      // pid (comm) state ppid …; comm may hold spaces and parentheses, so read after the last ")".
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // The process left while it was read.
    }
  }
  const tree: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

function rssKiB(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/**
 * Samples the summed RSS of `pid` and its descendants every 100 ms (the tree is read again every
 * second, so that a restarted worker is counted) until `stop`, which gives the peak in MiB.
 */
export function sampleRss(pid: number | undefined): { stop(): number | null } {
  if (pid === undefined || !fs.existsSync(`/proc/${pid}/status`)) return { stop: () => null };
  let tree = processTree(pid);
  let peak = 0;
  let ticks = 0;
  const sample = () => {
    if (++ticks % 10 === 0) tree = processTree(pid);
    peak = Math.max(
      peak,
      tree.reduce((sum, p) => sum + rssKiB(p), 0),
    );
  };
  sample();
  const timer = setInterval(sample, 100);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return Math.round((peak / 1024) * 10) / 10;
    },
  };
}

/**
 * The real start (`npm start`, what an operator runs) on the bench's database: the seconds from
 * the spawn to the first 200 on /healthz, then stopped. Jobs and the demo are off (the database is
 * the bench's); everything else is the production path.
 */
export async function timeToHealthy(databaseUrl: string, log: (line: string) => void, within = 120_000): Promise<number> {
  const started = process.hrtime.bigint();
  const child = spawn("npm", ["start", "--silent"], {
    cwd: process.cwd(),
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: "0",
      HOST: "127.0.0.1",
      SOFIA_JOBS: "false",
      SOFIA_DEMO: "false",
      LOG_LEVEL: "warn",
    },
  });
  let output = "";
  let port: number | undefined;
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
    port ??= Number(/Sofia körs på http:\/\/[^:]+:(\d+)/.exec(output)?.[1]) || undefined;
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}: ${output.slice(-500)}`);
      if (Number(process.hrtime.bigint() - started) / 1e6 > within)
        throw new Error(`npm start gave no 200 on /healthz within ${within} ms`);
      if (port) {
        const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
          (r) => r.status === 200,
          () => false,
        );
        if (ok) return Math.round(Number(process.hrtime.bigint() - started) / 1e7) / 100;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    // The whole group: npm, the shell and node.
    if (child.pid !== undefined && child.exitCode === null) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // Already gone.
      }
      const timer = setTimeout(() => {
        try {
          if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
        } catch {
          // Already gone.
        }
      }, 10_000);
      await exited;
      clearTimeout(timer);
      log("npm start stopped");
    }
  }
}
