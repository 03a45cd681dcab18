/**
 * Pure rules of the reviewer's flags (decision 0058): the kinds, the settings with their defaults,
 * and each flag's explanation in words. No I/O.
 */
import { z } from "zod";
import type { Translate } from "../../platform/i18n.ts";
import { addDays, defaultPeriod, filterDate } from "../model.ts";

export const flagKinds = ["outside_need", "many_families", "outside_hours", "identity_reveal", "break_glass"] as const;
export type FlagKind = (typeof flagKinds)[number];

/** The audit actions flagged by name: an identity number revealed, a family opened by break-glass (part G of issue 17). */
export const REVEAL_ACTION = "person.reveal_identity_number";
export const BREAK_GLASS_ACTION = "family.break_glass";

export interface FlagSettings {
  from: string;
  to: string;
  /** Many families: at least `families` different families within `minutes`. */
  families: number;
  minutes: number;
  /** Working hours on weekdays, Swedish time: from `dayStart` to `dayEnd` (hours). */
  dayStart: number;
  dayEnd: number;
}

export const DEFAULT_FLAG_SETTINGS = { families: 30, minutes: 10, dayStart: 7, dayEnd: 19 } as const;

const whole = (min: number, max: number, message: string) =>
  z
    .string({ error: message })
    .trim()
    .optional()
    .transform((v) => (v === "" ? undefined : v))
    .refine((v) => v === undefined || (/^\d{1,4}$/.test(v) && Number(v) >= min && Number(v) <= max), message);

const settingsSchema = z.object({
  from: z.string().optional(),
  to: z.string().optional(),
  families: whole(2, 1000, "auditlog.flags.familiesInvalid"),
  minutes: whole(1, 1440, "auditlog.flags.minutesInvalid"),
  dayStart: whole(0, 23, "auditlog.flags.dayStartInvalid"),
  dayEnd: whole(1, 24, "auditlog.flags.dayEndInvalid"),
});

/** The settings from a query string: defaults for what is absent, field errors for what is wrong. */
export function parseFlagSettings(
  query: unknown,
  now: Date,
): { ok: true; settings: FlagSettings } | { ok: false; errors: Record<string, string> } {
  const input = (query && typeof query === "object" ? query : {}) as Record<string, unknown>;
  const parsed = settingsSchema.safeParse(input);
  const errors: Record<string, string> = {};
  if (!parsed.success) for (const i of parsed.error.issues) errors[String(i.path[0])] ??= i.message;
  const from = input.from ? filterDate(input.from) : undefined;
  const to = input.to ? filterDate(input.to) : undefined;
  if (input.from && !from) errors.from = "auditlog.filter.fromInvalid";
  if (input.to && !to) errors.to = "auditlog.filter.toInvalid";
  const period = defaultPeriod(now);
  const settings: FlagSettings = {
    to: to ?? period.to,
    from: from ?? (to ? addDays(to, -29) : period.from),
    families: Number(parsed.data?.families ?? DEFAULT_FLAG_SETTINGS.families),
    minutes: Number(parsed.data?.minutes ?? DEFAULT_FLAG_SETTINGS.minutes),
    dayStart: Number(parsed.data?.dayStart ?? DEFAULT_FLAG_SETTINGS.dayStart),
    dayEnd: Number(parsed.data?.dayEnd ?? DEFAULT_FLAG_SETTINGS.dayEnd),
  };
  if (!errors.from && !errors.to && settings.from > settings.to) errors.to = "auditlog.filter.toBeforeFrom";
  if (!errors.dayStart && !errors.dayEnd && settings.dayStart >= settings.dayEnd) errors.dayEnd = "auditlog.flags.dayEndBeforeStart";
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, settings };
}

export const flagSettingsParams = (s: FlagSettings): Record<string, string> => ({
  from: s.from,
  to: s.to,
  families: String(s.families),
  minutes: String(s.minutes),
  dayStart: String(s.dayStart),
  dayEnd: String(s.dayEnd),
});

/** Why a row is flagged, in words. */
export function flagReason(t: Translate, kind: FlagKind, n: number, s: FlagSettings): string {
  switch (kind) {
    case "outside_need":
      return t("auditlog.flags.reason.outside_need", { n });
    case "many_families":
      return t("auditlog.flags.reason.many_families", { n, minutes: s.minutes });
    case "outside_hours":
      return t("auditlog.flags.reason.outside_hours", { start: s.dayStart, end: s.dayEnd });
    case "identity_reveal":
      return t("auditlog.flags.reason.identity_reveal");
    case "break_glass":
      return t("auditlog.flags.reason.break_glass");
  }
}

export const reviewInput = z.object({
  logId: z.coerce.number({ error: "auditlog.flags.flagUnknown" }).int("auditlog.flags.flagUnknown").positive("auditlog.flags.flagUnknown"),
  kind: z.enum(flagKinds, { error: "auditlog.flags.flagUnknown" }),
  note: z
    .string({ error: "auditlog.flags.noteMissing" })
    .trim()
    .min(1, "auditlog.flags.noteMissing")
    .max(2000, "auditlog.flags.noteTooLong"),
});
export type ReviewInput = z.output<typeof reviewInput>;
