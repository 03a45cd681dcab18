/**
 * The embedded PostgreSQL after a crash and under a running app (issue 17 hole 4, decision 0057):
 * a real `node` process that started the cluster is killed with SIGKILL, its postmaster lives on as
 * an orphan, and the next start on the same folder stops it and starts; a stale postmaster.pid is
 * passed over; a cluster that a running Sofia holds is refused with what to do and left alone. And
 * when the database goes away under a running app, the app answers 503 (a Swedish page,
 * problem+json on the API) and answers again by itself once the database is back.
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { testClock } from "../../test/helpers.ts";
import { waitUntil } from "../../test/wait.ts";
import { loadConfig } from "./config.ts";
import { connect, type EmbeddedServer, parallelWorkersPerGather, processInfo, sharedBuffersMb, startEmbedded } from "./database.ts";
import { type App, createHttpServer } from "./http.ts";
import { RETRY_AFTER_SECONDS } from "./overload.ts";
import { SessionStore } from "./sessions.ts";

const script = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../test/embedded-start.ts");
const folders: string[] = [];
const servers: EmbeddedServer[] = [];
const children: ChildProcess[] = [];

function tempFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sofia-embedded-"));
  fs.chmodSync(dir, 0o755);
  folders.push(dir);
  return dir;
}

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  for (const server of servers) await server.stop().catch(() => {});
  for (const dir of folders) {
    // A postmaster a failed test left behind is stopped before its folder goes.
    const pidFile = path.join(dir, "pg", "postmaster.pid");
    const pid = fs.existsSync(pidFile) ? Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]) || 0 : 0;
    if (pid > 0 && processInfo(pid)) process.kill(pid, "SIGINT");
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);

const selectOne = async (url: string, text = "select 1 as one") => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows[0]?.one;
  } finally {
    await client.end();
  }
};

/** A real node process running the embedded start on `dir`, until it says it is ready. */
async function startInChild(dir: string): Promise<{ child: ChildProcess; adminUrl: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", script, dir], { stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let out = "";
  let err = "";
  child.stdout?.on("data", (chunk) => {
    out += String(chunk);
  });
  child.stderr?.on("data", (chunk) => {
    err += String(chunk);
  });
  await waitUntil("the child's embedded start", () => /^ready /m.test(out) || child.exitCode !== null, Boolean, { within: 120_000 });
  const adminUrl = /^ready (\S+)/m.exec(out)?.[1];
  if (!adminUrl) throw new Error(`the child did not start the cluster: ${err}`);
  return { child, adminUrl };
}

const postmasterOf = (dir: string) => Number(fs.readFileSync(path.join(dir, "pg", "postmaster.pid"), "utf8").split("\n")[0]);

describe("the embedded PostgreSQL after a crash", () => {
  it("refuses a cluster a running Sofia holds, and after that Sofia is killed with SIGKILL stops the orphan and starts", async () => {
    const dir = tempFolder();
    const { child, adminUrl } = await startInChild(dir);
    expect(await selectOne(adminUrl)).toBe(1);
    const orphan = postmasterOf(dir);

    // While the other Sofia runs, its cluster is not taken: a message that says what to do, and it still answers.
    await expect(startEmbedded(dir)).rejects.toThrow(/En annan Sofia \(process \d+\) använder redan den inbyggda PostgreSQL/);
    expect(await selectOne(adminUrl)).toBe(1);

    child.kill("SIGKILL");
    await waitUntil("the child's end", () => child.signalCode !== null);
    // The orphan: its Sofia is gone, the postmaster runs on and holds its postmaster.pid.
    expect(processInfo(orphan)?.command).toMatch(/postgres/);

    const server = await startEmbedded(dir);
    servers.push(server);
    expect(await selectOne(server.adminUrl)).toBe(1);
    expect(await selectOne(server.adminUrl, "select setting::int * 8 / 1024 as one from pg_settings where name = 'shared_buffers'")).toBe(
      sharedBuffersMb(),
    );
    expect(
      await selectOne(server.adminUrl, "select setting::int as one from pg_settings where name = 'max_parallel_workers_per_gather'"),
    ).toBe(parallelWorkersPerGather());
    expect(processInfo(orphan)).toBeUndefined();
    expect(postmasterOf(dir)).not.toBe(orphan);
    await server.stop();
    expect(fs.existsSync(path.join(dir, "pg", "postmaster.pid"))).toBe(false);
  }, 300_000);

  it("passes over a stale postmaster.pid: its process gone, or alive but not a postgres of this cluster", async () => {
    const dir = tempFolder();
    const first = await startEmbedded(dir);
    await first.stop();
    const pidFile = path.join(dir, "pg", "postmaster.pid");
    for (const pid of [process.pid, 2 ** 22 + 17]) {
      fs.writeFileSync(pidFile, `${pid}\n${path.join(dir, "pg")}\n0\n5432\n`);
      const server = await startEmbedded(dir);
      expect(await selectOne(server.adminUrl)).toBe(1);
      await server.stop();
    }
  }, 300_000);
});

describe("the database going away under a running app", () => {
  let app: App | undefined;
  afterAll(async () => {
    await app?.close();
  });

  it("answers 503 (a Swedish page, problem+json on the API) while it is gone, and again by itself once it is back", async () => {
    const dir = tempFolder();
    let server = await startEmbedded(dir);
    servers.push(server);
    const port = Number(new URL(server.adminUrl).port);
    const database = connect(server.adminUrl, 4, { waitMs: 5000 });
    const config = { ...loadConfig({}), logLevel: "silent", jobs: false, rateLimit: null };
    const clock = testClock();
    app = await createHttpServer({ config, database, sessions: new SessionStore(config.session, clock), clock });
    const asks = async () => (await database.pool.query("select 1 as one")).rows[0]?.one as number;
    app.get("/test/fraga", { config: { permission: "public" } }, async (_req, reply) =>
      reply.type("text/plain").send(String(await asks())),
    );
    app.get("/api/v1/test/fraga", { config: { permission: "public" } }, async () => ({ one: await asks() }));
    await app.ready();
    const close = app.close.bind(app);
    app.close = (async () => {
      await close();
      await database.close();
    }) as never;

    expect((await app.inject({ method: "GET", url: "/test/fraga" })).body).toBe("1");

    await server.stop();
    const page = await app.inject({ method: "GET", url: "/test/fraga" });
    expect(page.statusCode).toBe(503);
    expect(page.headers["retry-after"]).toBe(String(RETRY_AFTER_SECONDS));
    expect(page.headers["content-type"]).toMatch(/^text\/html/);
    expect(page.body).toContain("Sofia når inte sin databas just nu");
    expect(page.body).toContain("Ingenting sparades");
    const api = await app.inject({ method: "GET", url: "/api/v1/test/fraga" });
    expect(api.statusCode).toBe(503);
    expect(api.headers["content-type"]).toContain("application/problem+json");
    expect(api.json()).toMatchObject({ status: 503, title: expect.stringMatching(/^Sofia når inte sin databas just nu/) });

    // Back on the same address: the pool's next connection works, nothing restarted in the app.
    server = await startEmbedded(dir, () => {}, { port });
    servers.push(server);
    const back = await app.inject({ method: "GET", url: "/test/fraga" });
    expect(back.statusCode, back.body.slice(0, 300)).toBe(200);
    expect(back.body).toBe("1");
    expect((await app.inject({ method: "GET", url: "/api/v1/test/fraga" })).json()).toEqual({ one: 1 });
  }, 300_000);
});
