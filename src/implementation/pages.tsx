/** The implementation pages: routes that parse the form or the query, call the service and render (no JavaScript needed). */
import type { Clock } from "../platform/clock.ts";
import { noticeFrom, posted, submit } from "../platform/form-pages.ts";
import { parseInput, translateErrors } from "../platform/forms.tsx";
import type { App } from "../platform/http.ts";
import { type ActivityStatus, isStatus, parseYearChoice, type YearChoice } from "./model.ts";
import { paths } from "./paths.ts";
import { activityEditForm, activityForm } from "./schemas.ts";
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

  app.post(paths.newActivity.pattern, { config: { permission: "implementation.manage" } }, async (req, reply) => {
    const parsed = parseInput(activityForm, req.body, req.locale, req.t);
    const done = await submit(parsed, req.t, (data) => implementation.createActivity(req.ctx, data));
    if (done.ok) return reply.redirect(paths.activity.href({ id: done.result.id }, { klart: "skapad" }), 303);
    const units = await implementation.unitChoices(req.ctx);
    return reply.page(
      <ActivityFormPage view={req.view} units={units} values={posted(req.body)} failure={done.failure} />,
      done.failure.status,
    );
  });

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

  app.post<Params>(paths.editActivity.pattern, { config: { permission: "implementation.manage" } }, async (req, reply) => {
    const parsed = parseInput(activityEditForm, req.body, req.locale, req.t);
    const done = await submit(parsed, req.t, (data) => implementation.updateActivity(req.ctx, req.params.id, data));
    if (done.ok) return reply.redirect(paths.activity.href({ id: done.result.id }, { klart: "sparad" }), 303);
    const activity = await implementation.getActivity(req.ctx, req.params.id);
    const units = await implementation.unitChoices(req.ctx, activity);
    return reply.page(
      <ActivityFormPage view={req.view} activity={activity} units={units} values={posted(req.body)} failure={done.failure} />,
      done.failure.status,
    );
  });
}
