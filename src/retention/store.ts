/**
 * Queries of retention (decision 0062): the municipality's rules and settings, what each rule
 * would cull (counts only), and the deletions. A family goes in one transaction of its own, all
 * its rows or none; the logs only through the database function `sofia_retention_delete_log`.
 */
import { and, desc, eq, sql } from "drizzle-orm";
import { auditLog, dataProtectionSettings, retentionRules, users } from "../db/schema/index.ts";
import type { DbOrTx } from "../platform/database.ts";
import { RESEARCH_SAMPLE_DAYS, type RetentionKind } from "./model.ts";

export function rulesOf(db: DbOrTx, municipalityId: string) {
  return db
    .select({ kind: retentionRules.kind, amount: retentionRules.amount })
    .from(retentionRules)
    .where(eq(retentionRules.municipalityId, municipalityId));
}

export async function settingsOf(db: DbOrTx, municipalityId: string) {
  const [row] = await db
    .select({
      jobEnabled: dataProtectionSettings.retentionJobEnabled,
      confirmedBy: dataProtectionSettings.retentionConfirmedBy,
      confirmedAt: dataProtectionSettings.retentionConfirmedAt,
      breakGlassMinutes: dataProtectionSettings.breakGlassMinutes,
    })
    .from(dataProtectionSettings)
    .where(eq(dataProtectionSettings.municipalityId, municipalityId));
  return row;
}

export async function replaceRules(db: DbOrTx, municipalityId: string, rules: Array<{ kind: RetentionKind; amount: number }>, by: string) {
  await db.delete(retentionRules).where(eq(retentionRules.municipalityId, municipalityId));
  if (rules.length > 0) await db.insert(retentionRules).values(rules.map((r) => ({ municipalityId, ...r, updatedBy: by })));
}

export async function saveSettings(
  db: DbOrTx,
  municipalityId: string,
  s: { jobEnabled: boolean; breakGlassMinutes: number; confirmedBy: string | null; confirmedAt: Date | null },
) {
  const values = {
    retentionJobEnabled: s.jobEnabled,
    breakGlassMinutes: s.breakGlassMinutes,
    retentionConfirmedBy: s.confirmedBy,
    retentionConfirmedAt: s.confirmedAt,
    updatedAt: sql`now()`,
  };
  await db
    .insert(dataProtectionSettings)
    .values({ municipalityId, ...values })
    .onConflictDoUpdate({
      target: dataProtectionSettings.municipalityId,
      set: { ...values, version: sql`${dataProtectionSettings.version} + 1` },
    });
}

/** The municipalities whose job is on, with who turned it on. */
export function jobMunicipalities(db: DbOrTx) {
  return db
    .select({ municipalityId: dataProtectionSettings.municipalityId, confirmedBy: dataProtectionSettings.retentionConfirmedBy })
    .from(dataProtectionSettings)
    .where(eq(dataProtectionSettings.retentionJobEnabled, true));
}

const sample = sql.raw(RESEARCH_SAMPLE_DAYS.join(", "));

/**
 * The families whose last entry is before `cutoff` (a date): a completed process by its completion,
 * an interrupted one by its open interruption, a request stopped at the Sofiamöte (no process) by
 * its decision, whichever outcome follow-up came later pushing it on. A family with a member born on
 * the 5th, 15th or 25th is kept (SoF 7 kap. 1 §); an ongoing process or an undecided request never goes.
 */
export async function expiredFamilies(db: DbOrTx, municipalityId: string, cutoff: string) {
  const rows = await db.execute<{ request_id: string; process_id: string | null }>(sql`
    with ended as (
      select r.id as request_id, p.id as process_id,
        case
          when p.id is null and r.status = 'stopped' then r.meeting_date
          when p.status = 'completed' then p.completed_on
          when p.status = 'interrupted' then (select max(i.interrupted_on) from process_interruptions i where i.process_id = p.id and i.resumed_on is null)
        end as ended_on
      from requests r left join processes p on p.request_id = r.id
      where r.municipality_id = ${municipalityId}
    )
    select e.request_id, e.process_id from ended e
    where e.ended_on is not null
      and greatest(e.ended_on, (select max(o.created_at)::date from outcome_followups o where o.process_id = e.process_id)) < ${cutoff}::date
      and not exists (select 1 from request_persons rp where rp.request_id = e.request_id and extract(day from rp.birth_date) in (${sample}))
      and not ${placedChild}
    order by e.request_id`);
  return rows.rows.map((r) => ({ requestId: r.request_id, processId: r.process_id }));
}

