/**
 * A review key's content (granskningsnyckel): the kinds of document reviewed, the questions with the
 * kinds each applies to, and the overall rating of the collaboration. Every question is answered
 * yes / partly / no / not applicable. One zod schema validates the document from the seed, the form
 * and the API; messages are catalog keys.
 */
import { z } from "zod";

/** The answers every question of every key offers. */
export const answerValues = ["yes", "partly", "no", "not_applicable"] as const;
export type AnswerValue = (typeof answerValues)[number];

const key = z
  .string()
  .trim()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "reviewkeys.error.key")
  .max(60, "reviewkeys.error.key");
const label = z.string().trim().min(1, "reviewkeys.error.textRequired").max(120, "reviewkeys.error.textTooLong");
const text = z.string().trim().min(1, "reviewkeys.error.textRequired").max(500, "reviewkeys.error.textTooLong");

export const documentKindSchema = z.object({ key, label });
export type DocumentKind = z.output<typeof documentKindSchema>;

export const questionSchema = z.object({
  key,
  text,
  /** The document kinds the question is asked of; at least one. */
  documentKinds: z.array(key).min(1, "reviewkeys.error.kindsRequired"),
});
export type Question = z.output<typeof questionSchema>;

export const ratingOptionSchema = z.object({ key, label });

export const contentSchema = z
  .object({
    /** The key's title as the reviewers see it. */
    name: label,
    documentKinds: z.array(documentKindSchema).min(1, "reviewkeys.error.kindsRequired").max(20, "reviewkeys.error.tooMany"),
    questions: z.array(questionSchema).min(1, "reviewkeys.error.questionsRequired").max(60, "reviewkeys.error.tooMany"),
    /** The overall rating of how clear the collaboration is, best option first. */
    overall: z.object({
      question: text,
      options: z.array(ratingOptionSchema).min(2, "reviewkeys.error.optionsRequired").max(10, "reviewkeys.error.tooMany"),
    }),
  })
  .superRefine((c, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
    const unique = (keys: string[], path: (i: number) => (string | number)[]) => {
      const seen = new Set<string>();
      keys.forEach((k, i) => {
        if (seen.has(k)) issue(path(i), "reviewkeys.error.duplicateKey");
        seen.add(k);
      });
    };
    unique(
      c.documentKinds.map((k) => k.key),
      (i) => ["documentKinds", i, "key"],
    );
    unique(
      c.questions.map((q) => q.key),
      (i) => ["questions", i, "key"],
    );
    unique(
      c.overall.options.map((o) => o.key),
      (i) => ["overall", "options", i, "key"],
    );
    const kinds = new Set(c.documentKinds.map((k) => k.key));
    c.questions.forEach((q, i) => {
      q.documentKinds.forEach((k, j) => {
        if (!kinds.has(k)) issue(["questions", i, "documentKinds", j], "reviewkeys.error.unknownKind");
      });
      if (new Set(q.documentKinds).size !== q.documentKinds.length)
        issue(["questions", i, "documentKinds"], "reviewkeys.error.duplicateKey");
    });
  });
export type Content = z.output<typeof contentSchema>;

/** The questions of the key asked of one kind of document, in the key's order. */
export function questionsFor(content: Content, documentKind: string): Question[] {
  return content.questions.filter((q) => q.documentKinds.includes(documentKind));
}
