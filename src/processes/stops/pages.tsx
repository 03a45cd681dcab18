/** Pages of the consultation stops: record a consultation, the joint child impact analysis, a safety rating. */

import { handleForm } from "../../platform/form-pages.ts";
import type { App } from "../../platform/http.ts";
import { paths as processPaths } from "../paths.ts";
import { consultationInput, impactInput, impactSections, ratingInput } from "./model.ts";
import { paths } from "./paths.ts";
import { addRating, consultationForm, impactForm, ratingForm, recordConsultation, saveImpact } from "./service.ts";
import { ConsultationPage, ImpactPage, RatingPage } from "./views.tsx";

type Values = Record<string, string | string[]>;
type Params = { Params: { id: string }; Querystring: Record<string, string | undefined> };
type ChildParams = { Params: { id: string; childId: string } };

/** The process page's notice after each form here: its ?klart= value and the message key. */
export const stopsNotices: Record<string, string> = {
  samrad: "stops.saved.consultation",
  barnkonsekvensanalys: "stops.saved.impact",
  trygghetsskala: "stops.saved.rating",
};

const done = (id: string, what: keyof typeof stopsNotices & string) => `${processPaths.process.href({ id }, { klart: what })}#hallplatser`;

export function stopsPages(app: App): void {
  app.get<Params>(paths.newConsultation.pattern, { config: { permission: "processes.work" } }, async (req, reply) => {
    const data = await consultationForm(req.ctx, req.params.id, req.query.hallplats ?? "", req.query.barn ?? null);
    return reply.page(<ConsultationPage view={req.view} data={data} values={{ heldOn: req.ctx.clock.today() }} />);
  });

  app.post<Params>(paths.newConsultation.pattern, { config: { permission: "processes.work" } }, async (req, reply) => {
    const stopKey = req.query.hallplats ?? "";
    const childId = req.query.barn ?? null;
    const data = await consultationForm(req.ctx, req.params.id, stopKey, childId);
    return handleForm(req, reply, {
      schema: consultationInput,
      body: { ...(req.body as object), stopKey, childId },
      run: (input) => recordConsultation(req.ctx, data.processId, input),
      redirect: () => done(data.processId, "samrad"),
      render: (failed) => <ConsultationPage view={req.view} data={data} {...failed} />,
    });
  });

  app.get<ChildParams>(paths.impact.pattern, { config: { permission: "processes.work" } }, async (req, reply) => {
    const data = await impactForm(req.ctx, req.params.id, req.params.childId);
    const a = data.analysis;
    const values: Values = a
      ? {
          version: String(a.version),
          madeOn: a.madeOn,
          joint: a.joint ? "yes" : "no",
          ...Object.fromEntries(impactSections.map((s) => [`sections.${s}`, a.sections[s] ?? ""])),
        }
      : { version: "", madeOn: req.ctx.clock.today() };
    return reply.page(<ImpactPage view={req.view} data={data} values={values} />);
  });

  app.post<ChildParams>(paths.impact.pattern, { config: { permission: "processes.work" } }, async (req, reply) => {
    const data = await impactForm(req.ctx, req.params.id, req.params.childId);
    return handleForm(req, reply, {
      schema: impactInput,
      decode: { radios: ["joint"] },
      run: (input) => saveImpact(req.ctx, data.processId, data.child.id, input),
      redirect: () => done(data.processId, "barnkonsekvensanalys"),
      render: (failed) => <ImpactPage view={req.view} data={data} {...failed} />,
    });
  });

  app.get<Params>(paths.newRating.pattern, { config: { permission: "processes.work" } }, async (req, reply) => {
    const data = await ratingForm(req.ctx, req.params.id);
    const chosen = data.children.find((c) => c.id === req.query.barn)?.id ?? (data.children.length === 1 ? data.children[0]?.id : "");
    return reply.page(<RatingPage view={req.view} data={data} values={{ childId: chosen ?? "", ratedOn: req.ctx.clock.today() }} />);
  });

  app.post<Params>(paths.newRating.pattern, { config: { permission: "processes.work" } }, async (req, reply) => {
    const data = await ratingForm(req.ctx, req.params.id);
    return handleForm(req, reply, {
      schema: ratingInput,
      run: (input) => addRating(req.ctx, data.processId, input),
      redirect: () => done(data.processId, "trygghetsskala"),
      render: (failed) => <RatingPage view={req.view} data={data} {...failed} />,
      conflict: "page",
    });
  });
}
