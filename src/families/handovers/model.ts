/**
 * The intake handover (överlämning från mottagningen till utredning, issue 18 item 4, decision
 * 0066): its input schemas, shared by the pages and the API, and its pure rules (the waits from
 * the handover to each member's first contact). Messages are catalog keys.
 */
import { z } from "zod";
import { dateInput } from "../../platform/date-input.ts";
import { daysBetween, type IsoDate } from "../../platform/dates.ts";

/** The competences and functions of a handover's team. */
export const handoverRoles = [
  "child_investigator",
  "adult_caseworker",
  "family_therapist",
  "addiction_therapist",
  "domestic_violence_specialist",
  "other",
] as const;
export type HandoverRole = (typeof handoverRoles)[number];

export const REASON_MAX = 2000;
export const TEAM_MAX = 12;

export const memberInput = z.object({
  id: z.uuid("handovers.member.unknown").optional().describe("Rollens id vid ändring av teamet; utelämnat för en ny roll"),
  role: z
    .enum(handoverRoles, "handovers.member.roleRequired")
    .describe(
      "child_investigator: barnutredare; adult_caseworker: vuxenhandläggare; family_therapist: familjebehandlare; addiction_therapist: behandlare inom beroendevården; domestic_violence_specialist: specialist på våld i nära relationer; other: annan",
    ),
  userId: z.uuid("handovers.member.unknownUser").nullable().describe("Den namngivna medarbetaren; null: ska tillsättas"),
});

const members = z
  .array(memberInput, "handovers.team.none")
  .min(1, "handovers.team.none")
  .max(TEAM_MAX, "handovers.team.tooMany")
  .describe("Teamet: en rad per roll, med en namngiven medarbetare eller null (ska tillsättas)");

export const handoverInput = z.object({
  handoverDate: dateInput("handovers.date.invalid"),
  fromUnitId: z.uuid("handovers.fromUnit.required").describe("Den överlämnande enheten; alltid av typen mottagning"),
  toUnitId: z.uuid("handovers.toUnit.required").describe("Den mottagande enheten (utredning); inte samma som den överlämnande"),
  reason: z
    .string("handovers.reason.required")
    .trim()
    .min(1, "handovers.reason.required")
    .max(REASON_MAX, "handovers.reason.tooLong")
    .describe("Skälet till överlämningen, i ord"),
  handedOverBy: z.uuid("handovers.handedOverBy.required").describe("Vem som lämnade över (en medarbetare på mottagningen)"),
  members,
});
export type HandoverInput = z.output<typeof handoverInput>;

export const teamInput = z.object({
  version: z.number("handovers.version").int("handovers.version").describe("Versionen som lästes; 409 om någon annan har sparat sedan"),
  members,
});
export type TeamInput = z.output<typeof teamInput>;

export const firstContactInput = z.object({
  version: z.number("handovers.version").int("handovers.version").describe("Versionen som lästes; 409 om någon annan har sparat sedan"),
  memberId: z.uuid("handovers.member.unknown").describe("Rollens id i teamet"),
  firstContactOn: dateInput("handovers.contact.invalid").describe(
    "Datum för medarbetarens första kontakt med familjen (inte före överlämningen, inte i framtiden)",
  ),
});
export type FirstContactInput = z.output<typeof firstContactInput>;

export interface MemberWait {
  days: number;
  /** No first contact yet: the days are counted to today. */
  ongoing: boolean;
  overLimit: boolean;
}

/** The wait from the handover to a member's first contact (to today while there is none), flagged above the limit. */
export function memberWait(handoverDate: IsoDate, firstContactOn: IsoDate | null, today: IsoDate, limitDays: number): MemberWait {
  const days = Math.max(0, daysBetween(handoverDate, firstContactOn ?? today) ?? 0);
  return { days, ongoing: firstContactOn === null, overLimit: days > limitDays };
}

/**
 * A team as posted by the form: the rows where neither a role nor a person was chosen are left
 * out (the form always offers two empty rows), and `original` maps a kept row back to its place on
 * the form for the field errors.
 */
export function keptRows(rows: ReadonlyArray<{ role?: string; userId?: string }>): number[] {
  const kept: number[] = [];
  rows.forEach((r, i) => {
    if ((r.role ?? "") !== "" || (r.userId ?? "") !== "") kept.push(i);
  });
  return kept;
}
