/**
 * The team of a process: assign the caseworkers and the process leader, one role (the API's first
 * way) or the whole team in one step, and hand a person's ongoing families over to colleagues
 * (decision 0038).
 */
import type { z } from "zod";
import { audit, audits } from "../../platform/audit.ts";
import { type Authorized, authorize, type ServiceContext } from "../../platform/context.ts";
import type { DbOrTx } from "../../platform/database.ts";
import { daysBetween, type IsoDate, isBefore } from "../../platform/dates.ts";
import { ConflictError, type FieldErrors, parseOrThrow, ValidationError } from "../../platform/errors.ts";
import { type LoadedProcess, loadProcess } from "../access.ts";
import { type AssignmentRole, assignmentRoles, type Phase, type ProcessStatus } from "../model.ts";
import { type AssignInput, assignInput, type HandoverInput, handoverInput, type TeamInput, teamField, teamInput } from "../schemas.ts";
import { dateErrors, getProcessPage, type ProcessPage } from "../service.ts";
import { bumpProcess } from "../store.ts";
import * as store from "./store.ts";

/** A person one can assign, with how many ongoing (not completed) families they work with now. */
export interface Candidate {
  id: string;
  name: string;
  ongoing: number;
}

export interface AssignOptions {
  roles: AssignmentRole[];
  candidates: Record<AssignmentRole, Candidate[]>;
}

/** Which roles the actor may assign: unit managers the caseworkers of their units, process leaders all three. */
function assignableRoles(auth: Authorized): AssignmentRole[] {
  if (auth.scope === "municipality") return ["child_caseworker", "adult_caseworker", "process_leader"];
  return ["child_caseworker", "adult_caseworker"];
}

const unitKindFor: Record<AssignmentRole, string | null> = {
  child_caseworker: "child_youth",
  adult_caseworker: "addiction_adult",
  process_leader: null,
};

/**
 * Who may be assigned to each role, with their load: a child caseworker is an active caseworker of
 * an active child unit, an adult caseworker of an active addiction unit (a unit manager: of their
 * own units), a process leader has the role. Ordered by name.
 */
function candidatesOf(users: store.AssignableUser[], auth: Authorized): AssignOptions["candidates"] {
  const mine = new Set(auth.actor.unitIds);
  const result: AssignOptions["candidates"] = { child_caseworker: [], adult_caseworker: [], process_leader: [] };
  const candidate = (u: store.AssignableUser): Candidate => ({ id: u.id, name: u.displayName, ongoing: u.ongoing });
  for (const role of ["child_caseworker", "adult_caseworker"] as const) {
    const inRightUnit = (u: store.AssignableUser) =>
      u.units.some((entry) => {
        const [kind, unitId] = entry.split(":");
        return kind === unitKindFor[role] && (auth.scope === "municipality" || mine.has(unitId ?? ""));
      });
    result[role] = users.filter((u) => u.roles.includes("caseworker") && inRightUnit(u)).map(candidate);
  }
  result.process_leader = users.filter((u) => u.roles.includes("process_leader")).map(candidate);
  return result;
}

async function candidates(tx: DbOrTx, auth: Authorized): Promise<AssignOptions["candidates"]> {
  return candidatesOf(await store.assignableUsers(tx, auth.actor.municipalityId), auth);
}

export async function assignOptions(ctx: ServiceContext, id: string): Promise<AssignOptions & { page: ProcessPage }> {
  const auth = await authorize(ctx, "processes.assign");
  const page = await getProcessPage(ctx, id);
  const roles = assignableRoles(auth);
  return { roles, candidates: await candidates(ctx.db, auth), page };
}

/** One change of a role on a process, and the form field its errors belong to. */
interface RoleChange {
  role: AssignmentRole;
  userId: string;
  field: string;
}

