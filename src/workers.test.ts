/**
 * Sofia as several processes on one database (SOFIA_WORKERS, decision 0052): the real `npm start`
 * (scripts/start.mjs: built once, then dist/main.js) runs as a child process with two workers on
 * this file's test database. Each worker names itself in a header (SOFIA_TEST_WORKER_HEADER, for
 * this test only), and the test keeps one connection to each (the primary hands a connection to
 * one worker, which answers everything sent on it), so that it can send a request to the process
 * it chooses: a session made in one is valid in the other, a lockout counted in both holds in both,
 * a stale version is refused by the other, a killed worker is replaced, and SIGTERM stops them all.
 */
import { type ChildProcess, spawn } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, csrfFrom, TEST_PASSWORD, testClock } from "../test/helpers.ts";
import { waitUntil } from "../test/wait.ts";
import { apiTokens, units, users } from "./db/schema/index.ts";
import { seedDemo } from "./demo/index.ts";
import { freePort } from "./platform/database.ts";
import { API_TOKEN_PREFIX, randomToken, sha256 } from "./platform/sessions.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The process id of the worker that answered. */
  worker: number;
}

/** One kept-alive connection, so one worker: every request sent through it is answered by that worker. */
interface Connection {
  agent: http.Agent;
  pid: number;
}

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let child: ChildProcess;
let port = 0;
let output = "";
let a: Connection;
let b: Connection;
const seenWorkers = new Set<number>();

function send(
  agent: http.Agent | false,
  method: string,
  url: string,
  { headers = {}, body }: { headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method, path: url, agent, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => {
        text += chunk;
      });
      res.on("end", () => {
        const worker = Number(res.headers["x-sofia-worker"]);
        seenWorkers.add(worker);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text, worker });
      });
    });
    req.on("error", reject);
    // A connection handed to a worker that has just died gets no answer: give up on it.
    req.setTimeout(10_000, () => req.destroy(new Error(`no answer to ${method} ${url} in 10 s`)));
    req.end(body);
  });
}

/** Sends through the connection and checks that its worker answered. */
async function on(connection: Connection, method: string, url: string, options?: Parameters<typeof send>[3]): Promise<Answer> {
  const answer = await send(connection.agent, method, url, options);
  expect(answer.worker).toBe(connection.pid);
  return answer;
}

/** A new kept-alive connection, and the worker it went to. */
async function connect(): Promise<Connection> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const answer = await send(agent, "GET", "/healthz");
  expect(answer.status).toBe(200);
  return { agent, pid: answer.worker };
}

const cookiesOf = (answer: Answer) =>
  Object.fromEntries((answer.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]?.split("=") as [string, string]));

const form = (fields: Record<string, string>) => ({
  headers: { "content-type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams(fields).toString(),
});

/** The login form of the connection's worker: its anonymous CSRF cookie and token. */
async function loginForm(connection: Connection): Promise<{ cookie: string; csrf: string }> {
  const page = await on(connection, "GET", "/logga-in");
  return { cookie: `sofia_csrf=${cookiesOf(page).sofia_csrf}`, csrf: csrfFrom(page.body) };
}

async function tryLogin(connection: Connection, username: string, password: string): Promise<Answer> {
  const { cookie, csrf } = await loginForm(connection);
  const f = form({ _csrf: csrf, username, password });
  return on(connection, "POST", "/logga-in", { headers: { ...f.headers, cookie }, body: f.body });
}

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db, TEST_PASSWORD, testClock());
  port = await freePort();
  child = spawn(process.execPath, ["scripts/start.mjs"], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      // Migrated as the owner, served as the app's role (decision 0063).
      DATABASE_OWNER_URL: database.ownerUrl,
      DATABASE_URL: database.url,
      PORT: String(port),
      HOST: "127.0.0.1",
      SOFIA_WORKERS: "2",
      SOFIA_TEST_WORKER_HEADER: "1",
      LOG_LEVEL: "silent",
    },
  });
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  await waitUntil(
    "the app with two workers to print its address",
    () => {
      if (child.exitCode !== null) throw new Error(`npm start ended with ${child.exitCode}: ${output}`);
      return output.includes(`Sofia körs på http://127.0.0.1:${port}`);
    },
    Boolean,
    { within: 110_000, every: 100 },
  );
  // Open connections until one goes to each worker (the primary hands them out in turn).
  const connections: Connection[] = [await connect()];
  const other = await waitUntil(
    "a connection to the second worker",
    async () => {
      const c = await connect();
      if (c.pid === connections[0]?.pid) c.agent.destroy();
      return c;
    },
    (c) => c.pid !== connections[0]?.pid,
    { within: 10_000, every: 1 },
  );
  a = connections[0] as Connection;
  b = other;
});

