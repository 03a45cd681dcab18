import { asc, desc, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { h } from "preact";
import { render } from "preact-render-to-string";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiCall, apiToken, createTestApp, get, login, type TestApp, testClock } from "../../test/helpers.ts";
import { auditLog, municipalities } from "../db/schema/index.ts";
import { municipalityPrecision } from "../organisation/index.ts";
import { addDays } from "../platform/dates.ts";
import { chartFigure } from "../platform/echarts.ts";
import { translator } from "../platform/i18n.ts";
import { defaultPrecision, formatShare } from "../platform/precision.ts";
import { followupToApi } from "./api.ts";
import { cellsOf, cellText, figureText, followupCsv, followupXlsx } from "./export.ts";
import { measuresDays, seededIndicators } from "./indicators/index.ts";
import { suppressionRuleOf } from "./results.ts";
import { computeFollowup, defaultPeriod, type FollowupData, parsePeriod, presets, previousPeriod } from "./service.ts";
import { ChartFigure, MAX_CHART_GROUPS } from "./views.tsx";

let t: TestApp;
const db = () => t.database.db;
let municipalityId = "";

beforeAll(async () => {
  t = await createTestApp();
  const [m] = await db().select({ id: municipalities.id }).from(municipalities).orderBy(asc(municipalities.createdAt)).limit(1);
  municipalityId = m?.id ?? "";
});
afterAll(() => t.close());

const sv = translator("sv");
/** The year up to today: the demo families' requests fall in it. */
const today = testClock().today();
const year = { from: addDays(today, -364), to: today };
const query = (p: { from: string; to: string }) => `from=${p.from}&to=${p.to}`;
const decode = (s: string) =>
  s
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'");

describe("the period", () => {
  it("defaults to the current half-year so far and compares with the same length just before", () => {
    expect(defaultPeriod("2026-03-15")).toEqual({ from: "2026-01-01", to: "2026-03-15" });
    expect(defaultPeriod("2026-07-01")).toEqual({ from: "2026-07-01", to: "2026-07-01" });
    expect(previousPeriod({ from: "2026-01-01", to: "2026-06-30" })).toEqual({ from: "2025-07-04", to: "2025-12-31" });
    expect(previousPeriod({ from: "2026-03-01", to: "2026-03-01" })).toEqual({ from: "2026-02-28", to: "2026-02-28" });
    expect(presets("2026-11-27")).toEqual({
      halfYear: { from: "2026-07-01", to: "2026-11-27" },
      thisYear: { from: "2026-01-01", to: "2026-11-27" },
      lastYear: { from: "2025-01-01", to: "2025-12-31" },
      lastHalfYear: { from: "2026-01-01", to: "2026-06-30" },
    });
    expect(presets("2026-02-01").lastHalfYear).toEqual({ from: "2025-07-01", to: "2025-12-31" });
  });

  it("refuses a date that is not one, an end before the start and more than ten years", () => {
    const refused = (from: string, to: string) => {
      try {
        parsePeriod(from, to, today);
        return null;
      } catch (e) {
        return (e as { fieldErrors: Record<string, string> }).fieldErrors;
      }
    };
    expect(refused("2026-02-30", "2026-03-01")).toEqual({ from: "followup.error.date" });
    expect(refused("2026-03-01", "2026-02-01")).toEqual({ to: "followup.error.toBeforeFrom" });
    expect(refused("2000-01-01", "2026-01-01")).toEqual({ to: "followup.error.tooLong" });
    expect(refused("2026-01-01", "2026-06-30")).toBeNull();
  });
});

