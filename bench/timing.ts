/** Timing helpers shared by the benches that compare the app with hand-written reference SQL. */

/** Milliseconds `work` took. */
export const elapsed = async (work: () => Promise<unknown>) => {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e6;
};
export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
export const ms = (n: number) => Math.round(n * 10) / 10;
/** app / baseline with two decimals: above 1 the app is slower. */
export const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 100) / 100 : null);

/** `rounds` rounds of the app and the reference, alternating which goes first, so that neither always finds the caches warm. */
export async function alternate(rounds: number, app: () => Promise<void>, reference: () => Promise<void>): Promise<void> {
  for (let round = 0; round < rounds; round++) {
    if (round % 2 === 0) {
      await app();
      await reference();
    } else {
      await reference();
      await app();
    }
  }
}

/** Exact percentile of sorted values (autocannon's own histogram rounds latencies to whole milliseconds and has no p95). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const value = sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
  return Math.round(value * 100) / 100;
}
