/**
 * Annual survey campaigns (surveys.campaigns): an annual instrument's published version, a period,
 * the units whose staff (by e-mail) or families (printed links) are asked. The app shows counts
 * only (invited, answered, response rate), never who answered.
 *
 * Sending staff links: one transaction per recipient, with the campaign row locked so that two
 * runs take turns. Inside it the invitation and the recipient row are inserted and the e-mail is
 * sent before the commit: a refused e-mail rolls everything back for that person (nothing is
 * marked as sent), and a second run skips everyone whose recipient row exists (no second
 * invitation for the same person).
 *
 * A reminder cannot repeat the first link: only its hash is stored. It gives the same unused
 * invitation a fresh token (the hash is replaced in the same transaction as the e-mail is sent),
 * so the first link stops working and the new one answers the same invitation; a refused reminder
 * rolls back and the first link keeps working.
 */
import { z } from "zod";
import { audit } from "../../platform/audit.ts";
import { authorize, type ServiceContext } from "../../platform/context.ts";
import { calendarDateInSweden } from "../../platform/dates.ts";
import { ConflictError, NotFoundError, parseOrThrow, ValidationError } from "../../platform/errors.ts";
import { translator } from "../../platform/i18n.ts";
import { type Mailer, MailNotConfiguredError, MailSendError } from "../../platform/mail.ts";
import { answerPath, insertLink, newLinkCode } from "../links/index.ts";
import { BASE_LANGUAGE } from "../model.ts";
import { paths as resultPaths } from "../results/index.ts";
import {
  type CampaignAudience,
  type CampaignStatus,
  campaignInput,
  campaignStatus,
  isCampaignAudience,
  isRetrospective,
  linksExpireAt,
  printCount,
  responseRate,
  STAFF_RECIPIENT_ROLES,
} from "./model.ts";
import * as store from "./store.ts";

export interface CampaignSummary {
  id: string;
  name: string;
  instrumentKey: string;
  instrumentName: string;
  audience: CampaignAudience;
  /** The year the survey is about (the year-on-year comparison's year). */
  year: number;
  /** About a past year and its period over: filled from paper forms and imports, not by e-mail. */
  retrospective: boolean;
  opensOn: string;
  closesOn: string;
  status: CampaignStatus;
  /** Links made (e-mailed or printed codes). */
  invited: number;
  /** Answers given: through a link or a code, and typed in from paper or imported. */
  answered: number;
  /** Of the answers, those typed in from paper forms or imported (no link). */
  onPaper: number;
  /** Links answered out of links made, whole percent; null when no link is made. */
  rate: number | null;
}

export interface CampaignDetail extends CampaignSummary {
  closedAt: Date | null;
  remindedAt: Date | null;
  createdAt: Date;
  units: Array<{ id: string; name: string }>;
  /** Staff campaigns: e-mails sent (one per person). */
  sent: number;
  /** Staff campaigns: the staff of the units who would get a link but have no e-mail address. */
  withoutEmail: Array<{ id: string; displayName: string }>;
  /** Staff campaigns: staff with an address who have not been sent their link yet. */
  notYetSent: number;
  /** The results page for the instrument and the period. */
  resultsHref: string;
}

export interface NewCampaignForm {
  instruments: Array<{ key: string; name: string; audience: CampaignAudience }>;
  units: Array<{ id: string; name: string }>;
}

export interface SendOutcome {
  sent: number;
  failed: number;
  alreadySent: number;
  withoutEmail: number;
}

export interface RemindOutcome {
  reminded: number;
  failed: number;
}

export interface PrintedLinks {
  campaignId: string;
  instrumentName: string;
  expiresAt: Date;
  /** The only copies of the tokens: shown once, never stored. */
  links: Array<{ token: string; path: string }>;
}

const audienceOf = (content: unknown): string => {
  const a = (content as { audience?: unknown } | null)?.audience;
  return typeof a === "string" ? a : "";
};

export const resultsHref = (instrumentKey: string, opensOn: string, closesOn: string) =>
  resultPaths.results.href({ instrument: instrumentKey, from: opensOn, to: closesOn });

export type Found = NonNullable<Awaited<ReturnType<typeof store.findCampaign>>>;

export function summary(row: Found, today: string): CampaignSummary {
  const c = row.campaign;
  const audience = audienceOf(row.content);
  return {
    id: c.id,
    name: c.name,
    instrumentKey: row.instrumentKey,
    instrumentName: row.instrumentName,
    audience: isCampaignAudience(audience) ? audience : "staff",
    year: c.year,
    retrospective: isRetrospective(c, today),
    opensOn: c.opensOn,
    closesOn: c.closesOn,
    status: campaignStatus(c, today),
    invited: row.invited,
    answered: row.answered + row.onPaper,
    onPaper: row.onPaper,
    rate: responseRate(row.invited, row.answered),
  };
}

