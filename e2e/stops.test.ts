/**
 * The caseworkers of a family on Familjeorienterat processtöd in a real browser, with axe on every
 * page reached: record a consultation stop (first with a date in the future), the joint child
 * impact analysis (saved, then reopened), a rating on the safety scale, and further support (first
 * with the dates in the wrong order). The family page then shows the stops and support sections.
 */
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { addDays, todayInSweden } from "../src/platform/dates.ts";
import { familyProcess } from "../src/processes/stops/test-setup.ts";
import { checkA11y, describeBrowser, loginAs, screenshot, useBrowserApp } from "./browser.ts";

/** The browser tests' app runs on the machine's clock (decision 0033). */
const TODAY = todayInSweden();

async function submit(page: Page, button: string) {
  await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: button }).click()]);
}

const errorTexts = (page: Page) => page.locator("[data-error-summary] a").allTextContents();

describeBrowser("consultation stops and further support (browser)", () => {
  const env = useBrowserApp();

  it("a child caseworker records a stop, the joint child impact analysis, a safety rating and further support", async () => {
    const family = await familyProcess(env.t);
    const processPage = new RegExp(`/processer/${family.processId}\\?klart=`);
    const page = await env.newPage();
    await loginAs(page, "barnhandlaggare");

    // A consultation stop: a date in the future is refused, then it is recorded.
    await page.goto(`/processer/${family.processId}/samrad/ny?hallplats=samrad-utredningsstart`);
    await checkA11y(page, "the consultation form");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Registrera samråd: Samråd vid utredningsstart");
    await page.getByLabel("Datum då samrådet hölls").fill(addDays(TODAY, 2));
    await submit(page, "Spara samrådet");
    expect(await errorTexts(page)).toEqual(["Datumet ligger i framtiden. Registrera det som redan har hänt."]);
    await checkA11y(page, "the consultation form with an error");
    await page.getByLabel("Datum då samrådet hölls").fill(addDays(TODAY, -1));
    await page.getByLabel("Både barnhandläggaren och vuxenhandläggaren deltar").check();
    await page.getByLabel("Anteckning (frivillig)").fill("Plan för utredningen klar.");
    await submit(page, "Spara samrådet");
    await page.waitForURL(processPage);
    await checkA11y(page, "the process page after the consultation");

    // The worksheet of the older child.
    await page.goto(`/processer/${family.processId}/barnkonsekvensanalys/${family.childIds[0]}`);
    await checkA11y(page, "the empty child impact analysis");
    await screenshot(page, "stops-impact-analysis");
    await page.getByRole("radio", { name: "Ja, båda deltog" }).check();
    await page.getByLabel("Barnets situation och egen berättelse").fill("Stina berättar att hon oroar sig för pappa.");
    await page.getByLabel("Barnets åsikter").fill("Stina vill gå i barngrupp.");
    await submit(page, "Spara analysen");
    expect(await errorTexts(page)).toEqual(["Skriv barnets bästa och er slutsats."]);
    await checkA11y(page, "the child impact analysis with an error");
    await page.getByLabel("Barnets bästa och slutsats").fill("Barngrupp och stöd till pappa är bäst för Stina.");
    await submit(page, "Spara analysen");
    await page.waitForURL(processPage);
    await checkA11y(page, "the process page after the analysis");
    await page.goto(`/processer/${family.processId}/barnkonsekvensanalys/${family.childIds[0]}`);
    expect(await page.getByLabel("Barnets bästa och slutsats").inputValue()).toBe("Barngrupp och stöd till pappa är bäst för Stina.");
    expect(await page.getByRole("radio", { name: "Ja, båda deltog" }).isChecked()).toBe(true);
    await checkA11y(page, "the saved child impact analysis");

    // The safety scale.
    await page.goto(`/processer/${family.processId}/trygghetsskala/ny?barn=${family.childIds[0]}`);
    await checkA11y(page, "the safety rating form");
    await page.getByLabel("Datum för skattningen").fill(addDays(TODAY, -1));
    await page.getByLabel("Skattad av").selectOption("child");
    await page.getByLabel("Värde").selectOption("6");
    await submit(page, "Spara skattningen");
    await page.waitForURL(processPage);
    await checkA11y(page, "the process page after the rating");

    // Further support: granted before the application is refused, then saved.
    await page.goto(`/processer/${family.processId}/stod/ny`);
    await checkA11y(page, "the further support form");
    await screenshot(page, "support-form");
    await page.getByLabel("Familjemedlem").selectOption({ label: "Tolvan Tolvansson (vårdnadshavare)" });
    await page.getByLabel("Slag av stöd").selectOption("outpatient_addiction");
    await page.getByLabel("Ansökt den").fill(addDays(TODAY, -3));
    await page.getByLabel("Beviljad den").fill(addDays(TODAY, -6));
    await submit(page, "Spara stödet");
    expect(await errorTexts(page)).toEqual(["Insatsen kan inte ha beviljats före ansökan."]);
    await checkA11y(page, "the further support form with an error");
    await screenshot(page, "support-form-error");
    await page.getByLabel("Beviljad den").fill(addDays(TODAY, -2));
    await submit(page, "Spara stödet");
    await page.waitForURL(processPage);
    await checkA11y(page, "the process page after further support");

    // The family page shows both sections with this family's data.
    await page.goto(`/processer/${family.processId}`);
    await checkA11y(page, "the family page with its stops and support");
    expect(await page.getByRole("img", { name: /Trygghetsskala för Stina Tolvansson över tid: 6 den/ }).count()).toBe(1);
    expect(await page.getByRole("row", { name: /Samråd vid utredningsstart.*Hållen, försenad/ }).count()).toBe(1);
    await screenshot(page, "stops-and-support-sections");
  });
});
