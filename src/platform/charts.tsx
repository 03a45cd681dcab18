/**
 * Server-rendered charts: a stacked horizontal bar chart as SVG, always with a data table beside
 * it. The SVG is one image for assistive technology (role="img", a title and a description); the
 * table carries every figure. Colours are colour-blind safe and at least 4.5:1 against white, each
 * category also has its own pattern and the legend names it, and a segment wide enough carries its
 * percentage, so that nothing rests on colour alone. A hidden (suppressed) row is drawn as a
 * labelled mark, ".. (för få)" (English "..(too few)"), never as an empty bar.
 */
import type { ComponentChildren } from "preact";
import { SUPPRESSED_MARK } from "./echarts.ts";
import type { Locale } from "./i18n.ts";
import { ScrollRegion } from "./layout.tsx";
import { defaultPrecision, formatShare as formatPercent, type Precision } from "./precision.ts";
import { SUPPRESSED } from "./suppression.ts";

/** Ordered categories (a four-step scale): warm to cool, every colour ≥ 4.5:1 against white. */
const ORDINAL4 = ["#B3401B", "#A15C00", "#2B7BB0", "#1D4E89"];
/** More categories (a ten-step scale): the same rule, in an order where neighbours differ in hue and lightness. */
const ORDINAL10 = ["#B3401B", "#B8336A", "#A15C00", "#8A6D00", "#6B4E16", "#0F6E5E", "#2B7BB0", "#5E3C99", "#1D4E89", "#3D3D8F"];
/** A category outside the scale ("don't know"). */
const NEUTRAL = "#575757";
const PATTERNS = ["solid", "diagonal", "dots", "cross", "vertical"] as const;
type Pattern = (typeof PATTERNS)[number] | "horizontal";

export interface ChartCategory {
  label: string;
  /** Outside the ordered scale, e.g. "don't know": grey with its own pattern, always last. */
  neutral?: boolean;
}

export interface ChartRow {
  label: string;
  /** Counts per category; null when the row is hidden (suppressed). */
  counts: number[] | null;
  /** Further figures for the table only (e.g. n, mean), already formatted; ".." when hidden. */
  extra?: string[];
}

export interface StackedBarChartProps {
  /** Unique on the page: ids of the title, description and patterns derive from it. */
  id: string;
  title: string;
  description: string;
  caption: string;
  /** The table's header for the rows' labels. */
  rowHeader: string;
  categories: ChartCategory[];
  rows: ChartRow[];
  /** Headers of the rows' further figures. */
  extraHeaders?: string[];
  /** Read out after ".." in the table: why there is no figure. */
  suppressedText: string;
  /** The legend's heading. */
  legendTitle: string;
  locale: Locale;
  /** The municipality's decimals of a share (decision 0045), for the segments and the table; whole percent by default. */
  precision?: Precision;
}

export function categoryColour(index: number, categories: ChartCategory[]): string {
  if (categories[index]?.neutral) return NEUTRAL;
  const ordered = categories.filter((c) => !c.neutral).length;
  const palette = ordered <= ORDINAL4.length ? ORDINAL4 : ORDINAL10;
  return palette[index % palette.length] ?? NEUTRAL;
}

export function categoryPattern(index: number, categories: ChartCategory[]): Pattern {
  if (categories[index]?.neutral) return "horizontal";
  return PATTERNS[index % PATTERNS.length] ?? "solid";
}

const percentFormats = {
  sv: new Intl.NumberFormat("sv-SE", { style: "percent", maximumFractionDigits: 0 }),
  en: new Intl.NumberFormat("en-GB", { style: "percent", maximumFractionDigits: 0 }),
};
export const formatShare = (locale: Locale, share: number) => percentFormats[locale].format(share);

