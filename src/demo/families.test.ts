import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testClock } from "../../test/helpers.ts";
import { addDays, ageOn, deriveCaseType, parseCaseFileNumber, parseIdentityNumber, stopReasons } from "../families/index.ts";
import { derivePhase, interruptReasons, processStatus, stopsDue } from "../processes/index.ts";
import { familyProcessSupportModel, sofiaModel } from "../workmodels/index.ts";
import { demoInterpreterLanguages, type FamilyRows, type GenerateOptions, generateFamilies, mulberry32, supportKinds } from "./families.ts";
import { DEMO_FAMILIES, DEMO_SUPPORT_FAMILIES, seedDemo } from "./seed.ts";

const TODAY = "2026-11-27";
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const SOFIA = uuid(900);
const SUPPORT = uuid(901);

function options(seed: number, count: number, today = TODAY, offset = 0): GenerateOptions {
  return {
    seed,
    count,
    offset,
    today,
    municipalityId: uuid(1),
    models: {
      sofia: { versionId: SOFIA, content: sofiaModel },
      processSupport: { versionId: SUPPORT, content: familyProcessSupportModel },
    },
    units: { child: [uuid(10), uuid(11)], addiction: [uuid(20)] },
    staff: {
      childCaseworkers: [
        { id: uuid(100), unitId: uuid(10) },
        { id: uuid(101), unitId: uuid(11) },
      ],
      adultCaseworkers: [
        { id: uuid(102), unitId: uuid(20) },
        { id: uuid(103), unitId: uuid(20) },
      ],
      processLeaders: [uuid(104)],
      managers: [uuid(105)],
      registrars: [uuid(100), uuid(104)],
    },
  };
}

const anyToday = fc.integer({ min: 0, max: 3000 }).map((n) => addDays("2020-01-01", n));
const anySeed = fc.integer({ min: 0, max: 2 ** 31 - 1 });

