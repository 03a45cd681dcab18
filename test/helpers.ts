import crypto from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { eq, inArray, sql } from "drizzle-orm";
import pg from "pg";
import { inject } from "vitest";
import { buildApp } from "../src/app.ts";
import { apiTokens, users } from "../src/db/schema/index.ts";
import { demoCaseworkers } from "../src/demo/followup-data.ts";
import { seedDemo } from "../src/demo/seed.ts";
import { type Clock, clockStartingAt, parseInstant } from "../src/platform/clock.ts";
import { type Config, loadConfig } from "../src/platform/config.ts";
import { connect, type Database, migrationsFolder } from "../src/platform/database.ts";
import type { App } from "../src/platform/http.ts";
import { API_TOKEN_PREFIX, randomToken, sha256 } from "../src/platform/sessions.ts";
import { TEMPLATE_DB } from "./global-setup.ts";
import { waitUntil } from "./wait.ts";

export const TEST_PASSWORD = "Testlösenord-2026";

function urlFor(database: string, as: "adminUrl" | "appUrl" = "appUrl"): string {
  const url = new URL(inject(as));
  url.pathname = `/${database}`;
  return url.toString();
}

export interface TestDatabase extends Database {
  name: string;
  /**
   * The owner's URL of this database, for the few tests that set up what the app's role may not
   * do (change a column, vacuum); the app and `db` connect as the app's role (decision 0063).
   */
  ownerUrl: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database of this test file's own, cloned from the template, reached as the app's role. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `sofia_t_${crypto.randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: inject("adminUrl") });
  await admin.connect();
  try {
    await admin.query(`create database "${name}" template "${TEMPLATE_DB}"`);
  } finally {
    await admin.end();
  }
  const database = connect(urlFor(name), 5);
  return {
    ...database,
    name,
    ownerUrl: urlFor(name, "adminUrl"),
    async drop() {
      await database.close().catch(() => {}); // a test may have closed the pool on purpose
      // A server process that is still leaving (or a maintenance worker) can make the forced drop
      // fail for a moment: wait until the drop succeeds.
      await waitUntil(
        `the test database ${name} to be dropped`,
        async () => {
          const c = new pg.Client({ connectionString: inject("adminUrl") });
          await c.connect();
          try {
            await c.query(`drop database if exists "${name}" with (force)`);
            return true;
          } finally {
            await c.end();
          }
        },
        Boolean,
        { within: 10_000, every: 200 },
      );
    },
  };
}

/**
 * The instant the tests' clock starts at unless SOFIA_TEST_NOW sets another (decision 0033): a
 * Monday, 10:00 in Sweden, so that "today" stays one date for the whole run.
 */
export const DEFAULT_TEST_NOW = "2026-12-07T09:00:00Z";

/**
 * The tests' clock: set to SOFIA_TEST_NOW (e.g. 2041-03-15T10:00:00Z) or DEFAULT_TEST_NOW, then
 * moving with the machine's clock, so that the machine's date never decides a test.
 */
export function testClock(env: NodeJS.ProcessEnv = process.env): Clock {
  return clockStartingAt(parseInstant(env.SOFIA_TEST_NOW || DEFAULT_TEST_NOW));
}

export interface TestApp {
  app: App;
  database: TestDatabase;
  config: Config;
  /** The app's clock: a test takes "today" and "now" from here, never from `new Date()`. */
  clock: Clock;
  close(): Promise<void>;
}

/**
 * The whole application on its own database with the demo municipality; every user has TEST_PASSWORD.
 * The clock is `testClock()` unless one is given (the browser tests keep the machine's).
 */
export async function createTestApp(overrides: Partial<Config> = {}, { clock = testClock() }: { clock?: Clock } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  await seedDemo(database.db, TEST_PASSWORD, clock);
  // Background jobs (pg-boss) only where a test asks for them: { jobs: true }. The rate limit too
  // (decision 0057): the test clock stands still, so a file's requests would all fall in one window.
  const config = { ...loadConfig({}), logLevel: "silent", jobs: false, rateLimit: null, ...overrides };
  const app = await buildApp({ config, database, clock });
  return {
    app,
    database,
    config,
    clock,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

/** Cookie jar of one logged-in browser: its session cookie and CSRF token. */
export interface Browser {
  cookie: string;
  csrf: string;
}

function cookiesFrom(setCookie: string | string[] | undefined): Record<string, string> {
  const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  return Object.fromEntries(list.map((c) => c.split(";")[0]?.split("=") as [string, string]));
}

export const csrfFrom = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";

/** An anonymous browser: the CSRF cookie and token of the login page. */
export async function anonymous(app: App): Promise<Browser> {
  const res = await app.inject({ method: "GET", url: "/logga-in" });
  const jar = cookiesFrom(res.headers["set-cookie"]);
  return { cookie: `sofia_csrf=${jar.sofia_csrf}`, csrf: csrfFrom(res.body) };
}

export async function login(app: App, username: string, password = TEST_PASSWORD): Promise<Browser> {
  const anon = await anonymous(app);
  const res = await app.inject({
    method: "POST",
    url: "/logga-in",
    headers: { cookie: anon.cookie, "content-type": "application/x-www-form-urlencoded" },
    payload: new URLSearchParams({ _csrf: anon.csrf, username, password }).toString(),
  });
  if (res.statusCode !== 303) throw new Error(`login as ${username} failed: ${res.statusCode}`);
  const session = cookiesFrom(res.headers["set-cookie"]).sofia_session;
  const cookie = `sofia_session=${session}; ${anon.cookie}`;
  const start = await app.inject({ method: "GET", url: "/start", headers: { cookie } });
  return { cookie, csrf: csrfFrom(start.body) };
}

/** POSTs a form as the browser, adding its CSRF token. */
export function postForm(app: App, browser: Browser, url: string, fields: Record<string, string | string[]>) {
  const body = new URLSearchParams();
  body.append("_csrf", browser.csrf);
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  return app.inject({
    method: "POST",
    url,
    headers: { cookie: browser.cookie, "content-type": "application/x-www-form-urlencoded" },
    payload: body.toString(),
  });
}

export function get(app: App, browser: Browser | null, url: string) {
  return app.inject({ method: "GET", url, headers: browser ? { cookie: browser.cookie } : {} });
}

/** A personal access token of the user, inserted as the account pages would store it (hash and prefix). */
export async function apiToken(t: TestApp, username: string, scopes: string[]): Promise<string> {
  const [user] = await t.database.db.select({ id: users.id }).from(users).where(eq(users.username, username));
  if (!user) throw new Error(`no user ${username}`);
  const token = `${API_TOKEN_PREFIX}${randomToken()}`;
  await t.database.db
    .insert(apiTokens)
    .values({ userId: user.id, name: "test", tokenHash: sha256(token), prefix: token.slice(0, 14), scopes });
  return token;
}

/** Calls the JSON API with a bearer token and, when given, a JSON body. */
export function apiCall(app: App, method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE", url: string, token: string | null, body?: unknown) {
  return app.inject({
    method,
    url,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    payload: body === undefined ? undefined : JSON.stringify(body),
  });
}

/**
 * Makes the caseworkers the demo generates for the follow-up (src/demo/followup-data.ts) inactive,
 * for a test that names every recipient or user of the demo's own staff.
 */
export async function leaveOutGeneratedCaseworkers(db: Database["db"]): Promise<void> {
  await db
    .update(users)
    .set({ active: false })
    .where(
      inArray(
        users.username,
        demoCaseworkers.map((c) => c.username),
      ),
    );
}

/**
 * Runs one migration's SQL file again, twice, each time in one transaction, on a test's database:
 * a data migration must give stored rows what they lack and leave what already has it as it is.
 */
export async function rerunMigration(database: TestDatabase, file: string): Promise<void> {
  const statements = readFileSync(path.join(migrationsFolder, file), "utf8").split("--> statement-breakpoint");
  // A migration is the owner's work (decision 0063).
  await asOwner(database, async (db) => {
    for (let run = 0; run < 2; run++) {
      await db.transaction(async (tx) => {
        for (const statement of statements) await tx.execute(sql.raw(statement));
      });
    }
  });
}

/**
 * Runs `work` connected as the owner of the test's database: for the set-up only the owner may do
 * (a migration again, a column as it was before one, VACUUM). The app's role cannot (decision 0063).
 */
export async function asOwner<T>(database: TestDatabase, work: (db: Database["db"], pool: Database["pool"]) => Promise<T>): Promise<T> {
  const owner = connect(database.ownerUrl, 1);
  try {
    return await work(owner.db, owner.pool);
  } finally {
    await owner.close();
  }
}

/**
 * The family members audit rows name: the single subject of a disclosure or change, and every
 * person a view showed in its one row (decision 0051).
 */
export const personsNamed = (rows: ReadonlyArray<{ subjectPersonId: string | null; subjectPersonIds: string[] }>): string[] =>
  rows.flatMap((r) => [...(r.subjectPersonId ? [r.subjectPersonId] : []), ...r.subjectPersonIds]);
