/** The municipality and its units: the overview, the municipality's settings, adding and editing units. */

import { type AuditEntry, audit, audits } from "../../platform/audit.ts";
import { roles } from "../../platform/auth-types.ts";
import { authorize, type ServiceContext } from "../../platform/context.ts";
import { ConflictError, NotFoundError, parseOrThrow } from "../../platform/errors.ts";
import { compareText } from "../../platform/i18n.ts";
import { changes, isUuid, unitWithinScope } from "../model.ts";
import {
  type MunicipalityPatch,
  municipalityPatchBody,
  type UnitInput,
  type UnitPatch,
  unitCreateBody,
  unitPatchBody,
} from "../schemas.ts";
import * as store from "../store.ts";

export type Municipality = NonNullable<Awaited<ReturnType<typeof store.municipality>>>;
export type Unit = store.UnitRow;

const byName = compareText("sv");
const sortUnits = (list: Unit[]) => list.sort((a, b) => byName(a.name, b.name));

export interface OrganisationOverview {
  municipality: Municipality;
  units: Unit[];
}

/** The municipality and the units the reader may see (a unit-scoped reader: their own), with active user counts. */
export async function organisationOverview(ctx: ServiceContext): Promise<OrganisationOverview> {
  const { actor, scope } = await authorize(ctx, "organisation.view");
  const municipality = await store.municipality(ctx.db, actor.municipalityId);
  if (!municipality) throw new NotFoundError();
  const units = await store.unitsOf(ctx.db, actor.municipalityId, scope === "unit" ? actor.unitIds : undefined);
  return { municipality, units: sortUnits(units) };
}

export async function listUnits(ctx: ServiceContext): Promise<Unit[]> {
  return (await organisationOverview(ctx)).units;
}

/** The municipality's own details (no personal data), for anyone who may read the organisation. */
export async function getMunicipality(ctx: ServiceContext): Promise<Municipality> {
  const { actor } = await authorize(ctx, "organisation.view");
  const found = await store.municipality(ctx.db, actor.municipalityId);
  if (!found) throw new NotFoundError();
  return found;
}

/**
 * Edits the name, kommunkod, wait limit, the two placement limits (issue 18), minimum group size, the decimals of shares and means and
 * the roles that must use two-step verification (decision 0060), all or some; refused when `version` is stale.
 */
export async function updateMunicipality(ctx: ServiceContext, input: MunicipalityPatch): Promise<Municipality> {
  const { actor } = await authorize(ctx, "organisation.manage");
  const patch = parseOrThrow(municipalityPatchBody, input);
  return ctx.db.transaction(async (tx) => {
    const current = await store.municipality(tx, actor.municipalityId);
    if (!current) throw new NotFoundError();
    if (current.version !== patch.version) throw new ConflictError();
    const values = {
      name: patch.name,
      code: patch.code,
      waitLimitDays: patch.waitLimitDays,
      placementReviewLimitDays: patch.placementReviewLimitDays,
      emergencyPlacementLimitDays: patch.emergencyPlacementLimitDays,
      minGroupSize: patch.minGroupSize,
      shareDecimals: patch.shareDecimals,
      meanDecimals: patch.meanDecimals,
      mfaRequiredRoles: patch.mfaRequiredRoles ? roles.filter((r) => patch.mfaRequiredRoles?.includes(r)) : undefined,
    };
    const diff = changes(current, values);
    if (Object.keys(diff).length === 0) return current;
    if (!(await store.updateMunicipality(tx, current.id, patch.version, values))) throw new ConflictError();
    await audit(tx, ctx, { action: "municipality.update", recordType: "municipality", recordId: current.id, detail: { changes: diff } });
    return (await store.municipality(tx, current.id)) as Municipality;
  });
}

export async function getUnit(ctx: ServiceContext, id: string): Promise<Unit> {
  const { actor, scope } = await authorize(ctx, "organisation.view");
  const found = isUuid(id) ? await store.unit(ctx.db, actor.municipalityId, id) : undefined;
  if (!found || !unitWithinScope(scope, actor.unitIds, found.id)) throw new NotFoundError();
  return found;
}

export async function createUnit(ctx: ServiceContext, posted: UnitInput): Promise<Unit> {
  const { actor } = await authorize(ctx, "organisation.manage");
  const input = parseOrThrow(unitCreateBody, posted);
  return store.refusingDuplicates(() =>
    ctx.db.transaction(async (tx) => {
      const { id } = await store.insertUnit(tx, { municipalityId: actor.municipalityId, name: input.name, kind: input.kind });
      await audit(tx, ctx, { action: "unit.create", recordType: "unit", recordId: id, detail: { name: input.name, kind: input.kind } });
      return (await store.unit(tx, actor.municipalityId, id)) as Unit;
    }),
  );
}

/** Renames, changes the kind, deactivates or reactivates a unit; refused when `version` is stale. */
export async function updateUnit(ctx: ServiceContext, id: string, input: UnitPatch): Promise<Unit> {
  const { actor } = await authorize(ctx, "organisation.manage");
  if (!isUuid(id)) throw new NotFoundError();
  const patch = parseOrThrow(unitPatchBody, input);
  return store.refusingDuplicates(() =>
    ctx.db.transaction(async (tx) => {
      const current = await store.unit(tx, actor.municipalityId, id);
      if (!current) throw new NotFoundError();
      if (current.version !== patch.version) throw new ConflictError();
      const diff = changes(current, { name: patch.name, kind: patch.kind, active: patch.active });
      if (Object.keys(diff).length === 0) return current;
      const values = { name: patch.name, kind: patch.kind, active: patch.active };
      if (!(await store.updateUnit(tx, id, patch.version, values))) throw new ConflictError();
      const { active, ...edits } = diff;
      const entries: AuditEntry[] = [];
      if (Object.keys(edits).length > 0)
        entries.push({ action: "unit.update", recordType: "unit", recordId: id, detail: { changes: edits } });
      if (active) entries.push({ action: patch.active ? "unit.reactivate" : "unit.deactivate", recordType: "unit", recordId: id });
      await audits(tx, ctx, entries);
      return (await store.unit(tx, actor.municipalityId, id)) as Unit;
    }),
  );
}
