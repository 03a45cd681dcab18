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

/** A cell as read from an uploaded file: text, a number (a spreadsheet's), or empty. */
export type UploadCell = string | number | null;

/** How many lines the text has (a quoted line break counts too): a limit checked before the text is parsed. */
export const lineCount = (text: string): number => text.split("\n").filter((l) => l.trim() !== "").length;

/**
 * Reads CSV text into rows of cells: semicolon-separated (Swedish Excel) or comma-separated, as
 * the first line shows; quotes doubled inside a quoted field; the byte-order mark dropped.
 */
export function parseCsv(input: string): UploadCell[][] {
  const text = input.replace(/^\ufeff/, "");
  const firstLine = text.split(/\r?\n/).find((l) => l.trim() !== "") ?? "";
  const delimiter = outsideQuotes(firstLine, ";") >= outsideQuotes(firstLine, ",") && firstLine.includes(";") ? ";" : ",";
  const rows: UploadCell[][] = [];
  let row: UploadCell[] = [];
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

function outsideQuotes(line: string, ch: string): number {
  let n = 0;
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (c === ch && !quoted) n++;
  }
  return n;
}
