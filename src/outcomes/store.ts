/** Queries of long-term outcomes, comparison groups and their uploads. */
import { and, asc, eq, inArray, isNotNull, lte, sql } from "drizzle-orm";
import {
  comparisonAggregates,
  comparisonGroups,
  comparisonRecords,
  followupImportUploads,
  municipalities,
  outcomeFollowups,
  processes,
  requestPersons,
  supportMeasures,
} from "../db/schema/index.ts";
import type { DbOrTx } from "../platform/database.ts";
import { identityIndexes, openDocument, openIdentityNumber, sealDocument } from "../platform/identity-crypto.ts";
import { type Visibility, visibleProcesses } from "../processes/index.ts";
import type { AggregateRow, Cell, RecordRow } from "./model.ts";

/** Creates the 1- and 2-year follow-ups that have come due; existing ones are left as they are. Returns how many were created. */
export async function insertDueFollowups(db: DbOrTx, today: string): Promise<number> {
  const result = await db.execute(sql`
    insert into ${outcomeFollowups} (process_id, horizon, due_on)
    select p.id, h.horizon, (p.completed_on + make_interval(years => h.horizon))::date
    from ${processes} p cross join (values (1), (2)) as h(horizon)
    where p.completed_on is not null and (p.completed_on + make_interval(years => h.horizon))::date <= ${today}::date
    on conflict (process_id, horizon) do nothing`);
  return result.rowCount ?? 0;
}

const familyName = sql<string>`(select p.name from ${requestPersons} p where p.request_id = processes.request_id and p.kind = 'guardian' order by p.position limit 1)`;
const familyPersonId = sql<string>`(select p.id from ${requestPersons} p where p.request_id = processes.request_id and p.kind = 'guardian' order by p.position limit 1)`;

/** The open follow-ups that are due, of the processes the reader sees. */
export function dueFollowups(db: DbOrTx, municipalityId: string, v: Visibility, today: string) {
  return db
    .select({
      id: outcomeFollowups.id,
      processId: outcomeFollowups.processId,
      horizon: outcomeFollowups.horizon,
      dueOn: outcomeFollowups.dueOn,
      completedOn: processes.completedOn,
      familyName,
      familyPersonId,
    })
    .from(outcomeFollowups)
    .innerJoin(processes, eq(processes.id, outcomeFollowups.processId))
    .where(and(eq(outcomeFollowups.status, "open"), lte(outcomeFollowups.dueOn, today), visibleProcesses(municipalityId, v)))
    .orderBy(asc(outcomeFollowups.dueOn), asc(outcomeFollowups.horizon));
}

export async function followup(db: DbOrTx, municipalityId: string, id: string) {
  const [row] = await db
    .select({ f: outcomeFollowups })
    .from(outcomeFollowups)
    .innerJoin(processes, eq(processes.id, outcomeFollowups.processId))
    .where(and(eq(outcomeFollowups.id, id), eq(processes.municipalityId, municipalityId)));
  return row?.f;
}
export type FollowupRow = typeof outcomeFollowups.$inferSelect;

export function followupsOfProcess(db: DbOrTx, processId: string) {
  return db.select().from(outcomeFollowups).where(eq(outcomeFollowups.processId, processId)).orderBy(asc(outcomeFollowups.horizon));
}

export async function updateFollowup(
  db: DbOrTx,
  id: string,
  version: number,
  values: Partial<typeof outcomeFollowups.$inferInsert>,
): Promise<boolean> {
  const rows = await db
    .update(outcomeFollowups)
    .set({ ...values, version: sql`${outcomeFollowups.version} + 1`, updatedAt: new Date() })
    .where(and(eq(outcomeFollowups.id, id), eq(outcomeFollowups.version, version)))
    .returning({ id: outcomeFollowups.id });
  return rows.length === 1;
}

/** The due follow-ups of the persons with these identity numbers in the municipality: one row per person, process and horizon. */
export async function dueFollowupsOfPersons(db: DbOrTx, municipalityId: string, identityNumbers: string[], today: string) {
  if (identityNumbers.length === 0) return [];
  const rows = await db
    .select({
      identityNumberSealed: requestPersons.identityNumberSealed,
      followupId: outcomeFollowups.id,
      processId: processes.id,
      horizon: outcomeFollowups.horizon,
      version: outcomeFollowups.version,
      completedOn: processes.completedOn,
    })
    .from(requestPersons)
    .innerJoin(processes, eq(processes.requestId, requestPersons.requestId))
    .leftJoin(outcomeFollowups, and(eq(outcomeFollowups.processId, processes.id), lte(outcomeFollowups.dueOn, today)))
    .where(
      and(eq(processes.municipalityId, municipalityId), inArray(requestPersons.identityNumberIndex, identityIndexes(identityNumbers))),
    );
  return rows.map(({ identityNumberSealed, ...r }) => ({ ...r, identityNumber: openIdentityNumber(identityNumberSealed) }));
}

