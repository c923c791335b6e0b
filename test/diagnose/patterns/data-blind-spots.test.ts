/**
 * data_blind_spots: any of rejected rows (pass 1.5%, good 1%), deals without a source (pass 15%),
 * without an owner (pass 3.5%, good 2%) or data freshness (pass 10.5 days) past its pass point.
 * No revenue number: poor data hides where revenue is lost.
 */
import { dataBlindSpots } from '../../../src/diagnose/patterns/data-blind-spots.js';
import type { MetricResult } from '../../../src/metrics/types.js';
import { PatternTester } from '../../helpers/pattern-tester.js';
import { metric, point } from '../helpers.js';

const EPS = 1e-4;
const set = (rejected: number, missingOwner = 0): MetricResult[] => [
  metric('rejected_row_rate', rejected),
  metric('missing_source_share', 0.02),
  metric('missing_owner_share', missingOwner),
  metric('data_freshness_days', 1),
];

new PatternTester(dataBlindSpots).run({
  valid: [
    { name: 'clean data', metrics: set(0) },
    { name: 'rejected rows just under the pass point: a watch item', metrics: set(point('rejected_row_rate', 'pass') - EPS), status: 'near' },
    { name: 'every data metric n/a: could not check', metrics: [metric('rejected_row_rate', null), metric('missing_source_share', null), metric('missing_owner_share', null), metric('data_freshness_days', null)], status: 'missing' },
  ],
  invalid: [
    {
      name: '10% rejected rows',
      metrics: set(0.1),
      impact: { annual: null, formula: 'not estimated: poor data does not lose revenue by itself; it hides where revenue is lost' },
      evidence: ['(benchmark ≤ 1.0%).'],
      values: { rejected_row_rate: 0.1, missing_source_share: 0.02, missing_owner_share: 0, data_freshness_days: 1 },
    },
    { name: 'rejected rows just above the pass point', metrics: set(point('rejected_row_rate', 'pass') + EPS), impact: { annual: null }, values: { rejected_row_rate: point('rejected_row_rate', 'pass') + EPS } },
    { name: '20% of deals without an owner', metrics: set(0, 0.2), impact: { annual: null }, evidence: [': 20.0% (benchmark ≤ 2.0%).'], values: { missing_owner_share: 0.2 } },
  ],
});
