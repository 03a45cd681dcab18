import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contextOf, decidedFamily, unitId, userId } from "../../../test/fixtures.ts";
import { apiCall, apiToken, createTestApp, get, login, postForm, type TestApp } from "../../../test/helpers.ts";
import { auditLog, intakeHandoverMembers, intakeHandovers } from "../../db/schema/index.ts";
import { addDays } from "../../platform/dates.ts";
import { handoverWaitFigures } from "./service.ts";

let t: TestApp;
const db = () => t.database.db;
let requestId = "";
let childId = "";
let intake = "";
let north = "";
let south = "";
let today = "";

beforeAll(async () => {
  t = await createTestApp();
  today = t.clock.today();
  // The demo's handovers (src/demo/seed.ts) are left out: this file counts its own waits.
  const demo = await db().select({ n: sql<number>`count(*)::int` }).from(intakeHandovers);
  expect(demo[0]?.n).toBe(2);
  await db().delete(intakeHandoverMembers);
  await db().delete(intakeHandovers);
  // The adult caseworker is not assigned to the process: only the handover names her.
  const family = await decidedFamily(t, { staff: { child: "barnhandlaggare", adult: null, leader: "processledare" } });
  requestId = family.requestId;
  childId = family.childIds[0] ?? "";
  intake = await unitId(t, "Mottagningsenheten");
  north = await unitId(t, "Barn och unga Norr");
  south = await unitId(t, "Barn och unga Syd");
});
afterAll(() => t.close());

const handoverId = (location: unknown) => /\/overlamningar\/([0-9a-f-]{36})/.exec(String(location))?.[1] ?? "";
const count = async () => (await db().select({ n: sql<number>`count(*)::int` }).from(intakeHandovers))[0]?.n ?? 0;
const memberCount = async () => (await db().select({ n: sql<number>`count(*)::int` }).from(intakeHandoverMembers))[0]?.n ?? 0;

async function formFields(): Promise<Record<string, string>> {
  return {
    handoverDate: addDays(today, -10),
    fromUnitId: intake,
    toUnitId: north,
    handedOverBy: await userId(t, "handlaggare.mottagning"),
    reason: "Anmälan om våld i hemmet; barnet behöver utredas.",
    "members.0.role": "child_investigator",
    "members.0.userId": await userId(t, "barnhandlaggare"),
    "members.1.role": "family_therapist",
    "members.1.userId": "",
    "members.2.role": "",
    "members.2.userId": "",
  };
}

