/**
 * The seeded indicators evaluated by PostgreSQL on a small fixture whose every figure is counted by
 * hand below: two periods, boundaries, an empty period, a breakdown, another municipality's data.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/helpers.ts";
import * as s from "../../db/schema/index.ts";
import type { Database } from "../../platform/database.ts";
import { seedSurveyInstruments } from "../../surveys/index.ts";
import { seedWorkModels } from "../../workmodels/index.ts";
import { counts, seeded } from "../testing.ts";
import { definitionSchema } from "./model.ts";
import { evaluate, type Period } from "./sql.ts";

let database: Database & { drop(): Promise<void> };
let municipalityId: string;

const current: Period = { key: "current", from: "2026-01-01", to: "2026-06-30" };
const previous: Period = { key: "previous", from: "2025-07-01", to: "2025-12-31" };
/** The day the fixture is counted on (a stop due before it and not held is overdue): fixed, like its dates. */
const AS_OF = "2026-12-06";
const empty: Period = { key: "empty", from: "2020-01-01", to: "2020-12-31" };

interface FamilyFixture {
  requestDate: string;
  decision: "new" | "continued" | "stopped";
  meetingDate?: string;
  process?: {
    phase: "not_started" | "started" | "halfway" | "completed";
    status: "active" | "interrupted" | "completed";
    startedOn?: string;
    halfwayOn?: string;
    completedOn?: string;
    interruptedIn?: "not_started" | "started" | "halfway";
    support?: "granted" | "applied";
    firstFamilyMeeting?: string;
  };
  child?: { birthDate: string; gender: "girl" | "boy"; childMeeting?: string; consentRefused?: boolean };
}

async function addFamily(db: Database["db"], municipality: string, userId: string, versionId: string, f: FamilyFixture) {
  const [request] = await db
    .insert(s.requests)
    .values({
      municipalityId: municipality,
      requestDate: f.requestDate,
      household: "together",
      custody: "joint",
      reason: "Testfamilj",
      status: f.decision,
      meetingDate: f.meetingDate ?? null,
      registeredBy: userId,
    })
    .returning({ id: s.requests.id });
  if (!request) throw new Error("no request");
  const [parent] = await db
    .insert(s.requestPersons)
    .values({ requestId: request.id, kind: "guardian", position: 1, name: "Förälder", birthDate: "1985-01-01", substanceProblem: "yes" })
    .returning({ id: s.requestPersons.id });
  const child = f.child
    ? (
        await db
          .insert(s.requestPersons)
          .values({ requestId: request.id, kind: "child", position: 2, name: "Barn", birthDate: f.child.birthDate, gender: f.child.gender })
          .returning({ id: s.requestPersons.id })
      )[0]
    : undefined;
  const p = f.process;
  if (!p || !parent) return;
  const [proc] = await db
    .insert(s.processes)
    .values({
      requestId: request.id,
      municipalityId: municipality,
      workModelVersionId: versionId,
      phase: p.phase,
      status: p.status,
      startedOn: p.startedOn ?? null,
      halfwayOn: p.halfwayOn ?? null,
      completedOn: p.completedOn ?? null,
    })
    .returning({ id: s.processes.id });
  if (!proc) throw new Error("no process");
  if (p.interruptedIn) {
    await db
      .insert(s.processInterruptions)
      .values({ processId: proc.id, interruptedOn: f.requestDate, reason: "declined", phase: p.interruptedIn, interruptedBy: userId });
  }
  if (p.support) {
    await db.insert(s.supportMeasures).values({
      processId: proc.id,
      personId: parent.id,
      kind: "outpatient",
      appliedOn: "2026-04-01",
      grantedOn: p.support === "granted" ? "2026-04-15" : null,
      recordedBy: userId,
    });
  }
  if (p.firstFamilyMeeting) {
    await db
      .insert(s.meetings)
      .values({ processId: proc.id, meetingTypeKey: "familjemote-1", status: "held", heldOn: p.firstFamilyMeeting });
    // A Sofiamöte and a planned meeting never count as the first family meeting.
    await db
      .insert(s.meetings)
      .values({ processId: proc.id, meetingTypeKey: "familjemote-2", status: "planned", plannedDate: "2026-06-01" });
  }
  if (child && f.child?.childMeeting) {
    await db.insert(s.meetings).values({
      processId: proc.id,
      meetingTypeKey: "barnmote",
      childId: child.id,
      status: "held",
      heldOn: f.child.childMeeting,
      consent: "given",
    });
  }
  if (child && f.child?.consentRefused) {
    await db
      .insert(s.meetings)
      .values({ processId: proc.id, meetingTypeKey: "barnmote", childId: child.id, status: "cancelled", consent: "refused" });
  }
}

