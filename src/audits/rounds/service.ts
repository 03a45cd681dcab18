/**
 * Audit rounds (aktgranskning): a process leader lays up a round with a published review-key
 * version, the reference group of reviewers and the focus families, changes them while the round
 * is open and closes it. The landing page lists the rounds a user may see: all of them for those
 * who manage rounds or read results, the own ones for a reviewer. Every change is audited.
 */
import { z } from "zod";
import { audit } from "../../platform/audit.ts";
import { authorize, type ServiceContext } from "../../platform/context.ts";
import type { DbOrTx } from "../../platform/database.ts";
import { ConflictError, NotFoundError, parseOrThrow, ValidationError } from "../../platform/errors.ts";
import { compareText } from "../../platform/i18n.ts";
import { scopeFor } from "../../platform/permissions.ts";
import { type Content, contentSchema, reviewKeyDocuments } from "../keys/index.ts";
import {
  difference,
  distinct,
  nextCodes,
  type RoundCloseInput,
  type RoundCreateInput,
  type RoundStatus,
  type RoundUpdateInput,
  roundCloseInput,
  roundCreateInput,
  roundUpdateInput,
} from "./model.ts";
import * as store from "./store.ts";

export interface RoundSummary {
  id: string;
  name: string;
  status: RoundStatus;
  keyName: string;
  keyRef: string;
  keyVersion: number;
  createdAt: Date;
  closedAt: Date | null;
  families: number;
  reviewers: number;
  documents: number;
  /** Whether the reader is one of the round's reviewers. */
  isReviewer: boolean;
  version: number;
}

export interface Landing {
  canManage: boolean;
  canReview: boolean;
  canResults: boolean;
  rounds: RoundSummary[];
}

const summary = (r: store.RoundRow): RoundSummary => ({ ...r, status: r.status as RoundStatus });

/**
 * What the reader may do with audit rounds and the rounds they may see. Nobody without one of
 * the three permissions gets here (the refusal is logged like any other).
 */
export async function landing(ctx: ServiceContext): Promise<Landing> {
  const roles = ctx.actor?.roles ?? [];
  const tokenAllows = (action: string) => !ctx.actor?.apiToken || ctx.actor.apiToken.scopes.includes(action);
  const may = (action: "audits.manage" | "audits.review" | "audits.results") => scopeFor(roles, action) !== null && tokenAllows(action);
  const canManage = may("audits.manage");
  const canResults = may("audits.results");
  const canReview = may("audits.review");
  const action = canManage ? "audits.manage" : canResults ? "audits.results" : "audits.review";
  const { actor } = await authorize(ctx, action);
  const all = canManage || canResults;
  const rows = await store.roundsOf(ctx.db, actor.municipalityId, { userId: actor.id, reviewerId: all ? undefined : actor.id });
  return { canManage, canReview, canResults, rounds: rows.map(summary) };
}

export interface KeyChoice {
  key: string;
  name: string;
  versionNumber: number;
}

export interface RoundOptions {
  keys: KeyChoice[];
  reviewers: store.Person[];
  processes: store.ProcessReference[];
}

async function optionsFor(ctx: ServiceContext, municipalityId: string): Promise<RoundOptions> {
  const documents = await reviewKeyDocuments.documentsOf(ctx.db, municipalityId);
  const keys: KeyChoice[] = [];
  for (const d of documents) {
    const published = await reviewKeyDocuments.published(ctx.db, municipalityId, d.key);
    if (published) keys.push({ key: d.key, name: d.name, versionNumber: published.number });
  }
  keys.sort((a, b) => compareText("sv")(a.name, b.name));
  const [reviewers, processes] = await Promise.all([
    store.reviewerCandidates(ctx.db, municipalityId),
    store.processCandidates(ctx.db, municipalityId),
  ]);
  return { keys, reviewers, processes };
}

/** The published review keys, the possible reviewers and the municipality's processes to choose among. */
export async function roundOptions(ctx: ServiceContext): Promise<RoundOptions> {
  const { actor } = await authorize(ctx, "audits.manage");
  return optionsFor(ctx, actor.municipalityId);
}

export interface RoundDetail extends RoundSummary {
  content: Content;
  reviewerList: store.Person[];
  familyList: store.FamilyRow[];
}

async function loadRound(ctx: ServiceContext, municipalityId: string, id: string): Promise<RoundDetail> {
  if (!z.uuid().safeParse(id).success) throw new NotFoundError();
  const row = await store.round(ctx.db, municipalityId, id);
  if (!row) throw new NotFoundError();
  const [reviewerList, familyList] = await Promise.all([store.reviewersOf(ctx.db, id), store.familiesOf(ctx.db, id)]);
  const isReviewer = reviewerList.some((r) => r.id === ctx.actor?.id);
  return { ...summary({ ...row, isReviewer }), content: contentSchema.parse(row.content), reviewerList, familyList };
}

/** A round for the one who manages it: its key, reviewers and focus families (codes and process references, no names). */
export async function getRound(ctx: ServiceContext, id: string): Promise<RoundDetail> {
  const { actor } = await authorize(ctx, "audits.manage");
  return loadRound(ctx, actor.municipalityId, id);
}

/** A round with what may be added to it, for its edit form. */
export async function editRound(ctx: ServiceContext, id: string): Promise<{ detail: RoundDetail; options: RoundOptions }> {
  const { actor } = await authorize(ctx, "audits.manage");
  const detail = await loadRound(ctx, actor.municipalityId, id);
  return { detail, options: await optionsFor(ctx, actor.municipalityId) };
}