/**
 * The one way an assignment changes, for the per-role call, the team form and the handover: in
 * the caller's transaction, the role's open assignment ends on the date and the new one starts,
 * with one audit row per change (the wait from the Sofiamöte in its detail).
 */
async function writeAssignment(
  tx: DbOrTx,
  ctx: ServiceContext,
  auth: Authorized,
  p: { id: string; meetingDate: string | null; requestDate: string },
  change: { role: AssignmentRole; userId: string; replaced: string | null },
  assignedOn: IsoDate,
  detail: Record<string, unknown> = {},
): Promise<void> {
  await store.endAssignment(tx, p.id, change.role, assignedOn);
  await store.insertAssignment(tx, { processId: p.id, role: change.role, userId: change.userId, assignedOn, assignedBy: auth.actor.id });
  await audit(tx, ctx, {
    action: "process.assign",
    recordType: "process",
    recordId: p.id,
    subjectUserId: change.userId,
    detail: {
      role: change.role,
      assignedOn,
      replaced: change.replaced,
      waitDays: daysBetween(p.meetingDate ?? p.requestDate, assignedOn),
      ...detail,
    },
  });
}

/** Checks the changes against the candidates and the dates, then writes them with one version bump. */
async function applyChanges(
  tx: DbOrTx,
  ctx: ServiceContext,
  auth: Authorized,
  loaded: LoadedProcess,
  version: number,
  assignedOn: string,
  changes: RoleChange[],
  extra: FieldErrors = {},
): Promise<{ version: number }> {
  const p = loaded.process;
  if (p.status !== "active") throw new ConflictError(`processes.closed.${p.status}`, "_form");
  const errors: FieldErrors = { ...extra };
  const allowed = await candidates(tx, auth);
  for (const c of changes) {
    if (!assignableRoles(auth).includes(c.role)) errors[c.field] ??= "processes.assign.roleNotYours";
    else if (!allowed[c.role].some((x) => x.id === c.userId)) errors[c.field] ??= `processes.assign.notCandidate.${c.role}`;
    else if (loaded.current[c.role]?.userId === c.userId) errors[c.field] ??= "processes.assign.already";
  }
  Object.assign(
    errors,
    dateErrors("assignedOn", assignedOn, p.meetingDate ?? p.requestDate, "processes.assign.beforeMeeting", ctx.clock.today()),
  );
  if (!errors.assignedOn) {
    for (const c of changes) {
      const previous = loaded.current[c.role];
      if (previous && isBefore(assignedOn, previous.assignedOn)) errors.assignedOn = "processes.assign.beforePrevious";
    }
  }
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);

  const bumped = await bumpProcess(tx, p.id, version);
  if (!bumped) throw new ConflictError();
  for (const c of changes) {
    await writeAssignment(
      tx,
      ctx,
      auth,
      p,
      { role: c.role, userId: c.userId, replaced: loaded.current[c.role]?.userId ?? null },
      assignedOn,
    );
  }
  return { version: bumped.version };
}

/**
 * Assigns one role (the API's first way, kept for its clients). A unit manager assigns caseworkers
 * of their own units (a child unit's caseworker as child caseworker, an addiction unit's as adult
 * caseworker); the process leader assigns anyone of the right kind. A new assignment to a role ends the old one.
 */
export async function assign(ctx: ServiceContext, id: string, input: AssignInput): Promise<{ version: number }> {
  const auth = await authorize(ctx, "processes.assign");
  const data = parseOrThrow(assignInput, input);
  return ctx.db.transaction(async (tx) => {
    const loaded = await loadProcess(tx, auth, id);
    const field = assignableRoles(auth).includes(data.role) ? "userId" : "role";
    return applyChanges(tx, ctx, auth, loaded, data.version, data.assignedOn, [{ role: data.role, userId: data.userId, field }]);
  });
}

/**
 * Assigns the whole team in one step (decision 0038): each role given a person other than the
 * current one changes, all in one transaction with one version bump and one audit row per change.
 * At least one role must change.
 */
