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

/** The children of the period's requests that went on, by whole years on the request date and gender. */
export function childCounts(db: DbOrTx, municipalityId: string, p: Period): Promise<ChildCount[]> {
  return rows(
    db,
    sql`select date_part('year', age(r.request_date, c.birth_date))::int as "age", c.gender as "gender", count(*)::int as "n"
        from requests r join request_persons c on c.request_id = r.id and c.kind = 'child'
        where r.municipality_id = ${municipalityId} and r.status = 'continued' and ${inPeriod(p)}
        group by 1, 2`,
  );
}

/** The guardians with a substance problem in the period's requests that went on, by relation and attitude. */
export function problemGuardianCounts(db: DbOrTx, municipalityId: string, p: Period): Promise<GuardianCount[]> {
  return rows(
    db,
    sql`select g.relation as "relation", g.attitude as "attitude", count(*)::int as "n"
        from requests r join request_persons g on g.request_id = r.id and g.kind = 'guardian'
        where r.municipality_id = ${municipalityId} and r.status = 'continued' and ${inPeriod(p)}
          and g.substance_problem = 'yes'
        group by 1, 2`,
  );
}

/** The period's families that went on, by how many guardians have a problem, custody and household. */
export function familyCounts(db: DbOrTx, municipalityId: string, p: Period): Promise<FamilyCount[]> {
  return rows(
    db,
    sql`select f.with_problem as "withProblem", f.custody as "custody", f.household as "household", count(*)::int as "n"
        from (
          select r.id, r.custody, r.household,
                 (select count(*) from request_persons g
                   where g.request_id = r.id and g.kind = 'guardian' and g.substance_problem = 'yes')::int as with_problem
          from requests r
          where r.municipality_id = ${municipalityId} and r.status = 'continued' and ${inPeriod(p)}
        ) f
        group by 1, 2, 3`,
  );
}

/**
 * The period's families that went on and have a guardian with a substance problem: how many of
 * those guardians are parents recorded as women, as men, or otherwise, and how many are other
 * guardians, with the different attitudes of each kind; families alike counted together.
 */
export function problemFamilyCounts(db: DbOrTx, municipalityId: string, p: Period): Promise<ProblemFamilyCount[]> {
  return rows(
    db,
    sql`select f.mothers as "mothers", f.fathers as "fathers", f.other_parents as "otherParents", f.others as "others",
               f.parent_attitudes as "parentAttitudes", f.other_attitudes as "otherAttitudes", count(*)::int as "n"
        from (
          select r.id,
                 count(*) filter (where g.relation = 'parent' and g.gender = 'woman')::int as mothers,
                 count(*) filter (where g.relation = 'parent' and g.gender = 'man')::int as fathers,
                 count(*) filter (where g.relation = 'parent' and g.gender is distinct from 'woman' and g.gender is distinct from 'man')::int
                   as other_parents,
                 count(*) filter (where g.relation is distinct from 'parent')::int as others,
                 coalesce(array_agg(distinct coalesce(g.attitude, 'not_stated')) filter (where g.relation = 'parent'), '{}') as parent_attitudes,
                 coalesce(array_agg(distinct coalesce(g.attitude, 'not_stated')) filter (where g.relation is distinct from 'parent'), '{}')
                   as other_attitudes
          from requests r join request_persons g on g.request_id = r.id and g.kind = 'guardian' and g.substance_problem = 'yes'
          where r.municipality_id = ${municipalityId} and r.status = 'continued' and ${inPeriod(p)}
          group by r.id
        ) f
        group by 1, 2, 3, 4, 5, 6`,
  );
}
