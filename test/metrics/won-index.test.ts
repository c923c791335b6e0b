/**
 * wonByCloseIndex tallies per day in typed arrays: the same index buildDayIndex gives over the won
 * deals (hand-built case, and a seeded comparison).
 */
import { describe, expect, it } from 'vitest';
import type { Deal } from '../../src/base/model.js';
import { buildDayIndex, rangeSum, wonByCloseIndex } from '../../src/metrics/indexes.js';
import { day, makeCache, makeDataset, makeDeal } from '../helpers/builders.js';

describe('wonByCloseIndex', () => {
  it('hand-built: won deals only, per close day, a won deal without a close date left out', () => {
    const deals = [
      makeDeal({ status: 'won', closed: '2025-03-02', amountCents: 500 }),
      makeDeal({ status: 'lost', closed: '2025-03-01', amountCents: 9_999 }),
      makeDeal({ status: 'won', closed: '2025-03-01', amountCents: 100 }),
      makeDeal({ status: 'won', closed: '2025-03-02', amountCents: 250 }),
      makeDeal({ status: 'won', closed: null, amountCents: 7_777 }),
      makeDeal({ status: 'open', closed: '2025-04-01', amountCents: 8_888 }),
    ];
    const idx = wonByCloseIndex(makeDataset({ deals }), makeCache());
    expect(idx).toEqual({ days: [day('2025-03-01'), day('2025-03-02')], cumCents: [0, 100, 850], cumCount: [0, 1, 3] });
    expect(rangeSum(idx, day('2025-03-02'), day('2025-12-31'))).toEqual({ cents: 750, count: 2 });
  });
  it('no won deal: an empty index', () => {
    const idx = wonByCloseIndex(makeDataset({ deals: [makeDeal({ status: 'lost', closed: '2025-01-01' })] }), makeCache());
    expect(idx).toEqual({ days: [], cumCents: [0], cumCount: [0] });
  });
  it.each([1, 2, 3])('seed %i: the index buildDayIndex builds', (seed) => {
    let a = seed;
    const r = (): number => {
      a = (a * 1103515245 + 12345) % 2147483648;
      return a / 2147483648;
    };
    const base = day('2022-01-01');
    const deals: Deal[] = Array.from({ length: 3000 }, () =>
      makeDeal({
        status: (['won', 'lost', 'open'] as const)[Math.floor(r() * 3)] as Deal['status'],
        closed: r() < 0.05 ? null : base + Math.floor(r() * 1500),
        amountCents: Math.floor(r() * 10_000_000),
      }),
    );
    const expected = buildDayIndex(
      deals.filter((d) => d.status === 'won'),
      (d) => d.closed,
      (d) => d.amountCents,
    );
    expect(wonByCloseIndex(makeDataset({ deals }), makeCache())).toEqual(expected);
  });
});