export async function assignTeam(ctx: ServiceContext, id: string, input: TeamInput): Promise<{ version: number; changed: number }> {
  const auth = await authorize(ctx, "processes.assign");
  const data = parseOrThrow(teamInput, input);
  return ctx.db.transaction(async (tx) => {
    const loaded = await loadProcess(tx, auth, id);
    const changes: RoleChange[] = [];
    for (const role of assignmentRoles) {
      const userId = data[teamField[role]];
      if (userId && userId !== loaded.current[role]?.userId) changes.push({ role, userId, field: teamField[role] });
    }
    const extra: FieldErrors =
      changes.length === 0 ? { [teamField[assignableRoles(auth)[0] ?? "child_caseworker"]]: "processes.team.nothing" } : {};
    const result = await applyChanges(tx, ctx, auth, loaded, data.version, data.assignedOn, changes, extra);
    return { ...result, changed: changes.length };
  });
}

// ---------------------------------------------------------------------------------------------
// Handover: every ongoing family of one person to colleagues

export interface HandoverFamily {
  processId: string;
  version: number;
  role: AssignmentRole;
  status: ProcessStatus;
  phase: Phase;
  requestDate: string;
  meetingDate: string | null;
  caseType: number | null;
  assignedOn: string;
}

export interface HandoverPreview {
  /** The people whose families the reader may hand over: with ongoing families, in roles the reader assigns. */
  people: Candidate[];
  from: Candidate | null;
  families: HandoverFamily[];
  roles: AssignmentRole[];
  candidates: AssignOptions["candidates"];
}

/** The people whose families the reader may hand over: anyone they could assign to a role they assign, with families. */
function handoverPeople(auth: Authorized, all: AssignOptions["candidates"]): Candidate[] {
  const byId = new Map<string, Candidate>();
  for (const role of assignableRoles(auth)) for (const c of all[role]) if (c.ongoing > 0) byId.set(c.id, c);
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, "sv"));
}

const isAssignmentRole = (role: string): role is AssignmentRole => (assignmentRoles as readonly string[]).includes(role);

/**
 * The handover page's preview: the person's ongoing families (the role in each, no family member
 * named) in the roles the reader assigns, and the colleagues who may take over each role. Each
 * family shown is audited.
 */
export async function handoverPreview(ctx: ServiceContext, fromUserId: string | null): Promise<HandoverPreview> {
  const auth = await authorize(ctx, "processes.assign");
  return ctx.db.transaction(async (tx) => {
    const all = await candidates(tx, auth);
    const people = handoverPeople(auth, all);
    const from = people.find((p) => p.id === fromUserId) ?? null;
    const roles = assignableRoles(auth);
    const families = from ? await handoverFamilies(tx, auth, from.id) : [];
    await audits(
      tx,
      ctx,
      families.map((f) => ({
        action: "process.handover_preview",
        recordType: "process",
        recordId: f.processId,
        subjectUserId: from?.id ?? null,
        detail: { role: f.role },
      })),
    );
    return { people, from, families, roles, candidates: all };
  });
}

async function handoverFamilies(tx: DbOrTx, auth: Authorized, fromUserId: string): Promise<HandoverFamily[]> {
  const roles = assignableRoles(auth);
  const rows = await store.openAssignmentsOf(tx, auth.actor.municipalityId, fromUserId);
  return rows.flatMap((r) =>
    isAssignmentRole(r.role) && roles.includes(r.role)
      ? [
          {
            processId: r.processId,
            version: r.version,
            role: r.role,
            status: r.status as ProcessStatus,
            phase: r.phase as Phase,
            requestDate: r.requestDate,
            meetingDate: r.meetingDate,
            caseType: r.caseType,
            assignedOn: r.assignedOn,
          },
        ]
      : [],
  );
}

