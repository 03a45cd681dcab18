/**
 * Versioned documents: a municipality's work models, survey instruments and review keys are each a
 * stable document (id, key, name) with numbered versions whose content is one JSONB value checked by
 * a zod schema. A version is a draft until published; a published version is what processes,
 * respondents and reviewers used, so it never changes again (a trigger per table enforces this) and
 * is retired when the next one is published. A document has at most one draft.
 *
 * This module holds that life cycle once: the queries, the use cases with their permissions, audit
 * rows and optimistic locking, and the seeding of version 1. Each kind describes its tables.
 */
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
import { z } from "zod";
import { municipalities } from "../db/schema/index.ts";
import { versionStatuses } from "../db/schema/versioned.ts";
import { type AuditAction, type AuditRecordType, audit } from "./audit.ts";
import { authorize, type ServiceContext } from "./context.ts";
import type { Db, DbOrTx } from "./database.ts";
import { ConflictError, NotFoundError, ValidationError } from "./errors.ts";
import { compareText } from "./i18n.ts";
import type { Action } from "./permissions.ts";

/** The statuses are those of the tables' enums (db/schema/versioned.ts builds the tables of every kind). */
export { versionStatuses };
export type VersionStatus = (typeof versionStatuses)[number];

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

type Def = { type: string } & Record<string, unknown>;
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

/** The schema under its wrappers (optional, nullable, default, a preprocess), as decodeForm reads it. */
function unwrapped(schema: unknown): Def {
  const def = defOf(schema);
  if (["optional", "nullable", "default", "prefault", "readonly", "catch", "nonoptional"].includes(def.type))
    return unwrapped(def.innerType);
  if (def.type === "pipe") return unwrapped(defOf(def.in).type === "transform" ? def.out : def.in);
  if (def.type === "lazy") return unwrapped((def.getter as () => unknown)());
  return def;
}

/**
 * The content an edit form leaves (decision 0035): the stored document with the decoded form over
 * it. An editor posts only the fields it edits, named by their paths in the content
 * (`meetingTypes.0.name`), and decodes them by `fields`, those fields of the content schema; keys,
 * order and everything else stay. Each field of `fields` takes the posted value, also when it is
 * absent (a field left empty, which the content schema then refuses); lists of objects go item by
 * item (a form adds no items); anything else, a list of texts too, is replaced. It never
 * validates: the service checks the whole content.
 */
export function withEdits(fields: z.ZodType, stored: unknown, edits: unknown): unknown {
  const def = unwrapped(fields);
  if (def.type === "object" && isPlainObject(stored)) {
    const posted = isPlainObject(edits) ? edits : {};
    const out: Record<string, unknown> = { ...stored };
    for (const [key, field] of Object.entries(def.shape as Record<string, z.ZodType>)) {
      const value = withEdits(field, stored[key], posted[key]);
      if (value === undefined) delete out[key];
      else out[key] = value;
    }
    return out;
  }
  if (def.type === "array" && unwrapped(def.element).type === "object" && Array.isArray(stored)) {
    const posted = Array.isArray(edits) ? edits : [];
    return stored.map((item, i) => withEdits(def.element as z.ZodType, item, posted[i]));
  }
  return edits;
}

/** The publish form: a button and the row version it was read at (`postedVersion`); nothing to decode. */
export const publishFields = z.object({});

/** A version number from a URL ("1", "2", …); 0 (no such version) for anything else. */
export function versionNumber(n: string): number {
  return /^[1-9]\d{0,6}$/.test(n) ? Number(n) : 0;
}

/** A published or retired version is what was used: never edited. */
export function isEditable(status: VersionStatus): boolean {
  return status === "draft";
}

/** The document table: one row per model, instrument or key of a municipality. */
type DocumentTable = PgTable & { id: AnyPgColumn; municipalityId: AnyPgColumn; key: AnyPgColumn; name: AnyPgColumn };

/** The version table: every kind has these columns, plus its reference to the document. */
type VersionTable = PgTable & {
  id: AnyPgColumn;
  number: AnyPgColumn;
  status: AnyPgColumn;
  content: AnyPgColumn;
  publishedAt: AnyPgColumn;
  publishedBy: AnyPgColumn;
  createdBy: AnyPgColumn;
  version: AnyPgColumn;
  createdAt: AnyPgColumn;
  updatedAt: AnyPgColumn;
};

/** An audit prefix whose three actions (`.draft_create`, `.draft_update`, `.publish`) are all declared. */
export type VersionedAuditPrefix = {
  [A in AuditAction]: A extends `${infer P}.publish`
    ? `${P}.draft_create` extends AuditAction
      ? `${P}.draft_update` extends AuditAction
        ? P
        : never
      : never
    : never;
}[AuditAction];

