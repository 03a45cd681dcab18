import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decidedFamily } from "../../test/fixtures.ts";
import { apiCall, apiToken, createTestApp, get, login, postForm, type TestApp, testClock } from "../../test/helpers.ts";
import { auditLog, meetings, processAssignments, processes, processInterruptions, securityLog, users } from "../db/schema/index.ts";
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
  it("starts with the Sofiamöte held, phase not started, and is shown to the process leader with an audit row per person", async () => {
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
    expect(rows.length).toBe(2);
    expect(rows.every((r) => r.subjectPersonId !== null)).toBe(true);
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
      choice: `adult_caseworker:${await userId("vuxenhandlaggare")}`,
      assignedOn: TODAY,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain("beroendeenhet som du kan tilldela");

    const ok = await postForm(t.app, manager, `/processer/${id}/tilldela`, {
      version: String(version),
      choice: `child_caseworker:${await userId("barnhandlaggare")}`,
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
    const choice = `adult_caseworker:${await userId("vuxenhandlaggare")}`;
    const before = await postForm(t.app, leader, `/processer/${id}/tilldela`, { version, choice, assignedOn: addDays(MEETING_DATE, -1) });
    expect(before.statusCode).toBe(400);
    expect(before.body).toContain("före Sofiamötet");
    const future = await postForm(t.app, leader, `/processer/${id}/tilldela`, { version, choice, assignedOn: addDays(TODAY, 1) });
    expect(future.statusCode).toBe(400);
    expect(future.body).toContain("framtiden");
    const bad = await postForm(t.app, leader, `/processer/${id}/tilldela`, { version, choice, assignedOn: "2026-02-30" });
    expect(bad.statusCode).toBe(400);
    expect((await db().select().from(processAssignments).where(eq(processAssignments.processId, id))).length).toBe(0);

    expect((await postForm(t.app, leader, `/processer/${id}/tilldela`, { version, choice, assignedOn: TODAY })).statusCode).toBe(303);
    const stale = await postForm(t.app, leader, `/processer/${id}/tilldela`, {
      version,
      choice: `process_leader:${await userId("processledare")}`,
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
    const res = await postForm(t.app, leader, `/processer/${id}/avbryt`, {
      version: String(await versionOf(id)),
      interruptedOn: TODAY,
      reason: "family_declined",
      reasonText: "",
    });
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
      .where(and(eq(auditLog.action, "worklist.view"), eq(auditLog.recordId, id)));
    // One row per person the name shows (the guardian and the child), for the leader's and the caseworker's lists.
    expect(audited.length).toBeGreaterThanOrEqual(2);
    expect(audited.every((r) => r.subjectPersonId !== null)).toBe(true);
    expect(new Set(audited.map((r) => r.subjectPersonId)).size).toBe(2);
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
    const list = (await get(t.app, leader, "/processer?sortera=namn&ordning=stigande")).body;
    expect(list).toContain("Familjen Testsson/Berg");
    expect(list).toMatch(/Elin \d+ år · akt SN 2026\/123/);
    expect(list).toContain('aria-sort="ascending"');
    const listed = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "process.list"), eq(auditLog.recordId, f.processId)));
    expect(listed.map((r) => r.subjectPersonId).sort()).toEqual([...f.guardianIds, ...f.childIds].sort());

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
