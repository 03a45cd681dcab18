/** Use cases of the review keys: read them, and (process leaders, administrators) draft, edit and publish versions. */
import { reviewKeys, reviewKeyVersions } from "../../db/schema/index.ts";
import { versionedDocuments } from "../../platform/versioned.ts";
import { type Content, contentSchema } from "./model.ts";

export const reviewKeyDocuments = versionedDocuments<Content>({
  documents: reviewKeys,
  versions: reviewKeyVersions,
  documentIdField: "reviewKeyId",
  content: contentSchema,
  permissions: { view: "reviewkeys.view", manage: "reviewkeys.manage" },
  audit: { prefix: "review_key", recordType: "review_key_version", documentField: "reviewKeyId" },
  errors: { published: "reviewkeys.error.published", nothingPublished: "reviewkeys.error.nothingPublished" },
  ref: "key",
});
