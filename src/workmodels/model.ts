/**
 * A work model's content (arbetsmodell): its meeting types in order, each with purpose,
 * participants, checklist and survey instruments, and its consultation stops (hållplatser) with
 * due rules. One zod schema validates the document whether it comes from the seed, the form or
 * the API; messages are catalog keys.
 */
import { z } from "zod";
import { type Locale, localName } from "../platform/i18n.ts";

export const participantKinds = ["family", "child_alone", "child_caseworker", "adult_caseworker", "process_leader"] as const;
export type Participant = (typeof participantKinds)[number];

/** Progress a held meeting marks; each at most once per model, in this order. */
export const progressMarks = ["started", "halfway", "completed"] as const;
export type ProgressMark = (typeof progressMarks)[number];

export const meetingScopes = ["family", "child"] as const;
export const stopScopes = ["family", "child"] as const;

/** The process events a consultation stop's due date is counted from. */
export const dueEvents = ["request", "planning_meeting", "meeting_held", "interventions_decided"] as const;
export type DueEvent = (typeof dueEvents)[number];

/** The child meeting's default minimum age: the reports speak with and survey children 6–12. */
export const DEFAULT_CHILD_MEETING_MIN_AGE = 6;

const key = z
  .string()
  .trim()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "workmodels.error.key")
  .max(60, "workmodels.error.key");
const name = z.string().trim().min(1, "workmodels.error.nameRequired").max(100, "workmodels.error.nameTooLong");
const purpose = z.string().trim().min(1, "workmodels.error.purposeRequired").max(1000, "workmodels.error.purposeTooLong");
const checklistItem = z.string().trim().min(1, "workmodels.error.itemEmpty").max(300, "workmodels.error.itemTooLong");
const checklist = z.array(checklistItem).max(30, "workmodels.error.tooManyItems");
/**
 * The English texts of a meeting type or stop, shown when the UI is in English (decision 0043).
 * Optional, and each part on its own: a version stored before it, or one an administrator wrote
 * in Swedish only, is shown in Swedish. A checklist's English items go by position, so the list
 * is used only when it has as many items as the Swedish one.
 */
const english = z
  .object({
    name: name.optional(),
    purpose: purpose.optional(),
    checklist: checklist.optional(),
  })
  .optional();
export type English = z.output<typeof english>;
export const minChildAge = z
  .number({ error: "workmodels.error.minAge" })
  .int("workmodels.error.minAge")
  .min(0, "workmodels.error.minAge")
  .max(17, "workmodels.error.minAge");
export const dueDays = z
  .number({ error: "workmodels.error.days" })
  .int("workmodels.error.days")
  .min(0, "workmodels.error.days")
  .max(730, "workmodels.error.days");

export const meetingTypeSchema = z.object({
  key,
  name,
  purpose,
  participants: z.array(z.enum(participantKinds)).min(1, "workmodels.error.participantsRequired"),
  scope: z.enum(meetingScopes),
  /** For child meetings: children younger than this get no child meeting. */
  minChildAge: minChildAge.nullable(),
  marksProgress: z.enum(progressMarks).nullable(),
  /**
   * Holding it needs a relapse and safety plan (återfalls- och trygghetsplan) in the record.
   * Sofiamodellen: Familjemöte 3. Left out of a document: the type that marks "completed".
   */
  requiresSafetyPlan: z.boolean(),
  /**
   * The planning meeting without the family at which the request is decided (Sofiamöte): recorded
   * as held on the decision date when a process starts, and not a meeting with the family (the
   * waits to the first family meeting do not count it). Only the first meeting type, held
   * without the family, can be it. Left out of a document: the first type when no family member
   * takes part.
   */
  decidesStart: z.boolean(),
  checklist,
  /** Survey instrument keys answered after the meeting, e.g. sofia-4q-parent. */
  surveys: z.array(key).max(10),
  en: english,
});
export type MeetingType = z.output<typeof meetingTypeSchema>;

export const stopSchema = z.object({
  key,
  name,
  purpose,
  /** Once per family, or once per child (e.g. the joint child impact analysis). */
  scope: z.enum(stopScopes),
  due: z.object({
    event: z.enum(dueEvents),
    /** The meeting type whose holding starts the count; only with event meeting_held. */
    meetingTypeKey: key.nullable(),
    days: dueDays,
  }),
  checklist,
  en: english,
});
export type Stop = z.output<typeof stopSchema>;

/** Whether a meeting type's participants leave out the family: only staff meet. */
export const withoutFamily = (participants: readonly Participant[]): boolean =>
  !participants.some((p) => p === "family" || p === "child_alone");

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * A document written before the capabilities were named fields (stored versions are migrated by
 * 0016_meeting_type_capabilities; an API client may still send one) gets them from the rules the
 * code used to infer: the "completed" meeting asks for the safety plan, and a first meeting type
 * without the family is the decision meeting. A field that is given is kept as it is.
 */
export function withCapabilityDefaults(raw: unknown): unknown {
  if (!isRecord(raw) || !Array.isArray(raw.meetingTypes)) return raw;
  return {
    ...raw,
    meetingTypes: raw.meetingTypes.map((m: unknown, i) => {
      if (!isRecord(m)) return m;
      const participants = Array.isArray(m.participants) ? (m.participants as Participant[]) : [];
      return {
        ...m,
        requiresSafetyPlan: m.requiresSafetyPlan ?? m.marksProgress === "completed",
        decidesStart: m.decidesStart ?? (i === 0 && participants.length > 0 && withoutFamily(participants)),
      };
    }),
  };
}

