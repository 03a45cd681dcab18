/**
 * The demo municipality's implementation activities: the project's start (a training held with 24
 * participants in 2019), a conference cancelled because of the pandemic (2020), and this year's
 * inspiration day, analysis seminar and a planned information meeting, dated from the seed's day so
 * that the current year has activities. Every one is marked as a demo example in its notes.
 */

import type { DbOrTx } from "../platform/database.ts";
import { addDays, type IsoDate } from "../platform/dates.ts";
import type { ActivityValues } from "./store.ts";
import * as store from "./store.ts";

export const DEMO_NOTE = "Exempel i demodata.";

export interface DemoActivity extends ActivityValues {
  /** The demo units' keys (src/demo/seed.ts). */
  unitKeys: string[];
}

/** The demo's activities, relative to the seed's day. */
export function demoActivities(today: IsoDate): DemoActivity[] {
  return [
    {
      activityDate: "2019-09-17",
      kind: "training",
      theme: "Grundutbildning i Sofiamodellen",
      status: "held",
      participants: 24,
      cancelReason: null,
      notes: `${DEMO_NOTE} Två dagar för handläggare och enhetschefer.`,
      unitKeys: ["barn-norr", "barn-syd", "beroende-1"],
    },
    {
      activityDate: "2020-04-22",
      kind: "conference",
      theme: "Regional konferens om familjeinriktat arbete",
      status: "cancelled",
      participants: 60,
      cancelReason: "Inställd på grund av pandemin",
      notes: DEMO_NOTE,
      unitKeys: ["barn-norr", "barn-syd", "barn-ost", "barn-vast", "beroende-1", "beroende-2"],
    },
    {
      activityDate: addDays(today, -45),
      kind: "inspiration_day",
      theme: "Barnets röst i samtalsserien",
      status: "held",
      participants: 31,
      cancelReason: null,
      notes: DEMO_NOTE,
      unitKeys: ["barn-norr", "barn-syd", "barn-ost", "barn-vast"],
    },
    {
      activityDate: addDays(today, -12),
      kind: "analysis_seminar",
      theme: "Vad säger familjernas enkätsvar?",
      status: "held",
      participants: 9,
      cancelReason: null,
      notes: DEMO_NOTE,
      unitKeys: ["barn-norr", "beroende-1"],
    },
    {
      activityDate: addDays(today, 30),
      kind: "information_meeting",
      theme: "Sofiamodellen för Mottagningsenheten",
      status: "planned",
      participants: 12,
      cancelReason: null,
      notes: DEMO_NOTE,
      unitKeys: ["mottagning"],
    },
  ];
}

/** Inserts the demo activities; `unitIds` maps the demo units' keys to their ids. */
export async function seedDemoImplementation(
  db: DbOrTx,
  municipalityId: string,
  unitIds: ReadonlyMap<string, string>,
  today: IsoDate,
): Promise<void> {
  for (const { unitKeys, ...values } of demoActivities(today)) {
    const { id } = await store.insertActivity(db, municipalityId, null, values);
    await store.replaceUnits(
      db,
      id,
      unitKeys.map((k) => unitIds.get(k)).filter((u): u is string => !!u),
    );
  }
}
