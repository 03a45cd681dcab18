/**
 * Annual surveys from any year (issue 15, item 2), through the HTTP app on a real PostgreSQL
 * without any mail server: a campaign about last year is created and filled from paper forms, a
 * campaign of this year through the API's paper entry, and the two years compare with
 * hand-counted means; a future year is refused; an import with bad rows imports nothing and lists
 * every bad row, then the corrected file is previewed and imported (CSV through the API, XLSX on
 * the page); printed answer codes are answered at the public page without SMTP, once each.
 */
import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contextOf } from "../../../test/fixtures.ts";
import {
  anonymous,
  apiCall,
  apiToken,
  type Browser,
  createTestApp,
  get,
  login,
  postForm,
  type TestApp,
  testClock,
} from "../../../test/helpers.ts";
import {
  auditLog,
  surveyAnswers,
  surveyCampaigns,
  surveyCampaignUnits,
  surveyInvitations,
  surveyResponses,
  units,
} from "../../db/schema/index.ts";
import { newWorkbook } from "../../platform/excel.ts";
import { compareCampaignYears } from "../index.ts";
import { parentAnnual } from "../seed.ts";
import { readAnswers } from "./import.ts";

let t: TestApp;
let leader: Browser;
let token: string;
const db = () => t.database.db;
const today = testClock().today();
const THIS_YEAR = Number(today.slice(0, 4));
const LAST_YEAR = THIS_YEAR - 1;
const INSTRUMENT = "arlig-foraldraenkat";
const [Q1, Q2, Q3] = parentAnnual.items.map((i) => i.key) as [string, string, string];

async function unitId(name: string): Promise<string> {
  const [u] = await db().select({ id: units.id }).from(units).where(eq(units.name, name));
  if (!u) throw new Error(`no unit ${name}`);
  return u.id;
}

const responsesOf = async (campaignId: string) => db().select().from(surveyResponses).where(eq(surveyResponses.campaignId, campaignId));

/** A multipart upload: the CSRF token (pages) and one file. */
function upload(url: string, file: { name: string; data: Buffer }, auth: { browser?: Browser; token?: string }) {
  const boundary = "----sofiaCampaignImport9f3k";
  const parts: Buffer[] = [];
  if (auth.browser)
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${auth.browser.csrf}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return t.app.inject({
    method: "POST",
    url,
    headers: {
      ...(auth.browser ? { cookie: auth.browser.cookie } : {}),
      ...(auth.token ? { authorization: `Bearer ${auth.token}` } : {}),
      "content-type": `multipart/form-data; boundary=${boundary}`,
    },
    payload: Buffer.concat(parts),
  });
}

async function createCampaign(fields: Record<string, string | string[]>) {
  const res = await postForm(t.app, leader, "/enkater/kampanjer/ny", fields);
  const id = /\/enkater\/kampanjer\/([0-9a-f-]{36})/.exec(String(res.headers.location))?.[1] ?? "";
  return { res, id };
}

/** One paper form on the page: a fresh key from the form, the answers by item. */
async function paper(campaignId: string, answers: Record<string, string>) {
  const form = await get(t.app, leader, `/enkater/kampanjer/${campaignId}/papper`);
  expect(form.statusCode).toBe(200);
  const key = /name="submissionKey" value="([0-9a-f-]{36})"/.exec(form.body)?.[1] ?? "";
  const fields = Object.fromEntries(Object.entries(answers).map(([k, v]) => [`answers.${k}`, v]));
  return postForm(t.app, leader, `/enkater/kampanjer/${campaignId}/papper`, { submissionKey: key, ...fields });
}

beforeAll(async () => {
  t = await createTestApp();
  leader = await login(t.app, "processledare");
  token = await apiToken(t, "processledare", ["surveys.campaigns", "surveys.results"]);
});
afterAll(() => t.close());

