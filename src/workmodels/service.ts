/** Use cases of the work models: read them, and (administrators) draft, edit and publish versions. */
import { workModels, workModelVersions } from "../db/schema/index.ts";
import { type DocumentSummary, type DocumentVersion, versionedDocuments } from "../platform/versioned.ts";
import { type Content, contentSchema } from "./model.ts";

export const workModelDocuments = versionedDocuments<Content>({
  documents: workModels,
  versions: workModelVersions,
  documentIdField: "workModelId",
  content: contentSchema,
  permissions: { view: "workmodels.view", manage: "workmodels.manage" },
  audit: { prefix: "workmodel", recordType: "work_model_version", documentField: "workModelId" },
  errors: { published: "workmodels.error.published", nothingPublished: "workmodels.error.nothingPublished" },
  ref: "id",
});

export type WorkModelSummary = DocumentSummary;
export type WorkModelVersion = DocumentVersion<Content>;

export const { getVersion, getEditableVersion, createDraft, updateDraft, publishDraft } = workModelDocuments;
/** The municipality's work models, by name, with every version's number and status. */
export const listWorkModels = workModelDocuments.list;
