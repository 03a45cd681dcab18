/** The paper form page: choose the instrument, then the respondent's role and the answers as they stand on the paper. */

import type { FieldErrors } from "../../platform/errors.ts";
import { ErrorSummary, FileField, fieldId, RadioGroup, SelectField, SPREADSHEET_ACCEPT } from "../../platform/forms.tsx";
import type { View } from "../../platform/http.ts";
import { CsrfField, Layout, PageHeading, ScrollRegion } from "../../platform/layout.tsx";
import { BackLink, ConflictAlert, Notice, NumHeader } from "../../platform/page-parts.tsx";
import { meetingHref, rateText } from "../../processes/index.ts";
import { DONT_KNOW, textIn } from "../model.ts";
import { answerField } from "../responses/index.ts";
import { paths } from "./paths.ts";
import type { ImportResult, PaperForm, PaperInstrument } from "./service.ts";

export type PaperValues = Record<string, string>;

/** The radio value of an item left blank on the paper. */
export const BLANK = "";

/** The paper form of one instrument for a meeting. */
const instrumentHref = (processId: string, meetingId: string, key: string) =>
  paths.paper.href({ id: processId, meetingId }, { enkat: key });

function InstrumentForm({
  view,
  form,
  instrument,
  values,
  errors,
}: {
  view: View;
  form: PaperForm;
  instrument: PaperInstrument;
  values: PaperValues;
  errors: FieldErrors;
}) {
  const { t, locale } = view;
  const c = instrument.content;
  const forChild = c.audience === "child";
  const v = (name: string) => values[name] ?? "";
  if (forChild && form.children.length === 0) return <p class="ds-paragraph">{t("responses.paper.noChildren")}</p>;
  const scale = [
    ...c.scale.options.map((o) => ({
      value: String(o.value),
      label: t("responses.paper.option", { value: o.value, label: textIn(o.labels, locale) }),
    })),
    ...(c.scale.allowDontKnow ? [{ value: DONT_KNOW, label: t("responses.paper.dontKnow") }] : []),
    { value: BLANK, label: t("responses.paper.blank") },
  ];
  return (
    <form method="post" action={instrumentHref(form.processId, form.meetingId, instrument.key)} novalidate>
      <CsrfField view={view} />
      <input type="hidden" name="instrumentKey" value={instrument.key} />
      <input type="hidden" name="submissionKey" value={v("submissionKey")} />
      {forChild ? (
        <>
          <input type="hidden" name="respondentRole" value="child" />
          <RadioGroup
            name="childId"
            legend={t("responses.paper.child")}
            value={v("childId")}
            options={form.children.map((ch) => ({
              value: ch.id,
              label: t("responses.paper.childOption", { name: ch.name, band: ch.ageBand }),
            }))}
            error={errors.childId}
          />
          <p class="ds-paragraph sofia-hint" data-size="sm">
            {t("responses.paper.childHint")}
          </p>
        </>
      ) : (
        <RadioGroup
          name="respondentRole"
          legend={t("responses.paper.role")}
          value={v("respondentRole")}
          options={[
            { value: "parent_with_problem", label: t("responses.role.parent_with_problem") },
            { value: "parent_without_problem", label: t("responses.role.parent_without_problem") },
          ]}
          error={errors.respondentRole}
        />
      )}
      {c.items.map((item, i) => (
        <RadioGroup
          name={answerField(item.key)}
          legend={t("responses.paper.item", { n: i + 1, text: textIn(item.texts, locale) })}
          value={v(answerField(item.key))}
          options={scale}
          error={errors[answerField(item.key)]}
        />
      ))}
      <p class="ds-paragraph sofia-actions">
        <button type="submit" class="ds-button" data-variant="primary">
          {t("responses.paper.submit")}
        </button>
      </p>
    </form>
  );
}

