/** The search for family members by name, identity number or case-file number, among the families one works with. */
import { maskIdentityNumber, parseCaseFileNumber } from "../../families/index.ts";
import { auditView } from "../../platform/audit.ts";
import { authorize, type ServiceContext } from "../../platform/context.ts";
import type { DbOrTx } from "../../platform/database.ts";
import { ValidationError } from "../../platform/errors.ts";
import { scopeFor } from "../../platform/permissions.ts";
import type { Phase, ProcessStatus } from "../model.ts";
import type { Visibility } from "../store.ts";
import * as store from "./store.ts";

export interface SearchHit {
  personId: string;
  kind: "guardian" | "child";
  name: string;
  maskedIdentityNumber: string | null;
  birthDate: string;
  requestId: string;
  requestDate: string;
  processId: string | null;
  status: ProcessStatus | null;
  phase: Phase | null;
}

export const SEARCH_LIMIT = 50;

/**
 * What a search text means: an identity number or birth date (8, 10 or 12 digits, which may also be
 * a case-file number of digits), a case-file number of the journal system (families' accepted
 * forms, e.g. 2026-123 or SN 2026/123), or a part of a name (2+ letters).
 */
export function searchKey(query: string): store.SearchKey | null {
  const text = query.trim();
  const digits = text.replace(/[\s-]/g, "");
  const caseFile = parseCaseFileNumber(text);
  const caseFileNumber = caseFile.ok ? caseFile.value : null;
  if (/^\d+$/.test(digits) && [8, 10, 12].includes(digits.length)) return { kind: "identity", digits, caseFileNumber };
  // A case-file number of digits only is searched from four digits on (fewer match too much by chance).
  if (caseFileNumber !== null && (/^\d{4,}$/.test(caseFileNumber) || /\D/.test(caseFileNumber)))
    return { kind: "caseFile", caseFileNumber };
  if (/^\d+$/.test(digits)) return null;
  return text.length >= 2 && text.length <= 100 ? { kind: "name", text } : null;
}

/**
 * Finds family members by name or identity number among the families one works with (process
 * leaders: the municipality). The search text is never logged; each person found is audited.
 */
export async function searchFamilies(ctx: ServiceContext, query: string): Promise<SearchHit[]> {
  const auth = await authorize(ctx, "persons.search");
  const key = searchKey(query);
  if (!key) throw new ValidationError({ q: "processes.search.invalid" });
  const visibility: Visibility = auth.scope === "municipality" ? { all: true } : { all: false, userId: auth.actor.id, unitIds: [] };
  return ctx.db.transaction(async (tx) => {
    const rows = await store.searchPersons(tx, auth.actor.municipalityId, visibility, key, SEARCH_LIMIT);
    // One row for the results, naming every person found (decision 0051).
    await auditView(tx, ctx, {
      action: "person.search_result",
      recordType: "request",
      subjectPersonIds: rows.map((r) => r.personId),
      detail: { by: key.kind, requestIds: [...new Set(rows.map((r) => r.requestId))] },
    });
    return rows.map(hitOf);
  });
}

/**
 * The identity number to offer break-glass for (decision 0062), after a search that found nothing
 * one may see: only a full identity number (10 or 12 digits), and only to a role that may use
 * break-glass. The offer does not say whether such a family exists.
 */
export function breakGlassOffer(ctx: ServiceContext, query: string): string | null {
  if (!ctx.actor || !scopeFor(ctx.actor.roles, "processes.break_glass")) return null;
  const key = searchKey(query);
  return key?.kind === "identity" && key.digits.length !== 8 ? query.trim() : null;
}

function hitOf(r: Awaited<ReturnType<typeof store.searchPersons>>[number]): SearchHit {
  return {
    personId: r.personId,
    kind: r.kind === "child" ? "child" : "guardian",
    name: r.name,
    maskedIdentityNumber: r.identityNumber ? maskIdentityNumber(r.identityNumber) : null,
    birthDate: r.birthDate,
    requestId: r.requestId,
    requestDate: r.requestDate,
    processId: r.processId,
    status: r.status as ProcessStatus | null,
    phase: r.phase as Phase | null,
  };
}

/**
 * The same search for another module's use case that has authorized its own reader and audits the
 * hits itself (the log review's search by client, decision 0058): the text read by `searchKey`,
 * the persons matched within the visibility given, at most SEARCH_LIMIT. Null when the text is
 * neither a name nor a number.
 */
export async function findPersons(tx: DbOrTx, municipalityId: string, visibility: Visibility, query: string): Promise<SearchHit[] | null> {
  const key = searchKey(query);
  if (!key) return null;
  return (await store.searchPersons(tx, municipalityId, visibility, key, SEARCH_LIMIT)).map(hitOf);
}
