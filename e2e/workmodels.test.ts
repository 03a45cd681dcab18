/**
 * The administrator's journey through the work models in a real browser, with axe on every page
 * it reaches: the list, a published version, the draft's form (normal and with errors), and the
 * published new version.
 */
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { checkA11y, describeBrowser, loginAs, openFromMenu, useBrowserApp } from "./browser.ts";

async function submit(page: Page, button: string) {
  await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: button }).click()]);
}

describeBrowser("the work models (browser)", () => {
  const env = useBrowserApp();

  it("an administrator reads the Sofia model, drafts a new version, fixes an error and publishes it", async () => {
    const page = await env.newPage();
    await loginAs(page, "admin");

    await openFromMenu(page, "Arbetsmodeller");
    await page.waitForURL("**/arbetsmodeller");
    await checkA11y(page, "the work models");

    await page.getByRole("table", { name: "Versioner av Sofiamodellen" }).getByRole("link", { name: "Version 1" }).click();
    await page.waitForURL("**/versioner/1");
    expect(await page.locator("h1").textContent()).toBe("Sofiamodellen, version 1");
    await checkA11y(page, "Sofiamodellen version 1");

    await page.goto("/arbetsmodeller");
    await checkA11y(page, "the work models");
    await submit(page, "Skapa ett nytt utkast av Sofiamodellen");
    expect(page.url()).toMatch(/\/versioner\/2\/andra$/);
    await checkA11y(page, "the draft's form");

    await page.getByLabel("Lägsta ålder för barnmöte (år)").fill("fyra");
    await submit(page, "Spara utkastet");
    expect(await page.locator("[data-error-summary] a").allTextContents()).toEqual([
      "Barnmöte, Lägsta ålder för barnmöte (år): Ange lägsta ålder som en hel siffra mellan 0 och 17.",
    ]);
    await checkA11y(page, "the draft's form with an error");

    await page.getByLabel("Lägsta ålder för barnmöte (år)").fill("5");
    await submit(page, "Spara utkastet");
    expect(await page.getByRole("status").textContent()).toContain("Utkastet är sparat.");
    await checkA11y(page, "the saved draft");

    await submit(page, "Publicera utkastet som ny version");
    expect(await page.getByRole("status").textContent()).toContain("Utkastet är publicerat.");
    expect(await page.getByText("Varje barn från 5 år").count()).toBeGreaterThan(0);
    await checkA11y(page, "the published version 2");

    await page.goto("/arbetsmodeller");
    await checkA11y(page, "the work models with a retired version");
  }, 240_000);
});
