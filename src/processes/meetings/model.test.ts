import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sofiaModel } from "../../workmodels/index.ts";
import {
  caseTypeOfPersons,
  dateError,
  endOf,
  escapeText,
  foldLine,
  holdInput,
  icsCalendar,
  planInput,
  recordErrors,
  recordFields,
  storedRecord,
  unfold,
} from "./model.ts";

const type = (key: string) => {
  const found = sofiaModel.meetingTypes.find((m) => m.key === key);
  if (!found) throw new Error(key);
  return found;
};
const emptyRecord = () => recordFields.parse({});

describe("dates of meetings", () => {
  it("refuses an impossible date, a date after the latest and one before the earliest", () => {
    expect(dateError("2026-02-30", {})).toBe("meetings.date.invalid");
    expect(dateError("3.12.2026", {})).toBe("meetings.date.invalid");
    expect(dateError("2026-11-28", { latest: "2026-11-27" })).toBe("meetings.date.future");
    expect(dateError("2026-11-09", { earliest: "2026-11-10" })).toBe("meetings.date.beforeSofiamote");
    expect(dateError("2026-11-10", { earliest: "2026-11-10", latest: "2026-11-10" })).toBeNull();
  });

  it("ends a meeting across midnight and a month", () => {
    expect(endOf("2026-12-03", "09:30", 60)).toEqual({ date: "2026-12-03", time: "10:30" });
    expect(endOf("2026-12-31", "23:30", 90)).toEqual({ date: "2027-01-01", time: "01:00" });
    expect(endOf("2028-02-28", "22:00", 480)).toEqual({ date: "2028-02-29", time: "06:00" });
  });
});

describe("the input schemas", () => {
  it("take a time and a date as Swedes type them, stored as HH:MM and YYYY-MM-DD, and a length of 15–480 whole minutes", () => {
    const base = { meetingTypeKey: "familjemote-1", plannedDate: "2026-12-03", place: "Rum 3", durationMinutes: 60 };
    for (const typed of ["09:30", "9:30", "9.30", "0930"]) {
      expect(planInput.parse({ ...base, plannedTime: typed }).plannedTime).toBe("09:30");
    }
    expect(planInput.parse({ ...base, plannedDate: "3 dec 2026", plannedTime: "9" })).toMatchObject({
      plannedDate: "2026-12-03",
      plannedTime: "09:00",
    });
    for (const bad of ["24:00", "09:60", "nio", ""]) {
      const r = planInput.safeParse({ ...base, plannedTime: bad });
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]?.message).toBe("meetings.plan.timeInvalid");
    }
    for (const minutes of [14, 481, 30.5, Number.NaN]) {
      const r = planInput.safeParse({ ...base, plannedTime: "09:30", durationMinutes: minutes });
      expect(r.error?.issues[0]?.message).toBe("meetings.plan.durationInvalid");
    }
  });

  it("limits the summary's length", () => {
    const r = holdInput.safeParse({ version: 1, heldOn: "2026-11-20", summary: { discussed: "x".repeat(1001) } });
    expect(r.error?.issues[0]?.path).toEqual(["summary", "discussed"]);
    expect(r.error?.issues[0]?.message).toBe("meetings.summary.tooLong");
  });
});

