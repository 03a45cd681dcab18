/**
 * Loads generated families (src/demo/families.ts) into the demo municipality of a migrated database
 * with PostgreSQL COPY ... FROM STDIN, in batches so that memory stays bounded. Adds caseworkers
 * (about 30 families each) and process leaders, and units so that no unit has more than about 25
 * caseworkers, like a large municipality. Used by `npm run bench:data` and by `npm run bench`.
 */
import crypto from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { getTableColumns, getTableName, type Table } from "drizzle-orm";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import * as schema from "../src/db/schema/index.ts";
import { type FamilyRows, generateFamilies, type StaffMember, tableOrder } from "../src/demo/families.ts";
import { calendarDateInSweden } from "../src/platform/dates.ts";
import { withSealedIdentityNumber } from "../src/platform/identity-crypto.ts";
import type { Content } from "../src/workmodels/model.ts";

export const MAX_FAMILIES = 150_000;
const BATCH = 2_000;
const FAMILIES_PER_CASEWORKER = 30;
const CASEWORKERS_PER_UNIT = 25;
const FAMILIES_PER_PROCESS_LEADER = 120;

const tables: Record<(typeof tableOrder)[number], Table> = {
  requests: schema.requests,
  requestPersons: schema.requestPersons,
  processes: schema.processes,
  processAssignments: schema.processAssignments,
  meetings: schema.meetings,
  meetingParticipants: schema.meetingParticipants,
  processInterruptions: schema.processInterruptions,
  supportMeasures: schema.supportMeasures,
  consultations: schema.consultations,
  childImpactAnalyses: schema.childImpactAnalyses,
  safetyRatings: schema.safetyRatings,
};

/** One value in COPY's text format: \N for null, and backslash, tab and line breaks escaped. */
function copyValue(value: unknown): string {
  if (value === null || value === undefined) return "\\N";
  let text: string;
  if (value instanceof Date) text = value.toISOString();
  else if (typeof value === "boolean") text = value ? "t" : "f";
  else if (typeof value === "object") text = JSON.stringify(value);
  else text = String(value);
  return text.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"));
}

async function copyRows(client: pg.PoolClient, table: Table, rows: Array<Record<string, unknown>>): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.entries(getTableColumns(table));
  const names = columns.map(([, c]) => `"${c.name}"`).join(", ");
  function* lines() {
    for (const row of rows) yield `${columns.map(([key]) => copyValue(row[key])).join("\t")}\n`;
  }
  await pipeline(Readable.from(lines()), client.query(copyFrom(`copy "${getTableName(table)}" (${names}) from stdin`)));
}

export interface LoadResult {
  families: number;
  rows: number;
  seconds: number;
  seed: number;
  caseworkers: number;
}

/**
 * Adds `families` generated families to the demo municipality (code 9999), with new caseworkers,
 * process leaders and units. Each run has a seed of its own, so runs add to each other.
 */
