/**
 * The indicators' pages: the list, one version's definition in plain Swedish (where every figure of
 * the follow-up links to), the draft's form, a new indicator's form and the publish confirmation.
 */

import type { FieldErrors } from "../../platform/errors.ts";
import { ErrorSummary, RadioGroup, TextAreaField, TextField } from "../../platform/forms.tsx";
import type { View } from "../../platform/http.ts";
import { formatDateTime, type Translate } from "../../platform/i18n.ts";
import { CsrfField, Layout, PageHeading, ScrollRegion } from "../../platform/layout.tsx";
import { BackLink, ConflictAlert, Notice } from "../../platform/page-parts.tsx";
import { scopeFor } from "../../platform/permissions.ts";
import type { DocumentSummary, DocumentVersion } from "../../platform/versioned.ts";
import { PublishConfirmPage } from "../../platform/versioned-views.tsx";
import { paths as followupPaths } from "../paths.ts";
import type { FormValues } from "./form.ts";
import { bandLabels, type Definition, displays, type Filter, fields } from "./model.ts";
import { indicatorVersionHref, paths } from "./paths.ts";

export type IndicatorVersion = DocumentVersion<Definition>;

/** The anchors of the definition's parts, for the follow-up's links. */
export const anchors = {
  numerator: "taljare",
  denominator: "namnare",
  display: "visning",
  target: "mal",
  breakdown: "uppdelning",
} as const;

export const canManage = (view: View) => !!view.actor && !!scopeFor(view.actor.roles, "indicators.manage");

// ---------------------------------------------------------------------------------------------
// The definition in words

/** A field's name in words ("förfrågans datum"); an unknown field as its code. */
export function fieldLabel(t: Translate, unit: string, field: string): string {
  const key = `indicators.field.${unit}.${field}`;
  const text = t(key);
  return text === key ? field : text;
}

/** A value in words: a known value's label, a number as written, anything else as it is. */
function valueLabel(t: Translate, v: string | number): string {
  if (typeof v === "number") return String(v).replace(".", ",");
  const key = `indicators.value.${v}`;
  const text = t(key);
  return text === key ? v : text;
}

/** One condition in words: "processens fas är något av påbörjad, halvvägs eller genomförd". */
export function conditionText(t: Translate, unit: Definition["unit"], f: Filter): string {
  const type = fields[unit][f.field]?.type;
  const opKey = type === "date" && ["lt", "lte", "gt", "gte"].includes(f.op) ? `indicators.op.date.${f.op}` : `indicators.op.${f.op}`;
  const field = fieldLabel(t, unit, f.field);
  if (f.value === undefined) return t("indicators.condition", { field, op: t(opKey) });
  const values = (Array.isArray(f.value) ? f.value : [f.value]).map((v) => valueLabel(t, v));
  const last = values.pop() ?? "";
  const value = values.length > 0 ? `${values.join(", ")} ${t("indicators.or")} ${last}` : last;
  return t("indicators.conditionValue", { field, op: t(opKey), value });
}

export function targetText(t: Translate, d: Definition): string {
  if (!d.target) return t("indicators.noTarget");
  return t(`followup.target.${d.target.direction}`, { value: String(d.target.value).replace(".", ",") });
}

const unitLabel = (t: Translate, d: Definition) => t(`indicators.unit.${d.unit}`);

function Conditions({ t, d, part }: { t: Translate; d: Definition; part: "denominator" | "numerator" }) {
  const list = d[part];
  if (list.length === 0)
    return (
      <p class="ds-paragraph">
        {part === "denominator"
          ? t("indicators.def.noConditions", { unit: unitLabel(t, d).toLowerCase() })
          : t("indicators.def.noNumerator")}
      </p>
    );
  return (
    <ul class="ds-list">
      {list.map((f) => (
        <li>{conditionText(t, d.unit, f)}</li>
      ))}
    </ul>
  );
}

