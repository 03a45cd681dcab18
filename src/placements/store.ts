/** Drizzle queries of placements and the placement forum, nothing else. */
import { and, asc, desc, eq, inArray, isNull, lt, type SQL, sql } from "drizzle-orm";
import {
  placedChildren,
  placementForumActions,
  placementForumAttendees,
  placementForumReviews,
  placementForums,
  placements,
  requestPersons,
  requests,
  units,
  userRoles,
  users,
  userUnits,
} from "../db/schema/index.ts";
import type { DbOrTx } from "../platform/database.ts";
import type { ActionSubject, EndDestination, LegalBasis, PlacementKind } from "./model.ts";

/**
 * Who may see a placed child (need-to-know): the whole municipality, or the reader's units'
 * children, the children they are the responsible caseworker of, and the Sofia children of
 * families whose process the reader may see (`processes`: the processes module's predicate over
 * the `processes` table, through its front door).
 */
export type ChildVisibility = { all: true } | { all: false; userId: string; unitIds: string[]; processes: SQL | null };

export function visibleChildren(municipalityId: string, v: ChildVisibility): SQL {
  const inMunicipality = sql`${placedChildren.municipalityId} = ${municipalityId}`;
  if (v.all) return inMunicipality;
  const byUnit = v.unitIds.length === 0 ? sql`false` : sql`${placedChildren.unitId} in ${v.unitIds}`;
  const byProcess = v.processes
    ? sql`(${placedChildren.requestPersonId} is not null and exists (select 1 from processes join request_persons vrp on vrp.request_id = processes.request_id where vrp.id = ${placedChildren.requestPersonId} and ${v.processes}))`
    : sql`false`;
  return sql`(${inMunicipality} and (${byUnit} or ${placedChildren.caseworkerId} = ${v.userId} or ${byProcess}))`;
}

const childColumns = {
  id: placedChildren.id,
  unitId: placedChildren.unitId,
  unitName: units.name,
  caseworkerId: placedChildren.caseworkerId,
  caseworkerName: sql<string | null>`(select u.display_name from users u where u.id = ${placedChildren.caseworkerId})`,
  requestPersonId: placedChildren.requestPersonId,
  requestId: requestPersons.requestId,
  processId: sql<string | null>`(select p.id from processes p where p.request_id = ${requestPersons.requestId})`,
  name: sql<string>`coalesce(${placedChildren.name}, ${requestPersons.name})`,
  birthDate: sql<string>`coalesce(${placedChildren.birthDate}, ${requestPersons.birthDate})::text`,
  identityNumberSealed: sql<string | null>`coalesce(${placedChildren.identityNumberSealed}, ${requestPersons.identityNumberSealed})`,
  version: placedChildren.version,
};

export interface ChildRow {
  id: string;
  unitId: string;
  unitName: string;
  caseworkerId: string | null;
  caseworkerName: string | null;
  requestPersonId: string | null;
  requestId: string | null;
  processId: string | null;
  name: string;
  birthDate: string;
  identityNumberSealed: string | null;
  version: number;
}

function childQuery(db: DbOrTx) {
  return db
    .select(childColumns)
    .from(placedChildren)
    .innerJoin(units, eq(units.id, placedChildren.unitId))
    .leftJoin(requestPersons, eq(requestPersons.id, placedChildren.requestPersonId));
}

/** The placed children the reader may see, in name order; optionally one unit's. */
export async function childrenOf(
  db: DbOrTx,
  municipalityId: string,
  v: ChildVisibility,
  only: { unitId?: string; requestPersonIds?: string[] } = {},
): Promise<ChildRow[]> {
  const where = [visibleChildren(municipalityId, v)];
  if (only.unitId) where.push(eq(placedChildren.unitId, only.unitId));
  if (only.requestPersonIds) where.push(inArray(placedChildren.requestPersonId, only.requestPersonIds));
  return (await childQuery(db)
    .where(and(...where))
    .orderBy(sql`coalesce(${placedChildren.name}, ${requestPersons.name})`, asc(placedChildren.id))) as ChildRow[];
}

