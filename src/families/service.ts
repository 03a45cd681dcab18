/** Use cases of requests (förfrågningar): register, list, show, and edit who is open where. */
import { z } from "zod";
import { type AuditEntry, audits, auditView } from "../platform/audit.ts";
import type { Actor } from "../platform/auth-types.ts";
import { authorize, type ServiceContext } from "../platform/context.ts";
import { daysBetween } from "../platform/dates.ts";
import { ConflictError, type FieldErrors, issueErrors, NotFoundError, ValidationError } from "../platform/errors.ts";
import type { Scope } from "../platform/permissions.ts";
import { maskIdentityNumber } from "./identity.ts";
import {
  ageOn,
  type CaseType,
  type CaseTypeChange,
  type CaseTypeResult,
  caseTypeChange,
  compareDates,
  deriveCaseType,
  minimalView,
  type NamedFamily,
  parseCaseFileNumber,
  parseIsoDate,
  parsePhone,
} from "./model.ts";
import { type LoadedName, loadFamilyNames, namedFamily } from "./names.ts";
import { birthSource, childAgeCheck } from "./request.ts";
import { type ContactInput, contactInput, type OpenStatusInput, openStatusInput, type RequestInput, requestInput } from "./schemas.ts";
import * as store from "./store.ts";

export interface UnitOption {
  id: string;
  name: string;
}

export interface RequestOptions {
  childUnits: UnitOption[];
  addictionUnits: UnitOption[];
}

export interface RequestSummary {
  id: string;
  /** How the family is named (familyName); absent when names were not asked for (the API). */
  family?: NamedFamily;
  requestDate: string;
  status: string;
  stopReason: string | null;
  caseType: CaseType | null;
  children: number;
  /** The units where a family member is open, by name. */
  units: string[];
  /** The wait from the request to the Sofiamöte: to its date, or to today while the request is new; null for a request stopped without one. */
  wait: { days: number; ongoing: boolean; overLimit: boolean } | null;
}

export const requestListSorts = ["date", "name", "unit", "status", "wait"] as const;
export type RequestListSort = (typeof requestListSorts)[number];

/** How the requests list is filtered and sorted (by default: all, newest request first). */
export interface RequestListFilter {
  status?: string | null;
  /** Only requests with a family member open at this unit. */
  unitId?: string | null;
  /** Only requests whose wait for the Sofiamöte is over the municipality's limit. */
  overLimit?: boolean;
  sort?: RequestListSort;
  descending?: boolean;
  /** One page of the list (from 1); without it, all of it. */
  page?: number;
}

export const REQUEST_PAGE_SIZE = 50;

export interface RequestList {
  items: RequestSummary[];
  /** How many requests pass the filter, on every page. */
  total: number;
  page: number;
  pageSize: number;
}

const statusOrder: Record<string, number> = { new: 0, continued: 1, stopped: 2 };

export interface PersonView {
  id: string;
  /** null in the minimal view (minimalView): the page names the person "Vårdnadshavare 1", "Barn 1". */
  name: string | null;
  /** "YYYYMMDD-****": the full number is never shown in this version; null in the minimal view. */
  maskedIdentityNumber: string | null;
  /** null in the minimal view. */
  birthDate: string | null;
  ageOnRequestDate: number;
  unit: UnitOption | null;
}

export interface GuardianView extends PersonView {
  /** The family's contact person. */
  contactPerson: boolean;
  /** woman / man / other / not_stated; null when not recorded. */
  gender: string | null;
  relation: string;
  /** The substance-problem answer and the attitude to support: null in the minimal view. */
  substanceProblem: string | null;
  attitude: string | null;
  applied: boolean;
}

export interface ChildView extends PersonView {
  gender: string;
  investigationOpened: boolean;
  ageConfirmed: boolean;
}

