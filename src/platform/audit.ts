import { sql } from "drizzle-orm";
import { auditLog } from "../db/schema/index.ts";
import type { ServiceContext } from "./context.ts";
import { type DbOrTx, reusable } from "./database.ts";

/** A label in both languages of the app. */
export interface Label {
  sv: string;
  en: string;
}

/**
 * The audit actions and record types a module writes, each with its label in the log review. A
 * module declares them in its manifest (module.ts) and adds their codes to `AuditActions` and
 * `AuditRecordTypes` below by declaration merging, so that writing an undeclared code does not
 * compile:
 *
 *     const audit = defineAudit({ actions: { "unit.create": { sv: "Skapade enhet", en: "Created unit" } }, recordTypes: {…} });
 *     declare module "../platform/audit.ts" {
 *       interface AuditActions extends Declared<typeof audit.actions> {}
 *       interface AuditRecordTypes extends Declared<typeof audit.recordTypes> {}
 *     }
 */
export interface AuditDeclaration {
  actions: Record<string, Label>;
  recordTypes: Record<string, Label>;
}
export const defineAudit = <const D extends AuditDeclaration>(declaration: D): D => declaration;
export type Declared<T> = { readonly [K in keyof T]: true };

// biome-ignore lint/suspicious/noEmptyInterface: filled by every module's declaration (declaration merging).
export interface AuditActions {}
// biome-ignore lint/suspicious/noEmptyInterface: filled by every module's declaration (declaration merging).
export interface AuditRecordTypes {}
export type AuditAction = keyof AuditActions & string;
export type AuditRecordType = keyof AuditRecordTypes & string;

/** The declared vocabulary of the running app (platform/module.ts installs it from the module list). */
const vocabulary: AuditDeclaration = { actions: {}, recordTypes: {} };

export function installAuditVocabulary(declarations: readonly AuditDeclaration[]): void {
  vocabulary.actions = {};
  vocabulary.recordTypes = {};
  for (const d of declarations) {
    for (const kind of ["actions", "recordTypes"] as const) {
      for (const [code, label] of Object.entries(d[kind])) {
        if (code in vocabulary[kind]) throw new Error(`Audit ${kind} "${code}" is declared twice`);
        vocabulary[kind][code] = label;
      }
    }
  }
}

/** Every declared audit action with its label, in the order of the modules. */
export const declaredAuditActions = (): Readonly<Record<string, Label>> => vocabulary.actions;
export const declaredAuditRecordTypes = (): Readonly<Record<string, Label>> => vocabulary.recordTypes;

export interface AuditEntry {
  /** What happened, e.g. `unit.create`, `user.view`, `audit.export`. */
  action: AuditAction;
  recordType: AuditRecordType;
  recordId?: string | null;
  /** The user whose personal data was shown or changed. */
  subjectUserId?: string | null;
  /** The family member whose personal data was shown or changed. */
  subjectPersonId?: string | null;
  /**
   * A view that shows many staff members or family members at once writes one row naming all of
   * them here (decision 0051), not one row per person; the log review finds the row by any of them.
   */
  subjectUserIds?: readonly string[];
  subjectPersonIds?: readonly string[];
  reason?: string | null;
  detail?: Record<string, unknown>;
}

/**
 * Writes one audit row. Call it with the transaction of the change or disclosure it records, so
 * that the row and the change commit or fail together.
 */
export async function audit(tx: DbOrTx, ctx: ServiceContext, entry: AuditEntry): Promise<void> {
  await audits(tx, ctx, [entry]);
}

const distinct = (ids: readonly string[] | undefined): string[] => (ids ? [...new Set(ids)] : []);

/**
 * The one audit row of a view that shows many persons (a worklist, a list of families, search
 * results, a family's persons, colleagues): every person and user shown, in one row (decision 0051).
 * A view that showed nobody discloses nothing and writes nothing.
 */
export async function auditView(tx: DbOrTx, ctx: ServiceContext, entry: ViewEntry): Promise<void> {
  if (showedSomeone(entry)) await audits(tx, ctx, [entry]);
}

type ViewEntry = Omit<AuditEntry, "subjectUserId" | "subjectPersonId">;

const showedSomeone = (entry: ViewEntry) => (entry.subjectUserIds?.length ?? 0) + (entry.subjectPersonIds?.length ?? 0) > 0;

/**
 * The audit rows of a page that is read in parts (the start page: its colleagues and each
 * worklist), gathered while it is read and written in one insert before it is shown (decision 0054).
 */
export class AuditBatch {
  private readonly entries: AuditEntry[] = [];

  /** A view's row, as `auditView` writes it: nothing when nobody was shown. */
  view(entry: ViewEntry): void {
    if (showedSomeone(entry)) this.entries.push(entry);
  }

  write(db: DbOrTx, ctx: ServiceContext): Promise<void> {
    return audits(db, ctx, this.entries);
  }
}

/** Writes several audit rows in one insert (each its own disclosure or change). */
export async function audits(tx: DbOrTx, ctx: ServiceContext, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const a = ctx.actor;
  const values: Record<string, unknown> = {};
  entries.forEach((e, i) => {
    const row: Record<AuditColumn, unknown> = {
      actorUserId: a?.id ?? null,
      actorUsername: a?.username ?? null,
      actorRoles: a?.roles ?? [],
      actorUnitIds: a?.unitIds ?? [],
      apiTokenId: a?.apiToken?.id ?? null,
      action: e.action,
      recordType: e.recordType,
      recordId: e.recordId ?? null,
      subjectUserId: e.subjectUserId ?? null,
      subjectPersonId: e.subjectPersonId ?? null,
      subjectUserIds: distinct(e.subjectUserIds),
      subjectPersonIds: distinct(e.subjectPersonIds),
      ip: ctx.ip || null,
      reason: e.reason ?? null,
      // As text cast to jsonb (auditInsert): a placeholder would store null as JSON null.
      detail: e.detail ? JSON.stringify(e.detail) : null,
    };
    for (const column of auditColumns) values[`${column}${i}`] = row[column];
  });
  // The usual one to a few rows per view or change, built once per count (platform/database.ts `reusable`).
  const insert =
    entries.length <= REUSED_AUDIT_ROWS
      ? reusable(tx, `audits:${entries.length}`, (db) => auditInsert(db, entries.length))
      : auditInsert(tx, entries.length).prepare("");
  await insert.execute(values);
}

const auditColumns = [
  "actorUserId",
  "actorUsername",
  "actorRoles",
  "actorUnitIds",
  "apiTokenId",
  "action",
  "recordType",
  "recordId",
  "subjectUserId",
  "subjectPersonId",
  "subjectUserIds",
  "subjectPersonIds",
  "ip",
  "reason",
  "detail",
] as const;
type AuditColumn = (typeof auditColumns)[number];
const REUSED_AUDIT_ROWS = 8;

/** The insert of `n` audit rows, every value a placeholder named by its column and row (`action0`). */
function auditInsert(db: DbOrTx, n: number) {
  const rows = Array.from({ length: n }, (_, i) => {
    const p = (column: AuditColumn) => sql.placeholder(`${column}${i}`);
    const row = Object.fromEntries(auditColumns.map((c) => [c, p(c)]));
    return { ...row, detail: sql`${p("detail")}::jsonb` } as unknown as typeof auditLog.$inferInsert;
  });
  return db.insert(auditLog).values(rows);
}
