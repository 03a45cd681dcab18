/**
 * Further support (fortsatt stöd): applications and granted interventions per family member, with
 * dates; the process page's section and the services behind its form and the API. The first
 * granted date is the event "interventions decided" that the follow-up stop counts from.
 */

import type { z } from "zod";
import type { NamedFamily } from "../../families/index.ts";
import { audit } from "../../platform/audit.ts";
import { authorize, type ServiceContext } from "../../platform/context.ts";
import type { DbOrTx } from "../../platform/database.ts";
import type { IsoDate } from "../../platform/dates.ts";
import { ConflictError, type FieldErrors, NotFoundError, parseOrThrow, ValidationError } from "../../platform/errors.ts";
import { auditDisplay, familyOf, type LoadedProcess, loadForWork, loadProcess } from "../access.ts";
import { checklistField } from "../stops/index.ts";
import {
  normaliseDates,
  type SupportInput,
  type SupportKind,
  type SupportState,
  type SupportUpdateInput,
  supportDateErrors,
  supportInput,
  supportState,
  supportUpdateInput,
} from "./model.ts";
import * as supportStore from "./store.ts";

export interface SupportPerson {
  id: string;
  kind: "guardian" | "child";
  /** Null in the minimal view, which shows "Vårdnadshavare 1", "Barn 2" … */
  name: string | null;
  position: number;
}

export interface SupportItem {
  id: string;
  person: SupportPerson;
  kind: SupportKind;
  kindText: string | null;
  appliedOn: IsoDate | null;
  grantedOn: IsoDate | null;
  endedOn: IsoDate | null;
  state: SupportState;
  /** Null in the minimal view. */
  note: string | null;
  version: number;
  recordedByName: string;
}

export interface SupportSectionData {
  minimal: boolean;
  items: SupportItem[];
}

function personsOf(loaded: LoadedProcess): SupportPerson[] {
  const label = (list: typeof loaded.guardians, kind: SupportPerson["kind"]) =>
    list.map((p, i) => ({ id: p.id, kind, name: loaded.minimal ? null : p.name, position: i + 1 }));
  return [...label(loaded.guardians, "guardian"), ...label(loaded.children, "child")];
}

const asItem = (row: supportStore.SupportRow, persons: SupportPerson[], minimal: boolean): SupportItem | null => {
  const person = persons.find((p) => p.id === row.personId);
  if (!person) return null;
  return {
    id: row.id,
    person,
    kind: row.kind as SupportKind,
    kindText: row.kindText,
    appliedOn: row.appliedOn,
    grantedOn: row.grantedOn,
    endedOn: row.endedOn,
    state: supportState(row),
    note: minimal ? null : row.note,
    version: row.version,
    recordedByName: row.recordedByName,
  };
};

/** What the process page shows of further support. It reads only; the page writes the audit rows. */
export async function loadSupportSection(tx: DbOrTx, loaded: LoadedProcess): Promise<SupportSectionData> {
  const persons = personsOf(loaded);
  const rows = await supportStore.supportOf(tx, loaded.process.id);
  return { minimal: loaded.minimal, items: rows.flatMap((r) => asItem(r, persons, loaded.minimal) ?? []) };
}

export interface SupportForm {
  processId: string;
  /** How the family is named on the page (families' familyName). */
  family: NamedFamily;
  persons: SupportPerson[];
  /** The measure being edited; null for a new one. */
  measure: SupportItem | null;
}

/** The form for a new measure, or for editing one (an id not of this process does not exist). */
export async function supportForm(ctx: ServiceContext, id: string, supportId: string | null): Promise<SupportForm> {
  const auth = await authorize(ctx, "processes.work");
  return ctx.db.transaction(async (tx) => {
    const loaded = await loadForWork(tx, auth, id, { allowClosed: true });
    const persons = personsOf(loaded);
    let measure: SupportItem | null = null;
    if (supportId !== null) {
      const row = (await supportStore.supportOf(tx, loaded.process.id)).find((r) => r.id === supportId);
      measure = row ? asItem(row, persons, false) : null;
      if (!measure) throw new NotFoundError();
    }
    await auditDisplay(tx, ctx, loaded, "support.view", { supportId });
    return { processId: loaded.process.id, family: familyOf(loaded, ctx.clock.today()), persons, measure };
  });
}

/** The checks the schema cannot make: the person is of the family, "other" has a text, the dates are in order. */
function check(loaded: LoadedProcess, data: z.output<typeof supportInput>, today: IsoDate) {
  const dates = normaliseDates(data);
  const errors: FieldErrors = supportDateErrors(dates, today);
  if (!loaded.persons.some((p) => p.id === data.personId)) errors.personId = "support.person.required";
  if (data.kind === "other" && data.kindText === "") errors.kindText = "support.kindText.required";
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return {
    personId: data.personId,
    kind: data.kind,
    kindText: data.kind === "other" ? data.kindText : null,
    ...dates,
    note: data.note === "" ? null : data.note,
  };
}

export async function addSupport(ctx: ServiceContext, id: string, input: SupportInput): Promise<{ id: string; version: number }> {
  const auth = await authorize(ctx, "processes.work");
  const data = parseOrThrow(supportInput, input, checklistField);
  return ctx.db.transaction(async (tx) => {
    const loaded = await loadForWork(tx, auth, id, { allowClosed: true });
    const values = check(loaded, data, ctx.clock.today());
    const row = await supportStore.insertSupport(tx, { processId: loaded.process.id, ...values, recordedBy: auth.actor.id });
    await audit(tx, ctx, {
      action: "support.add",
      recordType: "support_measure",
      recordId: row.id,
      subjectPersonId: values.personId,
      detail: {
        processId: loaded.process.id,
        kind: values.kind,
        appliedOn: values.appliedOn,
        grantedOn: values.grantedOn,
        endedOn: values.endedOn,
      },
    });
    return row;
  });
}

/** Edits a measure with the version that was read; a stale version changes nothing. */
export async function updateSupport(
  ctx: ServiceContext,
  id: string,
  supportId: string,
  input: SupportUpdateInput,
): Promise<{ version: number }> {
  const auth = await authorize(ctx, "processes.work");
  const data = parseOrThrow(supportUpdateInput, input, checklistField);
  return ctx.db.transaction(async (tx) => {
    const loaded = await loadForWork(tx, auth, id, { allowClosed: true });
    const existing = (await supportStore.supportOf(tx, loaded.process.id)).find((r) => r.id === supportId);
    if (!existing) throw new NotFoundError();
    const values = check(loaded, data, ctx.clock.today());
    const row = await supportStore.updateSupport(tx, loaded.process.id, existing.id, data.version, {
      ...values,
      recordedBy: auth.actor.id,
    });
    if (!row) throw new ConflictError("support.stale", "_form");
    await audit(tx, ctx, {
      action: "support.update",
      recordType: "support_measure",
      recordId: row.id,
      subjectPersonId: values.personId,
      detail: {
        processId: loaded.process.id,
        kind: values.kind,
        appliedOn: values.appliedOn,
        grantedOn: values.grantedOn,
        endedOn: values.endedOn,
      },
    });
    return { version: row.version };
  });
}

/** The process's further support as the reader may see it (API); the display is audited. */
export async function getSupport(ctx: ServiceContext, id: string): Promise<SupportSectionData> {
  const auth = await authorize(ctx, "processes.view");
  return ctx.db.transaction(async (tx) => {
    const loaded = await loadProcess(tx, auth, id);
    const data = await loadSupportSection(tx, loaded);
    await auditDisplay(tx, ctx, loaded, "support.view");
    return data;
  });
}
