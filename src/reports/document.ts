/**
 * The interim report as a document: its sections in the seed reports' order, each a list of
 * blocks (paragraphs, tables, charts), built from the shown figures and the texts written in
 * Sofia. Pure: the Typst and the Word builders both render this one document, so the PDF and the
 * Word file have the same text, tables and charts. Always Swedish.
 */

import type { BudgetFigures, CategoryBudget, SavingsEstimate } from "../economy/index.ts";
import type { ResultRow } from "../followup/index.ts";
import { type Definition, isShare, isStatistic } from "../followup/index.ts";
import type { KindCount } from "../implementation/index.ts";
import type { OutcomeComparison } from "../outcomes/index.ts";
import { horizons, measures } from "../outcomes/index.ts";
import { barChartSvg } from "../platform/echarts.ts";
import { translator } from "../platform/i18n.ts";
import { formatMeanChange, type Precision, roundHalfUp } from "../platform/precision.ts";
import {
  type Children,
  type Distribution,
  type GenderPerspective,
  HIDDEN,
  type Participants,
  type Period,
  showCount,
  showDate,
  showDecimal,
  showKronor,
  showPercent,
  type Texts,
} from "./model.ts";

// ---------------------------------------------------------------------------------------------
// The figures a version is made from (stored with it as JSON)

export interface IndicatorLine {
  key: string;
  name: string;
  /** The follow-up's section the indicator is shown in (funnel, goals, …); absent in versions made before it was stored. */
  section?: string;
  group: string | null;
  /** The group's name as the follow-up shows it. */
  groupName?: string;
  display: Definition["display"];
  target: Definition["target"];
  current: ResultRow;
  previous: ResultRow | null;
}

/** A wait's share over the municipality's limit, counted from the same rows as its median and 90th percentile. */
export interface WaitOverLimit {
  /** The keys of the statistics (median, 90th percentile) of the same wait. */
  of: string[];
  limitDays: number;
  current: ResultRow | null;
  previous: ResultRow | null;
}

export interface SurveyInstrumentFigures {
  key: string;
  name: string;
  items: Array<{ key: string; text: string }>;
  /** The scale steps' names, lowest first, and whether "don't know" can be answered; absent in versions stored before the distributions. */
  scale?: string[];
  dontKnow?: boolean;
  groups: Array<{
    key: string;
    kind: string;
    n: number | null;
    means: (number | null)[];
    /** Per item (in the items' order): how many answered each scale step, "don't know" and in all; null when hidden. */
    distributions?: Array<{ counts: number[] | null; dontKnow: number | null; answered: number | null }>;
  }>;
}

export interface UnitLine {
  unitName: string;
  caseworkers: number | null;
  participating: number | null;
  share: number | null;
  meanFamilies: number | null;
  suppressed: boolean;
  heldActivities: number;
  heldParticipants: number;
  /**
   * The same period last year: the unit's caseworkers of today and how many of them worked with a
   * family then, suppressed by the same person rule; absent in versions stored before it.
   */
  previous?: { caseworkers: number | null; participating: number | null; share: number | null; suppressed: boolean };
}

/** One year of an annual survey as the year-on-year comparison gives it. */
export interface CampaignYear {
  year: number;
  /** Whether the instrument has a campaign about that year. */
  held: boolean;
  /** Complete responses; null when hidden (fewer than the minimum). */
  n: number | null;
  suppressed: boolean;
}

/** An annual survey (staff or parents), the report's year against the year before (surveys' `compareCampaignYears`). */
export interface CampaignComparisonFigures {
  key: string;
  name: string;
  /** The year before and the report's year. */
  years: [CampaignYear, CampaignYear];
  items: Array<{
    key: string;
    text: string;
    /** The exact mean per year, null when hidden or nobody answered on the scale. */
    means: [number | null, number | null];
    /** Whether each year's mean is hidden (too few respondents or answers on the scale). */
    hidden: [boolean, boolean];
  }>;
}

export interface ProjectFigures {
  name: string;
  /** The project's years in the period; since the budget per cost category each with its categories and the grant not split on them. */
  years: Array<BudgetFigures & { year: number; unallocated?: number; categories?: CategoryBudget[] }>;
  /** Since the budget per cost category: the period's years together; in versions stored before, the whole project. */
  total: BudgetFigures;
  /** The whole project, every year of it, and its first and last year; absent in versions stored before. */
  project?: BudgetFigures & { fromYear: number; toYear: number };
  /** The savings estimate beside the repayment plan (assumptions); absent in versions stored before. */
  savings?: SavingsEstimate;
}

/** The long-term outcomes against the comparison groups, as /utfall/resultat shows them; empty when nobody has any. */
export type OutcomeFigures = OutcomeComparison & { empty: boolean };

export interface ReportFigures {
  municipality: string;
  period: Period;
  previous: Period;
  minGroupSize: number;
  participants: Participants;
  children: Children;
  /**
   * `waitsOverLimit`: absent in versions stored before the share over the limit; `placementLimits`:
   * the municipality's two placement limits (days) the placement indicators were counted with,
   * absent in versions stored before them (issue 18).
   */
  indicators: {
    empty: boolean;
    lines: IndicatorLine[];
    waitsOverLimit?: WaitOverLimit[];
    placementLimits?: { reviewDays: number; emergencyDays: number };
  };
  outcomes: OutcomeFigures;
  surveys: { empty: boolean; instruments: SurveyInstrumentFigures[] };
  staff: { empty: boolean; units: UnitLine[] };
  /** The annual surveys year on year; absent in versions stored before. */
  campaigns?: { year: number; instruments: CampaignComparisonFigures[] };
  activities: { empty: boolean; kinds: KindCount[]; total: Omit<KindCount, "kind"> };
  budget: { empty: boolean; projects: ProjectFigures[] };
  gender: GenderPerspective;
}

