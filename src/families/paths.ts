import { path } from "../platform/paths.ts";

/** Every route of the families module (requests), its pages and its API: registered from here, linked from here. */
export const paths = {
  list: path("/forfragningar"),
  newRequest: path("/forfragningar/ny"),
  request: path("/forfragningar/:id"),
  editOpenStatus: path("/forfragningar/:id/andra"),
  editContact: path("/forfragningar/:id/kontakt"),
  decision: path("/forfragningar/:id/sofiamote"),
  apiRequests: path("/api/v1/requests"),
  apiRequest: path("/api/v1/requests/:id"),
  apiDecision: path("/api/v1/requests/:id/decision"),
  apiContact: path("/api/v1/requests/:id/contact"),
};