export async function child(db: DbOrTx, municipalityId: string, v: ChildVisibility, id: string): Promise<ChildRow | undefined> {
  const [row] = await childQuery(db).where(and(eq(placedChildren.id, id), visibleChildren(municipalityId, v)));
  return row as ChildRow | undefined;
}

/** Locks the child's row for the rest of the transaction (placements never overlap: checked under it). */
export async function lockChild(db: DbOrTx, id: string): Promise<{ id: string; version: number } | undefined> {
  const [row] = await db
    .select({ id: placedChildren.id, version: placedChildren.version })
    .from(placedChildren)
    .where(eq(placedChildren.id, id))
    .for("update");
  return row;
}

export async function childOfRequestPerson(db: DbOrTx, requestPersonId: string): Promise<string | undefined> {
  const [row] = await db.select({ id: placedChildren.id }).from(placedChildren).where(eq(placedChildren.requestPersonId, requestPersonId));
  return row?.id;
}

export async function insertChild(db: DbOrTx, values: typeof placedChildren.$inferInsert): Promise<string> {
  const [row] = await db.insert(placedChildren).values(values).returning({ id: placedChildren.id });
  if (!row) throw new Error("placed child not inserted");
  return row.id;
}

export async function bumpChild(db: DbOrTx, id: string): Promise<void> {
  await db
    .update(placedChildren)
    .set({ version: sql`${placedChildren.version} + 1`, updatedAt: sql`now()` })
    .where(eq(placedChildren.id, id));
}

/** A child of a Sofia family as the request holds them, with the request's municipality. */
export async function requestChild(db: DbOrTx, requestPersonId: string) {
  const [row] = await db
    .select({
      id: requestPersons.id,
      kind: requestPersons.kind,
      name: requestPersons.name,
      unitId: requestPersons.unitId,
      requestId: requestPersons.requestId,
      municipalityId: requests.municipalityId,
    })
    .from(requestPersons)
    .innerJoin(requests, eq(requests.id, requestPersons.requestId))
    .where(eq(requestPersons.id, requestPersonId));
  return row;
}

/** Whether a process of the request is visible by the processes module's predicate. */
export async function requestVisible(db: DbOrTx, requestId: string, processes: SQL | null): Promise<boolean> {
  if (!processes) return false;
  const rows = await db.execute<{ ok: boolean }>(
    sql`select exists (select 1 from processes where processes.request_id = ${requestId} and ${processes}) as ok`,
  );
  return rows.rows[0]?.ok === true;
}

/** The request's guardians (the parents the forum plans for), with whether they have a substance problem. */
export async function guardiansOf(db: DbOrTx, requestIds: string[]) {
  if (requestIds.length === 0) return [];
  return db
    .select({
      id: requestPersons.id,
      requestId: requestPersons.requestId,
      name: requestPersons.name,
      substanceProblem: requestPersons.substanceProblem,
    })
    .from(requestPersons)
    .where(and(inArray(requestPersons.requestId, requestIds), eq(requestPersons.kind, "guardian")))
    .orderBy(asc(requestPersons.position));
}

// ---- Placements ----

export interface PlacementRow {
  id: string;
  placedChildId: string;
  kind: PlacementKind;
  legalBasis: LegalBasis;
  startDate: string;
  plannedEndDate: string | null;
  endDate: string | null;
  endDestination: EndDestination | null;
  returnHomePlan: string | null;
  version: number;
}

const placementColumns = {
  id: placements.id,
  placedChildId: placements.placedChildId,
  kind: placements.kind,
  legalBasis: placements.legalBasis,
  startDate: placements.startDate,
  plannedEndDate: placements.plannedEndDate,
  endDate: placements.endDate,
  endDestination: placements.endDestination,
  returnHomePlan: placements.returnHomePlan,
  version: placements.version,
};

