/**
 * pipeline_starvation (coverage good 3×, pass 2.75× mixed and enterprise; SMB good 2×, pass
 * 1.875×). Risk: exposure (3 − coverage) × target, × likelihood = win rate.
 */
import { pipelineStarvation } from '../../../src/diagnose/patterns/pipeline-starvation.js';
import type { MetricResult } from '../../../src/metrics/types.js';
import { PatternTester } from '../../helpers/pattern-tester.js';
import { metric, point } from '../helpers.js';

const EPS = 1e-4;
const win = metric('win_rate', 0.25);
const set = (c: number, winRate: MetricResult = win): MetricResult[] => [metric('pipeline_coverage', c, { target: 1_000_000, openPipeline: c * 1_000_000, quarter: 'FY2025 Q3' }), winRate];
const thin: MetricResult = { ...metric('win_rate', 0.25), sampleSize: 5, evidence: { status: 'insufficient', sample: 5, of: 'closed deals', min: 20, note: 'insufficient data: 5 closed deals, needs 20' } };
/** Coverage against a proxy target (last quarter's bookings), with the company's own history. */
const proxy = (coverage: number, historyMedian: number | null, historyQuarters: number): MetricResult[] => [
  metric('pipeline_coverage', coverage, { quarter: 'FY2025 Q3', openPipeline: coverage * 1_000_000, target: 1_000_000, targetBasis: 'proxy: bookings of FY2025 Q2', historyQuarters, historyMedian }),
  win,
];

new PatternTester(pipelineStarvation).run({
  valid: [
    { name: 'coverage 3.5×', metrics: set(3.5) },
    { name: 'coverage just above the pass point: a watch item', metrics: set(point('pipeline_coverage', 'pass') + EPS), status: 'near' },
    { name: 'SMB company at 2× (SMB good 2×)', metrics: set(2), segment: 'smb' },
    // issue 14, QA: a critical finding never rests on a win rate it cannot read
    { name: 'win rate n/a: could not check', metrics: set(2.5, metric('win_rate', null)), status: 'missing', missing: /Win rate.*weighed by the win rate/ },
    { name: 'win rate on 5 closed deals (below its minimum evidence): could not check', metrics: set(2.5, thin), status: 'missing', missing: /Win rate: insufficient data/ },
    { name: 'coverage healthy and win rate n/a: ruled out by what we know', metrics: set(3.5, metric('win_rate', null)) },
    // issue 14: without a target, judged against the company's own coverage history
    { name: 'proxy target, 1.0× against a median 1.1× (75% of it = 0.825×): its usual level', metrics: proxy(1.0, 1.1, 4) },
    { name: 'proxy target and no history to compare with: could not check', metrics: proxy(0.3, null, 0), status: 'missing', missing: 'at least two past quarters of pipeline history' },
    // a healthy company two weeks into a quarter never has next quarter's pipeline built yet
    { name: 'proxy target, history median 0.18× (below 0.5×): could not check', metrics: proxy(0.13, 0.18, 3), status: 'missing', missing: "held a median 0.18× of next quarter's proxy target over 3 quarters" },
  ],
  invalid: [
    {
      name: 'coverage 2.5×: exposure (3 − 2.5) × 1,000,000 = 500,000 × win rate 25% = 125,000',
      metrics: set(2.5),
      impact: { annual: 125_000, exposure: 500_000, likelihood: 0.25 },
      evidence: ['Open pipeline for FY2025 Q3 is $2.50M, 2.50× the target of $1.00M; the all-segment benchmark is 3.00×.'],
      values: { pipeline_coverage: 2.5, 'pipeline_coverage.target': 1_000_000, win_rate: 0.25, 'benchmark.pipeline_coverage.good': 3 },
    },
    { name: 'enterprise company at 2×: (3 − 2) × 1,000,000 × 25% = 250,000', metrics: set(2), segment: 'enterprise', impact: { annual: 250_000, exposure: 1_000_000 } },
    { name: 'coverage just below the pass point: (3 − 2.7499) × 1,000,000 = 250,100 × 25% = 62,525', metrics: set(point('pipeline_coverage', 'pass') - EPS), impact: { annual: 62_525, exposure: 250_100 } },
    {
      name: 'proxy target, 0.3× well below 75% of its median 1.1×: (3 − 0.3) × 1,000,000 × 25% = 675,000',
      metrics: proxy(0.3, 1.1, 4),
      impact: { annual: 675_000, exposure: 2_700_000 },
      evidence: ['No target is configured: against its own history the company held a median 1.10× of the same proxy at the same point of the previous 4 quarters; 0.30× is below 75% of that.'],
    },
    {
      name: 'configured target: the benchmark alone judges 0.3×',
      metrics: [metric('pipeline_coverage', 0.3, { quarter: 'FY2025 Q3', openPipeline: 300_000, target: 1_000_000, targetBasis: 'targets.nextQuarterBookings' }), win],
      impact: { annual: 675_000 },
    },
  ],
});
