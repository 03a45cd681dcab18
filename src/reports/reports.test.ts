/**
 * Interim reports against a real PostgreSQL with the demo data: a report for the last year is
 * generated, the PDF's text (unpdf) and the Word file's document.xml (jszip) carry the figures
 * counted here with direct SQL; the PDF declares PDF/A-2b in its XMP; the versions are stored and
 * download again byte for byte; an empty period says "Inga uppgifter för perioden"; the form's
 * field errors and the stale version (409); a caseworker is refused; the audit rows.
 */

import { randomUUID } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiCall, apiToken, type Browser, createTestApp, get, login, postForm, type TestApp, testClock } from "../../test/helpers.ts";
import {
  auditLog,
  comparisonGroups,
  comparisonRecords,
  interimReports,
  interimReportVersions,
  surveyInstruments,
  surveyInstrumentVersions,
  surveyResponses,
  users,
} from "../db/schema/index.ts";
import { addDays } from "../platform/dates.ts";
import { contentSchema, type RespondentRole, recordResponse } from "../surveys/index.ts";

let t: TestApp;
let leader: Browser;
let token = "";
const db = () => t.database.db;
const today = testClock().today();
const from = addDays(today, -364);

const audits = (action: string) => db().select().from(auditLog).where(eq(auditLog.action, action)).orderBy(asc(auditLog.id));
const versionIn = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? "";
const squash = (s: string) => s.replace(/\s+/g, " ");

async function pdfText(pdf: Buffer): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
  return squash(text);
}

async function docxText(docx: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(docx);
  const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
  return squash(xml.replace(/<w:p[ >]/g, " $&").replace(/<[^>]+>/g, ""));
}

async function createReport(fields: Record<string, string>): Promise<string> {
  const res = await postForm(t.app, leader, "/rapporter/ny", {
    title: "Delrapport insats Sofia",
    periodFrom: from,
    periodTo: today,
    summary: "",
    model: "",
    discussion: "",
    nextSteps: "",
    ...fields,
  });
  expect(res.statusCode, res.body.slice(0, 1500)).toBe(303);
  return /\/rapporter\/([0-9a-f-]{36})\?klart=skapad$/.exec(res.headers.location as string)?.[1] ?? "";
}

async function generate(id: string) {
  const res = await postForm(t.app, leader, `/rapporter/${id}/versioner`, {});
  expect(res.statusCode, res.body.slice(0, 1500)).toBe(303);
}

async function download(id: string, n: number, format: "pdf" | "docx" | "xlsx" | "csv") {
  const res = await get(t.app, leader, `/rapporter/${id}/versioner/${n}.${format}`);
  expect(res.statusCode).toBe(200);
  return res;
}

beforeAll(async () => {
  t = await createTestApp();
  leader = await login(t.app, "processledare");
  token = await apiToken(t, "processledare", ["reports.view", "reports.manage"]);
});
afterAll(() => t.close());

