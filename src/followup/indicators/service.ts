/** The indicator definitions as versioned documents: read them, and (with indicators.manage) draft, edit and publish. */
import { indicators, indicatorVersions } from "../../db/schema/index.ts";
import type { Db, DbOrTx } from "../../platform/database.ts";
import { versionedDocuments } from "../../platform/versioned.ts";
import { type Definition, definitionSchema } from "./model.ts";
import { seededIndicators } from "./seed.ts";

export const indicatorDocuments = versionedDocuments<Definition>({
  documents: indicators,
  versions: indicatorVersions,
  documentIdField: "indicatorId",
  content: definitionSchema,
  permissions: { view: "followup.view", manage: "indicators.manage" },
  audit: { prefix: "indicator", recordType: "indicator_version", documentField: "indicatorId" },
  errors: { published: "indicators.error.published", nothingPublished: "indicators.error.nothingPublished" },
  ref: "key",
});

/** Gives the municipality each seeded indicator that it does not have yet, published as version 1. */
export const seedIndicators = (db: DbOrTx, municipalityId: string) => indicatorDocuments.seed(db, municipalityId, seededIndicators);

/** At every start: an install made before indicators existed gets the seeded ones too. */
export const seedIndicatorsEverywhere = (db: Db) => indicatorDocuments.seedEverywhere(db, seededIndicators);