/** Every date a row holds must lie between its request and today (planned meetings may lie ahead). */
function checkFamilies(rows: FamilyRows, today: string): void {
  const requestOf = new Map(rows.requests.map((r) => [r.id, r]));
  const processOf = new Map(rows.processes.map((p) => [p.id, p]));
  const requestDateOfProcess = (processId: string) => {
    const p = processOf.get(processId);
    const r = p && requestOf.get(p.requestId);
    if (!r) throw new Error(`process ${processId} has no request`);
    return r;
  };
  const within = (date: string | null, from: string, what: string) => {
    if (date === null) return;
    expect(date >= from, `${what} ${date} before ${from}`).toBe(true);
    expect(date <= today, `${what} ${date} after today ${today}`).toBe(true);
  };

  const ids = new Set<string>();
  for (const list of Object.values(rows) as Array<Array<{ id: string }>>) {
    for (const row of list) {
      expect(ids.has(row.id)).toBe(false);
      ids.add(row.id);
    }
  }

  const personsOf = new Map<string, FamilyRows["requestPersons"]>();
  for (const p of rows.requestPersons) personsOf.set(p.requestId, [...(personsOf.get(p.requestId) ?? []), p]);
  for (const r of rows.requests) {
    within(r.requestDate, "2000-01-01", "request date");
    within(r.meetingDate, r.requestDate, "Sofiamöte");
    const persons = personsOf.get(r.id) ?? [];
    const children = persons.filter((p) => p.kind === "child");
    const guardians = persons.filter((p) => p.kind === "guardian");
    expect(children.length).toBeGreaterThanOrEqual(1);
    expect(children.length).toBeLessThanOrEqual(3);
    expect(guardians.length).toBeGreaterThanOrEqual(1);
    expect(guardians.some((g) => g.substanceProblem === "yes")).toBe(true);
    for (const c of children) {
      const age = ageOn(c.birthDate, r.requestDate);
      expect(age).toBeGreaterThanOrEqual(0);
      expect(age).toBeLessThanOrEqual(12);
    }
    for (const p of persons) {
      if (p.identityNumber === null) continue;
      const parsed = parseIdentityNumber(p.identityNumber, r.requestDate);
      expect(parsed.ok, p.identityNumber).toBe(true);
      if (parsed.ok) {
        expect(parsed.value.birthDate).toBe(p.birthDate);
        expect(parsed.value.normalized).toBe(p.identityNumber);
        expect(Number(p.identityNumber.slice(8, 11))).toBeGreaterThanOrEqual(980);
      }
    }
    expect(r.caseType).toBe(
      deriveCaseType({
        children: children.map((c) => ({ openAtChildUnit: c.unitId !== null, investigationOpenedAfterReport: c.investigationOpened })),
        guardians: guardians.map((g) => ({ openAtAddictionUnit: g.unitId !== null, appliedAtAddictionUnit: g.applied })),
      }).caseType,
    );
    if (r.status === "new") expect(r.meetingDate).toBeNull();
    if (r.status === "stopped") expect(stopReasons).toContain(r.stopReason);
    else expect(r.stopReason).toBeNull();
    expect(rows.processes.some((p) => p.requestId === r.id)).toBe(r.status === "continued");
  }

  for (const p of rows.processes) {
    const r = requestDateOfProcess(p.id);
    const content = p.workModelVersionId === SOFIA ? sofiaModel : familyProcessSupportModel;
    const held = rows.meetings.filter((m) => m.processId === p.id && m.status === "held");
    const consultations = rows.consultations.filter((c) => c.processId === p.id);
    const derived = derivePhase(
      content,
      held.map((m) => ({ meetingTypeKey: m.meetingTypeKey, heldOn: m.heldOn ?? "" })),
      consultations.map((c) => ({ stopKey: c.stopKey, heldOn: c.heldOn })),
    );
    expect({ phase: p.phase, startedOn: p.startedOn, halfwayOn: p.halfwayOn, completedOn: p.completedOn }).toEqual(derived);
    const interruptions = rows.processInterruptions.filter((i) => i.processId === p.id);
    expect(interruptions.filter((i) => i.resumedOn === null).length).toBeLessThanOrEqual(1);
    expect(p.status).toBe(
      processStatus(
        derived.phase,
        interruptions.some((i) => i.resumedOn === null),
      ),
    );
    for (const i of interruptions) {
      within(i.interruptedOn, r.meetingDate ?? r.requestDate, "interruption");
      within(i.resumedOn, i.interruptedOn, "resumption");
      expect(interruptReasons).toContain(i.reason);
      const heldBefore = held.filter((m) => (m.heldOn ?? "") <= i.interruptedOn);
      const consultedBefore = consultations.filter((c) => c.heldOn <= i.interruptedOn);
      expect(i.phase).toBe(
        derivePhase(
          content,
          heldBefore.map((m) => ({ meetingTypeKey: m.meetingTypeKey, heldOn: m.heldOn ?? "" })),
          consultedBefore.map((c) => ({ stopKey: c.stopKey, heldOn: c.heldOn })),
        ).phase,
      );
    }
    const assignments = rows.processAssignments.filter((a) => a.processId === p.id);
    for (const role of ["child_caseworker", "adult_caseworker", "process_leader"]) {
      expect(assignments.filter((a) => a.role === role && a.endedOn === null).length).toBeLessThanOrEqual(1);
    }
    for (const a of assignments) {
      within(a.assignedOn, r.meetingDate ?? r.requestDate, "assignment");
      within(a.endedOn, a.assignedOn, "assignment end");
    }
    for (const m of rows.meetings.filter((x) => x.processId === p.id)) {
      expect(content.meetingTypes.some((t) => t.key === m.meetingTypeKey)).toBe(true);
      if (m.status === "planned") {
        expect(m.heldOn).toBeNull();
        expect((m.plannedDate ?? "") > today).toBe(true);
      } else {
        within(m.plannedDate, r.requestDate, "meeting");
        within(m.heldOn, r.requestDate, "held meeting");
        expect(m.heldOn !== null).toBe(m.status === "held");
      }
      within(m.consentOn, r.requestDate, "consent");
      if (m.meetingTypeKey === "barnmote") {
        const child = rows.requestPersons.find((x) => x.id === m.childId);
        expect(child && ageOn(child.birthDate, r.requestDate) >= 6).toBe(true);
        if (m.status === "held") expect(m.consent).toBe("given");
      } else expect(m.childId).toBeNull();
    }
    for (const s of rows.supportMeasures.filter((x) => x.processId === p.id)) {
      expect(supportKinds).toContain(s.kind);
      within(s.appliedOn, r.requestDate, "support applied");
      within(s.grantedOn, s.appliedOn ?? r.requestDate, "support granted");
      within(s.endedOn, s.grantedOn ?? r.requestDate, "support ended");
    }
    for (const c of consultations) within(c.heldOn, r.meetingDate ?? r.requestDate, "consultation");
    for (const a of rows.childImpactAnalyses.filter((x) => x.processId === p.id)) within(a.madeOn, r.requestDate, "analysis");
    for (const s of rows.safetyRatings.filter((x) => x.processId === p.id)) {
      within(s.ratedOn, r.requestDate, "rating");
      expect(s.score).toBeGreaterThanOrEqual(0);
      expect(s.score).toBeLessThanOrEqual(10);
    }
  }
  const meetingIds = new Set(rows.meetings.map((m) => m.id));
  for (const pt of rows.meetingParticipants) {
    expect(meetingIds.has(pt.meetingId)).toBe(true);
    expect((pt.personId === null) !== (pt.userId === null)).toBe(true);
  }
}

