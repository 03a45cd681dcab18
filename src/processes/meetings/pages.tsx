/** Pages of a process's meetings: plan, show, consent, hold, cancel, edit, and the calendar file. */

import { caseTypeChange, describeCaseTypeChange } from "../../families/index.ts";
import type { ServiceContext } from "../../platform/context.ts";
import { ConflictError, ValidationError } from "../../platform/errors.ts";
import { translateErrors } from "../../platform/forms.tsx";
import type { App } from "../../platform/http.ts";
import type { Translate } from "../../platform/i18n.ts";
import type { CancelInput, ConsentInput, EditInput, HoldInput, PlanInput } from "./model.ts";
import * as meetings from "./service.ts";
import { type FailedForm, type FormValues, type MeetingForm, MeetingPage, meetingPageHref, PlanPage } from "./views.tsx";

type Params = { Params: { id: string; meetingId: string }; Querystring: Record<string, string | undefined> };
type PlanParams = { Params: { id: string }; Querystring: Record<string, string | undefined> };

/** Form fields as posted: text, or a list for checkboxes that share a name. */
export function formValues(body: unknown): FormValues {
  const out: FormValues = {};
  if (!body || typeof body !== "object") return out;
  for (const [k, v] of Object.entries(body)) {
    if (typeof v === "string") out[k] = v;
    else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === "string");
  }
  return out;
}