async function addMunicipality(db: Database["db"], name: string) {
  const [m] = await db.insert(s.municipalities).values({ name, code: "" }).returning({ id: s.municipalities.id });
  if (!m) throw new Error("no municipality");
  const [u] = await db
    .insert(s.users)
    .values({ municipalityId: m.id, username: `u-${name}`, displayName: name })
    .returning({ id: s.users.id });
  if (!u) throw new Error("no user");
  await seedWorkModels(db, m.id);
  await seedSurveyInstruments(db, m.id);
  const [v] = await db
    .select({ id: s.workModelVersions.id })
    .from(s.workModelVersions)
    .innerJoin(s.workModels, eq(s.workModels.id, s.workModelVersions.workModelId))
    .where(and(eq(s.workModels.municipalityId, m.id), eq(s.workModels.key, "sofiamodellen")));
  if (!v) throw new Error("no work model");
  return { municipality: m.id, userId: u.id, versionId: v.id };
}

async function addAnswer(db: Database["db"], municipality: string, instrument: string, role: string, value: number | null) {
  const [v] = await db
    .select({ id: s.surveyInstrumentVersions.id })
    .from(s.surveyInstrumentVersions)
    .innerJoin(s.surveyInstruments, eq(s.surveyInstruments.id, s.surveyInstrumentVersions.instrumentId))
    .where(and(eq(s.surveyInstruments.municipalityId, municipality), eq(s.surveyInstruments.key, instrument)));
  if (!v) throw new Error("no instrument");
  const [r] = await db
    .insert(s.surveyResponses)
    .values({
      municipalityId: municipality,
      instrumentVersionId: v.id,
      respondentRole: role,
      ageBand: role === "child" ? "6–9" : null,
      mode: "link",
      submissionKey: crypto.randomUUID(),
      complete: true,
      submittedAt: new Date("2026-03-10T10:00:00Z"),
      periodOn: "2026-03-10",
    })
    .returning({ id: s.surveyResponses.id });
  if (!r) throw new Error("no response");
  await db.insert(s.surveyAnswers).values([
    { responseId: r.id, itemKey: "lyssnad-pa", value, dontKnow: value === null },
    { responseId: r.id, itemKey: "helhet", value: 1 },
  ]);
}

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  const a = await addMunicipality(db, "Testkommun");
  municipalityId = a.municipality;
  const family = (f: FamilyFixture) => addFamily(db, a.municipality, a.userId, a.versionId, f);
  // F1: completed, 22 days to the first family meeting, support granted, a child meeting held.
  await family({
    requestDate: "2026-01-10",
    decision: "continued",
    meetingDate: "2026-01-15",
    process: {
      phase: "completed",
      status: "completed",
      startedOn: "2026-02-01",
      halfwayOn: "2026-03-01",
      completedOn: "2026-04-01",
      support: "granted",
      firstFamilyMeeting: "2026-02-01",
    },
    child: { birthDate: "2017-06-01", gender: "girl", childMeeting: "2026-02-10" },
  });
  // F2: interrupted halfway, 40 days, support applied for only; a child of 4 (too young).
  await family({
    requestDate: "2026-01-20",
    decision: "continued",
    meetingDate: "2026-01-25",
    process: {
      phase: "halfway",
      status: "interrupted",
      startedOn: "2026-02-15",
      halfwayOn: "2026-03-15",
      interruptedIn: "halfway",
      support: "applied",
      firstFamilyMeeting: "2026-03-01",
    },
    child: { birthDate: "2021-06-01", gender: "boy" },
  });
  // F3: started, 78 days; a child of 10 whose guardians refused consent.
  await family({
    requestDate: "2026-02-01",
    decision: "continued",
    meetingDate: "2026-02-05",
    process: { phase: "started", status: "active", startedOn: "2026-04-20", firstFamilyMeeting: "2026-04-20" },
    child: { birthDate: "2015-05-01", gender: "girl", consentRefused: true },
  });
  // F4: stopped at the Sofiamöte; F5: not yet decided.
  await family({ requestDate: "2026-03-01", decision: "stopped", meetingDate: "2026-03-05" });
  await family({ requestDate: "2026-05-01", decision: "new" });
  // F6: the previous period, completed without support, 30 days.
  await family({
    requestDate: "2025-09-01",
    decision: "continued",
    meetingDate: "2025-09-05",
    process: {
      phase: "completed",
      status: "completed",
      startedOn: "2025-10-01",
      halfwayOn: "2025-11-01",
      completedOn: "2026-01-15",
      firstFamilyMeeting: "2025-10-01",
    },
  });
  // F7: on the last day of the period, interrupted before the start.
  await family({
    requestDate: "2026-06-30",
    decision: "continued",
    meetingDate: "2026-06-30",
    process: { phase: "not_started", status: "interrupted", interruptedIn: "not_started" },
  });
  // F8: the day after the period.
  await family({
    requestDate: "2026-07-01",
    decision: "continued",
    meetingDate: "2026-07-02",
    process: { phase: "completed", status: "completed", startedOn: "2026-07-03", completedOn: "2026-08-01" },
  });
  // Another municipality's completed family in the same period is never counted.
  const b = await addMunicipality(db, "Grannkommun");
  await addFamily(db, b.municipality, b.userId, b.versionId, {
    requestDate: "2026-02-01",
    decision: "continued",
    meetingDate: "2026-02-02",
    process: { phase: "completed", status: "completed", startedOn: "2026-02-03", completedOn: "2026-03-01", support: "granted" },
  });
  await addAnswer(db, b.municipality, "sofia-4q-parent", "parent_with_problem", 1);
  // Answers to "were you listened to": with the problem 4 and 2, without 3 and don't know, a child 4.
  await addAnswer(db, a.municipality, "sofia-4q-parent", "parent_with_problem", 4);
  await addAnswer(db, a.municipality, "sofia-4q-parent", "parent_with_problem", 2);
  await addAnswer(db, a.municipality, "sofia-4q-parent", "parent_without_problem", 3);
  await addAnswer(db, a.municipality, "sofia-4q-parent", "parent_without_problem", null);
  await addAnswer(db, a.municipality, "sofia-4q-child", "child", 4);
});

