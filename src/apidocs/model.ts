/**
 * The OpenAPI 3.1 document turned into what the reference page shows: operations grouped by tag,
 * each with its parameters, request body fields and responses. Pure: no I/O, no framework.
 */
import { paths } from "./paths.ts";

/** Where the reference page is served: outside /api, so that the signed-in user's frame shows. */
export const API_DOCS_PATH = paths.docs.href();

/** The part of a JSON Schema (2020-12, as OpenAPI 3.1 uses it) that the page reads. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  description?: string;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
}

interface MediaType {
  schema?: JsonSchema;
}

interface Operation {
  tags?: string[];
  summary?: string;
  description?: string;
  operationId?: string;
  deprecated?: boolean;
  security?: Array<Record<string, string[]>>;
  parameters?: Array<{ name: string; in: string; required?: boolean; description?: string; schema?: JsonSchema }>;
  requestBody?: { required?: boolean; description?: string; content?: Record<string, MediaType> };
  responses?: Record<string, { description?: string; content?: Record<string, MediaType> }>;
  "x-permission"?: string;
}

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description?: string };
  tags?: Array<{ name: string; description?: string }>;
  security?: Array<Record<string, string[]>>;
  paths?: Record<string, Record<string, Operation | unknown>>;
  components?: { schemas?: Record<string, JsonSchema>; securitySchemes?: Record<string, unknown> };
}

export interface Constraints {
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  default?: string;
}

export interface FieldDoc {
  /** Dotted path; `[]` marks the items of a list: `items[].name`. */
  name: string;
  /** Compact, language-neutral type: `string (uuid)`, `array<string>`, `"a" | "b"`, `string | null`. */
  type: string;
  required: boolean;
  description?: string;
  constraints: Constraints;
}

export interface ParameterDoc extends FieldDoc {
  in: string;
}

export interface BodyDoc {
  contentType: string;
  /** The type of the whole body, e.g. `object` or `array<object>`. */
  type: string;
  description?: string;
  /** Fields of the object, or of each item when the body is a list. */
  fields: FieldDoc[];
}

export interface ResponseDoc {
  status: string;
  /** Empty when the route did not describe the response. */
  description: string;
  body?: BodyDoc;
}

export interface OperationDoc {
  /** A stable anchor for the page: `get-api-v1-tokens-id`. */
  id: string;
  method: string;
  path: string;
  summary?: string;
  description?: string;
  deprecated: boolean;
  /** Whether a token must be sent. */
  authenticated: boolean;
  /** What the route requires: an action of the policy table, `authenticated` or `public`. */
  permission?: string;
  parameters: ParameterDoc[];
  body?: BodyDoc & { required: boolean };
  responses: ResponseDoc[];
}

export interface TagDoc {
  /** Empty for operations without a tag. */
  name: string;
  id: string;
  description?: string;
  operations: OperationDoc[];
}

export interface ApiReference {
  title: string;
  version: string;
  openapi: string;
  description?: string;
  tags: TagDoc[];
}

const METHODS = ["get", "post", "put", "patch", "delete", "head", "options", "trace"] as const;
const MAX_DEPTH = 5;
const collator = new Intl.Collator("sv-SE");

/** An anchor-safe id: lower case ASCII, words joined by dashes (å, ä, ö lose their marks). */
export function slug(text: string): string {
  return (
    text
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "x"
  );
}

