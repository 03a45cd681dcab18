/**
 * The follow-up for npm run bench: on the generated national-scale data, the app's whole follow-up
 * (src/followup/service.ts computeFollowup: every published indicator evaluated from its definition,
 * the period and the previous one of the same length, with suppression) and the whole page over
 * HTTP as an analyst, against reference SQL written by hand for each seeded indicator computing the
 * same counts. Before timing, the figures must be equal (the reference's counts go through the same
 * suppression, src/followup/results.ts showCounts). Rounds alternate which side goes first; the
 * figures are medians in milliseconds and the ratios app / reference (above 1: the app is slower).
 * The page's charts are rendered once per set of figures (src/followup/views.tsx keeps them), so the
 * first view, which renders them, is reported apart as firstPageMs.
 */
import { isDeepStrictEqual } from "node:util";
import { eq } from "drizzle-orm";
import type pg from "pg";
import { sessions, users } from "../src/db/schema/index.ts";
import { seededIndicators } from "../src/followup/indicators/seed.ts";
import type { Count } from "../src/followup/indicators/sql.ts";
import { type ResultRow, showCounts } from "../src/followup/results.ts";
import { computeFollowup, type FollowupData, municipalityMinGroupSize, type Period, previousPeriod } from "../src/followup/service.ts";
import type { Db } from "../src/platform/database.ts";
import { addDays, todayInSweden } from "../src/platform/dates.ts";
import { randomToken, sessionCookieName, sha256 } from "../src/platform/sessions.ts";
import { decidesStart, moreReferenceQueries } from "./followup-reference.ts";
import { alternate, elapsed, median, ms, ratio } from "./timing.ts";

/** Periods: $2–$3 the period, $4–$5 the previous one; rows outside both are left out. */
const periodOf = (date: string) =>
  `case when ${date} between $2::date and $3::date then 'current' when ${date} between $4::date and $5::date then 'previous' end`;

const requestsOfMunicipality = "requests r left join processes p on p.request_id = r.id where r.municipality_id = $1";

/**
 * The hand-written queries: each returns (key, period, group, denominator, numerator) rows for one or
 * more seeded indicators. Written from the seed reports' wording, not generated from definitions.
 */