// ---- Uploads ----

export async function insertUpload(
  db: DbOrTx,
  values: { municipalityId: string; kind: string; fileName: string; format: string; cells: Cell[][]; createdBy: string },
) {
  // An outcomes file names persons by identity number: the cells are stored encrypted (decision 0061).
  const [row] = await db
    .insert(followupImportUploads)
    .values({ ...values, cells: sealDocument(values.cells) })
    .returning({ id: followupImportUploads.id });
  return row as { id: string };
}

export async function upload(db: DbOrTx, municipalityId: string, kind: string, id: string) {
  const [row] = await db
    .select()
    .from(followupImportUploads)
    .where(
      and(eq(followupImportUploads.id, id), eq(followupImportUploads.municipalityId, municipalityId), eq(followupImportUploads.kind, kind)),
    );
  return row ? { ...row, cells: openDocument(row.cells) as Cell[][] } : undefined;
}

export async function deleteUpload(db: DbOrTx, id: string) {
  await db.delete(followupImportUploads).where(eq(followupImportUploads.id, id));
}

/** Uploads older than a day were abandoned: removed when a new one comes. */
export async function deleteStaleUploads(db: DbOrTx, municipalityId: string) {
  await db
    .delete(followupImportUploads)
    .where(
      and(eq(followupImportUploads.municipalityId, municipalityId), sql`${followupImportUploads.createdAt} < now() - interval '1 day'`),
    );
}

// ---- Comparison groups ----

export function groupsOf(db: DbOrTx, municipalityId: string) {
  return db
    .select({
      id: comparisonGroups.id,
      name: comparisonGroups.name,
      description: comparisonGroups.description,
      kind: comparisonGroups.kind,
      createdAt: comparisonGroups.createdAt,
      rows: sql<number>`(case when ${comparisonGroups.kind} = 'records'
        then (select count(*) from ${comparisonRecords} r where r.group_id = ${comparisonGroups.id})
        else (select count(*) from ${comparisonAggregates} a where a.group_id = ${comparisonGroups.id}) end)::int`,
    })
    .from(comparisonGroups)
    .where(eq(comparisonGroups.municipalityId, municipalityId))
    .orderBy(asc(comparisonGroups.name));
}
export type GroupRow = Awaited<ReturnType<typeof groupsOf>>[number];

export async function group(db: DbOrTx, municipalityId: string, id: string) {
  const [row] = await db
    .select()
    .from(comparisonGroups)
    .where(and(eq(comparisonGroups.id, id), eq(comparisonGroups.municipalityId, municipalityId)));
  return row;
}

export async function insertGroup(
  db: DbOrTx,
  values: { municipalityId: string; name: string; description: string; kind: "records" | "aggregate"; createdBy: string | null },
) {
  const [row] = await db.insert(comparisonGroups).values(values).returning({ id: comparisonGroups.id });
  return row as { id: string };
}

export async function insertRecords(db: DbOrTx, groupId: string, rows: RecordRow[]) {
  for (let i = 0; i < rows.length; i += 500)
    await db.insert(comparisonRecords).values(
      rows.slice(i, i + 500).map((r) => ({
        groupId,
        referenceDate: r.referenceDate,
        horizon: r.horizon,
        emergencyPlacement: r.emergencyPlacement,
        reReferral: r.reReferral,
        furtherSupport: r.furtherSupport,
        schoolAttendance: r.schoolAttendance,
      })),
    );
}

export async function insertAggregates(db: DbOrTx, groupId: string, rows: AggregateRow[]) {
  if (rows.length === 0) return;
  await db.insert(comparisonAggregates).values(
    rows.map((r) => ({
      groupId,
      measure: r.measure,
      horizon: r.horizon,
      periodFrom: r.periodFrom,
      periodTo: r.periodTo,
      numerator: r.numerator,
      denominator: r.denominator,
    })),
  );
}

export async function deleteGroup(db: DbOrTx, id: string) {
  await db.delete(comparisonGroups).where(eq(comparisonGroups.id, id));
}

