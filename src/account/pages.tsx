import { paths as apidocsPaths } from "../apidocs/index.ts";
import { mfaStatus } from "../auth/index.ts";
import { calendarPaths } from "../calendar/index.ts";
import { handleForm, many, one } from "../platform/form-pages.ts";
import { CheckboxGroup, ErrorSummary, SelectField, TextField } from "../platform/forms.tsx";
import type { App, View } from "../platform/http.ts";
import { compareText, formatDateTime } from "../platform/i18n.ts";
import { CsrfField, Layout, PageHeading } from "../platform/layout.tsx";
import { actions, isAction } from "../platform/permissions.ts";
import type { SessionStore } from "../platform/sessions.ts";
import { DEFAULT_TOKEN_LIFETIME, newTokenInput, TOKEN_LIFETIMES, tokenStatus } from "./model.ts";
import { paths } from "./paths.ts";
import { type AccountSecurity, MfaSection, SessionsSection } from "./security-views.tsx";
import { type AccountOverview, accountOverview, createToken, type ListedToken, revokeToken } from "./service.ts";
import { endMyOtherSessions, endMySession, mySessions } from "./sessions.ts";

interface TokenForm {
  name: string;
  scopes: string[];
  expiresInDays: string;
}

const emptyForm: TokenForm = { name: "", scopes: [], expiresInDays: String(DEFAULT_TOKEN_LIFETIME) };

/** The Swedish description of an action from the policy table, with its code for the API documentation. */
export const scopeLabel = (scope: string) => (isAction(scope) ? `${actions[scope]} (${scope})` : scope);

/** The form as posted, to show it again. */
function formFrom(values: Record<string, string | string[]>): TokenForm {
  return {
    name: one(values.name),
    scopes: many(values.scopes),
    expiresInDays: one(values.expiresInDays) || String(DEFAULT_TOKEN_LIFETIME),
  };
}

function AccountView(props: {
  view: View;
  data: AccountOverview;
  security: AccountSecurity;
  form?: TokenForm;
  errors?: Record<string, string>;
  notice?: string;
}) {
  const { view, data } = props;
  const { t, locale } = view;
  const errors = props.errors ?? {};
  const form = props.form ?? emptyForm;
  const cmp = compareText(locale);
  const labels = { name: t("account.token.name"), scopes: t("account.token.scopes"), expiresInDays: t("account.token.lifetime") };
  return (
    <Layout view={view} title={t("account.title")}>
      <PageHeading>{t("account.title")}</PageHeading>
      <ErrorSummary errors={errors} t={t} labels={labels} />
      {props.notice && (
        <div class="ds-alert" data-color="success" role="status">
          <p class="ds-paragraph">{t(props.notice)}</p>
        </div>
      )}

      <section aria-labelledby="details-h" class="sofia-section">
        <h2 id="details-h" class="ds-heading" data-size="sm">
          {t("account.details")}
        </h2>
        <dl class="sofia-account-details">
          <dt>{t("account.name")}</dt>
          <dd>{data.user.displayName}</dd>
          <dt>{t("account.username")}</dt>
          <dd>{data.user.username}</dd>
          <dt>{t("account.roles")}</dt>
          <dd>{data.user.roles.map((r) => t(`role.${r}`)).join(", ")}</dd>
          <dt>{t("account.units")}</dt>
          <dd>
            {data.units.length === 0 ? (
              t("account.noUnits")
            ) : (
              <ul class="ds-list">
                {[...data.units]
                  .sort((a, b) => cmp(a.name, b.name))
                  .map((u) => (
                    <li>
                      {u.name} ({t(`unitKind.${u.kind}`)})
                    </li>
                  ))}
              </ul>
            )}
          </dd>
        </dl>
        <p class="ds-paragraph">
          <a class="ds-link" href={calendarPaths.settings.href()}>
            {t("calendar.settings.link")}
          </a>
        </p>
      </section>

      <MfaSection view={view} mfa={props.security.mfa} />
      <SessionsSection view={view} sessions={props.security.sessions} />

      <section aria-labelledby="tokens-h" class="sofia-section">
        <h2 id="tokens-h" class="ds-heading" data-size="sm">
          {t("account.tokens.title")}
        </h2>
        <p class="ds-paragraph">{t("account.tokens.intro")}</p>
        <p class="ds-paragraph">
          <a class="ds-link" href={apidocsPaths.docs.href()}>
            {t("account.tokens.docs")}
          </a>
        </p>
        {data.tokens.length === 0 ? (
          <p class="ds-paragraph">{t("account.tokens.none")}</p>
        ) : (
          <TokenTable view={view} tokens={data.tokens} now={data.now} />
        )}
      </section>

      <section aria-labelledby="create-h" class="sofia-section sofia-account-form">
        <h2 id="create-h" class="ds-heading" data-size="sm">
          {t("account.create.title")}
        </h2>
        <form method="post" action={paths.newToken.href()} novalidate>
          <CsrfField view={view} />
          <TextField
            name="name"
            label={labels.name}
            hint={t("account.token.nameHint")}
            value={form.name}
            autocomplete="off"
            required
            error={errors.name}
          />
          <CheckboxGroup
            name="scopes"
            label={labels.scopes}
            hint={t("account.token.scopesHint")}
            values={form.scopes}
            options={data.grantable.map((a) => ({ value: a, label: scopeLabel(a) }))}
            error={errors.scopes}
          />
          <SelectField
            name="expiresInDays"
            label={labels.expiresInDays}
            value={form.expiresInDays}
            options={TOKEN_LIFETIMES.map((d) => ({ value: String(d), label: t("account.token.days", { days: d }) }))}
            error={errors.expiresInDays}
          />
          <button type="submit" class="ds-button" data-variant="primary">
            {t("account.token.submit")}
          </button>
        </form>
      </section>
    </Layout>
  );
}

