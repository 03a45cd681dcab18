/**
 * A child caseworker's journey with a request in a real browser, with axe on every page it
 * reaches: the empty list, the form (with an error and with the age warning), the saved request,
 * the edit of who is open where, and the list with the request.
 */
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { checkA11y, describeBrowser, loginAs, logout, screenshot, useBrowserApp } from "./browser.ts";

async function submit(page: Page, button: string) {
  await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: button }).click()]);
}

describeBrowser("requests (browser)", () => {
  const env = useBrowserApp();

  it("a child caseworker registers a request, confirms a child's age and turns Typ 3 into Typ 1", async () => {
    const page = await env.newPage();
    await loginAs(page, "barnhandlaggare");

    await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Förfrågningar" }).click();
    await page.waitForURL("**/forfragningar");
    await checkA11y(page, "the list of requests");

    await page.getByRole("link", { name: "Registrera en förfrågan" }).click();
    await page.waitForURL("**/forfragningar/ny");
    await checkA11y(page, "the request form");

    const guardian = page.getByRole("group", { name: "Vårdnadshavare 1" });
    await guardian.getByLabel("Namn").fill("Tolvan Tolvansson");
    await guardian.getByLabel("Personnummer eller samordningsnummer").fill("19121212-1212");
    await guardian.getByLabel("Kön").selectOption({ label: "Kvinna" });
    await guardian.getByLabel("Relation till barnen").selectOption("parent");
    await guardian.getByLabel("Missbruksproblem").selectOption("yes");
    await guardian.getByLabel("Inställning till stöd").selectOption("positive");
    await guardian.getByLabel("Aktuell på beroendeenhet").selectOption({ label: "Beroendeenheten Vuxen 1" });
    const child = page.getByRole("group", { name: "Barn 1" });
    await child.getByLabel("Namn").fill("Stora Tolvansson");
    await child.getByLabel("Födelsedatum (om personnummer saknas)").fill("2010-01-01");
    await child.getByLabel("Kön").selectOption("boy");
    await page.getByLabel("Hushåll").selectOption("together");
    await page.getByLabel("Vårdnad", { exact: true }).selectOption("joint");
    await submit(page, "Spara förfrågan");
    // In the order of the form, each in a block saying whose it is.
    expect(await page.locator("[data-error-summary] a").allTextContents()).toEqual([
      "Barn 1: Barnet är utanför åldern 0–12 år. Kryssa i rutan för att bekräfta att barnet ska ingå.",
      "Skriv skälet till förfrågan.",
    ]);
    await checkA11y(page, "the request form with errors and the age warning");
    await screenshot(page, "request-form-errors");

    await page.getByLabel("Skäl till förfrågan").fill("Föräldern är aktuell på beroendeenheten.");
    await page.getByLabel("Jag bekräftar att barnet ska ingå trots åldern").check();
    await submit(page, "Spara förfrågan");
    expect(await page.getByRole("status").textContent()).toContain("Förfrågan är sparad.");
    expect(await page.getByRole("heading", { name: "Ärendetyp: Typ 3" }).count()).toBe(1);
    await checkA11y(page, "the saved request");
    expect(await page.getByRole("cell", { name: "Kvinna", exact: true }).count()).toBe(1);
    await screenshot(page, "request-saved");
    const requestPath = new URL(page.url()).pathname;

    await page.getByRole("link", { name: "Ändra var familjen är aktuell" }).click();
    await page.waitForURL("**/andra");
    await checkA11y(page, "the edit of who is open where");
    expect(await page.getByRole("group", { name: "Tolvan Tolvansson" }).getByLabel("Kön").inputValue()).toBe("woman");
    await screenshot(page, "request-edit");
    await page.getByRole("group", { name: "Stora Tolvansson" }).getByLabel("Barnenheten har inlett en utredning efter anmälan").check();
    await submit(page, "Spara ändringen");
    expect(await page.getByText("Ärendetypen ändrades från Typ 3 till Typ 1").count()).toBe(1);
    await checkA11y(page, "the request as Typ 1");

    await page.goto("/forfragningar");
    expect(await page.locator(`main table a[href="${requestPath}"]`).count()).toBe(1);
    await checkA11y(page, "the list of requests");

    // The process leader brings it to the Sofiamöte: the family goes on and a process starts.
    await logout(page);
    await checkA11y(page, "the login page after logout");
    await loginAs(page, "processledare");
    await page.goto("/forfragningar");
    await checkA11y(page, "the list of requests as the process leader sees it");
    await page.locator(`main table a[href="${requestPath}"]`).click();
    await page.waitForURL(`**${requestPath}`);
    await checkA11y(page, "the request as the process leader sees it");
    await page.getByRole("link", { name: "Registrera Sofiamötets beslut" }).click();
    await page.waitForURL("**/sofiamote");
    await checkA11y(page, "the Sofiamöte decision form");
    await submit(page, "Spara beslutet");
    expect(await page.locator("[data-error-summary] a").allTextContents()).toContain("Välj om familjen fortsätter eller inte.");
    await checkA11y(page, "the Sofiamöte decision form with errors");
    await page.getByLabel("Beslut", { exact: true }).selectOption({ label: "Fortsätter – en process startas" });
    await submit(page, "Spara beslutet");
    expect(await page.getByRole("status").textContent()).toContain("Sofiamötets beslut är sparat.");
    expect(await page.getByText("Fortsätter – process startad").count()).toBeGreaterThan(0);
    await checkA11y(page, "the request after the Sofiamöte");
  }, 240_000);

  it("without JavaScript, the process leader sorts the requests by a column header and filters them", async () => {
    const page = await env.newPage({ javaScriptEnabled: false });
    await loginAs(page, "processledare");
    await page.goto("/forfragningar");
    expect(await page.locator('th[aria-sort="descending"]').textContent()).toContain("Datum");
    await checkA11y(page, "the list of requests, newest first");
    await Promise.all([page.waitForURL(/sortera=namn/), page.locator('th a[href*="sortera=namn"]').click()]);
    expect(await page.locator('th[aria-sort="ascending"]').textContent()).toContain("Familj");
    await checkA11y(page, "the list of requests sorted by name");
    await page.getByLabel("Väntan på Sofiamötet").selectOption({ label: "Över gränsen" });
    await page.getByLabel("Status").selectOption({ label: "Fortsätter – process startad" });
    await Promise.all([page.waitForURL(/vantan=over/), page.getByRole("button", { name: "Visa" }).click()]);
    expect(page.url()).toContain("sortera=namn");
    expect(page.url()).toContain("status=continued");
    const waits = await page.locator("main tbody tr td:last-child").allTextContents();
    expect(waits.length).toBeGreaterThan(0);
    for (const w of waits) expect(w).toContain("över gränsen");
    await checkA11y(page, "the filtered list of requests");
    await screenshot(page, "request-list-filtered");
  }, 120_000);

  it("without JavaScript, adds and removes children one at a time and names whose field is wrong", async () => {
    const page = await env.newPage({ javaScriptEnabled: false });
    await loginAs(page, "barnhandlaggare");
    await page.goto("/forfragningar/ny");
    await checkA11y(page, "the request form without JavaScript");
    // One guardian and one child to begin with.
    expect(await page.getByRole("group", { name: /^(Vårdnadshavare|Barn) \d$/ }).count()).toBe(2);
    const guardian = page.getByRole("group", { name: "Vårdnadshavare 1" });
    await guardian.getByLabel("Namn").fill("Tolvan Tolvansson");
    await guardian.getByLabel("Relation till barnen").selectOption("parent");
    await guardian.getByLabel("Missbruksproblem").selectOption("yes");
    await guardian.getByLabel("Inställning till stöd").selectOption("positive");
    await page.getByRole("group", { name: "Barn 1" }).getByLabel("Namn").fill("Stora Tolvansson");

    // Two children more: each comes back empty, with the cursor in its name, and what was typed stays.
    await submit(page, "Lägg till barn");
    expect(await page.getByRole("group", { name: "Barn 1" }).getByLabel("Namn").inputValue()).toBe("Stora Tolvansson");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("children.1.name");
    await page.getByRole("group", { name: "Barn 2" }).getByLabel("Namn").fill("Mellan Tolvansson");
    await page.getByRole("group", { name: "Barn 2" }).getByLabel("Personnummer eller samordningsnummer").fill("20150101-1235");
    await submit(page, "Lägg till barn");
    await page.getByRole("group", { name: "Barn 3" }).getByLabel("Namn").fill("Lilla Tolvansson");
    await page.getByRole("group", { name: "Barn 3" }).getByLabel("Personnummer eller samordningsnummer").fill("20200202-0003");
    await checkA11y(page, "the request form with three children");

    // Saving names whose identity number is wrong, in the order of the form.
    await page.getByLabel("Hushåll").selectOption("together");
    await page.getByLabel("Vårdnad", { exact: true }).selectOption("joint");
    await page.getByLabel("Skäl till förfrågan").fill("Föräldern söker stöd.");
    await submit(page, "Spara förfrågan");
    const summary = await page.locator("[data-error-summary] a").allTextContents();
    expect(summary).toEqual([
      "Vårdnadshavare 1: Skriv personnummer, samordningsnummer eller födelsedatum.",
      "Barn 1: Skriv personnummer, samordningsnummer eller födelsedatum.",
      "Barn 1: Välj kön.",
      "Barn 2: Personnumret har fel kontrollsiffra. Kontrollera de fyra sista siffrorna.",
      "Barn 2: Välj kön.",
      "Barn 3: Personnumret har fel kontrollsiffra. Kontrollera de fyra sista siffrorna.",
      "Barn 3: Välj kön.",
    ]);
    await checkA11y(page, "the request form with errors in two children");

    // The second child was a mistake: removed, the third moves up, nothing is saved.
    await submit(page, "Ta bort barn 2");
    expect(await page.getByRole("status").textContent()).toContain("Barn 2 togs bort från formuläret.");
    expect(await page.getByRole("group", { name: "Barn 3" }).count()).toBe(0);
    expect(await page.getByRole("group", { name: "Barn 2" }).getByLabel("Namn").inputValue()).toBe("Lilla Tolvansson");
    await checkA11y(page, "the request form after removing a child");
  }, 240_000);
});
