/** Queries of the requests and their persons. */
import { and, desc, eq, inArray, or, type SQL, sql } from "drizzle-orm";
import {
  meetings,
  municipalities,
  processAssignments,
  processes,
  requestPersons,
  requests,
  units,
  users,
  workModels,
  workModelVersions,
} from "../db/schema/index.ts";
import type { DbOrTx } from "../platform/database.ts";
import { openIdentityNumber, withSealedIdentityNumber } from "../platform/identity-crypto.ts";

/**
 * Which requests a reader sees: the whole municipality, or those they registered, those whose
 * process they are assigned to, and (unit managers) those that involve their units.
 */
export type Visibility = { all: true } | { all: false; userId: string; unitIds: string[] };

/** Whether the reader works with the family: registered the request or is assigned to its process now (families' minimalView). */
function worksWith(v: Visibility): SQL<boolean> {
  if (v.all) return sql<boolean>`true`;
  return sql<boolean>`(requests.registered_by = ${v.userId} or exists (select 1 from ${processes} pr join ${processAssignments} a on a.process_id = pr.id
    where pr.request_id = requests.id and a.user_id = ${v.userId} and a.ended_on is null))`;
}

// The subqueries name "requests.id" in plain SQL: drizzle leaves columns unqualified in a one-table select.
function visible(municipalityId: string, v: Visibility): SQL | undefined {
  const inMunicipality = eq(requests.municipalityId, municipalityId);
  if (v.all) return inMunicipality;
  const involvesUnit =
    v.unitIds.length === 0
      ? sql`false`
      : sql`exists (select 1 from ${requestPersons} p where p.request_id = requests.id and p.unit_id in ${v.unitIds})`;
  const assigned = sql`exists (select 1 from ${processes} pr join ${processAssignments} a on a.process_id = pr.id
    where pr.request_id = requests.id and a.user_id = ${v.userId} and a.ended_on is null)`;
  return and(inMunicipality, or(eq(requests.registeredBy, v.userId), assigned, involvesUnit));
}

export function unitsOf(db: DbOrTx, municipalityId: string) {
  return db
    .select({ id: units.id, name: units.name, kind: units.kind, active: units.active })
    .from(units)
    .where(eq(units.municipalityId, municipalityId));
}

const requestColumns = {
  id: requests.id,
  requestDate: requests.requestDate,
  household: requests.household,
  custody: requests.custody,
  custodyHolder: requests.custodyHolder,
  reason: requests.reason,
  status: requests.status,
  meetingDate: requests.meetingDate,
  stopReason: requests.stopReason,
  stopReasonText: requests.stopReasonText,
  caseType: requests.caseType,
  caseFileNumber: requests.caseFileNumber,
  contactPhone: requests.contactPhone,
  contactEmail: requests.contactEmail,
  interpreterNeeded: requests.interpreterNeeded,
  interpreterLanguage: requests.interpreterLanguage,
  familyLanguage: requests.familyLanguage,
  registeredBy: requests.registeredBy,
  registeredByName: users.displayName,
  version: requests.version,
  createdAt: requests.createdAt,
  updatedAt: requests.updatedAt,
};

/** What the requests list filters by in the database: the status, and a unit where a family member is open. */
export interface ListFilter {
  status?: string | null;
  unitId?: string | null;
}

/**
 * The requests one may see that pass the filter, newest first, with what the list shows and sorts
 * by: the number of children, the units the family is open at (names, sorted), the first
 * guardian's surname and the municipality's wait limit (the service sorts, and filters the waits).
 */
