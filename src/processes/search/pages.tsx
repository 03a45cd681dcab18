/** The search page: the text is posted, never in the address, and the hits are not cached. */
import { postedTexts as posted } from "../../platform/form-pages.ts";
import type { App } from "../../platform/http.ts";
import { failure } from "../pages.tsx";
import { paths } from "./paths.ts";
import * as service from "./service.ts";
import { SearchPage } from "./views.tsx";

export function searchPages(app: App): void {
  app.get(paths.search.pattern, { config: { permission: "persons.search" } }, async (req, reply) =>
    reply.page(<SearchPage view={req.view} query="" hits={null} />),
  );

  app.post(paths.search.pattern, { config: { permission: "persons.search" } }, async (req, reply) => {
    const query = posted(req.body).q ?? "";
    reply.header("Cache-Control", "no-store");
    try {
      const hits = await service.searchFamilies(req.ctx, query);
      const offer = hits.length === 0 ? service.breakGlassOffer(req.ctx, query) : null;
      return reply.page(<SearchPage view={req.view} query={query} hits={hits} breakGlassFor={offer} />);
    } catch (e) {
      const f = failure(e, req.t);
      return reply.page(<SearchPage view={req.view} query={query} hits={null} error={f.errors?.q} />, f.status);
    }
  });
}
