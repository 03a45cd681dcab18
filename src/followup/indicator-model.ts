/**
 * An indicator is data: a declarative definition, in the spirit of DHIS2's program indicators, that
 * the database evaluates (src/followup/indicator-sql.ts). It names
 * - the unit of analysis (what is counted: a family's request, a child, a meeting, a survey answer);
 * - the date that places a unit in a period (the request date, the start, the completion, …);
 * - the denominator: filters every counted unit meets, and the numerator: filters on top of them;
 * - the target with its direction, the minimum group size, and how the value is shown.
 * Fields are named from a fixed catalog per unit; an unknown field, an operator that does not fit
 * the field's type or a value outside the field's values is refused with the reason. Messages are
 * catalog keys.
 */
import { z } from "zod";

export const units = ["family", "child", "meeting", "answer"] as const;
export type Unit = (typeof units)[number];

export type FieldType = "text" | "date" | "number" | "boolean";

export interface Field {
  type: FieldType;
  /** The values a text field can have; a filter value outside them is refused. */
  values?: readonly string[];
}

const phases = ["not_started", "started", "halfway", "completed"] as const;
const processStatuses = ["active", "interrupted", "completed"] as const;
const requestStatuses = ["new", "continued", "stopped"] as const;
const meetingStatuses = ["planned", "held", "cancelled", "not_attended"] as const;
const households = ["together", "separated", "single"] as const;
const custodies = ["joint", "sole"] as const;

/** Per unit, the fields a definition may filter on or date by. */
export const fields: Record<Unit, Record<string, Field>> = {
  family: {
    request_date: { type: "date" },
    sofia_meeting_date: { type: "date" },
    decision: { type: "text", values: requestStatuses },
    case_type: { type: "number" },
    household: { type: "text", values: households },
    custody: { type: "text", values: custodies },
    process_status: { type: "text", values: processStatuses },
    phase: { type: "text", values: phases },
    started_on: { type: "date" },
    halfway_on: { type: "date" },
    completed_on: { type: "date" },
    /** The phase an open (not resumed) interruption stopped the process in. */
    interrupted_in: { type: "text", values: ["not_started", "started", "halfway"] },
    /** Some family member was granted further support. */
    support_granted: { type: "boolean" },
    /** Some family member applied for further support (granted or not). */
    support_sought: { type: "boolean" },
    /** Days from the request to the first held family meeting; null until one is held. */
    days_to_first_meeting: { type: "number" },
  },
  child: {
    request_date: { type: "date" },
    gender: { type: "text", values: ["girl", "boy", "other", "not_stated"] },
    /** Whole years on the request date. */
    age: { type: "number" },
    phase: { type: "text", values: phases },
    process_status: { type: "text", values: processStatuses },
    completed_on: { type: "date" },
    /** A child meeting with the child was held. */
    child_meeting_held: { type: "boolean" },
    /** The guardians refused consent to a child meeting. */
    consent_refused: { type: "boolean" },
  },
  meeting: {
    meeting_type: { type: "text" },
    status: { type: "text", values: meetingStatuses },
    planned_date: { type: "date" },
    held_on: { type: "date" },
    child_meeting: { type: "boolean" },
  },
  answer: {
    submitted_on: { type: "date" },
    instrument: { type: "text" },
    item: { type: "text" },
    /** The scale value; null for "don't know". */
    value: { type: "number" },
    respondent_role: {
      type: "text",
      values: ["parent_with_problem", "parent_without_problem", "child", "staff", "parent"],
    },
    age_band: { type: "text", values: ["0–2", "3–5", "6–9", "10–12", "13–17", "18+"] },
  },
};

export const operators = ["eq", "neq", "in", "not_in", "lt", "lte", "gt", "gte", "is_null", "not_null", "is_true", "is_false"] as const;
export type Operator = (typeof operators)[number];

/** Which operators fit which field types. */
const operatorsFor: Record<FieldType, readonly Operator[]> = {
  text: ["eq", "neq", "in", "not_in", "is_null", "not_null"],
  date: ["lt", "lte", "gt", "gte", "is_null", "not_null"],
  number: ["eq", "neq", "in", "not_in", "lt", "lte", "gt", "gte", "is_null", "not_null"],
  boolean: ["is_true", "is_false"],
};

const noValue: readonly Operator[] = ["is_null", "not_null", "is_true", "is_false"];
const listValue: readonly Operator[] = ["in", "not_in"];

const scalar = z.union([z.string().max(100, "indicators.error.value"), z.number().finite()]);

export const filterSchema = z.object({
  field: z.string().max(60, "indicators.error.unknownField"),
  op: z.enum(operators, { error: "indicators.error.operator" }),
  value: z
    .union([scalar, z.array(scalar).min(1, "indicators.error.value").max(50, "indicators.error.value")], {
      error: "indicators.error.value",
    })
    .optional(),
});
export type Filter = z.output<typeof filterSchema>;