export interface RequestDetail {
  id: string;
  requestDate: string;
  household: string;
  custody: string;
  custodyHolder: string | null;
  /** The reason for the request, in the registrar's words; null in the minimal view. */
  reason: string | null;
  status: string;
  /** The unit manager's minimal view (families' minimalView): no names, numbers, answers, reasons or contact details. */
  minimal: boolean;
  /** How the family is named (familyName). */
  family: NamedFamily;
  caseFileNumber: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  interpreterNeeded: boolean;
  interpreterLanguage: string | null;
  /** The family's language for the surveys; null: Swedish. */
  familyLanguage: string | null;
  /** The Sofiamöte's decision; null while the request is new. */
  decision: DecisionView | null;
  caseType: CaseTypeResult;
  registeredByName: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  guardians: GuardianView[];
  children: ChildView[];
}

export interface DecisionView {
  meetingDate: string;
  /** Days from the request date to the Sofiamöte. */
  waitDays: number;
  reason: string | null;
  reasonText: string | null;
  processId: string | null;
}

export interface OpenStatusResult {
  version: number;
  caseType: CaseTypeResult;
  change: CaseTypeChange | null;
}

function visibility(actor: Actor, scope: Scope): store.Visibility {
  if (scope === "municipality") return { all: true };
  return { all: false, userId: actor.id, unitIds: scope === "unit" ? actor.unitIds : [] };
}

type UnitRow = Awaited<ReturnType<typeof store.unitsOf>>[number];

function optionsFrom(rows: readonly UnitRow[]): RequestOptions {
  const active = rows.filter((u) => u.active);
  const pick = (kind: string) => active.filter((u) => u.kind === kind).map(({ id, name }) => ({ id, name }));
  return { childUnits: pick("child_youth"), addictionUnits: pick("addiction_adult") };
}

async function activeUnits(ctx: ServiceContext, municipalityId: string): Promise<RequestOptions> {
  return optionsFrom(await store.unitsOf(ctx.db, municipalityId));
}

/** Requests come from the child units, the addiction units and intake (mottagningen). */
const REGISTERING_UNIT_KINDS: ReadonlySet<string> = new Set(["child_youth", "addiction_adult", "intake"]);

/** Whether the actor belongs to at least one active unit from which requests come. */
function mayRegister(actor: Actor, rows: readonly UnitRow[]): boolean {
  return rows.some((u) => u.active && REGISTERING_UNIT_KINDS.has(u.kind) && actor.unitIds.includes(u.id));
}

/** Whether input that failed the schema still has the strings the identity and date checks read. */
function checkable(input: unknown): boolean {
  const i = input as Partial<Record<string, unknown>> | null;
  const people = (list: unknown) =>
    Array.isArray(list) &&
    list.every((p) => p && typeof p === "object" && typeof p.identityNumber === "string" && typeof p.birthDate === "string");
  return !!i && typeof i.requestDate === "string" && people(i.guardians) && people(i.children);
}

interface ContactText {
  caseFileNumber: string;
  contactPhone: string;
  contactEmail: string;
  interpreterNeeded: boolean;
  interpreterLanguage: string;
  familyLanguage?: string;
}

/** The case-file number, phone and interpreter language checked and normalised; errors go into `errors`. */
function contactValues(data: ContactText, errors: FieldErrors) {
  const caseFile = parseCaseFileNumber(data.caseFileNumber ?? "");
  if (!caseFile.ok && !errors.caseFileNumber) errors.caseFileNumber = caseFile.error;
  const phone = parsePhone(data.contactPhone ?? "");
  if (!phone.ok && !errors.contactPhone) errors.contactPhone = phone.error;
  if (data.interpreterNeeded && (data.interpreterLanguage ?? "") === "" && !errors.interpreterLanguage)
    errors.interpreterLanguage = "families.contact.languageRequired";
  return {
    caseFileNumber: caseFile.ok ? caseFile.value : null,
    contactPhone: phone.ok ? phone.value : null,
    contactEmail: data.contactEmail ? data.contactEmail : null,
    interpreterNeeded: !!data.interpreterNeeded,
    interpreterLanguage: data.interpreterNeeded && data.interpreterLanguage ? data.interpreterLanguage : null,
    familyLanguage: data.familyLanguage && data.familyLanguage !== "sv" ? data.familyLanguage : null,
  };
}

