import { describe, expect, it } from "vitest";
import { barChartSvg } from "./echarts.ts";

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
    for (const text of ["Föregående period", "Denna period", "42,5 %", "38,5 %", "Mål 80 %"]) expect(svg).toContain(text);
    expect(svg).toMatch(/^<svg role="img" aria-label="Andel som genomfört samtalsserien"/);
  });

  it("writes numbers the Swedish way", () => {
    const svg = barChartSvg({ label: "x", categories: ["a"], series: [{ name: "kr", values: [1_200_000] }] });
    expect(svg).toMatch(/1\s200\s000/);
    expect(svg).not.toContain("1,200,000");
  });

  it("leaves a hidden value out instead of drawing it as zero", () => {
    const zeros = (values: (number | null)[]) =>
      barChartSvg({ label: "x", categories: ["a", "b"], series: [{ name: "n", values }] }).match(/>0</g)?.length ?? 0;
    // The axis starts at 0 in both; only a real zero gets a bar label of its own.
    expect(zeros([12, 0])).toBe(zeros([12, null]) + 1);
  });
});
