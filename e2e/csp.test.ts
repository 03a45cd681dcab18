/**
 * The pages with charts under the real CSP in a real browser: the follow-up (ECharts' server-side
 * SVG), the outcomes side by side and the survey results (the stacked bars) raise no
 * Content-Security-Policy violation, so the policy needs no exception for inline styles (issue 17
 * hole 7, decision 0057).
 */
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { checkA11y, describeBrowser, loginAs, useBrowserApp } from "./browser.ts";

/** Every violation the page reports, from the document's event and from the console. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  const fromConsole: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) fromConsole.push(m.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (e) => {
      seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`);
    });
  });
  return async () => [
    ...fromConsole,
    ...(await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [])),
  ];
}

describeBrowser("charts under the CSP (browser)", () => {
  const env = useBrowserApp();

  it("the follow-up pages with their charts raise no CSP violation", async () => {
    const page = await env.newPage();
    const violations = await watchViolations(page);
    await loginAs(page, "analytiker");

    for (const [url, label] of [
      ["/uppfoljning", "the follow-up, default period"],
      ["/uppfoljning?period=year&jamfor=lastYear", "the follow-up, this year"],
      ["/utfall/resultat", "the outcomes side by side"],
    ] as const) {
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(200);
      expect(response?.headers()["content-security-policy"]).toMatch(/style-src 'self'(;|$)/);
      expect(response?.headers()["content-security-policy"]).not.toContain("unsafe-inline");
      await checkA11y(page, label);
      if (url.startsWith("/uppfoljning")) expect(await page.locator("svg.sofia-chart__svg").count(), url).toBeGreaterThan(10);
      expect(await violations(), url).toEqual([]);
    }
  });
});
