/**
 * The report's pure parts: the period before, the form's rules, the shown figures (suppressed),
 * the document's sections with exact figures, and the Typst string escape as a property: whatever
 * the text, Typst reads back exactly that text (compiled, not guessed).
 */
import { NodeCompiler } from "@myriaddreamin/typst-ts-node-compiler";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ResultRow } from "../followup/index.ts";
import { defaultPrecision } from "../platform/precision.ts";
import {
  budgetCategoryTable,
  buildDocument,
  distributionOfAnswers,
  type IndicatorLine,
  indicatorValue,
  type ProjectFigures,
  paragraphsOf,
  type ReportFigures,
  savingsBlocks,
} from "./document.ts";
import {
  buildChildren,
  buildGender,
  buildParticipants,
  buildProblemParents,
  emptyTexts,
  type ProblemFamilyCount,
  previousPeriod,
  problemAttitudeOf,
  problemParentOf,
  reportProblems,
  showCount,
  showKronor,
  textsOf,
} from "./model.ts";
import { templateSections } from "./template.ts";
import { typstSource, typstString } from "./typst.ts";

/** The cover, template and precision of a document made with no template saved and the default rounding. */
const docDefaults = {
  diaryNumber: "",
  author: "",
  template: { introduction: "", contact: "", sections: templateSections, logoType: null },
  precision: defaultPrecision,
};

describe("the period", () => {
  it("takes the period of the same length just before", () => {
    expect(previousPeriod({ from: "2025-01-01", to: "2025-12-31" })).toEqual({ from: "2024-01-01", to: "2024-12-31" });
    expect(previousPeriod({ from: "2024-03-01", to: "2024-03-31" })).toEqual({ from: "2024-02-01", to: "2024-02-29" });
    expect(previousPeriod({ from: "2026-01-01", to: "2026-06-30" })).toEqual({ from: "2025-07-01", to: "2025-12-31" });
    expect(previousPeriod({ from: "2026-03-01", to: "2026-03-10" })).toEqual({ from: "2026-02-19", to: "2026-02-28" });
    expect(previousPeriod({ from: "2026-05-05", to: "2026-05-05" })).toEqual({ from: "2026-05-04", to: "2026-05-04" });
  });

  it("refuses a missing title, impossible dates and an end before the start, field by field", () => {
    expect(reportProblems({ title: " ", periodFrom: "2025-02-30", periodTo: "x" })).toEqual({
      title: "reports.error.titleRequired",
      periodFrom: "reports.error.date",
      periodTo: "reports.error.date",
    });
    expect(reportProblems({ title: "Delrapport", periodFrom: "2025-12-31", periodTo: "2025-01-01" })).toEqual({
      periodTo: "reports.error.toBeforeFrom",
    });
    expect(reportProblems({ title: "Delrapport", periodFrom: "2025-01-01", periodTo: "2025-01-01" })).toEqual({});
  });

  it("reads stored texts with every section present", () => {
    expect(textsOf({ summary: "S", other: "x", model: 3 })).toEqual({ ...emptyTexts(), summary: "S" });
  });
});

describe("participants and case types", () => {
  it("counts requests per case type and decision, with totals", () => {
    const p = buildParticipants(
      [
        { caseType: 1, continued: true, n: 20 },
        { caseType: 1, continued: false, n: 6 },
        { caseType: 2, continued: true, n: 12 },
        { caseType: 2, continued: false, n: 8 },
        { caseType: 3, continued: true, n: 0 },
      ],
      5,
    );
    expect(p.empty).toBe(false);
    expect(p.rows).toEqual([
      { caseType: "1", requests: 26, continued: 20, notContinued: 6 },
      { caseType: "2", requests: 20, continued: 12, notContinued: 8 },
      { caseType: "3", requests: 0, continued: 0, notContinued: 0 },
    ]);
    expect(p.total).toEqual({ requests: 46, continued: 32, notContinued: 14 });
  });

  it("hides a small group and the figure that would give it away", () => {
    const p = buildParticipants(
      [
        { caseType: 1, continued: true, n: 20 },
        { caseType: 1, continued: false, n: 2 },
        { caseType: 2, continued: true, n: 10 },
        { caseType: 2, continued: false, n: 9 },
      ],
      5,
    );
    const one = p.rows[0];
    expect(one?.notContinued).toBeNull();
    // The row's other cell or the total must also hide, so that 2 cannot be worked out.
    expect(one?.continued === null || one?.requests === null).toBe(true);
  });

  it("is empty without requests", () => {
    expect(buildParticipants([], 5).empty).toBe(true);
  });

  it("puts children in age bands on the request date, by gender", () => {
    const c = buildChildren(
      [
        { age: 4, gender: "girl", n: 6 },
        { age: 5, gender: "boy", n: 7 },
        { age: 8, gender: "girl", n: 5 },
        { age: 7, gender: "boy", n: 5 },
        { age: 7, gender: null, n: 0 },
      ],
      5,
    );
    expect(c.bands).toEqual(["3–5", "6–9"]);
    expect(c.cells).toEqual([
      [6, 7, 0, 0],
      [5, 5, 0, 0],
    ]);
    expect(c.bandTotals).toEqual([13, 10]);
    expect(c.genderTotals).toEqual([11, 12, 0, 0]);
    expect(c.total).toBe(23);
  });
});

