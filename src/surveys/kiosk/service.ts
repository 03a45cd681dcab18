/**
 * The survey kiosk: a staff member hands their tablet to the family at a meeting. Starting it
 * (processes.work, need-to-know through access.ts) makes one kiosk invitation per respondent, in
 * the chosen order, and locks the staff member's login session to the kiosk
 * (sessions.kiosk_session_id; the lock itself is in platform/http.ts). The kiosk's pages show no
 * case data and no names: the next turn's role only. Its staff controls (skip a turn, end the
 * kiosk) need the staff member's password; failed attempts are throttled like logins and written
 * to the security log. Nobody who has answered after the meeting is offered a turn again.
 */
import { z } from "zod";
import { afterFailure, lockedMinutes, type ThrottleRule } from "../../auth/index.ts";
import type { AgeBand } from "../../families/index.ts";
import { audit } from "../../platform/audit.ts";
import { authorize, logSecurityEvent, type ServiceContext } from "../../platform/context.ts";
import type { DbOrTx } from "../../platform/database.ts";
import type { IsoDate } from "../../platform/dates.ts";
import { ConflictError, NotFoundError, parseOrThrow, ValidationError } from "../../platform/errors.ts";
import type { FormInput } from "../../platform/form-pages.ts";
import { verifyPassword } from "../../platform/passwords.ts";
import { auditDisplay, findMeeting, type LoadedProcess, loadForWork, loadProcess, meetingRate, type Rate } from "../../processes/index.ts";
import type { MeetingType } from "../../workmodels/index.ts";
import { answerInvitation, invitationContent, unreviewedOf } from "../answer/index.ts";
import { type Invitation, insertKioskTurn, lockById, refusalOf } from "../links/index.ts";
import { type Content, shownLanguage } from "../model.ts";
import { answeredRespondents, meetingRespondents, type Respondent } from "../respondents.ts";
import type { RespondentRole } from "../responses/index.ts";
import * as store from "./store.ts";

/** A turn can be answered this long after the kiosk starts; an open turn expires when the kiosk ends. */
export const TURN_VALID_HOURS = 12;
/** Wrong passwords at the kiosk's exit, per staff member: like a login to one account. */
export const exitRule: ThrottleRule = { maxFailures: 5, windowMinutes: 15, lockMinutes: 15 };
const MAX_TURNS = 20;

// ---------------------------------------------------------------------------------------------
// Pure rules

/** A kiosk is for a held meeting, or a planned one dated today or earlier (the family is at the table). */
export function kioskAllowed(meeting: { status: string; plannedDate: string | null; heldOn: string | null }, today: string): boolean {
  if (meeting.status === "held") return meeting.heldOn !== null;
  return meeting.status === "planned" && meeting.plannedDate !== null && meeting.plannedDate <= today;
}

/** How a turn is shown on the kiosk: a parent or a child, never more. */
export const audienceOf = (role: string): "parent" | "child" => (role === "child" ? "child" : "parent");

/** The default order: parents first (as they are listed), then the children. */
export function defaultOrder<T extends { role: RespondentRole }>(respondents: T[]): T[] {
  return [...respondents.filter((r) => r.role !== "child"), ...respondents.filter((r) => r.role === "child")];
}

export interface TurnChoice {
  personId: string;
  /** Ticked: answers now. */
  chosen: boolean;
  /** The place in the order, as typed (1, 2, …). */
  order: string;
}

export const orderField = (personId: string) => `order.${personId}`;
export const chosenField = (personId: string) => `turn.${personId}`;

/**
 * The start form as posted: per respondent listed on it, the place in the order as typed
 * (`order.<personId>`) and whether ticked (`turn.<personId>`). The numbers are checked by
 * chooseTurns against the meeting's respondents, so an odd one is that person's field error.
 */
export const startInput = z.object({
  order: z.record(z.string(), z.string({ error: "kiosk.start.order" })).default({}),
  turn: z.record(z.string(), z.boolean({ error: "kiosk.start.unknownRespondent" })).default({}),
});
export type StartInput = z.input<typeof startInput>;

/** The start form's choices: one per respondent listed on it (its order field), ticked or not. */
export function choicesOf(input: z.output<typeof startInput>): TurnChoice[] {
  return Object.entries(input.order).map(([personId, order]) => ({ personId, order, chosen: input.turn[personId] === true }));
}

