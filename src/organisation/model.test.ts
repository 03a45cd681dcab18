import { describe, expect, it } from "vitest";
import { unitKind } from "../db/schema/index.ts";
import { decodeForm } from "../platform/form-decode.ts";
import {
  assignmentProblems,
  changes,
  isUuid,
  needsUnit,
  selfChangeProblems,
  unitKinds,
  unitWithinScope,
  unknownUnitIds,
  withinScope,
} from "./model.ts";
import { municipalityPatchBody, unitPatchBody, userCreateBody } from "./schemas.ts";

const U1 = "11111111-1111-4111-8111-111111111111";
const U2 = "22222222-2222-4222-8222-222222222222";

describe("unit kinds", () => {
  it("are the values of the database enum", () => {
    expect([...unitKinds]).toEqual(unitKind.enumValues);
  });
});

describe("roles and units", () => {
  it("needs at least one role", () => {
    expect(assignmentProblems({ roles: [], unitIds: [U1] })).toEqual({ roles: "org.user.rolesRequired" });
  });

  it("needs a unit for caseworkers and unit managers", () => {
    expect(needsUnit(["caseworker"])).toBe(true);
    expect(needsUnit(["unit_manager", "analyst"])).toBe(true);
    expect(assignmentProblems({ roles: ["caseworker"], unitIds: [] })).toEqual({ unitIds: "org.user.unitsRequired" });
    expect(assignmentProblems({ roles: ["process_leader", "unit_manager"], unitIds: [] })).toEqual({ unitIds: "org.user.unitsRequired" });
    expect(assignmentProblems({ roles: ["caseworker"], unitIds: [U1] })).toEqual({});
  });

  it("lets administrators, process leaders and analysts be without a unit", () => {
    expect(needsUnit(["administrator", "process_leader", "analyst"])).toBe(false);
    expect(assignmentProblems({ roles: ["administrator"], unitIds: [] })).toEqual({});
    expect(assignmentProblems({ roles: ["analyst", "process_leader"], unitIds: [] })).toEqual({});
  });
});

describe("an administrator changing their own account", () => {
  const admin = { id: "me", roles: ["administrator" as const] };

  it("cannot deactivate themself", () => {
    expect(selfChangeProblems(admin, "me", { active: false })).toEqual({ active: "org.user.cannotDeactivateSelf" });
  });

  it("cannot remove their own administrator role", () => {
    expect(selfChangeProblems(admin, "me", { roles: ["process_leader"] })).toEqual({ roles: "org.user.cannotRemoveOwnAdmin" });
  });

  it("may keep the role, add others, and change other users freely", () => {
    expect(selfChangeProblems(admin, "me", { roles: ["administrator", "analyst"], active: true })).toEqual({});
    expect(selfChangeProblems(admin, "me", {})).toEqual({});
    expect(selfChangeProblems(admin, "other", { active: false, roles: ["caseworker"] })).toEqual({});
  });
});

describe("scope", () => {
  const actor = { id: "a", unitIds: [U1] };

  it("municipality sees everyone", () => {
    expect(withinScope("municipality", actor, { id: "b", unitIds: [] })).toBe(true);
  });

  it("unit sees only those sharing a unit", () => {
    expect(withinScope("unit", actor, { id: "b", unitIds: [U2, U1] })).toBe(true);
    expect(withinScope("unit", actor, { id: "b", unitIds: [U2] })).toBe(false);
    expect(withinScope("unit", actor, { id: "b", unitIds: [] })).toBe(false);
    expect(withinScope("unit", { id: "a", unitIds: [] }, { id: "b", unitIds: [U1] })).toBe(false);
  });

  it("own sees only oneself; aggregate sees no one", () => {
    expect(withinScope("own", actor, { id: "a", unitIds: [] })).toBe(true);
    expect(withinScope("own", actor, { id: "b", unitIds: [U1] })).toBe(false);
    expect(withinScope("aggregate", actor, { id: "a", unitIds: [U1] })).toBe(false);
  });
});

describe("unit scope", () => {
  it("shows a unit-scoped reader their own units, every other reader all units", () => {
    expect(unitWithinScope("unit", [U1], U1)).toBe(true);
    expect(unitWithinScope("unit", [U1], U2)).toBe(false);
    expect(unitWithinScope("municipality", [], U2)).toBe(true);
    expect(unitWithinScope("aggregate", [], U2)).toBe(true);
  });
});

describe("changes for the audit log", () => {
  it("lists only what differs, with before and after", () => {
    expect(changes({ name: "A", kind: "intake", active: true }, { name: "B", kind: "intake", active: undefined })).toEqual({
      name: { from: "A", to: "B" },
    });
  });

  it("compares lists as sets and sees null as a value", () => {
    expect(changes({ roles: ["a", "b"], email: "x@y.se" }, { roles: ["b", "a"] })).toEqual({});
    const before: { roles: string[]; email: string | null } = { roles: ["a"], email: "x@y.se" };
    expect(changes(before, { roles: ["a", "b"], email: null })).toEqual({
      roles: { from: ["a"], to: ["a", "b"] },
      email: { from: "x@y.se", to: null },
    });
  });
});

