/**
 * Survey results on a real PostgreSQL: responses stored through recordResponse, then read through
 * the page and the API. Exact counts, means (don't know left out) and distributions, parents and
 * children apart, before against after, year against year, the response rate per meeting type,
 * suppression at the boundary (4 hidden, 5 shown) and secondary suppression, the municipality's
 * minimum group size, problem+json for a bad period or instrument, and who may see results.
 */
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { h } from "preact";
import { render } from "preact-render-to-string";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contextOf } from "../../../test/fixtures.ts";
import { apiCall, apiToken, createTestApp, get, login, postForm, type TestApp } from "../../../test/helpers.ts";
import {
  auditLog,
  meetingParticipants,
  meetings,
  municipalities,
  processes,
  requestPersons,
  surveyInstruments,
  surveyInstrumentVersions,
  surveyResponses,
} from "../../db/schema/index.ts";
import type { AgeBand } from "../../families/index.ts";
import { translator } from "../../platform/i18n.ts";
import { formatShare } from "../../platform/precision.ts";
import { type Content, contentSchema } from "../model.ts";
import { type RespondentRole, recordResponse } from "../responses/index.ts";
import { buildGroups, parsePeriod, type SurveyResults, surveyResults } from "./service.ts";
import { rateCounts } from "./store.ts";
import { ResultsPage, resultsCsv } from "./views.tsx";

let t: TestApp;
const db = () => t.database.db;
let municipalityId = "";
let analyst = "";
let admin = "";

interface Instrument {
  versionId: string;
  content: Content;
}
const instruments = new Map<string, Instrument>();

beforeAll(async () => {
  t = await createTestApp();
  const [m] = await db().select({ id: municipalities.id }).from(municipalities);
  municipalityId = m?.id ?? "";
  const rows = await db()
    .select({ key: surveyInstruments.key, versionId: surveyInstrumentVersions.id, content: surveyInstrumentVersions.content })
    .from(surveyInstrumentVersions)
    .innerJoin(surveyInstruments, eq(surveyInstruments.id, surveyInstrumentVersions.instrumentId))
    .where(and(eq(surveyInstruments.municipalityId, municipalityId), eq(surveyInstrumentVersions.status, "published")));
  for (const r of rows) instruments.set(r.key, { versionId: r.versionId, content: contentSchema.parse(r.content) });
  analyst = await apiToken(t, "analytiker", ["surveys.results"]);
  admin = await apiToken(t, "admin", ["organisation.manage", "organisation.view", "surveys.results"]);
});
afterAll(() => t.close());

type Answer = number | "dk";

/** One complete response through recordResponse, dated as given (Swedish noon of that day). */
async function respond(
  key: string,
  role: RespondentRole,
  answers: Record<string, Answer>,
  opts: { on: string; ageBand?: AgeBand; processId?: string; meetingId?: string },
) {
  const instrument = instruments.get(key);
  if (!instrument) throw new Error(`no instrument ${key}`);
  const { id } = await db().transaction((tx) =>
    recordResponse(tx, {
      municipalityId,
      instrumentVersionId: instrument.versionId,
      content: instrument.content,
      meetingId: opts.meetingId ?? null,
      processId: opts.processId ?? null,
      respondentRole: role,
      ageBand: opts.ageBand ?? null,
      mode: "link",
      submissionKey: randomUUID(),
      answers: Object.entries(answers).map(([itemKey, v]) => ({
        itemKey,
        value: v === "dk" ? null : v,
        dontKnow: v === "dk",
      })),
      complete: true,
      recordedBy: null,
      submittedAt: new Date(`${opts.on}T12:00:00+01:00`),
    }),
  );
  await db()
    .update(surveyResponses)
    .set({ submittedAt: new Date(`${opts.on}T12:00:00+01:00`) })
    .where(eq(surveyResponses.id, id));
}

const results = (key: string, from: string, to: string, token = analyst) =>
  apiCall(t.app, "GET", `/api/v1/survey-results?instrument=${key}&from=${from}&to=${to}`, token);

