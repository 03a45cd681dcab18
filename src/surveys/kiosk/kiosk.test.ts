/**
 * The survey kiosk through the HTTP app on a real PostgreSQL: who may start one (processes.work and
 * need-to-know), the lock on the login session (app pages go back to the hand-back page, the API
 * and logout are refused), a turn answered twice stored once, answers linked to the meeting, the
 * role and the age band and never the person, and the exit: a wrong password refused and logged
 * with the kiosk still locked, the right one unlocking. Plus the pure rules of the kiosk.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decidedFamily } from "../../../test/fixtures.ts";
import {
  anonymous,
  apiCall,
  apiToken,
  type Browser,
  createTestApp,
  get,
  login,
  personsNamed,
  postForm,
  TEST_PASSWORD,
  type TestApp,
  testClock,
} from "../../../test/helpers.ts";
import {
  auditLog,
  meetings,
  securityLog,
  sessions,
  surveyInvitations,
  surveyKioskSessions,
  surveyResponses,
} from "../../db/schema/index.ts";
import { addDays } from "../../platform/dates.ts";
import { decodeForm } from "../../platform/form-decode.ts";
import { kioskAllows } from "../../platform/http.ts";
import { sha256 } from "../../platform/sessions.ts";
import type { Invitation } from "../links/index.ts";
import { answeredOf } from "../respondents.ts";
import type { RespondentRole } from "../responses/index.ts";
import { audienceOf, choicesOf, chooseTurns, defaultOrder, exitRule, kioskAllowed, progressOf, startInput } from "./service.ts";

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
const HELD = nov(20);

interface Family {
  processId: string;
  persons: Record<"withProblem" | "without" | "child8" | "child10", string>;
  staff: { child: string; adult: string; leader: string };
}

/** Two guardians (one with the problem) and two children of 8 and 10, decided at the Sofiamöte, staff assigned. */
async function family(): Promise<Family> {
  const f = await decidedFamily(t, {
    requestDaysAgo: 36 - 2,
    decidedDaysAgo: 36 - 5,
    guardians: [
      { name: "Tolvan Tolvansson", identityNumber: "19121212-1212" },
      { name: "Elva Tolvansson", identityNumber: "19851111-2347", substanceProblem: "no", attitude: "positive" },
    ],
    children: [
      { name: "Lilla Tolvansson", age: 8, gender: "girl", unit: "Barn och unga Norr" },
      { name: "Stora Tolvansson", age: 10, gender: "boy" },
    ],
  });
  return {
    processId: f.processId,
    persons: {
      withProblem: f.person("Tolvan Tolvansson"),
      without: f.person("Elva Tolvansson"),
      child8: f.person("Lilla Tolvansson"),
      child10: f.person("Stora Tolvansson"),
    },
    staff: f.staff,
  };
}

/** Familjemöte 1 for the whole family, planned on the date given and, unless told not to, held with everyone present. */
async function meeting(f: Family, opts: { hold?: boolean; date?: string } = {}): Promise<string> {
  const worker = await login(t.app, "barnhandlaggare");
  const everyone = Object.values(f.persons);
  const date = opts.date ?? nov(18);
  const planned = await postForm(t.app, worker, `/processer/${f.processId}/moten/ny?typ=familjemote-1`, {
    plannedDate: date,
    plannedTime: "09:30",
    durationMinutes: "90",
    place: "Sofiarummet",
    invitedPersonIds: everyone,
    invitedUserIds: [f.staff.child, f.staff.adult],
  });
  expect(planned.statusCode, planned.body.slice(0, 2000)).toBe(303);
  const id = /\/moten\/([0-9a-f-]{36})/.exec(String(planned.headers.location))?.[1] ?? "";
  if (opts.hold === false) return id;
  const [row] = await db().select().from(meetings).where(eq(meetings.id, id));
  const held = await postForm(t.app, worker, `/processer/${f.processId}/moten/${id}/halla`, {
    version: String(row?.version),
    heldOn: HELD,
    attendedPersonIds: everyone,
    attendedUserIds: [f.staff.child, f.staff.adult],
    "summary.discussed": "Metoden presenterades.",
    "summary.agreed": "",
    "summary.nextSteps": "",
  });
  expect(held.statusCode, held.body.slice(0, 2000)).toBe(303);
  return id;
}

