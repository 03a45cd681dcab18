/**
 * A fuzz test over every write endpoint of the JSON API (POST, PUT, PATCH and DELETE under /api/v1,
 * taken from the route list `app.routeTable`), with fast-check and a fixed seed: at least 10 000
 * bodies in all, each an object with the keys of the route's zod body schema (or any keys) holding
 * wild values (huge strings, NUL bytes, lone surrogates, numbers out of range, nested objects and
 * arrays, wrong types), or no object at all. Every answer must be below 500, and an endpoint whose
 * every answer was a refusal (4xx) must have changed nothing (a checksum of every table).
 *
 * NUL bytes and lone surrogates still give 500 on two endpoints (the search and the identity-number
 * reveal's reason: PostgreSQL refuses them); issue 17 part A refuses them at the schema, and this
 * test keeps them in its bodies so that it proves that fix.
 *
 * Each route is called by a user whose role may call it, on real records of the demo municipality
 * where the path names one, so that the bodies reach the services and the database, not only the
 * schema.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/helpers.ts";
import type { RouteEntry } from "../platform/http.ts";
import { allowed, type Caller, callers, checksummer, coveredRoutes, fill, send, WRITE_METHODS } from "./test-setup.ts";

/** The total number of bodies; spread over the endpoints with a body schema (the others get a few each). */
const TOTAL = 10_000;
const WITHOUT_BODY_RUNS = 3;
const SEED = 17_2026;

let t: TestApp;
let all: Caller[];
let endpoints: RouteEntry[];
let checksum: () => Promise<string>;
/** Real records of the demo municipality by path: the process leader's family, its meeting and persons, the first of each kind. */
let records: Array<{ prefix: string; values: Record<string, string> }> = [];

async function first(query: string): Promise<Record<string, string>> {
  const { rows } = await t.database.pool.query<Record<string, string>>(query);
  return Object.fromEntries(
    Object.entries(rows[0] ?? {})
      .filter(([, v]) => v !== null)
      .map(([k, v]) => [k, String(v)]),
  );
}

beforeAll(async () => {
  t = await createTestApp();
  all = await callers(t);
  endpoints = coveredRoutes(t.app.routeTable).filter((r) => r.url.startsWith("/api/") && WRITE_METHODS.has(r.method));
  checksum = await checksummer(t);
  const process = await first(`select p.id,
      (select m.id from meetings m where m.process_id = p.id order by m.id limit 1) as "meetingId",
      (select rp.id from request_persons rp where rp.request_id = p.request_id and rp.kind = 'guardian' order by rp.id limit 1) as "personId",
      (select rp.id from request_persons rp where rp.request_id = p.request_id and rp.kind = 'child' order by rp.id limit 1) as "childId",
      (select s.id from support_measures s where s.process_id = p.id order by s.id limit 1) as "supportId"
    from processes p where exists (select 1 from meetings m where m.process_id = p.id) order by p.id limit 1`);
  const versioned = (table: string, column: string) =>
    first(
      `select d.key, d.id, max(v.number)::text as n from ${table}s d join ${table}_versions v on v.${column} = d.id group by d.key, d.id order by d.key limit 1`,
    );
  records = [
    { prefix: "/api/v1/processes/:id", values: process },
    { prefix: "/api/v1/requests/:id", values: await first("select request_id as id from processes order by id limit 1") },
    { prefix: "/api/v1/intake-handovers/:id", values: await first("select id from intake_handovers order by id limit 1") },
    { prefix: "/api/v1/units/:id", values: await first("select id from units order by id limit 1") },
    { prefix: "/api/v1/users/:id", values: await first("select id from users where username = 'handlaggare.syd'") },
    {
      prefix: "/api/v1/economy/projects/:id",
      values: await first(
        'select p.id, (select c.id from economy_costs c where c.project_id = p.id limit 1) as "costId" from economy_projects p order by p.id limit 1',
      ),
    },
    { prefix: "/api/v1/economy/unit-costs/:id", values: await first("select id from economy_unit_costs order by id limit 1") },
    {
      prefix: "/api/v1/implementation/activities/:id",
      values: await first("select id from implementation_activities order by id limit 1"),
    },
    { prefix: "/api/v1/audit-rounds/:id", values: await first("select id from audit_rounds order by id limit 1") },
    { prefix: "/api/v1/reports/:id", values: await first("select id from interim_reports order by id limit 1") },
    { prefix: "/api/v1/outcomes/followups/:id", values: await first("select id from outcome_followups order by id limit 1") },
    { prefix: "/api/v1/survey-campaigns/:id", values: await first("select id from survey_campaigns order by id limit 1") },
    { prefix: "/api/v1/work-models/:id", values: await versioned("work_model", "work_model_id") },
    { prefix: "/api/v1/survey-instruments/:key", values: await versioned("survey_instrument", "instrument_id") },
    { prefix: "/api/v1/review-keys/:key", values: await versioned("review_key", "review_key_id") },
    { prefix: "/api/v1/indicators/:key", values: await versioned("indicator", "indicator_id") },
  ];
});
afterAll(() => t.close());

