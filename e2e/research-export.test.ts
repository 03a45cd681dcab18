/**
 * The process leader's research export in a real browser, with axe on every page: the form refused without
 * a purpose (the error summary links the field), the confirmation with the counts, the ZIP download
 * (CSV in long format and the codebook), and the export in the log afterwards.
 */
import fs from "node:fs";
import JSZip from "jszip";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { checkA11y, describeBrowser, loginAs, screenshot, useBrowserApp } from "./browser.ts";

const JOURNEY_TIMEOUT = 240_000;
const purpose = "Utvärdering av Sofiamodellen för Uppsala universitet, dnr UU 2026/77";

async function submit(page: Page, button: string) {
  await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: button, exact: true }).click()]);
}

const plain = (s: string | null) => (s ?? "").replace(/[\u00a0\u202f]/g, " ").trim();

describeBrowser("research export (browser)", () => {
  const env = useBrowserApp();

  it(
    "a process leader is refused without a purpose, confirms the counts and downloads the ZIP with the codebook",
    async () => {
      const page = await env.newPage({ acceptDownloads: true });
      await loginAs(page, "processledare");
      await page.goto("/forskningsuttag");
      expect(await page.locator("h1").textContent()).toBe("Forskningsuttag");
      expect(await page.getByLabel("Exakta datum", { exact: false }).isChecked()).toBe(false);
      expect(await page.getByLabel("Familjernas ärendetyp, hushåll och vårdnad").isChecked()).toBe(true);
      expect(plain(await page.locator("main").textContent())).toContain("Inga uttag har gjorts.");
      await checkA11y(page, "the research export form");
      await screenshot(page, "research-export-form");

      // Without a purpose: the error summary links the field; nothing is exported.
      await page.getByLabel("Från och med").fill("2000-01-01");
      await submit(page, "Granska uttaget");
      const summary = page.locator("[data-error-summary]");
      expect(plain(await summary.textContent())).toContain("Ange syftet med uttaget.");
      await checkA11y(page, "the form with an error");
      await screenshot(page, "research-export-error");
      await summary.getByRole("link", { name: "Ange syftet med uttaget." }).click();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("f-purpose");
      expect(await page.getByLabel("Från och med").inputValue()).toBe("2000-01-01");

      // With a purpose: the confirmation shows the counts.
      await page.getByLabel("Syfte", { exact: true }).fill(purpose);
      await submit(page, "Granska uttaget");
      expect(await page.locator("h1").textContent()).toBe("Bekräfta forskningsuttaget");
      const facts = plain(await page.locator("#research-summary").textContent());
      expect(facts).toContain(purpose);
      expect(facts).toContain("år och månad, med ärendetyp och hushåll");
      const families = Number(plain(await page.locator("#research-summary dd").nth(3).textContent()).replace(/\s/g, ""));
      const rows = Number(plain(await page.locator("#research-summary dd").nth(4).textContent()).replace(/\s/g, ""));
      expect(families).toBeGreaterThan(30);
      expect(rows).toBeGreaterThan(families);
      await checkA11y(page, "the confirmation");
      await screenshot(page, "research-export-confirm");

      // The download: one ZIP with the long-format CSV and the codebook.
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: "Ladda ner uttaget (ZIP)" }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^forskningsuttag-\d{4}-\d{2}-\d{2}\.zip$/);
      const zip = await JSZip.loadAsync(fs.readFileSync(await download.path()));
      const csv = (await zip.file("forskningsuttag.csv")?.async("string")) ?? "";
      const codebook = (await zip.file("kodbok.md")?.async("string")) ?? "";
      const lines = csv
        .replace(/^\uFEFF/, "")
        .split("\r\n")
        .filter(Boolean);
      expect(lines[0]).toBe("familj;person;svar;variabel;varde");
      expect(lines.length - 1).toBe(rows);
      expect(new Set(lines.slice(1).map((l) => l.split(";")[0])).size).toBe(families);
      expect(codebook).toContain(purpose);
      expect(codebook).toContain(`Antal rader: ${rows}`);

      // The log lists the export.
      await page.getByRole("link", { name: "Till forskningsuttag" }).click();
      await page.waitForURL("**/forskningsuttag");
      const log = plain(await page.locator("#research-log").textContent());
      expect(log).toContain(purpose);
      expect(log).toContain(String(rows).replace(/\B(?=(\d{3})+(?!\d))/g, " "));
      await checkA11y(page, "the form with the log");
      await screenshot(page, "research-export-log");
    },
    JOURNEY_TIMEOUT,
  );
});
