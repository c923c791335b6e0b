/**
 * median / percentile keep one sorted copy per frozen array (the won cycles are read four times):
 * the same values as for a plain array, each frozen array with its own copy, and the input untouched.
 */
import { describe, expect, it } from 'vitest';
import { median, percentile } from '../../src/metrics/stats.js';

describe('median and percentile over frozen arrays', () => {
  const cases: { values: number[]; median: number; p75: number }[] = [
    { values: [30, 10, 20], median: 20, p75: 25 },
    { values: [4, 1, 3, 2], median: 2.5, p75: 3.25 },
    { values: [7], median: 7, p75: 7 },
  ];
  for (const c of cases) {
    it(`[${c.values.join(', ')}]: median ${c.median}, p75 ${c.p75}, frozen or not, read twice`, () => {
      const frozen = Object.freeze([...c.values]);
      for (const xs of [c.values, frozen, frozen]) {
        expect(median(xs)).toBe(c.median);
        expect(percentile(xs, 0.75)).toBe(c.p75);
      }
      expect(frozen).toEqual(c.values);
    });
  }
  it('two frozen arrays with different values do not share a sorted copy', () => {
    const a = Object.freeze([1, 2, 3]);
    const b = Object.freeze([10, 20, 30]);
    expect([median(a), median(b), median(a)]).toEqual([2, 20, 2]);
  });
});

describe('sumCents over frozen lists', () => {
  it.each([
    { cents: [100, 250, -50], total: 300 },
    { cents: [], total: 0 },
  ])('$cents: $total, frozen or not, read twice', async ({ cents, total }) => {
    const { sumCents } = await import('../../src/metrics/stats.js');
    const rows = cents.map((amountCents) => ({ amountCents }));
    const frozen = Object.freeze([...rows]);
    expect([sumCents(rows), sumCents(frozen), sumCents(frozen)]).toEqual([total, total, total]);
    // an unfrozen list is summed each time: a pushed row counts
    rows.push({ amountCents: 1 });
    expect(sumCents(rows)).toBe(total + 1);
  });
});
