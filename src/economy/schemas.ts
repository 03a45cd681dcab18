/**
 * The zod schemas of the economy's forms and API bodies. Forms take amounts as text in Swedish
 * format ("1 143 083 kr"); the API takes whole numbers of kronor. Both end in the same inputs and
 * the service checks the rules between fields (model.projectProblems). Messages are catalog keys.
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

const optionalText = (max: number, tooLongKey: string) =>
  z.preprocess(
    (v) => (v === undefined || v === null ? "" : v),
    z.string({ error: "economy.api.expectedText" }).trim().max(max, tooLongKey),
  );

/** A form's amount: Swedish text to whole kronor. */
const formMoney = (options: { allowNegative?: boolean } = {}) =>
  z.string({ error: "economy.money.required" }).transform((s, ctx) => {
    const r = parseKronor(s, options);
    if (r.ok) return r.value;
    ctx.addIssue({ code: "custom", message: r.messageKey });
    return z.NEVER;
  });

const formYear = z
  .string({ error: "economy.year.invalid" })
  .trim()
  .regex(/^\d{4}$/, "economy.year.invalid")
  .transform(Number)
  .pipe(z.number().min(YEAR_MIN, "economy.year.invalid").max(YEAR_MAX, "economy.year.invalid"));

const formInt = (key: string, min: number, max: number) =>
  z
    .string({ error: key })
    .trim()
    .regex(/^\d{1,7}$/, key)
    .transform(Number)
    .pipe(z.number().min(min, key).max(max, key));

const formVersion = z.coerce.number({ error: "economy.versionInvalid" }).int("economy.versionInvalid").positive("economy.versionInvalid");

/** A row of year + amount on a form; a row left blank is no row (null). */
const formYearAmount = z.object({ year: z.string().optional(), amount: z.string().optional() }).transform((row, ctx) => {
  const year = (row.year ?? "").trim();
  const amount = (row.amount ?? "").trim();
  if (year === "" && amount === "") return null;
  const y = formYear.safeParse(year);
  if (!y.success) ctx.addIssue({ code: "custom", message: "economy.year.invalid", path: ["year"] });
  const a = parseKronor(amount);
  if (!a.ok) ctx.addIssue({ code: "custom", message: a.messageKey, path: ["amount"] });
  return y.success && a.ok ? { year: y.data, amount: a.value } : z.NEVER;
});

/** Flat form fields "grants.0.year" → { grants: [{ year }] }. */
export function nestRows(body: unknown, lists: readonly string[]): Record<string, unknown> {
  const flat = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const nested: Record<string, Array<Record<string, unknown>>> = Object.fromEntries(lists.map((l) => [l, []]));
  for (const [key, value] of Object.entries(flat)) {
    const m = /^(\w+)\.(\d{1,2})\.(\w+)$/.exec(key);
    const list = m?.[1];
    if (m && list && nested[list]) {
      const i = Number(m[2]);
      const rows = nested[list];
      while (rows.length <= i) rows.push({});
      (rows[i] as Record<string, unknown>)[m[3] as string] = value;
    } else out[key] = value;
  }
  return { ...out, ...nested };
}

/** The filled rows, each with its place on the form (so that an error links to the right field). */
function keepFilled(rows: Array<{ year: number; amount: number } | null>) {
  return rows.flatMap((r, index) => (r ? [{ ...r, index }] : []));
}

const fundingKind = z.enum(fundingKinds, { error: "economy.project.fundingKindRequired" });
const projectName = text("economy.project.nameRequired", NAME_MAX, "economy.project.nameTooLong");
const fundingSource = text("economy.project.fundingSourceRequired", NAME_MAX, "economy.project.fundingSourceTooLong");

export const projectForm = z.object({
  name: projectName,
  fundingSource,
  fundingKind,
  fromYear: formYear,
  toYear: formYear,
  ownContribution: z.preprocess((v) => (v === undefined || (typeof v === "string" && v.trim() === "") ? "0" : v), formMoney()),
  grants: z.array(formYearAmount).transform(keepFilled),
  repayments: z.array(formYearAmount).transform(keepFilled),
});
export const projectEditForm = projectForm.extend({ version: formVersion });
export type ProjectInput = z.output<typeof projectForm>;

export const costForm = z.object({
  year: formYear,
  halfYear: z.enum(["", "1", "2"], { error: "economy.cost.halfYearInvalid" }).transform((v) => (v === "" ? null : Number(v))),
  category: z.enum(costCategories, { error: "economy.cost.categoryRequired" }),
  label: optionalText(LABEL_MAX, "economy.cost.labelTooLong"),
  amount: formMoney({ allowNegative: true }),
});
export type CostInput = Omit<z.output<typeof costForm>, "label"> & { label: string | null };

