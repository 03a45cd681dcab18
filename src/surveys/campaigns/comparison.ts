/**
 * Year against year for the annual surveys: any two years the user chooses (by default the latest
 * two with a campaign), per question the mean of each year and the change. A year's answers are
 * those of the instrument's campaigns about that year, however they came in (a link, a printed
 * code, a paper form, an import). Anonymous answers: a year is shown when at least the
 * municipality's minimum responded, a question's mean when at least the minimum answered it on
 * the scale; otherwise ".." (no total of the two years is shown, so nothing hidden can be worked
 * back). Audited as a statistics view.
 */
import { z } from "zod";
import { audit } from "../../platform/audit.ts";
import { authorize, type ServiceContext } from "../../platform/context.ts";
import type { DbOrTx } from "../../platform/database.ts";
import type { IsoDate } from "../../platform/dates.ts";
import { ValidationError } from "../../platform/errors.ts";
import type { Locale } from "../../platform/i18n.ts";
import { defaultPrecision, formatMean, formatMeanChange, type Precision, roundHalfUp } from "../../platform/precision.ts";
import { isSmall } from "../../platform/suppression.ts";
import { textIn } from "../model.ts";
import { instrumentDocuments } from "../service.ts";
import { comparisonYear, isCampaignAudience } from "./model.ts";
import * as store from "./store.ts";

export interface YearColumn {
  year: number;
  /** Complete responses; null when hidden (fewer than the minimum). */
  n: number | null;
  suppressed: boolean;
}

export interface ComparedItem {
  key: string;
  text: string;
  /** Per chosen year (first, second): the exact mean, null when hidden or nobody answered on the scale. */
  means: [number | null, number | null];
  /** The means as written (municipality's decimals), ".." when hidden, "–" when nobody answered. */
  shown: [string, string];
  /** Second year minus first, as written; null when either mean is not shown. */
  change: string | null;
}

export interface YearComparison {
  instrument: { key: string; name: string };
  /** The instruments with campaigns, each with the years its campaigns are about, the latest first. */
  choices: Array<{ key: string; name: string; years: number[] }>;
  minGroupSize: number;
  years: [YearColumn, YearColumn];
  items: ComparedItem[];
}

const HIDDEN = "..";
const NONE = "–";

export const comparisonQuery = z.object({
  instrument: z.string().trim().max(60).optional(),
  first: comparisonYear("campaigns.compare.yearInvalid"),
  second: comparisonYear("campaigns.compare.yearInvalid"),
});

function meanOf(values: Map<number, number>): { mean: number | null; n: number } {
  let n = 0;
  let sum = 0;
  for (const [v, count] of values) {
    n += count;
    sum += v * count;
  }
  return { mean: n === 0 ? null : sum / n, n };
}

/** The comparison of two years from the counts (pure): the suppression and the written figures. */
export function buildComparison(
  content: { items: Array<{ key: string; texts: Record<string, string> }> },
  lang: Locale,
  years: [number, number],
  counts: store.YearCount[],
  min: number,
  precision: Precision,
): Pick<YearComparison, "years" | "items"> {
  const sizeOf = (y: number) => counts.find((r) => r.year === y && r.itemKey === null)?.n ?? 0;
  const columns = years.map((year) => {
    const n = sizeOf(year);
    const suppressed = isSmall(n, min);
    return { year, n: suppressed ? null : n, suppressed };
  }) as [YearColumn, YearColumn];
  const items = content.items.map((item) => {
    const per = years.map((year, i) => {
      if (columns[i]?.suppressed) return { mean: null, shown: HIDDEN };
      const values = new Map<number, number>();
      for (const r of counts) if (r.year === year && r.itemKey === item.key && r.value !== null) values.set(r.value, r.n);
      const { mean, n } = meanOf(values);
      if (mean === null) return { mean: null, shown: NONE };
      if (isSmall(n, min)) return { mean: null, shown: HIDDEN };
      return { mean, shown: formatMean(mean, precision, lang) };
    });
    const [a, b] = per as [{ mean: number | null; shown: string }, { mean: number | null; shown: string }];
    const change =
      a.mean === null || b.mean === null
        ? null
        : formatMeanChange(roundHalfUp(b.mean, precision.meanDecimals) - roundHalfUp(a.mean, precision.meanDecimals), precision, lang);
    return {
      key: item.key,
      text: textIn(item.texts, lang),
      means: [a.mean, b.mean] as [number | null, number | null],
      shown: [a.shown, b.shown] as [string, string],
      change,
    };
  });
  return { years: columns, items };
}

