import { and, count, eq, exists, gt, inArray, isNotNull, isNull, type SQL, sql } from "drizzle-orm";
import { apiTokens, municipalities, passwordTokens, sessions, units, userRoles, users, userUnits } from "../db/schema/index.ts";
import type { Role } from "../platform/auth-types.ts";
import type { DbOrTx } from "../platform/database.ts";
import { ConflictError } from "../platform/errors.ts";
import type { UnitKind } from "./model.ts";

// ---- Municipality ----

export async function municipality(db: DbOrTx, id: string) {
  const [row] = await db
    .select({
      id: municipalities.id,
      name: municipalities.name,
      code: municipalities.code,
      waitLimitDays: municipalities.waitLimitDays,
      placementReviewLimitDays: municipalities.placementReviewLimitDays,
      emergencyPlacementLimitDays: municipalities.emergencyPlacementLimitDays,
      minGroupSize: municipalities.minGroupSize,
      shareDecimals: municipalities.shareDecimals,
      meanDecimals: municipalities.meanDecimals,
      mfaRequiredRoles: municipalities.mfaRequiredRoles,
      demo: municipalities.demo,
      version: municipalities.version,
      updatedAt: municipalities.updatedAt,
    })
    .from(municipalities)
    .where(eq(municipalities.id, id));
  return row;
}

/** Updates when the version still matches; undefined when someone else changed it first. */
export async function updateMunicipality(
  db: DbOrTx,
  id: string,
  version: number,
  values: Partial<{
    name: string;
    code: string;
    waitLimitDays: number;
    placementReviewLimitDays: number;
    emergencyPlacementLimitDays: number;
    minGroupSize: number;
    shareDecimals: number;
    meanDecimals: number;
    mfaRequiredRoles: Role[];
  }>,
) {
  const [row] = await db
    .update(municipalities)
    .set({ ...values, version: sql`${municipalities.version} + 1`, updatedAt: new Date() })
    .where(and(eq(municipalities.id, id), eq(municipalities.version, version)))
    .returning({ id: municipalities.id });
  return row;
}

// ---- Units ----

// Correlated subqueries name the outer table explicitly: drizzle writes a bare "id" for a column of a
// single-table select, which inside the subquery would mean the inner table's id.
const activeUserCount = sql<number>`(
  select count(*)::int from ${userUnits} uu join ${users} u on u.id = uu.user_id
  where uu.unit_id = ${units}.id and u.active
)`;

const unitColumns = {
  id: units.id,
  name: units.name,
  kind: units.kind,
  active: units.active,
  version: units.version,
  createdAt: units.createdAt,
  updatedAt: units.updatedAt,
  activeUsers: activeUserCount,
};

export type UnitRow = Awaited<ReturnType<typeof unitsOf>>[number];

/** The municipality's units with their number of active users; `onlyIds` narrows to those units. */
export async function unitsOf(db: DbOrTx, municipalityId: string, onlyIds?: readonly string[]) {
  if (onlyIds && onlyIds.length === 0) return [];
  const where = [eq(units.municipalityId, municipalityId)];
  if (onlyIds) where.push(inArray(units.id, [...onlyIds]));
  return db
    .select(unitColumns)
    .from(units)
    .where(and(...where));
}

export async function unit(db: DbOrTx, municipalityId: string, id: string): Promise<UnitRow | undefined> {
  const [row] = await db
    .select(unitColumns)
    .from(units)
    .where(and(eq(units.municipalityId, municipalityId), eq(units.id, id)));
  return row;
}

export async function insertUnit(db: DbOrTx, values: { municipalityId: string; name: string; kind: UnitKind }) {
  const [row] = await db.insert(units).values(values).returning({ id: units.id });
  if (!row) throw new Error("insert into units returned nothing");
  return row;
}

export async function updateUnit(
  db: DbOrTx,
  id: string,
  version: number,
  values: Partial<{ name: string; kind: UnitKind; active: boolean }>,
) {
  const [row] = await db
    .update(units)
    .set({ ...values, version: sql`${units.version} + 1`, updatedAt: new Date() })
    .where(and(eq(units.id, id), eq(units.version, version)))
    .returning({ id: units.id });
  return row;
}

// ---- Users ----

const userColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  email: users.email,
  active: users.active,
  version: users.version,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
  roles: sql<Role[]>`coalesce((select array_agg(r.role::text order by r.role) from ${userRoles} r where r.user_id = ${users}.id), '{}')`,
  units: sql<Array<{ id: string; name: string; active: boolean }>>`coalesce((
    select json_agg(json_build_object('id', un.id, 'name', un.name, 'active', un.active) order by un.name)
    from ${userUnits} uu join ${units} un on un.id = uu.unit_id where uu.user_id = ${users}.id
  ), '[]'::json)`,
};

export type UserRow = NonNullable<Awaited<ReturnType<typeof user>>>;

export interface UserFilter {
  unitId?: string;
  role?: Role;
  active?: boolean;
  /** Only users who belong to one of these units (a unit-scoped reader). */
  sharingUnitIds?: readonly string[];
}

