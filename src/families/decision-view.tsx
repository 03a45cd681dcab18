/** The form where the process leader records the Sofiamöte's decision on a request. */
import type { FieldErrors } from "../platform/errors.ts";
import { one } from "../platform/form-pages.ts";
import { DateField, ErrorSummary, fieldId, SelectField, TextField } from "../platform/forms.tsx";
import type { View } from "../platform/http.ts";
import { CsrfField, Layout, PageHeading } from "../platform/layout.tsx";
import type { FormValues } from "./form.ts";
import { familyName } from "./model.ts";
import { paths } from "./paths.ts";
import { stopReasons } from "./schemas.ts";
import type { RequestDetail } from "./service.ts";

interface Props {
  view: View;
  data: RequestDetail;
  values: FormValues;
  models: Array<{ key: string; name: string }>;
  errors?: FieldErrors;
  conflict?: string;
}

export function DecisionPage({ view, data, values, models, errors = {}, conflict }: Props) {
  const { t } = view;
  const v = (name: string) => one(values[name]);
  const title = t("families.decision.pageTitle", { family: familyName(data.family, t).name });
  return (
    <Layout view={view} title={title}>
      <PageHeading>{title}</PageHeading>
      {conflict && (
        <div class="ds-alert" data-color="danger" role="alert" id={fieldId("decision")}>
          <p class="ds-paragraph">{conflict}</p>
        </div>
      )}
      <ErrorSummary errors={errors} t={t} />
      <p class="ds-paragraph">{t("families.decision.intro")}</p>
      <form method="post" action={paths.decision.href({ id: data.id })} novalidate>
        <CsrfField view={view} />
        <input type="hidden" name="version" value={v("version")} />
        <DateField
          t={t}
          locale={view.locale}
          name="meetingDate"
          label={t("families.decision.meetingDate")}
          hint={t("families.decision.meetingDateHint")}
          value={v("meetingDate")}
          required
          error={errors.meetingDate}
        />
        <SelectField
          name="decision"
          label={t("families.decision.decision")}
          value={v("decision")}
          required
          options={[
            { value: "", label: t("families.decision.decision") },
            { value: "continue", label: t("families.decision.continue") },
            { value: "stop", label: t("families.decision.stop") },
          ]}
          error={conflict ? undefined : errors.decision}
        />
        <SelectField
          name="workModelKey"
          label={t("families.decision.workModel")}
          hint={t("families.decision.workModelHint")}
          value={v("workModelKey") || "sofiamodellen"}
          options={models.map((m) => ({ value: m.key, label: m.name }))}
          error={errors.workModelKey}
        />
        <SelectField
          name="reason"
          label={t("families.decision.reason")}
          value={v("reason")}
          options={[
            { value: "", label: t("families.decision.reasonNone") },
            ...stopReasons.map((r) => ({ value: r, label: t(`families.stopReason.${r}`) })),
          ]}
          error={errors.reason}
        />
        <TextField
          name="reasonText"
          label={t("families.decision.reasonText")}
          hint={t("families.decision.reasonTextHint")}
          value={v("reasonText")}
          error={errors.reasonText}
        />
        <p class="ds-paragraph sofia-actions">
          <button type="submit" class="ds-button" data-variant="primary">
            {t("families.decision.submit")}
          </button>{" "}
          <a class="ds-link" href={paths.request.href({ id: data.id })}>
            {t("families.decision.cancel")}
          </a>
        </p>
      </form>
    </Layout>
  );
}
