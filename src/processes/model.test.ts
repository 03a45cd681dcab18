import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, daysBetween } from "../platform/dates.ts";
import { familyProcessSupportModel, sofiaModel } from "../workmodels/index.ts";
import {
  type AssignmentRole,
  childrenFor,
  derivePhase,
  type HeldMeeting,
  meetingSeries,
  nextStep,
  type Phase,
  phases,
  processState,
  processStatus,
  processWaits,
  stopsDue,
  transition,
} from "./model.ts";

const dateArb = fc
  .date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const rank = (p: Phase) => phases.indexOf(p);
const sofiaKeys = sofiaModel.meetingTypes.map((m) => m.key);

describe("calendar arithmetic", () => {
  it("adds days and counts them back", () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -800, max: 800 }), (date, n) => {
        expect(daysBetween(date, addDays(date, n))).toBe(n);
      }),
    );
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  });
});

describe("the phase", () => {
  it("is the furthest progress mark whose meeting was held, with its date", () => {
    const held = (key: string, heldOn: string): HeldMeeting => ({ meetingTypeKey: key, heldOn });
    expect(derivePhase(sofiaModel, []).phase).toBe("not_started");
    expect(derivePhase(sofiaModel, [held("sofiamote", "2026-01-01")]).phase).toBe("not_started");
    expect(derivePhase(sofiaModel, [held("familjemote-1", "2026-01-10")])).toEqual({
      phase: "started",
      startedOn: "2026-01-10",
      halfwayOn: null,
      completedOn: null,
    });
    const all = derivePhase(sofiaModel, [
      held("familjemote-1", "2026-01-10"),
      held("barnmote", "2026-01-20"),
      held("familjemote-2", "2026-02-01"),
      held("familjemote-3", "2026-03-01"),
    ]);
    expect(all).toEqual({ phase: "completed", startedOn: "2026-01-10", halfwayOn: "2026-02-01", completedOn: "2026-03-01" });
  });

  it("never goes back when another meeting is held (property)", () => {
    const meetingArb = fc.record({ meetingTypeKey: fc.constantFrom(...sofiaKeys), heldOn: dateArb });
    fc.assert(
      fc.property(fc.array(meetingArb, { maxLength: 8 }), meetingArb, (held, more) => {
        const before = derivePhase(sofiaModel, held).phase;
        const after = derivePhase(sofiaModel, [...held, more]).phase;
        expect(rank(after)).toBeGreaterThanOrEqual(rank(before));
      }),
    );
  });

  it("follows the family stops in a model without meetings", () => {
    const stops = familyProcessSupportModel.stops.filter((s) => s.scope === "family").map((s) => s.key);
    const consulted = (n: number) => stops.slice(0, n).map((stopKey, i) => ({ stopKey, heldOn: addDays("2026-01-01", i * 10) }));
    expect(derivePhase(familyProcessSupportModel, [], consulted(0)).phase).toBe("not_started");
    expect(derivePhase(familyProcessSupportModel, [], consulted(1)).phase).toBe("started");
    expect(derivePhase(familyProcessSupportModel, [], consulted(Math.ceil(stops.length / 2))).phase).toBe("halfway");
    expect(derivePhase(familyProcessSupportModel, [], consulted(stops.length))).toMatchObject({
      phase: "completed",
      completedOn: addDays("2026-01-01", (stops.length - 1) * 10),
    });
  });

  it("makes the status: completed wins over an interruption", () => {
    expect(processStatus("completed", true)).toBe("completed");
    expect(processStatus("halfway", true)).toBe("interrupted");
    expect(processStatus("started", false)).toBe("active");
  });
});

