/**
 * Evaluates indicator definitions in the database: one statement per batch of definitions with the
 * same unit and date field counts each one's denominator and numerator (or sums, or statistic) for
 * every requested period (and group) at once (decision 0030). Nothing is loaded row by row into
 * JavaScript. Field names come only from the catalog in indicators/model.ts (each has its
 * column here); filter values are always bound parameters.
 */
import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../platform/database.ts";
import type { IsoDate } from "../../platform/dates.ts";
import { bandLabels, type Definition, type Filter, fields, perPeriodUnits, type Unit } from "./model.ts";

/** Whole years on a date to an age band of src/families/model.ts ageBand. */
const ageBandOf = (age: SQL) => sql`case when ${age} <= 2 then '0–2' when ${age} <= 5 then '3–5' when ${age} <= 9 then '6–9'
  when ${age} <= 12 then '10–12' when ${age} <= 17 then '13–17' else '18+' end`;

const yearsOld = (on: SQL, birth: SQL) => sql`extract(year from age(${on}, ${birth}))::int`;

/**
 * Every work-model version's meeting types that decide the start (`decidesStart`), as (version,
 * key). Uncorrelated, so the database reads the versions' JSON once per statement and looks each
 * meeting up in a hash, rather than reading a version's whole document again for every meeting
 * (decision 0055). A key is never null, so `in` says the same as the containment it replaced.
 */
const decidingMeetingTypes = sql`select dv.id, t ->> 'key' from work_model_versions dv,
    jsonb_array_elements(dv.content -> 'meetingTypes') t
  where t @> '{"decidesStart": true}'::jsonb and t ->> 'key' is not null`;

/**
 * Per process of municipality m, the first held family meeting: not a child meeting, and not the
 * meeting type that its work-model version marks as deciding the start (`decidesStart`:
 * Sofiamodellen's Sofiamöte). Grouped once for all processes and joined (`fm.process_id`), rather
 * than a sub-select per family that runs once for each column it is in (decision 0055).
 */
const firstFamilyMeetings = (m: string) => sql`(select mt.process_id, min(mt.held_on) as held_on from meetings mt
    join processes mp on mp.id = mt.process_id and mp.municipality_id = ${m}
  where mt.status = 'held' and mt.child_id is null
    and not coalesce((mp.work_model_version_id, mt.meeting_type_key) in (${decidingMeetingTypes}), false)
  group by 1)`;
/** Per process of municipality m, the first assignment of a child or adult caseworker (`fa.process_id`). */
const firstAssignments = (m: string) => sql`(select pa.process_id, min(pa.assigned_on) as assigned_on from process_assignments pa
    join processes ap on ap.id = pa.process_id and ap.municipality_id = ${m}
  where pa.role in ('child_caseworker', 'adult_caseworker')
  group by 1)`;

/**
 * Per request of municipality m, what its persons say (`rp.request_id`): the guardians recorded
 * with a substance problem (all, parents, mothers and fathers among the parents), their attitudes,
 * and the children. Grouped once for all requests and joined, as `fa` and `fm` (decision 0055).
 */
const requestPersons = (m: string) => sql`(select g.request_id,
    count(*) filter (where g.kind = 'guardian' and g.substance_problem = 'yes') as problem,
    count(*) filter (where g.kind = 'guardian' and g.substance_problem = 'yes' and g.relation = 'parent') as parents,
    bool_or(g.relation = 'parent' and g.gender = 'woman') filter (where g.kind = 'guardian' and g.substance_problem = 'yes') as mother,
    bool_or(g.relation = 'parent' and g.gender = 'man') filter (where g.kind = 'guardian' and g.substance_problem = 'yes') as father,
    bool_or(g.attitude = 'denies') filter (where g.kind = 'guardian' and g.substance_problem = 'yes') as denies,
    bool_or(g.attitude = 'ambivalent') filter (where g.kind = 'guardian' and g.substance_problem = 'yes') as ambivalent,
    bool_or(g.attitude = 'positive') filter (where g.kind = 'guardian' and g.substance_problem = 'yes') as positive,
    count(*) filter (where g.kind = 'child') as children
  from request_persons g join requests gr on gr.id = g.request_id and gr.municipality_id = ${m}
  group by 1)`;

