/** The economy's pages: project list, project form, the project page, costs, import and the savings estimate. */

import type { FieldErrors } from "../platform/errors.ts";
import { one } from "../platform/form-pages.ts";
import { ErrorSummary, FileField, RadioGroup, SelectField, SPREADSHEET_ACCEPT, TextAreaField, TextField } from "../platform/forms.tsx";
import type { View } from "../platform/http.ts";
import { formatDateTime } from "../platform/i18n.ts";
import { CsrfField, Layout, PageHeading, ScrollRegion } from "../platform/layout.tsx";
import { BackLink, ConflictAlert, Notice, NumHeader } from "../platform/page-parts.tsx";
import { scopeFor } from "../platform/permissions.ts";
import type { RowError } from "./import.ts";
import { bars, type CategoryRow, costCategories, fundingKinds, periodYears } from "./model.ts";
import { formatAmount, formatKronor } from "./money.ts";
import { paths } from "./paths.ts";
import type * as economy from "./service.ts";

export type Values = Record<string, string | string[]>;
export interface Failure {
  status: number;
  errors: FieldErrors;
  conflict?: string;
}

const canManage = (view: View) => !!view.actor && !!scopeFor(view.actor.roles, "economy.manage");

function Kr({ amount }: { amount: number }) {
  return <span class="sofia-nowrap">{formatKronor(amount)}</span>;
}

export const categoryName = (t: View["t"], category: string, label: string | null) =>
  category === "other" ? label || t("economy.category.other") : t(`economy.category.${category}`);

function EstimateNotice({ view }: { view: View }) {
  return (
    <div class="ds-alert" data-color="warning">
      <p class="ds-paragraph">
        <strong>{view.t("economy.savings.estimateWarning")}</strong>
      </p>
      <p class="ds-paragraph">{view.t("economy.savings.estimateExplained")}</p>
    </div>
  );
}

// ---- List ----

