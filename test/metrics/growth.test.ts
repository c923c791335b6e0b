/**
 * Growth and predictability metrics, table-driven (STYLE B10.3), through MetricTester (the audit's
 * path, frozen inputs, each value's evidence verdict). Every expected value is worked
 * out by hand in the case name or the comment beside it.
 *
 * Default context: asOf 2025-06-30, calendar fiscal year, window 2024-06-30 < d <= 2025-06-30,
 * previous year 2023-06-30 < d <= 2024-06-30. Last complete quarter FY2025 Q2; next FY2025 Q3.
 */
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/base/model.js';
import type { MetricContext, MetricDefinition } from '../../src/metrics/types.js';
import { GROWTH_METRICS, projectionNextQuarter } from '../../src/metrics/growth.js';
import { deepFreeze, makeCache, makeCtx, makeDataset, makeDeal, makeRenewal } from '../helpers/builders.js';
import { MetricTester } from '../helpers/metric-tester.js';

interface Case {
  readonly name: string;
  readonly ds: Dataset;
  readonly ctx?: MetricContext;
  readonly value?: number;
  readonly na?: RegExp;
  readonly details?: Readonly<Record<string, unknown>>;
  readonly note?: RegExp;
  readonly sampleSize?: number;
}

const CTX = makeCtx('2025-06-30');

function check(def: MetricDefinition, c: Case): void {
  const out = def.compute(c.ds, c.ctx ?? CTX, makeCache());
  if (c.na) {
    expect(out.kind, JSON.stringify(out)).toBe('na');
    if (out.kind === 'na') expect(out.reason).toMatch(c.na);
    return;
  }
  expect(out.kind, JSON.stringify(out)).toBe('value');
  if (out.kind !== 'value') return;
  expect(Number.isFinite(out.value)).toBe(true);
  if (c.value !== undefined) expect(out.value).toBeCloseTo(c.value, 9);
  if (c.details) expect(out.details).toMatchObject(c.details);
  if (c.note) expect((out.notes ?? []).join('\n')).toMatch(c.note);
  if (c.sampleSize !== undefined) expect(out.sampleSize).toBe(c.sampleSize);
}

type DealExtra = Parameters<typeof makeDeal>[0];
const won = (amount: number, closed: string, extra: DealExtra = {}) =>
  makeDeal({ status: 'won', amountCents: Math.round(amount * 100), closed, created: '2023-01-01', ...extra });
const lost = (amount: number, closed: string, extra: DealExtra = {}) =>
  makeDeal({ status: 'lost', amountCents: Math.round(amount * 100), closed, created: '2023-01-01', ...extra });
const open = (amount: number, closed: string | null, extra: DealExtra = {}) =>
  makeDeal({ status: 'open', amountCents: Math.round(amount * 100), closed, created: '2025-01-01', ...extra });
const deals = (...d: ReturnType<typeof makeDeal>[]) => makeDataset({ deals: d });
const renewal = (before: number, after: number, renewalDate = '2025-01-01', account = 'Acme') =>
  makeRenewal({ arrBeforeCents: before * 100, arrAfterCents: after * 100, renewalDate, account });

const NO_DEALS_FILE = makeDataset({});
const EMPTY_DEALS = makeDataset({ deals: [] });

// ---------------------------------------------------------------------------------------------

