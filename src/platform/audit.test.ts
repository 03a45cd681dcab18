import crypto from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testClock } from "../../test/helpers.ts";
import { auditLog } from "../db/schema/index.ts";
import { type AuditEntry, audits } from "./audit.ts";
import type { ServiceContext } from "./context.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

/** The rows written for the record, oldest first. */
const rowsOf = (recordId: string) => database.db.select().from(auditLog).where(eq(auditLog.recordId, recordId)).orderBy(asc(auditLog.id));

describe("audit rows (one insert, built once per number of rows)", () => {
  const ctx = { db: {} as ServiceContext["db"], actor: null, ip: "127.0.0.1", clock: testClock() } as ServiceContext;
  const entry = (recordId: string, n: number, detail?: Record<string, unknown>): AuditEntry => ({
    action: "process.view",
    recordType: "process",
    recordId,
    subjectPersonIds: [`00000000-0000-4000-8000-00000000000${n % 10}`, `00000000-0000-4000-8000-00000000000${n % 10}`],
    ...(detail && { detail }),
  });

  it("stores each row's own values, a missing detail as NULL, an object as JSON, the persons once each", async () => {
    for (const count of [1, 1, 3, 12]) {
      const recordId = crypto.randomUUID();
      const entries = Array.from({ length: count }, (_, i) => entry(recordId, i, i % 2 === 0 ? undefined : { minimal: false, n: i }));
      await audits(database.db, ctx, entries);
      const stored = await rowsOf(recordId);
      expect(stored).toHaveLength(count);
      stored.forEach((row, i) => {
        expect(row.action).toBe("process.view");
        expect(row.ip).toBe("127.0.0.1");
        expect(row.actorRoles).toEqual([]);
        expect(row.subjectPersonIds).toEqual([`00000000-0000-4000-8000-00000000000${i % 10}`]);
        expect(row.detail).toEqual(i % 2 === 0 ? null : { minimal: false, n: i });
      });
    }
    // NULL, not JSON null: the log review's filters on detail see no value.
    const nulls = await database.pool.query("select count(*)::int as n from audit_log where detail = 'null'::jsonb");
    expect(nulls.rows[0].n).toBe(0);
  });

  it("writes the rows and the change together in the caller's transaction", async () => {
    const recordId = crypto.randomUUID();
    await expect(
      database.db.transaction(async (tx) => {
        await audits(tx, ctx, [entry(recordId, 1)]);
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await rowsOf(recordId)).toEqual([]);
  });
});
