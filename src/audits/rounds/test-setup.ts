/** Shared set-up of the audit tests: the demo municipality's users and processes, and a round laid up through the form. */
import { asc, eq } from "drizzle-orm";
import { expect } from "vitest";
import { type Browser, postForm, type TestApp } from "../../../test/helpers.ts";
import { municipalities, processes, requestPersons, units, users } from "../../db/schema/index.ts";
import { openIdentityNumber } from "../../platform/identity-crypto.ts";

export async function userId(t: TestApp, username: string): Promise<string> {
  const [row] = await t.database.db.select({ id: users.id }).from(users).where(eq(users.username, username));
  if (!row) throw new Error(`no user ${username}`);
  return row.id;
}

/** The demo municipality's processes in a stable order. */
export async function processIds(t: TestApp): Promise<string[]> {
  const rows = await t.database.db.select({ id: processes.id }).from(processes).orderBy(asc(processes.id));
  return rows.map((r) => r.id);
}

/** The family members of a process: names, birth dates and identity numbers. */
export async function personsOfProcess(t: TestApp, processId: string) {
  const [p] = await t.database.db.select({ requestId: processes.requestId }).from(processes).where(eq(processes.id, processId));
  if (!p) throw new Error("no process");
  const rows = await t.database.db
    .select({
      id: requestPersons.id,
      name: requestPersons.name,
      birthDate: requestPersons.birthDate,
      identityNumberSealed: requestPersons.identityNumberSealed,
    })
    .from(requestPersons)
    .where(eq(requestPersons.requestId, p.requestId));
  return rows.map(({ identityNumberSealed, ...r }) => ({ ...r, identityNumber: openIdentityNumber(identityNumberSealed) }));
}

export async function unitIds(t: TestApp): Promise<string[]> {
  const rows = await t.database.db.select({ id: units.id }).from(units).orderBy(asc(units.name));
  return rows.map((r) => r.id);
}

export async function setMinGroupSize(t: TestApp, n: number): Promise<void> {
  await t.database.db.update(municipalities).set({ minGroupSize: n });
}

/** Lays up a round through the form as the process leader; returns its id. */
export async function layUpRound(
  t: TestApp,
  leader: Browser,
  fields: { name: string; reviewerIds: string[]; processIds: string[]; reviewKey?: string },
): Promise<string> {
  const res = await postForm(t.app, leader, "/aktgranskning/ny", { reviewKey: "skarpnack", ...fields });
  expect(res.statusCode, res.body.slice(0, 2000)).toBe(303);
  const id = /^\/aktgranskning\/([0-9a-f-]{36})\?klart=skapad$/.exec(String(res.headers.location))?.[1];
  if (!id) throw new Error(`unexpected redirect ${res.headers.location}`);
  return id;
}