export interface VersionedKind<C> {
  documents: DocumentTable;
  versions: VersionTable;
  /** The version table's property that references the document (e.g. "workModelId"). */
  documentIdField: string;
  content: z.ZodType<C>;
  permissions: { view: Action; manage: Action };
  /** Audit actions are `${prefix}.draft_create`, `.draft_update` and `.publish`. */
  audit: { prefix: VersionedAuditPrefix; recordType: AuditRecordType; documentField: string };
  /** Catalog keys of the refusals. */
  errors: { published: string; nothingPublished: string };
  /** How URLs and the API name a document: by its id (UUID) or its key. */
  ref: "id" | "key";
}

export interface VersionSummary {
  id: string;
  number: number;
  status: VersionStatus;
  publishedAt: Date | null;
  updatedAt: Date;
}

export interface DocumentRef {
  id: string;
  key: string;
  name: string;
}

export interface DocumentSummary extends DocumentRef {
  versions: VersionSummary[];
}

export interface DocumentVersion<C> extends VersionSummary {
  document: DocumentRef;
  content: C;
  /** Optimistic-concurrency version of the row: send it back with an edit. */
  version: number;
  createdAt: Date;
}

/** A document the product ships with, published as version 1. */
export interface Seeded<C> {
  key: string;
  name: string;
  content: C;
}

