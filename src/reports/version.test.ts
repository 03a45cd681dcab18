/**
 * A report the secretary sends as is (decision 0048), against a real PostgreSQL with the demo data:
 * the municipality's template (a logo known by its bytes, refused on its field when it is not a PNG
 * or SVG or is 1 MB or more, and nothing changed), the cover's diary number, date and author and
 * the decision proposal in both files, the preview page (audited, nothing stored), and "one figure,
 * one source": every number in the PDF's text is a number of the document rebuilt from the figures
 * stored with that version, and the Word file has the same text.
 */
import { Resvg } from "@resvg/resvg-js";
import { asc, eq } from "drizzle-orm";
import JSZip from "jszip";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decidedFamily, unitId } from "../../test/fixtures.ts";
import { apiCall, apiToken, type Browser, createTestApp, get, login, postForm, type TestApp, testClock } from "../../test/helpers.ts";
import { auditLog, interimReportVersions, reportTemplates } from "../db/schema/index.ts";
import { addDays, daysBetween } from "../platform/dates.ts";
import { parentAnnual, staffAnnual } from "../surveys/index.ts";
import type { Block, ReportDocument } from "./document.ts";
import { documentOf, type VersionContent } from "./service.ts";
import { checkLogo, LOGO_MAX_BYTES, logoTypeOf, templateSections } from "./template.ts";

let t: TestApp;
let leader: Browser;
let token = "";
const db = () => t.database.db;
const today = testClock().today();
const from = addDays(today, -364);
const squash = (s: string) => s.replace(/\s+/g, " ");

const png = Buffer.from(
  new Resvg('<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40" fill="#1e5aa0"/></svg>')
    .render()
    .asPng(),
);
const svg = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8"?>\n<!-- Exempelby -->\n<svg xmlns="http://www.w3.org/2000/svg" width="90" height="30"><circle cx="15" cy="15" r="12" fill="#2a7"/></svg>\n',
);

async function pdfText(pdf: Buffer): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
  return squash(text);
}

async function docxText(docx: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(docx);
  const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
  return squash(
    xml
      .replace(/<w:p[ >]/g, " $&")
      .replace(/<[^>]+>/g, "")
      .replace(/&amp;/g, "&")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">"),
  );
}

