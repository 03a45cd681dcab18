/**
 * Retention (gallring, decision 0062): the kinds of record a municipality sets a rule for, each
 * with its unit and its legal minimum, and the rules' input. Pure, no I/O.
 */
import { z } from "zod";
import type { IsoDate } from "../platform/dates.ts";

export const retentionKinds = [
  "families",
  "survey_answers",
  "audit_log",
  "security_log",
  "sessions",
  "exports",
  "report_versions",
] as const;
export type RetentionKind = (typeof retentionKinds)[number];

export type RetentionUnit = "years" | "days";
export const retentionUnit: Record<RetentionKind, RetentionUnit> = {
  families: "years",
  survey_answers: "years",
  audit_log: "years",
  security_log: "years",
  sessions: "days",
  exports: "years",
  report_versions: "years",
};

/**
 * The shortest rule the law (or the need the record serves) allows, in the kind's unit. A rule
 * under it is refused with the reason (`retention.belowMinimum.<kind>`).
 */
export const LEGAL_MINIMUM: Record<RetentionKind, number> = {
  /**
   * A family's request and process are documentation in the social services' personal files:
   * SoL (2001:453) 12 kap. 1 § lets them be culled at the earliest five years after the last entry
   * (here: the process ended, a stopped request decided, or a later outcome follow-up). 12 kap. 2 §
   * and SoF (2001:937) 7 kap. 1–2 §§ keep some files for ever (children placed, adoption, paternity;
   * and the research sample of persons born on the 5th, 15th and 25th): `keptForEver` below.
   */
  families: 5,
  /**
   * Survey answers of the annual campaigns carry no personal data, but the follow-up compares a
   * year with the year before and the interim reports cover two years: kept at least three.
   */
  survey_answers: 3,
  /**
   * The audit log answers "who opened this family?" (logguppföljning, GDPR art. 15 extracts) for
   * as long as the family's data can be asked about: at least as long as the families are kept
   * (the same five years as SoL 12 kap. 1 §). The deletion receipts themselves are never culled.
   */
  audit_log: 5,
  /**
   * Denied attempts and logins serve the security review of incidents; IMY's guidance and
   * ASVS 7.x ask for a year of history at least.
   */
  security_log: 1,
  /** A session past its expiry holds nothing anyone needs; a day lets an ongoing incident be looked at. */
  sessions: 1,
  /**
   * A research export's record (who, for what purpose, how many rows) is a disclosure of secret
   * data (OSL 12 kap. 2 §, 26 kap.); kept as long as the audit log, five years.
   */
  exports: 5,
  /**
   * An interim report is a public record of the committee (arkivlagen 1990:782, the municipality's
   * document management plan): Sofia keeps its generated versions at least ten years. A version's
   * figures carry no personal data and are never recomputed.
   */
  report_versions: 10,
};

/**
 * Families kept whatever the rule: any member born on the 5th, 15th or 25th of a month (the
 * research sample, SoF 7 kap. 1 §), and any family with a child placed outside the home
 * (`PLACED_CHILD_RULE`).
 */
export const RESEARCH_SAMPLE_DAYS = [5, 15, 25] as const;

/**
 * Since issue 18 Sofia records placements (placed_children, placements, the placement forum).
 * Records about a child placed in a foster home, an emergency foster home or residential care are
 * not culled (socialtjänstlagen (2001:453) 12 kap. 2 §; the placed child's need to know their own
 * history later in life): a family with a placed child is kept whatever the families rule says,
 * and the preview counts them (decision 0064).
 */
export const PLACED_CHILD_RULE = "SoL 12 kap. 2 §";

/** Break-glass minutes the municipality may choose (the column's check). */
export const BREAK_GLASS_MIN = 5;
export const BREAK_GLASS_MAX = 480;

const amount = (kind: RetentionKind) =>
  z
    .number(`retention.amountInvalid`)
    .int("retention.amountInvalid")
    .min(0, "retention.amountInvalid")
    .max(100 * (retentionUnit[kind] === "days" ? 365 : 1), "retention.amountInvalid")
    .nullable()
    .default(null);

/**
 * The rules form and the API's body: each kind's rule (empty: keep, no culling), whether the job
 * runs the rules by itself, and the length of a break-glass opening.
 */
export const rulesInput = z.object({
  rules: z.object(Object.fromEntries(retentionKinds.map((k) => [k, amount(k)])) as Record<RetentionKind, ReturnType<typeof amount>>),
  jobEnabled: z.boolean().default(false),
  breakGlassMinutes: z
    .number("retention.breakGlassInvalid")
    .int("retention.breakGlassInvalid")
    .min(BREAK_GLASS_MIN, "retention.breakGlassInvalid")
    .max(BREAK_GLASS_MAX, "retention.breakGlassInvalid")
    .default(60),
});
export type RulesInput = z.input<typeof rulesInput>;
export type Rules = Partial<Record<RetentionKind, number>>;

/** The field errors of rules under their legal minimum. */
export function belowMinimum(rules: Rules): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const kind of retentionKinds) {
    const value = rules[kind];
    if (value !== undefined && value < LEGAL_MINIMUM[kind]) errors[`rules.${kind}`] = `retention.belowMinimum.${kind}`;
  }
  return errors;
}

/** The first day that is kept under a rule of `years` on `today`: anything that ended before it goes. */
export function cutoffDate(today: IsoDate, years: number): IsoDate {
  const [y, m, d] = today.split("-").map(Number) as [number, number, number];
  const year = y - years;
  // 29 February of a leap year becomes 28 February.
  const day = m === 2 && d === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 28 : d;
  return `${year}-${String(m).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The instant before which a kind's rows go: years back on the calendar, or days back. */
export function cutoffInstant(now: Date, kind: RetentionKind, amountOf: number): Date {
  if (retentionUnit[kind] === "days") return new Date(now.getTime() - amountOf * 86_400_000);
  const d = new Date(now);
  d.setUTCFullYear(d.getUTCFullYear() - amountOf);
  return d;
}

export type Counts = Partial<Record<RetentionKind, number>>;
