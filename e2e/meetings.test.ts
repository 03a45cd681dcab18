/**
 * The child caseworker plans and holds meetings of a family's process in a real browser, with axe
 * on every page: Familjemöte 1 (a refused future date, then held; the parent's application turns
 * Typ 2 into Typ 1) and a child meeting (consent first, then the child's voice).
 */
import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { processAssignments, processes, requestPersons, requests, units, users } from "../src/db/schema/index.ts";
import { addDays, calendarDateInSweden } from "../src/platform/dates.ts";
import { login, postForm, type TestApp } from "../test/helpers.ts";
import { checkA11y, describeBrowser, loginAs, screenshot, useBrowserApp } from "./browser.ts";

async function submit(page: Page, button: string) {
  await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: button }).click()]);
}

const SOFIAMOTE = "2026-11-05";

/** A Typ 2 family decided at the Sofiamöte, with both caseworkers and the process leader assigned. */
async function family(t: TestApp) {
  const db = t.database.db;
  const id = async (username: string) => (await db.select({ id: users.id }).from(users).where(eq(users.username, username)))[0]?.id ?? "";
  const [unit] = await db.select({ id: units.id }).from(units).where(eq(units.name, "Barn och unga Norr"));
  const worker = await login(t.app, "barnhandlaggare");
  const res = await postForm(t.app, worker, "/forfragningar/ny", {
    requestDate: "2026-11-02",
    household: "together",
    custody: "joint",
    custodyHolder: "",
    reason: "Anmälan om oro för missbruk i hemmet.",
    "guardians.0.name": "Tolvan Tolvansson",
    "guardians.0.identityNumber": "19121212-1212",
    "guardians.0.relation": "parent",
    "guardians.0.substanceProblem": "yes",
    "guardians.0.attitude": "ambivalent",
    "children.0.name": "Lilla Tolvansson",
    "children.0.birthDate": "2018-05-10",
    "children.0.gender": "girl",
    "children.0.unitId": unit?.id ?? "",
  });
  expect(res.statusCode).toBe(303);
  const requestId = /\/forfragningar\/([0-9a-f-]{36})/.exec(String(res.headers.location))?.[1] ?? "";
  const [request] = await db.select().from(requests).where(eq(requests.id, requestId));
  const leader = await login(t.app, "processledare");
  const decided = await postForm(t.app, leader, `/forfragningar/${requestId}/sofiamote`, {
    version: String(request?.version),
    meetingDate: SOFIAMOTE,
    decision: "continue",
    reason: "",
    reasonText: "",
  });
  expect(decided.statusCode).toBe(303);
  const [process] = await db.select().from(processes).where(eq(processes.requestId, requestId));
  const processId = process?.id ?? "";
  const leaderId = await id("processledare");
  await db.insert(processAssignments).values([
    { processId, role: "child_caseworker", userId: await id("barnhandlaggare"), assignedOn: SOFIAMOTE, assignedBy: leaderId },
    { processId, role: "adult_caseworker", userId: await id("vuxenhandlaggare"), assignedOn: SOFIAMOTE, assignedBy: leaderId },
    { processId, role: "process_leader", userId: leaderId, assignedOn: SOFIAMOTE, assignedBy: leaderId },
  ]);
  const [child] = await db.select({ id: requestPersons.id }).from(requestPersons).where(eq(requestPersons.name, "Lilla Tolvansson"));
  return { processId, childId: child?.id ?? "" };
}

