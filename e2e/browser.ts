import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import axe from "axe-core";
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type CDPSession,
  chromium,
  type Locator,
  type Page,
} from "playwright-core";
import { afterAll, afterEach, beforeAll, describe } from "vitest";
import { systemClock } from "../src/platform/clock.ts";
import type { Config } from "../src/platform/config.ts";
import { createTestApp, TEST_PASSWORD, type TestApp } from "../test/helpers.ts";

/** Where Chromium usually is when CHROMIUM_PATH is not set (Debian, Ubuntu, Google's package, snap). */
export const SYSTEM_CHROMIUM_PATHS = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/snap/bin/chromium"];

export type ChromiumLookup = { path: string } | { path: null; reason: string };

/** CHROMIUM_PATH when set (and then only it), otherwise the first system path that exists. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): ChromiumLookup {
  const configured = env.CHROMIUM_PATH;
  if (configured) {
    return isExecutable(configured)
      ? { path: configured }
      : { path: null, reason: `CHROMIUM_PATH=${configured} does not exist or is not executable.` };
  }
  const found = SYSTEM_CHROMIUM_PATHS.find(isExecutable);
  return found
    ? { path: found }
    : { path: null, reason: `No Chromium at ${SYSTEM_CHROMIUM_PATHS.join(", ")} and CHROMIUM_PATH is not set.` };
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function box(lines: string[]): string {
  const width = Math.max(...lines.map((l) => l.length));
  const bar = "═".repeat(width + 2);
  return [`╔${bar}╗`, ...lines.map((l) => `║ ${l.padEnd(width)} ║`), `╚${bar}╝`].join("\n");
}

const chromiumLookup = findChromium();
const howToFix = ["Install it:   sudo apt-get install -y chromium", "or point to one:   CHROMIUM_PATH=/path/to/chromium npm test"];

if (chromiumLookup.path === null) {
  if (process.env.CI === "true") {
    throw new Error(
      `The browser tests need Chromium and CI=true does not allow skipping them. ${chromiumLookup.reason} ${howToFix.join("; ")}.`,
    );
  }
  process.stderr.write(
    `\n${box([
      "BROWSER TESTS SKIPPED: no Chromium found.",
      chromiumLookup.reason,
      "The journeys, keyboard and axe accessibility checks did NOT run.",
      ...howToFix,
      "(Under CI=true a missing browser fails the run instead.)",
    ])}\n\n`,
  );
}

/**
 * A browser step can wait on a busy machine (two cores shared by Chromium, PostgreSQL and the
 * app); the limits are generous so that load makes a run slower, not red.
 */
const TEST_TIMEOUT_MS = 120_000;
const SETUP_TIMEOUT_MS = 120_000;

/** `describe` for browser tests: skipped, loudly (see above), when there is no Chromium. */
export function describeBrowser(name: string, body: () => void): void {
  describe.skipIf(chromiumLookup.path === null)(name, { timeout: TEST_TIMEOUT_MS }, body);
}

/**
 * SOFIA_TEST_SLOW=4 runs every page with its CPU slowed four times (the DevTools protocol's CPU
 * throttling): a test that passes only on a fast machine fails here, on any machine.
 */
export function cpuSlowdown(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.SOFIA_TEST_SLOW;
  if (raw === undefined || raw === "") return 1;
  const rate = Number(raw);
  if (!Number.isFinite(rate) || rate < 1) throw new Error(`SOFIA_TEST_SLOW must be a number of times slower, 1 or more (got ${raw}).`);
  return rate;
}
const SLOWDOWN = cpuSlowdown();

/**
 * SOFIA_TEST_AXE=off keeps the harness (every visited page must still be passed to checkA11y) but
 * skips axe's analysis. CI sets it only for its second, CPU-slowed browser run, whose pages the
 * first run of the same CI has already analysed: axe's verdict depends on the document, not on the
 * CPU's speed, and the analysis is about two thirds of a browser test's time.
 */
export function axeAnalyses(env: NodeJS.ProcessEnv = process.env): boolean {
  const raw = env.SOFIA_TEST_AXE;
  if (raw === undefined || raw === "" || raw === "on") return true;
  if (raw === "off") return false;
  throw new Error(`SOFIA_TEST_AXE must be "on" or "off" (got ${raw}).`);
}
const AXE = axeAnalyses();

