import { describe, expect, it } from "vitest";
import { z } from "zod";
import { decodeForm } from "./form-decode.ts";
import { withEdits } from "./versioned.ts";

const item = z.object({ key: z.string(), name: z.string().min(1), days: z.number(), tags: z.array(z.string()) });
const content = z.object({ title: z.string(), items: z.array(item), note: z.string().nullable() });
const edited = z.object({ title: z.string(), items: z.array(item.pick({ name: true, days: true, tags: true })) });

const stored = {
  title: "Gammal",
  items: [
    { key: "a", name: "A", days: 1, tags: ["x", "y"] },
    { key: "b", name: "B", days: 2, tags: [] },
  ],
  note: "kvar",
};

describe("withEdits", () => {
  it("lays the posted fields over the stored document; keys, order and fields not on the form stay", () => {
    const body = {
      title: "Ny",
      "items.0.name": "A2",
      "items.0.days": "5",
      "items.0.tags": "y",
      "items.1.name": "B",
      "items.1.days": "2",
      "items.1.tags": ["z", "x"],
    };
    const result = withEdits(edited, stored, decodeForm(edited, body));
    expect(result).toEqual({
      title: "Ny",
      items: [
        { key: "a", name: "A2", days: 5, tags: ["y"] },
        { key: "b", name: "B", days: 2, tags: ["z", "x"] },
      ],
      note: "kvar",
    });
    expect(content.safeParse(result).success).toBe(true);
  });

  it("leaves a field posted empty for the schema to refuse, and adds no items", () => {
    const body = { title: "Ny", "items.0.name": "", "items.0.days": " ", "items.1.name": "B", "items.1.days": "2", "items.2.name": "C" };
    const result = withEdits(edited, stored, decodeForm(edited, body)) as { items: Record<string, unknown>[] };
    expect(result.items).toHaveLength(2);
    expect(result.items[0]).toEqual({ key: "a", name: "", tags: [] });
    expect(content.safeParse(result).error?.issues.map((i) => i.path.join("."))).toEqual(["items.0.name", "items.0.days"]);
  });
});
