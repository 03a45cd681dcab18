import { expect, it } from "vitest";
import { checkA11y, describeBrowser, loginAs, screenshot, useBrowserApp } from "./browser.ts";

describeBrowser("API keys and the API reference (browser)", () => {
  const env = useBrowserApp();

  it("creates a key that is shown once, uses it, and revokes it; every page axe-clean", async () => {
    const page = await env.newPage();
    await loginAs(page, "barnhandlaggare");
    await page.getByRole("link", { name: "Mitt konto" }).first().click();
    await page.waitForURL(/\/konto$/);
    expect(await page.locator("h1").textContent()).toBe("Mitt konto");

    // An empty form: a focused error summary linking each field.
    await page.getByRole("button", { name: "Skapa nyckel" }).click();
    const summary = page.locator("[data-error-summary]");
    await summary.waitFor();
    await page.waitForFunction(() => document.activeElement?.hasAttribute("data-error-summary"));
    expect(await summary.getByRole("link").evaluateAll((as) => as.map((a) => a.getAttribute("href")))).toEqual(["#f-name", "#f-scopes"]);
    await checkA11y(page, "My account with errors");

    await page.getByLabel("Namn på nyckeln").fill("Integrationstest");
    await page.getByLabel(/Hantera sitt eget konto/).check();
    await page.getByLabel("Giltighetstid").selectOption("30");
    await page.getByRole("button", { name: "Skapa nyckel" }).click();
    await page.getByRole("heading", { name: "Din nya API-nyckel" }).waitFor();
    const token = ((await page.locator("[data-token]").textContent()) ?? "").trim();
    expect(token).toMatch(/^sofia_pat_/);
    await checkA11y(page, "the new key");
    await screenshot(page, "account-token-created");

    const me = await fetch(`${env.baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);

    await page.getByRole("link", { name: "Tillbaka till Mitt konto" }).click();
    await page.waitForURL(/\/konto$/);
    expect(await page.content()).not.toContain(token);
    await checkA11y(page, "My account with a key");
    await screenshot(page, "account");
    await page.getByRole("button", { name: "Återkalla nyckeln Integrationstest" }).click();
    await page.waitForURL(/aterkallad=1/);
    expect(await page.getByRole("status").textContent()).toContain("Nyckeln är återkallad");
    await checkA11y(page, "My account after revoking");
    expect((await fetch(`${env.baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
  });

  it("shows the API reference from its old address, in Swedish and English", async () => {
    const page = await env.newPage();
    await page.goto("/api/v1/docs");
    expect(new URL(page.url()).pathname).toBe("/api-dokumentation");
    expect(await page.locator("h1").textContent()).toBe("API-dokumentation");
    await checkA11y(page, "the API reference");
    await screenshot(page, "api-reference");
    // Each tag's operations are on a page of their own, reached from the index.
    await page.getByRole("link", { name: "GET /api/v1/me" }).click();
    await page.waitForURL(/\/api-dokumentation\/tag-[a-z-]+#get-api-v1-me$/);
    expect(await page.getByRole("heading", { name: "GET /api/v1/me" }).count()).toBe(1);
    await checkA11y(page, "an API reference tag page");
    await screenshot(page, "api-reference-tag");
    await page.getByRole("button", { name: "English" }).click();
    await page.waitForSelector("html[lang=en]");
    expect(await page.getByText("The descriptions of the operations are in Swedish.").count()).toBe(1);
    await checkA11y(page, "the English API reference tag page");
    await page.getByRole("link", { name: "Back to the API reference" }).click();
    expect(await page.locator("h1").textContent()).toBe("API reference");
    await checkA11y(page, "the English API reference");
  });
});
