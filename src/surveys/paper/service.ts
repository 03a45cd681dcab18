/**
 * A returned paper form typed in by staff (processes.work, need-to-know through access.ts), and
 * the response rate of a process's meetings: attended family members against responses, per
 * meeting and per meeting type. Staff see counts only, never an answer or who gave it.
 */
import { createHash, randomUUID } from "node:crypto";
import { z } from "zod";
import { type AgeBand, ageBand, ageBands, ageOn } from "../../families/index.ts";
import { audit } from "../../platform/audit.ts";
import { authorize, type ServiceContext } from "../../platform/context.ts";
import type { Cell as UploadCell } from "../../platform/csv.ts";
import type { DbOrTx } from "../../platform/database.ts";
import { ConflictError, type FieldErrors, issueErrors, NotFoundError, ValidationError } from "../../platform/errors.ts";
import type { FormInput } from "../../platform/form-pages.ts";
import { readUploadedTable, UploadError } from "../../platform/upload.ts";
import {
  auditDisplay,
  type LoadedProcess,
  loadForWork,
  loadProcess,
  loadSurveySection,
  lockMeeting,
  type MeetingRow,
  meetingRate,
  participantsOf,
  type Rate,
  type SurveySectionData,
} from "../../processes/index.ts";
import type { MeetingType } from "../../workmodels/index.ts";
import { markAnswered } from "../links/index.ts";
import { answerList, answersSchema, type Content } from "../model.ts";
import { instrumentsFor, meetingRespondents } from "../respondents.ts";
import { type AnswerInput, answerField, checkAnswers, lockByKey, type RespondentRole, recordResponse } from "../responses/index.ts";
import { instrumentDocuments } from "../service.ts";
import { columnNames, errorField, IMPORT_BYTES_MAX, IMPORT_ROWS_MAX, type ImportError, type ImportRow, readImport } from "./import.ts";
import { afterMeetingInstruments, meetingsOn, type NamedMeeting, processesWith } from "./store.ts";

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
    // Only someone who was at the meeting answers after it: the role (a child: the child chosen, or the age band) of one who attended.
    const present = await meetingRespondents(tx, auth.actor.municipalityId, loaded, row, type);
    if (data.childId) {
      if (!present.some((p) => p.personId === data.childId)) refuse("childId", "responses.paper.childNotPresent");
    } else if (forChild) {
      if (!present.some((p) => p.role === "child")) refuse("ageBand", "responses.paper.childNotPresent");
      else if (!present.some((p) => p.role === "child" && p.ageBand === band)) refuse("ageBand", "responses.paper.bandNotPresent");
    } else if (!present.some((p) => p.role === data.respondentRole)) refuse("respondentRole", "responses.paper.roleNotPresent");
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

// ---------------------------------------------------------------------------------------------
// Bulk import of returned paper forms (CSV or XLSX): preview, row errors, all or nothing (decision 0046)

export interface ImportFile {
  fileName: string;
  data: Buffer;
}

export interface ImportInput {
  instrumentKey: string;
  /** The uploaded file; or, on the page's confirmation, the table the preview read from it. */
  file?: ImportFile | null;
  table?: UploadCell[][];
  /** Check and preview only: nothing is stored. */
  dryRun: boolean;
}

export interface ImportPreviewRow {
  row: number;
  caseFile: string;
  heldOn: string;
  meetingId: string;
  meetingTypeName: string;
  role: PaperRole;
  ageBand: string | null;
  /** Items answered (a value or "don't know"). */
  answered: number;
  /** The same row was imported before (its submission key is stored): not stored again. */
  already: boolean;
}

export interface ImportResult {
  instrumentKey: string;
  instrumentName: string;
  /** The cells read from the file, for the page's confirmation. */
  table: UploadCell[][];
  rows: ImportPreviewRow[];
  errors: ImportError[];
  /** Answers stored by this call (0 for a preview). */
  imported: number;
  dryRun: boolean;
}

/** An import with a bad row: nothing is stored; the result lists every bad row. */
export class ImportRejectedError extends ValidationError {
  constructor(readonly result: ImportResult) {
    super(Object.fromEntries(result.errors.map((e) => [errorField(e), e.messageKey])));
  }
}

/** The instruments a file of paper forms can be for (the page's choice). */
export async function importInstruments(ctx: ServiceContext): Promise<Array<{ key: string; name: string }>> {
  const auth = await authorize(ctx, "processes.work");
  return afterMeetingInstruments(ctx.db, auth.actor.municipalityId);
}

/** The file's cells: its size checked first, then its number of rows before it is parsed. */
async function readFile(file: ImportFile | null | undefined): Promise<UploadCell[][]> {
  try {
    return await readUploadedTable(file, { maxBytes: IMPORT_BYTES_MAX, maxRows: IMPORT_ROWS_MAX + 1 });
  } catch (e) {
    if (e instanceof UploadError) throw new ValidationError({ file: `responses.import.${e.problem}` });
    throw e;
  }
}

