/**
 * The follow-up page: the period form (GET, with presets), then per section every indicator with
 * this period against the previous one: the target and whether it is met in words, a chart
 * (server-side ECharts SVG) and the data table beside it. Every figure's column links to its
 * definition; hidden figures are "..", explained once.
 */

import { paths as implementationPaths } from "../implementation/index.ts";
import { Suppressed } from "../platform/charts.tsx";
import { type BarChart, barChartSvg } from "../platform/echarts.ts";
import { ErrorSummary, TextField } from "../platform/forms.tsx";
import type { View } from "../platform/http.ts";
import type { Translate } from "../platform/i18n.ts";
import { Layout, PageHeading, ScrollRegion } from "../platform/layout.tsx";
import { scopeFor } from "../platform/permissions.ts";
import { SUPPRESSED } from "../platform/suppression.ts";
import { paths as researchPaths } from "../research/index.ts";
import { type Cell, cellsOf, cellText, groupLabel, groupsOf, headerOf, metLabel, periodLabel, sectionsOf, targetWords } from "./export.ts";
import { anchors, paths as indicatorPaths, indicatorVersionHref, isShare, isStatistic } from "./indicators/index.ts";
import { paths } from "./paths.ts";
import type { ResultRow } from "./results.ts";
import type { FollowupData, IndicatorFigures, Period } from "./service.ts";

export const OUTCOMES_HREF = "/utfall/resultat";

export const exportHref = (kind: "csv" | "xlsx", p: Period) =>
  (kind === "csv" ? paths.exportCsv : paths.exportXlsx).href({ from: p.from, to: p.to });
const periodHref = (p: Period) => paths.followup.href({ from: p.from, to: p.to });

/**
 * Room on the left for category labels wider than ECharts measured them (its server-side text
 * measure is an estimate that falls short by more the longer the label): at least 80 units.
 */
const labelRoom = (chart: BarChart) => Math.max(80, 6 * Math.max(0, ...chart.categories.map((c) => c.length)) - 40);

/** The ECharts SVG scaled to its container (it keeps its viewBox, widened on the left for the labels). */
const scalable = (svg: string, room: number) =>
  svg
    .replace(/^(<svg [^>]*?)width="\d+" height="\d+"/, '$1class="sofia-chart__svg"')
    .replace(/viewBox="0 0 (\d+) (\d+)"/, (_m, w: string, h: string) => `viewBox="-${room} 0 ${Number(w) + room} ${h}"`);

/**
 * Rendered charts by their specification: ECharts takes tens of milliseconds per SVG, and the same
 * figures give the same chart, so a page shown again (or another user's view of the same period)
 * reuses it. Bounded: the oldest is dropped first.
 */
const rendered = new Map<string, string>();
const RENDERED_MAX = 500;
function cachedChart(chart: BarChart): string {
  const key = JSON.stringify(chart);
  const hit = rendered.get(key);
  if (hit !== undefined) return hit;
  const svg = scalable(barChartSvg(chart), labelRoom(chart));
  if (rendered.size >= RENDERED_MAX) rendered.delete(rendered.keys().next().value as string);
  rendered.set(key, svg);
  return svg;
}

/** The value a bar shows: the share, the statistic or the count; null when hidden. */
const barValue = (i: IndicatorFigures, r: ResultRow | undefined) =>
  r ? (isShare(i.definition.display) ? r.percent : isStatistic(i.definition.display) ? r.value : r.numerator) : null;

function chartOf(t: Translate, i: IndicatorFigures): string {
  const percent = isShare(i.definition.display);
  const target = i.definition.target
    ? {
        value: i.definition.target.value,
        label: t("followup.chart.targetLabel", { value: String(i.definition.target.value).replace(".", ",") }),
      }
    : undefined;
  const label = t("followup.chart.label", { name: i.name });
  if (i.definition.groupBy === null) {
    return cachedChart({
      label,
      categories: [t("followup.col.previous"), t("followup.col.current")],
      series: [{ name: i.name, values: [barValue(i, i.previous[0]), barValue(i, i.current[0])] }],
      percent,
      target,
    });
  }
  const groups = groupsOf(i);
  return cachedChart({
    label,
    categories: groups.map((g) => groupLabel(t, g, i.labels)),
    series: (["previous", "current"] as const).map((period) => ({
      name: t(period === "current" ? "followup.col.current" : "followup.col.previous"),
      values: groups.map((g) =>
        barValue(
          i,
          i[period].find((r) => r.group === g),
        ),
      ),
    })),
    percent,
    target,
  });
}

