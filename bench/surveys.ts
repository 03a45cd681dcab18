/**
 * Survey submission for npm run bench: parents answering their links through the app's API
 * (POST /api/v1/survey-answers: the token lookup under a row lock, the check of every answer
 * against the instrument, the idempotent insert, the link marked used) against the baseline's bare
 * insert of the same rows (POST /survey-answers: one response and its four answers in a
 * transaction, nothing checked).
 *
 * Every tenth answer is sent a second time at once, as a double tap or a retry after a network
 * error. Afterwards the database must hold exactly one complete response per link (zero lost, zero
 * duplicated); the figures are answers stored per second on each side and their ratio.
 */
import crypto from "node:crypto";
import autocannon from "autocannon";
import type pg from "pg";
import { randomToken, sha256 } from "../src/platform/sessions.ts";

/** One answer in ten is sent twice. */
const RETRY_EVERY = 10;

export interface SurveyLinks {
  tokens: string[];
  municipalityId: string;
  versionId: string;
  itemKeys: string[];
  /** Held meetings (with their process) the links and the baseline's rows belong to, used in turn. */
  meetings: Array<{ meetingId: string; processId: string }>;
}

/** Link invitations of the parents' four questions on held family meetings of the generated families. */
export async function prepareSurveyLinks(pool: pg.Pool, count: number): Promise<SurveyLinks> {
  const version = await pool.query<{ id: string; municipality_id: string; content: { items: Array<{ key: string }> } }>(
    `select v.id, i.municipality_id, v.content from survey_instrument_versions v join survey_instruments i on i.id = v.instrument_id
     join municipalities m on m.id = i.municipality_id
     where i.key = 'sofia-4q-parent' and v.status = 'published'
     order by (select count(*) from processes p where p.municipality_id = m.id) desc, v.number desc limit 1`,
  );
  const v = version.rows[0];
  if (!v) throw new Error("no published sofia-4q-parent instrument");
  const held = await pool.query<{ id: string; process_id: string }>(
    `select m.id, m.process_id from meetings m join processes p on p.id = m.process_id
     where p.municipality_id = $1 and m.status = 'held' and m.child_id is null
       and exists (select 1 from work_model_versions v, jsonb_array_elements(v.content -> 'meetingTypes') t
         where v.id = p.work_model_version_id and t ->> 'key' = m.meeting_type_key and t -> 'participants' ? 'family')
     order by m.id limit 2000`,
    [v.municipality_id],
  );
  if (held.rows.length === 0) throw new Error("the generated families have no held family meeting");
  const meetings = held.rows.map((r) => ({ meetingId: r.id, processId: r.process_id }));
  const tokens = Array.from({ length: count }, () => randomToken());
  const at = (i: number) => meetings[i % meetings.length] as { meetingId: string; processId: string };
  await pool.query(
    `insert into survey_invitations (municipality_id, token_hash, instrument_version_id, meeting_id, process_id, respondent_role, mode, expires_at)
     select $1, t.hash, $2, t.meeting_id, t.process_id, 'parent_with_problem', 'link', now() + interval '1 day'
     from unnest($3::text[], $4::uuid[], $5::uuid[]) as t(hash, meeting_id, process_id)`,
    [v.municipality_id, v.id, tokens.map(sha256), tokens.map((_, i) => at(i).meetingId), tokens.map((_, i) => at(i).processId)],
  );
  return { tokens, municipalityId: v.municipality_id, versionId: v.id, itemKeys: v.content.items.map((i) => i.key), meetings };
}

/** The same answers every time: values 1–4 in turn, so that both sides store the same rows. */
const answersOf = (itemKeys: string[], n: number) => itemKeys.map((itemKey, k) => ({ itemKey, value: ((n + k) % 4) + 1, dontKnow: false }));

interface Submitted {
  answersPerSecond: number;
  requests: number;
  seconds: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  /** Answers other than 2xx, by status. A repeated send of a completed answer gets 410 ("already answered"). */
  statuses: Record<string, number>;
  errors: number;
}

/**
 * Sends `count` answers (and a retry of every tenth) at `connections` connections and times it.
 * `body(n)` is the request body of the n-th answer.
 */
function submit(url: string, count: number, connections: number, body: (n: number) => unknown): Promise<Submitted> {
  const sends: number[] = [];
  for (let n = 0; n < count; n++) {
    sends.push(n);
    if (n % RETRY_EVERY === 0) sends.push(n);
  }
  let next = 0;
  const started = process.hrtime.bigint();
  // autocannon notices that `amount` is reached only on its once-a-second tick, so the time is taken
  // at the last answer instead.
  let last = started;
  const statuses: Record<string, number> = {};
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections,
        amount: sends.length,
        requests: [
          {
            method: "POST",
            headers: { "content-type": "application/json" },
            setupRequest: (req) => ({ ...req, body: JSON.stringify(body(sends[next++] ?? 0)) }),
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        const seconds = Number(last - started) / 1e9;
        resolve({
          answersPerSecond: Math.round(count / seconds),
          requests: result.requests.total,
          seconds: Math.round(seconds * 100) / 100,
          latencyP50Ms: result.latency.p50,
          latencyP99Ms: result.latency.p99,
          statuses,
          errors: result.errors + result.timeouts,
        });
      },
    );
    instance.on("response", (_client, status) => {
      last = process.hrtime.bigint();
      if (status < 200 || status > 299) statuses[status] = (statuses[status] ?? 0) + 1;
    });
  });
}

