import { expect, it } from "vitest";
import { totpCodeAt } from "../src/auth/mfa-model.ts";
import { checkA11y, describeBrowser, loginAs, logout, screenshot, useBrowserApp } from "./browser.ts";

describeBrowser("two-step verification (browser)", () => {
  const env = useBrowserApp();
  /** The code the user's app shows `stepsAhead` 30-second steps from the app's clock now. */
  const code = (secret: string, stepsAhead = 0) => totpCodeAt(secret, new Date(env.t.clock.now().getTime() + stepsAhead * 30_000));

  it("enrols from the account page, logs out, and logs in with the code from the app; every page axe-clean", async () => {
    const page = await env.newPage();
    await loginAs(page, "processledare");
    await page.getByRole("link", { name: "Mitt konto" }).first().click();
    await page.waitForURL(/\/konto$/);
    await page.getByRole("heading", { name: "Mina inloggningar" }).waitFor();
    await checkA11y(page, "My account with the sign-ins");
    await screenshot(page, "account-security");

    await page.getByRole("link", { name: "Aktivera tvåstegsverifiering" }).click();
    await page.waitForURL(/\/tvastegsverifiering$/);
    await page.getByRole("img", { name: /QR-kod/ }).waitFor();
    await checkA11y(page, "enrolling");
    await screenshot(page, "mfa-enrol");
    const secret = ((await page.locator(".sofia-mfa__secret code").textContent()) ?? "").replaceAll(" ", "");
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);

    // A wrong first code: the field says so, the secret stays.
    await page.getByLabel("Kod", { exact: true }).fill(code(secret) === "000000" ? "111111" : "000000");
    await page.getByRole("button", { name: "Aktivera" }).click();
    await page.locator("#f-code-error").waitFor();
    await checkA11y(page, "enrolling with a wrong code");

    await page.getByLabel("Kod", { exact: true }).fill(code(secret));
    await page.getByRole("button", { name: "Aktivera" }).click();
    await page.getByRole("heading", { name: "Dina reservkoder" }).waitFor();
    expect(await page.locator(".sofia-mfa__codes li").count()).toBe(10);
    await checkA11y(page, "the recovery codes");
    await screenshot(page, "mfa-recovery-codes");

    await page.getByRole("link", { name: /fortsätt/ }).click();
    await page.waitForURL(/\/konto$/);
    expect(await page.locator("#mfa-h + p").textContent()).toContain("Aktiverad");
    await checkA11y(page, "My account with two-step verification on");
    await logout(page);
    await checkA11y(page, "the login page after logging out");

    await page.locator("#f-username").fill("processledare");
    await page.locator("#f-password").fill("Testlösenord-2026");
    await Promise.all([page.waitForURL(/\/logga-in\/kod$/), page.locator("main form[action='/logga-in'] button[type=submit]").click()]);
    expect(await page.locator("h1").textContent()).toBe("Ange koden från din app");
    await checkA11y(page, "the second step");
    await screenshot(page, "mfa-code");

    // The enrolment used the step of now: the app's next code.
    await page.getByLabel("Kod", { exact: true }).fill(code(secret, 1));
    await Promise.all([page.waitForURL(/\/start$/), page.getByRole("button", { name: "Fortsätt" }).click()]);
    await checkA11y(page, "the start page after the second step");
  });
});
