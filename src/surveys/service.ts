/** Use cases of the survey instruments: read them, and (administrators) draft, edit and publish versions. */
import { surveyInstruments, surveyInstrumentVersions } from "../db/schema/index.ts";
import { authorize, type ServiceContext } from "../platform/context.ts";
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
): Promise<{ data: InstrumentVersion; meetingNames: MeetingNames }> {
  const { actor } = await authorize(ctx, "surveys.view");
  const data = await getVersion(ctx, key, number);
  return { data, meetingNames: meetingNamesFrom(await store.publishedWorkModelsOf(ctx.db, actor.municipalityId)) };
}
