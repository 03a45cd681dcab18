/**
 * The parsed content of work-model versions (contents.ts, decision 0054): a published version is
 * kept once read, a new version is seen on the next request, and a draft is read anew every time.
 */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decidedFamily } from "../../test/fixtures.ts";
import { createTestApp, get, login, type TestApp } from "../../test/helpers.ts";
import { processes, workModels, workModelVersions } from "../db/schema/index.ts";
import { versionContent } from "./contents.ts";
import type { Content } from "./model.ts";

let t: TestApp;
const db = () => t.database.db;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** The Sofia model's current published version of the test municipality. */
async function publishedSofia() {
  const [row] = await db()
    .select({ id: workModelVersions.id, modelId: workModels.id, content: workModelVersions.content })
    .from(workModelVersions)
    .innerJoin(workModels, eq(workModels.id, workModelVersions.workModelId))
    .where(and(eq(workModels.key, "sofiamodellen"), eq(workModelVersions.status, "published")));
  if (!row) throw new Error("no published Sofia model");
  return { ...row, content: row.content as Content };
}

/** The content with every meeting type's Swedish name ending in `mark`. */
const renamed = (content: Content, mark: string): Content => ({
  ...content,
  meetingTypes: content.meetingTypes.map((m) => ({ ...m, name: `${m.name} ${mark}` })),
});

async function nextNumber(modelId: string): Promise<number> {
  const [row] = await db()
    .select({ n: sql<number>`max(${workModelVersions.number})::int` })
    .from(workModelVersions)
    .where(eq(workModelVersions.workModelId, modelId));
  return (row?.n ?? 0) + 1;
}

describe("work-model content per version", () => {
  it("shows a process moved to a new published version with that version's names on the next request, on the family and the start page", async () => {
    const family = await decidedFamily(t);
    const worker = await login(t.app, "barnhandlaggare");
    const before = await get(t.app, worker, `/processer/${family.processId}`);
    expect(before.statusCode).toBe(200);
    expect(before.body).toContain("Familjemöte 1");
    expect(before.body).not.toContain("(version två)");
    expect((await get(t.app, worker, "/start")).body).not.toContain("(version två)");

    const current = await publishedSofia();
    const [next] = await db()
      .insert(workModelVersions)
      .values({
        workModelId: current.modelId,
        number: await nextNumber(current.modelId),
        content: renamed(current.content, "(version två)"),
        status: "published",
        publishedAt: t.clock.now(),
      })
      .returning({ id: workModelVersions.id });
    await db()
      .update(processes)
      .set({ workModelVersionId: next?.id ?? "" })
      .where(eq(processes.id, family.processId));

    const after = await get(t.app, worker, `/processer/${family.processId}`);
    expect(after.statusCode).toBe(200);
    expect(after.body).toContain("Familjemöte 1 (version två)");
    expect((await get(t.app, worker, "/start")).body).toContain("(version två)");
  });

  it("reads a draft anew on every call, and keeps a published version frozen", async () => {
    const current = await publishedSofia();
    const published = await versionContent(db(), current.id);
    expect(published?.stored.meetingTypes[0]?.name).toBe(current.content.meetingTypes[0]?.name);
    expect(Object.isFrozen(published?.stored.meetingTypes[0])).toBe(true);
    expect(await versionContent(db(), current.id)).toBe(published);

    const [draft] = await db()
      .insert(workModelVersions)
      .values({ workModelId: current.modelId, number: await nextNumber(current.modelId), content: renamed(current.content, "(utkast 1)") })
      .returning({ id: workModelVersions.id });
    const id = draft?.id ?? "";
    expect((await versionContent(db(), id))?.stored.meetingTypes[0]?.name).toMatch(/\(utkast 1\)$/);
    await db()
      .update(workModelVersions)
      .set({ content: renamed(current.content, "(utkast 2)") })
      .where(eq(workModelVersions.id, id));
    expect((await versionContent(db(), id))?.stored.meetingTypes[0]?.name).toMatch(/\(utkast 2\)$/);
    expect(await versionContent(db(), "00000000-0000-4000-8000-000000000000")).toBeUndefined();
  });
});
