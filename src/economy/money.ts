/**
 * Money in whole kronor: parsing what people and finance systems write ("1 143 083", "1143083",
 * "1 143 083 kr", "1 143 083,00"), formatting it the Swedish way, and arithmetic that refuses to
 * leave the safe integers. No floating point: an amount is a JS integer, checked at every step.
 */

/** The largest amount accepted anywhere: 100 000 000 000 kr. */
export const MAX_KRONOR = 100_000_000_000;

export type MoneyParse = { ok: true; value: number } | { ok: false; messageKey: MoneyError };
export type MoneyError =
  | "economy.money.required"
  | "economy.money.invalid"
  | "economy.money.ore"
  | "economy.money.negative"
  | "economy.money.tooLarge";

const spaces = /[\s\u00a0\u202f\u2009]/g;

/**
 * Reads an amount in kronor. Groups of thousands may be separated by spaces (also no-break and
 * narrow spaces); a trailing "kr", "kr." or ":-" and decimals ",00" are allowed; any other decimals
 * are refused (Sofia keeps whole kronor). A minus (- or −) only with `allowNegative` (credit rows of an export).
 */
export function parseKronor(input: string, options: { allowNegative?: boolean } = {}): MoneyParse {
  let s = input.trim();
  if (s === "") return { ok: false, messageKey: "economy.money.required" };
  s = s.replace(/\s*(kr\.?|kronor|sek|:-)$/i, "").trim();
  let negative = false;
  if (/^[-\u2212]/.test(s)) {
    negative = true;
    s = s.slice(1).trim();
  }
  // Decimals: a comma (Swedish) or a point followed by one or two digits at the end.
  const decimals = /^(.*?)[,.](\d{1,2})$/.exec(s);
  if (decimals) {
    const [, whole = "", fraction = ""] = decimals;
    if (/[,.]/.test(whole)) return { ok: false, messageKey: "economy.money.invalid" };
    if (!/^0+$/.test(fraction)) return { ok: false, messageKey: "economy.money.ore" };
    s = whole;
  }
  if (!/^\d{1,3}([\s\u00a0\u202f\u2009]\d{3})*$/.test(s) && !/^\d+$/.test(s)) return { ok: false, messageKey: "economy.money.invalid" };
  const digits = s.replace(spaces, "");
  if (digits.length > 12) return { ok: false, messageKey: "economy.money.tooLarge" };
  const value = Number(digits);
  if (value > MAX_KRONOR) return { ok: false, messageKey: "economy.money.tooLarge" };
  if (negative && value !== 0) {
    if (!options.allowNegative) return { ok: false, messageKey: "economy.money.negative" };
    return { ok: true, value: -value };
  }
  return { ok: true, value };
}

/** A number read from a spreadsheet cell: whole kronor only. */
export function kronorFromNumber(n: number, options: { allowNegative?: boolean } = {}): MoneyParse {
  if (!Number.isFinite(n)) return { ok: false, messageKey: "economy.money.invalid" };
  if (!Number.isInteger(n)) return { ok: false, messageKey: "economy.money.ore" };
  if (Math.abs(n) > MAX_KRONOR) return { ok: false, messageKey: "economy.money.tooLarge" };
  if (n < 0 && !options.allowNegative) return { ok: false, messageKey: "economy.money.negative" };
  return { ok: true, value: n === 0 ? 0 : n };
}

const svNumber = new Intl.NumberFormat("sv-SE", { maximumFractionDigits: 0 });

/** "1 143 083 kr" (with no-break spaces, so that an amount never breaks across lines). */
export function formatKronor(amount: number): string {
  return `${svNumber.format(amount)}\u00a0kr`;
}

/** The amount without the unit, for a form field: "1 143 083". */
export function formatAmount(amount: number): string {
  return svNumber.format(amount);
}

function checked(n: number): number {
  if (!Number.isSafeInteger(n)) throw new RangeError("Belopp utanför det säkra heltalsområdet");
  return n;
}

export const add = (a: number, b: number): number => checked(checked(a) + checked(b));
export const subtract = (a: number, b: number): number => checked(checked(a) - checked(b));
export const multiply = (a: number, b: number): number => checked(checked(a) * checked(b));
export const sum = (amounts: Iterable<number>): number => {
  let total = 0;
  for (const a of amounts) total = add(total, a);
  return total;
};
