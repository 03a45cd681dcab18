/**
 * The economy of a social investment: projects, grants, costs (by hand or imported from the finance
 * system), the summary per year, unit costs and the savings estimate. No personal data: the audit
 * rows record changes, not reads.
 */
import { audit } from "../platform/audit.ts";
import { authorize, type ServiceContext } from "../platform/context.ts";
import { ConflictError, NotFoundError, parseOrThrow, ValidationError } from "../platform/errors.ts";
import { compareText } from "../platform/i18n.ts";
import {
  type AccountMapping,
  accountsOf,
  applyMapping,
  type Cell,
  effectiveMapping,
  type ImportLine,
  parseCsv,
  type RawRow,
  type RowError,
  readRows,
} from "./import.ts";
import {
  type BudgetLine,
  budgetByCategory,
  budgetProblems,
  type CategoryBudgetTable,
  type CostCategory,
  costProblems,
  estimateSavings,
  type FundingKind,
  isUuid,
  periodYears,
  projectProblems,
  type SavingsEstimate,
  type Summary,
  summarise,
  type YearAmountRow,
} from "./model.ts";
import { sum } from "./money.ts";
import {
  type BudgetBody,
  budgetBody,
  type CostBody,
  costBody,
  type DeleteCostInput,
  deleteCostInput,
  type ProjectBody,
  type ProjectPatchBody,
  projectBody,
  projectPatchBody,
  type SavingsBody,
  savingsBody,
  type UnitCostBody,
  type UnitCostPatchBody,
  unitCostBody,
  unitCostPatchBody,
} from "./schemas.ts";
import * as store from "./store.ts";
import { checkXlsx, readXlsx, XLSX_LIMITS, XlsxRefused } from "./xlsx.ts";

export type Project = store.ProjectRow;
export type CostRow = store.CostRow;
export type UnitCost = store.UnitCostRow;

const byName = compareText("sv");

export interface ProjectInput {
  name: string;
  fundingSource: string;
  fundingKind: FundingKind;
  fromYear: number;
  toYear: number;
  ownContribution: number;
  grants: YearAmountRow[];
  repayments: YearAmountRow[];
}

/** An import refused because of its rows: every row's problems, nothing imported. */
export class ImportRejectedError extends ValidationError {
  constructor(readonly rowErrors: RowError[]) {
    super(Object.fromEntries(rowErrors.map((e) => [`rows.${e.row}.${e.column}`, e.messageKey])));
  }
}

const duplicates: Record<string, [field: string, messageKey: string]> = {
  economy_projects_name_unique: ["name", "economy.project.nameTaken"],
  economy_unit_costs_label_unique: ["label", "economy.unitCost.labelTaken"],
};

async function refusingDuplicates<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    const known = duplicates[store.uniqueViolation(e) ?? ""];
    if (known) throw new ConflictError(known[1], known[0]);
    throw e;
  }
}

function checkProject(input: ProjectInput) {
  const problems = projectProblems(input);
  if (Object.keys(problems).length > 0) throw new ValidationError(problems);
}

const plain = (rows: YearAmountRow[]) => rows.map((r) => ({ year: r.year, amount: r.amount })).sort((a, b) => a.year - b.year);

// ---- Projects ----

export interface ProjectListItem extends Project {
  granted: number;
  spent: number;
  remaining: number;
}

export async function listProjects(ctx: ServiceContext): Promise<ProjectListItem[]> {
  const { actor } = await authorize(ctx, "economy.view");
  const projects = await store.projectsOf(ctx.db, actor.municipalityId);
  const ids = projects.map((p) => p.id);
  const [grants, costs] = await Promise.all([store.grantsOf(ctx.db, ids), store.costsOf(ctx.db, ids)]);
  return projects
    .map((p) => {
      const granted = sum(grants.filter((g) => g.projectId === p.id).map((g) => g.amount));
      const spent = sum(costs.filter((c) => c.projectId === p.id).map((c) => c.amount));
      return { ...p, granted, spent, remaining: granted - spent };
    })
    .sort((a, b) => b.fromYear - a.fromYear || byName(a.name, b.name));
}

