/**
 * Pipeline and sales metrics, table-driven (STYLE B10.3) through MetricTester. Every expected value
 * is worked out by hand in the case name or the comment beside it.
 *
 * Default context: asOf 2025-06-30, calendar fiscal year, window 2024-06-30 < d <= 2025-06-30.
 * Last complete fiscal quarter FY2025 Q2 (Apr–Jun); next quarter FY2025 Q3 (Jul–Sep).
 */
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/base/model.js';
import { PIPELINE_METRICS } from '../../src/metrics/pipeline.js';
import { deepFreeze, makeCache, makeCtx, makeDataset, makeDeal, makeSpend } from '../helpers/builders.js';
import { MetricTester } from '../helpers/metric-tester.js';

const won = (amount: number, closed: string, extra: Parameters<typeof makeDeal>[0] = {}) =>
  makeDeal({ status: 'won', amountCents: amount * 100, closed, created: extra.created ?? '2024-01-01', ...extra });
const lost = (amount: number, closed: string, extra: Parameters<typeof makeDeal>[0] = {}) =>
  makeDeal({ status: 'lost', amountCents: amount * 100, closed, created: extra.created ?? '2024-01-01', ...extra });
const open = (amount: number, closed: string | null, extra: Parameters<typeof makeDeal>[0] = {}) =>
  makeDeal({ status: 'open', amountCents: amount * 100, closed, created: extra.created ?? '2025-01-01', ...extra });
const deals = (...d: ReturnType<typeof makeDeal>[]) => makeDataset({ deals: d });

const NO_DEALS_FILE = makeDataset({});
const EMPTY_DEALS = makeDataset({ deals: [] });
const ONLY_OPEN = deals(open(1000, '2025-08-01'));

// ---------------------------------------------------------------------------------------------

// Every metric below runs through MetricTester (test/helpers/metric-tester.ts): the audit's own
// path (point-in-time dataset), frozen inputs, and the evidence verdict of each value: the sample
// is the count the metric rests on (closed, won, open or created deals, marketing spend rows,
// leads), below its minimum in evidence.ts in every small table here ("insufficient"); null for a
// metric that declares no minimum.

new MetricTester('win_rate', { asOf: '2025-06-30' }).run([
  {
    // won 2025-01-15, 2025-06-30 (asOf inclusive), 2024-07-01; lost 2025-02-01 → 3 ÷ 4; won 2024-06-30 (window start, exclusive), lost 2025-07-01 (after asOf), open: ignored
    name: '3 won, 1 lost in window → 0.75',
    ds: deals(
      won(1, '2025-01-15'),
      won(1, '2025-06-30'),
      won(1, '2024-07-01'),
      lost(1, '2025-02-01'),
      won(1, '2024-06-30'),
      lost(1, '2025-07-01'),
      open(1, '2025-03-01'),
    ),
    status: 'ok',
    value: 0.75,
    details: { won: 3, lost: 1 },
    sampleSize: 4,
    evidence: { sample: 4, status: 'insufficient' },
  },
  { name: 'all lost → 0', ds: deals(lost(5, '2025-01-01'), lost(5, '2025-02-01')), status: 'ok', value: 0, evidence: { sample: 2, status: 'insufficient' } },
  { name: 'single won deal → 1', ds: deals(won(5, '2025-01-01')), status: 'ok', value: 1, sampleSize: 1, evidence: { sample: 1, status: 'insufficient' } },
  { name: 'only open deals: zero denominator → n/a', ds: ONLY_OPEN, status: 'n/a', reason: /needs deals closed \(won or lost\) in the window/ },
  { name: 'no deals file → n/a', ds: NO_DEALS_FILE, status: 'n/a', reason: 'needs a deals file (--deals)' },
  { name: 'empty deals file → n/a', ds: EMPTY_DEALS, status: 'n/a', reason: /at least one usable deal/ },
]);

