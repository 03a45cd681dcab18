/** A reviewed document against the key: every question of its kind answered, no other, a known rating, a short comment. */

import { describe, expect, it } from "vitest";
import { decodeForm } from "../../platform/form-decode.ts";
import { questionsFor, skarpnackKey } from "../keys/index.ts";
import { difference, nextCodes } from "../rounds/index.ts";
import { checkDocument, type DocumentInput, documentInput } from "./model.ts";

const UNIT = "00000000-0000-4000-8000-0000000000aa";
const units = new Set([UNIT]);

function complete(kind: string): DocumentInput {
  return {
    documentKind: kind,
    unitId: UNIT,
    answers: Object.fromEntries(questionsFor(skarpnackKey, kind).map((q) => [q.key, "yes"])),
    overallRating: "some-meetings",
    comment: "  Tydlig plan.  ",
  };
}

describe("checking a reviewed document", () => {
  it("accepts a complete document and keeps the answers of the kind's questions only", () => {
    const r = checkDocument(skarpnackKey, complete("adult-investigation"), units);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.document.answers.map((a) => a.questionKey)).toEqual([
      "child-views",
      "joint-consultations",
      "joint-meetings",
      "needs-described",
      "child-impact-analysis",
      "joint-child-impact-analysis",
    ]);
    expect(r.document.comment).toBe("Tydlig plan.");
    expect(r.document.overallRating).toBe("some-meetings");
  });

  it("refuses a missing answer on that question's field", () => {
    const input = complete("child-investigation");
    delete input.answers["met-child"];
    expect(checkDocument(skarpnackKey, input, units)).toEqual({
      ok: false,
      errors: { "answers.met-child": "audits.review.error.answerRequired" },
    });
  });

  it("refuses an answer to a question the key does not ask of that kind, and an unknown answer", () => {
    const input = complete("child-investigation");
    input.answers["child-impact-analysis"] = "yes";
    input.answers["needs-described"] = "maybe";
    expect(checkDocument(skarpnackKey, input, units)).toEqual({
      ok: false,
      errors: { "answers.child-impact-analysis": "audits.review.error.notAsked", "answers.needs-described": "audits.review.error.answer" },
    });
  });

  it("refuses an unknown rating, kind, unit and a long comment", () => {
    expect(checkDocument(skarpnackKey, { ...complete("child-assignment"), overallRating: "excellent" }, units)).toEqual({
      ok: false,
      errors: { overallRating: "audits.review.error.rating" },
    });
    expect(checkDocument(skarpnackKey, { ...complete("child-assignment"), overallRating: "" }, units)).toEqual({
      ok: false,
      errors: { overallRating: "audits.review.error.ratingRequired" },
    });
    const r = checkDocument(
      skarpnackKey,
      {
        documentKind: "letter",
        unitId: "00000000-0000-4000-8000-0000000000bb",
        answers: {},
        overallRating: "none",
        comment: "x".repeat(2001),
      },
      units,
    );
    expect(r).toEqual({
      ok: false,
      errors: {
        documentKind: "audits.review.error.kind",
        unitId: "audits.review.error.unit",
        comment: "audits.review.error.commentTooLong",
      },
    });
    expect(checkDocument(skarpnackKey, { ...complete("child-assignment"), unitId: "" }, units)).toEqual({
      ok: false,
      errors: { unitId: "audits.review.error.unitRequired" },
    });
  });

  it("reads a form body by the document schema: the answers, and an empty comment as none", () => {
    expect(decodeForm(documentInput, { "answers.met-child": "yes", unitId: UNIT, comment: "", _csrf: "t" })).toEqual({
      documentKind: "",
      unitId: UNIT,
      answers: { "met-child": "yes" },
      overallRating: "",
      comment: null,
    });
  });
});

describe("the round's rules", () => {
  it("gives new focus families the codes after the highest", () => {
    expect(nextCodes([], 3)).toEqual([1, 2, 3]);
    expect(nextCodes([1, 3], 2)).toEqual([4, 5]);
  });

  it("says what a change adds and removes", () => {
    expect(difference(["a", "b", "c"], ["c", "d", "d"])).toEqual({ added: ["d"], removed: ["a", "b"] });
  });
});
