/**
 * Cost files through the API (decision 0050): a CSV or XLSX file as multipart/form-data, the dry
 * run that stores nothing, all or nothing with every bad row named, the role's permission, and the
 * zip-bomb guard that refuses an XLSX before exceljs unpacks it.
 */
import { and, eq, sql } from "drizzle-orm";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiCall, apiToken, createTestApp, type TestApp } from "../../test/helpers.ts";
import { auditLog, economyCosts, economyImportBatches } from "../db/schema/index.ts";
import { IMPORT_ROWS_MAX } from "./import.ts";
import { checkXlsx, writeXlsx, XLSX_LIMITS, XlsxRefused } from "./xlsx.ts";

let t: TestApp;
let token: string;
let projectId: string;

beforeAll(async () => {
  t = await createTestApp();
  token = await apiToken(t, "processledare", ["economy.view", "economy.manage"]);
  const created = await apiCall(t.app, "POST", "/api/v1/economy/projects", token, {
    name: "Filimporten",
    fundingSource: "Lokala utvecklingsmedel",
    fundingKind: "local_development",
    fromYear: 2024,
    toYear: 2025,
    grants: [
      { year: 2024, amount: 1_000_000 },
      { year: 2025, amount: 1_000_000 },
    ],
  });
  expect(created.statusCode, created.body).toBe(201);
  projectId = created.json().id as string;
});
afterAll(() => t.close());

const url = (query = "") => `/api/v1/economy/projects/${projectId}/imports/file${query}`;

/** A multipart body as an integration sends it: the file and, when given, the mapping as JSON text. */
function send(bearer: string, target: string, file: { name: string; data: Buffer } | null, mapping?: unknown) {
  const boundary = "----sofiaApiBoundary9QxR2";
  const parts: Buffer[] = [];
  if (mapping !== undefined)
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="mapping"\r\n\r\n${JSON.stringify(mapping)}\r\n`));
  if (file)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      file.data,
      Buffer.from("\r\n"),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return t.app.inject({
    method: "POST",
    url: target,
    headers: { authorization: `Bearer ${bearer}`, "content-type": `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat(parts),
  });
}

const costs = async () =>
  (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(economyCosts).where(eq(economyCosts.projectId, projectId)))[0]?.n ??
  0;
const batches = async () =>
  (
    await t.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(economyImportBatches)
      .where(eq(economyImportBatches.projectId, projectId))
  )[0]?.n ?? 0;

// 7010 salaries (labour by BAS), 5010 rent (premises), 6550 consultants (other services): 412 500 + 18 000 + 25 000 = 455 500.
const goodCsv = [
  "Konto;Kontonamn;Period;Belopp",
  "7010;Löner;2024-03;412 500",
  "5010;Lokalhyra;2024-09;18 000",
  "6550;Konsulter;2025-02;25000",
].join("\n");

describe("a cost file through the API", () => {
  it("previews a CSV on a dry run (the rows, categories and total) and stores nothing", async () => {
    const res = await send(token, url("?dryRun=true"), { name: "export.csv", data: Buffer.from(goodCsv) });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ dryRun: true, fileName: "export.csv", format: "csv", rowCount: 3, total: 455_500 });
    expect(body.rows).toEqual([
      { row: 2, account: "7010", text: "Löner", year: 2024, halfYear: 1, category: "labour", label: null, amount: 412_500 },
      { row: 3, account: "5010", text: "Lokalhyra", year: 2024, halfYear: 2, category: "premises", label: null, amount: 18_000 },
      { row: 4, account: "6550", text: "Konsulter", year: 2025, halfYear: 1, category: "other_services", label: null, amount: 25_000 },
    ]);
    expect(await costs()).toBe(0);
    expect(await batches()).toBe(0);
  });

  it("refuses a file with bad rows as a whole, naming every bad row with row, column and reason in Swedish", async () => {
    const csv = [
      "Konto;Kontonamn;Period;Belopp",
      "7010;Löner;2024-03;412 500",
      "7010;Löner;2024-04;12,50",
      "9999;Okänt;2024-05;100",
      "5010;Lokalhyra;2031-01;18 000",
    ].join("\n");
    for (const query of ["?dryRun=true", ""]) {
      const res = await send(token, url(query), { name: "fel.csv", data: Buffer.from(csv) });
      expect(res.statusCode, query).toBe(400);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      const body = res.json();
      expect(body.title).toBe("Ingenting importerades: 3 fel i raderna");
      expect(body.rows).toEqual([
        { row: 3, column: "amount", columnName: "Belopp", reason: "Beloppet ska anges i hela kronor, utan ören." },
        { row: 4, column: "account", columnName: "Konto", reason: "Kontot 9999 har ingen kategori: välj en kategori för kontot." },
        { row: 5, column: "year", columnName: "År", reason: expect.stringContaining("2024–2025") },
      ]);
      expect(body.errors.map((e: { field: string }) => e.field)).toEqual(["rows.3.amount", "rows.4.account", "rows.5.year"]);
    }
    expect(await costs()).toBe(0);
    expect(await batches()).toBe(0);
  });

  it("imports an XLSX file, every row, with the mapping sent beside it, and logs the import", async () => {
    const xlsx = await writeXlsx([
      ["Konto", "Kontotext", "År", "Halvår", "Belopp"],
      ["7010", "Löner", 2025, 1, 300_000],
      ["4010", "Material", 2025, 2, 12_345],
    ]);
    const res = await send(token, url(), { name: "export.xlsx", data: xlsx }, [{ account: "4010", category: "training" }]);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ rowCount: 2, total: 312_345 });
    const rows = await t.database.db
      .select({ year: economyCosts.year, category: economyCosts.category, amount: economyCosts.amount, source: economyCosts.source })
      .from(economyCosts)
      .where(eq(economyCosts.projectId, projectId))
      .orderBy(economyCosts.amount);
    expect(rows).toEqual([
      { year: 2025, category: "training", amount: 12_345, source: "import" },
      { year: 2025, category: "labour", amount: 300_000, source: "import" },
    ]);
    const logged = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "economy_cost.import"), eq(auditLog.recordId, projectId)));
    expect(logged).toHaveLength(1);
    expect(logged[0]?.detail).toMatchObject({ fileName: "export.xlsx", format: "xlsx", rowCount: 2, total: 312_345 });
  });

  it("imports the good CSV after its dry run", async () => {
    const before = await costs();
    const res = await send(token, url(), { name: "export.csv", data: Buffer.from(goodCsv) });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ rowCount: 3, total: 455_500 });
    expect(await costs()).toBe(before + 3);
  });

  it("refuses a role without economy.manage, a missing file, a bad mapping, a file over 5 MB and a body that is not multipart", async () => {
    const before = await costs();
    const analyst = await apiToken(t, "analytiker", ["economy.view", "economy.manage"]);
    const forbidden = await send(analyst, url(), { name: "export.csv", data: Buffer.from(goodCsv) });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.headers["content-type"]).toContain("application/problem+json");
    const viewOnly = await apiToken(t, "processledare", ["economy.view"]);
    expect((await send(viewOnly, url("?dryRun=true"), { name: "export.csv", data: Buffer.from(goodCsv) })).statusCode).toBe(403);

    const missing = await send(token, url(), null);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toEqual([{ field: "file", message: "Välj en fil att ladda upp." }]);
    const badMapping = await send(token, url(), { name: "export.csv", data: Buffer.from(goodCsv) }, [{ account: "7010", category: "x" }]);
    expect(badMapping.statusCode).toBe(400);
    expect(badMapping.json().errors[0].field).toBe("mapping");
    const large = await send(token, url(), { name: "stor.csv", data: Buffer.alloc(5 * 1024 * 1024 + 10, 0x41) });
    expect(large.statusCode).toBe(413);
    expect(large.json().title).toBe("Filen är större än 5 MB.");
    const json = await apiCall(t.app, "POST", url(), token, { file: goodCsv });
    expect(json.statusCode).toBe(415);
    expect(await costs()).toBe(before);
  });
});

