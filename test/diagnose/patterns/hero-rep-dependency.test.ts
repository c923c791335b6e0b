/**
 * hero_rep_dependency (top owner's share good 25%, pass 30%; at least 3 owners). Risk: exposure
 * (share − 25%) × won bookings, × likelihood 30% (typical annual rep turnover).
 */
import { heroRepDependency } from '../../../src/diagnose/patterns/hero-rep-dependency.js';
import type { MetricResult } from '../../../src/metrics/types.js';
import { PatternTester } from '../../helpers/pattern-tester.js';
import { metric, point } from '../helpers.js';

const EPS = 1e-4;
const set = (share: number, owners = 8): MetricResult[] => [
  metric('rep_concentration', share, { owner: 'Ada', ownerBookings: share * 2_000_000, totalBookings: 2_000_000, owners, unownedBookings: 0 }),
];

new PatternTester(heroRepDependency).run({
  valid: [
    { name: 'top share 20%', metrics: set(0.2) },
    { name: 'top share just below the pass point: a watch item', metrics: set(point('rep_concentration', 'pass') - EPS), status: 'near' },
    { name: 'a team of two (60% by construction)', metrics: set(0.6, 2) },
    { name: 'rep concentration n/a: could not check', metrics: [metric('rep_concentration', null)], status: 'missing' },
  ],
  invalid: [
    {
      name: 'Ada at 45%: exposure (45% − 25%) × 2,000,000 = 400,000 × 30% = 120,000',
      metrics: set(0.45),
      impact: { annual: 120_000, exposure: 400_000, likelihood: 0.3 },
      evidence: ['Ada closed 45.0% of won bookings ($900.0k of $2.00M) among 8 owners; healthy is at most 25.0%.'],
    },
    { name: 'just above the pass point: (30.01% − 25%) × 2,000,000 = 100,200 × 30% = 30,060', metrics: set(point('rep_concentration', 'pass') + EPS), impact: { annual: 30_060, exposure: 100_200 } },
  ],
});
