/**
 * The single sign-on tests' OIDC provider: test/oidc-provider.mjs (oidc-provider 8) in a child
 * process, and a login at it without a browser (decision 0059).
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Clock } from "../src/platform/clock.ts";
import { waitUntil } from "./wait.ts";

export interface TestProviderSetup {
  clients: Array<{ client_id: string; client_secret: string; redirect_uris: string[] }>;
  accounts?: Record<string, Record<string, unknown>>;
  wrongAudience?: string[];
}

export interface TestProvider {
  issuer: string;
  close(): Promise<void>;
}

const script = path.join(path.dirname(fileURLToPath(import.meta.url)), "oidc-provider.mjs");

/** Starts the provider with its clock at `clock`'s now (the tests' clock); resolves once it listens. */
export async function startTestProvider(setup: TestProviderSetup, clock: Clock): Promise<TestProvider> {
  const child: ChildProcess = spawn(process.execPath, [script], {
    env: { ...process.env, OIDC_TEST_SETUP: JSON.stringify({ ...setup, now: clock.now().toISOString() }) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout?.on("data", (d) => {
    out += String(d);
  });
  child.stderr?.on("data", (d) => {
    err += String(d);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const issuer = await waitUntil(
    "the test OIDC provider to listen",
    async () => {
      if (child.exitCode !== null) throw new Error(`the test OIDC provider ended: ${err}`);
      const line = out.split("\n").find((l) => l.startsWith("{"));
      return line ? (JSON.parse(line) as { issuer: string }).issuer : undefined;
    },
    (v) => v !== undefined,
    { within: 30_000, every: 50 },
  );
  return {
    issuer: issuer as string,
    async close() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await exited;
      }
    },
  };
}

/** A browser's cookies at the provider, by name (the provider's paths are not told apart: one provider, one jar). */
export class CookieJar {
  private readonly cookies = new Map<string, string>();
  take(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const at = pair?.indexOf("=") ?? -1;
      if (!pair || at < 1) continue;
      const value = pair.slice(at + 1);
      if (value === "" || /expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(pair.slice(0, at));
      else this.cookies.set(pair.slice(0, at), value);
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

/**
 * Logs `account` in at the provider from its authorization URL, as a browser would without
 * JavaScript: the provider's login form (its development interaction) and the redirects after
 * it. Returns the address the provider sends the browser back to (Sofia's callback with the code).
 */
export async function loginAtProvider(authorizationUrl: string, account: string, jar = new CookieJar()): Promise<URL> {
  let url = new URL(authorizationUrl);
  let init: RequestInit = {};
  for (let hop = 0; hop < 10; hop++) {
    const res = await fetch(url, { ...init, redirect: "manual", headers: { ...(init.headers ?? {}), cookie: jar.header() } });
    jar.take(res);
    if (res.status >= 300 && res.status < 400) {
      const next = new URL(res.headers.get("location") ?? "", url);
      await res.arrayBuffer();
      if (next.origin !== url.origin) return next;
      url = next;
      init = {};
      continue;
    }
    const body = await res.text();
    if (res.status !== 200 || !/name="prompt" value="login"/.test(body))
      throw new Error(
        `unexpected provider page ${res.status} at ${url.pathname}: ${body
          .replace(/<style[\s\S]*?<\/style>/, "")
          .replace(/<[^>]+>/g, " ")
          .replace(/\s+/g, " ")
          .slice(0, 400)}`,
      );
    const action = /action="([^"]+)"/.exec(body)?.[1] ?? "";
    url = new URL(action, url);
    init = {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ prompt: "login", login: account, password: "valfritt" }).toString(),
    };
  }
  throw new Error("the provider redirected too many times");
}
