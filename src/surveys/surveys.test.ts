import { and, asc, eq, ne, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiCall, apiToken, createTestApp, createTestDatabase, get, login, postForm, type TestApp } from "../../test/helpers.ts";
import { auditLog, municipalities, securityLog, surveyInstruments, surveyInstrumentVersions } from "../db/schema/index.ts";
import { seedBootstrap } from "../demo/index.ts";
import type { Content } from "./model.ts";
import { seededInstruments, seedSurveyInstruments } from "./seed.ts";

let t: TestApp;
const db = () => t.database.db;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const h1Count = (html: string) => (html.match(/<h1[\s>]/g) ?? []).length;
const versionIn = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? "";
const OTHER_CODE = "0002";
const seededKeys = seededInstruments.map((s) => s.key).sort();

/** A version of the demo municipality's instrument (another municipality gets its own copies in a test). */
async function versionRow(key: string, number: number) {
  const [row] = await db()
    .select({ v: surveyInstrumentVersions })
    .from(surveyInstrumentVersions)
    .innerJoin(surveyInstruments, eq(surveyInstruments.id, surveyInstrumentVersions.instrumentId))
    .innerJoin(municipalities, eq(municipalities.id, surveyInstruments.municipalityId))
    .where(and(eq(surveyInstruments.key, key), eq(surveyInstrumentVersions.number, number), ne(municipalities.code, OTHER_CODE)));
  return row?.v;
}

const tokenFor = (username: string, scopes: string[]) => apiToken(t, username, scopes);
const call = (method: "GET" | "POST" | "PUT", url: string, token: string, body?: unknown) => apiCall(t.app, method, url, token, body);

const refusal = (q: Promise<unknown>) =>
  q.then(
    () => "allowed",
    (e: Error & { cause?: Error }) => e.cause?.message ?? e.message,
  );

describe("seed", () => {
  it("gives the municipality every instrument, published as version 1", async () => {
    const rows = await db()
      .select({ key: surveyInstruments.key, number: surveyInstrumentVersions.number, status: surveyInstrumentVersions.status })
      .from(surveyInstrumentVersions)
      .innerJoin(surveyInstruments, eq(surveyInstruments.id, surveyInstrumentVersions.instrumentId))
      .orderBy(asc(surveyInstruments.key));
    expect(rows).toEqual(seededKeys.map((key) => ({ key, number: 1, status: "published" })));
  });

  it("is idempotent per municipality and seeds another municipality on its own", async () => {
    const [m] = await db().select({ id: municipalities.id }).from(municipalities);
    await seedSurveyInstruments(db(), m?.id ?? "");
    const [other] = await db().insert(municipalities).values({ name: "Enkätby kommun", code: OTHER_CODE }).returning();
    await seedSurveyInstruments(db(), other?.id ?? "");
    await seedSurveyInstruments(db(), other?.id ?? "");
    const [{ n }] = (await db().select({ n: sql<number>`count(*)::int` }).from(surveyInstrumentVersions)) as [{ n: number }];
    expect(n).toBe(2 * seededKeys.length);
  });

  it("comes with a production install's first municipality", async () => {
    const fresh = await createTestDatabase();
    try {
      await seedBootstrap(fresh.db, "Produktionsby kommun");
      const rows = await fresh.db.select({ key: surveyInstruments.key }).from(surveyInstruments).orderBy(asc(surveyInstruments.key));
      expect(rows.map((r) => r.key)).toEqual(seededKeys);
    } finally {
      await fresh.drop();
    }
  });
});