/** Every page of the context, now and later (popups, `context.newPage()`), runs SLOWDOWN times slower. */
async function slowDown(context: BrowserContext): Promise<void> {
  if (SLOWDOWN === 1) return;
  const throttle = async (page: Page) => {
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: SLOWDOWN });
    throttled.set(page, cdp);
  };
  context.on("page", (page) => void throttle(page).catch(() => {})); // a page closed at once has nothing to slow
  await Promise.all(context.pages().map(throttle));
}

const throttled = new WeakMap<Page, CDPSession>();

/**
 * The accessibility check is the measuring instrument, not the page under test: it runs at full
 * speed (slowed, axe takes many seconds a page), and the page is slowed again before the test
 * goes on.
 */
async function atFullSpeed<T>(page: Page, work: () => Promise<T>): Promise<T> {
  const cdp = throttled.get(page);
  if (!cdp) return work();
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
  try {
    return await work();
  } finally {
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: SLOWDOWN });
  }
}

/**
 * Every context the harness opens: a desktop viewport, Swedish, and reduced motion, so that no
 * transition is running when a test looks at a page (Designsystemet turns its animations off
 * under prefers-reduced-motion); slowed down under SOFIA_TEST_SLOW.
 */
async function openContext(browser: Browser, options: BrowserContextOptions): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: "sv-SE", reducedMotion: "reduce", ...options });
  await slowDown(context);
  return context;
}

const LAUNCH_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  tablet: { width: 768, height: 1024 },
} as const;

/** Every page a test reaches must be checked with axe; this is what the check is compared with. */
interface PageRecord {
  visited: Set<string>;
  checked: Set<string>;
  javaScriptEnabled: boolean;
  /** Origins that are not Sofia (a test's OIDC provider): their pages are not Sofia's to check. */
  foreign: Set<string>;
}
const records = new WeakMap<Page, PageRecord>();
const withoutHash = (url: string) => url.split("#")[0] ?? url;

/** The addresses this page has visited that no `checkA11y` has covered. */
export function uncheckedVisits(page: Page): string[] {
  const record = records.get(page);
  return record ? [...record.visited].filter((url) => !record.checked.has(url) && !record.foreign.has(new URL(url).origin)) : [];
}

/**
 * Another site the page goes through (the municipality's login provider in the single sign-on
 * test): its pages are not Sofia's, so they are not required to have had `checkA11y`.
 */
export function passesThrough(page: Page, origin: string): void {
  records.get(page)?.foreign.add(new URL(origin).origin);
}

export interface BrowserApp {
  /** The application on its own database (demo data, every password TEST_PASSWORD). */
  t: TestApp;
  baseUrl: string;
  browser: Browser;
  /**
   * A fresh browser context (own cookies, its own language) with one page. After each test, every
   * address the page visited must have had `checkA11y`; the context is closed.
   */
  newPage(options?: BrowserContextOptions): Promise<Page>;
}

/**
 * One Chromium and one running app for the test file (call it once, at the top of the file's
 * `describeBrowser`). The app listens on 127.0.0.1 on a free port.
 */
export function useBrowserApp(overrides: Partial<Config> = {}): BrowserApp {
  const env = {} as BrowserApp;
  let pages: Page[] = [];

  beforeAll(async () => {
    const executablePath = chromiumLookup.path;
    if (!executablePath) throw new Error("unreachable: describeBrowser skips without Chromium");
    const [started, launched] = await Promise.allSettled([
      // The machine's clock: the browser's own timers and the journeys' dates run on it (decision 0033).
      createTestApp(overrides, { clock: systemClock }),
      chromium.launch({ executablePath, headless: true, args: LAUNCH_ARGS }),
    ]);
    if (started.status === "rejected" || launched.status === "rejected") {
      // Leave nothing behind: the other half may have started.
      if (started.status === "fulfilled") await started.value.close();
      if (launched.status === "fulfilled") await launched.value.close();
      throw started.status === "rejected" ? started.reason : (launched as PromiseRejectedResult).reason;
    }
    const t = started.value;
    const browser = launched.value;
    env.t = t;
    env.browser = browser;
    env.baseUrl = await t.app.listen({ port: 0, host: "127.0.0.1" });
    env.newPage = async (options = {}) => {
      const context = await openContext(browser, { baseURL: env.baseUrl, ...options });
      const page = await context.newPage();
      const record: PageRecord = {
        visited: new Set(),
        checked: new Set(),
        javaScriptEnabled: options.javaScriptEnabled !== false,
        foreign: new Set(),
      };
      records.set(page, record);
      page.on("framenavigated", (frame) => {
        if (frame === page.mainFrame() && frame.url().startsWith("http")) record.visited.add(withoutHash(frame.url()));
      });
      pages.push(page);
      return page;
    };
  }, SETUP_TIMEOUT_MS);

  afterEach(async (context) => {
    const opened = pages;
    pages = [];
    const unchecked = opened.flatMap(uncheckedVisits);
    await Promise.all(opened.map((page) => page.context().close()));
    if (context.task.result?.state !== "fail" && unchecked.length > 0) {
      throw new Error(`Pages visited without an axe check (call checkA11y on each):\n${unchecked.map((u) => `  - ${u}`).join("\n")}`);
    }
  });

  afterAll(async () => {
    await env.browser?.close();
    await env.t?.close();
  }, SETUP_TIMEOUT_MS);

  return env;
}

