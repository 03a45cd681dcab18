/**
 * The project leader's implementation activities in a real browser, with axe on every page:
 * recording a held training, cancelling a planned conference with its reason (refused first
 * without one), the counts per kind, and the caseworkers' participation per unit.
 */
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { checkA11y, describeBrowser, loginAs, openFromMenu, screenshot, useBrowserApp } from "./browser.ts";

const JOURNEY_TIMEOUT = 240_000;

/** Clicks a form's button and waits for the page the server answers with. */
async function submit(page: Page, button: string) {
  await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: button, exact: true }).click()]);
}

const plain = (s: string | null) => (s ?? "").replace(/[\u00a0\u202f]/g, " ").trim();

/** The cells of the counts table's row for a kind (or "Totalt"). */
async function kindRow(page: Page, kind: string) {
  const cells = await page
    .locator("#kinds-table tr", { has: page.locator(`th:text-is("${kind}")`) })
    .locator("td")
    .allTextContents();
  return cells.map(plain);
}

describeBrowser("implementation activities (browser)", () => {
  const env = useBrowserApp();

  it(
    "a project leader records a held training, cancels a conference with its reason and views participation per unit",
    async () => {
      const page = await env.newPage();
      await loginAs(page, "processledare");

      await openFromMenu(page, "Implementering");
      await page.waitForURL("**/implementering");
      expect(await page.locator("h1").count()).toBe(1);
      await checkA11y(page, "the activity list");
      await screenshot(page, "implementation-list");

      // Every year: the demo's training (24) and the conference cancelled because of the pandemic.
      await page.getByLabel("År", { exact: true }).selectOption("alla");
      await submit(page, "Visa");
      await checkA11y(page, "the activity list, every year");
      expect(await kindRow(page, "Utbildning")).toEqual(["0", "1", "0", "24"]);
      expect(await kindRow(page, "Konferens")).toEqual(["0", "0", "1", "0"]);
      expect(plain(await page.locator("#activities-table").textContent())).toContain("Inställd: Inställd på grund av pandemin");
      await screenshot(page, "implementation-list-all-years");

      // A held training without participants: a field-linked message, nothing stored.
      await page.getByRole("link", { name: "Registrera en aktivitet" }).click();
      await page.waitForURL("**/implementering/ny");
      await checkA11y(page, "the new activity form");
      await page.getByLabel("Datum", { exact: true }).fill("2018-10-14");
      await page.getByLabel("Slag av aktivitet").selectOption({ label: "Utbildning" });
      await page.getByLabel("Tema", { exact: true }).fill("Fördjupning: barnsamtal");
      await page.getByLabel("Barn och unga Norr").check();
      await page.getByLabel("Barn och unga Syd").check();
      await page.getByLabel("Genomförd").check();
      await submit(page, "Registrera aktiviteten");
      expect(await page.locator("[data-error-summary] a").allTextContents()).toEqual([
        "Ange hur många som deltog: det krävs när aktiviteten är genomförd.",
      ]);
      await checkA11y(page, "the new activity form with an error");
      await screenshot(page, "implementation-form-errors");
      expect(await page.getByLabel("Barn och unga Syd").isChecked()).toBe(true);
      await page.getByLabel("Antal deltagare").fill("18");
      await submit(page, "Registrera aktiviteten");
      await page.waitForURL(/\/implementering\/[0-9a-f-]{36}\?klart=skapad$/);
      await checkA11y(page, "the recorded training");
      expect(await page.getByRole("status").textContent()).toContain("Aktiviteten är registrerad.");
      expect(plain(await page.locator("#activity-facts").textContent())).toContain("Barn och unga Norr, Barn och unga Syd");
      await screenshot(page, "implementation-activity");

      // A planned conference, then cancelled: first without the reason (refused), then with it.
      await page.goto("/implementering/ny");
      await checkA11y(page, "the new activity form again");
      await page.getByLabel("Datum", { exact: true }).fill("2026-12-03");
      await page.getByLabel("Slag av aktivitet").selectOption({ label: "Konferens" });
      await page.getByLabel("Tema", { exact: true }).fill("Länskonferens om Sofiamodellen");
      await page.getByLabel("Beroendeenheten Vuxen 1").check();
      await page.getByLabel("Planerad").check();
      await page.getByLabel("Antal deltagare").fill("40");
      await submit(page, "Registrera aktiviteten");
      await page.waitForURL(/\?klart=skapad$/);
      await checkA11y(page, "the planned conference");
      await page.getByRole("link", { name: "Ändra eller markera som genomförd eller inställd" }).click();
      await page.waitForURL("**/andra");
      await checkA11y(page, "the edit form");
      await page.getByLabel("Inställd").check();
      await submit(page, "Spara ändringarna");
      expect(await page.locator("[data-error-summary] a").allTextContents()).toEqual(["Ange orsaken till att aktiviteten ställdes in."]);
      await checkA11y(page, "the edit form with an error");
      await page.getByLabel("Orsak till att aktiviteten ställdes in").fill("Inställd på grund av för få anmälda");
      await submit(page, "Spara ändringarna");
      await page.waitForURL(/\?klart=sparad$/);
      await checkA11y(page, "the cancelled conference");
      expect(plain(await page.locator("#activity-facts").textContent())).toContain("Inställd på grund av för få anmälda");
      await screenshot(page, "implementation-cancelled");

      await page.getByRole("link", { name: "Tillbaka till aktiviteterna" }).click();
      await page.waitForURL("**/implementering?ar=2026");
      await checkA11y(page, "the list of 2026");
      const konferens = await kindRow(page, "Konferens");
      expect(konferens[2]).toBe("1");

      await page.getByRole("link", { name: "Deltagande per enhet" }).click();
      await page.waitForURL("**/implementering/deltagande?ar=2026");
      await checkA11y(page, "participation per unit");
      const units = await page.locator("#participation-table tbody th").allTextContents();
      expect(units).toContain("Barn och unga Norr");
      expect(units).toContain("Mottagningsenheten");
      await screenshot(page, "implementation-participation");
      await page.getByLabel("Period").selectOption("2018");
      await submit(page, "Visa");
      await checkA11y(page, "participation per unit, 2018");
      // 2018 has only the training above: one held activity with 18 participants for Norr and for Syd.
      for (const unit of ["Barn och unga Norr", "Barn och unga Syd"]) {
        const cells = (
          await page
            .locator("#participation-table tr", { has: page.locator(`th:text-is("${unit}")`) })
            .locator("td")
            .allTextContents()
        ).map(plain);
        expect(cells.slice(-2), unit).toEqual(["1", "18"]);
      }
      const mottagning = (
        await page
          .locator("#participation-table tr", { has: page.locator('th:text-is("Mottagningsenheten")') })
          .locator("td")
          .allTextContents()
      ).map(plain);
      expect(mottagning.slice(-2)).toEqual(["0", "0"]);
    },
    JOURNEY_TIMEOUT,
  );
});
