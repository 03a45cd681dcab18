/** Queries of further support (fortsatt stöd). */
import { and, asc, eq, sql } from "drizzle-orm";
import { supportMeasures, users } from "../../db/schema/index.ts";
import { type DbOrTx, reusable } from "../../platform/database.ts";

/** The process's further support (built once: the family page reads it on every view, `reusable`). */
export function supportOf(db: DbOrTx, processId: string) {
  return reusable(db, "supportOf", supportQuery).execute({ processId });
}
export type SupportRow = Awaited<ReturnType<typeof supportOf>>[number];

function supportQuery(db: DbOrTx) {
  return db
    .select({
      id: supportMeasures.id,
      personId: supportMeasures.personId,
      kind: supportMeasures.kind,
      kindText: supportMeasures.kindText,
      appliedOn: supportMeasures.appliedOn,
      grantedOn: supportMeasures.grantedOn,
      endedOn: supportMeasures.endedOn,
      note: supportMeasures.note,
      version: supportMeasures.version,
      recordedByName: users.displayName,
    })
    .from(supportMeasures)
    .innerJoin(users, eq(users.id, supportMeasures.recordedBy))
    .where(eq(supportMeasures.processId, sql.placeholder("processId")))
    .orderBy(asc(sql`coalesce(${supportMeasures.appliedOn}, ${supportMeasures.grantedOn})`), asc(supportMeasures.createdAt));
}

export async function insertSupport(db: DbOrTx, values: typeof supportMeasures.$inferInsert) {
  const [row] = await db.insert(supportMeasures).values(values).returning({ id: supportMeasures.id, version: supportMeasures.version });
  if (!row) throw new Error("the support measure was not stored");
  return row;
}

/** Updates the measure when it is the version the editor read; undefined otherwise. */
export async function updateSupport(
  db: DbOrTx,
  processId: string,
  id: string,
  version: number,
  values: Omit<typeof supportMeasures.$inferInsert, "id" | "processId" | "version" | "createdAt">,
) {
  const [row] = await db
    .update(supportMeasures)
    .set({ ...values, version: sql`${supportMeasures.version} + 1`, updatedAt: new Date() })
    .where(and(eq(supportMeasures.id, id), eq(supportMeasures.processId, processId), eq(supportMeasures.version, version)))
    .returning({ id: supportMeasures.id, version: supportMeasures.version });
  return row;
}
