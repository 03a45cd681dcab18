import { path } from "../../platform/paths.ts";

/** Every route of the review keys, their pages and their API: registered from here, linked from here. */
export const paths = {
  list: path("/aktgranskning/nycklar"),
  draft: path("/aktgranskning/nycklar/:key/utkast"),
  version: path("/aktgranskning/nycklar/:key/versioner/:n"),
  editVersion: path("/aktgranskning/nycklar/:key/versioner/:n/andra"),
  publish: path("/aktgranskning/nycklar/:key/versioner/:n/publicera"),
  // The versioned-document API (platform/versioned-api.ts) registers these from apiList.
  apiList: path("/api/v1/review-keys"),
  apiVersion: path("/api/v1/review-keys/:key/versions/:n"),
  apiDrafts: path("/api/v1/review-keys/:key/drafts"),
  apiPublish: path("/api/v1/review-keys/:key/versions/:n/publish"),
};

/** A version of a review key (also handed to the shared version list as its link builder). */
export const versionHref = (key: string, number: number) => paths.version.href({ key, n: number });
