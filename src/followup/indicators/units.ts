/**
 * The rows an indicator counts, per unit (decision 0030): one row per counted unit of a
 * municipality, with one column per catalog field of indicators/model.ts (same names). The family,
 * child and meeting rows are kept in tables (facts.ts, decision 0068), made by these statements for
 * the requests whose rows are stale; the others are made by the evaluation's own statement.
 */
import { type SQL, sql } from "drizzle-orm";
import type { IsoDate } from "../../platform/dates.ts";
import type { Unit } from "./model.ts";

/** The requests whose rows are made: all of the municipality's (null), or these. */
export type Scope = readonly string[] | null;

/** The condition that `column` (a request's id) is in the scope; nothing for the whole municipality. */
const within = (column: SQL, scope: Scope) => (scope === null ? sql`` : sql` and ${column} = any(${`{${scope.join(",")}}`}::uuid[])`);

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
const firstFamilyMeetings = (m: string, scope: Scope) => sql`(select mt.process_id, min(mt.held_on) as held_on from meetings mt
    join processes mp on mp.id = mt.process_id and mp.municipality_id = ${m}${within(sql`mp.request_id`, scope)}
  where mt.status = 'held' and mt.child_id is null
    and not coalesce((mp.work_model_version_id, mt.meeting_type_key) in (${decidingMeetingTypes}), false)
  group by 1)`;
/** Per process of municipality m, the first assignment of a child or adult caseworker (`fa.process_id`). */
const firstAssignments = (
  m: string,
  scope: Scope,
) => sql`(select pa.process_id, min(pa.assigned_on) as assigned_on from process_assignments pa
    join processes ap on ap.id = pa.process_id and ap.municipality_id = ${m}${within(sql`ap.request_id`, scope)}
  where pa.role in ('child_caseworker', 'adult_caseworker')
  group by 1)`;

/** A guardian recorded with a substance problem. */
const withProblem = sql`g.kind = 'guardian' and g.substance_problem = 'yes'`;

/**
 * Per request of municipality m, what its persons say (`rp.request_id`): the guardians recorded
 * with a substance problem (all, parents, mothers and fathers among the parents), their attitudes,
 * and the children; and, for the interim report's gender perspective (`reportFields`), how many of
 * those guardians are mothers, fathers, other parents and other guardians, their attitudes and each
 * one's relation and attitude. Grouped once for all requests and joined, as `fa` and `fm` (decision 0055).
 */
