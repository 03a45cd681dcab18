/**
 * Families for the tests that need one, made through the services as staff would make them: a
 * request registered (families/service.ts createRequest), decided at the Sofiamöte to go on
 * (families/decision.ts decideRequest), which starts the process, and the staff assigned. Every
 * date counts back from the test app's clock (decision 0033), so that a test passes on any day.
 */
import { eq } from "drizzle-orm";
import { processAssignments, processes, requestPersons, units, users } from "../src/db/schema/index.ts";
import { decideRequest } from "../src/families/decision.ts";
import type { ChildInput, GuardianInput } from "../src/families/schemas.ts";
import { createRequest } from "../src/families/service.ts";
import type { ServiceContext } from "../src/platform/context.ts";
import { addDays, type IsoDate } from "../src/platform/dates.ts";
import { loadActor } from "../src/platform/sessions.ts";
import type { TestApp } from "./helpers.ts";

export async function userId(t: TestApp, username: string): Promise<string> {
  const [u] = await t.database.db.select({ id: users.id }).from(users).where(eq(users.username, username));
  if (!u) throw new Error(`no user ${username}`);
  return u.id;
}

export async function unitId(t: TestApp, name: string): Promise<string> {
  const [row] = await t.database.db.select({ id: units.id }).from(units).where(eq(units.name, name));
  if (!row) throw new Error(`no unit ${name}`);
  return row.id;
}

/** What a service receives when the user calls it, with the app's clock. */
export async function contextOf(t: TestApp, username: string): Promise<ServiceContext> {
  const actor = await loadActor(t.database.db, await userId(t, username));
  if (!actor) throw new Error(`no active user ${username}`);
  return { db: t.database.db, actor, ip: "127.0.0.1", clock: t.clock };
}

/** A birth date that makes the child `years` old (and about a third of a year) on `on`. */
export const bornYearsBefore = (on: IsoDate, years: number): IsoDate => addDays(on, -(years * 365 + Math.floor(years / 4) + 120));

/** A guardian by default: a parent with the substance problem, ambivalent, open nowhere. */
export interface GuardianSpec extends Partial<GuardianInput> {
  name: string;
  /** A unit by name (an addiction unit), instead of its id. */
  unit?: string;
}

/** A child by age on the request date (or a birth date), open at a child unit given by name or nowhere. */
export interface ChildSpec extends Partial<ChildInput> {
  name: string;
  age?: number;
  unit?: string;
}

export interface FamilySpec {
  guardians?: GuardianSpec[];
  children?: ChildSpec[];
  /** Who registers the request (default barnhandlaggare) and who decides (default processledare). */
  registeredBy?: string;
  decidedBy?: string;
  /** Days before the clock's today: the request (default 30) and the Sofiamöte (default 25). */
  requestDaysAgo?: number;
  decidedDaysAgo?: number;
  workModelKey?: string;
  /** Usernames assigned on the Sofiamöte's date; null leaves the role unassigned. */
  staff?: { child?: string | null; adult?: string | null; leader?: string | null };
  reason?: string;
  /** The case-file number of the journal system, as typed on the request. */
  caseFileNumber?: string;
}

export interface DecidedFamily {
  requestId: string;
  processId: string;
  requestDate: IsoDate;
  /** The Sofiamöte's date, the process's start. */
  decidedOn: IsoDate;
  /** The request's persons by name. */
  person(name: string): string;
  guardianIds: string[];
  /** In the order given. */
  childIds: string[];
  /** The assigned staff's user ids ("" for a role left unassigned). */
  staff: { child: string; adult: string; leader: string };
}

const defaultGuardians: GuardianSpec[] = [{ name: "Tolvan Tolvansson", identityNumber: "19121212-1212" }];
const defaultChildren: ChildSpec[] = [{ name: "Lilla Tolvansson", age: 8, gender: "girl", unit: "Barn och unga Norr" }];
const defaultStaff = { child: "barnhandlaggare", adult: "vuxenhandlaggare", leader: "processledare" };

