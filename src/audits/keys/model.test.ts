import { describe, expect, it } from "vitest";
import { decodeForm } from "../../platform/form-decode.ts";
import { posted, postedVersion } from "../../platform/form-pages.ts";
import { versionNumber, withEdits } from "../../platform/versioned.ts";
import { editedFields, fieldOf, formValues } from "./form.ts";
import { type Content, contentSchema, questionsFor } from "./model.ts";
import { skarpnackKey } from "./seed.ts";

const issues = (content: unknown) => contentSchema.safeParse(content).error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`) ?? [];

describe("review key content", () => {
  it("accepts the seeded Skarpnäck key", () => {
    expect(issues(skarpnackKey)).toEqual([]);
    const parsed = contentSchema.parse(skarpnackKey);
    expect(parsed.documentKinds.map((k) => k.key)).toEqual([
      "child-investigation",
      "adult-investigation",
      "child-assignment",
      "adult-assignment",
    ]);
    expect(parsed.overall.options.map((o) => o.label)).toEqual([
      "Samverkan i varje steg",
      "Flertal gemensamma möten",
      "Vissa gemensamma möten",
      "Inga gemensamma möten",
    ]);
  });

  it("refuses duplicate keys of kinds, questions and options, and a question's kind listed twice", () => {
    const [k0, k1] = skarpnackKey.documentKinds;
    const [q0, q1] = skarpnackKey.questions;
    const [o0, o1] = skarpnackKey.overall.options;
    if (!k0 || !k1 || !q0 || !q1 || !o0 || !o1) throw new Error("seed changed");
    const bad: Content = {
      ...skarpnackKey,
      documentKinds: [k0, { ...k1, key: k0.key }],
      questions: [q0, { ...q1, key: q0.key, documentKinds: [k0.key, k0.key] }],
      overall: { ...skarpnackKey.overall, options: [o0, { ...o1, key: o0.key }] },
    };
    expect(issues(bad)).toEqual([
      "documentKinds.1.key: reviewkeys.error.duplicateKey",
      "questions.1.key: reviewkeys.error.duplicateKey",
      "overall.options.1.key: reviewkeys.error.duplicateKey",
      "questions.0.documentKinds.1: reviewkeys.error.unknownKind",
      "questions.1.documentKinds: reviewkeys.error.duplicateKey",
    ]);
  });

  it("refuses a question of a kind the key does not have, a question without kinds, empty texts and a single option", () => {
    const [q0, q1] = skarpnackKey.questions;
    const [o0] = skarpnackKey.overall.options;
    if (!q0 || !q1 || !o0) throw new Error("seed changed");
    const bad = {
      ...skarpnackKey,
      name: "  ",
      questions: [
        { ...q0, documentKinds: ["child-investigation", "school-report"] },
        { ...q1, text: "", documentKinds: [] },
      ],
      overall: { question: "Helhet?", options: [o0] },
    };
    expect(issues(bad)).toEqual([
      "name: reviewkeys.error.textRequired",
      "questions.1.text: reviewkeys.error.textRequired",
      "questions.1.documentKinds: reviewkeys.error.kindsRequired",
      "overall.options: reviewkeys.error.optionsRequired",
      "questions.0.documentKinds.1: reviewkeys.error.unknownKind",
    ]);
    const onlyUnknown = { ...skarpnackKey, questions: [{ ...q0, documentKinds: ["child-investigation", "school-report"] }] };
    expect(issues(onlyUnknown)).toEqual(["questions.0.documentKinds.1: reviewkeys.error.unknownKind"]);
  });

  it("lists the questions asked of each kind of document, in the key's order", () => {
    const keysOf = (kind: string) => questionsFor(skarpnackKey, kind).map((q) => q.key);
    expect(keysOf("child-investigation")).toEqual([
      "met-child",
      "child-informed",
      "child-views",
      "joint-consultations",
      "joint-meetings",
      "needs-described",
    ]);
    expect(keysOf("adult-assignment")).toEqual([
      "joint-consultations",
      "joint-meetings",
      "needs-described",
      "child-impact-analysis",
      "joint-child-impact-analysis",
    ]);
    expect(keysOf("no-such-kind")).toEqual([]);
  });
});

/** What the edit page saves for a posted form: the stored content with the decoded fields over it. */
const applyForm = (content: Content, body: Record<string, unknown>) =>
  withEdits(editedFields, content, decodeForm(editedFields, body)) as Content;

describe("the edit form", () => {
  it("round-trips the content through its fields", () => {
    expect(applyForm(skarpnackKey, formValues(skarpnackKey))).toEqual(skarpnackKey);
  });

  it("takes texts and ticked kinds from the posted values; keys and order stay", () => {
    const values = {
      ...formValues(skarpnackKey),
      name: "Ny rubrik",
      "documentKinds.0.label": "Utredning barn",
      "questions.0.text": "Har handläggaren träffat barnet enskilt?",
      // met-child had child-investigation, child-assignment: one unticked, one added; the kinds as the form posts them.
      "questions.0.documentKinds": ["adult-assignment", "child-assignment"],
      "questions.1.documentKinds": "adult-investigation",
      "overall.options.3.label": "Ingen samverkan",
    };
    const content = applyForm(skarpnackKey, values);
    expect(content.name).toBe("Ny rubrik");
    expect(content.documentKinds[0]).toEqual({ key: "child-investigation", label: "Utredning barn" });
    expect(content.questions[0]).toEqual({
      key: "met-child",
      text: "Har handläggaren träffat barnet enskilt?",
      documentKinds: ["adult-assignment", "child-assignment"],
    });
    expect(content.questions[1]?.documentKinds).toEqual(["adult-investigation"]);
    expect(content.overall.options.map((o) => o.key)).toEqual(skarpnackKey.overall.options.map((o) => o.key));
    expect(content.overall.options[3]?.label).toBe("Ingen samverkan");
    expect(issues(content)).toEqual([]);
  });

  it("leaves an unticked question without kinds and an unknown kind for the schema to refuse", () => {
    const values = { ...formValues(skarpnackKey), "questions.2.documentKinds": [] as string[], "questions.3.documentKinds": ["x-kind"] };
    delete (values as Record<string, unknown>)["questions.2.documentKinds"];
    const content = applyForm(skarpnackKey, values);
    expect(issues(content)).toEqual([
      "questions.2.documentKinds: reviewkeys.error.kindsRequired",
      "questions.3.documentKinds.0: reviewkeys.error.unknownKind",
    ]);
    expect(fieldOf("content.questions.3.documentKinds.0")).toBe("questions.3.documentKinds");
    expect(fieldOf("content.questions.2.documentKinds")).toBe("questions.2.documentKinds");
    expect(fieldOf("content.overall.options.1.label")).toBe("overall.options.1.label");
  });

  it("reads posted fields, the row version and a version number from a URL", () => {
    expect(posted({ a: "1", b: ["x", "y", 3], c: 4 })).toEqual({ a: "1", b: ["x", "y"] });
    expect(posted(undefined)).toEqual({});
    expect(postedVersion({ version: "7" })).toBe(7);
    expect(postedVersion({ version: "sju" })).toBe(-1);
    expect(postedVersion({})).toBe(-1);
    expect(versionNumber("3")).toBe(3);
    expect(versionNumber("03")).toBe(0);
    expect(versionNumber("-1")).toBe(0);
    expect(versionNumber("1e3")).toBe(0);
  });
});
