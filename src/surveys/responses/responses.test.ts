/**
 * Survey answers through the HTTP app on a real PostgreSQL: a paper form typed in by staff for a
 * held Familjemöte 1 (stored once however often it is posted, a child's age band instead of the
 * child), answers refused item by item with nothing stored, a meeting not held refused, who may
 * enter one, the response rate per meeting and meeting type, and no person id on a response.
 */
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { h } from "preact";
import { render } from "preact-render-to-string";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decidedFamily } from "../../../test/fixtures.ts";
import { apiCall, apiToken, createTestApp, get, login, postForm, type TestApp, testClock } from "../../../test/helpers.ts";
import { auditLog, meetings, surveyAnswers, surveyInstruments, surveyInstrumentVersions, surveyResponses } from "../../db/schema/index.ts";
import { addDays } from "../../platform/dates.ts";
import { translator } from "../../platform/i18n.ts";
import { SurveySection } from "../../processes/index.ts";
import { contentSchema } from "../model.ts";
import { recordResponse } from "./service.ts";

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
const ITEMS = ["information", "lyssnad-pa", "prata-om-alkohol-droger", "helhet"];

interface Family {
  processId: string;
  guardian: string;
  /** 8 years old at the meeting: age band 6–9. */
  child8: string;
  /** 10 years old at the meeting: age band 10–12. */
  child10: string;
  staff: { child: string; adult: string; leader: string };
}

/** A family decided at the Sofiamöte: one guardian with the problem and two children, both caseworkers and the process leader assigned. */
async function family(): Promise<Family> {
  const f = await decidedFamily(t, {
    requestDaysAgo: 36 - 2,
    decidedDaysAgo: 36 - 5,
    children: [
      { name: "Lilla Tolvansson", age: 8, gender: "girl", unit: "Barn och unga Norr" },
      { name: "Stora Tolvansson", age: 10, gender: "boy" },
    ],
  });
  return {
    processId: f.processId,
    guardian: f.person("Tolvan Tolvansson"),
    child8: f.person("Lilla Tolvansson"),
    child10: f.person("Stora Tolvansson"),
    staff: f.staff,
  };
}

const meetingUrl = (f: Family, id: string) => `/processer/${f.processId}/moten/${id}`;
const paperUrl = (f: Family, id: string) => `${meetingUrl(f, id)}/enkat/papper`;
const apiPaper = (f: Family, id: string) => `/api/v1/processes/${f.processId}/meetings/${id}/paper-responses`;

/** Plans a family meeting (Familjemöte 1 unless told) for the whole family; held with the guardian and both children present unless told not to hold it. */
async function familyMeeting(f: Family, hold = true, typ = "familjemote-1"): Promise<string> {
  const worker = await login(t.app, "barnhandlaggare");
  const planned = await postForm(t.app, worker, `/processer/${f.processId}/moten/ny?typ=${typ}`, {
    plannedDate: nov(18),
    plannedTime: "09:30",
    durationMinutes: "90",
    place: "Sofiarummet",
    invitedPersonIds: [f.guardian, f.child8, f.child10],
    invitedUserIds: [f.staff.child, f.staff.adult],
  });
  expect(planned.statusCode, planned.body.slice(0, 2000)).toBe(303);
  const id = /\/moten\/([0-9a-f-]{36})/.exec(String(planned.headers.location))?.[1] ?? "";
  if (!hold) return id;
  const [row] = await db().select().from(meetings).where(eq(meetings.id, id));
  const held = await postForm(t.app, worker, `${meetingUrl(f, id)}/halla`, {
    version: String(row?.version),
    heldOn: HELD,
    attendedPersonIds: [f.guardian, f.child8, f.child10],
    attendedUserIds: [f.staff.child, f.staff.adult],
    "summary.discussed": "Metoden presenterades.",
    "summary.agreed": "",
    "summary.nextSteps": "",
  });
  expect(held.statusCode, held.body.slice(0, 2000)).toBe(303);
  return id;
}

const responsesOf = (meetingId: string) => db().select().from(surveyResponses).where(eq(surveyResponses.meetingId, meetingId));
const keyFrom = (html: string) => /name="submissionKey" value="([0-9a-f-]{36})"/.exec(html)?.[1] ?? "";
const answers = (values: Array<number | "dont_know" | null>) =>
  values.map((v, i) => ({ itemKey: ITEMS[i] ?? "", value: typeof v === "number" ? v : null, dontKnow: v === "dont_know" }));

