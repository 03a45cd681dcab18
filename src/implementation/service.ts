/**
 * Implementation activities: trainings, inspiration days, analysis seminars, information meetings
 * and conferences that bring the model into the units (planned, held with the number of
 * participants, or cancelled with the reason), and the per-unit participation of caseworkers
 * counted from the process data. No personal data: the audit rows record changes, and the
 * participation view as a statistics view.
 */
import type { z } from "zod";
import { audit } from "../platform/audit.ts";
import { authorize, type ServiceContext } from "../platform/context.ts";
import { ConflictError, NotFoundError, parseOrThrow, ValidationError } from "../platform/errors.ts";
import { compareText } from "../platform/i18n.ts";
import {
  type ActivityStatus,
  activityProblems,
  buildParticipation,
  isUuid,
  type KindSummary,
  summariseKinds,
  type UnitParticipation,
  type YearChoice,
  yearPeriod,
} from "./model.ts";
import { type ActivityInput, type ActivityPatchInput, activityBody, activityPatchBody } from "./schemas.ts";
import * as store from "./store.ts";

export type UnitRow = store.UnitRow;

export interface Activity extends store.ActivityRow {
  /** The units the activity is for, by name. */
  units: UnitRow[];
}

const byName = compareText("sv");

function withUnits(rows: store.ActivityRow[], unitsById: Map<string, UnitRow>, links: Map<string, string[]>): Activity[] {
  return rows.map((a) => ({
    ...a,
    units: (links.get(a.id) ?? [])
      .map((id) => unitsById.get(id))
      .filter((u): u is UnitRow => !!u)
      .sort((x, y) => byName(x.name, y.name)),
  }));
}

async function unitMap(ctx: ServiceContext, municipalityId: string) {
  return new Map((await store.unitsOf(ctx.db, municipalityId)).map((u) => [u.id, u]));
}

// ---- The list ----

export interface ActivityList {
  year: YearChoice;
  status: ActivityStatus | null;
  /** Years to choose among: those with activities and the current year, newest first. */
  years: number[];
  activities: Activity[];
  /** Counts per kind and status for the chosen year (every status, whatever the status filter). */
  summary: KindSummary;
}

export async function listActivities(
  ctx: ServiceContext,
  filter: { year: YearChoice; status: ActivityStatus | null },
): Promise<ActivityList> {
  const { actor } = await authorize(ctx, "implementation.view");
  const period = yearPeriod(filter.year);
  const [all, years, unitsById] = await Promise.all([
    store.activitiesOf(ctx.db, actor.municipalityId, { period, status: null }),
    store.activityYears(ctx.db, actor.municipalityId),
    unitMap(ctx, actor.municipalityId),
  ]);
  const shown = filter.status ? all.filter((a) => a.status === filter.status) : all;
  const links = await store.unitsOfActivities(
    ctx.db,
    shown.map((a) => a.id),
  );
  const current = Number(ctx.clock.today().slice(0, 4));
  return {
    year: filter.year,
    status: filter.status,
    years: [...new Set([current, ...years])].sort((a, b) => b - a),
    activities: withUnits(shown, unitsById, links),
    summary: summariseKinds(all),
  };
}

// ---- One activity ----

async function loadActivity(ctx: ServiceContext, municipalityId: string, id: string): Promise<store.ActivityRow> {
  const found = isUuid(id) ? await store.activity(ctx.db, municipalityId, id) : undefined;
  if (!found) throw new NotFoundError();
  return found;
}

export async function getActivity(ctx: ServiceContext, id: string): Promise<Activity> {
  const { actor } = await authorize(ctx, "implementation.view");
  const row = await loadActivity(ctx, actor.municipalityId, id);
  const [unitsById, links] = await Promise.all([unitMap(ctx, actor.municipalityId), store.unitsOfActivities(ctx.db, [id])]);
  return withUnits([row], unitsById, links)[0] as Activity;
}

/** The units to choose among on the form: the active units, and any inactive unit the activity already has. */
export async function unitChoices(ctx: ServiceContext, activity?: Activity): Promise<UnitRow[]> {
  const { actor } = await authorize(ctx, "implementation.view");
  const had = new Set(activity?.units.map((u) => u.id) ?? []);
  return (await store.unitsOf(ctx.db, actor.municipalityId))
    .filter((u) => u.active || had.has(u.id))
    .sort((a, b) => byName(a.name, b.name));
}

/** The values as stored: trimmed texts, empty ones as null, the units once each. */
function normalise(input: z.output<typeof activityBody>) {
  const text = (s: string | null | undefined) => {
    const v = (s ?? "").trim();
    return v === "" ? null : v;
  };
  return {
    values: {
      activityDate: input.activityDate.trim(),
      kind: input.kind,
      theme: input.theme.trim(),
      status: input.status,
      participants: input.participants,
      cancelReason: text(input.cancelReason),
      notes: text(input.notes),
    } satisfies store.ActivityValues,
    unitIds: [...new Set(input.unitIds)],
  };
}

