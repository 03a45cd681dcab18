import { path } from "../../platform/paths.ts";

/** Every route of the reviewer's pages and API: registered from here, linked from here. */
export const paths = {
  review: path("/aktgranskning/:id/granska"),
  family: path("/aktgranskning/:id/granska/familjer/:familyId"),
  newDocument: path("/aktgranskning/:id/granska/familjer/:familyId/dokument/ny"),
  document: path("/aktgranskning/:id/granska/familjer/:familyId/dokument/:documentId"),
  apiFamilies: path("/api/v1/audit-rounds/:id/families"),
  apiFamily: path("/api/v1/audit-rounds/:id/families/:familyId"),
  apiDocuments: path("/api/v1/audit-rounds/:id/families/:familyId/documents"),
  apiDocument: path("/api/v1/audit-rounds/:id/families/:familyId/documents/:documentId"),
};
