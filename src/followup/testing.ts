/** Shared by the indicator tests: a seeded definition by key, and counts as compact rows. */
import type { Count, Definition } from "./indicators/index.ts";
import { seededIndicators } from "./indicators/index.ts";

export const seeded = (key: string): Definition => {
  const found = seededIndicators.find((i) => i.key === key);
  if (!found) throw new Error(`no indicator ${key}`);
  return found.content;
};

/** [period, group, numerator, denominator] per row. */
export const counts = (rows: Count[]) => rows.map((r) => [r.period, r.group, r.numerator, r.denominator]);
