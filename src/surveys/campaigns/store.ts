/** Queries of the annual survey campaigns, their units, recipients and invitations. */
import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import {
  municipalities,
  surveyCampaignRecipients,
  surveyCampaigns,
  surveyCampaignUnits,
  surveyInstruments,
  surveyInstrumentVersions,
  surveyInvitations,
  units,
  userRoles,
  users,
  userUnits,
} from "../../db/schema/index.ts";
import type { Role } from "../../platform/auth-types.ts";
import { type DbOrTx, rows } from "../../platform/database.ts";

export type CampaignRow = typeof surveyCampaigns.$inferSelect;

const campaignColumns = {
  campaign: surveyCampaigns,
  instrumentKey: surveyInstruments.key,
  instrumentName: surveyInstruments.name,
  content: surveyInstrumentVersions.content,
};

/** Invited and answered per campaign, from its invitations (never who). */
const invitedCount = sql<number>`(select count(*)::int from ${surveyInvitations} i where i.campaign_id = ${surveyCampaigns.id})`;
const answeredCount = sql<number>`(select count(*)::int from ${surveyInvitations} i where i.campaign_id = ${surveyCampaigns.id} and i.used_at is not null)`;
/** Answers typed in from paper forms or imported: no invitation, counted as answered. */
const paperCount = sql<number>`(select count(*)::int from survey_responses r where r.campaign_id = ${surveyCampaigns.id} and r.mode = 'paper' and r.complete)`;

export function listCampaigns(db: DbOrTx, municipalityId: string) {
  return db
    .select({ ...campaignColumns, invited: invitedCount, answered: answeredCount, onPaper: paperCount })
    .from(surveyCampaigns)
    .innerJoin(surveyInstruments, eq(surveyInstruments.id, surveyCampaigns.instrumentId))
    .innerJoin(surveyInstrumentVersions, eq(surveyInstrumentVersions.id, surveyCampaigns.instrumentVersionId))
    .where(eq(surveyCampaigns.municipalityId, municipalityId))
    .orderBy(desc(surveyCampaigns.opensOn), asc(surveyCampaigns.name));
}

export async function findCampaign(db: DbOrTx, municipalityId: string, id: string, lock = false) {
  const q = db
    .select({ ...campaignColumns, invited: invitedCount, answered: answeredCount, onPaper: paperCount })
    .from(surveyCampaigns)
    .innerJoin(surveyInstruments, eq(surveyInstruments.id, surveyCampaigns.instrumentId))
    .innerJoin(surveyInstrumentVersions, eq(surveyInstrumentVersions.id, surveyCampaigns.instrumentVersionId))
    .where(and(eq(surveyCampaigns.id, id), eq(surveyCampaigns.municipalityId, municipalityId)));
  const [row] = lock ? await q.for("update", { of: surveyCampaigns }) : await q;
  return row;
}

/** The published version of each instrument of the municipality, with its content (the audience is in it). */
export function publishedInstruments(db: DbOrTx, municipalityId: string) {
  return db
    .select({
      instrumentId: surveyInstruments.id,
      key: surveyInstruments.key,
      name: surveyInstruments.name,
      versionId: surveyInstrumentVersions.id,
      content: surveyInstrumentVersions.content,
    })
    .from(surveyInstrumentVersions)
    .innerJoin(surveyInstruments, eq(surveyInstruments.id, surveyInstrumentVersions.instrumentId))
    .where(and(eq(surveyInstruments.municipalityId, municipalityId), eq(surveyInstrumentVersions.status, "published")))
    .orderBy(asc(surveyInstruments.name));
}

export function activeUnits(db: DbOrTx, municipalityId: string) {
  return db
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(and(eq(units.municipalityId, municipalityId), eq(units.active, true)))
    .orderBy(asc(units.name));
}

export async function insertCampaign(db: DbOrTx, values: typeof surveyCampaigns.$inferInsert, unitIds: string[]) {
  const [row] = await db.insert(surveyCampaigns).values(values).returning();
  if (!row) throw new Error("insert returned nothing");
  await db.insert(surveyCampaignUnits).values(unitIds.map((unitId) => ({ campaignId: row.id, unitId })));
  return row;
}

