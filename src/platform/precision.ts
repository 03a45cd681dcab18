/**
 * How a computed figure is rounded and written for people (decision 0045): shares in whole percent
 * or with one decimal, means with two decimals by default, both rounded half up (17 of 40 is 42,5 %,
 * shown "43 %"). The municipality chooses (municipalities.share_decimals, mean_decimals); the
 * follow-up page, the interim report, the exports and the API's display fields all write a figure
 * through here, so it reads the same everywhere. The API keeps the exact value beside the display.
 */
import type { Locale } from "./i18n.ts";

export interface Precision {
  /** Decimals of a share in percent: 0 (whole percent) or 1. */
  shareDecimals: 0 | 1;
  /** Decimals of a mean, median or other statistic: 0, 1 or 2. */
  meanDecimals: 0 | 1 | 2;
}

export const defaultPrecision: Precision = { shareDecimals: 0, meanDecimals: 2 };

/**
 * Rounds half up (away from zero for a negative number) to `decimals` places. Works on the decimal
 * the number is written as, so 42.5 → 43 and 1.005 → 1.01, where Math.round(x * 100) / 100 gives 1.
 */
export function roundHalfUp(value: number, decimals: number): number {
  if (!Number.isFinite(value)) return value;
  const sign = value < 0 ? -1 : 1;
  const [digits, exponent = "0"] = Math.abs(value).toExponential(15).split("e");
  const shifted = Number(`${digits}e${Number(exponent) + decimals}`);
  // toExponential(15) can leave …4999999 for a value written …5: a tolerance of a few ulps keeps it half up.
  const rounded = Math.floor(shifted + 0.5 + 1e-9);
  return sign * Number(`${rounded}e${-decimals}`);
}

/** A share (numerator of denominator) in percent, rounded as the municipality shows it; null without a denominator. */
export function shareOf(numerator: number, denominator: number, p: Precision = defaultPrecision): number | null {
  if (denominator <= 0) return null;
  return roundHalfUp((numerator / denominator) * 100, p.shareDecimals);
}

const formats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: Locale, decimals: number, sign = false): Intl.NumberFormat {
  const key = `${locale}|${decimals}|${sign}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale === "sv" ? "sv-SE" : "en-GB", {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
      signDisplay: sign ? "exceptZero" : "auto",
    });
    formats.set(key, f);
  }
  return f;
}

/** A percentage (already in percent, e.g. 42.5) as shown: "43 %" in Swedish, "43%" in English. */
export function formatShare(percent: number, p: Precision = defaultPrecision, locale: Locale = "sv"): string {
  const n = numberFormat(locale, p.shareDecimals).format(roundHalfUp(percent, p.shareDecimals));
  return locale === "sv" ? `${n}\u00a0%` : `${n}%`;
}

/** A mean or other statistic as shown: "3,25" in Swedish. */
export function formatMean(value: number, p: Precision = defaultPrecision, locale: Locale = "sv"): string {
  return numberFormat(locale, p.meanDecimals).format(roundHalfUp(value, p.meanDecimals));
}

const dayFormats = {
  sv: new Intl.NumberFormat("sv-SE", { minimumFractionDigits: 0, maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat("en-GB", { minimumFractionDigits: 0, maximumFractionDigits: 1 }),
};

/**
 * A wait in days (a median, a mean, …) as shown: one decimal at most, rounded half up, and a whole
 * number without decimals ("14,5", "14"). Days are not a survey scale: the mean decimals do not apply.
 */
export function formatDays(value: number, locale: Locale = "sv"): string {
  return dayFormats[locale].format(roundHalfUp(value, 1));
}

/** A difference between two shares in percentage points, with its sign: "+4" / "−2,5". */
export function formatShareChange(points: number, p: Precision = defaultPrecision, locale: Locale = "sv"): string {
  return numberFormat(locale, p.shareDecimals, true).format(roundHalfUp(points, p.shareDecimals));
}

/** A difference between two means, with its sign: "+0,25". */
export function formatMeanChange(value: number, p: Precision = defaultPrecision, locale: Locale = "sv"): string {
  return numberFormat(locale, p.meanDecimals, true).format(roundHalfUp(value, p.meanDecimals));
}

/** The settings as stored (integers) read into a Precision, falling back to the default for anything else. */
export function precisionOf(stored: { shareDecimals?: number | null; meanDecimals?: number | null } | null | undefined): Precision {
  const share = stored?.shareDecimals;
  const mean = stored?.meanDecimals;
  return {
    shareDecimals: share === 0 || share === 1 ? share : defaultPrecision.shareDecimals,
    meanDecimals: mean === 0 || mean === 1 || mean === 2 ? mean : defaultPrecision.meanDecimals,
  };
}
