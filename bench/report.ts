/**
 * The interim report for npm run bench: on the generated national-scale data, the report's figure
 * gathering (src/reports/figures.ts gatherFigures: participants and case types, children, the gender
 * perspective, every published indicator for the period and the one before it, the families'
 * answers, staff participation, implementation activities, budget, and the long-term outcomes
 * against the comparison groups) on the pool as the generation runs it, against hand-written
 * reference SQL for the same figures. The indicators' reference is the follow-up bench's
 * (bench/followup.ts); the rest is written here. The reference's counts go through the same pure
 * builders (suppression and shaping), and the figures must be equal before any timing.
 *
 * The whole generation (figures, the document with its ECharts charts, the Typst PDF/A-2b and the
 * Word file) is timed too, and printed as its own ratio against the same reference: the reference
 * makes no document, so that ratio says what the files cost on top of the figures. Every round makes
 * the same document, so from the second on Typst's worker reuses the layout it kept of the last one
 * (decision 0028's addendum), as a report made again after its texts were edited does;
 * `firstGenerationMs` is the first, with nothing kept.
 *
 * Before timing, the outcomes are made national-scale as well: the app's job creates every due
 * follow-up (createDueFollowups), most are recorded with a deterministic spread, and a comparison
 * group of anonymous records is added. The period is the last two years up to today (the generated
 * requests fall in it, and the families completed more than a year ago have their first follow-up).
 * Rounds alternate which side goes first; figures are medians in milliseconds; ratio = app / reference.
 */
import { isDeepStrictEqual } from "node:util";
import type pg from "pg";
import { summarise } from "../src/economy/model.ts";
import { seededIndicators } from "../src/followup/indicators/seed.ts";
import { evaluate } from "../src/followup/indicators/sql.ts";
import { buildParticipation, summariseKinds } from "../src/implementation/model.ts";
import { horizons, measures } from "../src/outcomes/model.ts";
import { computeOutcomeComparison, createDueFollowups, showFigures } from "../src/outcomes/service.ts";
import type { Db } from "../src/platform/database.ts";
import { addDays, calendarDateInSweden, todayInSweden } from "../src/platform/dates.ts";
import { compareText } from "../src/platform/i18n.ts";
import { defaultPrecision } from "../src/platform/precision.ts";
import { buildDocument, type ReportFigures } from "../src/reports/document.ts";
import { renderDocx } from "../src/reports/docx.ts";
import { gatherFigures, instrumentFigures, sofiaInstruments } from "../src/reports/figures.ts";
import {
  buildChildren,
  buildGender,
  buildParticipants,
  type ChildCount,
  type FamilyCount,
  type GuardianCount,
  type Period,
  type ProblemFamilyCount,
  type RequestCount,
  sameTimeLastYear,
} from "../src/reports/model.ts";
import { templateSections } from "../src/reports/template.ts";
import { renderPdf } from "../src/reports/typst.ts";
import { buildGroups } from "../src/surveys/results/service.ts";
import type { AnswerCount, GroupCount } from "../src/surveys/results/store.ts";
import { reference as indicatorReference, referenceQueries, shownReference } from "./followup.ts";
import { alternate, elapsed, median, ms, ratio } from "./timing.ts";

/** A large municipality's comparison group of anonymous records (families in the target group not in Sofia). */
const COMPARISON_RECORDS = 5_000;

// ---- The outcomes at scale (not timed) ----

