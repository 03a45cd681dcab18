import { versionedDocumentTables } from "./versioned.ts";

/**
 * A work model (arbetsmodell) of a municipality, and its versions. A version's content is one JSONB
 * document, validated by the zod schema in src/workmodels/model.ts. Once published, the content can
 * never change (a trigger refuses it); only the status may move from published to retired.
 */
export const {
  documents: workModels,
  versions: workModelVersions,
  status: workModelVersionStatus,
} = versionedDocumentTables("work_model", {
  documentId: { key: "workModelId", column: "work_model_id" },
  documentIdIndex: "work_model_versions_model_idx",
});
