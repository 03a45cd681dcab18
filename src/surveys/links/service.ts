/**
 * Survey links per respondent after a meeting (processes.work, need-to-know through access.ts):
 * who answers which instrument, and one link each, valid once and for 14 days. The token of a link
 * is returned once, for the printable handout and the API; only its SHA-256 is stored. The staff
 * page names the family members (audited); the links and the handout never do.
 */
import { z } from "zod";
import type { AgeBand } from "../../families/index.ts";
import { audit } from "../../platform/audit.ts";
import { authorize, type ServiceContext } from "../../platform/context.ts";
import type { DbOrTx } from "../../platform/database.ts";
import { type IsoDate, isBefore } from "../../platform/dates.ts";
import { ConflictError, NotFoundError } from "../../platform/errors.ts";
import type { MeetingRow } from "../../processes/index.ts";
import { auditDisplay, type LoadedProcess, loadForWork, lockMeeting } from "../../processes/index.ts";
import { type Audience, BASE_LANGUAGE, type Content, shownLanguage } from "../model.ts";
import { answeredRespondents, meetingRespondents } from "../respondents.ts";
import type { RespondentRole } from "../responses/index.ts";
import { answerPath, insertLink } from "./invitations-store.ts";

/** How long a link works. */
export const LINK_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

export const linkExpiry = (now: Date) => new Date(now.getTime() + LINK_DAYS * DAY_MS);

/**
 * Whether links may be made for the meeting: it was held, or it is planned for today or earlier
 * (the family answers at or right after the meeting, before staff have recorded it as held).
 */
export function meetingTakesLinks(meeting: Pick<MeetingRow, "status" | "plannedDate">, today: string): boolean {
  if (meeting.status === "held") return true;
  return meeting.status === "planned" && meeting.plannedDate !== null && !isBefore(today, meeting.plannedDate);
}

export interface LinkRespondent {
  /** For the staff page only; never on the handout, in a link or with an answer. */
  name: string;
  role: RespondentRole;
  ageBand: AgeBand | null;
  instrumentKey: string;
  instrumentName: string;
  audience: Audience;
}

export interface LinksPageData {
  processId: string;
  meetingId: string;
  meetingTypeName: string;
  /** The day held, or planned. */
  date: string;
  respondents: LinkRespondent[];
}

export interface CreatedLink {
  /** The only copy of the token: shown once, never stored. */
  token: string;
  path: string;
  role: RespondentRole;
  ageBand: AgeBand | null;
  instrumentKey: string;
  instrumentName: string;
  audience: Audience;
  expiresAt: Date;
}

const nameOf = (content: Content) => content.name[BASE_LANGUAGE] ?? "";

async function openMeeting(tx: DbOrTx, loaded: LoadedProcess, meetingId: string, today: IsoDate) {
  if (!z.uuid().safeParse(meetingId).success) throw new NotFoundError();
  const row = await lockMeeting(tx, loaded.process.id, meetingId);
  if (!row) throw new NotFoundError();
  if (!meetingTakesLinks(row, today)) throw new ConflictError("links.notHeld", "_form");
  const type = loaded.content.meetingTypes.find((m) => m.key === row.meetingTypeKey);
  if (!type) throw new NotFoundError();
  return { row, type };
}

/** Who answers which survey after the meeting, by name for the staff member: the display is audited. */
export async function linksPage(ctx: ServiceContext, processId: string, meetingId: string): Promise<LinksPageData> {
  const auth = await authorize(ctx, "processes.work");
  return ctx.db.transaction(async (tx) => {
    const loaded = await loadForWork(tx, auth, processId, { allowClosed: true });
    const { row, type } = await openMeeting(tx, loaded, meetingId, ctx.clock.today());
    const respondents = await meetingRespondents(tx, auth.actor.municipalityId, loaded, row, type);
    await auditDisplay(tx, ctx, loaded, "survey_invitation.respondents", { meetingId: row.id });
    return {
      processId: loaded.process.id,
      meetingId: row.id,
      meetingTypeName: type.name,
      date: row.heldOn ?? row.plannedDate ?? "",
      respondents: respondents.map((r) => ({
        name: r.name,
        role: r.role,
        ageBand: r.ageBand,
        instrumentKey: r.instrument.key,
        instrumentName: nameOf(r.instrument.content),
        audience: r.instrument.content.audience,
      })),
    };
  });
}

/**
 * One link per respondent of the meeting, in the published version of their instrument, valid
 * once and for 14 days. The audit row names the meeting, the number of links and the roles, never
 * a person or a token.
 */
export async function createLinks(
  ctx: ServiceContext,
  processId: string,
  meetingId: string,
): Promise<{ meetingTypeName: string; links: CreatedLink[] }> {
  const auth = await authorize(ctx, "processes.work");
  return ctx.db.transaction(async (tx) => {
    const loaded = await loadForWork(tx, auth, processId, { allowClosed: true });
    const { row, type } = await openMeeting(tx, loaded, meetingId, ctx.clock.today());
    const all = await meetingRespondents(tx, auth.actor.municipalityId, loaded, row, type);
    // Nobody who has answered after the meeting gets a new link.
    const answered = await answeredRespondents(tx, row.id, all);
    const respondents = all.filter((r) => !answered.has(r.personId));
    if (respondents.length === 0) throw new ConflictError("links.error.noRespondents", "_form");
    const expiresAt = linkExpiry(ctx.clock.now());
    const links: CreatedLink[] = [];
    for (const r of respondents) {
      const { token } = await insertLink(tx, {
        municipalityId: auth.actor.municipalityId,
        instrumentVersionId: r.instrument.versionId,
        meetingId: row.id,
        processId: loaded.process.id,
        campaignId: null,
        mode: "link",
        personId: r.personId,
        respondentRole: r.role,
        ageBand: r.ageBand,
        // The link starts in the family's language when the version has it (decision 0042).
        language: shownLanguage(r.instrument.content, loaded.process.familyLanguage ?? undefined),
        expiresAt,
        createdBy: auth.actor.id,
        createdAt: ctx.clock.now(),
      });
      links.push({
        token,
        path: answerPath(token),
        role: r.role,
        ageBand: r.ageBand,
        instrumentKey: r.instrument.key,
        instrumentName: nameOf(r.instrument.content),
        audience: r.instrument.content.audience,
        expiresAt,
      });
    }
    await audit(tx, ctx, {
      action: "survey_invitation.create",
      recordType: "meeting",
      recordId: row.id,
      detail: { processId: loaded.process.id, links: links.length, roles: links.map((l) => l.role) },
    });
    return { meetingTypeName: type.name, links };
  });
}
