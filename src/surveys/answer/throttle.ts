/**
 * Guessing answer codes, throttled per address like logins (auth's rule, the login_throttle table):
 * an unknown code counts as a failed guess; ten in 15 minutes from one address lock the answer
 * route for that address for 15 minutes, even for a right code. A code that is found resets nothing:
 * a family on one network that mistypes a few times still gets in, a guesser does not get far.
 */
import { eq, type SQL, sql } from "drizzle-orm";
import { afterFailure, lockedMinutes, type ThrottleRule } from "../../auth/index.ts";
import { loginThrottle } from "../../db/schema/index.ts";
import { logSecurityEvent, type ServiceContext } from "../../platform/context.ts";

/** Unknown codes per address: more than a family mistyping, far fewer than guessing needs (0036). */
export const codeGuessRule: ThrottleRule = { maxFailures: 10, windowMinutes: 15, lockMinutes: 15 };

const keyOf = (ctx: ServiceContext) => `survey-code:${ctx.ip}`;

async function read(ctx: ServiceContext) {
  const [row] = await ctx.db
    .select()
    .from(loginThrottle)
    .where(eq(loginThrottle.key, keyOf(ctx)));
  return row;
}

/** Minutes the address must wait before trying a code again; 0 when it may try. */
export async function codeLockMinutes(ctx: ServiceContext): Promise<number> {
  return lockedMinutes(await read(ctx), ctx.clock.now());
}

/**
 * The end of the address's code lock as a column of another statement (the invitation's lock,
 * links' `lockByToken`), so that a right code costs no statement of its own; null when none.
 */
export const codeLockedUntil = (ctx: ServiceContext): SQL<Date | null> =>
  sql<Date | null>`(select ${loginThrottle.lockedUntil} from ${loginThrottle} where ${loginThrottle.key} = ${keyOf(ctx)})`.mapWith(
    (v: string | Date | null) => (v === null ? null : new Date(v)),
  );

/** Minutes left of a code lock read with `codeLockedUntil`; 0 when the address may try. */
export const minutesLeft = (ctx: ServiceContext, lockedUntil: Date | null): number => lockedMinutes({ lockedUntil }, ctx.clock.now());

/** Counts an unknown code against the address; the lock it starts goes to the security log. */
export async function countUnknownCode(ctx: ServiceContext): Promise<void> {
  const now = ctx.clock.now();
  const state = afterFailure(await read(ctx), codeGuessRule, now);
  await ctx.db
    .insert(loginThrottle)
    .values({ key: keyOf(ctx), ...state })
    .onConflictDoUpdate({ target: loginThrottle.key, set: { ...state } });
  if (state.lockedUntil) await logSecurityEvent(ctx, "survey_code_throttled", undefined, { failures: state.failures });
}
