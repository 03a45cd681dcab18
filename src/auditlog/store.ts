import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { auditLog, requestPersons, requests, securityLog, users, userUnits } from "../db/schema/index.ts";
import type { DbOrTx } from "../platform/database.ts";
import { type AuditFilter, type SecurityFilter, type SubjectKind, TIME_ZONE } from "./model.ts";

/**
 * Which rows a reviewer may read. A municipality's administrator: rows whose actor or subject is
 * one of its users. A unit manager: rows whose actor or subject belongs to one of the manager's
 * units (current membership in user_units).
 */
export type LogScope = { kind: "municipality"; municipalityId: string } | { kind: "units"; unitIds: string[] };

const actorUser = alias(users, "actor_user");
const subjectUser = alias(users, "subject_user");

/** The dates are calendar days in Swedish time, both included. */
function inPeriod(column: SQL | typeof auditLog.at | typeof securityLog.at, from: string, to: string): SQL {
  return sql`${column} >= (${from}::date::timestamp at time zone ${TIME_ZONE}) and ${column} < ((${to}::date + 1)::timestamp at time zone ${TIME_ZONE})`;
}

const unitIdArray = (ids: string[]) =>
  sql`array[${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )}]::uuid[]`;

/** The actor, the single subject or any of the users a view showed (decision 0051). */
const rowUsers = (user: SQL) =>
  sql`(${user} in (${auditLog.actorUserId}, ${auditLog.subjectUserId}) or ${user} = any(${auditLog.subjectUserIds}))`;

function auditScope(scope: LogScope): SQL {
  if (scope.kind === "municipality") {
    return sql`exists (select 1 from ${users} u where ${rowUsers(sql`u.id`)} and u.municipality_id = ${scope.municipalityId})`;
  }
  if (scope.unitIds.length === 0) return sql`false`;
  return sql`exists (select 1 from ${userUnits} uu where ${rowUsers(sql`uu.user_id`)} and uu.unit_id = any(${unitIdArray(scope.unitIds)}))`;
}

/**
 * Whose data a row is about: the single subject of a disclosure or change, or one of the persons a
 * view showed (the array, answered by its GIN index; decision 0051). Both, so that every view that
 * showed the person is found, old rows (one per person) as well as new ones.
 */
const subjectColumns = {
  user: { single: auditLog.subjectUserId, many: auditLog.subjectUserIds },
  person: { single: auditLog.subjectPersonId, many: auditLog.subjectPersonIds },
} satisfies Record<SubjectKind, unknown>;

export function aboutSubject(kind: SubjectKind, id: string): SQL {
  const { single, many } = subjectColumns[kind];
  return sql`(${single} = ${id}::uuid or ${many} @> array[${id}::uuid])`;
}

function auditWhere(scope: LogScope, filter: AuditFilter): SQL | undefined {
  const conditions = [auditScope(scope), inPeriod(auditLog.at, filter.from, filter.to)];
  if (filter.userId) conditions.push(eq(auditLog.actorUserId, filter.userId));
  if (filter.subject) conditions.push(aboutSubject(filter.subject.kind, filter.subject.id));
  if (filter.action) conditions.push(eq(auditLog.action, filter.action));
  return and(...conditions);
}

/** Where the next batch of an export starts: after this row, newest first. `at` is kept as text to keep its microseconds. */
export interface AuditCursor {
  atText: string;
  id: number;
}

export type AuditEntryRow = Awaited<ReturnType<typeof listAuditEntries>>[number];

export async function listAuditEntries(
  db: DbOrTx,
  scope: LogScope,
  filter: AuditFilter,
  page: { limit: number; offset?: number; after?: AuditCursor },
) {
  return auditEntriesQuery(db, scope, filter, page);
}

/** The query of a page of the log, not yet run (its plan is checked by the tests: the per-person question uses the indexes). */
export function auditEntriesQuery(
  db: DbOrTx,
  scope: LogScope,
  filter: AuditFilter,
  page: { limit: number; offset?: number; after?: AuditCursor },
) {
  const where = page.after
    ? and(auditWhere(scope, filter), sql`(${auditLog.at}, ${auditLog.id}) < (${page.after.atText}::timestamptz, ${page.after.id})`)
    : auditWhere(scope, filter);
  return db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      atText: sql<string>`${auditLog.at}::text`,
      actorUserId: auditLog.actorUserId,
      actorUsername: auditLog.actorUsername,
      actorDisplayName: actorUser.displayName,
      actorRoles: auditLog.actorRoles,
      apiTokenId: auditLog.apiTokenId,
      action: auditLog.action,
      recordType: auditLog.recordType,
      recordId: auditLog.recordId,
      subjectUserId: auditLog.subjectUserId,
      subjectDisplayName: subjectUser.displayName,
      subjectPersonId: auditLog.subjectPersonId,
      subjectUserIds: auditLog.subjectUserIds,
      /** The names of the users a view showed, in the order of the array. */
      subjectUserNames: sql<
        string[]
      >`array(select coalesce(su.display_name, s.id::text) from unnest(${auditLog.subjectUserIds}) with ordinality s(id, n) left join ${users} su on su.id = s.id order by s.n)`,
      subjectPersonIds: auditLog.subjectPersonIds,
      ip: auditLog.ip,
      reason: auditLog.reason,
      detail: auditLog.detail,
    })
    .from(auditLog)
    .leftJoin(actorUser, eq(actorUser.id, auditLog.actorUserId))
    .leftJoin(subjectUser, eq(subjectUser.id, auditLog.subjectUserId))
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(page.limit)
    .offset(page.offset ?? 0);
}

