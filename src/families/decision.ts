/** The Sofiamöte's decision on a request: go on (a process starts) or not, with a reason. */
import { z } from "zod";
import { audit } from "../platform/audit.ts";
import { authorize, type ServiceContext } from "../platform/context.ts";
import { compareDates, daysBetween, type IsoDate, parseIsoDate } from "../platform/dates.ts";
import { ConflictError, type FieldErrors, NotFoundError, parseOrThrow, ValidationError } from "../platform/errors.ts";
import { contentSchema, decisionMeeting } from "../workmodels/index.ts";
import { type DecisionInput, decisionInput } from "./schemas.ts";
import * as store from "./store.ts";

/** The work model a process starts with unless the Sofiamöte chooses another. */
export const PROCESS_MODEL_KEY = "sofiamodellen";

export interface DecisionResult {
  version: number;
  processId: string | null;
}

/** The checks the schema cannot make: the date against today and the request, and the reason. */
function decisionErrors(data: z.output<typeof decisionInput>, requestDate: IsoDate, on: IsoDate): FieldErrors {
  const errors: FieldErrors = {};
  const date = parseIsoDate(data.meetingDate);
  const today = parseIsoDate(on);
  const requested = parseIsoDate(requestDate);
  if (!date || !today || !requested) errors.meetingDate = "families.decision.dateInvalid";
  else if (compareDates(date, today) > 0) errors.meetingDate = "families.decision.dateFuture";
  else if (compareDates(date, requested) < 0) errors.meetingDate = "families.decision.dateBeforeRequest";
  if (data.decision === "stop" && data.reason === null) errors.reason = "families.decision.reasonRequired";
  if (data.decision === "stop" && data.reason === "other" && data.reasonText === "") errors.reasonText = "families.decision.textRequired";
  return errors;
}

/** The work models the Sofiamöte can start a process with: those with a published version. */
export async function decisionOptions(ctx: ServiceContext): Promise<Array<{ key: string; name: string }>> {
  const { actor } = await authorize(ctx, "requests.decide");
  return store.publishedModels(ctx.db, actor.municipalityId);
}

/**
 * Records the decision once. Going on starts a process with the published Sofiamodellen version of
 * the municipality. A second decision or a stale version changes nothing.
 */
export async function decideRequest(ctx: ServiceContext, id: string, input: DecisionInput): Promise<DecisionResult> {
  const { actor, scope } = await authorize(ctx, "requests.decide");
  const visibility: store.Visibility = scope === "municipality" ? { all: true } : { all: false, userId: actor.id, unitIds: [] };
  if (!z.uuid().safeParse(id).success) throw new NotFoundError();
  const data = parseOrThrow(decisionInput, input);

  return ctx.db.transaction(async (tx) => {
    const row = await store.findVisible(tx, actor.municipalityId, visibility, id);
    if (!row) throw new NotFoundError();
    if (row.status !== "new") throw new ConflictError("families.decision.already", "decision");
    const errors = decisionErrors(data, row.requestDate, ctx.clock.today());
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);

    const stop = data.decision === "stop";
    const decided = await store.recordDecision(tx, row.id, data.version, {
      status: stop ? "stopped" : "continued",
      meetingDate: data.meetingDate,
      stopReason: stop ? data.reason : null,
      stopReasonText: stop && data.reasonText !== "" ? data.reasonText : null,
      decidedBy: actor.id,
      decidedAt: ctx.clock.now(),
    });
    if (!decided) throw new ConflictError();

    let processId: string | null = null;
    if (!stop) {
      const version = await store.publishedVersion(tx, actor.municipalityId, data.workModelKey);
      if (!version) throw new ValidationError({ workModelKey: "families.decision.unknownModel" });
      // The meeting type the model says the request is decided at (Sofiamodellen's Sofiamöte) is held today.
      const parsed = contentSchema.safeParse(version.content);
      const planning = parsed.success ? decisionMeeting(parsed.data) : undefined;
      const held = planning ? [{ meetingTypeKey: planning.key, heldOn: data.meetingDate }] : [];
      // A new process starts not started and active: the decision meeting is held before the process
      // and moves nothing (processes/model.ts, processState, gives the same for it; a test holds the two
      // together). The families module stands below processes, so it states the start, not the rule.
      const state = { phase: "not_started", status: "active", startedOn: null, halfwayOn: null, completedOn: null } as const;
      const created = await store.insertProcess(tx, {
        requestId: row.id,
        municipalityId: actor.municipalityId,
        workModelVersionId: version.id,
        ...state,
      });
      processId = created.id;
      for (const meeting of held) {
        await store.insertHeldPlanningMeeting(tx, { processId, ...meeting, recordedBy: actor.id });
      }
    }
    await audit(tx, ctx, {
      action: "request.decide",
      recordType: "request",
      recordId: row.id,
      detail: {
        decision: data.decision,
        meetingDate: data.meetingDate,
        reason: stop ? data.reason : null,
        waitDays: daysBetween(row.requestDate, data.meetingDate),
        processId,
        workModel: stop ? null : data.workModelKey,
      },
    });
    return { version: decided.version, processId };
  });
}
