import type { NamedFamily } from "../../families/index.ts";
import { audit } from "../../platform/audit.ts";
import { authorize, type ServiceContext } from "../../platform/context.ts";
import type { DbOrTx } from "../../platform/database.ts";
import { daysBetween, type IsoDate } from "../../platform/dates.ts";
import { ConflictError, type FieldErrors, issueField, NotFoundError, parseOrThrow, ValidationError } from "../../platform/errors.ts";
import type { DueEvent, Stop } from "../../workmodels/index.ts";
import { auditDisplay, familyOf, type LoadedProcess, loadForWork, loadProcess } from "../access.ts";
import { type StopState, stopsDue } from "../model.ts";
import * as store from "../store.ts";
import { moveProcess } from "../transition.ts";
import {
  type ConsultationInput,
  consultationInput,
  doneDateProblem,
  IMPACT_STOP_KEY,
  type ImpactInput,
  type ImpactSection,
  impactInput,
  type Rater,
  type RatingInput,
  ratingInput,
  stopFor,
  validTicks,
} from "./model.ts";
import * as stopsStore from "./store.ts";

/** A list's element (checklist.2) is reported on the list: the form has one field for it. */
export const checklistField = (path: readonly PropertyKey[]) => (path[0] === "checklist" ? "checklist" : issueField(path));

const dateKey = { invalid: "stops.date.invalid", future: "stops.date.future", beforeRequest: "stops.date.beforeRequest" } as const;

export interface ChildLabel {
  id: string;
  /** The child's name; null in the minimal view, which shows "Barn 1", "Barn 2" … */
  name: string | null;
  position: number;
}

export interface StopItem {
  key: string;
  name: string;
  purpose: string;
  scope: Stop["scope"];
  /** What the due date is counted from; shown while the event has not happened. */
  dueEvent: DueEvent;
  child: ChildLabel | null;
  dueOn: IsoDate | null;
  heldOn: IsoDate | null;
  state: StopState;
  /** Held after the due date. */
  late: boolean;
  /** Days past the due date: until today when overdue, until the held date when held late; 0 otherwise. */
  daysLate: number;
}

export interface ImpactAnalysis {
  madeOn: IsoDate;
  joint: boolean;
  sections: Partial<Record<ImpactSection, string>>;
  version: number;
  recordedByName: string;
}

export interface SafetyRating {
  id: string;
  ratedOn: IsoDate;
  ratedBy: Rater;
  score: number;
  note: string | null;
}

export interface ChildBlock {
  child: ChildLabel;
  analysis: ImpactAnalysis | null;
  /** Oldest first. */
  ratings: SafetyRating[];
}

export interface StopsSectionData {
  /** The minimal view of an unassigned unit manager: stops only, children by number, no analyses or ratings. */
  minimal: boolean;
  today: IsoDate;
  stops: StopItem[];
  /** One per child: the joint child impact analysis and the safety scale. Empty in the minimal view. */
  children: ChildBlock[];
}

function childLabels(loaded: LoadedProcess): ChildLabel[] {
  return loaded.children.map((c, i) => ({ id: c.id, name: loaded.minimal ? null : c.name, position: i + 1 }));
}

const asAnalysis = (row: stopsStore.StopRecords["analyses"][number]): ImpactAnalysis => ({
  madeOn: row.madeOn,
  joint: row.joint,
  sections: row.sections as Partial<Record<ImpactSection, string>>,
  version: row.version,
  recordedByName: row.recordedByName,
});

/**
 * What the process page shows of the stops: each stop of the work model with its due date and
 * state, and per child the joint child impact analysis and the safety ratings over time. It reads
 * only; the page that shows it writes the audit rows.
 */
