import { and, eq, sql } from "drizzle-orm";
import { seedReviewKeys } from "../audits/index.ts";
import * as schema from "../db/schema/index.ts";
import { municipalities, units, userRoles, users, userUnits, workModels, workModelVersions } from "../db/schema/index.ts";
import { seedDemoEconomy } from "../economy/index.ts";
import { seedIndicators } from "../followup/index.ts";
import { seedDemoImplementation } from "../implementation/index.ts";
import { seedDemoOutcomes } from "../outcomes/index.ts";
import { seedDemoPlacements } from "../placements/index.ts";
import type { Role } from "../platform/auth-types.ts";
import type { Clock } from "../platform/clock.ts";
import type { Db, DbOrTx } from "../platform/database.ts";
import { addDays } from "../platform/dates.ts";
import { withSealedIdentityNumber } from "../platform/identity-crypto.ts";
import { hashPassword } from "../platform/passwords.ts";
import type { Content as InstrumentContent } from "../surveys/index.ts";
import { instrumentDocuments, seedSurveyInstruments } from "../surveys/index.ts";
import { type Content, contentSchema, seedWorkModels } from "../workmodels/index.ts";
import { seedDemoCampaigns } from "./campaigns.ts";
import { emptyRows, type FamilyRows, generateFamilies, type StaffMember, tableOrder } from "./families.ts";
import { demoCaseworkers, demoProcessLeader, generateSurveyResponses, roundRobin } from "./followup-data.ts";

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
 * role, all with `password`; then the other caseworkers of the units (without a password), more
 * families and the families' survey answers for the follow-up (seedDemoFollowup). Runs in one
 * transaction; only on an empty database, so a second start adds nothing. The families' dates
 * are counted back from the clock's today.
 */
