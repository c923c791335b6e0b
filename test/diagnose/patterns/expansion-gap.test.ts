/**
 * expansion_gap (NRR good 105%, pass 102.5% mixed; SMB good 100%, pass 98.75%; enterprise good
 * 115%, pass 112.5%; GRR at or above its pass point). Impact (NRR good − NRR) × ARR up for renewal.
 */
import { expansionGap } from '../../../src/diagnose/patterns/expansion-gap.js';
import type { MetricResult } from '../../../src/metrics/types.js';
import { PatternTester } from '../../helpers/pattern-tester.js';
import { metric, point } from '../helpers.js';

const EPS = 1e-4;
const set = (nrr: number, grr = 0.92): MetricResult[] => [metric('nrr', nrr, { arrBefore: 2_000_000, expansionArr: 100_000 }), metric('grr', grr)];

new PatternTester(expansionGap).run({
  valid: [
    { name: 'NRR 110%', metrics: set(1.1) },
    { name: 'NRR just above the pass point: a watch item', metrics: set(point('nrr', 'pass') + EPS), status: 'near' },
    { name: 'GRR 80% (that is a leaky bucket, not an expansion gap)', metrics: set(0.9, 0.8) },
    { name: 'NRR n/a: could not check', metrics: [metric('nrr', null), metric('grr', 0.92)], status: 'missing' },
  ],
  invalid: [
    {
      name: 'NRR 100%: (105% − 100%) × 2,000,000 = 100,000',
      metrics: set(1),
      impact: { annual: 100_000, formula: '(NRR target 105.00% − NRR 100.00%) × ARR up for renewal $2,000,000.00 = $100,000.00' },
      evidence: ['Customers stay (GRR 92.0%) but the base does not grow: NRR is 100.0% against the all-segment benchmark of 105.0%; expansion added $100.0k on $2.00M up for renewal.'],
      values: { nrr: 1, grr: 0.92, 'nrr.arrBefore': 2_000_000, 'benchmark.nrr.good': 1.05 },
    },
    // the client read "against a all-segment benchmark"; "the" reads right for every segment name
    { name: 'SMB company at NRR 98%: (100% − 98%) × 2,000,000 = 40,000', metrics: set(0.98, 0.96), segment: 'smb', impact: { annual: 40_000 }, evidence: ['against the smb benchmark of 100.0%'] },
    { name: 'enterprise company at NRR 98%: (115% − 98%) × 2,000,000 = 340,000', metrics: set(0.98, 0.96), segment: 'enterprise', impact: { annual: 340_000 }, evidence: ['against the enterprise benchmark of 115.0%'] },
    { name: 'no ARR up for renewal: impact not estimated', metrics: [metric('nrr', 0.98), metric('grr', 0.92)], impact: { annual: null, formula: 'not estimated: the ARR up for renewal is n/a' } },
  ],
});
