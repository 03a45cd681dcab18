/** Queries of the audit rounds: rounds, reviewers, focus families, and who and what may be chosen. Nothing else. */
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import {
  auditDocuments,
  auditFocusFamilies,
  auditRoundReviewers,
  auditRounds,
  processAssignments,
  processes,
  requests,
  reviewKeys,
  reviewKeyVersions,
  units,
  userRoles,
  users,
  userUnits,
} from "../../db/schema/index.ts";
import type { DbOrTx } from "../../platform/database.ts";
import { reviewerRoles } from "./model.ts";

const counted = {
  families: sql<number>`(select count(*)::int from ${auditFocusFamilies} f where f.round_id = "audit_rounds"."id")`,
  reviewers: sql<number>`(select count(*)::int from ${auditRoundReviewers} r where r.round_id = "audit_rounds"."id")`,
  documents: sql<number>`(select count(*)::int from ${auditDocuments} d join ${auditFocusFamilies} f on f.id = d.focus_family_id where f.round_id = "audit_rounds"."id")`,
};

const roundColumns = {
  id: auditRounds.id,
  name: auditRounds.name,
  status: auditRounds.status,
  reviewKeyVersionId: auditRounds.reviewKeyVersionId,
  keyName: reviewKeys.name,
  keyRef: reviewKeys.key,
  keyVersion: reviewKeyVersions.number,
  createdAt: auditRounds.createdAt,
  closedAt: auditRounds.closedAt,
  version: auditRounds.version,
  ...counted,
};

/** The municipality's rounds (or only those `reviewerId` is appointed to), newest first. */
export function roundsOf(db: DbOrTx, municipalityId: string, opts: { reviewerId?: string; userId: string }) {
  return db
    .select({
      ...roundColumns,
      isReviewer: sql<boolean>`exists (select 1 from ${auditRoundReviewers} r where r.round_id = "audit_rounds"."id" and r.user_id = ${opts.userId})`,
    })
    .from(auditRounds)
    .innerJoin(reviewKeyVersions, eq(reviewKeyVersions.id, auditRounds.reviewKeyVersionId))
    .innerJoin(reviewKeys, eq(reviewKeys.id, reviewKeyVersions.reviewKeyId))
    .where(
      and(
        eq(auditRounds.municipalityId, municipalityId),
        opts.reviewerId
          ? sql`${auditRounds.id} in (select r.round_id from ${auditRoundReviewers} r where r.user_id = ${opts.reviewerId})`
          : undefined,
      ),
    )
    .orderBy(desc(auditRounds.createdAt), auditRounds.id);
}
export type RoundRow = Awaited<ReturnType<typeof roundsOf>>[number];

/** One round of the municipality with its key version's content; `lock` takes the row for an update. */
export async function round(db: DbOrTx, municipalityId: string, id: string, lock?: "update" | "share") {
  const q = db
    .select({ ...roundColumns, content: reviewKeyVersions.content })
    .from(auditRounds)
    .innerJoin(reviewKeyVersions, eq(reviewKeyVersions.id, auditRounds.reviewKeyVersionId))
    .innerJoin(reviewKeys, eq(reviewKeys.id, reviewKeyVersions.reviewKeyId))
    .where(and(eq(auditRounds.id, id), eq(auditRounds.municipalityId, municipalityId)));
  const [row] = lock ? await q.for(lock, { of: auditRounds }) : await q;
  return row;
}

export async function isReviewer(db: DbOrTx, roundId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: auditRoundReviewers.userId })
    .from(auditRoundReviewers)
    .where(and(eq(auditRoundReviewers.roundId, roundId), eq(auditRoundReviewers.userId, userId)));
  return row !== undefined;
}

const unitNames = sql<
  string[]
>`coalesce((select array_agg(un.name order by un.name) from ${userUnits} uu join ${units} un on un.id = uu.unit_id where uu.user_id = "users"."id"), '{}')`;

export function reviewersOf(db: DbOrTx, roundId: string) {
  return db
    .select({ id: users.id, name: users.displayName, units: unitNames })
    .from(auditRoundReviewers)
    .innerJoin(users, eq(users.id, auditRoundReviewers.userId))
    .where(eq(auditRoundReviewers.roundId, roundId))
    .orderBy(asc(users.displayName));
}

/** The municipality's active caseworkers, unit managers and process leaders, by name, with their units. */
export function reviewerCandidates(db: DbOrTx, municipalityId: string) {
  return db
    .select({ id: users.id, name: users.displayName, units: unitNames })
    .from(users)
    .where(
      and(
        eq(users.municipalityId, municipalityId),
        eq(users.active, true),
        sql`${users.id} in (select ur.user_id from ${userRoles} ur where ur.role in ${[...reviewerRoles]})`,
      ),
    )
    .orderBy(asc(users.displayName), users.id);
}
export type Person = Awaited<ReturnType<typeof reviewerCandidates>>[number];

