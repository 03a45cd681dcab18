/** Use cases of the survey instruments: read them, and (administrators) draft, edit and publish versions. */
import { audit } from "../platform/audit.ts";
import { authorize, type ServiceContext } from "../platform/context.ts";
import { ConflictError, NotFoundError, ValidationError } from "../platform/errors.ts";
import { compareText } from "../platform/i18n.ts";
import { type Content, contentSchema, isEditable, type MeetingNames, meetingNamesFrom, type VersionStatus } from "./model.ts";
import * as store from "./store.ts";

export interface VersionSummary {
  id: string;
  number: number;
  status: VersionStatus;
  publishedAt: Date | null;
  updatedAt: Date;
}

export interface InstrumentSummary {
  id: string;
  key: string;
  name: string;
  versions: VersionSummary[];
}

export interface InstrumentVersion extends VersionSummary {
  instrument: { id: string; key: string; name: string };
  content: Content;
  /** Optimistic-concurrency version of the row: send it back with an edit. */
  version: number;
  createdAt: Date;
}

const instrumentKey = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The municipality's survey instruments, by name, with every version's number and status. */
export async function listInstruments(ctx: ServiceContext): Promise<InstrumentSummary[]> {
  const { actor } = await authorize(ctx, "surveys.view");
  const [instruments, versions] = await Promise.all([
    store.instrumentsOf(ctx.db, actor.municipalityId),
    store.versionSummariesOf(ctx.db, actor.municipalityId),
  ]);
  return instruments
    .map((m) => ({
      ...m,
      versions: versions.filter((v) => v.instrumentId === m.id).map(({ instrumentId: _, ...v }) => v),
    }))
    .sort((a, b) => compareText("sv")(a.name, b.name));
}

/** One version with its whole content. */
export async function getVersion(ctx: ServiceContext, key: string, number: number): Promise<InstrumentVersion> {
  const { actor } = await authorize(ctx, "surveys.view");
  return readVersion(ctx, actor.municipalityId, key, number);
}

async function readVersion(ctx: ServiceContext, municipalityId: string, key: string, number: number): Promise<InstrumentVersion> {
  const instrument = await instrumentOf(ctx, municipalityId, key);
  const row = await store.findVersion(ctx.db, instrument.id, number);
  if (!row) throw new NotFoundError();
  return toVersion(instrument, row);
}

/** One version for its page, with the names of the meeting types it follows. */
export async function getVersionPage(
  ctx: ServiceContext,
  key: string,
  number: number,
): Promise<{ data: InstrumentVersion; meetingNames: MeetingNames }> {
  const { actor } = await authorize(ctx, "surveys.view");
  const data = await readVersion(ctx, actor.municipalityId, key, number);
  return { data, meetingNames: meetingNamesFrom(await store.publishedWorkModelsOf(ctx.db, actor.municipalityId)) };
}

/** A draft, for its edit form; a published or retired version cannot be edited. */
export async function getEditableVersion(ctx: ServiceContext, key: string, number: number): Promise<InstrumentVersion> {
  const { actor } = await authorize(ctx, "surveys.manage");
  const instrument = await instrumentOf(ctx, actor.municipalityId, key);
  const row = await store.findVersion(ctx.db, instrument.id, number);
  if (!row) throw new NotFoundError();
  if (!isEditable(row.status)) throw new ConflictError("surveys.error.published");
  return toVersion(instrument, row);
}

/**
 * Starts a draft as a copy of the latest published version. An instrument has at most one draft:
 * asking again returns the draft that already exists.
 */
export async function createDraft(ctx: ServiceContext, key: string): Promise<InstrumentVersion> {
  const { actor } = await authorize(ctx, "surveys.manage");
  const instrument = await instrumentOf(ctx, actor.municipalityId, key);
  return ctx.db.transaction(async (tx) => {
    const existing = await store.findDraft(tx, instrument.id);
    if (existing) return toVersion(instrument, existing);
    const source = await store.latestPublished(tx, instrument.id);
    if (!source) throw new ConflictError("surveys.error.nothingPublished");
    const number = await store.nextNumber(tx, instrument.id);
    const row = await store.insertDraft(tx, { instrumentId: instrument.id, number, content: source.content, createdBy: actor.id });
    if (!row) throw new Error("the draft was not created");
    await audit(tx, ctx, {
      action: "survey_instrument.draft_create",
      recordType: "survey_instrument_version",
      recordId: row.id,
      detail: { instrumentId: instrument.id, number, copiedFrom: source.number },
    });
    return toVersion(instrument, row);
  });
}

/** Replaces a draft's content; refused for a published version and for a stale version number. */
export async function updateDraft(
  ctx: ServiceContext,
  key: string,
  number: number,
  input: { version: number; content: unknown },
): Promise<InstrumentVersion> {
  const { actor } = await authorize(ctx, "surveys.manage");
  const parsed = contentSchema.safeParse(input.content);
  if (!parsed.success) {
    throw new ValidationError(Object.fromEntries(parsed.error.issues.map((i) => [["content", ...i.path].join("."), i.message])));
  }
  const instrument = await instrumentOf(ctx, actor.municipalityId, key);
  return ctx.db.transaction(async (tx) => {
    const current = await store.findVersion(tx, instrument.id, number);
    if (!current) throw new NotFoundError();
    if (!isEditable(current.status)) throw new ConflictError("surveys.error.published");
    const row = await store.updateDraftContent(tx, current.id, input.version, parsed.data);
    if (!row) throw new ConflictError();
    await audit(tx, ctx, {
      action: "survey_instrument.draft_update",
      recordType: "survey_instrument_version",
      recordId: row.id,
      detail: { instrumentId: instrument.id, number, version: row.version },
    });
    return toVersion(instrument, row);
  });
}

/** Publishes the draft as the instrument's current version; the version published until now is retired. */
export async function publishDraft(
  ctx: ServiceContext,
  key: string,
  number: number,
  input: { version: number },
): Promise<InstrumentVersion> {
  const { actor } = await authorize(ctx, "surveys.manage");
  const instrument = await instrumentOf(ctx, actor.municipalityId, key);
  return ctx.db.transaction(async (tx) => {
    const current = await store.findVersion(tx, instrument.id, number);
    if (!current) throw new NotFoundError();
    if (!isEditable(current.status)) throw new ConflictError("surveys.error.published");
    if (current.version !== input.version) throw new ConflictError();
    const retired = await store.retirePublished(tx, instrument.id);
    const row = await store.publishDraft(tx, current.id, input.version, actor.id);
    if (!row) throw new ConflictError();
    await audit(tx, ctx, {
      action: "survey_instrument.publish",
      recordType: "survey_instrument_version",
      recordId: row.id,
      detail: { instrumentId: instrument.id, number, retired: retired.map((r) => r.number) },
    });
    return toVersion(instrument, row);
  });
}

async function instrumentOf(ctx: ServiceContext, municipalityId: string, key: string) {
  if (key.length > 60 || !instrumentKey.test(key)) throw new NotFoundError();
  const instrument = await store.findInstrumentByKey(ctx.db, municipalityId, key);
  if (!instrument) throw new NotFoundError();
  return instrument;
}

type VersionRow = NonNullable<Awaited<ReturnType<typeof store.findVersion>>>;

function toVersion(instrument: InstrumentVersion["instrument"], row: VersionRow): InstrumentVersion {
  return {
    id: row.id,
    instrument,
    number: row.number,
    status: row.status,
    publishedAt: row.publishedAt,
    updatedAt: row.updatedAt,
    createdAt: row.createdAt,
    version: row.version,
    content: contentSchema.parse(row.content),
  };
}
