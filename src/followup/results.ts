/**
 * Indicator results as shown: per period and group the counts, the share and whether the target is
 * met, with small counts suppressed (platform/suppression.ts). The follow-up page, the interim
 * report and the exports all read indicators through here, so a figure is the same everywhere.
 */
import { z } from "zod";
import type { DbOrTx } from "../platform/database.ts";
import { suppressGroups, suppressTable } from "../platform/suppression.ts";
import { workModelDocuments } from "../workmodels/service.ts";
import { type Definition, meetsTarget, percentOf } from "./indicator-model.ts";
import { type Count, evaluate, type Period } from "./indicator-sql.ts";

export interface ResultRow {
  /** The group's value (a field value or a band label); null without a breakdown or for "missing". */
  group: string | null;
  /** Null when suppressed. */
  numerator: number | null;
  denominator: number | null;
  percent: number | null;
  /** Whether the share meets the target; null without a target or when the share is not shown. */
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
  /** Display names of group values that are keys (meeting types: their names in the work models). */
  labels: Record<string, string>;
}

/**
 * One period's counts as shown. A share's table has a row per group with the numerator and the rest
 * of the denominator as cells, so that no hidden figure can be worked out from the shown ones; a
 * count's table is the one column of numerators.
 */
export function showCounts(definition: Definition, counts: readonly Count[], min: number): ResultRow[] {
  if (definition.display === "count") {
    const hidden = suppressGroups(
      counts.map((c) => c.numerator),
      min,
    );
    return counts.map((c, i) => {
      const h = hidden.groups[i] ?? false;
      return { group: c.group, numerator: h ? null : c.numerator, denominator: null, percent: null, met: null, suppressed: h };
    });
  }
  const s = suppressTable(
    counts.map((c) => [c.numerator, c.denominator - c.numerator]),
    min,
  );
  return counts.map((c, i) => {
    const cells = s.cells[i] ?? [];
    const shareHidden = cells.some(Boolean);
    const denominatorHidden = s.rowTotals[i] ?? false;
    const percent = shareHidden ? null : percentOf(c.numerator, c.denominator);
    return {
      group: c.group,
      numerator: shareHidden ? null : c.numerator,
      denominator: denominatorHidden ? null : c.denominator,
      percent,
      met: meetsTarget(definition, percent),
      suppressed: shareHidden || denominatorHidden,
    };
  });
}

const meetingTypes = z.object({ meetingTypes: z.array(z.object({ key: z.string(), name: z.string() })) });

/** The names of the meeting types of the municipality's published work models, by key. */
async function meetingTypeNames(db: DbOrTx, municipalityId: string): Promise<Record<string, string>> {
  const names: Record<string, string> = {};
  for (const m of await workModelDocuments.documentsOf(db, municipalityId)) {
    const version = await workModelDocuments.published(db, municipalityId, m.id);
    for (const t of meetingTypes.safeParse(version?.content).data?.meetingTypes ?? []) names[t.key] ??= t.name;
  }
  return names;
}

/** Evaluates the indicators for the periods, each against its own or the municipality's minimum group size. */
export async function indicatorResults(
  db: DbOrTx,
  municipalityId: string,
  indicators: readonly { key: string; name: string; content: Definition }[],
  periods: readonly Period[],
  municipalityMin: number,
): Promise<IndicatorResult[]> {
  const out: IndicatorResult[] = [];
  const byMeetingType = indicators.some((i) => i.content.groupBy?.field === "meeting_type");
  const meetingLabels = byMeetingType ? await meetingTypeNames(db, municipalityId) : {};
  for (const indicator of indicators) {
    const min = indicator.content.minGroupSize ?? municipalityMin;
    const counts = await evaluate(db, indicator.content, municipalityId, periods);
    const byPeriod: Record<string, ResultRow[]> = {};
    for (const p of periods)
      byPeriod[p.key] = showCounts(
        indicator.content,
        counts.filter((c) => c.period === p.key),
        min,
      );
    const labels = indicator.content.groupBy?.field === "meeting_type" ? meetingLabels : {};
    out.push({ key: indicator.key, name: indicator.name, definition: indicator.content, minGroupSize: min, periods: byPeriod, labels });
  }
  return out;
}
