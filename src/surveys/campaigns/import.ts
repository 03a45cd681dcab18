/**
 * An import of a campaign's answers, one respondent per row (anonymous: no column names anyone),
 * from CSV or XLSX: upload, preview, confirm; all or nothing. The header names each column's
 * question by its key (`q1`) or its number (`1`, `Fråga 1`); a cell holds a value on the scale,
 * "vet inte" (where the scale allows it) or nothing. One bad cell imports nothing: every bad row is
 * listed with its row, column and reason. The file's size and its number of rows are checked
 * before it is read. The confirmed preview carries the answers in a compact form (no personal
 * data: values on the scale only), read again by the same rules when confirmed.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { audit } from "../../platform/audit.ts";
import { authorize, type ServiceContext } from "../../platform/context.ts";
import type { Cell, Table } from "../../platform/csv.ts";
import { ValidationError } from "../../platform/errors.ts";
import { readUploadedTable, UploadError } from "../../platform/upload.ts";
import { type Content, DONT_KNOW, textIn, validateAnswer } from "../model.ts";
import { contentOf, requireEntry, storeCampaignAnswer } from "./entry.ts";
import { type CampaignSummary, found, summary } from "./service.ts";

/** The largest file read: 2 MB. */
export const IMPORT_BYTES_MAX = 2 * 1024 * 1024;
/** The most rows a file may have (the header included): 2 001. */
export const IMPORT_ROWS_MAX = 2001;

export interface ImportRowError {
  /** The row in the file, the header being row 1. */
  row: number;
  /** The column's header as written, or its letter when it has none. */
  column: string;
  /** A catalog key, with its parameters. */
  reason: string;
  params?: Record<string, string | number>;
}

export interface ImportPreview {
  campaign: CampaignSummary;
  /** The questions in the instrument's order, with the column each was read from (null: no column). */
  questions: Array<{ key: string; text: string; column: string | null }>;
  /** Respondents read (rows with at least one answer). */
  rows: number;
  errors: ImportRowError[];
  /** The answers in compact form for the confirmation (empty when there are errors). */
  data: string;
}

export class ImportRefused extends Error {
  constructor(readonly errors: ImportRowError[]) {
    super("import refused");
  }
}

const DONT_KNOW_WORDS = new Set(["vet inte", "vet ej", "vet inte / vill inte svara", "vill inte svara", "dont_know", "don't know"]);
const letter = (i: number) =>
  i < 26 ? String.fromCharCode(65 + i) : `${String.fromCharCode(64 + Math.floor(i / 26))}${String.fromCharCode(65 + (i % 26))}`;
const text = (c: Cell | undefined) => (c === null || c === undefined ? "" : String(c).trim());

/** The item a header names: its key, its number, or "Fråga N" / "Question N". */
function itemOfHeader(content: Content, header: string): string | null {
  const h = header.trim().toLowerCase();
  const byKey = content.items.find((i) => i.key.toLowerCase() === h);
  if (byKey) return byKey.key;
  const m = /^(?:fråga|question|q)?\s*(\d{1,2})$/.exec(h);
  const n = m?.[1] ? Number(m[1]) : 0;
  return n >= 1 && n <= content.items.length ? (content.items[n - 1]?.key ?? null) : null;
}

/** One cell as an answer: a value, "don't know" (v), nothing (empty), or a reason it is refused. */
function readCell(
  content: Content,
  itemKey: string,
  cell: Cell | undefined,
): { value: string } | { reason: string; params?: Record<string, string | number> } {
  const raw = text(cell);
  if (raw === "") return { value: "" };
  if (DONT_KNOW_WORDS.has(raw.toLowerCase())) {
    return content.scale.allowDontKnow ? { value: "v" } : { reason: "campaigns.import.noDontKnow" };
  }
  const values = content.scale.options.map((o) => o.value);
  const range = { min: Math.min(...values), max: Math.max(...values) };
  if (!/^\d{1,3}$/.test(raw)) return { reason: "campaigns.import.notAValue", params: { value: raw.slice(0, 40), ...range } };
  const check = validateAnswer(content, itemKey, Number(raw));
  return check.ok ? { value: raw } : { reason: "campaigns.import.outsideScale", params: { value: raw, ...range } };
}

