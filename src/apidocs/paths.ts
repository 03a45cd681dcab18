import { path } from "../platform/paths.ts";

/** Every route of the API reference and the OpenAPI document: registered from here, linked from here. */
export const paths = {
  // Outside /api, so that the signed-in user's frame shows.
  docs: path("/api-dokumentation"),
  tag: path("/api-dokumentation/:tag"),
  openapi: path("/api/v1/openapi.json"),
  // The address the start page once linked: a permanent redirect to docs.
  oldDocs: path("/api/v1/docs"),
};