function TokenTable({ view, tokens, now }: { view: View; tokens: ListedToken[]; now: Date }) {
  const { t, locale } = view;
  const when = (d: Date | null, none: string) => (d ? formatDateTime(locale, d) : t(none));
  return (
    <div class="sofia-table-wrap">
      <table class="ds-table" data-border>
        <caption>{t("account.tokens.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("account.col.name")}</th>
            <th scope="col">{t("account.col.key")}</th>
            <th scope="col">{t("account.col.scopes")}</th>
            <th scope="col">{t("account.col.created")}</th>
            <th scope="col">{t("account.col.lastUsed")}</th>
            <th scope="col">{t("account.col.expires")}</th>
            <th scope="col">{t("account.col.status")}</th>
            <th scope="col">{t("account.col.action")}</th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => {
            const status = tokenStatus(token, now);
            return (
              <tr>
                <th scope="row">{token.name}</th>
                <td>
                  <code>{`${token.prefix}…`}</code>
                </td>
                <td>
                  <ul class="sofia-account-scopes">
                    {token.scopes.map((s) => (
                      <li>{scopeLabel(s)}</li>
                    ))}
                  </ul>
                </td>
                <td>{formatDateTime(locale, token.createdAt)}</td>
                <td>{when(token.lastUsedAt, "account.token.neverUsed")}</td>
                <td>{when(token.expiresAt, "account.token.noExpiry")}</td>
                <td>
                  {status === "revoked" && token.revokedAt
                    ? t("account.status.revoked", { date: formatDateTime(locale, token.revokedAt) })
                    : t(`account.status.${status}`)}
                </td>
                <td>
                  {status !== "revoked" && (
                    <form method="post" action={paths.revokeToken.href({ id: token.id })} class="sofia-inline-form">
                      <CsrfField view={view} />
                      <button type="submit" class="ds-button" data-variant="secondary" data-size="sm">
                        {t("account.token.revoke")}
                        <span class="ds-sr-only"> {t("account.token.revokeWhich", { name: token.name })}</span>
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function CreatedView({ view, token, created, origin }: { view: View; token: string; created: ListedToken; origin: string }) {
  const { t, locale } = view;
  return (
    <Layout view={view} title={t("account.created.title")}>
      <PageHeading>{t("account.created.title")}</PageHeading>
      <div class="ds-alert" data-color="warning">
        <h2 class="ds-heading" data-size="xs">
          {t("account.created.onceTitle")}
        </h2>
        <p class="ds-paragraph">{t("account.created.once")}</p>
      </div>
      <dl class="sofia-account-details">
        <dt>{t("account.col.name")}</dt>
        <dd>{created.name}</dd>
        <dt>{t("account.created.key")}</dt>
        <dd>
          <code class="sofia-secret" data-token>
            {token}
          </code>
        </dd>
        <dt>{t("account.col.scopes")}</dt>
        <dd>
          <ul class="sofia-account-scopes">
            {created.scopes.map((s) => (
              <li>{scopeLabel(s)}</li>
            ))}
          </ul>
        </dd>
        <dt>{t("account.created.expires")}</dt>
        <dd>{created.expiresAt ? formatDateTime(locale, created.expiresAt) : t("account.token.noExpiry")}</dd>
      </dl>
      <p class="ds-paragraph">{t("account.created.usage")}</p>
      <pre class="sofia-code">
        <code>{`curl -H "Authorization: Bearer ${token}" ${origin}/api/v1/me`}</code>
      </pre>
      <div class="sofia-actions">
        <a class="ds-link" href={paths.account.href()}>
          {t("account.created.back")}
        </a>
        <a class="ds-link" href={apidocsPaths.docs.href()}>
          {t("account.created.docs")}
        </a>
      </div>
    </Layout>
  );
}

const notices: Record<string, string> = { inloggning: "account.sessions.endedNotice", overallt: "account.sessions.endedOthersNotice" };

export function accountPages(app: App, sessions: SessionStore): void {
  const security = async (req: { ctx: Parameters<typeof mfaStatus>[0]; sessionToken: string | null }): Promise<AccountSecurity> => ({
    mfa: await mfaStatus(req.ctx),
    sessions: await mySessions(req.ctx, sessions, req.sessionToken),
  });

  app.get(paths.account.pattern, { config: { permission: "account.manage_own" } }, async (req, reply) => {
    const data = await accountOverview(req.ctx);
    const query = req.query as Record<string, string | undefined>;
    const notice = query.aterkallad ? "account.token.revokedNotice" : notices[query.klart ?? ""];
    return reply.page(<AccountView view={req.view} data={data} security={await security(req)} notice={notice} />);
  });

  app.post<{ Params: { id: string } }>(paths.endSession.pattern, { config: { permission: "account.manage_own" } }, async (req, reply) => {
    await endMySession(req.ctx, sessions, req.params.id);
    return reply.redirect(paths.account.href({ klart: "inloggning" }), 303);
  });

  app.post(paths.endOtherSessions.pattern, { config: { permission: "account.manage_own" } }, async (req, reply) => {
    if (req.sessionToken) await endMyOtherSessions(req.ctx, sessions, req.sessionToken);
    return reply.redirect(paths.account.href({ klart: "overallt" }), 303);
  });

  // The secret is in this one answer only: rendered, not redirected, and never cached (reply.page sends no-store).
  app.post(paths.newToken.pattern, { config: { permission: "account.manage_own" } }, async (req, reply) =>
    handleForm(req, reply, {
      schema: newTokenInput,
      run: (input) => createToken(req.ctx, input),
      answer: ({ token, created }) =>
        reply
          .header("referrer-policy", "no-referrer")
          .page(<CreatedView view={req.view} token={token} created={created} origin={`${req.protocol}://${req.host}`} />, 201),
      render: async ({ values, errors }) => (
        <AccountView
          view={req.view}
          data={await accountOverview(req.ctx)}
          security={await security(req)}
          form={formFrom(values)}
          errors={errors}
        />
      ),
    }),
  );

  app.post<{ Params: { id: string } }>(paths.revokeToken.pattern, { config: { permission: "account.manage_own" } }, async (req, reply) => {
    await revokeToken(req.ctx, req.params.id);
    return reply.redirect(paths.account.href({ aterkallad: 1 }), 303);
  });
}
