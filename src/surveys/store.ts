/** Queries the survey instruments need from elsewhere; their versions are kept by src/platform/versioned.ts. */
import { and, asc, eq } from "drizzle-orm";
import { surveyTranslationConfirmations, users, workModels, workModelVersions } from "../db/schema/index.ts";
import type { DbOrTx } from "../platform/database.ts";

/** The municipality's published work-model versions: what an instrument's followed meeting types are called. */
export function publishedWorkModelsOf(db: DbOrTx, municipalityId: string) {
  return db
    .select({ key: workModels.key, name: workModels.name, content: workModelVersions.content })
    .from(workModelVersions)
    .innerJoin(workModels, eq(workModels.id, workModelVersions.workModelId))
    .where(and(eq(workModels.municipalityId, municipalityId), eq(workModelVersions.status, "published")));
}

/** Who confirmed which language of an instrument version, and when. */
export function translationConfirmations(db: DbOrTx, instrumentVersionId: string) {
  return db
    .select({
      language: surveyTranslationConfirmations.language,
      confirmedAt: surveyTranslationConfirmations.confirmedAt,
      confirmedByName: users.displayName,
    })
    .from(surveyTranslationConfirmations)
    .innerJoin(users, eq(users.id, surveyTranslationConfirmations.confirmedBy))
    .where(eq(surveyTranslationConfirmations.instrumentVersionId, instrumentVersionId))
    .orderBy(asc(surveyTranslationConfirmations.language));
}

/** The languages of an instrument version an administrator has confirmed. */
export async function confirmedLanguages(db: DbOrTx, instrumentVersionId: string): Promise<string[]> {
  const rows = await db
    .select({ language: surveyTranslationConfirmations.language })
    .from(surveyTranslationConfirmations)
    .where(eq(surveyTranslationConfirmations.instrumentVersionId, instrumentVersionId));
  return rows.map((r) => r.language);
}

/** Records a language of a version as confirmed; false when it already was. */
export async function insertConfirmation(
  db: DbOrTx,
  row: { instrumentVersionId: string; language: string; confirmedBy: string; confirmedAt: Date },
): Promise<boolean> {
  const inserted = await db
    .insert(surveyTranslationConfirmations)
    .values(row)
    .onConflictDoNothing()
    .returning({ language: surveyTranslationConfirmations.language });
  return inserted.length > 0;
}