/** The records of the municipality's record groups with a reference date in the period. */
export function recordsIn(db: DbOrTx, municipalityId: string, from: string, to: string) {
  return db
    .select({
      groupId: comparisonRecords.groupId,
      horizon: comparisonRecords.horizon,
      emergencyPlacement: comparisonRecords.emergencyPlacement,
      reReferral: comparisonRecords.reReferral,
      furtherSupport: comparisonRecords.furtherSupport,
      schoolAttendance: comparisonRecords.schoolAttendance,
    })
    .from(comparisonRecords)
    .innerJoin(comparisonGroups, eq(comparisonGroups.id, comparisonRecords.groupId))
    .where(
      and(
        eq(comparisonGroups.municipalityId, municipalityId),
        sql`${comparisonRecords.referenceDate} between ${from}::date and ${to}::date`,
      ),
    );
}

/** The aggregates of the municipality's aggregate groups whose period overlaps the period. */
export function aggregatesOverlapping(db: DbOrTx, municipalityId: string, from: string, to: string) {
  return db
    .select({
      groupId: comparisonAggregates.groupId,
      measure: comparisonAggregates.measure,
      horizon: comparisonAggregates.horizon,
      numerator: comparisonAggregates.numerator,
      denominator: comparisonAggregates.denominator,
    })
    .from(comparisonAggregates)
    .innerJoin(comparisonGroups, eq(comparisonGroups.id, comparisonAggregates.groupId))
    .where(
      and(
        eq(comparisonGroups.municipalityId, municipalityId),
        sql`${comparisonAggregates.periodFrom} <= ${to}::date and ${from}::date <= ${comparisonAggregates.periodTo}`,
      ),
    );
}

/**
 * The recorded follow-ups of the municipality's processes completed in the period, with whether the
 * family had further support: a support measure granted by the follow-up's date and not ended before completion.
 * And, from the placement records (issue 18): whether some child of the family is a placed child of
 * the municipality's (`placementsRecorded`: then the records answer for the family), and whether a
 * placement in an emergency foster home (jourhem) of one of them started after the completion and
 * within the follow-up's horizon (1 or 2 years).
 */
export function recordedFollowups(db: DbOrTx, municipalityId: string, from: string, to: string) {
  return db
    .select({
      horizon: outcomeFollowups.horizon,
      emergencyPlacement: outcomeFollowups.emergencyPlacement,
      reReferral: outcomeFollowups.reReferral,
      schoolConsent: outcomeFollowups.schoolConsent,
      schoolAttendance: outcomeFollowups.schoolAttendance,
      furtherSupport: sql<boolean>`exists (select 1 from ${supportMeasures} s where s.process_id = ${processes.id}
        and s.granted_on is not null and s.granted_on <= ${outcomeFollowups.dueOn}
        and (s.ended_on is null or s.ended_on >= ${processes.completedOn}))`,
      placementsRecorded: sql<boolean>`exists (select 1 from placed_children pc join request_persons c on c.id = pc.request_person_id
        where c.request_id = ${processes.requestId} and pc.municipality_id = ${processes.municipalityId})`,
      emergencyFromPlacements: sql<boolean>`exists (select 1 from placements pl join placed_children pc on pc.id = pl.placed_child_id
        join request_persons c on c.id = pc.request_person_id
        where c.request_id = ${processes.requestId} and pc.municipality_id = ${processes.municipalityId}
          and pl.kind = 'emergency_foster_home' and pl.start_date > ${processes.completedOn}
          and pl.start_date <= (${processes.completedOn} + make_interval(years => ${outcomeFollowups.horizon}::int))::date)`,
    })
    .from(outcomeFollowups)
    .innerJoin(processes, eq(processes.id, outcomeFollowups.processId))
    .where(
      and(
        eq(processes.municipalityId, municipalityId),
        eq(outcomeFollowups.status, "recorded"),
        isNotNull(processes.completedOn),
        sql`${processes.completedOn} between ${from}::date and ${to}::date`,
      ),
    );
}

export async function minGroupSize(db: DbOrTx, municipalityId: string): Promise<number> {
  const [row] = await db.select({ min: municipalities.minGroupSize }).from(municipalities).where(eq(municipalities.id, municipalityId));
  return row?.min ?? 5;
}

export function uniqueViolation(error: unknown): string | null {
  for (let e = error as { code?: string; constraint?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === "23505") return e.constraint ?? "";
  }
  return null;
}
