/**
 * Break-glass (nödåtkomst, decision 0062): the input and the rules, no I/O. A user without
 * need-to-know for a family opens its process in an emergency by its guardian's or child's exact
 * identity number and a reason; the grant lasts the municipality's number of minutes.
 */
import { z } from "zod";

export const REASON_MIN = 5;
export const REASON_MAX = 500;
/** The length of a grant when the municipality has set none. */
export const DEFAULT_BREAK_GLASS_MINUTES = 60;

/** The form's and the service's one input: the exact identity number and why the family must be opened now. */
export const breakGlassInput = z.object({
  identityNumber: z
    .string("processes.breakGlass.identityRequired")
    .trim()
    .min(1, "processes.breakGlass.identityRequired")
    .max(20, "families.identity.wrongFormat"),
  reason: z
    .string("processes.breakGlass.reasonRequired")
    .trim()
    .min(1, "processes.breakGlass.reasonRequired")
    .min(REASON_MIN, "processes.breakGlass.reasonShort")
    .max(REASON_MAX, "processes.breakGlass.reasonLong"),
});
export type BreakGlassInput = z.input<typeof breakGlassInput>;

/** When a grant made at `now` ends. */
export const grantEnds = (now: Date, minutes: number): Date => new Date(now.getTime() + minutes * 60_000);

/** The outbox kind of the notice to the family's process leader and unit managers. */
export const BREAK_GLASS_NOTICE = "processes.break_glass_notice";
