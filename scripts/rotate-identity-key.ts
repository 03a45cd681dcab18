/**
 * npm run rotate-identity-key: re-encrypts every stored identity number with the current key (the
 * first of SOFIA_IDENTITY_KEYS) and recomputes its blind index, in batches of one transaction each
 * (decision 0061). The database is found as `npm start` finds it (DATABASE_URL or the embedded one
 * in the data folder; the embedded one only while Sofia is stopped); the start's key check runs
 * first. Safe to run again after an interruption. Afterwards the older keys can be removed.
 */
import { bootDatabase } from "../src/platform/boot.ts";
import { loadConfig } from "../src/platform/config.ts";
import { IdentityKeyError, identityKeys, identityNumbersNotUnderCurrent, rotateIdentityNumbers } from "../src/platform/identity-crypto.ts";

const say = (line: string) => process.stdout.write(`${line}\n`);
const warn = (line: string) => process.stderr.write(`${line}\n`);

try {
  const booted = await bootDatabase(loadConfig(), warn);
  try {
    const keyring = identityKeys();
    const changed = await rotateIdentityNumbers(booted.database.db, keyring);
    const left = await identityNumbersNotUnderCurrent(booted.database.db, keyring);
    say(`Krypterade om ${changed} personnummer med nyckeln "${keyring.current.id}".`);
    if (left > 0) {
      warn(`${left} personnummer är fortfarande krypterade med en äldre nyckel: kör kommandot igen.`);
      process.exitCode = 1;
    } else if (keyring.keys.length > 1) {
      say("Alla personnummer är krypterade med den nya nyckeln: de äldre nycklarna kan tas bort ur SOFIA_IDENTITY_KEYS.");
    }
  } finally {
    await booted.stop();
  }
} catch (e) {
  if (!(e instanceof IdentityKeyError)) throw e;
  warn(`Rotationen startar inte: ${e.message}`);
  process.exitCode = 1;
}
