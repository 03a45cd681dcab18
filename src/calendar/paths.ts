import { path } from "../platform/paths.ts";

/** Every route of the calendar module: the own settings under the account, and the public feed. */
export const paths = {
  settings: path("/konto/kalender"),
  createFeed: path("/konto/kalender/prenumeration"),
  revokeFeed: path("/konto/kalender/prenumeration/aterkalla"),
  reminders: path("/konto/kalender/paminnelser"),
  /** `<secret>.ics`: public, the secret is the key. */
  feed: path("/kalender/:file"),
};