describe("gender and child perspective", () => {
  it("counts guardians with a problem by relation and attitude, families, custody and household", () => {
    const g = buildGender(
      [
        { relation: "parent", attitude: "positive", n: 9 },
        { relation: "parent", attitude: "denies", n: 6 },
        { relation: "step_parent", attitude: null, n: 0 },
      ],
      [
        { withProblem: 1, custody: "joint", household: "together", n: 10 },
        { withProblem: 2, custody: "sole", household: "single", n: 5 },
        { withProblem: 0, custody: "joint", household: "separated", n: 0 },
      ],
      [{ age: 3, gender: "boy", n: 7 }],
      [],
      5,
    );
    expect(g.empty).toBe(false);
    expect(g.problemByRelation.rows).toEqual([
      { key: "parent", n: 15 },
      { key: "step_parent", n: 0 },
      { key: "other_guardian", n: 0 },
      { key: "not_stated", n: 0 },
    ]);
    expect(g.attitude.rows.map((r) => r.n)).toEqual([9, 0, 6, 0]);
    expect(g.familiesByProblems.rows.map((r) => r.n)).toEqual([0, 10, 5]);
    expect(g.custody.rows.map((r) => r.n)).toEqual([10, 5, 0]);
    expect(g.household.rows.map((r) => r.n)).toEqual([10, 0, 5, 0]);
    expect(g.childrenByGender.total).toBe(7);
  });

  it("hides small groups", () => {
    const g = buildGender(
      [{ relation: "parent", attitude: "positive", n: 2 }],
      [{ withProblem: 1, custody: "joint", household: "together", n: 2 }],
      [],
      [],
      5,
    );
    expect(g.problemByRelation.rows[0]?.n).toBeNull();
    expect(g.problemByRelation.total).toBeNull();
  });
});

