import { render } from "preact-render-to-string";
import { describe, expect, it } from "vitest";
import type { View } from "../platform/http.ts";
import { translator } from "../platform/i18n.ts";
import { anonymousPage } from "../platform/page-template.ts";
import { LoginPage } from "./pages.tsx";

const view = (csrfToken: string, nonce: string, locale: "sv" | "en" = "sv"): View => ({
  t: translator(locale),
  locale,
  actor: null,
  csrfToken,
  nonce,
  path: "/logga-in",
  idleSeconds: 1800,
  warnSeconds: 300,
});

describe("a page rendered once for visitors without a session (decision 0054)", () => {
  it("is, for every request, the same text as a fresh render with that request's CSRF token and nonce", () => {
    const requests = [
      view("A".repeat(43), "n0nce+/abcdefghijklmnop=="),
      view("b-_".repeat(14).concat("z"), "ZZZZ/+==abcdefghijklmnop"),
      view("c".repeat(43), "q".repeat(24), "en"),
    ];
    for (const v of requests) {
      const kept = anonymousPage("login", v, (w) => <LoginPage view={w} />);
      expect(kept).toBe(`<!doctype html>${render(<LoginPage view={v} />)}`);
      expect(kept).toContain(`value="${v.csrfToken}"`);
      expect(kept).toContain(`nonce="${v.nonce}"`);
    }
    // Another key is another page (here a notice), never the first one's text.
    const notice = anonymousPage("login-notice", requests[0] as View, (w) => <LoginPage view={w} notice="session.expired" />);
    expect(notice).toBe(`<!doctype html>${render(<LoginPage view={requests[0] as View} notice="session.expired" />)}`);
  });

  it("is refused for a view with a session: a page that names anyone is rendered for its request", () => {
    const withActor = { ...view("x".repeat(43), "y".repeat(24)), actor: { id: "u" } } as unknown as View;
    expect(() => anonymousPage("login", withActor, (w) => <LoginPage view={w} />)).toThrow(/session/);
  });
});
