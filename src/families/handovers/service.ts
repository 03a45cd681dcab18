/**
 * Use cases of the intake handover (decision 0066): record a handover of a request's family from
 * the intake unit to the receiving unit with the team the work leader plans, show it with each
 * member's wait to the first contact, change the team (a role to be assigned gets its person) and
 * record a member's first contact. Need-to-know: the reader sees a handover they work with (work
 * leader, who handed over, a named member, the request's registrar or an assigned caseworker), a
 * unit manager those of their units (without the family's names unless they work with it), a
 * process leader the municipality's. Every display of the family is audited in one row naming its persons.
 */
import { z } from "zod";
import { type AuditEntry, audit, auditView } from "../../platform/audit.ts";
import type { Actor } from "../../platform/auth-types.ts";
import { type Authorized, authorize, type ServiceContext } from "../../platform/context.ts";
import type { IsoDate } from "../../platform/dates.ts";
import { ConflictError, type FieldErrors, ForbiddenError, NotFoundError, parseOrThrow, ValidationError } from "../../platform/errors.ts";
import { scopeFor } from "../../platform/permissions.ts";
import { compareDates, type NamedFamily, parseIsoDate } from "../model.ts";
import { loadFamilyNames } from "../names.ts";
import * as requestStore from "../store.ts";
import {
  type FirstContactInput,
  firstContactInput,
  type HandoverInput,
  type HandoverRole,
  handoverInput,
  handoverRoles,
  type MemberWait,
  memberWait,
  type TeamInput,
  teamInput,
} from "./model.ts";
import * as store from "./store.ts";

export interface Option {
  id: string;
  name: string;
}

export interface StaffOption extends Option {
  unitNames: string[];
}

export interface HandoverFormData {
  requestId: string;
  requestDate: IsoDate;
  family: NamedFamily;
  intakeUnits: Option[];
  receivingUnits: Option[];
  staff: StaffOption[];
}

export interface HandoverMember {
  id: string;
  role: HandoverRole;
  userId: string | null;
  userName: string | null;
  firstContactOn: IsoDate | null;
  wait: MemberWait;
  /** The reader may record this member's first contact (the member, or whoever plans the team). */
  mayRecordContact: boolean;
}

export interface HandoverDetail {
  id: string;
  requestId: string;
  family: NamedFamily;
  /** The reader sees the family without names (a unit manager who does not work with it). */
  minimal: boolean;
  handoverDate: IsoDate;
  fromUnit: Option;
  toUnit: Option;
  /** Null in the minimal view. */
  reason: string | null;
  handedOverBy: Option;
  workLeader: Option;
  version: number;
  waitLimitDays: number;
  members: HandoverMember[];
  /** The reader may change the team (the work leader, a unit manager of the receiving unit, a process leader). */
  mayPlan: boolean;
}

export interface HandoverSummary {
  id: string;
  requestId: string;
  family: NamedFamily;
  handoverDate: IsoDate;
  fromUnitName: string;
  toUnitName: string;
  /** Roles still to be assigned. */
  unassigned: number;
  /** Members whose wait (to a first contact, or to today) is above the municipality's limit. */
  overLimit: number;
}

const isRole = (role: string): role is HandoverRole => (handoverRoles as readonly string[]).includes(role);

function visibility(actor: Actor, scope: string): store.Visibility & requestStore.Visibility {
  if (scope === "municipality") return { all: true };
  return { all: false, userId: actor.id, unitIds: scope === "unit" ? actor.unitIds : [] };
}

/** Whether the actor plans the team of a handover received by `toUnitId` (led by `workLeaderId`). */
function plans(actor: Actor, row: { toUnitId: string; workLeaderId: string }): boolean {
  const scope = scopeFor(actor.roles, "processes.assign");
  if (scope === "municipality") return true;
  if (scope === "unit") return row.workLeaderId === actor.id || actor.unitIds.includes(row.toUnitId);
  return false;
}

async function familyOf(tx: Parameters<typeof loadFamilyNames>[0], requestId: string, today: IsoDate, minimal: boolean) {
  const names = await loadFamilyNames(tx, [requestId], today, () => minimal);
  const loaded = names.get(requestId);
  if (!loaded) throw new NotFoundError();
  return loaded;
}