describe("which parent has the problem", () => {
  const family = (f: Partial<ProblemFamilyCount>): ProblemFamilyCount => ({
    mothers: 0,
    fathers: 0,
    otherParents: 0,
    others: 0,
    parentAttitudes: [],
    otherAttitudes: [],
    n: 1,
    ...f,
  });
  /** An exact small fixture: every kind of family once or more, and one family without a problem. */
  const fixture: ProblemFamilyCount[] = [
    family({ mothers: 1, parentAttitudes: ["positive"], n: 4 }),
    family({ fathers: 1, parentAttitudes: ["denies"], n: 6 }),
    family({ fathers: 1, parentAttitudes: ["ambivalent"], n: 1 }),
    family({ mothers: 1, fathers: 1, parentAttitudes: ["denies", "positive"], n: 2 }),
    family({ mothers: 1, fathers: 1, parentAttitudes: ["ambivalent"], n: 3 }),
    // The mother and a step-father: the mother is the parent with the problem, with her attitude.
    family({ mothers: 1, others: 1, parentAttitudes: ["ambivalent"], otherAttitudes: ["denies"], n: 3 }),
    // A parent whose gender is not recorded, and a step-parent alone.
    family({ otherParents: 1, parentAttitudes: ["positive"], n: 2 }),
    family({ others: 1, otherAttitudes: ["denies"], n: 1 }),
    family({ n: 5 }),
  ];

  it("classifies a family as mother, father, both or other, and takes the attitude of the parent(s) with the problem", () => {
    expect(problemParentOf(family({ mothers: 1 }))).toBe("mother");
    expect(problemParentOf(family({ fathers: 1, others: 1 }))).toBe("father");
    expect(problemParentOf(family({ mothers: 1, fathers: 1 }))).toBe("both");
    expect(problemParentOf(family({ mothers: 2 }))).toBe("both");
    expect(problemParentOf(family({ fathers: 1, otherParents: 1 }))).toBe("both");
    expect(problemParentOf(family({ otherParents: 1 }))).toBe("other");
    expect(problemParentOf(family({ others: 2 }))).toBe("other");
    expect(problemAttitudeOf(family({ mothers: 1, others: 1, parentAttitudes: ["positive"], otherAttitudes: ["denies"] }))).toBe(
      "positive",
    );
    expect(problemAttitudeOf(family({ others: 1, otherAttitudes: ["denies"] }))).toBe("denies");
    expect(problemAttitudeOf(family({ mothers: 1, fathers: 1, parentAttitudes: ["ambivalent", "denies"] }))).toBe("differing");
    expect(problemAttitudeOf(family({ mothers: 1, parentAttitudes: ["not_stated"] }))).toBe("not_stated");
  });

  it("counts families, not persons, in one table and shows them all when no group is small", () => {
    const p = buildProblemParents(fixture, 1);
    expect(p.rows).toEqual(["mother", "father", "both", "other"]);
    // Nobody's attitude is missing: that column is left out; some parents differ, so that one stays.
    expect(p.attitudes).toEqual(["positive", "ambivalent", "denies", "differing"]);
    expect(p.cells).toEqual([
      [4, 3, 0, 0],
      [0, 1, 6, 0],
      [0, 3, 0, 2],
      [2, 0, 1, 0],
    ]);
    expect(p.rowTotals).toEqual([7, 7, 5, 3]);
    expect(p.attitudeTotals).toEqual([6, 7, 7, 2]);
    expect(p.total).toBe(22);
  });

  it("hides small cells as the other tables do, and the cells or totals that would give them away", () => {
    const p = buildProblemParents(fixture, 3);
    expect(p.cells).toEqual([
      [4, 3, 0, 0],
      [0, null, null, 0],
      [0, null, 0, null],
      [null, 0, null, 0],
    ]);
    expect(p.rowTotals).toEqual([7, 7, 5, 3]);
    expect(p.attitudeTotals).toEqual([null, 7, 7, null]);
    expect(p.total).toBe(22);
  });

  it("is empty when no family has a guardian with a problem", () => {
    const p = buildProblemParents([family({ n: 8 })], 3);
    expect(p.empty).toBe(true);
    expect(p.total).toBe(0);
  });

  it("puts the table with its figures as shown in the report's gender section", () => {
    const figures: ReportFigures = {
      ...emptyFigures(),
      minGroupSize: 3,
      gender: buildGender([], [{ withProblem: 1, custody: "joint", household: "together", n: 22 }], [], fixture, 3),
    };
    const doc = buildDocument({ title: "D", texts: emptyTexts(), figures, generatedOn: "2026-01-15", ...docDefaults });
    const section = doc.sections.find((s) => s.key === "gender");
    const table = section?.blocks.find((b) => b.kind === "table");
    expect(table).toMatchObject({
      caption: "Familjer efter vilken förälder som har missbruksproblem och inställning till stöd",
      head: ["Vem har missbruksproblemet", "Positiv", "Ambivalent", "Förnekar", "Olika inställning", "Totalt"],
      rows: [
        ["Mamma", "4", "3", "0", "0", "7"],
        ["Pappa", "0", "..", "..", "0", "7"],
        ["Båda föräldrarna", "0", "..", "0", "..", "5"],
        ["Annan vårdnadshavare eller kön ej angivet", "..", "0", "..", "0", "3"],
        ["Totalt", "..", "7", "7", "..", "22"],
      ],
    });
    expect(JSON.stringify(section)).not.toContain("registreras inte");
  });
});

