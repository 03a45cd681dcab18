/**
 * The demo municipality's long-term outcomes: the follow-ups that have come due for the demo
 * families completed more than a year ago, most of them recorded (a few left open for the list),
 * and one aggregate comparison group, marked as example data. Call after the demo families exist.
 */
import { and, asc, eq } from "drizzle-orm";
import { outcomeFollowups, processes } from "../db/schema/index.ts";
import type { DbOrTx } from "../platform/database.ts";
import { yearsAfter } from "./model.ts";
import * as store from "./store.ts";

export const DEMO_GROUP_NAME = "Exempel: jämförelsegrupp (aggregat)";

export async function seedDemoOutcomes(db: DbOrTx, municipalityId: string, today: string, recordedBy: string | null = null): Promise<void> {
  await store.insertDueFollowups(db, today);
  const due = await db
    .select({ id: outcomeFollowups.id, horizon: outcomeFollowups.horizon, version: outcomeFollowups.version })
    .from(outcomeFollowups)
    .innerJoin(processes, eq(processes.id, outcomeFollowups.processId))
    .where(and(eq(processes.municipalityId, municipalityId), eq(outcomeFollowups.status, "open")))
    .orderBy(asc(outcomeFollowups.dueOn), asc(outcomeFollowups.id));
  // Deterministic: every fifth stays open for the list; the others recorded with a plausible spread.
  for (const [i, f] of due.entries()) {
    if (i % 5 === 4) continue;
    const consent = i % 3 !== 0;
    await store.updateFollowup(db, f.id, f.version, {
      status: i % 11 === 7 ? "not_possible" : "recorded",
      emergencyPlacement: i % 11 === 7 ? null : i % 9 === 2,
      reReferral: i % 11 === 7 ? null : i % 6 === 1,
      schoolConsent: i % 11 === 7 ? false : consent,
      schoolAttendance: i % 11 === 7 || !consent ? null : i % 7 === 3 ? "not_kept" : "kept",
      notPossibleReason: i % 11 === 7 ? "Familjen har flyttat från kommunen." : null,
      source: "manual",
      recordedBy,
      recordedAt: new Date(),
    });
  }
  const from = yearsAfter(today, -4);
  const { id } = await store.insertGroup(db, {
    municipalityId,
    name: DEMO_GROUP_NAME,
    description: "Exempeldata för demonstration: påhittade siffror, inte en verklig jämförelsegrupp.",
    kind: "aggregate",
    createdBy: recordedBy,
  });
  const aggregate = (
    measure: "emergency_placement" | "re_referral" | "further_support" | "school_attendance_kept",
    horizon: 1 | 2,
    numerator: number,
    denominator: number,
  ) => ({
    row: 0,
    measure,
    horizon,
    periodFrom: from,
    periodTo: today,
    numerator,
    denominator,
  });
  await store.insertAggregates(db, id, [
    aggregate("emergency_placement", 1, 9, 60),
    aggregate("emergency_placement", 2, 12, 55),
    aggregate("re_referral", 1, 14, 60),
    aggregate("re_referral", 2, 17, 55),
    aggregate("further_support", 1, 21, 60),
    aggregate("further_support", 2, 19, 55),
    aggregate("school_attendance_kept", 1, 31, 44),
    aggregate("school_attendance_kept", 2, 28, 41),
  ]);
}
