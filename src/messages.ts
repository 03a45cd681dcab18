import { authMessages } from "./auth/messages.ts";
import type { Catalog } from "./platform/i18n.ts";
import { platformMessages } from "./platform/messages.ts";
import { startMessages } from "./start/messages.ts";

/** Every slice's message catalog. Add a slice's catalog here. */
export const catalogs: Catalog[] = [platformMessages, authMessages, startMessages];
