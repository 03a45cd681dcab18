/**
 * Retention (gallring) and break-glass (nödåtkomst) in a browser, axe-clean on every page visited:
 * the administrator's rules with a rule under the minimum refused, the preview and the
 * confirmation step; a caseworker's search by an exact identity number that offers break-glass,
 * refused without a reason, then the family opened read only.
 */
import { expect, it } from "vitest";
import { luhnCheckDigit } from "../src/families/index.ts";
import { decidedFamily } from "../test/fixtures.ts";
import { checkA11y, describeBrowser, loginAs, useBrowserApp } from "./browser.ts";

const SLOW = 180_000;
const NINE = "790611283";
const IDENTITY = `19${NINE}${luhnCheckDigit(NINE)}`;

describeBrowser("retention and break-glass in a browser", () => {
  const env = useBrowserApp();

  it(
    "sets the rules, refuses one under the minimum, previews and asks before deleting",
    async () => {
      const page = await env.newPage();
      await loginAs(page, "admin");
      await page.goto("/gallring");
      await checkA11y(page, "the retention page");
      await page.locator("#f-rules-families").fill("3");
      await page.locator("#f-rules-audit_log").fill("5");
      await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name: "Spara regler" }).click()]);
      expect(await page.locator("#f-rules-families-error").textContent()).toContain("SoL 12 kap. 1 §");
      await checkA11y(page, "the retention page with a rule under the minimum");
      await page.locator("#f-rules-families").fill("5");
      await Promise.all([page.waitForURL(/klart=sparad/), page.getByRole("button", { name: "Spara regler" }).click()]);
      await checkA11y(page, "the retention page with rules and a preview");
      await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name: "Gallra nu" }).click()]);
      expect(await page.locator("h1").textContent()).toBe("Bekräfta gallringen");
      await checkA11y(page, "the confirmation of a retention run");
      await Promise.all([page.waitForURL(/\/gallring$/), page.getByRole("link", { name: "Avbryt" }).click()]);
      await checkA11y(page, "the retention page after cancelling");
    },
    SLOW,
  );

  it(
    "offers break-glass after an exact identity number, refuses it without a reason, then opens the family",
    async () => {
      const family = await decidedFamily(env.t, { guardians: [{ name: "Hedda Hjälpsson", identityNumber: IDENTITY }] });
      const page = await env.newPage();
      await loginAs(page, "handlaggare.syd");
      await page.goto("/sok");
      await page.locator("#f-q").fill(IDENTITY);
      await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name: "Sök", exact: true }).click()]);
      expect(await page.locator("#break-glass-h").textContent()).toBe("Ingen åtkomst – öppna i nödläge?");
      await checkA11y(page, "the search with the break-glass offer");
      await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name: "Öppna i nödläge" }).click()]);
      expect(await page.locator("#f-reason-error").textContent()).toContain("Skriv skälet");
      await checkA11y(page, "the break-glass form with its error");
      await page.locator("#f-reason").fill("Barnet är på akuten och ansvarig handläggare nås inte.");
      await Promise.all([
        page.waitForURL(new RegExp(`/processer/${family.processId}$`)),
        page.getByRole("button", { name: "Öppna i nödläge" }).click(),
      ]);
      expect(await page.locator("main").textContent()).toContain("Du ser familjen med nödåtkomst till");
      await checkA11y(page, "the family opened with break-glass");
    },
    SLOW,
  );
});
