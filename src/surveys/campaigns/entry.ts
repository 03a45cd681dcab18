/**
 * Campaign answers typed in by staff: one paper form per respondent (anonymous: no identity is
 * kept, only the role the campaign asks, staff or parent), mode "paper", recorded_by the staff
 * member who typed it, as the meeting's paper answers are. A campaign about a past year is filled
 * this way (and by an import, import.ts); a campaign closed by hand takes no more answers.
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { audit } from "../../platform/audit.ts";
import { authorize, type ServiceContext } from "../../platform/context.ts";
import type { DbOrTx } from "../../platform/database.ts";
import { ConflictError, type FieldErrors, issueErrors, ValidationError } from "../../platform/errors.ts";
import type { FormInput } from "../../platform/form-pages.ts";
import { answerList, answersSchema, type Content, contentSchema } from "../model.ts";
import { answerField, type RespondentRole, recordResponse } from "../responses/index.ts";
import { type CampaignSummary, type Found, found, summary } from "./service.ts";

/** The paper form's key beside its answers; the answers are read by the instrument's `answersSchema`. */
export const campaignPaperFields = z.object({
  submissionKey: z.uuid({ error: "campaigns.paper.submissionKey" }),
});

/** The API's body: the key and the answers as a list (`answerList`). */
export const campaignPaperInput = campaignPaperFields.extend({ answers: answerList });

export interface CampaignPaperForm {
  campaign: CampaignSummary;
  content: Content;
  /** A fresh key for this rendering of the form: a second post of the same form stores nothing. */
  submissionKey: string;
}

export interface CampaignPaperResult {
  /** False when the same form (submission key) was stored before. */
  created: boolean;
  answered: number;
}

/** The role a campaign's answer is stored with: a staff member or a parent, never who. */
export const roleOf = (c: CampaignSummary): RespondentRole => (c.audience === "staff" ? "staff" : "parent");

export const contentOf = (row: Found): Content => contentSchema.parse(row.content);

/** A campaign that takes typed-in answers: not closed by hand. */
export function requireEntry(row: Found) {
  if (row.campaign.closedAt) throw new ConflictError("campaigns.error.closedByHand", "_form");
}

/** The paper form of a campaign: its instrument's items and a fresh submission key. */
export async function campaignPaperForm(ctx: ServiceContext, id: string): Promise<CampaignPaperForm> {
  const { actor } = await authorize(ctx, "surveys.campaigns");
  const row = await found(ctx, actor.municipalityId, id);
  return { campaign: summary(row, ctx.clock.today()), content: contentOf(row), submissionKey: randomUUID() };
}

/** Stores one respondent's answers of a campaign in the caller's transaction (the paper form and each row of an import). */
export async function storeCampaignAnswer(
  tx: DbOrTx,
  ctx: ServiceContext,
  row: Found,
  v: { submissionKey: string; answers: Array<{ itemKey: string; value: number | null; dontKnow: boolean }>; recordedBy: string },
) {
  const c = summary(row, ctx.clock.today());
  return recordResponse(tx, {
    municipalityId: row.campaign.municipalityId,
    instrumentVersionId: row.campaign.instrumentVersionId,
    content: contentOf(row),
    meetingId: null,
    processId: null,
    respondentRole: roleOf(c),
    ageBand: null,
    mode: "paper",
    submissionKey: v.submissionKey,
    answers: v.answers,
    complete: true,
    recordedBy: v.recordedBy,
    submittedAt: ctx.clock.now(),
    // A form typed in after the campaign closed belongs to the campaign's period (decision 0046).
    periodOn: [row.campaign.closesOn, ctx.clock.today()].sort()[0],
    campaignId: row.campaign.id,
  });
}

/**
 * Stores a returned paper form of a campaign: every answer checked against the campaign's
 * instrument version, at least one item answered; every error at once, nothing stored on one.
 * The same submission key stores once. The audit row names the campaign, never an answer.
 */
export async function recordCampaignPaper(ctx: ServiceContext, id: string, input: FormInput): Promise<CampaignPaperResult> {
  const { actor } = await authorize(ctx, "surveys.campaigns");
  const fields = campaignPaperFields.safeParse(input(campaignPaperFields));
  return ctx.db.transaction(async (tx) => {
    const row = await found(ctx, actor.municipalityId, id, true, tx);
    requireEntry(row);
    const content = contentOf(row);
    const errors: FieldErrors = fields.success ? {} : issueErrors(fields.error.issues);
    const schema = z.object({ answers: answersSchema(content) });
    const answered = schema.safeParse(input(schema));
    if (!answered.success) {
      for (const [field, key] of Object.entries(issueErrors(answered.error.issues))) if (!(field in errors)) errors[field] = key;
    } else if (!answered.data.answers.some((a) => a.value !== null || a.dontKnow)) {
      errors[answerField(content.items[0]?.key ?? "")] = "campaigns.paper.noAnswers";
    }
    if (!fields.success || !answered.success || Object.keys(errors).length > 0) throw new ValidationError(errors);
    const recorded = await storeCampaignAnswer(tx, ctx, row, {
      submissionKey: fields.data.submissionKey,
      answers: answered.data.answers,
      recordedBy: actor.id,
    });
    if (recorded.created) {
      await audit(tx, ctx, {
        action: "survey_campaign.paper",
        recordType: "survey_campaign",
        recordId: row.campaign.id,
        detail: { year: row.campaign.year, responses: 1 },
      });
    }
    const after = await found(ctx, actor.municipalityId, id, false, tx);
    return { created: recorded.created, answered: summary(after, ctx.clock.today()).answered };
  });
}
