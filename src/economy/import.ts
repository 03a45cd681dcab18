/**
 * The finance system's export, read without I/O: CSV text to cells, the header's columns, each row
 * to a cost (account, year, half-year, amount), and the mapping of accounts to categories. Every
 * problem is reported per row and column; the service imports nothing when there is one.
 */
import type { Cell, Table } from "../platform/csv.ts";
import { readDate } from "../platform/date-input.ts";
import { type CostCategory, costCategories, LABEL_MAX } from "./model.ts";
import { kronorFromNumber, type MoneyParse, parseKronor } from "./money.ts";

export type { Cell, Table } from "../platform/csv.ts";
/** The finance system's CSV export read into cells: the platform's one CSV reader. */
export { parseCsv } from "../platform/csv.ts";

export const IMPORT_ROWS_MAX = 5000;

export const importColumns = ["account", "text", "year", "halfYear", "period", "amount"] as const;
export type ImportColumn = (typeof importColumns)[number];

/** Header names the exports use, lower case. */
const aliases: Record<ImportColumn, string[]> = {
  account: ["konto", "kontonummer", "kontonr", "account"],
  text: ["kontonamn", "kontotext", "benämning", "text", "beskrivning", "description"],
  year: ["år", "ar", "räkenskapsår", "year"],
  halfYear: ["halvår", "halvar", "half_year", "halfyear"],
  period: ["period", "datum", "bokföringsdatum", "månad", "date"],
  amount: ["belopp", "utfall", "summa", "kostnad", "amount"],
};

export interface RowError {
  /** The row of the file (the header is row 1), or of the API's list (the first is row 1). */
  row: number;
  column: ImportColumn | "_file";
  messageKey: string;
  params?: Record<string, string | number>;
}

export interface RawRow {
  row: number;
  account: string;
  text: string | null;
  year: number;
  halfYear: number | null;
  amount: number;
}

const cellText = (c: Cell | undefined): string => (c === null || c === undefined ? "" : typeof c === "number" ? String(c) : c.trim());

/** The column index of each known header; the first row that names both an account and an amount column is the header. */
export function findHeader(table: Table): { headerRow: number; columns: Partial<Record<ImportColumn, number>> } | null {
  for (let r = 0; r < Math.min(table.length, 10); r++) {
    const columns: Partial<Record<ImportColumn, number>> = {};
    (table[r] ?? []).forEach((cell, i) => {
      const name = cellText(cell).toLowerCase();
      for (const col of importColumns) if (aliases[col].includes(name) && columns[col] === undefined) columns[col] = i;
    });
    if (columns.account !== undefined && columns.amount !== undefined) return { headerRow: r, columns };
  }
  return null;
}

function readYear(cell: Cell | undefined): number | null {
  const s = cellText(cell);
  return /^\d{4}$/.test(s) ? Number(s) : null;
}

/**
 * "2019-03", "201903", "2019-03-31", a date cell read as ISO text, or a date as Swedes type it
 * ("31/3 2019", "31 mars 2019", decision 0041): the year and the half-year.
 */
export function readPeriod(cell: Cell | undefined): { year: number; halfYear: number } | null {
  const s = cellText(cell);
  const m = /^(\d{4})-?(\d{2})(?:-\d{2}(?:T.*)?)?$/.exec(s) ?? /^(\d{4})-(\d{2})-\d{2}$/.exec(readDate(s) ?? "");
  if (!m) return null;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  return { year: Number(m[1]), halfYear: month <= 6 ? 1 : 2 };
}

function readMoney(cell: Cell | undefined): MoneyParse {
  if (typeof cell === "number") return kronorFromNumber(cell, { allowNegative: true });
  return parseKronor(cellText(cell), { allowNegative: true });
}

