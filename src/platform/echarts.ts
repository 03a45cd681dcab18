/**
 * Charts as SVG rendered on the server by Apache ECharts (`renderToSVGString`): the same SVG in the
 * follow-up page and in the PDF/Word report, no script in the browser. A chart is decoration beside
 * its data table, which carries the figures for screen readers; the SVG gets a short label.
 * Suppressed or missing values are left out of the bars (null), never drawn as zero.
 */
import { createRequire } from "node:module";
import type * as Echarts from "echarts";

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
}

const swedish = new Intl.NumberFormat("sv-SE", { maximumFractionDigits: 1 });

/** A number as Swedes write it: decimal comma, a space between thousands (33,3 and 1 200 000). */
const formatted = (value: unknown, percent: boolean) =>
  typeof value === "number" ? `${swedish.format(value)}${percent ? " %" : ""}` : String(value ?? "");

/** Colours with at least 3:1 contrast against white, distinguishable without colour vision. */
const palette = ["#1e5aa8", "#b3541e", "#2e7d32", "#6a3d9a", "#5f6b7a"];

const escapeAttribute = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The root element named as an image with the chart's label (ECharts' own aria works only in a browser DOM). */
function labelled(svg: string, label: string): string {
  return svg.replace(/^<svg /, `<svg role="img" aria-label="${escapeAttribute(label)}" focusable="false" `);
}

/** The chart as an SVG document (a string starting with `<svg`). */
export function barChartSvg(chart: BarChart): string {
  const width = chart.width ?? 640;
  const height = chart.height ?? Math.max(220, 60 + chart.categories.length * 28 * Math.max(1, chart.series.length));
  const instance = echarts().init(null, null, { renderer: "svg", ssr: true, width, height, locale: "EN" });
  try {
    instance.setOption({
      animation: false,
      aria: { enabled: true, label: { description: chart.label } },
      color: palette,
      textStyle: { fontFamily: "Inter, Arial, sans-serif", fontSize: 12, color: "#1f2328" },
      grid: { left: 8, right: 32, top: chart.series.length > 1 ? 36 : 16, bottom: 8, containLabel: true },
      legend: chart.series.length > 1 ? { top: 0, itemGap: 48, data: chart.series.map((s) => s.name) } : undefined,
      xAxis: {
        type: "value",
        min: 0,
        max: chart.percent ? 100 : undefined,
        axisLabel: { formatter: (value: number) => formatted(value, chart.percent ?? false) },
        splitLine: { lineStyle: { color: "#d0d7de" } },
      },
      yAxis: { type: "category", inverse: true, data: chart.categories, axisLabel: { width: 220, overflow: "break" } },
      series: chart.series.map((s, i) => ({
        name: s.name,
        type: "bar",
        data: s.values.map((v) => (v === null ? "-" : v)),
        label: {
          show: true,
          position: "right",
          formatter: (p: { value: unknown }) => formatted(p.value, chart.percent ?? false),
        },
        markLine:
          i === 0 && chart.target
            ? {
                symbol: "none",
                silent: true,
                lineStyle: { type: "dashed", color: "#1f2328", width: 1.5 },
                label: { formatter: chart.target.label, position: "end" },
                data: [{ xAxis: chart.target.value }],
              }
            : undefined,
      })),
    });
    return labelled(instance.renderToSVGString(), chart.label);
  } finally {
    instance.dispose();
  }
}
