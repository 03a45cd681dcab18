/** Pages of the family's timeline (the printable family summary) and the next meeting's printable agenda. */
import type { App } from "../../platform/http.ts";
import { paths } from "./paths.ts";
import { getAgenda, getTimeline } from "./service.ts";
import { AgendaPage, TimelinePage } from "./views.tsx";

type Params = { Params: { id: string } };

export function timelinePages(app: App): void {
  app.get<Params>(paths.timeline.pattern, { config: { permission: "processes.view" } }, async (req, reply) => {
    const data = await getTimeline(req.ctx, req.params.id);
    reply.header("Cache-Control", "no-store");
    return reply.page(<TimelinePage view={req.view} data={data} />);
  });

  app.get<Params>(paths.agenda.pattern, { config: { permission: "processes.view" } }, async (req, reply) => {
    const data = await getAgenda(req.ctx, req.params.id);
    reply.header("Cache-Control", "no-store");
    return reply.page(<AgendaPage view={req.view} data={data} />);
  });
}
