import { and, desc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Browser, createTestApp, get, login, type TestApp } from "../../test/helpers.ts";
import { auditLog, municipalities, securityLog, users } from "../db/schema/index.ts";
import { addDays, stockholmDate } from "./model.ts";

let t: TestApp;
const id: Record<string, string> = {};
const browsers: Record<string, Browser> = {};
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);
const today = () => stockholmDate(new Date());

async function insertRow(row: Partial<typeof auditLog.$inferInsert> & { action: string; reason: string }) {
  await t.database.db.insert(auditLog).values({ actorRoles: ["caseworker"], actorUnitIds: [], recordType: "user", ip: "10.0.0.7", ...row });
}

beforeAll(async () => {
  t = await createTestApp();
  for (const u of await t.database.db.select({ id: users.id, username: users.username }).from(users)) id[u.username] = u.id;
  const actor = (username: string) => ({ actorUserId: id[username], actorUsername: username });
  // Bo works at Barn och unga Norr and Sara at Barn och unga Syd (the unit manager's units);
  // Vera at Beroendeenheten Vuxen 1 and Mats at Mottagningsenheten (not the unit manager's).
  await insertRow({
    ...actor("barnhandlaggare"),
    action: "user.view",
    subjectUserId: id["handlaggare.mottagning"],
    recordId: id["handlaggare.mottagning"],
    at: daysAgo(10),
    reason: "skal-r1",
  });
  await insertRow({
    ...actor("vuxenhandlaggare"),
    action: "user.view",
    subjectUserId: id["handlaggare.syd"],
    recordId: id["handlaggare.syd"],
    at: daysAgo(9),
    reason: "skal-r2",
  });
  await insertRow({
    ...actor("vuxenhandlaggare"),
    action: "user.view",
    subjectUserId: id["handlaggare.mottagning"],
    at: daysAgo(8),
    reason: "skal-r3",
  });
  await insertRow({ ...actor("admin"), actorRoles: ["administrator"], action: "custom.thing", at: daysAgo(40), reason: "skal-r4" });
  await insertRow({
    ...actor("barnhandlaggare"),
    action: "user.update",
    subjectUserId: id["handlaggare.syd"],
    at: daysAgo(7),
    reason: '=HYPERLINK("http://evil.example";"klicka") ; "citat"\nny rad',
  });
  for (let i = 0; i < 120; i++) {
    await insertRow({
      ...actor("admin"),
      actorRoles: ["administrator"],
      action: "unit.update",
      recordType: "unit",
      at: daysAgo(5),
      reason: `bulk-${i}`,
    });
  }
  // Another municipality's row: never visible to this municipality's administrator.
  const [other] = await t.database.db.insert(municipalities).values({ name: "Annanstad", code: "0001" }).returning();
  const [stranger] = await t.database.db
    .insert(users)
    .values({ municipalityId: other!.id, username: "annan.admin", displayName: "Annan Admin" })
    .returning();
  await insertRow({
    actorUserId: stranger!.id,
    actorUsername: "annan.admin",
    action: "user.view",
    subjectUserId: stranger!.id,
    at: daysAgo(3),
    reason: "skal-annan",
  });

  for (const u of ["admin", "enhetschef", "barnhandlaggare"]) browsers[u] = await login(t.app, u);
});
afterAll(() => t.close());

const page = (who: string, url: string) => get(t.app, browsers[who]!, url);

async function latestAudit(action: string, actorUsername: string) {
  const [row] = await t.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.actorUsername, actorUsername)))
    .orderBy(desc(auditLog.id))
    .limit(1);
  return row;
}

const countAudit = async (action: string) =>
  (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(eq(auditLog.action, action)))[0]!.n;

