/** Pages of requests (förfrågningar): list, register, show, and edit who is open where. */

import { handleForm, posted, postedTexts, postedVersion } from "../platform/form-pages.ts";
import type { App } from "../platform/http.ts";
import { ContactPage, contactValues } from "./contact-view.tsx";
import { decideRequest, decisionOptions } from "./decision.ts";
import { DecisionPage } from "./decision-view.tsx";
import { EditOpenStatusPage } from "./edit-view.tsx";
import { changeBlocks, openStatusForm, openStatusValues, requestForm } from "./form.ts";
import { listHandovers } from "./handovers/index.ts";
import { type CaseType, caseTypeChange, describeCaseTypeChange } from "./model.ts";
import { NewRequestPage } from "./new-view.tsx";
import { paths } from "./paths.ts";
import { contactInput, decisionInput, openStatusInput, requestInput } from "./schemas.ts";
import * as requests from "./service.ts";
import { DetailPage, ListPage, requestListFilter, requestListQuery } from "./views.tsx";

type Params = { Params: { id: string }; Querystring: Record<string, string | undefined> };

/** "fran" carries the case type before an edit (a number, no personal data) so the page can say how it changed. */
function changeFrom(query: Record<string, string | undefined>): CaseType | null | undefined {
  const from = query.fran;
  if (from === "ingen") return null;
  return from === "1" || from === "2" || from === "3" ? (Number(from) as CaseType) : undefined;
}

export function familiesPages(app: App): void {
  app.get(paths.list.pattern, { config: { permission: "requests.view" } }, async (req, reply) => {
    const query = requestListQuery(req.query as Record<string, string | undefined>);
    const list = await requests.listRequests(req.ctx, { names: true, filter: requestListFilter(query) });
    const units = await requests.requestListUnits(req.ctx);
    return reply.page(<ListPage view={req.view} requests={list} query={query} units={units} />);
  });

  app.get(paths.newRequest.pattern, { config: { permission: "requests.create" } }, async (req, reply) => {
    const options = await requests.requestOptions(req.ctx);
    const values = { requestDate: req.ctx.clock.today() };
    return reply.page(<NewRequestPage view={req.view} options={options} values={values} />);
  });

  app.post(paths.newRequest.pattern, { config: { permission: "requests.create" } }, async (req, reply) => {
    // "Lägg till barn" / "Ta bort barn 2": the form again with one block more or fewer, nothing saved.
    const changed = changeBlocks(posted(req.body), postedTexts(req.body).action);
    if (changed) {
      const options = await requests.requestOptions(req.ctx);
      return reply.page(
        <NewRequestPage view={req.view} options={options} values={changed.values} focus={changed.focus} removed={changed.removed} />,
      );
    }
    const form = requestForm(req.body);
    return handleForm(req, reply, {
      schema: requestInput,
      body: form.body,
      run: (input) => requests.createRequest(req.ctx, input),
      redirect: (created) => paths.request.href({ id: created.id }, { klart: "sparad" }),
      rename: form.field,
      conflict: "page",
      render: async ({ values, errors }) => (
        <NewRequestPage view={req.view} options={await requests.requestOptions(req.ctx)} values={values} errors={errors} />
      ),
    });
  });

  app.get<Params>(paths.request.pattern, { config: { permission: "requests.view" } }, async (req, reply) => {
    const data = await requests.getRequest(req.ctx, req.params.id);
    const handovers = await listHandovers(req.ctx, { requestId: data.id });
    const saved = req.query.klart === "sparad" ? req.t("families.detail.saved") : undefined;
    const updated =
      req.query.klart === "andrad"
        ? req.t("families.detail.updated")
        : req.query.klart === "beslut"
          ? req.t("families.decision.saved")
          : req.query.klart === "kontakt"
            ? req.t("families.contact.saved")
            : undefined;
    const from = changeFrom(req.query);
    const change = from === undefined ? null : caseTypeChange({ ...data.caseType, caseType: from }, data.caseType);
    return reply.page(
      <DetailPage
        view={req.view}
        data={data}
        notice={saved ?? updated}
        change={change ? describeCaseTypeChange(change, req.t) : undefined}
        handovers={handovers}
      />,
    );
  });

  app.get<Params>(paths.editOpenStatus.pattern, { config: { permission: "requests.update" } }, async (req, reply) => {
    const data = await requests.getRequest(req.ctx, req.params.id, { forWork: true });
    const options = await requests.requestOptions(req.ctx);
    return reply.page(<EditOpenStatusPage view={req.view} data={data} options={options} values={openStatusValues(data)} />);
  });

  app.post<Params>(paths.editOpenStatus.pattern, { config: { permission: "requests.update" } }, async (req, reply) => {
    const data = await requests.getRequest(req.ctx, req.params.id, { forWork: true });
    const form = openStatusForm(req.body, data);
    return handleForm(req, reply, {
      schema: openStatusInput,
      body: form.body,
      run: (input) => requests.updateOpenStatus(req.ctx, data.id, input),
      redirect: (result) =>
        paths.request.href({ id: data.id }, { klart: "andrad", fran: result.change ? (result.change.from ?? "ingen") : undefined }),
      rename: form.field,
      render: async (failed) => (
        <EditOpenStatusPage view={req.view} data={data} options={await requests.requestOptions(req.ctx)} {...failed} />
      ),
    });
  });

  app.get<Params>(paths.editContact.pattern, { config: { permission: "requests.update" } }, async (req, reply) => {
    const data = await requests.getRequest(req.ctx, req.params.id, { forWork: true });
    return reply.page(<ContactPage view={req.view} data={data} values={contactValues(data)} />);
  });

  app.post<Params>(paths.editContact.pattern, { config: { permission: "requests.update" } }, async (req, reply) => {
    const data = await requests.getRequest(req.ctx, req.params.id, { forWork: true });
    return handleForm(req, reply, {
      schema: contactInput,
      // A form without a readable version is a stale one.
      body: { ...(req.body as object), version: postedVersion(req.body) },
      run: (input) => requests.updateContact(req.ctx, data.id, input),
      redirect: () => paths.request.href({ id: data.id }, { klart: "kontakt" }),
      render: async (failed) => <ContactPage view={req.view} data={data} {...failed} />,
    });
  });

  app.get<Params>(paths.decision.pattern, { config: { permission: "requests.decide" } }, async (req, reply) => {
    const data = await requests.getRequest(req.ctx, req.params.id, { forWork: true });
    if (data.decision) return reply.redirect(paths.request.href({ id: data.id }), 303);
    const values = { version: String(data.version), meetingDate: req.ctx.clock.today() };
    const models = await decisionOptions(req.ctx);
    return reply.page(<DecisionPage view={req.view} data={data} values={values} models={models} />);
  });

  app.post<Params>(paths.decision.pattern, { config: { permission: "requests.decide" } }, async (req, reply) => {
    const data = await requests.getRequest(req.ctx, req.params.id, { forWork: true });
    return handleForm(req, reply, {
      schema: decisionInput,
      // A form without a readable version is a stale one.
      body: { ...(req.body as object), version: postedVersion(req.body) },
      run: (input) => decideRequest(req.ctx, data.id, input),
      redirect: () => paths.request.href({ id: data.id }, { klart: "beslut" }),
      render: async (failed) => <DecisionPage view={req.view} data={data} models={await decisionOptions(req.ctx)} {...failed} />,
    });
  });
}
