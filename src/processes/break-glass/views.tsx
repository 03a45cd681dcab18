/** The break-glass form (/nodatkomst) and its offer on the search page, when an exact identity number finds no family one works with. */
import { ErrorSummary, TextAreaField, TextField } from "../../platform/forms.tsx";
import type { View } from "../../platform/http.ts";
import { CsrfField, Layout, PageHeading } from "../../platform/layout.tsx";
import { REASON_MAX } from "./model.ts";
import { paths } from "./paths.ts";

export function BreakGlassPage({
  view,
  minutes,
  values = {},
  errors = {},
}: {
  view: View;
  minutes: number;
  values?: Record<string, string | string[]>;
  errors?: Record<string, string>;
}) {
  const { t } = view;
  const value = (name: string) => [values[name] ?? ""].flat()[0] ?? "";
  return (
    <Layout view={view} title={t("processes.breakGlass.title")}>
      <PageHeading>{t("processes.breakGlass.title")}</PageHeading>
      <ErrorSummary errors={errors} t={t} />
      <p class="ds-paragraph">{t("processes.breakGlass.intro", { minutes })}</p>
      <p class="ds-paragraph">{t("processes.breakGlass.logged")}</p>
      {/* POST: the identity number never goes into a URL. */}
      <form method="post" action={paths.breakGlass.href()} novalidate>
        <CsrfField view={view} />
        <TextField
          name="identityNumber"
          label={t("processes.breakGlass.identity")}
          hint={t("processes.breakGlass.identityHint")}
          value={value("identityNumber")}
          error={errors.identityNumber}
          autocomplete="off"
          inputMode="numeric"
        />
        <TextAreaField
          name="reason"
          label={t("processes.breakGlass.reason")}
          hint={t("processes.breakGlass.reasonHint")}
          value={value("reason")}
          error={errors.reason}
          maxLength={REASON_MAX}
          rows={3}
        />
        <p class="ds-paragraph">
          <button type="submit" class="ds-button" data-variant="primary" data-color="danger">
            {t("processes.breakGlass.submit")}
          </button>
        </p>
      </form>
    </Layout>
  );
}

/**
 * The offer on the search page, shown only to a role that may use break-glass when an exact
 * identity number found no family one works with. It says nothing of whether such a family exists:
 * that is told only after a reason is given, and logged.
 */
export function BreakGlassOffer({ view, identityNumber }: { view: View; identityNumber: string }) {
  const { t } = view;
  return (
    <section aria-labelledby="break-glass-h" class="sofia-section">
      <h2 id="break-glass-h" class="ds-heading" data-size="sm">
        {t("processes.breakGlass.offerTitle")}
      </h2>
      <p class="ds-paragraph">{t("processes.breakGlass.offer")}</p>
      <form method="post" action={paths.breakGlass.href()} novalidate>
        <CsrfField view={view} />
        <input type="hidden" name="identityNumber" value={identityNumber} />
        <TextAreaField
          name="reason"
          label={t("processes.breakGlass.reason")}
          hint={t("processes.breakGlass.reasonHint")}
          maxLength={REASON_MAX}
          rows={3}
        />
        <p class="ds-paragraph">
          <button type="submit" class="ds-button" data-variant="secondary" data-color="danger">
            {t("processes.breakGlass.submit")}
          </button>
        </p>
      </form>
    </section>
  );
}
