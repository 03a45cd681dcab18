/**
 * The indicator engine's statistics (mean, median, 90th percentile, min, max with ties), its rate
 * and its units beyond the family (family member, stop, caseworker), on a small fixture counted by
 * hand below, evaluated by PostgreSQL. The seeded waits, response rate, stops on time, joint child
 * impact analyses, staff participation and "which parent has the problem" are checked here.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/helpers.ts";
import * as s from "../../db/schema/index.ts";
import type { Database } from "../../platform/database.ts";
import { seedSurveyInstruments } from "../../surveys/index.ts";
import { seedWorkModels } from "../../workmodels/index.ts";
import { counts, seeded } from "../testing.ts";
import { type Definition, definitionSchema } from "./model.ts";
import { type Count, evaluate, type Period } from "./sql.ts";

let database: Database & { drop(): Promise<void> };
let m: string;

const current: Period = { key: "current", from: "2026-01-01", to: "2026-06-30" };
const previous: Period = { key: "previous", from: "2025-07-01", to: "2025-12-31" };
/** The day the fixture is counted on (a stop due before it and not held is overdue): fixed, like its dates. */
const AS_OF = "2026-12-06";

type Db = Database["db"];
type Guardian = {
  gender: "woman" | "man" | null;
  relation: "parent" | "step_parent";
  problem: "yes" | "no";
  attitude?: "positive" | "ambivalent" | "denies";
};

async function one<T>(rows: Promise<T[]>): Promise<T> {
  const [row] = await rows;
  if (!row) throw new Error("nothing inserted");
  return row;
}

async function versionOf(db: Db, model: string): Promise<string> {
  const v = await one(
    db
      .select({ id: s.workModelVersions.id })
      .from(s.workModelVersions)
      .innerJoin(s.workModels, eq(s.workModels.id, s.workModelVersions.workModelId))
      .where(and(eq(s.workModels.municipalityId, m), eq(s.workModels.key, model))),
  );
  return v.id;
}

let admin: string;

/** A family with guardians, one child, and a started process on the model; returns the ids. */
async function family(db: Db, requestDate: string, guardians: Guardian[], model = "sofiamodellen", startedOn = "2026-02-01") {
  const request = await one(
    db
      .insert(s.requests)
      .values({
        municipalityId: m,
        requestDate,
        household: "together",
        custody: "joint",
        reason: "Test",
        status: "continued",
        meetingDate: requestDate,
        registeredBy: admin,
      })
      .returning({ id: s.requests.id }),
  );
  const people: string[] = [];
  for (const [i, g] of guardians.entries()) {
    const p = await one(
      db
        .insert(s.requestPersons)
        .values({
          requestId: request.id,
          kind: "guardian",
          position: i + 1,
          name: `Vårdnadshavare ${i + 1}`,
          birthDate: "1985-01-01",
          gender: g.gender,
          relation: g.relation,
          substanceProblem: g.problem,
          attitude: g.attitude ?? null,
        })
        .returning({ id: s.requestPersons.id }),
    );
    people.push(p.id);
  }
  const child = await one(
    db
      .insert(s.requestPersons)
      .values({ requestId: request.id, kind: "child", position: 9, name: "Barn", birthDate: "2017-01-01", gender: "girl" })
      .returning({ id: s.requestPersons.id }),
  );
  const process = await one(
    db
      .insert(s.processes)
      .values({
        requestId: request.id,
        municipalityId: m,
        workModelVersionId: await versionOf(db, model),
        phase: "started",
        status: "active",
        startedOn,
      })
      .returning({ id: s.processes.id }),
  );
  return { process: process.id, guardians: people, child: child.id };
}

async function assign(db: Db, processId: string, userId: string, role: string, assignedOn: string, endedOn: string | null = null) {
  await db.insert(s.processAssignments).values({ processId, userId, role, assignedOn, endedOn, assignedBy: admin });
}