export function toReference(doc: OpenApiDocument): ApiReference {
  const schemas = doc.components?.schemas ?? {};
  const byTag = new Map<string, OperationDoc[]>();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method] as Operation | undefined;
      if (!op || typeof op !== "object") continue;
      const security = op.security ?? doc.security ?? [];
      const operation: OperationDoc = {
        id: slug(`${method} ${path}`),
        method: method.toUpperCase(),
        path,
        summary: op.summary,
        description: op.description,
        deprecated: op.deprecated === true,
        authenticated: security.some((s) => Object.keys(s).length > 0) && !security.some((s) => Object.keys(s).length === 0),
        permission: op["x-permission"],
        parameters: (op.parameters ?? []).map((p) => ({
          ...describe(p.name, p.schema ?? {}, p.in === "path" || p.required === true, schemas),
          description: p.description ?? resolve(p.schema ?? {}, schemas).description,
          in: p.in,
        })),
        body: bodyOf(op.requestBody?.content, schemas, op.requestBody?.description),
        responses: Object.entries(op.responses ?? {})
          .map(([status, r]) => ({ status, description: ownDescription(r.description), body: bodyOf(r.content, schemas) }))
          .sort((a, b) => a.status.localeCompare(b.status)),
      };
      if (operation.body) operation.body.required = op.requestBody?.required === true;
      for (const tag of op.tags?.length ? op.tags : [""]) {
        const list = byTag.get(tag) ?? [];
        list.push(operation);
        byTag.set(tag, list);
      }
    }
  }
  const tagInfo = new Map((doc.tags ?? []).map((t) => [t.name, t.description]));
  const tags = [...byTag.entries()]
    // Named tags in Swedish order; operations without a tag last.
    .sort(([a], [b]) => (a === "" ? 1 : b === "" ? -1 : collator.compare(a, b)))
    .map(([name, operations]) => ({
      name,
      id: `tag-${slug(name || "other")}`,
      description: tagInfo.get(name),
      operations: operations.sort((a, b) => a.path.localeCompare(b.path) || methodRank(a.method) - methodRank(b.method)),
    }));
  return {
    title: doc.info.title,
    version: doc.info.version,
    openapi: doc.openapi,
    description: doc.info.description,
    tags,
  };
}

/** @fastify/swagger's stand-in for a response nobody described: no description at all. */
const SWAGGER_PLACEHOLDER = "Default Response";
const ownDescription = (text: string | undefined) => (text && text !== SWAGGER_PLACEHOLDER ? text : "");

const methodRank = (m: string) => METHODS.indexOf(m.toLowerCase() as (typeof METHODS)[number]);

function bodyOf(
  content: Record<string, MediaType> | undefined,
  schemas: Record<string, JsonSchema>,
  description?: string,
): (BodyDoc & { required: boolean }) | undefined {
  const entry = Object.entries(content ?? {})[0];
  if (!entry) return undefined;
  const [contentType, media] = entry;
  const raw = media.schema ?? {};
  const schema = resolve(raw, schemas);
  const item = isArray(schema) && schema.items ? schema.items : raw;
  const seen = new Set([raw.$ref, item.$ref].filter((r): r is string => r !== undefined));
  return {
    contentType,
    type: typeLabel(raw, schemas),
    description: description ?? schema.description,
    fields: fieldsOf(resolve(item, schemas), schemas, "", seen, 0),
    required: false,
  };
}

/** Follows local references (`#/components/schemas/Name`); an unknown reference stays as it is. */
export function resolve(schema: JsonSchema, schemas: Record<string, JsonSchema>, seen = new Set<string>()): JsonSchema {
  if (!schema.$ref) return schema;
  const name = refName(schema.$ref);
  const target = name === undefined ? undefined : schemas[name];
  if (!target || seen.has(schema.$ref)) return schema;
  seen.add(schema.$ref);
  const { $ref: _, ...rest } = schema;
  return { ...resolve(target, schemas, seen), ...rest };
}

const refName = (ref: string) => (ref.startsWith("#/components/schemas/") ? decodeURIComponent(ref.slice(21)) : undefined);

function typesOf(schema: JsonSchema): string[] {
  return Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
}

function isArray(schema: JsonSchema): boolean {
  return typesOf(schema).includes("array");
}

function isObject(schema: JsonSchema): boolean {
  return typesOf(schema).includes("object") || (!schema.type && schema.properties !== undefined);
}

/** The properties of an object schema, allOf parts merged. */
function propertiesOf(
  schema: JsonSchema,
  schemas: Record<string, JsonSchema>,
): { properties: Record<string, JsonSchema>; required: string[] } {
  const properties: Record<string, JsonSchema> = { ...(schema.properties ?? {}) };
  const required = [...(schema.required ?? [])];
  for (const part of schema.allOf ?? []) {
    const merged = propertiesOf(resolve(part, schemas), schemas);
    Object.assign(properties, merged.properties);
    required.push(...merged.required);
  }
  return { properties, required };
}

