/**
 * A caseworker types in a returned paper survey for a held Familjemöte 1 in a real browser, with
 * axe on every page: the link on the meeting page, the choice of survey, a missing role refused,
 * then the parent's answers saved and counted on the meeting page (counts only, never answers); and
 * the import of paper forms from a file: a bad row listed with its column and reason, then a good
 * file previewed and confirmed.
 */
import { and, eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import {
  meetings,
  processAssignments,
  processes,
  requestPersons,
  requests,
  surveyResponses,
  units,
  users,
} from "../src/db/schema/index.ts";
import { login, postForm, type TestApp } from "../test/helpers.ts";
import { checkA11y, describeBrowser, loginAs, logout, screenshot, useBrowserApp } from "./browser.ts";

async function submit(page: Page, button: string) {
  await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: button }).click()]);
}

const SOFIAMOTE = "2026-11-05";

/** A family decided at the Sofiamöte with its staff assigned, and Familjemöte 1 held with the parent and the child present. */
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
    "children.0.name": "Lilla Tolvansson",
    "children.0.birthDate": "2018-05-10",
    "children.0.gender": "girl",
    "children.0.unitId": unit?.id ?? "",
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
  const persons = await db.select({ id: requestPersons.id }).from(requestPersons).where(eq(requestPersons.requestId, requestId));
  const family = persons.map((p) => p.id);
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

