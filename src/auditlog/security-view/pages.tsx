import { ValidationError } from "../../platform/errors.ts";
import { translateErrors } from "../../platform/forms.tsx";
import type { App } from "../../platform/http.ts";
import { rawValues } from "../parts.tsx";
import { paths } from "./paths.ts";
import { securityLogPage } from "./service.ts";
import { SecurityLogView, securityValues } from "./views.tsx";

/** The security log view's page: a wrong filter is shown beside its field (400). */
export function securityViewPages(app: App): void {
  app.get(paths.security.pattern, { config: { permission: "audit.review" } }, async (req, reply) => {
    try {
      const data = await securityLogPage(req.ctx, req.query);
      return reply.page(<SecurityLogView view={req.view} values={securityValues(data.filter)} data={data} />);
    } catch (error) {
      if (error instanceof ValidationError) {
        return reply.page(
          <SecurityLogView view={req.view} values={rawValues(req.query)} errors={translateErrors(error.fieldErrors, req.t)} />,
          400,
        );
      }
      throw error;
    }
  });
}