/**
 * Runs axe (WCAG 2.0/2.1 A and AA) on the page as it is now and fails with a readable list of
 * violations. `label` names the page in the message.
 */
export async function checkA11y(page: Page, label: string): Promise<void> {
  const record = records.get(page);
  if (AXE) await analyseOnce(page, record, label);
  record?.checked.add(withoutHash(page.url()));
}

async function analyseOnce(page: Page, record: PageRecord | undefined, label: string): Promise<void> {
  await atFullSpeed(page, async () => {
    await animationsFinished(page, label);
    const key = await fingerprint(page);
    if (passed.has(key)) return;
    const results = record?.javaScriptEnabled === false ? await analyzeWithoutScripts(page) : await analyze(page);
    if (results.violations.length > 0) throw new Error(describeViolations(results.violations, label, page.url()));
    passed.add(key);
  });
}

/**
 * axe measures colours as they are painted: a dialog fading in has its buttons at part opacity,
 * and a contrast check would read a blend. Wait until no animation or transition is running (with
 * reduced motion there are none to wait for). Under JavaScript disabled the page cannot run the
 * check, and runs no script that could start an animation late; its copy is checked instead.
 */
async function animationsFinished(page: Page, label: string, within = 10_000): Promise<void> {
  if (records.get(page)?.javaScriptEnabled === false) return;
  const running = () =>
    document
      .getAnimations()
      .filter((a) => a.playState === "running" || a.pending)
      .map((a) =>
        "animationName" in a
          ? `animation ${a.animationName}`
          : "transitionProperty" in a
            ? `transition ${a.transitionProperty}`
            : "animation",
      );
  try {
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running" && !a.pending), undefined, {
      timeout: within,
      polling: 50,
    });
  } catch (error) {
    const still = await page.evaluate(running).catch(() => []);
    throw new Error(`checkA11y on ${label}: animations still running after ${within} ms (${still.join(", ") || "none left"}).`, {
      cause: error,
    });
  }
}

/**
 * axe's verdict depends only on the document and the viewport, so a document identical to one
 * that already passed in this file (the login page before each login, say) is not analysed again.
 * Per-request tokens are left out of the comparison.
 */
const passed = new Set<string>();
async function fingerprint(page: Page): Promise<string> {
  const html = await page.evaluate(() => {
    const copy = document.documentElement.cloneNode(true) as HTMLElement;
    for (const el of copy.querySelectorAll("input[name=_csrf]")) el.removeAttribute("value");
    for (const el of copy.querySelectorAll("[nonce]")) el.removeAttribute("nonce");
    copy.querySelector("body")?.removeAttribute("data-csrf");
    return copy.outerHTML;
  });
  return crypto
    .createHash("sha256")
    .update(JSON.stringify([page.viewportSize(), html]))
    .digest("hex");
}

function describeViolations(violations: axe.Result[], label: string, url: string): string {
  const lines = violations.flatMap((v) => [
    `- ${v.id} [${v.impact ?? "unknown impact"}]: ${v.help} (${v.helpUrl})`,
    ...v.nodes.map(
      (n) => `    at ${n.target.join(" ")}${n.failureSummary ? `\n       ${n.failureSummary.replaceAll("\n", "\n       ")}` : ""}`,
    ),
  ]);
  return `axe found ${violations.length} accessibility violation(s) on ${label} (${url}):\n${lines.join("\n")}`;
}

/** WCAG 2.0 and 2.1, A and AA; only the violations are collected (the passes cost time and are not used). */
const AXE_OPTIONS: axe.RunOptions = {
  runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
  resultTypes: ["violations"],
};