describe("recording a handover from intake", () => {
  let id = "";

  it("is refused with field errors and changes nothing: a unit not of kind intake, the same unit twice, a team without a role", async () => {
    const manager = await login(t.app, "enhetschef");
    const before = await count();
    const fields = await formFields();
    const notIntake = await postForm(t.app, manager, `/forfragningar/${requestId}/overlamning`, { ...fields, fromUnitId: south });
    expect(notIntake.statusCode).toBe(400);
    expect(notIntake.body).toContain("Den överlämnande enheten måste vara en mottagningsenhet.");
    expect(notIntake.body).toContain('href="#f-fromUnitId"');

    const same = await postForm(t.app, manager, `/forfragningar/${requestId}/overlamning`, {
      ...fields,
      fromUnitId: intake,
      toUnitId: intake,
    });
    expect(same.statusCode).toBe(400);
    expect(same.body).toContain("Den mottagande enheten kan inte vara samma som den överlämnande.");

    const noTeam = await postForm(t.app, manager, `/forfragningar/${requestId}/overlamning`, {
      ...fields,
      "members.0.role": "",
      "members.0.userId": "",
      "members.1.role": "",
    });
    expect(noTeam.statusCode).toBe(400);
    expect(noTeam.body).toContain("Teamet behöver minst en roll.");

    const noRole = await postForm(t.app, manager, `/forfragningar/${requestId}/overlamning`, {
      ...fields,
      "members.2.userId": fields["members.0.userId"] ?? "",
    });
    expect(noRole.statusCode).toBe(400);
    // The error is put back on the row of the form it came from.
    expect(noRole.body).toContain('href="#f-members-2-role"');

    const future = await postForm(t.app, manager, `/forfragningar/${requestId}/overlamning`, {
      ...fields,
      handoverDate: addDays(today, 1),
    });
    expect(future.statusCode).toBe(400);
    expect(future.body).toContain("Överlämningen kan inte ha ett datum i framtiden.");
    expect(await count()).toBe(before);
  });

  it("records the handover with its team, one role to be assigned, and shows it with the waits", async () => {
    const manager = await login(t.app, "enhetschef");
    const form = await get(t.app, manager, `/forfragningar/${requestId}/overlamning`);
    expect(form.statusCode).toBe(200);
    const res = await postForm(t.app, manager, `/forfragningar/${requestId}/overlamning`, await formFields());
    expect(res.statusCode, res.body.slice(0, 3000)).toBe(303);
    id = handoverId(res.headers.location);
    const [row] = await db().select().from(intakeHandovers).where(eq(intakeHandovers.id, id));
    expect(row?.workLeaderId).toBe(await userId(t, "enhetschef"));
    const members = await db().select().from(intakeHandoverMembers).where(eq(intakeHandoverMembers.handoverId, id));
    expect(members.map((m) => [m.role, m.userId === null])).toEqual([
      ["child_investigator", false],
      ["family_therapist", true],
    ]);

    const page = await get(t.app, manager, `/overlamningar/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Barnutredare");
    expect(page.body).toContain("Ska tillsättas");
    // Ten days without a first contact, within the limit of 14.
    expect(page.body).toContain('<td class="sofia-num">10</td>');
    const views = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "intake_handover.view"), eq(auditLog.recordId, id)));
    expect(views.at(-1)?.subjectPersonIds).toContain(childId);

    const english = await t.app.inject({
      method: "GET",
      url: `/overlamningar/${id}`,
      headers: { cookie: `${manager.cookie}; sofia_lang=en` },
    });
    expect(english.body).toContain("Child investigator");
    expect(english.body).toContain("To be assigned");

    const request = await get(t.app, manager, `/forfragningar/${requestId}`);
    expect(request.body).toContain(`/overlamningar/${id}`);
  });

  it("lets the work leader and the named members open it, and not a caseworker of another unit", async () => {
    const member = await login(t.app, "barnhandlaggare");
    expect((await get(t.app, member, `/overlamningar/${id}`)).statusCode).toBe(200);
    const other = await login(t.app, "handlaggare.syd");
    expect((await get(t.app, other, `/overlamningar/${id}`)).statusCode).toBe(404);
    const list = await get(t.app, other, "/overlamningar");
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(id);
    const token = await apiToken(t, "handlaggare.syd", ["requests.view"]);
    expect((await apiCall(t.app, "GET", `/api/v1/intake-handovers/${id}`, token)).statusCode).toBe(404);
    expect((await apiCall(t.app, "GET", `/api/v1/requests/${requestId}/intake-handovers`, token)).statusCode).toBe(404);
  });

  it("assigns the role to be assigned in the team's form; the new member opens the handover, not the request", async () => {
    const manager = await login(t.app, "enhetschef");
    const adult = await userId(t, "vuxenhandlaggare");
    const vera = await login(t.app, "vuxenhandlaggare");
    expect((await get(t.app, vera, `/overlamningar/${id}`)).statusCode).toBe(404);
    const members = await db().select().from(intakeHandoverMembers).where(eq(intakeHandoverMembers.handoverId, id));
    const [row] = await db().select().from(intakeHandovers).where(eq(intakeHandovers.id, id));
    const formPage = await get(t.app, manager, `/overlamningar/${id}/team`);
    expect(formPage.statusCode).toBe(200);
    const first = members.find((m) => m.role === "child_investigator");
    const second = members.find((m) => m.role === "family_therapist");
    const res = await postForm(t.app, manager, `/overlamningar/${id}/team`, {
      version: String(row?.version),
      "members.0.id": first?.id ?? "",
      "members.0.role": "child_investigator",
      "members.0.userId": first?.userId ?? "",
      "members.1.id": second?.id ?? "",
      "members.1.role": "family_therapist",
      "members.1.userId": adult,
      "members.2.role": "",
      "members.2.userId": "",
    });
    expect(res.statusCode, res.body.slice(0, 3000)).toBe(303);
    const after = await db()
      .select()
      .from(intakeHandoverMembers)
      .where(eq(intakeHandoverMembers.id, second?.id ?? ""));
    expect(after[0]?.userId).toBe(adult);
    expect((await get(t.app, vera, `/overlamningar/${id}`)).statusCode).toBe(200);
    expect((await get(t.app, vera, `/forfragningar/${requestId}`)).statusCode).toBe(404);

    // The same version again is stale: 409 and nothing changed.
    const token = await apiToken(t, "enhetschef", ["processes.assign", "requests.view"]);
    const stale = await apiCall(t.app, "PUT", `/api/v1/intake-handovers/${id}/team`, token, {
      version: row?.version,
      members: [{ role: "other", userId: null }],
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.headers["content-type"]).toContain("application/problem+json");
    expect(await memberCount()).toBe(2);
    const listed = await apiCall(t.app, "GET", `/api/v1/requests/${requestId}/intake-handovers`, token);
    expect(listed.json()).toMatchObject([{ id, unassigned: 0 }]);
  });

  it("records a first contact: not before the handover, not in the future; by the member", async () => {
    const member = await login(t.app, "barnhandlaggare");
    const page = await get(t.app, member, `/overlamningar/${id}`);
    const memberId = /name="memberId" value="([0-9a-f-]{36})"/.exec(page.body)?.[1] ?? "";
    const version = /name="version" value="(\d+)"/.exec(page.body)?.[1] ?? "";
    const early = await postForm(t.app, member, `/overlamningar/${id}/forsta-kontakt`, {
      version,
      memberId,
      firstContactOn: addDays(today, -11),
    });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain("Den första kontakten kan inte vara före överlämningen.");
    const future = await postForm(t.app, member, `/overlamningar/${id}/forsta-kontakt`, {
      version,
      memberId,
      firstContactOn: addDays(today, 2),
    });
    expect(future.statusCode).toBe(400);
    const [unchanged] = await db().select().from(intakeHandoverMembers).where(eq(intakeHandoverMembers.id, memberId));
    expect(unchanged?.firstContactOn).toBeNull();

    const ok = await postForm(t.app, member, `/overlamningar/${id}/forsta-kontakt`, {
      version,
      memberId,
      firstContactOn: addDays(today, -3),
    });
    expect(ok.statusCode, ok.body.slice(0, 3000)).toBe(303);
    const shown = await get(t.app, member, `/overlamningar/${id}`);
    expect(shown.body).toContain(addDays(today, -3));
    expect(shown.body).toContain('<td class="sofia-num">7</td>');
  });

  it("refuses bad input over the API with problem+json and changes nothing", async () => {
    const token = await apiToken(t, "enhetschef", ["processes.assign", "requests.view"]);
    const before = await count();
    const fields = await formFields();
    const body = {
      handoverDate: fields.handoverDate,
      fromUnitId: north,
      toUnitId: north,
      handedOverBy: fields.handedOverBy,
      reason: "Skäl",
      members: [{ role: "child_investigator", userId: null }],
    };
    const res = await apiCall(t.app, "POST", `/api/v1/requests/${requestId}/intake-handovers`, token, body);
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    const fieldsWithErrors = (res.json().errors as Array<{ field: string }>).map((e) => e.field);
    expect(fieldsWithErrors).toContain("fromUnitId");
    const empty = await apiCall(t.app, "POST", `/api/v1/requests/${requestId}/intake-handovers`, token, {
      ...body,
      fromUnitId: intake,
      members: [],
    });
    expect(empty.statusCode).toBe(400);
    expect((empty.json().errors as Array<{ field: string }>).map((e) => e.field)).toContain("members");
    expect(await count()).toBe(before);

    const created = await apiCall(t.app, "POST", `/api/v1/requests/${requestId}/intake-handovers`, token, { ...body, fromUnitId: intake });
    expect(created.statusCode).toBe(201);
    const detail = await apiCall(t.app, "GET", `/api/v1/intake-handovers/${created.json().id}`, token);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().members[0]).toMatchObject({ role: "child_investigator", userId: null, wait: { days: 10, ongoing: true } });
    // A role to be assigned has no first contact to record.
    const contact = await apiCall(t.app, "POST", `/api/v1/intake-handovers/${created.json().id}/first-contact`, token, {
      version: 1,
      memberId: detail.json().members[0].id,
      firstContactOn: today,
    });
    expect(contact.statusCode).toBe(400);
  });

  it("counts the waits in the follow-up per role in the period of the first contact, hidden below the minimum group size", async () => {
    const municipalityId = (await contextOf(t, "enhetschef")).actor?.municipalityId ?? "";
    const period = { from: addDays(today, -30), to: today };
    const shown = await handoverWaitFigures(db(), municipalityId, period, 14, 1);
    expect(shown).toEqual([{ role: "child_investigator", n: 1, medianDays: 7, withinPercent: 100, suppressed: false }]);
    const hidden = await handoverWaitFigures(db(), municipalityId, period, 14, 5);
    expect(hidden).toEqual([{ role: "child_investigator", n: 1, medianDays: null, withinPercent: null, suppressed: true }]);
    expect(await handoverWaitFigures(db(), municipalityId, { from: addDays(today, -60), to: addDays(today, -31) }, 14, 1)).toEqual([]);

    // The follow-up page and API show them, hidden below the demo municipality's minimum group size (5).
    const leader = await login(t.app, "processledare");
    const page = await get(t.app, leader, "/uppfoljning");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Väntan från överlämning till första kontakt");
    const token = await apiToken(t, "processledare", ["followup.view"]);
    const api = await apiCall(t.app, "GET", `/api/v1/followup?from=${period.from}&to=${period.to}`, token);
    expect(api.statusCode).toBe(200);
    expect(api.json().handoverWaits).toEqual([
      { role: "child_investigator", n: 1, medianDays: null, withinPercent: null, suppressed: true },
    ]);
  });
});
