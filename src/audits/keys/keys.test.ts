import { and, asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiCall, apiToken, createTestApp, get, login, postForm, type TestApp } from "../../../test/helpers.ts";
import { auditLog, municipalities, reviewKeys, reviewKeyVersions, securityLog } from "../../db/schema/index.ts";
import type { Content } from "./model.ts";
import { seedReviewKeys, skarpnackKey } from "./seed.ts";

let t: TestApp;
const db = () => t.database.db;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const h1Count = (html: string) => (html.match(/<h1[\s>]/g) ?? []).length;
const versionIn = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? "";
const base = "/aktgranskning/nycklar/skarpnack";

async function keyId(): Promise<string> {
  const [m] = await db().select({ id: municipalities.id }).from(municipalities).orderBy(asc(municipalities.createdAt)).limit(1);
  const [row] = await db()
    .select({ id: reviewKeys.id })
    .from(reviewKeys)
    .where(and(eq(reviewKeys.key, "skarpnack"), eq(reviewKeys.municipalityId, m?.id ?? "")));
  if (!row) throw new Error("no review key skarpnack");
  return row.id;
}

async function versionRow(number: number) {
  const [row] = await db()
    .select()
    .from(reviewKeyVersions)
    .where(and(eq(reviewKeyVersions.reviewKeyId, await keyId()), eq(reviewKeyVersions.number, number)));
  return row;
}

const versionCount = async () => {
  const [row] = await db()
    .select({ n: sql<number>`count(*)::int` })
    .from(reviewKeyVersions)
    .where(eq(reviewKeyVersions.reviewKeyId, await keyId()));
  return row?.n ?? 0;
};

const tokenFor = (username: string, scopes: string[]) => apiToken(t, username, scopes);
const call = (method: "GET" | "POST" | "PUT", url: string, token: string, body?: unknown) => apiCall(t.app, method, url, token, body);

const refusal = (q: Promise<unknown>) =>
  q.then(
    () => "allowed",
    (e: Error & { cause?: Error }) => e.cause?.message ?? e.message,
  );

/** The values of the edit form as the browser would post them, with some changed. */
function formFields(html: string, overrides: Record<string, string | string[]>): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = { version: versionIn(html) };
  const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&amp;/g, "&");
  for (const m of html.matchAll(
    /<input class="ds-input" id="[^"]+" name="((?:name|documentKinds|overall)[^"]*)" type="text" value="([^"]*)"/g,
  ))
    values[m[1] ?? ""] = decode(m[2] ?? "");
  for (const m of html.matchAll(/name="((?:questions|overall)\.[^"]+)"[^>]*>([^<]*)<\/textarea>/g)) values[m[1] ?? ""] = decode(m[2] ?? "");
  for (const m of html.matchAll(/type="checkbox" id="[^"]+" name="([^"]+)" value="([^"]+)" checked/g)) {
    const name = m[1] ?? "";
    values[name] = [...((values[name] as string[] | undefined) ?? []), m[2] ?? ""];
  }
  return { ...values, ...overrides };
}

describe("the seed", () => {
  it("gives every municipality the Skarpnäck key, published as version 1, once", async () => {
    const [m] = await db().select({ id: municipalities.id }).from(municipalities).orderBy(asc(municipalities.createdAt)).limit(1);
    await seedReviewKeys(db(), m?.id ?? "");
    const rows = await db()
      .select({
        key: reviewKeys.key,
        number: reviewKeyVersions.number,
        status: reviewKeyVersions.status,
        content: reviewKeyVersions.content,
      })
      .from(reviewKeyVersions)
      .innerJoin(reviewKeys, eq(reviewKeys.id, reviewKeyVersions.reviewKeyId))
      .where(eq(reviewKeys.municipalityId, m?.id ?? ""));
    expect(rows).toEqual([{ key: "skarpnack", number: 1, status: "published", content: skarpnackKey }]);
  });
});

