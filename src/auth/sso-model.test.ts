import { describe, expect, it } from "vitest";
import { loadConfig, parseGroupRoles } from "../platform/config.ts";
import { claimText, groupsOf, insecureAllowed, parseGroupRoleLines, reasonOfError, refusalMessage, rolesFromGroups } from "./sso-model.ts";

describe("single sign-on rules", () => {
  it("gives the roles of the mapped groups, in the roles' order, and nothing for unmapped groups or unknown roles", () => {
    const mapping = { "sofia-admin": "administrator", "sofia-bou": "caseworker", "sofia-chef": "chef" };
    expect(rolesFromGroups(["sofia-bou", "annan", "sofia-admin"], mapping)).toEqual(["administrator", "caseworker"]);
    expect(rolesFromGroups(["sofia-chef"], mapping)).toEqual([]);
    expect(rolesFromGroups([], mapping)).toEqual([]);
  });

  it("reads a groups claim as a list or a single text, and a claim's text", () => {
    expect(groupsOf({ groups: ["a", 3, "b"] }, "groups")).toEqual(["a", "b"]);
    expect(groupsOf({ groups: "a" }, "groups")).toEqual(["a"]);
    expect(groupsOf({ groups: ["a"] }, undefined)).toEqual([]);
    expect(claimText({ preferred_username: " bo " }, "preferred_username")).toBe("bo");
    expect(claimText({ preferred_username: "" }, "preferred_username")).toBeUndefined();
    expect(claimText({ preferred_username: 7 }, "preferred_username")).toBeUndefined();
  });

  it("reads the settings page's group lines and names the problem", () => {
    expect(parseGroupRoleLines("sofia-admin = administrator\n\n  sofia-bou=caseworker ")).toEqual({
      mapping: { "sofia-admin": "administrator", "sofia-bou": "caseworker" },
    });
    expect(parseGroupRoleLines("sofia-admin administrator")).toEqual({ problem: "auth.sso.mapping.format", line: 1 });
    expect(parseGroupRoleLines("ok = analyst\nx = chef")).toEqual({ problem: "auth.sso.mapping.role", line: 2 });
  });

  it("reads SOFIA_OIDC_* and refuses an issuer without a client id", () => {
    expect(loadConfig({}).oidc).toBeUndefined();
    expect(
      loadConfig({
        SOFIA_OIDC_ISSUER: "https://login.kommun.se",
        SOFIA_OIDC_CLIENT_ID: "sofia",
        SOFIA_OIDC_CLIENT_SECRET: "s",
        SOFIA_OIDC_GROUPS_CLAIM: "groups",
        SOFIA_OIDC_GROUP_ROLES: "sofia-admin=administrator; sofia-bou=caseworker",
      }).oidc,
    ).toEqual({
      issuer: "https://login.kommun.se",
      clientId: "sofia",
      clientSecret: "s",
      userClaim: "preferred_username",
      groupsClaim: "groups",
      groupRoles: { "sofia-admin": "administrator", "sofia-bou": "caseworker" },
    });
    expect(() => loadConfig({ SOFIA_OIDC_ISSUER: "https://login.kommun.se" })).toThrow(/SOFIA_OIDC_CLIENT_ID/);
    expect(() => parseGroupRoles("bara-en-grupp")).toThrow(/grupp=roll/);
  });

  it("talks plain HTTP only to a provider on this machine", () => {
    expect(insecureAllowed("http://127.0.0.1:4000")).toBe(true);
    expect(insecureAllowed("http://localhost:4000/realm")).toBe(true);
    expect(insecureAllowed("http://login.kommun.se")).toBe(false);
    expect(insecureAllowed("https://login.kommun.se")).toBe(false);
  });

  it("names openid-client's refusals by the claim they are about", () => {
    const wrapped = (code: string, claim: string) => ({ code, cause: { code, cause: { claim } } });
    expect(reasonOfError(wrapped("OAUTH_JWT_CLAIM_COMPARISON_FAILED", "aud"))).toBe("wrong_audience");
    expect(reasonOfError(wrapped("OAUTH_JWT_CLAIM_COMPARISON_FAILED", "iss"))).toBe("wrong_issuer");
    expect(reasonOfError(wrapped("OAUTH_JWT_CLAIM_COMPARISON_FAILED", "nonce"))).toBe("wrong_nonce");
    expect(reasonOfError(wrapped("OAUTH_JWT_TIMESTAMP_CHECK_FAILED", "exp"))).toBe("token_expired");
    expect(reasonOfError({ code: "OAUTH_AUTHORIZATION_RESPONSE_ERROR" })).toBe("provider_error");
    expect(reasonOfError(new TypeError("fetch failed"))).toBe("provider_unreachable");
    expect(reasonOfError(new Error("something else"))).toBe("token_invalid");
    expect(refusalMessage("unknown_user")).toBe("auth.sso.noAccount");
    expect(refusalMessage("state_used")).toBe("auth.sso.stateProblem");
    expect(refusalMessage("wrong_audience")).toBe("auth.sso.tokenProblem");
  });
});