export async function loadStopsSection(
  tx: DbOrTx,
  loaded: LoadedProcess,
  today: IsoDate,
  /** The process's meetings when the caller has read them already (the family page). */
  meetingRows?: ReadonlyArray<{ meetingTypeKey: string; status: string; heldOn: string | null }>,
): Promise<StopsSectionData> {
  const processId = loaded.process.id;
  const heldMeetings = meetingRows
    ? meetingRows.flatMap((m) => (m.status === "held" && m.heldOn !== null ? [{ meetingTypeKey: m.meetingTypeKey, heldOn: m.heldOn }] : []))
    : await store.heldMeetingsOf(tx, processId);
  const { consulted, grantedOn, analyses, ratings } = await stopsStore.stopRecords(tx, processId, !loaded.minimal);
  const labels = childLabels(loaded);
  const due = stopsDue(
    loaded.content,
    loaded.childRefs,
    {
      requestDate: loaded.process.requestDate,
      meetingDate: loaded.process.meetingDate,
      heldMeetings,
      interventionsDecidedOn: grantedOn,
    },
    consulted,
    today,
  );
  const stops: StopItem[] = due.map((d) => {
    const until = d.state === "overdue" ? today : d.late ? d.heldOn : null;
    return {
      key: d.stop.key,
      name: d.stop.name,
      purpose: d.stop.purpose,
      scope: d.stop.scope,
      dueEvent: d.stop.due.event,
      child: d.child ? (labels.find((l) => l.id === d.child?.id) ?? null) : null,
      dueOn: d.dueOn,
      heldOn: d.heldOn,
      state: d.state,
      late: d.late,
      daysLate: d.dueOn && until ? Math.max(0, daysBetween(d.dueOn, until) ?? 0) : 0,
    };
  });
  if (loaded.minimal) return { minimal: true, today, stops, children: [] };
  const children = labels.map((child) => {
    const analysis = analyses.find((a) => a.childId === child.id);
    return {
      child,
      analysis: analysis ? asAnalysis(analysis) : null,
      ratings: ratings
        .filter((r) => r.childId === child.id)
        .map((r) => ({ id: r.id, ratedOn: r.ratedOn, ratedBy: r.ratedBy as Rater, score: r.score, note: r.note })),
    };
  });
  return { minimal: false, today, stops, children };
}

// ---------------------------------------------------------------------------------------------
// Recording a consultation

export interface ConsultationForm {
  processId: string;
  /** How the family is named on the page (families' familyName). */
  family: NamedFamily;
  requestDate: IsoDate;
  stop: Stop;
  child: { id: string; name: string } | null;
  /** The stop is already recorded for this family or child. */
  held: { heldOn: IsoDate } | null;
}

function childOf(loaded: LoadedProcess, childId: string | null): { id: string; name: string } | null | undefined {
  if (childId === null) return null;
  const child = loaded.children.find((c) => c.id === childId);
  return child ? { id: child.id, name: child.name } : undefined;
}

/** The form to record a consultation stop as held. An unknown stop, or a child not of the family, does not exist. */
export async function consultationForm(
  ctx: ServiceContext,
  id: string,
  stopKey: string,
  childId: string | null,
): Promise<ConsultationForm> {
  const auth = await authorize(ctx, "processes.work");
  return ctx.db.transaction(async (tx) => {
    const loaded = await loadForWork(tx, auth, id, { allowClosed: true });
    const stop = stopFor(loaded.content, stopKey, childId);
    const child = childOf(loaded, childId);
    if (!stop || child === undefined) throw new NotFoundError();
    const held = (await stopsStore.findConsultation(tx, loaded.process.id, stop.key, childId)) ?? null;
    await auditDisplay(tx, ctx, loaded, "consultation.view", { stopKey: stop.key, childId });
    return {
      processId: loaded.process.id,
      family: familyOf(loaded, ctx.clock.today()),
      requestDate: loaded.process.requestDate,
      stop,
      child,
      held,
    };
  });
}

/**
 * Records a consultation stop as held, once per stop (and child): a second record is refused.
 * The phase of a model without meetings follows its held family stops, so it is refreshed.
 */
export async function recordConsultation(ctx: ServiceContext, id: string, input: ConsultationInput): Promise<{ id: string }> {
  const auth = await authorize(ctx, "processes.work");
  const data = parseOrThrow(consultationInput, input, checklistField);
  return ctx.db.transaction(async (tx) => {
    const loaded = await loadForWork(tx, auth, id, { allowClosed: true });
    const child = childOf(loaded, data.childId);
    if (child === undefined) throw new ValidationError({ childId: "stops.child.unknown" });
    const stop = stopFor(loaded.content, data.stopKey, data.childId);
    if (!stop) throw new ValidationError({ stopKey: "stops.consultation.unknownStop" });
    if (await stopsStore.findConsultation(tx, loaded.process.id, stop.key, data.childId)) {
      throw new ConflictError("stops.consultation.already", "_form");
    }
    const errors: FieldErrors = {};
    const problem = doneDateProblem(data.heldOn, ctx.clock.today(), loaded.process.requestDate);
    if (problem) errors.heldOn = dateKey[problem];
    const ticks = validTicks(stop, data.checklist);
    if (!ticks) errors.checklist = "stops.consultation.badChecklist";
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);

    const row = await insertOnce(() =>
      stopsStore.insertConsultation(tx, {
        processId: loaded.process.id,
        stopKey: stop.key,
        childId: data.childId,
        heldOn: data.heldOn,
        checklistDone: ticks ?? [],
        note: data.note === "" ? null : data.note,
        recordedBy: auth.actor.id,
      }),
    );
    const { to: phase } = await moveProcess(tx, loaded.process, loaded.stored);
    await audit(tx, ctx, {
      action: "consultation.record",
      recordType: "consultation",
      recordId: row.id,
      subjectPersonId: data.childId,
      detail: { processId: loaded.process.id, stopKey: stop.key, heldOn: data.heldOn, phase: phase.phase },
    });
    return row;
  });
}