describe("reading the review keys", () => {
  it.each(["processledare", "barnhandlaggare", "analytiker", "admin"])("the list and version 1 render for %s", async (username) => {
    const browser = await login(t.app, username);
    const list = await get(t.app, browser, "/aktgranskning/nycklar");
    expect(list.statusCode).toBe(200);
    expect(h1Count(list.body)).toBe(1);
    expect(list.body).toContain("Granskningsnyckel Skarpnäck");
    expect(list.body).toContain(`href="${base}/versioner/1"`);
    expect(list.body).toContain("Publicerad");
    const manage = username === "processledare" || username === "admin";
    expect(list.body.includes(`action="${base}/utkast"`)).toBe(manage);

    const res = await get(t.app, browser, `${base}/versioner/1`);
    expect(res.statusCode).toBe(200);
    expect(h1Count(res.body)).toBe(1);
    expect(res.body).toContain("Granskningsnyckel Skarpnäck, version 1");
    expect(res.body.includes(`action="${base}/utkast"`)).toBe(manage);
    expect(res.body).not.toContain(`${base}/versioner/1/andra`);
  });

  it("shows the kinds of document, the questions × kinds table, the answers and the overall rating", async () => {
    const browser = await login(t.app, "barnhandlaggare");
    const res = await get(t.app, browser, `${base}/versioner/1`);
    const body = res.body;
    for (const kind of ["Barnutredning", "Vuxenutredning", "Uppdrag till utförare, barn", "Uppdrag till utförare, vuxna"])
      expect(body).toContain(`<th scope="col" class="sofia-rk-mark">${kind}</th>`);
    expect(body).toContain('<th scope="row">Har handläggaren träffat barnet?</th>');
    // "Har barnet informerats om bedömningen?" applies to child investigations only: one mark, three blanks.
    const row = /<th scope="row">Har barnet informerats om bedömningen\?<\/th>(.*?)<\/tr>/s.exec(body)?.[1] ?? "";
    expect(row.match(/<span class="sofia-sr-only">Gäller<\/span>/g)).toHaveLength(1);
    expect(row.match(/<span class="sofia-sr-only">Gäller inte<\/span>/g)).toHaveLength(3);
    expect(row.indexOf("Gäller<")).toBeLessThan(row.indexOf("Gäller inte"));
    for (const answer of ["<li>Ja</li>", "<li>Delvis</li>", "<li>Nej</li>", "<li>Ej aktuellt</li>"]) expect(body).toContain(answer);
    expect(body).toContain("Helhetsintryck: hur tydlig är samverkan mellan handläggarna kring familjens medlemmar?");
    const options = ["Samverkan i varje steg", "Flertal gemensamma möten", "Vissa gemensamma möten", "Inga gemensamma möten"];
    const at = options.map((o) => body.indexOf(`<li>${o}</li>`));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it("answers an unknown key or version with 404", async () => {
    const browser = await login(t.app, "analytiker");
    expect((await get(t.app, browser, `${base}/versioner/9`)).statusCode).toBe(404);
    expect((await get(t.app, browser, `${base}/versioner/x`)).statusCode).toBe(404);
    expect((await get(t.app, browser, "/aktgranskning/nycklar/finns-inte/versioner/1")).statusCode).toBe(404);
    expect((await get(t.app, browser, "/aktgranskning/nycklar/Not_A_Key/versioner/1")).statusCode).toBe(404);
  });

  it("refuses a caseworker who tries to manage, with a security log row, and creates nothing", async () => {
    const browser = await login(t.app, "barnhandlaggare");
    const before = await db().select().from(securityLog).where(eq(securityLog.event, "permission_denied"));
    expect((await postForm(t.app, browser, `${base}/utkast`, {})).statusCode).toBe(403);
    expect((await get(t.app, browser, `${base}/versioner/1/andra`)).statusCode).toBe(403);
    expect((await postForm(t.app, browser, `${base}/versioner/1/publicera`, { version: "1" })).statusCode).toBe(403);
    const after = await db().select().from(securityLog).where(eq(securityLog.event, "permission_denied"));
    expect(after.length).toBe(before.length + 3);
    expect(after.at(-1)?.action).toBe("reviewkeys.manage");
    expect(await versionCount()).toBe(1);
  });
});

describe("the API", () => {
  it("lists the keys and returns a version's content, for a caseworker and an analyst", async () => {
    for (const username of ["barnhandlaggare", "analytiker"]) {
      const token = await tokenFor(username, ["reviewkeys.view"]);
      const list = await call("GET", "/api/v1/review-keys", token);
      expect(list.statusCode).toBe(200);
      expect(list.json()).toMatchObject([
        { key: "skarpnack", name: "Granskningsnyckel Skarpnäck", versions: [{ number: 1, status: "published" }] },
      ]);
      const res = await call("GET", "/api/v1/review-keys/skarpnack/versions/1", token);
      expect(res.statusCode).toBe(200);
      const body = res.json() as { reviewKey: { key: string }; status: string; answerValues: string[]; content: Content };
      expect(body.reviewKey).toMatchObject({ key: "skarpnack", name: "Granskningsnyckel Skarpnäck" });
      expect(body.status).toBe("published");
      expect(body.answerValues).toEqual(["yes", "partly", "no", "not_applicable"]);
      expect(body.content).toEqual(skarpnackKey);
    }
  });

  it("is described in the OpenAPI document under Granskningsnycklar", async () => {
    const doc = (await t.app.inject({ method: "GET", url: "/api/v1/openapi.json" })).json() as {
      paths: Record<string, Record<string, { tags?: string[]; summary?: string }>>;
    };
    const operations = Object.entries(doc.paths)
      .filter(([p]) => p.startsWith("/api/v1/review-keys"))
      .flatMap(([p, ops]) => Object.entries(ops).map(([method, op]) => ({ op: `${method} ${p}`, tags: op.tags, summary: op.summary })));
    expect(operations.map((o) => o.op).sort()).toEqual([
      "get /api/v1/review-keys",
      "get /api/v1/review-keys/{key}/versions/{n}",
      "post /api/v1/review-keys/{key}/drafts",
      "post /api/v1/review-keys/{key}/versions/{n}/publish",
      "put /api/v1/review-keys/{key}/versions/{n}",
    ]);
    expect(operations.every((o) => o.tags?.[0] === "Granskningsnycklar" && !!o.summary)).toBe(true);
  });

  it("refuses a token without the scope and a caseworker who tries to draft", async () => {
    const noScope = await tokenFor("analytiker", ["statistics.view"]);
    expect((await call("GET", "/api/v1/review-keys", noScope)).statusCode).toBe(403);
    const caseworker = await tokenFor("barnhandlaggare", ["reviewkeys.view", "reviewkeys.manage"]);
    const res = await call("POST", "/api/v1/review-keys/skarpnack/drafts", caseworker);
    expect(res.statusCode).toBe(403);
    expect(String(res.headers["content-type"])).toContain("application/problem+json");
    const put = await call("PUT", "/api/v1/review-keys/skarpnack/versions/1", caseworker, { version: 1, content: skarpnackKey });
    expect(put.statusCode).toBe(403);
    expect(await versionCount()).toBe(1);
  });

  it("never changes a published version: the service answers 409 and the database refuses", async () => {
    const leader = await tokenFor("processledare", ["reviewkeys.view", "reviewkeys.manage"]);
    const v1 = await versionRow(1);
    const put = await call("PUT", "/api/v1/review-keys/skarpnack/versions/1", leader, { version: v1?.version, content: v1?.content });
    expect(put.statusCode).toBe(409);
    expect(put.json()).toMatchObject({ title: "Versionen är publicerad och kan inte ändras. Skapa ett nytt utkast i stället." });
    const publish = await call("POST", "/api/v1/review-keys/skarpnack/versions/1/publish", leader, { version: v1?.version });
    expect(publish.statusCode).toBe(409);
    const vid = v1?.id ?? "";
    expect(await refusal(db().execute(sql`update review_key_versions set content = '{}'::jsonb where id = ${vid}`))).toMatch(
      /cannot be changed/,
    );
    expect(await refusal(db().execute(sql`update review_key_versions set status = 'draft' where id = ${vid}`))).toMatch(
      /cannot be changed/,
    );
    expect(await refusal(db().execute(sql`delete from review_key_versions where id = ${vid}`))).toMatch(/cannot be removed/);
    expect(await versionRow(1)).toEqual(v1);
  });
});

/** Runs in order: the API drafts version 2 and publishes it; the browser then drafts version 3. */
describe("draft, edit and publish", () => {
  it("over the API: bad content is a 400 per field and nothing changes; a stale version is a 409", async () => {
    const leader = await tokenFor("processledare", ["reviewkeys.view", "reviewkeys.manage"]);
    const created = await call("POST", "/api/v1/review-keys/skarpnack/drafts", leader);
    expect(created.statusCode).toBe(201);
    const draft = created.json() as { number: number; status: string; version: number; content: Content };
    expect(draft).toMatchObject({ number: 2, status: "draft", content: skarpnackKey });
    const again = await call("POST", "/api/v1/review-keys/skarpnack/drafts", leader);
    expect(again.json()).toMatchObject({ number: 2, status: "draft" });

    const bad = structuredClone(draft.content);
    if (!bad.questions[1] || !bad.questions[2]) throw new Error("seed changed");
    bad.questions[1].text = " ";
    bad.questions[2].documentKinds = ["child-investigation", "school-report"];
    const refused = await call("PUT", "/api/v1/review-keys/skarpnack/versions/2", leader, { version: draft.version, content: bad });
    expect(refused.statusCode).toBe(400);
    expect(String(refused.headers["content-type"])).toContain("application/problem+json");
    expect(refused.json()).toMatchObject({
      errors: [
        { field: "content.questions.1.text", message: "Fyll i texten." },
        { field: "content.questions.2.documentKinds.1", message: "Dokumenttypen finns inte i granskningsnyckeln." },
      ],
    });
    expect((await versionRow(2))?.content).toEqual(skarpnackKey);
    expect((await versionRow(2))?.version).toBe(draft.version);

    const good = structuredClone(draft.content);
    if (!good.questions[1]) throw new Error("seed changed");
    good.questions[1].text = "Har barnet fått veta vad utredningen kom fram till?";
    const saved = await call("PUT", "/api/v1/review-keys/skarpnack/versions/2", leader, { version: draft.version, content: good });
    expect(saved.statusCode).toBe(200);
    const stale = await call("PUT", "/api/v1/review-keys/skarpnack/versions/2", leader, { version: draft.version, content: draft.content });
    expect(stale.statusCode).toBe(409);
    const stalePublish = await call("POST", "/api/v1/review-keys/skarpnack/versions/2/publish", leader, { version: draft.version });
    expect(stalePublish.statusCode).toBe(409);

    const published = await call("POST", "/api/v1/review-keys/skarpnack/versions/2/publish", leader, { version: draft.version + 1 });
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ number: 2, status: "published", content: good });
    expect((await versionRow(1))?.status).toBe("retired");
    expect((await versionRow(1))?.content).toEqual(skarpnackKey);

    const audits = await db()
      .select({ action: auditLog.action, recordType: auditLog.recordType })
      .from(auditLog)
      .where(eq(auditLog.recordId, (await versionRow(2))?.id ?? ""))
      .orderBy(asc(auditLog.id));
    expect(audits).toEqual([
      { action: "review_key.draft_create", recordType: "review_key_version" },
      { action: "review_key.draft_update", recordType: "review_key_version" },
      { action: "review_key.publish", recordType: "review_key_version" },
    ]);
  });

  it("in the browser: copies the published version, refuses bad input per field, saves, refuses a stale edit, confirms and publishes", async () => {
    const browser = await login(t.app, "processledare");
    const v2Before = await versionRow(2);

    const created = await postForm(t.app, browser, `${base}/utkast`, {});
    expect(created.statusCode).toBe(303);
    expect(created.headers.location).toBe(`${base}/versioner/3/andra`);

    const form = await get(t.app, browser, `${base}/versioner/3/andra`);
    expect(form.statusCode).toBe(200);
    expect(h1Count(form.body)).toBe(1);
    expect(form.body).toContain('<label class="ds-label" for="f-questions-0-text">Frågans text</label>');
    expect(form.body).toContain('<legend class="ds-label">Gäller dokumenttyperna</legend>');
    expect(versionIn(form.body)).toBe("1");

    const invalid = await postForm(
      t.app,
      browser,
      `${base}/versioner/3/andra`,
      formFields(form.body, { "questions.0.text": "", "questions.1.documentKinds": [], "overall.options.0.label": "" }),
    );
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain('href="#f-questions-0-text">Fråga 1, Frågans text: Fyll i texten.</a>');
    expect(invalid.body).toContain('href="#f-questions-1-documentKinds">Fråga 2, Gäller dokumenttyperna: Välj minst en dokumenttyp.</a>');
    expect(invalid.body).toContain('href="#f-overall-options-0-label">Text för alternativ 1: Fyll i texten.</a>');
    expect(invalid.body).toContain('id="f-questions-1-documentKinds-error"');
    expect((await versionRow(3))?.version).toBe(1);

    const saved = await postForm(
      t.app,
      browser,
      `${base}/versioner/3/andra`,
      formFields(form.body, {
        "questions.0.text": "Har handläggaren träffat barnet enskilt?",
        "questions.0.documentKinds": ["child-investigation"],
        "documentKinds.1.label": "Utredning vuxen",
      }),
    );
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`${base}/versioner/3?klart=sparat`);
    const content = (await versionRow(3))?.content as Content;
    expect(content.questions[0]).toEqual({
      key: "met-child",
      text: "Har handläggaren träffat barnet enskilt?",
      documentKinds: ["child-investigation"],
    });
    expect(content.documentKinds[1]).toEqual({ key: "adult-investigation", label: "Utredning vuxen" });
    // The other questions are as they were; a question's kinds (a set) come in the order of the form, the key's.
    const before = v2Before?.content as Content;
    const inKeyOrder = (kinds: string[]) => before.documentKinds.map((k) => k.key).filter((k) => kinds.includes(k));
    expect(content.questions.slice(1)).toEqual(
      before.questions.slice(1).map((q) => ({ ...q, documentKinds: inKeyOrder(q.documentKinds) })),
    );

    const stale = await postForm(t.app, browser, `${base}/versioner/3/andra`, formFields(form.body, { name: "Något annat" }));
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('role="alert"');
    expect((await versionRow(3))?.version).toBe(2);

    const draftPage = await get(t.app, browser, `${base}/versioner/3?klart=sparat`);
    expect(draftPage.body).toContain("Utkastet är sparat.");
    expect(draftPage.body).toContain(`href="${base}/versioner/3/publicera"`);
    const confirm = await get(t.app, browser, `${base}/versioner/3/publicera`);
    expect(confirm.statusCode).toBe(200);
    expect(h1Count(confirm.body)).toBe(1);
    expect(confirm.body).toContain("En publicerad version kan aldrig ändras.");
    expect(versionIn(confirm.body)).toBe("2");

    const stalePublish = await postForm(t.app, browser, `${base}/versioner/3/publicera`, { version: "1" });
    expect(stalePublish.statusCode).toBe(409);
    expect((await versionRow(3))?.status).toBe("draft");

    const published = await postForm(t.app, browser, `${base}/versioner/3/publicera`, { version: "2" });
    expect(published.statusCode).toBe(303);
    const page = await get(t.app, browser, published.headers.location as string);
    expect(page.body).toContain("Utkastet är publicerat.");
    expect(page.body).toContain('<th scope="row">Har handläggaren träffat barnet enskilt?</th>');

    expect((await versionRow(2))?.status).toBe("retired");
    expect((await versionRow(2))?.content).toEqual(v2Before?.content);
    expect((await versionRow(3))?.status).toBe("published");
    expect((await get(t.app, browser, `${base}/versioner/3/andra`)).statusCode).toBe(409);
    expect((await get(t.app, browser, `${base}/versioner/3/publicera`)).statusCode).toBe(409);
    const republish = await postForm(t.app, browser, `${base}/versioner/3/publicera`, { version: "3" });
    expect(republish.statusCode).toBe(409);
    expect(republish.body).toContain("Versionen är publicerad och kan inte ändras.");

    const audits = await db()
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.recordId, (await versionRow(3))?.id ?? ""))
      .orderBy(asc(auditLog.id));
    expect(audits.map((a) => a.action)).toEqual(["review_key.draft_create", "review_key.draft_update", "review_key.publish"]);
  });
});
