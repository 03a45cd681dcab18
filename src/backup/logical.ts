/**
 * The logical export and load (decision 0067): every table of the schema `public`, found in the
 * catalog (never listed by hand), as PostgreSQL's own COPY text, in a defined order, inside one
 * REPEATABLE READ snapshot; loaded with COPY FROM in the order of the foreign keys.
 */
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { countLines, type TableEntry } from "./model.ts";

/** The schema whose tables are Sofia's data; `drizzle` (the migrations) and `pgboss` (the job queue) are rebuilt. */
export const DATA_SCHEMA = "public";

export type Client = pg.ClientBase;

/**
 * COPY's text is the same on every server and session: times in UTC and ISO, floats exact, bytea
 * in hex. Set for the export, the checksums after a load and the load itself.
 */
export async function fixOutput(client: Client): Promise<void> {
  for (const s of [
    "set time zone 'UTC'",
    "set datestyle = 'ISO, YMD'",
    "set intervalstyle = 'postgres'",
    "set extra_float_digits = 3",
    "set bytea_output = 'hex'",
    "set client_encoding = 'UTF8'",
    "set search_path = public, pg_catalog",
  ]) {
    await client.query(s);
  }
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

export interface TablePlan {
  name: string;
  columns: string[];
  orderBy: string;
}

/** The data tables in load order: a table after those its foreign keys refer to (a self-reference is fine in one COPY). */
export async function planTables(client: Client): Promise<TablePlan[]> {
  const tables = await client.query<{ oid: number; name: string }>(
    `select c.oid::int as oid, c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = $1 and c.relkind in ('r', 'p') and not c.relispartition order by c.relname`,
    [DATA_SCHEMA],
  );
  const columns = await client.query<{ oid: number; name: string }>(
    `select a.attrelid::int as oid, a.attname as name from pg_attribute a join pg_class c on c.oid = a.attrelid
       join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = $1 and a.attnum > 0 and not a.attisdropped and a.attgenerated = '' order by a.attrelid, a.attnum`,
    [DATA_SCHEMA],
  );
  const keys = await client.query<{ oid: number; name: string; collatable: boolean }>(
    `select i.indrelid::int as oid, a.attname as name, a.attcollation <> 0 as collatable
       from pg_index i join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
       cross join lateral unnest(i.indkey) with ordinality k(attnum, ord)
       join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
      where n.nspname = $1 and i.indisprimary order by i.indrelid, k.ord`,
    [DATA_SCHEMA],
  );
  const references = await client.query<{ from: number; to: number }>(
    `select conrelid::int as from, confrelid::int as to from pg_constraint
      where contype = 'f' and connamespace = (select oid from pg_namespace where nspname = $1) and conrelid <> confrelid`,
    [DATA_SCHEMA],
  );
  const byOid = new Map(tables.rows.map((t) => [t.oid, t.name]));
  const plans = new Map<number, TablePlan>();
  for (const t of tables.rows) {
    const key = keys.rows.filter((k) => k.oid === t.oid);
    // Text compared byte by byte ("C"), so that the order (and the checksum) is the same on any server's collation.
    const orderBy = key.length
      ? key.map((k) => `${quote(k.name)}${k.collatable ? ' collate "C"' : ""}`).join(", ")
      : `(${quote(t.name)}.*)::text collate "C"`;
    plans.set(t.oid, { name: t.name, columns: columns.rows.filter((c) => c.oid === t.oid).map((c) => c.name), orderBy });
  }
  // Kahn's order, by name among the ready ones, so that the order is stable.
  const needs = new Map<number, Set<number>>([...plans.keys()].map((oid) => [oid, new Set<number>()]));
  for (const r of references.rows) if (byOid.has(r.from) && byOid.has(r.to)) needs.get(r.from)?.add(r.to);
  const ordered: TablePlan[] = [];
  while (needs.size > 0) {
    const ready = [...needs].filter(([, n]) => n.size === 0).map(([oid]) => oid);
    if (ready.length === 0) {
      throw new Error(`Tabellerna ${[...needs.keys()].map((o) => byOid.get(o)).join(", ")} refererar till varandra i en cirkel`);
    }
    ready.sort((a, b) => (byOid.get(a) ?? "").localeCompare(byOid.get(b) ?? ""));
    for (const oid of ready) {
      ordered.push(plans.get(oid) as TablePlan);
      needs.delete(oid);
    }
    for (const n of needs.values()) for (const oid of ready) n.delete(oid);
  }
  return ordered;
}

/** The COPY of a table's rows in its defined order. */
export const copyOutSql = (t: Pick<TablePlan, "name" | "columns" | "orderBy">) =>
  `copy (select ${t.columns.map(quote).join(", ")} from ${quote(DATA_SCHEMA)}.${quote(t.name)} order by ${t.orderBy}) to stdout`;

/** Streams a table's COPY text through `each`. */
export async function copyOut(
  client: Client,
  table: Pick<TablePlan, "name" | "columns" | "orderBy">,
  each: (chunk: Buffer) => void | Promise<void>,
): Promise<void> {
  const stream = client.query(copyTo(copyOutSql(table)));
  for await (const chunk of stream as AsyncIterable<Buffer>) await each(chunk);
}

/** A table's row count, byte size and sha256 of its COPY text. */
export async function measure(client: Client, table: TablePlan): Promise<TableEntry> {
  const hash = createHash("sha256");
  let rows = 0;
  let bytes = 0;
  await copyOut(client, table, (chunk) => {
    hash.update(chunk);
    rows += countLines(chunk);
    bytes += chunk.length;
  });
  return { ...table, rows, bytes, sha256: hash.digest("hex") };
}

/** Loads a table's COPY text. */
export async function copyIn(client: Client, table: Pick<TableEntry, "name" | "columns">, body: AsyncIterable<Buffer>): Promise<void> {
  const target = client.query(
    copyFrom(`copy ${quote(DATA_SCHEMA)}.${quote(table.name)} (${table.columns.map(quote).join(", ")}) from stdin`),
  );
  await pipeline(Readable.from(body), target);
}

/** The data schema's sequences and their values (read outside the snapshot: never lower than it needs). */
export async function readSequences(client: Client): Promise<{ name: string; lastValue: string | null }[]> {
  const { rows } = await client.query<{ name: string; last: string | null }>(
    "select sequencename as name, last_value::text as last from pg_sequences where schemaname = $1 order by sequencename",
    [DATA_SCHEMA],
  );
  return rows.map((r) => ({ name: r.name, lastValue: r.last }));
}

export async function writeSequences(client: Client, sequences: readonly { name: string; lastValue: string | null }[]): Promise<void> {
  for (const s of sequences) {
    if (s.lastValue === null) continue;
    await client.query("select setval($1::regclass, $2::bigint, true)", [`${quote(DATA_SCHEMA)}.${quote(s.name)}`, s.lastValue]);
  }
}

/** The tables of the schemas Sofia owns: a target with any of them is not empty. */
export async function tablesIn(client: Client): Promise<number> {
  const { rows } = await client.query<{ n: number }>(
    `select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname in ('public', 'drizzle', 'pgboss', 'derived') and c.relkind in ('r', 'p')`,
  );
  return rows[0]?.n ?? 0;
}