/** Every due follow-up created by the app's job; four in five recorded (deterministically), a records comparison group. */
async function prepareOutcomes(
  db: Db,
  pool: pg.Pool,
  municipalityId: string,
  period: Period,
): Promise<{ followups: number; recorded: number }> {
  await createDueFollowups(db, todayInSweden());
  const recorded = await pool.query(
    `update outcome_followups f set status = 'recorded', source = 'import', recorded_at = now(),
       emergency_placement = h % 9 = 2, re_referral = h % 6 = 1, school_consent = h % 3 <> 0,
       school_attendance = case when h % 3 = 0 then null when h % 7 = 3 then 'not_kept' else 'kept' end
     from (select f2.id, abs(hashtext(f2.id::text)) as h from outcome_followups f2
           join processes p on p.id = f2.process_id where p.municipality_id = $1 and f2.status = 'open') x
     where f.id = x.id and x.h % 5 <> 4`,
    [municipalityId],
  );
  const group = await pool.query<{ id: string }>(
    `insert into comparison_groups (municipality_id, name, description, kind)
     values ($1, 'Bench: jämförelsegrupp (poster)', 'Genererade poster för npm run bench', 'records') returning id`,
    [municipalityId],
  );
  await pool.query(
    `insert into comparison_records (group_id, reference_date, horizon, emergency_placement, re_referral, further_support, school_attendance)
     select $1, $2::date + (i % ($3::date - $2::date + 1)), 1 + i % 2, i % 7 = 1, i % 5 = 2, i % 3 = 0,
       case when i % 4 = 0 then null when i % 6 = 1 then 'not_kept' else 'kept' end
     from generate_series(1, $4::int) i`,
    [group.rows[0]?.id, period.from, period.to, COMPARISON_RECORDS],
  );
  const [count] = (
    await pool.query<{ n: number }>(
      "select count(*)::int as n from outcome_followups f join processes p on p.id = f.process_id where p.municipality_id = $1",
      [municipalityId],
    )
  ).rows;
  return { followups: count?.n ?? 0, recorded: recorded.rowCount ?? 0 };
}

// ---- The reference: hand-written SQL, one statement per kind of figure ----

const q = async <T extends pg.QueryResultRow>(pool: pg.Pool, text: string, values: unknown[]) => (await pool.query<T>(text, values)).rows;

interface Reference {
  municipality: { name: string; min: number };
  requests: RequestCount[];
  children: ChildCount[];
  guardians: GuardianCount[];
  families: FamilyCount[];
  problemFamilies: ProblemFamilyCount[];
  indicators: Awaited<ReturnType<typeof indicatorReference>>;
  instruments: Array<{ key: string; id: string; name: string; content: Parameters<typeof buildGroups>[0] }>;
  groupCounts: Array<GroupCount & { instrumentId: string }>;
  answerCounts: Array<AnswerCount & { instrumentId: string }>;
  activities: Array<{ kind: string; status: string; participants: number | null }>;
  units: Array<{ unitName: string; caseworkers: number; families: number[]; heldActivities: number; heldParticipants: number }>;
  projects: Array<{ id: string; name: string; fromYear: number; toYear: number; ownContribution: number }>;
  grants: Array<{ projectId: string; year: number; amount: number }>;
  costs: Array<{ projectId: string; year: number; amount: number }>;
  outcomeGroups: Array<{ id: string; name: string; kind: string }>;
  outcomes: Array<{ source: string; horizon: number; measure: string; n: number; total: number }>;
}

/**
 * The follow-up's reference queries count a day in one period only (they were written for a
 * period and the one before it). The report compares with the same period last year, which a
 * period longer than a year overlaps: so each period is counted on its own, against an empty one.
 */
async function indicatorsApart(pool: pg.Pool, m: string, period: Period, previous: Period): Promise<Reference["indicators"]> {
  const alone = (p: Period) => indicatorReference(pool, m, p, { from: p.from, to: addDays(p.from, -1) });
  const [current, before] = await Promise.all([alone(period), alone(previous)]);
  const counted = (rows: Reference["indicators"]) => rows.filter((r) => r.period === "current");
  return [...counted(current), ...counted(before).map((r) => ({ ...r, period: "previous" }))];
}

