/**
 * A complete case-file audit of one family in a real browser, with axe on every page: the process
 * leader lays up a round with the Skarpnäck key, one focus family and a caseworker as reviewer;
 * the reviewer opens the family (names and birth dates, nothing else) and reviews a child
 * investigation (first with one answer missing: the error links to that question) and an adult
 * investigation; the process leader closes the round and opens the results.
 */
import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { questionsFor } from "../src/audits/keys/model.ts";
import { skarpnackKey } from "../src/audits/keys/seed.ts";
import { auditLog, municipalities, processes, requestPersons } from "../src/db/schema/index.ts";
import { openIdentityNumber } from "../src/platform/identity-crypto.ts";
import { checkA11y, describeBrowser, loginAs, logout, openFromMenu, screenshot, useBrowserApp } from "./browser.ts";

const JOURNEY_TIMEOUT = 300_000;
const ROUND = "Aktgranskning vintern 2026";

async function submit(page: Page, button: string) {
  await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: button, exact: true }).click()]);
}

async function follow(page: Page, link: ReturnType<Page["getByRole"]>) {
  await Promise.all([page.waitForEvent("load"), link.click()]);
}

/** Answers every question of the kind shown (but `skip`), the overall rating and the unit. */
async function fillDocument(page: Page, kind: string, answer: string, skip?: string) {
  await page.getByLabel("Enhet där dokumentet skrevs").selectOption({ label: "Barn och unga Norr" });
  for (const q of questionsFor(skarpnackKey, kind)) {
    if (q.key === skip) continue;
    await page.getByRole("group", { name: q.text, exact: true }).getByLabel(answer, { exact: true }).check();
  }
  await page.getByRole("group", { name: skarpnackKey.overall.question, exact: true }).getByLabel("Vissa gemensamma möten").check();
}