const isUniqueViolation = (e: unknown): boolean => {
  const code = (x: unknown) => (typeof x === "object" && x !== null && "code" in x ? (x as { code: unknown }).code : undefined);
  return code(e) === "23505" || code((e as { cause?: unknown })?.cause) === "23505";
};

/** Two people recording at the same moment: the unique index decides, and the second gets the conflict. */
async function insertOnce<T>(insert: () => Promise<T>): Promise<T> {
  try {
    return await insert();
  } catch (e) {
    if (isUniqueViolation(e)) throw new ConflictError("stops.consultation.already", "_form");
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// The joint child impact analysis

export interface ImpactForm {
  processId: string;
  /** How the family is named on the page (families' familyName). */
  family: NamedFamily;
  requestDate: IsoDate;
  child: { id: string; name: string };
  analysis: ImpactAnalysis | null;
  childCaseworker: string | null;
  adultCaseworker: string | null;
  /** The model has the stop barnkonsekvensanalys: saving the analysis also records it as held. */
  countsAsStop: boolean;
}

const hasImpactStop = (loaded: LoadedProcess) => loaded.content.stops.some((s) => s.key === IMPACT_STOP_KEY && s.scope === "child");

/** The worksheet of one child, empty or as saved. */
export async function impactForm(ctx: ServiceContext, id: string, childId: string): Promise<ImpactForm> {
  const auth = await authorize(ctx, "processes.work");
  return ctx.db.transaction(async (tx) => {
    const loaded = await loadForWork(tx, auth, id, { allowClosed: true });
    const child = childOf(loaded, childId);
    if (!child) throw new NotFoundError();
    const row = (await stopsStore.analysesOf(tx, loaded.process.id)).find((a) => a.childId === child.id);
    await auditDisplay(tx, ctx, loaded, "impact_analysis.view", { childId: child.id });
    return {
      processId: loaded.process.id,
      family: familyOf(loaded, ctx.clock.today()),
      requestDate: loaded.process.requestDate,
      child,
      analysis: row ? asAnalysis(row) : null,
      childCaseworker: loaded.current.child_caseworker?.userName ?? null,
      adultCaseworker: loaded.current.adult_caseworker?.userName ?? null,
      countsAsStop: hasImpactStop(loaded),
    };
  });
}

export interface ImpactSaved {
  version: number;
  created: boolean;
  /** The stop barnkonsekvensanalys was recorded as held by this save. */
  stopRecorded: boolean;
}

/**
 * Saves the child's analysis: the first save creates it (version null), later saves edit the
 * version that was read; a stale version changes nothing. "Joint" needs both a child caseworker and
 * an adult caseworker assigned. When the model has the stop barnkonsekvensanalys, the analysis
 * counts as that stop held for the child, in the same transaction.
 */
export async function saveImpact(ctx: ServiceContext, id: string, childId: string, input: ImpactInput): Promise<ImpactSaved> {
  const auth = await authorize(ctx, "processes.work");
  const data = parseOrThrow(impactInput, input, checklistField);
  return ctx.db.transaction(async (tx) => {
    const loaded = await loadForWork(tx, auth, id, { allowClosed: true });
    const child = childOf(loaded, childId);
    if (!child) throw new NotFoundError();
    const errors: FieldErrors = {};
    const problem = doneDateProblem(data.madeOn, ctx.clock.today(), loaded.process.requestDate);
    if (problem) errors.madeOn = dateKey[problem];
    if (data.joint && !(loaded.current.child_caseworker && loaded.current.adult_caseworker)) errors.joint = "stops.impact.jointNeedsBoth";
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);

    const existing = (await stopsStore.analysesOf(tx, loaded.process.id)).find((a) => a.childId === child.id);
    const values = { madeOn: data.madeOn, joint: data.joint, sections: data.sections, recordedBy: auth.actor.id };
    let saved: { id: string; version: number } | undefined;
    if (data.version === null) {
      if (existing) throw new ConflictError("stops.impact.exists", "_form");
      try {
        saved = await stopsStore.insertAnalysis(tx, { processId: loaded.process.id, childId: child.id, ...values });
      } catch (e) {
        if (isUniqueViolation(e)) throw new ConflictError("stops.impact.exists", "_form");
        throw e;
      }
    } else {
      saved = existing && (await stopsStore.updateAnalysis(tx, existing.id, data.version, values));
      if (!saved) throw new ConflictError("stops.impact.stale", "_form");
    }

    let stopRecorded = false;
    if (hasImpactStop(loaded) && !(await stopsStore.findConsultation(tx, loaded.process.id, IMPACT_STOP_KEY, child.id))) {
      await stopsStore.insertConsultation(tx, {
        processId: loaded.process.id,
        stopKey: IMPACT_STOP_KEY,
        childId: child.id,
        heldOn: data.madeOn,
        checklistDone: [],
        note: null,
        recordedBy: auth.actor.id,
      });
      await moveProcess(tx, loaded.process, loaded.stored);
      stopRecorded = true;
    }
    await audit(tx, ctx, {
      action: "impact_analysis.save",
      recordType: "child_impact_analysis",
      recordId: saved.id,
      subjectPersonId: child.id,
      detail: { processId: loaded.process.id, created: data.version === null, joint: data.joint, madeOn: data.madeOn, stopRecorded },
    });
    return { version: saved.version, created: data.version === null, stopRecorded };
  });
}

// ---------------------------------------------------------------------------------------------
// The safety scale

export interface RatingForm {
  processId: string;
  /** How the family is named on the page (families' familyName). */
  family: NamedFamily;
  requestDate: IsoDate;
  children: Array<{ id: string; name: string }>;
}

export async function ratingForm(ctx: ServiceContext, id: string): Promise<RatingForm> {
  const auth = await authorize(ctx, "processes.work");
  return ctx.db.transaction(async (tx) => {
    const loaded = await loadForWork(tx, auth, id, { allowClosed: true });
    await auditDisplay(tx, ctx, loaded, "safety_rating.view");
    return {
      processId: loaded.process.id,
      family: familyOf(loaded, ctx.clock.today()),
      requestDate: loaded.process.requestDate,
      children: loaded.children.map((c) => ({ id: c.id, name: c.name })),
    };
  });
}

/** Adds one rating of a child on the safety scale (0–10), by the child, a guardian or a caseworker. */
export async function addRating(ctx: ServiceContext, id: string, input: RatingInput): Promise<{ id: string }> {
  const auth = await authorize(ctx, "processes.work");
  const data = parseOrThrow(ratingInput, input, checklistField);
  return ctx.db.transaction(async (tx) => {
    const loaded = await loadForWork(tx, auth, id, { allowClosed: true });
    const errors: FieldErrors = {};
    if (!childOf(loaded, data.childId)) errors.childId = "stops.safety.childRequired";
    const problem = doneDateProblem(data.ratedOn, ctx.clock.today(), loaded.process.requestDate);
    if (problem) errors.ratedOn = dateKey[problem];
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    const row = await stopsStore.insertRating(tx, {
      processId: loaded.process.id,
      childId: data.childId,
      ratedOn: data.ratedOn,
      ratedBy: data.ratedBy,
      score: data.score,
      note: data.note === "" ? null : data.note,
      recordedBy: auth.actor.id,
    });
    await audit(tx, ctx, {
      action: "safety_rating.add",
      recordType: "safety_rating",
      recordId: row.id,
      subjectPersonId: data.childId,
      detail: { processId: loaded.process.id, ratedOn: data.ratedOn, ratedBy: data.ratedBy, score: data.score },
    });
    return row;
  });
}

// ---------------------------------------------------------------------------------------------
// Reading (API)

/** The stops, analyses and ratings of a process as the reader may see them; the display is audited. */
export async function getStops(ctx: ServiceContext, id: string): Promise<StopsSectionData> {
  const auth = await authorize(ctx, "processes.view");
  return ctx.db.transaction(async (tx) => {
    const loaded = await loadProcess(tx, auth, id);
    const data = await loadStopsSection(tx, loaded, ctx.clock.today());
    await auditDisplay(tx, ctx, loaded, "stops.view");
    return data;
  });
}

/** One child's analysis; none recorded is NotFound. The minimal view shows no analysis. */
export async function getImpact(ctx: ServiceContext, id: string, childId: string): Promise<ImpactAnalysis> {
  const auth = await authorize(ctx, "processes.view");
  return ctx.db.transaction(async (tx) => {
    const loaded = await loadProcess(tx, auth, id);
    const child = loaded.minimal ? undefined : childOf(loaded, childId);
    if (!child) throw new NotFoundError();
    const row = (await stopsStore.analysesOf(tx, loaded.process.id)).find((a) => a.childId === child.id);
    if (!row) throw new NotFoundError();
    await audit(tx, ctx, {
      action: "impact_analysis.view",
      recordType: "child_impact_analysis",
      recordId: row.id,
      subjectPersonId: child.id,
      detail: { processId: loaded.process.id },
    });
    return asAnalysis(row);
  });
}
