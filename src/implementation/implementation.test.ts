/**
 * Implementation activities and participation per unit against a real PostgreSQL: the form's rules
 * (held needs participants, cancelled needs its reason and only then), nothing stored on bad input,
 * stale versions (409), the audit rows, permissions (analyst reads, caseworker refused), and the
 * participation figures counted from process_assignments rows of a fixture built here, with
 * suppression at the municipality's minimum group size.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiCall, apiToken, type Browser, createTestApp, get, login, postForm, type TestApp, testClock } from "../../test/helpers.ts";
import {
  auditLog,
  implementationActivities,
  implementationActivityUnits,
  municipalities,
  processAssignments,
  processes,
  units,
  userRoles,
  users,
  userUnits,
} from "../db/schema/index.ts";
import { addDays } from "../platform/dates.ts";

let t: TestApp;
let leader: Browser;
let leaderToken = "";
let adminToken = "";
let norrId = "";
let sydId = "";

const db = () => t.database.db;
const plain = (html: string) => html.replace(/[\u00a0\u202f]/g, " ");
/** The held training of the form: 53 days before the test clock's today (first written as 2025-10-14, shown in December 2026). */
const HELD_ON = addDays(testClock().today(), -53);
const longSwedishDate = (iso: string) =>
  new Intl.DateTimeFormat("sv-SE", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(`${iso}T00:00:00Z`),
  );
const versionIn = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? "";
const activityCount = async () => (await db().select({ n: sql<number>`count(*)::int` }).from(implementationActivities))[0]?.n ?? 0;
const linkCount = async () => (await db().select({ n: sql<number>`count(*)::int` }).from(implementationActivityUnits))[0]?.n ?? 0;
const audits = (action: string) => db().select().from(auditLog).where(eq(auditLog.action, action)).orderBy(asc(auditLog.id));
const unitId = async (name: string) => (await db().select({ id: units.id }).from(units).where(eq(units.name, name)))[0]?.id ?? "";

beforeAll(async () => {
  t = await createTestApp();
  leader = await login(t.app, "processledare");
  leaderToken = await apiToken(t, "processledare", ["implementation.view", "implementation.manage"]);
  adminToken = await apiToken(t, "admin", ["organisation.manage", "organisation.view"]);
  norrId = await unitId("Barn och unga Norr");
  sydId = await unitId("Barn och unga Syd");
});
afterAll(() => t.close());

const form = (fields: Record<string, string | string[]> = {}) => ({
  activityDate: HELD_ON,
  kind: "training",
  theme: "Grundutbildning",
  unitIds: [norrId, sydId],
  status: "held",
  participants: "24",
  cancelReason: "",
  notes: "",
  ...fields,
});

async function create(fields: Record<string, string | string[]> = {}) {
  const res = await postForm(t.app, leader, "/implementering/ny", form(fields));
  expect(res.statusCode, res.body.slice(0, 2000)).toBe(303);
  return /\/implementering\/([0-9a-f-]{36})\?klart=skapad$/.exec(res.headers.location as string)?.[1] ?? "";
}

describe("the demo activities", () => {
  it("lists the demo municipality's activities of every year with the counts per kind", async () => {
    const res = await get(t.app, leader, "/implementering?ar=alla");
    expect(res.statusCode).toBe(200);
    const html = plain(res.body);
    expect(html).toContain('href="/implementering"');
    expect(html).toContain("Grundutbildning i Sofiamodellen");
    expect(html).toContain('Inställd<span class="sofia-hint">: Inställd på grund av pandemin</span>');
    // Training: 1 held with 24; conference: 1 cancelled.
    expect(html).toMatch(
      /<th scope="row">Utbildning<\/th><td class="sofia-num">0<\/td><td class="sofia-num">1<\/td><td class="sofia-num">0<\/td><td class="sofia-num">24<\/td>/,
    );
    expect(html).toMatch(
      /<th scope="row">Konferens<\/th><td class="sofia-num">0<\/td><td class="sofia-num">0<\/td><td class="sofia-num">1<\/td><td class="sofia-num">0<\/td>/,
    );
    const only = plain((await get(t.app, leader, "/implementering?ar=2020&status=cancelled")).body);
    expect(only).toContain("Regional konferens om familjeinriktat arbete");
    expect(only).not.toContain("Grundutbildning i Sofiamodellen");
  });

  it("refuses an unknown year or status in the filter with a field-linked message and shows the current year", async () => {
    const res = await get(t.app, leader, "/implementering?ar=19&status=klar");
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#f-ar"');
    expect(res.body).toContain('href="#f-status"');
    expect(plain(res.body)).toContain("Välj ett år mellan 2000 och 2100, eller alla år.");
  });
});

