/**
 * Issue 18: plans rest on evidence. The quarter-end hockey stick prescribes a discount approval
 * desk only when quarter-end wins are measurably smaller than like-for-like earlier wins.
 */
import { describe, expect, it } from 'vitest';
import { NO_CRO_INPUTS } from '../../src/diagnose/cro-inputs.js';
import { run, metric, series } from './helpers.js';
import { gradeEngines } from '../../src/diagnose/engine-grades.js';
import type { Engine } from '../../src/metrics/engines.js';
import type { FunnelRow } from '../../src/metrics/channel-funnel.js';
import { DEFAULT_PACK } from '../../src/rules/default-pack.js';
import { getPattern } from '../../src/diagnose/patterns/index.js';
import { computeLossReasons } from '../../src/metrics/loss-reasons.js';
import { makeCtx, makeDataset, makeDeal } from '../helpers/builders.js';

const skew = [metric('quarter_end_skew', 0.55, { quarterBookings: 1_000_000, quarters: 4, 'share FY2025 Q3': 0.5, 'share FY2025 Q4': 0.6 })];

function hockey(sizeRatio: number, discountEvidence: boolean) {
  const d = run(skew, { cro: { ...NO_CRO_INPUTS, quarterEndPricing: { quarterEndDeals: 40, otherDeals: 30, sizeRatio, discountEvidence } } });
  const f = d.findings.find((x) => x.id === 'quarter_end_hockey_stick');
  if (f === undefined) throw new Error('quarter_end_hockey_stick did not fire');
  return f;
}