export interface ProjectDetail {
  project: Project;
  grants: Array<{ year: number; amount: number }>;
  repayments: Array<{ year: number; amount: number }>;
  costs: CostRow[];
  summary: Summary;
  /** The budget per year and cost category beside the costs; empty lines when the grant is not split on categories. */
  budget: { lines: BudgetLine[]; table: CategoryBudgetTable };
  batches: Awaited<ReturnType<typeof store.batchesOf>>;
}

async function loadProject(ctx: ServiceContext, municipalityId: string, id: string): Promise<Project> {
  const found = isUuid(id) ? await store.project(ctx.db, municipalityId, id) : undefined;
  if (!found) throw new NotFoundError();
  return found;
}

export async function getProject(ctx: ServiceContext, id: string): Promise<ProjectDetail> {
  const { actor } = await authorize(ctx, "economy.view");
  const project = await loadProject(ctx, actor.municipalityId, id);
  const [grants, repayments, costs, batches, budgetLines] = await Promise.all([
    store.grantsOf(ctx.db, [id]),
    store.repaymentsOf(ctx.db, id),
    store.costsOf(ctx.db, [id]),
    store.batchesOf(ctx.db, id),
    store.budgetLinesOf(ctx.db, [id]),
  ]);
  const lines = budgetLines.map(({ year, category, label, amount }) => ({ year, category, label, amount }));
  const budget = { lines, table: budgetByCategory({ years: periodYears(project.fromYear, project.toYear), grants, lines, costs }) };
  const summary = summarise({
    fromYear: project.fromYear,
    toYear: project.toYear,
    grants,
    costs,
    ownContribution: project.ownContribution,
  });
  return { project, grants: grants.map(({ year, amount }) => ({ year, amount })), repayments, costs, summary, budget, batches };
}

export async function createProject(ctx: ServiceContext, raw: ProjectBody): Promise<Project> {
  const { actor } = await authorize(ctx, "economy.manage");
  const input = parseOrThrow(projectBody, raw);
  checkProject(input);
  return refusingDuplicates(() =>
    ctx.db.transaction(async (tx) => {
      const values = projectValues(input);
      const { id } = await store.insertProject(tx, actor.municipalityId, values);
      await store.replaceGrants(tx, id, plain(input.grants));
      await store.replaceRepayments(tx, id, plain(input.repayments));
      await audit(tx, ctx, {
        action: "economy_project.create",
        recordType: "economy_project",
        recordId: id,
        detail: { ...values, grants: plain(input.grants), repayments: plain(input.repayments) },
      });
      return (await store.project(tx, actor.municipalityId, id)) as Project;
    }),
  );
}

const projectValues = (input: ProjectInput) => ({
  name: input.name,
  fundingSource: input.fundingSource,
  fundingKind: input.fundingKind,
  fromYear: input.fromYear,
  toYear: input.toYear,
  ownContribution: input.ownContribution,
});

/** Edits the project, its grants and its repayment plan together; refused when `version` is stale. */
export async function updateProject(ctx: ServiceContext, id: string, raw: ProjectPatchBody): Promise<Project> {
  const { actor } = await authorize(ctx, "economy.manage");
  if (!isUuid(id)) throw new NotFoundError();
  const input = parseOrThrow(projectPatchBody, raw);
  checkProject(input);
  return refusingDuplicates(() =>
    ctx.db.transaction(async (tx) => {
      const current = await store.lockProject(tx, actor.municipalityId, id);
      if (!current) throw new NotFoundError();
      if (current.version !== input.version) throw new ConflictError();
      const values = projectValues(input);
      if (!(await store.updateProject(tx, id, input.version, values))) throw new ConflictError();
      const before = { grants: await store.grantsOf(tx, [id]), repayments: await store.repaymentsOf(tx, id) };
      await store.replaceGrants(tx, id, plain(input.grants));
      await store.replaceRepayments(tx, id, plain(input.repayments));
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const [k, v] of Object.entries(values)) {
        const was = current[k as keyof typeof values];
        if (was !== v) changes[k] = { from: was, to: v };
      }
      const grantsBefore = before.grants.map(({ year, amount }) => ({ year, amount }));
      if (JSON.stringify(grantsBefore) !== JSON.stringify(plain(input.grants)))
        changes.grants = { from: grantsBefore, to: plain(input.grants) };
      if (JSON.stringify(before.repayments) !== JSON.stringify(plain(input.repayments)))
        changes.repayments = { from: before.repayments, to: plain(input.repayments) };
      await audit(tx, ctx, { action: "economy_project.update", recordType: "economy_project", recordId: id, detail: { changes } });
      return (await store.project(tx, actor.municipalityId, id)) as Project;
    }),
  );
}

