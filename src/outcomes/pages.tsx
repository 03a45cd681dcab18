/** Long-term outcomes' pages: routes that parse the form, call the service and render (no JavaScript needed). */
import multipart from "@fastify/multipart";
import type { FastifyRequest } from "fastify";
import { readDate } from "../platform/date-input.ts";
import type { IsoDate } from "../platform/dates.ts";
import type { FieldErrors } from "../platform/errors.ts";
import { formFailure, handleForm, noticeFrom, postedTexts } from "../platform/form-pages.ts";
import type { App } from "../platform/http.ts";
import { multipartText, readMultipartForm } from "../platform/upload.ts";
import { type ImportKind, recordInput, recordRadios, yearsAfter } from "./model.ts";
import { paths } from "./paths.ts";
import * as outcomes from "./service.ts";
import { DueListPage, FollowupPage, GroupsPage, PreviewPage, ResultsPage, UploadPage } from "./views.tsx";

type Params = { Params: { id: string } };

const notices: Record<string, string> = {
  registrerad: "outcomes.notice.recorded",
  importerad: "outcomes.notice.imported",
  skapad: "outcomes.notice.groupCreated",
  borttagen: "outcomes.notice.groupDeleted",
};

/** The chosen column per field from the preview form (`map.<field>`). */
function chosenColumns(body: unknown): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(postedTexts(body))) if (k.startsWith("map.")) out[k.slice(4)] = v;
  return out;
}

interface UploadBody {
  _csrf?: string;
  kind?: string;
  file?: { fileName: string; data: Buffer } | null;
  tooLarge?: boolean;
}

/** A multipart upload read in preValidation (the CSRF check reads `_csrf` from the body), the file kept in memory up to 5 MB. */
async function readMultipart(req: FastifyRequest): Promise<UploadBody> {
  const form = await readMultipartForm(req, "export");
  return { _csrf: form._csrf, kind: multipartText(form, "kind"), file: form.files.file ?? null, tooLarge: form.tooLarge };
}

const isGroupKind = (k: string | undefined): k is "comparison_records" | "comparison_aggregates" =>
  k === "comparison_records" || k === "comparison_aggregates";

/** The default period of the results: the last three years up to today. */
function defaultPeriod(to: IsoDate): { from: string; to: string } {
  return { from: yearsAfter(to, -3), to };
}

