/**
 * /forskningsuttag (research.export): the form and the log; posting it shows the confirmation with
 * the counts (nothing logged); "Ladda ner" makes the export and answers with the ZIP (no-store);
 * "Ändra" shows the form again with what was typed. Bad input: the form again, field-linked, 400.
 */
import type { IsoDate } from "../platform/dates.ts";
import { handleForm } from "../platform/form-pages.ts";
import type { App } from "../platform/http.ts";
import { paths } from "./paths.ts";
import { exportBody } from "./schemas.ts";
import * as research from "./service.ts";
import { ConfirmPage, ExportFormPage, type FormValues, postedValues } from "./views.tsx";

/** The form's first values: the last three calendar years up to today, month-level dates, case type and household included. */
export function defaultValues(today: IsoDate): FormValues {
  return {
    purpose: "",
    from: `${Number(today.slice(0, 4)) - 3}-01-01`,
    to: today,
    exactDates: false,
    caseTypeAndHousehold: true,
  };
}

export function researchPages(app: App): void {
  app.get(paths.exportForm.pattern, { config: { permission: "research.export" } }, async (req, reply) => {
    const log = await research.listExports(req.ctx);
    return reply.page(<ExportFormPage view={req.view} values={defaultValues(req.ctx.clock.today())} log={log} />);
  });

  app.post(paths.exportForm.pattern, { config: { permission: "research.export" } }, async (req, reply) => {
    const step = (req.body as Record<string, unknown> | undefined)?.step;
    const values = postedValues(req.body);
    if (step === "change") {
      const log = await research.listExports(req.ctx);
      return reply.page(<ExportFormPage view={req.view} values={values} log={log} />);
    }
    return handleForm(req, reply, {
      schema: exportBody,
      // The form always shows both options: one left unticked is false, not the API's default.
      decode: { shown: ["exactDates", "caseTypeAndHousehold"] },
      run: async (input): Promise<research.MadeExport | research.Preview> =>
        step === "download" ? research.makeExport(req.ctx, input) : research.previewExport(req.ctx, input),
      answer: (result) =>
        "zip" in result
          ? reply
              .header("content-type", "application/zip")
              .header("content-disposition", `attachment; filename="${result.fileName}"`)
              .header("cache-control", "no-store")
              .send(result.zip)
          : reply.header("cache-control", "no-store").page(<ConfirmPage view={req.view} preview={result} />),
      render: async ({ errors }) => (
        <ExportFormPage view={req.view} values={values} log={await research.listExports(req.ctx)} errors={errors} />
      ),
    });
  });
}
