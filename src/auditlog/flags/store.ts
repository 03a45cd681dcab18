/** The flags of the log review, derived in SQL from the audit rows of the period, and their reviews. */
import { and, eq, type SQL, sql } from "drizzle-orm";
import { auditFlagReviews, auditLog, users } from "../../db/schema/index.ts";
import type { DbOrTx } from "../../platform/database.ts";
import { TIME_ZONE } from "../model.ts";
import { BREAK_GLASS_ACTION, type FlagKind, type FlagSettings, REVEAL_ACTION } from "./model.ts";

export interface FlagRow {
  auditLogId: number;
  kind: FlagKind;
  at: Date;
  n: number;
  action: string;
  actorUserId: string | null;
  actorUsername: string | null;
  actorDisplayName: string | null;
  [key: string]: unknown;
}

/** The flags of the period that no reviewer has marked, newest first (at most `limit`), with their number. */
export async function openFlags(
  db: DbOrTx,
  municipalityId: string,
  s: FlagSettings,
  limit: number,
): Promise<{ rows: FlagRow[]; total: number }> {
  const inPeriod = sql`l.at >= (${s.from}::date::timestamp at time zone ${TIME_ZONE}) and l.at < ((${s.to}::date + 1)::timestamp at time zone ${TIME_ZONE})`;
  const ours = sql`l.actor_user_id in (select u.id from ${users} u where u.municipality_id = ${municipalityId})`;
  const local = sql`(l.at at time zone ${TIME_ZONE})`;
  const query: SQL = sql`
    with shown as (
      select l.id, l.at, l.actor_user_id, l.actor_roles, l.actor_unit_ids, l.action, (${local})::date as day,
        array(select distinct rp.request_id from request_persons rp
          where rp.id = any(case when l.subject_person_id is null then l.subject_person_ids else l.subject_person_ids || l.subject_person_id end)) as request_ids
      from ${auditLog} l
      where ${inPeriod} and ${ours} and l.action not like 'audit.%'
        and (l.subject_person_id is not null or cardinality(l.subject_person_ids) > 0)
    ),
    outside as (
      select s.id, s.at, 'outside_need'::text as kind, (select count(*)::int from unnest(s.request_ids) rq(id)
        where not exists (select 1 from requests r where r.id = rq.id and r.registered_by = s.actor_user_id)
          and not exists (select 1 from process_assignments a join processes pr on pr.id = a.process_id
            where pr.request_id = rq.id and a.user_id = s.actor_user_id and a.assigned_on <= s.day and (a.ended_on is null or a.ended_on >= s.day))
          and not exists (select 1 from request_persons p where p.request_id = rq.id and p.unit_id = any(s.actor_unit_ids))) as n
      from shown s
      where not ('process_leader' = any(s.actor_roles))
    ),
    opened as (select s.id, s.at, s.actor_user_id, rq.id as request_id from shown s cross join unnest(s.request_ids) rq(id)),
    bursts as (
      select s.id, s.at, s.actor_user_id, (select count(distinct o.request_id)::int from opened o
        where o.actor_user_id = s.actor_user_id and o.at > s.at - make_interval(mins => ${s.minutes}) and o.at <= s.at) as n
      from shown s
    ),
    many as (
      select b.id, b.at, 'many_families'::text as kind, b.n from (
        select b.*, lag(b.n) over (partition by b.actor_user_id order by b.at, b.id) as before from bursts b) b
      where b.n >= ${s.families} and coalesce(b.before, 0) < ${s.families}
    ),
    late as (
      select s.id, s.at, 'outside_hours'::text as kind, 0 as n from shown s, lateral (select s.at at time zone ${TIME_ZONE} as t) lt
      where extract(isodow from lt.t) in (6, 7) or extract(hour from lt.t) < ${s.dayStart} or extract(hour from lt.t) >= ${s.dayEnd}
    ),
    named as (
      select l.id, l.at, case when l.action = ${REVEAL_ACTION} then 'identity_reveal' else 'break_glass' end as kind, 0 as n
      from ${auditLog} l where ${inPeriod} and ${ours} and l.action in (${REVEAL_ACTION}, ${BREAK_GLASS_ACTION})
    ),
    flags as (
      select * from outside where n > 0
      union all select * from many
      union all select * from late
      union all select * from named
    )
    select f.id as "auditLogId", f.kind, to_json(f.at) #>> '{}' as at, f.n, l.action, l.actor_user_id as "actorUserId", l.actor_username as "actorUsername",
      u.display_name as "actorDisplayName", count(*) over ()::int as total
    from flags f
    join ${auditLog} l on l.id = f.id
    left join ${users} u on u.id = l.actor_user_id
    where not exists (select 1 from ${auditFlagReviews} r where r.municipality_id = ${municipalityId} and r.audit_log_id = f.id and r.kind = f.kind)
    order by f.at desc, f.id desc, f.kind
    limit ${limit}`;
  const result = await db.execute(query);
  const rows = result.rows as unknown as Array<FlagRow & { total: number; at: Date | string }>;
  return {
    rows: rows.map(({ total: _total, ...r }) => ({ ...r, at: new Date(r.at), auditLogId: Number(r.auditLogId) })),
    total: rows[0]?.total ?? 0,
  };
}

/** The audit row a flag is about, if its actor is one of the municipality's users. */
export async function flaggedRow(db: DbOrTx, municipalityId: string, id: number) {
  const [row] = await db
    .select({ id: auditLog.id })
    .from(auditLog)
    .innerJoin(users, eq(users.id, auditLog.actorUserId))
    .where(and(eq(auditLog.id, id), eq(users.municipalityId, municipalityId)));
  return row;
}

/** Marks a flag reviewed; false when it already was. */
export async function insertReview(
  db: DbOrTx,
  values: { municipalityId: string; auditLogId: number; kind: FlagKind; note: string; reviewedBy: string },
): Promise<boolean> {
  const rows = await db.insert(auditFlagReviews).values(values).onConflictDoNothing().returning({ id: auditFlagReviews.id });
  return rows.length > 0;
}
