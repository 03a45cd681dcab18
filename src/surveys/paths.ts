import { path } from "../platform/paths.ts";

/** Every route of the survey instruments, their pages and their API: registered from here, linked from here. */
export const paths = {
  list: path("/enkater"),
  newDraft: path("/enkater/:key/utkast"),
  version: path("/enkater/:key/:n"),
  editVersion: path("/enkater/:key/:n/andra"),
  publishVersion: path("/enkater/:key/:n/publicera"),
  confirmTranslation: path("/enkater/:key/:n/oversattning"),
  // The versioned-document API (platform/versioned-api.ts) registers these from apiList.
  apiList: path("/api/v1/survey-instruments"),
  apiVersion: path("/api/v1/survey-instruments/:key/versions/:n"),
  apiDrafts: path("/api/v1/survey-instruments/:key/drafts"),
  apiPublish: path("/api/v1/survey-instruments/:key/versions/:n/publish"),
};

/** A version of a survey instrument (also handed to the shared version list as its link builder). */
export const versionHref = (key: string, number: number) => paths.version.href({ key, n: number });
