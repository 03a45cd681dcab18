/**
 * A returned paper form typed in by staff (processes.work, need-to-know through access.ts), and
 * the response rate of a process's meetings: attended family members against responses, per
 * meeting and per meeting type. Staff see counts only, never an answer or who gave it.
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { type AgeBand, ageBand, ageBands, ageOn } from "../../families/index.ts";
import { audit } from "../../platform/audit.ts";
import { authorize, type ServiceContext } from "../../platform/context.ts";
import type { DbOrTx } from "../../platform/database.ts";
import { ConflictError, type FieldErrors, issueErrors, NotFoundError, ValidationError } from "../../platform/errors.ts";
import type { FormInput } from "../../platform/form-pages.ts";
import {
  auditDisplay,
  type LoadedProcess,
  loadForWork,
  loadProcess,
  loadSurveySection,
  lockMeeting,
  meetingRate,
  participantsOf,
  type Rate,
  type SurveySectionData,
} from "../../processes/index.ts";
import type { MeetingType } from "../../workmodels/index.ts";
import { markAnswered } from "../links/index.ts";
import { answerList, answersSchema, type Content } from "../model.ts";
import { instrumentsFor } from "../respondents.ts";
import { answerField, lockByKey, type RespondentRole, recordResponse } from "../responses/index.ts";

/** The roles a paper form after a meeting can be from: a parent with or without the problem, or a child. */
export const paperRoles = ["parent_with_problem", "parent_without_problem", "child"] as const satisfies readonly RespondentRole[];
export type PaperRole = (typeof paperRoles)[number];

const key = z.string().trim().min(1, "responses.paper.chooseInstrument").max(60, "responses.paper.unknownInstrument");

/** The paper form's fields beside its answers; the answers are read by the chosen instrument's `answersSchema`. */
export const paperFields = z.object({
  instrumentKey: key,
  respondentRole: z.enum(paperRoles, { error: "responses.paper.chooseRole" }),
  /** A child's age band, when the child is not chosen by name (the API). */
  ageBand: z.enum(ageBands, { error: "responses.paper.ageBand" }).nullable().optional(),
  /** The child who answered, on the page: only the age band on the meeting day is stored, never the id. */
  childId: z.uuid({ error: "responses.paper.unknownChild" }).nullable().optional(),
  submissionKey: z.uuid({ error: "responses.paper.submissionKey" }),
});

/** The API's body: the fields and the answers as a list (`answerList`), read by the same schemas as the page's form. */
export const paperInput = paperFields.extend({ answers: answerList });

/** The answers of a paper form, by the instrument's items. */
const paperAnswers = (content: Content) => z.object({ answers: answersSchema(content) });

export interface PaperInstrument {
  key: string;
  number: number;
  content: Content;
}

export interface PaperForm {
  processId: string;
  meetingId: string;
  meetingTypeName: string;
  heldOn: string;
  /** The instruments the meeting type lists, in their published version. */
  instruments: PaperInstrument[];
  /** The children who attended, with their age band on the meeting day (the band is what is stored). */
  children: Array<{ id: string; name: string; ageBand: AgeBand }>;
  rate: Rate;
  /** A fresh key for this rendering of the form: a second post of the same form stores nothing. */
  submissionKey: string;
}

export interface PaperResult {
  /** False when the same form (submission key) was stored before. */
  created: boolean;
  rate: Rate;
}

const typeOf = (loaded: LoadedProcess, key: string): MeetingType => {
  const type = loaded.content.meetingTypes.find((m) => m.key === key);
  if (!type) throw new NotFoundError();
  return type;
};

/** The held meeting of the process, locked; a meeting that was not held gets a friendly refusal. */
async function heldMeeting(tx: DbOrTx, loaded: LoadedProcess, meetingId: string) {
  if (!z.uuid().safeParse(meetingId).success) throw new NotFoundError();
  const row = await lockMeeting(tx, loaded.process.id, meetingId);
  if (!row) throw new NotFoundError();
  if (row.status !== "held" || !row.heldOn) throw new ConflictError("responses.paper.notHeld", "_form");
  return { row, heldOn: row.heldOn, type: typeOf(loaded, row.meetingTypeKey) };
}

/** What the paper form offers for a held meeting; it names the children who attended, so it is audited. */
export async function paperForm(ctx: ServiceContext, processId: string, meetingId: string): Promise<PaperForm> {
  const auth = await authorize(ctx, "processes.work");
  return ctx.db.transaction(async (tx) => {
    const loaded = await loadForWork(tx, auth, processId, { allowClosed: true });
    const { row, heldOn, type } = await heldMeeting(tx, loaded, meetingId);
    const instruments = await instrumentsFor(tx, auth.actor.municipalityId, type);
    const attendedIds = new Set((await participantsOf(tx, row.id)).flatMap((p) => (p.personId && p.attended ? [p.personId] : [])));
    const children = loaded.children
      .filter((c) => attendedIds.has(c.id))
      .map((c) => ({ id: c.id, name: c.name, ageBand: ageBand(Math.max(0, ageOn(c.birthDate, heldOn))) }));
    await auditDisplay(tx, ctx, loaded, "survey_response.paper_form", { meetingId: row.id });
    return {
      processId: loaded.process.id,
      meetingId: row.id,
      meetingTypeName: type.name,
      heldOn,
      instruments: instruments.map(({ key, number, content }) => ({ key, number, content })),
      children,
      rate: await meetingRate(tx, row.id),
      submissionKey: randomUUID(),
    };
  });
}

