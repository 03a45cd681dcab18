import fs from "node:fs";
import nodePath from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testClock } from "../test/helpers.ts";
import { modules } from "./modules.ts";
import { loadConfig } from "./platform/config.ts";
import { createHttpServer } from "./platform/http.ts";
import { createMailer } from "./platform/mail.ts";
import { installModules } from "./platform/module.ts";
import { SessionStore } from "./platform/sessions.ts";

/**
 * One paths table per module (src/platform/paths.ts): a route that a folder's pages.tsx, api.ts (or
 * any other file there) registers must be one of the patterns of that folder's paths.ts, when the folder has one, so that
 * a route pattern written by hand outside the table fails here. The app's routes are registered as
 * in buildApp, and each route is traced to the file that registered it.
 */

const HERE = fileURLToPath(import.meta.url);
const SRC = nodePath.dirname(HERE);

interface Registered {
  route: string;
  dir: string;
}

/** The folder of the file (pages.tsx, api.ts …) that called app.get/post/…, from the call's stack. */
function registeringFolder(stack: string): string | null {
  for (const m of stack.matchAll(/(\/[^\s():]+\.tsx?):\d+:\d+/g)) {
    const file = m[1] as string;
    if (file === HERE || !file.startsWith(SRC) || file.startsWith(nodePath.join(SRC, "platform"))) continue;
    return nodePath.dirname(file);
  }
  return null;
}

const registered: Registered[] = [];
let close: () => Promise<void> = async () => {};

beforeAll(async () => {
  const database = await createTestDatabase();
  const clock = testClock();
  const config = { ...loadConfig({}), logLevel: "silent" as const, jobs: false };
  installModules(modules);
  const sessions = new SessionStore(config.session, clock);
  const app = await createHttpServer({ config, database, sessions, clock });
  const mailer = createMailer(config);
  app.addHook("onRoute", (route) => {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 50;
    const stack = new Error().stack ?? "";
    Error.stackTraceLimit = limit;
    const dir = registeringFolder(stack);
    if (dir) registered.push({ route: route.url, dir });
  });
  for (const m of modules) await m.routes?.(app, { config, database, sessions, mailer, clock });
  await app.ready();
  close = async () => {
    await app.close();
    await mailer.close();
    await database.drop();
  };
});

afterAll(async () => close());

/** The patterns of a folder's paths table, or null when the folder has none yet. */
async function tableOf(dir: string): Promise<Set<string> | null> {
  const file = nodePath.join(dir, "paths.ts");
  if (!fs.existsSync(file)) return null;
  const { paths } = (await import(file)) as { paths: Record<string, { pattern: string }> };
  return new Set(Object.values(paths).map((p) => p.pattern));
}

describe("one paths table per module", () => {
  it("traces the routes to the files that register them", () => {
    // A trace that finds nothing checks nothing: the economy's pages and API are known to be there.
    expect(registered.length).toBeGreaterThan(200);
    expect(registered).toContainEqual({ route: "/ekonomi/:id", dir: nodePath.join(SRC, "economy") });
  });

  it("registers every route of a module with a table from that table", async () => {
    const outside: string[] = [];
    const tables = new Map<string, Set<string> | null>();
    for (const r of registered) {
      if (!tables.has(r.dir)) tables.set(r.dir, await tableOf(r.dir));
      const table = tables.get(r.dir);
      if (table && !table.has(r.route)) outside.push(`${nodePath.relative(SRC, r.dir)}: ${r.route}`);
    }
    expect(outside).toEqual([]);
    expect([...tables.values()].filter(Boolean).length).toBeGreaterThan(0);
  });
});
