/**
 * CSV for Swedish Excel, shared by every export: semicolons, CRLF, the UTF-8 byte-order mark, and
 * cells a spreadsheet would run as a formula neutralised.
 */
export const CSV_BOM = "\uFEFF";

/**
 * One cell: a value a spreadsheet would read as a formula (= + - @, tab, CR) gets a leading `'`,
 * except a plain number ("-5", "-3,5") and a lone "-"; a value with a separator, quote or line break
 * is quoted with its quotes doubled.
 */
export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text) && text !== "-" && !/^-\d+([.,]\d+)?$/.test(text)) text = `'${text}`;
  return /[;"\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One line: the cells joined with semicolons, ended with CRLF. */
export const csvLine = (cells: ReadonlyArray<string | number | null | undefined>) => `${cells.map(csvCell).join(";")}\r\n`;

/** A cell read from an uploaded CSV or XLSX file. */
export type Cell = string | number | null;
export type Table = Cell[][];

function countOutsideQuotes(line: string, ch: string): number {
  let n = 0;
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (c === ch && !quoted) n++;
  }
  return n;
}

/**
 * Reads CSV text into rows of cells: semicolons (Swedish Excel) or commas, whichever the first line
 * has more of outside quotes; quotes doubled inside quoted fields; CRLF or LF; a leading BOM dropped.
 */
export function parseCsv(input: string): Table {
  const text = input.replace(/^\ufeff/, "");
  const firstLine = text.split(/\r?\n/).find((l) => l.trim() !== "") ?? "";
  const delimiter = firstLine.includes(";") && countOutsideQuotes(firstLine, ";") >= countOutsideQuotes(firstLine, ",") ? ";" : ",";
  const rows: Table = [];
  let row: Cell[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** How many lines a CSV text has (an upper bound of its rows), counted before it is parsed. */
export const lineCount = (text: string): number => (text.match(/\n/g)?.length ?? 0) + 1;