describe('bookings', () => {
  new MetricTester('bookings', { asOf: '2025-06-30' }).run([
    {
      // 10000 (2025-01-15) + 5000 (2024-07-01) + 1 (2025-06-30, asOf inclusive) = 15001;
      // 2024-06-30 (window start, exclusive), 2025-07-01 (after asOf), lost and open deals excluded
      name: 'won in window → 15001',
      ds: deals(
        won(10000, '2025-01-15'),
        won(5000, '2024-07-01'),
        won(1, '2025-06-30'),
        won(7000, '2024-06-30'),
        won(3000, '2025-07-01'),
        lost(9000, '2025-02-01'),
        open(4000, '2025-03-01'),
      ),
      status: 'ok', value: 15001,
      details: { count: 3 },
      sampleSize: 3, evidence: null,
    },
    { name: 'single won deal of 0.01 → 0.01 (cents divided once)', ds: deals(makeDeal({ amountCents: 1, closed: '2025-01-01' })), status: 'ok', value: 0.01, evidence: null },
    { name: 'no won deal in window → 0 with a note', ds: deals(lost(1, '2025-01-01')), status: 'ok', value: 0, notes: /no won deals closed in the window \(2024-07-01 to 2025-06-30\)/, evidence: null },
    { name: 'no deals file → n/a', ds: NO_DEALS_FILE, status: 'n/a', reason: /^needs a deals file \(--deals\)$/ },
    { name: 'empty deals file → n/a', ds: EMPTY_DEALS, status: 'n/a', reason: /at least one usable deal/ },
  ]);
});

describe('bookings_growth_yoy', () => {
  new MetricTester('bookings_growth_yoy', { asOf: '2025-06-30' }).run([
    {
      // current 15000 (2025-01-15); previous 10000 (2024-06-30, end of previous window) + 2000 (2023-07-01) = 12000
      // (15000 − 12000) ÷ 12000 = 0.25; 2023-06-30 is outside both windows
      name: '15000 vs 12000 → +0.25',
      ds: deals(won(15000, '2025-01-15'), won(10000, '2024-06-30'), won(2000, '2023-07-01'), won(99000, '2023-06-30')),
      status: 'ok', value: 0.25,
      details: { current: 15000, previous: 12000, currentCount: 1, previousCount: 2, previousWindow: '2023-07-01 to 2024-06-30' }, evidence: { sample: 2, status: 'insufficient' },
    },
    // (6000 − 12000) ÷ 12000 = −0.5
    { name: '6000 vs 12000 → −0.5', ds: deals(won(6000, '2025-01-15'), won(12000, '2023-12-01', { created: '2023-06-01' })), status: 'ok', value: -0.5, evidence: { sample: 1, status: 'insufficient' } },
    // data starts 2024-01-01, inside the previous window → flagged
    {
      name: 'history starting inside the previous year is flagged',
      ds: deals(won(2000, '2025-01-15', { created: '2024-01-01' }), won(1000, '2024-02-01', { created: '2024-01-01' })),
      status: 'ok', value: 1,
      notes: /closed deals start on 2024-02-01.*covers about 5 of its 12 months/, evidence: { sample: 1, status: 'insufficient' },
    },
    {
      // issue 14: deals created years earlier, but the first close is 2023-10-01, inside the previous
      // window (2023-06-30 < d ≤ 2024-06-30): a 9-month base. The check reads close dates, not created dates.
      name: 'partial history is read on close dates: created 2020, first close 2023-10-01 → flagged (9-month base)',
      ds: deals(won(1790, '2025-01-15', { created: '2020-01-01' }), won(1000, '2023-10-01', { created: '2020-01-01' })),
      status: 'ok', value: 0.79,
      notes: /closed deals start on 2023-10-01.*covers about 9 of its 12 months/, evidence: { sample: 1, status: 'insufficient' },
    },
    { name: 'nothing won in the previous year: zero denominator → n/a', ds: deals(won(6000, '2025-01-15')), status: 'n/a', reason: /previous twelve months \(2023-07-01 to 2024-06-30\)/ },
    { name: 'no deals file → n/a', ds: NO_DEALS_FILE, status: 'n/a', reason: /--deals/ },
  ]);
});

