/** The page of the list of processes. */
import type { App } from "../../platform/http.ts";
import { paths } from "./paths.ts";
import * as service from "./service.ts";
import { ListPage, listFilter, listQuery } from "./views.tsx";

type Query = { Querystring: Record<string, string | undefined> };

export function listPages(app: App): void {
  app.get<Query>(paths.list.pattern, { config: { permission: "processes.view" } }, async (req, reply) => {
    const query = listQuery(req.query);
    const list = await service.listProcesses(req.ctx, listFilter(query), { names: true });
    const choices = await service.listChoices(req.ctx);
    const notice = req.query.klart === "overlamnad" ? req.t("processes.saved.handover") : undefined;
    return reply.page(<ListPage view={req.view} list={list} query={query} choices={choices} notice={notice} />);
  });
}
