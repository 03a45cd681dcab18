/**
 * The rules of an audit round (aktgranskning) that need no database: the round's form, the codes
 * its focus families get ("Familj 1", "Familj 2" …), and what a change adds and removes.
 */
import { z } from "zod";

export const roundStatuses = ["open", "closed"] as const;
export type RoundStatus = (typeof roundStatuses)[number];

/** The roles a reviewer (a member of the reference group) may have. */
export const reviewerRoles = ["caseworker", "unit_manager", "process_leader"] as const;

export const NAME_MAX = 120;

const name = z.string().trim().min(1, "audits.rounds.error.nameRequired").max(NAME_MAX, "audits.rounds.error.nameTooLong");
const reviewerIds = z
  .array(z.uuid("audits.rounds.error.reviewerUnknown"))
  .min(1, "audits.rounds.error.reviewersRequired")
  .describe("Granskarnas användar-id (aktiva handläggare, enhetschefer och processledare i kommunen)");
const processIds = z
  .array(z.uuid("audits.rounds.error.familyUnknown"))
  .min(1, "audits.rounds.error.familiesRequired")
  .describe("Fokusfamiljernas process-id; nya familjer får nästa nummer (Familj 1, 2, 3 …)");
/** A missing or unreadable version is a stale form (the page shows it as such). */
const version = z
  .number("error.stale")
  .int("error.stale")
  .min(1, "error.stale")
  .describe("Granskningens version som senast lästes (optimistisk låsning)");

/**
 * A new round, from the form or the API (the one schema both use; the service validates it): a
 * name, a review key (its latest published version is used), reviewers, focus families.
 */
export const roundCreateInput = z.object({
  name,
  reviewKey: z.string().trim().min(1, "audits.rounds.error.reviewKeyRequired").describe("Granskningsnyckelns nyckel, t.ex. skarpnack"),
  reviewerIds,
  processIds,
});
export type RoundCreateInput = z.input<typeof roundCreateInput>;

/** A change of an open round: the key stays (the answers are read against its questions). */
export const roundUpdateInput = z.object({ name, reviewerIds, processIds, version });
export type RoundUpdateInput = z.input<typeof roundUpdateInput>;

/** Closing a round: the version the page or the client read. */
export const roundCloseInput = z.object({ version });
export type RoundCloseInput = z.input<typeof roundCloseInput>;

/** The values of a list without repeats, in their first order. */
export const distinct = (values: readonly string[]): string[] => [...new Set(values)];

/** What going from `before` to `after` adds and removes, each in order. */
export function difference(before: readonly string[], after: readonly string[]): { added: string[]; removed: string[] } {
  const was = new Set(before);
  const will = new Set(after);
  return { added: distinct(after).filter((v) => !was.has(v)), removed: distinct(before).filter((v) => !will.has(v)) };
}

/** The codes for `count` new focus families: after the highest code the round has. */
export function nextCodes(existing: readonly number[], count: number): number[] {
  const top = existing.reduce((m, c) => Math.max(m, c), 0);
  return Array.from({ length: count }, (_, i) => top + 1 + i);
}
