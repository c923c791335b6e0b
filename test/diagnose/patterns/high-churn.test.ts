/**
 * high_churn (issue 14: retention findings without a deals file). Mixed segment: GRR good 90%,
 * fair 86% (the trigger), pass 88% (the watch band); bookings growth fair 26%.
 */
import { describe, expect, it } from 'vitest';
import { highChurn } from '../../../src/diagnose/patterns/high-churn.js';
import { PatternTester } from '../../helpers/pattern-tester.js';
import { metric, point, run } from '../helpers.js';

const EPS = 1e-4;

new PatternTester(highChurn).run({
  valid: [
    { name: 'GRR 95%', metrics: [metric('grr', 0.95, { arrBefore: 1_000_000 })] },
    { name: 'GRR just above the fair point: a watch item', metrics: [metric('grr', point('grr', 'fair') + EPS, { arrBefore: 1_000_000 })], status: 'near' },
    { name: 'bookings growing at the median or better: the leaky bucket owns it', metrics: [metric('grr', 0.41, { arrBefore: 1_000_000 }), metric('bookings_growth_yoy', 0.5)] },
    { name: 'GRR n/a: could not check', metrics: [metric('grr', null)], status: 'missing', missing: 'Gross revenue retention' },
  ],
  invalid: [
    {
      name: 'GRR 41% and no deals file: (90% − 41%) × 1,000,000 = 490,000',
      metrics: [metric('grr', 0.41, { arrBefore: 1_000_000, churnedArr: 500_000, contractionArr: 90_000 })],
      impact: { annual: 490_000, formula: '(GRR benchmark 90.00% − GRR 41.00%) × ARR up for renewal $1,000,000.00 = $490,000.00' },
      evidence: ['Gross revenue retention is 41.0% against the all-segment benchmark of 90.0%.', 'Of $1.00M ARR up for renewal in the last twelve months, $500.0k churned and $90.0k contracted.', 'Bookings are not in the audit (no deals file)'],
      values: { grr: 0.41, 'grr.arrBefore': 1_000_000, 'benchmark.grr.good': 0.9, mrr_churn_rate: null },
    },
    {
      name: 'GRR 78.5% with 3% monthly MRR churn (subscriptions only): (90% − 78.5%) × 2,000,000 = 230,000',
      metrics: [metric('grr', 0.785, { arrBefore: 2_000_000 }), metric('mrr_churn_rate', 0.03)],
      impact: { annual: 230_000 },
      evidence: ['Monthly MRR churn averages 3.0%.'],
      values: { mrr_churn_rate: 0.03 },
    },
    { name: 'bookings growth 10%, below the median: (90% − 50%) × 1,000,000 = 400,000', metrics: [metric('grr', 0.5, { arrBefore: 1_000_000 }), metric('bookings_growth_yoy', 0.1)], impact: { annual: 400_000 } },
    { name: 'no ARR up for renewal: impact not estimated', metrics: [metric('grr', 0.5)], impact: { annual: null, formula: /^not estimated: / } },
  ],
});

describe('high_churn in a full diagnosis', () => {
  it('is a loss, ranked first, in a renewals-only diagnosis', () => {
    const d = run([metric('grr', 0.41, { arrBefore: 1_000_000 })]);
    expect(d.findings[0]).toMatchObject({ id: 'high_churn', impact: { kind: 'loss' } });
  });
});
