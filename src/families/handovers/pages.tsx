/** Pages of the intake handover (decision 0066): record one, show it, change its team, record a first contact, list them. */

import { NotFoundError } from "../../platform/errors.ts";
import { handleForm, noticeFrom, posted, postedVersion } from "../../platform/form-pages.ts";
import type { App } from "../../platform/http.ts";
import { firstContactInput, handoverInput, keptRows, teamInput } from "./model.ts";
import { paths } from "./paths.ts";
import * as handovers from "./service.ts";
import { HandoverPage, ListPage, NewHandoverPage, TeamPage, teamValues } from "./views.tsx";

type Params = { Params: { id: string }; Querystring: Record<string, string | undefined> };

/**
 * The posted team in the schema's names: the rows where neither a role nor a person was chosen are
 * left out, the others numbered again; `rename` puts an error back on its row of the form.
 */
function teamForm(body: unknown): { body: Record<string, unknown>; rename: (field: string) => string } {
  const values = posted(body);
  const rows: Array<{ id?: string; role?: string; userId?: string }> = [];
  const scalars: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    const m = /^members\.(\d{1,2})\.(id|role|userId)$/.exec(key);
    const text = Array.isArray(value) ? (value[0] ?? "") : value;
    if (!m) {
      if (!key.startsWith("members.")) scalars[key] = value;
      continue;
    }
    const i = Number(m[1]);
    const field = m[2] as "id" | "role" | "userId";
    rows[i] = { ...rows[i], [field]: text };
  }
  const filled = Array.from({ length: rows.length }, (_, i) => rows[i] ?? {});
  const kept = keptRows(filled);
  const team: Record<string, string> = {};
  kept.forEach((original, j) => {
    const r = filled[original] ?? {};
    if (r.id) team[`members.${j}.id`] = r.id;
    team[`members.${j}.role`] = r.role ?? "";
    team[`members.${j}.userId`] = r.userId ?? "";
  });
  return {
    body: { ...scalars, ...team },
    rename: (field) => field.replace(/^members\.(\d+)\./, (_, j: string) => `members.${kept[Number(j)] ?? j}.`),
  };
}

export function handoverPages(app: App): void {
  app.get(paths.list.pattern, { config: { permission: "requests.view" } }, async (req, reply) => {
    const list = await handovers.listHandovers(req.ctx);
    return reply.page(<ListPage view={req.view} handovers={list} />);
  });

  app.get<Params>(paths.newHandover.pattern, { config: { permission: "processes.assign" } }, async (req, reply) => {
    const data = await handovers.handoverForm(req.ctx, req.params.id);
    const values = {
      handoverDate: req.ctx.clock.today(),
      ...(data.intakeUnits.length === 1 && { fromUnitId: data.intakeUnits[0]?.id ?? "" }),
    };
    return reply.page(<NewHandoverPage view={req.view} data={data} values={values} />);
  });

  app.post<Params>(paths.newHandover.pattern, { config: { permission: "processes.assign" } }, async (req, reply) => {
    const form = teamForm(req.body);
    return handleForm(req, reply, {
      schema: handoverInput,
      body: form.body,
      run: (input) => handovers.createHandover(req.ctx, req.params.id, input),
      redirect: (created) => paths.handover.href({ id: created.id }, { klart: "sparad" }),
      rename: form.rename,
      render: async (failed) => <NewHandoverPage view={req.view} data={await handovers.handoverForm(req.ctx, req.params.id)} {...failed} />,
    });
  });

  app.get<Params>(paths.handover.pattern, { config: { permission: "requests.view" } }, async (req, reply) => {
    const data = await handovers.getHandover(req.ctx, req.params.id);
    const notice = noticeFrom(req.query, {
      sparad: req.t("handovers.saved"),
      team: req.t("handovers.team.saved"),
      kontakt: req.t("handovers.contact.saved"),
    });
    return reply.page(<HandoverPage view={req.view} data={data} notice={notice} />);
  });

  app.get<Params>(paths.team.pattern, { config: { permission: "processes.assign" } }, async (req, reply) => {
    const data = await handovers.getHandover(req.ctx, req.params.id);
    if (!data.mayPlan) throw new NotFoundError();
    const staff = await handovers.staffOptions(req.ctx);
    return reply.page(<TeamPage view={req.view} data={data} staff={staff} values={teamValues(data)} />);
  });

  app.post<Params>(paths.team.pattern, { config: { permission: "processes.assign" } }, async (req, reply) => {
    const form = teamForm(req.body);
    return handleForm(req, reply, {
      schema: teamInput,
      // A form without a readable version is a stale one.
      body: { ...form.body, version: postedVersion(req.body) },
      run: (input) => handovers.updateTeam(req.ctx, req.params.id, input),
      redirect: () => paths.handover.href({ id: req.params.id }, { klart: "team" }),
      rename: form.rename,
      render: async (failed) => {
        const data = await handovers.getHandover(req.ctx, req.params.id);
        return <TeamPage view={req.view} data={data} staff={await handovers.staffOptions(req.ctx)} {...failed} />;
      },
    });
  });

  app.post<Params>(paths.firstContact.pattern, { config: { permission: "requests.view" } }, async (req, reply) => {
    return handleForm(req, reply, {
      schema: firstContactInput,
      body: { ...(req.body as object), version: postedVersion(req.body) },
      run: (input) => handovers.recordFirstContact(req.ctx, req.params.id, input),
      redirect: () => paths.handover.href({ id: req.params.id }, { klart: "kontakt" }),
      render: async (failed) => {
        const data = await handovers.getHandover(req.ctx, req.params.id);
        const memberId = typeof failed.values.memberId === "string" ? failed.values.memberId : "";
        return <HandoverPage view={req.view} data={data} contact={{ memberId, ...failed }} />;
      },
    });
  });
}
