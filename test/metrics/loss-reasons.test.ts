/**
 * Issue 18, "why we lose, why they leave": lost reasons ranked by value, their categories, the cuts
 * by segment, the trend (last two complete quarters vs the two before) and churn reasons from a
 * renewals reason column — every expectation computed by hand in the comments.
 */
import { describe, expect, it } from 'vitest';
import { computeChurnReasons, computeLossReasons, computeQuarterEndPricing, lossCategory } from '../../src/metrics/loss-reasons.js';
import { makeCtx, makeDataset, makeDeal, makeRenewal } from '../helpers/builders.js';

const k = (units: number): number => units * 100;
const ctx = makeCtx('2025-12-31');
const lost = (reason: string | null, units: number, closed: string, segment: string | null = null) =>
  makeDeal({ status: 'lost', lostReason: reason, amountCents: k(units), closed, segment });

describe('computeLossReasons', () => {
  // Price 3 × 10k = 30k; Competitor 1 × 50k; No budget 1 × 20k; blank 2 × 5k = 10k. Total 110k, 7 deals.
  const ds = makeDataset({
    deals: [
      lost('Price', 10_000, '2025-03-01', 'MM'),
      lost('Price', 10_000, '2025-04-01', 'SMB'),
      lost('Price', 10_000, '2025-05-01', 'SMB'),
      lost('Competitor', 50_000, '2025-06-01', 'MM'),
      lost('No budget', 20_000, '2025-07-01', 'SMB'),
      lost(null, 5_000, '2025-08-01', 'SMB'),
      lost('  ', 5_000, '2025-09-01', 'SMB'),
      lost('Price', 99_000, '2024-06-01', 'SMB'), // before the window
      makeDeal({ status: 'won', amountCents: k(40_000), closed: '2025-03-01' }),
    ],
  });
  const r = computeLossReasons(ds, ctx);
  it('ranks the reasons by lost value, not by count', () => {
    expect(r?.reasons.map((x) => [x.reason, x.category, x.count, x.value])).toEqual([
      ['Competitor', 'competitor', 1, 50_000],
      ['Price', 'price', 3, 30_000],
      ['No budget', 'no_decision', 1, 20_000],
      ['(not given)', 'not_given', 2, 10_000],
    ]);
    expect(r?.reasons[0]?.valueShare).toBeCloseTo(50 / 110, 12);
    expect(r?.reasons[1]?.countShare).toBeCloseTo(3 / 7, 12);
    expect([r?.lostDeals, r?.lostValue, r?.withReason]).toEqual([7, 110_000, 5]);
  });
  it('cuts by segment with the reason leading by value (ties: more deals)', () => {
    // MM: Competitor 50k, Price 10k → Competitor 50/60. SMB: Price 20k (2 deals) ties No budget 20k (1) → Price, 20/50.
    expect(r?.bySegment.map((c) => [c.group, c.lost, c.lostValue, c.topReason])).toEqual([
      ['MM', 2, 60_000, 'Competitor'],
      ['SMB', 5, 50_000, 'Price'],
    ]);
    expect(r?.bySegment[1]?.topShare).toBeCloseTo(0.4, 12);
  });
  it('does not judge a trend on too few losses and says the stage is the final one', () => {
    expect(r?.reasons.every((x) => x.trend === null)).toBe(true);
    expect(r?.notes.join(' ')).toContain('trend not judged');
    expect(r?.notes.join(' ')).toContain('the export gives the final stage');
    expect(r?.trendBasis).toBe('FY2025 Q3–FY2025 Q4 vs FY2025 Q1–FY2025 Q2');
  });
  it('returns null without lost deals', () => {
    expect(computeLossReasons(makeDataset({ deals: [makeDeal({ closed: '2025-03-01' })] }), ctx)).toBeNull();
  });
});

describe('loss-reason trend', () => {
  // prior (H1 2025): Price 2 of 10, Competitor 8 of 10; recent (H2 2025): Price 5 of 10, Competitor 5 of 10
  const deals = [
    ...Array.from({ length: 2 }, () => lost('Price', 1_000, '2025-03-01')),
    ...Array.from({ length: 8 }, () => lost('Competitor', 1_000, '2025-03-01')),
    ...Array.from({ length: 5 }, () => lost('Price', 1_000, '2025-11-01')),
    ...Array.from({ length: 5 }, () => lost('Competitor', 1_000, '2025-11-01')),
  ];
  const r = computeLossReasons(makeDataset({ deals }), ctx);
  it.each([
    ['Price', 0.5, 0.2, 'rising'],
    ['Competitor', 0.5, 0.8, 'falling'],
  ])('%s: %s now vs %s before → %s', (reason, recent, prior, trend) => {
    const row = r?.reasons.find((x) => x.reason === reason);
    expect(row?.recentShare).toBeCloseTo(recent as number, 12);
    expect(row?.priorShare).toBeCloseTo(prior as number, 12);
    expect(row?.trend).toBe(trend);
  });
});