async function reference(pool: pg.Pool, m: string, period: Period, previous: Period): Promise<Reference> {
  const p = [m, period.from, period.to];
  const [municipality] = await q<{ name: string; min: number }>(
    pool,
    "select name, min_group_size as min from municipalities where id = $1",
    [m],
  );
  const requests = await q<RequestCount>(
    pool,
    `select case_type::int as "caseType", status = 'continued' as continued, count(*)::int as n
     from requests where municipality_id = $1 and request_date between $2::date and $3::date group by 1, 2`,
    p,
  );
  const continued = `from requests r join request_persons x on x.request_id = r.id
     where r.municipality_id = $1 and r.status = 'continued' and r.request_date between $2::date and $3::date`;
  const children = await q<ChildCount>(
    pool,
    `select extract(year from age(r.request_date, x.birth_date))::int as age, x.gender, count(*)::int as n
     ${continued} and x.kind = 'child' group by 1, 2`,
    p,
  );
  const guardians = await q<GuardianCount>(
    pool,
    `select x.relation, x.attitude, count(*)::int as n ${continued} and x.kind = 'guardian' and x.substance_problem = 'yes' group by 1, 2`,
    p,
  );
  const families = await q<FamilyCount>(
    pool,
    `select coalesce(g.n, 0)::int as "withProblem", r.custody, r.household, count(*)::int as n
     from requests r left join (select request_id, count(*) as n from request_persons
       where kind = 'guardian' and substance_problem = 'yes' group by request_id) g on g.request_id = r.id
     where r.municipality_id = $1 and r.status = 'continued' and r.request_date between $2::date and $3::date
     group by 1, 2, 3`,
    p,
  );
  const problemFamilies = await q<ProblemFamilyCount>(
    pool,
    `select mothers, fathers, "otherParents", others, "parentAttitudes", "otherAttitudes", count(*)::int as n
     from (select r.id,
             count(*) filter (where x.relation = 'parent' and x.gender = 'woman')::int as mothers,
             count(*) filter (where x.relation = 'parent' and x.gender = 'man')::int as fathers,
             count(*) filter (where x.relation = 'parent' and coalesce(x.gender, '') not in ('woman', 'man'))::int as "otherParents",
             count(*) filter (where coalesce(x.relation, '') <> 'parent')::int as others,
             coalesce(array_agg(distinct coalesce(x.attitude, 'not_stated')) filter (where x.relation = 'parent'), '{}') as "parentAttitudes",
             coalesce(array_agg(distinct coalesce(x.attitude, 'not_stated')) filter (where coalesce(x.relation, '') <> 'parent'), '{}')
               as "otherAttitudes"
           ${continued} and x.kind = 'guardian' and x.substance_problem = 'yes' group by r.id) f
     group by 1, 2, 3, 4, 5, 6`,
    p,
  );
  const indicators = await indicatorsApart(pool, m, period, previous);
  const instruments = await q<Reference["instruments"][number]>(
    pool,
    `select distinct on (i.key) i.key, i.id, i.name, v.content from survey_instruments i
     join survey_instrument_versions v on v.instrument_id = i.id and v.status = 'published'
     where i.municipality_id = $1 and i.key = any($2) order by i.key, v.number desc`,
    [m, sofiaInstruments],
  );
  const responses = `from survey_responses r join survey_instrument_versions v on v.id = r.instrument_version_id
     where r.municipality_id = $1 and v.instrument_id = any($4) and r.complete
       and r.period_on between $2::date and $3::date`;
  const ids = instruments.map((i) => i.id);
  const groupCounts = await q<Reference["groupCounts"][number]>(
    pool,
    `select v.instrument_id as "instrumentId", r.respondent_role as role, r.age_band as "ageBand", count(*)::int as n ${responses} group by 1, 2, 3`,
    [...p, ids],
  );
  const answerCounts = await q<Reference["answerCounts"][number]>(
    pool,
    `select v.instrument_id as "instrumentId", r.respondent_role as role, r.age_band as "ageBand", a.item_key as "itemKey",
       a.value::int as value, count(*)::int as n
     from survey_answers a join survey_responses r on r.id = a.response_id join survey_instrument_versions v on v.id = r.instrument_version_id
     where r.municipality_id = $1 and v.instrument_id = any($4) and r.complete
       and r.period_on between $2::date and $3::date
     group by 1, 2, 3, 4, 5`,
    [...p, ids],
  );
  const activities = await q<Reference["activities"][number]>(
    pool,
    `select kind, status, participants from implementation_activities
     where municipality_id = $1 and activity_date between $2::date and $3::date`,
    p,
  );
  const units = await q<Reference["units"][number]>(
    pool,
    // The caseworkers of each unit and the families of each caseworker, each counted once
    // (materialized), then looked up per unit: as a subquery per unit, the count of families per
    // caseworker was recounted for every unit (over a minute per round at 150 000 families).
    `with cw as materialized (
       select uu.unit_id, w.id as user_id from user_units uu join users w on w.id = uu.user_id and w.active and w.municipality_id = $1
       where exists (select 1 from user_roles ro where ro.user_id = w.id and ro.role = 'caseworker')),
     f as materialized (
       select a.user_id, count(distinct a.process_id)::int as n from process_assignments a
         join processes pr on pr.id = a.process_id and pr.municipality_id = $1
       where a.role in ('child_caseworker', 'adult_caseworker') and a.assigned_on <= $3::date
         and (a.ended_on is null or a.ended_on >= $2::date)
       group by a.user_id)
     select u.name as "unitName",
       (select count(*) from cw where cw.unit_id = u.id)::int as caseworkers,
       coalesce((select array_agg(f.n) from cw join f on f.user_id = cw.user_id where cw.unit_id = u.id), '{}')::int[] as families,
       (select count(*) from implementation_activity_units au join implementation_activities ia on ia.id = au.activity_id
        where au.unit_id = u.id and ia.municipality_id = $1 and ia.status = 'held'
          and ia.activity_date between $2::date and $3::date)::int as "heldActivities",
       (select coalesce(sum(ia.participants), 0) from implementation_activity_units au join implementation_activities ia on ia.id = au.activity_id
        where au.unit_id = u.id and ia.municipality_id = $1 and ia.status = 'held'
          and ia.activity_date between $2::date and $3::date)::int as "heldParticipants"
     from units u where u.municipality_id = $1 and u.active`,
    p,
  );
  const firstYear = Number(period.from.slice(0, 4));
  const lastYear = Number(period.to.slice(0, 4));
  const projects = await q<Reference["projects"][number]>(
    pool,
    `select id, name, from_year as "fromYear", to_year as "toYear", own_contribution::float8 as "ownContribution"
     from economy_projects where municipality_id = $1 and from_year <= $3 and to_year >= $2`,
    [m, firstYear, lastYear],
  );
  const projectIds = projects.map((x) => x.id);
  const grants = await q<Reference["grants"][number]>(
    pool,
    `select project_id as "projectId", year, sum(amount)::float8 as amount from economy_grants where project_id = any($1) group by 1, 2`,
    [projectIds],
  );
  const costs = await q<Reference["costs"][number]>(
    pool,
    `select project_id as "projectId", year, sum(amount)::float8 as amount from economy_costs where project_id = any($1) group by 1, 2`,
    [projectIds],
  );
  const outcomeGroups = await q<Reference["outcomeGroups"][number]>(
    pool,
    "select id, name, kind from comparison_groups where municipality_id = $1 order by name",
    [m],
  );
  const outcomes = await q<Reference["outcomes"][number]>(
    pool,
    `with sofia as (
       select f.horizon, f.emergency_placement, f.re_referral, f.school_consent, f.school_attendance,
         exists (select 1 from support_measures s where s.process_id = p.id and s.granted_on is not null
           and s.granted_on <= f.due_on and (s.ended_on is null or s.ended_on >= p.completed_on)) as further
       from outcome_followups f join processes p on p.id = f.process_id
       where p.municipality_id = $1 and f.status = 'recorded' and p.completed_on between $2::date and $3::date
     )
     select 'sofia' as source, horizon,
       count(*) filter (where emergency_placement)::int as ep_n, count(emergency_placement)::int as ep_total,
       count(*) filter (where re_referral)::int as rr_n, count(re_referral)::int as rr_total,
       count(*) filter (where school_consent and school_attendance = 'kept')::int as sk_n,
       count(*) filter (where school_consent and school_attendance is not null)::int as sk_total,
       count(*) filter (where further)::int as fs_n, count(*)::int as fs_total
     from sofia group by horizon
     union all
     select r.group_id::text, r.horizon,
       count(*) filter (where r.emergency_placement)::int, count(r.emergency_placement)::int,
       count(*) filter (where r.re_referral)::int, count(r.re_referral)::int,
       count(*) filter (where r.school_attendance = 'kept')::int, count(r.school_attendance)::int,
       count(*) filter (where r.further_support)::int, count(r.further_support)::int
     from comparison_records r join comparison_groups g on g.id = r.group_id
     where g.municipality_id = $1 and r.reference_date between $2::date and $3::date
     group by 1, 2`,
    p,
  ).then((rows) =>
    (rows as unknown as Array<Record<string, number | string>>).flatMap((r) =>
      (
        [
          ["emergency_placement", "ep"],
          ["re_referral", "rr"],
          ["school_attendance_kept", "sk"],
          ["further_support", "fs"],
        ] as const
      ).map(([measure, k]) => ({
        source: String(r.source),
        horizon: Number(r.horizon),
        measure,
        n: Number(r[`${k}_n`]),
        total: Number(r[`${k}_total`]),
      })),
    ),
  );
  const aggregates = await q<Reference["outcomes"][number]>(
    pool,
    `select a.group_id::text as source, h.horizon, a.measure, sum(a.numerator)::int as n, sum(a.denominator)::int as total
     from comparison_aggregates a join comparison_groups g on g.id = a.group_id cross join (values (1), (2)) h(horizon)
     where g.municipality_id = $1 and (a.horizon is null or a.horizon = h.horizon)
       and a.period_from <= $3::date and $2::date <= a.period_to
     group by 1, 2, 3`,
    p,
  );
  return {
    municipality: municipality ?? { name: "", min: 5 },
    requests,
    children,
    guardians,
    families,
    problemFamilies,
    indicators,
    instruments,
    groupCounts,
    answerCounts,
    activities,
    units,
    projects,
    grants,
    costs,
    outcomeGroups,
    outcomes: [...outcomes, ...aggregates],
  };
}

