/**
 * One audit row per view that shows many persons (decision 0051): the start page names every
 * family in one row, and the log review finds that row by any one of the persons it names, by the
 * array as well as by the single subject of the older rows.
 */
import { and, eq, gt, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DecidedFamily, decidedFamily, userId } from "../../test/fixtures.ts";
import { apiCall, apiToken, asOwner, type Browser, createTestApp, get, login, type TestApp } from "../../test/helpers.ts";
import { auditLog, users } from "../db/schema/index.ts";
import { stockholmDate } from "./model.ts";
import { auditEntriesQuery } from "./store.ts";

let t: TestApp;
const db = () => t.database.db;
const N = 4;
let families: DecidedFamily[] = [];
let outsider: DecidedFamily;
let worker: Browser;
let admin: Browser;
let token: string;

const lastId = async () =>
  (
    await db()
      .select({ id: sql<number>`coalesce(max(${auditLog.id}), 0)::int` })
      .from(auditLog)
  )[0]?.id ?? 0;
const personsOf = (f: DecidedFamily) => [...f.guardianIds, ...f.childIds];

beforeAll(async () => {
  t = await createTestApp();
  // Sara (handlaggare.syd) is the adult caseworker of N families; another family is not hers.
  families = [];
  for (let i = 0; i < N; i++) {
    families.push(
      await decidedFamily(t, {
        guardians: [{ name: `Gun Vylund${i}`, identityNumber: "", birthDate: "1981-02-03" }],
        children: [{ name: `Ebba Vylund${i}`, age: 6 + i, gender: "girl", unit: "Barn och unga Norr" }],
        staff: { adult: "handlaggare.syd" },
      }),
    );
  }
  outsider = await decidedFamily(t, {
    guardians: [{ name: "Ulf Utanför", identityNumber: "", birthDate: "1979-05-06" }],
    children: [{ name: "Ida Utanför", age: 9, gender: "girl", unit: "Barn och unga Norr" }],
    staff: { adult: "vuxenhandlaggare" },
  });
  worker = await login(t.app, "handlaggare.syd");
  admin = await login(t.app, "admin");
  token = await apiToken(t, "admin", ["audit.review"]);
});
afterAll(() => t.close());

describe("a view that shows many persons is one audit row", () => {
  let row: typeof auditLog.$inferSelect;

  it("writes one row naming every person of the N families on the start page, and one naming the colleagues", async () => {
    const before = await lastId();
    const start = await get(t.app, worker, "/start");
    expect(start.statusCode).toBe(200);
    for (let i = 0; i < N; i++) expect(start.body).toContain(`Familjen Vylund${i}`);
    const sara = await userId(t, "handlaggare.syd");
    const written = await db()
      .select()
      .from(auditLog)
      .where(and(gt(auditLog.id, before), eq(auditLog.actorUserId, sara), inArray(auditLog.action, ["worklist.view", "user.view"])));
    const worklist = written.filter((r) => r.action === "worklist.view");
    expect(worklist).toHaveLength(1);
    row = worklist[0] as typeof row;
    expect(row.subjectPersonId).toBeNull();
    expect(row.subjectPersonIds).toEqual(expect.arrayContaining(families.flatMap(personsOf)));
    expect(row.subjectPersonIds).toHaveLength(new Set(row.subjectPersonIds).size);
    expect(row.subjectPersonIds).not.toEqual(expect.arrayContaining([outsider.guardianIds[0]]));
    expect(row.detail).toMatchObject({ processIds: expect.arrayContaining(families.map((f) => f.processId)) });
    // The colleagues on the page: one row too, naming each of them.
    const colleagues = written.filter((r) => r.action === "user.view");
    expect(colleagues).toHaveLength(1);
    expect(colleagues[0]?.subjectUserIds.length).toBeGreaterThan(0);
    expect(colleagues[0]?.subjectUserId).toBeNull();
  });

  it("is found by the log review's page when asked about any one of the persons named", async () => {
    const day = stockholmDate(row.at);
    for (const person of [families[0]?.guardianIds[0], families[N - 1]?.childIds[0]]) {
      const res = await get(t.app, admin, `/logguppfoljning?person=person:${person}&action=worklist.view&from=${day}&to=${day}`);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain("Sara Sydström");
      expect(res.body).toContain(`Familjemedlemmar: ${row.subjectPersonIds.length}`);
      // The person asked about stays chosen in the form, named by id only.
      expect(res.body).toMatch(new RegExp(`<option value="person:${person}" selected`));
      expect(res.body).not.toContain("Vylund");
    }
    // A person the view did not show: not found.
    const other = await get(
      t.app,
      admin,
      `/logguppfoljning?person=person:${outsider.guardianIds[0]}&action=worklist.view&from=${day}&to=${day}`,
    );
    expect(other.statusCode).toBe(200);
    expect(other.body).not.toContain(`Familjemedlemmar: ${row.subjectPersonIds.length}`);
  });

  it("is found by the API by the array as well as by the single column of an older row, and the export names the persons", async () => {
    const person = families[1]?.childIds[0] ?? "";
    // An older row, one per person: found by the same question.
    const [old] = await db()
      .insert(auditLog)
      .values({
        actorUserId: await userId(t, "handlaggare.syd"),
        actorUsername: "handlaggare.syd",
        actorRoles: ["caseworker"],
        actorUnitIds: [],
        action: "worklist.view",
        recordType: "process",
        recordId: families[1]?.processId,
        subjectPersonId: person,
      })
      .returning();
    const day = stockholmDate(row.at);
    const to = stockholmDate(old?.at ?? row.at);
    const res = await apiCall(t.app, "GET", `/api/v1/audit-log?person=person:${person}&from=${day}&to=${to}&action=worklist.view`, token);
    expect(res.statusCode, res.body).toBe(200);
    const ids = (res.json() as { entries: Array<{ id: number; subject: { personIds: string[]; personId: string | null } }> }).entries;
    expect(ids.map((e) => e.id)).toEqual(expect.arrayContaining([row.id, old?.id]));
    expect(ids.find((e) => e.id === row.id)?.subject.personIds).toEqual(row.subjectPersonIds);
    expect(ids.find((e) => e.id === old?.id)?.subject.personId).toBe(person);
    // Not the outsider's.
    const outside = await apiCall(
      t.app,
      "GET",
      `/api/v1/audit-log?person=person:${outsider.childIds[0]}&from=${day}&to=${to}&action=worklist.view`,
      token,
    );
    expect((outside.json() as { entries: Array<{ id: number }> }).entries.map((e) => e.id)).not.toContain(row.id);
    // Reading the log about a family member is itself audited, naming them.
    const [read] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "audit.view"), eq(auditLog.subjectPersonId, person)));
    expect(read).toBeDefined();

    const csv = await get(t.app, admin, `/logguppfoljning/export.csv?person=person:${person}&from=${day}&to=${to}&action=worklist.view`);
    expect(csv.statusCode).toBe(200);
    const line = csv.body.split("\n").find((l) => l.includes(String(families[0]?.guardianIds[0])));
    expect(line).toBeDefined();
    for (const p of families.flatMap(personsOf)) expect(line).toContain(p);
  });

  it("refuses a person who is not the municipality's, field-linked, and reads nothing", async () => {
    const unknown = "00000000-0000-4000-8000-000000000001";
    const before = await lastId();
    const res = await apiCall(t.app, "GET", `/api/v1/audit-log?person=person:${unknown}`, token);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { field: "person", message: "Välj en person i listan. Du kan bara följa upp personer som du har behörighet till." },
    ]);
    const page = await get(t.app, admin, `/logguppfoljning?person=person:${unknown}`);
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('href="#f-person"');
    const audited = await db()
      .select()
      .from(auditLog)
      .where(and(gt(auditLog.id, before), eq(auditLog.action, "audit.view")));
    expect(audited).toHaveLength(0);
  });
});