describe("generated families", () => {
  it("mulberry32 gives the same stream for the same seed, in [0, 1)", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    for (let i = 0; i < 100; i++) {
      const x = a();
      expect(x).toBe(b());
      expect(x >= 0 && x < 1).toBe(true);
    }
  });

  it("the same seed gives the same rows; another seed gives others", () => {
    fc.assert(
      fc.property(anySeed, anyToday, (seed, today) => {
        const a = generateFamilies(options(seed, 15, today));
        expect(generateFamilies(options(seed, 15, today))).toEqual(a);
        expect(generateFamilies(options(seed + 1, 15, today)).requests.map((r) => r.id)).not.toEqual(a.requests.map((r) => r.id));
      }),
      { numRuns: 15 },
    );
  });

  it("a batch is the same whatever the batch size", () => {
    const whole = generateFamilies(options(7, 40));
    const first = generateFamilies(options(7, 25));
    const rest = generateFamilies(options(7, 15, TODAY, 25));
    expect([...first.meetings, ...rest.meetings]).toEqual(whole.meetings);
    expect([...first.requests, ...rest.requests]).toEqual(whole.requests);
  });

  it("keeps identity numbers valid, derived values equal to the rules and dates in order, whatever the seed and day", () => {
    fc.assert(
      fc.property(anySeed, anyToday, (seed, today) => {
        checkFamilies(generateFamilies(options(seed, 30, today)), today);
      }),
      { numRuns: 25 },
    );
  });

  it("follows the reports' funnel and shows every stage", () => {
    const rows = generateFamilies(options(2026, 3000));
    checkFamilies(rows, TODAY);
    const decided = rows.requests.filter((r) => r.status !== "new");
    const stopped = decided.filter((r) => r.status === "stopped").length / decided.length;
    expect(stopped).toBeGreaterThan(0.1);
    expect(stopped).toBeLessThan(0.2);
    const sofia = rows.processes.filter((p) => p.workModelVersionId === SOFIA);
    const supportShare = 1 - sofia.length / rows.processes.length;
    expect(supportShare).toBeGreaterThan(0.1);
    expect(supportShare).toBeLessThan(0.2);
    const ended = sofia.filter((p) => p.status !== "active" && p.phase !== "not_started");
    const completed = ended.filter((p) => p.status === "completed").length / ended.length;
    expect(completed).toBeGreaterThan(0.35);
    expect(completed).toBeLessThan(0.5);
    for (const phase of ["not_started", "started", "halfway", "completed"])
      expect(rows.processes.some((p) => p.phase === phase)).toBe(true);
    for (const status of ["active", "interrupted", "completed"]) expect(rows.processes.some((p) => p.status === status)).toBe(true);
    for (const t of [1, 2, 3]) expect(rows.requests.some((r) => r.caseType === t)).toBe(true);
    for (const kind of supportKinds) expect(rows.supportMeasures.some((s) => s.kind === kind)).toBe(true);
    // Waiting families: no caseworker yet, and meetings planned in the coming weeks.
    const assigned = new Set(rows.processAssignments.filter((a) => a.role === "child_caseworker").map((a) => a.processId));
    expect(rows.processes.some((p) => !assigned.has(p.id))).toBe(true);
    expect(rows.meetings.some((m) => m.status === "planned")).toBe(true);
    expect(rows.meetings.some((m) => m.consent === "refused")).toBe(true);
    expect(rows.meetings.some((m) => m.safetyPlan !== null)).toBe(true);
    expect(rows.childImpactAnalyses.length).toBeGreaterThan(0);
    // Further support is more common for completed families.
    const supported = new Set(rows.supportMeasures.map((s) => s.processId));
    const withSupport = (ps: typeof rows.processes) => ps.filter((p) => supported.has(p.id)).length / ps.length;
    const done = sofia.filter((p) => p.status === "completed");
    const halfwayStopped = sofia.filter((p) => p.status === "interrupted" && p.phase === "halfway");
    expect(withSupport(done)).toBeGreaterThan(withSupport(halfwayStopped));
  });

  it("records most guardians' gender as woman or man, as the identity number says, and leaves some other, not stated or not filled in", () => {
    const guardians = generateFamilies(options(2026, 3000)).requestPersons.filter((p) => p.kind === "guardian");
    const share = (g: string | null) => guardians.filter((p) => (p.gender ?? null) === g).length / guardians.length;
    expect(share("woman") + share("man")).toBeGreaterThan(0.8);
    expect(share("woman")).toBeGreaterThan(0.3);
    expect(share("man")).toBeGreaterThan(0.3);
    for (const g of ["other", "not_stated", null]) expect(share(g), String(g)).toBeGreaterThan(0);
    expect(share(null)).toBeGreaterThan(0.05);
    for (const p of guardians) {
      if (p.gender !== "woman" && p.gender !== "man") continue;
      const parsed = parseIdentityNumber(p.identityNumber ?? "", p.birthDate);
      expect(parsed.ok && parsed.value.legalGender).toBe(p.gender === "woman" ? "female" : "male");
    }
  });
});

