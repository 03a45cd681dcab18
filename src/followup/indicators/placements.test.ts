/**
 * The placement indicators (issue 18, decision 0065) on a fixture counted by hand: placements,
 * forums and reviews inserted directly into the schema's tables, dated from the test clock's today
 * (T). The municipality's limits are 30 days for the forum and 60 for an emergency placement
 * (jourhem). The current period is T-180 … T, the previous T-360 … T-181.
 *
 * Sofia children (S) and other placed children (O), days from T:
 *   S1 jourhem     start -100, end -30 (70 days, home);  forums held -80 and -40       → reviewed in time; ended late
 *   S2 familjehem  start -100, end -20 (80 days, home);  forum held -70 (day 30)       → reviewed in time (the last day)
 *   S3 jourhem     start -100, goes on;                   forums held -69 and -40       → reviewed late; over the limit
 *   S4 jourhem     start -100, end -40 (60 days, other);  only a planned forum -85      → not reviewed; ended in time (the last day)
 *   S5 jourhem     start -10, goes on;                    no forum                      → review pending; within the limit
 *   S6 jourhem     start -200, end -150 (50 days, home);  forum held -190               → previous period (start), current (end)
 *   O1 jourhem     start -50, end -5 (45 days, home);     forum held -40                → reviewed in time; ended in time
 *   O2 jourhem     start -60, goes on;                    no forum (due -30)            → not reviewed; within the limit (last day T)
 *   O3 nätverkshem start -20, goes on;                    forum held -10                → reviewed in time (before its last day)
 *   O4 HVB         start -300, end -200 (100 days, other); no forum                     → previous period (both)
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testClock } from "../../../test/helpers.ts";
import * as s from "../../db/schema/index.ts";
import type { Database } from "../../platform/database.ts";
import { addDays } from "../../platform/dates.ts";
import { indicatorResults } from "../results.ts";
import { seeded } from "../testing.ts";
import { type Count, evaluate, type Period } from "./sql.ts";

let database: Database & { drop(): Promise<void> };
let m: string;
const T = testClock().today();
const d = (days: number) => addDays(T, days);
const current: Period = { key: "current", from: d(-180), to: T };
const previous: Period = { key: "previous", from: d(-360), to: d(-181) };

async function one<T>(rows: Promise<T[]>): Promise<T> {
  const [row] = await rows;
  if (!row) throw new Error("nothing inserted");
  return row;
}

type Kind = "emergency_foster_home" | "foster_home" | "residential_care" | "kinship" | "other";

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  m = (await one(db.insert(s.municipalities).values({ name: "Placeringskommun", code: "" }).returning({ id: s.municipalities.id }))).id;
  const admin = (
    await one(db.insert(s.users).values({ municipalityId: m, username: "admin-p", displayName: "Admin" }).returning({ id: s.users.id }))
  ).id;
  const unit = (
    await one(db.insert(s.units).values({ municipalityId: m, name: "Familjeenheten", kind: "child_youth" }).returning({ id: s.units.id }))
  ).id;
  const request = (
    await one(
      db
        .insert(s.requests)
        .values({
          municipalityId: m,
          requestDate: d(-400),
          household: "together",
          custody: "joint",
          reason: "Test",
          status: "continued",
          meetingDate: d(-400),
          registeredBy: admin,
        })
        .returning({ id: s.requests.id }),
    )
  ).id;
  const sofiaChild = async (i: number) => {
    const person = await one(
      db
        .insert(s.requestPersons)
        .values({ requestId: request, kind: "child", position: i, name: `Barn ${i}`, birthDate: "2015-01-01", gender: "girl" })
        .returning({ id: s.requestPersons.id }),
    );
    return (
      await one(
        db
          .insert(s.placedChildren)
          .values({ municipalityId: m, unitId: unit, requestPersonId: person.id, createdBy: admin })
          .returning({ id: s.placedChildren.id }),
      )
    ).id;
  };
  const otherChild = async (name: string) =>
    (
      await one(
        db
          .insert(s.placedChildren)
          .values({ municipalityId: m, unitId: unit, name, birthDate: "2014-05-05", createdBy: admin })
          .returning({ id: s.placedChildren.id }),
      )
    ).id;
  const place = async (child: string, kind: Kind, start: number, end: number | null, destination: "home" | "other_placement" | null) =>
    (
      await one(
        db
          .insert(s.placements)
          .values({
            placedChildId: child,
            kind,
            legalBasis: kind === "residential_care" ? "lvu" : "sol",
            startDate: d(start),
            endDate: end === null ? null : d(end),
            endDestination: destination,
            createdBy: admin,
          })
          .returning({ id: s.placements.id }),
      )
    ).id;
  const forums = new Map<string, string>();
  const forum = async (day: number, held: boolean) => {
    const key = `${day}/${held}`;
    const found = forums.get(key);
    if (found) return found;
    const id = (
      await one(
        db
          .insert(s.placementForums)
          .values({
            municipalityId: m,
            unitId: unit,
            forumDate: d(day),
            convenedBy: admin,
            heldAt: held ? new Date(`${d(day)}T12:00:00Z`) : null,
          })
          .returning({ id: s.placementForums.id }),
      )
    ).id;
    forums.set(key, id);
    return id;
  };
  const review = async (child: string, placement: string, day: number, held = true) =>
    db.insert(s.placementForumReviews).values({
      forumId: await forum(day, held),
      placedChildId: child,
      placementId: placement,
      decision: "Fortsatt plan",
      createdBy: admin,
    });

  const s1 = await sofiaChild(1);
  const p1 = await place(s1, "emergency_foster_home", -100, -30, "home");
  await review(s1, p1, -80);
  await review(s1, p1, -40);
  const s2 = await sofiaChild(2);
  await review(s2, await place(s2, "foster_home", -100, -20, "home"), -70);
  const s3 = await sofiaChild(3);
  const p3 = await place(s3, "emergency_foster_home", -100, null, null);
  await review(s3, p3, -69);
  await review(s3, p3, -40);
  const s4 = await sofiaChild(4);
  await review(s4, await place(s4, "emergency_foster_home", -100, -40, "other_placement"), -85, false);
  await place(await sofiaChild(5), "emergency_foster_home", -10, null, null);
  const s6 = await sofiaChild(6);
  await review(s6, await place(s6, "emergency_foster_home", -200, -150, "home"), -190);
  const o1 = await otherChild("Övrigt barn 1");
  await review(o1, await place(o1, "emergency_foster_home", -50, -5, "home"), -40);
  await place(await otherChild("Övrigt barn 2"), "emergency_foster_home", -60, null, null);
  const o3 = await otherChild("Övrigt barn 3");
  await review(o3, await place(o3, "kinship", -20, null, null), -10);
  await place(await otherChild("Övrigt barn 4"), "residential_care", -300, -200, "other_placement");
  // Another municipality's placement is never counted.
  const elsewhere = (
    await one(db.insert(s.municipalities).values({ name: "Grannkommun", code: "" }).returning({ id: s.municipalities.id }))
  ).id;
  const otherUnit = (
    await one(
      db.insert(s.units).values({ municipalityId: elsewhere, name: "Grannenheten", kind: "child_youth" }).returning({ id: s.units.id }),
    )
  ).id;
  const stranger = (
    await one(
      db
        .insert(s.placedChildren)
        .values({ municipalityId: elsewhere, unitId: otherUnit, name: "Annat barn", birthDate: "2016-01-01", createdBy: admin })
        .returning({ id: s.placedChildren.id }),
    )
  ).id;
  await place(stranger, "emergency_foster_home", -30, -25, "home");
});

afterAll(async () => {
  await database.drop();
});

const run = (key: string) => evaluate(database.db, seeded(key), m, [current, previous], T);
/** [period, group, numerator, denominator] per row. */
const shares = (rows: Count[]) => rows.map((r) => [r.period, r.group, r.numerator, r.denominator]);
/** [period, group, n, value] per row. */
const statistics = (rows: Count[]) => rows.map((r) => [r.period, r.group, r.denominator, r.value]);

