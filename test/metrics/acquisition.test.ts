import { describe, expect, it } from 'vitest';
import { ACQUISITION_METRICS, channelKey } from '../../src/metrics/acquisition.js';
import type { Dataset } from '../../src/base/model.js';
import type { MetricContext, MetricOutcome } from '../../src/metrics/types.js';
import { NOTE_NO_TYPE_COLUMN } from '../../src/metrics/deal-selections.js';
import { DEFAULT_METHODOLOGY } from '../../src/config/methodology.js';
import { expectValue } from '../helpers/outcome.js';
import { MetricTester } from '../helpers/metric-tester.js';
import {
  deepFreeze,
  makeCache,
  makeCtx,
  makeDataset,
  makeDeal,
  makeRenewal,
  makeSpend,
} from '../helpers/builders.js';

function compute(id: string, ds: Dataset, ctx: MetricContext): MetricOutcome {
  const def = ACQUISITION_METRICS.find((m) => m.id === id);
  if (!def) throw new Error(`no metric ${id}`);
  return def.compute(ds, ctx, makeCache());
}

const AS_OF = '2025-06-30'; // window: 2024-06-30 < d <= 2025-06-30
const k = (units: number): number => units * 100; // currency units -> cents

/**
 * The reference company (deal type column present):
 *   won new   20,000  2025-03-15  "Paid Search"
 *   won new   10,000  2025-05-10  "paid_search"
 *   won new   30,000  2025-02-01  "Events"
 *   won new   40,000  2024-11-20  "Referral"   (no spend channel: unattributed)
 *   won expansion 50,000 2025-04-01            (not new business)
 *   won new   99,999  2024-06-30               (window start is exclusive)
 *   lost new, open new                         (not won)
 * → 4 new customers, new ARR 100,000.
 * Spend in window: Paid Search 12,000 (Jan) + paid-search 6,000 (Apr) + Events 15,000 (Oct 2024)
 *   + Webinars 5,000 (Feb) + sales "Sales team" 22,000 (Mar) = S&M 60,000;
 *   not counted: 100,000 in 2024-06 (before window), "other" 1,000.
 */
function company(): Dataset {
  return makeDataset({
    deals: [
      makeDeal({ type: 'new', amountCents: k(20_000), closed: '2025-03-15', source: 'Paid Search' }),
      makeDeal({ type: 'new', amountCents: k(10_000), closed: '2025-05-10', source: 'paid_search' }),
      makeDeal({ type: 'new', amountCents: k(30_000), closed: '2025-02-01', source: 'Events' }),
      makeDeal({ type: 'new', amountCents: k(40_000), closed: '2024-11-20', source: 'Referral' }),
      makeDeal({ type: 'expansion', amountCents: k(50_000), closed: '2025-04-01', source: 'Events' }),
      makeDeal({ type: 'new', amountCents: k(99_999), closed: '2024-06-30', source: 'Events' }),
      makeDeal({ type: 'new', status: 'lost', amountCents: k(70_000), closed: '2025-03-01', source: 'Events' }),
      makeDeal({ type: 'new', status: 'open', amountCents: k(80_000), closed: '2025-07-15', source: 'Events' }),
    ],
    spend: [
      makeSpend({ channel: 'Paid Search', periodStart: '2025-01-01', amountCents: k(12_000) }),
      makeSpend({ channel: 'paid-search', periodStart: '2025-04-01', amountCents: k(6_000) }),
      makeSpend({ channel: 'Events', periodStart: '2024-10-01', amountCents: k(15_000) }),
      makeSpend({ channel: 'Webinars', periodStart: '2025-02-01', amountCents: k(5_000) }),
      makeSpend({ channel: 'Sales team', category: 'sales', periodStart: '2025-03-01', amountCents: k(22_000) }),
      makeSpend({ channel: 'Events', periodStart: '2024-06-01', amountCents: k(100_000) }),
      makeSpend({ channel: 'Office', category: 'other', periodStart: '2025-01-01', amountCents: k(1_000) }),
    ],
    renewals: [
      makeRenewal({ account: 'A', renewalDate: '2025-01-15', arrBeforeCents: k(10_000), arrAfterCents: k(12_000) }),
      makeRenewal({ account: 'B', renewalDate: '2025-03-01', arrBeforeCents: k(20_000), arrAfterCents: 0 }),
      makeRenewal({ account: 'C', renewalDate: '2025-05-01', arrBeforeCents: k(10_000), arrAfterCents: k(8_000) }),
      makeRenewal({ account: 'D', renewalDate: '2024-06-30', arrBeforeCents: k(10_000), arrAfterCents: k(10_000) }),
    ],
  });
}

