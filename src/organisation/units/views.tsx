/** Views of the municipality and its units: the overview with the municipality's settings, a new unit, a unit. */

import { roles } from "../../platform/auth-types.ts";
import type { FieldErrors } from "../../platform/errors.ts";
import { type FormFailure, many, one } from "../../platform/form-pages.ts";
import { CheckboxGroup, ErrorSummary, SelectField, TextField } from "../../platform/forms.tsx";
import type { View } from "../../platform/http.ts";
import { formatNumber } from "../../platform/i18n.ts";
import { CsrfField, Layout, PageHeading } from "../../platform/layout.tsx";
import { BackLink, ConflictAlert, Notice } from "../../platform/page-parts.tsx";
import { unitKinds } from "../model.ts";
import { paths as ssoPaths } from "../sso/index.ts";
import { paths } from "./paths.ts";
import type * as organisation from "./service.ts";

type Values = Record<string, string | string[]>;

export function OverviewPage(props: {
  view: View;
  data: organisation.OrganisationOverview;
  values?: Values;
  failure?: FormFailure;
  notice?: string;
}) {
  const { view, data } = props;
  const { t } = view;
  const errors = props.failure?.errors ?? {};
  const m = data.municipality;
  const values = props.values ?? {
    name: m.name,
    code: m.code,
    waitLimitDays: String(m.waitLimitDays),
    placementReviewLimitDays: String(m.placementReviewLimitDays),
    emergencyPlacementLimitDays: String(m.emergencyPlacementLimitDays),
    minGroupSize: String(m.minGroupSize),
    shareDecimals: String(m.shareDecimals),
    meanDecimals: String(m.meanDecimals),
    mfaRequiredRoles: m.mfaRequiredRoles,
  };
  return (
    <Layout view={view} title={t("org.overview.title")}>
      <PageHeading>{t("org.overview.title")}</PageHeading>
      <Notice text={props.notice && t(props.notice)} />
      <ErrorSummary errors={errors} t={t} />
      <ConflictAlert message={props.failure?.conflict} reloadHref={paths.organisation.href()} t={t} />

      <section aria-labelledby="municipality-h" class="sofia-section">
        <h2 id="municipality-h" class="ds-heading" data-size="sm">
          {t("org.municipality.heading")}
        </h2>
        <dl class="sofia-wm-facts">
          <dt>{t("org.municipality.name")}</dt>
          <dd>{m.name}</dd>
          <dt>{t("org.municipality.factCode")}</dt>
          <dd>{m.code === "" ? t("org.municipality.noCode") : m.code}</dd>
          <dt>{t("org.municipality.factWaitLimit")}</dt>
          <dd>{t("org.municipality.waitLimitDays", { n: formatNumber(view.locale, m.waitLimitDays) })}</dd>
          <dt>{t("org.municipality.placementReviewLimit")}</dt>
          <dd>{t("org.municipality.waitLimitDays", { n: formatNumber(view.locale, m.placementReviewLimitDays) })}</dd>
          <dt>{t("org.municipality.emergencyPlacementLimit")}</dt>
          <dd>{t("org.municipality.waitLimitDays", { n: formatNumber(view.locale, m.emergencyPlacementLimitDays) })}</dd>
          <dt>{t("org.municipality.minGroupSize")}</dt>
          <dd>{formatNumber(view.locale, m.minGroupSize)}</dd>
          <dt>{t("org.municipality.shareDecimals")}</dt>
          <dd>{t(`org.municipality.shareDecimals.${m.shareDecimals}`)}</dd>
          <dt>{t("org.municipality.meanDecimals")}</dt>
          <dd>{t(`org.municipality.meanDecimals.${m.meanDecimals}`)}</dd>
          <dt>{t("org.municipality.mfaRequiredRoles")}</dt>
          <dd>
            {m.mfaRequiredRoles.length === 0 ? t("org.municipality.mfaNone") : m.mfaRequiredRoles.map((r) => t(`role.${r}`)).join(", ")}
          </dd>
        </dl>
        {m.demo && (
          <div class="ds-alert" data-color="info">
            <p class="ds-paragraph">{t("org.municipality.mfaDemo")}</p>
          </div>
        )}
        <form method="post" action={paths.organisation.href()} novalidate class="sofia-narrow">
          <CsrfField view={view} />
          <input type="hidden" name="version" value={String(m.version)} />
          <TextField
            name="name"
            label={t("org.municipality.name")}
            hint={t("org.municipality.nameHint")}
            value={one(values.name)}
            error={errors.name}
          />
          <TextField
            name="code"
            label={t("org.municipality.code")}
            hint={t("org.municipality.codeHint")}
            value={one(values.code)}
            inputMode="numeric"
            error={errors.code}
          />
          <TextField
            name="waitLimitDays"
            label={t("org.municipality.waitLimit")}
            hint={t("org.municipality.waitLimitHint")}
            value={one(values.waitLimitDays)}
            inputMode="numeric"
            error={errors.waitLimitDays}
          />
          <TextField
            name="placementReviewLimitDays"
            label={t("org.municipality.placementReviewLimit")}
            hint={t("org.municipality.placementReviewLimitHint")}
            value={one(values.placementReviewLimitDays)}
            inputMode="numeric"
            error={errors.placementReviewLimitDays}
          />
          <TextField
            name="emergencyPlacementLimitDays"
            label={t("org.municipality.emergencyPlacementLimit")}
            hint={t("org.municipality.emergencyPlacementLimitHint")}
            value={one(values.emergencyPlacementLimitDays)}
            inputMode="numeric"
            error={errors.emergencyPlacementLimitDays}
          />
          <TextField
            name="minGroupSize"
            label={t("org.municipality.minGroupSize")}
            hint={t("org.municipality.minGroupSizeHint")}
            value={one(values.minGroupSize)}
            inputMode="numeric"
            error={errors.minGroupSize}
          />
          <SelectField
            name="shareDecimals"
            label={t("org.municipality.shareDecimals")}
            hint={t("org.municipality.shareDecimalsHint")}
            value={one(values.shareDecimals)}
            options={["0", "1"].map((n) => ({ value: n, label: t(`org.municipality.shareDecimals.${n}`) }))}
            error={errors.shareDecimals}
          />
          <SelectField
            name="meanDecimals"
            label={t("org.municipality.meanDecimals")}
            hint={t("org.municipality.meanDecimalsHint")}
            value={one(values.meanDecimals)}
            options={["0", "1", "2"].map((n) => ({ value: n, label: t(`org.municipality.meanDecimals.${n}`) }))}
            error={errors.meanDecimals}
          />
          <CheckboxGroup
            name="mfaRequiredRoles"
            label={t("org.municipality.mfaRequiredRoles")}
            hint={t("org.municipality.mfaRequiredRolesHint")}
            values={many(values.mfaRequiredRoles)}
            options={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))}
            error={errors.mfaRequiredRoles}
          />
          <button type="submit" class="ds-button" data-variant="primary">
            {t("org.municipality.save")}
          </button>
        </form>
      </section>

      <section aria-labelledby="sso-h" class="sofia-section">
        <h2 id="sso-h" class="ds-heading" data-size="sm">
          {t("org.sso.title")}
        </h2>
        <p class="ds-paragraph">{t("org.sso.linkText")}</p>
        <p class="ds-paragraph">
          <a class="ds-link" href={ssoPaths.settings.href()}>
            {t("org.sso.link")}
          </a>
        </p>
      </section>

      <section aria-labelledby="units-h" class="sofia-section">
        <h2 id="units-h" class="ds-heading" data-size="sm">
          {t("org.units.heading")}
        </h2>
        <p class="ds-paragraph">
          <a class="ds-button" data-variant="secondary" href={paths.newUnit.href()}>
            {t("org.units.add")}
          </a>
        </p>
        {data.units.length === 0 ? (
          <p class="ds-paragraph">{t("org.units.none")}</p>
        ) : (
          <div class="sofia-table-wrap">
            <table class="ds-table" data-border>
              <caption>{t("org.units.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("org.col.name")}</th>
                  <th scope="col">{t("org.col.kind")}</th>
                  <th scope="col">{t("org.col.status")}</th>
                  <th scope="col" class="sofia-num">
                    {t("org.col.activeUsers")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.units.map((u) => (
                  <tr>
                    <td>
                      <a class="ds-link" href={paths.unit.href({ id: u.id })}>
                        {u.name}
                      </a>
                    </td>
                    <td>{t(`unitKind.${u.kind}`)}</td>
                    <td>{t(u.active ? "org.status.active" : "org.status.inactive")}</td>
                    <td class="sofia-num">{formatNumber(view.locale, u.activeUsers)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </Layout>
  );
}

function UnitFields({ view, values, errors }: { view: View; values: Values; errors: FieldErrors }) {
  const { t } = view;
  const kinds = [{ value: "", label: t("org.unit.chooseKind") }, ...unitKinds.map((k) => ({ value: k, label: t(`unitKind.${k}`) }))];
  return (
    <>
      <TextField name="name" label={t("org.unit.name")} value={one(values.name)} error={errors.name} />
      <SelectField name="kind" label={t("org.unit.kind")} value={one(values.kind)} options={kinds} error={errors.kind} />
    </>
  );
}

export function NewUnitPage({ view, values = {}, errors = {} }: { view: View; values?: Values; errors?: FieldErrors }) {
  const { t } = view;
  return (
    <Layout view={view} title={t("org.unit.newTitle")}>
      <div class="sofia-narrow">
        <BackLink href={paths.organisation.href()} text={t("org.backToOrganisation")} />
        <PageHeading>{t("org.unit.newTitle")}</PageHeading>
        <ErrorSummary errors={errors} t={t} />
        <form method="post" action={paths.newUnit.href()} novalidate>
          <CsrfField view={view} />
          <UnitFields view={view} values={values} errors={errors} />
          <div class="sofia-actions">
            <button type="submit" class="ds-button" data-variant="primary">
              {t("org.unit.create")}
            </button>
            <a class="ds-link" href={paths.organisation.href()}>
              {t("form.cancel")}
            </a>
          </div>
        </form>
      </div>
    </Layout>
  );
}

export function UnitPage(props: { view: View; unit: organisation.Unit; values?: Values; failure?: FormFailure; notice?: string }) {
  const { view, unit } = props;
  const { t } = view;
  const errors = props.failure?.errors ?? {};
  const values = props.values ?? { name: unit.name, kind: unit.kind };
  const href = paths.unit.href({ id: unit.id });
  return (
    <Layout view={view} title={unit.name}>
      <div class="sofia-narrow">
        <BackLink href={paths.organisation.href()} text={t("org.backToOrganisation")} />
        <PageHeading>{unit.name}</PageHeading>
        <Notice text={props.notice && t(props.notice)} />
        <ErrorSummary errors={errors} t={t} />
        <ConflictAlert message={props.failure?.conflict} reloadHref={href} t={t} />
        <p class="ds-paragraph">
          {t(unit.active ? "org.unit.isActive" : "org.unit.isInactive")}{" "}
          {t("org.unit.activeUsers", { n: formatNumber(view.locale, unit.activeUsers) })}
        </p>

        <section aria-labelledby="edit-h" class="sofia-section">
          <h2 id="edit-h" class="ds-heading" data-size="sm">
            {t("org.unit.editHeading")}
          </h2>
          <form method="post" action={href} novalidate>
            <CsrfField view={view} />
            <input type="hidden" name="version" value={String(unit.version)} />
            <UnitFields view={view} values={values} errors={errors} />
            <button type="submit" class="ds-button" data-variant="primary">
              {t("org.saveChanges")}
            </button>
          </form>
        </section>

        <section aria-labelledby="status-h" class="sofia-section">
          <h2 id="status-h" class="ds-heading" data-size="sm">
            {t("org.unit.statusHeading")}
          </h2>
          <p class="ds-paragraph">{t(unit.active ? "org.unit.deactivateHint" : "org.unit.reactivateHint")}</p>
          <form method="post" action={paths.unitStatus.href({ id: unit.id })}>
            <CsrfField view={view} />
            <input type="hidden" name="version" value={String(unit.version)} />
            <input type="hidden" name="active" value={unit.active ? "false" : "true"} />
            <button type="submit" class="ds-button" data-variant={unit.active ? "secondary" : "primary"}>
              {t(unit.active ? "org.unit.deactivate" : "org.unit.reactivate")}
            </button>
          </form>
        </section>
      </div>
    </Layout>
  );
}
