/**
 * Evaluates indicator definitions in the database: one statement per indicator counts its
 * denominator and numerator for every requested period (and group) at once. Nothing is loaded row by
 * row into JavaScript. Field names come only from the catalog in indicator-model.ts (each has its
 * column here); filter values are always bound parameters.
 */
import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../platform/database.ts";
import { bandLabels, type Definition, type Filter, fields, type Unit } from "./indicator-model.ts";

/**
 * Per unit, the relation the definition filters: one row per counted unit of the municipality, with
 * one column per catalog field (same names). Sub-selects compute what a row needs from other tables.
 */
const units: Record<Unit, (municipalityId: string) => SQL> = {
  family: (m) => sql`
    select r.request_date, r.meeting_date as sofia_meeting_date, r.status as decision, r.case_type::int as case_type,
      r.household, r.custody, p.status as process_status, p.phase, p.started_on, p.halfway_on, p.completed_on,
      (select i.phase from process_interruptions i where i.process_id = p.id and i.resumed_on is null) as interrupted_in,
      coalesce((select bool_or(s.granted_on is not null) from support_measures s where s.process_id = p.id), false) as support_granted,
      coalesce((select bool_or(s.applied_on is not null or s.granted_on is not null) from support_measures s where s.process_id = p.id), false) as support_sought,
      (select min(mt.held_on) - r.request_date from meetings mt
        where mt.process_id = p.id and mt.status = 'held' and mt.child_id is null and mt.meeting_type_key <> 'sofiamote') as days_to_first_meeting
    from requests r left join processes p on p.request_id = r.id
    where r.municipality_id = ${m}`,
  child: (m) => sql`
    select r.request_date, c.gender, extract(year from age(r.request_date, c.birth_date))::int as age,
      p.phase, p.status as process_status, p.completed_on,
      exists (select 1 from meetings mt where mt.child_id = c.id and mt.status = 'held') as child_meeting_held,
      exists (select 1 from meetings mt where mt.child_id = c.id and mt.consent = 'refused') as consent_refused
    from request_persons c join requests r on r.id = c.request_id left join processes p on p.request_id = r.id
    where c.kind = 'child' and r.municipality_id = ${m}`,
  meeting: (m) => sql`
    select mt.meeting_type_key as meeting_type, mt.status, mt.planned_date, mt.held_on, (mt.child_id is not null) as child_meeting
    from meetings mt join processes p on p.id = mt.process_id
    where p.municipality_id = ${m}`,
  answer: (m) => sql`
    select (s.submitted_at at time zone 'Europe/Stockholm')::date as submitted_on, i.key as instrument, a.item_key as item,
      a.value::int as value, s.respondent_role, s.age_band
    from survey_answers a join survey_responses s on s.id = a.response_id
      join survey_instrument_versions v on v.id = s.instrument_version_id join survey_instruments i on i.id = v.instrument_id
    where s.municipality_id = ${m}`,
};

export interface Period {
  key: string;
  from: string;
  to: string;
}

export interface Count {
  period: string;
  /** The group's label; null without a breakdown. */
  group: string | null;
  denominator: number;
  numerator: number;
}

function column(unit: Unit, name: string): SQL {
  if (!fields[unit][name]) throw new Error(`${name} is not a field of ${unit}`);
  return sql`u.${sql.identifier(name)}`;
}

function value(v: string | number, type: string): SQL {
  return type === "date" ? sql`${v}::date` : sql`${v}`;
}

