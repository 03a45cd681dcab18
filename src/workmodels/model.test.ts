import { describe, expect, it } from "vitest";
import { versionNumber } from "../platform/versioned.ts";
import { applyForm, fieldOf, formValues } from "./form.ts";
import { appliesToChildAge, contentSchema, meetingMarking } from "./model.ts";
import { familyProcessSupportModel, sofiaModel } from "./seed.ts";

const issues = (content: unknown) => contentSchema.safeParse(content).error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`) ?? [];

describe("work model content", () => {
  it("accepts both seeded models", () => {
    expect(issues(sofiaModel)).toEqual([]);
    expect(issues(familyProcessSupportModel)).toEqual([]);
  });

  it("derives progress marks and who gets a child meeting", () => {
    expect(meetingMarking(sofiaModel, "completed")?.name).toBe("Familjemöte 3");
    expect(meetingMarking(familyProcessSupportModel, "started")).toBeUndefined();
    const child = sofiaModel.meetingTypes.find((m) => m.scope === "child");
    if (!child) throw new Error("no child meeting");
    expect(appliesToChildAge(child, 5)).toBe(false);
    expect(appliesToChildAge(child, 6)).toBe(true);
  });

  it("refuses duplicate keys, marks out of order, a child meeting without age and a dangling meeting reference", () => {
    const [first, second] = sofiaModel.meetingTypes;
    if (!first || !second) throw new Error("seed changed");
    const bad = {
      meetingTypes: [
        { ...second, marksProgress: "completed" },
        { ...first, key: second.key, marksProgress: "started" },
        { ...first, key: "barn", scope: "child", minChildAge: null },
      ],
      stops: [{ ...familyProcessSupportModel.stops[0], due: { event: "meeting_held", meetingTypeKey: "finns-inte", days: 3 } }],
    };
    expect(issues(bad)).toEqual([
      "meetingTypes.1.key: workmodels.error.duplicateKey",
      "meetingTypes.2.minChildAge: workmodels.error.minAge",
      "meetingTypes.1.marksProgress: workmodels.error.progressOrder",
      "stops.0.due.meetingTypeKey: workmodels.error.dueMeeting",
    ]);
  });
});

describe("the edit form", () => {
  it("round-trips the content through its fields", () => {
    expect(applyForm(sofiaModel, formValues(sofiaModel))).toEqual(sofiaModel);
    expect(applyForm(familyProcessSupportModel, formValues(familyProcessSupportModel))).toEqual(familyProcessSupportModel);
  });

  it("reads one checklist item per line and refuses a non-number age", () => {
    const values = { ...formValues(sofiaModel), "meetingTypes.2.checklist": " a \r\n\r\nb\n", "meetingTypes.2.minChildAge": "4 år" };
    const content = applyForm(sofiaModel, values);
    expect(content.meetingTypes[2]?.checklist).toEqual(["a", "b"]);
    expect(issues(content)).toEqual(["meetingTypes.2.minChildAge: workmodels.error.minAge"]);
  });

  it("names the field of an error", () => {
    expect(fieldOf("content.meetingTypes.1.checklist.3")).toBe("meetingTypes.1.checklist");
    expect(fieldOf("content.stops.0.due.days")).toBe("stops.0.due.days");
  });

  it("reads a version number from a URL", () => {
    expect(versionNumber("3")).toBe(3);
    expect(versionNumber("03")).toBe(0);
    expect(versionNumber("-1")).toBe(0);
    expect(versionNumber("1e3")).toBe(0);
  });
});
