/** The research export's pure rules: pseudonyms, date reduction, the long-format rows, CSV and the codebook's coverage. */
import { describe, expect, it } from "vitest";
import { csvLine } from "../platform/csv.ts";
import { decodeForm } from "../platform/form-decode.ts";
import { codebookVariables, renderCodebook } from "./codebook.ts";
import {
  type ExportOptions,
  type FamilyData,
  familyRows,
  interval,
  meetingVariable,
  type PersonData,
  PSEUDONYM_ALPHABET,
  Pseudonyms,
  pseudonymPattern,
  type ResponseData,
  reduceDate,
  shuffled,
  surveyVariable,
  variable,
  variables,
} from "./model.ts";
import { exportBody } from "./schemas.ts";

/** The form as the page posts it, decoded by the API body as the page does (both options always shown). */
const exportForm = {
  safeParse: (body: Record<string, string>) =>
    exportBody.safeParse(decodeForm(exportBody, body, { shown: ["exactDates", "caseTypeAndHousehold"] })),
  parse: (body: Record<string, string>) =>
    exportBody.parse(decodeForm(exportBody, body, { shown: ["exactDates", "caseTypeAndHousehold"] })),
};

const options: ExportOptions = { from: "2024-01-01", to: "2026-12-31", exactDates: false, caseTypeAndHousehold: true };

const family: FamilyData = {
  requestId: "7f3c1b6e-0000-4000-8000-000000000001",
  requestDate: "2025-03-14",
  caseType: 1,
  household: "separated",
  custody: "joint",
  decision: "stopped",
  stopReason: "declined",
  sofiaMeetingDate: "2025-03-28",
  processStatus: "interrupted",
  phase: "halfway",
  interruptedIn: "halfway",
  firstFamilyMeetingDate: "2025-04-20",
  completedDate: "2025-09-01",
  supportSought: true,
  supportGranted: false,
  meetingsHeld: [
    { key: "sofiamote", count: 1 },
    { key: "familjemote-1", count: 0 },
  ],
};
const persons: PersonData[] = [
  {
    requestId: family.requestId,
    kind: "guardian",
    relation: "parent",
    substanceProblem: "yes",
    attitude: "ambivalent",
    ageAtRequest: null,
    gender: null,
  },
  { requestId: family.requestId, kind: "child", relation: null, substanceProblem: null, attitude: null, ageAtRequest: 9, gender: "girl" },
];
const responses: ResponseData[] = [
  {
    requestId: family.requestId,
    responseId: "resp-1",
    instrument: "sofia-4q-parent",
    respondentRole: "parent_with_problem",
    answers: [
      { item: "q1", value: 3 },
      { item: "q2", value: null },
    ],
  },
];

