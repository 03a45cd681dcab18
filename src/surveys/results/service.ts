/**
 * Survey results (surveys.results, aggregate): per instrument and period the number of responses,
 * the response rate per meeting type, the mean and distribution per item for all respondents and
 * apart per role (parents with and without the problem, children, children's age bands), before
 * against after for processes that answered both, and year against year for annual instruments.
 * Every figure goes through the municipality's minimum group size (src/platform/suppression.ts):
 * a group under it, or one that could be worked out from a shown total, is null ("..").
 * Never a person, never a free text. Viewing is audited as a statistics view.
 */
import { ageBands } from "../../families/index.ts";
import { municipalityPrecision } from "../../organisation/index.ts";
import { audit } from "../../platform/audit.ts";
import { authorize, type ServiceContext } from "../../platform/context.ts";
import { parseIsoDate } from "../../platform/dates.ts";
import { ValidationError } from "../../platform/errors.ts";
import { compareText, type Locale } from "../../platform/i18n.ts";
import type { Precision } from "../../platform/precision.ts";
import { isSmall, suppressGroups } from "../../platform/suppression.ts";
import { type Content, textIn } from "../model.ts";
import { respondentRoles } from "../responses/index.ts";
import { instrumentDocuments } from "../service.ts";
import * as store from "./store.ts";

export interface Period {
  from: string;
  to: string;
}

/** The figures of one item in one group; all null when hidden. */
export interface ItemStat {
  key: string;
  text: string;
  /** Answers on the scale, in the scale's order. */
  counts: number[] | null;
  dontKnow: number | null;
  /** Everyone who answered the item, "don't know" included. */
  answered: number | null;
  /** Mean of the answers on the scale; "don't know" is left out. */
  mean: number | null;
  /** The share (0–1) of the item's answers that were "don't know". */
  dontKnowShare: number | null;
  suppressed: boolean;
}

export type GroupKind = "all" | "role" | "band";

export interface GroupStat {
  /** "all", a respondent role, or a child's age band. */
  key: string;
  kind: GroupKind;
  n: number | null;
  suppressed: boolean;
  items: ItemStat[];
}

export interface RateStat {
  meetingTypeKey: string;
  meetingTypeName: string;
  meetings: number;
  invited: number | null;
  responses: number | null;
  /** responses / invited, 0–1. */
  rate: number | null;
  suppressed: boolean;
}

export interface MeanStat {
  key: string;
  text: string;
  mean: number | null;
  suppressed: boolean;
}

export interface PairedStat {
  pairs: number | null;
  suppressed: boolean;
  items: Array<{ key: string; text: string; before: number | null; after: number | null; suppressed: boolean }>;
}

export interface YearStat {
  year: number;
  n: number | null;
  suppressed: boolean;
  items: MeanStat[];
}

export interface InstrumentChoice {
  key: string;
  name: string;
}

export interface SurveyResults {
  instrument: { id: string; key: string; name: string; version: number; content: Content };
  period: Period;
  minGroupSize: number;
  /** How the municipality writes shares and means (decimals, half up); the figures above are exact. */
  precision: Precision;
  /** The scale's labels in the scale's order, in the reader's language. */
  scaleLabels: string[];
  groups: GroupStat[];
  rates: RateStat[];
  rateTotal: { invited: number | null; responses: number | null; rate: number | null; suppressed: boolean };
  /** Instruments answered before and after the series only. */
  paired: PairedStat | null;
  /** Annual instruments only: the period's last year and the four before it. */
  years: YearStat[] | null;
}

// ---------------------------------------------------------------------------------------------
// The period

