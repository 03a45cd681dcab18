/** The request forms' names ↔ the input schemas' shape: fixed blocks (the empty ones left out), and fields named by person. */
import { unflatten } from "../platform/form-decode.ts";
import { postedVersion } from "../platform/form-pages.ts";
import type { RequestDetail } from "./service.ts";

export type FormValues = Record<string, string | string[]>;

export const GUARDIAN_BLOCKS = 2;
export const CHILD_BLOCKS = 4;

/** A block of the request form is filled when it has a name, an identity number or a birth date. */
const isFilled = (block: unknown) =>
  !!block &&
  typeof block === "object" &&
  ["name", "identityNumber", "birthDate"].some((f) => {
    const v = (block as Record<string, unknown>)[f];
    return typeof v === "string" && v.trim() !== "";
  });

/** The indexes of the filled blocks of a list, in order. */
function filled(group: unknown, blocks: number): number[] {
  const items = group && typeof group === "object" ? (group as Record<string, unknown>) : {};
  return [...Array(blocks).keys()].filter((i) => isFilled(items[i]));
}

/**
 * The request form's body with its empty blocks left out, for decoding by `requestInput`, and the
 * field on the page of each error of the input (the n-th filled block is block k on the page).
 */
export function requestForm(body: unknown): { body: Record<string, unknown>; field: (path: string) => string } {
  const tree = unflatten(body);
  const blocks = { guardians: filled(tree.guardians, GUARDIAN_BLOCKS), children: filled(tree.children, CHILD_BLOCKS) };
  const pick = (name: "guardians" | "children") => blocks[name].map((i) => (tree[name] as Record<string, unknown>)[i]);
  return {
    body: { ...tree, guardians: pick("guardians"), children: pick("children") },
    field(path) {
      const m = /^(guardians|children)(?:\.(\d+)(\..+)?)?$/.exec(path);
      if (!m) return path;
      if (m[2] === undefined) return `${m[1]}.0.name`;
      return `${m[1]}.${blocks[m[1] as "guardians" | "children"][Number(m[2])] ?? 0}${m[3] ?? ".name"}`;
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

/** The edit form's body in the shape of `openStatusInput`: its fields are named by each person's id. */
export function openStatusForm(body: unknown, detail: RequestDetail): { body: Record<string, unknown>; field: (path: string) => string } {
  const tree = unflatten(body);
  const person = (id: string) => ({ ...(tree[id] as object | undefined), id });
  return {
    // A form without a readable version is a stale one.
    body: {
      version: postedVersion(body),
      guardians: detail.guardians.map((g) => person(g.id)),
      children: detail.children.map((c) => person(c.id)),
    },
    field(path) {
      const m = /^(guardians|children)\.(\d+)\.(.+)$/.exec(path);
      const who = m ? (m[1] === "guardians" ? detail.guardians : detail.children)[Number(m[2])] : undefined;
      return who && m ? `${who.id}.${m[3]}` : "_form";
    },
  };
}