interface Item {
  key: string;
  counts: number[] | null;
  dontKnow: number | null;
  answered: number | null;
  mean: number | null;
  dontKnowShare: number | null;
  suppressed: boolean;
}
interface Group {
  key: string;
  kind: string;
  n: number | null;
  suppressed: boolean;
  items: Item[];
}
interface Body {
  instrument: { key: string; version: number };
  minGroupSize: number;
  scale: Array<{ value: number; label: string }>;
  groups: Group[];
  responseRate: {
    types: Array<{
      meetingTypeKey: string;
      meetings: number;
      invited: number | null;
      responses: number | null;
      rate: number | null;
      suppressed: boolean;
    }>;
    total: { invited: number | null; responses: number | null; rate: number | null; suppressed: boolean };
  };
  paired: {
    pairs: number | null;
    suppressed: boolean;
    items: Array<{ key: string; before: number | null; after: number | null; suppressed: boolean }>;
  } | null;
  years: Array<{ year: number; n: number | null; suppressed: boolean; items: Array<{ key: string; mean: number | null }> }> | null;
}

async function body(key: string, from: string, to: string): Promise<Body> {
  const res = await results(key, from, to);
  expect(res.statusCode, res.body.slice(0, 1000)).toBe(200);
  return res.json() as Body;
}

const group = (b: Body, key: string) => b.groups.find((g) => g.key === key);
const item = (g: Group | undefined, key: string) => g?.items.find((i) => i.key === key);

async function setMinGroupSize(n: number) {
  const [m] = await db().select({ version: municipalities.version }).from(municipalities);
  const res = await apiCall(t.app, "PATCH", "/api/v1/municipality", admin, { version: m?.version, minGroupSize: n });
  expect(res.statusCode, res.body).toBe(200);
}

describe("the parents' survey after meetings", () => {
  beforeAll(async () => {
    // 2030: six parents with the problem, five without.
    const withProblem: Answer[] = [1, 2, 3, 4, 4, "dk"];
    for (const v of withProblem)
      await respond("sofia-4q-parent", "parent_with_problem", { information: v, helhet: 3 }, { on: "2030-03-01" });
    for (const v of [4, 4, 4, 3, 3])
      await respond("sofia-4q-parent", "parent_without_problem", { information: v, helhet: 4 }, { on: "2030-04-01" });
    // Outside the period: not counted.
    await respond("sofia-4q-parent", "parent_with_problem", { information: 1 }, { on: "2029-12-31" });
  });

  it("counts the responses and the answers per value, with the mean leaving don't know out", async () => {
    const b = await body("sofia-4q-parent", "2030-01-01", "2030-12-31");
    expect(b.instrument).toMatchObject({ key: "sofia-4q-parent", version: 1 });
    expect(b.minGroupSize).toBe(5);
    expect(b.scale.map((s) => s.label)).toEqual(["Inte nöjd", "Ganska nöjd", "Nöjd", "Jättenöjd"]);
    const all = group(b, "all");
    expect(all).toMatchObject({ kind: "all", n: 11, suppressed: false });
    expect(item(all, "information")).toEqual({
      key: "information",
      text: "Fick du tillräckligt med information?",
      counts: [1, 1, 3, 5],
      dontKnow: 1,
      answered: 11,
      mean: 3.2,
      meanText: "3,20",
      dontKnowShare: 1 / 11,
      suppressed: false,
    });
    expect(item(all, "helhet")?.mean).toBeCloseTo((6 * 3 + 5 * 4) / 11, 10);
    // An item nobody answered: zeros, no mean.
    expect(item(all, "lyssnad-pa")).toMatchObject({ counts: [0, 0, 0, 0], answered: 0, mean: null, suppressed: false });
  });

  it("shows parents with and without the problem apart", async () => {
    const b = await body("sofia-4q-parent", "2030-01-01", "2030-12-31");
    expect(b.groups.map((g) => g.key)).toEqual(["all", "parent_with_problem", "parent_without_problem"]);
    expect(item(group(b, "parent_with_problem"), "information")).toMatchObject({ counts: [1, 1, 1, 2], dontKnow: 1, mean: 2.8 });
    expect(item(group(b, "parent_without_problem"), "information")).toMatchObject({ counts: [0, 0, 2, 3], dontKnow: 0, mean: 3.6 });
  });

  it("hides a role of four and, so that it cannot be worked out from the total, its sibling too", async () => {
    // 2034: seven with the problem, four without.
    for (let i = 0; i < 7; i++) await respond("sofia-4q-parent", "parent_with_problem", { information: 3 }, { on: "2034-05-01" });
    for (let i = 0; i < 4; i++) await respond("sofia-4q-parent", "parent_without_problem", { information: 1 }, { on: "2034-05-02" });
    const b = await body("sofia-4q-parent", "2034-01-01", "2034-12-31");
    expect(group(b, "all")).toMatchObject({ n: 11, suppressed: false });
    for (const key of ["parent_with_problem", "parent_without_problem"]) {
      const g = group(b, key);
      expect(g).toMatchObject({ n: null, suppressed: true });
      expect(item(g, "information")).toMatchObject({ counts: null, mean: null, dontKnow: null, answered: null, suppressed: true });
    }
  });
});