describe("the placement indicators, counted by hand", () => {
  it("reviewed at a held forum within the limit, by the start: the last day counts, a planned forum does not, pending left out", async () => {
    expect(shares(await run("placering-forum-inom-gransen"))).toEqual([
      // S1, S2 in time; S3 late; S4 not reviewed (only a planned forum); S5 pending.
      ["current", "sofia_family", 2, 4],
      // O1, O3 in time (O3 before its last day); O2 not reviewed.
      ["current", "other_family", 2, 3],
      // S6 started in the previous period and was reviewed in time; O4 too, never reviewed.
      ["previous", "sofia_family", 1, 1],
      ["previous", "other_family", 0, 1],
    ]);
  });

  it("days placed, median and 90th percentile, of placements ended in the period; ongoing ones are not counted", async () => {
    // Sofia, ended in the current period: S6 50, S4 60, S1 70, S2 80; the others: O1 45. O4 ended in the previous.
    expect(statistics(await run("placering-dagar-median"))).toEqual([
      ["current", "sofia_family", 4, 65],
      ["current", "other_family", 1, 45],
      ["previous", "other_family", 1, 100],
    ]);
    // 90th percentile of 50, 60, 70, 80: 70 + 0.7 × 10.
    const p90 = statistics(await run("placering-dagar-p90"));
    expect(p90[0]?.slice(0, 3)).toEqual(["current", "sofia_family", 4]);
    expect(p90[0]?.[3]).toBeCloseTo(77, 10);
    expect(p90.slice(1)).toEqual([
      ["current", "other_family", 1, 45],
      ["previous", "other_family", 1, 100],
    ]);
  });

  it("emergency placements ended within the limit, by the start: ongoing ones counted once the limit has passed", async () => {
    expect(shares(await run("placering-jourhem-inom-gransen"))).toEqual([
      // S4 ended on the last day (in time); S1 ended late; S3 goes on past the limit; S5 within it (left out). S2 is not jourhem.
      ["current", "sofia_family", 1, 3],
      // O1 ended in time; O2's last day is today: still within the limit (left out).
      ["current", "other_family", 1, 1],
      ["previous", "sofia_family", 1, 1],
    ]);
  });

  it("ended placements where the child returned home, by the end", async () => {
    expect(shares(await run("placering-hemflytt"))).toEqual([
      // S1, S2, S6 home; S4 another placement.
      ["current", "sofia_family", 3, 4],
      ["current", "other_family", 1, 1],
      ["previous", "other_family", 0, 1],
    ]);
  });

  it("a changed limit moves the figures: with a forum limit of 31 days S3's review is in time", async () => {
    await database.db.update(s.municipalities).set({ placementReviewLimitDays: 31 }).where(eq(s.municipalities.id, m));
    try {
      expect(shares(await run("placering-forum-inom-gransen"))[0]).toEqual(["current", "sofia_family", 3, 4]);
    } finally {
      await database.db
        .update(s.municipalities)
        .set({ placementReviewLimitDays: 30 })
        .where(and(eq(s.municipalities.id, m)));
    }
  });
});

