import { describe, expect, it } from "vitest";
import { add, formatAmount, formatKronor, kronorFromNumber, MAX_KRONOR, multiply, parseKronor, subtract, sum } from "./money.ts";

const value = (s: string, allowNegative = false) => {
  const r = parseKronor(s, { allowNegative });
  return r.ok ? r.value : r.messageKey;
};

describe("parseKronor", () => {
  it("reads the ways the reports and exports write an amount, exactly", () => {
    expect(value("1 143 083")).toBe(1143083);
    expect(value("1143083")).toBe(1143083);
    expect(value("1 143 083 kr")).toBe(1143083);
    expect(value("1\u00a0143\u00a0083\u00a0kr")).toBe(1143083);
    expect(value("1\u202f143\u202f083")).toBe(1143083);
    expect(value("1 143 083,00")).toBe(1143083);
    expect(value("1143083,0")).toBe(1143083);
    expect(value("4 335 000 kronor")).toBe(4335000);
    expect(value("26 850:-")).toBe(26850);
    expect(value("  0 ")).toBe(0);
    expect(value("100 000 000 000")).toBe(MAX_KRONOR);
  });

  it("refuses öre, other text and misplaced groups with a reason", () => {
    expect(value("1 143 083,50")).toBe("economy.money.ore");
    expect(value("1143083.5")).toBe("economy.money.ore");
    expect(value("12,3")).toBe("economy.money.ore");
    expect(value("")).toBe("economy.money.required");
    expect(value("   ")).toBe("economy.money.required");
    expect(value("abc")).toBe("economy.money.invalid");
    expect(value("1 14 3")).toBe("economy.money.invalid");
    expect(value("1e6")).toBe("economy.money.invalid");
    expect(value("1.143.083")).toBe("economy.money.invalid");
    expect(value("1,5,00")).toBe("economy.money.invalid");
    expect(value("100 000 000 001")).toBe("economy.money.tooLarge");
    expect(value("9999999999999")).toBe("economy.money.tooLarge");
  });

  it("takes a minus only where credits are allowed", () => {
    expect(value("-5 829")).toBe("economy.money.negative");
    expect(value("-5 829", true)).toBe(-5829);
    expect(value("\u22125\u00a0829 kr", true)).toBe(-5829);
    expect(value("-0")).toBe(0);
  });
});

describe("kronorFromNumber", () => {
  it("accepts whole numbers from a spreadsheet and refuses fractions", () => {
    expect(kronorFromNumber(1143083)).toEqual({ ok: true, value: 1143083 });
    expect(kronorFromNumber(1143083.5)).toEqual({ ok: false, messageKey: "economy.money.ore" });
    expect(kronorFromNumber(-12)).toEqual({ ok: false, messageKey: "economy.money.negative" });
    expect(kronorFromNumber(-12, { allowNegative: true })).toEqual({ ok: true, value: -12 });
    expect(kronorFromNumber(Number.NaN)).toEqual({ ok: false, messageKey: "economy.money.invalid" });
  });
});

describe("formatKronor", () => {
  it("writes Swedish thousands with no-break spaces and the unit", () => {
    expect(formatKronor(1143083).replace(/[\u00a0\u202f]/g, " ")).toBe("1 143 083 kr");
    expect(formatKronor(2118522).replace(/[\u00a0\u202f]/g, " ")).toBe("2 118 522 kr");
    expect(formatKronor(0).replace(/[\u00a0\u202f]/g, " ")).toBe("0 kr");
    expect(formatKronor(-97925).replace(/[\u00a0\u202f\u2212]/g, (c) => (c === "\u2212" ? "-" : " "))).toBe("-97 925 kr");
    expect(formatAmount(4335000).replace(/[\u00a0\u202f]/g, " ")).toBe("4 335 000");
  });

  it("round-trips through parseKronor", () => {
    for (const n of [0, 7, 1019848, 4335000, MAX_KRONOR]) expect(value(formatKronor(n))).toBe(n);
  });
});

describe("arithmetic", () => {
  it("adds, subtracts and multiplies whole kronor exactly", () => {
    expect(sum([1019848, 16356, 80183, 26850])).toBe(1143237);
    expect(subtract(4335000, add(1143237, 1073241))).toBe(2118522);
    expect(multiply(62000, 24)).toBe(1488000);
  });

  it("refuses to leave the safe integers instead of rounding", () => {
    expect(() => multiply(Number.MAX_SAFE_INTEGER, 2)).toThrow(RangeError);
    expect(() => add(0.5, 1)).toThrow(RangeError);
  });
});
