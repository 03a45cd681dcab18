/** The team's pages: the assignment form (every role in one step) and the handover, each with its confirmation where it has one. */
import { handleForm, posted as postedForm, postedVersion } from "../../platform/form-pages.ts";
import type { App } from "../../platform/http.ts";
import { listPaths } from "../list/index.ts";
import { paths as processPaths } from "../paths.ts";
import { handoverInput, teamInput } from "../schemas.ts";
import { paths } from "./paths.ts";
import * as service from "./service.ts";
import { AssignPage, HandoverConfirmPage, HandoverPage } from "./views.tsx";

type Params = { Params: { id: string } };

export function teamPages(app: App): void {
  app.get<Params>(paths.assign.pattern, { config: { permission: "processes.assign" } }, async (req, reply) => {
    const { page, ...options } = await service.assignOptions(req.ctx, req.params.id);
    const values = { assignedOn: req.ctx.clock.today() };
    return reply.page(<AssignPage view={req.view} data={page} values={values} options={options} />);
  });

  app.post<Params>(paths.assign.pattern, { config: { permission: "processes.assign" } }, async (req, reply) => {
    return handleForm(req, reply, {
      schema: teamInput,
      // A form without a readable version is a stale one.
      body: { ...(req.body as object), version: postedVersion(req.body) },
      run: (input) => service.assignTeam(req.ctx, req.params.id, input),
      redirect: () => processPaths.process.href(req.params, { klart: "tilldelad" }),
      render: async ({ values, errors, conflict }) => {
        const { page, ...options } = await service.assignOptions(req.ctx, req.params.id);
        return <AssignPage view={req.view} data={page} values={values} options={options} errors={errors} conflict={conflict} />;
      },
    });
  });

  type HandoverQuery = { Querystring: { fran?: string } };
  app.get<HandoverQuery>(paths.handover.pattern, { config: { permission: "processes.assign" } }, async (req, reply) => {
    const preview = await service.handoverPreview(req.ctx, req.query.fran ?? null);
    return reply.page(<HandoverPage view={req.view} preview={preview} values={{}} today={req.ctx.clock.today()} />);
  });

  app.post(paths.handover.pattern, { config: { permission: "processes.assign" } }, async (req, reply) => {
    const fromUserId = postedForm(req.body).fromUserId;
    return handleForm(req, reply, {
      schema: handoverInput,
      // Who takes over which family first, then the real submit.
      confirm: async (input) => {
        const plan = await service.checkHandover(req.ctx, input);
        return <HandoverConfirmPage view={req.view} plan={plan} values={postedForm(req.body)} />;
      },
      run: (input) => service.handover(req.ctx, input),
      redirect: () => listPaths.list.href({ klart: "overlamnad" }),
      render: async ({ values, errors, conflict }) => {
        const preview = await service.handoverPreview(req.ctx, typeof fromUserId === "string" ? fromUserId : null);
        return (
          <HandoverPage
            view={req.view}
            preview={preview}
            values={conflict ? {} : values}
            errors={errors}
            conflict={conflict}
            today={req.ctx.clock.today()}
          />
        );
      },
    });
  });
}