describe("units a user may be given", () => {
  const available = [
    { id: U1, active: true },
    { id: U2, active: false },
  ];

  it("refuses unknown and inactive units", () => {
    expect(unknownUnitIds([U1], available)).toEqual([]);
    expect(unknownUnitIds([U2], available)).toEqual([U2]);
    expect(unknownUnitIds(["33333333-3333-4333-8333-333333333333"], available)).toHaveLength(1);
  });

  it("keeps an inactive unit the user already has", () => {
    expect(unknownUnitIds([U1, U2], available, [U2])).toEqual([]);
  });
});

describe("ids", () => {
  it("accepts only UUIDs", () => {
    expect(isUuid(U1)).toBe(true);
    expect(isUuid("ny")).toBe(false);
    expect(isUuid(`${U1}x`)).toBe(false);
  });
});

describe("schemas", () => {
  it("normalises a username and refuses bad characters and lengths", () => {
    const ok = userCreateBody.safeParse({ username: "  Anna.B-1 ", displayName: "Anna", roles: ["analyst"] });
    expect(ok.success && ok.data.username).toBe("anna.b-1");
    expect(ok.success && ok.data.unitIds).toEqual([]);
    const issue = (username: string) =>
      userCreateBody.safeParse({ username, displayName: "A", roles: ["analyst"] }).error?.issues[0]?.message;
    expect(issue("ab")).toBe("org.user.usernameTooShort");
    expect(issue("a".repeat(65))).toBe("org.user.usernameTooLong");
    expect(issue("anna b")).toBe("org.user.usernameInvalid");
    expect(issue("åsa")).toBe("org.user.usernameInvalid");
  });

  it("reads a form by the API body: an empty e-mail is none, roles and units from checkboxes", () => {
    const form = (body: Record<string, string>) => userCreateBody.safeParse(decodeForm(userCreateBody, body));
    const r = form({ username: "nina", displayName: " Nina ", email: "", roles: "caseworker", unitIds: U1 });
    expect(r.success && r.data).toEqual({ username: "nina", displayName: "Nina", email: null, roles: ["caseworker"], unitIds: [U1] });
    const bad = form({ username: "nina", displayName: "Nina", email: "nina@", roles: "boss" });
    expect(bad.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["email", "org.user.emailInvalid"],
      ["roles.0", "org.user.roleUnknown"],
    ]);
  });

  it("takes a municipality code of four digits or none", () => {
    const code = (c: string) => municipalityPatchBody.safeParse({ version: 1, name: "Uppsala kommun", code: c, waitLimitDays: 14 }).success;
    expect(code("0380")).toBe(true);
    expect(code("")).toBe(true);
    expect(code("380")).toBe(false);
    expect(code("03801")).toBe(false);
    expect(code("abcd")).toBe(false);
  });

  it("takes a wait limit of whole days from 1 to 365, in the form and in the API body", () => {
    // The form always shows the field: decoded as a required one, so that an emptied field is refused.
    const form = (days: string) =>
      municipalityPatchBody.safeParse(
        decodeForm(
          municipalityPatchBody,
          { name: "Uppsala kommun", code: "", waitLimitDays: days, version: "1" },
          { shown: ["waitLimitDays"] },
        ),
      );
    expect(form(" 21 ").data?.waitLimitDays).toBe(21);
    expect(form("1").success).toBe(true);
    expect(form("365").success).toBe(true);
    for (const bad of ["0", "366", "-1", "7.5", "1e2", "0x10", "två", ""]) {
      expect(
        form(bad).error?.issues.map((i) => [i.path.join("."), i.message]),
        String(bad),
      ).toEqual([["waitLimitDays", "org.municipality.waitLimitInvalid"]]);
    }
    const api = (days: unknown) => municipalityPatchBody.safeParse({ version: 1, waitLimitDays: days });
    expect(api(30).data).toEqual({ version: 1, waitLimitDays: 30 });
    expect(municipalityPatchBody.safeParse({ version: 1 }).success).toBe(true);
    for (const bad of [0, 366, 7.5, "14", null, true]) {
      expect(
        api(bad).error?.issues.map((i) => i.message),
        String(bad),
      ).toEqual(["org.municipality.waitLimitInvalid"]);
    }
  });

  it("refuses unknown fields and names a missing version in an API body", () => {
    const r = unitPatchBody.safeParse({ name: "X", nme: "typo" });
    expect(r.error?.issues.map((i) => i.message)).toContain("org.versionRequired");
    expect(r.error?.issues.some((i) => i.code === "unrecognized_keys")).toBe(true);
  });
});
