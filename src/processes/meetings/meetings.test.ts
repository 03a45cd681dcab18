/**
 * The meetings of a process through the HTTP app on a real PostgreSQL: plan, hold (the phase
 * moves, a parent's application turns Typ 2 into Typ 1), the child meeting's consent, cancel,
 * edit with the version, the calendar file, who may see what, and the API's problem+json.
 */
import { and, eq, ne } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decidedFamily } from "../../../test/fixtures.ts";
import { apiCall, apiToken, createTestApp, get, login, personsNamed, postForm, type TestApp, testClock } from "../../../test/helpers.ts";
import { auditLog, meetingParticipants, meetings, outbox, processes, requestPersons, requests } from "../../db/schema/index.ts";
import { addDays, daysBetween } from "../../platform/dates.ts";

let t: TestApp;
const db = () => t.database.db;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/**
 * The dates of the story, counted back from the test clock's today: first written as November 2026
 * with today December 6 (`nov(2)` is the request), and kept at those distances from today.
 */
const TODAY = testClock().today();
const nov = (day: number) => addDays(TODAY, day - 36);
const ics = (date: string) => date.replaceAll("-", "");
const REQUEST_DATE = nov(2);
const SOFIAMOTE = nov(5);
const HELD = nov(20);
const h1Count = (html: string) => (html.match(/<h1[\s>]/g) ?? []).length;
const meetingIdFrom = (location: unknown) => /\/moten\/([0-9a-f-]{36})/.exec(String(location))?.[1] ?? "";

interface Family {
  requestId: string;
  processId: string;
  guardian: string;
  /** 8 and 10 years old on the request date: each gets a child meeting. */
  child8: string;
  child10: string;
  /** 3 years old: too young for the child meeting. */
  child3: string;
  staff: { child: string; adult: string; leader: string };
}

/**
 * A Typ 2 family (the child open at a child unit, the parent nowhere yet), decided at the
 * Sofiamöte, with the child and adult caseworkers and the process leader assigned.
 */
async function family(): Promise<Family> {
  const f = await decidedFamily(t, {
    requestDaysAgo: daysBetween(REQUEST_DATE, TODAY) ?? 0,
    decidedDaysAgo: daysBetween(SOFIAMOTE, TODAY) ?? 0,
    children: [
      { name: "Lilla Tolvansson", age: 8, gender: "girl", unit: "Barn och unga Norr" },
      { name: "Stora Tolvansson", age: 10, gender: "boy" },
      { name: "Minsta Tolvansson", age: 3, gender: "girl" },
    ],
  });
  const [request] = await db().select().from(requests).where(eq(requests.id, f.requestId));
  expect(request?.caseType).toBe(2);
  return {
    requestId: f.requestId,
    processId: f.processId,
    guardian: f.person("Tolvan Tolvansson"),
    child8: f.person("Lilla Tolvansson"),
    child10: f.person("Stora Tolvansson"),
    child3: f.person("Minsta Tolvansson"),
    staff: f.staff,
  };
}

/** The meetings planned in a test: the Sofiamöte is recorded as held by the decision that started the process. */
const plannedMeetings = (processId: string) =>
  db()
    .select()
    .from(meetings)
    .where(and(eq(meetings.processId, processId), ne(meetings.meetingTypeKey, "sofiamote")));
const meetingRow = async (id: string) => (await db().select().from(meetings).where(eq(meetings.id, id)))[0];
const processRow = async (id: string) => (await db().select().from(processes).where(eq(processes.id, id)))[0];
const planUrl = (f: Family, typ: string, barn?: string) => `/processer/${f.processId}/moten/ny?typ=${typ}${barn ? `&barn=${barn}` : ""}`;
const meetingUrl = (f: Family, id: string) => `/processer/${f.processId}/moten/${id}`;

type Browser = Awaited<ReturnType<typeof login>>;

async function plan(
  browser: Browser,
  f: Family,
  typ: string,
  barn?: string,
  extra: Record<string, string | string[]> = {},
): Promise<string> {
  const res = await postForm(t.app, browser, planUrl(f, typ, barn), {
    plannedDate: nov(18),
    plannedTime: "09:30",
    durationMinutes: "90",
    place: "Sofiarummet, plan 3",
    invitedPersonIds: barn ? [barn] : [f.guardian, f.child8, f.child10, f.child3],
    invitedUserIds: [f.staff.child, f.staff.adult, f.staff.leader],
    ...extra,
  });
  expect(res.statusCode, res.body.slice(0, 3000)).toBe(303);
  return meetingIdFrom(res.headers.location);
}

const holdFields = (version: number, extra: Record<string, string | string[]> = {}) => ({
  version: String(version),
  heldOn: HELD,
  attendedPersonIds: [],
  attendedUserIds: [],
  "summary.discussed": "Metoden presenterades.",
  "summary.agreed": "",
  "summary.nextSteps": "Barnmöten planeras.",
  ...extra,
});