/**
 * Which parent has the problem, as the interim report counts it (src/reports/model.ts): two or more
 * parents: both; one parent recorded as a woman or a man: mother or father; any other guardian with
 * the problem (a step-parent, a parent whose gender is not recorded): other; nobody: none.
 */
const problemParent = sql`case
    when coalesce(rp.problem, 0) = 0 then 'none'
    when rp.parents >= 2 then 'both'
    when rp.parents = 1 and rp.mother then 'mother'
    when rp.parents = 1 and rp.father then 'father'
    else 'other' end`;
const problemParentAttitude = sql`case when rp.denies then 'denies' when rp.ambivalent then 'ambivalent' when rp.positive then 'positive' end`;

/** Per child of municipality m, whether a child meeting was held and whether consent was refused (`cm.child_id`), grouped once (decision 0055). */
const childMeetings = (
  m: string,
) => sql`(select mt.child_id, bool_or(mt.status = 'held') as held, bool_or(mt.consent = 'refused') as refused
  from meetings mt join processes cp on cp.id = mt.process_id and cp.municipality_id = ${m}
  where mt.child_id is not null
  group by 1)`;

/** Per child of municipality m with an impact analysis, whether one was joint and when the first was made (`ci.child_id`). */
const childImpactAnalyses = (m: string) => sql`(select a.child_id, bool_or(a.joint) as joint, min(a.made_on) as made_on
  from child_impact_analyses a join processes ip on ip.id = a.process_id and ip.municipality_id = ${m}
  group by 1)`;

/** The municipality's work-model versions as `wv` (their JSON is read once per version, not once per process). */
const versionsOf = (m: string) => sql`work_model_versions wv join work_models wm on wm.id = wv.work_model_id and wm.municipality_id = ${m}`;

/**
 * Per meeting of municipality m, how many answered after it (`ra.meeting_id`): per audience (parents,
 * children) the most responses to any one instrument, so that a parent who answers two instruments
 * after the same meeting counts once. Grouped once for all meetings and joined (decision 0055).
 */
const respondentsAfter = (m: string) => sql`(select per_audience.meeting_id, sum(per_audience.most)::int as n from (
    select per_instrument.meeting_id, max(per_instrument.n) as most from (
      select sr.meeting_id, v.content ->> 'audience' as audience, count(*) as n from survey_responses sr
        join survey_instrument_versions v on v.id = sr.instrument_version_id
        join meetings rm on rm.id = sr.meeting_id join processes rp on rp.id = rm.process_id and rp.municipality_id = ${m}
      group by sr.meeting_id, v.content ->> 'audience', v.instrument_id) per_instrument
    group by per_instrument.meeting_id, per_instrument.audience) per_audience
  group by 1)`;

/** Per meeting of municipality m, the family members who attended it (`att.meeting_id`). */
const attendedMembers = (m: string) => sql`(select mp.meeting_id, count(*)::int as n from meeting_participants mp
    join meetings am on am.id = mp.meeting_id join processes ap on ap.id = am.process_id and ap.municipality_id = ${m}
  where mp.person_id is not null and mp.attended
  group by 1)`;

/** Per work-model version and meeting type: whether a survey follows it. */
const meetingTypesOf = (m: string) => sql`
  select wv.id as version_id, t ->> 'key' as key, jsonb_array_length(t -> 'surveys') > 0 as surveyed
  from ${versionsOf(m)}, jsonb_array_elements(wv.content -> 'meetingTypes') t`;

/**
 * Per unit, the relation the definition filters: one row per counted unit of the municipality, with
 * one column per catalog field (same names). Sub-selects compute what a row needs from other tables;
 * the database leaves out the ones a definition does not use (and the joins of grouped sub-selects,
 * unique on their key, whose columns it does not use). A unit counted per period (the
 * caseworker) gets the periods and gives each row a `period_key`.
 */
