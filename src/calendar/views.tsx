import type { FieldErrors } from "../platform/errors.ts";
import { Checkbox, ErrorSummary } from "../platform/forms.tsx";
import type { View } from "../platform/http.ts";
import { formatDateTime } from "../platform/i18n.ts";
import { CsrfField, Layout, PageHeading } from "../platform/layout.tsx";
import { BackLink, Notice } from "../platform/page-parts.tsx";
import { paths } from "./paths.ts";
import type { CalendarSettings } from "./service.ts";

// The account page's address, written out: the account module links here, so this module cannot import its table.
const ACCOUNT_HREF = "/konto";

export function SettingsView(props: { view: View; data: CalendarSettings; newFeedUrl?: string; notice?: string; errors?: FieldErrors }) {
  const { view, data } = props;
  const { t, locale } = view;
  const errors = props.errors ?? {};
  return (
    <Layout view={view} title={t("calendar.settings.title")}>
      <BackLink href={ACCOUNT_HREF} text={t("calendar.settings.back")} />
      <PageHeading>{t("calendar.settings.title")}</PageHeading>
      <ErrorSummary errors={errors} t={t} labels={{ reminders: t("calendar.reminders.label") }} />
      <Notice text={props.notice && t(props.notice)} />

      <section aria-labelledby="privacy-h" class="sofia-section">
        <h2 id="privacy-h" class="ds-heading" data-size="sm">
          {t("calendar.privacy.title")}
        </h2>
        <p class="ds-paragraph">{t("calendar.privacy.text")}</p>
        <p class="ds-paragraph">{t("calendar.privacy.place")}</p>
      </section>

      <section aria-labelledby="invitations-h" class="sofia-section">
        <h2 id="invitations-h" class="ds-heading" data-size="sm">
          {t("calendar.invitations.title")}
        </h2>
        <p class="ds-paragraph">{t("calendar.invitations.text")}</p>
        {!data.hasEmail && (
          <div class="ds-alert" data-color="warning">
            <p class="ds-paragraph">{t("calendar.noEmail")}</p>
          </div>
        )}
      </section>

      <section aria-labelledby="feed-h" class="sofia-section">
        <h2 id="feed-h" class="ds-heading" data-size="sm">
          {t("calendar.feed.title")}
        </h2>
        <p class="ds-paragraph">{t("calendar.feed.text")}</p>
        {props.newFeedUrl ? (
          <div class="ds-alert" data-color="warning">
            <h3 class="ds-heading" data-size="xs">
              {t("calendar.feed.onceTitle")}
            </h3>
            <p class="ds-paragraph">{t("calendar.feed.once")}</p>
            <div class="ds-field">
              <label class="ds-label" for="feed-url">
                {t("calendar.feed.address")}
              </label>
              <input class="ds-input" id="feed-url" type="text" readOnly value={props.newFeedUrl} autoComplete="off" spellcheck={false} />
            </div>
          </div>
        ) : (
          <p class="ds-paragraph" data-feed-status>
            {data.feedActive && data.feedCreatedAt
              ? t("calendar.feed.active", { date: formatDateTime(locale, data.feedCreatedAt) })
              : t("calendar.feed.none")}
          </p>
        )}
        <div class="sofia-actions">
          <form method="post" action={paths.createFeed.href()} class="sofia-inline-form">
            <CsrfField view={view} />
            <button type="submit" class="ds-button" data-variant={data.feedActive ? "secondary" : "primary"}>
              {t(data.feedActive ? "calendar.feed.renew" : "calendar.feed.create")}
            </button>
          </form>
          {data.feedActive && (
            <form method="post" action={paths.revokeFeed.href()} class="sofia-inline-form">
              <CsrfField view={view} />
              <button type="submit" class="ds-button" data-variant="secondary">
                {t("calendar.feed.revoke")}
              </button>
            </form>
          )}
        </div>
        {data.feedActive && <p class="ds-paragraph">{t("calendar.feed.renewHint")}</p>}
      </section>

      <section aria-labelledby="reminders-h" class="sofia-section">
        <h2 id="reminders-h" class="ds-heading" data-size="sm">
          {t("calendar.reminders.title")}
        </h2>
        <p class="ds-paragraph">{t("calendar.reminders.text")}</p>
        <form method="post" action={paths.reminders.href()} novalidate>
          <CsrfField view={view} />
          <Checkbox name="reminders" label={t("calendar.reminders.label")} checked={data.remindersEnabled} error={errors.reminders} />
          <button type="submit" class="ds-button" data-variant="primary">
            {t("calendar.reminders.save")}
          </button>
        </form>
      </section>
    </Layout>
  );
}