new MetricTester('win_rate_by_value', { asOf: '2025-06-30' }).run([
  // (3000 + 1000) ÷ (3000 + 1000 + 4000) = 0.5
  { name: 'won 4000 of 8000 decided → 0.5', ds: deals(won(3000, '2025-01-01'), won(1000, '2025-02-01'), lost(4000, '2025-03-01')), status: 'ok', value: 0.5, details: { wonAmount: 4000, lostAmount: 4000 }, evidence: { sample: 3, status: 'insufficient' } },
  // 1000 ÷ (1000 + 9000) = 0.1 while the count win rate is 0.5
  { name: 'one small win, one big loss → 0.1', ds: deals(won(1000, '2025-01-01'), lost(9000, '2025-01-02')), status: 'ok', value: 0.1, evidence: { sample: 2, status: 'insufficient' } },
  { name: 'all amounts 0: zero denominator → n/a', ds: deals(won(0, '2025-01-01'), lost(0, '2025-01-02')), status: 'n/a', reason: /total 0/ },
  // 1000 ÷ (1000 + 0) would read 1.0: the export leaves lost amounts blank (Maven CRM sample)
  { name: 'lost deals all at 0 → n/a, not 100%', ds: deals(won(1000, '2025-01-01'), lost(0, '2025-01-02'), lost(0, '2025-01-03')), status: 'n/a', reason: /the 2 lost deals in the window carry no amount/ },
  // no lost deal at all: 100% by value is the truth
  { name: 'only wins → 1', ds: deals(won(1000, '2025-01-01')), status: 'ok', value: 1, evidence: { sample: 1, status: 'insufficient' } },
  { name: 'nothing closed → n/a', ds: ONLY_OPEN, status: 'n/a', reason: /needs deals closed/ },
]);

new MetricTester('avg_deal_size', { asOf: '2025-06-30' }).run([
  // (1000 + 2000 + 6000) ÷ 3 = 3000; the lost deal and the won deal outside the window do not count
  { name: 'mean of 1000, 2000, 6000 → 3000', ds: deals(won(1000, '2025-01-01'), won(2000, '2025-02-01'), won(6000, '2025-03-01'), lost(90000, '2025-03-01'), won(50000, '2024-01-01')), status: 'ok', value: 3000, details: { count: 3, total: 9000 }, evidence: { sample: 3, status: 'insufficient' } },
  // cents: (1001 + 1000) cents ÷ 2 = 10.005
  { name: 'cents kept: 10.01 and 10.00 → 10.005', ds: deals(makeDeal({ amountCents: 1001, closed: '2025-01-01' }), makeDeal({ amountCents: 1000, closed: '2025-01-01' })), status: 'ok', value: 10.005, evidence: { sample: 2, status: 'insufficient' } },
  { name: 'no won deal: zero denominator → n/a', ds: deals(lost(1, '2025-01-01')), status: 'n/a', reason: /needs won deals closed in the window/ },
  { name: 'no deals file → n/a', ds: NO_DEALS_FILE, status: 'n/a', reason: /--deals/ },
]);

new MetricTester('median_deal_size', { asOf: '2025-06-30' }).run([
  { name: 'odd count 1000, 2000, 6000 → 2000', ds: deals(won(6000, '2025-01-01'), won(1000, '2025-02-01'), won(2000, '2025-03-01')), status: 'ok', value: 2000, evidence: { sample: 3, status: 'insufficient' } },
  // even count: (2000 + 6000) ÷ 2 = 4000
  { name: 'even count 1000, 2000, 6000, 8000 → 4000', ds: deals(won(8000, '2025-01-01'), won(1000, '2025-02-01'), won(6000, '2025-03-01'), won(2000, '2025-03-02')), status: 'ok', value: 4000, evidence: { sample: 4, status: 'insufficient' } },
  { name: 'single deal → its amount', ds: deals(won(1234.56, '2025-01-01')), status: 'ok', value: 1234.56, evidence: { sample: 1, status: 'insufficient' } },
  { name: 'no won deal → n/a', ds: deals(lost(1, '2025-01-01')), status: 'n/a', reason: /needs won deals/ },
]);

// cycles: 2025-01-01 − 2024-12-22 = 10, 2025-01-31 − 2025-01-01 = 30, 2025-02-20 − 2025-01-01 = 50, 2025-04-11 − 2025-01-01 = 100
const FOUR_CYCLES = deals(
  won(1, '2025-01-01', { created: '2024-12-22' }),
  won(1, '2025-01-31', { created: '2025-01-01' }),
  won(1, '2025-02-20', { created: '2025-01-01' }),
  won(1, '2025-04-11', { created: '2025-01-01' }),
  won(1, '2025-04-11', { created: null }),
  lost(1, '2025-04-11', { created: '2020-01-01' }),
);