describe("formatting", () => {
  it("shows counts and kronor with plain spaces and hidden figures as ..", () => {
    expect(showCount(1234)).toBe("1 234");
    expect(showCount(null)).toBe("..");
    expect(showKronor(1143083)).toBe("1 143 083 kr");
    expect(showKronor(-5000)).toBe("-5 000 kr");
    expect(
      indicatorValue(
        "percent",
        { group: null, numerator: 17, denominator: 40, percent: 42.5, value: null, met: false, suppressed: false },
        defaultPrecision,
      ),
    ).toBe("43 % (17 av 40)");
    expect(
      indicatorValue(
        "percent",
        { group: null, numerator: 17, denominator: 40, percent: 42.5, value: null, met: false, suppressed: false },
        { shareDecimals: 1, meanDecimals: 2 },
      ),
    ).toBe("42,5 % (17 av 40)");
    expect(
      indicatorValue(
        "mean",
        { group: null, numerator: null, denominator: 12, percent: null, value: 3.125, met: null, suppressed: false },
        defaultPrecision,
      ),
    ).toBe("3,13 (n = 12)");
    expect(
      indicatorValue(
        "count",
        { group: null, numerator: null, denominator: null, percent: null, value: null, met: null, suppressed: true },
        defaultPrecision,
      ),
    ).toBe("..");
  });

  it("splits written text into paragraphs at blank lines", () => {
    expect(paragraphsOf("Ett\nstycke.\n\n  \nAndra.\r\n\r\nTredje")).toEqual(["Ett\nstycke.", "Andra.", "Tredje"]);
    expect(paragraphsOf("  \n ")).toEqual([]);
  });
});

const emptyFigures = (): ReportFigures => ({
  municipality: "Exempelkommun",
  period: { from: "2025-01-01", to: "2025-12-31" },
  previous: { from: "2024-01-01", to: "2024-12-31" },
  minGroupSize: 5,
  participants: buildParticipants([], 5),
  children: buildChildren([], 5),
  indicators: { empty: true, lines: [] },
  surveys: { empty: true, instruments: [] },
  staff: { empty: true, units: [] },
  activities: { empty: true, kinds: [], total: { planned: 0, held: 0, cancelled: 0, participants: 0 } },
  budget: { empty: true, projects: [] },
  gender: buildGender([], [], [], [], 5),
  outcomes: { from: "2025-01-01", to: "2025-12-31", minGroupSize: 5, groups: [], rows: [], empty: true },
});

describe("the document", () => {
  it("has the seed reports' sections in order, and says so in every data section when the period has no data", () => {
    const doc = buildDocument({
      title: "Delrapport",
      texts: { ...emptyTexts(), summary: "Året i korthet." },
      figures: emptyFigures(),
      generatedOn: "2026-01-15",
      ...docDefaults,
    });
    expect(doc.sections.map((s) => s.title)).toEqual([
      "Förslag till beslut",
      "Nyckeltal mot målen",
      "Sammanfattning",
      "Beskrivning av modellen och projektet",
      "Deltagare och ärendetyper",
      "Resultat mot effekt- och processmål",
      "Familjernas och barnens svar",
      "Medarbetarnas deltagande",
      "Implementeringsaktiviteter",
      "Väntetider",
      "Budget och avvikelser",
      "Köns- och barnperspektiv",
      "Diskussion",
      "Nästa steg",
      "Kontakt",
      "Alla indikatorer",
    ]);
    expect(doc.sections.map((s) => s.appendix === true)).toEqual([...Array(15).fill(false), true]);
    expect(doc.sections[2]?.blocks).toEqual([{ kind: "paragraph", text: "Året i korthet." }]);
    const dataSections = [
      "keyFigures",
      "participants",
      "results",
      "surveys",
      "staff",
      "activities",
      "waits",
      "budget",
      "gender",
      "appendix",
    ];
    for (const s of doc.sections.filter((x) => dataSections.includes(x.key)))
      expect(s.blocks[0]).toEqual({ kind: "paragraph", text: "Inga uppgifter för perioden." });
    expect(doc.periodText).toBe("Period: 1 januari 2025 – 31 december 2025");
    expect(doc.generatedText).toBe("Framtagen 15 januari 2026 ur Sofia");
  });

  it("puts the exact figures in the participants table and the budget table", () => {
    const figures: ReportFigures = {
      ...emptyFigures(),
      participants: buildParticipants(
        [
          { caseType: 1, continued: true, n: 31 },
          { caseType: 2, continued: true, n: 9 },
          { caseType: 2, continued: false, n: 16 },
        ],
        5,
      ),
      budget: {
        empty: false,
        projects: [
          {
            name: "Sofia social investering",
            years: [{ year: 2025, granted: 1_500_000, spent: 1_620_500, remaining: -120_500, deviation: 120_500 }],
            total: { granted: 4_500_000, spent: 3_000_000, remaining: 1_500_000, deviation: -1_500_000 },
          },
        ],
      },
    };
    const doc = buildDocument({ title: "D", texts: emptyTexts(), figures, generatedOn: "2026-01-15", ...docDefaults });
    const participants = doc.sections.find((s) => s.key === "participants")?.blocks ?? [];
    expect(participants[0]).toEqual({
      kind: "paragraph",
      text: "Under perioden togs förfrågningar om 56 familjer upp på Sofiamöten. Av dem gick 40 vidare till Sofiaprocessen.",
    });
    const table = participants[1];
    expect(table?.kind === "table" && table.rows).toEqual([
      ["Typ 1", "31", "31", "0"],
      ["Typ 2", "25", "9", "16"],
      ["Typ 3", "0", "0", "0"],
      ["Totalt", "56", "40", "16"],
    ]);
    const budget = doc.sections.find((s) => s.key === "budget")?.blocks ?? [];
    const btable = budget.find((b) => b.kind === "table");
    expect(btable?.kind === "table" && btable.rows).toEqual([
      ["2025", "1 500 000 kr", "1 620 500 kr", "-120 500 kr", "120 500 kr"],
      ["Hela projektet", "4 500 000 kr", "3 000 000 kr", "1 500 000 kr", "-1 500 000 kr"],
    ]);
    const chart = budget.find((b) => b.kind === "chart");
    expect(chart?.kind === "chart" && chart.svg.startsWith("<svg")).toBe(true);
  });
});

