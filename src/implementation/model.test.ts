import { describe, expect, it } from "vitest";
import { demoActivities } from "./demo.ts";
import {
  activityProblems,
  buildParticipation,
  meanOneDecimal,
  parseYearChoice,
  summariseKinds,
  type UnitCounts,
  yearPeriod,
} from "./model.ts";

const TODAY = "2026-11-27";
const base = { activityDate: "2026-03-12", status: "planned" as const, participants: null, cancelReason: null };

describe("the rules of an activity", () => {
  it("accepts a planned activity without participants and with expected ones, in the future too", () => {
    expect(activityProblems(base, TODAY)).toEqual({});
    expect(activityProblems({ ...base, activityDate: "2027-02-01", participants: 40 }, TODAY)).toEqual({});
  });

  it("needs the participants of a held activity, and a date that is not after today", () => {
    expect(activityProblems({ ...base, status: "held" }, TODAY)).toEqual({ participants: "implementation.participants.requiredWhenHeld" });
    expect(activityProblems({ ...base, status: "held", participants: 0 }, TODAY)).toEqual({});
    expect(activityProblems({ ...base, status: "held", participants: 24, activityDate: TODAY }, TODAY)).toEqual({});
    expect(activityProblems({ ...base, status: "held", participants: 24, activityDate: "2026-11-28" }, TODAY)).toEqual({
      activityDate: "implementation.date.heldInFuture",
    });
  });

  it("needs the reason of a cancelled activity and refuses a reason otherwise", () => {
    expect(activityProblems({ ...base, status: "cancelled" }, TODAY)).toEqual({ cancelReason: "implementation.cancelReason.required" });
    expect(activityProblems({ ...base, status: "cancelled", cancelReason: "   " }, TODAY)).toEqual({
      cancelReason: "implementation.cancelReason.required",
    });
    expect(activityProblems({ ...base, status: "cancelled", cancelReason: "Inställd på grund av pandemin" }, TODAY)).toEqual({});
    // A cancelled activity may be in the future and keep its expected participants.
    expect(
      activityProblems({ ...base, status: "cancelled", cancelReason: "Sjukdom", participants: 30, activityDate: "2027-01-01" }, TODAY),
    ).toEqual({});
    for (const status of ["planned", "held"] as const) {
      expect(activityProblems({ ...base, status, participants: 5, cancelReason: "Pandemin" }, TODAY)).toEqual({
        cancelReason: "implementation.cancelReason.onlyWhenCancelled",
      });
    }
  });

  it("refuses dates that do not exist or are outside 2000–2100", () => {
    for (const d of ["2026-02-30", "2026-3-12", "12/3/2026", "", "1999-12-31", "2101-01-01"]) {
      expect(activityProblems({ ...base, activityDate: d }, TODAY), d).toEqual({ activityDate: "implementation.date.invalid" });
    }
    expect(activityProblems({ ...base, activityDate: "2024-02-29" }, TODAY)).toEqual({});
  });
});

describe("counts per kind and status", () => {
  it("counts every kind, the held ones' participants only, and the totals", () => {
    const s = summariseKinds([
      { kind: "training", status: "held", participants: 24 },
      { kind: "training", status: "held", participants: 6 },
      { kind: "training", status: "planned", participants: 50 },
      { kind: "conference", status: "cancelled", participants: 60 },
      { kind: "analysis_seminar", status: "held", participants: 9 },
    ]);
    expect(s.kinds.map((k) => k.kind)).toEqual([
      "training",
      "inspiration_day",
      "analysis_seminar",
      "information_meeting",
      "conference",
      "other",
    ]);
    expect(s.kinds[0]).toEqual({ kind: "training", planned: 1, held: 2, cancelled: 0, participants: 30 });
    expect(s.kinds[4]).toEqual({ kind: "conference", planned: 0, held: 0, cancelled: 1, participants: 0 });
    expect(s.total).toEqual({ planned: 1, held: 3, cancelled: 1, participants: 39 });
  });
});

