/**
 * Gathers the figures of an interim report for a period, inside the generation's transaction,
 * through the slices that own them: indicators (followup/results.ts, so the report shows what the
 * follow-up page shows), survey results (surveys/results/store.ts and its build functions),
 * implementation (activities and participation), project economy, the long-term outcomes against
 * the comparison groups (outcomes/service.ts computeOutcomeComparison, as /utfall/resultat shows
 * them), and this slice's own aggregate queries. Everything is suppressed with the municipality's minimum group size before it leaves.
 */

import { budgetForPeriod } from "../economy/index.ts";
import {
  byFollowupOrder,
  countsNothing,
  type Definition,
  groupLabel,
  indicatorResults,
  perPeriodUnits,
  publishedIndicators,
  refreshFacts,
} from "../followup/index.ts";
import { activitiesOf, buildParticipation, participation, summariseKinds, unitsOf } from "../implementation/index.ts";
import { computeOutcomeComparison } from "../outcomes/index.ts";
import type { DbOrTx } from "../platform/database.ts";
import type { IsoDate } from "../platform/dates.ts";
import { compareText, translator } from "../platform/i18n.ts";
import type { Precision } from "../platform/precision.ts";
import { answerCounts, buildGroups, campaignYearComparison, groupCounts, instrumentDocuments, type Scope } from "../surveys/index.ts";
import type {
  CampaignComparisonFigures,
  IndicatorLine,
  OutcomeFigures,
  ProjectFigures,
  ReportFigures,
  SurveyInstrumentFigures,
  UnitLine,
  WaitOverLimit,
} from "./document.ts";
import * as figuresStore from "./figures-store.ts";
import { buildChildren, buildGender, buildParticipants, type Period, sameTimeLastYear } from "./model.ts";
import * as store from "./store.ts";

/** The Sofia model's four questions, parents' and children's instruments. */
export const sofiaInstruments = ["sofia-4q-parent", "sofia-4q-child"] as const;

/** The annual surveys compared year on year: the staff's and the parents'. */
export const annualInstruments = ["arlig-medarbetarenkat", "arlig-foraldraenkat"] as const;

const sv = translator("sv");

/** The published indicators' lines for the period against the previous one; empty when nothing of the families' was counted. */
async function indicatorLines(
  db: DbOrTx,
  municipalityId: string,
  period: Period,
  previous: Period,
  min: number,
  today: IsoDate,
  limitDays: number,
): Promise<{ lines: IndicatorLine[]; overLimit: WaitOverLimit[]; empty: boolean }> {
  const periods = [
    { key: "current", ...period },
    { key: "previous", ...previous },
  ];
  const published = (await publishedIndicators(db, municipalityId))
    .map((p) => ({ ...p, section: p.content.section }))
    .sort(byFollowupOrder);
  // The waits' shares over the limit are evaluated with the indicators, in the same statements: a
  // share and its wait's median are of one unit and date field, so their rows are made once (decision 0055).
  const shares = overLimitShares(published, limitDays);
  const evaluated = await indicatorResults(db, municipalityId, [...published, ...shares], periods, min, today);
  const results = evaluated.slice(0, published.length);
  const overLimit: WaitOverLimit[] = shares.map((s, i) => {
    const r = evaluated[published.length + i];
    return { of: s.of, limitDays, current: r?.periods.current?.[0] ?? null, previous: r?.periods.previous?.[0] ?? null };
  });
  const lines: IndicatorLine[] = [];
  for (const r of results) {
    const current = r.periods.current ?? [];
    const before = r.periods.previous ?? [];
    for (const row of current) {
      lines.push({
        key: r.key,
        name: r.name,
        section: r.definition.section,
        group: r.definition.groupBy ? (row.group ?? "missing") : null,
        groupName: r.definition.groupBy ? groupLabel(sv, row.group, r.labels) : undefined,
        display: r.definition.display,
        target: r.definition.target,
        current: row,
        previous: before.find((b) => b.group === row.group) ?? null,
      });
    }
  }
  // The caseworkers are counted in every period: they alone do not make a period one with data.
  const families = results.filter((r) => !perPeriodUnits.includes(r.definition.unit));
  return { lines, overLimit, empty: families.every((r) => countsNothing(r.periods.current ?? [])) };
}

/** The statistics of waits the follow-up's overview holds against the limit: medians and 90th percentiles without a breakdown. */
const waitStatistics = ["median", "p90"];

/**
 * The share of each wait over the municipality's limit, from the same rows as its median: the
 * statistic's own definition (unit, period date, filters) made a share, whose denominator is the
 * units with a wait (as the median's) and whose numerator those that waited more days than the
 * limit (over the limit as the follow-up's overview says it: more than the limit). One share per
 * measured field, for the statistics of that field.
 */
