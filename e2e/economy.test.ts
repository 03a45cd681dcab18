/**
 * The project leader's economy in a real browser, with axe on every page: entering a year's costs
 * by hand, the project page's summary, the savings estimate, and an import of the finance system's
 * export (upload → preview → confirm) without JavaScript.
 */
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { checkA11y, describeBrowser, loginAs, openFromMenu, screenshot, useBrowserApp } from "./browser.ts";

const JOURNEY_TIMEOUT = 240_000;
const PROJECT = "Sofiamodellen – social investering";
const UNREAD_AMOUNT = "Ange beloppet i hela kronor med siffror, t.ex. 1 143 083.";

/** Clicks a form's button and waits for the page the server answers with. */
async function submit(page: Page, button: string) {
  await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: button, exact: true }).click()]);
}

/** With SCREENSHOTS=1: the budget form at 1280 and 800 px wide, as people look at it. */
async function budgetScreenshots(page: Page, name: string) {
  if (process.env.SCREENSHOTS !== "1") return;
  const original = page.viewportSize();
  for (const width of [1280, 800]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `screenshots/${name}-${width}-top.png` });
    await page.locator('section[aria-labelledby="budget-h"]').screenshot({ path: `screenshots/${name}-${width}.png` });
  }
  if (original) await page.setViewportSize(original);
}

const plain = (s: string | null) => (s ?? "").replace(/[\u00a0\u202f]/g, " ").trim();

/** The cells of the summary table's row for a year (or "Totalt"). */
async function summaryRow(page: Page, year: string) {
  const cells = await page
    .locator("#summary-table tr", { has: page.locator(`th:text-is("${year}")`) })
    .locator("td")
    .allTextContents();
  return cells.map(plain);
}

