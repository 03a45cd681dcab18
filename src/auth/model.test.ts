import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeForm } from "../platform/form-decode.ts";
import { accountRule, afterFailure, lockedMinutes, loginInput, passwordProblem, safeReturnPath } from "./model.ts";

describe("password policy", () => {
  it("accepts a long passphrase and refuses short, username-based or monotonous ones", () => {
    expect(passwordProblem("korv med bröd och senap", "bo")).toBeNull();
    expect(passwordProblem("kort", "bo")).toBe("auth.password.tooShort");
    expect(passwordProblem("admin-admin-admin", "admin")).toBe("auth.password.containsUsername");
    expect(passwordProblem("aaaaaaaaaaaaaaab")).toBe("auth.password.tooSimple");
    expect(passwordProblem("x".repeat(300))).toBe("auth.password.tooLong");
  });

  it("refuses a common or breached password, in any case (decision 0057)", () => {
    expect(passwordProblem("password1234", "bo")).toBe("auth.password.common");
    expect(passwordProblem("Password1234", "bo")).toBe("auth.password.common");
    expect(passwordProblem("1qaz2wsx3edc4rfv")).toBe("auth.password.common");
  });
});

describe("throttling", () => {
  const t0 = new Date("2026-01-01T10:00:00Z");
  const at = (min: number) => new Date(t0.getTime() + min * 60_000);

  it("locks after the fifth failure within the window, for the lock time", () => {
    let state = afterFailure(undefined, accountRule, t0);
    for (let i = 1; i < 4; i++) state = afterFailure(state, accountRule, at(i));
    expect(state.failures).toBe(4);
    expect(lockedMinutes(state, at(4))).toBe(0);
    state = afterFailure(state, accountRule, at(4));
    expect(lockedMinutes(state, at(4))).toBe(15);
    expect(lockedMinutes(state, at(18.5))).toBe(1);
    expect(lockedMinutes(state, at(19))).toBe(0);
  });

  it("starts a new window when the old one is over", () => {
    const state = afterFailure(afterFailure(undefined, accountRule, t0), accountRule, at(16));
    expect(state.failures).toBe(1);
    expect(state.windowStartedAt).toEqual(at(16));
  });

  it("never locks before the limit, whatever the timing", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 120 }), { maxLength: 4 }), (gaps) => {
        let state = undefined as ReturnType<typeof afterFailure> | undefined;
        let now = t0;
        for (const g of gaps) {
          now = new Date(now.getTime() + g * 60_000);
          state = afterFailure(state, accountRule, now);
        }
        return lockedMinutes(state, now) === 0;
      }),
    );
  });
});

describe("return path after login", () => {
  it("allows only local paths", () => {
    expect(safeReturnPath("/anvandare")).toBe("/anvandare");
    expect(safeReturnPath("//evil.example")).toBe("/start");
    expect(safeReturnPath("https://evil.example")).toBe("/start");
    expect(safeReturnPath("/\\evil.example")).toBe("/start");
    expect(safeReturnPath(undefined)).toBe("/start");
    expect(safeReturnPath("/logga-ut")).toBe("/start");
  });

  it("refuses every path a browser would resolve to another site, or that carries control characters (issue 17 item 5)", () => {
    const evil = [
      "/\tevil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "/\r/evil.example",
      "\t//evil.example",
      " //evil.example",
      "/\u0000/evil.example",
      "/%09/evil.example/x\u007f",
      "/\\evil.example",
      "\\\\evil.example",
      "/ /evil.example\u0085",
      "///evil.example",
      "/.//evil.example",
      "http:/evil.example",
      "javascript:alert(1)",
      "/\u2028//evil.example",
      "",
      "start",
      "/logga-in?next=//evil.example",
      "/LOGGA-IN",
      "/logga-ut/",
    ];
    for (const value of evil) expect(safeReturnPath(value), JSON.stringify(value)).toBe("/start");
    for (const value of evil) expect(new URL(safeReturnPath(value), "http://x").origin).toBe("http://x");
    expect(safeReturnPath("/processer/1?flik=moten#m")).toBe("/processer/1?flik=moten#m");
    expect(safeReturnPath("/sok?q=%C3%A5")).toBe("/sok?q=%C3%A5");
    expect(safeReturnPath("/.//x")).toBe("/start");
  });
});

describe("the login form, decoded by the input schema that login validates", () => {
  const messages = (body: Record<string, string>) =>
    Object.fromEntries((loginInput.safeParse(decodeForm(loginInput, body)).error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

  it("names each empty field, and answers text too long to be anyone's with the generic message", () => {
    expect(messages({})).toEqual({ username: "auth.login.usernameRequired", password: "auth.login.passwordRequired" });
    expect(messages({ username: " ", password: "" })).toEqual({
      username: "auth.login.usernameRequired",
      password: "auth.login.passwordRequired",
    });
    expect(messages({ username: "a".repeat(201), password: "p".repeat(1001) })).toEqual({
      username: "auth.login.failed",
      password: "auth.login.failed",
    });
    expect(loginInput.parse(decodeForm(loginInput, { username: " admin ", password: "x", next: "/familjer", _csrf: "t" }))).toEqual({
      username: "admin",
      password: "x",
      next: "/familjer",
    });
  });
});

describe("return path characters", () => {
  it("gives a path a Location header can carry", () => {
    expect(safeReturnPath("/s\u00f6k?q=\u2603")).toBe("/s%C3%B6k?q=%E2%98%83");
  });
});
