/** The log review by client's pages: the search (posted), a person's log by id, and its CSV and PDF extracts. */
import { csvLine } from "../../platform/csv.ts";
import { ValidationError } from "../../platform/errors.ts";
import { postedTexts } from "../../platform/form-pages.ts";
import { translateErrors } from "../../platform/forms.tsx";
import type { App } from "../../platform/http.ts";
import { renderTypstPdf } from "../../platform/typst.ts";
import { csvStart, formatLogTime } from "../model.ts";
import { accessLine, extractFileName } from "./model.ts";
import { paths } from "./paths.ts";
import { extractSource } from "./pdf.ts";
import { municipalityReviewer, personLog, searchClients } from "./service.ts";
import { ClientSearchPage, PersonLogPage } from "./views.tsx";

type Params = { Params: { personId: string } };

export function clientViewPages(app: App): void {
  app.get(paths.client.pattern, { config: { permission: "audit.review" } }, async (req, reply) => {
    // A unit's reviewer is refused here as in the search itself.
    await municipalityReviewer(req.ctx);
    return reply.page(<ClientSearchPage view={req.view} query="" hits={null} />);
  });

  app.post(paths.client.pattern, { config: { permission: "audit.review" } }, async (req, reply) => {
    const query = postedTexts(req.body).q ?? "";
    reply.header("cache-control", "no-store");
    try {
      const hits = await searchClients(req.ctx, query);
      return reply.page(<ClientSearchPage view={req.view} query={query} hits={hits} />);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      const errors = translateErrors(e.fieldErrors, req.t);
      return reply.page(<ClientSearchPage view={req.view} query={query} hits={null} error={errors.q} />, 400);
    }
  });

  app.get<Params>(paths.person.pattern, { config: { permission: "audit.review" } }, async (req, reply) => {
    const log = await personLog(req.ctx, req.params.personId);
    reply.header("cache-control", "no-store");
    return reply.page(<PersonLogPage view={req.view} log={log} />);
  });

  app.get<Params>(paths.personCsv.pattern, { config: { permission: "audit.review" } }, async (req, reply) => {
    const t = req.t;
    const log = await personLog(req.ctx, req.params.personId, "csv");
    const header = ["time", "user", "action", "assignment", "reason"].map((k) => t(`auditlog.client.col.${k}`));
    const body = csvStart(header) + log.rows.map((r) => csvLine(accessLine(t, req.view.locale, r))).join("");
    return reply
      .header("content-type", "text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="${extractFileName(req.ctx.clock.today(), "csv")}"`)
      .header("cache-control", "no-store")
      .send(body);
  });

  app.get<Params>(paths.personPdf.pattern, { config: { permission: "audit.review" } }, async (req, reply) => {
    const t = req.t;
    const log = await personLog(req.ctx, req.params.personId, "pdf");
    const madeBy = req.view.actor ? `${req.view.actor.displayName} (${req.view.actor.username})` : "";
    const pdf = await renderTypstPdf(
      extractSource(t, req.view.locale, { ...log, madeAt: formatLogTime(req.view.locale, req.ctx.clock.now()), madeBy }),
    );
    return reply
      .header("content-type", "application/pdf")
      .header("content-disposition", `attachment; filename="${extractFileName(req.ctx.clock.today(), "pdf")}"`)
      .header("cache-control", "no-store")
      .send(pdf);
  });
}
