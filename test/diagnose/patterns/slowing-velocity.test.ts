/**
 * slowing_velocity, as of 2025-06-30 with a calendar fiscal year: FY2025 Q2 (Apr–Jun) against Q1
 * (Jan–Mar), from the monthly win rate, won new deals and median cycle series. Fires on a cycle
 * more than 20% and a week longer, or a win rate more than 5 points lower beyond noise (z ≥ 1.96),
 * on at least 30 won deals in each quarter. Risk, × likelihood 50% that the change persists.
 */
import { describe, expect, it } from 'vitest';
import { impactKindOf } from '../../../src/diagnose/patterns/index.js';
import { slowingVelocity } from '../../../src/diagnose/patterns/slowing-velocity.js';
import { PatternTester, approx } from '../../helpers/pattern-tester.js';
import { metric, series } from '../helpers.js';

const asOf = '2025-06-30';
const months = ['2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06'];
/** Monthly [win rate, won new deals, median cycle days] for each month of Q1, then of Q2. */
const build = (q1: [number, number, number], q2: [number, number, number]) => ({
  win_rate: series(Object.fromEntries(months.map((m, i) => [m, i < 3 ? q1[0] : q2[0]]))),
  new_customers: series(Object.fromEntries(months.map((m, i) => [m, i < 3 ? q1[1] : q2[1]]))),
  median_cycle_days: series(Object.fromEntries(months.map((m, i) => [m, i < 3 ? q1[2] : q2[2]]))),
});
const bookings = [metric('bookings', 1_200_000)];

new PatternTester(slowingVelocity).run({
  valid: [
    { name: 'the same cycle and win rate in both quarters', metrics: bookings, asOf, series: build([0.3, 30, 50], [0.3, 30, 50]) },
    { name: 'the cycle 19% longer (50 → 59.5 days): a watch item', metrics: bookings, asOf, series: build([0.3, 30, 50], [0.3, 30, 59.5]), status: 'near', note: 'median sales cycle 59.5 d in FY2025 Q2 against 50 d in FY2025 Q1 (+19.0%)' },
    // 300 closed deals a quarter each: 30% → 25.1% is 4.9 points, z ≈ 1.34: neither material nor significant
    { name: 'a win-rate drop just under 5 points', metrics: bookings, asOf, series: build([0.3, 30, 50], [0.251, 25.1, 50]) },
    // 40% → 30% on about 10 closed deals a month: z ≈ 0.84, within sampling noise
    { name: 'a 10-point drop on few deals: a watch item', metrics: bookings, asOf, series: build([0.4, 4, 50], [0.3, 3, 50]), status: 'near' },
    // 8 won deals a month = 24 a quarter, below the 30 minimum: never a finding
    { name: '61.5 → 74 days on 24 won deals a quarter: too few to fire', metrics: [metric('bookings', 7_300_000)], asOf, series: build([0.3, 8, 61.5], [0.3, 8, 74]), status: 'near', note: /24 won deals in FY2025 Q1, 24 won deals in FY2025 Q2 \(needs 30 in each quarter\)/ },
    // without the as-of date June may be partial: Q1 is compared with Q4 of the year before, which has no data
    { name: 'no as-of date: the quarters before the partial one have no data', metrics: bookings, series: build([0.3, 30, 50], [0.3, 30, 80]), status: 'missing', missing: 'needs at least two months with won or lost deals' },
  ],
  invalid: [
    {
      // 10.5 days longer: exposure 1,200,000 × 10.5 ÷ 365 = 34,520.55 booked later; × 50% ≈ 17,260.27
      name: 'the cycle 21% and 10.5 days longer (50 → 60.5 days): a timing risk',
      metrics: bookings,
      asOf,
      series: build([0.3, 30, 50], [0.3, 30, 60.5]),
      impact: { annual: approx(17_260.27, 1), exposure: 34_520.55, likelihood: 0.5, formula: 'booked later (timing, not lost)' },
      values: { cycle_days_now: 60.5, cycle_days_before: 50, exposure_win_rate: 0 },
    },
    {
      // 100 closed deals a month each quarter; pooled p 25%: z = 0.1 ÷ √(0.25 × 0.75 × 2 ÷ 300) ≈ 2.83;
      // exposure 1,200,000 × (1 − 20% ÷ 30%) = 400,000 a year if it persists; × 50% = 200,000
      name: 'the win rate 30% → 20% beyond noise: 400,000 exposure × 50% = 200,000',
      metrics: bookings,
      asOf,
      series: build([0.3, 30, 50], [0.2, 20, 50]),
      impact: { annual: 200_000, exposure: 400_000, likelihood: 0.5 },
      evidence: ['Win rate 20.0% in FY2025 Q2 against 30.0% in FY2025 Q1 (−10.0 points; z = 2.83 on about 600 closed deals).'],
      values: { win_rate_now: 0.2, win_rate_before: 0.3, win_rate_z: approx(2.83, 2), bookings: 1_200_000 },
    },
    {
      // issue 14, QA: a slower cycle delays bookings, it does not lose them: 7,300,000 × 12.5 ÷ 365 = 250,000; × 50%
      name: '61.5 → 74 days on 60 won deals a quarter: 250,000 booked later × 50% = 125,000',
      metrics: [metric('bookings', 7_300_000)],
      asOf,
      series: build([0.3, 20, 61.5], [0.3, 20, 74]),
      impact: { annual: 125_000, exposure: 250_000 },
    },
    { name: 'bookings n/a: fires, impact not estimated', metrics: [], asOf, series: build([0.3, 30, 50], [0.2, 20, 50]), impact: { annual: null, formula: 'not estimated: bookings of the last twelve months are n/a' } },
  ],
});

describe('slowing_velocity impact kind', () => {
  it('is a risk, never a loss (issue 14, QA: a slower cycle is timing)', () => expect(impactKindOf('slowing_velocity')).toBe('risk'));
});