/** What a handover will do, checked; the confirmation page shows it and the handover writes it. */
export interface HandoverPlan {
  from: Candidate;
  moves: Array<{ family: HandoverFamily; to: Candidate }>;
  /** Families of the preview that stay with the person (no colleague chosen). */
  staying: number;
}

async function planHandover(
  tx: DbOrTx,
  ctx: ServiceContext,
  auth: Authorized,
  data: z.output<typeof handoverInput>,
): Promise<HandoverPlan> {
  const all = await candidates(tx, auth);
  const from = handoverPeople(auth, all).find((p) => p.id === data.fromUserId);
  if (!from) throw new ValidationError({ fromUserId: "processes.handover.fromNotYours" });
  const errors: FieldErrors = dateErrors("assignedOn", data.assignedOn, "0001-01-01", "processes.date.invalid", ctx.clock.today());
  const current = await handoverFamilies(tx, auth, from.id);
  const moves: HandoverPlan["moves"] = [];
  let staying = 0;
  data.families.forEach((item, i) => {
    const field = item.toUserId ? `families.${i}.toUserId` : `all.${item.role}`;
    const target = item.toUserId ?? data.all[item.role];
    if (!target) {
      staying += 1;
      return;
    }
    const to = all[item.role].find((c) => c.id === target);
    if (!assignableRoles(auth).includes(item.role)) errors[field] ??= "processes.assign.roleNotYours";
    else if (target === from.id) errors[field] ??= "processes.handover.same";
    else if (!to) errors[field] ??= `processes.handover.notCandidate.${item.role}`;
    const family = current.find((f) => f.processId === item.processId && f.role === item.role);
    // The family is no longer the person's, or changed since the preview: nothing changes.
    if (!family || family.version !== item.version) throw new ConflictError("processes.handover.stale");
    if (to) moves.push({ family, to });
  });
  if (moves.length === 0 && Object.keys(errors).length === 0) errors["families.0.toUserId"] = "processes.handover.nothing";
  if (!errors.assignedOn && moves.some((m) => isBefore(data.assignedOn, m.family.assignedOn)))
    errors.assignedOn = "processes.handover.beforePrevious";
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return { from, moves, staying };
}

/** Checks a handover without changing anything: what the confirmation page says will happen. */
export async function checkHandover(ctx: ServiceContext, input: HandoverInput): Promise<HandoverPlan> {
  const auth = await authorize(ctx, "processes.assign");
  const data = parseOrThrow(handoverInput, input);
  return ctx.db.transaction((tx) => planHandover(tx, ctx, auth, data));
}

/**
 * Hands a person's ongoing families over to colleagues (decision 0038): all in one transaction,
 * each family's process version as the preview showed it (a family changed meanwhile: nothing
 * changes), each colleague of the right role and unit, one audit row per family and role.
 */
export async function handover(ctx: ServiceContext, input: HandoverInput): Promise<{ moved: number }> {
  const auth = await authorize(ctx, "processes.assign");
  const data = parseOrThrow(handoverInput, input);
  return ctx.db.transaction(async (tx) => {
    const plan = await planHandover(tx, ctx, auth, data);
    const bumped = new Set<string>();
    for (const { family, to } of plan.moves) {
      if (!bumped.has(family.processId)) {
        if (!(await bumpProcess(tx, family.processId, family.version))) throw new ConflictError("processes.handover.stale");
        bumped.add(family.processId);
      }
      // Locked: a concurrent change of the same role waits for this transaction and then finds its version stale.
      const open = await store.openAssignment(tx, family.processId, family.role);
      if (open?.userId !== plan.from.id) throw new ConflictError("processes.handover.stale");
      const p = { id: family.processId, meetingDate: family.meetingDate, requestDate: family.requestDate };
      await writeAssignment(tx, ctx, auth, p, { role: family.role, userId: to.id, replaced: plan.from.id }, data.assignedOn, {
        handover: true,
      });
    }
    return { moved: plan.moves.length };
  });
}