/**
 * A family with a child placed outside the home (a `placed_children` row of one of its persons,
 * issue 18) is never culled: records of children placed in a foster home, an emergency foster home
 * or residential care are kept (socialtjänstlagen (2001:453) 12 kap. 2 §, `PLACED_CHILD_RULE` in
 * model.ts). Without it the deletion would also fail on the row's reference to request_persons.
 */
const placedChild = sql`exists (select 1 from placed_children pc join request_persons prp on prp.id = pc.request_person_id where prp.request_id = e.request_id)`;

/** How many families the rule would otherwise cull that are kept because a child of theirs is placed. */
export async function keptForPlacement(db: DbOrTx, municipalityId: string, cutoff: string): Promise<number> {
  const rows = await db.execute<{ n: number }>(sql`
    with ended as (
      select r.id as request_id, p.id as process_id,
        case
          when p.id is null and r.status = 'stopped' then r.meeting_date
          when p.status = 'completed' then p.completed_on
          when p.status = 'interrupted' then (select max(i.interrupted_on) from process_interruptions i where i.process_id = p.id and i.resumed_on is null)
        end as ended_on
      from requests r left join processes p on p.request_id = r.id
      where r.municipality_id = ${municipalityId}
    )
    select count(*)::int as n from ended e
    where e.ended_on is not null
      and greatest(e.ended_on, (select max(o.created_at)::date from outcome_followups o where o.process_id = e.process_id)) < ${cutoff}::date
      and not exists (select 1 from request_persons rp where rp.request_id = e.request_id and extract(day from rp.birth_date) in (${sample}))
      and ${placedChild}`);
  return rows.rows[0]?.n ?? 0;
}

/**
 * Deletes one family: the request, its persons, the process and everything tied to them
 * (meetings, participants, stops, support, interruptions, assignments, the survey answers and
 * invitations of its meetings, a case-file audit's focus family, outcome follow-ups, break-glass
 * grants, handovers from intake with their teams). Call it in the family's own transaction. Returns how many persons went.
 */
export async function deleteFamily(tx: DbOrTx, family: { requestId: string; processId: string | null }): Promise<number> {
  const r = family.requestId;
  const persons = sql`(select id from request_persons where request_id = ${r})`;
  if (family.processId) {
    const p = family.processId;
    const meetings = sql`(select id from meetings where process_id = ${p})`;
    const responses = sql`(select id from survey_responses where process_id = ${p} or meeting_id in ${meetings})`;
    const invitations = sql`(select id from survey_invitations where process_id = ${p} or meeting_id in ${meetings} or person_id in ${persons})`;
    for (const statement of [
      sql`delete from survey_answers where response_id in ${responses}`,
      sql`delete from survey_responses where process_id = ${p} or meeting_id in ${meetings}`,
      sql`delete from survey_campaign_recipients where invitation_id in ${invitations}`,
      sql`delete from survey_invitations where process_id = ${p} or meeting_id in ${meetings} or person_id in ${persons}`,
      sql`delete from survey_meeting_answered where meeting_id in ${meetings} or person_id in ${persons}`,
      sql`delete from survey_kiosk_sessions where process_id = ${p}`,
      sql`delete from meeting_participants where meeting_id in ${meetings}`,
      sql`delete from audit_focus_families where process_id = ${p}`,
      sql`delete from outcome_followups where process_id = ${p}`,
      sql`delete from break_glass_grants where process_id = ${p}`,
      sql`delete from safety_ratings where process_id = ${p}`,
      sql`delete from child_impact_analyses where process_id = ${p}`,
      sql`delete from consultations where process_id = ${p}`,
      sql`delete from support_measures where process_id = ${p}`,
      sql`delete from process_interruptions where process_id = ${p}`,
      sql`delete from meetings where process_id = ${p}`,
      sql`delete from process_assignments where process_id = ${p}`,
      sql`delete from processes where id = ${p}`,
    ])
      await tx.execute(statement);
  }
  // The family's handovers from intake and their teams (decision 0066).
  await tx.execute(sql`delete from intake_handover_members where handover_id in (select id from intake_handovers where request_id = ${r})`);
  await tx.execute(sql`delete from intake_handovers where request_id = ${r}`);
  const deleted = await tx.execute(sql`delete from request_persons where request_id = ${r}`);
  await tx.execute(sql`delete from requests where id = ${r}`);
  return deleted.rowCount ?? 0;
}

