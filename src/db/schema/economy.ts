import { sql } from "drizzle-orm";
import { bigint, check, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { municipalities, users } from "./platform.ts";

/** Where a project's money comes from. */
export const economyFundingKind = pgEnum("economy_funding_kind", ["social_investment_fund", "local_development", "state_grant", "other"]);

/** A cost's category; `other` carries a free label. */
export const economyCostCategory = pgEnum("economy_cost_category", [
  "labour",
  "payroll_overhead",
  "premises",
  "other_operating",
  "other_services",
  "training",
  "other",
]);

export const economyCostSource = pgEnum("economy_cost_source", ["manual", "import"]);

/** Money is whole kronor in bigint columns (read as JS numbers, checked to be safe integers): never floating point. */
const kronor = (name: string) => bigint(name, { mode: "number" });

const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
};

/**
 * A project financed outside the ordinary budget (a social-investment project): its funding source,
 * period and own contribution. Grants per year and the repayment plan hang on it and are saved
 * with the project's version.
 */
export const economyProjects = pgTable(
  "economy_projects",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    name: text("name").notNull(),
    fundingSource: text("funding_source").notNull(),
    fundingKind: economyFundingKind("funding_kind").notNull(),
    fromYear: integer("from_year").notNull(),
    toYear: integer("to_year").notNull(),
    ownContribution: kronor("own_contribution").notNull().default(0),
    /** Years over which the savings estimate is counted. */
    savingsHorizonYears: integer("savings_horizon_years").notNull().default(5),
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("economy_projects_name_unique").on(t.municipalityId, sql`lower(${t.name})`),
    check("economy_projects_period", sql`${t.fromYear} <= ${t.toYear}`),
  ],
);

/** The amount granted for one year of the project. */
export const economyGrants = pgTable(
  "economy_grants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: uuid("project_id")
      .notNull()
      .references(() => economyProjects.id, { onDelete: "cascade" }),
    year: integer("year").notNull(),
    amount: kronor("amount").notNull(),
  },
  (t) => [uniqueIndex("economy_grants_year_unique").on(t.projectId, t.year)],
);

/**
 * The budget of one year split per cost category (the application's budget): what was granted for
 * labour, premises, … that year. The lines of a year add up to at most that year's grant.
 */
export const economyBudgetLines = pgTable(
  "economy_budget_lines",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: uuid("project_id")
      .notNull()
      .references(() => economyProjects.id, { onDelete: "cascade" }),
    year: integer("year").notNull(),
    category: economyCostCategory("category").notNull(),
    /** The free category's name (category `other`). */
    label: text("label"),
    amount: kronor("amount").notNull(),
  },
  (t) => [uniqueIndex("economy_budget_lines_unique").on(t.projectId, t.year, t.category, sql`coalesce(${t.label}, '')`)],
);

/** One year of the repayment plan, e.g. a reduced budget frame of a fixed amount. */
export const economyRepayments = pgTable(
  "economy_repayments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: uuid("project_id")
      .notNull()
      .references(() => economyProjects.id, { onDelete: "cascade" }),
    year: integer("year").notNull(),
    amount: kronor("amount").notNull(),
  },
  (t) => [uniqueIndex("economy_repayments_year_unique").on(t.projectId, t.year)],
);

/** One import of the finance system's export: its rows are costs with this batch id. */
export const economyImportBatches = pgTable(
  "economy_import_batches",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: uuid("project_id")
      .notNull()
      .references(() => economyProjects.id, { onDelete: "cascade" }),
    fileName: text("file_name").notNull(),
    format: text("format").notNull(),
    rowCount: integer("row_count").notNull(),
    total: kronor("total").notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("economy_import_batches_project_idx").on(t.projectId)],
);

/** A cost of a project in a year (optionally a half-year) and category. */
export const economyCosts = pgTable(
  "economy_costs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: uuid("project_id")
      .notNull()
      .references(() => economyProjects.id, { onDelete: "cascade" }),
    year: integer("year").notNull(),
    halfYear: integer("half_year"),
    category: economyCostCategory("category").notNull(),
    /** The free category's name (category `other`), or the account's text on an import. */
    label: text("label"),
    amount: kronor("amount").notNull(),
    source: economyCostSource("source").notNull().default("manual"),
    importBatchId: uuid("import_batch_id").references(() => economyImportBatches.id, { onDelete: "cascade" }),
    account: text("account"),
    createdBy: uuid("created_by").references(() => users.id),
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (t) => [
    index("economy_costs_project_idx").on(t.projectId, t.year),
    check("economy_costs_half_year", sql`${t.halfYear} is null or ${t.halfYear} in (1, 2)`),
  ],
);

/** Which category an account of the finance system's export goes to, per project (reused by the next import). */
export const economyAccountMappings = pgTable(
  "economy_account_mappings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: uuid("project_id")
      .notNull()
      .references(() => economyProjects.id, { onDelete: "cascade" }),
    account: text("account").notNull(),
    category: economyCostCategory("category").notNull(),
    label: text("label"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("economy_account_mappings_unique").on(t.projectId, t.account)],
);

/** A unit cost the municipality sets for savings estimates, e.g. a month of emergency placement of a child. */
export const economyUnitCosts = pgTable(
  "economy_unit_costs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    label: text("label").notNull(),
    amount: kronor("amount").notNull(),
    unit: text("unit").notNull(),
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (t) => [uniqueIndex("economy_unit_costs_label_unique").on(t.municipalityId, sql`lower(${t.label})`)],
);

/**
 * An assumption of a project's savings estimate: how many units of a unit cost a year the project
 * is assumed to avoid (from the follow-up against a comparison group; typed in, never measured here).
 */
export const economySavingsAssumptions = pgTable(
  "economy_savings_assumptions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: uuid("project_id")
      .notNull()
      .references(() => economyProjects.id, { onDelete: "cascade" }),
    unitCostId: uuid("unit_cost_id")
      .notNull()
      .references(() => economyUnitCosts.id, { onDelete: "cascade" }),
    avoidedPerYear: integer("avoided_per_year").notNull(),
    basis: text("basis").notNull().default(""),
  },
  (t) => [uniqueIndex("economy_savings_assumptions_unique").on(t.projectId, t.unitCostId)],
);

/**
 * An uploaded export waiting for its preview to be confirmed: the file's cells, parsed once. The
 * confirmation imports from here and deletes it; nothing of it is a cost until then.
 */
export const economyImportUploads = pgTable(
  "economy_import_uploads",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: uuid("project_id")
      .notNull()
      .references(() => economyProjects.id, { onDelete: "cascade" }),
    fileName: text("file_name").notNull(),
    format: text("format").notNull(),
    /** The file's rows as cells (text, or whole numbers as read from XLSX). */
    cells: jsonb("cells").notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("economy_import_uploads_project_idx").on(t.projectId)],
);
