import { buildApp } from "./app.ts";
import { issueFirstPasswordLink } from "./auth/index.ts";
import { demoUsers, isEmpty, seedBootstrap, seedDemo } from "./demo/index.ts";
import { modules } from "./modules.ts";
import { bootDatabase } from "./platform/boot.ts";
import { systemClock } from "./platform/clock.ts";
import { loadConfig } from "./platform/config.ts";

const DEMO_PASSWORD = "Sofia-demo-2026";

const config = loadConfig();
const say = (line: string) => process.stdout.write(`${line}\n`);

const booted = await bootDatabase(config, (line) => process.stderr.write(`${line}\n`));
const { db } = booted.database;
let firstStart: string[] = [];
if (await isEmpty(db)) {
  if (config.seedDemo) {
    await seedDemo(db, DEMO_PASSWORD, systemClock);
  } else {
    const adminId = await seedBootstrap(db, "Kommunen");
    const token = await issueFirstPasswordLink(db, adminId, systemClock);
    firstStart = [`Administratören väljer lösenord här (gäller i 24 timmar, en gång): {base}/losenord/${token}`];
  }
} else {
  // Reference data a newer version brings (a new work model, instrument, review key or indicator).
  for (const m of modules) await m.seed?.(db);
}

const app = await buildApp({ config, database: booted.database, clock: systemClock });
await app.listen({ port: config.port, host: config.host });
const address = app.server.address();
const port = typeof address === "object" && address ? address.port : config.port;
const base = config.publicUrl ?? `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${port}`;

say("");
say(`Sofia körs på ${base}`);
say(booted.embedded ? `Databas: inbyggd PostgreSQL i ${config.dataDir}` : "Databas: extern PostgreSQL (DATABASE_URL)");
if (config.seedDemo) {
  say(`Demoinloggningar (lösenord för alla: ${DEMO_PASSWORD}):`);
  for (const u of demoUsers) say(`  ${u.username.padEnd(24)} ${u.displayName} (${u.roles.join(", ")})`);
}
for (const line of firstStart) say(line.replace("{base}", base));
say("Avsluta med Ctrl+C.");

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  app.log.info({ signal }, "stopping");
  try {
    await app.close();
  } finally {
    await booted.stop();
    process.exit(0);
  }
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
