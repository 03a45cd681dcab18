/** Queries of the reviewing: a round's focus family, the names a reviewer needs, the reviewed documents and their answers. */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { auditAnswers, auditDocuments, auditFocusFamilies, processes, requestPersons, units, users } from "../../db/schema/index.ts";
import type { DbOrTx } from "../../platform/database.ts";

export function familiesOf(db: DbOrTx, roundId: string) {
  return db
    .select({
      id: auditFocusFamilies.id,
      code: auditFocusFamilies.code,
      processId: auditFocusFamilies.processId,
      requestId: processes.requestId,
      documents: sql<number>`(select count(*)::int from ${auditDocuments} d where d.focus_family_id = "audit_focus_families"."id")`,
    })
    .from(auditFocusFamilies)
    .innerJoin(processes, eq(processes.id, auditFocusFamilies.processId))
    .where(eq(auditFocusFamilies.roundId, roundId))
    .orderBy(asc(auditFocusFamilies.code));
}
export type FocusFamilyRow = Awaited<ReturnType<typeof familiesOf>>[number];

export async function family(db: DbOrTx, roundId: string, id: string) {
  const rows = await familiesOf(db, roundId);
  return rows.find((f) => f.id === id);
}

/** Guardians first, then children: only what finds the family in the journal system (name, birth date). */
export function personsOf(db: DbOrTx, requestIds: string[]) {
  if (requestIds.length === 0) return Promise.resolve([]);
  return db
    .select({
      id: requestPersons.id,
      requestId: requestPersons.requestId,
      kind: requestPersons.kind,
      name: requestPersons.name,
      birthDate: requestPersons.birthDate,
    })
    .from(requestPersons)
    .where(inArray(requestPersons.requestId, requestIds))
    .orderBy(sql`${requestPersons.kind} = 'child'`, asc(requestPersons.position));
}
export type PersonRow = Awaited<ReturnType<typeof personsOf>>[number];

export function activeUnits(db: DbOrTx, municipalityId: string) {
  return db
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(and(eq(units.municipalityId, municipalityId), eq(units.active, true)))
    .orderBy(asc(units.name));
}

const documentColumns = {
  id: auditDocuments.id,
  documentKind: auditDocuments.documentKind,
  unitId: auditDocuments.unitId,
  unitName: units.name,
  overallRating: auditDocuments.overallRating,
  comment: auditDocuments.comment,
  reviewedBy: users.displayName,
  version: auditDocuments.version,
  createdAt: auditDocuments.createdAt,
  updatedAt: auditDocuments.updatedAt,
};

export function documentsOf(db: DbOrTx, familyId: string) {
  return db
    .select(documentColumns)
    .from(auditDocuments)
    .innerJoin(users, eq(users.id, auditDocuments.reviewedBy))
    .leftJoin(units, eq(units.id, auditDocuments.unitId))
    .where(eq(auditDocuments.focusFamilyId, familyId))
    .orderBy(asc(auditDocuments.createdAt), auditDocuments.id);
}
export type DocumentRow = Awaited<ReturnType<typeof documentsOf>>[number];

export function answersOf(db: DbOrTx, documentIds: string[]) {
  if (documentIds.length === 0) return Promise.resolve([]);
  return db
    .select({ documentId: auditAnswers.documentId, questionKey: auditAnswers.questionKey, answer: auditAnswers.answer })
    .from(auditAnswers)
    .where(inArray(auditAnswers.documentId, documentIds));
}

export async function insertDocument(db: DbOrTx, values: typeof auditDocuments.$inferInsert) {
  const [row] = await db.insert(auditDocuments).values(values).returning({ id: auditDocuments.id, version: auditDocuments.version });
  if (!row) throw new Error("the document was not stored");
  return row;
}

/** Saves a document if it is still `version`; undefined when someone else saved first. */
export async function saveDocument(
  db: DbOrTx,
  familyId: string,
  id: string,
  version: number,
  values: { unitId: string; overallRating: string; comment: string | null },
) {
  const rows = await db
    .update(auditDocuments)
    .set({ ...values, version: sql`${auditDocuments.version} + 1`, updatedAt: new Date() })
    .where(and(eq(auditDocuments.id, id), eq(auditDocuments.focusFamilyId, familyId), eq(auditDocuments.version, version)))
    .returning({ version: auditDocuments.version });
  return rows[0];
}

export async function replaceAnswers(db: DbOrTx, documentId: string, answers: Array<{ questionKey: string; answer: string }>) {
  await db.delete(auditAnswers).where(eq(auditAnswers.documentId, documentId));
  if (answers.length > 0) await db.insert(auditAnswers).values(answers.map((a) => ({ documentId, ...a })));
}
