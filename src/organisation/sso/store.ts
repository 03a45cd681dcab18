import { eq } from "drizzle-orm";
import { ssoSettings } from "../../db/schema/index.ts";
import type { DbOrTx } from "../../platform/database.ts";

export async function settingsOf(db: DbOrTx, municipalityId: string) {
  const [row] = await db.select().from(ssoSettings).where(eq(ssoSettings.municipalityId, municipalityId));
  return row;
}

export async function saveSettings(db: DbOrTx, row: typeof ssoSettings.$inferInsert): Promise<void> {
  const { municipalityId: _, ...values } = row;
  await db.insert(ssoSettings).values(row).onConflictDoUpdate({ target: ssoSettings.municipalityId, set: values });
}

export async function removeSettings(db: DbOrTx, municipalityId: string): Promise<boolean> {
  const rows = await db
    .delete(ssoSettings)
    .where(eq(ssoSettings.municipalityId, municipalityId))
    .returning({ id: ssoSettings.municipalityId });
  return rows.length > 0;
}