export async function countAuditEntries(db: DbOrTx, scope: LogScope, filter: AuditFilter): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(auditWhere(scope, filter));
  return row?.n ?? 0;
}

/** The action codes written in the period (codes carry no personal data, so no scope is needed). */
export async function actionsInPeriod(db: DbOrTx, from: string, to: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ action: auditLog.action })
    .from(auditLog)
    .where(inPeriod(auditLog.at, from, to))
    .orderBy(asc(auditLog.action));
  return rows.map((r) => r.action);
}

/**
 * Whether a family member of the reviewer's municipality has this id (the person a reviewer asks
 * "who saw this person" about; nothing but the id is read).
 */
export async function personInMunicipality(db: DbOrTx, municipalityId: string, personId: string): Promise<boolean> {
  const rows = await db
    .select({ id: requestPersons.id })
    .from(requestPersons)
    .innerJoin(requests, eq(requests.id, requestPersons.requestId))
    .where(and(eq(requestPersons.id, personId), eq(requests.municipalityId, municipalityId)))
    .limit(1);
  return rows.length > 0;
}

/** The users a reviewer may filter by: the municipality's, or those of the manager's units. */
export async function usersInScope(db: DbOrTx, scope: LogScope) {
  const columns = { id: users.id, username: users.username, displayName: users.displayName, active: users.active };
  if (scope.kind === "municipality") {
    return db.select(columns).from(users).where(eq(users.municipalityId, scope.municipalityId));
  }
  if (scope.unitIds.length === 0) return [];
  return db
    .selectDistinct(columns)
    .from(users)
    .innerJoin(userUnits, eq(userUnits.userId, users.id))
    .where(inArray(userUnits.unitId, scope.unitIds));
}

// ---------------------------------------------------------------- the security log

/**
 * A security row belongs to the user it names (by id, or for a failed login by the username
 * typed). An administrator sees every row not tied to another municipality, including attempts
 * with no known user; a unit manager sees the rows of the users of the manager's units.
 */
function securityScope(scope: LogScope): SQL {
  const byUsername = sql`${securityLog.userId} is null and lower(u.username) = lower(${securityLog.username})`;
  if (scope.kind === "municipality") {
    return sql`not exists (select 1 from ${users} u where (u.id = ${securityLog.userId} or (${byUsername})) and u.municipality_id <> ${scope.municipalityId})`;
  }
  if (scope.unitIds.length === 0) return sql`false`;
  return sql`exists (select 1 from ${users} u join ${userUnits} uu on uu.user_id = u.id where (u.id = ${securityLog.userId} or (${byUsername})) and uu.unit_id = any(${unitIdArray(scope.unitIds)}))`;
}

function securityWhere(scope: LogScope, filter: SecurityFilter): SQL | undefined {
  const conditions = [securityScope(scope), inPeriod(securityLog.at, filter.from, filter.to)];
  if (filter.event) conditions.push(eq(securityLog.event, filter.event));
  return and(...conditions);
}

const securityUser = alias(users, "security_user");

export async function listSecurityEvents(db: DbOrTx, scope: LogScope, filter: SecurityFilter) {
  return db
    .select({
      id: securityLog.id,
      at: securityLog.at,
      userId: securityLog.userId,
      username: securityLog.username,
      displayName: securityUser.displayName,
      event: securityLog.event,
      action: securityLog.action,
      method: securityLog.method,
      route: securityLog.route,
      ip: securityLog.ip,
    })
    .from(securityLog)
    .leftJoin(securityUser, eq(securityUser.id, securityLog.userId))
    .where(securityWhere(scope, filter))
    .orderBy(desc(securityLog.at), desc(securityLog.id))
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize);
}

export async function countSecurityEvents(db: DbOrTx, scope: LogScope, filter: SecurityFilter): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(securityLog).where(securityWhere(scope, filter));
  return row?.n ?? 0;
}
