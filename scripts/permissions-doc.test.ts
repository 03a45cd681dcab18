import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { actions } from "../src/platform/permissions.ts";
import { permissionsDocPath, renderPermissions } from "./render-permissions.ts";

describe("docs/permissions.md", () => {
  it("is what the policy table renders now (run `npm run docs:permissions` after changing the table)", () => {
    const committed = fs.existsSync(permissionsDocPath) ? fs.readFileSync(permissionsDocPath, "utf8") : "";
    expect(committed).toBe(renderPermissions());
  });

  it("lists every action of the policy table", () => {
    const doc = renderPermissions();
    for (const action of Object.keys(actions)) expect(doc).toContain(`| \`${action}\` |`);
  });
});