/** A held family meeting with who attended, and survey responses after it (the four questions, and the after-series form). */
async function meeting(
  db: Db,
  processId: string,
  heldOn: string,
  attended: string[],
  absent: string[],
  responses: number,
  afterSeries = 0,
) {
  const mt = await one(
    db.insert(s.meetings).values({ processId, meetingTypeKey: "familjemote-1", status: "held", heldOn }).returning({ id: s.meetings.id }),
  );
  for (const personId of attended) await db.insert(s.meetingParticipants).values({ meetingId: mt.id, personId, attended: true });
  for (const personId of absent) await db.insert(s.meetingParticipants).values({ meetingId: mt.id, personId, attended: false });
  const respond = async (instrument: string, n: number) => {
    const v = await one(
      db
        .select({ id: s.surveyInstrumentVersions.id })
        .from(s.surveyInstrumentVersions)
        .innerJoin(s.surveyInstruments, eq(s.surveyInstruments.id, s.surveyInstrumentVersions.instrumentId))
        .where(and(eq(s.surveyInstruments.municipalityId, m), eq(s.surveyInstruments.key, instrument))),
    );
    for (let i = 0; i < n; i++)
      await db.insert(s.surveyResponses).values({
        municipalityId: m,
        instrumentVersionId: v.id,
        meetingId: mt.id,
        processId,
        respondentRole: "parent_with_problem",
        mode: "link",
        submissionKey: crypto.randomUUID(),
        complete: true,
        periodOn: heldOn,
      });
  };
  await respond("sofia-4q-parent", responses);
  await respond("sofia-efter-serien-foralder", afterSeries);
}

async function user(db: Db, name: string, unitId: string, caseworker: boolean, active = true) {
  const u = await one(
    db.insert(s.users).values({ municipalityId: m, username: name, displayName: name, active }).returning({ id: s.users.id }),
  );
  await db.insert(s.userUnits).values({ userId: u.id, unitId });
  if (caseworker) await db.insert(s.userRoles).values({ userId: u.id, role: "caseworker" });
  return u.id;
}

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  const mun = await one(db.insert(s.municipalities).values({ name: "Enhetskommun", code: "" }).returning({ id: s.municipalities.id }));
  m = mun.id;
  admin = (
    await one(db.insert(s.users).values({ municipalityId: m, username: "admin-x", displayName: "Admin" }).returning({ id: s.users.id }))
  ).id;
  await seedWorkModels(db, m);
  await seedSurveyInstruments(db, m);
  const u1 = (
    await one(db.insert(s.units).values({ municipalityId: m, name: "Barn och unga", kind: "child_youth" }).returning({ id: s.units.id }))
  ).id;
  const u2 = (
    await one(db.insert(s.units).values({ municipalityId: m, name: "Vuxenenheten", kind: "addiction_adult" }).returning({ id: s.units.id }))
  ).id;
  const cw1 = await user(db, "cw1", u1, true);
  const cw2 = await user(db, "cw2", u1, true);
  await user(db, "cw3-inactive", u2, true, false);
  await user(db, "chef", u1, false);

  // W1: a mother with the problem (the father without); assigned after 10 days, first family meeting after 22.
  const w1 = await family(db, "2026-01-10", [
    { gender: "woman", relation: "parent", problem: "yes", attitude: "positive" },
    { gender: "man", relation: "parent", problem: "no" },
  ]);
  await assign(db, w1.process, admin, "process_leader", "2026-01-11"); // a process leader's assignment is not the caseworkers'
  await assign(db, w1.process, cw1, "child_caseworker", "2026-01-20");
  await meeting(db, w1.process, "2026-02-01", [...w1.guardians, w1.child], [], 2, 1); // a parent who answered both counts once
  await db
    .insert(s.childImpactAnalyses)
    .values({ processId: w1.process, childId: w1.child, madeOn: "2026-02-20", joint: false, sections: {}, recordedBy: admin });
  // W2: both parents have the problem, one positive and one denying; 20 days, 40 days; more responses than attendants.
  const w2 = await family(db, "2026-01-20", [
    { gender: "woman", relation: "parent", problem: "yes", attitude: "positive" },
    { gender: "man", relation: "parent", problem: "yes", attitude: "denies" },
  ]);
  await assign(db, w2.process, cw1, "adult_caseworker", "2026-02-09", "2026-03-01");
  await meeting(db, w2.process, "2026-03-01", w2.guardians, [w2.child], 3);
  // W3: the father; 10 days (a tie with W1), 78 days.
  const w3 = await family(db, "2026-02-01", [{ gender: "man", relation: "parent", problem: "yes", attitude: "positive" }]);
  await assign(db, w3.process, cw1, "child_caseworker", "2026-02-11");
  await meeting(db, w3.process, "2026-04-20", [], [], 0);
  // W4: a step-parent with the problem (other), 30 days, no meeting yet. W5: nobody recorded with the problem.
  const w4 = await family(db, "2026-03-01", [{ gender: "woman", relation: "step_parent", problem: "yes", attitude: "ambivalent" }]);
  await assign(db, w4.process, cw2, "child_caseworker", "2026-03-31", "2026-03-31");
  await family(db, "2026-03-02", [{ gender: null, relation: "parent", problem: "no" }]);
  // The previous period: cw2 took part in a family that ended before the current period.
  const old = await family(db, "2025-08-01", [{ gender: "man", relation: "parent", problem: "yes" }], "sofiamodellen", "2025-08-20");
  await assign(db, old.process, cw2, "adult_caseworker", "2025-08-01", "2025-09-01");

  // S1 on family-oriented process support, request 2026-01-01: its stops fall due on 01-15 (family), 03-02 (the child's
  // impact analysis), 04-01, 04-21 and, after interventions are decided (never here), the follow-up.
  const s1 = await family(
    db,
    "2026-01-01",
    [{ gender: "woman", relation: "parent", problem: "yes" }],
    "familjeorienterat-processtod",
    "2026-01-20",
  );
  const held = (stopKey: string, heldOn: string, childId: string | null = null) =>
    db.insert(s.consultations).values({ processId: s1.process, stopKey, childId, heldOn, recordedBy: admin });
  await held("samrad-utredningsstart", "2026-01-10"); // on time
  await held("barnkonsekvensanalys", "2026-03-10", s1.child); // 8 days late
  await held("samrad-fore-beslut", "2026-04-21"); // on the last day: on time
  await db
    .insert(s.childImpactAnalyses)
    .values({ processId: s1.process, childId: s1.child, madeOn: "2026-03-10", joint: true, sections: {}, recordedBy: admin });
});

