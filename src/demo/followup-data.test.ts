import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testClock } from "../../test/helpers.ts";
import { ageBand, ageOn } from "../families/index.ts";
import { indicatorResults, seededIndicators } from "../followup/index.ts";
import { addDays } from "../platform/dates.ts";
import { sofiaAfterSeriesParent, sofiaChild, sofiaParent } from "../surveys/index.ts";
import { familyProcessSupportModel, sofiaModel } from "../workmodels/index.ts";
import { type GenerateOptions, generateFamilies } from "./families.ts";
import { demoCaseworkers, generateSurveyResponses, roundRobin, type SurveyOptions } from "./followup-data.ts";
import { demoUsers, seedDemo } from "./seed.ts";

const TODAY = "2026-11-27";
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const SOFIA = uuid(900);
const SUPPORT = uuid(901);

function familyOptions(seed: number, count: number): GenerateOptions {
  return {
    seed,
    count,
    today: TODAY,
    municipalityId: uuid(1),
    models: {
      sofia: { versionId: SOFIA, content: sofiaModel },
      processSupport: { versionId: SUPPORT, content: familyProcessSupportModel },
    },
    units: { child: [uuid(10)], addiction: [uuid(20)] },
    staff: {
      childCaseworkers: [{ id: uuid(100), unitId: uuid(10) }],
      adultCaseworkers: [{ id: uuid(102), unitId: uuid(20) }],
      processLeaders: [uuid(104)],
      managers: [uuid(105)],
      registrars: [uuid(104)],
    },
  };
}

const surveyOptions: SurveyOptions = {
  seed: 99,
  municipalityId: uuid(1),
  models: new Map([
    [SOFIA, sofiaModel],
    [SUPPORT, familyProcessSupportModel],
  ]),
  instruments: new Map([
    ["sofia-4q-parent", { versionId: uuid(801), content: sofiaParent }],
    ["sofia-4q-child", { versionId: uuid(802), content: sofiaChild }],
    ["sofia-efter-serien-foralder", { versionId: uuid(803), content: sofiaAfterSeriesParent }],
  ]),
};

describe("round robin over the caseworkers", () => {
  it("gives every member a family when enough families get one, in order, and fills the others too", () => {
    expect(roundRobin(["a", "b", "c"], [true, false, true, true, true, false])).toEqual(["a", "a", "b", "c", "a", "b"]);
    const mixed = [false, true, true, true, false, true];
    const many = roundRobin(["a", "b", "c", "d"], mixed);
    expect(many.filter((_, i) => mixed[i])).toEqual(["a", "b", "c", "d"]);
    expect(() => roundRobin([], [true])).toThrow(RangeError);
  });
});

