/** Pages of requests (förfrågningar): list, register, show, and edit who is open where. */

import { ConflictError, type FieldErrors, ValidationError } from "../platform/errors.ts";
import { translateErrors } from "../platform/forms.tsx";
import type { App } from "../platform/http.ts";
import { decideRequest, decisionOptions } from "./decision.ts";
import { DecisionPage } from "./decision-view.tsx";
import { EditOpenStatusPage } from "./edit-view.tsx";
import { openStatusFromForm, openStatusValues, posted, requestFromForm } from "./form.ts";
import { type CaseType, caseTypeChange, describeCaseTypeChange } from "./model.ts";
import { NewRequestPage } from "./new-view.tsx";
import * as requests from "./service.ts";
import { DetailPage, ListPage, requestHref } from "./views.tsx";

type Params = { Params: { id: string }; Querystring: Record<string, string | undefined> };

/** "fran" carries the case type before an edit (a number, no personal data) so the page can say how it changed. */
function changeFrom(query: Record<string, string | undefined>): CaseType | null | undefined {
  const from = query.fran;
  if (from === "ingen") return null;
  return from === "1" || from === "2" || from === "3" ? (Number(from) as CaseType) : undefined;
}

export function familiesPages(app: App): void {
  app.get("/forfragningar", { config: { permission: "requests.view" } }, async (req, reply) => {
    const list = await requests.listRequests(req.ctx);
    return reply.page(<ListPage view={req.view} requests={list} />);
  });

  app.get("/forfragningar/ny", { config: { permission: "requests.create" } }, async (req, reply) => {
    const options = await requests.requestOptions(req.ctx);
    const values = { requestDate: req.ctx.clock.today() };
    return reply.page(<NewRequestPage view={req.view} options={options} values={values} />);
  });

  app.post("/forfragningar/ny", { config: { permission: "requests.create" } }, async (req, reply) => {
    const values = posted(req.body);
    const form = requestFromForm(values);
    try {
      const created = await requests.createRequest(req.ctx, form.input);
      return reply.redirect(`${requestHref(created.id)}?klart=sparad`, 303);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      const options = await requests.requestOptions(req.ctx);
      const errors = translateErrors(form.remap(e.fieldErrors), req.t);
      return reply.page(<NewRequestPage view={req.view} options={options} values={values} errors={errors} />, 400);
    }
  });

  app.get<Params>("/forfragningar/:id", { config: { permission: "requests.view" } }, async (req, reply) => {
    const data = await requests.getRequest(req.ctx, req.params.id);
    const saved = req.query.klart === "sparad" ? req.t("families.detail.saved") : undefined;
    const updated =
      req.query.klart === "andrad"
        ? req.t("families.detail.updated")
        : req.query.klart === "beslut"
          ? req.t("families.decision.saved")
          : undefined;
    const from = changeFrom(req.query);
    const change = from === undefined ? null : caseTypeChange({ ...data.caseType, caseType: from }, data.caseType);
    return reply.page(
      <DetailPage
        view={req.view}
        data={data}
        notice={saved ?? updated}
        change={change ? describeCaseTypeChange(change, req.t) : undefined}
      />,
    );
  });

  app.get<Params>("/forfragningar/:id/andra", { config: { permission: "requests.update" } }, async (req, reply) => {
    const data = await requests.getRequest(req.ctx, req.params.id);
    const options = await requests.requestOptions(req.ctx);
    return reply.page(<EditOpenStatusPage view={req.view} data={data} options={options} values={openStatusValues(data)} />);
  });

  app.post<Params>("/forfragningar/:id/andra", { config: { permission: "requests.update" } }, async (req, reply) => {
    const data = await requests.getRequest(req.ctx, req.params.id);
    const values = posted(req.body);
    try {
      const result = await requests.updateOpenStatus(req.ctx, data.id, openStatusFromForm(values, data));
      const from = result.change ? `&fran=${result.change.from ?? "ingen"}` : "";
      return reply.redirect(`${requestHref(data.id)}?klart=andrad${from}`, 303);
    } catch (e) {
      const options = await requests.requestOptions(req.ctx);
      if (e instanceof ConflictError) {
        const page = <EditOpenStatusPage view={req.view} data={data} options={options} values={values} conflict={req.t(e.messageKey)} />;
        return reply.page(page, 409);
      }
      if (!(e instanceof ValidationError)) throw e;
      const errors: FieldErrors = {};
      for (const [field, key] of Object.entries(e.fieldErrors)) {
        const m = /^(guardians|children)\.(\d+)\.(.+)$/.exec(field);
        const person = m ? (m[1] === "guardians" ? data.guardians : data.children)[Number(m[2])] : undefined;
        errors[person && m ? `${person.id}.${m[3]}` : "_form"] = req.t(key);
      }
      return reply.page(<EditOpenStatusPage view={req.view} data={data} options={options} values={values} errors={errors} />, 400);
    }
  });

  app.get<Params>("/forfragningar/:id/sofiamote", { config: { permission: "requests.decide" } }, async (req, reply) => {
    const data = await requests.getRequest(req.ctx, req.params.id);
    if (data.decision) return reply.redirect(requestHref(data.id), 303);
    const values = { version: String(data.version), meetingDate: req.ctx.clock.today() };
    const models = await decisionOptions(req.ctx);
    return reply.page(<DecisionPage view={req.view} data={data} values={values} models={models} />);
  });

  app.post<Params>("/forfragningar/:id/sofiamote", { config: { permission: "requests.decide" } }, async (req, reply) => {
    const data = await requests.getRequest(req.ctx, req.params.id);
    const values = posted(req.body);
    try {
      await decideRequest(req.ctx, data.id, {
        version: Number(values.version ?? ""),
        meetingDate: values.meetingDate ?? "",
        decision: values.decision as "continue",
        reason: values.reason ? (values.reason as "other") : null,
        reasonText: values.reasonText ?? "",
        workModelKey: values.workModelKey || undefined,
      });
      return reply.redirect(`${requestHref(data.id)}?klart=beslut`, 303);
    } catch (e) {
      const models = await decisionOptions(req.ctx);
      if (e instanceof ConflictError) {
        const page = <DecisionPage view={req.view} data={data} values={values} models={models} conflict={req.t(e.messageKey)} />;
        return reply.page(page, 409);
      }
      if (!(e instanceof ValidationError)) throw e;
      const errors = translateErrors(e.fieldErrors, req.t);
      return reply.page(<DecisionPage view={req.view} data={data} values={values} models={models} errors={errors} />, 400);
    }
  });
}
