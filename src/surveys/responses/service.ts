/**
 * Storing survey answers: the one service function every way of answering uses (the kiosk, a
 * link, a paper form typed in by staff). Every answer is checked against the instrument version
 * with validateAnswer before anything is stored; a submission key makes a retry or a double tap
 * store once; a partial response is kept and completed later with the same key.
 */
import type { AgeBand } from "../../families/index.ts";
import type { DbOrTx } from "../../platform/database.ts";
import { calendarDateInSweden } from "../../platform/dates.ts";
import { ConflictError, type FieldErrors, ValidationError } from "../../platform/errors.ts";
import { type Content, DONT_KNOW, validateAnswer } from "../model.ts";
import * as store from "./store.ts";

export const respondentRoles = ["parent_with_problem", "parent_without_problem", "child", "staff", "parent"] as const;
export type RespondentRole = (typeof respondentRoles)[number];

export const answerModes = ["kiosk", "link", "paper"] as const;
export type AnswerMode = (typeof answerModes)[number];

/** One item as submitted: a value on the scale, "don't know", or nothing (not answered, not stored). */
export interface AnswerInput {
  itemKey: string;
  value: number | null;
  dontKnow: boolean;
}

export interface ResponseInput {
  municipalityId: string;
  instrumentVersionId: string;
  /** The published content of that version: what the answers are checked against. */
  content: Content;
  meetingId: string | null;
  processId: string | null;
  respondentRole: RespondentRole;
  ageBand: AgeBand | null;
  mode: AnswerMode;
  submissionKey: string;
  answers: AnswerInput[];
  /** Whether the respondent is done; a partial response is kept and completed later with the same key. */
  complete: boolean;
  /** The staff member who typed in a paper form; null for the family's own answers. */
  recordedBy: string | null;
  /** When it is entered (the clock's now): kept for the audit, never the answer's period. */
  submittedAt: Date;
  /**
   * The day a campaign's answer belongs to; the day of submittedAt in Sweden when not given. An
   * answer after a meeting always belongs to its meeting's held date (decision 0046), whatever is given here.
   */
  periodOn?: string;
  /**
   * The meeting's day (held, else planned) when the caller read it already, with the invitation
   * (links' `lockByToken`): saves reading it again. Left out: read here.
   */
  meetingOn?: string | null;
  /** The annual campaign the answer is given in; none after a meeting. */
  campaignId?: string | null;
}

export interface RecordedResponse {
  id: string;
  /** False when the submission key was used before: a retry stores nothing new. */
  created: boolean;
  complete: boolean;
}

/** The field of an item's answer, on a form and in problem+json. */
export const answerField = (itemKey: string) => `answers.${itemKey}`;

/**
 * Checks every submitted answer against the instrument: an unknown item, a value outside the
 * scale, "don't know" where the scale does not allow it, a value together with "don't know", or an
 * item given twice is a field error for that item. Unanswered items are left out.
 */
export function checkAnswers(content: Content, answers: AnswerInput[]): { errors: FieldErrors; answers: store.StoredAnswer[] } {
  const errors: FieldErrors = {};
  const stored: store.StoredAnswer[] = [];
  const seen = new Set<string>();
  for (const a of answers) {
    const field = answerField(a.itemKey);
    if (seen.has(a.itemKey)) {
      errors[field] = "responses.error.duplicateAnswer";
      continue;
    }
    seen.add(a.itemKey);
    if (a.dontKnow && a.value !== null) {
      errors[field] = "responses.error.valueAndDontKnow";
      continue;
    }
    if (!a.dontKnow && a.value === null) {
      const known = validateAnswer(content, a.itemKey, DONT_KNOW);
      if (!known.ok && known.error === "surveys.error.unknownItem") errors[field] = known.error;
      continue;
    }
    const check = validateAnswer(content, a.itemKey, a.dontKnow ? DONT_KNOW : a.value);
    if (!check.ok) errors[field] = check.error;
    else stored.push({ itemKey: a.itemKey, value: check.value, dontKnow: check.value === null });
  }
  return { errors, answers: stored };
}

/**
 * Stores one respondent's answers in the caller's transaction. Nothing is stored when any answer
 * is refused. A submission key seen before returns that response: a complete one is left as it
 * was; a partial one gets the new answers and, when complete, is marked so. A key of another
 * instrument, meeting or municipality is a conflict.
 */
export async function recordResponse(tx: DbOrTx, input: ResponseInput): Promise<RecordedResponse> {
  const { errors, answers } = checkAnswers(input.content, input.answers);
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  if (input.respondentRole !== "child" && input.ageBand !== null)
    throw new ValidationError({ ageBand: "responses.error.ageBandOnlyChild" });

  const periodOn = input.meetingId
    ? input.meetingOn !== undefined
      ? input.meetingOn
      : await store.meetingDate(tx, input.meetingId)
    : (input.periodOn ?? calendarDateInSweden(input.submittedAt));
  if (!periodOn) throw new ConflictError("responses.paper.notHeld", "_form");
  const inserted = await store.insertResponseWithAnswers(
    tx,
    {
      municipalityId: input.municipalityId,
      instrumentVersionId: input.instrumentVersionId,
      meetingId: input.meetingId,
      processId: input.processId,
      respondentRole: input.respondentRole,
      ageBand: input.ageBand,
      mode: input.mode,
      submissionKey: input.submissionKey,
      complete: input.complete,
      recordedBy: input.recordedBy,
      campaignId: input.campaignId ?? null,
      submittedAt: input.submittedAt,
      periodOn,
    },
    answers,
  );
  if (inserted) {
    return { id: inserted.id, created: true, complete: inserted.complete };
  }

  const existing = await store.lockByKey(tx, input.submissionKey);
  const same =
    existing &&
    existing.municipalityId === input.municipalityId &&
    existing.instrumentVersionId === input.instrumentVersionId &&
    existing.meetingId === input.meetingId &&
    existing.processId === input.processId &&
    existing.respondentRole === input.respondentRole &&
    existing.mode === input.mode;
  if (!existing || !same) throw new ConflictError("responses.error.keyUsed", "submissionKey");
  if (existing.complete) return { id: existing.id, created: false, complete: true };
  await store.upsertAnswers(tx, existing.id, answers);
  if (input.complete) await store.markComplete(tx, existing.id, input.submittedAt);
  return { id: existing.id, created: false, complete: input.complete };
}
