/**
 * Aggregate queries that no other slice computes, for the interim report: the period's requests by
 * case type and decision, and for the families that went on their children (age on the request
 * date, gender), their guardians (relation, substance problem, attitude), custody and household.
 * They read the follow-up's kept family and child rows (decision 0068), which hold what these counts
 * need per family: the caller makes the stale ones again first (`refreshFacts`). Only counts leave
 * the database: never a name, an identity number or a birth date.
 */
import { sql } from "drizzle-orm";
import { keptRows } from "../followup/index.ts";
import { type DbOrTx, rows } from "../platform/database.ts";
import type { IsoDate } from "../platform/dates.ts";
import type { ChildCount, FamilyCount, GuardianCount, Period, ProblemFamilyCount, RequestCount } from "./model.ts";

/** A kept row (`alias`) of a request made in the period. */
const inPeriod = (p: Period, alias = sql`f`) => sql`${alias}.request_date between ${p.from}::date and ${p.to}::date`;

/** The requests made in the period, per case type and whether the Sofiamöte let the family go on. */
export function requestCounts(db: DbOrTx, municipalityId: string, p: Period, today: IsoDate): Promise<RequestCount[]> {
  return rows(
    db,
    sql`select f.case_type as "caseType", (f.decision = 'continued') as "continued", count(*)::int as "n"
        from (${keptRows("family", municipalityId, today)}) f where ${inPeriod(p)}
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
 * The gender perspective's counts of the period's families that went on, in one statement over
 * their kept rows (materialized: read once) and their children's (the kept child rows carry the
 * request's date and decision): their guardians with a problem are each family's [relation,
 * attitude] pairs, and the families are counted as they are kept (the problem guardians per kind,
 * their attitudes). Each count is returned as JSON rows tagged with what it counts.
 */
export async function genderCounts(db: DbOrTx, municipalityId: string, p: Period, today: IsoDate): Promise<GenderCounts> {
  const found = await rows<{ what: keyof GenderCounts; row: never }>(
    db,
    sql`with f as materialized (
          select f.custody, f.household, f.problem_guardians, f.problem_mothers, f.problem_fathers,
                 f.problem_other_parents, f.problem_others, f.problem_parent_attitudes, f.problem_other_attitudes, f.problem_guardian_kinds
          from (${keptRows("family", municipalityId, today)}) f where f.decision = 'continued' and ${inPeriod(p)})
        select 'children' as what, json_build_object('age', c.age, 'gender', c.gender, 'n', count(*)::int) as row
          from (${keptRows("child", municipalityId, today)}) c where c.decision = 'continued' and ${inPeriod(p, sql`c`)}
          group by c.age, c.gender
        union all
        select 'guardians', json_build_object('relation', g.kind->>0, 'attitude', g.kind->>1, 'n', count(*)::int)
          from f cross join lateral jsonb_array_elements(f.problem_guardian_kinds) g(kind) group by g.kind->>0, g.kind->>1
        union all
        select 'families', json_build_object('withProblem', f.problem_guardians, 'custody', f.custody, 'household', f.household, 'n', count(*)::int)
          from f group by f.problem_guardians, f.custody, f.household
        union all
        select 'problemFamilies', json_build_object('mothers', f.problem_mothers, 'fathers', f.problem_fathers, 'otherParents', f.problem_other_parents,
            'others', f.problem_others, 'parentAttitudes', f.problem_parent_attitudes, 'otherAttitudes', f.problem_other_attitudes, 'n', count(*)::int)
          from f where f.problem_guardians > 0
          group by f.problem_mothers, f.problem_fathers, f.problem_other_parents, f.problem_others, f.problem_parent_attitudes, f.problem_other_attitudes`,
  );
  const counts: GenderCounts = { children: [], guardians: [], families: [], problemFamilies: [] };
  for (const f of found) counts[f.what].push(f.row);
  return counts;
}
