/**
 * Paper answers in their meeting's period, on a real PostgreSQL through the HTTP app: a form typed in
 * a year after its meeting counts in the meeting's period (hand-counted), the migration's backfill
 * dates stored answers by their meeting, a person not at the meeting is refused, and the import of a
 * file (CSV and XLSX): one bad row imports nothing and every bad row is listed with row, column and
 * reason; a good file shows in its meetings' periods and is stored once however often it is sent.
 */
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decidedFamily } from "../../../test/fixtures.ts";
import { apiCall, apiToken, asOwner, createTestApp, get, login, postForm, rerunMigration, type TestApp } from "../../../test/helpers.ts";
import { auditLog, meetings, surveyInstruments, surveyResponses } from "../../db/schema/index.ts";
import { addDays, calendarDateInSweden } from "../../platform/dates.ts";
import { newWorkbook } from "../../platform/excel.ts";
import { groupCounts } from "../results/index.ts";

let t: TestApp;
const db = () => t.database.db;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

interface Family {
  processId: string;
  caseFile: string;
  guardian: string;
  child8: string;
  child10: string;
  staff: { child: string; adult: string; leader: string };
}

let families = 0;

/** A family decided at the Sofiamöte `daysAgo` days before today: a guardian with the problem, two children, its own case-file number. */
async function family(daysAgo: number): Promise<Family> {
  families += 1;
  const caseFile = `IFO-2025-${700 + families}`;
  const f = await decidedFamily(t, {
    requestDaysAgo: daysAgo + 5,
    decidedDaysAgo: daysAgo,
    caseFileNumber: caseFile,
    children: [
      { name: "Lilla Tolvansson", age: 8, gender: "girl", unit: "Barn och unga Norr" },
      { name: "Stora Tolvansson", age: 10, gender: "boy" },
    ],
  });
  return {
    processId: f.processId,
    caseFile,
    guardian: f.person("Tolvan Tolvansson"),
    child8: f.person("Lilla Tolvansson"),
    child10: f.person("Stora Tolvansson"),
    staff: f.staff,
  };
}

const meetingUrl = (f: Family, id: string) => `/processer/${f.processId}/moten/${id}`;
const apiPaper = (f: Family, id: string) => `/api/v1/processes/${f.processId}/meetings/${id}/paper-responses`;

/** Familjemöte 1 (unless told) planned on `on`; held that day with the guardian and the children in `attended` unless `hold` is false. */
async function familyMeeting(f: Family, on: string, attended: string[], hold = true, typ = "familjemote-1"): Promise<string> {
  const worker = await login(t.app, "barnhandlaggare");
  const planned = await postForm(t.app, worker, `/processer/${f.processId}/moten/ny?typ=${typ}`, {
    plannedDate: on,
    plannedTime: "09:30",
    durationMinutes: "90",
    place: "Sofiarummet",
    invitedPersonIds: [f.guardian, f.child8, f.child10],
    invitedUserIds: [f.staff.child, f.staff.adult],
  });
  expect(planned.statusCode, planned.body.slice(0, 2000)).toBe(303);
  const id = /\/moten\/([0-9a-f-]{36})/.exec(String(planned.headers.location))?.[1] ?? "";
  if (!hold) return id;
  const [row] = await db().select().from(meetings).where(eq(meetings.id, id));
  const held = await postForm(t.app, worker, `${meetingUrl(f, id)}/halla`, {
    version: String(row?.version),
    heldOn: on,
    attendedPersonIds: attended,
    attendedUserIds: [f.staff.child, f.staff.adult],
    "summary.discussed": "Metoden presenterades.",
    "summary.agreed": "",
    "summary.nextSteps": "",
  });
  expect(held.statusCode, held.body.slice(0, 2000)).toBe(303);
  return id;
}

const ITEMS = ["information", "lyssnad-pa", "prata-om-alkohol-droger", "helhet"];
const answers = (values: number[]) => values.map((v, i) => ({ itemKey: ITEMS[i] ?? "", value: v, dontKnow: false }));

async function instrumentId(key: string): Promise<string> {
  const [row] = await db().select({ id: surveyInstruments.id }).from(surveyInstruments).where(eq(surveyInstruments.key, key));
  if (!row) throw new Error(`no instrument ${key}`);
  return row.id;
}

