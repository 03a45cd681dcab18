import { expect, it } from "vitest";
import { checkA11y, describeBrowser, loginAs, screenshot, useBrowserApp } from "./browser.ts";

describeBrowser("calendar and reminders settings (browser)", () => {
  const env = useBrowserApp();

  it("reaches the settings from My account, creates a feed address shown once, turns reminders off, revokes; axe-clean, also at 390 px", async () => {
    const page = await env.newPage();
    await loginAs(page, "barnhandlaggare");
    await page.getByRole("link", { name: "Mitt konto" }).first().click();
    await page.waitForURL(/\/konto$/);
    await checkA11y(page, "My account with the calendar link");
    await page.getByRole("link", { name: "Kalender och påminnelser" }).click();
    await page.waitForURL(/\/konto\/kalender$/);
    expect(await page.locator("h1").textContent()).toBe("Kalender och påminnelser");
    expect(await page.getByRole("heading", { name: "Det här lämnar Sofia" }).count()).toBe(1);
    expect(await page.content()).toContain("aldrig namn, aktnummer eller personnummer");
    await checkA11y(page, "calendar settings");

    await page.getByRole("button", { name: "Skapa kalenderadress" }).click();
    await page.getByRole("heading", { name: "Kopiera adressen nu" }).waitFor();
    const address = await page.getByLabel("Din kalenderadress").inputValue();
    expect(address).toMatch(/\/kalender\/[A-Za-z0-9_-]{43}\.ics$/);
    await checkA11y(page, "the new feed address");
    await screenshot(page, "calendar-feed-created");
    const feed = await fetch(address);
    expect(feed.status).toBe(200);
    expect(feed.headers.get("content-type")).toContain("text/calendar");

    // Reminders off, with the keyboard: the checkbox and the button.
    const box = page.getByLabel("Skicka mig en daglig påminnelse per e-post");
    expect(await box.isChecked()).toBe(true);
    await box.focus();
    await page.keyboard.press("Space");
    await page.getByRole("button", { name: "Spara påminnelser" }).focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/sparad=1/);
    expect(await page.getByRole("status").textContent()).toContain("Dina påminnelser är sparade.");
    expect(await page.getByLabel("Skicka mig en daglig påminnelse per e-post").isChecked()).toBe(false);
    expect(await page.content()).not.toContain(address);
    await checkA11y(page, "calendar settings with a feed");

    await page.setViewportSize({ width: 390, height: 844 });
    await checkA11y(page, "calendar settings at 390 px");
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    if (process.env.SCREENSHOTS === "1") await page.screenshot({ path: "screenshots/calendar-settings-390.png", fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });
    await screenshot(page, "calendar-settings");

    await page.getByRole("button", { name: "Återkalla kalenderadressen" }).click();
    await page.waitForURL(/aterkallad=1/);
    expect(await page.getByRole("status").textContent()).toContain("Kalenderadressen är återkallad");
    await checkA11y(page, "calendar settings after revoking");
    expect((await fetch(address)).status).toBe(404);
  });
});