describe("who may review the log", () => {
  it("shows an administrator the whole municipality, and no other municipality", async () => {
    const res = await page("admin", "/logguppfoljning?action=user.view");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("skal-r1");
    expect(res.body).toContain("skal-r2");
    expect(res.body).toContain("skal-r3");
    expect(res.body).not.toContain("skal-annan");
    expect(res.body).not.toContain("Annan Admin");
  });

  it("shows a unit manager only rows whose user or person belongs to the manager's units", async () => {
    const res = await page("enhetschef", "/logguppfoljning?action=user.view");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("skal-r1"); // the actor is in Barn och unga Norr
    expect(res.body).toContain("skal-r2"); // the person is in Barn och unga Syd
    expect(res.body).not.toContain("skal-r3");
    expect(res.body).not.toContain("skal-annan");
    // The filter offers only the users of the manager's units.
    expect(res.body).toContain(`value="${id.barnhandlaggare}"`);
    expect(res.body).not.toContain(`value="${id.vuxenhandlaggare}"`);
  });

  it("refuses a caseworker with the 403 page and writes the refusal to the security log", async () => {
    const res = await page("barnhandlaggare", "/logguppfoljning");
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain("Du har inte behörighet");
    const rows = await t.database.db
      .select()
      .from(securityLog)
      .where(
        and(
          eq(securityLog.userId, id.barnhandlaggare!),
          eq(securityLog.event, "permission_denied"),
          eq(securityLog.route, "/logguppfoljning"),
        ),
      );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.action).toBe("audit.review");
    const csv = await page("barnhandlaggare", "/logguppfoljning/export.csv");
    expect(csv.statusCode).toBe(403);
    expect(csv.headers["content-type"]).not.toContain("text/csv");
  });
});

describe("the filter", () => {
  it("filters by user (the actor)", async () => {
    const res = await page("admin", `/logguppfoljning?user=${id.vuxenhandlaggare}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("skal-r2");
    expect(res.body).toContain("skal-r3");
    expect(res.body).not.toContain("skal-r1");
    expect(res.body).toContain(`<option value="${id.vuxenhandlaggare}" selected`);
  });

  it("filters by person (whose data it was)", async () => {
    const res = await page("admin", `/logguppfoljning?person=user:${id["handlaggare.mottagning"]}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("skal-r1");
    expect(res.body).toContain("skal-r3");
    expect(res.body).not.toContain("skal-r2");
    expect(res.body).toContain("Mats Mottagning");
  });

  it("filters by period, defaulting to the last 30 days", async () => {
    const recent = await page("admin", "/logguppfoljning");
    expect(recent.statusCode).toBe(200);
    expect(recent.body).toContain(`value="${addDays(today(), -29)}"`);
    expect(recent.body).toContain(`value="${today()}"`);
    expect(recent.body).not.toContain('value="custom.thing"');
    const notInPeriod = await page("admin", "/logguppfoljning?action=custom.thing");
    expect(notInPeriod.statusCode).toBe(400);
    const day = stockholmDate(daysAgo(40));
    const old = await page("admin", `/logguppfoljning?from=${day}&to=${day}`);
    expect(old.body).toContain("skal-r4");
    expect(old.body).not.toContain("skal-r1");
    // The same day typed as Swedes type it ("26/10 2026") is read as that day.
    const [y, m, d] = day.split("-").map(Number);
    const typed = await page("admin", `/logguppfoljning?from=${encodeURIComponent(`${d}/${m} ${y}`)}&to=${day}`);
    expect(typed.statusCode).toBe(200);
    expect(typed.body).toContain("skal-r4");
    expect(typed.body).not.toContain("skal-r1");
    expect(typed.body).toContain(`value="${day}"`);
  });

  it("filters by action and shows known actions in Swedish, unknown ones as their code", async () => {
    const res = await page("admin", `/logguppfoljning?action=user.update&from=${addDays(today(), -60)}`);
    expect(res.body).toContain("HYPERLINK");
    expect(res.body).not.toContain("skal-r1");
    expect(res.body).toContain("Ändrade användare");
    expect(res.body).toMatch(/<option value="custom\.thing"[^>]*>custom\.thing<\/option>/);
    expect(res.body).toMatch(/<option value="user\.view"[^>]*>Visade användare<\/option>/);
  });

  it("answers a wrong filter with Swedish messages linked to their fields, and reads nothing", async () => {
    const before = await countAudit("audit.view");
    const bad = await page("admin", "/logguppfoljning?from=not-a-date");
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#f-from"');
    expect(bad.body).toContain("Du skrev ”not-a-date”. Skriv från-datumet som ett datum som finns");
    expect(bad.body).toContain('value="not-a-date"');
    expect(bad.body).not.toContain("<table");

    const unknown = await page("admin", "/logguppfoljning?action=no.such.action");
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('href="#f-action"');
    expect(unknown.body).toContain("Händelsen finns inte i loggen");

    const reversed = await page("admin", "/logguppfoljning?from=2026-02-10&to=2026-02-01");
    expect(reversed.statusCode).toBe(400);
    // A Swedish date is read (and the field is a text field, not the browser's US-format date field).
    const swedish = await page("admin", `/logguppfoljning?from=${encodeURIComponent("10/2 2026")}&to=${encodeURIComponent("1 feb 2026")}`);
    expect(swedish.statusCode).toBe(400);
    expect(swedish.body).toContain("Till-datumet kan inte vara före från-datumet");
    expect(swedish.body).not.toContain('type="date"');
    expect(reversed.body).toContain('href="#f-to"');
    expect(reversed.body).toContain("Till-datumet kan inte vara före från-datumet");

    const name = await page("admin", "/logguppfoljning?user=Bo%20Barnhandl%C3%A4ggare");
    expect(name.statusCode).toBe(400);
    expect(name.body).toContain('href="#f-user"');

    const csv = await page("admin", "/logguppfoljning/export.csv?to=31-13-2026");
    expect(csv.statusCode).toBe(400);
    expect(csv.headers["content-type"]).toContain("text/html");
    expect(csv.body).toContain('href="#f-to"');

    expect(await countAudit("audit.view")).toBe(before);
  });

  it("refuses a unit manager a user outside the manager's units", async () => {
    const res = await page("enhetschef", `/logguppfoljning?user=${id.vuxenhandlaggare}`);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("Du kan bara följa upp användare som du har behörighet till");
    const person = await page("enhetschef", `/logguppfoljning?person=user:${id["handlaggare.mottagning"]}`);
    expect(person.statusCode).toBe(400);
    expect(person.body).toContain('href="#f-person"');
  });
});

describe("paging", () => {
  it("shows 50 rows a page, newest first, with links that keep the filter", async () => {
    const first = await page("admin", "/logguppfoljning?action=unit.update");
    const rows = (html: string) => (html.match(/<tr>/g) ?? []).length - 1;
    expect(rows(first.body)).toBe(50);
    expect(first.body).toContain('<nav aria-label="Sidor i resultatet"');
    expect(first.body).toContain("Sida 1 av 3");
    expect(first.body).toContain("bulk-119");
    const next = /href="(\/logguppfoljning\?[^"]*page=2)"/.exec(first.body)?.[1]?.replaceAll("&amp;", "&");
    expect(next).toBeDefined();
    expect(next).toContain("action=unit.update");
    expect(next).toContain(`from=${addDays(today(), -29)}`);
    const third = await page("admin", next!.replace("page=2", "page=3"));
    expect(rows(third.body)).toBe(20);
    expect(third.body).toContain("bulk-0<");
    expect(third.body).toContain('aria-current="page" aria-label="Sida 3"');
  });
});

