/**
 * Background jobs on the application's own PostgreSQL through pg-boss 10: a queue per job, a cron
 * schedule in Swedish time, and a run at start. pg-boss keeps its tables in the schema `pgboss` of
 * the same database (embedded or external), so jobs survive restarts and several app instances
 * share one queue: a job is fetched by one worker only (SKIP LOCKED), and the cron monitor sends
 * each tick once across instances.
 *
 * Every job must be idempotent: it may run twice (a retry after a crash, the run at start beside a
 * scheduled run). The queues use the "stately" policy, so at most one job of a name waits and one
 * runs at a time, whatever the number of instances.
 */
import PgBoss from "pg-boss";

export type JobHandler = () => Promise<Record<string, unknown> | undefined>;

export interface JobDefinition {
  name: string;
  /** Cron expression (five fields), evaluated in `timeZone`. */
  cron: string;
  timeZone?: string;
  /** Also send one run when the runner starts. */
  runAtStart?: boolean;
  handler: JobHandler;
}

export interface JobRunnerOptions {
  connectionString: string;
  /** Called with an error the runner met outside a job's own result (lost connection, a failed handler). */
  onError?: (error: Error) => void;
  /** Seconds between a worker's polls for new jobs. */
  pollingIntervalSeconds?: number;
}

export interface JobRunner {
  /** Sends a run of the job now; returns the job id (null when one is already waiting). */
  send(name: string): Promise<string | null>;
  /** The state of a sent job: created, active, completed, failed … (undefined when not found). */
  state(name: string, id: string): Promise<{ state: string; output: unknown } | undefined>;
  stop(): Promise<void>;
}

export const JOB_SCHEMA = "pgboss";
export const STOCKHOLM = "Europe/Stockholm";

/**
 * Creates or upgrades pg-boss's schema, as the database's owner at the migration (decision 0063):
 * the app's role runs pg-boss without creating anything (`migrate: false` below).
 */
export async function installJobSchema(connectionString: string): Promise<void> {
  const boss = new PgBoss({
    connectionString,
    schema: JOB_SCHEMA,
    application_name: "sofia-migrate",
    max: 1,
    supervise: false,
    schedule: false,
  });
  await boss.start();
  await boss.stop({ graceful: false, wait: true, close: true });
}

/** Starts pg-boss, creates the queues, registers the workers and schedules; resolves when ready. */
export async function startJobRunner(options: JobRunnerOptions, jobs: readonly JobDefinition[]): Promise<JobRunner> {
  const boss = new PgBoss({
    connectionString: options.connectionString,
    schema: JOB_SCHEMA,
    application_name: "sofia-jobs",
    // The schema is the owner's, installed at the migration (installJobSchema): only check its version.
    migrate: false,
    // A small pool of its own: a worker, the supervisor and the cron monitor.
    max: 3,
    // Keep finished jobs a week for inspection, then pg-boss's maintenance removes them.
    deleteAfterDays: 7,
    retentionDays: 7,
  });
  boss.on("error", (e) => options.onError?.(e));
  await boss.start();
  const polling = options.pollingIntervalSeconds ?? 10;
  for (const job of jobs) {
    await boss.createQueue(job.name, {
      name: job.name,
      policy: "stately",
      retryLimit: 3,
      retryDelay: 60,
      retryBackoff: true,
      expireInSeconds: 15 * 60,
    });
    // Sent before the worker starts, so that its first fetch finds it.
    if (job.runAtStart) await boss.send(job.name, {});
    await boss.work(job.name, { pollingIntervalSeconds: polling, batchSize: 1 }, async () => (await job.handler()) ?? {});
    await boss.schedule(job.name, job.cron, {}, { tz: job.timeZone ?? STOCKHOLM });
  }
  let stopped: Promise<void> | undefined;
  return {
    send: (name) => boss.send(name, {}),
    async state(name, id) {
      const job = await boss.getJobById(name, id);
      return job ? { state: job.state, output: job.output } : undefined;
    },
    stop() {
      // Waits for a running job to finish (up to the timeout) and closes pg-boss's pool.
      stopped ??= boss.stop({ graceful: true, wait: true, close: true, timeout: 10_000 });
      return stopped;
    },
  };
}