describe("the per-person question at a few thousand rows", () => {
  it("is answered from the indexes: the GIN index of the persons shown and the single column's index", async () => {
    const person = families[2]?.guardianIds[0] ?? "";
    const admins = await db().select({ id: users.id, municipalityId: users.municipalityId }).from(users).where(eq(users.username, "admin"));
    const actor = admins[0];
    if (!actor) throw new Error("no admin");
    // A busy office: 4 000 views, each naming 20 of 2 000 other persons, and 2 000 single disclosures of them.
    await t.database.pool.query(
      `with pool as (select array_agg(gen_random_uuid()) ids from generate_series(1, 2000))
       insert into audit_log (actor_user_id, actor_username, actor_roles, actor_unit_ids, action, record_type, subject_person_ids, subject_person_id)
       select $1::uuid, 'admin'::text, '{caseworker}'::text[], '{}'::uuid[], 'worklist.view'::text, 'process'::text,
              array(select pool.ids[1 + (g * 20 + k) % 2000] from generate_series(1, 20) k), null::uuid
         from generate_series(1, 4000) g, pool
       union all
       select $1::uuid, 'admin'::text, '{caseworker}'::text[], '{}'::uuid[], 'process.view'::text, 'process'::text, '{}'::uuid[], pool.ids[1 + g % 2000]
         from generate_series(1, 2000) g, pool`,
      [actor.id],
    );
    // The statistics as autovacuum keeps them (a GIN index's own counts are brought up to date by VACUUM).
    await asOwner(t.database, (_db, pool) => pool.query("vacuum analyze audit_log"));
    const now = await t.database.pool.query<{ d: string }>("select (now() at time zone 'Europe/Stockholm')::date::text as d");
    const day = now.rows[0]?.d ?? "";
    const query = auditEntriesQuery(
      db(),
      { kind: "municipality", municipalityId: actor.municipalityId },
      { from: day, to: day, subject: { kind: "person", id: person }, page: 1, pageSize: 50 },
      { limit: 50 },
    ).toSQL();
    const plan = await t.database.pool.query(`explain ${query.sql}`, query.params);
    const text = plan.rows.map((r: { "QUERY PLAN": string }) => r["QUERY PLAN"]).join("\n");
    expect(text).toContain("audit_log_subject_person_ids_idx");
    expect(text).toContain("audit_log_subject_person_idx");
    expect(text).not.toMatch(/Seq Scan on audit_log\b/);
  });
});
