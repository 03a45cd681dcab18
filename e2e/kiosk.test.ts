/**
 * The survey kiosk at a tablet (768×1024) with axe on every page: the child caseworker starts it
 * from a held Familjemöte 1 of a family with two parents (one with the problem) and two children
 * of 8 and 10; each of the four answers in turn, one question per screen, with the neutral
 * hand-back page between them; the app cannot be reached from the kiosk; the exit refuses a wrong
 * password and returns to the meeting with the right one, where the rate shows 4 of 4. One answer
 * meets a network hiccup (its POST aborted once): it is kept, resent and stored once.
 */
import { and, eq, isNotNull } from "drizzle-orm";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import {
  meetings,
  processAssignments,
  processes,
  requestPersons,
  requests,
  sessions,
  surveyInvitations,
  surveyResponses,
  units,
  users,
} from "../src/db/schema/index.ts";
import { login, postForm, TEST_PASSWORD, type TestApp } from "../test/helpers.ts";
import { checkA11y, describeBrowser, loginAs, screenshot, useBrowserApp, VIEWPORTS } from "./browser.ts";

const SOFIAMOTE = "2026-11-05";

/** The family decided at the Sofiamöte, staff assigned, and Familjemöte 1 held with all four present. */
async function heldMeeting(t: TestApp): Promise<{ processId: string; meetingId: string }> {
  const db = t.database.db;
  const id = async (username: string) => (await db.select({ id: users.id }).from(users).where(eq(users.username, username)))[0]?.id ?? "";
  const [unit] = await db.select({ id: units.id }).from(units).where(eq(units.name, "Barn och unga Norr"));
  const worker = await login(t.app, "barnhandlaggare");
  const res = await postForm(t.app, worker, "/forfragningar/ny", {
    requestDate: "2026-11-02",
    household: "together",
    custody: "joint",
    custodyHolder: "",
    reason: "Anmälan om oro för missbruk i hemmet.",
    "guardians.0.name": "Tolvan Tolvansson",
    "guardians.0.identityNumber": "19121212-1212",
    "guardians.0.relation": "parent",
    "guardians.0.substanceProblem": "yes",
    "guardians.0.attitude": "ambivalent",
    "guardians.1.name": "Elva Tolvansson",
    "guardians.1.identityNumber": "19851111-2347",
    "guardians.1.relation": "parent",
    "guardians.1.substanceProblem": "no",
    "guardians.1.attitude": "positive",
    "children.0.name": "Lilla Tolvansson",
    "children.0.birthDate": "2018-05-10",
    "children.0.gender": "girl",
    "children.0.unitId": unit?.id ?? "",
    "children.1.name": "Stora Tolvansson",
    "children.1.birthDate": "2016-03-01",
    "children.1.gender": "boy",
  });
  expect(res.statusCode).toBe(303);
  const requestId = /\/forfragningar\/([0-9a-f-]{36})/.exec(String(res.headers.location))?.[1] ?? "";
  const [request] = await db.select().from(requests).where(eq(requests.id, requestId));
  const leader = await login(t.app, "processledare");
  const decided = await postForm(t.app, leader, `/forfragningar/${requestId}/sofiamote`, {
    version: String(request?.version),
    meetingDate: SOFIAMOTE,
    decision: "continue",
    reason: "",
    reasonText: "",
  });
  expect(decided.statusCode).toBe(303);
  const [process] = await db.select().from(processes).where(eq(processes.requestId, requestId));
  const processId = process?.id ?? "";
  const staff = { child: await id("barnhandlaggare"), adult: await id("vuxenhandlaggare"), leader: await id("processledare") };
  await db.insert(processAssignments).values([
    { processId, role: "child_caseworker", userId: staff.child, assignedOn: SOFIAMOTE, assignedBy: staff.leader },
    { processId, role: "adult_caseworker", userId: staff.adult, assignedOn: SOFIAMOTE, assignedBy: staff.leader },
    { processId, role: "process_leader", userId: staff.leader, assignedOn: SOFIAMOTE, assignedBy: staff.leader },
  ]);
  const family = (await db.select({ id: requestPersons.id }).from(requestPersons).where(eq(requestPersons.requestId, requestId))).map(
    (p) => p.id,
  );
  const planned = await postForm(t.app, worker, `/processer/${processId}/moten/ny?typ=familjemote-1`, {
    plannedDate: "2026-11-18",
    plannedTime: "09:30",
    durationMinutes: "90",
    place: "Sofiarummet",
    invitedPersonIds: family,
    invitedUserIds: [staff.child, staff.adult],
  });
  expect(planned.statusCode).toBe(303);
  const meetingId = /\/moten\/([0-9a-f-]{36})/.exec(String(planned.headers.location))?.[1] ?? "";
  const [row] = await db.select().from(meetings).where(eq(meetings.id, meetingId));
  const held = await postForm(t.app, worker, `/processer/${processId}/moten/${meetingId}/halla`, {
    version: String(row?.version),
    heldOn: "2026-11-18",
    attendedPersonIds: family,
    attendedUserIds: [staff.child, staff.adult],
    "summary.discussed": "Metoden presenterades.",
    "summary.agreed": "",
    "summary.nextSteps": "",
  });
  expect(held.statusCode).toBe(303);
  return { processId, meetingId };
}

