/**
 * The pure rules of the annual survey campaigns: the form's input, the status of a period, when
 * the links stop working, who gets the staff survey, the response rate. No I/O.
 */
import { z } from "zod";
import type { Role } from "../../platform/auth-types.ts";
import { dateInput } from "../../platform/date-input.ts";
import { addDays, type IsoDate, isBefore, parseIsoDate } from "../../platform/dates.ts";

export const NAME_MAX = 120;
export const PRINT_MAX = 500;
export const UNITS_MAX = 200;
/** The first year a campaign can be about. */
export const YEAR_MIN = 1990;

/**
 * Who gets the annual staff survey: the staff who do the joint work it asks about (joint
 * consultation, investigation plan, assessment, child impact analysis, assignment), that is the
 * caseworkers and the unit managers of the chosen units. Administrators, analysts and process
 * leaders (who run the campaign) are not asked.
 */
export const STAFF_RECIPIENT_ROLES: readonly Role[] = ["caseworker", "unit_manager"];

export const campaignAudiences = ["staff", "parent_annual"] as const;
export type CampaignAudience = (typeof campaignAudiences)[number];
export const isCampaignAudience = (a: string): a is CampaignAudience => (campaignAudiences as readonly string[]).includes(a);

export type CampaignStatus = "planned" | "open" | "closed";

/** Planned before the opening day, open through the closing day, closed after it or once closed by hand. */
export function campaignStatus(c: { opensOn: IsoDate; closesOn: IsoDate; closedAt: Date | null }, today: IsoDate): CampaignStatus {
  if (c.closedAt || isBefore(c.closesOn, today)) return "closed";
  if (isBefore(today, c.opensOn)) return "planned";
  return "open";
}

/** The Stockholm offset from UTC in hours (1 in winter, 2 in summer) at an instant. */
function stockholmHourAt(instant: Date): number {
  const hour = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Stockholm", hour: "2-digit", hourCycle: "h23" }).format(instant);
  return Number(hour);
}

/** The instant a calendar day begins in Sweden (midnight, Europe/Stockholm). */
export function startOfDayInSweden(date: IsoDate): Date {
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(utcMidnight)) throw new RangeError(`not a valid YYYY-MM-DD date: ${date}`);
  // Midnight in Stockholm is 23:00 or 22:00 UTC the day before; no clock change happens at midnight.
  for (const offset of [1, 2]) {
    const candidate = new Date(utcMidnight - offset * 3_600_000);
    if (stockholmHourAt(candidate) === 0) return candidate;
  }
  throw new Error(`no Stockholm midnight found for ${date}`);
}

/** A campaign's links work until the end of its closing day in Sweden. */
export const linksExpireAt = (closesOn: IsoDate): Date => startOfDayInSweden(addDays(closesOn, 1));

/** Answered out of invited, as a whole percentage; null when nobody was invited. */
export function responseRate(invited: number, answered: number): number | null {
  if (invited <= 0) return null;
  return Math.round((answered / invited) * 100);
}

const text = (requiredKey: string) =>
  z.string({ error: (issue) => (issue.input === undefined ? requiredKey : "campaigns.error.expectedText") }).trim();

/** A date as Swedes type it (decision 0041: 2026-12-20, 20/12 2026, 20 dec 2026), as ÅÅÅÅ-MM-DD. */
const isoDate = (requiredKey: string, invalidKey: string) => text(requiredKey).min(1, requiredKey).pipe(dateInput(invalidKey));

/** Checkboxes arrive as nothing, one string or an array; the API sends an array. */
const unitIds = z.preprocess(
  (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
  z
    .array(z.string({ error: "campaigns.error.unitsInvalid" }), { error: "campaigns.error.unitsInvalid" })
    .min(1, "campaigns.error.unitsRequired")
    .max(UNITS_MAX, "campaigns.error.unitsInvalid"),
);

/** The year a campaign is about: four digits; empty means the year it opens. */
const yearField = z.preprocess(
  (v) =>
    v === undefined || v === null || (typeof v === "string" && v.trim() === "")
      ? undefined
      : typeof v === "string" && /^\s*\d{1,6}\s*$/.test(v)
        ? Number(v)
        : v,
  z
    .number({ error: "campaigns.error.yearInvalid" })
    .int("campaigns.error.yearInvalid")
    .min(YEAR_MIN, "campaigns.error.yearInvalid")
    .max(9999, "campaigns.error.yearInvalid")
    .optional(),
);

/** The fields of a new campaign, as the form and the API send them (messages are catalog keys). */
export const campaignFields = z.object({
  name: text("campaigns.error.nameRequired").min(1, "campaigns.error.nameRequired").max(NAME_MAX, "campaigns.error.nameTooLong"),
  instrumentKey: text("campaigns.error.instrumentRequired")
    .min(1, "campaigns.error.instrumentRequired")
    .max(60, "campaigns.error.instrumentRequired"),
  opensOn: isoDate("campaigns.error.opensRequired", "campaigns.error.opensInvalid"),
  closesOn: isoDate("campaigns.error.closesRequired", "campaigns.error.closesInvalid"),
  year: yearField,
  unitIds,
});

export type CampaignInput = z.output<typeof campaignFields>;

/** The year of a date (ÅÅÅÅ-MM-DD). */
export const yearOf = (date: IsoDate): number => Number(date.slice(0, 4));

/**
 * The period's rules, given today's Swedish date: closes on or after it opens; the year (by
 * default the year it opens) is not after this year. A period in the past is allowed: such a
 * campaign is filled from paper forms and imports.
 */
export const campaignInput = (today: IsoDate) =>
  campaignFields
    .superRefine((v, ctx) => {
      if (!parseIsoDate(v.opensOn) || !parseIsoDate(v.closesOn)) return;
      if (isBefore(v.closesOn, v.opensOn)) {
        ctx.addIssue({ code: "custom", path: ["closesOn"], message: "campaigns.error.closesBeforeOpens" });
      }
      const year = v.year ?? yearOf(v.opensOn);
      if (year > yearOf(today))
        ctx.addIssue({ code: "custom", path: [v.year === undefined ? "opensOn" : "year"], message: "campaigns.error.yearFuture" });
    })
    .transform((v) => ({ ...v, year: v.year ?? yearOf(v.opensOn) }));

/**
 * A campaign about a year before this one whose period has passed is retrospective: it is filled
 * from paper forms and imports, never by e-mail.
 */
export const isRetrospective = (c: { year: number; closesOn: IsoDate }, today: IsoDate): boolean =>
  c.year < yearOf(today) && isBefore(c.closesOn, today);

/** The two years to compare: four digits each; none given means the latest two with a campaign. */
export const comparisonYear = (key: string) =>
  z.preprocess(
    (v) => (v === undefined || v === null || v === "" ? undefined : typeof v === "string" && /^\s*\d{4}\s*$/.test(v) ? Number(v) : v),
    z.number({ error: key }).int(key).min(YEAR_MIN, key).max(9999, key).optional(),
  );

/** How many printed links a parent campaign makes at a time: a whole number from 1 to 500. */
export const printCount = z.preprocess(
  (v) => (typeof v === "string" && /^\s*\d{1,6}\s*$/.test(v) ? Number(v) : v === "" ? undefined : v),
  z
    .number({ error: (issue) => (issue.input === undefined ? "campaigns.error.countRequired" : "campaigns.error.countInvalid") })
    .int("campaigns.error.countInvalid")
    .min(1, "campaigns.error.countInvalid")
    .max(PRINT_MAX, "campaigns.error.countInvalid"),
);