/** The rules between fields, and units that are the municipality's (an inactive one only when the activity already had it). */
async function check(ctx: ServiceContext, municipalityId: string, input: ReturnType<typeof normalise>, had: string[] = []) {
  const errors = activityProblems(input.values, ctx.clock.today());
  const known = await store.unitsOf(ctx.db, municipalityId);
  const allowed = new Set(known.filter((u) => u.active || had.includes(u.id)).map((u) => u.id));
  if (input.unitIds.some((id) => !allowed.has(id))) errors.unitIds = "implementation.units.unknown";
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
}

export async function createActivity(ctx: ServiceContext, raw: ActivityInput): Promise<Activity> {
  const { actor } = await authorize(ctx, "implementation.manage");
  const input = parseOrThrow(activityBody, raw);
  const data = normalise(input);
  await check(ctx, actor.municipalityId, data);
  const id = await ctx.db.transaction(async (tx) => {
    const { id } = await store.insertActivity(tx, actor.municipalityId, actor.id, data.values);
    await store.replaceUnits(tx, id, data.unitIds);
    await audit(tx, ctx, {
      action: "implementation_activity.create",
      recordType: "implementation_activity",
      recordId: id,
      detail: { ...data.values, unitIds: [...data.unitIds].sort() },
    });
    return id;
  });
  return getActivity(ctx, id);
}

/** Edits an activity (also to mark it held or cancelled); refused when `version` is stale. */
export async function updateActivity(ctx: ServiceContext, id: string, raw: ActivityPatchInput): Promise<Activity> {
  const { actor } = await authorize(ctx, "implementation.manage");
  const input = parseOrThrow(activityPatchBody, raw);
  const before = await getActivity(ctx, id);
  const data = normalise(input);
  await check(
    ctx,
    actor.municipalityId,
    data,
    before.units.map((u) => u.id),
  );
  await ctx.db.transaction(async (tx) => {
    const current = await store.lockActivity(tx, actor.municipalityId, id);
    if (!current) throw new NotFoundError();
    if (current.version !== input.version) throw new ConflictError();
    if (!(await store.updateActivity(tx, id, input.version, data.values))) throw new ConflictError();
    const unitsBefore = ((await store.unitsOfActivities(tx, [id])).get(id) ?? []).sort();
    await store.replaceUnits(tx, id, data.unitIds);
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const [k, v] of Object.entries(data.values)) {
      const was = current[k as keyof store.ActivityValues];
      if (was !== v) changes[k] = { from: was, to: v };
    }
    const unitsAfter = [...data.unitIds].sort();
    if (JSON.stringify(unitsBefore) !== JSON.stringify(unitsAfter)) changes.unitIds = { from: unitsBefore, to: unitsAfter };
    await audit(tx, ctx, {
      action: "implementation_activity.update",
      recordType: "implementation_activity",
      recordId: id,
      detail: { changes },
    });
  });
  return getActivity(ctx, id);
}

// ---- Participation per unit ----

export interface Participation {
  year: YearChoice;
  years: number[];
  minGroupSize: number;
  units: UnitParticipation[];
}

/**
 * Per active unit: its caseworkers, how many of them worked with at least one family (in the
 * year, or ever), the share, families per participating caseworker, and the unit's held
 * activities. Counted in SQL from the process data, suppressed by the municipality's minimum group
 * size; audited as a statistics view.
 */
export async function participation(ctx: ServiceContext, year: YearChoice): Promise<Participation> {
  const { actor } = await authorize(ctx, "implementation.view");
  return ctx.db.transaction(async (tx) => {
    const counts = await store.participation(tx, actor.municipalityId, yearPeriod(year));
    const unitRows = await store.unitsOf(tx, actor.municipalityId);
    const min = await store.minGroupSize(tx, actor.municipalityId);
    const years = await store.activityYears(tx, actor.municipalityId);
    const names = new Map(unitRows.map((u) => [u.id, u.name]));
    const rows = counts.map((c) => ({ ...c, unitName: names.get(c.unitId) ?? "" })).sort((a, b) => byName(a.unitName, b.unitName));
    await audit(tx, ctx, {
      action: "implementation_participation.view",
      recordType: "municipality",
      recordId: actor.municipalityId,
      detail: { statistics: true, year },
    });
    const current = Number(ctx.clock.today().slice(0, 4));
    return {
      year,
      years: [...new Set([current, ...years])].sort((a, b) => b - a),
      minGroupSize: min,
      units: buildParticipation(rows, min),
    };
  });
}
