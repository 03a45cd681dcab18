/** The list of processes: filtered, sorted and a page at a time, the families named where the reader may see them. */
import { z } from "zod";
import { loadFamilyNames, type NamedFamily } from "../../families/index.ts";
import { auditView } from "../../platform/audit.ts";
import { authorize, type ServiceContext } from "../../platform/context.ts";
import type { IsoDate } from "../../platform/dates.ts";
import { visibilityFor } from "../access.ts";
import { type AssignmentRole, type Phase, type ProcessStatus, processWaits, type Wait } from "../model.ts";
import * as store from "./store.ts";

export interface ProcessListItem {
  id: string;
  status: ProcessStatus;
  phase: Phase;
  requestDate: string;
  caseType: number | null;
  childCaseworker: string | null;
  adultCaseworker: string | null;
  /** The longest wait of the process (an ongoing one counts to today), and whether it is over the limit. */
  longestWait: Wait | null;
  /** How the family is named (families' familyName): no persons in the minimal view; absent when names were not asked for (the API). */
  family?: NamedFamily;
}

export const listSorts = ["date", "name", "caseworker", "phase", "wait"] as const;
export type ListSort = (typeof listSorts)[number];

export interface ListFilter {
  status?: ProcessStatus | null;
  phase?: Phase | null;
  /** Only processes this user is assigned to. */
  caseworkerId?: string | null;
  /** Only processes with a family member open at this unit. */
  unitId?: string | null;
  /** Only processes with a wait over the municipality's limit. */
  overLimit?: boolean;
  sort?: ListSort;
  descending?: boolean;
  page?: number;
}

export interface ProcessList {
  items: ProcessListItem[];
  total: number;
  page: number;
  pageSize: number;
}

export interface ListChoices {
  staff: Array<{ id: string; name: string }>;
  units: Array<{ id: string; name: string }>;
}

export const PAGE_SIZE = 50;

const phaseOrder: Record<string, number> = { not_started: 0, started: 1, halfway: 2, completed: 3 };

/**
 * The processes one may see, filtered (status, phase, caseworker, unit, waits over the limit),
 * sorted (request date, family name, caseworker, phase, longest wait) and a page at a time. With
 * `names`, each item carries its family's name and every person the names show is audited; the
 * minimal view (a unit manager's process they are not assigned to) names no one.
 */
export async function listProcesses(ctx: ServiceContext, filter: ListFilter, opts: { names?: boolean } = {}): Promise<ProcessList> {
  const auth = await authorize(ctx, "processes.view");
  const page = Math.max(1, Math.min(10_000, Math.trunc(filter.page ?? 1)));
  const on = ctx.clock.today();
  const uuid = (v: string | null | undefined) => (v && z.uuid().safeParse(v).success ? v : null);
  return ctx.db.transaction(async (tx) => {
    const rows = await store.listProcesses(tx, auth.actor.municipalityId, visibilityFor(auth), {
      status: filter.status ?? null,
      phase: filter.phase ?? null,
      caseworkerId: uuid(filter.caseworkerId),
      unitId: uuid(filter.unitId),
    });
    let all = rows.map((r) => {
      const assigned: Partial<Record<AssignmentRole, IsoDate>> = {};
      if (r.childCaseworkerOn) assigned.child_caseworker = r.childCaseworkerOn;
      if (r.adultCaseworkerOn) assigned.adult_caseworker = r.adultCaseworkerOn;
      if (r.processLeaderOn) assigned.process_leader = r.processLeaderOn;
      const waits = processWaits(
        { requestDate: r.requestDate, meetingDate: r.meetingDate, assigned, firstFamilyMeetingOn: r.startedOn },
        on,
        r.waitLimitDays,
      );
      // Only waits that still matter: a finished process waits for nothing.
      const relevant = r.status === "active" ? waits : waits.filter((w) => !w.ongoing);
      const longestWait = relevant.reduce<Wait | null>((a, w) => (a === null || w.days > a.days ? w : a), null);
      const item: ProcessListItem = {
        id: r.id,
        status: r.status as ProcessStatus,
        phase: r.phase as Phase,
        requestDate: r.requestDate,
        caseType: r.caseType,
        childCaseworker: r.childCaseworker,
        adultCaseworker: r.adultCaseworker,
        longestWait,
      };
      return { item, row: r, minimal: auth.scope === "unit" && !r.assignedToMe };
    });
    if (filter.overLimit) all = all.filter((x) => x.item.longestWait?.overLimit);
    const sort = filter.sort ?? "date";
    const text = (v: string | null) => v ?? "\uffff";
    const compare: Record<ListSort, (a: (typeof all)[number], b: (typeof all)[number]) => number> = {
      date: (a, b) => a.item.requestDate.localeCompare(b.item.requestDate),
      name: (a, b) => text(a.row.sortName).localeCompare(text(b.row.sortName), "sv"),
      caseworker: (a, b) =>
        text(a.item.childCaseworker ?? a.item.adultCaseworker).localeCompare(text(b.item.childCaseworker ?? b.item.adultCaseworker), "sv"),
      phase: (a, b) => (phaseOrder[a.item.phase] ?? 0) - (phaseOrder[b.item.phase] ?? 0),
      wait: (a, b) => (a.item.longestWait?.days ?? -1) - (b.item.longestWait?.days ?? -1),
    };
    // The default (newest request first) is the date descending; ties keep the store's order.
    const descending = filter.descending ?? sort === "date";
    all.sort((a, b) => (descending ? -1 : 1) * compare[sort](a, b));
    const slice = all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
    if (opts.names) {
      const minimalRequests = new Set(slice.filter((x) => x.minimal).map((x) => x.row.requestId));
      const names = await loadFamilyNames(
        tx,
        slice.map((x) => x.row.requestId),
        on,
        (requestId) => minimalRequests.has(requestId),
      );
      for (const x of slice) x.item.family = names.get(x.row.requestId)?.family;
      // Each person a name shows is a disclosure of that person: one row for the page naming them all (decision 0051).
      await auditView(tx, ctx, {
        action: "process.list",
        recordType: "process",
        subjectPersonIds: slice.flatMap((x) => names.get(x.row.requestId)?.personIds ?? []),
        detail: { processIds: slice.map((x) => x.item.id) },
      });
    }
    return { items: slice.map((x) => x.item), total: all.length, page, pageSize: PAGE_SIZE };
  });
}

/** The choices of the list's filter. */
export async function listChoices(ctx: ServiceContext): Promise<ListChoices> {
  const auth = await authorize(ctx, "processes.view");
  return store.listChoices(ctx.db, auth.actor.municipalityId);
}
