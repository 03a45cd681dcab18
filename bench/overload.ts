/**
 * The overload scenario (issue 16, "What bad input gets"): far more connections on the start page
 * than the app takes at once, for a few seconds. The app must shed with 503 and Retry-After (decision
 * 0053) rather than fail otherwise or run out of memory or database connections; then, after the
 * Retry-After a polite client waits, a recovery round at a normal load must be answered 200 only.
 * Measured beside it: the app's peak RSS, the database's connections (all clients, against its
 * max_connections) and the app's own pool and shed counts from /metrics (of the process that
 * answers the scrape). It reports; it asserts no timing.
 */

import autocannon from "autocannon";
import type pg from "pg";
import { sampleRss } from "./machine.ts";
import { percentile } from "./timing.ts";

export interface OverloadOptions {
  connections: number;
  seconds: number;
  recoveryConnections: number;
  /** The recovery round: this many answers in all (however long a busy machine takes for them). */
  recoveryRequests: number;
  log: (line: string) => void;
}

interface Counted {
  requests: number;
  ok: number;
  shedWithRetryAfter: number;
  shedWithoutRetryAfter: number;
  otherStatuses: Record<string, number>;
  errors: number;
  latencyP50Ms: number;
  latencyP95Ms: number;
  latencyP99Ms: number;
  retryAfterSeconds: number | null;
}

/** Loads `url` and counts every answer by status, and the 503s by whether they carry Retry-After. */
/** For `duration` seconds, or until `amount` answers have come (each may take up to 60 s: every answer is counted). */
function countedLoad(
  url: string,
  headers: Record<string, string>,
  connections: number,
  until: { duration: number } | { amount: number },
): Promise<Counted> {
  const counted: Counted = {
    requests: 0,
    ok: 0,
    shedWithRetryAfter: 0,
    shedWithoutRetryAfter: 0,
    otherStatuses: {},
    errors: 0,
    latencyP50Ms: 0,
    latencyP95Ms: 0,
    latencyP99Ms: 0,
    retryAfterSeconds: null,
  };
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        headers,
        connections,
        ...until,
        ...("amount" in until ? { timeout: 60 } : {}),
        setupClient: (client) => {
          // autocannon's parser (http-parser-js) hands the status and the raw header list here; its types say otherwise.
          (client as unknown as NodeJS.EventEmitter).on("headers", (info: { statusCode: number; headers: Array<string | Buffer> }) => {
            counted.requests++;
            if (info.statusCode === 200) counted.ok++;
            else if (info.statusCode === 503) {
              const at = info.headers.findIndex((h, i) => i % 2 === 0 && String(h).toLowerCase() === "retry-after");
              if (at >= 0) {
                counted.shedWithRetryAfter++;
                counted.retryAfterSeconds = Number(String(info.headers[at + 1])) || counted.retryAfterSeconds;
              } else counted.shedWithoutRetryAfter++;
            } else counted.otherStatuses[info.statusCode] = (counted.otherStatuses[info.statusCode] ?? 0) + 1;
          });
        },
      },
      (error, result) => {
        if (error) return reject(error);
        counted.errors = result.errors + result.timeouts;
        latencies.sort((a, b) => a - b);
        counted.latencyP50Ms = percentile(latencies, 50);
        counted.latencyP95Ms = percentile(latencies, 95);
        counted.latencyP99Ms = percentile(latencies, 99);
        resolve(counted);
      },
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
}

/** One scrape of the app's /metrics: its pool and its shed counts. */
async function scrape(appUrl: string): Promise<{ total: number; waiting: number; inFlight: number; shed: number } | null> {
  try {
    const res = await fetch(`${appUrl}/metrics`, { signal: AbortSignal.timeout(2000) });
    const text = await res.text();
    const value = (pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? 0);
    return {
      total: value(/^sofia_db_pool_connections\{state="total"\} (\d+)/m),
      waiting: value(/^sofia_db_pool_connections\{state="waiting"\} (\d+)/m),
      inFlight: value(/^sofia_http_requests_in_flight (\d+)/m),
      shed: value(/^sofia_http_shed_total\{reason="in_flight"\} (\d+)/m) + value(/^sofia_http_shed_total\{reason="database"\} (\d+)/m),
    };
  } catch {
    return null;
  }
}

