/**
 * Retention (gallring, decision 0062): the administrator sets the municipality's rules (none under
 * the legal minimum), previews what they would cull (counts per kind, no names), and confirms a
 * run; the job runs the same rules by itself where the municipality turned it on. Every run writes
 * a deletion receipt in the audit log (`retention.run`: counts per kind, the rules, who confirmed),
 * which no rule ever culls. Published report versions keep their stored figures; the live
 * follow-up counts the families that are left.
 */
import { audit } from "../platform/audit.ts";
import { authorize, type ServiceContext } from "../platform/context.ts";
import type { Db } from "../platform/database.ts";
import { parseOrThrow, ValidationError } from "../platform/errors.ts";
import {
  belowMinimum,
  type Counts,
  cutoffDate,
  cutoffInstant,
  type RetentionKind,
  type Rules,
  type RulesInput,
  retentionKinds,
  rulesInput,
} from "./model.ts";
import * as store from "./store.ts";

export interface RetentionPage {
  rules: Rules;
  jobEnabled: boolean;
  breakGlassMinutes: number;
  /** What a run would cull now, per kind with a rule (counts only). */
  preview: Counts;
  /** Families the families rule would cull that are kept because a child is placed outside the home; null without the rule. */
  keptForPlacement: number | null;
  /** The latest run's receipt, if any. */
  lastRun: { at: Date; counts: Counts; trigger: string } | null;
}

async function rulesFor(db: Db, municipalityId: string): Promise<Rules> {
  const rows = await store.rulesOf(db, municipalityId);
  const rules: Rules = {};
  for (const r of rows) if ((retentionKinds as readonly string[]).includes(r.kind)) rules[r.kind as RetentionKind] = r.amount;
  return rules;
}

/** What the rules would cull at the instant: counts per kind, nothing else. */
export async function dryRun(db: Db, municipalityId: string, rules: Rules, now: Date, today: string): Promise<Counts> {
  const counts: Counts = {};
  for (const kind of retentionKinds) {
    const amount = rules[kind];
    if (amount === undefined) continue;
    counts[kind] =
      kind === "families"
        ? (await store.expiredFamilies(db, municipalityId, cutoffDate(today, amount))).length
        : await store.countOf(db, kind, municipalityId, cutoffInstant(now, kind, amount));
  }
  return counts;
}

export async function retentionPage(ctx: ServiceContext): Promise<RetentionPage> {
  const auth = await authorize(ctx, "retention.manage");
  const m = auth.actor.municipalityId;
  const rules = await rulesFor(ctx.db, m);
  const settings = await store.settingsOf(ctx.db, m);
  const preview = await dryRun(ctx.db, m, rules, ctx.clock.now(), ctx.clock.today());
  const last = await store.lastReceipt(ctx.db, m);
  const families = rules.families;
  return {
    keptForPlacement: families === undefined ? null : await store.keptForPlacement(ctx.db, m, cutoffDate(ctx.clock.today(), families)),
    rules,
    jobEnabled: settings?.jobEnabled ?? false,
    breakGlassMinutes: settings?.breakGlassMinutes ?? 60,
    preview,
    lastRun: last
      ? { at: last.at, counts: (last.detail?.counts ?? {}) as Counts, trigger: String(last.detail?.trigger ?? "manual") }
      : null,
  };
}

