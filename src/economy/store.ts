import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import {
  economyAccountMappings,
  economyBudgetLines,
  economyCosts,
  economyGrants,
  economyImportBatches,
  economyImportUploads,
  economyProjects,
  economyRepayments,
  economySavingsAssumptions,
  economyUnitCosts,
} from "../db/schema/index.ts";
import type { DbOrTx } from "../platform/database.ts";
import type { Cell } from "./import.ts";
import type { BudgetLine, CostCategory, FundingKind, Grant } from "./model.ts";

// ---- Projects ----

const projectColumns = {
  id: economyProjects.id,
  name: economyProjects.name,
  fundingSource: economyProjects.fundingSource,
  fundingKind: economyProjects.fundingKind,
  fromYear: economyProjects.fromYear,
  toYear: economyProjects.toYear,
  ownContribution: economyProjects.ownContribution,
  savingsHorizonYears: economyProjects.savingsHorizonYears,
  version: economyProjects.version,
  createdAt: economyProjects.createdAt,
  updatedAt: economyProjects.updatedAt,
};

export type ProjectRow = Awaited<ReturnType<typeof projectsOf>>[number];

export async function projectsOf(db: DbOrTx, municipalityId: string) {
  return db.select(projectColumns).from(economyProjects).where(eq(economyProjects.municipalityId, municipalityId));
}

export async function project(db: DbOrTx, municipalityId: string, id: string): Promise<ProjectRow | undefined> {
  const [row] = await db
    .select(projectColumns)
    .from(economyProjects)
    .where(and(eq(economyProjects.municipalityId, municipalityId), eq(economyProjects.id, id)));
  return row;
}

/** Locks the project row for the rest of the transaction (imports and grant edits serialise on it). */
export async function lockProject(db: DbOrTx, municipalityId: string, id: string): Promise<ProjectRow | undefined> {
  const [row] = await db
    .select(projectColumns)
    .from(economyProjects)
    .where(and(eq(economyProjects.municipalityId, municipalityId), eq(economyProjects.id, id)))
    .for("update");
  return row;
}

export interface ProjectValues {
  name: string;
  fundingSource: string;
  fundingKind: FundingKind;
  fromYear: number;
  toYear: number;
  ownContribution: number;
}

export async function insertProject(db: DbOrTx, municipalityId: string, values: ProjectValues) {
  const [row] = await db
    .insert(economyProjects)
    .values({ municipalityId, ...values })
    .returning({ id: economyProjects.id });
  return row as { id: string };
}

/** Updates when the version still matches (and bumps it); undefined when someone else saved first. */
export async function updateProject(
  db: DbOrTx,
  id: string,
  version: number,
  values: Partial<ProjectValues & { savingsHorizonYears: number }>,
) {
  const [row] = await db
    .update(economyProjects)
    .set({ ...values, version: sql`${economyProjects.version} + 1`, updatedAt: new Date() })
    .where(and(eq(economyProjects.id, id), eq(economyProjects.version, version)))
    .returning({ id: economyProjects.id });
  return row;
}

export async function grantsOf(db: DbOrTx, projectIds: string[]) {
  if (projectIds.length === 0) return [];
  return db
    .select({ projectId: economyGrants.projectId, year: economyGrants.year, amount: economyGrants.amount })
    .from(economyGrants)
    .where(inArray(economyGrants.projectId, projectIds))
    .orderBy(asc(economyGrants.year));
}

export async function repaymentsOf(db: DbOrTx, projectId: string) {
  return db
    .select({ year: economyRepayments.year, amount: economyRepayments.amount })
    .from(economyRepayments)
    .where(eq(economyRepayments.projectId, projectId))
    .orderBy(asc(economyRepayments.year));
}

export async function replaceGrants(db: DbOrTx, projectId: string, grants: Grant[]) {
  await db.delete(economyGrants).where(eq(economyGrants.projectId, projectId));
  if (grants.length > 0) await db.insert(economyGrants).values(grants.map((g) => ({ projectId, year: g.year, amount: g.amount })));
}

export async function replaceRepayments(db: DbOrTx, projectId: string, rows: Grant[]) {
  await db.delete(economyRepayments).where(eq(economyRepayments.projectId, projectId));
  if (rows.length > 0) await db.insert(economyRepayments).values(rows.map((g) => ({ projectId, year: g.year, amount: g.amount })));
}

