/**
 * growth_profit_imbalance (Rule of 40 good 40%, pass 30%). Impact (40% − Rule of 40) × revenue
 * base: ARR from the config, else subscriptions, else renewals, else bookings as a proxy.
 */
import { growthProfitImbalance } from '../../../src/diagnose/patterns/growth-profit-imbalance.js';
import type { MetricResult } from '../../../src/metrics/types.js';
import { PatternTester } from '../../helpers/pattern-tester.js';
import { metric, point } from '../helpers.js';

const EPS = 1e-4;
const set = (r: number): MetricResult[] => [metric('rule_of_40', r, { growth: r + 0.2, growthBasis: 'arr_growth', operatingMargin: -0.2 })];
const arr10M = { profile: { arrCents: 1_000_000_000 } };

new PatternTester(growthProfitImbalance).run({
  valid: [
    { name: 'Rule of 40 at 50%', metrics: set(0.5), ...arr10M },
    { name: 'just above the pass point: a watch item', metrics: set(point('rule_of_40', 'pass') + EPS), ...arr10M, status: 'near' },
    { name: 'Rule of 40 n/a: could not check', metrics: [metric('rule_of_40', null)], ...arr10M, status: 'missing' },
  ],
  invalid: [
    {
      name: 'Rule of 40 at 25% on 10M ARR (config): (40% − 25%) × 10,000,000 = 1,500,000',
      metrics: set(0.25),
      ...arr10M,
      impact: { annual: 1_500_000, formula: '(Rule of 40 target 40.00% − 25.00%) × revenue base $10,000,000.00 (company.arr in the config) = $1,500,000.00' },
      evidence: ['Growth 45.0% (arr growth) plus operating margin -20.0% makes 25.0%, short of 40.0%.'],
      values: { rule_of_40: 0.25, revenue_base: 10_000_000, 'benchmark.rule_of_40.good': 0.4 },
    },
    { name: 'just below the pass point: (40% − 29.99%) × 10,000,000 = 1,001,000', metrics: set(point('rule_of_40', 'pass') - EPS), ...arr10M, impact: { annual: 1_001_000 } },
    { name: 'no ARR anywhere but 2,000,000 bookings as a proxy: (40% − 10%) × 2,000,000 = 600,000', metrics: [...set(0.1), metric('bookings', 2_000_000)], impact: { annual: 600_000, formula: 'bookings of the last twelve months, a proxy for ARR' }, values: { revenue_base: 2_000_000 } },
    { name: 'no revenue base at all: impact not estimated', metrics: set(0.1), impact: { annual: null, formula: 'not estimated: no ARR in the config, no renewals and no bookings' } },
  ],
});