describeBrowser("paper survey (browser)", () => {
  const env = useBrowserApp();

  it("a child caseworker enters a parent's paper survey for a held Familjemöte 1", async () => {
    const { processId, meetingId } = await heldMeeting(env.t);
    const page = await env.newPage();
    await loginAs(page, "barnhandlaggare");

    await page.goto(`/processer/${processId}/moten/${meetingId}`);
    expect(await page.getByText("Enkätsvar: 0 av 2 närvarande").count()).toBe(1);
    await checkA11y(page, "the held Familjemöte 1 with its survey part");
    await Promise.all([page.waitForEvent("load"), page.getByRole("link", { name: "Registrera en pappersenkät" }).click()]);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Registrera en pappersenkät – Familjemöte 1");
    await checkA11y(page, "the choice of survey");
    await Promise.all([page.waitForEvent("load"), page.getByRole("link", { name: "Enkät till föräldrar efter mötet" }).click()]);
    await checkA11y(page, "the parent's paper form");
    await screenshot(page, "paper-survey-form");

    // The role is missing: refused, with the answers kept.
    const item = (n: number, text: string) => page.getByRole("group", { name: `Fråga ${n}: ${text}` });
    await item(1, "Fick du tillräckligt med information?").getByLabel("4 – Jättenöjd").check();
    await submit(page, "Spara enkätsvaret");
    expect(await page.locator("[data-error-summary] a").allTextContents()).toEqual(["Välj vem som fyllde i enkäten."]);
    expect(await item(1, "Fick du tillräckligt med information?").getByLabel("4 – Jättenöjd").isChecked()).toBe(true);
    await checkA11y(page, "the paper form with an error");
    await screenshot(page, "paper-survey-error");

    await page.getByLabel("Förälder med missbruksproblem").check();
    await item(2, "Blev du tillräckligt lyssnad på?").getByLabel("3 – Nöjd").check();
    await item(3, "Hur kändes det att prata om alkohol och droger?").getByLabel("Vet inte / vill inte svara").check();
    await submit(page, "Spara enkätsvaret");
    await page.waitForURL(/klart=sparad$/);
    expect(await page.getByRole("status").first().textContent()).toContain("Enkätsvaret är sparat.");
    expect(await page.getByText("Enkätsvar: 1 av 2 närvarande").count()).toBe(1);
    await checkA11y(page, "the paper form after saving");
    await screenshot(page, "paper-survey-saved");

    // Stored once, as paper, with the role and nothing that names the parent.
    const stored = await env.t.database.db.select().from(surveyResponses).where(eq(surveyResponses.meetingId, meetingId));
    expect(stored.map((r) => [r.respondentRole, r.mode])).toEqual([["parent_with_problem", "paper"]]);

    await Promise.all([page.waitForEvent("load"), page.getByRole("link", { name: "Tillbaka till mötet" }).click()]);
    expect(await page.getByText("Enkätsvar: 1 av 2 närvarande").count()).toBe(1);
    await checkA11y(page, "the meeting page with one answer");
    await screenshot(page, "paper-survey-meeting");
    await logout(page);
    await checkA11y(page, "the login page after logging out");
  }, 240_000);

  it("a child caseworker imports paper surveys from a file: a bad row listed, then a good file previewed and confirmed", async () => {
    const { processId, meetingId } = await heldMeeting(env.t);
    const db = env.t.database.db;
    const [process] = await db.select().from(processes).where(eq(processes.id, processId));
    await db
      .update(requests)
      .set({ caseFileNumber: "IFO-2026-4711" })
      .where(eq(requests.id, process?.requestId ?? ""));
    const page = await env.newPage();
    await loginAs(page, "barnhandlaggare");
    await page.goto(`/processer/${processId}/moten/${meetingId}/enkat/papper`);
    await checkA11y(page, "the paper form's choice, with the import's link");
    await Promise.all([page.waitForEvent("load"), page.getByRole("link", { name: "Importera pappersenkäter från en fil" }).click()]);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Importera pappersenkäter");
    await checkA11y(page, "the import's upload");

    const header = "aktnummer;mötesdatum;roll;åldersgrupp;information;lyssnad-pa;prata-om-alkohol-droger;helhet";
    const upload = async (lines: string[]) => {
      await page.getByLabel("Enkät", { exact: true }).selectOption("sofia-4q-parent");
      await page.getByLabel("Fil (CSV eller XLSX, högst 2 MB och 1 000 rader)").setInputFiles({
        name: "enkater.csv",
        mimeType: "text/csv",
        buffer: Buffer.from([header, ...lines].join("\r\n")),
      });
      await submit(page, "Förhandsgranska");
    };
    await upload([
      "IFO-2026-4711;2026-11-18;Förälder med missbruksproblem;;4;3;3;4",
      "IFO-2026-4711;2026-11-19;Förälder med missbruksproblem;;4;3;3;4",
    ]);
    expect(await page.getByRole("heading", { name: "Ingenting kan importeras" }).count()).toBe(1);
    expect(await page.getByRole("row").filter({ hasText: "mötesdatum" }).allTextContents()).toEqual([
      "3mötesdatumFamiljen hade inget möte den dagen som följs av den här enkäten.",
    ]);
    await checkA11y(page, "the import's preview with a bad row");
    await screenshot(page, "paper-import-errors");
    expect(await db.select().from(surveyResponses).where(eq(surveyResponses.meetingId, meetingId))).toHaveLength(0);

    await Promise.all([page.waitForEvent("load"), page.getByRole("link", { name: "Ladda upp en annan fil" }).click()]);
    await checkA11y(page, "the import's upload again");
    await upload(["IFO-2026-4711;2026-11-18;Förälder med missbruksproblem;;4;3;vet inte;4"]);
    expect(await page.getByText("1 enkätsvar kan importeras").count()).toBe(1);
    await checkA11y(page, "the import's preview");
    await screenshot(page, "paper-import-preview");
    await submit(page, "Importera 1 enkätsvar");
    await page.waitForURL(/klart=importerad$/);
    expect(await page.getByRole("status").first().textContent()).toContain("Enkätsvaren är importerade.");
    await checkA11y(page, "the import's upload after importing");
    const stored = await db
      .select()
      .from(surveyResponses)
      .where(and(eq(surveyResponses.meetingId, meetingId), eq(surveyResponses.mode, "paper")));
    expect(stored.map((r) => [r.respondentRole, r.periodOn])).toEqual([["parent_with_problem", "2026-11-18"]]);
  }, 240_000);
});
