/**
 * Issue 18: readiness that follows the framework — each trigger checked from the data, one by one,
 * with its evidence, and the verdict they lead to.
 */
import { describe, expect, it } from 'vitest';
import { NO_CRO_INPUTS, type CroInputs } from '../../src/diagnose/cro-inputs.js';
import { gradeEngines } from '../../src/diagnose/engine-grades.js';
import type { CroTrigger } from '../../src/diagnose/types.js';
import type { ChannelFunnel, FunnelRow } from '../../src/metrics/channel-funnel.js';
import type { Engine } from '../../src/metrics/engines.js';
import type { MetricResult } from '../../src/metrics/types.js';
import { DEFAULT_PACK } from '../../src/rules/default-pack.js';
import { metric, run } from './helpers.js';

const M = 1_000_000;
const readiness = (metrics: MetricResult[], arr: number | null, cro: CroInputs = NO_CRO_INPUTS) =>
  run(metrics, { profile: { arrCents: arr === null ? null : Math.round(arr * 100) }, cro }).croReadiness;
const trigger = (c: { triggers?: readonly CroTrigger[] }, id: CroTrigger['id']) => c.triggers?.find((t) => t.id === id);

function engine(p: Partial<Engine> & Pick<Engine, 'label' | 'benchmarkSegment'>): Engine {
  return {
    id: `segment:${p.label}`, dimension: 'segment', closedDeals: 100, won: 30, lost: 70, winRate: 0.3, bookings: 0, bookingsShare: 0.5, bookingsPrior: 0,
    bookingsGrowthYoy: 0.3, newBookings: 0, newDeals: 10, newBookingsPrior: 0, newBookingsGrowthYoy: null, avgDealSize: null, cycleDaysMedian: null,
    renewals: 0, arrDue: null, grr: null, nrr: null, topRep: null, topRepWins: null, topRepShare: null, cac: null, small: false, grades: [], ...p,
  };
}
const engines = (segments: Engine[]): CroInputs => ({
  ...NO_CRO_INPUTS,
  engines: gradeEngines({ segmentBasis: 'deal segment column', mixed: true, segments, motions: [], notes: [] }, DEFAULT_PACK.rules),
});

function row(channel: string, leads: number, sqls: number, opportunities: number, won: number): FunnelRow {
  return {
    channel, paid: true, spend: 1000, leads, mqls: null, sqls, opportunities, won, leadToMql: null, mqlToSql: null, sqlToOpportunity: null,
    opportunityToWon: null, costPerLead: null, costPerMql: null, costPerSql: null, costPerOpportunity: null, costPerWon: null,
  };
}
const funnel = (rows: FunnelRow[], total: FunnelRow): CroInputs => ({ ...NO_CRO_INPUTS, funnel: { basis: '', rows, total, notes: [] } satisfies ChannelFunnel });

