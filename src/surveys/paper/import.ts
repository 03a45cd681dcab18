/**
 * A file of returned paper forms after meetings (CSV or XLSX), read without I/O: the header's
 * columns, and each row as the meeting it is about (the family's case-file number and the day the
 * meeting was held), the respondent's role, a child's age band and one answer per item of the
 * instrument. Every problem is reported with its row and column; the service imports nothing when
 * there is one (decision 0046).
 */
import { parseCaseFileNumber } from "../../families/index.ts";
import type { Cell as UploadCell } from "../../platform/csv.ts";
import { readDate } from "../../platform/date-input.ts";
import type { IsoDate } from "../../platform/dates.ts";
import type { Content } from "../model.ts";
import { type AnswerInput, responsesMessages } from "../responses/index.ts";

/** At most this many answers (rows below the header) in one file; checked before the file is parsed. */
export const IMPORT_ROWS_MAX = 1000;
/** At most this many bytes in one file. */
export const IMPORT_BYTES_MAX = 2 * 1024 * 1024;

export const importColumns = ["caseFile", "heldOn", "meetingType", "role", "ageBand"] as const;
export type ImportColumn = (typeof importColumns)[number];

/** The header names a column is known by (lower case); the first is the one the page shows. */
export const columnNames: Record<ImportColumn, string[]> = {
  caseFile: ["aktnummer", "diarienummer", "case_file_number", "case file number"],
  heldOn: ["mötesdatum", "motesdatum", "datum", "held_on", "meeting date"],
  meetingType: ["mötestyp", "motestyp", "meeting_type", "meeting type"],
  role: ["roll", "respondent_role", "role"],
  ageBand: ["åldersgrupp", "aldersgrupp", "age_band", "age band"],
};

const paperRoleCodes = ["parent_with_problem", "parent_without_problem", "child"] as const;
export type ImportRole = (typeof paperRoleCodes)[number];

export interface ImportError {
  /** The file's row (the header is row 1). */
  row: number;
  /** The column as its header is written in the file; "fil" for the file as a whole. */
  column: string;
  messageKey: string;
}

export interface ImportRow {
  row: number;
  caseFile: string;
  heldOn: IsoDate;
  /** As written, when the file names the meeting type; matched against the type's key and name. */
  meetingType: string | null;
  role: ImportRole;
  ageBand: string | null;
  answers: AnswerInput[];
}

/** The role as a code, or as the catalogs write it in Swedish or English ("Barn", "Förälder med missbruksproblem"). */
function readRole(text: string): ImportRole | null {
  const t = text.trim().toLowerCase();
  for (const code of paperRoleCodes) {
    if (t === code) return code;
    for (const lang of ["sv", "en"] as const) if (responsesMessages[lang]?.[`responses.role.${code}`]?.toLowerCase() === t) return code;
  }
  return null;
}

const dontKnowWords = new Set([
  "vet inte",
  "vet ej",
  "vet inte / vill inte svara",
  "vill inte svara",
  "don't know",
  "dont know",
  "dont_know",
]);

const text = (cell: UploadCell | undefined): string => (cell === null || cell === undefined ? "" : String(cell).trim());

/** The file's header: which column holds what, the item columns by item key, and a header no one knows. */
function readHeader(header: UploadCell[], content: Content) {
  const columns = new Map<ImportColumn, number>();
  const items = new Map<string, number>();
  const errors: ImportError[] = [];
  const itemKeys = new Map(content.items.map((i) => [i.key.toLowerCase(), i.key]));
  header.forEach((cell, index) => {
    const name = text(cell).toLowerCase();
    if (name === "") return;
    const column = importColumns.find((c) => columnNames[c].includes(name));
    const item = itemKeys.get(name);
    if (column && !columns.has(column)) columns.set(column, index);
    else if (item && !items.has(item)) items.set(item, index);
    else
      errors.push({
        row: 1,
        column: text(cell),
        messageKey: column || item ? "responses.import.duplicateColumn" : "responses.import.unknownColumn",
      });
  });
  for (const required of ["caseFile", "heldOn", "role"] as const) {
    if (!columns.has(required))
      errors.push({ row: 1, column: columnNames[required][0] as string, messageKey: "responses.import.missingColumn" });
  }
  if (items.size === 0) errors.push({ row: 1, column: "fil", messageKey: "responses.import.noItemColumns" });
  return { columns, items, errors, names: header.map(text) };
}