new MetricTester('sales_cycle_days', { asOf: '2025-06-30' }).run([
  // median of 10, 30, 50, 100 = (30 + 50) ÷ 2 = 40; the deal without created date is left out
  { name: 'median of 10, 30, 50, 100 → 40', ds: FOUR_CYCLES, status: 'ok', value: 40, notes: /1 won deals without a created date/, sampleSize: 4, details: { meanDays: 47.5 }, evidence: { sample: 4, status: 'insufficient' } },
  { name: 'single deal of 7 days → 7', ds: deals(won(1, '2025-01-08', { created: '2025-01-01' })), status: 'ok', value: 7, evidence: { sample: 1, status: 'insufficient' } },
  { name: 'won deals without created dates → n/a', ds: deals(won(1, '2025-01-08', { created: null })), status: 'n/a', reason: /created dates/ },
  { name: 'no won deal → n/a', ds: deals(lost(1, '2025-01-01')), status: 'n/a', reason: /needs won deals/ },
]);

new MetricTester('sales_cycle_days_p75', { asOf: '2025-06-30' }).run([
  // type 7: h = (4 − 1) × 0.75 = 2.25 → 50 + 0.25 × (100 − 50) = 62.5
  { name: 'p75 of 10, 30, 50, 100 → 62.5', ds: FOUR_CYCLES, status: 'ok', value: 62.5, evidence: { sample: 4, status: 'insufficient' } },
  { name: 'single deal of 20 days → 20', ds: deals(won(1, '2025-01-21', { created: '2025-01-01' })), status: 'ok', value: 20, evidence: { sample: 1, status: 'insufficient' } },
  { name: 'no won deal → n/a', ds: ONLY_OPEN, status: 'n/a', reason: /needs won deals/ },
]);

describe('pipeline_velocity', () => {
  // open at asOf: 4 deals (the one created after asOf does not count)
  // closed in window: 3 won (3000, 3000, 6000 → avg 4000; cycles 30, 60, 90 → mean 60), 1 lost → win rate 0.75
  // 4 × 0.75 × 4000 ÷ 60 = 200 per day → × 30 = 6000 per month
  const ds = deals(
    open(1, '2025-08-01'),
    open(1, '2025-08-01'),
    open(1, null),
    open(1, '2025-01-01'),
    open(1, '2025-08-01', { created: '2025-07-01' }),
    won(3000, '2025-01-31', { created: '2025-01-01' }),
    won(3000, '2025-03-02', { created: '2025-01-01' }),
    won(6000, '2025-04-01', { created: '2025-01-01' }),
    lost(1, '2025-04-01'),
  );
  new MetricTester('pipeline_velocity', { asOf: '2025-06-30' }).run([
    {
      name: '4 open × 0.75 × 4000 ÷ 60 days × 30 → 6000',
      ds,
      status: 'ok', value: 6000,
      details: { openDeals: 4, winRate: 0.75, avgDealSize: 4000, avgCycleDays: 60, perDay: 200 }, evidence: null,
    },
    // no open deal: 0 × … = 0, a real zero
    { name: 'no open deals → 0', ds: deals(won(3000, '2025-01-31', { created: '2025-01-01' })), status: 'ok', value: 0, evidence: null },
    { name: 'average cycle 0 days: zero denominator → n/a', ds: deals(open(1, null), won(1, '2025-01-01', { created: '2025-01-01' })), status: 'n/a', reason: /0 days/ },
    { name: 'nothing closed → n/a (win rate)', ds: ONLY_OPEN, status: 'n/a', reason: /win rate/ },
    { name: 'only lost deals → n/a (deal size)', ds: deals(open(1, null), lost(1, '2025-01-01')), status: 'n/a', reason: /needs won deals/ },
  ]);
});

describe('pipeline_coverage when the export does not reach the as-of date', () => {
  // the demo audited at --as-of 2022-01-01 (before its first deal) and 2030-01-01 (four years after
  // its last) read 0.00× and raised a critical pipeline starvation: that is no data, not no pipeline
  new MetricTester('pipeline_coverage', { asOf: '2025-06-30' }).run([
    {
      name: 'as-of before every deal was created → n/a',
      ds: deals(open(30000, '2025-07-01', { created: '2025-03-01' }), won(5000, '2025-04-01', { created: '2025-02-01' })),
      asOf: '2022-01-01', profile: { nextQuarterTargetCents: 2_000_000 },
      status: 'n/a', reason: /no deal in the export was created or closed on or before the as-of date/,
    },
    {
      // last activity 2025-04-01 (the win); 2030-01-01 is 1,736 days later
      name: 'as-of more than a year after the last deal activity → n/a',
      ds: deals(open(30000, '2025-07-01', { created: '2025-03-01' }), won(5000, '2025-04-01', { created: '2025-02-01' })),
      asOf: '2030-01-01', profile: { nextQuarterTargetCents: 2_000_000 },
      status: 'n/a', reason: /last deal activity is on 2025-04-01, more than a year before the as-of date/,
    },
  ]);
});

