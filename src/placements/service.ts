/**
 * Placements and the placement forum (issue 18, Skarpnäck's placeringsforum): who may see a placed
 * child (need-to-know), recording and ending placements (never overlapping, checked under a lock of
 * the child's row), and the forum: planned, attended, held, its agenda for its date, the decision
 * and next steps per child. Every display of a child's personal data is audited in the read's
 * transaction, one row naming every child (and parent) shown (decision 0051); a child of a Sofia
 * family is named by the request person's id, a child without a process by the placed child's id.
 */
import type { z } from "zod";
import { maskIdentityNumber, parseIdentityNumber } from "../families/index.ts";
import { audit, auditView } from "../platform/audit.ts";
import { type Authorized, authorize, type ServiceContext } from "../platform/context.ts";
import type { DbOrTx } from "../platform/database.ts";
import { ConflictError, type FieldErrors, issueErrors, NotFoundError, parseOrThrow, ValidationError } from "../platform/errors.ts";
import { openIdentityNumber, sealIdentityNumber } from "../platform/identity-crypto.ts";
import { scopeFor } from "../platform/permissions.ts";
import { visibilityFor, visibleProcess } from "../processes/index.ts";
import { type ActionStatus, actionStatus, daysPlaced, overlapping, placedOn, placementProblems } from "./model.ts";
import {
  type ActionDoneInput,
  type AttendanceInput,
  actionDoneBody,
  attendanceBody,
  type ChildInput,
  childBody,
  type ForumInput,
  forumBody,
  type HeldInput,
  heldBody,
  type PlacementEndInput,
  type PlacementInput,
  type PlacementPatchInput,
  placementBody,
  placementEndBody,
  placementPatchBody,
  type ReviewInput,
  reviewBody,
} from "./schemas.ts";
import * as store from "./store.ts";

export type { ActionRow, ChildRow, ForumRow, PlacementRow, ReviewRow } from "./store.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (id: string | null | undefined): id is string => typeof id === "string" && UUID.test(id);

/** The placed child as the audit log names them: the request person of a Sofia child, the placed child otherwise. */
export const personOf = (c: { id: string; requestPersonId: string | null }) => c.requestPersonId ?? c.id;

/** The reader's need-to-know over placed children, with the processes module's rule for the Sofia children. */
export function visibility(auth: Authorized): store.ChildVisibility {
  if (auth.scope === "municipality") return { all: true };
  const processScope = scopeFor(auth.actor.roles, "processes.view");
  const processes = processScope
    ? (visibleProcess(auth.actor.municipalityId, visibilityFor({ actor: auth.actor, scope: processScope })) ?? null)
    : null;
  return { all: false, userId: auth.actor.id, unitIds: auth.actor.unitIds, processes };
}

/** The family units the reader may record placements and forums for: the municipality's, or their own. */
async function unitsFor(db: DbOrTx, auth: Authorized) {
  const all = await store.familyUnits(db, auth.actor.municipalityId);
  return auth.scope === "municipality" ? all : all.filter((u) => auth.actor.unitIds.includes(u.id));
}

export interface Choice {
  id: string;
  name: string;
}

/** Who may be named responsible (caseworker, next step) for a unit: its staff and the process leaders. */
async function staffChoices(db: DbOrTx, municipalityId: string, unitIds: string[]): Promise<Choice[]> {
  const [staff, leaders] = await Promise.all([store.staffOf(db, municipalityId, unitIds), store.leadersOf(db, municipalityId)]);
  const seen = new Map<string, Choice>();
  for (const s of [...staff, ...leaders]) seen.set(s.id, s);
  return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name, "sv"));
}

// ---- The list and one child ----

export interface ChildSummary extends store.ChildRow {
  maskedIdentityNumber: string | null;
  current: store.PlacementRow | null;
  daysPlaced: number | null;
}

function summarise(c: store.ChildRow, placements: store.PlacementRow[], today: string): ChildSummary {
  const mine = placements.filter((p) => p.placedChildId === c.id);
  const current = mine.find((p) => placedOn(p, today)) ?? null;
  const number = openIdentityNumber(c.identityNumberSealed);
  return {
    ...c,
    maskedIdentityNumber: number ? maskIdentityNumber(number) : null,
    current,
    daysPlaced: current ? daysPlaced(current, today) : null,
  };
}

