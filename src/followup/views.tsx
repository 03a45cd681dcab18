/**
 * The follow-up page (decision 0049): the period form (GET: this half-year, this year or custom,
 * compared with the period just before or the same period last year), then the key figures (the
 * process goals against their targets, the funnel, the response rates, the waits against the
 * municipality's limit), then each section folded in a disclosure (<details>, closed, works without
 * JavaScript): every indicator with the period against the comparison period, the target and whether
 * it is met in words, a chart (server-side ECharts SVG) and the data table beside it. Every figure's
 * column links to its definition; hidden figures are "..", explained once.
 */

import { paths as implementationPaths } from "../implementation/index.ts";
import { Suppressed } from "../platform/charts.tsx";
import { type BarChart, barChartSvg } from "../platform/echarts.ts";
import { ErrorSummary, RadioGroup, TextField } from "../platform/forms.tsx";
import type { View } from "../platform/http.ts";
import { formatNumber, type Locale, type Translate } from "../platform/i18n.ts";
import { Layout, PageHeading, ScrollRegion } from "../platform/layout.tsx";
import { scopeFor } from "../platform/permissions.ts";
import { formatDays, formatMean, formatShare, type Precision } from "../platform/precision.ts";
import { SUPPRESSED } from "../platform/suppression.ts";
import { paths as researchPaths } from "../research/index.ts";
import {
  type Cell,
  cellsOf,
  cellText,
  groupLabel,
  groupsOf,
  headerOf,
  metLabel,
  NONE,
  periodLabel,
  sectionsOf,
  targetWords,
} from "./export.ts";
import { anchors, paths as indicatorPaths, indicatorVersionHref, isShare, isStatistic, measuresDays } from "./indicators/index.ts";
import { paths } from "./paths.ts";
import { type Comparison, comparisons, type Period, periodChoices, presetPeriod } from "./period.ts";
import type { ResultRow } from "./results.ts";
import type { FollowupData, IndicatorFigures } from "./service.ts";

export const OUTCOMES_HREF = "/utfall/resultat";

/** The period form as shown: the choice, the dates (as typed when they could not be read) and the comparison. */
export interface PeriodForm {
  period: string;
  from: string;
  to: string;
  compare: string;
}

/** The query of a custom period: its dates, and the comparison when it is not the default (dates alone mean custom). */
const periodQuery = (p: Period, compare: string) => ({ from: p.from, to: p.to, ...(compare === "previous" ? {} : { compare }) });

export const exportHref = (kind: "csv" | "xlsx", p: Period, compare: Comparison = "previous") =>
  (kind === "csv" ? paths.exportCsv : paths.exportXlsx).href(periodQuery(p, compare));
const periodHref = (p: Period, compare: string) => paths.followup.href(periodQuery(p, compare));

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

/**
 * A breakdown with more groups than this gets no chart, only its table: 400 bars (the caseworker
 * indicators per unit in a large municipality) are unreadable, and their SVGs made 2.2 MB of the
 * follow-up page's 2.9 MB at 150 000 families.
 */
export const MAX_CHART_GROUPS = 30;

/** An indicator's chart, or for a breakdown of more than MAX_CHART_GROUPS groups a sentence saying why there is none. */
export function ChartFigure({ view, indicator: i, precision }: { view: View; indicator: IndicatorFigures; precision: Precision }) {
  const groups = i.definition.groupBy === null ? 0 : groupsOf(i).length;
  if (groups > MAX_CHART_GROUPS)
    return <p class="ds-paragraph sofia-chart__figure">{view.t("followup.chart.tooMany", { n: groups, max: MAX_CHART_GROUPS })}</p>;
  return <div class="sofia-chart__figure" dangerouslySetInnerHTML={{ __html: chartOf(view.t, i, precision, view.locale) }} />;
}

function chartOf(t: Translate, i: IndicatorFigures, precision: Precision, locale: Locale): string {
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
      series: [
        {
          name: i.name,
          values: [barValue(i, i.previous[0]), barValue(i, i.current[0])],
          suppressed: [i.previous[0]?.suppressed ?? false, i.current[0]?.suppressed ?? false],
        },
      ],
      percent,
      days: measuresDays(i.definition),
      target,
      precision,
      locale,
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
      suppressed: groups.map((g) => i[period].find((r) => r.group === g)?.suppressed ?? false),
    })),
    percent,
    days: measuresDays(i.definition),
    target,
    precision,
    locale,
  });
}

