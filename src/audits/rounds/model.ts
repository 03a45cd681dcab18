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

/** Checkboxes arrive as a string, an array, or nothing; every value must be an id. */
const ids = (required: string) =>
  z.preprocess(
    (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.string().trim().pipe(z.uuid(required))).min(1, required),
  );

const name = z.string().trim().min(1, "audits.rounds.error.nameRequired").max(NAME_MAX, "audits.rounds.error.nameTooLong");

/** A new round from the form or the API: a name, a review key (its latest published version is used), reviewers, focus families. */
export const roundCreateForm = z.object({
  name,
  reviewKey: z.string().trim().min(1, "audits.rounds.error.reviewKeyRequired"),
  reviewerIds: ids("audits.rounds.error.reviewersRequired"),
  processIds: ids("audits.rounds.error.familiesRequired"),
});
export type RoundCreateInput = z.output<typeof roundCreateForm>;

/** A change of an open round: the key stays (the answers are read against its questions). */
export const roundUpdateForm = z.object({
  name,
  reviewerIds: ids("audits.rounds.error.reviewersRequired"),
  processIds: ids("audits.rounds.error.familiesRequired"),
  version: z.coerce.number().int("error.stale").min(1, "error.stale"),
});
export type RoundUpdateInput = z.output<typeof roundUpdateForm>;

export const versionForm = z.object({ version: z.coerce.number().int("error.stale").min(1, "error.stale") });

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
