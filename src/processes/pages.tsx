import { ConflictError, type FieldErrors, NotFoundError, ValidationError } from "../platform/errors.ts";
import { familySections } from "../platform/family-sections.ts";
import { handleForm, postedTexts as posted, posted as postedForm, postedVersion } from "../platform/form-pages.ts";
import { translateErrors } from "../platform/forms.tsx";
import type { App } from "../platform/http.ts";
import type { Translate } from "../platform/i18n.ts";
import { paths } from "./paths.ts";
import { interruptInput, resumeInput } from "./schemas.ts";
import * as service from "./service.ts";
import { StopsSection, stopsNotices } from "./stops/index.ts";
import { SupportSection, supportNotices } from "./support/index.ts";
import { SurveySection } from "./survey-rates/index.ts";
import { InterruptConfirmPage, InterruptPage, ProcessPageView, ResumePage, RevealPage } from "./views.tsx";

type Params = { Params: { id: string }; Querystring: Record<string, string | undefined> };

const notices: Record<string, string> = {
  ...stopsNotices,
  ...supportNotices,
  tilldelad: "processes.saved.assigned",
  avbruten: "processes.saved.interrupted",
  aterupptagen: "processes.saved.resumed",
};

/** A page's failed form: 409 with the conflict, 400 with the field errors; anything else is not ours. */
export function failure(e: unknown, t: Translate): { status: 400 | 409; errors?: FieldErrors; conflict?: string } {
  if (e instanceof ConflictError) return { status: 409, conflict: t(e.messageKey) };
  if (e instanceof ValidationError) return { status: 400, errors: translateErrors(e.fieldErrors, t) };
  throw e;
}

export function processesPages(app: App): void {
  app.get<Params>(paths.process.pattern, { config: { permission: "processes.view" } }, async (req, reply) => {
    const data = await service.getProcessPage(req.ctx, req.params.id);
    const key = notices[req.query.klart ?? ""];
    // Other modules' sections (placements), not in the minimal view: they name the children.
    const children = data.persons.filter((p) => p.kind === "child").map((p) => ({ id: p.id, name: p.name }));
    const others = data.minimal ? [] : await familySections(req.ctx, req.view, { processId: data.id, children });
    const extra = (
      <>
        <StopsSection view={req.view} processId={data.id} data={data.stops} canWork={data.canWork} />
        <SupportSection view={req.view} processId={data.id} data={data.support} canWork={data.canWork} />
        <SurveySection view={req.view} processId={data.id} data={data.surveys} />
        {others}
      </>
    );
    return reply.page(<ProcessPageView view={req.view} data={data} notice={key ? req.t(key) : undefined} extra={extra} />);
  });

  app.get<Params>(paths.interrupt.pattern, { config: { permission: "processes.work" } }, async (req, reply) => {
    const data = await service.getProcessPage(req.ctx, req.params.id);
    return reply.page(<InterruptPage view={req.view} data={data} values={{ interruptedOn: req.ctx.clock.today() }} />);
  });

  app.post<Params>(paths.interrupt.pattern, { config: { permission: "processes.work" } }, async (req, reply) => {
    return handleForm(req, reply, {
      schema: interruptInput,
      body: { ...(req.body as object), version: postedVersion(req.body) },
      // The form first shows what the interruption will do (the planned meetings it cancels); its danger button interrupts.
      confirm: async (input) => {
        const { plannedMeetings } = await service.checkInterrupt(req.ctx, req.params.id, input);
        const data = await service.getProcessPage(req.ctx, req.params.id);
        return <InterruptConfirmPage view={req.view} data={data} values={postedForm(req.body)} plannedMeetings={plannedMeetings} />;
      },
      run: (input) => service.interrupt(req.ctx, req.params.id, input),
      redirect: () => paths.process.href(req.params, { klart: "avbruten" }),
      render: async (failed) => <InterruptPage view={req.view} data={await service.getProcessPage(req.ctx, req.params.id)} {...failed} />,
    });
  });

  app.get<Params>(paths.resume.pattern, { config: { permission: "processes.work" } }, async (req, reply) => {
    const data = await service.getProcessPage(req.ctx, req.params.id);
    return reply.page(<ResumePage view={req.view} data={data} values={{ resumedOn: req.ctx.clock.today() }} />);
  });

  app.post<Params>(paths.resume.pattern, { config: { permission: "processes.work" } }, async (req, reply) => {
    return handleForm(req, reply, {
      schema: resumeInput,
      body: { ...(req.body as object), version: postedVersion(req.body) },
      run: (input) => service.resume(req.ctx, req.params.id, input),
      redirect: () => paths.process.href(req.params, { klart: "aterupptagen" }),
      render: async (failed) => <ResumePage view={req.view} data={await service.getProcessPage(req.ctx, req.params.id)} {...failed} />,
    });
  });

  type PersonParams = { Params: { id: string; personId: string } };
  const personOf = async (req: { ctx: Parameters<typeof service.getProcessPage>[0] }, id: string, personId: string) => {
    const data = await service.getProcessPage(req.ctx, id);
    const person = data.persons.find((p) => p.id === personId && p.maskedIdentityNumber !== null);
    return { data, person };
  };

  app.get<PersonParams>(paths.reveal.pattern, { config: { permission: "persons.reveal" } }, async (req, reply) => {
    const { data, person } = await personOf(req, req.params.id, req.params.personId);
    if (!person || !data.canWork) throw new NotFoundError();
    return reply.page(<RevealPage view={req.view} data={data} values={{}} person={person} />);
  });

  app.post<PersonParams>(paths.reveal.pattern, { config: { permission: "persons.reveal" } }, async (req, reply) => {
    const values = posted(req.body);
    try {
      const shown = await service.revealIdentityNumber(req.ctx, req.params.id, req.params.personId, values.reason ?? "");
      const { data, person } = await personOf(req, req.params.id, req.params.personId);
      if (!person) throw new NotFoundError();
      reply.header("Cache-Control", "no-store");
      return reply.page(<RevealPage view={req.view} data={data} values={values} person={person} shown={shown} />);
    } catch (e) {
      const f = failure(e, req.t);
      const { data, person } = await personOf(req, req.params.id, req.params.personId);
      if (!person) throw new NotFoundError();
      return reply.page(
        <RevealPage view={req.view} data={data} values={values} person={person} errors={f.errors} conflict={f.conflict} />,
        f.status,
      );
    }
  });
}