describe('pipeline_coverage', () => {
  // next fiscal quarter after asOf 2025-06-30: FY2025 Q3 = 2025-07-01..2025-09-30 → 30000 + 30000 = 60000
  const pipe = [
    open(30000, '2025-07-01'),
    open(30000, '2025-09-30'),
    open(99000, '2025-10-01'),
    open(99000, '2025-06-01'),
  ];
  // last complete quarter FY2025 Q2: 15000 + 5000 = 20000 (2025-03-31 is Q1)
  const history = [won(15000, '2025-04-01'), won(5000, '2025-06-30'), won(7000, '2025-03-31')];
  new MetricTester('pipeline_coverage', { asOf: '2025-06-30' }).run([
    {
      name: 'target 20000, pipeline 60000 → 3',
      ds: deals(...pipe),
      profile: { nextQuarterTargetCents: 2_000_000 },
      status: 'ok', value: 3,
      details: { quarter: 'FY2025 Q3', openPipeline: 60000, target: 20000, targetBasis: 'targets.nextQuarterBookings' }, evidence: null,
    },
    {
      name: 'no target: proxy = FY2025 Q2 bookings 20000 → 3, flagged',
      ds: deals(...pipe, ...history),
      status: 'ok', value: 3,
      notes: /proxy/,
      details: { targetBasis: 'proxy: bookings of FY2025 Q2' }, evidence: null,
    },
    {
      // asOf 2025-05-15 (mid-quarter): next quarter is FY2025 Q3 (Jul–Sep), not Q2; proxy = Q1 bookings 7000
      name: 'mid-quarter as-of: next quarter is the one after the current → 60000 ÷ 7000',
      ds: deals(...pipe, ...history.slice(2)),
      asOf: '2025-05-15',
      status: 'ok', value: 60000 / 7000, evidence: null,
    },
    // FY starting February, asOf 2025-06-30: current quarter May–Jul, next Aug–Oct → 30000 (2025-09-30) + 99000 (2025-10-01)
    {
      name: 'fiscal year from February → next quarter Aug–Oct',
      ds: deals(...pipe),
      profile: { fiscalYearStartMonth: 2, nextQuarterTargetCents: 12_900_000 },
      status: 'ok', value: 1,
      details: { quarter: 'FY2026 Q3' }, evidence: null,
    },
    { name: 'no pipeline next quarter → 0', ds: deals(...history), status: 'ok', value: 0, evidence: null },
    // the export leaves open deals without a close date (or an amount): 0 would be a false alarm
    { name: 'open deals without expected close dates → n/a', ds: deals(open(5000, null), open(7000, null), ...history), status: 'n/a', reason: /none of the 2 open deals has an expected close date/ },
    { name: 'open deals without amounts → n/a', ds: deals(open(0, '2025-07-01'), ...history), status: 'n/a', reason: /none of the 1 open deal has an amount/ },
    { name: 'no target and no proxy bookings: zero denominator → n/a', ds: deals(...pipe), status: 'n/a', reason: /needs targets\.nextQuarterBookings in revhealth\.config\.json/ },
    { name: 'target 0 → n/a', ds: deals(...pipe), profile: { nextQuarterTargetCents: 0 }, status: 'n/a', reason: /positive target/ },
    { name: 'no deals file → n/a', ds: NO_DEALS_FILE, status: 'n/a', reason: /--deals/ },
  ]);
});

describe('pipeline_created', () => {
  new MetricTester('pipeline_created', { asOf: '2025-06-30' }).run([
    // created in window: 1000 (won) + 2000 (lost) + 3000 (open) = 6000; 2024-06-30 is outside; per month 500
    {
      name: '1000 + 2000 + 3000 created in window → 6000',
      ds: deals(
        won(1000, '2025-03-01', { created: '2025-01-01' }),
        lost(2000, '2025-03-01', { created: '2024-07-01' }),
        open(3000, null, { created: '2025-06-30' }),
        open(5000, null, { created: '2024-06-30' }),
        open(5000, null, { created: null }),
      ),
      status: 'ok', value: 6000,
      details: { count: 3, perMonthAverage: 500 }, evidence: null,
    },
    { name: 'nothing created in the window → 0', ds: deals(won(1, '2025-03-01', { created: '2020-01-01' })), status: 'ok', value: 0, evidence: null },
    {
      // issue 14: lost and open deals without amounts: the "pipeline" would be the 1000 of bookings
      name: 'lost and open deals carry no amount → n/a, not bookings under another name',
      ds: deals(won(1000, '2025-03-01', { created: '2025-01-01' }), lost(0, '2025-03-01', { created: '2025-01-01' }), open(0, null, { created: '2025-02-01' })),
      status: 'n/a', reason: /none of the 2 lost or open deals created in the window carries an amount/,
    },
    { name: 'no deals file → n/a', ds: NO_DEALS_FILE, status: 'n/a', reason: /--deals/ },
  ]);
});

