import { describe, expect, it } from "vitest";
import {
  comparisonPeriod,
  halfYearSoFar,
  parsePeriod,
  presetPeriod,
  previousPeriod,
  samePeriodLastYear,
  selectPeriod,
  yearEarlier,
  yearSoFar,
} from "./period.ts";

describe("the follow-up's periods", () => {
  it("this half-year and this year run from their first day to the day", () => {
    expect(halfYearSoFar("2026-06-30")).toEqual({ from: "2026-01-01", to: "2026-06-30" });
    expect(halfYearSoFar("2026-07-01")).toEqual({ from: "2026-07-01", to: "2026-07-01" });
    expect(halfYearSoFar("2026-12-31")).toEqual({ from: "2026-07-01", to: "2026-12-31" });
    expect(yearSoFar("2026-01-01")).toEqual({ from: "2026-01-01", to: "2026-01-01" });
    expect(yearSoFar("2026-12-06")).toEqual({ from: "2026-01-01", to: "2026-12-06" });
    expect(presetPeriod("halfYear", "2026-03-15")).toEqual({ from: "2026-01-01", to: "2026-03-15" });
    expect(presetPeriod("year", "2026-09-15")).toEqual({ from: "2026-01-01", to: "2026-09-15" });
    expect(presetPeriod("custom", "2026-09-15")).toBeNull();
  });

  it("the previous period has the same number of days, leap days counted", () => {
    // The first half of 2026 has 181 days; the 181 days before it start on July 4.
    expect(previousPeriod({ from: "2026-01-01", to: "2026-06-30" })).toEqual({ from: "2025-07-04", to: "2025-12-31" });
    // The first half of 2024 (a leap year) has 182 days.
    expect(previousPeriod({ from: "2024-01-01", to: "2024-06-30" })).toEqual({ from: "2023-07-03", to: "2023-12-31" });
    // The second half-year has 184 days either way.
    expect(previousPeriod({ from: "2024-07-01", to: "2024-12-31" })).toEqual({ from: "2023-12-30", to: "2024-06-30" });
    expect(previousPeriod({ from: "2024-03-01", to: "2024-03-31" })).toEqual({ from: "2024-01-30", to: "2024-02-29" });
    expect(previousPeriod({ from: "2026-03-01", to: "2026-03-01" })).toEqual({ from: "2026-02-28", to: "2026-02-28" });
    // A whole year's 365 days before 2025 leave out 2024's first day: what "the same period last year" is for.
    expect(previousPeriod({ from: "2025-01-01", to: "2025-12-31" })).toEqual({ from: "2024-01-02", to: "2024-12-31" });
    expect(previousPeriod({ from: "2024-01-01", to: "2024-12-31" })).toEqual({ from: "2022-12-31", to: "2023-12-31" });
  });

  it("the same period last year keeps the dates, a leap day and a month's end", () => {
    expect(samePeriodLastYear({ from: "2026-07-01", to: "2026-12-06" })).toEqual({ from: "2025-07-01", to: "2025-12-06" });
    expect(samePeriodLastYear({ from: "2026-01-01", to: "2026-06-30" })).toEqual({ from: "2025-01-01", to: "2025-06-30" });
    // February 29 has no day a year earlier: the month's last day.
    expect(yearEarlier("2024-02-29")).toBe("2023-02-28");
    expect(samePeriodLastYear({ from: "2024-02-29", to: "2024-03-10" })).toEqual({ from: "2023-02-28", to: "2023-03-10" });
    // A period ending with February ends with the earlier February, 28 or 29 days.
    expect(samePeriodLastYear({ from: "2025-02-01", to: "2025-02-28" })).toEqual({ from: "2024-02-01", to: "2024-02-29" });
    expect(samePeriodLastYear({ from: "2024-02-01", to: "2024-02-29" })).toEqual({ from: "2023-02-01", to: "2023-02-28" });
    // Other month ends are the same day; a day within February stays that day.
    expect(samePeriodLastYear({ from: "2026-04-01", to: "2026-04-30" })).toEqual({ from: "2025-04-01", to: "2025-04-30" });
    expect(yearEarlier("2025-02-27", true)).toBe("2024-02-27");
    expect(yearEarlier("2026-01-01", true)).toBe("2025-01-01");
  });

  it("the comparison is the one chosen", () => {
    const p = { from: "2026-01-01", to: "2026-03-31" };
    expect(comparisonPeriod(p, "previous")).toEqual({ from: "2025-10-03", to: "2025-12-31" });
    expect(comparisonPeriod(p, "lastYear")).toEqual({ from: "2025-01-01", to: "2025-03-31" });
  });
});

describe("what the form, the exports and the API ask for", () => {
  const today = "2026-12-06";
  const refused = (input: Parameters<typeof selectPeriod>[0]) => {
    try {
      selectPeriod(input, today);
      return null;
    } catch (e) {
      return (e as { fieldErrors: Record<string, string> }).fieldErrors;
    }
  };

  it("nothing asked is this half-year against the period just before; dates alone are a custom period", () => {
    expect(selectPeriod({}, today)).toEqual({
      choice: "halfYear",
      comparison: "previous",
      period: { from: "2026-07-01", to: "2026-12-06" },
    });
    expect(selectPeriod({ from: "2026-01-01", to: "2026-03-31" }, today)).toEqual({
      choice: "custom",
      comparison: "previous",
      period: { from: "2026-01-01", to: "2026-03-31" },
    });
  });

  it("a preset choice ignores the dates typed; custom reads them as Swedes type them", () => {
    expect(selectPeriod({ period: "year", from: "2020-01-01", to: "2020-02-01", compare: "lastYear" }, today)).toEqual({
      choice: "year",
      comparison: "lastYear",
      period: { from: "2026-01-01", to: "2026-12-06" },
    });
    expect(selectPeriod({ period: "custom", from: "1/2 2024", to: "29 feb 2024", compare: "lastYear" }, today).period).toEqual({
      from: "2024-02-01",
      to: "2024-02-29",
    });
    expect(parsePeriod("20.12.2025", "2026-01-10", today)).toEqual({ from: "2025-12-20", to: "2026-01-10" });
  });

  it("refuses an unknown choice or comparison, a date that is not one, an end before the start and more than ten years", () => {
    expect(refused({ period: "decade" })).toEqual({ period: "followup.error.choice" });
    expect(refused({ compare: "yesterday" })).toEqual({ compare: "followup.error.compare" });
    expect(refused({ period: "custom", from: "2026-02-30", to: "2026-03-01" })).toEqual({ from: "followup.error.date" });
    expect(refused({ period: "custom", from: "2026-03-01", to: "igår" })).toEqual({ to: "followup.error.date" });
    expect(refused({ period: "custom", from: "2026-03-01", to: "2026-02-01" })).toEqual({ to: "followup.error.toBeforeFrom" });
    expect(refused({ period: "custom", from: "2000-01-01", to: "2026-01-01" })).toEqual({ to: "followup.error.tooLong" });
    // A date typed for a preset is not read, so it cannot be wrong.
    expect(refused({ period: "halfYear", from: "2026-02-30" })).toBeNull();
  });
});