function overLimitShares(
  published: readonly { key: string; name: string; content: Definition }[],
  limitDays: number,
): Array<{ key: string; name: string; content: Definition; of: string[] }> {
  const statistics = published.filter(
    (p) => p.content.section === "waits" && waitStatistics.includes(p.content.display) && p.content.groupBy === null && p.content.measure,
  );
  const byField = new Map<string, typeof statistics>();
  for (const s of statistics) {
    const d = s.content;
    const id = JSON.stringify([d.unit, d.periodDate, d.denominator, d.numerator, d.measure?.field]);
    byField.set(id, [...(byField.get(id) ?? []), s]);
  }
  const shares = [...byField.values()].map((group) => {
    const first = group[0] as (typeof statistics)[number];
    const d = first.content;
    const field = d.measure?.field ?? "";
    const content: Definition = {
      ...d,
      display: "percent",
      measure: null,
      target: null,
      groupBy: null,
      denominator: [...d.denominator, ...d.numerator, { field, op: "not_null" }],
      numerator: [{ field, op: "gt", value: limitDays }],
    };
    return { key: `${first.key}-over-limit`, name: first.name, content, of: group.map((g) => g.key) };
  });
  return shares;
}

/**
 * One instrument's figures as the report stores them, from the survey results' groups (the same
 * builders and hiding as the results page): its items, scale steps, means and counts per step.
 */
export function instrumentFigures(
  key: string,
  name: string,
  content: Parameters<typeof buildGroups>[0],
  groups: ReturnType<typeof buildGroups>,
): SurveyInstrumentFigures {
  return {
    key,
    name,
    items: content.items.map((i) => ({ key: i.key, text: groups[0]?.items.find((s) => s.key === i.key)?.text ?? i.key })),
    scale: [...content.scale.options]
      .sort((a, b) => a.value - b.value)
      .map((o) => o.labels.sv ?? Object.values(o.labels)[0] ?? String(o.value)),
    dontKnow: content.scale.allowDontKnow,
    groups: groups.map((g) => ({
      key: g.key,
      kind: g.kind,
      n: g.n,
      means: g.items.map((i) => i.mean),
      distributions: g.items.map((i) => ({ counts: i.counts, dontKnow: i.dontKnow, answered: i.answered })),
    })),
  };
}

async function surveyFigures(db: DbOrTx, municipalityId: string, period: Period, min: number): Promise<SurveyInstrumentFigures[]> {
  const out: SurveyInstrumentFigures[] = [];
  for (const key of sofiaInstruments) {
    const version = await instrumentDocuments.published(db, municipalityId, key);
    if (!version) continue;
    const scope: Scope = { municipalityId, instrumentId: version.document.id, ...period };
    const groups = buildGroups(version.content, "sv", await groupCounts(db, scope), await answerCounts(db, scope), min);
    out.push(instrumentFigures(key, version.document.name, version.content, groups));
  }
  return out;
}

/** The economy's budget of every project the period touches, per year and cost category, with its savings estimate. */
async function budgetFigures(db: DbOrTx, municipalityId: string, period: Period): Promise<ProjectFigures[]> {
  return (await budgetForPeriod(db, municipalityId, period)).map((p) => ({
    name: p.name,
    years: p.years,
    total: p.total,
    project: { ...p.project, fromYear: p.fromYear, toYear: p.toYear },
    savings: p.savings,
  }));
}

/** The outcomes of the families completed in the period beside the comparison groups; empty when nobody has a figure. */
async function outcomeFigures(db: DbOrTx, municipalityId: string, period: Period): Promise<OutcomeFigures> {
  const comparison = await computeOutcomeComparison(db, municipalityId, period);
  // A hidden total (null) is a group of some size: only zeros everywhere is nothing.
  return { ...comparison, empty: comparison.rows.every((r) => r.figures.every((f) => f.total === 0)) };
}

/**
 * The annual surveys of the report's year (the year its period ends in) against the year before:
 * the surveys' own year-on-year comparison (as the page /enkater/ar-mot-ar and the API give it),
 * with its suppression (a year shown from the minimum number of respondents, a mean from the
 * minimum number of answers on the scale). An instrument that is not published is left out.
 */
async function campaignFigures(
  db: DbOrTx,
  municipalityId: string,
  period: Period,
  precision: Precision,
  today: IsoDate,
): Promise<{ year: number; instruments: CampaignComparisonFigures[] }> {
  const year = Number(period.to.slice(0, 4));
  const instruments: CampaignComparisonFigures[] = [];
  for (const key of annualInstruments) {
    const c = await campaignYearComparison(db, municipalityId, { instrument: key, first: year - 1, second: year }, "sv", precision, today);
    if (!c) continue;
    const held = c.choices.find((x) => x.key === key)?.years ?? [];
    instruments.push({
      key,
      name: c.instrument.name,
      years: [
        { ...c.years[0], held: held.includes(c.years[0].year) },
        { ...c.years[1], held: held.includes(c.years[1].year) },
      ],
      items: c.items.map((i) => ({ key: i.key, text: i.text, means: i.means, hidden: [i.shown[0] === "..", i.shown[1] === ".."] })),
    });
  }
  return { year, instruments };
}

type UnitRows = Awaited<ReturnType<typeof unitsOf>>;