/** The keys of a zod object schema (through optional, nullable and pipes), or none. */
function keysOf(schema: unknown): string[] {
  let s = schema as { shape?: Record<string, unknown>; _zod?: { def?: { innerType?: unknown; in?: unknown } } } | undefined;
  for (let depth = 0; s && depth < 5; depth++) {
    if (s.shape && typeof s.shape === "object") return Object.keys(s.shape);
    s = (s._zod?.def?.innerType ?? s._zod?.def?.in) as typeof s;
  }
  return [];
}

const wildString = fc.oneof(
  { arbitrary: fc.string({ maxLength: 40 }), weight: 4 },
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ maxLength: 20 }).map((s) => `${s}\u0000${s}`),
  fc.string({ maxLength: 20 }).map((s) => `${s}\ud800`),
  fc.constant("\udfff"),
  fc.constantFrom(5_000, 300_000).map((n) => "å".repeat(n)),
  fc.constantFrom(
    "",
    " ",
    "2026-02-30",
    "31/12/2026",
    "1e309",
    "-0",
    "NaN",
    "null",
    "<script>alert(1)</script>",
    "'; drop table requests; --",
  ),
  fc.uuid(),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
);
const wildNumber = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 1, Number.MAX_VALUE, -Number.MAX_VALUE, 1e-320, 9_999_999_999_999),
);
const { value: wild } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    wildString,
    wildNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 10 }), tie("value"), { maxKeys: 4 }),
  ),
}));

function bodies(route: RouteEntry): fc.Arbitrary<unknown> {
  const keys = keysOf(route.body);
  const known = keys.length
    ? fc.record(Object.fromEntries(keys.map((k) => [k, wild])), { requiredKeys: [] })
    : fc.dictionary(fc.string({ maxLength: 12 }), wild, { maxKeys: 6 });
  return fc.oneof({ weight: 6, arbitrary: known }, { weight: 1, arbitrary: wild });
}

function recordValues(url: string): Record<string, string> {
  const found = records.filter((r) => url.startsWith(r.prefix)).sort((a, b) => b.prefix.length - a.prefix.length)[0];
  return found?.values ?? {};
}

describe("fuzzing every write endpoint of the API", () => {
  it(`answers ${TOTAL} wild bodies without a 5xx, and a refused endpoint changes nothing`, { timeout: 600_000 }, async () => {
    const withBody = endpoints.filter((r) => r.body !== undefined);
    const perEndpoint = Math.ceil((TOTAL - WITHOUT_BODY_RUNS * (endpoints.length - withBody.length)) / withBody.length);
    const errors = new Map<string, string>();
    const partial: string[] = [];
    let sent = 0;
    for (const [index, route] of endpoints.entries()) {
      const caller = all.find((c) => allowed(route, c.roles));
      if (!caller) throw new Error(`no demo user may call ${route.method} ${route.url}`);
      const url = fill(route.url, recordValues(route.url));
      const inputs = fc.sample(bodies(route), { numRuns: route.body ? perEndpoint : WITHOUT_BODY_RUNS, seed: SEED + index });
      const before = await checksum();
      let onlyRefusals = true;
      for (const body of inputs) {
        const res = await send(t, caller, route.method, url, body);
        sent++;
        if (res.statusCode >= 500) {
          const key = `${route.method} ${route.url} → ${res.statusCode}`;
          if (!errors.has(key)) errors.set(key, JSON.stringify(body).slice(0, 160));
        }
        if (res.statusCode < 400) onlyRefusals = false;
      }
      if (onlyRefusals && (await checksum()) !== before) partial.push(`${route.method} ${route.url}`);
    }
    expect(sent).toBeGreaterThanOrEqual(TOTAL);
    expect([...errors].map(([k, body]) => `${k} for ${body}`)).toEqual([]);
    expect(partial).toEqual([]);
  });
});