const GM = { grossMargin: 0.8 };

const noSpendFile = () => makeDataset({ deals: company().deals, renewals: company().renewals });
const noNewWins = () =>
  makeDataset({
    deals: [makeDeal({ type: 'expansion', closed: '2025-03-01' }), makeDeal({ type: 'new', status: 'lost', closed: '2025-03-01' })],
    spend: [makeSpend({ periodStart: '2025-03-01' })],
  });

// Each metric's table runs through MetricTester (test/helpers/metric-tester.ts): the audit's path,
// frozen inputs and each value's evidence verdict (CAC-based metrics: at least 10 new customers).

new MetricTester('cac', { asOf: AS_OF }).run([
  { name: 'cac: S&M 60,000 ÷ 4 new customers = 15,000 (fully-loaded)', ds: company(), status: 'ok', value: 15_000, details: { salesAndMarketingSpend: 60_000, marketingSpend: 38_000, salesSpend: 22_000, newCustomers: 4 }, notes: 'fully-loaded', evidence: { sample: 4, status: 'insufficient' } },
  { name: 'cac: marketing-only spend 8,000 ÷ 2 won deals (no type column: every won deal) = 4,000', ds: makeDataset({
        deals: [
          makeDeal({ amountCents: k(10_000), closed: '2025-01-10' }),
          makeDeal({ amountCents: k(30_000), closed: '2025-06-30' }),
        ],
        spend: [makeSpend({ amountCents: k(8_000), periodStart: '2025-06-01' })],
      }), status: 'ok', value: 4_000, notes: NOTE_NO_TYPE_COLUMN, evidence: { sample: 2, status: 'insufficient' } },
  { name: 'cac, single row each: 1,000 ÷ 1 = 1,000', ds: makeDataset({ deals: [makeDeal({ closed: '2025-05-01' })], spend: [makeSpend({ periodStart: '2025-05-01' })] }), status: 'ok', value: 1_000, notes: 'marketing-only', evidence: { sample: 1, status: 'insufficient' } },
  // missing inputs
  { name: 'cac without a spend file', ds: noSpendFile(), status: 'n/a', reason: 'needs marketing spend (--spend)' },
  { name: 'cac without a deals file', ds: makeDataset({ spend: [makeSpend()] }), status: 'n/a', reason: 'needs a deals file (--deals)' },
  // zero denominators
  { name: 'cac: 0 new customers (only expansion won)', ds: noNewWins(), status: 'n/a', reason: /divides by zero new customers/ },
  { name: 'cac: spend file has no spend in the window', ds: makeDataset({ deals: [makeDeal({ closed: '2025-03-01' })], spend: [makeSpend({ periodStart: '2024-01-01' })] }), status: 'n/a', reason: /needs sales & marketing spend with a period starting in the window/ },
]);