describe("reading the instruments", () => {
  it.each(["admin", "processledare", "barnhandlaggare", "enhetschef", "analytiker"])(
    "the list and every version render for %s",
    async (username) => {
      const browser = await login(t.app, username);
      const start = await get(t.app, browser, "/start");
      expect(start.body).toContain('href="/enkater"');
      const list = await get(t.app, browser, "/enkater");
      expect(list.statusCode).toBe(200);
      expect(h1Count(list.body)).toBe(1);
      for (const s of seededInstruments) {
        expect(list.body).toContain(s.name);
        const res = await get(t.app, browser, `/enkater/${s.key}/1`);
        expect(res.statusCode).toBe(200);
        expect(h1Count(res.body)).toBe(1);
      }
      expect(list.body.includes("Skapa ett nytt utkast")).toBe(username === "admin");
    },
  );

  it("shows a version as the respondent reads it, in the chosen language, with audience, timing and meetings", async () => {
    const browser = await login(t.app, "analytiker");
    const sv = await get(t.app, browser, "/enkater/sofia-4q-child/1");
    expect(sv.body).toContain("Lyssnade de vuxna på dig?");
    expect(sv.body).toContain("4 – Jättebra");
    expect(sv.body).toContain("Vet inte / vill inte svara");
    expect(sv.body).toContain("Barn 6–12 år");
    expect(sv.body).toContain("efter mötet");
    expect(sv.body).toContain(
      "Familjemöte 1 (Sofiamodellen), Familjemöte 2 (Sofiamodellen), Familjemöte 3 (Sofiamodellen), Barnmöte (Sofiamodellen)",
    );
    expect(sv.body).toContain('<div lang="sv" dir="ltr"');
    const en = await get(t.app, browser, "/enkater/sofia-4q-child/1?sprak=en");
    expect(en.body).toContain("Did the grown-ups listen to you?");
    expect(en.body).toContain("4 – Really good");
    expect(en.body).toContain("I don't know / I don't want to answer");
    expect(en.body).toContain('<div lang="en" dir="ltr"');
    const local = await get(t.app, browser, "/enkater/familjeklimat/1");
    expect(local.body).toContain("Lokala frågor, inte en validerad skala");
    expect(local.body).toContain("före samtalsserien, efter samtalsserien");
    const staff = await get(t.app, browser, "/enkater/arlig-medarbetarenkat/1");
    expect(staff.body).toContain("gemensam barnkonsekvensanalys");
    expect(staff.body).toContain("2 – Vid enstaka tillfällen");
  });

  it("answers an unknown instrument or version with 404", async () => {
    const browser = await login(t.app, "analytiker");
    for (const url of ["/enkater/sofia-4q-child/9", "/enkater/sofia-4q-child/x", "/enkater/finns-inte/1", "/enkater/Not_A_Key/1"]) {
      expect((await get(t.app, browser, url)).statusCode, url).toBe(404);
    }
  });

  it("refuses a caseworker who tries to manage, with a security log row", async () => {
    const browser = await login(t.app, "barnhandlaggare");
    const before = await db().select().from(securityLog).where(eq(securityLog.event, "permission_denied"));
    expect((await postForm(t.app, browser, "/enkater/sofia-4q-parent/utkast", {})).statusCode).toBe(403);
    expect((await get(t.app, browser, "/enkater/sofia-4q-parent/1/andra")).statusCode).toBe(403);
    const after = await db().select().from(securityLog).where(eq(securityLog.event, "permission_denied"));
    expect(after.length).toBe(before.length + 2);
    expect(after.at(-1)?.action).toBe("surveys.manage");
    expect(await versionRow("sofia-4q-parent", 2)).toBeUndefined();
  });
});

