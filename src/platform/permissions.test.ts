import { describe, expect, it } from "vitest";
import { roles } from "./auth-types.ts";
import { actions, policy, scopeFor } from "./permissions.ts";

describe("policy table", () => {
  it("denies by default", () => {
    expect(scopeFor([], "start.view")).toBeNull();
    expect(scopeFor(["caseworker"], "users.manage")).toBeNull();
    expect(scopeFor(["analyst"], "audit.review")).toBeNull();
  });

  it("gives the widest scope of several roles", () => {
    expect(scopeFor(["caseworker"], "organisation.view")).toBe("unit");
    expect(scopeFor(["caseworker", "process_leader"], "organisation.view")).toBe("municipality");
  });

  it("names only known actions, and every role can reach its start page", () => {
    for (const r of roles) {
      for (const a of Object.keys(policy[r])) expect(Object.keys(actions)).toContain(a);
      expect(scopeFor([r], "start.view")).not.toBeNull();
    }
  });

  it("keeps the analyst to aggregates and only administrators manage users", () => {
    for (const a of Object.keys(policy.analyst) as Array<keyof typeof actions>) {
      expect(["aggregate", "own"]).toContain(policy.analyst[a]);
    }
    expect(roles.filter((r) => scopeFor([r], "users.manage"))).toEqual(["administrator"]);
  });
});