export interface ChildList {
  children: ChildSummary[];
  canWrite: boolean;
}

/** The placed children the reader may see (need-to-know), audited in one row naming them all. */
export async function listChildren(ctx: ServiceContext): Promise<ChildList> {
  const auth = await authorize(ctx, "placements.read");
  const today = ctx.clock.today();
  return ctx.db.transaction(async (tx) => {
    const rows = await store.childrenOf(tx, auth.actor.municipalityId, visibility(auth));
    const placements = await store.placementsOf(
      tx,
      rows.map((r) => r.id),
    );
    await auditView(tx, ctx, {
      action: "placement.list",
      recordType: "placed_child",
      subjectPersonIds: rows.map(personOf),
      detail: { placedChildIds: rows.map((r) => r.id) },
    });
    return { children: rows.map((r) => summarise(r, placements, today)), canWrite: !!scopeFor(auth.actor.roles, "placements.write") };
  });
}

export interface ActionView extends store.ActionRow {
  status: ActionStatus;
}
export interface ReviewView extends store.ReviewRow {
  actions: ActionView[];
}

export interface ChildPage {
  child: ChildSummary;
  placements: store.PlacementRow[];
  reviews: ReviewView[];
  canWrite: boolean;
}

async function loadChild(tx: DbOrTx, auth: Authorized, id: string): Promise<store.ChildRow> {
  const row = isUuid(id) ? await store.child(tx, auth.actor.municipalityId, visibility(auth), id) : undefined;
  if (!row) throw new NotFoundError();
  return row;
}

async function reviewViews(tx: DbOrTx, reviews: store.ReviewRow[], on: string): Promise<ReviewView[]> {
  const actions = await store.actionsOf(
    tx,
    reviews.map((r) => r.id),
  );
  return reviews.map((r) => ({
    ...r,
    actions: actions.filter((a) => a.reviewId === r.id).map((a) => ({ ...a, status: actionStatus(a, on) })),
  }));
}

/** A placed child with every placement and the forums' decisions; 404 outside the reader's need-to-know. Audited. */
export async function getChild(ctx: ServiceContext, id: string): Promise<ChildPage> {
  const auth = await authorize(ctx, "placements.read");
  const today = ctx.clock.today();
  return ctx.db.transaction(async (tx) => {
    const row = await loadChild(tx, auth, id);
    const placements = await store.placementsOf(tx, [row.id]);
    const reviews = await reviewViews(tx, await store.reviewsOfChildren(tx, [row.id]), today);
    await audit(tx, ctx, {
      action: "placement.child_view",
      recordType: "placed_child",
      recordId: row.id,
      subjectPersonId: personOf(row),
    });
    return {
      child: summarise(row, placements, today),
      placements,
      reviews,
      canWrite: !!scopeFor(auth.actor.roles, "placements.write"),
    };
  });
}

// ---- A new placed child (with the first placement) ----

export interface ChildFormData {
  units: Choice[];
  staff: Choice[];
  /** The Sofia child the form is for, if any. */
  sofiaChild: { id: string; name: string; unitId: string | null } | null;
  /** The Sofia child is already a placed child: the form for a further placement is theirs. */
  existingChildId: string | null;
}

async function sofiaChildFor(tx: DbOrTx, auth: Authorized, requestPersonId: string) {
  const person = isUuid(requestPersonId) ? await store.requestChild(tx, requestPersonId) : undefined;
  if (person?.kind !== "child" || person.municipalityId !== auth.actor.municipalityId) throw new NotFoundError();
  const v = visibility(auth);
  if (!v.all && !(await store.requestVisible(tx, person.requestId, v.processes))) throw new NotFoundError();
  return person;
}

/** What the form for a new placed child offers; for a Sofia child, the child if the reader works with the family. */
export async function childForm(ctx: ServiceContext, requestPersonId?: string): Promise<ChildFormData> {
  const auth = await authorize(ctx, "placements.write");
  return ctx.db.transaction(async (tx) => {
    const units = await unitsFor(tx, auth);
    const staff = await staffChoices(
      tx,
      auth.actor.municipalityId,
      units.map((u) => u.id),
    );
    if (!requestPersonId) return { units, staff, sofiaChild: null, existingChildId: null };
    const person = await sofiaChildFor(tx, auth, requestPersonId);
    const existing = await store.childOfRequestPerson(tx, person.id);
    await audit(tx, ctx, { action: "placement.child_form", recordType: "placed_child", subjectPersonId: person.id });
    return {
      units,
      staff,
      sofiaChild: { id: person.id, name: person.name, unitId: person.unitId },
      existingChildId: existing ?? null,
    };
  });
}

