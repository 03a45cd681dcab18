/**
 * Reviewing (granskning): an appointed reviewer sees the rounds they are appointed to and, in them,
 * only the focus families: "Familj N" with the guardians' and children's names and birth dates,
 * what finds the family in the journal system, and nothing else of the process. Showing the names
 * is a disclosure and audited per person. The reviewer records, per document reviewed, its kind,
 * unit, the answer to every question the key asks of that kind, the overall rating and a comment;
 * Sofia holds the answers, never a copy of the document. Anyone else gets "not found".
 */
import { z } from "zod";
import { audit, auditView } from "../../platform/audit.ts";
import { type Authorized, authorize, type ServiceContext } from "../../platform/context.ts";
import type { DbOrTx } from "../../platform/database.ts";
import { ConflictError, NotFoundError, ValidationError } from "../../platform/errors.ts";
import { type AnswerValue, type Content, contentSchema } from "../keys/index.ts";
import type { RoundStatus } from "../rounds/index.ts";
import { isReviewer, round } from "../rounds/index.ts";
import { checkDocument, type DocumentInput } from "./model.ts";
import * as store from "./store.ts";

export interface ReviewRound {
  id: string;
  name: string;
  status: RoundStatus;
  keyName: string;
  keyVersion: number;
  content: Content;
}

export interface FamilyPerson {
  id: string;
  kind: "guardian" | "child";
  name: string;
  birthDate: string;
}

export interface ReviewFamily {
  id: string;
  code: number;
  documents: number;
  persons: FamilyPerson[];
}

export interface ReviewedDocument {
  id: string;
  documentKind: string;
  unitId: string | null;
  unitName: string | null;
  overallRating: string | null;
  comment: string | null;
  reviewedBy: string;
  version: number;
  updatedAt: Date;
  answers: Record<string, AnswerValue>;
}

const isUuid = (id: string) => z.uuid().safeParse(id).success;

/** The round if the reader is one of its reviewers; NotFound otherwise (a round one does not review does not exist for one). */
async function reviewerRound(tx: DbOrTx, auth: Authorized, id: string, lock?: "share"): Promise<ReviewRound> {
  if (!isUuid(id)) throw new NotFoundError();
  const row = await round(tx, auth.actor.municipalityId, id, lock);
  if (!row || !(await isReviewer(tx, id, auth.actor.id))) throw new NotFoundError();
  return {
    id: row.id,
    name: row.name,
    status: row.status as RoundStatus,
    keyName: row.keyName,
    keyVersion: row.keyVersion,
    content: contentSchema.parse(row.content),
  };
}

async function focusFamily(tx: DbOrTx, roundId: string, id: string): Promise<store.FocusFamilyRow> {
  const found = isUuid(id) ? await store.family(tx, roundId, id) : undefined;
  if (!found) throw new NotFoundError();
  return found;
}

function withPersons(families: store.FocusFamilyRow[], persons: store.PersonRow[]): ReviewFamily[] {
  return families.map((f) => ({
    id: f.id,
    code: f.code,
    documents: f.documents,
    persons: persons
      .filter((p) => p.requestId === f.requestId)
      .map((p) => ({ id: p.id, kind: p.kind as FamilyPerson["kind"], name: p.name, birthDate: p.birthDate })),
  }));
}

/** One audit row for the view, naming every person whose name is shown, with the families' processes (decision 0051). */
async function auditNames(tx: DbOrTx, ctx: ServiceContext, roundId: string, families: store.FocusFamilyRow[], shown: ReviewFamily[]) {
  const processOf = (id: string) => families.find((r) => r.id === id)?.processId ?? null;
  await auditView(tx, ctx, {
    action: "audit_family.view",
    recordType: "process",
    recordId: shown.length === 1 ? processOf(shown[0]?.id ?? "") : null,
    subjectPersonIds: shown.flatMap((f) => f.persons.map((p) => p.id)),
    detail: { roundId, families: shown.map((f) => ({ code: f.code, processId: processOf(f.id) })) },
  });
}

/** A round for its reviewer: every focus family as "Familj N" with the names and birth dates (audited). */
export async function reviewRound(ctx: ServiceContext, roundId: string): Promise<{ round: ReviewRound; families: ReviewFamily[] }> {
  const auth = await authorize(ctx, "audits.review");
  return ctx.db.transaction(async (tx) => {
    const round = await reviewerRound(tx, auth, roundId);
    const rows = await store.familiesOf(tx, round.id);
    const families = withPersons(rows, await store.personsOf(tx, [...new Set(rows.map((f) => f.requestId))]));
    await auditNames(tx, ctx, round.id, rows, families);
    return { round, families };
  });
}

async function documentsWithAnswers(tx: DbOrTx, familyId: string): Promise<ReviewedDocument[]> {
  const docs = await store.documentsOf(tx, familyId);
  const answers = await store.answersOf(
    tx,
    docs.map((d) => d.id),
  );
  return docs.map((d) => ({
    ...d,
    answers: Object.fromEntries(answers.filter((a) => a.documentId === d.id).map((a) => [a.questionKey, a.answer as AnswerValue])),
  }));
}

