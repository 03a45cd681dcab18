/**
 * The whole Sofia meeting series of one family in a real browser, as the real users and through
 * the pages only, with axe on every page reached: the intake caseworker registers the family, the
 * process leader records the Sofiamöte, the unit manager and the process leader assign the two
 * caseworkers, the child caseworker holds Familjemöte 1 (a date in the future refused, a second
 * hold from a tab opened earlier refused, the calendar file without names) and the child meeting
 * with consent (the three-year-old gets none), the adult caseworker holds Familjemöte 2, the child
 * caseworker holds Familjemöte 3 with the relapse and safety plan, and the process leader finds
 * the completed process in the list.
 */
import fs from "node:fs";
import { and, eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { meetings, processes, requestPersons } from "../src/db/schema/index.ts";
import { addDays, calendarDateInSweden } from "../src/platform/dates.ts";
import { checkA11y, describeBrowser, loginAs, logout, screenshot, useBrowserApp } from "./browser.ts";

const TODAY = calendarDateInSweden(new Date());
const GUARDIAN = "Greta Serieson";
const OLDER_CHILD = "Alva Serieson";
const YOUNGER_CHILD = "Nils Serieson";
const HOLD = "Spara att mötet hölls";

async function submit(page: Page, button: string) {
  await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: button, exact: true }).click()]);
}

/** Submits and returns the HTTP status of the page the form posted to. */
async function submitForStatus(page: Page, button: string): Promise<number> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && r.request().isNavigationRequest()),
    page.waitForEvent("load"),
    page.getByRole("button", { name: button, exact: true }).click(),
  ]);
  return response.status();
}

const errorTexts = (page: Page) => page.locator("[data-error-summary] a").allTextContents();

/** The value of one fact ("Fas", "Status", "Ärendetyp") on the family page. */
async function fact(page: Page, label: string): Promise<string> {
  const dd = page.locator(`xpath=//section[@aria-labelledby='facts-h']//dt[normalize-space()='${label}']/following-sibling::dd[1]`);
  return ((await dd.textContent()) ?? "").trim();
}

/** The rows of the meeting series on the family page, as "meeting | state" lines. */
async function seriesRows(page: Page): Promise<string[]> {
  const rows = page.locator("section[aria-labelledby=series-h] tbody tr");
  const out: string[] = [];
  for (const row of await rows.all()) {
    const name = ((await row.locator("th").textContent()) ?? "").replace("Nästa steg", "").trim();
    const state = ((await row.locator("td").first().textContent()) ?? "").trim();
    out.push(`${name} | ${state}`);
  }
  return out;
}

/** Fills and submits the plan form the page shows; lands on the planned meeting. Returns the meeting's path. */
async function planMeeting(page: Page, time: string, place: string): Promise<string> {
  await page.getByLabel("Datum", { exact: true }).fill(TODAY);
  await page.getByLabel("Klockslag").fill(time);
  await page.getByLabel("Plats").fill(place);
  await submit(page, "Planera mötet");
  await page.waitForURL(/\/moten\/[0-9a-f-]{36}\?klart=planerat$/);
  expect(await page.getByRole("status").first().textContent()).toContain("Mötet är planerat.");
  return new URL(page.url()).pathname;
}

/** Chooses a person in a role's select of the assignment form; each option also shows their ongoing families. */
async function chooseByName(page: Page, label: string, name: string) {
  const select = page.getByLabel(label, { exact: true });
  const value = await select
    .locator("option")
    .filter({ hasText: `${name} (` })
    .first()
    .getAttribute("value");
  await select.selectOption(value ?? "");
}