const currentName = (role: string) =>
  sql<string | null>`(select u.display_name from ${processAssignments} a join ${users} u on u.id = a.user_id
    where a.process_id = "processes"."id" and a.role = ${role} and a.ended_on is null limit 1)`;

const processReference = {
  processId: processes.id,
  requestDate: requests.requestDate,
  status: processes.status,
  phase: processes.phase,
  childCaseworker: currentName("child_caseworker"),
  adultCaseworker: currentName("adult_caseworker"),
};

/** The municipality's processes as the process pages name them (request date, status, caseworkers): no family member's name. */
export function processCandidates(db: DbOrTx, municipalityId: string) {
  return db
    .select(processReference)
    .from(processes)
    .innerJoin(requests, eq(requests.id, processes.requestId))
    .where(eq(processes.municipalityId, municipalityId))
    .orderBy(desc(requests.requestDate), processes.id);
}
export type ProcessReference = Awaited<ReturnType<typeof processCandidates>>[number];

/** The focus families of a round by code, with their process's reference and the documents reviewed. */
export function familiesOf(db: DbOrTx, roundId: string) {
  return db
    .select({
      id: auditFocusFamilies.id,
      code: auditFocusFamilies.code,
      ...processReference,
      documents: sql<number>`(select count(*)::int from ${auditDocuments} d where d.focus_family_id = "audit_focus_families"."id")`,
    })
    .from(auditFocusFamilies)
    .innerJoin(processes, eq(processes.id, auditFocusFamilies.processId))
    .innerJoin(requests, eq(requests.id, processes.requestId))
    .where(eq(auditFocusFamilies.roundId, roundId))
    .orderBy(asc(auditFocusFamilies.code));
}
export type FamilyRow = Awaited<ReturnType<typeof familiesOf>>[number];

/** The codes of the round's focus families now (a removed family had no review, so its code may come back). */
export async function codesOf(db: DbOrTx, roundId: string): Promise<number[]> {
  const rows = await db.select({ code: auditFocusFamilies.code }).from(auditFocusFamilies).where(eq(auditFocusFamilies.roundId, roundId));
  return rows.map((r) => r.code);
}

/** Which of the ids are processes of the municipality. */
export async function processesIn(db: DbOrTx, municipalityId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: processes.id })
    .from(processes)
    .where(and(eq(processes.municipalityId, municipalityId), inArray(processes.id, ids)));
  return new Set(rows.map((r) => r.id));
}

export async function insertRound(db: DbOrTx, values: typeof auditRounds.$inferInsert) {
  const [row] = await db.insert(auditRounds).values(values).returning({ id: auditRounds.id, version: auditRounds.version });
  if (!row) throw new Error("the round was not stored");
  return row;
}

/** Bumps the version of an open round if it is still `version`; false when someone else saved first. */
export async function saveRound(db: DbOrTx, id: string, version: number, values: { name?: string; status?: string; closedAt?: Date }) {
  const rows = await db
    .update(auditRounds)
    .set({ ...values, version: sql`${auditRounds.version} + 1`, updatedAt: new Date() })
    .where(and(eq(auditRounds.id, id), eq(auditRounds.version, version), eq(auditRounds.status, "open")))
    .returning({ version: auditRounds.version });
  return rows[0];
}

export async function addReviewers(db: DbOrTx, roundId: string, userIds: string[]) {
  if (userIds.length > 0) await db.insert(auditRoundReviewers).values(userIds.map((userId) => ({ roundId, userId })));
}

export async function removeReviewers(db: DbOrTx, roundId: string, userIds: string[]) {
  if (userIds.length > 0)
    await db.delete(auditRoundReviewers).where(and(eq(auditRoundReviewers.roundId, roundId), inArray(auditRoundReviewers.userId, userIds)));
}

export async function addFamilies(db: DbOrTx, roundId: string, families: Array<{ processId: string; code: number }>) {
  if (families.length > 0) await db.insert(auditFocusFamilies).values(families.map((f) => ({ roundId, ...f })));
}

export async function removeFamilies(db: DbOrTx, roundId: string, processIds: string[]) {
  if (processIds.length > 0)
    await db
      .delete(auditFocusFamilies)
      .where(and(eq(auditFocusFamilies.roundId, roundId), inArray(auditFocusFamilies.processId, processIds)));
}

export function uniqueViolation(error: unknown): string | null {
  for (let e = error as { code?: string; constraint?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === "23505") return e.constraint ?? "";
  }
  return null;
}
