import type { App } from "../platform/http.ts";
import type { ModuleDeps } from "../platform/module.ts";
import { processesApi } from "./api.ts";
import { breakGlassPages } from "./break-glass/pages.tsx";
import { listApi } from "./list/api.ts";
import { listPages } from "./list/pages.tsx";
import { meetingsApi } from "./meetings/api.ts";
import { meetingsPages } from "./meetings/pages.tsx";
import { processesPages } from "./pages.tsx";
import { searchApi } from "./search/api.ts";
import { searchPages } from "./search/pages.tsx";
import { stopsApi } from "./stops/api.ts";
import { stopsPages } from "./stops/pages.tsx";
import { supportApi } from "./support/api.ts";
import { supportPages } from "./support/pages.tsx";
import { teamApi } from "./team/api.ts";
import { teamPages } from "./team/pages.tsx";
import { timelineApi } from "./timeline/api.ts";
import { timelinePages } from "./timeline/pages.tsx";

/** The processes module's pages and API, in the order they are registered. */
export async function routes(app: App, _deps: ModuleDeps): Promise<void> {
  stopsPages(app);
  stopsApi(app);
  supportPages(app);
  supportApi(app);
  timelinePages(app);
  timelineApi(app);
  meetingsPages(app);
  meetingsApi(app);
  listPages(app);
  listApi(app);
  teamPages(app);
  teamApi(app);
  searchPages(app);
  searchApi(app);
  breakGlassPages(app);
  processesPages(app);
  processesApi(app);
}
