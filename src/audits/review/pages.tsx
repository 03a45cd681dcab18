/** The reviewer's pages: a round's focus families, a family, and adding or changing a reviewed document (no JavaScript needed). */
import { NotFoundError } from "../../platform/errors.ts";
import { formFailure, noticeFrom, posted } from "../../platform/form-pages.ts";
import type { App } from "../../platform/http.ts";
import { reviewHref, roundNotices } from "../rounds/index.ts";
import { answersFromForm } from "./model.ts";
import * as review from "./service.ts";
import { ChooseKindPage, DocumentFormPage, documentHref, familyHref, ReviewFamilyPage, ReviewRoundPage } from "./views.tsx";

type FamilyParams = { Params: { id: string; familyId: string } };
type DocumentParams = { Params: { id: string; familyId: string; documentId: string } };

const text = (body: Record<string, unknown>, name: string) => (typeof body[name] === "string" ? (body[name] as string) : "");

export function reviewPages(app: App): void {
  app.get<{ Params: { id: string } }>(reviewHref(":id"), { config: { permission: "audits.review" } }, async (req, reply) => {
    const { round, families } = await review.reviewRound(req.ctx, req.params.id);
    return reply.page(<ReviewRoundPage view={req.view} round={round} families={families} />);
  });

  app.get<FamilyParams>(familyHref(":id", ":familyId"), { config: { permission: "audits.review" } }, async (req, reply) => {
    const data = await review.reviewFamily(req.ctx, req.params.id, req.params.familyId);
    return reply.page(<ReviewFamilyPage view={req.view} data={data} notice={noticeFrom(req.query, roundNotices)} />);
  });

  app.get<FamilyParams>(
    `${familyHref(":id", ":familyId")}/dokument/ny`,
    { config: { permission: "audits.review" } },
    async (req, reply) => {
      const data = await review.documentForm(req.ctx, req.params.id, req.params.familyId);
      if (data.round.status !== "open") return reply.redirect(familyHref(data.round.id, data.family.id), 303);
      const kind = (req.query as Record<string, unknown> | undefined)?.typ;
      if (typeof kind === "string" && data.round.content.documentKinds.some((k) => k.key === kind))
        return reply.page(<DocumentFormPage view={req.view} data={data} kind={kind} />);
      return reply.page(<ChooseKindPage view={req.view} data={data} />);
    },
  );

  app.post<FamilyParams>(
    `${familyHref(":id", ":familyId")}/dokument/ny`,
    { config: { permission: "audits.review" } },
    async (req, reply) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const input = {
        documentKind: text(body, "documentKind"),
        unitId: text(body, "unitId"),
        answers: answersFromForm(body),
        overallRating: text(body, "overallRating"),
        comment: text(body, "comment"),
      };
      try {
        await review.addDocument(req.ctx, req.params.id, req.params.familyId, input);
        return reply.redirect(`${familyHref(req.params.id, req.params.familyId)}?klart=dokument`, 303);
      } catch (e) {
        const failure = formFailure(e, req.t);
        const data = await review.documentForm(req.ctx, req.params.id, req.params.familyId);
        if (!data.round.content.documentKinds.some((k) => k.key === input.documentKind)) {
          if (data.round.status !== "open") return reply.redirect(familyHref(data.round.id, data.family.id), 303);
          return reply.page(<ChooseKindPage view={req.view} data={data} />, failure.status);
        }
        return reply.page(
          <DocumentFormPage view={req.view} data={data} kind={input.documentKind} values={posted(body)} failure={failure} />,
          failure.status,
        );
      }
    },
  );

  app.get<DocumentParams>(
    documentHref(":id", ":familyId", ":documentId"),
    { config: { permission: "audits.review" } },
    async (req, reply) => {
      const data = await review.documentForm(req.ctx, req.params.id, req.params.familyId, req.params.documentId);
      if (!data.document) throw new NotFoundError();
      return reply.page(<DocumentFormPage view={req.view} data={data} kind={data.document.documentKind} />);
    },
  );

  app.post<DocumentParams>(
    documentHref(":id", ":familyId", ":documentId"),
    { config: { permission: "audits.review" } },
    async (req, reply) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const version = Number(text(body, "version"));
      const input = {
        unitId: text(body, "unitId"),
        answers: answersFromForm(body),
        overallRating: text(body, "overallRating"),
        comment: text(body, "comment"),
        version: Number.isInteger(version) ? version : 0,
      };
      try {
        await review.updateDocument(req.ctx, req.params.id, req.params.familyId, req.params.documentId, input);
        return reply.redirect(`${familyHref(req.params.id, req.params.familyId)}?klart=dokument`, 303);
      } catch (e) {
        const failure = formFailure(e, req.t);
        const data = await review.documentForm(req.ctx, req.params.id, req.params.familyId, req.params.documentId);
        if (!data.document) throw new NotFoundError();
        return reply.page(
          <DocumentFormPage view={req.view} data={data} kind={data.document.documentKind} values={posted(body)} failure={failure} />,
          failure.status,
        );
      }
    },
  );
}