/** The whole definition in words, with an anchor on each part the follow-up's figures link to. */
export function DefinitionText({ t, d, municipalityMin }: { t: Translate; d: Definition; municipalityMin: number }) {
  const breakdown = !d.groupBy
    ? t("indicators.def.noBreakdown")
    : d.groupBy.bands
      ? t("indicators.def.breakdownBands", { field: fieldLabel(t, d.unit, d.groupBy.field), bands: bandLabels(d.groupBy.bands).join(", ") })
      : t("indicators.def.breakdownBy", { field: fieldLabel(t, d.unit, d.groupBy.field) });
  return (
    <section aria-labelledby="ind-def-h" class="sofia-section" id="definition">
      <h2 id="ind-def-h" class="ds-heading" data-size="sm">
        {t("indicators.def.heading")}
      </h2>
      {d.description && <p class="ds-paragraph">{d.description}</p>}
      <h3 class="ds-heading" data-size="xs">
        {t("indicators.def.unit")}
      </h3>
      <p class="ds-paragraph">{unitLabel(t, d)}</p>
      <h3 class="ds-heading" data-size="xs">
        {t("indicators.def.periodDate")}
      </h3>
      <p class="ds-paragraph">
        {t("indicators.def.periodDateText", { unit: unitLabel(t, d), field: fieldLabel(t, d.unit, d.periodDate) })}
      </p>
      <h3 class="ds-heading" data-size="xs" id={anchors.denominator}>
        {t("indicators.def.denominator")}
      </h3>
      <Conditions t={t} d={d} part="denominator" />
      <h3 class="ds-heading" data-size="xs" id={anchors.numerator}>
        {t("indicators.def.numerator")}
      </h3>
      <Conditions t={t} d={d} part="numerator" />
      <h3 class="ds-heading" data-size="xs" id={anchors.display}>
        {t("indicators.def.display")}
      </h3>
      <p class="ds-paragraph">
        {t(`indicators.def.display.${d.display}`, {
          field: d.measure ? fieldLabel(t, d.unit, d.measure.field) : "",
          per: d.measure?.per ? fieldLabel(t, d.unit, d.measure.per) : "",
        })}
      </p>
      <h3 class="ds-heading" data-size="xs" id={anchors.target}>
        {t("indicators.def.target")}
      </h3>
      <p class="ds-paragraph">{targetText(t, d)}</p>
      <h3 class="ds-heading" data-size="xs" id={anchors.breakdown}>
        {t("indicators.def.breakdown")}
      </h3>
      <p class="ds-paragraph">{breakdown}</p>
      <h3 class="ds-heading" data-size="xs">
        {t("indicators.def.minGroupSize")}
      </h3>
      <p class="ds-paragraph">
        {d.minGroupSize === null
          ? t("indicators.def.minGroupSizeMunicipality", { n: municipalityMin })
          : t("indicators.def.minGroupSizeOwn", { n: d.minGroupSize })}
      </p>
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// Pages

function NewDraftForm({ view, keyRef, label }: { view: View; keyRef: string; label: string }) {
  return (
    <form method="post" action={paths.newDraft.href({ key: keyRef })} class="sofia-wm-actions">
      <CsrfField view={view} />
      <button type="submit" class="ds-button" data-variant="secondary">
        {label}
      </button>
    </form>
  );
}

export interface ListedIndicator extends DocumentSummary {
  /** The definition of the latest version (published, or the draft when nothing is published yet). */
  definition: Definition | null;
}

export function ListPage({ view, list, notice }: { view: View; list: ListedIndicator[]; notice?: string }) {
  const { t } = view;
  const manage = canManage(view);
  return (
    <Layout view={view} title={t("indicators.list.title")}>
      <BackLink href={followupPaths.followup.href()} text={t("indicators.backToFollowup")} />
      <PageHeading>{t("indicators.list.title")}</PageHeading>
      <Notice text={notice} />
      <p class="ds-paragraph">{t("indicators.list.intro")}</p>
      {manage && (
        <p class="ds-paragraph">
          <a class="ds-button" data-variant="secondary" href={paths.newIndicator.href()}>
            {t("indicators.list.new")}
          </a>
        </p>
      )}
      {list.length === 0 ? (
        <p class="ds-paragraph">{t("indicators.list.none")}</p>
      ) : (
        <ScrollRegion labelledBy="ind-list-caption">
          <table class="ds-table" data-border>
            <caption id="ind-list-caption">{t("indicators.list.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("indicators.col.name")}</th>
                <th scope="col">{t("indicators.col.unit")}</th>
                <th scope="col">{t("indicators.col.target")}</th>
                <th scope="col">{t("indicators.col.versions")}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((i) => {
                const draft = i.versions.find((v) => v.status === "draft");
                const shown = [...i.versions].reverse();
                return (
                  <tr id={`ind-${i.key}`}>
                    <th scope="row">
                      {i.name}
                      {manage &&
                        (draft ? (
                          <p class="ds-paragraph" data-size="sm">
                            <a class="ds-link" href={paths.editVersion.href({ key: i.key, n: draft.number })}>
                              {t("indicators.list.continueDraft", { name: i.name, n: draft.number })}
                            </a>
                          </p>
                        ) : (
                          <NewDraftForm view={view} keyRef={i.key} label={t("indicators.list.newDraft", { name: i.name })} />
                        ))}
                    </th>
                    <td>{i.definition ? t(`indicators.unit.${i.definition.unit}`) : ""}</td>
                    <td>{i.definition ? targetText(t, i.definition) : ""}</td>
                    <td>
                      <ul class="ds-list">
                        {shown.map((v) => (
                          <li>
                            <a class="ds-link" href={indicatorVersionHref(i.key, v.number)}>
                              {t("indicators.versionStatus", { n: v.number, status: t(`indicators.status.${v.status}`) })}
                            </a>
                          </li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </Layout>
  );
}

export function VersionPage(props: {
  view: View;
  data: IndicatorVersion;
  versions: DocumentSummary["versions"];
  municipalityMin: number;
  notice?: string;
  conflict?: string;
}) {
  const { view, data } = props;
  const { t } = view;
  const d = data.content;
  const title = t("indicators.version.title", { name: d.name, n: data.number });
  const at = { key: data.document.key, n: data.number };
  const href = paths.version.href(at);
  const manage = canManage(view);
  return (
    <Layout view={view} title={title}>
      <BackLink href={paths.list.href()} text={t("indicators.back")} />
      <PageHeading>{title}</PageHeading>
      <Notice text={props.notice} />
      <ConflictAlert message={props.conflict} reloadHref={href} t={t} />
      <dl class="sofia-wm-facts">
        <dt>{t("indicators.def.key")}</dt>
        <dd>{data.document.key}</dd>
        <dt>{t("indicators.col.status")}</dt>
        <dd>{t(`indicators.status.${data.status}`)}</dd>
        <dt>{t("indicators.col.publishedAt")}</dt>
        <dd>{data.publishedAt ? formatDateTime(view.locale, data.publishedAt) : t("indicators.notPublished")}</dd>
      </dl>
      <p class="ds-paragraph">{t(`indicators.status.${data.status}.explain`)}</p>
      {manage && data.status === "draft" && (
        <div class="sofia-wm-actions">
          <a class="ds-link" href={paths.editVersion.href(at)}>
            {t("indicators.draft.edit")}
          </a>
          <a class="ds-button" data-variant="primary" href={paths.publishVersion.href(at)}>
            {t("indicators.draft.publish")}
          </a>
        </div>
      )}
      {manage && data.status === "published" && !props.versions.some((v) => v.status === "draft") && (
        <>
          <p class="ds-paragraph">{t("indicators.version.newDraftHint")}</p>
          <NewDraftForm view={view} keyRef={data.document.key} label={t("indicators.version.newDraft")} />
        </>
      )}
      <DefinitionText t={t} d={d} municipalityMin={props.municipalityMin} />
      <section aria-labelledby="ind-versions-h" class="sofia-section">
        <h2 id="ind-versions-h" class="ds-heading" data-size="sm">
          {t("indicators.version.otherVersions")}
        </h2>
        <ul class="ds-list">
          {[...props.versions].reverse().map((v) => (
            <li>
              {v.number === data.number ? (
                <span aria-current="page">
                  {t("indicators.versionStatus", { n: v.number, status: t(`indicators.status.${v.status}`) })}
                </span>
              ) : (
                <a class="ds-link" href={indicatorVersionHref(data.document.key, v.number)}>
                  {t("indicators.versionStatus", { n: v.number, status: t(`indicators.status.${v.status}`) })}
                </a>
              )}
            </li>
          ))}
        </ul>
      </section>
      <details class="sofia-section">
        <summary>{t("indicators.def.json")}</summary>
        <pre>{JSON.stringify(d, null, 2)}</pre>
      </details>
    </Layout>
  );
}

/** The fields of a definition's form, shared by the draft's form and a new indicator's. */
function DefinitionFields({ t, values, errors, withKey }: { t: Translate; values: FormValues; errors: FieldErrors; withKey: boolean }) {
  const field = (name: string, label: string, hint?: string) => ({ name, label, hint, value: values[name] ?? "", error: errors[name] });
  return (
    <>
      {withKey && <TextField {...field("key", t("indicators.field.key"), t("indicators.field.key.hint"))} spellcheck={false} />}
      <TextField {...field("name", t("indicators.field.name"))} />
      <TextAreaField {...field("description", t("indicators.field.description"))} rows={3} />
      <RadioGroup
        name="display"
        legend={t("indicators.field.display")}
        value={values.display ?? ""}
        error={errors.display}
        options={displays.map((d) => ({ value: d, label: t(`indicators.display.${d}`) }))}
      />
      <TextField {...field("targetValue", t("indicators.field.targetValue"), t("indicators.field.targetValue.hint"))} inputMode="decimal" />
      <RadioGroup
        name="targetDirection"
        legend={t("indicators.field.targetDirection")}
        value={values.targetDirection ?? "at_least"}
        error={errors.targetDirection}
        options={[
          { value: "at_least", label: t("indicators.direction.at_least") },
          { value: "at_most", label: t("indicators.direction.at_most") },
        ]}
      />
      <TextField
        {...field("minGroupSize", t("indicators.field.minGroupSize"), t("indicators.field.minGroupSize.hint"))}
        inputMode="numeric"
      />
      <TextAreaField {...field("definition", t("indicators.field.definition"), t("indicators.field.definition.hint"))} rows={18} />
    </>
  );
}

const labelsOf = (t: Translate): Record<string, string> => ({
  key: t("indicators.field.key"),
  name: t("indicators.field.name"),
  description: t("indicators.field.description"),
  display: t("indicators.field.display"),
  targetValue: t("indicators.field.targetValue"),
  targetDirection: t("indicators.field.targetDirection"),
  minGroupSize: t("indicators.field.minGroupSize"),
  definition: t("indicators.field.definition"),
});

export function EditPage(props: { view: View; data: IndicatorVersion; values: FormValues; errors?: FieldErrors; conflict?: string }) {
  const { view, data, values } = props;
  const { t } = view;
  const errors = props.errors ?? {};
  const at = { key: data.document.key, n: data.number };
  const href = paths.version.href(at);
  const title = t("indicators.edit.title", { name: data.content.name, n: data.number });
  return (
    <Layout view={view} title={title}>
      <BackLink href={href} text={t("indicators.edit.back")} />
      <PageHeading>{title}</PageHeading>
      <ErrorSummary errors={errors} t={t} labels={labelsOf(t)} />
      <ConflictAlert message={props.conflict} reloadHref={paths.editVersion.href(at)} t={t} />
      <p class="ds-paragraph">
        {t("indicators.edit.intro")}{" "}
        <a class="ds-link" href={`${href}#definition`}>
          {t("indicators.def.heading")}
        </a>
      </p>
      <form method="post" action={paths.editVersion.href(at)} novalidate class="sofia-wm-form">
        <CsrfField view={view} />
        <input type="hidden" name="version" value={String(data.version)} />
        <DefinitionFields t={t} values={values} errors={errors} withKey={false} />
        <button type="submit" class="ds-button" data-variant="primary">
          {t("indicators.edit.save")}
        </button>
      </form>
    </Layout>
  );
}

export function NewPage(props: { view: View; values: FormValues; errors?: FieldErrors }) {
  const { view, values } = props;
  const { t } = view;
  const errors = props.errors ?? {};
  return (
    <Layout view={view} title={t("indicators.new.title")}>
      <BackLink href={paths.list.href()} text={t("indicators.back")} />
      <PageHeading>{t("indicators.new.title")}</PageHeading>
      <ErrorSummary errors={errors} t={t} labels={labelsOf(t)} />
      <p class="ds-paragraph">{t("indicators.new.intro")}</p>
      <form method="post" action={paths.newIndicator.href()} novalidate class="sofia-wm-form">
        <CsrfField view={view} />
        <DefinitionFields t={t} values={values} errors={errors} withKey={true} />
        <button type="submit" class="ds-button" data-variant="primary">
          {t("indicators.new.save")}
        </button>
      </form>
    </Layout>
  );
}

export const PublishPage = ({ view, data }: { view: View; data: IndicatorVersion }) => (
  <PublishConfirmPage
    view={view}
    prefix="indicators"
    name={data.content.name}
    number={data.number}
    version={data.version}
    versionHref={indicatorVersionHref(data.document.key, data.number)}
  />
);
