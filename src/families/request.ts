/** Pure rules of a request's persons: where a birth date comes from, and the child age warning. No I/O. */
import { type IdentityError, parseIdentityNumber } from "./identity.ts";
import { type BirthDateError, type ChildAgeCheck, type IsoDate, isWithinChildAgeRange, parseBirthDate } from "./model.ts";

export type BirthSource =
  | { ok: true; birthDate: IsoDate; identityNumber: string | null }
  | {
      ok: false;
      field: "identityNumber" | "birthDate";
      error: IdentityError | BirthDateError | "families.request.identityOrBirthDateRequired";
    };

/** An identity number wins over a typed birth date; one of them is needed. */
export function birthSource(identityNumber: string, birthDate: string, requestDate: IsoDate): BirthSource {
  if (identityNumber.trim() !== "") {
    const parsed = parseIdentityNumber(identityNumber, requestDate);
    if (!parsed.ok) return { ok: false, field: "identityNumber", error: parsed.error };
    return { ok: true, birthDate: parsed.value.birthDate, identityNumber: parsed.value.normalized };
  }
  if (birthDate.trim() !== "") {
    const parsed = parseBirthDate(birthDate, requestDate);
    if (!parsed.ok) return { ok: false, field: "birthDate", error: parsed.error };
    return { ok: true, birthDate: parsed.value, identityNumber: null };
  }
  return { ok: false, field: "identityNumber", error: "families.request.identityOrBirthDateRequired" };
}

/** The age check of a child as typed, or null when its birth date cannot be read yet. */
export function childAgeCheck(identityNumber: string, birthDate: string, requestDate: IsoDate): ChildAgeCheck | null {
  const source = birthSource(identityNumber, birthDate, requestDate);
  return source.ok ? isWithinChildAgeRange(source.birthDate, requestDate) : null;
}