/** The units a request's form offers: child units for children, addiction units for guardians. */
export async function requestOptions(ctx: ServiceContext): Promise<RequestOptions> {
  const { actor } = await authorize(ctx, "requests.view");
  return activeUnits(ctx, actor.municipalityId);
}

/** Registers a request with its guardians and children; the case type is derived, never typed. */
export async function createRequest(ctx: ServiceContext, input: RequestInput): Promise<{ id: string }> {
  const { actor } = await authorize(ctx, "requests.create");
  const unitRows = await store.unitsOf(ctx.db, actor.municipalityId);
  if (!mayRegister(actor, unitRows)) throw new ValidationError({ _form: "families.request.unitRequired" });
  const parsed = requestInput.safeParse(input);
  if (!parsed.success && !checkable(input)) throw new ValidationError(issueErrors(parsed.error.issues));
  // Numbers, dates and units are checked even when another field is wrong, so that one answer names every error.
  const data = parsed.success ? parsed.data : (input as z.output<typeof requestInput>);
  const errors: FieldErrors = parsed.success ? {} : issueErrors(parsed.error.issues);

  const date = parseIsoDate(data.requestDate);
  const today = parseIsoDate(ctx.clock.today());
  if (!date || !today) errors.requestDate = "families.request.dateInvalid";
  else if (compareDates(date, today) > 0) errors.requestDate = "families.request.dateFuture";
  if (data.custody === "sole" && data.custodyHolder === "") errors.custodyHolder = "families.request.custodyHolderRequired";
  const contact = contactValues(data, errors);
  const contactPersons = data.guardians.flatMap((g, i) => (g.contactPerson ? [i] : []));
  for (const i of contactPersons.slice(1)) errors[`guardians.${i}.contactPerson`] = "families.contact.onlyOne";

  const options = optionsFrom(unitRows);
  const isChildUnit = (id: string | null) => id === null || options.childUnits.some((u) => u.id === id);
  const isAddictionUnit = (id: string | null) => id === null || options.addictionUnits.some((u) => u.id === id);

  const persons: store.NewPerson[] = [];
  const births = (kind: "guardians" | "children", i: number, p: { identityNumber: string; birthDate: string }) => {
    if (errors.requestDate) return null;
    const source = birthSource(p.identityNumber, p.birthDate, data.requestDate);
    if (source.ok) return source;
    errors[`${kind}.${i}.${source.field}`] = source.error;
    return null;
  };
  data.guardians.forEach((g, i) => {
    if (!isAddictionUnit(g.unitId)) errors[`guardians.${i}.unitId`] = "families.request.unknownUnit";
    const source = births("guardians", i, g);
    if (!source) return;
    persons.push({
      kind: "guardian",
      position: i,
      name: g.name,
      identityNumber: source.identityNumber,
      birthDate: source.birthDate,
      relation: g.relation,
      substanceProblem: g.substanceProblem,
      attitude: g.attitude,
      gender: g.gender ?? null,
      unitId: g.unitId,
      applied: g.applied,
      contactPerson: contactPersons[0] === i,
    });
  });
  data.children.forEach((c, i) => {
    if (!isChildUnit(c.unitId)) errors[`children.${i}.unitId`] = "families.request.unknownUnit";
    const source = births("children", i, c);
    if (!source) return;
    const age = childAgeCheck(c.identityNumber, c.birthDate, data.requestDate);
    const outside = age !== null && !age.within;
    if (outside && !c.confirmAge) errors[`children.${i}.confirmAge`] = "families.request.confirmAge";
    persons.push({
      kind: "child",
      position: i,
      name: c.name,
      identityNumber: source.identityNumber,
      birthDate: source.birthDate,
      gender: c.gender,
      unitId: c.unitId,
      investigationOpened: c.investigationOpened,
      ageConfirmed: outside,
    });
  });
  if (!parsed.success || Object.keys(errors).length > 0) throw new ValidationError(errors);

  const caseType = deriveCaseType({
    children: data.children.map((c) => ({ openAtChildUnit: c.unitId !== null, investigationOpenedAfterReport: c.investigationOpened })),
    guardians: data.guardians.map((g) => ({ openAtAddictionUnit: g.unitId !== null, appliedAtAddictionUnit: g.applied })),
  });
  return ctx.db.transaction(async (tx) => {
    const created = await store.insertRequest(
      tx,
      {
        municipalityId: actor.municipalityId,
        requestDate: data.requestDate,
        household: data.household,
        custody: data.custody,
        custodyHolder: data.custody === "sole" ? data.custodyHolder : null,
        reason: data.reason,
        caseType: caseType.caseType,
        registeredBy: actor.id,
        ...contact,
      },
      persons,
    );
    await audits(
      tx,
      ctx,
      created.personIds.map((personId) => ({
        action: "request.create",
        recordType: "request",
        recordId: created.id,
        subjectPersonId: personId,
        detail: { caseType: caseType.caseType },
      })),
    );
    return { id: created.id };
  });
}

