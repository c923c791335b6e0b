/**
 * Issue 18, "the full funnel by channel": leads → MQLs → SQLs (spend file) → opportunities → wins
 * (deals, source matched to the spend channel), conversion and cost per step; and the one
 * win-rate definition with the cohort rate as a named variant. Expectations by hand.
 */
import { describe, expect, it } from 'vitest';
import { computeChannelFunnel, reconcileWinRates, type FunnelRow } from '../../src/metrics/channel-funnel.js';
import type { MetricResult } from '../../src/metrics/types.js';
import { makeCtx, makeDataset, makeDeal, makeSpend } from '../helpers/builders.js';

const k = (units: number): number => units * 100;
const ctx = makeCtx('2025-12-31');

const opp = (source: string | null, won: boolean) =>
  makeDeal({ type: 'new', source, status: won ? 'won' : 'open', created: '2025-03-15', closed: won ? '2025-05-01' : '2026-02-01' });

const ds = makeDataset({
  spend: [
    makeSpend({ channel: 'Paid Search', periodStart: '2025-03-01', amountCents: k(10_000), leads: 100, mqls: 40, sqls: 20 }),
    makeSpend({ channel: 'Paid Search', periodStart: '2025-04-01', amountCents: k(5_000), leads: 50, mqls: 10, sqls: 5 }),
    makeSpend({ channel: 'Events', periodStart: '2025-03-01', amountCents: k(6_000), leads: 30, mqls: 15, sqls: 10 }),
    makeSpend({ channel: 'Sales salaries', category: 'sales', periodStart: '2025-03-01', amountCents: k(50_000) }),
    makeSpend({ channel: 'Paid Search', periodStart: '2024-03-01', amountCents: k(99_000), leads: 999 }),
  ],
  deals: [
    opp('paid_search', true), opp('paid_search', true), opp('paid_search', false), opp('paid_search', false), opp('Paid Search', false),
    opp('Events', true), opp('Events', false), opp('Events', false),
    opp('Referrals', true), opp('Referrals', false),
    opp(null, false),
    makeDeal({ type: 'expansion', source: 'Paid Search', created: '2025-03-15', closed: '2025-05-01' }),
  ],
});

describe('computeChannelFunnel', () => {
  const f = computeChannelFunnel(ds, ctx);
  const row = (name: string): FunnelRow => (name === 'All channels' ? f?.total : f?.rows.find((r) => r.channel === name)) as FunnelRow;
  it('orders paid channels by spend, then sources without spend', () => {
    expect(f?.rows.map((r) => [r.channel, r.paid])).toEqual([
      ['Paid Search', true],
      ['Events', true],
      ['Referrals', false],
    ]);
  });
  it.each([
    // Paid Search: 15k spend, 150 leads, 50 MQLs, 25 SQLs, 5 opportunities, 2 won
    { name: 'Paid Search', counts: [15_000, 150, 50, 25, 5, 2], conv: [1 / 3, 0.5, 0.2, 0.4], cost: [100, 300, 600, 3_000, 7_500] },
    // Events: 6k, 30, 15, 10, 3, 1
    { name: 'Events', counts: [6_000, 30, 15, 10, 3, 1], conv: [0.5, 2 / 3, 0.3, 1 / 3], cost: [200, 400, 600, 2_000, 6_000] },
    // Referrals: no spend row, 2 opportunities, 1 won
    { name: 'Referrals', counts: [null, null, null, null, 2, 1], conv: [null, null, null, 0.5], cost: [null, null, null, null, null] },
    // total: 21k; 180 / 65 / 35; opportunities 5 + 3 + 2 + 1 without source = 11; won 4
    { name: 'All channels', counts: [21_000, 180, 65, 35, 11, 4], conv: [65 / 180, 35 / 65, 11 / 35, 4 / 11], cost: [21_000 / 180, 21_000 / 65, 600, 21_000 / 11, 5_250] },
  ])('$name', ({ name, counts, conv, cost }) => {
    const r = row(name);
    expect([r.spend, r.leads, r.mqls, r.sqls, r.opportunities, r.won]).toEqual(counts);
    const gotConv = [r.leadToMql, r.mqlToSql, r.sqlToOpportunity, r.opportunityToWon];
    const gotCost = [r.costPerLead, r.costPerMql, r.costPerSql, r.costPerOpportunity, r.costPerWon];
    conv.forEach((c, i) => (c === null ? expect(gotConv[i]).toBeNull() : expect(gotConv[i]).toBeCloseTo(c, 10)));
    cost.forEach((c, i) => (c === null ? expect(gotCost[i]).toBeNull() : expect(gotCost[i]).toBeCloseTo(c, 8)));
  });
  it('names the sources without spend and the deals without a source', () => {
    expect(f?.notes[0]).toBe('deal sources with no spend row of the same name: Referrals (their cost, if any, sits in another spend channel)');
    expect(f?.notes[1]).toBe('1 opportunities and 0 wins carry no source: counted in the total only');
  });
  it('is null without a spend file', () => {
    expect(computeChannelFunnel(makeDataset({ deals: [opp('x', true)] }), ctx)).toBeNull();
  });
});

function metric(id: string, value: number, details: Record<string, number>): MetricResult {
  return { id, title: id, area: 'pipeline', unit: 'ratio', value, status: 'ok', reason: null, inputs: ['deals'], notes: [], sampleSize: null, details };
}

describe('reconcileWinRates', () => {
  it('keeps one definition and shows the cohort rate as a named variant with the counts', () => {
    // win rate 30 of 100 decided; cohort: 120 created, 24 won, 40 still open → 20%, decided-only 24/80 = 30%
    const r = reconcileWinRates([metric('win_rate', 0.3, { won: 30, lost: 70 }), metric('opportunity_to_win_rate', 0.2, { created: 120, won: 24, stillOpen: 40 })]);
    expect(r?.primary).toEqual({ name: 'Win rate', value: 0.3, definition: 'won ÷ (won + lost) by count, deals closed in the last twelve months (30 won, 70 lost)' });
    expect(r?.variants.map((v) => [v.name, v.value])).toEqual([
      ['Opportunity-to-win (cohort)', 0.2],
      ['Cohort win rate, decided deals only', 0.3],
    ]);
    expect(r?.explanation).toContain('Of the 120 deals created in the window, 24 are won and 40 are still open');
  });
  it('is null without a win rate', () => {
    expect(reconcileWinRates([])).toBeNull();
  });
});
