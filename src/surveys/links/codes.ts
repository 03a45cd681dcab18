/**
 * The answer code of a survey link: 10 characters from Crockford's base32 alphabet (digits and
 * capitals without I, L, O and U), printed in groups as `K7QM-4TXR-9P`, 50 random bits (0036).
 * Typing is forgiving: case, spaces and dashes do not matter, and the look-alikes O, I and L are
 * read as 0, 1 and 1. Only the SHA-256 of the normalised code is stored. The long tokens of links
 * made before (43 characters of base64url) keep working, hashed as they are.
 */
import { randomBytes } from "node:crypto";
import { sha256 } from "../../platform/sessions.ts";

export const CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const CODE_LENGTH = 10;
/** log2(32) bits per character. */
export const CODE_BITS = CODE_LENGTH * Math.log2(CODE_ALPHABET.length);

const CODE = /^[0-9A-HJKMNP-TV-Z]{10}$/;
const LONG_TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

/** A new code, normalised (no dashes): each character takes 5 bits of one random byte, so every symbol is equally likely. */
export function newCode(): string {
  const bytes = randomBytes(CODE_LENGTH);
  let out = "";
  for (const b of bytes) out += CODE_ALPHABET[b & 31];
  return out;
}

/** The code as printed and linked: groups of four, four and two (`K7QM-4TXR-9P`). */
export const formatCode = (code: string) => `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;

/** What was typed, as a normalised code, or null when it cannot be one. */
export function normaliseCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
  return CODE.test(code) ? code : null;
}

/** The stored hash a typed code or an old long token is looked up by; null for something that is neither. */
export function tokenHashOf(typed: string): string | null {
  const code = normaliseCode(typed);
  if (code) return sha256(code);
  return LONG_TOKEN.test(typed) ? sha256(typed) : null;
}

/** A fresh code for a link: as printed (the only copy) and the hash to store. */
export function newLinkCode(): { token: string; tokenHash: string } {
  const code = newCode();
  return { token: formatCode(code), tokenHash: sha256(code) };
}
