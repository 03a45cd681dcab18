/**
 * The zip-bomb guard for an uploaded XLSX (decision 0050): what it may unpack to is checked before
 * exceljs reads it, so that a small upload cannot take the memory. Every XLSX import goes through it:
 * platform/upload.ts (the paper answers' and the campaigns' imports) and the economy's reader (the
 * cost imports, and the outcomes' and comparison groups' imports through the economy's front door).
 * The cells are counted too (decision 0057): a sheet of few rows can hold a million cells, and each
 * cell costs exceljs far more than its bytes.
 */
import JSZip from "jszip";

export interface XlsxLimits {
  /** All parts together, unpacked. */
  unpackedBytes: number;
  /** How many parts the zip may have. */
  entries: number;
  /** Rows per worksheet. */
  sheetRows: number;
  /** Cells (`<c>` elements) per worksheet. */
  sheetCells: number;
}

/** The cells any import reads from a worksheet at most: 200 000 (5 000 rows of 40 columns). */
export const SHEET_CELLS_MAX = 200_000;

/** Why an XLSX was refused before it was read: too big unpacked, too many parts, rows or cells, or not a zip at all. */
export class XlsxRefused extends Error {
  constructor(readonly reason: "unreadable" | "unpackedTooLarge" | "tooManyRows" | "tooManyCells") {
    super(`xlsx refused: ${reason}`);
  }
}

/** The private size a zip entry's central directory declares (jszip keeps it as `_data`). */
const declaredSize = (entry: JSZip.JSZipObject) =>
  (entry as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0;

/**
 * The zip-bomb guard: the central directory's declared sizes first (nothing unpacked), then every
 * part unpacked as a stream and counted, the bytes dropped as they come, so that a part that lies
 * about its size is stopped at the limit too; the worksheets' `<row>` and `<c>` tags (with or without
 * a namespace prefix) are counted on the way.
 * Memory stays at one chunk, whatever the file claims or holds.
 */
export async function checkXlsx(data: Buffer, limits: XlsxLimits): Promise<void> {
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
    let cells = 0;
    let tail = "";
    await new Promise<void>((resolve, reject) => {
      const helper = (entry as unknown as { internalStream(type: "uint8array"): StreamHelper }).internalStream("uint8array");
      let stopped = false;
      const stop = (reason: XlsxRefused["reason"]) => {
        stopped = true;
        helper.pause();
        reject(new XlsxRefused(reason));
      };
      helper
        .on("data", (chunk) => {
          if (stopped) return;
          unpacked += chunk.length;
          if (unpacked > limits.unpackedBytes) return stop("unpackedTooLarge");
          if (!sheet) return;
          const text = tail + Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString("latin1");
          let end = 0;
          for (const m of text.matchAll(TAG)) {
            if (m[1] === "row") rows++;
            else cells++;
            end = m.index + m[0].length;
          }
          // A tag cut between two chunks is counted with the next one: keep the text after the last
          // tag counted, at most a tag's start long, so that nothing is counted twice.
          tail = text.slice(Math.max(end, text.length - TAG_START_MAX));
          if (rows > limits.sheetRows) return stop("tooManyRows");
          if (cells > limits.sheetCells) return stop("tooManyCells");
        })
        .on("error", () => reject(new XlsxRefused("unreadable")))
        .on("end", () => resolve())
        .resume();
    });
  }
}

/** A row's or a cell's start tag, with or without a namespace prefix (`<row `, `<x:c>`, `<c/>`). */
const TAG = /<(?:[A-Za-z_][\w.-]{0,15}:)?(row|c)[\s>/]/g;
/** The longest start of a tag that TAG can match: `<`, a prefix of 16 and its colon, `row`, one more. */
const TAG_START_MAX = 22;

/** jszip's own stream (StreamHelper): each chunk handed to `data` and dropped, paused at once when told. */
interface StreamHelper {
  on(event: "data", listener: (chunk: Uint8Array) => void): StreamHelper;
  on(event: "error", listener: (e: Error) => void): StreamHelper;
  on(event: "end", listener: () => void): StreamHelper;
  resume(): StreamHelper;
  pause(): StreamHelper;
}