export const referenceQueries: string[] = [
  // The funnel: every request of the period, with how far it got.
  `select k.key, x.period, null::text as "group", x.den as denominator,
     case k.key when 'tratt-sofiamote' then x.sofia when 'tratt-paborjade' then x.started
       when 'tratt-halvvags' then x.halfway else x.completed end as numerator
   from (select ${periodOf("r.request_date")} as period, count(*)::int as den,
           count(*) filter (where r.meeting_date is not null)::int as sofia,
           count(*) filter (where p.phase in ('started', 'halfway', 'completed'))::int as started,
           count(*) filter (where p.phase in ('halfway', 'completed'))::int as halfway,
           count(*) filter (where p.phase = 'completed')::int as completed
         from ${requestsOfMunicipality} and r.request_date between $4::date and $3::date group by 1) x
   cross join (values ('tratt-sofiamote'), ('tratt-paborjade'), ('tratt-halvvags'), ('tratt-genomforda')) k(key)
   where x.period is not null`,
  // Interrupted processes by the phase they stopped in, among requests that continued.
  `select 'avbrutna-per-fas' as key, ${periodOf("r.request_date")} as period, i.phase::text as "group",
     count(*)::int as denominator, count(i.id)::int as numerator
   from requests r left join processes p on p.request_id = r.id
     left join process_interruptions i on i.process_id = p.id and i.resumed_on is null
   where r.municipality_id = $1 and r.status = 'continued' and r.request_date between $4::date and $3::date
   group by 2, 3`,
  // The process goals: completion and further support among families that started in the period.
  `select k.key, x.period, null::text as "group", x.started as denominator, case k.key when 'mal-genomforda' then x.completed else x.support end as numerator
   from (select ${periodOf("p.started_on")} as period,
           count(*) filter (where p.phase in ('started', 'halfway', 'completed'))::int as started,
           count(*) filter (where p.phase = 'completed')::int as completed,
           count(*) filter (where p.phase in ('started', 'halfway', 'completed')
             and exists (select 1 from support_measures s where s.process_id = p.id and (s.applied_on is not null or s.granted_on is not null)))::int as support
         from processes p join requests r on r.id = p.request_id
         where r.municipality_id = $1 and p.started_on between $4::date and $3::date group by 1) x
   cross join (values ('mal-genomforda'), ('mal-fortsatt-stod')) k(key)`,
  // Further support granted: families that completed the series, and the others that continued.
  `select k.key, x.period, null::text as "group",
     case k.key when 'stod-genomforda' then x.completed else x.others end as denominator,
     case k.key when 'stod-genomforda' then x.completed_granted else x.others_granted end as numerator
   from (select ${periodOf("r.request_date")} as period,
           count(*) filter (where p.phase = 'completed')::int as completed,
           count(*) filter (where p.phase = 'completed' and g.granted)::int as completed_granted,
           count(*) filter (where p.phase is distinct from 'completed')::int as others,
           count(*) filter (where p.phase is distinct from 'completed' and g.granted)::int as others_granted
         from requests r left join processes p on p.request_id = r.id
           left join lateral (select true as granted from support_measures s where s.process_id = p.id and s.granted_on is not null limit 1) g on true
         where r.municipality_id = $1 and r.status = 'continued' and r.request_date between $4::date and $3::date group by 1) x
   cross join (values ('stod-genomforda'), ('stod-ovriga')) k(key)`,
  // Interruptions by the wait from the request to the first held family meeting.
  `select 'avbrott-per-vantetid' as key, period, band as "group", count(*)::int as denominator,
     count(*) filter (where interrupted)::int as numerator
   from (select ${periodOf("r.request_date")} as period, p.status = 'interrupted' as interrupted,
           case when w.days >= 90 then '90+' when w.days >= 60 then '60–89' when w.days >= 30 then '30–59' when w.days >= 0 then '0–29' end as band
         from requests r left join processes p on p.request_id = r.id
           left join lateral (select min(m.held_on) - r.request_date as days from meetings m
             where m.process_id = p.id and m.status = 'held' and m.child_id is null and not ${decidesStart("p", "m")}) w on true
         where r.municipality_id = $1 and r.status = 'continued' and r.request_date between $4::date and $3::date) x
   group by 1, 2, 3`,
  // Child meetings: held among children from six in families that started, and refused consent.
  `select k.key, x.period, null::text as "group",
     case k.key when 'barnsamtal-hallna' then x.possible else x.children end as denominator,
     case k.key when 'barnsamtal-hallna' then x.held else x.refused end as numerator
   from (select ${periodOf("r.request_date")} as period, count(*)::int as children,
           count(*) filter (where p.phase in ('started', 'halfway', 'completed') and extract(year from age(r.request_date, c.birth_date)) >= 6)::int as possible,
           count(*) filter (where p.phase in ('started', 'halfway', 'completed') and extract(year from age(r.request_date, c.birth_date)) >= 6
             and exists (select 1 from meetings m where m.child_id = c.id and m.status = 'held'))::int as held,
           count(*) filter (where exists (select 1 from meetings m where m.child_id = c.id and m.consent = 'refused'))::int as refused
         from request_persons c join requests r on r.id = c.request_id left join processes p on p.request_id = r.id
         where c.kind = 'child' and r.municipality_id = $1 and r.request_date between $4::date and $3::date group by 1) x
   cross join (values ('barnsamtal-hallna'), ('barnsamtal-nekat-samtycke')) k(key)`,
  // Held meetings per meeting type.
  `select 'moten-per-typ' as key, ${periodOf("m.held_on")} as period, m.meeting_type_key as "group",
     count(*)::int as denominator, count(*) filter (where m.status = 'held')::int as numerator
   from meetings m join processes p on p.id = m.process_id
   where p.municipality_id = $1 and m.held_on between $4::date and $3::date
   group by 2, 3`,
  // Felt listened to: answers 3 or 4 to the question, "don't know" left out, per role.
  `select 'mal-sedda-horda' as key, period, role as "group", count(*)::int as denominator, count(*) filter (where value >= 3)::int as numerator
   from (select ${periodOf("s.period_on")} as period, s.respondent_role::text as role, a.value
         from survey_answers a join survey_responses s on s.id = a.response_id
           join survey_instrument_versions v on v.id = s.instrument_version_id join survey_instruments i on i.id = v.instrument_id
         where s.municipality_id = $1 and i.key in ('sofia-4q-parent', 'sofia-4q-child') and a.item_key = 'lyssnad-pa' and a.value is not null
           and s.period_on between $4::date and $3::date) x
   group by 1, 2, 3`,
  ...moreReferenceQueries,
];

export type ReferenceRow = Count & { key: string };

export async function reference(pool: pg.Pool, municipalityId: string, period: Period, previous: Period): Promise<ReferenceRow[]> {
  const params = [municipalityId, period.from, period.to, previous.from, previous.to];
  const out: ReferenceRow[] = [];
  for (const q of referenceQueries) out.push(...(await pool.query<ReferenceRow>(q, params)).rows);
  return out;
}

const byGroup = (a: ResultRow, b: ResultRow) => (a.group ?? "\uffff").localeCompare(b.group ?? "\uffff");