describe("a paper survey typed in on the pages", () => {
  it("offers the link on the held meeting, stores the parent's form once when posted twice, and a child's age band instead of the child", async () => {
    const f = await family();
    const id = await familyMeeting(f);
    const worker = await login(t.app, "barnhandlaggare");

    const meeting = await get(t.app, worker, meetingUrl(f, id));
    expect(meeting.statusCode).toBe(200);
    expect(meeting.body).toContain("Enkätsvar: 0 av 3 närvarande");
    expect(meeting.body).toContain(`href="${paperUrl(f, id)}"`);
    expect(meeting.body).toContain("Registrera en pappersenkät");

    const choice = await get(t.app, worker, paperUrl(f, id));
    expect(choice.statusCode, choice.body.slice(0, 2000)).toBe(200);
    expect(choice.body).toContain(`${paperUrl(f, id)}?enkat=sofia-4q-parent`);
    expect(choice.body).toContain(`${paperUrl(f, id)}?enkat=sofia-4q-child`);

    const form = await get(t.app, worker, `${paperUrl(f, id)}?enkat=sofia-4q-parent`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain("Fick du tillräckligt med information?");
    expect(form.body).toContain("Vet inte / vill inte svara");
    const key = keyFrom(form.body);
    expect(key).not.toBe("");
    const fields = {
      instrumentKey: "sofia-4q-parent",
      submissionKey: key,
      respondentRole: "parent_with_problem",
      "answers.information": "4",
      "answers.lyssnad-pa": "3",
      "answers.prata-om-alkohol-droger": "dont_know",
      "answers.helhet": "",
    };
    const first = await postForm(t.app, worker, `${paperUrl(f, id)}?enkat=sofia-4q-parent`, fields);
    expect(first.statusCode, first.body.slice(0, 2000)).toBe(303);
    expect(first.headers.location).toBe(`${paperUrl(f, id)}?enkat=sofia-4q-parent&klart=sparad`);
    const again = await postForm(t.app, worker, `${paperUrl(f, id)}?enkat=sofia-4q-parent`, fields);
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe(`${paperUrl(f, id)}?enkat=sofia-4q-parent&klart=redan`);
    const saved = await get(t.app, worker, String(again.headers.location));
    expect(saved.body).toContain("Formuläret var redan sparat");

    const stored = await responsesOf(id);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      respondentRole: "parent_with_problem",
      ageBand: null,
      mode: "paper",
      complete: true,
      recordedBy: f.staff.child,
      processId: f.processId,
      submissionKey: key,
    });
    const stored0 = stored[0]?.id ?? "";
    const rows = await db().select().from(surveyAnswers).where(eq(surveyAnswers.responseId, stored0));
    expect(rows.map((r) => [r.itemKey, r.value, r.dontKnow]).sort()).toEqual([
      ["information", 4, false],
      ["lyssnad-pa", 3, false],
      ["prata-om-alkohol-droger", null, true],
    ]);

    const logged = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "survey_response.paper"), eq(auditLog.recordId, id)));
    expect(logged).toHaveLength(1);
    expect(logged[0]?.subjectPersonId).toBeNull();
    expect(logged[0]?.detail).toEqual({
      processId: f.processId,
      instrumentKey: "sofia-4q-parent",
      instrumentVersion: 1,
      respondentRole: "parent_with_problem",
    });

    // The child's form: the child is chosen, only the age band on the meeting day is stored.
    const childForm = await get(t.app, worker, `${paperUrl(f, id)}?enkat=sofia-4q-child`);
    expect(childForm.body).toContain("Lilla Tolvansson (6–9 år)");
    expect(childForm.body).toContain("Stora Tolvansson (10–12 år)");
    const child = await postForm(t.app, worker, `${paperUrl(f, id)}?enkat=sofia-4q-child`, {
      instrumentKey: "sofia-4q-child",
      submissionKey: keyFrom(childForm.body),
      respondentRole: "child",
      childId: f.child8,
      "answers.information": "3",
      "answers.lyssnad-pa": "4",
      "answers.prata-om-alkohol-droger": "2",
      "answers.helhet": "4",
    });
    expect(child.statusCode, child.body.slice(0, 2000)).toBe(303);
    const both = await responsesOf(id);
    expect(both.map((r) => [r.respondentRole, r.ageBand]).sort()).toEqual([
      ["child", "6–9"],
      ["parent_with_problem", null],
    ]);
    expect(JSON.stringify(both)).not.toContain(f.child8);

    const after = await get(t.app, worker, meetingUrl(f, id));
    expect(after.body).toContain("Enkätsvar: 2 av 3 närvarande");
  });

  it("shows each refused answer on its item with status 400 and stores nothing", async () => {
    const f = await family();
    const id = await familyMeeting(f);
    const worker = await login(t.app, "barnhandlaggare");
    const form = await get(t.app, worker, `${paperUrl(f, id)}?enkat=sofia-4q-parent`);
    const res = await postForm(t.app, worker, `${paperUrl(f, id)}?enkat=sofia-4q-parent`, {
      instrumentKey: "sofia-4q-parent",
      submissionKey: keyFrom(form.body),
      "answers.information": "7",
      "answers.lyssnad-pa": "2",
      "answers.prata-om-alkohol-droger": "",
      "answers.helhet": "",
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#f-respondentRole"');
    expect(res.body).toContain("Välj vem som fyllde i enkäten.");
    // Every error at once: the answer outside the scale too, though the role is missing.
    expect(res.body).toContain('href="#f-answers-information"');
    expect(res.body).toContain("Svaret finns inte på skalan.");
    const withRole = await postForm(t.app, worker, `${paperUrl(f, id)}?enkat=sofia-4q-parent`, {
      instrumentKey: "sofia-4q-parent",
      submissionKey: keyFrom(form.body),
      respondentRole: "parent_without_problem",
      "answers.information": "7",
      "answers.lyssnad-pa": "2",
      "answers.prata-om-alkohol-droger": "",
      "answers.helhet": "",
    });
    expect(withRole.statusCode).toBe(400);
    expect(withRole.body).toContain('href="#f-answers-information"');
    expect(withRole.body).toContain("Svaret finns inte på skalan.");
    // What was typed is kept.
    expect(withRole.body).toMatch(/value="parent_without_problem"\s+checked/);
    expect(await responsesOf(id)).toHaveLength(0);
  });

  it("refuses an unknown item and an answer outside the scale with the same messages as the API, each linked to a question", async () => {
    const f = await family();
    const id = await familyMeeting(f);
    const worker = await login(t.app, "barnhandlaggare");
    const url = `${paperUrl(f, id)}?enkat=sofia-4q-parent`;
    const form = await get(t.app, worker, url);
    const res = await postForm(t.app, worker, url, {
      instrumentKey: "sofia-4q-parent",
      submissionKey: keyFrom(form.body),
      respondentRole: "parent_with_problem",
      "answers.information": "4",
      "answers.lyssnad-pa": "11",
      "answers.nope": "2",
    });
    expect(res.statusCode).toBe(400);
    // The unknown item is not on the form: its error is linked to the first question.
    expect(res.body).toContain('href="#f-answers-lyssnad-pa"');
    expect(res.body).toContain("Svaret finns inte på skalan.");
    expect(res.body).toContain('href="#f-answers-information"');
    expect(res.body).toContain("Frågan finns inte i enkäten.");

    const token = await apiToken(t, "barnhandlaggare", ["processes.view", "processes.work"]);
    const api = await apiCall(t.app, "POST", apiPaper(f, id), token, {
      instrumentKey: "sofia-4q-parent",
      respondentRole: "parent_with_problem",
      submissionKey: randomUUID(),
      answers: [
        { itemKey: "information", value: 4, dontKnow: false },
        { itemKey: "lyssnad-pa", value: 11, dontKnow: false },
        { itemKey: "nope", value: 2, dontKnow: false },
      ],
    });
    expect(api.statusCode).toBe(400);
    expect(api.headers["content-type"]).toContain("application/problem+json");
    expect(api.json().errors).toEqual([
      { field: "answers.lyssnad-pa", message: "Svaret finns inte på skalan." },
      { field: "answers.nope", message: "Frågan finns inte i enkäten." },
    ]);
    expect(await responsesOf(id)).toHaveLength(0);
  });

  it("refuses a paper form for a meeting that was not held, with a friendly page, and stores nothing", async () => {
    const f = await family();
    const id = await familyMeeting(f, false);
    const worker = await login(t.app, "barnhandlaggare");
    const meeting = await get(t.app, worker, meetingUrl(f, id));
    expect(meeting.body).not.toContain("Registrera en pappersenkät");
    const page = await get(t.app, worker, paperUrl(f, id));
    expect(page.statusCode).toBe(409);
    expect(page.body).toContain("Mötet är inte registrerat som hållet");
    expect(page.body).toContain(`href="${meetingUrl(f, id)}"`);
    const posted = await postForm(t.app, worker, `${paperUrl(f, id)}?enkat=sofia-4q-parent`, {
      instrumentKey: "sofia-4q-parent",
      submissionKey: randomUUID(),
      respondentRole: "parent_with_problem",
      "answers.information": "4",
    });
    expect(posted.statusCode).toBe(409);
    const token = await apiToken(t, "barnhandlaggare", ["processes.view", "processes.work"]);
    const api = await apiCall(t.app, "POST", apiPaper(f, id), token, {
      instrumentKey: "sofia-4q-parent",
      respondentRole: "parent_with_problem",
      submissionKey: randomUUID(),
      answers: answers([4, 4, 4, 4]),
    });
    expect(api.statusCode).toBe(409);
    expect(api.headers["content-type"]).toContain("application/problem+json");
    expect(api.json().title).toContain("inte registrerat som hållet");
    expect(await responsesOf(id)).toHaveLength(0);
  });
});

