/** The draft's edit form: per meeting type and per stop, the fields an administrator may change. */

import type { FieldErrors } from "../platform/errors.ts";
import { one } from "../platform/form-pages.ts";
import { ErrorSummary, TextAreaField, TextField } from "../platform/forms.tsx";
import type { View } from "../platform/http.ts";
import { CsrfField, Layout, PageHeading } from "../platform/layout.tsx";
import { BackLink, ConflictAlert } from "../platform/page-parts.tsx";
import type { FormValues } from "./form.ts";
import { paths } from "./paths.ts";
import type { WorkModelVersion } from "./service.ts";
import { eventText } from "./views.tsx";

export function EditPage(props: { view: View; data: WorkModelVersion; values: FormValues; errors?: FieldErrors; conflict?: string }) {
  const { view, data, values } = props;
  const { t } = view;
  const errors = props.errors ?? {};
  const ids = { id: data.document.id, n: data.number };
  const href = paths.version.href(ids);
  const title = t("workmodels.edit.title", { name: data.document.name, n: data.number });
  const { meetingTypes, stops } = data.content;
  const labels: Record<string, string> = {};
  const field = (path: string, owner: string, label: string) => {
    labels[path] = `${owner}, ${label}`;
    return { name: path, label, value: one(values[path]), error: errors[path] };
  };
  const meetingName = (key: string) => meetingTypes.find((m) => m.key === key)?.name ?? key;
  const meetingFields = meetingTypes.map((m, i) => ({
    m,
    name: field(`meetingTypes.${i}.name`, m.name, t("workmodels.field.name")),
    purpose: field(`meetingTypes.${i}.purpose`, m.name, t("workmodels.field.purpose")),
    minAge: m.scope === "child" ? field(`meetingTypes.${i}.minChildAge`, m.name, t("workmodels.field.minChildAge")) : null,
    checklist: field(`meetingTypes.${i}.checklist`, m.name, t("workmodels.field.checklist")),
  }));
  const stopFields = stops.map((s, i) => ({
    s,
    name: field(`stops.${i}.name`, s.name, t("workmodels.field.name")),
    purpose: field(`stops.${i}.purpose`, s.name, t("workmodels.field.purpose")),
    days: field(`stops.${i}.due.days`, s.name, t("workmodels.field.days")),
    checklist: field(`stops.${i}.checklist`, s.name, t("workmodels.field.checklist")),
  }));
  return (
    <Layout view={view} title={title}>
      <BackLink href={href} text={t("workmodels.edit.back")} />
      <PageHeading>{title}</PageHeading>
      <ErrorSummary errors={errors} t={t} labels={labels} />
      <ConflictAlert message={props.conflict} reloadHref={paths.editVersion.href(ids)} t={t} />
      <p class="ds-paragraph">{t("workmodels.edit.intro")}</p>
      <form method="post" action={paths.editVersion.href(ids)} novalidate class="sofia-wm-form">
        <CsrfField view={view} />
        <input type="hidden" name="version" value={String(data.version)} />
        {meetingFields.length > 0 && (
          <h2 class="ds-heading" data-size="sm">
            {t("workmodels.meetings")}
          </h2>
        )}
        {meetingFields.map(({ m, name, purpose, minAge, checklist }, i) => (
          <fieldset class="ds-fieldset sofia-wm-fieldset">
            <legend class="ds-heading" data-size="xs">{`${i + 1}. ${m.name}`}</legend>
            <TextField {...name} />
            <TextAreaField {...purpose} rows={3} />
            {minAge && <TextField {...minAge} inputMode="numeric" hint={t("workmodels.field.minChildAgeHint")} />}
            <TextAreaField {...checklist} rows={Math.max(4, m.checklist.length + 1)} hint={t("workmodels.field.checklistHint")} />
          </fieldset>
        ))}
        {stopFields.length > 0 && (
          <h2 class="ds-heading" data-size="sm">
            {t("workmodels.stops")}
          </h2>
        )}
        {stopFields.map(({ s, name, purpose, days, checklist }) => (
          <fieldset class="ds-fieldset sofia-wm-fieldset">
            <legend class="ds-heading" data-size="xs">
              {s.name}
            </legend>
            <TextField {...name} />
            <TextAreaField {...purpose} rows={3} />
            <TextField {...days} inputMode="numeric" hint={t("workmodels.field.daysHint", { event: eventText(t, s, meetingName) })} />
            <TextAreaField {...checklist} rows={Math.max(4, s.checklist.length + 1)} hint={t("workmodels.field.checklistHint")} />
          </fieldset>
        ))}
        <button type="submit" class="ds-button" data-variant="primary">
          {t("workmodels.edit.save")}
        </button>
      </form>
    </Layout>
  );
}