describe('pipeline_per_marketing_dollar', () => {
  const created = [open(1000, null), open(2000, null), open(3000, null)];
  new MetricTester('pipeline_per_marketing_dollar', { asOf: '2025-06-30' }).run([
    {
      // 6000 created ÷ (1000 + 1000 marketing in window) = 3; sales spend and 2024-06-01 spend do not count
      name: '6000 pipeline ÷ 2000 marketing → 3',
      ds: makeDataset({
        deals: created,
        spend: [
          makeSpend({ periodStart: '2025-01-01', amountCents: 100_000 }),
          makeSpend({ periodStart: '2025-02-01', amountCents: 100_000 }),
          makeSpend({ periodStart: '2025-01-01', amountCents: 500_000, category: 'sales' }),
          makeSpend({ periodStart: '2024-06-01', amountCents: 900_000 }),
        ],
      }),
      status: 'ok', value: 3,
      details: { pipelineCreated: 6000, marketingSpend: 2000 }, evidence: { sample: 2, status: 'insufficient' },
    },
    { name: 'no spend file → n/a', ds: makeDataset({ deals: created }), status: 'n/a', reason: /^needs marketing spend \(--spend\)$/ },
    {
      name: 'only sales spend: zero denominator → n/a',
      ds: makeDataset({ deals: created, spend: [makeSpend({ periodStart: '2025-01-01', category: 'sales' })] }),
      status: 'n/a', reason: /marketing-category spend/,
    },
  ]);
});

describe('stale_pipeline_share', () => {
  // median cycle of won deals: 30 and 50 → 40 → age limit 80 days
  const history = [won(1, '2025-01-31', { created: '2025-01-01' }), won(1, '2025-02-20', { created: '2025-01-01' })];
  const pipe = [
    open(1000, '2025-06-29', { created: '2025-06-01' }), // past due (2025-06-29 < asOf)
    open(2000, '2025-08-01', { created: '2025-04-01' }), // age 90 > 80
    open(3000, '2025-08-01', { created: '2025-04-11' }), // age 80, not > 80
    open(4000, '2025-06-30', { created: '2025-06-01' }), // due on asOf: not past due
  ];
  new MetricTester('stale_pipeline_share', { asOf: '2025-06-30' }).run([
    // (1000 + 2000) ÷ 10000 = 0.3
    { name: 'past due 1000 + aged 2000 of 10000 → 0.3', ds: deals(...history, ...pipe), status: 'ok', value: 0.3, details: { count: 2, value: 3000, pastDue: 1, olderThanLimit: 1, ageLimitDays: 80 }, evidence: { sample: 4, status: 'insufficient' } },
    // no won deals → no median: only past due counts → 1000 ÷ 10000
    { name: 'no median cycle: past due only → 0.1', ds: deals(...pipe), status: 'ok', value: 0.1, notes: /only past-due/, evidence: { sample: 4, status: 'insufficient' } },
    { name: 'no open deals → n/a', ds: deals(...history), status: 'n/a', reason: /needs open deals/ },
    { name: 'open pipeline of 0: zero denominator → n/a', ds: deals(open(0, null)), status: 'n/a', reason: /total 0/ },
  ]);
});

