/**
 * The baseline for bench/run.ts: bare Fastify and pg, no plugins, no hooks. It answers
 * - GET /logga-in with the app's login page and headers as the app sent them once, with what the page
 *   must do per request done plainly (nothing rendered): a new CSP nonce and CSRF token put in the
 *   text and the CSP header, and the anonymous CSRF cookie set (the app's `identifyRequests`),
 * - GET /api/v1/me with the same SQL that the app runs for that call: the token lookup, the user,
 *   their roles and units, and the token's last-used update at most once a minute (see
 *   actorForApiToken and loadActor in src/platform/sessions.ts), with a pool of the same size as the app's.
 * - GET /start (where GET / sends a logged-in user) for a caseworker (session cookie): the session and the actor as the app loads
 *   them, then the same rows as the app's start page: the caseworker's assigned processes with the
 *   family's names and the next planned meeting, the user's units and colleagues, and what the
 *   stops, the series and the planned meetings need (children, meetings, consultations, first
 *   grant), rendered as plain HTML.
 * - GET /processer/:id: the session and the actor, then the same rows as the app's family page: the
 *   process with its request, persons, assignments, meetings with each one's attendance and
 *   answers, interruptions, consultations, support measures, child impact analyses and safety
 *   ratings, rendered as plain HTML.
 *   Both pages do the app's audit duty in its form (decision 0051): one audit_log row per view
 *   naming everyone shown (`subject_person_ids`, the colleagues in `subject_user_ids`), in one insert.
 * - POST /survey-answers: a bare insert of one survey response and its answers (bench/surveys.ts).
 */
import crypto from "node:crypto";
import Fastify from "fastify";
import pg from "pg";
import type { ServerReady, ServerStart } from "./protocol.ts";

