/**
 * Typst's worker thread (typst.ts): PDFs are compiled off the main thread, one at a time in the
 * order asked, a failed compilation fails only its own promise, and the main thread goes on
 * running while a PDF is compiled.
 */
import { describe, expect, it } from "vitest";
import { renderTypstPdf, typstString } from "./typst.ts";

const pdfText = (pdf: Buffer) => pdf.toString("latin1");

describe("renderTypstPdf on Typst's worker", () => {
  it("compiles a PDF/A-2b, and several asked at once each get their own", async () => {
    const [a, b, c] = await Promise.all(["Första", "Andra", "Tredje"].map((s) => renderTypstPdf(`#${typstString(s)}`)));
    for (const pdf of [a, b, c]) {
      expect(pdfText(pdf as Buffer).startsWith("%PDF-")).toBe(true);
      expect(pdfText(pdf as Buffer)).toContain("pdfaid:part");
    }
    expect(a?.equals(b as Buffer)).toBe(false);
  });

  it("fails only the compilation whose source has an error, with Typst's message; the next one compiles", async () => {
    const [broken, fine] = await Promise.allSettled([renderTypstPdf("#let x = ("), renderTypstPdf(`#${typstString("Hej")}`)]);
    expect(broken.status).toBe("rejected");
    expect(String((broken as PromiseRejectedResult).reason)).toMatch(/^Error: Typst: /);
    expect(fine.status).toBe("fulfilled");
    expect(pdfText(await renderTypstPdf(`#${typstString("Igen")}`)).startsWith("%PDF-")).toBe(true);
  });

  it("leaves the main thread free while it compiles", async () => {
    let turns = 0;
    const timer = setInterval(() => turns++, 1);
    try {
      const pages = Array.from({ length: 40 }, (_, i) => `#${typstString(`Sida ${i + 1}`)}\n#pagebreak()`).join("\n");
      await renderTypstPdf(pages);
    } finally {
      clearInterval(timer);
    }
    expect(turns).toBeGreaterThan(0);
  });
});
