import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testClock } from "../../test/helpers.ts";
import { waitUntil } from "../../test/wait.ts";
import { loadConfig } from "./config.ts";
import { connect, type Database } from "./database.ts";
import { healthRoutes } from "./health.ts";
import { type App, createHttpServer } from "./http.ts";
import { IN_FLIGHT_PER_CONNECTION, inFlightLimit, isDatabaseBusy, RETRY_AFTER_SECONDS } from "./overload.ts";
import { SessionStore } from "./sessions.ts";

/** A held request: the route awaits `gate` until the test calls `release`; `entered` resolves when it waits. */
function holdOpen() {
  let release = () => {};
  let entered = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const inside = new Promise<void>((resolve) => {
    entered = resolve;
  });
  return { gate, inside, entered: () => entered(), release: () => release() };
}

/** The platform's HTTP frame (as buildApp makes it) with the routes a test gives, on a database of its own. */
async function frame(database: Database, maxInFlight: number | undefined, routes: (app: App) => void): Promise<App> {
  const config = { ...loadConfig({}), logLevel: "silent", jobs: false, maxInFlight };
  const clock = testClock();
  const app = await createHttpServer({ config, database, sessions: new SessionStore(config.session, clock), clock });
  healthRoutes(app, database);
  routes(app);
  await app.ready();
  return app;
}

const shedCount = (metrics: string, reason: string) =>
  Number(new RegExp(`^sofia_http_shed_total\\{reason="${reason}"\\} (\\d+)`, "m").exec(metrics)?.[1] ?? "NaN");

describe("load shedding: requests in flight", () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: App;
  let hold = holdOpen();
  let written = 0;
  beforeAll(async () => {
    database = await createTestDatabase();
    app = await frame(database, 1, (a) => {
      a.get("/test/vanta", { config: { permission: "public" } }, async (_req, reply) => {
        hold.entered();
        await hold.gate;
        return reply.type("text/plain").send("klar");
      });
      a.post("/api/v1/test/skriv", { config: { permission: "public" } }, async () => {
        written++;
        return { written };
      });
    });
  });
  afterAll(async () => {
    hold.release();
    await app?.close();
    await database?.drop();
  });

  it("answers the request beyond the limit 503 with Retry-After at once, runs none of it, and takes the next after release", async () => {
    const before = shedCount((await app.inject({ method: "GET", url: "/metrics" })).body, "in_flight");
    const first = app.inject({ method: "GET", url: "/test/vanta" });
    await hold.inside;

    // A page: the Swedish error page, with the layout of every error page.
    const page = await app.inject({ method: "GET", url: "/test/vanta" });
    expect(page.statusCode).toBe(503);
    expect(page.headers["retry-after"]).toBe(String(RETRY_AFTER_SECONDS));
    expect(page.headers["content-type"]).toMatch(/^text\/html/);
    expect(page.body).toContain("Sofia har mycket att göra just nu");
    expect(page.body).toContain(`Försök igen om ${RETRY_AFTER_SECONDS} sekunder`);
    expect(page.body).toContain('<html lang="sv"');
    expect(page.headers["content-security-policy"]).toContain("nonce-");

    // The same in English for a reader who chose it.
    const english = await app.inject({ method: "GET", url: "/test/vanta", headers: { cookie: "sofia_lang=en" } });
    expect(english.statusCode).toBe(503);
    expect(english.body).toContain("Sofia is very busy right now");

    // The API: problem+json in Swedish; the write never ran (refused before it started).
    const api = await app.inject({ method: "POST", url: "/api/v1/test/skriv", payload: {} });
    expect(api.statusCode).toBe(503);
    expect(api.headers["retry-after"]).toBe(String(RETRY_AFTER_SECONDS));
    expect(api.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(api.json()).toMatchObject({ status: 503, title: expect.stringContaining("Sofia har mycket att göra just nu") });
    expect(written).toBe(0);

    // The health check and the metrics are never shed; the metrics count what was.
    expect((await app.inject({ method: "GET", url: "/healthz" })).statusCode).toBe(200);
    const metrics = await app.inject({ method: "GET", url: "/metrics" });
    expect(metrics.statusCode).toBe(200);
    expect(shedCount(metrics.body, "in_flight") - before).toBe(3);
    expect(metrics.body).toMatch(/^sofia_http_requests_in_flight [1-9]/m);

    hold.release();
    const held = await first;
    expect(held.statusCode).toBe(200);
    expect(held.body).toBe("klar");

    // The slot is free again: the next request is answered, and the write runs once.
    const after = await app.inject({ method: "POST", url: "/api/v1/test/skriv", payload: {} });
    expect(after.statusCode).toBe(200);
    expect(after.json()).toEqual({ written: 1 });
    hold = holdOpen();
    hold.release();
    expect((await app.inject({ method: "GET", url: "/test/vanta" })).statusCode).toBe(200);
  });
});