/** The number of complete answers to the instrument per role (and age band) in a period, as the survey results count them. */
async function countsIn(instrumentKey: string, from: string, to: string): Promise<Map<string, number>> {
  const [m] = (await db().execute(sql`select id from municipalities order by created_at limit 1`)).rows as Array<{ id: string }>;
  const rows = await groupCounts(db(), { municipalityId: m?.id ?? "", instrumentId: await instrumentId(instrumentKey), from, to });
  return new Map(rows.map((r) => [`${r.role} ${r.ageBand ?? ""}`.trim(), r.n]));
}

type Period = [instrument: string, from: string, to: string];

/** The counts of each period now, and a function that gives what was added since, per role and age band (the database has the demo's answers too). */
async function countsSince(periods: Period[]) {
  const before = await Promise.all(periods.map((p) => countsIn(...p)));
  return async () => {
    const after = await Promise.all(periods.map((p) => countsIn(...p)));
    return after.map((a, i) =>
      Object.fromEntries([...a].flatMap(([k, n]) => (n - (before[i]?.get(k) ?? 0) > 0 ? [[k, n - (before[i]?.get(k) ?? 0)]] : []))),
    );
  };
}

const multipart = (fields: Record<string, string>, file?: { name: string; type: string; data: Buffer }) => {
  const boundary = "----sofia-import-test";
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
    );
    parts.push(file.data, Buffer.from("\r\n"));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
};

const csvFile = (lines: string[]) => ({ name: "enkater.csv", type: "text/csv", data: Buffer.from(`\ufeff${lines.join("\r\n")}\r\n`) });

async function apiImport(token: string, fields: Record<string, string>, file?: { name: string; type: string; data: Buffer }) {
  const body = multipart(fields, file);
  return t.app.inject({
    method: "POST",
    url: "/api/v1/survey-responses/paper-imports",
    headers: { authorization: `Bearer ${token}`, "content-type": body.contentType },
    payload: body.payload,
  });
}

const TODAY = () => t.clock.today();

