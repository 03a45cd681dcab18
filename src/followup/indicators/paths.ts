import { path } from "../../platform/paths.ts";

/** Every route of the indicators, their pages and their API: registered from here, linked from here. */
export const paths = {
  list: path("/uppfoljning/indikatorer"),
  newIndicator: path("/uppfoljning/indikatorer/ny"),
  newDraft: path("/uppfoljning/indikatorer/:key/utkast"),
  version: path("/uppfoljning/indikatorer/:key/versioner/:n"),
  editVersion: path("/uppfoljning/indikatorer/:key/versioner/:n/andra"),
  publishVersion: path("/uppfoljning/indikatorer/:key/versioner/:n/publicera"),
  // The versioned-document API (platform/versioned-api.ts) registers these from apiList; a new indicator is posted to apiList.
  apiList: path("/api/v1/indicators"),
  apiVersion: path("/api/v1/indicators/:key/versions/:n"),
  apiDrafts: path("/api/v1/indicators/:key/drafts"),
  apiPublish: path("/api/v1/indicators/:key/versions/:n/publish"),
};

/** A version of an indicator (also handed to the shared version list as its link builder). */
export const indicatorVersionHref = (key: string, number: number) => paths.version.href({ key, n: number });
