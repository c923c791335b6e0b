/**
 * Run counts and seed for the property/fuzz suites.
 *
 *   npm test          -> the default counts below (seeded, reproducible, a few seconds)
 *   npm run fuzz      -> FUZZ_RUNS=20000: every property scaled up (minutes)
 *   FUZZ_SEED=123 npx vitest run test/fuzz   -> another seed; a failure prints the seed and path to replay it
 *
 * FUZZ_RUNS is the run count of a "standard" property (default 300); each property states its own
 * default and is scaled by FUZZ_RUNS / 300, so expensive properties stay proportionally smaller.
 */
import fc from 'fast-check';

const STANDARD = 300;
const envRuns = Number(process.env.FUZZ_RUNS ?? '');
const scale = Number.isFinite(envRuns) && envRuns > 0 ? envRuns / STANDARD : 1;

export const LONG_RUN = scale > 1;
export const SEED = Number.isInteger(Number(process.env.FUZZ_SEED)) && process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20260517;

/**
 * Number of runs for a property whose default (npm test) count is `base`; `cap` bounds the long
 * run of the expensive ones (worker threads, child processes, megabyte inputs).
 */
export function runs(base: number, cap = Infinity): number {
  return Math.max(1, Math.min(Math.round(base * scale), Math.max(base, cap)));
}

/** Per-test timeout: the default is plenty for the bounded run; a long run gets no practical limit. */
export function timeout(ms = 30_000): number {
  return LONG_RUN ? 24 * 3600_000 : ms;
}

/** Parameters for fc.assert: seeded, with the run count for this property. */
export function params<T>(base: number, cap = Infinity): fc.Parameters<T> {
  return { numRuns: runs(base, cap), seed: SEED };
}
