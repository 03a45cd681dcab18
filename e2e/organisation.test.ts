/**
 * The administrator's journey in a real browser, with axe on every page it reaches (the
 * organisation's pages in their normal, error and conflict states), JavaScript on and off.
 */
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { checkA11y, describeBrowser, loginAs, logout, openFromMenu, useBrowserApp } from "./browser.ts";

const PASSWORD = "en lång fras att minnas 2026";

/** Clicks a form's button and waits for the page the server answers with. */
async function submit(page: Page, button: string) {
  await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: button }).click()]);
}

// About twenty axe analyses per journey: far longer than a unit test on a busy machine.
const JOURNEY_TIMEOUT = 240_000;

describeBrowser("the organisation (browser)", () => {
  const env = useBrowserApp();

  it(
    "an administrator adds a unit and a user; the user chooses a password, logs in and reaches the start page",
    async () => {
      const page = await env.newPage();
      await loginAs(page, "admin");

      await openFromMenu(page, "Organisation");
      await page.waitForURL("**/organisation");
      expect(await page.locator("h1").count()).toBe(1);
      await checkA11y(page, "the organisation page");

      await page.getByRole("link", { name: "Lägg till enhet" }).click();
      await page.waitForURL("**/organisation/enheter/ny");
      await checkA11y(page, "the new unit form");
      await submit(page, "Lägg till enheten");
      expect(await page.locator("[data-error-summary] a").allTextContents()).toEqual(["Skriv enhetens namn", "Välj enhetens verksamhet"]);
      await checkA11y(page, "the new unit form with errors");
      await page.getByLabel("Enhetens namn").fill("Barn och unga norr");
      await page.getByLabel("Verksamhet").selectOption({ label: "Relationsvåld" });
      await submit(page, "Lägg till enheten");
      expect(await page.locator("#f-name-error").textContent()).toBe("Det finns redan en enhet med det namnet. Välj ett annat namn.");
      await checkA11y(page, "the new unit form with a duplicate name");
      await page.getByLabel("Enhetens namn").fill("Relationsvåldsteamet");
      await submit(page, "Lägg till enheten");
      expect(new URL(page.url()).search).toBe("?klart=enhet-tillagd");
      expect(await page.getByRole("status").textContent()).toContain("Enheten är tillagd.");
      await checkA11y(page, "the organisation page after adding a unit");

      await page.getByRole("link", { name: "Relationsvåldsteamet" }).click();
      await page.waitForURL(/\/organisation\/enheter\/[0-9a-f-]{36}$/);
      await checkA11y(page, "the unit page");

      await openFromMenu(page, "Användare");
      await page.waitForURL("**/anvandare");
      await checkA11y(page, "the user list");
      await page.getByLabel("Roll").selectOption({ label: "Handläggare" });
      await submit(page, "Visa");
      expect(new URL(page.url()).search).toContain("roll=caseworker");
      await checkA11y(page, "the user list filtered by role");

      await page.getByRole("link", { name: "Lägg till användare" }).click();
      await page.waitForURL("**/anvandare/ny");
      await checkA11y(page, "the new user form");
      await page.getByLabel("Användarnamn").fill("rut.relation");
      await page.getByLabel("Namn", { exact: true }).fill("Rut Relation");
      await page.getByLabel("Handläggare").check();
      await submit(page, "Lägg till användaren");
      expect(await page.locator("[data-error-summary] a").getAttribute("href")).toBe("#f-unitIds");
      await checkA11y(page, "the new user form with errors");
      await page.getByLabel("Relationsvåldsteamet").check();
      await submit(page, "Lägg till användaren");
      expect(await page.locator("h1").textContent()).toBe("Användaren är tillagd");
      await checkA11y(page, "the page with the one-time link");
      const link = ((await page.locator(".sofia-secret").textContent()) ?? "").trim();
      expect(link).toMatch(/\/losenord\/[A-Za-z0-9_-]{40,}$/);

      await page.getByRole("link", { name: "Till Rut Relation" }).click();
      await page.waitForURL(/\/anvandare\/[0-9a-f-]{36}$/);
      await checkA11y(page, "the user page");
      await logout(page);
      await checkA11y(page, "the login page after logging out");

      await page.goto(link);
      await checkA11y(page, "the set-password page");
      await page.getByLabel("Nytt lösenord").fill(PASSWORD);
      await page.getByLabel("Upprepa lösenordet").fill(PASSWORD);
      await submit(page, "Spara lösenordet");
      await checkA11y(page, "the login page after choosing a password");
      await loginAs(page, "rut.relation", { password: PASSWORD });
      expect(new URL(page.url()).pathname).toBe("/start");
      expect(await page.locator("h1").textContent()).toBe("Välkommen, Rut Relation");
    },
    JOURNEY_TIMEOUT,
  );

  it(
    "shows the conflict and the self-protection messages accessibly, without JavaScript",
    async () => {
      const page = await env.newPage({ javaScriptEnabled: false });
      await loginAs(page, "admin");
      await page.goto("/anvandare");
      await checkA11y(page, "the user list without JavaScript");
      await page.getByRole("link", { name: "Sara Sydström" }).click();
      await page.waitForURL(/\/anvandare\/[0-9a-f-]{36}$/);
      await checkA11y(page, "a user page without JavaScript");

      // Someone else saves first: this form's version is now stale.
      const other = await env.newPage();
      await loginAs(other, "admin");
      await other.goto(page.url());
      await checkA11y(other, "the same user page in another browser");
      await other.getByLabel("Namn", { exact: true }).fill("Sara Sydström-Berg");
      await submit(other, "Spara ändringarna");
      expect(await other.getByRole("status").textContent()).toContain("Ändringarna är sparade.");
      await checkA11y(other, "the user page after saving");

      await page.getByLabel("E-post (valfri)").fill("sara@exempelby.se");
      await submit(page, "Spara ändringarna");
      expect(await page.getByRole("alert").first().textContent()).toContain("Någon annan har ändrat uppgifterna");
      await checkA11y(page, "the user page with a stale version");

      await page.goto("/anvandare");
      await page.getByRole("link", { name: "Alva Administratör" }).click();
      await page.waitForURL(/\/anvandare\/[0-9a-f-]{36}$/);
      expect(await page.getByText("Du kan inte inaktivera ditt eget konto.").count()).toBe(1);
      await page.getByLabel("Administratör").uncheck();
      await page.getByLabel("Analytiker").check();
      await submit(page, "Spara ändringarna");
      expect(await page.locator("#f-roles-error").textContent()).toContain("Du kan inte ta bort din egen administratörsroll.");
      await checkA11y(page, "the own user page with a refused role change");
    },
    JOURNEY_TIMEOUT,
  );

  it(
    "an administrator sets the two placement limits; a value out of range gets its field's error, accessibly",
    async () => {
      const page = await env.newPage({ javaScriptEnabled: false });
      await loginAs(page, "admin");
      await page.goto("/organisation");
      expect(await page.getByLabel("Gräns för placeringsforum (dagar)").inputValue()).toBe("30");
      expect(await page.getByLabel("Gräns för jourhemsplacering (dagar)").inputValue()).toBe("60");
      await page.getByLabel("Gräns för placeringsforum (dagar)").fill("0");
      await page.getByLabel("Gräns för jourhemsplacering (dagar)").fill("400");
      await submit(page, "Spara kommunens uppgifter");
      expect(await page.locator("[data-error-summary] a").allTextContents()).toEqual([
        "Skriv ett antal dagar mellan 1 och 365 för placeringsforum",
        "Skriv ett antal dagar mellan 1 och 365 för jourhemsplacering",
      ]);
      await checkA11y(page, "the organisation page with bad placement limits");
      await page.getByLabel("Gräns för placeringsforum (dagar)").fill("21");
      await page.getByLabel("Gräns för jourhemsplacering (dagar)").fill("45");
      await submit(page, "Spara kommunens uppgifter");
      expect(new URL(page.url()).search).toBe("?klart=kommun");
      expect(await page.getByLabel("Gräns för placeringsforum (dagar)").inputValue()).toBe("21");
      expect(await page.getByLabel("Gräns för jourhemsplacering (dagar)").inputValue()).toBe("45");
      await checkA11y(page, "the organisation page with the placement limits saved");
    },
    JOURNEY_TIMEOUT,
  );

  it(
    "gives a caseworker the 403 page on the administrator's pages",
    async () => {
      const page = await env.newPage();
      await loginAs(page, "barnhandlaggare");
      const response = await page.goto("/organisation");
      expect(response?.status()).toBe(403);
      expect(await page.locator("h1").textContent()).toBe("Du har inte behörighet till den här sidan");
      await checkA11y(page, "the 403 page");
    },
    JOURNEY_TIMEOUT,
  );
});