export async function found(ctx: ServiceContext, municipalityId: string, id: string, lock = false, db = ctx.db) {
  if (!z.uuid().safeParse(id).success) throw new NotFoundError();
  const row = await store.findCampaign(db, municipalityId, id, lock);
  if (!row) throw new NotFoundError();
  return row;
}

/** The municipality's campaigns, the latest period first, with counts. */
export async function listCampaigns(ctx: ServiceContext): Promise<CampaignSummary[]> {
  const { actor } = await authorize(ctx, "surveys.campaigns");
  const today = ctx.clock.today();
  return (await store.listCampaigns(ctx.db, actor.municipalityId)).map((r) => summary(r, today));
}

/** What the new-campaign form offers: the annual instruments with a published version, and the active units. */
export async function newCampaignForm(ctx: ServiceContext): Promise<NewCampaignForm> {
  const { actor } = await authorize(ctx, "surveys.campaigns");
  const [instruments, units] = await Promise.all([
    store.publishedInstruments(ctx.db, actor.municipalityId),
    store.activeUnits(ctx.db, actor.municipalityId),
  ]);
  return {
    instruments: instruments.flatMap((i) => {
      const audience = audienceOf(i.content);
      return isCampaignAudience(audience) ? [{ key: i.key, name: i.name, audience }] : [];
    }),
    units,
  };
}

/**
 * Creates a campaign on the published version of an annual instrument, for active units of the
 * municipality. Bad input is refused field by field and nothing is stored.
 */
export async function createCampaign(ctx: ServiceContext, input: unknown): Promise<CampaignDetail> {
  const { actor } = await authorize(ctx, "surveys.campaigns");
  const today = ctx.clock.today();
  const data = parseOrThrow(campaignInput(today), input);
  const id = await ctx.db.transaction(async (tx) => {
    const instrument = (await store.publishedInstruments(tx, actor.municipalityId)).find((i) => i.key === data.instrumentKey);
    const errors: Record<string, string> = {};
    if (!instrument || !isCampaignAudience(audienceOf(instrument.content))) errors.instrumentKey = "campaigns.error.instrumentRequired";
    const active = new Set((await store.activeUnits(tx, actor.municipalityId)).map((u) => u.id));
    const unitIds = [...new Set(data.unitIds)];
    if (unitIds.some((u) => !active.has(u))) errors.unitIds = "campaigns.error.unitsInvalid";
    if (!instrument || Object.keys(errors).length > 0) throw new ValidationError(errors);
    const row = await store.insertCampaign(
      tx,
      {
        municipalityId: actor.municipalityId,
        instrumentId: instrument.instrumentId,
        instrumentVersionId: instrument.versionId,
        name: data.name,
        year: data.year,
        opensOn: data.opensOn,
        closesOn: data.closesOn,
        createdBy: actor.id,
      },
      unitIds,
    );
    await audit(tx, ctx, {
      action: "survey_campaign.create",
      recordType: "survey_campaign",
      recordId: row.id,
      detail: { instrumentKey: instrument.key, year: data.year, opensOn: data.opensOn, closesOn: data.closesOn, units: unitIds.length },
    });
    return row.id;
  });
  return getCampaign(ctx, id, { auditNames: false });
}

/**
 * One campaign with its counts. For a staff campaign also the staff of its units who have no
 * e-mail address, by name, for the administrator to fix: that display is audited.
 */
export async function getCampaign(ctx: ServiceContext, id: string, options: { auditNames?: boolean } = {}): Promise<CampaignDetail> {
  const { actor } = await authorize(ctx, "surveys.campaigns");
  return ctx.db.transaction(async (tx) => {
    const row = await found(ctx, actor.municipalityId, id, false, tx);
    const base = summary(row, ctx.clock.today());
    const units = (await store.unitsOf(tx, row.campaign.id)).map(({ id, name }) => ({ id, name }));
    let sent = 0;
    let notYetSent = 0;
    let withoutEmail: CampaignDetail["withoutEmail"] = [];
    if (base.audience === "staff") {
      const staff = await store.staffOf(tx, row.campaign.id, STAFF_RECIPIENT_ROLES);
      const already = await store.sentRecipientIds(tx, row.campaign.id);
      sent = already.size;
      withoutEmail = staff.filter((s) => !s.email && !already.has(s.id)).map(({ id, displayName }) => ({ id, displayName }));
      notYetSent = staff.filter((s) => s.email && !already.has(s.id)).length;
      if (withoutEmail.length > 0 && options.auditNames !== false) {
        await audit(tx, ctx, {
          action: "survey_campaign.without_email",
          recordType: "survey_campaign",
          recordId: row.campaign.id,
          detail: { users: withoutEmail.map((u) => u.id) },
        });
      }
    }
    return {
      ...base,
      closedAt: row.campaign.closedAt,
      remindedAt: row.campaign.remindedAt,
      createdAt: row.campaign.createdAt,
      units,
      sent,
      notYetSent,
      withoutEmail,
      resultsHref: resultsHref(row.instrumentKey, row.campaign.opensOn, row.campaign.closesOn),
    };
  });
}

