/** Queries of break-glass: the process of an identity number, the grant, who is told. */
import { and, desc, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import {
  breakGlassGrants,
  dataProtectionSettings,
  processAssignments,
  processes,
  requestPersons,
  requests,
  userRoles,
  users,
  userUnits,
} from "../../db/schema/index.ts";
import type { DbOrTx } from "../../platform/database.ts";
import { identityIndexes } from "../../platform/identity-crypto.ts";

/**
 * The newest process of the municipality whose request has a person with exactly this identity
 * number (12 digits), with the request's persons. Whoever asks may not see it otherwise: the
 * caller decides what is shown (nothing but the process id).
 */
export async function processOfIdentity(db: DbOrTx, municipalityId: string, identityNumber: string) {
  const [row] = await db
    .select({ processId: processes.id, requestId: requests.id })
    .from(requestPersons)
    .innerJoin(requests, eq(requests.id, requestPersons.requestId))
    .innerJoin(processes, eq(processes.requestId, requests.id))
    .where(and(eq(requests.municipalityId, municipalityId), inArray(requestPersons.identityNumberIndex, identityIndexes([identityNumber]))))
    .orderBy(desc(requests.requestDate), desc(processes.createdAt))
    .limit(1);
  if (!row) return undefined;
  const persons = await db
    .select({ id: requestPersons.id, unitId: requestPersons.unitId })
    .from(requestPersons)
    .where(eq(requestPersons.requestId, row.requestId));
  return { ...row, persons };
}

/** The municipality's length of a grant in minutes (null: the default). */
export async function grantMinutes(db: DbOrTx, municipalityId: string): Promise<number | null> {
  const [row] = await db
    .select({ minutes: dataProtectionSettings.breakGlassMinutes })
    .from(dataProtectionSettings)
    .where(eq(dataProtectionSettings.municipalityId, municipalityId));
  return row?.minutes ?? null;
}

export async function insertGrant(
  db: DbOrTx,
  grant: { municipalityId: string; userId: string; processId: string; reason: string; grantedAt: Date; expiresAt: Date },
) {
  const [row] = await db.insert(breakGlassGrants).values(grant).returning({ id: breakGlassGrants.id });
  return row?.id ?? "";
}

/**
 * Who is told of a break-glass opening: the process's current process leader and the active unit
 * managers of the units the family's members are open at, never the one who opened it.
 */
export async function whoIsTold(db: DbOrTx, processId: string, unitIds: string[], except: string): Promise<string[]> {
  const leaders = await db
    .select({ id: processAssignments.userId })
    .from(processAssignments)
    .where(
      and(eq(processAssignments.processId, processId), eq(processAssignments.role, "process_leader"), isNull(processAssignments.endedOn)),
    );
  const managers =
    unitIds.length === 0
      ? []
      : await db
          .selectDistinct({ id: users.id })
          .from(users)
          .innerJoin(userRoles, eq(userRoles.userId, users.id))
          .innerJoin(userUnits, eq(userUnits.userId, users.id))
          .where(and(eq(userRoles.role, "unit_manager"), inArray(userUnits.unitId, unitIds), eq(users.active, true)));
  return [...new Set([...leaders, ...managers].map((r) => r.id))].filter((id) => id !== except);
}

/** The address and name of an active user with an e-mail address. */
export async function recipient(db: DbOrTx, userId: string) {
  const [row] = await db
    .select({ email: users.email, name: users.displayName })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.active, true), isNotNull(users.email)));
  return row?.email ? { email: row.email, name: row.name } : undefined;
}

export async function displayName(db: DbOrTx, userId: string): Promise<string> {
  const [row] = await db.select({ name: users.displayName }).from(users).where(eq(users.id, userId));
  return row?.name ?? "";
}
