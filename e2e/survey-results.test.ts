/**
 * The survey results page in a real browser, with axe: the analyst reaches it from the menu, picks
 * an instrument and a period with the GET form, and sees the count, the charts with their tables,
 * and ".." for a group too small to show (and its sibling, which could be worked out from the total).
 */
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { municipalities, surveyInstruments, surveyInstrumentVersions, surveyResponses } from "../src/db/schema/index.ts";
import { contentSchema } from "../src/surveys/model.ts";
import { type RespondentRole, recordResponse } from "../src/surveys/responses/service.ts";
import { checkA11y, describeBrowser, loginAs, openFromMenu, screenshot, useBrowserApp } from "./browser.ts";

async function submit(page: Page, button: string) {
  await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: button }).click()]);
}

describeBrowser("the survey results (browser)", () => {
  const env = useBrowserApp();

  /** Stores responses of an instrument through recordResponse, all submitted on the day given. */
  async function responder(key: string, on: string) {
    const db = env.t.database.db;
    const [m] = await db.select({ id: municipalities.id }).from(municipalities);
    const [v] = await db
      .select({ id: surveyInstrumentVersions.id, content: surveyInstrumentVersions.content })
      .from(surveyInstrumentVersions)
      .innerJoin(surveyInstruments, eq(surveyInstruments.id, surveyInstrumentVersions.instrumentId))
      .where(and(eq(surveyInstruments.key, key), eq(surveyInstrumentVersions.status, "published")));
    if (!m || !v) throw new Error("no instrument");
    const content = contentSchema.parse(v.content);
    return async (role: RespondentRole, values: Array<number | null>) => {
      const { id } = await db.transaction((tx) =>
        recordResponse(tx, {
          municipalityId: m.id,
          instrumentVersionId: v.id,
          content,
          meetingId: null,
          processId: null,
          respondentRole: role,
          ageBand: null,
          mode: "link",
          submissionKey: randomUUID(),
          answers: content.items.map((item, i) => ({ itemKey: item.key, value: values[i] ?? null, dontKnow: values[i] === null })),
          complete: true,
          recordedBy: null,
          submittedAt: new Date(), // dated below
          periodOn: on, // the day it counts in (decision 0046)
        }),
      );
      await db
        .update(surveyResponses)
        .set({ submittedAt: new Date(`${on}T12:00:00+02:00`) })
        .where(eq(surveyResponses.id, id));
    };
  }

  async function seedResponses() {
    const answer = await responder("sofia-4q-parent", "2030-05-15");
    const withProblem: Array<Array<number | null>> = [
      [4, 4, 3, 4],
      [3, 4, 2, 4],
      [4, 3, 2, 3],
      [2, 3, 1, 3],
      [4, 4, null, 4],
      [3, 4, 3, 4],
      [4, 4, 2, 4],
      [1, 2, 1, 2],
    ];
    for (const values of withProblem) await answer("parent_with_problem", values);
    for (const values of [
      [4, 4, 4, 4],
      [3, 4, 3, 4],
      [4, 3, null, 4],
    ])
      await answer("parent_without_problem", values);
  }

  it("the analyst sees results with charts, tables and .. for a small group", async () => {
    await seedResponses();
    const page = await env.newPage();
    await loginAs(page, "analytiker");

    await openFromMenu(page, "Enkätresultat");
    await page.waitForURL("**/enkater/resultat");
    await checkA11y(page, "the results page of this year");

    await page.getByLabel("Enkät").selectOption({ label: "Sofiamodellens fyra frågor, föräldrar" });
    await page.getByLabel("Från och med").fill("2030-01-01");
    await page.getByLabel("Till och med").fill("2030-12-31");
    await submit(page, "Visa resultat");
    expect(page.url()).toContain("instrument=sofia-4q-parent");
    await checkA11y(page, "the results of the parents' survey in 2030");

    expect(await page.getByRole("heading", { name: "Alla svarande (antal svar: 11)" }).count()).toBe(1);
    expect(await page.getByRole("heading", { name: "Förälder med missbruksproblem (antal svar: ..)" }).count()).toBe(1);
    expect(await page.getByRole("heading", { name: "Förälder utan missbruksproblem (antal svar: ..)" }).count()).toBe(1);
    expect(await page.getByRole("img", { name: /Svarsfördelning per fråga: Alla svarande/ }).count()).toBe(1);
    const table = page.getByRole("table", { name: "Svarsfördelning och medelvärde per fråga: Alla svarande" });
    expect(await table.count()).toBe(1);
    const information = table.getByRole("row", { name: /Fick du tillräckligt med information/ });
    expect((await information.getByRole("cell").allTextContents()).map((c) => c.replace(/\s/g, " "))).toEqual([
      "1 (9 %)",
      "1 (9 %)",
      "3 (27 %)",
      "6 (55 %)",
      "0 (0 %)",
      "11",
      "3,27",
      "0 %",
    ]);
    const hidden = page.getByRole("table", { name: "Svarsfördelning och medelvärde per fråga: Förälder utan missbruksproblem" });
    expect(await hidden.locator(".sofia-suppressed").first().textContent()).toBe("..för få svar för att visas");
    expect(await page.locator(".sofia-chart__suppressed").count()).toBeGreaterThan(0);
    expect(await page.getByRole("link", { name: "Ladda ner tabellerna som CSV (för Excel)" }).count()).toBe(1);
    await screenshot(page, "survey-results");

    // A period that ends before it starts: the error summary links the field.
    await page.getByLabel("Till och med").fill("2029-12-31");
    await submit(page, "Visa resultat");
    expect(await page.locator("[data-error-summary] a").allTextContents()).toEqual(["Slutdatumet kan inte vara före startdatumet."]);
    await checkA11y(page, "the results page with a bad period");
    await page.locator("[data-error-summary] a").click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("f-to");
    await screenshot(page, "survey-results-error");

    // The annual staff survey: long questions wrap, and year against year (years far from the
    // demo's campaigns, which are last year and this year).
    const staff = await responder("arlig-medarbetarenkat", "2045-10-01");
    for (const values of [
      [4, 3, 2, 3, 1],
      [3, 3, 2, 2, 1],
      [4, 4, 3, 3, 2],
      [2, 2, null, 1, 1],
      [3, 4, 3, 2, 2],
      [4, 3, 3, 4, 1],
    ])
      await staff("staff", values);
    const lastYear = await responder("arlig-medarbetarenkat", "2044-10-01");
    for (let i = 0; i < 5; i++) await lastYear("staff", [2, 2, 1, 2, 1]);
    await page.goto("/enkater/resultat?instrument=arlig-medarbetarenkat&from=2045-01-01&to=2045-12-31");
    await checkA11y(page, "the results of the staff survey in 2045");
    const years = page.getByRole("table", { name: "Antal svar och medelvärde per fråga och år" });
    expect(
      (
        await years
          .getByRole("row", { name: /Antal svar/ })
          .getByRole("cell")
          .allTextContents()
      ).map((c) => c.trim()),
    ).toEqual(["5", "6"]);
    await screenshot(page, "survey-results-staff");
  }, 240_000);
});