describe("the budget per year and cost category", () => {
  const cat = (category: "labour" | "premises", granted: number, spent: number) => ({
    key: category,
    category,
    label: null,
    granted,
    spent,
    deviation: spent - granted,
    remaining: granted - spent,
  });
  const money = (granted: number, spent: number) => ({ granted, spent, deviation: spent - granted, remaining: granted - spent });
  const project: ProjectFigures = {
    name: "Sofia i hela socialtjänsten",
    years: [
      // 2025: 1 100 000 kr granted, 1 040 000 kr of it on two categories, 60 000 kr not split.
      {
        year: 2025,
        ...money(1_100_000, 1_080_000),
        unallocated: 60_000,
        categories: [cat("labour", 1_000_000, 1_050_000), cat("premises", 40_000, 30_000)],
      },
      { year: 2026, ...money(1_000_000, 400_000), unallocated: 0, categories: [cat("labour", 1_000_000, 400_000)] },
    ],
    total: money(2_100_000, 1_480_000),
    project: { ...money(3_100_000, 1_480_000), fromYear: 2025, toYear: 2027 },
    savings: {
      horizonYears: 5,
      lines: [
        {
          label: "Jourhemsplacering av barn",
          unit: "månad",
          unitCost: 62_000,
          avoidedPerYear: 12,
          basis: "",
          perYear: 744_000,
          overHorizon: 3_720_000,
        },
      ],
      perYear: 744_000,
      overHorizon: 3_720_000,
      repayments: [
        { year: 2028, amount: 1_000_000 },
        { year: 2029, amount: 1_000_000 },
      ],
      repaymentTotal: 2_000_000,
      balance: 1_720_000,
    },
  };

  it("writes granted, spent, deviation and remaining per year and category, the unsplit grant, the year, the period and the whole project", () => {
    expect(budgetCategoryTable({ ...project, project: project.project ?? { ...money(0, 0), fromYear: 0, toYear: 0 } })).toEqual({
      kind: "table",
      caption: "Sofia i hela socialtjänsten: budget och utfall per år och kostnadsslag",
      head: ["År", "Kostnadsslag", "Beviljat", "Förbrukat", "Avvikelse", "Återstår"],
      rows: [
        ["2025", "Löner", "1 000 000 kr", "1 050 000 kr", "50 000 kr", "-50 000 kr"],
        ["2025", "Hyra och lokalkostnader", "40 000 kr", "30 000 kr", "-10 000 kr", "10 000 kr"],
        ["2025", "Ej fördelat på kostnadsslag", "60 000 kr", "–", "–", "60 000 kr"],
        ["2025", "Summa året", "1 100 000 kr", "1 080 000 kr", "-20 000 kr", "20 000 kr"],
        ["2026", "Löner", "1 000 000 kr", "400 000 kr", "-600 000 kr", "600 000 kr"],
        ["2026", "Summa året", "1 000 000 kr", "400 000 kr", "-600 000 kr", "600 000 kr"],
        ["Periodens år", "", "2 100 000 kr", "1 480 000 kr", "-620 000 kr", "620 000 kr"],
        ["Hela projektet 2025–2027", "", "3 100 000 kr", "1 480 000 kr", "-1 620 000 kr", "1 620 000 kr"],
      ],
      numeric: [false, false, true, true, true, true],
    });
  });

  it("writes the savings estimate for people, beside the repayment plan", () => {
    const blocks = savingsBlocks(project.name, project.savings as NonNullable<ProjectFigures["savings"]>);
    expect(blocks[0]).toEqual({
      kind: "paragraph",
      text: "Besparingsuppskattning för Sofia i hela socialtjänsten: om insatserna nedan undviks i den omfattning som antas sparar kommunen uppskattningsvis 744 000 kr per år, 3 720 000 kr på 5 år.",
    });
    const table = blocks[1];
    expect(table?.kind === "table" && table.rows).toEqual([
      ["Jourhemsplacering av barn", "62 000 kr", "12 månad", "744 000 kr", "3 720 000 kr", "Underlag saknas"],
      ["Totalt", "", "", "744 000 kr", "3 720 000 kr", ""],
    ]);
    expect(blocks[2]).toEqual({
      kind: "paragraph",
      text: "Projektet ska återbetala 2 000 000 kr (år 2028, 2029). Den uppskattade besparingen, 3 720 000 kr, täcker återbetalningen med 1 720 000 kr över.",
    });
    const short = savingsBlocks("P", {
      ...(project.savings as NonNullable<ProjectFigures["savings"]>),
      repaymentTotal: 4_000_000,
      balance: -280_000,
    });
    expect(short[2]).toMatchObject({ text: expect.stringContaining("räcker inte till återbetalningen: det fattas 280 000 kr.") });
    expect(savingsBlocks("P", { ...(project.savings as NonNullable<ProjectFigures["savings"]>), lines: [] })).toEqual([
      { kind: "paragraph", text: "För P finns inga antaganden om undvikna insatser, så ingen besparing är uppskattad." },
    ]);
  });

  it("renders a version stored before the categories as it was: per year and the whole project", () => {
    const before: ProjectFigures = { name: "Gammal", years: [{ year: 2020, ...money(10, 4) }], total: money(30, 4) };
    const doc = buildDocument({
      title: "D",
      texts: emptyTexts(),
      figures: { ...emptyFigures(), budget: { empty: false, projects: [before] } },
      generatedOn: "2026-01-15",
      ...docDefaults,
    });
    const table = doc.sections.find((s) => s.key === "budget")?.blocks.find((b) => b.kind === "table");
    expect(table?.kind === "table" && table.head).toEqual(["År", "Beviljat", "Förbrukat", "Återstår", "Avvikelse"]);
    expect(table?.kind === "table" && table.rows.at(-1)).toEqual(["Hela projektet", "30 kr", "4 kr", "26 kr", "-26 kr"]);
  });
});