function placementValues(input: z.output<typeof placementBody>): store.PlacementValues {
  return {
    kind: input.kind,
    legalBasis: input.legalBasis,
    startDate: input.startDate,
    plannedEndDate: input.plannedEndDate,
    endDate: null,
    endDestination: null,
    returnHomePlan: input.returnHomePlan === "" ? null : input.returnHomePlan,
  };
}

/** Refuses a placement that overlaps another of the child's: call under the child's lock. */
async function refuseOverlap(tx: DbOrTx, childId: string, span: { id?: string; startDate: string; endDate: string | null }) {
  const others = await store.placementsOf(tx, [childId]);
  if (overlapping(span, others)) throw new ValidationError({ startDate: "placements.overlap" });
}

/** The schema's errors together with the child's own required fields, so that the form shows every error at once. */
function parseChild(raw: ChildInput): z.output<typeof childBody> {
  const parsed = childBody.safeParse(raw);
  if (parsed.success) return parsed.data;
  const errors = issueErrors(parsed.error.issues);
  const r = (raw !== null && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  const given = (v: unknown) => typeof v === "string" && v.trim() !== "";
  if (!given(r.requestPersonId)) {
    if (!given(r.name)) errors.name ??= "placements.name.required";
    if (!given(r.identityNumber) && !given(r.birthDate)) errors.birthDate ??= "placements.birthDate.required";
  }
  throw new ValidationError(errors);
}

/**
 * Records a placed child and the first placement: a child of a Sofia family whom the reader works
 * with (already placed before: the further placement is theirs), or a child without a Sofia process
 * (name, and the identity number or the birth date). Bad input is refused field by field and changes nothing.
 */
export async function createChild(ctx: ServiceContext, raw: ChildInput): Promise<{ id: string; placementId: string }> {
  const auth = await authorize(ctx, "placements.write");
  const input = parseChild(raw);
  const today = ctx.clock.today();
  const errors: FieldErrors = placementProblems({ ...input, endDate: null, endDestination: null });
  return ctx.db.transaction(async (tx) => {
    const units = await unitsFor(tx, auth);
    if (!units.some((u) => u.id === input.unitId)) errors.unitId = "placements.unit.unknown";
    if (input.caseworkerId) {
      const staff = await staffChoices(tx, auth.actor.municipalityId, [input.unitId]);
      if (!staff.some((s) => s.id === input.caseworkerId)) errors.caseworkerId = "placements.caseworker.unknown";
    }
    let identity: ReturnType<typeof sealIdentityNumber> = { identityNumberSealed: null, identityNumberIndex: null };
    let birthDate = input.birthDate;
    let sofia: Awaited<ReturnType<typeof sofiaChildFor>> | null = null;
    if (input.requestPersonId) {
      sofia = await sofiaChildFor(tx, auth, input.requestPersonId);
    } else {
      if (!input.name) errors.name = "placements.name.required";
      if (input.identityNumber) {
        const parsed = parseIdentityNumber(input.identityNumber, today);
        if (!parsed.ok) errors.identityNumber = parsed.error;
        else {
          identity = sealIdentityNumber(parsed.value.normalized);
          if (birthDate && birthDate !== parsed.value.birthDate) errors.birthDate = "placements.birthDate.notIdentity";
          birthDate = parsed.value.birthDate;
        }
      } else if (!birthDate) errors.birthDate = "placements.birthDate.required";
      if (birthDate && birthDate > today) errors.birthDate = "placements.birthDate.future";
    }
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    const values = placementValues(input);
    let childId = sofia ? await store.childOfRequestPerson(tx, sofia.id) : undefined;
    if (childId) {
      await store.lockChild(tx, childId);
      await refuseOverlap(tx, childId, { startDate: values.startDate, endDate: null });
      await store.bumpChild(tx, childId);
    } else {
      childId = await store.insertChild(tx, {
        municipalityId: auth.actor.municipalityId,
        unitId: input.unitId,
        caseworkerId: input.caseworkerId || null,
        requestPersonId: sofia?.id ?? null,
        name: sofia ? null : input.name,
        birthDate: sofia ? null : birthDate,
        ...(sofia ? { identityNumberSealed: null, identityNumberIndex: null } : identity),
        createdBy: auth.actor.id,
      });
      await store.lockChild(tx, childId);
    }
    const placementId = await store.insertPlacement(tx, childId, auth.actor.id, values);
    await audit(tx, ctx, {
      action: "placement.create",
      recordType: "placement",
      recordId: placementId,
      subjectPersonId: sofia?.id ?? childId,
      detail: { placedChildId: childId, unitId: input.unitId, ...values, returnHomePlan: values.returnHomePlan !== null },
    });
    return { id: childId, placementId };
  });
}

/** A further placement of a placed child; an overlap with another of the child's placements is refused. */
export async function addPlacement(
  ctx: ServiceContext,
  childId: string,
  raw: PlacementInput,
): Promise<{ id: string; placementId: string }> {
  const auth = await authorize(ctx, "placements.write");
  const input = parseOrThrow(placementBody, raw);
  const errors = placementProblems({ ...input, endDate: null, endDestination: null });
  return ctx.db.transaction(async (tx) => {
    const row = await loadChild(tx, auth, childId);
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    await store.lockChild(tx, row.id);
    const values = placementValues(input);
    await refuseOverlap(tx, row.id, { startDate: values.startDate, endDate: null });
    const placementId = await store.insertPlacement(tx, row.id, auth.actor.id, values);
    await store.bumpChild(tx, row.id);
    await audit(tx, ctx, {
      action: "placement.create",
      recordType: "placement",
      recordId: placementId,
      subjectPersonId: personOf(row),
      detail: { placedChildId: row.id, ...values, returnHomePlan: values.returnHomePlan !== null },
    });
    return { id: row.id, placementId };
  });
}

export interface PlacementPage {
  child: ChildSummary;
  placement: store.PlacementRow;
}

async function loadPlacement(tx: DbOrTx, auth: Authorized, id: string) {
  const placement = isUuid(id) ? await store.placement(tx, id) : undefined;
  if (!placement) throw new NotFoundError();
  const child = await loadChild(tx, auth, placement.placedChildId);
  return { child, placement };
}

/** One placement for its edit or end form; audited as a view of the child. */
export async function getPlacement(ctx: ServiceContext, id: string): Promise<PlacementPage> {
  const auth = await authorize(ctx, "placements.write");
  return ctx.db.transaction(async (tx) => {
    const { child, placement } = await loadPlacement(tx, auth, id);
    await audit(tx, ctx, {
      action: "placement.child_view",
      recordType: "placement",
      recordId: placement.id,
      subjectPersonId: personOf(child),
    });
    return { child: summarise(child, [placement], ctx.clock.today()), placement };
  });
}

async function changePlacement(
  ctx: ServiceContext,
  auth: Authorized,
  id: string,
  version: number,
  next: (current: store.PlacementRow) => store.PlacementValues,
  action: "placement.update" | "placement.end",
) {
  return ctx.db.transaction(async (tx) => {
    const { child } = await loadPlacement(tx, auth, id);
    await store.lockChild(tx, child.id);
    const current = await store.placement(tx, id);
    if (!current) throw new NotFoundError();
    if (current.version !== version) throw new ConflictError();
    const values = next(current);
    const errors = placementProblems(values);
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    await refuseOverlap(tx, child.id, { id, startDate: values.startDate, endDate: values.endDate });
    if (!(await store.updatePlacement(tx, id, version, values))) throw new ConflictError();
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const [k, v] of Object.entries(values)) {
      const was = current[k as keyof store.PlacementValues];
      if (was !== v) changes[k] = k === "returnHomePlan" ? { from: was !== null, to: v !== null } : { from: was, to: v };
    }
    await audit(tx, ctx, { action, recordType: "placement", recordId: id, subjectPersonId: personOf(child), detail: { changes } });
    return { id: child.id, placementId: id };
  });
}

