import { path } from "../platform/paths.ts";

/** Every route of the auth module: registered from here, linked from here. */
export const paths = {
  root: path("/"),
  login: path("/logga-in"),
  /** Starts a login at the municipality's OIDC provider (decision 0059). */
  sso: path("/logga-in/sso"),
  /** Where the provider sends the browser back: the OIDC redirect URI. */
  ssoCallback: path("/logga-in/sso/klar"),
  logout: path("/logga-ut"),
  extendSession: path("/session/forlang"),
  language: path("/sprak"),
  password: path("/losenord/:token"),
  /** The login's second step: the code from the app (decision 0060). */
  mfaCode: path("/logga-in/kod"),
  /** Enrolling in two-step verification: from the account page, or right after the password when required. */
  mfaEnrol: path("/tvastegsverifiering"),
};