describe("a family meeting on the pages", () => {
  it("plans Familjemöte 1, shows it with its purpose and the journal note, holds it: the phase moves and Typ 2 becomes Typ 1", async () => {
    const f = await family();
    const worker = await login(t.app, "barnhandlaggare");
    const form = await get(t.app, worker, planUrl(f, "familjemote-1"));
    expect(form.statusCode, form.body.slice(0, 2000)).toBe(200);
    expect(h1Count(form.body)).toBe(1);
    expect(form.body).toContain("Planera Familjemöte 1");
    expect(form.body).toContain('for="f-plannedTime"');
    expect(form.body).toContain("Minsta Tolvansson");

    const id = await plan(worker, f, "familjemote-1", undefined, {
      invitedPersonIds: [f.guardian, f.child8],
      invitedUserIds: [f.staff.child, f.staff.adult],
    });
    const planned = await meetingRow(id);
    expect(planned).toMatchObject({
      status: "planned",
      plannedDate: nov(18),
      plannedTime: "09:30",
      durationMinutes: 90,
      meetingTypeKey: "familjemote-1",
    });
    const invited = await db().select().from(meetingParticipants).where(eq(meetingParticipants.meetingId, id));
    expect(invited).toHaveLength(4);

    const page = await get(t.app, worker, `${meetingUrl(f, id)}?klart=planerat`);
    expect(page.statusCode).toBe(200);
    expect(h1Count(page.body)).toBe(1);
    expect(page.body).toContain("Mötet är planerat.");
    expect(page.body).toContain("Informera och avdramatisera");
    expect(page.body).toContain("Dokumentationen av ärendet förs i journalen");
    expect(page.body).toContain(`href="${meetingUrl(f, id)}/kalender.ics"`);
    const views = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "meeting.view"), eq(auditLog.recordId, f.processId)));
    // One row per view, naming every family member shown (decision 0051).
    expect(views.length).toBeGreaterThanOrEqual(1);
    expect(personsNamed(views).length).toBeGreaterThanOrEqual(4);

    const res = await postForm(
      t.app,
      worker,
      `${meetingUrl(f, id)}/halla`,
      holdFields(planned?.version ?? 0, {
        attendedPersonIds: [f.guardian],
        attendedUserIds: [f.staff.child, f.staff.adult],
        leaderPresent: "on",
        checklistDone: ["0", "1", "5"],
        appliedGuardianIds: [f.guardian],
      }),
    );
    expect(res.statusCode, res.body.slice(0, 3000)).toBe(303);
    expect(res.headers.location).toBe(`${meetingUrl(f, id)}?klart=hallet&fran=2`);

    const held = await meetingRow(id);
    expect(held).toMatchObject({ status: "held", heldOn: HELD, checklistDone: [0, 1, 5], recordedBy: f.staff.child });
    expect(held?.summary).toEqual({ discussed: "Metoden presenterades.", agreed: "", nextSteps: "Barnmöten planeras." });
    const attendance = await db().select().from(meetingParticipants).where(eq(meetingParticipants.meetingId, id));
    expect(attendance.find((p) => p.personId === f.guardian)?.attended).toBe(true);
    expect(attendance.find((p) => p.personId === f.child8)?.attended).toBe(false);
    expect(attendance.find((p) => p.userId === f.staff.leader)).toMatchObject({ invited: false, attended: true });

    expect(await processRow(f.processId)).toMatchObject({ phase: "started", status: "active", startedOn: HELD });
    const [request] = await db().select().from(requests).where(eq(requests.id, f.requestId));
    expect(request?.caseType).toBe(1);
    const [guardian] = await db().select().from(requestPersons).where(eq(requestPersons.id, f.guardian));
    expect(guardian?.applied).toBe(true);
    const applied = await db().select().from(auditLog).where(eq(auditLog.action, "request.applied_at_meeting"));
    expect(applied.filter((a) => a.subjectPersonId === f.guardian)).toHaveLength(1);
    expect(
      await db()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "meeting.hold"), eq(auditLog.recordId, id))),
    ).toHaveLength(2);

    const after = await get(t.app, worker, String(res.headers.location));
    expect(after.body).toContain("Mötet är registrerat som hållet.");
    expect(after.body).toContain("Ärendetypen ändrades från Typ 2 till Typ 1: föräldern har ansökt om stöd på beroendeenheten.");
    expect(after.body).toContain("Metoden presenterades.");
    expect(after.body).not.toContain(`action="${meetingUrl(f, id)}/halla"`);

    // A second hold of the same meeting: 409 with a message on the page, nothing changed.
    const again = await postForm(t.app, worker, `${meetingUrl(f, id)}/halla`, holdFields(held?.version ?? 0, { heldOn: nov(21) }));
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain("Mötet är redan registrerat som hållet. Ingenting ändrades.");
    expect(await meetingRow(id)).toEqual(held);

    // Planning the same step again is refused too.
    const replan = await postForm(t.app, worker, planUrl(f, "familjemote-1"), {
      plannedDate: nov(25),
      plannedTime: "10:00",
      durationMinutes: "60",
      place: "Rum 2",
      invitedUserIds: [f.staff.child],
    });
    expect(replan.statusCode).toBe(409);
    expect(replan.body).toContain("Det här mötet är redan hållet.");
  });

  it("refuses a held date in the future or before the Sofiamöte, and a bad plan, field by field, changing nothing", async () => {
    const f = await family();
    const worker = await login(t.app, "vuxenhandlaggare");
    // A date that does not exist, a time that is not one, a length out of range and no place: every error at once, in the form's order.
    const bad = await postForm(t.app, worker, planUrl(f, "familjemote-1"), {
      plannedDate: "32/12 2026",
      plannedTime: "25.00",
      durationMinutes: "5",
      place: "",
      invitedUserIds: [],
    });
    expect(bad.statusCode).toBe(400);
    const summary = bad.body.slice(bad.body.indexOf("ds-error-summary"), bad.body.indexOf("</ul>", bad.body.indexOf("ds-error-summary")));
    expect([...summary.matchAll(/href="#f-(\w+)"/g)].map((m) => m[1])).toEqual(["plannedDate", "plannedTime", "durationMinutes", "place"]);
    expect(bad.body).toContain("Du skrev ”32/12 2026”. Skriv ett datum som finns, till exempel 2026-12-20, 20/12 2026 eller 20 dec 2026.");
    expect(bad.body).toContain("Du skrev ”25.00”. Skriv ett klockslag mellan 0 och 23.59");
    // What Swedes type is read, and the page says what it understood when it shows the form again.
    const [year, month, day] = nov(1).split("-");
    const understood = await postForm(t.app, worker, planUrl(f, "familjemote-1"), {
      plannedDate: `${Number(day)}/${Number(month)} ${year}`,
      plannedTime: "9.30",
      durationMinutes: "60",
      place: "",
      invitedUserIds: [f.staff.child],
    });
    expect(understood.statusCode).toBe(400);
    expect(understood.body).toContain("Sofia läser det som kl. 09.30.");
    expect(understood.body).toMatch(/Sofia läser det som \p{L}+dag \d{1,2} \p{L}+ \d{4}\./u);
    const badDate = await postForm(t.app, worker, planUrl(f, "familjemote-1"), {
      plannedDate: nov(1),
      plannedTime: "09:30",
      durationMinutes: "60",
      place: "Rum 1",
      invitedUserIds: [],
    });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.body).toContain("Datumet kan inte ligga före Sofiamötet.");
    expect(badDate.body).toContain("Bjud in minst en person.");
    expect(await plannedMeetings(f.processId)).toHaveLength(0);

    const id = await plan(worker, f, "familjemote-1");
    const before = await meetingRow(id);
    const future = await postForm(
      t.app,
      worker,
      `${meetingUrl(f, id)}/halla`,
      holdFields(before?.version ?? 0, { heldOn: addDays(TODAY, 1) }),
    );
    expect(future.statusCode).toBe(400);
    expect(future.body).toContain('href="#f-heldOn"');
    expect(future.body).toContain("Datumet kan inte ligga i framtiden.");
    const early = await postForm(t.app, worker, `${meetingUrl(f, id)}/halla`, holdFields(before?.version ?? 0, { heldOn: nov(4) }));
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain("Datumet kan inte ligga före Sofiamötet.");
    expect(await meetingRow(id)).toEqual(before);
    expect((await processRow(f.processId))?.phase).toBe("not_started");
  });

  it("edits the plan with the version, refuses a stale edit, and cancels with a reason ('Annat' needs a text)", async () => {
    const f = await family();
    const worker = await login(t.app, "barnhandlaggare");
    const id = await plan(worker, f, "familjemote-2");
    const v1 = (await meetingRow(id))?.version ?? 0;
    const edit = (version: number, place: string) =>
      postForm(t.app, worker, `${meetingUrl(f, id)}/andra`, {
        part: "plan",
        version: String(version),
        plannedDate: nov(26),
        plannedTime: "13:00",
        durationMinutes: "60",
        place,
        invitedPersonIds: [f.guardian],
        invitedUserIds: [f.staff.child],
      });
    const ok = await edit(v1, "Rum 4");
    expect(ok.statusCode, ok.body.slice(0, 2000)).toBe(303);
    const edited = await meetingRow(id);
    expect(edited).toMatchObject({ plannedDate: nov(26), plannedTime: "13:00", place: "Rum 4", version: v1 + 1 });
    expect(await db().select().from(meetingParticipants).where(eq(meetingParticipants.meetingId, id))).toHaveLength(2);

    const stale = await edit(v1, "Rum 9");
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('id="f-_form"');
    expect(await meetingRow(id)).toEqual(edited);

    const noText = await postForm(t.app, worker, `${meetingUrl(f, id)}/installt`, {
      version: String(edited?.version),
      outcome: "cancelled",
      reason: "other",
      reasonText: " ",
    });
    expect(noText.statusCode).toBe(400);
    expect(noText.body).toContain('href="#f-reasonText"');
    expect(noText.body).toContain("Beskriv skälet när du har valt Annat.");
    const fields = { version: String(edited?.version), outcome: "not_attended", reason: "family_did_not_come", reasonText: "" };
    // The danger button leads to the confirmation step, which says what will happen and changes nothing.
    expect((await get(t.app, worker, meetingUrl(f, id))).body).toContain(
      '<button type="submit" class="ds-button" data-variant="secondary" data-color="danger">Fortsätt</button>',
    );
    const confirm = await postForm(t.app, worker, `${meetingUrl(f, id)}/installt`, fields);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain("registreras som att familjen inte kom");
    expect(confirm.body).toContain('<input type="hidden" name="confirmed" value="yes"/>');
    expect(confirm.body).toContain('data-color="danger">Registrera att familjen inte kom</button>');
    expect(await meetingRow(id)).toEqual(edited);
    const cancelled = await postForm(t.app, worker, `${meetingUrl(f, id)}/installt`, { ...fields, confirmed: "yes" });
    expect(cancelled.statusCode).toBe(303);
    expect(await meetingRow(id)).toMatchObject({ status: "not_attended", outcomeReason: "family_did_not_come", outcomeText: null });
    const page = await get(t.app, worker, meetingUrl(f, id));
    expect(page.body).toContain("Familjen kom inte utan att avboka");
    // A new plan of the same step is possible after one that did not happen.
    await plan(worker, f, "familjemote-2");
  });

  it("holds Familjemöte 3 only with the relapse and safety plan; the process is then completed and its record still editable", async () => {
    const f = await family();
    const worker = await login(t.app, "barnhandlaggare");
    const id = await plan(worker, f, "familjemote-3");
    const version = (await meetingRow(id))?.version ?? 0;
    const missing = await postForm(t.app, worker, `${meetingUrl(f, id)}/halla`, holdFields(version));
    expect(missing.statusCode).toBe(400);
    for (const field of ["safetyPlan-warningSigns", "safetyPlan-childActions", "safetyPlan-adultActions", "safetyPlan-agreedWithFamily"]) {
      expect(missing.body).toContain(`href="#f-${field}"`);
    }
    const res = await postForm(
      t.app,
      worker,
      `${meetingUrl(f, id)}/halla`,
      holdFields(version, {
        "safetyPlan.warningSigns": "Pappa slutar svara i telefon.",
        "safetyPlan.childActions": "Ringer mormor, 070-000 00 00.",
        "safetyPlan.adultActions": "Mamma kontaktar beroendeenheten.",
        "safetyPlan.agreedWithFamily": "yes",
      }),
    );
    expect(res.statusCode, res.body.slice(0, 3000)).toBe(303);
    const held = await meetingRow(id);
    expect(held?.safetyPlan).toEqual({
      warningSigns: "Pappa slutar svara i telefon.",
      childActions: "Ringer mormor, 070-000 00 00.",
      adultActions: "Mamma kontaktar beroendeenheten.",
      agreedWithFamily: true,
    });
    expect(await processRow(f.processId)).toMatchObject({ phase: "completed", status: "completed", completedOn: HELD });
    // A completed process takes no new meetings.
    const closed = await postForm(t.app, worker, planUrl(f, "familjemote-2"), {
      plannedDate: nov(25),
      plannedTime: "10:00",
      durationMinutes: "60",
      place: "Rum 2",
      invitedUserIds: [f.staff.child],
    });
    expect(closed.statusCode).toBe(409);
    expect(closed.body).toContain("Processen är genomförd.");

    const record = await postForm(t.app, worker, `${meetingUrl(f, id)}/andra`, {
      part: "record",
      version: String(held?.version),
      checklistDone: ["1"],
      "summary.discussed": "Uppföljning.",
      "safetyPlan.warningSigns": "Pappa slutar svara i telefon.",
      "safetyPlan.childActions": "Ringer mormor.",
      "safetyPlan.adultActions": "Mamma kontaktar beroendeenheten.",
      "safetyPlan.agreedWithFamily": "yes",
    });
    expect(record.statusCode, record.body.slice(0, 3000)).toBe(303);
    expect(await meetingRow(id)).toMatchObject({
      checklistDone: [1],
      summary: { discussed: "Uppföljning." },
      safetyPlan: { childActions: "Ringer mormor." },
    });
    const stale = await postForm(t.app, worker, `${meetingUrl(f, id)}/andra`, {
      part: "record",
      version: String(held?.version),
      "summary.discussed": "Skrivet över.",
      "safetyPlan.warningSigns": "a",
      "safetyPlan.childActions": "b",
      "safetyPlan.adultActions": "c",
      "safetyPlan.agreedWithFamily": "no",
    });
    expect(stale.statusCode).toBe(409);
    expect((await meetingRow(id))?.summary).toMatchObject({ discussed: "Uppföljning." });
  });
});

