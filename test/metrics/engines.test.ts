/**
 * Issue 18, "engines, not averages": engine detection and per-engine metrics on a small company
 * with two segments and a partner pipeline, every expectation computed by hand in the comments.
 *
 * As of 2025-12-31: window 2025-01-01..2025-12-31, prior year 2024.
 *   SMB:  won 10k (A, Sales, Organic Search, new, cycle 31 d), won 20k (A, Partner Pipeline, new, cycle 10 d),
 *         lost 10k (B, Sales, new), lost 10k (B, Sales, new); prior-year won 15k (Sales, new).
 *         renewals: 10k → 0, 10k → 10k (and one in 2024, outside the window).
 *   Mid-Market: won 50k (B, Partner Pipeline, new, cycle 100 d), won 30k (B, Sales, expansion, cycle 20 d),
 *         lost 40k (C, Partner Pipeline, Outbound, new); prior-year won 40k (Sales, new).
 *         renewal: 50k → 60k.
 */
import { describe, expect, it } from 'vitest';
import { computeEngines, benchmarkSegmentOf, sourceMotion, type Engine } from '../../src/metrics/engines.js';
import { gradeEngine } from '../../src/diagnose/engine-grades.js';
import { DEFAULT_PACK } from '../../src/rules/default-pack.js';
import { makeCtx, makeDataset, makeDeal, makeRenewal } from '../helpers/builders.js';

const k = (units: number): number => units * 100;

function company() {
  return makeDataset({
    deals: [
      makeDeal({ segment: 'SMB', status: 'won', amountCents: k(10_000), created: '2025-01-01', closed: '2025-02-01', owner: 'A', pipeline: 'Sales Pipeline', source: 'Organic Search', type: 'new' }),
      makeDeal({ segment: 'SMB', status: 'won', amountCents: k(20_000), created: '2025-03-01', closed: '2025-03-11', owner: 'A', pipeline: 'Partner Pipeline', type: 'new' }),
      makeDeal({ segment: 'SMB', status: 'lost', amountCents: k(10_000), closed: '2025-04-01', owner: 'B', pipeline: 'Sales Pipeline', type: 'new' }),
      makeDeal({ segment: 'SMB', status: 'lost', amountCents: k(10_000), closed: '2025-05-01', owner: 'B', pipeline: 'Sales Pipeline', type: 'new' }),
      makeDeal({ segment: 'SMB', status: 'won', amountCents: k(15_000), created: '2024-05-01', closed: '2024-06-01', owner: 'A', pipeline: 'Sales Pipeline', type: 'new' }),
      makeDeal({ segment: 'Mid-Market', status: 'won', amountCents: k(50_000), created: '2025-01-01', closed: '2025-04-11', owner: 'B', pipeline: 'Partner Pipeline', type: 'new' }),
      makeDeal({ segment: 'Mid-Market', status: 'won', amountCents: k(30_000), created: '2025-05-01', closed: '2025-05-21', owner: 'B', pipeline: 'Sales Pipeline', type: 'expansion' }),
      makeDeal({ segment: 'Mid-Market', status: 'lost', amountCents: k(40_000), closed: '2025-06-01', owner: 'C', pipeline: 'Partner Pipeline', source: 'Outbound', type: 'new' }),
      makeDeal({ segment: 'Mid-Market', status: 'won', amountCents: k(40_000), created: '2024-04-01', closed: '2024-05-01', owner: 'B', pipeline: 'Sales Pipeline', type: 'new' }),
      makeDeal({ segment: 'Mid-Market', status: 'open', amountCents: k(99_000), created: '2025-11-01', closed: '2026-02-01', owner: 'C' }),
    ],
    renewals: [
      makeRenewal({ account: 'R1', segment: 'SMB', renewalDate: '2025-03-01', arrBeforeCents: k(10_000), arrAfterCents: 0 }),
      makeRenewal({ account: 'R2', segment: 'SMB', renewalDate: '2025-04-01', arrBeforeCents: k(10_000), arrAfterCents: k(10_000) }),
      makeRenewal({ account: 'R3', segment: 'SMB', renewalDate: '2024-06-01', arrBeforeCents: k(10_000), arrAfterCents: 0 }),
      makeRenewal({ account: 'R4', segment: 'Mid-Market', renewalDate: '2025-05-01', arrBeforeCents: k(50_000), arrAfterCents: k(60_000) }),
    ],
  });
}

const ctx = makeCtx('2025-12-31');

function pick(e: Engine): Record<string, unknown> {
  return {
    closedDeals: e.closedDeals, won: e.won, lost: e.lost, winRate: e.winRate, bookings: e.bookings, bookingsShare: e.bookingsShare,
    bookingsPrior: e.bookingsPrior, bookingsGrowthYoy: e.bookingsGrowthYoy, newBookings: e.newBookings, newDeals: e.newDeals,
    newBookingsGrowthYoy: e.newBookingsGrowthYoy, avgDealSize: e.avgDealSize, cycleDaysMedian: e.cycleDaysMedian, renewals: e.renewals,
    arrDue: e.arrDue, grr: e.grr, nrr: e.nrr, topRep: e.topRep, topRepWins: e.topRepWins, topRepShare: e.topRepShare, benchmarkSegment: e.benchmarkSegment,
  };
}