describe('bookings_growth_qoq', () => {
  new MetricTester('bookings_growth_qoq', { asOf: '2025-06-30' }).run([
    {
      // asOf 2025-06-30 is the last day of FY2025 Q2 → Q = Q2 (3000 + 3000), previous = Q1 (4000); (6000 − 4000) ÷ 4000 = 0.5
      name: 'asOf at quarter end: Q2 6000 vs Q1 4000 → 0.5',
      ds: deals(won(3000, '2025-04-01'), won(3000, '2025-06-30'), won(4000, '2025-01-01'), won(9000, '2024-12-31'), lost(1, '2023-01-01')),
      status: 'ok', value: 0.5,
      details: { quarter: 'FY2025 Q2', quarterBookings: 6000, previousQuarter: 'FY2025 Q1', previousQuarterBookings: 4000 }, evidence: { sample: 3, status: 'insufficient' },
    },
    {
      // asOf 2025-05-15: current quarter incomplete → Q = FY2025 Q1 (2000), previous FY2024 Q4 (1000) → 1.0
      name: 'mid-quarter as-of: last complete quarter is the previous one → 1.0',
      ds: deals(won(100000, '2025-05-01'), won(2000, '2025-02-01'), won(1000, '2024-11-01'), lost(1, '2023-01-01')),
      asOf: '2025-05-15',
      status: 'ok', value: 1,
      details: { quarter: 'FY2025 Q1', previousQuarter: 'FY2024 Q4' }, evidence: { sample: 2, status: 'insufficient' },
    },
    {
      // FY from February, asOf 2025-05-15: Q = 2025-02-01..04-30 (FY2026 Q1) = 3000 + 1000; previous 2024-11-01..2025-01-31 = 1000 → 3
      name: 'fiscal year from February → FY2026 Q1 vs FY2025 Q4 → 3',
      ds: deals(won(1000, '2025-01-31'), won(3000, '2025-02-01'), won(1000, '2025-04-30'), won(7000, '2025-05-01'), lost(1, '2023-01-01')),
      asOf: '2025-05-15', profile: { fiscalYearStartMonth: 2 },
      status: 'ok', value: 3,
      details: { quarter: 'FY2026 Q1', previousQuarter: 'FY2025 Q4' }, evidence: { sample: 3, status: 'insufficient' },
    },
    { name: 'nothing won in the previous quarter: zero denominator → n/a', ds: deals(won(1, '2025-05-01'), lost(1, '2023-01-01')), status: 'n/a', reason: /needs won deals closed in FY2025 Q1 \(2025-01-01 to 2025-03-31\)/ },
    {
      // issue 14: the closes start 2025-03-01, so Q1 holds one month of data: not a complete quarter
      name: 'a previous quarter with one month of data is not complete → n/a',
      ds: deals(won(3000, '2025-04-15'), won(1000, '2025-03-01')),
      status: 'n/a', reason: /closed deals start on 2025-03-01, inside FY2025 Q1: that quarter is not complete/,
    },
    { name: 'no deals file → n/a', ds: NO_DEALS_FILE, status: 'n/a', reason: /--deals/ },
  ]);
});

// Renewals due in the window: expansion 100k → 120k (+20k), churn 50k → 0, contraction 50k → 40k (−10k), flat 30k.
// Starting ARR = 100 + 50 + 50 + 30 = 230k. The 2024-06-30 renewal is outside the window.
const RENEWALS = [
  renewal(100_000, 120_000, '2025-01-01', 'A'),
  renewal(50_000, 0, '2025-02-01', 'B'),
  renewal(50_000, 40_000, '2025-03-01', 'C'),
  renewal(30_000, 30_000, '2025-06-30', 'D'),
  renewal(999_000, 0, '2024-06-30', 'E'),
];
const TYPED_DEALS = [
  won(63_000, '2025-02-01', { type: 'new' }),
  won(25_000, '2025-03-01', { type: 'expansion' }),
  lost(40_000, '2025-03-01', { type: 'new' }),
];