function requireOpen(status: CampaignStatus) {
  if (status === "closed") throw new ConflictError("campaigns.error.closed", "_form");
  if (status === "planned") throw new ConflictError("campaigns.error.notOpenYet", "_form");
}

/** The e-mail with a staff member's personal link, in Swedish (the instrument's base language). */
export function linkMail(kind: "invite" | "remind", v: { campaignName: string; url: string; expiresOn: string }) {
  const t = translator(BASE_LANGUAGE);
  const params = { campaign: v.campaignName, url: v.url, date: v.expiresOn };
  return { subject: t(`campaigns.mail.${kind}.subject`, params), text: t(`campaigns.mail.${kind}.body`, params) };
}

/**
 * Sends each staff member of the campaign's units (caseworkers and unit managers with an e-mail
 * address) their personal link, once. See the head of this file for what a failure leaves.
 */
export async function sendLinks(ctx: ServiceContext, mailer: Mailer, id: string, baseUrl: string): Promise<SendOutcome> {
  const { actor } = await authorize(ctx, "surveys.campaigns");
  const row = await found(ctx, actor.municipalityId, id);
  const c = summary(row, ctx.clock.today());
  if (c.audience !== "staff") throw new ConflictError("campaigns.error.notStaff", "_form");
  requireOpen(c.status);
  if (!mailer.configured) throw new MailNotConfiguredError();
  const staff = await store.staffOf(ctx.db, c.id, STAFF_RECIPIENT_ROLES);
  const expiresAt = linksExpireAt(c.closesOn);
  const expiresOn = calendarDateInSweden(new Date(expiresAt.getTime() - 1));
  const outcome: SendOutcome = { sent: 0, failed: 0, alreadySent: 0, withoutEmail: 0 };
  for (const [index, person] of staff.entries()) {
    const email = person.email;
    if (!email) {
      outcome.withoutEmail++;
      continue;
    }
    try {
      const result = await ctx.db.transaction(async (tx) => {
        const locked = await found(ctx, actor.municipalityId, c.id, true, tx);
        requireOpen(campaignStatus(locked.campaign, ctx.clock.today()));
        if (await store.lockRecipient(tx, c.id, person.id)) return "already" as const;
        const { invitation, token } = await insertLink(tx, {
          municipalityId: actor.municipalityId,
          instrumentVersionId: row.campaign.instrumentVersionId,
          meetingId: null,
          processId: null,
          campaignId: c.id,
          mode: "link",
          respondentRole: "staff",
          ageBand: null,
          language: BASE_LANGUAGE,
          expiresAt,
          createdBy: actor.id,
          createdAt: ctx.clock.now(),
        });
        await store.insertRecipient(tx, c.id, person.id, invitation.id);
        await mailer.send({ to: email, ...linkMail("invite", { campaignName: c.name, url: `${baseUrl}${answerPath(token)}`, expiresOn }) });
        return "sent" as const;
      });
      if (result === "sent") outcome.sent++;
      else outcome.alreadySent++;
    } catch (e) {
      if (e instanceof MailSendError) {
        outcome.failed++;
        if (!e.unreachable) continue;
        // The relay is down: the others with an address are not sent either (nothing is marked for them).
        const rest = staff.slice(index + 1);
        outcome.failed += rest.filter((p) => p.email).length;
        outcome.withoutEmail += rest.filter((p) => !p.email).length;
        break;
      }
      // Closed while sending, or the database failed: what was sent until now is still audited.
      await ctx.db.transaction((tx) =>
        audit(tx, ctx, { action: "survey_campaign.send", recordType: "survey_campaign", recordId: c.id, detail: { ...outcome } }),
      );
      throw e;
    }
  }
  await ctx.db.transaction((tx) =>
    audit(tx, ctx, { action: "survey_campaign.send", recordType: "survey_campaign", recordId: c.id, detail: { ...outcome } }),
  );
  return outcome;
}