export const deleteForm = z.object({ version: formVersion });

export const unitCostForm = z.object({
  label: text("economy.unitCost.labelRequired", LABEL_MAX, "economy.unitCost.labelTooLong"),
  unit: text("economy.unitCost.unitRequired", 40, "economy.unitCost.unitTooLong"),
  amount: formMoney(),
});
export const unitCostEditForm = unitCostForm.extend({ version: formVersion });
export type UnitCostInput = z.output<typeof unitCostForm>;

/** The savings page: the horizon and, per unit cost, the avoided units a year (blank: not assumed) and their basis. */
export const savingsForm = z.object({
  version: formVersion,
  horizonYears: formInt("economy.savings.horizonInvalid", 1, HORIZON_MAX_YEARS),
  assumptions: z
    .array(
      z
        .object({ unitCostId: z.string().optional(), avoidedPerYear: z.string().optional(), basis: z.string().optional() })
        .transform((row, ctx) => {
          const avoided = (row.avoidedPerYear ?? "").trim();
          if (avoided === "" || !row.unitCostId) return null;
          const n = formInt("economy.savings.avoidedInvalid", 0, AVOIDED_MAX).safeParse(avoided);
          const basis = (row.basis ?? "").trim();
          if (!n.success) ctx.addIssue({ code: "custom", message: "economy.savings.avoidedInvalid", path: ["avoidedPerYear"] });
          if (basis.length > 500) ctx.addIssue({ code: "custom", message: "economy.savings.basisTooLong", path: ["basis"] });
          return n.success && basis.length <= 500 ? { unitCostId: row.unitCostId, avoidedPerYear: n.data, basis } : z.NEVER;
        }),
    )
    .transform((rows) => rows.filter((r) => r !== null)),
});
export type SavingsInput = z.output<typeof savingsForm>;

/** The import preview: one category (and a label for a free one) per account. */
export const mappingForm = z.object({
  action: z.enum(["preview", "confirm"]).default("preview"),
  mapping: z
    .array(z.object({ account: z.string().max(LABEL_MAX), category: z.string().optional(), label: z.string().optional() }))
    .max(1000)
    .default([]),
});

// ---- API bodies ----

function body<S extends z.ZodRawShape>(shape: S) {
  return z.strictObject(shape, { error: (issue) => (issue.code === "invalid_type" ? "economy.api.expectedObject" : undefined) });
}

const apiKronor = z
  .number({ error: "economy.api.expectedWholeKronor" })
  .int("economy.money.ore")
  .min(0, "economy.money.negative")
  .max(MAX_KRONOR, "economy.money.tooLarge")
  .describe("Hela kronor (heltal)");
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
    .union([z.literal(1), z.literal(2), z.null()], { error: "economy.cost.halfYearInvalid" })
    .default(null)
    .describe("1 eller 2 för ett halvår, null för hela året"),
  category: z.enum(costCategories, { error: "economy.cost.categoryRequired" }).describe("Kategori; other kräver label"),
  label: z.string().trim().max(LABEL_MAX, "economy.cost.labelTooLong").nullable().default(null).describe("Namnet på en fri kategori"),
  amount: z
    .number({ error: "economy.api.expectedWholeKronor" })
    .int("economy.money.ore")
    .min(-MAX_KRONOR, "economy.money.tooLarge")
    .max(MAX_KRONOR, "economy.money.tooLarge")
    .describe("Hela kronor; negativt för en kreditering"),
});

export const importBody = body({
  fileName: z.string().trim().min(1).max(200).default("api").describe("Namn på exporten, för historiken"),
  rows: z
    .array(
      z.object({
        account: z.string().describe("Konto"),
        text: z.string().nullable().optional().describe("Kontots benämning"),
        year: z.union([z.number(), z.string()]).optional().describe("År (eller ange period)"),
        period: z.string().optional().describe("Period, t.ex. 2020-03 eller 2020-03-31"),
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
  horizonYears: z.number().int().min(1, "economy.savings.horizonInvalid").max(HORIZON_MAX_YEARS, "economy.savings.horizonInvalid"),
  assumptions: z
    .array(
      body({
        unitCostId: z.uuid({ error: "economy.savings.unitCostUnknown" }),
        avoidedPerYear: z
          .number()
          .int("economy.savings.avoidedInvalid")
          .min(0, "economy.savings.avoidedInvalid")
          .max(AVOIDED_MAX, "economy.savings.avoidedInvalid"),
        basis: z.string().trim().max(500, "economy.savings.basisTooLong").default(""),
      }),
    )
    .max(100),
});
