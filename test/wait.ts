/**
 * The one way a test waits for something that happens outside its control (a job, a server
 * process leaving, a browser state): poll the condition, with a bound. A fixed sleep is too short
 * on a slow machine and time wasted on a fast one, so the lint rule lint/no-fixed-waits.grit
 * refuses `setTimeout` and `waitForTimeout` in every test file but this one.
 */

export interface WaitOptions {
  /** The bound: give up after this many milliseconds (default 30 s). */
  within?: number;
  /** How long to let the machine work between two probes (default 50 ms). */
  every?: number;
}

/**
 * Probes until `done` holds for what `probe` returns and returns that value. When the bound
 * passes first it throws, naming `what` it waited for and the last value (or error) it saw.
 * A probe that throws counts as "not yet".
 */
export async function waitUntil<T>(
  what: string,
  probe: () => T | Promise<T>,
  done: (value: T) => boolean = Boolean,
  { within = 30_000, every = 50 }: WaitOptions = {},
): Promise<T> {
  const until = Date.now() + within;
  let last: { value: T } | { error: unknown } | undefined;
  for (;;) {
    try {
      const value = await probe();
      if (done(value)) return value;
      last = { value };
    } catch (error) {
      last = { error };
    }
    if (Date.now() >= until) break;
    await pause(every);
  }
  const seen = last === undefined ? "nothing" : "error" in last ? `the error ${String(last.error)}` : JSON.stringify(last.value);
  const error = new Error(`Waited ${within} ms for ${what}; it did not happen. Last seen: ${seen}`);
  if (last && "error" in last) error.cause = last.error;
  throw error;
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