function CellView({ cell, view, precision }: { cell: Cell; view: View; precision: Precision }) {
  const text = cellText(view.locale, cell, true, precision);
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
          <ChartFigure view={view} indicator={i} precision={data.precision} />
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
                          <CellView cell={c} view={view} precision={data.precision} />
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

// ---------------------------------------------------------------------------------------------
// The key figures

/** A figure of the overview: its text, or hidden (..). */
type Shown = { text: string } | { hidden: true };

/** A row's figure as the overview writes it: a share or a statistic through the precision, a count as it is. */
function figureOf(i: IndicatorFigures, row: ResultRow | undefined, precision: Precision, locale: Locale): Shown {
  if (!row) return { text: NONE };
  const display = i.definition.display;
  const value = isShare(display) ? row.percent : isStatistic(display) ? row.value : row.numerator;
  if (value === null) return row.suppressed ? { hidden: true } : { text: NONE };
  if (isShare(display)) return { text: formatShare(value, precision, locale) };
  if (isStatistic(display)) return { text: measuresDays(i.definition) ? formatDays(value, locale) : formatMean(value, precision, locale) };
  return { text: formatNumber(locale, value) };
}

function ShownView({ shown, view }: { shown: Shown; view: View }) {
  return "hidden" in shown ? <Suppressed text={view.t("followup.suppressed")} /> : shown.text;
}

/** One line of the overview: an indicator (and a group of it), its figure in the period and in the comparison period. */
interface KeyLine {
  i: IndicatorFigures;
  label: string;
  current: ResultRow | undefined;
  previous: ResultRow | undefined;
}

/** An indicator's lines: one, or one per group of either period. */
function keyLines(t: Translate, i: IndicatorFigures, named: boolean): KeyLine[] {
  if (i.definition.groupBy === null) return [{ i, label: i.name, current: i.current[0], previous: i.previous[0] }];
  return groupsOf(i).map((g) => {
    const group = groupLabel(t, g, i.labels);
    return {
      i,
      label: named ? `${i.name}: ${group}` : group,
      current: i.current.find((r) => r.group === g),
      previous: i.previous.find((r) => r.group === g),
    };
  });
}

const STATISTICS_OF_WAITS = ["median", "p90"];

/** The overview's parts: the process goals with a target, the funnel, the response rates and the waits. */
export function keyFigures(data: FollowupData) {
  const of = (section: string, keep: (i: IndicatorFigures) => boolean) => data.indicators.filter((i) => i.section === section && keep(i));
  return {
    goals: of("goals", (i) => i.definition.target !== null),
    funnel: of("funnel", () => true),
    responses: of("answers", (i) => i.definition.display === "rate"),
    waits: of("waits", (i) => STATISTICS_OF_WAITS.includes(i.definition.display) && i.definition.groupBy === null),
  };
}

/** A wait's statistic against the municipality's limit, in words; null when it is not shown. */
function waitWords(t: Translate, row: ResultRow | undefined, limit: number): string {
  if (!row || row.value === null) return t("followup.met.unknown");
  return t(row.value > limit ? "followup.overview.overLimit" : "followup.overview.withinLimit");
}

function KeyTable(props: {
  view: View;
  data: FollowupData;
  id: string;
  caption: string;
  first: string;
  lines: KeyLine[];
  last?: { header: string; cell: (line: KeyLine) => string };
  /** Across the whole width (a table with a fourth column and long names). */
  wide?: boolean;
}) {
  const { view, data, id } = props;
  const { t, locale } = view;
  return (
    <div class={props.wide ? "sofia-key-wide" : undefined}>
      <ScrollRegion labelledBy={`${id}-caption`}>
        <table class="ds-table sofia-key-table" data-border id={id}>
          <caption id={`${id}-caption`}>{props.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{props.first}</th>
              <th scope="col">{t("followup.col.current")}</th>
              <th scope="col">{t("followup.col.previous")}</th>
              {props.last && <th scope="col">{props.last.header}</th>}
            </tr>
          </thead>
          <tbody>
            {props.lines.map((line) => (
              <tr>
                <th scope="row">
                  <a class="ds-link" href={`#ind-${line.i.key}`}>
                    {line.label}
                  </a>
                </th>
                <td class="sofia-num">
                  <ShownView shown={figureOf(line.i, line.current, data.precision, locale)} view={view} />
                </td>
                <td class="sofia-num">
                  <ShownView shown={figureOf(line.i, line.previous, data.precision, locale)} view={view} />
                </td>
                {props.last && <td>{props.last.cell(line)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </div>
  );
}

/** The key figures: compact tables of the process goals, the funnel, the response rates and the waits. */
function Overview({ view, data }: { view: View; data: FollowupData }) {
  const { t } = view;
  const parts = keyFigures(data);
  const goalLines = parts.goals.flatMap((i) => keyLines(t, i, true));
  const target = (line: KeyLine) => `${targetWords(t, line.i)}: ${metLabel(t, line.i, line.current)}`;
  return (
    <section aria-labelledby="followup-overview-h" class="sofia-section" id="oversikt">
      <h2 id="followup-overview-h" class="ds-heading" data-size="sm">
        {t("followup.overview")}
      </h2>
      <details class="sofia-disclosure" open>
        <summary>{t("followup.overview.summary")}</summary>
        <div class="sofia-key-grid">
          {goalLines.length > 0 && (
            <KeyTable
              view={view}
              data={data}
              id="followup-key-goals"
              caption={t("followup.overview.goals")}
              first={t("followup.overview.goal")}
              lines={goalLines}
              last={{ header: t("followup.overview.target"), cell: target }}
              wide
            />
          )}
          {parts.funnel.length > 0 && (
            <KeyTable
              view={view}
              data={data}
              id="followup-key-funnel"
              caption={t("followup.overview.funnel")}
              first={t("followup.overview.step")}
              lines={parts.funnel.flatMap((i) => keyLines(t, i, true))}
            />
          )}
          {parts.responses.length > 0 && (
            <KeyTable
              view={view}
              data={data}
              id="followup-key-responses"
              caption={t("followup.overview.responses")}
              first={t("followup.overview.meetingType")}
              lines={parts.responses.flatMap((i) => keyLines(t, i, parts.responses.length > 1))}
            />
          )}
          {parts.waits.length > 0 && (
            <KeyTable
              view={view}
              data={data}
              id="followup-key-waits"
              caption={t("followup.overview.waits", { days: data.waitLimitDays })}
              first={t("followup.overview.wait")}
              lines={parts.waits.flatMap((i) => keyLines(t, i, true))}
              last={{
                header: t("followup.overview.limit", { days: data.waitLimitDays }),
                cell: (line) => waitWords(t, line.current, data.waitLimitDays),
              }}
              wide
            />
          )}
        </div>
      </details>
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// The page

/** The waits from a handover from intake to each member's first contact, per role (decision 0066). */
function HandoverWaits({ view, data }: { view: View; data: FollowupData }) {
  const { t, locale } = view;
  const rows = data.handoverWaits ?? [];
  return (
    <section aria-labelledby="followup-handover-h" class="sofia-section" id="overlamning">
      <h2 id="followup-handover-h" class="ds-heading" data-size="sm">
        {t("handovers.followup.title")}
      </h2>
      <p class="ds-paragraph">{t("handovers.followup.caption", { days: data.waitLimitDays, min: data.minGroupSize })}</p>
      {rows.length === 0 ? (
        <p class="ds-paragraph">{t("handovers.followup.none")}</p>
      ) : (
        <ScrollRegion labelledBy="followup-handover-h">
          <table class="ds-table" data-border>
            <thead>
              <tr>
                <th scope="col">{t("handovers.followup.role")}</th>
                <th scope="col" class="sofia-num">
                  {t("handovers.followup.n")}
                </th>
                <th scope="col" class="sofia-num">
                  {t("handovers.followup.median")}
                </th>
                <th scope="col" class="sofia-num">
                  {t("handovers.followup.within")}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <th scope="row">{t(`handovers.role.${r.role}`)}</th>
                  <td class="sofia-num">{r.suppressed ? SUPPRESSED : formatNumber(locale, r.n)}</td>
                  <td class="sofia-num">{r.medianDays === null ? SUPPRESSED : formatDays(r.medianDays, locale)}</td>
                  <td class="sofia-num">{r.withinPercent === null ? SUPPRESSED : formatShare(r.withinPercent, data.precision, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}

function PeriodChoice({ view, form, errors, today }: { view: View; form: PeriodForm; errors: Record<string, string>; today: string }) {
  const { t } = view;
  const range = (p: Period | null) => (p ? `${p.from}–${p.to}` : "");
  return (
    <form method="get" action={paths.followup.href()} novalidate class="sofia-section">
      <fieldset class="ds-fieldset">
        <legend class="ds-heading" data-size="xs">
          {t("followup.period.legend")}
        </legend>
        <div class="sofia-period-choice">
          <RadioGroup
            name="period"
            legend={t("followup.period.choice")}
            value={form.period}
            error={errors.period}
            options={periodChoices.map((c) => ({
              value: c,
              label: c === "custom" ? t("followup.choice.custom") : t(`followup.choice.${c}`, { range: range(presetPeriod(c, today)) }),
            }))}
          />
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
          </div>
          <RadioGroup
            name="compare"
            legend={t("followup.period.compare")}
            value={form.compare}
            error={errors.compare}
            options={comparisons.map((c) => ({ value: c, label: t(`followup.compare.${c}`) }))}
          />
        </div>
        <button type="submit" class="ds-button" data-variant="primary">
          {t("followup.period.show")}
        </button>
      </fieldset>
    </form>
  );
}

export function FollowupPage(props: {
  view: View;
  form: PeriodForm;
  data: FollowupData | null;
  presets: Record<string, Period>;
  today: string;
  errors?: Record<string, string>;
}) {
  const { view, data, form } = props;
  const { t } = view;
  const errors = props.errors ?? {};
  const shortcuts = Object.entries(props.presets).filter(([key]) => key === "lastYear" || key === "lastHalfYear");
  return (
    <Layout view={view} title={t("followup.title")}>
      <PageHeading>{t("followup.title")}</PageHeading>
      <ErrorSummary
        errors={errors}
        t={t}
        labels={{
          period: t("followup.period.choice"),
          from: t("followup.period.from"),
          to: t("followup.period.to"),
          compare: t("followup.period.compare"),
        }}
      />
      <p class="ds-paragraph">{t("followup.intro")}</p>
      <PeriodChoice view={view} form={form} errors={errors} today={props.today} />
      <nav aria-labelledby="followup-presets-h" class="sofia-section">
        <h2 id="followup-presets-h" class="ds-heading" data-size="2xs">
          {t("followup.presets")}
        </h2>
        <ul class="ds-list">
          {shortcuts.map(([key, p]) => (
            <li>
              <a class="ds-link" href={periodHref(p, form.compare)}>
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
              {t(`followup.period.summary.${data.comparison}`, {
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
          {data.indicators.length === 0 && <p class="ds-paragraph">{t("followup.none")}</p>}
          {data.indicators.length > 0 && <Overview view={view} data={data} />}
          {sectionsOf(data).map((section) => {
            const shown = data.indicators.filter((i) => i.section === section);
            return (
              <section aria-labelledby={`followup-${section}-h`} class="sofia-section">
                <h2 id={`followup-${section}-h`} class="ds-heading" data-size="sm">
                  {t(`followup.section.${section}`)}
                </h2>
                <details class="sofia-disclosure">
                  <summary>{t("followup.section.open", { n: shown.length, name: t(`followup.section.${section}`) })}</summary>
                  {shown.map((i) => (
                    <IndicatorBlock view={view} data={data} i={i} />
                  ))}
                </details>
              </section>
            );
          })}
          {data.handoverWaits && <HandoverWaits view={view} data={data} />}
          <section aria-labelledby="followup-export-h" class="sofia-section">
            <h2 id="followup-export-h" class="ds-heading" data-size="2xs">
              {t("followup.export")}
            </h2>
            <ul class="ds-list">
              <li>
                <a class="ds-link" href={exportHref("csv", data.period, data.comparison)} download>
                  {t("followup.export.csv")}
                </a>
              </li>
              <li>
                <a class="ds-link" href={exportHref("xlsx", data.period, data.comparison)} download>
                  {t("followup.export.xlsx")}
                </a>
              </li>
            </ul>
          </section>
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
