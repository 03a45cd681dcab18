/**
 * The process in a real browser, with axe on every page: a request from the intake unit, the
 * Sofiamöte, assignment by the unit manager and the process leader, the caseworker's worklist and
 * the family page; an interruption and a resumption; a stale assignment refused; search.
 */

import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { processes } from "../src/db/schema/index.ts";
import { addDays, calendarDateInSweden } from "../src/platform/dates.ts";
import { checkA11y, describeBrowser, loginAs, logout, screenshot, useBrowserApp } from "./browser.ts";

const TODAY = calendarDateInSweden(new Date());

async function submit(page: Page, button: string) {
  await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: button, exact: true }).click()]);
}

/** Chooses the person in a role's select by their name; the option also shows their ongoing families ("Bo Barnhandläggare (3 pågående)"). */
async function choose(page: Page, label: string, name: string) {
  const select = page.getByLabel(label, { exact: true });
  const option = select.locator("option").filter({ hasText: new RegExp(`^${name} \\(\\d+ pågående\\)`) });
  expect(await option.count()).toBe(1);
  await select.selectOption((await option.getAttribute("value")) ?? "");
}

describeBrowser("the process (browser)", () => {
  const env = useBrowserApp();

  /** The intake caseworker registers a family; the process leader decides at the Sofiamöte. Returns the process page's path. */
  async function startProcess(page: Page, guardianName: string): Promise<string> {
    await loginAs(page, "handlaggare.mottagning");
    await page.goto("/forfragningar/ny");
    await checkA11y(page, "the request form");
    const guardian = page.getByRole("group", { name: "Vårdnadshavare 1" });
    await guardian.getByLabel("Namn").fill(guardianName);
    await guardian.getByLabel("Personnummer eller samordningsnummer").fill("19121212-1212");
    await guardian.getByLabel("Relation till barnen").selectOption("parent");
    await guardian.getByLabel("Missbruksproblem").selectOption("yes");
    await guardian.getByLabel("Inställning till stöd").selectOption("ambivalent");
    await guardian.getByLabel("Aktuell på beroendeenhet").selectOption({ label: "Beroendeenheten Vuxen 1" });
    const child = page.getByRole("group", { name: "Barn 1" });
    await child.getByLabel("Namn").fill("Ella Journey");
    await child.getByLabel("Födelsedatum (om personnummer saknas)").fill(addDays(TODAY, -9 * 366));
    await child.getByLabel("Kön").selectOption("girl");
    await child.getByLabel("Aktuellt på barnenhet").selectOption({ label: "Barn och unga Norr" });
    await page.getByLabel("Hushåll").selectOption("together");
    await page.getByLabel("Vårdnad", { exact: true }).selectOption("joint");
    await page.getByLabel("Skäl till förfrågan").fill("Oro för förälderns alkoholbruk.");
    await submit(page, "Spara förfrågan");
    await checkA11y(page, "the saved request");
    const requestPath = new URL(page.url()).pathname;
    await logout(page);
    await checkA11y(page, "the login page after logout");

    await loginAs(page, "processledare");
    await page.goto(`${requestPath}/sofiamote`);
    await checkA11y(page, "the Sofiamöte decision form");
    await page.getByLabel("Sofiamötets datum").fill(TODAY);
    await page.getByLabel("Beslut", { exact: true }).selectOption({ label: "Fortsätter – en process startas" });
    await page.getByLabel("Arbetsmodell").selectOption({ label: "Sofiamodellen" });
    await submit(page, "Spara beslutet");
    await checkA11y(page, "the request after the Sofiamöte");
    await Promise.all([
      page.waitForURL(/\/processer\/[0-9a-f-]{36}$/),
      page.getByRole("link", { name: "Öppna familjens process" }).click(),
    ]);
    await checkA11y(page, "the new process as the process leader sees it");
    const processPath = new URL(page.url()).pathname;
    await logout(page);
    await checkA11y(page, "the login page after logout");
    return processPath;
  }

  it("assigns the caseworkers, shows the family page and the worklists", async () => {
    const page = await env.newPage();
    const processPath = await startProcess(page, "Tova Journey");

    // The unit manager of the child unit sees it waiting, without names, and assigns Bo.
    await loginAs(page, "enhetschef");
    expect(await page.getByRole("heading", { name: "Processer som väntar på handläggare" }).count()).toBe(1);
    expect(await page.getByText("Tova Journey").count()).toBe(0);
    await page.goto(processPath);
    expect(await page.getByRole("heading", { name: "Begränsad vy" }).count()).toBe(1);
    expect(await page.getByText("Tova Journey").count()).toBe(0);
    await checkA11y(page, "the minimal view of a process");
    await page.getByRole("link", { name: "Tilldela handläggare" }).click();
    await page.waitForURL("**/tilldela");
    await checkA11y(page, "the assignment form");
    // One select per role, each with only the people of that role and unit kind; the unit manager does not assign the process leader.
    expect(await page.getByLabel("Vuxenhandläggare", { exact: true }).locator("option", { hasText: "Vera" }).count()).toBe(0);
    expect(await page.getByLabel("Processledare", { exact: true }).count()).toBe(0);
    await submit(page, "Tilldela");
    expect(await page.locator("[data-error-summary] a").allTextContents()).toEqual(["Välj minst en ny person. Ingenting är ändrat."]);
    await checkA11y(page, "the assignment form with an error");
    await choose(page, "Barnhandläggare", "Bo Barnhandläggare");
    await submit(page, "Tilldela");
    expect(await page.getByRole("status").textContent()).toContain("Tilldelningen är sparad.");
    await checkA11y(page, "the minimal view after the assignment");
    await logout(page);
    await checkA11y(page, "the login page after logout");

    // The process leader assigns the adult caseworker and themself in one step; Bo stays chosen.
    await loginAs(page, "processledare");
    await page.goto(`${processPath}/tilldela`);
    await checkA11y(page, "the assignment form as the process leader");
    expect(await page.getByLabel("Barnhandläggare", { exact: true }).locator("option:checked").textContent()).toMatch(
      /^Bo Barnhandläggare \(\d+ pågående\) – nuvarande$/,
    );
    await choose(page, "Vuxenhandläggare", "Vera Vuxenhandläggare");
    await choose(page, "Processledare", "Petra Processledare");
    await screenshot(page, "process-assign-team");
    await submit(page, "Tilldela");
    expect(await page.getByRole("status").textContent()).toContain("Tilldelningen är sparad.");
    await checkA11y(page, "the process after the assignment");
    const assigned = page.getByRole("table", { name: "Vem som arbetar med familjen" });
    expect(await assigned.getByText("Vera Vuxenhandläggare").count()).toBe(1);
    await screenshot(page, "process-page");
    await page.goto("/processer");
    await checkA11y(page, "the list of processes");
    // The family is named on the list, and the list sorts by name without JavaScript.
    expect(await page.getByRole("link", { name: "Familjen Journey", exact: true }).count()).toBeGreaterThan(0);
    await page.locator('th a[href*="sortera=namn"]').click();
    await page.waitForURL(/sortera=namn/);
    expect(await page.locator('th[aria-sort="ascending"]').count()).toBe(1);
    await checkA11y(page, "the list of processes sorted by name");
    await screenshot(page, "process-list");
    await page.goto("/start");
    await checkA11y(page, "the process leader's start page");
    await screenshot(page, "start-process-leader");
    await logout(page);
    await checkA11y(page, "the login page after logout");

    // Bo sees the family on his start page, with the next meeting to plan.
    await loginAs(page, "barnhandlaggare");
    expect(await page.getByRole("link", { name: /^Planera Familjemöte 1 med Familjen Journey \(Ella \d+ år\)$/ }).count()).toBe(1);
    await screenshot(page, "start-caseworker");
    await page.getByRole("link", { name: "Familjen Journey", exact: true }).first().click();
    await page.waitForURL(`**${processPath}`);
    await checkA11y(page, "the family page as the child caseworker sees it");

    // He shows the parent's full identity number, with a reason.
    await page.getByRole("link", { name: "Visa hela personnumret för Tova Journey" }).click();
    await page.waitForURL(/personnummer/);
    await checkA11y(page, "the form to show an identity number");
    await page.getByLabel("Skäl").fill("Söka familjen i journalsystemet");
    await submit(page, "Visa numret");
    expect(await page.getByText("191212121212").count()).toBe(1);
    await checkA11y(page, "the identity number shown");

    // Search goes over POST: the name never reaches the address bar.
    // From the search field in the header, on every page.
    await page
      .getByRole("search", { name: "Sök familj" })
      .getByLabel("Sök familj på namn, personnummer eller aktnummer")
      .fill("tova journ");
    await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: "Sök familj" }).click()]);
    expect(page.url()).not.toContain("tova");
    expect(await page.getByRole("link", { name: "Tova Journey" }).count()).toBe(1);
    await checkA11y(page, "the search hits");
  }, 240_000);

  it("interrupts and resumes a process, and refuses a stale assignment", async () => {
    const page = await env.newPage();
    const processPath = await startProcess(page, "Ivar Journey");
    await loginAs(page, "processledare");

    // Two tabs read the assignment form; the second save is refused and nothing is overwritten.
    const other = await page.context().newPage();
    await page.goto(`${processPath}/tilldela`);
    await checkA11y(page, "the assignment form (first tab)");
    await other.goto(`${processPath}/tilldela`);
    await checkA11y(other, "the assignment form (second tab)");
    await choose(page, "Barnhandläggare", "Bo Barnhandläggare");
    await submit(page, "Tilldela");
    await checkA11y(page, "the process after the first tab's assignment");
    await choose(other, "Barnhandläggare", "Sara Sydström");
    await submit(other, "Tilldela");
    expect(await other.getByRole("alert").first().textContent()).toContain("Någon annan har ändrat");
    await checkA11y(other, "the stale assignment refused");
    await other.close();
    const id = processPath.split("/").at(-1) ?? "";
    const [row] = await env.t.database.db.select().from(processes).where(eq(processes.id, id));
    expect(row?.version).toBe(2);

    await page.goto(processPath);
    await checkA11y(page, "the process before the interruption");
    await page.getByRole("link", { name: "Avbryt processen" }).click();
    await page.waitForURL("**/avbryt");
    await checkA11y(page, "the interruption form");
    await page.getByLabel("Skäl").selectOption({ label: "Annat" });
    await submit(page, "Fortsätt");
    expect(await page.locator("[data-error-summary] a").allTextContents()).toEqual(["Beskriv skälet när du väljer Annat."]);
    await checkA11y(page, "the interruption form with an error");
    await page.getByLabel("Skäl").selectOption({ label: "Familjen tackade nej" });
    await submit(page, "Fortsätt");
    // The confirmation step says what will happen; "Avbryt" stays a link back, the danger button interrupts.
    expect(await page.getByText("Processen har inga planerade möten.").count()).toBe(1);
    expect(await page.getByRole("link", { name: "Avbryt", exact: true }).count()).toBe(1);
    await checkA11y(page, "the interruption's confirmation step");
    await screenshot(page, "process-interrupt-confirm");
    await submit(page, "Avbryt processen");
    expect(await page.getByRole("status").textContent()).toContain("Processen är avbruten.");
    expect(await page.getByText("Processen avbröts").count()).toBe(1);
    await checkA11y(page, "the interrupted process");
    await screenshot(page, "process-interrupted");

    await page.getByRole("link", { name: "Återuppta processen" }).click();
    await page.waitForURL("**/ateruppta");
    await checkA11y(page, "the resumption form");
    await submit(page, "Återuppta");
    expect(await page.getByRole("status").textContent()).toContain("Processen är återupptagen.");
    expect(await page.getByRole("table", { name: "Avbrott och återupptaganden" }).getByText("Familjen tackade nej").count()).toBe(1);
    await checkA11y(page, "the resumed process");
  }, 240_000);

  it("hands a caseworker's families over to a colleague after a preview and a confirmation", async () => {
    const page = await env.newPage();
    const processPath = await startProcess(page, "Hedda Journey");
    await loginAs(page, "processledare");
    await page.goto(`${processPath}/tilldela`);
    await checkA11y(page, "the assignment form");
    await choose(page, "Barnhandläggare", "Bo Barnhandläggare");
    await submit(page, "Tilldela");
    await checkA11y(page, "the process after the assignment");

    await page.goto("/processer");
    await checkA11y(page, "the list of processes");
    await page.getByRole("link", { name: "Lämna över familjer när en handläggare slutar eller är ledig" }).click();
    await page.waitForURL("**/processer/overlamning");
    await checkA11y(page, "the handover page");
    await choose(page, "Handläggare eller processledare som lämnar över", "Bo Barnhandläggare");
    await submit(page, "Visa familjerna");
    const table = page.getByRole("table", { name: "Pågående familjer för Bo Barnhandläggare" });
    const rows = await table.locator("tbody tr").count();
    expect(rows).toBeGreaterThan(0);
    expect(await table.getByRole("link", { name: `Öppna processen för förfrågan ${TODAY}` }).count()).toBeGreaterThan(0);
    await checkA11y(page, "the handover preview");
    await screenshot(page, "handover-preview");

    await submit(page, "Granska överlämningen");
    expect(await page.locator("[data-error-summary] a").allTextContents()).toEqual([
      "Välj minst en kollega som tar över. Ingenting är ändrat.",
    ]);
    await checkA11y(page, "the handover preview with an error");
    await choose(page, "Ny barnhandläggare för alla familjer", "Sara Sydström");
    await submit(page, "Granska överlämningen");
    expect(await page.getByText(`${rows} tilldelningar lämnas över från Bo Barnhandläggare`).count()).toBe(1);
    await checkA11y(page, "the handover's confirmation step");
    await screenshot(page, "handover-confirm");
    await submit(page, "Lämna över familjerna");
    expect(await page.getByRole("status").textContent()).toContain("Familjerna är överlämnade.");
    await checkA11y(page, "the list after the handover");

    await page.goto(processPath);
    await checkA11y(page, "the process after the handover");
    const assigned = page.getByRole("table", { name: "Vem som arbetar med familjen" });
    expect(await assigned.getByText("Sara Sydström").count()).toBe(1);
    expect(await assigned.getByText("Bo Barnhandläggare").count()).toBe(0);
  }, 240_000);
});
