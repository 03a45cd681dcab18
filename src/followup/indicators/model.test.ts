import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ageBands, attitudes, custodies, genders, households, requestStatuses } from "../../families/index.ts";
import { variantsIn } from "../../platform/glossary.ts";
import { localName } from "../../platform/i18n.ts";
import { meetingStatuses, phases, processStatuses } from "../../processes/index.ts";
import { byFollowupOrder } from "../service.ts";
import { bandLabels, type Definition, definitionSchema, fields, meetsTarget, percentOf } from "./model.ts";
import { englishNames, seededIndicators } from "./seed.ts";

const base = {
  name: "Andel genomförda",
  unit: "family",
  periodDate: "started_on",
  denominator: [{ field: "phase", op: "in", value: ["started", "halfway", "completed"] }],
  numerator: [{ field: "phase", op: "eq", value: "completed" }],
  display: "percent",
  target: { value: 80, direction: "at_least" },
  minGroupSize: null,
};

const errorsOf = (input: unknown) => {
  const r = definitionSchema.safeParse(input);
  return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), i.message]));
};

describe("an indicator definition", () => {
  it("parses a well-formed definition, with no breakdown by default", () => {
    const d = definitionSchema.parse(base);
    expect(d.groupBy).toBeNull();
    expect(d.description).toBe("");
  });

  it("refuses, with the reason at the right place, what does not fit the unit's catalog", () => {
    expect(errorsOf({ ...base, periodDate: "phase" })).toEqual({ periodDate: "indicators.error.periodDate" });
    expect(errorsOf({ ...base, numerator: [{ field: "identity_number", op: "eq", value: "x" }] })).toEqual({
      "numerator.0.field": "indicators.error.unknownField",
    });
    expect(errorsOf({ ...base, numerator: [{ field: "phase", op: "gte", value: "completed" }] })).toEqual({
      "numerator.0.op": "indicators.error.operator",
    });
    expect(errorsOf({ ...base, numerator: [{ field: "phase", op: "eq", value: "done" }] })).toEqual({
      "numerator.0.value": "indicators.error.value",
    });
    expect(errorsOf({ ...base, numerator: [{ field: "phase", op: "in", value: "completed" }] })).toEqual({
      "numerator.0.value": "indicators.error.value",
    });
    expect(errorsOf({ ...base, denominator: [{ field: "started_on", op: "gte", value: "2026-13" }] })).toEqual({
      "denominator.0.value": "indicators.error.value",
    });
    expect(errorsOf({ ...base, denominator: [{ field: "support_granted", op: "is_true", value: 1 }] })).toEqual({
      "denominator.0.value": "indicators.error.noValue",
    });
    expect(errorsOf({ ...base, denominator: [{ field: "support_granted", op: "is_true", value: true }] })).toEqual({
      "denominator.0.value": "indicators.error.value",
    });
    expect(errorsOf({ ...base, unit: "person" })).toHaveProperty("unit", "indicators.error.unit");
  });

  it("takes a target only for a share, and bands only for a number breakdown (each value a group without), ascending", () => {
    expect(errorsOf({ ...base, display: "count" })).toEqual({ target: "indicators.error.targetNeedsPercent" });
    expect(errorsOf({ ...base, groupBy: { field: "household" } })).toEqual({});
    expect(errorsOf({ ...base, groupBy: { field: "household", bands: [0, 5] } })).toEqual({ "groupBy.bands": "indicators.error.bands" });
    expect(errorsOf({ ...base, groupBy: { field: "days_to_first_meeting" } })).toEqual({});
    expect(errorsOf({ ...base, groupBy: { field: "days_to_first_meeting", bands: [0, 30, 30] } })).toEqual({
      "groupBy.bands": "indicators.error.bands",
    });
    expect(errorsOf({ ...base, groupBy: { field: "started_on" } })).toEqual({ "groupBy.field": "indicators.error.unknownField" });
  });

  it("every seeded indicator is a valid definition with a unique key", () => {
    for (const s of seededIndicators) expect(definitionSchema.safeParse(s.content).success, s.key).toBe(true);
    expect(new Set(seededIndicators.map((s) => s.key)).size).toBe(seededIndicators.length);
  });

  it("every seeded indicator has an English name, and its names use the glossary's terms", () => {
    for (const s of seededIndicators) {
      expect(s.content.en?.name, s.key).toBe(englishNames[s.key]);
      expect(s.content.en?.name, s.key).not.toBe(s.name);
    }
    expect(Object.keys(englishNames).sort()).toEqual(seededIndicators.map((s) => s.key).sort());
    const texts = {
      sv: Object.fromEntries(
        seededIndicators.flatMap((s) => [
          [s.key, s.name],
          [`${s.key}.description`, s.content.description],
        ]),
      ),
      en: Object.fromEntries(seededIndicators.map((s) => [s.key, s.content.en?.name ?? ""])),
    };
    expect(variantsIn(texts)).toEqual([]);
  });

  it("shows an indicator's English name in English, its Swedish one otherwise", () => {
    const goal = seededIndicators.find((s) => s.key === "mal-genomforda");
    if (!goal) throw new Error("seed changed");
    expect(localName({ sv: goal.name, en: goal.content.en?.name }, "en")).toBe("Share of started families that complete the series");
    expect(localName({ sv: goal.name, en: goal.content.en?.name }, "sv")).toBe(goal.name);
    expect(localName({ sv: goal.name }, "en")).toBe(goal.name);
    expect(definitionSchema.safeParse({ ...goal.content, en: { name: "" } }).error?.issues[0]?.message).toBe(
      "indicators.error.nameRequired",
    );
  });
});