/** A staff control's form: the staff member's password (an empty one is refused by the unlock, not here). */
export const staffInput = z.object({ password: z.string().catch("") });
/** Skipping a turn: its position (0, no turn, when it is not a whole number) and the password. */
export const skipInput = staffInput.extend({ position: z.number().int().min(0).max(99).catch(0) });

/**
 * The respondents who answer now, in the order the staff member gave: ticked ones only, sorted by
 * their number (a tie keeps the default order). A missing or odd number, nobody ticked, a person
 * who has already answered after the meeting, or one who is not a respondent of it is a field error.
 */
export function chooseTurns<T extends { personId: string; role: RespondentRole }>(
  respondents: T[],
  choices: TurnChoice[],
  answered: ReadonlySet<string> = new Set(),
): { ok: true; turns: T[] } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const ordered = defaultOrder(respondents);
  const picked: Array<{ r: T; order: number; index: number }> = [];
  for (const c of choices) {
    const index = ordered.findIndex((r) => r.personId === c.personId);
    const r = ordered[index];
    if (!r) {
      errors.respondents = "kiosk.start.unknownRespondent";
      continue;
    }
    if (!c.chosen) continue;
    if (answered.has(r.personId)) {
      errors[chosenField(c.personId)] = "kiosk.start.alreadyAnswered";
      continue;
    }
    const order = c.order.trim();
    if (!/^\d{1,2}$/.test(order) || Number(order) < 1) {
      errors[orderField(c.personId)] = "kiosk.start.order";
      continue;
    }
    if (!picked.some((p) => p.r.personId === r.personId)) picked.push({ r, order: Number(order), index });
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  if (picked.length === 0) return { ok: false, errors: { respondents: "kiosk.start.chooseSomeone" } };
  picked.sort((a, b) => a.order - b.order || a.index - b.index);
  return { ok: true, turns: picked.map((p) => p.r) };
}

export interface TurnStatus {
  position: number;
  audience: "parent" | "child";
  state: "open" | "answered" | "skipped";
  /** The language the turn starts in: the family's (decision 0042). */
  language: string;
}

export interface Progress {
  /** This kiosk's turns and how many of them are answered. */
  total: number;
  answered: number;
  /** The meeting's response rate, the figure its page shows (processes' meetingRate). */
  rate: Rate;
  /** The first turn that can still be answered; null when everyone is done (answered or skipped). */
  next: TurnStatus | null;
  turns: TurnStatus[];
}

/** Where the kiosk stands: answered turns, skipped (or expired) ones, and the next open turn. */
export function progressOf(turns: Invitation[], now: Date, rate: Rate): Progress {
  const statuses: TurnStatus[] = turns.map((i) => {
    const refusal = refusalOf(i, now);
    return {
      position: i.position ?? 0,
      audience: audienceOf(i.respondentRole),
      state: refusal === null ? "open" : refusal === "used" ? "answered" : "skipped",
      language: i.language,
    };
  });
  return {
    total: statuses.length,
    answered: statuses.filter((s) => s.state === "answered").length,
    rate,
    next: statuses.find((s) => s.state === "open") ?? null,
    turns: statuses,
  };
}

// ---------------------------------------------------------------------------------------------
// Starting a kiosk (staff)

export interface KioskRespondent {
  personId: string;
  /** For the staff member's page only. */
  name: string;
  role: RespondentRole;
  ageBand: AgeBand | null;
  /** Answered after this meeting already (kiosk, link or paper): shown, never offered again. */
  answered: boolean;
}

export interface KioskForm {
  processId: string;
  meetingId: string;
  meetingTypeName: string;
  date: string;
  /** Parents first, then the children. */
  respondents: KioskRespondent[];
  rate: Rate;
}

const typeOf = (loaded: LoadedProcess, key: string): MeetingType => {
  const type = loaded.content.meetingTypes.find((m) => m.key === key);
  if (!type) throw new NotFoundError();
  return type;
};

