import { and, asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  apiCall,
  apiToken,
  createTestApp,
  createTestDatabase,
  get,
  login,
  postForm,
  rerunMigration,
  type TestApp,
} from "../../test/helpers.ts";
import { auditLog, municipalities, securityLog, workModels, workModelVersions } from "../db/schema/index.ts";
import { seedBootstrap } from "../demo/index.ts";
import { type Content, contentSchema } from "./model.ts";
import { familyProcessSupportModel, seedWorkModels, sofiaModel } from "./seed.ts";

let t: TestApp;
const db = () => t.database.db;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const h1Count = (html: string) => (html.match(/<h1[\s>]/g) ?? []).length;
const versionIn = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? "";

async function modelId(key: string): Promise<string> {
  const [row] = await db().select({ id: workModels.id }).from(workModels).where(eq(workModels.key, key));
  if (!row) throw new Error(`no work model ${key}`);
  return row.id;
}

async function versionRow(key: string, number: number) {
  const [row] = await db()
    .select()
    .from(workModelVersions)
    .where(and(eq(workModelVersions.workModelId, await modelId(key)), eq(workModelVersions.number, number)));
  return row;
}

const tokenFor = (username: string, scopes: string[]) => apiToken(t, username, scopes);
const call = (method: "GET" | "POST" | "PUT", url: string, token: string, body?: unknown) => apiCall(t.app, method, url, token, body);

const refusal = (q: Promise<unknown>) =>
  q.then(
    () => "allowed",
    (e: Error & { cause?: Error }) => e.cause?.message ?? e.message,
  );

describe("seed", () => {
  it("gives the municipality both models, published as version 1", async () => {
    const rows = await db()
      .select({ key: workModels.key, name: workModels.name, number: workModelVersions.number, status: workModelVersions.status })
      .from(workModelVersions)
      .innerJoin(workModels, eq(workModels.id, workModelVersions.workModelId))
      .orderBy(asc(workModels.key));
    expect(rows).toEqual([
      { key: "familjeorienterat-processtod", name: "Familjeorienterat processtöd", number: 1, status: "published" },
      { key: "sofiamodellen", name: "Sofiamodellen", number: 1, status: "published" },
    ]);
  });

  it("is idempotent per municipality and seeds another municipality on its own", async () => {
    const [m] = await db().select({ id: municipalities.id }).from(municipalities);
    await seedWorkModels(db(), m?.id ?? "");
    const [other] = await db().insert(municipalities).values({ name: "Annan kommun", code: "0001" }).returning();
    await seedWorkModels(db(), other?.id ?? "");
    await seedWorkModels(db(), other?.id ?? "");
    const [{ n }] = (await db().select({ n: sql<number>`count(*)::int` }).from(workModelVersions)) as [{ n: number }];
    expect(n).toBe(4);
  });
});

describe("a production install", () => {
  it("gets both models published with its first municipality", async () => {
    const fresh = await createTestDatabase();
    try {
      await seedBootstrap(fresh.db, "Produktionsby kommun");
      const rows = await fresh.db
        .select({ key: workModels.key, status: workModelVersions.status })
        .from(workModelVersions)
        .innerJoin(workModels, eq(workModels.id, workModelVersions.workModelId))
        .orderBy(asc(workModels.key));
      expect(rows).toEqual([
        { key: "familjeorienterat-processtod", status: "published" },
        { key: "sofiamodellen", status: "published" },
      ]);
    } finally {
      await fresh.drop();
    }
  });
});

