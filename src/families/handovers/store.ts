/** Drizzle queries of the intake handovers (decision 0066), nothing else. */
import { aliasedTable, and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import {
  intakeHandoverMembers,
  intakeHandovers,
  municipalities,
  processAssignments,
  processes,
  requests,
  units,
  userRoles,
  users,
  userUnits,
} from "../../db/schema/index.ts";
import type { DbOrTx } from "../../platform/database.ts";
import type { IsoDate } from "../../platform/dates.ts";

/**
 * Who sees a handover: the whole municipality, or the reader's own (the work leader, the one who
 * handed over, a named member, who registered the request or is assigned to its process) and, for a
 * unit manager, those of their units (handing over or receiving).
 */
export type Visibility = { all: true } | { all: false; userId: string; unitIds: string[] };

/** Whether the reader works with the handover's family (the full view): see decision 0066. */
function worksWith(v: Visibility) {
  if (v.all) return sql<boolean>`true`;
  return sql<boolean>`(${intakeHandovers.workLeaderId} = ${v.userId} or ${intakeHandovers.handedOverBy} = ${v.userId}
    or exists (select 1 from ${intakeHandoverMembers} m where m.handover_id = ${intakeHandovers.id} and m.user_id = ${v.userId})
    or exists (select 1 from ${requests} r where r.id = ${intakeHandovers.requestId} and r.registered_by = ${v.userId})
    or exists (select 1 from ${processes} pr join ${processAssignments} a on a.process_id = pr.id
      where pr.request_id = ${intakeHandovers.requestId} and a.user_id = ${v.userId} and a.ended_on is null))`;
}

function visible(municipalityId: string, v: Visibility) {
  const inMunicipality = eq(intakeHandovers.municipalityId, municipalityId);
  if (v.all) return inMunicipality;
  const ofUnits =
    v.unitIds.length === 0
      ? sql`false`
      : sql`(${intakeHandovers.toUnitId} in ${v.unitIds} or ${intakeHandovers.fromUnitId} in ${v.unitIds})`;
  return and(inMunicipality, sql`(${worksWith(v)} or ${ofUnits})`);
}

const fromUnit = aliasedTable(units, "from_unit");
const toUnit = aliasedTable(units, "to_unit");
const handedOver = aliasedTable(users, "handed_over");
const leader = aliasedTable(users, "work_leader");

const columns = (v: Visibility) => ({
  id: intakeHandovers.id,
  requestId: intakeHandovers.requestId,
  handoverDate: intakeHandovers.handoverDate,
  fromUnitId: intakeHandovers.fromUnitId,
  fromUnitName: fromUnit.name,
  toUnitId: intakeHandovers.toUnitId,
  toUnitName: toUnit.name,
  reason: intakeHandovers.reason,
  handedOverBy: intakeHandovers.handedOverBy,
  handedOverByName: handedOver.displayName,
  workLeaderId: intakeHandovers.workLeaderId,
  workLeaderName: leader.displayName,
  version: intakeHandovers.version,
  worksWithFamily: worksWith(v),
  waitLimitDays: municipalities.waitLimitDays,
});

function selectHandovers(db: DbOrTx, v: Visibility) {
  return db
    .select(columns(v))
    .from(intakeHandovers)
    .innerJoin(fromUnit, eq(fromUnit.id, intakeHandovers.fromUnitId))
    .innerJoin(toUnit, eq(toUnit.id, intakeHandovers.toUnitId))
    .innerJoin(handedOver, eq(handedOver.id, intakeHandovers.handedOverBy))
    .innerJoin(leader, eq(leader.id, intakeHandovers.workLeaderId))
    .innerJoin(municipalities, eq(municipalities.id, intakeHandovers.municipalityId));
}

export type HandoverRow = Awaited<ReturnType<typeof findVisible>> & {};

export async function findVisible(db: DbOrTx, municipalityId: string, v: Visibility, id: string) {
  const [row] = await selectHandovers(db, v).where(and(eq(intakeHandovers.id, id), visible(municipalityId, v)));
  return row;
}

/** The handovers one may see, newest first; of one request when given. */
export function listVisible(db: DbOrTx, municipalityId: string, v: Visibility, requestId?: string) {
  return selectHandovers(db, v)
    .where(and(visible(municipalityId, v), requestId ? eq(intakeHandovers.requestId, requestId) : undefined))
    .orderBy(desc(intakeHandovers.handoverDate), desc(intakeHandovers.createdAt));
}

/** The members of the given handovers, in the team's order, with the named user's name. */
export function membersOf(db: DbOrTx, handoverIds: readonly string[]) {
  if (handoverIds.length === 0) return Promise.resolve([]);
  return db
    .select({
      id: intakeHandoverMembers.id,
      handoverId: intakeHandoverMembers.handoverId,
      position: intakeHandoverMembers.position,
      role: intakeHandoverMembers.role,
      userId: intakeHandoverMembers.userId,
      userName: users.displayName,
      firstContactOn: intakeHandoverMembers.firstContactOn,
    })
    .from(intakeHandoverMembers)
    .leftJoin(users, eq(users.id, intakeHandoverMembers.userId))
    .where(inArray(intakeHandoverMembers.handoverId, [...handoverIds]))
    .orderBy(asc(intakeHandoverMembers.handoverId), asc(intakeHandoverMembers.position));
}

/** The municipality's units (with their kind) for the form and the rules. */
export function unitsOf(db: DbOrTx, municipalityId: string) {
  return db
    .select({ id: units.id, name: units.name, kind: units.kind, active: units.active })
    .from(units)
    .where(eq(units.municipalityId, municipalityId))
    .orderBy(asc(units.name));
}

/** The active staff who can hand over or be named in a team (caseworkers, unit managers, process leaders), by name. */
export function staffOf(db: DbOrTx, municipalityId: string) {
  return db
    .select({
      id: users.id,
      name: users.displayName,
      unitNames: sql<string[]>`coalesce((select array_agg(u.name order by u.name) from ${userUnits} uu join ${units} u on u.id = uu.unit_id
        where uu.user_id = users.id), '{}')`,
    })
    .from(users)
    .where(
      and(
        eq(users.municipalityId, municipalityId),
        eq(users.active, true),
        // "users.id" in plain SQL: drizzle leaves columns unqualified in a one-table select.
        sql`exists (select 1 from ${userRoles} r where r.user_id = users.id and r.role in ('caseworker', 'unit_manager', 'process_leader'))`,
      ),
    )
    .orderBy(asc(users.displayName));
}

export async function insertHandover(
  db: DbOrTx,
  values: typeof intakeHandovers.$inferInsert,
  members: ReadonlyArray<{ role: string; userId: string | null }>,
): Promise<string> {
  const [row] = await db.insert(intakeHandovers).values(values).returning({ id: intakeHandovers.id });
  if (!row) throw new Error("handover not inserted");
  await db
    .insert(intakeHandoverMembers)
    .values(members.map((m, i) => ({ handoverId: row.id, position: i + 1, role: m.role, userId: m.userId })));
  return row.id;
}

/** The handover's version moved on; null when the version read is stale (someone saved first). */
export async function bumpHandover(db: DbOrTx, id: string, version: number): Promise<{ version: number } | undefined> {
  const [row] = await db
    .update(intakeHandovers)
    .set({ version: sql`${intakeHandovers.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(intakeHandovers.id, id), eq(intakeHandovers.version, version)))
    .returning({ version: intakeHandovers.version });
  return row;
}

/** The team as planned now: rows kept by id (a first contact stays while the person is the same), new ones added, the rest removed. */
export async function replaceTeam(
  db: DbOrTx,
  handoverId: string,
  existing: ReadonlyArray<{ id: string; userId: string | null }>,
  team: ReadonlyArray<{ id?: string; role: string; userId: string | null }>,
): Promise<void> {
  const keep = new Set(team.flatMap((m) => (m.id ? [m.id] : [])));
  const gone = existing.filter((m) => !keep.has(m.id)).map((m) => m.id);
  if (gone.length > 0) await db.delete(intakeHandoverMembers).where(inArray(intakeHandoverMembers.id, gone));
  for (const [i, m] of team.entries()) {
    const before = m.id ? existing.find((e) => e.id === m.id) : undefined;
    if (before && m.id) {
      const samePerson = before.userId === m.userId;
      await db
        .update(intakeHandoverMembers)
        .set({
          position: i + 1,
          role: m.role,
          userId: m.userId,
          ...(!samePerson && { firstContactOn: null, firstContactBy: null }),
          updatedAt: sql`now()`,
        })
        .where(eq(intakeHandoverMembers.id, m.id));
    } else {
      await db.insert(intakeHandoverMembers).values({ handoverId, position: i + 1, role: m.role, userId: m.userId });
    }
  }
}

export async function setFirstContact(db: DbOrTx, memberId: string, on: IsoDate, by: string): Promise<void> {
  await db
    .update(intakeHandoverMembers)
    .set({ firstContactOn: on, firstContactBy: by, updatedAt: sql`now()` })
    .where(eq(intakeHandoverMembers.id, memberId));
}

export interface WaitFigureRow {
  role: string;
  n: number;
  median: number | null;
  within: number;
}

/**
 * The waits from handover to first contact whose first contact falls in the period, per role: how
 * many, their median in days and how many within the limit (at most `limitDays`).
 */
export async function waitFigures(
  db: DbOrTx,
  municipalityId: string,
  from: IsoDate,
  to: IsoDate,
  limitDays: number,
): Promise<WaitFigureRow[]> {
  const rows = await db
    .select({
      role: intakeHandoverMembers.role,
      n: sql<number>`count(*)::int`,
      median: sql<
        number | null
      >`percentile_cont(0.5) within group (order by (${intakeHandoverMembers.firstContactOn} - ${intakeHandovers.handoverDate}))::float8`,
      within: sql<number>`(count(*) filter (where ${intakeHandoverMembers.firstContactOn} - ${intakeHandovers.handoverDate} <= ${limitDays}))::int`,
    })
    .from(intakeHandoverMembers)
    .innerJoin(intakeHandovers, eq(intakeHandovers.id, intakeHandoverMembers.handoverId))
    .where(and(eq(intakeHandovers.municipalityId, municipalityId), sql`${intakeHandoverMembers.firstContactOn} between ${from} and ${to}`))
    .groupBy(intakeHandoverMembers.role);
  return rows;
}
