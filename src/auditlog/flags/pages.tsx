/** The flags page (GET with the settings), and the note that marks a flag reviewed (POST, then back to the page). */
import type { FastifyRequest } from "fastify";
import { ConflictError, ValidationError } from "../../platform/errors.ts";
import { postedTexts } from "../../platform/form-pages.ts";
import { translateErrors } from "../../platform/forms.tsx";
import type { App } from "../../platform/http.ts";
import { DEFAULT_FLAG_SETTINGS } from "./model.ts";
import { paths } from "./paths.ts";
import { openFlags, reviewFlag } from "./service.ts";
import { FlagsPageView, type ReviewError, settingsValues } from "./views.tsx";

function typed(query: unknown): Record<string, string> {
  const q = (query && typeof query === "object" ? query : {}) as Record<string, unknown>;
  const values: Record<string, string> = {};
  for (const k of ["from", "to", "families", "minutes", "dayStart", "dayEnd"]) if (typeof q[k] === "string") values[k] = q[k] as string;
  return values;
}

async function page(req: FastifyRequest, extra: { notice?: string; reviewError?: ReviewError } = {}) {
  const data = await openFlags(req.ctx, req.query);
  return <FlagsPageView view={req.view} values={settingsValues(data.settings)} data={data} {...extra} />;
}

export function flagsPages(app: App): void {
  app.get(paths.flags.pattern, { config: { permission: "audit.review" } }, async (req, reply) => {
    reply.header("cache-control", "no-store");
    const notice = (req.query as Record<string, unknown>).klart === "granskad" ? req.t("auditlog.flags.reviewed") : undefined;
    try {
      return reply.page(await page(req, { notice }));
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      const values = { ...Object.fromEntries(Object.entries(DEFAULT_FLAG_SETTINGS).map(([k, v]) => [k, String(v)])), ...typed(req.query) };
      return reply.page(<FlagsPageView view={req.view} values={values} errors={translateErrors(e.fieldErrors, req.t)} />, 400);
    }
  });

  app.post(paths.review.pattern, { config: { permission: "audit.review" } }, async (req, reply) => {
    const body = postedTexts(req.body);
    try {
      await reviewFlag(req.ctx, { logId: body.logId, kind: body.kind, note: body.note });
      return reply.redirect(`${paths.flags.href()}?klart=granskad`, 303);
    } catch (e) {
      if (!(e instanceof ValidationError || e instanceof ConflictError)) throw e;
      const key = e instanceof ValidationError ? (Object.values(e.fieldErrors)[0] ?? "auditlog.flags.noteMissing") : e.messageKey;
      const reviewError = { logId: body.logId ?? "", kind: body.kind ?? "", note: body.note ?? "", message: req.t(key) };
      return reply.page(await page(req, { reviewError }), e instanceof ConflictError ? 409 : 400);
    }
  });
}