describe("the families' case-file numbers and contact details (issue 14)", () => {
  const requests = generateFamilies(options(2026, 1000)).requests;
  const share = (pick: (r: (typeof requests)[number]) => unknown) => requests.filter((r) => pick(r)).length / requests.length;

  it("gives most families a case-file number in a form decision 0037 accepts, already normalised, and every form some", () => {
    expect(share((r) => r.caseFileNumber)).toBeGreaterThan(0.8);
    expect(share((r) => r.caseFileNumber)).toBeLessThan(1);
    for (const r of requests) {
      if (r.caseFileNumber === null) continue;
      expect(parseCaseFileNumber(r.caseFileNumber), r.caseFileNumber).toEqual({ ok: true, value: r.caseFileNumber });
    }
    const numbers = requests.map((r) => r.caseFileNumber ?? "");
    for (const form of [/^SN \d{4}\/\d{4}$/, /^IFN-\d{4}-\d{4}$/, /^\d{4}-\d{4}$/, /^\d{6}$/]) {
      expect(
        numbers.some((n) => form.test(n)),
        String(form),
      ).toBe(true);
    }
    // Apart from the numbers the tests type (2026-123, SN 2026/123, IFN-2026-0456, 123456 …).
    expect(numbers.filter((n) => /(^|[/-])0?\d{3}$|^123456$/.test(n))).toEqual([]);
  });

  it("gives many a phone from the series kept for fiction, some an e-mail at example.com, and one in eight an interpreter with the language", () => {
    expect(share((r) => r.contactPhone)).toBeGreaterThan(0.6);
    expect(share((r) => r.contactEmail)).toBeGreaterThan(0.3);
    for (const r of requests) {
      if (r.contactPhone !== null) expect(r.contactPhone).toMatch(/^070-174 06 (0[5-9]|[1-9]\d)$/);
      if (r.contactEmail !== null) expect(r.contactEmail).toMatch(/^[a-z]+(\.[a-z]+)+@example\.com$/);
      expect(r.interpreterLanguage !== null, r.id).toBe(r.interpreterNeeded);
      if (r.interpreterLanguage !== null) expect(demoInterpreterLanguages).toContain(r.interpreterLanguage);
    }
    expect(share((r) => r.interpreterNeeded)).toBeGreaterThan(0.07);
    expect(share((r) => r.interpreterNeeded)).toBeLessThan(0.2);
  });
});

