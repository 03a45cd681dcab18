/**
 * A process leader runs the annual staff survey in a real browser, with a real SMTP server in the
 * process and axe on every page: from the surveys page to the campaigns, a form with bad input
 * refused, the campaign created for two units, the links sent (the e-mails arrive, one per
 * caseworker and unit manager; a staff member without an address is listed), and the link in an
 * e-mail opens the survey. Then a parent campaign's links are printed as a handout. Then last
 * year's campaign gets a paper form typed in, the two years are compared, and a staff campaign's
 * answer codes are printed one to a sheet and one is answered by typing it.
 */
import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { users } from "../src/db/schema/index.ts";
import type { Config } from "../src/platform/config.ts";
import { addDays, todayInSweden } from "../src/platform/dates.ts";
import { leaveOutGeneratedCaseworkers } from "../test/helpers.ts";
import { startSmtp, type TestSmtp } from "../test/smtp.ts";
import { checkA11y, describeBrowser, loginAs, logout, screenshot, useBrowserApp } from "./browser.ts";

async function submit(page: Page, button: string) {
  await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: button }).click()]);
}

describeBrowser("annual survey campaigns (browser)", () => {
  let smtp: TestSmtp;
  // Filled in before the app starts: this hook is registered before useBrowserApp's.
  const overrides: Partial<Config> = { mailFrom: "Sofia <sofia@exempelby.se>" };
  beforeAll(async () => {
    smtp = await startSmtp();
    overrides.smtpUrl = smtp.url;
  });
  afterAll(async () => {
    await smtp?.close();
  });
  const env = useBrowserApp(overrides);

  it("a process leader creates a staff campaign and sends the links by e-mail", async () => {
    const db = env.t.database.db;
    await db.update(users).set({ email: "bo.barn@exempelby.se" }).where(eq(users.username, "barnhandlaggare"));
    await db.update(users).set({ email: "erik.chef@exempelby.se" }).where(eq(users.username, "enhetschef"));
    await leaveOutGeneratedCaseworkers(db); // this test names every recipient
    const today = todayInSweden();

    const page = await env.newPage();
    await loginAs(page, "processledare");
    await page.goto("/enkater");
    await checkA11y(page, "the surveys page with the link to the campaigns");
    await Promise.all([page.waitForEvent("load"), page.getByRole("link", { name: "Årliga enkätkampanjer" }).click()]);
    // The demo's campaigns of the families' two years are listed.
    const year = Number(today.slice(0, 4));
    expect(await page.getByRole("link", { name: `Föräldraenkät ${year - 1}` }).count()).toBe(1);
    expect(await page.getByRole("link", { name: `Medarbetarenkät ${year}` }).count()).toBe(1);
    await checkA11y(page, "the list of campaigns with the demo's years");
    await Promise.all([page.waitForEvent("load"), page.getByRole("link", { name: "Ny kampanj" }).click()]);
    await checkA11y(page, "the new campaign form");
    await screenshot(page, "survey-campaign-form");

    // Nothing filled in: every field says what is missing.
    await submit(page, "Skapa kampanjen");
    expect(await page.locator("[data-error-summary] a").allTextContents()).toEqual([
      "Skriv ett namn på kampanjen",
      "Välj en årlig enkät med en publicerad version",
      "Skriv första dagen",
      "Skriv sista dagen",
      "Kryssa i minst en enhet",
    ]);
    await checkA11y(page, "the new campaign form with errors");
    await screenshot(page, "survey-campaign-form-errors");

    await page.getByLabel("Namn", { exact: true }).fill("Medarbetarenkät ny");
    await page.getByLabel("Enkät", { exact: true }).selectOption({ label: "Årlig enkät till medarbetare (medarbetare)" });
    await page.getByLabel("Första dag").fill(today);
    await page.getByLabel("Sista dag").fill(addDays(today, 14));
    await page.getByLabel("Barn och unga Norr").check();
    await page.getByLabel("Barn och unga Syd").check();
    await submit(page, "Skapa kampanjen");
    await page.waitForURL(/klart=skapad$/);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Medarbetarenkät ny");
    expect(await page.getByText("Saknar e-postadress (1)").count()).toBe(1);
    expect(await page.getByText("Sara Sydström").count()).toBe(1);
    await checkA11y(page, "the new campaign");
    await screenshot(page, "survey-campaign-created");

    await submit(page, "Skicka länkar");
    await page.waitForURL(/klart=skickat/);
    expect(await page.getByRole("status").first().textContent()).toContain("2 e-postmeddelanden skickades.");
    await checkA11y(page, "the campaign after sending");
    await screenshot(page, "survey-campaign-sent");

    // The e-mails arrived, one per caseworker and unit manager with an address, each with its own link.
    expect(smtp.messages.map((m) => m.to[0]).sort()).toEqual(["bo.barn@exempelby.se", "erik.chef@exempelby.se"]);
    const mail = smtp.to("bo.barn@exempelby.se")[0];
    expect(mail?.subject).toBe("Enkät: Medarbetarenkät ny");
    const link = /(https?:\/\/\S+\/svar\/[A-Za-z0-9_-]+)/.exec(mail?.text ?? "")?.[1] ?? "";
    expect(link.startsWith(env.baseUrl)).toBe(true);

    await Promise.all([page.waitForEvent("load"), page.getByRole("link", { name: "Tillbaka till kampanjerna" }).click()]);
    expect(await page.getByRole("link", { name: "Medarbetarenkät ny" }).count()).toBe(1);
    await checkA11y(page, "the list of campaigns");
    await screenshot(page, "survey-campaign-list");

    // A parent campaign: the links are printed, one card with a QR code each, no names.
    await Promise.all([page.waitForEvent("load"), page.getByRole("link", { name: "Ny kampanj" }).click()]);
    await page.getByLabel("Namn", { exact: true }).fill("Föräldraenkät ny");
    await page.getByLabel("Enkät", { exact: true }).selectOption({ label: "Årlig enkät till föräldrar (föräldrar)" });
    await page.getByLabel("Första dag").fill(today);
    await page.getByLabel("Sista dag").fill(addDays(today, 30));
    await page.getByLabel("Barn och unga Öst").check();
    await submit(page, "Skapa kampanjen");
    await page.waitForURL(/klart=skapad$/);
    await checkA11y(page, "the new parent campaign");
    await screenshot(page, "survey-campaign-parent");
    await page.getByLabel("Antal länkar").fill("4");
    await submit(page, "Skriv ut länkar");
    expect(await page.locator(".sofia-handout__card").count()).toBe(4);
    expect(await page.locator(".sofia-handout__card svg").count()).toBe(4);
    await checkA11y(page, "the printable handout of the parent campaign");
    await screenshot(page, "survey-campaign-handout");
    await logout(page);
    await checkA11y(page, "the login page after logging out");

    // The staff member follows the link in the e-mail: the survey opens.
    const staff = await env.newPage();
    await staff.goto(link);
    expect(await staff.getByRole("heading", { level: 1 }).textContent()).toContain("Årlig enkät till medarbetare");
    await checkA11y(staff, "the staff survey from the e-mail's link");
  }, 240_000);

  it("types in last year's paper form, compares the two years and prints answer codes one to a sheet", async () => {
    const today = todayInSweden();
    const year = Number(today.slice(0, 4));
    const page = await env.newPage();
    await loginAs(page, "processledare");
    await page.goto("/enkater/kampanjer");
    await checkA11y(page, "the list of campaigns with the year column");

    // Last year's staff survey (the demo's, its period over): answers come from paper, not e-mail.
    await Promise.all([page.waitForEvent("load"), page.getByRole("link", { name: `Medarbetarenkät ${year - 1}` }).click()]);
    expect(await page.getByText(`${year - 1} (i efterhand`).count()).toBe(1);
    expect(await page.getByRole("button", { name: "Skicka länkar" }).count()).toBe(0);
    await checkA11y(page, "last year's campaign");
    await Promise.all([page.waitForEvent("load"), page.getByRole("link", { name: "För in en pappersenkät" }).click()]);
    await checkA11y(page, "the paper form of a campaign");
    await screenshot(page, "survey-campaign-paper");
    // Nothing marked: refused, linked to the first question.
    await submit(page, "Spara enkätsvaret");
    expect(await page.locator("[data-error-summary] a").allTextContents()).toEqual([
      "Markera svaret på minst en fråga: ett papper utan svar förs inte in.",
    ]);
    await checkA11y(page, "the paper form with an error");
    const questions = page.locator("fieldset");
    await questions.nth(0).getByLabel(/^3 – /).check();
    await questions.nth(1).getByLabel("Vet inte / vill inte svara").check();
    await submit(page, "Spara enkätsvaret");
    await page.waitForURL(/klart=papper/);
    expect(await page.getByRole("status").first().textContent()).toContain("Enkätsvaret är sparat.");
    await checkA11y(page, "the paper form after saving");

    // Year against year: the latest two years by default, two selects.
    await page.goto("/enkater/kampanjer");
    await checkA11y(page, "the list of campaigns again");
    await Promise.all([page.waitForEvent("load"), page.getByRole("link", { name: "Jämför år mot år" }).click()]);
    await checkA11y(page, "year against year by default");
    expect(await page.getByLabel("Första året").inputValue()).toBe(String(year - 1));
    expect(await page.getByLabel("Andra året").inputValue()).toBe(String(year));
    await page.getByLabel("Enkät", { exact: true }).selectOption({ label: "Årlig enkät till medarbetare" });
    await submit(page, "Jämför");
    expect(await page.locator("caption").textContent()).toContain(
      `Årlig enkät till medarbetare: medelvärde per fråga ${year - 1} och ${year}`,
    );
    await checkA11y(page, "year against year");
    await screenshot(page, "survey-campaign-years");

    // A staff campaign's answer codes: one sheet each, answered by typing the code.
    await page.goto("/enkater/kampanjer/ny");
    await checkA11y(page, "the new campaign form with the year field");
    await page.getByLabel("Namn", { exact: true }).fill("Medarbetarenkät på papper");
    await page.getByLabel("Enkät", { exact: true }).selectOption({ label: "Årlig enkät till medarbetare (medarbetare)" });
    await page.getByLabel("Första dag").fill(today);
    await page.getByLabel("Sista dag").fill(addDays(today, 7));
    await page.getByLabel("Beroendeenheten Vuxen 1").check();
    await submit(page, "Skapa kampanjen");
    await page.waitForURL(/klart=skapad$/);
    await checkA11y(page, "the new staff campaign with answer codes to print");
    await page.getByLabel("Antal länkar").fill("2");
    await submit(page, "Skriv ut länkar");
    const codes = await page.locator(".sofia-handout__code strong").allTextContents();
    expect(codes).toHaveLength(2);
    await checkA11y(page, "the printed answer codes");
    await screenshot(page, "survey-campaign-codes");
    await page.emulateMedia({ media: "print" });
    const breaks = await page
      .locator(".sofia-handout__card")
      .first()
      .evaluate((el) => getComputedStyle(el).breakAfter);
    expect(breaks).toBe("page");
    await page.emulateMedia({ media: "screen" });
    await logout(page);
    await checkA11y(page, "the login page after logging out");

    const respondent = await env.newPage();
    await respondent.goto(`/svar/${(codes[0] ?? "").replace(/-/g, "").toLowerCase()}`);
    expect(await respondent.getByRole("heading", { level: 1 }).textContent()).toContain("Årlig enkät till medarbetare");
    await checkA11y(respondent, "the staff survey opened by a typed code");
  }, 240_000);
});
