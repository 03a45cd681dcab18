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
import { ConflictError, NotFoundError, parseOrThrow, ValidationError } from "../../platform/errors.ts";
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
import type { Content } from "../model.ts";
import { instrumentsFor } from "../respondents.ts";
import { answerField, lockByKey, type RespondentRole, recordResponse } from "../responses/index.ts";

/** The roles a paper form after a meeting can be from: a parent with or without the problem, or a child. */
export const paperRoles = ["parent_with_problem", "parent_without_problem", "child"] as const satisfies readonly RespondentRole[];
export type PaperRole = (typeof paperRoles)[number];

const key = z.string().trim().min(1, "responses.paper.chooseInstrument").max(60, "responses.paper.unknownInstrument");

export const paperAnswer = z.object({
  itemKey: z.string().min(1, "surveys.error.unknownItem").max(60, "surveys.error.unknownItem"),
  value: z.number({ error: "surveys.error.outsideScale" }).int("surveys.error.outsideScale").nullable(),
  dontKnow: z.boolean({ error: "surveys.error.outsideScale" }),
});

export const paperInput = z.object({
  instrumentKey: key,
  respondentRole: z.enum(paperRoles, { error: "responses.paper.chooseRole" }),
  /** A child's age band, when the child is not chosen by name (the API). */
  ageBand: z.enum(ageBands, { error: "responses.paper.ageBand" }).nullable().optional(),
  /** The child who answered, on the page: only the age band on the meeting day is stored, never the id. */
  childId: z.uuid({ error: "responses.paper.unknownChild" }).nullable().optional(),
  submissionKey: z.uuid({ error: "responses.paper.submissionKey" }),
  answers: z.array(paperAnswer).max(30, "surveys.error.tooManyItems"),
});
export type PaperInput = z.input<typeof paperInput>;

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
 * The audit row names the instrument and the role, never an answer.
 */
export async function recordPaperResponse(
  ctx: ServiceContext,
  processId: string,
  meetingId: string,
  input: PaperInput,
): Promise<PaperResult> {
  const auth = await authorize(ctx, "processes.work");
  const data = parseOrThrow(paperInput, input);
  return ctx.db.transaction(async (tx) => {
    const loaded = await loadForWork(tx, auth, processId, { allowClosed: true });
    const { row, heldOn, type } = await heldMeeting(tx, loaded, meetingId);
    const instrument = (await instrumentsFor(tx, auth.actor.municipalityId, type)).find((i) => i.key === data.instrumentKey);
    if (!instrument) throw new ValidationError({ instrumentKey: "responses.paper.unknownInstrument" });

    const forChild = instrument.content.audience === "child";
    if (forChild !== (data.respondentRole === "child")) throw new ValidationError({ respondentRole: "responses.paper.roleMismatch" });
    const band = forChild ? childBand(loaded, data, heldOn) : null;
    if (!forChild && (data.ageBand || data.childId)) throw new ValidationError({ ageBand: "responses.error.ageBandOnlyChild" });
    if (!data.answers.some((a) => a.value !== null || a.dontKnow)) {
      throw new ValidationError({ [answerField(instrument.content.items[0]?.key ?? "")]: "responses.paper.noAnswers" });
    }

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
      ageBand: band,
      mode: "paper",
      submissionKey: data.submissionKey,
      answers: data.answers,
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

/** A child's age band on the meeting day: from the child chosen on the page, or as given over the API. */
function childBand(loaded: LoadedProcess, data: z.output<typeof paperInput>, heldOn: string): AgeBand {
  if (data.childId) {
    const child = loaded.children.find((c) => c.id === data.childId);
    if (!child) throw new ValidationError({ childId: "responses.paper.unknownChild" });
    return ageBand(Math.max(0, ageOn(child.birthDate, heldOn)));
  }
  if (data.ageBand) return data.ageBand;
  throw new ValidationError({ [data.childId === null ? "childId" : "ageBand"]: "responses.paper.childRequired" });
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
