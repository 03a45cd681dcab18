/**
 * The effect goals in the report document, pure: the long-term outcomes per horizon with Sofia and
 * each comparison group, hidden figures as "..", the warning that the groups are not randomised,
 * and a sentence (not an error) when the period has no outcomes.
 */
import { describe, expect, it } from "vitest";
import { showFigures } from "../outcomes/index.ts";
import { defaultPrecision } from "../platform/precision.ts";
import { type Block, buildDocument, type OutcomeFigures, type ReportFigures } from "./document.ts";
import { buildChildren, buildGender, buildParticipants, emptyTexts } from "./model.ts";
import { templateSections } from "./template.ts";

/** The cover, template and precision of a document made with no template saved and the default rounding. */
const docDefaults = {
  diaryNumber: "",
  author: "",
  template: { introduction: "", contact: "", sections: templateSections, logoType: null },
  precision: defaultPrecision,
};

const period = { from: "2025-01-01", to: "2025-12-31" };

function figures(outcomes: OutcomeFigures): ReportFigures {
  return {
    municipality: "Exempelkommun",
    period,
    previous: { from: "2024-01-01", to: "2024-12-31" },
    minGroupSize: 5,
    participants: buildParticipants([], 5),
    children: buildChildren([], 5),
    indicators: { empty: true, lines: [] },
    outcomes,
    surveys: { empty: true, instruments: [] },
    staff: { empty: true, units: [] },
    activities: { empty: true, kinds: [], total: { planned: 0, held: 0, cancelled: 0, participants: 0 } },
    budget: { empty: true, projects: [] },
    gender: buildGender([], [], [], [], 5),
  };
}

const results = (f: ReportFigures): Block[] =>
  buildDocument({ title: "D", texts: emptyTexts(), figures: f, generatedOn: "2026-01-15", ...docDefaults }).sections.find(
    (s) => s.key === "results",
  )?.blocks ?? [];

describe("the effect goals", () => {
  it("shows Sofia beside each group per measure and horizon, with small groups hidden", () => {
    const measures = ["emergency_placement", "re_referral", "school_attendance_kept", "further_support"] as const;
    const rows = measures.flatMap((measure) =>
      ([1, 2] as const).map((horizon) => ({
        measure,
        horizon,
        figures: showFigures(
          [
            { source: "sofia", label: "Sofia", tally: horizon === 1 ? { n: 6, total: 20 } : { n: 2, total: 20 } },
            { source: "g1", label: "Grupp A", tally: horizon === 1 ? { n: 9, total: 60 } : { n: 1, total: 3 } },
          ],
          5,
        ),
      })),
    );
    const blocks = results(
      figures({ ...period, minGroupSize: 5, groups: [{ id: "g1", name: "Grupp A", kind: "records" }], rows, empty: false }),
    );
    // No indicators: the process goals say so, then the effect goals follow under their own heading.
    expect(blocks[0]).toEqual({ kind: "paragraph", text: "Inga uppgifter för perioden." });
    expect(blocks[1]).toEqual({ kind: "heading", text: "Effektmål: långsiktiga utfall" });
    expect(blocks.some((b) => b.kind === "paragraph" && b.text.startsWith("Jämförelsegruppen är inte slumpad."))).toBe(true);
    const tables = blocks.filter((b): b is Extract<Block, { kind: "table" }> => b.kind === "table");
    expect(tables.map((t) => t.caption)).toEqual([
      "Utfall 1 år efter avslut: antal av totalt och andel per grupp",
      "Utfall 2 år efter avslut: antal av totalt och andel per grupp",
    ]);
    expect(tables[0]?.head).toEqual(["Mått", "Grupp", "Antal", "Av", "Andel"]);
    expect(tables[0]?.rows.slice(0, 2)).toEqual([
      ["Akut placering av barn", "Sofia", "6", "20", "30 %"],
      ["Akut placering av barn", "Grupp A", "9", "60", "15 %"],
    ]);
    // Two of 20 hides the share but not the 20; one of three hides everything.
    expect(tables[1]?.rows.slice(0, 2)).toEqual([
      ["Akut placering av barn", "Sofia", "..", "20", ".."],
      ["Akut placering av barn", "Grupp A", "..", "..", ".."],
    ]);
    expect(blocks.filter((b) => b.kind === "chart").map((b) => (b as { name: string }).name)).toEqual(["utfall-1", "utfall-2"]);
  });

  it("says in a sentence that the period has no outcomes", () => {
    const rows = [
      {
        measure: "emergency_placement" as const,
        horizon: 1 as const,
        figures: showFigures([{ source: "sofia", label: "Sofia", tally: { n: 0, total: 0 } }], 5),
      },
    ];
    const blocks = results(figures({ ...period, minGroupSize: 5, groups: [], rows, empty: true }));
    expect(blocks.slice(1)).toEqual([
      { kind: "heading", text: "Effektmål: långsiktiga utfall" },
      {
        kind: "paragraph",
        text: "Inga långsiktiga utfall finns registrerade för familjer som avslutade samtalsserien under perioden, och ingen jämförelsegrupp har uppgifter för perioden.",
      },
    ]);
  });
});
