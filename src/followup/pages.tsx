/** The follow-up page and its exports: a GET form (the period and its comparison) that works without JavaScript. */

import type { ServiceContext } from "../platform/context.ts";
import { ValidationError } from "../platform/errors.ts";
import type { App } from "../platform/http.ts";
import type { Translate } from "../platform/i18n.ts";
import { followupCsv, followupXlsx } from "./export.ts";
import { paths } from "./paths.ts";
import { type FollowupData, followup, presets } from "./service.ts";
import { FollowupPage, type PeriodForm } from "./views.tsx";

function query(q: unknown, name: string): string | undefined {
  const v = (q as Record<string, unknown> | undefined)?.[name];
  return typeof v === "string" ? v : undefined;
}

export function followupPages(app: App): void {
  /** The page with the form's errors (400) when the period cannot be read; anything else is rethrown. */
  async function pageOrErrors(req: { ctx: ServiceContext; t: Translate; query: unknown }, run: (data: FollowupData) => unknown) {
    const today = req.ctx.clock.today();
    const asked = {
      period: query(req.query, "period"),
      from: query(req.query, "from"),
      to: query(req.query, "to"),
      compare: query(req.query, "compare"),
    };
    // What the form shows again when the period cannot be read: what was typed.
    const form: PeriodForm = {
      period: asked.period ?? (asked.from || asked.to ? "custom" : "halfYear"),
      from: asked.from ?? "",
      to: asked.to ?? "",
      compare: asked.compare ?? "previous",
    };
    try {
      const data = await followup(req.ctx, asked);
      // The form shows the period computed: the dates as stored, the choice and comparison made.
      const shown: PeriodForm = { period: form.period, from: data.period.from, to: data.period.to, compare: data.comparison };
      return { ok: true as const, value: await run(data), form: shown, today };
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      const errors: Record<string, string> = {};
      for (const [field, key] of Object.entries(e.fieldErrors)) errors[field] = req.t(key);
      return { ok: false as const, errors, form, today };
    }
  }

  app.get(paths.followup.pattern, { config: { permission: "followup.view" } }, async (req, reply) => {
    let shown: FollowupData | null = null;
    const r = await pageOrErrors(req, (data) => {
      shown = data;
    });
    return reply.page(
      <FollowupPage
        view={req.view}
        form={r.form}
        data={shown}
        presets={presets(r.today)}
        today={r.today}
        errors={r.ok ? undefined : r.errors}
      />,
      r.ok ? 200 : 400,
    );
  });

  app.get(paths.exportCsv.pattern, { config: { permission: "followup.view" } }, async (req, reply) => {
    const r = await pageOrErrors(req, async (data) => ({ data, body: followupCsv(req.t, req.view.locale, data, data.precision) }));
    if (!r.ok)
      return reply.page(
        <FollowupPage view={req.view} form={r.form} data={null} presets={presets(r.today)} today={r.today} errors={r.errors} />,
        400,
      );
    const { data, body } = r.value as { data: FollowupData; body: string };
    return reply
      .header("content-type", "text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="uppfoljning-${data.period.from}-${data.period.to}.csv"`)
      .send(body);
  });

  app.get(paths.exportXlsx.pattern, { config: { permission: "followup.view" } }, async (req, reply) => {
    const r = await pageOrErrors(req, async (data) => ({ data, body: await followupXlsx(req.t, data, data.precision) }));
    if (!r.ok)
      return reply.page(
        <FollowupPage view={req.view} form={r.form} data={null} presets={presets(r.today)} today={r.today} errors={r.errors} />,
        400,
      );
    const { data, body } = r.value as { data: FollowupData; body: Buffer };
    return reply
      .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
      .header("content-disposition", `attachment; filename="uppfoljning-${data.period.from}-${data.period.to}.xlsx"`)
      .send(body);
  });
}
