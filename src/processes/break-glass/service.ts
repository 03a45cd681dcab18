/**
 * Break-glass (nödåtkomst, decision 0062): a user whose role may use it, without need-to-know for
 * a family, opens the family's process in an emergency by an exact identity number and a reason.
 * The grant lasts the municipality's minutes (60 by default), for that process and that user
 * only, read only; it is audited as `family.break_glass` with the reason (the log review flags it),
 * and the family's process leader and unit managers are told by e-mail through the outbox.
 */

import { and, eq } from "drizzle-orm";
import { processes } from "../../db/schema/index.ts";
import { parseIdentityNumber } from "../../families/index.ts";
import { audit } from "../../platform/audit.ts";
import type { Config } from "../../platform/config.ts";
import { authorize, type ServiceContext } from "../../platform/context.ts";
import type { Db } from "../../platform/database.ts";
import { parseOrThrow, ValidationError } from "../../platform/errors.ts";
import { translator } from "../../platform/i18n.ts";
import type { Mailer } from "../../platform/mail.ts";
import { type DeliveryResult, deliver, enqueue } from "../../platform/outbox.ts";
import { paths as processPaths } from "../paths.ts";
import { visibleProcesses } from "../store.ts";
import { BREAK_GLASS_NOTICE, type BreakGlassInput, breakGlassInput, DEFAULT_BREAK_GLASS_MINUTES, grantEnds } from "./model.ts";
import * as store from "./store.ts";

export interface BreakGlassResult {
  processId: string;
  /** When the access ends; null when the user already had need-to-know (no grant was made). */
  expiresAt: Date | null;
}

/**
 * Opens the family whose member has the identity number, for the reason given. An empty reason,
 * a malformed number or a number of no family's process is a field error and changes nothing.
 */
export async function breakGlass(ctx: ServiceContext, raw: BreakGlassInput): Promise<BreakGlassResult> {
  const auth = await authorize(ctx, "processes.break_glass");
  const input = parseOrThrow(breakGlassInput, raw);
  const today = ctx.clock.today();
  const identity = parseIdentityNumber(input.identityNumber, today);
  if (!identity.ok) throw new ValidationError({ identityNumber: identity.error });
  const now = ctx.clock.now();
  const municipalityId = auth.actor.municipalityId;
  return ctx.db.transaction(async (tx) => {
    const found = await store.processOfIdentity(tx, municipalityId, identity.value.normalized);
    if (!found) throw new ValidationError({ identityNumber: "processes.breakGlass.notFound" });
    // Someone assigned to the family already sees it in full and needs no emergency access (a unit
    // manager's own units give only the minimal view, so they still need it).
    const [already] = await tx
      .select({ id: processes.id })
      .from(processes)
      .where(and(eq(processes.id, found.processId), visibleProcesses(municipalityId, { all: false, userId: auth.actor.id, unitIds: [] })));
    if (already) return { processId: found.processId, expiresAt: null };
    const minutes = (await store.grantMinutes(tx, municipalityId)) ?? DEFAULT_BREAK_GLASS_MINUTES;
    const expiresAt = grantEnds(now, minutes);
    const grantId = await store.insertGrant(tx, {
      municipalityId,
      userId: auth.actor.id,
      processId: found.processId,
      reason: input.reason,
      grantedAt: now,
      expiresAt,
    });
    await audit(tx, ctx, {
      action: "family.break_glass",
      recordType: "process",
      recordId: found.processId,
      reason: input.reason,
      subjectPersonIds: found.persons.map((p) => p.id),
      detail: { grantId, minutes, expiresAt: expiresAt.toISOString() },
    });
    const told = await store.whoIsTold(
      tx,
      found.processId,
      [...new Set(found.persons.flatMap((p) => (p.unitId ? [p.unitId] : [])))],
      auth.actor.id,
    );
    await enqueue(
      tx,
      told.map((userId) => ({
        kind: BREAK_GLASS_NOTICE,
        dedupeKey: `${grantId}:${userId}`,
        // No name or identity number of the family: the message leaves Sofia.
        payload: { userId, openedBy: auth.actor.id, processId: found.processId, at: now.toISOString(), expiresAt: expiresAt.toISOString() },
      })),
    );
    return { processId: found.processId, expiresAt };
  });
}

const sv = translator("sv");
const stockholm = (iso: string) =>
  new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", dateStyle: "short", timeStyle: "short" }).format(new Date(iso));

export interface NoticeDeps {
  db: Db;
  mailer: Mailer;
  config: Pick<Config, "publicUrl" | "host" | "port">;
}

/**
 * Sends the queued break-glass notices (the processes module's job, every minute): who opened a
 * family you are responsible for, when, until when, and a link to the family in Sofia. No name
 * or identity number of the family leaves; the reason is read in Sofia's log.
 */
export async function deliverBreakGlassNotices(deps: NoticeDeps, now: Date): Promise<DeliveryResult> {
  const base = (deps.config.publicUrl ?? `http://${deps.config.host}:${deps.config.port}`).replace(/\/+$/, "");
  return deliver(deps.db, BREAK_GLASS_NOTICE, now, async (raw) => {
    const p = raw as { userId: string; openedBy: string; processId: string; at: string; expiresAt: string };
    const to = await store.recipient(deps.db, p.userId);
    if (!to) return;
    const who = await store.displayName(deps.db, p.openedBy);
    await deps.mailer.send({
      to: to.email,
      subject: sv("processes.breakGlass.mail.subject"),
      text: sv("processes.breakGlass.mail.text", {
        who,
        at: stockholm(p.at),
        until: stockholm(p.expiresAt),
        link: `${base}${processPaths.process.href({ id: p.processId })}`,
      }),
    });
  });
}

/** The length of a grant as the form states it; only for a role that may use break-glass. */
export async function breakGlassMinutes(ctx: ServiceContext): Promise<number> {
  const auth = await authorize(ctx, "processes.break_glass");
  return (await store.grantMinutes(ctx.db, auth.actor.municipalityId)) ?? DEFAULT_BREAK_GLASS_MINUTES;
}
