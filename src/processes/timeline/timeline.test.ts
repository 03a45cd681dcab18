/**
 * The family's timeline and the next meeting's agenda on a real PostgreSQL: a family on
 * Sofiamodellen built through the services (Familjemöte 1 held with a survey answer, a child
 * meeting consented to and cancelled, the joint child impact analysis, a safety rating, further
 * support, an interruption and resumption, Familjemöte 2 planned) and one on Familjeorienterat
 * processtöd (the model with consultation stops), then the order and content of the events, the
 * minimal view, the audit rows, the printable pages and the API.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contextOf, type DecidedFamily, decidedFamily } from "../../../test/fixtures.ts";
import { apiCall, apiToken, createTestApp, get, login, personsNamed, type TestApp } from "../../../test/helpers.ts";
import { auditLog, surveyInstrumentVersions, surveyResponses } from "../../db/schema/index.ts";
import { addDays } from "../../platform/dates.ts";
import { cancelMeeting, holdMeeting, planMeeting, recordConsent } from "../meetings/index.ts";
import { interrupt, resume } from "../service.ts";
import { addRating, recordConsultation, saveImpact } from "../stops/index.ts";
import * as store from "../store.ts";
import { addSupport } from "../support/index.ts";
import { getAgenda, getTimeline } from "./service.ts";

let t: TestApp;
const db = () => t.database.db;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const day = (n: number) => addDays(t.clock.today(), n);

interface Story extends DecidedFamily {
  guardian: string;
  child: string;
  held: string;
  childMeeting: string;
  next: string;
}

/** The family's story, told through the services as the caseworkers would. */
async function story(): Promise<Story> {
  const f = await decidedFamily(t);
  const guardian = f.person("Tolvan Tolvansson");
  const child = f.person("Lilla Tolvansson");
  const worker = await contextOf(t, "barnhandlaggare");
  const municipalityId = worker.actor?.municipalityId ?? "";
  const id = f.processId;
  const staff = [f.staff.child, f.staff.adult];

  const first = await planMeeting(worker, id, {
    meetingTypeKey: "familjemote-1",
    childId: null,
    plannedDate: day(-15),
    plannedTime: "09:00",
    durationMinutes: 90,
    place: "Sofiarummet",
    invitedPersonIds: [guardian, child],
    invitedUserIds: staff,
  });
  await holdMeeting(worker, id, first.id, {
    version: first.version,
    heldOn: day(-15),
    attendedPersonIds: [guardian, child],
    attendedUserIds: staff,
    summary: { discussed: "Metoden presenterades.", agreed: "Vi träffas varannan vecka.", nextSteps: "Barnmöte planeras." },
  });
  const [instrument] = await db().select({ id: surveyInstrumentVersions.id }).from(surveyInstrumentVersions).limit(1);
  if (!instrument) throw new Error("no survey instrument");
  await db()
    .insert(surveyResponses)
    .values({
      municipalityId: municipalityId,
      instrumentVersionId: instrument.id,
      meetingId: first.id,
      processId: id,
      respondentRole: "parent_with_problem",
      mode: "link",
      submissionKey: crypto.randomUUID(),
      complete: true,
      periodOn: day(-15),
    });

  const childMeeting = await planMeeting(worker, id, {
    meetingTypeKey: "barnmote",
    childId: child,
    plannedDate: day(-10),
    plannedTime: "14:00",
    durationMinutes: 45,
    place: "Barnrummet",
    invitedPersonIds: [child],
    invitedUserIds: [f.staff.child],
  });
  const consented = await recordConsent(worker, id, childMeeting.id, {
    version: childMeeting.version,
    consent: "given",
    consentBy: [guardian],
    consentOn: day(-12),
  });
  await cancelMeeting(worker, id, childMeeting.id, {
    version: consented.version,
    outcome: "cancelled",
    reason: "family_ill",
    reasonText: "",
  });

  await saveImpact(worker, id, child, {
    version: null,
    madeOn: day(-8),
    joint: true,
    sections: { situation: "", views: "", parentImpact: "", interventionImpact: "", bestInterest: "Barngrupp är bäst." },
  });
  await addRating(worker, id, { childId: child, ratedOn: day(-8), ratedBy: "child", score: 6, note: "" });
  await addSupport(worker, id, {
    personId: guardian,
    kind: "outpatient_addiction",
    kindText: "",
    appliedOn: day(-7),
    grantedOn: day(-6),
    endedOn: null,
    note: "Anteckning om stödet",
  });

  const version = async () => (await store.findProcess(db(), municipalityId, { all: true }, id))?.process.version ?? 0;
  await interrupt(worker, id, { version: await version(), interruptedOn: day(-5), reason: "other", reasonText: "Familjen reste bort." });
  await resume(worker, id, { version: await version(), resumedOn: day(-4) });

  const next = await planMeeting(worker, id, {
    meetingTypeKey: "familjemote-2",
    childId: null,
    plannedDate: day(7),
    plannedTime: "10:00",
    durationMinutes: 60,
    place: "Familjerummet",
    invitedPersonIds: [guardian, child],
    invitedUserIds: staff,
  });
  return { ...f, guardian, child, held: first.id, childMeeting: childMeeting.id, next: next.id };
}