describe("a report for the last year of demo data", () => {
  let id = "";
  let pdf: Buffer;
  let docx: Buffer;
  let text = "";
  let word = "";
  let expected = { requests: 0, continued: 0 };

  beforeAll(async () => {
    id = await createReport({
      summary: "Sammanfattningen med å, ä och ö.\n\nOch #tecken $ * _ [ ] \\ < @ som bara är text.",
      nextSteps: "Fortsätta i ordinarie verksamhet.",
    });
    await generate(id);
    const [m] = await db().select({ id: users.municipalityId }).from(users).where(eq(users.username, "processledare"));
    const where = sql`municipality_id = ${m?.id} and`;
    const [row] = (
      await db().execute(sql`select count(*)::int as requests, count(*) filter (where status = 'continued')::int as continued
        from requests where ${where} request_date between ${from}::date and ${today}::date`)
    ).rows as Array<{ requests: number; continued: number }>;
    expected = row ?? expected;
    pdf = (await download(id, 1, "pdf")).rawPayload;
    docx = (await download(id, 1, "docx")).rawPayload;
    text = await pdfText(pdf);
    word = await docxText(docx);
  });

  it("counts the requests and those that went on, as the database has them", () => {
    expect(expected.requests).toBeGreaterThanOrEqual(5);
    const sentence = `Under perioden togs förfrågningar om ${expected.requests} familjer upp på Sofiamöten. Av dem gick ${expected.continued} vidare till Sofiaprocessen.`;
    expect(text).toContain(sentence);
    expect(word).toContain(sentence);
  });

  it("has the sections, the written texts as text, and Swedish letters", () => {
    for (const heading of [
      "Sammanfattning",
      "Deltagare och ärendetyper",
      "Resultat mot effekt- och processmål",
      "Familjernas och barnens svar",
      "Medarbetarnas deltagande",
      "Implementeringsaktiviteter",
      "Budget och avvikelser",
      "Köns- och barnperspektiv",
      "Nästa steg",
    ]) {
      expect(text).toContain(heading);
      expect(word).toContain(heading);
    }
    expect(text).toContain("Sammanfattningen med å, ä och ö.");
    expect(text).toContain("Och #tecken $ * _ [ ] \\ < @ som bara är text.");
    expect(word).toContain("Fortsätta i ordinarie verksamhet.");
  });

  it("gives each wait's share over the municipality's limit from the same families as its median", async () => {
    const [stored] = await db().select().from(interimReportVersions).where(eq(interimReportVersions.reportId, id));
    type Row = { numerator: number | null; denominator: number | null; value: number | null; percent: number | null };
    type Stored = {
      figures: {
        indicators: {
          lines: Array<{ key: string; section?: string; display: string; group: string | null; current: Row }>;
          waitsOverLimit: Array<{ of: string[]; limitDays: number; current: Row }>;
        };
      };
    };
    expect(stored).toBeDefined();
    const indicators = (stored?.figures as Stored | undefined)?.figures.indicators ?? { lines: [], waitsOverLimit: [] };
    // The follow-up's three waits, each with its median and 90th percentile; the demo's limit is 14 days.
    expect(indicators.waitsOverLimit.map((w) => w.of.length)).toEqual([2, 2, 2]);
    for (const w of indicators.waitsOverLimit) {
      expect(w.limitDays).toBe(14);
      const median = indicators.lines.find((l) => l.key === w.of[0] && l.display === "median" && l.group === null)?.current;
      expect(median?.denominator).toBeGreaterThan(0);
      // The same families: the share is of those the median is counted on.
      expect(w.current.denominator).toBe(median?.denominator);
      // A share whose group over or under the limit is small is hidden, as the follow-up hides it.
      if (w.current.numerator === null) {
        expect(w.current.percent).toBeNull();
        continue;
      }
      const over = w.current.numerator;
      const n = w.current.denominator ?? 0;
      // More than half waited longer than the median's half: the share and the median agree on the side of the limit.
      if ((median?.value ?? 0) > 14) expect(2 * over).toBeGreaterThanOrEqual(n);
      if ((median?.value ?? 0) < 14) expect(2 * over).toBeLessThanOrEqual(n);
    }
    expect(text).toContain("Kommunens gräns för väntetid är 14 dagar.");
    expect(text).toContain("Andel som väntade mer än 14 dagar från förfrågan till första familjemötet");
  });

  it("shows the demo's current project per year and cost category, the labour costs as the database sums them", async () => {
    const [m] = await db().select({ id: users.municipalityId }).from(users).where(eq(users.username, "processledare"));
    const years = [Number(from.slice(0, 4)), Number(today.slice(0, 4))].filter((y, i, a) => a.indexOf(y) === i);
    const spent = (
      await db().execute(sql`select c.year, coalesce(sum(c.amount), 0)::bigint::text as spent
        from economy_projects p join economy_costs c on c.project_id = p.id and c.category = 'labour'
        where p.municipality_id = ${m?.id} and p.name = 'Sofiamodellen i hela socialtjänsten' group by c.year`)
    ).rows as Array<{ year: number; spent: string }>;
    const kr = (n: number) =>
      `${n
        .toLocaleString("sv-SE")
        .replace(/[\u00a0\u202f]/g, " ")
        .replace("\u2212", "-")} kr`;
    expect(text).not.toMatch(/Budget och avvikelser Inga uppgifter för perioden\./);
    for (const doc of [text, word]) {
      expect(doc).toContain("Sofiamodellen i hela socialtjänsten: budget och utfall per år och kostnadsslag");
      for (const year of years) {
        const s = Number(spent.find((r) => r.year === year)?.spent ?? 0);
        // Granted 1 000 000 kr a year on salaries; spent, deviation and remaining as summed here.
        expect(doc).toContain(`${year} Löner 1 000 000 kr ${kr(s)} ${kr(s - 1_000_000)} ${kr(1_000_000 - s)}`);
      }
      expect(doc).toContain("Besparingsuppskattning för Sofiamodellen i hela socialtjänsten");
    }
  });

  it("says which parent has the problem, counted here with direct SQL, in a table of families", async () => {
    const caption = "Familjer efter vilken förälder som har missbruksproblem och inställning till stöd";
    for (const doc of [text, word]) {
      expect(doc).not.toContain("registreras inte");
      expect(doc).toContain(caption);
      for (const row of ["Mamma", "Pappa", "Båda föräldrarna", "Annan vårdnadshavare eller kön ej angivet"]) expect(doc).toContain(row);
    }
    const [m] = await db().select({ id: users.municipalityId }).from(users).where(eq(users.username, "processledare"));
    const counted = (
      await db().execute(sql`select case when parents >= 2 then 'both' when parents = 1 and mothers = 1 then 'mother'
          when parents = 1 and fathers = 1 then 'father' else 'other' end as who, count(*)::int as n
        from (select r.id,
            count(*) filter (where g.relation = 'parent') as parents,
            count(*) filter (where g.relation = 'parent' and g.gender = 'woman') as mothers,
            count(*) filter (where g.relation = 'parent' and g.gender = 'man') as fathers
          from requests r join request_persons g on g.request_id = r.id and g.kind = 'guardian' and g.substance_problem = 'yes'
          where r.municipality_id = ${m?.id} and r.status = 'continued' and r.request_date between ${from}::date and ${today}::date
          group by r.id) f
        group by 1`)
    ).rows as Array<{ who: string; n: number }>;
    const expectedRows = ["mother", "father", "both", "other"].map((who) => counted.find((c) => c.who === who)?.n ?? 0);
    const [stored] = await db().select().from(interimReportVersions).where(eq(interimReportVersions.reportId, id));
    type Shown = { figures: { gender: { problemParents: { rowTotals: (number | null)[]; total: number | null } } } };
    const shown = (stored?.figures as Shown | undefined)?.figures.gender.problemParents ?? { rowTotals: [], total: -1 };
    expect(shown.total).toBe(expectedRows.reduce((a, b) => a + b, 0));
    // The demo has mothers and fathers with a problem; a hidden row total is allowed, a wrong one is not.
    expect(shown.rowTotals.filter((n) => n !== null).length).toBeGreaterThan(0);
    shown.rowTotals.forEach((n, i) => {
      expect(n === null || n === expectedRows[i], `row ${i}: ${n}`).toBe(true);
    });
  });

  it("declares PDF/A-2b in the XMP metadata and embeds its fonts", () => {
    const raw = pdf.toString("latin1");
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(raw).toContain("<pdfaid:part>2</pdfaid:part>");
    expect(raw).toContain("<pdfaid:conformance>B</pdfaid:conformance>");
    expect(raw).toMatch(/\/FontFile[23]?/);
  });

  it("puts the charts in the Word file as PNG images", async () => {
    const zip = await JSZip.loadAsync(docx);
    const media = Object.keys(zip.files).filter((f) => f.startsWith("word/media/"));
    expect(media.length).toBeGreaterThan(0);
    const png = await zip.file(media[0] ?? "")?.async("nodebuffer");
    expect(png?.subarray(1, 4).toString()).toBe("PNG");
  });

  it("stores the version with the figures used, and downloads it again byte for byte, with no-store", async () => {
    const [stored] = await db().select().from(interimReportVersions).where(eq(interimReportVersions.reportId, id));
    expect(stored?.number).toBe(1);
    expect(Buffer.compare(stored?.pdf ?? Buffer.alloc(0), pdf)).toBe(0);
    const figures = stored?.figures as { figures: { participants: { total: { requests: number } } } };
    expect(figures.figures.participants.total.requests).toBe(expected.requests);
    const again = await download(id, 1, "pdf");
    expect(Buffer.compare(again.rawPayload, pdf)).toBe(0);
    expect(again.headers["content-type"]).toBe("application/pdf");
    expect(again.headers["cache-control"]).toBe("no-store");
    expect(again.headers["content-disposition"]).toBe(`attachment; filename="delrapport-${from}-${today}-v1.pdf"`);
    const word = await download(id, 1, "docx");
    expect(word.headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(Buffer.compare(word.rawPayload, docx)).toBe(0);
  });

  it("makes version 2 next, lists both with their links, and audits every generation and download", async () => {
    await generate(id);
    const list = await get(t.app, leader, "/rapporter");
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`href="/rapporter/${id}/versioner/2.pdf"`);
    expect(list.body).toContain(`href="/rapporter/${id}/versioner/1.docx"`);
    const generated = (await audits("interim_report.generate")).filter((a) => a.recordId === id);
    expect(generated.map((a) => (a.detail as { number: number }).number)).toEqual([1, 2]);
    const downloads = (await audits("interim_report.download")).filter((a) => a.recordId === id);
    expect(downloads.length).toBe(4);
    expect(downloads[0]?.detail).toMatchObject({ number: 1, format: "pdf", statistics: true });
    expect(await get(t.app, leader, `/rapporter/${id}/versioner/3.pdf`).then((r) => r.statusCode)).toBe(404);
    expect(await get(t.app, leader, `/rapporter/${id}/versioner/1.exe`).then((r) => r.statusCode)).toBe(404);
  });

  it("gives the version's tables as CSV and a workbook, from the figures stored with it, audited", async () => {
    const csv = await download(id, 1, "csv");
    expect(csv.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(csv.headers["content-disposition"]).toBe(`attachment; filename="delrapport-tabeller-${from}-${today}-v1.csv"`);
    const body = csv.rawPayload.toString("utf8");
    expect(body.startsWith("\uFEFF")).toBe(true);
    expect(body).toContain("Resultat mot effekt- och processmål: ");
    expect(body).toContain("Familjer som påbörjat samtalsserien;");
    // Every indicator line of the PDF's results table is a CSV line with the same figures.
    const started = body.split("\r\n").find((l) => l.startsWith("Familjer som påbörjat samtalsserien;")) ?? "";
    for (const figure of started
      .split(";")
      .slice(1)
      .filter((f) => f !== ""))
      expect(text).toContain(figure);
    expect(Buffer.compare((await download(id, 1, "csv")).rawPayload, csv.rawPayload)).toBe(0);
    const xlsx = await download(id, 1, "xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toContain("Deltagare och ärendetyper");
    const downloads = (await audits("interim_report.download")).filter((a) => a.recordId === id);
    expect(downloads.slice(-3).map((a) => (a.detail as { format: string }).format)).toEqual(["csv", "csv", "xlsx"]);
    const list = await get(t.app, leader, "/rapporter");
    expect(list.body).toContain(`href="/rapporter/${id}/versioner/1.xlsx"`);
  });
});

describe("periods and the form", () => {
  it("gives a report that says so in every data section for a period without data", async () => {
    const id = await createReport({ periodFrom: "1990-01-01", periodTo: "1990-12-31", title: "Tom period" });
    await generate(id);
    const text = await pdfText((await download(id, 1, "pdf")).rawPayload);
    // Key figures, participants, results, surveys, staff, activities, waits, budget, gender, the appendix.
    expect(text.match(/Inga uppgifter för perioden\./g)?.length).toBe(10);
    expect(text).toContain("Ingen text har skrivits för avsnittet.");
    const word = await docxText((await download(id, 1, "docx")).rawPayload);
    expect(word.match(/Inga uppgifter för perioden\./g)?.length).toBe(10);
  });

  it("shows the project's budget per year and category for the project's period", async () => {
    const id = await createReport({ periodFrom: "2019-01-01", periodTo: "2020-12-31", title: "Projektåren" });
    await generate(id);
    const text = await pdfText((await download(id, 1, "pdf")).rawPayload);
    // The 2019–2021 project has no budget per category: the grant is not split, the costs are per category.
    expect(text).toContain("2019 Löner 0 kr 1 019 848 kr 1 019 848 kr -1 019 848 kr");
    expect(text).toContain("2019 Ej fördelat på kostnadsslag 1 445 000 kr – – 1 445 000 kr");
    expect(text).toContain("2019 Summa året 1 445 000 kr 1 143 237 kr -301 763 kr 301 763 kr");
    expect(text).toContain("Periodens år 2 890 000 kr 2 216 478 kr -673 522 kr 673 522 kr");
    expect(text).toMatch(/Hela projektet 2019–\s?2021 4 335 000 kr 2 216 478 kr -2 118 522 kr 2 118 522 kr/);
    expect(text).toContain("Projektet ska återbetala 4 335 000 kr (år 2022, 2023, 2024, 2025, 2026).");
  });

  it("refuses bad input field by field and stores nothing", async () => {
    const before = (await db().select({ n: sql<number>`count(*)::int` }).from(interimReports))[0]?.n;
    const res = await postForm(t.app, leader, "/rapporter/ny", { title: "", periodFrom: "2025-13-01", periodTo: "2025-01-01" });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("Skriv rapportens titel.");
    expect(res.body).toContain('href="#f-periodFrom"');
    expect(res.body).toContain("Skriv datumet som ÅÅÅÅ-MM-DD");
    const reversed = await postForm(t.app, leader, "/rapporter/ny", { title: "X", periodFrom: "2025-12-01", periodTo: "2025-01-01" });
    expect(reversed.body).toContain("Periodens slut kan inte ligga före dess början.");
    expect((await db().select({ n: sql<number>`count(*)::int` }).from(interimReports))[0]?.n).toBe(before);
  });

  it("saves the texts with the version read, and refuses a stale version with 409", async () => {
    const id = await createReport({});
    const page = await get(t.app, leader, `/rapporter/${id}`);
    const version = versionIn(page.body);
    const fields = {
      title: "Delrapport",
      periodFrom: from,
      periodTo: today,
      summary: "Ny text",
      model: "",
      discussion: "Diskussion",
      nextSteps: "",
    };
    const saved = await postForm(t.app, leader, `/rapporter/${id}`, { ...fields, version });
    expect(saved.statusCode).toBe(303);
    const stale = await postForm(t.app, leader, `/rapporter/${id}`, { ...fields, summary: "Gammal", version });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain("Någon annan har sparat delrapporten");
    const [row] = await db().select().from(interimReports).where(eq(interimReports.id, id));
    expect(row?.texts).toMatchObject({ summary: "Ny text", discussion: "Diskussion" });
    expect(await audits("interim_report.update").then((a) => a.filter((r) => r.recordId === id).length)).toBe(1);
  });
});

/** A complete response to the parents' four questions, every item answered with the value, dated as given. */
async function respond(role: RespondentRole, value: number, on: string) {
  const [leaderRow] = await db().select({ m: users.municipalityId }).from(users).where(eq(users.username, "processledare"));
  const municipalityId = leaderRow?.m ?? "";
  const [v] = await db()
    .select({ id: surveyInstrumentVersions.id, content: surveyInstrumentVersions.content })
    .from(surveyInstrumentVersions)
    .innerJoin(surveyInstruments, eq(surveyInstruments.id, surveyInstrumentVersions.instrumentId))
    .where(
      and(
        eq(surveyInstruments.municipalityId, municipalityId),
        eq(surveyInstruments.key, "sofia-4q-parent"),
        eq(surveyInstrumentVersions.status, "published"),
      ),
    );
  const content = contentSchema.parse(v?.content);
  const { id } = await db().transaction((tx) =>
    recordResponse(tx, {
      municipalityId,
      instrumentVersionId: v?.id ?? "",
      content,
      meetingId: null,
      processId: null,
      respondentRole: role,
      ageBand: null,
      mode: "link",
      submissionKey: randomUUID(),
      answers: content.items.map((i) => ({ itemKey: i.key, value, dontKnow: false })),
      complete: true,
      recordedBy: null,
      submittedAt: t.clock.now(),
    }),
  );
  await db()
    .update(surveyResponses)
    .set({ submittedAt: new Date(`${on}T12:00:00+01:00`), periodOn: on })
    .where(eq(surveyResponses.id, id));
}

describe("the families' answers", () => {
  it("shows the mean per question for every role, from the survey results' own aggregation", async () => {
    for (let i = 0; i < 6; i++) await respond("parent_with_problem", 4, "2010-03-10");
    for (let i = 0; i < 5; i++) await respond("parent_without_problem", 3, "2010-04-10");
    await respond("parent_without_problem", 1, "2011-01-10"); // outside the period
    const id = await createReport({ periodFrom: "2010-01-01", periodTo: "2010-12-31", title: "Enkätåret" });
    await generate(id);
    const [stored] = await db().select().from(interimReportVersions).where(eq(interimReportVersions.reportId, id));
    type Stored = { figures: { surveys: { empty: boolean; instruments: Array<{ key: string; groups: unknown[] }> } } };
    const figures = (stored?.figures as Stored | undefined)?.figures.surveys ?? { empty: true, instruments: [] };
    expect(figures.empty).toBe(false);
    const parents = figures.instruments.find((i) => i.key === "sofia-4q-parent");
    // Hand-counted: six answered 4 on every question, five answered 3; the answer of 2011 is outside.
    const each = (counts: number[], answered: number) => Array(4).fill({ counts, dontKnow: 0, answered });
    expect(parents?.groups).toEqual([
      { key: "all", kind: "all", n: 11, means: [39 / 11, 39 / 11, 39 / 11, 39 / 11], distributions: each([0, 0, 5, 6], 11) },
      { key: "parent_with_problem", kind: "role", n: 6, means: [4, 4, 4, 4], distributions: each([0, 0, 0, 6], 6) },
      { key: "parent_without_problem", kind: "role", n: 5, means: [3, 3, 3, 3], distributions: each([0, 0, 5, 0], 5) },
    ]);
    const word = await docxText((await download(id, 1, "docx")).rawPayload);
    expect(word).toContain("Förälder med missbruksproblem (n = 6)");
    expect(word).toContain("Förälder utan missbruksproblem (n = 5)");
    expect(word).toContain("Inga svar på Sofiamodellens fyra frågor, barn 6–12 år under perioden.");
    const text = await pdfText((await download(id, 1, "pdf")).rawPayload);
    expect(text).toContain("Familjernas och barnens svar Familjemedlemmarnas svar");
    expect(text).toContain("4,0");
    expect(word).toContain("3,5");
    for (const doc of [text, word]) {
      expect(doc).toContain("Sofiamodellens fyra frågor, föräldrar: antal svar per skalsteg");
      expect(doc).toContain("Inte nöjd Ganska nöjd Nöjd Jättenöjd Vet inte Svar");
      expect(doc).toMatch(/Alla 0 0 5 6 0 11 Förälder med missbruksproblem 0 0 0 6 0 6 Förälder utan missbruksproblem 0 0 5 0 0 5/);
    }
  });
});

describe("the API and permissions", () => {
  it("creates, changes, generates and downloads through the API", async () => {
    const created = await apiCall(t.app, "POST", "/api/v1/reports", token, {
      title: "Via API",
      periodFrom: from,
      periodTo: today,
      texts: { summary: "API" },
    });
    expect(created.statusCode, created.body).toBe(201);
    const report = created.json() as { id: string; version: number };
    const stale = await apiCall(t.app, "PUT", `/api/v1/reports/${report.id}`, token, {
      title: "Via API",
      periodFrom: from,
      periodTo: today,
      version: report.version + 1,
    });
    expect(stale.statusCode).toBe(409);
    const bad = await apiCall(t.app, "POST", "/api/v1/reports", token, { title: "", periodFrom: "x", periodTo: today });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers["content-type"]).toContain("application/problem+json");
    const version = await apiCall(t.app, "POST", `/api/v1/reports/${report.id}/versions`, token);
    expect(version.statusCode, version.body).toBe(201);
    const v = version.json() as { number: number; pdfUrl: string; docxUrl: string };
    expect(v.number).toBe(1);
    const file = await apiCall(t.app, "GET", v.docxUrl, token);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.subarray(0, 2).toString()).toBe("PK");
    const list = await apiCall(t.app, "GET", "/api/v1/reports", token);
    expect((list.json() as { reports: Array<{ id: string }> }).reports.some((r) => r.id === report.id)).toBe(true);
  });

  it("refuses a caseworker the list, the form and the files", async () => {
    const caseworker = await login(t.app, "barnhandlaggare");
    expect((await get(t.app, caseworker, "/rapporter")).statusCode).toBe(403);
    expect((await get(t.app, caseworker, "/rapporter/ny")).statusCode).toBe(403);
    const [any] = await db().select({ id: interimReports.id }).from(interimReports).limit(1);
    expect((await get(t.app, caseworker, `/rapporter/${any?.id}/versioner/1.pdf`)).statusCode).toBe(403);
  });

  it("lets a unit manager read the list and download, but not write", async () => {
    const manager = await login(t.app, "enhetschef");
    expect((await get(t.app, manager, "/rapporter")).statusCode).toBe(200);
    expect((await get(t.app, manager, "/rapporter/ny")).statusCode).toBe(403);
    const [v] = await db()
      .select({ id: interimReportVersions.reportId, n: interimReportVersions.number })
      .from(interimReportVersions)
      .where(and(eq(interimReportVersions.number, 1)))
      .limit(1);
    expect((await get(t.app, manager, `/rapporter/${v?.id}/versioner/${v?.n}.pdf`)).statusCode).toBe(200);
  });
});