describe("in English (decision 0043)", () => {
  it("names the seeded meeting types, purposes and checklists in English on the plan, meeting, process and timeline pages and the worklist", async () => {
    const f = await family();
    const worker = await login(t.app, "barnhandlaggare");
    const english = { ...worker, cookie: `${worker.cookie}; sofia_lang=en` };
    const form = await get(t.app, english, planUrl(f, "familjemote-1"));
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain("Family meeting 1");
    expect(form.body).not.toContain("Familjemöte 1");

    // Planned in English: the invitation to colleagues (a Swedish e-mail) names the meeting type as stored.
    const id = await plan(english, f, "familjemote-1");
    const [queued] = (await db().select().from(outbox)).filter((r) => (r.payload as { meetingId?: string }).meetingId === id);
    expect(queued?.payload).toMatchObject({ meetingTypeName: "Familjemöte 1", method: "REQUEST" });
    const page = await get(t.app, english, meetingUrl(f, id));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Family meeting 1");
    expect(page.body).toContain("Inform and de-dramatise");
    expect(page.body).toContain("The method and the purpose of the meetings have been presented");
    expect(page.body).not.toContain("Informera och avdramatisera");
    expect(page.body).not.toContain("Metoden och syftet med träffarna är presenterade");

    const processPage = await get(t.app, english, `/processer/${f.processId}`);
    expect(processPage.statusCode).toBe(200);
    expect(processPage.body).toContain("Child meeting");
    expect(processPage.body).not.toMatch(/Familjemöte \d|Barnmöte/);
    const timeline = await get(t.app, english, `/processer/${f.processId}/tidslinje`);
    expect(timeline.statusCode).toBe(200);
    expect(timeline.body).toContain("Sofia meeting");
    expect(timeline.body).not.toMatch(/Sofiamöte|Familjemöte \d/);
    const start = await get(t.app, english, "/start");
    expect(start.statusCode).toBe(200);
    expect(start.body).toContain("Family meeting 1");
    expect(start.body).not.toMatch(/Familjemöte \d|Barnmöte/);

    // The same meeting in Swedish.
    const swedish = await get(t.app, worker, meetingUrl(f, id));
    expect(swedish.body).toContain("Informera och avdramatisera");
    expect(swedish.body).not.toContain("Inform and de-dramatise");
  });
});