// ---- The figures of both sides in one comparable shape ----

type Comparable = Record<string, unknown>;

/** The app's figures, the indicator lines reduced to their numbers (names and labels are not figures). */
/**
 * A project's sums per year and over the period. The reference checks these; the split per cost
 * category and the savings estimate are the economy's, hand-counted in src/economy's tests.
 */
const budgetSums = (p: { name: string; years: BudgetFigures[]; total: Omit<BudgetFigures, "year"> }) => ({
  name: p.name,
  years: p.years.map((y) => ({ year: y.year, granted: y.granted, spent: y.spent, deviation: y.deviation, remaining: y.remaining })),
  total: { granted: p.total.granted, spent: p.total.spent, deviation: p.total.deviation, remaining: p.total.remaining },
});
type BudgetFigures = { year: number; granted: number; spent: number; deviation: number; remaining: number };

function comparableApp(f: ReportFigures, covered: ReadonlySet<string>): Comparable {
  const { indicators, outcomes, budget, ...rest } = f;
  return {
    ...rest,
    budget: { empty: budget.empty, projects: budget.projects.map(budgetSums) },
    indicators: indicators.lines
      .filter((l) => covered.has(l.key))
      .map((l) => ({ key: l.key, group: l.current.group, current: l.current, previous: l.previous }))
      .sort((a, b) => `${a.key}|${a.group}`.localeCompare(`${b.key}|${b.group}`)),
    outcomes: { minGroupSize: outcomes.minGroupSize, groups: outcomes.groups, rows: outcomes.rows },
  };
}