export function listVisible(db: DbOrTx, municipalityId: string, v: Visibility, f: ListFilter = {}) {
  return db
    .select({
      id: requests.id,
      requestDate: requests.requestDate,
      meetingDate: requests.meetingDate,
      status: requests.status,
      stopReason: requests.stopReason,
      caseType: requests.caseType,
      createdAt: requests.createdAt,
      worksWithFamily: worksWith(v),
      children: sql<number>`(select count(*)::int from ${requestPersons} p where p.request_id = requests.id and p.kind = 'child')`,
      unitNames: sql<string[]>`coalesce((select array_agg(distinct u.name order by u.name) from ${requestPersons} p
        join ${units} u on u.id = p.unit_id where p.request_id = requests.id), '{}')`,
      sortName: sql<string | null>`(select regexp_replace(btrim(p.name), '^.*\\s', '') from ${requestPersons} p
        where p.request_id = requests.id and p.kind = 'guardian' order by p.position limit 1)`,
      waitLimitDays: sql<number>`(select m.wait_limit_days from ${municipalities} m where m.id = requests.municipality_id)`,
    })
    .from(requests)
    .where(
      and(
        visible(municipalityId, v),
        f.status ? eq(requests.status, f.status) : undefined,
        f.unitId ? sql`exists (select 1 from ${requestPersons} p where p.request_id = requests.id and p.unit_id = ${f.unitId})` : undefined,
      ),
    )
    .orderBy(desc(requests.requestDate), desc(requests.createdAt));
}

export async function findVisible(db: DbOrTx, municipalityId: string, v: Visibility, id: string) {
  const [row] = await db
    .select({ ...requestColumns, worksWithFamily: worksWith(v) })
    .from(requests)
    .innerJoin(users, eq(users.id, requests.registeredBy))
    .where(and(eq(requests.id, id), visible(municipalityId, v)));
  return row;
}

/** The request's persons, each identity number decrypted (platform/identity-crypto.ts, decision 0061). */
export async function personsOf(db: DbOrTx, requestId: string): Promise<PersonRow[]> {
  const rows = await db
    .select()
    .from(requestPersons)
    .where(eq(requestPersons.requestId, requestId))
    .orderBy(requestPersons.kind, requestPersons.position);
  return rows.map(({ clearIdentityNumber: _, identityNumberSealed, identityNumberIndex: __, ...p }) => ({
    ...p,
    identityNumber: openIdentityNumber(identityNumberSealed),
  }));
}

export type NewRequest = typeof requests.$inferInsert;
type StoredPerson = typeof requestPersons.$inferInsert;
type SealedColumns = "clearIdentityNumber" | "identityNumberSealed" | "identityNumberIndex";
/** A person to store: the identity number as the normalised 12 digits (or null), sealed on insert. */
export type NewPerson = Omit<StoredPerson, "requestId" | SealedColumns> & { identityNumber: string | null };
export type PersonRow = Omit<typeof requestPersons.$inferSelect, SealedColumns> & { identityNumber: string | null };

export async function insertRequest(db: DbOrTx, values: NewRequest, persons: NewPerson[]) {
  const [row] = await db.insert(requests).values(values).returning({ id: requests.id });
  if (!row) throw new Error("the request was not created");
  const personRows = await db
    .insert(requestPersons)
    .values(persons.map((p) => ({ ...withSealedIdentityNumber(p), requestId: row.id })))
    .returning({ id: requestPersons.id });
  return { id: row.id, personIds: personRows.map((p) => p.id) };
}

/** Bumps the request's version when it is the one the editor read; undefined otherwise. */
export async function bumpRequest(db: DbOrTx, id: string, version: number, caseType: number | null) {
  const [row] = await db
    .update(requests)
    .set({ caseType, version: sql`${requests.version} + 1`, updatedAt: new Date() })
    .where(and(eq(requests.id, id), eq(requests.version, version)))
    .returning({ id: requests.id, version: requests.version });
  return row;
}

export function updatePerson(
  db: DbOrTx,
  requestId: string,
  id: string,
  values: { unitId: string | null; applied?: boolean; investigationOpened?: boolean; gender?: string | null },
) {
  return db
    .update(requestPersons)
    .set(values)
    .where(and(eq(requestPersons.id, id), eq(requestPersons.requestId, requestId)));
}

/** The published version (id and content) of a work model of the municipality, by the model's key. */
export async function publishedVersion(db: DbOrTx, municipalityId: string, key: string) {
  const [row] = await db
    .select({ id: workModelVersions.id, content: workModelVersions.content })
    .from(workModelVersions)
    .innerJoin(workModels, eq(workModels.id, workModelVersions.workModelId))
    .where(and(eq(workModels.municipalityId, municipalityId), eq(workModels.key, key), eq(workModelVersions.status, "published")))
    .orderBy(desc(workModelVersions.number))
    .limit(1);
  return row;
}

