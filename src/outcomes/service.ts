/**
 * Long-term outcomes: the job that creates the 1- and 2-year follow-ups, their entry by staff (need
 * to know through the process), the import of a journal-system extract, comparison groups, and the
 * outcomes side by side with the comparison groups (suppressed like every statistic).
 */
import type { z } from "zod";
import { readUpload } from "../economy/index.ts";
import { municipalityPrecision } from "../organisation/index.ts";
import { audit, auditView } from "../platform/audit.ts";
import { authorize, type ServiceContext } from "../platform/context.ts";
import type { Db, DbOrTx } from "../platform/database.ts";
import type { IsoDate } from "../platform/dates.ts";
import { ConflictError, NotFoundError, parseOrThrow, ValidationError } from "../platform/errors.ts";
import { defaultPrecision, type Precision, shareOf } from "../platform/precision.ts";
import { suppressTable } from "../platform/suppression.ts";
import { auditDisplay, loadProcess, visibilityFor } from "../processes/index.ts";
import {
  type AggregateRow,
  type Cell,
  checkRecord,
  fieldSpecs,
  guessMapping,
  type Horizon,
  horizons,
  type ImportKind,
  isUuid,
  type Mapping,
  type Measure,
  measures,
  type OutcomeRow,
  type RecordRow,
  type RowError,
  readAggregateRows,
  readOutcomeRows,
  readRecordRows,
  recordInput,
  type Tally,
  tally,
} from "./model.ts";
import * as store from "./store.ts";

/** An import refused because of its rows: every row's problems, nothing imported. */
export class ImportRejectedError extends ValidationError {
  constructor(readonly rowErrors: RowError[]) {
    super(Object.fromEntries(rowErrors.map((e) => [`rows.${e.row}.${e.column}`, e.messageKey])));
  }
}

// ---- The job ----

/** Creates every follow-up that has come due (all municipalities); safe to run any number of times. */
export async function createDueFollowups(db: Db, today: IsoDate): Promise<{ created: number }> {
  return { created: await store.insertDueFollowups(db, today) };
}

// ---- Entry by staff ----

export interface DueItem {
  id: string;
  processId: string;
  horizon: number;
  dueOn: string;
  completedOn: string | null;
  familyName: string;
}

/** The open follow-ups that are due of the families the user works with; each family shown is audited. */
export async function listDue(ctx: ServiceContext, today: string = ctx.clock.today()): Promise<DueItem[]> {
  const auth = await authorize(ctx, "outcomes.record");
  return ctx.db.transaction(async (tx) => {
    const rows = await store.dueFollowups(tx, auth.actor.municipalityId, visibilityFor(auth), today);
    // One row for the list, naming every person shown (decision 0051).
    await auditView(tx, ctx, {
      action: "outcome_followup.list",
      recordType: "process",
      subjectPersonIds: rows.flatMap((r) => (r.familyPersonId ? [r.familyPersonId] : [])),
      detail: { processIds: [...new Set(rows.map((r) => r.processId))] },
    });
    return rows.map(({ familyPersonId: _, ...r }) => ({ ...r, familyName: r.familyName ?? "" }));
  });
}

export interface FollowupDetail {
  followup: store.FollowupRow;
  process: { id: string; completedOn: string | null; workModelName: string };
  guardians: Array<{ id: string; name: string }>;
  children: Array<{ id: string; name: string }>;
}

async function openFollowup(tx: DbOrTx, ctx: ServiceContext, id: string) {
  const auth = await authorize(ctx, "outcomes.record");
  if (!isUuid(id)) throw new NotFoundError();
  const row = await store.followup(tx, auth.actor.municipalityId, id);
  if (!row) throw new NotFoundError();
  // Need to know: a follow-up of a family one does not work with does not exist for one.
  const loaded = await loadProcess(tx, auth, row.processId);
  if (loaded.minimal) throw new NotFoundError();
  return { auth, row, loaded };
}

/** A follow-up with its family, as the process pages name a family; the display is audited. */
export async function getFollowup(ctx: ServiceContext, id: string): Promise<FollowupDetail> {
  return ctx.db.transaction(async (tx) => {
    const { row, loaded } = await openFollowup(tx, ctx, id);
    await auditDisplay(tx, ctx, loaded, "outcome_followup.view", { followupId: row.id, horizon: row.horizon });
    return {
      followup: row,
      process: { id: loaded.process.id, completedOn: loaded.process.completedOn, workModelName: loaded.process.workModelName },
      guardians: loaded.guardians.map((p) => ({ id: p.id, name: p.name })),
      children: loaded.children.map((p) => ({ id: p.id, name: p.name })),
    };
  });
}

