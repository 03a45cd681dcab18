/**
 * The start page reads who the user is on every request (decision 0054): nothing of the session,
 * the user, their roles or units is kept between requests, so a change counts on the next one.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userId } from "../../test/fixtures.ts";
import { createTestApp, get, login, type TestApp } from "../../test/helpers.ts";
import { userRoles, users, userUnits } from "../db/schema/index.ts";

let t: TestApp;
const db = () => t.database.db;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const rolesLine = (html: string) => /Dina roller: ([^<]*)\./.exec(html)?.[1];

describe("the start page on the next request", () => {
  it("shows a role given and a role taken away", async () => {
    const id = await userId(t, "enhetschef");
    const manager = await login(t.app, "enhetschef");
    const before = await get(t.app, manager, "/start");
    expect(before.statusCode).toBe(200);
    expect(rolesLine(before.body)).toBe("Enhetschef");

    await db().insert(userRoles).values({ userId: id, role: "process_leader" });
    const given = await get(t.app, manager, "/start");
    expect(rolesLine(given.body)).toBe("Processledare, Enhetschef");

    await db()
      .delete(userRoles)
      .where(and(eq(userRoles.userId, id), eq(userRoles.role, "process_leader")));
    const taken = await get(t.app, manager, "/start");
    expect(rolesLine(taken.body)).toBe("Enhetschef");
  });

  it("shows a unit taken away, and refuses a deactivated user at once", async () => {
    const id = await userId(t, "barnhandlaggare");
    const worker = await login(t.app, "barnhandlaggare");
    expect((await get(t.app, worker, "/start")).body).toContain("Barn och unga Norr (");
    const kept = await db().select().from(userUnits).where(eq(userUnits.userId, id));
    await db().delete(userUnits).where(eq(userUnits.userId, id));
    const without = await get(t.app, worker, "/start");
    expect(without.statusCode).toBe(200);
    expect(without.body).not.toContain("Barn och unga Norr (");
    await db().insert(userUnits).values(kept);

    await db().update(users).set({ active: false }).where(eq(users.id, id));
    try {
      const refused = await get(t.app, worker, "/start");
      expect(refused.statusCode).toBe(303);
      expect(refused.headers.location).toMatch(/^\/logga-in/);
    } finally {
      await db().update(users).set({ active: true }).where(eq(users.id, id));
    }
  });
});