describe("the demo's campaigns", () => {
  it("fill last year and this year of both annual surveys, so year against year shows two years", async () => {
    // src/demo/campaigns.ts: 26 and 31 staff, 18 and 22 parents.
    for (const [key, counts] of [
      ["arlig-medarbetarenkat", [26, 31]],
      [INSTRUMENT, [18, 22]],
    ] as const) {
      const res = await apiCall(t.app, "GET", `/api/v1/survey-year-comparison?instrument=${key}`, token);
      expect(res.json().years).toEqual([
        { year: LAST_YEAR, n: counts[0], suppressed: false },
        { year: THIS_YEAR, n: counts[1], suppressed: false },
      ]);
      expect(res.json().items.every((i: { shown: string[] }) => i.shown.every((v) => /^\d,\d\d$/.test(v)))).toBe(true);
    }
    // From here on this file counts every answer by hand: it goes on without the demo's campaigns.
    const demo = await db().select({ id: surveyCampaigns.id }).from(surveyCampaigns);
    const ids = demo.map((c) => c.id);
    if (ids.length > 0) {
      const responses = await db().select({ id: surveyResponses.id }).from(surveyResponses).where(inArray(surveyResponses.campaignId, ids));
      if (responses.length > 0) {
        await db()
          .delete(surveyAnswers)
          .where(
            inArray(
              surveyAnswers.responseId,
              responses.map((r) => r.id),
            ),
          );
        await db().delete(surveyResponses).where(inArray(surveyResponses.campaignId, ids));
      }
      await db().delete(surveyInvitations).where(inArray(surveyInvitations.campaignId, ids));
      await db().delete(surveyCampaignUnits).where(inArray(surveyCampaignUnits.campaignId, ids));
      await db().delete(surveyCampaigns).where(inArray(surveyCampaigns.id, ids));
    }
    // Without any campaign the page still offers an annual survey and this year against the one before, both empty.
    const empty = await apiCall(t.app, "GET", "/api/v1/survey-year-comparison", token);
    expect(empty.statusCode).toBe(200);
    expect(empty.json().years).toEqual([
      { year: LAST_YEAR, n: 0, suppressed: false },
      { year: THIS_YEAR, n: 0, suppressed: false },
    ]);
    expect(empty.json().items.every((i: { shown: string[] }) => i.shown.join() === "–,–")).toBe(true);
  });
});

describe("a campaign's year", () => {
  it("refuses a future year with a field error and stores nothing", async () => {
    const norr = await unitId("Barn och unga Norr");
    const before = (await db().select({ n: sql<number>`count(*)::int` }).from(surveyCampaigns))[0]?.n;
    const future = await createCampaign({
      name: "Föräldraenkät framtid",
      instrumentKey: INSTRUMENT,
      opensOn: `${LAST_YEAR}-03-01`,
      closesOn: `${LAST_YEAR}-03-31`,
      year: String(THIS_YEAR + 1),
      unitIds: [norr],
    });
    expect(future.res.statusCode).toBe(400);
    expect(future.res.body).toContain("Året kan inte ligga i framtiden");
    expect(future.res.body).toContain('href="#f-year"');
    // Derived from the first day: a campaign opening next year is about next year, refused at the first day.
    const opensNextYear = await apiCall(t.app, "POST", "/api/v1/survey-campaigns", token, {
      name: "Föräldraenkät nästa år",
      instrumentKey: INSTRUMENT,
      opensOn: `${THIS_YEAR + 1}-02-01`,
      closesOn: `${THIS_YEAR + 1}-02-28`,
      unitIds: [norr],
    });
    expect(opensNextYear.statusCode).toBe(400);
    expect(opensNextYear.json().errors).toEqual([
      { field: "opensOn", message: expect.stringContaining("Året kan inte ligga i framtiden") },
    ]);
    const notAYear = await apiCall(t.app, "POST", "/api/v1/survey-campaigns", token, {
      name: "Föräldraenkät",
      instrumentKey: INSTRUMENT,
      opensOn: `${LAST_YEAR}-02-01`,
      closesOn: `${LAST_YEAR}-02-28`,
      year: "förra året",
      unitIds: [norr],
    });
    expect(notAYear.statusCode).toBe(400);
    expect(notAYear.json().errors[0]).toMatchObject({ field: "year" });
    expect((await db().select({ n: sql<number>`count(*)::int` }).from(surveyCampaigns))[0]?.n).toBe(before);
  });
});