export async function loadFamilies(pool: pg.Pool, families: number, log: (line: string) => void): Promise<LoadResult> {
  const count = Math.min(MAX_FAMILIES, Math.max(1, Math.floor(families)));
  const seed = crypto.randomInt(1, 2 ** 31 - 1);
  const run = seed.toString(36);
  const one = async <T>(text: string, values: unknown[] = []): Promise<T> => {
    const result = await pool.query(text, values);
    if (!result.rows[0]) throw new Error(`no row: ${text}`);
    return result.rows[0] as T;
  };
  const municipality = await pool.query<{ id: string }>("select id from municipalities where code = '9999' order by created_at limit 1");
  const municipalityId = municipality.rows[0]?.id;
  if (!municipalityId) throw new Error("Ingen demokommun (kod 9999) i databasen: starta Sofia en gång med SOFIA_DEMO påslaget först.");
  const model = async (key: string) => {
    const row = await one<{ id: string; content: Content }>(
      `select v.id, v.content from work_model_versions v join work_models m on m.id = v.work_model_id
       where m.municipality_id = $1 and m.key = $2 and v.status = 'published' order by v.number desc limit 1`,
      [municipalityId, key],
    );
    return { versionId: row.id, content: row.content };
  };
  const managers = (
    await pool.query<{ id: string }>(
      "select u.id from users u join user_roles r on r.user_id = u.id where u.municipality_id = $1 and r.role = 'unit_manager'",
      [municipalityId],
    )
  ).rows.map((r) => r.id);
  if (managers.length === 0) throw new Error("the demo municipality has no unit manager");

  // Staff: each family has a child and an adult caseworker; about 30 families per caseworker.
  const perSide = Math.max(1, Math.ceil(count / FAMILIES_PER_CASEWORKER));
  const leaders = Math.max(1, Math.ceil(count / FAMILIES_PER_PROCESS_LEADER));
  const client = await pool.connect();
  const staff = { child: [] as StaffMember[], adult: [] as StaffMember[], leaders: [] as string[] };
  const childUnits: string[] = [];
  const addictionUnits: string[] = [];
  try {
    await client.query("begin");
    const makeSide = async (kind: "child_youth" | "addiction_adult", label: string, into: StaffMember[], unitsInto: string[]) => {
      const unitCount = Math.ceil(perSide / CASEWORKERS_PER_UNIT);
      for (let u = 0; u < unitCount; u++) {
        const unit = await client.query<{ id: string }>(
          "insert into units (municipality_id, name, kind) values ($1, $2, $3) returning id",
          [municipalityId, `${label} ${run}-${u + 1}`, kind],
        );
        const unitId = unit.rows[0]?.id ?? "";
        unitsInto.push(unitId);
        const inUnit = Math.min(CASEWORKERS_PER_UNIT, perSide - u * CASEWORKERS_PER_UNIT);
        for (let i = 0; i < inUnit; i++) {
          const username = `bench.${run}.${kind === "child_youth" ? "barn" : "vuxen"}.${u + 1}.${i + 1}`;
          const user = await client.query<{ id: string }>(
            "insert into users (municipality_id, username, display_name) values ($1, $2, $3) returning id",
            [municipalityId, username, `${kind === "child_youth" ? "Barnhandläggare" : "Vuxenhandläggare"} ${u + 1}.${i + 1}`],
          );
          const userId = user.rows[0]?.id ?? "";
          await client.query("insert into user_roles (user_id, role) values ($1, 'caseworker')", [userId]);
          await client.query("insert into user_units (user_id, unit_id) values ($1, $2)", [userId, unitId]);
          into.push({ id: userId, unitId });
        }
      }
    };
    await makeSide("child_youth", "Barn och unga område", staff.child, childUnits);
    await makeSide("addiction_adult", "Beroendeenheten område", staff.adult, addictionUnits);
    for (let i = 0; i < leaders; i++) {
      const user = await client.query<{ id: string }>(
        "insert into users (municipality_id, username, display_name) values ($1, $2, $3) returning id",
        [municipalityId, `bench.${run}.processledare.${i + 1}`, `Processledare ${i + 1}`],
      );
      const userId = user.rows[0]?.id ?? "";
      await client.query("insert into user_roles (user_id, role) values ($1, 'process_leader')", [userId]);
      staff.leaders.push(userId);
    }
    await client.query("commit");
  } catch (e) {
    await client.query("rollback").catch(() => {});
    client.release();
    throw e;
  }

  const models = { sofia: await model("sofiamodellen"), processSupport: await model("familjeorienterat-processtod") };
  const today = calendarDateInSweden(new Date());
  const started = process.hrtime.bigint();
  let rows = 0;
  try {
    for (let offset = 0; offset < count; offset += BATCH) {
      const batch: FamilyRows = generateFamilies({
        seed,
        offset,
        count: Math.min(BATCH, count - offset),
        today,
        municipalityId,
        models,
        units: { child: childUnits, addiction: addictionUnits },
        staff: {
          childCaseworkers: staff.child,
          adultCaseworkers: staff.adult,
          processLeaders: staff.leaders,
          managers,
          registrars: [...staff.child.slice(0, 50).map((s) => s.id), ...staff.leaders.slice(0, 10)],
        },
      });
      await client.query("begin");
      for (const name of tableOrder) {
        // Identity numbers go in encrypted, with their blind index, by the app's own helper (decision 0061).
        const list = (name === "requestPersons" ? batch.requestPersons.map(withSealedIdentityNumber) : batch[name]) as unknown as Array<
          Record<string, unknown>
        >;
        await copyRows(client, tables[name], list);
        rows += list.length;
      }
      await client.query("commit");
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      log(`${Math.min(count, offset + BATCH)} / ${count} families, ${rows} rows, ${Math.round(rows / seconds)} rows/s`);
    }
    await client.query("analyze");
  } catch (e) {
    await client.query("rollback").catch(() => {});
    throw e;
  } finally {
    client.release();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { families: count, rows, seconds: Math.round(seconds * 10) / 10, seed, caseworkers: staff.child.length + staff.adult.length };
}