describeBrowser("meetings (browser)", () => {
  const env = useBrowserApp();

  it("a child caseworker plans and holds Familjemöte 1 and a child meeting with the guardians' consent", async () => {
    const { processId, childId } = await family(env.t);
    const today = calendarDateInSweden(new Date());
    const page = await env.newPage();
    await loginAs(page, "barnhandlaggare");

    // Familjemöte 1: plan it.
    await page.goto(`/processer/${processId}/moten/ny?typ=familjemote-1`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Planera Familjemöte 1 – Familjen Tolvansson");
    await checkA11y(page, "the plan form of Familjemöte 1");
    // Where JavaScript runs, the date field has a button that opens the browser's date picker.
    expect(await page.getByRole("button", { name: "Välj i kalendern" }).count()).toBe(1);
    // A date and a time typed the Swedish way are read; the form shows what it understood beside the one error.
    await page.getByLabel("Datum", { exact: true }).fill("18/11 2026");
    await page.getByLabel("Klockslag").fill("9.30");
    await submit(page, "Planera mötet");
    expect(await page.locator("[data-error-summary] a").allTextContents()).toEqual(["Skriv var mötet ska vara."]);
    expect(await page.getByText("Sofia läser det som onsdag 18 november 2026.").count()).toBe(1);
    expect(await page.getByText("Sofia läser det som kl. 09.30.").count()).toBe(1);
    await checkA11y(page, "the plan form with an error");
    await page.getByLabel("Plats").fill("Sofiarummet, plan 3");
    await submit(page, "Planera mötet");
    await page.waitForURL(/\/moten\/[0-9a-f-]{36}\?klart=planerat$/);
    expect(await page.getByRole("status").first().textContent()).toContain("Mötet är planerat.");
    expect(await page.getByText("Dokumentationen av ärendet förs i journalen").count()).toBe(1);
    await checkA11y(page, "the planned Familjemöte 1");
    await screenshot(page, "meeting-planned");

    // Hold it: a date in the future is refused, then held with checklist, summary and the application.
    await page.getByRole("textbox", { name: "Mötet hölls" }).fill(addDays(today, 1));
    await submit(page, "Spara att mötet hölls");
    expect(await page.locator("[data-error-summary] a").allTextContents()).toEqual(["Datumet kan inte ligga i framtiden."]);
    await checkA11y(page, "the hold form with a date in the future");
    await page.getByRole("textbox", { name: "Mötet hölls" }).fill("2026-11-18");
    await page.getByLabel("Metoden och syftet med träffarna är presenterade").check();
    await page.getByLabel("Beroendet är förklarat som en sjukdom som påverkar hela familjen").check();
    await page.getByLabel("Vad togs upp").fill("Metoden och syftet presenterades. Barnboken erbjöds.");
    await page.getByLabel("Nästa steg").fill("Barnmöte med Lilla.");
    await page.getByLabel("Tolvan Tolvansson har ansökt om stöd på beroendeenheten vid mötet").check();
    await submit(page, "Spara att mötet hölls");
    await page.waitForURL(/klart=hallet&fran=2$/);
    expect(await page.getByText("Ärendetypen ändrades från Typ 2 till Typ 1").count()).toBe(1);
    expect(await page.getByRole("heading", { name: "Från mötet" }).count()).toBe(1);
    await checkA11y(page, "the held Familjemöte 1");
    await screenshot(page, "meeting-held");

    // The child meeting: plan, consent, hold with the child's voice.
    await page.goto(`/processer/${processId}/moten/ny?typ=barnmote&barn=${childId}`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Planera Barnmöte – Lilla Tolvansson – Familjen Tolvansson");
    await checkA11y(page, "the plan form of the child meeting");
    await page.getByLabel("Datum", { exact: true }).fill("2026-11-20");
    await page.getByLabel("Klockslag").fill("14:00");
    await page.getByLabel("Längd i minuter").fill("45");
    await page.getByLabel("Plats").fill("Barnrummet");
    await submit(page, "Planera mötet");
    await page.waitForURL(/klart=planerat$/);
    expect(await page.getByText("Registrera vårdnadshavarnas samtycke innan du registrerar barnmötet.").count()).toBe(1);
    await checkA11y(page, "the planned child meeting without consent");

    await page.getByLabel("Samtycke", { exact: true }).selectOption("given");
    await page.getByRole("group", { name: "Vårdnadshavare som svarade" }).getByLabel("Tolvan Tolvansson").check();
    await page.getByLabel("Datum för svaret").fill("2026-11-19");
    await submit(page, "Spara samtycket");
    await page.waitForURL(/klart=samtycke$/);
    expect(await page.getByText("Samtycke givet av Tolvan Tolvansson den 2026-11-19.").count()).toBe(1);
    await checkA11y(page, "the child meeting with consent");
    await screenshot(page, "child-meeting-consent");

    await page.getByRole("textbox", { name: "Mötet hölls" }).fill("2026-11-20");
    await page.getByLabel("Barnet har fått höra att det inte är barnets fel").check();
    await submit(page, "Spara att mötet hölls");
    expect(await page.locator("[data-error-summary] a").allTextContents()).toEqual([
      "Skriv vad barnet fick veta.",
      "Välj om barnet kunde uttrycka sina åsikter.",
    ]);
    await checkA11y(page, "the child meeting's hold form with errors");
    await page.getByLabel("Vad barnet fick veta").fill("Att beroende är en sjukdom och att det inte är hennes fel.");
    await page.getByLabel("Kunde barnet uttrycka sina åsikter?").selectOption("partly");
    await submit(page, "Spara att mötet hölls");
    await page.waitForURL(/klart=hallet$/);
    expect(await page.getByText("Delvis").count()).toBeGreaterThan(0);
    await checkA11y(page, "the held child meeting");
    await screenshot(page, "child-meeting-held");
  }, 240_000);
});