/** One filter as a condition on the unit's row. */
export function condition(unit: Unit, f: Filter): SQL {
  const col = column(unit, f.field);
  const type = fields[unit][f.field]?.type ?? "text";
  const list = () =>
    sql.join(
      ((f.value ?? []) as (string | number)[]).map((v) => value(v, type)),
      sql`, `,
    );
  const one = () => value(f.value as string | number, type);
  switch (f.op) {
    case "eq":
      return sql`${col} = ${one()}`;
    case "neq":
      return sql`${col} is distinct from ${one()}`;
    case "in":
      return sql`${col} in (${list()})`;
    case "not_in":
      return sql`(${col} is null or ${col} not in (${list()}))`;
    case "lt":
      return sql`${col} < ${one()}`;
    case "lte":
      return sql`${col} <= ${one()}`;
    case "gt":
      return sql`${col} > ${one()}`;
    case "gte":
      return sql`${col} >= ${one()}`;
    case "is_null":
      return sql`${col} is null`;
    case "not_null":
      return sql`${col} is not null`;
    case "is_true":
      return sql`${col} is true`;
    case "is_false":
      return sql`${col} is not true`;
  }
}

const all = (unit: Unit, filters: Filter[]): SQL =>
  filters.length === 0
    ? sql`true`
    : sql.join(
        filters.map((f) => sql`(${condition(unit, f)})`),
        sql` and `,
      );

/** The group expression of a breakdown: the text value, or the band's label of a number. */
function groupExpression(d: Definition): SQL {
  if (!d.groupBy) return sql`null::text`;
  const col = column(d.unit, d.groupBy.field);
  const bands = d.groupBy.bands;
  if (!bands) return sql`${col}::text`;
  const labels = bandLabels(bands);
  const whens = bands
    .map((b, i) => ({ b, label: labels[i] ?? "" }))
    .reverse()
    .map(({ b, label }) => sql`when ${col} >= ${b} then ${label}`);
  return sql`case ${sql.join(whens, sql` `)} else null end`;
}

/** The order groups are shown in: the bands, or the field's values; anything else after them, alphabetically. */
export function groupOrder(d: Definition): string[] {
  if (!d.groupBy) return [];
  return d.groupBy.bands ? bandLabels(d.groupBy.bands) : [...(fields[d.unit][d.groupBy.field]?.values ?? [])];
}

/** The statement that counts a definition for the periods; exported for the tests and the bench. */
export function indicatorQuery(d: Definition, municipalityId: string, periods: readonly Period[]): SQL {
  const rows = sql.join(
    periods.map((p) => sql`(${p.key}::text, ${p.from}::date, ${p.to}::date)`),
    sql`, `,
  );
  const denominator = all(d.unit, d.denominator);
  const numerator = all(d.unit, d.numerator);
  const group = groupExpression(d);
  return sql`
    select per.key as period, ${group} as "group",
      (count(*) filter (where ${denominator}))::int as denominator,
      (count(*) filter (where ${denominator} and ${numerator}))::int as numerator
    from (${units[d.unit](municipalityId)}) u
    join (values ${rows}) as per(key, from_date, to_date) on ${column(d.unit, d.periodDate)} between per.from_date and per.to_date
    group by 1, 2`;
}

/**
 * The counts of a definition per period (and group), every period present even when empty. Groups
 * with no unit in the denominator are left out.
 */
export async function evaluate(db: DbOrTx, d: Definition, municipalityId: string, periods: readonly Period[]): Promise<Count[]> {
  if (periods.length === 0) return [];
  const result = await db.execute(indicatorQuery(d, municipalityId, periods));
  const rows = (result.rows as unknown as Count[]).filter((r) => r.denominator > 0 || d.groupBy === null);
  const out: Count[] = [];
  for (const p of periods) {
    const mine = rows.filter((r) => r.period === p.key);
    if (d.groupBy === null) {
      out.push(mine[0] ?? { period: p.key, group: null, denominator: 0, numerator: 0 });
    } else {
      const order = groupOrder(d);
      const rank = (g: string | null) => (g === null ? order.length + 1 : order.indexOf(g) >= 0 ? order.indexOf(g) : order.length);
      out.push(...mine.sort((a, b) => rank(a.group) - rank(b.group) || (a.group ?? "").localeCompare(b.group ?? "", "sv")));
    }
  }
  return out;
}