/**
 * Stores a returned paper form for a held meeting: an instrument the meeting type lists (its
 * published version), the respondent's role matching the instrument's audience (a child's age
 * band, never the child), the answers checked item by item. Marked as paper and recorded by the
 * staff member. The same submission key stores once; no more forms than family members attended.
 * The input (the page's form or the API's JSON) is read by `paperFields` and by the instrument's
 * `answersSchema`, and every error of both comes back at once. The audit row names the instrument
 * and the role, never an answer.
 */
export async function recordPaperResponse(
  ctx: ServiceContext,
  processId: string,
  meetingId: string,
  input: FormInput,
): Promise<PaperResult> {
  const auth = await authorize(ctx, "processes.work");
  const fields = paperFields.safeParse(input(paperFields));
  const chosenKey = fields.success ? fields.data.instrumentKey : instrumentKeyOf(input);
  return ctx.db.transaction(async (tx) => {
    const loaded = await loadForWork(tx, auth, processId, { allowClosed: true });
    const { row, heldOn, type } = await heldMeeting(tx, loaded, meetingId);
    const errors: FieldErrors = fields.success ? {} : issueErrors(fields.error.issues);
    const refuse = (field: string, key: string) => {
      if (!(field in errors)) errors[field] = key;
    };
    const instrument = (await instrumentsFor(tx, auth.actor.municipalityId, type)).find((i) => i.key === chosenKey);
    if (!instrument) {
      if (chosenKey) refuse("instrumentKey", "responses.paper.unknownInstrument");
      throw new ValidationError(errors);
    }
    const schema = paperAnswers(instrument.content);
    const answered = schema.safeParse(input(schema));
    if (!answered.success) for (const [field, key] of Object.entries(issueErrors(answered.error.issues))) refuse(field, key);
    else if (!answered.data.answers.some((a) => a.value !== null || a.dontKnow)) {
      refuse(answerField(instrument.content.items[0]?.key ?? ""), "responses.paper.noAnswers");
    }
    if (!fields.success || !answered.success) throw new ValidationError(errors);
    const data = fields.data;
    const { answers } = answered.data;

    const forChild = instrument.content.audience === "child";
    if (forChild !== (data.respondentRole === "child")) refuse("respondentRole", "responses.paper.roleMismatch");
    const band = forChild && !errors.respondentRole ? childBand(loaded, data, heldOn) : null;
    if (typeof band === "object" && band !== null) refuse(band.field, band.key);
    if (!forChild && (data.ageBand || data.childId)) refuse("ageBand", "responses.error.ageBandOnlyChild");
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);

    const before = await meetingRate(tx, row.id);
    const retry = (await lockByKey(tx, data.submissionKey)) !== undefined;
    if (!retry && before.responses >= before.attended) throw new ConflictError("responses.paper.allAnswered", "_form");

    const recorded = await recordResponse(tx, {
      municipalityId: auth.actor.municipalityId,
      instrumentVersionId: instrument.versionId,
      content: instrument.content,
      meetingId: row.id,
      processId: loaded.process.id,
      respondentRole: data.respondentRole,
      ageBand: typeof band === "string" ? band : null,
      mode: "paper",
      submissionKey: data.submissionKey,
      answers,
      complete: true,
      recordedBy: auth.actor.id,
      submittedAt: ctx.clock.now(),
    });
    if (recorded.created) {
      // A child chosen by name has answered: not offered again (a parent's form names nobody).
      if (data.childId) await markAnswered(tx, row.id, data.childId, ctx.clock.now());
      await audit(tx, ctx, {
        action: "survey_response.paper",
        recordType: "meeting",
        recordId: row.id,
        detail: {
          processId: loaded.process.id,
          instrumentKey: instrument.key,
          instrumentVersion: instrument.number,
          respondentRole: data.respondentRole,
        },
      });
    }
    return { created: recorded.created, rate: await meetingRate(tx, row.id) };
  });
}

/** The instrument a refused form names, if its key reads as one: its answers are checked too. */
function instrumentKeyOf(input: FormInput): string | undefined {
  const schema = z.object({ instrumentKey: key });
  const parsed = schema.safeParse(input(schema));
  return parsed.success ? parsed.data.instrumentKey : undefined;
}

/** A child's age band on the meeting day: from the child chosen on the page, or as given over the API; else the field error. */
function childBand(loaded: LoadedProcess, data: z.output<typeof paperFields>, heldOn: string): AgeBand | { field: string; key: string } {
  if (data.childId) {
    const child = loaded.children.find((c) => c.id === data.childId);
    if (!child) return { field: "childId", key: "responses.paper.unknownChild" };
    return ageBand(Math.max(0, ageOn(child.birthDate, heldOn)));
  }
  if (data.ageBand) return data.ageBand;
  return { field: data.childId === null ? "childId" : "ageBand", key: "responses.paper.childRequired" };
}

/** The response rate of a process (processes.view with need-to-know; not in the minimal view). */
export async function surveyRate(ctx: ServiceContext, processId: string): Promise<SurveySectionData> {
  const auth = await authorize(ctx, "processes.view");
  return ctx.db.transaction(async (tx) => {
    const loaded = await loadProcess(tx, auth, processId);
    if (loaded.minimal) throw new NotFoundError();
    return loadSurveySection(tx, loaded);
  });
}
