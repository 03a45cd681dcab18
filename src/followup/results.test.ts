import { describe, expect, it } from "vitest";
import { definitionSchema } from "./indicators/index.ts";
import { showCounts } from "./results.ts";

const share = definitionSchema.parse({
  name: "Andel genomförda",
  unit: "family",
  periodDate: "started_on",
  denominator: [],
  numerator: [{ field: "phase", op: "eq", value: "completed" }],
  display: "percent",
  target: { value: 80, direction: "at_least" },
  minGroupSize: null,
});
const count = { ...share, display: "count" as const, target: null };
const row = (group: string | null, numerator: number, denominator: number, value: number | null = null) => ({
  period: "p",
  group,
  numerator,
  denominator,
  value,
});

describe("indicator figures as shown", () => {
  it("shows the reports' 17 of 40 as 42.5 %, target not met", () => {
    expect(showCounts(share, [row(null, 17, 40)], 5)).toEqual([
      { group: null, numerator: 17, denominator: 40, percent: 42.5, value: null, met: false, suppressed: false },
    ]);
  });

  it("meets an 80 % target at exactly 80 %", () => {
    expect(showCounts(share, [row(null, 40, 50)], 5)[0]?.met).toBe(true);
    expect(showCounts(share, [row(null, 39, 50)], 5)[0]?.met).toBe(false);
  });

  it("hides a share whose numerator or remainder is a small group, and its denominator when that is small", () => {
    expect(showCounts(share, [row(null, 2, 20)], 5)).toEqual([
      { group: null, numerator: null, denominator: 20, percent: null, value: null, met: null, suppressed: true },
    ]);
    expect(showCounts(share, [row(null, 3, 3)], 5)).toEqual([
      { group: null, numerator: null, denominator: null, percent: null, value: null, met: null, suppressed: true },
    ]);
  });

  it("keeps a zero: nobody is not a small group", () => {
    expect(showCounts(share, [row(null, 0, 12)], 5)[0]).toMatchObject({ numerator: 0, percent: 0, suppressed: false });
  });

  it("suppresses a second group when one hidden group could be worked out from the totals", () => {
    const rows = showCounts(count, [row("a", 10, 10), row("b", 2, 2), row("c", 7, 7)], 5);
    expect(rows.map((r) => r.numerator)).toEqual([10, null, null]);
  });

  it("shows counts of groups at or above the minimum", () => {
    expect(showCounts(count, [row("a", 5, 5), row("b", 6, 6)], 5).map((r) => r.numerator)).toEqual([5, 6]);
    expect(showCounts(count, [], 5)).toEqual([]);
  });

  it("shows a median wait with one decimal against an at-most target, and hides a small group's value with its n", () => {
    const median = {
      ...share,
      display: "median" as const,
      measure: { field: "days_to_first_meeting", per: null },
      target: { value: 30, direction: "at_most" as const },
    };
    const rows = showCounts(median, [row("a", 12, 12, 28.25), row("b", 7, 7, 41), row("c", 3, 3, 10)], 5);
    expect(rows).toEqual([
      { group: "a", numerator: null, denominator: 12, percent: null, value: 28.3, met: true, suppressed: false },
      { group: "b", numerator: null, denominator: 7, percent: null, value: 41, met: false, suppressed: false },
      { group: "c", numerator: null, denominator: null, percent: null, value: null, met: null, suppressed: true },
    ]);
  });

  it("shows a rate as a share of sums, never above the whole", () => {
    const rate = { ...share, display: "rate" as const, measure: { field: "responses", per: "attended" }, target: null };
    expect(showCounts(rate, [row(null, 30, 40)], 5)[0]).toMatchObject({ numerator: 30, denominator: 40, percent: 75, suppressed: false });
    expect(showCounts(rate, [row(null, 38, 40)], 5)[0]).toMatchObject({ percent: null, suppressed: true });
  });
});