/** Records a follow-up (or that it was not possible); school attendance only with the guardians' consent. */
export async function recordFollowup(ctx: ServiceContext, id: string, raw: z.input<typeof recordInput>): Promise<store.FollowupRow> {
  const input = parseOrThrow(recordInput, raw);
  return ctx.db.transaction(async (tx) => {
    const { auth, row } = await openFollowup(tx, ctx, id);
    if (row.dueOn > ctx.clock.today()) throw new ConflictError("outcomes.error.notDue", "_form");
    const checked = checkRecord(input);
    if (!checked.ok) throw new ValidationError(checked.errors);
    if (row.version !== input.version) throw new ConflictError();
    const values = { ...checked.values, source: "manual", recordedBy: auth.actor.id, recordedAt: ctx.clock.now() };
    if (!(await store.updateFollowup(tx, id, input.version, values))) throw new ConflictError();
    await audit(tx, ctx, {
      action: "outcome_followup.record",
      recordType: "process",
      recordId: row.processId,
      detail: {
        followupId: id,
        horizon: row.horizon,
        status: checked.values.status,
        emergencyPlacement: checked.values.emergencyPlacement,
        reReferral: checked.values.reReferral,
        schoolConsent: checked.values.schoolConsent,
        schoolAttendance: checked.values.schoolAttendance,
      },
    });
    return (await store.followup(tx, auth.actor.municipalityId, id)) as store.FollowupRow;
  });
}

// ---- Imports (an extract of outcomes, or a comparison group's file) ----

export const UPLOAD_MAX_BYTES = 5 * 1024 * 1024;

/** The economy reader's refusals of an XLSX before it is read, as the outcomes say them. */
const guardRefusals = {
  "economy.import.unpackedTooLarge": "outcomes.import.unpackedTooLarge",
  "economy.import.tooManyRowsFile": "outcomes.import.tooManyRowsFile",
  "economy.import.tooManyCells": "outcomes.import.tooManyCells",
} as const;

const permissionOf = (kind: ImportKind) => (kind === "outcomes" ? "outcomes.import" : "comparison.manage");

/** Keeps an uploaded file until its preview is confirmed; returns its id. */
export async function uploadFile(ctx: ServiceContext, kind: ImportKind, file: { fileName: string; data: Buffer } | null): Promise<string> {
  const { actor } = await authorize(ctx, permissionOf(kind));
  if (!file || file.data.length === 0) throw new ValidationError({ file: "outcomes.import.fileRequired" });
  if (file.data.length > UPLOAD_MAX_BYTES) throw new ValidationError({ file: "outcomes.import.fileTooLarge" });
  let read: { format: string; cells: Cell[][] };
  try {
    read = await readUpload(file.fileName, file.data);
  } catch (e) {
    // The zip-bomb guard's refusals (decision 0050, 0057) in the outcomes' words; anything else cannot be read.
    const key = e instanceof ValidationError ? e.fieldErrors.file : undefined;
    const refused = key !== undefined && key in guardRefusals ? guardRefusals[key as keyof typeof guardRefusals] : undefined;
    throw new ValidationError({ file: refused ?? "outcomes.import.unreadable" });
  }
  const fileName = file.fileName.replace(/[\\/]/g, "_").slice(0, 200) || "export";
  return ctx.db.transaction(async (tx) => {
    await store.deleteStaleUploads(tx, actor.municipalityId);
    const { id } = await store.insertUpload(tx, {
      municipalityId: actor.municipalityId,
      kind,
      fileName,
      format: read.format,
      cells: read.cells,
      createdBy: actor.id,
    });
    return id;
  });
}

export interface Preview<R> {
  kind: ImportKind;
  uploadId: string;
  fileName: string;
  /** The header row's names, for the mapping. */
  header: string[];
  mapping: Mapping;
  rows: R[];
  errors: RowError[];
}

