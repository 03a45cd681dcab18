/**
 * npm run bench: the real app against a bare Fastify + pg baseline, in the same run, on loopback.
 *
 * One embedded PostgreSQL in a temporary folder holds the migrated schema, the demo municipality
 * and a personal access token for the demo administrator. The app (bench/app-server.ts) and the
 * baseline (bench/baseline-server.ts) run in processes of their own on that database; autocannon
 * loads them from this process in alternating rounds, with a bounded number of connections,
 * seconds and rounds:
 * - loginPage: GET /logga-in; the baseline sends the same HTML as a constant string.
 * - apiMe: GET /api/v1/me with the token; the baseline runs the same SQL by hand.
 * It prints JSON (requests/s, p50/p99 latency in ms: medians over the rounds, and the ratios
 * app/baseline) and asserts no timing: only that every answer was a 200, the same as the baseline's.
 */
import { type ChildProcess, fork } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import autocannon from "autocannon";
import { eq } from "drizzle-orm";
import { apiTokens, users } from "../src/db/schema/index.ts";
import { seedDemo } from "../src/demo/seed.ts";
import { connect, ensureDatabase, migrateDatabase, startEmbedded } from "../src/platform/database.ts";
import { API_TOKEN_PREFIX, randomToken, sha256 } from "../src/platform/sessions.ts";
import type { ServerReady, ServerStart } from "./protocol.ts";

const bounded = (value: string | undefined, fallback: number, max: number) => Math.min(max, Math.max(1, Number(value) || fallback));
const connections = bounded(process.env.BENCH_CONNECTIONS, 10, 100);
const seconds = bounded(process.env.BENCH_SECONDS, 5, 30);
const rounds = bounded(process.env.BENCH_ROUNDS, 3, 5);
const warmupSeconds = 1;

const log = (line: string) => process.stderr.write(`${line}\n`);
const here = path.dirname(fileURLToPath(import.meta.url));

interface Measured {
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
}

function startServer(file: string, start: ServerStart): Promise<{ child: ChildProcess; url: string }> {
  // fork() reuses this process's execArgv, so the child runs TypeScript through tsx as well.
  const child = fork(path.join(here, file), [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`${file} exited with code ${code} before it listened`)));
    child.once("message", (ready: ServerReady) => resolve({ child, url: `http://127.0.0.1:${ready.port}` }));
    child.send(start);
  });
}

function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.send("stop");
  });
}

/** Exact percentile of sorted values (autocannon's own histogram rounds latencies to whole milliseconds). */
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const value = sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
  return Math.round(value * 100) / 100;
}

function load(url: string, headers: Record<string, string>, duration: number): Promise<Measured> {
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon({ url, headers, connections, duration }, (error, result) => {
      if (error) return reject(error);
      latencies.sort((a, b) => a - b);
      resolve({
        requestsPerSecond: result.requests.average,
        latencyP50Ms: percentile(latencies, 50),
        latencyP99Ms: percentile(latencies, 99),
        requests: result.requests.total,
        non2xx: result.non2xx,
        errors: result.errors + result.timeouts,
      });
    });
    instance.on("response", (_client, _status, _bytes, responseTime) => {
      latencies.push(responseTime);
    });
  });
}

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 100) / 100 : null);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return Math.round(value * 100) / 100;
}

/** The median of each figure over the rounds; requests and failures are summed. */
function summary(rounds: Measured[]): Measured {
  return {
    requestsPerSecond: median(rounds.map((m) => m.requestsPerSecond)),
    latencyP50Ms: median(rounds.map((m) => m.latencyP50Ms)),
    latencyP99Ms: median(rounds.map((m) => m.latencyP99Ms)),
    requests: rounds.reduce((n, m) => n + m.requests, 0),
    non2xx: rounds.reduce((n, m) => n + m.non2xx, 0),
    errors: rounds.reduce((n, m) => n + m.errors, 0),
  };
}

/**
 * Warms both servers up, then measures them in alternating rounds (app first in odd rounds,
 * baseline first in even ones), so that a change in the machine's load hits both alike.
 */
