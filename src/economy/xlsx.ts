/** Reads the first worksheet of an XLSX export into cells (exceljs, decision 0022), after the zip-bomb guard (decision 0050). */
import JSZip from "jszip";
import { type ExcelJS, newWorkbook } from "../platform/excel.ts";
import { type Cell, IMPORT_ROWS_MAX, type Table } from "./import.ts";

/** What an XLSX may unpack to before exceljs reads it: all its parts together, how many parts, rows per worksheet. */
export const XLSX_LIMITS = { unpackedBytes: 30 * 1024 * 1024, entries: 500, sheetRows: IMPORT_ROWS_MAX + 10 };

/** Why an XLSX was refused before it was read: too big unpacked, too many parts or rows, or not a zip at all. */
export class XlsxRefused extends Error {
  constructor(readonly reason: "unreadable" | "unpackedTooLarge" | "tooManyRows") {
    super(`xlsx refused: ${reason}`);
  }
}

/** The private size a zip entry's central directory declares (jszip keeps it as `_data`). */
const declaredSize = (entry: JSZip.JSZipObject) =>
  (entry as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0;

/**
 * The zip-bomb guard: the central directory's declared sizes first (nothing unpacked), then every
 * part unpacked as a stream and counted, the bytes dropped as they come, so that a part that lies
 * about its size is stopped at the limit too; the worksheets' `<row` tags are counted on the way.
 * Memory stays at one chunk, whatever the file claims or holds.
 */
export async function checkXlsx(data: Buffer, limits = XLSX_LIMITS): Promise<void> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(data, { checkCRC32: false });
  } catch {
    throw new XlsxRefused("unreadable");
  }
  const entries = Object.values(zip.files).filter((e) => !e.dir);
  if (entries.length > limits.entries) throw new XlsxRefused("unpackedTooLarge");
  if (entries.reduce((n, e) => n + declaredSize(e), 0) > limits.unpackedBytes) throw new XlsxRefused("unpackedTooLarge");
  let unpacked = 0;
  for (const entry of entries) {
    const sheet = /^xl\/worksheets\/[^/]+\.xml$/i.test(entry.name);
    let rows = 0;
    let tail = "";
    await new Promise<void>((resolve, reject) => {
      const helper = (entry as unknown as { internalStream(type: "uint8array"): StreamHelper }).internalStream("uint8array");
      const stop = (reason: XlsxRefused["reason"]) => {
        helper.pause();
        reject(new XlsxRefused(reason));
      };
      helper
        .on("data", (chunk) => {
          unpacked += chunk.length;
          if (unpacked > limits.unpackedBytes) return stop("unpackedTooLarge");
          if (!sheet) return;
          const text = tail + Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString("latin1");
          rows += text.match(/<row[\s>]/g)?.length ?? 0;
          // A tag cut between two chunks is counted with the next one: keep its start.
          tail = text.slice(-4).includes("<") ? text.slice(text.lastIndexOf("<")) : "";
          if (rows > limits.sheetRows) stop("tooManyRows");
        })
        .on("error", () => reject(new XlsxRefused("unreadable")))
        .on("end", () => resolve())
        .resume();
    });
  }
}

/** jszip's own stream (StreamHelper): each chunk handed to `data` and dropped, paused at once when told. */
interface StreamHelper {
  on(event: "data", listener: (chunk: Uint8Array) => void): StreamHelper;
  on(event: "error", listener: (e: Error) => void): StreamHelper;
  on(event: "end", listener: () => void): StreamHelper;
  resume(): StreamHelper;
  pause(): StreamHelper;
}

function cellOf(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string") return value;
  if (typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("result" in value) return cellOf((value.result ?? null) as ExcelJS.CellValue);
    if ("text" in value) return String(value.text);
    if ("error" in value) return String(value.error);
  }
  return null;
}

/** The first worksheet's rows as cells; throws when the file is not a readable workbook. */
export async function readXlsx(data: Buffer): Promise<Table> {
  const workbook = await newWorkbook();
  await workbook.xlsx.load(data as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const table: Table = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: Cell[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellOf(row.getCell(c).value));
    table[rowNumber - 1] = cells;
  });
  for (let i = 0; i < table.length; i++) if (!table[i]) table[i] = [];
  return table;
}

/** Writes cells to a one-sheet workbook (tests and the sample export). */
export async function writeXlsx(table: Table, sheetName = "Export"): Promise<Buffer> {
  const workbook = await newWorkbook();
  const sheet = workbook.addWorksheet(sheetName);
  for (const row of table) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
