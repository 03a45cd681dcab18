import { describe, expect, it } from "vitest";
import { roles } from "./auth-types.ts";
import { menuFor } from "./layout.tsx";

const labels = (entries: ReturnType<typeof menuFor>) =>
  entries.map((e) => ("items" in e ? `${e.label}[${e.items.map((i) => i.label).join(",")}]` : e.label));

describe("the main menu by role", () => {
  it("has at most seven top-level entries for any combination of roles", () => {
    for (let mask = 1; mask < 1 << roles.length; mask++) {
      const chosen = roles.filter((_, i) => mask & (1 << i));
      expect(menuFor(chosen).length, chosen.join("+")).toBeLessThanOrEqual(7);
    }
  });

  it("gives caseworkers their casework and no configuration or administration", () => {
    expect(labels(menuFor(["caseworker"]))).toEqual([
      "layout.nav.start",
      "families.nav",
      "processes.nav",
      "layout.nav.followup[placements.nav,outcomes.nav]",
      "audits.nav",
    ]);
  });

  it("groups what administrators and process leaders have many of, and shows a group of one as its page", () => {
    expect(labels(menuFor(["administrator"]))).toEqual([
      "layout.nav.start",
      "layout.nav.followup[followup.nav,reports.nav,results.nav,implementation.nav,economy.nav]",
      "audits.nav",
      "layout.nav.model[workmodels.nav,surveys.nav]",
      "layout.nav.administration[layout.nav.organisation,layout.nav.users,layout.nav.auditLog,layout.nav.retention]",
    ]);
    expect(labels(menuFor(["process_leader"]))).toContain("layout.nav.users");
    expect(labels(menuFor(["process_leader"]))).not.toContain("layout.nav.administration");
  });
});
