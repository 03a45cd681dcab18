/** The municipality's single sign-on settings page (decision 0059). */
import { groupRoleLines } from "../../auth/index.ts";
import { type FormFailure, one } from "../../platform/form-pages.ts";
import { ErrorSummary, TextAreaField, TextField } from "../../platform/forms.tsx";
import type { View } from "../../platform/http.ts";
import { formatDateTime } from "../../platform/i18n.ts";
import { CsrfField, Layout, PageHeading } from "../../platform/layout.tsx";
import { BackLink, Notice } from "../../platform/page-parts.tsx";
import { paths as unitPaths } from "../units/index.ts";
import { paths } from "./paths.ts";
import type { SsoSettingsView } from "./service.ts";

type Values = Record<string, string | string[]>;

export function SsoSettingsPage(props: {
  view: View;
  settings: SsoSettingsView | undefined;
  /** The installation's provider (SOFIA_OIDC_ISSUER) is set: it is used instead of these settings. */
  fromEnvironment: boolean;
  redirectUri: string;
  values?: Values;
  failure?: FormFailure;
  notice?: string;
}) {
  const { view, settings } = props;
  const { t } = view;
  const errors = props.failure?.errors ?? {};
  const values = props.values ?? {
    issuer: settings?.issuer ?? "",
    clientId: settings?.clientId ?? "",
    userClaim: settings?.userClaim ?? "preferred_username",
    groupsClaim: settings?.groupsClaim ?? "",
    groupRoles: groupRoleLines(settings?.groupRoles ?? {}),
  };
  return (
    <Layout view={view} title={t("org.sso.title")}>
      <BackLink href={unitPaths.organisation.href()} text={t("org.backToOrganisation")} />
      <PageHeading>{t("org.sso.title")}</PageHeading>
      <Notice text={props.notice && t(props.notice)} />
      {props.fromEnvironment && (
        <div class="ds-alert" data-color="warning">
          <p class="ds-paragraph">{t("org.sso.fromEnvironment")}</p>
        </div>
      )}
      <ErrorSummary errors={errors} t={t} />
      <p class="ds-paragraph">{t("org.sso.intro")}</p>
      <dl class="sofia-wm-facts">
        <dt>{t("org.sso.redirectUri")}</dt>
        <dd>
          <code>{props.redirectUri}</code>
        </dd>
        <dt>{t("org.sso.status")}</dt>
        <dd>{settings ? t("org.sso.statusOn", { at: formatDateTime(view.locale, settings.updatedAt) }) : t("org.sso.statusOff")}</dd>
      </dl>
      <form method="post" action={paths.settings.href()} novalidate class="sofia-narrow">
        <CsrfField view={view} />
        <TextField
          name="issuer"
          label={t("org.sso.issuer")}
          hint={t("org.sso.issuerHint")}
          value={one(values.issuer)}
          spellcheck={false}
          error={errors.issuer}
        />
        <TextField name="clientId" label={t("org.sso.clientId")} value={one(values.clientId)} spellcheck={false} error={errors.clientId} />
        <TextField
          name="clientSecret"
          type="password"
          label={t("org.sso.clientSecret")}
          hint={t(settings?.hasSecret ? "org.sso.clientSecretKept" : "org.sso.clientSecretHint")}
          autocomplete="new-password"
          error={errors.clientSecret}
        />
        <TextField
          name="userClaim"
          label={t("org.sso.userClaim")}
          hint={t("org.sso.userClaimHint")}
          value={one(values.userClaim)}
          spellcheck={false}
          error={errors.userClaim}
        />
        <TextField
          name="groupsClaim"
          label={t("org.sso.groupsClaim")}
          hint={t("org.sso.groupsClaimHint")}
          value={one(values.groupsClaim)}
          spellcheck={false}
          error={errors.groupsClaim}
        />
        <TextAreaField
          name="groupRoles"
          label={t("org.sso.groupRoles")}
          hint={t("org.sso.groupRolesHint")}
          value={one(values.groupRoles)}
          rows={5}
          error={errors.groupRoles}
        />
        <button type="submit" class="ds-button" data-variant="primary">
          {t("org.sso.save")}
        </button>
      </form>
      {settings && (
        <form method="post" action={paths.remove.href()} class="sofia-actions">
          <CsrfField view={view} />
          <button type="submit" class="ds-button" data-variant="secondary" data-color="danger">
            {t("org.sso.remove")}
          </button>
        </form>
      )}
    </Layout>
  );
}