/**
 * The submission key of an imported row: the same row of the same instrument (and its place among
 * identical rows) always gets the same key, so that importing a file again stores nothing twice.
 */
function rowKey(municipalityId: string, instrumentKey: string, r: ImportRow, occurrence: number): string {
  const answers = [...r.answers].sort((a, b) => a.itemKey.localeCompare(b.itemKey)).map((a) => [a.itemKey, a.value, a.dontKnow]);
  const h = createHash("sha256")
    .update(JSON.stringify([municipalityId, instrumentKey, r.caseFile, r.heldOn, r.meetingType, r.role, r.ageBand, answers, occurrence]))
    .digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

interface MeetingFacts {
  row: MeetingRow;
  loaded: LoadedProcess;
  type: MeetingType;
  respondents: Array<{ role: string; ageBand: string | null }>;
  attended: number;
  responses: number;
}

/**
 * Imports returned paper forms of one instrument from a file (or previews them, `dryRun`). Each row
 * names its meeting by the family's case-file number and the day the meeting was held (and the
 * meeting type when two were held that day); the meeting must be held, of a process the user works
 * with, of a type the instrument follows; the role (a child's age band) must be of someone who was
 * there, and no meeting gets more answers than family members attended. All or nothing: with one
 * bad row nothing is stored (ImportRejectedError, every bad row listed). Each answer is a paper
 * answer recorded by the user, in its meeting's period, audited as one typed in on the paper form.
 */
export async function importPaperAnswers(ctx: ServiceContext, input: ImportInput): Promise<ImportResult> {
  const auth = await authorize(ctx, "processes.work");
  const municipalityId = auth.actor.municipalityId;
  if (!key.safeParse(input.instrumentKey).success) throw new ValidationError({ instrumentKey: "responses.paper.chooseInstrument" });
  const table = input.table ?? (await readFile(input.file));
  if (table.length > IMPORT_ROWS_MAX + 1) throw new ValidationError({ file: "responses.import.tooManyRows" });

  return ctx.db.transaction(async (tx) => {
    const instrument = (await afterMeetingInstruments(tx, municipalityId)).find((i) => i.key === input.instrumentKey);
    const version = instrument ? await instrumentDocuments.published(tx, municipalityId, instrument.key) : null;
    if (!instrument || !version) throw new ValidationError({ instrumentKey: "responses.paper.unknownInstrument" });
    const content = version.content;
    const read = readImport(table, content);
    const errors: ImportError[] = [...read.errors];
    const refuse = (row: number, column: string, messageKey: string) => errors.push({ row, column, messageKey });
    const columnOf = (c: "caseFile" | "heldOn" | "meetingType" | "role" | "ageBand") => {
      const header = (table[0] ?? []).map((cell) => String(cell ?? "").trim());
      return header.find((h) => columnNames[c].includes(h.toLowerCase())) ?? (columnNames[c][0] as string);
    };
    const itemColumn = (itemKey: string) =>
      (table[0] ?? []).map((cell) => String(cell ?? "").trim()).find((h) => h.toLowerCase() === itemKey.toLowerCase()) ?? itemKey;

    const processes = new Map<string, LoadedProcess | null>();
    const visible = async (processId: string) => {
      if (!processes.has(processId)) {
        try {
          processes.set(processId, await loadForWork(tx, auth, processId, { allowClosed: true }));
        } catch (e) {
          if (!(e instanceof NotFoundError)) throw e;
          processes.set(processId, null);
        }
      }
      return processes.get(processId) ?? null;
    };
    const meetings = new Map<string, MeetingFacts>();
    const factsOf = async (loaded: LoadedProcess, meetingId: string): Promise<MeetingFacts | null> => {
      const known = meetings.get(meetingId);
      if (known) return known;
      const row = await lockMeeting(tx, loaded.process.id, meetingId);
      if (!row) return null;
      const type = loaded.content.meetingTypes.find((m) => m.key === row.meetingTypeKey);
      if (!type) return null;
      const respondents = await meetingRespondents(tx, municipalityId, loaded, row, type);
      const rate = await meetingRate(tx, row.id);
      const facts = { row, loaded, type, respondents, attended: rate.attended, responses: rate.responses };
      meetings.set(meetingId, facts);
      return facts;
    };

    const rows: ImportPreviewRow[] = [];
    const planned: Array<{ r: ImportRow; facts: MeetingFacts; submissionKey: string; answers: AnswerInput[] }> = [];
    const occurrences = new Map<string, number>();
    for (const r of read.rows) {
      const before = errors.length;
      const candidates = await meetingsOn(tx, municipalityId, r.caseFile, r.heldOn);
      const visibleProcesses = new Set<string>();
      for (const id of await processesWith(tx, municipalityId, r.caseFile)) if (await visible(id)) visibleProcesses.add(id);
      if (visibleProcesses.size === 0) {
        refuse(r.row, columnOf("caseFile"), "responses.import.caseFileUnknown");
        continue;
      }
      const ofType = async (m: NamedMeeting) => {
        const loaded = processes.get(m.processId);
        const type = loaded?.content.meetingTypes.find((t) => t.key === m.meetingTypeKey);
        if (!loaded || !type?.surveys.includes(instrument.key)) return null;
        if (r.meetingType) {
          const wanted = r.meetingType.toLowerCase();
          const stored = loaded.stored.meetingTypes.find((t) => t.key === m.meetingTypeKey);
          if (![type.key, type.name, stored?.name ?? ""].some((n) => n.toLowerCase() === wanted)) return null;
        }
        return { m, loaded, type };
      };
      const matching = [];
      for (const m of candidates.filter((c) => visibleProcesses.has(c.processId))) {
        const found = await ofType(m);
        if (found) matching.push(found);
      }
      const held = matching.filter((x) => x.m.status === "held" && x.m.heldOn !== null);
      if (held.length === 0) {
        refuse(r.row, columnOf("heldOn"), matching.length > 0 ? "responses.import.notHeld" : "responses.import.noMeeting");
        continue;
      }
      if (held.length > 1) {
        refuse(r.row, columnOf("meetingType"), "responses.import.severalMeetings");
        continue;
      }
      const chosen = held[0] as (typeof held)[number];
      const facts = await factsOf(chosen.loaded, chosen.m.meetingId);
      if (!facts) {
        refuse(r.row, columnOf("heldOn"), "responses.import.noMeeting");
        continue;
      }
      const there = facts.respondents.filter((p) => p.role === r.role && (r.role !== "child" || p.ageBand === r.ageBand));
      if (there.length === 0) {
        if (r.role === "child" && facts.respondents.some((p) => p.role === "child"))
          refuse(r.row, columnOf("ageBand"), "responses.paper.bandNotPresent");
        else refuse(r.row, columnOf("role"), r.role === "child" ? "responses.paper.childNotPresent" : "responses.paper.roleNotPresent");
      }
      const checked = checkAnswers(content, r.answers);
      for (const [field, messageKey] of Object.entries(checked.errors))
        refuse(r.row, itemColumn(field.slice("answers.".length)), messageKey);
      if (errors.length > before) continue;

      const signature = JSON.stringify([r.caseFile, r.heldOn, r.meetingType, r.role, r.ageBand, r.answers]);
      const occurrence = occurrences.get(signature) ?? 0;
      occurrences.set(signature, occurrence + 1);
      const submissionKey = rowKey(municipalityId, instrument.key, r, occurrence);
      const already = (await lockByKey(tx, submissionKey)) !== undefined;
      if (!already) {
        facts.responses += 1;
        if (facts.responses > facts.attended) {
          refuse(r.row, columnOf("caseFile"), "responses.import.moreThanAttended");
          continue;
        }
        planned.push({ r, facts, submissionKey, answers: r.answers });
      }
      rows.push({
        row: r.row,
        caseFile: r.caseFile,
        heldOn: r.heldOn,
        meetingId: facts.row.id,
        meetingTypeName: facts.type.name,
        role: r.role,
        ageBand: r.ageBand,
        answered: r.answers.length,
        already,
      });
    }
    errors.sort((a, b) => a.row - b.row);
    const result: ImportResult = {
      instrumentKey: instrument.key,
      instrumentName: instrument.name,
      table,
      rows,
      errors,
      imported: 0,
      dryRun: input.dryRun,
    };
    if (input.dryRun) return result;
    if (errors.length > 0) throw new ImportRejectedError(result);

    for (const p of planned) {
      const recorded = await recordResponse(tx, {
        municipalityId,
        instrumentVersionId: version.id,
        content,
        meetingId: p.facts.row.id,
        processId: p.facts.loaded.process.id,
        respondentRole: p.r.role,
        ageBand: p.r.ageBand as AgeBand | null,
        mode: "paper",
        submissionKey: p.submissionKey,
        answers: p.answers,
        complete: true,
        recordedBy: auth.actor.id,
        submittedAt: ctx.clock.now(),
      });
      if (!recorded.created) continue;
      result.imported += 1;
      await audit(tx, ctx, {
        action: "survey_response.paper",
        recordType: "meeting",
        recordId: p.facts.row.id,
        detail: {
          processId: p.facts.loaded.process.id,
          instrumentKey: instrument.key,
          instrumentVersion: version.number,
          respondentRole: p.r.role,
          imported: true,
        },
      });
    }
    return result;
  });
}