afterAll(async () => {
  await database.drop();
});

const run = (d: Definition, periods: Period[] = [current]) => evaluate(database.db, d, m, periods, AS_OF);
const values = (rows: Count[]) => rows.map((r) => [r.group, r.denominator, r.value]);
const define = (d: Record<string, unknown>) =>
  definitionSchema.parse({ name: "x", denominator: [], numerator: [], target: null, minGroupSize: null, display: "count", ...d });

describe("waits as statistics", () => {
  it("the median and 90th percentile of days from the request to the assignment, ties kept, the process leader left out", async () => {
    // Days 10, 20, 10, 30 (W5 and S1 have no caseworker): median (10+20)/2, p90 at 2.7 of 0..3 → 20 + 0.7 × 10.
    expect(values(await run(seeded("vantetid-forfragan-tilldelning-median")))).toEqual([[null, 4, 15]]);
    expect(values(await run(seeded("vantetid-forfragan-tilldelning-p90")))).toEqual([[null, 4, 27]]);
  });

  it("from the assignment to the first family meeting, and from the request, only families that had one", async () => {
    expect(values(await run(seeded("vantetid-tilldelning-forsta-mote-median")))).toEqual([[null, 3, 20]]);
    // 22, 40, 78: p90 at 1.8 → 40 + 0.8 × 38.
    expect(
      values(await run(seeded("vantetid-forfragan-forsta-mote-p90"))).map(([g, n, v]) => [g, n, Number((v as number).toFixed(6))]),
    ).toEqual([[null, 3, 70.4]]);
  });

  it("mean, min and max; an empty period has n 0 and no value", async () => {
    const of = (display: string) =>
      define({ unit: "family", periodDate: "request_date", display, measure: { field: "days_to_assignment" } });
    expect(values(await run(of("mean")))).toEqual([[null, 4, 17.5]]);
    expect(values(await run(of("min")))).toEqual([[null, 4, 10]]);
    expect(values(await run(of("max")))).toEqual([[null, 4, 30]]);
    expect(values(await run(of("median"), [{ key: "empty", from: "2020-01-01", to: "2020-12-31" }]))).toEqual([[null, 0, null]]);
  });
});

