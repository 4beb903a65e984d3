/**
 * Figures and verdict lines shared by the benchmarks. Every benchmark prints its figures,
 * its ratio and the goal beside it on one line, then `OK` or `MISSED`, so a person reading
 * `npm run bench` sees at once which goal holds.
 */

/** The p-th percentile (0..100) of the samples, nearest-rank. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

/** Milliseconds, readably: `0.84 ms`, `12.3 ms`, `1,234 ms`. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (value < 10) return `${value.toFixed(2)} ms`;
  if (value < 1000) return `${value.toFixed(1)} ms`;
  return `${Math.round(value).toLocaleString('en-US')} ms`;
}

export function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function ratio(value: number): string {
  return Number.isFinite(value) ? value.toFixed(2) : 'n/a';
}

export function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** Prints one verdict line and returns whether the goal holds. */
export function verdict(label: string, figures: string, ok: boolean, goal: string): boolean {
  process.stdout.write(`${label}: ${figures} (goal ${goal}) ${ok ? 'OK' : 'MISSED'}\n`);
  return ok;
}

/** A line of detail under a verdict (indented, no goal). */
export function detail(text: string): void {
  process.stdout.write(`    ${text}\n`);
}

/** High-resolution wall clock in milliseconds. */
export function now(): number {
  return performance.now();
}

/** Runs `fn` and returns its duration in ms with its result. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

/**
 * Exit code of a benchmark process: 0 when every goal held, 1 when one was missed, so
 * `run.ts` can list the misses. A benchmark that could not run at all exits 2.
 */
export function finish(allOk: boolean): void {
  process.exitCode = allOk ? 0 : 1;
}

/**
 * Runs a benchmark's main function: an error (a fake that would not start, a publisher
 * that failed) is printed and exits 2, so it is never mistaken for a missed goal (1).
 * The exit is forced: the benchmark's own cleanup has run on the way out, and a server
 * left listening must not keep a failed benchmark alive.
 */
export async function runMain(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (err) {
    process.stderr.write(`benchmark failed: ${(err as Error)?.stack ?? String(err)}\n`);
    process.exit(2);
  }
}