// ---- Budget per year and cost category ----

export interface ProjectBudgetDetail {
  version: number;
  lines: BudgetLine[];
  table: CategoryBudgetTable;
}

/** The project's budget per year and cost category beside what was spent, every year of the project. */
export async function getBudget(ctx: ServiceContext, projectId: string): Promise<ProjectBudgetDetail> {
  const { actor } = await authorize(ctx, "economy.view");
  const project = await loadProject(ctx, actor.municipalityId, projectId);
  const [grants, lines, costs] = await Promise.all([
    store.grantsOf(ctx.db, [projectId]),
    store.budgetLinesOf(ctx.db, [projectId]),
    store.costsOf(ctx.db, [projectId]),
  ]);
  const plainLines = lines.map(({ year, category, label, amount }) => ({ year, category, label, amount }));
  return {
    version: project.version,
    lines: plainLines,
    table: budgetByCategory({ years: periodYears(project.fromYear, project.toYear), grants, lines: plainLines, costs }),
  };
}

/** Replaces the budget per year and category together with the project's version; every line checked first. */
export async function saveBudget(ctx: ServiceContext, projectId: string, raw: BudgetBody): Promise<ProjectBudgetDetail> {
  const { actor } = await authorize(ctx, "economy.manage");
  if (!isUuid(projectId)) throw new NotFoundError();
  const input = parseOrThrow(budgetBody, raw);
  const lines = input.lines.map((l) => ({ ...l, label: l.category === "other" ? (l.label ?? "").trim() || null : null }));
  await ctx.db.transaction(async (tx) => {
    const current = await store.lockProject(tx, actor.municipalityId, projectId);
    if (!current) throw new NotFoundError();
    if (current.version !== input.version) throw new ConflictError();
    const problems = budgetProblems(lines, await store.grantsOf(tx, [projectId]), current);
    if (Object.keys(problems).length > 0) throw new ValidationError(problems);
    const before = (await store.budgetLinesOf(tx, [projectId])).map(({ year, category, label, amount }) => ({
      year,
      category,
      label,
      amount,
    }));
    if (!(await store.updateProject(tx, projectId, input.version, {}))) throw new ConflictError();
    await store.replaceBudgetLines(tx, projectId, lines);
    await audit(tx, ctx, {
      action: "economy_project.update",
      recordType: "economy_project",
      recordId: projectId,
      detail: { changes: { budget: { from: before, to: lines } } },
    });
  });
  return getBudget(ctx, projectId);
}

// ---- Costs ----

export async function addCost(ctx: ServiceContext, projectId: string, raw: CostBody): Promise<CostRow> {
  const { actor } = await authorize(ctx, "economy.manage");
  const project = await loadProject(ctx, actor.municipalityId, projectId);
  const input = parseOrThrow(costBody, raw);
  const label = input.category === "other" ? (input.label ?? "").trim() || null : null;
  const problems = costProblems({ ...input, label }, project);
  if (Object.keys(problems).length > 0) throw new ValidationError(problems);
  return ctx.db.transaction(async (tx) => {
    const [row] = await store.insertCosts(tx, projectId, actor.id, [{ ...input, label }], { kind: "manual" });
    const id = (row as { id: string }).id;
    await audit(tx, ctx, {
      action: "economy_cost.create",
      recordType: "economy_project",
      recordId: projectId,
      detail: { costId: id, year: input.year, halfYear: input.halfYear, category: input.category, label, amount: input.amount },
    });
    return (await store.cost(tx, projectId, id)) as CostRow;
  });
}

