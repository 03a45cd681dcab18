import { render } from "preact-render-to-string";
import { describe, expect, it } from "vitest";
import { type ChartCategory, categoryColour, categoryPattern, StackedBarChart, wrapLabel } from "./charts.tsx";
import type { Precision } from "./precision.ts";

const categories: ChartCategory[] = [{ label: "Inte nöjd" }, { label: "Nöjd" }, { label: "Vet inte", neutral: true }];

function chart(rows: Array<{ label: string; counts: number[] | null; extra?: string[] }>, precision?: Precision) {
  return render(
    <StackedBarChart
      id="c1"
      title="Svarsfördelning"
      description="En stapel per fråga"
      caption="Svarsfördelning per fråga"
      rowHeader="Fråga"
      categories={categories}
      rows={rows}
      extraHeaders={["Medelvärde"]}
      suppressedText="för få svar"
      legendTitle="Svarsalternativ"
      locale="sv"
      precision={precision}
    />,
  );
}

/** Relative luminance contrast against white (WCAG). */
function contrastWithWhite(hex: string): number {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
  return 1.05 / (l + 0.05);
}

describe("the stacked bar chart", () => {
  it("writes each step's share with the municipality's decimals, half up, in the bars and the table", () => {
    // 1 of 8 is 12,5 % (13 % in whole percent), 7 of 8 is 87,5 % (88 %).
    const whole = chart([{ label: "Fråga 1", counts: [1, 7, 0] }]);
    expect(whole).toContain(`1<span class="sofia-chart__share"> (13\u00a0%)</span>`);
    expect(whole).toContain(">88\u00a0%</text>");
    const decimal = chart([{ label: "Fråga 1", counts: [1, 7, 0] }], { shareDecimals: 1, meanDecimals: 2 });
    expect(decimal).toContain(`1<span class="sofia-chart__share"> (12,5\u00a0%)</span>`);
    expect(decimal).toContain(`7<span class="sofia-chart__share"> (87,5\u00a0%)</span>`);
    expect(decimal).toContain(">87,5\u00a0%</text>");
    expect(decimal).not.toContain("88\u00a0%");
  });

  it("is one image with a title and a description, a legend, and a data table with a caption", () => {
    const html = chart([{ label: "Fråga 1", counts: [1, 3, 0], extra: ["1,8"] }]);
    expect(html).toContain('role="img"');
    expect(html).toContain('aria-labelledby="c1-title c1-desc"');
    expect(html).toContain('<title id="c1-title">Svarsfördelning</title>');
    expect(html).toContain('<desc id="c1-desc">En stapel per fråga</desc>');
    expect(html).toContain('<caption id="c1-caption">Svarsfördelning per fråga</caption>');
    expect(html).toContain("Svarsalternativ");
    // Two segments (the zero draws nothing), each with its share written in it.
    expect(html.match(/class="sofia-chart__value"/g)).toHaveLength(2);
    expect(html).toContain("25\u00a0%");
    expect(html).toContain("75\u00a0%");
    expect(html).toContain(`3<span class="sofia-chart__share"> (75\u00a0%)</span>`);
    expect(html).toContain("1,8");
  });

  it('draws a hidden row as a labelled ".. (för få)" mark, never an empty bar, and shows .. in the table', () => {
    const html = chart([{ label: "Fråga 1", counts: null, extra: [".."] }]);
    expect(html).toMatch(/<text [^>]*class="sofia-chart__suppressed"[^>]*>\.\. \(för få\)<\/text>/);
    // The mark: one narrow grey block beside its label, no bar segment and no dashed empty bar.
    expect(html.match(/<rect /g)).toHaveLength(1);
    expect(html).toContain('<rect x="0" y="21" width="6" height="28" fill="#575757"></rect>');
    expect(html).not.toContain("stroke-dasharray");
    expect(html).not.toContain("Svarsalternativ");
    expect(html.match(/<span class="sofia-sr-only">för få svar<\/span>/g)).toHaveLength(4);
  });

  it("gives every category a colour with at least 4.5:1 against white and a pattern of its own among its neighbours", () => {
    const ten: ChartCategory[] = Array.from({ length: 10 }, (_, i) => ({ label: String(i + 1) }));
    for (const list of [categories, ten]) {
      list.forEach((_, i) => {
        expect(contrastWithWhite(categoryColour(i, list))).toBeGreaterThanOrEqual(4.5);
        if (i > 0) expect(categoryPattern(i, list)).not.toBe(categoryPattern(i - 1, list));
      });
    }
    expect(categoryPattern(2, categories)).toBe("horizontal");
  });
});

describe("charts under the CSP (decision 0057)", () => {
  it("draws every kind of row without an inline style, attribute or element", () => {
    const html = chart([
      { label: "Fråga 1", counts: [3, 5, 1], extra: ["2,1"] },
      { label: "En mycket lång fråga som bryts över flera rader i diagrammet", counts: [0, 0, 0], extra: ["–"] },
      { label: "Fråga 3", counts: null, extra: [".."] },
    ]);
    expect(html).toContain("<svg");
    expect(html).not.toMatch(/\sstyle\s*=/i);
    expect(html).not.toMatch(/<style[\s>]/i);
  });
});

describe("a long label", () => {
  it("wraps between words onto lines of at most the width", () => {
    const label = "Hur ofta har du under det senaste året haft ett gemensamt samråd med en kollega som också har kontakt med familjen?";
    const lines = wrapLabel(label, 40);
    expect(lines.join(" ")).toBe(label);
    expect(lines.every((l) => l.length <= 40)).toBe(true);
    expect(lines.length).toBe(3);
    expect(wrapLabel("Kort")).toEqual(["Kort"]);
    expect(wrapLabel("")).toEqual([""]);
  });
});