describe("the API", () => {
  it("lets an analyst list the instruments and read a version's content", async () => {
    const token = await tokenFor("analytiker", ["surveys.view"]);
    const list = await call("GET", "/api/v1/survey-instruments", token);
    expect(list.statusCode).toBe(200);
    const instruments = list.json() as Array<{ key: string; versions: Array<{ number: number; status: string }> }>;
    expect(instruments.map((m) => m.key).sort()).toEqual(seededKeys);
    const res = await call("GET", "/api/v1/survey-instruments/sofia-4q-parent/versions/1", token);
    expect(res.statusCode).toBe(200);
    const body = res.json() as { status: string; content: Content };
    expect(body.status).toBe("published");
    expect(body.content.items.map((i) => i.texts.sv)).toEqual([
      "Fick du tillräckligt med information?",
      "Blev du tillräckligt lyssnad på?",
      "Hur kändes det att prata om alkohol och droger?",
      "Hur nöjd är du med samtalet som helhet?",
    ]);
    expect(body.content.scale).toMatchObject({ kind: "faces4", allowDontKnow: true });
    expect(body.content.scale.options.map((o) => o.value)).toEqual([1, 2, 3, 4]);
  });

  it("is described in the OpenAPI document under Enkäter", async () => {
    const doc = (await t.app.inject({ method: "GET", url: "/api/v1/openapi.json" })).json() as {
      paths: Record<string, Record<string, { tags?: string[] }>>;
    };
    const operations = Object.entries(doc.paths)
      .filter(([p]) => p.startsWith("/api/v1/survey-instruments"))
      .flatMap(([p, ops]) => Object.entries(ops).map(([method, op]) => ({ op: `${method} ${p}`, tags: op.tags })));
    expect(operations.map((o) => o.op).sort()).toEqual([
      "get /api/v1/survey-instruments",
      "get /api/v1/survey-instruments/{key}/versions/{n}",
      "post /api/v1/survey-instruments/{key}/drafts",
      "post /api/v1/survey-instruments/{key}/versions/{n}/publish",
      "put /api/v1/survey-instruments/{key}/versions/{n}",
    ]);
    expect(operations.every((o) => o.tags?.[0] === "Enkäter")).toBe(true);
  });

  it("refuses a token without the scope and a caseworker who tries to draft", async () => {
    const noScope = await tokenFor("analytiker", ["statistics.view"]);
    expect((await call("GET", "/api/v1/survey-instruments", noScope)).statusCode).toBe(403);
    const caseworker = await tokenFor("barnhandlaggare", ["surveys.view", "surveys.manage"]);
    const res = await call("POST", "/api/v1/survey-instruments/sofia-4q-parent/drafts", caseworker);
    expect(res.statusCode).toBe(403);
    expect(String(res.headers["content-type"])).toContain("application/problem+json");
  });

  it("never changes a published version: the service answers 409 and the database refuses", async () => {
    const admin = await tokenFor("admin", ["surveys.view", "surveys.manage"]);
    const v1 = await versionRow("arlig-foraldraenkat", 1);
    const put = await call("PUT", "/api/v1/survey-instruments/arlig-foraldraenkat/versions/1", admin, {
      version: v1?.version,
      content: v1?.content,
    });
    expect(put.statusCode).toBe(409);
    expect(put.json()).toMatchObject({ title: "Versionen är publicerad och kan inte ändras. Skapa ett nytt utkast i stället." });
    const publish = await call("POST", "/api/v1/survey-instruments/arlig-foraldraenkat/versions/1/publish", admin, {
      version: v1?.version,
    });
    expect(publish.statusCode).toBe(409);
    const vid = v1?.id ?? "";
    const q = (s: ReturnType<typeof sql>) => refusal(db().execute(s));
    expect(await q(sql`update survey_instrument_versions set content = '{}'::jsonb where id = ${vid}`)).toMatch(/cannot be changed/);
    expect(await q(sql`update survey_instrument_versions set number = 7 where id = ${vid}`)).toMatch(/cannot be changed/);
    expect(await q(sql`update survey_instrument_versions set status = 'draft' where id = ${vid}`)).toMatch(/cannot be changed/);
    expect(await q(sql`delete from survey_instrument_versions where id = ${vid}`)).toMatch(/cannot be removed/);
    expect(await versionRow("arlig-foraldraenkat", 1)).toEqual(v1);
  });

  it("drafts, edits and publishes over the API; bad content is a 400 per field and changes nothing", async () => {
    const admin = await tokenFor("admin", ["surveys.view", "surveys.manage"]);
    const base = "/api/v1/survey-instruments/arlig-foraldraenkat";
    const created = await call("POST", `${base}/drafts`, admin);
    expect(created.statusCode).toBe(201);
    const draft = created.json() as { number: number; status: string; version: number; content: Content };
    expect(draft).toMatchObject({ number: 2, status: "draft" });
    const bad = structuredClone(draft.content);
    if (bad.items[1]) bad.items[1].texts = { sv: "Bara svenska" };
    bad.scale.options = bad.scale.options.map((o) => ({ ...o, value: o.value + 1 }));
    const refused = await call("PUT", `${base}/versions/2`, admin, { version: draft.version, content: bad });
    expect(refused.statusCode).toBe(400);
    expect(String(refused.headers["content-type"])).toContain("application/problem+json");
    expect(refused.json()).toMatchObject({
      errors: [
        { field: "content.items.1.texts.en", message: "Skriv texten." },
        { field: "content.scale.options", message: "Svarsskalans värden passar inte skalans sort." },
      ],
    });
    expect((await versionRow("arlig-foraldraenkat", 2))?.version).toBe(draft.version);
    const good = structuredClone(draft.content);
    good.items.push({ key: "bemotande", texts: { sv: "Har du blivit väl bemött?", en: "Have you been treated well?" } });
    const saved = await call("PUT", `${base}/versions/2`, admin, { version: draft.version, content: good });
    expect(saved.statusCode).toBe(200);
    const stale = await call("PUT", `${base}/versions/2`, admin, { version: draft.version, content: draft.content });
    expect(stale.statusCode).toBe(409);
    const published = await call("POST", `${base}/versions/2/publish`, admin, { version: draft.version + 1 });
    expect(published.statusCode).toBe(200);
    const body = published.json() as { number: number; status: string; content: Content };
    expect(body).toMatchObject({ number: 2, status: "published" });
    expect(body.content.items.map((i) => i.key)).toContain("bemotande");
    expect((await versionRow("arlig-foraldraenkat", 1))?.status).toBe("retired");
  });
});

