import { describe, expect, it } from "vitest";
import { checkRecord, guessMapping, readAggregateRows, readOutcomeRows, readRecordRows, readYesNo, yearsAfter } from "./model.ts";

describe("outcome rules", () => {
  it("records school attendance only with consent, and asks for it with consent", () => {
    expect(
      checkRecord({ outcome: "recorded", emergencyPlacement: false, reReferral: true, schoolConsent: false, schoolAttendance: "kept" }),
    ).toEqual({
      ok: false,
      errors: { schoolAttendance: "outcomes.error.attendanceWithoutConsent" },
    });
    expect(checkRecord({ outcome: "recorded", emergencyPlacement: false, reReferral: true, schoolConsent: true })).toMatchObject({
      ok: false,
      errors: { schoolAttendance: "outcomes.error.attendanceRequired" },
    });
    expect(checkRecord({ outcome: "recorded", emergencyPlacement: false, reReferral: true, schoolConsent: false })).toMatchObject({
      ok: true,
      values: { status: "recorded", schoolConsent: false, schoolAttendance: null },
    });
    expect(checkRecord({ outcome: "not_possible", notPossibleReason: "  " })).toMatchObject({ ok: false });
  });

  it("reads yes and no as an extract writes them", () => {
    expect(["ja", "Ja", "JA", "1", "j", "yes"].map(readYesNo)).toEqual([true, true, true, true, true, true]);
    expect(["nej", "Nej", "0", "n", "no"].map(readYesNo)).toEqual([false, false, false, false, false]);
    expect(readYesNo("kanske")).toBeUndefined();
  });

  it("puts 29 February a year on as 28 February", () => {
    expect(yearsAfter("2024-02-29", 1)).toBe("2025-02-28");
    expect(yearsAfter("2024-02-29", 4)).toBe("2028-02-29");
  });
});

describe("reading files", () => {
  it("guesses the columns from the header, and a chosen column wins", () => {
    const header = ["Pnr", "Horisont", "Akut placering", "Ny aktualisering", "Samtycke", "Skolnärvaro"];
    expect(guessMapping("outcomes", header)).toEqual({
      identityNumber: 0,
      horizon: 1,
      emergencyPlacement: 2,
      reReferral: 3,
      schoolConsent: 4,
      schoolAttendance: 5,
    });
    expect(guessMapping("outcomes", header, { schoolAttendance: "" }).schoolAttendance).toBeUndefined();
  });

  it("lists every bad row of an extract with its column", () => {
    const table = [
      ["personnummer", "horisont", "akut placering", "ny aktualisering", "samtycke", "skolnärvaro"],
      ["19121212-1212", "1", "nej", "nej", "nej", ""],
      ["191212121213", "3", "nej", "nej", "nej", ""],
      ["191212121212", "1", "nej", "nej", "ja", ""],
    ];
    const r = readOutcomeRows(table, guessMapping("outcomes", table[0] ?? []), "2026-01-01");
    expect(r.rows).toHaveLength(1);
    expect(r.errors.map((e) => [e.row, e.column, e.messageKey])).toEqual([
      [3, "identityNumber", "outcomes.import.identityInvalid"],
      [3, "horizon", "outcomes.import.horizonInvalid"],
      [4, "schoolAttendance", "outcomes.import.attendanceRequired"],
      [4, "identityNumber", "outcomes.import.duplicate"],
    ]);
  });

  it("refuses a comparison file with a column of names or identity numbers", () => {
    const named = [
      ["referensdatum", "horisont", "namn"],
      ["2024-01-01", "1", "Anna"],
    ];
    expect(readRecordRows(named, guessMapping("comparison_records", named[0] ?? [])).errors).toEqual([
      { row: 1, column: "_file", messageKey: "outcomes.import.personalColumn", params: { column: "namn" } },
    ]);
    const numbers = [
      ["referensdatum", "horisont", "id"],
      ["2024-01-01", "1", "19121212-1212"],
    ];
    expect(readRecordRows(numbers, guessMapping("comparison_records", numbers[0] ?? [])).errors[0]?.messageKey).toBe(
      "outcomes.import.personalColumn",
    );
  });

  it("reads dates as Swedes type them (20/12 2026, 1 jan 2024) and refuses one without its year", () => {
    const table = [
      ["mått", "horisont", "från", "till", "antal", "totalt"],
      ["akut placering", "1", "1 jan 2024", "20/12 2026", "3", "40"],
      ["akut placering", "2", "1/1 2024", "20/12", "3", "40"],
    ];
    const r = readAggregateRows(table, guessMapping("comparison_aggregates", table[0] ?? []));
    expect(r.rows.map((x) => [x.periodFrom, x.periodTo])).toEqual([["2024-01-01", "2026-12-20"]]);
    expect(r.errors.map((e) => [e.row, e.column, e.messageKey])).toEqual([[3, "periodTo", "outcomes.import.dateInvalid"]]);
  });

  it("reads aggregates and checks counts and periods", () => {
    const table = [
      ["mått", "horisont", "från", "till", "antal", "totalt"],
      ["akut placering", "1", "2024-01-01", "2024-12-31", "3", "40"],
      ["ny aktualisering", "", "2024-01-01", "2024-12-31", "41", "40"],
    ];
    const r = readAggregateRows(table, guessMapping("comparison_aggregates", table[0] ?? []));
    expect(r.rows).toEqual([
      {
        row: 2,
        measure: "emergency_placement",
        horizon: 1,
        periodFrom: "2024-01-01",
        periodTo: "2024-12-31",
        numerator: 3,
        denominator: 40,
      },
    ]);
    expect(r.errors).toEqual([{ row: 3, column: "numerator", messageKey: "outcomes.import.numeratorTooLarge" }]);
  });
});