/** Each stop of each running or completed process on family-oriented process support: held on time, held late, overdue, or not yet due. */
function stopStates(rows: FamilyRows, today: string): Record<"onTime" | "late" | "overdue" | "notYet", number> {
  const states = { onTime: 0, late: 0, overdue: 0, notYet: 0 };
  for (const p of rows.processes.filter((x) => x.workModelVersionId === SUPPORT && x.status !== "interrupted")) {
    const request = rows.requests.find((r) => r.id === p.requestId);
    if (!request) throw new Error("a process without its request");
    const children = rows.requestPersons
      .filter((c) => c.requestId === request.id && c.kind === "child")
      .map((c) => ({ id: c.id, name: c.name, birthDate: c.birthDate }));
    const granted = rows.supportMeasures
      .filter((s) => s.processId === p.id && s.grantedOn !== null)
      .map((s) => s.grantedOn ?? "")
      .sort();
    const held = rows.consultations
      .filter((c) => c.processId === p.id)
      .map((c) => ({ stopKey: c.stopKey, heldOn: c.heldOn, childId: c.childId }));
    const due = stopsDue(
      familyProcessSupportModel,
      children,
      { requestDate: request.requestDate, meetingDate: request.meetingDate, heldMeetings: [], interventionsDecidedOn: granted[0] ?? null },
      held,
      today,
    );
    for (const d of due) {
      if (d.state === "held") states[d.late ? "late" : "onTime"]++;
      else if (d.state === "overdue") states.overdue++;
      else states.notYet++;
    }
  }
  return states;
}

describe("consultation stops by the work model's due rules", () => {
  const punctual = (seed: number, count: number, today = TODAY): GenerateOptions => ({
    ...options(seed, count, today),
    processSupportShare: 1,
    punctuality: { late: 0.24, missed: 0.12 },
  });

  it("keeps every derived value equal to the rules and every date in order, whatever the seed and day", () => {
    fc.assert(
      fc.property(anySeed, anyToday, (seed, today) => {
        checkFamilies(generateFamilies(punctual(seed, 30, today)), today);
      }),
      { numRuns: 25 },
    );
  });

  it("holds most stops on time, some late, and leaves some overdue in running processes", () => {
    const rows = generateFamilies(punctual(2026, 400));
    const s = stopStates(rows, TODAY);
    expect(s.onTime).toBeGreaterThan(s.late + s.overdue);
    expect(s.late).toBeGreaterThan(0);
    expect(s.overdue).toBeGreaterThan(0);
    // Overdue stops belong to processes that still run: a family that stopped coming is interrupted or still active.
    expect(rows.processes.some((p) => p.status === "active" && p.phase !== "not_started")).toBe(true);
    expect(rows.processes.some((p) => p.status === "completed")).toBe(true);
    expect(rows.processes.some((p) => p.status === "interrupted")).toBe(true);
    expect(rows.childImpactAnalyses.some((a) => a.joint)).toBe(true);
  });
});