describe('CRO readiness triggers, one by one', () => {
  it('ARR band: below 10M with nothing else, founder-led with a sales leader', () => {
    const c = readiness([metric('bookings_growth_yoy', 0.2), metric('grr', 0.95, { arrBefore: M })], 5 * M);
    expect(c.verdict).toBe('founder-led with a sales leader');
    expect(c.reasons[0]).toBe('ARR about $5.00M: below $10M a full-time CRO is rarely needed');
  });

  it.each([
    // 9.97M × 1.2 = 11.96M ≥ 10M → fires; 9.97M × 1.002 = 9.99M → does not
    { growth: 0.2, fired: true, evidence: 'at bookings growth +20.0%, ARR of $9.97M would be about $11.96M in a year: past $10M' },
    { growth: 0.002, fired: false, evidence: 'at bookings growth +0.2%, ARR of $9.97M would be about $9.99M in a year: short of $10M' },
  ])('crossing a band within a year: growth $growth', ({ growth, fired, evidence }) => {
    const c = readiness([metric('bookings_growth_yoy', growth)], 9.97 * M);
    expect(trigger(c, 'crossing_band')).toEqual({ id: 'crossing_band', fired, evidence });
    if (fired) expect(c.reasons.at(-1)).toContain('ARR crosses $10M within a year: plan a fractional CRO before then');
  });

  it.each([
    // the company: GRR 74.5%, bookings +137% → at least a fractional CRO even below 10M
    { grr: 0.745, growth: 1.37, fired: true, verdict: 'fractional CRO' },
    { grr: 0.86, growth: 1.37, fired: false, verdict: 'founder-led with a sales leader' },
    { grr: 0.745, growth: 0.3, fired: false, verdict: 'founder-led with a sales leader' },
  ])('high churn despite strong bookings: GRR $grr, bookings +$growth', ({ grr, growth, fired, verdict }) => {
    const c = readiness([metric('bookings_growth_yoy', growth), metric('grr', grr, { arrBefore: M })], 5 * M);
    expect(trigger(c, 'churn_despite_bookings')?.fired).toBe(fired);
    expect(c.verdict).toBe(verdict);
  });

  it('functions misaligned, from the data: half the leads in a channel no deal is sourced from', () => {
    const c = readiness([metric('win_rate', 0.25)], 5 * M, funnel([row('Paid Search', 500, 100, 90, 20), row('SEO', 500, 100, 0, 0)], row('All channels', 1_000, 200, 150, 20)));
    expect(trigger(c, 'functions_misaligned')?.fired).toBe(true);
    expect(trigger(c, 'functions_misaligned')?.evidence).toContain('50% of the leads (500 of 1,000) come from SEO, which no deal names as its source');
  });

  it('functions misaligned, from the data: sales sells most into the segment that leaks', () => {
    const cro = engines([
      engine({ label: 'SMB', benchmarkSegment: 'smb', newDeals: 60, renewals: 100, arrDue: M, grr: 0.75 }),
      engine({ label: 'Mid-Market', benchmarkSegment: 'mid-market', newDeals: 40, renewals: 50, arrDue: M, grr: 0.95 }),
    ]);
    const t = trigger(readiness([metric('win_rate', 0.25)], 5 * M, cro), 'functions_misaligned');
    expect(t?.evidence).toBe('sales and customer success: 60 of 100 new deals go to SMB, the segment that keeps only 75.0% of its ARR (88% for its segment)');
  });

  it('does not read misalignment from the tool\'s own owner tags', () => {
    // many findings owned by many functions, but no data-measured misalignment
    const c = readiness([metric('quarter_end_skew', 0.55, { quarters: 4, quarterBookings: M }), metric('rep_concentration', 0.45, { owner: 'Ada', totalBookings: M, owners: 3 }), metric('stale_pipeline_share', 0.3, { value: 1, count: 1 })], 5 * M);
    expect(trigger(c, 'functions_misaligned')?.fired).toBe(false);
  });

  it.each([
    // Mid-Market 600 of 1,000 now vs 400 of 1,000 a year ago: +20 points
    { now: [600, 400], before: [400, 600], fired: true, evidence: "Mid-Market's share of bookings went from 40.0% to 60.0% in a year: the company is moving into a segment that needs its own sales motion, pricing and success model" },
    { now: [550, 450], before: [500, 500], fired: false, evidence: "Mid-Market's share of bookings went from 50.0% to 55.0% in a year" },
  ])('segment expansion: $evidence', ({ now, before, fired, evidence }) => {
    const cro = engines([
      engine({ label: 'Mid-Market', benchmarkSegment: 'mid-market', bookings: now[0] as number, bookingsPrior: before[0] as number }),
      engine({ label: 'SMB', benchmarkSegment: 'smb', bookings: now[1] as number, bookingsPrior: before[1] as number }),
    ]);
    expect(trigger(readiness([metric('win_rate', 0.25)], 5 * M, cro), 'segment_expansion')).toEqual({ id: 'segment_expansion', fired, evidence });
  });

  it.each([
    // top owner 40% (≥ the 35% fair point) of 6 sellers, bookings +30% (≥ 26%) → fires
    { owners: 6, share: 0.4, growth: 0.3, fired: true },
    { owners: 3, share: 0.4, growth: 0.3, fired: false },
    { owners: 6, share: 0.3, growth: 0.3, fired: false },
    { owners: 6, share: 0.4, growth: 0.1, fired: false },
  ])('founder-led to scale-up transition: $owners sellers, top $share, growth $growth', ({ owners, share, growth, fired }) => {
    const c = readiness([metric('bookings_growth_yoy', growth), metric('rep_concentration', share, { owner: 'Ada', totalBookings: M, owners })], 5 * M);
    expect(trigger(c, 'scaling_transition')?.fired).toBe(fired);
  });

  it('growth plateau', () => {
    const c = readiness([metric('bookings_growth_yoy', -0.05)], 5 * M);
    expect(trigger(c, 'plateau')).toEqual({ id: 'plateau', fired: true, evidence: 'growth has plateaued: bookings -5.0% year over year' });
  });
});

describe('CRO readiness verdicts', () => {
  const churnAndHero = [metric('bookings_growth_yoy', 0.5), metric('grr', 0.8, { arrBefore: M }), metric('rep_concentration', 0.45, { owner: 'Ada', totalBookings: M, owners: 6 })];
  it('10–50M: fractional without triggers, full-time with two', () => {
    expect(readiness([metric('bookings_growth_yoy', 0.2)], 20 * M).verdict).toBe('fractional CRO');
    const c = readiness(churnAndHero, 20 * M);
    expect(c.verdict).toBe('full-time CRO');
    expect(c.fixFirst?.[0]).toBe('Retention as a revenue problem: tie what sales promises to what customer success keeps, with GRR as a shared target (now 80.0%).');
    expect(c.fixFirst?.[1]).toContain('document how Ada wins');
  });
  it('above 50M: full-time', () => {
    expect(readiness([metric('bookings_growth_yoy', 0.2)], 60 * M).verdict).toBe('full-time CRO');
  });
  it('ARR unknown: the triggers alone', () => {
    // no grr.arrBefore detail and no bookings: ARR cannot be estimated
    const c = readiness([metric('bookings_growth_yoy', 0.5), metric('grr', 0.8), metric('rep_concentration', 0.45, { owner: 'Ada', totalBookings: M, owners: 6 })], null);
    expect(c.verdict).toBe('fractional CRO');
    expect(c.reasons[0]).toBe('ARR unknown (no company.arr, renewals or bookings)');
  });
  it('ARR unknown and no trigger fired (a spend-only folder): not enough data, never a default "founder-led"', () => {
    const c = readiness([], null);
    expect(c.verdict).toBe('not enough data');
    expect(c.reasons).toContain('ARR unknown (no company.arr, renewals or bookings)');
    expect(c.reasons.at(-1)).toMatch(/no verdict: .*company\.arr.*deals, renewals or subscriptions/);
    expect(c.reasons.join(' ')).not.toMatch(/enough for now/);
  });
  it('ARR known and no trigger fired: the ARR band decides (unchanged)', () => {
    expect(readiness([], 5 * M).verdict).toBe('founder-led with a sales leader');
  });
});
