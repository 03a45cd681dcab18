import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { loadConfig } from "./config.ts";
import { connect, type DbOrTx, migrateDatabase, parallelWorkersPerGather, reusable, roleOf, sharedBuffersMb } from "./database.ts";

describe("migrations", () => {
  it("run once when two instances start together (advisory lock)", async () => {
    const name = `sofia_t_${crypto.randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: inject("adminUrl") });
    await admin.connect();
    await admin.query(`create database "${name}"`);
    const url = new URL(inject("adminUrl"));
    url.pathname = `/${name}`;
    try {
      await Promise.all([migrateDatabase(url.toString()), migrateDatabase(url.toString()), migrateDatabase(url.toString())]);
      const c = new pg.Client({ connectionString: url.toString() });
      await c.connect();
      const applied = await c.query("select count(*)::int as n from drizzle.__drizzle_migrations");
      const tables = await c.query("select count(*)::int as n from information_schema.tables where table_name = 'audit_log'");
      await c.end();
      expect(applied.rows[0].n).toBeGreaterThanOrEqual(2);
      expect(tables.rows[0].n).toBe(1);
    } finally {
      await admin.query(`drop database if exists "${name}" with (force)`);
      await admin.end();
    }
  });
});

describe("configuration", () => {
  it("uses the embedded database unless DATABASE_URL is set, and reads PORT and HOST", () => {
    expect(loadConfig({}).databaseUrl).toBeUndefined();
    expect(loadConfig({ DATABASE_URL: "postgres://x@h/db" }).databaseUrl).toBe("postgres://x@h/db");
    // Two roles (decision 0063): the owner migrates, DATABASE_URL's role serves.
    expect(loadConfig({ DATABASE_URL: "postgres://x@h/db" }).databaseOwnerUrl).toBeUndefined();
    expect(loadConfig({ DATABASE_OWNER_URL: "postgres://o@h/db", DATABASE_URL: "postgres://x@h/db" }).databaseOwnerUrl).toBe(
      "postgres://o@h/db",
    );
    expect(roleOf("postgres://sofia_app:p%40ss@h:5432/db")).toBe("sofia_app");
    const c = loadConfig({ PORT: "8080", HOST: "0.0.0.0", TRUST_PROXY: "1" });
    expect([c.port, c.host, c.trustProxy]).toEqual([8080, "0.0.0.0", 1]);
    expect(() => loadConfig({ PORT: "http" })).toThrow(/PORT/);
    expect(loadConfig({ SOFIA_DEMO: "false" }).seedDemo).toBe(false);
  });
});

describe("the embedded cluster's shared buffers", () => {
  it("are an eighth of the machine's memory, from PostgreSQL's default 128 MB to 1 GB", () => {
    const gib = 2 ** 30;
    expect(sharedBuffersMb(0.5 * gib)).toBe(128);
    expect(sharedBuffersMb(2 * gib)).toBe(256);
    expect(sharedBuffersMb(6 * gib)).toBe(768);
    expect(sharedBuffersMb(24 * gib)).toBe(1024);
  });
});

describe("the embedded cluster's parallel workers per statement", () => {
  it("are a quarter of the cores: none on two or three, one on four to seven, two on eight", () => {
    expect([1, 2, 3, 4, 7, 8, 16].map((cores) => parallelWorkersPerGather(cores))).toEqual([0, 0, 0, 1, 1, 2, 4]);
  });
});

describe("prepared statements (connect's PreparingClient, decision 0054)", () => {
  /** The statements prepared on the pool's one connection, as PostgreSQL lists them. */
  const preparedOn = async (pool: pg.Pool) =>
    (await pool.query<{ name: string; statement: string }>("select name, statement from pg_prepared_statements")).rows;

  it("prepares a statement the second time it runs and answers it the same; a text passed with its values is left alone", async () => {
    const database = connect(inject("adminUrl"), 1);
    try {
      const text = `select $1::int + 1 as n /* ${crypto.randomUUID()} */`;
      const answers: number[] = [];
      for (const v of [1, 2, 3]) answers.push((await database.pool.query({ text, values: [v] })).rows[0].n);
      expect(answers).toEqual([2, 3, 4]);
      const prepared = await preparedOn(database.pool);
      expect(prepared.filter((p) => p.statement === text)).toHaveLength(1);
      expect(prepared.find((p) => p.statement === text)?.name).toMatch(/^sofia_/);
      // Through Drizzle as the app runs it, inside a transaction too.
      const once = sql`select ${"x"}::text || ${crypto.randomUUID()}::text as s`;
      for (let i = 0; i < 3; i++) await database.db.transaction(async (tx) => tx.execute(once));
      expect((await preparedOn(database.pool)).some((p) => p.statement.startsWith("select $1::text || $2::text"))).toBe(true);
      const plain = `select $1::int as n /* ${crypto.randomUUID()} */`;
      for (const v of [1, 2, 3]) await database.pool.query(plain, [v]);
      expect((await preparedOn(database.pool)).some((p) => p.statement === plain)).toBe(false);
    } finally {
      await database.close();
    }
  });

  it("builds a reusable statement once per database and key, in a transaction each time, and prepares it as any other", async () => {
    const database = connect(inject("adminUrl"), 1);
    const other = connect(inject("adminUrl"), 1);
    try {
      const tag = crypto.randomUUID();
      let builds = 0;
      const plus = (db: DbOrTx, n: number) =>
        reusable(db, `test:${tag}`, (db) => {
          builds++;
          return db.select({ n: sql<number>`${sql.placeholder("n")}::int + 1`, tag: sql<string>`${tag}::text` }).from(sql`(select 1) x`);
        }).execute({ n });
      expect(await plus(database.db, 1)).toEqual([{ n: 2, tag }]);
      expect(await plus(database.db, 2)).toEqual([{ n: 3, tag }]);
      expect(await plus(database.db, 3)).toEqual([{ n: 4, tag }]);
      expect(builds).toBe(1);
      // The values are the placeholders' only: the same text each time, prepared on the connection.
      const prepared = (await preparedOn(database.pool)).filter((p) => p.statement.includes("$1::int + 1"));
      expect(prepared).toHaveLength(1);
      expect(prepared[0]?.name).toMatch(/^sofia_/);
      // A transaction builds its own; another database its own once.
      expect(await database.db.transaction(async (tx) => [await plus(tx, 5), await plus(tx, 6)])).toEqual([
        [{ n: 6, tag }],
        [{ n: 7, tag }],
      ]);
      expect(builds).toBe(3);
      await plus(other.db, 1);
      await plus(other.db, 1);
      expect(builds).toBe(4);
    } finally {
      await database.close();
      await other.close();
    }
  });

  it("prepares nothing when turned off (SOFIA_DB_PREPARE=false)", async () => {
    expect(loadConfig({}).databasePrepare).toBe(true);
    expect(loadConfig({ SOFIA_DB_PREPARE: "false" }).databasePrepare).toBe(false);
    const database = connect(inject("adminUrl"), 1, { prepare: false });
    try {
      const text = `select $1::int as n /* ${crypto.randomUUID()} */`;
      for (const v of [1, 2, 3]) await database.pool.query({ text, values: [v] });
      expect(await preparedOn(database.pool)).toEqual([]);
    } finally {
      await database.close();
    }
  });
});