describe("the transition", () => {
  const held = (key: string, heldOn: string): HeldMeeting => ({ meetingTypeKey: key, heldOn });
  const none = { held: [], consultations: [], interrupted: false };

  it("puts a new process where its facts say: the Sofiamöte held on the decision date does not start it", () => {
    expect(processState(sofiaModel, { ...none, held: [held("sofiamote", "2026-01-01")] })).toEqual({
      phase: "not_started",
      status: "active",
      startedOn: null,
      halfwayOn: null,
      completedOn: null,
    });
    expect(processState(familyProcessSupportModel, none)).toMatchObject({ phase: "not_started", status: "active" });
  });

  it("is the phase rule and the status rule together, for any facts (property)", () => {
    const meetingArb = fc.record({ meetingTypeKey: fc.constantFrom(...sofiaKeys), heldOn: dateArb });
    fc.assert(
      fc.property(fc.array(meetingArb, { maxLength: 8 }), fc.boolean(), (meetings, interrupted) => {
        const phase = derivePhase(sofiaModel, meetings);
        expect(processState(sofiaModel, { held: meetings, consultations: [], interrupted })).toEqual({
          ...phase,
          status: processStatus(phase.phase, interrupted),
        });
      }),
    );
  });

  it("moves a process when a meeting is held, and says when it did not move", () => {
    const from = { phase: "not_started", status: "active" } as const;
    const first = transition(sofiaModel, from, { ...none, held: [held("familjemote-1", "2026-02-01")] });
    expect(first).toMatchObject({ to: { phase: "started", status: "active", startedOn: "2026-02-01" }, moved: true });
    expect(first.cancelPlannedMeetings).toBe(false);
    const same = transition(sofiaModel, { phase: "started", status: "active" }, { ...none, held: [held("familjemote-1", "2026-02-01")] });
    expect(same.moved).toBe(false);
    const completed = transition(
      sofiaModel,
      { phase: "halfway", status: "active" },
      { ...none, held: [held("familjemote-3", "2026-04-01")] },
    );
    expect(completed.to).toMatchObject({ phase: "completed", status: "completed", completedOn: "2026-04-01" });
  });

  it("cancels the planned meetings only on entering an interruption; resuming and completing cancel nothing", () => {
    const started = { ...none, held: [held("familjemote-1", "2026-02-01")] };
    const interrupt = transition(sofiaModel, { phase: "started", status: "active" }, { ...started, interrupted: true });
    expect(interrupt).toMatchObject({ to: { phase: "started", status: "interrupted" }, moved: true, cancelPlannedMeetings: true });
    const stillInterrupted = transition(sofiaModel, { phase: "started", status: "interrupted" }, { ...started, interrupted: true });
    expect(stillInterrupted).toMatchObject({ moved: false, cancelPlannedMeetings: false });
    const resume = transition(sofiaModel, { phase: "started", status: "interrupted" }, started);
    expect(resume).toMatchObject({ to: { status: "active" }, moved: true, cancelPlannedMeetings: false });
    const completedWins = transition(
      sofiaModel,
      { phase: "halfway", status: "active" },
      { held: [held("familjemote-3", "2026-04-01")], consultations: [], interrupted: true },
    );
    expect(completedWins).toMatchObject({ to: { status: "completed" }, cancelPlannedMeetings: false });
  });
});