/** The reference's counts through the same builders as the app's (suppression and shaping only). */
function comparableReference(r: Reference, period: Period, previous: Period, covered: ReadonlySet<string>): Comparable {
  const min = r.municipality.min;
  const participants = buildParticipants(r.requests, min);
  const instruments = sofiaInstruments.flatMap((key) => {
    const inst = r.instruments.find((i) => i.key === key);
    if (!inst) return [];
    const groups = buildGroups(
      inst.content,
      "sv",
      r.groupCounts.filter((g) => g.instrumentId === inst.id).map(({ instrumentId: _, ...g }) => g),
      r.answerCounts.filter((a) => a.instrumentId === inst.id).map(({ instrumentId: _, ...a }) => a),
      min,
    );
    return [instrumentFigures(key, inst.name, inst.content, groups)];
  });
  const kinds = summariseKinds(r.activities as Parameters<typeof summariseKinds>[0]);
  const units = buildParticipation(
    r.units.map((u) => ({ ...u, unitId: "", familiesPerCaseworker: u.families })).sort((a, b) => compareText("sv")(a.unitName, b.unitName)),
    min,
  ).map(({ unitId: _, minFamilies: __, maxFamilies: ___, ...u }) => u);
  const anyParticipation = r.units.some((u) => u.families.length > 0);
  const firstYear = Number(period.from.slice(0, 4));
  const lastYear = Number(period.to.slice(0, 4));
  const projects = [...r.projects]
    .sort((a, b) => a.fromYear - b.fromYear || compareText("sv")(a.name, b.name))
    .map((x) => {
      const s = summarise({
        fromYear: x.fromYear,
        toYear: x.toYear,
        grants: r.grants.filter((g) => g.projectId === x.id),
        // Only the years and the total are in the report: the category does not matter to them.
        costs: r.costs
          .filter((c) => c.projectId === x.id)
          .map((c) => ({ year: c.year, amount: c.amount, halfYear: null, category: "other" as const, label: null })),
        ownContribution: x.ownContribution,
      });
      // The report's total is over the period's years (decision 0048), not the whole project.
      const years = s.years.filter((y) => y.year >= firstYear && y.year <= lastYear);
      const granted = years.reduce((n, y) => n + y.granted, 0);
      const spent = years.reduce((n, y) => n + y.spent, 0);
      return budgetSums({ name: x.name, years, total: { granted, spent, deviation: spent - granted, remaining: granted - spent } });
    });
  const indicatorFigures = shownReference(r.indicators, min);
  const lines = Object.entries(indicatorFigures)
    .filter(([key]) => covered.has(key))
    .flatMap(([key, shown]) =>
      shown.current.map((row) => ({
        key,
        group: row.group,
        current: row,
        previous: shown.previous.find((b) => b.group === row.group) ?? null,
      })),
    )
    .sort((a, b) => `${a.key}|${a.group}`.localeCompare(`${b.key}|${b.group}`));
  const outcomeRows = measures.flatMap((measure) =>
    horizons.map((horizon) => {
      const tallyOf = (source: string) => {
        const c = r.outcomes.find((o) => o.source === source && o.horizon === horizon && o.measure === measure);
        return { n: c?.n ?? 0, total: c?.total ?? 0 };
      };
      const sources = [
        { source: "sofia", label: "Sofia", tally: tallyOf("sofia") },
        ...r.outcomeGroups.map((g) => ({ source: g.id, label: g.name, tally: tallyOf(g.id) })),
      ];
      return { measure, horizon, figures: showFigures(sources, min) };
    }),
  );
  return {
    municipality: r.municipality.name,
    period,
    previous,
    minGroupSize: min,
    participants,
    children: buildChildren(r.children, min),
    indicators: lines,
    surveys: { empty: instruments.every((i) => i.groups.every((g) => g.n === 0)), instruments },
    staff: { empty: !anyParticipation && r.activities.length === 0, units },
    activities: { empty: r.activities.length === 0, kinds: kinds.kinds, total: kinds.total },
    budget: { empty: projects.length === 0, projects },
    gender: buildGender(r.guardians, r.families, r.children, r.problemFamilies, min),
    outcomes: {
      minGroupSize: min,
      groups: r.outcomeGroups.map((g) => ({ id: g.id, name: g.name, kind: g.kind })),
      rows: outcomeRows,
    },
  };
}

