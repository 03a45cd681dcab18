/**
 * Aggregate queries that no other slice computes, for the interim report: the period's requests by
 * case type and decision, and for the families that went on their children (age on the request
 * date, gender), their guardians (relation, substance problem, attitude), custody and household.
 * Only counts leave the database: never a name, an identity number or a birth date.
 */
import { sql } from "drizzle-orm";
import { type DbOrTx, rows } from "../platform/database.ts";
import type { ChildCount, FamilyCount, GuardianCount, Period, ProblemFamilyCount, RequestCount } from "./model.ts";

const inPeriod = (p: Period) => sql`r.request_date between ${p.from}::date and ${p.to}::date`;

/** The requests made in the period, per case type and whether the Sofiamöte let the family go on. */
export function requestCounts(db: DbOrTx, municipalityId: string, p: Period): Promise<RequestCount[]> {
  return rows(
    db,
    sql`select r.case_type::int as "caseType", (r.status = 'continued') as "continued", count(*)::int as "n"
        from requests r where r.municipality_id = ${municipalityId} and ${inPeriod(p)}
        group by 1, 2`,
  );
}

/** The period's families that went on, counted four ways for the gender perspective (`genderCounts`). */
export interface GenderCounts {
  /** Their children, by whole years on the request date and gender. */
  children: ChildCount[];
  /** Their guardians with a substance problem, by relation and attitude. */
  guardians: GuardianCount[];
  /** The families, by how many guardians have a problem, custody and household. */
  families: FamilyCount[];
  /**
   * The families with a guardian with a substance problem: how many of those guardians are parents
   * recorded as women, as men, or otherwise, and how many are other guardians, with the different
   * attitudes of each kind; families alike counted together.
   */
  problemFamilies: ProblemFamilyCount[];
}

/**
 * The gender perspective's counts of the period's families that went on, in one statement: their
 * persons are read once (a materialized CTE; one family row without persons, so that it is counted
 * too), summed up per family once, and counted four ways, each returned as JSON rows tagged with
 * what they count.
 */
export async function genderCounts(db: DbOrTx, municipalityId: string, p: Period): Promise<GenderCounts> {
  const found = await rows<{ what: keyof GenderCounts; row: never }>(
    db,
    sql`with f as materialized (
          select r.id, r.custody, r.household, g.kind, g.gender, g.relation, g.attitude,
                 g.kind = 'guardian' and g.substance_problem = 'yes' as problem,
                 date_part('year', age(r.request_date, g.birth_date))::int as age
          from requests r left join request_persons g on g.request_id = r.id
          where r.municipality_id = ${municipalityId} and r.status = 'continued' and ${inPeriod(p)}),
        per_family as (
          select f.id, f.custody, f.household, (count(*) filter (where f.problem))::int as with_problem,
                 (count(*) filter (where f.problem and f.relation = 'parent' and f.gender = 'woman'))::int as mothers,
                 (count(*) filter (where f.problem and f.relation = 'parent' and f.gender = 'man'))::int as fathers,
                 (count(*) filter (where f.problem and f.relation = 'parent' and f.gender is distinct from 'woman'
                   and f.gender is distinct from 'man'))::int as other_parents,
                 (count(*) filter (where f.problem and f.relation is distinct from 'parent'))::int as others,
                 coalesce(array_agg(distinct coalesce(f.attitude, 'not_stated')) filter (where f.problem and f.relation = 'parent'), '{}')
                   as parent_attitudes,
                 coalesce(array_agg(distinct coalesce(f.attitude, 'not_stated')) filter (where f.problem and f.relation is distinct from 'parent'), '{}')
                   as other_attitudes
          from f group by 1, 2, 3)
        select 'children' as what, json_build_object('age', c.age, 'gender', c.gender, 'n', count(*)::int) as row
          from f c where c.kind = 'child' group by c.age, c.gender
        union all
        select 'guardians', json_build_object('relation', g.relation, 'attitude', g.attitude, 'n', count(*)::int)
          from f g where g.problem group by g.relation, g.attitude
        union all
        select 'families', json_build_object('withProblem', x.with_problem, 'custody', x.custody, 'household', x.household, 'n', count(*)::int)
          from per_family x group by x.with_problem, x.custody, x.household
        union all
        select 'problemFamilies', json_build_object('mothers', x.mothers, 'fathers', x.fathers, 'otherParents', x.other_parents,
            'others', x.others, 'parentAttitudes', x.parent_attitudes, 'otherAttitudes', x.other_attitudes, 'n', count(*)::int)
          from per_family x where x.with_problem > 0
          group by x.mothers, x.fathers, x.other_parents, x.others, x.parent_attitudes, x.other_attitudes`,
  );
  const counts: GenderCounts = { children: [], guardians: [], families: [], problemFamilies: [] };
  for (const f of found) counts[f.what].push(f.row);
  return counts;
}
