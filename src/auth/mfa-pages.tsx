/**
 * The second factor's pages (decision 0060): the login's second step "Ange koden från din app",
 * and enrolment (from the account page, or right after the password when the user's role requires
 * it), with the recovery codes shown once.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { handleForm, postedTexts } from "../platform/form-pages.ts";
import { ErrorSummary, TextField } from "../platform/forms.tsx";
import type { App, View } from "../platform/http.ts";
import { CsrfField, Layout, PageHeading } from "../platform/layout.tsx";
import { type SessionStore, sessionCookieName } from "../platform/sessions.ts";
import { mfaCodeInput } from "./mfa-model.ts";
import * as mfa from "./mfa-service.ts";
import { safeReturnPath } from "./model.ts";
import { paths } from "./paths.ts";

/** The account page: a URL against the direction of the dependencies (account uses auth's front door). */
const ACCOUNT_PAGE = "/konto";

function CodePage(props: { view: View; next?: string; errors?: Record<string, string> }) {
  const { view } = props;
  const { t } = view;
  const errors = props.errors ?? {};
  return (
    <Layout view={view} title={t("auth.mfa.code.title")}>
      <div class="sofia-narrow">
        <PageHeading>{t("auth.mfa.code.title")}</PageHeading>
        <ErrorSummary errors={errors} t={t} />
        <p class="ds-paragraph">{t("auth.mfa.code.intro")}</p>
        <form method="post" action={paths.mfaCode.href()} novalidate>
          <CsrfField view={view} />
          {props.next && <input type="hidden" name="next" value={props.next} />}
          <TextField
            name="code"
            label={t("auth.mfa.code.label")}
            hint={t("auth.mfa.code.hint")}
            autocomplete="one-time-code"
            spellcheck={false}
            error={errors.code}
          />
          <button type="submit" class="ds-button" data-variant="primary">
            {t("auth.mfa.code.submit")}
          </button>
        </form>
        <form method="post" action={paths.logout.href()} class="sofia-mfa__cancel">
          <CsrfField view={view} />
          <button type="submit" class="ds-button" data-variant="tertiary">
            {t("auth.mfa.cancel")}
          </button>
        </form>
      </div>
    </Layout>
  );
}

function EnrolPage(props: { view: View; enrolment: mfa.Enrolment; required: boolean; errors?: Record<string, string> }) {
  const { view, enrolment } = props;
  const { t } = view;
  const errors = props.errors ?? {};
  return (
    <Layout view={view} title={t("auth.mfa.enrol.title")}>
      <div class="sofia-narrow">
        <PageHeading>{t("auth.mfa.enrol.title")}</PageHeading>
        <ErrorSummary errors={errors} t={t} />
        {enrolment.enrolled ? (
          <>
            <p class="ds-paragraph">{t("auth.mfa.enrol.already")}</p>
            <p class="ds-paragraph">
              <a class="ds-link" href={ACCOUNT_PAGE}>
                {t("auth.mfa.toAccount")}
              </a>
            </p>
          </>
        ) : (
          <>
            {props.required && (
              <div class="ds-alert" data-color="info" role="status">
                <p class="ds-paragraph">{t("auth.mfa.enrol.required")}</p>
              </div>
            )}
            <p class="ds-paragraph">{t("auth.mfa.enrol.intro")}</p>
            <ol class="sofia-mfa__steps">
              <li>{t("auth.mfa.enrol.step1")}</li>
              <li>
                {t("auth.mfa.enrol.step2")}
                <div
                  class="sofia-mfa__qr"
                  role="img"
                  aria-label={t("auth.mfa.enrol.qr")}
                  // qrcode's own SVG of our otpauth:// address: no markup from a user.
                  dangerouslySetInnerHTML={{ __html: enrolment.qr ?? "" }}
                />
                <p class="ds-paragraph">{t("auth.mfa.enrol.secretIntro")}</p>
                <p class="ds-paragraph sofia-mfa__secret">
                  <code>{enrolment.secret}</code>
                </p>
              </li>
              <li>{t("auth.mfa.enrol.step3")}</li>
            </ol>
            <form method="post" action={paths.mfaEnrol.href()} novalidate>
              <CsrfField view={view} />
              <TextField
                name="code"
                label={t("auth.mfa.code.label")}
                hint={t("auth.mfa.code.hintEnrol")}
                autocomplete="one-time-code"
                spellcheck={false}
                error={errors.code}
              />
              <button type="submit" class="ds-button" data-variant="primary">
                {t("auth.mfa.enrol.submit")}
              </button>
            </form>
          </>
        )}
      </div>
    </Layout>
  );
}

