/** The request forms' names ↔ the input schemas: blocks, a guardian's optional gender, fields named by person. */
import { describe, expect, it } from "vitest";
import { decodeForm } from "../platform/form-decode.ts";
import { blockCounts, changeBlocks, MAX_BLOCKS, openStatusForm, openStatusValues, requestForm } from "./form.ts";
import { openStatusInput, requestInput } from "./schemas.ts";
import type { RequestDetail } from "./service.ts";

const guardianFields = { "guardians.0.name": "Tolvan", "guardians.0.birthDate": "1980-01-01" };
const decodeRequest = (body: Record<string, string>) => decodeForm(requestInput, requestForm(body).body);

describe("a guardian's gender on the forms", () => {
  it("is null when the empty choice is posted or the field is missing, and the chosen value otherwise", () => {
    expect(decodeRequest({ ...guardianFields, "guardians.0.gender": "" }).guardians[0]?.gender).toBeNull();
    expect(decodeRequest(guardianFields).guardians[0]?.gender).toBeUndefined();
    expect(decodeRequest({ ...guardianFields, "guardians.0.gender": "man" }).guardians[0]?.gender).toBe("man");
  });

  it("leaves out the empty blocks and maps an error of the second filled block back to that block", () => {
    const form = requestForm({ "guardians.1.name": "Andra", "guardians.1.gender": "x", "children.0.name": " " });
    const input = decodeForm(requestInput, form.body);
    expect(input.guardians).toHaveLength(1);
    expect(input.children).toEqual([]);
    expect(form.field("guardians.0.gender")).toBe("guardians.1.gender");
    expect(form.field("guardians")).toBe("guardians.0.name");
    expect(form.field("reason")).toBe("reason");
  });

  it("fills the edit form from the stored gender and reads it back: empty is null, not posted is unchanged", () => {
    const detail = {
      version: 3,
      guardians: [
        { id: "g1", gender: "woman", unit: null, applied: false },
        { id: "g2", gender: null, unit: null, applied: false },
      ],
      children: [],
    } as unknown as RequestDetail;
    const values = openStatusValues(detail);
    expect(values).toMatchObject({ "g1.gender": "woman", "g2.gender": "" });
    const read = (body: Record<string, unknown>) => decodeForm(openStatusInput, openStatusForm(body, detail).body);
    expect(read(values).guardians.map((g) => g.gender)).toEqual(["woman", null]);
    expect(read({ version: "3" }).guardians.map((g) => g.gender)).toEqual([undefined, undefined]);
    expect(read({ version: "x" }).version).toBe(-1);
    expect(openStatusForm({}, detail).field("guardians.1.unitId")).toBe("g2.unitId");
  });
});

describe("adding and removing blocks without JavaScript", () => {
  const posted = {
    "guardians.0.name": "Tolvan",
    "children.0.name": "Stora",
    "children.1.name": "Mellan",
    "children.1.gender": "girl",
    "children.2.name": "Lilla",
    "children.2.gender": "boy",
    action: "x",
  };

  it("counts the blocks the form showed, at least one of each", () => {
    expect(blockCounts({})).toEqual({ guardians: 1, children: 1 });
    expect(blockCounts(posted)).toEqual({ guardians: 1, children: 3 });
  });

  it("adds an empty block to focus, up to the limit, and keeps what was typed", () => {
    const added = changeBlocks(posted, "add:children");
    expect(added?.focus).toBe("children.3.name");
    expect(added?.values).toMatchObject({ "children.3.name": "", "children.2.name": "Lilla" });
    expect(added?.values).not.toHaveProperty("action");
    const full = Object.fromEntries([...Array(MAX_BLOCKS.children).keys()].map((i) => [`children.${i}.name`, `Barn ${i}`]));
    expect(changeBlocks(full, "add:children")).toEqual({ values: full });
  });

  it("removes a block and moves the later ones up; the last one cannot be removed", () => {
    const removed = changeBlocks(posted, "remove:children:1");
    expect(removed?.removed).toEqual({ kind: "children", n: 2 });
    expect(removed?.values).toEqual({
      "guardians.0.name": "Tolvan",
      "children.0.name": "Stora",
      "children.1.name": "Lilla",
      "children.1.gender": "boy",
    });
    expect(changeBlocks({ "guardians.0.name": "Tolvan" }, "remove:guardians:0")?.removed).toBeUndefined();
  });

  it("saves for any other action", () => {
    expect(changeBlocks(posted, "save")).toBeNull();
    expect(changeBlocks(posted, undefined)).toBeNull();
    expect(changeBlocks(posted, "remove:children:x")).toBeNull();
  });
});
