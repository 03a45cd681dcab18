/** Use cases of the survey instruments: read them, and (administrators) draft, edit and publish versions. */

import { z } from "zod";
import { surveyInstruments, surveyInstrumentVersions } from "../db/schema/index.ts";
import { audit } from "../platform/audit.ts";
import { authorize, type ServiceContext } from "../platform/context.ts";
import { ValidationError } from "../platform/errors.ts";
import { type DocumentSummary, type DocumentVersion, versionedDocuments } from "../platform/versioned.ts";
import { type Content, contentSchema, type MeetingNames, meetingNamesFrom } from "./model.ts";
import * as store from "./store.ts";

export const instrumentDocuments = versionedDocuments<Content>({
  documents: surveyInstruments,
  versions: surveyInstrumentVersions,
  documentIdField: "instrumentId",
  content: contentSchema,
  permissions: { view: "surveys.view", manage: "surveys.manage" },
  audit: { prefix: "survey_instrument", recordType: "survey_instrument_version", documentField: "instrumentId" },
  errors: { published: "surveys.error.published", nothingPublished: "surveys.error.nothingPublished" },
  ref: "key",
});

export type InstrumentSummary = DocumentSummary;
export type InstrumentVersion = DocumentVersion<Content>;

export const { getVersion, getEditableVersion, createDraft, updateDraft, publishDraft } = instrumentDocuments;
/** The municipality's survey instruments, by name, with every version's number and status. */
export const listInstruments = instrumentDocuments.list;

/** One version for its page, with the names of the meeting types it follows. */
export async function getVersionPage(
  ctx: ServiceContext,
  key: string,
  number: number,
): Promise<{ data: InstrumentVersion; meetingNames: MeetingNames; confirmations: Confirmation[] }> {
  const { actor } = await authorize(ctx, "surveys.view");
  const data = await getVersion(ctx, key, number);
  return {
    data,
    meetingNames: meetingNamesFrom(await store.publishedWorkModelsOf(ctx.db, actor.municipalityId)),
    confirmations: await store.translationConfirmations(ctx.db, data.id),
  };
}

/** An administrator's confirmation that a language of a version was reviewed by a native speaker. */
export interface Confirmation {
  language: string;
  confirmedAt: Date;
  confirmedByName: string;
}

export const confirmTranslationInput = z.object({
  language: z.string({ error: "surveys.translation.unknownLanguage" }).max(20, "surveys.translation.unknownLanguage"),
});

/**
 * Confirms that a language of a version, marked for review in its content, has been reviewed by a
 * native speaker (decision 0042): audited; confirming it again changes nothing. A language the
 * version does not mark for review is refused and nothing changes.
 */
export async function confirmTranslation(
  ctx: ServiceContext,
  key: string,
  number: number,
  input: z.input<typeof confirmTranslationInput>,
): Promise<InstrumentVersion> {
  const { actor } = await authorize(ctx, "surveys.manage");
  const data = await getVersion(ctx, key, number);
  const parsed = confirmTranslationInput.safeParse(input);
  const language = parsed.success ? parsed.data.language : "";
  if (!(data.content.review ?? []).includes(language)) throw new ValidationError({ language: "surveys.translation.unknownLanguage" });
  await ctx.db.transaction(async (tx) => {
    const inserted = await store.insertConfirmation(tx, {
      instrumentVersionId: data.id,
      language,
      confirmedBy: actor.id,
      confirmedAt: ctx.clock.now(),
    });
    if (inserted) {
      await audit(tx, ctx, {
        action: "survey_instrument.translation_confirm",
        recordType: "survey_instrument_version",
        recordId: data.id,
        detail: { instrumentId: data.document.id, number, language },
      });
    }
  });
  return data;
}
