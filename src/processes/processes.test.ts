import { and, eq, isNull, ne, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decidedFamily } from "../../test/fixtures.ts";
import { apiCall, apiToken, createTestApp, get, login, postForm, type TestApp, testClock } from "../../test/helpers.ts";
import {
  auditLog,
  meetings,
  processAssignments,
  processes,
  processInterruptions,
  requestPersons,
  securityLog,
  users,
} from "../db/schema/index.ts";
import { addDays, daysBetween } from "../platform/dates.ts";

let t: TestApp;
const db = () => t.database.db;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const TODAY = testClock().today();
const REQUEST_DATE = addDays(TODAY, -30);
const MEETING_DATE = addDays(TODAY, -20);

async function userId(username: string): Promise<string> {
  const [row] = await db().select({ id: users.id }).from(users).where(eq(users.username, username));
  if (!row) throw new Error(`no user ${username}`);
  return row.id;
}

/** Registers a family (child open at Barn och unga Norr, parent at Beroendeenheten Vuxen 1) and decides to go on. */
async function newProcess(workModelKey = "sofiamodellen"): Promise<string> {
  const f = await decidedFamily(t, {
    registeredBy: "handlaggare.mottagning",
    reason: "Oro för förälderns alkoholbruk.",
    guardians: [{ name: "Tolvan Tolvansson", identityNumber: "19121212-1212", attitude: "positive", unit: "Beroendeenheten Vuxen 1" }],
    children: [{ name: "Lilla Tolvansson", age: 8, gender: "girl", unit: "Barn och unga Norr" }],
    requestDaysAgo: -(daysBetween(TODAY, REQUEST_DATE) ?? 0),
    decidedDaysAgo: -(daysBetween(TODAY, MEETING_DATE) ?? 0),
    workModelKey,
    staff: { child: null, adult: null, leader: null },
  });
  return f.processId;
}

const versionOf = async (id: string) =>
  (await db().select({ v: processes.version }).from(processes).where(eq(processes.id, id)))[0]?.v ?? 0;