// ---------------------------------------------------------------------------------------------
// The document

export type Block =
  | { kind: "paragraph"; text: string }
  | { kind: "note"; text: string }
  | { kind: "heading"; text: string }
  | {
      kind: "table";
      caption: string;
      head: string[];
      rows: string[][];
      numeric: boolean[];
      /** The columns' shares of the page's width, where long headers or texts would squeeze the natural widths; else natural. */
      widths?: number[];
    }
  | { kind: "chart"; name: string; caption: string; svg: string; width: number; height: number };

export interface Section {
  key: string;
  title: string;
  blocks: Block[];
  /** An appendix: after the numbered sections, on a page of its own, lettered instead of numbered. */
  appendix?: boolean;
}

/** The cover's facts: printed on the first page of both files. */
export interface Cover {
  diaryNumber: string;
  author: string;
  /** "6 december 2026": the version's date. */
  dateText: string;
}

export interface ReportDocument {
  municipality: string;
  title: string;
  periodText: string;
  generatedText: string;
  cover: Cover;
  /** The template's logo's type, its bytes given to the renderers beside the document. */
  logoType: "image/png" | "image/svg+xml" | null;
  sections: Section[];
}

/** What the document is made from besides the figures: the cover's facts, the template and how figures are written. */
export interface DocumentInput {
  title: string;
  texts: Texts;
  figures: ReportFigures;
  generatedOn: string;
  diaryNumber: string;
  author: string;
  template: { introduction: string; contact: string; sections: readonly string[]; logoType: "image/png" | "image/svg+xml" | null };
  precision: Precision;
}

const t = translator("sv");