let s: Story;
beforeAll(async () => {
  s = await story();
});

const timelineAudits = (id: string, action: "process.timeline" | "process.agenda") =>
  db()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.recordId, id)));

describe("the timeline", () => {
  it("has every event in date order with its content", async () => {
    const data = await getTimeline(await contextOf(t, "barnhandlaggare"), s.processId);
    expect(data.minimal).toBe(false);
    const brief = data.events.map((e) => [e.on, e.kind, e.role ?? e.status ?? e.consent ?? e.supportStep ?? e.phase ?? e.stopName ?? null]);
    expect(brief).toEqual([
      [s.requestDate, "request", null],
      [s.decidedOn, "decision", null],
      [s.decidedOn, "assignment", "child_caseworker"],
      [s.decidedOn, "assignment", "adult_caseworker"],
      [s.decidedOn, "assignment", "process_leader"],
      [day(-15), "meeting", "held"],
      [day(-15), "phase", "started"],
      [day(-12), "consent", "given"],
      [day(-10), "meeting", "cancelled"],
      [day(-8), "impact_analysis", null],
      [day(-8), "safety_rating", null],
      [day(-7), "support", "applied"],
      [day(-6), "support", "granted"],
      [day(-5), "interruption", null],
      [day(-4), "resumption", null],
      [day(7), "meeting", "planned"],
    ]);
    const byKind = (kind: string) => data.events.filter((e) => e.kind === kind);
    const lilla = { kind: "child", position: 1, name: "Lilla Tolvansson" };
    expect(byKind("assignment").map((e) => [e.staffName, e.waitDays])).toEqual([
      ["Bo Barnhandläggare", 0],
      ["Vera Vuxenhandläggare", 0],
      ["Petra Processledare", 0],
    ]);
    const [held, cancelled, planned] = byKind("meeting");
    expect(held).toMatchObject({
      meetingId: s.held,
      meetingTypeName: "Familjemöte 1",
      survey: { attended: 2, responses: 1 },
      person: null,
    });
    expect(cancelled).toMatchObject({ meetingId: s.childMeeting, meetingTypeName: "Barnmöte", reason: "family_ill", person: lilla });
    expect(planned).toMatchObject({ meetingId: s.next, meetingTypeName: "Familjemöte 2", survey: null });
    expect(byKind("consent")[0]).toMatchObject({ meetingId: s.childMeeting, person: lilla });
    expect(byKind("impact_analysis")[0]).toMatchObject({ joint: true, person: lilla });
    expect(byKind("safety_rating")[0]).toMatchObject({ score: 6, ratedBy: "child", person: lilla });
    expect(byKind("support")[0]).toMatchObject({
      supportKind: "outpatient_addiction",
      person: { kind: "guardian", position: 1, name: "Tolvan Tolvansson" },
    });
    expect(byKind("interruption")[0]).toMatchObject({ reason: "other", reasonText: "Familjen reste bort." });
    // The Sofiamöte is the decision, once; the impact analysis is not repeated as its stop.
    expect(data.events.filter((e) => e.meetingTypeName === "Sofiamöte")).toEqual([]);
    expect(data.next).toEqual({ id: s.next, meetingTypeName: "Familjemöte 2", plannedDate: day(7), plannedTime: "10:00" });
    expect(data.family.map((m) => m.label.name)).toEqual(["Tolvan Tolvansson", "Lilla Tolvansson"]);
    expect(data.waits.map((w) => w.step)).toContain("assignment_to_first_meeting");
  });

  it("shows an unassigned unit manager a minimal view: no names, no meetings, analyses, ratings or survey counts; one audit row", async () => {
    const before = (await timelineAudits(s.processId, "process.timeline")).length;
    const data = await getTimeline(await contextOf(t, "enhetschef"), s.processId);
    expect(data.minimal).toBe(true);
    expect(JSON.stringify(data)).not.toContain("Tolvans");
    expect(JSON.stringify(data)).not.toContain("reste bort");
    const kinds = new Set(data.events.map((e) => e.kind));
    for (const hidden of ["meeting", "consent", "impact_analysis", "safety_rating"]) expect(kinds.has(hidden as never)).toBe(false);
    expect(data.events.find((e) => e.kind === "support")?.person).toEqual({ kind: "guardian", position: 1, name: null });
    expect(data.next).toBeNull();
    const rows = (await timelineAudits(s.processId, "process.timeline")).slice(before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ subjectPersonId: null, subjectPersonIds: [], detail: { minimal: true } });
  });

  it("is audited in one row naming every family member shown, and a caseworker who does not work with the family finds nothing", async () => {
    const before = (await timelineAudits(s.processId, "process.timeline")).length;
    await getTimeline(await contextOf(t, "vuxenhandlaggare"), s.processId);
    const rows = (await timelineAudits(s.processId, "process.timeline")).slice(before);
    expect(rows).toHaveLength(1);
    expect(personsNamed(rows).sort()).toEqual([s.guardian, s.child].sort());
    await expect(getTimeline(await contextOf(t, "handlaggare.syd"), s.processId)).rejects.toThrow();
    await expect(getTimeline(await contextOf(t, "barnhandlaggare"), "not-a-uuid")).rejects.toThrow();
  });
});