async function kioskMeeting(tx: DbOrTx, loaded: LoadedProcess, meetingId: string, today: IsoDate) {
  if (!z.uuid().safeParse(meetingId).success) throw new NotFoundError();
  const row = await findMeeting(tx, loaded.process.id, meetingId);
  if (!row) throw new NotFoundError();
  if (!kioskAllowed(row, today)) throw new ConflictError("kiosk.start.notToday", "_form");
  return { row, type: typeOf(loaded, row.meetingTypeKey), date: row.heldOn ?? row.plannedDate ?? "" };
}

const publicRespondent = (r: Respondent, answered: ReadonlySet<string>): KioskRespondent => ({
  personId: r.personId,
  name: r.name,
  role: r.role,
  ageBand: r.ageBand,
  answered: answered.has(r.personId),
});

/** Who can answer at the kiosk after the meeting; it names them to the staff member, so it is audited. */
export async function kioskForm(ctx: ServiceContext, processId: string, meetingId: string): Promise<KioskForm> {
  const auth = await authorize(ctx, "processes.work");
  return ctx.db.transaction(async (tx) => {
    const loaded = await loadForWork(tx, auth, processId, { allowClosed: true });
    const { row, type, date } = await kioskMeeting(tx, loaded, meetingId, ctx.clock.today());
    const respondents = await meetingRespondents(tx, auth.actor.municipalityId, loaded, row, type);
    const answered = await answeredRespondents(tx, row.id, respondents);
    await auditDisplay(tx, ctx, loaded, "survey_kiosk.form", { meetingId: row.id });
    return {
      processId: loaded.process.id,
      meetingId: row.id,
      meetingTypeName: type.name,
      date,
      respondents: defaultOrder(respondents).map((r) => publicRespondent(r, answered)),
      rate: await meetingRate(tx, row.id),
    };
  });
}

/**
 * Starts a kiosk for the meeting: one turn per chosen respondent in the chosen order (role and a
 * child's age band, never the person), and the staff member's current login session locked to it.
 * Returns the kiosk session's id.
 */
export async function startKiosk(
  ctx: ServiceContext,
  sessionToken: string | null,
  processId: string,
  meetingId: string,
  input: StartInput,
): Promise<string> {
  const auth = await authorize(ctx, "processes.work");
  if (!sessionToken || auth.actor.apiToken) throw new ConflictError("kiosk.start.browserOnly", "_form");
  const choices = choicesOf(parseOrThrow(startInput, input));
  if (choices.length > MAX_TURNS) throw new ValidationError({ respondents: "kiosk.start.unknownRespondent" });
  return ctx.db.transaction(async (tx) => {
    const loaded = await loadForWork(tx, auth, processId, { allowClosed: true });
    const { row, type } = await kioskMeeting(tx, loaded, meetingId, ctx.clock.today());
    const respondents = await meetingRespondents(tx, auth.actor.municipalityId, loaded, row, type);
    const chosen = chooseTurns(respondents, choices, await answeredRespondents(tx, row.id, respondents));
    if (!chosen.ok) throw new ValidationError(chosen.errors);

    const session = await store.insertSession(tx, {
      municipalityId: auth.actor.municipalityId,
      meetingId: row.id,
      processId: loaded.process.id,
      startedBy: auth.actor.id,
    });
    const expiresAt = new Date(ctx.clock.now().getTime() + TURN_VALID_HOURS * 3_600_000);
    let position = 0;
    for (const r of chosen.turns) {
      position += 1;
      await insertKioskTurn(tx, {
        municipalityId: auth.actor.municipalityId,
        instrumentVersionId: r.instrument.versionId,
        meetingId: row.id,
        processId: loaded.process.id,
        campaignId: null,
        mode: "kiosk",
        kioskSessionId: session.id,
        position,
        personId: r.personId,
        respondentRole: r.role,
        ageBand: r.ageBand,
        // The turn starts in the family's language when the version has it (decision 0042).
        language: shownLanguage(r.instrument.content, loaded.process.familyLanguage ?? undefined),
        expiresAt,
        createdBy: auth.actor.id,
        createdAt: ctx.clock.now(),
      });
    }
    if (!(await store.setLoginSessionKiosk(tx, sessionToken, auth.actor.id, session.id))) throw new NotFoundError();
    await audit(tx, ctx, {
      action: "survey_kiosk.start",
      recordType: "meeting",
      recordId: row.id,
      detail: { processId: loaded.process.id, kioskSessionId: session.id, turns: chosen.turns.map((r) => r.role) },
    });
    return session.id;
  });
}

