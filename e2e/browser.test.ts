import { expect, it } from "vitest";
import { checkA11y, describeBrowser, findChromium, uncheckedVisits, useBrowserApp } from "./browser.ts";

// A page with two WCAG A violations: an image without a text alternative, an input without a label.
const brokenPage = `<!doctype html><html lang="sv"><head><title>Trasig</title></head>
<body><main><h1>Trasig sida</h1><img src="/static/none.png"><input type="text" name="q"></main></body></html>`;

describeBrowser("the browser-test helpers", () => {
  const env = useBrowserApp();

  for (const javaScriptEnabled of [true, false]) {
    it(`checkA11y fails with a readable list of violations (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async () => {
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

it("finds Chromium at CHROMIUM_PATH only, or explains why there is none", () => {
  expect(findChromium({ CHROMIUM_PATH: "/nonexistent/chromium" })).toEqual({
    path: null,
    reason: "CHROMIUM_PATH=/nonexistent/chromium does not exist or is not executable.",
  });
  expect(findChromium({ CHROMIUM_PATH: process.execPath })).toEqual({ path: process.execPath });
});