describe("draft, edit and publish in the browser", () => {
  it("copies the published version into a draft, saves an edit, refuses a stale one, and publishes", async () => {
    const browser = await login(t.app, "admin");
    const base = "/enkater/sofia-4q-child";
    const v1Before = await versionRow("sofia-4q-child", 1);

    const created = await postForm(t.app, browser, `${base}/utkast`, {});
    expect(created.statusCode).toBe(303);
    expect(created.headers.location).toBe(`${base}/2/andra`);
    const again = await postForm(t.app, browser, `${base}/utkast`, {});
    expect(again.headers.location).toBe(`${base}/2/andra`);

    const form = await get(t.app, browser, `${base}/2/andra`);
    expect(form.statusCode).toBe(200);
    expect(h1Count(form.body)).toBe(1);
    expect(form.body).toContain('<label class="ds-label" for="f-items-1-texts-en">');
    const version = versionIn(form.body);
    expect(version).toBe("1");

    const fields = (overrides: Record<string, string>) => {
      const values: Record<string, string> = { version };
      for (const m of form.body.matchAll(/name="((?:name|items|scale)\.[^"]+)"(?: [^>]*)? value="([^"]*)"/g)) {
        values[m[1] ?? ""] = (m[2] ?? "").replace(/&amp;/g, "&").replace(/&#39;/g, "'");
      }
      return { ...values, ...overrides };
    };
    // Every text in the seven languages of the four questions (decision 0042).
    expect(Object.keys(fields({})).length).toBe(1 + 7 * (1 + 4 + 4));

    const invalid = await postForm(
      t.app,
      browser,
      `${base}/2/andra`,
      fields({ "items.1.texts.sv": "  ", "scale.options.3.labels.en": "" }),
    );
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain('href="#f-items-1-texts-sv"');
    expect(invalid.body).toContain('href="#f-scale-options-3-labels-en"');
    expect(invalid.body).toContain("Skriv texten.");
    expect((await versionRow("sofia-4q-child", 2))?.version).toBe(1);

    const saved = await postForm(
      t.app,
      browser,
      `${base}/2/andra`,
      fields({ "items.1.texts.sv": "Lyssnade de vuxna på det du sa?", "scale.options.3.labels.sv": "Superbra" }),
    );
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`${base}/2?klart=sparat`);

    const stale = await postForm(t.app, browser, `${base}/2/andra`, fields({ "items.1.texts.sv": "Något annat" }));
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('role="alert"');
    const draft = await versionRow("sofia-4q-child", 2);
    const content = draft?.content as Content;
    expect(content.items[1]?.texts).toMatchObject({ sv: "Lyssnade de vuxna på det du sa?", en: "Did the grown-ups listen to you?" });
    expect(content.review).toEqual(["sv-x-ll", "ar", "fa", "so", "fi"]);
    expect(content.scale.options[3]?.labels.sv).toBe("Superbra");
    expect(draft?.version).toBe(2);

    const stalePublish = await postForm(t.app, browser, `${base}/2/publicera`, { version: "1" });
    expect(stalePublish.statusCode).toBe(409);
    expect((await versionRow("sofia-4q-child", 2))?.status).toBe("draft");

    const published = await postForm(t.app, browser, `${base}/2/publicera`, { version: "2" });
    expect(published.statusCode).toBe(303);
    const page = await get(t.app, browser, published.headers.location as string);
    expect(page.body).toContain("Utkastet är publicerat.");
    expect(page.body).toContain("Lyssnade de vuxna på det du sa?");

    const v1After = await versionRow("sofia-4q-child", 1);
    expect(v1After?.status).toBe("retired");
    expect(v1After?.content).toEqual(v1Before?.content);
    expect((await versionRow("sofia-4q-child", 2))?.status).toBe("published");
    expect((await get(t.app, browser, `${base}/2/andra`)).statusCode).toBe(409);

    const audits = await db()
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.recordId, draft?.id ?? ""))
      .orderBy(asc(auditLog.id));
    expect(audits.map((a) => a.action)).toEqual([
      "survey_instrument.draft_create",
      "survey_instrument.draft_update",
      "survey_instrument.publish",
    ]);
  });
});
