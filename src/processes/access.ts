/**
 * Opening a process for a reader: who may see it and in which view. Every service of the process
 * slice (meetings, stops, support …) opens the process through here, inside its own transaction;
 * a change that can move the process then goes through transition.ts.
 */
import { z } from "zod";
import { type IsoDate, minimalView, type NamedFamily, namedFamily } from "../families/index.ts";
import { type AuditAction, type AuditEntry, audit } from "../platform/audit.ts";
import type { Authorized, ServiceContext } from "../platform/context.ts";
import type { DbOrTx } from "../platform/database.ts";
import { ConflictError, NotFoundError } from "../platform/errors.ts";
import { type Content, versionContent } from "../workmodels/index.ts";
import { type AssignmentRole, assignmentRoles, type ChildRef } from "./model.ts";
import * as store from "./store.ts";

export interface Assignment {
  id: string;
  role: AssignmentRole;
  userId: string;
  userName: string;
  assignedOn: string;
  endedOn: string | null;
}

export interface LoadedProcess {
  process: store.ProcessRow;
  /** The work-model version's content as the reader sees it: English names in English (decision 0043). */
  content: Content;
  /** The content as stored (Swedish): for the process's rules and for what leaves in Swedish (invitations). */
  stored: Content;
  persons: store.ProcessPerson[];
  guardians: store.ProcessPerson[];
  children: store.ProcessPerson[];
  childRefs: ChildRef[];
  /** Every assignment, ended ones too, oldest first. */
  assignments: Assignment[];
  /** The open assignment of each role. */
  current: Partial<Record<AssignmentRole, Assignment>>;
  /** The process's interruptions, oldest first (read with the process, decision 0054). */
  interruptions: store.InterruptionJson[];
  /**
   * A unit manager who is not assigned sees the process in a minimal view: dates, case type,
   * phase, waits and assignments, never a name or an identity number.
   */
  minimal: boolean;
  /**
   * Opened only through the reader's live break-glass grant (decision 0062): the full view, read
   * only, until `breakGlassUntil`. Null when the reader sees the process by their own need-to-know.
   */
  breakGlassUntil: Date | null;
}

export function visibilityFor({ actor, scope }: Authorized): store.Visibility {
  if (scope === "municipality") return { all: true };
  return { all: false, userId: actor.id, unitIds: scope === "unit" ? actor.unitIds : [] };
}

const isRole = (role: string): role is AssignmentRole => (assignmentRoles as readonly string[]).includes(role);

/** The process if the reader may see it; NotFound otherwise (a process one may not see does not exist for one). */
export async function loadProcess(tx: DbOrTx, auth: Authorized, id: string): Promise<LoadedProcess> {
  if (!z.uuid().safeParse(id).success) throw new NotFoundError();
  // A live break-glass grant opens this one process (never a list), judged at the call's instant.
  const visibility = visibilityFor(auth);
  const v = visibility.all || !auth.now ? visibility : { ...visibility, breakGlassAt: auth.now };
  const found = await store.findProcess(tx, auth.actor.municipalityId, v, id);
  if (!found) throw new NotFoundError();
  const { process, persons } = found;
  // Parsed once per published version (decision 0054); the reader's language: English names of
  // meeting types and stops where the version has them.
  const version = await versionContent(tx, process.workModelVersionId);
  if (!version) throw new NotFoundError();
  const stored = version.stored;
  const content = version.local[auth.locale ?? "sv"];
  const children = persons.filter((p) => p.kind === "child");
  const assignments = found.assignments.flatMap((a) => (isRole(a.role) ? [{ ...a, role: a.role }] : []));
  const current: Partial<Record<AssignmentRole, Assignment>> = {};
  for (const a of assignments) if (a.endedOn === null) current[a.role] = a;
  return {
    process,
    content,
    stored,
    persons,
    guardians: persons.filter((p) => p.kind === "guardian"),
    children,
    childRefs: children.map((c) => ({ id: c.id, name: c.name, birthDate: c.birthDate })),
    assignments,
    current,
    interruptions: found.interruptions,
    // The one rule of the minimal view, shared with the request pages (families' minimalView); a
    // break-glass grant gives the full view.
    minimal: minimalView(auth.scope, process.assignedToMe) && process.breakGlassUntil === null,
    breakGlassUntil: process.breakGlassUntil !== null && !process.assignedToMe ? new Date(process.breakGlassUntil) : null,
  };
}

/** The process for a change: a minimal view may not change anything, and a completed or interrupted process is closed. */
export async function loadForWork(tx: DbOrTx, auth: Authorized, id: string, opts: { allowClosed?: boolean } = {}): Promise<LoadedProcess> {
  const loaded = await loadProcess(tx, auth, id);
  // Break-glass is for reading in an emergency: nothing is changed through it.
  if (loaded.minimal || loaded.breakGlassUntil !== null) throw new NotFoundError();
  if (!opts.allowClosed && loaded.process.status !== "active")
    throw new ConflictError(`processes.closed.${loaded.process.status}`, "_form");
  return loaded;
}

/** The audit row of showing a process: one naming every person shown (decision 0051), or one without a subject for the minimal view. */
export async function auditDisplay(
  tx: DbOrTx,
  ctx: ServiceContext,
  loaded: LoadedProcess,
  action: AuditAction,
  detail?: Record<string, unknown>,
): Promise<void> {
  const base: AuditEntry = {
    action,
    recordType: "process",
    recordId: loaded.process.id,
    detail: { minimal: loaded.minimal, ...(loaded.breakGlassUntil && { breakGlass: true }), ...detail },
  };
  await audit(tx, ctx, loaded.minimal ? base : { ...base, subjectPersonIds: loaded.persons.map((p) => p.id) });
}

/** The family as the reader may see it named (families' familyName): no persons in the minimal view. */
export function familyOf(loaded: LoadedProcess, on: IsoDate): NamedFamily {
  return namedFamily(loaded.process, loaded.minimal ? null : loaded.persons, on);
}