describe("the children's survey", () => {
  beforeAll(async () => {
    // 2031: age bands 6–9 (four), 10–12 (five), 13–17 (six).
    const bands: Array<[AgeBand, number]> = [
      ["6–9", 4],
      ["10–12", 5],
      ["13–17", 6],
    ];
    for (const [band, n] of bands) {
      for (let i = 0; i < n; i++) await respond("sofia-4q-child", "child", { helhet: 4 }, { on: "2031-05-01", ageBand: band });
    }
    // 2032: four children only.
    for (let i = 0; i < 4; i++) await respond("sofia-4q-child", "child", { helhet: 2 }, { on: "2032-05-01", ageBand: "6–9" });
  });

  it("shows age bands as subgroups: 4 hidden, the next smallest hidden too, the rest shown", async () => {
    const b = await body("sofia-4q-child", "2031-01-01", "2031-12-31");
    expect(b.groups.map((g) => [g.key, g.n])).toEqual([
      ["all", 15],
      ["6–9", null],
      ["10–12", null],
      ["13–17", 6],
    ]);
    expect(item(group(b, "13–17"), "helhet")).toMatchObject({ counts: [0, 0, 0, 6], mean: 4 });
  });

  it("hides a group of 4 and shows a group of 5", async () => {
    const four = await body("sofia-4q-child", "2032-01-01", "2032-12-31");
    expect(group(four, "all")).toMatchObject({ n: null, suppressed: true });
    expect(item(group(four, "all"), "helhet")).toMatchObject({ counts: null, mean: null, suppressed: true });
    await respond("sofia-4q-child", "child", { helhet: 3 }, { on: "2032-06-01", ageBand: "6–9" });
    const five = await body("sofia-4q-child", "2032-01-01", "2032-12-31");
    expect(group(five, "all")).toMatchObject({ n: 5, suppressed: false });
    expect(item(group(five, "all"), "helhet")).toMatchObject({ counts: [0, 4, 1, 0], mean: 2.2 });
  });

  it("follows the municipality's minimum group size", async () => {
    await setMinGroupSize(4);
    try {
      const b = await body("sofia-4q-child", "2031-01-01", "2031-12-31");
      expect(b.minGroupSize).toBe(4);
      expect(b.groups.map((g) => [g.key, g.n])).toEqual([
        ["all", 15],
        ["6–9", 4],
        ["10–12", 5],
        ["13–17", 6],
      ]);
    } finally {
      await setMinGroupSize(5);
    }
  });
});