describe("the figures on the demo data", () => {
  let data: FollowupData;
  beforeAll(async () => {
    data = await computeFollowup(db(), municipalityId, year, today);
  });

  it("has every seeded indicator, in its section, with the period and the previous one", () => {
    expect(data.indicators.map((i) => i.key).sort()).toEqual(seededIndicators.map((s) => s.key).sort());
    for (const i of data.indicators) {
      expect(i.section).toBe(seededIndicators.find((s) => s.key === i.key)?.content.section);
      expect(i.section).not.toBe("other");
      expect(i.version).toBe(1);
    }
    expect(data.previous).toEqual(previousPeriod(year));
    expect(data.empty).toBe(false);
    const started = data.indicators.find((i) => i.key === "tratt-paborjade");
    expect(started?.current[0]?.numerator).toBeGreaterThan(0);
    expect(started?.previous).toHaveLength(1);
  });

  it("hides small groups: counts of persons by cells, shares and means of survey answers by the group of respondents", () => {
    expect(data.indicators.some((i) => [...i.current, ...i.previous].some((r) => r.suppressed))).toBe(true);
    for (const i of data.indicators)
      for (const r of [...i.current, ...i.previous]) {
        if (suppressionRuleOf(i.definition) === "cells") {
          if (r.numerator !== null && r.numerator > 0) expect(r.numerator).toBeGreaterThanOrEqual(i.minGroupSize);
        } else if (r.denominator !== null && r.denominator > 0) expect(r.denominator).toBeGreaterThanOrEqual(i.minGroupSize);
      }
  });

  it("says a period with nothing in it is empty", async () => {
    const empty = await computeFollowup(db(), municipalityId, { from: "1990-01-01", to: "1990-06-30" }, today);
    expect(empty.empty).toBe(true);
    expect(empty.indicators).toHaveLength(seededIndicators.length);
  });
});