/** The budget per year and cost category of the projects (the application's budget). */
export async function budgetLinesOf(db: DbOrTx, projectIds: string[]) {
  if (projectIds.length === 0) return [];
  return db
    .select({
      projectId: economyBudgetLines.projectId,
      year: economyBudgetLines.year,
      category: economyBudgetLines.category,
      label: economyBudgetLines.label,
      amount: economyBudgetLines.amount,
    })
    .from(economyBudgetLines)
    .where(inArray(economyBudgetLines.projectId, projectIds))
    .orderBy(asc(economyBudgetLines.year));
}

export async function replaceBudgetLines(db: DbOrTx, projectId: string, lines: BudgetLine[]) {
  await db.delete(economyBudgetLines).where(eq(economyBudgetLines.projectId, projectId));
  if (lines.length > 0) await db.insert(economyBudgetLines).values(lines.map((l) => ({ projectId, ...l })));
}

// ---- Costs ----

const costColumns = {
  id: economyCosts.id,
  projectId: economyCosts.projectId,
  year: economyCosts.year,
  halfYear: economyCosts.halfYear,
  category: economyCosts.category,
  label: economyCosts.label,
  amount: economyCosts.amount,
  source: economyCosts.source,
  importBatchId: economyCosts.importBatchId,
  account: economyCosts.account,
  version: economyCosts.version,
  createdAt: economyCosts.createdAt,
};
export type CostRow = Awaited<ReturnType<typeof costsOf>>[number];

export async function costsOf(db: DbOrTx, projectIds: string[]) {
  if (projectIds.length === 0) return [];
  return db
    .select(costColumns)
    .from(economyCosts)
    .where(inArray(economyCosts.projectId, projectIds))
    .orderBy(asc(economyCosts.year), asc(economyCosts.halfYear), asc(economyCosts.category), asc(economyCosts.createdAt));
}

export async function cost(db: DbOrTx, projectId: string, id: string): Promise<CostRow | undefined> {
  const [row] = await db
    .select(costColumns)
    .from(economyCosts)
    .where(and(eq(economyCosts.projectId, projectId), eq(economyCosts.id, id)));
  return row;
}

export interface CostValues {
  year: number;
  halfYear: number | null;
  category: CostCategory;
  label: string | null;
  amount: number;
  account?: string | null;
}

export async function insertCosts(
  db: DbOrTx,
  projectId: string,
  createdBy: string | null,
  rows: CostValues[],
  source: { kind: "manual" } | { kind: "import"; batchId: string },
) {
  if (rows.length === 0) return [];
  return db
    .insert(economyCosts)
    .values(
      rows.map((r) => ({
        projectId,
        createdBy,
        year: r.year,
        halfYear: r.halfYear,
        category: r.category,
        label: r.label,
        amount: r.amount,
        account: r.account ?? null,
        source: source.kind,
        importBatchId: source.kind === "import" ? source.batchId : null,
      })),
    )
    .returning({ id: economyCosts.id });
}

export async function deleteCost(db: DbOrTx, projectId: string, id: string, version: number) {
  const [row] = await db
    .delete(economyCosts)
    .where(and(eq(economyCosts.projectId, projectId), eq(economyCosts.id, id), eq(economyCosts.version, version)))
    .returning({ id: economyCosts.id });
  return row;
}

// ---- Imports ----

export async function insertBatch(
  db: DbOrTx,
  values: { projectId: string; fileName: string; format: string; rowCount: number; total: number; createdBy: string },
) {
  const [row] = await db.insert(economyImportBatches).values(values).returning({ id: economyImportBatches.id });
  return row as { id: string };
}

export async function batchesOf(db: DbOrTx, projectId: string) {
  return db
    .select({
      id: economyImportBatches.id,
      fileName: economyImportBatches.fileName,
      format: economyImportBatches.format,
      rowCount: economyImportBatches.rowCount,
      total: economyImportBatches.total,
      createdAt: economyImportBatches.createdAt,
    })
    .from(economyImportBatches)
    .where(eq(economyImportBatches.projectId, projectId))
    .orderBy(desc(economyImportBatches.createdAt));
}

export async function mappingsOf(db: DbOrTx, projectId: string) {
  return db
    .select({ account: economyAccountMappings.account, category: economyAccountMappings.category, label: economyAccountMappings.label })
    .from(economyAccountMappings)
    .where(eq(economyAccountMappings.projectId, projectId));
}

