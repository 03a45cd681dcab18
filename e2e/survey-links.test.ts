/**
 * Survey links in a real browser, with axe on every page: a caseworker makes the links for a held
 * Familjemöte 1 and gets the handout (no names); the child answers on a tablet with the keyboard
 * only, one question per screen with progress and "Vet inte"; the parent answers the same kind of
 * form with JavaScript off, all questions on one page; a used link and an expired link are refused.
 */
import { and, eq, isNull } from "drizzle-orm";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { surveyAnswers, surveyInvitations, surveyResponses } from "../src/db/schema/index.ts";
import { tokenHashOf } from "../src/surveys/links/index.ts";
import { familyMeeting, linkFamily, tokensFrom } from "../src/surveys/links/test-setup.ts";
import { apiCall, apiToken } from "../test/helpers.ts";
import { checkA11y, describeBrowser, loginAs, logout, screenshot, useBrowserApp, VIEWPORTS } from "./browser.ts";

async function submit(page: Page, button: string) {
  await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: button }).click()]);
}

/** Presses Tab until a radio of the question has focus (the skip link and "Läs upp" come first). */
async function tabToAnswers(page: Page, field: string) {
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press("Tab");
    const name = await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name ?? "");
    if (name === field) return;
  }
  throw new Error(`no radio of ${field} reached by Tab`);
}

const checkedValue = (page: Page, field: string) =>
  page.evaluate((name) => (document.querySelector(`input[name="${name}"]:checked`) as HTMLInputElement | null)?.value ?? "", field);

