/** The worker processes' default (SOFIA_WORKERS unset): a core left to PostgreSQL when it runs on this machine. */
import os from "node:os";
import { describe, expect, it } from "vitest";
import { databaseOnThisMachine, defaultWorkers, loadConfig, MAX_WORKERS } from "./config.ts";

describe("SOFIA_WORKERS", () => {
  it("defaults to the cores less one with the embedded cluster or a database on this machine, at least one", () => {
    expect(defaultWorkers(2, undefined)).toBe(1);
    expect(defaultWorkers(1, undefined)).toBe(1);
    expect(defaultWorkers(8, undefined)).toBe(7);
    expect(defaultWorkers(8, "postgres://sofia:x@127.0.0.1:5432/sofia")).toBe(7);
    expect(defaultWorkers(8, "postgres://sofia:x@db.kommun.se:5432/sofia")).toBe(8);
    expect(defaultWorkers(64, "postgres://sofia:x@db.kommun.se/sofia")).toBe(MAX_WORKERS);
  });

  it("tells a database on this machine by its host: localhost, a loopback address, a socket folder", () => {
    for (const url of [
      "postgres://u:p@localhost/sofia",
      "postgresql://u:p@127.0.0.1:5432/sofia",
      "postgres://u:p@[::1]:5432/sofia",
      "postgresql:///sofia?host=/var/run/postgresql",
      "postgres://u@%2Fvar%2Frun%2Fpostgresql/sofia",
    ]) {
      expect(databaseOnThisMachine(url), url).toBe(true);
    }
    for (const url of ["postgres://u:p@10.0.0.5/sofia", "postgres://u:p@db.kommun.se/sofia", "not a url"]) {
      expect(databaseOnThisMachine(url), url).toBe(false);
    }
  });

  it("is read from the environment, where a number given wins", () => {
    const cores = os.availableParallelism();
    expect(loadConfig({}).workers).toBe(Math.max(1, cores - 1));
    expect(loadConfig({ DATABASE_URL: "postgres://u:p@db.kommun.se/sofia" }).workers).toBe(Math.min(MAX_WORKERS, cores));
    expect(loadConfig({ SOFIA_WORKERS: "1" }).workers).toBe(1);
    expect(loadConfig({ SOFIA_WORKERS: "3" }).workers).toBe(3);
    for (const bad of ["0", "-1", "1.5", "två", String(MAX_WORKERS + 1)]) {
      expect(() => loadConfig({ SOFIA_WORKERS: bad })).toThrow(`SOFIA_WORKERS ska vara ett heltal från 1 till ${MAX_WORKERS}`);
    }
  });
});
