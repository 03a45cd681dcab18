export const locales = ["sv", "en"] as const;
export type Locale = (typeof locales)[number];
export interface Catalog {
  sv: Record<string, string>;
  en: Record<string, string>;
}
export type Translate = (key: string, params?: Record<string, string | number>) => string;

/**
 * The merged catalog of the running app: the platform's and every module's. The composition root
 * installs it from the module list (platform/module.ts); the platform knows no module.
 */
export const messages: Catalog = { sv: {}, en: {} };

export function installCatalogs(list: readonly Catalog[]): void {
  const out: Catalog = { sv: {}, en: {} };
  for (const c of list) {
    for (const locale of locales) {
      for (const [k, v] of Object.entries(c[locale])) {
        if (k in out[locale]) throw new Error(`Message key "${k}" is defined twice`);
        out[locale][k] = v;
      }
    }
  }
  messages.sv = out.sv;
  messages.en = out.en;
}

export function isLocale(value: unknown): value is Locale {
  return value === "sv" || value === "en";
}

/**
 * Looks a key up in the locale's catalog. A missing key shows as itself, so that a gap is visible;
 * a test checks that both catalogs have the same keys.
 */
export function translator(locale: Locale): Translate {
  return (key, params) => {
    const text = messages[locale][key] ?? key;
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
  };
}

const numberFormats = { sv: new Intl.NumberFormat("sv-SE"), en: new Intl.NumberFormat("en-GB") };
const dateTimeFormats = {
  sv: new Intl.DateTimeFormat("sv-SE", { dateStyle: "short", timeStyle: "short", timeZone: "Europe/Stockholm" }),
  en: new Intl.DateTimeFormat("en-GB", { dateStyle: "short", timeStyle: "short", timeZone: "Europe/Stockholm" }),
};
const dayFormats = {
  sv: new Intl.DateTimeFormat("sv-SE", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }),
  en: new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }),
};
const collators = { sv: new Intl.Collator("sv-SE"), en: new Intl.Collator("en-GB") };

export const formatNumber = (locale: Locale, n: number) => numberFormats[locale].format(n);
export const formatDateTime = (locale: Locale, d: Date) => dateTimeFormats[locale].format(d);
/** A calendar date as a page shows it: "12 mars 2026" / "12 March 2026" from "2026-03-12". */
export const formatDay = (locale: Locale, iso: string) => dayFormats[locale].format(new Date(`${iso}T00:00:00Z`));
/** Swedish sorting (å, ä, ö last) for lists shown to the user. */
export const compareText = (locale: Locale) => collators[locale].compare;

/** A seeded or administered text in Swedish with its optional English (decision 0043). */
export interface LocalTexts {
  sv: string;
  en?: string | null | undefined;
}

/** The text in the UI's language: the English one in English mode where there is one, else the Swedish. */
export function localName(texts: LocalTexts, locale: Locale): string {
  return locale === "en" && texts.en ? texts.en : texts.sv;
}
