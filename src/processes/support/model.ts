/**
 * Further support (fortsatt stöd): applications and granted interventions per family member. The
 * input schema and the order of the dates. No I/O; messages are catalog keys.
 */
import { z } from "zod";
import { dateInput } from "../../platform/date-input.ts";
import { compareDates, type IsoDate, parseIsoDate } from "../../platform/dates.ts";
import type { FieldErrors } from "../../platform/errors.ts";

export const supportKinds = [
  "outpatient_addiction",
  "relatives_support",
  "family_therapy",
  "parenting_support",
  "child_group",
  "placement",
  "other",
] as const;
export type SupportKind = (typeof supportKinds)[number];

export const KIND_TEXT_MAX = 200;
export const SUPPORT_NOTE_MAX = 1000;

const optionalDate = dateInput("support.date.invalid").nullable().default(null);

export const supportInput = z.object({
  personId: z.uuid("support.person.required").describe("Familjemedlemmen som stödet gäller"),
  kind: z.enum(supportKinds, "support.kind.required").describe("Slag av stöd; other kräver kindText"),
  kindText: z.string().trim().max(KIND_TEXT_MAX, "support.kindText.tooLong").default("").describe("Vilket stöd, när kind är other"),
  appliedOn: optionalDate.describe("Datum för ansökan, ÅÅÅÅ-MM-DD, eller null"),
  grantedOn: optionalDate.describe("Datum då insatsen beviljades, ÅÅÅÅ-MM-DD, eller null"),
  endedOn: optionalDate.describe("Datum då insatsen avslutades, ÅÅÅÅ-MM-DD, eller null"),
  note: z.string().trim().max(SUPPORT_NOTE_MAX, "support.note.tooLong").default(""),
});
export type SupportInput = Omit<z.input<typeof supportInput>, "kind"> & { kind: string };

export const supportUpdateInput = supportInput.extend({
  version: z.number("support.version").int("support.version").describe("Radens version som lästes (optimistisk låsning)"),
});
export type SupportUpdateInput = SupportInput & { version: number };

export interface SupportDates {
  appliedOn: IsoDate | null;
  grantedOn: IsoDate | null;
  endedOn: IsoDate | null;
}

const blank = (d: string | null) => (d === null || d.trim() === "" ? null : d.trim());

/** Empty texts from a form mean no date. */
export const normaliseDates = (d: SupportDates): SupportDates => ({
  appliedOn: blank(d.appliedOn),
  grantedOn: blank(d.grantedOn),
  endedOn: blank(d.endedOn),
});

/**
 * The dates of further support: each a real date and none in the future; an application or a
 * grant (or both); granted not before applied; an end only after a grant, and not before it.
 */
export function supportDateErrors(dates: SupportDates, today: IsoDate): FieldErrors {
  const errors: FieldErrors = {};
  const now = parseIsoDate(today);
  const parsed = {} as Record<keyof SupportDates, ReturnType<typeof parseIsoDate>>;
  for (const field of ["appliedOn", "grantedOn", "endedOn"] as const) {
    const text = dates[field];
    parsed[field] = null;
    if (text === null) continue;
    const d = parseIsoDate(text);
    if (!d) errors[field] = "support.date.invalid";
    else if (now && compareDates(d, now) > 0) errors[field] = "support.date.future";
    else parsed[field] = d;
  }
  if (dates.appliedOn === null && dates.grantedOn === null) errors.appliedOn = "support.date.appliedOrGranted";
  if (parsed.appliedOn && parsed.grantedOn && compareDates(parsed.grantedOn, parsed.appliedOn) < 0) {
    errors.grantedOn = "support.date.grantedBeforeApplied";
  }
  if (dates.endedOn !== null && !errors.endedOn) {
    if (dates.grantedOn === null) errors.endedOn = "support.date.endedWithoutGrant";
    else if (parsed.endedOn && parsed.grantedOn && compareDates(parsed.endedOn, parsed.grantedOn) < 0) {
      errors.endedOn = "support.date.endedBeforeGranted";
    }
  }
  return errors;
}

export type SupportState = "applied" | "granted" | "ended";

export function supportState(d: SupportDates): SupportState {
  if (d.endedOn) return "ended";
  return d.grantedOn ? "granted" : "applied";
}
