/**
 * The log review by client (decision 0058): find a family member by name or identity number
 * through the processes' need-to-know search, and read every access to their data, with the
 * actor's assignment at the time, on the page and as a CSV or PDF extract (GDPR art. 15). Only a
 * reviewer of the whole municipality (the administrator) asks about a client: a unit manager's log
 * review stays on the users of the units, and the manager sees no family's names (hole 8).
 */
import { z } from "zod";
import { maskIdentityNumber } from "../../families/index.ts";
import { audit, auditView } from "../../platform/audit.ts";
import { authorize, type ServiceContext } from "../../platform/context.ts";
import { ForbiddenError, NotFoundError, ValidationError } from "../../platform/errors.ts";
import { findPersons, type SearchHit } from "../../processes/index.ts";
import { EXPORT_MAX_ROWS } from "../model.ts";
import * as store from "./store.ts";

/** The page shows the newest rows; the extracts hold up to EXPORT_MAX_ROWS. */
export const PERSON_PAGE_ROWS = 200;

export interface ClientPerson {
  id: string;
  kind: "guardian" | "child";
  name: string;
  maskedIdentityNumber: string | null;
  birthDate: string;
  requestDate: string;
}

export interface PersonLog {
  person: ClientPerson;
  rows: store.PersonLogRow[];
  total: number;
}

/** Only the municipality's reviewers ask about clients (403 otherwise); the search page checks it before showing the form. */
export async function municipalityReviewer(ctx: ServiceContext) {
  const auth = await authorize(ctx, "audit.review");
  if (auth.scope !== "municipality") throw new ForbiddenError("audit.review");
  return auth;
}

/**
 * Finds clients by name or identity number among the municipality's families. The search text is
 * never logged; the hits are audited in one row naming every person found (decision 0051).
 */
export async function searchClients(ctx: ServiceContext, query: string): Promise<SearchHit[]> {
  const auth = await municipalityReviewer(ctx);
  if (query.trim() === "") throw new ValidationError({ q: "auditlog.client.queryMissing" });
  return ctx.db.transaction(async (tx) => {
    const hits = await findPersons(tx, auth.actor.municipalityId, { all: true }, query);
    if (hits === null) throw new ValidationError({ q: "auditlog.client.queryInvalid" });
    await auditView(tx, ctx, {
      action: "audit.client_search",
      recordType: "audit_log",
      subjectPersonIds: hits.map((h) => h.personId),
      detail: { requestIds: [...new Set(hits.map((h) => h.requestId))] },
    });
    return hits;
  });
}

function personOf(row: store.PersonRow): ClientPerson {
  return {
    id: row.id,
    kind: row.kind === "child" ? "child" : "guardian",
    name: row.name,
    maskedIdentityNumber: row.identityNumber ? maskIdentityNumber(row.identityNumber) : null,
    birthDate: row.birthDate,
    requestDate: row.requestDate,
  };
}

/**
 * Every access to the person's data, newest first: on the page the newest PERSON_PAGE_ROWS, in an
 * extract (`format`) up to EXPORT_MAX_ROWS. Reading it is a disclosure about the person: audited
 * (`audit.person_log`, or `audit.person_extract` with the format) in the same transaction.
 */
export async function personLog(ctx: ServiceContext, personId: string, format?: "csv" | "pdf"): Promise<PersonLog> {
  const auth = await municipalityReviewer(ctx);
  if (!z.uuid().safeParse(personId).success) throw new NotFoundError();
  return ctx.db.transaction(async (tx) => {
    const found = await store.findPerson(tx, auth.actor.municipalityId, personId.toLowerCase());
    if (!found) throw new NotFoundError();
    const rows = await store.personRows(tx, found, format ? EXPORT_MAX_ROWS : PERSON_PAGE_ROWS);
    const total = await store.countPersonRows(tx, found.id);
    await audit(tx, ctx, {
      action: format ? "audit.person_extract" : "audit.person_log",
      recordType: "audit_log",
      subjectPersonId: found.id,
      detail: { rows: rows.length, total, ...(format && { format }) },
    });
    return { person: personOf(found), rows, total };
  });
}