describe("the page", () => {
  it("has one h1, labelled fields, a captioned table with column headers", async () => {
    const res = await page("admin", "/logguppfoljning");
    expect(res.body.match(/<h1/g)).toHaveLength(1);
    for (const field of ["person", "user", "from", "to", "action"]) {
      expect(res.body).toContain(`<label class="ds-label" for="f-${field}"`);
      expect(res.body).toContain(`id="f-${field}"`);
    }
    expect(res.body).toContain("<caption");
    expect(res.body).toContain('<th scope="col">Tid</th>');
    expect(res.body).toContain('<form method="get" action="/logguppfoljning"');
    expect(res.body).toMatch(/högst 100\s000 rader/);
  });

  it("writes an audit row for every view, with the filter, in the same go", async () => {
    const url = `/logguppfoljning?person=user:${id["handlaggare.syd"]}&action=user.view`;
    const res = await page("enhetschef", url);
    expect(res.statusCode).toBe(200);
    const shown = (res.body.match(/<tr>/g) ?? []).length - 1;
    expect(shown).toBeGreaterThan(0);
    const row = await latestAudit("audit.view", "enhetschef");
    expect(row?.recordType).toBe("audit_log");
    expect(row?.subjectUserId).toBe(id["handlaggare.syd"]);
    expect(row?.actorRoles).toEqual(["unit_manager"]);
    expect(row?.detail).toMatchObject({
      filter: { person: `user:${id["handlaggare.syd"]}`, action: "user.view", from: addDays(today(), -29), to: today() },
      shown,
      total: shown,
    });
    // The review of the log is itself in the log, for the next reviewer.
    const again = await page("admin", `/logguppfoljning?action=audit.view&user=${id.enhetschef}`);
    expect(again.body).toContain("Läste loggen");
    expect(again.body).toContain("Erik Enhetschef");
  });
});