describe("small counts", () => {
  const keys = ["placering-forum-inom-gransen", "placering-dagar-median", "placering-hemflytt"];
  const shown = async (min: number) => {
    const indicators = keys.map((key) => ({ key, name: key, content: seeded(key) }));
    const results = await indicatorResults(database.db, m, indicators, [current, previous], min, T);
    return Object.fromEntries(results.map((r) => [r.key, r.periods.current ?? []]));
  };

  it("are hidden as the other indicators' are: a statistic's small group with its n, a share's small cell and its complement", async () => {
    const two = await shown(2);
    // The median of the Sofia families' four is shown, the others' one is hidden with its n.
    expect(two["placering-dagar-median"]?.map((r) => [r.group, r.denominator, r.value, r.suppressed])).toEqual([
      ["sofia_family", 4, 65, false],
      ["other_family", null, null, true],
    ]);
    // The others' 2 of 3 leaves a rest of 1: hidden, and the Sofia families' share with it (a second cell, so that
    // the hidden one cannot be worked back from a total); the returned home: the others' 1 of 1 likewise.
    const forum = two["placering-forum-inom-gransen"];
    expect(forum?.map((r) => [r.group, r.numerator, r.percent, r.suppressed])).toEqual([
      ["sofia_family", null, null, true],
      ["other_family", null, null, true],
    ]);
    const home = two["placering-hemflytt"];
    expect(home?.map((r) => [r.group, r.numerator, r.suppressed])).toEqual([
      ["sofia_family", null, true],
      ["other_family", null, true],
    ]);
    // With the default minimum of five nothing of this small fixture is shown.
    const five = await shown(5);
    for (const key of keys) for (const row of five[key] ?? []) expect(row, key).toMatchObject({ suppressed: true, numerator: null });
    expect(five["placering-dagar-median"]?.every((r) => r.value === null)).toBe(true);
  });
});
