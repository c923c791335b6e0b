/**
 * base/format.ts prints numbers in JavaScript instead of Intl.NumberFormat (whose first use costs
 * every run 15-25 ms: start-up, issue 17). Its output must be Intl's, character for character:
 * hand-checked cases, then the two compared over generated values (20,000 of each kind, seeded, so a failure repeats).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCount, formatDecimal, formatInt, formatMoneyExact, formatPercent, formatValue } from '../../src/base/format.js';

const formats = new Map<string, Intl.NumberFormat>();
const intl = (min: number, max: number): Intl.NumberFormat => {
  const key = `${min},${max}`;
  if (!formats.has(key)) formats.set(key, new Intl.NumberFormat('en-US', { minimumFractionDigits: min, maximumFractionDigits: max }));
  return formats.get(key) as Intl.NumberFormat;
};

describe('number formatting matches Intl en-US', () => {
  it.each([
    // value, digits 0, 1, 2, and as a count (0 to 3 digits); hand-computed
    [0, '0', '0.0', '0.00', '0'],
    [-0, '-0', '-0.0', '-0.00', '-0'],
    [1234.5, '1,235', '1,234.5', '1,234.50', '1,234.5'],
    [-1234.5, '-1,235', '-1,234.5', '-1,234.50', '-1,234.5'],
    // ICU rounds the shortest decimal (1.005), not the binary value (1.00499999...)
    [1.005, '1', '1.0', '1.01', '1.005'],
    [2.675, '3', '2.7', '2.68', '2.675'],
    [0.125, '0', '0.1', '0.13', '0.125'],
    [999.995, '1,000', '1,000.0', '1,000.00', '999.995'],
    [999999.9996, '1,000,000', '1,000,000.0', '1,000,000.00', '1,000,000'],
    [-0.4, '-0', '-0.4', '-0.40', '-0.4'],
    [0.00012345, '0', '0.0', '0.00', '0'],
    [123456789012345, '123,456,789,012,345', '123,456,789,012,345.0', '123,456,789,012,345.00', '123,456,789,012,345'],
    // String() uses an exponent here: Intl prints these itself
    [1e-7, '0', '0.0', '0.00', '0'],
    [1e21, '1,000,000,000,000,000,000,000', '1,000,000,000,000,000,000,000.0', '1,000,000,000,000,000,000,000.00', '1,000,000,000,000,000,000,000'],
    [Number.NaN, 'NaN', 'NaN', 'NaN', 'NaN'],
    [Number.POSITIVE_INFINITY, '∞', '∞', '∞', '∞'],
  ])('%d -> %s / %s / %s / count %s', (x, d0, d1, d2, count) => {
    expect([formatInt(x), formatValue(x, 'months'), formatValue(x, 'multiple'), formatCount(x)]).toEqual([d0, `${d1} mo`, `${d2}×`, count]);
    expect([intl(0, 0).format(x), intl(1, 1).format(x), intl(2, 2).format(x), x.toLocaleString('en-US')]).toEqual([d0, d1, d2, count]);
  });

  const ours = (x: number) => [formatInt(x), formatValue(x, 'months'), formatValue(x, 'multiple'), formatCount(x), formatPercent(x / 100, 0), formatMoneyExact(x), formatDecimal(x, 2)];
  const theirs = (x: number) => [intl(0, 0).format(x), `${intl(1, 1).format(x)} mo`, `${intl(2, 2).format(x)}×`, intl(0, 3).format(x), `${intl(0, 0).format((x / 100) * 100)}%`, `${x < 0 ? '-' : ''}$${intl(2, 2).format(Math.abs(x))}`, intl(0, 2).format(x)];

  it.each([
    ['any double', fc.double({ noNaN: false })],
    ['money-like values (cents)', fc.integer({ min: -1e13, max: 1e13 }).map((c) => c / 100)],
    ['values on a rounding tie', fc.tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 1, max: 4 })).map(([n, k]) => (n + 0.5) / 10 ** (k - 1))],
    ['ratios and small values', fc.double({ min: -10, max: 10, noNaN: true })],
  ])('%s', (_what, values) => {
    fc.assert(
      fc.property(values, (x) => {
        expect(ours(x)).toEqual(theirs(x));
      }),
      { numRuns: 20_000, seed: 17 },
    );
  });
});