export function unitsOf(db: DbOrTx, campaignId: string) {
  return db
    .select({ id: units.id, name: units.name, active: units.active })
    .from(surveyCampaignUnits)
    .innerJoin(units, eq(units.id, surveyCampaignUnits.unitId))
    .where(eq(surveyCampaignUnits.campaignId, campaignId))
    .orderBy(asc(units.name));
}

/**
 * The active staff of the campaign's active units who have one of the roles, each once (a person
 * in two chosen units is one recipient); their e-mail address may be missing.
 */
export function staffOf(db: DbOrTx, campaignId: string, roles: readonly Role[]) {
  return db
    .selectDistinct({ id: users.id, displayName: users.displayName, email: users.email })
    .from(users)
    .innerJoin(userUnits, eq(userUnits.userId, users.id))
    .innerJoin(surveyCampaignUnits, eq(surveyCampaignUnits.unitId, userUnits.unitId))
    .innerJoin(units, eq(units.id, userUnits.unitId))
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(
      and(
        eq(surveyCampaignUnits.campaignId, campaignId),
        eq(users.active, true),
        eq(units.active, true),
        inArray(userRoles.role, [...roles]),
      ),
    )
    .orderBy(asc(users.displayName), asc(users.id));
}

/** The recipient row of a staff member, locked: a second run waits, then sees it. */
export async function lockRecipient(db: DbOrTx, campaignId: string, userId: string) {
  const [row] = await db
    .select()
    .from(surveyCampaignRecipients)
    .where(and(eq(surveyCampaignRecipients.campaignId, campaignId), eq(surveyCampaignRecipients.userId, userId)))
    .for("update");
  return row;
}

export async function sentRecipientIds(db: DbOrTx, campaignId: string): Promise<Set<string>> {
  const rows = await db
    .select({ userId: surveyCampaignRecipients.userId })
    .from(surveyCampaignRecipients)
    .where(and(eq(surveyCampaignRecipients.campaignId, campaignId), isNotNull(surveyCampaignRecipients.sentAt)));
  return new Set(rows.map((r) => r.userId));
}

export async function insertRecipient(db: DbOrTx, campaignId: string, userId: string, invitationId: string) {
  await db.insert(surveyCampaignRecipients).values({ campaignId, userId, invitationId, sentAt: sql`now()` });
}

export async function countSent(db: DbOrTx, campaignId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(surveyCampaignRecipients)
    .where(and(eq(surveyCampaignRecipients.campaignId, campaignId), isNotNull(surveyCampaignRecipients.sentAt)));
  return row?.n ?? 0;
}

/**
 * The recipients a reminder goes to: sent, their invitation neither used nor expired, still an
 * active user with an address. Only ids and the address: the caller mails them, nothing more.
 */
export function unansweredRecipients(db: DbOrTx, campaignId: string, now: Date) {
  return db
    .select({ userId: surveyCampaignRecipients.userId, invitationId: surveyCampaignRecipients.invitationId, email: users.email })
    .from(surveyCampaignRecipients)
    .innerJoin(surveyInvitations, eq(surveyInvitations.id, surveyCampaignRecipients.invitationId))
    .innerJoin(users, eq(users.id, surveyCampaignRecipients.userId))
    .where(
      and(
        eq(surveyCampaignRecipients.campaignId, campaignId),
        isNotNull(surveyCampaignRecipients.sentAt),
        isNull(surveyInvitations.usedAt),
        gt(surveyInvitations.expiresAt, now),
        eq(users.active, true),
        isNotNull(users.email),
      ),
    );
}

/** Locks an invitation of the campaign that is still unused and unexpired; undefined once answered. */
export async function lockUnusedInvitation(db: DbOrTx, campaignId: string, invitationId: string, now: Date) {
  const [row] = await db
    .select({ id: surveyInvitations.id })
    .from(surveyInvitations)
    .where(
      and(
        eq(surveyInvitations.id, invitationId),
        eq(surveyInvitations.campaignId, campaignId),
        isNull(surveyInvitations.usedAt),
        gt(surveyInvitations.expiresAt, now),
      ),
    )
    .for("update");
  return row;
}