function CellView({ cell, view }: { cell: Cell; view: View }) {
  const text = cellText(view.locale, cell);
  return text === SUPPRESSED ? <Suppressed text={view.t("followup.suppressed")} /> : text;
}

/** A column header that links to the part of the definition it counts. */
function HeaderLink({ text, href }: { text: string; href: string }) {
  return (
    <a class="ds-link" href={href}>
      {text}
    </a>
  );
}

function IndicatorBlock({ view, data, i }: { view: View; data: FollowupData; i: IndicatorFigures }) {
  const { t } = view;
  const href = indicatorVersionHref(i.key, i.version);
  const id = `ind-${i.key}`;
  const header = headerOf(t, i);
  const grouped = i.definition.groupBy !== null;
  const figureLinks: Record<string, string> = {
    [t("followup.col.numerator")]: `${href}#${anchors.numerator}`,
    [t("followup.col.count")]: `${href}#${anchors.numerator}`,
    [t("followup.col.denominator")]: `${href}#${anchors.denominator}`,
    [t("followup.col.percent")]: `${href}#${anchors.display}`,
    [t("followup.col.n")]: `${href}#${anchors.numerator}`,
    ...(isStatistic(i.definition.display) ? { [t(`followup.col.${i.definition.display}`)]: `${href}#${anchors.display}` } : {}),
    [t("followup.col.met")]: `${href}#${anchors.target}`,
    [t("followup.col.group")]: `${href}#${anchors.breakdown}`,
  };
  const rows = cellsOf(t, data, i, true);
  const ungroupedCurrent = grouped ? undefined : i.current[0];
  const empty = i.current.length === 0 && i.previous.length === 0;
  return (
    <section aria-labelledby={`${id}-h`} class="sofia-section" id={id}>
      <h3 id={`${id}-h`} class="ds-heading" data-size="xs">
        <a class="ds-link" href={href}>
          {i.name}
        </a>
      </h3>
      <p class="ds-paragraph">
        {i.definition.target ? t("followup.target", { target: targetWords(t, i) }) : t("followup.met.none")}
        {i.definition.target && !grouped && (
          <>
            {" "}
            <strong>{`${periodLabel(t, data, "current")}: ${metLabel(t, i, ungroupedCurrent)}.`}</strong>
          </>
        )}{" "}
        <a class="ds-link" href={href}>
          {t("followup.definitionLink", { name: i.name })}
        </a>
      </p>
      {i.current.length === 0 && <p class="ds-paragraph">{t("followup.indicatorEmpty")}</p>}
      {!empty && (
        <div class="sofia-chart">
          <div class="sofia-chart__figure" dangerouslySetInnerHTML={{ __html: chartOf(t, i) }} />
          <ScrollRegion labelledBy={`${id}-caption`}>
            <table class="ds-table" data-border>
              <caption id={`${id}-caption`}>{t("followup.table.caption", { name: i.name })}</caption>
              <thead>
                <tr>
                  {header.map((h) => (
                    <th scope="col">{figureLinks[h] ? <HeaderLink text={h} href={figureLinks[h]} /> : h}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr>
                    {row.map((c, k) =>
                      typeof c === "string" && k < (grouped ? 2 : 1) ? (
                        <th scope="row">{c}</th>
                      ) : (
                        <td class={typeof c === "string" ? undefined : "sofia-num"}>
                          <CellView cell={c} view={view} />
                        </td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </div>
      )}
    </section>
  );
}

export function FollowupPage(props: {
  view: View;
  form: { from: string; to: string };
  data: FollowupData | null;
  presets: Record<string, Period>;
  errors?: Record<string, string>;
}) {
  const { view, data, form } = props;
  const { t } = view;
  const errors = props.errors ?? {};
  return (
    <Layout view={view} title={t("followup.title")}>
      <PageHeading>{t("followup.title")}</PageHeading>
      <ErrorSummary errors={errors} t={t} labels={{ from: t("followup.period.from"), to: t("followup.period.to") }} />
      <p class="ds-paragraph">{t("followup.intro")}</p>
      <form method="get" action={paths.followup.href()} novalidate class="sofia-section">
        <fieldset class="ds-fieldset">
          <legend class="ds-heading" data-size="xs">
            {t("followup.period.legend")}
          </legend>
          <div class="sofia-filters">
            <TextField
              name="from"
              label={t("followup.period.from")}
              hint={t("followup.period.hint")}
              value={form.from}
              error={errors.from}
              inputMode="numeric"
            />
            <TextField
              name="to"
              label={t("followup.period.to")}
              hint={t("followup.period.hint")}
              value={form.to}
              error={errors.to}
              inputMode="numeric"
            />
            <div>
              <button type="submit" class="ds-button" data-variant="primary">
                {t("followup.period.show")}
              </button>
            </div>
          </div>
        </fieldset>
      </form>
      <nav aria-labelledby="followup-presets-h">
        <h2 id="followup-presets-h" class="ds-heading" data-size="2xs">
          {t("followup.presets")}
        </h2>
        <ul class="ds-list">
          {Object.entries(props.presets).map(([key, p]) => (
            <li>
              <a class="ds-link" href={periodHref(p)}>
                {`${t(`followup.preset.${key}`)} (${p.from}–${p.to})`}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {data && (
        <>
          <p class="ds-paragraph">
            <strong>
              {t("followup.period.summary", {
                from: data.period.from,
                to: data.period.to,
                pfrom: data.previous.from,
                pto: data.previous.to,
              })}
            </strong>
          </p>
          {data.empty && (
            <div class="ds-alert" data-color="info" role="status">
              <p class="ds-paragraph">{t("followup.empty", { from: data.period.from, to: data.period.to })}</p>
            </div>
          )}
          <p class="ds-paragraph" id="followup-suppressed-note">
            {t("followup.suppressedNote", { min: data.minGroupSize })}
          </p>
          <section aria-labelledby="followup-export-h" class="sofia-section">
            <h2 id="followup-export-h" class="ds-heading" data-size="2xs">
              {t("followup.export")}
            </h2>
            <ul class="ds-list">
              <li>
                <a class="ds-link" href={exportHref("csv", data.period)} download>
                  {t("followup.export.csv")}
                </a>
              </li>
              <li>
                <a class="ds-link" href={exportHref("xlsx", data.period)} download>
                  {t("followup.export.xlsx")}
                </a>
              </li>
            </ul>
          </section>
          {data.indicators.length === 0 && <p class="ds-paragraph">{t("followup.none")}</p>}
          {sectionsOf(data).map((section) => (
            <section aria-labelledby={`followup-${section}-h`} class="sofia-section">
              <h2 id={`followup-${section}-h`} class="ds-heading" data-size="sm">
                {t(`followup.section.${section}`)}
              </h2>
              {data.indicators
                .filter((i) => i.section === section)
                .map((i) => (
                  <IndicatorBlock view={view} data={data} i={i} />
                ))}
            </section>
          ))}
        </>
      )}
      <section aria-labelledby="followup-links-h" class="sofia-section">
        <h2 id="followup-links-h" class="ds-heading" data-size="2xs">
          {t("followup.links")}
        </h2>
        <ul class="ds-list">
          <li>
            <a class="ds-link" href={indicatorPaths.list.href()}>
              {t("followup.links.indicators")}
            </a>
          </li>
          <li>
            <a class="ds-link" href={OUTCOMES_HREF}>
              {t("followup.links.outcomes")}
            </a>
          </li>
          <li>
            <a class="ds-link" href={implementationPaths.participation.href()}>
              {t("followup.links.participation")}
            </a>
          </li>
          {view.actor && scopeFor(view.actor.roles, "reports.view") && (
            <li>
              <a class="ds-link" href="/rapporter">
                {t("followup.links.reports")}
              </a>
            </li>
          )}
          {view.actor && scopeFor(view.actor.roles, "research.export") && (
            <li>
              <a class="ds-link" href={researchPaths.exportForm.href()}>
                {t("followup.links.research")}
              </a>
            </li>
          )}
        </ul>
      </section>
    </Layout>
  );
}
