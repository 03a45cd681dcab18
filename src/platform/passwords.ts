import { hash, verify } from "@node-rs/argon2";
import { dictionary } from "@zxcvbn-ts/language-common";

/** argon2id (the library's default algorithm) with OWASP's minimum memory and time cost. */
const options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, options);

let dummy: Promise<string> | undefined;

/**
 * Verifies against the stored hash; with no hash (unknown user, no password set yet) it verifies
 * against a dummy so that the answer takes as long and reveals nothing.
 */
export async function verifyPassword(storedHash: string | null | undefined, password: string): Promise<boolean> {
  if (!storedHash) {
    dummy ??= hashPassword("sofia-dummy-password-for-timing");
    await verify(await dummy, password).catch(() => false);
    return false;
  }
  return verify(storedHash, password).catch(() => false);
}

let common: Set<string> | undefined;

/**
 * Whether a password is one of the most common and breached ones (NIST SP 800-63B 5.1.1.2): the
 * ~49 000 passwords of `@zxcvbn-ts/language-common`'s `passwords-common` list, shipped in the package
 * and checked offline, compared case-insensitively ("Password1234" is "password1234"). Decision 0057.
 */
export function isCommonPassword(password: string): boolean {
  common ??= new Set((dictionary["passwords-common"] as string[]).map((p) => p.toLowerCase()));
  return common.has(password.toLowerCase());
}
