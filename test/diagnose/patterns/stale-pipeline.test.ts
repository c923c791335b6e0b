/**
 * stale_pipeline (stale share good 15%, pass 20%). Risk: exposure = stale value not yet past due
 * (past-due deals are already outside coverage) × likelihood = win rate.
 */
import { stalePipeline } from '../../../src/diagnose/patterns/stale-pipeline.js';
import type { MetricResult } from '../../../src/metrics/types.js';
import { PatternTester } from '../../helpers/pattern-tester.js';
import { metric, point } from '../helpers.js';

const EPS = 1e-4;
const set = (s: number, extra: Record<string, number> = {}): MetricResult[] => [
  metric('stale_pipeline_share', s, { value: 500_000, count: 40, pastDue: 30, ageLimitDays: 120, ...extra }),
  metric('win_rate', 0.2),
];

new PatternTester(stalePipeline).run({
  valid: [
    { name: 'stale share 10%', metrics: set(0.1) },
    { name: 'stale share just below the pass point: a watch item', metrics: set(point('stale_pipeline_share', 'pass') - EPS), status: 'near' },
    { name: 'stale share n/a: could not check', metrics: [metric('stale_pipeline_share', null), metric('win_rate', 0.2)], status: 'missing' },
  ],
  invalid: [
    {
      name: 'stale share 30%, 500,000 stale × win rate 20% = 100,000',
      metrics: set(0.3),
      impact: { annual: 100_000, exposure: 500_000, likelihood: 0.2 },
      evidence: ['30.0% of open pipeline value ($500.0k in 40 deals) is past its expected close date or older than 120 d (twice the median cycle); healthy is at most 15.0%.', '30 open deals are past their expected close date.'],
    },
    { name: 'stale share just above the pass point: the same 100,000', metrics: set(point('stale_pipeline_share', 'pass') + EPS), impact: { annual: 100_000 } },
    {
      name: 'past-due value left out (coverage already excludes it): (500,000 − 300,000) × 20% = 40,000',
      metrics: set(0.3, { pastDueValue: 300_000 }),
      impact: { annual: 40_000, exposure: 200_000, likelihood: 0.2, formula: 'stale value $500,000.00 − past-due value $300,000.00 (already outside coverage)' },
    },
    { name: 'every stale deal already past due: no money of its own', metrics: set(0.3, { pastDueValue: 500_000 }), impact: { annual: null, formula: /^not estimated: every stale deal \(\$500\.0k\) is already past its close date/ } },
  ],
});
