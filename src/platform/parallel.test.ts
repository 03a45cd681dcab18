import { describe, expect, it } from "vitest";
import { inParallel } from "./parallel.ts";

describe("evaluating in parallel", () => {
  it("keeps the items' order and never runs more than the limit at once", async () => {
    let running = 0;
    let most = 0;
    const out = await inParallel([5, 1, 4, 2, 3, 0], 2, async (n) => {
      running++;
      most = Math.max(most, running);
      // n turns of the event loop's microtask queue: the items finish out of their start order.
      for (let turn = 0; turn < n; turn++) await Promise.resolve();
      running--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30, 0]);
    expect(most).toBe(2);
  });
});
