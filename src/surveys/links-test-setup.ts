/**
 * Test setup shared by the survey link tests and their browser journey (not a test file itself):
 * a family decided at the Sofiamöte (a guardian with the problem and a child of 8), its staff
 * assigned, and a Familjemöte 1 planned and, unless told otherwise, held with both present.
 */
import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { login, postForm, type TestApp, testClock } from "../../test/helpers.ts";
import { meetings, processAssignments, processes, requestPersons, requests, units, users } from "../db/schema/index.ts";
import { addDays } from "../platform/dates.ts";

export const TODAY = testClock().today();
const REQUEST_DATE = addDays(TODAY, -30);
const SOFIAMOTE = addDays(TODAY, -25);
export const HELD = addDays(TODAY, -3);

export interface LinkFamily {
  processId: string;
  guardian: string;
  child: string;
  staff: { child: string; adult: string; leader: string };
}

async function userId(t: TestApp, username: string): Promise<string> {
  const [u] = await t.database.db.select({ id: users.id }).from(users).where(eq(users.username, username));
  if (!u) throw new Error(`no user ${username}`);
  return u.id;
}

/** A family decided at the Sofiamöte: one guardian with the problem and one child, both caseworkers and the process leader assigned. */
export async function linkFamily(t: TestApp): Promise<LinkFamily> {
  const db = t.database.db;
  const [unit] = await db.select({ id: units.id }).from(units).where(eq(units.name, "Barn och unga Norr"));
  const worker = await login(t.app, "barnhandlaggare");
  const res = await postForm(t.app, worker, "/forfragningar/ny", {
    requestDate: REQUEST_DATE,
    household: "together",
    custody: "joint",
    custodyHolder: "",
    reason: "Anmälan om oro för missbruk i hemmet.",
    "guardians.0.name": "Tolvan Tolvansson",
    "guardians.0.identityNumber": "19121212-1212",
    "guardians.0.relation": "parent",
    "guardians.0.substanceProblem": "yes",
    "guardians.0.attitude": "ambivalent",
    "children.0.name": "Lilla Tolvansson",
    "children.0.birthDate": addDays(TODAY, -(8 * 365 + 100)),
    "children.0.gender": "girl",
    "children.0.unitId": unit?.id ?? "",
  });
  expect(res.statusCode, res.body.slice(0, 2000)).toBe(303);
  const requestId = /\/forfragningar\/([0-9a-f-]{36})/.exec(String(res.headers.location))?.[1] ?? "";
  const [request] = await db.select().from(requests).where(eq(requests.id, requestId));
  const leader = await login(t.app, "processledare");
  const decided = await postForm(t.app, leader, `/forfragningar/${requestId}/sofiamote`, {
    version: String(request?.version),
    meetingDate: SOFIAMOTE,
    decision: "continue",
    reason: "",
    reasonText: "",
  });
  expect(decided.statusCode, decided.body.slice(0, 2000)).toBe(303);
  const [process] = await db.select().from(processes).where(eq(processes.requestId, requestId));
  if (!process) throw new Error("no process");
  const staff = {
    child: await userId(t, "barnhandlaggare"),
    adult: await userId(t, "vuxenhandlaggare"),
    leader: await userId(t, "processledare"),
  };
  await db.insert(processAssignments).values([
    { processId: process.id, role: "child_caseworker", userId: staff.child, assignedOn: SOFIAMOTE, assignedBy: staff.leader },
    { processId: process.id, role: "adult_caseworker", userId: staff.adult, assignedOn: SOFIAMOTE, assignedBy: staff.leader },
    { processId: process.id, role: "process_leader", userId: staff.leader, assignedOn: SOFIAMOTE, assignedBy: staff.leader },
  ]);
  const persons = await db.select().from(requestPersons).where(eq(requestPersons.requestId, requestId));
  const byName = (name: string) => persons.find((p) => p.name === name)?.id ?? "";
  return { processId: process.id, guardian: byName("Tolvan Tolvansson"), child: byName("Lilla Tolvansson"), staff };
}

export const meetingUrl = (f: LinkFamily, id: string) => `/processer/${f.processId}/moten/${id}`;
export const linksUrl = (f: LinkFamily, id: string) => `${meetingUrl(f, id)}/enkatlankar`;

/** Familjemöte 1 for the whole family on the day given; held that day with both present unless `hold` is false. */
export async function familyMeeting(t: TestApp, f: LinkFamily, opts: { hold?: boolean; date?: string } = {}): Promise<string> {
  const { hold = true, date = HELD } = opts;
  const worker = await login(t.app, "barnhandlaggare");
  const planned = await postForm(t.app, worker, `/processer/${f.processId}/moten/ny?typ=familjemote-1`, {
    plannedDate: date,
    plannedTime: "09:30",
    durationMinutes: "90",
    place: "Sofiarummet",
    invitedPersonIds: [f.guardian, f.child],
    invitedUserIds: [f.staff.child, f.staff.adult],
  });
  expect(planned.statusCode, planned.body.slice(0, 2000)).toBe(303);
  const id = /\/moten\/([0-9a-f-]{36})/.exec(String(planned.headers.location))?.[1] ?? "";
  if (!hold) return id;
  const [row] = await t.database.db.select().from(meetings).where(eq(meetings.id, id));
  const held = await postForm(t.app, worker, `${meetingUrl(f, id)}/halla`, {
    version: String(row?.version),
    heldOn: date,
    attendedPersonIds: [f.guardian, f.child],
    attendedUserIds: [f.staff.child, f.staff.adult],
    "summary.discussed": "Metoden presenterades.",
    "summary.agreed": "",
    "summary.nextSteps": "",
  });
  expect(held.statusCode, held.body.slice(0, 2000)).toBe(303);
  return id;
}

/** The tokens of a handout page, in card order. */
export const tokensFrom = (html: string) =>
  [...html.matchAll(/<code>[^<]*\/svar\/([A-Za-z0-9_-]{20,100})<\/code>/g)].map((m) => m[1] ?? "");
