/**
 * The research export's queries. Each reads only the columns the export may contain: never a name,
 * an identity number, a birth date, a free-text field or a staff member. Dates come back as text
 * (ÅÅÅÅ-MM-DD). The families are those of the municipality with a request date in the period.
 */
import { desc, eq, type SQL, sql } from "drizzle-orm";
import { researchExports, users } from "../db/schema/index.ts";
import { type DbOrTx, rows } from "../platform/database.ts";

export interface Scope {
  municipalityId: string;
  from: string;
  to: string;
}

const inPeriod = (s: Scope): SQL =>
  sql`r.municipality_id = ${s.municipalityId} and r.request_date between ${s.from}::date and ${s.to}::date`;

export interface FamilyRow {
  request_id: string;
  request_date: string;
  case_type: number | null;
  household: string;
  custody: string;
  decision: string;
  stop_reason: string | null;
  sofia_meeting_date: string | null;
  work_model_version_id: string | null;
  process_status: string | null;
  phase: string | null;
  interrupted_in: string | null;
  first_family_meeting_date: string | null;
  completed_date: string | null;
  support_sought: boolean | null;
  support_granted: boolean | null;
}

/** One row per family (request) in the period, with its process's derived figures; the first family meeting as the follow-up indicators count it. */
export function families(db: DbOrTx, s: Scope): Promise<FamilyRow[]> {
  return rows(
    db,
    sql`select r.id as request_id, r.request_date::text as request_date, r.case_type::int as case_type, r.household, r.custody,
      r.status as decision, r.stop_reason, r.meeting_date::text as sofia_meeting_date,
      p.work_model_version_id, p.status as process_status, p.phase,
      (select i.phase from process_interruptions i where i.process_id = p.id and i.resumed_on is null limit 1) as interrupted_in,
      (select min(mt.held_on)::text from meetings mt
        where mt.process_id = p.id and mt.status = 'held' and mt.child_id is null
          and not exists (select 1 from work_model_versions dv where dv.id = p.work_model_version_id
            and dv.content -> 'meetingTypes' @> jsonb_build_array(jsonb_build_object('key', mt.meeting_type_key, 'decidesStart', true))))
        as first_family_meeting_date,
      p.completed_on::text as completed_date,
      case when p.id is null then null else
        coalesce((select bool_or(m.applied_on is not null or m.granted_on is not null) from support_measures m where m.process_id = p.id), false) end as support_sought,
      case when p.id is null then null else
        coalesce((select bool_or(m.granted_on is not null) from support_measures m where m.process_id = p.id), false) end as support_granted
    from requests r left join processes p on p.request_id = r.id
    where ${inPeriod(s)}`,
  );
}

export interface PersonRow {
  request_id: string;
  kind: "guardian" | "child";
  relation: string | null;
  substance_problem: string | null;
  attitude: string | null;
  age_at_request: number | null;
  gender: string | null;
}

/** The family members: role and the coded fields only; the age in whole years on the request date (never the birth date). */
export function persons(db: DbOrTx, s: Scope): Promise<PersonRow[]> {
  return rows(
    db,
    sql`select rp.request_id, rp.kind, rp.relation, rp.substance_problem, rp.attitude, rp.gender,
      case when rp.kind = 'child' then extract(year from age(r.request_date, rp.birth_date))::int end as age_at_request
    from request_persons rp join requests r on r.id = rp.request_id
    where ${inPeriod(s)}
    order by rp.request_id, rp.kind desc, rp.position`,
  );
}

/** Held meetings per family and meeting type. */
export function meetingCounts(db: DbOrTx, s: Scope): Promise<Array<{ request_id: string; key: string; n: number }>> {
  return rows(
    db,
    sql`select p.request_id, mt.meeting_type_key as key, count(*)::int as n
    from meetings mt join processes p on p.id = mt.process_id join requests r on r.id = p.request_id
    where ${inPeriod(s)} and mt.status = 'held'
    group by p.request_id, mt.meeting_type_key`,
  );
}

/** The work-model versions of the families' processes: their meeting types in order. */
export function workModelVersions(db: DbOrTx, s: Scope): Promise<Array<{ id: string; content: unknown }>> {
  return rows(
    db,
    sql`select v.id, v.content from work_model_versions v
    where v.id in (select p.work_model_version_id from processes p join requests r on r.id = p.request_id where ${inPeriod(s)})`,
  );
}

export interface AnswerRow {
  request_id: string;
  response_id: string;
  instrument: string;
  instrument_version_id: string;
  respondent_role: string;
  item: string;
  value: number | null;
}

/** The survey answers linked to the families' processes: respondent role and item values only (no age band, no date, no mode). */
export function answers(db: DbOrTx, s: Scope): Promise<AnswerRow[]> {
  return rows(
    db,
    sql`select p.request_id, sr.id as response_id, i.key as instrument, sr.instrument_version_id, sr.respondent_role,
      a.item_key as item, a.value::int as value
    from survey_answers a join survey_responses sr on sr.id = a.response_id
      join processes p on p.id = sr.process_id join requests r on r.id = p.request_id
      join survey_instrument_versions v on v.id = sr.instrument_version_id join survey_instruments i on i.id = v.instrument_id
    where ${inPeriod(s)}
    order by sr.id, a.item_key`,
  );
}

/** The instrument versions the answers were given on: their items and scale. */
export function instrumentVersions(db: DbOrTx, ids: string[]): Promise<Array<{ id: string; key: string; content: unknown }>> {
  if (ids.length === 0) return Promise.resolve([]);
  return rows(
    db,
    sql`select v.id, i.key, v.content from survey_instrument_versions v join survey_instruments i on i.id = v.instrument_id
    where v.id in (${sql.join(
      ids.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})`,
  );
}

export async function insertExport(
  db: DbOrTx,
  values: { municipalityId: string; purpose: string; options: Record<string, unknown>; rowCount: number; createdBy: string },
): Promise<{ id: string; createdAt: Date }> {
  const [row] = await db.insert(researchExports).values(values).returning({ id: researchExports.id, createdAt: researchExports.createdAt });
  if (!row) throw new Error("research export not inserted");
  return row;
}

export interface ExportLogRow {
  id: string;
  purpose: string;
  options: unknown;
  rowCount: number;
  createdAt: Date;
  createdByName: string;
}

/** The municipality's exports, newest first (who made them, for what, with which options). */
export function exportsOf(db: DbOrTx, municipalityId: string, limit = 200): Promise<ExportLogRow[]> {
  return db
    .select({
      id: researchExports.id,
      purpose: researchExports.purpose,
      options: researchExports.options,
      rowCount: researchExports.rowCount,
      createdAt: researchExports.createdAt,
      createdByName: users.displayName,
    })
    .from(researchExports)
    .innerJoin(users, eq(users.id, researchExports.createdBy))
    .where(eq(researchExports.municipalityId, municipalityId))
    .orderBy(desc(researchExports.createdAt))
    .limit(limit);
}
