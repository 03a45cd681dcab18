/**
 * Audit rounds on a real PostgreSQL, through the pages and the API: laying up a round on the
 * published key version with codes 1, 2, 3 …, bad input storing nothing, a taken name, adding and
 * removing reviewers and focus families (a reviewed one is refused), a stale version, closing
 * (read only afterwards), the landing page per permission, the navigation, and the audit rows.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiCall, apiToken, type Browser, createTestApp, get, login, postForm, type TestApp } from "../../../test/helpers.ts";
import { auditFocusFamilies, auditLog, auditRoundReviewers, auditRounds, reviewKeys, reviewKeyVersions } from "../../db/schema/index.ts";
import { layUpRound, processIds, unitIds, userId } from "./test-setup.ts";

let t: TestApp;
let leader: Browser;
let processes: string[] = [];
let bo = "";
let sara = "";
let vera = "";
let leaderToken = "";
let reviewerToken = "";

beforeAll(async () => {
  t = await createTestApp();
  leader = await login(t.app, "processledare");
  processes = await processIds(t);
  bo = await userId(t, "barnhandlaggare");
  sara = await userId(t, "handlaggare.syd");
  vera = await userId(t, "vuxenhandlaggare");
  leaderToken = await apiToken(t, "processledare", ["audits.manage", "audits.results"]);
  reviewerToken = await apiToken(t, "barnhandlaggare", ["audits.review"]);
});
afterAll(() => t.close());

const roundCount = async () => (await t.database.db.select({ id: auditRounds.id }).from(auditRounds)).length;
const familiesOf = (roundId: string) =>
  t.database.db
    .select({ processId: auditFocusFamilies.processId, code: auditFocusFamilies.code })
    .from(auditFocusFamilies)
    .where(eq(auditFocusFamilies.roundId, roundId))
    .orderBy(auditFocusFamilies.code);
const versionOf = async (roundId: string) =>
  (await t.database.db.select({ v: auditRounds.version }).from(auditRounds).where(eq(auditRounds.id, roundId)))[0]?.v ?? 0;

describe("laying up a round", () => {
  it("offers the published key, the reviewers by name and unit and the processes without names", async () => {
    const res = await get(t.app, leader, "/aktgranskning/ny");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Granskningsnyckel Skarpnäck, version 1");
    expect(res.body).toContain("Bo Barnhandläggare (Barn och unga Norr)");
    expect(res.body).not.toContain("Anna Analytiker");
    expect(res.body).toContain(`value="${processes[0]}"`);
    expect(res.body).toMatch(/Förfrågan \d{4}-\d{2}-\d{2} · /);
  });

  it("stores the key's published version, the reviewers and codes 1, 2 … and audits it", async () => {
    const id = await layUpRound(t, leader, {
      name: "Hösten 2026",
      reviewerIds: [bo, sara],
      processIds: [processes[0] ?? "", processes[1] ?? ""],
    });
    const [round] = await t.database.db
      .select({ versionId: auditRounds.reviewKeyVersionId, status: auditRounds.status })
      .from(auditRounds)
      .where(eq(auditRounds.id, id));
    const [published] = await t.database.db
      .select({ id: reviewKeyVersions.id })
      .from(reviewKeyVersions)
      .innerJoin(reviewKeys, eq(reviewKeys.id, reviewKeyVersions.reviewKeyId))
      .where(and(eq(reviewKeys.key, "skarpnack"), eq(reviewKeyVersions.status, "published")));
    expect(round).toEqual({ versionId: published?.id, status: "open" });
    expect(await familiesOf(id)).toEqual([
      { processId: processes[0], code: 1 },
      { processId: processes[1], code: 2 },
    ]);
    const reviewers = await t.database.db.select().from(auditRoundReviewers).where(eq(auditRoundReviewers.roundId, id));
    expect(reviewers.map((r) => r.userId).sort()).toEqual([bo, sara].sort());
    const [row] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "audit_round.create"), eq(auditLog.recordId, id)));
    expect(row?.recordType).toBe("audit_round");

    const page = await get(t.app, leader, `/aktgranskning/${id}?klart=skapad`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Aktgranskningen är upplagd.");
    expect(page.body).toContain("Familj 1");
    expect(page.body).toContain("Familj 2");
    expect(page.body).toContain("Bo Barnhandläggare");
  });

  it("refuses bad input with field-linked errors and stores nothing", async () => {
    const before = await roundCount();
    const res = await postForm(t.app, leader, "/aktgranskning/ny", { name: "", reviewKey: "okand", reviewerIds: [], processIds: [] });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#f-name"');
    expect(res.body).toContain('href="#f-reviewerIds"');
    expect(res.body).toContain('href="#f-processIds"');
    const unknown = await postForm(t.app, leader, "/aktgranskning/ny", {
      name: "Okänd nyckel",
      reviewKey: "okand",
      reviewerIds: [bo],
      processIds: [processes[0] ?? ""],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain("Välj en granskningsnyckel som har en publicerad version");
    const analyst = await userId(t, "analytiker");
    const notReviewer = await postForm(t.app, leader, "/aktgranskning/ny", {
      name: "Fel granskare",
      reviewerIds: [analyst],
      processIds: [processes[0] ?? ""],
      reviewKey: "skarpnack",
    });
    expect(notReviewer.statusCode).toBe(400);
    expect(notReviewer.body).toContain("Välj granskare bland kommunens aktiva");
    const taken = await postForm(t.app, leader, "/aktgranskning/ny", {
      name: "hösten 2026",
      reviewerIds: [bo],
      processIds: [processes[0] ?? ""],
      reviewKey: "skarpnack",
    });
    expect(taken.statusCode).toBe(400);
    expect(taken.body).toContain("Det finns redan en aktgranskning med det namnet");
    expect(await roundCount()).toBe(before);
  });

  it("is for process leaders: a caseworker gets 403", async () => {
    const caseworker = await login(t.app, "barnhandlaggare");
    expect((await get(t.app, caseworker, "/aktgranskning/ny")).statusCode).toBe(403);
    const res = await postForm(t.app, caseworker, "/aktgranskning/ny", { name: "X", reviewerIds: [bo], processIds: [processes[0] ?? ""] });
    expect(res.statusCode).toBe(403);
  });
});

describe("changing a round", () => {
  it("adds and removes reviewers and families, new families get the next codes, a stale version is refused", async () => {
    const id = await layUpRound(t, leader, { name: "Ändras", reviewerIds: [bo], processIds: [processes[2] ?? "", processes[3] ?? ""] });
    const version = await versionOf(id);
    const res = await postForm(t.app, leader, `/aktgranskning/${id}/andra`, {
      name: "Ändrad",
      version: String(version),
      reviewerIds: [vera],
      processIds: [processes[3] ?? "", processes[4] ?? ""],
    });
    expect(res.statusCode).toBe(303);
    expect(await familiesOf(id)).toEqual([
      { processId: processes[3], code: 2 },
      { processId: processes[4], code: 3 },
    ]);
    const reviewers = await t.database.db.select().from(auditRoundReviewers).where(eq(auditRoundReviewers.roundId, id));
    expect(reviewers.map((r) => r.userId)).toEqual([vera]);
    const [row] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "audit_round.update"), eq(auditLog.recordId, id)));
    expect(row?.detail).toMatchObject({
      reviewersAdded: [vera],
      reviewersRemoved: [bo],
      familiesAdded: [{ processId: processes[4], code: 3 }],
    });

    const stale = await postForm(t.app, leader, `/aktgranskning/${id}/andra`, {
      name: "Gammal",
      version: String(version),
      reviewerIds: [vera],
      processIds: [processes[3] ?? ""],
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain("Någon annan har ändrat uppgifterna");
    expect(await familiesOf(id)).toHaveLength(2);
  });

  it("refuses to remove a focus family with reviewed documents", async () => {
    const id = await layUpRound(t, leader, {
      name: "Granskad familj",
      reviewerIds: [bo],
      processIds: [processes[5] ?? "", processes[6] ?? ""],
    });
    const families = await apiCall(t.app, "GET", `/api/v1/audit-rounds/${id}/families`, reviewerToken);
    expect(families.statusCode).toBe(200);
    const first = families.json().families.find((f: { code: number }) => f.code === 1);
    const [unit] = await unitIds(t);
    const doc = await apiCall(t.app, "POST", `/api/v1/audit-rounds/${id}/families/${first.id}/documents`, reviewerToken, {
      documentKind: "child-assignment",
      unitId: unit,
      answers: {
        "met-child": "yes",
        "child-views": "no",
        "joint-consultations": "yes",
        "joint-meetings": "partly",
        "needs-described": "yes",
      },
      overallRating: "none",
    });
    expect(doc.statusCode, doc.body).toBe(201);

    const version = await versionOf(id);
    const page = await postForm(t.app, leader, `/aktgranskning/${id}/andra`, {
      name: "Granskad familj",
      version: String(version),
      reviewerIds: [bo],
      processIds: [processes[6] ?? ""],
    });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain("En fokusfamilj som har granskade dokument kan inte tas bort");
    expect(page.body).toContain('href="#f-processIds"');
    const api = await apiCall(t.app, "PUT", `/api/v1/audit-rounds/${id}`, leaderToken, {
      name: "Granskad familj",
      version,
      reviewerIds: [bo],
      processIds: [processes[6]],
    });
    expect(api.statusCode).toBe(409);
    expect(api.headers["content-type"]).toContain("application/problem+json");
    expect(await familiesOf(id)).toHaveLength(2);
  });

  it("closes a round: read only afterwards, for the process leader and the reviewers", async () => {
    const id = await layUpRound(t, leader, { name: "Stängs", reviewerIds: [bo], processIds: [processes[7] ?? ""] });
    const version = await versionOf(id);
    // A close without a readable version is refused (400) with the stale alert; the round stays open.
    const unreadable = await postForm(t.app, leader, `/aktgranskning/${id}/stang`, { version: "x" });
    expect(unreadable.statusCode).toBe(400);
    expect(unreadable.body).toContain("Någon annan har ändrat uppgifterna");
    expect(await versionOf(id)).toBe(version);
    const res = await postForm(t.app, leader, `/aktgranskning/${id}/stang`, { version: String(version) });
    expect(res.statusCode).toBe(303);
    const [row] = await t.database.db
      .select({ status: auditRounds.status, closedAt: auditRounds.closedAt })
      .from(auditRounds)
      .where(eq(auditRounds.id, id));
    expect(row?.status).toBe("closed");
    expect(row?.closedAt).not.toBeNull();
    expect(
      await t.database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "audit_round.close"), eq(auditLog.recordId, id))),
    ).toHaveLength(1);

    const page = await get(t.app, leader, `/aktgranskning/${id}`);
    expect(page.body).toContain("Aktgranskningen är stängd och kan bara läsas.");
    expect(page.body).not.toContain(`/aktgranskning/${id}/stang`);
    const again = await postForm(t.app, leader, `/aktgranskning/${id}/andra`, {
      name: "Stängs",
      version: String(version + 1),
      reviewerIds: [bo],
      processIds: [processes[7] ?? ""],
    });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain("Aktgranskningen är stängd och kan inte ändras.");
    const closeAgain = await apiCall(t.app, "POST", `/api/v1/audit-rounds/${id}/close`, leaderToken, { version: version + 1 });
    expect(closeAgain.statusCode).toBe(409);
  });
});

describe("the landing page", () => {
  it("shows each user what they may do and the rounds they may see", async () => {
    const mine = await layUpRound(t, leader, { name: "Bara Bo", reviewerIds: [bo], processIds: [processes[8] ?? ""] });
    const other = await layUpRound(t, leader, { name: "Bara Vera", reviewerIds: [vera], processIds: [processes[9] ?? ""] });

    const asLeader = await get(t.app, leader, "/aktgranskning");
    expect(asLeader.statusCode).toBe(200);
    expect(asLeader.body).toContain('href="/aktgranskning/ny"');
    expect(asLeader.body).toContain('href="/aktgranskning/nycklar"');
    expect(asLeader.body).toContain(`href="/aktgranskning/${other}"`);

    const caseworker = await login(t.app, "barnhandlaggare");
    const asBo = await get(t.app, caseworker, "/aktgranskning");
    expect(asBo.statusCode).toBe(200);
    expect(asBo.body).toContain(`href="/aktgranskning/${mine}/granska"`);
    expect(asBo.body).not.toContain("Bara Vera");
    expect(asBo.body).not.toContain('href="/aktgranskning/ny"');
    expect(asBo.body).not.toContain("/resultat");

    const analyst = await login(t.app, "analytiker");
    const asAnalyst = await get(t.app, analyst, "/aktgranskning");
    expect(asAnalyst.body).toContain(`href="/aktgranskning/${other}/resultat"`);
    expect(asAnalyst.body).not.toContain("/granska");
    expect(asAnalyst.body).toContain('href="/aktgranskning" ');

    const list = await apiCall(t.app, "GET", "/api/v1/audit-rounds", reviewerToken);
    expect(list.statusCode).toBe(200);
    expect(list.json().map((r: { name: string }) => r.name)).toContain("Bara Bo");
    expect(list.json().map((r: { name: string }) => r.name)).not.toContain("Bara Vera");
    const noScope = await apiToken(t, "barnhandlaggare", ["processes.view"]);
    expect((await apiCall(t.app, "GET", "/api/v1/audit-rounds", noScope)).statusCode).toBe(403);
  });
});

describe("the API", () => {
  it("lays up, reads, changes and closes a round, with problem+json for bad input and 404 for an unknown round", async () => {
    const created = await apiCall(t.app, "POST", "/api/v1/audit-rounds", leaderToken, {
      name: "Via API",
      reviewKey: "skarpnack",
      reviewerIds: [bo],
      processIds: [processes[10], processes[11]],
    });
    expect(created.statusCode, created.body).toBe(201);
    const round = created.json();
    expect(round.reviewKey).toEqual({ key: "skarpnack", name: "Granskningsnyckel Skarpnäck", version: 1 });
    expect(round.familyList.map((f: { code: number }) => f.code)).toEqual([1, 2]);
    expect(JSON.stringify(round)).not.toMatch(/identityNumber|"persons"/);

    const bad = await apiCall(t.app, "POST", "/api/v1/audit-rounds", leaderToken, {
      name: "",
      reviewKey: "skarpnack",
      reviewerIds: [],
      processIds: [],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers["content-type"]).toContain("application/problem+json");
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(["name", "reviewerIds", "processIds"]));

    const changed = await apiCall(t.app, "PUT", `/api/v1/audit-rounds/${round.id}`, leaderToken, {
      name: "Via API ändrad",
      version: round.version,
      reviewerIds: [bo, vera],
      processIds: [processes[11], processes[12]],
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().familyList.map((f: { code: number; processId: string }) => [f.code, f.processId])).toEqual([
      [2, processes[11]],
      [3, processes[12]],
    ]);
    const stale = await apiCall(t.app, "PUT", `/api/v1/audit-rounds/${round.id}`, leaderToken, {
      name: "Via API",
      version: round.version,
      reviewerIds: [bo],
      processIds: [processes[11]],
    });
    expect(stale.statusCode).toBe(409);
    const closed = await apiCall(t.app, "POST", `/api/v1/audit-rounds/${round.id}/close`, leaderToken, { version: changed.json().version });
    expect(closed.statusCode).toBe(200);
    expect(closed.json().status).toBe("closed");
    expect((await apiCall(t.app, "GET", `/api/v1/audit-rounds/${crypto.randomUUID()}`, leaderToken)).statusCode).toBe(404);
    expect((await apiCall(t.app, "GET", `/api/v1/audit-rounds/${round.id}`, reviewerToken)).statusCode).toBe(403);
    const options = await apiCall(t.app, "GET", "/api/v1/audit-rounds/options", leaderToken);
    expect(options.json().keys).toEqual([{ key: "skarpnack", name: "Granskningsnyckel Skarpnäck", versionNumber: 1 }]);
  });
});