/**
 * The requests one may see, filtered (status, unit, waits over the limit) and sorted (request
 * date, family name, unit, status, wait); with `page`, that page of `REQUEST_PAGE_SIZE`. With
 * `names`, each request shown carries its family's name and every person the names show is
 * audited (the API lists no names and writes no row).
 */
export async function listRequests(ctx: ServiceContext, opts: { names?: boolean; filter?: RequestListFilter } = {}): Promise<RequestList> {
  const { actor, scope } = await authorize(ctx, "requests.view");
  const filter = opts.filter ?? {};
  const today = ctx.clock.today();
  const uuid = (v: string | null | undefined) => (v && z.uuid().safeParse(v).success ? v : null);
  return ctx.db.transaction(async (tx) => {
    const rows = await store.listVisible(tx, actor.municipalityId, visibility(actor, scope), {
      status: filter.status ?? null,
      unitId: uuid(filter.unitId),
    });
    let all = rows.map((r) => ({ row: r, wait: waitOf(r, today) }));
    if (filter.overLimit) all = all.filter((x) => x.wait?.overLimit);
    const sort = filter.sort ?? "date";
    const text = (v: string | null | undefined) => v ?? "\uffff";
    const compare: Record<RequestListSort, (a: (typeof all)[number], b: (typeof all)[number]) => number> = {
      date: (a, b) => a.row.requestDate.localeCompare(b.row.requestDate),
      name: (a, b) => text(a.row.sortName).localeCompare(text(b.row.sortName), "sv"),
      unit: (a, b) => text(a.row.unitNames[0]).localeCompare(text(b.row.unitNames[0]), "sv"),
      status: (a, b) => (statusOrder[a.row.status] ?? 9) - (statusOrder[b.row.status] ?? 9),
      wait: (a, b) => (a.wait?.days ?? -1) - (b.wait?.days ?? -1),
    };
    // The default (newest request first) is the date descending; ties keep the store's order.
    const descending = filter.descending ?? sort === "date";
    all.sort((a, b) => (descending ? -1 : 1) * compare[sort](a, b));
    const pageSize = filter.page ? REQUEST_PAGE_SIZE : Math.max(1, all.length);
    const page = filter.page ? Math.min(filter.page, Math.max(1, Math.ceil(all.length / pageSize))) : 1;
    const shown = all.slice((page - 1) * pageSize, page * pageSize);
    // The minimal view (minimalView) names no family: such a request is listed by its date.
    const named = shown.filter((x) => !minimalView(scope, x.row.worksWithFamily));
    const names = opts.names
      ? await loadFamilyNames(
          tx,
          named.map((x) => x.row.id),
          today,
        )
      : new Map<string, LoadedName>();
    // One row for the list, naming every person the names show (decision 0051).
    await auditView(tx, ctx, {
      action: "request.list",
      recordType: "request",
      subjectPersonIds: shown.flatMap(({ row: r }) => names.get(r.id)?.personIds ?? []),
      detail: { requestIds: shown.map(({ row: r }) => r.id) },
    });
    return {
      items: shown.map(({ row: r, wait }) =>
        summaryOf(
          r,
          names.get(r.id)?.family ??
            (opts.names ? namedFamily({ requestDate: r.requestDate, caseFileNumber: null }, null, today) : undefined),
          wait,
        ),
      ),
      total: all.length,
      page,
      pageSize,
    };
  });
}