describe("the page", () => {
  it("shows every indicator with its target, its chart and its table, links to the definitions and explains ..", async () => {
    const b = await login(t.app, "analytiker");
    const res = await get(t.app, b, `/uppfoljning?${query(year)}`);
    expect(res.statusCode).toBe(200);
    const html = decode(res.body);
    expect((html.match(/<h1[\s>]/g) ?? []).length).toBe(1);
    const data = await computeFollowup(db(), municipalityId, year, today);
    for (const s of seededIndicators) {
      expect(html).toContain(`<a class="ds-link" href="/uppfoljning/indikatorer/${s.key}/versioner/1">${s.name}</a>`);
      // A breakdown with no group in either period (the demo data has few survey answers) has no table, nothing to link.
      const figures = data.indicators.find((i) => i.key === s.key);
      if (figures && figures.current.length + figures.previous.length > 0)
        expect(html).toContain(`href="/uppfoljning/indikatorer/${s.key}/versioner/1#taljare"`);
    }
    expect(data.indicators.filter((i) => i.current.length + i.previous.length > 0).length).toBeGreaterThan(seededIndicators.length / 2);
    expect(html).toContain("Mål: minst 80 %");
    expect(html).toMatch(/Målet (inte )?nått/);
    expect(html).toContain('<svg role="img" aria-label="Stapeldiagram: Förfrågningar som tagits upp på Sofiamöte');
    expect(html).toMatch(/<svg role="img" aria-label="[^"]+" focusable="false" class="sofia-chart__svg" [^>]*viewBox="-80 0 720 \d+"/);
    expect(html).toContain('<span aria-hidden="true">..</span><span class="sofia-sr-only">för få för att visas</span>');
    expect(html).toContain("”..” betyder att gruppen är mindre än 5");
    expect(html).toContain(`jämförs med föregående period, ${previousPeriod(year).from}–${previousPeriod(year).to}`);
    expect(html).toContain('href="/utfall/resultat"');
    expect(html).toContain('href="/implementering/deltagande"');
    expect(html).toContain(`href="/uppfoljning/export.csv?${query(year)}"`);
  });

  it("draws no chart for a breakdown of more groups than a chart shows readably, only its table", async () => {
    const data = await computeFollowup(db(), municipalityId, year, today);
    const grouped = data.indicators.find((i) => i.definition.groupBy !== null && i.current.length > 0);
    if (!grouped) throw new Error("the demo has a breakdown with figures");
    const many = (n: number) => ({
      ...grouped,
      current: Array.from({ length: n }, (_, k) => ({
        ...(grouped.current[0] as (typeof grouped.current)[number]),
        group: `Enhet ${k + 1}`,
      })),
      previous: [],
    });
    const view = {
      t: sv,
      locale: "sv" as const,
      actor: null,
      csrfToken: "x",
      nonce: "n",
      path: "/uppfoljning",
      idleSeconds: 1800,
      warnSeconds: 120,
    };
    const draw = (n: number) => decode(render(h(ChartFigure, { view, indicator: many(n), precision: defaultPrecision })));
    expect(draw(MAX_CHART_GROUPS)).toContain("<svg");
    const tooMany = draw(MAX_CHART_GROUPS + 1);
    expect(tooMany).not.toContain("<svg");
    expect(tooMany).toContain(
      `Inget diagram: ${MAX_CHART_GROUPS + 1} grupper är fler än ett diagram kan visa läsbart (${MAX_CHART_GROUPS}).`,
    );
  });

  it("defaults to the current half-year and offers the presets", async () => {
    const b = await login(t.app, "processledare");
    const res = await get(t.app, b, "/uppfoljning");
    expect(res.statusCode).toBe(200);
    const p = defaultPeriod(today);
    expect(res.body).toContain(`name="from" type="text" value="${p.from}"`);
    expect(res.body).toContain(`name="to" type="text" value="${p.to}"`);
    expect(decode(res.body)).toContain(`href="/uppfoljning?from=${presets(today).lastYear.from}&to=${presets(today).lastYear.to}"`);
    expect(res.body).toContain('href="/uppfoljning"');
  });

  it("says so when the period is empty, without an error", async () => {
    const b = await login(t.app, "analytiker");
    const res = await get(t.app, b, "/uppfoljning?from=1990-01-01&to=1990-06-30");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Det finns inga uppgifter för perioden 1990-01-01–1990-06-30");
  });

  it("refuses a bad period with the field's error", async () => {
    const b = await login(t.app, "analytiker");
    const res = await get(t.app, b, "/uppfoljning?from=2026-13-01&to=2026-01-01");
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("Ange ett datum som ÅÅÅÅ-MM-DD.");
    expect(res.body).toContain('aria-invalid="true"');
  });

  it("is refused to a caseworker, page, exports and API alike", async () => {
    const b = await login(t.app, "barnhandlaggare");
    expect((await get(t.app, b, "/uppfoljning")).statusCode).toBe(403);
    expect((await get(t.app, b, "/uppfoljning/export.csv")).statusCode).toBe(403);
    expect((await get(t.app, b, "/uppfoljning/export.xlsx")).statusCode).toBe(403);
    expect((await get(t.app, b, "/uppfoljning/indikatorer")).statusCode).toBe(403);
    const token = await apiToken(t, "barnhandlaggare", ["followup.view"]);
    expect((await apiCall(t.app, "GET", "/api/v1/followup", token)).statusCode).toBe(403);
  });

  it("is audited as a statistics view", async () => {
    const b = await login(t.app, "enhetschef");
    await get(t.app, b, `/uppfoljning?${query(year)}`);
    const [row] = await db().select().from(auditLog).where(eq(auditLog.action, "followup.view")).orderBy(desc(auditLog.at)).limit(1);
    expect(row?.recordType).toBe("municipality");
    expect(row?.recordId).toBe(municipalityId);
    expect(row?.detail).toMatchObject({ statistics: true, from: year.from, to: year.to, indicators: seededIndicators.length });
  });
});

