/**
 * The zip-bomb guard for an uploaded XLSX (decision 0050): what it may unpack to is checked before
 * exceljs reads it, so that a small upload cannot take the memory. Every XLSX import goes through it
 * (platform/upload.ts, the economy's and the outcomes' imports).
 */
import JSZip from "jszip";

export interface XlsxLimits {
  /** All parts together, unpacked. */
  unpackedBytes: number;
  /** How many parts the zip may have. */
  entries: number;
  /** Rows per worksheet. */
  sheetRows: number;
}

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
