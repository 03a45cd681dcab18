/**
 * The family's timeline and the next meeting's agenda in a real browser, with axe on every page
 * (at desktop and phone width): a family built through the services, the caseworker follows the
 * link from the family page, reads the events in order, prints the summary (print media, A4, one
 * sheet) and opens the agenda; the unit manager sees the minimal timeline without names.
 * With SCREENSHOTS=1 it writes PNGs at 1280×800, 768×1024 and 390×844 and the printed PDFs to
 * screenshots/.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { addDays, todayInSweden } from "../src/platform/dates.ts";
import { holdMeeting, planMeeting } from "../src/processes/meetings/service.ts";
import { addSupport } from "../src/processes/support/service.ts";
import { contextOf, decidedFamily } from "../test/fixtures.ts";
import { checkA11y, describeBrowser, loginAs, logout, useBrowserApp } from "./browser.ts";

/** The browser tests' app runs on the machine's clock (decision 0033). */
const TODAY = todayInSweden();
const day = (n: number) => addDays(TODAY, n);

const PHONE = { width: 390, height: 844 };
const SIZES = { desktop: { width: 1280, height: 800 }, tablet: { width: 768, height: 1024 }, phone: PHONE };
const screenshotDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../screenshots");

/** With SCREENSHOTS=1: the page at the three sizes, and printed to PDF (A4, print media). */
async function pictures(page: Page, name: string): Promise<void> {
  if (process.env.SCREENSHOTS !== "1") return;
  fs.mkdirSync(screenshotDir, { recursive: true });
  const original = page.viewportSize();
  for (const [size, viewport] of Object.entries(SIZES)) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: path.join(screenshotDir, `${name}-${size}.png`), fullPage: true });
  }
  if (original) await page.setViewportSize(original);
  await page.pdf({ path: path.join(screenshotDir, `${name}.pdf`), format: "A4", printBackground: true });
}