describe("the exports", () => {
  it("gives every table as CSV: BOM, semicolons, decimal comma and .. as on the page", async () => {
    const data = await computeFollowup(db(), municipalityId, year, today);
    const b = await login(t.app, "analytiker");
    const res = await get(t.app, b, `/uppfoljning/export.csv?${query(year)}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers["content-disposition"]).toBe(`attachment; filename="uppfoljning-${year.from}-${year.to}.csv"`);
    expect(res.body.startsWith("\uFEFF")).toBe(true);
    expect(res.body).toBe(followupCsv(sv, "sv", data));
    const lines = res.body.slice(1).split("\r\n");
    for (const s of seededIndicators) expect(lines.some((l) => l.includes(s.name))).toBe(true);
    const goal = data.indicators.find((i) => i.key === "mal-fortsatt-stod");
    const header = lines.findIndex((l) => l.includes("Andel familjer som söker eller får fortsatt stöd"));
    expect(lines[header + 2]).toBe("Period;Antal (n);Av (N);Andel;Bedömning");
    const row = goal?.current[0];
    const expected = [
      `Perioden ${year.from}–${year.to}`,
      row?.numerator === null ? ".." : String(row?.numerator),
      row?.denominator === null ? ".." : String(row?.denominator),
      row?.percent === null ? (row?.suppressed ? ".." : "–") : formatShare(row?.percent ?? 0).replace("\u00a0%", ""),
    ].join(";");
    expect(lines[header + 3]?.startsWith(expected)).toBe(true);
    expect(lines.some((l) => l.split(";").includes(".."))).toBe(true);
    // Meeting types are named as in the work model, never by their keys.
    const meetings = data.indicators.find((i) => i.key === "moten-per-typ");
    expect(meetings?.labels["familjemote-1"]).toBe("Familjemöte 1");
    expect(lines.some((l) => l.startsWith("familjemote-1;"))).toBe(false);
  });

  it("gives every table in one workbook, a sheet per section, hidden figures as ..", async () => {
    const data = await computeFollowup(db(), municipalityId, year, today);
    const b = await login(t.app, "analytiker");
    const res = await get(t.app, b, `/uppfoljning/export.xlsx?${query(year)}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      "Översikt",
      "Från förfrågan till genomförd s",
      "Processmål",
      "Möten och barnmöten",
      "Väntetider och avbrott",
      "Fortsatt stöd",
      "Familjernas svar",
      "Medarbetarnas deltagande",
      "Köns- och barnperspektiv",
      "Placeringar och placeringsforum",
    ]);
    const values = (name: string) =>
      (workbook.getWorksheet(name)?.getSheetValues() ?? []).filter(Boolean).map((r) => (r as unknown[]).slice(1));
    const overview = values("Översikt");
    expect(overview.filter((r) => seededIndicators.some((s) => s.name === r[1]))).toHaveLength(seededIndicators.length);
    const funnel = values("Från förfrågan till genomförd s");
    const started = data.indicators.find((i) => i.key === "tratt-paborjade");
    const at = funnel.findIndex((r) => r[0] === "Familjer som påbörjat samtalsserien");
    expect(funnel[at + 1]).toEqual(["Period", "Antal"]);
    expect(funnel[at + 2]).toEqual([`Perioden ${year.from}–${year.to}`, started?.current[0]?.numerator ?? ".."]);
    const all = workbook.worksheets.slice(1).flatMap((w) => values(w.name).flat());
    expect(all).toContain("..");
    // Every hidden figure of the data is ".." in the workbook: as many as in the CSV.
    const csvHidden = followupCsv(sv, "sv", data)
      .split("\r\n")
      .flatMap((l) => l.split(";"))
      .filter((c) => c === "..").length;
    expect(all.filter((c) => c === "..")).toHaveLength(csvHidden);
  });

  it("keeps .. and – apart: a hidden share and a share of nobody", () => {
    expect(cellText("sv", { percent: null, hidden: true })).toBe("..");
    expect(cellText("sv", { percent: null, hidden: false })).toBe("–");
    expect(cellText("sv", { count: 1234 })).toBe("1\u00a0234");
  });

  it("writes shares and means with the municipality's precision, half up: whole percent and two decimals by default", () => {
    expect(cellText("sv", { percent: 42.5, hidden: false })).toBe("43\u00a0%");
    expect(cellText("sv", { percent: 42.5, hidden: false }, false)).toBe("43");
    expect(cellText("sv", { percent: 42.46, hidden: false })).toBe("42\u00a0%");
    expect(cellText("sv", { percent: 42.46, hidden: false }, true, { shareDecimals: 1, meanDecimals: 2 })).toBe("42,5\u00a0%");
    expect(cellText("en", { percent: 42.5, hidden: false })).toBe("43%");
    expect(cellText("sv", { value: 3.125, hidden: false })).toBe("3,13");
    expect(cellText("sv", { value: 3.125, hidden: false }, true, { shareDecimals: 0, meanDecimals: 0 })).toBe("3");
    expect(cellText("sv", { value: null, hidden: true })).toBe("..");
  });

  it("gives the workbook's shares and means rounded as the page writes them, with as many decimals", async () => {
    const data = sample();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await followupXlsx(sv, data, { shareDecimals: 0, meanDecimals: 2 })) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[1];
    const cells = (sheet?.getSheetValues() ?? []).filter(Boolean).map((r) => (r as unknown[]).slice(1));
    const line = cells.find((r) => r[0] === "Perioden 2026-01-01–2026-06-30");
    expect(line).toEqual(["Perioden 2026-01-01–2026-06-30", 17, 40, 0.43, "Målet inte nått"]);
    const cell = sheet?.getRow(cells.indexOf(line as unknown[]) + 1).getCell(4);
    expect(cell?.numFmt).toBe("0%");
  });
});