describe("shares and targets", () => {
  it("gives the reports' completion rate exactly: 17 of 40 is 42.5 %", () => {
    expect(percentOf(17, 40)).toBe(42.5);
    expect(percentOf(1, 8)).toBe(12.5);
    expect(percentOf(2, 3)).toBe(66.7);
    expect(percentOf(1, 3)).toBe(33.3);
    expect(percentOf(0, 0)).toBeNull();
  });

  it("rounds half up to one decimal, like the exact fraction", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 0, max: 100_000 }), (d, n0) => {
        const n = n0 % (d + 1);
        const p = percentOf(n, d) ?? -1;
        // p*10 is the nearest whole number to 1000n/d, halves going up: |1000n/d - p*10| <= 1/2
        const tenths = Math.round(p * 10);
        expect(Math.abs(1000 * n - tenths * d) * 2).toBeLessThanOrEqual(d);
        if (Math.abs(1000 * n - tenths * d) * 2 === d) expect(tenths * d).toBeGreaterThan(1000 * n);
      }),
    );
  });

  it("meets an at-least target at the target itself, and an at-most target likewise", () => {
    const d = definitionSchema.parse(base) as Definition;
    expect(meetsTarget(d, 80)).toBe(true);
    expect(meetsTarget(d, 79.9)).toBe(false);
    expect(meetsTarget({ ...d, target: { value: 10, direction: "at_most" } }, 10)).toBe(true);
    expect(meetsTarget({ ...d, target: { value: 10, direction: "at_most" } }, 10.1)).toBe(false);
    expect(meetsTarget(d, null)).toBeNull();
    expect(meetsTarget({ ...d, target: null }, 50)).toBeNull();
  });

  it("labels bands by their lower bounds", () => {
    expect(bandLabels([0, 30, 60, 90])).toEqual(["0–29", "30–59", "60–89", "90+"]);
  });
});

describe("the refusals' messages", () => {
  it("every message key the schema can give has a Swedish and an English text", async () => {
    const { readFile } = await import("node:fs/promises");
    const { followupMessages } = await import("../messages.ts");
    const source = await readFile(new URL("./model.ts", import.meta.url), "utf8");
    const keys = new Set(source.match(/indicators\.error\.[a-zA-Z]+/g));
    expect(keys.size).toBeGreaterThan(10);
    for (const key of keys) {
      expect(followupMessages.sv[key], key).toBeTruthy();
      expect(followupMessages.en[key], key).toBeTruthy();
    }
  });
});

