/**
 * Invitations to answer a survey once: a link (its token is shown once; only the SHA-256 is kept),
 * a kiosk turn, or a campaign's link. Shared by the link, kiosk and campaign parts of the slice.
 */
import { and, eq, sql } from "drizzle-orm";
import { surveyInvitations } from "../../db/schema/index.ts";
import type { DbOrTx } from "../../platform/database.ts";
import { randomToken, sha256 } from "../../platform/sessions.ts";

export type NewInvitation = Omit<typeof surveyInvitations.$inferInsert, "id" | "tokenHash" | "submissionKey" | "usedAt">;
export type Invitation = typeof surveyInvitations.$inferSelect;

/** The path a link's token is answered at; the token is the only thing in it. */
export const answerPath = (token: string) => `/svar/${token}`;

/** A link invitation; the returned token is the only copy and is never stored. */
export async function insertLink(db: DbOrTx, values: NewInvitation): Promise<{ invitation: Invitation; token: string }> {
  const token = randomToken();
  const [invitation] = await db
    .insert(surveyInvitations)
    .values({ ...values, mode: "link", tokenHash: sha256(token), kioskSessionId: null, position: null })
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
 */
export async function lockByToken(db: DbOrTx, token: string): Promise<Invitation | undefined> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
  const [row] = await db
    .select()
    .from(surveyInvitations)
    .where(eq(surveyInvitations.tokenHash, sha256(token)))
    .for("update");
  return row;
}

/** The invitation of a link token without a lock, for showing the form. */
export async function findByToken(db: DbOrTx, token: string): Promise<Invitation | undefined> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
  const [row] = await db
    .select()
    .from(surveyInvitations)
    .where(eq(surveyInvitations.tokenHash, sha256(token)));
  return row;
}

export async function lockById(db: DbOrTx, id: string): Promise<Invitation | undefined> {
  const [row] = await db.select().from(surveyInvitations).where(eq(surveyInvitations.id, id)).for("update");
  return row;
}

/** Marks the invitation answered (its response is complete); a used link is refused from then on. */
export async function markUsed(db: DbOrTx, id: string, now: Date): Promise<void> {
  await db
    .update(surveyInvitations)
    .set({ usedAt: now })
    .where(and(eq(surveyInvitations.id, id), sql`${surveyInvitations.usedAt} is null`));
}

/** Why an invitation cannot be answered now, or null when it can. */
export function refusalOf(invitation: Invitation | undefined, now: Date): "unknown" | "used" | "expired" | null {
  if (!invitation) return "unknown";
  if (invitation.usedAt) return "used";
  if (invitation.expiresAt.getTime() <= now.getTime()) return "expired";
  return null;
}