/** Where two values first differ, as a path with both sides (for the error message). */
function firstDifference(a: unknown, b: unknown, path = ""): string {
  if (a && b && typeof a === "object" && typeof b === "object") {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const x = (a as Record<string, unknown>)[k];
      const y = (b as Record<string, unknown>)[k];
      if (!isDeepStrictEqual(x, y)) return firstDifference(x, y, `${path}.${k}`);
    }
  }
  return `${path}: app ${JSON.stringify(a)?.slice(0, 1500)}, reference ${JSON.stringify(b)?.slice(0, 1500)}`;
}

/**
 * Measures `rounds` rounds of the report's figures, the whole generation and the reference, in the
 * municipality with the most requests. Throws when a figure differs.
 */
export async function measureReport(database: { db: Db; pool: pg.Pool }, { rounds }: { rounds: number }) {
  const { db, pool } = database;
  const [demo] = await pool
    .query<{ id: string }>(
      "select m.id from municipalities m order by (select count(*) from requests r where r.municipality_id = m.id) desc, m.id limit 1",
    )
    .then((r) => r.rows);
  if (!demo) throw new Error("no municipality");
  const today = todayInSweden();
  const period: Period = { from: addDays(today, -729), to: today };
  const previous = sameTimeLastYear(period);
  const prepared = await prepareOutcomes(db, pool, demo.id, period);

  const figuresOfApp = () => gatherFigures(db, demo.id, period, todayInSweden());
  const generate = async () => {
    const figures = await figuresOfApp();
    const doc = buildDocument({
      title: "Delrapport (bench)",
      texts: { summary: "", model: "", discussion: "", nextSteps: "", decision: "" },
      figures,
      generatedOn: calendarDateInSweden(new Date()),
      diaryNumber: "",
      author: "",
      template: { introduction: "", contact: "", sections: templateSections, logoType: null },
      precision: defaultPrecision,
    });
    // As the app makes them (src/reports/service.ts): the PDF on Typst's worker while the Word file is made.
    const [pdf, docx] = await Promise.all([renderPdf(doc, null), renderDocx(doc, null)]);
    return { pdfBytes: pdf.length, docxBytes: docx.length };
  };

  // The same figures before any timing, part by part. The indicators are compared where the
  // follow-up bench's reference has queries (an indicator it does not know is listed, not hidden).
  const refCounts = await reference(pool, demo.id, period, previous);
  const covered = new Set(seededIndicators.map((s) => s.key).filter((k) => referenceQueries.some((text) => text.includes(`'${k}'`))));
  const app = comparableApp(await figuresOfApp(), covered);
  const ref = comparableReference(refCounts, period, previous, covered);
  const notInReference = seededIndicators.map((s) => s.key).filter((k) => !covered.has(k));
  for (const part of new Set([...Object.keys(app), ...Object.keys(ref)])) {
    if (!isDeepStrictEqual(app[part], ref[part])) throw new Error(`report: ${part} differs: ${firstDifference(app[part], ref[part])}`);
  }
  let files = { pdfBytes: 0, docxBytes: 0 };
  const firstGenerationMs = await elapsed(async () => {
    files = await generate();
  });

  const figures: number[] = [];
  const generations: number[] = [];
  const references: number[] = [];
  const appRound = async () => {
    figures.push(await elapsed(figuresOfApp));
    generations.push(await elapsed(generate));
  };
  const refRound = async () => {
    references.push(await elapsed(() => reference(pool, demo.id, period, previous)));
  };
  await alternate(rounds, appRound, refRound);
  // Where the app's time goes (one pass, after the rounds): every seeded indicator evaluated alone, and the outcomes.
  const periods = [
    { key: "current", ...period },
    { key: "previous", ...previous },
  ];
  const perIndicator: Array<{ key: string; ms: number; inReference: boolean }> = [];
  for (const s of seededIndicators)
    perIndicator.push({
      key: s.key,
      ms: ms(await elapsed(() => evaluate(db, s.content, demo.id, periods, todayInSweden()))),
      inReference: covered.has(s.key),
    });
  const sum = (xs: number[]) => ms(xs.reduce((a, b) => a + b, 0));
  const breakdown = {
    indicatorsMs: sum(perIndicator.map((i) => i.ms)),
    indicatorsInReferenceMs: sum(perIndicator.filter((i) => i.inReference).map((i) => i.ms)),
    slowestIndicators: [...perIndicator].sort((a, b) => b.ms - a.ms).slice(0, 6),
    outcomesMs: ms(await elapsed(() => computeOutcomeComparison(db, demo.id, period))),
  };
  const [requests] = await pool
    .query<{ n: number }>(
      "select count(*)::int as n from requests where municipality_id = $1 and request_date between $2::date and $3::date",
      [demo.id, period.from, period.to],
    )
    .then((r) => r.rows);
  const figuresMs = median(figures);
  const generationMs = median(generations);
  const referenceMs = median(references);
  return {
    period,
    previous,
    requests: requests?.n ?? 0,
    outcomeFollowups: prepared.followups,
    comparisonRecords: COMPARISON_RECORDS,
    indicatorsCompared: covered.size,
    /** Seeded indicators the reference has no query for: computed by the app (and timed), not compared. */
    indicatorsNotInReference: notInReference,
    ...files,
    app: {
      figuresMs: ms(figuresMs),
      generationMs: ms(generationMs),
      firstGenerationMs: ms(firstGenerationMs),
      figuresRounds: figures.map(ms),
      generationRounds: generations.map(ms),
    },
    reference: { ms: ms(referenceMs), rounds: references.map(ms) },
    breakdown,
    ratio: {
      figures: ratio(figuresMs, referenceMs),
      /** Figures + document + Typst PDF/A-2b + Word against the same reference (which makes no files). */
      generation: ratio(generationMs, referenceMs),
    },
    sameFigures: true,
  };
}