/** The staff's participation per unit, suppressed with the municipality's minimum, the units in their names' order. */
function participationOf(unitRows: UnitRows, counts: Awaited<ReturnType<typeof participation>>, min: number) {
  const names = new Map(unitRows.map((u) => [u.id, u.name]));
  return buildParticipation(
    counts.map((c) => ({ ...c, unitName: names.get(c.unitId) ?? "" })).sort((a, b) => compareText("sv")(a.unitName, b.unitName)),
    min,
  );
}

type Participation = Awaited<ReturnType<typeof participation>>;

/** The figures of the period (and the indicators of the same period last year) read from the database, as of `today`. */
export async function gatherFigures(db: DbOrTx, municipalityId: string, period: Period, today: IsoDate): Promise<ReportFigures> {
  return (await periodFigures(db, municipalityId, period, today)).figures;
}

/** The period's figures, with the units and the staff's participation they were made from. */
async function periodFigures(
  db: DbOrTx,
  municipalityId: string,
  period: Period,
  today: IsoDate,
): Promise<{ figures: ReportFigures; unitRows: UnitRows; counts: Participation }> {
  const m = await store.municipality(db, municipalityId);
  const min = m?.minGroupSize ?? 5;
  const previous = sameTimeLastYear(period);

  // The requests' and gender counts read the follow-up's kept rows, as the indicators do: the stale ones are made first.
  await refreshFacts(db);
  // Independent reads: on the pool they run side by side, in a transaction one after the other.
  const [requests, gender, indicators, instruments, outcomes, activities, unitRows, counts, projects] = await Promise.all([
    figuresStore.requestCounts(db, municipalityId, period, today),
    figuresStore.genderCounts(db, municipalityId, period, today),
    indicatorLines(db, municipalityId, period, previous, min, today, m?.waitLimitDays ?? 14),
    surveyFigures(db, municipalityId, period, min),
    outcomeFigures(db, municipalityId, period),
    activitiesOf(db, municipalityId, { period, status: null }),
    unitsOf(db, municipalityId),
    participation(db, municipalityId, period),
    budgetFigures(db, municipalityId, period),
  ]);
  const participants = buildParticipants(requests, min);
  const kinds = summariseKinds(activities);
  const units = participationOf(unitRows, counts, min).map(({ unitId: _, minFamilies: __, maxFamilies: ___, ...u }) => u);
  const anyParticipation = counts.some((c) => c.familiesPerCaseworker.length > 0);

  const figures: ReportFigures = {
    municipality: m?.name ?? "",
    period,
    previous,
    minGroupSize: min,
    participants,
    children: buildChildren(gender.children, min),
    indicators: {
      // Nothing happened in the period: every indicator counts nobody.
      empty: participants.empty && indicators.empty,
      lines: indicators.lines,
      waitsOverLimit: indicators.overLimit,
      placementLimits: {
        reviewDays: m?.placementReviewLimitDays ?? 30,
        emergencyDays: m?.emergencyPlacementLimitDays ?? 60,
      },
    },
    outcomes,
    surveys: { empty: instruments.every((i) => i.groups.every((g) => g.n === 0)), instruments },
    staff: { empty: !anyParticipation && activities.length === 0, units },
    activities: { empty: activities.length === 0, kinds: kinds.kinds, total: kinds.total },
    budget: { empty: projects.length === 0, projects },
    gender: buildGender(gender.guardians, gender.families, gender.children, gender.problemFamilies, min),
  };
  return { figures, unitRows, counts };
}

/**
 * The staff's participation per unit in the same period last year (`before`), beside this period's
 * lines (in the same order; `now` is this period's participation they were made from): today's
 * caseworkers of the unit and how many of them worked with a family then, suppressed by the same
 * person rule as this period's.
 */
function staffLastYear(unitRows: UnitRows, now: Participation, before: Participation, min: number, units: UnitLine[]): UnitLine[] {
  const ids = participationOf(unitRows, now, min).map((u) => u.unitId);
  const lastYear = new Map(participationOf(unitRows, before, min).map((u) => [u.unitId, u]));
  return units.map((u, i) => {
    const b = lastYear.get(ids[i] ?? "");
    return {
      ...u,
      previous: b
        ? { caseworkers: b.caseworkers, participating: b.participating, share: b.share, suppressed: b.suppressed }
        : { caseworkers: null, participating: null, share: null, suppressed: false },
    };
  });
}

/**
 * Every figure of the report: the period's figures (`gatherFigures`) with the comparisons year on
 * year that it does not read: the staff's participation per unit in the same period last year and
 * the annual surveys of the report's year against the year before. All three are read side by side.
 */
export async function gatherReportFigures(
  db: DbOrTx,
  municipalityId: string,
  period: Period,
  today: IsoDate,
  precision: Precision,
): Promise<ReportFigures> {
  const [{ figures, unitRows, counts }, before, campaigns] = await Promise.all([
    periodFigures(db, municipalityId, period, today),
    participation(db, municipalityId, sameTimeLastYear(period)),
    campaignFigures(db, municipalityId, period, precision, today),
  ]);
  const units = staffLastYear(unitRows, counts, before, figures.minGroupSize, figures.staff.units);
  return { ...figures, staff: { ...figures.staff, units }, campaigns };
}