describe("a child meeting", () => {
  it("refuses an unknown type, an unknown child and a child too young; needs consent before it is held, and records the child's voice", async () => {
    const f = await family();
    const worker = await login(t.app, "barnhandlaggare");
    const unknown = await get(t.app, worker, planUrl(f, "okant-mote"));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain("Mötestypen finns inte i processens arbetsmodell.");
    const young = await get(t.app, worker, planUrl(f, "barnmote", f.child3));
    expect(young.statusCode).toBe(400);
    expect(young.body).toContain("Barnet är yngre än arbetsmodellens minimiålder för barnmötet.");
    const youngPost = await postForm(t.app, worker, planUrl(f, "barnmote", f.child3), {
      plannedDate: nov(18),
      plannedTime: "09:30",
      durationMinutes: "45",
      place: "Barnrummet",
      invitedPersonIds: [f.child3],
      invitedUserIds: [f.staff.child],
    });
    expect(youngPost.statusCode).toBe(400);
    const stranger = await get(t.app, worker, planUrl(f, "barnmote", f.guardian));
    expect(stranger.statusCode).toBe(400);
    expect(stranger.body).toContain("Barnet finns inte i familjen.");

    const form = await get(t.app, worker, planUrl(f, "barnmote", f.child8));
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain("Planera Barnmöte – Lilla Tolvansson");
    expect(form.body).not.toContain("Tolvan Tolvansson");
    const id = await plan(worker, f, "barnmote", f.child8, { invitedUserIds: [f.staff.child] });
    expect((await meetingRow(id))?.childId).toBe(f.child8);

    const page = await get(t.app, worker, meetingUrl(f, id));
    expect(page.body).toContain("Inget samtycke är registrerat.");
    expect(page.body).toContain("Registrera vårdnadshavarnas samtycke innan du registrerar barnmötet.");

    const v = (await meetingRow(id))?.version ?? 0;
    const child = { childTold: "Att det inte är ditt fel.", childViews: "yes" };
    const noConsent = await postForm(t.app, worker, `${meetingUrl(f, id)}/halla`, holdFields(v, child));
    expect(noConsent.statusCode).toBe(400);
    expect(noConsent.body).toContain('href="#f-consent"');
    expect(noConsent.body).toContain("Vårdnadshavarnas samtycke saknas");
    expect((await meetingRow(id))?.status).toBe("planned");

    const noGuardian = await postForm(t.app, worker, `${meetingUrl(f, id)}/samtycke`, {
      version: String(v),
      consent: "given",
      consentOn: nov(12),
    });
    expect(noGuardian.statusCode).toBe(400);
    expect(noGuardian.body).toContain('href="#f-consentBy"');
    const futureConsent = await postForm(t.app, worker, `${meetingUrl(f, id)}/samtycke`, {
      version: String(v),
      consent: "given",
      consentBy: [f.guardian],
      consentOn: addDays(TODAY, 2),
    });
    expect(futureConsent.statusCode).toBe(400);
    expect(futureConsent.body).toContain('href="#f-consentOn"');
    expect((await meetingRow(id))?.consent).toBeNull();

    const consent = await postForm(t.app, worker, `${meetingUrl(f, id)}/samtycke`, {
      version: String(v),
      consent: "given",
      consentBy: [f.guardian],
      consentOn: nov(12),
    });
    expect(consent.statusCode, consent.body.slice(0, 3000)).toBe(303);
    expect(await meetingRow(id)).toMatchObject({ consent: "given", consentBy: [f.guardian], consentOn: nov(12), status: "planned" });
    const shown = await get(t.app, worker, meetingUrl(f, id));
    expect(shown.body).toContain(`Samtycke givet av Tolvan Tolvansson den ${nov(12)}.`);

    const v2 = (await meetingRow(id))?.version ?? 0;
    const noVoice = await postForm(t.app, worker, `${meetingUrl(f, id)}/halla`, holdFields(v2));
    expect(noVoice.statusCode).toBe(400);
    expect(noVoice.body).toContain('href="#f-childTold"');
    expect(noVoice.body).toContain('href="#f-childViews"');

    const held = await postForm(
      t.app,
      worker,
      `${meetingUrl(f, id)}/halla`,
      holdFields(v2, { ...child, attendedPersonIds: [f.child8], attendedUserIds: [f.staff.child] }),
    );
    expect(held.statusCode, held.body.slice(0, 3000)).toBe(303);
    expect(await meetingRow(id)).toMatchObject({ status: "held", childTold: "Att det inte är ditt fel.", childViews: "yes" });
    // A child meeting does not move the phase.
    expect((await processRow(f.processId))?.phase).toBe("not_started");
  });

  it("takes a refusal of consent as a reason: the child meeting is cancelled, not an error", async () => {
    const f = await family();
    const worker = await login(t.app, "barnhandlaggare");
    const id = await plan(worker, f, "barnmote", f.child10, { invitedUserIds: [f.staff.child] });
    const res = await postForm(t.app, worker, `${meetingUrl(f, id)}/samtycke`, {
      version: String((await meetingRow(id))?.version),
      consent: "refused",
      consentBy: [f.guardian],
      consentOn: nov(12),
    });
    expect(res.statusCode).toBe(303);
    expect(await meetingRow(id)).toMatchObject({ status: "cancelled", outcomeReason: "consent_refused", consent: "refused" });
    const page = await get(t.app, worker, meetingUrl(f, id));
    expect(page.body).toContain("Vårdnadshavarna samtyckte inte till samtal med barnet ensamt");
    expect(page.body).toContain(`Samtycke nekat av Tolvan Tolvansson den ${nov(12)}.`);
    const audits = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "meeting.consent"), eq(auditLog.recordId, id)));
    expect(audits.map((a) => a.subjectPersonId).sort()).toEqual([f.guardian, f.child10].sort());
  });

  it("records consent only for a child meeting", async () => {
    const f = await family();
    const worker = await login(t.app, "barnhandlaggare");
    const id = await plan(worker, f, "familjemote-1");
    const res = await postForm(t.app, worker, `${meetingUrl(f, id)}/samtycke`, {
      version: String((await meetingRow(id))?.version),
      consent: "given",
      consentBy: [f.guardian],
      consentOn: nov(12),
    });
    expect(res.statusCode).toBe(400);
    expect((await meetingRow(id))?.consent).toBeNull();
  });
});