const units: Record<Unit, (municipalityId: string, periods: SQL, today: IsoDate) => SQL> = {
  family: (m) => sql`
    select r.request_date, r.meeting_date as sofia_meeting_date, r.status as decision, r.case_type::int as case_type,
      r.household, r.custody, p.status as process_status, p.phase, p.started_on, p.halfway_on, p.completed_on,
      (select i.phase from process_interruptions i where i.process_id = p.id and i.resumed_on is null) as interrupted_in,
      coalesce((select bool_or(s.granted_on is not null) from support_measures s where s.process_id = p.id), false) as support_granted,
      coalesce((select bool_or(s.applied_on is not null or s.granted_on is not null) from support_measures s where s.process_id = p.id), false) as support_sought,
      fa.assigned_on, fm.held_on as first_meeting_on,
      fa.assigned_on - r.request_date as days_to_assignment,
      fm.held_on - fa.assigned_on as days_assignment_to_first_meeting,
      fm.held_on - r.request_date as days_to_first_meeting,
      ${problemParent} as problem_parent,
      ${problemParentAttitude} as problem_parent_attitude,
      coalesce(rp.children, 0)::int as children
    from requests r left join processes p on p.request_id = r.id
      left join ${firstAssignments(m)} fa on fa.process_id = p.id
      left join ${firstFamilyMeetings(m)} fm on fm.process_id = p.id
      left join ${requestPersons(m)} rp on rp.request_id = r.id
    where r.municipality_id = ${m}`,
  member: (m) => sql`
    select r.request_date, f.kind, f.gender, f.relation, f.substance_problem, f.attitude,
      ${yearsOld(sql`r.request_date`, sql`f.birth_date`)} as age, ${ageBandOf(yearsOld(sql`r.request_date`, sql`f.birth_date`))} as age_band,
      p.phase, p.status as process_status, p.started_on, p.completed_on,
      coalesce(sm.granted, false) as support_granted, sm.person_id is not null as support_sought,
      coalesce(ma.n, 0) as meetings_attended
    from request_persons f join requests r on r.id = f.request_id left join processes p on p.request_id = r.id
      left join (select s.person_id, bool_or(s.granted_on is not null) as granted from support_measures s
        join processes sp on sp.id = s.process_id and sp.municipality_id = ${m} group by 1) sm on sm.person_id = f.id
      left join (select mp.person_id, count(*)::int as n from meeting_participants mp join meetings mt on mt.id = mp.meeting_id
        join processes mpp on mpp.id = mt.process_id and mpp.municipality_id = ${m}
        where mp.attended and mt.status = 'held' and mp.person_id is not null group by 1) ma on ma.person_id = f.id
    where r.municipality_id = ${m}`,
  child: (m) => sql`
    select r.request_date, c.gender, ${yearsOld(sql`r.request_date`, sql`c.birth_date`)} as age,
      ${ageBandOf(yearsOld(sql`r.request_date`, sql`c.birth_date`))} as age_band,
      p.phase, p.status as process_status, p.started_on, p.completed_on,
      coalesce(cm.held, false) as child_meeting_held,
      coalesce(cm.refused, false) as consent_refused,
      ci.child_id is not null as impact_analysis,
      coalesce(ci.joint, false) as joint_impact_analysis,
      ci.made_on as impact_analysis_on
    from request_persons c join requests r on r.id = c.request_id left join processes p on p.request_id = r.id
      left join ${childMeetings(m)} cm on cm.child_id = c.id
      left join ${childImpactAnalyses(m)} ci on ci.child_id = c.id
    where c.kind = 'child' and r.municipality_id = ${m}`,
  meeting: (m) => sql`
    select mt.meeting_type_key as meeting_type, mt.status, mt.planned_date, mt.held_on, (mt.child_id is not null) as child_meeting,
      coalesce(ty.surveyed, false) as surveyed,
      coalesce(att.n, 0) as attended, least(coalesce(ra.n, 0), coalesce(att.n, 0)) as responses
    from meetings mt join processes p on p.id = mt.process_id
      left join (${meetingTypesOf(m)}) ty on ty.version_id = p.work_model_version_id and ty.key = mt.meeting_type_key
      left join ${attendedMembers(m)} att on att.meeting_id = mt.id
      left join ${respondentsAfter(m)} ra on ra.meeting_id = mt.id
    where p.municipality_id = ${m}`,
  stop: (m, _periods, today) => sql`
    select st.key as stop, st.scope, p.status as process_status, d.due_on, h.held_on,
      case when h.held_on is not null then case when h.held_on <= d.due_on or d.due_on is null then 'held_on_time' else 'held_late' end
        when d.due_on is null then 'not_yet' when d.due_on < ${today}::date then 'overdue' else 'due' end as state,
      case when h.held_on is not null and d.due_on is not null then greatest(h.held_on - d.due_on, 0) end as days_late
    from processes p join requests r on r.id = p.request_id
      join (select wv.id as version_id, s ->> 'key' as key, s ->> 'scope' as scope, s -> 'due' ->> 'event' as event,
          s -> 'due' ->> 'meetingTypeKey' as meeting_type, (s -> 'due' ->> 'days')::int as days
        from ${versionsOf(m)}, jsonb_array_elements(wv.content -> 'stops') s) st on st.version_id = p.work_model_version_id
      cross join lateral (select null::uuid as child_id where st.scope = 'family'
        union all select c.id from request_persons c where st.scope = 'child' and c.request_id = r.id and c.kind = 'child') tg
      cross join lateral (select case st.event when 'request' then r.request_date when 'planning_meeting' then r.meeting_date
          when 'meeting_held' then (select min(mt.held_on) from meetings mt
            where mt.process_id = p.id and mt.status = 'held' and mt.meeting_type_key = st.meeting_type)
          when 'interventions_decided' then (select min(sm.granted_on) from support_measures sm where sm.process_id = p.id)
        end + st.days as due_on) d
      cross join lateral (select min(cn.held_on) as held_on from consultations cn
        where cn.process_id = p.id and cn.stop_key = st.key and cn.child_id is not distinct from tg.child_id) h
    where p.municipality_id = ${m}`,
  answer: (m) => sql`
    select s.period_on as submitted_on, i.key as instrument, a.item_key as item,
      a.value::int as value, s.respondent_role, s.age_band
    from survey_answers a join survey_responses s on s.id = a.response_id
      join survey_instrument_versions v on v.id = s.instrument_version_id join survey_instruments i on i.id = v.instrument_id
    where s.municipality_id = ${m}`,
  caseworker: (m, periods) => sql`
    select per.key as period_key, per.from_date as period, un.name as unit_name, coalesce(f.n, 0) as families, coalesce(f.n, 0) > 0 as took_part
    from (values ${periods}) as per(key, from_date, to_date)
      cross join user_units uu
      join users u on u.id = uu.user_id and u.active and u.municipality_id = ${m}
      join units un on un.id = uu.unit_id and un.active
      left join (
        select ap.key, pa.user_id, count(distinct pa.process_id)::int as n
        from (values ${periods}) as ap(key, from_date, to_date)
          join process_assignments pa on pa.assigned_on <= ap.to_date and (pa.ended_on is null or pa.ended_on >= ap.from_date)
          join processes pr on pr.id = pa.process_id and pr.municipality_id = ${m}
        where pa.role in ('child_caseworker', 'adult_caseworker')
        group by 1, 2) f on f.key = per.key and f.user_id = u.id
    where exists (select 1 from user_roles ur where ur.user_id = u.id and ur.role = 'caseworker')`,
  placement: (m, _periods, today) => sql`
    select x.*,
      case when x.reviewed_on is null then case when x.review_due_on < ${today}::date then 'not_reviewed' else 'review_pending' end
        when x.reviewed_on <= x.review_due_on then 'reviewed_in_time' else 'reviewed_late' end as review_state,
      coalesce(x.reviewed_on <= x.review_due_on, false) as reviewed_within_limit,
      case when x.end_date is not null then case when x.end_date <= x.emergency_limit_on then 'ended_in_time' else 'ended_late' end
        when x.emergency_limit_on < ${today}::date then 'over_limit' else 'within_limit' end as emergency_state
    from (select pl.start_date, pl.planned_end_date, pl.end_date, pl.kind, pl.legal_basis, pl.end_destination, un.name as unit_name,
        case when pc.request_person_id is not null then 'sofia_family' else 'other_family' end as family,
        pc.request_person_id is not null as sofia_family,
        pl.end_date - pl.start_date as days_placed,
        pl.start_date + mu.placement_review_limit_days as review_due_on,
        fr.reviewed_on,
        pl.start_date + mu.emergency_placement_limit_days as emergency_limit_on
      from placements pl join placed_children pc on pc.id = pl.placed_child_id and pc.municipality_id = ${m}
        join municipalities mu on mu.id = pc.municipality_id
        join units un on un.id = pc.unit_id
        left join ${firstReviews(m)} fr on fr.placement_id = pl.id) x`,
};