export async function placementsOf(db: DbOrTx, childIds: string[]): Promise<PlacementRow[]> {
  if (childIds.length === 0) return [];
  return (await db
    .select(placementColumns)
    .from(placements)
    .where(inArray(placements.placedChildId, childIds))
    .orderBy(desc(placements.startDate))) as PlacementRow[];
}

export async function placement(db: DbOrTx, id: string): Promise<PlacementRow | undefined> {
  const [row] = await db.select(placementColumns).from(placements).where(eq(placements.id, id));
  return row as PlacementRow | undefined;
}

export type PlacementValues = Omit<PlacementRow, "id" | "placedChildId" | "version">;

export async function insertPlacement(db: DbOrTx, placedChildId: string, createdBy: string, values: PlacementValues): Promise<string> {
  const [row] = await db
    .insert(placements)
    .values({ placedChildId, createdBy, ...values })
    .returning({ id: placements.id });
  if (!row) throw new Error("placement not inserted");
  return row.id;
}

export async function updatePlacement(db: DbOrTx, id: string, version: number, values: Partial<PlacementValues>): Promise<boolean> {
  const rows = await db
    .update(placements)
    .set({ ...values, version: sql`${placements.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(placements.id, id), eq(placements.version, version)))
    .returning({ id: placements.id });
  return rows.length === 1;
}

// ---- Staff and units ----

/** The municipality's active family units (child_youth). */
export function familyUnits(db: DbOrTx, municipalityId: string) {
  return db
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(and(eq(units.municipalityId, municipalityId), eq(units.kind, "child_youth"), eq(units.active, true)))
    .orderBy(asc(units.name));
}

/** The active staff of the units (caseworkers, managers), each once, by name. */
export async function staffOf(db: DbOrTx, municipalityId: string, unitIds: string[]) {
  if (unitIds.length === 0) return [];
  return db
    .selectDistinct({ id: users.id, name: users.displayName })
    .from(users)
    .innerJoin(userUnits, eq(userUnits.userId, users.id))
    .where(and(eq(users.municipalityId, municipalityId), eq(users.active, true), inArray(userUnits.unitId, unitIds)))
    .orderBy(asc(users.displayName));
}

/** The active process leaders of the municipality (they may be responsible for a next step too). */
export function leadersOf(db: DbOrTx, municipalityId: string) {
  return db
    .selectDistinct({ id: users.id, name: users.displayName })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(eq(users.municipalityId, municipalityId), eq(users.active, true), eq(userRoles.role, "process_leader")))
    .orderBy(asc(users.displayName));
}

/** The unit's unit manager (the first by name), who convenes the forum by default. */
export async function unitManagerOf(db: DbOrTx, unitId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .innerJoin(userUnits, eq(userUnits.userId, users.id))
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(eq(userUnits.unitId, unitId), eq(userRoles.role, "unit_manager"), eq(users.active, true)))
    .orderBy(asc(users.displayName))
    .limit(1);
  return row?.id;
}

// ---- Forums ----

export interface ForumRow {
  id: string;
  unitId: string;
  unitName: string;
  forumDate: string;
  convenedBy: string;
  convenerName: string;
  heldAt: Date | null;
  version: number;
}

const forumColumns = {
  id: placementForums.id,
  unitId: placementForums.unitId,
  unitName: units.name,
  forumDate: placementForums.forumDate,
  convenedBy: placementForums.convenedBy,
  convenerName: users.displayName,
  heldAt: placementForums.heldAt,
  version: placementForums.version,
};

function forumQuery(db: DbOrTx) {
  return db
    .select(forumColumns)
    .from(placementForums)
    .innerJoin(units, eq(units.id, placementForums.unitId))
    .innerJoin(users, eq(users.id, placementForums.convenedBy));
}

/** The forums of the units (all the municipality's when `unitIds` is null), newest first. */
export async function forumsOf(db: DbOrTx, municipalityId: string, unitIds: string[] | null): Promise<ForumRow[]> {
  const where = [eq(placementForums.municipalityId, municipalityId)];
  if (unitIds !== null) where.push(unitIds.length === 0 ? sql`false` : inArray(placementForums.unitId, unitIds));
  return (await forumQuery(db)
    .where(and(...where))
    .orderBy(desc(placementForums.forumDate))) as ForumRow[];
}

export async function forum(db: DbOrTx, municipalityId: string, id: string): Promise<ForumRow | undefined> {
  const [row] = await forumQuery(db).where(and(eq(placementForums.municipalityId, municipalityId), eq(placementForums.id, id)));
  return row as ForumRow | undefined;
}

export async function lockForum(db: DbOrTx, id: string) {
  const [row] = await db
    .select({ id: placementForums.id, version: placementForums.version, heldAt: placementForums.heldAt })
    .from(placementForums)
    .where(eq(placementForums.id, id))
    .for("update");
  return row;
}

export async function insertForum(db: DbOrTx, values: typeof placementForums.$inferInsert): Promise<string> {
  const [row] = await db.insert(placementForums).values(values).returning({ id: placementForums.id });
  if (!row) throw new Error("forum not inserted");
  return row.id;
}

export async function bumpForum(db: DbOrTx, id: string, version: number, values: { heldAt?: Date }): Promise<boolean> {
  const rows = await db
    .update(placementForums)
    .set({ ...values, version: sql`${placementForums.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(placementForums.id, id), eq(placementForums.version, version)))
    .returning({ id: placementForums.id });
  return rows.length === 1;
}

export function attendeesOf(db: DbOrTx, forumId: string) {
  return db
    .select({ id: users.id, name: users.displayName })
    .from(placementForumAttendees)
    .innerJoin(users, eq(users.id, placementForumAttendees.userId))
    .where(eq(placementForumAttendees.forumId, forumId))
    .orderBy(asc(users.displayName));
}

export async function replaceAttendees(db: DbOrTx, forumId: string, userIds: string[]): Promise<void> {
  await db.delete(placementForumAttendees).where(eq(placementForumAttendees.forumId, forumId));
  if (userIds.length > 0) await db.insert(placementForumAttendees).values(userIds.map((userId) => ({ forumId, userId })));
}

// ---- Reviews and next steps ----

export interface ReviewRow {
  id: string;
  forumId: string;
  forumDate: string;
  placedChildId: string;
  placementId: string;
  decision: string;
}

export interface ActionRow {
  id: string;
  reviewId: string;
  subject: ActionSubject;
  guardianId: string | null;
  guardianName: string | null;
  parentLabel: string | null;
  action: string;
  support: string | null;
  responsibleId: string;
  responsibleName: string;
  dueDate: string;
  doneOn: string | null;
  version: number;
}

const reviewColumns = {
  id: placementForumReviews.id,
  forumId: placementForumReviews.forumId,
  forumDate: placementForums.forumDate,
  placedChildId: placementForumReviews.placedChildId,
  placementId: placementForumReviews.placementId,
  decision: placementForumReviews.decision,
};

/** The reviews of the forum. */
export async function reviewsOfForum(db: DbOrTx, forumId: string): Promise<ReviewRow[]> {
  return (await db
    .select(reviewColumns)
    .from(placementForumReviews)
    .innerJoin(placementForums, eq(placementForums.id, placementForumReviews.forumId))
    .where(eq(placementForumReviews.forumId, forumId))) as ReviewRow[];
}

/** Each child's latest review at a forum of the same unit dated before `before`. */
export async function previousReviews(db: DbOrTx, childIds: string[], before: string): Promise<ReviewRow[]> {
  if (childIds.length === 0) return [];
  return (await db
    .selectDistinctOn([placementForumReviews.placedChildId], reviewColumns)
    .from(placementForumReviews)
    .innerJoin(placementForums, eq(placementForums.id, placementForumReviews.forumId))
    .where(and(inArray(placementForumReviews.placedChildId, childIds), lt(placementForums.forumDate, before)))
    .orderBy(placementForumReviews.placedChildId, desc(placementForums.forumDate))) as ReviewRow[];
}

/** Every review of the children (for a child's page), newest first. */
export async function reviewsOfChildren(db: DbOrTx, childIds: string[]): Promise<ReviewRow[]> {
  if (childIds.length === 0) return [];
  return (await db
    .select(reviewColumns)
    .from(placementForumReviews)
    .innerJoin(placementForums, eq(placementForums.id, placementForumReviews.forumId))
    .where(inArray(placementForumReviews.placedChildId, childIds))
    .orderBy(desc(placementForums.forumDate))) as ReviewRow[];
}

export async function actionsOf(db: DbOrTx, reviewIds: string[]): Promise<ActionRow[]> {
  if (reviewIds.length === 0) return [];
  return (await db
    .select({
      id: placementForumActions.id,
      reviewId: placementForumActions.reviewId,
      subject: placementForumActions.subject,
      guardianId: placementForumActions.guardianId,
      guardianName: requestPersons.name,
      parentLabel: placementForumActions.parentLabel,
      action: placementForumActions.action,
      support: placementForumActions.support,
      responsibleId: placementForumActions.responsibleId,
      responsibleName: users.displayName,
      dueDate: placementForumActions.dueDate,
      doneOn: placementForumActions.doneOn,
      version: placementForumActions.version,
    })
    .from(placementForumActions)
    .innerJoin(users, eq(users.id, placementForumActions.responsibleId))
    .leftJoin(requestPersons, eq(requestPersons.id, placementForumActions.guardianId))
    .where(inArray(placementForumActions.reviewId, reviewIds))
    .orderBy(asc(placementForumActions.dueDate), asc(placementForumActions.id))) as ActionRow[];
}

export async function insertReview(
  db: DbOrTx,
  values: { forumId: string; placedChildId: string; placementId: string; decision: string; createdBy: string },
  actions: Array<Omit<typeof placementForumActions.$inferInsert, "reviewId">>,
): Promise<string> {
  const [row] = await db.insert(placementForumReviews).values(values).returning({ id: placementForumReviews.id });
  if (!row) throw new Error("review not inserted");
  if (actions.length > 0) await db.insert(placementForumActions).values(actions.map((a) => ({ ...a, reviewId: row.id })));
  return row.id;
}

export async function reviewExists(db: DbOrTx, forumId: string, childId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: placementForumReviews.id })
    .from(placementForumReviews)
    .where(and(eq(placementForumReviews.forumId, forumId), eq(placementForumReviews.placedChildId, childId)));
  return !!row;
}

