/**
 * Hand-written reference SQL for the follow-up bench (bench/followup.ts) for the indicators of
 * decision 0030: the waits as median and 90th percentile, the survey response rate, the means and
 * answer distributions per question, the strategies-and-tools goal, the consultation stops held on
 * time, the joint child impact analyses, the staff's participation per unit, the gender and child
 * perspective, and the placements (decision 0065). Written from what the indicators mean (their names and descriptions in
 * src/followup/indicators/seed.ts), not generated from their definitions: one query computes several
 * indicators where one scan serves them (every perspective count of the families in one, every mean
 * and distribution of the answers in one). Parameters as the other reference queries: $1 the
 * municipality, $2–$3 the period, $4–$5 the previous one. Each query returns rows (key, period,
 * group, denominator, numerator, value): value is a statistic's (null for the other displays), and a
 * statistic's denominator and numerator are both its n, the units with a value.
 */

/** 'current' or 'previous' for a date in the period or the previous one; null outside both. */
const periodOf = (date: string) =>
  `case when ${date} between $2::date and $3::date then 'current' when ${date} between $4::date and $5::date then 'previous' end`;

/** Whether meeting m is of the type that process p's work-model version marks as deciding the start (the Sofiamöte). */
export const decidesStart = (p: string, m: string) =>
  `exists (select 1 from work_model_versions dv where dv.id = ${p}.work_model_version_id
     and dv.content -> 'meetingTypes' @> jsonb_build_array(jsonb_build_object('key', ${m}.meeting_type_key, 'decidesStart', true)))`;

/** Today in Sweden, the day a consultation stop counts as overdue after. */
const today = "(now() at time zone 'Europe/Stockholm')::date";

