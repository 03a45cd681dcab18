/**
 * XLSX files that attack the reader, built with jszip in the test (decision 0057): a tiny zip that
 * unpacks to more than any import takes, a worksheet of more rows than any import takes, and one
 * of few rows but more cells than any import takes. Each is a workbook's minimal frame around its
 * worksheet, so that only the guard's counting refuses it.
 */
import JSZip from "jszip";

const frame = (zip: JSZip) => {
  zip.file(
    "[Content_Types].xml",
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="xml" ContentType="application/xml"/></Types>',
  );
  zip.file(
    "xl/workbook.xml",
    '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="Blad1" sheetId="1"/></sheets></workbook>',
  );
  return zip;
};

const packed = (zip: JSZip) => zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 9 } });

const sheet = (rows: string) =>
  `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`;

/** A worksheet that unpacks to `bytes` of spaces (40 MB by default): deflate packs it into some 40 kB. */
export async function unpackedBomb(bytes = 40 * 1024 * 1024): Promise<Buffer> {
  const zip = frame(new JSZip());
  zip.file("xl/worksheets/sheet1.xml", Buffer.alloc(bytes, 0x20));
  return packed(zip);
}

/** A worksheet of `rows` rows of one cell each (6 000 by default: more than any import's limit). */
export async function rowsBomb(rows = 6000): Promise<Buffer> {
  let xml = "";
  for (let r = 1; r <= rows; r++) xml += `<row r="${r}"><c r="A${r}"><v>1</v></c></row>`;
  return packed(frame(new JSZip()).file("xl/worksheets/sheet1.xml", sheet(xml)));
}

/** A worksheet of few rows with `cells` cells in all (250 000 by default: more than any import's limit), as `<x:c>` with a prefix in every other row. */
export async function cellsBomb(cells = 250_000, rows = 50): Promise<Buffer> {
  const perRow = Math.ceil(cells / rows);
  const parts: string[] = [];
  for (let r = 1; r <= rows; r++) {
    const cell = r % 2 === 0 ? "<x:c><x:v>1</x:v></x:c>" : "<c><v>1</v></c>";
    parts.push(`<row r="${r}">${cell.repeat(perRow)}</row>`);
  }
  return packed(frame(new JSZip()).file("xl/worksheets/sheet1.xml", sheet(parts.join(""))));
}
