/** The two routes of single sign-on (decision 0059): start at the provider, and come back from it. */
import type { FastifyRequest } from "fastify";
import type { Config } from "../platform/config.ts";
import type { App } from "../platform/http.ts";
import { type SessionStore, sessionCookieName } from "../platform/sessions.ts";
import { LoginPage, ssoButtons } from "./pages.tsx";
import { paths } from "./paths.ts";
import { PENDING_MINUTES, refusalMessage, SSO_COOKIE } from "./sso-model.ts";
import * as sso from "./sso-service.ts";

/** The redirect URI registered at the provider: PUBLIC_URL's, else this request's origin, and the callback's path. */
const redirectUriOf = (req: FastifyRequest, config: Config) =>
  `${(config.publicUrl ?? `${req.protocol}://${req.host}`).replace(/\/+$/, "")}${paths.ssoCallback.href()}`;

export function ssoPages(app: App, sessions: SessionStore, config: Config): void {
  // A plain link from the login page: works without JavaScript. The state goes to the browser in a
  // cookie for the callback's path only; the rest of the started login is in the database.
  app.get(paths.sso.pattern, { config: { permission: "public" } }, async (req, reply) => {
    if (req.actor) return reply.redirect("/start", 303);
    const query = req.query as Record<string, unknown>;
    const started = await sso.startSso(req.ctx, config, {
      key: typeof query.kommun === "string" ? query.kommun : undefined,
      redirectUri: redirectUriOf(req, config),
      next: query.next,
    });
    if (!started.ok) {
      const status = started.reason === "not_configured" ? 404 : 503;
      return reply.page(
        <LoginPage view={req.view} ssoProblem={refusalMessage(started.reason)} sso={await ssoButtons(req, config, undefined)} />,
        status,
      );
    }
    reply.setCookie(SSO_COOKIE, started.state, {
      path: paths.sso.href(),
      httpOnly: true,
      sameSite: "lax",
      secure: req.protocol === "https",
      maxAge: PENDING_MINUTES * 60,
    });
    return reply.redirect(started.url, 303);
  });

  app.get(paths.ssoCallback.pattern, { config: { permission: "public" } }, async (req, reply) => {
    reply.header("referrer-policy", "no-referrer");
    const query = new URLSearchParams(req.url.includes("?") ? req.url.slice(req.url.indexOf("?") + 1) : "");
    const result = await sso.finishSso(req.ctx, sessions, config, {
      query,
      cookieState: req.cookies[SSO_COOKIE],
      redirectUri: redirectUriOf(req, config),
    });
    reply.clearCookie(SSO_COOKIE, { path: paths.sso.href() });
    if (!result.ok) {
      return reply.page(
        <LoginPage view={req.view} ssoProblem={refusalMessage(result.reason)} sso={await ssoButtons(req, config, undefined)} />,
        401,
      );
    }
    const secure = req.protocol === "https";
    reply.setCookie(sessionCookieName(secure), result.token, { path: "/", httpOnly: true, sameSite: "lax", secure });
    return reply.redirect(result.returnPath, 303);
  });
}