afterAll(async () => {
  await database.drop();
});

const run = (key: string, periods: Period[] = [current, previous]) => evaluate(database.db, seeded(key), municipalityId, periods, AS_OF);

describe("the funnel", () => {
  it("counts requests brought to a Sofiamöte, started, halfway and completed per period, the last day included", async () => {
    expect(counts(await run("tratt-sofiamote"))).toEqual([
      ["current", null, 5, 6],
      ["previous", null, 1, 1],
    ]);
    expect(counts(await run("tratt-paborjade"))).toEqual([
      ["current", null, 3, 6],
      ["previous", null, 1, 1],
    ]);
    expect(counts(await run("tratt-halvvags"))).toEqual([
      ["current", null, 2, 6],
      ["previous", null, 1, 1],
    ]);
    expect(counts(await run("tratt-genomforda"))).toEqual([
      ["current", null, 1, 6],
      ["previous", null, 1, 1],
    ]);
  });

  it("breaks the interruptions down by the phase they stopped in, in the phases' order", async () => {
    expect(counts(await run("avbrutna-per-fas", [current]))).toEqual([
      ["current", "not_started", 1, 1],
      ["current", "halfway", 1, 1],
      ["current", null, 0, 2],
    ]);
  });

  it("gives an empty period zeros, and a broken-down empty period no groups", async () => {
    expect(counts(await run("tratt-genomforda", [empty]))).toEqual([["empty", null, 0, 0]]);
    expect(await run("avbrutna-per-fas", [empty])).toEqual([]);
    expect(await run("tratt-genomforda", [])).toEqual([]);
  });
});

describe("process goals and support", () => {
  it("completion of those started in the period, dated by the start", async () => {
    expect(counts(await run("mal-genomforda"))).toEqual([
      ["current", null, 1, 3],
      ["previous", null, 1, 1],
    ]);
  });

  it("families seeking or getting further support, and support granted for completed against the others", async () => {
    expect(counts(await run("mal-fortsatt-stod", [current]))).toEqual([["current", null, 2, 3]]);
    expect(counts(await run("stod-genomforda", [current]))).toEqual([["current", null, 1, 1]]);
    expect(counts(await run("stod-ovriga", [current]))).toEqual([["current", null, 0, 3]]);
  });

  it("interruptions by the wait to the first family meeting, in bands, families without one last", async () => {
    expect(counts(await run("avbrott-per-vantetid", [current]))).toEqual([
      ["current", "0–29", 0, 1],
      ["current", "30–59", 1, 1],
      ["current", "60–89", 0, 1],
      ["current", null, 1, 1],
    ]);
  });
});

describe("children, meetings and answers", () => {
  it("child meetings held of those possible (six or older, series started), and refused consent", async () => {
    expect(counts(await run("barnsamtal-hallna", [current]))).toEqual([["current", null, 1, 2]]);
    expect(counts(await run("barnsamtal-nekat-samtycke", [current]))).toEqual([["current", null, 1, 3]]);
  });

  it("held meetings per type, dated by the day they were held", async () => {
    expect(counts(await run("moten-per-typ"))).toEqual([
      ["current", "barnmote", 1, 1],
      ["current", "familjemote-1", 3, 3],
      ["previous", "familjemote-1", 1, 1],
    ]);
  });

  it("the share who felt listened to, per role, don't know left out", async () => {
    expect(counts(await run("mal-sedda-horda", [current]))).toEqual([
      ["current", "parent_with_problem", 1, 2],
      ["current", "parent_without_problem", 1, 1],
      ["current", "child", 1, 1],
    ]);
  });
});

describe("values are parameters", () => {
  it("a value with quotes is compared as text, never run as SQL", async () => {
    const d = definitionSchema.parse({
      name: "x",
      unit: "meeting",
      periodDate: "held_on",
      denominator: [],
      numerator: [{ field: "meeting_type", op: "eq", value: "x' or '1'='1" }],
      display: "count",
      target: null,
      minGroupSize: null,
    });
    expect(counts(await evaluate(database.db, d, municipalityId, [current], AS_OF))).toEqual([["current", null, 0, 4]]);
  });
});
