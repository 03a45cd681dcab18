/**
 * The family's language in a real browser, with axe on every page (issue 14 item 7, decision
 * 0042): a caseworker records Arabic as the family's language on the contact page and makes the
 * survey links; the parent opens the link on a phone and gets the four questions right to left in
 * Arabic, can switch to Persian and back, answers one question per screen, and the answer is
 * stored; the thanks page is in Arabic too. Screenshots (SCREENSHOTS=1) at 1280×800 and 390×844.
 */
import fs from "node:fs";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { processes, requests, surveyAnswers, surveyResponses } from "../src/db/schema/index.ts";
import { familyMeeting, linkFamily, tokensFrom } from "../src/surveys/links/test-setup.ts";
import { checkA11y, describeBrowser, loginAs, useBrowserApp } from "./browser.ts";

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const TABLET = { width: 768, height: 1024 };

async function submit(page: Page, button: string) {
  await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: button }).click()]);
}

/** The three sizes the issue asks to look at, when screenshots are asked for (SCREENSHOTS=1). */
async function shots(page: Page, name: string) {
  if (process.env.SCREENSHOTS !== "1") return;
  const dir = path.resolve("screenshots");
  fs.mkdirSync(dir, { recursive: true });
  const original = page.viewportSize();
  for (const [size, viewport] of Object.entries({ desktop: DESKTOP, tablet: TABLET, phone: PHONE })) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: path.join(dir, `${name}-${size}.png`), fullPage: true });
  }
  if (original) await page.setViewportSize(original);
}

/** Nothing wider than the screen: a right-to-left layout that spills sideways fails here. */
const overflows = (page: Page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    return Array.from(document.querySelectorAll("body *"))
      .filter((e) => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && (r.left < -1 || r.right > width + 1);
      })
      .map((e) => `${e.tagName}.${e.className}`);
  });

describeBrowser("the family's language (browser)", () => {
  const env = useBrowserApp();

  it("a parent answers the four questions in Arabic, right to left, on a phone, and the answer is stored", async () => {
    const f = await linkFamily(env.t);
    const db = env.t.database.db;
    const [row] = await db.select({ requestId: processes.requestId }).from(processes).where(eq(processes.id, f.processId));
    const requestId = row?.requestId ?? "";

    // The caseworker records the family's language on the contact page.
    const staff = await env.newPage();
    await loginAs(staff, "barnhandlaggare");
    await staff.goto(`/forfragningar/${requestId}/kontakt`);
    await staff.getByLabel("Familjens språk i enkäterna").selectOption("ar");
    await checkA11y(staff, "the contact page with the family's language");
    await submit(staff, "Spara kontaktuppgifterna");
    const [saved] = await db.select({ language: requests.familyLanguage }).from(requests).where(eq(requests.id, requestId));
    expect(saved?.language).toBe("ar");
    await checkA11y(staff, "the request after saving the family's language");

    const meetingId = await familyMeeting(env.t, f);
    await staff.goto(`/processer/${f.processId}/moten/${meetingId}/enkatlankar`);
    await checkA11y(staff, "the survey links page");
    await submit(staff, "Skapa länkar och utskrift");
    await checkA11y(staff, "the handout");
    const [parentToken] = tokensFrom(await staff.content());

    // The parent, on a phone, with JavaScript: Arabic, right to left.
    const parent = await env.newPage({ viewport: PHONE });
    await parent.goto(`/svar/${parentToken}`);
    expect(await parent.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(["ar", "rtl"]);
    expect(await parent.getByRole("heading", { level: 1 }).textContent()).toBe("استبيان للوالدين بعد الاجتماع");
    expect(await parent.getByText("لم يراجع هذه الترجمة متحدث أصلي باللغة بعد.").count()).toBe(1);
    expect(await parent.locator("[data-survey-progress]").textContent()).toBe("السؤال 1 من 4");
    expect(await overflows(parent)).toEqual([]);
    await checkA11y(parent, "the first question in Arabic");
    await shots(parent, "survey-language-ar-q1");

    // The language switch: Persian, still right to left, and back to Arabic.
    await Promise.all([parent.waitForEvent("load"), parent.getByRole("link", { name: "فارسی" }).click()]);
    expect(await parent.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(["fa", "rtl"]);
    expect(await parent.getByRole("group", { name: "آیا اطلاعات کافی دریافت کردید؟" }).count()).toBe(1);
    await checkA11y(parent, "the first question in Persian");
    await shots(parent, "survey-language-fa-q1");
    await Promise.all([parent.waitForEvent("load"), parent.getByRole("link", { name: "العربية" }).click()]);
    expect(await parent.getByRole("link", { name: "العربية" }).getAttribute("aria-current")).toBe("true");

    // One question per screen: choose, then "التالي" (next); the last sends.
    const choose = async (label: string) => {
      await parent
        .locator("fieldset[data-survey-item]:visible label")
        .filter({ hasText: new RegExp(`^${label}$`) })
        .click();
    };
    await choose("راضٍ جدًا");
    await parent.getByRole("button", { name: "التالي" }).click();
    await parent.waitForFunction(() => document.querySelector("[data-survey-progress]")?.textContent === "السؤال 2 من 4");
    await choose("راضٍ");
    await parent.getByRole("button", { name: "التالي" }).click();
    await parent.waitForFunction(() => document.querySelector("[data-survey-progress]")?.textContent === "السؤال 3 من 4");
    await choose("لا أعرف / لا أريد أن أجيب");
    await checkA11y(parent, "the third question in Arabic, answered");
    await parent.getByRole("button", { name: "التالي" }).click();
    await parent.waitForFunction(() => document.querySelector("[data-survey-progress]")?.textContent === "السؤال 4 من 4");
    await choose("راضٍ إلى حد ما");
    await shots(parent, "survey-language-ar-q4");
    await Promise.all([parent.waitForURL(/\/svar\/tack/), parent.getByRole("button", { name: "أرسل الإجابات" }).click()]);

    expect(await parent.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(["ar", "rtl"]);
    expect(await parent.getByRole("heading", { level: 1 }).textContent()).toBe("شكرًا على إجاباتك!");
    expect(await overflows(parent)).toEqual([]);
    await checkA11y(parent, "the thanks page in Arabic");
    await shots(parent, "survey-language-ar-thanks");

    const responses = await db
      .select()
      .from(surveyResponses)
      .where(and(eq(surveyResponses.meetingId, meetingId), eq(surveyResponses.mode, "link")));
    expect(responses.map((r) => [r.respondentRole, r.complete])).toEqual([["parent_with_problem", true]]);
    const answers = await db
      .select({ itemKey: surveyAnswers.itemKey, value: surveyAnswers.value, dontKnow: surveyAnswers.dontKnow })
      .from(surveyAnswers)
      .where(eq(surveyAnswers.responseId, responses[0]?.id ?? ""));
    expect(answers.sort((a, b) => a.itemKey.localeCompare(b.itemKey))).toEqual([
      { itemKey: "helhet", value: 2, dontKnow: false },
      { itemKey: "information", value: 4, dontKnow: false },
      { itemKey: "lyssnad-pa", value: 3, dontKnow: false },
      { itemKey: "prata-om-alkohol-droger", value: null, dontKnow: true },
    ]);
  });
});