/** The pattern drawn over a category's colour (white lines or dots); solid draws nothing. */
function PatternDef({ id, pattern }: { id: string; pattern: Pattern }) {
  const line = { stroke: "#ffffff", "stroke-width": 1.5, "stroke-opacity": 0.55 };
  return (
    <pattern id={id} width="8" height="8" patternUnits="userSpaceOnUse">
      {pattern === "diagonal" && <path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" {...line} />}
      {pattern === "dots" && <circle cx="4" cy="4" r="1.6" fill="#ffffff" fill-opacity="0.6" />}
      {pattern === "cross" && <path d="M0,0 L8,8 M8,0 L0,8" {...line} />}
      {pattern === "vertical" && <path d="M4,0 V8" {...line} />}
      {pattern === "horizontal" && <path d="M0,4 H8" {...line} />}
    </pattern>
  );
}

/** A small square of a category's colour and pattern, for the legend. */
function Swatch({ colour, patternId }: { colour: string; patternId: string }) {
  return (
    <svg class="sofia-chart__swatch" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <rect width="16" height="16" fill={colour} />
      <rect width="16" height="16" fill={`url(#${patternId})`} />
    </svg>
  );
}

const WIDTH = 640;
/** One line of a row's label; a long label wraps onto more lines. */
const LINE_HEIGHT = 19;
/** About as many characters as fit on a line of the chart at its label size. */
const LINE_CHARS = 78;
const BAR_HEIGHT = 28;
const GAP = 14;

/** A label in lines of at most `max` characters, broken between words (a longer word gets a line of its own). */
export function wrapLabel(label: string, max = LINE_CHARS): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of label.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.length > 0 ? lines : [""];
}

const rowHeight = (lines: string[]) => lines.length * LINE_HEIGHT + BAR_HEIGHT + GAP;
/** A segment narrower than this carries no percentage (the table has it). */
const MIN_LABEL_WIDTH = 40;
/** The same with one decimal ("42,5 %"). */
const MIN_DECIMAL_LABEL_WIDTH = 52;

/** A row's share of a category (a fraction of one) as the municipality writes a share: "43 %" or "42,5 %". */
const shareText = (locale: Locale, fraction: number, p: Precision = defaultPrecision) => formatPercent(fraction * 100, p, locale);

/** One horizontal bar per row, a segment per category, as wide as its share of the row. */
export function StackedBarChart(props: StackedBarChartProps) {
  const { id, categories, rows, locale } = props;
  const labels = rows.map((r) => wrapLabel(r.label));
  const tops = [0];
  for (const lines of labels) tops.push((tops[tops.length - 1] ?? 0) + rowHeight(lines));
  const height = Math.max(rowHeight([""]), tops[rows.length] ?? 0);
  const patternId = (i: number) => `${id}-p${i}`;
  return (
    <div class="sofia-chart">
      <figure class="sofia-chart__figure">
        <svg
          class="sofia-chart__svg"
          viewBox={`0 0 ${WIDTH} ${height}`}
          role="img"
          aria-labelledby={`${id}-title ${id}-desc`}
          preserveAspectRatio="xMinYMin meet"
        >
          <title id={`${id}-title`}>{props.title}</title>
          <desc id={`${id}-desc`}>{props.description}</desc>
          <defs>
            {categories.map((_, i) => (
              <PatternDef id={patternId(i)} pattern={categoryPattern(i, categories)} />
            ))}
          </defs>
          {rows.map((row, r) => (
            <Bar
              row={row}
              lines={labels[r] ?? [""]}
              y={tops[r] ?? 0}
              categories={categories}
              patternId={patternId}
              locale={locale}
              precision={props.precision ?? defaultPrecision}
            />
          ))}
        </svg>
        {rows.some((r) => r.counts !== null) && (
          <figcaption class="sofia-chart__legend">
            <span class="sofia-chart__legend-title">{props.legendTitle}</span>
            <ul class="sofia-chart__legend-list">
              {categories.map((c, i) => (
                <li>
                  <Swatch colour={categoryColour(i, categories)} patternId={patternId(i)} />
                  {c.label}
                </li>
              ))}
            </ul>
          </figcaption>
        )}
      </figure>
      <DataTable {...props} />
    </div>
  );
}

