/** Pages of the annual survey campaigns: list, create, one campaign, send, remind, print, close. */

import { randomUUID } from "node:crypto";
import multipart from "@fastify/multipart";
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { calendarDateInSweden } from "../../platform/dates.ts";
import { AppError, ConflictError, type FieldErrors, ValidationError } from "../../platform/errors.ts";
import { formFailure, formInput, handleForm, posted, postedTexts } from "../../platform/form-pages.ts";
import { translateErrors } from "../../platform/forms.tsx";
import type { App } from "../../platform/http.ts";
import { formatNumber } from "../../platform/i18n.ts";
import type { Mailer } from "../../platform/mail.ts";
import { readMultipartForm } from "../../platform/upload.ts";
import { answerPath } from "../links/index.ts";
import { qrSvg } from "../qr.ts";
import { compareCampaignYears } from "./comparison.ts";
import { campaignPaperForm, recordCampaignPaper } from "./entry.ts";
import { confirmImport, IMPORT_BYTES_MAX, previewImport } from "./import.ts";
import { campaignFields } from "./model.ts";
import { paths } from "./paths.ts";
import * as campaigns from "./service.ts";
import {
  CampaignComparePage,
  CampaignHandoutPage,
  CampaignImportPage,
  CampaignListPage,
  CampaignPage,
  CampaignPaperPage,
  NewCampaignPage,
} from "./views.tsx";

type Params = { Params: { id: string } };

export interface CampaignDeps {
  mailer: Mailer;
  /** PUBLIC_URL; without it the links are made from the address the request came to. */
  publicUrl: string | undefined;
}

/** The address the links in e-mails and on handouts start with. */
export const baseUrlOf = (req: FastifyRequest, publicUrl: string | undefined) =>
  (publicUrl ?? `${req.protocol}://${req.host}`).replace(/\/+$/, "");

function query(q: unknown, name: string): string | undefined {
  const v = (q as Record<string, unknown> | undefined)?.[name];
  return typeof v === "string" ? v : undefined;
}

const count = (q: unknown, name: string) => {
  const v = query(q, name);
  return v && /^\d{1,6}$/.test(v) ? Number(v) : 0;
};

/** The success message after a redirect, with the counts it carries (counts only, never a person). */
function noticeOf(req: FastifyRequest): string | undefined {
  const q = req.query;
  const n = (name: string) => formatNumber(req.view.locale, count(q, name));
  switch (query(q, "klart")) {
    case "skapad":
      return req.t("campaigns.notice.created");
    case "skickat": {
      const parts = [req.t("campaigns.notice.sent", { n: n("antal") })];
      if (count(q, "fel") > 0) parts.push(req.t("campaigns.notice.failed", { n: n("fel") }));
      if (count(q, "redan") > 0) parts.push(req.t("campaigns.notice.alreadySent", { n: n("redan") }));
      if (count(q, "utan") > 0) parts.push(req.t("campaigns.notice.withoutEmail", { n: n("utan") }));
      return parts.join(" ");
    }
    case "paminnelse": {
      const parts = [req.t("campaigns.notice.reminded", { n: n("antal") })];
      if (count(q, "fel") > 0) parts.push(req.t("campaigns.notice.failed", { n: n("fel") }));
      return parts.join(" ");
    }
    case "stangd":
      return req.t("campaigns.notice.closed");
    case "papper":
      return req.t(count(q, "nytt") > 0 ? "campaigns.paper.saved" : "campaigns.paper.already");
    case "importerat": {
      const parts = [req.t("campaigns.notice.imported", { n: n("antal") })];
      if (count(q, "redan") > 0) parts.push(req.t("campaigns.notice.importedAlready", { n: n("redan") }));
      return parts.join(" ");
    }
    default:
      return undefined;
  }
}

/** Closing a campaign is a button: the form has no fields. */
const closeFields = z.object({});

const fieldErrors = (e: ValidationError, req: FastifyRequest): FieldErrors => translateErrors(e.fieldErrors, req.t);

