/**
 * Reviewing on a real PostgreSQL: a reviewer sees only the focus families of the rounds they are
 * appointed to (names and birth dates, never an identity number, each display audited); anyone
 * else gets 404 and an analyst 403; a document with one answer missing stores nothing and links
 * the error to the question; a complete one is stored with its answers; a stale edit is a 409;
 * a closed round is read only; the API refuses an answer the key does not ask.
 */
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiCall, apiToken, type Browser, createTestApp, get, login, postForm, type TestApp } from "../../../test/helpers.ts";
import { auditAnswers, auditDocuments, auditFocusFamilies, auditLog, auditRounds } from "../../db/schema/index.ts";
import { questionsFor, skarpnackKey } from "../keys/index.ts";
import { layUpRound, personsOfProcess, processIds, unitIds, userId } from "../rounds/test-setup.ts";

let t: TestApp;
let leader: Browser;
let reviewer: Browser;
let processes: string[] = [];
let roundId = "";
let otherRoundId = "";
let familyId = "";
let otherFamilyId = "";
let unit = "";

const familyPath = () => `/aktgranskning/${roundId}/granska/familjer/${familyId}`;
const documentCount = async () =>
  (await t.database.db.select({ id: auditDocuments.id }).from(auditDocuments).where(eq(auditDocuments.focusFamilyId, familyId))).length;

/** Every question of the kind answered, as the form sends it. */
function answers(kind: string, value = "yes"): Record<string, string> {
  return Object.fromEntries(questionsFor(skarpnackKey, kind).map((q) => [`answers.${q.key}`, value]));
}

beforeAll(async () => {
  t = await createTestApp();
  leader = await login(t.app, "processledare");
  reviewer = await login(t.app, "barnhandlaggare");
  processes = await processIds(t);
  const bo = await userId(t, "barnhandlaggare");
  const vera = await userId(t, "vuxenhandlaggare");
  roundId = await layUpRound(t, leader, { name: "Granskas", reviewerIds: [bo], processIds: [processes[0] ?? "", processes[1] ?? ""] });
  otherRoundId = await layUpRound(t, leader, { name: "Inte Bos", reviewerIds: [vera], processIds: [processes[2] ?? ""] });
  const families = await t.database.db
    .select({ id: auditFocusFamilies.id, roundId: auditFocusFamilies.roundId, code: auditFocusFamilies.code })
    .from(auditFocusFamilies)
    .where(inArray(auditFocusFamilies.roundId, [roundId, otherRoundId]));
  familyId = families.find((f) => f.roundId === roundId && f.code === 1)?.id ?? "";
  otherFamilyId = families.find((f) => f.roundId === otherRoundId)?.id ?? "";
  unit = (await unitIds(t))[0] ?? "";
});
afterAll(() => t.close());