describe("the family page", () => {
  it("starts with the Sofiamöte held, phase not started, and is shown to the process leader with one audit row naming every person", async () => {
    const id = await newProcess();
    const held = await db().select().from(meetings).where(eq(meetings.processId, id));
    expect(held).toMatchObject([{ meetingTypeKey: "sofiamote", status: "held", heldOn: MEETING_DATE }]);
    const leader = await login(t.app, "processledare");
    const page = await get(t.app, leader, `/processer/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Tolvan Tolvansson");
    expect(page.body).toContain("19121212-****");
    expect(page.body).not.toContain("191212121212");
    expect(page.body).toContain("Inte startad");
    expect(page.body).toContain("Familjemöte 1");
    const rows = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "process.view"), eq(auditLog.recordId, id)));
    // One row for the view, naming the guardian and the child (decision 0051).
    expect(rows.length).toBe(1);
    expect(rows[0]?.subjectPersonIds).toHaveLength(2);
    expect(rows[0]?.subjectPersonId).toBeNull();
  });

  it("hides the family from a caseworker who is not assigned, and from an analyst", async () => {
    const id = await newProcess();
    const other = await login(t.app, "barnhandlaggare");
    expect((await get(t.app, other, `/processer/${id}`)).statusCode).toBe(404);
    const analyst = await login(t.app, "analytiker");
    expect((await get(t.app, analyst, `/processer/${id}`)).statusCode).toBe(403);
    const refused = await db()
      .select()
      .from(securityLog)
      .where(and(eq(securityLog.username, "analytiker"), eq(securityLog.action, "processes.view")));
    expect(refused.length).toBeGreaterThan(0);
  });

  it("shows a unit manager of an involved unit a minimal view without names", async () => {
    const id = await newProcess();
    const manager = await login(t.app, "enhetschef");
    const page = await get(t.app, manager, `/processer/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Begränsad vy");
    expect(page.body).not.toContain("Tolvansson");
    expect(page.body).not.toContain("19121212");
  });
});

describe("assignment and waits", () => {
  it("lets the unit manager assign a caseworker of their own unit, and the caseworker then sees the family", async () => {
    const id = await newProcess();
    const manager = await login(t.app, "enhetschef");
    const form = await get(t.app, manager, `/processer/${id}/tilldela`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain("Bo Barnhandläggare");
    // Vera works at an addiction unit the manager does not lead.
    expect(form.body).not.toContain("Vera Vuxenhandläggare");
    const version = await versionOf(id);
    const refused = await postForm(t.app, manager, `/processer/${id}/tilldela`, {
      version: String(version),
      adultCaseworker: await userId("vuxenhandlaggare"),
      assignedOn: TODAY,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain("beroendeenhet som du kan tilldela");

    const ok = await postForm(t.app, manager, `/processer/${id}/tilldela`, {
      version: String(version),
      childCaseworker: await userId("barnhandlaggare"),
      assignedOn: addDays(MEETING_DATE, 3),
    });
    expect(ok.statusCode, ok.body.slice(0, 2000)).toBe(303);
    const worker = await login(t.app, "barnhandlaggare");
    const page = await get(t.app, worker, `/processer/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Lilla Tolvansson");
    // The wait from the Sofiamöte to the child caseworker was 3 days; the adult caseworker still waits (20 days, over 14).
    expect(page.body).toMatch(/Sofiamöte till barnhandläggare<\/th><td>[^<]+<\/td><td>[^<]+<\/td><td class="sofia-num">3</);
    expect(page.body).toMatch(
      /Sofiamöte till vuxenhandläggare<\/th><td>[^<]+<\/td><td>Väntar fortfarande<\/td><td class="sofia-num">20<\/td><td><span[^>]*>Över gränsen/,
    );
    const audited = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "process.assign"), eq(auditLog.recordId, id)));
    expect(audited[0]?.detail).toMatchObject({ role: "child_caseworker", waitDays: 3 });
  });

  it("refuses an assignment before the Sofiamöte or in the future, and a stale version, changing nothing", async () => {
    const id = await newProcess();
    const leader = await login(t.app, "processledare");
    const version = String(await versionOf(id));
    const adultCaseworker = await userId("vuxenhandlaggare");
    const before = await postForm(t.app, leader, `/processer/${id}/tilldela`, {
      version,
      adultCaseworker,
      assignedOn: addDays(MEETING_DATE, -1),
    });
    expect(before.statusCode).toBe(400);
    expect(before.body).toContain("före Sofiamötet");
    const future = await postForm(t.app, leader, `/processer/${id}/tilldela`, { version, adultCaseworker, assignedOn: addDays(TODAY, 1) });
    expect(future.statusCode).toBe(400);
    expect(future.body).toContain("framtiden");
    const bad = await postForm(t.app, leader, `/processer/${id}/tilldela`, { version, adultCaseworker, assignedOn: "2026-02-30" });
    expect(bad.statusCode).toBe(400);
    expect((await db().select().from(processAssignments).where(eq(processAssignments.processId, id))).length).toBe(0);

    expect((await postForm(t.app, leader, `/processer/${id}/tilldela`, { version, adultCaseworker, assignedOn: TODAY })).statusCode).toBe(
      303,
    );
    const stale = await postForm(t.app, leader, `/processer/${id}/tilldela`, {
      version,
      processLeader: await userId("processledare"),
      assignedOn: TODAY,
    });
    expect(stale.statusCode).toBe(409);
    expect((await db().select().from(processAssignments).where(eq(processAssignments.processId, id))).length).toBe(1);
  });

  it("replaces an assignment: the old one ends, the wait keeps its first date", async () => {
    const id = await newProcess();
    const token = await apiToken(t, "processledare", ["processes.assign", "processes.view"]);
    const first = await apiCall(t.app, "POST", `/api/v1/processes/${id}/assignments`, token, {
      version: await versionOf(id),
      role: "child_caseworker",
      userId: await userId("barnhandlaggare"),
      assignedOn: addDays(MEETING_DATE, 2),
    });
    expect(first.statusCode, first.body).toBe(200);
    const second = await apiCall(t.app, "POST", `/api/v1/processes/${id}/assignments`, token, {
      version: first.json().version,
      role: "child_caseworker",
      userId: await userId("handlaggare.syd"),
      assignedOn: addDays(MEETING_DATE, 5),
    });
    expect(second.statusCode, second.body).toBe(200);
    const detail = (await apiCall(t.app, "GET", `/api/v1/processes/${id}`, token)).json();
    expect(detail.assignments.map((a: { endedOn: string | null }) => a.endedOn)).toEqual([addDays(MEETING_DATE, 5), null]);
    expect(detail.waits.find((w: { step: string }) => w.step === "meeting_to_child_caseworker")).toMatchObject({ days: 2, ongoing: false });

    const bad = await apiCall(t.app, "POST", `/api/v1/processes/${id}/assignments`, token, {
      version: second.json().version,
      role: "child_caseworker",
      userId: await userId("vuxenhandlaggare"),
      assignedOn: TODAY,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers["content-type"]).toContain("application/problem+json");
    expect(bad.json().errors[0]).toMatchObject({ field: "userId", message: expect.stringContaining("barnenhet") });
  });
});

/** The options of a select on a page, as their labels by value. */
function optionsOf(html: string, name: string): Map<string, string> {
  const select = new RegExp(`<select[^>]*name="${name.replace(/\./g, "\\.")}"[^>]*>([\\s\\S]*?)</select>`).exec(html)?.[1] ?? "";
  return new Map([...select.matchAll(/<option value(?:="([^"]*)")?[^>]*>([^<]*)<\/option>/g)].map((m) => [m[1] ?? "", m[2] ?? ""]));
}

/** How many ongoing (not completed) families a user is assigned to, counted in the database. */
async function ongoingOf(user: string): Promise<number> {
  const rows = await db()
    .selectDistinct({ id: processAssignments.processId })
    .from(processAssignments)
    .innerJoin(processes, eq(processes.id, processAssignments.processId))
    .where(and(eq(processAssignments.userId, user), isNull(processAssignments.endedOn), ne(processes.status, "completed")));
  return rows.length;
}

describe("assignment in one step", () => {
  it("lists per role only the people of that role and unit kind, each with their ongoing families", async () => {
    const id = await newProcess();
    const leader = await login(t.app, "processledare");
    const form = await get(t.app, leader, `/processer/${id}/tilldela`);
    expect(form.statusCode).toBe(200);
    const [bo, sara, vera, mats, petra] = await Promise.all(
      ["barnhandlaggare", "handlaggare.syd", "vuxenhandlaggare", "handlaggare.mottagning", "processledare"].map(userId),
    );
    const child = optionsOf(form.body, "childCaseworker");
    const adult = optionsOf(form.body, "adultCaseworker");
    const leaders = optionsOf(form.body, "processLeader");
    expect(child.get("")).toBe("Ingen ännu");
    expect(child.get(bo ?? "")).toBe(`Bo Barnhandläggare (${await ongoingOf(bo ?? "")} pågående)`);
    expect(child.get(sara ?? "")).toBe(`Sara Sydström (${await ongoingOf(sara ?? "")} pågående)`);
    for (const other of [vera, mats, petra]) expect(child.has(other ?? "")).toBe(false);
    expect(adult.get(vera ?? "")).toBe(`Vera Vuxenhandläggare (${await ongoingOf(vera ?? "")} pågående)`);
    for (const other of [bo, sara, mats, petra]) expect(adult.has(other ?? "")).toBe(false);
    expect(leaders.get(petra ?? "")).toMatch(/^Petra Processledare \(\d+ pågående\)$/);
    expect(leaders.has(bo ?? "")).toBe(false);

    // A unit manager gets the caseworkers of their own units only, and no process leader select.
    const manager = await login(t.app, "enhetschef");
    const managerForm = (await get(t.app, manager, `/processer/${id}/tilldela`)).body;
    const managerChild = [...optionsOf(managerForm, "childCaseworker").keys()];
    expect(managerChild).toEqual(expect.arrayContaining(["", bo, sara]));
    expect(managerChild.every((k) => child.has(k))).toBe(true);
    expect(managerChild.length).toBeLessThan(child.size);
    expect(optionsOf(managerForm, "adultCaseworker").size).toBe(1);
    expect(managerForm).not.toContain('name="processLeader"');
    expect(managerForm).toContain("Processledaren tilldelas av en processledare.");
  });

  it("assigns all three roles in one submit and one transaction, with an audit row per change and the waits from the date", async () => {
    const id = await newProcess();
    const leader = await login(t.app, "processledare");
    const [bo, vera, petra] = await Promise.all(["barnhandlaggare", "vuxenhandlaggare", "processledare"].map(userId));
    const boBefore = await ongoingOf(bo ?? "");
    const version = await versionOf(id);
    const ok = await postForm(t.app, leader, `/processer/${id}/tilldela`, {
      version: String(version),
      childCaseworker: bo ?? "",
      adultCaseworker: vera ?? "",
      processLeader: petra ?? "",
      assignedOn: addDays(MEETING_DATE, 4),
    });
    expect(ok.statusCode, ok.body.slice(0, 2000)).toBe(303);
    expect(await versionOf(id)).toBe(version + 1);
    const assigned = await db().select().from(processAssignments).where(eq(processAssignments.processId, id));
    expect(assigned.map((a) => [a.role, a.userId, a.assignedOn]).sort()).toEqual(
      [
        ["adult_caseworker", vera, addDays(MEETING_DATE, 4)],
        ["child_caseworker", bo, addDays(MEETING_DATE, 4)],
        ["process_leader", petra, addDays(MEETING_DATE, 4)],
      ].sort(),
    );
    const audited = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "process.assign"), eq(auditLog.recordId, id)));
    expect(audited.map((a) => (a.detail as { role: string }).role).sort()).toEqual([
      "adult_caseworker",
      "child_caseworker",
      "process_leader",
    ]);
    expect(audited.every((a) => (a.detail as { waitDays: number }).waitDays === 4)).toBe(true);
    expect(await ongoingOf(bo ?? "")).toBe(boBefore + 1);
    const page = (await get(t.app, leader, `/processer/${id}`)).body;
    expect(page).toMatch(/Sofiamöte till vuxenhandläggare<\/th><td>[^<]+<\/td><td>[^<]+<\/td><td class="sofia-num">4</);

    // The form shows the current team chosen; sending it unchanged changes nothing.
    const again = await get(t.app, leader, `/processer/${id}/tilldela`);
    expect(optionsOf(again.body, "childCaseworker").get(bo ?? "")).toMatch(/– nuvarande$/);
    const same = await postForm(t.app, leader, `/processer/${id}/tilldela`, {
      version: String(version + 1),
      childCaseworker: bo ?? "",
      adultCaseworker: vera ?? "",
      processLeader: petra ?? "",
      assignedOn: TODAY,
    });
    expect(same.statusCode).toBe(400);
    expect(same.body).toContain("Välj minst en ny person.");
  });

  it("refuses the whole team when one role is wrong: nothing changes and the error is on that field", async () => {
    const id = await newProcess();
    const leader = await login(t.app, "processledare");
    const [bo, vera] = await Promise.all(["barnhandlaggare", "vuxenhandlaggare"].map(userId));
    const version = await versionOf(id);
    const refused = await postForm(t.app, leader, `/processer/${id}/tilldela`, {
      version: String(version),
      childCaseworker: bo ?? "",
      adultCaseworker: bo ?? "",
      processLeader: "",
      assignedOn: TODAY,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('href="#f-adultCaseworker"');
    expect(refused.body).toContain("beroendeenhet som du kan tilldela");
    expect(await versionOf(id)).toBe(version);
    expect((await db().select().from(processAssignments).where(eq(processAssignments.processId, id))).length).toBe(0);

    // The API takes the same schema.
    const token = await apiToken(t, "processledare", ["processes.assign"]);
    const api = await apiCall(t.app, "POST", `/api/v1/processes/${id}/team`, token, {
      version,
      childCaseworker: bo,
      adultCaseworker: vera,
      processLeader: null,
      assignedOn: TODAY,
    });
    expect(api.statusCode, api.body).toBe(200);
    expect(api.json()).toEqual({ version: version + 1, changed: 2 });
    const stale = await apiCall(t.app, "POST", `/api/v1/processes/${id}/team`, token, {
      version,
      childCaseworker: await userId("handlaggare.syd"),
      assignedOn: TODAY,
    });
    expect(stale.statusCode).toBe(409);
  });
});

describe("handing over a person's families", () => {
  /** Two families with Sara as child caseworker (and Vera as adult caseworker). */
  async function saraFamilies() {
    const a = await decidedFamily(t, { staff: { child: "handlaggare.syd", adult: "vuxenhandlaggare", leader: null } });
    const b = await decidedFamily(t, { staff: { child: "handlaggare.syd", adult: null, leader: null } });
    return [a.processId, b.processId];
  }

  it("previews the person's ongoing families with the role in each, audited per family", async () => {
    const ids = await saraFamilies();
    const sara = await userId("handlaggare.syd");
    const leader = await login(t.app, "processledare");
    const page = await get(t.app, leader, `/processer/overlamning?fran=${sara}`);
    expect(page.statusCode).toBe(200);
    for (const id of ids) expect(page.body).toContain(`/processer/${id}`);
    expect(page.body).toContain("Pågående familjer för Sara Sydström");
    expect(page.body).not.toContain("Tolvansson");
    const bo = await userId("barnhandlaggare");
    expect(optionsOf(page.body, "all.child_caseworker").get(bo)).toMatch(/^Bo Barnhandläggare \(\d+ pågående\)$/);
    expect(optionsOf(page.body, "all.child_caseworker").has(sara)).toBe(false);
    expect(optionsOf(page.body, "all.child_caseworker").has(await userId("vuxenhandlaggare"))).toBe(false);
    const audited = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "process.handover_preview"), eq(auditLog.subjectUserId, sara)));
    for (const id of ids) expect(audited.some((a) => a.recordId === id)).toBe(true);
    // An analyst may not.
    const analyst = await login(t.app, "analytiker");
    expect((await get(t.app, analyst, "/processer/overlamning")).statusCode).toBe(403);
  });

  it("hands every family over after the confirmation, in one transaction, audited per family", async () => {
    await saraFamilies();
    const [sara, bo] = await Promise.all(["handlaggare.syd", "barnhandlaggare"].map(userId));
    const token = await apiToken(t, "processledare", ["processes.assign"]);
    const preview = (await apiCall(t.app, "GET", `/api/v1/handovers/${sara}`, token)).json();
    expect(preview.from).toMatchObject({ id: sara, name: "Sara Sydström" });
    const families: Array<{ processId: string; role: string; version: number }> = preview.families;
    expect(families.length).toBeGreaterThanOrEqual(2);
    expect(families.every((f) => f.role === "child_caseworker")).toBe(true);
    const fields: Record<string, string> = { fromUserId: sara ?? "", assignedOn: TODAY, "all.child_caseworker": bo ?? "" };
    families.forEach((f, i) => {
      fields[`families.${i}.processId`] = f.processId;
      fields[`families.${i}.role`] = f.role;
      fields[`families.${i}.version`] = String(f.version);
    });
    const leader = await login(t.app, "processledare");
    const confirm = await postForm(t.app, leader, "/processer/overlamning", fields);
    expect(confirm.statusCode, confirm.body.slice(0, 1500)).toBe(200);
    expect(confirm.body).toContain(`${families.length} tilldelningar lämnas över från Sara Sydström`);
    expect(await ongoingOf(sara ?? "")).toBe(families.length);

    const done = await postForm(t.app, leader, "/processer/overlamning", { ...fields, confirmed: "yes" });
    expect(done.statusCode, done.body.slice(0, 1500)).toBe(303);
    expect(done.headers.location).toBe("/processer?klart=overlamnad");
    expect(await ongoingOf(sara ?? "")).toBe(0);
    for (const f of families) {
      const open = await db()
        .select()
        .from(processAssignments)
        .where(
          and(
            eq(processAssignments.processId, f.processId),
            eq(processAssignments.role, "child_caseworker"),
            isNull(processAssignments.endedOn),
          ),
        );
      expect(open).toMatchObject([{ userId: bo, assignedOn: TODAY }]);
      const audited = await db()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "process.assign"), eq(auditLog.recordId, f.processId), eq(auditLog.subjectUserId, bo ?? "")));
      const handedOver = audited.filter((a) => (a.detail as { handover?: boolean }).handover);
      expect(handedOver.map((a) => a.detail)).toEqual([
        expect.objectContaining({ replaced: sara, role: "child_caseworker", assignedOn: TODAY }),
      ]);
    }
  });

  it("refuses a colleague outside the right unit, field-linked, and a family changed meanwhile, changing nothing", async () => {
    const ids = await saraFamilies();
    const [sara, bo, vera] = await Promise.all(["handlaggare.syd", "barnhandlaggare", "vuxenhandlaggare"].map(userId));
    const token = await apiToken(t, "processledare", ["processes.assign", "processes.view"]);
    const families: Array<{ processId: string; role: string; version: number }> = (
      await apiCall(t.app, "GET", `/api/v1/handovers/${sara}`, token)
    ).json().families;
    const fields: Record<string, string> = { fromUserId: sara ?? "", assignedOn: TODAY };
    families.forEach((f, i) => {
      fields[`families.${i}.processId`] = f.processId;
      fields[`families.${i}.role`] = f.role;
      fields[`families.${i}.version`] = String(f.version);
      fields[`families.${i}.toUserId`] = bo ?? "";
    });
    const outside = families.findIndex((f) => f.processId === ids[1]);
    const leader = await login(t.app, "processledare");
    const refused = await postForm(t.app, leader, "/processer/overlamning", {
      ...fields,
      [`families.${outside}.toUserId`]: vera ?? "",
      confirmed: "yes",
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain(`href="#f-families-${outside}-toUserId"`);
    expect(refused.body).toContain("inte handläggare på en barnenhet som du kan tilldela");
    expect(await ongoingOf(sara ?? "")).toBe(families.length);

    // Someone assigns the first family meanwhile: the handover read an older version and changes nothing.
    const first = families.find((f) => f.processId === ids[0]);
    const changed = await apiCall(t.app, "POST", `/api/v1/processes/${ids[0]}/team`, token, {
      version: first?.version,
      processLeader: await userId("processledare"),
      assignedOn: TODAY,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const stale = await postForm(t.app, leader, "/processer/overlamning", { ...fields, confirmed: "yes" });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain("har ändrats sedan du såg förhandsgranskningen");
    expect(await ongoingOf(sara ?? "")).toBe(families.length);
    const api = await apiCall(t.app, "POST", "/api/v1/handovers", token, {
      fromUserId: sara,
      assignedOn: TODAY,
      families: families.map((f) => ({ ...f, toUserId: bo })),
    });
    expect(api.statusCode).toBe(409);
    expect(api.headers["content-type"]).toContain("application/problem+json");
  });
});

describe("interruption", () => {
  it("interrupts with a reason and the phase, cancels planned meetings, and resumes", async () => {
    const id = await newProcess();
    await db()
      .insert(meetings)
      .values({ processId: id, meetingTypeKey: "familjemote-1", plannedDate: addDays(TODAY, 7) });
    const leader = await login(t.app, "processledare");
    const empty = await postForm(t.app, leader, `/processer/${id}/avbryt`, {
      version: String(await versionOf(id)),
      interruptedOn: TODAY,
      reason: "other",
      reasonText: "",
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain("Beskriv skälet");
    // The process page offers the interruption as a danger button; the form first shows what will happen.
    expect((await get(t.app, leader, `/processer/${id}`)).body).toMatch(/data-color="danger" href="\/processer\/[0-9a-f-]+\/avbryt"/);
    const fields = { version: String(await versionOf(id)), interruptedOn: TODAY, reason: "family_declined", reasonText: "" };
    const confirm = await postForm(t.app, leader, `/processer/${id}/avbryt`, fields);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain("1 planerat möte avbokas.");
    expect(confirm.body).toMatch(/<input type="hidden" name="confirmed" value="yes"\/>/);
    expect(confirm.body).toMatch(
      /<button type="submit" class="ds-button" data-variant="primary" data-color="danger">Avbryt processen<\/button>/,
    );
    expect(confirm.body).toMatch(/<a class="ds-link" href="\/processer\/[0-9a-f-]+">Avbryt<\/a>/);
    const [unchanged] = await db().select().from(processes).where(eq(processes.id, id));
    expect(unchanged?.status).toBe("active");
    expect(
      (
        await db()
          .select()
          .from(meetings)
          .where(and(eq(meetings.processId, id), eq(meetings.status, "planned")))
      ).length,
    ).toBe(1);
    const res = await postForm(t.app, leader, `/processer/${id}/avbryt`, { ...fields, confirmed: "yes" });
    expect(res.statusCode, res.body.slice(0, 1500)).toBe(303);
    const [p] = await db().select().from(processes).where(eq(processes.id, id));
    expect(p).toMatchObject({ status: "interrupted", phase: "not_started" });
    const planned = await db()
      .select()
      .from(meetings)
      .where(and(eq(meetings.processId, id), eq(meetings.meetingTypeKey, "familjemote-1")));
    expect(planned[0]).toMatchObject({ status: "cancelled", outcomeReason: "process_interrupted" });
    const page = await get(t.app, leader, `/processer/${id}`);
    expect(page.body).toContain("Processen avbröts");
    expect(page.body).toContain("Återuppta processen");

    const early = await postForm(t.app, leader, `/processer/${id}/ateruppta`, {
      version: String(await versionOf(id)),
      resumedOn: addDays(TODAY, -1),
    });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain("före avbrottet");
    const resumed = await postForm(t.app, leader, `/processer/${id}/ateruppta`, { version: String(await versionOf(id)), resumedOn: TODAY });
    expect(resumed.statusCode).toBe(303);
    const [after] = await db().select().from(processes).where(eq(processes.id, id));
    expect(after?.status).toBe("active");
    const history = await db().select().from(processInterruptions).where(eq(processInterruptions.processId, id));
    expect(history).toMatchObject([{ reason: "family_declined", phase: "not_started", resumedOn: TODAY }]);
  });
});

describe("showing a full identity number", () => {
  it("needs a reason and writes it to the audit log", async () => {
    const id = await newProcess();
    const leader = await login(t.app, "processledare");
    const page = (await get(t.app, leader, `/processer/${id}`)).body;
    const personId = /personnummer\/([0-9a-f-]{36})/.exec(page)?.[1] ?? "";
    const noReason = await postForm(t.app, leader, `/processer/${id}/personnummer/${personId}`, { reason: "" });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).not.toContain("191212121212");
    const shown = await postForm(t.app, leader, `/processer/${id}/personnummer/${personId}`, { reason: "Söka i journalsystemet" });
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain("191212121212");
    expect(shown.headers["cache-control"]).toBe("no-store");
    const [row] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "person.reveal_identity_number"), eq(auditLog.subjectPersonId, personId)));
    expect(row?.reason).toBe("Söka i journalsystemet");
  });
});

describe("the work model chosen at the Sofiamöte", () => {
  it("starts a Familjeorienterat processtöd process without family meetings", async () => {
    const id = await newProcess("familjeorienterat-processtod");
    expect((await db().select().from(meetings).where(eq(meetings.processId, id))).length).toBe(0);
    const leader = await login(t.app, "processledare");
    const page = await get(t.app, leader, `/processer/${id}`);
    expect(page.body).toContain("Familjeorienterat processtöd, version 1");
    expect(page.body).toContain("inga fasta möten");
  });
});

describe("the list of processes", () => {
  it("lists what one may see with the longest wait, filtered by status (API)", async () => {
    const id = await newProcess();
    const token = await apiToken(t, "processledare", ["processes.view"]);
    const list = await apiCall(t.app, "GET", "/api/v1/processes?status=active", token);
    expect(list.statusCode, list.body).toBe(200);
    const item = list.json().items.find((i: { id: string }) => i.id === id);
    expect(item).toMatchObject({ status: "active", phase: "not_started", longestWait: { days: 20, overLimit: true } });
    expect(list.body).not.toContain("Tolvansson");
    const worker = await apiToken(t, "vuxenhandlaggare", ["processes.view"]);
    const theirs = await apiCall(t.app, "GET", "/api/v1/processes", worker);
    expect(theirs.json().items.some((i: { id: string }) => i.id === id)).toBe(false);
  });
});

describe("worklists on the start page", () => {
  it("gives the caseworker their families and what to plan, the manager what waits for a caseworker, the process leader long waits", async () => {
    const id = await newProcess();
    const manager = await login(t.app, "enhetschef");
    const managerStart = (await get(t.app, manager, "/start")).body;
    expect(managerStart).toContain("Processer som väntar på handläggare");
    expect(managerStart).toContain(`/processer/${id}/tilldela`);
    expect(managerStart).not.toContain("Tolvansson");

    const leader = await login(t.app, "processledare");
    const leaderStart = (await get(t.app, leader, "/start")).body;
    expect(leaderStart).toContain("Väntetider över gränsen");
    expect(leaderStart).toContain(`/processer/${id}"`);

    const token = await apiToken(t, "processledare", ["processes.assign"]);
    const assigned = await apiCall(t.app, "POST", `/api/v1/processes/${id}/assignments`, token, {
      version: await versionOf(id),
      role: "adult_caseworker",
      userId: await userId("vuxenhandlaggare"),
      assignedOn: TODAY,
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    const worker = await login(t.app, "vuxenhandlaggare");
    const start = (await get(t.app, worker, "/start")).body;
    expect(start).toContain("Dina familjer");
    expect(start).toContain("Familjen Tolvansson");
    expect(start).toMatch(/Planera Familjemöte 1 med Familjen Tolvansson \(Lilla \d+ år\)/);
    const audited = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "worklist.view"), sql`${auditLog.detail}->'processIds' ? ${id}::text`));
    // One row per list shown (the leader's and the caseworker's), each naming every person the family's name shows.
    const persons = (
      await db()
        .select({ id: requestPersons.id })
        .from(requestPersons)
        .innerJoin(processes, eq(processes.requestId, requestPersons.requestId))
        .where(eq(processes.id, id))
    ).map((p) => p.id);
    expect(persons).toHaveLength(2);
    expect(audited.length).toBeGreaterThanOrEqual(2);
    for (const row of audited) expect(row.subjectPersonIds).toEqual(expect.arrayContaining(persons));
    expect(audited.every((r) => r.subjectPersonId === null)).toBe(true);
  });
});

describe("search", () => {
  it("finds the families one works with by name or identity number, never logs the text, and is not for unit managers", async () => {
    const id = await newProcess();
    const leader = await login(t.app, "processledare");
    const byName = await postForm(t.app, leader, "/sok", { q: "tolvans" });
    expect(byName.statusCode).toBe(200);
    expect(byName.headers["cache-control"]).toBe("no-store");
    expect(byName.body).toContain(`/processer/${id}`);
    expect(byName.body).toContain("19121212-****");
    const byNumber = await postForm(t.app, leader, "/sok", { q: "121212-1212" });
    expect(byNumber.body).toContain(`/processer/${id}`);
    const bad = await postForm(t.app, leader, "/sok", { q: "1" });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("minst två bokstäver");

    const other = await login(t.app, "barnhandlaggare");
    expect((await postForm(t.app, other, "/sok", { q: "tolvans" })).body).not.toContain(`/processer/${id}`);
    const manager = await login(t.app, "enhetschef");
    expect((await postForm(t.app, manager, "/sok", { q: "tolvans" })).statusCode).toBe(403);

    const rows = await db().select().from(auditLog).where(eq(auditLog.action, "person.search_result"));
    expect(rows.length).toBeGreaterThan(0);
    // One row per search, naming every person found (decision 0051).
    expect(rows.every((r) => r.subjectPersonId === null && r.subjectPersonIds.length > 0)).toBe(true);
    expect(JSON.stringify(rows)).not.toContain("tolvans");
    expect(JSON.stringify(rows)).not.toContain("121212-1212");
  });
});

describe("the family's name (issue 14)", () => {
  it("names the family on the list, the family page and a meeting page, audited per person; the minimal view names no one", async () => {
    const f = await decidedFamily(t, {
      guardians: [
        { name: "Anna Testsson", identityNumber: "19121212-1212" },
        { name: "Bo Berg", identityNumber: "", birthDate: "1980-01-01" },
      ],
      children: [{ name: "Elin Testsson", age: 7, gender: "girl", unit: "Barn och unga Norr" }],
      caseFileNumber: "sn 2026/123",
    });
    const leader = await login(t.app, "processledare");
    // By surname, Z to A: Testsson is on the first page (the demo's surnames are mostly earlier in the alphabet).
    const list = (await get(t.app, leader, "/processer?sortera=namn&ordning=fallande")).body;
    expect(list).toContain("Familjen Testsson/Berg");
    expect(list).toMatch(/Elin \d+ år · akt SN 2026\/123/);
    expect(list).toContain('aria-sort="descending"');
    const listed = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "process.list"), sql`${auditLog.detail}->'processIds' ? ${f.processId}::text`));
    // One row for the page, naming every person of every family on it (decision 0051).
    expect(listed).toHaveLength(1);
    expect(listed[0]?.subjectPersonIds).toEqual(expect.arrayContaining([...f.guardianIds, ...f.childIds]));

    const page = (await get(t.app, leader, `/processer/${f.processId}`)).body;
    expect(page).toMatch(/<title>Process för Familjen Testsson\/Berg \(Elin \d+ år\), akt SN 2026\/123/);
    expect(page).toContain('<h1 class="ds-heading" data-size="lg">Familjen Testsson/Berg</h1>');

    const [meeting] = await db().select().from(meetings).where(eq(meetings.processId, f.processId));
    const meetingPage = (await get(t.app, leader, `/processer/${f.processId}/moten/${meeting?.id}`)).body;
    expect(meetingPage).toContain("Familjen Testsson/Berg</h1>");
    expect(meetingPage).toContain("Tillbaka till Familjen Testsson/Berg");

    // The unit manager of the child's unit, not assigned: the minimal view, no name, one row without a subject.
    const manager = await login(t.app, "enhetschef");
    const managerList = (await get(t.app, manager, "/processer")).body;
    expect(managerList).not.toContain("Testsson");
    expect(managerList).toContain(`Familj med förfrågan ${f.requestDate}`);
    const managerPage = (await get(t.app, manager, `/processer/${f.processId}`)).body;
    expect(managerPage).not.toContain("Testsson");
    expect(managerPage).not.toContain("SN 2026/123");
    expect(managerPage).toContain(`Familj med förfrågan ${f.requestDate}`);
  });

  it("filters the list by caseworker and wait, and sorts by name both ways", async () => {
    await decidedFamily(t, {
      guardians: [{ name: "Örjan Öst", identityNumber: "", birthDate: "1980-01-01" }],
      children: [{ name: "Åsa Öst", age: 5, gender: "girl", unit: "Barn och unga Norr" }],
    });
    await decidedFamily(t, {
      guardians: [{ name: "Ada Aalto", identityNumber: "", birthDate: "1980-01-01" }],
      children: [{ name: "Alf Aalto", age: 5, gender: "boy", unit: "Barn och unga Norr" }],
    });
    const leader = await login(t.app, "processledare");
    const asc = (await get(t.app, leader, "/processer?sortera=namn&ordning=stigande")).body;
    const desc = (await get(t.app, leader, "/processer?sortera=namn&ordning=fallande")).body;
    // The first page (50) of each order: the one name first, the other later or on a later page.
    const comesFirst = (body: string, first: string, second: string) =>
      body.includes(first) && (!body.includes(second) || body.indexOf(first) < body.indexOf(second));
    expect(comesFirst(asc, "Familjen Aalto", "Familjen Öst")).toBe(true);
    expect(comesFirst(desc, "Familjen Öst", "Familjen Aalto")).toBe(true);
    const nobody = await userId("handlaggare.mottagning");
    const filtered = (await get(t.app, leader, `/processer?handlaggare=${nobody}`)).body;
    expect(filtered).not.toContain("Familjen Aalto");
    const worker = await userId("barnhandlaggare");
    expect((await get(t.app, leader, `/processer?handlaggare=${worker}`)).body).toContain("Familjen Aalto");
    // Over the limit: every row's longest wait is flagged.
    const over = (await get(t.app, leader, "/processer?vantan=over")).body;
    const rows = over.split("<tr>").slice(2);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.includes("över gränsen"))).toBe(true);
  });

  it("finds a family by its case-file number", async () => {
    const f = await decidedFamily(t, {
      guardians: [{ name: "Cesar Carlsson", identityNumber: "", birthDate: "1980-01-01" }],
      caseFileNumber: "IFN-2026-0456",
    });
    const leader = await login(t.app, "processledare");
    const hit = await postForm(t.app, leader, "/sok", { q: "ifn-2026-0456" });
    expect(hit.statusCode).toBe(200);
    expect(hit.body).toContain(`/processer/${f.processId}`);
    expect(hit.body).toContain("Cesar Carlsson");
  });
});
