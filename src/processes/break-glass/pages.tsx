/** The break-glass pages: the form, and its submit that opens the family's process (303) or shows the form again with its errors. */
import { handleForm } from "../../platform/form-pages.ts";
import type { App } from "../../platform/http.ts";
import { processHref } from "../views.tsx";
import { breakGlassInput } from "./model.ts";
import { paths } from "./paths.ts";
import { breakGlass, breakGlassMinutes } from "./service.ts";
import { BreakGlassPage } from "./views.tsx";

export function breakGlassPages(app: App): void {
  const allowed = { config: { permission: "processes.break_glass" as const } };
  app.get(paths.breakGlass.pattern, allowed, async (req, reply) =>
    reply.page(<BreakGlassPage view={req.view} minutes={await breakGlassMinutes(req.ctx)} />),
  );

  app.post(paths.breakGlass.pattern, allowed, async (req, reply) => {
    reply.header("Cache-Control", "no-store");
    return handleForm(req, reply, {
      schema: breakGlassInput,
      run: (input) => breakGlass(req.ctx, input),
      redirect: (result) => processHref(result.processId),
      render: async (failed) => (
        <BreakGlassPage view={req.view} minutes={await breakGlassMinutes(req.ctx)} values={failed.values} errors={failed.errors} />
      ),
    });
  });
}
