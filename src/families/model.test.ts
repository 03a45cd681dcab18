import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { messages, translator } from "../platform/i18n.ts";
import {
  ageBand,
  ageBands,
  ageOn,
  type CaseTypeInput,
  type ChildUnitStatus,
  calendarDateInSweden,
  caseTypeChange,
  deriveCaseType,
  describeCaseType,
  describeCaseTypeChange,
  familyName,
  type GuardianUnitStatus,
  isWithinChildAgeRange,
  parseBirthDate,
  parseCaseFileNumber,
  parseIsoDate,
  parsePhone,
} from "./model.ts";

const DAY = 86_400_000;
const EPOCH_1900 = Date.UTC(1900, 0, 1);
/** A calendar date from a day number counted from 1900-01-01. */
const dayToIso = (n: number) => new Date(EPOCH_1900 + n * DAY).toISOString().slice(0, 10);
const isoToDay = (iso: string) => Math.round((Date.parse(`${iso}T00:00:00Z`) - EPOCH_1900) / DAY);
const anyDate = fc.integer({ min: 0, max: 200 * 366 }).map(dayToIso);

describe("calendar dates", () => {
  it("reads only dates that exist", () => {
    expect(parseIsoDate("2000-02-29")).toEqual({ year: 2000, month: 2, day: 29 });
    expect(parseIsoDate("1900-02-29")).toBeNull();
    expect(parseIsoDate("2026-04-31")).toBeNull();
    expect(parseIsoDate("2026-4-3")).toBeNull();
  });

  it("takes the Swedish date of an instant, in winter and in summer time", () => {
    expect(calendarDateInSweden(new Date("2026-11-27T22:59:00Z"))).toBe("2026-11-27");
    expect(calendarDateInSweden(new Date("2026-11-27T23:00:00Z"))).toBe("2026-11-28");
    expect(calendarDateInSweden(new Date("2026-06-30T21:59:00Z"))).toBe("2026-06-30");
    expect(calendarDateInSweden(new Date("2026-06-30T22:00:00Z"))).toBe("2026-07-01");
  });

  it("checks a typed birth date against the request date", () => {
    expect(parseBirthDate(" 2016-02-29 ", "2026-11-27")).toEqual({ ok: true, value: "2016-02-29" });
    expect(parseBirthDate("2026-11-27", "2026-11-27")).toEqual({ ok: true, value: "2026-11-27" });
    expect(parseBirthDate("2026-11-28", "2026-11-27")).toEqual({ ok: false, error: "families.birthDate.futureDate" });
    expect(parseBirthDate("2015-02-29", "2026-11-27")).toEqual({ ok: false, error: "families.birthDate.impossibleDate" });
    expect(parseBirthDate("29/2 2016", "2026-11-27")).toEqual({ ok: true, value: "2016-02-29" });
    expect(parseBirthDate("14 mars 2015", "2026-11-27")).toEqual({ ok: true, value: "2015-03-14" });
    expect(parseBirthDate("30/2 2015", "2026-11-27")).toEqual({ ok: false, error: "families.birthDate.impossibleDate" });
    expect(parseBirthDate("14/3 15", "2026-11-27")).toEqual({ ok: false, error: "families.birthDate.wrongFormat" });
    expect(parseBirthDate("", "2026-11-27")).toEqual({ ok: false, error: "families.birthDate.wrongFormat" });
  });
});

