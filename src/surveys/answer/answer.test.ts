/**
 * Answering a survey link on a real PostgreSQL: the form's fields read as answers; the respondent's
 * page (no app frame, no-store, no referrer); a partial answer completed later as one response; a
 * double submit stored once; a used, expired or forged link refused with nothing stored; an answer
 * outside the scale or to an unknown item refused with nothing stored; the same over the API.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anonymous, apiCall, apiToken, createTestApp, get, postForm, type TestApp } from "../../../test/helpers.ts";
import { loginThrottle, securityLog, surveyAnswers, surveyInvitations, surveyResponses } from "../../db/schema/index.ts";
import { ConflictError, ValidationError } from "../../platform/errors.ts";
import { type FormInput, formInput, jsonInput } from "../../platform/form-pages.ts";
import { deepFreeze } from "../../platform/freeze.ts";
import { randomToken, sha256 } from "../../platform/sessions.ts";
import { lockByToken, tokenHashOf } from "../links/index.ts";
import { familyMeeting, linkFamily } from "../links/test-setup.ts";
import { sofiaChild } from "../seed.ts";
import { answerInput, answerInvitation } from "./service.ts";

let t: TestApp;
const db = () => t.database.db;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe("answerInput: one schema, built from the version's items, for the form and the API", () => {
  const schema = answerInput(sofiaChild);
  const fieldsOf = (input: unknown) =>
    Object.fromEntries((schema.safeParse(input).error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

  it("reads every item from the form: a value, don't know, unanswered; refuses a foreign value and an unknown item at their fields", () => {
    const posted = formInput({
      "answers.information": "4",
      "answers.lyssnad-pa": "dont_know",
      "answers.prata-om-alkohol-droger": "",
      "answers.helhet": "fyra",
      "answers.okand": "2",
      _csrf: "x",
    })(schema);
    expect(fieldsOf(posted)).toEqual({ "answers.helhet": "surveys.error.outsideScale", "answers.okand": "surveys.error.unknownItem" });
    expect(schema.parse(formInput({ "answers.information": ["3", "1"], "answers.lyssnad-pa": "dont_know" })(schema))).toEqual({
      answers: [
        { itemKey: "information", value: 3, dontKnow: false },
        { itemKey: "lyssnad-pa", value: null, dontKnow: true },
        { itemKey: "prata-om-alkohol-droger", value: null, dontKnow: false },
        { itemKey: "helhet", value: null, dontKnow: false },
      ],
      complete: true,
    });
    const nothing = schema.parse(formInput(undefined)(schema));
    expect(nothing.answers.every((a) => a.value === null && !a.dontKnow)).toBe(true);
  });

  it("is made once for a frozen (published) content and anew for one that may still change", () => {
    const published = deepFreeze(structuredClone(sofiaChild));
    expect(answerInput(published)).toBe(answerInput(published));
    const draft = structuredClone(sofiaChild);
    const before = answerInput(draft);
    draft.items = draft.items.slice(1);
    expect(answerInput(draft)).not.toBe(before);
    expect(
      answerInput(draft).safeParse(jsonInput({ answers: [{ itemKey: "information", value: 4, dontKnow: false }] })(before)).success,
    ).toBe(false);
  });

  it("refuses the API's list with the same fields and message keys as the form", () => {
    const list = (answers: Array<{ itemKey: string; value: number | null; dontKnow: boolean }>) =>
      jsonInput({ answers, complete: true })(schema);
    const form = formInput({ "answers.information": "7", "answers.x": "1" })(schema);
    const api = list([
      { itemKey: "information", value: 7, dontKnow: false },
      { itemKey: "x", value: 1, dontKnow: false },
    ]);
    expect(fieldsOf(form)).toEqual({ "answers.information": "surveys.error.outsideScale", "answers.x": "surveys.error.unknownItem" });
    expect(fieldsOf(api)).toEqual(fieldsOf(form));
    // What only a list can say: an item twice, a value with "don't know".
    expect(fieldsOf(list([{ itemKey: "helhet", value: 2, dontKnow: true }]))).toEqual({
      "answers.helhet": "responses.error.valueAndDontKnow",
    });
    expect(
      fieldsOf(
        list([
          { itemKey: "helhet", value: 2, dontKnow: false },
          { itemKey: "helhet", value: 3, dontKnow: false },
        ]),
      ),
    ).toEqual({ "answers.helhet": "responses.error.duplicateAnswer" });
    expect(schema.parse(list([{ itemKey: "helhet", value: null, dontKnow: true }])).answers[3]).toEqual({
      itemKey: "helhet",
      value: null,
      dontKnow: true,
    });
  });

  it("finishes unless told complete 0 (survey.js's saving of a partial answer)", () => {
    expect(schema.parse(formInput({})(schema)).complete).toBe(true);
    expect(schema.parse(formInput({ complete: "1" })(schema)).complete).toBe(true);
    expect(schema.parse(formInput({ complete: "0" })(schema)).complete).toBe(false);
  });
});

/** A held Familjemöte 1 and its two links (parent first, then child) made over the API. */
async function links() {
  const f = await linkFamily(t);
  const meetingId = await familyMeeting(t, f);
  const token = await apiToken(t, "barnhandlaggare", ["processes.view", "processes.work"]);
  const res = await apiCall(t.app, "POST", `/api/v1/processes/${f.processId}/meetings/${meetingId}/survey-links`, token);
  expect(res.statusCode, res.body).toBe(201);
  const body = res.json() as { links: Array<{ url: string; role: string }> };
  const tokenOf = (role: string) => body.links.find((l) => l.role === role)?.url.split("/svar/")[1] ?? "";
  return { f, meetingId, parent: tokenOf("parent_with_problem"), child: tokenOf("child") };
}

