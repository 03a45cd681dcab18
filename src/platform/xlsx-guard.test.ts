import { describe, expect, it } from "vitest";
import { cellsBomb, rowsBomb } from "../../test/xlsx-bombs.ts";
import { checkXlsx, XlsxRefused } from "./xlsx-guard.ts";

const roomy = { unpackedBytes: 30 * 1024 * 1024, entries: 10, sheetRows: 100_000, sheetCells: 1_000_000 };

describe("the XLSX guard's counts (decision 0057)", () => {
  it("counts every cell once, with or without a prefix, across the unpacked stream's chunks", async () => {
    // 30 000 cells in 50 rows unpack to some 500 kB: many chunks, tags cut between them.
    const data = await cellsBomb(30_000, 50);
    await expect(checkXlsx(data, { ...roomy, sheetCells: 30_000 })).resolves.toBeUndefined();
    await expect(checkXlsx(data, { ...roomy, sheetCells: 29_999 })).rejects.toEqual(new XlsxRefused("tooManyCells"));
  });

  it("counts every row once across the chunks", async () => {
    const data = await rowsBomb(20_000);
    await expect(checkXlsx(data, { ...roomy, sheetRows: 20_000 })).resolves.toBeUndefined();
    await expect(checkXlsx(data, { ...roomy, sheetRows: 19_999 })).rejects.toEqual(new XlsxRefused("tooManyRows"));
  });
});