/** Saves the rules and settings; a rule under its legal minimum is refused with the reason and nothing is saved. */
export async function saveRules(ctx: ServiceContext, raw: RulesInput): Promise<void> {
  const auth = await authorize(ctx, "retention.manage");
  const input = parseOrThrow(rulesInput, raw);
  const rules: Rules = {};
  for (const kind of retentionKinds) {
    const v = input.rules[kind];
    if (v !== null && v !== undefined) rules[kind] = v;
  }
  const errors = belowMinimum(rules);
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  const m = auth.actor.municipalityId;
  await ctx.db.transaction(async (tx) => {
    const before = await store.settingsOf(tx, m);
    await store.replaceRules(
      tx,
      m,
      Object.entries(rules).map(([kind, amount]) => ({ kind: kind as RetentionKind, amount })),
      auth.actor.id,
    );
    // Turning the job on is the confirmation its runs name; it stays with whoever turned it on.
    const turnedOn = input.jobEnabled && !before?.jobEnabled;
    await store.saveSettings(tx, m, {
      jobEnabled: input.jobEnabled,
      breakGlassMinutes: input.breakGlassMinutes,
      confirmedBy: input.jobEnabled ? (turnedOn ? auth.actor.id : (before?.confirmedBy ?? auth.actor.id)) : null,
      confirmedAt: input.jobEnabled ? (turnedOn ? ctx.clock.now() : (before?.confirmedAt ?? ctx.clock.now())) : null,
    });
    await audit(tx, ctx, {
      action: "retention.rules_update",
      recordType: "retention",
      detail: { rules, jobEnabled: input.jobEnabled, breakGlassMinutes: input.breakGlassMinutes },
    });
  });
}

/** The administrator's preview before the confirmation: what would go now, counts only. */
export async function previewRun(ctx: ServiceContext): Promise<{ rules: Rules; counts: Counts }> {
  const auth = await authorize(ctx, "retention.manage");
  const rules = await rulesFor(ctx.db, auth.actor.municipalityId);
  return { rules, counts: await dryRun(ctx.db, auth.actor.municipalityId, rules, ctx.clock.now(), ctx.clock.today()) };
}

export interface RunResult {
  counts: Counts;
  /** Family members deleted with the families. */
  persons: number;
}

/** Runs the saved rules now, confirmed by the administrator; the receipt names them. */
export async function confirmRun(ctx: ServiceContext): Promise<RunResult> {
  const auth = await authorize(ctx, "retention.manage");
  return runRules(ctx, auth.actor.municipalityId, { userId: auth.actor.id, username: auth.actor.username }, "manual");
}

/**
 * Runs a municipality's rules: each expired family in its own transaction (all its rows or none),
 * each other kind in one; then the receipt in the audit log, in its own transaction, also when a
 * step failed (what was done by then, and that it stopped).
 */
export async function runRules(
  ctx: ServiceContext,
  municipalityId: string,
  confirmedBy: { userId: string | null; username: string | null },
  trigger: "manual" | "job",
): Promise<RunResult> {
  const rules = await rulesFor(ctx.db, municipalityId);
  const now = ctx.clock.now();
  const today = ctx.clock.today();
  const counts: Counts = {};
  let persons = 0;
  let failed = false;
  try {
    for (const kind of retentionKinds) {
      const amount = rules[kind];
      if (amount === undefined) continue;
      if (kind === "families") {
        counts.families = 0;
        for (const family of await store.expiredFamilies(ctx.db, municipalityId, cutoffDate(today, amount))) {
          persons += await ctx.db.transaction((tx) => store.deleteFamily(tx, family));
          counts.families++;
        }
      } else {
        counts[kind] = await ctx.db.transaction((tx) => store.deleteOf(tx, kind, municipalityId, cutoffInstant(now, kind, amount)));
      }
    }
  } catch (e) {
    failed = true;
    throw e;
  } finally {
    await ctx.db.transaction((tx) =>
      audit(tx, ctx, {
        action: "retention.run",
        recordType: "retention",
        recordId: municipalityId,
        detail: { trigger, counts, persons, rules, confirmedBy, completed: !failed, at: now.toISOString() },
      }),
    );
  }
  return { counts, persons };
}

/** The job's run: every municipality whose job is on, its rules, confirmed by whoever turned it on. */
export async function runScheduled(ctx: ServiceContext): Promise<Record<string, Counts>> {
  const out: Record<string, Counts> = {};
  for (const m of await store.jobMunicipalities(ctx.db)) {
    const who = m.confirmedBy ? await store.usernameOf(ctx.db, m.confirmedBy) : null;
    out[m.municipalityId] = (await runRules(ctx, m.municipalityId, { userId: m.confirmedBy, username: who }, "job")).counts;
  }
  return out;
}
