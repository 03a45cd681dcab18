import { describe, expect, it } from "vitest";
import { formatDays, formatMean, formatShare, formatShareChange, precisionOf, roundHalfUp, shareOf } from "./precision.ts";

describe("rounding as the committee expects (decision 0045)", () => {
  it("rounds half up, on the decimal as written", () => {
    expect(roundHalfUp(42.5, 0)).toBe(43);
    expect(roundHalfUp(1.005, 2)).toBe(1.01);
    expect(roundHalfUp(2.675, 2)).toBe(2.68);
    expect(roundHalfUp(0.125, 2)).toBe(0.13);
    expect(roundHalfUp(-2.5, 0)).toBe(-3);
    expect(roundHalfUp(3.1449, 1)).toBe(3.1);
    expect(roundHalfUp(0, 2)).toBe(0);
  });

  it("shows 17 of 40 as 43 % in whole percent and 42,5 % with one decimal", () => {
    expect(shareOf(17, 40)).toBe(43);
    expect(formatShare(42.5)).toBe("43\u00a0%");
    expect(formatShare(42.5, { shareDecimals: 1, meanDecimals: 2 })).toBe("42,5\u00a0%");
    expect(formatShare(42.5, undefined, "en")).toBe("43%");
    expect(shareOf(1, 0)).toBeNull();
  });

  it("shows means with two decimals by default, half up", () => {
    expect(formatMean(3.125)).toBe("3,13");
    expect(formatMean(3)).toBe("3,00");
    expect(formatMean(3.125, { shareDecimals: 0, meanDecimals: 1 })).toBe("3,1");
    expect(formatShareChange(4.5)).toBe("+5");
    expect(formatShareChange(0)).toBe("0");
  });

  it("shows waits in days with one decimal at most, half up, and a whole number without decimals", () => {
    expect(formatDays(14.5)).toBe("14,5");
    expect(formatDays(14)).toBe("14");
    expect(formatDays(14.25)).toBe("14,3");
    expect(formatDays(14.04)).toBe("14");
    expect(formatDays(13.96)).toBe("14");
    expect(formatDays(1234.5)).toBe("1\u00a0234,5");
    expect(formatDays(14.5, "en")).toBe("14.5");
  });

  it("reads stored settings, falling back to the default", () => {
    expect(precisionOf(null)).toEqual({ shareDecimals: 0, meanDecimals: 2 });
    expect(precisionOf({ shareDecimals: 1, meanDecimals: 1 })).toEqual({ shareDecimals: 1, meanDecimals: 1 });
    expect(precisionOf({ shareDecimals: 7, meanDecimals: -1 })).toEqual({ shareDecimals: 0, meanDecimals: 2 });
  });
});
