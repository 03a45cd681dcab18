/**
 * The research export against a real PostgreSQL with the demo data: the file holds no name, identity
 * number, birth date, free text or staff identity read from the database; two exports share no
 * pseudonym; exact dates only with the option; counts as direct SQL counts them; the purpose is
 * required (field error, nothing logged); a caseworker is refused; the log and audit rows; the API.
 */
import { and, eq, sql } from "drizzle-orm";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiCall, apiToken, type Browser, createTestApp, get, login, postForm, type TestApp, testClock } from "../../test/helpers.ts";
import { auditLog, researchExports, surveyAnswers, surveyResponses } from "../db/schema/index.ts";
import { openIdentityNumber } from "../platform/identity-crypto.ts";

import { CODEBOOK_NAME, CSV_NAME } from "./service.ts";

let t: TestApp;
let leader: Browser;
let token = "";
const db = () => t.database.db;
const today = testClock().today();
const period = { from: "2000-01-01", to: today };
const purpose = "Utvärdering av Sofiamodellen för Uppsala universitet, dnr UU 2026/123";

async function texts(query: ReturnType<typeof sql>): Promise<string[]> {
  const rows = (await db().execute(query)).rows as Array<{ v: string | null }>;
  return rows.map((r) => r.v).filter((v): v is string => typeof v === "string" && v.trim() !== "");
}
/** Every stored identity number, decrypted (decision 0061). */
const identityNumbers = async () =>
  (await texts(sql`select identity_number_sealed as v from request_persons`)).map((v) => openIdentityNumber(v) ?? "");
const count = async (query: ReturnType<typeof sql>) => Number(((await db().execute(query)).rows[0] as { n: number }).n);
const exportRows = () => count(sql`select count(*)::int as n from research_exports`);
const auditRows = () => count(sql`select count(*)::int as n from audit_log where action = 'research.export'`);

interface Unzipped {
  csv: string;
  codebook: string;
  rows: string[][];
}

async function unzip(body: Buffer): Promise<Unzipped> {
  const zip = await JSZip.loadAsync(body);
  expect(Object.keys(zip.files).sort()).toEqual([CODEBOOK_NAME, CSV_NAME].sort());
  const csv = (await zip.file(CSV_NAME)?.async("string")) ?? "";
  const codebook = (await zip.file(CODEBOOK_NAME)?.async("string")) ?? "";
  const lines = csv
    .replace(/^\uFEFF/, "")
    .split("\r\n")
    .filter(Boolean);
  expect(lines[0]).toBe("familj;person;svar;variabel;varde");
  return { csv, codebook, rows: lines.slice(1).map((l) => l.split(";")) };
}

async function download(fields: Record<string, string>) {
  const res = await postForm(t.app, leader, "/forskningsuttag", { step: "download", ...fields });
  expect(res.statusCode).toBe(200);
  expect(res.headers["content-type"]).toBe("application/zip");
  expect(res.headers["cache-control"]).toBe("no-store");
  expect(String(res.headers["content-disposition"])).toMatch(/^attachment; filename="forskningsuttag-\d{4}-\d{2}-\d{2}\.zip"$/);
  return unzip(res.rawPayload);
}

const pseudonymsOf = (rows: string[][]) => new Set(rows.flatMap((r) => [r[0], r[1], r[2]]).filter((x): x is string => !!x && x !== "-"));

let first: Unzipped;

/** The demo has no survey answers linked to a process: one parent's answer to the first instrument, one item "don't know". */
async function linkedSurveyResponse() {
  const [version] = (await db().execute(sql`select v.id, v.content from survey_instrument_versions v order by v.id limit 1`))
    .rows as Array<{
    id: string;
    content: { items: Array<{ key: string }>; scale: { allowDontKnow: boolean } };
  }>;
  const [process] = (await db().execute(sql`select p.id, p.municipality_id from processes p order by p.id limit 1`)).rows as Array<{
    id: string;
    municipality_id: string;
  }>;
  if (!version || !process) throw new Error("demo data without instrument or process");
  const [response] = await db()
    .insert(surveyResponses)
    .values({
      municipalityId: process.municipality_id,
      instrumentVersionId: version.id,
      processId: process.id,
      respondentRole: "parent_with_problem",
      mode: "link",
      submissionKey: crypto.randomUUID(),
      complete: true,
      periodOn: "2025-06-01",
    })
    .returning({ id: surveyResponses.id });
  const items = version.content.items.slice(0, 2);
  await db()
    .insert(surveyAnswers)
    .values(
      items.map((item, i) => ({
        responseId: response?.id ?? "",
        itemKey: item.key,
        value: i === 0 ? 3 : null,
        dontKnow: i !== 0,
      })),
    );
}

