/**
 * The pseudonymized research export (research.export): the families with a request date in the
 * period, as long-format rows with new random pseudonyms (model.ts), with the codebook
 * (codebook.ts), packed as one ZIP. Making it writes one research_exports row and one audit row
 * (purpose, period, options, counts; never a person) in the same transaction that reads the data,
 * so there is no export without its log. The preview shows only counts and logs nothing.
 */
import JSZip from "jszip";
import { z } from "zod";
import { audit } from "../platform/audit.ts";
import { authorize, type ServiceContext } from "../platform/context.ts";
import { csvLine } from "../platform/csv.ts";
import type { DbOrTx } from "../platform/database.ts";
import { parseOrThrow } from "../platform/errors.ts";
import { type CodebookContent, codebookVariables, renderCodebook } from "./codebook.ts";
import {
  BOM,
  COLUMNS,
  type ExportOptions,
  type FamilyData,
  familyRows,
  meetingVariable,
  type PersonData,
  Pseudonyms,
  type ResponseData,
  shuffled,
  surveyVariable,
  type Variable,
} from "./model.ts";
import { type ExportBody, type ExportInput, exportBody } from "./schemas.ts";
import * as store from "./store.ts";

export const CSV_NAME = "forskningsuttag.csv";
export const CODEBOOK_NAME = "kodbok.md";

const workModelContent = z.object({ meetingTypes: z.array(z.object({ key: z.string(), name: z.string() })) });
const instrumentContent = z.object({
  items: z.array(z.object({ key: z.string(), texts: z.record(z.string(), z.string()) })),
  scale: z.object({
    options: z.array(z.object({ value: z.number(), labels: z.record(z.string(), z.string()) })),
    allowDontKnow: z.boolean(),
  }),
});

export interface BuiltExport {
  /** The CSV file's text: BOM, header and every row. Rows are turned into text family by family, so only the text is held. */
  csv: string;
  rowCount: number;
  families: number;
  /** The meeting-type and survey-item variables of this export (the fixed ones are in model.ts). */
  extraVariables: Variable[];
}

