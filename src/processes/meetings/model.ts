/**
 * Pure rules of a process's meetings: the input schemas (messages are catalog keys), the checks
 * the schemas cannot make (dates against today and the Sofiamöte, what a meeting type requires),
 * and the iCalendar invitation (RFC 5545). No I/O.
 */
import { z } from "zod";
import { type CaseTypeInput, deriveCaseType } from "../../families/index.ts";
import { dateInput, timeInput } from "../../platform/date-input.ts";
import { addDays, compareDates, type IsoDate, parseIsoDate } from "../../platform/dates.ts";
import type { FieldErrors } from "../../platform/errors.ts";
import type { MeetingType } from "../../workmodels/index.ts";

export const TEXT_MAX = 1000;
export const PLACE_MAX = 200;
export const DURATION_MIN = 15;
export const DURATION_MAX = 480;

/** Why a meeting was cancelled or not attended; "other" needs a text. consent_refused is set by the consent form, never chosen. */
export const cancelReasons = ["family_cancelled", "family_ill", "staff_cancelled", "family_did_not_come", "rescheduled", "other"] as const;
export type CancelReason = (typeof cancelReasons)[number];
export const outcomeReasons = [...cancelReasons, "consent_refused"] as const;

export const cancelOutcomes = ["cancelled", "not_attended"] as const;
export const consentAnswers = ["given", "refused"] as const;
export const childViewsAnswers = ["yes", "partly", "no"] as const;

/** The fields of the short structured summary, in the order they are shown. */
export const summaryFields = ["discussed", "agreed", "nextSteps"] as const;
/** The text fields of the relapse and safety plan (Familjemöte 3). */
export const safetyPlanFields = ["warningSigns", "childActions", "adultActions"] as const;

const text = (key: string) => z.string().trim().max(TEXT_MAX, key).default("");
const dateText = dateInput("meetings.date.invalid");
const ids = (key: string) => z.array(z.uuid(key)).max(40, key).default([]);
const version = z.number("meetings.version.invalid").int("meetings.version.invalid").describe("Mötets version som formuläret läste");

export const planFields = z.object({
  plannedDate: dateText,
  plannedTime: timeInput("meetings.plan.timeInvalid"),
  durationMinutes: z
    .number("meetings.plan.durationInvalid")
    .int("meetings.plan.durationInvalid")
    .min(DURATION_MIN, "meetings.plan.durationInvalid")
    .max(DURATION_MAX, "meetings.plan.durationInvalid")
    .describe("Längd i minuter, 15–480"),
  place: z
    .string("meetings.plan.placeRequired")
    .trim()
    .min(1, "meetings.plan.placeRequired")
    .max(PLACE_MAX, "meetings.plan.placeTooLong")
    .describe("Plats; följer med i kalenderinbjudan, så inga namn eller personnummer"),
  invitedPersonIds: ids("meetings.plan.unknownPerson").describe("Inbjudna familjemedlemmar (id)"),
  invitedUserIds: ids("meetings.plan.unknownStaff").describe("Inbjudna handläggare och processledare (användar-id)"),
});

export const planInput = planFields.extend({
  meetingTypeKey: z.string("meetings.plan.unknownType").trim().min(1, "meetings.plan.unknownType").max(60, "meetings.plan.unknownType"),
  childId: z.uuid("meetings.plan.unknownChild").nullable().default(null).describe("Barnet, för ett barnmöte"),
});
export type PlanInput = z.input<typeof planInput>;

export const summarySchema = z.object({
  discussed: text("meetings.summary.tooLong").describe("Vad togs upp"),
  agreed: text("meetings.summary.tooLong").describe("Vad kom vi överens om"),
  nextSteps: text("meetings.summary.tooLong").describe("Nästa steg"),
});

export const safetyPlanSchema = z.object({
  warningSigns: text("meetings.safetyPlan.tooLong").describe("Varningstecken"),
  childActions: text("meetings.safetyPlan.tooLong").describe("Vad barnet gör och vem barnet kan ringa"),
  adultActions: text("meetings.safetyPlan.tooLong").describe("Vad de vuxna gör"),
  agreedWithFamily: z.enum(["yes", "no"], "meetings.safetyPlan.agreedRequired").nullable().default(null),
});

const recordShape = {
  checklistDone: z
    .array(z.number().int().min(0, "meetings.checklist.unknown").max(29, "meetings.checklist.unknown"))
    .max(30, "meetings.checklist.unknown")
    .default([])
    .describe("Index i mötestypens checklista som är gjorda"),
  summary: summarySchema.default({ discussed: "", agreed: "", nextSteps: "" }),
  childTold: text("meetings.child.toldTooLong").describe("Barnmöte: vad barnet fick veta"),
  childViews: z
    .enum(childViewsAnswers, "meetings.child.viewsRequired")
    .nullable()
    .default(null)
    .describe("Barnmöte: kunde barnet uttrycka sina åsikter"),
  safetyPlan: safetyPlanSchema.nullable().default(null).describe("Familjemöte 3: återfalls- och trygghetsplanen"),
};
export const recordFields = z.object(recordShape);

