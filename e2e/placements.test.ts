/**
 * Placements and the placement forum in a real browser without JavaScript (plain forms, POST and
 * redirect), with axe on every page: the caseworker opens "Placeringar" from the menu, records a
 * child without a Sofia process and its placement (an empty form first: every field's error),
 * tries to end it without saying where the child went, opens the planned forum's agenda and
 * records a decision for a child (first without a responsible person: refused). With SCREENSHOTS=1
 * it writes PNGs at 1280 and 800 px wide to screenshots/.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { addDays, todayInSweden } from "../src/platform/dates.ts";
import { checkA11y, describeBrowser, loginAs, openFromMenu, useBrowserApp } from "./browser.ts";

/** The browser tests' app runs on the machine's clock (decision 0033). */
const TODAY = todayInSweden();
const day = (n: number) => addDays(TODAY, n);
const screenshotDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../screenshots");

async function pictures(page: Page, name: string): Promise<void> {
  if (process.env.SCREENSHOTS !== "1") return;
  fs.mkdirSync(screenshotDir, { recursive: true });
  const original = page.viewportSize();
  for (const width of [1280, 800]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: path.join(screenshotDir, `placements-${name}-${width}.png`), fullPage: true });
  }
  if (original) await page.setViewportSize(original);
}

/** Submits the main form that holds the button and waits for the next page. */
async function submit(page: Page, button: string): Promise<void> {
  await Promise.all([page.waitForEvent("load"), page.locator("main").getByRole("button", { name: button }).click()]);
}

describeBrowser("placements and the placement forum (browser)", () => {
  const env = useBrowserApp();

  it("the caseworker records a placed child, is refused bad input field by field, and records the forum's decision", async () => {
    const page = await env.newPage({ javaScriptEnabled: false });
    await loginAs(page, "barnhandlaggare");
    await openFromMenu(page, "Placeringar");
    await checkA11y(page, "the placed children");
    const table = page.getByRole("table", { name: "Placerade barn som du får se" });
    expect(await table.locator("tbody tr").count()).toBe(4);
    await pictures(page, "list");

    await Promise.all([page.waitForEvent("load"), page.getByRole("link", { name: "Registrera ett placerat barn" }).click()]);
    await checkA11y(page, "the form for a placed child");
    await submit(page, "Registrera");
    await checkA11y(page, "the form with its errors");
    const summary = page.locator(".ds-error-summary, [role=alert]").first();
    expect(await summary.textContent()).toContain("Ange barnets namn.");
    expect(await page.locator("main").textContent()).toContain("Välj placeringsform.");
    await pictures(page, "form-errors");

    await page.getByLabel("Barnets namn").fill("Vilma Webbläsare");
    await page.getByLabel("Födelsedatum").fill(day(-3000));
    await page.getByLabel("Placeringsform").selectOption({ label: "Jourhem" });
    await page.getByRole("radio", { name: "SoL (frivillig)" }).check();
    await page.getByLabel("Startdatum").fill(day(-12));
    await page.getByLabel("Plan för hemflytt").fill("Hemflytt när pappa har fått stöd från öppenvården.");
    await submit(page, "Registrera");
    await checkA11y(page, "the child's page");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Vilma Webbläsare");
    expect(await page.locator("main").textContent()).toContain("Placeringen är registrerad.");
    await pictures(page, "child");

    await Promise.all([page.waitForEvent("load"), page.locator("main").getByRole("link", { name: "Avsluta" }).click()]);
    await checkA11y(page, "the form ending a placement");
    await page.getByLabel("Slutdatum").fill(day(-20));
    await submit(page, "Avsluta placeringen");
    await checkA11y(page, "the end form with its errors");
    const text = await page.locator("main").textContent();
    expect(text).toContain("Slutdatumet kan inte vara före startdatumet.");
    expect(text).toContain("Ange vart barnet gick: hem eller annan placering.");
    await pictures(page, "end-errors");

    await page.goto("/placeringar/forum");
    await checkA11y(page, "the forums");
    await pictures(page, "forums");
    const forums = page.getByRole("table", { name: "Placeringsforum, nyaste först" });
    await Promise.all([page.waitForEvent("load"), forums.locator("tbody tr").first().getByRole("link").click()]);
    await checkA11y(page, "the planned forum's agenda");
    expect(await page.getByRole("heading", { name: "Nora Lindqvist" }).count()).toBe(1);
    expect(await page.locator("main").textContent()).toContain("Förfallen");
    await pictures(page, "agenda");

    const nora = page.getByRole("region", { name: "Nora Lindqvist" });
    expect(await nora.getByRole("link", { name: /^Registrera beslut och nästa steg/ }).getAttribute("href")).toMatch(/\/barn\//);
    await Promise.all([page.waitForEvent("load"), nora.getByRole("link", { name: /^Registrera beslut och nästa steg/ }).click()]);
    await checkA11y(page, "the decision form");
    await page.getByLabel("Forumets beslut").fill("Umgänget med mamma utökas.");
    await page.locator("#f-actions-0-action").fill("Besök i familjehemmet.");
    await page.locator("#f-actions-0-dueDate").fill(day(20));
    await submit(page, "Registrera beslutet");
    await checkA11y(page, "the decision form with its errors");
    expect(await page.locator("main").textContent()).toContain("Ett beslut utan ansvarig tas inte emot.");
    await pictures(page, "decision-errors");
    await page.locator("#f-actions-0-responsibleId").selectOption({ label: "Bo Barnhandläggare" });
    await submit(page, "Registrera beslutet");
    await checkA11y(page, "the agenda with the decision");
    expect(await page.locator("main").textContent()).toContain("Beslutet och nästa steg är registrerade.");
    expect(await page.locator("main").textContent()).toContain("Umgänget med mamma utökas.");
  });

  it("the family page of a Sofia child shows the child's placements and the link to record one", async () => {
    const page = await env.newPage({ javaScriptEnabled: false });
    await loginAs(page, "barnhandlaggare");
    await page.goto("/placeringar");
    await checkA11y(page, "the placed children");
    const sofiaRow = page.getByRole("row").filter({ hasText: "(Sofiafamilj)" });
    await Promise.all([page.waitForEvent("load"), sofiaRow.getByRole("link").click()]);
    await checkA11y(page, "the Sofia child's page");
    const name = (await page.getByRole("heading", { level: 1 }).textContent()) ?? "";
    await Promise.all([page.waitForEvent("load"), page.getByRole("link", { name: "Till familjens sida" }).click()]);
    await checkA11y(page, "the family page with the placements section");
    const section = page.getByRole("region", { name: "Placeringar", exact: true });
    expect(await section.getByRole("heading", { name }).count()).toBe(1);
    expect(await section.textContent()).toContain("Jourhem");
    expect(await section.getByRole("link", { name: /^Registrera placering/ }).count()).toBeGreaterThan(0);
    await pictures(page, "family-section");
  });
});