// ---------------------------------------------------------------------------------------------
// The kiosk itself (the locked browser): no names, no case data

/** The kiosk session of this login session, if it is the actor's own and still open. */
async function openKiosk(db: DbOrTx, ctx: ServiceContext, kioskSessionId: string | null) {
  if (!kioskSessionId || !ctx.actor) return undefined;
  const session = await store.findOpenSession(db, kioskSessionId);
  return session && session.startedBy === ctx.actor.id ? session : undefined;
}

/** The hand-back page's data; null when this browser is not a kiosk. */
export async function kioskProgress(ctx: ServiceContext, kioskSessionId: string | null): Promise<Progress | null> {
  const session = await openKiosk(ctx.db, ctx, kioskSessionId);
  if (!session) return null;
  return progressOf(await store.turnsOf(ctx.db, session.id), ctx.clock.now(), await meetingRate(ctx.db, session.meetingId));
}

export interface KioskTurn {
  invitation: Invitation;
  content: Content;
  child: boolean;
  /** The version's languages still waiting for a native speaker's review. */
  unreviewed: string[];
}

/** A turn that can be answered now, with its instrument; null for an unknown, answered or skipped turn. */
export async function kioskTurn(ctx: ServiceContext, kioskSessionId: string | null, position: number): Promise<KioskTurn | null> {
  const session = await openKiosk(ctx.db, ctx, kioskSessionId);
  if (!session) return null;
  const invitation = await store.turnAt(ctx.db, session.id, position);
  if (!invitation || refusalOf(invitation, ctx.clock.now()) !== null) return null;
  const content = await invitationContent(ctx.db, invitation);
  return { invitation, content, child: invitation.respondentRole === "child", unreviewed: await unreviewedOf(ctx.db, invitation, content) };
}

/**
 * Stores a turn's answers with its invitation locked: through answerInvitation (the invitation's
 * submission key, so a double tap or a resent answer stores once). An answered turn sent again is
 * no error: it stores nothing. Returns null when this browser is not a kiosk or the turn is unknown.
 */
export async function answerKioskTurn(
  ctx: ServiceContext,
  kioskSessionId: string | null,
  position: number,
  input: FormInput,
): Promise<{ created: boolean; complete: boolean } | null> {
  const session = await openKiosk(ctx.db, ctx, kioskSessionId);
  if (!session) return null;
  const turn = await store.turnAt(ctx.db, session.id, position);
  if (!turn) return null;
  return ctx.db.transaction(async (tx) => {
    const invitation = await lockById(tx, turn.id);
    if (!invitation) return null;
    if (invitation.usedAt) return { created: false, complete: true };
    return answerInvitation(tx, invitation, input, ctx.clock.now());
  });
}

export type StaffRefusal =
  | { ok: false; messageKey: "kiosk.exit.passwordRequired" | "kiosk.exit.wrongPassword" | "kiosk.exit.throttled"; minutes?: number }
  | { ok: false; messageKey: "kiosk.exit.notKiosk" };

/**
 * The staff unlock: every staff control of the kiosk (skip a turn, end the kiosk) needs the staff
 * member's password re-entered. A wrong or empty one is refused, written to the security log and
 * counted (five in 15 minutes lock the staff controls for 15 minutes); the kiosk stays locked.
 * Null when the password is right (the throttle is then cleared).
 */
async function staffUnlock(ctx: ServiceContext, actorId: string, kioskSessionId: string, password: string): Promise<StaffRefusal | null> {
  const key = `kiosk:${actorId}`;
  const now = ctx.clock.now();
  const state = await store.readThrottle(ctx.db, key);
  const locked = lockedMinutes(state, now);
  if (locked > 0) {
    await logSecurityEvent(ctx, "kiosk_exit_throttled", undefined, { kioskSessionId });
    return { ok: false, messageKey: "kiosk.exit.throttled", minutes: locked };
  }
  const valid = password !== "" && (await verifyPassword(await store.passwordHashOf(ctx.db, actorId), password));
  if (!valid) {
    await store.writeThrottle(ctx.db, key, afterFailure(state, exitRule, now));
    await logSecurityEvent(ctx, "kiosk_exit_failed", undefined, { kioskSessionId, empty: password === "" });
    return { ok: false, messageKey: password === "" ? "kiosk.exit.passwordRequired" : "kiosk.exit.wrongPassword" };
  }
  await store.clearThrottle(ctx.db, key);
  return null;
}

