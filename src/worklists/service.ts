/**
 * Worklists on the start page, per role: the caseworker's families, next meetings, overdue
 * consultation stops and what waits for them; the unit manager's processes waiting for a caseworker
 * and each caseworker's load; the process leader's processes by phase, long waits and interruptions.
 */
import { type LoadedName, loadFamilyNames, type NamedFamily, namedFamily } from "../families/index.ts";
import { AuditBatch, type AuditEntry } from "../platform/audit.ts";
import type { Actor } from "../platform/auth-types.ts";
import { authorize, type ServiceContext } from "../platform/context.ts";
import type { DbOrTx } from "../platform/database.ts";
import { daysBetween, type IsoDate } from "../platform/dates.ts";
import type { Locale } from "../platform/i18n.ts";
import { scopeFor } from "../platform/permissions.ts";
import { type MeetingStatus, meetingSeries, nextStep, type Phase, type ProcessStatus, type StopDue, stopsDue } from "../processes/index.ts";
import { type Content, versionContents } from "../workmodels/index.ts";
import * as store from "./store.ts";

export interface FamilyRow {
  id: string;
  family: NamedFamily;
  status: ProcessStatus;
  phase: Phase;
  requestDate: string;
  caseType: number | null;
  nextMeeting: string | null;
  /** The next meeting of the series when nothing is planned for it: the caseworkers should plan it. */
  toPlan: string | null;
  /** The child a child meeting to plan is for (its name); null for a family meeting. */
  toPlanChild: string | null;
  overdueStops: number;
}

export interface MeetingRow {
  id: string;
  processId: string;
  family: NamedFamily;
  meetingName: string;
  /** The child of a child meeting; null for a family meeting. */
  childName: string | null;
  plannedDate: string;
  plannedTime: string | null;
  place: string | null;
}

export interface OverdueStop {
  processId: string;
  family: NamedFamily;
  stopName: string;
  forChild: boolean;
  dueOn: string;
  daysOverdue: number;
}

export interface CaseworkerWorklist {
  families: FamilyRow[];
  meetings: MeetingRow[];
  overdue: OverdueStop[];
}

export interface ManagerWorklist {
  awaiting: Array<{
    id: string;
    /** The minimal view: named by the request date, never by a person. */
    family: NamedFamily;
    requestDate: string;
    caseType: number | null;
    missing: Array<"child_caseworker" | "adult_caseworker">;
    waitDays: number | null;
    overLimit: boolean;
  }>;
  loads: Array<{ id: string; name: string; active: number; interrupted: number; overdueStops: number }>;
}

export interface LeaderWorklist {
  newRequests: number;
  counts: Array<{ status: ProcessStatus; phase: Phase; n: number }>;
  waits: Array<{
    id: string;
    family: NamedFamily;
    requestDate: string;
    caseType: number | null;
    waitingFor: "caseworker" | "first_meeting";
    days: number;
  }>;
  interruptions: Array<{
    processId: string;
    family: NamedFamily;
    requestDate: string;
    interruptedOn: string;
    reason: string;
    phase: string;
  }>;
}

export interface Worklist {
  caseworker?: CaseworkerWorklist;
  manager?: ManagerWorklist;
  leader?: LeaderWorklist;
}

interface ProcessKey {
  id: string;
  workModelVersionId: string;
  requestDate: string;
  meetingDate: string | null;
}

/** The consultation stops and the meeting series of many processes at once, from a few queries. */
export async function stopsAndSeries(tx: DbOrTx, processes: ProcessKey[], on: IsoDate, locale?: Locale) {
  const inputs = await store.stopInputs(
    tx,
    processes.map((p) => p.id),
  );
  // Parsed once per published version (decision 0054).
  const versions = await versionContents(
    tx,
    processes.map((p) => p.workModelVersionId),
  );
  const result = new Map<
    string,
    {
      content: Content;
      stops: StopDue[];
      next: ReturnType<typeof nextStep>;
      children: Array<{ id: string; name: string }>;
      meetings: typeof inputs.meetingRows;
    }
  >();
  for (const p of processes) {
    const content = versions.get(p.workModelVersionId)?.local[locale ?? "sv"];
    if (!content) continue;
    const children = inputs.children.filter((c) => c.processId === p.id);
    const held = inputs.held.filter((m) => m.processId === p.id);
    const stops = stopsDue(
      content,
      children,
      {
        requestDate: p.requestDate,
        meetingDate: p.meetingDate,
        heldMeetings: held,
        interventionsDecidedOn: inputs.granted.find((g) => g.processId === p.id)?.first ?? null,
      },
      inputs.consulted.filter((c) => c.processId === p.id),
      on,
    );
    const rows = inputs.meetingRows.filter((m) => m.processId === p.id);
    const series = meetingSeries(
      content,
      children,
      p.requestDate,
      rows.map((m) => ({ ...m, status: m.status as MeetingStatus })),
    );
    result.set(p.id, { content, stops, next: nextStep(series), children, meetings: rows });
  }
  return result;
}