const one = (values: FormValues, name: string): string => {
  const v = values[name];
  return Array.isArray(v) ? (v[0] ?? "") : (v ?? "");
};
const many = (values: FormValues, name: string): string[] => {
  const v = values[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
};
/** A whole number typed in a form; anything else is NaN, which the schema refuses with its own message. */
const wholeNumber = (text: string) => (/^\s*\d{1,6}\s*$/.test(text) ? Number(text) : Number.NaN);
const orNull = (text: string) => (text === "" ? null : text);

function planFields(values: FormValues) {
  return {
    plannedDate: one(values, "plannedDate"),
    plannedTime: one(values, "plannedTime"),
    durationMinutes: wholeNumber(one(values, "durationMinutes")),
    place: one(values, "place"),
    invitedPersonIds: many(values, "invitedPersonIds"),
    invitedUserIds: many(values, "invitedUserIds"),
  };
}

function recordFields(values: FormValues) {
  const hasPlan = Object.keys(values).some((k) => k.startsWith("safetyPlan."));
  return {
    checklistDone: many(values, "checklistDone").map((i) => (/^\d{1,2}$/.test(i) ? Number(i) : -1)),
    summary: {
      discussed: one(values, "summary.discussed"),
      agreed: one(values, "summary.agreed"),
      nextSteps: one(values, "summary.nextSteps"),
    },
    childTold: one(values, "childTold"),
    childViews: orNull(one(values, "childViews")) as "yes" | null,
    safetyPlan: hasPlan
      ? {
          warningSigns: one(values, "safetyPlan.warningSigns"),
          childActions: one(values, "safetyPlan.childActions"),
          adultActions: one(values, "safetyPlan.adultActions"),
          agreedWithFamily: orNull(one(values, "safetyPlan.agreedWithFamily")) as "yes" | null,
        }
      : null,
  };
}

const version = (values: FormValues) => wholeNumber(one(values, "version"));

const holdFromForm = (values: FormValues): HoldInput => ({
  version: version(values),
  heldOn: one(values, "heldOn"),
  attendedPersonIds: many(values, "attendedPersonIds"),
  attendedUserIds: many(values, "attendedUserIds"),
  leaderPresent: one(values, "leaderPresent") === "on",
  appliedGuardianIds: many(values, "appliedGuardianIds"),
  ...recordFields(values),
});

const consentFromForm = (values: FormValues): ConsentInput => ({
  version: version(values),
  consent: one(values, "consent") as "given",
  consentBy: many(values, "consentBy"),
  consentOn: one(values, "consentOn"),
});

const cancelFromForm = (values: FormValues): CancelInput => ({
  version: version(values),
  outcome: one(values, "outcome") as "cancelled",
  reason: one(values, "reason") as "other",
  reasonText: one(values, "reasonText"),
});

const editFromForm = (values: FormValues): EditInput =>
  one(values, "part") === "record"
    ? { version: version(values), record: recordFields(values) }
    : { version: version(values), plan: planFields(values) };

/** "fran" carries the case type before the meeting (a number, no personal data) so the page can say how it changed. */
function changeText(data: meetings.MeetingDetail, query: Record<string, string | undefined>, t: Translate): string | undefined {
  const from = query.fran;
  const before = from === "ingen" ? null : from === "1" || from === "2" || from === "3" ? (Number(from) as 1 | 2 | 3) : undefined;
  if (before === undefined) return undefined;
  const change = caseTypeChange({ ...data.caseType, caseType: before }, data.caseType);
  return change ? describeCaseTypeChange(change, t) : undefined;
}

const notices: Record<string, string> = {
  planerat: "meetings.saved.planned",
  hallet: "meetings.saved.held",
  samtycke: "meetings.saved.consent",
  installt: "meetings.saved.cancelled",
  andrat: "meetings.saved.updated",
};

/** The API's "plan." / "record." prefix of an edit is not a field on the page. */
const withoutPrefix = (field: string) => field.replace(/^(plan|record)\./, "");

export function meetingsPages(app: App): void {
  app.get<PlanParams>("/processer/:id/moten/ny", { config: { permission: "processes.work" } }, async (req, reply) => {
    const processId = req.params.id;
    try {
      const options = await meetings.planOptions(req.ctx, processId, req.query.typ ?? "", orNull(req.query.barn ?? ""));
      const values: FormValues = { durationMinutes: "60", ...options.defaults };
      return reply.page(<PlanPage view={req.view} processId={processId} options={options} values={values} />);
    } catch (e) {
      if (e instanceof ValidationError) {
        return reply.page(
          <PlanPage
            view={req.view}
            processId={processId}
            options={null}
            values={{}}
            errors={translateErrors(e.fieldErrors, req.t, withoutPrefix)}
          />,
          400,
        );
      }
      if (e instanceof ConflictError) {
        return reply.page(
          <PlanPage view={req.view} processId={processId} options={null} values={{}} conflict={req.t(e.messageKey)} />,
          409,
        );
      }
      throw e;
    }
  });

  app.post<PlanParams>("/processer/:id/moten/ny", { config: { permission: "processes.work" } }, async (req, reply) => {
    const processId = req.params.id;
    const values = formValues(req.body);
    const typeKey = req.query.typ ?? "";
    const childId = orNull(req.query.barn ?? "");
    const input: PlanInput = { meetingTypeKey: typeKey, childId, ...planFields(values) };
    try {
      const created = await meetings.planMeeting(req.ctx, processId, input);
      return reply.redirect(`${meetingPageHref(processId, created.id)}?klart=planerat`, 303);
    } catch (e) {
      if (!(e instanceof ValidationError || e instanceof ConflictError)) throw e;
      const options = await meetings.planOptions(req.ctx, processId, typeKey, childId).catch((err: unknown) => {
        if (err instanceof ValidationError || err instanceof ConflictError) return null;
        throw err;
      });
      if (e instanceof ConflictError) {
        const page = <PlanPage view={req.view} processId={processId} options={options} values={values} conflict={req.t(e.messageKey)} />;
        return reply.page(page, 409);
      }
      return reply.page(
        <PlanPage
          view={req.view}
          processId={processId}
          options={options}
          values={values}
          errors={translateErrors(e.fieldErrors, req.t, withoutPrefix)}
        />,
        400,
      );
    }
  });

  app.get<Params>("/processer/:id/moten/:meetingId", { config: { permission: "processes.view" } }, async (req, reply) => {
    const data = await meetings.getMeeting(req.ctx, req.params.id, req.params.meetingId);
    const key = notices[req.query.klart ?? ""];
    return reply.page(
      <MeetingPage
        view={req.view}
        data={data}
        notice={key ? req.t(key) : undefined}
        change={changeText(data, req.query, req.t)}
        today={req.ctx.clock.today()}
      />,
    );
  });

  app.get<Params>("/processer/:id/moten/:meetingId/kalender.ics", { config: { permission: "processes.view" } }, async (req, reply) => {
    const file = await meetings.meetingCalendar(req.ctx, req.params.id, req.params.meetingId);
    return reply
      .header("content-type", "text/calendar; charset=utf-8")
      .header("content-disposition", `attachment; filename="${file.filename}"`)
      .header("cache-control", "no-store")
      .send(file.body);
  });

  /** A form of the meeting page: on success back to the page with a notice; on error the page again with the form's errors. */
  function meetingForm(
    path: string,
    form: MeetingForm | ((values: FormValues) => MeetingForm),
    run: (req: { ctx: ServiceContext }, processId: string, meetingId: string, values: FormValues) => Promise<string>,
  ) {
    app.post<Params>(`/processer/:id/moten/:meetingId/${path}`, { config: { permission: "processes.work" } }, async (req, reply) => {
      const { id, meetingId } = req.params;
      const values = formValues(req.body);
      const which = typeof form === "function" ? form(values) : form;
      let failed: FailedForm;
      let status: number;
      try {
        const query = await run(req, id, meetingId, values);
        return reply.redirect(`${meetingPageHref(id, meetingId)}?${query}`, 303);
      } catch (e) {
        if (e instanceof ConflictError) {
          failed = { form: which, values, errors: {}, conflict: req.t(e.messageKey) };
          status = 409;
        } else if (e instanceof ValidationError) {
          failed = { form: which, values, errors: translateErrors(e.fieldErrors, req.t, withoutPrefix) };
          status = 400;
        } else throw e;
      }
      const data = await meetings.getMeeting(req.ctx, id, meetingId);
      return reply.page(<MeetingPage view={req.view} data={data} failed={failed} today={req.ctx.clock.today()} />, status);
    });
  }

  meetingForm("halla", "hold", async (req, id, meetingId, values) => {
    const result = await meetings.holdMeeting(req.ctx, id, meetingId, holdFromForm(values));
    const from = result.caseTypeChange ? `&fran=${result.caseTypeChange.from ?? "ingen"}` : "";
    return `klart=hallet${from}`;
  });

  meetingForm("samtycke", "consent", async (req, id, meetingId, values) => {
    await meetings.recordConsent(req.ctx, id, meetingId, consentFromForm(values));
    return "klart=samtycke";
  });

  meetingForm("installt", "cancel", async (req, id, meetingId, values) => {
    await meetings.cancelMeeting(req.ctx, id, meetingId, cancelFromForm(values));
    return "klart=installt";
  });

  meetingForm(
    "andra",
    (values) => (one(values, "part") === "record" ? "record" : "plan"),
    async (req, id, meetingId, values) => {
      await meetings.editMeeting(req.ctx, id, meetingId, editFromForm(values));
      return "klart=andrat";
    },
  );
}