describe("a family on a model with consultation stops", () => {
  it("shows a held stop once, the analysis that counts as its stop once, and the agenda lists the open stops", async () => {
    const f = await decidedFamily(t, { workModelKey: "familjeorienterat-processtod" });
    const child = f.person("Lilla Tolvansson");
    const worker = await contextOf(t, "barnhandlaggare");
    await recordConsultation(worker, f.processId, {
      stopKey: "samrad-utredningsstart",
      childId: null,
      heldOn: day(-20),
      checklist: [],
      note: "",
    });
    await saveImpact(worker, f.processId, child, {
      version: null,
      madeOn: day(-8),
      joint: false,
      sections: { situation: "", views: "", parentImpact: "", interventionImpact: "", bestInterest: "Stöd till föräldern." },
    });
    const data = await getTimeline(worker, f.processId);
    expect(data.events.map((e) => [e.on, e.kind, e.stopName])).toEqual([
      [f.requestDate, "request", null],
      [f.decidedOn, "decision", null],
      [f.decidedOn, "assignment", null],
      [f.decidedOn, "assignment", null],
      [f.decidedOn, "assignment", null],
      [day(-20), "consultation", "Samråd vid utredningsstart"],
      [day(-20), "phase", null],
      [day(-8), "impact_analysis", null],
    ]);
    expect(data.events.at(-1)).toMatchObject({ joint: false, person: { kind: "child", position: 1, name: "Lilla Tolvansson" } });

    // The minimal view keeps the stop (a date, no content) and leaves out the analysis.
    const minimal = await getTimeline(await contextOf(t, "enhetschef"), f.processId);
    expect(minimal.events.map((e) => e.kind)).toEqual([
      "request",
      "decision",
      "assignment",
      "assignment",
      "assignment",
      "consultation",
      "phase",
      "consultation",
    ]);
    expect(minimal.events.at(-1)).toMatchObject({
      stopName: "Gemensam barnkonsekvensanalys",
      person: { kind: "child", position: 1, name: null },
    });

    // No meeting in this model; the assessment stop (request + 90 days) and the decision stop (+ 110) are open.
    const agenda = await getAgenda(worker, f.processId);
    expect(agenda.meeting).toBeNull();
    expect(agenda.openStops).toEqual([
      { name: "Samråd inför bedömning", child: null, dueOn: addDays(f.requestDate, 90), overdue: false },
      { name: "Samråd inför beslut om insatser", child: null, dueOn: addDays(f.requestDate, 110), overdue: false },
    ]);
  });
});