/**
 * Per placement of municipality m, the first held forum that reviewed it (`fr.placement_id`):
 * grouped once and joined (decision 0055).
 */
const firstReviews = (m: string) => sql`(select rv.placement_id, min(fo.forum_date) as reviewed_on from placement_forum_reviews rv
    join placement_forums fo on fo.id = rv.forum_id and fo.municipality_id = ${m} and fo.held_at is not null
  group by 1)`;

export interface Period {
  key: string;
  from: string;
  to: string;
}

export interface Count {
  period: string;
  /** The group's label; null without a breakdown. */
  group: string | null;
  /** percent, count: units; rate: the sums; a statistic: the units with a value (both). */
  denominator: number;
  numerator: number;
  /** A statistic's value; null for the other displays and when no unit has a value. */
  value: number | null;
}

function column(unit: Unit, name: string): SQL {
  if (!fields[unit][name]) throw new Error(`${name} is not a field of ${unit}`);
  return sql`u.${sql.identifier(name)}`;
}

function value(v: string | number, type: string): SQL {
  return type === "date" ? sql`${v}::date` : sql`${v}`;
}

/** One filter as a condition on the unit's row. */
export function condition(unit: Unit, f: Filter): SQL {
  const col = column(unit, f.field);
  const type = fields[unit][f.field]?.type ?? "text";
  const list = () =>
    sql.join(
      ((f.value ?? []) as (string | number)[]).map((v) => value(v, type)),
      sql`, `,
    );
  const one = () => value(f.value as string | number, type);
  switch (f.op) {
    case "eq":
      return sql`${col} = ${one()}`;
    case "neq":
      return sql`${col} is distinct from ${one()}`;
    case "in":
      return sql`${col} in (${list()})`;
    case "not_in":
      return sql`(${col} is null or ${col} not in (${list()}))`;
    case "lt":
      return sql`${col} < ${one()}`;
    case "lte":
      return sql`${col} <= ${one()}`;
    case "gt":
      return sql`${col} > ${one()}`;
    case "gte":
      return sql`${col} >= ${one()}`;
    case "is_null":
      return sql`${col} is null`;
    case "not_null":
      return sql`${col} is not null`;
    case "is_true":
      return sql`${col} is true`;
    case "is_false":
      return sql`${col} is not true`;
  }
}