/** A fresh token for an unused invitation: the old link stops working, the answer it gives is the same. */
export async function replaceTokenHash(db: DbOrTx, invitationId: string, tokenHash: string) {
  await db.update(surveyInvitations).set({ tokenHash }).where(eq(surveyInvitations.id, invitationId));
}

export async function markReminded(db: DbOrTx, campaignId: string, userId: string) {
  await db
    .update(surveyCampaignRecipients)
    .set({ remindedAt: sql`now()` })
    .where(and(eq(surveyCampaignRecipients.campaignId, campaignId), eq(surveyCampaignRecipients.userId, userId)));
}

export async function setCampaignReminded(db: DbOrTx, campaignId: string) {
  await db
    .update(surveyCampaigns)
    .set({ remindedAt: sql`now()`, updatedAt: sql`now()`, version: sql`${surveyCampaigns.version} + 1` })
    .where(eq(surveyCampaigns.id, campaignId));
}

/** Closes the campaign and ends its unused links `now`; returns how many links were ended. */
export async function closeCampaign(db: DbOrTx, campaignId: string, now: Date): Promise<number> {
  await db
    .update(surveyCampaigns)
    .set({ closedAt: now, updatedAt: sql`now()`, version: sql`${surveyCampaigns.version} + 1` })
    .where(eq(surveyCampaigns.id, campaignId));
  const ended = await db
    .update(surveyInvitations)
    .set({ expiresAt: now })
    .where(and(eq(surveyInvitations.campaignId, campaignId), isNull(surveyInvitations.usedAt), gt(surveyInvitations.expiresAt, now)))
    .returning({ id: surveyInvitations.id });
  return ended.length;
}

/** The municipality's minimum group size: a smaller group of respondents is never shown. */
export async function minGroupSize(db: DbOrTx, municipalityId: string): Promise<number> {
  const [row] = await db.select({ n: municipalities.minGroupSize }).from(municipalities).where(eq(municipalities.id, municipalityId));
  return row?.n ?? 5;
}

/** The annual instruments with campaigns, and the years their campaigns are about, the latest first. */
export function campaignYears(db: DbOrTx, municipalityId: string) {
  return db
    .selectDistinct({ instrumentKey: surveyInstruments.key, instrumentName: surveyInstruments.name, year: surveyCampaigns.year })
    .from(surveyCampaigns)
    .innerJoin(surveyInstruments, eq(surveyInstruments.id, surveyCampaigns.instrumentId))
    .where(eq(surveyCampaigns.municipalityId, municipalityId))
    .orderBy(asc(surveyInstruments.name), desc(surveyCampaigns.year));
}

export interface YearCount {
  year: number;
  /** null: the row holds the number of complete responses of the year. */
  itemKey: string | null;
  value: number | null;
  n: number;
}

/**
 * The complete responses of an instrument's campaigns about the given years (a campaign's year,
 * whatever day an answer was given or typed in), and their answers per item and value.
 */
export function yearCounts(db: DbOrTx, municipalityId: string, instrumentKey: string, years: number[]): Promise<YearCount[]> {
  return rows(
    db,
    sql`with resp as (
      select r.id, c.year::int as year
      from survey_responses r
      join survey_campaigns c on c.id = r.campaign_id
      join survey_instruments s on s.id = c.instrument_id
      where c.municipality_id = ${municipalityId} and s.key = ${instrumentKey} and r.complete
        and c.year in (${sql.join(
          years.map((y) => sql`${y}`),
          sql`, `,
        )})
    )
    select year as "year", null as "itemKey", null::int as "value", count(*)::int as "n" from resp group by year
    union all
    select p.year, a.item_key, a.value::int, count(*)::int
    from resp p join survey_answers a on a.response_id = p.id group by p.year, a.item_key, a.value`,
  );
}