export const holdInput = z.object({
  version,
  heldOn: dateText.describe("Datum då mötet hölls (ÅÅÅÅ-MM-DD; även 20/12 2026 och 20 dec 2026 tas emot)"),
  attendedPersonIds: ids("meetings.hold.unknownPerson").describe("Familjemedlemmar som deltog"),
  attendedUserIds: ids("meetings.hold.unknownStaff").describe("Handläggare som deltog"),
  leaderPresent: z.boolean().default(false).describe("Processledaren var med"),
  appliedGuardianIds: ids("meetings.hold.unknownGuardian").describe("Vårdnadshavare som ansökte om stöd på beroendeenheten vid mötet"),
  ...recordShape,
});
export type HoldInput = z.input<typeof holdInput>;

export const consentInput = z.object({
  version,
  consent: z.enum(consentAnswers, "meetings.consent.required").describe("given: samtycke givet; refused: vägrat (barnmötet ställs in)"),
  consentBy: z.array(z.uuid("meetings.consent.byRequired")).min(1, "meetings.consent.byRequired").max(10).describe("Vårdnadshavarna (id)"),
  consentOn: dateText,
});
export type ConsentInput = z.input<typeof consentInput>;

export const cancelInput = z.object({
  version,
  outcome: z.enum(cancelOutcomes, "meetings.cancel.outcomeRequired").describe("cancelled: inställt; not_attended: familjen kom inte"),
  reason: z.enum(cancelReasons, "meetings.cancel.reasonRequired"),
  reasonText: text("meetings.cancel.textTooLong").describe("Fritext; krävs för other"),
});
export type CancelInput = z.input<typeof cancelInput>;

export const editInput = z.object({
  version,
  plan: planFields.optional().describe("Ny planering, medan mötet är planerat"),
  record: recordFields.optional().describe("Ändrade anteckningar, när mötet är hållet"),
});
export type EditInput = z.input<typeof editInput>;

export type ParsedPlan = z.output<typeof planFields>;
export type ParsedRecord = z.output<typeof recordFields>;
export type ParsedHold = z.output<typeof holdInput>;

// ---------------------------------------------------------------------------------------------
// Checks the schemas cannot make

/** A date typed by a user, checked against the earliest and latest allowed date. */
export function dateError(value: string, { earliest, latest }: { earliest?: IsoDate | null; latest?: IsoDate | null }): string | null {
  const date = parseIsoDate(value);
  if (!date) return "meetings.date.invalid";
  const first = earliest ? parseIsoDate(earliest) : null;
  const last = latest ? parseIsoDate(latest) : null;
  if (last && compareDates(date, last) > 0) return "meetings.date.future";
  if (first && compareDates(date, first) < 0) return "meetings.date.beforeSofiamote";
  return null;
}

/** The end of a meeting in local wall-clock time: date and "HH:MM" plus minutes, across midnight. */
export function endOf(date: IsoDate, time: string, minutes: number): { date: IsoDate; time: string } {
  const [h, m] = time.split(":").map(Number);
  const total = (h ?? 0) * 60 + (m ?? 0) + minutes;
  const days = Math.floor(total / 1440);
  const rest = total % 1440;
  const hh = String(Math.floor(rest / 60)).padStart(2, "0");
  const mm = String(rest % 60).padStart(2, "0");
  return { date: addDays(date, days), time: `${hh}:${mm}` };
}

/** What a held meeting's record must have, by its type: a child meeting what the child was told and could say; the completing meeting the safety plan. */
export function recordErrors(type: MeetingType, record: ParsedRecord, prefix = ""): FieldErrors {
  const errors: FieldErrors = {};
  if (record.checklistDone.some((i) => i >= type.checklist.length)) errors[`${prefix}checklistDone`] = "meetings.checklist.unknown";
  if (type.scope === "child") {
    if (record.childTold === "") errors[`${prefix}childTold`] = "meetings.child.toldRequired";
    if (record.childViews === null) errors[`${prefix}childViews`] = "meetings.child.viewsRequired";
  }
  if (type.requiresSafetyPlan) {
    const plan = record.safetyPlan;
    for (const field of safetyPlanFields) {
      if (!plan || plan[field] === "") errors[`${prefix}safetyPlan.${field}`] = `meetings.safetyPlan.${field}Required`;
    }
    if (!plan || plan.agreedWithFamily === null) errors[`${prefix}safetyPlan.agreedWithFamily`] = "meetings.safetyPlan.agreedRequired";
  }
  return errors;
}

