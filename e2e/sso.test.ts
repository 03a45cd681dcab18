/**
 * Single sign-on in a real browser (decision 0059): the login page's button, the municipality's
 * provider (oidc-provider 8 in a child process, test/oidc.ts) and back into Sofia. Every Sofia
 * page is checked with axe; the provider's own pages are not Sofia's.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { systemClock } from "../src/platform/clock.ts";
import { startTestProvider, type TestProvider } from "../test/oidc.ts";
import { checkA11y, describeBrowser, passesThrough, useBrowserApp } from "./browser.ts";

const SECRET = "e2e-klienthemlighet-0123456789abcdef";

describeBrowser("logging in with the municipality's login", () => {
  const env = useBrowserApp();
  let provider: TestProvider;

  beforeAll(async () => {
    // The browser tests run on the machine's clock; the provider runs on the same.
    provider = await startTestProvider(
      { clients: [{ client_id: "sofia-e2e", client_secret: SECRET, redirect_uris: [`${env.baseUrl}/logga-in/sso/klar`] }] },
      systemClock,
    );
    // The installation's provider, as SOFIA_OIDC_* would set it (the running app reads its config per request).
    env.t.config.oidc = {
      issuer: provider.issuer,
      clientId: "sofia-e2e",
      clientSecret: SECRET,
      userClaim: "preferred_username",
      groupsClaim: undefined,
      groupRoles: {},
    };
  });
  afterAll(async () => {
    await provider?.close();
  });

  it("takes a caseworker from the login page through the provider to the start page", async () => {
    const page = await env.newPage();
    passesThrough(page, provider.issuer);
    await page.goto("/logga-in");
    await checkA11y(page, "login page with the municipality's login");
    await page.getByRole("link", { name: "Logga in med kommunens inloggning" }).click();
    await page.waitForURL((url) => url.origin === provider.issuer);
    await page.locator("input[name=login]").fill("barnhandlaggare");
    await page.locator("input[name=password]").fill("valfritt");
    await page.locator("button[type=submit]").click();
    await page.waitForURL((url) => url.pathname === "/start");
    await checkA11y(page, "start page after single sign-on");
    expect(await page.content()).toContain("Bo Barnhandläggare");
  });

  it("without JavaScript, refuses someone who has no account in Sofia with a Swedish message", async () => {
    const page = await env.newPage({ javaScriptEnabled: false });
    passesThrough(page, provider.issuer);
    await page.goto("/logga-in");
    await checkA11y(page, "login page without JavaScript");
    await page.getByRole("link", { name: "Logga in med kommunens inloggning" }).click();
    await page.waitForURL((url) => url.origin === provider.issuer);
    await page.locator("input[name=login]").fill("okand.person");
    await page.locator("input[name=password]").fill("valfritt");
    await page.locator("button[type=submit]").click();
    await page.waitForURL((url) => url.pathname === "/logga-in/sso/klar");
    expect(await page.getByRole("alert").textContent()).toContain("det finns inget aktivt konto i Sofia");
    await checkA11y(page, "refused single sign-on");
  });
});
