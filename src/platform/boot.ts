import type { Config } from "./config.ts";
import { connect, type Database, ensureDatabase, grantAppRole, migrateDatabase, roleOf, startEmbedded } from "./database.ts";
import { prepareIdentityKeys } from "./identity-crypto.ts";

export interface Booted {
  database: Database;
  /** True when the embedded cluster runs in this process. */
  embedded: boolean;
  stop(): Promise<void>;
}

/**
 * Connects to DATABASE_URL, or starts embedded PostgreSQL in the data folder; then migrates as the
 * owner, grants the app's role what it needs and connects the app as that role (decision 0063),
 * and prepares the identity-number keys (checked against the database; any clear value encrypted).
 */
export async function bootDatabase(config: Config, log: (line: string) => void): Promise<Booted> {
  if (config.databaseUrl) {
    const owner = config.databaseOwnerUrl;
    if (owner && roleOf(owner) !== roleOf(config.databaseUrl)) {
      await migrateDatabase(owner);
      await grantAppRole(owner, roleOf(config.databaseUrl));
    } else {
      log(
        "DATABASE_OWNER_URL är inte satt (eller har samma roll som DATABASE_URL): Sofia migrerar och körs med samma databasroll, " +
          "som då kan ändra och ta bort tabeller. Sätt DATABASE_OWNER_URL till ägarrollen för minsta behörighet (README).",
      );
      await migrateDatabase(config.databaseUrl);
    }
    const database = connect(config.databaseUrl, undefined, { waitMs: config.databaseWaitMs, prepare: config.databasePrepare });
    try {
      await prepareIdentityKeys(database.db, config.identityKeys, config.dataDir, log);
    } catch (e) {
      await database.close();
      throw e;
    }
    return { database, embedded: false, stop: () => database.close() };
  }
  const server = await startEmbedded(config.dataDir, log, { walArchive: config.walArchive });
  try {
    await ensureDatabase(server.adminUrl, "sofia");
    const ownerUrl = server.urlFor("sofia");
    await migrateDatabase(ownerUrl);
    await grantAppRole(ownerUrl, server.appRole);
    const database = connect(server.appUrlFor("sofia"), undefined, { waitMs: config.databaseWaitMs, prepare: config.databasePrepare });
    try {
      await prepareIdentityKeys(database.db, config.identityKeys, config.dataDir, log);
    } catch (e) {
      await database.close();
      throw e;
    }
    return {
      database,
      embedded: true,
      stop: async () => {
        await database.close();
        await server.stop();
      },
    };
  } catch (e) {
    await server.stop();
    throw e;
  }
}
