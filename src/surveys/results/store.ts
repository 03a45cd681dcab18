/**
 * Aggregate queries of survey results: counts grouped in the database, never the rows of single
 * responses. Only complete responses count. A response belongs to the period by its period_on: its
 * meeting's held date, or the day a campaign's answer was given (decision 0046), never the day it
 * was typed in; a meeting by the date it was held.
 */
import { eq, sql } from "drizzle-orm";
import { municipalities } from "../../db/schema/index.ts";
import { type DbOrTx, rows } from "../../platform/database.ts";

export interface Scope {
  municipalityId: string;
  instrumentId: string;
  from: string;
  to: string;
}

const periodOn = sql`r.period_on`;

/** The complete responses of the instrument (any version) in the municipality and period. */
const periodResponses = (s: Scope) => sql`
  select r.* from survey_responses r
  join survey_instrument_versions v on v.id = r.instrument_version_id
  where r.municipality_id = ${s.municipalityId} and v.instrument_id = ${s.instrumentId} and r.complete
    and ${periodOn} between ${s.from}::date and ${s.to}::date`;

export interface GroupCount {
  role: string;
  ageBand: string | null;
  n: number;
}

/** How many responses each role (and a child's age band) gave. */
export function groupCounts(db: DbOrTx, s: Scope): Promise<GroupCount[]> {
  return rows(
    db,
    sql`select r.respondent_role as "role", r.age_band as "ageBand", count(*)::int as "n"
        from (${periodResponses(s)}) r group by r.respondent_role, r.age_band`,
  );
}

export interface AnswerCount {
  role: string;
  ageBand: string | null;
  itemKey: string;
  /** Null for "don't know". */
  value: number | null;
  n: number;
}

/** How many answers each item got per value (and "don't know"), per role and age band. */
export function answerCounts(db: DbOrTx, s: Scope): Promise<AnswerCount[]> {
  return rows(
    db,
    sql`select r.respondent_role as "role", r.age_band as "ageBand", a.item_key as "itemKey", a.value::int as "value",
          count(*)::int as "n"
        from (${periodResponses(s)}) r join survey_answers a on a.response_id = r.id
        group by r.respondent_role, r.age_band, a.item_key, a.value`,
  );
}

export interface PairedCount {
  phase: "before" | "after";
  itemKey: string;
  value: number | null;
  n: number;
}

/**
 * Before and after for processes that answered on two occasions or more: a process's first
 * occasion (a meeting, or a day without one) is its "before", its last the "after". Answer counts
 * per phase, item and value, and the number of such processes (pairs).
 */
export async function pairedCounts(db: DbOrTx, s: Scope): Promise<{ pairs: number; counts: PairedCount[] }> {
  const occasions = sql`
    with resp as (
      select r.id, r.process_id, coalesce(r.meeting_id::text, ${periodOn}::text) as occasion, r.period_on, r.submitted_at
      from (${periodResponses(s)}) r where r.process_id is not null
    ), occ as (
      select process_id, occasion, min(period_on) as first_on, min(submitted_at) as first_at from resp group by process_id, occasion
    ), ranked as (
      select process_id, occasion,
        row_number() over (partition by process_id order by first_on, first_at, occasion) as first_rank,
        row_number() over (partition by process_id order by first_on desc, first_at desc, occasion desc) as last_rank,
        count(*) over (partition by process_id) as occasions
      from occ
    )`;
  const [pairs] = await rows<{ n: number }>(
    db,
    sql`${occasions} select count(distinct process_id)::int as "n" from ranked where occasions >= 2`,
  );
  const counts = await rows<PairedCount>(
    db,
    sql`${occasions}
      select case when k.first_rank = 1 then 'before' else 'after' end as "phase", a.item_key as "itemKey",
        a.value::int as "value", count(*)::int as "n"
      from resp join ranked k on k.process_id = resp.process_id and k.occasion = resp.occasion
      join survey_answers a on a.response_id = resp.id
      where k.occasions >= 2 and (k.first_rank = 1 or k.last_rank = 1)
      group by 1, a.item_key, a.value`,
  );
  return { pairs: pairs?.n ?? 0, counts };
}