/** What the form of a new handover needs: the family, the intake units, the receiving units the work leader may choose and the staff. */
export async function handoverForm(ctx: ServiceContext, requestId: string): Promise<HandoverFormData> {
  const { actor, scope } = await authorize(ctx, "processes.assign");
  if (!z.uuid().safeParse(requestId).success) throw new NotFoundError();
  return ctx.db.transaction(async (tx) => {
    const request = await requestStore.findVisible(tx, actor.municipalityId, visibility(actor, scope), requestId);
    if (!request) throw new NotFoundError();
    const minimal = scope !== "municipality" && !request.worksWithFamily;
    const family = await familyOf(tx, requestId, ctx.clock.today(), minimal);
    const units = (await store.unitsOf(tx, actor.municipalityId)).filter((u) => u.active);
    const staff = await store.staffOf(tx, actor.municipalityId);
    await auditView(tx, ctx, {
      action: "intake_handover.form",
      recordType: "request",
      recordId: requestId,
      subjectPersonIds: family.personIds,
    });
    return {
      requestId,
      requestDate: request.requestDate,
      family: family.family,
      intakeUnits: units.filter((u) => u.kind === "intake").map(({ id, name }) => ({ id, name })),
      receivingUnits: units
        .filter((u) => u.kind !== "intake" && (scope === "municipality" || actor.unitIds.includes(u.id)))
        .map(({ id, name }) => ({ id, name })),
      staff: staff.map((s) => ({ id: s.id, name: s.name, unitNames: s.unitNames })),
    };
  });
}

/** The staff who can be named in a team (for the team form). */
export async function staffOptions(ctx: ServiceContext): Promise<StaffOption[]> {
  const { actor } = await authorize(ctx, "processes.assign");
  const staff = await store.staffOf(ctx.db, actor.municipalityId);
  return staff.map((s) => ({ id: s.id, name: s.name, unitNames: s.unitNames }));
}

/** The named members must be active staff of the municipality; each unknown one is a field error. */
function checkMembers(members: TeamInput["members"], staff: ReadonlyArray<{ id: string }>, errors: FieldErrors): void {
  const known = new Set(staff.map((s) => s.id));
  members.forEach((m, i) => {
    if (m.userId !== null && !known.has(m.userId)) errors[`members.${i}.userId`] = "handovers.member.unknownUser";
  });
}

/**
 * Records a handover of the request's family: the handing-over unit must be of kind intake, the
 * receiving unit another one (a unit manager: one of their own), the date not in the future and not
 * before the request, the team at least one role. All refusals at once; nothing is changed by one.
 */
export async function createHandover(
  ctx: ServiceContext,
  requestId: string,
  input: HandoverInput,
): Promise<{ id: string; version: number }> {
  const { actor, scope } = await authorize(ctx, "processes.assign");
  if (!z.uuid().safeParse(requestId).success) throw new NotFoundError();
  return ctx.db.transaction(async (tx) => {
    const request = await requestStore.findVisible(tx, actor.municipalityId, visibility(actor, scope), requestId);
    if (!request) throw new NotFoundError();
    const data = parseOrThrow(handoverInput, input);
    const errors: FieldErrors = {};
    const units = await store.unitsOf(tx, actor.municipalityId);
    const from = units.find((u) => u.id === data.fromUnitId);
    const to = units.find((u) => u.id === data.toUnitId);
    if (!from?.active) errors.fromUnitId = "handovers.fromUnit.unknown";
    else if (from.kind !== "intake") errors.fromUnitId = "handovers.fromUnit.notIntake";
    if (!to?.active) errors.toUnitId = "handovers.toUnit.unknown";
    else if (data.toUnitId === data.fromUnitId) errors.toUnitId = "handovers.toUnit.same";
    else if (scope !== "municipality" && !actor.unitIds.includes(data.toUnitId)) errors.toUnitId = "handovers.toUnit.notYours";
    const date = parseIsoDate(data.handoverDate);
    const today = parseIsoDate(ctx.clock.today());
    const requested = parseIsoDate(request.requestDate);
    if (date && today && compareDates(date, today) > 0) errors.handoverDate = "handovers.date.future";
    else if (date && requested && compareDates(date, requested) < 0) errors.handoverDate = "handovers.date.beforeRequest";
    const staff = await store.staffOf(tx, actor.municipalityId);
    if (!staff.some((s) => s.id === data.handedOverBy)) errors.handedOverBy = "handovers.handedOverBy.unknown";
    checkMembers(data.members, staff, errors);
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    const id = await store.insertHandover(
      tx,
      {
        municipalityId: actor.municipalityId,
        requestId,
        handoverDate: data.handoverDate,
        fromUnitId: data.fromUnitId,
        toUnitId: data.toUnitId,
        reason: data.reason,
        handedOverBy: data.handedOverBy,
        workLeaderId: actor.id,
      },
      data.members,
    );
    await audit(tx, ctx, {
      action: "intake_handover.create",
      recordType: "intake_handover",
      recordId: id,
      // The roles and how many are to be assigned, never the reason's words.
      detail: { requestId, roles: data.members.map((m) => m.role), unassigned: data.members.filter((m) => m.userId === null).length },
    });
    return { id, version: 1 };
  });
}