/** Reads a table against the instrument: the answers in compact form, or every bad row. Pure. */
export function readAnswers(content: Content, table: Table, lang = "sv"): Omit<ImportPreview, "campaign"> {
  const errors: ImportRowError[] = [];
  const header = table[0] ?? [];
  const columnOf = new Map<number, string>();
  const columnName = (i: number) => text(header[i]) || letter(i);
  header.forEach((h, i) => {
    const name = text(h);
    if (name === "") return;
    const key = itemOfHeader(content, name);
    if (!key) errors.push({ row: 1, column: name, reason: "campaigns.import.unknownColumn" });
    else if ([...columnOf.values()].includes(key)) errors.push({ row: 1, column: name, reason: "campaigns.import.duplicateColumn" });
    else columnOf.set(i, key);
  });
  if (columnOf.size === 0 && errors.length === 0) errors.push({ row: 1, column: "A", reason: "campaigns.import.noColumns" });
  const lines: string[] = [];
  for (let r = 1; r < table.length; r++) {
    const cells = table[r] ?? [];
    if (cells.every((c) => text(c) === "")) continue;
    const byKey = new Map<string, string>();
    let bad = false;
    cells.forEach((cell, i) => {
      const key = columnOf.get(i);
      if (!key) {
        if (text(cell) !== "" && !errors.some((e) => e.row === 1 && e.column === columnName(i))) {
          errors.push({ row: r + 1, column: columnName(i), reason: "campaigns.import.noQuestion" });
          bad = true;
        }
        return;
      }
      const read = readCell(content, key, cell);
      if ("reason" in read) {
        errors.push({ row: r + 1, column: columnName(i), reason: read.reason, params: read.params });
        bad = true;
      } else byKey.set(key, read.value);
    });
    if (bad) continue;
    const line = content.items.map((i) => byKey.get(i.key) ?? "");
    if (line.every((v) => v === "")) continue;
    lines.push(line.join(","));
  }
  if (lines.length === 0 && errors.length === 0) errors.push({ row: 2, column: "A", reason: "campaigns.import.noRows" });
  const questions = content.items.map((i) => {
    const at = [...columnOf.entries()].find(([, k]) => k === i.key);
    return { key: i.key, text: textIn(i.texts, lang), column: at ? columnName(at[0]) : null };
  });
  return { questions, rows: errors.length > 0 ? 0 : lines.length, errors, data: errors.length > 0 ? "" : lines.join("\n") };
}

/** The file's cells, its size and row count checked before it is read; a file that cannot be read is a field error. */
export async function readFile(file: { fileName: string; data: Buffer } | null): Promise<Table> {
  try {
    return await readUploadedTable(file, { maxBytes: IMPORT_BYTES_MAX, maxRows: IMPORT_ROWS_MAX });
  } catch (e) {
    if (e instanceof UploadError) throw new ValidationError({ file: `campaigns.import.${e.problem}` });
    throw e;
  }
}

/** Reads an uploaded file against the campaign's instrument: the preview, nothing stored. */
export async function previewImport(
  ctx: ServiceContext,
  id: string,
  file: { fileName: string; data: Buffer } | null,
): Promise<ImportPreview> {
  const { actor } = await authorize(ctx, "surveys.campaigns");
  const row = await found(ctx, actor.municipalityId, id);
  requireEntry(row);
  const table = await readFile(file);
  return { campaign: summary(row, ctx.clock.today()), ...readAnswers(contentOf(row), table) };
}

const confirmFields = z.object({
  data: z.string({ error: "campaigns.import.tampered" }).min(1, "campaigns.import.tampered").max(400_000, "campaigns.import.tampered"),
  importKey: z.uuid({ error: "campaigns.import.tampered" }),
});

