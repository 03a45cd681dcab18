/**
 * The outbox (decision 0039): a write that decides to send a message writes a row in its own
 * transaction (`enqueue`), and a background job of the module that owns the kind delivers it
 * (`deliver`). The message leaves if and only if the write commits, and a send that fails is tried
 * again later (backoff) instead of failing the write or being lost. A row is claimed with
 * `for update skip locked`, so two instances never send the same row; a crash between the send
 * and the mark may send it twice, which an iCalendar update (same UID and SEQUENCE) tolerates.
 */
import { and, asc, eq, isNull, lte, or, sql } from "drizzle-orm";
import { outbox } from "../db/schema/index.ts";
import type { Db, DbOrTx } from "./database.ts";
import { failureCode, MailSendError } from "./mail.ts";

export interface OutboxEntry {
  kind: string;
  payload: Record<string, unknown>;
  /** Unique per kind: a second enqueue with the same key inserts nothing. */
  dedupeKey?: string;
}

/** Writes the rows in the caller's transaction; returns how many were new. */
export async function enqueue(tx: DbOrTx, entries: OutboxEntry[]): Promise<number> {
  if (entries.length === 0) return 0;
  const inserted = await tx
    .insert(outbox)
    .values(entries.map((e) => ({ kind: e.kind, payload: e.payload, dedupeKey: e.dedupeKey ?? null })))
    .onConflictDoNothing()
    .returning({ id: outbox.id });
  return inserted.length;
}

/** Attempts before a row is given up (marked failed); the waits between them double from a minute. */
export const MAX_ATTEMPTS = 8;
const retryDelaySeconds = (attempts: number) => 60 * 2 ** Math.max(0, attempts - 1);

export interface DeliveryResult {
  sent: number;
  retried: number;
  failed: number;
}

/**
 * Delivers the due rows of one kind, oldest first, one transaction per row: `send` gets the
 * payload; when it throws, the row is tried again later and, after MAX_ATTEMPTS, marked failed.
 * The error kept is a code only (no address, no content).
 */
export async function deliver(
  db: Db,
  kind: string,
  now: Date,
  send: (payload: Record<string, unknown>) => Promise<void>,
  limit = 100,
): Promise<DeliveryResult> {
  const result: DeliveryResult = { sent: 0, retried: 0, failed: 0 };
  for (let i = 0; i < limit; i++) {
    const done = await db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(outbox)
        .where(
          and(
            eq(outbox.kind, kind),
            isNull(outbox.sentAt),
            isNull(outbox.failedAt),
            // A row never tried is due at once; a retried one at the time the caller's clock gave it.
            // (`enqueue` stamps `next_attempt_at` with the database's now(), which is not the clock a
            // test or a job passes as `now`, so comparing the two would hold a new row back.)
            or(eq(outbox.attempts, 0), lte(outbox.nextAttemptAt, now)),
          ),
        )
        .orderBy(asc(outbox.createdAt), asc(outbox.id))
        .limit(1)
        .for("update", { skipLocked: true });
      if (!row) return false;
      try {
        await send(row.payload);
        await tx
          .update(outbox)
          .set({ sentAt: now, attempts: row.attempts + 1, lastError: null })
          .where(eq(outbox.id, row.id));
        result.sent++;
      } catch (e) {
        const attempts = row.attempts + 1;
        const code = e instanceof MailSendError ? e.code : failureCode(e);
        const last = attempts >= MAX_ATTEMPTS;
        await tx
          .update(outbox)
          .set({
            attempts,
            lastError: code,
            failedAt: last ? now : null,
            nextAttemptAt: sql`${now.toISOString()}::timestamptz + make_interval(secs => ${retryDelaySeconds(attempts)})`,
          })
          .where(eq(outbox.id, row.id));
        if (last) result.failed++;
        else result.retried++;
      }
      return true;
    });
    if (!done) break;
  }
  return result;
}
