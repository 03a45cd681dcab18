/** Queries the survey instruments need from elsewhere; their versions are kept by src/platform/versioned.ts. */
import { and, eq } from "drizzle-orm";
import { workModels, workModelVersions } from "../db/schema/index.ts";
import type { DbOrTx } from "../platform/database.ts";

/** The municipality's published work-model versions: what an instrument's followed meeting types are called. */
export function publishedWorkModelsOf(db: DbOrTx, municipalityId: string) {
  return db
    .select({ key: workModels.key, name: workModels.name, content: workModelVersions.content })
    .from(workModelVersions)
    .innerJoin(workModels, eq(workModels.id, workModelVersions.workModelId))
    .where(and(eq(workModels.municipalityId, municipalityId), eq(workModelVersions.status, "published")));
}