describe("what a reviewer sees", () => {
  it("shows the focus families as Familj N with names and birth dates, no identity numbers, and audits each person shown", async () => {
    const persons = await personsOfProcess(t, processes[0] ?? "");
    const res = await get(t.app, reviewer, `/aktgranskning/${roundId}/granska`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Familj 1");
    expect(res.body).toContain("Familj 2");
    for (const p of persons) {
      expect(res.body).toContain(p.name);
      expect(res.body).toContain(p.birthDate);
      if (p.identityNumber) expect(res.body).not.toContain(p.identityNumber);
    }
    const rows = await t.database.db
      .select({ subjects: auditLog.subjectPersonIds, detail: auditLog.detail })
      .from(auditLog)
      .where(eq(auditLog.action, "audit_family.view"));
    // One row for the view names every person shown, with the family's process (decision 0051).
    const shownIn = (r: (typeof rows)[number]) => (r.detail as { families: Array<{ processId: string }> }).families.map((f) => f.processId);
    for (const p of persons) expect(rows.some((r) => r.subjects.includes(p.id) && shownIn(r).includes(processes[0] ?? ""))).toBe(true);
    expect(rows[0]?.detail).toMatchObject({ roundId });

    const family = await get(t.app, reviewer, familyPath());
    expect(family.statusCode).toBe(200);
    expect(family.body).toContain(persons[0]?.name ?? "???");
    expect(family.body).not.toContain("Processens status");
  });

  it("is not found for a caseworker who is not a reviewer, nor for another round's family; an analyst is refused", async () => {
    const sara = await login(t.app, "handlaggare.syd");
    expect((await get(t.app, sara, `/aktgranskning/${roundId}/granska`)).statusCode).toBe(404);
    expect((await get(t.app, sara, familyPath())).statusCode).toBe(404);
    // The process leader manages the round but is not one of its reviewers.
    expect((await get(t.app, leader, `/aktgranskning/${roundId}/granska`)).statusCode).toBe(404);
    expect((await get(t.app, reviewer, `/aktgranskning/${otherRoundId}/granska`)).statusCode).toBe(404);
    expect((await get(t.app, reviewer, `/aktgranskning/${roundId}/granska/familjer/${otherFamilyId}`)).statusCode).toBe(404);
    expect((await get(t.app, reviewer, `/aktgranskning/${roundId}/granska/familjer/nonsense`)).statusCode).toBe(404);
    const analyst = await login(t.app, "analytiker");
    expect((await get(t.app, analyst, `/aktgranskning/${roundId}/granska`)).statusCode).toBe(403);
    expect((await get(t.app, reviewer, `/aktgranskning/${roundId}`)).statusCode).toBe(403);
    const saraToken = await apiToken(t, "handlaggare.syd", ["audits.review"]);
    const api = await apiCall(t.app, "GET", `/api/v1/audit-rounds/${roundId}/families`, saraToken);
    expect(api.statusCode).toBe(404);
    expect(api.headers["content-type"]).toContain("application/problem+json");
  });
});

describe("recording a reviewed document", () => {
  it("offers the key's kinds, then the kind's questions with the comment hint", async () => {
    const choose = await get(t.app, reviewer, `${familyPath()}/dokument/ny`);
    expect(choose.statusCode).toBe(200);
    expect(choose.body).toContain("?typ=child-investigation");
    const form = await get(t.app, reviewer, `${familyPath()}/dokument/ny?typ=adult-investigation`);
    expect(form.body).toContain("Har en barnkonsekvensanalys gjorts?");
    expect(form.body).not.toContain("Har handläggaren träffat barnet?");
    expect(form.body).toContain("Skriv inga namn eller personnummer i kommentaren");
    // An identity number stands alone; an id (a uuid such as 12345678-1234-…) is not one.
    expect(form.body).not.toMatch(/Familj 1[^<]*<\/h1>[\s\S]*?(?<![\w-])\d{8}-\d{4}(?![\w-])/);
  });

  it("stores nothing when one answer is missing and links the error to that question", async () => {
    const fields = {
      documentKind: "child-investigation",
      unitId: unit,
      overallRating: "none",
      comment: "",
      ...answers("child-investigation"),
    };
    delete (fields as Record<string, string>)["answers.met-child"];
    const res = await postForm(t.app, reviewer, `${familyPath()}/dokument/ny`, fields);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#f-answers-met-child"');
    expect(res.body).toContain("Har handläggaren träffat barnet?: Svara på frågan");
    // What the reviewer had chosen is still there.
    expect(res.body).toMatch(/name="answers\.child-informed" value="yes" checked/);
    expect(await documentCount()).toBe(0);
  });

  it("stores a complete document with all its answers, audited, and edits it with a version", async () => {
    const res = await postForm(t.app, reviewer, `${familyPath()}/dokument/ny`, {
      documentKind: "child-investigation",
      unitId: unit,
      overallRating: "some-meetings",
      comment: "Planen saknar datum.",
      ...answers("child-investigation"),
      "answers.met-child": "partly",
    });
    expect(res.statusCode, res.body.slice(0, 3000)).toBe(303);
    const [doc] = await t.database.db.select().from(auditDocuments).where(eq(auditDocuments.focusFamilyId, familyId));
    expect(doc).toMatchObject({
      documentKind: "child-investigation",
      unitId: unit,
      overallRating: "some-meetings",
      comment: "Planen saknar datum.",
      version: 1,
    });
    const stored = await t.database.db
      .select()
      .from(auditAnswers)
      .where(eq(auditAnswers.documentId, doc?.id ?? ""));
    expect(stored).toHaveLength(6);
    expect(stored.find((a) => a.questionKey === "met-child")?.answer).toBe("partly");
    expect(
      await t.database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "audit_document.create"), eq(auditLog.recordId, doc?.id ?? ""))),
    ).toHaveLength(1);

    const path = `${familyPath()}/dokument/${doc?.id}`;
    const edit = await get(t.app, reviewer, path);
    expect(edit.body).toMatch(/name="answers\.met-child" value="partly" checked/);
    const saved = await postForm(t.app, reviewer, path, {
      version: "1",
      unitId: unit,
      overallRating: "every-step",
      comment: "",
      ...answers("child-investigation", "no"),
    });
    expect(saved.statusCode).toBe(303);
    const stale = await postForm(t.app, reviewer, path, {
      version: "1",
      unitId: unit,
      overallRating: "none",
      comment: "",
      ...answers("child-investigation"),
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain("Någon annan har ändrat uppgifterna");
    expect(stale.body).toContain("Ladda om sidan");
    const [after] = await t.database.db
      .select()
      .from(auditDocuments)
      .where(eq(auditDocuments.id, doc?.id ?? ""));
    expect(after).toMatchObject({ overallRating: "every-step", comment: null, version: 2 });
    const answersAfter = await t.database.db
      .select()
      .from(auditAnswers)
      .where(eq(auditAnswers.documentId, doc?.id ?? ""));
    expect(answersAfter.every((a) => a.answer === "no")).toBe(true);
  });

  it("refuses over the API an answer to a question not asked of the kind, an unknown rating, and stores nothing", async () => {
    const token = await apiToken(t, "barnhandlaggare", ["audits.review"]);
    const before = await documentCount();
    const body = {
      documentKind: "child-investigation",
      unitId: unit,
      answers: {
        ...Object.fromEntries(questionsFor(skarpnackKey, "child-investigation").map((q) => [q.key, "yes"])),
        "child-impact-analysis": "yes",
      },
      overallRating: "excellent",
    };
    const res = await apiCall(t.app, "POST", `/api/v1/audit-rounds/${roundId}/families/${familyId}/documents`, token, body);
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(
      res
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(["answers.child-impact-analysis", "overallRating"]);
    expect(await documentCount()).toBe(before);

    const ok = await apiCall(t.app, "POST", `/api/v1/audit-rounds/${roundId}/families/${familyId}/documents`, token, {
      documentKind: "adult-assignment",
      unitId: unit,
      answers: Object.fromEntries(questionsFor(skarpnackKey, "adult-assignment").map((q) => [q.key, "not_applicable"])),
      overallRating: "none",
      comment: null,
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const family = await apiCall(t.app, "GET", `/api/v1/audit-rounds/${roundId}/families/${familyId}`, token);
    expect(family.json().documents).toHaveLength(before + 1);
    expect(JSON.stringify(family.json())).not.toContain("identityNumber");
    const stale = await apiCall(t.app, "PUT", `/api/v1/audit-rounds/${roundId}/families/${familyId}/documents/${ok.json().id}`, token, {
      unitId: unit,
      answers: ok.json().answers,
      overallRating: "none",
      version: 7,
    });
    expect(stale.statusCode).toBe(409);
  });

  it("is read only when the round is closed", async () => {
    const [round] = await t.database.db.select({ version: auditRounds.version }).from(auditRounds).where(eq(auditRounds.id, roundId));
    expect((await postForm(t.app, leader, `/aktgranskning/${roundId}/stang`, { version: String(round?.version) })).statusCode).toBe(303);
    const before = await documentCount();
    const res = await postForm(t.app, reviewer, `${familyPath()}/dokument/ny`, {
      documentKind: "child-assignment",
      unitId: unit,
      overallRating: "none",
      ...answers("child-assignment"),
    });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain("Aktgranskningen är stängd och kan inte ändras.");
    expect(await documentCount()).toBe(before);
    const page = await get(t.app, reviewer, familyPath());
    expect(page.body).toContain("Aktgranskningen är stängd: svaren kan bara läsas.");
    expect(page.body).not.toContain("/dokument/ny");
    const [doc] = await t.database.db
      .select({ id: auditDocuments.id })
      .from(auditDocuments)
      .where(eq(auditDocuments.focusFamilyId, familyId));
    const show = await get(t.app, reviewer, `${familyPath()}/dokument/${doc?.id}`);
    expect(show.statusCode).toBe(200);
    expect(show.body).not.toContain('<form method="post" action="/aktgranskning');
  });
});
