/**
 * The analyst's follow-up in a real browser, with axe on every page it reaches: the follow-up for
 * the default half-year, another period through the form, a figure's link to its definition, the
 * CSV download, the indicators' list, and a draft whose definition does not parse.
 */
import fs from "node:fs";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { addDays, todayInSweden } from "../src/platform/dates.ts";
import { checkA11y, describeBrowser, loginAs, openFromMenu, screenshot, useBrowserApp } from "./browser.ts";

async function submit(page: Page, button: string) {
  await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: button, exact: true }).click()]);
}

describeBrowser("the follow-up (browser)", () => {
  const env = useBrowserApp();

  it("an analyst changes the period, follows a figure to its definition and downloads the tables", async () => {
    const page = await env.newPage();
    await loginAs(page, "analytiker");

    await page.goto("/start");
    await checkA11y(page, "the start page");
    await openFromMenu(page, "Uppföljning");
    expect(new URL(page.url()).pathname).toBe("/uppfoljning");
    expect(await page.locator("h1").textContent()).toBe("Uppföljning");
    await checkA11y(page, "the follow-up, default period");
    await screenshot(page, "followup-default");

    const today = todayInSweden();
    const from = addDays(today, -364);
    await page.getByLabel("Från och med").fill(from);
    await page.getByLabel("Till och med").fill(today);
    await submit(page, "Visa perioden");
    expect(new URL(page.url()).searchParams.get("from")).toBe(from);
    expect(await page.getByText(`Perioden ${from}–${today} jämförs med`).count()).toBe(1);
    const table = page.getByRole("table", { name: "Andel familjer som söker eller får fortsatt stöd: siffrorna" });
    const rows = await table.getByRole("row").allInnerTexts();
    expect(rows[0]).toMatch(/^Period\tAntal \(n\)\tAv \(N\)\tAndel\tBedömning$/);
    expect(rows[1]).toMatch(/^Perioden\t/);
    expect(rows[2]).toMatch(/^Föregående period\t/);
    expect(rows[1]).toMatch(/Målet (inte )?nått|Kan inte bedömas/);
    expect(await page.getByRole("img", { name: /^Stapeldiagram: Andel familjer som söker eller får fortsatt stöd/ }).count()).toBe(1);
    expect(await page.locator(".sofia-suppressed").count()).toBeGreaterThan(0);
    await checkA11y(page, "the follow-up, last year");
    await screenshot(page, "followup-year");

    // Every figure's column leads to where the definition says how it is counted.
    await Promise.all([page.waitForEvent("load"), table.getByRole("link", { name: "Antal (n)" }).click()]);
    expect(page.url()).toMatch(/\/uppfoljning\/indikatorer\/mal-fortsatt-stod\/versioner\/1#taljare$/);
    expect(await page.locator("h1").textContent()).toBe("Andel familjer som söker eller får fortsatt stöd, version 1");
    expect(await page.locator("#taljare + ul").textContent()).toBe("någon i familjen har sökt eller fått fortsatt stöd stämmer");
    await checkA11y(page, "the definition");
    await screenshot(page, "followup-definition");

    await page.goBack();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Alla tabeller som CSV" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`uppfoljning-${from}-${today}.csv`);
    const csv = fs.readFileSync(await download.path(), "utf8");
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv).toContain("Period;Antal (n);Av (N);Andel;Bedömning");
    expect(csv).toContain("Andel familjer som söker eller får fortsatt stöd");
    await checkA11y(page, "the follow-up after going back");
  });

  it("an empty period says so", async () => {
    const page = await env.newPage();
    await loginAs(page, "analytiker");
    await page.goto("/uppfoljning?from=1990-01-01&to=1990-06-30");
    expect(await page.getByRole("status").textContent()).toContain("Det finns inga uppgifter för perioden 1990-01-01–1990-06-30");
    await checkA11y(page, "an empty period");
    await screenshot(page, "followup-empty");
  });

  it("an analyst drafts an indicator and is told why a definition does not parse", async () => {
    const page = await env.newPage();
    await loginAs(page, "analytiker");
    await page.goto("/uppfoljning/indikatorer");
    expect(await page.locator("h1").textContent()).toBe("Indikatorer");
    await checkA11y(page, "the indicators");
    await screenshot(page, "indicators-list");

    await submit(page, "Skapa utkast av Barnmöten hållna av möjliga");
    expect(page.url()).toMatch(/\/barnsamtal-hallna\/versioner\/2\/andra$/);
    await checkA11y(page, "the draft's form");
    const definition = page.getByLabel("Vad som räknas och villkoren (JSON)");
    const json = JSON.parse(await definition.inputValue());
    json.numerator = [{ field: "child_meeting_held", op: "eq", value: "ja" }];
    await definition.fill(JSON.stringify(json, null, 2));
    await page.getByLabel("Mål", { exact: true }).fill("70");
    await submit(page, "Spara utkastet");
    const summary = page.locator("[data-error-summary] a");
    expect(await summary.allTextContents()).toEqual([
      "Vad som räknas och villkoren (JSON): Täljaren, villkor 1: Villkoret passar inte fältets typ.",
    ]);
    await checkA11y(page, "the draft's form with an error");
    await screenshot(page, "indicator-form-error");

    json.numerator = [{ field: "child_meeting_held", op: "is_true" }];
    await definition.fill(JSON.stringify(json, null, 2));
    await submit(page, "Spara utkastet");
    expect(await page.getByRole("status").textContent()).toContain("Utkastet är sparat.");
    await checkA11y(page, "the saved draft");
    await Promise.all([page.waitForEvent("load"), page.getByRole("link", { name: "Publicera utkastet" }).click()]);
    await checkA11y(page, "the publish confirmation");
    await submit(page, "Publicera");
    expect(await page.getByRole("status").textContent()).toContain("Utkastet är publicerat.");
    expect(await page.locator("#mal + p").textContent()).toBe("minst 70 %");
    await checkA11y(page, "the published version 2");
  });
});
