/**
 * customer_concentration (largest account good 10%, pass 12.5%; top ten good 30%, pass 35%).
 * Risk: exposure (share − good) × won bookings, × likelihood = the company's own logo churn
 * (1 − logo retention; else 1 − GRR; else 10%).
 */
import { customerConcentration } from '../../../src/diagnose/patterns/customer-concentration.js';
import type { MetricResult } from '../../../src/metrics/types.js';
import { PatternTester } from '../../helpers/pattern-tester.js';
import { metric, point } from '../helpers.js';

const EPS = 1e-4;
const set = (largest: number, top10: number): MetricResult[] => [
  metric('largest_account_share', largest, { account: 'Globex', accountBookings: largest * 1_000_000, totalBookings: 1_000_000 }),
  metric('top10_concentration', top10, { accounts: 50, top10Bookings: top10 * 1_000_000, totalBookings: 1_000_000 }),
];

new PatternTester(customerConcentration).run({
  valid: [
    { name: 'largest 5%, top ten 20%', metrics: set(0.05, 0.2) },
    { name: 'largest just below the pass point with a spread top ten: a watch item', metrics: set(point('largest_account_share', 'pass') - EPS, 0.3), status: 'near' },
    { name: 'both n/a: could not check', metrics: [metric('largest_account_share', null), metric('top10_concentration', null)], status: 'missing' },
  ],
  invalid: [
    {
      name: 'largest 20% with logo retention 85%: (20% − 10%) × 1,000,000 = 100,000 × 15% = 15,000',
      metrics: [...set(0.2, 0.4), metric('logo_retention', 0.85)],
      impact: { annual: 15_000, exposure: 100_000, likelihood: 0.15, formula: "the company's own logo churn, 1 − logo retention 85.0%" },
      evidence: ['Globex brought 20.0% of won bookings (healthy at most 10.0%).', 'The ten largest accounts brought 40.0% (healthy at most 30.0%).'],
      values: { largest_account_share: 0.2, top10_concentration: 0.4, 'largest_account_share.totalBookings': 1_000_000, 'benchmark.largest_account_share.good': 0.1 },
    },
    {
      name: 'the top ten alone at 40%: (40% − 30%) × 1,000,000 = 100,000 × 10% (rule of thumb) = 10,000',
      metrics: set(0.05, 0.4),
      impact: { annual: 10_000, exposure: 100_000, likelihood: 0.1, formula: 'top-10 share' },
    },
    { name: 'largest just above the pass point: (12.51% − 10%) × 1,000,000 = 25,100 × 10% = 2,510', metrics: set(point('largest_account_share', 'pass') + EPS, 0.3), impact: { annual: 2_510, exposure: 25_100 } },
    { name: 'largest 20% with GRR 80%, no logo retention: 100,000 × 20% = 20,000', metrics: [...set(0.2, 0.3), metric('grr', 0.8)], impact: { annual: 20_000, likelihood: 0.2, formula: '1 − GRR 80.0%' } },
  ],
});
