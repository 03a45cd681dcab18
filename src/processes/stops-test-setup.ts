/**
 * Test setup shared by the stops and support tests (not a test file itself): a family with two
 * children on a process of a chosen work model, the child and adult caseworkers assigned.
 */
import { and, eq } from "drizzle-orm";
import { expect } from "vitest";
import { get, login, postForm, type TestApp, testClock } from "../../test/helpers.ts";
import { processAssignments, processes, requestPersons, units, users, workModels, workModelVersions } from "../db/schema/index.ts";
import type { Actor } from "../platform/auth-types.ts";
import { addDays } from "../platform/dates.ts";
import type { View } from "../platform/http.ts";
import { translator } from "../platform/i18n.ts";

export const TODAY = testClock().today();
export const REQUEST_DATE = addDays(TODAY, -30);
export const MEETING_DATE = addDays(TODAY, -25);
export const FAMILY_MODEL = "familjeorienterat-processtod";

export interface Family {
  processId: string;
  guardianId: string;
  /** Older child first. */
  childIds: [string, string];
}

async function idOf(t: TestApp, table: typeof units | typeof users, column: "name" | "username", value: string): Promise<string> {
  const col = column === "name" ? (table as typeof units).name : (table as typeof users).username;
  const [row] = await t.database.db.select({ id: table.id }).from(table).where(eq(col, value));
  if (!row) throw new Error(`no ${column} ${value}`);
  return row.id;
}

export const userId = (t: TestApp, username: string) => idOf(t, users, "username", username);

/**
 * Registers a family (two children at Barn och unga Norr, a parent at Beroendeenheten Vuxen 1), decides
 * at the Sofiamöte to go on, pins the process to the published version of the model and assigns Bo
 * (child caseworker) and, unless told not to, Vera (adult caseworker).
 */
export async function familyProcess(t: TestApp, opts: { model?: string; adultCaseworker?: boolean } = {}): Promise<Family> {
  const model = opts.model ?? FAMILY_MODEL;
  const db = t.database.db;
  const worker = await login(t.app, "handlaggare.mottagning");
  const res = await postForm(t.app, worker, "/forfragningar/ny", {
    requestDate: REQUEST_DATE,
    household: "together",
    custody: "joint",
    custodyHolder: "",
    reason: "Oro för förälderns alkoholbruk.",
    "guardians.0.name": "Tolvan Tolvansson",
    "guardians.0.identityNumber": "19121212-1212",
    "guardians.0.relation": "parent",
    "guardians.0.substanceProblem": "yes",
    "guardians.0.attitude": "positive",
    "guardians.0.unitId": await idOf(t, units, "name", "Beroendeenheten Vuxen 1"),
    "children.0.name": "Stina Tolvansson",
    "children.0.birthDate": addDays(TODAY, -9 * 366),
    "children.0.gender": "girl",
    "children.0.unitId": await idOf(t, units, "name", "Barn och unga Norr"),
    "children.1.name": "Olle Tolvansson",
    "children.1.birthDate": addDays(TODAY, -6 * 366),
    "children.1.gender": "boy",
    "children.1.unitId": await idOf(t, units, "name", "Barn och unga Norr"),
  });
  expect(res.statusCode, res.body.slice(0, 1500)).toBe(303);
  const requestId = /\/forfragningar\/([0-9a-f-]{36})/.exec(String(res.headers.location))?.[1] ?? "";
  const leader = await login(t.app, "processledare");
  const decided = await postForm(t.app, leader, `/forfragningar/${requestId}/sofiamote`, {
    version: "1",
    meetingDate: MEETING_DATE,
    decision: "continue",
    workModelKey: model,
  });
  expect(decided.statusCode, decided.body.slice(0, 1500)).toBe(303);
  const [p] = await db
    .select({ id: processes.id, municipalityId: processes.municipalityId })
    .from(processes)
    .where(eq(processes.requestId, requestId));
  if (!p) throw new Error("no process");
  const [version] = await db
    .select({ id: workModelVersions.id })
    .from(workModelVersions)
    .innerJoin(workModels, eq(workModels.id, workModelVersions.workModelId))
    .where(and(eq(workModels.municipalityId, p.municipalityId), eq(workModels.key, model), eq(workModelVersions.status, "published")));
  if (!version) throw new Error(`no published ${model}`);
  await db.update(processes).set({ workModelVersionId: version.id }).where(eq(processes.id, p.id));

  const leaderId = await userId(t, "processledare");
  const assign = async (role: string, username: string) =>
    db
      .insert(processAssignments)
      .values({ processId: p.id, role, userId: await userId(t, username), assignedOn: MEETING_DATE, assignedBy: leaderId });
  await assign("child_caseworker", "barnhandlaggare");
  if (opts.adultCaseworker !== false) await assign("adult_caseworker", "vuxenhandlaggare");

  const persons = await db
    .select({ id: requestPersons.id, kind: requestPersons.kind, position: requestPersons.position })
    .from(requestPersons)
    .where(eq(requestPersons.requestId, requestId))
    .orderBy(requestPersons.position);
  const children = persons.filter((x) => x.kind === "child").map((x) => x.id);
  const guardian = persons.find((x) => x.kind === "guardian");
  if (!guardian || children.length !== 2) throw new Error("the family was not stored as expected");
  return { processId: p.id, guardianId: guardian.id, childIds: [children[0] ?? "", children[1] ?? ""] };
}

/** The process leader as an actor, for calling the section loaders directly. */
export async function leaderActor(t: TestApp): Promise<Actor> {
  const [u] = await t.database.db.select().from(users).where(eq(users.username, "processledare"));
  if (!u) throw new Error("no process leader");
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    municipalityId: u.municipalityId,
    roles: ["process_leader"],
    unitIds: [],
  };
}

export function swedishView(actor: Actor): View {
  return { t: translator("sv"), locale: "sv", actor, csrfToken: "x", nonce: "n", path: "/processer", idleSeconds: 1800, warnSeconds: 120 };
}

/** GETs a page that must answer 200 and returns its HTML. */
export const pageOk = async (t: TestApp, browser: Awaited<ReturnType<typeof login>>, url: string) => {
  const res = await get(t.app, browser, url);
  expect(res.statusCode, res.body.slice(0, 1500)).toBe(200);
  return res.body;
};