/** Each data row of the table as a cost line, or the errors of its cells. Empty rows are skipped. */
export function readRows(table: Table): { rows: RawRow[]; errors: RowError[] } {
  const header = findHeader(table);
  if (!header) return { rows: [], errors: [{ row: 1, column: "_file", messageKey: "economy.import.noHeader" }] };
  const { headerRow, columns } = header;
  const errors: RowError[] = [];
  if (columns.year === undefined && columns.period === undefined)
    errors.push({ row: headerRow + 1, column: "year", messageKey: "economy.import.noYearColumn" });
  const rows: RawRow[] = [];
  const data = table.slice(headerRow + 1);
  if (data.filter((r) => r.some((c) => cellText(c) !== "")).length > IMPORT_ROWS_MAX)
    return { rows: [], errors: [{ row: 1, column: "_file", messageKey: "economy.import.tooManyRows", params: { max: IMPORT_ROWS_MAX } }] };
  data.forEach((cells, i) => {
    const row = headerRow + 2 + i;
    if (!cells.some((c) => cellText(c) !== "")) return;
    const at = (col: ImportColumn) => (columns[col] === undefined ? undefined : cells[columns[col] as number]);
    const before = errors.length;
    const account = cellText(at("account"));
    if (account === "") errors.push({ row, column: "account", messageKey: "economy.import.accountMissing" });
    else if (account.length > LABEL_MAX) errors.push({ row, column: "account", messageKey: "economy.import.accountTooLong" });
    const text = cellText(at("text")) || null;
    let year: number | null = null;
    let halfYear: number | null = null;
    const yearCell = cellText(at("year"));
    const periodCell = cellText(at("period"));
    if (yearCell !== "") {
      year = readYear(at("year"));
      if (year === null) errors.push({ row, column: "year", messageKey: "economy.import.yearInvalid" });
    }
    if (periodCell !== "") {
      const p = readPeriod(at("period"));
      if (!p) errors.push({ row, column: "period", messageKey: "economy.import.periodInvalid" });
      else {
        if (yearCell === "") year = p.year;
        else if (year !== null && year !== p.year) errors.push({ row, column: "period", messageKey: "economy.import.periodOtherYear" });
        halfYear = p.halfYear;
      }
    }
    if (yearCell === "" && periodCell === "") {
      const column = columns.year !== undefined ? "year" : "period";
      errors.push({ row, column, messageKey: column === "year" ? "economy.import.yearInvalid" : "economy.import.periodInvalid" });
    }
    if (columns.halfYear !== undefined && cellText(at("halfYear")) !== "") {
      const h = cellText(at("halfYear"));
      if (h === "1" || h === "2") halfYear = Number(h);
      else errors.push({ row, column: "halfYear", messageKey: "economy.import.halfYearInvalid" });
    }
    const money = readMoney(at("amount"));
    if (!money.ok) errors.push({ row, column: "amount", messageKey: money.messageKey });
    if (errors.length === before && year !== null && money.ok) rows.push({ row, account, text, year, halfYear, amount: money.value });
  });
  if (rows.length === 0 && errors.length === 0) errors.push({ row: headerRow + 2, column: "_file", messageKey: "economy.import.noRows" });
  return { rows, errors };
}

export interface AccountMapping {
  category: CostCategory;
  label: string | null;
}

/**
 * A first guess from the Swedish chart of accounts (BAS): 50–51 premises, 70–72 salaries, 73–75
 * payroll overhead, 761x training, 65–68 other services, other 4–7 operating costs.
 */
export function guessCategory(account: string): CostCategory | null {
  if (!/^\d{4}/.test(account)) return null;
  const n = Number(account.slice(0, 4));
  if (n >= 5000 && n < 5200) return "premises";
  if (n >= 7000 && n < 7300) return "labour";
  if (n >= 7300 && n < 7600) return "payroll_overhead";
  if (n >= 7610 && n < 7620) return "training";
  if (n >= 6500 && n < 6900) return "other_services";
  if (n >= 4000 && n < 8000) return "other_operating";
  return null;
}

export interface ImportLine extends RawRow {
  category: CostCategory;
  label: string | null;
}

/** The rows with their categories; a row whose account has none, or whose year is outside the period, is an error. */
export function applyMapping(
  rows: RawRow[],
  mapping: Record<string, AccountMapping | undefined>,
  period: { fromYear: number; toYear: number },
): { lines: ImportLine[]; errors: RowError[] } {
  const lines: ImportLine[] = [];
  const errors: RowError[] = [];
  for (const r of rows) {
    const m = mapping[r.account];
    let ok = true;
    if (r.year < period.fromYear || r.year > period.toYear) {
      errors.push({
        row: r.row,
        column: "year",
        messageKey: "economy.import.yearOutside",
        params: { from: period.fromYear, to: period.toYear },
      });
      ok = false;
    }
    if (!m) {
      errors.push({ row: r.row, column: "account", messageKey: "economy.import.accountUnmapped", params: { account: r.account } });
      ok = false;
    } else if (m.category === "other" && !m.label) {
      errors.push({ row: r.row, column: "account", messageKey: "economy.import.accountLabelMissing", params: { account: r.account } });
      ok = false;
    }
    if (ok && m) lines.push({ ...r, category: m.category, label: m.category === "other" ? m.label : null });
  }
  return { lines, errors };
}

/** The distinct accounts of the rows, in the order they first appear, with their text. */
export function accountsOf(rows: RawRow[]): Array<{ account: string; text: string | null }> {
  const seen = new Map<string, string | null>();
  for (const r of rows) if (!seen.has(r.account)) seen.set(r.account, r.text);
  return [...seen].map(([account, text]) => ({ account, text }));
}

/** The stored mapping where there is one, else the guess. */
export function effectiveMapping(
  accounts: Array<{ account: string }>,
  stored: Record<string, AccountMapping>,
  chosen: Record<string, AccountMapping | undefined> = {},
): Record<string, AccountMapping | undefined> {
  const out: Record<string, AccountMapping | undefined> = {};
  for (const { account } of accounts) {
    const guess = guessCategory(account);
    out[account] = chosen[account] ?? stored[account] ?? (guess ? { category: guess, label: null } : undefined);
  }
  return out;
}

export const isCostCategory = (v: string): v is CostCategory => (costCategories as readonly string[]).includes(v);
