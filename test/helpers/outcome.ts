/**
 * Assertions on one metric outcome, shared by the table-driven metric tests: a value (with its
 * details and sample size) to a given number of digits, or an n/a with its reason.
 */
import { expect } from 'vitest';
import type { MetricOutcome } from '../../src/metrics/types.js';

export function expectValue(
  out: MetricOutcome,
  expected: number,
  digits: number,
  opts: { details?: Record<string, unknown>; sampleSize?: number } = {},
): void {
  if (out.kind !== 'value') throw new Error(`expected a value, got n/a: ${out.reason}`);
  expect(out.value).toBeCloseTo(expected, digits);
  if (opts.sampleSize !== undefined) expect(out.sampleSize).toBe(opts.sampleSize);
  for (const [key, v] of Object.entries(opts.details ?? {})) {
    if (typeof v === 'number') expect(out.details?.[key], key).toBeCloseTo(v, digits);
    else expect(out.details?.[key], key).toBe(v);
  }
}

export function expectNa(out: MetricOutcome, reason: string | RegExp): void {
  expect(out.kind).toBe('na');
  if (out.kind !== 'na') return;
  if (typeof reason === 'string') expect(out.reason).toBe(reason);
  else expect(out.reason).toMatch(reason);
}
