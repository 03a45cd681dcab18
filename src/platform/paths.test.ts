import { describe, expect, it } from "vitest";
import { path, queryString } from "./paths.ts";

describe("typed paths", () => {
  it("keeps the route pattern exactly as given", () => {
    expect(path("/ekonomi/:id/kostnader/:costId/ta-bort").pattern).toBe("/ekonomi/:id/kostnader/:costId/ta-bort");
    expect(path("/ekonomi").pattern).toBe("/ekonomi");
  });

  it("fills in every param", () => {
    const p = path("/ekonomi/:id/kostnader/:costId/ta-bort");
    expect(p.href({ id: "p1", costId: 7 })).toBe("/ekonomi/p1/kostnader/7/ta-bort");
    expect(path("/api/v1/economy/projects/:id").href({ id: "abc" })).toBe("/api/v1/economy/projects/abc");
  });

  it("encodes the values", () => {
    expect(path("/a/:x").href({ x: "å ä/?&#" })).toBe("/a/%C3%A5%20%C3%A4%2F%3F%26%23");
  });

  it("adds a query, leaving out undefined and null", () => {
    const p = path("/ekonomi/:id/kostnader");
    expect(p.href({ id: "p1" }, { klart: "kostnad", ar: 2026 })).toBe("/ekonomi/p1/kostnader?klart=kostnad&ar=2026");
    expect(p.href({ id: "p1" }, { klart: undefined, ar: null })).toBe("/ekonomi/p1/kostnader");
    expect(path("/ekonomi/styckkostnader").href({ klart: "styckkostnad", a: "x y&z" })).toBe(
      "/ekonomi/styckkostnader?klart=styckkostnad&a=x+y%26z",
    );
    expect(path("/ekonomi").href()).toBe("/ekonomi");
    expect(queryString({ on: true })).toBe("?on=true");
    expect(queryString({})).toBe("");
  });

  it("does not compile with a missing or misspelled param", () => {
    const p = path("/ekonomi/:id/import/:uploadId");
    // @ts-expect-error: uploadId is missing
    expect(() => p.href({ id: "p1" })).toThrow(/uploadId/);
    // @ts-expect-error: "ID" is not a param of the pattern
    expect(() => p.href({ ID: "p1", uploadId: "u" })).toThrow(/"id"/);
    // @ts-expect-error: a pattern without params takes no params object with names
    path("/ekonomi").href({ id: "p1" }, {});
  });
});
