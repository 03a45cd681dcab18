import { describe, expect, it } from "vitest";
import { z } from "zod";
import { decodeForm, readNumber, unflatten } from "./form-decode.ts";

describe("unflatten", () => {
  it("nests dotted names and keeps repeated names as lists", () => {
    expect(unflatten({ a: "1", "b.c": "2", "b.d.0": "x", e: ["p", "q"] })).toEqual({ a: "1", b: { c: "2", d: { 0: "x" } }, e: ["p", "q"] });
  });

  it("never follows a name into an object's prototype", () => {
    const out = unflatten({ "__proto__.polluted": "yes", "a.constructor.prototype.x": "1" });
    expect(out).toEqual({});
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("decodeForm", () => {
  const schema = z.object({
    name: z.string().trim().min(1, "required"),
    note: z.string().default(""),
    count: z.number("count.invalid").int(),
    version: z.number().int().nullable().default(null),
    unitId: z.uuid().nullable(),
    kind: z.enum(["a", "b"], "kind.required"),
    reason: z.enum(["x", "y"]).nullable().default(null),
    gender: z.enum(["w", "m"]).nullable().optional(),
    applied: z.boolean(),
    present: z.boolean().default(false),
    joint: z.boolean("joint.required"),
    ids: z.array(z.string()).default([]),
    picked: z.array(z.number()).max(3),
    summary: z.object({ agreed: z.string().default("") }).default({ agreed: "" }),
    plan: z.object({ signs: z.string() }).nullable().default(null),
    people: z.array(z.object({ name: z.string(), ok: z.boolean() })),
  });

  it("shapes every kind of field from what a browser posts", () => {
    const body = {
      name: "Ada",
      note: "",
      count: " 42 ",
      version: "",
      unitId: "",
      kind: "a",
      reason: "",
      gender: "",
      applied: "on",
      joint: "no",
      ids: "one",
      picked: ["1", "2"],
      "summary.agreed": "yes",
      "people.1.name": "Second",
      "people.0.name": "First",
      "people.0.ok": "on",
    };
    expect(decodeForm(schema, body, { radios: ["joint"] })).toEqual({
      name: "Ada",
      count: 42,
      version: null,
      unitId: null,
      kind: "a",
      reason: null,
      gender: null,
      applied: true,
      joint: false,
      ids: ["one"],
      picked: [1, 2],
      summary: { agreed: "yes" },
      people: [
        { name: "First", ok: true },
        { name: "Second", ok: false },
      ],
    });
  });

  it("leaves out what was not posted, so defaults apply and the schema names each missing answer", () => {
    const decoded = decodeForm(schema, {}, { radios: ["joint"] });
    expect(decoded).toEqual({ name: "", unitId: null, kind: "", applied: false, picked: [], people: [] });
    const result = schema.safeParse(decoded);
    expect(result.success).toBe(false);
    const messages = Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));
    expect(messages).toMatchObject({ name: "required", count: "count.invalid", kind: "kind.required", joint: "joint.required" });
    expect(schema.parse({ ...decoded, name: "A", count: 1, kind: "b", joint: true })).toMatchObject({
      note: "",
      present: false,
      summary: { agreed: "" },
      plan: null,
    });
  });

  it("passes on what does not read as its type, for the schema to refuse with its own message", () => {
    const decoded = decodeForm(schema, { count: "twelve", applied: "maybe", picked: ["1", "x"] });
    expect(decoded).toMatchObject({ count: "twelve", applied: "maybe", picked: [1, "x"] });
    const issues = schema.safeParse(decoded).error?.issues ?? [];
    expect(issues.find((i) => i.path.join(".") === "count")?.message).toBe("count.invalid");
  });

  it("decodes through a preprocess to the schema it feeds", () => {
    const withPreprocess = z.object({ n: z.preprocess((v) => v, z.number()) });
    expect(decodeForm(withPreprocess, { n: "7" })).toEqual({ n: 7 });
  });

  it("decodes the fields an edit form always shows as required, though a PATCH schema makes them optional", () => {
    const patch = z.object({
      version: z.number(),
      name: z.string().trim().min(1, "name.required").optional(),
      days: z.number("days.invalid").optional(),
      roles: z.array(z.string()).min(1, "roles.required").optional(),
      email: z.string().nullable().optional(),
    });
    const shown = ["name", "days", "roles"];
    // Without the option an emptied field would read as "no change".
    expect(decodeForm(patch, { version: "2", name: "", days: "", email: "" })).toEqual({ version: 2, email: null });
    const decoded = decodeForm(patch, { version: "2", name: "", days: "", email: "" }, { shown });
    expect(decoded).toEqual({ version: 2, name: "", days: "", roles: [], email: null });
    const messages = Object.fromEntries((patch.safeParse(decoded).error?.issues ?? []).map((i) => [i.path.join("."), i.message]));
    expect(messages).toEqual({ name: "name.required", days: "days.invalid", roles: "roles.required" });
    // What is filled in reads as usual; a number not posted at all stays absent.
    expect(decodeForm(patch, { version: "2", name: "Ada", roles: "a" }, { shown })).toEqual({ version: 2, name: "Ada", roles: ["a"] });
  });

  it("reads a number with a decimal comma and digits grouped by spaces, and passes on what is no number", () => {
    const amounts = z.object({ share: z.number("share.invalid"), total: z.number().optional() });
    expect(decodeForm(amounts, { share: "0,5", total: "1 234,5" })).toEqual({ share: 0.5, total: 1234.5 });
    expect(decodeForm(amounts, { share: " 75,5 ", total: "1\u00a0000\u202f000" })).toEqual({ share: 75.5, total: 1000000 });
    expect(decodeForm(amounts, { share: "\u22122,25", total: ",5" })).toEqual({ share: -2.25, total: 0.5 });
    expect(decodeForm(amounts, { share: "12.5", total: "7," })).toEqual({ share: 12.5, total: 7 });
    // A bad decimal is passed on as typed, for the schema's message.
    for (const bad of ["1,2,3", "12 34", "1 2345", "0,5 kr", ",", "-", "1e3"]) {
      const decoded = decodeForm(amounts, { share: bad });
      expect(decoded).toEqual({ share: bad });
      expect(amounts.safeParse(decoded).error?.issues[0]?.message).toBe("share.invalid");
    }
  });
});

describe("readNumber", () => {
  it("reads Swedish and plain numbers, nothing else", () => {
    expect(readNumber("0,5")).toBe(0.5);
    expect(readNumber("1 234,5")).toBe(1234.5);
    expect(readNumber("-3")).toBe(-3);
    expect(readNumber("+3.25")).toBe(3.25);
    expect(readNumber("")).toBeUndefined();
    expect(readNumber("1,234,5")).toBeUndefined();
    expect(readNumber("Infinity")).toBeUndefined();
  });
});

describe("decodeForm, unions and open objects", () => {
  it("reads a number in a union with a number and no free text, and leaves a union with free text as text", () => {
    const schema = z.object({
      answer: z.union([z.literal("dont_know"), z.number()]).nullable(),
      other: z.union([z.literal("dont_know"), z.number()]).nullable(),
      empty: z.union([z.literal("dont_know"), z.number()]).nullable(),
      amount: z.union([z.number(), z.string()]),
    });
    expect(decodeForm(schema, { answer: " 3 ", other: "dont_know", empty: "", amount: "12" })).toEqual({
      answer: 3,
      other: "dont_know",
      empty: null,
      amount: "12",
    });
  });

  it("decodes the names an object's catchall takes by that schema, and none where it has none", () => {
    const open = z.object({ known: z.number() }).catchall(z.number());
    expect(decodeForm(open, { known: "1", extra: "2" })).toEqual({ known: 1, extra: 2 });
    expect(decodeForm(z.object({ known: z.number() }), { known: "1", extra: "2" })).toEqual({ known: 1 });
    expect(decodeForm(z.object({ answers: open }), { "answers.known": "1", "answers.x": "y" })).toEqual({ answers: { known: 1, x: "y" } });
  });

  it("reads 1 and 0 as a checkbox's or a hidden field's yes and no", () => {
    const schema = z.object({ done: z.boolean().default(true) });
    expect(decodeForm(schema, { done: "1" })).toEqual({ done: true });
    expect(decodeForm(schema, { done: "0" })).toEqual({ done: false });
    expect(decodeForm(schema, {})).toEqual({});
  });
});