const contentObject = z
  .object({
    meetingTypes: z.array(meetingTypeSchema).max(20),
    stops: z.array(stopSchema).max(20),
  })
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.meetingTypes.forEach((m, i) => {
      if (seen.has(m.key)) ctx.addIssue({ code: "custom", path: ["meetingTypes", i, "key"], message: "workmodels.error.duplicateKey" });
      seen.add(m.key);
      if (m.decidesStart && (i !== 0 || !withoutFamily(m.participants))) {
        ctx.addIssue({ code: "custom", path: ["meetingTypes", i, "decidesStart"], message: "workmodels.error.decidesStart" });
      }
      if (m.scope === "child" && m.minChildAge === null) {
        ctx.addIssue({ code: "custom", path: ["meetingTypes", i, "minChildAge"], message: "workmodels.error.minAge" });
      }
      if (m.scope === "family" && m.minChildAge !== null) {
        ctx.addIssue({ code: "custom", path: ["meetingTypes", i, "minChildAge"], message: "workmodels.error.minAgeOnlyChild" });
      }
    });
    const marks = c.meetingTypes.flatMap((m, i) => (m.marksProgress ? [{ mark: m.marksProgress, i }] : []));
    marks.forEach(({ mark, i }, n) => {
      const previous = marks[n - 1];
      if (previous && progressMarks.indexOf(previous.mark) >= progressMarks.indexOf(mark)) {
        ctx.addIssue({ code: "custom", path: ["meetingTypes", i, "marksProgress"], message: "workmodels.error.progressOrder" });
      }
    });
    const stopKeys = new Set<string>();
    c.stops.forEach((s, i) => {
      if (stopKeys.has(s.key)) ctx.addIssue({ code: "custom", path: ["stops", i, "key"], message: "workmodels.error.duplicateKey" });
      stopKeys.add(s.key);
      const needsMeeting = s.due.event === "meeting_held";
      if (needsMeeting && (s.due.meetingTypeKey === null || !seen.has(s.due.meetingTypeKey))) {
        ctx.addIssue({ code: "custom", path: ["stops", i, "due", "meetingTypeKey"], message: "workmodels.error.dueMeeting" });
      }
      if (!needsMeeting && s.due.meetingTypeKey !== null) {
        ctx.addIssue({ code: "custom", path: ["stops", i, "due", "meetingTypeKey"], message: "workmodels.error.dueMeetingOnlyHeld" });
      }
    });
  });

/** A work model's content; documents without the capability fields get them as {@link withCapabilityDefaults} says. */
export const contentSchema = z.preprocess(withCapabilityDefaults, contentObject);
export type Content = z.output<typeof contentSchema>;

/** The meeting type that marks a progress step, if the model has one. */
export function meetingMarking(content: Content, mark: ProgressMark): MeetingType | undefined {
  return content.meetingTypes.find((m) => m.marksProgress === mark);
}

/** The meeting type at which the request is decided and the process starts, if the model has one. */
export function decisionMeeting(content: Content): MeetingType | undefined {
  return content.meetingTypes.find((m) => m.decidesStart);
}

/** Whether a child of this age gets the meeting type (family meetings apply to everyone). */
export function appliesToChildAge(meeting: MeetingType, age: number): boolean {
  return meeting.scope === "family" || age >= (meeting.minChildAge ?? 0);
}

/** A meeting type's or stop's texts in the UI's language: English where the document has it, else Swedish. */
export function localTexts<T extends { name: string; purpose: string; checklist: string[]; en?: English }>(item: T, locale: Locale): T {
  const en = item.en;
  if (locale !== "en" || !en) return item;
  const checklist = en.checklist && en.checklist.length === item.checklist.length ? en.checklist : item.checklist;
  return {
    ...item,
    name: localName({ sv: item.name, en: en.name }, locale),
    purpose: localName({ sv: item.purpose, en: en.purpose }, locale),
    checklist,
  };
}

/**
 * The content as a reader in this language sees it: each meeting type's and stop's name, purpose
 * and checklist in English where the document has them. For display only; what is stored and
 * edited stays the Swedish.
 */
export function localContent(content: Content, locale: Locale | undefined): Content {
  if (locale !== "en") return content;
  return {
    ...content,
    meetingTypes: content.meetingTypes.map((m) => localTexts(m, locale)),
    stops: content.stops.map((s) => localTexts(s, locale)),
  };
}

/**
 * The English of an edited draft that still translates its Swedish: a name, purpose or checklist
 * whose Swedish the form changed loses its English, so that English mode never shows a stale text.
 */
export function withoutStaleEnglish(stored: Content, edited: unknown): unknown {
  if (!isRecord(edited)) return edited;
  const prune = (before: readonly (MeetingType | Stop)[], after: unknown): unknown =>
    Array.isArray(after)
      ? after.map((item: unknown, i) => {
          const old = before[i];
          if (!isRecord(item) || !old?.en || !isRecord(item.en)) return item;
          const en: Record<string, unknown> = { ...item.en };
          const changed = (v: unknown, was: string) => (typeof v === "string" ? v.trim() : v) !== was;
          if (changed(item.name, old.name)) delete en.name;
          if (changed(item.purpose, old.purpose)) delete en.purpose;
          if (JSON.stringify(item.checklist) !== JSON.stringify(old.checklist)) delete en.checklist;
          return { ...item, en };
        })
      : after;
  return { ...edited, meetingTypes: prune(stored.meetingTypes, edited.meetingTypes), stops: prune(stored.stops, edited.stops) };
}
