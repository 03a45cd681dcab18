/**
 * The process leader's journey through the review keys in a real browser, with axe on every page
 * it reaches: the list, the published Skarpnäck key, a new draft's form (normal and with an error),
 * the saved draft, the publish confirmation and the published new version.
 */
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { checkA11y, describeBrowser, loginAs, screenshot, useBrowserApp } from "./browser.ts";

async function submit(page: Page, button: string) {
  await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: button, exact: true }).click()]);
}

async function follow(page: Page, link: string) {
  await Promise.all([page.waitForEvent("load"), page.getByRole("link", { name: link, exact: true }).click()]);
}

describeBrowser("the review keys (browser)", () => {
  const env = useBrowserApp();

  it("a process leader reads the Skarpnäck key, drafts a new version, fixes an error and publishes it", async () => {
    const page = await env.newPage();
    await loginAs(page, "processledare");

    await page.goto("/aktgranskning/nycklar");
    expect(await page.locator("h1").textContent()).toBe("Granskningsnycklar");
    await checkA11y(page, "the review keys");
    await screenshot(page, "review-keys-list");

    await page.getByRole("table", { name: "Versioner av Granskningsnyckel Skarpnäck" }).getByRole("link", { name: "Version 1" }).click();
    await page.waitForURL("**/aktgranskning/nycklar/skarpnack/versioner/1");
    expect(await page.locator("h1").textContent()).toBe("Granskningsnyckel Skarpnäck, version 1");
    const table = page.getByRole("table", { name: "Frågorna och vilka dokumenttyper de gäller" });
    const informed = table.getByRole("row", { name: /Har barnet informerats om bedömningen/ });
    expect(await informed.getByRole("cell").allInnerTexts()).toEqual([
      "2",
      "✓\nGäller",
      "–\nGäller inte",
      "–\nGäller inte",
      "–\nGäller inte",
    ]);
    await checkA11y(page, "Skarpnäck key version 1");
    await screenshot(page, "review-key-version");

    await submit(page, "Skapa utkast");
    expect(page.url()).toMatch(/\/skarpnack\/versioner\/2\/andra$/);
    expect(await page.locator("h1").textContent()).toBe("Ändra Granskningsnyckel Skarpnäck, version 2 (utkast)");
    await checkA11y(page, "the draft's form");

    const question = page.getByRole("group", { name: "Fråga 2" });
    await question.getByLabel("Frågans text").fill("");
    await submit(page, "Spara utkastet");
    const summary = page.locator("[data-error-summary] a");
    expect(await summary.allTextContents()).toEqual(["Fråga 2, Frågans text: Fyll i texten."]);
    await checkA11y(page, "the draft's form with an error");
    await screenshot(page, "review-key-form-error");
    await summary.first().click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("f-questions-1-text");

    await question.getByLabel("Frågans text").fill("Har barnet fått veta vad utredningen kom fram till?");
    await question.getByRole("checkbox", { name: "Vuxenutredning" }).check();
    await submit(page, "Spara utkastet");
    expect(page.url()).toMatch(/\/versioner\/2\?klart=sparat$/);
    expect(await page.getByRole("status").textContent()).toContain("Utkastet är sparat.");
    await checkA11y(page, "the saved draft");
    await screenshot(page, "review-key-draft");

    await follow(page, "Publicera utkastet");
    expect(await page.locator("h1").textContent()).toBe("Publicera Granskningsnyckel Skarpnäck, version 2");
    await checkA11y(page, "the publish confirmation");
    await screenshot(page, "review-key-publish");

    await submit(page, "Publicera");
    expect(await page.getByRole("status").textContent()).toContain("Utkastet är publicerat.");
    const changed = page
      .getByRole("table", { name: "Frågorna och vilka dokumenttyper de gäller" })
      .getByRole("row", { name: /Har barnet fått veta vad utredningen kom fram till/ });
    expect(await changed.getByRole("cell").allInnerTexts()).toEqual(["2", "✓\nGäller", "✓\nGäller", "–\nGäller inte", "–\nGäller inte"]);
    expect(await page.getByRole("link", { name: "Ändra utkastet" }).count()).toBe(0);
    await checkA11y(page, "the published version 2");

    await page.goto("/aktgranskning/nycklar");
    expect(await page.getByRole("table", { name: "Versioner av Granskningsnyckel Skarpnäck" }).getByRole("row").allInnerTexts()).toEqual([
      expect.stringContaining("Version"),
      expect.stringMatching(/^Version 2\s+Publicerad/),
      expect.stringMatching(/^Version 1\s+Avslutad/),
    ]);
    await checkA11y(page, "the review keys with a retired version");
  }, 240_000);
});