beforeAll(async () => {
  t = await createTestApp();
  leader = await login(t.app, "processledare");
  token = await apiToken(t, "processledare", ["research.export"]);
  await linkedSurveyResponse();
  first = await download({ purpose, ...period, caseTypeAndHousehold: "on" });
});

afterAll(async () => {
  await t?.close();
});

describe("the export's content", () => {
  it("contains no name, identity number, birth date, free text or staff identity from the database", async () => {
    const forbidden = [
      ...(await texts(sql`select name as v from request_persons`)),
      ...(await identityNumbers()),
      ...(await identityNumbers()).map((n) => n.slice(2)),
      ...(await texts(sql`select birth_date::text as v from request_persons`)),
      ...(await texts(sql`select reason as v from requests`)),
      ...(await texts(sql`select custody_holder as v from requests`)),
      ...(await texts(sql`select stop_reason_text as v from requests`)),
      ...(await texts(sql`select outcome_text as v from meetings`)),
      ...(await texts(sql`select place as v from meetings`)),
      ...(await texts(sql`select child_views as v from meetings`)),
      ...(await texts(sql`select e.value as v from meetings m, jsonb_each_text(coalesce(m.summary, '{}'::jsonb)) e`)),
      ...(await texts(sql`select reason_text as v from process_interruptions`)),
      ...(await texts(sql`select kind_text as v from support_measures`)),
      ...(await texts(sql`select note as v from support_measures`)),
      ...(await texts(sql`select note as v from consultations`)),
      ...(await texts(sql`select note as v from safety_ratings`)),
      ...(await texts(sql`select e.value as v from child_impact_analyses c, jsonb_each_text(c.sections) e`)),
      ...(await texts(sql`select display_name as v from users`)),
      ...(await texts(sql`select username as v from users`)),
    ].filter((s) => s.trim().length >= 4);
    expect(forbidden.length).toBeGreaterThan(200);
    const found = [...new Set(forbidden)].filter((s) => first.csv.includes(s) || first.codebook.includes(s));
    expect(found).toEqual([]);
    // Every first and last name as a word of the file (the codebook's fixed text names the app "Sofia").
    const parts = [...new Set(await texts(sql`select unnest(string_to_array(name, ' ')) as v from request_persons`))];
    expect(parts.length).toBeGreaterThan(20);
    const word = (s: string) => new RegExp(`(?<![\\p{L}\\p{N}])${s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\p{L}\\p{N}])`, "u");
    expect(word(parts[0] ?? "").test(`F-abc;-;-;x;${parts[0]}\r\n`)).toBe(true);
    expect(parts.filter((s) => word(s).test(first.csv))).toEqual([]);
    // Default: no exact date anywhere in the file.
    expect(first.csv).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it("counts families, persons, responses and rows as direct SQL does", async () => {
    const inPeriod = sql`r.municipality_id = (select id from municipalities limit 1) and r.request_date between ${period.from}::date and ${period.to}::date`;
    expect(await count(sql`select count(distinct municipality_id)::int as n from requests`)).toBe(1);
    const families = await count(sql`select count(*)::int as n from requests r where ${inPeriod}`);
    const persons = await count(
      sql`select count(*)::int as n from request_persons p join requests r on r.id = p.request_id where ${inPeriod}`,
    );
    const children = await count(
      sql`select count(*)::int as n from request_persons p join requests r on r.id = p.request_id where ${inPeriod} and p.kind = 'child'`,
    );
    const responses = await count(sql`select count(distinct s.id)::int as n from survey_responses s
      join survey_answers a on a.response_id = s.id join processes p on p.id = s.process_id join requests r on r.id = p.request_id where ${inPeriod}`);
    const held = await count(sql`select count(*)::int as n from meetings m join processes p on p.id = m.process_id
      join requests r on r.id = p.request_id where ${inPeriod} and m.status = 'held'`);
    const completed = await count(sql`select count(*)::int as n from processes p join requests r on r.id = p.request_id
      where ${inPeriod} and p.completed_on is not null`);
    expect(families).toBeGreaterThan(30);
    expect(responses).toBeGreaterThan(0);

    const rows = first.rows;
    expect(new Set(rows.map((r) => r[0])).size).toBe(families);
    expect(new Set(rows.filter((r) => r[1] !== "-").map((r) => r[1])).size).toBe(persons);
    expect(rows.filter((r) => r[3] === "role" && r[4] === "child").length).toBe(children);
    // Children and guardians both carry their gender when it is recorded.
    expect(rows.filter((r) => r[3] === "gender").length).toBe(
      await count(
        sql`select count(*)::int as n from request_persons p join requests r on r.id = p.request_id where ${inPeriod} and p.gender is not null`,
      ),
    );
    expect(rows.some((r) => r[3] === "gender" && (r[4] === "woman" || r[4] === "man"))).toBe(true);
    expect(new Set(rows.filter((r) => r[2] !== "-").map((r) => r[2])).size).toBe(responses);
    expect(rows.filter((r) => r[3] === "respondent_role").length).toBe(responses);
    const answers = rows.filter((r) => r[2] !== "-" && r[3]?.startsWith("survey."));
    // Every answer of the period's families' responses, "don't know" as such; the test's own response among them.
    expect(answers.length).toBe(
      await count(sql`select count(*)::int as n from survey_answers a join survey_responses s on s.id = a.response_id
        join processes p on p.id = s.process_id join requests r on r.id = p.request_id where ${inPeriod}`),
    );
    expect(answers.filter((r) => r[4] === "dont_know").length).toBe(
      await count(sql`select count(*)::int as n from survey_answers a join survey_responses s on s.id = a.response_id
        join processes p on p.id = s.process_id join requests r on r.id = p.request_id where ${inPeriod} and a.dont_know`),
    );
    expect(answers.map((r) => r[4])).toEqual(expect.arrayContaining(["3", "dont_know"]));
    expect(rows.filter((r) => r[3]?.startsWith("meetings_held.")).reduce((sum, r) => sum + Number(r[4]), 0)).toBe(held);
    expect(rows.filter((r) => r[3] === "days_request_to_completion").length).toBe(completed);
    // A survey answer never carries a person's pseudonym.
    expect(rows.filter((r) => r[2] !== "-" && r[1] !== "-")).toEqual([]);
    expect(rows.filter((r) => r[3] === "case_type").length).toBe(
      await count(sql`select count(*)::int as n from requests r where ${inPeriod} and r.case_type is not null`),
    );

    const [logged] = await db().select().from(researchExports).where(eq(researchExports.purpose, purpose));
    expect(logged?.rowCount).toBe(rows.length);
    expect(first.codebook).toContain(`Antal rader: ${rows.length}`);
    expect(first.codebook).toContain(`Antal familjer: ${families}`);
  });

  it("has a codebook entry for every variable in the file", () => {
    const names = new Set(first.rows.map((r) => r[3]));
    expect(names.size).toBeGreaterThan(15);
    for (const name of names) expect(first.codebook, name).toContain(`### ${name}\n`);
    expect(first.codebook).toContain(purpose);
    expect(first.codebook).toContain(`${period.from}–${period.to}`);
  });

  it("makes new pseudonyms in every export, and exact dates only with the option", async () => {
    const second = await download({ purpose, ...period, exactDates: "on" });
    const a = pseudonymsOf(first.rows);
    const b = pseudonymsOf(second.rows);
    expect(a.size).toBeGreaterThan(100);
    expect([...a].filter((p) => b.has(p))).toEqual([]);
    // Exact request dates from the database appear; case type and household do not (not ticked).
    const dates = await texts(sql`select request_date::text as v from requests`);
    const exported = new Set(second.rows.filter((r) => r[3] === "request_date").map((r) => r[4]));
    expect(dates.length).toBeGreaterThan(0);
    for (const d of dates) expect(exported).toContain(d);
    expect(second.rows.some((r) => r[3] === "case_type" || r[3] === "household")).toBe(false);
    expect(second.codebook).not.toContain("### case_type");
  });
});

describe("the form and the log", () => {
  it("shows the form, the confirmation with the counts (nothing logged) and the log", async () => {
    const page = await get(t.app, leader, "/forskningsuttag");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Forskningsuttag");
    expect(page.body).toContain(purpose);

    const before = [await exportRows(), await auditRows()];
    const review = await postForm(t.app, leader, "/forskningsuttag", { step: "review", purpose, ...period, caseTypeAndHousehold: "on" });
    expect(review.statusCode).toBe(200);
    const families = await count(sql`select count(*)::int as n from requests`);
    expect(review.body.replace(/[\u00a0\u202f]/g, " ")).toContain(`<dd>${families}</dd>`);
    expect(review.body).toContain('value="download"');
    expect([await exportRows(), await auditRows()]).toEqual(before);

    const change = await postForm(t.app, leader, "/forskningsuttag", { step: "change", purpose, ...period });
    expect(change.statusCode).toBe(200);
    expect(change.body).toContain(purpose);
  });

  it("requires a purpose: a field-linked error and nothing logged", async () => {
    const before = [await exportRows(), await auditRows()];
    for (const step of ["review", "download"]) {
      const res = await postForm(t.app, leader, "/forskningsuttag", { step, purpose: " ", ...period });
      expect(res.statusCode).toBe(400);
      expect(res.headers["content-type"]).toContain("text/html");
      expect(res.body).toContain('href="#f-purpose"');
      expect(res.body).toContain("Ange syftet med uttaget.");
    }
    const short = await postForm(t.app, leader, "/forskningsuttag", { step: "download", purpose: "kort", ...period });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain("minst 10 tecken");
    const order = await postForm(t.app, leader, "/forskningsuttag", { step: "download", purpose, from: "2026-01-01", to: "2025-01-01" });
    expect(order.statusCode).toBe(400);
    expect(order.body).toContain('href="#f-to"');
    expect([await exportRows(), await auditRows()]).toEqual(before);
  });

  it("reads the period as Swedes type it (1/1 2000, 20/12 2026) and reviews it as ÅÅÅÅ-MM-DD; an unreadable date is a field error", async () => {
    const before = [await exportRows(), await auditRows()];
    const review = await postForm(t.app, leader, "/forskningsuttag", { step: "review", purpose, from: "1/1 2000", to: "20/12 2026" });
    expect(review.statusCode, review.body.slice(0, 1000)).toBe(200);
    expect(review.body).toContain('<input type="hidden" name="from" value="2000-01-01"/>');
    expect(review.body).toContain('<input type="hidden" name="to" value="2026-12-20"/>');
    const bad = await postForm(t.app, leader, "/forskningsuttag", { step: "review", purpose, from: "1/1 2000", to: "20/12" });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#f-to"');
    expect(bad.body).toContain("Du skrev ”20/12”. Ange ett datum som finns");
    expect([await exportRows(), await auditRows()]).toEqual(before);
  });

  it("refuses a caseworker, on the page and over the API", async () => {
    const caseworker = await login(t.app, "barnhandlaggare");
    expect((await get(t.app, caseworker, "/forskningsuttag")).statusCode).toBe(403);
    const before = [await exportRows(), await auditRows()];
    const res = await postForm(t.app, caseworker, "/forskningsuttag", { step: "download", purpose, ...period });
    expect(res.statusCode).toBe(403);
    const cwToken = await apiToken(t, "barnhandlaggare", ["research.export"]);
    expect((await apiCall(t.app, "POST", "/api/v1/research-exports", cwToken, { purpose, ...period })).statusCode).toBe(403);
    expect([await exportRows(), await auditRows()]).toEqual(before);
  });

  it("logs each export in research_exports and the audit log, with purpose, period, options and rows, never a person", async () => {
    const [row] = await db().select().from(researchExports).where(eq(researchExports.purpose, purpose)).limit(1);
    expect(row?.options).toMatchObject({ ...period, exactDates: false, caseTypeAndHousehold: true });
    const [entry] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "research.export"), eq(auditLog.recordId, row?.id ?? "")));
    expect(entry).toMatchObject({ actorUsername: "processledare", recordType: "research_export", subjectPersonId: null });
    expect(entry?.detail).toMatchObject({ purpose, ...period, exactDates: false, caseTypeAndHousehold: true, rowCount: row?.rowCount });
    const ids = await identityNumbers();
    const detail = JSON.stringify(entry?.detail);
    expect(ids.filter((id) => detail.includes(id))).toEqual([]);
    expect(await exportRows()).toBe(await auditRows());
  });
});

