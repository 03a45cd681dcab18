import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiCall, apiToken, type Browser, createTestApp, get, login, postForm, type TestApp, testClock } from "../../test/helpers.ts";
import { addDays } from "../platform/dates.ts";
import { openIdentityNumber } from "../platform/identity-crypto.ts";
import { DEMO_GROUP_NAME, seedDemoOutcomes } from "./demo.ts";
import { yearsAfter } from "./model.ts";
import { createDueFollowups, showFigures } from "./service.ts";

let t: TestApp;
const today = testClock().today();
const caseworkers = ["barnhandlaggare", "vuxenhandlaggare", "handlaggare.syd", "handlaggare.mottagning"];

interface Fixture {
  processId: string;
  familyName: string;
  identityNumber: string;
  assigned: string;
  unassigned: string;
}
let p1: Fixture;
let p2: Fixture;

const q = async <T = Record<string, unknown>>(query: ReturnType<typeof sql>) => (await t.database.db.execute(query)).rows as T[];

async function fixture(exclude: string[]): Promise<Fixture> {
  const rows = await q<{ process_id: string; username: string }>(sql`
    select a.process_id, u.username from process_assignments a join users u on u.id = a.user_id
    where a.ended_on is null and u.username in ${caseworkers}
      and exists (select 1 from processes p join request_persons rp on rp.request_id = p.request_id
                  where p.id = a.process_id and rp.kind = 'guardian' and rp.identity_number_sealed is not null)
    order by a.process_id, u.username`);
  const row = rows.find((r) => !exclude.includes(r.process_id)) as { process_id: string; username: string };
  const assignedHere = rows.filter((r) => r.process_id === row.process_id).map((r) => r.username);
  const [guardian] = await q<{ name: string; identity_number_sealed: string }>(sql`
    select rp.name, rp.identity_number_sealed from processes p join request_persons rp on rp.request_id = p.request_id
    where p.id = ${row.process_id} and rp.kind = 'guardian' and rp.identity_number_sealed is not null order by rp.position limit 1`);
  return {
    processId: row.process_id,
    familyName: guardian?.name ?? "",
    identityNumber: openIdentityNumber(guardian?.identity_number_sealed ?? null) ?? "",
    assigned: row.username,
    unassigned: caseworkers.find((c) => !assignedHere.includes(c)) as string,
  };
}

const followupOf = async (processId: string, horizon: number) =>
  (
    await q<{ id: string; status: string; version: number; source: string | null; school_attendance: string | null }>(
      sql`select id, status, version, source, school_attendance from outcome_followups where process_id = ${processId} and horizon = ${horizon}`,
    )
  )[0];

beforeAll(async () => {
  t = await createTestApp();
  await t.database.db.execute(sql`delete from outcome_followups`);
  await t.database.db.execute(sql`delete from comparison_groups`);
  await t.database.db.execute(sql`update processes set completed_on = null`);
  p1 = await fixture([]);
  p2 = await fixture([p1.processId]);
  await t.database.db.execute(
    sql`update processes set completed_on = ${addDays(yearsAfter(today, -1), -10)}::date where id = ${p1.processId}`,
  );
  await t.database.db.execute(
    sql`update processes set completed_on = ${addDays(yearsAfter(today, -2), -10)}::date where id = ${p2.processId}`,
  );
  expect(await createDueFollowups(t.database.db, today)).toEqual({ created: 3 });
  expect(await createDueFollowups(t.database.db, today)).toEqual({ created: 0 });
});

afterAll(async () => {
  await t?.close();
});

