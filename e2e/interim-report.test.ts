/**
 * The interim report in a real browser, with axe on every page: the process leader creates a
 * report (first refused with field-linked errors), writes the summary, makes a version and
 * downloads its PDF and Word files from the report list; the municipality's template (a logo that
 * is not an image refused on its field, a PNG taken) and the preview of a report before a version
 * is stored.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Resvg } from "@resvg/resvg-js";
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

  it(
    "a process leader sets the template's logo and texts and previews a report before making a version",
    async () => {
      const page = await env.newPage();
      await loginAs(page, "processledare");
      await page.goto("/rapporter");
      await checkA11y(page, "the report list");
      await page.getByRole("link", { name: "Rapportmall" }).click();
      await page.waitForURL("**/rapporter/mall");
      await checkA11y(page, "the template page");
      // No template saved: every section, the annual surveys year on year among them.
      expect(await page.getByRole("checkbox", { name: "Årliga enkäter, år mot år" }).isChecked()).toBe(true);

      // A text file named .png is not a logo: refused on its field, nothing saved.
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sofia-logo-"));
      const fake = path.join(dir, "logga.png");
      fs.writeFileSync(fake, "inte en bild");
      await page.getByLabel("Logotyp", { exact: true }).setInputFiles(fake);
      await submit(page, "Spara mallen");
      expect(await page.locator("[data-error-summary] a").allTextContents()).toEqual(["Logotypen måste vara en PNG- eller SVG-bild."]);
      await checkA11y(page, "the template page with an error");
      await page.locator("[data-error-summary] a").first().click();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("f-logo");

      const real = path.join(dir, "logga-kommun.png");
      fs.writeFileSync(
        real,
        new Resvg('<svg xmlns="http://www.w3.org/2000/svg" width="160" height="48"><rect width="160" height="48" fill="#1e5aa0"/></svg>')
          .render()
          .asPng(),
      );
      await page.getByLabel("Logotyp", { exact: true }).setInputFiles(real);
      await page.getByRole("textbox", { name: "Kontakt", exact: true }).fill("Socialtjänstens utvecklingsenhet");
      await submit(page, "Spara mallen");
      await page.waitForURL(/\/rapporter\/mall\?klart=mall$/);
      expect(await page.getByRole("status").textContent()).toContain("Mallen är sparad.");
      expect(await page.getByRole("img", { name: "Kommunens logotyp" }).count()).toBe(1);
      await checkA11y(page, "the saved template");
      await screenshot(page, "interim-report-template");

      await page.goto("/rapporter/ny");
      await checkA11y(page, "the new report form");
      await page.getByLabel("Rapportens titel").fill("Delrapport för nämnden");
      await page.getByLabel("Perioden från").fill("2025-07-01");
      await page.getByLabel("Perioden till").fill("2026-06-30");
      await page.getByLabel("Diarienummer").fill("SN 2026/88");
      await page.getByLabel("Förslag till beslut").fill("Socialnämnden föreslås lägga rapporten till handlingarna.");
      await submit(page, "Skapa delrapporten");
      await page.waitForURL(/\?klart=skapad$/);
      await checkA11y(page, "the created report");
      await page.getByRole("link", { name: "Förhandsgranska rapporten" }).click();
      await page.waitForURL(/\/forhandsgranskning$/);
      await checkA11y(page, "the report's preview");
      await screenshot(page, "interim-report-preview");
      expect(await page.locator("h1").textContent()).toBe("Förhandsgranskning: Delrapport för nämnden");
      const contents = await page.getByRole("navigation", { name: "Innehåll" }).getByRole("link").allTextContents();
      expect(contents[0]).toBe("1. Förslag till beslut");
      expect(contents.at(-1)).toBe("Bilaga A. Alla indikatorer");
      expect(contents.filter((c) => /^\d+\. Årliga enkäter, år mot år$/.test(c))).toHaveLength(1);
      // The staff per unit beside the same period last year.
      expect(await page.getByRole("columnheader", { name: "Andel samma period förra året" }).count()).toBe(1);
      await page.getByRole("link", { name: "2. Nyckeltal mot målen" }).click();
      expect(await page.getByText("SN 2026/88").count()).toBe(1);
      expect(await page.getByRole("table", { name: "Nyckeltal och mål: perioden och samma period förra året" }).count()).toBe(1);
      // Nothing stored: the report has no version yet.
      await page.getByRole("link", { name: "Tillbaka till rapporten" }).click();
      await page.waitForURL(/\/rapporter\/[0-9a-f-]{36}$/);
      await checkA11y(page, "the report after its preview");
      expect(await page.getByText("Ingen version framtagen ännu").count()).toBe(1);
    },
    JOURNEY_TIMEOUT,
  );
});
