import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { auditLog, users } from "../src/db/schema/index.ts";
import { decidedFamily } from "../test/fixtures.ts";
import { checkA11y, describeBrowser, loginAs, useBrowserApp } from "./browser.ts";

const SLOW = 240_000;

describeBrowser("log review by client and the flags in a browser", () => {
  const env = useBrowserApp();

  it(
    "searches a client, shows the person's log and marks a flag reviewed, axe-clean",
    async () => {
      const family = await decidedFamily(env.t, { guardians: [{ name: "Gunnel Granskad", identityNumber: "19121212-1212" }] });
      const guardian = family.person("Gunnel Granskad");
      const [leader] = await env.t.database.db.select({ id: users.id }).from(users).where(eq(users.username, "processledare"));
      await env.t.database.db.insert(auditLog).values({
        actorUserId: leader?.id,
        actorUsername: "processledare",
        actorRoles: ["process_leader"],
        actorUnitIds: [],
        action: "person.reveal_identity_number",
        recordType: "person",
        subjectPersonId: guardian,
        reason: "Ansökan till beroendeenheten",
      });
      const page = await env.newPage();
      await loginAs(page, "admin");

      await page.goto("/logguppfoljning/klient");
      await checkA11y(page, "the search by client");
      await page.locator("#f-q").fill("Granskad");
      await Promise.all([page.waitForURL(/\/logguppfoljning\/klient$/), page.locator("main form button[type=submit]").click()]);
      await checkA11y(page, "the clients found");
      expect(page.url()).not.toContain("Granskad");
      await Promise.all([
        page.waitForURL(new RegExp(`/logguppfoljning/klient/${guardian}$`)),
        page.locator("main table a", { hasText: "Gunnel Granskad" }).click(),
      ]);
      await checkA11y(page, "the person's log");
      expect(await page.locator("h1").textContent()).toBe("Logg för Gunnel Granskad");
      expect(await page.locator("main table").textContent()).toContain("Visade ett fullständigt personnummer");

      await page.goto("/logguppfoljning/flaggor");
      await checkA11y(page, "the open flags");
      const row = page.locator("main table tbody tr", { hasText: "Ett fullständigt personnummer visades" }).first();
      await row.locator("button[type=submit]").click();
      await page.waitForLoadState();
      await checkA11y(page, "a flag without a note");
      expect(await page.locator(".ds-error-summary").textContent()).toContain("Skriv en anteckning");
      const again = page.locator("main table tbody tr", { hasText: "Ett fullständigt personnummer visades" }).first();
      await again.locator("textarea").fill("Numret behövdes för ansökan.");
      await Promise.all([page.waitForURL(/klart=granskad/), again.locator("button[type=submit]").click()]);
      await checkA11y(page, "the flags after a review");
      expect(await page.locator("main").textContent()).toContain("Flaggan är markerad som granskad.");
    },
    SLOW,
  );
});
