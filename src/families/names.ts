/**
 * The families' names for many requests at once (a list, a worklist): the data `familyName`
 * (model.ts) needs, and the persons each name shows, for the audit rows. The caller has authorized
 * the reader and decides per request whether they get the minimal view.
 */
import type { DbOrTx } from "../platform/database.ts";
import type { IsoDate, NamedFamily } from "./model.ts";
import * as store from "./store.ts";

export interface LoadedName {
  family: NamedFamily;
  /** The persons the name shows (guardians and children); empty in the minimal view. */
  personIds: string[];
}

export async function loadFamilyNames(
  db: DbOrTx,
  requestIds: readonly string[],
  on: IsoDate,
  minimal: (requestId: string) => boolean = () => false,
): Promise<Map<string, LoadedName>> {
  const rows = await store.familyNameRows(db, requestIds);
  const result = new Map<string, LoadedName>();
  for (const r of rows.requests) {
    const hidden = minimal(r.id);
    const persons = hidden ? [] : rows.persons.filter((p) => p.requestId === r.id);
    result.set(r.id, {
      family: {
        requestDate: r.requestDate,
        on,
        caseFileNumber: hidden ? null : r.caseFileNumber,
        persons: hidden ? null : persons.map(({ kind, name, birthDate }) => ({ kind, name, birthDate })),
      },
      personIds: persons.map((p) => p.id),
    });
  }
  return result;
}

/** A family whose persons are already loaded (one process or request). */
export function namedFamily(
  request: { requestDate: IsoDate; caseFileNumber: string | null },
  persons: ReadonlyArray<{ kind: string; name: string; birthDate: IsoDate }> | null,
  on: IsoDate,
): NamedFamily {
  return {
    requestDate: request.requestDate,
    on,
    caseFileNumber: persons === null ? null : request.caseFileNumber,
    persons: persons === null ? null : persons.map(({ kind, name, birthDate }) => ({ kind, name, birthDate })),
  };
}
