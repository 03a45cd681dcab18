/**
 * The follow-up's tables as rows of cells, shared by the page, the CSV (UTF-8 with BOM, semicolons,
 * Swedish decimal comma, as the survey results' CSV) and the XLSX workbook (a sheet per section). A
 * hidden figure is ".." everywhere, never a number.
 */

import { csvLine } from "../platform/csv.ts";
import { newWorkbook } from "../platform/excel.ts";
import { formatNumber, type Locale, type Translate } from "../platform/i18n.ts";
import { defaultPrecision, formatDays, formatMean, formatShare, type Precision, roundHalfUp } from "../platform/precision.ts";
import { SUPPRESSED } from "../platform/suppression.ts";
import { type Definition, groupOrder, isShare, isStatistic, measuresDays } from "./indicators/index.ts";
import type { ResultRow } from "./results.ts";
import { type FollowupData, type IndicatorFigures, type Section, sections } from "./service.ts";

/** A figure: a count, a share or a statistic (exact; written with the municipality's precision) or hidden (null); text for the rest. */
export type Cell =
  | string
  | { count: number | null }
  | { percent: number | null; hidden: boolean }
  | { value: number | null; hidden: boolean; days?: boolean };

/** No figure to give (an empty denominator), as opposed to a hidden one (..). */
export const NONE = "–";

export interface Line {
  /** The group's label; null without a breakdown. */
  group: string | null;
  period: "current" | "previous";
  row: ResultRow;
}

/**
 * The group's label: a known value in words, a band or a meeting type as it is, a missing value as
 * "not recorded" (or as the catalog key `labels[""]` names: a survey answer's "don't know").
 */
export function groupLabel(t: Translate, group: string | null, labels: Record<string, string> = {}): string {
  if (group === null) return t(labels[""] ?? "followup.group.missing");
  if (labels[group]) return labels[group];
  const key = `indicators.value.${group}`;
  const text = t(key);
  return text === key ? group : text;
}

/** The groups of either period in the definition's order (bands, the field's values), others alphabetically, "not recorded" last. */
export function groupsOf(i: IndicatorFigures): (string | null)[] {
  const out: (string | null)[] = [];
  for (const r of [...i.current, ...i.previous]) if (!out.includes(r.group)) out.push(r.group);
  const order = groupOrder(i.definition);
  const rank = (g: string | null) => (g === null ? order.length + 1 : order.indexOf(g) >= 0 ? order.indexOf(g) : order.length);
  return out.sort((a, b) => rank(a) - rank(b) || (a ?? "").localeCompare(b ?? "", "sv", { numeric: true }));
}

/** The table's lines: per group (or once) the period, then the previous period. */
export function linesOf(i: IndicatorFigures): Line[] {
  const lines: Line[] = [];
  const grouped = i.definition.groupBy !== null;
  if (!grouped) {
    for (const period of ["current", "previous"] as const) {
      const row = i[period][0];
      if (row) lines.push({ group: null, period, row });
    }
    return lines;
  }
  for (const g of groupsOf(i)) {
    for (const period of ["current", "previous"] as const) {
      const row = i[period].find((r) => r.group === g);
      if (row) lines.push({ group: g, period, row });
    }
  }
  return lines;
}

export function metLabel(t: Translate, i: IndicatorFigures, row: ResultRow | undefined): string {
  if (!i.definition.target) return t("followup.met.none");
  if (!row || row.met === null) return t("followup.met.unknown");
  return t(row.met ? "followup.met.true" : "followup.met.false");
}

/** "Perioden 2026-01-01–2026-06-30"; without the dates when `short` (the page says them once). */
export const periodLabel = (t: Translate, data: FollowupData, period: "current" | "previous", short = false) => {
  const p = period === "current" ? data.period : data.previous;
  const name = t(period === "current" ? "followup.col.current" : "followup.col.previous");
  return short ? name : `${name} ${p.from}–${p.to}`;
};