describe("survey responses after held meetings", () => {
  const rows = generateFamilies(familyOptions(2026, 300));
  const { responses, answers } = generateSurveyResponses(rows, surveyOptions);
  const meetingOf = new Map(rows.meetings.map((m) => [m.id, m]));
  const personOf = new Map(rows.requestPersons.map((p) => [p.id, p]));
  const attendants = (meetingId: string) =>
    rows.meetingParticipants.filter((p) => p.meetingId === meetingId && p.personId !== null && p.attended === true);

  it("is the same for the same rows and seed, and another with another seed", () => {
    expect(generateSurveyResponses(rows, surveyOptions)).toEqual({ responses, answers });
    const other = generateSurveyResponses(rows, { ...surveyOptions, seed: 100 });
    expect(other.answers.map((a) => a.value)).not.toEqual(answers.map((a) => a.value));
  });

  it("never has more responses after a meeting than family members who attended it, nor any after a meeting not held or not surveyed", () => {
    const perMeeting = new Map<string, number>();
    for (const r of responses) perMeeting.set(r.meetingId ?? "", (perMeeting.get(r.meetingId ?? "") ?? 0) + 1);
    expect(perMeeting.size).toBeGreaterThan(50);
    for (const [meetingId, n] of perMeeting) {
      const m = meetingOf.get(meetingId);
      expect(m?.status).toBe("held");
      expect(["familjemote-1", "familjemote-2", "familjemote-3", "barnmote"]).toContain(m?.meetingTypeKey);
      expect(n).toBeLessThanOrEqual(attendants(meetingId).length);
    }
  });

  it("answers as the attendant's role, on the meeting's day, by link or on paper typed in by staff", () => {
    for (const r of responses) {
      const m = meetingOf.get(r.meetingId ?? "");
      if (!m?.heldOn) throw new Error("a response after a meeting that was not held");
      expect(r.processId).toBe(m.processId);
      expect(r.submittedAt.toISOString().slice(0, 10)).toBe(m.heldOn);
      expect(r.complete).toBe(true);
      expect(r.mode === "paper").toBe(r.recordedBy !== null);
      expect(["link", "paper"]).toContain(r.mode);
      const present = attendants(m.id).map((p) => personOf.get(p.personId ?? ""));
      if (r.respondentRole === "child") {
        expect(r.instrumentVersionId).toBe(uuid(802));
        const bands = present.filter((p) => p?.kind === "child").map((p) => ageBand(ageOn(p?.birthDate ?? "", m.heldOn ?? "")));
        expect(bands).toContain(r.ageBand);
        expect(["6–9", "10–12"]).toContain(r.ageBand);
      } else {
        expect(r.ageBand).toBeNull();
        expect([uuid(801), uuid(803)]).toContain(r.instrumentVersionId);
        const problem = r.respondentRole === "parent_with_problem" ? "yes" : expect.not.stringMatching(/^yes$/);
        expect(present.filter((p) => p?.kind === "guardian").map((p) => p?.substanceProblem)).toContainEqual(problem);
      }
      if (r.instrumentVersionId === uuid(803)) expect(m.meetingTypeKey).toBe("familjemote-3");
    }
  });

  it("gets answers from about 60–85 % of the attendants who can answer, mostly 3 and 4, some 1 and 2, a few don't know", () => {
    let canAnswer = 0;
    for (const m of rows.meetings) {
      if (m.status !== "held" || !["familjemote-1", "familjemote-2", "familjemote-3", "barnmote"].includes(m.meetingTypeKey)) continue;
      for (const a of attendants(m.id)) {
        const p = personOf.get(a.personId ?? "");
        const age = p ? ageOn(p.birthDate, m.heldOn ?? "") : 0;
        if (p?.kind === "guardian" || (age >= 6 && age <= 12)) canAnswer++;
      }
    }
    const meetingSurveys = responses.filter((r) => r.instrumentVersionId !== uuid(803)).length;
    expect(meetingSurveys / canAnswer).toBeGreaterThan(0.6);
    expect(meetingSurveys / canAnswer).toBeLessThan(0.85);
    const share = (v: number | null) => answers.filter((a) => a.value === v).length / answers.length;
    expect(share(3) + share(4)).toBeGreaterThan(0.7);
    expect(share(1) + share(2)).toBeGreaterThan(0.05);
    expect(share(null)).toBeGreaterThan(0.02);
    expect(share(null)).toBeLessThan(0.15);
    for (const a of answers) expect(a.dontKnow).toBe(a.value === null);
    const strategies = answers.filter((a) => a.itemKey === "strategier-verktyg");
    expect(strategies.length).toBeGreaterThan(0);
  });
});

