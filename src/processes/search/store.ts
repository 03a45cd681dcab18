/** Queries of the search: family members one may see whose name, identity number or case-file number matches. */
import { and, eq, inArray, or, type SQL, sql } from "drizzle-orm";
import { processAssignments, processes, requestPersons, requests } from "../../db/schema/index.ts";
import type { DbOrTx } from "../../platform/database.ts";
import { identityIndexes, openIdentityNumber } from "../../platform/identity-crypto.ts";
import type { Visibility } from "../store.ts";

/** The centuries a 10-digit number may be of (a "+" number is a century older than its "-" twin). */
const CENTURIES = ["18", "19", "20"];

export type SearchKey =
  | { kind: "name"; text: string }
  | { kind: "identity"; digits: string; caseFileNumber: string | null }
  | { kind: "caseFile"; caseFileNumber: string };

/**
 * Family members one may see whose name contains the text, or whose identity number matches:
 * 12 digits exactly, 10 digits without the century, 8 digits as the birth date. Requests one
 * registered or is assigned to (or all, for the municipality scope), at most `limit`.
 */
export async function searchPersons(db: DbOrTx, municipalityId: string, v: Visibility, key: SearchKey, limit: number) {
  const visible = v.all
    ? sql`true`
    : sql`(${requests.registeredBy} = ${v.userId} or exists (select 1 from ${processes} pr join ${processAssignments} a on a.process_id = pr.id
        where pr.request_id = ${requests.id} and a.user_id = ${v.userId} and a.ended_on is null))`;
  let match: SQL | undefined;
  if (key.kind === "caseFile") {
    match = eq(requests.caseFileNumber, key.caseFileNumber);
  } else if (key.kind === "name") {
    const escaped = key.text.replace(/[\\%_]/g, (c) => `\\${c}`);
    match = sql`${requestPersons.name} ilike ${`%${escaped}%`}`;
  } else if (key.digits.length === 12 || key.digits.length === 10) {
    // The blind index matches whole numbers only: a number without the century is each century's.
    const candidates = key.digits.length === 12 ? [key.digits] : CENTURIES.map((c) => c + key.digits);
    match = inArray(requestPersons.identityNumberIndex, identityIndexes(candidates));
  } else {
    match = sql`replace(${requestPersons.birthDate}::text, '-', '') = ${key.digits}`;
  }
  // Digits only may also be a journal system's case-file number.
  if (key.kind === "identity" && key.caseFileNumber !== null) match = or(match, eq(requests.caseFileNumber, key.caseFileNumber));
  const rows = await db
    .select({
      personId: requestPersons.id,
      kind: requestPersons.kind,
      name: requestPersons.name,
      identityNumberSealed: requestPersons.identityNumberSealed,
      birthDate: requestPersons.birthDate,
      requestId: requests.id,
      requestDate: requests.requestDate,
      processId: processes.id,
      status: processes.status,
      phase: processes.phase,
    })
    .from(requestPersons)
    .innerJoin(requests, eq(requests.id, requestPersons.requestId))
    .leftJoin(processes, eq(processes.requestId, requests.id))
    .where(and(eq(requests.municipalityId, municipalityId), visible, match))
    .orderBy(requestPersons.name, sql`${requests.requestDate} desc`)
    .limit(limit);
  return rows.map(({ identityNumberSealed, ...r }) => ({ ...r, identityNumber: openIdentityNumber(identityNumberSealed) }));
}