const all = (unit: Unit, filters: Filter[]): SQL =>
  filters.length === 0
    ? sql`true`
    : sql.join(
        filters.map((f) => sql`(${condition(unit, f)})`),
        sql` and `,
      );

/** The group expression of a breakdown: the text value, or the band's label of a number. */
function groupExpression(d: Definition): SQL {
  if (!d.groupBy) return sql`null::text`;
  const col = column(d.unit, d.groupBy.field);
  const bands = d.groupBy.bands;
  if (!bands) return sql`${col}::text`;
  const labels = bandLabels(bands);
  const whens = bands
    .map((b, i) => ({ b, label: labels[i] ?? "" }))
    .reverse()
    .map(({ b, label }) => sql`when ${col} >= ${b} then ${label}`);
  return sql`case ${sql.join(whens, sql` `)} else null end`;
}

/** The order groups are shown in: the bands, or the field's values; anything else after them, alphabetically. */
export function groupOrder(d: Definition): string[] {
  if (!d.groupBy) return [];
  return d.groupBy.bands ? bandLabels(d.groupBy.bands) : [...(fields[d.unit][d.groupBy.field]?.values ?? [])];
}

/** The aggregates of a display over the units that meet `where`: denominator, numerator and value. */
function aggregates(d: Definition, denominator: SQL, numerator: SQL): { denominator: SQL; numerator: SQL; value: SQL } {
  const both = sql`${denominator} and ${numerator}`;
  if (d.display === "percent" || d.display === "count")
    return {
      denominator: sql`(count(*) filter (where ${denominator}))::int`,
      numerator: sql`(count(*) filter (where ${both}))::int`,
      value: sql`null::float8`,
    };
  const field = column(d.unit, d.measure?.field ?? "");
  if (d.display === "rate") {
    const per = column(d.unit, d.measure?.per ?? "");
    return {
      denominator: sql`coalesce(sum(${per}) filter (where ${both}), 0)::int`,
      numerator: sql`coalesce(sum(${field}) filter (where ${both}), 0)::int`,
      value: sql`null::float8`,
    };
  }
  const statistic = {
    mean: sql`avg(${field})`,
    median: sql`percentile_cont(0.5) within group (order by ${field})`,
    p90: sql`percentile_cont(0.9) within group (order by ${field})`,
    min: sql`min(${field})`,
    max: sql`max(${field})`,
  }[d.display];
  const withValue = sql`${both} and ${field} is not null`;
  return {
    denominator: sql`(count(*) filter (where ${withValue}))::int`,
    numerator: sql`(count(*) filter (where ${withValue}))::int`,
    value: sql`(${statistic} filter (where ${withValue}))::float8`,
  };
}

