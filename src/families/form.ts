/** The request form's flat fields ↔ the service's input; fixed blocks, the empty ones ignored. */
import type { FieldErrors } from "../platform/errors.ts";
import type { OpenStatusInput, RequestInput } from "./schemas.ts";
import type { RequestDetail } from "./service.ts";

export type FormValues = Record<string, string>;

export const GUARDIAN_BLOCKS = 2;
export const CHILD_BLOCKS = 4;

export function posted(body: unknown): FormValues {
  const out: FormValues = {};
  if (!body || typeof body !== "object") return out;
  for (const [k, v] of Object.entries(body)) if (typeof v === "string") out[k] = v;
  return out;
}

const isEmptyBlock = (values: FormValues, prefix: string) =>
  ["name", "identityNumber", "birthDate"].every((f) => (values[`${prefix}.${f}`] ?? "").trim() === "");

const unitOf = (value: string | undefined) => (value ? value : null);
/** A guardian's gender as chosen; the empty choice is "not recorded" (null). */
const genderOf = (value: string | undefined) => (value ? (value as "woman") : null);
const checked = (value: string | undefined) => value === "on";

export interface FormInput {
  input: RequestInput;
  /** Maps the index of each filled block in the input back to its block on the page. */
  remap(errors: FieldErrors): FieldErrors;
}

export function requestFromForm(values: FormValues): FormInput {
  const v = (name: string) => values[name] ?? "";
  const guardianBlocks = [...Array(GUARDIAN_BLOCKS).keys()].filter((i) => !isEmptyBlock(values, `guardians.${i}`));
  const childBlocks = [...Array(CHILD_BLOCKS).keys()].filter((i) => !isEmptyBlock(values, `children.${i}`));
  const input: RequestInput = {
    requestDate: v("requestDate"),
    household: v("household") as RequestInput["household"],
    custody: v("custody") as RequestInput["custody"],
    custodyHolder: v("custodyHolder"),
    reason: v("reason"),
    guardians: guardianBlocks.map((i) => ({
      name: v(`guardians.${i}.name`),
      identityNumber: v(`guardians.${i}.identityNumber`),
      birthDate: v(`guardians.${i}.birthDate`),
      relation: v(`guardians.${i}.relation`) as "parent",
      substanceProblem: v(`guardians.${i}.substanceProblem`) as "yes",
      attitude: v(`guardians.${i}.attitude`) as "positive",
      gender: genderOf(values[`guardians.${i}.gender`]),
      unitId: unitOf(values[`guardians.${i}.unitId`]),
      applied: checked(values[`guardians.${i}.applied`]),
    })),
    children: childBlocks.map((i) => ({
      name: v(`children.${i}.name`),
      identityNumber: v(`children.${i}.identityNumber`),
      birthDate: v(`children.${i}.birthDate`),
      gender: v(`children.${i}.gender`) as "girl",
      unitId: unitOf(values[`children.${i}.unitId`]),
      investigationOpened: checked(values[`children.${i}.investigationOpened`]),
      confirmAge: checked(values[`children.${i}.confirmAge`]),
    })),
  };
  const blocks = { guardians: guardianBlocks, children: childBlocks };
  return {
    input,
    remap(errors) {
      const out: FieldErrors = {};
      for (const [field, message] of Object.entries(errors)) {
        const m = /^(guardians|children)(?:\.(\d+)(\..+)?)?$/.exec(field);
        if (!m) out[field] = message;
        else if (m[2] === undefined) out[`${m[1]}.0.name`] = message;
        else out[`${m[1]}.${blocks[m[1] as "guardians" | "children"][Number(m[2])] ?? 0}${m[3] ?? ".name"}`] = message;
      }
      return out;
    },
  };
}

/** The edit form's values from the request as it is now. */
export function openStatusValues(detail: RequestDetail): FormValues {
  const values: FormValues = { version: String(detail.version) };
  for (const g of detail.guardians) {
    values[`${g.id}.unitId`] = g.unit?.id ?? "";
    values[`${g.id}.gender`] = g.gender ?? "";
    if (g.applied) values[`${g.id}.applied`] = "on";
  }
  for (const c of detail.children) {
    values[`${c.id}.unitId`] = c.unit?.id ?? "";
    if (c.investigationOpened) values[`${c.id}.investigationOpened`] = "on";
  }
  return values;
}

/** The edit form posted: one row per person, keyed by the person's id. */
export function openStatusFromForm(values: FormValues, detail: RequestDetail): OpenStatusInput {
  const version = values.version && /^\d{1,9}$/.test(values.version) ? Number(values.version) : -1;
  return {
    version,
    guardians: detail.guardians.map((g) => ({
      id: g.id,
      unitId: unitOf(values[`${g.id}.unitId`]),
      applied: checked(values[`${g.id}.applied`]),
      // Not posted at all: left as it is.
      gender: `${g.id}.gender` in values ? genderOf(values[`${g.id}.gender`]) : undefined,
    })),
    children: detail.children.map((c) => ({
      id: c.id,
      unitId: unitOf(values[`${c.id}.unitId`]),
      investigationOpened: checked(values[`${c.id}.investigationOpened`]),
    })),
  };
}