describe("pseudonyms", () => {
  it("are unique within an export, of the documented form, and use crypto randomness", () => {
    const p = new Pseudonyms();
    const made = Array.from({ length: 5000 }, (_, i) => p.next(i % 3 === 0 ? "F" : i % 3 === 1 ? "P" : "S"));
    expect(new Set(made).size).toBe(made.length);
    for (const s of made) expect(s).toMatch(pseudonymPattern);
    // Every letter of the alphabet is used somewhere: not a counter.
    const letters = new Set(made.flatMap((s) => [...s.slice(2)]));
    expect(letters.size).toBe(PSEUDONYM_ALPHABET.length);
  });

  it("differ between exports of the same data and have no relation to the ids", () => {
    const a = familyRows(family, persons, responses, options, new Pseudonyms());
    const b = familyRows(family, persons, responses, options, new Pseudonyms());
    const names = (rows: string[][]) => new Set(rows.flatMap((r) => [r[0], r[1], r[2]]).filter((x): x is string => !!x && x !== "-"));
    const inA = names(a);
    const inB = names(b);
    expect([...inA].filter((x) => inB.has(x))).toEqual([]);
    const idChars = family.requestId.replace(/-/g, "");
    for (const s of inA) expect(idChars).not.toContain(s.slice(2));
  });

  it("shuffles without losing or adding anything", () => {
    const list = Array.from({ length: 50 }, (_, i) => i);
    const s = shuffled(list);
    expect([...s].sort((x, y) => x - y)).toEqual(list);
    expect(list).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});

describe("dates", () => {
  it("are reduced to year and month unless exact dates are chosen", () => {
    expect(reduceDate("2025-03-14", false)).toBe("2025-03");
    expect(reduceDate("2025-03-14", true)).toBe("2025-03-14");
  });

  it("give intervals in whole days, none when an event is missing", () => {
    expect(interval("2025-03-14", "2025-03-28")).toBe(14);
    expect(interval("2024-02-28", "2024-03-01")).toBe(2);
    expect(interval("2025-03-14", null)).toBeNull();
  });
});

describe("rows", () => {
  it("reduce every date by default and give the intervals", () => {
    const rows = familyRows(family, persons, responses, options, new Pseudonyms());
    const value = (name: string) => rows.find((r) => r[3] === name)?.[4];
    expect(value("request_date")).toBe("2025-03");
    expect(value("sofia_meeting_date")).toBe("2025-03");
    expect(value("first_family_meeting_date")).toBe("2025-04");
    expect(value("completed_date")).toBe("2025-09");
    expect(value("days_request_to_sofia_meeting")).toBe("14");
    expect(value("days_request_to_first_family_meeting")).toBe("37");
    expect(value("days_request_to_completion")).toBe("171");
    for (const r of rows) expect(r[4]).not.toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("give exact dates with the option, and leave out case type and household without it", () => {
    const rows = familyRows(family, persons, responses, { ...options, exactDates: true, caseTypeAndHousehold: false }, new Pseudonyms());
    const value = (name: string) => rows.find((r) => r[3] === name)?.[4];
    expect(value("request_date")).toBe("2025-03-14");
    expect(value("completed_date")).toBe("2025-09-01");
    expect(value("case_type")).toBeUndefined();
    expect(value("household")).toBeUndefined();
    expect(value("custody")).toBeUndefined();
  });

  it("put persons under their own pseudonym and survey answers under a response pseudonym, never a person's", () => {
    const rows = familyRows(family, persons, responses, options, new Pseudonyms());
    const f = rows[0]?.[0];
    expect(rows.every((r) => r[0] === f)).toBe(true);
    const personIds = new Set(rows.filter((r) => r[1] !== "-").map((r) => r[1]));
    expect(personIds.size).toBe(2);
    const survey = rows.filter((r) => r[2] !== "-");
    expect(survey.map((r) => [r[1], r[3], r[4]])).toEqual([
      ["-", "respondent_role", "parent_with_problem"],
      ["-", "survey.sofia-4q-parent.q1", "3"],
      ["-", "survey.sofia-4q-parent.q2", "dont_know"],
    ]);
    expect(rows.find((r) => r[3] === "age_at_request")?.[4]).toBe("9");
    expect(rows.find((r) => r[3] === "meetings_held.familjemote-1")?.[4]).toBe("0");
    // Guardians get no age, children no substance problem.
    const guardian = rows.find((r) => r[3] === "substance_problem")?.[1];
    expect(rows.some((r) => r[1] === guardian && r[3] === "age_at_request")).toBe(false);
  });

  it("give a guardian's gender when it is recorded, and no row when it is not", () => {
    const genders = (list: PersonData[]) =>
      familyRows(family, list, [], options, new Pseudonyms())
        .filter((r) => r[3] === "gender")
        .map((r) => r[4]);
    expect(genders(persons)).toEqual(["girl"]);
    const [guardian, ...children] = persons;
    if (!guardian) throw new Error("the fixture has a guardian");
    expect(genders([{ ...guardian, gender: "woman" }, ...children])).toEqual(["woman", "girl"]);
    expect(variable("gender")?.values.map(([code]) => code)).toEqual(expect.arrayContaining(["woman", "man", "girl", "boy"]));
  });

  it("give no row for a missing value", () => {
    const bare: FamilyData = {
      ...family,
      decision: "new",
      stopReason: null,
      sofiaMeetingDate: null,
      processStatus: null,
      phase: null,
      interruptedIn: null,
      firstFamilyMeetingDate: null,
      completedDate: null,
      supportSought: null,
      supportGranted: null,
      caseType: null,
      meetingsHeld: [],
    };
    const rows = familyRows(bare, [], [], options, new Pseudonyms());
    expect(rows.map((r) => r[3])).toEqual(["request_date", "household", "custody", "decision"]);
  });
});

describe("csv", () => {
  it("quotes separators, keeps - and negative numbers, and defuses formulas", () => {
    expect(csvLine(["F-abc234", "-", "-", "x", "-3"])).toBe("F-abc234;-;-;x;-3\r\n");
    expect(csvLine(["a;b", '"q"', "=SUM(A1)", "+1", "@x"])).toBe(`"a;b";"""q""";'=SUM(A1);'+1;'@x\r\n`);
  });
});

describe("codebook", () => {
  it("describes every variable that can appear, with a Swedish description and its allowed values", () => {
    const extra = [
      meetingVariable("sofiamote", "Sofiamöte"),
      meetingVariable("familjemote-1", "Familjemöte 1"),
      surveyVariable(
        "sofia-4q-parent",
        "q1",
        "Fråga ett",
        [
          ["1", "Inte alls"],
          ["2", "Lite"],
          ["3", "Ganska"],
          ["4", "Mycket"],
        ],
        true,
      ),
      surveyVariable("sofia-4q-parent", "q2", "Fråga två", [["1", "Inte alls"]], true),
    ];
    const described = codebookVariables(options, extra);
    const names = new Set(described.map((v) => v.name));
    const rows = familyRows(family, persons, responses, options, new Pseudonyms());
    for (const r of rows) expect(names, r[3]).toContain(r[3]);
    for (const r of rows) {
      const v = described.find((x) => x.name === r[3]);
      if (v && v.type === "code")
        expect(
          v.values.map(([code]) => code),
          r[3],
        ).toContain(r[4]);
    }
    for (const v of variables) expect(v.description.length).toBeGreaterThan(5);

    const text = renderCodebook({
      purpose: "Utvärdering för universitetet",
      options,
      madeOn: "2026-11-27",
      families: 1,
      rows: rows.length,
      variables: described,
    });
    for (const v of described) expect(text).toContain(`### ${v.name}`);
    for (const col of ["familj", "person", "svar", "variabel", "varde"]) expect(text).toContain(`- ${col}:`);
    expect(text).toContain("Utvärdering för universitetet");
    expect(text).toContain("2024-01-01–2026-12-31");
    expect(text).toContain(`Antal rader: ${rows.length}`);
    expect(text).toContain("ÅÅÅÅ-MM");
  });

  it("leaves out case type and household when they are not exported", () => {
    const names = codebookVariables({ ...options, caseTypeAndHousehold: false }, []).map((v) => v.name);
    expect(names).not.toContain("case_type");
    expect(names).not.toContain("household");
    expect(names).toContain("decision");
  });
});

describe("input", () => {
  it("requires a purpose of 10–500 characters and a period in order", () => {
    const ok = exportForm.safeParse({ purpose: "Utvärdering 2026", from: "2024-01-01", to: "2024-12-31" });
    expect(ok.success && ok.data).toMatchObject({ exactDates: false, caseTypeAndHousehold: false });
    const bad = (input: Record<string, string>) => exportForm.safeParse(input).error?.issues.map((i) => [i.path.join("."), i.message]);
    expect(bad({ purpose: "", from: "2024-01-01", to: "2024-12-31" })).toEqual([["purpose", "research.purpose.required"]]);
    expect(bad({ purpose: "kort", from: "2024-01-01", to: "2024-12-31" })).toEqual([["purpose", "research.purpose.tooShort"]]);
    expect(bad({ purpose: "x".repeat(501), from: "2024-01-01", to: "2024-12-31" })).toEqual([["purpose", "research.purpose.tooLong"]]);
    expect(bad({ purpose: "Utvärdering 2026", from: "2024-02-30", to: "2024-12-31" })).toEqual([["from", "research.date.invalid"]]);
    expect(bad({ purpose: "Utvärdering 2026", from: "2025-01-01", to: "2024-12-31" })).toEqual([["to", "research.date.order"]]);
    expect(exportForm.parse({ purpose: "Utvärdering 2026", from: "2024-01-01", to: "2024-12-31", exactDates: "on" }).exactDates).toBe(true);
  });

  it("defaults the API's options: month-level dates, with case type and household", () => {
    const body = exportBody.parse({ purpose: "Utvärdering 2026", from: "2024-01-01", to: "2024-12-31" });
    expect(body).toMatchObject({ exactDates: false, caseTypeAndHousehold: true });
    expect(exportBody.safeParse({ purpose: "Utvärdering 2026", from: "2024-01-01", to: "2024-12-31", name: "x" }).success).toBe(false);
  });
});