describe("the minimum group size of the municipality", () => {
  it("is refused outside 2–50, over the API and on the form, and nothing is stored", async () => {
    const [m] = await db().select().from(municipalities);
    for (const bad of [1, 51, 4.5, "5"]) {
      const res = await apiCall(t.app, "PATCH", "/api/v1/municipality", admin, { version: m?.version, minGroupSize: bad });
      expect(res.statusCode).toBe(400);
      expect(String(res.headers["content-type"])).toContain("application/problem+json");
      expect(res.body).toContain("minGroupSize");
    }
    const browser = await login(t.app, "admin");
    const page = await get(t.app, browser, "/organisation");
    expect(page.body).toContain('name="minGroupSize"');
    const form = await postForm(t.app, browser, "/organisation", {
      version: String(m?.version),
      name: m?.name ?? "",
      code: m?.code ?? "",
      waitLimitDays: String(m?.waitLimitDays),
      minGroupSize: "1",
    });
    expect(form.statusCode).toBe(400);
    expect(form.body).toContain("Skriv en gruppstorlek mellan 2 och 50");
    expect((await db().select().from(municipalities))[0]?.minGroupSize).toBe(5);
  });
});

describe("before and after the series", () => {
  let processIds: string[] = [];

  beforeAll(async () => {
    processIds = (await db().select({ id: processes.id }).from(processes).where(eq(processes.municipalityId, municipalityId))).map(
      (p) => p.id,
    );
    expect(processIds.length).toBeGreaterThanOrEqual(6);
  });

  it("pairs the first and last occasion of each process that answered both, and hides fewer than five pairs", async () => {
    // Four processes with both in 2035: hidden.
    for (const id of processIds.slice(0, 4)) {
      await respond("familjeklimat", "parent_with_problem", { "prata-oppet": 1 }, { on: "2035-02-01", processId: id });
      await respond("familjeklimat", "parent_with_problem", { "prata-oppet": 3 }, { on: "2035-06-01", processId: id });
    }
    // One that answered only before.
    await respond("familjeklimat", "parent_with_problem", { "prata-oppet": 2 }, { on: "2035-02-01", processId: processIds[5] });
    const four = await body("familjeklimat", "2035-01-01", "2035-12-31");
    expect(four.paired).toMatchObject({ pairs: null, suppressed: true });
    expect(four.paired?.items[0]).toMatchObject({ before: null, after: null, suppressed: true });

    // A fifth process: five pairs, shown. Its before has two answers (both parents), its after one "don't know".
    const fifth = processIds[4];
    await respond("familjeklimat", "parent_with_problem", { "prata-oppet": 2 }, { on: "2035-03-01", processId: fifth });
    await respond("familjeklimat", "parent_without_problem", { "prata-oppet": 2 }, { on: "2035-03-01", processId: fifth });
    await respond("familjeklimat", "parent_with_problem", { "prata-oppet": 4 }, { on: "2035-09-01", processId: fifth });
    await respond("familjeklimat", "parent_without_problem", { "prata-oppet": "dk" }, { on: "2035-09-01", processId: fifth });
    const five = await body("familjeklimat", "2035-01-01", "2035-12-31");
    expect(five.paired?.pairs).toBe(5);
    expect(five.paired?.items.find((i) => i.key === "prata-oppet")).toMatchObject({
      before: (4 * 1 + 2 + 2) / 6,
      after: (4 * 3 + 4) / 5,
      suppressed: false,
    });
    expect(five.years).toBeNull();
  });
});

describe("the annual staff survey", () => {
  it("compares year against year", async () => {
    for (let i = 0; i < 6; i++) await respond("arlig-medarbetarenkat", "staff", { "gemensamt-samrad": 2 }, { on: "2036-10-01" });
    for (let i = 0; i < 7; i++)
      await respond("arlig-medarbetarenkat", "staff", { "gemensamt-samrad": i < 4 ? 4 : 3 }, { on: "2037-10-01" });
    const b = await body("arlig-medarbetarenkat", "2037-01-01", "2037-12-31");
    expect(b.paired).toBeNull();
    expect(b.years?.map((y) => [y.year, y.n])).toEqual([
      [2036, 6],
      [2037, 7],
    ]);
    expect(b.years?.[0]?.items.find((i) => i.key === "gemensamt-samrad")?.mean).toBe(2);
    expect(b.years?.[1]?.items.find((i) => i.key === "gemensamt-samrad")?.mean).toBeCloseTo(25 / 7, 10);
    expect(group(b, "all")?.n).toBe(7);
  });
});

