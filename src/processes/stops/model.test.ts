import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays } from "../../platform/dates.ts";
import { familyProcessSupportModel } from "../../workmodels/index.ts";
import { supportDateErrors, supportState } from "../support/index.ts";
import { chartPoints, doneDateProblem, stopFor, validTicks } from "./model.ts";

const TODAY = "2026-11-20";

describe("a date something was done", () => {
  it("is a real date, not in the future, not before the request", () => {
    expect(doneDateProblem("2026-11-20", TODAY, "2026-10-01")).toBeNull();
    expect(doneDateProblem("2026-10-01", TODAY, "2026-10-01")).toBeNull();
    expect(doneDateProblem("2026-11-21", TODAY, "2026-10-01")).toBe("future");
    expect(doneDateProblem("2026-09-30", TODAY, "2026-10-01")).toBe("beforeRequest");
    expect(doneDateProblem("2026-02-29", TODAY)).toBe("invalid");
    expect(doneDateProblem("20261120", TODAY)).toBe("invalid");
  });
});

describe("the stop of a model", () => {
  it("fits its scope: a per-child stop needs a child, a family stop has none", () => {
    const content = familyProcessSupportModel;
    expect(stopFor(content, "barnkonsekvensanalys", "c")?.key).toBe("barnkonsekvensanalys");
    expect(stopFor(content, "barnkonsekvensanalys", null)).toBeUndefined();
    expect(stopFor(content, "samrad-utredningsstart", null)?.key).toBe("samrad-utredningsstart");
    expect(stopFor(content, "samrad-utredningsstart", "c")).toBeUndefined();
    expect(stopFor(content, "nope", null)).toBeUndefined();
  });

  it("takes only ticks of its checklist, each once, in order", () => {
    const stop = familyProcessSupportModel.stops[0];
    if (!stop) throw new Error("no stop");
    expect(validTicks(stop, [2, 0, 2])).toEqual([0, 2]);
    expect(validTicks(stop, [stop.checklist.length])).toBeNull();
    expect(validTicks(stop, [-1])).toBeNull();
  });
});

describe("further support's dates", () => {
  it("needs an application or a grant, a grant not before the application, an end only after a grant", () => {
    const none = { appliedOn: null, grantedOn: null, endedOn: null };
    expect(supportDateErrors(none, TODAY)).toEqual({ appliedOn: "support.date.appliedOrGranted" });
    expect(supportDateErrors({ ...none, appliedOn: "2026-11-01", grantedOn: "2026-11-01" }, TODAY)).toEqual({});
    expect(supportDateErrors({ ...none, appliedOn: "2026-11-02", grantedOn: "2026-11-01" }, TODAY)).toEqual({
      grantedOn: "support.date.grantedBeforeApplied",
    });
    expect(supportDateErrors({ ...none, appliedOn: "2026-11-02", endedOn: "2026-11-03" }, TODAY)).toEqual({
      endedOn: "support.date.endedWithoutGrant",
    });
    expect(supportDateErrors({ ...none, grantedOn: "2026-11-02", endedOn: "2026-11-21" }, TODAY)).toEqual({
      endedOn: "support.date.future",
    });
    expect(supportState({ ...none, appliedOn: "2026-11-02" })).toBe("applied");
    expect(supportState({ ...none, grantedOn: "2026-11-02" })).toBe("granted");
    expect(supportState({ ...none, grantedOn: "2026-11-02", endedOn: "2026-11-03" })).toBe("ended");
  });

  it("accepts any ordered past dates and refuses any future one", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), (a, g, e) => {
        const appliedOn = addDays(TODAY, -(a + g + e));
        const grantedOn = addDays(appliedOn, g);
        const endedOn = addDays(grantedOn, e);
        expect(supportDateErrors({ appliedOn, grantedOn, endedOn }, TODAY)).toEqual({});
        expect(supportDateErrors({ appliedOn, grantedOn, endedOn: addDays(TODAY, 1 + e) }, TODAY)).toEqual({
          endedOn: "support.date.future",
        });
      }),
    );
  });
});

describe("the safety chart's points", () => {
  it("spreads the ratings by date and puts 10 at the top and 0 at the bottom", () => {
    const points = chartPoints(
      [
        { ratedOn: "2026-11-01", score: 0 },
        { ratedOn: "2026-11-11", score: 10 },
        { ratedOn: "2026-11-21", score: 5 },
      ],
      120,
      60,
      10,
    );
    expect(points).toEqual([
      { x: 10, y: 50 },
      { x: 60, y: 10 },
      { x: 110, y: 30 },
    ]);
    expect(chartPoints([{ ratedOn: "2026-11-01", score: 4 }], 120, 60, 10)).toEqual([{ x: 60, y: 34 }]);
    expect(chartPoints([], 120, 60, 10)).toEqual([]);
  });

  it("stays inside the box whatever the ratings", () => {
    const rating = fc.record({
      ratedOn: fc.integer({ min: 0, max: 800 }).map((d) => addDays("2025-01-01", d)),
      score: fc.integer({ min: 0, max: 10 }),
    });
    fc.assert(
      fc.property(fc.array(rating, { minLength: 1, maxLength: 30 }), (ratings) => {
        const sorted = [...ratings].sort((a, b) => a.ratedOn.localeCompare(b.ratedOn));
        for (const p of chartPoints(sorted, 300, 100, 10)) {
          expect(p.x).toBeGreaterThanOrEqual(10);
          expect(p.x).toBeLessThanOrEqual(290);
          expect(p.y).toBeGreaterThanOrEqual(10);
          expect(p.y).toBeLessThanOrEqual(90);
        }
      }),
    );
  });
});
