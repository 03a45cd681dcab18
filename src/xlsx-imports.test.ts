/**
 * Every XLSX import refuses a zip bomb before exceljs reads it (issue 17 hole 3, decisions 0050 and
 * 0057): the economy's cost import, the outcomes' import, a comparison group's import, the paper
 * answers' import and a campaign's import, each sent a tiny zip that unpacks to 40 MB, a worksheet
 * of 6 000 rows and one of 50 rows with 250 000 cells. Each is answered 400 with the file field's
 * Swedish message on the page (linked from the error summary), and nothing is written: no upload,
 * no cost, no answer, no audit row.
 */
import { isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Browser, createTestApp, login, type TestApp } from "../test/helpers.ts";
import { cellsBomb, rowsBomb, unpackedBomb } from "../test/xlsx-bombs.ts";
import { economyProjects, surveyCampaigns } from "./db/schema/index.ts";

let t: TestApp;
let leader: Browser;
let caseworker: Browser;
let projectId: string;
let campaignId: string;
const bombs: Record<"unpacked" | "rows" | "cells", Buffer> = {} as never;

beforeAll(async () => {
  t = await createTestApp();
  leader = await login(t.app, "processledare");
  caseworker = await login(t.app, "barnhandlaggare");
  const [project] = await t.database.db.select({ id: economyProjects.id }).from(economyProjects).limit(1);
  const [campaign] = await t.database.db
    .select({ id: surveyCampaigns.id })
    .from(surveyCampaigns)
    .where(isNull(surveyCampaigns.closedAt))
    .limit(1);
  projectId = project?.id ?? "";
  campaignId = campaign?.id ?? "";
  [bombs.unpacked, bombs.rows, bombs.cells] = await Promise.all([unpackedBomb(), rowsBomb(), cellsBomb()]);
});
afterAll(() => t.close());

/** A multipart form as a browser sends it: the CSRF token, other fields, and the file. */
function upload(browser: Browser, url: string, data: Buffer, fields: Record<string, string> = {}) {
  const boundary = "----sofiaBombBoundary7Hq";
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries({ _csrf: browser.csrf, ...fields }))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="uttag.xlsx"\r\n` +
        "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n",
    ),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return t.app.inject({
    method: "POST",
    url,
    headers: { cookie: browser.cookie, "content-type": `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat(parts),
  });
}

/** What an import could have written: uploads kept for a preview, costs, answers, audit rows. */
async function written(): Promise<Record<string, number>> {
  const { rows } = await t.database.pool.query<Record<string, string>>(`select
    (select count(*) from economy_import_uploads) as economy_uploads,
    (select count(*) from economy_costs) as costs,
    (select count(*) from followup_import_uploads) as outcome_uploads,
    (select count(*) from comparison_groups) as groups,
    (select count(*) from survey_responses) as responses,
    (select count(*) from audit_log) as audit`);
  return Object.fromEntries(Object.entries(rows[0] ?? {}).map(([k, v]) => [k, Number(v)]));
}

const imports: Array<{
  name: string;
  who: () => Browser;
  url: () => string;
  fields?: Record<string, string>;
  messages: Record<keyof typeof bombs, string>;
}> = [
  {
    name: "the economy's cost import",
    who: () => leader,
    url: () => `/ekonomi/${projectId}/import`,
    messages: {
      unpacked: "Filen packas upp till mer än 30 MB eller har fler än 500 delar. Spara bara kostnadsraderna i en ny fil.",
      rows: "Ett kalkylblad i filen har fler än 5 000 rader. Dela upp exporten i flera filer.",
      cells: "Ett kalkylblad i filen har fler än 200 000 celler. Spara bara kostnadsraderna och deras kolumner i en ny fil.",
    },
  },
  {
    name: "the outcomes' import",
    who: () => leader,
    url: () => "/utfall/import",
    messages: {
      unpacked: "Filen packas upp till mer än 30 MB eller har fler än 500 delar. Spara bara raderna som ska importeras i en ny fil.",
      rows: "Ett kalkylblad i filen har fler än 5 000 rader. Dela upp uttaget i flera filer.",
      cells: "Ett kalkylblad i filen har fler än 200 000 celler. Spara bara de kolumner som ska importeras i en ny fil.",
    },
  },
  {
    name: "a comparison group's import",
    who: () => leader,
    url: () => "/utfall/jamforelsegrupper/ny",
    fields: { kind: "comparison_records", name: "Jämförelsegruppen" },
    messages: {
      unpacked: "Filen packas upp till mer än 30 MB eller har fler än 500 delar. Spara bara raderna som ska importeras i en ny fil.",
      rows: "Ett kalkylblad i filen har fler än 5 000 rader. Dela upp uttaget i flera filer.",
      cells: "Ett kalkylblad i filen har fler än 200 000 celler. Spara bara de kolumner som ska importeras i en ny fil.",
    },
  },
  {
    name: "the paper answers' import",
    who: () => caseworker,
    url: () => "/enkater/papper/import",
    fields: { instrumentKey: "sofia-4q-parent" },
    messages: {
      unpacked: "Filen packas upp till mer än 30 MB eller har fler än 500 delar. Spara bara enkätsvaren i en ny fil.",
      rows: "Filen har för många rader: högst 1 000 enkätsvar per fil.",
      cells: "Kalkylbladet har fler än 200 000 celler. Spara bara enkätsvarens kolumner i en ny fil.",
    },
  },
  {
    name: "a campaign's import",
    who: () => leader,
    url: () => `/enkater/kampanjer/${campaignId}/import`,
    messages: {
      unpacked: "Filen packas upp till mer än 30 MB eller har fler än 500 delar. Spara bara svaren i en ny fil.",
      rows: "Filen har fler än 2 000 rader. Dela upp den i flera filer.",
      cells: "Kalkylbladet har fler än 200 000 celler. Spara bara svarens kolumner i en ny fil.",
    },
  },
];

describe("an XLSX zip bomb, before it is read", () => {
  it("the bombs are tiny files", () => {
    for (const data of Object.values(bombs)) expect(data.length).toBeLessThan(1024 * 1024);
  });

  for (const i of imports)
    it(`${i.name} refuses each bomb with the file field's Swedish message and writes nothing`, async () => {
      expect(projectId && campaignId).toBeTruthy();
      const before = await written();
      for (const [bomb, message] of Object.entries(i.messages) as Array<[keyof typeof bombs, string]>) {
        const res = await upload(i.who(), i.url(), bombs[bomb], i.fields);
        expect(res.statusCode, `${bomb}: ${res.body.slice(0, 300)}`).toBe(400);
        expect(res.body, bomb).toContain(message);
        // Linked from the error summary to the file field.
        expect(res.body, bomb).toContain('href="#f-file"');
        expect(res.body).toContain('id="f-file"');
      }
      expect(await written()).toEqual(before);
    });
});