/** The column headers of an indicator's table. */
export function headerOf(t: Translate, i: IndicatorFigures): string[] {
  const grouped = i.definition.groupBy !== null;
  const display = i.definition.display;
  const figures = isShare(display)
    ? [t("followup.col.numerator"), t("followup.col.denominator"), t("followup.col.percent")]
    : isStatistic(display)
      ? [t("followup.col.n"), t(`followup.col.${display}`)]
      : [t("followup.col.count")];
  return [
    ...(grouped ? [t("followup.col.group")] : []),
    t("followup.col.period"),
    ...figures,
    ...(i.definition.target ? [t("followup.col.met")] : []),
  ];
}

/** An indicator's table as cells, in the header's order. */
export function cellsOf(t: Translate, data: FollowupData, i: IndicatorFigures, short = false): Cell[][] {
  const grouped = i.definition.groupBy !== null;
  return linesOf(i).map(({ group, period, row }) => [
    ...(grouped ? [groupLabel(t, group, i.labels)] : []),
    periodLabel(t, data, period, short),
    ...(isShare(i.definition.display)
      ? [{ count: row.numerator }, { count: row.denominator }, { percent: row.percent, hidden: row.suppressed }]
      : isStatistic(i.definition.display)
        ? [{ count: row.denominator }, { value: row.value, hidden: row.suppressed, days: measuresDays(i.definition) }]
        : [{ count: row.numerator }]),
    ...(i.definition.target ? [metLabel(t, i, row)] : []),
  ]);
}

/** A share as shown: "43 %" (the municipality's decimals, half up; platform/precision.ts). */
export const formatPercent = (locale: Locale, p: number, precision: Precision = defaultPrecision) => formatShare(p, precision, locale);

/** A share's number without its unit, as a CSV cell: "42,5". */
const shareNumber = (locale: Locale, p: number, precision: Precision) => formatShare(p, precision, locale).replace(/\u00a0?%$/, "");

/** A cell as text: ".." when hidden; a share keeps its unit when `withUnit`. Shares and means with the municipality's precision. */
export function cellText(locale: Locale, c: Cell, withUnit = true, precision: Precision = defaultPrecision): string {
  if (typeof c === "string") return c;
  if ("count" in c) return c.count === null ? SUPPRESSED : formatNumber(locale, c.count);
  if ("value" in c)
    return c.value === null
      ? c.hidden
        ? SUPPRESSED
        : NONE
      : c.days
        ? formatDays(c.value, locale)
        : formatMean(c.value, precision, locale);
  if (c.percent === null) return c.hidden ? SUPPRESSED : NONE;
  return withUnit ? formatPercent(locale, c.percent, precision) : shareNumber(locale, c.percent, precision);
}

/** A row's figure as people read it (the API's display field): the share, the statistic or the count; ".." or "–". */
export function figureText(
  display: Definition["display"],
  row: ResultRow,
  precision: Precision = defaultPrecision,
  locale: Locale = "sv",
  /** A wait in days: one decimal at most (measuresDays). */
  days = false,
): string {
  const cell: Cell = isShare(display)
    ? { percent: row.percent, hidden: row.suppressed }
    : isStatistic(display)
      ? { value: row.value, hidden: row.suppressed, days }
      : { count: row.numerator };
  return cellText(locale, cell, true, precision);
}

// ---------------------------------------------------------------- CSV for Swedish Excel

const heading = (t: Translate, data: FollowupData) =>
  t("followup.export.heading", { from: data.period.from, to: data.period.to, pfrom: data.previous.from, pto: data.previous.to });

