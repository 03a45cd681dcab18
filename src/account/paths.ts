import { path } from "../platform/paths.ts";

/** Every route of the own account (its API tokens) and its API: registered from here, linked from here. */
export const paths = {
  account: path("/konto"),
  newToken: path("/konto/api-nycklar"),
  revokeToken: path("/konto/api-nycklar/:id/aterkalla"),
  endSession: path("/konto/inloggningar/:id/avsluta"),
  endOtherSessions: path("/konto/inloggningar/logga-ut-overallt"),
  apiMe: path("/api/v1/me"),
  apiTokens: path("/api/v1/tokens"),
  apiToken: path("/api/v1/tokens/:id"),
};