/** A one-sheet workbook of the rows, as a spreadsheet program saves it. */
async function writeXlsx(rows: Array<Array<string | number | null>>): Promise<Buffer> {
  const workbook = await newWorkbook();
  const sheet = workbook.addWorksheet("Enkäter");
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe("a paper answer typed in a year after its meeting", () => {
  it("belongs to the meeting's day: counted in the meeting's period, not in the period it was typed in, its entry kept for the audit", async () => {
    const heldOn = addDays(TODAY(), -400);
    const f = await family(410);
    const id = await familyMeeting(f, heldOn, [f.guardian, f.child8, f.child10]);
    const meetingMonth = `${heldOn.slice(0, 8)}01`;
    const added = await countsSince([
      ["sofia-4q-parent", meetingMonth, addDays(heldOn, 20)],
      ["sofia-4q-child", meetingMonth, addDays(heldOn, 20)],
      ["sofia-4q-parent", addDays(TODAY(), -30), TODAY()],
      ["sofia-4q-child", addDays(TODAY(), -30), TODAY()],
    ]);
    const token = await apiToken(t, "barnhandlaggare", ["processes.view", "processes.work"]);
    const parent = await apiCall(t.app, "POST", apiPaper(f, id), token, {
      instrumentKey: "sofia-4q-parent",
      respondentRole: "parent_with_problem",
      submissionKey: randomUUID(),
      answers: answers([4, 4, 3, 4]),
    });
    expect(parent.statusCode, parent.body).toBe(201);
    for (const band of ["6–9", "10–12"]) {
      const child = await apiCall(t.app, "POST", apiPaper(f, id), token, {
        instrumentKey: "sofia-4q-child",
        respondentRole: "child",
        ageBand: band,
        submissionKey: randomUUID(),
        answers: answers([3, 2, 3, 3]),
      });
      expect(child.statusCode, child.body).toBe(201);
    }
    const stored = await db().select().from(surveyResponses).where(eq(surveyResponses.meetingId, id));
    expect(stored.map((r) => r.periodOn)).toEqual([heldOn, heldOn, heldOn]);
    // Entered today (the audit), a year and more after the meeting.
    for (const r of stored) expect(calendarDateInSweden(r.submittedAt)).toBe(TODAY());

    // Hand-counted: one parent's answer and two children's in the meeting's month; none in the month it was typed in.
    expect(await added()).toEqual([{ parent_with_problem: 1 }, { "child 10–12": 1, "child 6–9": 1 }, {}, {}]);
  });
});

describe("the migration's backfill", () => {
  it("dates stored answers by their meeting's held day, a meeting never held by its planned day, an answer without a meeting by its day in Sweden", async () => {
    const heldOn = addDays(TODAY(), -200);
    const plannedOn = addDays(TODAY(), -190);
    const f = await family(210);
    const held = await familyMeeting(f, heldOn, [f.guardian, f.child8, f.child10]);
    const planned = await familyMeeting(f, plannedOn, [], false, "familjemote-2");
    const [version] = (
      await db().execute(sql`select v.id, i.municipality_id from survey_instrument_versions v
        join survey_instruments i on i.id = v.instrument_id where i.key = 'sofia-4q-parent' and v.status = 'published'`)
    ).rows as Array<{ id: string; municipality_id: string }>;
    if (!version) throw new Error("no published parent instrument");
    const insert = (meetingId: string | null, submittedAt: Date) =>
      db()
        .insert(surveyResponses)
        .values({
          municipalityId: version.municipality_id,
          instrumentVersionId: version.id,
          meetingId,
          processId: f.processId,
          respondentRole: "parent_with_problem",
          mode: "link",
          submissionKey: randomUUID(),
          complete: true,
          submittedAt,
          periodOn: "2000-01-01",
        })
        .returning({ id: surveyResponses.id });
    const late = new Date(`${TODAY()}T10:00:00Z`);
    const [a] = await insert(held, late);
    const [b] = await insert(planned, late);
    // 23:30 UTC on New Year's Eve is already New Year's Day in Sweden.
    const [c] = await insert(null, new Date("2025-12-31T23:30:00Z"));
    // As the table was before the migration: no period on these rows.
    await asOwner(t.database, (owner) => owner.execute(sql`alter table survey_responses alter column period_on drop not null`));
    await db().execute(sql`update survey_responses set period_on = null where id in (${a?.id}, ${b?.id}, ${c?.id})`);
    await rerunMigration(t.database, "0025_survey_answer_period.sql");
    const rows = await db()
      .select({ id: surveyResponses.id, periodOn: surveyResponses.periodOn })
      .from(surveyResponses)
      .where(sql`${surveyResponses.id} in (${a?.id}, ${b?.id}, ${c?.id})`);
    const on = new Map(rows.map((r) => [r.id, r.periodOn]));
    expect(on.get(a?.id ?? "")).toBe(heldOn);
    expect(on.get(b?.id ?? "")).toBe(plannedOn);
    expect(on.get(c?.id ?? "")).toBe("2026-01-01");
    const [nullable] = (
      await db().execute(
        sql`select is_nullable from information_schema.columns where table_name = 'survey_responses' and column_name = 'period_on'`,
      )
    ).rows as Array<{ is_nullable: string }>;
    expect(nullable?.is_nullable).toBe("NO");
  });
});

describe("an answer given before its meeting was marked held", () => {
  it("is dated by the day the meeting is marked held", async () => {
    const plannedOn = addDays(TODAY(), -60);
    const heldOn = addDays(TODAY(), -59);
    const f = await family(70);
    const id = await familyMeeting(f, plannedOn, [], false);
    const [version] = (
      await db().execute(sql`select v.id, i.municipality_id from survey_instrument_versions v
        join survey_instruments i on i.id = v.instrument_id where i.key = 'sofia-4q-parent' and v.status = 'published'`)
    ).rows as Array<{ id: string; municipality_id: string }>;
    // As the kiosk stores it on the planned day, before the meeting is recorded as held.
    await db()
      .insert(surveyResponses)
      .values({
        municipalityId: version?.municipality_id ?? "",
        instrumentVersionId: version?.id ?? "",
        meetingId: id,
        processId: f.processId,
        respondentRole: "parent_with_problem",
        mode: "kiosk",
        submissionKey: randomUUID(),
        complete: true,
        periodOn: plannedOn,
      });
    const worker = await login(t.app, "barnhandlaggare");
    const [row] = await db().select().from(meetings).where(eq(meetings.id, id));
    const held = await postForm(t.app, worker, `${meetingUrl(f, id)}/halla`, {
      version: String(row?.version),
      heldOn,
      attendedPersonIds: [f.guardian],
      attendedUserIds: [f.staff.child, f.staff.adult],
      "summary.discussed": "Metoden presenterades.",
      "summary.agreed": "",
      "summary.nextSteps": "",
    });
    expect(held.statusCode, held.body.slice(0, 2000)).toBe(303);
    const stored = await db().select().from(surveyResponses).where(eq(surveyResponses.meetingId, id));
    expect(stored.map((r) => r.periodOn)).toEqual([heldOn]);
  });
});

describe("only someone who was at the meeting answers after it", () => {
  it("refuses a role, a child or an age band of nobody present, field by field, on the API and the page; a meeting not held is refused", async () => {
    const heldOn = addDays(TODAY(), -100);
    const f = await family(110);
    // Only the guardian (with the problem) and the 8-year-old were there.
    const id = await familyMeeting(f, heldOn, [f.guardian, f.child8]);
    const token = await apiToken(t, "barnhandlaggare", ["processes.view", "processes.work"]);
    const without = await apiCall(t.app, "POST", apiPaper(f, id), token, {
      instrumentKey: "sofia-4q-parent",
      respondentRole: "parent_without_problem",
      submissionKey: randomUUID(),
      answers: answers([4, 4, 4, 4]),
    });
    expect(without.statusCode).toBe(400);
    expect(without.headers["content-type"]).toContain("application/problem+json");
    expect(without.json().errors).toEqual([
      {
        field: "respondentRole",
        message: "Ingen med den rollen var närvarande vid mötet. Enkätsvar kan bara föras in för den som var där.",
      },
    ]);
    const band = await apiCall(t.app, "POST", apiPaper(f, id), token, {
      instrumentKey: "sofia-4q-child",
      respondentRole: "child",
      ageBand: "10–12",
      submissionKey: randomUUID(),
      answers: answers([4, 4, 4, 4]),
    });
    expect(band.statusCode).toBe(400);
    expect(band.json().errors).toEqual([{ field: "ageBand", message: "Inget barn i den åldersgruppen var närvarande vid mötet." }]);

    const worker = await login(t.app, "barnhandlaggare");
    const url = `${meetingUrl(f, id)}/enkat/papper?enkat=sofia-4q-child`;
    const form = await get(t.app, worker, url);
    const key = /name="submissionKey" value="([0-9a-f-]{36})"/.exec(form.body)?.[1] ?? "";
    const page = await postForm(t.app, worker, url, {
      instrumentKey: "sofia-4q-child",
      submissionKey: key,
      respondentRole: "child",
      childId: f.child10,
      "answers.information": "3",
    });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('href="#f-childId"');
    expect(page.body).toContain("Barnet var inte närvarande vid mötet.");
    expect(await db().select().from(surveyResponses).where(eq(surveyResponses.meetingId, id))).toHaveLength(0);

    const notHeld = await familyMeeting(f, addDays(TODAY(), -90), [], false, "familjemote-2");
    const refused = await apiCall(t.app, "POST", apiPaper(f, notHeld), token, {
      instrumentKey: "sofia-4q-parent",
      respondentRole: "parent_with_problem",
      submissionKey: randomUUID(),
      answers: answers([4, 4, 4, 4]),
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().title).toContain("inte registrerat som hållet");
  });
});

describe("the import of paper answers from a file", () => {
  const header = "aktnummer;mötesdatum;roll;åldersgrupp;information;lyssnad-pa;prata-om-alkohol-droger;helhet";

  it("imports nothing when a row is bad, and lists every bad row with row, column and reason (API and page)", async () => {
    const heldOn = addDays(TODAY(), -300);
    const f = await family(310);
    const id = await familyMeeting(f, heldOn, [f.guardian, f.child8]);
    const notHeld = addDays(TODAY(), -290);
    await familyMeeting(f, notHeld, [], false, "familjemote-2");
    const file = csvFile([
      header,
      `${f.caseFile};${heldOn};Förälder med missbruksproblem;;4;4;3;4`,
      `IFO-1999-1;${heldOn};Förälder med missbruksproblem;;4;4;3;4`,
      `${f.caseFile};${notHeld};Förälder med missbruksproblem;;4;4;3;4`,
      `${f.caseFile};${heldOn};Förälder utan missbruksproblem;;4;9;3;4`,
      `${f.caseFile};inte ett datum;Förälder med missbruksproblem;;4;4;3;4`,
    ]);
    const token = await apiToken(t, "barnhandlaggare", ["processes.view", "processes.work"]);
    const res = await apiImport(token, { instrumentKey: "sofia-4q-parent" }, file);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json().errors).toEqual([
      { field: "rows.3.aktnummer", message: "Ingen familj som du arbetar med har det aktnumret." },
      {
        field: "rows.4.mötesdatum",
        message: "Mötet den dagen är inte registrerat som hållet. Enkätsvar kan bara föras in för ett möte som har hållits.",
      },
      { field: "rows.5.roll", message: "Ingen med den rollen var närvarande vid mötet. Enkätsvar kan bara föras in för den som var där." },
      { field: "rows.5.lyssnad-pa", message: "Svaret finns inte på skalan." },
      { field: "rows.6.mötesdatum", message: "Mötesdatum är inte ett datum. Skriv till exempel 2025-03-14." },
    ]);
    // ImportRowsProblem: the title counts the bad rows, and rows lists each with its column and reason.
    expect(res.json().title).toBe("4 rader har fel; ingenting importerades");
    expect(res.json().rows).toEqual([
      { row: 3, column: "aktnummer", columnName: "aktnummer", reason: "Ingen familj som du arbetar med har det aktnumret." },
      {
        row: 4,
        column: "mötesdatum",
        columnName: "mötesdatum",
        reason: "Mötet den dagen är inte registrerat som hållet. Enkätsvar kan bara föras in för ett möte som har hållits.",
      },
      {
        row: 5,
        column: "roll",
        columnName: "roll",
        reason: "Ingen med den rollen var närvarande vid mötet. Enkätsvar kan bara föras in för den som var där.",
      },
      { row: 5, column: "lyssnad-pa", columnName: "lyssnad-pa", reason: "Svaret finns inte på skalan." },
      { row: 6, column: "mötesdatum", columnName: "mötesdatum", reason: "Mötesdatum är inte ett datum. Skriv till exempel 2025-03-14." },
    ]);
    expect(await db().select().from(surveyResponses).where(eq(surveyResponses.meetingId, id))).toHaveLength(0);
    // The dry run answers the same list without refusing.
    const dry = await apiImport(token, { instrumentKey: "sofia-4q-parent", dryRun: "true" }, file);
    expect(dry.statusCode).toBe(200);
    expect(dry.json().errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [3, "aktnummer"],
      [4, "mötesdatum"],
      [5, "roll"],
      [5, "lyssnad-pa"],
      [6, "mötesdatum"],
    ]);
    expect(dry.json().rows.map((r: { row: number }) => r.row)).toEqual([2]);

    // The page: the upload shows the same rows with their reasons, and no confirmation.
    const worker = await login(t.app, "barnhandlaggare");
    const upload = await get(t.app, worker, "/enkater/papper/import");
    expect(upload.statusCode).toBe(200);
    const body = multipart({ _csrf: worker.csrf, instrumentKey: "sofia-4q-parent" }, file);
    const page = await t.app.inject({
      method: "POST",
      url: "/enkater/papper/import",
      headers: { cookie: worker.cookie, "content-type": body.contentType },
      payload: body.payload,
    });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain("Ingenting kan importeras");
    expect(page.body).toContain("Ingen familj som du arbetar med har det aktnumret.");
    expect(page.body).toContain("<td>6</td><td>mötesdatum</td>");
    expect(page.body).not.toContain("/enkater/papper/import/bekrafta");
    expect(await db().select().from(surveyResponses).where(eq(surveyResponses.meetingId, id))).toHaveLength(0);
  });

  it("imports a good file (XLSX on the API, CSV on the page) as paper answers in their meeting's period, once however often it is sent", async () => {
    const heldOn = addDays(TODAY(), -500);
    const f = await family(510);
    const id = await familyMeeting(f, heldOn, [f.guardian, f.child8, f.child10]);
    const meetingMonth = `${heldOn.slice(0, 8)}01`;
    const added = await countsSince([
      ["sofia-4q-parent", meetingMonth, addDays(heldOn, 20)],
      ["sofia-4q-child", meetingMonth, addDays(heldOn, 20)],
      ["sofia-4q-parent", addDays(TODAY(), -30), TODAY()],
      ["sofia-4q-child", addDays(TODAY(), -30), TODAY()],
    ]);
    const token = await apiToken(t, "barnhandlaggare", ["processes.view", "processes.work"]);
    const xlsx = await writeXlsx([
      ["aktnummer", "mötesdatum", "roll", "åldersgrupp", "information", "lyssnad-pa", "prata-om-alkohol-droger", "helhet"],
      [f.caseFile.toLowerCase(), heldOn, "Barn", "6-9", 4, 4, "vet inte", 3],
      [f.caseFile, heldOn, "child", "10–12", 2, 3, 3, null],
    ]);
    const file = { name: "enkater.xlsx", type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", data: xlsx };
    const dry = await apiImport(token, { instrumentKey: "sofia-4q-child", dryRun: "true" }, file);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, imported: 0, errors: [] });
    expect(dry.json().rows).toEqual([
      { row: 2, meetingId: id, heldOn, respondentRole: "child", ageBand: "6–9", answered: 4, already: false },
      { row: 3, meetingId: id, heldOn, respondentRole: "child", ageBand: "10–12", answered: 3, already: false },
    ]);
    expect(await db().select().from(surveyResponses).where(eq(surveyResponses.meetingId, id))).toHaveLength(0);

    const done = await apiImport(token, { instrumentKey: "sofia-4q-child" }, file);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ dryRun: false, imported: 2 });
    const again = await apiImport(token, { instrumentKey: "sofia-4q-child" }, file);
    expect(again.json()).toMatchObject({ imported: 0 });
    expect(again.json().rows.map((r: { already: boolean }) => r.already)).toEqual([true, true]);

    // The parent's form through the page: upload, preview, confirm.
    const worker = await login(t.app, "barnhandlaggare");
    const csv = csvFile([header, `${f.caseFile};${heldOn};Förälder med missbruksproblem;;4;3;2;1`]);
    const body = multipart({ _csrf: worker.csrf, instrumentKey: "sofia-4q-parent" }, csv);
    const preview = await t.app.inject({
      method: "POST",
      url: "/enkater/papper/import",
      headers: { cookie: worker.cookie, "content-type": body.contentType },
      payload: body.payload,
    });
    expect(preview.statusCode, preview.body.slice(0, 3000)).toBe(200);
    expect(preview.body).toContain("1 enkätsvar kan importeras");
    const table = /name="table" value="([^"]*)"/.exec(preview.body)?.[1] ?? "";
    const decoded = table.replaceAll("&quot;", '"').replaceAll("&amp;", "&");
    const confirmed = await postForm(t.app, worker, "/enkater/papper/import/bekrafta", {
      instrumentKey: "sofia-4q-parent",
      table: decoded,
    });
    expect(confirmed.statusCode, confirmed.body.slice(0, 2000)).toBe(303);
    expect(confirmed.headers.location).toBe("/enkater/papper/import?klart=importerad");

    const stored = await db().select().from(surveyResponses).where(eq(surveyResponses.meetingId, id));
    expect(stored).toHaveLength(3);
    for (const r of stored) expect(r).toMatchObject({ mode: "paper", recordedBy: f.staff.child, periodOn: heldOn, complete: true });
    expect(await added()).toEqual([{ parent_with_problem: 1 }, { "child 10–12": 1, "child 6–9": 1 }, {}, {}]);
    const logged = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "survey_response.paper"), eq(auditLog.recordId, id)));
    expect(logged).toHaveLength(3);
    expect(logged.map((l) => (l.detail as { imported?: boolean }).imported)).toEqual([true, true, true]);
  });

  it("refuses a file too large or with too many rows before reading it", async () => {
    const token = await apiToken(t, "barnhandlaggare", ["processes.view", "processes.work"]);
    const many = csvFile([header, ...Array.from({ length: 1001 }, () => "IFO-2025-1;2025-01-01;Barn;6–9;1;1;1;1")]);
    const res = await apiImport(token, { instrumentKey: "sofia-4q-parent" }, many);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: "file", message: "Filen har för många rader: högst 1 000 enkätsvar per fil." }]);
    const big = { name: "stor.csv", type: "text/csv", data: Buffer.alloc(2 * 1024 * 1024 + 10, 0x41) };
    const tooBig = await apiImport(token, { instrumentKey: "sofia-4q-parent" }, big);
    expect(tooBig.statusCode).toBe(400);
    expect(tooBig.json().errors).toEqual([{ field: "file", message: "Filen är för stor: högst 2 MB." }]);
  });
});
