import { and, eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { securityLog } from "../src/db/schema/index.ts";
import { checkA11y, describeBrowser, loginAs, logout, openFromMenu, screenshot, useBrowserApp } from "./browser.ts";

const text = async (page: Page, selector: string) => ((await page.locator(selector).textContent()) ?? "").trim();

/** Clicks and waits for the next page to load (a link, or a form's POST → 303 → GET). */
async function go(page: Page, click: () => Promise<void>, url: RegExp): Promise<void> {
  await Promise.all([page.waitForURL(url), click()]);
}

describeBrowser("administration (browser)", () => {
  const env = useBrowserApp();

  it("the administrator adds a unit and a user; the user sets a password, logs in, and is refused an admin page", async () => {
    const admin = await env.newPage();
    await loginAs(admin, "admin");

    await openFromMenu(admin, "Organisation");
    expect(await text(admin, "h1")).toBe("Organisation");
    await checkA11y(admin, "the organisation page");
    await screenshot(admin, "organisation");

    await go(admin, () => admin.getByRole("link", { name: "Lägg till enhet" }).click(), /\/organisation\/enheter\/ny$/);
    await checkA11y(admin, "the new unit form");
    await admin.getByLabel("Enhetens namn").fill("Familjestöd Test");
    await admin.getByLabel("Verksamhet").selectOption({ label: "Relationsvåld" });
    await go(admin, () => admin.getByRole("button", { name: "Lägg till enheten" }).click(), /klart=enhet-tillagd/);
    expect(await text(admin, "main [role=status]")).toBe("Enheten är tillagd.");
    const row = admin.getByRole("row").filter({ hasText: "Familjestöd Test" });
    expect(await row.getByRole("cell").allTextContents()).toEqual(["Familjestöd Test", "Relationsvåld", expect.any(String), "0"]);
    await checkA11y(admin, "the organisation page with the new unit");

    await openFromMenu(admin, "Användare");
    await checkA11y(admin, "the user list");
    await go(admin, () => admin.getByRole("link", { name: "Lägg till användare" }).click(), /\/anvandare\/ny$/);
    await checkA11y(admin, "the new user form");

    // Sent empty: a field-linked summary, also for the group of role checkboxes.
    await admin.getByRole("button", { name: "Lägg till användaren" }).click();
    const summary = admin.locator("[data-error-summary]");
    await summary.waitFor();
    const targets = await summary.getByRole("link").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(targets).toEqual(expect.arrayContaining(["#f-username", "#f-displayName", "#f-roles"]));
    for (const target of targets) expect(await admin.locator(target ?? "#none").count()).toBe(1);
    await checkA11y(admin, "the new user form with errors");
    await screenshot(admin, "new-user-errors");

    await admin.getByLabel("Användarnamn").fill("nina.ny");
    await admin.getByLabel("Namn", { exact: true }).fill("Nina Nyberg");
    await admin.getByRole("checkbox", { name: "Handläggare" }).check();
    await admin.getByRole("checkbox", { name: "Familjestöd Test" }).check();
    const [created] = await Promise.all([
      admin.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/anvandare/ny"),
      admin.getByRole("button", { name: "Lägg till användaren" }).click(),
    ]);
    expect(created.status()).toBe(201);
    await admin.locator(".sofia-secret").waitFor();
    expect(await text(admin, "h1")).toBe("Användaren är tillagd");
    const link = await text(admin, ".sofia-secret");
    expect(link.startsWith(`${env.baseUrl}/losenord/`)).toBe(true);
    await checkA11y(admin, "the one-time password link page");
    await logout(admin);
    await checkA11y(admin, "the login page after logging out");

    const user = await env.newPage();
    await user.goto(link);
    expect(await text(user, "h1")).toBe("Välj lösenord");
    await checkA11y(user, "the choose-a-password page");
    await user.getByLabel("Nytt lösenord").fill("Gröna-ängar-i-maj-77");
    await user.getByLabel("Upprepa lösenordet").fill("Gröna-ängar-i-maj-77");
    await go(user, () => user.getByRole("button", { name: "Spara lösenordet" }).click(), /orsak=losenord/);
    expect(await text(user, "main [role=status]")).toBe("Lösenordet är sparat. Logga in med ditt nya lösenord.");
    await checkA11y(user, "the login page after choosing a password");

    await loginAs(user, "nina.ny", { password: "Gröna-ängar-i-maj-77" });
    expect(await text(user, "h1")).toBe("Välkommen, Nina Nyberg");
    expect(await text(user, "main")).toContain("Dina roller: Handläggare.");
    expect((await user.getByRole("region", { name: "Dina enheter" }).getByRole("listitem").allTextContents()).map((s) => s.trim())).toEqual(
      ["Familjestöd Test (Relationsvåld)"],
    );

    const refused = await user.goto("/anvandare/ny");
    expect(refused?.status()).toBe(403);
    expect(await text(user, "h1")).toBe("Du har inte behörighet till den här sidan");
    await checkA11y(user, "the 403 page");
    const logged = await env.t.database.db
      .select()
      .from(securityLog)
      .where(and(eq(securityLog.username, "nina.ny"), eq(securityLog.route, "/anvandare/ny")));
    expect(logged).toMatchObject([{ event: "permission_denied", method: "GET" }]);
  });

  it("reaches the log review, the account page and the API reference from the start page", async () => {
    const page = await env.newPage();
    await loginAs(page, "enhetschef");
    const tasks = page.getByRole("region", { name: "Det här kan du göra" });

    await go(page, () => tasks.getByRole("link", { name: "Följa upp loggen" }).click(), /\/logguppfoljning$/);
    expect(await text(page, "h1")).toBe("Logguppföljning");
    expect(await page.locator("main table").count()).toBeGreaterThan(0);
    await checkA11y(page, "the log review page");
    await screenshot(page, "log-review");

    await page.goBack();
    await go(page, () => tasks.getByRole("link", { name: "Skapa API-nycklar för integrationer" }).click(), /\/konto$/);
    expect(await text(page, "h1")).toBe("Mitt konto");
    await checkA11y(page, "the account page");
    await screenshot(page, "account");

    await page.goBack();
    await go(page, () => tasks.getByRole("link", { name: "Läsa API-dokumentationen" }).click(), /\/api-dokumentation$/);
    expect(await text(page, "h1")).toBe("API-dokumentation");
    await checkA11y(page, "the API reference");
    await screenshot(page, "api-reference");
  });
});
