import type { FastifyReply, FastifyRequest } from "fastify";
import type { Config } from "../platform/config.ts";
import { handleForm, postedTexts } from "../platform/form-pages.ts";
import { ErrorSummary, TextField } from "../platform/forms.tsx";
import { type App, LOCALE_COOKIE, type View } from "../platform/http.ts";
import { isLocale } from "../platform/i18n.ts";
import { CsrfField, Layout, PageHeading } from "../platform/layout.tsx";
import { anonymousPage } from "../platform/page-template.ts";
import { type SessionStore, sessionCookieName } from "../platform/sessions.ts";
import { loginInput, safeReturnPath, setPasswordInput } from "./model.ts";
import { paths } from "./paths.ts";
import * as auth from "./service.ts";
import { loginProviders } from "./sso-service.ts";

/** The login page's buttons for the municipality's login: one per provider (usually one), carrying where to go after. */
export async function ssoButtons(req: FastifyRequest, config: Config, next: string | undefined): Promise<SsoButton[]> {
  const providers = await loginProviders(req.ctx, config);
  const after = next && safeReturnPath(next) !== "/start" ? { next: safeReturnPath(next) } : {};
  return providers.map((p) => ({
    href: paths.sso.href(providers.length > 1 ? { kommun: p.key, ...after } : after),
    name: providers.length > 1 ? p.name : undefined,
  }));
}

const notices: Record<string, string> = { inaktiv: "session.expired", utloggad: "session.loggedOut", losenord: "auth.password.done" };

/** A button on the login page that starts a login at a provider (a plain link: works without JavaScript). */
export interface SsoButton {
  href: string;
  /** The municipality's name when there are several providers. */
  name?: string;
}

export function LoginPage(props: {
  view: View;
  username?: string;
  next?: string;
  errors?: Record<string, string>;
  notice?: string;
  sso?: SsoButton[];
  /** Why a login with the municipality's login was refused (a message key). */
  ssoProblem?: string;
}) {
  const { view } = props;
  const { t } = view;
  const errors = props.errors ?? {};
  return (
    <Layout view={view} title={t("auth.login.title")}>
      <div class="sofia-narrow">
        <PageHeading>{t("auth.login.title")}</PageHeading>
        {props.notice && (
          <div class="ds-alert" data-color="info" role="status">
            <p class="ds-paragraph">{t(props.notice)}</p>
          </div>
        )}
        {props.ssoProblem && (
          <div class="ds-alert" data-color="danger" role="alert">
            <p class="ds-paragraph">{t(props.ssoProblem)}</p>
          </div>
        )}
        <ErrorSummary errors={errors} t={t} />
        {props.sso && props.sso.length > 0 && (
          <section aria-labelledby="sso-h" class="sofia-section">
            <h2 id="sso-h" class="ds-heading" data-size="xs">
              {t("auth.sso.heading")}
            </h2>
            <div class="sofia-actions">
              {props.sso.map((b) => (
                <a class="ds-button" data-variant="primary" href={b.href}>
                  {b.name ? t("auth.sso.buttonFor", { name: b.name }) : t("auth.sso.button")}
                </a>
              ))}
            </div>
            <h2 class="ds-heading" data-size="xs">
              {t("auth.sso.localHeading")}
            </h2>
          </section>
        )}
        <p class="ds-paragraph">{t("auth.login.intro")}</p>
        <form method="post" action={paths.login.href()} novalidate>
          <CsrfField view={view} />
          {props.next && <input type="hidden" name="next" value={props.next} />}
          <TextField
            name="username"
            label={t("auth.login.username")}
            value={props.username}
            autocomplete="username"
            spellcheck={false}
            error={errors.username}
          />
          <TextField
            name="password"
            label={t("auth.login.password")}
            type="password"
            autocomplete="current-password"
            error={errors.password}
          />
          <button type="submit" class="ds-button" data-variant="primary">
            {t("auth.login.submit")}
          </button>
        </form>
      </div>
    </Layout>
  );
}

function SetPasswordPage(props: { view: View; name: string; errors?: Record<string, string> }) {
  const { view } = props;
  const { t } = view;
  const errors = props.errors ?? {};
  return (
    <Layout view={view} title={t("auth.password.title")}>
      <div class="sofia-narrow">
        <PageHeading>{t("auth.password.title")}</PageHeading>
        <ErrorSummary errors={errors} t={t} />
        <p class="ds-paragraph">{t("auth.password.intro", { name: props.name })}</p>
        <form method="post" novalidate>
          <CsrfField view={view} />
          <TextField
            name="password"
            type="password"
            label={t("auth.password.new")}
            hint={t("auth.password.hint")}
            autocomplete="new-password"
            error={errors.password}
          />
          <TextField name="confirm" type="password" label={t("auth.password.confirm")} autocomplete="new-password" error={errors.confirm} />
          <button type="submit" class="ds-button" data-variant="primary">
            {t("auth.password.submit")}
          </button>
        </form>
      </div>
    </Layout>
  );
}

function InvalidLinkPage({ view }: { view: View }) {
  const { t } = view;
  return (
    <Layout view={view} title={t("auth.password.invalidLink")}>
      <PageHeading>{t("auth.password.invalidLink")}</PageHeading>
      <p class="ds-paragraph">{t("auth.password.invalidLinkText")}</p>
    </Layout>
  );
}

