/**
 * The kept rows of the family, child, meeting and stop units (decision 0068). Making them took most
 * of an evaluation at national scale (150 000 families, 750 000 meetings: seconds per statement),
 * and their fields do not depend on today (a stop's state, which does, is computed when read): so
 * they are kept in tables of the schema `derived` (src/db/schema/followup.ts), made by the units'
 * own statements (units.ts `keptUnitRows`), and only the rows of requests that changed are made
 * again. Triggers (migration 0038) mark a request stale when anything its rows are made from
 * changes, in the writer's transaction; every evaluation first makes the stale requests' rows again
 * (`refreshFacts`), so an indicator never counts an old row.
 */
import { type SQL, sql } from "drizzle-orm";
import {
  indicatorChildFacts,
  indicatorFamilyFacts,
  indicatorMeetingFacts,
  indicatorStaleRequests,
  indicatorStopFacts,
} from "../../db/schema/index.ts";
import { type DbOrTx, rows } from "../../platform/database.ts";
import type { IsoDate } from "../../platform/dates.ts";
import { fields } from "./model.ts";
import { computedOnRead, type KeptUnit, keptUnitRows, keptUnits, reportFields, type Scope } from "./units.ts";

const tables = {
  family: indicatorFamilyFacts,
  child: indicatorChildFacts,
  meeting: indicatorMeetingFacts,
  stop: indicatorStopFacts,
} as const;

/** Arbitrary constant: the advisory lock that lets one refresh at a time make rows. */
const REFRESH_LOCK = 7_305_068;

/**
 * From this many stale requests of one municipality, all of its rows are made again in one pass
 * (as after the migration or a load of data): one grouped pass is faster than looking up so many
 * requests one by one.
 */
const WHOLE_MUNICIPALITY = 2000;

/** The kept fields of a unit: its catalog's, but for those computed when read, then those kept for the report. */
export const keptFields = (unit: KeptUnit): string[] => [
  ...Object.keys(fields[unit]).filter((f) => !computedOnRead[unit]?.[f]),
  ...(reportFields[unit] ?? []),
];

/** A kept unit's rows of a municipality, as an evaluation reads them: one column per catalog field, as of today. */
export function keptRows(unit: KeptUnit, municipalityId: string, today: IsoDate): SQL {
  const computed = Object.entries(computedOnRead[unit] ?? {}).map(([name, field]) => sql`, ${field(today)} as ${sql.identifier(name)}`);
  return sql`select x.*${sql.join(computed)} from ${tables[unit]} x where x.municipality_id = ${municipalityId}`;
}

const uuids = (ids: readonly string[]) => `{${ids.join(",")}}`;

/** Makes a kept unit's rows of the scope's requests into its table (their old rows are gone). */
function insertRows(tx: DbOrTx, unit: KeptUnit, municipalityId: string, scope: Scope) {
  const names = keptFields(unit).map((f) => sql.identifier(f));
  return tx.execute(sql`insert into ${tables[unit]} (municipality_id, request_id, ${sql.join(names, sql`, `)})
    select ${municipalityId}::uuid, x.request_id, ${sql.join(
      names.map((n) => sql`x.${n}`),
      sql`, `,
    )}
    from (${keptUnitRows[unit](municipalityId, scope)}) x`);
}

/**
 * Makes the rows of every stale request again, in one transaction: takes the stale marks (leaving
 * those a writer's unfinished transaction holds, which stay stale for the next refresh), removes
 * the requests' rows (a deleted request's too) and makes them from the families' tables. A
 * writer that marks a taken request while this runs waits for it, and its request is stale again
 * after. One refresh at a time; the next finds nothing left to do. Cheap when nothing is stale.
 */
export async function refreshFacts(db: DbOrTx, whole = WHOLE_MUNICIPALITY): Promise<void> {
  const [any] = await rows<{ stale: boolean }>(db, sql`select exists (select 1 from ${indicatorStaleRequests}) as stale`);
  if (!any?.stale) return;
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${REFRESH_LOCK})`);
    const taken = await rows<{ id: string; municipality: string | null }>(
      tx,
      sql`with taken as (
          delete from ${indicatorStaleRequests} s
          where s.request_id in (select request_id from ${indicatorStaleRequests} for update skip locked)
          returning s.request_id)
        select t.request_id as id, r.municipality_id as municipality from taken t left join requests r on r.id = t.request_id`,
    );
    if (taken.length === 0) return;
    const byMunicipality = new Map<string | null, string[]>();
    for (const t of taken) {
      const ids = byMunicipality.get(t.municipality) ?? [];
      ids.push(t.id);
      byMunicipality.set(t.municipality, ids);
    }
    for (const [municipalityId, ids] of byMunicipality) {
      // A deleted request (no municipality any more) only loses its rows.
      const all = municipalityId !== null && ids.length >= whole;
      for (const unit of keptUnits) {
        await tx.execute(
          all
            ? sql`delete from ${tables[unit]} where municipality_id = ${municipalityId}`
            : sql`delete from ${tables[unit]} where request_id = any(${uuids(ids)}::uuid[])`,
        );
        if (municipalityId !== null) await insertRows(tx, unit, municipalityId, all ? null : ids);
      }
    }
  });
}