export async function measureOverload(
  pool: pg.Pool,
  appUrl: string,
  appPid: number | undefined,
  path: string,
  headers: Record<string, string>,
  options: OverloadOptions,
) {
  const { log } = options;
  const maxConnections = Number(
    (await pool.query<{ setting: string }>("select setting from pg_settings where name = 'max_connections'")).rows[0]?.setting,
  );
  const connectionsNow = async () =>
    (await pool.query<{ n: number }>("select count(*)::int as n from pg_stat_activity where datname = current_database()")).rows[0]?.n ?? 0;
  const before = await scrape(appUrl);
  const peaks = { databaseConnections: await connectionsNow(), poolTotal: 0, poolWaiting: 0, inFlight: 0, scrapes: 0, failedScrapes: 0 };
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const [n, m] = await Promise.all([connectionsNow().catch(() => 0), scrape(appUrl)]);
      peaks.databaseConnections = Math.max(peaks.databaseConnections, n);
      if (m) {
        peaks.scrapes++;
        peaks.poolTotal = Math.max(peaks.poolTotal, m.total);
        peaks.poolWaiting = Math.max(peaks.poolWaiting, m.waiting);
        peaks.inFlight = Math.max(peaks.inFlight, m.inFlight);
      } else peaks.failedScrapes++;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();

  log(`overload: ${options.connections} connections on ${path} for ${options.seconds} s`);
  const rss = sampleRss(appPid);
  const overload = await countedLoad(`${appUrl}${path}`, headers, options.connections, { duration: options.seconds });
  const peakRssMiB = rss.stop();
  sampling = false;
  await sampler;
  const after = await scrape(appUrl);

  // A polite client waits what Retry-After says before it comes back.
  const wait = overload.retryAfterSeconds ?? 5;
  log(
    `overload: waiting the Retry-After of ${wait} s, then ${options.recoveryRequests} requests at ${options.recoveryConnections} connections`,
  );
  await new Promise((resolve) => setTimeout(resolve, wait * 1000));
  const recoveryRss = sampleRss(appPid);
  const recovery = await countedLoad(`${appUrl}${path}`, headers, options.recoveryConnections, {
    amount: options.recoveryRequests,
  });
  const recoveryPeakRssMiB = recoveryRss.stop();

  const recovered = recovery.requests === options.recoveryRequests && recovery.ok === recovery.requests && recovery.errors === 0;
  const shedCleanly = overload.shedWithoutRetryAfter === 0 && Object.keys(overload.otherStatuses).length === 0 && overload.errors === 0;
  if (!recovered) {
    // Reported with the figures, and the run fails.
    process.exitCode = 1;
    log(
      recovery.requests === 0
        ? `overload: the recovery round at ${options.recoveryConnections} connections finished no request`
        : `overload: the recovery round at ${options.recoveryConnections} connections was not all 200: ${JSON.stringify(recovery)}`,
    );
  }
  if (!shedCleanly) log(`overload: answers other than 200 and 503 with Retry-After, or errors: ${JSON.stringify(overload)}`);
  return {
    path,
    connections: options.connections,
    seconds: options.seconds,
    overload: { ...overload, peakRssMiB },
    database: {
      maxConnections,
      peakConnectionsAllClients: peaks.databaseConnections,
      appPoolPeakTotal: peaks.poolTotal,
      appPoolPeakWaiting: peaks.poolWaiting,
      appPeakInFlight: peaks.inFlight,
      metricsScrapes: peaks.scrapes,
      metricsScrapesFailed: peaks.failedScrapes,
    },
    shedCountedByApp: before && after ? after.shed - before.shed : null,
    recovery: { connections: options.recoveryConnections, ...recovery, peakRssMiB: recoveryPeakRssMiB },
    shedCleanly,
    recovered,
  };
}