function secondStepHref(step: "mfa" | "enrol", next: string | undefined): string {
  if (step === "enrol") return paths.mfaEnrol.href();
  return next ? paths.mfaCode.href({ next: safeReturnPath(next) }) : paths.mfaCode.href();
}

function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string) {
  const secure = req.protocol === "https";
  reply.setCookie(sessionCookieName(secure), token, { path: "/", httpOnly: true, sameSite: "lax", secure });
}

export function authPages(app: App, sessions: SessionStore, config: Config): void {
  app.get(paths.root.pattern, { config: { permission: "public" } }, async (req, reply) =>
    reply.redirect(req.actor ? "/start" : paths.login.href(), 303),
  );

  app.get(paths.login.pattern, { config: { permission: "public" } }, async (req, reply) => {
    if (req.actor) return reply.redirect("/start", 303);
    const query = req.query as Record<string, string | undefined>;
    const notice = notices[query.orsak ?? ""];
    const sso = await ssoButtons(req, config, undefined);
    // The same for every visitor but the CSRF token and the nonce: rendered once (decision 0054).
    const key = `login\u0000${notice ?? ""}\u0000${JSON.stringify(sso)}`;
    return reply.page(anonymousPage(key, req.view, (view) => <LoginPage view={view} notice={notice} sso={sso} />));
  });

  app.post(paths.login.pattern, { config: { permission: "public" } }, async (req, reply) => {
    const body = postedTexts(req.body);
    return handleForm(req, reply, {
      schema: loginInput,
      run: (input) => auth.login(req.ctx, sessions, input),
      // A refused login is not a form error: one generic message (or the wait), 401 or 429, revealing nothing.
      answer: async (result) => {
        if (!result.ok) {
          const status = result.messageKey === "auth.login.throttled" ? 429 : 401;
          const message = req.t(result.messageKey, { minutes: result.minutes ?? 0 });
          return reply.page(
            <LoginPage
              view={req.view}
              username={body.username?.trim()}
              next={body.next}
              errors={{ username: message }}
              sso={await ssoButtons(req, config, body.next)}
            />,
            status,
          );
        }
        setSessionCookie(req, reply, result.token);
        // A user with a second factor (or who must enrol) goes on to that step (mfa-pages.tsx).
        if (result.step) return reply.redirect(secondStepHref(result.step, body.next), 303);
        return reply.redirect(safeReturnPath(body.next), 303);
      },
      render: async ({ errors }) => (
        <LoginPage
          view={req.view}
          username={body.username}
          next={body.next}
          errors={errors}
          sso={await ssoButtons(req, config, body.next)}
        />
      ),
    });
  });

  app.post(paths.logout.pattern, { config: { permission: "public" } }, async (req, reply) => {
    if (req.sessionToken) await auth.logout(req.ctx, sessions, req.sessionToken);
    reply.clearCookie(sessionCookieName(req.protocol === "https"), { path: "/" });
    return reply.redirect(paths.login.href({ orsak: "utloggad" }), 303);
  });

  app.post(paths.extendSession.pattern, { config: { permission: "authenticated" } }, async (req, reply) => {
    if (req.sessionToken) await sessions.extend(req.ctx.db, req.sessionToken);
    if (req.headers.accept?.includes("application/json")) return reply.send({ ok: true });
    return reply.redirect(safeReturnPath((req.body as Record<string, unknown>)?.back), 303);
  });

  app.post(paths.language.pattern, { config: { permission: "public" } }, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const lang = isLocale(body.lang) ? body.lang : "sv";
    reply.setCookie(LOCALE_COOKIE, lang, {
      path: "/",
      sameSite: "lax",
      httpOnly: true,
      secure: req.protocol === "https",
      maxAge: 365 * 24 * 3600,
    });
    const back = safeReturnPath(body.back);
    return reply.redirect(back === "/start" && !req.actor ? paths.login.href() : back, 303);
  });

  // The token is a random secret, not personal data; the page answers no-store and no-referrer.
  app.get<{ Params: { token: string } }>(paths.password.pattern, { config: { permission: "public" } }, async (req, reply) => {
    reply.header("referrer-policy", "no-referrer");
    const target = await auth.passwordLinkTarget(req.ctx, req.params.token);
    if (!target) return reply.page(<InvalidLinkPage view={req.view} />, 404);
    return reply.page(<SetPasswordPage view={req.view} name={target.displayName} />);
  });

  app.post<{ Params: { token: string } }>(paths.password.pattern, { config: { permission: "public" } }, async (req, reply) => {
    reply.header("referrer-policy", "no-referrer");
    const target = await auth.passwordLinkTarget(req.ctx, req.params.token);
    if (!target) return reply.page(<InvalidLinkPage view={req.view} />, 404);
    return handleForm(req, reply, {
      schema: setPasswordInput,
      body: { ...postedTexts(req.body), token: req.params.token },
      run: (input) => auth.setPasswordWithLink(req.ctx, sessions, input),
      answer: (outcome) => {
        if (outcome === "invalid_link") return reply.page(<InvalidLinkPage view={req.view} />, 404);
        reply.clearCookie(sessionCookieName(req.protocol === "https"), { path: "/" });
        return reply.redirect(paths.login.href({ orsak: "losenord" }), 303);
      },
      render: ({ errors }) => <SetPasswordPage view={req.view} name={target.displayName} errors={errors} />,
    });
  });
}