describe('quarter_end_skew', () => {
  new MetricTester('quarter_end_skew', { asOf: '2025-06-30' }).run([
    {
      // complete quarters in window: FY2024 Q3, Q4, FY2025 Q1, Q2. Last 14 days of Q2: 06-17..06-30; of Q1: 03-18..03-31
      // tail = 4000 (06-17) + 2000 (03-31) = 6000; total = 6000 + 1000 (06-16) + 3000 (01-01) = 10000 → 0.6
      name: 'calendar quarters, asOf at quarter end → 6000 ÷ 10000',
      // (a lost deal of 2023 anchors the close history before the window: every quarter is covered)
      ds: deals(won(4000, '2025-06-17'), won(1000, '2025-06-16'), won(2000, '2025-03-31'), won(3000, '2025-01-01'), won(9000, '2025-03-17'), lost(5000, '2025-06-30'), lost(1, '2023-01-01')),
      // note: 03-17 is not in the last 14 days of Q1 → total 19000, tail 6000
      status: 'ok', value: 6000 / 19000,
      details: { quarters: 4, 'share FY2025 Q2': 0.8, 'share FY2025 Q1': 2000 / 14000, 'share FY2024 Q4': null }, evidence: { sample: 5, status: 'insufficient' },
    },
    {
      // asOf 2025-05-15: complete quarters wholly after 2024-05-15: FY2024 Q3, Q4, FY2025 Q1 (3).
      // 2024-06-25 (Q2 2024, partly outside) and 2025-05-10 (incomplete quarter) excluded → 1000 ÷ (1000 + 3000)
      name: 'mid-quarter as-of: three complete quarters → 0.25',
      ds: deals(won(1000, '2024-09-30'), won(3000, '2024-08-01'), won(5000, '2024-06-25'), won(5000, '2025-05-10')),
      asOf: '2025-05-15',
      status: 'ok', value: 0.25,
      details: { quarters: 3 }, evidence: { sample: 2, status: 'insufficient' },
    },
    {
      // FY from February: quarters end Apr 30, Jul 31, Oct 31, Jan 31. asOf 2025-04-30 → last 14 days of FY2026 Q1: 04-17..04-30
      name: 'fiscal year from February → tail 04-17..04-30',
      ds: deals(won(1000, '2025-04-17'), won(1000, '2025-04-16'), won(2000, '2025-01-31'), lost(1, '2023-01-01')),
      asOf: '2025-04-30', profile: { fiscalYearStartMonth: 2 },
      // tail: 04-17 (1000) + 01-31 (last day of FY2025 Q4, 2000) = 3000 of 4000
      status: 'ok', value: 0.75, evidence: { sample: 3, status: 'insufficient' },
    },
    { name: 'no won deals in complete quarters: zero denominator → n/a', ds: deals(lost(1, '2025-01-01')), status: 'n/a', reason: /needs won deals closed in the complete fiscal quarters/ },
    {
      // issue 14: closes start 2025-03-01, one month into FY2025 Q1: Q1 is left out (its last two weeks
      // would weigh a whole quarter); only Q2 counts: tail 06-20 (1000) of 1000 + 3000 (04-10) → 0.25
      name: 'a quarter the data enters part-way is not complete → left out, with a note',
      ds: deals(won(5000, '2025-03-25'), won(1000, '2025-03-01'), won(1000, '2025-06-20'), won(3000, '2025-04-10')),
      status: 'ok', value: 0.25,
      details: { quarters: 1 },
      notes: /3 quarters left out: the closed deals start on 2025-03-01/, evidence: { sample: 2, status: 'insufficient' },
    },
    { name: 'no deals file → n/a', ds: NO_DEALS_FILE, status: 'n/a', reason: /--deals/ },
  ]);
});

describe('rep_concentration', () => {
  new MetricTester('rep_concentration', { asOf: '2025-06-30' }).run([
    // alice 4000 + 2000 = 6000, bob 3000, unowned 1000 → 6000 ÷ 10000
    {
      name: 'alice 6000 of 10000 → 0.6',
      ds: deals(won(4000, '2025-01-01', { owner: 'alice' }), won(2000, '2025-02-01', { owner: 'alice' }), won(3000, '2025-02-01', { owner: 'bob' }), won(1000, '2025-02-01')),
      status: 'ok', value: 0.6,
      details: { owner: 'alice', ownerBookings: 6000, totalBookings: 10000, owners: 2, unownedBookings: 1000 }, evidence: { sample: 4, status: 'insufficient' },
    },
    { name: 'tie → owner name order', ds: deals(won(5000, '2025-01-01', { owner: 'bob' }), won(5000, '2025-01-01', { owner: 'alice' })), status: 'ok', value: 0.5, details: { owner: 'alice' }, evidence: { sample: 2, status: 'insufficient' } },
    { name: 'no owner column → n/a', ds: deals(won(1, '2025-01-01')), status: 'n/a', reason: /owner column/ },
    { name: 'no owner on the won deals of the window → n/a', ds: deals(won(1, '2025-01-01'), open(1, null, { owner: 'x' })), status: 'n/a', reason: /owner on the won deals/ },
    { name: 'won amounts 0: zero denominator → n/a', ds: deals(won(0, '2025-01-01', { owner: 'x' })), status: 'n/a', reason: /total 0/ },
  ]);
});