export async function deleteCost(ctx: ServiceContext, projectId: string, costId: string, raw: DeleteCostInput): Promise<void> {
  const { actor } = await authorize(ctx, "economy.manage");
  await loadProject(ctx, actor.municipalityId, projectId);
  if (!isUuid(costId)) throw new NotFoundError();
  const { version } = parseOrThrow(deleteCostInput, raw);
  await ctx.db.transaction(async (tx) => {
    const current = await store.cost(tx, projectId, costId);
    if (!current) throw new NotFoundError();
    if (!(await store.deleteCost(tx, projectId, costId, version))) throw new ConflictError();
    await audit(tx, ctx, {
      action: "economy_cost.delete",
      recordType: "economy_project",
      recordId: projectId,
      detail: {
        costId,
        year: current.year,
        halfYear: current.halfYear,
        category: current.category,
        label: current.label,
        amount: current.amount,
      },
    });
  });
}

// ---- Import ----

export const UPLOAD_MAX_BYTES = 5 * 1024 * 1024;

/** Reads an uploaded file (CSV or XLSX by its content) to cells; a file that cannot be read is a field error. */
export async function readUpload(fileName: string, data: Buffer): Promise<{ format: "csv" | "xlsx"; cells: Cell[][] }> {
  const isZip = data.length > 4 && data[0] === 0x50 && data[1] === 0x4b;
  if (isZip || /\.xlsx$/i.test(fileName)) {
    try {
      await checkXlsx(data, XLSX_LIMITS);
      return { format: "xlsx", cells: await readXlsx(data) };
    } catch (e) {
      if (e instanceof XlsxRefused && e.reason === "unpackedTooLarge")
        throw new ValidationError({ file: "economy.import.unpackedTooLarge" });
      if (e instanceof XlsxRefused && e.reason === "tooManyRows") throw new ValidationError({ file: "economy.import.tooManyRowsFile" });
      if (e instanceof XlsxRefused && e.reason === "tooManyCells") throw new ValidationError({ file: "economy.import.tooManyCells" });
      throw new ValidationError({ file: "economy.import.unreadable" });
    }
  }
  const text = new TextDecoder("utf-8", { fatal: false }).decode(data);
  if (text.includes("\u0000")) throw new ValidationError({ file: "economy.import.unreadable" });
  // A finance system's export in Windows-1252 shows as replacement characters in UTF-8: read it as Latin-1 then.
  const decoded = text.includes("\ufffd") ? new TextDecoder("latin1").decode(data) : text;
  return { format: "csv", cells: parseCsv(decoded) };
}

/** Keeps an uploaded export until its preview is confirmed; returns its id. */
export async function uploadImport(
  ctx: ServiceContext,
  projectId: string,
  file: { fileName: string; data: Buffer } | null,
): Promise<string> {
  const { actor } = await authorize(ctx, "economy.manage");
  await loadProject(ctx, actor.municipalityId, projectId);
  if (!file || file.data.length === 0) throw new ValidationError({ file: "economy.import.fileRequired" });
  if (file.data.length > UPLOAD_MAX_BYTES) throw new ValidationError({ file: "economy.import.fileTooLarge" });
  const { format, cells } = await readUpload(file.fileName, file.data);
  const fileName = file.fileName.replace(/[\\/]/g, "_").slice(0, 200) || "export";
  return ctx.db.transaction(async (tx) => {
    await store.deleteStaleUploads(tx, projectId);
    const { id } = await store.insertUpload(tx, { projectId, fileName, format, cells, createdBy: actor.id });
    return id;
  });
}

export interface ImportPreview {
  project: Project;
  uploadId: string;
  fileName: string;
  accounts: Array<{ account: string; text: string | null; mapping: AccountMapping | undefined }>;
  lines: ImportLine[];
  rows: RawRow[];
  errors: RowError[];
  total: number;
}

export type Chosen = Record<string, AccountMapping | undefined>;

function evaluate(project: Project, cells: Cell[][], stored: Chosen, chosen: Chosen) {
  const { rows, errors: readErrors } = readRows(cells);
  const accounts = accountsOf(rows);
  const mapping = effectiveMapping(accounts, stored as Record<string, AccountMapping>, chosen);
  const { lines, errors: mapErrors } = applyMapping(rows, mapping, project);
  const errors = [...readErrors, ...mapErrors].sort((a, b) => a.row - b.row);
  return { rows, accounts: accounts.map((a) => ({ ...a, mapping: mapping[a.account] })), mapping, lines, errors };
}

async function storedMapping(ctx: ServiceContext, projectId: string): Promise<Chosen> {
  const rows = await store.mappingsOf(ctx.db, projectId);
  return Object.fromEntries(rows.map((r) => [r.account, { category: r.category, label: r.label }]));
}