describe("reading the work models", () => {
  const roles = ["admin", "processledare", "barnhandlaggare", "enhetschef", "analytiker"];

  it.each(roles)("the list and every version render for %s", async (username) => {
    const browser = await login(t.app, username);
    const start = await get(t.app, browser, "/start");
    expect(start.body).toContain('href="/arbetsmodeller"');
    const list = await get(t.app, browser, "/arbetsmodeller");
    expect(list.statusCode).toBe(200);
    expect(h1Count(list.body)).toBe(1);
    expect(list.body).toContain("Sofiamodellen");
    expect(list.body).toContain("Familjeorienterat processtöd");
    expect(list.body).toContain('<th scope="row">');
    for (const key of ["sofiamodellen", "familjeorienterat-processtod"]) {
      const res = await get(t.app, browser, `/arbetsmodeller/${await modelId(key)}/versioner/1`);
      expect(res.statusCode).toBe(200);
      expect(h1Count(res.body)).toBe(1);
      expect(res.body).toContain('<th scope="col">');
      expect(res.body).toContain('<th scope="row">');
    }
    expect(list.body.includes("Skapa ett nytt utkast")).toBe(username === "admin");
  });

  it("shows the Sofia model's meetings in order with purpose, participants and checklist", async () => {
    const browser = await login(t.app, "analytiker");
    const res = await get(t.app, browser, `/arbetsmodeller/${await modelId("sofiamodellen")}/versioner/1`);
    const order = ["Sofiamöte", "Familjemöte 1", "Barnmöte", "Familjemöte 2", "Familjemöte 3"].map((n) => res.body.indexOf(`. ${n}</h3>`));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(res.body).toContain("Varje barn från 6 år");
    expect(res.body).toContain("Barnet har fått höra att det inte är barnets fel");
    expect(res.body).toContain("Återfalls- och trygghetsplanen är upprättad tillsammans med familjen");
    expect(res.body).toContain("barnet ensamt, barnhandläggare");
    expect(res.body).toContain("Genomförd");
  });

  it("shows the seeded meetings and stops by their English texts when the UI is in English (decision 0043)", async () => {
    const browser = await login(t.app, "analytiker");
    const english = { ...browser, cookie: `${browser.cookie}; sofia_lang=en` };
    const res = await get(t.app, english, `/arbetsmodeller/${await modelId("sofiamodellen")}/versioner/1`);
    const order = ["Sofia meeting", "Family meeting 1", "Child meeting", "Family meeting 2", "Family meeting 3"].map((n) =>
      res.body.indexOf(`. ${n}</h3>`),
    );
    expect(order.every((i) => i > 0)).toBe(true);
    expect(res.body).toContain("The child has been told that it is not the child");
    expect(res.body).not.toContain("Barnet har fått höra att det inte är barnets fel");
    const stops = await get(t.app, english, `/arbetsmodeller/${await modelId("familjeorienterat-processtod")}/versioner/1`);
    expect(stops.body).toContain("Consultation before the assessment");
    expect(stops.body).toContain("Both the child caseworker and the adult caseworker take part");
    // In Swedish the same page is Swedish.
    const swedish = await get(t.app, browser, `/arbetsmodeller/${await modelId("familjeorienterat-processtod")}/versioner/1`);
    expect(swedish.body).toContain("Samråd inför bedömning");
    expect(swedish.body).not.toContain("Consultation before the assessment");
  });

  it("shows the Skarpnäck model's stops with their due rules", async () => {
    const browser = await login(t.app, "barnhandlaggare");
    const res = await get(t.app, browser, `/arbetsmodeller/${await modelId("familjeorienterat-processtod")}/versioner/1`);
    expect(res.body).toContain("Modellen har inga fasta möten.");
    expect(res.body).toContain("Samråd inför bedömning");
    expect(res.body).toContain("Senast 90 dagar efter förfrågan (utredningsstart)");
    expect(res.body).toContain("Gemensam barnkonsekvensanalys");
    expect(res.body).toContain("En gång per barn");
    expect(res.body).toContain("Trygghetsskalan är skattad");
  });

  it("answers an unknown model or version with 404", async () => {
    const browser = await login(t.app, "analytiker");
    const id = await modelId("sofiamodellen");
    expect((await get(t.app, browser, `/arbetsmodeller/${id}/versioner/9`)).statusCode).toBe(404);
    expect((await get(t.app, browser, `/arbetsmodeller/${id}/versioner/x`)).statusCode).toBe(404);
    expect((await get(t.app, browser, "/arbetsmodeller/not-a-uuid/versioner/1")).statusCode).toBe(404);
    expect((await get(t.app, browser, "/arbetsmodeller/00000000-0000-4000-8000-000000000000/versioner/1")).statusCode).toBe(404);
  });

  it("refuses a caseworker who tries to manage, with a security log row", async () => {
    const browser = await login(t.app, "barnhandlaggare");
    const id = await modelId("sofiamodellen");
    const before = await db().select().from(securityLog).where(eq(securityLog.event, "permission_denied"));
    const res = await postForm(t.app, browser, `/arbetsmodeller/${id}/utkast`, {});
    expect(res.statusCode).toBe(403);
    expect((await get(t.app, browser, `/arbetsmodeller/${id}/versioner/1/andra`)).statusCode).toBe(403);
    const after = await db().select().from(securityLog).where(eq(securityLog.event, "permission_denied"));
    expect(after.length).toBe(before.length + 2);
    expect(after.at(-1)?.action).toBe("workmodels.manage");
    expect(await versionRow("sofiamodellen", 2)).toBeUndefined();
  });
});

