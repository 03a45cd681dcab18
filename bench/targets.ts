/**
 * The targets of issue 16 beside what this run measured, each marked met or not. The bench
 * asserts no timing: this is a report (ratios against the baseline of the same run).
 */

export interface Target {
  what: string;
  target: string;
  measured: string;
  /** null: not measured in this run (its scenario failed or was left out). */
  met: boolean | null;
}

type Compared = { ratio: { requestsPerSecond: number | null; latencyP95: number | null } } | { error: string };
type Figures = Record<string, unknown> & { error?: string };

const atMost = (value: number | null | undefined, bound: number) => (value === null || value === undefined ? null : value <= bound);
const atLeast = (value: number | null | undefined, bound: number) => (value === null || value === undefined ? null : value >= bound);
const show = (value: number | null | undefined, unit = "×") => (value === null || value === undefined ? "not measured" : `${value}${unit}`);

export function targets(r: {
  families: number;
  loginPage: Compared;
  apiMe: Compared;
  startPage: Compared;
  familyPage: Compared;
  surveySubmission: Figures;
  followup: Figures;
  report: Figures;
  overload: Figures;
  startToHealthySeconds: number | null;
}): Target[] {
  const rps = (c: Compared) => ("error" in c ? null : c.ratio.requestsPerSecond);
  const p95 = (c: Compared) => ("error" in c ? null : c.ratio.latencyP95);
  const list: Target[] = [];
  for (const [name, c] of [
    ["start page, 50 connections", r.startPage],
    ["family page, 50 connections", r.familyPage],
  ] as const) {
    list.push({ what: `${name}: p95 latency`, target: "≤ 2× baseline", measured: show(p95(c)), met: atMost(p95(c), 2) });
    list.push({ what: `${name}: throughput`, target: "≥ 0.5× baseline", measured: show(rps(c)), met: atLeast(rps(c), 0.5) });
  }
  list.push({
    what: "login page: throughput",
    target: "≥ 0.5× baseline",
    measured: show(rps(r.loginPage)),
    met: atLeast(rps(r.loginPage), 0.5),
  });
  list.push({
    what: "GET /api/v1/me: throughput",
    target: "≥ 0.8× baseline",
    measured: show(rps(r.apiMe)),
    met: atLeast(rps(r.apiMe), 0.8),
  });
  const survey = r.surveySubmission.error ? null : (r.surveySubmission.ratio as { answersPerSecond: number | null }).answersPerSecond;
  list.push({
    what: "survey answers, 0 lost, 0 duplicated",
    target: "≥ 0.5× bare insert",
    measured: show(survey),
    met: atLeast(survey, 0.5),
  });
  const followup = r.followup.error ? null : (r.followup.ratio as { page: number | null }).page;
  list.push({
    what: `follow-up page (${r.families} families)`,
    target: "≤ 1.5× reference SQL",
    measured: show(followup),
    met: atMost(followup, 1.5),
  });
  const reportMs = r.report.error ? null : (r.report.app as { generationMs: number }).generationMs;
  list.push({
    what: `whole interim report, PDF/A and Word (${r.families} families)`,
    target: "≤ 3 s",
    measured: reportMs === null ? "not measured" : `${Math.round(reportMs) / 1000} s`,
    met: atMost(reportMs, 3000),
  });
  const o = r.overload as {
    error?: string;
    shedCleanly?: boolean;
    recovered?: boolean;
    overload?: { ok: number; shedWithRetryAfter: number };
  };
  list.push({
    what: "overload, 200 connections: only 200 or 503 with Retry-After",
    target: "no other answer, no error",
    measured: o.error ? "not measured" : `${o.overload?.ok} × 200, ${o.overload?.shedWithRetryAfter} × 503`,
    met: o.error ? null : (o.shedCleanly ?? null),
  });
  const recovery = (r.overload as { recovery?: { requests: number; ok: number } }).recovery;
  list.push({
    what: "recovery after the overload, 10 connections",
    target: "all 200",
    measured: o.error || !recovery ? "not measured" : `${recovery.ok} of ${recovery.requests} × 200`,
    met: o.error ? null : (o.recovered ?? null),
  });
  list.push({
    what: "npm start to the first 200 on /healthz",
    target: "< 5 s",
    measured: show(r.startToHealthySeconds, " s"),
    met: r.startToHealthySeconds === null ? null : r.startToHealthySeconds < 5,
  });
  return list;
}

/** The targets as a text table, for the end of the run. */
export function targetTable(list: Target[]): string {
  const rows = [
    ["measured", "target", "this run", ""],
    ...list.map((t) => [t.what, t.target, t.measured, t.met === null ? "not measured" : t.met ? "met" : "NOT MET"]),
  ];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((row) => (row[i] ?? "").length)));
  return rows.map((row) => row.map((cell, i) => (i < 3 ? cell.padEnd(widths[i] ?? 0) : cell)).join("  ")).join("\n");
}