const fourAnswers = {
  "answers.information": "4",
  "answers.lyssnad-pa": "3",
  "answers.prata-om-alkohol-droger": "2",
  "answers.helhet": "4",
};
const responsesOf = (meetingId: string) => db().select().from(surveyResponses).where(eq(surveyResponses.meetingId, meetingId));
const answersOf = (responseId: string) => db().select().from(surveyAnswers).where(eq(surveyAnswers.responseId, responseId));
const invitation = async (token: string) =>
  (
    await db()
      .select()
      .from(surveyInvitations)
      .where(eq(surveyInvitations.tokenHash, tokenHashOf(token) ?? ""))
  )[0];

const secretHeaders = (res: { headers: Record<string, unknown> }) => {
  expect(res.headers["cache-control"]).toBe("no-store");
  expect(res.headers["referrer-policy"]).toBe("no-referrer");
};

describe("a survey link on the pages", () => {
  it("shows the child's questions without the app frame; a partial answer is completed later as one response", async () => {
    const { meetingId, child } = await links();
    const page = await get(t.app, null, `/svar/${child}`);
    expect(page.statusCode).toBe(200);
    secretHeaders(page);
    expect(page.body).toContain('<html lang="sv"');
    expect(page.body).toContain("Frågor till dig som är barn");
    expect(page.body).toContain("Lyssnade de vuxna på dig?");
    expect(page.body).toContain("Vet inte / vill inte svara");
    expect(page.body).toContain("Jättebra");
    expect(page.body).toContain('class="sofia-face"');
    expect(page.body).toContain('aria-hidden="true"');
    expect(page.body).toContain("Skicka svaren");
    expect(page.body).toContain("/static/js/survey.js");
    expect(page.body).toContain('class="ds-skip-link"');
    for (const appOnly of ["Logga ut", "Huvudmeny", 'href="/processer', 'href="/start"', "Tolvan", "Lilla"]) {
      expect(page.body).not.toContain(appOnly);
    }

    const browser = await anonymous(t.app);
    const partial = await t.app.inject({
      method: "POST",
      url: `/svar/${child}`,
      headers: { cookie: browser.cookie, "content-type": "application/x-www-form-urlencoded", "x-sofia-fetch": "1" },
      payload: new URLSearchParams({ _csrf: browser.csrf, complete: "0", "answers.information": "3" }).toString(),
    });
    expect(partial.statusCode, partial.body).toBe(200);
    secretHeaders(partial);
    expect(partial.json()).toEqual({ next: null, complete: false });
    let stored = await responsesOf(meetingId);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ complete: false, mode: "link", respondentRole: "child", ageBand: "6–9", campaignId: null });
    expect((await invitation(child))?.usedAt).toBeNull();

    const done = await postForm(t.app, browser, `/svar/${child}`, {
      "answers.information": "4",
      "answers.lyssnad-pa": "dont_know",
      "answers.prata-om-alkohol-droger": "2",
      "answers.helhet": "",
    });
    expect(done.statusCode, done.body.slice(0, 1500)).toBe(303);
    expect(done.headers.location).toBe("/svar/tack");
    secretHeaders(done);
    stored = await responsesOf(meetingId);
    expect(stored).toHaveLength(1);
    expect(stored[0]?.complete).toBe(true);
    const answers = await answersOf(stored[0]?.id ?? "");
    expect(answers.map((a) => [a.itemKey, a.value, a.dontKnow]).sort()).toEqual([
      ["information", 4, false],
      ["lyssnad-pa", null, true],
      ["prata-om-alkohol-droger", 2, false],
    ]);
    expect((await invitation(child))?.usedAt).not.toBeNull();
    const thanks = await get(t.app, null, "/svar/tack");
    expect(thanks.body).toContain("Tack för dina svar!");

    // Reopening a used link: kind words, no form.
    const again = await get(t.app, null, `/svar/${child}`);
    expect(again.statusCode).toBe(410);
    secretHeaders(again);
    expect(again.body).toContain("Du har redan svarat. Tack!");
    expect(again.body).not.toContain("Skicka svaren");
  });

  it("stores a double submit once: the second post is told the answers are already sent", async () => {
    const { meetingId, parent } = await links();
    const browser = await anonymous(t.app);
    const fields = { "answers.information": "4", "answers.lyssnad-pa": "3", "answers.prata-om-alkohol-droger": "2", "answers.helhet": "4" };
    const [a, b] = await Promise.all([
      postForm(t.app, browser, `/svar/${parent}`, fields),
      postForm(t.app, browser, `/svar/${parent}`, fields),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([303, 410]);
    const refused = a.statusCode === 410 ? a : b;
    secretHeaders(refused);
    expect(refused.body).toContain("Du har redan svarat. Tack!");
    const stored = await responsesOf(meetingId);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ complete: true, respondentRole: "parent_with_problem", ageBand: null, recordedBy: null });
    expect(await answersOf(stored[0]?.id ?? "")).toHaveLength(4);
  });

  it("refuses an answer outside the scale, an unknown item and an empty answer, with nothing stored", async () => {
    const { meetingId, parent } = await links();
    const browser = await anonymous(t.app);
    const outside = await postForm(t.app, browser, `/svar/${parent}`, { "answers.information": "5", "answers.helhet": "4" });
    expect(outside.statusCode).toBe(400);
    secretHeaders(outside);
    expect(outside.body).toContain("data-error-summary");
    expect(outside.body).toContain('href="#f-answers-information"');
    expect(outside.body).toContain("Välj ett av svaren.");
    expect(outside.body).toContain('value="4" checked');

    const unknown = await postForm(t.app, browser, `/svar/${parent}`, { "answers.information": "4", "answers.nagot-annat": "1" });
    expect(unknown.statusCode).toBe(400);
    const empty = await postForm(t.app, browser, `/svar/${parent}`, {});
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain("Svara på minst en fråga.");
    const fetched = await t.app.inject({
      method: "POST",
      url: `/svar/${parent}`,
      headers: { cookie: browser.cookie, "content-type": "application/x-www-form-urlencoded", "x-sofia-fetch": "1" },
      payload: new URLSearchParams({ _csrf: browser.csrf, "answers.information": "9" }).toString(),
    });
    expect(fetched.statusCode).toBe(400);
    expect(fetched.json()).toEqual({ errors: [{ field: "answers.information", message: "Välj ett av svaren." }] });

    expect(await responsesOf(meetingId)).toHaveLength(0);
    expect((await invitation(parent))?.usedAt).toBeNull();
  });

  it("refuses an expired link and a forged one (410, 404) with nothing stored", async () => {
    const { meetingId, parent } = await links();
    await db()
      .update(surveyInvitations)
      .set({ expiresAt: new Date(t.clock.now().getTime() - 60_000) })
      .where(eq(surveyInvitations.tokenHash, tokenHashOf(parent) ?? ""));
    const browser = await anonymous(t.app);
    const expired = await get(t.app, null, `/svar/${parent}`);
    expect(expired.statusCode).toBe(410);
    secretHeaders(expired);
    expect(expired.body).toContain("Länken fungerar inte längre");
    const posted = await postForm(t.app, browser, `/svar/${parent}`, { "answers.information": "4" });
    expect(posted.statusCode).toBe(410);
    secretHeaders(posted);

    const forged = randomToken();
    const unknown = await get(t.app, null, `/svar/${forged}`);
    expect(unknown.statusCode).toBe(404);
    secretHeaders(unknown);
    expect(unknown.body).toContain("Vi hittar inte den här länken");
    expect((await postForm(t.app, browser, `/svar/${forged}`, { "answers.information": "4" })).statusCode).toBe(404);
    expect((await get(t.app, null, "/svar/kort")).statusCode).toBe(404);
    // A post without the form's CSRF token is refused, and still sends no referrer.
    const noCsrf = await t.app.inject({
      method: "POST",
      url: `/svar/${parent}`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "answers.information=4",
    });
    expect(noCsrf.statusCode).toBe(403);
    secretHeaders(noCsrf);

    expect(await responsesOf(meetingId)).toHaveLength(0);
  });
});

