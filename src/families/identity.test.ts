import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { messages } from "../platform/i18n.ts";
import { formatIdentityNumber, type IdentityError, maskIdentityNumber, parseIdentityNumber } from "./identity.ts";
import { ageOn } from "./model.ts";

const REF = "2026-11-27";

/** Written here from the definition, apart from the code under test. */
function luhn(nine: string): string {
  const sum = [...nine].map((c, i) => Number(c) * (i % 2 === 0 ? 2 : 1)).reduce((s, p) => s + Math.floor(p / 10) + (p % 10), 0);
  return String((10 - (sum % 10)) % 10);
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const monthDays = (y: number, m: number) => (m === 2 ? (isLeap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31);

/** A 12-digit number with a correct check digit; `dayField` is the day as written (day + 60 for samordningsnummer). */
function build(year: number, month: number, dayField: number, birthNumber: number): string {
  const yymmddnnn = pad(year % 100) + pad(month) + pad(dayField) + pad(birthNumber, 3);
  return pad(Math.floor(year / 100)) + yymmddnnn + luhn(yymmddnnn);
}

const dash = (twelve: string) => `${twelve.slice(0, 8)}-${twelve.slice(8)}`;
const short = (twelve: string, separator: "-" | "+" | "") => twelve.slice(2, 8) + separator + twelve.slice(8);

/** A valid number born between 1900 and the reference date. */
const validNumber = fc
  .record({
    year: fc.integer({ min: 1900, max: 2026 }),
    month: fc.integer({ min: 1, max: 12 }),
    dayIndex: fc.nat(),
    birthNumber: fc.integer({ min: 0, max: 999 }),
    coordination: fc.boolean(),
  })
  .map(({ year, month, dayIndex, birthNumber, coordination }) => {
    const day = (dayIndex % monthDays(year, month)) + 1;
    return { year, month, day, coordination, number: build(year, month, day + (coordination ? 60 : 0), birthNumber) };
  })
  .filter(({ year, month, day }) => `${year}-${pad(month)}-${pad(day)}` <= REF);

const referenceDate = fc
  .record({ year: fc.integer({ min: 1950, max: 2150 }), month: fc.integer({ min: 1, max: 12 }), dayIndex: fc.nat() })
  .map(({ year, month, dayIndex }) => `${year}-${pad(month)}-${pad((dayIndex % monthDays(year, month)) + 1)}`);

function errorOf(input: string, ref = REF): IdentityError | null {
  const r = parseIdentityNumber(input, ref);
  return r.ok ? null : r.error;
}

describe("parsing identity numbers: examples", () => {
  it("reads Skatteverket's test number 19121212-1212 in every written form", () => {
    const expected = { normalized: "191212121212", kind: "personnummer", birthDate: "1912-12-12", legalGender: "male" };
    for (const input of ["19121212-1212", "191212121212", "121212+1212", " 1912 1212 1212 ", "19121212 - 1212", "19121212\u20131212"]) {
      expect(parseIdentityNumber(input, REF), input).toEqual({ ok: true, value: expected });
    }
  });

  it("puts a 10-digit number with '-' in the most recent century, and one with '+' a century earlier", () => {
    expect(parseIdentityNumber("121212-1212", REF)).toMatchObject({
      ok: true,
      value: { normalized: "201212121212", birthDate: "2012-12-12" },
    });
    expect(parseIdentityNumber("1212121212", REF)).toMatchObject({ ok: true, value: { birthDate: "2012-12-12" } });
    expect(parseIdentityNumber("121212+1212", REF)).toMatchObject({ ok: true, value: { birthDate: "1912-12-12" } });
    // Born on the reference date: this century. One day later: the previous one.
    const today = build(2026, 11, 27, 123);
    const tomorrow = build(1926, 11, 28, 123);
    expect(parseIdentityNumber(short(today, "-"), REF)).toMatchObject({ ok: true, value: { birthDate: "2026-11-27" } });
    expect(parseIdentityNumber(short(tomorrow, "-"), REF)).toMatchObject({ ok: true, value: { birthDate: "1926-11-28" } });
    expect(parseIdentityNumber(short(tomorrow, "+"), REF)).toMatchObject({ ok: true, value: { birthDate: "1826-11-28" } });
  });

  it("accepts the leap day 2000-02-29 and refuses 1900-02-29", () => {
    const leap = build(2000, 2, 29, 42);
    expect(parseIdentityNumber(leap, REF)).toMatchObject({ ok: true, value: { birthDate: "2000-02-29" } });
    expect(parseIdentityNumber(short(leap, "-"), REF)).toMatchObject({ ok: true, value: { birthDate: "2000-02-29" } });
    expect(errorOf(short(leap, "+"))).toBe("families.identity.impossibleDate");
    expect(errorOf(build(1900, 2, 29, 42))).toBe("families.identity.impossibleDate");
    expect(errorOf(build(2023, 2, 29, 42))).toBe("families.identity.impossibleDate");
    expect(errorOf(build(2010, 4, 31, 42))).toBe("families.identity.impossibleDate");
    expect(errorOf(build(2010, 13, 1, 42))).toBe("families.identity.impossibleDate");
    expect(errorOf(build(2010, 0, 1, 42))).toBe("families.identity.impossibleDate");
    expect(errorOf(build(2010, 1, 0, 42))).toBe("families.identity.impossibleDate");
    expect(errorOf(build(2010, 1, 60, 42))).toBe("families.identity.impossibleDate");
  });

  it("reads a samordningsnummer (day + 60)", () => {
    const number = build(2015, 3, 14 + 60, 237);
    expect(parseIdentityNumber(dash(number), REF)).toEqual({
      ok: true,
      value: { normalized: number, kind: "samordningsnummer", birthDate: "2015-03-14", legalGender: "male" },
    });
    expect(errorOf(build(2015, 2, 29 + 60, 238))).toBe("families.identity.impossibleDate");
    expect(parseIdentityNumber(build(2016, 2, 29 + 60, 238), REF)).toMatchObject({ ok: true, value: { birthDate: "2016-02-29" } });
  });

  it("takes the legal gender from the second-to-last digit: even is female", () => {
    for (const [birthNumber, legalGender] of [
      [240, "female"],
      [238, "female"],
      [241, "male"],
      [259, "male"],
    ] as const) {
      expect(parseIdentityNumber(build(2015, 3, 14, birthNumber), REF)).toMatchObject({ ok: true, value: { legalGender } });
    }
  });

  it("names a wrong check digit", () => {
    expect(errorOf("19121212-1213")).toBe("families.identity.wrongCheckDigit");
    expect(errorOf("121212-1210")).toBe("families.identity.wrongCheckDigit");
  });

  it("refuses a 12-digit number born after the reference date", () => {
    const number = build(2026, 11, 28, 123);
    expect(errorOf(number)).toBe("families.identity.futureDate");
    expect(parseIdentityNumber(number, "2026-11-28")).toMatchObject({ ok: true });
  });

  it("refuses what is not an identity number", () => {
    for (const input of [
      "",
      "   ",
      "abc",
      "1912121-1212",
      "12121212121",
      "1912121212123",
      "19121212+1212",
      "121212--1212",
      "121212*1212",
      "ÅÅMMDD-NNNN",
    ]) {
      expect(errorOf(input), input).toBe("families.identity.wrongFormat");
    }
  });

  it("has a Swedish and an English message for every error", () => {
    const keys: IdentityError[] = [
      "families.identity.wrongFormat",
      "families.identity.impossibleDate",
      "families.identity.wrongCheckDigit",
      "families.identity.futureDate",
    ];
    for (const key of keys) {
      expect(messages.sv[key], key).toBeTruthy();
      expect(messages.en[key], key).toBeTruthy();
    }
    expect(messages.sv["families.identity.wrongCheckDigit"]).toBe(
      "Personnumret har fel kontrollsiffra. Kontrollera de fyra sista siffrorna.",
    );
  });

  it("refuses a reference date that is not a date, since that is a programming error", () => {
    expect(() => parseIdentityNumber("19121212-1212", "2026-02-30")).toThrow(RangeError);
  });
});

describe("showing identity numbers", () => {
  it("formats and masks the stored 12 digits", () => {
    expect(formatIdentityNumber("191212121212")).toBe("19121212-1212");
    expect(maskIdentityNumber("191212121212")).toBe("19121212-****");
    expect(() => formatIdentityNumber("121212-1212")).toThrow(RangeError);
    expect(() => maskIdentityNumber("12121212121")).toThrow(RangeError);
  });
});

describe("parsing identity numbers: properties", () => {
  it("round-trips every valid 12-digit number through parse, format and parse", () => {
    fc.assert(
      fc.property(validNumber, ({ number, year, month, day, coordination }) => {
        const first = parseIdentityNumber(number, REF);
        expect(first).toMatchObject({
          ok: true,
          value: {
            normalized: number,
            birthDate: `${year}-${pad(month)}-${pad(day)}`,
            kind: coordination ? "samordningsnummer" : "personnummer",
          },
        });
        if (!first.ok) return;
        const shown = formatIdentityNumber(first.value.normalized);
        expect(shown).toBe(dash(number));
        expect(parseIdentityNumber(shown, REF)).toEqual(first);
        expect(maskIdentityNumber(first.value.normalized)).toBe(`${number.slice(0, 8)}-****`);
      }),
      { numRuns: 500 },
    );
  });

  it("makes a number invalid when any single digit covered by the check digit is changed", () => {
    fc.assert(
      fc.property(validNumber, fc.integer({ min: 2, max: 11 }), fc.integer({ min: 1, max: 9 }), ({ number }, position, delta) => {
        const digit = (Number(number[position]) + delta) % 10;
        const changed = number.slice(0, position) + digit + number.slice(position + 1);
        expect(parseIdentityNumber(changed, REF).ok).toBe(false);
        expect(parseIdentityNumber(short(changed, "-"), REF).ok).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it("accepts samordningsnummer days 61–91 as the right birth date and refuses 92 and more", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2025 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 61, max: 91 }),
        fc.integer({ min: 0, max: 999 }),
        (year, month, dayField, birthNumber) => {
          const number = build(year, month, dayField, birthNumber);
          const day = dayField - 60;
          const result = parseIdentityNumber(number, REF);
          if (day <= monthDays(year, month)) {
            expect(result).toMatchObject({
              ok: true,
              value: { kind: "samordningsnummer", birthDate: `${year}-${pad(month)}-${pad(day)}` },
            });
          } else {
            expect(result).toEqual({ ok: false, error: "families.identity.impossibleDate" });
          }
        },
      ),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2025 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 92, max: 99 }),
        fc.integer({ min: 0, max: 999 }),
        (year, month, dayField, birthNumber) => {
          expect(parseIdentityNumber(build(year, month, dayField, birthNumber), REF)).toEqual({
            ok: false,
            error: "families.identity.impossibleDate",
          });
        },
      ),
    );
  });

  it("never gives a 10-digit number a birth date after the reference date; '+' means 100 years or older", () => {
    fc.assert(
      fc.property(validNumber, referenceDate, fc.constantFrom("-" as const, "" as const, "+" as const), ({ number }, ref, separator) => {
        const result = parseIdentityNumber(short(number, separator), ref);
        // Only a leap day can fail, when the century chosen is not a leap year.
        if (!result.ok) {
          expect(number.slice(4, 8)).toMatch(/^02(29|89)$/);
          expect(result.error).toBe("families.identity.impossibleDate");
          return;
        }
        expect(result.value.birthDate <= ref).toBe(true);
        expect(result.value.normalized.slice(2)).toBe(number.slice(2));
        const age = ageOn(result.value.birthDate, ref);
        if (separator === "+") expect(age).toBeGreaterThanOrEqual(100);
        else expect(age).toBeLessThan(100);
      }),
      { numRuns: 1000 },
    );
  });
});
