/** The counts of an audit round's results, aggregated in SQL: documents per kind, answers, ratings, and the comments. */
import { and, asc, eq, isNotNull, sql } from "drizzle-orm";
import { auditAnswers, auditDocuments, auditFocusFamilies, municipalities } from "../../db/schema/index.ts";
import type { DbOrTx } from "../../platform/database.ts";
import type { AnswerCount, CommentRow, KindCount, RatingCount } from "./model.ts";

const ofRound = (roundId: string) => eq(auditFocusFamilies.roundId, roundId);

export function kindCounts(db: DbOrTx, roundId: string): Promise<KindCount[]> {
  return db
    .select({ documentKind: auditDocuments.documentKind, n: sql<number>`count(*)::int` })
    .from(auditDocuments)
    .innerJoin(auditFocusFamilies, eq(auditFocusFamilies.id, auditDocuments.focusFamilyId))
    .where(ofRound(roundId))
    .groupBy(auditDocuments.documentKind);
}

export function answerCounts(db: DbOrTx, roundId: string): Promise<AnswerCount[]> {
  return db
    .select({
      documentKind: auditDocuments.documentKind,
      questionKey: auditAnswers.questionKey,
      answer: auditAnswers.answer,
      n: sql<number>`count(*)::int`,
    })
    .from(auditAnswers)
    .innerJoin(auditDocuments, eq(auditDocuments.id, auditAnswers.documentId))
    .innerJoin(auditFocusFamilies, eq(auditFocusFamilies.id, auditDocuments.focusFamilyId))
    .where(ofRound(roundId))
    .groupBy(auditDocuments.documentKind, auditAnswers.questionKey, auditAnswers.answer);
}

export async function ratingCounts(db: DbOrTx, roundId: string): Promise<RatingCount[]> {
  const rows = await db
    .select({ documentKind: auditDocuments.documentKind, rating: auditDocuments.overallRating, n: sql<number>`count(*)::int` })
    .from(auditDocuments)
    .innerJoin(auditFocusFamilies, eq(auditFocusFamilies.id, auditDocuments.focusFamilyId))
    .where(and(ofRound(roundId), isNotNull(auditDocuments.overallRating)))
    .groupBy(auditDocuments.documentKind, auditDocuments.overallRating);
  return rows.map((r) => ({ ...r, rating: r.rating ?? "" }));
}

/** The comments with the document's kind and id only: no family, no reviewer. */
export async function comments(db: DbOrTx, roundId: string): Promise<CommentRow[]> {
  const rows = await db
    .select({ documentId: auditDocuments.id, documentKind: auditDocuments.documentKind, comment: auditDocuments.comment })
    .from(auditDocuments)
    .innerJoin(auditFocusFamilies, eq(auditFocusFamilies.id, auditDocuments.focusFamilyId))
    .where(and(ofRound(roundId), isNotNull(auditDocuments.comment)))
    .orderBy(asc(auditDocuments.id));
  return rows.map((r) => ({ ...r, comment: r.comment ?? "" }));
}

export async function minGroupSize(db: DbOrTx, municipalityId: string): Promise<number> {
  const [row] = await db.select({ n: municipalities.minGroupSize }).from(municipalities).where(eq(municipalities.id, municipalityId));
  return row?.n ?? 5;
}
