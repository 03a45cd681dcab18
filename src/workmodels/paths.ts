import { path } from "../platform/paths.ts";

/** Every route of the work models module, its pages and its API: registered from here, linked from here. */
export const paths = {
  list: path("/arbetsmodeller"),
  newDraft: path("/arbetsmodeller/:id/utkast"),
  version: path("/arbetsmodeller/:id/versioner/:n"),
  editVersion: path("/arbetsmodeller/:id/versioner/:n/andra"),
  publishVersion: path("/arbetsmodeller/:id/versioner/:n/publicera"),
  // The versioned-document API (platform/versioned-api.ts) registers these from apiList.
  apiList: path("/api/v1/work-models"),
  apiVersion: path("/api/v1/work-models/:id/versions/:n"),
  apiDrafts: path("/api/v1/work-models/:id/drafts"),
  apiPublish: path("/api/v1/work-models/:id/versions/:n/publish"),
};

/** A version of a work model (also handed to the shared version list as its link builder). */
export const versionHref = (modelId: string, number: number) => paths.version.href({ id: modelId, n: number });
