import { describe, expect, it } from 'vitest';
import { DATA_QUALITY_METRICS } from '../../src/metrics/data-quality.js';
import type { Dataset, FileReport, InputKind } from '../../src/base/model.js';
import type { MetricContext, MetricOutcome } from '../../src/metrics/types.js';
import { deepFreeze, makeCache, makeCtx, makeDataset, makeDeal, makeRenewal, makeSpend } from '../helpers/builders.js';
import { expectNa, expectValue } from '../helpers/outcome.js';
import { MetricTester } from '../helpers/metric-tester.js';

function compute(id: string, ds: Dataset, ctx: MetricContext): MetricOutcome {
  const def = DATA_QUALITY_METRICS.find((m) => m.id === id);
  if (!def) throw new Error(`no metric ${id}`);
  return def.compute(ds, ctx, makeCache());
}

const AS_OF = '2025-06-30';
const ctx = makeCtx(AS_OF);
const k = (units: number): number => units * 100;

/** A FileReport with the fields these metrics read; the rest are plausible defaults. (No shared builder exists for it.) */
function makeFileReport(
  kind: InputKind,
  partial: { read?: number; rejected?: number; mapping?: Record<string, string>; rejectedByReason?: Record<string, number> } = {},
): FileReport {
  const read = partial.read ?? 10;
  const rejected = partial.rejected ?? 0;
  const mapping = partial.mapping ?? { id: 'id', amount: 'amount', stage: 'stage', source: 'source', owner: 'owner' };
  return {
    kind,
    path: `${kind}.csv`,
    preset: 'generic',
    delimiter: ',',
    header: Object.values(mapping),
    mapping,
    rows: { read, used: read - rejected, rejected },
    rejectedByReason: partial.rejectedByReason ?? {},
    rejects: [],
    warnings: [],
    dateRange: null,
    dateOrder: null,
  };
}

/**
 * Deals (asOf 2025-06-30):
 *   won  closed 2025-06-10  created 2025-06-01   source Web   owner Ann
 *   open expected 2025-06-01 (past due, 5,000)   created 2025-05-01  source null  owner Bob
 *   open expected 2025-06-30 (due today: not past due, 7,000)        source Web   owner null
 *   open expected null (2,000)                                       source null  owner Ann
 *   open expected 2025-05-01 but created 2025-07-15 (after asOf: not an open deal at asOf)
 * → source missing 2/5, owner missing 1/5; past due 1 of 3 open deals.
 * Latest event ≤ asOf: won close 2025-06-10, spend 2025-06-01, renewal 2025-06-20 (2025-09-01 is future;
 * open deals' expected close 2025-06-30 is a forecast) → 2025-06-20 → 10 days.
 */
function company(): Dataset {
  return makeDataset({
    deals: [
      makeDeal({ status: 'won', created: '2025-06-01', closed: '2025-06-10', source: 'Web', owner: 'Ann' }),
      makeDeal({ status: 'open', amountCents: k(5_000), created: '2025-05-01', closed: '2025-06-01', owner: 'Bob' }),
      makeDeal({ status: 'open', amountCents: k(7_000), created: '2025-04-01', closed: '2025-06-30', source: 'Web' }),
      makeDeal({ status: 'open', amountCents: k(2_000), created: '2025-04-01', closed: null, source: null, owner: 'Ann' }),
      makeDeal({ status: 'open', amountCents: k(9_000), created: '2025-07-15', closed: '2025-05-01', source: 'Web', owner: 'Cy' }),
    ],
    spend: [makeSpend({ periodStart: '2025-06-01' })],
    renewals: [makeRenewal({ renewalDate: '2025-06-20' }), makeRenewal({ renewalDate: '2025-09-01' })],
    files: [
      makeFileReport('deals', { read: 100, rejected: 5, rejectedByReason: { duplicate_id: 3, invalid_date: 2 } }),
      makeFileReport('spend', { read: 20, rejected: 0 }),
      makeFileReport('renewals', { read: 30, rejected: 1, rejectedByReason: { invalid_amount: 1 } }),
    ],
  });
}

/** Same deals, with a deals file that has no id, source or owner column. */
function withoutColumns(): Dataset {
  return { ...company(), files: [makeFileReport('deals', { mapping: { amount: 'Amount', stage: 'Stage' } })] };
}

// Each metric's table runs through MetricTester (test/helpers/metric-tester.ts): the audit's path and
// frozen inputs; no data-quality metric declares an evidence minimum (evidence null).

new MetricTester('rejected_row_rate', { asOf: AS_OF }).run([
  { name: 'rejected_row_rate: (5 + 0 + 1) ÷ (100 + 20 + 30) = 0.04', ds: company(), status: 'ok', value: 0.04, details: { read: 150, rejected: 6, 'deals.read': 100, 'deals.rejected': 5, 'renewals.rejected': 1 }, evidence: null },
  { name: 'rejected_row_rate, one clean file = 0', ds: makeDataset({ files: [makeFileReport('spend', { read: 1 })] }), status: 'ok', value: 0, evidence: null },
  { name: 'rejected_row_rate with no input file', ds: makeDataset(), status: 'n/a', reason: /needs at least one input file/ },
  { name: 'rejected_row_rate: 0 rows read (zero denominator)', ds: makeDataset({ files: [makeFileReport('deals', { read: 0 })] }), status: 'n/a', reason: /no rows/ },
]);