/** Edits a placement's kind, basis, dates and plan; a stale version is a conflict (409). */
export async function updatePlacement(ctx: ServiceContext, id: string, raw: PlacementPatchInput) {
  const auth = await authorize(ctx, "placements.write");
  const input = parseOrThrow(placementPatchBody, raw);
  return changePlacement(
    ctx,
    auth,
    id,
    input.version,
    (current) => ({
      ...placementValues(input),
      endDate: current.endDate,
      endDestination: current.endDestination,
    }),
    "placement.update",
  );
}

/** Ends a placement: the last day (not before the start) and where the child went (required). */
export async function endPlacement(ctx: ServiceContext, id: string, raw: PlacementEndInput) {
  const auth = await authorize(ctx, "placements.write");
  const input = parseOrThrow(placementEndBody, raw);
  return changePlacement(
    ctx,
    auth,
    id,
    input.version,
    (current) => ({
      kind: current.kind,
      legalBasis: current.legalBasis,
      startDate: current.startDate,
      plannedEndDate: current.plannedEndDate,
      returnHomePlan: current.returnHomePlan,
      endDate: input.endDate,
      endDestination: input.endDestination,
    }),
    "placement.end",
  );
}

// ---- The forum ----

export interface ForumList {
  forums: store.ForumRow[];
  canWrite: boolean;
}