describe("the API", () => {
  it("lists the models and returns a version's content", async () => {
    const token = await tokenFor("analytiker", ["workmodels.view"]);
    const list = await call("GET", "/api/v1/work-models", token);
    expect(list.statusCode).toBe(200);
    const models = list.json() as Array<{ id: string; key: string; versions: Array<{ number: number; status: string }> }>;
    expect(models.map((m) => m.key)).toEqual(["familjeorienterat-processtod", "sofiamodellen"]);
    expect(models[1]?.versions).toMatchObject([{ number: 1, status: "published" }]);
    const res = await call("GET", `/api/v1/work-models/${models[1]?.id}/versions/1`, token);
    expect(res.statusCode).toBe(200);
    const body = res.json() as { status: string; content: Content };
    expect(body.status).toBe("published");
    expect(body.content.meetingTypes.map((m) => m.key)).toEqual([
      "sofiamote",
      "familjemote-1",
      "barnmote",
      "familjemote-2",
      "familjemote-3",
    ]);
    expect(body.content.meetingTypes[2]).toMatchObject({
      scope: "child",
      minChildAge: 6,
      participants: ["child_alone", "child_caseworker"],
    });
    expect(body.content.meetingTypes.map((m) => m.marksProgress)).toEqual([null, "started", null, "halfway", "completed"]);
    expect(body.content.meetingTypes.map((m) => m.decidesStart)).toEqual([true, false, false, false, false]);
    expect(body.content.meetingTypes.map((m) => m.requiresSafetyPlan)).toEqual([false, false, false, false, true]);
  });

  it("is described in the OpenAPI document under Arbetsmodeller", async () => {
    const doc = (await t.app.inject({ method: "GET", url: "/api/v1/openapi.json" })).json() as {
      paths: Record<string, Record<string, { tags?: string[] }>>;
    };
    const operations = Object.entries(doc.paths)
      .filter(([p]) => p.startsWith("/api/v1/work-models"))
      .flatMap(([p, ops]) => Object.entries(ops).map(([method, op]) => ({ op: `${method} ${p}`, tags: op.tags })));
    expect(operations.map((o) => o.op).sort()).toEqual([
      "get /api/v1/work-models",
      "get /api/v1/work-models/{id}/versions/{n}",
      "post /api/v1/work-models/{id}/drafts",
      "post /api/v1/work-models/{id}/versions/{n}/publish",
      "put /api/v1/work-models/{id}/versions/{n}",
    ]);
    expect(operations.every((o) => o.tags?.[0] === "Arbetsmodeller")).toBe(true);
  });

  it("refuses a token without the scope and a caseworker who tries to draft", async () => {
    const noScope = await tokenFor("analytiker", ["statistics.view"]);
    expect((await call("GET", "/api/v1/work-models", noScope)).statusCode).toBe(403);
    const caseworker = await tokenFor("barnhandlaggare", ["workmodels.view", "workmodels.manage"]);
    const res = await call("POST", `/api/v1/work-models/${await modelId("sofiamodellen")}/drafts`, caseworker);
    expect(res.statusCode).toBe(403);
    expect(String(res.headers["content-type"])).toContain("application/problem+json");
  });

  it("never changes a published version: the service answers 409 and the database refuses", async () => {
    const admin = await tokenFor("admin", ["workmodels.view", "workmodels.manage"]);
    const id = await modelId("familjeorienterat-processtod");
    const v1 = await versionRow("familjeorienterat-processtod", 1);
    const put = await call("PUT", `/api/v1/work-models/${id}/versions/1`, admin, { version: v1?.version, content: v1?.content });
    expect(put.statusCode).toBe(409);
    expect(put.json()).toMatchObject({ title: "Versionen är publicerad och kan inte ändras. Skapa ett nytt utkast i stället." });
    const publish = await call("POST", `/api/v1/work-models/${id}/versions/1/publish`, admin, { version: v1?.version });
    expect(publish.statusCode).toBe(409);
    const vid = v1?.id ?? "";
    expect(await refusal(db().execute(sql`update work_model_versions set content = '{}'::jsonb where id = ${vid}`))).toMatch(
      /cannot be changed/,
    );
    expect(await refusal(db().execute(sql`update work_model_versions set status = 'draft' where id = ${vid}`))).toMatch(
      /cannot be changed/,
    );
    expect(await refusal(db().execute(sql`delete from work_model_versions where id = ${vid}`))).toMatch(/cannot be removed/);
    expect(await versionRow("familjeorienterat-processtod", 1)).toEqual(v1);
  });

  it("drafts, edits and publishes over the API; bad content is a 400 per field", async () => {
    const admin = await tokenFor("admin", ["workmodels.view", "workmodels.manage"]);
    const id = await modelId("familjeorienterat-processtod");
    const created = await call("POST", `/api/v1/work-models/${id}/drafts`, admin);
    expect(created.statusCode).toBe(201);
    const draft = created.json() as { number: number; status: string; version: number; content: Content };
    expect(draft).toMatchObject({ number: 2, status: "draft" });
    const bad = structuredClone(draft.content);
    if (bad.stops[0]) bad.stops[0].due.days = -3;
    const refused = await call("PUT", `/api/v1/work-models/${id}/versions/2`, admin, { version: draft.version, content: bad });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({
      errors: [{ field: "content.stops.0.due.days", message: "Ange antal dagar som en hel siffra mellan 0 och 730." }],
    });
    const good = structuredClone(draft.content);
    if (good.stops[0]) good.stops[0].due.days = 10;
    const saved = await call("PUT", `/api/v1/work-models/${id}/versions/2`, admin, { version: draft.version, content: good });
    expect(saved.statusCode).toBe(200);
    const stale = await call("PUT", `/api/v1/work-models/${id}/versions/2`, admin, { version: draft.version, content: draft.content });
    expect(stale.statusCode).toBe(409);
    const published = await call("POST", `/api/v1/work-models/${id}/versions/2/publish`, admin, { version: draft.version + 1 });
    expect(published.statusCode).toBe(200);
    const body = published.json() as { number: number; status: string; content: Content };
    expect(body).toMatchObject({ number: 2, status: "published" });
    expect(body.content.stops[0]?.due.days).toBe(10);
    expect((await versionRow("familjeorienterat-processtod", 1))?.status).toBe("retired");
  });
});

