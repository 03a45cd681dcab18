/** The reviewer's pages: a round's focus families, a family, and adding or changing a reviewed document (no JavaScript needed). */

import { NotFoundError } from "../../platform/errors.ts";
import { handleForm, noticeFrom, postedVersion } from "../../platform/form-pages.ts";
import type { App } from "../../platform/http.ts";
import { roundNotices } from "../rounds/index.ts";
import { documentInput, documentUpdateInput } from "./model.ts";
import { paths } from "./paths.ts";
import * as review from "./service.ts";
import { ChooseKindPage, DocumentFormPage, ReviewFamilyPage, ReviewRoundPage } from "./views.tsx";

const familyHref = (id: string, familyId: string) => paths.family.href({ id, familyId });

type FamilyParams = { Params: { id: string; familyId: string } };
type DocumentParams = { Params: { id: string; familyId: string; documentId: string } };

export function reviewPages(app: App): void {
  app.get<{ Params: { id: string } }>(paths.review.pattern, { config: { permission: "audits.review" } }, async (req, reply) => {
    const { round, families } = await review.reviewRound(req.ctx, req.params.id);
    return reply.page(<ReviewRoundPage view={req.view} round={round} families={families} />);
  });

  app.get<FamilyParams>(paths.family.pattern, { config: { permission: "audits.review" } }, async (req, reply) => {
    const data = await review.reviewFamily(req.ctx, req.params.id, req.params.familyId);
    return reply.page(<ReviewFamilyPage view={req.view} data={data} notice={noticeFrom(req.query, roundNotices)} />);
  });

  app.get<FamilyParams>(paths.newDocument.pattern, { config: { permission: "audits.review" } }, async (req, reply) => {
    const data = await review.documentForm(req.ctx, req.params.id, req.params.familyId);
    if (data.round.status !== "open") return reply.redirect(familyHref(data.round.id, data.family.id), 303);
    const kind = (req.query as Record<string, unknown> | undefined)?.typ;
    if (typeof kind === "string" && data.round.content.documentKinds.some((k) => k.key === kind))
      return reply.page(<DocumentFormPage view={req.view} data={data} kind={kind} />);
    return reply.page(<ChooseKindPage view={req.view} data={data} />);
  });

  app.post<FamilyParams>(paths.newDocument.pattern, { config: { permission: "audits.review" } }, async (req, reply) => {
    const { id, familyId } = req.params;
    return handleForm(req, reply, {
      schema: documentInput,
      run: (input) => review.addDocument(req.ctx, id, familyId, input),
      redirect: () => paths.family.href({ id, familyId }, { klart: "dokument" }),
      conflict: "field",
      render: async ({ values, ...failure }) => {
        const data = await review.documentForm(req.ctx, id, familyId);
        const kind = typeof values.documentKind === "string" ? values.documentKind : "";
        if (!data.round.content.documentKinds.some((k) => k.key === kind)) {
          if (data.round.status !== "open") return { redirect: familyHref(data.round.id, data.family.id) };
          return <ChooseKindPage view={req.view} data={data} />;
        }
        return <DocumentFormPage view={req.view} data={data} kind={kind} values={values} failure={failure} />;
      },
    });
  });

  app.get<DocumentParams>(paths.document.pattern, { config: { permission: "audits.review" } }, async (req, reply) => {
    const data = await review.documentForm(req.ctx, req.params.id, req.params.familyId, req.params.documentId);
    if (!data.document) throw new NotFoundError();
    return reply.page(<DocumentFormPage view={req.view} data={data} kind={data.document.documentKind} />);
  });

  app.post<DocumentParams>(paths.document.pattern, { config: { permission: "audits.review" } }, async (req, reply) => {
    const { id, familyId, documentId } = req.params;
    return handleForm(req, reply, {
      schema: documentUpdateInput,
      // A form without a readable version is a stale one.
      body: { ...(req.body as object), version: postedVersion(req.body) },
      run: (input) => review.updateDocument(req.ctx, id, familyId, documentId, input),
      redirect: () => paths.family.href({ id, familyId }, { klart: "dokument" }),
      conflict: "field",
      render: async ({ values, ...failure }) => {
        const data = await review.documentForm(req.ctx, id, familyId, documentId);
        if (!data.document) throw new NotFoundError();
        return <DocumentFormPage view={req.view} data={data} kind={data.document.documentKind} values={values} failure={failure} />;
      },
    });
  });
}
