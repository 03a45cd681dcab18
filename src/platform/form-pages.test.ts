import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formInput, jsonInput, posted, postedTexts, postedVersion } from "./form-pages.ts";

describe("formInput / jsonInput", () => {
  // A schema known only once a document is read: here, the keys of its items.
  const schemaFor = (keys: string[]) =>
    z.object({
      answers: z.object(Object.fromEntries(keys.map((k) => [k, z.number("scale").int().nullable().optional()]))),
      complete: z.boolean("complete").default(true),
    });

  it("decodes a posted form by the schema the use case builds, and hands a JSON body over as it is", () => {
    const posted = formInput({ "answers.a": "3", "answers.b": "", complete: "0", _csrf: "x" });
    expect(posted(schemaFor(["a", "b"]))).toEqual({ answers: { a: 3, b: null }, complete: false });
    // The same body, another document: decoded by that one's schema.
    expect(posted(schemaFor(["a"]))).toEqual({ answers: { a: 3 }, complete: false });
    const json = { answers: { a: 3 }, complete: true };
    expect(jsonInput(json)(schemaFor(["a"]))).toBe(json);
  });

  it("only shapes: the schema refuses what does not read as its type, with its own message, for the form and the JSON alike", () => {
    const schema = schemaFor(["a"]);
    const fromForm = schema.safeParse(formInput({ "answers.a": "three" })(schema));
    const fromJson = schema.safeParse(jsonInput({ answers: { a: "three" } })(schema));
    expect(fromForm.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["answers.a", "scale"]]);
    expect(fromJson.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["answers.a", "scale"]]);
  });

  it("passes the decode options on", () => {
    const schema = z.object({ name: z.string().optional() });
    expect(formInput({ name: "" })(schema)).toEqual({});
    expect(formInput({ name: "" }, { shown: ["name"] })(schema)).toEqual({ name: "" });
  });
});

describe("posted values", () => {
  it("keeps texts and lists of texts for showing a form again; reads a version or calls it stale", () => {
    expect(posted({ a: "1", b: ["x", "y"], c: 3 })).toEqual({ a: "1", b: ["x", "y"] });
    expect(postedTexts({ a: "1", b: ["x"] })).toEqual({ a: "1" });
    expect(postedVersion({ version: "4" })).toBe(4);
    expect(postedVersion({ version: "x" })).toBe(-1);
    expect(postedVersion(undefined)).toBe(-1);
  });
});