describe("CSV export", () => {
  it("is UTF-8 with BOM, semicolon-separated, quoted, with formulas neutralised", async () => {
    const res = await page("admin", `/logguppfoljning/export.csv?action=user.update&from=${addDays(today(), -60)}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers["content-disposition"]).toBe(`attachment; filename="logg-${today()}.csv"`);
    expect(res.headers["cache-control"]).toBe("no-store");
    const body = res.rawPayload.toString("utf8");
    expect(body.charCodeAt(0)).toBe(0xfeff);
    const [header, ...lines] = body.slice(1).split("\r\n");
    expect(header).toBe(
      "Tidpunkt;Användare;Användarnamn;Roller;Via API-nyckel;Händelse;Händelsekod;Posttyp;Post-id;Person;Person-id;Adress;Skäl;Detaljer",
    );
    expect(lines.at(-1)).toBe("");
    expect(lines).toHaveLength(2);
    const line = lines[0]!;
    expect(line).toMatch(
      /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2};Bo Barnhandläggare;barnhandlaggare;Handläggare;;Ändrade användare;user\.update;Användare;;Sara Sydström;/,
    );
    expect(line).toContain(`;${id["handlaggare.syd"]};10.0.0.7;"'=HYPERLINK(""http://evil.example"";""klicka"") ; ""citat""\nny rad";`);
  });

  it("uses the same scope and writes an audit.export row with the filter", async () => {
    const res = await page("enhetschef", "/logguppfoljning/export.csv?action=user.view");
    const body = res.rawPayload.toString("utf8");
    expect(body).toContain("skal-r1");
    expect(body).toContain("skal-r2");
    expect(body).not.toContain("skal-r3");
    const lines = body.split("\r\n").length - 2; // less the header and the empty end
    expect(lines).toBeGreaterThanOrEqual(2);
    const row = await latestAudit("audit.export", "enhetschef");
    expect(row?.detail).toMatchObject({ filter: { action: "user.view", to: today() }, rows: lines, truncated: false });
  });
});

describe("the security log", () => {
  it("shows denied attempts in Swedish within the reviewer's scope, and audits the view", async () => {
    await page("barnhandlaggare", "/logguppfoljning/sakerhet");
    await t.database.db.insert(securityLog).values({
      userId: id.vuxenhandlaggare,
      username: "vuxenhandlaggare",
      event: "permission_denied",
      action: "audit.review",
      route: "/x-vera",
    });
    await t.database.db.insert(securityLog).values({ username: "handlaggare.syd", event: "login_failed", route: "/logga-in" });

    const admin = await page("admin", "/logguppfoljning/sakerhet");
    expect(admin.statusCode).toBe(200);
    expect(admin.body).toContain("Saknad behörighet");
    expect(admin.body).toContain("/x-vera");
    expect(admin.body.match(/<h1/g)).toHaveLength(1);

    const manager = await page("enhetschef", "/logguppfoljning/sakerhet");
    expect(manager.body).toContain("Bo Barnhandläggare");
    expect(manager.body).toContain("GET /logguppfoljning/sakerhet");
    expect(manager.body).toContain("handlaggare.syd (angivet vid inloggning)");
    expect(manager.body).toContain("Misslyckad inloggning");
    expect(manager.body).not.toContain("/x-vera");

    const row = await latestAudit("audit.view", "enhetschef");
    expect(row?.recordType).toBe("security_log");
    expect(row?.detail).toMatchObject({ filter: { to: today() } });

    const filtered = await page("admin", "/logguppfoljning/sakerhet?event=login_failed");
    expect(filtered.body).not.toContain("/x-vera");
    expect(filtered.body).toContain("handlaggare.syd");
  });

  it("answers a wrong period with a field-linked message", async () => {
    const res = await page("admin", "/logguppfoljning/sakerhet?from=igår&event=nope");
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#f-from"');
    expect(res.body).toContain('href="#f-event"');
  });

  it("is refused to a caseworker", async () => {
    const res = await page("barnhandlaggare", "/logguppfoljning/sakerhet");
    expect(res.statusCode).toBe(403);
  });
});