new MetricTester('missing_source_share', { asOf: AS_OF }).run([
  { name: 'missing_source_share: 2 of 5 deals = 0.4', ds: company(), status: 'ok', value: 0.4, details: { missing: 2, deals: 5 }, evidence: null },
  { name: 'missing_source_share without an ingest report, values present: 1 of 2', ds: makeDataset({ deals: [makeDeal({ source: 'Web' }), makeDeal({ source: null })] }), status: 'ok', value: 0.5, evidence: null },
  { name: 'missing_source_share without a deals file', ds: makeDataset({ spend: [] }), status: 'n/a', reason: 'needs a deals file (--deals)' },
  { name: 'missing_source_share: deals file has no source column', ds: withoutColumns(), status: 'n/a', reason: 'needs a source column in the deals file; map it with inputs.deals.columns.source in revhealth.config.json' },
]);

new MetricTester('missing_owner_share', { asOf: AS_OF }).run([
  { name: 'missing_owner_share: 1 of 5 deals = 0.2', ds: company(), status: 'ok', value: 0.2, evidence: null },
  { name: 'missing_owner_share: deals file has no owner column', ds: withoutColumns(), status: 'n/a', reason: /inputs\.deals\.columns\.owner/ },
  { name: 'missing_owner_share: 0 usable deals (zero denominator)', ds: makeDataset({ deals: [], files: [makeFileReport('deals')] }), status: 'n/a', reason: 'needs at least one usable deal in the deals file' },
]);

new MetricTester('duplicate_deal_ids', { asOf: AS_OF }).run([
  { name: 'duplicate_deal_ids: 3 rejected as duplicate_id', ds: company(), status: 'ok', value: 3, evidence: null },
  { name: 'duplicate_deal_ids: none = 0', ds: makeDataset({ deals: [makeDeal()], files: [makeFileReport('deals')] }), status: 'ok', value: 0, evidence: null },
  { name: 'duplicate_deal_ids: deals file has no id column', ds: withoutColumns(), status: 'n/a', reason: /needs an id column in the deals file.*inputs\.deals\.columns\.id/ },
  { name: 'duplicate_deal_ids without a deals file', ds: makeDataset(), status: 'n/a', reason: 'needs a deals file (--deals)' },
]);

new MetricTester('past_due_open_deals', { asOf: AS_OF }).run([
  { name: 'past_due_open_deals: 1 (expected 2025-06-01 < asOf); value 5,000 of 14,000 open', ds: company(), status: 'ok', value: 1, details: { pastDueValue: 5_000, openDeals: 3, openValue: 14_000, openWithoutCloseDate: 1 }, evidence: null },
  { name: 'past_due_open_deals with no open deals = 0', ds: makeDataset({ deals: [makeDeal({ status: 'won' })] }), status: 'ok', value: 0, evidence: null },
  { name: 'past_due_open_deals without a deals file', ds: makeDataset(), status: 'n/a', reason: 'needs a deals file (--deals)' },
]);

new MetricTester('data_freshness_days', { asOf: AS_OF }).run([
  { name: 'data_freshness_days: 2025-06-30 − 2025-06-20 = 10', ds: company(), status: 'ok', value: 10, details: { latest: '2025-06-20', 'deals.latest': '2025-06-10', 'spend.latest': '2025-06-01', 'renewals.latest': '2025-06-20' }, evidence: null },
  { name: 'data_freshness_days, single deal created on asOf = 0', ds: makeDataset({ deals: [makeDeal({ status: 'open', created: AS_OF, closed: '2025-09-01' })] }), status: 'ok', value: 0, evidence: null },
  { name: 'data_freshness_days with no input at all', ds: makeDataset(), status: 'n/a', reason: /needs at least one input file/ },
  { name: 'data_freshness_days when every date is after asOf', ds: makeDataset({ renewals: [makeRenewal({ renewalDate: '2025-07-01' })] }), status: 'n/a', reason: /needs records dated on or before the as-of date 2025-06-30/ },
]);

describe('data freshness measures something real (issue 14 point 2)', () => {
  it.each([
    { name: 'as-of from the data: 0 by construction, so n/a', source: 'data' as const, na: /0 by construction; pass --as-of/ },
    { name: 'as-of given: measured (2025-06-30 − 2025-06-20 = 10)', source: 'flag' as const, value: 10 },
  ])('$name', ({ source, na, value }) => {
    const ds = makeDataset({ renewals: [makeRenewal({ renewalDate: '2025-06-20' })] });
    const out = compute('data_freshness_days', ds, { ...ctx, asOfSource: source });
    if (na) expectNa(out, na);
    else expectValue(out, value as number, 12);
  });
});

describe('data-quality metrics', () => {
  it('every metric gives the same result on a deep-frozen dataset and context', () => {
    const frozenDs = deepFreeze(company());
    const frozenCtx = deepFreeze(makeCtx(AS_OF));
    for (const def of DATA_QUALITY_METRICS) {
      const plain = def.compute(company(), ctx, makeCache());
      const frozen = def.compute(frozenDs, frozenCtx, makeCache());
      expect(frozen, def.id).toEqual(plain);
      expect(plain.kind, def.id).toBe('value');
      if (plain.kind === 'value') expect(Number.isFinite(plain.value), def.id).toBe(true);
    }
  });

  it('declares unique snake_case ids in the data_quality area', () => {
    expect(DATA_QUALITY_METRICS.map((m) => m.id)).toEqual([
      'rejected_row_rate',
      'missing_source_share',
      'missing_owner_share',
      'duplicate_deal_ids',
      'past_due_open_deals',
      'data_freshness_days',
    ]);
    for (const m of DATA_QUALITY_METRICS) expect(m.area).toBe('data_quality');
  });
});