/** The outcomes of the rows looked up: each person must have a due follow-up of that horizon. */
async function lookUpOutcomes(tx: DbOrTx, municipalityId: string, rows: OutcomeRow[], today: string) {
  const found = await store.dueFollowupsOfPersons(tx, municipalityId, [...new Set(rows.map((r) => r.identityNumber))], today);
  const errors: RowError[] = [];
  const matched: Array<OutcomeRow & { followupId: string; processId: string; version: number }> = [];
  const taken = new Map<string, number>();
  for (const r of rows) {
    const mine = found.filter((f) => f.identityNumber === r.identityNumber);
    if (mine.length === 0) {
      errors.push({ row: r.row, column: "identityNumber", messageKey: "outcomes.import.unknownPerson" });
      continue;
    }
    // The latest completed process with a due follow-up of the horizon.
    const due = mine
      .filter((f) => f.followupId !== null && f.horizon === r.horizon)
      .sort((a, b) => (b.completedOn ?? "").localeCompare(a.completedOn ?? ""))[0];
    if (!due?.followupId) {
      errors.push({ row: r.row, column: "horizon", messageKey: "outcomes.import.noDueFollowup", params: { horizon: r.horizon } });
      continue;
    }
    // Two members of one family in the same file answer the same follow-up twice.
    const first = taken.get(due.followupId);
    if (first !== undefined) {
      errors.push({ row: r.row, column: "identityNumber", messageKey: "outcomes.import.sameFamily", params: { first } });
      continue;
    }
    taken.set(due.followupId, r.row);
    matched.push({ ...r, followupId: due.followupId, processId: due.processId, version: due.version as number });
  }
  return { matched, errors };
}

type Evaluated =
  | { kind: "outcomes"; rows: Array<OutcomeRow & { followupId: string; processId: string; version: number }>; errors: RowError[] }
  | { kind: "comparison_records"; rows: RecordRow[]; errors: RowError[] }
  | { kind: "comparison_aggregates"; rows: AggregateRow[]; errors: RowError[] };

async function evaluateCells(
  tx: DbOrTx,
  municipalityId: string,
  kind: ImportKind,
  cells: Cell[][],
  mapping: Mapping,
  today: IsoDate,
): Promise<Evaluated> {
  if (kind === "outcomes") {
    const read = readOutcomeRows(cells, mapping, today);
    const looked = await lookUpOutcomes(tx, municipalityId, read.rows, today);
    const errors = [...read.errors, ...looked.errors].sort((a, b) => a.row - b.row);
    return { kind, rows: looked.matched, errors };
  }
  if (kind === "comparison_records") return { kind, ...readRecordRows(cells, mapping) };
  return { kind, ...readAggregateRows(cells, mapping) };
}

async function loadUpload(ctx: ServiceContext, kind: ImportKind, uploadId: string) {
  const { actor } = await authorize(ctx, permissionOf(kind));
  const found = isUuid(uploadId) ? await store.upload(ctx.db, actor.municipalityId, kind, uploadId) : undefined;
  if (!found) throw new NotFoundError();
  return { actor, found };
}

/** The rows as they will be imported with the chosen (or guessed) columns, and every row's problems; nothing is stored. */
export async function previewImport(
  ctx: ServiceContext,
  kind: ImportKind,
  uploadId: string,
  chosen: Record<string, string | undefined> = {},
): Promise<Preview<Evaluated["rows"][number]>> {
  const { actor, found } = await loadUpload(ctx, kind, uploadId);
  const header = (found.cells[0] ?? []).map((c) => (c === null ? "" : String(c)));
  const mapping = guessMapping(kind, found.cells[0] ?? [], chosen);
  const r = await evaluateCells(ctx.db, actor.municipalityId, kind, found.cells, mapping, ctx.clock.today());
  return { kind, uploadId, fileName: found.fileName, header, mapping, rows: r.rows, errors: r.errors };
}

export interface ImportResult {
  rowCount: number;
  groupId?: string;
}