describe("answer codes", () => {
  it("opens a link by its short code however it is typed, and an old long token still works", async () => {
    const { meetingId, parent, child } = await links();
    expect(parent).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}$/);
    // Lower case, without the dashes, with spaces: the same code.
    const typed = parent.toLowerCase().replace(/-/g, " ");
    const page = await get(t.app, null, `/svar/${encodeURIComponent(typed)}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Fick du tillräckligt med information?");

    // A link made before the codes: its 43-character token, hashed as it is, keeps working.
    const long = randomToken();
    expect(long).toHaveLength(43);
    await db()
      .update(surveyInvitations)
      .set({ tokenHash: sha256(long) })
      .where(eq(surveyInvitations.tokenHash, tokenHashOf(child) ?? ""));
    expect((await get(t.app, null, `/svar/${long}`)).statusCode).toBe(200);
    const browser = await anonymous(t.app);
    const done = await postForm(t.app, browser, `/svar/${long}`, fourAnswers);
    expect(done.headers.location).toBe("/svar/tack");
    expect(await responsesOf(meetingId)).toHaveLength(1);
  });

  it("throttles guessing per address: ten unknown codes lock the answer route for that address, even for a right code", async () => {
    const { meetingId, parent } = await links();
    const from = (remoteAddress: string, url: string) => t.app.inject({ method: "GET", url, remoteAddress });
    const guesser = "198.51.100.7";
    for (let i = 0; i < 10; i++) {
      const guess = await from(guesser, `/svar/ABCD-EFGH-${String(i).padStart(2, "0")}`);
      expect(guess.statusCode).toBe(404);
    }
    const locked = await from(guesser, `/svar/${parent}`);
    expect(locked.statusCode).toBe(429);
    expect(locked.body).toContain("För många försök");
    expect(locked.body).toContain("Vänta 15 minuter och skriv koden igen");
    expect(locked.body).not.toContain("Fick du tillräckligt med information?");
    // The API is the same route for the guesser: 429, problem+json, in Swedish, nothing stored.
    const api = await t.app.inject({
      method: "POST",
      url: "/api/v1/survey-answers",
      remoteAddress: guesser,
      payload: { token: parent, answers: [{ itemKey: "information", value: 4, dontKnow: false }], complete: true },
    });
    expect(api.statusCode).toBe(429);
    expect(api.headers["content-type"]).toContain("application/problem+json");
    expect(api.json().detail ?? api.json().title).toContain("Vänta 15 minuter");
    expect(await responsesOf(meetingId)).toHaveLength(0);
    const logged = await db().select().from(securityLog).where(eq(securityLog.event, "survey_code_throttled"));
    expect(logged.length).toBeGreaterThan(0);
    expect(JSON.stringify(logged)).not.toContain(parent);
    // Another address is not locked.
    expect((await from("198.51.100.8", `/svar/${parent}`)).statusCode).toBe(200);
    // An unknown code posted to the API is a guess as well, counted against its address.
    const other = "198.51.100.9";
    const unknown = await t.app.inject({
      method: "POST",
      url: "/api/v1/survey-answers",
      remoteAddress: other,
      payload: { token: "ABCD-EFGH-99", answers: [{ itemKey: "information", value: 4, dontKnow: false }], complete: true },
    });
    expect(unknown.statusCode).toBe(404);
    const [counted] = await db()
      .select()
      .from(loginThrottle)
      .where(eq(loginThrottle.key, `survey-code:${other}`));
    expect(counted?.failures).toBe(1);
  });
});

describe("answerInvitation", () => {
  it("refuses a used invitation with a ConflictError and stores nothing more", async () => {
    const { meetingId, child } = await links();
    const answers = [{ itemKey: "information", value: 4, dontKnow: false }];
    await db().transaction(async (tx) => {
      const inv = await lockByToken(tx, child);
      if (!inv) throw new Error("no invitation");
      expect(await answerInvitation(tx, inv, jsonInput({ answers, complete: true }), t.clock.now())).toEqual({
        created: true,
        complete: true,
      });
    });
    await expect(
      db().transaction(async (tx) => {
        const inv = await lockByToken(tx, child);
        if (!inv) throw new Error("no invitation");
        return answerInvitation(tx, inv, jsonInput({ answers, complete: true }), t.clock.now());
      }),
    ).rejects.toThrow(ConflictError);
    await expect(
      db().transaction(async (tx) => {
        const inv = await lockByToken(tx, child);
        if (!inv) throw new Error("no invitation");
        return answerInvitation(tx, inv, jsonInput({ answers, complete: true }), t.clock.now());
      }),
    ).rejects.toMatchObject({ messageKey: "answer.refused.used" });
    expect(await responsesOf(meetingId)).toHaveLength(1);
  });

  it("refuses an unknown item and an answer outside the scale from the form and from the API with the same fields and message keys, storing nothing", async () => {
    const { meetingId, parent } = await links();
    const refusal = (input: FormInput) =>
      db().transaction(async (tx) => {
        const inv = await lockByToken(tx, parent);
        if (!inv) throw new Error("no invitation");
        return answerInvitation(tx, inv, input, t.clock.now()).then(
          () => null,
          (e: unknown) => e,
        );
      });
    const fromForm = await refusal(formInput({ "answers.information": "7", "answers.nagot-annat": "1", complete: "1" }));
    const fromApi = await refusal(
      jsonInput({
        answers: [
          { itemKey: "information", value: 7, dontKnow: false },
          { itemKey: "nagot-annat", value: 1, dontKnow: false },
        ],
        complete: true,
      }),
    );
    expect(fromForm).toBeInstanceOf(ValidationError);
    expect((fromForm as ValidationError).fieldErrors).toEqual({
      "answers.information": "surveys.error.outsideScale",
      "answers.nagot-annat": "surveys.error.unknownItem",
    });
    expect((fromApi as ValidationError).fieldErrors).toEqual((fromForm as ValidationError).fieldErrors);

    // On the page: a field error on the question (an unknown one on the first), in a respondent's words.
    const browser = await anonymous(t.app);
    const page = await postForm(t.app, browser, `/svar/${parent}`, { "answers.information": "7", "answers.nagot-annat": "1" });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('href="#f-answers-information"');
    expect(page.body).toContain("Välj ett av svaren.");
    // Over the API: problem+json with both fields and the catalog's words for the same keys.
    const api = await apiCall(t.app, "POST", "/api/v1/survey-answers", null, {
      token: parent,
      answers: [
        { itemKey: "information", value: 7, dontKnow: false },
        { itemKey: "nagot-annat", value: 1, dontKnow: false },
      ],
      complete: true,
    });
    expect(api.statusCode).toBe(400);
    expect(api.headers["content-type"]).toContain("application/problem+json");
    expect(api.json().errors).toEqual([
      { field: "answers.information", message: "Svaret finns inte på skalan." },
      { field: "answers.nagot-annat", message: "Frågan finns inte i enkäten." },
    ]);
    expect(await responsesOf(meetingId)).toHaveLength(0);
  });
});

describe("answering over the API", () => {
  it("stores the answer once, refuses a used, unknown or bad answer as problem+json, and sends no referrer", async () => {
    const { meetingId, parent } = await links();
    const body = (answers: Array<{ itemKey: string; value: number | null; dontKnow: boolean }>, complete = true) => ({
      token: parent,
      answers,
      complete,
    });
    const bad = await apiCall(t.app, "POST", "/api/v1/survey-answers", null, body([{ itemKey: "information", value: 7, dontKnow: false }]));
    expect(bad.statusCode).toBe(400);
    expect(bad.headers["content-type"]).toContain("application/problem+json");
    expect(bad.json().errors).toEqual([{ field: "answers.information", message: "Svaret finns inte på skalan." }]);
    const unknownItem = await apiCall(t.app, "POST", "/api/v1/survey-answers", null, body([{ itemKey: "x", value: 1, dontKnow: false }]));
    expect(unknownItem.statusCode).toBe(400);
    expect(await responsesOf(meetingId)).toHaveLength(0);

    const partial = await apiCall(
      t.app,
      "POST",
      "/api/v1/survey-answers",
      null,
      body([{ itemKey: "information", value: 2, dontKnow: false }], false),
    );
    expect(partial.statusCode, partial.body).toBe(200);
    secretHeaders(partial);
    expect(partial.json()).toEqual({ created: true, complete: false });
    const done = await apiCall(t.app, "POST", "/api/v1/survey-answers", null, body([{ itemKey: "helhet", value: null, dontKnow: true }]));
    expect(done.json()).toEqual({ created: false, complete: true });
    const used = await apiCall(t.app, "POST", "/api/v1/survey-answers", null, body([{ itemKey: "helhet", value: 4, dontKnow: false }]));
    expect(used.statusCode).toBe(410);
    expect(used.headers["content-type"]).toContain("application/problem+json");
    expect(used.json().title).toBe("Du har redan svarat. Tack!");
    const stored = await responsesOf(meetingId);
    expect(stored).toHaveLength(1);
    expect((await answersOf(stored[0]?.id ?? "")).map((a) => [a.itemKey, a.value, a.dontKnow]).sort()).toEqual([
      ["helhet", null, true],
      ["information", 2, false],
    ]);

    const forged = await apiCall(t.app, "POST", "/api/v1/survey-answers", null, { ...body([]), token: randomToken() });
    expect(forged.statusCode).toBe(404);
    expect(forged.headers["content-type"]).toContain("application/problem+json");
  });
});