describe("the year of a filter", () => {
  it("reads a year, every year, or falls back; anything else is refused", () => {
    expect(parseYearChoice(undefined, 2026)).toBe(2026);
    expect(parseYearChoice("", 2026)).toBe(2026);
    expect(parseYearChoice("2024", 2026)).toBe(2024);
    expect(parseYearChoice("alla", 2026)).toBe("all");
    expect(parseYearChoice("all", 2026)).toBe("all");
    for (const bad of ["24", "1999", "2101", "2024-01", "x", ["2024"]]) expect(parseYearChoice(bad, 2026), String(bad)).toBeNull();
    expect(yearPeriod(2024)).toEqual({ from: "2024-01-01", to: "2024-12-31" });
    expect(yearPeriod("all")).toBeNull();
  });
});

describe("participation per unit", () => {
  const unit = (caseworkers: number, families: number[], extra: Partial<UnitCounts> = {}): UnitCounts => ({
    unitId: "u",
    unitName: "Enhet",
    caseworkers,
    familiesPerCaseworker: families,
    heldActivities: 2,
    heldParticipants: 27,
    ...extra,
  });

  it("rounds the mean to one decimal", () => {
    expect(meanOneDecimal([])).toBeNull();
    expect(meanOneDecimal([3, 1, 2, 5])).toBe(2.8);
    expect(meanOneDecimal([1, 2])).toBe(1.5);
    expect(meanOneDecimal([1, 1, 2])).toBe(1.3);
    expect(meanOneDecimal([2, 2, 3])).toBe(2.3);
  });

  it("shows every figure when both groups reach the minimum", () => {
    const [row] = buildParticipation([unit(10, [3, 1, 2, 5, 4])], 5);
    expect(row).toMatchObject({
      caseworkers: 10,
      participating: 5,
      share: 0.5,
      meanFamilies: 3,
      minFamilies: 1,
      maxFamilies: 5,
      suppressed: false,
      heldActivities: 2,
      heldParticipants: 27,
    });
  });

  it("hides a small group and the figure that would give it away, but never the activities", () => {
    // 4 of 7 took part: 4 and 3 are both under 5.
    const [row] = buildParticipation([unit(7, [3, 1, 2, 5])], 5);
    expect(row).toMatchObject({
      caseworkers: 7,
      participating: null,
      share: null,
      meanFamilies: null,
      minFamilies: null,
      maxFamilies: null,
      suppressed: true,
      heldActivities: 2,
      heldParticipants: 27,
    });
    // 5 of 6: the one who did not take part is hidden, so the 5 is hidden too (6 − 5 = 1).
    expect(buildParticipation([unit(6, [1, 1, 1, 1, 1])], 5)[0]).toMatchObject({ caseworkers: 6, participating: null, suppressed: true });
    // A unit under the minimum shows no count of people.
    expect(buildParticipation([unit(3, [1, 2, 2])], 5)[0]).toMatchObject({ caseworkers: null, participating: null, suppressed: true });
    // At the boundary the group is shown.
    expect(buildParticipation([unit(5, [1, 2, 2, 1, 4])], 5)[0]).toMatchObject({
      caseworkers: 5,
      participating: 5,
      share: 1,
      meanFamilies: 2,
      suppressed: false,
    });
  });

  it("shows zeros, which describe nobody", () => {
    expect(buildParticipation([unit(0, [])], 5)[0]).toMatchObject({
      caseworkers: 0,
      participating: 0,
      share: null,
      meanFamilies: null,
      suppressed: false,
    });
    expect(buildParticipation([unit(8, [])], 5)[0]).toMatchObject({
      caseworkers: 8,
      participating: 0,
      share: 0,
      meanFamilies: null,
      suppressed: false,
    });
  });
});

describe("the demo activities", () => {
  it("are valid, marked as demo examples, and include the cancelled conference and the held training", () => {
    const list = demoActivities(TODAY);
    for (const a of list) {
      expect(activityProblems(a, TODAY), a.theme).toEqual({});
      expect(a.notes).toContain("Exempel i demodata");
    }
    expect(list.find((a) => a.kind === "training")).toMatchObject({ status: "held", participants: 24 });
    expect(list.find((a) => a.kind === "conference")).toMatchObject({ status: "cancelled", cancelReason: "Inställd på grund av pandemin" });
  });
});
