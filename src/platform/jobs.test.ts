import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, TEST_PASSWORD, testClock } from "../../test/helpers.ts";
import { waitUntil } from "../../test/wait.ts";
import { seedDemo } from "../demo/index.ts";
import { CREATE_FOLLOWUPS, outcomesJobs, yearsAfter } from "../outcomes/index.ts";
import { addDays } from "./dates.ts";
import { type JobRunner, startJobRunner } from "./jobs.ts";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let runner: JobRunner | undefined;
const clock = testClock();
const today = clock.today();

async function followups() {
  const r = await database.db.execute(
    sql`select p.completed_on::text as completed, f.horizon, f.due_on::text as due from outcome_followups f join processes p on p.id = f.process_id order by 1, 2`,
  );
  return r.rows as Array<{ completed: string; horizon: number; due: string }>;
}

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db, TEST_PASSWORD, clock);
  // Exactly four completed processes: two years ago (both follow-ups due), a year and a week ago
  // (one due), a year ago today (due today) and a hundred days ago (none due).
  const dates = [addDays(yearsAfter(today, -2), -3), addDays(yearsAfter(today, -1), -7), yearsAfter(today, -1), addDays(today, -100)];
  await database.db.execute(sql`delete from outcome_followups`);
  await database.db.execute(sql`update processes set completed_on = null`);
  const ids = (await database.db.execute(sql`select id from processes order by id limit 4`)).rows.map((r) => r.id as string);
  for (const [i, id] of ids.entries())
    await database.db.execute(sql`update processes set completed_on = ${dates[i]}::date where id = ${id}`);
});

afterAll(async () => {
  await runner?.stop();
  await database?.drop();
});

describe("the job runner (pg-boss)", () => {
  it("runs outcomes.create-followups at start and creates exactly the due follow-ups; a second run creates none", async () => {
    runner = await startJobRunner({ connectionString: database.url, pollingIntervalSeconds: 0.5 }, outcomesJobs(database.db, clock));
    const rows = await waitUntil("four follow-ups", followups, (r) => r.length >= 4);
    const twoYears = addDays(yearsAfter(today, -2), -3);
    const oneYear = addDays(yearsAfter(today, -1), -7);
    expect(rows).toEqual([
      { completed: twoYears, horizon: 1, due: yearsAfter(twoYears, 1) },
      { completed: twoYears, horizon: 2, due: yearsAfter(twoYears, 2) },
      { completed: oneYear, horizon: 1, due: yearsAfter(oneYear, 1) },
      { completed: yearsAfter(today, -1), horizon: 1, due: today },
    ]);

    // Run it again through the queue: it completes and adds nothing (insert … on conflict do nothing).
    const id = await waitUntil(
      "the queue to take a job",
      () => runner?.send(CREATE_FOLLOWUPS) ?? Promise.resolve(null),
      (v) => v !== null,
      { within: 10_000, every: 200 },
    );
    expect(id).not.toBeNull();
    const state = await waitUntil(
      "the job to end",
      () => runner?.state(CREATE_FOLLOWUPS, id as string) ?? Promise.resolve(undefined),
      (s) => s?.state === "completed" || s?.state === "failed",
      { every: 200 },
    );
    expect(state).toMatchObject({ state: "completed", output: { created: 0 } });
    expect(await followups()).toHaveLength(4);

    // The schedule is stored for the cron monitor, in Swedish time.
    const schedule = await database.db.execute(sql`select cron, options from pgboss.schedule where name = ${CREATE_FOLLOWUPS}`);
    expect(schedule.rows[0]).toMatchObject({ cron: "30 3 * * *", options: { tz: "Europe/Stockholm" } });
  });

  it("stops cleanly: its connections are closed", async () => {
    await runner?.stop();
    // A closed connection's server process leaves pg_stat_activity a moment after the client closes it.
    const left = async () =>
      (
        await database.db.execute(
          sql`select count(*)::int as n from pg_stat_activity where application_name = 'sofia-jobs' and datname = current_database()`,
        )
      ).rows[0]?.n;
    expect(await waitUntil("the job runner's connections to close", left, (n) => n === 0, { within: 5_000 })).toBe(0);
  });
});