async function loadVisible(tx: Parameters<typeof store.findVisible>[0], auth: Authorized, id: string) {
  if (!z.uuid().safeParse(id).success) throw new NotFoundError();
  const row = await store.findVisible(tx, auth.actor.municipalityId, visibility(auth.actor, auth.scope), id);
  if (!row) throw new NotFoundError();
  return row;
}

/** One handover with its team and each member's wait, audited in one row naming the family's persons shown. */
export async function getHandover(ctx: ServiceContext, id: string): Promise<HandoverDetail> {
  const auth = await authorize(ctx, "requests.view");
  return ctx.db.transaction(async (tx) => {
    const row = await loadVisible(tx, auth, id);
    const minimal = auth.scope !== "municipality" && !row.worksWithFamily;
    const today = ctx.clock.today();
    const family = await familyOf(tx, row.requestId, today, minimal);
    const members = await store.membersOf(tx, [row.id]);
    const mayPlan = plans(auth.actor, row);
    const entry: AuditEntry = {
      action: "intake_handover.view",
      recordType: "intake_handover",
      recordId: row.id,
      detail: { requestId: row.requestId, ...(minimal && { minimal }) },
    };
    await audit(tx, ctx, minimal ? entry : { ...entry, subjectPersonIds: family.personIds });
    return {
      id: row.id,
      requestId: row.requestId,
      family: family.family,
      minimal,
      handoverDate: row.handoverDate,
      fromUnit: { id: row.fromUnitId, name: row.fromUnitName },
      toUnit: { id: row.toUnitId, name: row.toUnitName },
      reason: minimal ? null : row.reason,
      handedOverBy: { id: row.handedOverBy, name: row.handedOverByName },
      workLeader: { id: row.workLeaderId, name: row.workLeaderName },
      version: row.version,
      waitLimitDays: row.waitLimitDays,
      mayPlan,
      members: members.flatMap((m) =>
        isRole(m.role)
          ? [
              {
                id: m.id,
                role: m.role,
                userId: m.userId,
                userName: m.userName,
                firstContactOn: m.firstContactOn,
                wait: memberWait(row.handoverDate, m.firstContactOn, today, row.waitLimitDays),
                mayRecordContact: m.userId !== null && (mayPlan || m.userId === auth.actor.id),
              },
            ]
          : [],
      ),
    };
  });
}

/**
 * The team planned again: a role to be assigned gets its person, a role is added or removed. A
 * member whose person changes loses the first contact recorded for the former one. A stale version
 * changes nothing (409).
 */
export async function updateTeam(ctx: ServiceContext, id: string, input: TeamInput): Promise<{ version: number }> {
  const auth = await authorize(ctx, "processes.assign");
  return ctx.db.transaction(async (tx) => {
    const row = await loadVisible(tx, auth, id);
    if (!plans(auth.actor, row)) throw new NotFoundError();
    const data = parseOrThrow(teamInput, input);
    const errors: FieldErrors = {};
    checkMembers(data.members, await store.staffOf(tx, auth.actor.municipalityId), errors);
    const existing = await store.membersOf(tx, [row.id]);
    data.members.forEach((m, i) => {
      if (m.id && !existing.some((e) => e.id === m.id)) errors[`members.${i}.role`] = "handovers.member.unknown";
    });
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    const saved = await store.bumpHandover(tx, row.id, data.version);
    if (!saved) throw new ConflictError();
    await store.replaceTeam(tx, row.id, existing, data.members);
    await audit(tx, ctx, {
      action: "intake_handover.team",
      recordType: "intake_handover",
      recordId: row.id,
      detail: { roles: data.members.map((m) => m.role), unassigned: data.members.filter((m) => m.userId === null).length },
    });
    return saved;
  });
}

/**
 * A member's first contact with the family, recorded by the member or whoever plans the team: not
 * before the handover, not in the future, and only for a named member. A stale version changes nothing (409).
 */
export async function recordFirstContact(ctx: ServiceContext, id: string, input: FirstContactInput): Promise<{ version: number }> {
  const auth = await authorize(ctx, "requests.view");
  return ctx.db.transaction(async (tx) => {
    const row = await loadVisible(tx, auth, id);
    const data = parseOrThrow(firstContactInput, input);
    const member = (await store.membersOf(tx, [row.id])).find((m) => m.id === data.memberId);
    if (!member) throw new ValidationError({ memberId: "handovers.member.unknown" });
    if (member.userId !== auth.actor.id && !plans(auth.actor, row)) throw new ForbiddenError("processes.assign");
    const errors: FieldErrors = {};
    const on = parseIsoDate(data.firstContactOn);
    const handedOver = parseIsoDate(row.handoverDate);
    const today = parseIsoDate(ctx.clock.today());
    if (member.userId === null) errors.memberId = "handovers.contact.unassigned";
    else if (on && handedOver && compareDates(on, handedOver) < 0) errors.firstContactOn = "handovers.contact.beforeHandover";
    else if (on && today && compareDates(on, today) > 0) errors.firstContactOn = "handovers.contact.future";
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    const saved = await store.bumpHandover(tx, row.id, data.version);
    if (!saved) throw new ConflictError();
    await store.setFirstContact(tx, member.id, data.firstContactOn, auth.actor.id);
    await audit(tx, ctx, {
      action: "intake_handover.first_contact",
      recordType: "intake_handover",
      recordId: row.id,
      detail: { memberId: member.id, role: member.role },
    });
    return saved;
  });
}