describe("the response rate", () => {
  it("sums responses against attending family members, at most one response per attendant, by meeting type", async () => {
    // W1: 3 attended, 2 answered; W2: 2 attended, 3 answers count as 2; W3: nobody attended, nobody answered.
    expect(counts(await run(seeded("svarsfrekvens")))).toEqual([["current", "familjemote-1", 4, 5]]);
  });
});

describe("the gender and child perspective", () => {
  it("which parent has the problem, per family", async () => {
    expect(counts(await run(seeded("perspektiv-foralder-med-problem")))).toEqual([
      ["current", "mother", 2, 2], // W1 and S1
      ["current", "father", 1, 1],
      ["current", "both", 1, 1],
      ["current", "other", 1, 1],
      ["current", "none", 1, 1],
    ]);
  });

  it("the parent with the problem positive to support, the least positive when both have it", async () => {
    expect(counts(await run(seeded("perspektiv-positiv-till-stod")))).toEqual([
      ["current", "mother", 1, 1], // S1 has no attitude recorded
      ["current", "father", 1, 1],
      ["current", "both", 0, 1],
      ["current", "other", 0, 1],
    ]);
  });

  it("family members: the guardians with the problem by gender", async () => {
    const d = define({
      unit: "member",
      periodDate: "request_date",
      numerator: [{ field: "substance_problem", op: "eq", value: "yes" }],
      groupBy: { field: "gender" },
    });
    expect(counts(await run(d))).toEqual([
      ["current", "woman", 4, 4],
      ["current", "man", 2, 3],
      ["current", "girl", 0, 6],
      ["current", null, 0, 1],
    ]);
  });
  it("family members who attended a held meeting, of the guardians", async () => {
    const d = define({
      unit: "member",
      periodDate: "request_date",
      display: "percent",
      denominator: [{ field: "kind", op: "eq", value: "guardian" }],
      numerator: [{ field: "meetings_attended", op: "gte", value: 1 }],
    });
    // W1's two and W2's two guardians attended; W3's meeting had nobody; eight guardians in all.
    expect(counts(await run(d))).toEqual([["current", null, 4, 8]]);
  });
});

describe("stops and child impact analyses", () => {
  it("stops held on time of those due in the period: held on the last day is on time, late and overdue are not", async () => {
    expect(counts(await run(seeded("hallplatser-i-tid")))).toEqual([
      ["current", "barnkonsekvensanalys", 0, 1],
      ["current", "samrad-fore-bedomning", 0, 1],
      ["current", "samrad-fore-beslut", 1, 1],
      ["current", "samrad-utredningsstart", 1, 1],
    ]);
    const late = define({ unit: "stop", periodDate: "due_on", display: "max", measure: { field: "days_late" } });
    expect(values(await run(late))).toEqual([[null, 3, 8]]);
  });

  it("joint child impact analyses of the children in families that started in the period", async () => {
    // Children of W1–W5 and S1 (the earlier family started in 2025); only S1's analysis is joint.
    expect(counts(await run(seeded("gemensam-barnkonsekvensanalys")))).toEqual([["current", null, 1, 6]]);
  });
});

describe("staff participation", () => {
  it("counts the unit's active caseworkers in every period, with the families each had in it", async () => {
    expect(counts(await run(seeded("handlaggare-deltagit"), [current, previous]))).toEqual([
      ["current", "Barn och unga", 2, 2],
      ["previous", "Barn och unga", 1, 2],
    ]);
    expect(values(await run(seeded("familjer-per-handlaggare-mean"), [current, previous]))).toEqual([
      ["Barn och unga", 2, 2],
      ["Barn och unga", 1, 1],
    ]);
    expect(values(await run(seeded("familjer-per-handlaggare-max")))).toEqual([["Barn och unga", 2, 3]]);
  });
});
