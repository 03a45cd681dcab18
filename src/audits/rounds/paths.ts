import { path } from "../../platform/paths.ts";

/** Every route of the audit rounds' pages and API: registered from here, linked from here. */
export const paths = {
  list: path("/aktgranskning"),
  newRound: path("/aktgranskning/ny"),
  round: path("/aktgranskning/:id"),
  editRound: path("/aktgranskning/:id/andra"),
  closeRound: path("/aktgranskning/:id/stang"),
  apiRounds: path("/api/v1/audit-rounds"),
  apiOptions: path("/api/v1/audit-rounds/options"),
  apiRound: path("/api/v1/audit-rounds/:id"),
  apiClose: path("/api/v1/audit-rounds/:id/close"),
};
