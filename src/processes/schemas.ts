/** Input schemas of the process itself: assignment, interruption and resumption. Messages are catalog keys. */
import { z } from "zod";
import { dateInput } from "../platform/date-input.ts";
import { assignmentRoles, interruptReasons } from "./model.ts";

export const REASON_TEXT_MAX = 1000;

const date = dateInput;

export const assignInput = z.object({
  version: z.number().int().describe("Processens version som formuläret läste"),
  role: z.enum(assignmentRoles, "processes.assign.roleRequired").describe("child_caseworker, adult_caseworker eller process_leader"),
  userId: z.uuid("processes.assign.userRequired").describe("Användaren som tilldelas"),
  assignedOn: date("processes.date.invalid").describe("Datum för tilldelningen, ÅÅÅÅ-MM-DD"),
});
export type AssignInput = z.input<typeof assignInput>;

/** A person for a role, or null: no change (a role cannot be left empty once assigned). */
const person = (key: string) => z.uuid(key).nullable().default(null);

/**
 * The whole team in one step (the page and the API): the child caseworker, the adult caseworker
 * and the process leader, each a user or null for no change, from one date. One transaction.
 */
export const teamInput = z.object({
  version: z.number().int().describe("Processens version som formuläret läste"),
  childCaseworker: person("processes.assign.userRequired").describe("Barnhandläggare (från en barnenhet); null: ingen ändring"),
  adultCaseworker: person("processes.assign.userRequired").describe("Vuxenhandläggare (från en beroendeenhet); null: ingen ändring"),
  processLeader: person("processes.assign.userRequired").describe("Processledare; null: ingen ändring. Bara processledare tilldelar den"),
  assignedOn: date("processes.date.invalid").describe("Datum för tilldelningarna, ÅÅÅÅ-MM-DD"),
});
export type TeamInput = z.input<typeof teamInput>;

/** The form field (and API field) of each role in the team input. */
export const teamField = {
  child_caseworker: "childCaseworker",
  adult_caseworker: "adultCaseworker",
  process_leader: "processLeader",
} as const satisfies Record<(typeof assignmentRoles)[number], keyof TeamInput>;

export const HANDOVER_MAX = 500;

/**
 * A handover: every ongoing family of one person (who leaves or is on leave) to colleagues. Per
 * family the colleague (`toUserId`), or for all families of a role (`all`); a family with neither
 * stays. Each family carries the process version the preview showed: one changed meanwhile and
 * nothing changes.
 */
export const handoverInput = z.object({
  fromUserId: z.uuid("processes.handover.fromRequired").describe("Den som lämnar över"),
  assignedOn: date("processes.date.invalid").describe("Datum för de nya tilldelningarna, ÅÅÅÅ-MM-DD"),
  all: z
    .object({
      child_caseworker: person("processes.assign.userRequired"),
      adult_caseworker: person("processes.assign.userRequired"),
      process_leader: person("processes.assign.userRequired"),
    })
    .default({ child_caseworker: null, adult_caseworker: null, process_leader: null })
    .describe("Samma kollega för alla familjer i en roll; toUserId per familj går före"),
  families: z
    .array(
      z.object({
        processId: z.uuid(),
        role: z.enum(assignmentRoles, "processes.assign.roleRequired"),
        version: z.number().int().describe("Processens version i förhandsgranskningen"),
        toUserId: person("processes.assign.userRequired").describe("Kollegan som tar över; null: enligt all, annars ingen ändring"),
      }),
    )
    .min(1, "processes.handover.nothing")
    .max(HANDOVER_MAX, "processes.handover.tooMany"),
});
export type HandoverInput = z.input<typeof handoverInput>;

export const interruptInput = z.object({
  version: z.number().int(),
  interruptedOn: date("processes.date.invalid").describe("Datum för avbrottet, ÅÅÅÅ-MM-DD"),
  reason: z.enum(interruptReasons, "processes.interrupt.reasonRequired").describe("Skälet till avbrottet"),
  reasonText: z.string().trim().max(REASON_TEXT_MAX, "processes.interrupt.textTooLong").default("").describe("Fritext; krävs för other"),
});
export type InterruptInput = z.input<typeof interruptInput>;

export const resumeInput = z.object({
  version: z.number().int(),
  resumedOn: date("processes.date.invalid").describe("Datum då processen återupptas, ÅÅÅÅ-MM-DD"),
});
export type ResumeInput = z.input<typeof resumeInput>;
