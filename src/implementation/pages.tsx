/**
 * The implementation pages: routes that read the query, or decode the form by the service's input
 * schema (the API's body; decision 0035), call the service and render (no JavaScript needed).
 */
import type { Clock } from "../platform/clock.ts";
import { handleForm, noticeFrom } from "../platform/form-pages.ts";
import { translateErrors } from "../platform/forms.tsx";
import type { App } from "../platform/http.ts";
import { type ActivityStatus, isStatus, parseYearChoice, type YearChoice } from "./model.ts";
import { paths } from "./paths.ts";
import { activityBody, activityPatchBody } from "./schemas.ts";
import * as implementation from "./service.ts";
import { ActivityFormPage, ActivityListPage, ActivityPage, ParticipationPage } from "./views.tsx";

type Params = { Params: { id: string } };

const notices: Record<string, string> = {
  skapad: "implementation.notice.created",
  sparad: "implementation.notice.saved",
};

const query = (req: { query: unknown }) => (req.query ?? {}) as Record<string, unknown>;

const currentYear = (clock: Clock): YearChoice => Number(clock.today().slice(0, 4));

/** The year of a query; an unknown one is a field error and the current year is shown. */
function yearFrom(q: Record<string, unknown>, errors: Record<string, string>, clock: Clock): YearChoice {
  const year = parseYearChoice(q.ar, currentYear(clock));
  if (year !== null) return year;
  errors.ar = "implementation.filter.yearInvalid";
  return currentYear(clock);
}

function statusFrom(q: Record<string, unknown>, errors: Record<string, string>): ActivityStatus | null {
  const s = q.status;
  if (s === undefined || s === "") return null;
  if (typeof s === "string" && isStatus(s)) return s;
  errors.status = "implementation.filter.statusInvalid";
  return null;
}

export function implementationPages(app: App): void {
  app.get(paths.list.pattern, { config: { permission: "implementation.view" } }, async (req, reply) => {
    const q = query(req);
    const errors: Record<string, string> = {};
    const year = yearFrom(q, errors, req.ctx.clock);
    const status = statusFrom(q, errors);
    const list = await implementation.listActivities(req.ctx, { year, status });
    const failed = Object.keys(errors).length > 0;
    return reply.page(
      <ActivityListPage view={req.view} list={list} notice={noticeFrom(q, notices)} errors={translateErrors(errors, req.t)} />,
      failed ? 400 : 200,
    );
  });

  app.get(paths.newActivity.pattern, { config: { permission: "implementation.manage" } }, async (req, reply) => {
    const units = await implementation.unitChoices(req.ctx);
    return reply.page(<ActivityFormPage view={req.view} units={units} />);
  });

  app.post(paths.newActivity.pattern, { config: { permission: "implementation.manage" } }, async (req, reply) =>
    handleForm(req, reply, {
      schema: activityBody,
      run: (input) => implementation.createActivity(req.ctx, input),
      redirect: ({ id }) => paths.activity.href({ id }, { klart: "skapad" }),
      conflict: "field",
      render: async (failed) => {
        const units = await implementation.unitChoices(req.ctx);
        return <ActivityFormPage view={req.view} units={units} values={failed.values} failure={failed} />;
      },
    }),
  );

  app.get(paths.participation.pattern, { config: { permission: "implementation.view" } }, async (req, reply) => {
    const errors: Record<string, string> = {};
    const year = yearFrom(query(req), errors, req.ctx.clock);
    const data = await implementation.participation(req.ctx, year);
    const failed = Object.keys(errors).length > 0;
    return reply.page(<ParticipationPage view={req.view} data={data} errors={translateErrors(errors, req.t)} />, failed ? 400 : 200);
  });

  app.get<Params>(paths.activity.pattern, { config: { permission: "implementation.view" } }, async (req, reply) => {
    const activity = await implementation.getActivity(req.ctx, req.params.id);
    return reply.page(<ActivityPage view={req.view} activity={activity} notice={noticeFrom(query(req), notices)} />);
  });

  app.get<Params>(paths.editActivity.pattern, { config: { permission: "implementation.manage" } }, async (req, reply) => {
    const activity = await implementation.getActivity(req.ctx, req.params.id);
    const units = await implementation.unitChoices(req.ctx, activity);
    return reply.page(<ActivityFormPage view={req.view} activity={activity} units={units} />);
  });

  app.post<Params>(paths.editActivity.pattern, { config: { permission: "implementation.manage" } }, async (req, reply) =>
    handleForm(req, reply, {
      schema: activityPatchBody,
      run: (input) => implementation.updateActivity(req.ctx, req.params.id, input),
      redirect: ({ id }) => paths.activity.href({ id }, { klart: "sparad" }),
      conflict: "field",
      render: async (failed) => {
        const activity = await implementation.getActivity(req.ctx, req.params.id);
        const units = await implementation.unitChoices(req.ctx, activity);
        return <ActivityFormPage view={req.view} activity={activity} units={units} values={failed.values} failure={failed} />;
      },
    }),
  );
}
