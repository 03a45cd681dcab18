import { and, eq, sql } from "drizzle-orm";
import { seedReviewKeys } from "../audits/key-seed.ts";
import * as schema from "../db/schema/index.ts";
import { municipalities, units, userRoles, users, userUnits, workModels, workModelVersions } from "../db/schema/index.ts";
import { seedDemoEconomy } from "../economy/demo.ts";
import { seedIndicators } from "../followup/indicator-service.ts";
import { seedDemoImplementation } from "../implementation/demo.ts";
import { seedDemoOutcomes } from "../outcomes/demo.ts";
import type { Role } from "../platform/auth-types.ts";
import type { Db, DbOrTx } from "../platform/database.ts";
import { calendarDateInSweden } from "../platform/dates.ts";
import { hashPassword } from "../platform/passwords.ts";
import { seedSurveyInstruments } from "../surveys/seed.ts";
import { type Content, contentSchema } from "../workmodels/model.ts";
import { seedWorkModels } from "../workmodels/seed.ts";
import { type FamilyRows, generateFamilies, type StaffMember, tableOrder } from "./families.ts";

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
    await seedSurveyInstruments(tx, m.id);
    await seedReviewKeys(tx, m.id);
    await seedIndicators(tx, m.id);
    await seedDemoFamilies(tx, m.id, unitId, calendarDateInSweden(new Date()));
    await seedDemoOutcomes(tx, m.id, calendarDateInSweden(new Date()));
    await seedDemoEconomy(tx, m.id);
    await seedDemoImplementation(tx, m.id, unitId);
  });
}

/** The demo's families: how many, and the seed that makes them the same at every start. */
export const DEMO_FAMILIES = 60;
const DEMO_FAMILY_SEED = 20_261_127;
const RECENT_FAMILIES = 8;

/** The published version 1 of a seeded work model of the municipality. */
export async function publishedModel(db: DbOrTx, municipalityId: string, key: string): Promise<{ versionId: string; content: Content }> {
  const [row] = await db
    .select({ versionId: workModelVersions.id, content: workModelVersions.content })
    .from(workModelVersions)
    .innerJoin(workModels, eq(workModels.id, workModelVersions.workModelId))
    .where(and(eq(workModels.municipalityId, municipalityId), eq(workModels.key, key), eq(workModelVersions.status, "published")));
  if (!row) throw new Error(`the work model ${key} has no published version`);
  return { versionId: row.versionId, content: contentSchema.parse(row.content) };
}

const tables = {
  requests: schema.requests,
  requestPersons: schema.requestPersons,
  processes: schema.processes,
  processAssignments: schema.processAssignments,
  meetings: schema.meetings,
  meetingParticipants: schema.meetingParticipants,
  processInterruptions: schema.processInterruptions,
  supportMeasures: schema.supportMeasures,
  consultations: schema.consultations,
  childImpactAnalyses: schema.childImpactAnalyses,
  safetyRatings: schema.safetyRatings,
} as const;

/** Inserts generated rows table by table, in chunks that stay under PostgreSQL's parameter limit. */
export async function insertFamilyRows(db: DbOrTx, rows: FamilyRows): Promise<void> {
  for (const name of tableOrder) {
    const list = rows[name] as Array<Record<string, unknown>>;
    for (let i = 0; i < list.length; i += 2000) {
      // biome-ignore lint/suspicious/noExplicitAny: one loop over eleven tables with their own row types
      await db.insert(tables[name] as any).values(list.slice(i, i + 2000));
    }
  }
}

/**
 * About 60 families at every stage, mostly with the demo caseworkers and the process leader, so that
 * each demo login has a real worklist; the children mostly at Barn och unga Norr and Syd.
 */
async function seedDemoFamilies(db: DbOrTx, municipalityId: string, unitId: Map<string, string>, today: string): Promise<void> {
  const userRows = await db.select({ id: users.id, username: users.username }).from(users).where(eq(users.municipalityId, municipalityId));
  const userId = (username: string) => {
    const found = userRows.find((u) => u.username === username);
    if (!found) throw new Error(`demo user ${username} is missing`);
    return found.id;
  };
  const unit = (key: string) => unitId.get(key) ?? "";
  const member = (username: string, unitKey: string): StaffMember => ({ id: userId(username), unitId: unit(unitKey) });
  const common = {
    seed: DEMO_FAMILY_SEED,
    today,
    municipalityId,
    models: {
      sofia: await publishedModel(db, municipalityId, "sofiamodellen"),
      processSupport: await publishedModel(db, municipalityId, "familjeorienterat-processtod"),
    },
    staff: {
      childCaseworkers: [member("barnhandlaggare", "barn-norr"), member("handlaggare.syd", "barn-syd")],
      adultCaseworkers: [member("vuxenhandlaggare", "beroende-1")],
      processLeaders: [userId("processledare")],
      managers: [userId("enhetschef")],
      registrars: ["handlaggare.mottagning", "barnhandlaggare", "processledare", "vuxenhandlaggare"].map(userId),
    },
  };
  const addiction = ["beroende-1", "beroende-1", "beroende-1", "beroende-2"].map(unit);
  // Families of the last 14 months at every stage, ...
  const rows = generateFamilies({
    ...common,
    count: DEMO_FAMILIES - RECENT_FAMILIES,
    historyDays: 420,
    recentShare: 0.3,
    units: { child: ["barn-norr", "barn-norr", "barn-norr", "barn-syd", "barn-syd", "barn-ost", "barn-vast"].map(unit), addiction },
  });
  // ... and a few of the last weeks at the unit manager's units, some still waiting for a caseworker.
  const recent = generateFamilies({
    ...common,
    offset: 1000,
    count: RECENT_FAMILIES,
    historyDays: 50,
    units: { child: ["barn-norr", "barn-syd"].map(unit), addiction },
  });
  for (const name of tableOrder) (rows[name] as unknown[]).push(...recent[name]);
  await insertFamilyRows(db, rows);
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
    await seedSurveyInstruments(tx, m.id);
    await seedReviewKeys(tx, m.id);
    await seedIndicators(tx, m.id);
    return admin.id;
  });
}
