/**
 * Indicator results as shown: per period and group the counts, the share and whether the target is
 * met, with small groups suppressed (platform/suppression.ts, decision 0045). The follow-up page,
 * the interim report and the exports all read indicators through here, so a figure is the same
 * everywhere. Shares and statistics are EXACT here: they are rounded only when written
 * (platform/precision.ts), so 42.46 % is never first 42.5 and then 43.
 */
import { z } from "zod";
import type { DbOrTx } from "../platform/database.ts";
import type { IsoDate } from "../platform/dates.ts";
import { type Locale, localName } from "../platform/i18n.ts";
import { inParallel } from "../platform/parallel.ts";
import { suppressGroups, suppressRespondentGroups, suppressTable } from "../platform/suppression.ts";
import { instrumentDocuments } from "../surveys/index.ts";
import { workModelDocuments } from "../workmodels/index.ts";
import { batchesOf, type Count, type Definition, evaluateBatch, isStatistic, meetsTarget, type Period } from "./indicators/index.ts";

export interface ResultRow {
  /** The group's value (a field value or a band label); null without a breakdown or for "missing". */
  group: string | null;
  /** Null when suppressed; a statistic has none. */
  numerator: number | null;
  /** A statistic's: the units with a value. */
  denominator: number | null;
  /** The exact share in percent (17 of 40 is 42.5, 2 of 3 is 66.666…); null when hidden or nothing to divide. */
  percent: number | null;
  /** A statistic (mean, median, …), exact; null for the other displays, when hidden or when no unit has a value. */
  value: number | null;
  /** Whether the exact share or statistic meets the target; null without a target or when it is not shown. */
  met: boolean | null;
  /** Some figure of the row is hidden because a group is too small. */
  suppressed: boolean;
}

export interface IndicatorResult {
  key: string;
  name: string;
  definition: Definition;
  minGroupSize: number;
  /** Per period key, the rows in the groups' order (one row without a breakdown). */
  periods: Record<string, ResultRow[]>;
  /**
   * Display names of group values that are keys (meeting types, stops, questions, scale steps), and
   * under "" the catalog key of the missing value's name where it is not "not recorded".
   */
  labels: Record<string, string>;
}

/**
 * Which suppression rule an indicator's figures follow (decision 0045):
 * - "respondents": a share or statistic of anonymous survey answers (unit "answer"). It says
 *   nothing about a person, so it is shown when the group of respondents is at least the minimum,
 *   whatever the distribution (15 of 17 is shown). Groups of respondents that add up to a shown
 *   whole are suppressed against it (platform/suppression.ts suppressRespondentGroups: more groups
 *   are hidden until the hidden ones together reach the minimum), so that no small group's figure
 *   can be worked back from the whole.
 * - "cells": everything about persons and families (who has the problem, custody, placements,
 *   waits, phases) and every count, answer distributions included: primary and secondary cell
 *   suppression (platform/suppression.ts), so neither a small count nor its complement is shown.
 * A statistic of persons (a median wait) hides a small group's n and value together.
 */
export type SuppressionRule = "respondents" | "cells";

export function suppressionRuleOf(definition: Pick<Definition, "unit" | "display">): SuppressionRule {
  return definition.unit === "answer" && definition.display !== "count" ? "respondents" : "cells";
}

/** The exact share in percent; null for an empty denominator. Rounded only when written (platform/precision.ts). */
export function exactPercent(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : (numerator / denominator) * 100;
}

/**
 * One period's counts as shown. Under the "cells" rule a share's table has a row per group with the
 * numerator and the rest of the denominator as cells, so that no hidden figure can be worked out
 * from the shown ones; a count's table is the one column of numerators. Under the "respondents"
 * rule the groups' sizes (denominators) are the one column.
 */
export function showCounts(definition: Definition, counts: readonly Count[], min: number): ResultRow[] {
  if (definition.display === "count") {
    const hidden = suppressGroups(
      counts.map((c) => c.numerator),
      min,
    );
    return counts.map((c, i) => {
      const h = hidden.groups[i] ?? false;
      return { group: c.group, numerator: h ? null : c.numerator, denominator: null, percent: null, value: null, met: null, suppressed: h };
    });
  }
  if (suppressionRuleOf(definition) === "respondents") {
    const hidden = suppressRespondentGroups(
      counts.map((c) => c.denominator),
      min,
    );
    return counts.map((c, i) => {
      const h = hidden[i] ?? false;
      const statistic = isStatistic(definition.display);
      const shown = statistic ? c.value : exactPercent(c.numerator, c.denominator);
      const figure = h ? null : shown;
      return {
        group: c.group,
        numerator: h || statistic ? null : c.numerator,
        denominator: h ? null : c.denominator,
        percent: statistic ? null : figure,
        value: statistic ? figure : null,
        met: meetsTarget(definition, figure),
        suppressed: h,
      };
    });
  }
  if (isStatistic(definition.display)) {
    // A statistic of a small group would come close to a person's own figure: the group's n and its value are
    // hidden together. No total of the n is shown, so none can be worked out and no second group is hidden.
    return counts.map((c) => {
      const h = c.denominator > 0 && c.denominator < min;
      const value = h ? null : c.value;
      return {
        group: c.group,
        numerator: null,
        denominator: h ? null : c.denominator,
        percent: null,
        value,
        met: meetsTarget(definition, value),
        suppressed: h,
      };
    });
  }
  const s = suppressTable(
    counts.map((c) => [c.numerator, Math.max(0, c.denominator - c.numerator)]),
    min,
  );
  return counts.map((c, i) => {
    const cells = s.cells[i] ?? [];
    const shareHidden = cells.some(Boolean);
    const denominatorHidden = s.rowTotals[i] ?? false;
    const percent = shareHidden ? null : exactPercent(c.numerator, c.denominator);
    return {
      group: c.group,
      numerator: shareHidden ? null : c.numerator,
      denominator: denominatorHidden ? null : c.denominator,
      percent,
      value: null,
      met: meetsTarget(definition, percent),
      suppressed: shareHidden || denominatorHidden,
    };
  });
}