/** A next step with the child it concerns (for the need-to-know check). */
export async function actionWithChild(db: DbOrTx, id: string) {
  const [row] = await db
    .select({
      id: placementForumActions.id,
      version: placementForumActions.version,
      doneOn: placementForumActions.doneOn,
      placedChildId: placementForumReviews.placedChildId,
      forumId: placementForumReviews.forumId,
    })
    .from(placementForumActions)
    .innerJoin(placementForumReviews, eq(placementForumReviews.id, placementForumActions.reviewId))
    .where(eq(placementForumActions.id, id));
  return row;
}

export async function markActionDone(db: DbOrTx, id: string, version: number, doneOn: string): Promise<boolean> {
  const rows = await db
    .update(placementForumActions)
    .set({ doneOn, version: sql`${placementForumActions.version} + 1` })
    .where(and(eq(placementForumActions.id, id), eq(placementForumActions.version, version), isNull(placementForumActions.doneOn)))
    .returning({ id: placementForumActions.id });
  return rows.length === 1;
}

/** The placed children of the unit with a placement going on at the date (the forum's agenda). */
export async function placedAt(db: DbOrTx, unitId: string, on: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: placements.placedChildId })
    .from(placements)
    .innerJoin(placedChildren, eq(placedChildren.id, placements.placedChildId))
    .where(
      and(
        eq(placedChildren.unitId, unitId),
        sql`${placements.startDate} <= ${on}`,
        sql`(${placements.endDate} is null or ${placements.endDate} >= ${on})`,
      ),
    );
  return rows.map((r) => r.id);
}