/** The forums of the reader's units (the municipality's for a process leader): no personal data of children. */
export async function listForums(ctx: ServiceContext): Promise<ForumList> {
  const auth = await authorize(ctx, "placements.read");
  const forums = await store.forumsOf(ctx.db, auth.actor.municipalityId, auth.scope === "municipality" ? null : auth.actor.unitIds);
  return { forums, canWrite: !!scopeFor(auth.actor.roles, "placements.write") };
}

export interface ForumFormData {
  units: Choice[];
  staff: Choice[];
}

export async function forumForm(ctx: ServiceContext): Promise<ForumFormData> {
  const auth = await authorize(ctx, "placements.write");
  const units = await unitsFor(ctx.db, auth);
  return {
    units,
    staff: await staffChoices(
      ctx.db,
      auth.actor.municipalityId,
      units.map((u) => u.id),
    ),
  };
}

/** Plans a forum of a unit; the unit manager convenes it unless someone else is named. */
export async function createForum(ctx: ServiceContext, raw: ForumInput): Promise<{ id: string }> {
  const auth = await authorize(ctx, "placements.write");
  const input = parseOrThrow(forumBody, raw);
  return ctx.db.transaction(async (tx) => {
    const errors: FieldErrors = {};
    const units = await unitsFor(tx, auth);
    if (!units.some((u) => u.id === input.unitId)) throw new ValidationError({ unitId: "placements.unit.unknown" });
    let convenedBy = input.convenedBy || (await store.unitManagerOf(tx, input.unitId)) || auth.actor.id;
    if (input.convenedBy) {
      const staff = await staffChoices(tx, auth.actor.municipalityId, [input.unitId]);
      if (!staff.some((s) => s.id === input.convenedBy)) errors.convenedBy = "placements.convener.unknown";
    }
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    convenedBy = convenedBy as string;
    const id = await store.insertForum(tx, {
      municipalityId: auth.actor.municipalityId,
      unitId: input.unitId,
      forumDate: input.forumDate,
      convenedBy,
    });
    await audit(tx, ctx, {
      action: "placement_forum.create",
      recordType: "placement_forum",
      recordId: id,
      detail: { unitId: input.unitId, forumDate: input.forumDate, convenedBy },
    });
    return { id };
  });
}

async function loadForum(tx: DbOrTx, auth: Authorized, id: string): Promise<store.ForumRow> {
  const forum = isUuid(id) ? await store.forum(tx, auth.actor.municipalityId, id) : undefined;
  if (!forum || (auth.scope !== "municipality" && !auth.actor.unitIds.includes(forum.unitId))) throw new NotFoundError();
  return forum;
}

export interface Parent {
  /** The guardian of the request (Sofia child); null for a child without a Sofia process. */
  id: string | null;
  name: string;
  /** The guardian has a substance problem (the request says so): name the addiction side's support. */
  substanceProblem: boolean;
}

export interface AgendaItem {
  child: ChildSummary;
  /** The placement going on at the forum's date. */
  placement: store.PlacementRow;
  daysPlaced: number;
  parents: Parent[];
  /** What was agreed last time: the child's latest review at an earlier forum, the next steps' status at this forum's date. */
  previous: ReviewView | null;
  /** The decision of this forum, if recorded. */
  review: ReviewView | null;
}