describe("the calendar invitation", () => {
  it("is an iCalendar attachment with the meeting type, time and place and no names or identity numbers; each download is audited", async () => {
    const f = await family();
    const worker = await login(t.app, "vuxenhandlaggare");
    const id = await plan(worker, f, "familjemote-1");
    const res = await get(t.app, worker, `${meetingUrl(f, id)}/kalender.ics`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/calendar");
    expect(res.headers["content-disposition"]).toBe(`attachment; filename="sofia-familjemote-1-${nov(18)}.ics"`);
    expect(res.headers["cache-control"]).toBe("no-store");
    const body = res.body.replace(/\r\n[ \t]/g, "");
    expect(body).toContain("SUMMARY:Sofia: Familjemöte 1\r\n");
    expect(body).toContain(`DTSTART;TZID=Europe/Stockholm:${ics(nov(18))}T093000\r\n`);
    expect(body).toContain(`DTEND;TZID=Europe/Stockholm:${ics(nov(18))}T110000\r\n`);
    expect(body).toContain("LOCATION:Sofiarummet\\, plan 3\r\n");
    expect(body).toContain(`UID:${id}@sofia`);
    expect(body).toContain("Se Sofia för detaljer");
    for (const secret of ["Tolvan", "Tolvansson", "19121212", "1212-1212", "Bo Barnhandläggare"]) expect(body).not.toContain(secret);
    const logged = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "meeting.calendar"), eq(auditLog.recordId, id)));
    expect(logged).toHaveLength(1);
  });
});

