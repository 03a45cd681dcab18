/**
 * Long-term outcomes, pure: the rules of a recorded follow-up (school attendance only with the
 * guardians' consent), the reading of a journal-system extract or a comparison group's file (column
 * mapping, yes/no values, every problem per row and column), and the side-by-side counts.
 */
import { z } from "zod";
import type { Cell, Table } from "../economy/index.ts";
import { parseIdentityNumber } from "../families/index.ts";
import { readDate as readTypedDate } from "../platform/date-input.ts";
import { parseIsoDate } from "../platform/dates.ts";

export type { Cell, Table };

export const horizons = [1, 2] as const;
export type Horizon = (typeof horizons)[number];
export const measures = ["emergency_placement", "re_referral", "school_attendance_kept", "further_support"] as const;
export type Measure = (typeof measures)[number];
export const schoolValues = ["kept", "not_kept"] as const;
export type SchoolAttendance = (typeof schoolValues)[number];
export const IMPORT_ROWS_MAX = 5000;
export const REASON_MAX = 500;

export const isUuid = (v: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);

/** The date `years` after `date` (29 February goes to 28 February, as PostgreSQL's interval does). */
export function yearsAfter(date: string, years: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const year = y + years;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const day = m === 2 && d === 29 && !leap ? 28 : d;
  return `${year}-${String(m).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

// ---- A recorded follow-up ----

/**
 * A recorded follow-up, from the form or the API (the one schema both use; decision 0035): the
 * schema shapes the answers, `checkRecord` says which are missing for the outcome chosen.
 */
export const recordInput = z
  .object({
    outcome: z.enum(["recorded", "not_possible"], { error: "outcomes.error.outcomeRequired" }),
    emergencyPlacement: z.boolean().nullable().optional(),
    reReferral: z.boolean().nullable().optional(),
    schoolConsent: z.boolean().nullable().optional(),
    schoolAttendance: z.enum(schoolValues).nullable().optional(),
    notPossibleReason: z.string().nullable().optional(),
    version: z.number("error.stale").int("error.stale").positive("error.stale"),
  })
  .describe("Registrerade utfall, eller att uppföljningen inte gick att göra (med skäl)");
export type RecordInput = Omit<z.output<typeof recordInput>, "version">;

/** The yes/no questions of the form, asked with two radio buttons each (an unanswered one stays null). */
export const recordRadios = ["emergencyPlacement", "reReferral", "schoolConsent"] as const;

export interface RecordValues {
  status: "recorded" | "not_possible";
  emergencyPlacement: boolean | null;
  reReferral: boolean | null;
  schoolConsent: boolean;
  schoolAttendance: SchoolAttendance | null;
  notPossibleReason: string | null;
}

/** The values to store, or the problems per field (message keys). */
export function checkRecord(input: RecordInput): { ok: true; values: RecordValues } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  if (input.outcome === "not_possible") {
    const reason = (input.notPossibleReason ?? "").trim();
    if (!reason) errors.notPossibleReason = "outcomes.error.reasonRequired";
    else if (reason.length > REASON_MAX) errors.notPossibleReason = "outcomes.error.reasonTooLong";
    if (Object.keys(errors).length > 0) return { ok: false, errors };
    return {
      ok: true,
      values: {
        status: "not_possible",
        emergencyPlacement: null,
        reReferral: null,
        schoolConsent: false,
        schoolAttendance: null,
        notPossibleReason: reason,
      },
    };
  }
  if (input.emergencyPlacement === undefined || input.emergencyPlacement === null)
    errors.emergencyPlacement = "outcomes.error.answerRequired";
  if (input.reReferral === undefined || input.reReferral === null) errors.reReferral = "outcomes.error.answerRequired";
  if (input.schoolConsent === undefined || input.schoolConsent === null) errors.schoolConsent = "outcomes.error.answerRequired";
  const attendance = input.schoolAttendance ?? null;
  if (input.schoolConsent === true && attendance === null) errors.schoolAttendance = "outcomes.error.attendanceRequired";
  if (input.schoolConsent !== true && attendance !== null) errors.schoolAttendance = "outcomes.error.attendanceWithoutConsent";
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    values: {
      status: "recorded",
      emergencyPlacement: input.emergencyPlacement as boolean,
      reReferral: input.reReferral as boolean,
      schoolConsent: input.schoolConsent === true,
      schoolAttendance: attendance,
      notPossibleReason: null,
    },
  };
}

// ---- Reading files ----

export const cellText = (c: Cell | undefined): string =>
  c === null || c === undefined ? "" : typeof c === "number" ? String(c) : c.trim();

/** ja/nej, j/n, yes/no, 1/0, sant/falskt (any case): the boolean, or undefined when not one of them. */
export function readYesNo(cell: Cell | undefined): boolean | undefined {
  const s = cellText(cell).toLowerCase();
  if (["ja", "j", "yes", "y", "1", "sant", "true", "x"].includes(s)) return true;
  if (["nej", "n", "no", "0", "falskt", "false"].includes(s)) return false;
  return undefined;
}

/** kept / not kept in the words an extract may use; undefined when not one of them. */
export function readAttendance(cell: Cell | undefined): SchoolAttendance | undefined {
  const s = cellText(cell).toLowerCase();
  if (["bibehållen", "bibehallen", "kept", "ja", "j", "1", "yes", "behållen"].includes(s)) return "kept";
  if (["ej bibehållen", "inte bibehållen", "ej bibehallen", "not_kept", "not kept", "nej", "n", "0", "no"].includes(s)) return "not_kept";
  return undefined;
}

function readHorizon(cell: Cell | undefined): Horizon | undefined {
  const s = cellText(cell).replace(/\s*år$/i, "");
  return s === "1" ? 1 : s === "2" ? 2 : undefined;
}

/** A cell's date: ISO text (a spreadsheet's date cell, a timestamp's first ten characters) or as Swedes type it (20/12 2026). */
function readDate(cell: Cell | undefined): string | undefined {
  const text = cellText(cell);
  const s = text.slice(0, 10);
  return parseIsoDate(s) ? s : (readTypedDate(text) ?? undefined);
}

function readCount(cell: Cell | undefined): number | undefined {
  const s = cellText(cell).replace(/\s/g, "");
  return /^\d{1,9}$/.test(s) ? Number(s) : undefined;
}

export interface FieldSpec {
  key: string;
  aliases: string[];
  required: boolean;
}

export const importKinds = ["outcomes", "comparison_records", "comparison_aggregates"] as const;
export type ImportKind = (typeof importKinds)[number];

/** The fields of each kind of file, with the header names an extract uses (lower case). */
export const fieldSpecs: Record<ImportKind, FieldSpec[]> = {
  outcomes: [
    { key: "identityNumber", aliases: ["personnummer", "pnr", "personnr", "identitetsnummer", "person"], required: true },
    { key: "horizon", aliases: ["horisont", "år efter", "uppföljning", "år", "horizon"], required: true },
    { key: "emergencyPlacement", aliases: ["akut placering", "akutplacering", "placering", "emergency_placement"], required: true },
    { key: "reReferral", aliases: ["ny aktualisering", "återaktualisering", "aktualisering", "re_referral"], required: true },
    { key: "schoolConsent", aliases: ["samtycke", "samtycke skola", "skolsamtycke", "school_consent"], required: true },
    { key: "schoolAttendance", aliases: ["skolnärvaro", "skolnarvaro", "närvaro", "school_attendance"], required: false },
  ],
  comparison_records: [
    { key: "referenceDate", aliases: ["referensdatum", "datum", "avslutsdatum", "reference_date"], required: true },
    { key: "horizon", aliases: ["horisont", "år efter", "år", "horizon"], required: true },
    { key: "emergencyPlacement", aliases: ["akut placering", "akutplacering", "placering", "emergency_placement"], required: false },
    { key: "reReferral", aliases: ["ny aktualisering", "återaktualisering", "aktualisering", "re_referral"], required: false },
    { key: "furtherSupport", aliases: ["fortsatt stöd", "fortsatt stod", "insats", "further_support"], required: false },
    { key: "schoolAttendance", aliases: ["skolnärvaro", "skolnarvaro", "närvaro", "school_attendance"], required: false },
  ],
  comparison_aggregates: [
    { key: "measure", aliases: ["mått", "matt", "utfall", "measure"], required: true },
    { key: "horizon", aliases: ["horisont", "år efter", "år", "horizon"], required: false },
    { key: "periodFrom", aliases: ["från", "fran", "period från", "period_from", "from"], required: true },
    { key: "periodTo", aliases: ["till", "period till", "period_to", "to"], required: true },
    { key: "numerator", aliases: ["antal", "täljare", "numerator", "med utfall"], required: true },
    { key: "denominator", aliases: ["av", "totalt", "nämnare", "namnare", "denominator"], required: true },
  ],
};

/** Column index per field: the chosen one, else the first header cell naming the field. */
export type Mapping = Record<string, number | undefined>;

export function guessMapping(kind: ImportKind, header: readonly Cell[], chosen: Record<string, string | undefined> = {}): Mapping {
  const out: Mapping = {};
  const names = header.map((c) => cellText(c).toLowerCase());
  for (const f of fieldSpecs[kind]) {
    const pick = chosen[f.key];
    if (pick !== undefined) {
      const n = Number(pick);
      out[f.key] = pick !== "" && Number.isInteger(n) && n >= 0 && n < header.length ? n : undefined;
      continue;
    }
    const i = names.findIndex((n) => f.aliases.includes(n));
    out[f.key] = i >= 0 ? i : undefined;
  }
  return out;
}

export interface RowError {
  /** The row of the file (the header is row 1), or of the API's list (the first is row 1). */
  row: number;
  /** A field key, or "_file". */
  column: string;
  messageKey: string;
  params?: Record<string, string | number>;
}

const measureWords: Record<string, Measure> = {
  emergency_placement: "emergency_placement",
  "akut placering": "emergency_placement",
  akutplacering: "emergency_placement",
  re_referral: "re_referral",
  "ny aktualisering": "re_referral",
  återaktualisering: "re_referral",
  further_support: "further_support",
  "fortsatt stöd": "further_support",
  school_attendance_kept: "school_attendance_kept",
  "skolnärvaro bibehållen": "school_attendance_kept",
  skolnärvaro: "school_attendance_kept",
};

/** A header that names a person or an identity number: refused in an anonymous comparison file. */
const personalHeader = /(personn|pnr|person ?nr|identitet|ssn|namn|name|född|fodd|adress|address)/i;
const identityLike = /^(\d{6}|\d{8})[-+]?\d{4}$/;

/** The header row is the first row; the rest are data. Empty rows are skipped. */
function dataRows(table: Table): Array<{ row: number; cells: Cell[] }> {
  return table
    .slice(1)
    .map((cells, i) => ({ row: i + 2, cells }))
    .filter((r) => r.cells.some((c) => cellText(c) !== ""));
}

export interface OutcomeRow {
  row: number;
  identityNumber: string;
  horizon: Horizon;
  emergencyPlacement: boolean;
  reReferral: boolean;
  schoolConsent: boolean;
  schoolAttendance: SchoolAttendance | null;
}

export interface RecordRow {
  row: number;
  referenceDate: string;
  horizon: Horizon;
  emergencyPlacement: boolean | null;
  reReferral: boolean | null;
  furtherSupport: boolean | null;
  schoolAttendance: SchoolAttendance | null;
}

export interface AggregateRow {
  row: number;
  measure: Measure;
  horizon: Horizon | null;
  periodFrom: string;
  periodTo: string;
  numerator: number;
  denominator: number;
}

function fileProblems(kind: ImportKind, table: Table, mapping: Mapping): RowError[] {
  const errors: RowError[] = [];
  if (table.length < 1 || (table[0] ?? []).every((c) => cellText(c) === ""))
    return [{ row: 1, column: "_file", messageKey: "outcomes.import.noHeader" }];
  const rows = dataRows(table);
  if (rows.length === 0) return [{ row: 2, column: "_file", messageKey: "outcomes.import.noRows" }];
  if (rows.length > IMPORT_ROWS_MAX)
    return [{ row: 1, column: "_file", messageKey: "outcomes.import.tooManyRows", params: { max: IMPORT_ROWS_MAX } }];
  for (const f of fieldSpecs[kind])
    if (f.required && mapping[f.key] === undefined) errors.push({ row: 1, column: f.key, messageKey: "outcomes.import.columnMissing" });
  const used = Object.entries(mapping).filter(([, v]) => v !== undefined);
  const seen = new Map<number, string>();
  for (const [key, index] of used) {
    if (seen.has(index as number)) errors.push({ row: 1, column: key, messageKey: "outcomes.import.columnTwice" });
    seen.set(index as number, key);
  }
  if (kind !== "outcomes") {
    // An anonymous file: no column may name a person or hold identity numbers, mapped or not.
    const header = table[0] ?? [];
    header.forEach((c, i) => {
      const name = cellText(c);
      const holdsNumbers = rows.some((r) => identityLike.test(cellText(r.cells[i]).replace(/\s/g, "")));
      if (personalHeader.test(name) || holdsNumbers)
        errors.push({ row: 1, column: "_file", messageKey: "outcomes.import.personalColumn", params: { column: name || String(i + 1) } });
    });
  }
  return errors;
}

/** The rows of an extract of outcomes, or their problems (identity numbers checked, not yet looked up). */
export function readOutcomeRows(table: Table, mapping: Mapping, today: string): { rows: OutcomeRow[]; errors: RowError[] } {
  const errors = fileProblems("outcomes", table, mapping);
  if (errors.length > 0) return { rows: [], errors };
  const rows: OutcomeRow[] = [];
  const at = (cells: Cell[], key: string) => (mapping[key] === undefined ? undefined : cells[mapping[key] as number]);
  const seen = new Map<string, number>();
  for (const { row, cells } of dataRows(table)) {
    const before = errors.length;
    const id = parseIdentityNumber(cellText(at(cells, "identityNumber")), today);
    if (!id.ok) errors.push({ row, column: "identityNumber", messageKey: "outcomes.import.identityInvalid" });
    const horizon = readHorizon(at(cells, "horizon"));
    if (horizon === undefined) errors.push({ row, column: "horizon", messageKey: "outcomes.import.horizonInvalid" });
    const emergency = readYesNo(at(cells, "emergencyPlacement"));
    if (emergency === undefined) errors.push({ row, column: "emergencyPlacement", messageKey: "outcomes.import.yesNoInvalid" });
    const reReferral = readYesNo(at(cells, "reReferral"));
    if (reReferral === undefined) errors.push({ row, column: "reReferral", messageKey: "outcomes.import.yesNoInvalid" });
    const consent = readYesNo(at(cells, "schoolConsent"));
    if (consent === undefined) errors.push({ row, column: "schoolConsent", messageKey: "outcomes.import.yesNoInvalid" });
    const attendanceText = cellText(at(cells, "schoolAttendance"));
    let attendance: SchoolAttendance | null = null;
    if (attendanceText !== "") {
      const a = readAttendance(at(cells, "schoolAttendance"));
      if (a === undefined) errors.push({ row, column: "schoolAttendance", messageKey: "outcomes.import.attendanceInvalid" });
      else if (consent === false) errors.push({ row, column: "schoolAttendance", messageKey: "outcomes.import.attendanceWithoutConsent" });
      else attendance = a;
    } else if (consent === true) errors.push({ row, column: "schoolAttendance", messageKey: "outcomes.import.attendanceRequired" });
    if (id.ok && horizon !== undefined) {
      const key = `${id.value.normalized}/${horizon}`;
      const first = seen.get(key);
      if (first !== undefined) errors.push({ row, column: "identityNumber", messageKey: "outcomes.import.duplicate", params: { first } });
      else seen.set(key, row);
    }
    if (errors.length === before && id.ok)
      rows.push({
        row,
        identityNumber: id.value.normalized,
        horizon: horizon as Horizon,
        emergencyPlacement: emergency as boolean,
        reReferral: reReferral as boolean,
        schoolConsent: consent as boolean,
        schoolAttendance: attendance,
      });
  }
  return { rows, errors };
}

function optionalYesNo(cells: Cell[], index: number | undefined, row: number, column: string, errors: RowError[]): boolean | null {
  if (index === undefined || cellText(cells[index]) === "") return null;
  const v = readYesNo(cells[index]);
  if (v === undefined) {
    errors.push({ row, column, messageKey: "outcomes.import.yesNoInvalid" });
    return null;
  }
  return v;
}

/** The anonymous records of a comparison group, or their problems. */
export function readRecordRows(table: Table, mapping: Mapping): { rows: RecordRow[]; errors: RowError[] } {
  const errors = fileProblems("comparison_records", table, mapping);
  if (errors.length > 0) return { rows: [], errors };
  const rows: RecordRow[] = [];
  for (const { row, cells } of dataRows(table)) {
    const before = errors.length;
    const at = (key: string) => (mapping[key] === undefined ? undefined : cells[mapping[key] as number]);
    const referenceDate = readDate(at("referenceDate"));
    if (!referenceDate) errors.push({ row, column: "referenceDate", messageKey: "outcomes.import.dateInvalid" });
    const horizon = readHorizon(at("horizon"));
    if (horizon === undefined) errors.push({ row, column: "horizon", messageKey: "outcomes.import.horizonInvalid" });
    const emergencyPlacement = optionalYesNo(cells, mapping.emergencyPlacement, row, "emergencyPlacement", errors);
    const reReferral = optionalYesNo(cells, mapping.reReferral, row, "reReferral", errors);
    const furtherSupport = optionalYesNo(cells, mapping.furtherSupport, row, "furtherSupport", errors);
    let schoolAttendance: SchoolAttendance | null = null;
    if (cellText(at("schoolAttendance")) !== "") {
      const a = readAttendance(at("schoolAttendance"));
      if (a === undefined) errors.push({ row, column: "schoolAttendance", messageKey: "outcomes.import.attendanceInvalid" });
      else schoolAttendance = a;
    }
    if (errors.length === before)
      rows.push({
        row,
        referenceDate: referenceDate as string,
        horizon: horizon as Horizon,
        emergencyPlacement,
        reReferral,
        furtherSupport,
        schoolAttendance,
      });
  }
  return { rows, errors };
}

/** The aggregates of a comparison group, or their problems. */
export function readAggregateRows(table: Table, mapping: Mapping): { rows: AggregateRow[]; errors: RowError[] } {
  const errors = fileProblems("comparison_aggregates", table, mapping);
  if (errors.length > 0) return { rows: [], errors };
  const rows: AggregateRow[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of dataRows(table)) {
    const before = errors.length;
    const at = (key: string) => (mapping[key] === undefined ? undefined : cells[mapping[key] as number]);
    const measure = measureWords[cellText(at("measure")).toLowerCase()];
    if (!measure) errors.push({ row, column: "measure", messageKey: "outcomes.import.measureInvalid" });
    const horizonText = cellText(at("horizon"));
    const horizon = horizonText === "" ? null : readHorizon(at("horizon"));
    if (horizon === undefined) errors.push({ row, column: "horizon", messageKey: "outcomes.import.horizonInvalid" });
    const periodFrom = readDate(at("periodFrom"));
    if (!periodFrom) errors.push({ row, column: "periodFrom", messageKey: "outcomes.import.dateInvalid" });
    const periodTo = readDate(at("periodTo"));
    if (!periodTo) errors.push({ row, column: "periodTo", messageKey: "outcomes.import.dateInvalid" });
    else if (periodFrom && periodTo < periodFrom) errors.push({ row, column: "periodTo", messageKey: "outcomes.import.periodReversed" });
    const numerator = readCount(at("numerator"));
    if (numerator === undefined) errors.push({ row, column: "numerator", messageKey: "outcomes.import.countInvalid" });
    const denominator = readCount(at("denominator"));
    if (denominator === undefined || denominator === 0)
      errors.push({ row, column: "denominator", messageKey: "outcomes.import.countInvalid" });
    else if (numerator !== undefined && numerator > denominator)
      errors.push({ row, column: "numerator", messageKey: "outcomes.import.numeratorTooLarge" });
    if (measure && horizon !== undefined && periodFrom && periodTo) {
      const key = `${measure}/${horizon}/${periodFrom}/${periodTo}`;
      const first = seen.get(key);
      if (first !== undefined) errors.push({ row, column: "measure", messageKey: "outcomes.import.duplicate", params: { first } });
      else seen.set(key, row);
    }
    if (errors.length === before)
      rows.push({
        row,
        measure: measure as Measure,
        horizon: horizon as Horizon | null,
        periodFrom: periodFrom as string,
        periodTo: periodTo as string,
        numerator: numerator as number,
        denominator: denominator as number,
      });
  }
  return { rows, errors };
}

// ---- Side by side ----

export interface Tally {
  n: number;
  total: number;
}

/** Counts a yes/no outcome over rows: n = yes, total = rows with an answer. */
export function tally<T>(rows: readonly T[], pick: (r: T) => boolean | null | undefined): Tally {
  let n = 0;
  let total = 0;
  for (const r of rows) {
    const v = pick(r);
    if (v === null || v === undefined) continue;
    total++;
    if (v) n++;
  }
  return { n, total };
}

/** Two periods overlap when neither ends before the other starts. */
export const overlaps = (a: { from: string; to: string }, b: { from: string; to: string }) => a.from <= b.to && b.from <= a.to;