describe('arr_growth', () => {
  new MetricTester('arr_growth', { asOf: '2025-06-30' }).run([
    {
      // type column: new = 63k; expansion = renewal uplift 20k + the 25k expansion deal (issue 14
      // point 7: expansion booked in the CRM counts; its account renews nowhere in the window, so the
      // starting ARR keeps 230k) → (63 + 45 − 10 − 50) ÷ 230 = 48 ÷ 230
      name: 'type column: (63 + 20 + 25 − 10 − 50) ÷ 230 → 48 ÷ 230',
      ds: makeDataset({ deals: TYPED_DEALS, renewals: RENEWALS }),
      status: 'ok', value: 48 / 230,
      details: { startingArr: 230_000, newArr: 63_000, expansionArr: 45_000, contractionArr: 10_000, churnedArr: 50_000, netNewArr: 48_000, renewals: 4, newDeals: 1, crmExpansionArr: 25_000, crmExpansionDeals: 1 },
      notes: /type 'new' only/, evidence: null,
    },
    {
      // no type column: every won deal is new → 40k + 25k = 65k → (65 + 20 − 10 − 50) ÷ 230 = 25 ÷ 230
      name: 'no type column: all won deals are new → 25 ÷ 230',
      ds: makeDataset({ deals: [won(40_000, '2025-02-01'), won(25_000, '2025-03-01')], renewals: RENEWALS }),
      status: 'ok', value: 25 / 230,
      notes: /no deal type column: every won deal counts as new business/, evidence: null,
    },
    {
      // everything churns, nothing new: (0 + 0 − 0 − 100) ÷ 100 = −1
      name: 'full churn, no new business → −1',
      ds: makeDataset({ deals: [lost(1, '2025-01-01')], renewals: [renewal(100_000, 0)] }),
      status: 'ok', value: -1, evidence: null,
    },
    { name: 'no renewals file → n/a', ds: makeDataset({ deals: TYPED_DEALS }), status: 'n/a', reason: /^needs a renewals file \(--renewals\)$/ },
    { name: 'no deals file → n/a', ds: makeDataset({ renewals: RENEWALS }), status: 'n/a', reason: /--deals\) for new ARR/ },
    { name: 'no renewals due in the window: zero denominator → n/a', ds: makeDataset({ deals: TYPED_DEALS, renewals: [renewal(1, 1, '2024-01-01')] }), status: 'n/a', reason: /starting ARR base/ },
    { name: 'starting ARR of 0 → n/a', ds: makeDataset({ deals: TYPED_DEALS, renewals: [renewal(0, 5, '2025-01-01')] }), status: 'n/a', reason: /arr_before > 0/ },
  ]);
});

