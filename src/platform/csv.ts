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