describe('quarter_end_hockey_stick and discounting', () => {
  it('without discount evidence: no approval desk, a step to record discount instead', () => {
    const f = hockey(1.04, false);
    expect(f.path).not.toMatch(/discount/i);
    expect(f.process.some((s) => /approval desk/i.test(s.step))).toBe(false);
    expect(f.process[1]?.step).toContain('Record discount (list price and net price) on every deal');
    expect(f.evidence.at(-1)).toContain('Quarter-end wins are 1.04× the size of same-segment wins');
  });
  it('names the share and the worst quarter in the path, and the share to bring down in the pay step', () => {
    const f = hockey(1, false);
    expect(f.path).toMatch(/^Sell to the buyer, not the calendar: 55\.0% of bookings close in the quarter's last 14 days \(FY2025 Q4: 60\.0%\) against a healthy /);
    expect(f.process[2]?.step).toMatch(/until the last-14-days share falls from 55\.0% toward /);
  });
  it('names the worst quarter in the first step', () => {
    expect(hockey(1, false).process[0]?.step).toContain('in FY2025 Q4 60.0% of the bookings closed in the last 14 days');
  });
  it('with discount evidence: keeps the desk and says why', () => {
    const f = hockey(0.8, true);
    expect(f.process[1]?.step).toContain('Discount approval desk with a cap on end-of-quarter concessions: the 40 quarter-end wins are 0.80× the size of the 30 earlier same-segment wins');
    expect(f.evidence.at(-1)).toContain('0.80× the size');
  });
});

// ---------------------------------------------------------------------------------------------
// Plans written for this company


function engine(p: Partial<Engine> & Pick<Engine, 'label' | 'benchmarkSegment'>): Engine {
  return {
    id: `segment:${p.label}`, dimension: 'segment', closedDeals: 100, won: 30, lost: 70, winRate: 0.3, bookings: 0, bookingsShare: 0.5, bookingsPrior: 0,
    bookingsGrowthYoy: 0.3, newBookings: 0, newDeals: 10, newBookingsPrior: 0, newBookingsGrowthYoy: null, avgDealSize: null, cycleDaysMedian: null,
    renewals: 0, arrDue: null, grr: null, nrr: null, topRep: null, topRepWins: null, topRepShare: null, cac: null, small: false, grades: [], ...p,
  };
}

const twoEngines = gradeEngines(
  {
    segmentBasis: 'deal segment column',
    mixed: true,
    segments: [
      engine({ label: 'Mid-Market', benchmarkSegment: 'mid-market', bookingsGrowthYoy: 0.8, renewals: 50, arrDue: 1_000_000, grr: 0.95, nrr: 1.1, newDeals: 20, won: 30, topRep: 'Ada', topRepWins: 12 }),
      engine({ label: 'SMB', benchmarkSegment: 'smb', bookingsGrowthYoy: 0.1, renewals: 300, arrDue: 2_000_000, grr: 0.78, nrr: 0.85, newDeals: 45, won: 50, topRep: 'Ada', topRepWins: 20 }),
    ],
    motions: [],
    notes: [],
  },
  DEFAULT_PACK.rules,
);

describe('leaky_bucket written for the company', () => {
  const d = run([metric('bookings_growth_yoy', 0.4), metric('grr', 0.82, { arrBefore: 3_000_000, churnedArr: 400_000, contractionArr: 140_000 })], {
    cro: { ...NO_CRO_INPUTS, engines: twoEngines, churn: { given: false, churnedOrContracted: 40, lostArr: 540_000, reasons: [], request: 'add a reason' } },
  });
  const f = d.findings.find((x) => x.id === 'leaky_bucket');
  it('owns churn with sales as well as customer success', () => {
    expect(f?.owners).toEqual(['Customer Success', 'Executive', 'Sales']);
  });
  it('names the leaking segment, its numbers and a target better than today', () => {
    // SMB: (88% − 78%) × $2.00M = $200.0k; 45 of 65 new deals; SMB pass point (88 + 84) / 2 = 86%
    expect(f?.path).toContain('Fix the SMB engine before buying more of it: it keeps 78.0% of its ARR against 88%, losing about $200.0k a year beyond the benchmark, while Mid-Market keeps 95.0%.');
    expect(f?.process.map((s) => [s.by, s.owner])).toEqual([
      [30, 'Customer Success'],
      [60, 'Sales'],
      [60, 'Customer Success'],
      [90, 'Executive'],
    ]);
    expect(f?.process[0]?.step).toContain('Tag the 40 accounts that churned or contracted in the last twelve months ($540.0k ARR)');
    expect(f?.process[1]?.step).toContain('SMB takes 45 of 65 new deals today');
    expect(f?.process[1]?.kpi).toBe('SMB GRR ≥ 86.0% (now 78.0%)');
    expect(f?.process[3]?.step).toContain('weight quota, hiring and spend toward Mid-Market (GRR 95.0%, NRR 110.0%) until SMB reaches 88%');
  });
});

describe('channel_misallocation written for the company', () => {
  const row = (channel: string, spend: number, sqls: number, opportunities: number, won: number): FunnelRow => ({
    channel, paid: true, spend, leads: null, mqls: null, sqls, opportunities, won, leadToMql: null, mqlToSql: null, sqlToOpportunity: null,
    opportunityToWon: won / opportunities, costPerLead: null, costPerMql: null, costPerSql: spend / sqls, costPerOpportunity: null, costPerWon: spend / won,
  });
  const cac = metric('cac_by_channel', 10_000, { spend: 300_000, won: 30, 'Paid Search.spend': 150_000, 'Paid Search.won': 25, 'Paid Search.cac': 6_000, 'Paid Social.spend': 150_000, 'Paid Social.won': 5, 'Paid Social.cac': 30_000 });
  const funnel = { basis: '', rows: [row('Paid Search', 150_000, 100, 80, 25), row('Paid Social', 150_000, 100, 80, 5)], total: row('All channels', 300_000, 200, 160, 30), notes: [] };
  const f = run([cac], { cro: { ...NO_CRO_INPUTS, funnel } }).findings.find((x) => x.id === 'channel_misallocation');
  it('names the channel to cap, where the money goes, and the funnel step that fails', () => {
    expect(f?.path).toBe('Let budget follow cost per customer: cap Paid Social ($150.0k a year, 5 wins at $30.0k each) at the campaigns that win, and move the money in monthly steps to Paid Search ($6,000 per win, 31% of opportunities won).');
    // 5 of 80 = 6.3% vs 25 of 80 = 31.3%
    expect(f?.evidence.at(-1)).toBe('Down the funnel, Paid Social turns 6.3% of its 80 opportunities into wins against 31.3% for Paid Search: its leads reach sales (100 SQLs) but do not buy.');
    expect(f?.process[0]?.kpi).toBe('Paid Social cost per win ≤ $15.0k (now $30.0k)');
    // 150,000 of 300,000 paid spend
    expect(f?.process[2]).toMatchObject({ owner: 'RevOps', kpi: 'Paid Social share of paid spend < 50.0% (today)' });
    expect(f?.process[2]?.step).toContain('opening with Paid Social at $30.0k per win against Paid Search at $6,000');
  });
});

describe('Data we need', () => {
  it.each([
    {
      name: 'churn reasons when the renewals give none',
      cro: { ...NO_CRO_INPUTS, churn: { given: false, churnedOrContracted: 12, lostArr: 90_000, reasons: [], request: 'x' } },
      metrics: [metric('grr', 0.9, { arrBefore: 1_000_000 })],
      want: 'churn and contraction reasons (a "reason" column in the renewals)',
    },
    {
      name: 'NPS / health when renewals are given',
      cro: { ...NO_CRO_INPUTS, churn: { given: true, churnedOrContracted: 3, lostArr: 9_000, reasons: [{ reason: 'Fit', count: 3, lostArr: 9_000, share: 1 }], request: null } },
      metrics: [metric('grr', 0.9, { arrBefore: 1_000_000 })],
      want: 'NPS or a customer health score per account',
    },
    { name: 'a spend file when there is none', cro: NO_CRO_INPUTS, metrics: [metric('win_rate', 0.3)], want: 'sales and marketing spend by month and channel, with leads, MQLs and SQLs (a spend file)' },
    {
      name: 'fully loaded cost when the spend has no sales rows',
      cro: NO_CRO_INPUTS,
      metrics: [metric('cac', 5_000, { salesSpend: 0, marketingSpend: 100_000, newCustomers: 20 })],
      want: 'fully loaded sales and marketing cost (salaries, commissions, tools, overhead) as spend rows of category "sales"',
    },
    { name: 'quotas without quota attainment', cro: NO_CRO_INPUTS, metrics: [metric('win_rate', 0.3)], want: 'annual quota per rep (targets.quotas in the config)' },
  ])('$name', ({ cro, metrics, want }) => {
    expect((run(metrics, { cro }).dataWeNeed ?? []).map((n) => n.data)).toContain(want);
  });
  it('asks for nothing it already has', () => {
    const needs = (run([metric('quota_attainment', 0.6), metric('cac', 5_000, { salesSpend: 50_000 }), metric('magic_number', 0.9)]).dataWeNeed ?? []).map((n) => n.data);
    expect(needs.some((n) => n.startsWith('annual quota'))).toBe(false);
    expect(needs.some((n) => n.startsWith('fully loaded'))).toBe(false);
  });
});

describe('high_churn written for the company', () => {
  it('names the leaking segment like leaky_bucket', () => {
    // flat bookings: leaky_bucket does not fire, high_churn does
    const d = run([metric('bookings_growth_yoy', 0.0), metric('grr', 0.7, { arrBefore: 3_000_000, churnedArr: 800_000, contractionArr: 100_000 })], {
      cro: { ...NO_CRO_INPUTS, engines: twoEngines },
    });
    expect(d.findings.map((x) => x.id)).toContain('high_churn');
    const f = d.findings.find((x) => x.id === 'high_churn') as (typeof d.findings)[number];
    expect(f.path).toContain('Fix the SMB engine before buying more of it');
    expect(f.process.some((s) => s.owner === 'Sales' && s.step.includes('Qualify SMB deals'))).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Every other pattern written for the company (issue 18, point 4): two companies per pattern, the
// first with hand-computed expectations; the generic template steps never survive, and two
// companies with different data never share a Process step word for word.

type Company = { readonly metrics: ReturnType<typeof metric>[]; readonly opts?: Parameters<typeof run>[1] };

function lostDeals(spec: readonly [string, number, number][]) {
  const deals = spec.flatMap(([reason, n, units]) => Array.from({ length: n }, () => makeDeal({ status: 'lost', lostReason: reason, amountCents: units * 100, closed: '2025-06-01' })));
  return { ...NO_CRO_INPUTS, losses: computeLossReasons(makeDataset({ deals }), makeCtx('2025-12-31')) };
}

const funnelRow = (channel: string, spend: number, sqls: number, opportunities: number, won: number): FunnelRow => ({
  channel, paid: true, spend, leads: null, mqls: null, sqls, opportunities, won, leadToMql: null, mqlToSql: null, sqlToOpportunity: opportunities / sqls,
  opportunityToWon: won / opportunities, costPerLead: null, costPerMql: null, costPerSql: spend / sqls, costPerOpportunity: null, costPerWon: spend / won,
});
const funnelOf = (rows: FunnelRow[]) => ({ ...NO_CRO_INPUTS, funnel: { basis: '', rows, total: rows[0] as FunnelRow, notes: [] } });

const forecastSeries = { bookings: [30_000, 30_000, 30_000, 50_000, 50_000, 50_000].map((value, i) => ({ month: `2025-0${i + 1}`, value })) };
const forecastOpts = (q1: number, q2: number) => ({
  asOf: '2025-06-30',
  series: forecastSeries,
  profile: {
    forecasts: [
      { start: '2025-01-01', end: '2025-03-31', amountCents: q1 * 100, label: 'Q1' },
      { start: '2025-04-01', end: '2025-06-30', amountCents: q2 * 100, label: 'Q2' },
    ],
  },
});

const velocityMonths = ['2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06'];
/** Monthly win rate, won new deals and median cycle for FY2025 Q1 (Jan–Mar) and Q2 (Apr–Jun). */
const velocitySeries = (q1: [number, number, number], q2: [number, number, number]) => ({
  win_rate: series(Object.fromEntries(velocityMonths.map((m, i) => [m, i < 3 ? q1[0] : q2[0]]))),
  new_customers: series(Object.fromEntries(velocityMonths.map((m, i) => [m, i < 3 ? q1[1] : q2[1]]))),
  median_cycle_days: series(Object.fromEntries(velocityMonths.map((m, i) => [m, i < 3 ? q1[2] : q2[2]]))),
});

const CASES: readonly { id: string; a: Company; b: Company; want: string[] }[] = [
  {
    id: 'pipeline_starvation',
    a: {
      metrics: [
        metric('pipeline_coverage', 2.5, { target: 1_000_000, openPipeline: 2_500_000, quarter: 'FY2025 Q3' }),
        metric('win_rate', 0.25),
        metric('avg_deal_size', 20_000),
        metric('rep_concentration', 0.2, { owner: 'Ada', owners: 5 }),
      ],
    },
    b: {
      metrics: [metric('pipeline_coverage', 1.5, { target: 2_000_000, openPipeline: 3_000_000, quarter: 'FY2026 Q1' }), metric('win_rate', 0.2)],
      opts: { cro: funnelOf([funnelRow('Paid Search', 100_000, 50, 40, 10), funnelRow('Events', 300_000, 50, 40, 6)]) },
    },
    // good 3× × 1,000,000 = 3,000,000 needed − 2,500,000 open = 500,000 missing; ÷ 20,000 = 25 deals;
    // ÷ 5 reps = 100,000 each; ÷ 13 weeks = 38,461.5; pass point 2.75×
    want: [
      'Rebuild the pipeline for FY2025 Q3 now: $2.50M is open against a $1.00M target, 2.50× coverage where 3.00× is healthy, so about $500.0k of pipeline is missing (about 25 deals at the $20.0k average size)',
      'split the $500.0k gap across the 5 reps (about $100.0k each)',
      'FY2025 Q3 coverage ≥ 2.75× (now 2.50×)',
      'FY2025 Q3 open pipeline ≥ $3.00M (now $2.50M)',
      'a weekly pipeline-creation target of about $38.5k (the $500.0k gap over 13 weeks)',
    ],
  },
  {
    id: 'slowing_velocity',
    a: {
      metrics: [metric('bookings', 1_200_000), metric('win_rate', 0.25), metric('sales_cycle_days', 50), metric('avg_deal_size', 10_000)],
      opts: { asOf: '2025-06-30', series: velocitySeries([0.3, 30, 50], [0.2, 20, 50]) },
    },
    b: {
      metrics: [metric('bookings', 2_000_000), metric('win_rate', 0.3), metric('sales_cycle_days', 70)],
      opts: { asOf: '2025-06-30', series: velocitySeries([0.3, 30, 50], [0.3, 30, 70]), cro: lostDeals([['Price', 10, 4_000], ['Timing', 5, 1_000]]) },
    },
    // 90 won of 300 closed in Q1 = 30%, 60 of 300 in Q2 = 20%; 1,200,000 × (1 − 20% ÷ 30%) = 400,000 a year
    want: [
      'the win rate fell from 30.0% in FY2025 Q1 to 20.0% in FY2025 Q2 (about $400.0k of bookings a year if it persists)',
      'Compare the deals lost or slipped in FY2025 Q2 with FY2025 Q1\'s',
      'win rate ≥ 30.0%, back to FY2025 Q1 (now 20.0%)',
      'a mutual close plan for every deal above the $10.0k average size',
      'with FY2025 Q2 (win rate 20.0%) as the level to beat',
    ],
  },
  {
    id: 'expensive_growth',
    a: { metrics: [metric('cac_payback_months', 20, { avgNewArrPerCustomer: 12_000, grossMargin: 0.75 }), metric('ltv_to_cac', 2.5), metric('cac', 10_000, { newCustomers: 100 })] },
    b: {
      metrics: [metric('cac_payback_months', 30, { avgNewArrPerCustomer: 15_000, grossMargin: 0.8 }), metric('ltv_to_cac', 2), metric('cac', 20_000, { newCustomers: 40 })],
      opts: { cro: funnelOf([funnelRow('Paid Search', 100_000, 50, 40, 10), funnelRow('Events', 300_000, 50, 40, 6)]) },
    },
    // benchmark CAC 12 × 12,000 ÷ 12 × 75% = 9,000; ARR that repays 10,000 in 12 months at 75% = 10,000 × 12 ÷ (12 × 0.75) = 13,333; (10,000 − 9,000) × 100 = 100,000
    want: ['Break the $10.0k CAC of the 100 new customers', 'costs more than $9,000 per customer', 'new ARR per customer ≥ $13.3k (now $12.0k)', 'buy the next 100 customers at ≤ $9,000 each instead of $10.0k: about $100.0k a year'],
  },
  {
    id: 'under_investment',
    a: {
      metrics: [metric('ltv_to_cac', 9, { ltv: 60_000, cac: 8_000 }), metric('cac_payback_months', 10), metric('grr', 0.92), metric('cac', 8_000, { newCustomers: 50 })],
      opts: { cro: funnelOf([funnelRow('Referral', 40_000, 40, 20, 10), funnelRow('Paid Search', 90_000, 60, 30, 9)]) },
    },
    b: { metrics: [metric('ltv_to_cac', 9, { ltv: 90_000, cac: 10_000 }), metric('cac_payback_months', 8), metric('grr', 0.95), metric('cac', 10_000, { newCustomers: 30 })] },
    // LTV ÷ 5 = 12,000 max CAC; (12,000 − 8,000) × 50 = 200,000 headroom; 200,000 ÷ 12,000 = 16 more customers; Referral 40,000 ÷ 10 = 4,000 per win
    want: ['raise acquisition spend by up to $200.0k a year in steps on Referral ($4,000 per win) and Paid Search ($10.0k per win)', 'no channel above $12.0k per new customer', 'new customers ≥ 66 a year (now 50)'],
  },
  {
    id: 'marketing_sales_disconnect',
    a: {
      metrics: [
        metric('lead_to_opportunity_rate', 0.05, { leads: 1_000, opportunities: 50 }),
        metric('missing_source_share', 0.3, { missing: 30, deals: 100 }),
        metric('pipeline_per_marketing_dollar', 20),
        metric('win_rate', 0.2),
        metric('avg_deal_size', 10_000),
      ],
    },
    b: {
      metrics: [
        metric('lead_to_opportunity_rate', 0.04, { leads: 2_500, opportunities: 100 }),
        metric('missing_source_share', 0.05, { missing: 5, deals: 100 }),
        metric('pipeline_per_marketing_dollar', 4),
        metric('win_rate', 0.25),
        metric('avg_deal_size', 20_000),
      ],
      opts: { cro: funnelOf([funnelRow('Paid Social', 50_000, 100, 20, 4), funnelRow('Paid Search', 50_000, 100, 60, 15)]) },
    },
    // pass 11.5% × 1,000 leads = 115 opportunities against 50
    want: ['1000 leads gave about 50 opportunities (5.0%; 115 at the 11.5% pass point)', '30 deals (30.0%) carry no source today', '115 opportunities from the same 1000 leads (about 50 today)'],
  },
  {
    id: 'customer_concentration',
    a: { metrics: [metric('largest_account_share', 0.2, { account: 'Globex', accountBookings: 200_000, totalBookings: 1_000_000 }), metric('top10_concentration', 0.4, { accounts: 50, top10Bookings: 400_000, totalBookings: 1_000_000 })] },
    b: { metrics: [metric('largest_account_share', 0.3, { account: 'Initech', accountBookings: 600_000, totalBookings: 2_000_000 }), metric('top10_concentration', 0.5, { accounts: 40, top10Bookings: 1_000_000, totalBookings: 2_000_000 })] },
    // 200,000 ÷ 10% − 1,000,000 = 1,000,000 more bookings from other accounts
    want: ['Globex brought 20.0% of won bookings ($200.0k of $1.00M) and the ten largest accounts 40.0%', 'Executive sponsor and a business review for Globex ($200.0k of bookings)', '$1.00M more bookings from other accounts bring Globex from 20.0% to 10%'],
  },
  {
    id: 'expansion_gap',
    a: { metrics: [metric('nrr', 1, { arrBefore: 2_000_000, expansionArr: 100_000 }), metric('grr', 0.92)] },
    b: { metrics: [metric('nrr', 0.98, { arrBefore: 5_000_000, expansionArr: 50_000 }), metric('grr', 0.95)] },
    // (105% − 100%) × 2,000,000 = 100,000 to good; (102.5% − 100%) × 2,000,000 = 50,000 to pass
    want: ['NRR is 100.0% against 105.0%, expansion added $100.0k on $2.00M up for renewal; at the benchmark it would add $100.0k more a year', 'an expansion quota of $50.0k a year on top of today\'s $100.0k'],
  },
  {
    id: 'unreliable_forecast',
    a: { metrics: [metric('forecast_accuracy', 0.7)], opts: forecastOpts(100_000, 120_000) },
    b: { metrics: [metric('forecast_accuracy', 0.6)], opts: forecastOpts(200_000, 100_000) },
    // Q1 90,000 booked vs 100,000; Q2 150,000 vs 120,000 (the larger miss); |−10,000| + |30,000| = 40,000
    want: ['(worst Q2: forecast $120.0k, booked $150.0k)', 'the 70.0% average over 2 periods', 'the last 2 periods missed by $40.0k in total'],
  },
  {
    id: 'data_blind_spots',
    a: {
      metrics: [metric('rejected_row_rate', 0.1, { read: 1_000, rejected: 100 }), metric('missing_source_share', 0.02, { missing: 2, deals: 100 }), metric('missing_owner_share', 0, { missing: 0, deals: 100 }), metric('data_freshness_days', 1)],
    },
    b: {
      metrics: [metric('rejected_row_rate', 0.05, { read: 400, rejected: 20 }), metric('missing_source_share', 0.2, { missing: 30, deals: 150 }), metric('missing_owner_share', 0.1, { missing: 15, deals: 150 }), metric('data_freshness_days', 1)],
    },
    want: ['100 of 1000 rows rejected (10.0%), 2 of 100 deals without a source', 'correct the 100 rejected rows of 1000 at the source', 'backfill the 2 deals without a source.'],
  },
  {
    id: 'growth_profit_imbalance',
    a: { metrics: [metric('rule_of_40', 0.25, { growth: 0.45, growthBasis: 'arr_growth', operatingMargin: -0.2 })], opts: { profile: { arrCents: 1_000_000_000 } } },
    b: { metrics: [metric('rule_of_40', 0.2, { growth: 0.1, growthBasis: 'arr_growth', operatingMargin: 0.1 })], opts: { profile: { arrCents: 500_000_000 } } },
    // (40% − 25%) × 10,000,000 = 1,500,000; margin −20% is the side to fix: −20% + 15% = −5%
    want: ['Fix the margin side: growth 45.0% plus operating margin -20.0% makes 25.0%, 15.0% short of 40.0% ($1.50M a year on a $10.00M base)', 'margin from -20.0% to -5.0% at 45.0% growth', 'Rule of 40 (25.0% today)'],
  },
  {
    id: 'competitive_displacement',
    a: { metrics: [metric('win_rate', 0.25, { won: 25, lost: 75 })], opts: { cro: lostDeals([['Lost to competitor', 25, 4_000], ['Price', 10, 4_000]]) } },
    b: { metrics: [metric('win_rate', 0.3, { won: 30, lost: 70 })], opts: { cro: lostDeals([['Competitor', 40, 2_000], ['Price', 10, 1_000]]) } },
    // 25 × 4,000 = 100,000
    want: ['25 deals ($100.0k) were lost to competitors, "Lost to competitor" first (25 deals, $100.0k)', 'Review the 25 competitive losses ($100.0k)', 'Battlecards and proof points against "Lost to competitor" (25 losses)'],
  },
  {
    id: 'qualification_gap',
    a: { metrics: [metric('win_rate', 0.25, { won: 25, lost: 75 })], opts: { cro: lostDeals([['No decision', 15, 4_000], ['No budget', 10, 4_000], ['Price', 10, 4_000]]) } },
    b: { metrics: [metric('win_rate', 0.3, { won: 30, lost: 70 })], opts: { cro: lostDeals([['No decision', 30, 1_000], ['No budget', 40, 2_000]]) } },
    // 15 × 4,000 + 10 × 4,000 = 100,000 in 25 deals; "No decision" 60,000 first
    want: ['25 deals ($100.0k) ended in no decision', '"No decision" first (15 deals)', 'Feed the "No decision" losses ($60.0k) back into targeting'],
  },
];

function tailored(id: string, c: Company) {
  const f = run(c.metrics, c.opts ?? {}).findings.find((x) => x.id === id);
  if (f === undefined) throw new Error(`${id} did not fire`);
  return f;
}

describe('every pattern written for the company', () => {
  it.each(CASES)('$id: names what it acts on with the company\'s numbers', ({ id, a, want }) => {
    const f = tailored(id, a);
    const text = [f.path, ...f.process.map((s) => `${s.step} ${s.kpi}`)].join('\n');
    for (const w of want) expect(text).toContain(w);
  });
  it.each(CASES)('$id: no generic template step survives, no placeholder left', ({ id, a, b }) => {
    const generic = (getPattern(id)?.process ?? []).map((s) => s.step);
    expect(generic.length).toBeGreaterThan(0);
    for (const c of [a, b]) {
      const f = tailored(id, c);
      expect(f.path).not.toBe(getPattern(id)?.path);
      for (const s of f.process) {
        expect(generic).not.toContain(s.step);
        expect(s.step).not.toMatch(/\{|\}|undefined|NaN|the segment (with|that)|\?/);
      }
    }
  });
  it.each(CASES)('$id: two companies with different data never share a Process step word for word', ({ id, a, b }) => {
    const sa = tailored(id, a).process.map((s) => s.step);
    const sb = tailored(id, b).process.map((s) => s.step);
    expect(sa.filter((s) => sb.includes(s))).toEqual([]);
  });
});

describe('plans without segment engines or with one gap only', () => {
  it('data_blind_spots with deals missing their source only: the export step goes after the source', () => {
    const f = run([
      metric('rejected_row_rate', 0, { read: 50, rejected: 0 }),
      metric('missing_source_share', 1, { missing: 50, deals: 50 }),
      metric('missing_owner_share', 0, { missing: 0, deals: 50 }),
      metric('data_freshness_days', 1),
    ]).findings.find((x) => x.id === 'data_blind_spots');
    expect(f?.process[0]?.step).toBe('Fix the export: find where the deal source lives in the CRM (lead source, campaign, UTM) and add it to the export; 50 of 50 deals arrive without one today.');
    // good point: at most 10% without a source → at least 90% with one
    expect(f?.process[0]?.kpi).toBe('source on ≥ 90.0% of deals (now 0.0%)');
  });
  it('high_churn on a one-segment company names its renewal base, what it lost and the accounts', () => {
    // GRR 100,000 ÷ 130,000 = 76.9%; good 90%: (90% − 76.9%) × 130,000 = 17,000 more kept a year
    const d = run([metric('grr', 100_000 / 130_000, { arrBefore: 130_000, churnedArr: 30_000, contractionArr: 0 })], {
      cro: { ...NO_CRO_INPUTS, churn: { given: false, churnedOrContracted: 3, lostArr: 30_000, reasons: [], request: 'x' } },
    });
    const f = d.findings.find((x) => x.id === 'high_churn') as (typeof d.findings)[number];
    expect(f.path).toContain('keeps 76.9% of its ARR against 90.0% ($30.0k churned and $0 contracted of $130.0k up for renewal); at the benchmark it would keep $17.0k more a year');
    expect(f.process[1]?.step).toContain('for the $130.0k of ARR that comes due a year');
    expect(f.process[2]?.step).toContain('Compare the 3 accounts that churned or contracted ($30.0k ARR) with those that renewed');
    expect(f.owners).toContain('Sales');
  });
  it('data_blind_spots with rejected rows only: the CRM checks, not a backfill of nothing', () => {
    const f = run([
      metric('rejected_row_rate', 1 / 57, { read: 57, rejected: 1 }),
      metric('missing_source_share', 0, { missing: 0, deals: 42 }),
      metric('missing_owner_share', 0, { missing: 0, deals: 42 }),
      metric('data_freshness_days', 1),
    ]).findings.find((x) => x.id === 'data_blind_spots');
    expect(f?.process[0]?.step).toContain('correct the 1 rejected row of 57 at the source');
    expect(f?.process[1]?.step).toBe('Move the checks that rejected 1 of 57 rows into the CRM (required fields, formats, valid dates and amounts) so new records arrive clean; keep source and owner required (set on all 42 deals today).');
  });
});

describe('stale_pipeline written for the company', () => {
  it('names the deals, the money and the past-due count in the path and every step', () => {
    const f = run([metric('stale_pipeline_share', 0.4, { value: 400_000, count: 12, pastDue: 5, pastDueValue: 100_000, ageLimitDays: 180 }), metric('win_rate', 0.25)]).findings.find((x) => x.id === 'stale_pipeline');
    expect(f?.path).toContain('12 open deals worth $400.0k (40.0% of open pipeline) are stale, 5 of them past their close date');
    expect(f?.process[1]?.step).toContain('(5 are past due today); flag deals open longer than 180 days automatically');
    expect(f?.process[2]?.step).toContain('the $400.0k of stale deals stay out of the commit');
  });
});

describe('hero_rep_dependency written for the company', () => {
  it('names the rep and the rest of the team in every step, with targets better than today', () => {
    const f = run([metric('rep_concentration', 0.45, { owner: 'Ada', ownerBookings: 900_000, totalBookings: 2_000_000, owners: 8, unownedBookings: 0 })]).findings.find((x) => x.id === 'hero_rep_dependency');
    // the other 7 reps book 1 − 45% = 55%; pass point 30% → they should book ≥ 70%
    expect(f?.process[1]?.step).toBe('Rebalance territories and inbound routing on capacity so the other 7 reps (55.0% of bookings today) work the accounts Ada cannot reach; make Ada a coach with a team goal.');
    expect(f?.process[1]?.kpi).toBe("the other reps' share of bookings ≥ 70.0% (now 55.0%)");
    expect(f?.process.map((s) => s.step).every((s) => s.includes('Ada'))).toBe(true);
  });
});

describe('slowing_velocity on a longer cycle', () => {
  it('names the days, the delayed bookings and the first loss reason; targets the previous quarter', () => {
    // 50 → 70 days; 2,000,000 × 20 ÷ 365 = 109,589 booked later; "Price" 10 × 4,000 = 40,000 first by value
    const f = run([metric('bookings', 2_000_000), metric('win_rate', 0.3), metric('sales_cycle_days', 70)], {
      asOf: '2025-06-30',
      series: velocitySeries([0.3, 30, 50], [0.3, 30, 70]),
      cro: lostDeals([['Price', 10, 4_000], ['Timing', 5, 1_000]]),
    }).findings.find((x) => x.id === 'slowing_velocity');
    expect(f?.path).toContain('the median cycle grew from 50 d to 70 d (about $109.6k booked later)');
    expect(f?.process[0]?.step).toContain('starting with "Price", the first loss reason (10 deals, $40.0k)');
    expect(f?.process[0]?.kpi).toBe('median cycle ≤ 50 d, back to FY2025 Q1 (now 70 d)');
    expect(f?.process[2]?.kpi).toBe('median cycle ≤ 50 d, back to FY2025 Q1 (now 70 d) for two quarters running');
  });
});

// ---------------------------------------------------------------------------------------------
// A KPI is a target better than today, or says plainly what to keep and why: never the resolver's
// "(today; benchmark met: hold)".

describe('KPI lines better than today', () => {
  const disconnect = (missing: number) => [
    metric('lead_to_opportunity_rate', 0.04, { leads: 2_500, opportunities: 100 }),
    metric('missing_source_share', missing / 100, { missing, deals: 100 }),
    metric('pipeline_per_marketing_dollar', 4),
    metric('win_rate', 0.25),
    metric('avg_deal_size', 20_000),
  ];
  const blind = (src: number, own: number) => [
    metric('rejected_row_rate', 0.1, { read: 1_000, rejected: 100 }),
    metric('missing_source_share', src / 100, { missing: src, deals: 100 }),
    metric('missing_owner_share', own / 100, { missing: own, deals: 100 }),
    metric('data_freshness_days', 1),
  ];
  const under = [metric('ltv_to_cac', 9, { ltv: 60_000, cac: 8_000 }), metric('cac_payback_months', 10), metric('grr', 0.92), metric('cac', 8_000, { newCustomers: 50 })];
  it.each([
    // good point for deals without a source: 10%; 2 of 100 = 2% is under it → source on every deal
    { name: 'disconnect, source under the good point', id: 'marketing_sales_disconnect', m: disconnect(2), step: 0, kpi: 'source on 100% of deals (now 98.0%, 2 without)' },
    { name: 'disconnect, source on every deal', id: 'marketing_sales_disconnect', m: disconnect(0), step: 0, kpi: 'keep source required: set on all 100 deals today, the funnel by channel rests on it' },
    { name: 'disconnect, source above the good point', id: 'marketing_sales_disconnect', m: disconnect(30), step: 0, kpi: 'deals without a source ≤ 10.0% (now 30.0%)' },
    // pass point 11.5%: 11.5% × 2,500 leads = 287.5 → 288 opportunities; 4% × 2,500 = 100 today
    { name: 'disconnect, the shared target', id: 'marketing_sales_disconnect', m: disconnect(30), step: 2, kpi: 'opportunities ≥ 288 from the same 2500 leads, lead-to-opportunity 11.5% (now about 100, 4.0%)' },
    { name: 'blind spots, source and owner', id: 'data_blind_spots', m: blind(2, 0), step: 1, kpi: 'source on 100% of deals (now 98.0%, 2 without); keep owner required: set on all 100 deals today, the rep views rest on it' },
    {
      name: 'blind spots, the monthly audit',
      id: 'data_blind_spots',
      m: blind(2, 0),
      step: 2,
      kpi: "none of today's gaps left at the monthly audit (now 2: 100 of 1000 rows rejected (10.0%), 2 of 100 deals without a source)",
    },
    {
      name: 'under-investment: the budget, and LTV:CAC as the floor to keep',
      id: 'under_investment',
      m: under,
      step: 0,
      // (60,000 ÷ 5 − 8,000) × 50 = 200,000 headroom
      kpi: 'budget increase of up to $200.0k a year approved with its stop rule (today none); LTV:CAC kept ≥ 5.00× as spend rises (now 9.00×), the top of the healthy band: below it growth is bought too dear',
    },
    // pass NRR 102.5%: (102.5% − 100%) × 2,000,000 = 50,000 on top of today's 100,000
    { name: 'expansion gap without an expansion share', id: 'expansion_gap', m: [metric('nrr', 1, { arrBefore: 2_000_000, expansionArr: 100_000 }), metric('grr', 0.92)], step: 0, kpi: 'expansion ARR ≥ $150.0k a year (now $100.0k)' },
    { name: 'expansion gap with an expansion share', id: 'expansion_gap', m: [metric('nrr', 1, { arrBefore: 2_000_000, expansionArr: 100_000 }), metric('grr', 0.92), metric('expansion_share', 0.05)], step: 0, kpi: 'expansion share ≥ 35.0% (now 5.0%)' },
  ])('$name', ({ id, m, step, kpi }) => {
    const f = run(m).findings.find((x) => x.id === id);
    expect(f?.process[step]?.kpi).toBe(kpi);
  });
  it.each([
    { id: 'marketing_sales_disconnect', m: disconnect(0) },
    { id: 'data_blind_spots', m: blind(0, 0) },
    { id: 'data_blind_spots', m: [metric('rejected_row_rate', 0.005, { read: 1_000, rejected: 5 }), metric('missing_source_share', 0, { missing: 0, deals: 10 }), metric('missing_owner_share', 0, { missing: 0, deals: 10 }), metric('data_freshness_days', 30)] },
    { id: 'under_investment', m: under },
    { id: 'pipeline_starvation', m: [metric('pipeline_coverage', 2.5, { target: 1_000_000, openPipeline: 2_500_000, quarter: 'FY2025 Q3' }), metric('win_rate', 0.25), metric('pipeline_per_marketing_dollar', 40)] },
  ])('$id: no KPI merely holds today', ({ id, m }) => {
    const f = run(m).findings.find((x) => x.id === id);
    expect(f, id).toBeDefined();
    for (const s of f?.process ?? []) expect(s.kpi).not.toMatch(/met: hold/);
  });
});