const kioskUrl = (f: Family, id: string) => `/processer/${f.processId}/moten/${id}/surfplatta`;
const loginSession = async (b: Browser) => {
  const token = /sofia_session=([^;]+)/.exec(b.cookie)?.[1] ?? "";
  const [row] = await db()
    .select()
    .from(sessions)
    .where(eq(sessions.tokenHash, sha256(token)));
  return row;
};

/** The start form's fields as the page fills them: every text and ticked checkbox of the form. */
function defaultChoiceOf(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of html.matchAll(/<input([^>]*)>/g)) {
    const attrs = m[1] ?? "";
    const name = /name="([^"]+)"/.exec(attrs)?.[1];
    if (!name || name === "_csrf") continue;
    if (/type="checkbox"/.test(attrs)) {
      if (/checked/.test(attrs)) out[name] = "on";
    } else out[name] = /value="([^"]*)"/.exec(attrs)?.[1] ?? "";
  }
  return out;
}

/** The default start form: everyone ticked, numbered 1, 2, … in the order the page lists them. */
function defaultChoice(f: Family): Record<string, string> {
  const order = [f.persons.withProblem, f.persons.without, f.persons.child8, f.persons.child10];
  return Object.fromEntries(
    order.flatMap((id, i) => [
      [`turn.${id}`, "on"],
      [`order.${id}`, String(i + 1)],
    ]),
  );
}

const fourAnswers = {
  "answers.information": "4",
  "answers.lyssnad-pa": "3",
  "answers.prata-om-alkohol-droger": "dont_know",
  "answers.helhet": "4",
};

function postFetch(b: Browser, url: string, fields: Record<string, string>) {
  return t.app.inject({
    method: "POST",
    url,
    headers: { cookie: b.cookie, "content-type": "application/x-www-form-urlencoded", "x-sofia-fetch": "1" },
    payload: new URLSearchParams({ _csrf: b.csrf, ...fields }).toString(),
  });
}

describe("starting a kiosk", () => {
  it("needs processes.work and need-to-know; the staff member sees the names, audited, parents first", async () => {
    const f = await family();
    const id = await meeting(f);

    const analyst = await login(t.app, "analytiker");
    expect((await get(t.app, analyst, kioskUrl(f, id))).statusCode).toBe(403);
    expect((await postForm(t.app, analyst, kioskUrl(f, id), defaultChoice(f))).statusCode).toBe(403);
    const other = await login(t.app, "handlaggare.syd");
    expect((await get(t.app, other, kioskUrl(f, id))).statusCode).toBe(404);
    expect((await postForm(t.app, other, kioskUrl(f, id), defaultChoice(f))).statusCode).toBe(404);
    expect(await db().select().from(surveyKioskSessions).where(eq(surveyKioskSessions.meetingId, id))).toEqual([]);

    const worker = await login(t.app, "barnhandlaggare");
    const meetingPage = await get(t.app, worker, `/processer/${f.processId}/moten/${id}`);
    expect(meetingPage.body).toContain(`href="${kioskUrl(f, id)}"`);
    const page = await get(t.app, worker, kioskUrl(f, id));
    expect(page.statusCode, page.body.slice(0, 2000)).toBe(200);
    const at = (name: string) => page.body.indexOf(name);
    expect(at("Tolvan Tolvansson – Förälder med missbruksproblem")).toBeGreaterThan(0);
    expect(at("Elva Tolvansson – Förälder utan missbruksproblem")).toBeGreaterThan(at("Tolvan Tolvansson"));
    expect(at("Lilla Tolvansson – Barn (6–9 år)")).toBeGreaterThan(at("Elva Tolvansson"));
    expect(at("Stora Tolvansson – Barn (10–12 år)")).toBeGreaterThan(0);
    const shown = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "survey_kiosk.form"), eq(auditLog.recordId, f.processId)));
    expect(personsNamed(shown).sort()).toEqual(Object.values(f.persons).sort());
  });

  it("refuses a meeting planned for a later day, and a start with nobody chosen or an odd order", async () => {
    const f = await family();
    const later = await meeting(f, { hold: false, date: addDays(TODAY, 30) });
    const worker = await login(t.app, "barnhandlaggare");
    const refused = await get(t.app, worker, kioskUrl(f, later));
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain("ett planerat möte som är i dag eller tidigare");
    expect((await postForm(t.app, worker, kioskUrl(f, later), defaultChoice(f))).statusCode).toBe(409);

    // A planned meeting dated earlier than today (the family is at the table): invited members answer.
    const f2 = await family();
    const today = await meeting(f2, { hold: false, date: nov(18) });
    const form = await get(t.app, worker, kioskUrl(f2, today));
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain("Stora Tolvansson");

    const none = await postForm(t.app, worker, kioskUrl(f2, today), { [`order.${f2.persons.child8}`]: "1" });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain("Välj minst en person som ska svara nu.");
    expect(none.body).toContain('href="#f-respondents"');
    const odd = await postForm(t.app, worker, kioskUrl(f2, today), {
      [`turn.${f2.persons.child8}`]: "on",
      [`order.${f2.persons.child8}`]: "först",
    });
    expect(odd.statusCode).toBe(400);
    expect(odd.body).toContain(`href="#f-order-${f2.persons.child8}"`);
    expect(await db().select().from(surveyKioskSessions).where(eq(surveyKioskSessions.meetingId, today))).toEqual([]);
    // Still an ordinary session.
    expect((await get(t.app, worker, "/start")).statusCode).toBe(200);
  });
});

