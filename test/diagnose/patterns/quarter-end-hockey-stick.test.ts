/**
 * quarter_end_hockey_stick (quarter-end share good 30%, pass 35%). Risk: exposure (share − 30%) ×
 * bookings of the complete quarters, × likelihood 25% (a slipped deal books one quarter later).
 */
import { quarterEndHockeyStick } from '../../../src/diagnose/patterns/quarter-end-hockey-stick.js';
import type { MetricResult } from '../../../src/metrics/types.js';
import { PatternTester } from '../../helpers/pattern-tester.js';
import { metric, point } from '../helpers.js';

const EPS = 1e-4;
const set = (s: number): MetricResult[] => [metric('quarter_end_skew', s, { quarters: 4, quarterBookings: 1_000_000, 'share FY2025 Q1': s })];

new PatternTester(quarterEndHockeyStick).run({
  valid: [
    { name: 'quarter-end share 20%', metrics: set(0.2) },
    { name: 'quarter-end share just below the pass point: a watch item', metrics: set(point('quarter_end_skew', 'pass') - EPS), status: 'near' },
    { name: 'quarter-end share n/a: could not check', metrics: [metric('quarter_end_skew', null)], status: 'missing' },
  ],
  invalid: [
    {
      name: 'quarter-end share 50%: exposure (50% − 30%) × 1,000,000 = 200,000 × 25% = 50,000',
      metrics: set(0.5),
      impact: { annual: 50_000, exposure: 200_000, likelihood: 0.25, formula: 'a slipped deal books one quarter later' },
      evidence: ["50.0% of the bookings of the last 4 complete quarters closed in the quarter's last 14 days", 'Per quarter: FY2025 Q1 50.0%.'],
    },
    { name: 'just above the pass point: (35.01% − 30%) × 1,000,000 = 50,100 × 25% = 12,525', metrics: set(point('quarter_end_skew', 'pass') + EPS), impact: { annual: 12_525, exposure: 50_100 } },
    { name: 'no quarter bookings detail: impact not estimated', metrics: [metric('quarter_end_skew', 0.5, { quarters: 4 })], impact: { annual: null } },
  ],
});
