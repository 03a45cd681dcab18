/**
 * Pages of the annual survey campaigns: the list, the new-campaign form, one campaign (status,
 * units, counts, the actions its audience takes) and the printable handout of a parent campaign.
 * Counts only: no page says who answered.
 */

import type { FieldErrors } from "../../platform/errors.ts";
import { many, one } from "../../platform/form-pages.ts";
import { CheckboxGroup, DateField, ErrorSummary, SelectField, TextField } from "../../platform/forms.tsx";
import type { View } from "../../platform/http.ts";
import { formatDateTime, formatNumber } from "../../platform/i18n.ts";
import { CsrfField, Layout, PageHeading, ScrollRegion } from "../../platform/layout.tsx";
import { BackLink, ConflictAlert, Notice } from "../../platform/page-parts.tsx";
import { paths as surveyPaths } from "../paths.ts";
import { PRINT_MAX } from "./model.ts";
import { paths } from "./paths.ts";
import type { CampaignDetail, CampaignSummary, NewCampaignForm } from "./service.ts";

type Values = Record<string, string | string[]>;

function rateText(view: View, rate: number | null): string {
  return rate === null ? view.t("campaigns.rate.none") : view.t("campaigns.rate.percent", { n: formatNumber(view.locale, rate) });
}

export function CampaignListPage({ view, campaigns, notice }: { view: View; campaigns: CampaignSummary[]; notice?: string }) {
  const { t } = view;
  return (
    <Layout view={view} title={t("campaigns.list.title")}>
      <BackLink href={surveyPaths.list.href()} text={t("campaigns.backToSurveys")} />
      <PageHeading>{t("campaigns.list.title")}</PageHeading>
      <Notice text={notice} />
      <p class="ds-paragraph">{t("campaigns.list.intro")}</p>
      <p class="ds-paragraph">
        <a class="ds-button" data-variant="primary" href={paths.newCampaign.href()}>
          {t("campaigns.list.new")}
        </a>
      </p>
      {campaigns.length === 0 ? (
        <p class="ds-paragraph">{t("campaigns.list.none")}</p>
      ) : (
        <ScrollRegion labelledBy="campaigns-caption">
          <table class="ds-table" data-border>
            <caption id="campaigns-caption">{t("campaigns.list.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("campaigns.col.name")}</th>
                <th scope="col">{t("campaigns.col.instrument")}</th>
                <th scope="col">{t("campaigns.col.period")}</th>
                <th scope="col">{t("campaigns.col.status")}</th>
                <th scope="col">{t("campaigns.col.invited")}</th>
                <th scope="col">{t("campaigns.col.answered")}</th>
                <th scope="col">{t("campaigns.col.rate")}</th>
              </tr>
            </thead>
            <tbody>
              {campaigns.map((c) => (
                <tr>
                  <th scope="row">
                    <a class="ds-link" href={paths.campaign.href({ id: c.id })}>
                      {c.name}
                    </a>
                  </th>
                  <td>{c.instrumentName}</td>
                  <td>{t("campaigns.period", { from: c.opensOn, to: c.closesOn })}</td>
                  <td>{t(`campaigns.status.${c.status}`)}</td>
                  <td>{formatNumber(view.locale, c.invited)}</td>
                  <td>{formatNumber(view.locale, c.answered)}</td>
                  <td>{rateText(view, c.rate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </Layout>
  );
}

export function NewCampaignPage({
  view,
  form,
  values = {},
  errors = {},
}: {
  view: View;
  form: NewCampaignForm;
  values?: Values;
  errors?: FieldErrors;
}) {
  const { t } = view;
  const title = t("campaigns.new.title");
  return (
    <Layout view={view} title={title}>
      <BackLink href={paths.list.href()} text={t("campaigns.back")} />
      <PageHeading>{title}</PageHeading>
      <ErrorSummary errors={errors} t={t} />
      <p class="ds-paragraph">{t("campaigns.new.intro")}</p>
      <form method="post" action={paths.newCampaign.href()} novalidate class="sofia-narrow">
        <CsrfField view={view} />
        <TextField
          name="name"
          label={t("campaigns.field.name")}
          hint={t("campaigns.field.nameHint")}
          value={one(values.name)}
          error={errors.name}
        />
        <SelectField
          name="instrumentKey"
          label={t("campaigns.field.instrument")}
          hint={t("campaigns.field.instrumentHint")}
          value={one(values.instrumentKey)}
          error={errors.instrumentKey}
          options={[
            { value: "", label: t("campaigns.field.instrumentChoose") },
            ...form.instruments.map((i) => ({ value: i.key, label: `${i.name} (${t(`campaigns.audience.${i.audience}`)})` })),
          ]}
        />
        <DateField
          t={t}
          locale={view.locale}
          name="opensOn"
          label={t("campaigns.field.opensOn")}
          value={one(values.opensOn)}
          error={errors.opensOn}
        />
        <DateField
          t={t}
          locale={view.locale}
          name="closesOn"
          label={t("campaigns.field.closesOn")}
          hint={t("campaigns.field.closesHint")}
          value={one(values.closesOn)}
          error={errors.closesOn}
        />
        <CheckboxGroup
          name="unitIds"
          label={t("campaigns.field.units")}
          hint={t("campaigns.field.unitsHint")}
          values={many(values.unitIds)}
          error={errors.unitIds}
          options={form.units.map((u) => ({ value: u.id, label: u.name }))}
        />
        <div class="sofia-actions">
          <button type="submit" class="ds-button" data-variant="primary">
            {t("campaigns.new.submit")}
          </button>
        </div>
      </form>
    </Layout>
  );
}

export function CampaignPage(props: {
  view: View;
  data: CampaignDetail;
  mailConfigured: boolean;
  notice?: string;
  conflict?: string;
  errors?: FieldErrors;
  values?: Values;
}) {
  const { view, data } = props;
  const { t } = view;
  const errors = props.errors ?? {};
  const at = { id: data.id };
  const href = paths.campaign.href(at);
  const isStaff = data.audience === "staff";
  const closed = data.status === "closed";
  return (
    <Layout view={view} title={data.name}>
      <BackLink href={paths.list.href()} text={t("campaigns.back")} />
      <PageHeading>{data.name}</PageHeading>
      <Notice text={props.notice} />
      <ErrorSummary errors={errors} t={t} />
      <ConflictAlert message={props.conflict} reloadHref={href} t={t} />
      <dl class="sofia-wm-facts">
        <dt>{t("campaigns.col.instrument")}</dt>
        <dd>{`${data.instrumentName} (${t(`campaigns.audience.${data.audience}`)})`}</dd>
        <dt>{t("campaigns.col.period")}</dt>
        <dd>{t("campaigns.period", { from: data.opensOn, to: data.closesOn })}</dd>
        <dt>{t("campaigns.col.status")}</dt>
        <dd>
          {t(`campaigns.status.${data.status}`)}
          {data.closedAt && ` (${t("campaigns.closedAt", { at: formatDateTime(view.locale, data.closedAt) })})`}
        </dd>
        <dt>{t("campaigns.col.units")}</dt>
        <dd>{data.units.map((u) => u.name).join(", ")}</dd>
        {data.remindedAt && (
          <>
            <dt>{t("campaigns.col.remindedAt")}</dt>
            <dd>{formatDateTime(view.locale, data.remindedAt)}</dd>
          </>
        )}
      </dl>

      <section aria-labelledby="counts-h" class="sofia-section">
        <h2 id="counts-h" class="ds-heading" data-size="sm">
          {t("campaigns.counts.title")}
        </h2>
        <dl class="sofia-wm-facts">
          <dt>{t("campaigns.col.invited")}</dt>
          <dd>{formatNumber(view.locale, data.invited)}</dd>
          <dt>{t("campaigns.col.answered")}</dt>
          <dd>{formatNumber(view.locale, data.answered)}</dd>
          <dt>{t("campaigns.col.rate")}</dt>
          <dd>{rateText(view, data.rate)}</dd>
        </dl>
        <p class="ds-paragraph sofia-hint" data-size="sm">
          {t("campaigns.counts.anonymous")}
        </p>
        {closed && (
          <p class="ds-paragraph">
            <a class="ds-link" href={data.resultsHref}>
              {t("campaigns.results")}
            </a>
          </p>
        )}
      </section>

      {isStaff && !closed && (
        <section aria-labelledby="mail-h" class="sofia-section">
          <h2 id="mail-h" class="ds-heading" data-size="sm">
            {t("campaigns.mail.title")}
          </h2>
          {!props.mailConfigured && (
            <div class="ds-alert" data-color="warning">
              <p class="ds-paragraph">{t("mail.notConfigured")}</p>
            </div>
          )}
          <p class="ds-paragraph">
            {t("campaigns.mail.status", {
              sent: formatNumber(view.locale, data.sent),
              waiting: formatNumber(view.locale, data.notYetSent),
            })}
          </p>
          <p class="ds-paragraph sofia-hint" data-size="sm">
            {t("campaigns.mail.who")}
          </p>
          {data.status === "planned" ? (
            <p class="ds-paragraph">{t("campaigns.error.notOpenYet")}</p>
          ) : (
            <div class="sofia-actions">
              <form method="post" action={paths.send.href(at)}>
                <CsrfField view={view} />
                <button type="submit" class="ds-button" data-variant="primary">
                  {t("campaigns.send")}
                </button>
              </form>
              {data.sent > 0 && (
                <form method="post" action={paths.remind.href(at)}>
                  <CsrfField view={view} />
                  <button type="submit" class="ds-button" data-variant="secondary">
                    {t("campaigns.remind")}
                  </button>
                </form>
              )}
            </div>
          )}
          {data.withoutEmail.length > 0 && (
            <div class="sofia-section">
              <h3 id="noemail-h" class="ds-heading" data-size="xs">
                {t("campaigns.withoutEmail.title", { n: formatNumber(view.locale, data.withoutEmail.length) })}
              </h3>
              <p class="ds-paragraph">{t("campaigns.withoutEmail.intro")}</p>
              <ul class="ds-list" aria-labelledby="noemail-h">
                {data.withoutEmail.map((u) => (
                  <li>{u.displayName}</li>
                ))}
              </ul>
            </div>
          )}
        </section>
      )}

      {!isStaff && !closed && (
        <section aria-labelledby="print-h" class="sofia-section">
          <h2 id="print-h" class="ds-heading" data-size="sm">
            {t("campaigns.print.title")}
          </h2>
          <p class="ds-paragraph">{t("campaigns.print.intro")}</p>
          <form method="post" action={paths.handout.href(at)} novalidate class="sofia-narrow">
            <CsrfField view={view} />
            <TextField
              name="count"
              label={t("campaigns.print.count")}
              hint={t("campaigns.print.countHint", { max: PRINT_MAX })}
              inputMode="numeric"
              value={one(props.values?.count)}
              error={errors.count}
            />
            <div class="sofia-actions">
              <button type="submit" class="ds-button" data-variant="primary">
                {t("campaigns.print.submit")}
              </button>
            </div>
          </form>
        </section>
      )}

      {!data.closedAt && (
        <section aria-labelledby="close-h" class="sofia-section">
          <h2 id="close-h" class="ds-heading" data-size="sm">
            {t("campaigns.close.title")}
          </h2>
          <p class="ds-paragraph">{t("campaigns.close.intro")}</p>
          <form method="post" action={paths.close.href(at)}>
            <CsrfField view={view} />
            <button type="submit" class="ds-button" data-variant="secondary" data-color="danger">
              {t("campaigns.close.submit")}
            </button>
          </form>
        </section>
      )}
    </Layout>
  );
}

export interface CampaignCard {
  url: string;
  /** The QR code's SVG markup (from qrSvg: generated from our own URL, no user input). */
  qr: string;
}

/** The printable handout of a parent campaign: one card per link, no names; shown once. */
export function CampaignHandoutPage(props: {
  view: View;
  campaignId: string;
  instrumentName: string;
  expiresOn: string;
  cards: CampaignCard[];
}) {
  const { view } = props;
  const { t } = view;
  const title = t("campaigns.handout.title");
  return (
    <Layout view={view} title={title}>
      <div class="sofia-handout__screen">
        <BackLink href={paths.campaign.href({ id: props.campaignId })} text={t("campaigns.handout.back")} />
      </div>
      <PageHeading>{title}</PageHeading>
      <div class="ds-alert sofia-handout__screen" data-color="success" role="status">
        <p class="ds-paragraph">{t("campaigns.handout.created", { n: props.cards.length })}</p>
      </div>
      <ul class="sofia-handout">
        {props.cards.map((c) => (
          <li class="sofia-handout__card">
            <h2 class="ds-heading" data-size="sm">
              {props.instrumentName}
            </h2>
            <div
              class="sofia-handout__qr"
              role="img"
              aria-label={t("campaigns.handout.qr")}
              // The QR code's SVG is generated by qrcode from our own URL: no user input in it.
              dangerouslySetInnerHTML={{ __html: c.qr }}
            />
            <p class="ds-paragraph">{t("campaigns.handout.card")}</p>
            <p class="ds-paragraph sofia-handout__url">
              <code>{c.url}</code>
            </p>
            <p class="ds-paragraph" data-size="sm">
              {t("campaigns.handout.expires", { date: props.expiresOn })}
            </p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
