/**
 * The revenue ledger (issue 15, issue 14 point 7): one definition of new-business ARR and of
 * expansion, read by ARR growth, expansion share, the quick ratio and the aggregate CAC payback.
 * Hand-computed, as-of 2025-06-30 (window 2024-06-30 exclusive to 2025-06-30).
 *
 * Renewals due in the window: A 10,000 → 12,000 (expansion 2,000), B 8,000 → 6,000 (contraction
 * 2,000), C 2,000 → 0 (churn 2,000): starting ARR 20,000.
 * Won deals in the window: new 5,000 + new 3,000 (new ARR 8,000), expansion 4,000 (CRM expansion),
 * renewal 9,000 (not a movement); a new deal closed 2024-05-01 is outside the window.
 *   expansion      = 2,000 + 4,000 = 6,000
 *   arr_growth     = (8,000 + 6,000 − 2,000 − 2,000) ÷ 20,000 = 0.5   (renewal uplift alone: 0.3)
 *   expansion_share= 6,000 ÷ (8,000 + 6,000) = 3/7                     (alone: 0.2)
 *   quick_ratio    = (8,000 + 6,000) ÷ (2,000 + 2,000) = 3.5           (alone: 2.5)
 */
import { describe, expect, it } from 'vitest';
import { computeMetrics } from '../../src/metrics/engine.js';
import { arrMovementsInWindow, crmBookingsIn } from '../../src/metrics/ledger.js';
import type { MetricResult } from '../../src/metrics/types.js';
import { withDeal } from '../../src/base/model.js';
import { makeCache, makeCtx, makeDataset, makeDeal, makeRenewal } from '../helpers/builders.js';

const AS_OF = '2025-06-30';

const renewals = [
  makeRenewal({ account: 'A', renewalDate: '2024-09-01', arrBeforeCents: 1_000_000, arrAfterCents: 1_200_000 }),
  makeRenewal({ account: 'B', renewalDate: '2024-12-01', arrBeforeCents: 800_000, arrAfterCents: 600_000 }),
  makeRenewal({ account: 'C', renewalDate: '2025-03-01', arrBeforeCents: 200_000, arrAfterCents: 0 }),
];
const typed = [
  makeDeal({ account: 'N1', status: 'won', type: 'new', amountCents: 500_000, created: '2024-08-01', closed: '2024-10-01' }),
  makeDeal({ account: 'N2', status: 'won', type: 'new', amountCents: 300_000, created: '2025-01-01', closed: '2025-02-01' }),
  makeDeal({ account: 'A', status: 'won', type: 'expansion', amountCents: 400_000, created: '2025-01-01', closed: '2025-04-01' }),
  makeDeal({ account: 'B', status: 'won', type: 'renewal', amountCents: 900_000, created: '2024-10-01', closed: '2024-12-01' }),
  makeDeal({ account: 'N0', status: 'won', type: 'new', amountCents: 700_000, created: '2024-03-01', closed: '2024-05-01' }),
];

function byId(metrics: readonly MetricResult[], id: string): MetricResult {
  const m = metrics.find((x) => x.id === id);
  if (!m) throw new Error(`no metric ${id}`);
  return m;
}

describe('the ledger counts CRM expansion deals in every movement metric', () => {
  const ds = makeDataset({ deals: typed, renewals });
  const m = computeMetrics(ds, makeCtx(AS_OF)).metrics;

  it('crmBookingsIn: new and expansion ARR of the window, renewal deals left out', () => {
    const ctx = makeCtx(AS_OF);
    expect(crmBookingsIn(ds, makeCache(), ctx.window)).toEqual({ count: 2, cents: 800_000, hasType: true, expansionCount: 1, expansionCents: 400_000 });
    expect(arrMovementsInWindow(ds, ctx, makeCache())).toMatchObject({ startingCents: 2_000_000, newCents: 800_000, expansionCents: 600_000, renewalExpansionCents: 200_000, crmExpansionCents: 400_000, contractionCents: 200_000, churnCents: 200_000 });
  });

  it.each([
    ['arr_growth', 0.5],
    ['expansion_share', 3 / 7],
    ['quick_ratio', 3.5],
  ])('%s = %f', (id, expected) => {
    expect(byId(m, id).value).toBeCloseTo(expected, 12);
  });

  it('the three read the same movements', () => {
    expect(byId(m, 'arr_growth').details).toMatchObject({ newArr: 8_000, expansionArr: 6_000, crmExpansionArr: 4_000, crmExpansionDeals: 1, contractionArr: 2_000, churnedArr: 2_000, netNewArr: 10_000 });
    expect(byId(m, 'quick_ratio').details).toMatchObject({ source: 'renewals', newArr: 8_000, expansionArr: 6_000, contractionArr: 2_000, churnedArr: 2_000 });
    expect(byId(m, 'expansion_share').details).toMatchObject({ newArr: 8_000, expansionArr: 6_000, crmExpansionArr: 4_000 });
  });

  it('without a type column every won deal is new business and no deal is an expansion', () => {
    const untyped = typed.map((d) => withDeal(d, { type: null }));
    const u = computeMetrics(makeDataset({ deals: untyped, renewals }), makeCtx(AS_OF)).metrics;
    // new = 5,000 + 3,000 + 4,000 + 9,000 = 21,000; expansion 2,000 (renewals only)
    expect(byId(u, 'arr_growth').value).toBeCloseTo((21_000 + 2_000 - 2_000 - 2_000) / 20_000, 12);
    expect(byId(u, 'quick_ratio').value).toBeCloseTo((21_000 + 2_000) / 4_000, 12);
    expect(byId(u, 'expansion_share').value).toBeCloseTo(2_000 / 23_000, 12);
  });
});

describe('an expansion deal already inside a renewal\'s arr_before is counted once', () => {
  it('it leaves the starting ARR and counts as expansion: starting + net new = ARR at the as-of date', () => {
    // B adds 1,000 on 2024-11-01, before its 2024-12-01 renewal (arr_before 8,000 includes it):
    // starting 20,000 − 1,000 = 19,000; expansion 2,000 + 4,000 + 1,000 = 7,000
    // arr_growth = (8,000 + 7,000 − 2,000 − 2,000) ÷ 19,000 = 11/19; ending = 19,000 + 11,000 = 30,000
    //   = A 12,000 + 4,000, B 6,000, C 0, N1 5,000, N2 3,000 = 30,000
    const deals = [...typed, makeDeal({ account: 'b', status: 'won', type: 'expansion', amountCents: 100_000, created: '2024-10-01', closed: '2024-11-01' })];
    const m = computeMetrics(makeDataset({ deals, renewals }), makeCtx(AS_OF)).metrics;
    expect(byId(m, 'arr_growth').value).toBeCloseTo(11 / 19, 12);
    expect(byId(m, 'arr_growth').details).toMatchObject({ startingArr: 19_000, expansionArr: 7_000, netNewArr: 11_000 });
    expect(byId(m, 'arr_growth').notes.some((n) => n.startsWith('starting ARR excludes 1000 of expansion deals'))).toBe(true);
    expect(byId(m, 'quick_ratio').value).toBeCloseTo(15_000 / 4_000, 12);
  });
});
