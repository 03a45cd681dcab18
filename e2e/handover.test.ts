import { expect, it } from "vitest";
import { todayInSweden } from "../src/platform/dates.ts";
import { decidedFamily, userId } from "../test/fixtures.ts";
import { checkA11y, describeBrowser, loginAs, screenshot, useBrowserApp } from "./browser.ts";

describeBrowser("handover from intake and team planning (browser)", () => {
  const env = useBrowserApp();

  it("records a handover with a role to be assigned, assigns it, records a first contact: without JavaScript, axe-clean, at 1280 and 800 px", async () => {
    const family = await decidedFamily(env.t, {
      guardians: [{ name: "Hanna Överlämnad", identityNumber: "19121212-1212" }],
      children: [{ name: "Hugo Överlämnad", age: 6, gender: "boy", unit: "Barn och unga Norr" }],
      staff: { child: "barnhandlaggare", adult: null, leader: "processledare" },
    });
    const page = await env.newPage({ javaScriptEnabled: false });
    await loginAs(page, "enhetschef");
    await page.goto(`/forfragningar/${family.requestId}`);
    await checkA11y(page, "the request with its handover section");
    await page.getByRole("link", { name: "Registrera överlämning och planera teamet" }).click();
    await page.waitForURL(/\/overlamning$/);
    expect(await page.locator("h1").textContent()).toContain("Ny överlämning");
    await checkA11y(page, "the handover form");

    // A team without any role is refused, with the error linked to its place.
    await page.getByLabel("Mottagande enhet").selectOption({ label: "Barn och unga Norr" });
    await page.getByLabel("Lämnades över av").selectOption(await userId(env.t, "handlaggare.mottagning"));
    await page.getByLabel("Skäl till överlämningen").fill("Anmälan om våld i hemmet; barnet behöver utredas.");
    await page.getByRole("button", { name: "Spara överlämningen" }).click();
    await page.getByText("Teamet behöver minst en roll.").first().waitFor();
    await checkA11y(page, "the handover form with its errors");
    await screenshot(page, "handover-form");
    if (process.env.SCREENSHOTS === "1") {
      await page.setViewportSize({ width: 800, height: 900 });
      await page.screenshot({ path: "screenshots/handover-form-800.png", fullPage: true });
      await page.setViewportSize({ width: 1280, height: 800 });
    }

    await page.locator('select[name="members.0.role"]').selectOption("child_investigator");
    await page.locator('select[name="members.0.userId"]').selectOption(await userId(env.t, "barnhandlaggare"));
    await page.locator('select[name="members.1.role"]').selectOption("family_therapist");
    await page.locator('select[name="members.1.userId"]').selectOption("");
    await page.getByRole("button", { name: "Spara överlämningen" }).click();
    await page.waitForURL(/\/overlamningar\/[0-9a-f-]{36}\?klart=sparad$/);
    expect(await page.getByRole("status").textContent()).toContain("Överlämningen är sparad.");
    const team = page.getByRole("table");
    expect(await team.textContent()).toContain("Familjebehandlare");
    expect(await team.textContent()).toContain("Ska tillsättas");
    await checkA11y(page, "the handover page");
    await screenshot(page, "handover");
    await page.setViewportSize({ width: 800, height: 900 });
    await checkA11y(page, "the handover page at 800 px");
    if (process.env.SCREENSHOTS === "1") await page.screenshot({ path: "screenshots/handover-800.png", fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.getByRole("link", { name: "Ändra teamet" }).click();
    await page.waitForURL(/\/team$/);
    await checkA11y(page, "the team edit");
    await page.locator('select[name="members.1.userId"]').selectOption(await userId(env.t, "vuxenhandlaggare"));
    await page.getByRole("button", { name: "Spara teamet" }).click();
    await page.waitForURL(/klart=team$/);
    expect(await page.getByRole("table").textContent()).toContain("Vera Vuxenhandläggare");
    await checkA11y(page, "the handover page after the team edit");
    if (process.env.SCREENSHOTS === "1") {
      await page.goto(page.url().replace(/\?.*$/, "/team"));
      await checkA11y(page, "the team edit again");
      await page.screenshot({ path: "screenshots/handover-team-1280.png", fullPage: true });
      await page.setViewportSize({ width: 800, height: 900 });
      await page.screenshot({ path: "screenshots/handover-team-800.png", fullPage: true });
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goBack();
      await checkA11y(page, "the handover page again");
    }

    // The first contact of the child investigator, before the handover: refused; then today.
    const contact = page.locator('input[name="firstContactOn"]').first();
    await contact.fill("2000-01-01");
    await page.getByRole("button", { name: "Spara första kontakt (Barnutredare)" }).click();
    await page.getByText("Den första kontakten kan inte vara före överlämningen.").first().waitFor();
    await checkA11y(page, "the first contact refused");
    await page.locator('input[name="firstContactOn"]').first().fill(todayInSweden());
    await page.getByRole("button", { name: "Spara första kontakt (Barnutredare)" }).click();
    await page.waitForURL(/klart=kontakt$/);
    expect(await page.getByRole("status").textContent()).toContain("Den första kontakten är sparad.");
    await checkA11y(page, "the handover page with a first contact");
  });
});
