/**
 * Test setup shared by the stops and support tests (not a test file itself): a family with two
 * children on a process of a chosen work model, the child and adult caseworkers assigned.
 */
import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { decidedFamily, userId as fixtureUserId } from "../../../test/fixtures.ts";
import { get, type login, type TestApp, testClock } from "../../../test/helpers.ts";
import { users } from "../../db/schema/index.ts";
import type { Actor } from "../../platform/auth-types.ts";
import { addDays } from "../../platform/dates.ts";
import type { View } from "../../platform/http.ts";
import { translator } from "../../platform/i18n.ts";

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

export const userId = (t: TestApp, username: string) => fixtureUserId(t, username);

/**
 * Registers a family (two children at Barn och unga Norr, a parent at Beroendeenheten Vuxen 1), decides
 * at the Sofiamöte to go on with the chosen model and assigns Bo (child caseworker) and, unless told
 * not to, Vera (adult caseworker). The request is 30 days and the Sofiamöte 25 days before the app's today.
 */
export async function familyProcess(t: TestApp, opts: { model?: string; adultCaseworker?: boolean } = {}): Promise<Family> {
  const f = await decidedFamily(t, {
    registeredBy: "handlaggare.mottagning",
    reason: "Oro för förälderns alkoholbruk.",
    guardians: [{ name: "Tolvan Tolvansson", identityNumber: "19121212-1212", attitude: "positive", unit: "Beroendeenheten Vuxen 1" }],
    children: [
      { name: "Stina Tolvansson", age: 9, gender: "girl", unit: "Barn och unga Norr" },
      { name: "Olle Tolvansson", age: 6, gender: "boy", unit: "Barn och unga Norr" },
    ],
    workModelKey: opts.model ?? FAMILY_MODEL,
    staff: { child: "barnhandlaggare", adult: opts.adultCaseworker === false ? null : "vuxenhandlaggare", leader: null },
  });
  const [guardian] = f.guardianIds;
  const [older, younger] = f.childIds;
  if (!guardian || !older || !younger) throw new Error("the family was not stored as expected");
  return { processId: f.processId, guardianId: guardian, childIds: [older, younger] };
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