describeBrowser("survey links (browser)", () => {
  const env = useBrowserApp();

  it("a caseworker makes the links and the child answers one question per screen by keyboard on a tablet", async () => {
    const f = await linkFamily(env.t);
    const meetingId = await familyMeeting(env.t, f);
    const db = env.t.database.db;

    const staff = await env.newPage();
    await loginAs(staff, "barnhandlaggare");
    await staff.goto(`/processer/${f.processId}/moten/${meetingId}`);
    await checkA11y(staff, "the held meeting with the survey links link");
    await Promise.all([staff.waitForEvent("load"), staff.getByRole("link", { name: "Skapa enkätlänkar till familjen" }).click()]);
    expect(await staff.getByRole("heading", { level: 1 }).textContent()).toBe("Enkätlänkar – Familjemöte 1");
    expect(await staff.getByRole("rowheader", { name: "Lilla Tolvansson" }).count()).toBe(1);
    await checkA11y(staff, "the survey links page");
    await screenshot(staff, "survey-links-respondents");

    await submit(staff, "Skapa länkar och utskrift");
    expect(await staff.getByRole("heading", { level: 1 }).textContent()).toBe("Enkätlänkar att dela ut");
    expect(await staff.getByRole("status").textContent()).toContain("2 länkar är skapade");
    const cards = staff.locator(".sofia-handout__card");
    expect(await cards.count()).toBe(2);
    expect(await staff.locator("main").textContent()).not.toContain("Tolvan");
    expect(await staff.getByRole("img", { name: "QR-kod till enkäten" }).count()).toBe(2);
    await checkA11y(staff, "the handout");
    await screenshot(staff, "survey-links-handout");
    await staff.emulateMedia({ media: "print" });
    if (process.env.SCREENSHOTS === "1") await staff.screenshot({ path: "screenshots/survey-links-handout-print.png", fullPage: true });
    await staff.emulateMedia({ media: "screen" });
    const [parentToken, childToken] = tokensFrom(await staff.content());
    const childCard = cards.filter({ hasText: "Frågor till dig som är barn" });
    expect(await childCard.getByText("Barn", { exact: true }).count()).toBe(1);
    expect(await childCard.locator("code").textContent()).toContain(`/svar/${childToken}`);
    await logout(staff);
    await checkA11y(staff, "the login page after logging out");

    // The child, on a tablet, with the keyboard only.
    const child = await env.newPage({ viewport: VIEWPORTS.tablet });
    await child.goto(`/svar/${childToken}`);
    expect(await child.getByRole("heading", { level: 1 }).textContent()).toBe("Frågor till dig som är barn");
    const progress = child.locator("[data-survey-progress]");
    expect(await progress.textContent()).toBe("Fråga 1 av 4");
    expect(await child.locator("fieldset[data-survey-item]:visible").count()).toBe(1);
    expect(await child.getByRole("button", { name: "Föregående" }).isVisible()).toBe(false);
    expect(await child.getByRole("button", { name: "Skicka svaren" }).isVisible()).toBe(false);
    // "Läs upp" only where the browser has a Swedish voice (decision 0042); headless Chromium often has none.
    const swedishVoice = await child.evaluate(() => speechSynthesis.getVoices().some((v) => v.lang.toLowerCase().startsWith("sv")));
    expect(await child.getByRole("button", { name: "Läs upp" }).filter({ visible: true }).count()).toBe(swedishVoice ? 1 : 0);
    await checkA11y(child, "the child's first question");
    await screenshot(child, "survey-answer-child-q1");

    await tabToAnswers(child, "answers.information");
    for (let i = 0; i < 3; i++) await child.keyboard.press("ArrowRight");
    expect(await checkedValue(child, "answers.information")).toBe("4");
    await checkA11y(child, "the child's first question answered");
    await screenshot(child, "survey-answer-child-q1-answered");
    await child.keyboard.press("Enter");
    await child.waitForFunction(() => document.querySelector("[data-survey-progress]")?.textContent === "Fråga 2 av 4");
    expect(await child.evaluate(() => document.activeElement?.tagName)).toBe("LEGEND");
    expect(await child.evaluate(() => document.activeElement?.textContent)).toBe("Lyssnade de vuxna på dig?");
    // The partial answer is kept while the child goes on.
    await expect.poll(async () => (await db.select().from(surveyResponses).where(eq(surveyResponses.meetingId, meetingId))).length).toBe(1);
    await checkA11y(child, "the child's second question");

    // "Vet inte / vill inte svara" is the fifth choice.
    await tabToAnswers(child, "answers.lyssnad-pa");
    for (let i = 0; i < 4; i++) await child.keyboard.press("ArrowRight");
    expect(await checkedValue(child, "answers.lyssnad-pa")).toBe("dont_know");
    await checkA11y(child, "the child's second question with Vet inte");
    await screenshot(child, "survey-answer-child-dont-know");
    await child.keyboard.press("Enter");
    await child.waitForFunction(() => document.querySelector("[data-survey-progress]")?.textContent === "Fråga 3 av 4");

    await tabToAnswers(child, "answers.prata-om-alkohol-droger");
    await child.keyboard.press("Space");
    expect(await checkedValue(child, "answers.prata-om-alkohol-droger")).toBe("1");
    await child.keyboard.press("Enter");
    await child.waitForFunction(() => document.querySelector("[data-survey-progress]")?.textContent === "Fråga 4 av 4");
    expect(await child.getByRole("button", { name: "Skicka svaren" }).isVisible()).toBe(true);
    expect(await child.getByRole("button", { name: "Nästa" }).isVisible()).toBe(false);
    await checkA11y(child, "the child's last question");

    await tabToAnswers(child, "answers.helhet");
    await child.keyboard.press("ArrowRight");
    expect(await checkedValue(child, "answers.helhet")).toBe("2");
    await Promise.all([child.waitForURL(/\/svar\/tack$/), child.keyboard.press("Enter")]);
    expect(await child.getByRole("heading", { level: 1 }).textContent()).toBe("Tack för dina svar!");
    await checkA11y(child, "the thank-you page");
    await screenshot(child, "survey-answer-thanks");

    const stored = await db.select().from(surveyResponses).where(eq(surveyResponses.meetingId, meetingId));
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ respondentRole: "child", ageBand: "6–9", mode: "link", complete: true });
    const answers = await db
      .select()
      .from(surveyAnswers)
      .where(eq(surveyAnswers.responseId, stored[0]?.id ?? ""));
    expect(answers.map((a) => [a.itemKey, a.value, a.dontKnow]).sort()).toEqual([
      ["helhet", 2, false],
      ["information", 4, false],
      ["lyssnad-pa", null, true],
      ["prata-om-alkohol-droger", 1, false],
    ]);

    // Reopening the used link: kind words, no form.
    await child.goto(`/svar/${childToken}`);
    expect(await child.getByRole("heading", { level: 1 }).textContent()).toBe("Du har redan svarat. Tack!");
    expect(await child.locator("form").count()).toBe(0);
    await checkA11y(child, "a used link");
    await screenshot(child, "survey-answer-used");

    // A second link for the parent, made before the parent answers.
    const token = await apiToken(env.t, "barnhandlaggare", ["processes.view", "processes.work"]);
    const more = await apiCall(env.t.app, "POST", `/api/v1/processes/${f.processId}/meetings/${meetingId}/survey-links`, token);
    expect(more.statusCode, more.body).toBe(201);
    const late = ((more.json() as { links: Array<{ url: string }> }).links[0]?.url ?? "").split("/svar/")[1] ?? "";

    // The parent answers without JavaScript: every question on one page, a plain form.
    const parent = await env.newPage({ javaScriptEnabled: false });
    await parent.goto(`/svar/${parentToken}`);
    expect(await parent.locator("fieldset[data-survey-item]:visible").count()).toBe(4);
    expect(await parent.getByRole("button", { name: "Läs upp" }).count()).toBe(0);
    await checkA11y(parent, "the parent's form without JavaScript");
    await screenshot(parent, "survey-answer-parent-nojs");
    await submit(parent, "Skicka svaren");
    expect(await parent.locator("[data-error-summary] a").allTextContents()).toEqual([
      "Svara på minst en fråga. Du kan välja Vet inte / vill inte svara.",
    ]);
    await checkA11y(parent, "the parent's form with an error");
    await screenshot(parent, "survey-answer-parent-error");
    const item = (question: string) => parent.getByRole("group", { name: question });
    await item("Fick du tillräckligt med information?").getByLabel("Jättenöjd").check();
    await item("Blev du tillräckligt lyssnad på?").getByLabel("Nöjd", { exact: true }).check();
    await item("Hur nöjd är du med samtalet som helhet?").getByLabel("Vet inte / vill inte svara").check();
    await submit(parent, "Skicka svaren");
    expect(parent.url()).toMatch(/\/svar\/tack$/);
    await checkA11y(parent, "the thank-you page without JavaScript");
    const parents = await db
      .select()
      .from(surveyResponses)
      .where(and(eq(surveyResponses.meetingId, meetingId), eq(surveyResponses.respondentRole, "parent_with_problem")));
    expect(parents.map((r) => r.complete)).toEqual([true]);

    // Both have answered: no more links are made for them.
    const none = await apiCall(env.t.app, "POST", `/api/v1/processes/${f.processId}/meetings/${meetingId}/survey-links`, token);
    expect(none.statusCode).toBe(409);

    // An expired link is refused (the parent's second link, closed when the parent answered by the first).
    await db
      .update(surveyInvitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(and(eq(surveyInvitations.tokenHash, tokenHashOf(late) ?? ""), isNull(surveyInvitations.usedAt)));
    const expired = await env.newPage({ viewport: VIEWPORTS.tablet });
    await expired.goto(`/svar/${late}`);
    expect(await expired.getByRole("heading", { level: 1 }).textContent()).toBe("Länken fungerar inte längre");
    await checkA11y(expired, "an expired link");
    await screenshot(expired, "survey-answer-expired");
  }, 240_000);

  it("keeps an answer sent while the network is down and sends it again when the browser is back online", async () => {
    const f = await linkFamily(env.t);
    const meetingId = await familyMeeting(env.t, f);
    const db = env.t.database.db;
    const token = await apiToken(env.t, "barnhandlaggare", ["processes.view", "processes.work"]);
    const made = await apiCall(env.t.app, "POST", `/api/v1/processes/${f.processId}/meetings/${meetingId}/survey-links`, token);
    const link = (made.json() as { links: Array<{ url: string; role: string }> }).links.find((l) => l.role === "child")?.url ?? "";
    const path = new URL(link).pathname;
    const responses = () => db.select().from(surveyResponses).where(eq(surveyResponses.meetingId, meetingId));

    const page = await env.newPage({ viewport: VIEWPORTS.tablet });
    await page.goto(path);
    await checkA11y(page, "the child's first question");
    await page.getByRole("group", { name: "Fick du veta det du ville veta?" }).getByText("Bra", { exact: true }).click();
    await page.getByRole("button", { name: "Nästa" }).click();
    await expect.poll(async () => (await responses()).map((r) => r.complete)).toEqual([false]);
    for (let i = 0; i < 2; i++) await page.getByRole("button", { name: "Nästa" }).click();
    await page.getByRole("group", { name: "Hur tyckte du att mötet var?" }).getByText("Jättebra", { exact: true }).click();

    // The network is gone: the answer is kept on the device, and the child is told.
    await page.route(`**${path}`, (route) =>
      route.request().method() === "POST" ? route.abort("internetdisconnected") : route.continue(),
    );
    await page.getByRole("button", { name: "Skicka svaren" }).click();
    await page.getByText("Det gick inte att skicka just nu.").waitFor();
    const kept = await page.evaluate((key) => window.localStorage.getItem(key), `sofia-survey:${path}`);
    expect(JSON.parse(kept ?? "[]")).toContainEqual(["answers.helhet", "4"]);
    await checkA11y(page, "the answer kept offline");
    await screenshot(page, "survey-answer-offline");
    expect((await responses()).map((r) => r.complete)).toEqual([false]);

    // Back online: the kept answer is sent once and completes the same response.
    await page.unroute(`**${path}`);
    await page.evaluate(() => window.dispatchEvent(new Event("online")));
    await expect.poll(async () => (await responses()).map((r) => r.complete)).toEqual([true]);
    await expect.poll(() => page.evaluate((key) => window.localStorage.getItem(key), `sofia-survey:${path}`)).toBeNull();
    const answers = await db
      .select()
      .from(surveyAnswers)
      .where(eq(surveyAnswers.responseId, (await responses())[0]?.id ?? ""));
    expect(answers.map((a) => [a.itemKey, a.value]).sort()).toEqual([
      ["helhet", 4],
      ["information", 3],
    ]);
  }, 240_000);
});
