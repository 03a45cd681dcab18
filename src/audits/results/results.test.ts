/**
 * The results of a round on a real PostgreSQL, through the page, the CSV and the API: exact counts
 * per kind and question, a kind under the minimum hidden with its comments, the kind the total
 * would give away hidden too, no family code, name or reviewer, who may see them, and the
 * statistics-view audit row.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiCall, apiToken, type Browser, createTestApp, get, login, type TestApp } from "../../../test/helpers.ts";
import { auditFocusFamilies, auditLog } from "../../db/schema/index.ts";
import { questionsFor, skarpnackKey } from "../keys/index.ts";
import { layUpRound, personsOfProcess, processIds, setMinGroupSize, unitIds, userId } from "../rounds/test-setup.ts";

let t: TestApp;
let leader: Browser;
let roundId = "";
let processes: string[] = [];
let reviewerToken = "";

async function review(familyId: string, kind: string, answers: Record<string, string>, rating: string, comment: string | null) {
  const [unit] = await unitIds(t);
  const all = Object.fromEntries(questionsFor(skarpnackKey, kind).map((q) => [q.key, answers[q.key] ?? "not_applicable"]));
  const res = await apiCall(t.app, "POST", `/api/v1/audit-rounds/${roundId}/families/${familyId}/documents`, reviewerToken, {
    documentKind: kind,
    unitId: unit,
    answers: all,
    overallRating: rating,
    comment,
  });
  expect(res.statusCode, res.body).toBe(201);
}

beforeAll(async () => {
  t = await createTestApp();
  await setMinGroupSize(t, 3);
  leader = await login(t.app, "processledare");
  processes = await processIds(t);
  const bo = await userId(t, "barnhandlaggare");
  reviewerToken = await apiToken(t, "barnhandlaggare", ["audits.review"]);
  roundId = await layUpRound(t, leader, { name: "Resultat", reviewerIds: [bo], processIds: processes.slice(0, 4) });
  const families = await t.database.db
    .select({ id: auditFocusFamilies.id, code: auditFocusFamilies.code })
    .from(auditFocusFamilies)
    .where(eq(auditFocusFamilies.roundId, roundId))
    .orderBy(auditFocusFamilies.code);
  const f = (code: number) => families.find((x) => x.code === code)?.id ?? "";
  // Four child investigations, three adult investigations, one child assignment.
  await review(f(1), "child-investigation", { "met-child": "yes" }, "every-step", "Barnets röst syns tydligt.");
  await review(f(2), "child-investigation", { "met-child": "yes" }, "none", null);
  await review(f(3), "child-investigation", { "met-child": "partly" }, "none", "Saknar plan.");
  await review(f(4), "child-investigation", { "met-child": "no" }, "some-meetings", null);
  await review(f(1), "adult-investigation", { "child-impact-analysis": "yes" }, "none", "Vuxenkommentar");
  await review(f(2), "adult-investigation", { "child-impact-analysis": "yes" }, "none", null);
  await review(f(3), "adult-investigation", { "child-impact-analysis": "no" }, "none", null);
  await review(f(4), "child-assignment", { "met-child": "yes" }, "none", "Uppdragskommentar");
});
afterAll(() => t.close());

describe("the results", () => {
  it("counts per kind and question and hides the small kind, the kind the total would reveal, and their comments", async () => {
    const analyst = await apiToken(t, "analytiker", ["audits.results"]);
    const res = await apiCall(t.app, "GET", `/api/v1/audit-rounds/${roundId}/results`, analyst);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.minGroupSize).toBe(3);
    expect(r.total).toBe(8);
    const byKey = Object.fromEntries(r.kinds.map((k: { key: string }) => [k.key, k]));
    const child = byKey["child-investigation"];
    expect(child.n).toBe(4);
    expect(child.questions.find((q: { key: string }) => q.key === "met-child")).toMatchObject({
      counts: { yes: 2, partly: 1, no: 1, not_applicable: 0 },
      applicable: 4,
      yesShare: 0.5,
      partlyShare: 0.25,
      suppressed: false,
    });
    expect(child.ratings.map((x: { n: number }) => x.n)).toEqual([1, 0, 1, 2]);
    expect(child.comments).toHaveLength(2);
    expect(child.comments).toEqual(expect.arrayContaining(["Barnets röst syns tydligt.", "Saknar plan."]));
    // 1 child assignment < 3: hidden; the total 8 would then give it away through the 3 adult investigations.
    expect(byKey["child-assignment"]).toMatchObject({ n: null, suppressed: true, comments: [] });
    expect(byKey["adult-investigation"]).toMatchObject({ n: null, suppressed: true, comments: [] });
    expect(byKey["adult-investigation"].questions[0].counts).toBeNull();
    expect(byKey["adult-assignment"]).toMatchObject({ n: 0, suppressed: false });

    const [row] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "audit_results.view"), eq(auditLog.recordId, roundId)));
    expect(row?.detail).toEqual({ statistics: true });
    expect(row?.subjectPersonId).toBeNull();
  });

  it("shows the page and the CSV without family codes, names, reviewers or hidden comments", async () => {
    const analyst = await login(t.app, "analytiker");
    const page = await get(t.app, analyst, `/aktgranskning/${roundId}/resultat`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Ja i 2 av 4, delvis i 1");
    expect(page.body).toContain("Barnets röst syns tydligt.");
    expect(page.body).not.toContain("Vuxenkommentar");
    expect(page.body).not.toContain("Uppdragskommentar");
    expect(page.body).not.toContain("Familj 1");
    expect(page.body).not.toContain("Bo Barnhandläggare");
    for (const p of await personsOfProcess(t, processes[0] ?? "")) expect(page.body).not.toContain(p.name);
    expect(page.body).toContain("..");

    const csv = await get(t.app, analyst, `/aktgranskning/${roundId}/resultat/csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.body).toContain("Barnutredning;4;Har handläggaren träffat barnet?;2;1;1;0;");
    expect(csv.body).toContain("Vuxenutredning;..;Har en barnkonsekvensanalys gjorts?;..;..;..;..;..;..");
    expect(csv.body).not.toContain("Barnets röst");
  });

  it("is for results readers: the process leader and the analyst see them, a caseworker is refused, an unknown round is not found", async () => {
    expect((await get(t.app, leader, `/aktgranskning/${roundId}/resultat`)).statusCode).toBe(200);
    const caseworker = await login(t.app, "barnhandlaggare");
    expect((await get(t.app, caseworker, `/aktgranskning/${roundId}/resultat`)).statusCode).toBe(403);
    expect((await get(t.app, leader, `/aktgranskning/${crypto.randomUUID()}/resultat`)).statusCode).toBe(404);
  });
});