describe("the response rate per meeting type", () => {
  it("counts the family members present at held meetings followed by the survey against the answers", async () => {
    const [p] = await db()
      .select({ id: processes.id, requestId: processes.requestId })
      .from(processes)
      .where(
        sql`${processes.municipalityId} = ${municipalityId} and (select count(*) from request_persons rp where rp.request_id = ${processes.requestId}) >= 2`,
      )
      .limit(1);
    if (!p) throw new Error("no process with two persons");
    const persons = await db().select({ id: requestPersons.id }).from(requestPersons).where(eq(requestPersons.requestId, p.requestId));
    const [meeting] = await db()
      .insert(meetings)
      .values({ processId: p.id, meetingTypeKey: "familjemote-1", status: "held", heldOn: "2033-03-10", plannedDate: "2033-03-10" })
      .returning({ id: meetings.id });
    if (!meeting) throw new Error("no meeting");
    await db()
      .insert(meetingParticipants)
      .values(persons.map((person) => ({ meetingId: meeting.id, personId: person.id, attended: true })));
    await respond("sofia-4q-parent", "parent_with_problem", { helhet: 4 }, { on: "2033-03-10", processId: p.id, meetingId: meeting.id });
    await respond("sofia-4q-parent", "parent_without_problem", { helhet: 3 }, { on: "2033-03-11", processId: p.id, meetingId: meeting.id });

    const small = await body("sofia-4q-parent", "2033-01-01", "2033-12-31");
    const type = small.responseRate.types.find((r) => r.meetingTypeKey === "familjemote-1");
    expect(type).toMatchObject({ meetings: 1, responses: null, rate: null, suppressed: true });
    expect(small.responseRate.total).toMatchObject({ responses: null, rate: null, suppressed: true });

    await setMinGroupSize(2);
    try {
      const shown = await body("sofia-4q-parent", "2033-01-01", "2033-12-31");
      expect(shown.responseRate.types).toEqual([
        {
          meetingTypeKey: "familjemote-1",
          meetingTypeName: expect.any(String),
          meetings: 1,
          invited: persons.length,
          responses: 2,
          rate: 2 / persons.length,
          rateText: formatShare((2 / persons.length) * 100),
          suppressed: false,
        },
      ]);
      // The meeting type by its English name in English (decision 0043), by its Swedish one otherwise.
      const [instrument] = await db()
        .select({ id: surveyInstruments.id })
        .from(surveyInstruments)
        .where(and(eq(surveyInstruments.municipalityId, municipalityId), eq(surveyInstruments.key, "sofia-4q-parent")));
      const scope = { municipalityId, instrumentId: instrument?.id ?? "", from: "2033-01-01", to: "2033-12-31" };
      expect((await rateCounts(db(), scope, "sofia-4q-parent", "en")).map((r) => r.meetingTypeName)).toEqual(["Family meeting 1"]);
      expect((await rateCounts(db(), scope, "sofia-4q-parent")).map((r) => r.meetingTypeName)).toEqual(["Familjemöte 1"]);
    } finally {
      await setMinGroupSize(5);
    }
  });
});

