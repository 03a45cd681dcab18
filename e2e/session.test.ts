import { and, eq, sql } from "drizzle-orm";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { securityLog, sessions, users } from "../src/db/schema/index.ts";
import { checkA11y, describeBrowser, loginAs, logout, screenshot, useBrowserApp } from "./browser.ts";

const text = async (page: Page, selector: string) => ((await page.locator(selector).textContent()) ?? "").trim();

describeBrowser("sessions and access (browser)", () => {
  const env = useBrowserApp();

  async function sessionCount(username: string): Promise<number> {
    const [row] = await env.t.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(users.username, username));
    return row?.n ?? 0;
  }

  it("refuses a caseworker an administrator's page with the Swedish 403 page, and logs the attempt", async () => {
    const page = await env.newPage();
    await loginAs(page, "barnhandlaggare");
    for (const path of ["/organisation", "/anvandare/ny"]) {
      const response = await page.goto(path);
      expect(response?.status()).toBe(403);
      expect(await page.getAttribute("html", "lang")).toBe("sv");
      expect(await text(page, "h1")).toBe("Du har inte behörighet till den här sidan");
      expect(await text(page, "main")).toContain("Försöket har loggats.");
      expect(await page.getByRole("link", { name: "Till startsidan" }).getAttribute("href")).toBe("/start");
      await checkA11y(page, `the 403 page of ${path}`);

      const rows = await env.t.database.db
        .select()
        .from(securityLog)
        .where(and(eq(securityLog.username, "barnhandlaggare"), eq(securityLog.route, path)));
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ event: "permission_denied", method: "GET", ip: "127.0.0.1" });
    }
    await screenshot(page, "forbidden");
  });

  it("sends a user whose session has expired to the login page with a notice", async () => {
    const page = await env.newPage();
    await loginAs(page, "vuxenhandlaggare");
    await env.t.database.db.execute(
      sql`update sessions set idle_expires_at = now() - interval '1 minute'
          where user_id = (select id from users where username = 'vuxenhandlaggare')`,
    );
    await Promise.all([
      page.waitForURL(/\/logga-in/),
      page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Start" }).click(),
    ]);
    expect(await text(page, "h1")).toBe("Logga in");
    expect(await text(page, "main [role=status]")).toBe("Du har loggats ut eftersom du inte varit aktiv på en stund. Logga in igen.");
    expect(await page.locator("header").textContent()).not.toContain("Inloggad som");
    await checkA11y(page, "the login page after an expired session");
    expect(await sessionCount("vuxenhandlaggare")).toBe(0);
  });

  it("ends the session on the server at logout: the old cookie no longer opens anything", async () => {
    const page = await env.newPage();
    await loginAs(page, "processledare");
    const cookies = await page.context().cookies();
    const sessionCookie = cookies.find((c) => c.name === "sofia_session");
    expect(sessionCookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });
    expect(await sessionCount("processledare")).toBe(1);

    await logout(page);
    expect(await text(page, "main [role=status]")).toBe("Du är utloggad.");
    await checkA11y(page, "the login page after logging out");
    expect(await sessionCount("processledare")).toBe(0);
    expect((await page.context().cookies()).some((c) => c.name === "sofia_session")).toBe(false);

    const replay = await env.newPage();
    await replay.context().addCookies(cookies);
    await replay.goto("/start");
    expect(new URL(replay.url()).pathname).toBe("/logga-in");
    expect(await text(replay, "h1")).toBe("Logga in");
    await checkA11y(replay, "the login page reached with the old cookie");
  });

  it("logs in and out without JavaScript", async () => {
    const page = await env.newPage({ javaScriptEnabled: false });
    await loginAs(page, "enhetschef");
    expect(new URL(page.url()).pathname).toBe("/start");
    expect(await text(page, "h1")).toBe("Välkommen, Erik Enhetschef");
    expect(await sessionCount("enhetschef")).toBe(1);
    await logout(page);
    expect(await text(page, "main [role=status]")).toBe("Du är utloggad.");
    await checkA11y(page, "the login page after logging out without JavaScript");
    expect(await sessionCount("enhetschef")).toBe(0);
  });
});
