/**
 * A module (a slice of Sofia) declares itself in one manifest, its `module.ts`: its message
 * catalogs, its audit actions and record types with their labels, its pages and API, its
 * background jobs and the reference data it seeds. The composition root (src/modules.ts) lists
 * the modules; the app, the start script and the log review read that list instead of registries
 * kept by hand.
 *
 * The manifest itself stays light: it imports its catalogs and labels, and loads its routes, jobs
 * and seeds only when called. A test that only needs the catalogs does not load every page.
 */
import { type AuditDeclaration, installAuditVocabulary } from "./audit.ts";
import type { Clock } from "./clock.ts";
import type { Config } from "./config.ts";
import type { Database, Db } from "./database.ts";
import { type FamilySection, installFamilySections } from "./family-sections.ts";
import type { App } from "./http.ts";
import { type Catalog, installCatalogs } from "./i18n.ts";
import type { JobDefinition } from "./jobs.ts";
import type { Mailer } from "./mail.ts";
import { platformMessages } from "./messages.ts";
import type { SessionStore } from "./sessions.ts";

/** What the composition root hands every module's routes. */
export interface ModuleDeps {
  clock: Clock;
  config: Config;
  database: Database;
  sessions: SessionStore;
  mailer: Mailer;
}

/** What the composition root hands every module's background jobs besides the database and the clock. */
export interface JobDeps {
  config: Config;
  mailer: Mailer;
}

export interface Module {
  /** The module's folder under src/. */
  name: string;
  catalogs?: readonly Catalog[];
  audit?: AuditDeclaration;
  /** Registers the module's pages and API. */
  routes?: (app: App, deps: ModuleDeps) => Promise<void>;
  /** The module's background jobs (platform/jobs.ts). */
  jobs?: (db: Db, clock: Clock, deps: JobDeps) => Promise<JobDefinition[]>;
  /** Reference data every municipality needs (published documents), on every start; idempotent. */
  seed?: (db: Db) => Promise<void>;
  /** A section of the family's page (platform/family-sections.ts), loaded when called. */
  familySection?: FamilySection;
}

export const defineModule = (module: Module): Module => module;

/** Makes the modules' catalogs and audit vocabulary the running app's. */
export function installModules(modules: readonly Module[]): void {
  const names = new Set<string>();
  for (const m of modules) {
    if (names.has(m.name)) throw new Error(`Module "${m.name}" is listed twice`);
    names.add(m.name);
  }
  const audits = modules.flatMap((m) => (m.audit ? [m.audit] : []));
  installAuditVocabulary(audits);
  installFamilySections(modules.flatMap((m) => (m.familySection ? [m.familySection] : [])));
  installCatalogs([platformMessages, ...modules.flatMap((m) => m.catalogs ?? []), auditLabelCatalog(audits)]);
}

/** The labels of audit actions and record types as catalog entries (`audit.action.<code>`, `audit.recordType.<code>`). */
function auditLabelCatalog(audits: readonly AuditDeclaration[]): Catalog {
  const catalog: Catalog = { sv: {}, en: {} };
  for (const a of audits) {
    for (const [kind, labels] of [
      ["action", a.actions],
      ["recordType", a.recordTypes],
    ] as const) {
      for (const [code, label] of Object.entries(labels)) {
        catalog.sv[`audit.${kind}.${code}`] = label.sv;
        catalog.en[`audit.${kind}.${code}`] = label.en;
      }
    }
  }
  return catalog;
}
