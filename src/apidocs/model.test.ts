import { describe, expect, it } from "vitest";
import { type JsonSchema, type OpenApiDocument, slug, toReference, typeLabel } from "./model.ts";

const problem: JsonSchema = {
  type: "object",
  properties: { type: { type: "string" }, title: { type: "string" }, status: { type: "integer" } },
  required: ["type", "title", "status"],
};

const doc: OpenApiDocument = {
  openapi: "3.1.0",
  info: { title: "Sofia API", version: "1", description: "JSON-API" },
  tags: [{ name: "Ärenden", description: "Familjernas ärenden" }],
  security: [{ accessToken: [] }],
  components: {
    securitySchemes: { accessToken: { type: "http", scheme: "bearer" } },
    schemas: {
      Person: {
        type: "object",
        description: "En familjemedlem",
        properties: {
          name: { type: "string", minLength: 1, maxLength: 200, description: "Namn" },
          birthYear: { type: "integer", minimum: 1900, maximum: 9007199254740991 },
          relatives: { type: "array", items: { $ref: "#/components/schemas/Person" } },
        },
        required: ["name"],
      },
    },
  },
  paths: {
    "/api/v1/cases/{id}": {
      summary: "not an operation",
      parameters: [],
      delete: { tags: ["Ärenden"], summary: "Ta bort", responses: { "204": { description: "Borttaget" } } },
      get: {
        tags: ["Ärenden"],
        summary: "Läs ett ärende",
        "x-permission": "cases.view",
        parameters: [
          { name: "id", in: "path", schema: { type: "string", format: "uuid", pattern: "^[0-9a-f-]+$", description: "Ärendets id" } },
          { name: "expand", in: "query", required: false, schema: { enum: ["people", "meetings"] }, description: "Ta med mer" },
        ],
        responses: {
          "404": { description: "Default Response", content: { "application/json": { schema: problem } } },
          "200": {
            description: "Ärendet",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: {
                    id: { type: "string", format: "uuid" },
                    status: { type: "string", enum: ["open", "closed"], default: "open" },
                    closedAt: { anyOf: [{ type: "string", format: "date-time", description: "Stängt" }, { type: "null" }] },
                    note: { type: ["string", "null"], maxLength: 500 },
                    owner: { $ref: "#/components/schemas/Person" },
                    people: { type: "array", items: { $ref: "#/components/schemas/Person" }, minItems: 1 },
                    address: { type: "object", properties: { street: { type: "string" } }, required: ["street"] },
                  },
                  required: ["id", "status", "owner"],
                },
              },
            },
          },
        },
      },
    },
    "/api/v1/cases": {
      post: {
        tags: ["Ärenden"],
        summary: "Skapa ett ärende",
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: {
                allOf: [
                  { type: "object", properties: { title: { type: "string" } }, required: ["title"] },
                  { type: "object", properties: { unitId: { type: "string", format: "uuid" } } },
                ],
              },
            },
          },
        },
        responses: { "201": { description: "Skapat" } },
      },
      get: {
        tags: ["Ärenden"],
        summary: "Lista ärenden",
        deprecated: true,
        responses: {
          "200": {
            description: "Ärendena",
            content: { "application/json": { schema: { type: "array", items: { $ref: "#/components/schemas/Person" } } } },
          },
        },
      },
    },
    "/api/v1/me": { get: { tags: ["Konto"], summary: "Vem är jag", responses: { "200": { description: "Jag" } } } },
    "/api/v1/status": { get: { security: [], responses: { "200": { description: "Uppe" } } } },
    "/api/v1/users": { get: { tags: ["Användare"], responses: {} } },
  },
};

const ref = toReference(doc);
const tag = (name: string) => ref.tags.find((t) => t.name === name)!;
const op = (path: string, method: string) => ref.tags.flatMap((t) => t.operations).find((o) => o.path === path && o.method === method)!;

