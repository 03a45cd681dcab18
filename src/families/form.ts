/** The request forms' names ↔ the input schemas' shape: fixed blocks (the empty ones left out), and fields named by person. */
import { unflatten } from "../platform/form-decode.ts";
import { postedVersion } from "../platform/form-pages.ts";
import type { RequestDetail } from "./service.ts";

export type FormValues = Record<string, string | string[]>;

/** The request form starts with one guardian and one child; more are added one at a time, up to the schema's limits. */
export const MAX_BLOCKS = { guardians: 4, children: 8 } as const;
export type BlockKind = keyof typeof MAX_BLOCKS;
const blockKinds = Object.keys(MAX_BLOCKS) as BlockKind[];

/** A block of the request form is filled when it has a name, an identity number or a birth date. */
const isFilled = (block: unknown) =>
  !!block &&
  typeof block === "object" &&
  ["name", "identityNumber", "birthDate"].some((f) => {
    const v = (block as Record<string, unknown>)[f];
    return typeof v === "string" && v.trim() !== "";
  });

/** The numbers of the blocks of a kind on the page (the form posts every field of every block it shows), in order. */
function blockNumbers(group: unknown, kind: BlockKind): number[] {
  const items = group && typeof group === "object" ? Object.keys(group) : [];
  return items
    .filter((k) => /^\d{1,2}$/.test(k))
    .map(Number)
    .filter((n) => n < MAX_BLOCKS[kind])
    .sort((a, b) => a - b);
}

/** How many blocks of each kind the form shows: as many as were posted, at least one. */
export function blockCounts(values: FormValues): Record<BlockKind, number> {
  const tree = unflatten(values);
  const count = (kind: BlockKind) => Math.max(1, ...blockNumbers(tree[kind], kind).map((n) => n + 1));
  return { guardians: count("guardians"), children: count("children") };
}

/**
 * "Lägg till barn" and "Ta bort barn 2" without JavaScript: the button posts the form with
 * `action=add:children` or `action=remove:children:1`, and the page comes back with one block more
 * (its name field focused) or one fewer (the later ones moved up), nothing saved. Null for any
 * other action (saving).
 */
export function changeBlocks(
  values: FormValues,
  action: string | undefined,
): { values: FormValues; focus?: string; removed?: { kind: BlockKind; n: number } } | null {
  const m = /^(add|remove):(guardians|children)(?::(\d{1,2}))?$/.exec(action ?? "");
  if (!m) return null;
  const kind = m[2] as BlockKind;
  const counts = blockCounts(values);
  const rest = Object.fromEntries(Object.entries(values).filter(([k]) => k !== "action"));
  if (m[1] === "add") {
    if (counts[kind] >= MAX_BLOCKS[kind]) return { values: rest };
    const name = `${kind}.${counts[kind]}.name`;
    return { values: { ...rest, [name]: "" }, focus: name };
  }
  const removed = Number(m[3]);
  if (m[3] === undefined || removed >= counts[kind] || counts[kind] === 1) return { values: rest };
  const out: FormValues = {};
  for (const [key, value] of Object.entries(rest)) {
    const k = new RegExp(`^${kind}\\.(\\d+)\\.(.+)$`).exec(key);
    if (!k) out[key] = value;
    else if (Number(k[1]) < removed) out[key] = value;
    else if (Number(k[1]) > removed) out[`${kind}.${Number(k[1]) - 1}.${k[2]}`] = value;
  }
  // The remaining blocks keep being shown even when all their fields were empty.
  for (let i = 0; i < counts[kind] - 1; i++)
    if (!Object.keys(out).some((key) => key.startsWith(`${kind}.${i}.`))) out[`${kind}.${i}.name`] = "";
  return { values: out, removed: { kind, n: removed + 1 } };
}

/**
 * The request form's body with its empty blocks left out, for decoding by `requestInput`, and the
 * field on the page of each error of the input (the n-th filled block is block k on the page).
 */
export function requestForm(body: unknown): { body: Record<string, unknown>; field: (path: string) => string } {
  const tree = unflatten(body);
  const filled = (kind: BlockKind) => blockNumbers(tree[kind], kind).filter((i) => isFilled((tree[kind] as Record<string, unknown>)[i]));
  const blocks = { guardians: filled("guardians"), children: filled("children") };
  const pick = (kind: BlockKind) => blocks[kind].map((i) => (tree[kind] as Record<string, unknown>)[i]);
  return {
    body: { ...tree, guardians: pick("guardians"), children: pick("children") },
    field(path) {
      const m = /^(guardians|children)(?:\.(\d+)(\..+)?)?$/.exec(path);
      if (!m) return path;
      if (m[2] === undefined) return `${m[1]}.0.name`;
      return `${m[1]}.${blocks[m[1] as BlockKind][Number(m[2])] ?? 0}${m[3] ?? ".name"}`;
    },
  };
}

/** The block a field of the request form belongs to ("Barn 2"), for the error summary; undefined outside the blocks. */
export function blockOf(field: string): { kind: BlockKind; n: number } | undefined {
  const m = /^(guardians|children)\.(\d+)\./.exec(field);
  return m && blockKinds.includes(m[1] as BlockKind) ? { kind: m[1] as BlockKind, n: Number(m[2]) + 1 } : undefined;
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