export async function seedDemo(db: Db, password: string, clock: Clock): Promise<void> {
  const passwordHash = await hashPassword(password);
  const today = clock.today();
  await db.transaction(async (tx) => {
    const [m] = await tx
      .insert(municipalities)
      .values({ name: "Exempelby kommun", code: "9999", demo: true, mfaRequiredRoles: [] })
      .returning();
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
    const families = await seedDemoFamilies(tx, m.id, unitId, today);
    await seedDemoHandovers(tx, m.id, unitId, today, families);
    await seedDemoOutcomes(tx, m.id, today);
    await seedDemoEconomy(tx, m.id, today);
    await seedDemoImplementation(tx, m.id, unitId, today);
    // Last, so that everything above is made exactly as before these were added.
    await seedDemoFollowup(tx, m.id, unitId, today, families);
    // The annual campaigns of the families' two years, after everything else so that nothing above changes.
    const surveyed = demoUnits.filter((u) => u.kind !== "intake").map((u) => unitId.get(u.key) ?? "");
    await seedDemoCampaigns(tx, m.id, surveyed, today);
    // The placed children and the placement forum (issue 18), after everything else so that nothing above changes.
    await seedDemoPlacements(tx, m.id, unitId, today);
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
    // Identity numbers are stored encrypted, with their blind index (decision 0061).
    const list = (name === "requestPersons" ? rows.requestPersons.map(withSealedIdentityNumber) : rows[name]) as Array<
      Record<string, unknown>
    >;
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
async function seedDemoFamilies(db: DbOrTx, municipalityId: string, unitId: Map<string, string>, today: string): Promise<FamilyRows> {
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
  return rows;
}

/**
 * Two handovers from Mottagningsenheten to Barn och unga Norr (issue 18 item 4, decision 0066), of
 * the two latest demo requests of at least 20 days with a child there: Erik Enhetschef is the work
 * leader, Mats Mottagning handed over. The first has a child investigator and an adult caseworker
 * who made their first contact (the adult one after the wait limit) and a family therapist still
 * to be assigned; the second a child investigator without a first contact yet and a domestic
 * violence specialist to be assigned. Plain rows: nothing random is drawn, so the families stay the same.
 */
async function seedDemoHandovers(db: DbOrTx, municipalityId: string, unitId: Map<string, string>, today: string, families: FamilyRows) {
  const north = unitId.get("barn-norr") ?? "";
  const intake = unitId.get("mottagning") ?? "";
  const userRows = await db.select({ id: users.id, username: users.username }).from(users).where(eq(users.municipalityId, municipalityId));
  const userId = (username: string) => userRows.find((u) => u.username === username)?.id ?? null;
  const atNorth = new Set(families.requestPersons.filter((p) => p.kind === "child" && p.unitId === north).map((p) => p.requestId));
  const chosen = families.requests
    .filter((r) => atNorth.has(r.id) && r.requestDate <= addDays(today, -20))
    .sort((a, b) => (a.requestDate < b.requestDate ? 1 : a.requestDate > b.requestDate ? -1 : a.id < b.id ? -1 : 1))
    .slice(0, 2);
  const leader = userId("enhetschef");
  const handedOverBy = userId("handlaggare.mottagning");
  if (!leader || !handedOverBy || !north || !intake) return;
  const teams = [
    {
      reason: "Anmälan om oro för föräldrarnas missbruk och bråk i hemmet; barnet behöver utredas och föräldrarna erbjudas stöd.",
      members: (on: string) => [
        { role: "child_investigator", userId: userId("barnhandlaggare"), firstContactOn: addDays(on, 4) },
        { role: "adult_caseworker", userId: userId("vuxenhandlaggare"), firstContactOn: addDays(on, 16) },
        { role: "family_therapist", userId: null, firstContactOn: null },
      ],
    },
    {
      reason: "Upprepade anmälningar om våld i nära relationer; utredning och skyddsbedömning behövs.",
      members: () => [
        { role: "child_investigator", userId: userId("barnhandlaggare"), firstContactOn: null },
        { role: "domestic_violence_specialist", userId: null, firstContactOn: null },
      ],
    },
  ];
  for (const [i, request] of chosen.entries()) {
    const team = teams[i];
    if (!team) break;
    const on = addDays(request.requestDate, 1);
    const [row] = await db
      .insert(schema.intakeHandovers)
      .values({
        municipalityId,
        requestId: request.id,
        handoverDate: on,
        fromUnitId: intake,
        toUnitId: north,
        reason: team.reason,
        handedOverBy,
        workLeaderId: leader,
      })
      .returning({ id: schema.intakeHandovers.id });
    if (!row) continue;
    await db.insert(schema.intakeHandoverMembers).values(
      team.members(on).map((m, position) => ({
        handoverId: row.id,
        position: position + 1,
        role: m.role,
        userId: m.userId,
        firstContactOn: m.firstContactOn !== null && m.firstContactOn <= today ? m.firstContactOn : null,
        firstContactBy: m.firstContactOn !== null && m.firstContactOn <= today ? m.userId : null,
      })),
    );
  }
}

/** The families on family-oriented process support added for the follow-up, and the seeds of their streams. */
export const DEMO_SUPPORT_FAMILIES = 40;
const DEMO_SUPPORT_SEED = 20_261_128;
const DEMO_SURVEY_SEED = 20_261_129;

/**
 * What the follow-up needs to show figures as a municipality's data would: five to eight
 * caseworkers in every unit (demoCaseworkers, no password) and a second process leader; families of
 * the last two years, most of them on family-oriented process support with their consultation stops
 * held on time, late or not at all, each new child and adult caseworker with at least one of them
 * when the day allows; and the survey answers after every held meeting of every demo family. Own
 * seeds, so that the families above are the same as without it.
 */
async function seedDemoFollowup(
  db: DbOrTx,
  municipalityId: string,
  unitId: Map<string, string>,
  today: string,
  earlier: FamilyRows,
): Promise<void> {
  const member = new Map<string, StaffMember>();
  for (const c of demoCaseworkers) {
    const [row] = await db
      .insert(users)
      .values({ municipalityId, username: c.username, displayName: c.displayName })
      .returning({ id: users.id });
    if (!row) throw new Error(`could not create demo user ${c.username}`);
    await db.insert(userRoles).values({ userId: row.id, role: "caseworker" });
    await db.insert(userUnits).values({ userId: row.id, unitId: unitId.get(c.unitKey) ?? "" });
    member.set(c.username, { id: row.id, unitId: unitId.get(c.unitKey) ?? "" });
  }
  const [leader] = await db
    .insert(users)
    .values({ municipalityId, username: demoProcessLeader.username, displayName: demoProcessLeader.displayName })
    .returning({ id: users.id });
  if (!leader) throw new Error("could not create the demo's second process leader");
  await db.insert(userRoles).values({ userId: leader.id, role: "process_leader" });
  const [manager] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.municipalityId, municipalityId), eq(users.username, "enhetschef")));
  if (!manager) throw new Error("demo user enhetschef is missing");

  const pool = (prefix: string) =>
    demoCaseworkers.filter((c) => c.unitKey.startsWith(prefix)).map((c) => member.get(c.username) as StaffMember);
  const childPool = pool("barn-");
  const adultPool = pool("beroende-");
  const models = {
    sofia: await publishedModel(db, municipalityId, "sofiamodellen"),
    processSupport: await publishedModel(db, municipalityId, "familjeorienterat-processtod"),
  };
  const family = (index: number, child: StaffMember, adult: StaffMember) =>
    generateFamilies({
      seed: DEMO_SUPPORT_SEED,
      offset: index,
      count: 1,
      today,
      municipalityId,
      models,
      units: { child: [child.unitId], addiction: [adult.unitId] },
      staff: {
        childCaseworkers: [child],
        adultCaseworkers: [adult],
        processLeaders: [leader.id],
        managers: [manager.id],
        registrars: pool("mottagning").map((s) => s.id),
      },
      processSupportShare: 0.6,
      historyDays: 600,
      punctuality: { late: 0.24, missed: 0.12 },
    });
  // A family's stream does not depend on who its caseworkers are (one of each per family), so a
  // first pass says which families get caseworkers and a round robin gives every caseworker one.
  const indices = Array.from({ length: DEMO_SUPPORT_FAMILIES }, (_, i) => i);
  const probe = indices.map((i) => family(i, childPool[0] as StaffMember, adultPool[0] as StaffMember));
  const childOf = roundRobin(
    childPool,
    probe.map((f) => f.processAssignments.some((a) => a.role === "child_caseworker")),
  );
  const adultOf = roundRobin(
    adultPool,
    probe.map((f) => f.processAssignments.some((a) => a.role === "adult_caseworker")),
  );
  const rows = emptyRows();
  for (const i of indices) {
    const one = family(i, childOf[i] as StaffMember, adultOf[i] as StaffMember);
    for (const name of tableOrder) (rows[name] as unknown[]).push(...one[name]);
  }
  await insertFamilyRows(db, rows);

  // Survey answers after the held meetings of all the demo's families.
  const all = emptyRows();
  for (const name of tableOrder) (all[name] as unknown[]).push(...earlier[name], ...rows[name]);
  const instruments = new Map<string, { versionId: string; content: InstrumentContent }>();
  for (const key of new Set(models.sofia.content.meetingTypes.flatMap((t) => t.surveys))) {
    const version = await instrumentDocuments.published(db, municipalityId, key);
    if (version) instruments.set(key, { versionId: version.id, content: version.content });
  }
  const { responses, answers } = generateSurveyResponses(all, {
    seed: DEMO_SURVEY_SEED,
    municipalityId,
    models: new Map([
      [models.sofia.versionId, models.sofia.content],
      [models.processSupport.versionId, models.processSupport.content],
    ]),
    instruments,
  });
  for (let i = 0; i < responses.length; i += 1000) await db.insert(schema.surveyResponses).values(responses.slice(i, i + 1000));
  for (let i = 0; i < answers.length; i += 2000) await db.insert(schema.surveyAnswers).values(answers.slice(i, i + 2000));
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
