/**
 * Charts as SVG rendered on the server by Apache ECharts (`renderToSVGString`): the same SVG in the
 * follow-up page and in the PDF/Word report, no script in the browser. A chart is decoration beside
 * its data table, which carries the figures for screen readers; the SVG gets a short label.
 * A missing value is left out of the bars (null), never drawn as zero; a suppressed one is drawn as
 * a labelled mark, ".. (för få)", so that a hidden figure never looks like an empty bar.
 * Labels do not overlap: the target's label sits above the plot, clear of the axis' ticks, the
 * legend starts at the left edge and wraps instead of running off the right, values have a white
 * ground where they cross the target line. Figures are written with the municipality's precision
 * (platform/precision.ts). The SVG carries no inline style, neither an attribute nor an element (the CSP
 * forbids both, decision 0057): ECharts' style attributes are rewritten as SVG presentation attributes,
 * and its `<style>` element (hover rules, of no use in a still picture) is left out.
 */
import { createRequire } from "node:module";
import type * as Echarts from "echarts";
import type { Locale } from "./i18n.ts";
import { defaultPrecision, formatDays, formatMean, formatShare, type Precision } from "./precision.ts";

/** Loaded on the first chart: ECharts takes about 0.6 s to load, and most pages draw none. */
let loaded: typeof Echarts | undefined;
const echarts = (): typeof Echarts => {
  loaded ??= createRequire(import.meta.url)("echarts") as typeof Echarts;
  return loaded;
};

export interface BarSeries {
  name: string;
  /** One value per category; null where the figure is hidden or missing. */
  values: (number | null)[];
  /** Per category: whether a null value is hidden because the group is too small (drawn as ".. (för få)"). */
  suppressed?: boolean[];
}

export interface BarChart {
  /** A short description for the SVG's label (the table beside it has the figures). */
  label: string;
  categories: string[];
  series: BarSeries[];
  /** Percent: the axis runs 0–100 and values are shares. */
  percent?: boolean;
  /** A target drawn as a dashed line, with its label. */
  target?: { value: number; label: string };
  width?: number;
  height?: number;
  /** How shares and means are written (the municipality's decimals); whole percent and two decimals by default. */
  precision?: Precision;
  /** The values are waits in days: one decimal at most, whatever the mean decimals (formatDays). */
  days?: boolean;
  /** The language of the figures and of the suppressed mark; Swedish by default. */
  locale?: Locale;
  /** The suppressed mark's text; ".. (för få)" in Swedish, "..(too few)" in English by default. */
  suppressedLabel?: string;
}

/** The mark of a hidden figure in a chart. */
export const SUPPRESSED_MARK = { sv: ".. (för få)", en: "..(too few)" } as const;

const integers = {
  sv: new Intl.NumberFormat("sv-SE", { maximumFractionDigits: 0 }),
  en: new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 }),
};

/** A figure as written: a share in percent, a count as a whole number, any other number as a mean. */
export function chartFigure(
  value: unknown,
  percent: boolean,
  p: Precision = defaultPrecision,
  locale: Locale = "sv",
  days = false,
): string {
  if (typeof value !== "number") return String(value ?? "");
  if (percent) return formatShare(value, p, locale);
  if (days) return formatDays(value, locale);
  return Number.isInteger(value) ? integers[locale].format(value) : formatMean(value, p, locale);
}

/** An axis tick: whole numbers (and whole percent), as Swedes write them. */
const tick = (value: number, percent: boolean, locale: Locale) =>
  percent ? formatShare(value, { shareDecimals: 0, meanDecimals: 0 }, locale) : chartFigure(value, false, defaultPrecision, locale);

/** Colours with at least 3:1 contrast against white, distinguishable without colour vision. */
const palette = ["#1e5aa8", "#b3541e", "#2e7d32", "#6a3d9a", "#5f6b7a"];

