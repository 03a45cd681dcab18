/**
 * Answering an invitation (a link or a kiosk turn): the input read by the version's items, the content
 * the invitation shows, and the answer stored through recordResponse with the invitation's own
 * submission key, so that a double tap or a resend stores once and a partial answer is completed
 * later. Shared by the link pages, the answer API and the kiosk.
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import { surveyInstrumentVersions } from "../../db/schema/index.ts";
import type { AgeBand } from "../../families/index.ts";
import type { ServiceContext } from "../../platform/context.ts";
import type { DbOrTx } from "../../platform/database.ts";
import { ConflictError, NotFoundError, parseOrThrow, ValidationError } from "../../platform/errors.ts";
import type { FormInput } from "../../platform/form-pages.ts";
import { deepFreeze } from "../../platform/freeze.ts";
import { findByToken, type Invitation, lockByToken, markUsed, refusalOf } from "../links/index.ts";
import { answersSchema, type Content, contentSchema, shownLanguage, unreviewedLanguages } from "../model.ts";
import { answerField, type RespondentRole, recordResponse } from "../responses/index.ts";
import { confirmedLanguages } from "../store.ts";
import { codeLockedUntil, codeLockMinutes, countUnknownCode, minutesLeft } from "./throttle.ts";

/**
 * What a respondent posts, by the instrument version's items (`answersSchema`): the answers and
 * whether they are done. A link's or a kiosk's form (`answers.<itemKey>`, `complete` 1 or 0,
 * finished when left out) and the JSON API (a list of answers, `complete` true or false) go through
 * this one schema; `answerInvitation` validates it once.
 */
export function answerInput(content: Content) {
  let schema = answerInputs.get(content);
  if (!schema) {
    schema = buildAnswerInput(content);
    // Only a frozen content (a published version's, kept below) cannot change.
    if (Object.isFrozen(content)) answerInputs.set(content, schema);
  }
  return schema;
}

const buildAnswerInput = (content: Content) =>
  z.object({
    answers: answersSchema(content),
    complete: z.boolean({ error: "error.validation" }).default(true),
  });

/**
 * The schemas of frozen contents, made once (decision 0054): zod builds and compiles a schema on its
 * first parse, which was a tenth of an answer's CPU time when made per request.
 */
const answerInputs = new WeakMap<Content, ReturnType<typeof buildAnswerInput>>();

/**
 * Parsed contents of published and retired instrument versions, by id (decision 0054, as the work
 * models' in workmodels/contents.ts): the trigger of migration 0008 refuses any change of such a
 * version's content and any way back to draft, so what was read once is what every later answer
 * reads. Frozen, since it is shared between requests; at most MAX_KEPT (then cleared).
 */
const kept = new Map<string, Content>();
const MAX_KEPT = 1000;

/** The published content of the invitation's instrument version (a retired version keeps its wording). */
export async function invitationContent(tx: DbOrTx, invitation: Invitation): Promise<Content> {
  const known = kept.get(invitation.instrumentVersionId);
  if (known) return known;
  const [version] = await tx
    .select({ status: surveyInstrumentVersions.status, content: surveyInstrumentVersions.content })
    .from(surveyInstrumentVersions)
    .where(eq(surveyInstrumentVersions.id, invitation.instrumentVersionId));
  if (!version || version.status === "draft") throw new NotFoundError();
  const content = deepFreeze(contentSchema.parse(version.content));
  if (kept.size >= MAX_KEPT) kept.clear();
  kept.set(invitation.instrumentVersionId, content);
  return content;
}

/** The message key of a refused invitation: child-friendly words for "already answered" and "too late". */
export const refusalKey = (refusal: LinkRefusal) => `answer.refused.${refusal}`;

/**
 * Stores the respondent's answers in the caller's transaction, the invitation already locked
 * (lockByToken / lockById). A used or expired invitation is refused (ConflictError with
 * answer.refused.*) and nothing is stored. The posted input is read and validated by the version's
 * `answerInput`: an answer outside the scale or to an unknown item is a ValidationError with every
 * such field, and nothing is stored. A partial answer (complete false) is kept and completed
 * later with the same invitation; a complete one marks the invitation used. `now` is the clock's.
 */