describe("the waits", () => {
  const input = {
    requestDate: "2026-10-01",
    meetingDate: "2026-10-11",
    assigned: { child_caseworker: "2026-10-13" } as Partial<Record<AssignmentRole, string>>,
    firstFamilyMeetingOn: null,
  };

  it("counts each step in days, an open one to today, and flags those over the limit", () => {
    const waits = processWaits(input, "2026-11-01", 14);
    expect(waits.map((w) => [w.step, w.days, w.ongoing, w.overLimit])).toEqual([
      ["request_to_meeting", 10, false, false],
      ["meeting_to_child_caseworker", 2, false, false],
      ["meeting_to_adult_caseworker", 21, true, true],
      ["meeting_to_process_leader", 21, true, true],
    ]);
  });

  it("stops counting when the process stopped", () => {
    const waits = processWaits({ ...input, closedOn: "2026-10-20" }, "2026-11-01", 14);
    expect(waits.find((w) => w.step === "meeting_to_adult_caseworker")).toMatchObject({
      days: 9,
      ongoing: false,
      to: null,
      overLimit: false,
    });
  });

  it("starts the wait for the first family meeting when both caseworkers are assigned (property: never negative, flagged exactly above the limit)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 1, max: 60 }),
        (toMeeting, toAssigned, sinceAssigned, limit) => {
          const meetingDate = addDays("2026-01-01", toMeeting);
          const assignedOn = addDays(meetingDate, toAssigned);
          const today = addDays(assignedOn, sinceAssigned);
          const waits = processWaits(
            {
              requestDate: "2026-01-01",
              meetingDate,
              assigned: { child_caseworker: assignedOn, adult_caseworker: meetingDate },
              firstFamilyMeetingOn: null,
            },
            today,
            limit,
          );
          const first = waits.find((w) => w.step === "assignment_to_first_meeting");
          expect(first).toMatchObject({ from: assignedOn, days: sinceAssigned, ongoing: true, overLimit: sinceAssigned > limit });
          for (const w of waits) expect(w.days).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});

describe("the series and the child meetings", () => {
  const children = [
    { id: "a", name: "Nio", birthDate: "2017-05-01" },
    { id: "b", name: "Tre", birthDate: "2023-05-01" },
  ];

  it("gives a child meeting only to children old enough on the request date", () => {
    const childMeeting = sofiaModel.meetingTypes.find((m) => m.scope === "child");
    if (!childMeeting) throw new Error("Sofiamodellen has a child meeting");
    expect(childrenFor(childMeeting, children, "2026-11-01").map((c) => c.id)).toEqual(["a"]);
    const series = meetingSeries(sofiaModel, children, "2026-11-01", []);
    expect(series.map((s) => s.type.key + (s.child ? `:${s.child.id}` : ""))).toEqual([
      "sofiamote",
      "familjemote-1",
      "barnmote:a",
      "familjemote-2",
      "familjemote-3",
    ]);
  });

  it("names the first step not held as the next", () => {
    const series = meetingSeries(sofiaModel, children, "2026-11-01", [
      { id: "m1", meetingTypeKey: "sofiamote", childId: null, status: "held", plannedDate: null, heldOn: "2026-11-02" },
      { id: "m2", meetingTypeKey: "familjemote-1", childId: null, status: "cancelled", plannedDate: "2026-11-05", heldOn: null },
    ]);
    const next = nextStep(series);
    expect(next?.type.key).toBe("familjemote-1");
    expect(next?.planned).toBe(false);
  });
});

describe("the consultation stops", () => {
  it("are due a number of days after their event, overdue after that, held when recorded", () => {
    const children = [{ id: "a", name: "A", birthDate: "2018-01-01" }];
    const events = { requestDate: "2026-09-01", meetingDate: "2026-09-05", heldMeetings: [], interventionsDecidedOn: null };
    const due = stopsDue(
      familyProcessSupportModel,
      children,
      events,
      [{ stopKey: "samrad-utredningsstart", childId: null, heldOn: "2026-09-20" }],
      "2026-11-01",
    );
    const byKey = (key: string) => due.find((d) => d.stop.key === key);
    expect(byKey("samrad-utredningsstart")).toMatchObject({ dueOn: "2026-09-15", state: "held", late: true });
    expect(byKey("barnkonsekvensanalys")).toMatchObject({ child: { id: "a" }, dueOn: "2026-10-31", state: "overdue" });
    expect(byKey("samrad-fore-bedomning")).toMatchObject({ dueOn: "2026-11-30", state: "due" });
    // The follow-up is counted from the first granted intervention, which has not come.
    expect(byKey("samrad-uppfoljning")).toMatchObject({ dueOn: null, state: "not_yet" });
  });
});
