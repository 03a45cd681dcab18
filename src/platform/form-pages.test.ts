import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ConflictError, NotFoundError, ValidationError } from "./errors.ts";
import { formFailure, formInput, jsonInput, placeErrors, posted, postedTexts, postedVersion } from "./form-pages.ts";

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

/** A translation that shows which key it was given. */
const t = (key: string) => `«${key}»`;

describe("placeErrors", () => {
  const fieldErrors = {
    "content.name": "name.required",
    "content.numerator.0.field": "field.unknown",
    "content.numerator.1.op": "op.invalid",
    "content.unit": "unit.invalid",
    "content.target.value": "target.invalid",
    "content.target.direction": "direction.invalid",
  };
  const rename = (path: string) => {
    const [, head, second] = path.split(".");
    if (head === "name") return "name";
    if (head === "target") return second === "direction" ? "targetDirection" : "targetValue";
    return "definition";
  };

  it("keeps each path as its field with its translated message by default", () => {
    expect(placeErrors({ name: "name.required", "people.0.name": "x" }, t)).toEqual({ name: "«name.required»", "people.0.name": "«x»" });
  });

  it("shows a field's first message when several paths share it", () => {
    expect(placeErrors(fieldErrors, t, { rename })).toEqual({
      name: "«name.required»",
      definition: "«field.unknown»",
      targetValue: "«target.invalid»",
      targetDirection: "«direction.invalid»",
    });
  });

  it("joins every message of a joined field, in the order of the paths, each with its place", () => {
    const message = (path: string, text: string) => {
      const m = /^content\.numerator\.(\d+)/.exec(path);
      return m ? `Villkor ${Number(m[1]) + 1}: ${text}` : text;
    };
    expect(placeErrors(fieldErrors, t, { rename, message, joined: ["definition"] })).toEqual({
      name: "«name.required»",
      definition: "Villkor 1: «field.unknown» Villkor 2: «op.invalid» «unit.invalid»",
      targetValue: "«target.invalid»",
      targetDirection: "«direction.invalid»",
    });
  });
});

describe("formFailure", () => {
  it("gives every field's error at once (400), joined where asked", () => {
    const e = new ValidationError({ "content.a": "a.bad", "content.b": "b.bad", key: "key.taken" });
    expect(formFailure(e, t, { rename: (p) => (p === "key" ? p : "content"), joined: ["content"] })).toEqual({
      status: 400,
      errors: { content: "«a.bad» «b.bad»", key: "«key.taken»" },
    });
    // A rename alone still works as before: the first message per field.
    expect(formFailure(e, t, (p) => (p === "key" ? p : "content")).errors).toEqual({ content: "«a.bad»", key: "«key.taken»" });
  });

  it("shows a conflict naming a field at that field, a stale version as the alert, and rethrows anything else", () => {
    expect(formFailure(new ConflictError("name.taken", "content.name"), t, { rename: (p) => p.replace("content.", "") })).toEqual({
      status: 400,
      errors: { name: "«name.taken»" },
    });
    expect(formFailure(new ConflictError(), t)).toMatchObject({ status: 409, errors: {} });
    expect(() => formFailure(new NotFoundError(), t)).toThrow(NotFoundError);
  });
});
