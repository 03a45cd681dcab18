/** The request form's flat fields ↔ the service's input: a guardian's optional gender. */
import { describe, expect, it } from "vitest";
import { openStatusFromForm, openStatusValues, requestFromForm } from "./form.ts";
import type { RequestDetail } from "./service.ts";

const guardianFields = { "guardians.0.name": "Tolvan", "guardians.0.birthDate": "1980-01-01" };

describe("a guardian's gender on the forms", () => {
  it("is null when the empty choice is posted or the field is missing, and the chosen value otherwise", () => {
    expect(requestFromForm({ ...guardianFields, "guardians.0.gender": "" }).input.guardians[0]?.gender).toBeNull();
    expect(requestFromForm(guardianFields).input.guardians[0]?.gender).toBeNull();
    expect(requestFromForm({ ...guardianFields, "guardians.0.gender": "man" }).input.guardians[0]?.gender).toBe("man");
  });

  it("maps an error on the gender of the second filled block back to that block", () => {
    const form = requestFromForm({ "guardians.1.name": "Andra", "guardians.1.gender": "x" });
    expect(form.remap({ "guardians.0.gender": "families.request.guardianGenderInvalid" })).toEqual({
      "guardians.1.gender": "families.request.guardianGenderInvalid",
    });
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
    expect(openStatusFromForm(values, detail).guardians.map((g) => g.gender)).toEqual(["woman", null]);
    expect(openStatusFromForm({ version: "3" }, detail).guardians.map((g) => g.gender)).toEqual([undefined, undefined]);
  });
});