describe("recording activities", () => {
  it("records a held training with its units, audited, and shows it", async () => {
    const before = (await audits("implementation_activity.create")).length;
    const id = await create();
    const page = plain((await get(t.app, leader, `/implementering/${id}?klart=skapad`)).body);
    expect(page).toContain("Aktiviteten är registrerad.");
    expect(page).toContain("Utbildning: Grundutbildning");
    expect(page).toContain(longSwedishDate(HELD_ON));
    expect(page).toContain("Barn och unga Norr, Barn och unga Syd");
    expect(page).toMatch(/<dt>Deltagare<\/dt><dd>24<\/dd>/);
    const rows = await audits("implementation_activity.create");
    expect(rows.length).toBe(before + 1);
    expect(rows.at(-1)).toMatchObject({ recordType: "implementation_activity", recordId: id });
    expect(rows.at(-1)?.detail).toMatchObject({ status: "held", participants: 24, unitIds: [norrId, sydId].sort() });
  });

  it("refuses bad input with field-linked Swedish messages and stores nothing", async () => {
    const [activities, links] = [await activityCount(), await linkCount()];
    const cases: Array<[Record<string, string | string[]>, string, string]> = [
      [{ participants: "" }, "participants", "Ange hur många som deltog: det krävs när aktiviteten är genomförd."],
      [{ status: "cancelled", cancelReason: "" }, "cancelReason", "Ange orsaken till att aktiviteten ställdes in."],
      [{ status: "planned", cancelReason: "Pandemin" }, "cancelReason", "Ange en orsak bara när aktiviteten är inställd."],
      [{ activityDate: "2025-02-30" }, "activityDate", "Du skrev ”2025-02-30”. Ange ett datum som finns, mellan år 2000 och 2100"],
      [{ activityDate: "" }, "activityDate", "Ange ett datum."],
      [{ activityDate: "2099-01-01" }, "activityDate", "En genomförd aktivitet kan inte ha ett datum efter i dag."],
      [{ kind: "" }, "kind", "Välj slag av aktivitet."],
      [{ theme: "  " }, "theme", "Ange aktivitetens tema."],
      [{ participants: "tjugo" }, "participants", "Ange antal deltagare som ett heltal mellan 0 och 100 000."],
      [{ unitIds: ["00000000-0000-4000-8000-000000000000"] }, "unitIds", "Välj bland kommunens enheter."],
    ];
    for (const [fields, field, message] of cases) {
      const res = await postForm(t.app, leader, "/implementering/ny", form(fields));
      expect(res.statusCode, JSON.stringify(fields)).toBe(400);
      expect(res.body, field).toContain(`href="#f-${field}"`);
      expect(plain(res.body), field).toContain(message);
    }
    // What was typed is shown again, ticked units included.
    const again = await postForm(t.app, leader, "/implementering/ny", form({ participants: "", theme: "Min rubrik" }));
    expect(again.body).toContain('value="Min rubrik"');
    expect(again.body).toMatch(new RegExp(`value="${sydId}" checked`));
    expect(await activityCount()).toBe(activities);
    expect(await linkCount()).toBe(links);
  });

  it("cancels a planned activity with its reason through the edit form, audited with the changes", async () => {
    const id = await create({
      status: "planned",
      participants: "",
      activityDate: "2026-12-01",
      kind: "conference",
      theme: "Höstkonferens",
    });
    const edit = await get(t.app, leader, `/implementering/${id}/andra`);
    expect(edit.statusCode).toBe(200);
    const version = versionIn(edit.body);
    expect(version).toBe("1");
    const refused = await postForm(t.app, leader, `/implementering/${id}/andra`, {
      ...form({ status: "cancelled", participants: "", activityDate: "2026-12-01", kind: "conference", theme: "Höstkonferens" }),
      version,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('href="#f-cancelReason"');
    const res = await postForm(t.app, leader, `/implementering/${id}/andra`, {
      ...form({
        status: "cancelled",
        participants: "",
        activityDate: "2026-12-01",
        kind: "conference",
        theme: "Höstkonferens",
        cancelReason: "Inställd på grund av sjukdom",
        unitIds: [norrId],
      }),
      version,
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/implementering/${id}?klart=sparad`);
    const [row] = await db().select().from(implementationActivities).where(eq(implementationActivities.id, id));
    expect(row).toMatchObject({ status: "cancelled", cancelReason: "Inställd på grund av sjukdom", version: 2 });
    const [a] = (await audits("implementation_activity.update")).filter((r) => r.recordId === id);
    expect(a?.detail).toEqual({
      changes: {
        status: { from: "planned", to: "cancelled" },
        cancelReason: { from: null, to: "Inställd på grund av sjukdom" },
        unitIds: { from: [norrId, sydId].sort(), to: [norrId] },
      },
    });
    const page = plain((await get(t.app, leader, `/implementering/${id}`)).body);
    expect(page).toContain("Inställd på grund av sjukdom");

    // The same stale version again: 409 with the conflict message, nothing changed.
    const stale = await postForm(t.app, leader, `/implementering/${id}/andra`, {
      ...form({ status: "planned", participants: "", activityDate: "2026-12-01", kind: "conference", theme: "Ändrad" }),
      version,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('id="f-_form"');
    const [after] = await db().select().from(implementationActivities).where(eq(implementationActivities.id, id));
    expect(after).toMatchObject({ theme: "Höstkonferens", version: 2 });
  });
});

describe("Swedish dates", () => {
  it("reads 20/12 2026 on the form and 20 dec 2026 in the API, storing 2026-12-20", async () => {
    const id = await create({ activityDate: "20/12 2026", status: "planned", participants: "" });
    const [row] = await db().select().from(implementationActivities).where(eq(implementationActivities.id, id));
    expect(row?.activityDate).toBe("2026-12-20");
    const api = await apiCall(t.app, "POST", "/api/v1/implementation/activities", leaderToken, {
      activityDate: "20 dec 2026",
      kind: "training",
      theme: "Datum på svenska",
      status: "planned",
    });
    expect(api.statusCode, api.body).toBe(201);
    expect(api.json()).toMatchObject({ activityDate: "2026-12-20" });
    // The form shown again says what it understood.
    const again = plain((await postForm(t.app, leader, "/implementering/ny", form({ activityDate: "20/12 2026", theme: "" }))).body);
    expect(again).toContain("Sofia läser det som söndag 20 december 2026.");
    await db()
      .delete(implementationActivities)
      .where(inArray(implementationActivities.id, [id, (api.json() as { id: string }).id]));
  });
});

describe("the API", () => {
  it("creates, reads, lists and updates an activity; refuses bad input with problem+json and a stale version with 409", async () => {
    const body = {
      activityDate: "2024-05-10",
      kind: "analysis_seminar",
      theme: "Analys av väntetider",
      unitIds: [norrId],
      status: "held",
      participants: 11,
    };
    const created = await apiCall(t.app, "POST", "/api/v1/implementation/activities", leaderToken, body);
    expect(created.statusCode, created.body).toBe(201);
    const a = created.json() as { id: string; version: number; units: Array<{ name: string }>; cancelReason: null };
    expect(a).toMatchObject({ version: 1, cancelReason: null, units: [{ name: "Barn och unga Norr" }] });

    const got = await apiCall(t.app, "GET", `/api/v1/implementation/activities/${a.id}`, leaderToken);
    expect(got.statusCode).toBe(200);
    const list = await apiCall(t.app, "GET", "/api/v1/implementation/activities?year=2024&status=held", leaderToken);
    expect(list.statusCode).toBe(200);
    const l = list.json() as {
      activities: Array<{ id: string }>;
      summary: { kinds: Array<{ kind: string; held: number; participants: number }> };
    };
    expect(l.activities.map((x) => x.id)).toContain(a.id);
    expect(l.summary.kinds.find((k) => k.kind === "analysis_seminar")).toMatchObject({ held: 1, participants: 11 });

    const before = await activityCount();
    const bad = await apiCall(t.app, "POST", "/api/v1/implementation/activities", leaderToken, { ...body, participants: null });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers["content-type"]).toContain("application/problem+json");
    expect(bad.json().errors).toEqual([
      { field: "participants", message: "Ange hur många som deltog: det krävs när aktiviteten är genomförd." },
    ]);
    const reason = await apiCall(t.app, "POST", "/api/v1/implementation/activities", leaderToken, { ...body, cancelReason: "X" });
    expect(reason.statusCode).toBe(400);
    expect(reason.json().errors[0].field).toBe("cancelReason");
    expect(await activityCount()).toBe(before);

    const put = await apiCall(t.app, "PUT", `/api/v1/implementation/activities/${a.id}`, leaderToken, {
      ...body,
      participants: 12,
      version: 1,
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ participants: 12, version: 2 });
    const stale = await apiCall(t.app, "PUT", `/api/v1/implementation/activities/${a.id}`, leaderToken, {
      ...body,
      participants: 13,
      version: 1,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.headers["content-type"]).toContain("application/problem+json");
    const missing = await apiCall(t.app, "GET", "/api/v1/implementation/activities/nope", leaderToken);
    expect(missing.statusCode).toBe(404);
    // Clean up so that the participation fixture below counts only its own activities in 2024.
    await db().delete(implementationActivities).where(eq(implementationActivities.id, a.id));
  });
});

describe("permissions", () => {
  it("lets an analyst read the pages and the API but not record or change (403)", async () => {
    const analyst = await login(t.app, "analytiker");
    const list = await get(t.app, analyst, "/implementering?ar=alla");
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain('href="/implementering/ny"');
    const [demo] = await db().select({ id: implementationActivities.id }).from(implementationActivities).limit(1);
    const page = await get(t.app, analyst, `/implementering/${demo?.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain("/andra");
    expect((await get(t.app, analyst, "/implementering/deltagande")).statusCode).toBe(200);
    expect((await get(t.app, analyst, "/implementering/ny")).statusCode).toBe(403);
    expect((await postForm(t.app, analyst, "/implementering/ny", form())).statusCode).toBe(403);
    expect((await get(t.app, analyst, `/implementering/${demo?.id}/andra`)).statusCode).toBe(403);
    const token = await apiToken(t, "analytiker", ["implementation.view"]);
    expect((await apiCall(t.app, "GET", "/api/v1/implementation/participation", token)).statusCode).toBe(200);
    const post = await apiCall(t.app, "POST", "/api/v1/implementation/activities", token, {
      activityDate: "2024-01-01",
      kind: "other",
      theme: "X",
      status: "planned",
    });
    expect(post.statusCode).toBe(403);
  });

  it("refuses a caseworker the pages and the API (403) and shows no menu item", async () => {
    const cw = await login(t.app, "barnhandlaggare");
    expect((await get(t.app, cw, "/implementering")).statusCode).toBe(403);
    expect((await get(t.app, cw, "/implementering/deltagande")).statusCode).toBe(403);
    expect((await get(t.app, cw, "/start")).body).not.toContain('href="/implementering"');
    const token = await apiToken(t, "barnhandlaggare", ["implementation.view"]);
    const res = await apiCall(t.app, "GET", "/api/v1/implementation/activities", token);
    expect(res.statusCode).toBe(403);
    expect(res.headers["content-type"]).toContain("application/problem+json");
  });

  it("lets a unit manager read", async () => {
    const manager = await login(t.app, "enhetschef");
    expect((await get(t.app, manager, "/implementering")).statusCode).toBe(200);
    expect((await get(t.app, manager, "/implementering/ny")).statusCode).toBe(403);
  });
});

// ---------------------------------------------------------------------------------------------
// Participation: a fixture of two new units, their caseworkers and assignments to demo processes.

interface Row {
  unitName: string;
  caseworkers: number | null;
  participating: number | null;
  share: number | null;
  meanFamilies: number | null;
  minFamilies: number | null;
  maxFamilies: number | null;
  suppressed: boolean;
  heldActivities: number;
  heldParticipants: number;
}

async function setMinGroupSize(n: number) {
  const [m] = await db().select({ version: municipalities.version }).from(municipalities).where(eq(municipalities.code, "9999"));
  const res = await apiCall(t.app, "PATCH", "/api/v1/municipality", adminToken, { version: m?.version, minGroupSize: n });
  expect(res.statusCode, res.body).toBe(200);
}

async function participation(year: string): Promise<Row[]> {
  const res = await apiCall(t.app, "GET", `/api/v1/implementation/participation?year=${year}`, leaderToken);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { units: Row[] }).units;
}

describe("participation per unit", () => {
  const A = "Testenhet Alfa";
  const B = "Testenhet Beta";

  beforeAll(async () => {
    const [m] = await db().select({ id: municipalities.id }).from(municipalities).where(eq(municipalities.code, "9999"));
    const municipalityId = m?.id as string;
    const [a, b] = await db()
      .insert(units)
      .values([
        { municipalityId, name: A, kind: "child_youth" },
        { municipalityId, name: B, kind: "addiction_adult" },
      ])
      .returning({ id: units.id });
    const [admin] = await db().select({ id: users.id }).from(users).where(eq(users.username, "admin"));
    const procs = (
      await db().select({ id: processes.id }).from(processes).where(eq(processes.municipalityId, municipalityId)).limit(8)
    ).map((p) => p.id);
    expect(procs.length).toBe(8);
    const P = (i: number) => procs[i - 1] as string;

    async function user(name: string, role: "caseworker" | "unit_manager", unitIds: string[], active = true) {
      const [u] = await db()
        .insert(users)
        .values({ municipalityId, username: `impl.${name}`, displayName: `Test ${name}`, active })
        .returning({ id: users.id });
      const id = u?.id as string;
      await db().insert(userRoles).values({ userId: id, role });
      await db()
        .insert(userUnits)
        .values(unitIds.map((unitId) => ({ userId: id, unitId })));
      return id;
    }
    const inA = [a?.id as string];
    const inB = [b?.id as string];
    const c1 = await user("c1", "caseworker", inA);
    const c2 = await user("c2", "caseworker", inA);
    const c3 = await user("c3", "caseworker", inA);
    const c4 = await user("c4", "caseworker", inA);
    const c5 = await user("c5", "caseworker", inA);
    await user("c6", "caseworker", inA);
    const c7 = await user("c7", "caseworker", inA, false);
    const c8 = await user("c8", "caseworker", inA);
    const m9 = await user("m9", "unit_manager", inA);
    const b1 = await user("b1", "caseworker", inB);
    const b2 = await user("b2", "caseworker", inB);

    type Role = "child_caseworker" | "adult_caseworker" | "process_leader";
    const assignments: Array<[string, number, Role, string, string]> = [
      // c1: three families in 2024.
      [c1, 1, "child_caseworker", "2024-02-01", "2024-05-01"],
      [c1, 2, "child_caseworker", "2024-03-01", "2024-06-01"],
      [c1, 3, "adult_caseworker", "2024-04-01", "2024-08-01"],
      // c2: one family whose assignment began in 2023 and ended on 5 January 2024, one only in 2022.
      [c2, 4, "child_caseworker", "2023-11-01", "2024-01-05"],
      [c2, 5, "child_caseworker", "2022-01-10", "2022-12-01"],
      // c3: the same family as child and adult caseworker (one family), and another: two.
      [c3, 1, "child_caseworker", "2024-06-02", "2024-07-01"],
      [c3, 1, "adult_caseworker", "2024-06-02", "2024-07-01"],
      [c3, 2, "adult_caseworker", "2024-09-01", "2024-10-01"],
      // c4: only as process leader, which is no caseworker's assignment.
      [c4, 7, "process_leader", "2024-01-01", "2024-12-01"],
      // c5: five families in 2024.
      [c5, 1, "child_caseworker", "2024-08-01", "2024-09-01"],
      [c5, 2, "child_caseworker", "2024-08-01", "2024-09-01"],
      [c5, 3, "child_caseworker", "2024-08-01", "2024-09-01"],
      [c5, 4, "child_caseworker", "2024-08-01", "2024-09-01"],
      [c5, 5, "child_caseworker", "2024-08-01", "2024-09-01"],
      // c8: ended the last day of 2023: not in 2024.
      [c8, 6, "adult_caseworker", "2022-03-01", "2023-12-31"],
      // Not counted: an inactive caseworker and a unit manager.
      [c7, 1, "child_caseworker", "2024-02-01", "2024-03-01"],
      [c7, 2, "child_caseworker", "2024-02-01", "2024-03-01"],
      [m9, 3, "child_caseworker", "2024-02-01", "2024-03-01"],
      // Beta: two caseworkers with one family each in 2024.
      [b1, 8, "adult_caseworker", "2024-02-01", "2024-03-01"],
      [b2, 8, "child_caseworker", "2024-02-01", "2024-03-01"],
    ];
    await db()
      .insert(processAssignments)
      .values(
        assignments.map(([userId, p, role, assignedOn, endedOn]) => ({
          processId: P(p),
          role,
          userId,
          assignedOn,
          endedOn,
          assignedBy: admin?.id as string,
        })),
      );

    // Activities: held in 2024 for both (20) and for Alfa (7); held 2023 for Alfa (5); planned and cancelled: not counted.
    const activity = async (body: Record<string, unknown>) => {
      const res = await apiCall(t.app, "POST", "/api/v1/implementation/activities", leaderToken, {
        kind: "training",
        theme: "Test",
        ...body,
      });
      expect(res.statusCode, res.body).toBe(201);
    };
    await activity({ activityDate: "2024-05-10", status: "held", participants: 20, unitIds: [a?.id, b?.id] });
    await activity({ activityDate: "2024-09-01", status: "held", participants: 7, unitIds: [a?.id] });
    await activity({ activityDate: "2023-03-01", status: "held", participants: 5, unitIds: [a?.id] });
    await activity({ activityDate: "2024-11-01", status: "planned", participants: 40, unitIds: [a?.id] });
    await activity({ activityDate: "2024-04-01", status: "cancelled", participants: 30, cancelReason: "Sjukdom", unitIds: [a?.id, b?.id] });
  });

  afterAll(() => setMinGroupSize(5));

  it("counts caseworkers, participants, share and families per caseworker exactly (minimum group size 3)", async () => {
    await setMinGroupSize(3);
    const rows = await participation("2024");
    // Alfa: 7 active caseworkers (c1–c6, c8); in 2024 c1 (3), c2 (1), c3 (2), c5 (5) took part.
    expect(rows.find((r) => r.unitName === A)).toEqual({
      unitId: expect.any(String),
      unitName: A,
      caseworkers: 7,
      participating: 4,
      share: 4 / 7,
      meanFamilies: 2.8,
      minFamilies: 1,
      maxFamilies: 5,
      suppressed: false,
      heldActivities: 2,
      heldParticipants: 27,
    });
    // Beta: 2 caseworkers, under 3: hidden; the activities are shown.
    expect(rows.find((r) => r.unitName === B)).toMatchObject({
      caseworkers: null,
      participating: null,
      share: null,
      meanFamilies: null,
      suppressed: true,
      heldActivities: 1,
      heldParticipants: 20,
    });
    // The page shows the same figures.
    const page = plain((await get(t.app, leader, "/implementering/deltagande?ar=2024")).body);
    expect(page).toMatch(
      new RegExp(
        `<th scope="row">${A}</th><td class="sofia-num">7</td><td class="sofia-num">4</td><td class="sofia-num">57 %</td><td class="sofia-num">2,8</td><td class="sofia-num sofia-nowrap">1–5</td><td class="sofia-num">2</td><td class="sofia-num">27</td>`,
      ),
    );
    expect(page).toContain("för få för att visas");
  });

  it("counts every assignment over all years, and hides what would give a small group away", async () => {
    await setMinGroupSize(3);
    const all = await participation("alla");
    // All years: c2 has two families and c8 takes part too: 5 of 7, and the 2 who did not give the 5 away.
    expect(all.find((r) => r.unitName === A)).toMatchObject({
      caseworkers: 7,
      participating: null,
      share: null,
      meanFamilies: null,
      suppressed: true,
      heldActivities: 3,
      heldParticipants: 32,
    });
    await setMinGroupSize(5);
    const five = await participation("2024");
    expect(five.find((r) => r.unitName === A)).toMatchObject({ caseworkers: 7, participating: null, suppressed: true });
    await setMinGroupSize(2);
    const two = await participation("alla");
    expect(two.find((r) => r.unitName === A)).toMatchObject({
      caseworkers: 7,
      participating: 5,
      meanFamilies: 2.6,
      minFamilies: 1,
      maxFamilies: 5,
    });
    expect(two.find((r) => r.unitName === B)).toMatchObject({ caseworkers: 2, participating: 2, share: 1, meanFamilies: 1 });
  });

  it("audits the view as statistics and refuses an unknown year", async () => {
    const before = (await audits("implementation_participation.view")).length;
    await participation("2024");
    const rows = await audits("implementation_participation.view");
    expect(rows.length).toBe(before + 1);
    expect(rows.at(-1)?.detail).toEqual({ statistics: true, year: 2024 });
    const bad = await apiCall(t.app, "GET", "/api/v1/implementation/participation?year=24", leaderToken);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe("year");
    const page = await get(t.app, leader, "/implementering/deltagande?ar=nej");
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('href="#f-ar"');
  });

  it("leaves inactive units out", async () => {
    await db().update(units).set({ active: false }).where(eq(units.name, B));
    const rows = await participation("2024");
    expect(rows.map((r) => r.unitName)).not.toContain(B);
    await db().update(units).set({ active: true }).where(eq(units.name, B));
    const [ids] = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(units)
      .where(and(inArray(units.name, [A, B]), eq(units.active, true)));
    expect(ids?.n).toBe(2);
  });
});