async function go(page: Page, click: () => Promise<void>) {
  await Promise.all([page.waitForEvent("load"), click()]);
}

/** One respondent's turn, one question per screen: the answers by label, "Nästa" between, "Skicka svaren" last. */
async function answerTurn(page: Page, labels: string[], name: string) {
  for (const [i, label] of labels.entries()) {
    const item = page.locator("[data-survey-item]:not([hidden])");
    expect(await item.count()).toBe(1);
    expect(await page.locator("[data-survey-progress]").textContent()).toBe(`Fråga ${i + 1} av ${labels.length}`);
    await item.locator("label", { hasText: label }).first().click();
    if (i === 0) {
      await checkA11y(page, `${name}: the first question`);
      await screenshot(page, `kiosk-${name}-question`);
    }
    if (i < labels.length - 1) await page.getByRole("button", { name: "Nästa" }).click();
  }
  await Promise.all([page.waitForURL(/\/kiosk(\?|$)/), page.getByRole("button", { name: "Skicka svaren" }).click()]);
  await page.waitForLoadState("load");
}

describeBrowser("survey kiosk (browser, tablet)", () => {
  const env = useBrowserApp();

  it("a family of four answers in turn on the caseworker's tablet, with a network hiccup on the way", async () => {
    const { processId, meetingId } = await heldMeeting(env.t);
    const db = env.t.database.db;
    const completeResponses = async () =>
      (
        await db
          .select()
          .from(surveyResponses)
          .where(and(eq(surveyResponses.meetingId, meetingId), eq(surveyResponses.complete, true)))
      ).length;
    const page = await env.newPage({ viewport: VIEWPORTS.tablet });
    await loginAs(page, "barnhandlaggare");

    // The caseworker starts the kiosk from the held meeting; the names are on this page only.
    await page.goto(`/processer/${processId}/moten/${meetingId}`);
    expect(await page.getByText("Enkätsvar: 0 av 4 närvarande").count()).toBe(1);
    await checkA11y(page, "the held meeting");
    await go(page, () => page.getByRole("link", { name: "Surfplatta: låt familjen svara här" }).click());
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Surfplatta – Familjemöte 1");
    const legends = await page.locator("fieldset legend").allTextContents();
    expect(legends).toEqual([
      "Tolvan Tolvansson – Förälder med missbruksproblem",
      "Elva Tolvansson – Förälder utan missbruksproblem",
      "Lilla Tolvansson – Barn (6–9 år)",
      "Stora Tolvansson – Barn (10–12 år)",
    ]);
    await checkA11y(page, "the kiosk's start page");
    await screenshot(page, "kiosk-start");
    await go(page, () => page.getByRole("button", { name: "Starta surfplattan" }).click());
    expect(new URL(page.url()).pathname).toBe("/kiosk");

    const turns = [
      { name: "parent-1", role: "Förälder", labels: ["Jättenöjd", "Nöjd", "Vet inte / vill inte svara", "Jättenöjd"] },
      { name: "parent-2", role: "Förälder", labels: ["Nöjd", "Nöjd", "Ganska nöjd", "Nöjd"] },
      { name: "child-1", role: "Barn", labels: ["Jättebra", "Bra", "Sådär", "Jättebra"] },
      { name: "child-2", role: "Barn", labels: ["Bra", "Vet inte / vill inte svara", "Bra", "Bra"] },
    ];
    for (const [n, turn] of turns.entries()) {
      // The family's page: their turn and role, the count, nothing about the family, no way into the app, no staff controls.
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Nu är det din tur");
      expect(await page.getByText(`${n} av 4 har svarat`).count()).toBe(1);
      expect(await page.getByText(`Du svarar som: ${turn.role}`).count()).toBe(1);
      expect(await page.getByRole("button", { name: "Hoppa över" }).count()).toBe(0);
      expect(await page.locator('input[type="password"]').count()).toBe(0);
      const text = (await page.locator("body").textContent()) ?? "";
      expect(text).not.toContain("Tolvansson");
      expect(text).not.toContain("Barnhandläggare");
      expect(await page.locator("nav").count()).toBe(0);
      await checkA11y(page, `the hand-back page before turn ${n + 1}`);
      if (n === 0) await screenshot(page, "kiosk-handback");

      if (n === 1) {
        // Someone tries to leave the kiosk for the app: the hand-back page again.
        await page.goto("/start");
        expect(new URL(page.url()).pathname).toBe("/kiosk");
        await checkA11y(page, "the hand-back page after trying /start");
        // This turn's answer meets a network hiccup: its final POST is aborted once.
        let aborted = false;
        await page.route("**/kiosk/svar/*", async (route) => {
          const request = route.request();
          if (!aborted && request.method() === "POST" && (request.postData() ?? "").includes("complete=1")) {
            aborted = true;
            return route.abort("internetdisconnected");
          }
          return route.continue();
        });
        await go(page, () => page.getByRole("link", { name: "Börja" }).click());
        await answerTurn(page, turn.labels, turn.name);
        expect(aborted).toBe(true);
        // Kept in the browser and sent again on the hand-back page: stored, once.
        await expect.poll(completeResponses, { timeout: 60_000 }).toBe(2);
        await page.unroute("**/kiosk/svar/*");
        await page.reload();
        continue;
      }
      await go(page, () => page.getByRole("link", { name: "Börja" }).click());
      expect(new URL(page.url()).pathname).toBe(`/kiosk/svar/${n + 1}`);
      await answerTurn(page, turn.labels, turn.name);
      expect(await completeResponses()).toBe(n + 1);
    }

    // Everyone has answered: thanks, and the exit for the staff member.
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Tack! Alla har svarat. Lämna tillbaka surfplattan.");
    expect(await page.getByText("4 av 4 har svarat").count()).toBe(1);
    await checkA11y(page, "the hand-back page when all have answered");
    await screenshot(page, "kiosk-done");

    await page.locator("#f-password").fill("inte-mitt-losenord");
    await go(page, () => page.getByRole("button", { name: "Avsluta" }).click());
    expect(new URL(page.url()).pathname).toBe("/kiosk/avsluta");
    expect(await page.locator("[data-error-summary] a").allTextContents()).toEqual([
      "Lösenordet stämmer inte. Surfplattan är fortfarande låst.",
    ]);
    await checkA11y(page, "the exit with a wrong password");
    await screenshot(page, "kiosk-exit-wrong");
    await page.goto(`/processer/${processId}/moten/${meetingId}`);
    expect(new URL(page.url()).pathname).toBe("/kiosk");
    await checkA11y(page, "still the kiosk after a wrong password");

    await page.locator("#f-password").fill(TEST_PASSWORD);
    await go(page, () => page.getByRole("button", { name: "Avsluta" }).click());
    expect(new URL(page.url()).pathname).toBe(`/processer/${processId}/moten/${meetingId}`);
    expect(await page.getByText("Enkätsvar: 4 av 4 närvarande").count()).toBe(1);
    await checkA11y(page, "the meeting page after the kiosk");
    await screenshot(page, "kiosk-meeting-after");

    const stored = await db.select().from(surveyResponses).where(eq(surveyResponses.meetingId, meetingId));
    expect(stored.map((r) => [r.mode, r.respondentRole, r.ageBand, r.complete]).sort()).toEqual([
      ["kiosk", "child", "10–12", true],
      ["kiosk", "child", "6–9", true],
      ["kiosk", "parent_with_problem", null, true],
      ["kiosk", "parent_without_problem", null, true],
    ]);
  }, 240_000);

  it("a restarted kiosk does not offer the parent who answered; the staff controls need the password", async () => {
    const { processId, meetingId } = await heldMeeting(env.t);
    const db = env.t.database.db;
    const page = await env.newPage({ viewport: VIEWPORTS.tablet });
    await loginAs(page, "barnhandlaggare");
    const person = (name: string) => page.locator("[data-respondent]", { hasText: name });

    // The first kiosk: only the parent with the problem answers.
    await page.goto(`/processer/${processId}/moten/${meetingId}/surfplatta`);
    for (const other of ["Elva Tolvansson", "Lilla Tolvansson", "Stora Tolvansson"]) await person(other).getByLabel("Svarar nu").uncheck();
    await go(page, () => page.getByRole("button", { name: "Starta surfplattan" }).click());
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Nu är det din tur");
    expect(await page.getByText("Du svarar som: Förälder").count()).toBe(1);
    await checkA11y(page, "the family's turn page");
    await go(page, () => page.getByRole("link", { name: "Börja" }).click());
    await answerTurn(page, ["Nöjd", "Nöjd", "Nöjd", "Nöjd"], "restart-parent");
    expect(await page.getByText("1 av 4 har svarat").count()).toBe(1);
    await checkA11y(page, "the done page of the first kiosk");
    await page.locator("#f-password").fill(TEST_PASSWORD);
    await go(page, () => page.getByRole("button", { name: "Avsluta" }).click());
    expect(await page.getByText("Enkätsvar: 1 av 4 närvarande").count()).toBe(1);
    await checkA11y(page, "the meeting page after the first kiosk");

    // The restart: the parent who answered is shown as answered and cannot be chosen; the others are ticked.
    await go(page, () => page.getByRole("link", { name: "Surfplatta: låt familjen svara här" }).click());
    expect(await person("Tolvan Tolvansson").getByText("Har redan svarat efter mötet").count()).toBe(1);
    expect(await person("Tolvan Tolvansson").locator("input").count()).toBe(0);
    for (const other of ["Elva Tolvansson", "Lilla Tolvansson", "Stora Tolvansson"]) {
      expect(await person(other).getByLabel("Svarar nu").isChecked()).toBe(true);
    }
    await checkA11y(page, "the restart form with one answered");
    await screenshot(page, "kiosk-restart");
    await go(page, () => page.getByRole("button", { name: "Starta surfplattan" }).click());

    // The kiosk counts as the meeting page does: 1 of 4, not 0 of 3.
    expect(await page.getByText("1 av 4 har svarat").count()).toBe(1);
    const [second] = await db.select().from(sessions).where(isNotNull(sessions.kioskSessionId));
    const turns = await db
      .select()
      .from(surveyInvitations)
      .where(eq(surveyInvitations.kioskSessionId, second?.kioskSessionId ?? ""));
    expect(turns.map((i) => i.respondentRole).sort()).toEqual(["child", "child", "parent_without_problem"]);

    // Staff skip the next person behind the staff unlock: a wrong password skips nothing.
    await go(page, () => page.getByRole("link", { name: "För personalen" }).click());
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("För personalen");
    await checkA11y(page, "the staff page");
    await page.locator("#f-password").fill("inte-mitt-losenord");
    await go(page, () => page.getByRole("button", { name: "Hoppa över nästa person (Förälder)" }).click());
    expect(await page.locator("[data-error-summary] a").allTextContents()).toEqual([
      "Lösenordet stämmer inte. Surfplattan är fortfarande låst.",
    ]);
    await checkA11y(page, "the staff page with a wrong password");
    await page.locator("#f-password").fill(TEST_PASSWORD);
    await go(page, () => page.getByRole("button", { name: "Hoppa över nästa person (Förälder)" }).click());
    expect(new URL(page.url()).pathname).toBe("/kiosk");
    expect(await page.getByText("Personen hoppades över.").count()).toBe(1);
    expect(await page.getByText("Du svarar som: Barn").count()).toBe(1);
    await checkA11y(page, "the next turn after a skip");

    // The staff member ends the kiosk from the staff page.
    await go(page, () => page.getByRole("link", { name: "För personalen" }).click());
    await page.locator("#f-password").fill(TEST_PASSWORD);
    await go(page, () => page.getByRole("button", { name: "Avsluta", exact: true }).click());
    expect(new URL(page.url()).pathname).toBe(`/processer/${processId}/moten/${meetingId}`);
    expect(await page.getByText("Enkätsvar: 1 av 4 närvarande").count()).toBe(1);
    await checkA11y(page, "the meeting page after the second kiosk");
  }, 240_000);
});
