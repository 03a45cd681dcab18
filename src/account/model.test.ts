import { describe, expect, it } from "vitest";
import { issueErrors } from "../platform/errors.ts";
import { decodeForm } from "../platform/form-decode.ts";
import { translateErrors } from "../platform/forms.tsx";
import { translator } from "../platform/i18n.ts";
import {
  grantableScopes,
  isTokenId,
  newTokenInput,
  normaliseScopes,
  TOKEN_PREFIX_LENGTH,
  tokenExpiry,
  tokenPrefix,
  tokenStatus,
  ungrantableScopes,
} from "./model.ts";

const t = translator("sv");
/** The form as the page posts it, decoded by the service's input schema and validated by it. */
function parse(body: Record<string, string | string[]>) {
  const result = newTokenInput.safeParse(decodeForm(newTokenInput, body));
  return result.success ? { ok: true, data: result.data } : { ok: false, errors: translateErrors(issueErrors(result.error.issues), t) };
}

describe("what a token may be granted", () => {
  it("is exactly what the roles allow, in the policy table's order", () => {
    expect(grantableScopes(["caseworker"])).toEqual([
      "start.view",
      "account.manage_own",
      "organisation.view",
      "workmodels.view",
      "surveys.view",
      "requests.view",
      "requests.create",
      "requests.update",
      "processes.view",
      "processes.work",
      "persons.reveal",
      "persons.search",
      "reviewkeys.view",
      "audits.review",
      "outcomes.record",
      "placements.read",
      "placements.write",
    ]);
    expect(grantableScopes(["analyst", "caseworker"])).toEqual([
      "start.view",
      "account.manage_own",
      "organisation.view",
      "statistics.view",
      "workmodels.view",
      "surveys.view",
      "surveys.results",
      "requests.view",
      "requests.create",
      "requests.update",
      "processes.view",
      "processes.work",
      "persons.reveal",
      "persons.search",
      "economy.view",
      "implementation.view",
      "reviewkeys.view",
      "audits.review",
      "audits.results",
      "followup.view",
      "indicators.manage",
      "outcomes.record",
      "comparison.manage",
      "reports.view",
      "reports.manage",
      "placements.read",
      "placements.write",
    ]);
    expect(grantableScopes(["administrator"])).toContain("users.manage");
    expect(grantableScopes([])).toEqual([]);
  });

  it("names the requested scopes the roles do not allow, unknown names included", () => {
    expect(ungrantableScopes(["caseworker"], ["organisation.view", "users.manage", "no.such"])).toEqual(["users.manage", "no.such"]);
    expect(ungrantableScopes(["unit_manager"], ["audit.review", "users.view"])).toEqual([]);
  });

  it("keeps each scope once, in table order", () => {
    expect(normaliseScopes(["organisation.view", "start.view", "organisation.view"])).toEqual(["start.view", "organisation.view"]);
  });
});

describe("a token's life", () => {
  const now = new Date("2026-03-01T12:00:00Z");

  it("expires the chosen number of days later", () => {
    expect(tokenExpiry(now, 90).toISOString()).toBe("2026-05-30T12:00:00.000Z");
    expect(tokenExpiry(now, 30).getTime() - now.getTime()).toBe(30 * 86_400_000);
  });

  it("is active, expired or revoked; revoked wins", () => {
    const later = new Date(now.getTime() + 1000);
    expect(tokenStatus({ revokedAt: null, expiresAt: later }, now)).toBe("active");
    expect(tokenStatus({ revokedAt: null, expiresAt: null }, now)).toBe("active");
    expect(tokenStatus({ revokedAt: null, expiresAt: now }, now)).toBe("expired");
    expect(tokenStatus({ revokedAt: now, expiresAt: new Date(0) }, now)).toBe("revoked");
  });

  it("keeps only the beginning of the secret in clear text", () => {
    const token = "sofia_pat_Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78St90Uvw";
    expect(tokenPrefix(token)).toBe("sofia_pat_Ab12");
    expect(tokenPrefix(token)).toHaveLength(TOKEN_PREFIX_LENGTH);
  });

  it("recognises token ids", () => {
    expect(isTokenId("8f14e45f-ceea-467f-a0e6-1b2c3d4e5f60")).toBe(true);
    expect(isTokenId("8f14e45f")).toBe(false);
    expect(isTokenId("'; drop table api_tokens; --")).toBe(false);
  });
});

describe("the new-token form", () => {
  it("accepts a name, one or many scopes and a lifetime", () => {
    expect(parse({ name: "  Verksamhetssystemet ", scopes: "start.view", expiresInDays: "30" })).toEqual({
      ok: true,
      data: { name: "Verksamhetssystemet", scopes: ["start.view"], expiresInDays: 30 },
    });
    const many = parse({ name: "x", scopes: ["start.view", "organisation.view"], expiresInDays: "365" });
    expect(many.ok && many.data?.scopes).toEqual(["start.view", "organisation.view"]);
  });

  it("answers each bad field in Swedish", () => {
    const result = parse({ name: " ", expiresInDays: "45" });
    expect(result).toEqual({
      ok: false,
      errors: {
        name: "Ange ett namn på nyckeln",
        scopes: "Välj minst en behörighet",
        expiresInDays: "Välj giltighetstid: 30, 90 eller 365 dagar",
      },
    });
    expect(parse({ name: "a".repeat(101), scopes: "start.view", expiresInDays: "90" })).toEqual({
      ok: false,
      errors: { name: "Namnet får vara högst 100 tecken" },
    });
    expect(parse({ name: "a".repeat(100), scopes: "start.view", expiresInDays: "abc" })).toEqual({
      ok: false,
      errors: { expiresInDays: "Välj giltighetstid: 30, 90 eller 365 dagar" },
    });
  });
});
