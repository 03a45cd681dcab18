/**
 * Pure rules of the log review (logguppföljning): the filter and its validation, the period in
 * Swedish time, the labels of known codes, and the CSV encoding. No I/O.
 */
import { z } from "zod";
import { declaredAuditActions, declaredAuditRecordTypes } from "../platform/audit.ts";
import type { Authorized } from "../platform/context.ts";
import { CSV_BOM, csvLine } from "../platform/csv.ts";
import { readDate } from "../platform/date-input.ts";
import { ForbiddenError } from "../platform/errors.ts";
import type { LogScope } from "./store.ts";

export const TIME_ZONE = "Europe/Stockholm";
export const PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;
export const MAX_PAGE = 10_000;
/** The export holds at most this many rows, newest first; the page says so. */
export const EXPORT_MAX_ROWS = 100_000;
export const DEFAULT_PERIOD_DAYS = 30;

/** Denied attempts in the security log, and the backups and restores (decision 0067). */
export const knownSecurityEvents = [
  "permission_denied",
  "csrf_rejected",
  "login_failed",
  "login_throttled",
  "unauthenticated",
  "token_scope_denied",
  "kiosk_exit_failed",
  "kiosk_exit_throttled",
  "backup_taken",
  "backup_failed",
  "backup_restored",
] as const;

/**
 * Actions and record types are declared by the modules, with their labels (platform/audit.ts);
 * another code (an old row, a code since renamed) is shown as the code itself.
 */
export const isKnownAction = (code: string) => Object.hasOwn(declaredAuditActions(), code);
export const isKnownRecordType = (code: string) => Object.hasOwn(declaredAuditRecordTypes(), code);

type Translate = (key: string, params?: Record<string, string | number>) => string;

const isOneOf = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);

export const actionLabel = (t: Translate, code: string) => (isKnownAction(code) ? t(`audit.action.${code}`) : code);
export const securityEventLabel = (t: Translate, code: string) => (isOneOf(knownSecurityEvents, code) ? t(`auditlog.event.${code}`) : code);
export const recordTypeLabel = (t: Translate, code: string) => (isKnownRecordType(code) ? t(`audit.recordType.${code}`) : code);

/**
 * Whose data a row is about: a user (staff, `user:<id>`) or a family member (`person:<id>`). A row
 * is about them when it names them as its single subject or among the persons a view showed
 * (decision 0051).
 */
export const subjectKinds = ["user", "person"] as const;
export type SubjectKind = (typeof subjectKinds)[number];
export interface SubjectRef {
  kind: SubjectKind;
  id: string;
}
export const subjectRefValue = (ref: SubjectRef) => `${ref.kind}:${ref.id}`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseSubjectRef(value: string): SubjectRef | null {
  const [kind, id, ...rest] = value.split(":");
  if (rest.length > 0 || !kind || !id || !isOneOf(subjectKinds, kind) || !UUID.test(id)) return null;
  return { kind, id: id.toLowerCase() };
}

// ---------------------------------------------------------------- dates in Swedish time