describeBrowser("the whole meeting series (browser)", () => {
  const env = useBrowserApp();

  it("takes a family from the request through all meetings to a completed process", async () => {
    const db = env.t.database.db;
    const page = await env.newPage();

    // The intake caseworker registers the family: a parent with a problem, a 9-year-old and a 3-year-old.
    await loginAs(page, "handlaggare.mottagning");
    await page.goto("/forfragningar/ny");
    await checkA11y(page, "the request form");
    const guardian = page.getByRole("group", { name: "Vårdnadshavare 1" });
    await guardian.getByLabel("Namn").fill(GUARDIAN);
    await guardian.getByLabel("Personnummer eller samordningsnummer").fill("19121212-1212");
    await guardian.getByLabel("Relation till barnen").selectOption("parent");
    await guardian.getByLabel("Missbruksproblem").selectOption("yes");
    await guardian.getByLabel("Inställning till stöd").selectOption("positive");
    await guardian.getByLabel("Aktuell på beroendeenhet").selectOption({ label: "Beroendeenheten Vuxen 1" });
    const older = page.getByRole("group", { name: "Barn 1" });
    await older.getByLabel("Namn").fill(OLDER_CHILD);
    await older.getByLabel("Födelsedatum (om personnummer saknas)").fill(addDays(TODAY, -9 * 366));
    await older.getByLabel("Kön").selectOption("girl");
    await older.getByLabel("Aktuellt på barnenhet").selectOption({ label: "Barn och unga Norr" });
    await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: "Lägg till barn" }).click()]);
    await checkA11y(page, "the request form with a second child");
    const younger = page.getByRole("group", { name: "Barn 2" });
    await younger.getByLabel("Namn").fill(YOUNGER_CHILD);
    await younger.getByLabel("Födelsedatum (om personnummer saknas)").fill(addDays(TODAY, -3 * 366));
    await younger.getByLabel("Kön").selectOption("boy");
    await page.getByLabel("Hushåll").selectOption("together");
    await page.getByLabel("Vårdnad", { exact: true }).selectOption("joint");
    await page.getByLabel("Skäl till förfrågan").fill("Mamman söker stöd för sitt alkoholbruk och oroar sig för barnen.");
    await submit(page, "Spara förfrågan");
    expect(await page.getByRole("status").textContent()).toContain("Förfrågan är sparad.");
    // Both the parent and the older child are open: Typ 1, so there is no application to record at Familjemöte 1.
    expect(await page.getByRole("heading", { name: "Ärendetyp: Typ 1" }).count()).toBe(1);
    await checkA11y(page, "the saved request");
    const requestPath = new URL(page.url()).pathname;
    await logout(page);
    await checkA11y(page, "the login page after logout");

    // The process leader records the Sofiamöte: the family goes on with the Sofia model.
    await loginAs(page, "processledare");
    await page.goto(requestPath);
    await checkA11y(page, "the request as the process leader sees it");
    await page.getByRole("link", { name: "Registrera Sofiamötets beslut" }).click();
    await page.waitForURL("**/sofiamote");
    await checkA11y(page, "the Sofiamöte decision form");
    await page.getByLabel("Sofiamötets datum").fill(TODAY);
    await page.getByLabel("Beslut", { exact: true }).selectOption({ label: "Fortsätter – en process startas" });
    await page.getByLabel("Arbetsmodell").selectOption({ label: "Sofiamodellen" });
    await submit(page, "Spara beslutet");
    expect(await page.getByRole("status").textContent()).toContain("Sofiamötets beslut är sparat.");
    await checkA11y(page, "the request after the Sofiamöte");
    await Promise.all([
      page.waitForURL(/\/processer\/[0-9a-f-]{36}$/),
      page.getByRole("link", { name: "Öppna familjens process" }).click(),
    ]);
    await checkA11y(page, "the new process");
    const processPath = new URL(page.url()).pathname;
    const processId = processPath.split("/").at(-1) ?? "";
    expect(await fact(page, "Fas")).toBe("Inte startad");
    await logout(page);
    await checkA11y(page, "the login page after logout");

    // The child unit's manager assigns Bo.
    await loginAs(page, "enhetschef");
    await page.goto(processPath);
    await checkA11y(page, "the minimal view of the process");
    await page.getByRole("link", { name: "Tilldela handläggare" }).click();
    await page.waitForURL("**/tilldela");
    await checkA11y(page, "the assignment form as the unit manager");
    await chooseByName(page, "Barnhandläggare", "Bo Barnhandläggare");
    await submit(page, "Tilldela");
    expect(await page.getByRole("status").textContent()).toContain("Tilldelningen är sparad.");
    await checkA11y(page, "the process after Bo's assignment");
    await logout(page);
    await checkA11y(page, "the login page after logout");

    // The process leader assigns Vera.
    await loginAs(page, "processledare");
    await page.goto(`${processPath}/tilldela`);
    await checkA11y(page, "the assignment form as the process leader");
    await chooseByName(page, "Vuxenhandläggare", "Vera Vuxenhandläggare");
    await submit(page, "Tilldela");
    expect(await page.getByRole("status").textContent()).toContain("Tilldelningen är sparad.");
    await checkA11y(page, "the process after Vera's assignment");
    const assigned = page.getByRole("table", { name: "Vem som arbetar med familjen" });
    expect(await assigned.getByText("Bo Barnhandläggare").count()).toBe(1);
    expect(await assigned.getByText("Vera Vuxenhandläggare").count()).toBe(1);
    await logout(page);
    await checkA11y(page, "the login page after logout");

    // Bo plans Familjemöte 1 from the family page. Only the 9-year-old has a child meeting in the series.
    await loginAs(page, "barnhandlaggare");
    await page.goto(processPath);
    await checkA11y(page, "the family page before Familjemöte 1");
    expect(await fact(page, "Ärendetyp")).toBe("Typ 1");
    expect(await seriesRows(page)).toEqual([
      `Sofiamöte | Hållet ${TODAY}`,
      "Familjemöte 1 | Inte planerat",
      `Barnmöte med ${OLDER_CHILD} | Inte planerat`,
      "Familjemöte 2 | Inte planerat",
      "Familjemöte 3 | Inte planerat",
    ]);
    await page.getByRole("link", { name: "Planera Familjemöte 1" }).click();
    await page.waitForURL("**/moten/ny?typ=familjemote-1");
    await checkA11y(page, "the plan form of Familjemöte 1");
    const fm1Path = await planMeeting(page, "09:30", "Sofiarummet, plan 3");
    await checkA11y(page, "the planned Familjemöte 1");

    // The calendar invitation, downloaded through the link: the meeting, but no name of the family.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Hämta kalenderinbjudan (.ics)" }).click(),
    ]);
    const ics = fs.readFileSync(await download.path(), "utf8");
    expect(ics).toContain("BEGIN:VCALENDAR");
    expect(ics).toContain("Familjemöte 1");
    expect(ics).toContain("Sofiarummet");
    for (const name of ["Serieson", "Greta", "Alva", "Nils", "19121212"]) expect(ics).not.toContain(name);

    // A second tab reads the meeting before it is held.
    const other = await page.context().newPage();
    await other.goto(fm1Path);
    await checkA11y(other, "Familjemöte 1 in a second tab");

    // Held with a date in the future: refused with the field's message.
    await page.getByRole("textbox", { name: "Mötet hölls" }).fill(addDays(TODAY, 1));
    expect(await submitForStatus(page, HOLD)).toBe(400);
    expect(await errorTexts(page)).toEqual(["Datumet kan inte ligga i framtiden."]);
    await checkA11y(page, "the hold form with a date in the future");
    const fm1 = and(eq(meetings.processId, processId), eq(meetings.meetingTypeKey, "familjemote-1"));
    const [stillPlanned] = await db.select().from(meetings).where(fm1);
    expect(stillPlanned?.status).toBe("planned");

    await page.getByRole("textbox", { name: "Mötet hölls" }).fill(TODAY);
    await page.getByLabel("Metoden och syftet med träffarna är presenterade").check();
    await page.getByLabel("Beroendet är förklarat som en sjukdom som påverkar hela familjen").check();
    await page.getByLabel("Barnboken är erbjuden").check();
    await page.getByLabel("Vad togs upp").fill("Metoden och syftet presenterades. Barnboken erbjöds.");
    await page.getByLabel("Nästa steg").fill("Barnmöte med det äldre barnet.");
    await submit(page, HOLD);
    await page.waitForURL(/klart=hallet$/);
    expect(await page.getByRole("status").first().textContent()).toContain("Mötet är registrerat som hållet.");
    await checkA11y(page, "the held Familjemöte 1");
    const [held] = await db.select().from(meetings).where(fm1);

    // The second tab posts the hold form again: refused, nothing changed.
    expect(await submitForStatus(other, HOLD)).toBe(409);
    expect(await other.getByRole("alert").first().textContent()).toContain("Mötet är redan registrerat som hållet. Ingenting ändrades.");
    await checkA11y(other, "the second hold refused");
    await other.close();
    const [afterSecond] = await db.select().from(meetings).where(fm1);
    expect(afterSecond?.version).toBe(held?.version);
    expect(afterSecond?.summary).toEqual(held?.summary);

    await page.getByRole("link", { name: /^Tillbaka till Familjen / }).click();
    await page.waitForURL(`**${processPath}`);
    await checkA11y(page, "the family page after Familjemöte 1");
    expect(await fact(page, "Fas")).toBe("Startad");

    // The child meeting with the 9-year-old: consent first, then the child's voice.
    await page.getByRole("link", { name: `Planera Barnmöte med ${OLDER_CHILD}` }).click();
    await page.waitForURL(/typ=barnmote&barn=/);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(`Planera Barnmöte – ${OLDER_CHILD} – Familjen Serieson`);
    await checkA11y(page, "the plan form of the child meeting");
    await planMeeting(page, "14:00", "Barnrummet");
    expect(await page.getByText("Registrera vårdnadshavarnas samtycke innan du registrerar barnmötet.").count()).toBe(1);
    await checkA11y(page, "the planned child meeting");
    await page.getByLabel("Samtycke", { exact: true }).selectOption("given");
    await page.getByRole("group", { name: "Vårdnadshavare som svarade" }).getByLabel(GUARDIAN).check();
    await page.getByLabel("Datum för svaret").fill(TODAY);
    await submit(page, "Spara samtycket");
    await page.waitForURL(/klart=samtycke$/);
    expect(await page.getByText(`Samtycke givet av ${GUARDIAN} den ${TODAY}.`).count()).toBe(1);
    await checkA11y(page, "the child meeting with consent");
    await page.getByRole("textbox", { name: "Mötet hölls" }).fill(TODAY);
    await page.getByLabel("Barnet har fått höra att det inte är barnets fel").check();
    await page.getByLabel("Vad barnet fick veta").fill("Att mammas drickande är en sjukdom och att det inte är Alvas fel.");
    await page.getByLabel("Kunde barnet uttrycka sina åsikter?").selectOption("yes");
    await submit(page, HOLD);
    await page.waitForURL(/klart=hallet$/);
    const voice = page.locator("section[aria-labelledby=record-h] dd");
    expect(await voice.getByText("Att mammas drickande är en sjukdom och att det inte är Alvas fel.").count()).toBe(1);
    await checkA11y(page, "the held child meeting");

    // The 3-year-old is below the model's age limit: no child meeting in the series, and none can be planned.
    const [youngest] = await db.select({ id: requestPersons.id }).from(requestPersons).where(eq(requestPersons.name, YOUNGER_CHILD));
    await page.goto(`${processPath}/moten/ny?typ=barnmote&barn=${youngest?.id}`);
    expect(await page.locator("main").getByText("Barnet är yngre än arbetsmodellens minimiålder för barnmötet.").count()).toBeGreaterThan(
      0,
    );
    await checkA11y(page, "the plan form refused for the 3-year-old");
    await page.goto(processPath);
    await checkA11y(page, "the family page after the child meeting");
    const afterChild = await seriesRows(page);
    expect(afterChild.filter((row) => row.startsWith("Barnmöte"))).toEqual([`Barnmöte med ${OLDER_CHILD} | Hållet ${TODAY}`]);
    expect(afterChild.join("\n")).not.toContain(YOUNGER_CHILD);
    const childMeetings = await db
      .select()
      .from(meetings)
      .where(and(eq(meetings.processId, processId), eq(meetings.meetingTypeKey, "barnmote")));
    expect(childMeetings).toHaveLength(1);
    expect(childMeetings[0]?.childId).not.toBe(youngest?.id);
    expect(childMeetings[0]?.childViews).toBe("yes");
    await logout(page);
    await checkA11y(page, "the login page after logout");

    // Vera finds the family on her start page, plans Familjemöte 2 and holds it.
    await loginAs(page, "vuxenhandlaggare");
    await page.getByRole("link", { name: "Planera Familjemöte 2 med Familjen Serieson" }).click();
    await page.waitForURL(`**${processPath}`);
    await checkA11y(page, "the family page as the adult caseworker sees it");
    await page.getByRole("link", { name: "Planera Familjemöte 2" }).click();
    await page.waitForURL("**/moten/ny?typ=familjemote-2");
    await checkA11y(page, "the plan form of Familjemöte 2");
    await planMeeting(page, "10:00", "Beroendeenhetens samtalsrum");
    await checkA11y(page, "the planned Familjemöte 2");
    await page.getByRole("textbox", { name: "Mötet hölls" }).fill(TODAY);
    await page.getByLabel("Barnhandläggarens och vuxenhandläggarens bedömningar är återkopplade").check();
    await page.getByLabel("Föräldern är informerad om hur man ansöker om stöd och behandling").check();
    await page.getByLabel("Vad kom vi överens om").fill("Öppenvård för mamman och barngrupp för Alva.");
    await submit(page, HOLD);
    await page.waitForURL(/klart=hallet$/);
    await checkA11y(page, "the held Familjemöte 2");
    await page.goto(processPath);
    await checkA11y(page, "the family page after Familjemöte 2");
    expect(await fact(page, "Fas")).toBe("Halvvägs");
    await logout(page);
    await checkA11y(page, "the login page after logout");

    // Bo plans and holds Familjemöte 3 with the relapse and safety plan.
    await loginAs(page, "barnhandlaggare");
    await page.goto(processPath);
    await checkA11y(page, "the family page before Familjemöte 3");
    await page.getByRole("link", { name: "Planera Familjemöte 3" }).click();
    await page.waitForURL("**/moten/ny?typ=familjemote-3");
    await checkA11y(page, "the plan form of Familjemöte 3");
    await planMeeting(page, "13:00", "Sofiarummet, plan 3");
    await checkA11y(page, "the planned Familjemöte 3");
    await page.getByRole("textbox", { name: "Mötet hölls" }).fill(TODAY);
    await page.getByLabel("Insatserna och hur familjen har det nu är följda upp").check();
    await page.getByLabel("Återfalls- och trygghetsplanen är upprättad tillsammans med familjen").check();
    await page.getByLabel("Vad togs upp").fill("Uppföljning av öppenvården och barngruppen.");
    await page.getByLabel("Varningstecken").fill("Mamman slutar gå på öppenvården eller dricker igen.");
    await page.getByLabel("Vad barnet gör och vem barnet kan ringa").fill("Alva ringer mormor eller berättar för skolkuratorn.");
    await page.getByLabel("Vad de vuxna gör").fill("Pappan hämtar barnen och kontaktar beroendeenheten.");
    await page.getByLabel("Är planen överenskommen med familjen?").selectOption("yes");
    await submit(page, HOLD);
    await page.waitForURL(/klart=hallet$/);
    const plan = page.locator("section[aria-labelledby=record-h] dd");
    expect(await plan.getByText("Alva ringer mormor eller berättar för skolkuratorn.").count()).toBe(1);
    await checkA11y(page, "the held Familjemöte 3");
    await screenshot(page, "series-familjemote-3-held");

    await page.getByRole("link", { name: /^Tillbaka till Familjen / }).click();
    await page.waitForURL(`**${processPath}`);
    await checkA11y(page, "the completed family page");
    expect(await fact(page, "Fas")).toBe("Genomförd");
    expect(await fact(page, "Status")).toBe("Genomförd");
    expect(await seriesRows(page)).toEqual([
      `Sofiamöte | Hållet ${TODAY}`,
      `Familjemöte 1 | Hållet ${TODAY}`,
      `Barnmöte med ${OLDER_CHILD} | Hållet ${TODAY}`,
      `Familjemöte 2 | Hållet ${TODAY}`,
      `Familjemöte 3 | Hållet ${TODAY}`,
    ]);
    await screenshot(page, "series-family-completed");
    const [process] = await db.select().from(processes).where(eq(processes.id, processId));
    expect(process?.status).toBe("completed");
    expect(process?.phase).toBe("completed");
    await logout(page);
    await checkA11y(page, "the login page after logout");

    // The process leader finds it among the completed processes.
    await loginAs(page, "processledare");
    await page.goto("/processer?status=completed");
    await checkA11y(page, "the list of completed processes");
    const link = page.locator(`main table a[href="${processPath}"]`);
    expect(await link.count()).toBe(1);
    const row = page.locator("main table tbody tr").filter({ has: page.locator(`a[href="${processPath}"]`) });
    // Its status and its phase are both "Genomförd".
    expect(await row.getByRole("cell", { name: "Genomförd", exact: true }).count()).toBe(2);
    await logout(page);
    await checkA11y(page, "the login page after logout");
  }, 300_000);
});