/**
 * A family decided at the Sofiamöte to go on, its process started and its staff assigned. By
 * default: one guardian with the problem, one girl of 8 at Barn och unga Norr, the request 30 days
 * and the Sofiamöte 25 days before today, the Sofia model, the child and adult caseworkers and the
 * process leader assigned.
 */
export async function decidedFamily(t: TestApp, spec: FamilySpec = {}): Promise<DecidedFamily> {
  const today = t.clock.today();
  const requestDate = addDays(today, -(spec.requestDaysAgo ?? 30));
  const decidedOn = addDays(today, -(spec.decidedDaysAgo ?? 25));
  const unit = async (name: string | undefined) => (name ? await unitId(t, name) : null);
  const guardianSpecs = spec.guardians ?? defaultGuardians;
  const childSpecs = spec.children ?? defaultChildren;
  const guardians: GuardianInput[] = [];
  for (const { unit: unitName, ...g } of guardianSpecs) {
    guardians.push({
      identityNumber: "",
      birthDate: "",
      relation: "parent",
      substanceProblem: "yes",
      attitude: "ambivalent",
      applied: false,
      ...g,
      unitId: g.unitId ?? (await unit(unitName)),
    });
  }
  const children: ChildInput[] = [];
  for (const { unit: unitName, age, ...c } of childSpecs) {
    children.push({
      identityNumber: "",
      birthDate: age === undefined ? "" : bornYearsBefore(requestDate, age),
      gender: "girl",
      investigationOpened: false,
      confirmAge: false,
      ...c,
      unitId: c.unitId ?? (await unit(unitName)),
    });
  }
  const worker = await contextOf(t, spec.registeredBy ?? "barnhandlaggare");
  const { id: requestId } = await createRequest(worker, {
    requestDate,
    household: "together",
    custody: "joint",
    custodyHolder: "",
    reason: spec.reason ?? "Anmälan om oro för missbruk i hemmet.",
    guardians,
    children,
    ...(spec.caseFileNumber !== undefined && { caseFileNumber: spec.caseFileNumber }),
  });
  const leader = await contextOf(t, spec.decidedBy ?? "processledare");
  const { processId } = await decideRequest(leader, requestId, {
    version: 1,
    meetingDate: decidedOn,
    decision: "continue",
    workModelKey: spec.workModelKey ?? "sofiamodellen",
  });
  if (!processId) throw new Error("the decision started no process");

  const wanted = { ...defaultStaff, ...spec.staff };
  const leaderId = await userId(t, "processledare");
  const staff = { child: "", adult: "", leader: "" };
  const roles = { child: "child_caseworker", adult: "adult_caseworker", leader: "process_leader" } as const;
  for (const key of ["child", "adult", "leader"] as const) {
    const username = wanted[key];
    if (!username) continue;
    staff[key] = await userId(t, username);
    // As the copies this replaces did: the assignment row itself (the assign service is tested on its own).
    await t.database.db
      .insert(processAssignments)
      .values({ processId, role: roles[key], userId: staff[key], assignedOn: decidedOn, assignedBy: leaderId });
  }

  const persons = await t.database.db
    .select({ id: requestPersons.id, name: requestPersons.name, kind: requestPersons.kind, position: requestPersons.position })
    .from(requestPersons)
    .where(eq(requestPersons.requestId, requestId))
    .orderBy(requestPersons.position);
  const [process] = await t.database.db.select({ id: processes.id }).from(processes).where(eq(processes.id, processId));
  if (!process) throw new Error("no process");
  return {
    requestId,
    processId,
    requestDate,
    decidedOn,
    person: (name) => {
      const found = persons.find((p) => p.name === name);
      if (!found) throw new Error(`no person ${name} in the family`);
      return found.id;
    },
    guardianIds: persons.filter((p) => p.kind === "guardian").map((p) => p.id),
    childIds: persons.filter((p) => p.kind === "child").map((p) => p.id),
    staff,
  };
}