describe("age", () => {
  it("counts whole years, a 29 February birthday from 1 March in other years", () => {
    expect(ageOn("2016-02-29", "2017-02-28")).toBe(0);
    expect(ageOn("2016-02-29", "2017-03-01")).toBe(1);
    expect(ageOn("2016-02-29", "2020-02-28")).toBe(3);
    expect(ageOn("2016-02-29", "2020-02-29")).toBe(4);
    expect(ageOn("2014-11-27", "2026-11-26")).toBe(11);
    expect(ageOn("2014-11-27", "2026-11-27")).toBe(12);
    expect(ageOn("2026-11-27", "2026-11-27")).toBe(0);
    expect(ageOn("2026-11-28", "2026-11-27")).toBe(-1);
    expect(() => ageOn("2026-02-30", "2026-11-27")).toThrow(RangeError);
  });

  it("never goes down as the date moves on", () => {
    fc.assert(
      fc.property(anyDate, anyDate, anyDate, (birth, a, b) => {
        const [earlier, later] = a <= b ? [a, b] : [b, a];
        expect(ageOn(birth, earlier)).toBeLessThanOrEqual(ageOn(birth, later));
      }),
      { numRuns: 500 },
    );
  });

  it("goes up by exactly one on the birthday", () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 1, max: 120 }), (birth, years) => {
        const [y, m, d] = birth.split("-").map(Number) as [number, number, number];
        const year = y + years;
        const candidate = `${year}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
        const birthday = parseIsoDate(candidate) ? candidate : `${year}-03-01`;
        const dayBefore = dayToIso(isoToDay(birthday) - 1);
        expect(ageOn(birth, birthday)).toBe(years);
        expect(ageOn(birth, dayBefore)).toBe(years - 1);
      }),
      { numRuns: 500 },
    );
  });

  it("warns, without refusing, when a child is outside 0–12 on the request date", () => {
    expect(isWithinChildAgeRange("2014-11-28", "2026-11-27")).toEqual({ age: 11, within: true, warning: null });
    expect(isWithinChildAgeRange("2013-11-28", "2026-11-27")).toEqual({ age: 12, within: true, warning: null });
    expect(isWithinChildAgeRange("2013-11-27", "2026-11-27")).toEqual({
      age: 13,
      within: false,
      warning: { key: "families.age.tooOld", params: { age: 13, min: 0, max: 12 } },
    });
    expect(isWithinChildAgeRange("2026-11-27", "2026-11-27")).toMatchObject({ age: 0, within: true });
    expect(isWithinChildAgeRange("2026-12-01", "2026-11-27")).toMatchObject({
      within: false,
      warning: { key: "families.age.bornAfterRequest" },
    });
    expect(isWithinChildAgeRange("2022-01-01", "2026-11-27", { min: 6, max: 12 })).toMatchObject({
      age: 4,
      within: false,
      warning: { key: "families.age.tooYoung", params: { age: 4, min: 6, max: 12 } },
    });
  });

  it("gives a warning exactly when the age is outside the range", () => {
    fc.assert(
      fc.property(anyDate, anyDate, (birth, request) => {
        const check = isWithinChildAgeRange(birth, request);
        const age = ageOn(birth, request);
        expect(check.within).toBe(age >= 0 && age <= 12);
        expect(check.warning === null).toBe(check.within);
      }),
    );
  });

  it("puts ages in the statistics bands", () => {
    const expected: [number, string][] = [
      [0, "0–2"],
      [2, "0–2"],
      [3, "3–5"],
      [5, "3–5"],
      [6, "6–9"],
      [9, "6–9"],
      [10, "10–12"],
      [12, "10–12"],
      [13, "13–17"],
      [17, "13–17"],
      [18, "18+"],
      [97, "18+"],
    ];
    for (const [age, band] of expected) expect(ageBand(age), String(age)).toBe(band);
    expect(() => ageBand(-1)).toThrow(RangeError);
    expect(() => ageBand(2.5)).toThrow(RangeError);
  });

  it("has bands in order that never skip back", () => {
    fc.assert(
      fc.property(fc.nat(130), fc.nat(130), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(ageBands.indexOf(ageBand(lo))).toBeLessThanOrEqual(ageBands.indexOf(ageBand(hi)));
      }),
    );
  });
});

const child = (openAtChildUnit: boolean, investigationOpenedAfterReport = false): ChildUnitStatus => ({
  openAtChildUnit,
  investigationOpenedAfterReport,
});
const guardian = (openAtAddictionUnit: boolean, appliedAtAddictionUnit = false): GuardianUnitStatus => ({
  openAtAddictionUnit,
  appliedAtAddictionUnit,
});
const children = fc.array(fc.record({ openAtChildUnit: fc.boolean(), investigationOpenedAfterReport: fc.boolean() }), {
  minLength: 1,
  maxLength: 5,
});
const guardians = fc.array(fc.record({ openAtAddictionUnit: fc.boolean(), appliedAtAddictionUnit: fc.boolean() }), {
  minLength: 1,
  maxLength: 3,
});
const closedChildren = fc.array(fc.constant(child(false)), { minLength: 1, maxLength: 5 });
const closedGuardians = fc.array(fc.constant(guardian(false)), { minLength: 1, maxLength: 3 });

describe("case type: examples", () => {
  it("is Typ 1 when a child is open at a child unit and a parent at an addiction unit", () => {
    expect(deriveCaseType({ children: [child(true), child(false)], guardians: [guardian(true), guardian(false)] })).toEqual({
      caseType: 1,
      reasonKey: "families.caseType.reason.bothOpen",
      params: { childrenOpen: 1, children: 2, guardiansOpen: 1, guardians: 2 },
    });
  });

  it("is Typ 2 when a child is open and no parent is open at addiction", () => {
    expect(deriveCaseType({ children: [child(true)], guardians: [guardian(false), guardian(false)] })).toMatchObject({
      caseType: 2,
      reasonKey: "families.caseType.reason.childOnly",
    });
  });

  it("is Typ 3 when a parent is open at addiction and no child is open", () => {
    expect(deriveCaseType({ children: [child(false), child(false)], guardians: [guardian(true)] })).toMatchObject({
      caseType: 3,
      reasonKey: "families.caseType.reason.parentOnly",
    });
  });

  it("has no type, with a reason, when nobody is open or someone is missing", () => {
    expect(deriveCaseType({ children: [child(false)], guardians: [guardian(false)] })).toMatchObject({
      caseType: null,
      reasonKey: "families.caseType.reason.neitherOpen",
    });
    expect(deriveCaseType({ children: [], guardians: [guardian(true)] })).toMatchObject({
      caseType: null,
      reasonKey: "families.caseType.reason.noChildren",
    });
    expect(deriveCaseType({ children: [child(true)], guardians: [] })).toMatchObject({
      caseType: null,
      reasonKey: "families.caseType.reason.noGuardians",
    });
  });

  it("turns Typ 3 into Typ 1 when the child unit opens an investigation after the report", () => {
    const before = deriveCaseType({ children: [child(false)], guardians: [guardian(true)] });
    const after = deriveCaseType({ children: [child(false, true)], guardians: [guardian(true)] });
    expect(after).toMatchObject({ caseType: 1, reasonKey: "families.caseType.reason.investigationOpened" });
    const change = caseTypeChange(before, after);
    expect(change).toMatchObject({ from: 3, to: 1, messageKey: "families.caseType.change.investigationOpened" });
    expect(describeCaseTypeChange(change!, translator("sv"))).toBe(
      "Ärendetypen ändrades från Typ 3 till Typ 1: barnenheten har inlett en utredning efter anmälan.",
    );
  });

  it("turns Typ 2 into Typ 1 when the parent applies at the addiction unit", () => {
    const before = deriveCaseType({ children: [child(true)], guardians: [guardian(false)] });
    const after = deriveCaseType({ children: [child(true)], guardians: [guardian(false, true)] });
    expect(after).toMatchObject({ caseType: 1, reasonKey: "families.caseType.reason.parentApplied" });
    expect(describeCaseTypeChange(caseTypeChange(before, after)!, translator("en"))).toBe(
      "The case type changed from Type 2 to Type 1: the parent has applied for support at the addiction unit.",
    );
  });

  it("reports no change when the type stays, and a plain change otherwise", () => {
    const one = deriveCaseType({ children: [child(true)], guardians: [guardian(true)] });
    expect(caseTypeChange(one, deriveCaseType({ children: [child(true), child(true)], guardians: [guardian(true)] }))).toBeNull();
    const none = deriveCaseType({ children: [child(false)], guardians: [guardian(false)] });
    const change = caseTypeChange(one, none)!;
    expect(change).toMatchObject({ from: 1, to: null, messageKey: "families.caseType.change.other" });
    expect(describeCaseTypeChange(change, translator("sv"))).toBe("Ärendetypen ändrades från Typ 1 till Ingen ärendetyp.");
  });

  it("describes the type and its reason in words", () => {
    const result = deriveCaseType({ children: [child(false)], guardians: [guardian(true)] });
    expect(describeCaseType(result, translator("sv"))).toEqual({
      label: "Typ 3",
      reason:
        "En förälder är aktuell på en beroendeenhet, men inget barn är aktuellt på en barnenhet. En anmälan ska skickas till barnenheten. När barnenheten inleder en utredning blir ärendet Typ 1.",
    });
    expect(describeCaseType(result, translator("en")).label).toBe("Type 3");
  });
});

describe("case type: properties", () => {
  it("follows the rule for every family, with a reason in both languages", () => {
    fc.assert(
      fc.property(children, guardians, (cs, gs) => {
        const result = deriveCaseType({ children: cs, guardians: gs });
        const anyChild = cs.some((c) => c.openAtChildUnit || c.investigationOpenedAfterReport);
        const anyGuardian = gs.some((g) => g.openAtAddictionUnit || g.appliedAtAddictionUnit);
        const expected = anyChild && anyGuardian ? 1 : anyChild ? 2 : anyGuardian ? 3 : null;
        expect(result.caseType).toBe(expected);
        expect(messages.sv[result.reasonKey]).toBeTruthy();
        expect(messages.en[result.reasonKey]).toBeTruthy();
      }),
      { numRuns: 500 },
    );
  });

  it("is Typ 1 whenever a child is open at a child unit and a parent is open at an addiction unit", () => {
    fc.assert(
      fc.property(children, guardians, fc.nat(), fc.nat(), (cs, gs, i, j) => {
        const input: CaseTypeInput = {
          children: cs.map((c, k) => (k === i % cs.length ? { ...c, openAtChildUnit: true } : c)),
          guardians: gs.map((g, k) => (k === j % gs.length ? { ...g, openAtAddictionUnit: true } : g)),
        };
        expect(deriveCaseType(input).caseType).toBe(1);
      }),
    );
  });

  it("does not depend on the order of the children or the guardians", () => {
    fc.assert(
      fc.property(children, guardians, (cs, gs) => {
        const forward = deriveCaseType({ children: cs, guardians: gs });
        const backward = deriveCaseType({ children: [...cs].reverse(), guardians: [...gs].reverse() });
        expect(backward).toEqual(forward);
      }),
    );
  });

  it("turns any Typ 3 into Typ 1 when an investigation is opened for one child", () => {
    fc.assert(
      fc.property(closedChildren, guardians, fc.nat(), fc.nat(), (cs, gs, i, j) => {
        const openGuardians = gs.map((g, k) => (k === j % gs.length ? { ...g, openAtAddictionUnit: true } : g));
        const before = deriveCaseType({ children: cs, guardians: openGuardians });
        expect(before.caseType).toBe(3);
        const investigated = cs.map((c, k) => (k === i % cs.length ? { ...c, investigationOpenedAfterReport: true } : c));
        const after = deriveCaseType({ children: investigated, guardians: openGuardians });
        expect(after.caseType).toBe(1);
        expect(caseTypeChange(before, after)?.messageKey).toBe("families.caseType.change.investigationOpened");
      }),
    );
  });

  it("turns any Typ 2 into Typ 1 when one parent applies at the addiction unit", () => {
    fc.assert(
      fc.property(children, closedGuardians, fc.nat(), fc.nat(), (cs, gs, i, j) => {
        const openChildren = cs.map((c, k) => (k === i % cs.length ? { ...c, openAtChildUnit: true } : c));
        const before = deriveCaseType({ children: openChildren, guardians: gs });
        expect(before.caseType).toBe(2);
        const applied = gs.map((g, k) => (k === j % gs.length ? { ...g, appliedAtAddictionUnit: true } : g));
        const after = deriveCaseType({ children: openChildren, guardians: applied });
        expect(after.caseType).toBe(1);
        expect(caseTypeChange(before, after)?.messageKey).toBe("families.caseType.change.parentApplied");
      }),
    );
  });
});

describe("familyName", () => {
  const t = translator("sv");
  const persons = [
    { kind: "guardian", name: "Anna Testsson", birthDate: "1990-01-01" },
    { kind: "guardian", name: "Per Testsson", birthDate: "1988-01-01" },
    { kind: "child", name: "Elin Testsson", birthDate: "2019-05-01" },
    { kind: "child", name: "Malte Testsson", birthDate: "2022-06-01" },
  ];

  it("names the guardians' surnames once, the children's first names and ages, and the case-file number", () => {
    const name = familyName({ requestDate: "2026-10-26", on: "2026-12-06", caseFileNumber: "2026-123", persons }, t);
    expect(name.full).toBe("Familjen Testsson (Elin 7 år, Malte 4 år), akt 2026-123");
    expect(name.named).toBe(true);
  });

  it("joins two different surnames with a slash", () => {
    const two = [...persons.slice(0, 1), { kind: "guardian", name: "Bo Berg", birthDate: "1980-01-01" }];
    expect(familyName({ requestDate: "2026-10-26", on: "2026-12-06", caseFileNumber: null, persons: two }, t).full).toBe(
      "Familjen Testsson/Berg",
    );
  });

  it("names no one in the minimal view", () => {
    const name = familyName({ requestDate: "2026-10-26", on: "2026-12-06", caseFileNumber: "2026-123", persons: null }, t);
    expect(name).toEqual({
      name: "Familj med förfrågan 2026-10-26",
      children: "",
      caseFile: "",
      full: "Familj med förfrågan 2026-10-26",
      named: false,
    });
  });
});

describe("parseCaseFileNumber", () => {
  it.each([
    ["123456", "123456"],
    ["2026-123", "2026-123"],
    ["2026/00123", "2026/00123"],
    ["26-123", "26-123"],
    [" sn  2026/123 ", "SN 2026/123"],
    ["IFN-2026-0123", "IFN-2026-0123"],
    ["SOC 2026:45", "SOC 2026:45"],
    ["", null],
  ])("accepts %j as %j", (input, value) => {
    expect(parseCaseFileNumber(input)).toEqual({ ok: true, value });
  });

  it.each(["abc", "2026-", "2026--12", "<script>", "1234567890123", "ABCDEFG 2026-1", "2026-123-456", "12 34"])("refuses %j", (input) => {
    expect(parseCaseFileNumber(input)).toEqual({ ok: false, error: "families.caseFile.invalid" });
  });
});

describe("parsePhone", () => {
  it("accepts Swedish and international numbers and refuses garbage", () => {
    expect(parsePhone("070-123 45 67")).toEqual({ ok: true, value: "070-123 45 67" });
    expect(parsePhone("+46 70 123 45 67")).toEqual({ ok: true, value: "+46 70 123 45 67" });
    expect(parsePhone("")).toEqual({ ok: true, value: null });
    expect(parsePhone("123")).toEqual({ ok: false, error: "families.contact.phoneInvalid" });
    expect(parsePhone("ring mig")).toEqual({ ok: false, error: "families.contact.phoneInvalid" });
  });
});
