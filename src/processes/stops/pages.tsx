/** Pages of the consultation stops: record a consultation, the joint child impact analysis, a safety rating. */

import { ConflictError, ValidationError } from "../../platform/errors.ts";
import { translateErrors } from "../../platform/forms.tsx";
import type { App } from "../../platform/http.ts";
import { impactSections } from "./model.ts";
import { addRating, consultationForm, impactForm, ratingForm, recordConsultation, saveImpact } from "./service.ts";
import { ConsultationPage, ImpactPage, processHref, RatingPage } from "./views.tsx";

type Values = Record<string, string | string[]>;
type Params = { Params: { id: string }; Querystring: Record<string, string | undefined> };
type ChildParams = { Params: { id: string; childId: string } };

/** A form body: strings, and arrays for repeated names (checkboxes). */
export function formValues(body: unknown): Values {
  const out: Values = {};
  if (!body || typeof body !== "object") return out;
  for (const [k, v] of Object.entries(body)) {
    if (typeof v === "string") out[k] = v;
    else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === "string");
  }
  return out;
}

export const str = (values: Values, name: string): string => {
  const v = values[name];
  return (Array.isArray(v) ? v[0] : v) ?? "";
};

const list = (values: Values, name: string): string[] => {
  const v = values[name];
  return Array.isArray(v) ? v : v ? [v] : [];
};

/** A whole number typed in a form; anything else is NaN, which the schema refuses with its message. */
export const wholeNumber = (text: string): number => (/^\s*\d{1,6}\s*$/.test(text) ? Number(text) : Number.NaN);

/** The process page's notice after each form here: its ?klart= value and the message key. */
export const stopsNotices: Record<string, string> = {
  samrad: "stops.saved.consultation",
  barnkonsekvensanalys: "stops.saved.impact",
  trygghetsskala: "stops.saved.rating",
};

const done = (id: string, what: keyof typeof stopsNotices & string) => `${processHref(id)}?klart=${what}#hallplatser`;

export function stopsPages(app: App): void {
  app.get<Params>("/processer/:id/samrad/ny", { config: { permission: "processes.work" } }, async (req, reply) => {
    const data = await consultationForm(req.ctx, req.params.id, req.query.hallplats ?? "", req.query.barn ?? null);
    return reply.page(<ConsultationPage view={req.view} data={data} values={{ heldOn: req.ctx.clock.today() }} />);
  });

  app.post<Params>("/processer/:id/samrad/ny", { config: { permission: "processes.work" } }, async (req, reply) => {
    const stopKey = req.query.hallplats ?? "";
    const childId = req.query.barn ?? null;
    const data = await consultationForm(req.ctx, req.params.id, stopKey, childId);
    const values = formValues(req.body);
    try {
      await recordConsultation(req.ctx, data.processId, {
        stopKey,
        childId,
        heldOn: str(values, "heldOn"),
        checklist: list(values, "checklist").map(wholeNumber),
        note: str(values, "note"),
      });
      return reply.redirect(done(data.processId, "samrad"), 303);
    } catch (e) {
      if (e instanceof ConflictError) {
        return reply.page(<ConsultationPage view={req.view} data={data} values={values} conflict={req.t(e.messageKey)} />, 409);
      }
      if (!(e instanceof ValidationError)) throw e;
      const errors = translateErrors(e.fieldErrors, req.t);
      return reply.page(<ConsultationPage view={req.view} data={data} values={values} errors={errors} />, 400);
    }
  });

  app.get<ChildParams>("/processer/:id/barnkonsekvensanalys/:childId", { config: { permission: "processes.work" } }, async (req, reply) => {
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

  app.post<ChildParams>(
    "/processer/:id/barnkonsekvensanalys/:childId",
    { config: { permission: "processes.work" } },
    async (req, reply) => {
      const data = await impactForm(req.ctx, req.params.id, req.params.childId);
      const values = formValues(req.body);
      const version = str(values, "version");
      const joint = str(values, "joint");
      try {
        await saveImpact(req.ctx, data.processId, data.child.id, {
          version: version === "" ? null : wholeNumber(version),
          madeOn: str(values, "madeOn"),
          joint: joint === "yes" ? true : joint === "no" ? false : null,
          sections: Object.fromEntries(impactSections.map((s) => [s, str(values, `sections.${s}`)])) as Record<
            (typeof impactSections)[number],
            string
          >,
        });
        return reply.redirect(done(data.processId, "barnkonsekvensanalys"), 303);
      } catch (e) {
        if (e instanceof ConflictError) {
          return reply.page(<ImpactPage view={req.view} data={data} values={values} conflict={req.t(e.messageKey)} />, 409);
        }
        if (!(e instanceof ValidationError)) throw e;
        return reply.page(<ImpactPage view={req.view} data={data} values={values} errors={translateErrors(e.fieldErrors, req.t)} />, 400);
      }
    },
  );

  app.get<Params>("/processer/:id/trygghetsskala/ny", { config: { permission: "processes.work" } }, async (req, reply) => {
    const data = await ratingForm(req.ctx, req.params.id);
    const chosen = data.children.find((c) => c.id === req.query.barn)?.id ?? (data.children.length === 1 ? data.children[0]?.id : "");
    return reply.page(<RatingPage view={req.view} data={data} values={{ childId: chosen ?? "", ratedOn: req.ctx.clock.today() }} />);
  });

  app.post<Params>("/processer/:id/trygghetsskala/ny", { config: { permission: "processes.work" } }, async (req, reply) => {
    const data = await ratingForm(req.ctx, req.params.id);
    const values = formValues(req.body);
    try {
      await addRating(req.ctx, data.processId, {
        childId: str(values, "childId"),
        ratedOn: str(values, "ratedOn"),
        ratedBy: str(values, "ratedBy"),
        score: wholeNumber(str(values, "score")),
        note: str(values, "note"),
      });
      return reply.redirect(done(data.processId, "trygghetsskala"), 303);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      return reply.page(<RatingPage view={req.view} data={data} values={values} errors={translateErrors(e.fieldErrors, req.t)} />, 400);
    }
  });
}
