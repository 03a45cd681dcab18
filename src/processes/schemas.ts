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