describe("draft, edit and publish in the browser", () => {
  it("copies the published version into a draft, saves an edit, refuses a stale one, and publishes", async () => {
    const browser = await login(t.app, "admin");
    const id = await modelId("sofiamodellen");
    const v1Before = await versionRow("sofiamodellen", 1);

    const created = await postForm(t.app, browser, `/arbetsmodeller/${id}/utkast`, {});
    expect(created.statusCode).toBe(303);
    expect(created.headers.location).toBe(`/arbetsmodeller/${id}/versioner/2/andra`);
    const again = await postForm(t.app, browser, `/arbetsmodeller/${id}/utkast`, {});
    expect(again.headers.location).toBe(`/arbetsmodeller/${id}/versioner/2/andra`);

    const form = await get(t.app, browser, `/arbetsmodeller/${id}/versioner/2/andra`);
    expect(form.statusCode).toBe(200);
    expect(h1Count(form.body)).toBe(1);
    expect(form.body).toContain('<label class="ds-label" for="f-meetingTypes-2-minChildAge">');
    const version = versionIn(form.body);
    expect(version).toBe("1");

    const fields = (overrides: Record<string, string>) => {
      const values: Record<string, string> = { version };
      for (const m of form.body.matchAll(/name="((?:meetingTypes|stops)\.[^"]+)"(?: [^>]*)? value="([^"]*)"/g))
        values[m[1] ?? ""] = m[2] ?? "";
      for (const m of form.body.matchAll(/name="((?:meetingTypes|stops)\.[^"]+)"[^>]*>([^<]*)<\/textarea>/g))
        values[m[1] ?? ""] = (m[2] ?? "").replace(/&amp;/g, "&");
      return { ...values, ...overrides };
    };

    const invalid = await postForm(
      t.app,
      browser,
      `/arbetsmodeller/${id}/versioner/2/andra`,
      fields({ "meetingTypes.2.minChildAge": "fyra", "meetingTypes.0.name": "" }),
    );
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain('href="#f-meetingTypes-2-minChildAge"');
    expect(invalid.body).toContain("Ange lägsta ålder som en hel siffra mellan 0 och 17.");
    expect(invalid.body).toContain("Ange ett namn.");

    const saved = await postForm(
      t.app,
      browser,
      `/arbetsmodeller/${id}/versioner/2/andra`,
      fields({ "meetingTypes.2.minChildAge": "5", "meetingTypes.2.checklist": "Samtycke finns\n\nBarnet har fått ställa frågor" }),
    );
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/arbetsmodeller/${id}/versioner/2?klart=sparat`);

    const stale = await postForm(t.app, browser, `/arbetsmodeller/${id}/versioner/2/andra`, fields({ "meetingTypes.2.minChildAge": "8" }));
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('role="alert"');
    const draft = await versionRow("sofiamodellen", 2);
    const content = draft?.content as Content;
    expect(content.meetingTypes[2]).toMatchObject({ minChildAge: 5, checklist: ["Samtycke finns", "Barnet har fått ställa frågor"] });
    expect(draft?.version).toBe(2);

    const stalePublish = await postForm(t.app, browser, `/arbetsmodeller/${id}/versioner/2/publicera`, { version: "1" });
    expect(stalePublish.statusCode).toBe(409);
    expect((await versionRow("sofiamodellen", 2))?.status).toBe("draft");

    const published = await postForm(t.app, browser, `/arbetsmodeller/${id}/versioner/2/publicera`, { version: "2" });
    expect(published.statusCode).toBe(303);
    const page = await get(t.app, browser, published.headers.location as string);
    expect(page.body).toContain("Utkastet är publicerat.");
    expect(page.body).toContain("Varje barn från 5 år");

    const v1After = await versionRow("sofiamodellen", 1);
    expect(v1After?.status).toBe("retired");
    expect(v1After?.content).toEqual(v1Before?.content);
    expect((await versionRow("sofiamodellen", 2))?.status).toBe("published");
    expect((await get(t.app, browser, `/arbetsmodeller/${id}/versioner/2/andra`)).statusCode).toBe(409);

    const audits = await db()
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.recordId, draft?.id ?? ""))
      .orderBy(asc(auditLog.id));
    expect(audits.map((a) => a.action)).toEqual(["workmodel.draft_create", "workmodel.draft_update", "workmodel.publish"]);
  });
});

describe("migration 0016: meeting-type capabilities", () => {
  const withoutCapabilities = (content: Content) => ({
    ...content,
    meetingTypes: content.meetingTypes.map(({ requiresSafetyPlan: _r, decidesStart: _d, ...m }) => m),
  });

  it("gives stored published versions the capabilities by the rules the code inferred them by, and they stay immutable", async () => {
    const [m] = await db().insert(municipalities).values({ name: "Migrerad kommun", code: "0016" }).returning();
    const stored = [];
    for (const [key, content] of [
      ["sofiamodellen", sofiaModel],
      ["familjeorienterat-processtod", familyProcessSupportModel],
    ] as const) {
      const [model] = await db()
        .insert(workModels)
        .values({ municipalityId: m?.id ?? "", key, name: key })
        .returning();
      const [version] = await db()
        .insert(workModelVersions)
        .values({
          workModelId: model?.id ?? "",
          number: 1,
          content: withoutCapabilities(content),
          status: "published",
          publishedAt: new Date(),
        })
        .returning();
      stored.push({ id: version?.id ?? "", content });
    }
    // Twice: a version that has the fields keeps them.
    await rerunMigration(t.database, "0016_meeting_type_capabilities.sql");
    for (const { id, content } of stored) {
      const [row] = await db().select().from(workModelVersions).where(eq(workModelVersions.id, id));
      expect(row?.content).toEqual(content);
    }
    const vid = stored[0]?.id ?? "";
    expect(await refusal(db().execute(sql`update work_model_versions set content = '{}'::jsonb where id = ${vid}`))).toMatch(
      /cannot be changed/,
    );
  });

  it("gives the seeded models' stored versions their English texts where the Swedish is still the seeded one (0021), and they stay immutable", async () => {
    const [m] = await db().insert(municipalities).values({ name: "Engelsk kommun", code: "0021" }).returning();
    const swedishOnly = (content: Content): Content => ({
      meetingTypes: content.meetingTypes.map(({ en: _, ...t }) => t),
      stops: content.stops.map(({ en: _, ...t }) => t),
    });
    // The municipality renamed Familjemöte 1 and changed the child meeting's checklist before publishing.
    const [planning, first, child, ...rest] = swedishOnly(sofiaModel).meetingTypes;
    if (!planning || !first || !child) throw new Error("seed changed");
    const own: Content = {
      meetingTypes: [planning, { ...first, name: "Första familjemötet" }, { ...child, checklist: ["Barnet har fått berätta"] }, ...rest],
      stops: [],
    };
    const stored: Record<string, string> = {};
    for (const [key, content] of [
      ["sofiamodellen", own],
      ["familjeorienterat-processtod", swedishOnly(familyProcessSupportModel)],
    ] as const) {
      const [model] = await db()
        .insert(workModels)
        .values({ municipalityId: m?.id ?? "", key, name: key })
        .returning();
      const [version] = await db()
        .insert(workModelVersions)
        .values({ workModelId: model?.id ?? "", number: 1, content, status: "published", publishedAt: new Date() })
        .returning();
      stored[key] = version?.id ?? "";
    }
    // Twice: a text that has its English keeps it.
    await rerunMigration(t.database, "0021_english_names.sql");
    const contentOf = async (key: string) =>
      (
        await db()
          .select()
          .from(workModelVersions)
          .where(eq(workModelVersions.id, stored[key] ?? ""))
      )[0]?.content as Content;
    expect(await contentOf("familjeorienterat-processtod")).toEqual(familyProcessSupportModel);
    const sofia = await contentOf("sofiamodellen");
    const seeded = sofiaModel.meetingTypes;
    expect(sofia.meetingTypes[0]).toEqual(seeded[0]);
    expect(sofia.meetingTypes[1]?.name).toBe("Första familjemötet");
    expect(sofia.meetingTypes[1]?.en).toEqual({ purpose: seeded[1]?.en?.purpose, checklist: seeded[1]?.en?.checklist });
    expect(sofia.meetingTypes[2]?.en).toEqual({ name: "Child meeting", purpose: seeded[2]?.en?.purpose });
    expect(sofia.meetingTypes.slice(3)).toEqual(seeded.slice(3));
    expect(sofia.stops).toEqual([]);
    // The whole stored version still reads as a work model.
    expect(contentSchema.safeParse(sofia).success).toBe(true);
    expect(
      await refusal(db().execute(sql`update work_model_versions set content = '{}'::jsonb where id = ${stored.sofiamodellen}`)),
    ).toMatch(/cannot be changed/);
  });
});