describe("who may see and change meetings", () => {
  it("answers 404 to a caseworker not assigned, 403 to an analyst, and lets the process leader see it", async () => {
    const f = await family();
    const worker = await login(t.app, "barnhandlaggare");
    const id = await plan(worker, f, "familjemote-1");
    const other = await login(t.app, "handlaggare.syd");
    expect((await get(t.app, other, meetingUrl(f, id))).statusCode).toBe(404);
    expect((await get(t.app, other, planUrl(f, "familjemote-1"))).statusCode).toBe(404);
    expect((await get(t.app, other, `${meetingUrl(f, id)}/kalender.ics`)).statusCode).toBe(404);
    const version = (await meetingRow(id))?.version ?? 0;
    const hold = await postForm(t.app, other, `${meetingUrl(f, id)}/halla`, holdFields(version));
    expect(hold.statusCode).toBe(404);
    const analyst = await login(t.app, "analytiker");
    expect((await get(t.app, analyst, meetingUrl(f, id))).statusCode).toBe(403);
    expect((await get(t.app, analyst, planUrl(f, "familjemote-1"))).statusCode).toBe(403);
    const manager = await login(t.app, "enhetschef");
    expect((await get(t.app, manager, meetingUrl(f, id))).statusCode).toBe(404);
    expect((await meetingRow(id))?.status).toBe("planned");
    const leader = await login(t.app, "processledare");
    const shown = await get(t.app, leader, meetingUrl(f, id));
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain(`${meetingUrl(f, id)}/halla`);
  });
});