/** The reference's counts as shown: the same suppression as the app, so that the figures can be compared. */
export function shownReference(rows: ReferenceRow[], min: number): Record<string, Record<"current" | "previous", ResultRow[]>> {
  const out: Record<string, Record<"current" | "previous", ResultRow[]>> = {};
  for (const s of seededIndicators) {
    const grouped = s.content.groupBy !== null;
    const shown = {} as Record<"current" | "previous", ResultRow[]>;
    for (const period of ["current", "previous"] as const) {
      let counts: Count[] = rows.filter((r) => r.key === s.key && r.period === period && (!grouped || r.denominator > 0));
      if (!grouped && counts.length === 0) counts = [{ period, group: null, denominator: 0, numerator: 0, value: null }];
      shown[period] = showCounts(s.content, counts, s.content.minGroupSize ?? min).sort(byGroup);
    }
    out[s.key] = shown;
  }
  return out;
}

/** The app's figures in the same shape, for the seeded indicators. */
function shownApp(data: FollowupData): Record<string, Record<"current" | "previous", ResultRow[]>> {
  return Object.fromEntries(
    data.indicators
      .filter((i) => seededIndicators.some((s) => s.key === i.key))
      .map((i) => [i.key, { current: [...i.current].sort(byGroup), previous: [...i.previous].sort(byGroup) }]),
  );
}

/** A session of the demo analyst (as a login would make it), for the page over HTTP. */
async function analystCookie(db: Db): Promise<string> {
  const [analyst] = await db.select({ id: users.id }).from(users).where(eq(users.username, "analytiker"));
  if (!analyst) throw new Error("the demo analyst is missing");
  const token = randomToken();
  const later = new Date(Date.now() + 24 * 3_600_000);
  await db
    .insert(sessions)
    .values({ tokenHash: sha256(token), userId: analyst.id, csrfToken: randomToken(), idleExpiresAt: later, absoluteExpiresAt: later });
  return `${sessionCookieName(false)}=${token}`;
}

/**
 * Measures `rounds` rounds: the app's follow-up figures, the whole page over HTTP, and the
 * reference queries. Throws when the figures differ. The period is the last year up to today (the
 * generated families' requests fall in it and the year before).
 */
export async function measureFollowup(database: { db: Db; pool: pg.Pool }, appUrl: string, { rounds }: { rounds: number }) {
  const { db, pool } = database;
  const [demo] = await pool
    .query<{ id: string }>(
      "select m.id from municipalities m order by (select count(*) from requests r where r.municipality_id = m.id) desc, m.id limit 1",
    )
    .then((r) => r.rows);
  if (!demo) throw new Error("no municipality");
  const today = todayInSweden();
  const period: Period = { from: addDays(today, -364), to: today };
  const previous = previousPeriod(period);
  const min = await municipalityMinGroupSize(db, demo.id);
  const cookie = await analystCookie(db);
  const pageUrl = `${appUrl}/uppfoljning?${new URLSearchParams({ from: period.from, to: period.to }).toString()}`;
  const page = async () => {
    const res = await fetch(pageUrl, { headers: { cookie } });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`GET /uppfoljning answered ${res.status}: ${body.slice(0, 200)}`);
    return body;
  };

  // The same figures before any timing.
  const app = shownApp(await computeFollowup(db, demo.id, period, todayInSweden()));
  const ref = shownReference(await reference(pool, demo.id, period, previous), min);
  for (const s of seededIndicators) {
    if (!isDeepStrictEqual(app[s.key], ref[s.key]))
      throw new Error(`followup: ${s.key} differs: app ${JSON.stringify(app[s.key])}, reference ${JSON.stringify(ref[s.key])}`);
  }
  // The first view renders every chart (ECharts, tens of ms each); later views of the same figures reuse them.
  let html = "";
  const firstPageMs = await elapsed(async () => {
    html = await page();
  });
  const hidden = Object.values(app).reduce((n, p) => n + [...p.current, ...p.previous].filter((r) => r.suppressed).length, 0);

  const figures: number[] = [];
  const pages: number[] = [];
  const references: number[] = [];
  const appRound = async () => {
    figures.push(await elapsed(() => computeFollowup(db, demo.id, period, todayInSweden())));
    pages.push(await elapsed(page));
  };
  const refRound = async () => {
    references.push(await elapsed(() => reference(pool, demo.id, period, previous)));
  };
  await alternate(rounds, appRound, refRound);
  const [requests] = await pool
    .query<{ n: number }>("select count(*)::int as n from requests where municipality_id = $1", [demo.id])
    .then((r) => r.rows);
  const figuresMs = median(figures);
  const pageMs = median(pages);
  const referenceMs = median(references);
  return {
    period,
    previous,
    requests: requests?.n ?? 0,
    indicators: seededIndicators.length,
    hiddenRows: hidden,
    pageBytes: Buffer.byteLength(html),
    app: {
      figuresMs: ms(figuresMs),
      pageMs: ms(pageMs),
      firstPageMs: ms(firstPageMs),
      figuresRounds: figures.map(ms),
      pageRounds: pages.map(ms),
    },
    reference: { ms: ms(referenceMs), rounds: references.map(ms) },
    ratio: { figures: ratio(figuresMs, referenceMs), page: ratio(pageMs, referenceMs) },
    sameFigures: true,
  };
}