function RecoveryCodesPage({ view, codes, next }: { view: View; codes: string[]; next: string }) {
  const { t } = view;
  return (
    <Layout view={view} title={t("auth.mfa.recovery.title")}>
      <div class="sofia-narrow">
        <PageHeading>{t("auth.mfa.recovery.title")}</PageHeading>
        <div class="ds-alert" data-color="success" role="status">
          <p class="ds-paragraph">{t("auth.mfa.recovery.done")}</p>
        </div>
        <p class="ds-paragraph">{t("auth.mfa.recovery.intro")}</p>
        <ul class="sofia-mfa__codes" aria-label={t("auth.mfa.recovery.title")}>
          {codes.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ul>
        <p class="ds-paragraph">
          <a class="ds-button" data-variant="primary" href={next}>
            {t("auth.mfa.recovery.continue")}
          </a>
        </p>
      </div>
    </Layout>
  );
}

function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string) {
  const secure = req.protocol === "https";
  reply.setCookie(sessionCookieName(secure), token, { path: "/", httpOnly: true, sameSite: "lax", secure });
}

const nextOf = (value: unknown): string | undefined => (typeof value === "string" && value ? safeReturnPath(value) : undefined);

export function mfaPages(app: App, sessions: SessionStore): void {
  app.get(paths.mfaCode.pattern, { config: { permission: "public" } }, async (req, reply) => {
    if (req.actor) return reply.redirect("/start", 303);
    if (req.pendingLogin?.stage !== "mfa") return reply.redirect(req.pendingLogin ? paths.mfaEnrol.href() : paths.login.href(), 303);
    const next = nextOf((req.query as Record<string, unknown>).next);
    return reply.page(<CodePage view={req.view} next={next} />);
  });

  app.post(paths.mfaCode.pattern, { config: { permission: "public" } }, async (req, reply) => {
    const pending = req.pendingLogin;
    const token = req.sessionToken;
    if (req.actor) return reply.redirect("/start", 303);
    if (pending?.stage !== "mfa" || !token) return reply.redirect(paths.login.href(), 303);
    const body = postedTexts(req.body);
    const next = nextOf(body.next);
    return handleForm(req, reply, {
      schema: mfaCodeInput,
      run: (input) => mfa.verifyLoginCode(req.ctx, sessions, token, pending, input),
      // A wrong code answers like a failed login (401, or 429 when locked), on the same page.
      answer: (result) => {
        if (!result.ok) {
          if (result.messageKey === "auth.mfa.expired") {
            reply.clearCookie(sessionCookieName(req.protocol === "https"), { path: "/" });
            return reply.redirect(paths.login.href({ orsak: "inaktiv" }), 303);
          }
          const status = result.messageKey === "auth.login.throttled" ? 429 : 401;
          const message = req.t(result.messageKey, { minutes: result.minutes ?? 0 });
          return reply.page(<CodePage view={req.view} next={next} errors={{ code: message }} />, status);
        }
        setSessionCookie(req, reply, result.token);
        return reply.redirect(next ?? "/start", 303);
      },
      render: ({ errors }) => <CodePage view={req.view} next={next} errors={errors} />,
    });
  });

  app.get(paths.mfaEnrol.pattern, { config: { permission: "public" } }, async (req, reply) => {
    if (!req.actor && req.pendingLogin?.stage !== "enrol")
      return reply.redirect(req.pendingLogin ? paths.mfaCode.href() : paths.login.href(), 303);
    const enrolment = await mfa.beginEnrolment(req.ctx, req.pendingLogin);
    return reply.page(<EnrolPage view={req.view} enrolment={enrolment} required={!req.actor} />);
  });

  app.post(paths.mfaEnrol.pattern, { config: { permission: "public" } }, async (req, reply) => {
    const pending = req.pendingLogin;
    if (!req.actor && pending?.stage !== "enrol") return reply.redirect(pending ? paths.mfaCode.href() : paths.login.href(), 303);
    return handleForm(req, reply, {
      schema: mfaCodeInput,
      run: (input) => mfa.confirmEnrolment(req.ctx, sessions, req.sessionToken, pending, input),
      // The recovery codes are shown once and never put in a URL: 201 with the page.
      answer: (result) => {
        if (result.token) setSessionCookie(req, reply, result.token);
        return reply.page(
          <RecoveryCodesPage view={req.view} codes={result.recoveryCodes} next={req.actor ? ACCOUNT_PAGE : "/start"} />,
          201,
        );
      },
      render: async ({ errors }) => (
        <EnrolPage view={req.view} enrolment={await mfa.pendingEnrolment(req.ctx, pending)} required={!req.actor} errors={errors} />
      ),
    });
  });
}