const dayFormat = new Intl.DateTimeFormat("sv-SE", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

/** The calendar date (YYYY-MM-DD) in Stockholm at the given instant. */
export const stockholmDate = (at: Date) => dayFormat.format(at);

export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** A real calendar date written YYYY-MM-DD (not 2025-02-30), within years 1900–9999. */
export function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (y < 1900) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export function defaultPeriod(now: Date): { from: string; to: string } {
  const to = stockholmDate(now);
  return { from: addDays(to, -(DEFAULT_PERIOD_DAYS - 1)), to };
}

const logTimeFormats = {
  sv: new Intl.DateTimeFormat("sv-SE", { dateStyle: "short", timeStyle: "medium", timeZone: TIME_ZONE }),
  en: new Intl.DateTimeFormat("en-GB", { dateStyle: "short", timeStyle: "medium", timeZone: TIME_ZONE }),
};

/** A log time to the second, in Swedish time: 2026-03-05 14:03:07. */
export const formatLogTime = (locale: "sv" | "en", at: Date) => logTimeFormats[locale].format(at);

// ---------------------------------------------------------------- the filter

export interface AuditFilter {
  from: string;
  to: string;
  /** The actor. */
  userId?: string;
  /** Whose data the row is about. */
  subject?: SubjectRef;
  action?: string;
  page: number;
  pageSize: number;
}

export interface SecurityFilter {
  from: string;
  to: string;
  event?: string;
  page: number;
  pageSize: number;
}

/** Field name → message key. */
export type FilterErrors = Record<string, string>;
export type FilterResult<T> = { ok: true; filter: T } | { ok: false; errors: FilterErrors };

const ACTION_CODE = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/;

/** A query-string value: absent or empty means "not chosen"; repeated keys arrive as an array and are refused. */
const optional = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .max(200, message)
    .optional()
    .transform((v) => (v === "" ? undefined : v));

/**
 * A date of the filter as Swedes type it (decision 0041: 2026-01-31, 31/1 2026, 31 jan 2026) as
 * YYYY-MM-DD, or undefined when it cannot be read or is outside the years isIsoDate allows.
 */
export function filterDate(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const read = readDate(value.trim().slice(0, 40));
  return read && isIsoDate(read) ? read : undefined;
}

const periodShape = {
  from: optional("auditlog.filter.fromInvalid").refine(
    (v) => v === undefined || filterDate(v) !== undefined,
    "auditlog.filter.fromInvalid",
  ),
  to: optional("auditlog.filter.toInvalid").refine((v) => v === undefined || filterDate(v) !== undefined, "auditlog.filter.toInvalid"),
  page: optional("auditlog.filter.pageInvalid").refine(
    (v) => v === undefined || (/^\d{1,6}$/.test(v) && Number(v) >= 1 && Number(v) <= MAX_PAGE),
    "auditlog.filter.pageInvalid",
  ),
  pageSize: optional("auditlog.filter.pageSizeInvalid").refine(
    (v) => v === undefined || (/^\d{1,3}$/.test(v) && Number(v) >= 1 && Number(v) <= MAX_PAGE_SIZE),
    "auditlog.filter.pageSizeInvalid",
  ),
};

const auditSchema = z.object({
  ...periodShape,
  user: optional("auditlog.filter.userInvalid").refine((v) => v === undefined || UUID.test(v), "auditlog.filter.userInvalid"),
  person: optional("auditlog.filter.personInvalid").refine(
    (v) => v === undefined || parseSubjectRef(v) !== null,
    "auditlog.filter.personInvalid",
  ),
  action: optional("auditlog.filter.actionInvalid").refine(
    (v) => v === undefined || (v.length <= 100 && ACTION_CODE.test(v)),
    "auditlog.filter.actionInvalid",
  ),
});

const securitySchema = z.object({
  ...periodShape,
  event: optional("auditlog.filter.eventInvalid").refine(
    (v) => v === undefined || isOneOf(knownSecurityEvents, v),
    "auditlog.filter.eventInvalid",
  ),
});

function issuesToErrors(issues: z.core.$ZodIssue[]): FilterErrors {
  const errors: FilterErrors = {};
  for (const issue of issues) {
    const field = String(issue.path[0] ?? "_form");
    if (!(field in errors)) errors[field] = issue.message;
  }
  return errors;
}

/** The period asked for, or its defaults; a valid date is used even when another field has an error. */
function period(query: Record<string, unknown>, now: Date, errors: FilterErrors) {
  const [from, to] = [filterDate(query.from), filterDate(query.to)];
  const fallback = defaultPeriod(now);
  const out = { from: from ?? (to ? addDays(to, -(DEFAULT_PERIOD_DAYS - 1)) : fallback.from), to: to ?? fallback.to };
  if (!errors.from && !errors.to && out.from > out.to) errors.to = "auditlog.filter.toBeforeFrom";
  return out;
}

const asObject = (query: unknown): Record<string, unknown> =>
  query && typeof query === "object" ? (query as Record<string, unknown>) : {};

/**
 * Reads the audit-log filter from a query string. Dates default to the last 30 days in Swedish
 * time; whether a user or action exists is for the service to check.
 */
export function parseAuditFilter(query: unknown, now: Date, defaultPageSize = PAGE_SIZE): FilterResult<AuditFilter> {
  const input = asObject(query);
  const parsed = auditSchema.safeParse(input);
  const errors = parsed.success ? {} : issuesToErrors(parsed.error.issues);
  const data = parsed.success ? parsed.data : undefined;
  const { from, to } = period(input, now, errors);
  if (!data || Object.keys(errors).length > 0) return { ok: false, errors };
  const filter: AuditFilter = {
    from,
    to,
    page: data.page ? Number(data.page) : 1,
    pageSize: data.pageSize ? Number(data.pageSize) : defaultPageSize,
  };
  if (data.user) filter.userId = data.user.toLowerCase();
  if (data.person) filter.subject = parseSubjectRef(data.person) ?? undefined;
  if (data.action) filter.action = data.action;
  return { ok: true, filter };
}

export function parseSecurityFilter(query: unknown, now: Date): FilterResult<SecurityFilter> {
  const input = asObject(query);
  const parsed = securitySchema.safeParse(input);
  const errors = parsed.success ? {} : issuesToErrors(parsed.error.issues);
  const data = parsed.success ? parsed.data : undefined;
  const { from, to } = period(input, now, errors);
  if (!data || Object.keys(errors).length > 0) return { ok: false, errors };
  const filter: SecurityFilter = { from, to, page: data.page ? Number(data.page) : 1, pageSize: PAGE_SIZE };
  if (data.event) filter.event = data.event;
  return { ok: true, filter };
}

/**
 * The query string of a filter: only ids, dates and codes, never a name. Used by the pagination
 * links and the export link, and recorded in the audit row's detail.
 */
export function auditFilterParams(filter: AuditFilter, page?: number): Record<string, string> {
  const params: Record<string, string> = { from: filter.from, to: filter.to };
  if (filter.userId) params.user = filter.userId;
  if (filter.subject) params.person = subjectRefValue(filter.subject);
  if (filter.action) params.action = filter.action;
  if (page !== undefined && page > 1) params.page = String(page);
  return params;
}

export function securityFilterParams(filter: SecurityFilter, page?: number): Record<string, string> {
  const params: Record<string, string> = { from: filter.from, to: filter.to };
  if (filter.event) params.event = filter.event;
  if (page !== undefined && page > 1) params.page = String(page);
  return params;
}

export const queryString = (params: Record<string, string>) => new URLSearchParams(params).toString();

export const pageCount = (total: number, pageSize: number) => Math.max(1, Math.ceil(total / pageSize));

// ---------------------------------------------------------------- CSV for Swedish Excel

/** The start of a document: the BOM (so that Excel reads UTF-8) and the header line; rows follow as csvLine. */
export const csvStart = (header: readonly string[]) => CSV_BOM + csvLine(header);

export const exportFileName = (now: Date) => `logg-${stockholmDate(now)}.csv`;

/** Log review reads rows about individuals, so only the unit and municipality scopes give access (both views). */
export function logScope({ actor, scope }: Authorized): LogScope {
  if (scope === "municipality") return { kind: "municipality", municipalityId: actor.municipalityId };
  if (scope === "unit") return { kind: "units", unitIds: actor.unitIds };
  throw new ForbiddenError("audit.review");
}