new MetricTester('cac_by_channel', { asOf: AS_OF }).run([
  { name: 'cac_by_channel: (Events 15,000 + Paid Search 18,000 + Webinars 5,000) ÷ (1 + 2 + 0) wins = 12,666.67', ds: company(), status: 'ok', value: 38_000 / 3, details: {
      spend: 38_000,
      won: 3,
      unattributedWon: 1,
      'Events.spend': 15_000,
      'Events.won': 1,
      'Events.cac': 15_000,
      'Paid Search.spend': 18_000,
      'Paid Search.won': 2,
      'Paid Search.cac': 9_000,
      'Webinars.spend': 5_000,
      'Webinars.won': 0,
      'Webinars.cac': null,
    }, notes: 'spend but no won new deals sourced from: Webinars (cac null)', evidence: null },
  { name: 'cac_by_channel without a spend file', ds: noSpendFile(), status: 'n/a', reason: 'needs marketing spend (--spend)' },
  { name: 'cac_by_channel: no won new deal sourced from a spend channel', ds: makeDataset({
        deals: [makeDeal({ closed: '2025-03-01', source: 'Referral' }), makeDeal({ closed: '2025-03-01', source: null })],
        spend: [makeSpend({ channel: 'Paid Search', periodStart: '2025-03-01' })],
      }), status: 'n/a', reason: /paid CAC divides by zero/ },
  { name: 'cac_by_channel: only sales-category spend (no channel)', ds: makeDataset({ deals: [makeDeal({ closed: '2025-03-01' })], spend: [makeSpend({ category: 'sales', periodStart: '2025-03-01' })] }), status: 'n/a', reason: /needs marketing spend by channel/ },
]);

new MetricTester('cac_payback_months', { asOf: AS_OF }).run([
  { name: 'cac_payback_months: 15,000 ÷ (100,000 ÷ 4 ÷ 12 × 0.8 = 1,666.67) = 9', ds: company(), profile: GM, status: 'ok', value: 9, evidence: { sample: 4, status: 'insufficient' } },
  { name: 'cac_payback_months without company.grossMargin', ds: company(), status: 'n/a', reason: 'needs company.grossMargin in revhealth.config.json' },
  { name: 'cac_payback_months with a zero gross margin', ds: company(), profile: { grossMargin: 0 }, status: 'n/a', reason: /needs a positive company\.grossMargin/ },
  { name: 'cac_payback_months: 0 new customers', ds: noNewWins(), profile: GM, status: 'n/a', reason: /divides by zero new customers/ },
  { name: 'cac_payback_months: new customers with 0 amount', ds: makeDataset({ deals: [makeDeal({ amountCents: 0, closed: '2025-03-01' })], spend: [makeSpend({ periodStart: '2025-03-01' })] }), profile: GM, status: 'n/a', reason: /payback divides by zero/ },
]);

new MetricTester('new_arr_per_sm_dollar', { asOf: AS_OF }).run([
  { name: 'new_arr_per_sm_dollar: 100,000 ÷ 60,000 = 1.667', ds: company(), status: 'ok', value: 100_000 / 60_000, evidence: { sample: 4, status: 'insufficient' } },
  { name: 'new_arr_per_sm_dollar without a spend file', ds: noSpendFile(), status: 'n/a', reason: 'needs marketing spend (--spend)' },
  { name: 'new_arr_per_sm_dollar: 0 S&M spend in the window (only "other")', ds: makeDataset({ deals: [makeDeal({ closed: '2025-03-01' })], spend: [makeSpend({ category: 'other', periodStart: '2025-03-01' })] }), status: 'n/a', reason: /needs sales & marketing spend/ },
]);

new MetricTester('magic_number', { asOf: AS_OF }).run([
  { name: 'magic_number, calendar FY: Q2 2025 new ARR 10,000 ÷ Q1 2025 S&M (12,000 + 5,000 + 22,000) = 0.2564', ds: company(), status: 'ok', value: 10_000 / 39_000, details: {
      quarter: 'FY2025 Q2',
      quarterNewArr: 10_000,
      quarterNewCustomers: 1,
      spendQuarter: 'FY2025 Q1',
      spendQuarterSalesAndMarketing: 39_000,
    }, evidence: { sample: 1, status: 'insufficient' } },
  { name: 'magic_number, FY from February: Feb–Apr 2025 new ARR 50,000 ÷ Nov 2024–Jan 2025 S&M 12,000 = 4.1667', ds: company(), profile: { fiscalYearStartMonth: 2 }, status: 'ok', value: 50_000 / 12_000, details: {
      quarter: 'FY2026 Q1',
      quarterNewArr: 50_000,
      quarterNewCustomers: 2,
      spendQuarter: 'FY2025 Q4',
      spendQuarterSalesAndMarketing: 12_000,
    }, evidence: { sample: 2, status: 'insufficient' } },
  { name: 'magic_number without a spend file', ds: noSpendFile(), status: 'n/a', reason: 'needs marketing spend (--spend)' },
  { name: 'magic_number: no spend in the prior quarter (FY2025 Q1)', ds: makeDataset({ deals: [makeDeal({ closed: '2025-05-01' })], spend: [makeSpend({ periodStart: '2025-04-01' })] }), status: 'n/a', reason: /FY2025 Q1, the quarter before FY2025 Q2/ },
]);

