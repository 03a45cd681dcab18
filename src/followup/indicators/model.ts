/**
 * An indicator is data: a declarative definition, in the spirit of DHIS2's program indicators, that
 * the database evaluates (src/followup/indicators/sql.ts). It names
 * - the unit of analysis (what is counted: a family's request, a child, a meeting, a survey answer);
 * - the date that places a unit in a period (the request date, the start, the completion, …);
 * - the denominator: filters every counted unit meets, and the numerator: filters on top of them;
 * - the target with its direction, the minimum group size, and how the value is shown.
 * Fields are named from a fixed catalog per unit; an unknown field, an operator that does not fit
 * the field's type or a value outside the field's values is refused with the reason. Messages are
 * catalog keys.
 */
import { z } from "zod";
import {
  ageBands,
  attitudes,
  custodies,
  genders,
  guardianGenders,
  households,
  relations,
  requestStatuses,
  substanceAnswers,
} from "../../families/index.ts";
import { meetingStatuses, phases, processStatuses } from "../../processes/index.ts";

export const units = ["family", "member", "child", "meeting", "stop", "answer", "caseworker", "placement"] as const;
export type Unit = (typeof units)[number];

/** The units counted in every period rather than placed in one by a date: the caseworkers active now. */
export const perPeriodUnits: readonly Unit[] = ["caseworker"];

export type FieldType = "text" | "date" | "number" | "boolean";

export interface Field {
  type: FieldType;
  /** The values a text field can have; a filter value outside them is refused. */
  values?: readonly string[];
  /** What a number field counts, for its unit in the display ("dagar", "familjer", …). */
  measures?: "days" | "families" | "scale" | "people";
}

/**
 * The sections of the follow-up page (and the interim report), in their order: the seed reports'
 * headings. A definition names its own; "other" when it names none.
 */
export const sections = [
  "funnel",
  "goals",
  "meetings",
  "waits",
  "support",
  "answers",
  "staff",
  "perspective",
  "placements",
  "other",
] as const;
export type Section = (typeof sections)[number];

// The values of text fields are the ones their own slices define (families, processes), imported, never restated.
const ageBandValues = ageBands;
const childGenders = genders;
/** The phases a process can be interrupted in: every phase but completed. */
const interruptiblePhases = phases.filter((p) => p !== "completed");

/**
 * The values of a placement (issue 18), as the check constraints of db/schema/placements.ts allow
 * them: the placements module that records them is built beside this one, not below it.
 */
export const placementKinds = ["emergency_foster_home", "foster_home", "residential_care", "kinship", "other"] as const;
export const legalBases = ["sol", "lvu"] as const;
export const endDestinations = ["home", "other_placement"] as const;
/** Whether the placed child is of a family Sofia knows (`request_person_id` set) or not. */
export const placementFamilies = ["sofia_family", "other_family"] as const;
/**
 * A placement's review at the placement forum against the municipality's limit (days from the
 * start): reviewed in time (a held forum dated on or before the last day), reviewed late (the
 * first held forum after it), not reviewed (the last day has passed), pending (not yet, the last
 * day has not passed).
 */
export const reviewStates = ["reviewed_in_time", "reviewed_late", "not_reviewed", "review_pending"] as const;
/**
 * A placement against the municipality's limit for an emergency placement (days from the start):
 * ended in time (on or before the last day), ended late, over the limit (goes on, the last day
 * has passed), within the limit (goes on, the last day has not passed).
 */
export const emergencyStates = ["ended_in_time", "ended_late", "over_limit", "within_limit"] as const;

/** A family member's age on the request date and their family's process. */
const personFields: Record<string, Field> = {
  /** Whole years on the request date. */
  age: { type: "number" },
  age_band: { type: "text", values: ageBandValues },
  phase: { type: "text", values: phases },
  process_status: { type: "text", values: processStatuses },
  started_on: { type: "date" },
  completed_on: { type: "date" },
};