const inUnits = (unitIds: readonly string[]) =>
  exists(
    sql`(select 1 from ${userUnits} uu where uu.user_id = ${users}.id and uu.unit_id in (${sql.join(
      unitIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )}))`,
  );

export async function usersOf(db: DbOrTx, municipalityId: string, filter: UserFilter) {
  if (filter.sharingUnitIds && filter.sharingUnitIds.length === 0) return [];
  const where: SQL[] = [eq(users.municipalityId, municipalityId)];
  if (filter.active !== undefined) where.push(eq(users.active, filter.active));
  if (filter.unitId) where.push(inUnits([filter.unitId]));
  if (filter.sharingUnitIds) where.push(inUnits(filter.sharingUnitIds));
  if (filter.role) {
    where.push(exists(sql`(select 1 from ${userRoles} r where r.user_id = ${users}.id and r.role = ${filter.role})`));
  }
  return db
    .select(userColumns)
    .from(users)
    .where(and(...where));
}

export async function user(db: DbOrTx, municipalityId: string, id: string) {
  const [row] = await db
    .select(userColumns)
    .from(users)
    .where(and(eq(users.municipalityId, municipalityId), eq(users.id, id)));
  return row;
}

export async function insertUser(
  db: DbOrTx,
  values: { municipalityId: string; username: string; displayName: string; email: string | null },
) {
  const [row] = await db.insert(users).values(values).returning({ id: users.id });
  if (!row) throw new Error("insert into users returned nothing");
  return row;
}

export async function updateUser(
  db: DbOrTx,
  id: string,
  version: number,
  values: Partial<{ displayName: string; email: string | null; active: boolean }>,
) {
  const [row] = await db
    .update(users)
    .set({ ...values, version: sql`${users.version} + 1`, updatedAt: new Date() })
    .where(and(eq(users.id, id), eq(users.version, version)))
    .returning({ id: users.id });
  return row;
}

export async function replaceRoles(db: DbOrTx, userId: string, roles: readonly Role[]): Promise<void> {
  await db.delete(userRoles).where(eq(userRoles.userId, userId));
  if (roles.length > 0) await db.insert(userRoles).values(roles.map((role) => ({ userId, role })));
}

export async function replaceUnits(db: DbOrTx, userId: string, unitIds: readonly string[]): Promise<void> {
  await db.delete(userUnits).where(eq(userUnits.userId, userId));
  if (unitIds.length > 0) await db.insert(userUnits).values(unitIds.map((unitId) => ({ userId, unitId })));
}

/** Revokes every API token of the user that is still valid; returns how many. */
export async function revokeApiTokens(db: DbOrTx, userId: string, now: Date): Promise<number> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length;
}

/** Unused one-time password links of the user stop working (so that reactivating does not revive them). */
export async function expirePasswordLinks(db: DbOrTx, userId: string, now: Date): Promise<void> {
  await db
    .update(passwordTokens)
    .set({ expiresAt: now })
    .where(and(eq(passwordTokens.userId, userId), isNull(passwordTokens.usedAt)));
}

/** The name of the unique index a statement broke, or null when the error is something else. */
export function uniqueViolation(error: unknown): string | null {
  for (let e = error as { code?: string; constraint?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === "23505") return e.constraint ?? "";
  }
  return null;
}

/** Unique indexes → the field and message a duplicate gets. */
const duplicates: Record<string, [field: string, messageKey: string]> = {
  units_name_unique: ["name", "org.unit.nameTaken"],
  users_username_unique: ["username", "org.user.usernameTaken"],
};

/** Runs a write; a broken unique index becomes a field-linked conflict instead of a server error. */
export async function refusingDuplicates<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    const known = duplicates[uniqueViolation(e) ?? ""];
    if (known) throw new ConflictError(known[1], known[0]);
    throw e;
  }
}

// ---- Sign-ins (decision 0060) ----

export async function lockedAt(db: DbOrTx, userId: string): Promise<Date | null> {
  const [row] = await db.select({ lockedAt: users.lockedAt }).from(users).where(eq(users.id, userId));
  return row?.lockedAt ?? null;
}

/** Locks (at `at`) or unlocks (null) the user; false when it was already so. */
export async function setLocked(db: DbOrTx, userId: string, at: Date | null): Promise<boolean> {
  const changed = await db
    .update(users)
    .set({ lockedAt: at, updatedAt: new Date(), version: sql`${users.version} + 1` })
    .where(and(eq(users.id, userId), at ? isNull(users.lockedAt) : isNotNull(users.lockedAt)))
    .returning({ id: users.id });
  return changed.length > 0;
}

/** The user's full sessions that have not timed out. */
export async function activeSessionCount(db: DbOrTx, userId: string, now: Date): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(sessions)
    .where(
      and(eq(sessions.userId, userId), eq(sessions.stage, "full"), gt(sessions.idleExpiresAt, now), gt(sessions.absoluteExpiresAt, now)),
    );
  return row?.n ?? 0;
}