new MetricTester('ltv', { asOf: AS_OF }).run([
  { name: 'ltv: ARPA 40,000/3 × 0.8 ÷ churn 0.55 (GRR 18,000/40,000) = 19,393.94', ds: company(), profile: GM, status: 'ok', value: ((40_000 / 3) * 0.8) / 0.55, details: { arpa: 40_000 / 3, grossMargin: 0.8, annualRevenueChurn: 0.55, lifetimeYears: 1 / 0.55, lifetimeCapped: 'no' }, evidence: null },
  { name: 'ltv, 10 % churn → lifetime 10 y capped at 5: 10,000 × 0.8 × 5 = 40,000', ds: makeDataset({ renewals: [makeRenewal({ arrBeforeCents: k(10_000), arrAfterCents: k(9_000) })] }), profile: GM, status: 'ok', value: 40_000, notes: 'lifetime capped at 5 years', evidence: null },
  { name: 'ltv, no churn (expansion only) → cap: 10,000 × 0.8 × 5 = 40,000', ds: makeDataset({ renewals: [makeRenewal({ arrBeforeCents: k(10_000), arrAfterCents: k(15_000) })] }), profile: GM, status: 'ok', value: 40_000, notes: 'no revenue churn in the window', evidence: null },
  { name: 'ltv without company.grossMargin', ds: company(), status: 'n/a', reason: 'needs company.grossMargin in revhealth.config.json' },
  { name: 'ltv without a renewals file', ds: makeDataset({ deals: company().deals, spend: company().spend }), profile: GM, status: 'n/a', reason: 'needs a renewals file (--renewals)' },
  { name: 'ltv with no renewal due in the window (only 2024-06-30, excluded)', ds: makeDataset({ renewals: [makeRenewal({ renewalDate: '2024-06-30' })] }), profile: GM, status: 'n/a', reason: /needs renewals due in the window/ },
  { name: 'ltv: renewals due have 0 ARR before', ds: makeDataset({ renewals: [makeRenewal({ arrBeforeCents: 0, arrAfterCents: 0 })] }), profile: GM, status: 'n/a', reason: /division by zero/ },
]);

new MetricTester('ltv_to_cac', { asOf: AS_OF }).run([
  { name: 'ltv_to_cac: 19,393.94 ÷ 15,000 = 1.293', ds: company(), profile: GM, status: 'ok', value: ((40_000 / 3) * 0.8) / 0.55 / 15_000, evidence: { sample: 4, status: 'insufficient' } },
  { name: 'ltv_to_cac without a renewals file (LTV gap reported)', ds: makeDataset({ deals: company().deals, spend: company().spend }), profile: GM, status: 'n/a', reason: 'needs a renewals file (--renewals)' },
  { name: 'ltv_to_cac without a spend file (CAC gap reported)', ds: noSpendFile(), profile: GM, status: 'n/a', reason: 'needs marketing spend (--spend)' },
  { name: 'ltv_to_cac: 0 new customers', ds: ({ ...noNewWins(), renewals: company().renewals, present: { deals: true, spend: true, renewals: true } }), profile: GM, status: 'n/a', reason: /divides by zero new customers/ },
]);