const named = z.object({ key: z.string(), name: z.string(), en: z.object({ name: z.string().optional() }).optional() });
const modelNames = z.object({ meetingTypes: z.array(named), stops: z.array(named) });

/** The names of the meeting types and the stops of the municipality's published work models, by key. */
async function workModelNames(
  db: DbOrTx,
  municipalityId: string,
  locale: Locale | undefined,
): Promise<{ meetingTypes: Record<string, string>; stops: Record<string, string> }> {
  const names = { meetingTypes: {} as Record<string, string>, stops: {} as Record<string, string> };
  for (const m of await workModelDocuments.documentsOf(db, municipalityId)) {
    const version = await workModelDocuments.published(db, municipalityId, m.id);
    const content = modelNames.safeParse(version?.content).data;
    const local = (t: { name: string; en?: { name?: string } | undefined }) => localName({ sv: t.name, en: t.en?.name }, locale ?? "sv");
    for (const t of content?.meetingTypes ?? []) names.meetingTypes[t.key] ??= local(t);
    for (const t of content?.stops ?? []) names.stops[t.key] ??= local(t);
  }
  return names;
}

/** The instrument an answer indicator is about: the one its filters name alone, or null. */
function instrumentOf(d: Definition): string | null {
  const f = [...d.denominator, ...d.numerator].find((x) => x.field === "instrument" && (x.op === "eq" || x.op === "in"));
  const values = f ? (Array.isArray(f.value) ? f.value : [f.value]) : [];
  return values.length === 1 && typeof values[0] === "string" ? values[0] : null;
}

/** The Swedish texts of an instrument's items (by key) or of its scale's values (by value). */
async function instrumentLabels(db: DbOrTx, municipalityId: string, key: string, of: "item" | "value"): Promise<Record<string, string>> {
  const version = await instrumentDocuments.published(db, municipalityId, key);
  if (!version) return {};
  const c = version.content;
  return of === "item"
    ? Object.fromEntries(c.items.map((i) => [i.key, i.texts.sv ?? i.key]))
    : {
        ...Object.fromEntries(c.scale.options.map((o) => [String(o.value), `${o.value} ${o.labels.sv ?? ""}`.trim()])),
        // An answer without a value is "don't know" (a catalog key, see export.ts groupLabel).
        "": "indicators.value.dontKnow",
      };
}

/** Display names of the group values of a breakdown whose values are keys or scale values; empty for the others. */
async function groupLabels(
  db: DbOrTx,
  municipalityId: string,
  d: Definition,
  models: () => Promise<Awaited<ReturnType<typeof workModelNames>>>,
): Promise<Record<string, string>> {
  const field = d.groupBy?.field;
  if (field === "meeting_type") return (await models()).meetingTypes;
  if (field === "stop") return (await models()).stops;
  const instrument = d.unit === "answer" ? instrumentOf(d) : null;
  if (instrument && (field === "item" || field === "value")) return instrumentLabels(db, municipalityId, instrument, field);
  return {};
}

/**
 * How many statements run at once, each on a connection of its own: a page is ready sooner, and a
 * handful of views at once still leave the pool room.
 */
export const PARALLEL_BATCHES = 4;

/** Evaluates the indicators for the periods, each against its own or the municipality's minimum group size. */
export async function indicatorResults(
  db: DbOrTx,
  municipalityId: string,
  indicators: readonly { key: string; name: string; content: Definition }[],
  periods: readonly Period[],
  municipalityMin: number,
  /** The clock's date: a stop due before it and not held is overdue. */
  today: IsoDate,
  /** The reader's language: the English names of indicators, meeting types and stops where they have them. */
  locale?: Locale,
): Promise<IndicatorResult[]> {
  const out: IndicatorResult[] = [];
  let names: ReturnType<typeof workModelNames> | undefined;
  const models = () => {
    names ??= workModelNames(db, municipalityId, locale);
    return names;
  };
  // A statement per batch (the definitions of one unit and date field), a few batches at a time: on
  // the pool side by side, in a transaction one after the other.
  const definitions = indicators.map((i) => i.content);
  const counts: Count[][] = new Array(indicators.length);
  await inParallel(batchesOf(definitions), PARALLEL_BATCHES, async (batch) => {
    const evaluated = await evaluateBatch(
      db,
      batch.map((i) => definitions[i] as Definition),
      municipalityId,
      periods,
      today,
    );
    batch.forEach((i, k) => {
      counts[i] = evaluated[k] ?? [];
    });
  });
  for (const [n, indicator] of indicators.entries()) {
    const min = indicator.content.minGroupSize ?? municipalityMin;
    const byPeriod: Record<string, ResultRow[]> = {};
    for (const p of periods)
      byPeriod[p.key] = showCounts(
        indicator.content,
        (counts[n] ?? []).filter((c) => c.period === p.key),
        min,
      );
    const labels = await groupLabels(db, municipalityId, indicator.content, models);
    const name = localName({ sv: indicator.name, en: indicator.content.en?.name }, locale ?? "sv");
    out.push({ key: indicator.key, name, definition: indicator.content, minGroupSize: min, periods: byPeriod, labels });
  }
  return out;
}
