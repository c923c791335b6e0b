/**
 * Issue 18: the Perspective names the engines, which grows and which leaks, and states the
 * binding constraint as a sentence about the business with numbers; a healthy company is told so.
 */
import { describe, expect, it } from 'vitest';
import { NO_CRO_INPUTS } from '../../src/diagnose/cro-inputs.js';
import { gradeEngines } from '../../src/diagnose/engine-grades.js';
import type { Engine, EnginesBlock } from '../../src/metrics/engines.js';
import { DEFAULT_PACK } from '../../src/rules/default-pack.js';
import { metric, run } from './helpers.js';

function engine(partial: Partial<Engine> & Pick<Engine, 'label' | 'benchmarkSegment'>): Engine {
  return {
    id: `segment:${partial.label}`, dimension: 'segment', closedDeals: 100, won: 30, lost: 70, winRate: 0.3, bookings: 0, bookingsShare: 0.5, bookingsPrior: 0,
    bookingsGrowthYoy: 0.3, newBookings: 0, newDeals: 10, newBookingsPrior: 0, newBookingsGrowthYoy: null, avgDealSize: null, cycleDaysMedian: null,
    renewals: 0, arrDue: null, grr: null, nrr: null, topRep: null, topRepWins: null, topRepShare: null, cac: null, small: false, grades: [], ...partial,
  };
}

const block: EnginesBlock = gradeEngines(
  {
    segmentBasis: 'deal segment column',
    mixed: true,
    segments: [
      engine({ label: 'Mid-Market', benchmarkSegment: 'mid-market', bookingsShare: 0.6, bookingsGrowthYoy: 0.8, winRate: 0.3, renewals: 50, arrDue: 1_000_000, grr: 0.95, nrr: 1.1, newDeals: 20, won: 30, topRep: 'Ann', topRepWins: 12, topRepShare: 0.4 }),
      engine({ label: 'SMB', benchmarkSegment: 'smb', bookingsShare: 0.4, bookingsGrowthYoy: 0.1, winRate: 0.25, renewals: 300, arrDue: 2_000_000, grr: 0.78, nrr: 0.85, newDeals: 45, won: 50, topRep: 'Bo', topRepWins: 10, topRepShare: 0.2 }),
    ],
    motions: [],
    notes: [],
  },
  DEFAULT_PACK.rules,
);

describe('Perspective read from the engines', () => {
  const d = run([metric('win_rate', 0.28, { won: 80, lost: 220 })], { cro: { ...NO_CRO_INPUTS, engines: block } });
  const s = d.perspective.summary;
  it('names the engines, which grows and keeps, which leaks', () => {
    expect(s).toContain('It runs 2 engines, not one average: Mid-Market grows and keeps (+80% bookings year over year, 60% of bookings, wins 30%; GRR 95.0%, NRR 110.0%); SMB grows slowly and leaks (+10% bookings year over year, 40% of bookings, wins 25%; GRR 78.0% against 88% for its segment, NRR 85.0%).');
  });
  it('states the binding constraint with numbers: (88% − 78%) × $2.00M = $200.0k, 45 of 65 new deals', () => {
    expect(s).toContain(
      'Binding constraint: the SMB engine keeps 78.0% of its ARR against 88% for its segment, losing about $200.0k a year beyond the benchmark on $2.00M due, yet it still takes 45 of 65 new deals: growth bought there leaks out, while Mid-Market keeps what it wins; and 12 of 30 Mid-Market wins come from one rep (Ann).',
    );
  });
  it('puts the engines first in where growth comes from', () => {
    expect(d.perspective.growthSources[0]).toMatch(/^Engines: Mid-Market grows and keeps/);
  });
});

describe('a healthy company is told so', () => {
  it('says what keeps it healthy and what to watch', () => {
    // win rate 3 + sales cycle 2 + stale share 2 + quarter-end skew 1 = 8 of the pipeline area's 16: graded
    const d = run([
      metric('win_rate', 0.32, { won: 32, lost: 68 }),
      metric('grr', 0.95, { arrBefore: 1_000_000 }),
      metric('sales_cycle_days', 40),
      metric('stale_pipeline_share', 0.05),
      metric('quarter_end_skew', 0.2),
    ]);
    expect(d.findings).toEqual([]);
    expect(d.perspective.summary).toContain('A healthy revenue engine: no pattern fires and no area scores below a B');
    expect(d.perspective.summary).toMatch(/What keeps it healthy: .*Gross revenue retention 95\.0%/);
    expect(d.perspective.summary).toMatch(/What to watch: /);
  });
  // the Maven CRM sample: 8,800 deals, only data quality graded; the summary read "No area could be
  // be graded … A healthy revenue engine: … (1 area graded)"
  it('is never called healthy when no revenue area could be graded (data quality alone)', () => {
    const d = run([metric('rejected_row_rate', 0), metric('missing_owner_share', 0)]);
    expect(d.findings).toEqual([]);
    expect(d.perspective.summary).toContain('No area could be graded from the data given.');
    expect(d.perspective.summary).not.toMatch(/healthy revenue engine|What keeps it healthy/);
    expect(d.perspective.summary).toMatch(/No pattern fires on the data given; with no revenue area graded that says nothing about the engine's health/);
  });
});
