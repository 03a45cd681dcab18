/** Pages of a process's meetings: plan, show, consent, hold, cancel, edit, and the calendar file. */

import type { VNode } from "preact";
import type { z } from "zod";
import { caseTypeChange, describeCaseTypeChange } from "../../families/index.ts";
import type { ServiceContext } from "../../platform/context.ts";
import { ConflictError, ValidationError } from "../../platform/errors.ts";
import { unflatten } from "../../platform/form-decode.ts";
import { handleForm, one, posted } from "../../platform/form-pages.ts";
import { translateErrors } from "../../platform/forms.tsx";
import type { App, View } from "../../platform/http.ts";
import type { Translate } from "../../platform/i18n.ts";
import { cancelInput, consentInput, editInput, holdInput, planInput } from "./model.ts";
import { paths } from "./paths.ts";
import * as meetings from "./service.ts";
import { CancelConfirmPage, type FormValues, type MeetingForm, MeetingPage, PlanPage } from "./views.tsx";

type Params = { Params: { id: string; meetingId: string }; Querystring: Record<string, string | undefined> };
type PlanParams = { Params: { id: string }; Querystring: Record<string, string | undefined> };

const orNull = (text: string) => (text === "" ? null : text);

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
  app.get<PlanParams>(paths.newMeeting.pattern, { config: { permission: "processes.work" } }, async (req, reply) => {
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

  app.post<PlanParams>(paths.newMeeting.pattern, { config: { permission: "processes.work" } }, async (req, reply) => {
    const processId = req.params.id;
    const typeKey = req.query.typ ?? "";
    const childId = orNull(req.query.barn ?? "");
    return handleForm(req, reply, {
      schema: planInput,
      body: { ...(req.body as object), meetingTypeKey: typeKey, childId },
      run: (input) => meetings.planMeeting(req.ctx, processId, input),
      redirect: (created) => paths.meeting.href({ id: processId, meetingId: created.id }, { klart: "planerat" }),
      rename: withoutPrefix,
      render: async (failed) => {
        const options = await meetings.planOptions(req.ctx, processId, typeKey, childId).catch((err: unknown) => {
          if (err instanceof ValidationError || err instanceof ConflictError) return null;
          throw err;
        });
        return <PlanPage view={req.view} processId={processId} options={options} {...failed} />;
      },
    });
  });

  app.get<Params>(paths.meeting.pattern, { config: { permission: "processes.view" } }, async (req, reply) => {
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

  app.get<Params>(paths.calendar.pattern, { config: { permission: "processes.view" } }, async (req, reply) => {
    const file = await meetings.meetingCalendar(req.ctx, req.params.id, req.params.meetingId);
    return reply
      .header("content-type", "text/calendar; charset=utf-8")
      .header("content-disposition", `attachment; filename="${file.filename}"`)
      .header("cache-control", "no-store")
      .send(file.body);
  });

  /** A form of the meeting page: on success back to the page with a notice; on error the page again with the form's errors. */
  function meetingForm<S extends z.ZodType>(
    route: typeof paths.hold | typeof paths.consent | typeof paths.cancel | typeof paths.edit,
    form: MeetingForm | ((values: FormValues) => MeetingForm),
    schema: S,
    run: (req: { ctx: ServiceContext }, processId: string, meetingId: string, input: z.input<S>) => Promise<string>,
    body: (posted: unknown) => unknown = (posted) => posted,
    confirm?: (
      req: { ctx: ServiceContext; view: View; body: unknown },
      processId: string,
      meetingId: string,
      input: z.input<S>,
    ) => Promise<VNode>,
  ) {
    app.post<Params>(route.pattern, { config: { permission: "processes.work" } }, async (req, reply) => {
      const { id, meetingId } = req.params;
      return handleForm(req, reply, {
        schema,
        body: body(req.body),
        run: (input) => run(req, id, meetingId, input),
        confirm: confirm && ((input) => confirm(req, id, meetingId, input)),
        redirect: (query) => `${paths.meeting.href({ id, meetingId })}?${query}`,
        rename: withoutPrefix,
        render: async ({ values, errors, conflict }) => {
          const failed = { form: typeof form === "function" ? form(values) : form, values, errors, conflict };
          const data = await meetings.getMeeting(req.ctx, id, meetingId);
          return <MeetingPage view={req.view} data={data} failed={failed} today={req.ctx.clock.today()} />;
        },
      });
    });
  }

  meetingForm(paths.hold, "hold", holdInput, async (req, id, meetingId, input) => {
    const result = await meetings.holdMeeting(req.ctx, id, meetingId, input);
    const from = result.caseTypeChange ? `&fran=${result.caseTypeChange.from ?? "ingen"}` : "";
    return `klart=hallet${from}`;
  });

  meetingForm(paths.consent, "consent", consentInput, async (req, id, meetingId, input) => {
    await meetings.recordConsent(req.ctx, id, meetingId, input);
    return "klart=samtycke";
  });

  // Cancelling cannot be undone: the form first shows what will happen, and its danger button does it.
  meetingForm(
    paths.cancel,
    "cancel",
    cancelInput,
    async (req, id, meetingId, input) => {
      await meetings.cancelMeeting(req.ctx, id, meetingId, input);
      return "klart=installt";
    },
    undefined,
    async (req, id, meetingId, input) => {
      await meetings.checkCancelMeeting(req.ctx, id, meetingId, input);
      const data = await meetings.getMeeting(req.ctx, id, meetingId);
      return <CancelConfirmPage view={req.view} data={data} values={posted(req.body)} />;
    },
  );

  /** The edit form posts the plan's or the record's fields, as `part` says; the API nests them under that name. */
  const part = (values: FormValues) => (one(values.part) === "record" ? "record" : "plan");
  meetingForm(
    paths.edit,
    part,
    editInput,
    async (req, id, meetingId, input) => {
      await meetings.editMeeting(req.ctx, id, meetingId, input);
      return "klart=andrat";
    },
    (posted) => {
      const fields = unflatten(posted);
      return { version: fields.version, [part(fields as FormValues)]: fields };
    },
  );
}