describeBrowser("the project economy (browser)", () => {
  const env = useBrowserApp();

  it(
    "a project leader enters the last year's costs and sees granted, spent and remaining per year and in total",
    async () => {
      const page = await env.newPage();
      await loginAs(page, "processledare");

      await openFromMenu(page, "Ekonomi");
      await page.waitForURL("**/ekonomi");
      expect(await page.locator("h1").count()).toBe(1);
      await checkA11y(page, "the project list");
      await screenshot(page, "economy-list");

      await page.getByRole("link", { name: PROJECT }).click();
      await page.waitForURL(/\/ekonomi\/[0-9a-f-]{36}$/);
      await checkA11y(page, "the project page");
      expect(plain(await page.locator("#last-year-remainder").textContent())).toBe("Återstår till sista året (2021): 2 118 522 kr");
      expect(await summaryRow(page, "2019")).toEqual(["1 445 000 kr", "1 143 237 kr", "301 763 kr", "\u2212301 763 kr"]);
      expect(await summaryRow(page, "2021")).toEqual(["1 445 000 kr", "0 kr", "1 445 000 kr", "\u22121 445 000 kr"]);
      await screenshot(page, "economy-project");

      await page.getByRole("link", { name: "Registrera kostnader" }).click();
      await page.waitForURL("**/kostnader");
      await checkA11y(page, "the costs page");

      // A cost without a category and with öre: field-linked Swedish messages, nothing stored.
      await page.getByLabel("År", { exact: true }).selectOption("2021");
      await page.getByLabel("Belopp", { exact: true }).fill("12 000,50");
      await submit(page, "Spara kostnaden");
      expect(await page.locator("[data-error-summary] a").allTextContents()).toEqual([
        "Välj en kategori.",
        "Beloppet ska anges i hela kronor, utan ören.",
      ]);
      await checkA11y(page, "the costs page with errors");
      await screenshot(page, "economy-costs-errors");

      await page.getByLabel("Kategori", { exact: true }).selectOption({ label: "Löner" });
      await page.getByLabel("Första halvåret").check();
      await page.getByLabel("Belopp", { exact: true }).fill("480 000");
      await submit(page, "Spara kostnaden");
      expect(await page.getByRole("status").textContent()).toContain("Kostnaden är sparad.");
      await checkA11y(page, "the costs page after a cost");

      await page.getByLabel("År", { exact: true }).selectOption("2021");
      await page.getByLabel("Kategori", { exact: true }).selectOption({ label: "Annan kategori (ange namn)" });
      await page.getByLabel("Namn på egen kategori").fill("Handledning");
      await page.getByLabel("Andra halvåret").check();
      await page.getByLabel("Belopp", { exact: true }).fill("35 500 kr");
      await submit(page, "Spara kostnaden");
      expect(await page.getByRole("status").textContent()).toContain("Kostnaden är sparad.");
      await checkA11y(page, "the costs page after two costs");
      const year2021 = page.getByRole("table", { name: "Kostnader 2021" });
      expect(plain(await year2021.locator("tfoot td.sofia-num").textContent())).toBe("515 500 kr");
      await screenshot(page, "economy-costs");

      await page.getByRole("link", { name: "Tillbaka till projektet" }).click();
      await page.waitForURL(/\/ekonomi\/[0-9a-f-]{36}$/);
      await checkA11y(page, "the project page after the costs");
      expect(await summaryRow(page, "2021")).toEqual(["1 445 000 kr", "515 500 kr", "929 500 kr", "\u2212929 500 kr"]);
      expect(await summaryRow(page, "Totalt")).toEqual(["4 335 000 kr", "2 731 978 kr", "1 603 022 kr", "\u22121 603 022 kr"]);
      // The last year's remainder counts only the years before it.
      expect(plain(await page.locator("#last-year-remainder").textContent())).toBe("Återstår till sista året (2021): 2 118 522 kr");

      await page.getByRole("link", { name: "Besparingsuppskattning" }).click();
      await page.waitForURL("**/besparing");
      await checkA11y(page, "the savings estimate");
      expect(await page.getByText("Uppskattning – antaganden, inte uppmätta resultat").count()).toBe(1);
      expect(plain(await page.locator("#savings-balance").textContent())).toBe("2 932 500 kr (uppskattning)");
      await screenshot(page, "economy-savings");
      await page.getByLabel("Horisont i år").fill("7");
      await submit(page, "Spara antagandena");
      expect(await page.getByRole("status").textContent()).toContain("Antagandena är sparade.");
      await checkA11y(page, "the savings estimate after saving");
      // 1 453 500 a year × 7 = 10 174 500; minus the 4 335 000 repaid.
      expect(plain(await page.locator("#savings-balance").textContent())).toBe("5 839 500 kr (uppskattning)");

      await openFromMenu(page, "Ekonomi");
      await page.waitForURL("**/ekonomi");
      await checkA11y(page, "the project list again");
      await page.getByRole("link", { name: "Styckkostnader" }).click();
      await page.waitForURL("**/styckkostnader");
      await checkA11y(page, "the unit costs");
      await page.goto("/ekonomi/nytt");
      await checkA11y(page, "the new project form");
      await submit(page, "Lägg upp projektet");
      await checkA11y(page, "the new project form with errors");
      await screenshot(page, "economy-new-project-errors");
    },
    JOURNEY_TIMEOUT,
  );

  it(
    "imports the finance system's CSV through upload, preview and confirmation without JavaScript",
    async () => {
      const page = await env.newPage({ javaScriptEnabled: false });
      await loginAs(page, "processledare");
      await page.goto("/ekonomi");
      await checkA11y(page, "the project list");
      await page.getByRole("link", { name: PROJECT }).click();
      await page.waitForURL(/\/ekonomi\/[0-9a-f-]{36}$/);
      await checkA11y(page, "the project page");
      await page.getByRole("link", { name: "Importera från ekonomisystemet" }).click();
      await page.waitForURL("**/import");
      await checkA11y(page, "the upload page");

      const csv = "Konto;Kontonamn;Period;Belopp\n7010;Löner;2021-03;100 000\nPX;Handledning;2021-09;2 500,00\n5010;Hyra;2021-10;12,75\n";
      await page.getByLabel("Fil").setInputFiles({ name: "export.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
      await submit(page, "Ladda upp och förhandsgranska");
      await page.waitForURL(/\/import\/[0-9a-f-]{36}$/);
      await checkA11y(page, "the preview with errors");
      const errors = (await page.locator("#import-errors li").allTextContents()).map(plain);
      expect(errors).toEqual([
        "Rad 3, kolumn Konto: Kontot PX har ingen kategori: välj en kategori för kontot.",
        "Rad 4, kolumn Belopp: Beloppet ska anges i hela kronor, utan ören.",
      ]);
      await screenshot(page, "economy-import-preview-errors");
      await submit(page, "Importera");
      await checkA11y(page, "the refused import");
      expect(plain(await page.locator("#import-errors h2").textContent())).toBe("Ingenting importerades: 2 fel");

      // A corrected file: the category of PX is chosen on the preview.
      await page.getByRole("link", { name: "Ladda upp en annan fil" }).click();
      await page.waitForURL("**/import");
      await checkA11y(page, "the upload page again");
      const fixed = csv.replace("12,75", "12 750");
      await page.getByLabel("Fil").setInputFiles({ name: "export.csv", mimeType: "text/csv", buffer: Buffer.from(fixed, "utf8") });
      await submit(page, "Ladda upp och förhandsgranska");
      await page.waitForURL(/\/import\/[0-9a-f-]{36}$/);
      await checkA11y(page, "the second preview");
      await page
        .getByRole("group", { name: "Konto PX (Handledning)" })
        .getByLabel("Kategori", { exact: true })
        .selectOption({ label: "Utbildning" });
      await submit(page, "Uppdatera förhandsgranskningen");
      await checkA11y(page, "the preview without errors");
      expect(plain(await page.locator(".ds-alert").first().textContent())).toBe("3 rader, sammanlagt 115 250 kr, är klara att importeras.");
      await screenshot(page, "economy-import-preview");
      await submit(page, "Importera");
      await page.waitForURL(/\/ekonomi\/[0-9a-f-]{36}\?klart=importerad$/);
      await checkA11y(page, "the project page after the import");
      expect(await page.getByRole("status").textContent()).toContain("Importen är klar.");
      // The first journey's 515 500 kr and the imported 115 250 kr.
      expect(await summaryRow(page, "2021")).toEqual(["1 445 000 kr", "630 750 kr", "814 250 kr", "\u2212814 250 kr"]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    "shows the demo's current project with its budget per cost category for every year",
    async () => {
      const page = await env.newPage();
      await loginAs(page, "processledare");
      await openFromMenu(page, "Ekonomi");
      await page.waitForURL("**/ekonomi");
      await checkA11y(page, "the project list with both demo projects");
      await page.getByRole("link", { name: "Sofiamodellen i hela socialtjänsten" }).click();
      await page.waitForURL(/\/ekonomi\/[0-9a-f-]{36}$/);
      await checkA11y(page, "the current project's page with its budget per category");
      const captions = (await page.locator("caption[id^=budget-]").allTextContents()).map(plain);
      expect(captions).toHaveLength(3);
      for (const c of captions) expect(c).toMatch(/^Budget och utfall \d{4}$/);
      // The first year is a whole year of costs: salaries 1 000 000 granted, 984 700 spent.
      const labour = await page
        .locator("caption[id^=budget-]")
        .first()
        .locator("xpath=..")
        .locator("tr", { has: page.locator('th:text-is("Löner")') })
        .locator("td")
        .allTextContents();
      expect(labour.map(plain)).toEqual(["1 000 000 kr", "984 700 kr", "\u221215 300 kr", "15 300 kr"]);
      await screenshot(page, "economy-budget-per-category");
    },
    JOURNEY_TIMEOUT,
  );

  it(
    "changes the budget per cost category in the form on the project page, without JavaScript, refusing a bad amount on its field",
    async () => {
      const page = await env.newPage({ javaScriptEnabled: false });
      await loginAs(page, "processledare");
      await page.goto("/ekonomi");
      await checkA11y(page, "the project list");
      await page.getByRole("link", { name: "Sofiamodellen i hela socialtjänsten" }).click();
      await page.waitForURL(/\/ekonomi\/[0-9a-f-]{36}$/);
      const year = plain(await page.locator("caption[id^=budget-]").first().textContent()).replace("Budget och utfall ", "");
      await page.getByText("Ändra budgeten per kostnadskategori").click();
      await checkA11y(page, "the project page with the budget form open");
      const firstYear = page.getByRole("group", { name: new RegExp(`^${year}: beviljat 1.500.000 kr$`) });
      expect(plain(await firstYear.getByLabel("Löner", { exact: true }).inputValue())).toBe("1 000 000");
      const training = await firstYear.getByLabel("Utbildning", { exact: true }).inputValue();
      await budgetScreenshots(page, "economy-budget-form");

      // A negative and an unreadable amount: each named on its field, the form kept open, nothing saved.
      await firstYear.getByLabel("Löner", { exact: true }).fill("-1 000");
      await firstYear.getByLabel("Utbildning", { exact: true }).fill("mycket");
      await submit(page, "Spara budgeten");
      await checkA11y(page, "the budget form with errors");
      expect((await page.locator("[data-error-summary] a").allTextContents()).map(plain)).toEqual([
        `Löner ${year}: Beloppet kan inte vara negativt.`,
        `Utbildning ${year}: ${UNREAD_AMOUNT}`,
      ]);
      expect(await firstYear.getByLabel("Löner", { exact: true }).getAttribute("aria-invalid")).toBe("true");
      expect(await firstYear.getByLabel("Utbildning", { exact: true }).inputValue()).toBe("mycket");
      await budgetScreenshots(page, "economy-budget-form-errors");
      // Read again (the form's address): the project page as stored.
      await page.goto(page.url());
      await page.waitForURL(/\/ekonomi\/[0-9a-f-]{36}$/);
      await page.getByText("Ändra budgeten per kostnadskategori").click();
      await checkA11y(page, "the project page read again, the form as stored");
      expect(plain(await firstYear.getByLabel("Löner", { exact: true }).inputValue())).toBe("1 000 000");

      // A valid change: saved, the page shows it, the rest of the grant as not split on a category.
      await firstYear.getByLabel("Löner", { exact: true }).fill("990 000");
      await firstYear.getByLabel("Utbildning", { exact: true }).fill(training);
      await submit(page, "Spara budgeten");
      await page.waitForURL(/\/ekonomi\/[0-9a-f-]{36}\?klart=budget$/);
      await checkA11y(page, "the project page after the budget is saved");
      expect(await page.getByRole("status").textContent()).toContain("Budgeten per kostnadskategori är sparad.");
      const table = page.locator("caption[id^=budget-]").first().locator("xpath=..");
      const row = (name: string) =>
        table
          .locator("tr", { has: page.locator(`th:text-is("${name}")`) })
          .locator("td")
          .first()
          .textContent();
      expect(plain(await row("Löner"))).toBe("990 000 kr");
      expect(plain(await row("Ej fördelat på kategori"))).toBe("10 000 kr");
    },
    JOURNEY_TIMEOUT,
  );
});