export interface ForumPage {
  forum: store.ForumRow;
  attendees: Choice[];
  staff: Choice[];
  items: AgendaItem[];
  canWrite: boolean;
  /** Whether the forum's date has come (it may be marked held). */
  mayBeHeld: boolean;
}

/**
 * A forum with its agenda, built for its date: every child of the unit the reader may see with a
 * placement going on that day (start ≤ date, no end or end ≥ date), days placed, the return-home
 * plan, last time's decision and next steps (due, open or done at the date), and this forum's
 * decision. Audited in one row naming every child and parent shown.
 */
export async function getForum(ctx: ServiceContext, id: string): Promise<ForumPage> {
  const auth = await authorize(ctx, "placements.read");
  return ctx.db.transaction(async (tx) => {
    const forum = await loadForum(tx, auth, id);
    const on = forum.forumDate;
    const ids = new Set(await store.placedAt(tx, forum.unitId, on));
    const rows = (await store.childrenOf(tx, auth.actor.municipalityId, visibility(auth), { unitId: forum.unitId })).filter((c) =>
      ids.has(c.id),
    );
    const childIds = rows.map((c) => c.id);
    const placements = await store.placementsOf(tx, childIds);
    const previous = await reviewViews(tx, await store.previousReviews(tx, childIds, on), on);
    const current = await reviewViews(tx, await store.reviewsOfForum(tx, forum.id), on);
    const guardians = await store.guardiansOf(tx, [...new Set(rows.flatMap((c) => (c.requestId ? [c.requestId] : [])))]);
    const items: AgendaItem[] = rows.flatMap((c) => {
      const placement = placements.find((p) => p.placedChildId === c.id && placedOn(p, on));
      if (!placement) return [];
      return [
        {
          child: summarise(c, placements, on),
          placement,
          daysPlaced: daysPlaced(placement, on),
          parents: guardians
            .filter((g) => g.requestId === c.requestId)
            .map((g) => ({ id: g.id, name: g.name, substanceProblem: g.substanceProblem === "yes" })),
          previous: previous.find((r) => r.placedChildId === c.id) ?? null,
          review: current.find((r) => r.placedChildId === c.id) ?? null,
        },
      ];
    });
    const [attendees, staff] = await Promise.all([
      store.attendeesOf(tx, forum.id),
      staffChoices(tx, auth.actor.municipalityId, [forum.unitId]),
    ]);
    await auditView(tx, ctx, {
      action: "placement_forum.agenda",
      recordType: "placement_forum",
      recordId: forum.id,
      subjectPersonIds: [...items.map((i) => personOf(i.child)), ...items.flatMap((i) => i.parents.flatMap((p) => (p.id ? [p.id] : [])))],
      detail: { placedChildIds: items.map((i) => i.child.id), forumDate: on },
    });
    return {
      forum,
      attendees,
      staff,
      items,
      canWrite: !!scopeFor(auth.actor.roles, "placements.write"),
      mayBeHeld: on <= ctx.clock.today(),
    };
  });
}

/** Records who attended (the unit's staff and the process leaders). */
export async function setAttendance(ctx: ServiceContext, id: string, raw: AttendanceInput): Promise<{ id: string }> {
  const auth = await authorize(ctx, "placements.write");
  const input = parseOrThrow(attendanceBody, raw);
  return ctx.db.transaction(async (tx) => {
    const forum = await loadForum(tx, auth, id);
    const attendeeIds = [...new Set(input.attendeeIds)];
    const staff = await staffChoices(tx, auth.actor.municipalityId, [forum.unitId]);
    if (attendeeIds.some((a) => !staff.some((s) => s.id === a))) throw new ValidationError({ attendeeIds: "placements.attendees.unknown" });
    const locked = await store.lockForum(tx, forum.id);
    if (!locked || locked.version !== input.version) throw new ConflictError();
    await store.replaceAttendees(tx, forum.id, attendeeIds);
    if (!(await store.bumpForum(tx, forum.id, input.version, {}))) throw new ConflictError();
    await audit(tx, ctx, {
      action: "placement_forum.attendance",
      recordType: "placement_forum",
      recordId: forum.id,
      subjectUserIds: attendeeIds,
      detail: { attendeeIds: [...attendeeIds].sort() },
    });
    return { id: forum.id };
  });
}

