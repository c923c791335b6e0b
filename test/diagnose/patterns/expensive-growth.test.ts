/**
 * expensive_growth (mixed: CAC payback good 12, pass 15 months; LTV:CAC good 3). Benchmark CAC =
 * good payback × new ARR per customer ÷ 12 × gross margin = 12 × 12,000 ÷ 12 × 75% = 9,000.
 */
import { expensiveGrowth } from '../../../src/diagnose/patterns/expensive-growth.js';
import type { MetricResult } from '../../../src/metrics/types.js';
import { PatternTester } from '../../helpers/pattern-tester.js';
import { metric, point } from '../helpers.js';

const EPS = 1e-4;
const set = (payback: number, ltvCac = 2.5, cacDetails: Record<string, number> = { newCustomers: 100 }): MetricResult[] => [
  metric('cac_payback_months', payback, { avgNewArrPerCustomer: 12_000, grossMargin: 0.75 }),
  metric('ltv_to_cac', ltvCac),
  metric('cac', 10_000, cacDetails),
];

new PatternTester(expensiveGrowth).run({
  valid: [
    { name: 'payback 10 months', metrics: set(10) },
    { name: 'payback just under the pass point: a watch item', metrics: set(point('cac_payback_months', 'pass') - EPS), status: 'near', note: 'CAC payback longer than the segment pass point' },
    { name: 'payback 30 months but LTV:CAC 3 (healthy)', metrics: set(30, 3) },
    { name: 'payback n/a: could not check', metrics: [metric('cac_payback_months', null), metric('ltv_to_cac', 2.5), metric('cac', 10_000)], status: 'missing' },
  ],
  invalid: [
    {
      name: 'payback 20 months, LTV:CAC 2.5: (10,000 − 9,000) × 100 new customers = 100,000',
      metrics: set(20),
      impact: { annual: 100_000, formula: '(CAC $10,000.00 − benchmark CAC $9,000.00) × 100 new customers = $100,000.00; benchmark CAC = 12 months × $12,000.00 ÷ 12 × 75% gross margin' },
      evidence: ['CAC takes 20.0 mo to pay back (all-segment benchmark ≤ 12.0 mo) and LTV:CAC is 2.50× (healthy from 3.00×).', 'Each new customer cost $10.0k against $9,000 at the benchmark payback; 100 new customers were won in the last twelve months.'],
      values: { benchmark_cac: 9_000, cac: 10_000, 'cac.newCustomers': 100 },
    },
    { name: 'payback just over the pass point: the same 100,000 (the impact does not depend on the payback)', metrics: set(point('cac_payback_months', 'pass') + EPS), impact: { annual: 100_000 } },
    { name: 'no new-customer count: impact not estimated', metrics: set(20, 2.5, {}), impact: { annual: null, formula: /new-customer count is n\/a/ } },
  ],
});