describe("waits against the limit and the distribution of answers", () => {
  const row = (over: Partial<ResultRow>): ResultRow => ({
    group: null,
    numerator: null,
    denominator: null,
    percent: null,
    value: null,
    met: null,
    suppressed: false,
    ...over,
  });
  const wait = (key: string, display: "median" | "p90", name: string, value: number): IndicatorLine => ({
    key,
    name,
    section: "waits",
    group: null,
    display,
    target: null,
    current: row({ value, denominator: 40 }),
    previous: null,
  });

  it("puts the share over the limit after the wait's median and 90th percentile, rounded as the municipality writes shares", () => {
    const figures: ReportFigures = {
      ...emptyFigures(),
      indicators: {
        empty: false,
        lines: [
          wait("m", "median", "Väntetid, median, dagar från förfrågan till första familjemötet", 12),
          wait("p", "p90", "Väntetid, 90:e percentilen, dagar från förfrågan till första familjemötet", 31),
        ],
        // 17 of the 40 families with a wait waited more than 14 days: 42,5 %, whole percent half-up 43 %.
        waitsOverLimit: [
          {
            of: ["m", "p"],
            limitDays: 14,
            current: row({ numerator: 17, denominator: 40, percent: 42.5 }),
            previous: row({ percent: null, suppressed: true }),
          },
        ],
      },
    };
    const doc = buildDocument({ title: "D", texts: emptyTexts(), figures, generatedOn: "2026-01-15", ...docDefaults });
    const blocks = doc.sections.find((s) => s.key === "waits")?.blocks ?? [];
    expect(blocks[1]).toMatchObject({ kind: "paragraph", text: expect.stringContaining("Kommunens gräns för väntetid är 14 dagar.") });
    const table = blocks.find((b) => b.kind === "table");
    expect(table?.kind === "table" && table.rows).toEqual([
      ["Väntetid, median, dagar från förfrågan till första familjemötet", "12,00 (n = 40)", "–"],
      ["Väntetid, 90:e percentilen, dagar från förfrågan till första familjemötet", "31,00 (n = 40)", "–"],
      ["Andel som väntade mer än 14 dagar från förfrågan till första familjemötet", "43 % (17 av 40)", ".."],
    ]);
  });

  it("counts each scale step per question and group as the survey results give them, hidden as ..", () => {
    const table = distributionOfAnswers({
      key: "sofia-4q-parent",
      name: "Fyra frågor, föräldrar",
      items: [
        { key: "a", text: "Fråga A" },
        { key: "b", text: "Fråga B" },
      ],
      scale: ["Inte nöjd", "Ganska nöjd", "Nöjd", "Jättenöjd"],
      dontKnow: true,
      groups: [
        {
          key: "all",
          kind: "all",
          n: 9,
          means: [3, null],
          distributions: [
            { counts: [1, 1, 2, 5], dontKnow: 0, answered: 9 },
            { counts: null, dontKnow: null, answered: null },
          ],
        },
      ],
    });
    expect(table).toEqual({
      kind: "table",
      caption: "Fyra frågor, föräldrar: antal svar per skalsteg",
      head: ["Fråga", "Svarande", "Inte nöjd", "Ganska nöjd", "Nöjd", "Jättenöjd", "Vet inte", "Svar"],
      rows: [
        ["Fråga A", "Alla", "1", "1", "2", "5", "0", "9"],
        ["Fråga B", "Alla", "..", "..", "..", "..", "..", ".."],
      ],
      numeric: [false, false, true, true, true, true, true, true],
    });
    // A version stored before the distributions has none.
    expect(distributionOfAnswers({ key: "x", name: "X", items: [], groups: [{ key: "all", kind: "all", n: 9, means: [] }] })).toBeNull();
  });
});

