/**
 * A reviewed document against the round's review key, without a database: its kind must be one of
 * the key's, every question the key asks of that kind answered (yes / partly / no / not applicable)
 * and no other, the overall rating one of the key's options, the comment short. Messages are catalog keys.
 */

import { z } from "zod";
import type { FieldErrors } from "../../platform/errors.ts";
import { type AnswerValue, answerValues, type Content, questionsFor } from "../keys/index.ts";

export const COMMENT_MAX = 2000;

const answers = z
  .record(z.string(), z.string())
  .describe("Frågans nyckel → yes, partly, no eller not_applicable; varje fråga som nyckeln ställer för dokumenttypen, och inga andra");
const documentFields = {
  unitId: z.string().describe("Enheten där dokumentet skrevs (kommunens enhet, UUID)"),
  answers,
  overallRating: z.string().describe("Helhetsbedömningen: ett av nyckelns alternativ"),
  comment: z
    .string()
    .max(COMMENT_MAX, "audits.review.error.commentTooLong")
    .nullable()
    .optional()
    .describe("Frivillig kommentar, högst 2 000 tecken. Skriv inga namn eller personnummer."),
};
/** A reviewed document as the form and the API send it; the key decides what is asked (checkDocument). */
export const documentInput = z.object({
  documentKind: z.string().describe("Dokumenttypen: en av nyckelns dokumenttyper"),
  ...documentFields,
});
export const documentUpdateInput = z.object({
  ...documentFields,
  version: z.number().int().min(1).describe("Dokumentets version som senast lästes"),
});

export interface DocumentInput {
  documentKind: string;
  unitId: string;
  /** Question key → answer. */
  answers: Record<string, string>;
  overallRating: string;
  comment?: string | null;
}

export interface CheckedDocument {
  documentKind: string;
  unitId: string;
  answers: Array<{ questionKey: string; answer: AnswerValue }>;
  overallRating: string;
  comment: string | null;
}

/** The form field of a question's answer. */
export const answerField = (questionKey: string) => `answers.${questionKey}`;

const isAnswer = (v: string): v is AnswerValue => (answerValues as readonly string[]).includes(v);

/**
 * The document checked against the key, or the problems per field. `unitIds` are the
 * municipality's units a document may have been written at.
 */
export function checkDocument(
  content: Content,
  input: DocumentInput,
  unitIds: ReadonlySet<string>,
): { ok: true; document: CheckedDocument } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const kind = content.documentKinds.find((k) => k.key === input.documentKind.trim());
  if (!kind) errors.documentKind = "audits.review.error.kind";
  const unitId = input.unitId.trim();
  if (!unitId) errors.unitId = "audits.review.error.unitRequired";
  else if (!unitIds.has(unitId)) errors.unitId = "audits.review.error.unit";

  const answers: CheckedDocument["answers"] = [];
  if (kind) {
    const asked = questionsFor(content, kind.key);
    const askedKeys = new Set(asked.map((q) => q.key));
    for (const q of asked) {
      const value = (input.answers[q.key] ?? "").trim();
      if (!value) errors[answerField(q.key)] = "audits.review.error.answerRequired";
      else if (!isAnswer(value)) errors[answerField(q.key)] = "audits.review.error.answer";
      else answers.push({ questionKey: q.key, answer: value });
    }
    for (const key of Object.keys(input.answers)) {
      if (!askedKeys.has(key)) errors[answerField(key)] = "audits.review.error.notAsked";
    }
  }

  const rating = input.overallRating.trim();
  if (!rating) errors.overallRating = "audits.review.error.ratingRequired";
  else if (!content.overall.options.some((o) => o.key === rating)) errors.overallRating = "audits.review.error.rating";

  const comment = (input.comment ?? "").trim();
  if (comment.length > COMMENT_MAX) errors.comment = "audits.review.error.commentTooLong";

  if (Object.keys(errors).length > 0 || !kind) return { ok: false, errors };
  return { ok: true, document: { documentKind: kind.key, unitId, answers, overallRating: rating, comment: comment || null } };
}
