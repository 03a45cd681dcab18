import { describe, expect, it } from "vitest";
import { csvCell, csvLine } from "./csv.ts";

describe("CSV for Swedish Excel", () => {
  it("leaves plain values alone and writes nothing for empty ones", () => {
    expect(csvCell("Bo Barnhandläggare")).toBe("Bo Barnhandläggare");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell(42)).toBe("42");
  });

  it("quotes separators, quotes and line breaks, doubling the quotes", () => {
    expect(csvCell("a;b")).toBe('"a;b"');
    expect(csvCell('säg "hej"')).toBe('"säg ""hej"""');
    expect(csvCell("rad 1\nrad 2")).toBe('"rad 1\nrad 2"');
    expect(csvCell("rad 1\r\nrad 2")).toBe('"rad 1\r\nrad 2"');
    expect(csvCell("a,b")).toBe("a,b");
  });

  it("neutralises everything a spreadsheet would run as a formula", () => {
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell("+46701234567")).toBe("'+46701234567");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\t=1")).toBe("'\t=1");
    expect(csvCell("\r=1")).toBe('"\'\r=1"');
    expect(csvCell('=HYPERLINK("http://x";"y")')).toBe('"\'=HYPERLINK(""http://x"";""y"")"');
    expect(csvCell("a=1")).toBe("a=1");
  });

  it("leaves numbers and a lone dash alone: they are figures, not formulas", () => {
    expect(csvCell("-5")).toBe("-5");
    expect(csvCell("-3,5")).toBe("-3,5");
    expect(csvCell("-")).toBe("-");
    expect(csvCell("-5+1")).toBe("'-5+1");
  });

  it("joins a line with semicolons and ends it with CRLF", () => {
    expect(csvLine(["a", null, "b;c"])).toBe('a;;"b;c"\r\n');
  });
});