describe('computeEngines: segments from the deal segment column', () => {
  const block = computeEngines(company(), ctx);
  it('finds two segments, largest bookings first, and calls the company mixed', () => {
    expect(block.segmentBasis).toBe('deal segment column');
    expect(block.segments.map((s) => s.label)).toEqual(['Mid-Market', 'SMB']);
    expect(block.mixed).toBe(true);
  });
  it.each([
    {
      label: 'Mid-Market',
      // 2 won of 3 closed; 80k booked of 110k; prior 40k → +100%; new 50k vs 40k → +25%; cycles 100, 20 → 60
      want: { closedDeals: 3, won: 2, lost: 1, winRate: 2 / 3, bookings: 80_000, bookingsShare: 80 / 110, bookingsPrior: 40_000, bookingsGrowthYoy: 1, newBookings: 50_000, newDeals: 1, newBookingsGrowthYoy: 0.25, avgDealSize: 40_000, cycleDaysMedian: 60, renewals: 1, arrDue: 50_000, grr: 1, nrr: 1.2, topRep: 'B', topRepWins: 2, topRepShare: 1, benchmarkSegment: 'mid-market' },
    },
    {
      label: 'SMB',
      // 2 won of 4; 30k of 110k; prior 15k → +100%; cycles 31, 10 → 20.5; renewals 20k due, 10k kept
      want: { closedDeals: 4, won: 2, lost: 2, winRate: 0.5, bookings: 30_000, bookingsShare: 30 / 110, bookingsPrior: 15_000, bookingsGrowthYoy: 1, newBookings: 30_000, newDeals: 2, newBookingsGrowthYoy: 1, avgDealSize: 15_000, cycleDaysMedian: 20.5, renewals: 2, arrDue: 20_000, grr: 0.5, nrr: 0.5, topRep: 'A', topRepWins: 2, topRepShare: 1, benchmarkSegment: 'smb' },
    },
  ])('$label engine', ({ label, want }) => {
    const e = block.segments.find((s) => s.label === label) as Engine;
    const got = pick(e);
    for (const [key, v] of Object.entries(want)) {
      if (typeof v === 'number') expect(got[key], key).toBeCloseTo(v, 10);
      else expect(got[key], key).toBe(v);
    }
    expect(e.small).toBe(true); // fewer than 20 closed deals
  });
});

describe('computeEngines: motions', () => {
  const block = computeEngines(company(), ctx);
  const group = (dim: string) => block.motions.find((m) => m.dimension === dim);
  it.each([
    // new business: won 10k, 20k, 50k; lost 10k, 10k, 40k → 3 of 6; expansion: 30k won, 1 of 1
    { dim: 'type', label: 'New business', won: 3, closed: 6, bookings: 80_000, growth: 80 / 55 - 1 },
    { dim: 'type', label: 'Expansion', won: 1, closed: 1, bookings: 30_000, growth: null },
    // direct (Sales Pipeline), new business only (the 30k expansion is not a channel motion): won 10k; lost 10k, 10k; prior 15k + 40k → 10/55 − 1
    { dim: 'pipeline', label: 'Direct', won: 1, closed: 3, bookings: 10_000, growth: 10 / 55 - 1 },
    // partner: won 20k, 50k; lost 40k; no prior-year partner bookings
    { dim: 'pipeline', label: 'Partner', won: 2, closed: 3, bookings: 70_000, growth: null },
    // only two deals carry a source: Organic Search (inbound, won) and Outbound (lost)
    { dim: 'source', label: 'Inbound', won: 1, closed: 1, bookings: 10_000, growth: null },
    { dim: 'source', label: 'Outbound', won: 0, closed: 1, bookings: 0, growth: null },
  ])('$dim: $label', ({ dim, label, won, closed, bookings, growth }) => {
    const e = group(dim)?.engines.find((x) => x.label === label) as Engine;
    expect(e.won).toBe(won);
    expect(e.closedDeals).toBe(closed);
    expect(e.bookings).toBe(bookings);
    if (growth === null) expect(e.bookingsGrowthYoy).toBeNull();
    else expect(e.bookingsGrowthYoy).toBeCloseTo(growth, 10);
  });
  it('leaves out a motion with one side only (no partner pipeline, no partner group)', () => {
    const ds = makeDataset({ deals: [makeDeal({ pipeline: 'Sales Pipeline', closed: '2025-03-01' }), makeDeal({ status: 'lost', pipeline: 'Sales Pipeline', closed: '2025-03-01' })] });
    expect(computeEngines(ds, ctx).motions.map((m) => m.dimension)).toEqual([]);
  });
});

