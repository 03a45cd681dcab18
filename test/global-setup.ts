import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { type EmbeddedServer, grantAppRole, migrateDatabase, roleOf, startEmbedded } from "../src/platform/database.ts";

export const TEMPLATE_DB = "sofia_test_template";

let embedded: EmbeddedServer | undefined;
let tmpDir: string | undefined;

/**
 * One PostgreSQL for the whole run: the embedded one in a temporary folder, or the server of
 * DATABASE_OWNER_URL and DATABASE_URL (or DATABASE_URL alone). A template database is migrated once
 * as the owner, the app's role gets its privileges on it, and every test file clones it and
 * connects as the app's role, as the app does (decision 0063). Vitest calls
 * this once per project (and once for the root) when the run has projects, as the run of every
 * file twice does (vitest.config.ts, SOFIA_TEST_TWICE): all of them share the one template.
 */
export async function setup(project: TestProject) {
  prepared ??= prepare();
  const { adminUrl, appUrl } = await prepared;
  project.provide("adminUrl", adminUrl);
  project.provide("appUrl", appUrl);
}
let prepared: Promise<{ adminUrl: string; appUrl: string }> | undefined;

async function prepare(): Promise<{ adminUrl: string; appUrl: string }> {
  let adminUrl = process.env.DATABASE_OWNER_URL || process.env.DATABASE_URL;
  let appUrl = process.env.DATABASE_OWNER_URL ? process.env.DATABASE_URL : undefined;
  if (!adminUrl) {
    tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "sofia-test-"));
    embedded = await startEmbedded(tmpDir);
    adminUrl = embedded.adminUrl;
    appUrl = embedded.appUrlFor("postgres");
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
  if (appUrl && roleOf(appUrl) !== roleOf(adminUrl)) {
    await grantAppRole(templateUrl.toString(), roleOf(appUrl));
  } else {
    process.stdout.write("\nTesterna kör med ägarrollen: sätt DATABASE_OWNER_URL och DATABASE_URL (appens roll) för två roller.\n");
    appUrl = adminUrl;
  }
  const where = process.env.DATABASE_URL ? "extern PostgreSQL (DATABASE_URL)" : "inbyggd PostgreSQL";
  process.stdout.write(`\nTestdatabas: ${where}, appen som rollen ${roleOf(appUrl)}\n`);
  return { adminUrl, appUrl };
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
    /** The owner's URL of the maintenance database: creates, clones and drops the test databases. */
    adminUrl: string;
    /** The app's role's URL of the maintenance database (the owner's when only one role is given). */
    appUrl: string;
  }
}
