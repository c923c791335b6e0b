/**
 * under_investment (LTV:CAC band good 3 – goodMax 5, passMax 6; payback good 12 months; GRR pass
 * 88% mixed, 92.25% enterprise; new ARR per S&M dollar fair 0.5). Spend headroom = (LTV ÷ 5 −
 * CAC) × new customers = (60,000 ÷ 5 − 8,000) × 50 = 200,000; × 0.5 = 100,000 new ARR a year.
 */
import { underInvestment } from '../../../src/diagnose/patterns/under-investment.js';
import type { MetricResult } from '../../../src/metrics/types.js';
import { PatternTester } from '../../helpers/pattern-tester.js';
import { metric, point } from '../helpers.js';

const EPS = 1e-4;
const set = (ratio: number, grr = 0.92, newCustomers: number | null = 50): MetricResult[] => [
  metric('ltv_to_cac', ratio, { ltv: 60_000, cac: 8_000 }),
  metric('cac_payback_months', 10),
  metric('grr', grr),
  metric('cac', 8_000, newCustomers === null ? {} : { newCustomers }),
];

new PatternTester(underInvestment).run({
  valid: [
    { name: 'LTV:CAC 4 (inside the healthy band)', metrics: set(4) },
    { name: 'LTV:CAC just under the upper pass point: a watch item', metrics: set(point('ltv_to_cac', 'passMax') - EPS), status: 'near' },
    { name: 'GRR 80%: no pouring customers into a leaky bucket', metrics: set(9, 0.8) },
    { name: 'enterprise company at GRR 92% (enterprise pass 92.25%)', metrics: set(9), segment: 'enterprise' },
    { name: 'LTV:CAC n/a: could not check', metrics: [metric('ltv_to_cac', null), metric('cac_payback_months', 10), metric('grr', 0.92)], status: 'missing' },
  ],
  invalid: [
    {
      name: 'LTV:CAC 9: 200,000 spend headroom × 0.5 = 100,000',
      metrics: set(9),
      impact: { annual: 100_000, formula: '(LTV $60,000.00 ÷ 5 − CAC $8,000.00) × 50 new customers = $200,000.00 spend headroom; × 0.5 new ARR per S&M dollar (benchmark fair) = $100,000.00 new ARR a year' },
      evidence: ['At 5.00× LTV:CAC each new customer could cost up to $12.0k instead of $8,000: about $200.0k more S&M a year for 50 customers.'],
      values: { spend_headroom: 200_000, 'benchmark.ltv_to_cac.goodMax': 5, 'benchmark.new_arr_per_sm_dollar.fair': 0.5 },
    },
    { name: 'LTV:CAC just over the upper pass point: the same 100,000', metrics: set(point('ltv_to_cac', 'passMax') + EPS), impact: { annual: 100_000 } },
    { name: 'no new-customer count: impact not estimated', metrics: set(9, 0.92, null), impact: { annual: null } },
  ],
});