describe('quota_attainment', () => {
  const ds = deals(
    won(4000, '2025-01-01', { owner: 'alice' }),
    won(2000, '2025-02-01', { owner: 'alice' }),
    won(3000, '2025-02-01', { owner: 'bob' }),
    won(9000, '2024-02-01', { owner: 'bob' }), // outside the window
    won(5000, '2025-02-01', { owner: 'dan' }), // no quota
  );
  new MetricTester('quota_attainment', { asOf: '2025-06-30' }).run([
    // alice 6000 ≥ 5000 yes, bob 3000 < 5000 no, carol 0 < 1000 no → 1 ÷ 3
    {
      name: '1 of 3 owners at quota → 1/3',
      ds,
      profile: { quotasCents: { alice: 500_000, bob: 500_000, carol: 100_000 } },
      status: 'ok', value: 1 / 3,
      details: { owners: 3, atOrAboveQuota: 1, 'attainment: alice': 1.2, 'attainment: bob': 0.6, 'attainment: carol': 0 },
      notes: /carol/, evidence: null,
    },
    { name: 'exactly at quota counts → 1', ds, profile: { quotasCents: { bob: 300_000 } }, status: 'ok', value: 1, evidence: null },
    { name: 'no quotas → n/a', ds, status: 'n/a', reason: /^needs targets\.quotas in revhealth\.config\.json$/ },
    { name: 'empty quotas: zero denominator → n/a', ds, profile: { quotasCents: {} }, status: 'n/a', reason: /targets\.quotas/ },
    // the closes start 2025-01-01, six months into the window 2024-07-01..2025-06-30: an annual quota
    // against half a year of bookings would read every rep as missing it (the demo at 2024-06-30 read 0%)
    {
      name: 'history starts part-way into the window → n/a, not 0%',
      ds: deals(won(4000, '2025-01-01', { owner: 'alice' }), won(3000, '2025-02-01', { owner: 'bob' })),
      profile: { quotasCents: { alice: 500_000, bob: 500_000 } },
      status: 'n/a', reason: /closed deals start on 2025-01-01.*about 6 of its 12 months/,
    },
    // a start within the 14-day grace of the window still counts as a full year
    {
      name: 'history starts within 14 days of the window start → graded',
      ds: deals(won(6000, '2024-07-10', { owner: 'alice' }), won(3000, '2025-02-01', { owner: 'bob' })),
      profile: { quotasCents: { alice: 500_000, bob: 500_000 } },
      status: 'ok', value: 0.5, evidence: null,
    },
  ]);
});

describe('lead_to_opportunity_rate', () => {
  const created = [open(1, null), won(1, '2025-03-01', { created: '2025-02-01' }), lost(1, '2025-03-01', { created: '2025-02-01' })];
  new MetricTester('lead_to_opportunity_rate', { asOf: '2025-06-30' }).run([
    {
      // 3 deals created in window ÷ (10 + 20) leads in window = 0.1; the 2024-01 leads are outside
      name: '3 opportunities ÷ 30 leads → 0.1',
      ds: makeDataset({
        deals: created,
        spend: [makeSpend({ periodStart: '2025-01-01', leads: 10 }), makeSpend({ periodStart: '2025-02-01', leads: 20 }), makeSpend({ periodStart: '2024-01-01', leads: 100 }), makeSpend({ periodStart: '2025-03-01' })],
      }),
      status: 'ok', value: 0.1,
      details: { opportunities: 3, leads: 30 },
      notes: /1 spend rows in the window have no leads count/, evidence: { sample: 30, status: 'insufficient' },
    },
    { name: 'no spend file → n/a', ds: makeDataset({ deals: created }), status: 'n/a', reason: /--spend/ },
    { name: 'spend without leads column → n/a', ds: makeDataset({ deals: created, spend: [makeSpend({})] }), status: 'n/a', reason: /leads column/ },
    { name: 'zero leads in window: zero denominator → n/a', ds: makeDataset({ deals: created, spend: [makeSpend({ periodStart: '2025-01-01', leads: 0 })] }), status: 'n/a', reason: /needs leads in the months/ },
    {
      // issue 14: more opportunities (3) than leads (2) is not a 150% rate: n/a with why
      name: 'more opportunities than leads → n/a, never above 100%',
      ds: makeDataset({ deals: created, spend: [makeSpend({ periodStart: '2025-01-01', leads: 2 })] }),
      status: 'n/a', reason: /3 opportunities against 2 leads/,
    },
    {
      // as of 2025-06-15 (mid-month) the counting stops at 2025-05-31: the June leads row and the deal
      // created 2025-06-10 are both left out; 3 deals created 2024-06-01 < d ≤ 2025-05-31 ÷ 30 leads = 0.1
      name: 'mid-month as-of: whole months on both sides → 0.1',
      asOf: '2025-06-15',
      ds: makeDataset({
        deals: [...created, won(1, '2025-06-12', { created: '2025-06-10' })],
        spend: [makeSpend({ periodStart: '2025-01-01', leads: 10 }), makeSpend({ periodStart: '2025-02-01', leads: 20 }), makeSpend({ periodStart: '2025-06-01', leads: 1 })],
      }),
      status: 'ok', value: 0.1,
      details: { opportunities: 3, leads: 30 },
      notes: /as-of month is partial/, evidence: { sample: 30, status: 'insufficient' },
    },
  ]);
});

