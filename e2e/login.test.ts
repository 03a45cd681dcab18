import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { checkA11y, describeBrowser, loginAs, menuPages, screenshot, useBrowserApp } from "./browser.ts";

interface RoleCase {
  username: string;
  displayName: string;
  role: string;
  /** The units listed under "Dina enheter"; empty when the user has none. */
  units: string[];
  /** Overview roles see the organisation's counts. */
  overview: boolean;
  menuHas: string[];
  menuLacks: string[];
}

const roleCases: RoleCase[] = [
  {
    username: "admin",
    displayName: "Alva Administratör",
    role: "Administratör",
    units: [],
    overview: true,
    menuHas: ["Organisation", "Användare", "Logguppföljning"],
    menuLacks: [],
  },
  {
    username: "processledare",
    displayName: "Petra Processledare",
    role: "Processledare",
    units: ["Barn och unga Norr (Barn och unga)", "Beroendeenheten Vuxen 1 (Beroende, vuxen)"],
    overview: false,
    menuHas: ["Användare"],
    menuLacks: ["Logguppföljning"],
  },
  {
    username: "barnhandlaggare",
    displayName: "Bo Barnhandläggare",
    role: "Handläggare",
    units: ["Barn och unga Norr (Barn och unga)"],
    overview: false,
    menuHas: ["Start"],
    menuLacks: ["Användare", "Logguppföljning"],
  },
  {
    username: "enhetschef",
    displayName: "Erik Enhetschef",
    role: "Enhetschef",
    units: ["Barn och unga Norr (Barn och unga)", "Barn och unga Syd (Barn och unga)"],
    overview: true,
    menuHas: ["Logguppföljning"],
    menuLacks: [],
  },
  {
    username: "analytiker",
    displayName: "Anna Analytiker",
    role: "Analytiker",
    units: [],
    overview: true,
    menuHas: ["Start"],
    menuLacks: ["Användare", "Logguppföljning"],
  },
  {
    username: "vuxenhandlaggare",
    displayName: "Vera Vuxenhandläggare",
    role: "Handläggare",
    units: ["Beroendeenheten Vuxen 1 (Beroende, vuxen)"],
    overview: false,
    menuHas: ["Start"],
    menuLacks: ["Användare", "Logguppföljning"],
  },
];

const text = async (page: Page, selector: string) => ((await page.locator(selector).textContent()) ?? "").trim();
const activeElement = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return { tag: el?.tagName.toLowerCase(), id: el?.id, text: el?.textContent?.trim(), inMain: !!el?.closest("main") };
  });