/**
 * axe-core run inside the page, driven directly rather than through @axe-core/playwright: that
 * builder evaluated axe's half-megabyte source twice per analysis (about 0.2 s each), which was a
 * third of a browser test's time. Here the source is evaluated once per document, and axe runs in
 * the page's main frame (Sofia's pages have no iframes).
 */
async function analyze(page: Page): Promise<{ violations: axe.Result[] }> {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axe.source);
  return page.evaluate(async (options) => {
    const { violations } = await (window as unknown as { axe: typeof axe }).axe.run(document, options);
    return { violations };
  }, AXE_OPTIONS);
}

/**
 * axe needs timers, which do not run in a page with JavaScript disabled. The page's DOM (as the
 * server sent it: no script has run) is loaded at the same address in a scripting context whose
 * own scripts are blocked, with the real stylesheets, and checked there.
 */
async function analyzeWithoutScripts(page: Page) {
  const html = await page.content();
  const browser = page.context().browser();
  if (!browser) throw new Error("checkA11y: the page has no browser");
  // The copy is only measured (its scripts are blocked): at full speed, as `atFullSpeed` says.
  const copy = await browser.newContext({ viewport: page.viewportSize(), reducedMotion: "reduce" });
  try {
    const mirror = await copy.newPage();
    const url = page.url();
    await mirror.route("**/*.js", (route) => route.abort());
    await mirror.route(url, (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }));
    await mirror.goto(url);
    await animationsFinished(mirror, url);
    return await analyze(mirror);
  } finally {
    await copy.close();
  }
}

export interface LoginOptions {
  password?: string;
  /**
   * The state the landing page is checked in: a test that expects something to appear on it (the
   * idle-timeout dialog, say) waits for it here, so that axe never sees a page half-way there.
   */
  ready?: (page: Page) => Promise<unknown>;
}

/** Logs in through the real login form (axe on the login page and on the page it lands on, once `ready`). */
export async function loginAs(page: Page, username: string, { password = TEST_PASSWORD, ready }: LoginOptions = {}): Promise<void> {
  await page.goto("/logga-in");
  await checkA11y(page, "the login page");
  await page.locator("#f-username").fill(username);
  await page.locator("#f-password").fill(password);
  await Promise.all([
    page.waitForURL((url) => url.pathname !== "/logga-in"),
    page.locator("main form[action='/logga-in'] button[type=submit]").click(),
  ]);
  await ready?.(page);
  await checkA11y(page, `the first page after logging in as ${username}`);
}

/** Submits the header's logout form and waits for the login page. */
export async function logout(page: Page): Promise<void> {
  await Promise.all([page.waitForURL(/\/logga-in/), page.locator("header form[action='/logga-ut'] button").click()]);
}

const screenshotDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../screenshots");

/**
 * With SCREENSHOTS=1: PNGs at desktop and tablet size in screenshots/, for people to look at.
 * Whole pages by default; `fullPage: false` for what is on screen (a modal dialog's backdrop covers
 * only the viewport).
 */
export async function screenshot(page: Page, name: string, { fullPage = true } = {}): Promise<void> {
  if (process.env.SCREENSHOTS !== "1") return;
  fs.mkdirSync(screenshotDir, { recursive: true });
  const original = page.viewportSize();
  for (const [size, viewport] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: path.join(screenshotDir, `${name}-${size}.png`), fullPage });
  }
  if (original) await page.setViewportSize(original);
}

/**
 * A page of the main menu by its name: a top-level link, or a link inside a group (a disclosure),
 * whose group is opened first as a user would.
 */
export function menuLink(page: Page, name: string): Locator {
  const nav = page.getByRole("navigation", { name: /^(Huvudmeny|Main menu)$/ });
  return nav.locator("a").filter({ hasText: exactly(name) });
}

const exactly = (name: string) => new RegExp(`^\\s*${name}\\s*$`);

/** Opens a page of the main menu (its group first, if it is in one) and waits for it to load. */
export async function openFromMenu(page: Page, name: string): Promise<void> {
  const link = menuLink(page, name);
  if (!(await link.isVisible())) {
    await page
      .locator(".sofia-nav details")
      .filter({ has: page.locator("a", { hasText: exactly(name) }) })
      .locator("summary")
      .click();
  }
  await Promise.all([page.waitForEvent("load"), link.click()]);
}

/** Every page the main menu offers, group contents included, by name. */
export async function menuPages(page: Page): Promise<string[]> {
  const nav = page.getByRole("navigation", { name: /^(Huvudmeny|Main menu)$/ });
  return (await nav.locator("a").allTextContents()).map((s) => s.trim());
}