describe("a kiosk at the meeting", () => {
  it("never offers again who has answered (kiosk, link or paper), after a restart too, and counts as the meeting page does", async () => {
    const f = await family();
    const id = await meeting(f);
    const worker = await login(t.app, "barnhandlaggare");
    const other = await login(t.app, "barnhandlaggare");
    const meetingPage = `/processer/${f.processId}/moten/${id}`;

    // The older child answers by link; the younger child's paper form is typed in.
    const token = await apiToken(t, "barnhandlaggare", ["processes.view", "processes.work"]);
    const made = await apiCall(t.app, "POST", `/api/v1/processes/${f.processId}/meetings/${id}/survey-links`, token);
    expect(made.statusCode, made.body).toBe(201);
    const links = (made.json() as { links: Array<{ url: string; role: string; ageBand: string | null }> }).links;
    const codeOf = (role: string, band: string | null) =>
      links.find((l) => l.role === role && l.ageBand === band)?.url.split("/svar/")[1] ?? "";
    const phone = await anonymous(t.app);
    const byLink = await postForm(t.app, phone, `/svar/${codeOf("child", "10–12")}`, fourAnswers);
    expect(byLink.headers.location).toBe("/svar/tack");
    const paperUrl = `${meetingPage}/enkat/papper?enkat=sofia-4q-child`;
    const paperForm = await get(t.app, worker, paperUrl);
    const submissionKey = /name="submissionKey" value="([0-9a-f-]{36})"/.exec(paperForm.body)?.[1] ?? "";
    const paper = await postForm(t.app, worker, paperUrl, {
      instrumentKey: "sofia-4q-child",
      submissionKey,
      respondentRole: "child",
      childId: f.persons.child8,
      ...fourAnswers,
    });
    expect(paper.statusCode, paper.body.slice(0, 2000)).toBe(303);

    // The first kiosk: the parent with the problem answers, then the staff member ends it.
    const first = await get(t.app, worker, kioskUrl(f, id));
    for (const child of [f.persons.child8, f.persons.child10]) expect(first.body).not.toContain(`name="turn.${child}"`);
    expect(first.body.match(/Har redan svarat efter mötet/g)).toHaveLength(2);
    expect(
      (
        await postForm(t.app, worker, kioskUrl(f, id), {
          [`turn.${f.persons.withProblem}`]: "on",
          [`order.${f.persons.withProblem}`]: "1",
        })
      ).headers.location,
    ).toBe("/kiosk");
    expect((await postForm(t.app, worker, "/kiosk/svar/1", fourAnswers)).headers.location).toBe("/kiosk?klart=sparad");
    expect((await postForm(t.app, worker, "/kiosk/avsluta", { password: TEST_PASSWORD })).statusCode).toBe(303);
    // The parent's unused link is closed: they answered at the kiosk.
    expect((await get(t.app, null, `/svar/${codeOf("parent_with_problem", null)}`)).statusCode).toBe(410);

    // The restart: the three who answered are shown as answered and cannot be chosen; only the other parent is ticked.
    const restart = await get(t.app, worker, kioskUrl(f, id));
    expect(restart.statusCode).toBe(200);
    expect(restart.body.match(/Har redan svarat efter mötet/g)).toHaveLength(3);
    for (const answered of [f.persons.withProblem, f.persons.child8, f.persons.child10]) {
      expect(restart.body).not.toContain(`name="turn.${answered}"`);
      expect(restart.body).not.toContain(`name="order.${answered}"`);
    }
    expect(restart.body).toMatch(new RegExp(`name="turn\\.${f.persons.without}"[^>]*checked`));
    // The meeting page's figure, on the start page as on the meeting page.
    expect(restart.body).toContain("Enkätsvar: 3 av 4 närvarande");
    expect((await get(t.app, other, meetingPage)).body).toContain("Enkätsvar: 3 av 4 närvarande");

    // A forged post choosing someone who answered is refused on that person's field; nothing starts.
    const forged = await postForm(t.app, worker, kioskUrl(f, id), {
      [`turn.${f.persons.child10}`]: "on",
      [`order.${f.persons.child10}`]: "1",
      [`turn.${f.persons.without}`]: "on",
      [`order.${f.persons.without}`]: "2",
    });
    expect(forged.statusCode).toBe(400);
    expect(forged.body).toContain("Personen har redan svarat efter det här mötet och kan inte svara igen.");
    expect(await db().select().from(surveyKioskSessions).where(eq(surveyKioskSessions.meetingId, id))).toHaveLength(1);

    // The second kiosk: one turn, and the hand-back page counts like the meeting page (3 of 4, not 0 of 1).
    expect((await postForm(t.app, worker, kioskUrl(f, id), defaultChoiceOf(restart.body))).headers.location).toBe("/kiosk");
    const home = await get(t.app, worker, "/kiosk");
    expect(home.body).toContain("3 av 4 har svarat");
    expect(home.body).toContain("Du svarar som: Förälder");
    expect((await postForm(t.app, worker, "/kiosk/svar/1", fourAnswers)).headers.location).toBe("/kiosk?klart=sparad");
    expect((await get(t.app, worker, "/kiosk")).body).toContain("4 av 4 har svarat");
    expect((await postForm(t.app, worker, "/kiosk/avsluta", { password: TEST_PASSWORD })).statusCode).toBe(303);
    expect((await get(t.app, other, meetingPage)).body).toContain("Enkätsvar: 4 av 4 närvarande");
    const everyone = await get(t.app, worker, kioskUrl(f, id));
    expect(everyone.body).toContain("Alla i familjen har redan svarat efter det här mötet.");
    expect(everyone.body).not.toContain('name="turn.');

    // Who answered is kept apart from what they answered: no person on a response or a used invitation.
    const used = await db().select().from(surveyInvitations).where(eq(surveyInvitations.meetingId, id));
    expect(used.filter((i) => i.usedAt !== null).every((i) => i.personId === null)).toBe(true);
  });

  it("locks the login session, takes each turn once, never names anyone, and needs the password to leave", async () => {
    const f = await family();
    const id = await meeting(f);
    const worker = await login(t.app, "barnhandlaggare");
    const other = await login(t.app, "barnhandlaggare"); // the same person's other login stays free

    // Children first this time, the younger one last; the parent without the problem does not answer now.
    const started = await postForm(t.app, worker, kioskUrl(f, id), {
      [`turn.${f.persons.withProblem}`]: "on",
      [`order.${f.persons.withProblem}`]: "3",
      [`order.${f.persons.without}`]: "4",
      [`turn.${f.persons.child8}`]: "on",
      [`order.${f.persons.child8}`]: "2",
      [`turn.${f.persons.child10}`]: "on",
      [`order.${f.persons.child10}`]: "1",
    });
    expect(started.statusCode, started.body.slice(0, 2000)).toBe(303);
    expect(started.headers.location).toBe("/kiosk");
    const session = await loginSession(worker);
    expect(session?.kioskSessionId).toBeTruthy();
    expect((await loginSession(other))?.kioskSessionId).toBeNull();
    const turns = await db()
      .select()
      .from(surveyInvitations)
      .where(eq(surveyInvitations.kioskSessionId, session?.kioskSessionId ?? ""));
    expect(
      turns.sort((a, b) => (a.position ?? 0) - (b.position ?? 0)).map((i) => [i.position, i.mode, i.respondentRole, i.ageBand]),
    ).toEqual([
      [1, "kiosk", "child", "10–12"],
      [2, "kiosk", "child", "6–9"],
      [3, "kiosk", "parent_with_problem", null],
    ]);
    const startAudit = await db().select().from(auditLog).where(eq(auditLog.action, "survey_kiosk.start"));
    expect(startAudit.map((a) => a.recordId)).toContain(id);

    // The lock: app pages go back to the hand-back page, the API and logout are refused.
    for (const url of ["/start", `/processer/${f.processId}`, `/processer/${f.processId}/moten/${id}`, "/konto"]) {
      const res = await get(t.app, worker, url);
      expect(res.statusCode, url).toBe(303);
      expect(res.headers.location, url).toBe("/kiosk");
    }
    const out = await postForm(t.app, worker, "/logga-ut", {});
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe("/kiosk");
    expect((await loginSession(worker))?.kioskSessionId).toBe(session?.kioskSessionId);
    const api = await t.app.inject({ method: "GET", url: `/api/v1/processes/${f.processId}`, headers: { cookie: worker.cookie } });
    expect(api.statusCode).toBe(403);
    expect(api.headers["content-type"]).toContain("application/problem+json");
    expect((await get(t.app, worker, "/static/css/sofia.css")).statusCode).toBe(200);
    expect((await get(t.app, other, "/start")).statusCode).toBe(200);

    // The hand-back page: counts and the next role only.
    const home = await get(t.app, worker, "/kiosk");
    expect(home.statusCode).toBe(200);
    expect(home.headers["cache-control"]).toBe("no-store");
    expect(home.headers["referrer-policy"]).toBe("no-referrer");
    expect(home.body).toContain("Nu är det din tur");
    expect(home.body).not.toContain("Lämna tillbaka surfplattan");
    expect(home.body).toContain("0 av 4 har svarat");
    expect(home.body).toContain("Du svarar som: Barn");
    // The staff controls are behind the staff unlock: no skip or exit form on the family's page.
    expect(home.body).not.toContain("/kiosk/hoppa-over");
    expect(home.body).not.toContain('name="password"');
    expect(home.body).toContain('href="/kiosk/avsluta"');
    expect(home.body).toContain('href="/kiosk/nasta"');
    expect((await get(t.app, worker, "/kiosk/nasta")).headers.location).toBe("/kiosk/svar/1");
    for (const secret of ["Tolvansson", "Tolvan", "Sofiarummet", `/processer/`, 'href="/start"', "Bo Barnhandläggare"]) {
      expect(home.body, secret).not.toContain(secret);
    }

    // Turn 1 (a child): the child's questions, no names; answered and sent twice, stored once.
    const form = await get(t.app, worker, "/kiosk/svar/1");
    expect(form.statusCode).toBe(200);
    expect(form.headers["referrer-policy"]).toBe("no-referrer");
    expect(form.body).toContain("Fick du veta det du ville veta?");
    expect(form.body).not.toContain("Tolvansson");
    const first = await postForm(t.app, worker, "/kiosk/svar/1", fourAnswers);
    expect(first.statusCode, first.body.slice(0, 2000)).toBe(303);
    expect(first.headers.location).toBe("/kiosk?klart=sparad");
    const again = await postForm(t.app, worker, "/kiosk/svar/1", fourAnswers);
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe("/kiosk?klart=sparad");
    expect(await db().select().from(surveyResponses).where(eq(surveyResponses.meetingId, id))).toHaveLength(1);
    expect((await get(t.app, worker, "/kiosk/svar/1")).headers.location).toBe("/kiosk");
    const after = await get(t.app, worker, "/kiosk?klart=sparad");
    expect(after.body).toContain("1 av 4 har svarat");
    expect(after.body).toContain("Tack! Svaren är sparade.");
    expect((await get(t.app, worker, "/kiosk/nasta")).headers.location).toBe("/kiosk/svar/2");

    // Turn 2 with nothing answered: refused on the form, nothing stored. Then by survey.js (JSON).
    const empty = await postForm(t.app, worker, "/kiosk/svar/2", {});
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain("Svara på minst en fråga.");
    const outside = await postFetch(worker, "/kiosk/svar/2", { "answers.information": "9" });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().errors[0].field).toBe("answers.information");
    expect(await db().select().from(surveyResponses).where(eq(surveyResponses.meetingId, id))).toHaveLength(1);
    const fetched = await postFetch(worker, "/kiosk/svar/2", { ...fourAnswers, complete: "1" });
    expect(fetched.statusCode).toBe(200);
    expect(fetched.json()).toEqual({ next: "/kiosk?klart=sparad" });
    const resent = await postFetch(worker, "/kiosk/svar/2", { ...fourAnswers, complete: "1" });
    expect(resent.json()).toEqual({ next: "/kiosk?klart=sparad" });

    // Turn 3 is skipped by staff, behind the staff unlock: without the password nothing is skipped.
    const staff = await get(t.app, worker, "/kiosk/avsluta");
    expect(staff.statusCode).toBe(200);
    expect(staff.body).toContain('formaction="/kiosk/hoppa-over"');
    const noPassword = await postForm(t.app, worker, "/kiosk/hoppa-over", { position: "3" });
    expect(noPassword.statusCode).toBe(401);
    expect(noPassword.body).toContain("Skriv ditt lösenord för att avsluta surfplattan.");
    expect((await get(t.app, worker, "/kiosk/nasta")).headers.location).toBe("/kiosk/svar/3");
    const skip = await postForm(t.app, worker, "/kiosk/hoppa-over", { position: "3", password: TEST_PASSWORD });
    expect(skip.headers.location).toBe("/kiosk?klart=hoppad");
    const skips = await db().select().from(auditLog).where(eq(auditLog.action, "survey_kiosk.skip"));
    expect(skips).toHaveLength(1);
    expect((await postForm(t.app, worker, "/kiosk/svar/3", fourAnswers)).headers.location).toBe("/kiosk");
    const done = await get(t.app, worker, "/kiosk");
    expect(done.body).toContain("Tack! Alla har svarat. Lämna tillbaka surfplattan.");
    expect(done.body).toContain("2 av 4 har svarat");
    expect(done.body).toContain('action="/kiosk/avsluta"');

    // Answers are the meeting's, by role and age band, never by person.
    const stored = await db().select().from(surveyResponses).where(eq(surveyResponses.meetingId, id));
    expect(stored.map((r) => [r.mode, r.respondentRole, r.ageBand, r.processId, r.recordedBy]).sort()).toEqual([
      ["kiosk", "child", "10–12", f.processId, null],
      ["kiosk", "child", "6–9", f.processId, null],
    ]);
    const everything = JSON.stringify(stored);
    for (const person of Object.values(f.persons)) expect(everything).not.toContain(person);
    expect(everything).not.toContain(f.staff.child);

    // Leaving: empty and wrong passwords are refused, logged, and the kiosk stays locked.
    const emptyPassword = await postForm(t.app, worker, "/kiosk/avsluta", { password: "" });
    expect(emptyPassword.statusCode).toBe(401);
    expect(emptyPassword.body).toContain('href="#f-password"');
    expect(emptyPassword.body).toContain("Skriv ditt lösenord för att avsluta surfplattan.");
    const wrong = await postForm(t.app, worker, "/kiosk/avsluta", { password: "fel-lösenord" });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain("Lösenordet stämmer inte. Surfplattan är fortfarande låst.");
    const failures = await db().select().from(securityLog).where(eq(securityLog.event, "kiosk_exit_failed"));
    expect(failures.filter((r) => r.userId === f.staff.child)).toHaveLength(3);
    expect((await get(t.app, worker, "/start")).headers.location).toBe("/kiosk");
    expect((await loginSession(worker))?.kioskSessionId).toBe(session?.kioskSessionId);

    const right = await postForm(t.app, worker, "/kiosk/avsluta", { password: TEST_PASSWORD });
    expect(right.statusCode).toBe(303);
    expect(right.headers.location).toBe(`/processer/${f.processId}/moten/${id}`);
    expect((await loginSession(worker))?.kioskSessionId).toBeNull();
    const [ended] = await db()
      .select()
      .from(surveyKioskSessions)
      .where(eq(surveyKioskSessions.id, session?.kioskSessionId ?? ""));
    expect(ended?.endedAt).not.toBeNull();
    const meetingPage = await get(t.app, worker, `/processer/${f.processId}/moten/${id}`);
    expect(meetingPage.statusCode).toBe(200);
    expect(meetingPage.body).toContain("Enkätsvar: 2 av 4 närvarande");
    expect((await get(t.app, worker, "/kiosk")).headers.location).toBe("/start");
    const endAudit = await db().select().from(auditLog).where(eq(auditLog.action, "survey_kiosk.end"));
    expect(endAudit.find((a) => a.recordId === id)?.detail).toMatchObject({ turns: 3, answered: 2 });

    // The meeting's response rate over the API: counts only.
    const token = await apiToken(t, "barnhandlaggare", ["processes.view"]);
    const rate = await apiCall(t.app, "GET", `/api/v1/processes/${f.processId}/meetings/${id}/survey-rate`, token);
    expect(rate.statusCode, rate.body).toBe(200);
    expect(rate.json()).toMatchObject({ meetingId: id, attended: 4, responses: 2, status: "held" });
  });

  it("throttles the exit after repeated wrong passwords, even the right one", async () => {
    const f = await family();
    const id = await meeting(f);
    const worker = await login(t.app, "vuxenhandlaggare");
    expect((await postForm(t.app, worker, kioskUrl(f, id), defaultChoice(f))).statusCode).toBe(303);
    for (let i = 0; i < exitRule.maxFailures; i++) {
      expect((await postForm(t.app, worker, "/kiosk/avsluta", { password: `fel-${i}` })).statusCode).toBe(401);
    }
    const locked = await postForm(t.app, worker, "/kiosk/avsluta", { password: TEST_PASSWORD });
    expect(locked.statusCode).toBe(429);
    expect(locked.body).toContain("För många felaktiga försök.");
    expect((await get(t.app, worker, "/start")).headers.location).toBe("/kiosk");
  });
});

