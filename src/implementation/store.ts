import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { implementationActivities, implementationActivityUnits, municipalities, units } from "../db/schema/index.ts";
import type { DbOrTx } from "../platform/database.ts";
import type { ActivityKind, ActivityStatus } from "./model.ts";

const activityColumns = {
  id: implementationActivities.id,
  activityDate: implementationActivities.activityDate,
  kind: implementationActivities.kind,
  theme: implementationActivities.theme,
  status: implementationActivities.status,
  participants: implementationActivities.participants,
  cancelReason: implementationActivities.cancelReason,
  notes: implementationActivities.notes,
  version: implementationActivities.version,
  createdAt: implementationActivities.createdAt,
  updatedAt: implementationActivities.updatedAt,
};

export interface ActivityRow {
  id: string;
  activityDate: string;
  kind: ActivityKind;
  theme: string;
  status: ActivityStatus;
  participants: number | null;
  cancelReason: string | null;
  notes: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** The municipality's activities, newest first; within a year or every year, of a status or every status. */
export async function activitiesOf(
  db: DbOrTx,
  municipalityId: string,
  filter: { period: { from: string; to: string } | null; status: ActivityStatus | null },
): Promise<ActivityRow[]> {
  const where = [eq(implementationActivities.municipalityId, municipalityId)];
  if (filter.period) {
    where.push(sql`${implementationActivities.activityDate} between ${filter.period.from} and ${filter.period.to}`);
  }
  if (filter.status) where.push(eq(implementationActivities.status, filter.status));
  const rows = await db
    .select(activityColumns)
    .from(implementationActivities)
    .where(and(...where))
    .orderBy(desc(implementationActivities.activityDate), asc(implementationActivities.createdAt));
  return rows as ActivityRow[];
}

export async function activity(db: DbOrTx, municipalityId: string, id: string): Promise<ActivityRow | undefined> {
  const [row] = await db
    .select(activityColumns)
    .from(implementationActivities)
    .where(and(eq(implementationActivities.municipalityId, municipalityId), eq(implementationActivities.id, id)));
  return row as ActivityRow | undefined;
}

/** Locks the activity row for the rest of the transaction. */
export async function lockActivity(db: DbOrTx, municipalityId: string, id: string): Promise<ActivityRow | undefined> {
  const [row] = await db
    .select(activityColumns)
    .from(implementationActivities)
    .where(and(eq(implementationActivities.municipalityId, municipalityId), eq(implementationActivities.id, id)))
    .for("update");
  return row as ActivityRow | undefined;
}

/** The years that have activities, newest first. */
export async function activityYears(db: DbOrTx, municipalityId: string): Promise<number[]> {
  const rows = await db
    .selectDistinct({ year: sql<number>`extract(year from ${implementationActivities.activityDate})::int` })
    .from(implementationActivities)
    .where(eq(implementationActivities.municipalityId, municipalityId));
  return rows.map((r) => r.year).sort((a, b) => b - a);
}

export interface ActivityValues {
  activityDate: string;
  kind: ActivityKind;
  theme: string;
  status: ActivityStatus;
  participants: number | null;
  cancelReason: string | null;
  notes: string | null;
}

export async function insertActivity(db: DbOrTx, municipalityId: string, createdBy: string | null, values: ActivityValues) {
  const [row] = await db
    .insert(implementationActivities)
    .values({ municipalityId, createdBy, ...values })
    .returning({ id: implementationActivities.id });
  return row as { id: string };
}

/** Updates when the version still matches (and bumps it); undefined when someone else saved first. */
export async function updateActivity(db: DbOrTx, id: string, version: number, values: ActivityValues) {
  const [row] = await db
    .update(implementationActivities)
    .set({ ...values, version: sql`${implementationActivities.version} + 1`, updatedAt: new Date() })
    .where(and(eq(implementationActivities.id, id), eq(implementationActivities.version, version)))
    .returning({ id: implementationActivities.id });
  return row;
}

/** The units of the activities: activity id → unit ids. */
export async function unitsOfActivities(db: DbOrTx, activityIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (activityIds.length === 0) return out;
  const rows = await db
    .select({ activityId: implementationActivityUnits.activityId, unitId: implementationActivityUnits.unitId })
    .from(implementationActivityUnits)
    .where(inArray(implementationActivityUnits.activityId, activityIds));
  for (const r of rows) out.set(r.activityId, [...(out.get(r.activityId) ?? []), r.unitId]);
  return out;
}

export async function replaceUnits(db: DbOrTx, activityId: string, unitIds: string[]) {
  await db.delete(implementationActivityUnits).where(eq(implementationActivityUnits.activityId, activityId));
  if (unitIds.length > 0) await db.insert(implementationActivityUnits).values(unitIds.map((unitId) => ({ activityId, unitId })));
}

export interface UnitRow {
  id: string;
  name: string;
  active: boolean;
}

/** Every unit of the municipality, active or not. */
export async function unitsOf(db: DbOrTx, municipalityId: string): Promise<UnitRow[]> {
  return db.select({ id: units.id, name: units.name, active: units.active }).from(units).where(eq(units.municipalityId, municipalityId));
}

export async function minGroupSize(db: DbOrTx, municipalityId: string): Promise<number> {
  const [row] = await db.select({ n: municipalities.minGroupSize }).from(municipalities).where(eq(municipalities.id, municipalityId));
  return row?.n ?? 5;
}

export interface ParticipationCounts {
  unitId: string;
  /** Active caseworkers who are members of the unit. */
  caseworkers: number;
  /** Per participating caseworker of the unit, the families (processes) they were assigned to; order has no meaning. */
  familiesPerCaseworker: number[];
  heldActivities: number;
  heldParticipants: number;
}

/**
 * The participation of every active unit of the municipality, computed in SQL from the process
 * data: the unit's active caseworkers (role caseworker, member through user_units), for each of
 * them the number of families (distinct processes) they were assigned to as child or adult
 * caseworker (in the period: an assignment from assigned_on to ended_on that overlaps it; every
 * assignment when there is none), and the held activities for the unit in the period with the sum
 * of their participants. No user is named: only counts leave the database.
 */
export async function participation(
  db: DbOrTx,
  municipalityId: string,
  period: { from: string; to: string } | null,
): Promise<ParticipationCounts[]> {
  const overlaps = period
    ? sql`and pa.assigned_on <= ${period.to}::date and (pa.ended_on is null or pa.ended_on >= ${period.from}::date)`
    : sql``;
  const heldIn = period ? sql`and a.activity_date between ${period.from}::date and ${period.to}::date` : sql``;
  const result = await db.execute(sql`
    with caseworkers as (
      select uu.unit_id, u.id as user_id
      from user_units uu
      join users u on u.id = uu.user_id and u.active and u.municipality_id = ${municipalityId}
      where exists (select 1 from user_roles r where r.user_id = u.id and r.role = 'caseworker')
    ),
    families as (
      select pa.user_id, count(distinct pa.process_id)::int as n
      from process_assignments pa
      join processes p on p.id = pa.process_id and p.municipality_id = ${municipalityId}
      where pa.role in ('child_caseworker', 'adult_caseworker') ${overlaps}
      group by pa.user_id
    ),
    per_unit as (
      select c.unit_id,
             count(*)::int as caseworkers,
             coalesce(array_agg(f.n) filter (where f.n is not null), '{}')::int[] as families
      from caseworkers c
      left join families f on f.user_id = c.user_id
      group by c.unit_id
    ),
    held as (
      select au.unit_id, count(*)::int as activities, coalesce(sum(a.participants), 0)::int as participants
      from implementation_activity_units au
      join implementation_activities a on a.id = au.activity_id
      where a.municipality_id = ${municipalityId} and a.status = 'held' ${heldIn}
      group by au.unit_id
    )
    select un.id as unit_id,
           coalesce(pu.caseworkers, 0) as caseworkers,
           coalesce(pu.families, '{}'::int[]) as families,
           coalesce(h.activities, 0) as held_activities,
           coalesce(h.participants, 0) as held_participants
    from units un
    left join per_unit pu on pu.unit_id = un.id
    left join held h on h.unit_id = un.id
    where un.municipality_id = ${municipalityId} and un.active
  `);
  return (result.rows as Array<Record<string, unknown>>).map((r) => ({
    unitId: String(r.unit_id),
    caseworkers: Number(r.caseworkers),
    familiesPerCaseworker: (r.families as Array<number | string>).map(Number),
    heldActivities: Number(r.held_activities),
    heldParticipants: Number(r.held_participants),
  }));
}