describe('opportunity_to_win_rate', () => {
  new MetricTester('opportunity_to_win_rate', { asOf: '2025-06-30' }).run([
    {
      // created in window: won by asOf, won after asOf (not yet won at asOf), lost, open → 1 ÷ 4; the 2024-05 deal is outside
      name: '1 of 4 created deals won by asOf → 0.25',
      ds: deals(
        won(1, '2025-05-01', { created: '2025-01-01' }),
        won(1, '2025-07-15', { created: '2025-01-01' }),
        lost(1, '2025-05-01', { created: '2025-01-01' }),
        open(1, null, { created: '2025-01-01' }),
        won(1, '2024-08-01', { created: '2024-05-01' }),
      ),
      status: 'ok', value: 0.25,
      details: { created: 4, won: 1, stillOpen: 1 }, evidence: { sample: 4, status: 'insufficient' },
    },
    { name: 'nothing created in window: zero denominator → n/a', ds: deals(won(1, '2025-01-01', { created: '2020-01-01' })), status: 'n/a', reason: /needs deals created in the window/ },
    { name: 'no deals file → n/a', ds: NO_DEALS_FILE, status: 'n/a', reason: /--deals/ },
  ]);
});

// ---------------------------------------------------------------------------------------------

describe('pipeline metrics: purity', () => {
  const rich = (): Dataset =>
    makeDataset({
      deals: [
        won(4000, '2025-06-17', { owner: 'alice', created: '2025-03-01', account: 'A' }),
        won(2000, '2025-03-31', { owner: 'bob', created: '2025-01-01', account: 'B' }),
        lost(3000, '2025-02-01', { owner: 'bob' }),
        open(5000, '2025-08-01', { owner: 'alice', created: '2025-01-01' }),
        open(1000, '2025-05-01', { created: '2025-05-01', probability: 0.5 }),
      ],
      spend: [makeSpend({ periodStart: '2025-01-01', leads: 10 }), makeSpend({ periodStart: '2025-02-01', category: 'sales' })],
      renewals: [],
    });
  const ctx = makeCtx('2025-06-30', { quotasCents: { alice: 100_000 }, nextQuarterTargetCents: 100_000 });

  it.each(PIPELINE_METRICS.map((m) => [m.id, m] as const))('%s does not mutate a deep-frozen dataset and gives the same outcome', (_id, m) => {
    const frozen = deepFreeze(rich());
    const expected = m.compute(structuredClone(frozen), ctx, makeCache());
    const frozenCtx = deepFreeze(makeCtx('2025-06-30', { quotasCents: { alice: 100_000 }, nextQuarterTargetCents: 100_000 }));
    expect(m.compute(frozen, frozenCtx, makeCache())).toEqual(expected);
  });

  it.each(PIPELINE_METRICS.map((m) => [m.id, m] as const))('%s is independent of deal order', (_id, m) => {
    const ds = rich();
    const reversed = { ...ds, deals: [...ds.deals].reverse() };
    expect(m.compute(reversed, ctx, makeCache())).toEqual(m.compute(ds, ctx, makeCache()));
  });

  it('every pipeline metric has a definition, formula and snake_case id in area pipeline', () => {
    for (const m of PIPELINE_METRICS) {
      expect(m.id).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(m.area).toBe('pipeline');
      expect(m.definition.length).toBeGreaterThan(20);
      expect(m.formula.length).toBeGreaterThan(10);
      expect(m.inputs.length).toBeGreaterThan(0);
    }
  });
});
