/**
 * Pages of the annual survey campaigns: the list, the new-campaign form, one campaign (status,
 * units, counts, the actions its audience takes) and the printable handout of a parent campaign.
 * Counts only: no page says who answered.
 */

import type { FieldErrors } from "../../platform/errors.ts";
import { many, one } from "../../platform/form-pages.ts";
import {
  CheckboxGroup,
  DateField,
  ErrorSummary,
  FileField,
  RadioGroup,
  SelectField,
  SPREADSHEET_ACCEPT,
  TextField,
} from "../../platform/forms.tsx";
import type { View } from "../../platform/http.ts";
import { formatDateTime, formatNumber } from "../../platform/i18n.ts";
import { CsrfField, Layout, PageHeading, ScrollRegion } from "../../platform/layout.tsx";
import { BackLink, ConflictAlert, Notice } from "../../platform/page-parts.tsx";
import { DONT_KNOW, textIn } from "../model.ts";
import { paths as surveyPaths } from "../paths.ts";
import { answerField } from "../responses/index.ts";
import type { YearComparison } from "./comparison.ts";
import type { CampaignPaperForm } from "./entry.ts";
import { IMPORT_ROWS_MAX, type ImportPreview } from "./import.ts";
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
        </a>{" "}
        <a class="ds-link" href={paths.compare.href()}>
          {t("campaigns.compare.link")}
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
                <th scope="col">{t("campaigns.col.year")}</th>
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
                  <td>{c.year}</td>
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
        <TextField
          name="year"
          label={t("campaigns.field.year")}
          hint={t("campaigns.field.yearHint")}
          inputMode="numeric"
          value={one(values.year)}
          error={errors.year}
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
        <dt>{t("campaigns.col.year")}</dt>
        <dd>{data.retrospective ? t("campaigns.year.retrospective", { year: data.year }) : String(data.year)}</dd>
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
          <dt>{t("campaigns.col.onPaper")}</dt>
          <dd>{formatNumber(view.locale, data.onPaper)}</dd>
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

      {!data.closedAt && (
        <section aria-labelledby="paper-h" class="sofia-section">
          <h2 id="paper-h" class="ds-heading" data-size="sm">
            {t("campaigns.entry.title")}
          </h2>
          <p class="ds-paragraph">{t(data.retrospective ? "campaigns.entry.retrospective" : "campaigns.entry.intro")}</p>
          <ul class="ds-list">
            <li>
              <a class="ds-link" href={paths.paper.href(at)}>
                {t("campaigns.paper.link")}
              </a>
            </li>
            <li>
              <a class="ds-link" href={paths.importUpload.href(at)}>
                {t("campaigns.import.link")}
              </a>
            </li>
          </ul>
        </section>
      )}

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

      {!closed && (
        <section aria-labelledby="print-h" class="sofia-section">
          <h2 id="print-h" class="ds-heading" data-size="sm">
            {t("campaigns.print.title")}
          </h2>
          <p class="ds-paragraph">{t(isStaff ? "campaigns.print.introStaff" : "campaigns.print.intro")}</p>
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
  /** The answer code as printed (`K7QM-4TXR-9P`). */
  code: string;
  /** The address of the answer page without the code, to type the code after. */
  site: string;
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
      <p class="ds-paragraph sofia-handout__screen">{t("campaigns.handout.sheets")}</p>
      <ul class="sofia-handout sofia-handout--sheets">
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
            <p class="ds-paragraph">{t("campaigns.handout.typeCode", { site: c.site })}</p>
            <p class="ds-paragraph sofia-handout__code">
              <span>{t("campaigns.handout.code")}</span> <strong>{c.code}</strong>
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

/** The paper form of a campaign: the answers as they stand on one respondent's paper, nobody named. */
export function CampaignPaperPage(props: {
  view: View;
  form: CampaignPaperForm;
  values?: Record<string, string>;
  errors?: FieldErrors;
  conflict?: string;
  notice?: string;
}) {
  const { view, form } = props;
  const { t, locale } = view;
  const c = form.content;
  const errors = props.errors ?? {};
  const values = props.values ?? {};
  const at = { id: form.campaign.id };
  const title = t("campaigns.paper.title", { name: form.campaign.name });
  const scale = [
    ...c.scale.options.map((o) => ({
      value: String(o.value),
      label: t("campaigns.paper.option", { value: o.value, label: textIn(o.labels, locale) }),
    })),
    ...(c.scale.allowDontKnow ? [{ value: DONT_KNOW, label: t("campaigns.paper.dontKnow") }] : []),
    { value: "", label: t("campaigns.paper.blank") },
  ];
  return (
    <Layout view={view} title={title}>
      <BackLink href={paths.campaign.href(at)} text={t("campaigns.handout.back")} />
      <PageHeading>{title}</PageHeading>
      <Notice text={props.notice} />
      <ErrorSummary errors={errors} t={t} />
      <ConflictAlert message={props.conflict} reloadHref={paths.paper.href(at)} t={t} />
      <p class="ds-paragraph">{t("campaigns.paper.intro", { n: formatNumber(locale, form.campaign.answered) })}</p>
      <form method="post" action={paths.paper.href(at)} novalidate>
        <CsrfField view={view} />
        <input type="hidden" name="submissionKey" value={values.submissionKey ?? form.submissionKey} />
        {c.items.map((item, i) => (
          <RadioGroup
            name={answerField(item.key)}
            legend={t("campaigns.paper.item", { n: i + 1, text: textIn(item.texts, locale) })}
            value={values[answerField(item.key)] ?? ""}
            options={scale}
            error={errors[answerField(item.key)]}
          />
        ))}
        <p class="ds-paragraph sofia-actions">
          <button type="submit" class="ds-button" data-variant="primary">
            {t("campaigns.paper.submit")}
          </button>
        </p>
      </form>
    </Layout>
  );
}

/** The import of a campaign's answers: the upload form, then the preview (every bad row, or a confirmation). */
export function CampaignImportPage(props: {
  view: View;
  campaign: CampaignSummary;
  preview?: ImportPreview;
  /** A fresh key for the confirmation: confirming twice stores once. */
  importKey?: string;
  errors?: FieldErrors;
}) {
  const { view, campaign, preview } = props;
  const { t, locale } = view;
  const errors = props.errors ?? {};
  const at = { id: campaign.id };
  const title = t("campaigns.import.title", { name: campaign.name });
  return (
    <Layout view={view} title={title}>
      <BackLink href={paths.campaign.href(at)} text={t("campaigns.handout.back")} />
      <PageHeading>{title}</PageHeading>
      <ErrorSummary errors={errors} t={t} />
      {preview && preview.errors.length > 0 && (
        <div class="ds-alert" data-color="danger" role="alert">
          <h2 class="ds-heading" data-size="xs">
            {t("campaigns.import.refused", { n: formatNumber(locale, new Set(preview.errors.map((e) => e.row)).size) })}
          </h2>
          <p class="ds-paragraph">{t("campaigns.import.nothingStored")}</p>
        </div>
      )}
      {preview && preview.errors.length > 0 && (
        <ScrollRegion labelledBy="import-errors-caption">
          <table class="ds-table" data-border>
            <caption id="import-errors-caption">{t("campaigns.import.errorsCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("campaigns.import.col.row")}</th>
                <th scope="col">{t("campaigns.import.col.column")}</th>
                <th scope="col">{t("campaigns.import.col.reason")}</th>
              </tr>
            </thead>
            <tbody>
              {preview.errors.map((e) => (
                <tr>
                  <td>{formatNumber(locale, e.row)}</td>
                  <td>{e.column}</td>
                  <td>{t(e.reason, e.params)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {preview && preview.errors.length === 0 && (
        <section aria-labelledby="preview-h" class="sofia-section">
          <h2 id="preview-h" class="ds-heading" data-size="sm">
            {t("campaigns.import.previewTitle")}
          </h2>
          <p class="ds-paragraph">{t("campaigns.import.previewRows", { n: formatNumber(locale, preview.rows) })}</p>
          <ScrollRegion labelledBy="import-columns-caption">
            <table class="ds-table" data-border>
              <caption id="import-columns-caption">{t("campaigns.import.columnsCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("campaigns.import.col.question")}</th>
                  <th scope="col">{t("campaigns.import.col.column")}</th>
                </tr>
              </thead>
              <tbody>
                {preview.questions.map((q) => (
                  <tr>
                    <th scope="row">{q.text}</th>
                    <td>{q.column ?? t("campaigns.import.noColumn")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          <form method="post" action={paths.importConfirm.href(at)}>
            <CsrfField view={view} />
            <input type="hidden" name="data" value={preview.data} />
            <input type="hidden" name="importKey" value={props.importKey ?? ""} />
            <div class="sofia-actions">
              <button type="submit" class="ds-button" data-variant="primary">
                {t("campaigns.import.confirm", { n: formatNumber(locale, preview.rows) })}
              </button>
              <a class="ds-link" href={paths.importUpload.href(at)}>
                {t("campaigns.import.another")}
              </a>
            </div>
          </form>
        </section>
      )}
      {(!preview || preview.errors.length > 0) && (
        <section aria-labelledby="upload-h" class="sofia-section">
          <h2 id="upload-h" class="ds-heading" data-size="sm">
            {t("campaigns.import.uploadTitle")}
          </h2>
          <p class="ds-paragraph">{t("campaigns.import.intro", { max: formatNumber(locale, IMPORT_ROWS_MAX - 1) })}</p>
          <form method="post" action={paths.importUpload.href(at)} enctype="multipart/form-data" novalidate class="sofia-narrow">
            <CsrfField view={view} />
            <FileField
              name="file"
              label={t("campaigns.import.file")}
              hint={t("campaigns.import.fileHint")}
              accept={SPREADSHEET_ACCEPT}
              error={errors.file}
            />
            <div class="sofia-actions">
              <button type="submit" class="ds-button" data-variant="primary">
                {t("campaigns.import.submit")}
              </button>
            </div>
          </form>
        </section>
      )}
    </Layout>
  );
}

/** Year against year: two years chosen, the mean per question in each and the change. */
export function CampaignComparePage(props: {
  view: View;
  data: YearComparison | null;
  errors?: FieldErrors;
  values?: Record<string, string>;
}) {
  const { view, data } = props;
  const { t, locale } = view;
  const errors = props.errors ?? {};
  const title = t("campaigns.compare.title");
  const years = data?.choices.find((c) => c.key === data.instrument.key)?.years ?? [];
  const current = data ? [data.years[0].year, data.years[1].year] : [];
  const yearOptions = [...new Set([...years, ...current])].sort((a, b) => b - a).map((y) => ({ value: String(y), label: String(y) }));
  const [first, second] = data?.years ?? [];
  return (
    <Layout view={view} title={title}>
      <BackLink href={paths.list.href()} text={t("campaigns.back")} />
      <PageHeading>{title}</PageHeading>
      <ErrorSummary errors={errors} t={t} />
      <p class="ds-paragraph">{t("campaigns.compare.intro", { min: data?.minGroupSize ?? 5 })}</p>
      {data && (
        <form method="get" action={paths.compare.href()} class="sofia-narrow">
          <SelectField
            name="instrument"
            label={t("campaigns.col.instrument")}
            value={data.instrument.key}
            options={(data.choices.length > 0 ? data.choices : [{ key: data.instrument.key, name: data.instrument.name }]).map((c) => ({
              value: c.key,
              label: c.name,
            }))}
          />
          <SelectField
            name="first"
            label={t("campaigns.compare.first")}
            value={String(first?.year ?? "")}
            options={yearOptions}
            error={errors.first}
          />
          <SelectField
            name="second"
            label={t("campaigns.compare.second")}
            value={String(second?.year ?? "")}
            options={yearOptions}
            error={errors.second}
          />
          <div class="sofia-actions">
            <button type="submit" class="ds-button" data-variant="primary">
              {t("campaigns.compare.submit")}
            </button>
          </div>
        </form>
      )}
      {data && first && second && (
        <ScrollRegion labelledBy="compare-caption">
          <table class="ds-table" data-border>
            <caption id="compare-caption">
              {t("campaigns.compare.caption", { name: data.instrument.name, first: first.year, second: second.year })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("campaigns.compare.question")}</th>
                <th scope="col">{String(first.year)}</th>
                <th scope="col">{String(second.year)}</th>
                <th scope="col">{t("campaigns.compare.change")}</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">{t("campaigns.compare.respondents")}</th>
                <td>{first.n === null ? t("campaigns.compare.hidden") : formatNumber(locale, first.n)}</td>
                <td>{second.n === null ? t("campaigns.compare.hidden") : formatNumber(locale, second.n)}</td>
                <td>{t("campaigns.rate.none")}</td>
              </tr>
              {data.items.map((i) => (
                <tr>
                  <th scope="row">{i.text}</th>
                  <td>{i.shown[0] === ".." ? t("campaigns.compare.hidden") : i.shown[0]}</td>
                  <td>{i.shown[1] === ".." ? t("campaigns.compare.hidden") : i.shown[1]}</td>
                  <td>{i.change ?? t("campaigns.rate.none")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <p class="ds-paragraph sofia-hint" data-size="sm">
        {t("campaigns.compare.legend", { min: data?.minGroupSize ?? 5 })}
      </p>
    </Layout>
  );
}