describe("Typst escaping", () => {
  const compiler = NodeCompiler.create({ workspace: "/tmp/sofia-typst-test" });
  // A fresh compiler for every text, as renderPdf makes one per report: one compiler given a new
  // main file of the same length can answer from its earlier read.
  const readBack = (s: string) =>
    NodeCompiler.create({ workspace: "/tmp/sofia-typst-test" }).query(
      { mainFileContent: `#metadata(${typstString(s)}) <x>` },
      { selector: "<x>", field: "value" },
    );
  const tricky = fc.constantFrom(
    "#",
    "$",
    "*",
    "_",
    "[",
    "]",
    "\\",
    "<",
    ">",
    "@",
    '"',
    "`",
    "=",
    "-",
    "/",
    "~",
    "'",
    "\n",
    "\r",
    "\t",
    "\u0000",
    "\u007f",
    "\u2028",
    "å",
    "Ö",
    "😀",
    "{",
    "}",
    "(",
    ")",
    ";",
    "//",
    "/*",
    " ",
  );

  it("gives Typst back exactly the text, whatever it contains", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: tricky, maxLength: 40 }), fc.string({ unit: "binary", maxLength: 40 })), (s) => {
        expect(readBack(s)).toEqual([s]);
      }),
      { numRuns: 100 },
    );
  });

  it("replaces a lone surrogate, which is not a character", () => {
    expect(readBack("a\ud800b")).toEqual(["a\ufffdb"]);
  });

  it("never lets written text become markup in the report source", () => {
    const doc = buildDocument({
      title: '#set page(fill: red) "x"',
      texts: { ...emptyTexts(), summary: "*fet* _kursiv_ $x$ #panic() @ref <label> [a] \\" },
      figures: emptyFigures(),
      generatedOn: "2026-01-15",
      ...docDefaults,
    });
    const source = typstSource(doc);
    expect(source).toContain('#"*fet* _kursiv_ $x$ #panic() @ref <label> [a] \\\\"');
    const pdf = compiler.pdf({ mainFileContent: source }, { pdfStandard: "a-2b" });
    expect(pdf.length).toBeGreaterThan(1000);
  });
});