describe("paper responses over the API", () => {
  it("stores once for the same key even when posted at the same time, refuses bad answers per item, and counts the rate", async () => {
    const f = await family();
    const id = await familyMeeting(f);
    const token = await apiToken(t, "barnhandlaggare", ["processes.view", "processes.work"]);
    const key = randomUUID();
    const body = {
      instrumentKey: "sofia-4q-parent",
      respondentRole: "parent_with_problem",
      submissionKey: key,
      answers: answers([4, 3, 2, 1]),
    };
    const [a, b] = await Promise.all([
      apiCall(t.app, "POST", apiPaper(f, id), token, body),
      apiCall(t.app, "POST", apiPaper(f, id), token, body),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
    expect(a.json()).toMatchObject({ attended: 3, responses: 1 });
    const retry = await apiCall(t.app, "POST", apiPaper(f, id), token, body);
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual({ created: false, attended: 3, responses: 1 });
    expect(await responsesOf(id)).toHaveLength(1);

    const bad = await apiCall(t.app, "POST", apiPaper(f, id), token, {
      ...body,
      submissionKey: randomUUID(),
      answers: [...answers([5, 3]), { itemKey: "nope", value: 2, dontKnow: false }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers["content-type"]).toContain("application/problem+json");
    const fields = (bad.json().errors as Array<{ field: string; message: string }>).map((e) => [e.field, e.message]);
    expect(fields).toEqual([
      ["answers.information", "Svaret finns inte på skalan."],
      ["answers.nope", "Frågan finns inte i enkäten."],
    ]);
    const noChild = await apiCall(t.app, "POST", apiPaper(f, id), token, {
      instrumentKey: "sofia-4q-child",
      respondentRole: "child",
      submissionKey: randomUUID(),
      answers: answers([4]),
    });
    expect(noChild.statusCode).toBe(400);
    expect(noChild.json().errors).toEqual([{ field: "ageBand", message: "Välj vilket barn som fyllde i enkäten." }]);
    const mismatch = await apiCall(t.app, "POST", apiPaper(f, id), token, {
      ...body,
      instrumentKey: "sofia-4q-child",
      submissionKey: randomUUID(),
    });
    expect(mismatch.json().errors).toEqual([{ field: "respondentRole", message: expect.stringContaining("Rollen passar inte") }]);
    const notFollowing = await apiCall(t.app, "POST", apiPaper(f, id), token, {
      ...body,
      instrumentKey: "familjeklimat",
      submissionKey: randomUUID(),
    });
    expect(notFollowing.json().errors).toEqual([{ field: "instrumentKey", message: expect.stringContaining("följer inte") }]);
    expect(await responsesOf(id)).toHaveLength(1);

    // A key used for one meeting cannot store another meeting's form.
    const other = await familyMeeting(f, true, "familjemote-2");
    const reused = await apiCall(t.app, "POST", apiPaper(f, other), token, body);
    expect(reused.statusCode).toBe(409);
    expect(reused.json().errors).toEqual([{ field: "submissionKey", message: expect.stringContaining("annat formulär") }]);

    const child = await apiCall(t.app, "POST", apiPaper(f, id), token, {
      instrumentKey: "sofia-4q-child",
      respondentRole: "child",
      ageBand: "10–12",
      submissionKey: randomUUID(),
      answers: answers(["dont_know", 4, null, 3]),
    });
    expect(child.statusCode, child.body).toBe(201);
    // The third present, the 8-year-old (a parent without the problem was not there: refused).
    const absentRole = await apiCall(t.app, "POST", apiPaper(f, id), token, {
      ...body,
      respondentRole: "parent_without_problem",
      submissionKey: randomUUID(),
    });
    expect(absentRole.statusCode).toBe(400);
    expect(absentRole.json().errors).toEqual([{ field: "respondentRole", message: expect.stringContaining("var närvarande") }]);
    const third = await apiCall(t.app, "POST", apiPaper(f, id), token, {
      instrumentKey: "sofia-4q-child",
      respondentRole: "child",
      ageBand: "6–9",
      submissionKey: randomUUID(),
      answers: answers([4, 4, 4, 4]),
    });
    expect(third.json()).toEqual({ created: true, attended: 3, responses: 3 });
    // Everyone present has answered: a fourth form is refused.
    const fourth = await apiCall(t.app, "POST", apiPaper(f, id), token, { ...body, submissionKey: randomUUID() });
    expect(fourth.statusCode).toBe(409);
    expect(await responsesOf(id)).toHaveLength(3);
    const otherAnswered = await apiCall(t.app, "POST", apiPaper(f, other), token, { ...body, submissionKey: randomUUID() });
    expect(otherAnswered.statusCode).toBe(201);

    const rate = await apiCall(t.app, "GET", `/api/v1/processes/${f.processId}/survey-rate`, token);
    expect(rate.statusCode).toBe(200);
    const data = rate.json();
    expect(
      data.meetings.map((m: { meetingId: string; attended: number; responses: number }) => [m.meetingId, m.attended, m.responses]).sort(),
    ).toEqual(
      [
        [id, 3, 3],
        [other, 3, 1],
      ].sort(),
    );
    expect(data.types).toEqual([
      { meetingTypeKey: "familjemote-1", meetingTypeName: "Familjemöte 1", meetings: 1, attended: 3, responses: 3 },
      { meetingTypeKey: "familjemote-2", meetingTypeName: "Familjemöte 2", meetings: 1, attended: 3, responses: 1 },
    ]);
    expect(JSON.stringify(data)).not.toContain("Tolvan");

    // The process page's section: a line per meeting and a row per meeting type, counts only.
    const view = {
      t: translator("sv"),
      locale: "sv" as const,
      actor: null,
      csrfToken: "x",
      nonce: "n",
      path: "/",
      idleSeconds: 1800,
      warnSeconds: 120,
    };
    const html = render(h(SurveySection, { view, processId: f.processId, data: { minimal: false, ...data } }));
    expect(html).toContain("Enkätsvar");
    expect(html).toContain(`href="/processer/${f.processId}/moten/${id}"`);
    expect(html).toContain(`Familjemöte 1 ${HELD}</a>: Enkätsvar: 3 av 3 närvarande`);
    expect(html).toContain(`Familjemöte 2 ${HELD}</a>: Enkätsvar: 1 av 3 närvarande`);
    expect(html).toContain('<th scope="row">Familjemöte 2</th><td>1</td><td>3</td><td>1</td>');
    expect(render(h(SurveySection, { view, processId: f.processId, data: { minimal: true, meetings: [], types: [] } }))).toBe("");
  });

  it("hides the process from a caseworker not assigned (404) and refuses the analyst (403); nothing is stored", async () => {
    const f = await family();
    const id = await familyMeeting(f);
    const body = {
      instrumentKey: "sofia-4q-parent",
      respondentRole: "parent_with_problem",
      submissionKey: randomUUID(),
      answers: answers([4]),
    };
    const other = await apiToken(t, "handlaggare.syd", ["processes.view", "processes.work"]);
    expect((await apiCall(t.app, "POST", apiPaper(f, id), other, body)).statusCode).toBe(404);
    expect((await apiCall(t.app, "GET", `/api/v1/processes/${f.processId}/survey-rate`, other)).statusCode).toBe(404);
    const otherBrowser = await login(t.app, "handlaggare.syd");
    expect((await get(t.app, otherBrowser, paperUrl(f, id))).statusCode).toBe(404);
    const analyst = await apiToken(t, "analytiker", ["processes.view", "processes.work"]);
    expect((await apiCall(t.app, "POST", apiPaper(f, id), analyst, body)).statusCode).toBe(403);
    const analystBrowser = await login(t.app, "analytiker");
    expect((await get(t.app, analystBrowser, paperUrl(f, id))).statusCode).toBe(403);
    expect(await responsesOf(id)).toHaveLength(0);
  });
});

describe("the stored answers", () => {
  it("have no column that could name the respondent", async () => {
    const columns = async (table: string) =>
      (
        await db().execute<{ column_name: string }>(
          sql`select column_name from information_schema.columns where table_name = ${table} order by ordinal_position`,
        )
      ).rows.map((r) => r.column_name);
    expect(await columns("survey_responses")).toEqual([
      "id",
      "municipality_id",
      "instrument_version_id",
      "meeting_id",
      "process_id",
      "respondent_role",
      "age_band",
      "mode",
      "submission_key",
      "complete",
      "submitted_at",
      "recorded_by",
      "campaign_id",
      "period_on",
    ]);
    expect(await columns("survey_answers")).toEqual(["response_id", "item_key", "value", "dont_know"]);
  });

  it("refuse a value outside 1–10 and a value with don't know in the database itself", async () => {
    const f = await family();
    const id = await familyMeeting(f);
    const token = await apiToken(t, "barnhandlaggare", ["processes.view", "processes.work"]);
    const res = await apiCall(t.app, "POST", apiPaper(f, id), token, {
      instrumentKey: "sofia-4q-parent",
      respondentRole: "parent_with_problem",
      submissionKey: randomUUID(),
      answers: answers([1]),
    });
    expect(res.statusCode).toBe(201);
    const [response] = await responsesOf(id);
    await expect(
      db()
        .insert(surveyAnswers)
        .values({ responseId: response?.id ?? "", itemKey: "x", value: 11, dontKnow: false }),
    ).rejects.toThrow();
    await expect(
      db()
        .insert(surveyAnswers)
        .values({ responseId: response?.id ?? "", itemKey: "y", value: 2, dontKnow: true }),
    ).rejects.toThrow();
  });
});

describe("recordResponse", () => {
  it("keeps a partial response and completes it later with the same key; a complete one is left as it was", async () => {
    const [version] = await db()
      .select({
        id: surveyInstrumentVersions.id,
        content: surveyInstrumentVersions.content,
        municipalityId: surveyInstruments.municipalityId,
      })
      .from(surveyInstrumentVersions)
      .innerJoin(surveyInstruments, eq(surveyInstruments.id, surveyInstrumentVersions.instrumentId))
      .where(eq(surveyInstruments.key, "sofia-4q-child"));
    if (!version) throw new Error("no instrument");
    const key = randomUUID();
    const base = {
      municipalityId: version.municipalityId,
      instrumentVersionId: version.id,
      content: contentSchema.parse(version.content),
      meetingId: null,
      processId: null,
      respondentRole: "child" as const,
      ageBand: "6–9" as const,
      mode: "kiosk" as const,
      submissionKey: key,
      recordedBy: null,
      submittedAt: t.clock.now(),
    };
    const answersOf = async (id: string) =>
      (await db().select().from(surveyAnswers).where(eq(surveyAnswers.responseId, id))).map((a) => [a.itemKey, a.value, a.dontKnow]).sort();

    const partial = await db().transaction((tx) => recordResponse(tx, { ...base, answers: answers([2, 3]), complete: false }));
    expect(partial).toMatchObject({ created: true, complete: false });
    const done = await db().transaction((tx) => recordResponse(tx, { ...base, answers: answers([2, 4, "dont_know", 1]), complete: true }));
    expect(done).toEqual({ id: partial.id, created: false, complete: true });
    expect(await answersOf(partial.id)).toEqual([
      ["helhet", 1, false],
      ["information", 2, false],
      ["lyssnad-pa", 4, false],
      ["prata-om-alkohol-droger", null, true],
    ]);
    const late = await db().transaction((tx) => recordResponse(tx, { ...base, answers: answers([1, 1, 1, 1]), complete: true }));
    expect(late).toEqual({ id: partial.id, created: false, complete: true });
    expect((await answersOf(partial.id))[1]).toEqual(["information", 2, false]);
    const [row] = await db().select().from(surveyResponses).where(eq(surveyResponses.id, partial.id));
    expect(row?.complete).toBe(true);

    // One refused answer stores nothing, not even the others.
    const refused = db().transaction((tx) =>
      recordResponse(tx, { ...base, submissionKey: randomUUID(), answers: answers([3, 9]), complete: true }),
    );
    await expect(refused).rejects.toMatchObject({ fieldErrors: { "answers.lyssnad-pa": "surveys.error.outsideScale" } });
    expect(await db().select().from(surveyResponses).where(eq(surveyResponses.mode, "kiosk"))).toHaveLength(1);
  });
});
