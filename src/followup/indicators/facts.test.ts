/**
 * The kept rows of the family, child, meeting and stop units (decision 0068): after the demo is loaded
 * and after every kind of change, the kept rows are exactly the rows the units' own statements make
 * from the families' tables; a change marks only its own request; a deleted request loses its rows;
 * a writer's unfinished transaction keeps its request stale rather than being counted half-way.
 */
import { type SQL, sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, TEST_PASSWORD, type TestDatabase, testClock } from "../../../test/helpers.ts";
import { seedDemo } from "../../demo/index.ts";
import { rows } from "../../platform/database.ts";
import { keptFields, keptRows, refreshFacts } from "./facts.ts";
import { fields } from "./model.ts";
import { computedOnRead, type KeptUnit, keptUnitRows, keptUnits } from "./units.ts";

let database: TestDatabase;
let m: string;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db, TEST_PASSWORD, testClock());
  const [first] = await rows<{ id: string }>(database.db, sql`select id from municipalities order by name limit 1`);
  m = first?.id ?? "";
});
afterAll(() => database.drop());

/** The day the rows are read on (a stop due before it and not held is overdue). */
const TODAY = "2026-12-07";

/** A unit's rows as sorted lines of their catalog fields, from `relation`. */
async function lines(unit: KeptUnit, relation: SQL): Promise<string[]> {
  const names = Object.keys(fields[unit]).map((f) => sql`x.${sql.identifier(f)}`);
  const found = await rows<Record<string, unknown>>(database.db, sql`select ${sql.join(names, sql`, `)} from (${relation}) x`);
  return found.map((r) => JSON.stringify(r)).sort();
}

/** A unit's rows as its statement makes them now, with the fields computed on read computed from them. */
function madeRows(unit: KeptUnit): SQL {
  const computed = Object.entries(computedOnRead[unit] ?? {}).map(([name, field]) => sql`, ${field(TODAY)} as ${sql.identifier(name)}`);
  return sql`select x.*${sql.join(computed)} from (${keptUnitRows[unit](m, null)}) x`;
}

/** After a refresh, every kept unit's rows are the rows its statement makes now. */
async function expectKeptAsMade() {
  await refreshFacts(database.db);
  for (const unit of keptUnits) {
    const made = await lines(unit, madeRows(unit));
    expect(made.length, unit).toBeGreaterThan(0);
    expect(await lines(unit, keptRows(unit, m, TODAY)), unit).toEqual(made);
  }
}

const stale = async () =>
  (await rows<{ request_id: string }>(database.db, sql`select request_id from derived.indicator_stale_requests order by 1`)).map(
    (r) => r.request_id,
  );

/** A request of the demo with a process, held meetings, attendance and a child; its process and one held family meeting. */
async function aFamily() {
  const [found] = await rows<{ request: string; process: string; meeting: string }>(
    database.db,
    sql`select p.request_id as request, p.id as process, mt.id as meeting from processes p
      join meetings mt on mt.process_id = p.id and mt.status = 'held' and mt.child_id is null
      where p.municipality_id = ${m}
        and exists (select 1 from meeting_participants mp where mp.meeting_id = mt.id and mp.attended)
        and exists (select 1 from request_persons c where c.request_id = p.request_id and c.kind = 'child')
      order by p.started_on, mt.held_on limit 1`,
  );
  if (!found) throw new Error("the demo has no family with a held meeting");
  return found;
}

