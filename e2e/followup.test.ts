/**
 * The analyst's follow-up in a real browser, with axe on every page it reaches: the key figures of
 * the default half-year, the sections folded in disclosures (opened by keyboard), the period choices
 * (this year against the same period last year, a custom period, a date that does not exist), a
 * figure's link to its definition, the CSV download, the indicators' list, and a draft whose
 * definition does not parse.
 */
import fs from "node:fs";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { samePeriodLastYear } from "../src/followup/period.ts";
import { addDays, todayInSweden } from "../src/platform/dates.ts";
import { checkA11y, describeBrowser, loginAs, openFromMenu, screenshot, useBrowserApp } from "./browser.ts";

/** A row's text with a hidden figure as its "..", without the words read out for it. */
const plain = (row: string) => row.replace(/\n?för få för att visas\n?/g, "");

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

    // The key figures come first: the process goals against their targets, the funnel, the response rates, the waits.
    expect((await page.locator("main h2").allTextContents()).slice(0, 3)).toEqual([
      "Andra perioder",
      "Nyckeltal",
      "Från förfrågan till genomförd serie",
    ]);
    const goals = page.getByRole("table", { name: "Processmålen mot målen" });
    expect((await goals.getByRole("row").allInnerTexts())[0]).toBe(
      "Processmål\tPerioden\tJämförelseperioden\tMål och bedömning (perioden)",
    );
    expect(await goals.getByRole("row", { name: /Andel familjer som söker eller får fortsatt stöd/ }).allInnerTexts()).toEqual([
      expect.stringMatching(/\tminst 50\s%: (Målet nått|Målet inte nått|Kan inte bedömas)$/),
    ]);
    const funnel = page.getByRole("table", { name: "Tratten: från förfrågan till genomförd serie" });
    const funnelRows = await funnel.getByRole("row").allInnerTexts();
    expect(funnelRows).toHaveLength(5);
    expect(funnelRows[1]).toMatch(/^Förfrågningar som tagits upp på Sofiamöte\t\d+\t\d+$/);
    const responses = page.getByRole("table", { name: "Svarsfrekvens efter möten" });
    expect((await responses.getByRole("row").allInnerTexts()).map(plain)[1]).toMatch(/^\S.*\t(\d+\s%|\.\.|–)\t(\d+\s%|\.\.|–)$/);
    const waits = page.getByRole("table", { name: /^Väntetider i dagar, mot kommunens gräns på \d+ dagar$/ });
    const waitRows = (await waits.getByRole("row").allInnerTexts()).map(plain);
    expect(waitRows).toHaveLength(7);
    for (const row of waitRows.slice(1))
      expect(row).toMatch(/^Väntetid, .*\t(\d+(?:,\d)?|–|\.\.)\t(\d+(?:,\d)?|–|\.\.)\t(Över gränsen|Inom gränsen|Kan inte bedömas)$/);

    // Every section is a disclosure, closed; only the key figures are open. The keyboard opens one.
    const disclosures = page.locator("details.sofia-disclosure");
    expect(await disclosures.count()).toBe(10);
    expect(await disclosures.evaluateAll((all) => all.map((d) => (d as HTMLDetailsElement).open))).toEqual([true, ...Array(9).fill(false)]);
    const table = page.getByRole("table", { name: "Andel familjer som söker eller får fortsatt stöd: siffrorna" });
    expect(await table.isVisible()).toBe(false);
    await page.getByText("Processmål: 4 indikatorer med diagram och tabeller").focus();
    await page.keyboard.press("Enter");
    expect(await table.isVisible()).toBe(true);
    await checkA11y(page, "the follow-up with the process goals open");
    // The placements (issue 18): a section of its own, its five indicators each a heading that links to its definition.
    const placements = page.getByRole("heading", { name: "Avslutade placeringar där barnet flyttade hem" });
    expect(await placements.isVisible()).toBe(false);
    await page.getByText("Placeringar och placeringsforum: 5 indikatorer med diagram och tabeller").focus();
    await page.keyboard.press("Enter");
    expect(await placements.isVisible()).toBe(true);
    await checkA11y(page, "the follow-up with the placements open");

    // This year against the same period last year.
    const today = todayInSweden();
    const year = { from: `${today.slice(0, 4)}-01-01`, to: today };
    const lastYear = samePeriodLastYear(year);
    await page.getByLabel(/^Det här året/).check();
    await page.getByLabel("Samma period förra året").check();
    await submit(page, "Visa perioden");
    expect(new URL(page.url()).searchParams.get("period")).toBe("year");
    expect(
      await page
        .getByText(`Perioden ${year.from}–${year.to} jämförs med samma period förra året, ${lastYear.from}–${lastYear.to}.`)
        .count(),
    ).toBe(1);
    expect(await page.getByLabel(/^Det här året/).isChecked()).toBe(true);
    expect(await page.getByLabel("Samma period förra året").isChecked()).toBe(true);
    await checkA11y(page, "the follow-up, this year against last year");
    await screenshot(page, "followup-this-year");

    // A date that does not exist is the field's error, and nothing is shown.
    await page.getByLabel("Egen period (datumen nedan)").check();
    await page.getByLabel("Från och med").fill("30/2 2026");
    await submit(page, "Visa perioden");
    expect(await page.locator("[data-error-summary] a").allTextContents()).toEqual(["Från och med: Ange ett datum som ÅÅÅÅ-MM-DD."]);
    expect(await page.locator("#f-from").inputValue()).toBe("30/2 2026");
    expect(await page.getByRole("table", { name: "Processmålen mot målen" }).count()).toBe(0);
    await checkA11y(page, "the follow-up with a date that does not exist");

    // A custom period of a year, against the period of the same length just before.
    const from = addDays(today, -364);
    await page.getByLabel("Egen period (datumen nedan)").check();
    await page.getByLabel("Föregående period av samma längd").check();
    await page.getByLabel("Från och med").fill(from);
    await page.getByLabel("Till och med").fill(today);
    await submit(page, "Visa perioden");
    expect(new URL(page.url()).searchParams.get("from")).toBe(from);
    expect(await page.getByText(`Perioden ${from}–${today} jämförs med föregående period, `).count()).toBe(1);
    await page.getByText("Processmål: 4 indikatorer med diagram och tabeller").click();
    const rows = await table.getByRole("row").allInnerTexts();
    expect(rows[0]).toMatch(/^Period\tAntal \(n\)\tAv \(N\)\tAndel\tBedömning$/);
    expect(rows[1]).toMatch(/^Perioden\t/);
    expect(rows[2]).toMatch(/^Jämförelseperioden\t/);
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