async function caseworkerList(tx: DbOrTx, ctx: ServiceContext, actor: Actor, on: IsoDate, batch: AuditBatch): Promise<CaseworkerWorklist> {
  const mine = await store.myProcesses(tx, actor.id, on);
  const computed = await stopsAndSeries(tx, mine, on, ctx.locale);
  const names = await loadFamilyNames(
    tx,
    mine.map((p) => p.requestId),
    on,
  );
  const familyOf = (requestId: string) => nameOf(names, requestId, on);
  const name = new Map(mine.map((p) => [p.id, familyOf(p.requestId)]));
  const families: FamilyRow[] = [];
  const overdue: OverdueStop[] = [];
  for (const p of mine) {
    const c = computed.get(p.id);
    const late = c?.stops.filter((s) => s.state === "overdue") ?? [];
    for (const s of late) {
      overdue.push({
        processId: p.id,
        family: familyOf(p.requestId),
        stopName: s.stop.name,
        forChild: s.child !== null,
        dueOn: s.dueOn ?? "",
        daysOverdue: daysBetween(s.dueOn ?? on, on) ?? 0,
      });
    }
    const next = c?.next;
    families.push({
      id: p.id,
      family: familyOf(p.requestId),
      status: p.status as ProcessStatus,
      phase: p.phase as Phase,
      requestDate: p.requestDate,
      caseType: p.caseType,
      nextMeeting: p.nextMeeting,
      toPlan: p.status === "active" && next && !next.planned ? next.type.name : null,
      toPlanChild: p.status === "active" && next && !next.planned ? (next.child?.name ?? null) : null,
      overdueStops: late.length,
    });
  }
  const planned = store.plannedFrom(
    [...computed.values()].flatMap((c) => c.meetings),
    on,
    20,
  );
  const meetings = planned.map((m) => {
    const content = computed.get(m.processId)?.content;
    return {
      id: m.id,
      processId: m.processId,
      family: name.get(m.processId) ?? namedFamily({ requestDate: on, caseFileNumber: null }, null, on),
      meetingName: content?.meetingTypes.find((t) => t.key === m.meetingTypeKey)?.name ?? m.meetingTypeKey,
      // A child meeting names its child.
      childName: computed.get(m.processId)?.children.find((c) => c.id === m.childId)?.name ?? null,
      plannedDate: m.plannedDate,
      plannedTime: m.plannedTime,
      place: m.place,
    };
  });
  overdue.sort((a, b) => b.daysOverdue - a.daysOverdue);
  // Running families first; interrupted ones wait at the end of the list until they resume.
  families.sort((a, b) => Number(a.status === "interrupted") - Number(b.status === "interrupted"));
  // The families are named by their guardians and children: each person a name shows is a disclosure of that person.
  batch.view(
    viewAudit(
      mine.map((p) => ({ processId: p.id, requestId: p.requestId })),
      names,
    ),
  );
  return { families, meetings, overdue };
}