/** The template's form as a browser sends it: multipart, the fields and one file. */
function postTemplate(fields: Record<string, string | string[]>, file: { name: string; type: string; data: Buffer } | null) {
  const boundary = "----sofiaTemplateBoundary0048";
  const parts: Buffer[] = [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${leader.csrf}\r\n`)];
  for (const [k, v] of Object.entries(fields))
    for (const one of Array.isArray(v) ? v : [v])
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${one}\r\n`));
  if (file)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="logo"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.data,
      Buffer.from("\r\n"),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return t.app.inject({
    method: "POST",
    url: "/rapporter/mall",
    headers: { cookie: leader.cookie, "content-type": `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat(parts),
  });
}

const storedTemplate = async () => (await db().select().from(reportTemplates))[0];

/** Every string the document shows: the cover, the headings, the paragraphs, the tables and the captions. */
function documentStrings(doc: ReportDocument): string[] {
  const out = [doc.municipality, doc.title, doc.periodText, doc.generatedText, doc.cover.diaryNumber, doc.cover.author, doc.cover.dateText];
  const ofBlock = (b: Block): string[] => {
    if (b.kind === "table") return [b.caption, ...b.head, ...b.rows.flat()];
    // The chart's labels and axis ticks, as drawn from the same figures.
    if (b.kind === "chart") return [b.caption, ...[...b.svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1] ?? "")];
    return [b.text];
  };
  for (const s of doc.sections) out.push(s.title, ...s.blocks.flatMap(ofBlock));
  return out;
}

/** The numbers of a text as written ("1 234", "42,5", "2026"), with the spaces between their digit groups. */
const rawNumbersIn = (text: string): string[] => text.match(/\d+(?:[ \u00a0]\d{3})*(?:,\d+)?/g) ?? [];
const joined = (n: string) => n.replace(/[ \u00a0]/g, "");
const numbersIn = (text: string): string[] => rawNumbersIn(text).map(joined);
/**
 * Whether a number read from the PDF's text is allowed figures side by side: the text extraction
 * runs neighbouring labels together ("1 463" and "753" of a chart read as "1 463 753"), so a run
 * is allowed when its space-separated groups split into consecutive pieces that are each a figure.
 */
function isAllowed(raw: string, allowed: ReadonlySet<string>): boolean {
  const parts = raw.split(/[ \u00a0]/);
  const from = (i: number): boolean =>
    i === parts.length || parts.some((_, j) => j >= i && allowed.has(parts.slice(i, j + 1).join("")) && from(j + 1));
  return from(0);
}

/**
 * The numbers the PDF may show: those of the document's strings, and its own numbering: page
 * numbers, section numbers ("16. Kontakt") and the tables' and charts' numbers ("Tabell 24").
 */
async function allowedNumbers(doc: ReportDocument, pdf: Buffer): Promise<Set<string>> {
  const allowed = new Set(documentStrings(doc).flatMap(numbersIn));
  const pages = (await getDocumentProxy(new Uint8Array(pdf))).numPages;
  const numbered = doc.sections.flatMap((s) => s.blocks).filter((b) => b.kind === "table" || b.kind === "chart").length;
  for (let n = 1; n <= Math.max(pages, doc.sections.length, numbered); n++) allowed.add(String(n));
  return allowed;
}

beforeAll(async () => {
  t = await createTestApp();
  leader = await login(t.app, "processledare");
  token = await apiToken(t, "processledare", ["reports.view", "reports.manage"]);
});
afterAll(() => t.close());

describe("the logo is known by its bytes", () => {
  it("takes a PNG and an SVG, and nothing else whatever its name", () => {
    expect(logoTypeOf(png)).toBe("image/png");
    expect(logoTypeOf(svg)).toBe("image/svg+xml");
    expect(logoTypeOf(Buffer.from("GIF89a\x01\x00\x01\x00\x00\x00\x00;", "latin1"))).toBeNull();
    expect(logoTypeOf(Buffer.from("<html><svg></svg></html>"))).toBeNull();
    expect(logoTypeOf(Buffer.from("%PDF-1.7 <svg>"))).toBeNull();
    // A PNG's signature alone, without its header chunk, is not a PNG.
    expect(logoTypeOf(png.subarray(0, 8))).toBeNull();
    expect(checkLogo(Buffer.concat([png, Buffer.alloc(LOGO_MAX_BYTES)]))).toEqual({ error: "reports.template.error.logoTooLarge" });
    expect(checkLogo(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><g></svg>'))).toEqual({
      error: "reports.template.error.logoType",
    });
  });
});

describe("the municipality's template", () => {
  it("refuses a logo that is not a PNG or SVG, or is 1 MB or more, on its field, and changes nothing", async () => {
    const page = await get(t.app, leader, "/rapporter/mall");
    expect(page.statusCode).toBe(200);
    const fields = { version: "0", introduction: "Sofia är en samverkansmodell.", contact: "Socialtjänsten", sections: ["summary"] };
    const named = await postTemplate(fields, { name: "logo.png", type: "image/png", data: Buffer.from("inte en bild") });
    expect(named.statusCode).toBe(400);
    expect(named.body).toContain('id="f-logo-error"');
    expect(named.body).toContain("Logotypen måste vara en PNG- eller SVG-bild.");
    const large = await postTemplate(fields, {
      name: "logo.png",
      type: "image/png",
      data: Buffer.concat([png, Buffer.alloc(LOGO_MAX_BYTES)]),
    });
    expect(large.statusCode).toBe(400);
    expect(large.body).toContain("Logotypen måste vara mindre än 1 MB.");
    expect(await storedTemplate()).toBeUndefined();

    const api = await apiCall(t.app, "PUT", "/api/v1/report-template", token, {
      ...fields,
      version: 0,
      logo: Buffer.from("GIF89a").toString("base64"),
    });
    expect(api.statusCode).toBe(400);
    expect(api.headers["content-type"]).toContain("application/problem+json");
    expect(JSON.stringify(api.json())).toContain("Logotypen måste vara en PNG- eller SVG-bild.");
    const noSections = await apiCall(t.app, "PUT", "/api/v1/report-template", token, { ...fields, sections: [], version: 0 });
    expect(noSections.statusCode).toBe(400);
    expect(await storedTemplate()).toBeUndefined();
  });

  it("saves a PNG logo, the texts and the sections on the page, and an SVG through the API", async () => {
    const saved = await postTemplate(
      {
        version: "0",
        introduction: "Sofia är en samverkansmodell mellan barn- och beroendeenheterna.",
        contact: "Socialtjänstens utvecklingsenhet, telefon 0123-456 00.",
        sections: ["decision", "keyFigures", "participants", "waits", "contact", "appendix"],
      },
      { name: "logga.bin", type: "application/octet-stream", data: png },
    );
    expect(saved.statusCode, saved.body.slice(0, 800)).toBe(303);
    const row = await storedTemplate();
    expect(row?.logoType).toBe("image/png");
    expect(row?.logo?.equals(png)).toBe(true);
    const logo = await get(t.app, leader, "/rapporter/mall/logotyp");
    expect(logo.headers["content-type"]).toBe("image/png");
    expect(logo.rawPayload.equals(png)).toBe(true);

    const read = (await apiCall(t.app, "GET", "/api/v1/report-template", token)).json();
    expect(read.sections).toEqual(["decision", "keyFigures", "participants", "waits", "contact", "appendix"]);
    expect(read.logo).toMatchObject({ type: "image/png", bytes: png.length });
    const stale = await apiCall(t.app, "PUT", "/api/v1/report-template", token, { ...read, logo: svg.toString("base64"), version: 0 });
    expect(stale.statusCode).toBe(409);
    const put = await apiCall(t.app, "PUT", "/api/v1/report-template", token, {
      introduction: read.introduction,
      contact: read.contact,
      sections: read.sections,
      logo: svg.toString("base64"),
      version: read.version,
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().logo.type).toBe("image/svg+xml");
    const audits = await db().select().from(auditLog).where(eq(auditLog.action, "report_template.update")).orderBy(asc(auditLog.id));
    expect(audits).toHaveLength(2);
  });
});

describe("a version the secretary sends as is", () => {
  let id = "";
  let content: VersionContent;
  let pdf: Buffer;
  let text = "";
  let word = "";

  beforeAll(async () => {
    const created = await postForm(t.app, leader, "/rapporter/ny", {
      title: "Delrapport Sofia 2026",
      periodFrom: from,
      periodTo: today,
      diaryNumber: "SN 2026/417",
      author: "Socialtjänstens utvecklingsenhet",
      decision: "Socialnämnden föreslås besluta att lägga delrapporten till handlingarna.",
    });
    expect(created.statusCode, created.body.slice(0, 800)).toBe(303);
    id = /\/rapporter\/([0-9a-f-]{36})\?/.exec(created.headers.location as string)?.[1] ?? "";
    const generated = await postForm(t.app, leader, `/rapporter/${id}/versioner`, {});
    expect(generated.statusCode).toBe(303);
    const res = await apiCall(t.app, "GET", `/api/v1/reports/${id}/versions/1`, token);
    expect(res.statusCode).toBe(200);
    content = res.json();
    pdf = (await get(t.app, leader, `/rapporter/${id}/versioner/1.pdf`)).rawPayload;
    const docx = (await get(t.app, leader, `/rapporter/${id}/versioner/1.docx`)).rawPayload;
    text = await pdfText(pdf);
    word = await docxText(docx);
  });

  it("stores the cover, the template and the precision with the version", () => {
    expect(content.diaryNumber).toBe("SN 2026/417");
    expect(content.author).toBe("Socialtjänstens utvecklingsenhet");
    expect(content.generatedOn).toBe(today);
    expect(content.template.sections).toEqual(["decision", "keyFigures", "participants", "waits", "contact", "appendix"]);
    expect(content.template.logoType).toBe("image/svg+xml");
    expect(content.precision).toEqual({ shareDecimals: 0, meanDecimals: 2 });
  });

  it("has a cover, contents, the decision proposal and page numbers, in the PDF and in Word", () => {
    for (const s of [
      "Diarienummer SN 2026/417",
      "Författare Socialtjänstens utvecklingsenhet",
      "Innehåll",
      "Förslag till beslut",
      "Socialnämnden föreslås besluta att lägga delrapporten till handlingarna.",
      "Nyckeltal mot målen",
      "Bilaga A. Alla indikatorer",
      "Socialtjänstens utvecklingsenhet, telefon 0123-456 00.",
    ])
      expect(text).toContain(s);
    expect(text).toMatch(/Sida 2 av \d+/);
    // Only the sections of the template.
    expect(text).not.toContain("Budget och avvikelser");
    for (const s of [
      "Diarienummer: SN 2026/417",
      "Författare: Socialtjänstens utvecklingsenhet",
      "1. Förslag till beslut",
      "Bilaga A. Alla indikatorer",
    ])
      expect(word).toContain(s);
    expect(word).not.toContain("Budget och avvikelser");
  });

  it("shows no number in the PDF that the figures stored with the version do not give", async () => {
    const [stored] = await db().select().from(interimReportVersions).where(eq(interimReportVersions.reportId, id));
    const doc = documentOf(stored?.figures as VersionContent, today);
    const allowed = await allowedNumbers(doc, pdf);
    const shown = rawNumbersIn(text);
    expect(shown.length).toBeGreaterThan(50);
    // "1 234" is one figure; where two figures stand side by side ("1 100": a figure's number and a tick), each must be one.
    const foreign = shown.filter((n) => !isAllowed(n, allowed));
    expect(foreign).toEqual([]);
    // And the other way: every figure of the key figures table is in the PDF, as written.
    const key = doc.sections.find((s) => s.key === "keyFigures")?.blocks.find((b) => b.kind === "table");
    expect(key?.kind).toBe("table");
    if (key?.kind === "table") for (const cell of key.rows.flatMap((r) => r.slice(1, 3))) expect(text).toContain(cell);
  });

  it("reads the funnel's text, table and chart from the same figures", () => {
    const doc = documentOf(content, today);
    const blocks = doc.sections.find((s) => s.key === "keyFigures")?.blocks ?? [];
    const sentence = blocks.find((b) => b.kind === "paragraph" && b.text.startsWith("Familjerna under perioden"));
    const table = blocks.find((b) => b.kind === "table");
    const funnel = content.figures.indicators.lines.filter((l) => l.section === "funnel" && l.group === null && l.display === "count");
    expect(funnel.length).toBeGreaterThan(0);
    for (const l of funnel) {
      const n = String(l.current.numerator);
      expect(sentence?.kind === "paragraph" && sentence.text).toContain(`${l.name}: ${n}.`);
      expect(table?.kind === "table" && table.rows.find((r) => r[0] === l.name)?.[1]).toBe(n);
      expect(text).toContain(`${l.name}: ${n}.`);
    }
  });

  it("has the same text in the Word file as in the PDF", () => {
    const doc = documentOf(content, today);
    for (const s of documentStrings(doc).filter((x) => x.length > 0)) {
      for (const line of s.split("\n")) expect(word).toContain(squash(line).trim());
    }
  });

  it("previews the report as a page before a version is stored, audited, nothing stored", async () => {
    const before = await db()
      .select({ n: interimReportVersions.number })
      .from(interimReportVersions)
      .where(eq(interimReportVersions.reportId, id));
    const res = await get(t.app, leader, `/rapporter/${id}/forhandsgranskning`);
    expect(res.statusCode).toBe(200);
    const page = squash(res.body);
    for (const s of [
      "SN 2026/417",
      "Förslag till beslut",
      "Nyckeltal mot målen",
      "Bilaga A. Alla indikatorer",
      'src="/rapporter/mall/logotyp"',
    ])
      expect(page).toContain(s);
    const after = await db()
      .select({ n: interimReportVersions.number })
      .from(interimReportVersions)
      .where(eq(interimReportVersions.reportId, id));
    expect(after).toEqual(before);
    const audits = await db().select().from(auditLog).where(eq(auditLog.action, "interim_report.preview"));
    expect(audits.map((a) => a.recordId)).toEqual([id]);
  });
});

describe("a version with every section: budget per category, waits against the limit, answer distributions", () => {
  let pdf: Buffer;
  let text = "";
  let doc: ReportDocument;

  beforeAll(async () => {
    const read = (await apiCall(t.app, "GET", "/api/v1/report-template", token)).json();
    const put = await apiCall(t.app, "PUT", "/api/v1/report-template", token, {
      introduction: read.introduction,
      contact: read.contact,
      sections: [...templateSections],
      version: read.version,
    });
    expect(put.statusCode, put.body).toBe(200);
    const created = await postForm(t.app, leader, "/rapporter/ny", { title: "Hela rapporten", periodFrom: from, periodTo: today });
    expect(created.statusCode, created.body.slice(0, 800)).toBe(303);
    const id = /\/rapporter\/([0-9a-f-]{36})\?/.exec(created.headers.location as string)?.[1] ?? "";
    expect((await postForm(t.app, leader, `/rapporter/${id}/versioner`, {})).statusCode).toBe(303);
    pdf = (await get(t.app, leader, `/rapporter/${id}/versioner/1.pdf`)).rawPayload;
    text = await pdfText(pdf);
    const [stored] = await db().select().from(interimReportVersions).where(eq(interimReportVersions.reportId, id));
    doc = documentOf(stored?.figures as VersionContent, today);
  });

  it("shows no number in the PDF that the stored figures do not give, and every figure of the new tables", async () => {
    const allowed = await allowedNumbers(doc, pdf);
    const foreign = rawNumbersIn(text).filter((n) => !isAllowed(n, allowed));
    expect(foreign).toEqual([]);
    const tables = (key: string) => doc.sections.find((s) => s.key === key)?.blocks.filter((b) => b.kind === "table") ?? [];
    const budget = tables("budget");
    const waits = tables("waits");
    const surveys = tables("surveys");
    const campaigns = tables("campaigns");
    // The demo's campaigns: last year's and this year's of both annual surveys.
    expect(campaigns.length).toBe(2);
    expect(budget.length).toBeGreaterThanOrEqual(2); // per year and category, the savings estimate
    expect(waits.length).toBe(1);
    for (const b of [...budget, ...waits, ...surveys, ...campaigns])
      if (b.kind === "table")
        for (const cell of b.rows.flatMap((r) => r.slice(1)).filter((c) => /\d/.test(c))) expect(squash(text)).toContain(cell);
    expect(text).toContain("Andel som väntade mer än 14 dagar");
  });
});

describe("the annual surveys year on year and the staff beside the same period last year, hand-counted", () => {
  // Four years back: before the demo's families (assigned from the year before last) and its campaigns (last year and this year).
  const year = Number(today.slice(0, 4)) - 4;
  const before = year - 1;
  const [S1, S2, S3, S4, S5] = staffAnnual.items.map((i) => i.key) as [string, string, string, string, string];
  let content: VersionContent;
  let doc: ReportDocument;
  let pdf: Buffer;
  let text = "";
  let word = "";

  async function campaign(instrumentKey: string, y: number, unit: string, forms: Array<Record<string, number | "dk">>) {
    const created = await apiCall(t.app, "POST", "/api/v1/survey-campaigns", campaignToken, {
      name: `${instrumentKey} ${y}`,
      instrumentKey,
      opensOn: `${y}-03-01`,
      closesOn: `${y}-03-31`,
      unitIds: [await unitId(t, unit)],
    });
    expect(created.statusCode, created.body).toBe(201);
    for (const f of forms) {
      const res = await apiCall(t.app, "POST", `/api/v1/survey-campaigns/${created.json().id}/paper-responses`, campaignToken, {
        submissionKey: crypto.randomUUID(),
        answers: Object.entries(f).map(([itemKey, v]) => ({ itemKey, value: v === "dk" ? null : v, dontKnow: v === "dk" })),
      });
      expect(res.statusCode, res.body).toBe(201);
    }
  }

  /** A family decided on the day, its child at the unit, the child caseworker given (the adult caseworker: vuxenhandlaggare). */
  async function familyOn(day: string, unit: string, child: string) {
    const ago = daysBetween(day, today) ?? 0;
    await decidedFamily(t, {
      requestDaysAgo: ago + 5,
      decidedDaysAgo: ago,
      children: [{ name: "Lilla Tolvansson", age: 8, gender: "girl", unit }],
      staff: { child, adult: "vuxenhandlaggare", leader: "processledare" },
    });
  }

  let campaignToken = "";
  beforeAll(async () => {
    campaignToken = await apiToken(t, "processledare", ["surveys.campaigns"]);
    // The staff survey. The year before, six forms: Q1 4 3 3 2 4 2 (18/6 = 3,00); Q2 4 4 3 3 and two
    // "don't know" (four on the scale: fewer than five, hidden); Q3 1 2 2 3 4 4 (16/6 = 2,67); Q4, Q5 unanswered.
    await campaign("arlig-medarbetarenkat", before, "Barn och unga Väst", [
      { [S1]: 4, [S2]: 4, [S3]: 1 },
      { [S1]: 3, [S2]: 4, [S3]: 2 },
      { [S1]: 3, [S2]: 3, [S3]: 2 },
      { [S1]: 2, [S2]: 3, [S3]: 3 },
      { [S1]: 4, [S2]: "dk", [S3]: 4 },
      { [S1]: 2, [S2]: "dk", [S3]: 4 },
    ]);
    // The report's year, five forms: Q1 4 4 4 3 3 (3,60, +0,60); Q2 4 4 4 4 3 (3,80); Q3 2 2 3 3 3 (2,60, -0,07).
    await campaign("arlig-medarbetarenkat", year, "Barn och unga Väst", [
      { [S1]: 4, [S2]: 4, [S3]: 2 },
      { [S1]: 4, [S2]: 4, [S3]: 2 },
      { [S1]: 4, [S2]: 4, [S3]: 3 },
      { [S1]: 3, [S2]: 4, [S3]: 3 },
      { [S1]: 3, [S2]: 3, [S3]: 3 },
    ]);
    // The parents' survey: none the year before, three forms in the report's year (fewer than five: the year is hidden).
    const [P1] = parentAnnual.items.map((i) => i.key) as [string];
    await campaign("arlig-foraldraenkat", year, "Barn och unga Väst", [{ [P1]: 4 }, { [P1]: 3 }, { [P1]: 2 }]);

    // The staff. The year before: every caseworker of Barn och unga Väst (five) takes a family; in the
    // report's year two of Barn och unga Öst's five do. The adult caseworker (one of Vuxen 1's seven) has all seven.
    for (const child of ["marko.petrovic", "elin.hammar", "hampus.ring", "idun.sjolund", "nathalie.borg"])
      await familyOn(`${before}-05-03`, "Barn och unga Väst", child);
    for (const child of ["helena.sund", "joakim.brandt"]) await familyOn(`${year}-04-12`, "Barn och unga Öst", child);

    const created = await postForm(t.app, leader, "/rapporter/ny", {
      title: `Delrapport ${year}`,
      periodFrom: `${year}-01-01`,
      periodTo: `${year}-12-31`,
    });
    expect(created.statusCode, created.body.slice(0, 800)).toBe(303);
    const id = /\/rapporter\/([0-9a-f-]{36})\?/.exec(created.headers.location as string)?.[1] ?? "";
    expect((await postForm(t.app, leader, `/rapporter/${id}/versioner`, {})).statusCode).toBe(303);
    content = (await apiCall(t.app, "GET", `/api/v1/reports/${id}/versions/1`, token)).json();
    pdf = (await get(t.app, leader, `/rapporter/${id}/versioner/1.pdf`)).rawPayload;
    text = await pdfText(pdf);
    word = await docxText((await get(t.app, leader, `/rapporter/${id}/versioner/1.docx`)).rawPayload);
    doc = documentOf(content, today);
  }, 240_000);

  it("stores each annual survey's years, respondents and means, hidden by the respondents' rule", () => {
    expect(content.figures.minGroupSize).toBe(5);
    const campaigns = content.figures.campaigns;
    expect(campaigns?.year).toBe(year);
    const staff = campaigns?.instruments.find((i) => i.key === "arlig-medarbetarenkat");
    expect(staff?.years).toEqual([
      { year: before, held: true, n: 6, suppressed: false },
      { year, held: true, n: 5, suppressed: false },
    ]);
    const item = (key: string) => staff?.items.find((i) => i.key === key);
    expect(item(S1)).toMatchObject({ means: [3, 3.6], hidden: [false, false] });
    expect(item(S2)).toMatchObject({ means: [null, 3.8], hidden: [true, false] });
    expect(item(S3)?.means[0]).toBeCloseTo(16 / 6, 10);
    expect(item(S3)?.means[1]).toBeCloseTo(2.6, 10);
    for (const k of [S4, S5]) expect(item(k)).toMatchObject({ means: [null, null], hidden: [false, false] });
    const parents = campaigns?.instruments.find((i) => i.key === "arlig-foraldraenkat");
    expect(parents?.years).toEqual([
      { year: before, held: false, n: 0, suppressed: false },
      { year, held: true, n: null, suppressed: true },
    ]);
    expect(parents?.items.every((i) => i.means[1] === null && i.hidden[1])).toBe(true);
  });

  it("writes the comparison in the PDF and the Word file, a year without a campaign in one sentence", () => {
    const section = doc.sections.find((s) => s.key === "campaigns");
    const tables = section?.blocks.filter((b) => b.kind === "table") ?? [];
    expect(tables).toHaveLength(2);
    const [staff, parents] = tables;
    const text0 = (k: string) => staffAnnual.items.find((i) => i.key === k)?.texts.sv ?? "";
    expect(staff?.kind === "table" && staff.head).toEqual(["Fråga", `År ${before}`, `År ${year}`, "Förändring"]);
    expect(staff?.kind === "table" && staff.rows).toEqual([
      ["Antal svarande", "6", "5", ""],
      [text0(S1), "3,00", "3,60", "+0,60"],
      [text0(S2), "..", "3,80", "–"],
      [text0(S3), "2,67", "2,60", "-0,07"],
      [text0(S4), "–", "–", "–"],
      [text0(S5), "–", "–", "–"],
    ]);
    // No campaign the year before: one sentence, and only the report's year in the table.
    expect(parents?.kind === "table" && parents.head).toEqual(["Fråga", `År ${year}`]);
    expect(parents?.kind === "table" && parents.rows.every((r) => r[1] === "..")).toBe(true);
    const sentence = `Årlig enkät till föräldrar: ingen kampanj genomfördes ${before}.`;
    expect(section?.blocks.some((b) => b.kind === "paragraph" && b.text === sentence)).toBe(true);
    for (const out of [text, word]) {
      expect(out).toContain("Årliga enkäter, år mot år");
      expect(out).toContain(sentence);
      expect(out).toContain(`Årlig enkät till medarbetare: medelvärde per fråga, ${before} och ${year}`);
      for (const cell of ["3,00", "3,60", "+0,60", "3,80", "2,67", "2,60", "-0,07"]) expect(out).toContain(cell);
    }
  });

  it("stores each unit's participation in the same period last year beside this period's, hidden where few", () => {
    const unit = (name: string) => content.figures.staff.units.find((u) => u.unitName === name);
    expect(unit("Barn och unga Väst")).toMatchObject({
      caseworkers: 5,
      participating: 5,
      share: 1,
      previous: { caseworkers: 5, participating: 5, share: 1, suppressed: false },
    });
    // Two of five in the report's year: hidden with their complement; none the year before.
    expect(unit("Barn och unga Öst")).toMatchObject({
      participating: null,
      share: null,
      suppressed: true,
      previous: { caseworkers: 5, participating: 0, share: 0, suppressed: false },
    });
    // One of seven in both years: hidden.
    expect(unit("Beroendeenheten Vuxen 1")).toMatchObject({
      share: null,
      suppressed: true,
      previous: { participating: null, share: null, suppressed: true },
    });
    const table = doc.sections.find((s) => s.key === "staff")?.blocks.find((b) => b.kind === "table");
    expect(table?.kind === "table" && table.head).toContain("Andel samma period förra året");
    const row = (name: string) => (table?.kind === "table" ? table.rows.find((r) => r[0] === name) : undefined);
    expect(row("Barn och unga Väst")).toEqual(["Barn och unga Väst", "5", "5", "100 %", "100 %", "1,00"]);
    expect(row("Barn och unga Öst")?.slice(3, 5)).toEqual(["..", "0 %"]);
    expect(row("Beroendeenheten Vuxen 1")?.slice(3, 5)).toEqual(["..", ".."]);
    for (const out of [text, word]) {
      expect(out).toContain("Andel samma period förra året");
      expect(out).toContain("Barn och unga Väst 5 5 100 % 100 % 1,00");
    }
  });

  it("shows no number in the PDF that the stored figures do not give", async () => {
    const allowed = await allowedNumbers(doc, pdf);
    expect(rawNumbersIn(text).filter((n) => !isAllowed(n, allowed))).toEqual([]);
  });
});