async function compare(name: string, appUrl: string, baseUrl: string, headers: Record<string, string> = {}) {
  log(`${name}: warm-up ${warmupSeconds} s each, then ${rounds} rounds of ${seconds} s each with ${connections} connections`);
  await load(appUrl, headers, warmupSeconds);
  await load(baseUrl, headers, warmupSeconds);
  const appRounds: Measured[] = [];
  const baseRounds: Measured[] = [];
  for (let round = 0; round < rounds; round++) {
    if (round % 2 === 0) {
      appRounds.push(await load(appUrl, headers, seconds));
      baseRounds.push(await load(baseUrl, headers, seconds));
    } else {
      baseRounds.push(await load(baseUrl, headers, seconds));
      appRounds.push(await load(appUrl, headers, seconds));
    }
  }
  const app = summary(appRounds);
  const baseline = summary(baseRounds);
  for (const [who, m] of [
    ["app", app],
    ["baseline", baseline],
  ] as const) {
    if (m.non2xx > 0 || m.errors > 0) throw new Error(`${name}, ${who}: ${m.non2xx} answers other than 2xx and ${m.errors} errors`);
  }
  return {
    app,
    baseline,
    ratio: {
      requestsPerSecond: ratio(app.requestsPerSecond, baseline.requestsPerSecond),
      latencyP50: ratio(app.latencyP50Ms, baseline.latencyP50Ms),
      latencyP99: ratio(app.latencyP99Ms, baseline.latencyP99Ms),
    },
    requestsPerSecondRatioPerRound: appRounds.map((m, i) => ratio(m.requestsPerSecond, baseRounds[i]?.requestsPerSecond ?? 0)),
  };
}

async function fetchOk(url: string, headers: Record<string, string> = {}): Promise<string> {
  const res = await fetch(url, { headers });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}: ${body.slice(0, 200)}`);
  return body;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sofia-bench-"));
  const children: ChildProcess[] = [];
  let stopDatabase: (() => Promise<void>) | undefined;
  let cleaning: Promise<void> | undefined;
  const cleanUp = () => {
    cleaning ??= (async () => {
      await Promise.all(children.map(stopServer));
      await stopDatabase?.();
      fs.rmSync(dir, { recursive: true, force: true });
    })();
    return cleaning;
  };
  process.once("SIGINT", () => void cleanUp().finally(() => process.exit(130)));
  try {
    log(`embedded PostgreSQL in ${dir}`);
    const server = await startEmbedded(dir);
    stopDatabase = server.stop;
    await ensureDatabase(server.adminUrl, "sofia_bench");
    const databaseUrl = server.urlFor("sofia_bench");
    await migrateDatabase(databaseUrl);
    const database = connect(databaseUrl, 2);
    await seedDemo(database.db, `bench-${randomToken(12)}`);
    const token = API_TOKEN_PREFIX + randomToken();
    const [admin] = await database.db.select({ id: users.id }).from(users).where(eq(users.username, "admin"));
    if (!admin) throw new Error("the demo administrator is missing");
    await database.db.insert(apiTokens).values({
      userId: admin.id,
      name: "bench",
      tokenHash: sha256(token),
      prefix: token.slice(0, API_TOKEN_PREFIX.length + 4),
      scopes: ["account.manage_own"],
    });
    await database.close();

    const app = await startServer("app-server.ts", { databaseUrl });
    children.push(app.child);
    const loginHtml = await fetchOk(`${app.url}/logga-in`);
    const baseline = await startServer("baseline-server.ts", { databaseUrl, loginHtml });
    children.push(baseline.child);

    // Same answers before any timing: the comparison means something only if both do the same work.
    const auth = { authorization: `Bearer ${token}` };
    const appMe = JSON.parse(await fetchOk(`${app.url}/api/v1/me`, auth));
    const baseMe = JSON.parse(await fetchOk(`${baseline.url}/api/v1/me`, auth));
    if (!isDeepStrictEqual(appMe, baseMe))
      throw new Error(`/api/v1/me differs: app ${JSON.stringify(appMe)}, baseline ${JSON.stringify(baseMe)}`);
    const baseHtml = await fetchOk(`${baseline.url}/logga-in`);
    if (Buffer.byteLength(baseHtml) !== Buffer.byteLength(loginHtml)) throw new Error("the baseline's login page is not the app's size");

    const loginPage = await compare("loginPage", `${app.url}/logga-in`, `${baseline.url}/logga-in`);
    const apiMe = await compare("apiMe", `${app.url}/api/v1/me`, `${baseline.url}/api/v1/me`, auth);

    const report = {
      settings: {
        connections,
        seconds,
        rounds,
        warmupSeconds,
        node: process.version,
        cpus: os.cpus().length,
        loginPageBytes: Buffer.byteLength(loginHtml),
      },
      note: "Figures are medians over the rounds; ratio = app / baseline: requestsPerSecond below 1 and latency above 1 mean the app is slower.",
      loginPage,
      apiMe,
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    await cleanUp();
  }
}

await main();