/** Marks the forum held; a forum dated after today cannot be (field error, nothing changed). */
export async function markHeld(ctx: ServiceContext, id: string, raw: HeldInput): Promise<{ id: string }> {
  const auth = await authorize(ctx, "placements.write");
  const input = parseOrThrow(heldBody, raw);
  return ctx.db.transaction(async (tx) => {
    const forum = await loadForum(tx, auth, id);
    if (!input.held) throw new ValidationError({ held: "placements.held.confirm" });
    if (forum.forumDate > ctx.clock.today()) throw new ValidationError({ held: "placements.held.future" });
    const locked = await store.lockForum(tx, forum.id);
    if (!locked || locked.version !== input.version) throw new ConflictError();
    if (locked.heldAt) throw new ConflictError("placements.held.already", "held");
    if (!(await store.bumpForum(tx, forum.id, input.version, { heldAt: ctx.clock.now() }))) throw new ConflictError();
    await audit(tx, ctx, {
      action: "placement_forum.held",
      recordType: "placement_forum",
      recordId: forum.id,
      detail: { forumDate: forum.forumDate },
    });
    return { id: forum.id };
  });
}

/** The agenda item of one child at a forum (the decision form), 404 if the child is not on the agenda. */
export async function getReviewItem(ctx: ServiceContext, forumId: string, childId: string): Promise<{ page: ForumPage; item: AgendaItem }> {
  const page = await getForum(ctx, forumId);
  const item = page.items.find((i) => i.child.id === childId);
  if (!item) throw new NotFoundError();
  return { page, item };
}

/**
 * Records the forum's decision for a child on its agenda and the next steps: for the child and for
 * each parent, each with a responsible person (required: refused with a field error otherwise) and
 * a due date. A row without any text is left out; at least one next step is required.
 */
export async function recordReview(ctx: ServiceContext, forumId: string, raw: ReviewInput): Promise<{ id: string; reviewId: string }> {
  const auth = await authorize(ctx, "placements.write");
  const input = parseOrThrow(reviewBody, raw);
  return ctx.db.transaction(async (tx) => {
    const forum = await loadForum(tx, auth, forumId);
    const on = forum.forumDate;
    const child = await loadChild(tx, auth, input.placedChildId).catch(() => {
      throw new ValidationError({ placedChildId: "placements.child.notOnAgenda" });
    });
    if (child.unitId !== forum.unitId) throw new ValidationError({ placedChildId: "placements.child.notOnAgenda" });
    await store.lockChild(tx, child.id);
    const placement = (await store.placementsOf(tx, [child.id])).find((p) => placedOn(p, on));
    if (!placement) throw new ValidationError({ placedChildId: "placements.child.notOnAgenda" });
    if (await store.reviewExists(tx, forum.id, child.id)) throw new ConflictError("placements.review.exists", "decision");
    const staff = await staffChoices(tx, auth.actor.municipalityId, [forum.unitId]);
    const guardians = child.requestId ? await store.guardiansOf(tx, [child.requestId]) : [];
    const errors: FieldErrors = {};
    const rows: Array<Parameters<typeof store.insertReview>[2][number]> = [];
    input.actions.forEach((a, i) => {
      const empty = !a.action && !a.support && !a.responsibleId && !a.dueDate;
      if (empty) return;
      const at = (field: string) => `actions.${i}.${field}`;
      if (!a.action) errors[at("action")] = "placements.action.required";
      if (!a.responsibleId) errors[at("responsibleId")] = "placements.action.responsibleRequired";
      else if (!staff.some((s) => s.id === a.responsibleId)) errors[at("responsibleId")] = "placements.action.responsibleUnknown";
      if (!a.dueDate) errors[at("dueDate")] = "placements.action.dueRequired";
      let guardianId: string | null = null;
      let parentLabel: string | null = null;
      if (a.subject === "parent") {
        if (child.requestPersonId) {
          if (!a.guardianId || !guardians.some((g) => g.id === a.guardianId))
            errors[at("guardianId")] = "placements.action.guardianUnknown";
          else guardianId = a.guardianId;
        } else if (!a.parentLabel) errors[at("parentLabel")] = "placements.action.parentRequired";
        else parentLabel = a.parentLabel;
      }
      if (a.action && a.responsibleId && a.dueDate)
        rows.push({
          subject: a.subject,
          guardianId,
          parentLabel,
          action: a.action,
          support: a.support || null,
          responsibleId: a.responsibleId,
          dueDate: a.dueDate,
        });
    });
    if (Object.keys(errors).length === 0 && rows.length === 0) errors["actions.0.responsibleId"] = "placements.action.atLeastOne";
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    const reviewId = await store.insertReview(
      tx,
      { forumId: forum.id, placedChildId: child.id, placementId: placement.id, decision: input.decision, createdBy: auth.actor.id },
      rows,
    );
    await audit(tx, ctx, {
      action: "placement_forum.review",
      recordType: "placement_forum",
      recordId: forum.id,
      subjectPersonId: personOf(child),
      detail: { reviewId, placedChildId: child.id, actions: rows.length },
    });
    return { id: forum.id, reviewId };
  });
}

