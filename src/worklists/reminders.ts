/**
 * What a caseworker's daily reminder (the calendar module's e-mail, decision 0039) names from the
 * worklist rules: the consultation stops of their own families that are overdue or fall due within
 * a week, and the waits of their families that have not started that are near or over the
 * municipality's limit (`municipalities.wait_limit_days`). No names: a process is its id, a stop
 * its name in the work model. The caller decides what may leave the system.
 */
import type { DbOrTx } from "../platform/database.ts";
import { addDays, type IsoDate, isBefore } from "../platform/dates.ts";
import { stopsAndSeries } from "./service.ts";
import * as store from "./store.ts";

/** A stop due within this many days is named beside the overdue ones. */
export const STOP_DUE_SOON_DAYS = 7;
/** A wait within this many days of the municipality's limit is named beside those over it. */
export const WAIT_NEAR_LIMIT_DAYS = 7;

export interface DueStop {
  processId: string;
  stopName: string;
  forChild: boolean;
  dueOn: IsoDate;
  overdue: boolean;
}

export interface NearWait {
  processId: string;
  waitingFor: "caseworker" | "first_meeting";
  days: number;
  limit: number;
  over: boolean;
}

export interface CaseworkerReminders {
  stops: DueStop[];
  waits: NearWait[];
}

export async function caseworkerReminders(db: DbOrTx, userId: string, on: IsoDate): Promise<CaseworkerReminders> {
  const mine = (await store.myProcesses(db, userId, on)).filter((p) => p.status === "active");
  const computed = await stopsAndSeries(db, mine, on);
  const soon = addDays(on, STOP_DUE_SOON_DAYS);
  const stops: DueStop[] = [];
  for (const p of mine) {
    for (const s of computed.get(p.id)?.stops ?? []) {
      if (s.dueOn === null || (s.state !== "overdue" && s.state !== "due")) continue;
      if (s.state === "due" && isBefore(soon, s.dueOn)) continue;
      stops.push({ processId: p.id, stopName: s.stop.name, forChild: s.child !== null, dueOn: s.dueOn, overdue: s.state === "overdue" });
    }
  }
  stops.sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  const waits = (
    await store.waitsOf(
      db,
      mine.map((p) => p.id),
      on,
    )
  )
    .filter((w) => w.days >= w.limit - WAIT_NEAR_LIMIT_DAYS)
    .map((w) => ({ processId: w.id, waitingFor: w.waitingFor, days: w.days, limit: w.limit, over: w.days > w.limit }));
  return { stops, waits };
}