/** The submission key of a row of an import: the same confirmation stores each row once. */
function rowKey(importKey: string, index: number): string {
  const h = createHash("sha256").update(`${importKey}:${index}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The compact answers back as answers, each checked against the instrument; null when one is not an answer. */
function decode(content: Content, data: string) {
  const out: Array<Array<{ itemKey: string; value: number | null; dontKnow: boolean }>> = [];
  for (const line of data.split("\n")) {
    const cells = line.split(",");
    if (cells.length !== content.items.length) return null;
    const answers = [];
    for (const [i, item] of content.items.entries()) {
      const c = cells[i] ?? "";
      if (c === "") continue;
      const check = validateAnswer(content, item.key, c === "v" ? DONT_KNOW : /^\d{1,3}$/.test(c) ? Number(c) : Number.NaN);
      if (!check.ok) return null;
      answers.push({ itemKey: item.key, value: check.value, dontKnow: check.value === null });
    }
    if (answers.length === 0) return null;
    out.push(answers);
  }
  return out.length > IMPORT_ROWS_MAX ? null : out;
}

/**
 * Imports the confirmed answers in one transaction: every row stored (mode paper, recorded by the
 * staff member) or none. A second confirmation of the same preview stores nothing new.
 */
export async function confirmImport(ctx: ServiceContext, id: string, input: unknown): Promise<{ imported: number; already: number }> {
  const { actor } = await authorize(ctx, "surveys.campaigns");
  const parsed = confirmFields.safeParse(input);
  if (!parsed.success) throw new ValidationError({ _form: "campaigns.import.tampered" });
  return ctx.db.transaction(async (tx) => {
    const row = await found(ctx, actor.municipalityId, id, true, tx);
    requireEntry(row);
    const rows = decode(contentOf(row), parsed.data.data);
    if (!rows) throw new ValidationError({ _form: "campaigns.import.tampered" });
    return storeRows(tx, ctx, row, actor.id, parsed.data.importKey, rows);
  });
}

async function storeRows(
  tx: Parameters<typeof storeCampaignAnswer>[0],
  ctx: ServiceContext,
  row: Awaited<ReturnType<typeof found>>,
  actorId: string,
  importKey: string,
  rows: Array<Array<{ itemKey: string; value: number | null; dontKnow: boolean }>>,
) {
  let imported = 0;
  for (const [i, answers] of rows.entries()) {
    const r = await storeCampaignAnswer(tx, ctx, row, { submissionKey: rowKey(importKey, i), answers, recordedBy: actorId });
    if (r.created) imported++;
  }
  await audit(tx, ctx, {
    action: "survey_campaign.import",
    recordType: "survey_campaign",
    recordId: row.campaign.id,
    detail: { year: row.campaign.year, responses: imported },
  });
  return { imported, already: rows.length - imported };
}

/**
 * The API's import: the file read and checked; with `dryRun` the preview only, otherwise every row
 * stored in one transaction. Any bad row: ImportRefused with every bad row, nothing stored.
 */
export async function importFile(
  ctx: ServiceContext,
  id: string,
  file: { fileName: string; data: Buffer } | null,
  dryRun: boolean,
  importKey: string,
): Promise<{ rows: number; imported: number }> {
  const preview = await previewImport(ctx, id, file);
  if (preview.errors.length > 0) throw new ImportRefused(preview.errors);
  if (dryRun) return { rows: preview.rows, imported: 0 };
  const { actor } = await authorize(ctx, "surveys.campaigns");
  return ctx.db.transaction(async (tx) => {
    const row = await found(ctx, actor.municipalityId, id, true, tx);
    requireEntry(row);
    const rows = decode(contentOf(row), preview.data);
    if (!rows) throw new ValidationError({ _form: "campaigns.import.tampered" });
    const { imported } = await storeRows(tx, ctx, row, actor.id, importKey, rows);
    return { rows: rows.length, imported };
  });
}