describe("the API", () => {
  it("makes an export as a ZIP and lists the log", async () => {
    const before = await exportRows();
    const res = await apiCall(t.app, "POST", "/api/v1/research-exports", token, { purpose: "API-uttag för utvärdering", ...period });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/zip");
    const out = await unzip(res.rawPayload);
    expect(out.rows.some((r) => r[3] === "case_type")).toBe(true);
    expect(out.codebook).toContain("API-uttag för utvärdering");
    expect(await exportRows()).toBe(before + 1);

    const log = await apiCall(t.app, "GET", "/api/v1/research-exports", token);
    expect(log.statusCode).toBe(200);
    const body = log.json() as { exports: Array<{ purpose: string; createdBy: string; rowCount: number; from: string }> };
    expect(body.exports[0]).toMatchObject({ purpose: "API-uttag för utvärdering", rowCount: out.rows.length, from: period.from });
    expect(body.exports[0]?.createdBy).toBeTruthy();
  });

  it("refuses a missing purpose with problem+json and logs nothing", async () => {
    const before = [await exportRows(), await auditRows()];
    const res = await apiCall(t.app, "POST", "/api/v1/research-exports", token, { ...period });
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect((res.json() as { errors: Array<{ field: string }> }).errors.map((e) => e.field)).toContain("purpose");
    expect([await exportRows(), await auditRows()]).toEqual(before);
  });
});