/** January 1 to December 31 of the year of the day given. */
export function defaultPeriod(today: string): Period {
  const year = today.slice(0, 4);
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

/** A period from the form or the query: both dates real, from not after to; empty means the current year. */
export function parsePeriod(from: string | undefined, to: string | undefined, today: string): Period {
  const fallback = defaultPeriod(today);
  const f = from?.trim() || fallback.from;
  const t = to?.trim() || fallback.to;
  const errors: Record<string, string> = {};
  if (!parseIsoDate(f)) errors.from = "results.error.date";
  if (!parseIsoDate(t)) errors.to = "results.error.date";
  if (!errors.from && !errors.to && f > t) errors.to = "results.error.toBeforeFrom";
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return { from: f, to: t };
}

// ---------------------------------------------------------------------------------------------
// Pure aggregation

/** Answer counts of one item in one group: per scale value, and "don't know". */
export interface ItemCounts {
  values: Map<number, number>;
  dontKnow: number;
}

const emptyCounts = (): ItemCounts => ({ values: new Map(), dontKnow: 0 });

function add(into: ItemCounts, value: number | null, n: number) {
  if (value === null) into.dontKnow += n;
  else into.values.set(value, (into.values.get(value) ?? 0) + n);
}

/** The mean of the answers on the scale; null when there are none. */
export function meanOf(values: Map<number, number>): number | null {
  let n = 0;
  let sum = 0;
  for (const [v, count] of values) {
    n += count;
    sum += v * count;
  }
  return n === 0 ? null : sum / n;
}

const answeredOf = (c: ItemCounts) => [...c.values.values()].reduce((s, n) => s + n, c.dontKnow);
const valuedOf = (c: ItemCounts) => [...c.values.values()].reduce((s, n) => s + n, 0);

/**
 * One item's figures. Hidden when the group is hidden or when fewer than the minimum answered
 * it; the mean alone is hidden when fewer than the minimum answered on the scale.
 */
export function itemStat(
  item: { key: string; text: string },
  scaleValues: number[],
  counts: ItemCounts,
  hidden: boolean,
  min: number,
): ItemStat {
  const answered = answeredOf(counts);
  if (hidden || isSmall(answered, min)) {
    return { ...item, counts: null, dontKnow: null, answered: null, mean: null, dontKnowShare: null, suppressed: true };
  }
  return {
    ...item,
    counts: scaleValues.map((v) => counts.values.get(v) ?? 0),
    dontKnow: counts.dontKnow,
    answered,
    mean: isSmall(valuedOf(counts), min) ? null : meanOf(counts.values),
    dontKnowShare: answered === 0 ? null : counts.dontKnow / answered,
    suppressed: false,
  };
}

interface RawGroup {
  key: string;
  kind: GroupKind;
  n: number;
  items: Map<string, ItemCounts>;
}

/** Groups that add up to a parent group: hidden by size, and item by item by the answers to it. */
function siblingsHidden(parentHidden: boolean, children: RawGroup[], itemKeys: string[], min: number) {
  const bySize = suppressGroups(
    children.map((c) => c.n),
    min,
  );
  const groupHidden = children.map((_, i) => parentHidden || (bySize.groups[i] ?? false));
  const itemHidden = new Map<string, boolean[]>();
  for (const key of itemKeys) {
    const byItem = suppressGroups(
      children.map((c) => answeredOf(c.items.get(key) ?? emptyCounts())),
      min,
    );
    itemHidden.set(
      key,
      children.map((_, i) => (groupHidden[i] ?? true) || (byItem.groups[i] ?? false)),
    );
  }
  return { groupHidden, itemHidden };
}

/**
 * All respondents, then apart per role when more than one role answered, then a child's age
 * bands: every level suppressed against the level above it.
 */
export function buildGroups(
  content: Content,
  lang: string,
  groupCounts: store.GroupCount[],
  answerCounts: store.AnswerCount[],
  min: number,
): GroupStat[] {
  const items = content.items.map((i) => ({ key: i.key, text: textIn(i.texts, lang) }));
  const scaleValues = content.scale.options.map((o) => o.value).sort((a, b) => a - b);
  const itemKeys = items.map((i) => i.key);
  const raw = (key: string, kind: GroupKind, match: (role: string, band: string | null) => boolean): RawGroup => {
    const g: RawGroup = { key, kind, n: 0, items: new Map(itemKeys.map((k) => [k, emptyCounts()])) };
    for (const c of groupCounts) if (match(c.role, c.ageBand)) g.n += c.n;
    for (const a of answerCounts) {
      const into = g.items.get(a.itemKey);
      if (into && match(a.role, a.ageBand)) add(into, a.value, a.n);
    }
    return g;
  };

  const all = raw("all", "all", () => true);
  const allHidden = isSmall(all.n, min);
  const out: GroupStat[] = [];
  const emit = (g: RawGroup, hidden: boolean, itemHidden: (key: string) => boolean) =>
    out.push({
      key: g.key,
      kind: g.kind,
      n: hidden ? null : g.n,
      suppressed: hidden,
      items: items.map((i) => itemStat(i, scaleValues, g.items.get(i.key) ?? emptyCounts(), itemHidden(i.key), min)),
    });
  emit(all, allHidden, () => allHidden);

  const roles = respondentRoles.filter((r) => groupCounts.some((c) => c.role === r && c.n > 0));
  let childHidden = allHidden;
  if (roles.length > 1) {
    const roleGroups = roles.map((r) => raw(r, "role", (role) => role === r));
    const { groupHidden, itemHidden } = siblingsHidden(allHidden, roleGroups, itemKeys, min);
    roleGroups.forEach((g, i) => {
      emit(g, groupHidden[i] ?? true, (key) => itemHidden.get(key)?.[i] ?? true);
      if (g.key === "child") childHidden = groupHidden[i] ?? true;
    });
  }
  if (roles.includes("child")) {
    const bands = ageBands.filter((b) => groupCounts.some((c) => c.role === "child" && c.ageBand === b && c.n > 0));
    const withoutBand = groupCounts.some((c) => c.role === "child" && c.ageBand === null && c.n > 0);
    const bandGroups = bands.map((b) => raw(b, "band", (role, band) => role === "child" && band === b));
    if (withoutBand) bandGroups.push(raw("unknown", "band", (role, band) => role === "child" && band === null));
    if (bandGroups.length > 1) {
      const { groupHidden, itemHidden } = siblingsHidden(childHidden, bandGroups, itemKeys, min);
      bandGroups.forEach((g, i) => {
        emit(g, groupHidden[i] ?? true, (key) => itemHidden.get(key)?.[i] ?? true);
      });
    }
  }
  return out;
}

/** The response rate per meeting type, the responses (and the invited) suppressed as groups. */
export function buildRates(rows: store.RateCount[], min: number): { rates: RateStat[]; total: SurveyResults["rateTotal"] } {
  const byResponses = suppressGroups(
    rows.map((r) => r.responses),
    min,
  );
  const byInvited = suppressGroups(
    rows.map((r) => r.invited),
    min,
  );
  const rates = rows.map((r, i) => {
    const hidden = byResponses.groups[i] ?? true;
    const invitedHidden = byInvited.groups[i] ?? true;
    const suppressed = hidden || invitedHidden;
    return {
      meetingTypeKey: r.meetingTypeKey,
      meetingTypeName: r.meetingTypeName,
      meetings: r.meetings,
      invited: invitedHidden ? null : r.invited,
      responses: hidden ? null : r.responses,
      rate: suppressed || r.invited === 0 ? null : r.responses / r.invited,
      suppressed,
    };
  });
  const invited = rows.reduce((s, r) => s + r.invited, 0);
  const responses = rows.reduce((s, r) => s + r.responses, 0);
  const suppressed = byResponses.total || byInvited.total;
  return {
    rates,
    total: {
      invited: byInvited.total ? null : invited,
      responses: byResponses.total ? null : responses,
      rate: suppressed || invited === 0 ? null : responses / invited,
      suppressed,
    },
  };
}

/** Before against after: hidden when fewer than the minimum processes have both, a mean when fewer answered. */
export function buildPaired(content: Content, lang: string, data: { pairs: number; counts: store.PairedCount[] }, min: number): PairedStat {
  const hidden = isSmall(data.pairs, min);
  const meanFor = (phase: "before" | "after", key: string) => {
    const values = new Map<number, number>();
    for (const c of data.counts) {
      if (c.phase === phase && c.itemKey === key && c.value !== null) values.set(c.value, (values.get(c.value) ?? 0) + c.n);
    }
    return isSmall(valuedOf({ values, dontKnow: 0 }), min) ? null : meanOf(values);
  };
  return {
    pairs: hidden ? null : data.pairs,
    suppressed: hidden,
    items: content.items.map((i) => {
      const before = hidden ? null : meanFor("before", i.key);
      const after = hidden ? null : meanFor("after", i.key);
      return { key: i.key, text: textIn(i.texts, lang), before, after, suppressed: hidden || before === null || after === null };
    }),
  };
}

/** Year against year: every year's responses suppressed against their sum, a mean when fewer answered. */
export function buildYears(content: Content, lang: string, rows: store.YearCount[], min: number): YearStat[] {
  const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b);
  const sizes = years.map((y) => rows.find((r) => r.year === y && r.itemKey === null)?.n ?? 0);
  const hidden = suppressGroups(sizes, min).groups;
  return years.map((year, i) => {
    const yearHidden = hidden[i] ?? true;
    return {
      year,
      n: yearHidden ? null : (sizes[i] ?? 0),
      suppressed: yearHidden,
      items: content.items.map((item) => {
        const values = new Map<number, number>();
        for (const r of rows) if (r.year === year && r.itemKey === item.key && r.value !== null) values.set(r.value, r.n);
        const mean = yearHidden || isSmall(valuedOf({ values, dontKnow: 0 }), min) ? null : meanOf(values);
        return { key: item.key, text: textIn(item.texts, lang), mean, suppressed: mean === null };
      }),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Use cases

/** The municipality's instruments to choose among, by name, and its minimum group size. */
export async function resultChoices(ctx: ServiceContext): Promise<{ instruments: InstrumentChoice[]; minGroupSize: number }> {
  const { actor } = await authorize(ctx, "surveys.results");
  const list = await instrumentDocuments.documentsOf(ctx.db, actor.municipalityId);
  return {
    instruments: list.map((m) => ({ key: m.key, name: m.name })).sort((a, b) => compareText("sv")(a.name, b.name)),
    minGroupSize: await store.minGroupSize(ctx.db, actor.municipalityId),
  };
}

/**
 * The results of an instrument in a period, suppressed by the municipality's minimum group size.
 * An unknown instrument or a bad period is a field error. Audited as a statistics view.
 */
export async function surveyResults(
  ctx: ServiceContext,
  input: { instrument?: string; from?: string; to?: string },
  locale: Locale,
): Promise<SurveyResults> {
  const { actor } = await authorize(ctx, "surveys.results");
  const period = parsePeriod(input.from, input.to, ctx.clock.today());
  return ctx.db.transaction(async (tx) => {
    const key = input.instrument?.trim() ?? "";
    const version = key ? await instrumentDocuments.published(tx, actor.municipalityId, key) : null;
    if (!version) throw new ValidationError({ instrument: "results.error.unknownInstrument" });
    const { document: instrument, content } = version;
    const min = await store.minGroupSize(tx, actor.municipalityId);
    const precision = await municipalityPrecision(tx, actor.municipalityId);
    const scope: store.Scope = { municipalityId: actor.municipalityId, instrumentId: instrument.id, ...period };

    const groups = buildGroups(content, locale, await store.groupCounts(tx, scope), await store.answerCounts(tx, scope), min);
    const { rates, total } = buildRates(await store.rateCounts(tx, scope, instrument.key, locale), min);
    const series = content.timing.includes("before_series") || content.timing.includes("after_series");
    const paired = series ? buildPaired(content, locale, await store.pairedCounts(tx, scope), min) : null;
    const annual = content.timing.includes("annual");
    const lastYear = Number(period.to.slice(0, 4));
    const years = annual ? buildYears(content, locale, await store.yearCounts(tx, scope, lastYear - 4), min) : null;

    await audit(tx, ctx, {
      action: "survey_results.view",
      recordType: "survey_instrument",
      recordId: instrument.id,
      detail: { statistics: true, instrumentKey: instrument.key, from: period.from, to: period.to },
    });
    return {
      instrument: { id: instrument.id, key: instrument.key, name: instrument.name, version: version.number, content },
      period,
      minGroupSize: min,
      precision,
      scaleLabels: [...content.scale.options].sort((a, b) => a.value - b.value).map((o) => textIn(o.labels, locale)),
      groups,
      rates,
      rateTotal: total,
      paired,
      years,
    };
  });
}