export function PaperPage({
  view,
  form,
  instrument,
  values,
  errors = {},
  conflict,
  notice,
}: {
  view: View;
  form: PaperForm;
  /** The instrument whose form is shown; null while one is to be chosen. */
  instrument: PaperInstrument | null;
  values: PaperValues;
  errors?: FieldErrors;
  conflict?: string;
  notice?: string;
}) {
  const { t, locale } = view;
  const title = t("responses.paper.title", { meeting: form.meetingTypeName });
  const self = instrument
    ? instrumentHref(form.processId, form.meetingId, instrument.key)
    : paths.paper.href({ id: form.processId, meetingId: form.meetingId });
  return (
    <Layout view={view} title={title}>
      <BackLink href={meetingHref(form.processId, form.meetingId)} text={t("responses.paper.back")} />
      <PageHeading>{title}</PageHeading>
      <Notice text={notice} />
      <ConflictAlert message={conflict} reloadHref={self} t={t} />
      <ErrorSummary errors={errors} t={t} />
      <p class="ds-paragraph">{t("responses.paper.intro", { date: form.heldOn })}</p>
      <p class="ds-paragraph">{rateText(t, form.rate)}</p>
      <p class="ds-paragraph sofia-hint" data-size="sm">
        {t("responses.anonymous")}
      </p>
      <p class="ds-paragraph">
        <a class="ds-link" href={paths.importUpload.href()}>
          {t("responses.import.link")}
        </a>
      </p>
      {form.instruments.length === 0 ? (
        <p class="ds-paragraph">{t("responses.paper.noInstruments")}</p>
      ) : instrument ? (
        <section aria-labelledby="paper-form-h" class="sofia-section">
          <h2 id="paper-form-h" class="ds-heading" data-size="sm">
            {textIn(instrument.content.name, locale)}
          </h2>
          {form.instruments.length > 1 && (
            <p class="ds-paragraph">
              <a class="ds-link" href={paths.paper.href({ id: form.processId, meetingId: form.meetingId })}>
                {t("responses.paper.otherInstrument")}
              </a>
            </p>
          )}
          <InstrumentForm view={view} form={form} instrument={instrument} values={values} errors={errors} />
        </section>
      ) : (
        <section aria-labelledby="paper-choose-h" class="sofia-section">
          <h2 id="paper-choose-h" class="ds-heading" data-size="sm">
            {t("responses.paper.choose")}
          </h2>
          <ul class="ds-list" id={fieldId("instrumentKey")}>
            {form.instruments.map((i) => (
              <li>
                <a class="ds-link" href={instrumentHref(form.processId, form.meetingId, i.key)}>
                  {textIn(i.content.name, locale)}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </Layout>
  );
}

/**
 * A meeting that cannot take survey answers this way (a paper form for a meeting not held, links or
 * a kiosk for a meeting planned for a later day or cancelled): a plain refusal with the way back.
 */
export function SurveyRefusedPage({
  view,
  processId,
  meetingId,
  titleKey,
  backKey,
  message,
}: {
  view: View;
  processId: string;
  meetingId: string;
  titleKey: string;
  backKey: string;
  message: string;
}) {
  const { t } = view;
  const title = t(titleKey);
  return (
    <Layout view={view} title={title}>
      <BackLink href={meetingHref(processId, meetingId)} text={t(backKey)} />
      <PageHeading>{title}</PageHeading>
      <div class="ds-alert" data-color="warning" role="alert">
        <p class="ds-paragraph">{message}</p>
      </div>
    </Layout>
  );
}

/** The import's upload: the instrument, the file, and what the file's columns are. */
export function ImportUploadPage({
  view,
  instruments,
  values = {},
  errors = {},
  notice,
}: {
  view: View;
  instruments: Array<{ key: string; name: string }>;
  values?: Record<string, string>;
  errors?: FieldErrors;
  notice?: string;
}) {
  const { t } = view;
  const title = t("responses.import.title");
  const options = [
    { value: "", label: t("responses.paper.chooseInstrument") },
    ...instruments.map((i) => ({ value: i.key, label: i.name })),
  ];
  return (
    <Layout view={view} title={title}>
      <PageHeading>{title}</PageHeading>
      <Notice text={notice} />
      <ErrorSummary errors={errors} t={t} />
      <p class="ds-paragraph">{t("responses.import.intro")}</p>
      <form method="post" action={paths.importUpload.href()} enctype="multipart/form-data" novalidate>
        <CsrfField view={view} />
        <SelectField
          name="instrumentKey"
          label={t("responses.import.instrument")}
          value={values.instrumentKey ?? ""}
          options={options}
          error={errors.instrumentKey}
        />
        <FileField name="file" label={t("responses.import.file")} accept={SPREADSHEET_ACCEPT} error={errors.file} />
        <button class="ds-button" type="submit" data-variant="primary">
          {t("responses.import.upload")}
        </button>
      </form>
      <section aria-labelledby="import-columns-h" class="sofia-section">
        <h2 id="import-columns-h" class="ds-heading" data-size="sm">
          {t("responses.import.columnsTitle")}
        </h2>
        <ul class="ds-list">
          {(["caseFile", "heldOn", "meetingType", "role", "ageBand", "items"] as const).map((c) => (
            <li>{t(`responses.import.columns.${c}`)}</li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}

/** The import's preview: every bad row with its column and reason, or the rows to import and the confirmation. */
export function ImportPreviewPage({ view, result, refused }: { view: View; result: ImportResult; refused?: boolean }) {
  const { t } = view;
  const title = t("responses.import.previewTitle", { instrument: result.instrumentName });
  const toImport = result.rows.filter((r) => !r.already).length;
  return (
    <Layout view={view} title={title}>
      <BackLink href={paths.importUpload.href()} text={t("responses.import.another")} />
      <PageHeading>{title}</PageHeading>
      {result.errors.length > 0 ? (
        <section aria-labelledby="import-errors-h" class="sofia-section">
          <div class="ds-alert" data-color="danger" role={refused ? "alert" : undefined}>
            <h2 id="import-errors-h" class="ds-heading" data-size="xs">
              {t("responses.import.errorsTitle")}
            </h2>
            <p class="ds-paragraph">{t("responses.import.errorsIntro", { n: result.errors.length })}</p>
          </div>
          <ScrollRegion labelledBy="import-errors-caption">
            <table class="ds-table" data-border>
              <caption id="import-errors-caption">{t("responses.import.errorsCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("responses.import.col.row")}</th>
                  <th scope="col">{t("responses.import.col.column")}</th>
                  <th scope="col">{t("responses.import.col.reason")}</th>
                </tr>
              </thead>
              <tbody>
                {result.errors.map((e) => (
                  <tr>
                    <td>{String(e.row)}</td>
                    <td>{e.column}</td>
                    <td>{t(e.messageKey)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </section>
      ) : (
        <>
          <p class="ds-paragraph">{t("responses.import.previewIntro", { n: toImport })}</p>
          <form method="post" action={paths.importConfirm.href()} novalidate>
            <CsrfField view={view} />
            <input type="hidden" name="instrumentKey" value={result.instrumentKey} />
            <input type="hidden" name="table" value={JSON.stringify(result.table)} />
            <button class="ds-button" type="submit" data-variant="primary">
              {t("responses.import.confirm", { n: toImport })}
            </button>
          </form>
        </>
      )}
      {result.rows.length > 0 && (
        <section aria-labelledby="import-rows-caption" class="sofia-section">
          <ScrollRegion labelledBy="import-rows-caption">
            <table class="ds-table" data-border>
              <caption id="import-rows-caption">{t("responses.import.rowsCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("responses.import.col.row")}</th>
                  <th scope="col">{t("responses.import.col.caseFile")}</th>
                  <th scope="col">{t("responses.import.col.meeting")}</th>
                  <th scope="col">{t("responses.import.col.role")}</th>
                  <th scope="col">{t("responses.import.col.ageBand")}</th>
                  <NumHeader>{t("responses.import.col.answered")}</NumHeader>
                  <th scope="col">{t("responses.import.col.status")}</th>
                </tr>
              </thead>
              <tbody>
                {result.rows.map((r) => (
                  <tr>
                    <td>{String(r.row)}</td>
                    <td>{r.caseFile}</td>
                    <td>{t("responses.section.meeting", { meeting: r.meetingTypeName, date: r.heldOn })}</td>
                    <td>{t(`responses.role.${r.role}`)}</td>
                    <td>{r.ageBand ?? ""}</td>
                    <td class="sofia-num">{String(r.answered)}</td>
                    <td>{t(r.already ? "responses.import.status.already" : "responses.import.status.new")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </section>
      )}
    </Layout>
  );
}
