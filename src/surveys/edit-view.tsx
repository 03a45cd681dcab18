/** The draft's edit form: the title, every item's text and every scale label, in each declared language. */

import type { FieldErrors } from "../platform/errors.ts";
import { one } from "../platform/form-pages.ts";
import { ErrorSummary, TextField } from "../platform/forms.tsx";
import type { View } from "../platform/http.ts";
import { CsrfField, Layout, PageHeading } from "../platform/layout.tsx";
import { BackLink, ConflictAlert } from "../platform/page-parts.tsx";
import type { FormValues } from "./form.ts";
import { textIn } from "./model.ts";
import { paths } from "./paths.ts";
import type { InstrumentVersion } from "./service.ts";

export function EditPage(props: { view: View; data: InstrumentVersion; values: FormValues; errors?: FieldErrors; conflict?: string }) {
  const { view, data, values } = props;
  const { t } = view;
  const errors = props.errors ?? {};
  const at = { key: data.document.key, n: data.number };
  const title = t("surveys.edit.title", { name: data.document.name, n: data.number });
  const { content } = data;
  const labels: Record<string, string> = {};
  /** One text field per declared language for the texts at path. */
  const fields = (path: string, owner: string) =>
    content.languages.map((lang) => {
      const name = `${path}.${lang}`;
      const label = t(`surveys.language.${lang}`);
      labels[name] = `${owner}, ${label}`;
      return <TextField name={name} label={label} value={one(values[name])} error={errors[name]} />;
    });
  return (
    <Layout view={view} title={title}>
      <BackLink href={paths.version.href(at)} text={t("surveys.edit.back")} />
      <PageHeading>{title}</PageHeading>
      <ErrorSummary errors={errors} t={t} labels={labels} />
      <ConflictAlert message={props.conflict} reloadHref={paths.editVersion.href(at)} t={t} />
      <p class="ds-paragraph">{t("surveys.edit.intro")}</p>
      <form method="post" action={paths.editVersion.href(at)} novalidate class="sofia-wm-form">
        <CsrfField view={view} />
        <input type="hidden" name="version" value={String(data.version)} />
        <fieldset class="ds-fieldset sofia-wm-fieldset">
          <legend class="ds-heading" data-size="xs">
            {t("surveys.field.name")}
          </legend>
          {fields("name", t("surveys.field.name"))}
        </fieldset>
        <h2 class="ds-heading" data-size="sm">
          {t("surveys.field.items")}
        </h2>
        {content.items.map((item, i) => {
          const owner = t("surveys.field.item", { n: i + 1 });
          return (
            <fieldset class="ds-fieldset sofia-wm-fieldset">
              <legend class="ds-heading" data-size="xs">{`${owner}: ${textIn(item.texts, "sv")}`}</legend>
              {fields(`items.${i}.texts`, owner)}
            </fieldset>
          );
        })}
        <h2 class="ds-heading" data-size="sm">
          {t("surveys.field.scale")}
        </h2>
        {content.scale.options.map((o, i) => {
          const owner = t("surveys.field.option", { value: o.value });
          return (
            <fieldset class="ds-fieldset sofia-wm-fieldset">
              <legend class="ds-heading" data-size="xs">
                {owner}
              </legend>
              {fields(`scale.options.${i}.labels`, owner)}
            </fieldset>
          );
        })}
        <button type="submit" class="ds-button" data-variant="primary">
          {t("surveys.edit.save")}
        </button>
      </form>
    </Layout>
  );
}
