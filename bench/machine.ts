/**
 * What the bench says about the machine and the app's processes beside its figures: the load
 * before each scenario, once it has settled (with a warning when the figures are not to be trusted), the peak memory
 * (RSS) of a server and all its child processes during a scenario, and the real start's time to
 * its first 200 on /healthz. Linux only for the memory (/proc); elsewhere it reports null.
 */
import fs from "node:fs";
import os from "node:os";
import type pg from "pg";

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

/** The longest the bench waits for the machine's load to settle before a scenario. */
const SETTLE_SECONDS = 120;

/**
 * The machine's load before a scenario, after waiting (at most SETTLE_SECONDS, checking every 5 s)
 * until the 1-minute load is no more than the cores: the load the bench itself leaves (loading
 * 150 000 families, the scenario before) decays over a minute or two, and figures measured in it
 * are not to be trusted. Logs how long it waited; the load is then judged as `machineLoad` judges it.
 */
export async function settledLoad(scenario: string, log: (line: string) => void): Promise<MachineLoad & { waitedSeconds: number }> {
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  const started = Date.now();
  while ((os.loadavg()[0] ?? 0) > cores && Date.now() - started < SETTLE_SECONDS * 1000) {
    await new Promise((resolve) => setTimeout(resolve, 5000));
  }
  const waitedSeconds = Math.round((Date.now() - started) / 1000);
  if (waitedSeconds > 0) log(`${scenario}: waited ${waitedSeconds} s for the machine's load to settle`);
  return { ...machineLoad(scenario, log), waitedSeconds };
}

/**
 * Before a scenario of heavy reads (the follow-up, the report): the database's own background work
 * left by the scenarios before (the pages' audit rows, the survey answers) done first, as on a
 * database between office hours' peaks: a checkpoint written, and no autovacuum worker running (at
 * most SETTLE_SECONDS, checking every 5 s). Without it the report's statements and their reference
 * SQL ran up to 1.6 times slower in a full run than alone. Returns the seconds waited.
 */
export async function quietDatabase(pool: pg.Pool, scenario: string, log: (line: string) => void): Promise<number> {
  const started = Date.now();
  await pool.query("checkpoint");
  const vacuuming = async () =>
    (await pool.query<{ n: number }>("select count(*)::int as n from pg_stat_activity where backend_type = 'autovacuum worker'")).rows[0]
      ?.n ?? 0;
  while ((await vacuuming()) > 0 && Date.now() - started < SETTLE_SECONDS * 1000) {
    await new Promise((resolve) => setTimeout(resolve, 5000));
  }
  const waited = Math.round((Date.now() - started) / 1000);
  log(`${scenario}: the database's checkpoint and autovacuum done (${waited} s)`);
  return waited;
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

/** Clock ticks per second of /proc's CPU times (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** CPU time (user + system) in ms of a process tree: every live process's own time and the reaped children's time each parent holds. */
export function treeCpuMs(root: number | undefined): number | null {
  if (root === undefined || !fs.existsSync(`/proc/${root}/stat`)) return null;
  let ticks = 0;
  for (const pid of processTree(root)) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      // After "pid (comm) ": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    } catch {
      // The process left while it was read; its time is now in its parent's reaped-children time.
    }
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/** The embedded cluster's postmaster: the first line of postmaster.pid in the cluster's folder. */
export function postmasterPid(clusterDir: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(`${clusterDir}/postmaster.pid`, "utf8").split("\n")[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}
