/**
 * Least privilege in the database (decision 0063): the app connects as a role that reads and writes
 * rows and nothing more. Every test file connects as that role (test/helpers.ts), so the whole
 * suite proves that the app's work needs no more; this file proves what the role cannot do.
 */
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, login, type TestApp } from "../../test/helpers.ts";
import { roleOf } from "../platform/database.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await login(t.app, "admin"); // a login writes audit rows as the app's role
  await login(t.app, "admin", "fel lösenord").catch(() => {}); // and a failed one a security-log row
});
afterAll(() => t.close());

/** The error a statement gets as the app's role (its SQLSTATE and message), or "allowed". */
async function asApp(statement: string): Promise<string> {
  try {
    await t.database.pool.query(statement);
    return "allowed";
  } catch (e) {
    const error = e as Error & { code?: string };
    return `${error.code}: ${error.message}`;
  }
}

async function count(table: string): Promise<number> {
  const { rows } = await t.database.pool.query<{ n: number }>(`select count(*)::int as n from ${table}`);
  return rows[0]?.n ?? 0;
}

/** 42501 insufficient_privilege: refused by the grants (or by not owning the table), not by a trigger. */
const PERMISSION = /^42501: (permission denied|must be owner)/;

describe("the app's database role", () => {
  it("is not the owner: another role, no superuser, no CREATEDB or CREATEROLE", async () => {
    const me = roleOf(t.database.url);
    expect(me).not.toBe(roleOf(t.database.ownerUrl));
    const { rows } = await t.database.pool.query(
      "select rolsuper, rolcreatedb, rolcreaterole, rolbypassrls, rolreplication from pg_roles where rolname = current_user",
    );
    expect(rows[0]).toEqual({ rolsuper: false, rolcreatedb: false, rolcreaterole: false, rolbypassrls: false, rolreplication: false });
    const { rows: owned } = await t.database.pool.query(
      "select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relowner = (select oid from pg_roles where rolname = current_user) and n.nspname in ('public', 'pgboss', 'drizzle')",
    );
    expect(owned[0]?.n).toBe(0);
  });

  it("cannot update, delete or empty audit rows, nor disable, drop or replace their triggers", async () => {
    const before = await count("audit_log");
    expect(before).toBeGreaterThan(0);
    expect(await asApp("update audit_log set action = 'forged'")).toMatch(PERMISSION);
    expect(await asApp("delete from audit_log")).toMatch(PERMISSION);
    expect(await asApp("truncate audit_log")).toMatch(PERMISSION);
    expect(await asApp("alter table audit_log disable trigger all")).toMatch(PERMISSION);
    expect(await asApp("alter table audit_log disable trigger audit_log_append_only")).toMatch(PERMISSION);
    expect(await asApp("drop trigger audit_log_append_only on audit_log")).toMatch(PERMISSION);
    expect(
      await asApp("create or replace function sofia_refuse_change() returns trigger language plpgsql as $$ begin return new; end $$"),
    ).toMatch(PERMISSION);
    expect(await asApp("set session_replication_role = replica")).toMatch(PERMISSION);
    expect(await count("audit_log")).toBe(before);
  });

  it("cannot update or delete security-log rows", async () => {
    const before = await count("security_log");
    expect(before).toBeGreaterThan(0);
    expect(await asApp("update security_log set event = 'forged'")).toMatch(PERMISSION);
    expect(await asApp("delete from security_log")).toMatch(PERMISSION);
    expect(await asApp("truncate security_log")).toMatch(PERMISSION);
    expect(await asApp("alter table security_log disable trigger all")).toMatch(PERMISSION);
    expect(await count("security_log")).toBe(before);
  });

  it("cannot drop, alter or create tables, schemas or roles", async () => {
    expect(await asApp("drop table requests")).toMatch(PERMISSION);
    expect(await asApp("alter table requests add column x int")).toMatch(PERMISSION);
    expect(await asApp("truncate requests")).toMatch(PERMISSION);
    expect(await asApp("create table stolen (x int)")).toMatch(PERMISSION);
    expect(await asApp("create schema stolen")).toMatch(PERMISSION);
    expect(await asApp("drop table pgboss.job")).toMatch(PERMISSION);
    expect(await asApp("select * from drizzle.__drizzle_migrations")).toMatch(PERMISSION);
    expect(await asApp("create role stolen")).toMatch(PERMISSION);
    expect(await count("requests")).toBeGreaterThan(0);
  });

  it("reads and writes rows and appends audit rows (the app's own work)", async () => {
    const before = await count("audit_log");
    await t.database.db.execute(
      sql`insert into audit_log (actor_roles, actor_unit_ids, action, record_type) values ('{}', '{}', 'user.view', 'user')`,
    );
    expect(await count("audit_log")).toBe(before + 1);
    expect(await asApp("update municipalities set version = version")).toBe("allowed");
    expect(await asApp("select pgboss.create_queue('least-privilege-test', '{\"policy\":\"standard\"}'::json)")).toBe("allowed");
    expect(await asApp("insert into pgboss.job (name, data) values ('least-privilege-test', '{}')")).toBe("allowed");
  });

  it("keeps the append-only triggers for the owner too", async () => {
    const owner = new pg.Client({ connectionString: t.database.ownerUrl });
    await owner.connect();
    try {
      const refusal = (q: string) =>
        owner.query(q).then(
          () => "allowed",
          (e: Error) => e.message,
        );
      expect(await refusal("update audit_log set action = 'forged'")).toMatch(/append-only/);
      expect(await refusal("delete from security_log")).toMatch(/append-only/);
      expect(await refusal("truncate audit_log")).toMatch(/append-only/);
    } finally {
      await owner.end();
    }
  });
});
