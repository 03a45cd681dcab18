/**
 * Sofia on every core (decision 0052): the primary process forks `count` worker processes with
 * node:cluster; each builds the whole app and listens on the same port, and the primary hands the
 * connections to them in turn. Everything a request needs between requests (sessions, login
 * throttling, versions, the jobs' queue) is in the database, so any worker may answer any request.
 *
 * The supervisor restarts a worker that dies, at most `maxRestarts` times in `restartWindowMs`
 * (a worker that keeps dying means something is wrong that a restart does not mend: then it gives
 * up and says so). `stop()` asks every worker to finish (SIGTERM: close the server, the pool, the
 * jobs) and waits for them, killing one that does not end in time.
 */
import cluster, { type Worker } from "node:cluster";
import { answerClusterMetrics } from "./metrics.ts";

export interface WorkerOptions {
  count: number;
  /** The script every worker runs (the built or the TypeScript main); its execArgv are this process's. */
  exec: string;
  /** Environment added for the worker in slot `slot` (0 … count-1); a restarted worker gets its slot's again. */
  env: (slot: number) => Record<string, string>;
  log: (line: string) => void;
  /** Called once when the supervisor gives up (a worker dies too often, or one dies before every worker listened). */
  onGiveUp: (reason: string) => void;
  maxRestarts?: number;
  restartWindowMs?: number;
  /** Pause before a dead worker's replacement is forked. */
  restartDelayMs?: number;
  /** How long stop() waits for a worker before SIGKILL. */
  stopTimeoutMs?: number;
}

export interface Workers {
  /** Resolves with the port once the first worker listens (the app answers from then on). */
  listening: Promise<number>;
  /** Resolves once every worker listens. */
  allListening: Promise<void>;
  /** The process ids of the workers running now. */
  pids(): number[];
  stop(): Promise<void>;
}

export function startWorkers(options: WorkerOptions): Workers {
  const { count, log, maxRestarts = 5, restartWindowMs = 60_000, restartDelayMs = 1_000, stopTimeoutMs = 20_000 } = options;
  cluster.setupPrimary({ exec: options.exec });
  const slots = new Map<Worker, number>();
  const restarts: number[] = [];
  let stopping = false;
  let gaveUp = false;
  let started = false;
  let listened = 0;
  let resolveListening: (port: number) => void = () => {};
  let rejectListening: (error: Error) => void = () => {};
  const listening = new Promise<number>((resolve, reject) => {
    resolveListening = resolve;
    rejectListening = reject;
  });
  let resolveAll: () => void = () => {};
  const allListening = new Promise<void>((resolve) => {
    resolveAll = resolve;
  });
  // A start that fails is reported through onGiveUp; nobody need await `listening` for that.
  listening.catch(() => {});

  const giveUp = (reason: string) => {
    if (gaveUp || stopping) return;
    gaveUp = true;
    rejectListening(new Error(reason));
    options.onGiveUp(reason);
  };

  const fork = (slot: number) => {
    const worker = cluster.fork(options.env(slot));
    slots.set(worker, slot);
    // A scrape of /metrics in any worker counts every worker (platform/metrics.ts).
    worker.on("message", (message) => answerClusterMetrics(worker, message));
    worker.once("listening", (address) => {
      if (started) {
        log(`Process ${worker.process.pid} (plats ${slot + 1}) tar emot anrop igen.`);
        return;
      }
      listened += 1;
      if (listened === 1) resolveListening(address.port);
      if (listened === count) {
        started = true;
        resolveAll();
      }
    });
    worker.once("exit", (code, signal) => {
      slots.delete(worker);
      if (stopping || gaveUp) return;
      const how = signal ? `signalen ${signal}` : `kod ${code}`;
      if (!started) return giveUp(`Process ${worker.process.pid} avslutades med ${how} innan alla processer tog emot anrop.`);
      const now = Date.now();
      while (restarts.length > 0 && (restarts[0] ?? 0) <= now - restartWindowMs) restarts.shift();
      if (restarts.length >= maxRestarts) {
        return giveUp(
          `Process ${worker.process.pid} avslutades med ${how}; processerna har startats om ${restarts.length} gånger på ${Math.round(restartWindowMs / 1000)} s, så Sofia stängs.`,
        );
      }
      restarts.push(now);
      log(`Process ${worker.process.pid} avslutades med ${how}; en ny startas.`);
      setTimeout(() => {
        if (!stopping && !gaveUp) fork(slot);
      }, restartDelayMs).unref();
    });
  };
  for (let slot = 0; slot < count; slot++) fork(slot);

  let stopped: Promise<void> | undefined;
  return {
    listening,
    allListening,
    pids: () => [...slots.keys()].flatMap((w) => (w.process.pid ? [w.process.pid] : [])),
    stop() {
      stopping = true;
      stopped ??= Promise.all(
        [...slots.keys()].map(
          (worker) =>
            new Promise<void>((resolve) => {
              if (worker.process.exitCode !== null || worker.process.signalCode !== null) return resolve();
              const timer = setTimeout(() => worker.process.kill("SIGKILL"), stopTimeoutMs);
              worker.process.once("exit", () => {
                clearTimeout(timer);
                resolve();
              });
              worker.process.kill("SIGTERM");
            }),
        ),
      ).then(() => {});
      return stopped;
    },
  };
}