export async function saveMappings(
  db: DbOrTx,
  projectId: string,
  rows: Array<{ account: string; category: CostCategory; label: string | null }>,
) {
  if (rows.length === 0) return;
  await db
    .insert(economyAccountMappings)
    .values(rows.map((r) => ({ projectId, ...r })))
    .onConflictDoUpdate({
      target: [economyAccountMappings.projectId, economyAccountMappings.account],
      set: { category: sql`excluded.category`, label: sql`excluded.label`, updatedAt: new Date() },
    });
}

export async function insertUpload(
  db: DbOrTx,
  values: { projectId: string; fileName: string; format: string; cells: Cell[][]; createdBy: string },
) {
  const [row] = await db.insert(economyImportUploads).values(values).returning({ id: economyImportUploads.id });
  return row as { id: string };
}

export async function upload(db: DbOrTx, projectId: string, id: string) {
  const [row] = await db
    .select({
      id: economyImportUploads.id,
      fileName: economyImportUploads.fileName,
      format: economyImportUploads.format,
      cells: economyImportUploads.cells,
      createdBy: economyImportUploads.createdBy,
    })
    .from(economyImportUploads)
    .where(and(eq(economyImportUploads.projectId, projectId), eq(economyImportUploads.id, id)));
  return row ? { ...row, cells: row.cells as Cell[][] } : undefined;
}

export async function deleteUpload(db: DbOrTx, id: string) {
  await db.delete(economyImportUploads).where(eq(economyImportUploads.id, id));
}

/** Uploads nobody confirmed within a day are forgotten. */
export async function deleteStaleUploads(db: DbOrTx, projectId: string) {
  await db
    .delete(economyImportUploads)
    .where(and(eq(economyImportUploads.projectId, projectId), sql`${economyImportUploads.createdAt} < now() - interval '1 day'`));
}

// ---- Unit costs and savings assumptions ----

const unitCostColumns = {
  id: economyUnitCosts.id,
  label: economyUnitCosts.label,
  unit: economyUnitCosts.unit,
  amount: economyUnitCosts.amount,
  version: economyUnitCosts.version,
  updatedAt: economyUnitCosts.updatedAt,
};
export type UnitCostRow = Awaited<ReturnType<typeof unitCostsOf>>[number];

export async function unitCostsOf(db: DbOrTx, municipalityId: string) {
  return db.select(unitCostColumns).from(economyUnitCosts).where(eq(economyUnitCosts.municipalityId, municipalityId));
}

export async function unitCost(db: DbOrTx, municipalityId: string, id: string): Promise<UnitCostRow | undefined> {
  const [row] = await db
    .select(unitCostColumns)
    .from(economyUnitCosts)
    .where(and(eq(economyUnitCosts.municipalityId, municipalityId), eq(economyUnitCosts.id, id)));
  return row;
}

export async function insertUnitCost(db: DbOrTx, municipalityId: string, values: { label: string; unit: string; amount: number }) {
  const [row] = await db
    .insert(economyUnitCosts)
    .values({ municipalityId, ...values })
    .returning({ id: economyUnitCosts.id });
  return row as { id: string };
}

export async function updateUnitCost(db: DbOrTx, id: string, version: number, values: { label: string; unit: string; amount: number }) {
  const [row] = await db
    .update(economyUnitCosts)
    .set({ ...values, version: sql`${economyUnitCosts.version} + 1`, updatedAt: new Date() })
    .where(and(eq(economyUnitCosts.id, id), eq(economyUnitCosts.version, version)))
    .returning({ id: economyUnitCosts.id });
  return row;
}

export async function assumptionsOf(db: DbOrTx, projectId: string) {
  return db
    .select({
      unitCostId: economySavingsAssumptions.unitCostId,
      avoidedPerYear: economySavingsAssumptions.avoidedPerYear,
      basis: economySavingsAssumptions.basis,
    })
    .from(economySavingsAssumptions)
    .where(eq(economySavingsAssumptions.projectId, projectId));
}

export async function replaceAssumptions(
  db: DbOrTx,
  projectId: string,
  rows: Array<{ unitCostId: string; avoidedPerYear: number; basis: string }>,
) {
  await db.delete(economySavingsAssumptions).where(eq(economySavingsAssumptions.projectId, projectId));
  if (rows.length > 0) await db.insert(economySavingsAssumptions).values(rows.map((r) => ({ projectId, ...r })));
}

/** The name of a unique index a failed write broke, if that is why it failed. */
export function uniqueViolation(error: unknown): string | null {
  for (let e = error as { code?: string; constraint?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === "23505") return e.constraint ?? "";
  }
  return null;
}