/** The fields a definition reads: its date, its filters, its breakdown and its measure. */
function fieldsOf(d: Definition): string[] {
  return [
    d.periodDate,
    ...d.denominator.map((f) => f.field),
    ...d.numerator.map((f) => f.field),
    ...(d.groupBy ? [d.groupBy.field] : []),
    ...(d.measure ? [d.measure.field, ...(d.measure.per ? [d.measure.per] : [])] : []),
  ];
}

const valuesOf = (periods: readonly Period[]) =>
  sql.join(
    periods.map((p) => sql`(${p.key}::text, ${p.from}::date, ${p.to}::date)`),
    sql`, `,
  );

/**
 * The statement that counts definitions of one unit and one date field for the periods at once: the
 * unit's rows in each period, with only the fields the definitions read, are made once (a
 * materialized CTE named u); each definition is then a grouped pass over them, tagged with its index.
 * `today` (the clock's) decides which stops are overdue. Exported for the tests and the bench.
 */
export function batchQuery(defs: readonly Definition[], municipalityId: string, periods: readonly Period[], today: IsoDate): SQL {
  const first = defs[0];
  if (!first || defs.some((d) => d.unit !== first.unit || d.periodDate !== first.periodDate))
    throw new Error("a batch is definitions of one unit and one date field");
  const unit = first.unit;
  const rows = valuesOf(periods);
  const used = [...new Set(defs.flatMap(fieldsOf))].filter((f) => f !== "period" || !perPeriodUnits.includes(unit));
  const columns = sql.join(
    used.map((f) => sql`x.${sql.identifier(f)}`),
    sql`, `,
  );
  const relation = units[unit](municipalityId, rows, today);
  const made = perPeriodUnits.includes(unit)
    ? sql`select x.period_key as _period, ${columns} from (${relation}) x`
    : sql`select per.key as _period, ${columns} from (${relation}) x
        join (values ${rows}) as per(key, from_date, to_date) on x.${sql.identifier(first.periodDate)} between per.from_date and per.to_date`;
  const counted = defs.map((d, i) => ({ d, i, a: aggregates(d, all(unit, d.denominator), all(unit, d.numerator)) }));
  // A definition with a breakdown is a pass of its own, grouped by period and group.
  const passes = counted
    .filter(({ d }) => d.groupBy)
    .map(
      ({ d, i, a }) => sql`select ${i}::int as _i, u._period as period, ${groupExpression(d)} as "group",
      ${a.denominator} as denominator, ${a.numerator} as numerator, ${a.value} as value
    from u group by 2, 3`,
    );
  // The definitions without one share a single pass over u: one row per period with every
  // definition's aggregates side by side, turned into one row per definition (19 scans of the
  // family rows were one each).
  const whole = counted.filter(({ d }) => !d.groupBy);
  if (whole.length > 0) {
    const name = (what: string, i: number) => sql.identifier(`${what}${i}`);
    const side = sql.join(
      whole.map(({ i, a }) => sql`${a.denominator} as ${name("d", i)}, ${a.numerator} as ${name("n", i)}, ${a.value} as ${name("v", i)}`),
      sql`, `,
    );
    const apart = sql.join(
      whole.map(({ i }) => sql`(${i}::int, p.${name("d", i)}, p.${name("n", i)}, p.${name("v", i)})`),
      sql`, `,
    );
    passes.push(sql`select t._i, p.period, null::text as "group", t.denominator, t.numerator, t.value
      from (select u._period as period, ${side} from u group by 1) p
      cross join lateral (values ${apart}) as t(_i, denominator, numerator, value)`);
  }
  return sql`with u as materialized (${made})
    ${sql.join(passes, sql` union all `)}`;
}