/** A follow-up with one share indicator: 17 of 40 in the period (42.5 %), 2 of 3 before. */
function sample(): FollowupData {
  const definition = seededIndicators.find((i) => i.key === "mal-fortsatt-stod")?.content;
  if (!definition) throw new Error("the seeded goal is missing");
  const row = (numerator: number, denominator: number) => ({
    group: null,
    numerator,
    denominator,
    percent: (numerator / denominator) * 100,
    value: null,
    met: false,
    suppressed: false,
  });
  return {
    period: { from: "2026-01-01", to: "2026-06-30" },
    previous: { from: "2025-07-04", to: "2025-12-31" },
    comparison: "previous",
    waitLimitDays: 14,
    precision: defaultPrecision,
    minGroupSize: 1,
    empty: false,
    indicators: [
      {
        key: "mal-fortsatt-stod",
        name: definition.name,
        definition,
        minGroupSize: 1,
        periods: {},
        labels: {},
        version: 1,
        section: "goals",
        current: [row(17, 40)],
        previous: [row(2, 3)],
      },
    ],
  };
}

describe("the API's display fields", () => {
  it('17 of 40 shows "43 %" beside the exact 42.5; with one decimal "42,5 %"', () => {
    const [i] = followupToApi(sample()).indicators;
    expect(i?.current[0]).toMatchObject({ numerator: 17, denominator: 40, percent: 42.5, text: "43\u00a0%" });
    expect(i?.previous[0]?.percent).toBe((2 / 3) * 100);
    expect(i?.previous[0]?.text).toBe("67\u00a0%");
    const decimal = followupToApi(sample(), { shareDecimals: 1, meanDecimals: 2 }).indicators[0];
    expect(decimal?.current[0]?.text).toBe("42,5\u00a0%");
    expect(decimal?.previous[0]?.text).toBe("66,7\u00a0%");
    expect(followupToApi(sample(), undefined, "en").indicators[0]?.current[0]?.text).toBe("43%");
  });
});