/** The rows as they will be imported, with every row's problems; nothing is stored. */
export async function previewImport(ctx: ServiceContext, projectId: string, uploadId: string, chosen: Chosen = {}): Promise<ImportPreview> {
  const { actor } = await authorize(ctx, "economy.manage");
  const project = await loadProject(ctx, actor.municipalityId, projectId);
  const found = isUuid(uploadId) ? await store.upload(ctx.db, projectId, uploadId) : undefined;
  if (!found) throw new NotFoundError();
  const r = evaluate(project, found.cells, await storedMapping(ctx, projectId), chosen);
  return {
    project,
    uploadId,
    fileName: found.fileName,
    accounts: r.accounts,
    lines: r.lines,
    rows: r.rows,
    errors: r.errors,
    total: sum(r.lines.map((l) => l.amount)),
  };
}

export interface ImportResult {
  batchId: string;
  rowCount: number;
  total: number;
}

/**
 * Imports every row or none: one transaction, the project row locked, every row checked first.
 * The chosen categories are stored per account for the next import.
 */
async function importCells(
  ctx: ServiceContext,
  projectId: string,
  source: { fileName: string; format: string; cells: Cell[][]; uploadId?: string },
  chosen: Chosen,
): Promise<ImportResult> {
  const { actor } = await authorize(ctx, "economy.manage");
  if (!isUuid(projectId)) throw new NotFoundError();
  return ctx.db.transaction(async (tx) => {
    const project = await store.lockProject(tx, actor.municipalityId, projectId);
    if (!project) throw new NotFoundError();
    const stored = Object.fromEntries(
      (await store.mappingsOf(tx, projectId)).map((r) => [r.account, { category: r.category, label: r.label }]),
    );
    const r = evaluate(project, source.cells, stored, chosen);
    if (r.errors.length > 0) throw new ImportRejectedError(r.errors);
    const total = sum(r.lines.map((l) => l.amount));
    const { id: batchId } = await store.insertBatch(tx, {
      projectId,
      fileName: source.fileName,
      format: source.format,
      rowCount: r.lines.length,
      total,
      createdBy: actor.id,
    });
    await store.insertCosts(
      tx,
      projectId,
      actor.id,
      r.lines.map((l) => ({
        year: l.year,
        halfYear: l.halfYear,
        category: l.category,
        label: l.category === "other" ? l.label : l.text,
        amount: l.amount,
        account: l.account,
      })),
      { kind: "import", batchId },
    );
    const used = Object.entries(r.mapping).flatMap(([account, m]) =>
      m ? [{ account, category: m.category as CostCategory, label: m.label }] : [],
    );
    await store.saveMappings(tx, projectId, used);
    if (source.uploadId) await store.deleteUpload(tx, source.uploadId);
    await audit(tx, ctx, {
      action: "economy_cost.import",
      recordType: "economy_project",
      recordId: projectId,
      detail: { batchId, fileName: source.fileName, format: source.format, rowCount: r.lines.length, total },
    });
    return { batchId, rowCount: r.lines.length, total };
  });
}

/** A file sent through the API: read as on the page, its rows checked with the stored and the chosen mapping. */
async function readApiFile(
  ctx: ServiceContext,
  projectId: string,
  file: { fileName: string; data: Buffer } | null,
  chosen: Chosen,
): Promise<{ project: Project; fileName: string; format: "csv" | "xlsx"; cells: Cell[][]; result: ReturnType<typeof evaluate> }> {
  const { actor } = await authorize(ctx, "economy.manage");
  const project = await loadProject(ctx, actor.municipalityId, projectId);
  if (!file || file.data.length === 0) throw new ValidationError({ file: "economy.import.fileRequired" });
  if (file.data.length > UPLOAD_MAX_BYTES) throw new ValidationError({ file: "economy.import.fileTooLarge" });
  const { format, cells } = await readUpload(file.fileName, file.data);
  const fileName = file.fileName.replace(/[\\/]/g, "_").slice(0, 200) || "export";
  return { project, fileName, format, cells, result: evaluate(project, cells, await storedMapping(ctx, projectId), chosen) };
}