/** Imports an extract of outcomes: every row or none, in one transaction; the upload is removed. */
async function importOutcomeCells(
  ctx: ServiceContext,
  source: { fileName: string; format: string; cells: Cell[][]; uploadId?: string },
  mapping: Mapping,
): Promise<ImportResult> {
  const { actor } = await authorize(ctx, "outcomes.import");
  return ctx.db.transaction(async (tx) => {
    const r = await evaluateCells(tx, actor.municipalityId, "outcomes", source.cells, mapping, ctx.clock.today());
    if (r.errors.length > 0 || r.kind !== "outcomes") throw new ImportRejectedError(r.errors);
    const now = ctx.clock.now();
    for (const row of r.rows) {
      const ok = await store.updateFollowup(tx, row.followupId, row.version, {
        status: "recorded",
        emergencyPlacement: row.emergencyPlacement,
        reReferral: row.reReferral,
        schoolConsent: row.schoolConsent,
        schoolAttendance: row.schoolAttendance,
        notPossibleReason: null,
        source: "import",
        recordedBy: actor.id,
        recordedAt: now,
      });
      if (!ok) throw new ConflictError();
    }
    if (source.uploadId) await store.deleteUpload(tx, source.uploadId);
    // The file's name and the count; never an identity number.
    await audit(tx, ctx, {
      action: "outcome_followup.import",
      recordType: "outcome_import",
      detail: { fileName: source.fileName, format: source.format, rowCount: r.rows.length },
    });
    return { rowCount: r.rows.length };
  });
}

export interface GroupInput {
  name: string;
  description: string;
}

function groupInputErrors(input: GroupInput): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!input.name.trim()) errors.name = "outcomes.group.nameRequired";
  else if (input.name.trim().length > 120) errors.name = "outcomes.group.nameTooLong";
  if (input.description.length > 1000) errors.description = "outcomes.group.descriptionTooLong";
  return errors;
}

/** Creates a comparison group from a file's rows: every row or none, and the group only with its rows. */
async function importGroupCells(
  ctx: ServiceContext,
  kind: "comparison_records" | "comparison_aggregates",
  source: { fileName: string; format: string; cells: Cell[][]; uploadId?: string },
  mapping: Mapping,
  input: GroupInput,
): Promise<ImportResult> {
  const { actor } = await authorize(ctx, "comparison.manage");
  const inputErrors = groupInputErrors(input);
  const r = await evaluateCells(ctx.db, actor.municipalityId, kind, source.cells, mapping, ctx.clock.today());
  if (r.errors.length > 0) throw new ImportRejectedError(r.errors);
  if (Object.keys(inputErrors).length > 0) throw new ValidationError(inputErrors);
  try {
    return await ctx.db.transaction(async (tx) => {
      const { id } = await store.insertGroup(tx, {
        municipalityId: actor.municipalityId,
        name: input.name.trim(),
        description: input.description.trim(),
        kind: kind === "comparison_records" ? "records" : "aggregate",
        createdBy: actor.id,
      });
      if (r.kind === "comparison_records") await store.insertRecords(tx, id, r.rows);
      if (r.kind === "comparison_aggregates") await store.insertAggregates(tx, id, r.rows);
      if (source.uploadId) await store.deleteUpload(tx, source.uploadId);
      await audit(tx, ctx, {
        action: "comparison_group.import",
        recordType: "comparison_group",
        recordId: id,
        detail: { name: input.name.trim(), kind: r.kind, fileName: source.fileName, format: source.format, rowCount: r.rows.length },
      });
      return { rowCount: r.rows.length, groupId: id };
    });
  } catch (e) {
    if (store.uniqueViolation(e) === "comparison_groups_name_unique") throw new ConflictError("outcomes.group.nameTaken", "name");
    throw e;
  }
}

/** Confirms an uploaded file's preview with the chosen columns (and, for a comparison group, its name). */
export async function confirmImport(
  ctx: ServiceContext,
  kind: ImportKind,
  uploadId: string,
  chosen: Record<string, string | undefined>,
  group: GroupInput = { name: "", description: "" },
): Promise<ImportResult> {
  const { found } = await loadUpload(ctx, kind, uploadId);
  const mapping = guessMapping(kind, found.cells[0] ?? [], chosen);
  const source = { fileName: found.fileName, format: found.format, cells: found.cells, uploadId };
  if (kind === "outcomes") return importOutcomeCells(ctx, source, mapping);
  return importGroupCells(ctx, kind, source, mapping, group);
}