/** The rows of the other kinds a rule would cull, by their predicate (the same for counting and deleting). */
function predicate(kind: Exclude<RetentionKind, "families">, municipalityId: string, before: Date) {
  const at = sql`${before.toISOString()}::timestamptz`;
  const staff = sql`(select id from users where municipality_id = ${municipalityId})`;
  switch (kind) {
    case "survey_answers":
      // Campaign answers (not a family's meeting: those go with the family), by their period's day.
      return {
        table: sql`survey_responses`,
        where: sql`municipality_id = ${municipalityId} and meeting_id is null and process_id is null and period_on < (${at} at time zone 'Europe/Stockholm')::date`,
      };
    case "audit_log":
      return { table: sql`audit_log`, where: sql`at < ${at} and action <> 'retention.run' and actor_user_id in ${staff}` };
    case "security_log":
      return { table: sql`security_log`, where: sql`at < ${at} and user_id in ${staff}` };
    case "sessions":
      return { table: sql`sessions`, where: sql`least(idle_expires_at, absolute_expires_at) < ${at} and user_id in ${staff}` };
    case "exports":
      return { table: sql`research_exports`, where: sql`municipality_id = ${municipalityId} and created_at < ${at}` };
    case "report_versions":
      return {
        table: sql`interim_report_versions`,
        where: sql`generated_at < ${at} and report_id in (select id from interim_reports where municipality_id = ${municipalityId})`,
      };
  }
}

export async function countOf(db: DbOrTx, kind: Exclude<RetentionKind, "families">, municipalityId: string, before: Date): Promise<number> {
  const { table, where } = predicate(kind, municipalityId, before);
  const rows = await db.execute<{ n: number }>(sql`select count(*)::int as n from ${table} where ${where}`);
  return rows.rows[0]?.n ?? 0;
}

/** Deletes a kind's culled rows in the caller's transaction; the logs through the owner's function only. */
export async function deleteOf(
  tx: DbOrTx,
  kind: Exclude<RetentionKind, "families">,
  municipalityId: string,
  before: Date,
): Promise<number> {
  if (kind === "audit_log" || kind === "security_log") {
    const rows = await tx.execute<{ n: number }>(
      sql`select sofia_retention_delete_log(${kind}, ${municipalityId}::uuid, ${before.toISOString()}::timestamptz) as n`,
    );
    return rows.rows[0]?.n ?? 0;
  }
  const { table, where } = predicate(kind, municipalityId, before);
  if (kind === "survey_answers") {
    await tx.execute(sql`delete from survey_answers where response_id in (select id from ${table} where ${where})`);
  }
  const deleted = await tx.execute(sql`delete from ${table} where ${where}`);
  return deleted.rowCount ?? 0;
}

/** The latest deletion receipt of the municipality. */
export async function lastReceipt(db: DbOrTx, municipalityId: string) {
  const [row] = await db
    .select({ at: auditLog.at, detail: auditLog.detail })
    .from(auditLog)
    .where(and(eq(auditLog.action, "retention.run"), eq(auditLog.recordId, municipalityId)))
    .orderBy(desc(auditLog.id))
    .limit(1);
  return row ? { at: row.at, detail: row.detail as Record<string, unknown> | null } : undefined;
}

export async function usernameOf(db: DbOrTx, userId: string): Promise<string | null> {
  const [row] = await db.select({ username: users.username }).from(users).where(eq(users.id, userId));
  return row?.username ?? null;
}
