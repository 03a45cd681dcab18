/** The municipality's single sign-on settings page (decision 0059). */
import type { FastifyRequest } from "fastify";
import { paths as authPaths } from "../../auth/index.ts";
import type { Config } from "../../platform/config.ts";
import { handleForm, noticeFrom } from "../../platform/form-pages.ts";
import type { App } from "../../platform/http.ts";
import { ssoSettingsBody } from "./model.ts";
import { paths } from "./paths.ts";
import * as sso from "./service.ts";
import { SsoSettingsPage } from "./views.tsx";

const notices: Record<string, string> = { sparad: "org.sso.saved", borttagen: "org.sso.removed" };

/** The address to register at the provider: the same as the login's callback builds (PUBLIC_URL, else this request's origin). */
const redirectUriOf = (req: FastifyRequest, config: Config) =>
  `${(config.publicUrl ?? `${req.protocol}://${req.host}`).replace(/\/+$/, "")}${authPaths.ssoCallback.href()}`;

export function ssoSettingsPages(app: App, config: Config): void {
  const page = async (req: FastifyRequest, extra: Partial<Parameters<typeof SsoSettingsPage>[0]> = {}) => (
    <SsoSettingsPage
      view={req.view}
      settings={await sso.ssoSettings(req.ctx)}
      fromEnvironment={config.oidc !== undefined}
      redirectUri={redirectUriOf(req, config)}
      {...extra}
    />
  );

  app.get(paths.settings.pattern, { config: { permission: "organisation.manage" } }, async (req, reply) =>
    reply.page(await page(req, { notice: noticeFrom(req.query, notices) })),
  );

  app.post(paths.settings.pattern, { config: { permission: "organisation.manage" } }, async (req, reply) =>
    handleForm(req, reply, {
      schema: ssoSettingsBody,
      run: (input) => sso.saveSsoSettings(req.ctx, input),
      redirect: () => paths.settings.href({ klart: "sparad" }),
      render: async ({ values, ...failure }) => page(req, { values, failure }),
    }),
  );

  app.post(paths.remove.pattern, { config: { permission: "organisation.manage" } }, async (req, reply) => {
    await sso.removeSsoSettings(req.ctx);
    return reply.redirect(paths.settings.href({ klart: "borttagen" }), 303);
  });
}