async function managerList(tx: DbOrTx, actor: Actor, on: IsoDate): Promise<ManagerWorklist> {
  const awaiting = (await store.awaitingAssignment(tx, actor.municipalityId, actor.unitIds)).map((r) => {
    const waitDays = r.meetingDate ? daysBetween(r.meetingDate, on) : null;
    const missing: ManagerWorklist["awaiting"][number]["missing"] = [];
    if (r.missingChild) missing.push("child_caseworker");
    if (r.missingAdult) missing.push("adult_caseworker");
    return {
      id: r.id,
      family: namedFamily({ requestDate: r.requestDate, caseFileNumber: null }, null, on),
      requestDate: r.requestDate,
      caseType: r.caseType,
      missing,
      waitDays,
      overLimit: (waitDays ?? 0) > r.waitLimitDays,
    };
  });
  const loads = await store.caseworkerLoads(tx, actor.unitIds);
  const allIds = [...new Set(loads.flatMap((l) => l.processIds))];
  const computed = await stopsAndSeries(tx, await store.processVersions(tx, allIds), on);
  const overdueOf = (ids: string[]) =>
    ids.reduce((n, id) => n + (computed.get(id)?.stops.filter((s) => s.state === "overdue").length ?? 0), 0);
  return {
    awaiting,
    loads: loads.map((l) => ({
      id: l.id,
      name: l.displayName,
      active: l.active,
      interrupted: l.interrupted,
      overdueStops: overdueOf(l.processIds),
    })),
  };
}

async function leaderList(tx: DbOrTx, actor: Actor, on: IsoDate, batch: AuditBatch): Promise<LeaderWorklist> {
  const counts = await store.countsByStatusAndPhase(tx, actor.municipalityId);
  const waits = await store.overLimitWaits(tx, actor.municipalityId, on, 50);
  const interruptions = await store.openInterruptions(tx, actor.municipalityId, 20);
  // The process leader sees every family of the municipality by name (scope municipality).
  const shown = [...waits.map((w) => ({ processId: w.id, requestId: w.requestId })), ...interruptions];
  const names = await loadFamilyNames(
    tx,
    shown.map((x) => x.requestId),
    on,
  );
  batch.view(viewAudit(shown, names));
  return {
    newRequests: await store.newRequestCount(tx, actor.municipalityId),
    counts: counts.map((c) => ({ status: c.status as ProcessStatus, phase: c.phase as Phase, n: c.n })),
    waits: waits.map(({ requestId, ...w }) => ({ ...w, family: nameOf(names, requestId, on) })),
    interruptions: interruptions.map(({ requestId, ...i }) => ({ ...i, family: nameOf(names, requestId, on) })),
  };
}

/** The family of a request as loaded, or (a request that vanished) the neutral label. */
function nameOf(names: Map<string, LoadedName>, requestId: string, on: IsoDate): NamedFamily {
  return names.get(requestId)?.family ?? namedFamily({ requestDate: on, caseFileNumber: null }, null, on);
}

/**
 * The one audit row of a worklist (decision 0051): every person the shown family names name, and
 * the processes shown in its detail.
 */
function viewAudit(shown: Array<{ processId: string; requestId: string }>, names: Map<string, LoadedName>): AuditEntry {
  const processIds = [...new Set(shown.map((s) => s.processId))];
  return {
    action: "worklist.view",
    recordType: "process",
    subjectPersonIds: shown.flatMap(({ requestId }) => names.get(requestId)?.personIds ?? []),
    detail: { processIds },
  };
}

/** The worklists the user's roles give. A caseworker's lists name families, so each row shown is audited. */
export async function worklist(ctx: ServiceContext): Promise<Worklist> {
  const { actor } = await authorize(ctx, "start.view");
  const batch = new AuditBatch();
  const work = await worklistIn(ctx.db, ctx, actor, batch);
  await batch.write(ctx.db, ctx);
  return work;
}

/**
 * The worklists for an actor the caller has authorized for `start.view`; their audit rows go into
 * the caller's batch, which the caller writes before showing them (the start page writes its own
 * and these in one insert: decision 0054).
 */
export async function worklistIn(db: DbOrTx, ctx: ServiceContext, actor: Actor, batch: AuditBatch): Promise<Worklist> {
  const on = ctx.clock.today();
  const result: Worklist = {};
  if (actor.roles.includes("caseworker") && scopeFor(actor.roles, "processes.view"))
    result.caseworker = await caseworkerList(db, ctx, actor, on, batch);
  if (actor.roles.includes("unit_manager")) result.manager = await managerList(db, actor, on);
  if (actor.roles.includes("process_leader")) result.leader = await leaderList(db, actor, on, batch);
  return result;
}