describe("the reference of an OpenAPI document", () => {
  it("keeps the document's title, version and OpenAPI version", () => {
    expect(ref).toMatchObject({ title: "Sofia API", version: "1", openapi: "3.1.0", description: "JSON-API" });
  });

  it("groups operations by tag in Swedish order, operations without a tag last", () => {
    expect(ref.tags.map((t) => t.name)).toEqual(["Användare", "Konto", "Ärenden", ""]);
    expect(tag("Ärenden")).toMatchObject({ id: "tag-arenden", description: "Familjernas ärenden" });
    expect(tag("").id).toBe("tag-other");
  });

  it("orders a tag's operations by path, then GET before POST before DELETE, and skips non-operations", () => {
    expect(tag("Ärenden").operations.map((o) => `${o.method} ${o.path}`)).toEqual([
      "GET /api/v1/cases",
      "POST /api/v1/cases",
      "GET /api/v1/cases/{id}",
      "DELETE /api/v1/cases/{id}",
    ]);
  });

  it("gives each operation a stable anchor", () => {
    expect(op("/api/v1/cases/{id}", "GET").id).toBe("get-api-v1-cases-id");
    expect(slug("Logguppföljning")).toBe("logguppfoljning");
    expect(slug("!!!")).toBe("x");
  });

  it("tells which operations need a token and which permission", () => {
    expect(op("/api/v1/cases/{id}", "GET")).toMatchObject({ authenticated: true, permission: "cases.view" });
    expect(op("/api/v1/status", "GET")).toMatchObject({ authenticated: false, permission: undefined });
    expect(op("/api/v1/cases", "GET").deprecated).toBe(true);
    expect(op("/api/v1/cases", "POST").deprecated).toBe(false);
  });

  it("lists parameters: path parameters are required; the description may come from the schema", () => {
    expect(op("/api/v1/cases/{id}", "GET").parameters).toEqual([
      { name: "id", in: "path", type: "string (uuid)", required: true, description: "Ärendets id", constraints: {} },
      { name: "expand", in: "query", type: '"people" | "meetings"', required: false, description: "Ta med mer", constraints: {} },
    ]);
  });

  it("flattens a response body: references, nested objects, lists of objects, nullability, constraints", () => {
    const ok = op("/api/v1/cases/{id}", "GET").responses.find((r) => r.status === "200")!;
    expect(ok.body).toMatchObject({ contentType: "application/json", type: "object" });
    const fields = Object.fromEntries(ok.body!.fields.map((f) => [f.name, f]));
    expect(Object.keys(fields)).toEqual([
      "id",
      "status",
      "closedAt",
      "note",
      "owner",
      "owner.name",
      "owner.birthYear",
      "owner.relatives",
      "people",
      "people[].name",
      "people[].birthYear",
      "people[].relatives",
      "address",
      "address.street",
    ]);
    expect(fields.status).toMatchObject({ type: '"open" | "closed"', required: true, constraints: { default: '"open"' } });
    expect(fields.closedAt).toMatchObject({ type: "string (date-time) | null", required: false, description: "Stängt" });
    expect(fields.note).toMatchObject({ type: "string | null", constraints: { maxLength: 500 } });
    expect(fields.owner).toMatchObject({ type: "Person", required: true, description: "En familjemedlem" });
    expect(fields["owner.name"]).toMatchObject({ type: "string", required: true, constraints: { minLength: 1, maxLength: 200 } });
    // A bound at the edge of the safe integers says nothing to a reader.
    expect(fields["owner.birthYear"]).toMatchObject({ type: "integer", required: false, constraints: { minimum: 1900 } });
    expect(fields["owner.relatives"]).toMatchObject({ type: "array<Person>" });
    expect(fields.people).toMatchObject({ type: "array<Person>", constraints: { minItems: 1 } });
    expect(fields["address.street"]).toMatchObject({ required: true });
  });

  it("does not follow a schema that refers to itself", () => {
    const ok = op("/api/v1/cases/{id}", "GET").responses.find((r) => r.status === "200")!;
    expect(ok.body!.fields.filter((f) => f.name.startsWith("owner.relatives"))).toHaveLength(1);
  });

  it("describes a list body by its items", () => {
    const body = op("/api/v1/cases", "GET").responses[0]!.body!;
    expect(body.type).toBe("array<Person>");
    expect(body.fields.map((f) => f.name)).toEqual(["name", "birthYear", "relatives"]);
  });

  it("merges allOf parts of a request body and keeps whether it is required", () => {
    const body = op("/api/v1/cases", "POST").body!;
    expect(body.required).toBe(true);
    expect(body.fields).toEqual([
      { name: "title", type: "string", required: true, description: undefined, constraints: {} },
      { name: "unitId", type: "string (uuid)", required: false, description: undefined, constraints: {} },
    ]);
    expect(op("/api/v1/me", "GET").body).toBeUndefined();
  });

  it("sorts responses by status and drops the placeholder description", () => {
    const responses = op("/api/v1/cases/{id}", "GET").responses;
    expect(responses.map((r) => [r.status, r.description])).toEqual([
      ["200", "Ärendet"],
      ["404", ""],
    ]);
    expect(op("/api/v1/cases/{id}", "DELETE").responses).toEqual([{ status: "204", description: "Borttaget", body: undefined }]);
    expect(op("/api/v1/users", "GET").responses).toEqual([]);
  });
});

describe("type labels", () => {
  it("are compact and language-neutral", () => {
    const none = {};
    expect(typeLabel({ type: "array", items: { type: "integer", format: "int64" } }, none)).toBe("array<integer (int64)>");
    expect(typeLabel({ type: "array" }, none)).toBe("array<any>");
    expect(typeLabel({ const: 2 }, none)).toBe("2");
    expect(typeLabel({}, none)).toBe("any");
    expect(typeLabel({ properties: {} }, none)).toBe("object");
    expect(typeLabel({ oneOf: [{ type: "string" }, { type: "string" }, { type: "number" }] }, none)).toBe("string | number");
    expect(typeLabel({ $ref: "#/components/schemas/Unit" }, none)).toBe("Unit");
    expect(typeLabel({ allOf: [{ $ref: "#/components/schemas/Unit" }] }, none)).toBe("Unit");
  });
});
