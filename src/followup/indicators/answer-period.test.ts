/**
 * A survey answer counts in its meeting's period in a follow-up indicator over answers (decision
 * 0046): paper forms typed in a year after the meeting, through the HTTP app on a real PostgreSQL,
 * move "Andel som känt sig lyssnade på" of the meeting's period by exactly the hand-counted answers
 * and leave the period they were typed in as it was.
 */
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decidedFamily } from "../../../test/fixtures.ts";
import { apiCall, apiToken, createTestApp, login, postForm, type TestApp } from "../../../test/helpers.ts";
import { meetings } from "../../db/schema/index.ts";
import { addDays } from "../../platform/dates.ts";
import { seeded } from "../testing.ts";
import { evaluate, type Period } from "./sql.ts";

let t: TestApp;
const db = () => t.database.db;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const ITEMS = ["information", "lyssnad-pa", "prata-om-alkohol-droger", "helhet"];
const answers = (values: number[]) => values.map((v, i) => ({ itemKey: ITEMS[i] ?? "", value: v, dontKnow: false }));

describe("an answer typed in a year after its meeting, in a follow-up indicator", () => {
  it("counts in the meeting's period and not in the period it was typed in", async () => {
    const today = t.clock.today();
    const heldOn = addDays(today, -400);
    const f = await decidedFamily(t, {
      requestDaysAgo: 415,
      decidedDaysAgo: 410,
      children: [
        { name: "Lilla Tolvansson", age: 8, gender: "girl", unit: "Barn och unga Norr" },
        { name: "Stora Tolvansson", age: 10, gender: "boy" },
      ],
    });
    const present = [f.person("Tolvan Tolvansson"), f.person("Lilla Tolvansson"), f.person("Stora Tolvansson")];
    const worker = await login(t.app, "barnhandlaggare");
    const planned = await postForm(t.app, worker, `/processer/${f.processId}/moten/ny?typ=familjemote-1`, {
      plannedDate: heldOn,
      plannedTime: "09:30",
      durationMinutes: "90",
      place: "Sofiarummet",
      invitedPersonIds: present,
      invitedUserIds: [f.staff.child, f.staff.adult],
    });
    expect(planned.statusCode).toBe(303);
    const id = /\/moten\/([0-9a-f-]{36})/.exec(String(planned.headers.location))?.[1] ?? "";
    const [row] = await db().select().from(meetings).where(eq(meetings.id, id));
    const held = await postForm(t.app, worker, `/processer/${f.processId}/moten/${id}/halla`, {
      version: String(row?.version),
      heldOn,
      attendedPersonIds: present,
      attendedUserIds: [f.staff.child, f.staff.adult],
      "summary.discussed": "Metoden presenterades.",
      "summary.agreed": "",
      "summary.nextSteps": "",
    });
    expect(held.statusCode).toBe(303);

    const [m] = (await db().execute(sql`select id from municipalities order by created_at limit 1`)).rows as Array<{ id: string }>;
    const periods: Period[] = [
      { key: "meeting", from: `${heldOn.slice(0, 8)}01`, to: addDays(heldOn, 20) },
      { key: "typed", from: addDays(today, -30), to: today },
    ];
    const run = async () => {
      const counts = await evaluate(db(), seeded("mal-sedda-horda"), m?.id ?? "", periods, today);
      return new Map(counts.map((c) => [`${c.period} ${c.group}`, [c.numerator, c.denominator] as const]));
    };
    const before = await run();

    // Typed in today: the parent listened to (4), the 8-year-old listened to (3), the 10-year-old not (1).
    const token = await apiToken(t, "barnhandlaggare", ["processes.view", "processes.work"]);
    const url = `/api/v1/processes/${f.processId}/meetings/${id}/paper-responses`;
    const parent = await apiCall(t.app, "POST", url, token, {
      instrumentKey: "sofia-4q-parent",
      respondentRole: "parent_with_problem",
      submissionKey: randomUUID(),
      answers: answers([4, 4, 3, 4]),
    });
    expect(parent.statusCode, parent.body).toBe(201);
    for (const [band, listened] of [
      ["6–9", 3],
      ["10–12", 1],
    ] as const) {
      const child = await apiCall(t.app, "POST", url, token, {
        instrumentKey: "sofia-4q-child",
        respondentRole: "child",
        ageBand: band,
        submissionKey: randomUUID(),
        answers: answers([3, listened, 3, 3]),
      });
      expect(child.statusCode, child.body).toBe(201);
    }

    const after = await run();
    const added = [...new Set([...before.keys(), ...after.keys()])]
      .map((k) => {
        const [n0, d0] = before.get(k) ?? [0, 0];
        const [n1, d1] = after.get(k) ?? [0, 0];
        return [k, n1 - n0, d1 - d0] as const;
      })
      .filter(([, n, d]) => n !== 0 || d !== 0)
      .sort();
    // Hand-counted: parents 1 of 1 listened to, children 1 of 2; all in the meeting's period, nothing where they were typed in.
    expect(added).toEqual([
      ["meeting child", 1, 2],
      ["meeting parent_with_problem", 1, 1],
    ]);
  });
});