/** Every table of the page in one CSV: a heading line per indicator, its header and rows, a blank line between. */
export function followupCsv(t: Translate, locale: Locale, data: FollowupData, precision: Precision = defaultPrecision): string {
  const lines: string[] = [csvLine([heading(t, data)])];
  if (data.empty) lines.push(csvLine([t("followup.empty", { from: data.period.from, to: data.period.to })]));
  lines.push(csvLine([t("followup.suppressedNote", { min: data.minGroupSize })]));
  for (const i of data.indicators) {
    lines.push(csvLine([]));
    lines.push(csvLine([`${t(`followup.section.${i.section}`)}: ${i.name}`, t("followup.versionNote", { n: i.version })]));
    if (i.definition.target) lines.push(csvLine([t("followup.target", { target: targetWords(t, i) })]));
    lines.push(csvLine(headerOf(t, i)));
    for (const row of cellsOf(t, data, i)) lines.push(csvLine(row.map((c) => cellText(locale, c, false, precision))));
  }
  return `\uFEFF${lines.join("")}`;
}

export const targetWords = (t: Translate, i: IndicatorFigures) =>
  i.definition.target
    ? t(`followup.target.${i.definition.target.direction}`, { value: String(i.definition.target.value).replace(".", ",") })
    : t("followup.met.none");

// ---------------------------------------------------------------- XLSX

/** The sections that have indicators, in the page's order. */
export const sectionsOf = (data: FollowupData): Section[] => sections.filter((s) => data.indicators.some((i) => i.section === s));

/**
 * Every table of the page as one workbook: an overview sheet, then a sheet per section. Figures are
 * numbers, rounded half up as the page writes them (with a number format of as many decimals), hidden ones "..".
 */
export async function followupXlsx(t: Translate, data: FollowupData, precision: Precision = defaultPrecision): Promise<Buffer> {
  const shareFormat = precision.shareDecimals === 0 ? "0%" : "0.0%";
  const meanFormat = precision.meanDecimals === 0 ? "0" : `0.${"0".repeat(precision.meanDecimals)}`;
  const workbook = await newWorkbook();
  workbook.creator = "Sofia";
  const overview = workbook.addWorksheet(t("followup.export.sheetAll"));
  overview.addRow([heading(t, data)]).font = { bold: true };
  if (data.empty) overview.addRow([t("followup.empty", { from: data.period.from, to: data.period.to })]);
  overview.addRow([t("followup.suppressedNote", { min: data.minGroupSize })]);
  overview.addRow([]);
  overview.addRow([
    t("followup.export.section"),
    t("followup.export.indicator"),
    t("followup.export.version"),
    t("followup.col.target"),
  ]).font = {
    bold: true,
  };
  for (const i of data.indicators) overview.addRow([t(`followup.section.${i.section}`), i.name, i.version, targetWords(t, i)]);
  overview.getColumn(1).width = 34;
  overview.getColumn(2).width = 60;

  for (const section of sectionsOf(data)) {
    const sheet = workbook.addWorksheet(t(`followup.section.${section}`).slice(0, 31));
    for (const i of data.indicators.filter((x) => x.section === section)) {
      sheet.addRow([i.name]).font = { bold: true };
      if (i.definition.target) sheet.addRow([t("followup.target", { target: targetWords(t, i) })]);
      sheet.addRow(headerOf(t, i)).font = { bold: true };
      for (const row of cellsOf(t, data, i)) {
        const added = sheet.addRow(
          row.map((c) =>
            typeof c === "string"
              ? c
              : "count" in c
                ? (c.count ?? SUPPRESSED)
                : "value" in c
                  ? c.value === null
                    ? c.hidden
                      ? SUPPRESSED
                      : NONE
                    : roundHalfUp(c.value, c.days ? 1 : precision.meanDecimals)
                  : c.percent === null
                    ? c.hidden
                      ? SUPPRESSED
                      : NONE
                    : roundHalfUp(c.percent, precision.shareDecimals) / 100,
          ),
        );
        row.forEach((c, k) => {
          if (typeof c !== "string" && "percent" in c && c.percent !== null) added.getCell(k + 1).numFmt = shareFormat;
          // Days: one decimal at most, a whole number without (General writes 14 and 14.5 so).
          if (typeof c !== "string" && "value" in c && c.value !== null) added.getCell(k + 1).numFmt = c.days ? "General" : meanFormat;
        });
      }
      sheet.addRow([]);
    }
    sheet.getColumn(1).width = 40;
    sheet.getColumn(2).width = 34;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
