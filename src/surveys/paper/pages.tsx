/** The paper form pages: a held meeting's returned paper survey typed in by staff, and many imported from a file. */
import multipart from "@fastify/multipart";
import { z } from "zod";
import { ConflictError, ValidationError } from "../../platform/errors.ts";
import { formInput, noticeFrom, postedTexts } from "../../platform/form-pages.ts";
import { translateErrors } from "../../platform/forms.tsx";
import type { App } from "../../platform/http.ts";
import { answerField } from "../responses/index.ts";
import { IMPORT_ROWS_MAX } from "./import.ts";
import { paths } from "./paths.ts";
import {
  ImportRejectedError,
  importInstruments,
  importPaperAnswers,
  type PaperForm,
  type PaperInstrument,
  paperForm,
  recordPaperResponse,
} from "./service.ts";
import { type ImportUpload, importMultipartLimits, readImportUpload } from "./upload.ts";
import { ImportPreviewPage, ImportUploadPage, PaperPage, SurveyRefusedPage } from "./views.tsx";

const importNotices: Record<string, string> = { importerad: "responses.import.imported" };

type Params = { Params: { id: string; meetingId: string }; Querystring: Record<string, string | undefined> };

/** The form's fields, the instrument named by the address when the form does not name it. */
const bodyOf = (body: unknown, enkat: string | undefined) => ({
  instrumentKey: enkat ?? "",
  ...(body && typeof body === "object" ? body : {}),
});

/** An error on an answer the form does not show (an unknown item) belongs to its first question. */
function onForm(errors: Record<string, string>, instrument: PaperInstrument | null): Record<string, string> {
  if (!instrument) return errors;
  const shown = new Set(instrument.content.items.map((i) => answerField(i.key)));
  const first = answerField(instrument.content.items[0]?.key ?? "");
  const out: Record<string, string> = {};
  for (const [field, key] of Object.entries(errors)) {
    const at = field.startsWith("answers.") && !shown.has(field) ? first : field;
    if (!(at in out)) out[at] = key;
  }
  return out;
}

/** The instrument asked for in the address; the only one when the meeting type lists one; else none (the choice). */
const chosen = (form: PaperForm, key: string | undefined) =>
  key ? (form.instruments.find((i) => i.key === key) ?? null) : form.instruments.length === 1 ? (form.instruments[0] ?? null) : null;

const notices: Record<string, string> = { sparad: "responses.paper.saved", redan: "responses.paper.already" };

export function paperPages(app: App): void {
  app.get<Params>(paths.paper.pattern, { config: { permission: "processes.work" } }, async (req, reply) => {
    const { id, meetingId } = req.params;
    let form: PaperForm;
    try {
      form = await paperForm(req.ctx, id, meetingId);
    } catch (e) {
      if (!(e instanceof ConflictError)) throw e;
      return reply.page(
        <SurveyRefusedPage
          view={req.view}
          processId={id}
          meetingId={meetingId}
          titleKey="responses.paper.refusedTitle"
          backKey="responses.paper.back"
          message={req.t(e.messageKey)}
        />,
        409,
      );
    }
    const key = notices[req.query.klart ?? ""];
    return reply.page(
      <PaperPage
        view={req.view}
        form={form}
        instrument={chosen(form, req.query.enkat)}
        values={{ submissionKey: form.submissionKey }}
        notice={key ? req.t(key) : undefined}
      />,
    );
  });

  app.post<Params>(paths.paper.pattern, { config: { permission: "processes.work" } }, async (req, reply) => {
    const { id, meetingId } = req.params;
    const body = bodyOf(req.body, req.query.enkat);
    const values = postedTexts(body);
    const instrumentKey = values.instrumentKey ?? "";
    let failure: { errors: Record<string, string>; conflict?: string; status: number };
    try {
      // A child's form that names no child posts no childId: that is the missing choice, not "no child".
      const result = await recordPaperResponse(req.ctx, id, meetingId, formInput(body, { shown: ["childId"] }));
      return reply.redirect(paths.paper.href({ id, meetingId }, { enkat: instrumentKey, klart: result.created ? "sparad" : "redan" }), 303);
    } catch (e) {
      if (e instanceof ValidationError) failure = { errors: e.fieldErrors, status: 400 };
      else if (e instanceof ConflictError) {
        if (e.messageKey === "responses.paper.notHeld") {
          return reply.page(
            <SurveyRefusedPage
              view={req.view}
              processId={id}
              meetingId={meetingId}
              titleKey="responses.paper.refusedTitle"
              backKey="responses.paper.back"
              message={req.t(e.messageKey)}
            />,
            409,
          );
        }
        failure = { errors: {}, conflict: req.t(e.messageKey), status: 409 };
      } else throw e;
    }
    const form = await paperForm(req.ctx, id, meetingId);
    const instrument = chosen(form, instrumentKey);
    return reply.page(
      <PaperPage
        view={req.view}
        form={form}
        instrument={instrument}
        values={values}
        errors={translateErrors(onForm(failure.errors, instrument), req.t)}
        conflict={failure.conflict}
      />,
      failure.status,
    );
  });
}

