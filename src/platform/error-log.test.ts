/** No personal data in the app's log when a query fails (issue 17 item 2): the class, the code and a reference only. */
import net from "node:net";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testClock } from "../../test/helpers.ts";
import { loadConfig } from "./config.ts";
import { type App, createHttpServer } from "./http.ts";
import { SessionStore } from "./sessions.ts";

const NAME = "Astrid Lindqvist";
const IDENTITY_NUMBER = "191212121212";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: App;
const lines: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const config = { ...loadConfig({}), logLevel: "info", jobs: false };
  const clock = testClock();
  app = await createHttpServer({
    config,
    database,
    sessions: new SessionStore(config.session, clock),
    clock,
    logStream: { write: (line: string) => void lines.push(line) },
  });
  // A query that fails with a searched name and an identity number as its parameters (and in PostgreSQL's own message).
  const failingQuery = async () => {
    await database.db.execute(sql`select ${NAME}::int as name, ${IDENTITY_NUMBER}::uuid as identity_number`);
    return "never";
  };
  app.get("/api/v1/probe-failure", { config: { permission: "public" } }, failingQuery);
  app.get("/probe-failure", { config: { permission: "public" } }, failingQuery);
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await database?.drop();
});

describe("a failed query", () => {
  it("is logged by its class, code and reference, never by its parameters, and the answer gives the reference", async () => {
    const api = await app.inject({ method: "GET", url: "/api/v1/probe-failure" });
    expect(api.statusCode).toBe(500);
    expect(api.headers["content-type"]).toContain("application/problem+json");
    const problem = api.json() as { instance: string; title: string };
    const ref = /^urn:uuid:([0-9a-f-]{36})$/.exec(problem.instance)?.[1];
    expect(ref).toBeTruthy();
    expect(problem.title).toContain(ref);

    const page = await app.inject({ method: "GET", url: "/probe-failure" });
    expect(page.statusCode).toBe(500);
    const pageRef = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/.exec(page.body)?.[0];
    expect(pageRef).toBeTruthy();

    const log = lines.join("");
    for (const secret of [NAME, "Astrid", IDENTITY_NUMBER, "params", "select "]) expect(log).not.toContain(secret);
    expect(api.body).not.toContain(NAME);
    expect(page.body).not.toContain(NAME);
    const errors = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === "unhandled error");
    expect(errors).toHaveLength(2);
    // Drizzle's error, caused by PostgreSQL's: invalid_text_representation.
    expect(errors[0]).toMatchObject({ ref, error: { class: "DrizzleQueryError", cause: { class: "DatabaseError", code: "22P02" } } });
    expect(errors[1]).toMatchObject({ ref: pageRef });
  });
});

describe("the HTTP parser's refusals (issue 17 item 9)", () => {
  it("answer headers too large as problem+json", async () => {
    await app.listen({ port: 0, host: "127.0.0.1" });
    const { port } = app.server.address() as { port: number };
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(port, "127.0.0.1", () => {
        socket.write(`GET /api/v1/units HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`);
      });
      let data = "";
      socket.on("data", (chunk) => {
        data += chunk.toString();
      });
      socket.on("end", () => resolve(data));
      socket.on("error", reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    expect(answer).toContain("content-type: application/problem+json");
    expect(JSON.parse(answer.slice(answer.indexOf("\r\n\r\n") + 4))).toMatchObject({ status: 431 });
  });
});