/** The units the requests list filters by: the municipality's active units, by name. */
export async function requestListUnits(ctx: ServiceContext): Promise<Array<{ id: string; name: string }>> {
  const { actor } = await authorize(ctx, "requests.view");
  return (await store.unitsOf(ctx.db, actor.municipalityId))
    .filter((u) => u.active)
    .map(({ id, name }) => ({ id, name }))
    .sort((a, b) => a.name.localeCompare(b.name, "sv"));
}

type ListRow = Awaited<ReturnType<typeof store.listVisible>>[number];

/** The wait for the Sofiamöte: to its date, or to today while the request is new; none for a request stopped without one. */
function waitOf(r: ListRow, today: string): RequestSummary["wait"] {
  if (!r.meetingDate && r.status !== "new") return null;
  const days = Math.max(0, daysBetween(r.requestDate, r.meetingDate ?? today) ?? 0);
  return { days, ongoing: !r.meetingDate, overLimit: days > r.waitLimitDays };
}

function summaryOf(r: ListRow, family: NamedFamily | undefined, wait: RequestSummary["wait"]): RequestSummary {
  return {
    ...(family && { family }),
    id: r.id,
    requestDate: r.requestDate,
    status: r.status,
    stopReason: r.stopReason,
    caseType: r.caseType as CaseType | null,
    children: r.children,
    units: r.unitNames,
    wait,
  };
}

const caseTypeOf = (persons: store.PersonRow[]) =>
  deriveCaseType({
    children: persons
      .filter((p) => p.kind === "child")
      .map((c) => ({ openAtChildUnit: c.unitId !== null, investigationOpenedAfterReport: c.investigationOpened })),
    guardians: persons
      .filter((p) => p.kind === "guardian")
      .map((g) => ({ openAtAddictionUnit: g.unitId !== null, appliedAtAddictionUnit: g.applied })),
  });

/**
 * One request with its family, audited in one row naming every person shown, in the same
 * transaction; in the minimal view (minimalView) without the family's personal data, and `forWork`
 * (the edit and decision forms) refuses that view.
 */