function Bar(props: {
  row: ChartRow;
  lines: string[];
  y: number;
  categories: ChartCategory[];
  patternId: (i: number) => string;
  locale: Locale;
  precision: Precision;
}) {
  const { row, y, categories } = props;
  const total = row.counts?.reduce((s, n) => s + n, 0) ?? 0;
  const barY = y + props.lines.length * LINE_HEIGHT + 2;
  const segments: ComponentChildren[] = [];
  if (row.counts && total > 0) {
    let x = 0;
    row.counts.forEach((n, i) => {
      if (n === 0) return;
      const w = (n / total) * WIDTH;
      const colour = categoryColour(i, categories);
      segments.push(
        <g>
          <rect x={x} y={barY} width={w} height={BAR_HEIGHT} fill={colour} stroke="#ffffff" stroke-width="1" />
          <rect x={x} y={barY} width={w} height={BAR_HEIGHT} fill={`url(#${props.patternId(i)})`} />
          {w >= (props.precision.shareDecimals > 0 ? MIN_DECIMAL_LABEL_WIDTH : MIN_LABEL_WIDTH) && (
            <text x={x + w / 2} y={barY + BAR_HEIGHT / 2} class="sofia-chart__value" text-anchor="middle" dominant-baseline="central">
              {shareText(props.locale, n / total, props.precision)}
            </text>
          )}
        </g>,
      );
      x += w;
    });
  }
  return (
    <g>
      <text x="0" y={y + LINE_HEIGHT - 5} class="sofia-chart__label">
        {props.lines.map((line, i) => (
          <tspan x="0" dy={i === 0 ? 0 : LINE_HEIGHT}>
            {line}
          </tspan>
        ))}
      </text>
      {row.counts === null ? (
        <g class="sofia-chart__suppressed-mark">
          <rect x="0" y={barY} width="6" height={BAR_HEIGHT} fill="#575757" />
          <text x="12" y={barY + BAR_HEIGHT / 2} class="sofia-chart__suppressed" dominant-baseline="central">
            {SUPPRESSED_MARK[props.locale]}
          </text>
        </g>
      ) : (
        segments
      )}
      {row.counts !== null && total === 0 && (
        <rect x="0" y={barY} width={WIDTH} height={BAR_HEIGHT} fill="none" stroke="#575757" stroke-dasharray="4 3" />
      )}
    </g>
  );
}

/** ".." with the reason for screen readers. */
export function Suppressed({ text }: { text: string }) {
  return (
    <span class="sofia-suppressed">
      <span aria-hidden="true">{SUPPRESSED}</span>
      <span class="sofia-sr-only">{text}</span>
    </span>
  );
}

/** The chart's figures: per row the count and share of each category, and the further figures. */
function DataTable(props: StackedBarChartProps) {
  const { rows, categories, locale } = props;
  const number = new Intl.NumberFormat(locale === "sv" ? "sv-SE" : "en-GB");
  return (
    <div class="sofia-chart__table">
      <ScrollRegion labelledBy={`${props.id}-caption`}>
        <table class="ds-table" data-border data-size="sm">
          <caption id={`${props.id}-caption`}>{props.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{props.rowHeader}</th>
              {categories.map((c) => (
                <th scope="col">{c.label}</th>
              ))}
              {(props.extraHeaders ?? []).map((h) => (
                <th scope="col">{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const total = row.counts?.reduce((s, n) => s + n, 0) ?? 0;
              return (
                <tr>
                  <th scope="row">{row.label}</th>
                  {categories.map((_, i) => {
                    const n = row.counts?.[i];
                    if (row.counts === null || n === undefined) {
                      return (
                        <td class="sofia-num">
                          <Suppressed text={props.suppressedText} />
                        </td>
                      );
                    }
                    return (
                      <td class="sofia-num">
                        {number.format(n)}
                        {total > 0 && <span class="sofia-chart__share"> ({shareText(locale, n / total, props.precision)})</span>}
                      </td>
                    );
                  })}
                  {(row.extra ?? []).map((value) => (
                    <td class="sofia-num">{value === SUPPRESSED ? <Suppressed text={props.suppressedText} /> : value}</td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollRegion>
    </div>
  );
}
