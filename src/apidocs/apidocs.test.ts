import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, get, login, type TestApp } from "../../test/helpers.ts";
import { isAction } from "../platform/permissions.ts";
import { type OpenApiDocument, toReference } from "./model.ts";

let t: TestApp;
let doc: OpenApiDocument & { components: { securitySchemes: Record<string, unknown> } };
beforeAll(async () => {
  t = await createTestApp();
  const res = await t.app.inject({ method: "GET", url: "/api/v1/openapi.json" });
  expect(res.statusCode).toBe(200);
  expect(res.headers["content-type"]).toContain("application/json");
  doc = res.json();
});
afterAll(() => t.close());

const METHODS = ["get", "post", "put", "patch", "delete"];

type Op = {
  tags?: string[];
  summary?: string;
  parameters?: Array<{ name: string; in: string }>;
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
  "x-permission"?: string;
};

function operations(): Array<{ path: string; method: string; op: Op }> {
  return Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    METHODS.filter((m) => m in item).map((method) => ({ path, method, op: item[method] as Op })),
  );
}

/** Every `$ref` anywhere in the document. */
function refs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) refs(n, out);
  else if (node && typeof node === "object") {
    for (const [k, v] of Object.entries(node)) {
      if (k === "$ref" && typeof v === "string") out.push(v);
      else refs(v, out);
    }
  }
  return out;
}

describe("GET /api/v1/openapi.json", () => {
  it("is an OpenAPI 3.1.0 document with the bearer scheme required by default", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info).toMatchObject({ title: "Sofia API", version: "1" });
    expect(doc.components.securitySchemes).toEqual({ accessToken: { type: "http", scheme: "bearer" } });
    expect(doc.security).toEqual([{ accessToken: [] }]);
  });

  it("lists the account operations with their schemas, tag and permission", () => {
    const paths = doc.paths ?? {};
    expect(paths["/api/v1/me"]).toHaveProperty("get");
    expect(paths["/api/v1/tokens"]).toHaveProperty("get");
    expect(paths["/api/v1/tokens/{id}"]).toHaveProperty("delete");
    expect(paths["/api/v1/tokens"]).not.toHaveProperty("post");
    const list = paths["/api/v1/tokens"]?.get as Op;
    expect(list.tags).toEqual(["Konto"]);
    expect(list.summary).toMatch(/skapas bara i webbgränssnittet/);
    expect(list["x-permission"]).toBe("account.manage_own");
    expect((paths["/api/v1/me"]?.get as Op | undefined)?.["x-permission"]).toBe("authenticated");
    expect(JSON.stringify(list.responses?.["200"])).toContain('"prefix"');
    expect(JSON.stringify(list.responses?.["200"])).not.toContain("tokenHash");
  });

  it("holds only API operations, each tagged, described, with its permission and declared path parameters", () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThanOrEqual(3);
    for (const { path, method, op } of ops) {
      const where = `${method.toUpperCase()} ${path}`;
      expect(path, where).toMatch(/^\/api\/v1\//);
      expect(op.tags?.length, where).toBeGreaterThan(0);
      expect(op.summary, where).toBeTruthy();
      const permission = op["x-permission"] ?? "";
      expect(isAction(permission) || permission === "authenticated" || permission === "public", where).toBe(true);
      expect(Object.keys(op.responses ?? {}).length, where).toBeGreaterThan(0);
      for (const r of Object.values(op.responses ?? {})) expect(typeof r.description, where).toBe("string");
      const declared = (op.parameters ?? []).filter((p) => p.in === "path").map((p) => p.name);
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      expect(declared.sort(), where).toEqual(templated.sort());
    }
    const paths = Object.keys(doc.paths ?? {});
    for (const hidden of ["/api/v1/openapi.json", "/api/v1/docs", "/konto", "/start", "/api-dokumentation"])
      expect(paths).not.toContain(hidden);
  });

  it("names the shared schemas once, as components that every reference reaches", () => {
    // Shared schemas carry a zod registry id (platform/api-schemas.ts, platform/versioned-api.ts),
    // so the document holds each once and the routes point at it. An empty set here means the
    // components are gone, and the rest of this test would have nothing to check.
    const found = refs(doc);
    const schemas = doc.components.schemas ?? {};
    expect(new Set(found)).toEqual(
      new Set(
        ["Problem", "ImportRowsProblem", "VersionedDocumentRef", "VersionUpdateInput", "VersionPublishInput"].map(
          (n) => `#/components/schemas/${n}`,
        ),
      ),
    );
    for (const ref of found) {
      expect(ref, ref).toMatch(/^#\/components\/schemas\//);
      expect(schemas, ref).toHaveProperty([ref.replace("#/components/schemas/", "")]);
    }
    // No component that nothing uses.
    expect(Object.keys(schemas).sort()).toEqual([...new Set(found)].map((r) => r.replace("#/components/schemas/", "")).sort());
    // Every error answer of every operation is the one problem+json schema, with its own description;
    // a file import's refused rows are the same problem with the rows listed (ImportRowsProblem).
    const errors = operations().flatMap(({ path, method, op }) =>
      Object.entries(op.responses ?? {})
        .filter(([status]) => Number(status) >= 400)
        .map(([status, r]) => ({ where: `${method.toUpperCase()} ${path} ${status}`, r })),
    );
    expect(errors.length).toBeGreaterThanOrEqual(operations().length);
    // Every import refuses its bad rows with ImportRowsProblem (its 400), and no other answer does.
    const imports = [
      "POST /api/v1/economy/projects/{id}/imports/file 400",
      "POST /api/v1/survey-campaigns/{id}/imports 400",
      "POST /api/v1/survey-responses/paper-imports 400",
      "POST /api/v1/outcomes/imports 400",
      "POST /api/v1/comparison-groups 400",
    ];
    for (const where of imports)
      expect(
        errors.map((e) => e.where),
        where,
      ).toContain(where);
    for (const { where, r } of errors) {
      const expected = imports.includes(where) ? "ImportRowsProblem" : "Problem";
      const schema = r.content?.["application/json"]?.schema as { $ref?: string } | undefined;
      expect(schema, where).toEqual({ $ref: `#/components/schemas/${expected}` });
      expect(r.description, where).toMatch(/\(application\/problem\+json\)$/);
    }
    expect(found.filter((r) => r === "#/components/schemas/Problem" || r === "#/components/schemas/ImportRowsProblem")).toHaveLength(
      errors.length,
    );
    expect(schemas.Problem?.required).toEqual(["type", "title", "status"]);
  });

  it("needs no token", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/v1/openapi.json", headers: { authorization: "Bearer nonsense" } });
    expect(res.statusCode).toBe(200);
  });
});