/** The record as stored: only what the meeting type asks for. */
export function storedRecord(type: MeetingType, record: ParsedRecord) {
  const child = type.scope === "child";
  const plan = type.requiresSafetyPlan ? record.safetyPlan : null;
  return {
    checklistDone: [...new Set(record.checklistDone)].sort((a, b) => a - b),
    summary: { discussed: record.summary.discussed, agreed: record.summary.agreed, nextSteps: record.summary.nextSteps },
    childTold: child ? record.childTold : null,
    childViews: child ? record.childViews : null,
    safetyPlan: plan
      ? {
          warningSigns: plan.warningSigns,
          childActions: plan.childActions,
          adultActions: plan.adultActions,
          agreedWithFamily: plan.agreedWithFamily === "yes",
        }
      : null,
  };
}

/** The family's persons as the case-type rule needs them: open where a unit is set, or applied / investigation opened. */
export function caseTypeInputOf(
  persons: Array<{ kind: string; unitId: string | null; applied: boolean; investigationOpened: boolean }>,
): CaseTypeInput {
  return {
    children: persons
      .filter((p) => p.kind === "child")
      .map((c) => ({ openAtChildUnit: c.unitId !== null, investigationOpenedAfterReport: c.investigationOpened })),
    guardians: persons
      .filter((p) => p.kind === "guardian")
      .map((g) => ({ openAtAddictionUnit: g.unitId !== null, appliedAtAddictionUnit: g.applied })),
  };
}

export const caseTypeOfPersons = (persons: Parameters<typeof caseTypeInputOf>[0]) => deriveCaseType(caseTypeInputOf(persons));

// ---------------------------------------------------------------------------------------------
// iCalendar (RFC 5545)

export const ICS_TIMEZONE = "Europe/Stockholm";

/** Escapes a TEXT value: backslash, semicolon, comma and line breaks (RFC 5545 3.3.11). */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/**
 * Folds a content line at 75 octets (RFC 5545 3.1): each continuation line starts with one space,
 * which counts towards its 75. A UTF-8 character is never split.
 */
export function foldLine(line: string): string[] {
  const out: string[] = [];
  let current = "";
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, "utf8");
    if (octets + size > 75) {
      out.push(current);
      current = ` ${ch}`;
      octets = 1 + size;
    } else {
      current += ch;
      octets += size;
    }
  }
  out.push(current);
  return out;
}

/** Undoes the folding: a CRLF followed by one space or tab is removed. */
export const unfold = (text: string) => text.replace(/\r\n[ \t]/g, "");

const localStamp = (date: IsoDate, time: string) => `${date.replaceAll("-", "")}T${time.replace(":", "")}00`;

function utcStamp(instant: Date): string {
  return `${instant.toISOString().slice(0, 19).replace(/[-:]/g, "")}Z`;
}

export interface IcsEvent {
  uid: string;
  /** When the file was made. */
  stamp: Date;
  /** Bumped by every change, so that calendars replace the older invitation. */
  sequence: number;
  date: IsoDate;
  time: string;
  durationMinutes: number;
  summary: string;
  location: string;
  description: string;
  cancelled: boolean;
}

/** Europe/Stockholm: CET in winter, CEST from the last Sunday of March to the last Sunday of October. */
const stockholmTimezone = [
  "BEGIN:VTIMEZONE",
  `TZID:${ICS_TIMEZONE}`,
  "BEGIN:DAYLIGHT",
  "TZOFFSETFROM:+0100",
  "TZOFFSETTO:+0200",
  "TZNAME:CEST",
  "DTSTART:19700329T020000",
  "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
  "END:DAYLIGHT",
  "BEGIN:STANDARD",
  "TZOFFSETFROM:+0200",
  "TZOFFSETTO:+0100",
  "TZNAME:CET",
  "DTSTART:19701025T030000",
  "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
  "END:STANDARD",
  "END:VTIMEZONE",
];

/** A calendar with one event in Swedish local time; lines folded, CRLF after every line. */
export function icsCalendar(event: IcsEvent): string {
  const end = endOf(event.date, event.time, event.durationMinutes);
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Sofia//Sofia meetings//SV",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    ...stockholmTimezone,
    "BEGIN:VEVENT",
    `UID:${event.uid}`,
    `DTSTAMP:${utcStamp(event.stamp)}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTART;TZID=${ICS_TIMEZONE}:${localStamp(event.date, event.time)}`,
    `DTEND;TZID=${ICS_TIMEZONE}:${localStamp(end.date, end.time)}`,
    `SUMMARY:${escapeText(event.summary)}`,
    `LOCATION:${escapeText(event.location)}`,
    `DESCRIPTION:${escapeText(event.description)}`,
    `STATUS:${event.cancelled ? "CANCELLED" : "CONFIRMED"}`,
    "TRANSP:OPAQUE",
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return `${lines.flatMap(foldLine).join("\r\n")}\r\n`;
}
