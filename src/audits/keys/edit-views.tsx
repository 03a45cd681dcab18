/** The review-key draft's edit form: the texts of the key and which kinds of document each question applies to. */

import type { FieldErrors } from "../../platform/errors.ts";
import { many, one } from "../../platform/form-pages.ts";
import { CheckboxGroup, ErrorSummary, TextAreaField, TextField } from "../../platform/forms.tsx";
import type { View } from "../../platform/http.ts";
import { CsrfField, Layout, PageHeading } from "../../platform/layout.tsx";
import { BackLink, ConflictAlert } from "../../platform/page-parts.tsx";
import { type FormValues, kindsField } from "./form.ts";
import { paths } from "./paths.ts";
import type { ReviewKeyVersion } from "./views.tsx";

export function EditPage(props: { view: View; data: ReviewKeyVersion; values: FormValues; errors?: FieldErrors; conflict?: string }) {
  const { view, data, values } = props;
  const { t } = view;
  const errors = props.errors ?? {};
  const at = { key: data.document.key, n: data.number };
  const href = paths.version.href(at);
  const title = t("reviewkeys.edit.title", { name: data.document.name, n: data.number });
  const { documentKinds, questions, overall } = data.content;
  const labels: Record<string, string> = {};
  const field = (path: string, label: string, owner?: string) => {
    labels[path] = owner ? `${owner}, ${label}` : label;
    return { name: path, label, value: one(values[path]), error: errors[path] };
  };
  const kindOptions = documentKinds.map((k) => ({ value: k.key, label: k.label }));
  const questionFields = questions.map((q, i) => {
    const owner = t("reviewkeys.edit.questionN", { n: i + 1 });
    labels[kindsField(i)] = `${owner}, ${t("reviewkeys.field.questionKinds")}`;
    return {
      q,
      owner,
      text: field(`questions.${i}.text`, t("reviewkeys.field.questionText"), owner),
      kinds: {
        name: kindsField(i),
        label: t("reviewkeys.field.questionKinds"),
        values: many(values[kindsField(i)]),
        error: errors[kindsField(i)],
      },
    };
  });
  return (
    <Layout view={view} title={title}>
      <BackLink href={href} text={t("reviewkeys.edit.back")} />
      <PageHeading>{title}</PageHeading>
      <ErrorSummary errors={errors} t={t} labels={labels} />
      <ConflictAlert message={props.conflict} reloadHref={paths.editVersion.href(at)} t={t} />
      <p class="ds-paragraph">{t("reviewkeys.edit.intro")}</p>
      <form method="post" action={paths.editVersion.href(at)} novalidate class="sofia-wm-form">
        <CsrfField view={view} />
        <input type="hidden" name="version" value={String(data.version)} />

        <fieldset class="ds-fieldset sofia-wm-fieldset">
          <legend class="ds-heading" data-size="xs">
            {t("reviewkeys.edit.general")}
          </legend>
          <TextField {...field("name", t("reviewkeys.field.name"))} />
        </fieldset>

        <fieldset class="ds-fieldset sofia-wm-fieldset">
          <legend class="ds-heading" data-size="xs">
            {t("reviewkeys.edit.kinds")}
          </legend>
          {documentKinds.map((k, i) => (
            <TextField {...field(`documentKinds.${i}.label`, t("reviewkeys.field.kindLabelOf", { kind: k.label }))} />
          ))}
        </fieldset>

        <h2 class="ds-heading" data-size="sm">
          {t("reviewkeys.questions")}
        </h2>
        {questionFields.map(({ owner, text, kinds }) => (
          <fieldset class="ds-fieldset sofia-wm-fieldset">
            <legend class="ds-heading" data-size="xs">
              {owner}
            </legend>
            <TextAreaField {...text} rows={2} />
            <CheckboxGroup {...kinds} options={kindOptions} />
          </fieldset>
        ))}

        <h2 class="ds-heading" data-size="sm">
          {t("reviewkeys.overall")}
        </h2>
        <fieldset class="ds-fieldset sofia-wm-fieldset">
          <legend class="ds-heading" data-size="xs">
            {t("reviewkeys.overall")}
          </legend>
          <TextAreaField {...field("overall.question", t("reviewkeys.field.overallQuestion"))} rows={2} />
          {overall.options.map((_, i) => (
            <TextField {...field(`overall.options.${i}.label`, t("reviewkeys.field.optionLabel", { n: i + 1 }))} />
          ))}
        </fieldset>

        <button type="submit" class="ds-button" data-variant="primary">
          {t("reviewkeys.edit.save")}
        </button>
      </form>
    </Layout>
  );
}