describe("kept indicator rows", () => {
  it("are the units' own rows after the demo is loaded, and nothing is left stale", async () => {
    expect((await stale()).length).toBeGreaterThan(0);
    await expectKeptAsMade();
    expect(await stale()).toEqual([]);
  });

  it("have a column for every field of the unit's catalog but those computed when read", async () => {
    expect(keptFields("stop")).not.toContain("state");
    for (const [unit, table] of [
      ["family", "indicator_family_facts"],
      ["child", "indicator_child_facts"],
      ["meeting", "indicator_meeting_facts"],
      ["stop", "indicator_stop_facts"],
    ] as const) {
      const columns = await rows<{ name: string }>(
        database.db,
        sql`select column_name as name from information_schema.columns where table_schema = 'derived' and table_name = ${table} order by ordinal_position`,
      );
      expect(columns.map((c) => c.name)).toEqual(["municipality_id", "request_id", ...keptFields(unit)]);
    }
  });

  it("are made again for the one request a change touches, whatever table it changes", async () => {
    const f = await aFamily();
    const changes: SQL[] = [
      sql`update meetings set held_on = held_on - 3 where id = ${f.meeting}`,
      sql`delete from meeting_participants where meeting_id = ${f.meeting} and attended`,
      sql`update request_persons set attitude = 'denies' where request_id = ${f.request} and kind = 'guardian'`,
      sql`update request_persons set birth_date = birth_date - 400 where request_id = ${f.request} and kind = 'child'`,
      sql`update processes set phase = 'halfway' where id = ${f.process}`,
      sql`update process_assignments set assigned_on = assigned_on - 5 where process_id = ${f.process}`,
      sql`update requests set household = 'single' where id = ${f.request}`,
      sql`update meetings set status = 'not_attended' where id = ${f.meeting}`,
    ];
    for (const change of changes) {
      await database.db.execute(change);
      expect(await stale()).toEqual([f.request]);
      await expectKeptAsMade();
      expect(await stale()).toEqual([]);
    }
  });

  it("are made again for a change to support, interruptions, impact analyses, consultations and survey responses", async () => {
    for (const [table, column] of [
      ["support_measures", "process_id"],
      ["process_interruptions", "process_id"],
      ["child_impact_analyses", "process_id"],
      ["consultations", "process_id"],
      ["survey_responses", "meeting_id"],
    ] as const) {
      const via =
        column === "process_id"
          ? sql`processes p on p.id = t.process_id`
          : sql`meetings mt on mt.id = t.meeting_id join processes p on p.id = mt.process_id`;
      const [row] = await rows<{ id: string; request: string }>(
        database.db,
        sql`select t.id, p.request_id as request from ${sql.identifier(table)} t join ${via} where p.municipality_id = ${m} limit 1`,
      );
      expect(row, table).toBeDefined();
      if (table === "survey_responses") await database.db.execute(sql`delete from survey_answers where response_id = ${row?.id}`);
      await database.db.execute(sql`delete from ${sql.identifier(table)} where id = ${row?.id}`);
      expect(await stale(), table).toEqual([row?.request]);
      await expectKeptAsMade();
    }
  });

  it("are gone for a deleted request", async () => {
    const [made] = await rows<{ id: string }>(
      database.db,
      sql`insert into requests (municipality_id, request_date, household, custody, reason, case_type, registered_by)
        select ${m}, '2026-11-02', 'together', 'joint', 'Test', 1, u.id from users u where u.municipality_id = ${m} limit 1 returning id`,
    );
    await expectKeptAsMade();
    const kept = async () =>
      (
        await rows<{ n: number }>(
          database.db,
          sql`select count(*)::int as n from derived.indicator_family_facts where request_id = ${made?.id}`,
        )
      )[0]?.n;
    expect(await kept()).toBe(1);
    await database.db.execute(sql`delete from requests where id = ${made?.id}`);
    // Gone at once, in the deleting transaction (an erased family leaves nothing behind).
    expect(await kept()).toBe(0);
    expect(await stale()).toEqual([made?.id]);
    await expectKeptAsMade();
    expect(await kept()).toBe(0);
  });

  it("keep a request stale while a writer's transaction is unfinished, and count what was committed", async () => {
    const f = await aFamily();
    await database.db.execute(sql`update meetings set planned_date = planned_date where id = ${f.meeting}`);
    expect(await stale()).toEqual([f.request]);
    const writer = new pg.Client({ connectionString: database.ownerUrl });
    await writer.connect();
    try {
      await writer.query("begin");
      await writer.query("update meetings set held_on = held_on + 2 where id = $1", [f.meeting]);
      // The refresh does not wait for the writer: it leaves the request it holds.
      await expectKeptAsMade();
      expect(await stale()).toEqual([f.request]);
      await writer.query("commit");
    } finally {
      await writer.end();
    }
    await expectKeptAsMade();
    expect(await stale()).toEqual([]);
  });

  it("are made in one pass for a municipality with many stale requests", async () => {
    await database.db.execute(
      sql`insert into derived.indicator_stale_requests (request_id) select id from requests on conflict do nothing`,
    );
    await refreshFacts(database.db, 1);
    expect(await stale()).toEqual([]);
    await expectKeptAsMade();
  });
});
