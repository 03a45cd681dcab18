import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeForm } from "../platform/form-decode.ts";
import { versionNumber, withEdits } from "../platform/versioned.ts";
import { sofiaModel } from "../workmodels/index.ts";
import { editedFields, fieldOf, formValues } from "./form.ts";
import {
  type Content,
  contentSchema,
  DONT_KNOW,
  meetingNamesFrom,
  scaleKinds,
  scaleValues,
  shownLanguage,
  textIn,
  validateAnswer,
} from "./model.ts";
import { seededInstruments, sofiaChild, sofiaParent, staffAnnual } from "./seed.ts";

/** The parents' four questions in Swedish and English only, the two languages these rules were written against. */
const svEn = (texts: Record<string, string>) => ({ sv: texts.sv ?? "", en: texts.en ?? "" });
const { review: _review, ...parentWithoutReview } = sofiaParent;
const parentSvEn: Content = {
  ...parentWithoutReview,
  languages: ["sv", "en"],
  name: svEn(sofiaParent.name),
  items: sofiaParent.items.map((i) => ({ ...i, texts: svEn(i.texts) })),
  scale: { ...sofiaParent.scale, options: sofiaParent.scale.options.map((o) => ({ ...o, labels: svEn(o.labels) })) },
};

const issues = (content: unknown) => contentSchema.safeParse(content).error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`) ?? [];

describe("survey instrument content", () => {
  it("accepts every seeded instrument", () => {
    for (const s of seededInstruments) expect(issues(s.content), s.key).toEqual([]);
  });

  it("seeds the instruments the Sofia model's meetings name, following exactly those meetings", () => {
    const keys = new Set<string>(seededInstruments.map((s) => s.key));
    for (const m of sofiaModel.meetingTypes) for (const key of m.surveys) expect(keys.has(key), key).toBe(true);
    const followed = (key: string) =>
      sofiaModel.meetingTypes.filter((m) => m.surveys.includes(key)).map((m) => ({ workModelKey: "sofiamodellen", meetingTypeKey: m.key }));
    expect(new Set(sofiaParent.follows.map((f) => f.meetingTypeKey))).toEqual(
      new Set(followed("sofia-4q-parent").map((f) => f.meetingTypeKey)),
    );
    expect(new Set(sofiaChild.follows.map((f) => f.meetingTypeKey))).toEqual(
      new Set(followed("sofia-4q-child").map((f) => f.meetingTypeKey)),
    );
  });

  it("words the children's questions without negations", () => {
    for (const item of sofiaChild.items) expect(item.texts.sv).not.toMatch(/\b(inte|ej|aldrig|ingen|inget)\b/i);
    for (const o of sofiaChild.scale.options) expect(o.labels.sv).not.toMatch(/\b(inte|ej|aldrig|ingen|inget)\b/i);
  });

  it("refuses a missing or undeclared language, duplicate keys, a wrong scale and mismatched timing", () => {
    const [first, second] = parentSvEn.items;
    if (!first || !second) throw new Error("seed changed");
    const bad = {
      ...parentSvEn,
      name: { sv: "Enkät", en: "Survey", de: "Umfrage" },
      timing: ["annual"],
      items: [
        { ...first, texts: { sv: first.texts.sv } },
        { ...second, key: first.key },
      ],
      scale: { ...parentSvEn.scale, options: parentSvEn.scale.options.slice(1) },
    };
    expect(issues(bad)).toEqual([
      "name.de: surveys.error.languageNotDeclared",
      "items.0.texts.en: surveys.error.textRequired",
      "items.1.key: surveys.error.duplicateKey",
      "scale.options: surveys.error.scaleValues",
      "follows: surveys.error.followsOnlyAfterMeeting",
      "timing: surveys.error.annualAudience",
    ]);
  });

  it("needs Swedish first, at least one and at most 30 items, and blank texts are field errors", () => {
    const item = parentSvEn.items[0];
    if (!item) throw new Error("seed changed");
    expect(issues({ ...parentSvEn, languages: ["en"] })).toContain("languages: surveys.error.swedishRequired");
    expect(issues({ ...parentSvEn, items: [] })).toEqual(["items: surveys.error.itemsRequired"]);
    const many = Array.from({ length: 31 }, (_, i) => ({ ...item, key: `q-${i}` }));
    expect(issues({ ...parentSvEn, items: many })).toEqual(["items: surveys.error.tooManyItems"]);
    expect(issues({ ...parentSvEn, items: [{ ...item, texts: { sv: "  ", en: "x" } }] })).toEqual([
      "items.0.texts.sv: surveys.error.textRequired",
    ]);
    expect(issues({ ...sofiaParent, follows: [] })).toEqual(["follows: surveys.error.followsRequired"]);
  });

  it("takes Swedish-only instruments and more languages alike", () => {
    const svOnly: Content = {
      ...staffAnnual,
      name: { sv: "Enkät" },
      languages: ["sv"],
      items: staffAnnual.items.map((i) => ({ ...i, texts: { sv: i.texts.sv ?? "" } })),
      scale: { ...staffAnnual.scale, options: staffAnnual.scale.options.map((o) => ({ ...o, labels: { sv: o.labels.sv ?? "" } })) },
    };
    expect(issues(svOnly)).toEqual([]);
    expect(shownLanguage(svOnly, "en")).toBe("sv");
    expect(shownLanguage(sofiaParent, "en")).toBe("en");
    expect(shownLanguage(sofiaParent, "fi")).toBe("fi");
    expect(shownLanguage(sofiaParent, "de")).toBe("sv");
    expect(textIn({ sv: "Hej" }, "en")).toBe("Hej");
  });

  it("reads version numbers from URLs", () => {
    expect(versionNumber("3")).toBe(3);
    for (const bad of ["0", "-1", "x", "1.5", "01", ""]) expect(versionNumber(bad)).toBe(0);
  });
});

describe("validateAnswer", () => {
  it("accepts a value on the scale and don't-know when allowed", () => {
    expect(validateAnswer(sofiaChild, "lyssnad-pa", 4)).toEqual({ ok: true, value: 4 });
    expect(validateAnswer(sofiaChild, "lyssnad-pa", DONT_KNOW)).toEqual({ ok: true, value: null });
  });

  it("refuses an item not in the instrument, a value off the scale, and don't-know when not allowed", () => {
    expect(validateAnswer(sofiaChild, "finns-inte", 1)).toEqual({ ok: false, error: "surveys.error.unknownItem" });
    for (const v of [0, 5, 2.5, "3", null, undefined, Number.NaN]) {
      expect(validateAnswer(sofiaChild, "helhet", v)).toEqual({ ok: false, error: "surveys.error.outsideScale" });
    }
    const strict = { ...sofiaChild, scale: { ...sofiaChild.scale, allowDontKnow: false } };
    expect(validateAnswer(strict, "helhet", DONT_KNOW)).toEqual({ ok: false, error: "surveys.error.dontKnowNotAllowed" });
  });

  it("accepts exactly the scale's values, for every kind and every item (property)", () => {
    const instrument = fc.constantFrom(...seededInstruments.map((s) => s.content as Content));
    fc.assert(
      fc.property(instrument, fc.oneof(fc.integer({ min: -20, max: 20 }), fc.double(), fc.string()), fc.nat(), (content, value, pick) => {
        const item = content.items[pick % content.items.length];
        if (!item) return;
        const check = validateAnswer(content, item.key, value);
        const onScale = typeof value === "number" && scaleValues(content.scale.kind).includes(value);
        expect(check.ok).toBe(onScale || (value === DONT_KNOW && content.scale.allowDontKnow));
        if (check.ok && value !== DONT_KNOW) expect(check.value).toBe(value);
      }),
    );
  });

  it("never accepts an item key the instrument does not have (property)", () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 4 }), (key, value) => {
        fc.pre(!sofiaParent.items.some((i) => i.key === key));
        expect(validateAnswer(sofiaParent, key, value)).toEqual({ ok: false, error: "surveys.error.unknownItem" });
      }),
    );
  });

  it("has scale values 1..n for each kind", () => {
    expect(scaleKinds.map((k) => scaleValues(k).length)).toEqual([4, 4, 4, 10]);
  });
});

/** What the edit page saves for a posted form: the stored content with the decoded fields over it. */
const applyForm = (content: Content, body: Record<string, unknown>) =>
  withEdits(editedFields, content, decodeForm(editedFields, body)) as Content;

describe("the edit form", () => {
  it("round-trips every seeded instrument's texts (property: any posted texts end up in their fields)", () => {
    for (const s of seededInstruments) expect(applyForm(s.content, formValues(s.content))).toEqual(s.content);
    const langs = fc.constantFrom(...sofiaChild.languages);
    fc.assert(
      fc.property(fc.nat({ max: 3 }), langs, fc.string({ maxLength: 40 }), (i, lang, text) => {
        const values = { ...formValues(sofiaChild), [`items.${i}.texts.${lang}`]: text };
        const changed = applyForm(sofiaChild, values);
        expect(changed.items[i]?.texts[lang]).toBe(text);
        expect(changed.items.map((x) => x.key)).toEqual(sofiaChild.items.map((x) => x.key));
        expect(changed.scale).toEqual(sofiaChild.scale);
      }),
    );
  });

  it("links a service error path to its field", () => {
    expect(fieldOf("content.items.2.texts.en")).toBe("items.2.texts.en");
    expect(fieldOf("content.scale.options.0.labels.sv")).toBe("scale.options.0.labels.sv");
  });
});

describe("meeting names", () => {
  it("names followed meeting types from the published work models, and falls back to the keys", () => {
    const names = meetingNamesFrom([
      { key: "sofiamodellen", name: "Sofiamodellen", content: sofiaModel },
      { key: "trasig", name: "Trasig", content: { meetingTypes: "nej" } },
    ]);
    expect(names({ workModelKey: "sofiamodellen", meetingTypeKey: "barnmote" })).toEqual({ model: "Sofiamodellen", meeting: "Barnmöte" });
    expect(names({ workModelKey: "trasig", meetingTypeKey: "x" })).toEqual({ model: "trasig", meeting: "x" });
    expect(names({ workModelKey: "sofiamodellen", meetingTypeKey: "finns-inte" })).toEqual({
      model: "sofiamodellen",
      meeting: "finns-inte",
    });
  });
});