describe("what a held meeting's record must have", () => {
  it("a family meeting: only checklist items of its type", () => {
    expect(recordErrors(type("familjemote-1"), emptyRecord())).toEqual({});
    expect(recordErrors(type("familjemote-1"), { ...emptyRecord(), checklistDone: [7] })).toEqual({
      checklistDone: "meetings.checklist.unknown",
    });
  });

  it("a child meeting: what the child was told and whether the child could express views", () => {
    expect(recordErrors(type("barnmote"), emptyRecord())).toEqual({
      childTold: "meetings.child.toldRequired",
      childViews: "meetings.child.viewsRequired",
    });
    expect(recordErrors(type("barnmote"), { ...emptyRecord(), childTold: "Att det inte är hens fel.", childViews: "partly" })).toEqual({});
  });

  it("the completing meeting: every part of the safety plan, with a prefix for the API's edit", () => {
    expect(recordErrors(type("familjemote-3"), emptyRecord(), "record.")).toEqual({
      "record.safetyPlan.warningSigns": "meetings.safetyPlan.warningSignsRequired",
      "record.safetyPlan.childActions": "meetings.safetyPlan.childActionsRequired",
      "record.safetyPlan.adultActions": "meetings.safetyPlan.adultActionsRequired",
      "record.safetyPlan.agreedWithFamily": "meetings.safetyPlan.agreedRequired",
    });
  });

  it("stores only what the type asks for, the checklist sorted without duplicates", () => {
    const record = {
      ...emptyRecord(),
      checklistDone: [3, 1, 3],
      childTold: "x",
      childViews: "yes" as const,
      safetyPlan: { warningSigns: "a", childActions: "b", adultActions: "c", agreedWithFamily: "yes" as const },
    };
    const family = storedRecord(type("familjemote-1"), record);
    expect(family.checklistDone).toEqual([1, 3]);
    expect(family.childTold).toBeNull();
    expect(family.safetyPlan).toBeNull();
    expect(storedRecord(type("familjemote-3"), record).safetyPlan).toEqual({
      warningSigns: "a",
      childActions: "b",
      adultActions: "c",
      agreedWithFamily: true,
    });
  });
});

describe("the case type after an application at a meeting", () => {
  it("turns Typ 2 into Typ 1 when the guardian has applied", () => {
    const child = { kind: "child", unitId: "u1", applied: false, investigationOpened: false };
    const guardian = { kind: "guardian", unitId: null, applied: false, investigationOpened: false };
    expect(caseTypeOfPersons([child, guardian]).caseType).toBe(2);
    expect(caseTypeOfPersons([child, { ...guardian, applied: true }]).caseType).toBe(1);
  });
});

describe("the iCalendar file", () => {
  const event = {
    uid: "0b4c7c1e-2f4e-4f6b-9a0e-1c2d3e4f5a6b@sofia",
    stamp: new Date("2026-11-27T15:04:05.123Z"),
    sequence: 2,
    date: "2026-12-03",
    time: "09:30",
    durationMinutes: 90,
    summary: "Sofia: Familjemöte 1",
    location: "Socialkontoret, rum 3; plan 2",
    description: "Se Sofia för detaljer.",
    cancelled: false,
  };

  it("is one VEVENT in Stockholm time with a VTIMEZONE, CRLF after every line", () => {
    const ics = icsCalendar(event);
    expect(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")).toBe(true);
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const text = unfold(ics);
    expect(text).toContain("BEGIN:VTIMEZONE\r\nTZID:Europe/Stockholm\r\n");
    expect(text).toContain("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU");
    expect(text).toContain("DTSTART;TZID=Europe/Stockholm:20261203T093000\r\n");
    expect(text).toContain("DTEND;TZID=Europe/Stockholm:20261203T110000\r\n");
    expect(text).toContain("DTSTAMP:20261127T150405Z\r\n");
    expect(text).toContain("UID:0b4c7c1e-2f4e-4f6b-9a0e-1c2d3e4f5a6b@sofia\r\n");
    expect(text).toContain("SUMMARY:Sofia: Familjemöte 1\r\n");
    expect(text).toContain("LOCATION:Socialkontoret\\, rum 3\\; plan 2\r\n");
    expect(text).toContain("STATUS:CONFIRMED\r\n");
    expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(icsCalendar({ ...event, cancelled: true })).toContain("STATUS:CANCELLED\r\n");
  });

  it("folds long lines at 75 octets without splitting a character", () => {
    const ics = icsCalendar({ ...event, location: "Å".repeat(100) });
    for (const line of ics.split("\r\n")) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
    expect(unfold(ics)).toContain(`LOCATION:${"Å".repeat(100)}\r\n`);
  });

  it("escapes text values", () => {
    expect(escapeText("a\\b;c,d\ne")).toBe("a\\\\b\\;c\\,d\\ne");
  });

  it("folding keeps every line within 75 octets and unfolds to the original (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 400 }), (s) => {
        const line = `DESCRIPTION:${s.replace(/[\r\n]/g, "")}`;
        const folded = foldLine(line);
        for (const part of folded) expect(Buffer.byteLength(part, "utf8")).toBeLessThanOrEqual(75);
        expect(unfold(folded.join("\r\n"))).toBe(line);
      }),
    );
  });
});
