import { expect, it } from "vitest";
import { axeAnalyses, checkA11y, cpuSlowdown, describeBrowser, findChromium, uncheckedVisits, useBrowserApp } from "./browser.ts";

// A page with two WCAG A violations: an image without a text alternative, an input without a label.
const brokenPage = `<!doctype html><html lang="sv"><head><title>Trasig</title></head>
<body><main><h1>Trasig sida</h1><img src="/static/none.png"><input type="text" name="q"></main></body></html>`;

// Sofia's accent on white passes AA (6.3:1) once shown, and fails while it fades in: a button at
// 60 % opacity is #6da6a4 on white, 2.8:1. The fade runs whatever the motion preference.
const fadingPage = `<!doctype html><html lang="sv"><head><title>Tonar in</title><style>
@keyframes appear { from { opacity: .6 } to { opacity: 1 } }
button { color: #fff; background: #0b6b68; border: 0; padding: .5rem; font-size: 1rem; animation: appear 1.5s linear; }
</style></head><body><main><h1>Tonar in</h1><button type="button">Fortsätt</button></main></body></html>`;

describeBrowser("the browser-test helpers", () => {
  const env = useBrowserApp();
  // Under SOFIA_TEST_AXE=off (CI's slowed second browser run) the analysis these test is switched off.
  const analysing = it.skipIf(!axeAnalyses());

  analysing("checkA11y looks at a page once its animations have finished, in a browser that prefers reduced motion", async () => {
    const page = await env.newPage();
    await page.route("**/tonar-in", (route) => route.fulfill({ contentType: "text/html; charset=utf-8", body: fadingPage }));
    await page.goto("/tonar-in");
    expect(await page.evaluate(() => matchMedia("(prefers-reduced-motion: reduce)").matches)).toBe(true);
    await checkA11y(page, "the page with a button fading in");
    expect(await page.evaluate(() => document.getAnimations().map((a) => a.playState))).not.toContain("running");
  });

  for (const javaScriptEnabled of [true, false]) {
    analysing(`checkA11y fails with a readable list of violations (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async () => {
      const page = await env.newPage({ javaScriptEnabled });
      await page.route("**/trasig-sida", (route) => route.fulfill({ contentType: "text/html; charset=utf-8", body: brokenPage }));
      await page.goto("/trasig-sida");
      const failure = await checkA11y(page, "the broken page").then(
        () => "passed",
        (e: Error) => e.message,
      );
      expect(failure).toContain("axe found 2 accessibility violation(s) on the broken page");
      expect(failure).toMatch(/- image-alt \[critical\]: Images must have alternative text/);
      expect(failure).toMatch(/- label \[critical\]: Form elements must have labels/);
      expect(failure).toContain("at input");
      // Not counted as checked: the test would still fail for the unchecked page.
      expect(uncheckedVisits(page)).toEqual([`${env.baseUrl}/trasig-sida`]);
      await page.unrouteAll();
      await page.goto("/logga-in");
      await checkA11y(page, "the login page");
      expect(uncheckedVisits(page)).toEqual([`${env.baseUrl}/trasig-sida`]);
      await page.goto("/trasig-sida");
      await checkA11y(page, "the 404 page");
      expect(uncheckedVisits(page)).toEqual([]);
    });
  }
});

it("reads SOFIA_TEST_SLOW as how many times slower the pages' CPU runs", () => {
  expect(cpuSlowdown({})).toBe(1);
  expect(cpuSlowdown({ SOFIA_TEST_SLOW: "4" })).toBe(4);
  expect(() => cpuSlowdown({ SOFIA_TEST_SLOW: "fast" })).toThrow("SOFIA_TEST_SLOW must be a number of times slower, 1 or more (got fast).");
  expect(() => cpuSlowdown({ SOFIA_TEST_SLOW: "0.5" })).toThrow("got 0.5");
});

it("reads SOFIA_TEST_AXE as whether checkA11y runs axe's analysis", () => {
  expect(axeAnalyses({})).toBe(true);
  expect(axeAnalyses({ SOFIA_TEST_AXE: "on" })).toBe(true);
  expect(axeAnalyses({ SOFIA_TEST_AXE: "off" })).toBe(false);
  expect(() => axeAnalyses({ SOFIA_TEST_AXE: "no" })).toThrow('SOFIA_TEST_AXE must be "on" or "off" (got no).');
});

it("finds Chromium at CHROMIUM_PATH only, or explains why there is none", () => {
  expect(findChromium({ CHROMIUM_PATH: "/nonexistent/chromium" })).toEqual({
    path: null,
    reason: "CHROMIUM_PATH=/nonexistent/chromium does not exist or is not executable.",
  });
  expect(findChromium({ CHROMIUM_PATH: process.execPath })).toEqual({ path: process.execPath });
});
