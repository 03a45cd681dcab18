/**
 * Retention (gallring, decision 0062) through the HTTP app and a real PostgreSQL, on hand-made data
 * dated from the test clock: the dry run's counts, the confirmation that deletes exactly the
 * expired families and old log rows and nothing else (the research sample, recent and ongoing
 * families stay), the receipt in the audit log, a rule under the legal minimum refused (form and
 * API), and a stored report version's figures unchanged.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decidedFamily, userId } from "../../test/fixtures.ts";
import { apiCall, apiToken, asOwner, createTestApp, get, login, postForm, type TestApp } from "../../test/helpers.ts";
import {
  auditLog,
  interimReports,
  interimReportVersions,
  meetings,
  municipalities,
  processes,
  requestPersons,
  requests,
  retentionRules,
  securityLog,
} from "../db/schema/index.ts";
import { addDays } from "../platform/dates.ts";
import { paths } from "./paths.ts";

let t: TestApp;
const db = () => t.database.db;
/** Five years and a bit back: older than every rule of the test, younger than the hand-made old rows. */
const old = () => new Date(t.clock.now().getTime() - 5 * 366 * 86_400_000);
const yearsAgo = (years: number, days = 0) => addDays(t.clock.today(), -(years * 366 + days));

/** A decided family, its process ended `endedYearsAgo` (completed), every member born on the 10th unless `sample`. */
async function endedFamily(endedYearsAgo: number | null, sample = false) {
  const f = await decidedFamily(t);
  await db()
    .update(requestPersons)
    .set({ birthDate: sample ? "2015-03-15" : "2015-03-10" })
    .where(eq(requestPersons.requestId, f.requestId));
  if (endedYearsAgo !== null)
    await db()
      .update(processes)
      .set({ status: "completed", phase: "completed", completedOn: yearsAgo(endedYearsAgo) })
      .where(eq(processes.id, f.processId));
  return f;
}

let expired: Awaited<ReturnType<typeof endedFamily>>;
let recent: Awaited<ReturnType<typeof endedFamily>>;
let sampled: Awaited<ReturnType<typeof endedFamily>>;
let ongoing: Awaited<ReturnType<typeof endedFamily>>;
let stoppedId: string;
const FIGURES = { families: 17, meetingsHeld: 42, shares: { joint: "64 %" } };
let versionId: string;

beforeAll(async () => {
  t = await createTestApp();
  expired = await endedFamily(6);
  recent = await endedFamily(4);
  sampled = await endedFamily(6, true);
  ongoing = await endedFamily(null);
  // A request stopped at the Sofiamöte six years ago, without a process.
  const [m] = await db().select({ id: municipalities.id }).from(municipalities).limit(1);
  const worker = await userId(t, "barnhandlaggare");
  const [r] = await db()
    .insert(requests)
    .values({
      municipalityId: m?.id ?? "",
      requestDate: yearsAgo(6, 20),
      household: "together",
      custody: "joint",
      reason: "Oro",
      status: "stopped",
      meetingDate: yearsAgo(6, 10),
      stopReason: "declined",
      registeredBy: worker,
    })
    .returning({ id: requests.id });
  stoppedId = r?.id ?? "";
  await db()
    .insert(requestPersons)
    .values({ requestId: stoppedId, kind: "guardian", position: 1, name: "Gamla Gunilla", birthDate: "1980-01-10" });
  // Old log rows: one to cull, one old receipt that is kept; a security-log row.
  const admin = await userId(t, "admin");
  const old = new Date(t.clock.now().getTime() - 6 * 366 * 86_400_000);
  await db()
    .insert(auditLog)
    .values([
      {
        at: old,
        actorUserId: admin,
        actorUsername: "admin",
        actorRoles: ["administrator"],
        actorUnitIds: [],
        action: "users.list",
        recordType: "user",
      },
      {
        at: old,
        actorUserId: admin,
        actorUsername: "admin",
        actorRoles: ["administrator"],
        actorUnitIds: [],
        action: "retention.run",
        recordType: "retention",
      },
    ]);
  await db().insert(securityLog).values({ at: old, userId: admin, username: "admin", event: "permission_denied" });
  // A report version with stored figures.
  const [report] = await db()
    .insert(interimReports)
    .values({ municipalityId: m?.id ?? "", title: "Delrapport", periodFrom: yearsAgo(7), periodTo: yearsAgo(5) })
    .returning({ id: interimReports.id });
  const [v] = await db()
    .insert(interimReportVersions)
    .values({ reportId: report?.id ?? "", number: 1, pdf: Buffer.from("%PDF"), docx: Buffer.from("PK"), figures: FIGURES })
    .returning({ id: interimReportVersions.id });
  versionId = v?.id ?? "";
});
afterAll(async () => {
  await t.close();
});

const RULES = {
  "rules.families": "5",
  "rules.audit_log": "5",
  "rules.security_log": "1",
  "rules.report_versions": "10",
  breakGlassMinutes: "60",
};