export const moreReferenceQueries: string[] = [
  // The waits of the families that continued to the series: request → first child or adult
  // caseworker, that assignment → first held family meeting (neither the meeting that decides the
  // start, the Sofiamöte, nor a child meeting), request → that meeting. Median and 90th percentile of the families with the wait.
  `with fam as (
     select ${periodOf("r.request_date")} as period, r.request_date, p.id as process_id
     from requests r left join processes p on p.request_id = r.id
     where r.municipality_id = $1 and r.status = 'continued' and r.request_date between $4::date and $3::date),
   assigned as (
     select pa.process_id, min(pa.assigned_on) as first_on from process_assignments pa join fam on fam.process_id = pa.process_id
     where pa.role <> 'process_leader' group by 1),
   met as (
     select m.process_id, min(m.held_on) as first_on from meetings m join fam on fam.process_id = m.process_id
       join processes p on p.id = m.process_id
     where m.status = 'held' and m.child_id is null and not ${decidesStart("p", "m")} group by 1),
   w as (
     select fam.period, a.first_on - fam.request_date as to_assignment, m.first_on - a.first_on as assignment_to_meeting,
       m.first_on - fam.request_date as to_meeting
     from fam left join assigned a on a.process_id = fam.process_id left join met m on m.process_id = fam.process_id)
   select k.key, w.period, null::text as "group", count(k.days)::int as denominator, count(k.days)::int as numerator,
     (percentile_cont(k.fraction) within group (order by k.days))::float8 as value
   from w cross join lateral (values
       ('vantetid-forfragan-tilldelning-median', w.to_assignment, 0.5::float8),
       ('vantetid-forfragan-tilldelning-p90', w.to_assignment, 0.9::float8),
       ('vantetid-tilldelning-forsta-mote-median', w.assignment_to_meeting, 0.5::float8),
       ('vantetid-tilldelning-forsta-mote-p90', w.assignment_to_meeting, 0.9::float8),
       ('vantetid-forfragan-forsta-mote-median', w.to_meeting, 0.5::float8),
       ('vantetid-forfragan-forsta-mote-p90', w.to_meeting, 0.9::float8)) k(key, days, fraction)
   group by k.key, w.period, k.fraction`,
  // The response rate per meeting type: over held meetings of a type the process's work model
  // surveys, the responses (per audience the most to one instrument; at most one per attending family member)
  // of the family members who attended.
  `with surveyed as (
     select wv.id as version_id, t ->> 'key' as meeting_type
     from work_model_versions wv cross join jsonb_array_elements(wv.content -> 'meetingTypes') t
     where jsonb_array_length(t -> 'surveys') > 0),
   held as (
     select ${periodOf("m.held_on")} as period, m.meeting_type_key,
       (select count(*) from meeting_participants mp where mp.meeting_id = m.id and mp.person_id is not null and mp.attended) as attended,
       (select coalesce(sum(most), 0) from (select max(c) as most from (
          select v.content ->> 'audience' as aud, v.instrument_id, count(*) as c
          from survey_responses sr join survey_instrument_versions v on v.id = sr.instrument_version_id
          where sr.meeting_id = m.id group by 1, 2) x group by aud) y) as responses
     from meetings m join processes p on p.id = m.process_id
       join surveyed s on s.version_id = p.work_model_version_id and s.meeting_type = m.meeting_type_key
     where p.municipality_id = $1 and m.status = 'held' and m.held_on between $4::date and $3::date)
   select 'svarsfrekvens' as key, period, meeting_type_key as "group", sum(attended)::int as denominator,
     sum(least(responses, attended))::int as numerator, null::float8 as value
   from held group by 2, 3`,
  // The answers: the mean per question of the four questions (parents, children), each question's
  // distribution over the scale ("don't know" as its own, missing, value), and the goal that the
  // parents with the problem got strategies and tools (3 or 4 after the series).
  `with a as (
     select ${periodOf("s.period_on")} as period,
       i.key as instrument, an.item_key as item, an.value, s.respondent_role
     from survey_answers an join survey_responses s on s.id = an.response_id
       join survey_instrument_versions v on v.id = s.instrument_version_id join survey_instruments i on i.id = v.instrument_id
     where s.municipality_id = $1 and i.key in ('sofia-4q-parent', 'sofia-4q-child', 'sofia-efter-serien-foralder')
       and s.period_on between $4::date and $3::date)
   select case instrument when 'sofia-4q-parent' then 'medelvarde-foraldrar' else 'medelvarde-barn' end as key, period, item as "group",
     count(value)::int as denominator, count(value)::int as numerator, avg(value)::float8 as value
   from a where instrument in ('sofia-4q-parent', 'sofia-4q-child') group by 1, 2, 3
   union all
   select d.key, a.period, a.value::text, count(*)::int, count(*)::int, null::float8
   from a join (values
       ('sofia-4q-parent', 'information', 'fordelning-foraldrar-information'),
       ('sofia-4q-parent', 'lyssnad-pa', 'fordelning-foraldrar-lyssnad-pa'),
       ('sofia-4q-parent', 'prata-om-alkohol-droger', 'fordelning-foraldrar-prata-om-alkohol-droger'),
       ('sofia-4q-parent', 'helhet', 'fordelning-foraldrar-helhet'),
       ('sofia-4q-child', 'information', 'fordelning-barn-information'),
       ('sofia-4q-child', 'lyssnad-pa', 'fordelning-barn-lyssnad-pa'),
       ('sofia-4q-child', 'prata-om-alkohol-droger', 'fordelning-barn-prata-om-alkohol-droger'),
       ('sofia-4q-child', 'helhet', 'fordelning-barn-helhet')) d(instrument, item, key)
     on d.instrument = a.instrument and d.item = a.item
   group by 1, 2, 3
   union all
   select 'mal-strategier-verktyg', period, null::text, count(*)::int, count(*) filter (where value >= 3)::int, null::float8
   from a where instrument = 'sofia-efter-serien-foralder' and item = 'strategier-verktyg'
     and respondent_role = 'parent_with_problem' and value is not null
   group by 2`,
  // Consultation stops held on time, per stop: each stop of the process's own work-model version
  // (once per family, or once per child of the request) whose due date (its event's date plus the
  // model's days) falls in the period, among those held or overdue; interrupted processes left out.
  `with stop as (
     select p.id as process_id, r.id as request_id, s ->> 'key' as key, s ->> 'scope' as scope,
       case s -> 'due' ->> 'event'
         when 'request' then r.request_date
         when 'planning_meeting' then r.meeting_date
         when 'meeting_held' then (select min(m.held_on) from meetings m
           where m.process_id = p.id and m.status = 'held' and m.meeting_type_key = s -> 'due' ->> 'meetingTypeKey')
         when 'interventions_decided' then (select min(sm.granted_on) from support_measures sm where sm.process_id = p.id)
       end + (s -> 'due' ->> 'days')::int as due_on
     from processes p join requests r on r.id = p.request_id join work_model_versions wv on wv.id = p.work_model_version_id
       cross join jsonb_array_elements(wv.content -> 'stops') s
     where p.municipality_id = $1 and p.status <> 'interrupted'),
   target as (
     select st.*, null::uuid as child_id from stop st where st.scope = 'family'
     union all
     select st.*, c.id from stop st join request_persons c on c.request_id = st.request_id and c.kind = 'child' where st.scope = 'child')
   select 'hallplatser-i-tid' as key, ${periodOf("t.due_on")} as period, t.key as "group",
     count(*) filter (where c.held_on is not null or t.due_on < ${today})::int as denominator,
     count(*) filter (where c.held_on <= t.due_on)::int as numerator, null::float8 as value
   from target t left join consultations c on c.process_id = t.process_id and c.stop_key = t.key
     and coalesce(c.child_id, '00000000-0000-0000-0000-000000000000'::uuid) = coalesce(t.child_id, '00000000-0000-0000-0000-000000000000'::uuid)
   where t.due_on between $4::date and $3::date
   group by 2, 3`,
  // Children of families that started the series in the period with a joint child impact analysis.
  `select 'gemensam-barnkonsekvensanalys' as key, ${periodOf("p.started_on")} as period, null::text as "group",
     count(*)::int as denominator,
     count(*) filter (where exists (select 1 from child_impact_analyses a where a.child_id = c.id and a.joint))::int as numerator,
     null::float8 as value
   from request_persons c join requests r on r.id = c.request_id join processes p on p.request_id = r.id
   where c.kind = 'child' and r.municipality_id = $1 and p.phase in ('started', 'halfway', 'completed')
     and p.started_on between $4::date and $3::date
   group by 2`,
  // Staff participation per unit, in both periods: the unit's active caseworkers now, with the
  // families each was child or adult caseworker for during the period. The share that took part
  // (at least one family), and the mean, least and most families of those who took part.
  `with per(period, from_date, to_date) as (values ('current', $2::date, $3::date), ('previous', $4::date, $5::date)),
   assigned as (
     select pa.user_id, per.period, count(distinct pa.process_id)::int as families
     from process_assignments pa join processes pr on pr.id = pa.process_id
       join per on pa.assigned_on <= per.to_date and (pa.ended_on is null or pa.ended_on >= per.from_date)
     where pr.municipality_id = $1 and pa.role in ('child_caseworker', 'adult_caseworker')
     group by 1, 2),
   per_unit as (
     select per.period, un.name as unit, count(*)::int as caseworkers,
       count(*) filter (where a.families > 0)::int as took_part,
       avg(a.families)::float8 as mean, min(a.families)::float8 as least, max(a.families)::float8 as most
     from users u join user_roles ur on ur.user_id = u.id and ur.role = 'caseworker'
       join user_units uu on uu.user_id = u.id join units un on un.id = uu.unit_id and un.active
       cross join per left join assigned a on a.user_id = u.id and a.period = per.period
     where u.municipality_id = $1 and u.active
     group by 1, 2)
   select k.key, unit.period, unit.unit as "group", k.denominator, k.numerator, k.value
   from per_unit unit cross join lateral (values
       ('handlaggare-deltagit', unit.caseworkers, unit.took_part, null::float8),
       ('familjer-per-handlaggare-mean', unit.took_part, unit.took_part, unit.mean),
       ('familjer-per-handlaggare-min', unit.took_part, unit.took_part, unit.least),
       ('familjer-per-handlaggare-max', unit.took_part, unit.took_part, unit.most)) k(key, denominator, numerator, value)`,
  // The gender perspective, families of the period: which parent has the problem (two parents: both;
  // one parent who is a woman or a man: mother or father; any other guardian with it: other), the
  // least positive attitude among those with the problem, custody, household and case type.
  `with g as (
     select x.request_id, count(*) filter (where x.relation = 'parent') as parents,
       max(x.gender) filter (where x.relation = 'parent') as parent_gender,
       (array['positive', 'ambivalent', 'denies'])[max(array_position(array['positive', 'ambivalent', 'denies'], x.attitude))] as attitude
     from request_persons x join requests r on r.id = x.request_id
     where x.kind = 'guardian' and x.substance_problem = 'yes' and r.municipality_id = $1 and r.request_date between $4::date and $3::date
     group by 1),
   f as (
     select ${periodOf("r.request_date")} as period, r.custody, r.household, r.case_type::text as case_type,
       case when g.request_id is null then 'none' when g.parents >= 2 then 'both'
         when g.parents = 1 and g.parent_gender = 'woman' then 'mother' when g.parents = 1 and g.parent_gender = 'man' then 'father'
         else 'other' end as parent,
       g.attitude
     from requests r left join g on g.request_id = r.id
     where r.municipality_id = $1 and r.request_date between $4::date and $3::date)
   select 'perspektiv-foralder-med-problem' as key, period, parent as "group", count(*)::int as denominator, count(*)::int as numerator,
     null::float8 as value
   from f group by 2, 3
   union all
   select 'perspektiv-positiv-till-stod', period, parent, count(attitude)::int, count(*) filter (where attitude = 'positive')::int, null::float8
   from f group by 2, 3
   union all
   select 'perspektiv-vardnad', period, custody, count(*)::int, count(*)::int, null::float8 from f group by 2, 3
   union all
   select 'perspektiv-hushall', period, household, count(*)::int, count(*)::int, null::float8 from f group by 2, 3
   union all
   select 'perspektiv-arendetyp', period, case_type, count(*)::int, count(*)::int, null::float8 from f group by 2, 3`,
  // The child perspective: the children of the period's requests by age band on the request date and by gender.
  `with c as (
     select ${periodOf("r.request_date")} as period, c.gender, extract(year from age(r.request_date, c.birth_date)) as age
     from request_persons c join requests r on r.id = c.request_id
     where c.kind = 'child' and r.municipality_id = $1 and r.request_date between $4::date and $3::date)
   select 'perspektiv-barn-alder' as key, period,
     case when age < 3 then '0–2' when age < 6 then '3–5' when age < 10 then '6–9' when age < 13 then '10–12' when age < 18 then '13–17'
       else '18+' end as "group",
     count(*)::int as denominator, count(*)::int as numerator, null::float8 as value
   from c group by 2, 3
   union all
   select 'perspektiv-barn-kon', period, gender, count(*)::int, count(*)::int, null::float8 from c group by 2, 3`,
  // The placements (decision 0065), Sofia families against others: reviewed at a held forum within
  // the municipality's limit, of those started in the period that were reviewed or whose last day
  // has passed; the days placed (median, 90th percentile) and the return home, of those ended in the
  // period; emergency foster homes ended within the emergency limit, of those started in the period
  // that ended or passed the limit.
  `with pl as (
     select pl.start_date, pl.end_date, pl.kind, pl.end_destination,
       case when pc.request_person_id is not null then 'sofia_family' else 'other_family' end as fam,
       pl.start_date + mu.placement_review_limit_days as review_due,
       pl.start_date + mu.emergency_placement_limit_days as emergency_due,
       (select min(fo.forum_date) from placement_forum_reviews rv join placement_forums fo on fo.id = rv.forum_id
        where rv.placement_id = pl.id and fo.held_at is not null) as reviewed_on
     from placements pl join placed_children pc on pc.id = pl.placed_child_id join municipalities mu on mu.id = pc.municipality_id
     where pc.municipality_id = $1)
   select 'placering-forum-inom-gransen' as key, ${periodOf("start_date")} as period, fam as "group",
     count(*) filter (where reviewed_on is not null or review_due < ${today})::int as denominator,
     count(*) filter (where reviewed_on <= review_due)::int as numerator, null::float8 as value
   from pl where start_date between $4::date and $3::date group by 2, 3
   union all
   select k.key, ${periodOf("end_date")}, fam, count(*)::int, count(*)::int,
     (percentile_cont(k.fraction) within group (order by end_date - start_date))::float8
   from pl cross join (values ('placering-dagar-median', 0.5::float8), ('placering-dagar-p90', 0.9::float8)) k(key, fraction)
   where end_date between $4::date and $3::date group by k.key, k.fraction, 2, 3
   union all
   select 'placering-jourhem-inom-gransen', ${periodOf("start_date")}, fam,
     count(*) filter (where end_date is not null or emergency_due < ${today})::int,
     count(*) filter (where end_date <= emergency_due)::int, null::float8
   from pl where kind = 'emergency_foster_home' and start_date between $4::date and $3::date group by 2, 3
   union all
   select 'placering-hemflytt', ${periodOf("end_date")}, fam, count(*)::int, count(*) filter (where end_destination = 'home')::int, null::float8
   from pl where end_date between $4::date and $3::date group by 2, 3`,
];