/** Orders a definition's rows: every period present (zeros when empty, without a breakdown), groups in their order. */
function shape(d: Definition, rows: readonly Count[], periods: readonly Period[]): Count[] {
  const kept = rows.filter((r) => r.denominator > 0 || d.groupBy === null);
  const out: Count[] = [];
  for (const p of periods) {
    const mine = kept.filter((r) => r.period === p.key);
    if (d.groupBy === null) {
      out.push(mine[0] ?? { period: p.key, group: null, denominator: 0, numerator: 0, value: null });
    } else {
      const order = groupOrder(d);
      const rank = (g: string | null) => (g === null ? order.length + 1 : order.indexOf(g) >= 0 ? order.indexOf(g) : order.length);
      out.push(
        ...mine.sort((a, b) => rank(a.group) - rank(b.group) || (a.group ?? "").localeCompare(b.group ?? "", "sv", { numeric: true })),
      );
    }
  }
  return out;
}

/** The definitions in batches of one unit and one date field, each with the indexes of its definitions. */
export function batchesOf(defs: readonly Definition[]): number[][] {
  const batches = new Map<string, number[]>();
  defs.forEach((d, i) => {
    const key = `${d.unit}/${d.periodDate}`;
    batches.set(key, [...(batches.get(key) ?? []), i]);
  });
  return [...batches.values()];
}

/**
 * The counts of one batch (definitions of one unit and one date field) per period (and group), in the
 * definitions' order: every period present even when empty; groups with no unit in the denominator
 * are left out.
 */
export async function evaluateBatch(
  db: DbOrTx,
  defs: readonly Definition[],
  municipalityId: string,
  periods: readonly Period[],
  today: IsoDate,
): Promise<Count[][]> {
  if (periods.length === 0 || defs.length === 0) return defs.map(() => []);
  const result = await db.execute(batchQuery(defs, municipalityId, periods, today));
  const rows = result.rows as unknown as Array<Count & { _i: number }>;
  return defs.map((d, i) =>
    shape(
      d,
      rows.filter((r) => r._i === i).map(({ _i, ...count }) => count),
      periods,
    ),
  );
}

/** The counts of one definition (a batch of one). */
export async function evaluate(
  db: DbOrTx,
  d: Definition,
  municipalityId: string,
  periods: readonly Period[],
  today: IsoDate,
): Promise<Count[]> {
  const [counts] = await evaluateBatch(db, [d], municipalityId, periods, today);
  return counts ?? [];
}