describe("the demo's follow-up data", () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let again: Awaited<ReturnType<typeof createTestDatabase>>;
  const clock = testClock();
  beforeAll(async () => {
    database = await createTestDatabase();
    again = await createTestDatabase();
    await seedDemo(database.db, "Demo-lösenord-2026", clock);
    await seedDemo(again.db, "Demo-lösenord-2026", clock);
  });
  afterAll(async () => {
    await database.drop();
    await again.drop();
  });
  const q = async <T>(text: string, values: unknown[] = []) => (await database.pool.query(text, values)).rows as T[];

  it("keeps the demo logins as they were, and the new caseworkers have no password", async () => {
    const rows = await q<{ username: string; has_password: boolean; roles: string[] }>(
      `select u.username, u.password_hash is not null as has_password, array_agg(r.role::text order by r.role) as roles
       from users u join user_roles r on r.user_id = u.id group by u.username, u.password_hash`,
    );
    for (const d of demoUsers) {
      const row = rows.find((r) => r.username === d.username);
      expect(row?.has_password, d.username).toBe(true);
      expect(row?.roles).toEqual([...d.roles].sort());
    }
    for (const c of demoCaseworkers) expect(rows.find((r) => r.username === c.username)?.has_password, c.username).toBe(false);
  });

  it("gives each unit at least five active caseworkers, and each child and adult caseworker families", async () => {
    const perUnit = await q<{ name: string; n: number; assigned: number }>(
      `select un.name, count(*)::int as n,
         count(*) filter (where exists (select 1 from process_assignments pa where pa.user_id = u.id
           and pa.role in ('child_caseworker', 'adult_caseworker')))::int as assigned
       from user_units uu join users u on u.id = uu.user_id and u.active join units un on un.id = uu.unit_id
       where exists (select 1 from user_roles r where r.user_id = u.id and r.role = 'caseworker') group by un.name`,
    );
    expect(perUnit).toHaveLength(7);
    for (const u of perUnit) {
      expect(u.n, u.name).toBeGreaterThanOrEqual(5);
      expect(u.n, u.name).toBeLessThanOrEqual(8);
      // Everyone at the child and addiction units took part in some family; nobody at intake.
      expect(u.assigned, u.name).toBe(u.name === "Mottagningsenheten" ? 0 : u.n);
    }
  });

  it("never stores more responses after a meeting than family members who attended, and only after held meetings", async () => {
    const over = await q(
      `select m.id from meetings m join survey_responses s on s.meeting_id = m.id group by m.id
       having count(*) > (select count(*) from meeting_participants p where p.meeting_id = m.id and p.person_id is not null and p.attended)`,
    );
    expect(over).toHaveLength(0);
    expect(await q("select 1 from survey_responses s join meetings m on m.id = s.meeting_id where m.status <> 'held'")).toHaveLength(0);
    expect(
      await q(
        `select 1 from survey_responses s join meetings m on m.id = s.meeting_id
         where (s.submitted_at at time zone 'Europe/Stockholm')::date <> m.held_on`,
      ),
    ).toHaveLength(0);
    const instruments = await q<{ key: string }>(
      `select distinct i.key from survey_responses s join survey_instrument_versions v on v.id = s.instrument_version_id
       join survey_instruments i on i.id = v.instrument_id where s.meeting_id is not null order by i.key`,
    );
    expect(instruments.map((i) => i.key)).toEqual(["sofia-4q-child", "sofia-4q-parent", "sofia-efter-serien-foralder"]);
  });

  it("has stops held on time, held late and overdue in running processes, and joint child impact analyses", async () => {
    const [m] = await q<{ id: string }>("select id from municipalities");
    const stops = seededIndicators.find((i) => i.key === "hallplatser-i-tid");
    if (!m || !stops) throw new Error("no demo municipality or no stops indicator");
    const period = { key: "p", from: addDays(clock.today(), -3650), to: addDays(clock.today(), 3650) };
    const byState = await indicatorResults(
      database.db,
      m.id,
      [{ ...stops, content: { ...stops.content, groupBy: { field: "state" } } }],
      [period],
      1,
      clock.today(),
    );
    const states = new Map(byState[0]?.periods.p?.map((r) => [r.group, r.denominator ?? 0]));
    expect(states.get("held_on_time") ?? 0).toBeGreaterThan((states.get("held_late") ?? 0) + (states.get("overdue") ?? 0));
    expect(states.get("held_late") ?? 0).toBeGreaterThan(0);
    expect(states.get("overdue") ?? 0).toBeGreaterThan(0);
    const [share] = await q<{ support: number; all: number }>(
      `select count(*) filter (where wm.key = 'familjeorienterat-processtod')::int as support, count(*)::int as all
       from processes p join work_model_versions v on v.id = p.work_model_version_id join work_models wm on wm.id = v.work_model_id`,
    );
    expect((share?.support ?? 0) / (share?.all ?? 1)).toBeGreaterThan(0.2);
    expect((share?.support ?? 0) / (share?.all ?? 1)).toBeLessThan(0.4);
    expect(await q("select 1 from child_impact_analyses where joint")).not.toHaveLength(0);
  });

  it("shows the follow-up's answers, staff and stops with figures for the last two years", async () => {
    const [m] = await q<{ id: string }>("select id from municipalities");
    if (!m) throw new Error("no demo municipality");
    const today = clock.today();
    const period = { key: "p", from: addDays(today, -730), to: today };
    const keys = ["svarsfrekvens", "medelvarde-foraldrar", "medelvarde-barn", "handlaggare-deltagit", "hallplatser-i-tid"];
    const results = await indicatorResults(
      database.db,
      m.id,
      seededIndicators.filter((i) => keys.includes(i.key)),
      [period],
      5,
      clock.today(),
    );
    for (const r of results) {
      const shown = (r.periods.p ?? []).filter((row) => !row.suppressed && (row.percent !== null || row.value !== null));
      expect(shown.length, r.key).toBeGreaterThan(0);
    }
    const staff = results.find((r) => r.key === "handlaggare-deltagit")?.periods.p ?? [];
    expect(staff.every((row) => !row.suppressed)).toBe(true);
  });

  it("makes the same responses, answers, stops and staff at every start", async () => {
    const snapshot = async (db: typeof database) =>
      (
        await db.pool.query(
          `select (select json_agg(x order by x::text) from (select s.meeting_id, s.respondent_role, s.age_band, s.mode, s.submitted_at, a.item_key, a.value
             from survey_responses s join survey_answers a on a.response_id = s.id) x) as answers,
           (select json_agg(c order by c::text) from (select process_id, stop_key, child_id, held_on from consultations) c) as stops,
           (select json_agg(u order by u::text) from (select u.username, pa.process_id, pa.role from process_assignments pa
             join users u on u.id = pa.user_id) u) as assignments`,
        )
      ).rows[0];
    expect(await snapshot(again)).toEqual(await snapshot(database));
  });
});