export interface FilePreview {
  fileName: string;
  format: "csv" | "xlsx";
  accounts: ImportPreview["accounts"];
  lines: ImportLine[];
  total: number;
}

/** The API's dry run: what the file would import, or every bad row (ImportRejectedError); nothing is stored. */
export async function previewFile(
  ctx: ServiceContext,
  projectId: string,
  file: { fileName: string; data: Buffer } | null,
  chosen: Chosen = {},
): Promise<FilePreview> {
  const { fileName, format, result } = await readApiFile(ctx, projectId, file, chosen);
  if (result.errors.length > 0) throw new ImportRejectedError(result.errors);
  return { fileName, format, accounts: result.accounts, lines: result.lines, total: sum(result.lines.map((l) => l.amount)) };
}

/** The API's import of a file: every row or none, the rows numbered as in the file (the header is row 1). */
export async function importFile(
  ctx: ServiceContext,
  projectId: string,
  file: { fileName: string; data: Buffer } | null,
  chosen: Chosen = {},
): Promise<ImportResult> {
  const { fileName, format, cells } = await readApiFile(ctx, projectId, file, chosen);
  return importCells(ctx, projectId, { fileName, format, cells }, chosen);
}

/** Confirms an uploaded export's preview. */
export async function confirmImport(ctx: ServiceContext, projectId: string, uploadId: string, chosen: Chosen): Promise<ImportResult> {
  const { actor } = await authorize(ctx, "economy.manage");
  await loadProject(ctx, actor.municipalityId, projectId);
  const found = isUuid(uploadId) ? await store.upload(ctx.db, projectId, uploadId) : undefined;
  if (!found) throw new NotFoundError();
  return importCells(ctx, projectId, { fileName: found.fileName, format: found.format, cells: found.cells, uploadId }, chosen);
}

/** The API's import: the export's rows as JSON, with the same checks and the same all-or-nothing rule. */
export async function importRows(
  ctx: ServiceContext,
  projectId: string,
  input: {
    fileName: string;
    rows: Array<{
      account: string;
      text?: string | null;
      year?: number | string;
      period?: string;
      halfYear?: number | string | null;
      amount: number | string;
    }>;
    mapping: Array<{ account: string; category: CostCategory; label?: string | null }>;
  },
): Promise<ImportResult> {
  const header: Cell[] = ["konto", "kontonamn", "år", "period", "halvår", "belopp"];
  const anyYear = input.rows.some((r) => r.year !== undefined);
  const anyPeriod = input.rows.some((r) => r.period !== undefined);
  const cells: Cell[][] = [
    header.map((h, i) => ((i === 2 && !anyYear) || (i === 3 && !anyPeriod) ? "" : h)),
    ...input.rows.map((r) => [
      r.account,
      r.text ?? null,
      r.year === undefined ? null : String(r.year),
      r.period ?? null,
      r.halfYear === undefined || r.halfYear === null ? null : String(r.halfYear),
      r.amount,
    ]),
  ];
  const chosen: Chosen = Object.fromEntries(
    input.mapping.map((m) => [m.account, { category: m.category, label: m.label?.trim() || null }]),
  );
  try {
    return await importCells(ctx, projectId, { fileName: input.fileName, format: "json", cells }, chosen);
  } catch (e) {
    // The API numbers its rows from 1 (the list), not from the header row of a file.
    if (e instanceof ImportRejectedError) throw new ImportRejectedError(e.rowErrors.map((r) => ({ ...r, row: Math.max(1, r.row - 1) })));
    throw e;
  }
}

// ---- Unit costs and the savings estimate ----

export async function listUnitCosts(ctx: ServiceContext): Promise<UnitCost[]> {
  const { actor } = await authorize(ctx, "economy.view");
  return (await store.unitCostsOf(ctx.db, actor.municipalityId)).sort((a, b) => byName(a.label, b.label));
}

export async function createUnitCost(ctx: ServiceContext, raw: UnitCostBody): Promise<UnitCost> {
  const { actor } = await authorize(ctx, "economy.manage");
  const input = parseOrThrow(unitCostBody, raw);
  return refusingDuplicates(() =>
    ctx.db.transaction(async (tx) => {
      const { id } = await store.insertUnitCost(tx, actor.municipalityId, input);
      await audit(tx, ctx, { action: "economy_unit_cost.create", recordType: "economy_unit_cost", recordId: id, detail: { ...input } });
      return (await store.unitCost(tx, actor.municipalityId, id)) as UnitCost;
    }),
  );
}