describe('computeEngines: fallbacks', () => {
  it('uses deal-size bands without any segment (10k SMB, 50k Mid-Market, 150k Enterprise)', () => {
    const ds = makeDataset({
      deals: [
        makeDeal({ amountCents: k(10_000), closed: '2025-03-01' }),
        makeDeal({ amountCents: k(50_000), closed: '2025-03-01' }),
        makeDeal({ amountCents: k(150_000), closed: '2025-03-01' }),
        makeDeal({ status: 'lost', amountCents: k(150_000), closed: '2025-03-01' }),
      ],
    });
    const b = computeEngines(ds, ctx);
    expect(b.segmentBasis).toBe('deal-size bands');
    expect(b.segments.map((s) => [s.label, s.won, s.closedDeals, s.benchmarkSegment])).toEqual([
      ['Enterprise', 1, 2, 'enterprise'],
      ['Mid-Market', 1, 1, 'mid-market'],
      ['SMB', 1, 1, 'smb'],
    ]);
  });
  it('takes the renewal segment by account when deals have none', () => {
    const ds = makeDataset({
      deals: [makeDeal({ account: 'Acme', closed: '2025-03-01' }), makeDeal({ account: 'Beta', status: 'lost', closed: '2025-03-01' }), makeDeal({ account: 'Nobody', closed: '2025-03-01' })],
      renewals: [makeRenewal({ account: 'Acme', segment: 'ENT', renewalDate: '2025-05-01' }), makeRenewal({ account: 'Beta', segment: 'SMB', renewalDate: '2025-05-01' })],
    });
    const b = computeEngines(ds, ctx);
    expect(b.segmentBasis).toBe('renewal segment by account');
    expect(b.segments.map((s) => [s.label, s.won, s.lost, s.renewals])).toEqual([
      ['ENT', 1, 0, 1],
      ['SMB', 0, 1, 1],
    ]);
    expect(b.notes[0]).toContain('1 closed deals of the window match no renewal account');
  });
  it.each([
    ['SMB', 'smb'],
    ['Mid-Market', 'mid-market'],
    ['ENT', 'enterprise'],
    ['Public Sector', null],
  ])('benchmark segment of %s is %s', (label, want) => expect(benchmarkSegmentOf(label)).toBe(want));
  it.each([
    ['Offline Sources', 'outbound'],
    ['Paid Search', 'inbound'],
    ['Referrals', 'inbound'],
    ['Trade partner', null],
    [null, null],
  ])('source %s is %s', (source, want) => expect(sourceMotion(source)).toBe(want));
});

describe('gradeEngine: each engine on its own segment benchmarks', () => {
  const base = computeEngines(company(), ctx).segments[0] as Engine;
  it.each([
    // GRR 86%: SMB points good 88 / fair 84 → 60 + 40 × 2/4 = 80 (pass); mid-market 90 / 87.5 / 85 → 20 + 40 × 1/2.5 = 36 (fail)
    { seg: 'smb', status: 'pass', score: 80, good: 0.88 },
    { seg: 'mid-market', status: 'fail', score: 36, good: 0.9 },
  ] as const)('GRR 86% on $seg points', ({ seg, status, score, good }) => {
    const e: Engine = { ...base, benchmarkSegment: seg, grr: 0.86, nrr: null, renewals: 40, small: true };
    const g = gradeEngine(e, DEFAULT_PACK.rules).grades;
    expect(g).toEqual([{ rule: 'grr', value: 0.86, status, score, good }]);
  });
  it('abstains on too few renewals or closed deals', () => {
    const e: Engine = { ...base, grr: 0.5, renewals: 19, small: true };
    expect(gradeEngine(e, DEFAULT_PACK.rules).grades).toEqual([]);
  });
});

describe('computeEngines: size bands and deals without an amount', () => {
  it('leaves unsized deals out of the bands and does not print a win rate that ignores the losses', () => {
    // lost deals exported at 0 (as the Maven CRM sample does): they fit no band
    const ds = makeDataset({
      deals: [
        makeDeal({ amountCents: k(10_000), closed: '2025-03-01' }),
        makeDeal({ amountCents: k(50_000), closed: '2025-03-01' }),
        makeDeal({ status: 'lost', amountCents: 0, closed: '2025-03-01' }),
      ],
    });
    const b = computeEngines(ds, ctx);
    expect(b.segments.map((s) => [s.label, s.won, s.closedDeals, s.winRate])).toEqual([
      ['Mid-Market', 1, 1, null],
      ['SMB', 1, 1, null],
    ]);
    expect(b.notes[0]).toBe('1 closed deals of the window have no amount and cannot be placed in a size band; 1 of them are lost deals, so the win rate by band leaves out those losses and is shown as n/a');
  });
});
