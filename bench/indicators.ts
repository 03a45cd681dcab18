/**
 * npm run bench:indicators [-- --days N --timeout S --explain key[,key…]]: on the database that
 * `npm start` finds (DATABASE_URL, or the embedded one in the data folder; load it with
 * `npm run bench:data`), times every published indicator of the municipality with the most requests,
 * each evaluated alone as the follow-up evaluates it (src/followup/indicators/sql.ts: the period of
 * the last N days up to today, default 365, and the period of the same length before it), then each
 * batch as the follow-up runs it (definitions of one unit and one date field in one statement).
 * Prints the times sorted, slowest first (JSON on stdout). A statement that runs longer than the
 * timeout (default 120 s) is stopped and printed as timed out. `--explain` prints
 * EXPLAIN (ANALYZE, BUFFERS) of the named indicators' statements (on stderr); with `--plan-only`
 * only their plans (EXPLAIN), and nothing is timed. `--only key,…` times only those indicators.
 * The kept rows (decision 0068) are made for the stale requests first, timed on their own
 * (`refreshMs`), so that every timed statement reads current rows.
 */
import { sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { refreshFacts } from "../src/followup/indicators/facts.ts";
import type { Definition } from "../src/followup/indicators/model.ts";
import { batchesOf, batchQuery, evaluateBatch, type Period } from "../src/followup/indicators/sql.ts";
import { publishedIndicators } from "../src/followup/service.ts";
import { bootDatabase } from "../src/platform/boot.ts";
import { loadConfig } from "../src/platform/config.ts";
import type { Db } from "../src/platform/database.ts";
import { addDays, todayInSweden } from "../src/platform/dates.ts";
import { elapsed, ms } from "./timing.ts";

function argument(argv: string[], name: string): string | undefined {
  const at = argv.indexOf(`--${name}`);
  return at >= 0 ? argv[at + 1] : argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

function wholeNumber(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number from 1: ${raw}`);
  return n;
}

const argv = process.argv.slice(2);
const days = wholeNumber(argument(argv, "days"), 365, "days");
const timeoutSeconds = wholeNumber(argument(argv, "timeout"), 120, "timeout");
const explain = new Set((argument(argv, "explain") ?? "").split(",").filter((k) => k !== ""));
/** `--plan-only`: the plans without running the statements (EXPLAIN without ANALYZE), and nothing timed. */
const planOnly = argv.includes("--plan-only");
/** `--only key,…`: time only these indicators (and the batches they are in). */
const only = new Set((argument(argv, "only") ?? "").split(",").filter((k) => k !== ""));

const log = (line: string) => process.stderr.write(`${line}\n`);

/** `work` in a read-only transaction whose statements stop after the timeout; the milliseconds, or null when it timed out. */
async function timed(db: Db, work: (tx: Db) => Promise<unknown>): Promise<number | null> {
  try {
    return await elapsed(() =>
      db.transaction(async (tx) => {
        await tx.execute(sql.raw(`set local statement_timeout = ${timeoutSeconds * 1000}`));
        await work(tx as unknown as Db);
      }),
    );
  } catch (e) {
    const code = (e as { code?: string; cause?: { code?: string } }).cause?.code ?? (e as { code?: string }).code;
    if (code === "57014") return null;
    throw e;
  }
}

const booted = await bootDatabase(loadConfig(), log);
try {
  const { db, pool } = booted.database;
  const [municipality] = await pool
    .query<{ id: string; requests: number }>(
      `select m.id, (select count(*)::int from requests r where r.municipality_id = m.id) as requests
       from municipalities m order by 2 desc, m.id limit 1`,
    )
    .then((r) => r.rows);
  if (!municipality) throw new Error("no municipality");
  const today = todayInSweden();
  const from = addDays(today, -(days - 1));
  const periods: Period[] = [
    { key: "current", from, to: today },
    { key: "previous", from: addDays(from, -days), to: addDays(from, -1) },
  ];
  const published = (await publishedIndicators(db, municipality.id)).filter((p) => only.size === 0 || only.has(p.key));
  log(`${published.length} indicators, ${municipality.requests} requests, periods ${JSON.stringify(periods)}`);
  const refreshMs = ms(await elapsed(() => refreshFacts(db)));
  log(`kept rows made for the stale requests: ${refreshMs} ms`);

  for (const p of published.filter((i) => explain.has(i.key))) {
    const query = new PgDialect().sqlToQuery(batchQuery([p.content], municipality.id, periods, today));
    const options = planOnly ? "" : "(analyze, buffers) ";
    const plan = await pool.query<{ "QUERY PLAN": string }>(`explain ${options}${query.sql}`, query.params as unknown[]);
    log(`\n--- ${p.key}\n${plan.rows.map((r) => r["QUERY PLAN"]).join("\n")}`);
  }

  if (!planOnly) {
    const alone: Array<{ key: string; unit: string; periodDate: string; ms: number | null }> = [];
    for (const p of published) {
      const took = await timed(db, (tx) => evaluateBatch(tx, [p.content], municipality.id, periods, today));
      log(`${p.key}: ${took === null ? `over ${timeoutSeconds} s` : `${ms(took)} ms`}`);
      alone.push({ key: p.key, unit: p.content.unit, periodDate: p.content.periodDate, ms: took === null ? null : ms(took) });
    }
    const definitions: Definition[] = published.map((p) => p.content);
    const batches: Array<{ batch: string; indicators: number; ms: number | null }> = [];
    for (const batch of batchesOf(definitions)) {
      const first = definitions[batch[0] as number] as Definition;
      const took = await timed(db, (tx) =>
        evaluateBatch(
          tx,
          batch.map((i) => definitions[i] as Definition),
          municipality.id,
          periods,
          today,
        ),
      );
      batches.push({ batch: `${first.unit}/${first.periodDate}`, indicators: batch.length, ms: took === null ? null : ms(took) });
    }
    const slowestFirst = (a: { ms: number | null }, b: { ms: number | null }) =>
      (b.ms ?? Number.POSITIVE_INFINITY) - (a.ms ?? Number.POSITIVE_INFINITY);
    const sum = (xs: Array<{ ms: number | null }>) => ms(xs.reduce((n, x) => n + (x.ms ?? 0), 0));
    process.stdout.write(
      `${JSON.stringify(
        {
          requests: municipality.requests,
          periods,
          refreshMs,
          timeoutSeconds,
          indicatorsMs: sum(alone),
          batchesMs: sum(batches),
          timedOut: alone.filter((a) => a.ms === null).map((a) => a.key),
          batches: batches.sort(slowestFirst),
          indicators: alone.sort(slowestFirst),
        },
        null,
        2,
      )}\n`,
    );
  }
} finally {
  await booted.stop();
}