describe("the agenda of the next meeting", () => {
  it("has the meeting's type, time, place, participants, checklist, the open stops and what was agreed last time", async () => {
    const before = (await timelineAudits(s.processId, "process.agenda")).length;
    const data = await getAgenda(await contextOf(t, "barnhandlaggare"), s.processId);
    expect(data.meeting).toMatchObject({
      id: s.next,
      typeName: "Familjemöte 2",
      plannedDate: day(7),
      plannedTime: "10:00",
      durationMinutes: 60,
      place: "Familjerummet",
      child: null,
    });
    expect(data.meeting?.checklist.length).toBeGreaterThan(0);
    expect(data.meeting?.participants).toEqual([
      { name: "Tolvan Tolvansson", kind: "guardian", roles: [] },
      { name: "Lilla Tolvansson", kind: "child", roles: [] },
      { name: "Bo Barnhandläggare", kind: "staff", roles: ["child_caseworker"] },
      { name: "Vera Vuxenhandläggare", kind: "staff", roles: ["adult_caseworker"] },
    ]);
    expect(data.openStops).toEqual([]);
    expect(data.lastTime).toEqual({
      meetingTypeName: "Familjemöte 1",
      heldOn: day(-15),
      agreed: "Vi träffas varannan vecka.",
      nextSteps: "Barnmöte planeras.",
    });
    const rows = (await timelineAudits(s.processId, "process.agenda")).slice(before);
    expect(rows).toHaveLength(1);
    expect(personsNamed(rows).sort()).toEqual([s.guardian, s.child].sort());
  });

  it("is not there for the minimal view", async () => {
    await expect(getAgenda(await contextOf(t, "enhetschef"), s.processId)).rejects.toThrow();
  });

  it("says so when no meeting is planned", async () => {
    const f = await decidedFamily(t);
    const data = await getAgenda(await contextOf(t, "barnhandlaggare"), f.processId);
    expect(data.meeting).toBeNull();
    expect(data.lastTime).toBeNull();
  });
});