/** The chosen reviewers and processes must be the municipality's; a field error otherwise. */
async function checkChoices(ctx: ServiceContext, municipalityId: string, reviewerIds: string[], processIds: string[]) {
  const tx = ctx.db;
  const candidates = new Set((await store.reviewerCandidates(tx, municipalityId)).map((p) => p.id));
  const known = await store.processesIn(tx, municipalityId, processIds);
  const errors: Record<string, string> = {};
  if (reviewerIds.some((id) => !candidates.has(id))) errors.reviewerIds = "audits.rounds.error.reviewerUnknown";
  if (processIds.some((id) => !known.has(id))) errors.processIds = "audits.rounds.error.familyUnknown";
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
}

async function refusingDuplicateName<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (store.uniqueViolation(e) === "audit_rounds_name_unique") throw new ConflictError("audits.rounds.error.nameTaken", "name");
    throw e;
  }
}

/** Lays up a round on the latest published version of the chosen key; the focus families get codes 1, 2, 3 … */
export async function createRound(ctx: ServiceContext, raw: RoundCreateInput): Promise<{ id: string }> {
  const { actor } = await authorize(ctx, "audits.manage");
  const input = parseOrThrow(roundCreateInput, raw);
  const reviewerIds = distinct(input.reviewerIds);
  const processIds = distinct(input.processIds);
  const key = await reviewKeyDocuments.published(ctx.db, actor.municipalityId, input.reviewKey);
  if (!key) throw new ValidationError({ reviewKey: "audits.rounds.error.reviewKeyUnknown" });
  await checkChoices(ctx, actor.municipalityId, reviewerIds, processIds);
  return refusingDuplicateName(() =>
    ctx.db.transaction(async (tx) => {
      const round = await store.insertRound(tx, {
        municipalityId: actor.municipalityId,
        name: input.name,
        reviewKeyVersionId: key.id,
        createdBy: actor.id,
      });
      const families = processIds.map((processId, i) => ({ processId, code: i + 1 }));
      await store.addReviewers(tx, round.id, reviewerIds);
      await store.addFamilies(tx, round.id, families);
      await audit(tx, ctx, {
        action: "audit_round.create",
        recordType: "audit_round",
        recordId: round.id,
        detail: { name: input.name, reviewKeyVersionId: key.id, reviewers: reviewerIds, families },
      });
      return { id: round.id };
    }),
  );
}

async function openRoundForChange(tx: DbOrTx, municipalityId: string, id: string, version: number) {
  if (!z.uuid().safeParse(id).success) throw new NotFoundError();
  const row = await store.round(tx, municipalityId, id, "update");
  if (!row) throw new NotFoundError();
  if (row.status !== "open") throw new ConflictError("audits.error.closed");
  if (row.version !== version) throw new ConflictError();
  return row;
}

/**
 * Changes an open round's name, reviewers and focus families. A focus family with reviewed
 * documents cannot be removed; new families get the codes after the highest one.
 */
export async function updateRound(ctx: ServiceContext, id: string, raw: RoundUpdateInput): Promise<{ version: number }> {
  const { actor } = await authorize(ctx, "audits.manage");
  const input = parseOrThrow(roundUpdateInput, raw);
  const reviewerIds = distinct(input.reviewerIds);
  const processIds = distinct(input.processIds);
  await checkChoices(ctx, actor.municipalityId, reviewerIds, processIds);
  return refusingDuplicateName(() =>
    ctx.db.transaction(async (tx) => {
      const row = await openRoundForChange(tx, actor.municipalityId, id, input.version);
      const reviewers = difference(
        (await store.reviewersOf(tx, id)).map((r) => r.id),
        reviewerIds,
      );
      const current = await store.familiesOf(tx, id);
      const families = difference(
        current.map((f) => f.processId),
        processIds,
      );
      const reviewed = current.filter((f) => families.removed.includes(f.processId) && f.documents > 0);
      if (reviewed.length > 0) throw new ConflictError("audits.rounds.error.familyReviewed", "processIds");
      const codes = nextCodes(
        current.filter((f) => !families.removed.includes(f.processId)).map((f) => f.code),
        families.added.length,
      );
      const added = families.added.map((processId, i) => ({ processId, code: codes[i] ?? 0 }));
      await store.removeReviewers(tx, id, reviewers.removed);
      await store.addReviewers(tx, id, reviewers.added);
      await store.removeFamilies(tx, id, families.removed);
      await store.addFamilies(tx, id, added);
      const saved = await store.saveRound(tx, id, input.version, { name: input.name });
      if (!saved) throw new ConflictError();
      await audit(tx, ctx, {
        action: "audit_round.update",
        recordType: "audit_round",
        recordId: id,
        detail: {
          name: input.name === row.name ? undefined : input.name,
          reviewersAdded: reviewers.added,
          reviewersRemoved: reviewers.removed,
          familiesAdded: added,
          familiesRemoved: current
            .filter((f) => families.removed.includes(f.processId))
            .map((f) => ({ processId: f.processId, code: f.code })),
        },
      });
      return { version: saved.version };
    }),
  );
}

/** Closes an open round: from then on it is read only, for the reviewers too. */
export async function closeRound(ctx: ServiceContext, id: string, raw: RoundCloseInput): Promise<{ version: number }> {
  const { actor } = await authorize(ctx, "audits.manage");
  const input = parseOrThrow(roundCloseInput, raw);
  return ctx.db.transaction(async (tx) => {
    await openRoundForChange(tx, actor.municipalityId, id, input.version);
    const saved = await store.saveRound(tx, id, input.version, { status: "closed", closedAt: ctx.clock.now() });
    if (!saved) throw new ConflictError();
    await audit(tx, ctx, { action: "audit_round.close", recordType: "audit_round", recordId: id });
    return { version: saved.version };
  });
}
