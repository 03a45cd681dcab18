/** The survey results page: a GET form (instrument and period) that works without JavaScript. */

import { ValidationError } from "../../platform/errors.ts";
import type { App } from "../../platform/http.ts";
import { paths } from "./paths.ts";
import * as results from "./service.ts";
import { type ResultsForm, ResultsPage, resultsCsv } from "./views.tsx";

function query(q: unknown, name: string): string | undefined {
  const v = (q as Record<string, unknown> | undefined)?.[name];
  return typeof v === "string" ? v : undefined;
}

export function resultsPages(app: App): void {
  /** The same figures as the page, as CSV; a bad period or instrument is the page's 400 with its errors. */
  app.get(paths.csv.pattern, { config: { permission: "surveys.results" } }, async (req, reply) => {
    const form = {
      instrument: query(req.query, "instrument") ?? "",
      from: query(req.query, "from"),
      to: query(req.query, "to"),
    };
    try {
      const data = await results.surveyResults(req.ctx, form, req.view.locale);
      const name = `enkatresultat-${data.instrument.key}-${data.period.from}-${data.period.to}.csv`;
      return reply
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="${name}"`)
        .send(resultsCsv(req.t, req.view.locale, data));
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      const { instruments, minGroupSize } = await results.resultChoices(req.ctx);
      const errors: Record<string, string> = {};
      for (const [field, key] of Object.entries(e.fieldErrors)) errors[field] = req.t(key);
      const shown = { instrument: form.instrument, from: form.from ?? "", to: form.to ?? "" };
      return reply.page(
        <ResultsPage view={req.view} instruments={instruments} form={shown} results={null} minGroupSize={minGroupSize} errors={errors} />,
        400,
      );
    }
  });

  app.get(paths.results.pattern, { config: { permission: "surveys.results" } }, async (req, reply) => {
    const { instruments, minGroupSize } = await results.resultChoices(req.ctx);
    const period = results.defaultPeriod(req.ctx.clock.today());
    const form: ResultsForm = {
      instrument: query(req.query, "instrument") ?? instruments[0]?.key ?? "",
      from: query(req.query, "from") ?? period.from,
      to: query(req.query, "to") ?? period.to,
    };
    const page = (data: results.SurveyResults | null, errors?: Record<string, string>) => (
      <ResultsPage view={req.view} instruments={instruments} form={form} results={data} minGroupSize={minGroupSize} errors={errors} />
    );
    if (instruments.length === 0) return reply.page(page(null));
    try {
      return reply.page(page(await results.surveyResults(req.ctx, form, req.view.locale)));
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      const errors: Record<string, string> = {};
      for (const [field, key] of Object.entries(e.fieldErrors)) errors[field] = req.t(key);
      return reply.page(page(null, errors), 400);
    }
  });
}
