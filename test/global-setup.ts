import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { type EmbeddedServer, migrateDatabase, startEmbedded } from "../src/platform/database.ts";

export const TEMPLATE_DB = "sofia_test_template";

let embedded: EmbeddedServer | undefined;
let tmpDir: string | undefined;

/**
 * One PostgreSQL for the whole run: the embedded one in a temporary folder, or the server of
 * DATABASE_URL. A template database is migrated once; every test file clones it. Vitest calls
 * this once per project (and once for the root) when the run has projects, as the run of every
 * file twice does (vitest.config.ts, SOFIA_TEST_TWICE): all of them share the one template.
 */
export async function setup(project: TestProject) {
  prepared ??= prepare();
  project.provide("adminUrl", await prepared);
}
let prepared: Promise<string> | undefined;

async function prepare(): Promise<string> {
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "sofia-test-"));
    embedded = await startEmbedded(tmpDir);
    adminUrl = embedded.adminUrl;
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // Leftovers of an earlier, interrupted run on an external server.
    const old = await admin.query("select datname from pg_database where datname like 'sofia_t_%' or datname = $1", [TEMPLATE_DB]);
    for (const row of old.rows) await admin.query(`drop database if exists "${row.datname}" with (force)`);
    await admin.query(`create database "${TEMPLATE_DB}"`);
  } finally {
    await admin.end();
  }
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${TEMPLATE_DB}`;
  await migrateDatabase(templateUrl.toString());
  process.stdout.write(`\nTestdatabas: ${process.env.DATABASE_URL ? "extern PostgreSQL (DATABASE_URL)" : "inbyggd PostgreSQL"}\n`);
  return adminUrl;
}

export async function teardown() {
  prepared = undefined;
  const server = embedded;
  embedded = undefined;
  await server?.stop();
  if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    adminUrl: string;
  }
}