describe("last year's campaign on paper against this year's", () => {
  let past = "";
  let current = "";

  it("creates a campaign about last year (its period passed) and enters six paper forms", async () => {
    const created = await createCampaign({
      name: `Föräldraenkät ${LAST_YEAR}`,
      instrumentKey: INSTRUMENT,
      opensOn: `${LAST_YEAR}-03-01`,
      closesOn: `${LAST_YEAR}-03-31`,
      unitIds: [await unitId("Barn och unga Norr")],
    });
    expect(created.res.statusCode).toBe(303);
    past = created.id;
    const page = await get(t.app, leader, `/enkater/kampanjer/${past}`);
    expect(page.body).toContain(`${LAST_YEAR} (i efterhand`);
    expect(page.body).toContain("inga länkar skickas");
    expect(page.body).not.toContain("Skicka länkar");

    // Hand-counted. Q1: 4 3 3 2 4 2 (mean 18/6 = 3,00). Q2: 4 4 3 3, "don't know", blank (4 on the
    // scale: fewer than 5, hidden). Q3: 1 2 2 3 4 4 (16/6 = 2,67).
    const forms: Array<Record<string, string>> = [
      { [Q1]: "4", [Q2]: "4", [Q3]: "1" },
      { [Q1]: "3", [Q2]: "4", [Q3]: "2" },
      { [Q1]: "3", [Q2]: "3", [Q3]: "2" },
      { [Q1]: "2", [Q2]: "3", [Q3]: "3" },
      { [Q1]: "4", [Q2]: "dont_know", [Q3]: "4" },
      { [Q1]: "2", [Q2]: "", [Q3]: "4" },
    ];
    for (const f of forms) {
      const res = await paper(past, f);
      expect(res.statusCode, res.body.slice(0, 800)).toBe(303);
    }
    const stored = await responsesOf(past);
    expect(stored).toHaveLength(6);
    expect(stored.every((r) => r.mode === "paper" && r.respondentRole === "parent" && r.complete && r.recordedBy !== null)).toBe(true);
    expect(stored.every((r) => r.meetingId === null && r.processId === null)).toBe(true);
    const after = await get(t.app, leader, `/enkater/kampanjer/${past}`);
    expect(after.body).toMatch(/Har svarat<\/dt>\s*<dd>6<\/dd>/);
  });

  it("refuses a paper form without answers, with a value off the scale, and stores a double post once", async () => {
    const empty = await paper(past, { [Q1]: "", [Q2]: "" });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain("Markera svaret på minst en fråga");
    const off = await paper(past, { [Q1]: "7" });
    expect(off.statusCode).toBe(400);
    expect(off.body).toContain(`href="#f-answers-${Q1}"`);

    const form = await get(t.app, leader, `/enkater/kampanjer/${past}/papper`);
    const key = /name="submissionKey" value="([0-9a-f-]{36})"/.exec(form.body)?.[1] ?? "";
    const body = { submissionKey: key, [`answers.${Q1}`]: "4" };
    const first = await postForm(t.app, leader, `/enkater/kampanjer/${past}/papper`, body);
    const again = await postForm(t.app, leader, `/enkater/kampanjer/${past}/papper`, body);
    expect(first.headers.location).toContain("nytt=1");
    expect(again.headers.location).toContain("nytt=0");
    expect(await responsesOf(past)).toHaveLength(7);
    // That seventh form is taken out again: the fixture below counts six.
    const seventh = (await responsesOf(past)).find((r) => r.submissionKey === key);
    await db()
      .delete(surveyAnswers)
      .where(eq(surveyAnswers.responseId, seventh?.id ?? ""));
    await db()
      .delete(surveyResponses)
      .where(eq(surveyResponses.id, seventh?.id ?? ""));
  });

  it("enters this year's five forms through the API and compares the two years with hand-counted means", async () => {
    const created = await apiCall(t.app, "POST", "/api/v1/survey-campaigns", token, {
      name: `Föräldraenkät ${THIS_YEAR}`,
      instrumentKey: INSTRUMENT,
      opensOn: `${THIS_YEAR}-01-10`,
      closesOn: `${THIS_YEAR}-01-31`,
      unitIds: [await unitId("Barn och unga Norr")],
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ year: THIS_YEAR, retrospective: false, status: "closed" });
    current = created.json().id;
    // Q1: 4 4 4 3 3 (18/5 = 3,60). Q2: 4 4 4 4 3 (19/5 = 3,80). Q3: 2 2 3 3 3 (13/5 = 2,60).
    const rows = [
      [4, 4, 2],
      [4, 4, 2],
      [4, 4, 3],
      [3, 4, 3],
      [3, 3, 3],
    ];
    for (const [a, b, c] of rows) {
      const res = await apiCall(t.app, "POST", `/api/v1/survey-campaigns/${current}/paper-responses`, token, {
        submissionKey: crypto.randomUUID(),
        answers: [
          { itemKey: Q1, value: a, dontKnow: false },
          { itemKey: Q2, value: b, dontKnow: false },
          { itemKey: Q3, value: c, dontKnow: false },
        ],
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const bad = await apiCall(t.app, "POST", `/api/v1/survey-campaigns/${current}/paper-responses`, token, {
      submissionKey: crypto.randomUUID(),
      answers: [{ itemKey: "finns-inte", value: 2, dontKnow: false }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers["content-type"]).toContain("application/problem+json");
    expect(await responsesOf(current)).toHaveLength(5);

    // Default: the latest two years with campaigns.
    const res = await apiCall(t.app, "GET", `/api/v1/survey-year-comparison?instrument=${INSTRUMENT}`, token);
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json();
    expect(c.years).toEqual([
      { year: LAST_YEAR, n: 6, suppressed: false },
      { year: THIS_YEAR, n: 5, suppressed: false },
    ]);
    const item = (key: string) => c.items.find((i: { key: string }) => i.key === key);
    expect(item(Q1).means).toEqual([3, 3.6]);
    expect(item(Q1).shown).toEqual(["3,00", "3,60"]);
    expect(item(Q1).change).toBe("+0,60");
    expect(item(Q2)).toMatchObject({ means: [null, 3.8], shown: ["..", "3,80"], change: null });
    expect(item(Q3).means[0]).toBeCloseTo(16 / 6, 10);
    expect(item(Q3).shown).toEqual(["2,67", "2,60"]);
    expect(item(Q3).change).toBe("−0,07");

    // The page: two selects, the latest two by default, hidden values marked.
    const page = await get(t.app, leader, "/enkater/ar-mot-ar");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`<option value="${LAST_YEAR}" selected`);
    expect(page.body).toContain(".. (för få)");
    expect(page.body).toContain("3,60");
    expect(page.body).toContain("+0,60");
  });

  it("compares any two years, hides a year with fewer than five respondents, refuses a year that is not one", async () => {
    // Three years ago: three respondents, imported below in the import test; here a campaign with three paper forms.
    const created = await createCampaign({
      name: `Föräldraenkät ${THIS_YEAR - 3}`,
      instrumentKey: INSTRUMENT,
      opensOn: `${THIS_YEAR - 3}-05-01`,
      closesOn: `${THIS_YEAR - 3}-05-31`,
      unitIds: [await unitId("Barn och unga Syd")],
    });
    for (const v of ["1", "2", "3"]) expect((await paper(created.id, { [Q1]: v })).statusCode).toBe(303);
    const res = await apiCall(
      t.app,
      "GET",
      `/api/v1/survey-year-comparison?instrument=${INSTRUMENT}&first=${THIS_YEAR - 3}&second=${THIS_YEAR}`,
      token,
    );
    const c = res.json();
    expect(c.years).toEqual([
      { year: THIS_YEAR - 3, n: null, suppressed: true },
      { year: THIS_YEAR, n: 5, suppressed: false },
    ]);
    expect(c.items[0]).toMatchObject({ means: [null, 3.6], shown: ["..", "3,60"], change: null });

    // The service the report uses, from the surveys' front door: the same figures, with the precision given.
    const ctx = await contextOf(t, "processledare");
    const fromService = await compareCampaignYears(ctx, { instrument: INSTRUMENT, first: LAST_YEAR, second: THIS_YEAR }, "sv", {
      shareDecimals: 0,
      meanDecimals: 1,
    });
    expect(fromService.years.map((y) => y.n)).toEqual([6, 5]);
    expect(fromService.items.map((i) => i.shown)).toEqual([
      ["3,0", "3,6"],
      ["..", "3,8"],
      ["2,7", "2,6"],
    ]);
    // Rounded means' difference: 2,6 − 2,7.
    expect(fromService.items[2]?.change).toBe("−0,1");

    const page = await get(t.app, leader, `/enkater/ar-mot-ar?instrument=${INSTRUMENT}&first=${THIS_YEAR - 3}&second=${LAST_YEAR}`);
    expect(page.body).toContain(`<option value="${THIS_YEAR - 3}" selected`);
    const refused = await get(t.app, leader, `/enkater/ar-mot-ar?first=tjugo`);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain("Välj ett år med fyra siffror");
    const audits = await db().select().from(auditLog).where(eq(auditLog.action, "survey_campaign.compare"));
    expect(audits.length).toBeGreaterThanOrEqual(3);
  });
});

describe("import of a campaign's answers", () => {
  let id = "";
  beforeAll(async () => {
    const created = await createCampaign({
      name: `Föräldraenkät ${THIS_YEAR - 2}`,
      instrumentKey: INSTRUMENT,
      opensOn: `${THIS_YEAR - 2}-04-01`,
      closesOn: `${THIS_YEAR - 2}-04-30`,
      unitIds: [await unitId("Barn och unga Norr")],
    });
    id = created.id;
  });

  it("reads headers by number, by key and as Fråga N, and every bad cell of every row", () => {
    const read = readAnswers(parentAnnual, [
      ["Fråga 1", "2", Q3],
      ["4", "3", "vet inte"],
      ["5", "3", "2"],
      ["", "", ""],
      ["x", "0", "4"],
    ]);
    expect(read.errors).toEqual([
      { row: 3, column: "Fråga 1", reason: "campaigns.import.outsideScale", params: { value: "5", min: 1, max: 4 } },
      { row: 5, column: "Fråga 1", reason: "campaigns.import.notAValue", params: { value: "x", min: 1, max: 4 } },
      { row: 5, column: "2", reason: "campaigns.import.outsideScale", params: { value: "0", min: 1, max: 4 } },
    ]);
    expect(read.rows).toBe(0);
    const good = readAnswers(parentAnnual, [
      ["1", "2", "3"],
      ["4", "", "vet inte"],
    ]);
    expect(good).toMatchObject({ rows: 1, errors: [], data: "4,,v" });
    expect(
      readAnswers(parentAnnual, [
        ["namn", "1"],
        ["Anna", "3"],
      ]).errors,
    ).toEqual([{ row: 1, column: "namn", reason: "campaigns.import.unknownColumn" }]);
  });

  it("imports nothing when one row is bad and lists every bad row (API, CSV), then previews and imports the corrected file", async () => {
    const csv = `Fråga 1;Fråga 2;Fråga 3\r\n4;4;3\r\n3;7;2\r\n2;3;4\r\nbra;3;vet inte\r\n`;
    const refused = await upload(`/api/v1/survey-campaigns/${id}/imports`, { name: "svar.csv", data: Buffer.from(csv) }, { token });
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.headers["content-type"]).toContain("application/problem+json");
    const body = refused.json();
    expect(body.title).toBe("2 rader har fel; ingenting importerades");
    expect(body.rows).toEqual([
      { row: 3, column: "Fråga 2", columnName: "Fråga 2", reason: "7 finns inte på skalan 1–4" },
      {
        row: 5,
        column: "Fråga 1",
        columnName: "Fråga 1",
        reason: "”bra” är inget svar: skriv ett värde från 1 till 4, ”vet inte” eller lämna tomt",
      },
    ]);
    expect(body.errors[0]).toEqual({ field: "rows.3.Fråga 2", message: "Rad 3, kolumn Fråga 2: 7 finns inte på skalan 1–4" });
    expect(await responsesOf(id)).toHaveLength(0);

    const fixed = csv.replace("3;7;2", "3;1;2").replace("bra;3", "1;3");
    const dry = await upload(
      `/api/v1/survey-campaigns/${id}/imports?dryRun=true`,
      { name: "svar.csv", data: Buffer.from(fixed) },
      { token },
    );
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toEqual({ dryRun: true, rows: 4 });
    expect(await responsesOf(id)).toHaveLength(0);
    const done = await upload(`/api/v1/survey-campaigns/${id}/imports`, { name: "svar.csv", data: Buffer.from(fixed) }, { token });
    expect(done.statusCode, done.body).toBe(201);
    expect(done.json()).toEqual({ dryRun: false, rows: 4, imported: 4 });
    const stored = await responsesOf(id);
    expect(stored).toHaveLength(4);
    expect(stored.every((r) => r.mode === "paper" && r.respondentRole === "parent")).toBe(true);
    const answers = await db()
      .select({ itemKey: surveyAnswers.itemKey, value: surveyAnswers.value, dontKnow: surveyAnswers.dontKnow })
      .from(surveyAnswers)
      .where(
        inArray(
          surveyAnswers.responseId,
          stored.map((r) => r.id),
        ),
      );
    // Q1 4 3 2 1; Q2 4 1 3 3; Q3 3 2 4 and one "don't know".
    expect(
      answers
        .filter((a) => a.itemKey === Q1)
        .map((a) => a.value)
        .sort(),
    ).toEqual([1, 2, 3, 4]);
    expect(answers.filter((a) => a.itemKey === Q3 && a.dontKnow)).toHaveLength(1);
    const [audit] = await db().select().from(auditLog).where(eq(auditLog.action, "survey_campaign.import"));
    expect(audit?.detail).toMatchObject({ responses: 4 });
  });

  it("refuses a file over the size or row limit before reading it, and an empty upload", async () => {
    const big = Buffer.alloc(2 * 1024 * 1024 + 10, "1");
    const tooBig = await upload(`/api/v1/survey-campaigns/${id}/imports`, { name: "stor.csv", data: big }, { token });
    expect(tooBig.statusCode).toBe(400);
    expect(tooBig.json().errors[0].message).toBe("Filen är större än 2 MB");
    const many = `1;2;3\n${"4;4;4\n".repeat(2001)}`;
    const tooMany = await upload(`/api/v1/survey-campaigns/${id}/imports`, { name: "manga.csv", data: Buffer.from(many) }, { token });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().errors[0].message).toContain("fler än 2 000 rader");
    expect(await responsesOf(id)).toHaveLength(4);
  });

  it("on the page: an XLSX file is previewed, confirmed once, and a second confirmation stores nothing new", async () => {
    const workbook = await newWorkbook();
    const sheet = workbook.addWorksheet("Svar");
    sheet.addRow([Q1, Q2, Q3]);
    sheet.addRow([2, 2, 2]);
    sheet.addRow([3, "vet inte", null]);
    const data = Buffer.from(await workbook.xlsx.writeBuffer());
    const preview = await upload(`/enkater/kampanjer/${id}/import`, { name: "svar.xlsx", data }, { browser: leader });
    expect(preview.statusCode, preview.body.slice(0, 500)).toBe(200);
    expect(preview.body).toContain("Filen har 2 svarande utan fel");
    const dataField = /name="data" value="([^"]*)"/.exec(preview.body)?.[1] ?? "";
    const importKey = /name="importKey" value="([0-9a-f-]{36})"/.exec(preview.body)?.[1] ?? "";
    expect(dataField).toBe("2,2,2\n3,v,");
    expect(await responsesOf(id)).toHaveLength(4);
    const confirm = await postForm(t.app, leader, `/enkater/kampanjer/${id}/import/bekrafta`, { data: "2,2,2\n3,v,", importKey });
    expect(confirm.statusCode).toBe(303);
    expect(confirm.headers.location).toContain("klart=importerat&antal=2");
    const again = await postForm(t.app, leader, `/enkater/kampanjer/${id}/import/bekrafta`, { data: "2,2,2\n3,v,", importKey });
    expect(again.headers.location).toContain("antal=0&redan=2");
    expect(await responsesOf(id)).toHaveLength(6);
    const forged = await postForm(t.app, leader, `/enkater/kampanjer/${id}/import/bekrafta`, {
      data: "9,9,9",
      importKey: crypto.randomUUID(),
    });
    expect(forged.statusCode).toBe(400);
    expect(forged.body).toContain("Förhandsgranskningen går inte att läsa");
    expect(await responsesOf(id)).toHaveLength(6);

    const bad = await upload(
      `/enkater/kampanjer/${id}/import`,
      { name: "fel.csv", data: Buffer.from("1;2;3\n5;1;1\n1;1;9\n") },
      { browser: leader },
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("2 rader har fel");
    expect(bad.body).toContain("5 finns inte på skalan 1–4");
    expect(bad.body).toContain("9 finns inte på skalan 1–4");
    expect(bad.body).not.toContain('name="importKey"');
  });
});

describe("printed answer codes without a mail server", () => {
  it("prints one sheet per code for a staff campaign, each answered once at the public page", async () => {
    const created = await createCampaign({
      name: `Medarbetarenkät ${THIS_YEAR}`,
      instrumentKey: "arlig-medarbetarenkat",
      opensOn: today,
      closesOn: today,
      unitIds: [await unitId("Barn och unga Norr")],
    });
    expect(created.res.statusCode).toBe(303);
    const page = await get(t.app, leader, `/enkater/kampanjer/${created.id}`);
    expect(page.body).toContain("E-post är inte inställd");
    expect(page.body).toContain("Utan e-post: skriv ut ett blad per svarskod");
    const printed = await postForm(t.app, leader, `/enkater/kampanjer/${created.id}/utskrift`, { count: "3" });
    expect(printed.statusCode).toBe(200);
    expect(printed.headers["cache-control"]).toBe("no-store");
    const codes = [...printed.body.matchAll(/<strong>([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2})<\/strong>/g)].map((m) => m[1] ?? "");
    expect(codes).toHaveLength(3);
    expect(new Set(codes).size).toBe(3);
    expect(printed.body).toContain("sofia-handout--sheets");
    // Only the hashes are stored.
    const invitations = await db().select().from(surveyInvitations).where(eq(surveyInvitations.campaignId, created.id));
    expect(invitations).toHaveLength(3);
    expect(invitations.every((i) => i.respondentRole === "staff" && i.personId === null)).toBe(true);
    for (const c of codes) expect(JSON.stringify(invitations)).not.toContain(c);

    // A respondent types the code (in lower case, without dashes) and answers; the code then works no more.
    const typed = (codes[0] ?? "").replace(/-/g, "").toLowerCase();
    const form = await get(t.app, null, `/svar/${typed}`);
    expect(form.statusCode).toBe(200);
    const browser = await anonymous(t.app);
    const answered = await postForm(t.app, browser, `/svar/${typed}`, { "answers.gemensamt-samrad": "3" });
    expect(answered.statusCode, answered.body.slice(0, 500)).toBe(303);
    const again = await get(t.app, null, `/svar/${codes[0]}`);
    expect(again.statusCode).toBe(410);
    const stored = await responsesOf(created.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ mode: "link", respondentRole: "staff", complete: true });
    const used = await db()
      .select()
      .from(surveyInvitations)
      .where(and(eq(surveyInvitations.campaignId, created.id), isNotNull(surveyInvitations.usedAt)));
    expect(used).toHaveLength(1);
    const after = await get(t.app, leader, `/enkater/kampanjer/${created.id}`);
    expect(after.body).toMatch(/Har svarat<\/dt>\s*<dd>1<\/dd>/);
  });
});