describe("the pages", () => {
  it("show the timeline with a single h1, linked from the process page, and the agenda, printable", async () => {
    const worker = await login(t.app, "barnhandlaggare");
    const processPage = await get(t.app, worker, `/processer/${s.processId}`);
    expect(processPage.body).toContain(`href="/processer/${s.processId}/tidslinje"`);
    expect(processPage.body).toContain(`href="/processer/${s.processId}/dagordning"`);
    const page = await get(t.app, worker, `/processer/${s.processId}/tidslinje`);
    expect(page.statusCode, page.body.slice(0, 2000)).toBe(200);
    expect(page.headers["cache-control"]).toBe("no-store");
    expect((page.body.match(/<h1[\s>]/g) ?? []).length).toBe(1);
    expect(page.body).toMatch(/<h1[^>]*>Tidslinje: Familjen Tolvansson \(Lilla \d+ år\)/);
    expect(page.body).toContain("Familjemöte 1 hållet");
    expect(page.body).toContain("Enkätsvar: 1 från 2 familjemedlemmar som deltog");
    expect(page.body).toContain("Barnmöte inställt");
    expect(page.body).toContain("Sjukdom i familjen");
    expect(page.body).toContain("Trygghetsskalan: 6 av 10");
    expect(page.body).toContain("Beviljat: Öppenvård beroende");
    expect(page.body).toContain("Familjen reste bort.");
    const agenda = await get(t.app, worker, `/processer/${s.processId}/dagordning`);
    expect(agenda.statusCode).toBe(200);
    expect(agenda.body).toMatch(/Dagordning: Familjemöte 2, Familjen Tolvansson \(Lilla \d+ år\)/);
    expect(agenda.body).toContain("Familjerummet");
    expect(agenda.body).toContain("Vi träffas varannan vecka.");
    expect(agenda.body).toContain("Ingen hållplats är aktuell just nu.");
  });

  it("show the unit manager the minimal timeline without names, no agenda link, and no agenda", async () => {
    const manager = await login(t.app, "enhetschef");
    const processPage = await get(t.app, manager, `/processer/${s.processId}`);
    expect(processPage.body).toContain(`href="/processer/${s.processId}/tidslinje"`);
    expect(processPage.body).not.toContain(`/dagordning"`);
    const page = await get(t.app, manager, `/processer/${s.processId}/tidslinje`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Begränsad vy");
    expect(page.body).toContain("Tidslinje: Familj med förfrågan");
    expect(page.body).not.toContain("Tolvans");
    expect(page.body).toContain("Vårdnadshavare 1");
    expect((await get(t.app, manager, `/processer/${s.processId}/dagordning`)).statusCode).toBe(404);
  });

  it("answer 404 for a process one may not see or that does not exist", async () => {
    const other = await login(t.app, "handlaggare.syd");
    expect((await get(t.app, other, `/processer/${s.processId}/tidslinje`)).statusCode).toBe(404);
    expect((await get(t.app, other, `/processer/${s.processId}/dagordning`)).statusCode).toBe(404);
    const worker = await login(t.app, "barnhandlaggare");
    expect((await get(t.app, worker, "/processer/finns-inte/tidslinje")).statusCode).toBe(404);
  });
});

describe("the API", () => {
  it("returns the timeline by its response schema, and problem+json for a process one may not see", async () => {
    const token = await apiToken(t, "barnhandlaggare", ["processes.view"]);
    const res = await apiCall(t.app, "GET", `/api/v1/processes/${s.processId}/timeline`, token);
    expect(res.statusCode, res.body.slice(0, 1000)).toBe(200);
    const body = res.json();
    expect(body.minimal).toBe(false);
    expect(body.events[0]).toMatchObject({ kind: "request", on: s.requestDate });
    expect(body.events.find((e: { kind: string }) => e.kind === "meeting")).toMatchObject({ survey: { attended: 2, responses: 1 } });
    expect(body.next).toMatchObject({ id: s.next, plannedDate: day(7) });

    const other = await apiToken(t, "handlaggare.syd", ["processes.view"]);
    const hidden = await apiCall(t.app, "GET", `/api/v1/processes/${s.processId}/timeline`, other);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.headers["content-type"]).toContain("application/problem+json");
    const anonymous = await apiCall(t.app, "GET", `/api/v1/processes/${s.processId}/timeline`, null);
    expect(anonymous.statusCode).toBe(401);
  });

  it("is in the OpenAPI document", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/v1/openapi.json" });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.paths["/api/v1/processes/{id}/timeline"]?.get?.summary).toBe("Familjens tidslinje");
  });
});