describe('lossCategory', () => {
  it.each([
    ['Price', 'price'],
    ['Too expensive', 'price'],
    ['Lost to competitor', 'competitor'],
    ['No decision', 'no_decision'],
    ['No budget', 'no_decision'],
    ['Timing', 'timing'],
    ['Missing feature', 'product'],
    ['Acquired', 'other'],
    [null, 'not_given'],
  ])('%s → %s', (reason, want) => expect(lossCategory(reason)).toBe(want));
});

describe('computeChurnReasons', () => {
  it('ranks churn and contraction reasons by lost ARR', () => {
    // Fit: 10k + 6k churned = 16k (2); Price: 10k → 6k = 4k (1); the flat renewal and the 2024 churn do not count
    const ds = makeDataset({
      renewals: [
        makeRenewal({ account: 'A', renewalDate: '2025-02-01', arrBeforeCents: k(10_000), arrAfterCents: 0, reason: 'Fit' }),
        makeRenewal({ account: 'B', renewalDate: '2025-03-01', arrBeforeCents: k(10_000), arrAfterCents: k(6_000), reason: 'Price' }),
        makeRenewal({ account: 'C', renewalDate: '2025-04-01', arrBeforeCents: k(6_000), arrAfterCents: 0, reason: 'Fit' }),
        makeRenewal({ account: 'D', renewalDate: '2025-05-01', arrBeforeCents: k(6_000), arrAfterCents: k(6_000) }),
        makeRenewal({ account: 'E', renewalDate: '2024-05-01', arrBeforeCents: k(6_000), arrAfterCents: 0, reason: 'Price' }),
      ],
    });
    const c = computeChurnReasons(ds, ctx);
    expect(c?.given).toBe(true);
    expect(c?.lostArr).toBe(20_000);
    expect(c?.reasons).toEqual([
      { reason: 'Fit', count: 2, lostArr: 16_000, share: 0.8 },
      { reason: 'Price', count: 1, lostArr: 4_000, share: 0.2 },
    ]);
    expect(c?.request).toBeNull();
  });
  it('says "not given" and asks for the column when the renewals carry no reason', () => {
    const ds = makeDataset({ renewals: [makeRenewal({ renewalDate: '2025-02-01', arrBeforeCents: k(10_000), arrAfterCents: 0 })] });
    const c = computeChurnReasons(ds, ctx);
    expect([c?.given, c?.churnedOrContracted, c?.reasons]).toEqual([false, 1, []]);
    expect(c?.request).toContain('add a "reason" column to the renewals (why each of the 1 churned or contracted accounts left');
  });
});

describe('computeQuarterEndPricing (discount evidence)', () => {
  // FY2025 Q1 ends 2025-03-31: quarter-end = closed 2025-03-18 … 03-31
  const won = (units: number, closed: string, segment = 'A') => makeDeal({ status: 'won', type: 'new', amountCents: k(units), closed, segment });
  it.each([
    // 20 quarter-end deals of 8k against earlier A deals averaging 10k → 160k ÷ (20 × 10k) = 0.8 → evidence
    { name: 'smaller quarter-end deals, enough of them', n: 20, units: 8_000, ratio: 0.8, evidence: true },
    // the same ratio on 19 deals is not enough evidence
    { name: 'too few quarter-end deals', n: 19, units: 8_000, ratio: 0.8, evidence: false },
    { name: 'same-size quarter-end deals', n: 20, units: 10_000, ratio: 1, evidence: false },
  ])('$name', ({ n, units, ratio, evidence }) => {
    const deals = [won(9_000, '2025-02-01'), won(11_000, '2025-02-10'), ...Array.from({ length: n }, () => won(units, '2025-03-25'))];
    const q = computeQuarterEndPricing(makeDataset({ deals }), ctx);
    expect(q?.sizeRatio).toBeCloseTo(ratio, 12);
    expect([q?.quarterEndDeals, q?.otherDeals, q?.discountEvidence]).toEqual([n, 2, evidence]);
  });
  it('matches segments, so a mix shift is not read as a discount', () => {
    // quarter-end: one SMB deal of 10k; earlier: SMB 10k and Enterprise 100k → expected 10k, ratio 1 (not 10/55)
    const deals = [won(10_000, '2025-02-01', 'SMB'), won(100_000, '2025-02-01', 'ENT'), won(10_000, '2025-03-30', 'SMB')];
    expect(computeQuarterEndPricing(makeDataset({ deals }), ctx)?.sizeRatio).toBe(1);
  });
});
