/** Pages of further support (fortsatt stöd): add a measure for a family member, edit one. */

import { handleForm } from "../../platform/form-pages.ts";
import type { App } from "../../platform/http.ts";
import { paths as processPaths } from "../paths.ts";
import { supportInput, supportUpdateInput } from "./model.ts";
import { paths } from "./paths.ts";
import { addSupport, supportForm, updateSupport } from "./service.ts";
import { SupportPage } from "./views.tsx";

type Params = { Params: { id: string } };
type ItemParams = { Params: { id: string; supportId: string } };

/** The process page's notice after each form here: its ?klart= value and the message key. */
export const supportNotices: Record<string, string> = {
  stod: "support.saved.added",
  "stod-andrat": "support.saved.updated",
};

const done = (id: string, what: string) => `${processPaths.process.href({ id }, { klart: what })}#fortsatt-stod`;

export function supportPages(app: App): void {
  app.get<Params>(paths.newSupport.pattern, { config: { permission: "processes.work" } }, async (req, reply) => {
    const data = await supportForm(req.ctx, req.params.id, null);
    return reply.page(<SupportPage view={req.view} data={data} values={{}} />);
  });

  app.post<Params>(paths.newSupport.pattern, { config: { permission: "processes.work" } }, async (req, reply) => {
    const data = await supportForm(req.ctx, req.params.id, null);
    return handleForm(req, reply, {
      schema: supportInput,
      run: (input) => addSupport(req.ctx, data.processId, input),
      redirect: () => done(data.processId, "stod"),
      render: (failed) => <SupportPage view={req.view} data={data} {...failed} />,
      conflict: "page",
    });
  });

  app.get<ItemParams>(paths.support.pattern, { config: { permission: "processes.work" } }, async (req, reply) => {
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

  app.post<ItemParams>(paths.support.pattern, { config: { permission: "processes.work" } }, async (req, reply) => {
    const data = await supportForm(req.ctx, req.params.id, req.params.supportId);
    const measure = data.measure;
    if (!measure) throw new Error("unreachable: supportForm finds the measure or throws");
    return handleForm(req, reply, {
      schema: supportUpdateInput,
      run: (input) => updateSupport(req.ctx, data.processId, measure.id, input),
      redirect: () => done(data.processId, "stod-andrat"),
      render: (failed) => <SupportPage view={req.view} data={data} {...failed} />,
    });
  });
}