describe("recording a follow-up by hand", () => {
  let leader: Browser;
  beforeAll(async () => {
    leader = await login(t.app, "processledare");
  });

  it("lists the due follow-ups with the family named, and audits each family shown", async () => {
    const res = await get(t.app, leader, "/utfall");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(p1.familyName);
    expect(res.body).toContain("1 år efter avslut");
    const audited = await q(
      sql`select 1 from audit_log where action = 'outcome_followup.list' and detail->'processIds' ? ${p1.processId}::text`,
    );
    expect(audited.length).toBeGreaterThan(0);
  });

  it("refuses school attendance without the guardians' consent, field-linked, and stores nothing", async () => {
    const f = await followupOf(p1.processId, 1);
    const res = await postForm(t.app, leader, `/utfall/${f?.id}`, {
      version: String(f?.version),
      outcome: "recorded",
      emergencyPlacement: "no",
      reReferral: "yes",
      schoolConsent: "no",
      schoolAttendance: "kept",
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("Skolnärvaron får bara registreras när vårdnadshavarnas samtycke finns.");
    expect(res.body).toContain('href="#f-schoolAttendance"');
    expect(await followupOf(p1.processId, 1)).toMatchObject({ status: "open", version: 1 });
  });

  it("asks for the attendance when consent is given, and for every answer", async () => {
    const f = await followupOf(p1.processId, 1);
    const res = await postForm(t.app, leader, `/utfall/${f?.id}`, { version: "1", outcome: "recorded", schoolConsent: "yes" });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("Välj om skolnärvaron är bibehållen");
    expect(res.body).toContain('href="#f-emergencyPlacement"');
    const none = await postForm(t.app, leader, `/utfall/${f?.id}`, { version: "1", outcome: "not_possible" });
    expect(none.body).toContain("Skriv varför uppföljningen inte gick att göra.");
    expect(await followupOf(p1.processId, 1)).toMatchObject({ status: "open", version: 1 });
  });

  it("records it, audited; a stale version is a conflict", async () => {
    const f = await followupOf(p1.processId, 1);
    const fields = { outcome: "recorded", emergencyPlacement: "no", reReferral: "yes", schoolConsent: "yes", schoolAttendance: "kept" };
    const res = await postForm(t.app, leader, `/utfall/${f?.id}`, { version: "1", ...fields });
    expect(res.statusCode).toBe(303);
    expect(await followupOf(p1.processId, 1)).toMatchObject({
      status: "recorded",
      version: 2,
      source: "manual",
      school_attendance: "kept",
    });
    const audited = await q<{ detail: Record<string, unknown> }>(
      sql`select detail from audit_log where action = 'outcome_followup.record'`,
    );
    expect(audited[0]?.detail).toMatchObject({ horizon: 1, reReferral: true, schoolAttendance: "kept" });
    const stale = await postForm(t.app, leader, `/utfall/${f?.id}`, { version: "1", ...fields });
    expect(stale.statusCode).toBe(409);
  });

  it("needs to know: the assigned caseworker sees it, another caseworker gets 404, the analyst 403", async () => {
    const f = await followupOf(p1.processId, 1);
    expect((await get(t.app, await login(t.app, p1.assigned), `/utfall/${f?.id}`)).statusCode).toBe(200);
    const other = await login(t.app, p1.unassigned);
    expect((await get(t.app, other, `/utfall/${f?.id}`)).statusCode).toBe(404);
    expect(
      (await postForm(t.app, other, `/utfall/${f?.id}`, { version: "2", outcome: "not_possible", notPossibleReason: "x" })).statusCode,
    ).toBe(404);
    const list = await get(t.app, other, "/utfall");
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(p1.familyName);
    const analyst = await login(t.app, "analytiker");
    expect((await get(t.app, analyst, `/utfall/${f?.id}`)).statusCode).toBe(403);
    expect((await get(t.app, analyst, "/utfall/resultat")).statusCode).toBe(200);
  });

  it("the API refuses attendance without consent with a field error", async () => {
    const token = await apiToken(t, "processledare", ["outcomes.record"]);
    const f = await followupOf(p2.processId, 2);
    const res = await apiCall(t.app, "PUT", `/api/v1/outcomes/followups/${f?.id}`, token, {
      outcome: "recorded",
      emergencyPlacement: false,
      reReferral: false,
      schoolConsent: false,
      schoolAttendance: "kept",
      version: 1,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: "schoolAttendance" })]);
  });
});