export async function getRequest(ctx: ServiceContext, id: string, opts: { forWork?: boolean } = {}): Promise<RequestDetail> {
  const { actor, scope } = await authorize(ctx, "requests.view");
  if (!z.uuid().safeParse(id).success) throw new NotFoundError();
  const unitRows = await store.unitsOf(ctx.db, actor.municipalityId);
  const unitOf = (unitId: string | null) => {
    const u = unitId ? unitRows.find((r) => r.id === unitId) : undefined;
    return u ? { id: u.id, name: u.name } : null;
  };
  return ctx.db.transaction(async (tx) => {
    const row = await store.findVisible(tx, actor.municipalityId, visibility(actor, scope), id);
    if (!row) throw new NotFoundError();
    const minimal = minimalView(scope, row.worksWithFamily);
    // A form that edits the request is not for the minimal view (like processes' loadForWork).
    if (minimal && opts.forWork) throw new NotFoundError();
    const persons = await store.personsOf(tx, row.id);
    const process = row.meetingDate ? await store.processOf(tx, row.id) : undefined;
    // The minimal view shows no one's personal data: one row without persons, like a process's minimal view.
    await audits(tx, ctx, [
      {
        action: "request.view",
        recordType: "request",
        recordId: row.id,
        subjectPersonIds: minimal ? [] : persons.map((p) => p.id),
        ...(minimal && { detail: { minimal } }),
      },
    ]);
    const shown = <T>(value: T): T | null => (minimal ? null : value);
    const base = (p: store.PersonRow): PersonView => ({
      id: p.id,
      name: shown(p.name),
      maskedIdentityNumber: p.identityNumber && !minimal ? maskIdentityNumber(p.identityNumber) : null,
      birthDate: shown(p.birthDate),
      ageOnRequestDate: ageOn(p.birthDate, row.requestDate),
      unit: unitOf(p.unitId),
    });
    const { meetingDate, stopReason, stopReasonText, worksWithFamily: _works, ...rest } = row;
    return {
      ...rest,
      minimal,
      reason: shown(row.reason),
      custodyHolder: shown(row.custodyHolder),
      caseFileNumber: shown(row.caseFileNumber),
      contactPhone: shown(row.contactPhone),
      contactEmail: shown(row.contactEmail),
      family: namedFamily(row, minimal ? null : persons, ctx.clock.today()),
      decision: meetingDate
        ? {
            meetingDate,
            waitDays: daysBetween(row.requestDate, meetingDate) ?? 0,
            reason: stopReason,
            reasonText: shown(stopReasonText),
            processId: process?.id ?? null,
          }
        : null,
      caseType: caseTypeOf(persons),
      guardians: persons
        .filter((p) => p.kind === "guardian")
        .map((p) => ({
          ...base(p),
          gender: p.gender,
          relation: p.relation ?? "",
          substanceProblem: shown(p.substanceProblem ?? ""),
          attitude: shown(p.attitude ?? ""),
          applied: p.applied,
          contactPerson: p.contactPerson,
        })),
      children: persons
        .filter((p) => p.kind === "child")
        .map((p) => ({
          ...base(p),
          gender: p.gender ?? "",
          investigationOpened: p.investigationOpened,
          ageConfirmed: p.ageConfirmed,
        })),
    };
  });
}

/**
 * Records who is open where (a child unit opens an investigation, a parent applies at addiction)
 * and the guardians' gender, recomputes the case type and says how it changed. A stale version
 * changes nothing.
 */
