/**
 * The results of an audit round (audits.results, aggregate): per document kind the documents
 * reviewed, per question the answers and the share yes, the overall ratings and the comments,
 * suppressed by the municipality's minimum group size (results/model.ts). Never a family code, a
 * name or a reviewer. Viewing is audited as a statistics view.
 */
import { z } from "zod";
import { audit } from "../../platform/audit.ts";
import { authorize, type ServiceContext } from "../../platform/context.ts";
import { NotFoundError } from "../../platform/errors.ts";
import { type Content, contentSchema } from "../keys/index.ts";
import type { RoundStatus } from "../rounds/index.ts";
import { round } from "../rounds/index.ts";
import { buildResults, type ResultsFigures } from "./model.ts";
import * as store from "./store.ts";

export interface RoundResults extends ResultsFigures {
  round: { id: string; name: string; status: RoundStatus; keyName: string; keyVersion: number; families: number; closedAt: Date | null };
  content: Content;
  minGroupSize: number;
}

export async function roundResults(ctx: ServiceContext, roundId: string): Promise<RoundResults> {
  const { actor } = await authorize(ctx, "audits.results");
  if (!z.uuid().safeParse(roundId).success) throw new NotFoundError();
  return ctx.db.transaction(async (tx) => {
    const row = await round(tx, actor.municipalityId, roundId);
    if (!row) throw new NotFoundError();
    const content = contentSchema.parse(row.content);
    const min = await store.minGroupSize(tx, actor.municipalityId);
    const figures = buildResults(
      content,
      {
        kinds: await store.kindCounts(tx, row.id),
        answers: await store.answerCounts(tx, row.id),
        ratings: await store.ratingCounts(tx, row.id),
        comments: await store.comments(tx, row.id),
      },
      min,
    );
    await audit(tx, ctx, {
      action: "audit_results.view",
      recordType: "audit_round",
      recordId: row.id,
      detail: { statistics: true },
    });
    return {
      ...figures,
      round: {
        id: row.id,
        name: row.name,
        status: row.status as RoundStatus,
        keyName: row.keyName,
        keyVersion: row.keyVersion,
        families: row.families,
        closedAt: row.closedAt,
      },
      content,
      minGroupSize: min,
    };
  });
}