describe("sections and shared values", () => {
  it("every seeded definition names the section the follow-up showed it in, and a definition without one is 'other'", () => {
    const bySection = (section: string) => seededIndicators.filter((i) => i.content.section === section).map((i) => i.key);
    expect(bySection("funnel")).toEqual(["tratt-sofiamote", "tratt-paborjade", "tratt-halvvags", "tratt-genomforda"]);
    expect(bySection("goals")).toEqual(["mal-genomforda", "mal-fortsatt-stod", "mal-sedda-horda", "mal-strategier-verktyg"]);
    expect(bySection("meetings")).toEqual([
      "barnsamtal-hallna",
      "barnsamtal-nekat-samtycke",
      "moten-per-typ",
      "hallplatser-i-tid",
      "gemensam-barnkonsekvensanalys",
    ]);
    expect(bySection("waits")).toEqual([
      "avbrutna-per-fas",
      "avbrott-per-vantetid",
      ...seededIndicators.map((i) => i.key).filter((k) => k.startsWith("vantetid-")),
    ]);
    expect(bySection("support")).toEqual(["stod-genomforda", "stod-ovriga"]);
    expect(bySection("answers")).toEqual(
      seededIndicators.map((i) => i.key).filter((k) => k === "svarsfrekvens" || k.startsWith("medelvarde-") || k.startsWith("fordelning-")),
    );
    expect(bySection("staff")).toEqual(seededIndicators.map((i) => i.key).filter((k) => k.includes("handlaggare")));
    expect(bySection("perspective")).toEqual(seededIndicators.map((i) => i.key).filter((k) => k.startsWith("perspektiv-")));
    expect(bySection("placements")).toEqual(seededIndicators.map((i) => i.key).filter((k) => k.startsWith("placering-")));
    expect(bySection("other")).toEqual([]);
    expect(definitionSchema.parse(base).section).toBe("other");
    expect(errorsOf({ ...base, section: "elsewhere" })).toEqual({ section: "indicators.error.section" });
  });

  it("takes the values of phases, statuses, households and attitudes from the slices that define them", () => {
    expect(fields.family.phase?.values).toBe(phases);
    expect(fields.family.process_status?.values).toBe(processStatuses);
    expect(fields.family.decision?.values).toBe(requestStatuses);
    expect(fields.family.household?.values).toBe(households);
    expect(fields.family.custody?.values).toBe(custodies);
    expect(fields.family.problem_parent_attitude?.values).toBe(attitudes);
    expect(fields.member.attitude?.values).toBe(attitudes);
    expect(fields.member.age_band?.values).toBe(ageBands);
    expect(fields.child.gender?.values).toBe(genders);
    expect(fields.meeting.status?.values).toBe(meetingStatuses);
    expect(fields.family.interrupted_in?.values).toEqual(["not_started", "started", "halfway"]);
    expect(fields.member.gender?.values).toEqual(["woman", "man", "girl", "boy", "other", "not_stated"]);
  });

  it("orders the seeded indicators by their sections as the follow-up did before the sections were data", () => {
    const ordered = [...seededIndicators].map((i) => ({ ...i, section: i.content.section })).sort(byFollowupOrder);
    expect(ordered.map((i) => i.key)).toEqual([
      "tratt-sofiamote",
      "tratt-paborjade",
      "tratt-halvvags",
      "tratt-genomforda",
      "mal-genomforda",
      "mal-fortsatt-stod",
      "mal-strategier-verktyg",
      "mal-sedda-horda",
      "moten-per-typ",
      "barnsamtal-hallna",
      "barnsamtal-nekat-samtycke",
      "hallplatser-i-tid",
      "gemensam-barnkonsekvensanalys",
      "avbrutna-per-fas",
      "avbrott-per-vantetid",
      "vantetid-forfragan-tilldelning-median",
      "vantetid-forfragan-tilldelning-p90",
      "vantetid-tilldelning-forsta-mote-median",
      "vantetid-tilldelning-forsta-mote-p90",
      "vantetid-forfragan-forsta-mote-median",
      "vantetid-forfragan-forsta-mote-p90",
      "stod-genomforda",
      "stod-ovriga",
      "svarsfrekvens",
      "medelvarde-foraldrar",
      "medelvarde-barn",
      "fordelning-barn-prata-om-alkohol-droger",
      "fordelning-barn-helhet",
      "fordelning-barn-information",
      "fordelning-barn-lyssnad-pa",
      "fordelning-foraldrar-prata-om-alkohol-droger",
      "fordelning-foraldrar-helhet",
      "fordelning-foraldrar-information",
      "fordelning-foraldrar-lyssnad-pa",
      "handlaggare-deltagit",
      "familjer-per-handlaggare-mean",
      "familjer-per-handlaggare-min",
      "familjer-per-handlaggare-max",
      "perspektiv-foralder-med-problem",
      "perspektiv-positiv-till-stod",
      "perspektiv-vardnad",
      "perspektiv-hushall",
      "perspektiv-arendetyp",
      "perspektiv-barn-alder",
      "perspektiv-barn-kon",
      "placering-forum-inom-gransen",
      "placering-dagar-median",
      "placering-dagar-p90",
      "placering-jourhem-inom-gransen",
      "placering-hemflytt",
    ]);
  });
});