export async function updateOpenStatus(ctx: ServiceContext, id: string, input: OpenStatusInput): Promise<OpenStatusResult> {
  const { actor, scope } = await authorize(ctx, "requests.update");
  const parsed = openStatusInput.safeParse(input);
  if (!parsed.success) throw new ValidationError(issueErrors(parsed.error.issues));
  const data = parsed.data;
  if (!z.uuid().safeParse(id).success) throw new NotFoundError();
  const options = await activeUnits(ctx, actor.municipalityId);

  return ctx.db.transaction(async (tx) => {
    const row = await store.findVisible(tx, actor.municipalityId, visibility(actor, scope), id);
    if (!row || minimalView(scope, row.worksWithFamily)) throw new NotFoundError();
    const before = await store.personsOf(tx, row.id);
    const errors: FieldErrors = {};
    const after = before.map((p) => ({ ...p }));
    const apply = (kind: "guardian" | "child", list: "guardians" | "children", i: number, personId: string, unitId: string | null) => {
      const person = after.find((p) => p.id === personId && p.kind === kind);
      const units = kind === "child" ? options.childUnits : options.addictionUnits;
      if (!person) errors[`${list}.${i}.id`] = "families.request.unknownPerson";
      else if (unitId !== null && !units.some((u) => u.id === unitId) && unitId !== person.unitId)
        errors[`${list}.${i}.unitId`] = "families.request.unknownUnit";
      return person;
    };
    data.guardians.forEach((g, i) => {
      const person = apply("guardian", "guardians", i, g.id, g.unitId);
      if (person) Object.assign(person, { unitId: g.unitId, applied: g.applied, ...(g.gender !== undefined && { gender: g.gender }) });
    });
    data.children.forEach((c, i) => {
      const person = apply("child", "children", i, c.id, c.unitId);
      if (person) Object.assign(person, { unitId: c.unitId, investigationOpened: c.investigationOpened });
    });
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);

    const beforeType = caseTypeOf(before);
    const afterType = caseTypeOf(after);
    const bumped = await store.bumpRequest(tx, row.id, data.version, afterType.caseType);
    if (!bumped) throw new ConflictError();
    const entries: AuditEntry[] = [];
    for (const p of after) {
      const old = before.find((b) => b.id === p.id);
      const same =
        old?.unitId === p.unitId &&
        old.applied === p.applied &&
        old.investigationOpened === p.investigationOpened &&
        old.gender === p.gender;
      if (!old || same) continue;
      await store.updatePerson(tx, row.id, p.id, {
        unitId: p.unitId,
        applied: p.applied,
        investigationOpened: p.investigationOpened,
        ...(p.kind === "guardian" && { gender: p.gender }),
      });
      entries.push({
        action: "request.update",
        recordType: "request",
        recordId: row.id,
        subjectPersonId: p.id,
        detail: { caseTypeBefore: beforeType.caseType, caseTypeAfter: afterType.caseType },
      });
    }
    if (entries.length === 0)
      entries.push({ action: "request.update", recordType: "request", recordId: row.id, detail: { unchanged: true } });
    await audits(tx, ctx, entries);
    return { version: bumped.version, caseType: afterType, change: caseTypeChange(beforeType, afterType) };
  });
}

/**
 * Changes the case-file number, the family's phone and e-mail, the interpreter need and the
 * contact person (one of the guardians, or none). A stale version changes nothing; the change is
 * audited on the request.
 */
export async function updateContact(ctx: ServiceContext, id: string, input: ContactInput): Promise<{ version: number }> {
  const { actor, scope } = await authorize(ctx, "requests.update");
  const parsed = contactInput.safeParse(input);
  const errors: FieldErrors = parsed.success ? {} : issueErrors(parsed.error.issues);
  if (!parsed.success && typeof (input as { version?: unknown } | null)?.version !== "number") throw new ValidationError(errors);
  const data = parsed.success ? parsed.data : (input as z.output<typeof contactInput>);
  const values = contactValues(data, errors);
  if (!z.uuid().safeParse(id).success) throw new NotFoundError();
  return ctx.db.transaction(async (tx) => {
    const row = await store.findVisible(tx, actor.municipalityId, visibility(actor, scope), id);
    if (!row || minimalView(scope, row.worksWithFamily)) throw new NotFoundError();
    const persons = await store.personsOf(tx, row.id);
    const contactPersonId = data.contactPersonId ?? null;
    if (contactPersonId !== null && !persons.some((p) => p.id === contactPersonId && p.kind === "guardian"))
      errors.contactPersonId = "families.contact.unknownPerson";
    if (!parsed.success || Object.keys(errors).length > 0) throw new ValidationError(errors);
    const saved = await store.updateContact(tx, row.id, data.version, values, contactPersonId);
    if (!saved) throw new ConflictError();
    await audits(tx, ctx, [
      {
        action: "request.contact",
        recordType: "request",
        recordId: row.id,
        // Which fields are filled in, never their values.
        detail: {
          caseFileNumber: values.caseFileNumber !== null,
          phone: values.contactPhone !== null,
          email: values.contactEmail !== null,
          interpreter: values.interpreterNeeded,
          contactPerson: contactPersonId !== null,
        },
      },
    ]);
    return { version: saved.version };
  });
}