export async function answerInvitation(
  tx: DbOrTx,
  invitation: Invitation & { meetingOn?: string | null },
  input: FormInput,
  now: Date,
): Promise<{ created: boolean; complete: boolean }> {
  const refusal = refusalOf(invitation, now);
  if (refusal) throw new ConflictError(refusalKey(refusal), "_form");
  const content = await invitationContent(tx, invitation);
  const schema = answerInput(content);
  const { answers, complete } = parseOrThrow(schema, input(schema));
  const given = answers.filter((a) => a.value !== null || a.dontKnow);
  if (complete && given.length === 0) {
    throw new ValidationError({ [answerField(content.items[0]?.key ?? "")]: "answer.error.noAnswers" });
  }
  if (!complete && given.length === 0) {
    // Nothing answered yet: no empty response is kept.
    return { created: false, complete: false };
  }
  const recorded = await recordResponse(tx, {
    municipalityId: invitation.municipalityId,
    instrumentVersionId: invitation.instrumentVersionId,
    content,
    meetingId: invitation.meetingId,
    meetingOn: invitation.meetingOn,
    processId: invitation.processId,
    campaignId: invitation.campaignId,
    respondentRole: invitation.respondentRole as RespondentRole,
    ageBand: (invitation.ageBand as AgeBand | null) ?? null,
    mode: invitation.mode === "kiosk" ? "kiosk" : "link",
    submissionKey: invitation.submissionKey,
    answers,
    complete,
    recordedBy: null,
    submittedAt: now,
  });
  if (recorded.complete) await markUsed(tx, invitation.id, now);
  return { created: recorded.created, complete: recorded.complete };
}

// ---------------------------------------------------------------------------------------------
// A link answered by its token (public: the token is the only credential)

export type LinkRefusal = "unknown" | "used" | "expired" | "throttled";

export interface OpenLink {
  invitation: Invitation;
  content: Content;
  /** The language the invitation asks for, when the version has it; else Swedish. */
  lang: string;
  /** The version's languages still waiting for a native speaker's review. */
  unreviewed: string[];
}

/** The version's languages that no administrator has confirmed yet (decision 0042). */
export async function unreviewedOf(tx: DbOrTx, invitation: Invitation, content: Content): Promise<string[]> {
  if (!content.review?.length) return [];
  return unreviewedLanguages(content, await confirmedLanguages(tx, invitation.instrumentVersionId));
}

export type Refused = { refusal: LinkRefusal; minutes?: number };

/**
 * The refusal of an address that guessed too many codes (throttle.ts), checked before any lookup;
 * and an unknown code counted against the address. `found` is undefined for an unknown code.
 */
async function guarded<T>(
  ctx: ServiceContext,
  lookup: () => Promise<T | Refused>,
  unknown: (r: T | Refused) => boolean,
): Promise<T | Refused> {
  const minutes = await codeLockMinutes(ctx);
  if (minutes > 0) return { refusal: "throttled", minutes };
  const result = await lookup();
  if (unknown(result)) await countUnknownCode(ctx);
  return result;
}

const isUnknown = (r: unknown) => typeof r === "object" && r !== null && (r as Refused).refusal === "unknown";

/** The form a link shows, or why it cannot be answered. Nothing is stored and nobody is named. */
export async function openLink(ctx: ServiceContext, token: string): Promise<OpenLink | Refused> {
  return guarded(
    ctx,
    () =>
      ctx.db.transaction(async (tx): Promise<OpenLink | Refused> => {
        const invitation = await findByToken(tx, token);
        const refusal = refusalOf(invitation, ctx.clock.now());
        if (refusal || !invitation) return { refusal: refusal ?? "unknown" };
        const content = await invitationContent(tx, invitation);
        return {
          invitation,
          content,
          lang: shownLanguage(content, invitation.language),
          unreviewed: await unreviewedOf(tx, invitation, content),
        };
      }),
    isUnknown,
  );
}

export type LinkAnswer = Refused | { refusal: null; created: boolean; complete: boolean };

/**
 * Answers a link: the invitation is locked for the transaction, so that two posts of the same link
 * run one after the other; the input (a posted form or the API's JSON) is read by the schema of the
 * version's items. A refused link stores nothing; a refused answer throws a ValidationError and
 * stores nothing.
 */
export async function answerLink(ctx: ServiceContext, token: string, input: FormInput): Promise<LinkAnswer> {
  const answered = await ctx.db.transaction(async (tx): Promise<LinkAnswer> => {
    // The address's code lock is read with the invitation's lock, in one statement (decision 0054).
    const invitation = await lockByToken(tx, token, codeLockedUntil(ctx));
    if (!invitation) return { refusal: "unknown" };
    const minutes = minutesLeft(ctx, invitation.extra);
    if (minutes > 0) return { refusal: "throttled", minutes };
    const refusal = refusalOf(invitation, ctx.clock.now());
    if (refusal) return { refusal };
    const result = await answerInvitation(tx, invitation, input, ctx.clock.now());
    return { refusal: null, ...result };
  });
  // An unknown code: refused as throttled while the address is locked, else counted against it (as `guarded`).
  return answered.refusal === "unknown" ? guarded<LinkAnswer>(ctx, async () => answered, isUnknown) : answered;
}