describe("waits in days", () => {
  it("are written with one decimal at most (14,5; 14), on the API, in the tables and exports and in the charts, whatever the mean decimals", () => {
    const data = sample();
    const key = "vantetid-forfragan-tilldelning-median";
    const definition = seededIndicators.find((i) => i.key === key)?.content;
    if (!definition) throw new Error("the seeded wait is missing");
    const wait = (value: number) => ({ group: null, numerator: 0, denominator: 9, percent: null, value, met: null, suppressed: false });
    const base = data.indicators[0] as FollowupData["indicators"][number];
    data.indicators = [{ ...base, key, name: definition.name, definition, section: "waits", current: [wait(14.5)], previous: [wait(14)] }];
    const [i] = followupToApi(data, { shareDecimals: 0, meanDecimals: 2 }).indicators;
    expect(i?.current[0]).toMatchObject({ value: 14.5, text: "14,5" });
    expect(i?.previous[0]?.text).toBe("14");
    expect(figureText("median", wait(14.25), defaultPrecision, "sv", true)).toBe("14,3");
    // A survey mean keeps the municipality's decimals.
    expect(figureText("mean", wait(3.5), defaultPrecision, "sv")).toBe("3,50");
    // The table's cells (page, CSV, report) and the chart's labels.
    const csv = followupCsv(translator("sv"), "sv", data, defaultPrecision);
    expect(csv).toContain(";14,5");
    expect(csv).not.toContain("14,50");
    expect(
      cellsOf(translator("sv"), data, data.indicators[0] as FollowupData["indicators"][number]).map((r) =>
        cellText("sv", r.find((c) => typeof c === "object" && "value" in c) ?? ""),
      ),
    ).toEqual(["14,5", "14"]);
    expect(chartFigure(14.5, false, defaultPrecision, "sv", true)).toBe("14,5");
    expect(chartFigure(14.5, false, defaultPrecision, "sv")).toBe("14,50");
  });
});

describe("the API", () => {
  it("gives the same figures as the page, hidden ones as null", async () => {
    const token = await apiToken(t, "analytiker", ["followup.view"]);
    const res = await apiCall(t.app, "GET", `/api/v1/followup?${query(year)}`, token);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const data = await computeFollowup(db(), municipalityId, year, today);
    expect(body.period).toEqual(year);
    expect(body.previous).toEqual(previousPeriod(year));
    expect(body.indicators.map((i: { key: string }) => i.key)).toEqual(data.indicators.map((i) => i.key));
    const precision = await municipalityPrecision(db(), municipalityId);
    for (const [k, i] of data.indicators.entries()) {
      const withText = (r: (typeof i.current)[number]) => ({
        ...r,
        text: figureText(i.definition.display, r, precision, "sv", measuresDays(i.definition)),
      });
      // A wait is written in days, one decimal at most.
      if (measuresDays(i.definition)) for (const r of body.indicators[k].current) expect(r.text, i.key).toMatch(/^(\d+(,\d)?|\.\.|–)$/);
      expect(body.indicators[k].current).toEqual(i.current.map(withText));
      expect(body.indicators[k].previous).toEqual(i.previous.map(withText));
    }
    // The display field follows the municipality's setting; the exact value stays.
    await db().update(municipalities).set({ shareDecimals: 1 }).where(eq(municipalities.id, municipalityId));
    try {
      const decimal = (await apiCall(t.app, "GET", `/api/v1/followup?${query(year)}`, token)).json();
      const shares = decimal.indicators.flatMap((i: { current: { percent: number | null; text: string }[] }) => i.current);
      const shown = shares.filter((r: { percent: number | null }) => r.percent !== null);
      expect(shown.length).toBeGreaterThan(0);
      for (const r of shown) expect(r.text).toBe(formatShare(r.percent, { shareDecimals: 1, meanDecimals: 2 }));
    } finally {
      await db().update(municipalities).set({ shareDecimals: 0 }).where(eq(municipalities.id, municipalityId));
    }
    const bad = await apiCall(t.app, "GET", "/api/v1/followup?from=2026-02-30", token);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([{ field: "from", message: "Ange ett datum som ÅÅÅÅ-MM-DD." }]);
  });
});
