/**
 * Invitations to answer a survey once: a link (its token is shown once; only the SHA-256 is kept),
 * a kiosk turn, or a campaign's link. Shared by the link, kiosk and campaign parts of the slice.
 */
import { and, eq, getTableColumns, gt, isNull, type SQL, sql } from "drizzle-orm";
import { meetings, surveyInvitations, surveyMeetingAnswered } from "../../db/schema/index.ts";
import { type DbOrTx, rows } from "../../platform/database.ts";
import { newLinkCode, tokenHashOf } from "./codes.ts";

export type NewInvitation = Omit<typeof surveyInvitations.$inferInsert, "id" | "tokenHash" | "submissionKey" | "usedAt">;
export type Invitation = typeof surveyInvitations.$inferSelect;

/** The path a link's token is answered at; the token is the only thing in it. */
export const answerPath = (token: string) => `/svar/${token}`;

/**
 * A link invitation with a new answer code (codes.ts); the returned token is the code as printed
 * (`K7QM-4TXR-9P`), the only copy, never stored: only the hash of the normalised code is.
 */
export async function insertLink(db: DbOrTx, values: NewInvitation): Promise<{ invitation: Invitation; token: string }> {
  const { token, tokenHash } = newLinkCode();
  const [invitation] = await db
    .insert(surveyInvitations)
    .values({ ...values, mode: "link", tokenHash, kioskSessionId: null, position: null })
    .returning();
  if (!invitation) throw new Error("insert returned nothing");
  return { invitation, token };
}

/** A kiosk turn (no token): answered on the kiosk session's own pages. */
export async function insertKioskTurn(db: DbOrTx, values: NewInvitation & { kioskSessionId: string; position: number }) {
  const [invitation] = await db
    .insert(surveyInvitations)
    .values({ ...values, mode: "kiosk", tokenHash: null })
    .returning();
  if (!invitation) throw new Error("insert returned nothing");
  return invitation;
}

/**
 * The invitation of a link token, locked for the transaction so that two submissions of the same
 * link run one after the other; undefined for a token that was never issued (forged or mistyped).
 * `extra` is a column of the caller's read in the same statement (the answer route's code lock,
 * surveys/answer/throttle.ts: one round trip fewer per answer, decision 0054), as `extra`.
 */
export async function lockByToken<E = null>(
  db: DbOrTx,
  token: string,
  extra?: SQL<E>,
): Promise<(Invitation & { meetingOn: string | null; extra: E }) | undefined> {
  const hash = tokenHashOf(token);
  if (!hash) return undefined;
  const [row] = await db
    .select({
      ...getTableColumns(surveyInvitations),
      // The meeting's day (held, else planned), which the answer's period is (decision 0046), in the same statement.
      meetingOn: sql<
        string | null
      >`(select coalesce(m.held_on, m.planned_date)::text from ${meetings} m where m.id = ${surveyInvitations.meetingId})`,
      extra: extra ?? sql<E>`null`,
    })
    .from(surveyInvitations)
    .where(eq(surveyInvitations.tokenHash, hash))
    .for("update", { of: surveyInvitations });
  return row;
}

/** The invitation of a link token without a lock, for showing the form. */
export async function findByToken(db: DbOrTx, token: string): Promise<Invitation | undefined> {
  const hash = tokenHashOf(token);
  if (!hash) return undefined;
  const [row] = await db.select().from(surveyInvitations).where(eq(surveyInvitations.tokenHash, hash));
  return row;
}

export async function lockById(db: DbOrTx, id: string): Promise<Invitation | undefined> {
  const [row] = await db.select().from(surveyInvitations).where(eq(surveyInvitations.id, id)).for("update");
  return row;
}

/**
 * Marks the invitation answered (its response is complete); a used link is refused from then on.
 * The person it was for is moved to survey_meeting_answered and cleared from the invitation.
 */
export async function markUsed(db: DbOrTx, id: string, now: Date): Promise<void> {
  // One statement (decision 0054): the row as it was (its person, kept until now) and the update.
  const [open] = await rows<{ meetingId: string | null; personId: string | null }>(
    db,
    sql`with o as (select meeting_id, person_id from ${surveyInvitations} where id = ${id} and used_at is null for update)
      update ${surveyInvitations} i set used_at = ${now.toISOString()}::timestamptz, person_id = null from o where i.id = ${id}
      returning o.meeting_id as "meetingId", o.person_id as "personId"`,
  );
  if (!open) return;
  if (open.meetingId && open.personId) await markAnswered(db, open.meetingId, open.personId, now);
}

/**
 * Records that the person has answered after the meeting (kiosk, link or paper; a second time
 * changes nothing), and closes their other open invitations for it (a link not used, a kiosk turn
 * further on), so that nobody is offered the survey twice.
 */
export async function markAnswered(db: DbOrTx, meetingId: string, personId: string, now: Date): Promise<void> {
  await db.insert(surveyMeetingAnswered).values({ meetingId, personId }).onConflictDoNothing();
  await db
    .update(surveyInvitations)
    .set({ expiresAt: now, personId: null })
    .where(
      and(
        eq(surveyInvitations.meetingId, meetingId),
        eq(surveyInvitations.personId, personId),
        isNull(surveyInvitations.usedAt),
        gt(surveyInvitations.expiresAt, now),
      ),
    );
}

/** Why an invitation cannot be answered now, or null when it can. */
export function refusalOf(invitation: Invitation | undefined, now: Date): "unknown" | "used" | "expired" | null {
  if (!invitation) return "unknown";
  if (invitation.usedAt) return "used";
  if (invitation.expiresAt.getTime() <= now.getTime()) return "expired";
  return null;
}
