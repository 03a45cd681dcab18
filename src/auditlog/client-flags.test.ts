/**
 * The log review by client and the reviewer's flags (decision 0058): real views and hand-made
 * audit rows; the client found through the need-to-know search, every access with its assignment,
 * the extracts (the PDF's text read by pdftotext), and flags that explain themselves and close
 * with a note.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, eq, gt, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DecidedFamily, decidedFamily, userId } from "../../test/fixtures.ts";
import { apiCall, apiToken, type Browser, createTestApp, get, login, postForm, type TestApp } from "../../test/helpers.ts";
import { auditFlagReviews, auditLog } from "../db/schema/index.ts";

let t: TestApp;
const db = () => t.database.db;
let family: DecidedFamily;
let others: DecidedFamily[];
let admin: Browser;
let guardian: string;
let weekendAt: Date;

const lastId = async () =>
  (
    await db()
      .select({ id: sql<number>`coalesce(max(${auditLog.id}), 0)::int` })
      .from(auditLog)
  )[0]?.id ?? 0;

/** A Saturday night a few days back from the test clock, in Swedish time outside any working hours. */
function lastSaturdayNight(now: Date): Date {
  const d = new Date(now.getTime() - 2 * 86_400_000);
  while (d.getUTCDay() !== 6) d.setUTCDate(d.getUTCDate() - 1);
  d.setUTCHours(22, 30, 0, 0);
  return d;
}

async function handMade(username: string, action: string, personIds: string[], at: Date) {
  const id = await userId(t, username);
  await db().execute(sql`insert into audit_log (at, actor_user_id, actor_username, actor_roles, actor_unit_ids, action, record_type, subject_person_ids)
    values (${at.toISOString()}::timestamptz, ${id}, ${username}, ${sql`array['caseworker']::text[]`},
      (select coalesce(array_agg(unit_id), '{}') from user_units where user_id = ${id}), ${action}, 'process', ${sql`array[${sql.join(
        personIds.map((p) => sql`${p}::uuid`),
        sql`, `,
      )}]::uuid[]`})`);
}

beforeAll(async () => {
  t = await createTestApp();
  family = await decidedFamily(t, { guardians: [{ name: "Gunnel Granskad", identityNumber: "19121212-1212" }] });
  others = [
    await decidedFamily(t, { guardians: [{ name: "Olle Annan", identityNumber: "", birthDate: "1980-01-02" }] }),
    await decidedFamily(t, { guardians: [{ name: "Petra Tredje", identityNumber: "", birthDate: "1982-03-04" }] }),
  ];
  guardian = family.person("Gunnel Granskad");
  admin = await login(t.app, "admin");
  // A real view: the child caseworker, assigned, opens the family page.
  const worker = await login(t.app, "barnhandlaggare");
  expect((await get(t.app, worker, `/processer/${family.processId}`)).statusCode).toBe(200);
  // Hand-made: Sara (Barn och unga Syd, not assigned) opens three families on a Saturday night, within minutes.
  weekendAt = lastSaturdayNight(t.clock.now());
  await handMade("handlaggare.syd", "process.view", [guardian, ...family.childIds], weekendAt);
  await handMade("handlaggare.syd", "process.view", others[0]?.guardianIds ?? [], new Date(weekendAt.getTime() + 60_000));
  await handMade("handlaggare.syd", "process.view", others[1]?.guardianIds ?? [], new Date(weekendAt.getTime() + 120_000));
  await handMade("processledare", "person.reveal_identity_number", [guardian], new Date(t.clock.now().getTime() - 3_600_000));
});
afterAll(() => t.close());