describe("load shedding: the wait for a database connection", () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let small: Database;
  let app: App;
  beforeAll(async () => {
    database = await createTestDatabase();
    // One connection, and a request waits for it at most 1 s (opening it counts too).
    small = connect(database.url, 1, { waitMs: 1000 });
    app = await frame(small, undefined, (a) => {
      a.get("/test/fraga", { config: { permission: "public" } }, async (_req, reply) => {
        const { rows } = await small.pool.query<{ n: number }>("select 1 as n");
        return reply.type("text/plain").send(String(rows[0]?.n));
      });
      a.get("/api/v1/test/fraga", { config: { permission: "public" } }, async () => {
        const { rows } = await small.pool.query<{ n: number }>("select 1 as n");
        return { n: rows[0]?.n };
      });
    });
  });
  afterAll(async () => {
    await app?.close();
    await small?.close();
    await database?.drop();
  });

  it("answers 503 with Retry-After while every connection is taken, and 200 once one is free", async () => {
    const before = shedCount((await app.inject({ method: "GET", url: "/metrics" })).body, "database");
    // The test takes the only connection (on a busy machine opening it may take longer than the bound: try again).
    const taken = await waitUntil("the pool's only connection", () => small.pool.connect());
    let released = false;
    try {
      const api = await app.inject({ method: "GET", url: "/api/v1/test/fraga" });
      expect(api.statusCode).toBe(503);
      expect(api.headers["retry-after"]).toBe(String(RETRY_AFTER_SECONDS));
      expect(api.json()).toMatchObject({ status: 503, title: expect.stringContaining("Ingenting sparades") });
      const page = await app.inject({ method: "GET", url: "/test/fraga" });
      expect(page.statusCode).toBe(503);
      expect(page.body).toContain("Sofia har mycket att göra just nu");
      const metrics = (await app.inject({ method: "GET", url: "/metrics" })).body;
      expect(shedCount(metrics, "database") - before).toBe(2);
      expect(metrics).toMatch(/^sofia_db_pool_connections\{state="total"\} [1-9]/m);
      taken.release();
      released = true;
      expect((await app.inject({ method: "GET", url: "/api/v1/test/fraga" })).json()).toEqual({ n: 1 });
      expect((await app.inject({ method: "GET", url: "/test/fraga" })).body).toBe("1");
    } finally {
      if (!released) taken.release();
    }
  });
});

describe("load shedding: the rules", () => {
  it("takes the limit from SOFIA_MAX_INFLIGHT, else from the pool's size", async () => {
    const database = connect("postgres://nobody@127.0.0.1:1/none", 6);
    try {
      expect(inFlightLimit(undefined, database)).toBe(6 * IN_FLIGHT_PER_CONNECTION);
      expect(inFlightLimit(3, database)).toBe(3);
    } finally {
      await database.close();
    }
    expect(loadConfig({ SOFIA_MAX_INFLIGHT: "12", SOFIA_DB_WAIT_MS: "800" })).toMatchObject({ maxInFlight: 12, databaseWaitMs: 800 });
    expect(loadConfig({}).maxInFlight).toBeUndefined();
    expect(() => loadConfig({ SOFIA_MAX_INFLIGHT: "0" })).toThrow(/SOFIA_MAX_INFLIGHT/);
    expect(() => loadConfig({ SOFIA_DB_WAIT_MS: "snart" })).toThrow(/SOFIA_DB_WAIT_MS/);
  });

  it("knows the pool's timeout also when a query layer wraps it", () => {
    const timeout = new Error("timeout exceeded when trying to connect");
    expect(isDatabaseBusy(timeout)).toBe(true);
    expect(isDatabaseBusy(new Error("Failed query: select 1", { cause: timeout }))).toBe(true);
    expect(isDatabaseBusy(new Error("relation does not exist"))).toBe(false);
  });
});