/** Marks a next step done (on a date up to today, by default today). */
export async function markActionDone(
  ctx: ServiceContext,
  id: string,
  raw: ActionDoneInput,
): Promise<{ id: string; forumId: string; placedChildId: string }> {
  const auth = await authorize(ctx, "placements.write");
  const today = ctx.clock.today();
  return ctx.db.transaction(async (tx) => {
    // The step and its child first: one the reader may not see is not found, whatever the body.
    const action = isUuid(id) ? await store.actionWithChild(tx, id) : undefined;
    if (!action) throw new NotFoundError();
    const child = await loadChild(tx, auth, action.placedChildId);
    const input = parseOrThrow(actionDoneBody, raw);
    const doneOn = input.doneOn ?? today;
    if (doneOn > today) throw new ValidationError({ doneOn: "placements.action.doneFuture" });
    if (action.doneOn !== null) throw new ConflictError("placements.action.alreadyDone");
    if (action.version !== input.version || !(await store.markActionDone(tx, id, input.version, doneOn))) throw new ConflictError();
    await audit(tx, ctx, {
      action: "placement_forum.action_done",
      recordType: "placement_forum",
      recordId: action.forumId,
      subjectPersonId: personOf(child),
      detail: { actionId: id, doneOn },
    });
    return { id, forumId: action.forumId, placedChildId: child.id };
  });
}

// ---- The family page's section ----

export interface FamilyPlacements {
  children: Array<{ requestPersonId: string; name: string; placedChildId: string | null; placements: store.PlacementRow[] }>;
  canWrite: boolean;
}

/**
 * The placements of a Sofia family's children for the family page (the process's page already
 * showed the persons): null when the reader may not read placements. Audited when a placement is shown.
 */
export async function familyPlacements(
  ctx: ServiceContext,
  children: ReadonlyArray<{ id: string; name: string }>,
): Promise<FamilyPlacements | null> {
  const actor = ctx.actor;
  if (!actor || !scopeFor(actor.roles, "placements.read")) return null;
  const auth = await authorize(ctx, "placements.read");
  // A section of the family page, which reads without a transaction (decision 0054): only this
  // family's children, and their placements only when one of them is placed.
  const db = ctx.db;
  const visible = await store.childrenOf(db, actor.municipalityId, visibility(auth), { requestPersonIds: children.map((c) => c.id) });
  const byPerson = new Map(visible.flatMap((c) => (c.requestPersonId ? [[c.requestPersonId, c] as const] : [])));
  const placements = await store.placementsOf(
    db,
    children.flatMap((c) => {
      const placed = byPerson.get(c.id);
      return placed ? [placed.id] : [];
    }),
  );
  const out = children.map((c) => {
    const placed = byPerson.get(c.id);
    return {
      requestPersonId: c.id,
      name: c.name,
      placedChildId: placed?.id ?? null,
      placements: placed ? placements.filter((p) => p.placedChildId === placed.id) : [],
    };
  });
  await auditView(db, ctx, {
    action: "placement.family_section",
    recordType: "placed_child",
    subjectPersonIds: out.filter((c) => c.placements.length > 0).map((c) => c.requestPersonId),
    detail: { placedChildIds: out.flatMap((c) => (c.placedChildId ? [c.placedChildId] : [])) },
  });
  return { children: out, canWrite: !!scopeFor(auth.actor.roles, "placements.write") };
}