const escapeAttribute = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * ECharts writes text styles as inline style attributes and its hover rules as a `<style>` element;
 * the CSP allows neither (`style-src 'self'`: each would be a violation in the browser). Each
 * declaration becomes the SVG presentation attribute of the same name (font-size, font-family,
 * fill, …); the `<style>` element, which only styles hovering, is dropped.
 */
export function withoutInlineStyles(svg: string): string {
  return svg.replace(/<style\b[^>]*>[\s\S]*?<\/style>/g, "").replace(/ style="([^"]*)"/g, (_m, css: string) =>
    css
      .split(";")
      .map((d) => d.trim())
      .filter((d) => d.includes(":"))
      .map((d) => {
        const at = d.indexOf(":");
        return ` ${d.slice(0, at).trim()}="${d.slice(at + 1).trim()}"`;
      })
      .join(""),
  );
}

/** The root element named as an image with the chart's label (ECharts' own aria works only in a browser DOM). */
function labelled(svg: string, label: string): string {
  return svg.replace(/^<svg /, `<svg role="img" aria-label="${escapeAttribute(label)}" focusable="false" `);
}

/** The chart as an SVG document (a string starting with `<svg`). */
export function barChartSvg(chart: BarChart): string {
  const width = chart.width ?? 640;
  const locale = chart.locale ?? "sv";
  const p = chart.precision ?? defaultPrecision;
  const percent = chart.percent ?? false;
  const days = chart.days ?? false;
  const mark = chart.suppressedLabel ?? SUPPRESSED_MARK[locale];
  const legend = chart.series.length > 1;
  // Room above the plot: the legend's line, and the target's label clear of the axis' ticks below.
  const top = (legend ? 32 : 8) + (chart.target ? 24 : 8);
  const height = chart.height ?? Math.max(220, top + 44 + chart.categories.length * 28 * Math.max(1, chart.series.length));
  const instance = echarts().init(null, null, { renderer: "svg", ssr: true, width, height, locale: "EN" });
  try {
    instance.setOption({
      animation: false,
      aria: { enabled: true, label: { description: chart.label } },
      color: palette,
      textStyle: { fontFamily: "Inter, Arial, sans-serif", fontSize: 12, color: "#1f2328" },
      // Right: room for a value's label beside a full bar ("100 %") or a suppressed mark.
      grid: { left: 8, right: 72, top, bottom: 8, containLabel: true },
      legend: legend ? { type: "plain", top: 0, left: 0, right: 0, itemGap: 24, data: chart.series.map((s) => s.name) } : undefined,
      xAxis: {
        type: "value",
        min: 0,
        max: percent ? 100 : undefined,
        axisLabel: { formatter: (value: number) => tick(value, percent, locale) },
        splitLine: { lineStyle: { color: "#d0d7de" } },
      },
      yAxis: { type: "category", inverse: true, data: chart.categories, axisLabel: { width: 220, overflow: "break" } },
      series: chart.series.map((s, i) => ({
        name: s.name,
        type: "bar",
        z: 2,
        data: s.values.map((v, k) =>
          v !== null
            ? v
            : s.suppressed?.[k]
              ? {
                  value: 0,
                  label: { show: true, position: "right", formatter: mark, color: "#57606a", fontStyle: "italic" },
                }
              : "-",
        ),
        label: {
          show: true,
          position: "right",
          backgroundColor: "#ffffff",
          padding: [1, 2],
          formatter: (x: { value: unknown }) => chartFigure(x.value, percent, p, locale, days),
        },
        markLine:
          i === 0 && chart.target
            ? {
                symbol: "none",
                silent: true,
                // Under the values' labels: a label near the target keeps its white ground over the line.
                z: 1,
                lineStyle: { type: "dashed", color: "#1f2328", width: 1.5 },
                // Above the plot (the category axis runs top down): never on the value axis' ticks below it.
                label: { formatter: chart.target.label, position: "start", distance: 6, color: "#1f2328" },
                data: [{ xAxis: chart.target.value }],
              }
            : undefined,
      })),
    });
    return labelled(withoutInlineStyles(instance.renderToSVGString()), chart.label);
  } finally {
    instance.dispose();
  }
}
