import { z } from "zod";

/**
 * Schemas that several API routes share carry an `id` in zod's global registry (`.meta({ id })`):
 * fastify-type-provider-zod then writes them once under `components.schemas` of the OpenAPI
 * document and every use as a `$ref` (an input schema's component is named `<id>Input`).
 */

/** The problem+json body every API error has (RFC 9457): the component `Problem`. */
const Problem = z
  .object({
    type: z.string(),
    title: z.string().describe("Vad som gick fel, på svenska (engelska med Accept-Language: en)"),
    status: z.number().int(),
    errors: z
      .array(z.object({ field: z.string().describe("Fältet som är fel"), message: z.string().describe("Vad som är fel med det") }))
      .optional()
      .describe("Fel per fält, när indata inte godtogs"),
  })
  .meta({ id: "Problem" });

/** An error answer: a `$ref` to `Problem`, with what this answer means as the response's description. */
export const problem = (description: string) => Problem.describe(`${description} (application/problem+json)`);

/** The usual error answers; a route picks those it can give. */
export const problems = {
  400: problem("Felaktig indata: fel per fält"),
  401: problem("Nyckel saknas, är okänd, återkallad eller har gått ut"),
  403: problem("Nyckeln eller användarens roller saknar behörigheten; försöket loggas"),
  404: problem("Det finns ingen sådan post som du får se"),
};

/** One bad row of an imported file: its row (the header row is row 1), column and reason. */
export interface ImportRowError {
  row: number;
  /** The column's key as the file has it, or "file" for the file as a whole. */
  column: string;
  /** The column as people call it, in the reader's language. */
  columnName: string;
  reason: string;
}

/**
 * The answer every file import gives when its rows are refused (component `ImportRowsProblem`):
 * the field errors (`rows.<row>.<column>`) as every problem has them, and each bad row with its
 * row, column and reason. Nothing was imported.
 */
export const importRowsProblem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).describe("Varje fel som fält (rows.<rad>.<kolumn>) och text"),
    rows: z
      .array(
        z.object({
          row: z.number().int().describe("Raden i filen (rubrikraden är rad 1)"),
          column: z.string().describe("Kolumnens nyckel i filen, eller file för filen som helhet"),
          columnName: z.string().describe("Kolumnens namn, på svenska"),
          reason: z.string().describe("Vad som är fel, på svenska"),
        }),
      )
      .optional()
      .describe("Varje felaktig rad, när filen lästes men raderna inte godtogs"),
  })
  .meta({ id: "ImportRowsProblem" });

/** The body of that answer (sent with status 400, application/problem+json, no-store); `message` writes a row's field error. */
export function importRowsProblemBody(title: string, rows: readonly ImportRowError[], message: (r: ImportRowError) => string): string {
  return JSON.stringify({
    type: "about:blank",
    title,
    status: 400,
    errors: rows.map((r) => ({ field: `rows.${r.row}.${r.column}`, message: message(r) })),
    rows,
  });
}

type SchemaMap = Record<string, unknown>;

/**
 * The document's `components.schemas` cut to those a `$ref` reaches (directly or through another
 * component): the registry holds an input and an output form of every named schema, and is
 * global. `$id` and `$schema` are dropped from each, since the document gives the address.
 */
export function onlyReferencedSchemas<D extends object>(doc: D): D {
  const { components, ...rest } = doc as { components?: { schemas?: SchemaMap } };
  const all = components?.schemas;
  if (!all) return doc;
  const prefix = "#/components/schemas/";
  const used = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) for (const n of node) visit(n);
    else if (node && typeof node === "object") {
      for (const [k, v] of Object.entries(node)) {
        if (k === "$ref" && typeof v === "string" && v.startsWith(prefix)) {
          const name = v.slice(prefix.length);
          if (!used.has(name) && name in all) {
            used.add(name);
            visit(all[name]);
          }
        } else visit(v);
      }
    }
  };
  visit(rest);
  const schemas: SchemaMap = {};
  for (const name of Object.keys(all).filter((n) => used.has(n))) {
    const { $id: _id, $schema: _schema, ...schema } = all[name] as SchemaMap;
    schemas[name] = schema;
  }
  return { ...doc, components: { ...components, schemas } };
}