export interface YearCount {
  year: number;
  itemKey: string | null;
  value: number | null;
  n: number;
}

/**
 * Year against year for an annual instrument, from `fromYear` to the period's last year: the
 * campaign's year (the year it opened), or the year of the answer's period without a campaign. One row per
 * year with itemKey null holds the number of responses; the others count answers per item and value.
 */
export function yearCounts(db: DbOrTx, s: Scope, fromYear: number): Promise<YearCount[]> {
  return rows(
    db,
    sql`with resp as (
          select r.id, coalesce(extract(year from c.opens_on), extract(year from ${periodOn}))::int as year
          from survey_responses r
          join survey_instrument_versions v on v.id = r.instrument_version_id
          left join survey_campaigns c on c.id = r.campaign_id
          where r.municipality_id = ${s.municipalityId} and v.instrument_id = ${s.instrumentId} and r.complete
        ), years as (
          select * from resp where year between ${fromYear} and extract(year from ${s.to}::date)::int
        )
        select year as "year", null as "itemKey", null::int as "value", count(*)::int as "n" from years group by year
        union all
        select y.year, a.item_key, a.value::int, count(*)::int
        from years y join survey_answers a on a.response_id = y.id group by y.year, a.item_key, a.value
        order by 1`,
  );
}

export interface RateCount {
  meetingTypeKey: string;
  meetingTypeName: string;
  meetings: number;
  /** Family members who attended. */
  invited: number;
  responses: number;
}

/**
 * The response rate per meeting type: the held meetings in the period whose type lists the
 * instrument (in the process's work model), the family members who attended them, and the
 * instrument's complete responses given for those meetings.
 */
export function rateCounts(db: DbOrTx, s: Scope, instrumentKey: string, locale: "sv" | "en" = "sv"): Promise<RateCount[]> {
  return rows(
    db,
    sql`with held as (
          select m.id, m.meeting_type_key,
            coalesce(case when ${locale} = 'en' then nullif(t.value->'en'->>'name', '') end, t.value->>'name') as type_name
          from meetings m
          join processes p on p.id = m.process_id
          join work_model_versions w on w.id = p.work_model_version_id
          cross join lateral jsonb_array_elements(w.content->'meetingTypes') t
          where p.municipality_id = ${s.municipalityId} and m.status = 'held'
            and m.held_on between ${s.from}::date and ${s.to}::date
            and t.value->>'key' = m.meeting_type_key and (t.value->'surveys') ? ${instrumentKey}
        ), attended as (
          select h.id, count(mp.id)::int as n from held h
          left join meeting_participants mp on mp.meeting_id = h.id and mp.person_id is not null and mp.attended
          group by h.id
        ), answered as (
          select r.meeting_id, count(*)::int as n from survey_responses r
          join survey_instrument_versions v on v.id = r.instrument_version_id
          where v.instrument_id = ${s.instrumentId} and r.complete and r.meeting_id in (select id from held)
          group by r.meeting_id
        )
        select h.meeting_type_key as "meetingTypeKey", min(h.type_name) as "meetingTypeName",
          count(distinct h.id)::int as "meetings", coalesce(sum(att.n), 0)::int as "invited",
          coalesce(sum(an.n), 0)::int as "responses"
        from held h join attended att on att.id = h.id left join answered an on an.meeting_id = h.id
        group by h.meeting_type_key order by 2`,
  );
}

/** The municipality's minimum group size for results (default 5). */
export async function minGroupSize(db: DbOrTx, municipalityId: string): Promise<number> {
  const [row] = await db.select({ n: municipalities.minGroupSize }).from(municipalities).where(eq(municipalities.id, municipalityId));
  return row?.n ?? 5;
}