describe("the API reference page", () => {
  it("renders every operation of the document, with the intro, on a public page without inline script", async () => {
    const res = await get(t.app, null, "/api-dokumentation");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/html");
    const html = res.body;
    expect(html.match(/<h1/g)).toHaveLength(1);
    for (const section of ["Kom igång", "Autentisering", "Fel", "Versioner"]) expect(html).toContain(section);
    expect(html).toContain('href="/konto"');
    expect(html).toContain("Authorization: Bearer sofia_pat_…");
    expect(html).toContain("application/problem+json");
    expect(html).toContain('href="/api/v1/openapi.json"');

    // The index links every operation on its tag's page; each tag's page has its operations in full.
    const reference = toReference(doc);
    const pages: string[] = [html];
    for (const tag of reference.tags) {
      const page = await get(t.app, null, `/api-dokumentation/${tag.id}`);
      expect(page.statusCode).toBe(200);
      expect(page.body.match(/<h1/g)).toHaveLength(1);
      pages.push(page.body);
      for (const op of tag.operations) {
        expect(html).toContain(`href="/api-dokumentation/${tag.id}#${op.id}"`);
        expect(page.body).toContain(`id="${op.id}"`);
        expect(page.body).toContain(`href="#${op.id}"`);
        expect(page.body).toContain(`<code>${op.path}</code>`);
      }
    }
    expect((await get(t.app, null, "/api-dokumentation/tag-finns-inte")).statusCode).toBe(404);
    const all = pages.join("");
    expect(all).toContain("Hantera sitt eget konto och sina API-nycklar (account.manage_own)");
    expect(all).toContain("Parametrar för DELETE /api/v1/tokens/{id}");
    expect(all).toContain("Svar på GET /api/v1/me");
    expect(all).toContain("Nyckeln är återkallad");
    // The fields of a response, with types from the schema.
    expect(all).toContain("<code>lastUsedAt</code>");
    expect(all).toContain("string (date-time) | null");

    for (const page of pages) {
      for (const [, attrs, body] of page.matchAll(/<script([^>]*)>(.*?)<\/script>/g)) {
        expect(attrs).toMatch(/src="\/static\//);
        expect(body).toBe("");
      }
      expect(page).not.toMatch(/\sstyle=/);
      expect(page).not.toContain("Inloggad som");
    }
  });

  it("shows the signed-in user's frame, and speaks English on request", async () => {
    const browser = await login(t.app, "processledare");
    const res = await get(t.app, browser, "/api-dokumentation");
    expect(res.body).toContain("Inloggad som");
    const en = await t.app.inject({ method: "GET", url: "/api-dokumentation", headers: { cookie: "sofia_lang=en" } });
    expect(en.body).toContain('<html lang="en"');
    expect(en.body).toContain("API reference");
    expect(en.body).toContain("The descriptions of the operations are in Swedish.");
  });

  it("is reached from the old address, the start page and My account", async () => {
    const old = await get(t.app, null, "/api/v1/docs");
    expect(old.statusCode).toBe(301);
    expect(old.headers.location).toBe("/api-dokumentation");
    const browser = await login(t.app, "analytiker");
    expect((await get(t.app, browser, "/start")).body).toContain('href="/api-dokumentation"');
    expect((await get(t.app, browser, "/konto")).body).toContain('href="/api-dokumentation"');
  });
});