export type SkipResult = { ok: true; skipped: boolean } | StaffRefusal;

/**
 * Staff skip a turn (the person does not want to answer now), behind the staff unlock: it can no
 * longer be answered. `skipped` is false for a turn that was answered, skipped or unknown meanwhile.
 */
export async function skipTurn(ctx: ServiceContext, kioskSessionId: string | null, input: z.input<typeof skipInput>): Promise<SkipResult> {
  const { position, password } = skipInput.parse(input);
  const actor = ctx.actor;
  const session = await openKiosk(ctx.db, ctx, kioskSessionId);
  if (!actor || !session) return { ok: false, messageKey: "kiosk.exit.notKiosk" };
  const refused = await staffUnlock(ctx, actor.id, session.id, password);
  if (refused) return refused;
  return ctx.db.transaction(async (tx) => {
    const turn = await store.turnAt(tx, session.id, position);
    if (!turn || refusalOf(turn, ctx.clock.now()) !== null) return { ok: true as const, skipped: false };
    await store.expireOpenTurns(tx, session.id, ctx.clock.now(), position);
    await audit(tx, ctx, {
      action: "survey_kiosk.skip",
      recordType: "meeting",
      recordId: session.meetingId,
      detail: { processId: session.processId, kioskSessionId: session.id, position },
    });
    return { ok: true as const, skipped: true };
  });
}

export type ExitResult = { ok: true; processId: string; meetingId: string } | StaffRefusal;

/**
 * Leaves the kiosk behind the staff unlock (see staffUnlock). The right password ends the kiosk
 * session, expires its open turns, unlocks the login session and is audited, in one transaction.
 */
export async function exitKiosk(
  ctx: ServiceContext,
  sessionToken: string | null,
  kioskSessionId: string | null,
  input: z.input<typeof staffInput>,
): Promise<ExitResult> {
  const { password } = staffInput.parse(input);
  const actor = ctx.actor;
  const session = await openKiosk(ctx.db, ctx, kioskSessionId);
  if (!actor || !sessionToken || !session) return { ok: false, messageKey: "kiosk.exit.notKiosk" };
  const refused = await staffUnlock(ctx, actor.id, session.id, password);
  if (refused) return refused;
  return ctx.db.transaction(async (tx) => {
    const open = await store.lockOpenSession(tx, session.id);
    if (open) {
      const progress = progressOf(await store.turnsOf(tx, open.id), ctx.clock.now(), await meetingRate(tx, open.meetingId));
      await store.expireOpenTurns(tx, open.id, ctx.clock.now());
      await store.endSession(tx, open.id);
      await audit(tx, ctx, {
        action: "survey_kiosk.end",
        recordType: "meeting",
        recordId: open.meetingId,
        detail: { processId: open.processId, kioskSessionId: open.id, turns: progress.total, answered: progress.answered },
      });
    }
    await store.setLoginSessionKiosk(tx, sessionToken, actor.id, null);
    return { ok: true as const, processId: session.processId, meetingId: session.meetingId };
  });
}

// ---------------------------------------------------------------------------------------------
// The response rate of one meeting (API)

export interface MeetingRate extends Rate {
  meetingId: string;
  meetingTypeKey: string;
  meetingTypeName: string;
  status: string;
}

/** Invited (attended) family members against responses for one meeting (processes.view, not the minimal view). Counts only. */
export async function meetingSurveyRate(ctx: ServiceContext, processId: string, meetingId: string): Promise<MeetingRate> {
  const auth = await authorize(ctx, "processes.view");
  return ctx.db.transaction(async (tx) => {
    const loaded = await loadProcess(tx, auth, processId);
    if (loaded.minimal || !z.uuid().safeParse(meetingId).success) throw new NotFoundError();
    const row = await findMeeting(tx, loaded.process.id, meetingId);
    if (!row) throw new NotFoundError();
    const type = typeOf(loaded, row.meetingTypeKey);
    return {
      meetingId: row.id,
      meetingTypeKey: type.key,
      meetingTypeName: type.name,
      status: row.status,
      ...(await meetingRate(tx, row.id)),
    };
  });
}