describe("the effect goals: long-term outcomes against the comparison groups", () => {
  const period = { from: "2000-01-01", to: today };
  const measureNames = [
    ["emergency_placement", "Akut placering av barn"],
    ["re_referral", "Ny aktualisering av förälder för missbruk"],
    ["school_attendance_kept", "Bibehållen skolnärvaro"],
    ["further_support", "Fortsatt stöd (beviljad insats)"],
  ] as const;
  type Count = { source: string; horizon: number; measure: string; n: number; total: number };

  /** The counts per source, horizon and measure, straight from the tables (not through the app's code). */
  async function expectedCounts(municipalityId: string): Promise<Count[]> {
    const q = sql`
      with sofia as (
        select f.horizon, f.emergency_placement, f.re_referral, f.school_consent, f.school_attendance,
          exists (select 1 from support_measures s where s.process_id = p.id and s.granted_on is not null
            and s.granted_on <= f.due_on and (s.ended_on is null or s.ended_on >= p.completed_on)) as further
        from outcome_followups f join processes p on p.id = f.process_id
        where p.municipality_id = ${municipalityId} and f.status = 'recorded'
          and p.completed_on between ${period.from}::date and ${period.to}::date
      ), recs as (
        select g.name, r.* from comparison_records r join comparison_groups g on g.id = r.group_id
        where g.municipality_id = ${municipalityId} and r.reference_date between ${period.from}::date and ${period.to}::date
      )
      select 'Sofia' as source, h.horizon, m.measure,
        count(*) filter (where case m.measure when 'emergency_placement' then s.emergency_placement
          when 're_referral' then s.re_referral when 'further_support' then s.further
          else s.school_consent and s.school_attendance = 'kept' end)::int as n,
        count(*) filter (where case m.measure when 'emergency_placement' then s.emergency_placement is not null
          when 're_referral' then s.re_referral is not null when 'further_support' then s.further is not null
          else s.school_consent and s.school_attendance is not null end)::int as total
      from (values (1), (2)) h(horizon)
        cross join (values ('emergency_placement'), ('re_referral'), ('school_attendance_kept'), ('further_support')) m(measure)
        left join sofia s on s.horizon = h.horizon
      group by 2, 3
      union all
      select r.name, r.horizon, m.measure,
        count(*) filter (where case m.measure when 'emergency_placement' then r.emergency_placement
          when 're_referral' then r.re_referral when 'further_support' then r.further_support
          else r.school_attendance = 'kept' end)::int,
        count(*) filter (where case m.measure when 'emergency_placement' then r.emergency_placement is not null
          when 're_referral' then r.re_referral is not null when 'further_support' then r.further_support is not null
          else r.school_attendance is not null end)::int
      from recs r cross join (values ('emergency_placement'), ('re_referral'), ('school_attendance_kept'), ('further_support')) m(measure)
      group by 1, 2, 3
      union all
      select g.name, h.horizon, a.measure, sum(a.numerator)::int, sum(a.denominator)::int
      from comparison_aggregates a join comparison_groups g on g.id = a.group_id cross join (values (1), (2)) h(horizon)
      where g.municipality_id = ${municipalityId} and (a.horizon is null or a.horizon = h.horizon)
        and a.period_from <= ${period.to}::date and ${period.from}::date <= a.period_to
      group by 1, 2, 3`;
    return (await db().execute(q)).rows as Count[];
  }

  /** A share as the report writes it; a small group, or a small rest that gives it away, is "..". */
  function shown(c: Count | undefined, min: number): string {
    const small = (x: number) => x > 0 && x < min;
    if (!c || c.total === 0) return "0 0 –";
    if (small(c.total)) return ".. .. ..";
    if (small(c.n) || small(c.total - c.n)) return `.. ${c.total} ..`;
    // Whole percent, half up (the default precision, decision 0045).
    const share = String(Math.floor((c.n * 100) / c.total + 0.5));
    return `${c.n} ${c.total} ${share} %`;
  }

  it("puts Sofia's families and every comparison group per measure and horizon in the PDF and the Word file", async () => {
    const [m] = await db().select({ id: users.municipalityId }).from(users).where(eq(users.username, "processledare"));
    const municipalityId = m?.id ?? "";
    // A group of anonymous records: 40 at one year, 3 at two years (too few: every figure hidden).
    const [group] = await db()
      .insert(comparisonGroups)
      .values({ municipalityId, name: "Jämförelse A", kind: "records" })
      .returning({ id: comparisonGroups.id });
    const record = (i: number, horizon: number) => ({
      groupId: group?.id ?? "",
      referenceDate: "2020-06-01",
      horizon,
      emergencyPlacement: i < 8,
      reReferral: i % 10 < 3,
      furtherSupport: i % 2 === 0,
      schoolAttendance: i >= 36 ? null : i % 6 === 0 ? "not_kept" : "kept",
    });
    await db()
      .insert(comparisonRecords)
      .values([...Array.from({ length: 40 }, (_, i) => record(i, 1)), ...Array.from({ length: 3 }, (_, i) => record(i, 2))]);
    // Sofia's completed families recorded at one year (and the first four at two years), with a spread of answers.
    await db().execute(sql`
      insert into outcome_followups (process_id, horizon, due_on, status, emergency_placement, re_referral, school_consent,
        school_attendance, source, recorded_at)
      select x.id, h.horizon, (x.completed_on + make_interval(years => h.horizon))::date, 'recorded', x.i % 4 = 0, x.i <= 6, x.i <= 10,
        case when x.i > 10 then null when x.i % 5 = 0 then 'not_kept' else 'kept' end, 'manual', now()
      from (select p.id, p.completed_on, row_number() over (order by p.id)::int as i from processes p
            where p.municipality_id = ${municipalityId} and p.completed_on is not null) x
      cross join (values (1), (2)) h(horizon)
      where h.horizon = 1 or x.i <= 4
      on conflict (process_id, horizon) do update set status = excluded.status, emergency_placement = excluded.emergency_placement,
        re_referral = excluded.re_referral, school_consent = excluded.school_consent, school_attendance = excluded.school_attendance,
        source = excluded.source, recorded_at = excluded.recorded_at`);
    const counts = await expectedCounts(municipalityId);
    const min = 5;
    const groups = (
      await db()
        .select({ name: comparisonGroups.name })
        .from(comparisonGroups)
        .where(eq(comparisonGroups.municipalityId, municipalityId))
        .orderBy(asc(comparisonGroups.name))
    ).map((g) => g.name);
    expect(groups).toContain("Jämförelse A");
    // The fixture's own figures, worked out by hand.
    const a1 = (measure: string) => counts.find((c) => c.source === "Jämförelse A" && c.horizon === 1 && c.measure === measure);
    expect(a1("emergency_placement")).toMatchObject({ n: 8, total: 40 });
    expect(a1("school_attendance_kept")).toMatchObject({ n: 30, total: 36 });
    const sofiaRecorded = counts.filter((c) => c.source === "Sofia" && c.measure === "further_support").reduce((s, c) => s + c.total, 0);
    expect(sofiaRecorded).toBeGreaterThan(0);
    const sofia1 = (measure: string) => counts.find((c) => c.source === "Sofia" && c.horizon === 1 && c.measure === measure);
    expect(sofia1("re_referral")?.n).toBe(6);
    expect(sofia1("re_referral")?.total).toBeGreaterThanOrEqual(11);

    const id = await createReport({ periodFrom: period.from, periodTo: period.to, title: "Effektmålen" });
    await generate(id);
    const text = await pdfText((await download(id, 1, "pdf")).rawPayload);
    const word = await docxText((await download(id, 1, "docx")).rawPayload);
    for (const doc of [text, word]) {
      expect(doc).toContain("Effektmål: långsiktiga utfall");
      expect(doc).toContain("Jämförelsegruppen är inte slumpad.");
    }
    let at = text.indexOf("Effektmål: långsiktiga utfall");
    let wordAt = word.indexOf("Effektmål: långsiktiga utfall");
    const lines: string[] = [];
    for (const horizon of [1, 2])
      for (const [measure, name] of measureNames)
        for (const source of ["Sofia", ...groups]) {
          const figures = shown(
            counts.find((c) => c.source === source && c.horizon === horizon && c.measure === measure),
            min,
          );
          lines.push(`${name} ${source} ${figures}`);
          // In the PDF a long measure name may wrap in its cell: the group and its figures follow each other in order.
          const found = text.indexOf(`${source} ${figures}`, at);
          expect(found, `PDF: ${source} ${figures} (${measure}, ${horizon} år)`).toBeGreaterThan(at);
          at = found;
          const wordFound = word.indexOf(`${name} ${source} ${figures}`, wordAt);
          expect(wordFound, `Word: ${name} ${source} ${figures} (${horizon} år)`).toBeGreaterThan(wordAt);
          wordAt = wordFound;
        }
    expect(lines).toContain("Akut placering av barn Jämförelse A 8 40 20 %");
    expect(lines).toContain("Bibehållen skolnärvaro Jämförelse A 30 36 83 %");
    expect(lines).toContain("Akut placering av barn Jämförelse A .. .. ..");
    expect(lines).toContain("Akut placering av barn Exempel: jämförelsegrupp (aggregat) 9 60 15 %");
    // Sofia: a few emergency placements hide the share but not the families recorded; two years: too few, all hidden.
    expect(lines.some((l) => /^Akut placering av barn Sofia \.\. \d+ \.\.$/.test(l))).toBe(true);
    expect(lines.some((l) => /^Ny aktualisering av förälder för missbruk Sofia 6 \d+ \d+ %$/.test(l))).toBe(true);
    expect(lines).toContain("Akut placering av barn Sofia .. .. ..");

    // The stored version carries the figures, so that it stands on its own.
    const [stored] = await db().select().from(interimReportVersions).where(eq(interimReportVersions.reportId, id));
    type Stored = { figures: { outcomes: { empty: boolean; rows: Array<{ measure: string; horizon: number; figures: unknown[] }> } } };
    const outcomes = (stored?.figures as Stored | undefined)?.figures.outcomes;
    expect(outcomes?.empty).toBe(false);
    const row = outcomes?.rows.find((r) => r.measure === "emergency_placement" && r.horizon === 1);
    expect(row?.figures).toContainEqual({
      source: group?.id,
      label: "Jämförelse A",
      n: 8,
      total: 40,
      percent: 20,
      suppressed: false,
    });
  });

  it("says in a sentence that a period has no outcomes", async () => {
    const id = await createReport({ periodFrom: "1991-01-01", periodTo: "1991-12-31", title: "Inga utfall" });
    await generate(id);
    const sentence =
      "Inga långsiktiga utfall finns registrerade för familjer som avslutade samtalsserien under perioden, och ingen jämförelsegrupp har uppgifter för perioden.";
    expect(await pdfText((await download(id, 1, "pdf")).rawPayload)).toContain(sentence);
    expect(await docxText((await download(id, 1, "docx")).rawPayload)).toContain(sentence);
  });
});
