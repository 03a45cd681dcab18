/** Pages of further support (fortsatt stöd): add a measure for a family member, edit one. */

import { ConflictError, ValidationError } from "../../platform/errors.ts";
import { translateErrors } from "../../platform/forms.tsx";
import type { App } from "../../platform/http.ts";
import { formValues, processHref, str, wholeNumber } from "../stops/index.ts";
import type { SupportInput } from "./model.ts";
import { addSupport, supportForm, updateSupport } from "./service.ts";
import { SupportPage } from "./views.tsx";

type Params = { Params: { id: string } };
type ItemParams = { Params: { id: string; supportId: string } };

/** The process page's notice after each form here: its ?klart= value and the message key. */
export const supportNotices: Record<string, string> = {
  stod: "support.saved.added",
  "stod-andrat": "support.saved.updated",
};

const done = (id: string, what: string) => `${processHref(id)}?klart=${what}#fortsatt-stod`;

function inputFrom(values: Record<string, string>): SupportInput {
  return {
    personId: values.personId ?? "",
    kind: values.kind ?? "",
    kindText: values.kindText ?? "",
    appliedOn: values.appliedOn ?? "",
    grantedOn: values.grantedOn ?? "",
    endedOn: values.endedOn ?? "",
    note: values.note ?? "",
  };
}

const flat = (body: unknown): Record<string, string> => {
  const values = formValues(body);
  return Object.fromEntries(Object.keys(values).map((k) => [k, str(values, k)]));
};

export function supportPages(app: App): void {
  app.get<Params>("/processer/:id/stod/ny", { config: { permission: "processes.work" } }, async (req, reply) => {
    const data = await supportForm(req.ctx, req.params.id, null);
    return reply.page(<SupportPage view={req.view} data={data} values={{}} />);
  });

  app.post<Params>("/processer/:id/stod/ny", { config: { permission: "processes.work" } }, async (req, reply) => {
    const data = await supportForm(req.ctx, req.params.id, null);
    const values = flat(req.body);
    try {
      await addSupport(req.ctx, data.processId, inputFrom(values));
      return reply.redirect(done(data.processId, "stod"), 303);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      return reply.page(<SupportPage view={req.view} data={data} values={values} errors={translateErrors(e.fieldErrors, req.t)} />, 400);
    }
  });

  app.get<ItemParams>("/processer/:id/stod/:supportId", { config: { permission: "processes.work" } }, async (req, reply) => {
    const data = await supportForm(req.ctx, req.params.id, req.params.supportId);
    const m = data.measure;
    const values: Record<string, string> = m
      ? {
          version: String(m.version),
          personId: m.person.id,
          kind: m.kind,
          kindText: m.kindText ?? "",
          appliedOn: m.appliedOn ?? "",
          grantedOn: m.grantedOn ?? "",
          endedOn: m.endedOn ?? "",
          note: m.note ?? "",
        }
      : {};
    return reply.page(<SupportPage view={req.view} data={data} values={values} />);
  });

  app.post<ItemParams>("/processer/:id/stod/:supportId", { config: { permission: "processes.work" } }, async (req, reply) => {
    const data = await supportForm(req.ctx, req.params.id, req.params.supportId);
    const values = flat(req.body);
    const measure = data.measure;
    if (!measure) throw new Error("unreachable: supportForm finds the measure or throws");
    try {
      await updateSupport(req.ctx, data.processId, measure.id, { ...inputFrom(values), version: wholeNumber(values.version ?? "") });
      return reply.redirect(done(data.processId, "stod-andrat"), 303);
    } catch (e) {
      if (e instanceof ConflictError) {
        return reply.page(<SupportPage view={req.view} data={data} values={values} conflict={req.t(e.messageKey)} />, 409);
      }
      if (!(e instanceof ValidationError)) throw e;
      return reply.page(<SupportPage view={req.view} data={data} values={values} errors={translateErrors(e.fieldErrors, req.t)} />, 400);
    }
  });
}