/** The page's confirmation carries the previewed table back: cells as text or numbers, at most the import's rows. */
const confirmedTable = z.array(z.array(z.union([z.string().max(500), z.number(), z.null()])).max(100)).max(IMPORT_ROWS_MAX + 1);

function tableOf(text: string | undefined) {
  try {
    const parsed = confirmedTable.safeParse(JSON.parse(text ?? ""));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The import of returned paper forms from a file: upload → preview (every bad row listed) → confirm. */
export function paperImportPages(app: App): void {
  app.get(paths.importUpload.pattern, { config: { permission: "processes.work" } }, async (req, reply) => {
    const instruments = await importInstruments(req.ctx);
    const notice = noticeFrom(req.query, importNotices);
    return reply.page(<ImportUploadPage view={req.view} instruments={instruments} notice={notice ? req.t(notice) : undefined} />);
  });

  // The upload is a multipart form: the parser is registered for this route's scope only.
  app.register(async (scope) => {
    await scope.register(multipart, { throwFileSizeLimit: false, limits: importMultipartLimits });
    scope.addHook("preValidation", async (req) => {
      if (req.isMultipart()) (req as { body: unknown }).body = await readImportUpload(req);
    });
    scope.post(paths.importUpload.pattern, { config: { permission: "processes.work" } }, async (req, reply) => {
      const body = (req.body ?? { file: null }) as ImportUpload;
      const values = { instrumentKey: body.instrumentKey ?? "" };
      let errors: Record<string, string>;
      try {
        if (body.tooLarge) throw new ValidationError({ file: "responses.import.fileTooLarge" });
        const result = await importPaperAnswers(req.ctx, { instrumentKey: values.instrumentKey, file: body.file, dryRun: true });
        return reply.page(<ImportPreviewPage view={req.view} result={result} />, result.errors.length > 0 ? 400 : 200);
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e;
        errors = translateErrors(e.fieldErrors, req.t);
      }
      const instruments = await importInstruments(req.ctx);
      return reply.page(<ImportUploadPage view={req.view} instruments={instruments} values={values} errors={errors} />, 400);
    });
  });

  app.post(paths.importConfirm.pattern, { config: { permission: "processes.work" } }, async (req, reply) => {
    const posted = postedTexts(req.body);
    const table = tableOf(posted.table);
    if (!table) return reply.redirect(paths.importUpload.href(), 303);
    try {
      await importPaperAnswers(req.ctx, { instrumentKey: posted.instrumentKey ?? "", table, dryRun: false });
      return reply.redirect(paths.importUpload.href({ klart: "importerad" }), 303);
    } catch (e) {
      if (!(e instanceof ImportRejectedError)) throw e;
      return reply.page(<ImportPreviewPage view={req.view} result={e.result} refused />, 400);
    }
  });
}
