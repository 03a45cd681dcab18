/**
 * The economy's input schemas: the API's bodies, which the forms are decoded by (decision 0035), and
 * which the service validates. An amount is whole kronor: a number, or the form's text in Swedish
 * format ("1 143 083 kr", read by parseKronor). The service checks the rules between fields
 * (model.projectProblems). Messages are catalog keys.
 */
import { z } from "zod";
import {
  AVOIDED_MAX,
  costCategories,
  fundingKinds,
  HORIZON_MAX_YEARS,
  LABEL_MAX,
  NAME_MAX,
  REPAYMENT_ROWS_MAX,
  YEAR_MAX,
  YEAR_MIN,
} from "./model.ts";
import { MAX_KRONOR, parseKronor } from "./money.ts";

const text = (requiredKey: string, max: number, tooLongKey: string) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? requiredKey : "economy.api.expectedText") })
    .trim()
    .min(1, requiredKey)
    .max(max, tooLongKey);

const fundingKind = z.enum(fundingKinds, { error: "economy.project.fundingKindRequired" });
const projectName = text("economy.project.nameRequired", NAME_MAX, "economy.project.nameTooLong");
const fundingSource = text("economy.project.fundingSourceRequired", NAME_MAX, "economy.project.fundingSourceTooLong");

/** The import preview: one category (and a label for a free one) per account. */
export const mappingForm = z.object({
  action: z.enum(["preview", "confirm"]).default("preview"),
  mapping: z
    .array(z.object({ account: z.string().max(LABEL_MAX), category: z.string().optional(), label: z.string().optional() }))
    .max(1000)
    .default([]),
});

// ---- The input schemas (the API's bodies, the forms decoded by them) ----

function body<S extends z.ZodRawShape>(shape: S) {
  return z.strictObject(shape, { error: (issue) => (issue.code === "invalid_type" ? "economy.api.expectedObject" : undefined) });
}

/** Whole kronor: a number, or text in Swedish format ("1 143 083 kr") as a form sends it. */
const kronor = (options: { allowNegative?: boolean } = {}) =>
  z.preprocess(
    (v, ctx) => {
      if (typeof v !== "string") return v;
      const read = parseKronor(v, options);
      if (read.ok) return read.value;
      ctx.issues.push({ code: "custom", message: read.messageKey, input: v });
      return v;
    },
    z
      .number({ error: (issue) => (issue.input === undefined ? "economy.money.required" : "economy.api.expectedWholeKronor") })
      .int("economy.money.ore")
      .min(options.allowNegative ? -MAX_KRONOR : 0, options.allowNegative ? "economy.money.tooLarge" : "economy.money.negative")
      .max(MAX_KRONOR, "economy.money.tooLarge"),
  );
const apiKronor = kronor().describe('Hela kronor (heltal; text som "1 143 083 kr" läses också)');
const apiYear = z
  .number({ error: "economy.year.invalid" })
  .int("economy.year.invalid")
  .min(YEAR_MIN, "economy.year.invalid")
  .max(YEAR_MAX, "economy.year.invalid");
const yearAmount = body({ year: apiYear, amount: apiKronor });
const apiVersion = z
  .number({ error: (issue) => (issue.input === undefined ? "economy.versionRequired" : "economy.versionInvalid") })
  .int("economy.versionInvalid")
  .positive("economy.versionInvalid")
  .describe("Den senast lästa versionen (optimistisk låsning)");

export const projectBody = body({
  name: projectName.describe("Projektets namn, unikt i kommunen"),
  fundingSource: fundingSource.describe("Finansieringskälla i fritext, t.ex. Fonden för sociala investeringar"),
  fundingKind: fundingKind.describe("Slag av finansiering"),
  fromYear: apiYear.describe("Första projektåret"),
  toYear: apiYear.describe("Sista projektåret"),
  ownContribution: apiKronor.default(0).describe("Kommunens egen insats i hela kronor"),
  grants: z.array(yearAmount).max(20).default([]).describe("Beviljat belopp per år"),
  repayments: z.array(yearAmount).max(REPAYMENT_ROWS_MAX).default([]).describe("Återbetalningsplan: belopp per år"),
});
export const projectPatchBody = projectBody.extend({ version: apiVersion });