describe("importing an extract of outcomes", () => {
  it("imports nothing when a row is bad, and lists every bad row with its reason", async () => {
    const token = await apiToken(t, "processledare", ["outcomes.import"]);
    const res = await apiCall(t.app, "POST", "/api/v1/outcomes/imports", token, {
      rows: [
        { identityNumber: p2.identityNumber, horizon: 1, emergencyPlacement: "nej", reReferral: "Ja", schoolConsent: 0 },
        { identityNumber: "191212121212", horizon: 1, emergencyPlacement: "nej", reReferral: "nej", schoolConsent: "nej" },
        {
          identityNumber: p2.identityNumber,
          horizon: 2,
          emergencyPlacement: "nej",
          reReferral: "nej",
          schoolConsent: "nej",
          schoolAttendance: "bibehållen",
        },
        { identityNumber: p1.identityNumber, horizon: 2, emergencyPlacement: "kanske", reReferral: "nej", schoolConsent: "nej" },
        { identityNumber: p2.identityNumber, horizon: 1, emergencyPlacement: "nej", reReferral: "nej", schoolConsent: "nej" },
      ],
    });
    expect(res.statusCode).toBe(400);
    const errors = res.json().errors as Array<{ field: string; message: string }>;
    expect(errors.map((e) => e.field)).toEqual([
      "rows.2.identityNumber",
      "rows.3.schoolAttendance",
      "rows.4.emergencyPlacement",
      "rows.5.identityNumber",
    ]);
    expect(errors[0]?.message).toContain("personen finns inte i någon familj i Sofia");
    expect(errors[1]?.message).toContain("utan vårdnadshavarnas samtycke");
    expect(errors[3]?.message).toContain("rad 1");
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json().title).toBe("Ingenting importerades: 4 fel i raderna.");
    // ImportRowsProblem: every bad row with its row, column (key and name) and reason; the field error names the row.
    const rows = res.json().rows as Array<{ row: number; column: string; columnName: string; reason: string }>;
    expect(rows.map((r) => [r.row, r.column, r.columnName])).toEqual([
      [2, "identityNumber", "personnummer"],
      [3, "schoolAttendance", "skolnärvaro"],
      [4, "emergencyPlacement", "akut placering"],
      [5, "identityNumber", "personnummer"],
    ]);
    for (const [i, r] of rows.entries()) expect(errors[i]?.message).toBe(`Rad ${r.row}, ${r.columnName}: ${r.reason}`);
    expect(rows[0]?.reason).toContain("personen finns inte i någon familj i Sofia");
    expect(await followupOf(p2.processId, 1)).toMatchObject({ status: "open" });
  });

  it("refuses a horizon that has no due follow-up", async () => {
    const token = await apiToken(t, "processledare", ["outcomes.import"]);
    const res = await apiCall(t.app, "POST", "/api/v1/outcomes/imports", token, {
      rows: [{ identityNumber: p1.identityNumber, horizon: 2, emergencyPlacement: "nej", reReferral: "nej", schoolConsent: "nej" }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ field: "rows.1.horizon" });
  });

  it("imports every row of a good file through upload, preview and confirm; the upload is removed; no identity number is logged", async () => {
    const leader = await login(t.app, "processledare");
    const csv = [
      "Personnummer;Horisont;Akut placering;Ny aktualisering;Samtycke;Skolnärvaro",
      `${p2.identityNumber};1;Nej;ja;Ja;bibehållen`,
      `${p2.identityNumber};2;1;0;0;`,
    ].join("\r\n");
    const boundary = "----sofia-test";
    const body = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${leader.csrf}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="uttag.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`,
    );
    const up = await t.app.inject({
      method: "POST",
      url: "/utfall/import",
      headers: { cookie: leader.cookie, "content-type": `multipart/form-data; boundary=${boundary}` },
      payload: body,
    });
    expect(up.statusCode).toBe(303);
    const previewUrl = up.headers.location as string;
    const preview = await get(t.app, leader, previewUrl);
    expect(preview.body).toContain("2 rader är klara att importeras.");
    expect(preview.body).toContain(`${p2.identityNumber.slice(0, 8)}-****`);
    expect(preview.body).not.toContain(p2.identityNumber);
    // The file waiting for its preview is stored encrypted (decision 0061).
    const waiting = await q<{ cells: string }>(sql`select cells::text as cells from followup_import_uploads`);
    expect(waiting).toHaveLength(1);
    expect(waiting[0]?.cells).toMatch(/^\{"sealed": "v1:/);
    expect(waiting[0]?.cells).not.toContain(p2.identityNumber.slice(2));
    const done = await postForm(t.app, leader, previewUrl, { action: "confirm", "map.identityNumber": "0" });
    expect(done.statusCode).toBe(303);
    expect(await followupOf(p2.processId, 1)).toMatchObject({ status: "recorded", source: "import", school_attendance: "kept" });
    expect(await followupOf(p2.processId, 2)).toMatchObject({ status: "recorded", source: "import", school_attendance: null });
    expect(await q(sql`select 1 from followup_import_uploads`)).toHaveLength(0);
    const logged = await q<{ detail: unknown }>(sql`select detail from audit_log where action = 'outcome_followup.import'`);
    expect(logged[0]?.detail).toMatchObject({ rowCount: 2, fileName: "uttag.csv" });
    expect(JSON.stringify(logged)).not.toContain(p2.identityNumber);
  });
});

describe("outcomes beside comparison groups", () => {
  it("counts Sofia's families completed in the period and each group, with small groups suppressed", async () => {
    // Six families completed in 2010, each with a recorded one-year follow-up.
    const ids = (
      await q<{ id: string }>(sql`select id from processes where id not in (${p1.processId}, ${p2.processId}) order by id limit 6`)
    ).map((r) => r.id);
    for (const [i, id] of ids.entries()) {
      await t.database.db.execute(sql`update processes set completed_on = '2010-06-01' where id = ${id}`);
      await t.database.db.execute(sql`insert into outcome_followups (process_id, horizon, due_on, status, emergency_placement, re_referral, school_consent, school_attendance, source, recorded_at)
        values (${id}, 1, '2011-06-01', 'recorded', ${i < 2}, false, ${i < 5}, ${i < 5 ? "kept" : null}, 'manual', now())`);
    }
    const manage = await apiToken(t, "analytiker", ["comparison.manage", "followup.view"]);
    const agg = await apiCall(t.app, "POST", "/api/v1/comparison-groups", manage, {
      name: "Grannkommunen",
      aggregates: [
        { measure: "emergency_placement", horizon: 1, periodFrom: "2010-01-01", periodTo: "2010-12-31", numerator: 30, denominator: 100 },
        { measure: "re_referral", horizon: null, periodFrom: "2009-07-01", periodTo: "2010-06-30", numerator: 3, denominator: 50 },
        { measure: "emergency_placement", horizon: 1, periodFrom: "2015-01-01", periodTo: "2015-12-31", numerator: 50, denominator: 50 },
      ],
    });
    expect(agg.statusCode).toBe(201);
    const rec = await apiCall(t.app, "POST", "/api/v1/comparison-groups", manage, {
      name: "Registerposter",
      records: Array.from({ length: 7 }, (_, i) => ({ referenceDate: "2010-03-01", horizon: 1, emergencyPlacement: i < 5 ? "ja" : "nej" })),
    });
    expect(rec.statusCode).toBe(201);
    const res = await apiCall(t.app, "GET", "/api/v1/outcomes/comparison?from=2010-01-01&to=2010-12-31", manage);
    expect(res.statusCode).toBe(200);
    const data = res.json();
    const row = (measure: string, horizon: number) =>
      (data.rows as Array<{ measure: string; horizon: number; figures: Array<Record<string, unknown>> }>).find(
        (r) => r.measure === measure && r.horizon === horizon,
      )?.figures;
    expect(row("emergency_placement", 1)).toEqual([
      { source: "sofia", label: "Sofia", n: null, total: 6, percent: null, suppressed: true },
      { source: agg.json().groupId, label: "Grannkommunen", n: 30, total: 100, percent: 30, suppressed: false },
      { source: rec.json().groupId, label: "Registerposter", n: null, total: 7, percent: null, suppressed: true },
    ]);
    expect(row("re_referral", 1)?.map((f) => [f.n, f.total, f.percent])).toEqual([
      [0, 6, 0],
      [null, 50, null],
      [0, 0, null],
    ]);
    expect(row("re_referral", 2)?.[1]).toMatchObject({ n: null, total: 50 });
    expect(row("school_attendance_kept", 1)?.[0]).toMatchObject({ n: 5, total: 5, percent: 100 });
    expect(row("further_support", 1)?.[0]).toMatchObject({ n: 0, total: 6, percent: 0 });
    expect(data.notRandomised).toBe(true);

    const page = await get(t.app, await login(t.app, "analytiker"), "/utfall/resultat?fran=2010-01-01&till=2010-12-31");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Jämförelsegruppen är inte slumpad.");
    expect(page.body).toContain("<svg");
    expect(await q(sql`select 1 from audit_log where action = 'outcome_comparison.view'`)).not.toHaveLength(0);

    // Swedish dates: the page and the API read "1/1 2010" and "31 dec 2010" as the same period; an unreadable one is refused.
    const swedish = await get(
      t.app,
      await login(t.app, "analytiker"),
      `/utfall/resultat?fran=${encodeURIComponent("1/1 2010")}&till=${encodeURIComponent("31 dec 2010")}`,
    );
    expect(swedish.statusCode).toBe(200);
    expect(swedish.body.replace(/[\u00a0\u202f]/g, " ")).toContain("Sofia läser det som fredag 1 januari 2010.");
    const swedishApi = await apiCall(
      t.app,
      "GET",
      `/api/v1/outcomes/comparison?from=${encodeURIComponent("1/1 2010")}&to=${encodeURIComponent("20/12 2010")}`,
      manage,
    );
    expect(swedishApi.statusCode, swedishApi.body).toBe(200);
    expect(swedishApi.json()).toMatchObject({ from: "2010-01-01", to: "2010-12-20" });
    const unread = await apiCall(t.app, "GET", `/api/v1/outcomes/comparison?from=${encodeURIComponent("20/12")}&to=2010-12-31`, manage);
    expect(unread.statusCode).toBe(400);
    expect(unread.headers["content-type"]).toContain("application/problem+json");
    expect(JSON.stringify(unread.json())).toContain("Skriv ett datum som finns");
    const unreadPage = await get(
      t.app,
      await login(t.app, "analytiker"),
      `/utfall/resultat?fran=${encodeURIComponent("20/12")}&till=2010-12-31`,
    );
    expect(unreadPage.statusCode).toBe(400);
    expect(unreadPage.body).toContain('href="#f-fran"');
    expect(unreadPage.body).toContain("Du skrev ”20/12”.");
  });

  it("refuses a comparison file with a bad row as a whole and lists every bad row", async () => {
    const manage = await apiToken(t, "processledare", ["comparison.manage"]);
    const res = await apiCall(t.app, "POST", "/api/v1/comparison-groups", manage, {
      name: "Trasig",
      aggregates: [
        { measure: "emergency_placement", horizon: 1, periodFrom: "2010-01-01", periodTo: "2010-12-31", numerator: 3, denominator: 10 },
        { measure: "re_referral", horizon: 3, periodFrom: "2010-01-01", periodTo: "2009-12-31", numerator: 30, denominator: 10 },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(["rows.2.horizon", "rows.2.periodTo", "rows.2.numerator"]);
    expect(res.json().rows.map((r: { row: number; column: string; columnName: string }) => [r.row, r.column, r.columnName])).toEqual([
      [2, "horizon", "uppföljning (år)"],
      [2, "periodTo", "period till"],
      [2, "numerator", "antal med utfallet"],
    ]);
    expect(await q(sql`select 1 from comparison_groups where name = 'Trasig'`)).toHaveLength(0);
  });
});

describe("the shares side by side", () => {
  it("are rounded half up with the municipality's decimals: 17 of 40 is 43 % in whole percent, 42,5 % with one decimal", () => {
    const sources = [
      { source: "sofia", label: "Sofia", tally: { n: 17, total: 40 } },
      { source: "g", label: "Grannkommunen", tally: { n: 20, total: 30 } },
    ];
    expect(showFigures(sources, 5).map((f) => f.percent)).toEqual([43, 67]);
    expect(showFigures(sources, 5, { shareDecimals: 0, meanDecimals: 2 }).map((f) => f.percent)).toEqual([43, 67]);
    expect(showFigures(sources, 5, { shareDecimals: 1, meanDecimals: 2 }).map((f) => f.percent)).toEqual([42.5, 66.7]);
  });
});

describe("demo data", () => {
  it("records most due follow-ups of the demo families and adds one example aggregate group", async () => {
    const [m] = await q<{ id: string }>(sql`select id from municipalities limit 1`);
    await t.database.db.execute(
      sql`update processes set completed_on = ${addDays(yearsAfter(today, -1), -40)}::date where completed_on is null and phase = 'completed'`,
    );
    await seedDemoOutcomes(t.database.db, m?.id as string, today);
    const [group] = await q<{ id: string; kind: string }>(sql`select id, kind from comparison_groups where name = ${DEMO_GROUP_NAME}`);
    expect(group?.kind).toBe("aggregate");
    expect(await q(sql`select 1 from comparison_aggregates where group_id = ${group?.id}`)).toHaveLength(8);
    const open = await q(sql`select 1 from outcome_followups where status = 'open'`);
    const recorded = await q(sql`select 1 from outcome_followups where status <> 'open'`);
    expect(recorded.length).toBeGreaterThan(open.length);
  });
});

describe("emergency placement from the placement records (issue 18)", () => {
  /**
   * Six families completed on 2012-03-01, each with a recorded 1- and 2-year follow-up. Families A, B
   * and C have a child among the placed children, so the records answer for them: A's emergency
   * placement (jourhem) started 2012-09-01 (within 1 year), B's 2013-08-01 (within 2 years; its foster
   * home of 2012-05-01 is not an emergency placement), C's ended before completion (none after,
   * whatever the follow-up says). D, E and F have no placed child: their follow-ups count (F yes).
   * 1 year: A yes, F yes: 2 of 6 (3 from the records, 3 from the follow-ups); 2 years: A, B, F: 3 of 6.
   */
  it("reads the records where they exist for a Sofia child, the follow-ups for the rest, and says how many from each", async () => {
    const families = await q<{ id: string; child: string }>(sql`
      select p.id, (select c.id from request_persons c where c.request_id = p.request_id and c.kind = 'child' order by c.position limit 1) as child
      from processes p
      where p.completed_on is null and not exists (select 1 from outcome_followups f where f.process_id = p.id)
        and exists (select 1 from request_persons c where c.request_id = p.request_id and c.kind = 'child')
        -- families the demo has not placed a child of (placements/demo.ts): this test places its own
        and not exists (select 1 from placed_children pc join request_persons c on c.id = pc.request_person_id where c.request_id = p.request_id)
      order by p.id limit 6`);
    expect(families).toHaveLength(6);
    const [m] = await q<{ id: string }>(sql`select id from municipalities limit 1`);
    const [unit] = await q<{ id: string }>(sql`select id from units where municipality_id = ${m?.id} and kind = 'child_youth' limit 1`);
    const [admin] = await q<{ id: string }>(sql`select id from users where username = 'admin'`);
    const journalSays = [false, false, true, false, false, true];
    for (const [i, f] of families.entries()) {
      await t.database.db.execute(sql`update processes set completed_on = '2012-03-01' where id = ${f.id}`);
      for (const horizon of [1, 2])
        await t.database.db.execute(sql`insert into outcome_followups (process_id, horizon, due_on, status, emergency_placement, re_referral, school_consent, source, recorded_at)
          values (${f.id}, ${horizon}, ${horizon === 1 ? "2013-03-01" : "2014-03-01"}, 'recorded', ${journalSays[i] ?? false}, false, false, 'import', now())`);
    }
    const place = async (i: number, placements: Array<[kind: string, start: string, end: string | null]>) => {
      const [child] = await q<{ id: string }>(sql`insert into placed_children (municipality_id, unit_id, request_person_id, created_by)
        values (${m?.id}, ${unit?.id}, ${families[i]?.child}, ${admin?.id}) returning id`);
      for (const [kind, start, end] of placements)
        await t.database.db.execute(sql`insert into placements (placed_child_id, kind, legal_basis, start_date, end_date, end_destination, created_by)
          values (${child?.id}, ${kind}, 'sol', ${start}::date, ${end}::date, ${end === null ? null : "home"}, ${admin?.id})`);
    };
    await place(0, [["emergency_foster_home", "2012-09-01", "2012-10-01"]]);
    await place(1, [
      ["foster_home", "2012-05-01", "2012-07-01"],
      ["emergency_foster_home", "2013-08-01", null],
    ]);
    await place(2, [["emergency_foster_home", "2011-12-01", "2012-01-15"]]);

    const view = await apiToken(t, "analytiker", ["followup.view"]);
    const comparison = async () => (await apiCall(t.app, "GET", "/api/v1/outcomes/comparison?from=2012-01-01&to=2012-12-31", view)).json();
    // With the demo's minimum group size of five, three and three are too few to tell apart: both hidden.
    const hidden = await comparison();
    expect(hidden.emergencySources).toEqual([
      { horizon: 1, placements: null, followups: null },
      { horizon: 2, placements: null, followups: null },
    ]);
    await t.database.db.execute(sql`update municipalities set min_group_size = 2`);
    try {
      const data = await comparison();
      const sofia = (horizon: number) =>
        (data.rows as Array<{ measure: string; horizon: number; figures: Array<Record<string, unknown>> }>).find(
          (r) => r.measure === "emergency_placement" && r.horizon === horizon,
        )?.figures[0];
      expect(sofia(1)).toMatchObject({ n: 2, total: 6 });
      expect(sofia(2)).toMatchObject({ n: 3, total: 6 });
      expect(data.emergencySources).toEqual([
        { horizon: 1, placements: 3, followups: 3 },
        { horizon: 2, placements: 3, followups: 3 },
      ]);
      const page = await get(t.app, await login(t.app, "analytiker"), "/utfall/resultat?fran=2012-01-01&till=2012-12-31");
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain("Akut placering av barn, Sofias familjer: 3 uppföljningar lästa ur placeringarna i Sofia");
      expect(page.body).toContain("3 ur uppföljningarna (importerade från verksamhetssystemet eller registrerade)");
    } finally {
      await t.database.db.execute(sql`update municipalities set min_group_size = 5`);
    }
  });
});