export interface FamilyReview {
  round: ReviewRound;
  family: ReviewFamily;
  documents: ReviewedDocument[];
}

/** One focus family for its reviewer: the names (audited) and the documents reviewed so far with their answers. */
export async function reviewFamily(ctx: ServiceContext, roundId: string, familyId: string): Promise<FamilyReview> {
  const auth = await authorize(ctx, "audits.review");
  return ctx.db.transaction(async (tx) => {
    const round = await reviewerRound(tx, auth, roundId);
    const row = await focusFamily(tx, round.id, familyId);
    const [family] = withPersons([row], await store.personsOf(tx, [row.requestId]));
    if (!family) throw new NotFoundError();
    await auditNames(tx, ctx, round.id, [row], [family]);
    return { round, family, documents: await documentsWithAnswers(tx, row.id) };
  });
}

export interface DocumentFormData {
  round: ReviewRound;
  /** The family by its code only: the form shows no name. */
  family: { id: string; code: number };
  units: Array<{ id: string; name: string }>;
  document: ReviewedDocument | null;
}

/** What the form of a reviewed document needs (a new one, or `documentId` to change): no names. */
export async function documentForm(ctx: ServiceContext, roundId: string, familyId: string, documentId?: string): Promise<DocumentFormData> {
  const auth = await authorize(ctx, "audits.review");
  const round = await reviewerRound(ctx.db, auth, roundId);
  const row = await focusFamily(ctx.db, round.id, familyId);
  let document: ReviewedDocument | null = null;
  if (documentId !== undefined) {
    document = (await documentsWithAnswers(ctx.db, row.id)).find((d) => d.id === documentId) ?? null;
    if (!document) throw new NotFoundError();
  }
  return { round, family: { id: row.id, code: row.code }, units: await store.activeUnits(ctx.db, auth.actor.municipalityId), document };
}

async function checked(tx: DbOrTx, auth: Authorized, content: Content, input: DocumentInput) {
  const unitIds = new Set((await store.activeUnits(tx, auth.actor.municipalityId)).map((u) => u.id));
  const result = checkDocument(content, input, unitIds);
  if (!result.ok) throw new ValidationError(result.errors);
  return result.document;
}

async function openForReview(tx: DbOrTx, auth: Authorized, roundId: string, familyId: string) {
  const round = await reviewerRound(tx, auth, roundId, "share");
  const family = await focusFamily(tx, round.id, familyId);
  if (round.status !== "open") throw new ConflictError("audits.error.closed");
  return { round, family };
}

/** Records a reviewed document with all its answers, in one transaction; bad input stores nothing. */
export async function addDocument(ctx: ServiceContext, roundId: string, familyId: string, input: DocumentInput): Promise<{ id: string }> {
  const auth = await authorize(ctx, "audits.review");
  return ctx.db.transaction(async (tx) => {
    const { round, family } = await openForReview(tx, auth, roundId, familyId);
    const doc = await checked(tx, auth, round.content, input);
    const row = await store.insertDocument(tx, {
      focusFamilyId: family.id,
      documentKind: doc.documentKind,
      unitId: doc.unitId,
      overallRating: doc.overallRating,
      comment: doc.comment,
      reviewedBy: auth.actor.id,
    });
    await store.replaceAnswers(tx, row.id, doc.answers);
    await audit(tx, ctx, {
      action: "audit_document.create",
      recordType: "audit_document",
      recordId: row.id,
      detail: { roundId: round.id, familyCode: family.code, documentKind: doc.documentKind },
    });
    return { id: row.id };
  });
}

/** Changes a reviewed document while the round is open; its kind stays. A stale version is a conflict. */
export async function updateDocument(
  ctx: ServiceContext,
  roundId: string,
  familyId: string,
  documentId: string,
  input: Omit<DocumentInput, "documentKind"> & { version: number },
): Promise<{ version: number }> {
  const auth = await authorize(ctx, "audits.review");
  return ctx.db.transaction(async (tx) => {
    const { round, family } = await openForReview(tx, auth, roundId, familyId);
    const existing = isUuid(documentId) ? (await store.documentsOf(tx, family.id)).find((d) => d.id === documentId) : undefined;
    if (!existing) throw new NotFoundError();
    const doc = await checked(tx, auth, round.content, { ...input, documentKind: existing.documentKind });
    const saved = await store.saveDocument(tx, family.id, existing.id, input.version, {
      unitId: doc.unitId,
      overallRating: doc.overallRating,
      comment: doc.comment,
    });
    if (!saved) throw new ConflictError();
    await store.replaceAnswers(tx, existing.id, doc.answers);
    await audit(tx, ctx, {
      action: "audit_document.update",
      recordType: "audit_document",
      recordId: existing.id,
      detail: { roundId: round.id, familyCode: family.code, documentKind: doc.documentKind },
    });
    return { version: saved.version };
  });
}