process.once("message", async (message: ServerStart) => {
  const pool = new pg.Pool({ connectionString: message.databaseUrl, max: 10 });
  const html = message.loginHtml ?? "";
  const app = Fastify({ logger: false });

  // Where the app's one answer had its nonce and CSRF token, this side puts its own.
  const sentNonce = /nonce="([^"]+)"/.exec(html)?.[1] ?? "";
  const sentCsrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";
  if (!sentNonce || !sentCsrf) throw new Error("the app's login page has no nonce or CSRF token");
  const parts = html.split(new RegExp(`(${sentNonce.replace(/[+/=]/g, "\\$&")}|${sentCsrf})`));
  const headers = message.loginHeaders ?? {};
  const csp = headers["content-security-policy"] ?? "";
  app.get("/logga-in", async (_req, reply) => {
    const nonce = crypto.randomBytes(16).toString("base64");
    const csrf = crypto.randomBytes(32).toString("base64url");
    const body = parts.map((p) => (p === sentNonce ? nonce : p === sentCsrf ? csrf : p)).join("");
    return reply
      .headers({ ...headers, "content-security-policy": csp.replaceAll(sentNonce, nonce) })
      .header("set-cookie", `sofia_csrf=${csrf}; Path=/; HttpOnly; SameSite=Lax`)
      .send(body);
  });

  app.get("/api/v1/me", async (req, reply) => {
    const header = req.headers.authorization ?? "";
    const token = header.startsWith("Bearer ") ? header.slice(7).trim() : "";
    const hash = crypto.createHash("sha256").update(token).digest("hex");
    const tokens = await pool.query(
      "select * from api_tokens where token_hash = $1 and revoked_at is null and (expires_at is null or expires_at > now())",
      [hash],
    );
    const row = tokens.rows[0];
    if (!row) return reply.code(401).send({ status: 401 });
    const users = await pool.query("select * from users where id = $1 and active = true", [row.user_id]);
    const user = users.rows[0];
    if (!user) return reply.code(401).send({ status: 401 });
    const [roles, units] = await Promise.all([
      pool.query("select role from user_roles where user_id = $1", [user.id]),
      pool.query("select unit_id from user_units where user_id = $1", [user.id]),
    ]);
    const now = new Date();
    if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > 60_000) {
      await pool.query("update api_tokens set last_used_at = $1 where id = $2", [now, row.id]);
    }
    return {
      id: user.id,
      username: user.username,
      displayName: user.display_name,
      roles: roles.rows.map((r) => r.role),
      unitIds: units.rows.map((u) => u.unit_id),
      scopes: row.scopes,
    };
  });

  const htmlText = (v: unknown) =>
    String(v ?? "").replace(/[&<>"]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&quot;"));
  const page = (title: string, body: string) =>
    `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>${htmlText(title)}</title></head><body><main><h1>${htmlText(title)}</h1>${body}</main></body></html>`;

  /** The session's user, as SessionStore.resume and loadActor read it; null when the cookie is not a live session. */
  async function actorFromCookie(cookieHeader: string | undefined) {
    const token = /(?:^|;\s*)sofia_session=([^;]+)/.exec(cookieHeader ?? "")?.[1] ?? "";
    const hash = crypto.createHash("sha256").update(token).digest("hex");
    const sessions = await pool.query("select * from sessions where token_hash = $1", [hash]);
    const session = sessions.rows[0];
    const now = new Date();
    if (!session || session.idle_expires_at <= now || session.absolute_expires_at <= now) return null;
    const users = await pool.query("select * from users where id = $1 and active = true", [session.user_id]);
    const user = users.rows[0];
    if (!user) return null;
    const [roles, units] = await Promise.all([
      pool.query("select role from user_roles where user_id = $1", [user.id]),
      pool.query("select unit_id from user_units where user_id = $1", [user.id]),
    ]);
    if (now.getTime() - session.last_seen_at.getTime() > 60_000) {
      await pool.query("update sessions set last_seen_at = $1 where token_hash = $2", [now, hash]);
    }
    return {
      id: user.id as string,
      username: user.username as string,
      displayName: user.display_name as string,
      roles: roles.rows.map((r) => r.role as string),
      units: units.rows.map((u) => u.unit_id as string),
    };
  }

  type View = {
    action: string;
    recordType: string;
    recordId: string | null;
    personIds?: string[];
    userIds?: string[];
    detail: Record<string, unknown>;
  };
  /** The app's audit rows of a page: one row per view naming everyone shown (persons or colleagues), all in one insert. */
  async function auditViews(actor: NonNullable<Awaited<ReturnType<typeof actorFromCookie>>>, ip: string, views: View[]) {
    const shown = views.filter((v) => (v.personIds?.length ?? 0) + (v.userIds?.length ?? 0) > 0);
    if (shown.length === 0) return;
    const values: unknown[] = [];
    const rows = shown.map((v) => {
      const at = values.length;
      values.push(actor.id, actor.username, actor.roles, actor.units, v.action, v.recordType, v.recordId);
      values.push([...new Set(v.personIds ?? [])], [...new Set(v.userIds ?? [])], ip, v.detail);
      return `(${Array.from({ length: 11 }, (_, i) => `$${at + i + 1}`).join(", ")})`;
    });
    await pool.query(
      `insert into audit_log (actor_user_id, actor_username, actor_roles, actor_unit_ids, action, record_type, record_id, subject_person_ids, subject_user_ids, ip, detail)
       values ${rows.join(", ")}`,
      values,
    );
  }

  app.get("/start", async (req, reply) => {
    const actor = await actorFromCookie(req.headers.cookie);
    if (!actor) return reply.code(303).header("location", "/logga-in").send();
    const work = await pool.query(
      `select p.id, p.phase, p.status, r.request_date, r.case_type, a.role,
         (select string_agg(rp.name, ', ' order by rp.kind desc, rp.position) from request_persons rp where rp.request_id = r.id) as names,
         array(select rp.id from request_persons rp where rp.request_id = r.id) as person_ids,
         (select min(m.planned_date) from meetings m where m.process_id = p.id and m.status = 'planned') as next_meeting
       from process_assignments a
       join processes p on p.id = a.process_id
       join requests r on r.id = p.request_id
       where a.user_id = $1 and a.ended_on is null
       order by next_meeting nulls last, r.request_date`,
      [actor.id],
    );
    // The rest of what the app's start page shows: the user's units and colleagues, and what the
    // consultation stops, the series and the planned meetings need (children, every meeting,
    // consultations, the first grant), read side by side.
    const ids = work.rows.map((w) => w.id as string);
    const [units, colleagues, children, meetings, consulted, granted] = await Promise.all([
      pool.query("select id, name, kind from units where id = any($1)", [actor.units]),
      pool.query(
        `select u.id, u.display_name, uu.unit_id, array(select r.role from user_roles r where r.user_id = u.id order by r.role) as roles
         from users u join user_units uu on uu.user_id = u.id where uu.unit_id = any($1) and u.active and u.id <> $2 order by u.display_name`,
        [actor.units, actor.id],
      ),
      pool.query(
        "select p.id as process_id, rp.id, rp.name, rp.birth_date from request_persons rp join processes p on p.request_id = rp.request_id where p.id = any($1) and rp.kind = 'child' order by rp.position",
        [ids],
      ),
      pool.query(
        "select id, process_id, meeting_type_key, child_id, status, planned_date, planned_time, place, held_on from meetings where process_id = any($1) order by created_at",
        [ids],
      ),
      pool.query("select process_id, stop_key, child_id, held_on from consultations where process_id = any($1)", [ids]),
      pool.query(
        "select process_id, min(granted_on) as first from support_measures where process_id = any($1) and granted_on is not null group by process_id",
        [ids],
      ),
    ]);
    const today = new Date().toISOString().slice(0, 10);
    const planned = meetings.rows
      .filter((m) => m.status === "planned" && String(m.planned_date) >= today)
      .sort((a, b) => String(a.planned_date).localeCompare(String(b.planned_date)))
      .slice(0, 20);
    const rows = work.rows
      .map(
        (w) =>
          `<tr><td><a href="/processer/${w.id}">${htmlText(w.names)}</a></td><td>${htmlText(w.role)}</td><td>${htmlText(w.phase)}</td><td>${htmlText(w.status)}</td><td>Typ ${htmlText(w.case_type)}</td><td>${htmlText(w.next_meeting)}</td></tr>`,
      )
      .join("");
    await auditViews(actor, req.ip, [
      {
        action: "worklist.view",
        recordType: "process",
        recordId: null,
        personIds: work.rows.flatMap((w) => w.person_ids as string[]),
        detail: { processIds: ids },
      },
      {
        action: "user.view",
        recordType: "user",
        recordId: null,
        userIds: colleagues.rows.map((c) => c.id as string),
        detail: { page: "start" },
      },
    ]);
    const list = (items: string[]) => `<ul>${items.map((i) => `<li>${i}</li>`).join("")}</ul>`;
    return reply
      .header("content-type", "text/html; charset=utf-8")
      .send(
        page(
          `Välkommen ${actor.displayName}`,
          `<table><thead><tr><th>Familj</th><th>Roll</th><th>Fas</th><th>Status</th><th>Ärendetyp</th><th>Nästa möte</th></tr></thead><tbody>${rows}</tbody></table>` +
            list(planned.map((m) => `${htmlText(m.planned_date)} ${htmlText(m.meeting_type_key)} ${htmlText(m.place)}`)) +
            list(units.rows.map((u) => htmlText(u.name))) +
            list(colleagues.rows.map((c) => `${htmlText(c.display_name)} (${htmlText(c.roles)})`)) +
            `<p>${children.rowCount} barn, ${consulted.rowCount} konsultationer, ${granted.rowCount} beviljade insatser</p>`,
        ),
      );
  });

  app.get("/processer/:id", async (req, reply) => {
    const actor = await actorFromCookie(req.headers.cookie);
    if (!actor) return reply.code(303).header("location", "/logga-in").send();
    const { id } = req.params as { id: string };
    const found = await pool.query(
      "select p.*, r.request_date, r.case_type, r.household, r.custody, r.meeting_date from processes p join requests r on r.id = p.request_id where p.id = $1",
      [id],
    );
    const process = found.rows[0];
    if (!process) return reply.code(404).send();
    // Everything the app's family page shows, read side by side: the family, assignments, meetings
    // (with each held meeting's attendance and answers), interruptions, consultations, further
    // support, the child impact analyses and the safety ratings.
    const [persons, meetings, assignments, interruptions, consulted, support, analyses, ratings] = await Promise.all([
      pool.query("select * from request_persons where request_id = $1 order by kind desc, position", [process.request_id]),
      pool.query(
        `select m.*,
           (select count(*) from meeting_participants mp where mp.meeting_id = m.id and mp.person_id is not null and mp.attended) as attended,
           (select count(*) from survey_responses sr where sr.meeting_id = m.id) as responses
         from meetings m where m.process_id = $1 order by coalesce(m.held_on, m.planned_date), m.created_at`,
        [id],
      ),
      pool.query(
        "select a.role, a.assigned_on, a.ended_on, u.display_name from process_assignments a join users u on u.id = a.user_id where a.process_id = $1 order by a.assigned_on",
        [id],
      ),
      pool.query("select * from process_interruptions where process_id = $1 order by interrupted_on, created_at", [id]),
      pool.query("select stop_key, child_id, held_on from consultations where process_id = $1", [id]),
      pool.query(
        "select s.*, u.display_name from support_measures s left join users u on u.id = s.recorded_by where s.process_id = $1 order by s.created_at",
        [id],
      ),
      pool.query(
        "select c.*, u.display_name from child_impact_analyses c left join users u on u.id = c.recorded_by where c.process_id = $1",
        [id],
      ),
      pool.query("select * from safety_ratings where process_id = $1 order by rated_on, created_at", [id]),
    ]);
    await auditViews(actor, req.ip, [
      {
        action: "process.view",
        recordType: "process",
        recordId: id,
        personIds: persons.rows.map((p) => p.id as string),
        detail: { minimal: false },
      },
    ]);
    const list = (items: string[]) => `<ul>${items.map((i) => `<li>${i}</li>`).join("")}</ul>`;
    const body = [
      `<p>${htmlText(process.phase)} · ${htmlText(process.status)} · Typ ${htmlText(process.case_type)} · ${htmlText(process.request_date)}</p>`,
      list(persons.rows.map((p) => `${htmlText(p.name)} (${htmlText(p.kind)}, ${htmlText(p.birth_date)})`)),
      list(assignments.rows.map((a) => `${htmlText(a.role)}: ${htmlText(a.display_name)} från ${htmlText(a.assigned_on)}`)),
      list(
        meetings.rows.map(
          (m) =>
            `${htmlText(m.meeting_type_key)} ${htmlText(m.status)} ${htmlText(m.held_on ?? m.planned_date)} ${htmlText(m.attended)}/${htmlText(m.responses)}`,
        ),
      ),
      list(interruptions.rows.map((i) => `${htmlText(i.interrupted_on)} ${htmlText(i.reason)}`)),
      list(consulted.rows.map((c) => `${htmlText(c.stop_key)} ${htmlText(c.held_on)}`)),
      list(support.rows.map((m) => `${htmlText(m.kind)} ${htmlText(m.granted_on)} ${htmlText(m.display_name)}`)),
      list(analyses.rows.map((a) => `${htmlText(a.made_on)} ${htmlText(a.display_name)}`)),
      list(ratings.rows.map((r) => `${htmlText(r.rated_on)} ${htmlText(r.score)}`)),
    ].join("");
    return reply.header("content-type", "text/html; charset=utf-8").send(page("Familjens process", body));
  });

  /** A bare insert of one survey response and its answers in a transaction: no token, no check, no idempotency. */
  app.post<{
    Body: {
      submissionKey: string;
      municipalityId: string;
      versionId: string;
      meetingId: string;
      processId: string;
      answers: Array<{ itemKey: string; value: number; dontKnow: boolean }>;
    };
  }>("/survey-answers", async (req) => {
    const b = req.body;
    const client = await pool.connect();
    try {
      await client.query("begin");
      const inserted = await client.query(
        `insert into survey_responses (municipality_id, instrument_version_id, meeting_id, process_id, respondent_role, mode, submission_key, complete, period_on)
         values ($1, $2, $3, $4, 'parent_with_problem', 'link', $5, true,
           coalesce((select coalesce(held_on, planned_date) from meetings where id = $3), current_date)) returning id`,
        [b.municipalityId, b.versionId, b.meetingId, b.processId, b.submissionKey],
      );
      const id = inserted.rows[0].id;
      await client.query(
        `insert into survey_answers (response_id, item_key, value, dont_know)
         select $1, t.item_key, t.value, t.dont_know from unnest($2::text[], $3::smallint[], $4::boolean[]) as t(item_key, value, dont_know)`,
        [id, b.answers.map((a) => a.itemKey), b.answers.map((a) => a.value), b.answers.map((a) => a.dontKnow)],
      );
      await client.query("commit");
      return { id };
    } catch (e) {
      await client.query("rollback");
      throw e;
    } finally {
      client.release();
    }
  });

  await app.listen({ host: "127.0.0.1", port: 0 });
  const address = app.server.address();
  const ready: ServerReady = { port: typeof address === "object" && address ? address.port : 0 };
  process.send?.(ready);
  process.once("message", async () => {
    await app.close();
    await pool.end();
    process.exit(0);
  });
});
