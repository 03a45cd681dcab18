/**
 * The survey instruments in a real browser, with axe on every page reached: the list, a version as
 * the respondent reads it (Swedish and English), the draft's form with a field-linked error, and the
 * published new version.
 */
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { checkA11y, describeBrowser, loginAs, openFromMenu, screenshot, useBrowserApp } from "./browser.ts";

async function submit(page: Page, button: string) {
  await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: button }).click()]);
}

describeBrowser("the survey instruments (browser)", () => {
  const env = useBrowserApp();

  it("an administrator reads the child survey, drafts a new version, fixes an error and publishes it", async () => {
    const page = await env.newPage();
    await loginAs(page, "admin");

    await openFromMenu(page, "Enkäter");
    await page.waitForURL("**/enkater");
    await checkA11y(page, "the surveys");
    await screenshot(page, "surveys-list");

    const name = "Sofiamodellens fyra frågor, barn 6–12 år";
    await page
      .getByRole("table", { name: `Versioner av ${name}` })
      .getByRole("link", { name: "Version 1" })
      .click();
    await page.waitForURL("**/enkater/sofia-4q-child/1");
    expect(await page.locator("h1").textContent()).toBe(`${name}, version 1`);
    expect(await page.getByText("Lyssnade de vuxna på dig?").count()).toBe(1);
    await checkA11y(page, "the child survey version 1");
    await screenshot(page, "surveys-version");

    await page.getByRole("navigation", { name: "Visa enkäten på" }).getByRole("link", { name: "Engelska" }).click();
    await page.waitForURL("**/enkater/sofia-4q-child/1?sprak=en");
    expect(await page.getByText("Did the grown-ups listen to you?").count()).toBe(1);
    await checkA11y(page, "the child survey version 1 in English");

    await page.goto("/enkater");
    await checkA11y(page, "the surveys");
    await submit(page, `Skapa ett nytt utkast av ${name}`);
    expect(page.url()).toMatch(/\/enkater\/sofia-4q-child\/2\/andra$/);
    await checkA11y(page, "the draft's form");

    const question2 = page.getByRole("group", { name: "Fråga 2: Lyssnade de vuxna på dig?" });
    await question2.getByLabel("Svenska", { exact: true }).fill("");
    await submit(page, "Spara utkastet");
    expect(await page.locator("[data-error-summary] a").allTextContents()).toEqual(["Fråga 2, Svenska: Skriv texten."]);
    await checkA11y(page, "the draft's form with an error");
    await screenshot(page, "surveys-draft-error");

    await page.locator("[data-error-summary] a").click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("f-items-1-texts-sv");
    await page.keyboard.type("Lyssnade de vuxna på det du sa?");
    await submit(page, "Spara utkastet");
    expect(await page.getByRole("status").textContent()).toContain("Utkastet är sparat.");
    await checkA11y(page, "the saved draft");

    await submit(page, "Publicera utkastet som ny version");
    expect(await page.getByRole("status").textContent()).toContain("Utkastet är publicerat.");
    expect(await page.getByText("Lyssnade de vuxna på det du sa?").count()).toBe(1);
    await checkA11y(page, "the published version 2");
    await screenshot(page, "surveys-published");

    await page.goto("/enkater");
    await checkA11y(page, "the surveys with a retired version");
  }, 240_000);
});
