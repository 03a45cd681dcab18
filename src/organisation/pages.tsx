import type { App } from "../platform/http.ts";
import type { SessionStore } from "../platform/sessions.ts";
import { unitPages } from "./unit-pages.tsx";
import { userPages } from "./user-pages.tsx";

/** The organisation's pages: the municipality and its units, and the users. */
export function organisationPages(app: App, sessions: SessionStore): void {
  unitPages(app);
  userPages(app, sessions);
}