/** The API's import: rows as JSON objects keyed by the fields, the same checks and the same all-or-nothing rule (row 1 = the first of the list). */
export async function importJson(
  ctx: ServiceContext,
  kind: ImportKind,
  rows: Array<Record<string, string | number | boolean | null | undefined>>,
  group: GroupInput = { name: "", description: "" },
): Promise<ImportResult> {
  const keys = fieldSpecs[kind].map((f) => f.key);
  const asCell = (v: string | number | boolean | null | undefined): Cell =>
    v === undefined || v === null ? null : typeof v === "boolean" ? (v ? "ja" : "nej") : v;
  const cells: Cell[][] = [keys, ...rows.map((r) => keys.map((k) => asCell(r[k])))];
  const mapping: Mapping = Object.fromEntries(keys.map((k, i) => [k, i]));
  try {
    const source = { fileName: "api", format: "json", cells };
    if (kind === "outcomes") return await importOutcomeCells(ctx, source, mapping);
    return await importGroupCells(ctx, kind, source, mapping, group);
  } catch (e) {
    if (e instanceof ImportRejectedError)
      throw new ImportRejectedError(
        e.rowErrors.map((r) => ({
          ...r,
          row: Math.max(1, r.row - 1),
          params: r.params && typeof r.params.first === "number" ? { ...r.params, first: r.params.first - 1 } : r.params,
        })),
      );
    throw e;
  }
}

// ---- Comparison groups ----

export async function listGroups(ctx: ServiceContext): Promise<store.GroupRow[]> {
  const { actor } = await authorize(ctx, "comparison.manage");
  return store.groupsOf(ctx.db, actor.municipalityId);
}

export async function deleteGroup(ctx: ServiceContext, id: string): Promise<void> {
  const { actor } = await authorize(ctx, "comparison.manage");
  if (!isUuid(id)) throw new NotFoundError();
  await ctx.db.transaction(async (tx) => {
    const found = await store.group(tx, actor.municipalityId, id);
    if (!found) throw new NotFoundError();
    await store.deleteGroup(tx, id);
    await audit(tx, ctx, {
      action: "comparison_group.delete",
      recordType: "comparison_group",
      recordId: id,
      detail: { name: found.name, kind: found.kind },
    });
  });
}

// ---- Side by side ----

export interface Figure {
  /** Sofia or the comparison group's id. */
  source: string;
  label: string;
  /** Null when suppressed (or no data). */
  n: number | null;
  total: number | null;
  percent: number | null;
  suppressed: boolean;
}

export interface ComparisonRow {
  measure: Measure;
  horizon: Horizon;
  figures: Figure[];
}

/**
 * Where Sofia's figures of emergency placement came from, per horizon (issue 18): the placement
 * records (a family with a placed child of the municipality's) or the follow-up as imported from
 * the journal system or entered; counts of follow-ups, hidden as a table of two cells
 * (null: "..") when either is small.
 */
export interface EmergencySources {
  horizon: Horizon;
  placements: number | null;
  followups: number | null;
}

export interface OutcomeComparison {
  from: string;
  to: string;
  minGroupSize: number;
  /** Absent in report versions stored before the placement records were read (issue 18). */
  emergencySources?: EmergencySources[];
  /** The municipality's decimals (decision 0045): the shares are rounded with them, half up; whole percent when not given. */
  precision?: Precision;
  groups: Array<{ id: string; name: string; kind: string }>;
  rows: ComparisonRow[];
}

/**
 * The figures of one measure and horizon as shown. Each source is its own population and no column
 * total is shown, so each is its own table of [n, N − n] (as src/followup/results.ts builds one):
 * a small n, or a small rest that would give n away, hides the share; a small N hides N too.
 */
export function showFigures(
  sources: Array<{ source: string; label: string; tally: Tally }>,
  min: number,
  precision: Precision = defaultPrecision,
): Figure[] {
  return sources.map((x) => {
    const s = suppressTable([[x.tally.n, x.tally.total - x.tally.n]], min);
    const shareHidden = (s.cells[0] ?? []).some(Boolean);
    const totalHidden = s.rowTotals[0] ?? false;
    return {
      source: x.source,
      label: x.label,
      n: shareHidden ? null : x.tally.n,
      total: totalHidden ? null : x.tally.total,
      percent: shareHidden ? null : shareOf(x.tally.n, x.tally.total, precision),
      suppressed: shareHidden || totalHidden,
    };
  });
}

type SofiaRow = Awaited<ReturnType<typeof store.recordedFollowups>>[number];

/** A follow-up's emergency placement: from the placement records where they exist for the family's children, else as recorded. */
const emergencyOf = (r: SofiaRow): boolean | null => (r.placementsRecorded ? r.emergencyFromPlacements : r.emergencyPlacement);

