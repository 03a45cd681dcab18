/** The results of a round without a database: exact counts and shares, primary and secondary suppression, comments. */
import { describe, expect, it } from "vitest";
import { translator } from "../../platform/i18n.ts";
import { skarpnackKey } from "../keys/index.ts";
import { type AnswerCount, buildResults, type CommentRow, type KindCount, type RatingCount } from "./model.ts";
import { questionSentence } from "./views.tsx";

const t = translator("sv");

/** `n` documents of a kind, each answering every given question with the answers listed (in turn). */
function documents(kind: string, n: number, answers: Record<string, string[]>, ratings: string[]) {
  const kinds: KindCount[] = [{ documentKind: kind, n }];
  const counts: AnswerCount[] = [];
  for (const [questionKey, list] of Object.entries(answers)) {
    const by = new Map<string, number>();
    for (const a of list) by.set(a, (by.get(a) ?? 0) + 1);
    for (const [answer, c] of by) counts.push({ documentKind: kind, questionKey, answer, n: c });
  }
  const r = new Map<string, number>();
  for (const x of ratings) r.set(x, (r.get(x) ?? 0) + 1);
  const rated: RatingCount[] = [...r].map(([rating, c]) => ({ documentKind: kind, rating, n: c }));
  return { kinds, counts, rated };
}

const childInv = documents(
  "child-investigation",
  6,
  { "met-child": ["yes", "yes", "yes", "yes", "partly", "no"], "joint-meetings": ["no", "no", "no", "no", "no", "not_applicable"] },
  ["every-step", "every-step", "some-meetings", "none", "none", "none"],
);
const adultInv = documents("adult-investigation", 5, { "child-impact-analysis": ["yes", "yes", "yes", "yes", "no"] }, [
  "several-meetings",
  "several-meetings",
  "several-meetings",
  "none",
  "none",
]);
const childAssign = documents("child-assignment", 2, { "met-child": ["yes", "yes"] }, ["none", "none"]);

const comments: CommentRow[] = [
  { documentId: "00000000-0000-4000-8000-000000000003", documentKind: "child-investigation", comment: "Tredje" },
  { documentId: "00000000-0000-4000-8000-000000000001", documentKind: "child-investigation", comment: "Första" },
  { documentId: "00000000-0000-4000-8000-000000000002", documentKind: "adult-investigation", comment: "Vuxen" },
  { documentId: "00000000-0000-4000-8000-000000000004", documentKind: "child-assignment", comment: "Uppdrag" },
];

function data(...parts: Array<ReturnType<typeof documents>>) {
  return {
    kinds: parts.flatMap((p) => p.kinds),
    answers: parts.flatMap((p) => p.counts),
    ratings: parts.flatMap((p) => p.rated),
    comments,
  };
}

describe("the results of a round", () => {
  it("counts per kind and question, with the share yes of the documents the question applied to", () => {
    const r = buildResults(skarpnackKey, data(childInv, adultInv), 5);
    expect(r.total).toBe(11);
    expect(r.kinds.map((k) => [k.key, k.n, k.suppressed])).toEqual([
      ["child-investigation", 6, false],
      ["adult-investigation", 5, false],
      ["child-assignment", 0, false],
      ["adult-assignment", 0, false],
    ]);
    const child = r.kinds[0];
    // The key asks six questions of a child investigation, in the key's order.
    expect(child?.questions.map((q) => q.key)).toEqual([
      "met-child",
      "child-informed",
      "child-views",
      "joint-consultations",
      "joint-meetings",
      "needs-described",
    ]);
    const met = child?.questions[0];
    expect(met?.counts).toEqual({ yes: 4, partly: 1, no: 1, not_applicable: 0 });
    expect(met?.applicable).toBe(6);
    expect(met?.yesShare).toBeCloseTo(4 / 6);
    expect(met?.partlyShare).toBeCloseTo(1 / 6);
    expect(questionSentence(t, met as NonNullable<typeof met>)).toBe("Ja i 4 av 6, delvis i 1");
    const meetings = child?.questions.find((q) => q.key === "joint-meetings");
    expect(meetings?.counts).toEqual({ yes: 0, partly: 0, no: 5, not_applicable: 1 });
    expect(meetings?.yesShare).toBe(0);
    const notAnswered = child?.questions.find((q) => q.key === "child-informed");
    expect(notAnswered?.applicable).toBe(0);
    expect(notAnswered?.yesShare).toBeNull();

    const bka = r.kinds[1]?.questions.find((q) => q.key === "child-impact-analysis");
    expect(bka?.counts).toEqual({ yes: 4, partly: 0, no: 1, not_applicable: 0 });
    expect(questionSentence(t, bka as NonNullable<typeof bka>)).toBe("Ja i 4 av 5");
    expect(r.kinds[1]?.ratings).toEqual([
      { key: "every-step", label: "Samverkan i varje steg", n: 0 },
      { key: "several-meetings", label: "Flertal gemensamma möten", n: 3 },
      { key: "some-meetings", label: "Vissa gemensamma möten", n: 0 },
      { key: "none", label: "Inga gemensamma möten", n: 2 },
    ]);
    expect(r.kinds[0]?.ratings.map((x) => x.n)).toEqual([2, 0, 1, 3]);
    // Comments per kind, ordered by document id, without anything else.
    expect(r.kinds[0]?.comments).toEqual(["Första", "Tredje"]);
    expect(r.kinds[1]?.comments).toEqual(["Vuxen"]);
  });

  it("hides a kind under the minimum, and the kind the total would then give away, with its comments", () => {
    const r = buildResults(skarpnackKey, data(childInv, adultInv, childAssign), 5);
    const byKey = Object.fromEntries(r.kinds.map((k) => [k.key, k]));
    // Primary: 2 child assignments < 5.
    expect(byKey["child-assignment"]).toMatchObject({ n: null, suppressed: true, comments: [] });
    expect(byKey["child-assignment"]?.questions.every((q) => q.counts === null && q.yesShare === null && q.suppressed)).toBe(true);
    expect(byKey["child-assignment"]?.ratings.every((x) => x.n === null)).toBe(true);
    // Secondary: with the total 13 shown, the 2 would be 13 − 6 − 5 − 0; the smallest other kind (5) is hidden too.
    expect(byKey["adult-investigation"]).toMatchObject({ n: null, suppressed: true, comments: [] });
    expect(byKey["child-investigation"]).toMatchObject({ n: 6, suppressed: false, comments: ["Första", "Tredje"] });
    expect(byKey["adult-assignment"]).toMatchObject({ n: 0, suppressed: false });
    expect(r.total).toBe(13);
    expect(r.totalSuppressed).toBe(false);
    const hidden = byKey["adult-investigation"]?.questions[0];
    expect(hidden && questionSentence(t, hidden)).toBe("..");
  });

  it("hides the total when only one kind was reviewed and it is under the minimum", () => {
    const r = buildResults(skarpnackKey, data(childAssign), 5);
    expect(r.total).toBeNull();
    expect(r.totalSuppressed).toBe(true);
    expect(r.kinds.find((k) => k.key === "child-assignment")?.n).toBeNull();
  });

  it("shows everything with a minimum group size of 1", () => {
    const r = buildResults(skarpnackKey, data(childInv, adultInv, childAssign), 1);
    expect(r.kinds.map((k) => k.n)).toEqual([6, 5, 2, 0]);
    expect(r.kinds[2]?.comments).toEqual(["Uppdrag"]);
  });
});