/** An item's cell: a value on the scale as a number, "vet inte" as don't know, empty as unanswered; else null (an error). */
function readAnswer(cell: UploadCell | undefined, itemKey: string): AnswerInput | null {
  if (typeof cell === "number") return Number.isInteger(cell) ? { itemKey, value: cell, dontKnow: false } : null;
  const t = text(cell).toLowerCase();
  if (t === "") return { itemKey, value: null, dontKnow: false };
  if (dontKnowWords.has(t)) return { itemKey, value: null, dontKnow: true };
  return /^\d{1,2}$/.test(t) ? { itemKey, value: Number(t), dontKnow: false } : null;
}

/**
 * The rows of the file against the instrument's items: each row read in full, every error of every
 * row kept. Blank rows are skipped. Scale values are checked by the service (checkAnswers), with the
 * other rules that need the database.
 */
export function readImport(table: UploadCell[][], content: Content): { rows: ImportRow[]; errors: ImportError[] } {
  const [header = [], ...body] = table;
  const h = readHeader(header, content);
  if (h.errors.length > 0) return { rows: [], errors: h.errors };
  const nameOf = (index: number) => h.names[index] ?? "";
  const rows: ImportRow[] = [];
  const errors: ImportError[] = [];
  body.forEach((cells, i) => {
    const row = i + 2;
    if (cells.every((c) => text(c) === "")) return;
    const at = (c: ImportColumn) => {
      const index = h.columns.get(c);
      return index === undefined ? undefined : cells[index];
    };
    const refuse = (c: ImportColumn, messageKey: string) => {
      const index = h.columns.get(c);
      errors.push({ row, column: index === undefined ? (columnNames[c][0] as string) : nameOf(index), messageKey });
    };
    const before = errors.length;

    const caseFile = parseCaseFileNumber(text(at("caseFile")));
    if (!caseFile.ok || caseFile.value === null) refuse("caseFile", caseFile.ok ? "responses.import.caseFileRequired" : caseFile.error);
    const heldOn = text(at("heldOn")) === "" ? null : readDate(text(at("heldOn")));
    if (!heldOn) refuse("heldOn", text(at("heldOn")) === "" ? "responses.import.heldOnRequired" : "responses.import.heldOnInvalid");
    const role = readRole(text(at("role")));
    if (!role) refuse("role", text(at("role")) === "" ? "responses.paper.chooseRole" : "responses.import.roleUnknown");
    const bandText = text(at("ageBand"))
      .replace(/-/g, "–")
      .replace(/\s*år$/i, "");
    const ageBand = bandText === "" ? null : bandText;
    const forChild = content.audience === "child";
    if (role && forChild !== (role === "child")) refuse("role", "responses.paper.roleMismatch");
    else if (role === "child" && ageBand === null) refuse("ageBand", "responses.paper.ageBand");
    else if (role === "child" && ageBand !== null && !["0–2", "3–5", "6–9", "10–12", "13–17", "18+"].includes(ageBand))
      refuse("ageBand", "responses.import.ageBandUnknown");
    else if (role && role !== "child" && ageBand !== null) refuse("ageBand", "responses.error.ageBandOnlyChild");

    const answers: AnswerInput[] = [];
    for (const [itemKey, index] of h.items) {
      const answer = readAnswer(cells[index], itemKey);
      if (!answer) errors.push({ row, column: nameOf(index), messageKey: "responses.import.valueInvalid" });
      else if (answer.value !== null || answer.dontKnow) answers.push(answer);
    }
    if (answers.length === 0 && errors.length === before)
      errors.push({ row, column: nameOf([...h.items.values()][0] ?? 0), messageKey: "responses.paper.noAnswers" });

    if (errors.length === before && caseFile.ok && caseFile.value && heldOn && role) {
      const typeText = text(at("meetingType"));
      rows.push({ row, caseFile: caseFile.value, heldOn, meetingType: typeText === "" ? null : typeText, role, ageBand, answers });
    }
  });
  if (rows.length === 0 && errors.length === 0) errors.push({ row: 1, column: "fil", messageKey: "responses.import.noRows" });
  return { rows, errors };
}

/** Where a row's error goes in problem+json: `rows.<row>.<column>`. */
export const errorField = (e: ImportError) => `rows.${e.row}.${e.column}`;
