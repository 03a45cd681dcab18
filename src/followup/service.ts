/**
 * The follow-up (uppföljning, followup.view, aggregate): every published indicator of the
 * municipality for a period (this half-year, this year or custom, period.ts) and the period it is
 * compared with (the same length just before, or the same period last year), as shown (results.ts, with
 * suppression), grouped in the sections of the seed reports. Never a person. Viewing is audited as a
 * statistics view. Also the creation of a new indicator (indicators.manage): its first version is a
 * draft that is published like any other.
 */
import { and, asc, eq } from "drizzle-orm";
import { indicators, indicatorVersions, municipalities } from "../db/schema/index.ts";
import { type HandoverWaitFigure, handoverWaitFigures } from "../families/index.ts";
import { municipalityPrecision } from "../organisation/index.ts";
import { audit } from "../platform/audit.ts";
import { authorize, type ServiceContext } from "../platform/context.ts";
import type { DbOrTx } from "../platform/database.ts";
import type { IsoDate } from "../platform/dates.ts";
import { issueErrors, ValidationError } from "../platform/errors.ts";
import { compareText, type Locale } from "../platform/i18n.ts";
import { defaultPrecision, type Precision } from "../platform/precision.ts";
import { type DocumentVersion, versionNumber } from "../platform/versioned.ts";
import type { Period as SqlPeriod } from "./indicators/index.ts";
import { type Definition, definitionSchema, indicatorDocuments, perPeriodUnits, type Section, sections } from "./indicators/index.ts";
import { type Comparison, comparisonPeriod, halfYearSoFar, type Period, type PeriodInput, selectPeriod, yearSoFar } from "./period.ts";
import { type IndicatorResult, indicatorResults, type ResultRow } from "./results.ts";

export { type Section, sections } from "./indicators/index.ts";
export type { Comparison, Period, PeriodChoice, PeriodInput, PeriodSelection } from "./period.ts";
export { MAX_PERIOD_DAYS, parsePeriod, previousPeriod, selectPeriod } from "./period.ts";

// ---------------------------------------------------------------------------------------------
// The period

/** The default period: this half-year so far. */
export const defaultPeriod = (today: IsoDate): Period => halfYearSoFar(today);

/** The period's shortcuts: this half-year so far, this year so far, last year and the last whole half-year. */
export function presets(today: string): Record<"halfYear" | "thisYear" | "lastYear" | "lastHalfYear", Period> {
  const year = Number(today.slice(0, 4));
  const firstHalf = today.slice(5) < "07-01";
  return {
    halfYear: halfYearSoFar(today),
    thisYear: yearSoFar(today),
    lastYear: { from: `${year - 1}-01-01`, to: `${year - 1}-12-31` },
    lastHalfYear: firstHalf ? { from: `${year - 1}-07-01`, to: `${year - 1}-12-31` } : { from: `${year}-01-01`, to: `${year}-06-30` },
  };
}

// ---------------------------------------------------------------------------------------------
// The figures

export interface IndicatorFigures extends IndicatorResult {
  /** The published version the figures were computed with (its page explains them). */
  version: number;
  section: Section;
  current: ResultRow[];
  previous: ResultRow[];
}

export interface FollowupData {
  period: Period;
  /** The period compared with: of the same length just before, or the same period last year (`comparison`). */
  previous: Period;
  comparison: Comparison;
  minGroupSize: number;
  /** The municipality's limit for a wait, in days: the overview's waits are held against it. */
  waitLimitDays: number;
  /** How shares and means are written (the municipality's setting; the default until it is wired). */
  precision: Precision;
  indicators: IndicatorFigures[];
  /**
   * The waits from a handover from intake to each team member's first contact, per role, counted
   * in the period of the first contact (decision 0066); absent where the data was not read.
   */
  handoverWaits?: HandoverWaitFigure[];
  /** Nothing at all was counted in the period. */
  empty: boolean;
}

/** A period's rows count nothing: no row, or only rows of zeros (a hidden figure counts as something). */
export function countsNothing(rows: readonly ResultRow[]): boolean {
  return rows.every((r) => !r.suppressed && (r.numerator ?? 0) === 0 && (r.denominator ?? 0) === 0);
}