const requestPersons = (m: string, scope: Scope) => sql`(select g.request_id,
    count(*) filter (where ${withProblem}) as problem,
    count(*) filter (where ${withProblem} and g.relation = 'parent') as parents,
    bool_or(g.relation = 'parent' and g.gender = 'woman') filter (where ${withProblem}) as mother,
    bool_or(g.relation = 'parent' and g.gender = 'man') filter (where ${withProblem}) as father,
    bool_or(g.attitude = 'denies') filter (where ${withProblem}) as denies,
    bool_or(g.attitude = 'ambivalent') filter (where ${withProblem}) as ambivalent,
    bool_or(g.attitude = 'positive') filter (where ${withProblem}) as positive,
    count(*) filter (where g.kind = 'child') as children,
    count(*) filter (where ${withProblem} and g.relation = 'parent' and g.gender = 'woman') as mothers,
    count(*) filter (where ${withProblem} and g.relation = 'parent' and g.gender = 'man') as fathers,
    count(*) filter (where ${withProblem} and g.relation = 'parent' and g.gender is distinct from 'woman' and g.gender is distinct from 'man') as other_parents,
    count(*) filter (where ${withProblem} and g.relation is distinct from 'parent') as others,
    array_agg(distinct coalesce(g.attitude, 'not_stated')) filter (where ${withProblem} and g.relation = 'parent') as parent_attitudes,
    array_agg(distinct coalesce(g.attitude, 'not_stated')) filter (where ${withProblem} and g.relation is distinct from 'parent') as other_attitudes,
    jsonb_agg(jsonb_build_array(g.relation, g.attitude)) filter (where ${withProblem}) as guardians
  from request_persons g join requests gr on gr.id = g.request_id and gr.municipality_id = ${m}${within(sql`gr.id`, scope)}
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
  scope: Scope,
) => sql`(select mt.child_id, bool_or(mt.status = 'held') as held, bool_or(mt.consent = 'refused') as refused
  from meetings mt join processes cp on cp.id = mt.process_id and cp.municipality_id = ${m}${within(sql`cp.request_id`, scope)}
  where mt.child_id is not null
  group by 1)`;

/** Per child of municipality m with an impact analysis, whether one was joint and when the first was made (`ci.child_id`). */
const childImpactAnalyses = (m: string, scope: Scope) => sql`(select a.child_id, bool_or(a.joint) as joint, min(a.made_on) as made_on
  from child_impact_analyses a join processes ip on ip.id = a.process_id and ip.municipality_id = ${m}${within(sql`ip.request_id`, scope)}
  group by 1)`;

/** The municipality's work-model versions as `wv` (their JSON is read once per version, not once per process). */
const versionsOf = (m: string) => sql`work_model_versions wv join work_models wm on wm.id = wv.work_model_id and wm.municipality_id = ${m}`;

/**
 * Per meeting of municipality m, how many answered after it (`ra.meeting_id`): per audience (parents,
 * children) the most responses to any one instrument, so that a parent who answers two instruments
 * after the same meeting counts once. Grouped once for all meetings and joined (decision 0055).
 */
const respondentsAfter = (m: string, scope: Scope) => sql`(select per_audience.meeting_id, sum(per_audience.most)::int as n from (
    select per_instrument.meeting_id, max(per_instrument.n) as most from (
      select sr.meeting_id, v.content ->> 'audience' as audience, count(*) as n from survey_responses sr
        join survey_instrument_versions v on v.id = sr.instrument_version_id
        join meetings rm on rm.id = sr.meeting_id join processes rp on rp.id = rm.process_id and rp.municipality_id = ${m}${within(sql`rp.request_id`, scope)}
      group by sr.meeting_id, v.content ->> 'audience', v.instrument_id) per_instrument
    group by per_instrument.meeting_id, per_instrument.audience) per_audience
  group by 1)`;

/** Per meeting of municipality m, the family members who attended it (`att.meeting_id`). */
const attendedMembers = (m: string, scope: Scope) => sql`(select mp.meeting_id, count(*)::int as n from meeting_participants mp
    join meetings am on am.id = mp.meeting_id join processes ap on ap.id = am.process_id and ap.municipality_id = ${m}${within(sql`ap.request_id`, scope)}
  where mp.person_id is not null and mp.attended
  group by 1)`;

/** Per work-model version and meeting type: whether a survey follows it. */
const meetingTypesOf = (m: string) => sql`
  select wv.id as version_id, t ->> 'key' as key, jsonb_array_length(t -> 'surveys') > 0 as surveyed
  from ${versionsOf(m)}, jsonb_array_elements(wv.content -> 'meetingTypes') t`;

/**
 * The units whose rows are kept in tables (facts.ts, decision 0068). Only what does not depend on
 * today is kept; a field that does (`computedOnRead`) is computed from the kept ones when read.
 */
export const keptUnits = ["family", "child", "meeting", "stop"] as const;
export type KeptUnit = (typeof keptUnits)[number];
export const isKept = (unit: Unit): unit is KeptUnit => (keptUnits as readonly Unit[]).includes(unit);

/**
 * Columns kept beside a unit's catalog fields, for the interim report's gender perspective
 * (src/reports/figures-store.ts `genderCounts`), not for indicators: per family, how many guardians
 * have a substance problem; of them, how many are parents recorded as women, as men or otherwise,
 * and how many are other guardians; the attitudes of those parents and of those others (distinct,
 * sorted, a missing one as `not_stated`); and each such guardian's [relation, attitude].
 */
export const reportFields: Partial<Record<KeptUnit, readonly string[]>> = {
  family: [
    "problem_guardians",
    "problem_mothers",
    "problem_fathers",
    "problem_other_parents",
    "problem_others",
    "problem_parent_attitudes",
    "problem_other_attitudes",
    "problem_guardian_kinds",
  ],
};

/**
 * Per unit, the relation the definition filters: one row per counted unit of the municipality, with
 * one column per catalog field (same names). Sub-selects compute what a row needs from other tables;
 * the database leaves out the ones a definition does not use (and the joins of grouped sub-selects,
 * unique on their key, whose columns it does not use). A kept unit's rows also carry their
 * `request_id` and are made for a scope of requests, into their table. A unit counted per period
 * (the caseworker) gets the periods and gives each row a `period_key`.
 */
export const keptUnitRows: Record<KeptUnit, (municipalityId: string, scope: Scope) => SQL> = {
  family: (m, scope) => sql`
    select r.id as request_id, r.request_date, r.meeting_date as sofia_meeting_date, r.status as decision, r.case_type::int as case_type,
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
      coalesce(rp.children, 0)::int as children,
      coalesce(rp.problem, 0)::int as problem_guardians,
      coalesce(rp.mothers, 0)::int as problem_mothers,
      coalesce(rp.fathers, 0)::int as problem_fathers,
      coalesce(rp.other_parents, 0)::int as problem_other_parents,
      coalesce(rp.others, 0)::int as problem_others,
      coalesce(rp.parent_attitudes, '{}') as problem_parent_attitudes,
      coalesce(rp.other_attitudes, '{}') as problem_other_attitudes,
      coalesce(rp.guardians, '[]') as problem_guardian_kinds
    from requests r left join processes p on p.request_id = r.id
      left join ${firstAssignments(m, scope)} fa on fa.process_id = p.id
      left join ${firstFamilyMeetings(m, scope)} fm on fm.process_id = p.id
      left join ${requestPersons(m, scope)} rp on rp.request_id = r.id
    where r.municipality_id = ${m}${within(sql`r.id`, scope)}`,
  child: (m, scope) => sql`
    select r.id as request_id, r.request_date, c.gender, ${yearsOld(sql`r.request_date`, sql`c.birth_date`)} as age,
      ${ageBandOf(yearsOld(sql`r.request_date`, sql`c.birth_date`))} as age_band,
      p.phase, p.status as process_status, p.started_on, p.completed_on,
      coalesce(cm.held, false) as child_meeting_held,
      coalesce(cm.refused, false) as consent_refused,
      ci.child_id is not null as impact_analysis,
      coalesce(ci.joint, false) as joint_impact_analysis,
      ci.made_on as impact_analysis_on,
      r.status as decision
    from request_persons c join requests r on r.id = c.request_id left join processes p on p.request_id = r.id
      left join ${childMeetings(m, scope)} cm on cm.child_id = c.id
      left join ${childImpactAnalyses(m, scope)} ci on ci.child_id = c.id
    where c.kind = 'child' and r.municipality_id = ${m}${within(sql`r.id`, scope)}`,
  meeting: (m, scope) => sql`
    select p.request_id, mt.meeting_type_key as meeting_type, mt.status, mt.planned_date, mt.held_on, (mt.child_id is not null) as child_meeting,
      coalesce(ty.surveyed, false) as surveyed,
      coalesce(att.n, 0) as attended, least(coalesce(ra.n, 0), coalesce(att.n, 0)) as responses
    from meetings mt join processes p on p.id = mt.process_id
      left join (${meetingTypesOf(m)}) ty on ty.version_id = p.work_model_version_id and ty.key = mt.meeting_type_key
      left join ${attendedMembers(m, scope)} att on att.meeting_id = mt.id
      left join ${respondentsAfter(m, scope)} ra on ra.meeting_id = mt.id
    where p.municipality_id = ${m}${within(sql`p.request_id`, scope)}`,
  stop: (m, scope) => sql`
    select p.request_id, st.key as stop, st.scope, p.status as process_status, d.due_on, h.held_on,
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
    where p.municipality_id = ${m}${within(sql`p.request_id`, scope)}`,
};

/**
 * The fields of kept units computed when they are read, from the kept fields (`x`) and today: a
 * stop's state (held on time or late, overdue, due, not yet due).
 */
export const computedOnRead: Partial<Record<KeptUnit, Record<string, (today: IsoDate) => SQL>>> = {
  stop: {
    state: (
      today,
    ) => sql`case when x.held_on is not null then case when x.held_on <= x.due_on or x.due_on is null then 'held_on_time' else 'held_late' end
      when x.due_on is null then 'not_yet' when x.due_on < ${today}::date then 'overdue' else 'due' end`,
  },
};

/** The rows of the other units, made by the statement that counts them. */
export const madeUnitRows: Record<Exclude<Unit, KeptUnit>, (municipalityId: string, periods: SQL, today: IsoDate) => SQL> = {
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
