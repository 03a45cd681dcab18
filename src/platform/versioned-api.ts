/**
 * The JSON API of one kind of versioned document (decision 0024): list, read a version, start a
 * draft, change it, publish it. Each kind gives its path, its words and its content schema; the
 * routes, problems and shapes are the same for all.
 */
import { z } from "zod";
import { problems as commonProblems, problem } from "./api-schemas.ts";
import type { App } from "./http.ts";
import type { Action } from "./permissions.ts";
import { type DocumentVersion, type versionedDocuments, versionNumber, versionStatuses } from "./versioned.ts";

export interface VersionedApiSpec<C> {
  documents: ReturnType<typeof versionedDocuments<C>>;
  content: z.ZodType<C>;
  permissions: { view: Action; manage: Action };
  /** e.g. /api/v1/review-keys */
  path: string;
  /** How the URL names a document, and its description (e.g. "Granskningsnyckelns stabila nyckel, t.ex. skarpnack"). */
  param: { name: "id" | "key"; description: string };
  tag: string;
  /** The document's property in a version (workModel, instrument, reviewKey, indicator). */
  documentField: string;
  /** Extra properties of a version, with their schema (e.g. the review key's answer values). */
  extra?: { schema: z.ZodRawShape; values: () => Record<string, unknown> };
  texts: {
    /** "En granskningsnyckel" */
    document: string;
    /** "En version av en granskningsnyckel med hela sitt innehåll" */
    version: string;
    /** What published and retired mean for this kind. */
    status: string;
    content: string;
    listSummary: string;
    listDescription: string;
    getSummary: string;
    getDescription: string;
    draftSummary: string;
    updateSummary: string;
    /** Optional: what a refused change says, when the kind's words are better than the default. */
    updateDescription?: string;
    publishSummary: string;
    publishDescription: string;
    /** An example key, e.g. "skarpnack". */
    keyExample: string;
    /** 409 reasons in words. */
    conflict: string;
  };
}

const timestamp = z.iso.datetime();

// The same for every kind, so named components of the OpenAPI document (see api-schemas.ts).
const documentRef = z.object({ id: z.uuid(), key: z.string(), name: z.string() }).meta({ id: "VersionedDocumentRef" });
const updateBody = z
  .object({ version: z.number().int(), content: z.unknown().describe("Hela innehållet, som i svaret") })
  .meta({ id: "VersionUpdate" });
const publishBody = z.object({ version: z.number().int() }).meta({ id: "VersionPublish" });
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * Registers the five routes; returns the version's schema and how a version is written, for a kind
 * that adds routes of its own (e.g. creating a new indicator).
 */
export function versionedApi<C>(
  app: App,
  spec: VersionedApiSpec<C>,
): { versionSchema: z.ZodType; versionToApi: (v: DocumentVersion<C>) => never; writeProblems: Record<number, z.ZodType> } {
  const { texts, documents } = spec;
  const tags = [spec.tag];
  const readProblems = { 401: commonProblems[401], 403: commonProblems[403], 404: commonProblems[404] };
  const writeProblems = { ...commonProblems, 409: problem(texts.conflict) };
  const documentParams = z.object({ [spec.param.name]: z.string().describe(spec.param.description) });
  const versionParams = documentParams.extend({ n: z.string().describe("Versionens nummer (1, 2, …)") });
  const refOf = (params: unknown) => String((params as Record<string, string>)[spec.param.name]);

  const versionSummary = z.object({
    number: z.number().int().describe("Versionens nummer"),
    status: z.enum(versionStatuses).describe(texts.status),
    publishedAt: timestamp.nullable(),
    updatedAt: timestamp,
  });
  const documentSummary = z
    .object({
      id: z.uuid(),
      key: z.string().describe(`Stabil nyckel, t.ex. ${texts.keyExample}`),
      name: z.string(),
      versions: z.array(versionSummary).describe("Alla versioner, äldst först"),
    })
    .describe(texts.document);
  const versionSchema = versionSummary
    .extend({
      [spec.documentField]: documentRef,
      version: z.number().int().describe("Radens version: skicka med vid ändring och publicering (optimistisk låsning)"),
      ...(spec.extra?.schema ?? {}),
      content: spec.content.describe(texts.content),
    })
    .describe(texts.version);

  const summaryToApi = (v: { number: number; status: string; publishedAt: Date | null; updatedAt: Date }) => ({
    number: v.number,
    status: v.status,
    publishedAt: iso(v.publishedAt),
    updatedAt: v.updatedAt.toISOString(),
  });
  const versionToApi = (v: DocumentVersion<C>) =>
    ({
      ...summaryToApi(v),
      [spec.documentField]: v.document,
      version: v.version,
      ...(spec.extra?.values() ?? {}),
      content: v.content,
    }) as never;

  const base = `${spec.path}/:${spec.param.name}`;

  app.get(
    spec.path,
    {
      config: { permission: spec.permissions.view },
      schema: {
        tags,
        summary: texts.listSummary,
        description: texts.listDescription,
        response: { 200: z.array(documentSummary), 401: commonProblems[401], 403: commonProblems[403] },
      },
    },
    async (req) => (await documents.list(req.ctx)).map((d) => ({ ...d, versions: d.versions.map(summaryToApi) })) as never,
  );

  app.get(
    `${base}/versions/:n`,
    {
      config: { permission: spec.permissions.view },
      schema: {
        tags,
        summary: texts.getSummary,
        description: texts.getDescription,
        params: versionParams,
        response: { 200: versionSchema, ...readProblems },
      },
    },
    async (req) => versionToApi(await documents.getVersion(req.ctx, refOf(req.params), versionNumber(req.params.n as string))),
  );

  app.post(
    `${base}/drafts`,
    {
      config: { permission: spec.permissions.manage },
      schema: {
        tags,
        summary: texts.draftSummary,
        description: "Ett nytt utkast som kopia av den senast publicerade versionen. Finns redan ett utkast returneras det. Loggas.",
        params: documentParams,
        response: { 201: versionSchema, ...writeProblems },
      },
    },
    async (req, reply) => reply.code(201).send(versionToApi(await documents.createDraft(req.ctx, refOf(req.params)))),
  );

  app.put(
    `${base}/versions/:n`,
    {
      config: { permission: spec.permissions.manage },
      schema: {
        tags,
        summary: texts.updateSummary,
        description:
          "Ersätter utkastets innehåll. En publicerad version kan aldrig ändras (409). version måste vara den senast lästa. Loggas.",
        params: versionParams,
        body: updateBody,
        response: { 200: versionSchema, ...writeProblems },
      },
    },
    async (req) =>
      versionToApi(
        await documents.updateDraft(req.ctx, refOf(req.params), versionNumber(req.params.n as string), {
          version: req.body.version,
          content: req.body.content,
        }),
      ),
  );

  app.post(
    `${base}/versions/:n/publish`,
    {
      config: { permission: spec.permissions.manage },
      schema: {
        tags,
        summary: texts.publishSummary,
        description: texts.publishDescription,
        params: versionParams,
        body: publishBody,
        response: { 200: versionSchema, ...writeProblems },
      },
    },
    async (req) => versionToApi(await documents.publishDraft(req.ctx, refOf(req.params), versionNumber(req.params.n as string), req.body)),
  );

  return { versionSchema, versionToApi, writeProblems };
}