export function ProjectListPage({ view, projects, notice }: { view: View; projects: economy.ProjectListItem[]; notice?: string }) {
  const { t } = view;
  return (
    <Layout view={view} title={t("economy.list.title")}>
      <PageHeading>{t("economy.list.title")}</PageHeading>
      <Notice text={notice && t(notice)} />
      <p class="ds-paragraph">{t("economy.list.intro")}</p>
      {canManage(view) && (
        <p class="ds-paragraph sofia-actions">
          <a class="ds-button" data-variant="primary" href={paths.newProject.href()}>
            {t("economy.list.new")}
          </a>
          <a class="ds-link" href={paths.unitCosts.href()}>
            {t("economy.unitCosts.title")}
          </a>
        </p>
      )}
      {projects.length === 0 ? (
        <p class="ds-paragraph">{t("economy.list.none")}</p>
      ) : (
        <ScrollRegion labelledBy="projects-caption">
          <table class="ds-table" data-border>
            <caption id="projects-caption">{t("economy.list.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("economy.col.project")}</th>
                <th scope="col">{t("economy.col.funding")}</th>
                <th scope="col">{t("economy.col.period")}</th>
                <NumHeader>{t("economy.col.granted")}</NumHeader>
                <NumHeader>{t("economy.col.spent")}</NumHeader>
                <NumHeader>{t("economy.col.remaining")}</NumHeader>
              </tr>
            </thead>
            <tbody>
              {projects.map((p) => (
                <tr>
                  <td>
                    <a class="ds-link" href={paths.project.href({ id: p.id })}>
                      {p.name}
                    </a>
                  </td>
                  <td>{p.fundingSource}</td>
                  <td class="sofia-nowrap">{`${p.fromYear}–${p.toYear}`}</td>
                  <td class="sofia-num">
                    <Kr amount={p.granted} />
                  </td>
                  <td class="sofia-num">
                    <Kr amount={p.spent} />
                  </td>
                  <td class="sofia-num">
                    <Kr amount={p.remaining} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </Layout>
  );
}

// ---- Project form ----

export const GRANT_ROWS = 5;
export const REPAYMENT_ROWS = 8;

function YearAmountRows(props: { view: View; list: "grants" | "repayments"; rows: number; values: Values; errors: FieldErrors }) {
  const { t } = props.view;
  const items = [];
  for (let i = 0; i < props.rows; i++) {
    const y = `${props.list}.${i}.year`;
    const a = `${props.list}.${i}.amount`;
    items.push(
      <div class="sofia-filters">
        <TextField
          name={y}
          label={t(`economy.project.${props.list}.year`, { n: i + 1 })}
          value={one(props.values[y])}
          inputMode="numeric"
          error={props.errors[y]}
        />
        <TextField
          name={a}
          label={t(`economy.project.${props.list}.amount`, { n: i + 1 })}
          value={one(props.values[a])}
          inputMode="numeric"
          error={props.errors[a]}
        />
      </div>,
    );
  }
  return (
    <fieldset class="ds-fieldset sofia-field">
      <legend class="ds-label">{t(`economy.project.${props.list}.legend`)}</legend>
      <p class="ds-paragraph sofia-hint" data-size="sm">
        {t(`economy.project.${props.list}.hint`)}
      </p>
      {items}
    </fieldset>
  );
}

export function projectValues(d: economy.ProjectDetail): Values {
  const v: Values = {
    name: d.project.name,
    fundingSource: d.project.fundingSource,
    fundingKind: d.project.fundingKind,
    fromYear: String(d.project.fromYear),
    toYear: String(d.project.toYear),
    ownContribution: formatAmount(d.project.ownContribution),
  };
  d.grants.forEach((g, i) => {
    v[`grants.${i}.year`] = String(g.year);
    v[`grants.${i}.amount`] = formatAmount(g.amount);
  });
  d.repayments.forEach((r, i) => {
    v[`repayments.${i}.year`] = String(r.year);
    v[`repayments.${i}.amount`] = formatAmount(r.amount);
  });
  return v;
}

export function ProjectFormPage(props: { view: View; detail?: economy.ProjectDetail; values?: Values; failure?: Failure }) {
  const { view, detail } = props;
  const { t } = view;
  const errors = props.failure?.errors ?? {};
  const values = props.values ?? (detail ? projectValues(detail) : {});
  const title = detail ? t("economy.project.editTitle", { name: detail.project.name }) : t("economy.project.newTitle");
  const action = detail ? paths.editProject.href({ id: detail.project.id }) : paths.newProject.href();
  const kinds = [
    { value: "", label: t("economy.project.chooseKind") },
    ...fundingKinds.map((k) => ({ value: k, label: t(`economy.fundingKind.${k}`) })),
  ];
  return (
    <Layout view={view} title={title}>
      <div class="sofia-narrow">
        <BackLink
          href={detail ? paths.project.href({ id: detail.project.id }) : paths.list.href()}
          text={t(detail ? "economy.backToProject" : "economy.backToList")}
        />
        <PageHeading>{title}</PageHeading>
        <ErrorSummary errors={errors} t={t} labels={{ fromYear: t("economy.project.fromYear"), toYear: t("economy.project.toYear") }} />
        <ConflictAlert message={props.failure?.conflict} reloadHref={action} t={t} />
        <form method="post" action={action} novalidate>
          <CsrfField view={view} />
          {detail && <input type="hidden" name="version" value={String(detail.project.version)} />}
          <TextField name="name" label={t("economy.project.name")} value={one(values.name)} error={errors.name} />
          <TextField
            name="fundingSource"
            label={t("economy.project.fundingSource")}
            hint={t("economy.project.fundingSourceHint")}
            value={one(values.fundingSource)}
            error={errors.fundingSource}
          />
          <SelectField
            name="fundingKind"
            label={t("economy.project.fundingKind")}
            value={one(values.fundingKind)}
            options={kinds}
            error={errors.fundingKind}
          />
          <div class="sofia-filters">
            <TextField
              name="fromYear"
              label={t("economy.project.fromYear")}
              value={one(values.fromYear)}
              inputMode="numeric"
              error={errors.fromYear}
            />
            <TextField
              name="toYear"
              label={t("economy.project.toYear")}
              value={one(values.toYear)}
              inputMode="numeric"
              error={errors.toYear}
            />
          </div>
          <TextField
            name="ownContribution"
            label={t("economy.project.ownContribution")}
            hint={t("economy.money.hint")}
            value={one(values.ownContribution)}
            inputMode="numeric"
            error={errors.ownContribution}
          />
          <YearAmountRows
            view={view}
            list="grants"
            rows={Math.max(GRANT_ROWS, detail?.grants.length ?? 0)}
            values={values}
            errors={errors}
          />
          <YearAmountRows
            view={view}
            list="repayments"
            rows={Math.max(REPAYMENT_ROWS, detail?.repayments.length ?? 0)}
            values={values}
            errors={errors}
          />
          <div class="sofia-actions">
            <button type="submit" class="ds-button" data-variant="primary">
              {t(detail ? "economy.project.save" : "economy.project.create")}
            </button>
            <a class="ds-link" href={detail ? paths.project.href({ id: detail.project.id }) : paths.list.href()}>
              {t("form.cancel")}
            </a>
          </div>
        </form>
      </div>
    </Layout>
  );
}

// ---- Project page ----

const CHART_HEIGHT = 160;
const BAR_WIDTH = 28;
const GROUP_WIDTH = 90;

function GrantChart({ view, detail }: { view: View; detail: economy.ProjectDetail }) {
  const { t } = view;
  const list = bars(detail.summary.years, CHART_HEIGHT);
  const width = 40 + list.length * GROUP_WIDTH;
  const top = 10;
  return (
    <figure class="sofia-section" aria-labelledby="chart-caption">
      <svg
        role="img"
        aria-labelledby="chart-title"
        viewBox={`0 0 ${width} ${CHART_HEIGHT + top + 50}`}
        width="100%"
        height={CHART_HEIGHT + top + 50}
        preserveAspectRatio="xMinYMin meet"
      >
        <title id="chart-title">{t("economy.chart.title")}</title>
        <line x1="30" x2={width} y1={top + CHART_HEIGHT} y2={top + CHART_HEIGHT} stroke="#444" stroke-width="1" />
        {list.map((b, i) => {
          const x = 40 + i * GROUP_WIDTH;
          return (
            <g>
              <rect x={x} y={top + CHART_HEIGHT - b.grantedHeight} width={BAR_WIDTH} height={b.grantedHeight} fill="#1e6b8f">
                <title>{`${b.year} ${t("economy.col.granted")}: ${formatKronor(b.granted)}`}</title>
              </rect>
              <rect x={x + BAR_WIDTH + 4} y={top + CHART_HEIGHT - b.spentHeight} width={BAR_WIDTH} height={b.spentHeight} fill="#c2571a">
                <title>{`${b.year} ${t("economy.col.spent")}: ${formatKronor(b.spent)}`}</title>
              </rect>
              <text x={x + BAR_WIDTH + 2} y={top + CHART_HEIGHT + 18} text-anchor="middle" font-size="13" fill="#222">
                {String(b.year)}
              </text>
            </g>
          );
        })}
        <rect x="40" y={top + CHART_HEIGHT + 30} width="12" height="12" fill="#1e6b8f" />
        <text x="56" y={top + CHART_HEIGHT + 41} font-size="12" fill="#222">
          {t("economy.col.granted")}
        </text>
        <rect x="150" y={top + CHART_HEIGHT + 30} width="12" height="12" fill="#c2571a" />
        <text x="166" y={top + CHART_HEIGHT + 41} font-size="12" fill="#222">
          {t("economy.col.spent")}
        </text>
      </svg>
      <figcaption id="chart-caption" class="ds-paragraph" data-size="sm">
        {t("economy.chart.caption")}
      </figcaption>
    </figure>
  );
}

function SummaryTable({ view, detail }: { view: View; detail: economy.ProjectDetail }) {
  const { t } = view;
  const s = detail.summary;
  return (
    <ScrollRegion labelledBy="summary-caption">
      <table class="ds-table" data-border id="summary-table">
        <caption id="summary-caption">{t("economy.summary.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("economy.col.year")}</th>
            <NumHeader>{t("economy.col.granted")}</NumHeader>
            <NumHeader>{t("economy.col.spent")}</NumHeader>
            <NumHeader>{t("economy.col.remaining")}</NumHeader>
            <NumHeader>{t("economy.col.deviation")}</NumHeader>
          </tr>
        </thead>
        <tbody>
          {s.years.map((y) => (
            <tr>
              <th scope="row">{String(y.year)}</th>
              <td class="sofia-num">
                <Kr amount={y.granted} />
              </td>
              <td class="sofia-num">
                <Kr amount={y.spent} />
              </td>
              <td class="sofia-num">
                <Kr amount={y.remaining} />
              </td>
              <td class="sofia-num">
                <Kr amount={y.deviation} />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t("economy.col.total")}</th>
            <td class="sofia-num">
              <strong>
                <Kr amount={s.total.granted} />
              </strong>
            </td>
            <td class="sofia-num">
              <strong>
                <Kr amount={s.total.spent} />
              </strong>
            </td>
            <td class="sofia-num">
              <strong>
                <Kr amount={s.total.remaining} />
              </strong>
            </td>
            <td class="sofia-num">
              <strong>
                <Kr amount={s.total.deviation} />
              </strong>
            </td>
          </tr>
        </tfoot>
      </table>
    </ScrollRegion>
  );
}

function CategoryTable({ view, detail }: { view: View; detail: economy.ProjectDetail }) {
  const { t } = view;
  const years = periodYears(detail.project.fromYear, detail.project.toYear);
  const rows: CategoryRow[] = detail.summary.categories;
  if (rows.length === 0) return <p class="ds-paragraph">{t("economy.costs.none")}</p>;
  return (
    <ScrollRegion labelledBy="categories-caption">
      <table class="ds-table" data-border>
        <caption id="categories-caption">{t("economy.categories.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("economy.col.category")}</th>
            {years.map((y) => (
              <NumHeader>{String(y)}</NumHeader>
            ))}
            <NumHeader>{t("economy.col.total")}</NumHeader>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <th scope="row">{categoryName(t, r.category, r.label)}</th>
              {r.perYear.map((n) => (
                <td class="sofia-num">
                  <Kr amount={n} />
                </td>
              ))}
              <td class="sofia-num">
                <Kr amount={r.total} />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t("economy.col.total")}</th>
            {detail.summary.years.map((y) => (
              <td class="sofia-num">
                <strong>
                  <Kr amount={y.spent} />
                </strong>
              </td>
            ))}
            <td class="sofia-num">
              <strong>
                <Kr amount={detail.summary.total.spent} />
              </strong>
            </td>
          </tr>
        </tfoot>
      </table>
    </ScrollRegion>
  );
}

/** Per year: each category's budget beside what was spent (granted, spent, deviation, remaining). */
function BudgetTables({ view, detail }: { view: View; detail: economy.ProjectDetail }) {
  const { t } = view;
  if (detail.budget.lines.length === 0) return <p class="ds-paragraph">{t("economy.budget.none")}</p>;
  return (
    <>
      {detail.budget.table.years.map((y) => (
        <ScrollRegion labelledBy={`budget-${y.year}-caption`}>
          <table class="ds-table" data-border>
            <caption id={`budget-${y.year}-caption`}>{t("economy.budget.caption", { year: y.year })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("economy.col.category")}</th>
                <NumHeader>{t("economy.col.granted")}</NumHeader>
                <NumHeader>{t("economy.col.spent")}</NumHeader>
                <NumHeader>{t("economy.col.deviation")}</NumHeader>
                <NumHeader>{t("economy.col.remaining")}</NumHeader>
              </tr>
            </thead>
            <tbody>
              {y.categories.map((c) => (
                <tr>
                  <th scope="row">{categoryName(t, c.category, c.label)}</th>
                  {[c.granted, c.spent, c.deviation, c.remaining].map((n) => (
                    <td class="sofia-num">
                      <Kr amount={n} />
                    </td>
                  ))}
                </tr>
              ))}
              {y.unallocated !== 0 && (
                <tr>
                  <th scope="row">{t("economy.budget.unallocated")}</th>
                  <td class="sofia-num">
                    <Kr amount={y.unallocated} />
                  </td>
                  <td />
                  <td />
                  <td />
                </tr>
              )}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t("economy.col.total")}</th>
                {[y.granted, y.spent, y.deviation, y.remaining].map((n) => (
                  <td class="sofia-num">
                    <strong>
                      <Kr amount={n} />
                    </strong>
                  </td>
                ))}
              </tr>
            </tfoot>
          </table>
        </ScrollRegion>
      ))}
    </>
  );
}

/** One amount field of the budget form: a year and category (a free category with its name). */
export interface BudgetFormRow {
  /** The field's place on the form: `lines.<index>.amount`. */
  index: number;
  year: number;
  category: (typeof costCategories)[number];
  /** A free category's name as stored; null for a fixed category and for the empty free row. */
  label: string | null;
  amount: number | null;
}

/**
 * The budget form's rows, in a fixed order from the project alone (so that a refused form is shown
 * with the same places): per year each fixed category, each free category stored, and one empty
 * free category.
 */
export function budgetFormRows(detail: economy.ProjectDetail): BudgetFormRow[] {
  const out: BudgetFormRow[] = [];
  const lines = detail.budget.lines;
  for (const year of periodYears(detail.project.fromYear, detail.project.toYear)) {
    for (const category of costCategories.filter((c) => c !== "other")) {
      const line = lines.find((l) => l.year === year && l.category === category);
      out.push({ index: out.length, year, category, label: null, amount: line?.amount ?? null });
    }
    for (const line of lines.filter((l) => l.year === year && l.category === "other"))
      out.push({ index: out.length, year, category: "other", label: line.label ?? "", amount: line.amount });
    out.push({ index: out.length, year, category: "other", label: null, amount: null });
  }
  return out;
}

/** The budget form's values as stored: amounts in Swedish format, free categories by name. */
function budgetValues(rows: BudgetFormRow[]): Values {
  const v: Values = {};
  for (const r of rows) {
    if (r.amount !== null) v[`lines.${r.index}.amount`] = formatAmount(r.amount);
    if (r.category === "other" && r.label !== null) v[`lines.${r.index}.label`] = r.label;
  }
  return v;
}

/** The labels the error summary names each budget field by ("Personal 2025: …"). */
export function budgetFieldLabels(t: View["t"], detail: economy.ProjectDetail): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const r of budgetFormRows(detail)) {
    if (r.category === "other") {
      labels[`lines.${r.index}.label`] = t("economy.budget.otherName", { year: r.year });
      labels[`lines.${r.index}.amount`] =
        r.label === null
          ? t("economy.budget.otherAmount", { year: r.year })
          : t("economy.budget.amountLabel", { category: r.label || t("economy.category.other"), year: r.year });
    } else
      labels[`lines.${r.index}.amount`] = t("economy.budget.amountLabel", { category: categoryName(t, r.category, null), year: r.year });
  }
  return labels;
}

/**
 * The budget per year and cost category as a form (the same service as the API's PUT): a fieldset
 * per year, an amount per category, the project's version for the optimistic lock. Works without
 * JavaScript; closed until opened, open when refused.
 */
function BudgetForm(props: { view: View; detail: economy.ProjectDetail; values?: Values; errors: FieldErrors }) {
  const { view, detail, errors } = props;
  const { t } = view;
  const rows = budgetFormRows(detail);
  const values = props.values ?? budgetValues(rows);
  const labels = budgetFieldLabels(t, detail);
  const p = detail.project;
  const grantOf = (year: number) => detail.grants.filter((g) => g.year === year).reduce((a, g) => a + g.amount, 0);
  return (
    <details class="sofia-section" id="budget-form" open={props.values !== undefined}>
      <summary class="ds-link">{t("economy.budget.formSummary")}</summary>
      <form method="post" action={paths.budget.href({ id: p.id })} novalidate>
        <CsrfField view={view} />
        <input type="hidden" name="version" value={String(p.version)} />
        <p class="ds-paragraph">{t("economy.budget.formIntro")}</p>
        <p class="ds-paragraph sofia-hint" data-size="sm">
          {t("economy.money.hint")}
        </p>
        {periodYears(p.fromYear, p.toYear).map((year) => (
          <fieldset class="ds-fieldset sofia-field">
            <legend class="ds-label">{t("economy.budget.yearLegend", { year, granted: formatKronor(grantOf(year)) })}</legend>
            <div class="sofia-filters">
              {rows
                .filter((r) => r.year === year && r.category !== "other")
                .map((r) => {
                  const at = `lines.${r.index}`;
                  return (
                    <div>
                      <input type="hidden" name={`${at}.year`} value={String(r.year)} />
                      <input type="hidden" name={`${at}.category`} value={r.category} />
                      <TextField
                        name={`${at}.amount`}
                        label={categoryName(t, r.category, null)}
                        value={one(values[`${at}.amount`])}
                        inputMode="numeric"
                        error={errors[`${at}.amount`]}
                      />
                    </div>
                  );
                })}
            </div>
            {rows
              .filter((r) => r.year === year && r.category === "other")
              .map((r) => {
                const at = `lines.${r.index}`;
                return (
                  <div class="sofia-filters">
                    <input type="hidden" name={`${at}.year`} value={String(r.year)} />
                    <input type="hidden" name={`${at}.category`} value={r.category} />
                    <TextField
                      name={`${at}.label`}
                      label={labels[`${at}.label`] ?? ""}
                      hint={r.label === null ? undefined : t("economy.budget.otherHint")}
                      value={one(values[`${at}.label`])}
                      error={errors[`${at}.label`]}
                    />
                    <TextField
                      name={`${at}.amount`}
                      label={t("economy.budget.otherAmount", { year })}
                      value={one(values[`${at}.amount`])}
                      inputMode="numeric"
                      error={errors[`${at}.amount`]}
                    />
                  </div>
                );
              })}
          </fieldset>
        ))}
        <div class="sofia-actions">
          <button type="submit" class="ds-button" data-variant="primary">
            {t("economy.budget.save")}
          </button>
        </div>
      </form>
    </details>
  );
}

export function RepaymentTable({ view, rows, total }: { view: View; rows: Array<{ year: number; amount: number }>; total: number }) {
  const { t } = view;
  if (rows.length === 0) return <p class="ds-paragraph">{t("economy.repayments.none")}</p>;
  return (
    <table class="ds-table" data-border>
      <caption>{t("economy.repayments.caption")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("economy.col.year")}</th>
          <NumHeader>{t("economy.col.amount")}</NumHeader>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr>
            <th scope="row">{String(r.year)}</th>
            <td class="sofia-num">
              <Kr amount={r.amount} />
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t("economy.col.total")}</th>
          <td class="sofia-num">
            <strong>
              <Kr amount={total} />
            </strong>
          </td>
        </tr>
      </tfoot>
    </table>
  );
}

export function ProjectPage(props: { view: View; detail: economy.ProjectDetail; notice?: string; values?: Values; failure?: Failure }) {
  const { view, detail, notice } = props;
  const { t } = view;
  const p = detail.project;
  const s = detail.summary;
  const repaymentTotal = detail.repayments.reduce((a, r) => a + r.amount, 0);
  const errors = props.failure?.errors ?? {};
  return (
    <Layout view={view} title={p.name}>
      <BackLink href={paths.list.href()} text={t("economy.backToList")} />
      <PageHeading>{p.name}</PageHeading>
      <Notice text={notice && t(notice)} />
      <ErrorSummary errors={errors} t={t} labels={budgetFieldLabels(t, detail)} />
      <ConflictAlert message={props.failure?.conflict} reloadHref={paths.project.href({ id: p.id })} t={t} />
      <dl class="sofia-wm-facts">
        <dt>{t("economy.project.fundingSource")}</dt>
        <dd>{`${p.fundingSource} (${t(`economy.fundingKind.${p.fundingKind}`)})`}</dd>
        <dt>{t("economy.col.period")}</dt>
        <dd>{`${p.fromYear}–${p.toYear}`}</dd>
        <dt>{t("economy.project.ownContribution")}</dt>
        <dd>
          <Kr amount={p.ownContribution} />
        </dd>
      </dl>
      <nav aria-label={t("economy.project.actions")}>
        <p class="ds-paragraph sofia-actions">
          <a class="ds-link" href={paths.costs.href({ id: p.id })}>
            {t(canManage(view) ? "economy.costs.enter" : "economy.costs.title")}
          </a>
          {canManage(view) && (
            <a class="ds-link" href={paths.importUpload.href({ id: p.id })}>
              {t("economy.import.title")}
            </a>
          )}
          <a class="ds-link" href={paths.savings.href({ id: p.id })}>
            {t("economy.savings.title")}
          </a>
          {canManage(view) && (
            <a class="ds-link" href={paths.editProject.href({ id: p.id })}>
              {t("economy.project.edit")}
            </a>
          )}
        </p>
      </nav>

      <section aria-labelledby="summary-h" class="sofia-section">
        <h2 id="summary-h" class="ds-heading" data-size="sm">
          {t("economy.summary.heading")}
        </h2>
        <p class="ds-paragraph" id="last-year-remainder">
          {t("economy.summary.lastYearRemainder", { year: s.lastYear })} <strong>{formatKronor(s.lastYearRemainder)}</strong>
        </p>
        <SummaryTable view={view} detail={detail} />
        <GrantChart view={view} detail={detail} />
        <p class="ds-paragraph" data-size="sm">
          {t("economy.summary.deviationHint")}
        </p>
      </section>

      <section aria-labelledby="categories-h" class="sofia-section">
        <h2 id="categories-h" class="ds-heading" data-size="sm">
          {t("economy.categories.heading")}
        </h2>
        <CategoryTable view={view} detail={detail} />
      </section>

      <section aria-labelledby="budget-h" class="sofia-section">
        <h2 id="budget-h" class="ds-heading" data-size="sm">
          {t("economy.budget.heading")}
        </h2>
        <BudgetTables view={view} detail={detail} />
        {canManage(view) && <BudgetForm view={view} detail={detail} values={props.values} errors={errors} />}
      </section>

      <section aria-labelledby="repayments-h" class="sofia-section">
        <h2 id="repayments-h" class="ds-heading" data-size="sm">
          {t("economy.repayments.heading")}
        </h2>
        <RepaymentTable view={view} rows={detail.repayments} total={repaymentTotal} />
      </section>

      {detail.batches.length > 0 && (
        <section aria-labelledby="batches-h" class="sofia-section">
          <h2 id="batches-h" class="ds-heading" data-size="sm">
            {t("economy.batches.heading")}
          </h2>
          <ul class="ds-list">
            {detail.batches.map((b) => (
              <li>
                {t("economy.batches.item", {
                  file: b.fileName,
                  at: formatDateTime(view.locale, b.createdAt),
                  n: b.rowCount,
                  total: formatKronor(b.total),
                })}
              </li>
            ))}
          </ul>
        </section>
      )}
    </Layout>
  );
}

// ---- Costs ----

export function CostsPage(props: {
  view: View;
  detail: economy.ProjectDetail;
  values?: Values;
  failure?: Failure;
  notice?: string;
  /** The year the form starts on (the last one used). */
  year?: string;
}) {
  const { view, detail } = props;
  const { t } = view;
  const p = detail.project;
  const errors = props.failure?.errors ?? {};
  const years = periodYears(p.fromYear, p.toYear);
  const startYear = props.year && years.includes(Number(props.year)) ? props.year : String(years[0]);
  const values = props.values ?? { year: startYear, halfYear: "" };
  const base = paths.project.href({ id: p.id });
  const manage = canManage(view);
  return (
    <Layout view={view} title={t("economy.costs.titleOf", { name: p.name })}>
      <BackLink href={base} text={t("economy.backToProject")} />
      <PageHeading>{t("economy.costs.titleOf", { name: p.name })}</PageHeading>
      <Notice text={props.notice && t(props.notice)} />
      <ErrorSummary errors={errors} t={t} />
      <ConflictAlert message={props.failure?.conflict} reloadHref={paths.costs.href({ id: p.id })} t={t} />
      {manage && (
        <section aria-labelledby="add-h" class="sofia-section sofia-narrow">
          <h2 id="add-h" class="ds-heading" data-size="sm">
            {t("economy.costs.add")}
          </h2>
          <form method="post" action={paths.costs.href({ id: p.id })} novalidate>
            <CsrfField view={view} />
            <SelectField
              name="year"
              label={t("economy.col.year")}
              value={one(values.year)}
              options={years.map((y) => ({ value: String(y), label: String(y) }))}
              error={errors.year}
            />
            <RadioGroup
              name="halfYear"
              legend={t("economy.costs.halfYear")}
              value={one(values.halfYear)}
              options={[
                { value: "", label: t("economy.halfYear.whole") },
                { value: "1", label: t("economy.halfYear.1") },
                { value: "2", label: t("economy.halfYear.2") },
              ]}
              error={errors.halfYear}
            />
            <SelectField
              name="category"
              label={t("economy.col.category")}
              value={one(values.category)}
              options={[
                { value: "", label: t("economy.costs.chooseCategory") },
                ...costCategories.map((c) => ({ value: c, label: t(`economy.category.${c}`) })),
              ]}
              error={errors.category}
            />
            <TextField
              name="label"
              label={t("economy.costs.label")}
              hint={t("economy.costs.labelHint")}
              value={one(values.label)}
              error={errors.label}
            />
            <TextField
              name="amount"
              label={t("economy.col.amount")}
              hint={t("economy.money.hintCredit")}
              value={one(values.amount)}
              inputMode="numeric"
              error={errors.amount}
            />
            <button type="submit" class="ds-button" data-variant="primary">
              {t("economy.costs.save")}
            </button>
          </form>
        </section>
      )}
      {years.map((year) => {
        const costs = detail.costs.filter((c) => c.year === year);
        const id = `costs-${year}`;
        return (
          <section aria-labelledby={`${id}-h`} class="sofia-section">
            <h2 id={`${id}-h`} class="ds-heading" data-size="sm">
              {t("economy.costs.yearHeading", { year })}
            </h2>
            {costs.length === 0 ? (
              <p class="ds-paragraph">{t("economy.costs.noneYear")}</p>
            ) : (
              <ScrollRegion labelledBy={`${id}-caption`}>
                <table class="ds-table" data-border>
                  <caption id={`${id}-caption`}>{t("economy.costs.caption", { year })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("economy.costs.halfYear")}</th>
                      <th scope="col">{t("economy.col.category")}</th>
                      <th scope="col">{t("economy.costs.source")}</th>
                      <NumHeader>{t("economy.col.amount")}</NumHeader>
                      {manage && <th scope="col">{t("economy.costs.actions")}</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {costs.map((c) => (
                      <tr>
                        <td>{t(c.halfYear ? `economy.halfYear.${c.halfYear}` : "economy.halfYear.whole")}</td>
                        <td>{categoryName(t, c.category, c.label)}</td>
                        <td>
                          {c.source === "import" ? t("economy.costs.imported", { account: c.account ?? "" }) : t("economy.costs.manual")}
                        </td>
                        <td class="sofia-num">
                          <Kr amount={c.amount} />
                        </td>
                        {manage && (
                          <td>
                            <form method="post" action={paths.deleteCost.href({ id: p.id, costId: c.id })} class="sofia-inline-form">
                              <CsrfField view={view} />
                              <input type="hidden" name="version" value={String(c.version)} />
                              <button type="submit" class="ds-button" data-variant="tertiary" data-size="sm">
                                {t("economy.costs.delete")}
                                <span class="ds-sr-only">{` ${categoryName(t, c.category, c.label)} ${formatKronor(c.amount)}`}</span>
                              </button>
                            </form>
                          </td>
                        )}
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr>
                      <th scope="row" colSpan={3}>
                        {t("economy.col.total")}
                      </th>
                      <td class="sofia-num">
                        <strong>
                          <Kr amount={costs.reduce((a, c) => a + c.amount, 0)} />
                        </strong>
                      </td>
                      {manage && <td />}
                    </tr>
                  </tfoot>
                </table>
              </ScrollRegion>
            )}
          </section>
        );
      })}
    </Layout>
  );
}

// ---- Import ----

export function ImportUploadPage({ view, project, errors = {} }: { view: View; project: economy.Project; errors?: FieldErrors }) {
  const { t } = view;
  const base = paths.project.href({ id: project.id });
  return (
    <Layout view={view} title={t("economy.import.titleOf", { name: project.name })}>
      <div class="sofia-narrow">
        <BackLink href={base} text={t("economy.backToProject")} />
        <PageHeading>{t("economy.import.titleOf", { name: project.name })}</PageHeading>
        <ErrorSummary errors={errors} t={t} />
        <p class="ds-paragraph">{t("economy.import.intro")}</p>
        <ul class="ds-list">
          <li>{t("economy.import.columnsAccount")}</li>
          <li>{t("economy.import.columnsYear")}</li>
          <li>{t("economy.import.columnsAmount")}</li>
        </ul>
        <form method="post" action={paths.importUpload.href({ id: project.id })} enctype="multipart/form-data" novalidate>
          <CsrfField view={view} />
          <FileField
            name="file"
            label={t("economy.import.file")}
            hint={t("economy.import.fileHint")}
            accept={SPREADSHEET_ACCEPT}
            error={errors.file}
          />
          <button type="submit" class="ds-button" data-variant="primary">
            {t("economy.import.upload")}
          </button>
        </form>
      </div>
    </Layout>
  );
}

export const columnName = (t: View["t"], column: RowError["column"]) => t(`economy.import.column.${column}`);

export function rowErrorText(t: View["t"], e: RowError): string {
  return t("economy.import.rowError", { row: e.row, column: columnName(t, e.column), reason: t(e.messageKey, e.params) });
}

export function ImportPreviewPage({ view, preview, status }: { view: View; preview: economy.ImportPreview; status?: "refused" }) {
  const { t } = view;
  const base = paths.project.href({ id: preview.project.id });
  const errors = preview.errors;
  const categoryOptions = [
    { value: "", label: t("economy.costs.chooseCategory") },
    ...costCategories.map((c) => ({ value: c, label: t(`economy.category.${c}`) })),
  ];
  return (
    <Layout view={view} title={t("economy.import.previewTitle")}>
      <BackLink href={paths.importUpload.href({ id: preview.project.id })} text={t("economy.import.backToUpload")} />
      <PageHeading>{t("economy.import.previewTitle")}</PageHeading>
      <p class="ds-paragraph">{t("economy.import.previewIntro", { file: preview.fileName, name: preview.project.name })}</p>
      {errors.length > 0 ? (
        <div class="ds-alert" data-color="danger" role={status ? "alert" : undefined} id="import-errors">
          <h2 class="ds-heading" data-size="xs">
            {t(status ? "economy.import.refused" : "economy.import.errorsTitle", { n: errors.length })}
          </h2>
          <ul class="ds-list">
            {errors.map((e) => (
              <li>{rowErrorText(t, e)}</li>
            ))}
          </ul>
        </div>
      ) : (
        <div class="ds-alert" data-color="info">
          <p class="ds-paragraph">{t("economy.import.ready", { n: preview.lines.length, total: formatKronor(preview.total) })}</p>
        </div>
      )}
      <form method="post" action={paths.importPreview.href({ id: preview.project.id, uploadId: preview.uploadId })} novalidate>
        <CsrfField view={view} />
        <section aria-labelledby="mapping-h" class="sofia-section">
          <h2 id="mapping-h" class="ds-heading" data-size="sm">
            {t("economy.import.mappingHeading")}
          </h2>
          <p class="ds-paragraph">{t("economy.import.mappingIntro")}</p>
          {preview.accounts.map((a, i) => (
            <fieldset class="ds-fieldset sofia-field">
              <legend class="ds-label">
                {a.text ? t("economy.import.accountWithText", { account: a.account, text: a.text }) : a.account}
              </legend>
              <input type="hidden" name={`mapping.${i}.account`} value={a.account} />
              <div class="sofia-filters">
                <SelectField
                  name={`mapping.${i}.category`}
                  label={t("economy.col.category")}
                  value={a.mapping?.category ?? ""}
                  options={categoryOptions}
                />
                <TextField name={`mapping.${i}.label`} label={t("economy.costs.label")} value={a.mapping?.label ?? ""} />
              </div>
            </fieldset>
          ))}
        </section>
        <section aria-labelledby="rows-h" class="sofia-section">
          <h2 id="rows-h" class="ds-heading" data-size="sm">
            {t("economy.import.rowsHeading")}
          </h2>
          <ScrollRegion labelledBy="rows-caption">
            <table class="ds-table" data-border>
              <caption id="rows-caption">{t("economy.import.rowsCaption", { n: preview.lines.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("economy.import.column.row")}</th>
                  <th scope="col">{t("economy.import.column.account")}</th>
                  <th scope="col">{t("economy.col.year")}</th>
                  <th scope="col">{t("economy.costs.halfYear")}</th>
                  <th scope="col">{t("economy.col.category")}</th>
                  <NumHeader>{t("economy.col.amount")}</NumHeader>
                </tr>
              </thead>
              <tbody>
                {preview.lines.map((l) => (
                  <tr>
                    <td>{String(l.row)}</td>
                    <td>{l.text ? `${l.account} ${l.text}` : l.account}</td>
                    <td>{String(l.year)}</td>
                    <td>{t(l.halfYear ? `economy.halfYear.${l.halfYear}` : "economy.halfYear.whole")}</td>
                    <td>{categoryName(t, l.category, l.label)}</td>
                    <td class="sofia-num">
                      <Kr amount={l.amount} />
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={5}>
                    {t("economy.col.total")}
                  </th>
                  <td class="sofia-num">
                    <strong>
                      <Kr amount={preview.total} />
                    </strong>
                  </td>
                </tr>
              </tfoot>
            </table>
          </ScrollRegion>
        </section>
        <div class="sofia-actions">
          <button type="submit" name="action" value="confirm" class="ds-button" data-variant="primary">
            {t("economy.import.confirm")}
          </button>
          <button type="submit" name="action" value="preview" class="ds-button" data-variant="secondary">
            {t("economy.import.refresh")}
          </button>
          <a class="ds-link" href={base}>
            {t("form.cancel")}
          </a>
        </div>
      </form>
    </Layout>
  );
}

// ---- Unit costs ----

/** The edit form of each unit cost names its fields after the unit cost, so that ids stay unique on the page. */
export const unitCostPrefix = (id: string) => `uc${id.replaceAll("-", "")}`;

export function UnitCostsPage(props: {
  view: View;
  unitCosts: economy.UnitCost[];
  values?: Values;
  failure?: Failure;
  editing?: string;
  notice?: string;
}) {
  const { view } = props;
  const { t } = view;
  const errors = props.failure?.errors ?? {};
  const manage = canManage(view);
  const newValues = props.editing ? {} : (props.values ?? {});
  return (
    <Layout view={view} title={t("economy.unitCosts.title")}>
      <BackLink href={paths.list.href()} text={t("economy.backToList")} />
      <PageHeading>{t("economy.unitCosts.title")}</PageHeading>
      <Notice text={props.notice && t(props.notice)} />
      <ErrorSummary errors={errors} t={t} />
      <ConflictAlert message={props.failure?.conflict} reloadHref={paths.unitCosts.href()} t={t} />
      <p class="ds-paragraph">{t("economy.unitCosts.intro")}</p>
      {props.unitCosts.length === 0 ? (
        <p class="ds-paragraph">{t("economy.unitCosts.none")}</p>
      ) : (
        props.unitCosts.map((u) => {
          const editing = props.editing === u.id;
          const prefix = unitCostPrefix(u.id);
          const v = editing && props.values ? props.values : {};
          const field = (k: string) => `${prefix}.${k}`;
          const value = (k: "label" | "unit" | "amount") =>
            editing && props.values ? one(v[field(k)]) : k === "amount" ? formatAmount(u.amount) : u[k];
          return (
            <section aria-labelledby={`${prefix}-h`} class="sofia-section sofia-narrow">
              <h2 id={`${prefix}-h`} class="ds-heading" data-size="xs">
                {`${u.label}: ${formatKronor(u.amount)} / ${u.unit}`}
              </h2>
              {manage && (
                <form method="post" action={paths.unitCost.href({ id: u.id })} novalidate>
                  <CsrfField view={view} />
                  <input type="hidden" name="version" value={String(u.version)} />
                  <div class="sofia-filters">
                    <TextField
                      name={field("label")}
                      label={t("economy.unitCost.label")}
                      value={value("label")}
                      error={errors[field("label")]}
                    />
                    <TextField
                      name={field("unit")}
                      label={t("economy.unitCost.unit")}
                      value={value("unit")}
                      error={errors[field("unit")]}
                    />
                    <TextField
                      name={field("amount")}
                      label={t("economy.unitCost.amount")}
                      value={value("amount")}
                      inputMode="numeric"
                      error={errors[field("amount")]}
                    />
                  </div>
                  <button type="submit" class="ds-button" data-variant="secondary">
                    {t("economy.unitCost.save", { label: u.label })}
                  </button>
                </form>
              )}
            </section>
          );
        })
      )}
      {manage && (
        <section aria-labelledby="new-unit-cost-h" class="sofia-section sofia-narrow">
          <h2 id="new-unit-cost-h" class="ds-heading" data-size="sm">
            {t("economy.unitCost.add")}
          </h2>
          <form method="post" action={paths.unitCosts.href()} novalidate>
            <CsrfField view={view} />
            <TextField
              name="label"
              label={t("economy.unitCost.label")}
              hint={t("economy.unitCost.labelHint")}
              value={one(newValues.label)}
              error={props.editing ? undefined : errors.label}
            />
            <TextField
              name="unit"
              label={t("economy.unitCost.unit")}
              hint={t("economy.unitCost.unitHint")}
              value={one(newValues.unit)}
              error={props.editing ? undefined : errors.unit}
            />
            <TextField
              name="amount"
              label={t("economy.unitCost.amount")}
              hint={t("economy.money.hint")}
              value={one(newValues.amount)}
              inputMode="numeric"
              error={props.editing ? undefined : errors.amount}
            />
            <button type="submit" class="ds-button" data-variant="primary">
              {t("economy.unitCost.create")}
            </button>
          </form>
        </section>
      )}
    </Layout>
  );
}

// ---- Savings ----

export function SavingsPage(props: { view: View; data: economy.SavingsPage; values?: Values; failure?: Failure; notice?: string }) {
  const { view, data } = props;
  const { t } = view;
  const p = data.project;
  const e = data.estimate;
  const errors = props.failure?.errors ?? {};
  const base = paths.project.href({ id: p.id });
  const manage = canManage(view);
  const values: Values = props.values ?? {
    horizonYears: String(p.savingsHorizonYears),
    ...Object.fromEntries(
      data.unitCosts.flatMap((u, i) => {
        const a = data.assumptions.find((x) => x.unitCostId === u.id);
        return [
          [`assumptions.${i}.avoidedPerYear`, a ? String(a.avoidedPerYear) : ""],
          [`assumptions.${i}.basis`, a?.basis ?? ""],
        ];
      }),
    ),
  };
  return (
    <Layout view={view} title={t("economy.savings.titleOf", { name: p.name })}>
      <BackLink href={base} text={t("economy.backToProject")} />
      <PageHeading>{t("economy.savings.titleOf", { name: p.name })}</PageHeading>
      <Notice text={props.notice && t(props.notice)} />
      <ErrorSummary errors={errors} t={t} />
      <ConflictAlert message={props.failure?.conflict} reloadHref={paths.savings.href({ id: p.id })} t={t} />
      <EstimateNotice view={view} />

      <section aria-labelledby="estimate-h" class="sofia-section">
        <h2 id="estimate-h" class="ds-heading" data-size="sm">
          {t("economy.savings.estimateHeading")}
        </h2>
        {e.lines.length === 0 ? (
          <p class="ds-paragraph">{t("economy.savings.noAssumptions")}</p>
        ) : (
          <ScrollRegion labelledBy="estimate-caption">
            <table class="ds-table" data-border id="estimate-table">
              <caption id="estimate-caption">{t("economy.savings.caption", { years: e.horizonYears })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("economy.savings.col.unitCost")}</th>
                  <NumHeader>{t("economy.savings.col.cost")}</NumHeader>
                  <NumHeader>{t("economy.savings.col.avoided")}</NumHeader>
                  <NumHeader>{t("economy.savings.col.perYear")}</NumHeader>
                  <NumHeader>{t("economy.savings.col.overHorizon", { years: e.horizonYears })}</NumHeader>
                  <th scope="col">{t("economy.savings.col.basis")}</th>
                </tr>
              </thead>
              <tbody>
                {e.lines.map((l) => (
                  <tr>
                    <th scope="row">{l.label}</th>
                    <td class="sofia-num">{`${formatKronor(l.unitCost)} / ${l.unit}`}</td>
                    <td class="sofia-num">{t("economy.savings.avoidedValue", { n: l.avoidedPerYear, unit: l.unit })}</td>
                    <td class="sofia-num">
                      <Kr amount={l.perYear} />
                    </td>
                    <td class="sofia-num">
                      <Kr amount={l.overHorizon} />
                    </td>
                    <td>{l.basis || t("economy.savings.noBasis")}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={3}>
                    {t("economy.savings.totalEstimate")}
                  </th>
                  <td class="sofia-num">
                    <strong>
                      <Kr amount={e.perYear} />
                    </strong>
                  </td>
                  <td class="sofia-num">
                    <strong>
                      <Kr amount={e.overHorizon} />
                    </strong>
                  </td>
                  <td />
                </tr>
              </tfoot>
            </table>
          </ScrollRegion>
        )}
        <div class="sofia-section">
          <table class="ds-table" data-border>
            <caption>{t("economy.savings.comparisonCaption")}</caption>
            <tbody>
              <tr>
                <th scope="row">{t("economy.savings.fact.overHorizon", { years: e.horizonYears })}</th>
                <td class="sofia-num">
                  <Kr amount={e.overHorizon} /> {t("economy.savings.assumedMark")}
                </td>
              </tr>
              <tr>
                <th scope="row">{t("economy.savings.fact.repayment")}</th>
                <td class="sofia-num">
                  <Kr amount={e.repaymentTotal} />
                </td>
              </tr>
              <tr>
                <th scope="row">{t("economy.savings.fact.balance")}</th>
                <td class="sofia-num" id="savings-balance">
                  <Kr amount={e.balance} /> {t("economy.savings.assumedMark")}
                </td>
              </tr>
            </tbody>
          </table>
        </div>
        <div class="sofia-section">
          <h3 class="ds-heading" data-size="xs">
            {t("economy.repayments.heading")}
          </h3>
          <RepaymentTable view={view} rows={e.repayments} total={e.repaymentTotal} />
        </div>
      </section>

      <section aria-labelledby="assumptions-h" class="sofia-section">
        <h2 id="assumptions-h" class="ds-heading" data-size="sm">
          {t("economy.savings.assumptionsHeading")}
        </h2>
        <p class="ds-paragraph">{t("economy.savings.assumptionsIntro")}</p>
        {data.unitCosts.length === 0 && (
          <p class="ds-paragraph">
            {t("economy.savings.noUnitCosts")}{" "}
            <a class="ds-link" href={paths.unitCosts.href()}>
              {t("economy.unitCosts.title")}
            </a>
          </p>
        )}
        {manage ? (
          <form method="post" action={paths.savings.href({ id: p.id })} novalidate class="sofia-narrow">
            <CsrfField view={view} />
            <input type="hidden" name="version" value={String(p.version)} />
            <TextField
              name="horizonYears"
              label={t("economy.savings.horizon")}
              hint={t("economy.savings.horizonHint")}
              value={one(values.horizonYears)}
              inputMode="numeric"
              error={errors.horizonYears}
            />
            {data.unitCosts.map((u, i) => (
              <fieldset class="ds-fieldset sofia-field">
                <legend class="ds-label">{`${u.label} (${formatKronor(u.amount)} / ${u.unit})`}</legend>
                <input type="hidden" name={`assumptions.${i}.unitCostId`} value={u.id} />
                <TextField
                  name={`assumptions.${i}.avoidedPerYear`}
                  label={t("economy.savings.avoidedLabel", { unit: u.unit })}
                  hint={t("economy.savings.avoidedHint")}
                  value={one(values[`assumptions.${i}.avoidedPerYear`])}
                  inputMode="numeric"
                  error={errors[`assumptions.${i}.avoidedPerYear`] ?? errors[`assumptions.${i}.unitCostId`]}
                />
                <TextAreaField
                  name={`assumptions.${i}.basis`}
                  label={t("economy.savings.basis")}
                  hint={t("economy.savings.basisHint")}
                  value={one(values[`assumptions.${i}.basis`])}
                  rows={2}
                  maxLength={500}
                  error={errors[`assumptions.${i}.basis`]}
                />
              </fieldset>
            ))}
            <button type="submit" class="ds-button" data-variant="primary">
              {t("economy.savings.save")}
            </button>
          </form>
        ) : (
          <p class="ds-paragraph">{t("economy.savings.horizonValue", { years: e.horizonYears })}</p>
        )}
      </section>
    </Layout>
  );
}
