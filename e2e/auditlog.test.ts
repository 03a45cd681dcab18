import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { auditLog, users } from "../src/db/schema/index.ts";
import { checkA11y, describeBrowser, loginAs, useBrowserApp } from "./browser.ts";

const SLOW = 180_000;

describeBrowser("log review in a browser", () => {
  const env = useBrowserApp();

  it(
    "filters, pages, shows errors and the security log, axe-clean",
    async () => {
      const [admin] = await env.t.database.db.select({ id: users.id }).from(users).where(eq(users.username, "admin"));
      // Enough rows for three pages.
      await env.t.database.db.insert(auditLog).values(
        Array.from({ length: 120 }, (_, i) => ({
          actorUserId: admin?.id,
          actorUsername: "admin",
          actorRoles: ["administrator"],
          actorUnitIds: [],
          action: "user.view",
          recordType: "user",
          reason: `rad ${i}`,
        })),
      );
      const page = await env.newPage();
      await loginAs(page, "admin");

      await page.goto("/logguppfoljning");
      await checkA11y(page, "the log review page");
      await page.locator("#f-action").selectOption("user.view");
      await Promise.all([page.waitForURL(/action=user\.view/), page.locator("main form button[type=submit]").click()]);
      await checkA11y(page, "the filtered log");
      await Promise.all([page.waitForURL(/page=2/), page.locator("nav.sofia-pagination a[rel=next]").click()]);
      expect(page.url()).toContain("action=user.view");
      await checkA11y(page, "page 2 of the filtered log");

      await page.goto("/logguppfoljning?from=not-a-date&to=2026-01-01");
      await checkA11y(page, "the log with a wrong filter");
      await page.locator(".ds-error-summary a").first().click();
      expect(await page.evaluate(() => location.hash)).toBe("#f-from");

      await page.goto("/logguppfoljning/sakerhet");
      await checkA11y(page, "the security log");
    },
    SLOW,
  );

  it(
    "works for a unit manager in English",
    async () => {
      const page = await env.newPage();
      await loginAs(page, "enhetschef");
      await Promise.all([page.waitForURL(/\/start/), page.locator("header form[action='/sprak'] button").click()]);
      await page.goto("/logguppfoljning");
      await checkA11y(page, "the log review page in English");
      expect(await page.locator("h1").textContent()).toBe("Log review");
    },
    SLOW,
  );
});