export const costBody = body({
  year: apiYear,
  halfYear: z
    .number({ error: "economy.cost.halfYearInvalid" })
    .int("economy.cost.halfYearInvalid")
    .min(1, "economy.cost.halfYearInvalid")
    .max(2, "economy.cost.halfYearInvalid")
    .nullable()
    .default(null)
    .describe("1 eller 2 för ett halvår, null för hela året"),
  category: z.enum(costCategories, { error: "economy.cost.categoryRequired" }).describe("Kategori; other kräver label"),
  label: z.string().trim().max(LABEL_MAX, "economy.cost.labelTooLong").nullable().default(null).describe("Namnet på en fri kategori"),
  amount: kronor({ allowNegative: true }).describe("Hela kronor; negativt för en kreditering"),
});

export const importBody = body({
  fileName: z.string().trim().min(1).max(200).default("api").describe("Namn på exporten, för historiken"),
  rows: z
    .array(
      z.object({
        account: z.string().describe("Konto"),
        text: z.string().nullable().optional().describe("Kontots benämning"),
        year: z.union([z.number(), z.string()]).optional().describe("År (eller ange period)"),
        period: z.string().optional().describe("Period, t.ex. 2020-03, 2020-03-31 eller 31/3 2020"),
        halfYear: z.union([z.number(), z.string(), z.null()]).optional().describe("Halvår 1 eller 2"),
        amount: z.union([z.number(), z.string()]).describe('Belopp i hela kronor, som tal eller text ("1 143 083")'),
      }),
    )
    .min(1, "economy.import.noRows")
    .max(5000, "economy.import.tooManyRows")
    .describe("Raderna ur ekonomisystemets export"),
  mapping: z
    .array(
      z.object({ account: z.string(), category: z.enum(costCategories), label: z.string().trim().max(LABEL_MAX).nullable().optional() }),
    )
    .max(1000)
    .default([])
    .describe("Kategori per konto; konton som saknas här tar projektets sparade koppling eller kontoplanens gissning"),
});

export const unitCostBody = body({
  label: text("economy.unitCost.labelRequired", LABEL_MAX, "economy.unitCost.labelTooLong").describe("T.ex. Jourhemsplacering av barn"),
  unit: text("economy.unitCost.unitRequired", 40, "economy.unitCost.unitTooLong").describe("T.ex. månad, dygn"),
  amount: apiKronor.describe("Kostnad per enhet i hela kronor"),
});
export const unitCostPatchBody = unitCostBody.extend({ version: apiVersion });

export const savingsBody = body({
  version: apiVersion,
  horizonYears: z
    .number({ error: "economy.savings.horizonInvalid" })
    .int("economy.savings.horizonInvalid")
    .min(1, "economy.savings.horizonInvalid")
    .max(HORIZON_MAX_YEARS, "economy.savings.horizonInvalid"),
  assumptions: z
    .array(
      body({
        unitCostId: z.uuid({ error: "economy.savings.unitCostUnknown" }),
        avoidedPerYear: z
          .number({ error: "economy.savings.avoidedInvalid" })
          .int("economy.savings.avoidedInvalid")
          .min(0, "economy.savings.avoidedInvalid")
          .max(AVOIDED_MAX, "economy.savings.avoidedInvalid"),
        basis: z.string().trim().max(500, "economy.savings.basisTooLong").default(""),
      }),
    )
    .max(100),
});
export type ProjectBody = z.input<typeof projectBody>;
export type ProjectPatchBody = z.input<typeof projectPatchBody>;
export type CostBody = z.input<typeof costBody>;
export type UnitCostBody = z.input<typeof unitCostBody>;
export type UnitCostPatchBody = z.input<typeof unitCostPatchBody>;
export type SavingsBody = z.input<typeof savingsBody>;

/** Removing a cost: the version the page or the client read. */
export const deleteCostInput = z.object({ version: apiVersion });
export type DeleteCostInput = z.input<typeof deleteCostInput>;

/** The budget per year and cost category; replaces the project's lines. */
export const budgetBody = body({
  version: apiVersion,
  lines: z
    .array(
      z.object({
        year: apiYear,
        category: z.enum(costCategories, { error: "economy.cost.categoryRequired" }),
        label: z
          .string()
          .trim()
          .max(LABEL_MAX, "economy.cost.labelTooLong")
          .nullable()
          .default(null)
          .describe("Namnet på en fri kategori (other)"),
        amount: apiKronor.describe("Budget för kategorin det året, hela kronor"),
      }),
    )
    .max(200)
    .describe("Budget per år och kostnadskategori; raderna för ett år får sammanlagt vara högst årets beviljade belopp"),
});
export type BudgetBody = z.input<typeof budgetBody>;
