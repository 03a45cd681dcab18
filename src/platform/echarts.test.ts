import { describe, expect, it } from "vitest";
import { barChartSvg, chartFigure, withoutInlineStyles } from "./echarts.ts";

describe("server-side bar charts", () => {
  it("renders an SVG with the categories, the values and the target line's label", () => {
    const svg = barChartSvg({
      label: "Andel som genomfört samtalsserien",
      categories: ["Föregående period", "Denna period"],
      series: [{ name: "Andel", values: [38.5, 42.5] }],
      percent: true,
      target: { value: 80, label: "Mål 80 %" },
    });
    expect(svg.startsWith("<svg")).toBe(true);
    // Shares as the municipality writes them: whole percent by default, half up (42.5 → 43).
    for (const text of ["Föregående period", "Denna period", "43\u00a0%", "39\u00a0%", "Mål 80 %"]) expect(svg).toContain(text);
    const decimal = barChartSvg({
      label: "x",
      categories: ["a"],
      series: [{ name: "Andel", values: [42.46] }],
      percent: true,
      precision: { shareDecimals: 1, meanDecimals: 2 },
    });
    expect(decimal).toContain("42,5\u00a0%");
    expect(svg).toMatch(/^<svg role="img" aria-label="Andel som genomfört samtalsserien"/);
  });

  it("writes numbers the Swedish way", () => {
    const svg = barChartSvg({ label: "x", categories: ["a"], series: [{ name: "kr", values: [1_200_000] }] });
    expect(svg).toMatch(/1\s200\s000/);
    expect(svg).not.toContain("1,200,000");
  });

  it("writes a mean with the municipality's decimals and a count as a whole number", () => {
    expect(chartFigure(3.125, false)).toBe("3,13");
    expect(chartFigure(3.125, false, { shareDecimals: 0, meanDecimals: 1 })).toBe("3,1");
    expect(chartFigure(17, false)).toBe("17");
    expect(chartFigure(42.5, true, undefined, "en")).toBe("43%");
  });

  it("leaves a missing value out instead of drawing it as zero", () => {
    const zeros = (values: (number | null)[]) =>
      barChartSvg({ label: "x", categories: ["a", "b"], series: [{ name: "n", values }] }).match(/>0</g)?.length ?? 0;
    // The axis starts at 0 in both; only a real zero gets a bar label of its own.
    expect(zeros([12, 0])).toBe(zeros([12, null]) + 1);
  });

  /** Every text of the SVG with where it is drawn: [text, x, y]. */
  const texts = (svg: string) =>
    [...svg.matchAll(/<text[^>]*?(?: y="(-?[\d.]+)")?[^>]*transform="translate\(([\d.-]+) ([\d.-]+)\)"[^>]*>([^<]*)<\/text>/g)].map(
      (m) => [m[4] ?? "", Number(m[2]), Number(m[3]) + Number(m[1] ?? 0)] as const,
    );
  const twoPeriods = {
    label: "Andel som känt sig lyssnade på",
    categories: ["Förälder med problematik", "Förälder utan problematik", "Barn"],
    series: [
      { name: "Perioden", values: [88.2, null, 100], suppressed: [false, true, false] },
      { name: "Föregående period", values: [79, 60, null], suppressed: [false, false, false] },
    ],
    percent: true,
    target: { value: 80, label: "Mål 80 %" },
  };

  it('draws a suppressed value as a labelled ".. (för få)" mark, a missing one not at all', () => {
    const svg = barChartSvg(twoPeriods);
    expect(texts(svg).filter(([t]) => t === ".. (för få)")).toHaveLength(1);
    const english = barChartSvg({ ...twoPeriods, locale: "en" as const });
    expect(texts(english).filter(([t]) => t === "..(too few)")).toHaveLength(1);
    expect(english).toContain("88%");
  });

  it("sets the target's label above the plot, clear of the 80 % tick, and the legend from the left edge in full", () => {
    const svg = barChartSvg(twoPeriods);
    const all = texts(svg);
    const target = all.find(([t]) => t === "Mål 80 %");
    const tick = all.find(([t]) => t === "80\u00a0%");
    const categoryTops = all.filter(([t]) => twoPeriods.categories.includes(t)).map(([, , y]) => y);
    expect(target && tick).toBeTruthy();
    // Above every category (the plot) and far from the tick's line below it.
    expect(target?.[2] ?? 0).toBeLessThan(Math.min(...categoryTops));
    expect((tick?.[2] ?? 0) - (target?.[2] ?? 0)).toBeGreaterThan(100);
    // The legend: both names whole, the first at the left edge, the second after it.
    const legend = all.filter(([t]) => t === "Perioden" || t === "Föregående period");
    expect(legend.map(([t]) => t)).toEqual(["Perioden", "Föregående period"]);
    expect(legend[0]?.[1]).toBeLessThan(10);
    expect(legend[1]?.[2]).toBeLessThan(target?.[2] ?? 0);
  });

  it("has no inline style, attribute or element, in any kind of chart: ECharts' styles become presentation attributes", () => {
    const svg = barChartSvg(twoPeriods);
    const kinds = [
      svg,
      barChartSvg({ label: "x", categories: ["a", "b"], series: [{ name: "n", values: [3, null] }] }),
      barChartSvg({
        label: "x",
        categories: ["a"],
        series: [{ name: "n", values: [42.5] }],
        percent: true,
        target: { value: 80, label: "Mål" },
      }),
      barChartSvg({ label: "x", categories: ["a", "b"], series: [{ name: "d", values: [12.25, 30] }], days: true, locale: "en" }),
      barChartSvg({ ...twoPeriods, width: 320, height: 400 }),
    ];
    for (const kind of kinds) {
      expect(kind).not.toMatch(/\sstyle\s*=/i);
      expect(kind).not.toMatch(/<style[\s>]/i);
    }
    expect(withoutInlineStyles("<svg><style ><![CDATA[\n.zr0-cls-0:hover {\ncursor:pointer;\n}\n]]>\n</style><g/></svg>")).toBe(
      "<svg><g/></svg>",
    );
    expect(svg).toContain('font-family="Inter, Arial, sans-serif"');
    expect(withoutInlineStyles('<text style="font-size:12px;font-family:Inter, Arial;">a</text>')).toBe(
      '<text font-size="12px" font-family="Inter, Arial">a</text>',
    );
  });
});