function sofiaTally(rows: SofiaRow[], measure: Measure): Tally {
  if (measure === "emergency_placement") return tally(rows, emergencyOf);
  if (measure === "re_referral") return tally(rows, (r) => r.reReferral);
  if (measure === "further_support") return tally(rows, (r) => r.furtherSupport);
  return tally(
    rows.filter((r) => r.schoolConsent),
    (r) => (r.schoolAttendance === null ? null : r.schoolAttendance === "kept"),
  );
}

type ComparisonRecordRow = Awaited<ReturnType<typeof store.recordsIn>>[number];

function recordTally(rows: ComparisonRecordRow[], measure: Measure): Tally {
  if (measure === "emergency_placement") return tally(rows, (r) => r.emergencyPlacement);
  if (measure === "re_referral") return tally(rows, (r) => r.reReferral);
  if (measure === "further_support") return tally(rows, (r) => r.furtherSupport);
  return tally(rows, (r) => (r.schoolAttendance === null ? null : r.schoolAttendance === "kept"));
}

/**
 * Per measure and horizon: Sofia's families completed in the period (their recorded follow-ups) and
 * each comparison group (records with a reference date in the period, aggregates overlapping it),
 * suppressed with the municipality's minimum group size. Neither authorized nor audited: the page
 * (outcomeComparison) and the interim report (src/reports/figures.ts) call it after their own checks.
 * The queries run one after the other (a transaction has one client).
 */
export async function computeOutcomeComparison(
  db: DbOrTx,
  municipalityId: string,
  period: { from: string; to: string },
): Promise<OutcomeComparison> {
  const m = municipalityId;
  const min = await store.minGroupSize(db, m);
  const precision = await municipalityPrecision(db, m);
  const groups = await store.groupsOf(db, m);
  const sofia = await store.recordedFollowups(db, m, period.from, period.to);
  const records = await store.recordsIn(db, m, period.from, period.to);
  const aggregates = await store.aggregatesOverlapping(db, m, period.from, period.to);
  const rows: ComparisonRow[] = [];
  for (const measure of measures)
    for (const horizon of horizons) {
      const sources = [
        {
          source: "sofia",
          label: "Sofia",
          tally: sofiaTally(
            sofia.filter((r) => r.horizon === horizon),
            measure,
          ),
        },
        ...groups.map((g) => {
          if (g.kind === "records")
            return {
              source: g.id,
              label: g.name,
              tally: recordTally(
                records.filter((r) => r.groupId === g.id && r.horizon === horizon),
                measure,
              ),
            };
          const mine = aggregates.filter(
            (a) => a.groupId === g.id && a.measure === measure && (a.horizon === null || a.horizon === horizon),
          );
          return {
            source: g.id,
            label: g.name,
            tally: { n: mine.reduce((s, a) => s + a.numerator, 0), total: mine.reduce((s, a) => s + a.denominator, 0) },
          };
        }),
      ];
      rows.push({ measure, horizon, figures: showFigures(sources, min, precision) });
    }
  const emergencySources = horizons.map((horizon) => {
    const mine = sofia.filter((r) => r.horizon === horizon && emergencyOf(r) !== null);
    const placements = mine.filter((r) => r.placementsRecorded).length;
    const followups = mine.length - placements;
    const hidden = suppressTable([[placements, followups]], min).cells[0] ?? [];
    return { horizon, placements: hidden[0] ? null : placements, followups: hidden[1] ? null : followups };
  });
  return {
    from: period.from,
    to: period.to,
    minGroupSize: min,
    precision,
    groups: groups.map((g) => ({ id: g.id, name: g.name, kind: g.kind })),
    rows,
    emergencySources,
  };
}

/** The side-by-side figures for the page (followup.view), audited. The comparison group is not randomised: the page says so. */
export async function outcomeComparison(ctx: ServiceContext, period: { from: string; to: string }): Promise<OutcomeComparison> {
  const { actor } = await authorize(ctx, "followup.view");
  if (period.from > period.to) throw new ValidationError({ to: "outcomes.results.periodReversed" });
  return ctx.db.transaction(async (tx) => {
    const comparison = await computeOutcomeComparison(tx, actor.municipalityId, period);
    await audit(tx, ctx, {
      action: "outcome_comparison.view",
      recordType: "outcome_comparison",
      detail: { from: period.from, to: period.to },
    });
    return comparison;
  });
}