/**
 * Measures `rounds` rounds of `perRound` answers on each side, alternating which goes first, and
 * checks afterwards that every link has exactly one complete response with all its answers.
 */
export async function measureSurveySubmission(
  pool: pg.Pool,
  links: SurveyLinks,
  appUrl: string,
  baseUrl: string,
  { rounds, perRound, connections }: { rounds: number; perRound: number; connections: number },
) {
  if (links.tokens.length < rounds * perRound) throw new Error("fewer links than answers to send");
  const app: Submitted[] = [];
  const baseline: Submitted[] = [];
  const appRound = (round: number) =>
    submit(`${appUrl}/api/v1/survey-answers`, perRound, connections, (n) => ({
      token: links.tokens[round * perRound + n],
      answers: answersOf(links.itemKeys, n),
      complete: true,
    }));
  // The baseline has no idempotency: a repeated send inserts a row of its own, so its keys are
  // random per send and its rows are deleted after the run.
  const baseRound = () =>
    submit(`${baseUrl}/survey-answers`, perRound, connections, (n) => {
      const meeting = links.meetings[n % links.meetings.length];
      return {
        submissionKey: crypto.randomUUID(),
        municipalityId: links.municipalityId,
        versionId: links.versionId,
        meetingId: meeting?.meetingId,
        processId: meeting?.processId,
        answers: answersOf(links.itemKeys, n),
      };
    });
  for (let round = 0; round < rounds; round++) {
    if (round % 2 === 0) {
      app.push(await appRound(round));
      baseline.push(await baseRound());
    } else {
      baseline.push(await baseRound());
      app.push(await appRound(round));
    }
  }
  for (const [who, list] of [
    ["app", app],
    ["baseline", baseline],
  ] as const) {
    for (const m of list) {
      const { 410: gone = 0, ...other } = m.statuses;
      // Only the app's repeated sends may be told "already answered"; nothing else may fail.
      const allowedGone = who === "app" ? Math.ceil(perRound / RETRY_EVERY) : 0;
      if (m.errors > 0 || Object.keys(other).length > 0 || gone > allowedGone)
        throw new Error(`surveySubmission, ${who}: ${JSON.stringify(m.statuses)} and ${m.errors} errors`);
    }
  }

  const sent = links.tokens.slice(0, rounds * perRound).map(sha256);
  const check = await pool.query<{ links: number; responses: number; complete: number; answers: number; used: number }>(
    `select count(distinct i.id)::int as links, count(distinct r.id)::int as responses,
            count(distinct r.id) filter (where r.complete)::int as complete,
            (select count(*)::int from survey_answers a join survey_responses r2 on r2.id = a.response_id
              join survey_invitations i2 on i2.submission_key = r2.submission_key where i2.token_hash = any($1)) as answers,
            count(distinct i.id) filter (where i.used_at is not null)::int as used
     from survey_invitations i left join survey_responses r on r.submission_key = i.submission_key
     where i.token_hash = any($1)`,
    [sent],
  );
  const c = check.rows[0];
  const expected = sent.length;
  const lost = expected - (c?.complete ?? 0);
  const duplicated = (c?.responses ?? 0) - (c?.links ?? 0);
  if (!c || lost !== 0 || duplicated !== 0 || c.used !== expected || c.answers !== expected * links.itemKeys.length) {
    throw new Error(`surveySubmission: ${JSON.stringify(c)} for ${expected} links: ${lost} lost, ${duplicated} duplicated`);
  }
  // The baseline's rows are the ones no invitation gave.
  const baselineRows =
    "select r.id from survey_responses r where not exists (select 1 from survey_invitations i where i.submission_key = r.submission_key)";
  await pool.query(`delete from survey_answers where response_id in (${baselineRows})`);
  await pool.query(`delete from survey_responses where id in (${baselineRows})`);

  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  const appRate = median(app.map((m) => m.answersPerSecond));
  const baseRate = median(baseline.map((m) => m.answersPerSecond));
  return {
    connections,
    answersPerRound: perRound,
    retriesPerRound: Math.ceil(perRound / RETRY_EVERY),
    app: { answersPerSecond: appRate, rounds: app },
    baseline: { answersPerSecond: baseRate, rounds: baseline },
    ratio: { answersPerSecond: baseRate > 0 ? Math.round((appRate / baseRate) * 100) / 100 : null },
    stored: { links: expected, lost, duplicated },
  };
}
