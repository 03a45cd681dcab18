import { eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { sessions, users } from "../src/db/schema/index.ts";
import { checkA11y, describeBrowser, loginAs, screenshot, useBrowserApp } from "./browser.ts";

describeBrowser("the idle-timeout warning (browser)", () => {
  // Idle timeout 1 minute, warning 1 minute before it: the dialog opens as soon as a page loads.
  const env = useBrowserApp({ session: { idleMinutes: 1, absoluteHours: 10, warnBeforeMinutes: 1 } });

  async function idleExpiry(username: string): Promise<Date> {
    const [row] = await env.t.database.db
      .select({ at: sessions.idleExpiresAt })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(users.username, username));
    if (!row) throw new Error(`no session for ${username}`);
    return row.at;
  }

  it("warns in an accessible dialog, and 'Fortsätt vara inloggad' keeps the user logged in", async () => {
    const page = await env.newPage();
    const dialog = page.getByRole("dialog", { name: "Du loggas snart ut" });
    // The dialog opens by a timer once the page has loaded: the landing page is checked with it open.
    await loginAs(page, "analytiker", { ready: () => dialog.waitFor() });
    expect(await dialog.textContent()).toContain("Av säkerhetsskäl loggas du ut om");
    // A modal dialog takes the focus, on its first button.
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe("Fortsätt vara inloggad");
    await checkA11y(page, "the start page with the idle-timeout warning open");
    await screenshot(page, "session-warning", { fullPage: false });

    // The user has been idle for 30 seconds: 30 seconds left, enough for a slow machine to click.
    await env.t.database.db.execute(
      sql`update sessions set last_seen_at = now() - interval '30 seconds', idle_expires_at = now() + interval '30 seconds'
          where user_id = (select id from users where username = 'analytiker')`,
    );
    const before = Date.now();
    const [response] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === "/session/forlang"),
      dialog.getByRole("button", { name: "Fortsätt vara inloggad" }).click(),
    ]);
    const served = Date.now();
    expect(response.status()).toBe(200);
    // A full minute from when the request was served, however slow the machine.
    expect((await idleExpiry("analytiker")).getTime()).toBeGreaterThanOrEqual(before + 60_000);
    expect((await idleExpiry("analytiker")).getTime()).toBeLessThanOrEqual(served + 60_000);

    await page.reload();
    expect(new URL(page.url()).pathname).toBe("/start");
    expect(await page.locator("h1").textContent()).toBe("Välkommen, Anna Analytiker");
    // With a one-minute timeout the warning opens again on every page: check the page as it then is.
    await dialog.waitFor();
    await checkA11y(page, "the start page after staying logged in, warned again");
  });
});
