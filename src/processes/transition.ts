/**
 * The one way a process moves. Every write that can change a process's phase or status (a meeting
 * held, cancelled or refused consent, a consultation stop or child impact analysis recorded, an
 * interruption opened or closed) calls {@link moveProcess} in its own transaction, after its write;
 * the rule itself is the pure {@link transition} of model.ts (decision 0034).
 */
import type { DbOrTx } from "../platform/database.ts";
import type { Content } from "../workmodels/index.ts";
import { queueCancelled } from "./invitations.ts";
import { type Phase, type ProcessStatus, type Transition, transition } from "./model.ts";
import * as store from "./store.ts";

/**
 * Reads what is recorded (held meetings, consultations, an open interruption), derives where the
 * process now stands, stores it, and carries out what the move entails: entering "interrupted"
 * cancels the planned meetings (and queues the staff's calendar cancellations). `process` is the row as loaded before the write.
 */
export async function moveProcess(
  tx: DbOrTx,
  process: { id: string; phase: string; status: string },
  content: Content,
): Promise<Transition> {
  const facts = {
    held: await store.heldMeetingsOf(tx, process.id),
    consultations: await store.consultationsOf(tx, process.id),
    interrupted: (await store.openInterruption(tx, process.id)) !== undefined,
  };
  const move = transition(content, { phase: process.phase as Phase, status: process.status as ProcessStatus }, facts);
  await store.savePhase(tx, process.id, move.to);
  if (move.cancelPlannedMeetings) {
    for (const m of await store.cancelPlannedMeetings(tx, process.id)) {
      const typeName = content.meetingTypes.find((t) => t.key === m.meetingTypeKey)?.name ?? m.meetingTypeKey;
      await queueCancelled(tx, m, typeName, await store.invitedStaffOf(tx, m.id));
    }
  }
  return move;
}
