import { auditLog } from "../db/schema/index.ts";
import type { ServiceContext } from "./context.ts";
import type { DbOrTx } from "./database.ts";

export interface AuditEntry {
  /** What happened, e.g. `unit.create`, `user.view`, `audit.export`. */
  action: string;
  recordType: string;
  recordId?: string | null;
  /** The user whose personal data was shown or changed. */
  subjectUserId?: string | null;
  /** The family member whose personal data was shown or changed (later capabilities). */
  subjectPersonId?: string | null;
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

export async function audits(tx: DbOrTx, ctx: ServiceContext, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const a = ctx.actor;
  await tx.insert(auditLog).values(
    entries.map((e) => ({
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
      ip: ctx.ip || null,
      reason: e.reason ?? null,
      detail: e.detail ?? null,
    })),
  );
}