/** What is wrong with a filter against the unit's catalog: the part at fault and the message; null when it is right. */
export function filterProblem(catalog: Record<string, Field>, f: Filter): { at: keyof Filter; message: string } | null {
  const field = catalog[f.field];
  if (!field) return { at: "field", message: "indicators.error.unknownField" };
  if (!operatorsFor[field.type].includes(f.op)) return { at: "op", message: "indicators.error.operator" };
  if (noValue.includes(f.op)) return f.value === undefined ? null : { at: "value", message: "indicators.error.noValue" };
  if (f.value === undefined || Array.isArray(f.value) !== listValue.includes(f.op))
    return { at: "value", message: "indicators.error.value" };
  const fits = (v: string | number) =>
    field.type === "number"
      ? typeof v === "number"
      : field.type === "date"
        ? typeof v === "string" && isoDate.test(v)
        : typeof v === "string" && (!field.values || field.values.includes(v));
  const values = Array.isArray(f.value) ? f.value : [f.value];
  return values.every(fits) ? null : { at: "value", message: "indicators.error.value" };
}

export const directions = ["at_least", "at_most"] as const;
export const displays = ["percent", "count"] as const;
export type Display = (typeof displays)[number];

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

export const definitionSchema = z
  .object({
    name: z.string().trim().min(1, "indicators.error.nameRequired").max(160, "indicators.error.nameTooLong"),
    description: z.string().trim().max(2000, "indicators.error.descriptionTooLong").default(""),
    unit: z.enum(units, { error: "indicators.error.unit" }),
    /** The date field of the unit that places it in a period. */
    periodDate: z.string().max(60, "indicators.error.periodDate"),
    denominator: z.array(filterSchema).max(20, "indicators.error.tooManyFilters"),
    numerator: z.array(filterSchema).max(20, "indicators.error.tooManyFilters"),
    /** percent: numerator of denominator; count: the numerator alone. */
    display: z.enum(displays, { error: "indicators.error.display" }),
    target: z
      .object({
        value: z.number().min(0, "indicators.error.target").max(100, "indicators.error.target"),
        direction: z.enum(directions, { error: "indicators.error.target" }),
      })
      .nullable(),
    /**
     * Optional breakdown: a text field (one group per value) or a number field cut into bands at
     * the given lower bounds (ascending whole numbers).
     */
    groupBy: z
      .object({
        field: z.string().max(60, "indicators.error.unknownField"),
        bands: z.array(z.number().int()).min(2, "indicators.error.bands").max(12, "indicators.error.bands").optional(),
      })
      .nullable()
      .default(null),
    /** Null: the municipality's minimum group size. */
    minGroupSize: z.number().int().min(2, "indicators.error.minGroupSize").max(50, "indicators.error.minGroupSize").nullable(),
  })
  .superRefine((d, ctx) => {
    const catalog = fields[d.unit];
    if (!catalog) return;
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
    if (catalog[d.periodDate]?.type !== "date") issue(["periodDate"], "indicators.error.periodDate");
    if (d.display === "count" && d.target) issue(["target"], "indicators.error.targetNeedsPercent");
    if (d.groupBy) {
      const type = catalog[d.groupBy.field]?.type;
      const bands = d.groupBy.bands;
      if (type !== "text" && type !== "number") issue(["groupBy", "field"], "indicators.error.unknownField");
      else if ((type === "number") !== (bands !== undefined)) issue(["groupBy", "bands"], "indicators.error.bands");
      else if (bands?.some((b, i) => i > 0 && b <= (bands[i - 1] ?? b))) issue(["groupBy", "bands"], "indicators.error.bands");
    }
    for (const part of ["denominator", "numerator"] as const) {
      d[part].forEach((f, i) => {
        const problem = filterProblem(catalog, f);
        if (problem) issue([part, i, problem.at], problem.message);
      });
    }
  });
export type Definition = z.output<typeof definitionSchema>;

/** Whether a value meets the target; null when there is no target or no value. */
export function meetsTarget(definition: Definition, percent: number | null): boolean | null {
  if (!definition.target || percent === null) return null;
  return definition.target.direction === "at_least" ? percent >= definition.target.value : percent <= definition.target.value;
}

/** The percentage with one decimal, rounded half up in integers; null for an empty denominator. */
export function percentOf(numerator: number, denominator: number): number | null {
  if (denominator === 0) return null;
  return Math.floor((2000 * numerator + denominator) / (2 * denominator)) / 10;
}

/** The label of the band a number falls in: bands [0, 30, 60] give "0–29", "30–59" and "60+". */
export function bandLabels(bands: readonly number[]): string[] {
  return bands.map((b, i) => {
    const next = bands[i + 1];
    return next === undefined ? `${b}+` : `${b}–${next - 1}`;
  });
}