describeBrowser("the case-file audit (browser)", () => {
  const env = useBrowserApp();

  it(
    "lays up a round, reviews one family completely, closes the round and shows the results",
    async () => {
      const page = await env.newPage();
      const db = env.t.database.db;

      // --- The process leader lays up the round.
      await loginAs(page, "processledare");
      await openFromMenu(page, "Aktgranskning");
      expect(new URL(page.url()).pathname).toBe("/aktgranskning");
      await checkA11y(page, "the audits landing page");
      expect(await page.getByRole("link", { name: "Granskningsnycklar" }).count()).toBe(1);
      await follow(page, page.getByRole("link", { name: "Lägg upp en aktgranskning" }));
      await checkA11y(page, "the new round form");
      await screenshot(page, "audit-new-round");

      await page.getByLabel("Namn", { exact: true }).fill(ROUND);
      await page.getByLabel("Granskningsnyckel").selectOption({ label: "Granskningsnyckel Skarpnäck, version 1" });
      await page.getByLabel("Bo Barnhandläggare (Barn och unga Norr)").check();
      const familyBox = page
        .getByRole("group", { name: "Fokusfamiljer" })
        .getByRole("checkbox", { name: /Barnhandläggare: Bo Barnhandläggare · Vuxenhandläggare: Vera Vuxenhandläggare/ })
        .first();
      const processId = (await familyBox.getAttribute("value")) ?? "";
      await familyBox.check();
      await submit(page, "Lägg upp aktgranskningen");
      expect(page.url()).toMatch(/\/aktgranskning\/[0-9a-f-]{36}\?klart=skapad$/);
      await checkA11y(page, "the new round");
      expect(await page.getByText("Aktgranskningen är upplagd.").count()).toBe(1);
      expect(await page.getByRole("rowheader", { name: "Familj 1" }).count()).toBe(1);
      const roundPath = new URL(page.url()).pathname;
      await screenshot(page, "audit-round");
      // The edit form shows the family by its code and the process reference, still without names.
      await follow(page, page.getByRole("link", { name: "Ändra granskare och fokusfamiljer" }));
      await checkA11y(page, "the round's edit form");
      expect(await page.getByRole("checkbox", { name: /^Familj 1: Förfrågan/ }).isChecked()).toBe(true);
      await follow(page, page.getByRole("link", { name: "Tillbaka till aktgranskningen" }));
      await checkA11y(page, "the round again");

      const [proc] = await db.select({ requestId: processes.requestId }).from(processes).where(eq(processes.id, processId));
      const persons = await db
        .select()
        .from(requestPersons)
        .where(eq(requestPersons.requestId, proc?.requestId ?? ""));
      // The process leader's pages name no family member.
      for (const p of persons) expect(await page.getByText(p.name).count()).toBe(0);
      await logout(page);
      await checkA11y(page, "the login page after logout");

      // --- The reviewer opens the family.
      await loginAs(page, "barnhandlaggare");
      await openFromMenu(page, "Aktgranskning");
      await checkA11y(page, "the audits landing page for a reviewer");
      await follow(page, page.getByRole("link", { name: `Granska ${ROUND}` }));
      await checkA11y(page, "the reviewer's round");
      for (const p of persons) {
        expect(await page.getByRole("rowheader", { name: p.name }).count()).toBeGreaterThan(0);
        const identityNumber = openIdentityNumber(p.identityNumberSealed);
        if (identityNumber) expect(await page.getByText(identityNumber).count()).toBe(0);
      }
      await screenshot(page, "audit-review-round");
      await follow(page, page.getByRole("link", { name: "Öppna Familj 1" }));
      await checkA11y(page, "the focus family");
      const familyPath = new URL(page.url()).pathname;

      // A child investigation, first with the first question unanswered.
      await follow(page, page.getByRole("link", { name: "Lägg till ett granskat dokument" }));
      await checkA11y(page, "the choice of document kind");
      await follow(page, page.getByRole("link", { name: "Barnutredning" }));
      await checkA11y(page, "the child investigation form");
      expect(await page.getByText("Skriv inga namn eller personnummer i kommentaren", { exact: false }).count()).toBe(1);
      await fillDocument(page, "child-investigation", "Ja", "met-child");
      await page.getByLabel("Kommentar (frivillig)").fill("Barnets röst syns tydligt i utredningen.");
      await submit(page, "Spara det granskade dokumentet");
      await checkA11y(page, "the child investigation form with an error");
      const errorLink = page.locator("[data-error-summary] a");
      expect(await errorLink.allTextContents()).toEqual(["Har handläggaren träffat barnet?: Svara på frågan"]);
      await screenshot(page, "audit-document-error");
      await errorLink.click();
      const focusedGroup = await page.evaluate(() => document.activeElement?.closest("fieldset")?.querySelector("legend")?.textContent);
      expect(focusedGroup).toBe("Har handläggaren träffat barnet?");
      // What was answered is still there.
      expect(await page.getByRole("group", { name: "Har gemensamma samråd hållits?" }).getByLabel("Ja", { exact: true }).isChecked()).toBe(
        true,
      );
      await page.getByRole("group", { name: "Har handläggaren träffat barnet?" }).getByLabel("Delvis", { exact: true }).check();
      await submit(page, "Spara det granskade dokumentet");
      expect(new URL(page.url()).pathname).toBe(familyPath);
      await checkA11y(page, "the family after the child investigation");
      expect(await page.getByText("Det granskade dokumentet är sparat.").count()).toBe(1);

      // An adult investigation, complete at once.
      await follow(page, page.getByRole("link", { name: "Lägg till ett granskat dokument" }));
      await checkA11y(page, "the choice of document kind again");
      await follow(page, page.getByRole("link", { name: "Vuxenutredning" }));
      await checkA11y(page, "the adult investigation form");
      await fillDocument(page, "adult-investigation", "Ja");
      await page
        .getByRole("group", { name: "Har barnkonsekvensanalysen gjorts gemensamt med familjens andra handläggare?" })
        .getByLabel("Nej", { exact: true })
        .check();
      await screenshot(page, "audit-document-form");
      await submit(page, "Spara det granskade dokumentet");
      expect(new URL(page.url()).pathname).toBe(familyPath);
      await checkA11y(page, "the family with two reviewed documents");
      expect(await page.getByRole("rowheader", { name: "Barnutredning" }).count()).toBe(1);
      expect(await page.getByRole("rowheader", { name: "Vuxenutredning" }).count()).toBe(1);
      await screenshot(page, "audit-family");
      // Each view of the family is one audit row naming all its persons (decision 0051); it was viewed at least twice.
      const shown = await db.select({ persons: auditLog.subjectPersonIds }).from(auditLog).where(eq(auditLog.action, "audit_family.view"));
      const naming = shown.filter((row) => persons.every((p) => row.persons.includes(p.id)));
      expect(naming.length).toBeGreaterThanOrEqual(2);
      await logout(page);
      await checkA11y(page, "the login page after the reviewer logs out");

      // --- The process leader closes the round and opens the results (every figure shown: minimum group size 1).
      await db.update(municipalities).set({ minGroupSize: 1 });
      await loginAs(page, "processledare");
      await page.goto(roundPath);
      await checkA11y(page, "the round before closing");
      await submit(page, "Stäng aktgranskningen");
      await checkA11y(page, "the closed round");
      expect(await page.getByText("Aktgranskningen är stängd.").count()).toBe(1);
      expect(await page.getByRole("button", { name: "Stäng aktgranskningen" }).count()).toBe(0);
      await follow(page, page.getByRole("link", { name: `Resultat för ${ROUND}` }));
      await checkA11y(page, "the results");
      expect(await page.getByRole("cell", { name: "Ja i 0 av 1, delvis i 1" }).count()).toBe(1);
      expect(await page.getByRole("cell", { name: "Ja i 1 av 1" }).count()).toBeGreaterThan(0);
      expect(await page.getByText("Barnets röst syns tydligt i utredningen.").count()).toBe(1);
      for (const p of persons) expect(await page.getByText(p.name).count()).toBe(0);
      expect(await page.getByText("Familj 1").count()).toBe(0);
      await screenshot(page, "audit-results");
    },
    JOURNEY_TIMEOUT,
  );
});