/** How many A4 pages the page prints on (Chromium's own print layout, print media). */
async function printedPages(page: Page): Promise<number> {
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  return (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}

describeBrowser("the family's timeline (browser)", () => {
  const env = useBrowserApp();

  /** A family on Sofiamodellen: Familjemöte 1 held, further support granted, Familjemöte 2 planned next week. */
  async function family() {
    const t = env.t;
    const f = await decidedFamily(t, {
      guardians: [{ name: "Tove Tidslinje", identityNumber: "19121212-1212" }],
      children: [{ name: "Tilde Tidslinje", age: 8, gender: "girl", unit: "Barn och unga Norr" }],
    });
    const guardian = f.person("Tove Tidslinje");
    const child = f.person("Tilde Tidslinje");
    const worker = await contextOf(t, "barnhandlaggare");
    const staff = [f.staff.child, f.staff.adult];
    const first = await planMeeting(worker, f.processId, {
      meetingTypeKey: "familjemote-1",
      childId: null,
      plannedDate: day(-15),
      plannedTime: "09:00",
      durationMinutes: 90,
      place: "Sofiarummet",
      invitedPersonIds: [guardian, child],
      invitedUserIds: staff,
    });
    await holdMeeting(worker, f.processId, first.id, {
      version: first.version,
      heldOn: day(-15),
      attendedPersonIds: [guardian, child],
      attendedUserIds: staff,
      summary: { discussed: "Metoden presenterades.", agreed: "Tove ringer Bo om det blir svårt.", nextSteps: "Barnmöte med Tilde." },
    });
    await addSupport(worker, f.processId, {
      personId: guardian,
      kind: "outpatient_addiction",
      kindText: "",
      appliedOn: day(-10),
      grantedOn: day(-8),
      endedOn: null,
      note: "",
    });
    await planMeeting(worker, f.processId, {
      meetingTypeKey: "familjemote-2",
      childId: null,
      plannedDate: day(7),
      plannedTime: "10:00",
      durationMinutes: 60,
      place: "Familjerummet, plan 2",
      invitedPersonIds: [guardian, child],
      invitedUserIds: staff,
    });
    return f;
  }

  it("the caseworker reads the timeline, prints the summary on one A4 sheet and opens the next meeting's agenda", async () => {
    const f = await family();
    const page = await env.newPage();
    await loginAs(page, "barnhandlaggare");
    await page.goto(`/processer/${f.processId}`);
    await checkA11y(page, "the family page with the timeline links");
    await Promise.all([
      page.waitForURL(/\/tidslinje$/),
      page.getByRole("link", { name: "Familjens tidslinje och sammanfattning" }).click(),
    ]);
    await checkA11y(page, "the timeline");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Tidslinje: Familjen Tidslinje (Tilde 8 år)");

    const events = page.getByRole("table", { name: "Allt som har hänt familjen, äldst först" });
    const rows = await events
      .locator("tbody tr")
      .evaluateAll((trs) => trs.map((tr) => Array.from(tr.children, (c) => (c.textContent ?? "").trim())));
    expect(rows.map((r) => r.slice(0, 2))).toEqual([
      [f.requestDate, "Förfrågan registrerad"],
      [f.decidedOn, "Sofiamöte: familjen fortsätter"],
      [f.decidedOn, "Barnhandläggare tilldelad"],
      [f.decidedOn, "Vuxenhandläggare tilldelad"],
      [f.decidedOn, "Processledare tilldelad"],
      [day(-15), "Familjemöte 1 hållet"],
      [day(-15), "Processen startade"],
      [day(-10), "Ansökan: Öppenvård beroende"],
      [day(-8), "Beviljat: Öppenvård beroende"],
      [day(7), "Familjemöte 2 planerat"],
    ]);
    expect(rows[5]?.[2]).toBe("Enkätsvar: 0 från 2 familjemedlemmar som deltog");
    expect(rows[7]?.[2]).toBe("Tove Tidslinje");
    expect(await page.getByRole("table", { name: "Familjemedlemmar och ålder i dag" }).textContent()).toContain("Tilde Tidslinje");

    // At phone width the page reflows without scrolling sideways, and passes axe there too.
    await page.setViewportSize(PHONE);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await checkA11y(page, "the timeline at 390 px");
    await page.setViewportSize(SIZES.desktop);

    // Printed: no menu, no back link, no print hint; the summary fits one A4 sheet.
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".sofia-nav").isVisible()).toBe(false);
    expect(await page.getByText("Skriv ut sidan med webbläsarens utskrift").isVisible()).toBe(false);
    await page.emulateMedia({ media: null });
    await pictures(page, "timeline");
    expect(await printedPages(page)).toBe(1);

    // The agenda of the next meeting, from the timeline's link.
    await Promise.all([page.waitForURL(/\/dagordning$/), page.getByRole("link", { name: "Dagordning för nästa möte" }).click()]);
    await checkA11y(page, "the agenda of the next meeting");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Dagordning: Familjemöte 2, Familjen Tidslinje (Tilde 8 år)");
    const main = page.locator("main");
    expect(await main.textContent()).toContain(`${day(7)} kl. 10:00, 60 minuter`);
    expect(await main.textContent()).toContain("Familjerummet, plan 2");
    expect(await page.getByRole("region", { name: "Deltagare" }).locator("li").allTextContents()).toEqual([
      "Tove Tidslinje (vårdnadshavare)",
      "Tilde Tidslinje (barn)",
      "Bo Barnhandläggare (barnhandläggare)",
      "Vera Vuxenhandläggare (vuxenhandläggare)",
    ]);
    expect(await page.getByRole("region", { name: "Checklista från arbetsmodellen" }).locator("li").count()).toBeGreaterThan(0);
    expect(await page.getByRole("region", { name: "Det kom vi överens om förra gången" }).textContent()).toContain(
      "Tove ringer Bo om det blir svårt.",
    );
    await page.setViewportSize(PHONE);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await checkA11y(page, "the agenda at 390 px");
    await page.setViewportSize(SIZES.desktop);
    await page.emulateMedia({ media: "print" });
    expect(await page.getByRole("heading", { name: "Anteckningar under mötet" }).isVisible()).toBe(true);
    await page.emulateMedia({ media: null });
    await pictures(page, "agenda");
    expect(await printedPages(page)).toBe(1);

    // Back to the family page by keyboard: the back link is the first link in main.
    await page.locator("main a").first().focus();
    await Promise.all([page.waitForURL(new RegExp(`/processer/${f.processId}$`)), page.keyboard.press("Enter")]);
    await checkA11y(page, "the family page again");
  });

  it("the unit manager sees the minimal timeline: no names, no meetings, and no agenda link", async () => {
    const f = await family();
    const page = await env.newPage();
    await loginAs(page, "enhetschef");
    await page.goto(`/processer/${f.processId}/tidslinje`);
    await checkA11y(page, "the minimal timeline");
    expect(await page.getByText("Begränsad vy").count()).toBe(1);
    expect(await page.locator("main").textContent()).not.toContain("Tove");
    expect(await page.locator("main").textContent()).not.toContain("Tilde");
    expect(await page.locator("main").textContent()).not.toContain("Familjemöte");
    expect(await page.locator("main").textContent()).toContain("Vårdnadshavare 1");
    expect(await page.getByRole("link", { name: "Dagordning för nästa möte" }).count()).toBe(0);
    await pictures(page, "timeline-minimal");
    await logout(page);
    await checkA11y(page, "the login page after logout");
  });
});