function summaries(
  rows: Awaited<ReturnType<typeof store.listVisible>>,
  members: Awaited<ReturnType<typeof store.membersOf>>,
  names: Awaited<ReturnType<typeof loadFamilyNames>>,
  today: IsoDate,
): HandoverSummary[] {
  return rows.flatMap((r) => {
    const family = names.get(r.requestId)?.family;
    if (!family) return [];
    const team = members.filter((m) => m.handoverId === r.id);
    return [
      {
        id: r.id,
        requestId: r.requestId,
        family,
        handoverDate: r.handoverDate,
        fromUnitName: r.fromUnitName,
        toUnitName: r.toUnitName,
        unassigned: team.filter((m) => m.userId === null).length,
        overLimit: team.filter((m) => memberWait(r.handoverDate, m.firstContactOn, today, r.waitLimitDays).overLimit).length,
      },
    ];
  });
}

/**
 * The handovers the reader sees (of one request when given), newest first. The list names the
 * families: one audit row naming every person shown (decision 0051); a request's own page names
 * its family already and is audited there, so its section writes none.
 */
export async function listHandovers(ctx: ServiceContext, opts: { requestId?: string } = {}): Promise<HandoverSummary[]> {
  const { actor, scope } = await authorize(ctx, "requests.view");
  if (opts.requestId !== undefined && !z.uuid().safeParse(opts.requestId).success) throw new NotFoundError();
  return ctx.db.transaction(async (tx) => {
    // A request one may not see does not exist for one: its handovers are not an empty list.
    if (
      opts.requestId !== undefined &&
      !(await requestStore.findVisible(tx, actor.municipalityId, visibility(actor, scope), opts.requestId))
    )
      throw new NotFoundError();
    const rows = await store.listVisible(tx, actor.municipalityId, visibility(actor, scope), opts.requestId);
    const minimalOf = new Map(rows.map((r) => [r.requestId, scope !== "municipality" && !r.worksWithFamily]));
    const today = ctx.clock.today();
    const names = await loadFamilyNames(
      tx,
      rows.map((r) => r.requestId),
      today,
      (requestId) => minimalOf.get(requestId) ?? true,
    );
    const members = await store.membersOf(
      tx,
      rows.map((r) => r.id),
    );
    if (opts.requestId === undefined)
      await auditView(tx, ctx, {
        action: "intake_handover.list",
        recordType: "intake_handover",
        subjectPersonIds: [...new Set([...names.values()].flatMap((n) => n.personIds))],
        detail: { handovers: rows.map((r) => r.id) },
      });
    return summaries(rows, members, names, today);
  });
}

export interface HandoverWaitFigure {
  role: HandoverRole;
  /** How many waits ended with a first contact in the period. */
  n: number;
  /** Hidden (null) below the municipality's minimum group size. */
  medianDays: number | null;
  /** Share (0–100) of the waits within the limit; null when hidden. */
  withinPercent: number | null;
  suppressed: boolean;
}

/**
 * The follow-up's figures of the waits from handover to first contact, per role, each wait
 * counted in the period of its first contact: how many, the median and the share within the
 * municipality's limit, hidden below the minimum group size. Not authorized and not audited: for
 * the follow-up's use case, which does both.
 */
export async function handoverWaitFigures(
  db: Parameters<typeof store.waitFigures>[0],
  municipalityId: string,
  period: { from: IsoDate; to: IsoDate },
  limitDays: number,
  minGroupSize: number,
): Promise<HandoverWaitFigure[]> {
  const rows = await store.waitFigures(db, municipalityId, period.from, period.to, limitDays);
  return handoverRoles.flatMap((role) => {
    const r = rows.find((x) => x.role === role);
    if (!r || r.n === 0) return [];
    const suppressed = r.n < minGroupSize;
    return [
      {
        role,
        n: r.n,
        medianDays: suppressed ? null : r.median,
        withinPercent: suppressed ? null : (100 * r.within) / r.n,
        suppressed,
      },
    ];
  });
}