/** The years compared: the first and the second (validated: 1990–9999). */
export interface ComparisonQuery {
  instrument?: string;
  first?: number;
  second?: number;
}

/**
 * The comparison of two years of an annual instrument's campaigns in a municipality, read in the
 * given transaction, neither authorized nor audited: the caller does both (the page and the API
 * through `compareCampaignYears`, the interim report under its own permission and audit row).
 * No instrument given: the first with campaigns; no years: the latest two of its campaign years
 * (the one before the latest when it has one year only). Null when the instrument has no
 * published version.
 */
export async function campaignYearComparison(
  tx: DbOrTx,
  municipalityId: string,
  q: ComparisonQuery,
  locale: Locale,
  precision: Precision,
  today: IsoDate,
): Promise<(YearComparison & { instrumentId: string }) | null> {
  const rows = await store.campaignYears(tx, municipalityId);
  const choices: YearComparison["choices"] = [];
  for (const r of rows) {
    const c = choices.find((x) => x.key === r.instrumentKey);
    if (c) c.years.push(r.year);
    else choices.push({ key: r.instrumentKey, name: r.instrumentName, years: [r.year] });
  }
  // No campaign yet: the first annual instrument with a published version, so the page still offers the choice.
  const annual = (await store.publishedInstruments(tx, municipalityId)).find((i) =>
    isCampaignAudience(String((i.content as { audience?: unknown } | null)?.audience ?? "")),
  );
  const key = q.instrument || choices[0]?.key || annual?.key || "";
  const version = key ? await instrumentDocuments.published(tx, municipalityId, key) : null;
  if (!version) return null;
  const known = choices.find((c) => c.key === key)?.years ?? [];
  const latest = known[0] ?? Number(today.slice(0, 4));
  const second = q.second ?? latest;
  const first = q.first ?? known.find((y) => y < second) ?? second - 1;
  const min = await store.minGroupSize(tx, municipalityId);
  const counts = await store.yearCounts(tx, municipalityId, key, [first, second]);
  const built = buildComparison(version.content, locale, [first, second], counts, min, precision);
  return { instrument: { key, name: version.document.name }, instrumentId: version.document.id, choices, minGroupSize: min, ...built };
}

/**
 * The comparison of two years of an annual instrument's campaigns (the page and the API): the
 * reader's permission, the query checked (a year outside 1990–9999 is a field error, an unknown
 * instrument too), and an audit row as a view of statistics.
 */
export async function compareCampaignYears(
  ctx: ServiceContext,
  input: { instrument?: string; first?: string | number; second?: string | number },
  locale: Locale,
  precision: Precision = defaultPrecision,
): Promise<YearComparison> {
  const { actor } = await authorize(ctx, "surveys.results");
  const parsed = comparisonQuery.safeParse(input);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "_form")] ??= issue.message;
    throw new ValidationError(errors);
  }
  return ctx.db.transaction(async (tx) => {
    const found = await campaignYearComparison(tx, actor.municipalityId, parsed.data, locale, precision, ctx.clock.today());
    if (!found) throw new ValidationError({ instrument: "campaigns.compare.unknownInstrument" });
    const { instrumentId, ...comparison } = found;
    await audit(tx, ctx, {
      action: "survey_campaign.compare",
      recordType: "survey_instrument",
      recordId: instrumentId,
      detail: { statistics: true, instrumentKey: comparison.instrument.key, years: comparison.years.map((y) => y.year) },
    });
    return comparison;
  });
}