/**
 * Per unit, the fields a definition may filter on, date by, group by or measure. A caseworker has
 * no date of its own: each period counts the caseworkers active now, with their families in that
 * period, and its one date field, `period`, is the period's first day.
 */
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
    interrupted_in: { type: "text", values: interruptiblePhases },
    /** Some family member was granted further support. */
    support_granted: { type: "boolean" },
    /** Some family member applied for further support (granted or not). */
    support_sought: { type: "boolean" },
    /** The first day a child or adult caseworker was assigned; null before. */
    assigned_on: { type: "date" },
    /** The first held family meeting (not the Sofiamöte, not a child meeting); null until one is held. */
    first_meeting_on: { type: "date" },
    /** Days from the request to the first caseworker assignment. */
    days_to_assignment: { type: "number", measures: "days" },
    /** Days from the first assignment to the first held family meeting. */
    days_assignment_to_first_meeting: { type: "number", measures: "days" },
    /** Days from the request to the first held family meeting; null until one is held. */
    days_to_first_meeting: { type: "number", measures: "days" },
    /**
     * Which parent has the problem: both (two or more parents), mother or father (one parent, recorded
     * as a woman or a man), other (another guardian, or a parent whose gender is not recorded), none.
     */
    problem_parent: { type: "text", values: ["mother", "father", "both", "other", "none"] },
    /** The attitude to support of the guardian(s) with the problem; the least positive when several. */
    problem_parent_attitude: { type: "text", values: attitudes },
    children: { type: "number", measures: "people" },
  },
  member: {
    request_date: { type: "date" },
    kind: { type: "text", values: ["guardian", "child"] },
    /** Guardians: woman / man / other / not_stated; children: girl / boy / other / not_stated. */
    gender: { type: "text", values: [...guardianGenders.filter((g) => !(genders as readonly string[]).includes(g)), ...childGenders] },
    relation: { type: "text", values: relations },
    substance_problem: { type: "text", values: substanceAnswers },
    attitude: { type: "text", values: attitudes },
    ...personFields,
    /** This person was granted further support. */
    support_granted: { type: "boolean" },
    /** This person applied for or was granted further support. */
    support_sought: { type: "boolean" },
    /** Held meetings this person attended. */
    meetings_attended: { type: "number" },
  },
  child: {
    request_date: { type: "date" },
    gender: { type: "text", values: childGenders },
    ...personFields,
    /** A child meeting with the child was held. */
    child_meeting_held: { type: "boolean" },
    /** The guardians refused consent to a child meeting. */
    consent_refused: { type: "boolean" },
    /** A child impact analysis was made for the child. */
    impact_analysis: { type: "boolean" },
    /** A joint child impact analysis (both caseworkers) was made for the child. */
    joint_impact_analysis: { type: "boolean" },
    impact_analysis_on: { type: "date" },
    /** The decision on the child's request (the Sofiamöte's): `continued` for the families that went on. */
    decision: { type: "text", values: requestStatuses },
  },
  meeting: {
    meeting_type: { type: "text" },
    status: { type: "text", values: meetingStatuses },
    planned_date: { type: "date" },
    held_on: { type: "date" },
    child_meeting: { type: "boolean" },
    /** A survey follows the meeting type (the work model lists an instrument). */
    surveyed: { type: "boolean" },
    /** Family members who attended the held meeting. */
    attended: { type: "number", measures: "people" },
    /**
     * Family members who answered a survey after the meeting: per audience the most responses to one
     * instrument (a parent answering two instruments counts once).
     */
    responses: { type: "number", measures: "people" },
  },
  stop: {
    /** The stop's key in the process's work model. */
    stop: { type: "text" },
    scope: { type: "text", values: ["family", "child"] },
    process_status: { type: "text", values: processStatuses },
    /** The last day the stop should be held: its event's date plus the model's days; null before the event. */
    due_on: { type: "date" },
    held_on: { type: "date" },
    /** held_on_time, held_late, overdue (not held, due date passed), due (not held, not yet due), not_yet (no event yet). */
    state: { type: "text", values: ["held_on_time", "held_late", "overdue", "due", "not_yet"] },
    /** Days held after the due date (0 when on time); null when not held. */
    days_late: { type: "number", measures: "days" },
  },
  answer: {
    /**
     * The day the answer was given: its meeting's held date, or a campaign answer's day (the
     * response's period_on, decision 0046); a paper form typed in later counts on its meeting's day.
     */
    submitted_on: { type: "date" },
    instrument: { type: "text" },
    item: { type: "text" },
    /** The scale value; null for "don't know". */
    value: { type: "number", measures: "scale" },
    respondent_role: {
      type: "text",
      values: ["parent_with_problem", "parent_without_problem", "child", "staff", "parent"],
    },
    age_band: { type: "text", values: ageBandValues },
  },
  caseworker: {
    /** The period's first day: every caseworker active now is in every period. */
    period: { type: "date" },
    /** The name of a unit the caseworker belongs to (a caseworker in two units is counted in each). */
    unit_name: { type: "text" },
    /** Families (processes) the caseworker was assigned to as child or adult caseworker in the period. */
    families: { type: "number", measures: "families" },
    /** Assigned to at least one family in the period. */
    took_part: { type: "boolean" },
  },
  placement: {
    start_date: { type: "date" },
    planned_end_date: { type: "date" },
    /** Null while the placement goes on. */
    end_date: { type: "date" },
    kind: { type: "text", values: placementKinds },
    legal_basis: { type: "text", values: legalBases },
    /** Where the child went when the placement ended; null while it goes on. */
    end_destination: { type: "text", values: endDestinations },
    /** The name of the family unit responsible for the placed child. */
    unit_name: { type: "text" },
    /** sofia_family: the child of a family Sofia knows; other_family: a child without a Sofia process. */
    family: { type: "text", values: placementFamilies },
    /** The child of a family Sofia knows. */
    sofia_family: { type: "boolean" },
    /** Days from the start to the end; null while the placement goes on. */
    days_placed: { type: "number", measures: "days" },
    /** The last day of the review limit: the start plus the municipality's placement_review_limit_days. */
    review_due_on: { type: "date" },
    /** The date of the first held forum that reviewed the placement; null until one has. */
    reviewed_on: { type: "date" },
    review_state: { type: "text", values: reviewStates },
    /** Reviewed at a held forum dated on or before review_due_on. */
    reviewed_within_limit: { type: "boolean" },
    /** The last day of the emergency limit: the start plus the municipality's emergency_placement_limit_days. */
    emergency_limit_on: { type: "date" },
    emergency_state: { type: "text", values: emergencyStates },
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
/**
 * percent: the numerator's units of the denominator's; count: the numerator's units; rate: the sum
 * of one number field against the sum of another (survey responses of attendances); mean, median,
 * p90 (90th percentile), min and max: a statistic of one number field over the units that meet
 * every filter.
 */
export const displays = ["percent", "count", "rate", "mean", "median", "p90", "min", "max"] as const;
export type Display = (typeof displays)[number];
/** The displays that compute a statistic of a number field. */
export const statistics = ["mean", "median", "p90", "min", "max"] as const satisfies readonly Display[];
export type Statistic = (typeof statistics)[number];
export const isStatistic = (d: Display): d is Statistic => (statistics as readonly Display[]).includes(d);
/** The displays whose value is a share in percent. */
export const isShare = (d: Display) => d === "percent" || d === "rate";

/** A statistic of a field that counts days (a wait): written in days, one decimal at most (platform/precision.ts formatDays). */
export function measuresDays(d: { unit: Unit; display: Display; measure?: { field: string } | null }): boolean {
  return isStatistic(d.display) && !!d.measure && fields[d.unit]?.[d.measure.field]?.measures === "days";
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

export const definitionSchema = z
  .object({
    name: z.string().trim().min(1, "indicators.error.nameRequired").max(160, "indicators.error.nameTooLong"),
    description: z.string().trim().max(2000, "indicators.error.descriptionTooLong").default(""),
    /**
     * The English name and description, shown when the UI is in English (decision 0043); Swedish
     * where absent. The seeded indicators have them.
     */
    en: z
      .object({
        name: z.string().trim().min(1, "indicators.error.nameRequired").max(160, "indicators.error.nameTooLong").optional(),
        description: z.string().trim().max(2000, "indicators.error.descriptionTooLong").optional(),
      })
      .optional(),
    unit: z.enum(units, { error: "indicators.error.unit" }),
    /** The date field of the unit that places it in a period. */
    periodDate: z.string().max(60, "indicators.error.periodDate"),
    denominator: z.array(filterSchema).max(20, "indicators.error.tooManyFilters"),
    numerator: z.array(filterSchema).max(20, "indicators.error.tooManyFilters"),
    display: z.enum(displays, { error: "indicators.error.display" }),
    /** The section of the follow-up the indicator is shown in; a definition without one is under "other". */
    section: z.enum(sections, { error: "indicators.error.section" }).default("other"),
    /**
     * The number field a statistic is computed of, or a rate's summed field; `per`: the field a
     * rate's sum is divided by. Null for percent and count.
     */
    measure: z
      .object({
        field: z.string().max(60, "indicators.error.unknownField"),
        per: z.string().max(60, "indicators.error.unknownField").nullable().default(null),
      })
      .nullable()
      .default(null),
    /** A share's target in percent, or a statistic's in the measured field's unit (at most: a median wait in days). */
    target: z
      .object({
        value: z
          .number({ error: "indicators.error.targetNumber" })
          .min(0, "indicators.error.target")
          .max(100000, "indicators.error.target"),
        direction: z.enum(directions, { error: "indicators.error.target" }),
      })
      .nullable(),
    /**
     * Optional breakdown: a text field (one group per value), a number field (one group per value)
     * or a number field cut into bands at
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
    minGroupSize: z
      .number({ error: "indicators.error.minGroupSizeNumber" })
      .int("indicators.error.minGroupSize")
      .min(2, "indicators.error.minGroupSize")
      .max(50, "indicators.error.minGroupSize")
      .nullable(),
  })
  .superRefine((d, ctx) => {
    const catalog = fields[d.unit];
    if (!catalog) return;
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
    if (catalog[d.periodDate]?.type !== "date") issue(["periodDate"], "indicators.error.periodDate");
    if (d.display === "count" && d.target) issue(["target"], "indicators.error.targetNeedsPercent");
    if (isShare(d.display) && d.target && d.target.value > 100) issue(["target", "value"], "indicators.error.target");
    const isNumber = (f: string | null | undefined) => f != null && catalog[f]?.type === "number";
    if (isStatistic(d.display) || d.display === "rate") {
      if (!d.measure) issue(["measure"], "indicators.error.measureRequired");
      else {
        if (!isNumber(d.measure.field)) issue(["measure", "field"], "indicators.error.measureField");
        if (d.display === "rate" ? !isNumber(d.measure.per) : d.measure.per !== null)
          issue(["measure", "per"], "indicators.error.measurePer");
      }
    } else if (d.measure) issue(["measure"], "indicators.error.measureNotUsed");
    if (d.groupBy) {
      const type = catalog[d.groupBy.field]?.type;
      const bands = d.groupBy.bands;
      if (type !== "text" && type !== "number") issue(["groupBy", "field"], "indicators.error.unknownField");
      else if (type === "text" && bands !== undefined) issue(["groupBy", "bands"], "indicators.error.bands");
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

/** Whether a value (a share in percent or a statistic) meets the target; null when there is no target or no value. */
export function meetsTarget(definition: Definition, value: number | null): boolean | null {
  if (!definition.target || value === null) return null;
  return definition.target.direction === "at_least" ? value >= definition.target.value : value <= definition.target.value;
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
