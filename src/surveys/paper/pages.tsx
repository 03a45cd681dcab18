/** The paper form pages: a held meeting's returned paper survey typed in by staff. */
import { ConflictError, ValidationError } from "../../platform/errors.ts";
import { translateErrors } from "../../platform/forms.tsx";
import type { App } from "../../platform/http.ts";
import { DONT_KNOW } from "../model.ts";
import { paths } from "./paths.ts";
import { type PaperForm, type PaperInput, paperForm, recordPaperResponse } from "./service.ts";
import { BLANK, PaperPage, type PaperValues, SurveyRefusedPage } from "./views.tsx";

type Params = { Params: { id: string; meetingId: string }; Querystring: Record<string, string | undefined> };

const ANSWER = "answers.";

/** Text fields as posted; a repeated field keeps its first value. */
function textValues(body: unknown): PaperValues {
  const out: PaperValues = {};
  if (!body || typeof body !== "object") return out;
  for (const [k, v] of Object.entries(body)) {
    if (typeof v === "string") out[k] = v;
    else if (Array.isArray(v) && typeof v[0] === "string") out[k] = v[0];
  }
  return out;
}

/** A radio's value: blank, don't know, or a whole number (anything else is -1, which is outside every scale). */
function answerOf(itemKey: string, posted: string): PaperInput["answers"][number] {
  if (posted === BLANK) return { itemKey, value: null, dontKnow: false };
  if (posted === DONT_KNOW) return { itemKey, value: null, dontKnow: true };
  return { itemKey, value: /^\d{1,2}$/.test(posted) ? Number(posted) : -1, dontKnow: false };
}

function inputOf(values: PaperValues, instrumentKey: string): PaperInput {
  const role = values.respondentRole ?? "";
  return {
    instrumentKey,
    respondentRole: role as PaperInput["respondentRole"],
    childId: role === "child" ? values.childId || null : undefined,
    submissionKey: values.submissionKey ?? "",
    answers: Object.entries(values)
      .filter(([k]) => k.startsWith(ANSWER))
      .map(([k, v]) => answerOf(k.slice(ANSWER.length), v)),
  };
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
    const values = textValues(req.body);
    const instrumentKey = values.instrumentKey ?? req.query.enkat ?? "";
    let failure: { errors: Record<string, string>; conflict?: string; status: number };
    try {
      const result = await recordPaperResponse(req.ctx, id, meetingId, inputOf(values, instrumentKey));
      return reply.redirect(paths.paper.href({ id, meetingId }, { enkat: instrumentKey, klart: result.created ? "sparad" : "redan" }), 303);
    } catch (e) {
      if (e instanceof ValidationError) failure = { errors: translateErrors(e.fieldErrors, req.t), status: 400 };
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
    return reply.page(
      <PaperPage
        view={req.view}
        form={form}
        instrument={chosen(form, instrumentKey)}
        values={values}
        errors={failure.errors}
        conflict={failure.conflict}
      />,
      failure.status,
    );
  });
}