/** One row per property, nested objects and lists of objects flattened into dotted names. */
function fieldsOf(schema: JsonSchema, schemas: Record<string, JsonSchema>, prefix: string, seen: Set<string>, depth: number): FieldDoc[] {
  if (depth > MAX_DEPTH) return [];
  const { properties, required } = propertiesOf(schema, schemas);
  const rows: FieldDoc[] = [];
  for (const [key, raw] of Object.entries(properties)) {
    const name = prefix ? `${prefix}.${key}` : key;
    rows.push(describe(name, raw, required.includes(key), schemas));
    // A schema that refers to itself is listed once, not followed forever.
    if (raw.$ref && seen.has(raw.$ref)) continue;
    const inner = new Set(seen);
    if (raw.$ref) inner.add(raw.$ref);
    const child = withoutNull(resolve(raw, schemas), schemas);
    if (isObject(child)) rows.push(...fieldsOf(child, schemas, name, inner, depth + 1));
    else if (isArray(child) && child.items) {
      const item = withoutNull(resolve(child.items, schemas), schemas);
      if (child.items.$ref && inner.has(child.items.$ref)) continue;
      if (child.items.$ref) inner.add(child.items.$ref);
      if (isObject(item)) rows.push(...fieldsOf(item, schemas, `${name}[]`, inner, depth + 1));
    }
  }
  return rows;
}

/** `X | null` written as anyOf: the non-null part, so that its fields can be listed. */
function withoutNull(schema: JsonSchema, schemas: Record<string, JsonSchema>): JsonSchema {
  const parts = (schema.anyOf ?? schema.oneOf)?.filter((p) => !typesOf(p).includes("null") || typesOf(p).length > 1);
  const only = parts?.length === 1 ? parts[0] : undefined;
  return only ? resolve(only, schemas) : schema;
}

function describe(name: string, raw: JsonSchema, required: boolean, schemas: Record<string, JsonSchema>): FieldDoc {
  const schema = resolve(raw, schemas);
  const inner = withoutNull(schema, schemas);
  return {
    name,
    type: typeLabel(raw, schemas),
    required,
    description: schema.description ?? inner.description,
    constraints: constraintsOf(inner),
  };
}

function constraintsOf(schema: JsonSchema): Constraints {
  const c: Constraints = {};
  for (const key of ["minLength", "maxLength", "minimum", "maximum", "minItems", "maxItems"] as const) {
    const v = schema[key];
    if (typeof v === "number" && Number.isFinite(v) && Math.abs(v) < Number.MAX_SAFE_INTEGER) c[key] = v;
  }
  // A format (uuid, date-time, email) says more to a reader than the pattern that checks it.
  if (schema.pattern && !schema.format) c.pattern = schema.pattern;
  if (schema.default !== undefined) c.default = JSON.stringify(schema.default);
  return c;
}

/** A compact type: named references by name, enums by their values, nullability as `| null`. */
export function typeLabel(schema: JsonSchema, schemas: Record<string, JsonSchema>, depth = 0): string {
  if (depth > MAX_DEPTH) return "…";
  if (schema.$ref) return refName(schema.$ref) ?? schema.$ref;
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return [...new Set(union.map((s) => typeLabel(s, schemas, depth + 1)))].join(" | ");
  if (schema.allOf?.length === 1 && schema.allOf[0]) return typeLabel(schema.allOf[0], schemas, depth + 1);
  if (schema.allOf) return "object";
  const types = typesOf(schema);
  if (types.length === 0) return schema.properties ? "object" : "any";
  return types
    .map((type) => {
      if (type === "array") return `array<${schema.items ? typeLabel(schema.items, schemas, depth + 1) : "any"}>`;
      if ((type === "string" || type === "integer" || type === "number") && schema.format) return `${type} (${schema.format})`;
      return type;
    })
    .join(" | ");
}