/** The published version of every indicator of the municipality, by name, in one query. */
export async function publishedIndicators(
  db: DbOrTx,
  municipalityId: string,
): Promise<Array<{ key: string; name: string; number: number; content: Definition }>> {
  const rows = await db
    .select({ key: indicators.key, number: indicatorVersions.number, content: indicatorVersions.content })
    .from(indicatorVersions)
    .innerJoin(indicators, eq(indicators.id, indicatorVersions.indicatorId))
    .where(and(eq(indicators.municipalityId, municipalityId), eq(indicatorVersions.status, "published")))
    .orderBy(asc(indicators.key), asc(indicatorVersions.number));
  const latest = new Map<string, { key: string; name: string; number: number; content: Definition }>();
  for (const r of rows) {
    const content = definitionSchema.parse(r.content);
    latest.set(r.key, { key: r.key, name: content.name, number: r.number, content });
  }
  return [...latest.values()];
}

export async function municipalityMinGroupSize(db: DbOrTx, municipalityId: string): Promise<number> {
  return (await municipalityLimits(db, municipalityId)).minGroupSize;
}

/** The municipality's minimum group size and its limit for a wait (days). */
async function municipalityLimits(db: DbOrTx, municipalityId: string): Promise<{ minGroupSize: number; waitLimitDays: number }> {
  const [row] = await db
    .select({ n: municipalities.minGroupSize, wait: municipalities.waitLimitDays })
    .from(municipalities)
    .where(eq(municipalities.id, municipalityId));
  return { minGroupSize: row?.n ?? 5, waitLimitDays: row?.wait ?? 14 };
}

/**
 * The follow-up's figures for a municipality, not authorized and not audited: for the use case
 * below and the bench. Indicators come in the order of the sections, then by name. `today` decides
 * which stops are overdue; `comparison` which period the figures are compared with.
 */
export async function computeFollowup(
  db: DbOrTx,
  municipalityId: string,
  period: Period,
  today: IsoDate,
  locale?: Locale,
  comparison: Comparison = "previous",
  precision: Precision = defaultPrecision,
): Promise<FollowupData> {
  const previous = comparisonPeriod(period, comparison);
  const periods: SqlPeriod[] = [
    { key: "current", ...period },
    { key: "previous", ...previous },
  ];
  const [published, limits] = await Promise.all([publishedIndicators(db, municipalityId), municipalityLimits(db, municipalityId)]);
  const min = limits.minGroupSize;
  const [results, handoverWaits] = await Promise.all([
    indicatorResults(db, municipalityId, published, periods, min, today, locale),
    handoverWaitFigures(db, municipalityId, period, limits.waitLimitDays, min),
  ]);
  const list = results
    .map((r, i) => ({
      ...r,
      version: published[i]?.number ?? 1,
      section: r.definition.section,
      current: r.periods.current ?? [],
      previous: r.periods.previous ?? [],
    }))
    .sort(byFollowupOrder);
  // The caseworkers are in every period; the period is empty when nothing of the families' was counted.
  const families = list.filter((i) => !perPeriodUnits.includes(i.definition.unit));
  return {
    period,
    previous,
    comparison,
    minGroupSize: min,
    waitLimitDays: limits.waitLimitDays,
    precision,
    indicators: list,
    handoverWaits,
    empty: families.every((i) => countsNothing(i.current)),
  };
}

/**
 * The order of the seed reports' indicators within their sections (the others follow by name). Only
 * an order: which section an indicator is in is its definition's `section`.
 */
const seededOrder = [
  "tratt-sofiamote",
  "tratt-paborjade",
  "tratt-halvvags",
  "tratt-genomforda",
  "mal-genomforda",
  "mal-fortsatt-stod",
  "moten-per-typ",
  "barnsamtal-hallna",
  "barnsamtal-nekat-samtycke",
  "avbrutna-per-fas",
  "avbrott-per-vantetid",
  "stod-genomforda",
  "stod-ovriga",
  "mal-strategier-verktyg",
  "mal-sedda-horda",
  "hallplatser-i-tid",
  "gemensam-barnkonsekvensanalys",
  "vantetid-forfragan-tilldelning-median",
  "vantetid-forfragan-tilldelning-p90",
  "vantetid-tilldelning-forsta-mote-median",
  "vantetid-tilldelning-forsta-mote-p90",
  "vantetid-forfragan-forsta-mote-median",
  "vantetid-forfragan-forsta-mote-p90",
  "svarsfrekvens",
  "medelvarde-foraldrar",
  "medelvarde-barn",
  "handlaggare-deltagit",
  "familjer-per-handlaggare-mean",
  "familjer-per-handlaggare-min",
  "familjer-per-handlaggare-max",
  "perspektiv-foralder-med-problem",
  "perspektiv-positiv-till-stod",
  "perspektiv-vardnad",
  "perspektiv-hushall",
  "perspektiv-arendetyp",
  "perspektiv-barn-alder",
  "perspektiv-barn-kon",
  "placering-forum-inom-gransen",
  "placering-dagar-median",
  "placering-dagar-p90",
  "placering-jourhem-inom-gransen",
  "placering-hemflytt",
];
const seededRank = (key: string) => {
  const i = seededOrder.indexOf(key);
  return i < 0 ? seededOrder.length : i;
};
const byName = compareText("sv");