describe("the log review by client", () => {
  it("finds the client by name or identity number through the need-to-know search, audited, the text never in the address", async () => {
    const before = await lastId();
    for (const q of ["Granskad", "191212121212"]) {
      const res = await postForm(t.app, admin, "/logguppfoljning/klient", { q });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain("Gunnel Granskad");
      expect(res.body).toContain(`/logguppfoljning/klient/${guardian}`);
      expect(res.body).toContain("19121212-****");
    }
    const rows = await db()
      .select()
      .from(auditLog)
      .where(and(gt(auditLog.id, before), eq(auditLog.action, "audit.client_search")));
    expect(rows).toHaveLength(2);
    for (const r of rows) expect(r.subjectPersonIds).toContain(guardian);
    expect(JSON.stringify(rows)).not.toContain("Granskad");
    const empty = await postForm(t.app, admin, "/logguppfoljning/klient", { q: " " });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain("Skriv ett namn eller ett personnummer");
    const bad = await postForm(t.app, admin, "/logguppfoljning/klient", { q: "123" });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("minst två bokstäver");
  });

  it("is for the municipality's reviewers: a unit manager is refused", async () => {
    const manager = await login(t.app, "enhetschef");
    expect((await get(t.app, manager, "/logguppfoljning/klient")).statusCode).toBe(403);
    expect((await get(t.app, manager, `/logguppfoljning/klient/${guardian}`)).statusCode).toBe(403);
    expect((await get(t.app, manager, "/logguppfoljning/flaggor")).statusCode).toBe(403);
  });

  it("shows every access to the person: by whom, when, what and under which assignment, audited with the person as subject", async () => {
    const before = await lastId();
    const res = await get(t.app, admin, `/logguppfoljning/klient/${guardian}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["cache-control"]).toContain("no-store");
    expect(res.body).toContain("Logg för Gunnel Granskad");
    expect(res.body).toContain("Bo Barnhandläggare (barnhandlaggare)");
    expect(res.body).toContain("Barnhandläggare i familjens process");
    expect(res.body).toContain("Sara Sydström (handlaggare.syd)");
    expect(res.body).toContain("Ingen tilldelning (enheter: Barn och unga Syd)");
    // No raw action codes where a label exists.
    expect(res.body).not.toContain(">process.view<");
    const [row] = await db()
      .select()
      .from(auditLog)
      .where(and(gt(auditLog.id, before), eq(auditLog.action, "audit.person_log")));
    expect(row?.subjectPersonId).toBe(guardian);
    expect((await get(t.app, admin, "/logguppfoljning/klient/00000000-0000-4000-8000-000000000000")).statusCode).toBe(404);
  });

  it("gives the extract as CSV and as PDF, each audited", async () => {
    const before = await lastId();
    const csv = await get(t.app, admin, `/logguppfoljning/klient/${guardian}/utdrag.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.body).toContain("Tilldelning");
    expect(csv.body).toContain("Sara Sydström (handlaggare.syd)");
    expect(csv.body).toContain("Ingen tilldelning (enheter: Barn och unga Syd)");
    const pdf = await t.app.inject({
      method: "GET",
      url: `/logguppfoljning/klient/${guardian}/utdrag.pdf`,
      headers: { cookie: admin.cookie },
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    const dir = mkdtempSync(join(tmpdir(), "sofia-extract-"));
    const file = join(dir, "utdrag.pdf");
    writeFileSync(file, pdf.rawPayload);
    const text = execFileSync("pdftotext", ["-layout", file, "-"]).toString();
    expect(text).toContain("Loggutdrag");
    expect(text).toContain("Gunnel Granskad, 19121212-****");
    expect(text).toContain("Sara Sydström");
    expect(text).toContain("Barnhandläggare i familjens process");
    execFileSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", file, join(dir, "page")]);
    expect(readdirSync(dir).some((f) => f.startsWith("page") && f.endsWith(".png"))).toBe(true);
    const rows = await db()
      .select()
      .from(auditLog)
      .where(and(gt(auditLog.id, before), eq(auditLog.action, "audit.person_extract")));
    expect(rows.map((r) => (r.detail as { format: string }).format).sort()).toEqual(["csv", "pdf"]);
    for (const r of rows) expect(r.subjectPersonId).toBe(guardian);
  });

  it("answers the API by the person's id", async () => {
    const token = await apiToken(t, "admin", ["audit.review"]);
    const res = await apiCall(t.app, "GET", `/api/v1/audit-log/persons/${guardian}`, token);
    expect(res.statusCode).toBe(200);
    const json = res.json();
    expect(json.person.name).toBe("Gunnel Granskad");
    expect(json.accesses.some((a: { assignment: string }) => a.assignment === "Ingen tilldelning (enheter: Barn och unga Syd)")).toBe(true);
    const search = await apiCall(t.app, "POST", "/api/v1/audit-log/client-search", token, { query: "Granskad" });
    expect(search.statusCode).toBe(200);
    expect(search.json().hits[0].personId).toBe(guardian);
  });
});

describe("the reviewer's flags", () => {
  it("flags views outside the assignments and units, many families, night access and revealed identity numbers, each with its reason", async () => {
    const res = await get(t.app, admin, "/logguppfoljning/flaggor?families=3&minutes=10");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Visade 1 familjer som användaren inte var tilldelad");
    expect(res.body).toContain("Öppnade 3 olika familjer inom 10 minuter");
    expect(res.body).toContain("Åtkomst utanför arbetstid (vardagar 7–19, svensk tid)");
    expect(res.body).toContain("Ett fullständigt personnummer visades");
    // The assigned caseworker's view on a weekday is not flagged as outside need-to-know.
    const api = await apiCall(t.app, "GET", "/api/v1/audit-log/flags?families=3&minutes=10", await apiToken(t, "admin", ["audit.review"]));
    expect(api.statusCode).toBe(200);
    const flags = api.json().flags as Array<{ kind: string; actor: { username: string } }>;
    expect(flags.filter((f) => f.kind === "outside_need").every((f) => f.actor.username === "handlaggare.syd")).toBe(true);
    // Sara's three families within minutes: one flag where the count reached the threshold.
    expect(flags.filter((f) => f.kind === "many_families" && f.actor.username === "handlaggare.syd")).toHaveLength(1);
    const bad = await get(t.app, admin, "/logguppfoljning/flaggor?families=x&dayStart=20&dayEnd=8");
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("Antal familjer ska vara ett heltal");
  });

  it("marks a flag reviewed with a note (stored, audited); without a note nothing is stored", async () => {
    const token = await apiToken(t, "admin", ["audit.review"]);
    const before = (await apiCall(t.app, "GET", "/api/v1/audit-log/flags", token)).json();
    const flag = before.flags.find((f: { kind: string }) => f.kind === "identity_reveal");
    expect(flag).toBeDefined();
    const empty = await postForm(t.app, admin, "/logguppfoljning/flaggor/granska", {
      logId: String(flag.auditLogId),
      kind: flag.kind,
      note: "",
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain("Skriv en anteckning om vad du har granskat");
    expect(await db().select().from(auditFlagReviews)).toHaveLength(0);
    const done = await postForm(t.app, admin, "/logguppfoljning/flaggor/granska", {
      logId: String(flag.auditLogId),
      kind: flag.kind,
      note: "Processledaren behövde numret till ansökan.",
    });
    expect(done.statusCode).toBe(303);
    const [stored] = await db().select().from(auditFlagReviews);
    expect(stored?.note).toBe("Processledaren behövde numret till ansökan.");
    const after = (await apiCall(t.app, "GET", "/api/v1/audit-log/flags", token)).json();
    expect(after.flags.some((f: { auditLogId: number; kind: string }) => f.auditLogId === flag.auditLogId && f.kind === flag.kind)).toBe(
      false,
    );
    expect(after.total).toBe(before.total - 1);
    const audited = await db().select().from(auditLog).where(eq(auditLog.action, "audit.flag_review"));
    expect(audited).toHaveLength(1);
    expect(audited[0]?.recordId).toBe(String(flag.auditLogId));
    const again = await apiCall(t.app, "POST", "/api/v1/audit-log/flags/reviews", token, {
      logId: flag.auditLogId,
      kind: flag.kind,
      note: "igen",
    });
    expect(again.statusCode).toBe(409);
  });
});