interface VersionRow extends VersionSummary {
  documentId: string;
  content: unknown;
  version: number;
  createdAt: Date;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const documentKey = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The queries of one kind of versioned document. */
function versionStore<C>(kind: VersionedKind<C>) {
  const d = kind.documents;
  const v = kind.versions;
  const documentId = (v as unknown as Record<string, AnyPgColumn>)[kind.documentIdField];
  if (!documentId) throw new Error(`${kind.documentIdField} is not a column of the version table`);
  const documentColumns = { id: d.id, key: d.key, name: d.name };
  const columns = {
    id: v.id,
    documentId,
    number: v.number,
    status: v.status,
    content: v.content,
    publishedAt: v.publishedAt,
    version: v.version,
    createdAt: v.createdAt,
    updatedAt: v.updatedAt,
  };
  const one = async (rows: Promise<unknown[]>) => (await rows)[0] as VersionRow | undefined;
  const ofDocument = (id: string, ...more: ReturnType<typeof eq>[]) => and(eq(documentId, id), ...more);

  return {
    documentsOf: (db: DbOrTx, municipalityId: string) =>
      db.select(documentColumns).from(d).where(eq(d.municipalityId, municipalityId)) as unknown as Promise<DocumentRef[]>,

    summariesOf: (db: DbOrTx, municipalityId: string) =>
      db
        .select({
          id: v.id,
          documentId,
          number: v.number,
          status: v.status,
          publishedAt: v.publishedAt,
          updatedAt: v.updatedAt,
        })
        .from(v)
        .innerJoin(d, eq(d.id, documentId))
        .where(eq(d.municipalityId, municipalityId))
        .orderBy(asc(v.number)) as unknown as Promise<(VersionSummary & { documentId: string })[]>,

    findDocument: async (db: DbOrTx, municipalityId: string, ref: string) => {
      const [row] = await db
        .select(documentColumns)
        .from(d)
        .where(and(eq(kind.ref === "id" ? d.id : d.key, ref), eq(d.municipalityId, municipalityId)));
      return row as DocumentRef | undefined;
    },

    findVersion: (db: DbOrTx, id: string, number: number) =>
      one(
        db
          .select(columns)
          .from(v)
          .where(ofDocument(id, eq(v.number, number))),
      ),

    findDraft: (db: DbOrTx, id: string) =>
      one(
        db
          .select(columns)
          .from(v)
          .where(ofDocument(id, eq(v.status, "draft"))),
      ),

    latestPublished: (db: DbOrTx, id: string) =>
      one(
        db
          .select(columns)
          .from(v)
          .where(ofDocument(id, eq(v.status, "published")))
          .orderBy(desc(v.number))
          .limit(1),
      ),

    nextNumber: async (db: DbOrTx, id: string): Promise<number> => {
      const [row] = await db
        .select({ n: sql<number>`coalesce(max(${v.number}), 0)::int + 1` })
        .from(v)
        .where(eq(documentId, id));
      return row?.n ?? 1;
    },

    insertVersion: (
      db: DbOrTx,
      values: { documentId: string; number: number; content: unknown; status: VersionStatus; createdBy?: string; publishedAt?: Date },
    ) => {
      const { documentId: id, ...rest } = values;
      return one(
        db
          .insert(v)
          .values({ ...rest, [kind.documentIdField]: id } as never)
          .returning(columns),
      );
    },

    /** Changes a draft's content when its version is the one the editor read; undefined otherwise. */
    updateDraftContent: (db: DbOrTx, id: string, version: number, content: unknown) =>
      one(
        db
          .update(v)
          .set({ content, version: sql`${v.version} + 1`, updatedAt: new Date() } as never)
          .where(and(eq(v.id, id), eq(v.version, version), eq(v.status, "draft")))
          .returning(columns),
      ),

    retirePublished: (db: DbOrTx, id: string) =>
      db
        .update(v)
        .set({ status: "retired", version: sql`${v.version} + 1`, updatedAt: new Date() } as never)
        .where(ofDocument(id, eq(v.status, "published")))
        .returning({ id: v.id, number: v.number }) as unknown as Promise<{ id: string; number: number }[]>,

    publishDraft: (db: DbOrTx, id: string, version: number, userId: string) => {
      const now = new Date();
      return one(
        db
          .update(v)
          .set({ status: "published", publishedAt: now, publishedBy: userId, version: sql`${v.version} + 1`, updatedAt: now } as never)
          .where(and(eq(v.id, id), eq(v.version, version), eq(v.status, "draft")))
          .returning(columns),
      );
    },

    insertDocument: async (db: DbOrTx, values: { municipalityId: string; key: string; name: string }) => {
      const [row] = (await db
        .insert(d)
        .values(values as never)
        .returning({ id: d.id })) as { id: string }[];
      return row;
    },
  };
}

/**
 * The use cases of one kind of versioned document: list, read, and (with the manage permission)
 * start a draft, edit it and publish it. Every change is audited in the same transaction.
 */
export function versionedDocuments<C>(kind: VersionedKind<C>) {
  const store = versionStore(kind);
  // The prefix's three actions are declared (VersionedAuditPrefix), so the composed code is one.
  const action = (name: "draft_create" | "draft_update" | "publish") => `${kind.audit.prefix}.${name}` as AuditAction;

  const toVersion = (document: DocumentRef, row: VersionRow): DocumentVersion<C> => ({
    id: row.id,
    document,
    number: row.number,
    status: row.status,
    publishedAt: row.publishedAt,
    updatedAt: row.updatedAt,
    createdAt: row.createdAt,
    version: row.version,
    content: kind.content.parse(row.content),
  });

  const documentOf = async (ctx: ServiceContext, municipalityId: string, ref: string) => {
    const valid = kind.ref === "id" ? uuid.test(ref) : ref.length <= 60 && documentKey.test(ref);
    const document = valid ? await store.findDocument(ctx.db, municipalityId, ref) : undefined;
    if (!document) throw new NotFoundError();
    return document;
  };

  /** The draft to change: refused when missing, published, or (with `version`) stale. */
  const draftOf = async (tx: DbOrTx, document: DocumentRef, number: number) => {
    const current = await store.findVersion(tx, document.id, number);
    if (!current) throw new NotFoundError();
    if (!isEditable(current.status)) throw new ConflictError(kind.errors.published);
    return current;
  };

  return {
    /** The municipality's documents, by name, with every version's number and status. */
    async list(ctx: ServiceContext): Promise<DocumentSummary[]> {
      const { actor } = await authorize(ctx, kind.permissions.view);
      const [documents, versions] = await Promise.all([
        store.documentsOf(ctx.db, actor.municipalityId),
        store.summariesOf(ctx.db, actor.municipalityId),
      ]);
      return documents
        .map((doc) => ({
          ...doc,
          versions: versions.filter((v) => v.documentId === doc.id).map(({ documentId: _, ...v }) => v),
        }))
        .sort((a, b) => compareText("sv")(a.name, b.name));
    },

    /** One version with its whole content. */
    async getVersion(ctx: ServiceContext, ref: string, number: number): Promise<DocumentVersion<C>> {
      const { actor } = await authorize(ctx, kind.permissions.view);
      const document = await documentOf(ctx, actor.municipalityId, ref);
      const row = await store.findVersion(ctx.db, document.id, number);
      if (!row) throw new NotFoundError();
      return toVersion(document, row);
    },

    /**
     * The latest published version of a document, or null when there is none. Not authorized:
     * for services that have authorized their own use case (a survey answer, an audit round).
     */
    async published(db: DbOrTx, municipalityId: string, ref: string): Promise<DocumentVersion<C> | null> {
      const document = await store.findDocument(db, municipalityId, ref);
      const row = document && (await store.latestPublished(db, document.id));
      return document && row ? toVersion(document, row) : null;
    },

    /** The municipality's documents without their versions. Not authorized, like `published`. */
    documentsOf: (db: DbOrTx, municipalityId: string): Promise<DocumentRef[]> => store.documentsOf(db, municipalityId),

    /** A draft, for its edit form; a published or retired version cannot be edited. */
    async getEditableVersion(ctx: ServiceContext, ref: string, number: number): Promise<DocumentVersion<C>> {
      const { actor } = await authorize(ctx, kind.permissions.manage);
      const document = await documentOf(ctx, actor.municipalityId, ref);
      return toVersion(document, await draftOf(ctx.db, document, number));
    },

    /**
     * Starts a draft as a copy of the latest published version. A document has at most one draft:
     * asking again returns the draft that already exists.
     */
    async createDraft(ctx: ServiceContext, ref: string): Promise<DocumentVersion<C>> {
      const { actor } = await authorize(ctx, kind.permissions.manage);
      const document = await documentOf(ctx, actor.municipalityId, ref);
      return ctx.db.transaction(async (tx) => {
        const existing = await store.findDraft(tx, document.id);
        if (existing) return toVersion(document, existing);
        const source = await store.latestPublished(tx, document.id);
        if (!source) throw new ConflictError(kind.errors.nothingPublished);
        const number = await store.nextNumber(tx, document.id);
        const row = await store.insertVersion(tx, {
          documentId: document.id,
          number,
          content: source.content,
          status: "draft",
          createdBy: actor.id,
        });
        if (!row) throw new Error("the draft was not created");
        await audit(tx, ctx, {
          action: action("draft_create"),
          recordType: kind.audit.recordType,
          recordId: row.id,
          detail: { [kind.audit.documentField]: document.id, number, copiedFrom: source.number },
        });
        return toVersion(document, row);
      });
    },

    /** Replaces a draft's content; refused for a published version and for a stale version number. */
    async updateDraft(
      ctx: ServiceContext,
      ref: string,
      number: number,
      input: { version: number; content: unknown },
    ): Promise<DocumentVersion<C>> {
      const { actor } = await authorize(ctx, kind.permissions.manage);
      const parsed = kind.content.safeParse(input.content);
      if (!parsed.success) {
        throw new ValidationError(Object.fromEntries(parsed.error.issues.map((i) => [["content", ...i.path].join("."), i.message])));
      }
      const document = await documentOf(ctx, actor.municipalityId, ref);
      return ctx.db.transaction(async (tx) => {
        const current = await draftOf(tx, document, number);
        const row = await store.updateDraftContent(tx, current.id, input.version, parsed.data);
        if (!row) throw new ConflictError();
        await audit(tx, ctx, {
          action: action("draft_update"),
          recordType: kind.audit.recordType,
          recordId: row.id,
          detail: { [kind.audit.documentField]: document.id, number, version: row.version },
        });
        return toVersion(document, row);
      });
    },

    /** Publishes the draft as the document's current version; the version published until now is retired. */
    async publishDraft(ctx: ServiceContext, ref: string, number: number, input: { version: number }): Promise<DocumentVersion<C>> {
      const { actor } = await authorize(ctx, kind.permissions.manage);
      const document = await documentOf(ctx, actor.municipalityId, ref);
      return ctx.db.transaction(async (tx) => {
        const current = await draftOf(tx, document, number);
        if (current.version !== input.version) throw new ConflictError();
        const retired = await store.retirePublished(tx, document.id);
        const row = await store.publishDraft(tx, current.id, input.version, actor.id);
        if (!row) throw new ConflictError();
        await audit(tx, ctx, {
          action: action("publish"),
          recordType: kind.audit.recordType,
          recordId: row.id,
          detail: { [kind.audit.documentField]: document.id, number, retired: retired.map((r) => r.number) },
        });
        return toVersion(document, row);
      });
    },

    seed,

    /** At every start: an install made before this kind existed gets the seeded documents too. */
    async seedEverywhere(db: Db, seeded: readonly Seeded<C>[]): Promise<void> {
      const all = await db.select({ id: municipalities.id }).from(municipalities);
      for (const m of all) await db.transaction((tx) => seed(tx, m.id, seeded));
    },
  };

  /** Gives the municipality each seeded document that it does not have yet, published as version 1. */
  async function seed(db: DbOrTx, municipalityId: string, seeded: readonly Seeded<C>[]): Promise<void> {
    for (const s of seeded) {
      const content = kind.content.parse(s.content);
      const [existing] = await db
        .select({ id: kind.documents.id })
        .from(kind.documents)
        .where(and(eq(kind.documents.municipalityId, municipalityId), eq(kind.documents.key, s.key)));
      if (existing) continue;
      const row = await store.insertDocument(db, { municipalityId, key: s.key, name: s.name });
      if (!row) throw new Error(`could not seed ${s.key}`);
      await store.insertVersion(db, { documentId: row.id, number: 1, content, status: "published", publishedAt: new Date() });
    }
  }
}
