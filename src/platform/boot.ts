import type { Config } from "./config.ts";
import { connect, type Database, ensureDatabase, migrateDatabase, startEmbedded } from "./database.ts";
import { prepareIdentityKeys } from "./identity-crypto.ts";

export interface Booted {
  database: Database;
  /** True when the embedded cluster runs in this process. */
  embedded: boolean;
  stop(): Promise<void>;
}

/**
 * Connects to DATABASE_URL, or starts embedded PostgreSQL in the data folder; then migrates, and
 * prepares the identity-number keys (checked against the database; any clear value encrypted).
 */
export async function bootDatabase(config: Config, log: (line: string) => void): Promise<Booted> {
  if (config.databaseUrl) {
    await migrateDatabase(config.databaseUrl);
    const database = connect(config.databaseUrl, undefined, { waitMs: config.databaseWaitMs });
    try {
      await prepareIdentityKeys(database.db, config.identityKeys, config.dataDir, log);
    } catch (e) {
      await database.close();
      throw e;
    }
    return { database, embedded: false, stop: () => database.close() };
  }
  const server = await startEmbedded(config.dataDir, log);
  try {
    await ensureDatabase(server.adminUrl, "sofia");
    const url = server.urlFor("sofia");
    await migrateDatabase(url);
    const database = connect(url, undefined, { waitMs: config.databaseWaitMs });
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
