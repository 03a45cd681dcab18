/**
 * The results of an audit round without a database: per document kind the number of documents,
 * per question the answers and the share yes (and partly) of the documents the question applied
 * to, the overall ratings, and the comments. A kind with fewer documents than the municipality's
 * minimum group size is hidden (".."), and so is any kind whose count the shown total would give
 * away (src/platform/suppression.ts); a hidden kind shows no figure and no comment. Never a family
 * code, a name or a reviewer.
 */
import { suppressGroups } from "../../platform/suppression.ts";
import { type AnswerValue, answerValues, type Content, questionsFor } from "../keys/index.ts";

export interface KindCount {
  documentKind: string;
  n: number;
}
export interface AnswerCount {
  documentKind: string;
  questionKey: string;
  answer: string;
  n: number;
}
export interface RatingCount {
  documentKind: string;
  rating: string;
  n: number;
}
export interface CommentRow {
  documentId: string;
  documentKind: string;
  comment: string;
}

export type AnswerCounts = Record<AnswerValue, number>;

export interface QuestionStat {
  key: string;
  text: string;
  /** Answers per value; null when the kind is hidden. */
  counts: AnswerCounts | null;
  /** Documents the question applied to: yes + partly + no. */
  applicable: number | null;
  /** yes / applicable (0–1); null when hidden or nothing applied. */
  yesShare: number | null;
  partlyShare: number | null;
  suppressed: boolean;
}

export interface RatingStat {
  key: string;
  label: string;
  n: number | null;
}

export interface KindStat {
  key: string;
  label: string;
  n: number | null;
  suppressed: boolean;
  questions: QuestionStat[];
  ratings: RatingStat[];
  /** The comments of the kind's documents, ordered by document id (stable, unrelated to who or which family). */
  comments: string[];
}

export interface ResultsFigures {
  kinds: KindStat[];
  /** All reviewed documents; null when it would give a hidden kind away. */
  total: number | null;
  totalSuppressed: boolean;
}

const emptyCounts = (): AnswerCounts => ({ yes: 0, partly: 0, no: 0, not_applicable: 0 });
const isAnswer = (v: string): v is AnswerValue => (answerValues as readonly string[]).includes(v);

/** A question's figures from its counts, or all null when hidden. */
export function questionStat(question: { key: string; text: string }, counts: AnswerCounts, hidden: boolean): QuestionStat {
  if (hidden) return { ...question, counts: null, applicable: null, yesShare: null, partlyShare: null, suppressed: true };
  const applicable = counts.yes + counts.partly + counts.no;
  return {
    ...question,
    counts,
    applicable,
    yesShare: applicable === 0 ? null : counts.yes / applicable,
    partlyShare: applicable === 0 ? null : counts.partly / applicable,
    suppressed: false,
  };
}

/** Every kind of the key, in the key's order, with its questions and ratings, suppressed by `min`. */
export function buildResults(
  content: Content,
  data: { kinds: KindCount[]; answers: AnswerCount[]; ratings: RatingCount[]; comments: CommentRow[] },
  min: number,
): ResultsFigures {
  const sizes = content.documentKinds.map((k) => data.kinds.filter((c) => c.documentKind === k.key).reduce((s, c) => s + c.n, 0));
  const hidden = suppressGroups(sizes, min);
  const kinds = content.documentKinds.map((kind, i): KindStat => {
    const suppressed = hidden.groups[i] ?? true;
    const questions = questionsFor(content, kind.key).map((q) => {
      const counts = emptyCounts();
      for (const a of data.answers) {
        if (a.documentKind === kind.key && a.questionKey === q.key && isAnswer(a.answer)) counts[a.answer] += a.n;
      }
      return questionStat({ key: q.key, text: q.text }, counts, suppressed);
    });
    const ratings = content.overall.options.map((o) => ({
      key: o.key,
      label: o.label,
      n: suppressed ? null : data.ratings.filter((r) => r.documentKind === kind.key && r.rating === o.key).reduce((s, r) => s + r.n, 0),
    }));
    const comments = suppressed
      ? []
      : data.comments
          .filter((c) => c.documentKind === kind.key && c.comment.trim() !== "")
          .sort((a, b) => (a.documentId < b.documentId ? -1 : a.documentId > b.documentId ? 1 : 0))
          .map((c) => c.comment);
    return { key: kind.key, label: kind.label, n: suppressed ? null : (sizes[i] ?? 0), suppressed, questions, ratings, comments };
  });
  const total = sizes.reduce((s, n) => s + n, 0);
  return { kinds, total: hidden.total ? null : total, totalSuppressed: hidden.total };
}