function groupBy<T>(list: T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of list) {
    const k = key(item);
    const l = out.get(k);
    if (l) l.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** Reads the families of the period and turns them into rows with this export's own pseudonyms. */
export async function buildExport(db: DbOrTx, municipalityId: string, options: ExportOptions): Promise<BuiltExport> {
  const scope = { municipalityId, from: options.from, to: options.to };
  const [families, persons, counts, models, answers] = [
    await store.families(db, scope),
    await store.persons(db, scope),
    await store.meetingCounts(db, scope),
    await store.workModelVersions(db, scope),
    await store.answers(db, scope),
  ];
  const instruments = await store.instrumentVersions(db, [...new Set(answers.map((a) => a.instrument_version_id))]);

  const extraVariables: Variable[] = [];
  const meetingTypesOf = new Map<string, Array<{ key: string; name: string }>>();
  for (const m of models) {
    const types = workModelContent.safeParse(m.content).data?.meetingTypes ?? [];
    meetingTypesOf.set(m.id, types);
    for (const t of types) extraVariables.push(meetingVariable(t.key, t.name));
  }
  for (const v of instruments) {
    const content = instrumentContent.safeParse(v.content).data;
    if (!content) continue;
    const scale = content.scale.options.map((o): [string, string] => [String(o.value), o.labels.sv ?? String(o.value)]);
    for (const item of content.items) {
      extraVariables.push(surveyVariable(v.key, item.key, item.texts.sv ?? item.key, scale, content.scale.allowDontKnow));
    }
  }

  const personsOf = groupBy(persons, (p) => p.request_id);
  const countsOf = groupBy(counts, (c) => c.request_id);
  const answersOf = groupBy(answers, (a) => a.request_id);
  const pseudonyms = new Pseudonyms();
  const chunks: string[] = [BOM, csvLine(COLUMNS)];
  let rowCount = 0;
  for (const f of shuffled(families)) {
    const held = new Map((countsOf.get(f.request_id) ?? []).map((c) => [c.key, c.n]));
    const types = f.work_model_version_id ? (meetingTypesOf.get(f.work_model_version_id) ?? []) : [];
    const family: FamilyData = {
      requestId: f.request_id,
      requestDate: f.request_date,
      caseType: f.case_type,
      household: f.household,
      custody: f.custody,
      decision: f.decision,
      stopReason: f.stop_reason,
      sofiaMeetingDate: f.sofia_meeting_date,
      processStatus: f.process_status,
      phase: f.phase,
      interruptedIn: f.interrupted_in,
      firstFamilyMeetingDate: f.first_family_meeting_date,
      completedDate: f.completed_date,
      supportSought: f.support_sought,
      supportGranted: f.support_granted,
      meetingsHeld: types.map((t) => ({ key: t.key, count: held.get(t.key) ?? 0 })),
    };
    const members: PersonData[] = (personsOf.get(f.request_id) ?? []).map((p) => ({
      requestId: p.request_id,
      kind: p.kind,
      relation: p.relation,
      substanceProblem: p.substance_problem,
      attitude: p.attitude,
      ageAtRequest: p.age_at_request,
      gender: p.gender,
    }));
    const responses: ResponseData[] = [...groupBy(answersOf.get(f.request_id) ?? [], (a) => a.response_id).values()].map((list) => ({
      requestId: f.request_id,
      responseId: list[0]?.response_id ?? "",
      instrument: list[0]?.instrument ?? "",
      respondentRole: list[0]?.respondent_role ?? "",
      answers: list.map((a) => ({ item: a.item, value: a.value })),
    }));
    const rows = familyRows(family, members, responses, options, pseudonyms);
    rowCount += rows.length;
    chunks.push(rows.map(csvLine).join(""));
  }
  return { csv: chunks.join(""), rowCount, families: families.length, extraVariables };
}

export const optionsOf = (input: ExportInput): ExportOptions => ({
  from: input.from,
  to: input.to,
  exactDates: input.exactDates,
  caseTypeAndHousehold: input.caseTypeAndHousehold,
});

export interface Preview {
  input: ExportInput;
  families: number;
  rows: number;
}

/** The counts the export would have, for the confirmation page. Only counts are shown: nothing is logged. */
export async function previewExport(ctx: ServiceContext, body: ExportBody): Promise<Preview> {
  const { actor } = await authorize(ctx, "research.export");
  const input = parseOrThrow(exportBody, body);
  const built = await ctx.db.transaction((tx) => buildExport(tx, actor.municipalityId, optionsOf(input)), {
    isolationLevel: "repeatable read",
    accessMode: "read only",
  });
  return { input, families: built.families, rows: built.rowCount };
}

export interface MadeExport {
  id: string;
  zip: Buffer;
  fileName: string;
  families: number;
  rows: number;
}

/** Makes the export: reads, pseudonymizes, logs (research_exports + audit) and packs CSV and codebook, all in one transaction. */
export async function makeExport(ctx: ServiceContext, body: ExportBody): Promise<MadeExport> {
  const { actor } = await authorize(ctx, "research.export");
  const input = parseOrThrow(exportBody, body);
  const options = optionsOf(input);
  return ctx.db.transaction(
    async (tx) => {
      const built = await buildExport(tx, actor.municipalityId, options);
      const madeOn = ctx.clock.today();
      const logged = { ...options, families: built.families };
      const row = await store.insertExport(tx, {
        municipalityId: actor.municipalityId,
        purpose: input.purpose,
        options: logged,
        rowCount: built.rowCount,
        createdBy: actor.id,
      });
      await audit(tx, ctx, {
        action: "research.export",
        recordType: "research_export",
        recordId: row.id,
        reason: input.purpose,
        detail: { purpose: input.purpose, ...logged, rowCount: built.rowCount },
      });
      const codebook: CodebookContent = {
        purpose: input.purpose,
        options,
        madeOn,
        families: built.families,
        rows: built.rowCount,
        variables: codebookVariables(options, built.extraVariables),
      };
      const zip = new JSZip();
      const date = ctx.clock.now();
      zip.file(CSV_NAME, built.csv, { date });
      zip.file(CODEBOOK_NAME, renderCodebook(codebook), { date });
      const bytes = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
      return { id: row.id, zip: bytes, fileName: `forskningsuttag-${madeOn}.zip`, families: built.families, rows: built.rowCount };
    },
    { isolationLevel: "repeatable read" },
  );
}

export interface LoggedExport {
  id: string;
  createdAt: Date;
  createdBy: string;
  purpose: string;
  from: string | null;
  to: string | null;
  exactDates: boolean;
  caseTypeAndHousehold: boolean;
  families: number | null;
  rowCount: number;
}

const loggedOptions = z.object({
  from: z.string().nullable().catch(null),
  to: z.string().nullable().catch(null),
  exactDates: z.boolean().catch(false),
  caseTypeAndHousehold: z.boolean().catch(false),
  families: z.number().int().nullable().catch(null),
});

/** The municipality's past exports, newest first. Names staff (the exporter), no family: not audited as a display of personal data. */
export async function listExports(ctx: ServiceContext): Promise<LoggedExport[]> {
  const { actor } = await authorize(ctx, "research.export");
  const rows = await store.exportsOf(ctx.db, actor.municipalityId);
  return rows.map((r) => {
    const o = loggedOptions.parse(r.options ?? {});
    return {
      id: r.id,
      createdAt: r.createdAt,
      createdBy: r.createdByName,
      purpose: r.purpose,
      from: o.from,
      to: o.to,
      exactDates: o.exactDates,
      caseTypeAndHousehold: o.caseTypeAndHousehold,
      families: o.families,
      rowCount: r.rowCount,
    };
  });
}
