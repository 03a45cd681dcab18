import { AuditBatch } from "../platform/audit.ts";
import type { Role } from "../platform/auth-types.ts";
import { authorize, type ServiceContext } from "../platform/context.ts";
import { scopeFor } from "../platform/permissions.ts";
import { type Worklist, worklistIn } from "../worklists/index.ts";
import * as store from "./store.ts";

export interface StartPage {
  roles: Role[];
  units: Array<{ id: string; name: string; kind: string }>;
  /** Colleagues in the user's own units (names are personal data: the view is audited). */
  colleagues: Array<{ id: string; displayName: string; unitId: string; roles: string[] }>;
  /** Counts for roles that see the whole organisation or aggregates. */
  unitCounts?: Array<{ kind: string; n: number }>;
  roleCounts?: Array<{ role: string; n: number }>;
  /** The worklists of the user's roles. */
  work: Worklist;
}

/**
 * What a user sees on arrival: their units, who they work with, for overview roles counts, and the
 * worklists. No transaction: its reads are each consistent on their own (READ COMMITTED gives a
 * page no snapshot across statements anyway), and every audit row of the page is written in one
 * insert before it is shown (decision 0054).
 */
export async function startPage(ctx: ServiceContext): Promise<StartPage> {
  const { actor } = await authorize(ctx, "start.view");
  const db = ctx.db;
  const batch = new AuditBatch();
  const units = await store.unitsByIds(db, actor.unitIds);
  const colleagues = (await store.colleaguesInUnits(db, actor.unitIds)).filter((c) => c.id !== actor.id);
  const overview = scopeFor(actor.roles, "statistics.view");
  const page: StartPage = { roles: actor.roles, units, colleagues, work: await worklistIn(db, ctx, actor, batch) };
  if (overview) {
    page.unitCounts = await store.unitCountsByKind(db, actor.municipalityId);
    page.roleCounts = await store.activeUserCountsByRole(db, actor.municipalityId);
  }
  // The colleagues named: one row for the view, naming every one of them (decision 0051).
  batch.view({ action: "user.view", recordType: "user", subjectUserIds: colleagues.map((c) => c.id), detail: { page: "start" } });
  await batch.write(db, ctx);
  return page;
}