type Ordered = { key: string; name: string; section: Section };

/** The follow-up's order of indicators: by section, the seeded ones as listed, then by name. Shared with the interim report. */
export const byFollowupOrder = (a: Ordered, b: Ordered) =>
  sections.indexOf(a.section) - sections.indexOf(b.section) || seededRank(a.key) - seededRank(b.key) || byName(a.name, b.name);

/**
 * The follow-up of the actor's municipality for the period asked for (selectPeriod; nothing asked:
 * this half-year against the period just before). Audited as a statistics view.
 */
export async function followup(ctx: ServiceContext, input: PeriodInput): Promise<FollowupData> {
  const { actor } = await authorize(ctx, "followup.view");
  const today = ctx.clock.today();
  const { period, comparison } = selectPeriod(input, today);
  // Read-only statements, in parallel on the pool (a transaction would hold them to one connection).
  const precision = await municipalityPrecision(ctx.db, actor.municipalityId);
  const data = await computeFollowup(ctx.db, actor.municipalityId, period, today, ctx.locale, comparison, precision);
  return ctx.db.transaction(async (tx) => {
    await audit(tx, ctx, {
      action: "followup.view",
      recordType: "municipality",
      recordId: actor.municipalityId,
      detail: { statistics: true, from: period.from, to: period.to, comparison, indicators: data.indicators.length },
    });
    return data;
  });
}

// ---------------------------------------------------------------------------------------------
// A new indicator

const keyPattern = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The key's problem as a catalog key; null when it is a good key. */
export function keyProblem(key: string): string | null {
  if (key.length === 0) return "indicators.error.keyRequired";
  if (key.length > 60 || !keyPattern.test(key)) return "indicators.error.key";
  return null;
}

/**
 * Creates an indicator with its definition as a draft version 1 (publish it like any draft). A
 * taken or malformed key and a definition that does not parse are field errors; nothing is stored.
 */
export async function createIndicator(ctx: ServiceContext, input: { key: string; content: unknown }): Promise<DocumentVersion<Definition>> {
  const { actor } = await authorize(ctx, "indicators.manage");
  const key = input.key.trim();
  const errors: Record<string, string> = {};
  const problem = keyProblem(key);
  if (problem) errors.key = problem;
  const parsed = definitionSchema.safeParse(input.content);
  if (!parsed.success)
    Object.assign(
      errors,
      issueErrors(parsed.error.issues, (path) => ["content", ...path].join(".")),
    );
  if (Object.keys(errors).length > 0 || !parsed.success) throw new ValidationError(errors);
  const content = parsed.data;
  await ctx.db.transaction(async (tx) => {
    const [taken] = await tx
      .select({ id: indicators.id })
      .from(indicators)
      .where(and(eq(indicators.municipalityId, actor.municipalityId), eq(indicators.key, key)));
    if (taken) throw new ValidationError({ key: "indicators.error.keyTaken" });
    const inserted = await tx
      .insert(indicators)
      .values({ municipalityId: actor.municipalityId, key, name: content.name })
      .onConflictDoNothing()
      .returning({ id: indicators.id });
    const document = inserted[0];
    if (!document) throw new ValidationError({ key: "indicators.error.keyTaken" });
    const [version] = await tx
      .insert(indicatorVersions)
      .values({ indicatorId: document.id, number: 1, status: "draft", content, createdBy: actor.id })
      .returning({ id: indicatorVersions.id });
    if (!version) throw new Error("the indicator's first version was not created");
    await audit(tx, ctx, {
      action: "indicator.create",
      recordType: "indicator_version",
      recordId: version.id,
      detail: { indicatorId: document.id, key, number: 1 },
    });
  });
  return indicatorDocuments.getVersion(ctx, key, versionNumber("1"));
}
