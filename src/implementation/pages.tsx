/** The implementation pages: routes that parse the form or the query, call the service and render (no JavaScript needed). */
import { todayInSweden } from "../platform/dates.ts";
import { ConflictError, ValidationError } from "../platform/errors.ts";
import { type ParseResult, parseInput, translateErrors } from "../platform/forms.tsx";
import type { App } from "../platform/http.ts";
import type { Translate } from "../platform/i18n.ts";
import { type ActivityStatus, isStatus, parseYearChoice, type YearChoice } from "./model.ts";
import { activityEditForm, activityForm } from "./schemas.ts";
import * as implementation from "./service.ts";
import {
  ActivityFormPage,
  ActivityListPage,
  ActivityPage,
  type Failure,
  LIST_HREF,
  PARTICIPATION_HREF,
  ParticipationPage,
  type Values,
} from "./views.tsx";

type Params = { Params: { id: string } };

const notices: Record<string, string> = {
  skapad: "implementation.notice.created",
  sparad: "implementation.notice.saved",
};

const query = (req: { query: unknown }) => (req.query ?? {}) as Record<string, unknown>;

function noticeFrom(q: Record<string, unknown>): string | undefined {
  return typeof q.klart === "string" ? notices[q.klart] : undefined;
}

const currentYear = (): YearChoice => Number(todayInSweden().slice(0, 4));

/** The year of a query; an unknown one is a field error and the current year is shown. */
function yearFrom(q: Record<string, unknown>, errors: Record<string, string>): YearChoice {
  const year = parseYearChoice(q.ar, currentYear());
  if (year !== null) return year;
  errors.ar = "implementation.filter.yearInvalid";
  return currentYear();
}

function statusFrom(q: Record<string, unknown>, errors: Record<string, string>): ActivityStatus | null {
  const s = q.status;
  if (s === undefined || s === "") return null;
  if (typeof s === "string" && isStatus(s)) return s;
  errors.status = "implementation.filter.statusInvalid";
  return null;
}

function formFailure(e: unknown, t: Translate): Failure {
  if (e instanceof ValidationError) return { status: 400, errors: translateErrors(e.fieldErrors, t) };
  if (e instanceof ConflictError) return { status: 409, errors: {}, conflict: t(e.messageKey) };
  throw e;
}

type Submitted<R> = { ok: true; result: R } | { ok: false; failure: Failure };

async function submit<T, R>(parsed: ParseResult<T>, t: Translate, work: (data: T) => Promise<R>): Promise<Submitted<R>> {
  if (!parsed.ok) return { ok: false, failure: { status: 400, errors: parsed.errors } };
  try {
    return { ok: true, result: await work(parsed.data) };
  } catch (e) {
    return { ok: false, failure: formFailure(e, t) };
  }
}

/** What the user sent, to show again: texts, and the ticked units as a list. */
function posted(body: unknown): Values {
  const out: Values = {};
  if (!body || typeof body !== "object") return out;
  for (const [k, v] of Object.entries(body)) {
    if (typeof v === "string") out[k] = v;
    else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === "string");
  }
  return out;
}

export function implementationPages(app: App): void {
  app.get(LIST_HREF, { config: { permission: "implementation.view" } }, async (req, reply) => {
    const q = query(req);
    const errors: Record<string, string> = {};
    const year = yearFrom(q, errors);
    const status = statusFrom(q, errors);
    const list = await implementation.listActivities(req.ctx, { year, status });
    const failed = Object.keys(errors).length > 0;
    return reply.page(
      <ActivityListPage view={req.view} list={list} notice={noticeFrom(q)} errors={translateErrors(errors, req.t)} />,
      failed ? 400 : 200,
    );
  });

  app.get(`${LIST_HREF}/ny`, { config: { permission: "implementation.manage" } }, async (req, reply) => {
    const units = await implementation.unitChoices(req.ctx);
    return reply.page(<ActivityFormPage view={req.view} units={units} />);
  });

  app.post(`${LIST_HREF}/ny`, { config: { permission: "implementation.manage" } }, async (req, reply) => {
    const parsed = parseInput(activityForm, req.body, req.locale, req.t);
    const done = await submit(parsed, req.t, (data) => implementation.createActivity(req.ctx, data));
    if (done.ok) return reply.redirect(`${LIST_HREF}/${done.result.id}?klart=skapad`, 303);
    const units = await implementation.unitChoices(req.ctx);
    return reply.page(
      <ActivityFormPage view={req.view} units={units} values={posted(req.body)} failure={done.failure} />,
      done.failure.status,
    );
  });

  app.get(PARTICIPATION_HREF, { config: { permission: "implementation.view" } }, async (req, reply) => {
    const errors: Record<string, string> = {};
    const year = yearFrom(query(req), errors);
    const data = await implementation.participation(req.ctx, year);
    const failed = Object.keys(errors).length > 0;
    return reply.page(<ParticipationPage view={req.view} data={data} errors={translateErrors(errors, req.t)} />, failed ? 400 : 200);
  });

  app.get<Params>(`${LIST_HREF}/:id`, { config: { permission: "implementation.view" } }, async (req, reply) => {
    const activity = await implementation.getActivity(req.ctx, req.params.id);
    return reply.page(<ActivityPage view={req.view} activity={activity} notice={noticeFrom(query(req))} />);
  });

  app.get<Params>(`${LIST_HREF}/:id/andra`, { config: { permission: "implementation.manage" } }, async (req, reply) => {
    const activity = await implementation.getActivity(req.ctx, req.params.id);
    const units = await implementation.unitChoices(req.ctx, activity);
    return reply.page(<ActivityFormPage view={req.view} activity={activity} units={units} />);
  });

  app.post<Params>(`${LIST_HREF}/:id/andra`, { config: { permission: "implementation.manage" } }, async (req, reply) => {
    const parsed = parseInput(activityEditForm, req.body, req.locale, req.t);
    const done = await submit(parsed, req.t, (data) => implementation.updateActivity(req.ctx, req.params.id, data));
    if (done.ok) return reply.redirect(`${LIST_HREF}/${done.result.id}?klart=sparad`, 303);
    const activity = await implementation.getActivity(req.ctx, req.params.id);
    const units = await implementation.unitChoices(req.ctx, activity);
    return reply.page(
      <ActivityFormPage view={req.view} activity={activity} units={units} values={posted(req.body)} failure={done.failure} />,
      done.failure.status,
    );
  });
}