/** E-mails a fresh link to every recipient whose invitation is still unused. */
export async function sendReminder(ctx: ServiceContext, mailer: Mailer, id: string, baseUrl: string): Promise<RemindOutcome> {
  const { actor } = await authorize(ctx, "surveys.campaigns");
  const row = await found(ctx, actor.municipalityId, id);
  const c = summary(row, ctx.clock.today());
  if (c.audience !== "staff") throw new ConflictError("campaigns.error.notStaff", "_form");
  requireOpen(c.status);
  if (!mailer.configured) throw new MailNotConfiguredError();
  const recipients = await store.unansweredRecipients(ctx.db, c.id, ctx.clock.now());
  if (recipients.length === 0) throw new ConflictError("campaigns.error.nobodyToRemind", "_form");
  const expiresOn = calendarDateInSweden(new Date(linksExpireAt(c.closesOn).getTime() - 1));
  const outcome: RemindOutcome = { reminded: 0, failed: 0 };
  for (const [index, r] of recipients.entries()) {
    const email = r.email;
    if (!email) continue;
    try {
      const reminded = await ctx.db.transaction(async (tx) => {
        const locked = await found(ctx, actor.municipalityId, c.id, true, tx);
        requireOpen(campaignStatus(locked.campaign, ctx.clock.today()));
        // Answered since the list was read: no reminder.
        if (!(await store.lockUnusedInvitation(tx, c.id, r.invitationId, ctx.clock.now()))) return false;
        const { token, tokenHash } = newLinkCode();
        await store.replaceTokenHash(tx, r.invitationId, tokenHash);
        await store.markReminded(tx, c.id, r.userId);
        await mailer.send({ to: email, ...linkMail("remind", { campaignName: c.name, url: `${baseUrl}${answerPath(token)}`, expiresOn }) });
        return true;
      });
      if (reminded) outcome.reminded++;
    } catch (e) {
      if (e instanceof MailSendError) {
        outcome.failed++;
        if (!e.unreachable) continue;
        // The relay is down: the rest keep the link they have.
        outcome.failed += recipients.length - index - 1;
        break;
      }
      await ctx.db.transaction((tx) =>
        audit(tx, ctx, { action: "survey_campaign.remind", recordType: "survey_campaign", recordId: c.id, detail: { ...outcome } }),
      );
      throw e;
    }
  }
  await ctx.db.transaction(async (tx) => {
    if (outcome.reminded > 0) await store.setCampaignReminded(tx, c.id);
    await audit(tx, ctx, { action: "survey_campaign.remind", recordType: "survey_campaign", recordId: c.id, detail: { ...outcome } });
  });
  return outcome;
}

/**
 * Printed answer codes (Sofia holds no e-mail for families, and a municipality may have no mail
 * server for its staff): N single-use link invitations naming nobody, valid to the end of the
 * closing day, answered at the public answer page by typing the code (`/svar/K7QM-4TXR-9P`,
 * decision 0036). Only the codes' hashes are stored; the codes are returned once.
 */
export async function printLinks(ctx: ServiceContext, id: string, count: unknown): Promise<PrintedLinks> {
  const { actor } = await authorize(ctx, "surveys.campaigns");
  const n = parseOrThrow(z.object({ count: printCount }), { count }).count;
  return ctx.db.transaction(async (tx) => {
    const row = await found(ctx, actor.municipalityId, id, true, tx);
    const c = summary(row, ctx.clock.today());
    if (c.status === "closed") throw new ConflictError("campaigns.error.closed", "_form");
    const expiresAt = linksExpireAt(c.closesOn);
    const links: PrintedLinks["links"] = [];
    for (let i = 0; i < n; i++) {
      const { token } = await insertLink(tx, {
        municipalityId: actor.municipalityId,
        instrumentVersionId: row.campaign.instrumentVersionId,
        meetingId: null,
        processId: null,
        campaignId: c.id,
        mode: "link",
        respondentRole: c.audience === "staff" ? "staff" : "parent",
        ageBand: null,
        language: BASE_LANGUAGE,
        expiresAt,
        createdBy: actor.id,
        createdAt: ctx.clock.now(),
      });
      links.push({ token, path: answerPath(token) });
    }
    await audit(tx, ctx, { action: "survey_campaign.print", recordType: "survey_campaign", recordId: c.id, detail: { links: n } });
    return { campaignId: c.id, instrumentName: c.instrumentName, expiresAt, links };
  });
}

/** Closes the campaign: its unused links stop working now; the results are read on the results page. */
export async function closeCampaign(ctx: ServiceContext, id: string): Promise<CampaignDetail> {
  const { actor } = await authorize(ctx, "surveys.campaigns");
  await ctx.db.transaction(async (tx) => {
    const row = await found(ctx, actor.municipalityId, id, true, tx);
    if (row.campaign.closedAt) throw new ConflictError("campaigns.error.alreadyClosed", "_form");
    const ended = await store.closeCampaign(tx, row.campaign.id, ctx.clock.now());
    await audit(tx, ctx, {
      action: "survey_campaign.close",
      recordType: "survey_campaign",
      recordId: row.campaign.id,
      detail: { endedLinks: ended, invited: row.invited, answered: row.answered },
    });
  });
  return getCampaign(ctx, id, { auditNames: false });
}