describe("the zip-bomb guard", () => {
  /** A zip whose worksheet unpacks to `bytes` of spaces: deflate packs 40 MB into some 40 kB. */
  async function bomb(bytes: number, withTypes = true): Promise<Buffer> {
    const zip = new JSZip();
    if (withTypes) zip.file("[Content_Types].xml", '<?xml version="1.0"?><Types/>');
    zip.file("xl/worksheets/sheet1.xml", Buffer.alloc(bytes, 0x20));
    return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 9 } });
  }

  it("refuses an XLSX that unpacks to more than 30 MB before exceljs reads it, through the API and the page's reader alike", async () => {
    const data = await bomb(40 * 1024 * 1024);
    expect(data.length).toBeLessThan(1024 * 1024);
    await expect(checkXlsx(data, XLSX_LIMITS)).rejects.toEqual(new XlsxRefused("unpackedTooLarge"));
    const before = await costs();
    const res = await send(token, url("?dryRun=true"), { name: "bomb.xlsx", data });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      {
        field: "file",
        message: "Filen packas upp till mer än 30 MB eller har fler än 500 delar. Spara bara kostnadsraderna i en ny fil.",
      },
    ]);
    expect(await costs()).toBe(before);
  });

  it("stops a part that declares a small size but unpacks to more, counting the bytes as they come", async () => {
    // The limits made small so that the check of the declared sizes passes and the stream's count must stop it.
    const data = await bomb(2 * 1024 * 1024, false);
    await expect(checkXlsx(data, { unpackedBytes: 4 * 1024 * 1024, entries: 10, sheetRows: 10, sheetCells: 10 })).resolves.toBeUndefined();
    const lying = Buffer.from(data);
    // Rewrite the declared uncompressed size of every entry (local header offset 22, central directory offset 24) to 1 byte.
    for (let i = 0; i < lying.length - 4; i++) {
      const sig = lying.readUInt32LE(i);
      if (sig === 0x04034b50) lying.writeUInt32LE(1, i + 22);
      else if (sig === 0x02014b50) lying.writeUInt32LE(1, i + 24);
    }
    await expect(checkXlsx(lying, { unpackedBytes: 1024 * 1024, entries: 10, sheetRows: 10, sheetCells: 10 })).rejects.toEqual(
      new XlsxRefused("unpackedTooLarge"),
    );
  });

  it("refuses a worksheet of more rows than an import takes before parsing it", async () => {
    const rows: Array<Array<string | number>> = [["Konto", "År", "Belopp"]];
    for (let i = 0; i < IMPORT_ROWS_MAX + 20; i++) rows.push(["7010", 2024, 1]);
    const data = await writeXlsx(rows);
    await expect(checkXlsx(data, XLSX_LIMITS)).rejects.toEqual(new XlsxRefused("tooManyRows"));
    const res = await send(token, url("?dryRun=true"), { name: "lang.xlsx", data });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { field: "file", message: "Ett kalkylblad i filen har fler än 5 000 rader. Dela upp exporten i flera filer." },
    ]);
  });
});