describe("retention", () => {
  it("is the administrator's: other roles are refused", async () => {
    for (const username of ["processledare", "barnhandlaggare", "analytiker"]) {
      expect((await get(t.app, await login(t.app, username), paths.page.href())).statusCode, username).toBe(403);
    }
  });

  it("refuses a rule under the legal minimum with the reason, on the form and the API, and saves nothing", async () => {
    const admin = await login(t.app, "admin");
    const res = await postForm(t.app, admin, paths.rules.href(), { ...RULES, "rules.families": "3" });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("Personakter i socialtjänsten får gallras tidigast fem år efter sista anteckningen (SoL 12 kap. 1 §)");
    expect(res.body).toContain('id="f-rules-families-error"');
    const token = await apiToken(t, "admin", ["retention.manage"]);
    const api = await apiCall(t.app, "PUT", paths.apiRules.href(), token, {
      rules: { audit_log: 2 },
      jobEnabled: false,
      breakGlassMinutes: 60,
    });
    expect(api.statusCode).toBe(400);
    expect(api.headers["content-type"]).toContain("application/problem+json");
    expect(api.json().errors).toEqual([{ field: "rules.audit_log", message: expect.stringContaining("minst fem år (SoL 12 kap. 1 §") }]);
    expect(await db().select().from(retentionRules)).toHaveLength(0);
  });

  it("previews in counts only, then deletes exactly the expired families and old log rows after the confirmation, with a receipt", async () => {
    const admin = await login(t.app, "admin");
    expect((await postForm(t.app, admin, paths.rules.href(), RULES)).statusCode).toBe(303);
    const token = await apiToken(t, "admin", ["retention.manage"]);
    const preview = (await apiCall(t.app, "GET", paths.apiRetention.href(), token)).json();
    expect(preview.preview).toEqual({ families: 2, audit_log: 1, security_log: 1, report_versions: 0 });
    const page = await get(t.app, admin, paths.page.href());
    expect(page.body).toContain("räknar uppföljningen och statistiken färre familjer");
    expect(page.body).not.toContain("Gamla Gunilla");

    const requestsBefore = (await db().select({ id: requests.id }).from(requests)).length;
    // The first submit only asks.
    const ask = await postForm(t.app, admin, paths.run.href(), {});
    expect(ask.statusCode).toBe(200);
    expect(ask.body).toContain("Bekräfta gallringen");
    expect((await db().select({ id: requests.id }).from(requests)).length).toBe(requestsBefore);

    const run = await postForm(t.app, admin, paths.run.href(), { confirmed: "yes" });
    expect(run.statusCode).toBe(303);

    const left = await db().select({ id: requests.id }).from(requests);
    expect(left.length).toBe(requestsBefore - 2);
    const ids = left.map((r) => r.id);
    expect(ids).not.toContain(expired.requestId);
    expect(ids).not.toContain(stoppedId);
    for (const kept of [recent, sampled, ongoing]) expect(ids).toContain(kept.requestId);
    expect(
      await db()
        .select()
        .from(requestPersons)
        .where(inArray(requestPersons.requestId, [expired.requestId, stoppedId])),
    ).toHaveLength(0);
    expect(await db().select().from(meetings).where(eq(meetings.processId, expired.processId))).toHaveLength(0);
    expect(await db().select().from(processes).where(eq(processes.id, expired.processId))).toHaveLength(0);

    const oldRows = await db()
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(sql`${auditLog.at} < ${old().toISOString()}::timestamptz`);
    expect(oldRows.map((r) => r.action)).toEqual(["retention.run"]);
    expect(await db().select().from(securityLog).where(sql`${securityLog.at} < ${old().toISOString()}::timestamptz`)).toHaveLength(0);

    const receipts = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "retention.run"), sql`${auditLog.detail} ->> 'trigger' = 'manual'`));
    expect(receipts).toHaveLength(1);
    expect(receipts[0]?.actorUsername).toBe("admin");
    expect(receipts[0]?.detail).toMatchObject({
      counts: { families: 2, audit_log: 1, security_log: 1, report_versions: 0 },
      rules: { families: 5, audit_log: 5, security_log: 1, report_versions: 10 },
      confirmedBy: { username: "admin" },
      completed: true,
    });
    // The page shows the latest run; a second preview has nothing left to cull.
    expect((await get(t.app, admin, paths.page.href({ klart: "gallrad" }))).body).toContain("Gallringen är gjord.");
    expect((await apiCall(t.app, "GET", paths.apiRetention.href(), token)).json().preview).toEqual({
      families: 0,
      audit_log: 0,
      security_log: 0,
      report_versions: 0,
    });
  });

  it("keeps a stored report version's figures, and the audit log stays append-only outside retention", async () => {
    const [v] = await db()
      .select({ figures: interimReportVersions.figures })
      .from(interimReportVersions)
      .where(eq(interimReportVersions.id, versionId));
    expect(v?.figures).toEqual(FIGURES);
    const refusal = (e: unknown) => String((e as { cause?: Error }).cause?.message ?? e);
    expect(
      refusal(
        await db()
          .execute(sql`delete from audit_log where action = 'retention.run'`)
          .catch((e) => e),
      ),
      // The app's role may not delete at all (decision 0063); the owner is stopped by the trigger.
    ).toMatch(/permission denied/);
    expect(
      refusal(
        await asOwner(t.database, (owner) => owner.execute(sql`delete from audit_log where action = 'retention.run'`)).catch((e) => e),
      ),
    ).toMatch(/append-only/);
    expect(
      refusal(
        await db()
          .execute(sql`update audit_log set reason = 'x'`)
          .catch((e) => e),
      ),
    ).toMatch(/permission denied/);
    expect(refusal(await asOwner(t.database, (owner) => owner.execute(sql`update audit_log set reason = 'x'`)).catch((e) => e))).toMatch(
      /append-only/,
    );
  });
});