/** Paragraphs of a written text: split at blank lines, each paragraph's lines kept as written. */
export function paragraphsOf(text: string): string[] {
  return text
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

function textBlocks(text: string): Block[] {
  const paragraphs = paragraphsOf(text);
  if (paragraphs.length === 0) return [{ kind: "note", text: t("reports.doc.noText") }];
  return paragraphs.map((p) => ({ kind: "paragraph", text: p }));
}

/** A change between two means as written ("+0,25", "-0,07"): plain minus and spaces, so that the PDF's text finds it. */
const showChange = (value: number, p: Precision) =>
  formatMeanChange(value, p)
    .replace(/\u2212/g, "-")
    .replace(/[\u00a0\u202f]/g, " ");

const noData = (): Block[] => [{ kind: "paragraph", text: t("reports.doc.noData") }];

function chart(name: string, caption: string, spec: Parameters<typeof barChartSvg>[0]): Block {
  const width = spec.width ?? 640;
  const svg = barChartSvg({ ...spec, width });
  const height = Number(/^<svg[^>]*\sheight="(\d+(?:\.\d+)?)"/.exec(svg)?.[1] ?? spec.height ?? 240);
  return { kind: "chart", name, caption, svg, width, height };
}

function distributionTable(caption: string, label: string, prefix: string, d: Distribution): Block {
  return {
    kind: "table",
    caption,
    head: [label, t("reports.doc.col.count")],
    rows: [...d.rows.map((r) => [t(`${prefix}.${r.key}`), showCount(r.n)]), [t("reports.doc.total"), showCount(d.total)]],
    numeric: [false, true],
  };
}

function participantsSection(f: ReportFigures): Block[] {
  if (f.participants.empty) return noData();
  const p = f.participants;
  const blocks: Block[] = [
    {
      kind: "paragraph",
      text: t("reports.doc.participants.intro", {
        requests: showCount(p.total.requests),
        continued: showCount(p.total.continued),
      }),
    },
    {
      kind: "table",
      caption: t("reports.doc.participants.caption"),
      head: [
        t("reports.doc.col.caseType"),
        t("reports.doc.col.requests"),
        t("reports.doc.col.continued"),
        t("reports.doc.col.notContinued"),
      ],
      rows: [
        ...p.rows.map((r) => [
          t(`reports.caseType.${r.caseType}`),
          showCount(r.requests),
          showCount(r.continued),
          showCount(r.notContinued),
        ]),
        [t("reports.doc.total"), showCount(p.total.requests), showCount(p.total.continued), showCount(p.total.notContinued)],
      ],
      numeric: [false, true, true, true],
    },
    { kind: "note", text: t("reports.doc.participants.caseTypes") },
  ];
  const c = f.children;
  if (c.empty) blocks.push({ kind: "paragraph", text: t("reports.doc.children.none") });
  else
    blocks.push({
      kind: "table",
      caption: t("reports.doc.children.caption"),
      head: [t("reports.doc.col.ageBand"), ...c.genders.map((g) => t(`reports.gender.${g}`)), t("reports.doc.total")],
      rows: [
        ...c.bands.map((b, i) => [`${b} år`, ...(c.cells[i] ?? []).map(showCount), showCount(c.bandTotals[i] ?? null)]),
        [t("reports.doc.total"), ...c.genderTotals.map(showCount), showCount(c.total)],
      ],
      numeric: [false, ...c.genders.map(() => true), true],
    });
  return blocks;
}

/** An indicator's figure as shown: a count, "42,5 % (17 av 40)", or a statistic "28,5 (n = 12)". */
export function indicatorValue(display: Definition["display"], row: ResultRow | null, p: Precision): string {
  if (!row) return "–";
  if (display === "count") return showCount(row.numerator);
  if (isStatistic(display)) {
    const value = showDecimal(row.value, row.suppressed && row.value === null, p);
    return row.value === null ? value : `${value} (n = ${showCount(row.denominator)})`;
  }
  // Rounded once, from the exact share where its counts are shown (a stored share may already be rounded).
  const exact =
    row.numerator !== null && row.denominator !== null && row.denominator > 0 ? (row.numerator / row.denominator) * 100 : row.percent;
  const share = showPercent(row.percent === null ? null : exact, row.suppressed && row.percent === null, p);
  if (row.numerator === null || row.denominator === null || row.denominator === 0) return share;
  return `${share} (${showCount(row.numerator)} av ${showCount(row.denominator)})`;
}

/** An indicator's label for people: its name, and its group after a dash ("Andel som känt sig lyssnade på – barn"). */
const lineName = (l: IndicatorLine) => (l.group === null ? l.name : `${l.name} – ${l.groupName ?? l.group}`);

/** A target in words: a share's in percent, a statistic's in the measured field's unit. */
const targetText = (l: IndicatorLine, p: Precision) =>
  !l.target
    ? "–"
    : `${l.target.direction === "at_least" ? "minst" : "högst"} ${isShare(l.display) ? showPercent(l.target.value, false, p) : showDecimal(l.target.value, false, p)}`;

const metText = (row: ResultRow | null, target: IndicatorLine["target"]) =>
  !target ? "–" : row?.met === true ? t("reports.doc.met") : row?.met === false ? t("reports.doc.notMet") : "..";

const indicatorHead = () => [
  t("reports.doc.col.indicator"),
  t("reports.doc.col.period"),
  t("reports.doc.col.lastYear"),
  t("reports.doc.col.target"),
  t("reports.doc.col.met"),
];

/** The lines as rows: an indicator with groups gets a row of its own name, its groups under it. */
function indicatorRows(lines: IndicatorLine[], p: Precision): string[][] {
  const rows: string[][] = [];
  let named = "";
  for (const l of lines) {
    if (l.group !== null && named !== l.key) rows.push([l.name, "", "", "", ""]);
    named = l.key;
    rows.push([
      l.group === null ? l.name : `   ${l.groupName ?? l.group}`,
      indicatorValue(l.display, l.current, p),
      indicatorValue(l.display, l.previous, p),
      targetText(l, p),
      metText(l.current, l.target),
    ]);
  }
  return rows;
}

const comparedWith = (f: ReportFigures): Block => ({
  kind: "paragraph",
  text: t("reports.doc.results.intro", { from: showDate(f.previous.from), to: showDate(f.previous.to) }),
});

/** The key figures on one page: the funnel (text, table and chart from the same lines) and every goal against its target. */
function keyFiguresSection(f: ReportFigures, p: Precision): Block[] {
  if (f.indicators.empty) return noData();
  const funnel = f.indicators.lines.filter((l) => l.section === "funnel" && l.group === null && l.display === "count");
  const goals = f.indicators.lines.filter((l) => l.target);
  const blocks: Block[] = [comparedWith(f)];
  // The text reads the same lines as the table and the chart below it: one figure, one source.
  if (funnel.length > 0)
    blocks.push({
      kind: "paragraph",
      text: `${t("reports.doc.keyFigures.funnel")} ${funnel.map((l) => `${lineName(l)}: ${showCount(l.current.numerator)}.`).join(" ")}`,
    });
  blocks.push({
    kind: "table",
    caption: t("reports.doc.keyFigures.caption"),
    head: indicatorHead(),
    rows: indicatorRows([...funnel, ...goals], p),
    numeric: [false, true, true, false, false],
  });
  if (funnel.length > 0)
    blocks.push(
      chart("tratt", t("reports.doc.keyFigures.chart"), {
        label: t("reports.doc.keyFigures.chart"),
        categories: funnel.map(lineName),
        series: [
          { name: t("reports.doc.col.period"), values: funnel.map((l) => l.current.numerator) },
          { name: t("reports.doc.col.lastYear"), values: funnel.map((l) => l.previous?.numerator ?? null) },
        ],
      }),
    );
  return blocks;
}

/** "Andel som väntat mer än 14 dagar, från förfrågan till …": the wait's share over the limit, named from its median's name. */
function overLimitName(l: IndicatorLine, days: number): string {
  const span = /^Väntetid, (?:median|90:e percentilen), dagar (.+)$/.exec(l.name)?.[1];
  return span
    ? t("reports.doc.waits.overLimitSpan", { days: String(days), span })
    : t("reports.doc.waits.overLimit", { days: String(days), name: l.name });
}

/** The waits: medians, 90th percentiles and the share over the municipality's limit, this period beside the same period last year. */
function waitsSection(f: ReportFigures, p: Precision): Block[] {
  const waits = f.indicators.lines.filter((l) => l.section === "waits" && isStatistic(l.display));
  if (f.indicators.empty || waits.length === 0) return noData();
  const over = f.indicators.waitsOverLimit ?? [];
  const rows: string[][] = [];
  waits.forEach((l, i) => {
    rows.push([lineName(l), indicatorValue(l.display, l.current, p), indicatorValue(l.display, l.previous, p)]);
    // After the last statistic of a wait, its share over the limit.
    const share = over.find((o) => o.of.includes(l.key));
    if (share && !waits.slice(i + 1).some((n) => share.of.includes(n.key)))
      rows.push([
        overLimitName(l, share.limitDays),
        indicatorValue("percent", share.current, p),
        indicatorValue("percent", share.previous, p),
      ]);
  });
  const limit = over[0]?.limitDays;
  return [
    { kind: "paragraph", text: t("reports.doc.waits.intro") },
    ...(limit === undefined ? [] : [{ kind: "paragraph" as const, text: t("reports.doc.waits.limit", { days: String(limit) }) }]),
    {
      kind: "table",
      caption: t("reports.doc.waits.caption"),
      head: [t("reports.doc.col.wait"), t("reports.doc.col.period"), t("reports.doc.col.lastYear")],
      rows,
      numeric: [false, true, true],
    },
  ];
}

/** Every indicator of the follow-up, one table per its section: the appendix. */
function appendixSection(f: ReportFigures, p: Precision): Block[] {
  if (f.indicators.empty) return noData();
  const lines = f.indicators.lines;
  const blocks: Block[] = [comparedWith(f)];
  // One table per section of the follow-up, in its order (a version made before sections were stored: one table).
  const sectionKeys = [...new Set(lines.map((l) => l.section ?? ""))];
  for (const key of sectionKeys) {
    const of = lines.filter((l) => (l.section ?? "") === key);
    blocks.push({
      kind: "table",
      caption: key ? t(`followup.section.${key}`) : t("reports.doc.results.caption"),
      head: indicatorHead(),
      rows: indicatorRows(of, p),
      numeric: [false, true, true, false, false],
    });
  }
  return blocks;
}

/**
 * The placement indicators (issue 18): placed children reviewed at the placement forum, days
 * placed, emergency placements ended within the limit and returns home, Sofia families against
 * the other placed children, with the limits they were counted against. Nothing when no placement
 * indicator is published.
 */
function placementBlocks(f: ReportFigures, p: Precision): Block[] {
  const lines = f.indicators.lines.filter((l) => l.section === "placements");
  if (f.indicators.empty || lines.length === 0) return [];
  const limits = f.indicators.placementLimits;
  return [
    { kind: "heading", text: t("followup.section.placements") },
    ...(limits
      ? [
          {
            kind: "paragraph" as const,
            text: t("reports.doc.placements.limits", { review: String(limits.reviewDays), emergency: String(limits.emergencyDays) }),
          },
        ]
      : []),
    {
      kind: "table",
      caption: t("reports.doc.placements.caption"),
      head: indicatorHead(),
      rows: indicatorRows(lines, p),
      numeric: [false, true, true, false, false],
    },
  ];
}

/** The process goals against their targets, with the chart of the shares, and the effect goals. */
function resultsSection(f: ReportFigures, p: Precision): Block[] {
  if (f.indicators.empty) return noData();
  const lines = f.indicators.lines;
  const goals = lines.filter((l) => l.section === "goals");
  const blocks: Block[] = [comparedWith(f)];
  if (goals.length > 0)
    blocks.push({
      kind: "table",
      caption: t("followup.section.goals"),
      head: indicatorHead(),
      rows: indicatorRows(goals, p),
      numeric: [false, true, true, false, false],
    });
  const shares = lines.filter((l) => l.display === "percent" && l.target);
  if (shares.length > 0) {
    blocks.push(
      chart("resultat", t("reports.doc.results.chart"), {
        label: t("reports.doc.results.chart"),
        categories: shares.map(lineName),
        series: [
          { name: t("reports.doc.col.period"), values: shares.map((l) => l.current.percent) },
          { name: t("reports.doc.col.lastYear"), values: shares.map((l) => l.previous?.percent ?? null) },
        ],
        percent: true,
      }),
    );
  }
  return blocks;
}

/** A figure's share as the outcomes page shows it: ".." when hidden, "–" with nobody to count. */
function outcomeShare(f: OutcomeFigures["rows"][number]["figures"][number], p: Precision): string {
  if (f.n === null) return HIDDEN;
  // Rounded once, from the exact share: a share stored rounded (70,5 for 31 of 44) would round twice (71 %).
  return showPercent(f.total !== null && f.total > 0 ? (f.n / f.total) * 100 : f.percent, false, p);
}

/** The effect goals: per horizon, each measure for Sofia's families and each comparison group, with the warning that the groups are not randomised. */
function effectBlocks(f: ReportFigures, p: Precision): Block[] {
  const o = f.outcomes;
  const blocks: Block[] = [{ kind: "heading", text: t("reports.doc.effects.title") }];
  if (o.empty) return [...blocks, { kind: "paragraph", text: t("reports.doc.effects.none") }];
  blocks.push(
    { kind: "paragraph", text: t("reports.doc.effects.intro") },
    { kind: "paragraph", text: t("outcomes.results.notRandomised") },
  );
  if (o.groups.length === 0) blocks.push({ kind: "paragraph", text: t("reports.doc.effects.noGroups") });
  const sourceLabel = (s: { source: string; label: string }) => (s.source === "sofia" ? t("outcomes.results.sofia") : s.label);
  for (const h of horizons) {
    const horizon = t("outcomes.horizon", { n: h });
    const rows = o.rows.filter((r) => r.horizon === h);
    blocks.push({
      kind: "table",
      caption: t("outcomes.results.horizonCaption", { horizon }),
      head: [
        t("outcomes.results.col.measure"),
        t("outcomes.results.col.source"),
        t("outcomes.results.col.n"),
        t("outcomes.results.col.total"),
        t("outcomes.results.col.percent"),
      ],
      rows: rows.flatMap((r) =>
        r.figures.map((s) => [t(`outcomes.measure.${r.measure}`), sourceLabel(s), showCount(s.n), showCount(s.total), outcomeShare(s, p)]),
      ),
      numeric: [false, false, true, true, true],
    });
    // Where Sofia's emergency placements came from (issue 18): absent in versions stored before.
    const from = o.emergencySources?.find((x) => x.horizon === h);
    if (from)
      blocks.push({
        kind: "paragraph",
        text: t("outcomes.results.emergencySources", { placements: showCount(from.placements), followups: showCount(from.followups) }),
      });
    const sources = rows[0]?.figures ?? [];
    blocks.push(
      chart(`utfall-${h}`, t("outcomes.results.chartLabel", { horizon }), {
        label: t("outcomes.results.chartLabel", { horizon }),
        categories: measures.map((m) => t(`outcomes.measureShort.${m}`)),
        series: sources.map((s, i) => ({
          name: sourceLabel(s),
          values: measures.map((m) => rows.find((r) => r.measure === m)?.figures[i]?.percent ?? null),
        })),
        percent: true,
      }),
    );
  }
  blocks.push({ kind: "note", text: t("outcomes.results.suppressionNote", { min: o.minGroupSize }) });
  return blocks;
}

const roleLabel = (key: string) => {
  const k = `reports.role.${key}`;
  const label = t(k);
  return label === k ? `${key} år` : label;
};

/** How many answered each scale step, per question and group of respondents, as the survey results page counts and hides them. */
export function distributionOfAnswers(inst: SurveyInstrumentFigures): Block | null {
  const scale = inst.scale;
  const groups = inst.groups.filter((g) => g.distributions !== undefined && g.n !== 0);
  if (!scale || groups.length === 0) return null;
  const dontKnow = inst.dontKnow === true;
  const rows: string[][] = [];
  inst.items.forEach((item, i) => {
    groups.forEach((g, k) => {
      const d = g.distributions?.[i];
      const counts = d?.counts ?? null;
      rows.push([
        k === 0 ? item.text : "",
        roleLabel(g.key),
        ...scale.map((_, s) => (counts === null ? HIDDEN : showCount(counts[s] ?? 0))),
        ...(dontKnow ? [counts === null ? HIDDEN : showCount(d?.dontKnow ?? 0)] : []),
        counts === null ? HIDDEN : showCount(d?.answered ?? null),
      ]);
    });
  });
  return {
    kind: "table",
    caption: t("reports.doc.surveys.distributionCaption", { name: inst.name }),
    head: [
      t("reports.doc.col.question"),
      t("reports.doc.col.respondents"),
      ...scale,
      ...(dontKnow ? [t("reports.doc.surveys.dontKnow")] : []),
      t("reports.doc.col.answered"),
    ],
    rows,
    numeric: [false, false, ...scale.map(() => true), ...(dontKnow ? [true] : []), true],
  };
}

function surveysSection(f: ReportFigures, p: Precision): Block[] {
  if (f.surveys.empty) return noData();
  const blocks: Block[] = [{ kind: "paragraph", text: t("reports.doc.surveys.intro") }];
  for (const inst of f.surveys.instruments) {
    const groups = inst.groups;
    if (groups.every((g) => g.n === 0)) {
      blocks.push({ kind: "paragraph", text: t("reports.doc.surveys.noneFor", { name: inst.name }) });
      continue;
    }
    blocks.push({
      kind: "table",
      caption: t("reports.doc.surveys.caption", { name: inst.name }),
      head: [t("reports.doc.col.question"), ...groups.map((g) => `${roleLabel(g.key)} (n = ${showCount(g.n)})`)],
      rows: inst.items.map((item, i) => [
        item.text,
        ...groups.map((g) => showDecimal(g.means[i] ?? null, g.means[i] === null && g.n !== 0, p)),
      ]),
      numeric: [false, ...groups.map(() => true)],
      // The groups' names with their n are long headers: the question keeps the larger share.
      widths: [3, ...groups.map(() => 2)],
    });
    blocks.push(
      chart(`enkat-${inst.key}`, t("reports.doc.surveys.chart", { name: inst.name }), {
        label: t("reports.doc.surveys.chart", { name: inst.name }),
        categories: inst.items.map((i) => i.text),
        series: groups.map((g) => ({ name: roleLabel(g.key), values: g.means })),
      }),
    );
    const distribution = distributionOfAnswers(inst);
    if (distribution) blocks.push(distribution);
  }
  blocks.push({ kind: "note", text: t("reports.doc.surveys.scale") });
  if (f.surveys.instruments.some((i) => i.scale !== undefined))
    blocks.push({ kind: "note", text: t("reports.doc.surveys.distributionNote") });
  return blocks;
}

function staffSection(f: ReportFigures, p: Precision): Block[] {
  if (f.staff.empty) return noData();
  const pct = (u: { share: number | null; suppressed: boolean }) =>
    u.share === null ? (u.suppressed ? HIDDEN : "–") : showPercent(u.share * 100, false, p);
  // Since the comparison was stored: the share of the same period last year beside this period's.
  const lastYear = f.staff.units.some((u) => u.previous !== undefined);
  const blocks: Block[] = [
    { kind: "paragraph", text: t("reports.doc.staff.intro") },
    {
      kind: "table",
      caption: t("reports.doc.staff.caption"),
      head: [
        t("reports.doc.col.unit"),
        t("reports.doc.col.caseworkers"),
        t("reports.doc.col.participating"),
        t("reports.doc.col.share"),
        ...(lastYear ? [t("reports.doc.col.shareLastYear")] : []),
        t("reports.doc.col.meanFamilies"),
      ],
      rows: f.staff.units.map((u) => [
        u.unitName,
        showCount(u.caseworkers),
        showCount(u.participating),
        pct(u),
        ...(lastYear ? [u.previous ? pct(u.previous) : "–"] : []),
        showDecimal(u.meanFamilies, u.meanFamilies === null && u.suppressed, p),
      ]),
      numeric: [false, true, true, true, ...(lastYear ? [true] : []), true],
      ...(lastYear ? { widths: [3.6, 2.5, 1.7, 1.5, 2.2, 2.4] } : {}),
    },
  ];
  if (lastYear)
    blocks.push({
      kind: "note",
      text: t("reports.doc.staff.lastYear", { from: showDate(f.previous.from), to: showDate(f.previous.to), min: f.minGroupSize }),
    });
  return blocks;
}

/** "År 2025": a bare year beside another would read as one figure in the PDF's text. */
const yearLabel = (year: number) => t("reports.doc.campaigns.year", { year: String(year) });

/**
 * The annual surveys, the report's year against the year before: per instrument a table of the
 * respondents and each question's mean per year and the change, or one sentence where a year has
 * no campaign.
 */
function campaignsSection(c: NonNullable<ReportFigures["campaigns"]>, min: number, p: Precision): Block[] {
  const before = String(c.year - 1);
  const year = String(c.year);
  const blocks: Block[] = [{ kind: "paragraph", text: t("reports.doc.campaigns.intro", { year, before }) }];
  if (c.instruments.length === 0) return [...blocks, { kind: "paragraph", text: t("reports.doc.campaigns.noInstruments") }];
  for (const inst of c.instruments) {
    const held = inst.years.filter((y) => y.held);
    if (held.length === 0) {
      blocks.push({ kind: "paragraph", text: t("reports.doc.campaigns.noneEither", { name: inst.name, year, before }) });
      continue;
    }
    const missing = inst.years.find((y) => !y.held);
    if (missing)
      blocks.push({ kind: "paragraph", text: t("reports.doc.campaigns.noneIn", { name: inst.name, year: String(missing.year) }) });
    // Only the years with a campaign get a column: a year without one is said above, not an empty column.
    const columns = inst.years.map((y, i) => ({ y, i })).filter(({ y }) => y.held);
    const both = columns.length === 2;
    const mean = (item: CampaignComparisonFigures["items"][number], i: number) =>
      showDecimal(item.means[i] ?? null, item.hidden[i] ?? false, p);
    const change = (item: CampaignComparisonFigures["items"][number]) => {
      const [a, b] = item.means;
      if (a === null || b === null) return "–";
      return showChange(roundHalfUp(b, p.meanDecimals) - roundHalfUp(a, p.meanDecimals), p);
    };
    blocks.push({
      kind: "table",
      caption: t(both ? "reports.doc.campaigns.caption" : "reports.doc.campaigns.captionOne", {
        name: inst.name,
        year,
        before,
        only: String(columns[0]?.y.year ?? ""),
      }),
      head: [t("reports.doc.col.question"), ...columns.map(({ y }) => yearLabel(y.year)), ...(both ? [t("reports.doc.col.change")] : [])],
      rows: [
        [t("reports.doc.campaigns.respondents"), ...columns.map(({ y }) => showCount(y.n)), ...(both ? [""] : [])],
        ...inst.items.map((item) => [item.text, ...columns.map(({ i }) => mean(item, i)), ...(both ? [change(item)] : [])]),
      ],
      numeric: [false, ...columns.map(() => true), ...(both ? [true] : [])],
      widths: [4, ...columns.map(() => 1.3), ...(both ? [1.5] : [])],
    });
  }
  blocks.push({ kind: "note", text: t("reports.doc.campaigns.note", { min }) });
  return blocks;
}

function activitiesSection(f: ReportFigures): Block[] {
  if (f.activities.empty) return noData();
  const a = f.activities;
  return [
    {
      kind: "paragraph",
      text: t("reports.doc.activities.intro", { held: showCount(a.total.held), participants: showCount(a.total.participants) }),
    },
    {
      kind: "table",
      caption: t("reports.doc.activities.caption"),
      head: [
        t("reports.doc.col.kind"),
        t("reports.doc.col.planned"),
        t("reports.doc.col.held"),
        t("reports.doc.col.cancelled"),
        t("reports.doc.col.participants"),
      ],
      rows: [
        ...a.kinds.map((k) => [
          t(`implementation.kind.${k.kind}`),
          showCount(k.planned),
          showCount(k.held),
          showCount(k.cancelled),
          showCount(k.participants),
        ]),
        [
          t("reports.doc.total"),
          showCount(a.total.planned),
          showCount(a.total.held),
          showCount(a.total.cancelled),
          showCount(a.total.participants),
        ],
      ],
      numeric: [false, true, true, true, true],
    },
  ];
}

const categoryName = (c: CategoryBudget) =>
  c.category === "other" ? c.label || t("economy.category.other") : t(`economy.category.${c.category}`);

/** A version stored before the budget per cost category: per year and the whole project, as it was written then. */
function budgetTableBefore(p: ProjectFigures): Block {
  return {
    kind: "table",
    caption: t("reports.doc.budget.caption", { name: p.name }),
    head: [
      t("reports.doc.col.year"),
      t("reports.doc.col.granted"),
      t("reports.doc.col.spent"),
      t("reports.doc.col.remaining"),
      t("reports.doc.col.deviation"),
    ],
    rows: [
      ...p.years.map((y) => [String(y.year), showKronor(y.granted), showKronor(y.spent), showKronor(y.remaining), showKronor(y.deviation)]),
      [
        t("reports.doc.budget.projectTotal"),
        showKronor(p.total.granted),
        showKronor(p.total.spent),
        showKronor(p.total.remaining),
        showKronor(p.total.deviation),
      ],
    ],
    numeric: [false, true, true, true, true],
  };
}

/** Per year and cost category: granted, spent, deviation, remaining; the grant not split on a category as its own row; the year's, the period's and the whole project's sums. */
export function budgetCategoryTable(p: ProjectFigures & { project: NonNullable<ProjectFigures["project"]> }): Block {
  const money = (b: BudgetFigures) => [showKronor(b.granted), showKronor(b.spent), showKronor(b.deviation), showKronor(b.remaining)];
  const rows: string[][] = [];
  for (const y of p.years) {
    for (const c of y.categories ?? []) rows.push([String(y.year), categoryName(c), ...money(c)]);
    if ((y.unallocated ?? 0) !== 0)
      rows.push([
        String(y.year),
        t("reports.doc.budget.unallocated"),
        showKronor(y.unallocated ?? 0),
        "–",
        "–",
        showKronor(y.unallocated ?? 0),
      ]);
    rows.push([String(y.year), t("reports.doc.budget.yearTotal"), ...money(y)]);
  }
  if (p.years.length > 1) rows.push([t("reports.doc.budget.periodTotal"), "", ...money(p.total)]);
  rows.push([
    t("reports.doc.budget.wholeProject", { from: String(p.project.fromYear), to: String(p.project.toYear) }),
    "",
    ...money(p.project),
  ]);
  return {
    kind: "table",
    caption: t("reports.doc.budget.categoryCaption", { name: p.name }),
    head: [
      t("reports.doc.col.year"),
      t("reports.doc.col.category"),
      t("reports.doc.col.granted"),
      t("reports.doc.col.spent"),
      t("reports.doc.col.deviation"),
      t("reports.doc.col.remaining"),
    ],
    rows,
    numeric: [false, false, true, true, true, true],
  };
}

/** The savings estimate written for people: what is assumed, what it would save, beside the repayment plan. */
export function savingsBlocks(name: string, s: SavingsEstimate): Block[] {
  const years = String(s.horizonYears);
  if (s.lines.length === 0) return [{ kind: "paragraph", text: t("reports.doc.savings.none", { name }) }];
  const blocks: Block[] = [
    {
      kind: "paragraph",
      text: t("reports.doc.savings.intro", {
        name,
        perYear: showKronor(s.perYear),
        overHorizon: showKronor(s.overHorizon),
        years,
      }),
    },
    {
      kind: "table",
      caption: t("reports.doc.savings.caption", { name, years }),
      head: [
        t("reports.doc.col.intervention"),
        t("reports.doc.col.unitCost"),
        t("reports.doc.col.avoided"),
        t("reports.doc.col.perYear"),
        t("reports.doc.col.overYears", { years }),
        t("reports.doc.col.basis"),
      ],
      rows: [
        ...s.lines.map((l) => [
          l.label,
          showKronor(l.unitCost),
          `${showCount(l.avoidedPerYear)} ${l.unit}`,
          showKronor(l.perYear),
          showKronor(l.overHorizon),
          l.basis?.trim() || t("reports.doc.savings.noBasis"),
        ]),
        [t("reports.doc.total"), "", "", showKronor(s.perYear), showKronor(s.overHorizon), ""],
      ],
      numeric: [false, true, true, true, true, false],
      widths: [3, 2.4, 2, 2, 2.2, 3],
    },
  ];
  if (s.repayments.length === 0) blocks.push({ kind: "paragraph", text: t("reports.doc.savings.noRepayment") });
  else
    blocks.push({
      kind: "paragraph",
      text: t(s.balance >= 0 ? "reports.doc.savings.covers" : "reports.doc.savings.short", {
        repayment: showKronor(s.repaymentTotal),
        years: s.repayments.map((r) => String(r.year)).join(", "),
        overHorizon: showKronor(s.overHorizon),
        balance: showKronor(Math.abs(s.balance)),
      }),
    });
  blocks.push({ kind: "note", text: t("reports.doc.savings.assumptions") });
  return blocks;
}

function budgetSection(f: ReportFigures): Block[] {
  if (f.budget.empty) return noData();
  const blocks: Block[] = [{ kind: "paragraph", text: t("reports.doc.budget.intro") }];
  f.budget.projects.forEach((p, i) => {
    const project = p.project;
    blocks.push(project ? budgetCategoryTable({ ...p, project }) : budgetTableBefore(p));
    if (p.years.length > 0)
      blocks.push(
        chart(`budget-${i + 1}`, t("reports.doc.budget.chart", { name: p.name }), {
          label: t("reports.doc.budget.chart", { name: p.name }),
          // "År 2025": two bare years side by side would read as one figure in the PDF's text.
          categories: p.years.map((y) => t("reports.doc.budget.year", { year: String(y.year) })),
          series: [
            { name: t("reports.doc.budget.grantedTkr"), values: p.years.map((y) => Math.round(y.granted / 1000)) },
            { name: t("reports.doc.budget.spentTkr"), values: p.years.map((y) => Math.round(y.spent / 1000)) },
          ],
        }),
      );
    if (p.savings) blocks.push(...savingsBlocks(p.name, p.savings));
  });
  blocks.push({ kind: "note", text: t("reports.doc.budget.deviation") });
  return blocks;
}

/** Which parent has the problem × attitude to support: families, with row and column totals. */
function problemParentBlocks(p: GenderPerspective["problemParents"]): Block[] {
  if (p.empty) return [{ kind: "paragraph", text: t("reports.doc.gender.noProblemFamilies") }];
  return [
    {
      kind: "table",
      caption: t("reports.doc.gender.parentCaption"),
      head: [t("reports.doc.col.problemParent"), ...p.attitudes.map((a) => t(`reports.attitude.${a}`)), t("reports.doc.total")],
      rows: [
        ...p.rows.map((r, i) => [t(`reports.problemParent.${r}`), ...(p.cells[i] ?? []).map(showCount), showCount(p.rowTotals[i] ?? null)]),
        [t("reports.doc.total"), ...p.attitudeTotals.map(showCount), showCount(p.total)],
      ],
      numeric: [false, ...p.attitudes.map(() => true), true],
    },
    { kind: "note", text: t("reports.doc.gender.parentNote") },
  ];
}

function genderSection(f: ReportFigures): Block[] {
  if (f.gender.empty) return noData();
  const g = f.gender;
  return [
    { kind: "paragraph", text: t("reports.doc.gender.intro") },
    ...problemParentBlocks(g.problemParents),
    distributionTable(t("reports.doc.gender.problemCaption"), t("reports.doc.col.relation"), "reports.relation", g.problemByRelation),
    distributionTable(t("reports.doc.gender.familiesCaption"), t("reports.doc.col.problems"), "reports.problems", g.familiesByProblems),
    distributionTable(t("reports.doc.gender.attitudeCaption"), t("reports.doc.col.attitude"), "reports.attitude", g.attitude),
    distributionTable(t("reports.doc.gender.custodyCaption"), t("reports.doc.col.custody"), "reports.custody", g.custody),
    distributionTable(t("reports.doc.gender.householdCaption"), t("reports.doc.col.household"), "reports.household", g.household),
    distributionTable(t("reports.doc.gender.childrenCaption"), t("reports.doc.col.gender"), "reports.gender", g.childrenByGender),
  ];
}

/** A text of the template and the report's own text for the same section, the template's first. */
function withTemplateText(template: string, own: string): Block[] {
  const paragraphs = [...paragraphsOf(template), ...paragraphsOf(own)];
  return paragraphs.length === 0
    ? [{ kind: "note", text: t("reports.doc.noText") }]
    : paragraphs.map((text) => ({ kind: "paragraph", text }));
}

/**
 * The whole report: the cover's facts and the sections the template includes, in the seed reports'
 * order: the decision proposal and the key figures first, the full indicator list last as an appendix.
 */
export function buildDocument(input: DocumentInput): ReportDocument {
  const { figures: f, texts, precision: p } = input;
  const section = (key: string, blocks: Block[]): Section => ({ key, title: t(`reports.section.${key}`), blocks });
  const suppression: Block = { kind: "note", text: t("reports.doc.suppression", { min: f.minGroupSize }) };
  const all: Section[] = [
    section("decision", textBlocks(texts.decision)),
    section("keyFigures", keyFiguresSection(f, p)),
    section("summary", textBlocks(texts.summary)),
    section("model", withTemplateText(input.template.introduction, texts.model)),
    section("participants", [...participantsSection(f), suppression]),
    section("results", [...resultsSection(f, p), ...placementBlocks(f, p), ...effectBlocks(f, p)]),
    section("surveys", surveysSection(f, p)),
    ...(f.campaigns ? [section("campaigns", campaignsSection(f.campaigns, f.minGroupSize, p))] : []),
    section("staff", staffSection(f, p)),
    section("activities", activitiesSection(f)),
    section("waits", waitsSection(f, p)),
    section("budget", budgetSection(f)),
    section("gender", genderSection(f)),
    section("discussion", textBlocks(texts.discussion)),
    section("nextSteps", textBlocks(texts.nextSteps)),
    section("contact", textBlocks(input.template.contact)),
    { ...section("appendix", appendixSection(f, p)), appendix: true },
  ];
  const dateText = showDate(input.generatedOn);
  return {
    municipality: f.municipality,
    title: input.title,
    periodText: t("reports.doc.period", { from: showDate(f.period.from), to: showDate(f.period.to) }),
    generatedText: t("reports.doc.generated", { date: dateText }),
    cover: { diaryNumber: input.diaryNumber, author: input.author, dateText },
    logoType: input.template.logoType,
    sections: all.filter((s) => input.template.sections.includes(s.key)),
  };
}
