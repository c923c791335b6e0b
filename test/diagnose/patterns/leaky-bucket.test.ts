/**
 * leaky_bucket (mixed segment unless stated; default pack: GRR good 90%, fair 86%, pass 88%;
 * SMB good 88%, pass 86%; enterprise pass 92.25%; bookings growth fair 26%).
 */
import { describe, expect, it } from 'vitest';
import { leakyBucket } from '../../../src/diagnose/patterns/leaky-bucket.js';
import { PatternTester } from '../../helpers/pattern-tester.js';
import { metric, point, run } from '../helpers.js';

const EPS = 1e-4;
const growth = metric('bookings_growth_yoy', 0.3);
const grr = (v: number, details = {}) => metric('grr', v, { arrBefore: 4_000_000, churnedArr: 300_000, contractionArr: 100_000, ...details });

new PatternTester(leakyBucket).run({
  valid: [
    { name: 'GRR 95% with bookings +30%', metrics: [growth, grr(0.95)] },
    { name: 'GRR just above the pass point: a watch item', metrics: [growth, grr(point('grr', 'pass') + EPS)], status: 'near', note: 'gross revenue retention below the segment pass point' },
    { name: 'bookings growth just below the benchmark median: no leaky bucket even at GRR 70%', metrics: [metric('bookings_growth_yoy', point('bookings_growth_yoy', 'fair') - EPS), grr(0.7)] },
    {
      name: 'overall GRR passes but SMB (30 renewals) is at 70%, below its own 86% pass point: a watch item',
      metrics: [growth, grr(0.95, { 'SMB.grr': 0.7, 'SMB.renewals': 30, 'Enterprise.grr': 0.99, 'Enterprise.renewals': 40 })],
      status: 'near',
      note: 'overall GRR passes, but segment GRR is below its own segment pass point: SMB 70.0% (30 renewals, benchmark 88.0%)',
    },
    { name: 'a leaking segment with 19 renewals is below the 20-renewal floor: noise', metrics: [growth, grr(0.95, { 'SMB.grr': 0.7, 'SMB.renewals': 19 })] },
    { name: 'SMB company at GRR 87% (SMB pass 86%, good 88%): a watch item', metrics: [growth, grr(0.87)], segment: 'smb', status: 'near' },
    { name: 'GRR n/a: could not check, with what would unlock it', metrics: [growth, metric('grr', null)], status: 'missing', missing: 'Gross revenue retention' },
  ],
  invalid: [
    {
      // SPEC §6: lifting GRR from 82% to the 90% floor on a 4.0M base is worth 0.32M a year
      name: 'GRR 82% with bookings +30%: (90% − 82%) × 4,000,000 = 320,000',
      metrics: [growth, grr(0.82)],
      impact: { annual: 320_000, formula: '(GRR benchmark 90.00% − GRR 82.00%) × ARR up for renewal $4,000,000.00 = $320,000.00' },
      evidence: ['Bookings grew 30.0% year over year (benchmark median 26.0%), yet gross revenue retention is 82.0% against the all-segment benchmark of 90.0%.', 'Of $4.00M ARR up for renewal in the last twelve months, $300.0k churned and $100.0k contracted.'],
      values: { grr: 0.82, bookings_growth_yoy: 0.3, 'grr.arrBefore': 4_000_000, 'benchmark.grr.good': 0.9 },
    },
    { name: 'GRR just below the pass point: (90% − 87.99%) × 4,000,000 = 80,400', metrics: [growth, grr(point('grr', 'pass') - EPS)], impact: { annual: 80_400 } },
    { name: 'SMB company at GRR 85%: (88% − 85%) × 4,000,000 = 120,000', metrics: [growth, grr(0.85)], segment: 'smb', impact: { annual: 120_000 }, evidence: ['against the smb benchmark of 88.0%'] },
    {
      name: 'GRR 80% with segments: each judged on its own segment, SMB leaks; (90% − 80%) × 4,000,000 = 400,000',
      metrics: [growth, grr(0.8, { 'SMB.grr': 0.7, 'SMB.renewals': 30, 'Enterprise.grr': 0.95, 'Enterprise.renewals': 40 })],
      impact: { annual: 400_000 },
      evidence: ["By segment: Enterprise 95.0% (40 renewals, benchmark 93.0%), SMB 70.0% (30 renewals, benchmark 88.0%); below its own segment's pass point: SMB."],
    },
    {
      name: 'no ARR up for renewal: fires, impact not estimated',
      metrics: [growth, metric('grr', 0.8)],
      impact: { annual: null, formula: 'not estimated: the grr metric has no arrBefore detail (ARR up for renewal)' },
      values: { 'grr.arrBefore': null },
    },
  ],
});

describe('leaky_bucket in a full diagnosis', () => {
  it('is a loss finding with the SPEC §6 impact reproducible from its metrics', () => {
    const f = run([growth, grr(0.82)]).findings.find((x) => x.id === 'leaky_bucket');
    expect(f?.impact).toMatchObject({ kind: 'loss', annual: 320_000 });
    const m = f?.metrics as Record<string, number>;
    expect(((m['benchmark.grr.good'] as number) - (m['grr'] as number)) * (m['grr.arrBefore'] as number)).toBeCloseTo(320_000, 6);
  });
});
