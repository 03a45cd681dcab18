/**
 * Evaluates indicator definitions in the database: one statement per batch of definitions with the
 * same unit and date field counts each one's denominator and numerator (or sums, or statistic) for
 * every requested period (and group) at once (decision 0030). Nothing is loaded row by row into
 * JavaScript. Field names come only from the catalog in indicators/model.ts (each has its
 * column in units.ts); filter values are always bound parameters.
 */
import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../platform/database.ts";
import type { IsoDate } from "../../platform/dates.ts";
import { keptRows, refreshFacts } from "./facts.ts";
import { bandLabels, type Definition, type Filter, fields, perPeriodUnits, type Unit } from "./model.ts";
import { isKept, madeUnitRows } from "./units.ts";

export interface Period {
  key: string;
  from: string;
  to: string;
}

export interface Count {
  period: string;
  /** The group's label; null without a breakdown. */
  group: string | null;
  /** percent, count: units; rate: the sums; a statistic: the units with a value (both). */
  denominator: number;
  numerator: number;
  /** A statistic's value; null for the other displays and when no unit has a value. */
  value: number | null;
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

/** The aggregates of a display over the units that meet `where`: denominator, numerator and value. */
function aggregates(d: Definition, denominator: SQL, numerator: SQL): { denominator: SQL; numerator: SQL; value: SQL } {
  const both = sql`${denominator} and ${numerator}`;
  if (d.display === "percent" || d.display === "count")
    return {
      denominator: sql`(count(*) filter (where ${denominator}))::int`,
      numerator: sql`(count(*) filter (where ${both}))::int`,
      value: sql`null::float8`,
    };
  const field = column(d.unit, d.measure?.field ?? "");
  if (d.display === "rate") {
    const per = column(d.unit, d.measure?.per ?? "");
    return {
      denominator: sql`coalesce(sum(${per}) filter (where ${both}), 0)::int`,
      numerator: sql`coalesce(sum(${field}) filter (where ${both}), 0)::int`,
      value: sql`null::float8`,
    };
  }
  const statistic = {
    mean: sql`avg(${field})`,
    median: sql`percentile_cont(0.5) within group (order by ${field})`,
    p90: sql`percentile_cont(0.9) within group (order by ${field})`,
    min: sql`min(${field})`,
    max: sql`max(${field})`,
  }[d.display];
  const withValue = sql`${both} and ${field} is not null`;
  return {
    denominator: sql`(count(*) filter (where ${withValue}))::int`,
    numerator: sql`(count(*) filter (where ${withValue}))::int`,
    value: sql`(${statistic} filter (where ${withValue}))::float8`,
  };
}

/** The fields a definition reads: its date, its filters, its breakdown and its measure. */
function fieldsOf(d: Definition): string[] {
  return [
    d.periodDate,
    ...d.denominator.map((f) => f.field),
    ...d.numerator.map((f) => f.field),
    ...(d.groupBy ? [d.groupBy.field] : []),
    ...(d.measure ? [d.measure.field, ...(d.measure.per ? [d.measure.per] : [])] : []),
  ];
}

const valuesOf = (periods: readonly Period[]) =>
  sql.join(
    periods.map((p) => sql`(${p.key}::text, ${p.from}::date, ${p.to}::date)`),
    sql`, `,
  );

/**
 * The statement that counts definitions of one unit and one date field for the periods at once: the
 * unit's rows in each period, with only the fields the definitions read, are made once (a
 * materialized CTE named u); each definition is then a grouped pass over them, tagged with its index.
 * `today` (the clock's) decides which stops are overdue. Exported for the tests and the bench.
 */
export function batchQuery(defs: readonly Definition[], municipalityId: string, periods: readonly Period[], today: IsoDate): SQL {
  const first = defs[0];
  if (!first || defs.some((d) => d.unit !== first.unit || d.periodDate !== first.periodDate))
    throw new Error("a batch is definitions of one unit and one date field");
  const unit = first.unit;
  const rows = valuesOf(periods);
  const used = [...new Set(defs.flatMap(fieldsOf))].filter((f) => f !== "period" || !perPeriodUnits.includes(unit));
  const columns = sql.join(
    used.map((f) => sql`x.${sql.identifier(f)}`),
    sql`, `,
  );
  const relation = isKept(unit) ? keptRows(unit, municipalityId, today) : madeUnitRows[unit](municipalityId, rows, today);
  const made = perPeriodUnits.includes(unit)
    ? sql`select x.period_key as _period, ${columns} from (${relation}) x`
    : sql`select per.key as _period, ${columns} from (${relation}) x
        join (values ${rows}) as per(key, from_date, to_date) on x.${sql.identifier(first.periodDate)} between per.from_date and per.to_date`;
  const counted = defs.map((d, i) => ({ d, i, a: aggregates(d, all(unit, d.denominator), all(unit, d.numerator)) }));
  // A definition with a breakdown is a pass of its own, grouped by period and group.
  const passes = counted
    .filter(({ d }) => d.groupBy)
    .map(
      ({ d, i, a }) => sql`select ${i}::int as _i, u._period as period, ${groupExpression(d)} as "group",
      ${a.denominator} as denominator, ${a.numerator} as numerator, ${a.value} as value
    from u group by 2, 3`,
    );
  // The definitions without one share a single pass over u: one row per period with every
  // definition's aggregates side by side, turned into one row per definition (19 scans of the
  // family rows were one each).
  const whole = counted.filter(({ d }) => !d.groupBy);
  if (whole.length > 0) {
    const name = (what: string, i: number) => sql.identifier(`${what}${i}`);
    const side = sql.join(
      whole.map(({ i, a }) => sql`${a.denominator} as ${name("d", i)}, ${a.numerator} as ${name("n", i)}, ${a.value} as ${name("v", i)}`),
      sql`, `,
    );
    const apart = sql.join(
      whole.map(({ i }) => sql`(${i}::int, p.${name("d", i)}, p.${name("n", i)}, p.${name("v", i)})`),
      sql`, `,
    );
    passes.push(sql`select t._i, p.period, null::text as "group", t.denominator, t.numerator, t.value
      from (select u._period as period, ${side} from u group by 1) p
      cross join lateral (values ${apart}) as t(_i, denominator, numerator, value)`);
  }
  return sql`with u as materialized (${made})
    ${sql.join(passes, sql` union all `)}`;
}

/** Orders a definition's rows: every period present (zeros when empty, without a breakdown), groups in their order. */
function shape(d: Definition, rows: readonly Count[], periods: readonly Period[]): Count[] {
  const kept = rows.filter((r) => r.denominator > 0 || d.groupBy === null);
  const out: Count[] = [];
  for (const p of periods) {
    const mine = kept.filter((r) => r.period === p.key);
    if (d.groupBy === null) {
      out.push(mine[0] ?? { period: p.key, group: null, denominator: 0, numerator: 0, value: null });
    } else {
      const order = groupOrder(d);
      const rank = (g: string | null) => (g === null ? order.length + 1 : order.indexOf(g) >= 0 ? order.indexOf(g) : order.length);
      out.push(
        ...mine.sort((a, b) => rank(a.group) - rank(b.group) || (a.group ?? "").localeCompare(b.group ?? "", "sv", { numeric: true })),
      );
    }
  }
  return out;
}

/**
 * The definitions in batches of one unit and one date field, each with the indexes of its
 * definitions; the costliest first, so that the few run side by side do not end waiting for one
 * started last: the units made per period (their rows are made in the statement), then the
 * batches with the most definitions.
 */
export function batchesOf(defs: readonly Definition[]): number[][] {
  const batches = new Map<string, number[]>();
  defs.forEach((d, i) => {
    const key = `${d.unit}/${d.periodDate}`;
    batches.set(key, [...(batches.get(key) ?? []), i]);
  });
  const madePerPeriod = (batch: number[]) => (perPeriodUnits.includes((defs[batch[0] as number] as Definition).unit) ? 0 : 1);
  return [...batches.values()].sort((a, b) => madePerPeriod(a) - madePerPeriod(b) || b.length - a.length);
}

/**
 * The counts of one batch (definitions of one unit and one date field) per period (and group), in the
 * definitions' order: every period present even when empty; groups with no unit in the denominator
 * are left out.
 */
export async function evaluateBatch(
  db: DbOrTx,
  defs: readonly Definition[],
  municipalityId: string,
  periods: readonly Period[],
  today: IsoDate,
): Promise<Count[][]> {
  if (periods.length === 0 || defs.length === 0) return defs.map(() => []);
  if (defs.some((d) => isKept(d.unit))) await refreshFacts(db);
  const result = await db.execute(batchQuery(defs, municipalityId, periods, today));
  const rows = result.rows as unknown as Array<Count & { _i: number }>;
  return defs.map((d, i) =>
    shape(
      d,
      rows.filter((r) => r._i === i).map(({ _i, ...count }) => count),
      periods,
    ),
  );
}

/** The counts of one definition (a batch of one). */
export async function evaluate(
  db: DbOrTx,
  d: Definition,
  municipalityId: string,
  periods: readonly Period[],
  today: IsoDate,
): Promise<Count[]> {
  const [counts] = await evaluateBatch(db, [d], municipalityId, periods, today);
  return counts ?? [];
}
