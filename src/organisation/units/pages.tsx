/** Pages for the municipality and its units: overview, edit the municipality, add and edit units. */
import { handleForm, listField, noticeFrom } from "../../platform/form-pages.ts";
import type { App } from "../../platform/http.ts";
import { municipalityPatchBody, unitCreateBody, unitPatchBody } from "../schemas.ts";
import { paths } from "./paths.ts";
import * as organisation from "./service.ts";
import { NewUnitPage, OverviewPage, UnitPage } from "./views.tsx";

const notices: Record<string, string> = {
  kommun: "org.notice.municipalitySaved",
  "enhet-tillagd": "org.notice.unitAdded",
  sparad: "org.notice.saved",
  inaktiverad: "org.notice.unitDeactivated",
  aktiverad: "org.notice.unitReactivated",
};

/**
 * The edit forms show every field, though the API's PATCH bodies change only what they are sent:
 * a field emptied on the form is refused with its message, not read as "no change" (decision 0035).
 */
const municipalityFields = [
  "name",
  "code",
  "waitLimitDays",
  "placementReviewLimitDays",
  "emergencyPlacementLimitDays",
  "minGroupSize",
  "shareDecimals",
  "meanDecimals",
  "mfaRequiredRoles",
];
const unitFields = ["name", "kind"];

export function unitPages(app: App): void {
  app.get(paths.organisation.pattern, { config: { permission: "organisation.manage" } }, async (req, reply) => {
    const data = await organisation.organisationOverview(req.ctx);
    return reply.page(<OverviewPage view={req.view} data={data} notice={noticeFrom(req.query, notices)} />);
  });

  app.post(paths.organisation.pattern, { config: { permission: "organisation.manage" } }, async (req, reply) =>
    handleForm(req, reply, {
      schema: municipalityPatchBody,
      decode: { shown: municipalityFields },
      run: (input) => organisation.updateMunicipality(req.ctx, input),
      redirect: () => paths.organisation.href({ klart: "kommun" }),
      render: async ({ values, ...failure }) => (
        <OverviewPage view={req.view} data={await organisation.organisationOverview(req.ctx)} values={values} failure={failure} />
      ),
      rename: listField,
      conflict: "field",
    }),
  );

  app.get(paths.newUnit.pattern, { config: { permission: "organisation.manage" } }, async (req, reply) =>
    reply.page(<NewUnitPage view={req.view} />),
  );

  app.post(paths.newUnit.pattern, { config: { permission: "organisation.manage" } }, async (req, reply) =>
    handleForm(req, reply, {
      schema: unitCreateBody,
      run: (input) => organisation.createUnit(req.ctx, input),
      redirect: () => paths.organisation.href({ klart: "enhet-tillagd" }),
      render: ({ values, errors }) => <NewUnitPage view={req.view} values={values} errors={errors} />,
      rename: listField,
      conflict: "field",
    }),
  );

  app.get<{ Params: { id: string } }>(paths.unit.pattern, { config: { permission: "organisation.manage" } }, async (req, reply) => {
    const unit = await organisation.getUnit(req.ctx, req.params.id);
    return reply.page(<UnitPage view={req.view} unit={unit} notice={noticeFrom(req.query, notices)} />);
  });

  app.post<{ Params: { id: string } }>(paths.unit.pattern, { config: { permission: "organisation.manage" } }, async (req, reply) =>
    handleForm(req, reply, {
      schema: unitPatchBody,
      decode: { shown: unitFields },
      run: (input) => organisation.updateUnit(req.ctx, req.params.id, input),
      redirect: (unit) => paths.unit.href({ id: unit.id }, { klart: "sparad" }),
      render: async ({ values, ...failure }) => (
        <UnitPage view={req.view} unit={await organisation.getUnit(req.ctx, req.params.id)} values={values} failure={failure} />
      ),
      rename: listField,
      conflict: "field",
    }),
  );

  app.post<{ Params: { id: string } }>(paths.unitStatus.pattern, { config: { permission: "organisation.manage" } }, async (req, reply) =>
    handleForm(req, reply, {
      schema: unitPatchBody,
      run: (input) => organisation.updateUnit(req.ctx, req.params.id, input),
      redirect: (unit) => paths.unit.href({ id: unit.id }, { klart: unit.active ? "aktiverad" : "inaktiverad" }),
      render: async (failure) => <UnitPage view={req.view} unit={await organisation.getUnit(req.ctx, req.params.id)} failure={failure} />,
      rename: listField,
      conflict: "field",
    }),
  );
}