export function campaignsPages(app: App, deps: CampaignDeps): void {
  const { mailer } = deps;

  /**
   * The campaign page again after a refused action: 400 with field errors, 409 or 503 with a message.
   * Sending and reminding keep it rather than `handleForm`, which leaves a 503 (no mail set up) to the
   * error page; printing too, which answers the printed links themselves, not a redirect.
   */
  async function refused(req: FastifyRequest<Params>, reply: FastifyReply, e: unknown, values?: Record<string, string | string[]>) {
    if (!(e instanceof AppError) || !(e instanceof ValidationError || e instanceof ConflictError || e.status === 503)) throw e;
    const data = await campaigns.getCampaign(req.ctx, req.params.id);
    const errors = e instanceof ValidationError ? fieldErrors(e, req) : undefined;
    const conflict = e instanceof ValidationError ? undefined : req.t(e.messageKey);
    return reply.page(
      <CampaignPage view={req.view} data={data} mailConfigured={mailer.configured} errors={errors} conflict={conflict} values={values} />,
      e.status,
    );
  }

  app.get(paths.list.pattern, { config: { permission: "surveys.campaigns" } }, async (req, reply) => {
    const list = await campaigns.listCampaigns(req.ctx);
    return reply.page(<CampaignListPage view={req.view} campaigns={list} notice={noticeOf(req)} />);
  });

  app.get(paths.newCampaign.pattern, { config: { permission: "surveys.campaigns" } }, async (req, reply) => {
    const form = await campaigns.newCampaignForm(req.ctx);
    return reply.page(<NewCampaignPage view={req.view} form={form} />);
  });

  app.post(paths.newCampaign.pattern, { config: { permission: "surveys.campaigns" } }, async (req, reply) =>
    handleForm(req, reply, {
      schema: campaignFields,
      run: (input) => campaigns.createCampaign(req.ctx, input),
      redirect: (created) => paths.campaign.href({ id: created.id }, { klart: "skapad" }),
      render: async (failed) => (
        <NewCampaignPage view={req.view} form={await campaigns.newCampaignForm(req.ctx)} values={failed.values} errors={failed.errors} />
      ),
      conflict: "page",
    }),
  );

  app.get<Params>(paths.campaign.pattern, { config: { permission: "surveys.campaigns" } }, async (req, reply) => {
    const data = await campaigns.getCampaign(req.ctx, req.params.id);
    return reply.page(<CampaignPage view={req.view} data={data} mailConfigured={mailer.configured} notice={noticeOf(req)} />);
  });

  app.post<Params>(paths.send.pattern, { config: { permission: "surveys.campaigns" } }, async (req, reply) => {
    try {
      const o = await campaigns.sendLinks(req.ctx, mailer, req.params.id, baseUrlOf(req, deps.publicUrl));
      const q = { klart: "skickat", antal: o.sent, fel: o.failed, redan: o.alreadySent, utan: o.withoutEmail };
      return reply.redirect(paths.campaign.href({ id: req.params.id }, q), 303);
    } catch (e) {
      return refused(req, reply, e);
    }
  });

  app.post<Params>(paths.remind.pattern, { config: { permission: "surveys.campaigns" } }, async (req, reply) => {
    try {
      const o = await campaigns.sendReminder(req.ctx, mailer, req.params.id, baseUrlOf(req, deps.publicUrl));
      const q = { klart: "paminnelse", antal: o.reminded, fel: o.failed };
      return reply.redirect(paths.campaign.href({ id: req.params.id }, q), 303);
    } catch (e) {
      return refused(req, reply, e);
    }
  });

  app.post<Params>(paths.handout.pattern, { config: { permission: "surveys.campaigns" } }, async (req, reply) => {
    const values = posted(req.body);
    try {
      const printed = await campaigns.printLinks(req.ctx, req.params.id, values.count);
      const base = baseUrlOf(req, deps.publicUrl);
      const cards = await Promise.all(
        printed.links.map(async (l) => {
          const url = `${base}${l.path}`;
          return { url, code: l.token, site: `${base}${answerPath("")}`, qr: await qrSvg(url) };
        }),
      );
      // The tokens are in this answer only: no copy in any cache, no referrer from it.
      reply.header("cache-control", "no-store");
      reply.header("referrer-policy", "no-referrer");
      return reply.page(
        <CampaignHandoutPage
          view={req.view}
          campaignId={printed.campaignId}
          instrumentName={printed.instrumentName}
          expiresOn={calendarDateInSweden(new Date(printed.expiresAt.getTime() - 1))}
          cards={cards}
        />,
      );
    } catch (e) {
      return refused(req, reply, e, values);
    }
  });

  app.post<Params>(paths.close.pattern, { config: { permission: "surveys.campaigns" } }, async (req, reply) =>
    handleForm(req, reply, {
      schema: closeFields,
      run: () => campaigns.closeCampaign(req.ctx, req.params.id),
      redirect: () => paths.campaign.href({ id: req.params.id }, { klart: "stangd" }),
      render: async (failed) => (
        <CampaignPage
          view={req.view}
          data={await campaigns.getCampaign(req.ctx, req.params.id)}
          mailConfigured={mailer.configured}
          errors={failed.errors}
          conflict={failed.conflict}
        />
      ),
    }),
  );
}

interface UploadBody {
  _csrf?: string;
  file?: { fileName: string; data: Buffer } | null;
  tooLarge?: boolean;
}

