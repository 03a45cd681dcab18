/**
 * Interim reports against a real PostgreSQL with the demo data: a report for the last year is
 * generated, the PDF's text (unpdf) and the Word file's document.xml (jszip) carry the figures
 * counted here with direct SQL; the PDF declares PDF/A-2b in its XMP; the versions are stored and
 * download again byte for byte; an empty period says "Inga uppgifter för perioden"; the form's
 * field errors and the stale version (409); a caseworker is refused; the audit rows.
 */
import { randomUUID } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import JSZip from "jszip";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiCall, apiToken, type Browser, createTestApp, get, login, postForm, type TestApp } from "../../test/helpers.ts";
import {
  auditLog,
  interimReports,
  interimReportVersions,
  surveyInstruments,
  surveyInstrumentVersions,
  surveyResponses,
  users,
} from "../db/schema/index.ts";
import { addDays, todayInSweden } from "../platform/dates.ts";
import { contentSchema } from "../surveys/model.ts";
import { type RespondentRole, recordResponse } from "../surveys/responses.ts";

let t: TestApp;
let leader: Browser;
let token = "";
const db = () => t.database.db;
const today = todayInSweden();
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

async function download(id: string, n: number, format: "pdf" | "docx") {
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
  }, 120_000);

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
    expect(text).toContain("Föräldrarnas kön registreras inte i Sofia.");
    // The demo project ran 2019–2021: no budget in the last year.
    expect(text).toMatch(/Budget och avvikelser Inga uppgifter för perioden\./);
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
});

describe("periods and the form", () => {
  it("gives a report that says so in every data section for a period without data", async () => {
    const id = await createReport({ periodFrom: "1990-01-01", periodTo: "1990-12-31", title: "Tom period" });
    await generate(id);
    const text = await pdfText((await download(id, 1, "pdf")).rawPayload);
    expect(text.match(/Inga uppgifter för perioden\./g)?.length).toBe(7);
    expect(text).toContain("Ingen text har skrivits för avsnittet.");
    const word = await docxText((await download(id, 1, "docx")).rawPayload);
    expect(word.match(/Inga uppgifter för perioden\./g)?.length).toBe(7);
  }, 60_000);

  it("shows the project's budget per year for the project's period", async () => {
    const id = await createReport({ periodFrom: "2019-01-01", periodTo: "2020-12-31", title: "Projektåren" });
    await generate(id);
    const text = await pdfText((await download(id, 1, "pdf")).rawPayload);
    expect(text).toContain("1 445 000 kr");
    expect(text).toContain("Hela projektet 4 335 000 kr");
  }, 60_000);

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
    }),
  );
  await db()
    .update(surveyResponses)
    .set({ submittedAt: new Date(`${on}T12:00:00+01:00`) })
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
    expect(parents?.groups).toEqual([
      { key: "all", kind: "all", n: 11, means: [39 / 11, 39 / 11, 39 / 11, 39 / 11] },
      { key: "parent_with_problem", kind: "role", n: 6, means: [4, 4, 4, 4] },
      { key: "parent_without_problem", kind: "role", n: 5, means: [3, 3, 3, 3] },
    ]);
    const word = await docxText((await download(id, 1, "docx")).rawPayload);
    expect(word).toContain("Förälder med missbruksproblem (n = 6)");
    expect(word).toContain("Förälder utan missbruksproblem (n = 5)");
    expect(word).toContain("Inga svar på Sofiamodellens fyra frågor, barn 6–12 år under perioden.");
    const text = await pdfText((await download(id, 1, "pdf")).rawPayload);
    expect(text).toContain("Familjernas och barnens svar Familjemedlemmarnas svar");
    expect(text).toContain("4,0");
    expect(word).toContain("3,5");
  }, 60_000);
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
  }, 60_000);

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
