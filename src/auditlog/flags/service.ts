/**
 * The reviewer's flags (decision 0058): rows of the log a reviewer should look at, derived from the
 * audit rows of the period with the settings given, and a reviewer's note that closes one. For the
 * municipality's reviewers (the administrator); every read and every note is audited.
 */
import { audit, auditView } from "../../platform/audit.ts";
import { authorize, type ServiceContext } from "../../platform/context.ts";
import { ConflictError, ForbiddenError, NotFoundError, parseOrThrow, ValidationError } from "../../platform/errors.ts";
import { type FlagSettings, parseFlagSettings, type ReviewInput, reviewInput } from "./model.ts";
import * as store from "./store.ts";

export const FLAGS_SHOWN = 500;

export interface FlagsPage {
  settings: FlagSettings;
  flags: store.FlagRow[];
  total: number;
}

async function municipalityReviewer(ctx: ServiceContext) {
  const auth = await authorize(ctx, "audit.review");
  if (auth.scope !== "municipality") throw new ForbiddenError("audit.review");
  return auth;
}

/** The open flags of the period, newest first; the read is audited naming the users flagged. */
export async function openFlags(ctx: ServiceContext, query: unknown): Promise<FlagsPage> {
  const auth = await municipalityReviewer(ctx);
  const parsed = parseFlagSettings(query, ctx.clock.now());
  if (!parsed.ok) throw new ValidationError(parsed.errors);
  const { settings } = parsed;
  return ctx.db.transaction(async (tx) => {
    const { rows, total } = await store.openFlags(tx, auth.actor.municipalityId, settings, FLAGS_SHOWN);
    await auditView(tx, ctx, {
      action: "audit.flags_view",
      recordType: "audit_log",
      subjectUserIds: rows.flatMap((r) => (r.actorUserId ? [r.actorUserId] : [])),
      detail: { settings, shown: rows.length, total },
    });
    return { settings, flags: rows, total };
  });
}

/** Marks a flag reviewed with the reviewer's note (stored, audited); a flag reviewed before is a conflict. */
export async function reviewFlag(ctx: ServiceContext, input: unknown): Promise<void> {
  const auth = await municipalityReviewer(ctx);
  const data: ReviewInput = parseOrThrow(reviewInput, input);
  await ctx.db.transaction(async (tx) => {
    const row = await store.flaggedRow(tx, auth.actor.municipalityId, data.logId);
    if (!row) throw new NotFoundError();
    const inserted = await store.insertReview(tx, {
      municipalityId: auth.actor.municipalityId,
      auditLogId: data.logId,
      kind: data.kind,
      note: data.note,
      reviewedBy: auth.actor.id,
    });
    if (!inserted) throw new ConflictError("auditlog.flags.alreadyReviewed", "note");
    await audit(tx, ctx, {
      action: "audit.flag_review",
      recordType: "audit_log",
      recordId: String(data.logId),
      detail: { kind: data.kind },
    });
  });
}