describe('rule_of_40', () => {
  const withArr = makeDataset({ deals: TYPED_DEALS, renewals: RENEWALS });
  // yoy: 15000 vs 12000 → 0.25
  const bookingsOnly = deals(won(15000, '2025-01-15'), won(12000, '2024-01-01'));
  new MetricTester('rule_of_40', { asOf: '2025-06-30' }).run([
    // arr_growth 48 ÷ 230 + margin 0.15
    { name: 'ARR growth 48 ÷ 230 + margin 0.15', ds: withArr, profile: { operatingMargin: 0.15 }, status: 'ok', value: 48 / 230 + 0.15, notes: /growth basis: ARR growth/, details: { growth: 48 / 230, growthBasis: 'arr_growth', operatingMargin: 0.15 }, evidence: null },
    // no renewals → bookings growth 0.25 + margin 0.2 = 0.45
    { name: 'bookings growth 0.25 + margin 0.20 → 0.45', ds: bookingsOnly, profile: { operatingMargin: 0.2 }, status: 'ok', value: 0.45, notes: /bookings growth year over year \(ARR growth is n\/a: needs a renewals file/, evidence: null },
    // 0.25 + (−0.10) = 0.15
    { name: 'negative margin: 0.25 − 0.10 → 0.15', ds: bookingsOnly, profile: { operatingMargin: -0.1 }, status: 'ok', value: 0.15, evidence: null },
    { name: 'no operating margin → n/a', ds: withArr, status: 'n/a', reason: /^needs company\.operatingMargin in revhealth\.config\.json$/ },
    { name: 'no growth rate at all → n/a', ds: deals(won(1, '2025-01-01')), profile: { operatingMargin: 0.1 }, status: 'n/a', reason: /needs a growth rate/ },
  ]);
});

describe('forecast_accuracy', () => {
  const q1 = { start: '2025-01-01', end: '2025-03-31', label: 'Q1' };
  const q2 = { start: '2025-04-01', end: '2025-06-30', label: 'Q2' };
  // actual Q1 = 6000 + 4000 = 10000; actual Q2 = 8000; 2024-12-31 and 2025-07-01 outside both
  const ds = deals(won(6000, '2025-01-10'), won(4000, '2025-03-31'), won(8000, '2025-05-01'), won(500, '2024-12-31'), won(500, '2025-07-01'), lost(9999, '2025-02-01'));
  const withForecasts = (forecasts: readonly { start: string; end: string; label: string | null; amountCents: number }[]) => ({ forecasts });
  new MetricTester('forecast_accuracy', { asOf: '2025-06-30' }).run([
    {
      // Q1: 1 − |10000 − 9000| ÷ 10000 = 0.9; Q2: 1 − |8000 − 5000| ÷ 8000 = 0.625; mean 0.7625.
      // Q3 (ends 2025-09-30 > asOf) is ignored
      name: 'two past periods 0.9 and 0.625 → 0.7625',
      ds,
      profile: withForecasts([
        { ...q1, amountCents: 900_000 },
        { ...q2, amountCents: 500_000 },
        { start: '2025-07-01', end: '2025-09-30', label: 'Q3', amountCents: 1 },
      ]),
      status: 'ok', value: 0.7625,
      details: { periods: 2, 'accuracy: Q1': 0.9, 'accuracy: Q2': 0.625 },
      sampleSize: 2, evidence: { sample: 2, status: 'ok' },
    },
    // forecast 25000 vs actual 10000: 1 − 1.5 < 0 → 0 (HubSpot floor)
    { name: 'over-forecast by 150 % → floored at 0', ds, profile: withForecasts([{ ...q1, amountCents: 2_500_000 }]), status: 'ok', value: 0, evidence: { sample: 1, status: 'insufficient' } },
    // the unlabeled period is keyed by its dates
    { name: 'exact forecast → 1', ds, profile: withForecasts([{ ...q2, label: null, amountCents: 800_000 }]), status: 'ok', value: 1, details: { 'accuracy: 2025-04-01 to 2025-06-30': 1 }, evidence: { sample: 1, status: 'insufficient' } },
    {
      // a period with actual 0 is skipped (division by zero): only Q1 (0.9) remains
      name: 'period with no bookings skipped → 0.9',
      ds,
      profile: withForecasts([{ ...q1, amountCents: 900_000 }, { start: '2024-01-01', end: '2024-03-31', label: 'old', amountCents: 100 }]),
      status: 'ok', value: 0.9,
      notes: /forecast old skipped/,
      details: { 'accuracy: old': null }, evidence: { sample: 1, status: 'insufficient' },
    },
    { name: 'only periods with actual 0: zero denominator → n/a', ds, profile: withForecasts([{ start: '2024-01-01', end: '2024-03-31', label: 'old', amountCents: 100 }]), status: 'n/a', reason: /divides by the actual/ },
    { name: 'no forecasts → n/a', ds, status: 'n/a', reason: /^needs forecasts \(start, end, amount\) in revhealth\.config\.json$/ },
    { name: 'only future forecasts → n/a', ds, profile: withForecasts([{ start: '2025-07-01', end: '2025-09-30', label: 'Q3', amountCents: 1 }]), status: 'n/a', reason: /ended on or before the as-of date/ },
  ]);
});

describe('projection_next_quarter', () => {
  // next quarter after asOf 2025-06-30: FY2025 Q3 (2025-07-01..09-30)
  const pipe = (p1: number | null, p2: number | null) => [
    open(10000, '2025-07-01', { probability: p1 }),
    open(20000, '2025-09-30', { probability: p2 }),
    open(99999, '2025-10-01', { probability: 1 }),
    open(99999, '2025-06-30', { probability: 1 }),
    open(99999, '2025-08-01', { probability: 1, created: '2025-07-01' }), // created after asOf
  ];
  // trailing win rate by count: 3 won, 1 lost → 0.75
  const history = [won(1, '2025-01-01'), won(1, '2025-02-01'), won(1, '2025-03-01'), lost(1, '2025-04-01')];
  it.each<Case>([
    // 10000 × 0.5 + 20000 × 0.25 = 10000
    { name: 'probability on every deal: 10000×0.5 + 20000×0.25 → 10000', ds: deals(...pipe(0.5, 0.25), ...history), value: 10000, note: /probability column/, details: { quarter: 'FY2025 Q3', openDeals: 2, openPipeline: 30000, weighting: 'probability' } },
    // 30000 × 0.75 = 22500
    { name: 'no probability: 30000 × win rate 0.75 → 22500', ds: deals(...pipe(null, null), ...history), value: 22500, details: { weighting: 'win rate', winRate: 0.75 } },
    { name: 'probability on some deals only → win rate → 22500', ds: deals(...pipe(0.9, null), ...history), value: 22500, note: /probability missing on 1 of 2 deals/ },
    {
      // asOf 2025-05-15: the quarter after Q2 (Apr–Jun) is Q3; the 2025-06-15 deal is in the current quarter
      name: 'mid-quarter as-of: next quarter is the one after the current → 10000',
      ds: deals(open(10000, '2025-08-01', { probability: 1 }), open(5000, '2025-06-15', { probability: 1 })),
      ctx: makeCtx('2025-05-15'),
      value: 10000,
    },
    { name: 'no open deals next quarter → 0', ds: deals(...history), value: 0, note: /no open deals expected to close in FY2025 Q3/ },
    { name: 'open deals without expected close dates → n/a, not 0', ds: deals(open(5000, null), ...history), na: /none of the 1 open deal has an expected close date/ },
    { name: 'no win rate and no probability: zero denominator → n/a', ds: deals(...pipe(null, null)), na: /win rate, or a probability/ },
    { name: 'no deals file → n/a', ds: NO_DEALS_FILE, na: /--deals/ },
  ])('$name', (c) => {
    check(projectionNextQuarter, c);
    if (!c.na) expect(projectionNextQuarter.compute(c.ds, c.ctx ?? CTX, makeCache()).notes?.[0]).toMatch(/^projection:/);
  });
});

describe('top10_concentration / largest_account_share', () => {
  // X = 4000 + 2000 = 6000, Y = 3000, one deal without account 1000 → total 10000
  const three = deals(
    won(4000, '2025-01-01', { account: 'X' }),
    won(2000, '2025-02-01', { account: 'X' }),
    won(3000, '2025-02-01', { account: 'Y' }),
    won(1000, '2025-03-01', { id: 'D-77' }),
    won(50000, '2024-01-01', { account: 'Z' }), // outside the window
  );
  // A01..A12 with 1000 × k: total 78000; top ten = 78000 − 1000 − 2000 = 75000
  const twelve = deals(...Array.from({ length: 12 }, (_, i) => won(1000 * (i + 1), '2025-01-01', { account: `A${String(i + 1).padStart(2, '0')}` })));
  // twelve deals of 1000 without account: each is its own account → 10000 ÷ 12000
  const anonymous = deals(...Array.from({ length: 12 }, () => won(1000, '2025-01-01')));
  new MetricTester('top10_concentration', { asOf: '2025-06-30' }).run([
    { name: 'three accounts → 1', ds: three, status: 'ok', value: 1, details: { accounts: 3, top10Bookings: 10000, totalBookings: 10000 }, notes: /1 won deals without an account/, evidence: { sample: 3, status: 'insufficient' } },
    { name: 'twelve accounts → 75000 ÷ 78000', ds: twelve, status: 'ok', value: 75 / 78, evidence: { sample: 12, status: 'insufficient' } },
    { name: 'deals without account count one by one → 10 ÷ 12', ds: anonymous, status: 'ok', value: 10 / 12, notes: /no account on any won deal/, evidence: { sample: 12, status: 'insufficient' } },
    { name: 'no won deal → n/a', ds: deals(lost(1, '2025-01-01')), status: 'n/a', reason: /needs won deals closed in the window/ },
    { name: 'won amounts 0: zero denominator → n/a', ds: deals(won(0, '2025-01-01', { account: 'X' })), status: 'n/a', reason: /total 0/ },
  ]);
  new MetricTester('largest_account_share', { asOf: '2025-06-30' }).run([
    { name: 'X 6000 of 10000 → 0.6', ds: three, status: 'ok', value: 0.6, details: { account: 'X', accountBookings: 6000, totalBookings: 10000 }, evidence: { sample: 4, status: 'insufficient' } },
    { name: 'tie → account name order', ds: deals(won(5000, '2025-01-01', { account: 'B' }), won(5000, '2025-01-01', { account: 'A' })), status: 'ok', value: 0.5, details: { account: 'A' }, evidence: { sample: 2, status: 'insufficient' } },
    { name: 'largest is a deal without account → named by its id', ds: deals(won(9000, '2025-01-01', { id: 'D-9' }), won(1000, '2025-01-01', { account: 'A' })), status: 'ok', value: 0.9, details: { account: '(no account: deal D-9)' }, evidence: { sample: 2, status: 'insufficient' } },
    { name: 'single deal → 1', ds: deals(won(5, '2025-01-01', { account: 'A' })), status: 'ok', value: 1, evidence: { sample: 1, status: 'insufficient' } },
    { name: 'no deals file → n/a', ds: NO_DEALS_FILE, status: 'n/a', reason: /--deals/ },
  ]);
});

// ---------------------------------------------------------------------------------------------

describe('growth metrics: purity', () => {
  const rich = (): Dataset =>
    makeDataset({
      deals: [
        won(15000, '2025-01-15', { account: 'A', type: 'new' }),
        won(12000, '2024-01-01', { account: 'B', type: 'new' }),
        won(3000, '2025-06-20', { account: 'A', type: 'expansion' }),
        lost(2000, '2025-02-01', { type: 'new' }),
        open(5000, '2025-08-01', { probability: 0.5 }),
        open(6000, '2025-09-01'),
      ],
      renewals: RENEWALS,
    });
  const ctx = () =>
    makeCtx('2025-06-30', {
      operatingMargin: 0.1,
      forecasts: [{ start: '2025-01-01', end: '2025-03-31', label: 'Q1', amountCents: 1_000_000 }],
    });

  it.each(GROWTH_METRICS.map((m) => [m.id, m] as const))('%s does not mutate a deep-frozen dataset and gives the same outcome', (_id, m) => {
    const frozen = deepFreeze(rich());
    const expected = m.compute(structuredClone(frozen), ctx(), makeCache());
    expect(m.compute(frozen, deepFreeze(ctx()), makeCache())).toEqual(expected);
  });

  it.each(GROWTH_METRICS.map((m) => [m.id, m] as const))('%s is independent of deal order', (_id, m) => {
    const ds = rich();
    const reversed = { ...ds, deals: [...ds.deals].reverse(), renewals: [...ds.renewals].reverse() };
    expect(m.compute(reversed, ctx(), makeCache())).toEqual(m.compute(ds, ctx(), makeCache()));
  });

  it('every growth metric has a definition, formula and snake_case id in area growth', () => {
    for (const m of GROWTH_METRICS) {
      expect(m.id).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(m.area).toBe('growth');
      expect(m.definition.length).toBeGreaterThan(20);
      expect(m.formula.length).toBeGreaterThan(10);
    }
  });
});