describeBrowser("logging in (browser)", () => {
  const env = useBrowserApp();

  it("shows an accessible Swedish login page", async () => {
    const page = await env.newPage();
    await page.goto("/");
    expect(new URL(page.url()).pathname).toBe("/logga-in");
    expect(await page.getAttribute("html", "lang")).toBe("sv");
    expect(await text(page, "h1")).toBe("Logga in");
    expect(await page.getByLabel("Användarnamn").getAttribute("autocomplete")).toBe("username");
    expect(await page.getByLabel("Lösenord").getAttribute("type")).toBe("password");
    await checkA11y(page, "the login page");
    await screenshot(page, "login");
  });

  it.each(roleCases)("takes $username to the start page of the role", async (c) => {
    const page = await env.newPage();
    await loginAs(page, c.username);
    expect(new URL(page.url()).pathname).toBe("/start");
    expect(await page.locator("h1").count()).toBe(1);
    expect(await text(page, "h1")).toBe(`Välkommen, ${c.displayName}`);
    expect(await text(page, "main")).toContain(`Dina roller: ${c.role}.`);
    expect(await text(page, "header")).toContain(`Inloggad som ${c.displayName}`);

    const units = page.getByRole("region", { name: "Dina enheter" });
    if (c.units.length > 0) expect((await units.getByRole("listitem").allTextContents()).map((s) => s.trim())).toEqual(c.units);
    else expect(await units.textContent()).toContain("Du är inte kopplad till någon enhet");

    expect(await page.getByRole("heading", { name: "Organisationen i siffror" }).count()).toBe(c.overview ? 1 : 0);
    const menu = await menuPages(page);
    for (const item of c.menuHas) expect(menu).toContain(item);
    for (const item of c.menuLacks) expect(menu).not.toContain(item);
    expect(await page.locator("nav a[aria-current=page]").textContent()).toBe("Start");
    await screenshot(page, `start-${c.username}`);
  });

  it("answers a wrong password with a focused, field-linked Swedish error summary", async () => {
    const page = await env.newPage();
    await page.goto("/logga-in");
    await checkA11y(page, "the login page");
    await page.getByLabel("Användarnamn").fill("barnhandlaggare");
    await page.getByLabel("Lösenord").fill("inte-rätt-lösenord");
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/logga-in"),
      page.getByRole("button", { name: "Logga in" }).click(),
    ]);
    expect(response.status()).toBe(401);
    const summary = page.locator("[data-error-summary]");
    await summary.waitFor();
    await page.waitForFunction(() => document.activeElement?.hasAttribute("data-error-summary"));
    expect(await summary.getByRole("heading").textContent()).toBe("Rätta följande");
    const link = summary.getByRole("link");
    expect(await link.textContent()).toBe("Fel användarnamn eller lösenord. Kontrollera uppgifterna och försök igen.");
    expect(await link.getAttribute("href")).toBe("#f-username");
    const username = page.locator("#f-username");
    expect(await username.inputValue()).toBe("barnhandlaggare");
    expect(await username.getAttribute("aria-invalid")).toBe("true");
    expect(await username.getAttribute("aria-describedby")).toContain("f-username-error");
    expect(await page.locator("#f-password").inputValue()).toBe("");
    await checkA11y(page, "the login page with a wrong password");
    await screenshot(page, "login-error");

    await link.click();
    await page.waitForFunction(() => document.activeElement?.id === "f-username");
  });

  it("asks for both fields when the form is sent empty", async () => {
    const page = await env.newPage();
    await page.goto("/logga-in");
    await checkA11y(page, "the login page");
    await page.getByRole("button", { name: "Logga in" }).click();
    const summary = page.locator("[data-error-summary]");
    await summary.waitFor();
    const links = summary.getByRole("link");
    expect(await links.allTextContents()).toEqual(["Skriv ditt användarnamn", "Skriv ditt lösenord"]);
    expect(await links.evaluateAll((as) => as.map((a) => a.getAttribute("href")))).toEqual(["#f-username", "#f-password"]);
    expect(await page.locator("#f-password-error").textContent()).toBe("Skriv ditt lösenord");
    await checkA11y(page, "the empty login form");
  });

  it("switches to English and back, before and after logging in", async () => {
    const page = await env.newPage();
    await page.goto("/logga-in");
    await checkA11y(page, "the login page");
    await page.getByRole("button", { name: "English" }).click();
    await page.waitForSelector("html[lang=en]");
    expect(await text(page, "h1")).toBe("Sign in");
    expect(await page.getByLabel("Username").count()).toBe(1);
    await checkA11y(page, "the English login page");

    await loginAs(page, "barnhandlaggare");
    expect(await text(page, "h1")).toBe("Welcome, Bo Barnhandläggare");
    expect(await page.getByRole("heading", { name: "Your units", exact: true }).count()).toBe(1);

    await page.getByRole("button", { name: "Svenska" }).click();
    await page.waitForSelector("html[lang=sv]");
    expect(new URL(page.url()).pathname).toBe("/start");
    expect(await text(page, "h1")).toBe("Välkommen, Bo Barnhandläggare");
    await checkA11y(page, "the start page back in Swedish");
  });

  it("makes the skip link the first Tab stop, moving focus to the main content", async () => {
    const page = await env.newPage();
    await page.goto("/logga-in");
    await checkA11y(page, "the login page");
    await page.keyboard.press("Tab");
    expect(await activeElement(page)).toMatchObject({ tag: "a", text: "Hoppa till huvudinnehållet" });
    const box = await page.locator(".ds-skip-link").boundingBox();
    expect(box && box.x >= 0 && box.y >= 0 && box.width > 0).toBe(true);
    await page.keyboard.press("Enter");
    expect(await activeElement(page)).toMatchObject({ tag: "main", id: "main" });
    await page.keyboard.press("Tab");
    expect(await activeElement(page)).toMatchObject({ id: "f-username", inMain: true });

    // Logged in, the header holds more controls; the skip link still comes first.
    await loginAs(page, "vuxenhandlaggare");
    await page.keyboard.press("Tab");
    expect(await activeElement(page)).toMatchObject({ tag: "a", text: "Hoppa till huvudinnehållet" });
    await page.keyboard.press("Enter");
    expect(await activeElement(page)).toMatchObject({ id: "main" });
    await page.keyboard.press("Tab");
    expect((await activeElement(page)).inMain).toBe(true);
  });
});