/** A multipart upload read in preValidation (the CSRF check reads `_csrf` from the body); a file over the limit is not kept. */
export async function readUpload(req: FastifyRequest): Promise<UploadBody> {
  const form = await readMultipartForm(req, "svar");
  return { _csrf: form._csrf, file: form.files.file ?? null, tooLarge: form.tooLarge };
}

/** The multipart parser for the import's upload only, with the file size limited before it is read. */
export async function registerUpload(scope: App) {
  await scope.register(multipart, {
    throwFileSizeLimit: false,
    limits: { fileSize: IMPORT_BYTES_MAX, files: 1, fields: 4, fieldSize: 1024, parts: 5 },
  });
  scope.addHook("preValidation", async (req) => {
    if (req.isMultipart()) (req as { body: unknown }).body = await readUpload(req);
  });
}

/** Paper entry, import and year against year. */
export function campaignEntryPages(app: App): void {
  app.get<Params>(paths.paper.pattern, { config: { permission: "surveys.campaigns" } }, async (req, reply) => {
    const form = await campaignPaperForm(req.ctx, req.params.id);
    return reply.page(<CampaignPaperPage view={req.view} form={form} notice={noticeOf(req)} />);
  });

  app.post<Params>(paths.paper.pattern, { config: { permission: "surveys.campaigns" } }, async (req, reply) => {
    try {
      const r = await recordCampaignPaper(req.ctx, req.params.id, formInput(req.body));
      return reply.redirect(paths.paper.href({ id: req.params.id }, { klart: "papper", nytt: r.created ? 1 : 0 }), 303);
    } catch (e) {
      const failure = formFailure(e, req.t);
      const form = await campaignPaperForm(req.ctx, req.params.id);
      return reply.page(
        <CampaignPaperPage
          view={req.view}
          form={form}
          values={postedTexts(req.body)}
          errors={failure.errors}
          conflict={failure.conflict}
        />,
        failure.status,
      );
    }
  });

  app.get<Params>(paths.importUpload.pattern, { config: { permission: "surveys.campaigns" } }, async (req, reply) => {
    const data = await campaigns.getCampaign(req.ctx, req.params.id, { auditNames: false });
    return reply.page(<CampaignImportPage view={req.view} campaign={data} />);
  });

  app.register(async (scope) => {
    await registerUpload(scope);
    scope.post<Params>(paths.importUpload.pattern, { config: { permission: "surveys.campaigns" } }, async (req, reply) => {
      const body = (req.body ?? {}) as UploadBody;
      const data = await campaigns.getCampaign(req.ctx, req.params.id, { auditNames: false });
      if (body.tooLarge) {
        const errors = { file: req.t("campaigns.import.fileTooLarge") };
        return reply.page(<CampaignImportPage view={req.view} campaign={data} errors={errors} />, 400);
      }
      try {
        const preview = await previewImport(req.ctx, req.params.id, body.file ?? null);
        const status = preview.errors.length > 0 ? 400 : 200;
        return reply.page(<CampaignImportPage view={req.view} campaign={data} preview={preview} importKey={randomUUID()} />, status);
      } catch (e) {
        const failure = formFailure(e, req.t);
        return reply.page(<CampaignImportPage view={req.view} campaign={data} errors={failure.errors} />, failure.status);
      }
    });
  });

  app.post<Params>(paths.importConfirm.pattern, { config: { permission: "surveys.campaigns" } }, async (req, reply) => {
    try {
      const r = await confirmImport(req.ctx, req.params.id, req.body);
      return reply.redirect(paths.campaign.href({ id: req.params.id }, { klart: "importerat", antal: r.imported, redan: r.already }), 303);
    } catch (e) {
      const failure = formFailure(e, req.t);
      const data = await campaigns.getCampaign(req.ctx, req.params.id, { auditNames: false });
      return reply.page(<CampaignImportPage view={req.view} campaign={data} errors={failure.errors} />, failure.status);
    }
  });

  app.get(paths.compare.pattern, { config: { permission: "surveys.results" } }, async (req, reply) => {
    const q = {
      instrument: query(req.query, "instrument"),
      first: query(req.query, "first"),
      second: query(req.query, "second"),
    };
    try {
      const data = await compareCampaignYears(req.ctx, q, req.view.locale);
      return reply.page(<CampaignComparePage view={req.view} data={data} />);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      const fallback = await compareCampaignYears(
        req.ctx,
        { instrument: e.fieldErrors.instrument ? undefined : q.instrument },
        req.view.locale,
      ).catch(() => null);
      return reply.page(<CampaignComparePage view={req.view} data={fallback} errors={fieldErrors(e, req)} />, 400);
    }
  });
}
