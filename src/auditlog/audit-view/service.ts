/** The audit log view: one page of the log or its export, in the reviewer's scope, each read audited. */
import { audit } from "../../platform/audit.ts";
import { authorize, type ServiceContext } from "../../platform/context.ts";
import type { DbOrTx } from "../../platform/database.ts";
import { ValidationError } from "../../platform/errors.ts";
import {
  type AuditFilter,
  auditFilterParams,
  defaultPeriod,
  EXPORT_MAX_ROWS,
  type FilterErrors,
  filterDate,
  isKnownAction,
  logScope,
  parseAuditFilter,
} from "../model.ts";
import * as store from "../store.ts";

export type { AuditEntryRow } from "../store.ts";

export interface ReviewUser {
  id: string;
  username: string;
  displayName: string;
  active: boolean;
}

/** What the filter form offers: the users in the reviewer's scope and the actions of the period. */
export interface FilterOptions {
  users: ReviewUser[];
  actions: string[];
}

export interface AuditLogPage {
  filter: AuditFilter;
  options: FilterOptions;
  entries: store.AuditEntryRow[];
  total: number;
}

const EXPORT_BATCH = 5_000;

async function filterOptions(db: DbOrTx, scope: store.LogScope, from: string, to: string): Promise<FilterOptions> {
  const users = await store.usersInScope(db, scope);
  const actions = await store.actionsInPeriod(db, from, to);
  return { users, actions };
}

/**
 * The user, person and action chosen must be ones the form offers (a family member: one of the
 * municipality's); the period is checked by the model.
 */
async function checkChoices(db: DbOrTx, municipalityId: string, filter: AuditFilter, options: FilterOptions): Promise<void> {
  const errors: FilterErrors = {};
  const userIds = new Set(options.users.map((u) => u.id));
  if (filter.userId && !userIds.has(filter.userId)) errors.user = "auditlog.filter.userUnknown";
  const subject = filter.subject;
  const knownSubject =
    subject?.kind === "person"
      ? await store.personInMunicipality(db, municipalityId, subject.id)
      : subject === undefined || userIds.has(subject.id);
  if (!knownSubject) errors.person = "auditlog.filter.personUnknown";
  const known = isKnownAction(filter.action ?? "");
  if (filter.action && !known && !options.actions.includes(filter.action)) errors.action = "auditlog.filter.actionUnknown";
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
}

/** Reading the log about someone is a disclosure about them: the audit row names them. */
function subjectOf(filter: AuditFilter): { subjectUserId: string | null; subjectPersonId: string | null } {
  const { subject } = filter;
  return {
    subjectUserId: subject?.kind === "user" ? subject.id : null,
    subjectPersonId: subject?.kind === "person" ? subject.id : null,
  };
}

function parseOrThrow(query: unknown, now: Date): AuditFilter {
  const parsed = parseAuditFilter(query, now);
  if (!parsed.ok) throw new ValidationError(parsed.errors);
  return parsed.filter;
}

/**
 * One page of the audit log, newest first, within the reviewer's scope. Reading the log is itself
 * a disclosure: the view is audited (with the filter) in the same transaction as the read.
 */
export async function auditLogPage(ctx: ServiceContext, query: unknown, now = new Date()): Promise<AuditLogPage> {
  const authorized = await authorize(ctx, "audit.review");
  const scope = logScope(authorized);
  const filter = parseOrThrow(query, now);
  return ctx.db.transaction(async (tx) => {
    const options = await filterOptions(tx, scope, filter.from, filter.to);
    await checkChoices(tx, authorized.actor.municipalityId, filter, options);
    // A known action that did not happen in the period stays chosen in the form.
    if (filter.action && !options.actions.includes(filter.action)) options.actions.push(filter.action);
    const entries = await store.listAuditEntries(tx, scope, filter, {
      limit: filter.pageSize,
      offset: (filter.page - 1) * filter.pageSize,
    });
    const total = await store.countAuditEntries(tx, scope, filter);
    await audit(tx, ctx, {
      action: "audit.view",
      recordType: "audit_log",
      ...subjectOf(filter),
      detail: { filter: auditFilterParams(filter, filter.page), shown: entries.length, total },
    });
    return { filter, options, entries, total };
  });
}

/**
 * The choices of the filter form when the filter itself was wrong: the period asked for when its
 * dates are valid, else the last 30 days. Nothing of the log is read, so nothing is audited.
 */
export async function auditLogFilterOptions(ctx: ServiceContext, query: unknown, now = new Date()): Promise<FilterOptions> {
  const scope = logScope(await authorize(ctx, "audit.review"));
  const raw = (query && typeof query === "object" ? query : {}) as Record<string, unknown>;
  const [from, to] = [filterDate(raw.from), filterDate(raw.to)];
  const period = from && to && from <= to ? { from, to } : defaultPeriod(now);
  return filterOptions(ctx.db, scope, period.from, period.to);
}

/**
 * The filtered log for a spreadsheet, newest first, at most EXPORT_MAX_ROWS rows, handed over in
 * batches so that memory stays small. The export is audited in the same transaction as the read.
 */
export async function exportAuditLog(
  ctx: ServiceContext,
  query: unknown,
  onBatch: (rows: store.AuditEntryRow[]) => void,
  now = new Date(),
): Promise<{ rows: number; truncated: boolean }> {
  const authorized = await authorize(ctx, "audit.review");
  const scope = logScope(authorized);
  const filter = parseOrThrow(query, now);
  return ctx.db.transaction(async (tx) => {
    await checkChoices(tx, authorized.actor.municipalityId, filter, await filterOptions(tx, scope, filter.from, filter.to));
    let rows = 0;
    let after: store.AuditCursor | undefined;
    let complete = false;
    while (rows < EXPORT_MAX_ROWS && !complete) {
      const limit = Math.min(EXPORT_BATCH, EXPORT_MAX_ROWS - rows);
      const batch = await store.listAuditEntries(tx, scope, filter, { limit, after });
      if (batch.length > 0) onBatch(batch);
      rows += batch.length;
      complete = batch.length < limit;
      const last = batch.at(-1);
      if (last) after = { atText: last.atText, id: last.id };
    }
    const truncated = !complete && (await store.listAuditEntries(tx, scope, filter, { limit: 1, after })).length > 0;
    await audit(tx, ctx, {
      action: "audit.export",
      recordType: "audit_log",
      ...subjectOf(filter),
      detail: { filter: auditFilterParams(filter), rows, truncated },
    });
    return { rows, truncated };
  });
}