describe("the kiosk's rules", () => {
  const r = (personId: string, role: "parent_with_problem" | "parent_without_problem" | "child") => ({ personId, role });
  const family4 = [r("c1", "child"), r("p1", "parent_with_problem"), r("c2", "child"), r("p2", "parent_without_problem")];

  it("puts parents first by default and keeps the staff member's order otherwise", () => {
    expect(defaultOrder(family4).map((x) => x.personId)).toEqual(["p1", "p2", "c1", "c2"]);
    const chosen = chooseTurns(family4, [
      { personId: "p1", chosen: true, order: "2" },
      { personId: "c2", chosen: true, order: "1" },
      { personId: "p2", chosen: false, order: "3" },
      { personId: "c1", chosen: true, order: "2" },
    ]);
    expect(chosen.ok && chosen.turns.map((x) => x.personId)).toEqual(["c2", "p1", "c1"]);
    expect(chooseTurns(family4, [{ personId: "p1", chosen: false, order: "1" }])).toEqual({
      ok: false,
      errors: { respondents: "kiosk.start.chooseSomeone" },
    });
    expect(chooseTurns(family4, [{ personId: "p1", chosen: true, order: "0" }])).toEqual({
      ok: false,
      errors: { "order.p1": "kiosk.start.order" },
    });
    expect(chooseTurns(family4, [{ personId: "x", chosen: true, order: "1" }])).toEqual({
      ok: false,
      errors: { respondents: "kiosk.start.unknownRespondent" },
    });
    expect(choicesOf(startInput.parse(decodeForm(startInput, { "order.a": "2", "turn.a": "on", "order.b": "1", _csrf: "x" })))).toEqual([
      { personId: "a", order: "2", chosen: true },
      { personId: "b", order: "1", chosen: false },
    ]);
  });

  it("knows who answered: the recorded ones, and for forms that name nobody as many of that role and age band", () => {
    const r = (personId: string, role: RespondentRole, ageBand: string | null = null) => ({ personId, role, ageBand });
    const people = [r("mor", "parent_without_problem"), r("far", "parent_without_problem"), r("a", "child", "6–9"), r("b", "child", "6–9")];
    const group = (role: string, band = "") => `${role}|${band}`;
    // Nothing recorded, nothing answered.
    expect(answeredOf(people, new Set(), new Map())).toEqual(new Set());
    // Child b answered by link (recorded); one response of the group: only b.
    expect(answeredOf(people, new Set(["b"]), new Map([[group("child", "6–9"), 1]]))).toEqual(new Set(["b"]));
    // One parent's paper form names nobody: the first parent of that role counts as answered, never both.
    expect(answeredOf(people, new Set(), new Map([[group("parent_without_problem"), 1]]))).toEqual(new Set(["mor"]));
    // A recorded parent plus a second form of the same role: both.
    expect(answeredOf(people, new Set(["far"]), new Map([[group("parent_without_problem"), 2]]))).toEqual(new Set(["far", "mor"]));
  });

  it("opens a kiosk for a held meeting or one planned today or earlier", () => {
    expect(kioskAllowed({ status: "held", plannedDate: "2026-11-18", heldOn: "2026-11-20" }, "2026-11-27")).toBe(true);
    expect(kioskAllowed({ status: "planned", plannedDate: "2026-11-27", heldOn: null }, "2026-11-27")).toBe(true);
    expect(kioskAllowed({ status: "planned", plannedDate: "2026-11-28", heldOn: null }, "2026-11-27")).toBe(false);
    expect(kioskAllowed({ status: "cancelled", plannedDate: "2026-11-20", heldOn: null }, "2026-11-27")).toBe(false);
  });

  it("counts answered turns, and the next open one is shown by audience only", () => {
    const now = new Date("2026-11-20T10:00:00Z");
    const later = new Date("2026-11-20T20:00:00Z");
    const turn = (position: number, role: string, usedAt: Date | null, expiresAt = later) =>
      ({ position, respondentRole: role, usedAt, expiresAt }) as Invitation;
    const p = progressOf(
      [turn(1, "parent_with_problem", now), turn(2, "child", null, now), turn(3, "child", null), turn(4, "parent_without_problem", null)],
      now,
      { attended: 5, responses: 2 },
    );
    expect(p).toMatchObject({
      total: 4,
      answered: 1,
      rate: { attended: 5, responses: 2 },
      next: { position: 3, audience: "child", state: "open" },
    });
    expect(p.turns.map((s) => s.state)).toEqual(["answered", "skipped", "open", "open"]);
    expect(progressOf([turn(1, "child", now)], now, { attended: 1, responses: 1 }).next).toBeNull();
    expect(audienceOf("parent_without_problem")).toBe("parent");
  });

  it("lets a locked browser reach only the kiosk, static files and health", () => {
    for (const ok of ["/kiosk", "/kiosk?klart=sparad", "/kiosk/svar/2", "/static/js/survey.js", "/healthz", "/sprak"])
      expect(kioskAllows(ok), ok).toBe(true);
    for (const no of ["/start", "/kioskx", "/logga-ut", "/processer/x", "/api/v1/processes", "/svar/abc"])
      expect(kioskAllows(no), no).toBe(false);
  });
});
