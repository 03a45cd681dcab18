/** Use cases of the work models: read them, and (administrators) draft, edit and publish versions. */
import { z } from "zod";
import { audit } from "../platform/audit.ts";
import { authorize, type ServiceContext } from "../platform/context.ts";
import { ConflictError, NotFoundError, ValidationError } from "../platform/errors.ts";
import { compareText } from "../platform/i18n.ts";
import { type Content, contentSchema, isEditable, type VersionStatus } from "./model.ts";
import * as store from "./store.ts";

export interface VersionSummary {
  id: string;
  number: number;
  status: VersionStatus;
  publishedAt: Date | null;
  updatedAt: Date;
}

export interface WorkModelSummary {
  id: string;
  key: string;
  name: string;
  versions: VersionSummary[];
}

export interface WorkModelVersion extends VersionSummary {
  workModel: { id: string; key: string; name: string };
  content: Content;
  /** Optimistic-concurrency version of the row: send it back with an edit. */
  version: number;
  createdAt: Date;
}

const uuid = z.uuid();

/** The municipality's work models, by name, with every version's number and status. */
export async function listWorkModels(ctx: ServiceContext): Promise<WorkModelSummary[]> {
  const { actor } = await authorize(ctx, "workmodels.view");
  const [models, versions] = await Promise.all([
    store.modelsOf(ctx.db, actor.municipalityId),
    store.versionSummariesOf(ctx.db, actor.municipalityId),
  ]);
  return models
    .map((m) => ({
      ...m,
      versions: versions.filter((v) => v.workModelId === m.id).map(({ workModelId: _, ...v }) => v),
    }))
    .sort((a, b) => compareText("sv")(a.name, b.name));
}

/** One version with its whole content. */
export async function getVersion(ctx: ServiceContext, modelId: string, number: number): Promise<WorkModelVersion> {
  const { actor } = await authorize(ctx, "workmodels.view");
  const model = await modelOf(ctx, actor.municipalityId, modelId);
  const row = await store.findVersion(ctx.db, model.id, number);
  if (!row) throw new NotFoundError();
  return toVersion(model, row);
}

/** A draft, for its edit form; a published or retired version cannot be edited. */
export async function getEditableVersion(ctx: ServiceContext, modelId: string, number: number): Promise<WorkModelVersion> {
  const { actor } = await authorize(ctx, "workmodels.manage");
  const model = await modelOf(ctx, actor.municipalityId, modelId);
  const row = await store.findVersion(ctx.db, model.id, number);
  if (!row) throw new NotFoundError();
  if (!isEditable(row.status)) throw new ConflictError("workmodels.error.published");
  return toVersion(model, row);
}

/**
 * Starts a draft as a copy of the latest published version. A model has at most one draft: asking
 * again returns the draft that already exists.
 */
export async function createDraft(ctx: ServiceContext, modelId: string): Promise<WorkModelVersion> {
  const { actor } = await authorize(ctx, "workmodels.manage");
  const model = await modelOf(ctx, actor.municipalityId, modelId);
  return ctx.db.transaction(async (tx) => {
    const existing = await store.findDraft(tx, model.id);
    if (existing) return toVersion(model, existing);
    const source = await store.latestPublished(tx, model.id);
    if (!source) throw new ConflictError("workmodels.error.nothingPublished");
    const number = await store.nextNumber(tx, model.id);
    const row = await store.insertDraft(tx, { workModelId: model.id, number, content: source.content, createdBy: actor.id });
    if (!row) throw new Error("the draft was not created");
    await audit(tx, ctx, {
      action: "workmodel.draft_create",
      recordType: "work_model_version",
      recordId: row.id,
      detail: { workModelId: model.id, number, copiedFrom: source.number },
    });
    return toVersion(model, row);
  });
}

/** Replaces a draft's content; refused for a published version and for a stale version number. */
export async function updateDraft(
  ctx: ServiceContext,
  modelId: string,
  number: number,
  input: { version: number; content: unknown },
): Promise<WorkModelVersion> {
  const { actor } = await authorize(ctx, "workmodels.manage");
  const parsed = contentSchema.safeParse(input.content);
  if (!parsed.success) {
    throw new ValidationError(Object.fromEntries(parsed.error.issues.map((i) => [["content", ...i.path].join("."), i.message])));
  }
  const model = await modelOf(ctx, actor.municipalityId, modelId);
  return ctx.db.transaction(async (tx) => {
    const current = await store.findVersion(tx, model.id, number);
    if (!current) throw new NotFoundError();
    if (!isEditable(current.status)) throw new ConflictError("workmodels.error.published");
    const row = await store.updateDraftContent(tx, current.id, input.version, parsed.data);
    if (!row) throw new ConflictError();
    await audit(tx, ctx, {
      action: "workmodel.draft_update",
      recordType: "work_model_version",
      recordId: row.id,
      detail: { workModelId: model.id, number, version: row.version },
    });
    return toVersion(model, row);
  });
}

/** Publishes the draft as the model's current version; the version published until now is retired. */
export async function publishDraft(
  ctx: ServiceContext,
  modelId: string,
  number: number,
  input: { version: number },
): Promise<WorkModelVersion> {
  const { actor } = await authorize(ctx, "workmodels.manage");
  const model = await modelOf(ctx, actor.municipalityId, modelId);
  return ctx.db.transaction(async (tx) => {
    const current = await store.findVersion(tx, model.id, number);
    if (!current) throw new NotFoundError();
    if (!isEditable(current.status)) throw new ConflictError("workmodels.error.published");
    if (current.version !== input.version) throw new ConflictError();
    const retired = await store.retirePublished(tx, model.id);
    const row = await store.publishDraft(tx, current.id, input.version, actor.id);
    if (!row) throw new ConflictError();
    await audit(tx, ctx, {
      action: "workmodel.publish",
      recordType: "work_model_version",
      recordId: row.id,
      detail: { workModelId: model.id, number, retired: retired.map((r) => r.number) },
    });
    return toVersion(model, row);
  });
}

async function modelOf(ctx: ServiceContext, municipalityId: string, id: string) {
  if (!uuid.safeParse(id).success) throw new NotFoundError();
  const model = await store.findModel(ctx.db, municipalityId, id);
  if (!model) throw new NotFoundError();
  return model;
}

type VersionRow = NonNullable<Awaited<ReturnType<typeof store.findVersion>>>;

function toVersion(model: WorkModelVersion["workModel"], row: VersionRow): WorkModelVersion {
  return {
    id: row.id,
    workModel: model,
    number: row.number,
    status: row.status,
    publishedAt: row.publishedAt,
    updatedAt: row.updatedAt,
    createdAt: row.createdAt,
    version: row.version,
    content: contentSchema.parse(row.content),
  };
}
