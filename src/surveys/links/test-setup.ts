/**
 * Test setup shared by the survey link tests and their browser journey (not a test file itself):
 * a family decided at the Sofiamöte (a guardian with the problem and a child of 8), its staff
 * assigned, and a Familjemöte 1 planned and, unless told otherwise, held with both present.
 */
import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { decidedFamily } from "../../../test/fixtures.ts";
import { login, postForm, type TestApp, testClock } from "../../../test/helpers.ts";
import { meetings } from "../../db/schema/index.ts";
import { addDays } from "../../platform/dates.ts";

/** Today by the tests' clock (for the Vitest files; a browser test's app runs on the machine's clock). */
export const TODAY = testClock().today();
/** The day the family meeting is held: three days before the app's today. */
export const heldOn = (t: TestApp) => addDays(t.clock.today(), -3);

export interface LinkFamily {
  processId: string;
  guardian: string;
  child: string;
  staff: { child: string; adult: string; leader: string };
}

/** A family decided at the Sofiamöte: one guardian with the problem and one child, both caseworkers and the process leader assigned. */
export async function linkFamily(t: TestApp): Promise<LinkFamily> {
  // The request 30 days and the Sofiamöte 25 days before the app's today (the fixture's defaults).
  const f = await decidedFamily(t);
  return { processId: f.processId, guardian: f.person("Tolvan Tolvansson"), child: f.person("Lilla Tolvansson"), staff: f.staff };
}

export const meetingUrl = (f: LinkFamily, id: string) => `/processer/${f.processId}/moten/${id}`;
export const linksUrl = (f: LinkFamily, id: string) => `${meetingUrl(f, id)}/enkatlankar`;

/** Familjemöte 1 for the whole family on the day given; held that day with both present unless `hold` is false. */
export async function familyMeeting(t: TestApp, f: LinkFamily, opts: { hold?: boolean; date?: string } = {}): Promise<string> {
  const { hold = true, date = heldOn(t) } = opts;
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
  [...html.matchAll(/<code>[^<]*\/svar\/([A-Za-z0-9_-]{12,100})<\/code>/g)].map((m) => m[1] ?? "");