export async function updateUnitCost(ctx: ServiceContext, id: string, raw: UnitCostPatchBody): Promise<UnitCost> {
  const { actor } = await authorize(ctx, "economy.manage");
  if (!isUuid(id)) throw new NotFoundError();
  const input = parseOrThrow(unitCostPatchBody, raw);
  return refusingDuplicates(() =>
    ctx.db.transaction(async (tx) => {
      const current = await store.unitCost(tx, actor.municipalityId, id);
      if (!current) throw new NotFoundError();
      if (current.version !== input.version) throw new ConflictError();
      const values = { label: input.label, unit: input.unit, amount: input.amount };
      if (!(await store.updateUnitCost(tx, id, input.version, values))) throw new ConflictError();
      const changes = Object.fromEntries(
        Object.entries(values)
          .filter(([k, v]) => current[k as keyof typeof values] !== v)
          .map(([k, v]) => [k, { from: current[k as keyof typeof values], to: v }]),
      );
      await audit(tx, ctx, { action: "economy_unit_cost.update", recordType: "economy_unit_cost", recordId: id, detail: { changes } });
      return (await store.unitCost(tx, actor.municipalityId, id)) as UnitCost;
    }),
  );
}

export interface SavingsPage {
  project: Project;
  unitCosts: UnitCost[];
  assumptions: Array<{ unitCostId: string; avoidedPerYear: number; basis: string }>;
  estimate: SavingsEstimate;
}

export async function getSavings(ctx: ServiceContext, projectId: string): Promise<SavingsPage> {
  const { actor } = await authorize(ctx, "economy.view");
  const project = await loadProject(ctx, actor.municipalityId, projectId);
  const [unitCosts, assumptions, repayments] = await Promise.all([
    store.unitCostsOf(ctx.db, actor.municipalityId),
    store.assumptionsOf(ctx.db, projectId),
    store.repaymentsOf(ctx.db, projectId),
  ]);
  unitCosts.sort((a, b) => byName(a.label, b.label));
  const used = unitCosts.flatMap((u) => {
    const a = assumptions.find((x) => x.unitCostId === u.id);
    return a ? [{ label: u.label, unit: u.unit, unitCost: u.amount, avoidedPerYear: a.avoidedPerYear, basis: a.basis }] : [];
  });
  return {
    project,
    unitCosts,
    assumptions,
    estimate: estimateSavings({ horizonYears: project.savingsHorizonYears, assumptions: used, repayments }),
  };
}

/** Saves the horizon and the assumptions together with the project's version. */
export async function saveSavings(ctx: ServiceContext, projectId: string, raw: SavingsBody): Promise<SavingsPage> {
  const { actor } = await authorize(ctx, "economy.manage");
  if (!isUuid(projectId)) throw new NotFoundError();
  const input = parseOrThrow(savingsBody, raw);
  await ctx.db.transaction(async (tx) => {
    const current = await store.lockProject(tx, actor.municipalityId, projectId);
    if (!current) throw new NotFoundError();
    if (current.version !== input.version) throw new ConflictError();
    const known = new Set((await store.unitCostsOf(tx, actor.municipalityId)).map((u) => u.id));
    const errors: Record<string, string> = {};
    const seen = new Set<string>();
    input.assumptions.forEach((a, i) => {
      if (!known.has(a.unitCostId)) errors[`assumptions.${i}.unitCostId`] = "economy.savings.unitCostUnknown";
      else if (seen.has(a.unitCostId)) errors[`assumptions.${i}.unitCostId`] = "economy.savings.unitCostTwice";
      seen.add(a.unitCostId);
    });
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    if (!(await store.updateProject(tx, projectId, input.version, { savingsHorizonYears: input.horizonYears }))) throw new ConflictError();
    await store.replaceAssumptions(tx, projectId, input.assumptions);
    await audit(tx, ctx, {
      action: "economy_savings.update",
      recordType: "economy_project",
      recordId: projectId,
      detail: { horizonYears: input.horizonYears, assumptions: input.assumptions },
    });
  });
  return getSavings(ctx, projectId);
}