export function outcomesPages(app: App): void {
  app.get(paths.list.pattern, { config: { permission: "outcomes.record" } }, async (req, reply) => {
    const items = await outcomes.listDue(req.ctx);
    return reply.page(<DueListPage view={req.view} items={items} notice={noticeFrom(req.query, notices)} />);
  });

  app.get(paths.importUpload.pattern, { config: { permission: "outcomes.import" } }, async (req, reply) =>
    reply.page(<UploadPage view={req.view} group={false} />),
  );

  app.get(paths.groups.pattern, { config: { permission: "comparison.manage" } }, async (req, reply) => {
    const groups = await outcomes.listGroups(req.ctx);
    return reply.page(<GroupsPage view={req.view} groups={groups} notice={noticeFrom(req.query, notices)} />);
  });

  app.get(paths.newGroup.pattern, { config: { permission: "comparison.manage" } }, async (req, reply) =>
    reply.page(<UploadPage view={req.view} group={true} />),
  );

  // The uploads are the only multipart forms: the parser is registered for their scope only.
  app.register(async (scope) => {
    await scope.register(multipart, {
      throwFileSizeLimit: false,
      limits: { fileSize: outcomes.UPLOAD_MAX_BYTES, files: 1, fields: 5, fieldSize: 1024, parts: 6 },
    });
    scope.addHook("preValidation", async (req) => {
      if (req.isMultipart()) (req as { body: unknown }).body = await readMultipart(req);
    });
    const upload = async (req: FastifyRequest, kind: ImportKind | undefined, group: boolean) => {
      const body = (req.body ?? {}) as UploadBody;
      let errors: FieldErrors = {};
      if (!kind) errors.kind = req.t("outcomes.groups.kindRequired");
      if (body.tooLarge) errors.file = req.t("outcomes.import.fileTooLarge");
      if (kind && !body.tooLarge) {
        try {
          return { uploadId: await outcomes.uploadFile(req.ctx, kind, body.file ?? null) };
        } catch (e) {
          errors = formFailure(e, req.t).errors;
        }
      } else if (!body.file && !body.tooLarge) errors.file = req.t("outcomes.import.fileRequired");
      return { page: <UploadPage view={req.view} group={group} errors={errors} values={{ kind: body.kind ?? "" }} /> };
    };
    scope.post(paths.importUpload.pattern, { config: { permission: "outcomes.import" } }, async (req, reply) => {
      const done = await upload(req, "outcomes", false);
      if (done.uploadId !== undefined) return reply.redirect(paths.importPreview.href({ uploadId: done.uploadId }), 303);
      return reply.page(done.page, 400);
    });
    scope.post(paths.newGroup.pattern, { config: { permission: "comparison.manage" } }, async (req, reply) => {
      const kind = (req.body as UploadBody | undefined)?.kind;
      const done = await upload(req, isGroupKind(kind) ? kind : undefined, true);
      if (done.uploadId !== undefined)
        return reply.redirect(paths.groupImportPreview.href({ uploadId: done.uploadId }, { slag: kind }), 303);
      return reply.page(done.page, 400);
    });
  });

  app.get<{ Params: { uploadId: string } }>(
    paths.importPreview.pattern,
    { config: { permission: "outcomes.import" } },
    async (req, reply) => {
      const preview = await outcomes.previewImport(req.ctx, "outcomes", req.params.uploadId);
      return reply.page(<PreviewPage view={req.view} preview={preview} />);
    },
  );

  app.post<{ Params: { uploadId: string } }>(
    paths.importPreview.pattern,
    { config: { permission: "outcomes.import" } },
    async (req, reply) => {
      const chosen = chosenColumns(req.body);
      if (postedTexts(req.body).action === "confirm") {
        try {
          await outcomes.confirmImport(req.ctx, "outcomes", req.params.uploadId, chosen);
          return reply.redirect(paths.list.href({ klart: "importerad" }), 303);
        } catch (e) {
          if (!(e instanceof outcomes.ImportRejectedError)) throw e;
          const preview = await outcomes.previewImport(req.ctx, "outcomes", req.params.uploadId, chosen);
          return reply.page(<PreviewPage view={req.view} preview={preview} status="refused" />, 400);
        }
      }
      const preview = await outcomes.previewImport(req.ctx, "outcomes", req.params.uploadId, chosen);
      return reply.page(<PreviewPage view={req.view} preview={preview} />);
    },
  );

  const groupKindOf = (query: unknown) => {
    const k = (query as Record<string, unknown> | undefined)?.slag;
    return typeof k === "string" && isGroupKind(k) ? k : undefined;
  };

  app.get<{ Params: { uploadId: string } }>(
    paths.groupImportPreview.pattern,
    { config: { permission: "comparison.manage" } },
    async (req, reply) => {
      const kind = groupKindOf(req.query) ?? "comparison_aggregates";
      const preview = await outcomes.previewImport(req.ctx, kind, req.params.uploadId);
      return reply.page(<PreviewPage view={req.view} preview={preview} />);
    },
  );

  app.post<{ Params: { uploadId: string } }>(
    paths.groupImportPreview.pattern,
    { config: { permission: "comparison.manage" } },
    async (req, reply) => {
      const values = postedTexts(req.body);
      const kind = isGroupKind(values.kind) ? values.kind : (groupKindOf(req.query) ?? "comparison_aggregates");
      const chosen = chosenColumns(req.body);
      const group = { name: values.name ?? "", description: values.description ?? "" };
      if (values.action === "confirm") {
        try {
          await outcomes.confirmImport(req.ctx, kind, req.params.uploadId, chosen, group);
          return reply.redirect(paths.groups.href({ klart: "skapad" }), 303);
        } catch (e) {
          const preview = await outcomes.previewImport(req.ctx, kind, req.params.uploadId, chosen);
          if (e instanceof outcomes.ImportRejectedError)
            return reply.page(<PreviewPage view={req.view} preview={preview} status="refused" values={values} />, 400);
          const failure = formFailure(e, req.t);
          return reply.page(<PreviewPage view={req.view} preview={preview} values={values} errors={failure.errors} />, failure.status);
        }
      }
      const preview = await outcomes.previewImport(req.ctx, kind, req.params.uploadId, chosen);
      return reply.page(<PreviewPage view={req.view} preview={preview} values={values} />);
    },
  );

  app.post<Params>(paths.deleteGroup.pattern, { config: { permission: "comparison.manage" } }, async (req, reply) => {
    await outcomes.deleteGroup(req.ctx, req.params.id);
    return reply.redirect(paths.groups.href({ klart: "borttagen" }), 303);
  });

  app.get(paths.results.pattern, { config: { permission: "followup.view" } }, async (req, reply) => {
    const q = (req.query ?? {}) as Record<string, unknown>;
    const period = defaultPeriod(req.ctx.clock.today());
    // What was typed stays in the fields (they say what Sofia understood); the period is read as Swedes type dates (decision 0041).
    const typedFrom = typeof q.fran === "string" && q.fran.trim() !== "" ? q.fran.trim().slice(0, 40) : period.from;
    const typedTo = typeof q.till === "string" && q.till.trim() !== "" ? q.till.trim().slice(0, 40) : period.to;
    const values = { from: typedFrom, to: typedTo };
    const from = readDate(typedFrom);
    const to = readDate(typedTo);
    const errors: FieldErrors = {};
    if (!from) errors.fran = req.t("outcomes.results.dateInvalid");
    if (!to) errors.till = req.t("outcomes.results.dateInvalid");
    if (from && to && from > to) errors.till = req.t("outcomes.results.periodReversed");
    if (!from || !to || Object.keys(errors).length > 0)
      return reply.page(<ResultsPage view={req.view} data={null} values={values} errors={errors} />, 400);
    const data = await outcomes.outcomeComparison(req.ctx, { from, to });
    return reply.page(<ResultsPage view={req.view} data={data} values={values} />);
  });

  app.get<Params>(paths.followup.pattern, { config: { permission: "outcomes.record" } }, async (req, reply) => {
    const detail = await outcomes.getFollowup(req.ctx, req.params.id);
    return reply.page(<FollowupPage view={req.view} detail={detail} />);
  });

  app.post<Params>(paths.followup.pattern, { config: { permission: "outcomes.record" } }, async (req, reply) =>
    handleForm(req, reply, {
      schema: recordInput,
      decode: { radios: recordRadios },
      run: (input) => outcomes.recordFollowup(req.ctx, req.params.id, input),
      redirect: () => paths.list.href({ klart: "registrerad" }),
      conflict: "field",
      render: async (failed) => {
        const detail = await outcomes.getFollowup(req.ctx, req.params.id);
        return <FollowupPage view={req.view} detail={detail} values={postedTexts(req.body)} failure={failed} />;
      },
    }),
  );
}
