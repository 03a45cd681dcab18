/** Queries of the paper answers' import: the meetings a file's rows name, and the instruments it can be for. */
import { sql } from "drizzle-orm";
import { type DbOrTx, rows } from "../../platform/database.ts";

export interface NamedMeeting {
  meetingId: string;
  processId: string;
  meetingTypeKey: string;
  status: string;
  heldOn: string | null;
}

/**
 * The meetings of the municipality's processes whose request has the case-file number, held or
 * planned on the day (a meeting not held is returned so that the refusal can say so).
 */
export function meetingsOn(db: DbOrTx, municipalityId: string, caseFile: string, day: string): Promise<NamedMeeting[]> {
  return rows(
    db,
    sql`select m.id as "meetingId", m.process_id as "processId", m.meeting_type_key as "meetingTypeKey", m.status,
          m.held_on::text as "heldOn"
        from meetings m join processes p on p.id = m.process_id join requests r on r.id = p.request_id
        where p.municipality_id = ${municipalityId} and r.case_file_number = ${caseFile}
          and (m.held_on = ${day}::date or (m.held_on is null and m.planned_date = ${day}::date))
        order by m.held_on nulls last, m.id`,
  );
}

/** The processes of the municipality whose request has the case-file number. */
export async function processesWith(db: DbOrTx, municipalityId: string, caseFile: string): Promise<string[]> {
  const found = await rows<{ id: string }>(
    db,
    sql`select p.id from processes p join requests r on r.id = p.request_id
        where p.municipality_id = ${municipalityId} and r.case_file_number = ${caseFile} order by p.started_on, p.id`,
  );
  return found.map((r) => r.id);
}

/** The instruments answered after meetings (a parents' or children's audience) that have a published version, by name. */
export function afterMeetingInstruments(db: DbOrTx, municipalityId: string): Promise<Array<{ key: string; name: string }>> {
  return rows(
    db,
    sql`select i.key, i.name from survey_instruments i
        where i.municipality_id = ${municipalityId} and exists (select 1 from survey_instrument_versions v
          where v.instrument_id = i.id and v.status = 'published' and v.content ->> 'audience' in ('parent', 'child')
            and v.content -> 'timing' ? 'after_meeting')
        order by i.name`,
  );
}