describe("the results page and the API", () => {
  it('writes shares and means with the municipality\'s precision: 17 of 40 shows "43 %" on the page and in the CSV', async () => {
    const ctx = await contextOf(t, "analytiker");
    const computed = await surveyResults(ctx, { instrument: "sofia-4q-parent", from: "2030-01-01", to: "2030-12-31" }, "sv");
    expect(computed.precision).toEqual({ shareDecimals: 0, meanDecimals: 2 });
    // Hand-counted: 40 family members were at the meetings, 17 answered: 42.5 %, written half up as 43 %.
    const rate = { meetingTypeKey: "familjemote-1", meetingTypeName: "Familjemöte 1", meetings: 8, invited: 40, responses: 17 };
    const data = (precision: SurveyResults["precision"]): SurveyResults => ({
      ...computed,
      precision,
      rates: [{ ...rate, rate: 17 / 40, suppressed: false }],
      rateTotal: { invited: 40, responses: 17, rate: 17 / 40, suppressed: false },
    });
    const page = (results: SurveyResults) =>
      render(
        h(ResultsPage, {
          view: {
            t: translator("sv"),
            locale: "sv",
            actor: ctx.actor,
            csrfToken: "x",
            nonce: "n",
            path: "/enkater/resultat",
            idleSeconds: 1800,
            warnSeconds: 120,
          },
          instruments: [{ key: "sofia-4q-parent", name: computed.instrument.name }],
          form: { instrument: "sofia-4q-parent", from: "2030-01-01", to: "2030-12-31" },
          results,
          minGroupSize: 5,
        }),
      );
    const whole = page(data({ shareDecimals: 0, meanDecimals: 2 }));
    expect(whole).toMatch(/<td class="sofia-num">43\u00a0%<\/td>/);
    expect(whole).not.toContain("42,5");
    // The mean of 3.2 with the municipality's two decimals.
    expect(whole).toContain("3,20");
    const csv = resultsCsv(translator("sv"), "sv", data({ shareDecimals: 0, meanDecimals: 2 }));
    expect(csv).toContain(";40;17;43\u00a0%");
    const decimal = page(data({ shareDecimals: 1, meanDecimals: 1 }));
    expect(decimal).toMatch(/<td class="sofia-num">42,5\u00a0%<\/td>/);
    expect(decimal).toContain("3,2<");
  });

  it("answers a bad period or an unknown instrument with problem+json", async () => {
    const cases: Array<[string, string]> = [
      ["instrument=sofia-4q-parent&from=2030-13-01&to=2030-12-31", "from"],
      ["instrument=sofia-4q-parent&from=2030-02-30&to=2030-12-31", "from"],
      ["instrument=sofia-4q-parent&from=2030-01-01&to=igår", "to"],
      ["instrument=sofia-4q-parent&from=2030-06-01&to=2030-05-31", "to"],
      ["instrument=finns-inte&from=2030-01-01&to=2030-12-31", "instrument"],
      ["from=2030-01-01&to=2030-12-31", "instrument"],
    ];
    for (const [query, field] of cases) {
      const res = await apiCall(t.app, "GET", `/api/v1/survey-results?${query}`, analyst);
      expect(res.statusCode, query).toBe(400);
      expect(String(res.headers["content-type"])).toContain("application/problem+json");
      const problem = res.json() as { errors?: Array<{ field: string; message: string }> };
      expect(problem.errors?.map((e) => e.field)).toEqual([field]);
    }
  });

  it("lets the analyst see the page, with .. for a hidden group, charts and tables, and audits it as a statistics view", async () => {
    const before = (await db().select().from(auditLog).where(eq(auditLog.action, "survey_results.view"))).length;
    const browser = await login(t.app, "analytiker");
    const res = await get(t.app, browser, "/enkater/resultat?instrument=sofia-4q-child&from=2031-01-01&to=2031-12-31");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('role="img"');
    expect(res.body).toContain("<caption");
    expect(res.body).toContain("Barn 13–17 år (antal svar: 6)");
    expect(res.body).toContain("Barn 6–9 år (antal svar: ..)");
    expect(res.body).toContain("för få svar för att visas");
    const rows = await db().select().from(auditLog).where(eq(auditLog.action, "survey_results.view"));
    expect(rows.length).toBe(before + 1);
    expect(rows.at(-1)).toMatchObject({ recordType: "survey_instrument", subjectPersonId: null });
    expect(rows.at(-1)?.detail).toMatchObject({ statistics: true, instrumentKey: "sofia-4q-child", from: "2031-01-01", to: "2031-12-31" });

    const bad = await get(t.app, browser, "/enkater/resultat?instrument=sofia-4q-child&from=2031-01-01&to=2030-01-01");
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("Slutdatumet kan inte vara före startdatumet.");
    expect(bad.body).toContain('href="#f-to"');

    const list = await get(t.app, browser, "/enkater");
    expect(list.body).toContain('href="/enkater/resultat"');
  });

  it("exports the tables as CSV for Excel, hidden figures as ..", async () => {
    const browser = await login(t.app, "analytiker");
    const page = await get(t.app, browser, "/enkater/resultat?instrument=sofia-4q-child&from=2031-01-01&to=2031-12-31");
    expect(page.body).toContain('href="/enkater/resultat/csv?instrument=sofia-4q-child&amp;from=2031-01-01&amp;to=2031-12-31"');
    const res = await get(t.app, browser, "/enkater/resultat/csv?instrument=sofia-4q-child&from=2031-01-01&to=2031-12-31");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers["content-disposition"]).toBe('attachment; filename="enkatresultat-sofia-4q-child-2031-01-01-2031-12-31.csv"');
    expect(res.body.startsWith("\uFEFF")).toBe(true);
    const lines = res.body.replaceAll("\u00a0", " ").split("\r\n");
    expect(lines).toContain("Alla svarande (15);Hur tyckte du att mötet var?;0;0;0;15;0;15;4,00;0 %");
    expect(lines).toContain("Barn 6–9 år (..);Hur tyckte du att mötet var?;..;..;..;..;..;..;..;..");
    expect(lines).toContain("Barn 13–17 år (6);Hur tyckte du att mötet var?;0;0;0;6;0;6;4,00;0 %");
    // An item nobody answered: no mean (–), which is not the same as a hidden one (..).
    expect(lines).toContain("Barn 13–17 år (6);Lyssnade de vuxna på dig?;0;0;0;0;0;0;–;–");
    const bad = await get(t.app, browser, "/enkater/resultat/csv?instrument=sofia-4q-child&from=2031-13-01&to=2031-12-31");
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#f-from"');
  });

  it("shows the current year when no period is given", async () => {
    const browser = await login(t.app, "analytiker");
    const res = await get(t.app, browser, "/enkater/resultat");
    expect(res.statusCode).toBe(200);
    const year = Number(t.clock.today().slice(0, 4));
    expect(res.body).toContain(`value="${year}-01-01"`);
    expect(res.body).toContain(`value="${year}-12-31"`);
  });

  it("refuses a caseworker (403) on the page and the API", async () => {
    const browser = await login(t.app, "barnhandlaggare");
    expect((await get(t.app, browser, "/enkater/resultat")).statusCode).toBe(403);
    const token = await apiToken(t, "barnhandlaggare", ["surveys.results"]);
    const res = await results("sofia-4q-parent", "2030-01-01", "2030-12-31", token);
    expect(res.statusCode).toBe(403);
    expect(String(res.headers["content-type"])).toContain("application/problem+json");
  });
});

describe("the pure parts", () => {
  it("defaults the period to the current year and refuses bad dates", () => {
    expect(parsePeriod(undefined, "", "2026-11-27")).toEqual({ from: "2026-01-01", to: "2026-12-31" });
    expect(() => parsePeriod("2026-02-29", "2026-03-01", "2026-11-27")).toThrow();
  });

  it("shows no role level when one role answered, and never a figure of a hidden group", () => {
    const content = instruments.get("sofia-4q-child")?.content as Content;
    const groups = buildGroups(
      content,
      "sv",
      [{ role: "child", ageBand: "6–9", n: 3 }],
      [{ role: "child", ageBand: "6–9", itemKey: "helhet", value: 4, n: 3 }],
      5,
    );
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ key: "all", n: null, suppressed: true });
    expect(groups[0]?.items.every((i) => i.counts === null && i.mean === null)).toBe(true);
  });
});