afterAll(async () => {
  a?.agent.destroy();
  b?.agent.destroy();
  if (child && child.exitCode === null && child.signalCode === null) {
    for (const pid of seenWorkers) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
    child.kill("SIGKILL");
  }
  await database?.drop();
});

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("Sofia as two worker processes on one database", () => {
  it("serves from two processes, neither of them the one that started them", async () => {
    expect(output).toContain("Processer: 2 (SOFIA_WORKERS)");
    await waitUntil("the app to say that both workers listen", () => output.includes("Alla 2 processer tar emot anrop."));
    expect(output.match(/Sofia körs på/g)).toHaveLength(1);
    expect(output.match(/Demoinloggningar/g)).toHaveLength(1);
    expect(a.pid).not.toBe(b.pid);
    expect([a.pid, b.pid]).not.toContain(child.pid);
  });

  it("keeps a session made through one process valid in the other, and a logout in one ends it in both", async () => {
    const login = await tryLogin(a, "barnhandlaggare", TEST_PASSWORD);
    expect(login.status).toBe(303);
    const session = cookiesOf(login).sofia_session;
    expect(session).toBeTruthy();
    const cookie = `sofia_session=${session}`;

    expect((await on(b, "GET", "/start")).status).toBe(303);
    const start = await on(b, "GET", "/start", { headers: { cookie } });
    expect(start.status).toBe(200);
    expect(start.body).toContain("Bo Barnhandläggare");

    const logout = form({ _csrf: csrfFrom(start.body) });
    expect((await on(b, "POST", "/logga-ut", { headers: { ...logout.headers, cookie }, body: logout.body })).status).toBe(303);
    const after = await on(a, "GET", "/start", { headers: { cookie } });
    expect(after.status).toBe(303);
    expect(after.headers.location).toContain("/logga-in");
  });

  it("counts failed logins in both processes together, and the lockout holds in both", async () => {
    // Five failures lock the account (auth/model.ts accountRule): three in one process, two in the other.
    for (const connection of [a, b, a, b, a]) {
      expect((await tryLogin(connection, "vuxenhandlaggare", "fel-lösenord")).status).toBe(401);
    }
    for (const connection of [b, a]) {
      const refused = await tryLogin(connection, "vuxenhandlaggare", TEST_PASSWORD);
      expect(refused.status).toBe(429);
      expect(refused.body).toContain("För många misslyckade inloggningsförsök");
      expect(cookiesOf(refused).sofia_session).toBeUndefined();
    }
    // Another account is not locked, in either process.
    expect((await tryLogin(b, "enhetschef", TEST_PASSWORD)).status).toBe(303);
  });

  it("refuses a stale version in the other process with 409 and changes nothing", async () => {
    const [admin] = await database.db.select({ id: users.id }).from(users).where(eq(users.username, "admin"));
    const token = `${API_TOKEN_PREFIX}${randomToken()}`;
    await database.db.insert(apiTokens).values({
      userId: admin?.id ?? "",
      name: "workers test",
      tokenHash: sha256(token),
      prefix: token.slice(0, 14),
      scopes: ["organisation.view", "organisation.manage"],
    });
    const json = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    const list = await on(a, "GET", "/api/v1/units", { headers: { authorization: json.authorization } });
    expect(list.status).toBe(200);
    const unit = (JSON.parse(list.body) as Array<{ id: string; name: string; version: number }>)[0];
    if (!unit) throw new Error("the demo has no unit");

    const saved = await on(a, "PATCH", `/api/v1/units/${unit.id}`, {
      headers: json,
      body: JSON.stringify({ version: unit.version, name: `${unit.name} (A)` }),
    });
    expect(saved.status).toBe(200);
    const stale = await on(b, "PATCH", `/api/v1/units/${unit.id}`, {
      headers: json,
      body: JSON.stringify({ version: unit.version, name: `${unit.name} (B)` }),
    });
    expect(stale.status).toBe(409);
    expect(stale.headers["content-type"]).toContain("application/problem+json");
    expect(JSON.parse(stale.body)).toMatchObject({ title: expect.stringContaining("Någon annan har ändrat uppgifterna") });
    const [row] = await database.db.select().from(units).where(eq(units.id, unit.id));
    expect(row).toMatchObject({ name: `${unit.name} (A)`, version: unit.version + 1 });
  });

  it("counts every worker's requests in /metrics, whichever worker is scraped", async () => {
    // The API reference three times through each worker, anonymously (a route no other test here asks for).
    const route = 'route="/api-dokumentation"';
    for (const connection of [a, b, a, b, a, b]) expect([200, 303]).toContain((await on(connection, "GET", "/api-dokumentation")).status);
    for (const connection of [a, b]) {
      const metrics = (await on(connection, "GET", "/metrics")).body;
      const line = metrics.split("\n").find((l) => l.startsWith("sofia_http_request_duration_seconds_count") && l.includes(route));
      expect(line, metrics.slice(0, 2000)).toMatch(/ 6$/);
    }
  });

  it("replaces a worker that dies", async () => {
    const killed = a.pid;
    a.agent.destroy();
    process.kill(killed, "SIGKILL");
    const replacement = await waitUntil(
      "a new worker to answer in place of the killed one",
      async () => {
        const c = await connect();
        c.agent.destroy();
        return c.pid;
      },
      (pid) => pid !== killed && pid !== b.pid,
      { within: 90_000, every: 100 },
    ).catch((e: Error) => {
      throw new Error(`${e.message}\nThe app's output:\n${output}`);
    });
    expect(alive(killed)).toBe(false);
    expect(alive(replacement)).toBe(true);
    expect(output).toContain(`Process ${killed} avslutades med signalen SIGKILL; en ny startas.`);
  });

  it("stops every worker on SIGTERM and ends with 0", async () => {
    b.agent.destroy();
    const workers = [...seenWorkers].filter(alive);
    expect(workers.length).toBe(2);
    child.kill("SIGTERM");
    const code = await waitUntil(
      "the app to stop",
      () => child.exitCode,
      (c) => c !== null,
      { within: 60_000 },
    );
    expect(code).toBe(0);
    expect(workers.filter(alive)).toEqual([]);
    await expect(send(false, "GET", "/healthz")).rejects.toThrow(/ECONNREFUSED/);
  });
});
