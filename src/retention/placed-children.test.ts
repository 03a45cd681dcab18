/**
 * Retention keeps a family with a child placed outside the home (issue 18; socialtjänstlagen
 * (2001:453) 12 kap. 2 §): the families rule leaves it, the preview says how many are kept for that
 * reason, and a run deletes the other expired families without failing on the placed child's
 * reference to the family's persons.
 */
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { contextOf, decidedFamily, unitId, userId } from "../../test/fixtures.ts";
import { apiCall, apiToken, createTestApp, get, login, type TestApp } from "../../test/helpers.ts";
import { placedChildren, placements, processes, requestPersons, requests } from "../db/schema/index.ts";
import { addDays } from "../platform/dates.ts";
import { paths } from "./paths.ts";
import { confirmRun } from "./service.ts";

let t: TestApp;
const db = () => t.database.db;
const yearsAgo = (years: number) => addDays(t.clock.today(), -(years * 366));

/** A family whose process completed `years` ago, nobody born on the 5th, 15th or 25th. */
async function ended(years: number) {
  const f = await decidedFamily(t);
  await db().update(requestPersons).set({ birthDate: "2015-03-10" }).where(eq(requestPersons.requestId, f.requestId));
  await db()
    .update(processes)
    .set({ status: "completed", phase: "completed", completedOn: yearsAgo(years) })
    .where(eq(processes.id, f.processId));
  return f;
}

let placedFamily: Awaited<ReturnType<typeof ended>>;
let plainFamily: Awaited<ReturnType<typeof ended>>;

beforeAll(async () => {
  t = await createTestApp();
  placedFamily = await ended(7);
  plainFamily = await ended(7);
  const worker = await userId(t, "barnhandlaggare");
  const [child] = await db()
    .insert(placedChildren)
    .values({
      municipalityId:
        (await db().select({ m: requests.municipalityId }).from(requests).where(eq(requests.id, placedFamily.requestId)))[0]?.m ?? "",
      unitId: await unitId(t, "Barn och unga Norr"),
      requestPersonId: placedFamily.childIds[0],
      createdBy: worker,
    })
    .returning({ id: placedChildren.id });
  await db()
    .insert(placements)
    .values({
      placedChildId: child?.id ?? "",
      kind: "foster_home",
      legalBasis: "sol",
      startDate: yearsAgo(8),
      endDate: yearsAgo(7),
      endDestination: "home",
      createdBy: worker,
    });
});
afterAll(() => t.close());

it("keeps the family with a placed child, says so in the preview, and deletes the other", async () => {
  const token = await apiToken(t, "admin", ["retention.manage"]);
  const saved = await apiCall(t.app, "PUT", paths.apiRules.href(), token, {
    rules: { families: 5 },
    jobEnabled: false,
    breakGlassMinutes: 60,
  });
  expect(saved.statusCode, saved.body).toBe(204);
  const preview = (await apiCall(t.app, "GET", paths.apiRetention.href(), token)).json();
  expect(preview.keptForPlacement).toBe(1);
  const families = preview.preview.families as number;
  expect(families).toBeGreaterThanOrEqual(1);
  const admin = await login(t.app, "admin");
  const page = await get(t.app, admin, paths.page.href());
  expect(page.body.replace(/[\u00a0\u202f]/g, " ")).toContain(
    "Familjer som behålls för att ett barn är eller har varit placerat utanför hemmet (socialtjänstlagen 12 kap. 2 §): 1.",
  );

  const run = await confirmRun(await contextOf(t, "admin"));
  expect(run.counts.families).toBe(families);
  const left = await db()
    .select({ id: requests.id })
    .from(requests)
    .where(inArray(requests.id, [placedFamily.requestId, plainFamily.requestId]));
  expect(left.map((r) => r.id)).toEqual([placedFamily.requestId]);
  expect(
    await db()
      .select()
      .from(placedChildren)
      .where(eq(placedChildren.requestPersonId, placedFamily.childIds[0] ?? "")),
  ).toHaveLength(1);
});