describe("the meetings API", () => {
  it("plans, lists, shows, consents, holds and edits, with problem+json on bad input, a second hold and a stale edit", async () => {
    const f = await family();
    const token = await apiToken(t, "barnhandlaggare", ["processes.view", "processes.work"]);
    const base = `/api/v1/processes/${f.processId}/meetings`;

    const bad = await apiCall(t.app, "POST", base, token, {
      meetingTypeKey: "familjemote-1",
      plannedDate: nov(18),
      plannedTime: "25:00",
      durationMinutes: 60,
      place: "Rum 1",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers["content-type"]).toContain("application/problem+json");
    expect(bad.json().errors).toContainEqual({
      field: "plannedTime",
      message: "Skriv ett klockslag mellan 0 och 23.59, till exempel 9, 9.30 eller 0930.",
    });
    const young = await apiCall(t.app, "POST", base, token, {
      meetingTypeKey: "barnmote",
      childId: f.child3,
      plannedDate: nov(18),
      plannedTime: "10:00",
      durationMinutes: 60,
      place: "Rum 1",
      invitedUserIds: [f.staff.child],
    });
    expect(young.statusCode).toBe(400);
    expect(young.json().errors).toContainEqual({
      field: "childId",
      message: "Barnet är yngre än arbetsmodellens minimiålder för barnmötet.",
    });

    const created = await apiCall(t.app, "POST", base, token, {
      meetingTypeKey: "barnmote",
      childId: f.child8,
      plannedDate: nov(18),
      plannedTime: "10:00",
      durationMinutes: 45,
      place: "Barnrummet",
      invitedPersonIds: [f.child8],
      invitedUserIds: [f.staff.child],
    });
    expect(created.statusCode, created.body).toBe(201);
    const meeting = created.json();
    expect(meeting).toMatchObject({
      meetingTypeKey: "barnmote",
      childId: f.child8,
      childName: "Lilla Tolvansson",
      status: "planned",
      consent: null,
    });

    const list = await apiCall(t.app, "GET", base, token);
    expect(list.statusCode).toBe(200);
    expect(
      list
        .json()
        .map((m: { meetingTypeKey: string }) => m.meetingTypeKey)
        .sort(),
    ).toEqual(["barnmote", "sofiamote"]);
    expect(JSON.stringify(list.json())).not.toContain("Tolvan");

    const url = `${base}/${meeting.id}`;
    const noConsent = await apiCall(t.app, "POST", `${url}/hold`, token, {
      version: meeting.version,
      heldOn: HELD,
      childTold: "Att det inte är ditt fel.",
      childViews: "partly",
    });
    expect(noConsent.statusCode).toBe(400);
    expect(noConsent.json().errors).toContainEqual({
      field: "consent",
      message: "Vårdnadshavarnas samtycke saknas. Registrera samtycket innan barnmötet.",
    });

    const consented = await apiCall(t.app, "POST", `${url}/consent`, token, {
      version: meeting.version,
      consent: "given",
      consentBy: [f.guardian],
      consentOn: nov(12),
    });
    expect(consented.statusCode, consented.body).toBe(200);
    expect(consented.json().consent).toEqual({ consent: "given", by: [{ id: f.guardian, name: "Tolvan Tolvansson" }], on: nov(12) });
    const v = consented.json().version as number;

    const future = await apiCall(t.app, "POST", `${url}/hold`, token, {
      version: v,
      heldOn: addDays(TODAY, 3),
      childTold: "x",
      childViews: "yes",
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().errors).toContainEqual({ field: "heldOn", message: "Datumet kan inte ligga i framtiden." });

    const held = await apiCall(t.app, "POST", `${url}/hold`, token, {
      version: v,
      heldOn: HELD,
      attendedPersonIds: [f.child8],
      attendedUserIds: [f.staff.child],
      checklistDone: [0, 2],
      summary: { discussed: "Barnets frågor." },
      childTold: "Att det inte är ditt fel.",
      childViews: "partly",
    });
    expect(held.statusCode, held.body).toBe(200);
    expect(held.json()).toMatchObject({ phase: "not_started", processStatus: "active", caseTypeChange: null });

    const again = await apiCall(t.app, "POST", `${url}/hold`, token, {
      version: held.json().version,
      heldOn: HELD,
      childTold: "y",
      childViews: "no",
    });
    expect(again.statusCode).toBe(409);
    expect(again.headers["content-type"]).toContain("application/problem+json");
    expect(again.json().errors).toContainEqual({ field: "_form", message: "Mötet är redan registrerat som hållet. Ingenting ändrades." });

    const shown = await apiCall(t.app, "GET", url, token);
    expect(shown.json()).toMatchObject({
      status: "held",
      heldOn: HELD,
      childViews: "partly",
      summary: { discussed: "Barnets frågor.", agreed: "", nextSteps: "" },
    });
    expect(
      shown
        .json()
        .checklist.filter((c: { done: boolean }) => c.done)
        .map((c: { index: number }) => c.index),
    ).toEqual([0, 2]);
    expect(shown.json().participants).toContainEqual(
      expect.objectContaining({ personId: f.child8, kind: "child", invited: true, attended: true }),
    );

    const record = { checklistDone: [1], summary: { discussed: "Ändrat." }, childTold: "Att det inte är ditt fel.", childViews: "yes" };
    const edited = await apiCall(t.app, "PATCH", url, token, { version: shown.json().version, record });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ childViews: "yes", summary: { discussed: "Ändrat." } });
    const stale = await apiCall(t.app, "PATCH", url, token, { version: shown.json().version, record: { ...record, childViews: "no" } });
    expect(stale.statusCode).toBe(409);
    expect(stale.headers["content-type"]).toContain("application/problem+json");
    const planOnHeld = await apiCall(t.app, "PATCH", url, token, {
      version: edited.json().version,
      plan: { plannedDate: nov(30), plannedTime: "10:00", durationMinutes: 60, place: "Rum", invitedUserIds: [f.staff.child] },
    });
    expect(planOnHeld.statusCode).toBe(409);
    expect((await meetingRow(meeting.id))?.childViews).toBe("yes");
  });

  it("refuses an analyst's key with 403 and a caseworker who is not assigned with 404", async () => {
    const f = await family();
    const analyst = await apiToken(t, "analytiker", ["processes.view", "processes.work"]);
    const res = await apiCall(t.app, "GET", `/api/v1/processes/${f.processId}/meetings`, analyst);
    expect(res.statusCode).toBe(403);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    const other = await apiToken(t, "handlaggare.syd", ["processes.view", "processes.work"]);
    expect((await apiCall(t.app, "GET", `/api/v1/processes/${f.processId}/meetings`, other)).statusCode).toBe(404);
    const post = await apiCall(t.app, "POST", `/api/v1/processes/${f.processId}/meetings`, other, {
      meetingTypeKey: "familjemote-1",
      plannedDate: nov(18),
      plannedTime: "10:00",
      durationMinutes: 60,
      place: "Rum 1",
      invitedUserIds: [f.staff.child],
    });
    expect(post.statusCode).toBe(404);
    expect(await plannedMeetings(f.processId)).toHaveLength(0);
  });
});
