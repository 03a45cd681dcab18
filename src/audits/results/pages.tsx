/** The results page of an audit round and its CSV. */
import type { App } from "../../platform/http.ts";
import { paths } from "./paths.ts";
import * as results from "./service.ts";
import { ResultsPage, resultsCsv } from "./views.tsx";

type Params = { Params: { id: string } };

export function resultsPages(app: App): void {
  app.get<Params>(paths.results.pattern, { config: { permission: "audits.results" } }, async (req, reply) => {
    const data = await results.roundResults(req.ctx, req.params.id);
    return reply.page(<ResultsPage view={req.view} results={data} />);
  });

  app.get<Params>(paths.csv.pattern, { config: { permission: "audits.results" } }, async (req, reply) => {
    const data = await results.roundResults(req.ctx, req.params.id);
    return reply
      .header("content-type", "text/csv; charset=utf-8")
      .header("content-disposition", 'attachment; filename="aktgranskning-resultat.csv"')
      .send(resultsCsv(req.t, req.view.locale, data));
  });
}
