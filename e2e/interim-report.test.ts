/**
 * The interim report in a real browser, with axe on every page: the process leader creates a
 * report (first refused with field-linked errors), writes the summary, makes a version and
 * downloads its PDF and Word files from the report list.
 */
import fs from "node:fs";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { addDays, todayInSweden } from "../src/platform/dates.ts";
import { checkA11y, describeBrowser, loginAs, openFromMenu, screenshot, useBrowserApp } from "./browser.ts";

const JOURNEY_TIMEOUT = 240_000;

async function submit(page: Page, button: string) {
  await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: button, exact: true }).click()]);
}

describeBrowser("interim report (browser)", () => {
  const env = useBrowserApp();

  it(
    "a process leader creates a report, writes the summary, makes a version and downloads the PDF",
    async () => {
      const page = await env.newPage();
      await loginAs(page, "processledare");

      await openFromMenu(page, "Rapporter");
      await page.waitForURL("**/rapporter");
      await checkA11y(page, "the report list, empty");
      expect(await page.locator("h1").textContent()).toBe("Delrapporter till socialnämnden");
      await screenshot(page, "interim-report-list-empty");

      await page.getByRole("link", { name: "Ny delrapport" }).click();
      await page.waitForURL("**/rapporter/ny");
      await checkA11y(page, "the new report form");

      // No title and the end before the start: field-linked messages, nothing stored.
      await page.getByLabel("Perioden från").fill("2026-12-31");
      await page.getByLabel("Perioden till").fill("2026-01-01");
      await submit(page, "Skapa delrapporten");
      expect(await page.locator("[data-error-summary] a").allTextContents()).toEqual([
        "Skriv rapportens titel.",
        "Periodens slut kan inte ligga före dess början.",
      ]);
      await checkA11y(page, "the new report form with errors");
      await screenshot(page, "interim-report-form-errors");
      await page.locator("[data-error-summary] a").first().click();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("f-title");

      const today = todayInSweden();
      await page.getByLabel("Rapportens titel").fill("Delrapport insats Sofia");
      await page.getByLabel("Perioden från").fill(addDays(today, -364));
      await page.getByLabel("Perioden till").fill(today);
      await page.getByLabel("Sammanfattning").fill("Insatsen har nått fler familjer än året innan.\n\nBarnen kommer till tals.");
      await submit(page, "Skapa delrapporten");
      await page.waitForURL(/\/rapporter\/[0-9a-f-]{36}\?klart=skapad$/);
      await checkA11y(page, "the created report");
      expect(await page.getByRole("status").textContent()).toContain("Delrapporten är skapad.");

      await page.getByLabel("Nästa steg").fill("Modellen förs in i ordinarie verksamhet.");
      await submit(page, "Spara texterna");
      await checkA11y(page, "the saved report");
      expect(await page.getByRole("status").textContent()).toContain("Texterna är sparade.");

      await submit(page, "Ta fram ny version");
      await page.waitForURL(/\?klart=version/);
      await checkA11y(page, "the report with its first version");
      expect(await page.getByRole("status").textContent()).toContain("En ny version är framtagen.");
      const pdfLink = page.getByRole("link", { name: /^PDF, version 1/ });
      await expect(pdfLink.count()).resolves.toBe(1);
      await screenshot(page, "interim-report-form");

      // The list has the version with both files.
      await page.getByRole("link", { name: "Tillbaka till rapporterna" }).click();
      await page.waitForURL("**/rapporter");
      await checkA11y(page, "the report list with a version");
      await screenshot(page, "interim-report-list");
      const link = page.getByRole("link", { name: /^PDF, version 1/ });
      const href = (await link.getAttribute("href")) ?? "";
      expect(href).toMatch(/^\/rapporter\/[0-9a-f-]{36}\/versioner\/1\.pdf$/);
      const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
      expect(download.suggestedFilename()).toMatch(/^delrapport-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}-v1\.pdf$/);
      const saved = await download.path();
      const bytes = fs.readFileSync(saved);
      expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
      expect(bytes.length).toBeGreaterThan(20_000);

      const res = await page.context().request.get(href);
      expect(res.status()).toBe(200);
      expect(res.headers()["content-type"]).toBe("application/pdf");
      expect(res.headers()["cache-control"]).toBe("no-store");
      expect((await res.body()).length).toBe(bytes.length);
      const word = await page.context().request.get(href.replace(/\.pdf$/, ".docx"));
      expect(word.headers()["content-type"]).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    },
    JOURNEY_TIMEOUT,
  );
});