describe('acquisition metrics', () => {
  it('cac_by_channel lists channels sorted by name, with the summary keys first', () => {
    const out = compute('cac_by_channel', company(), makeCtx(AS_OF));
    expect(out.kind === 'value' && Object.keys(out.details ?? {})).toEqual([
      'spend',
      'won',
      'unattributedWon',
      'Events.spend',
      'Events.won',
      'Events.cac',
      'Paid Search.spend',
      'Paid Search.won',
      'Paid Search.cac',
      'Webinars.spend',
      'Webinars.won',
      'Webinars.cac',
    ]);
  });

  it.each([
    ['Paid Search', 'paid_search'],
    ['PAID-SEARCH', 'paid search'],
    ['Google Ads (CPC)', 'google-ads cpc'],
    ['Événements', 'événements'],
  ])('channelKey matches %s with %s', (a, b) => {
    expect(channelKey(a)).toBe(channelKey(b));
  });

  it('does not match different channels', () => {
    expect(channelKey('Paid Social')).not.toBe(channelKey('Paid Search'));
  });

  it('counts new customers only by type "new" when the type column exists, with a note', () => {
    const out = compute('cac', company(), makeCtx(AS_OF));
    expect(out.kind === 'value' && out.notes).toContain('new customers: won deals with type "new"');
  });

  it('every metric gives the same result on a deep-frozen dataset and context', () => {
    const ctx = makeCtx(AS_OF, GM);
    const frozenDs = deepFreeze(company());
    const frozenCtx = deepFreeze(makeCtx(AS_OF, GM));
    for (const def of ACQUISITION_METRICS) {
      const plain = def.compute(company(), ctx, makeCache());
      const frozen = def.compute(frozenDs, frozenCtx, makeCache());
      expect(frozen, def.id).toEqual(plain);
      expect(plain.kind, def.id).toBe('value');
      if (plain.kind === 'value') expect(Number.isFinite(plain.value), def.id).toBe(true);
    }
  });

  it('shares intermediates through the cache: one cache, the same answers as separate caches', () => {
    const ds = company();
    const ctx = makeCtx(AS_OF, GM);
    const cache = makeCache();
    for (const def of ACQUISITION_METRICS) {
      expect(def.compute(ds, ctx, cache), def.id).toEqual(def.compute(ds, ctx, makeCache()));
    }
  });

  it('declares unique snake_case ids, a formula and the acquisition area', () => {
    const ids = ACQUISITION_METRICS.map((m) => m.id);
    expect(ids).toEqual(['cac', 'cac_by_channel', 'cac_payback_months', 'new_arr_per_sm_dollar', 'magic_number', 'ltv', 'ltv_to_cac']);
    for (const m of ACQUISITION_METRICS) {
      expect(m.area).toBe('acquisition');
      expect(m.formula.length).toBeGreaterThan(0);
      expect(m.definition.length).toBeGreaterThan(0);
    }
  });
});

describe('new-logo CAC counts new logos only (issue 14 point 7)', () => {
  // S&M spend 30,000 in the window; methodology.cac = new_logo
  const spend = [makeSpend({ channel: 'Paid Search', periodStart: '2025-01-01', amountCents: 3_000_000 })];
  const ctx = makeCtx('2025-06-30', { methodology: { ...DEFAULT_METHODOLOGY, cac: 'new_logo' } });
  it.each([
    {
      // Acme: first won deal new (new logo); Globex: first won deal in the data is an expansion → an existing customer
      name: "an existing customer's first expansion deal is not a new logo: 30,000 ÷ 1",
      deals: [
        makeDeal({ status: 'won', account: 'Acme', type: 'new', closed: '2025-02-01' }),
        makeDeal({ status: 'won', account: 'Globex', type: 'expansion', closed: '2025-03-01' }),
        makeDeal({ status: 'won', account: 'Globex', type: 'expansion', closed: '2025-05-01' }),
      ],
      value: 30_000,
      logos: 1,
    },
    {
      // without a type column every first win counts: 30,000 ÷ 2
      name: 'no type column: each account won for the first time counts: 30,000 ÷ 2',
      deals: [makeDeal({ status: 'won', account: 'Acme', closed: '2025-02-01' }), makeDeal({ status: 'won', account: 'Globex', closed: '2025-03-01' })],
      value: 15_000,
      logos: 2,
    },
  ])('$name', ({ deals, value, logos }) => {
    const out = compute('cac', makeDataset({ deals, spend }), ctx);
    expectValue(out, value, 9, { details: { newLogos: logos } });
  });
});