/** The municipality's work models that have a published version, by name. */
export function publishedModels(db: DbOrTx, municipalityId: string) {
  return db
    .selectDistinct({ key: workModels.key, name: workModels.name })
    .from(workModels)
    .innerJoin(workModelVersions, eq(workModelVersions.workModelId, workModels.id))
    .where(and(eq(workModels.municipalityId, municipalityId), eq(workModelVersions.status, "published")))
    .orderBy(workModels.name);
}

/** Records the Sofiamöte's decision when the request is undecided and at the version read; undefined otherwise. */
export async function recordDecision(
  db: DbOrTx,
  id: string,
  version: number,
  values: {
    status: string;
    meetingDate: string;
    stopReason: string | null;
    stopReasonText: string | null;
    decidedBy: string;
    decidedAt: Date;
  },
) {
  const [row] = await db
    .update(requests)
    .set({ ...values, version: sql`${requests.version} + 1`, updatedAt: new Date() })
    .where(and(eq(requests.id, id), eq(requests.version, version), eq(requests.status, "new")))
    .returning({ id: requests.id, version: requests.version });
  return row;
}

/** A new process in the state (phase, its dates, status) the process rules give it. */
export async function insertProcess(
  db: DbOrTx,
  values: {
    requestId: string;
    municipalityId: string;
    workModelVersionId: string;
    phase: string;
    status: string;
    startedOn: string | null;
    halfwayOn: string | null;
    completedOn: string | null;
  },
) {
  const [row] = await db.insert(processes).values(values).returning({ id: processes.id });
  if (!row) throw new Error("the process was not created");
  return row;
}

/** The Sofiamöte itself as the series' first meeting, held on the decision date. */
export async function insertHeldPlanningMeeting(
  db: DbOrTx,
  values: { processId: string; meetingTypeKey: string; heldOn: string; recordedBy: string },
) {
  await db.insert(meetings).values({ ...values, status: "held", plannedDate: values.heldOn });
}

export async function processOf(db: DbOrTx, requestId: string) {
  const [row] = await db
    .select({ id: processes.id, workModelVersionId: processes.workModelVersionId, status: processes.status })
    .from(processes)
    .where(eq(processes.requestId, requestId));
  return row;
}

/** The contact details and case-file number of a request, when the editor read its version; undefined otherwise. */
export async function updateContact(
  db: DbOrTx,
  id: string,
  version: number,
  values: Pick<
    typeof requests.$inferInsert,
    "caseFileNumber" | "contactPhone" | "contactEmail" | "interpreterNeeded" | "interpreterLanguage" | "familyLanguage"
  >,
  contactPersonId: string | null,
) {
  const [row] = await db
    .update(requests)
    .set({ ...values, version: sql`${requests.version} + 1`, updatedAt: new Date() })
    .where(and(eq(requests.id, id), eq(requests.version, version)))
    .returning({ id: requests.id, version: requests.version });
  if (!row) return undefined;
  await db
    .update(requestPersons)
    .set({ contactPerson: contactPersonId === null ? false : sql`${requestPersons.id} = ${contactPersonId}` })
    .where(and(eq(requestPersons.requestId, id), eq(requestPersons.kind, "guardian")));
  return row;
}

/** What the family name needs of the given requests (families/model.ts familyName): persons in order and the case-file number. */
export async function familyNameRows(db: DbOrTx, requestIds: readonly string[]) {
  if (requestIds.length === 0) return { requests: [], persons: [] };
  const ids = [...new Set(requestIds)];
  // One statement: each request with its persons as JSON (names are read on every start page, decision 0054).
  const rows = await db
    .select({
      id: requests.id,
      requestDate: requests.requestDate,
      caseFileNumber: requests.caseFileNumber,
      persons: sql<Array<{ id: string; kind: string; name: string; birthDate: string }>>`coalesce((select json_agg(
        json_build_object('id', rp.id, 'kind', rp.kind, 'name', rp.name, 'birthDate', rp.birth_date) order by rp.kind, rp.position)
        from ${requestPersons} rp where rp.request_id = ${requests}.id), '[]')`,
    })
    .from(requests)
    .where(inArray(requests.id, ids));
  return {
    requests: rows.map(({ persons: _, ...r }) => r),
    persons: rows.flatMap((r) => r.persons.map((p) => ({ ...p, requestId: r.id }))),
  };
}