describe("the demo's families", () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  const clock = testClock();
  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDemo(database.db, "Demo-lösenord-2026", clock);
  });
  afterAll(() => database.drop());
  const q = async <T>(text: string, values: unknown[] = []) => (await database.pool.query(text, values)).rows as T[];

  it("gives every demo caseworker and the process leader a worklist", async () => {
    expect((await q<{ n: number }>("select count(*)::int as n from requests"))[0]?.n).toBe(DEMO_FAMILIES + DEMO_SUPPORT_FAMILIES);
    const open = await q<{ username: string; n: number }>(
      `select u.username, count(*)::int as n from process_assignments a join users u on u.id = a.user_id
       where a.ended_on is null group by u.username`,
    );
    for (const username of ["barnhandlaggare", "vuxenhandlaggare", "handlaggare.syd", "processledare"]) {
      expect(open.find((o) => o.username === username)?.n ?? 0, username).toBeGreaterThanOrEqual(3);
    }
  });

  it("shows a demo caseworker families with case-file numbers, phones, a contact person and some with an interpreter need", async () => {
    const mine = await q<{ case_file_number: string | null; contact_phone: string | null; contact: number }>(
      `select r.case_file_number, r.contact_phone,
         (select count(*)::int from request_persons g where g.request_id = r.id and g.contact_person) as contact
       from requests r join processes p on p.request_id = r.id join process_assignments a on a.process_id = p.id
       join users u on u.id = a.user_id where u.username = 'barnhandlaggare' and a.ended_on is null`,
    );
    expect(mine.some((r) => r.case_file_number !== null)).toBe(true);
    expect(mine.some((r) => r.contact_phone !== null)).toBe(true);
    for (const r of mine) expect(r.contact).toBe(1);
    const interpreters = await q<{ interpreter_language: string }>("select interpreter_language from requests where interpreter_needed");
    expect(interpreters.length).toBeGreaterThan(0);
  });

  it("has families waiting: for a decision, for a child caseworker at the unit manager's units, and planned meetings ahead", async () => {
    expect((await q("select 1 from requests where status = 'new'")).length).toBeGreaterThan(0);
    const waiting = await q<{ name: string }>(
      `select distinct un.name from processes p join request_persons c on c.request_id = p.request_id and c.kind = 'child'
       join units un on un.id = c.unit_id
       where not exists (select 1 from process_assignments a where a.process_id = p.id and a.role = 'child_caseworker')`,
    );
    expect(waiting.some((w) => w.name === "Barn och unga Norr" || w.name === "Barn och unga Syd")).toBe(true);
    expect((await q("select 1 from meetings where status = 'planned' and planned_date >= $1", [clock.today()])).length).toBeGreaterThan(0);
  });

  it("stores phase and status as the rules derive them from the stored meetings and consultations", async () => {
    const processes = await q<{ id: string; phase: string; status: string; started_on: string | null; content: typeof sofiaModel }>(
      `select p.id, p.phase, p.status, p.started_on::text, v.content from processes p join work_model_versions v on v.id = p.work_model_version_id`,
    );
    const phases = new Set<string>();
    for (const p of processes) {
      const held = await q<{ meetingTypeKey: string; heldOn: string }>(
        `select meeting_type_key as "meetingTypeKey", held_on::text as "heldOn" from meetings where process_id = $1 and status = 'held'`,
        [p.id],
      );
      const consulted = await q<{ stopKey: string; heldOn: string }>(
        `select stop_key as "stopKey", held_on::text as "heldOn" from consultations where process_id = $1`,
        [p.id],
      );
      const open = await q(`select 1 from process_interruptions where process_id = $1 and resumed_on is null`, [p.id]);
      const derived = derivePhase(p.content, held, consulted);
      expect(p.phase).toBe(derived.phase);
      expect(p.started_on).toBe(derived.startedOn);
      expect(p.status).toBe(processStatus(derived.phase, open.length > 0));
      phases.add(p.phase);
    }
    expect(phases.size).toBeGreaterThanOrEqual(3);
  });
});
