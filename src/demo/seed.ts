import { sql } from "drizzle-orm";
import { municipalities, units, userRoles, users, userUnits } from "../db/schema/index.ts";
import type { Role } from "../platform/auth-types.ts";
import type { Db } from "../platform/database.ts";
import { hashPassword } from "../platform/passwords.ts";
import { seedWorkModels } from "../workmodels/seed.ts";

type UnitKind = (typeof units.$inferInsert)["kind"];

const demoUnits: Array<{ key: string; name: string; kind: UnitKind }> = [
  { key: "barn-norr", name: "Barn och unga Norr", kind: "child_youth" },
  { key: "barn-syd", name: "Barn och unga Syd", kind: "child_youth" },
  { key: "barn-ost", name: "Barn och unga Öst", kind: "child_youth" },
  { key: "barn-vast", name: "Barn och unga Väst", kind: "child_youth" },
  { key: "beroende-1", name: "Beroendeenheten Vuxen 1", kind: "addiction_adult" },
  { key: "beroende-2", name: "Beroendeenheten Vuxen 2", kind: "addiction_adult" },
  { key: "mottagning", name: "Mottagningsenheten", kind: "intake" },
];

export interface DemoUser {
  username: string;
  displayName: string;
  roles: Role[];
  unitKeys: string[];
}

export const demoUsers: DemoUser[] = [
  { username: "admin", displayName: "Alva Administratör", roles: ["administrator"], unitKeys: [] },
  { username: "processledare", displayName: "Petra Processledare", roles: ["process_leader"], unitKeys: ["barn-norr", "beroende-1"] },
  { username: "barnhandlaggare", displayName: "Bo Barnhandläggare", roles: ["caseworker"], unitKeys: ["barn-norr"] },
  { username: "vuxenhandlaggare", displayName: "Vera Vuxenhandläggare", roles: ["caseworker"], unitKeys: ["beroende-1"] },
  { username: "enhetschef", displayName: "Erik Enhetschef", roles: ["unit_manager"], unitKeys: ["barn-norr", "barn-syd"] },
  { username: "analytiker", displayName: "Anna Analytiker", roles: ["analyst"], unitKeys: [] },
  { username: "handlaggare.syd", displayName: "Sara Sydström", roles: ["caseworker"], unitKeys: ["barn-syd"] },
  { username: "handlaggare.mottagning", displayName: "Mats Mottagning", roles: ["caseworker"], unitKeys: ["mottagning"] },
];

export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(municipalities);
  return (row?.n ?? 0) === 0;
}

/**
 * The demo municipality: 4 child units, 2 addiction units, an intake unit and a user for every
 * role, all with `password`. Runs in one transaction; only on an empty database.
 */
export async function seedDemo(db: Db, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const [m] = await tx.insert(municipalities).values({ name: "Exempelby kommun", code: "9999" }).returning();
    if (!m) throw new Error("could not create the demo municipality");
    const unitRows = await tx
      .insert(units)
      .values(demoUnits.map((u) => ({ municipalityId: m.id, name: u.name, kind: u.kind })))
      .returning({ id: units.id, name: units.name });
    const unitId = new Map(demoUnits.map((u) => [u.key, unitRows.find((r) => r.name === u.name)?.id ?? ""]));
    for (const u of demoUsers) {
      const [row] = await tx
        .insert(users)
        .values({ municipalityId: m.id, username: u.username, displayName: u.displayName, passwordHash })
        .returning({ id: users.id });
      if (!row) throw new Error(`could not create demo user ${u.username}`);
      await tx.insert(userRoles).values(u.roles.map((role) => ({ userId: row.id, role })));
      if (u.unitKeys.length > 0) {
        await tx.insert(userUnits).values(u.unitKeys.map((k) => ({ userId: row.id, unitId: unitId.get(k) ?? "" })));
      }
    }
    await seedWorkModels(tx, m.id);
  });
}

/**
 * A production install (SOFIA_DEMO=false) starts with one municipality and one administrator
 * without a password; the returned user id gets a one-time link to choose one.
 */
export async function seedBootstrap(db: Db, municipalityName: string): Promise<string> {
  return db.transaction(async (tx) => {
    const [m] = await tx.insert(municipalities).values({ name: municipalityName, code: "" }).returning();
    if (!m) throw new Error("could not create the municipality");
    const [admin] = await tx
      .insert(users)
      .values({ municipalityId: m.id, username: "admin", displayName: "Administratör" })
      .returning({ id: users.id });
    if (!admin) throw new Error("could not create the administrator");
    await tx.insert(userRoles).values({ userId: admin.id, role: "administrator" });
    await seedWorkModels(tx, m.id);
    return admin.id;
  });
}
