import { describe, expect, it } from 'vitest';
import { RETENTION_METRICS } from '../../src/metrics/retention.js';
import type { Dataset } from '../../src/base/model.js';
import type { MetricContext, MetricOutcome } from '../../src/metrics/types.js';
import { deepFreeze, makeCache, makeCtx, makeDataset, makeDeal, makeRenewal } from '../helpers/builders.js';
import { MetricTester } from '../helpers/metric-tester.js';

function compute(id: string, ds: Dataset, ctx: MetricContext): MetricOutcome {
  const def = RETENTION_METRICS.find((m) => m.id === id);
  if (!def) throw new Error(`no metric ${id}`);
  return def.compute(ds, ctx, makeCache());
}

const AS_OF = '2025-06-30'; // window: 2024-06-30 < renewal_date <= 2025-06-30
const ctx = makeCtx(AS_OF);
const k = (units: number): number => units * 100;

/**
 * Renewals:
 *   A  SMB  10,000 → 12,000  2025-01-15  expansion +2,000
 *   B  SMB  20,000 →      0  2025-03-01  churn 20,000
 *   C  ENT  10,000 →  8,000  2025-05-01  contraction 2,000
 *   C  ENT   5,000 →  5,000  2025-02-01  flat (second contract, earlier)
 *   D  —    10,000 → 10,000  2024-06-30  outside (window start exclusive)
 *   E  ENT  10,000 →      0  2025-08-01  outside (after asOf)
 * In window: Σ before 45,000, Σ min 23,000, Σ after 25,000.
 *   SMB: before 30,000, min 10,000, after 12,000;  ENT: before 15,000, min 13,000, after 13,000.
 * Deals: won new 6,000 in window; won expansion 9,000 (not new); won new 50,000 in 2024-05 (outside).
 */
function company(): Dataset {
  return makeDataset({
    renewals: [
      makeRenewal({ account: 'A', segment: 'SMB', renewalDate: '2025-01-15', arrBeforeCents: k(10_000), arrAfterCents: k(12_000) }),
      makeRenewal({ account: 'B', segment: 'SMB', renewalDate: '2025-03-01', arrBeforeCents: k(20_000), arrAfterCents: 0 }),
      makeRenewal({ account: 'C', segment: 'ENT', renewalDate: '2025-05-01', arrBeforeCents: k(10_000), arrAfterCents: k(8_000) }),
      makeRenewal({ account: 'C', segment: 'ENT', renewalDate: '2025-02-01', arrBeforeCents: k(5_000), arrAfterCents: k(5_000) }),
      makeRenewal({ account: 'D', renewalDate: '2024-06-30', arrBeforeCents: k(10_000), arrAfterCents: k(10_000) }),
      makeRenewal({ account: 'E', segment: 'ENT', renewalDate: '2025-08-01', arrBeforeCents: k(10_000), arrAfterCents: 0 }),
    ],
    deals: [
      makeDeal({ type: 'new', amountCents: k(6_000), closed: '2025-04-01' }),
      makeDeal({ type: 'expansion', amountCents: k(9_000), closed: '2025-04-01' }),
      makeDeal({ type: 'new', amountCents: k(50_000), closed: '2024-05-01' }),
    ],
  });
}

/**
 * Logo edge cases:
 *   X renews flat 2025-01-01 then churns 2025-04-01 → latest renewal churned: lost.
 *   Y has two contracts on 2025-02-01, one churned, one renewed at 6,000 → retained.
 * → 1 of 2 accounts; 2 of 4 contracts renewed.
 */
function logos(): Dataset {
  return makeDataset({
    renewals: [
      makeRenewal({ account: 'X', renewalDate: '2025-01-01', arrBeforeCents: k(10_000), arrAfterCents: k(10_000) }),
      makeRenewal({ account: 'X', renewalDate: '2025-04-01', arrBeforeCents: k(10_000), arrAfterCents: 0 }),
      makeRenewal({ account: 'Y', renewalDate: '2025-02-01', arrBeforeCents: k(5_000), arrAfterCents: 0 }),
      makeRenewal({ account: 'Y', renewalDate: '2025-02-01', arrBeforeCents: k(5_000), arrAfterCents: k(6_000) }),
    ],
  });
}

const noRenewalsFile = makeDataset({ deals: [makeDeal({ closed: '2025-03-01' })] });
const nothingDue = makeDataset({ renewals: [makeRenewal({ renewalDate: '2025-07-01' })] });
const zeroArr = makeDataset({ renewals: [makeRenewal({ arrBeforeCents: 0, arrAfterCents: 0 })] });
const oneFlat = makeDataset({ renewals: [makeRenewal()] });
const NO_RENEWALS = 'needs a renewals file (--renewals)';
const NOTHING_DUE = /^needs renewals due in the window/;

// Each table runs through MetricTester (test/helpers/metric-tester.ts): the audit's path, frozen
// inputs, and the evidence verdict (grr, nrr, logo_retention: at least 10 renewals or accounts;
// expansion_share: 20 revenue movements; the ARR amounts declare no minimum).

new MetricTester('grr', { asOf: AS_OF }).run([
  {
    name: 'grr: 23,000 ÷ 45,000 = 0.5111; SMB 10/30, ENT 13/15',
    ds: company(),
    status: 'ok',
    value: 23_000 / 45_000,
    sampleSize: 4,
    details: { arrBefore: 45_000, arrRetained: 23_000, 'ENT.grr': 13_000 / 15_000, 'ENT.renewals': 2, 'SMB.grr': 10_000 / 30_000, 'SMB.renewals': 2 },
    evidence: { sample: 4, status: 'insufficient' },
  },
  { name: 'grr, single flat renewal = 1', ds: oneFlat, status: 'ok', value: 1, evidence: { sample: 1, status: 'insufficient' } },
  { name: 'grr without a renewals file', ds: noRenewalsFile, status: 'n/a', reason: NO_RENEWALS },
  { name: 'grr with no renewal due in the window', ds: nothingDue, status: 'n/a', reason: NOTHING_DUE },
  { name: 'grr: Σ arr_before = 0', ds: zeroArr, status: 'n/a', reason: /division by zero/ },
]);

new MetricTester('nrr', { asOf: AS_OF }).run([
  {
    name: 'nrr: 25,000 ÷ 45,000 = 0.5556; SMB 12/30, ENT 13/15',
    ds: company(),
    status: 'ok',
    value: 25_000 / 45_000,
    details: { arrBefore: 45_000, arrAfter: 25_000, 'SMB.nrr': 0.4, 'ENT.nrr': 13_000 / 15_000 },
    evidence: { sample: 4, status: 'insufficient' },
  },
  {
    name: 'nrr, single expansion 10,000 → 15,000 = 1.5 (GRR would be capped at 1)',
    ds: makeDataset({ renewals: [makeRenewal({ arrAfterCents: k(15_000) })] }),
    status: 'ok',
    value: 1.5,
    evidence: { sample: 1, status: 'insufficient' },
  },
  { name: 'nrr without a renewals file', ds: noRenewalsFile, status: 'n/a', reason: NO_RENEWALS },
  { name: 'nrr with no renewal due in the window', ds: nothingDue, status: 'n/a', reason: NOTHING_DUE },
  { name: 'nrr: Σ arr_before = 0', ds: zeroArr, status: 'n/a', reason: /division by zero/ },
]);

new MetricTester('logo_retention', { asOf: AS_OF }).run([
  {
    name: 'logo_retention: accounts A, B, C due; A and C (latest 2025-05-01, 8,000) kept = 2/3',
    ds: company(),
    status: 'ok',
    value: 2 / 3,
    sampleSize: 3,
    details: { accountsDue: 3, accountsRetained: 2, contractsDue: 4, contractsRenewed: 3 },
    evidence: { sample: 3, status: 'insufficient' },
  },
  {
    name: 'logo_retention: X renewed then churned (lost), Y one of two same-day contracts kept (retained) = 1/2',
    ds: logos(),
    status: 'ok',
    value: 0.5,
    details: { accountsDue: 2, accountsRetained: 1, contractsDue: 4, contractsRenewed: 2 },
    evidence: { sample: 2, status: 'insufficient' },
  },
  { name: 'logo_retention without a renewals file', ds: noRenewalsFile, status: 'n/a', reason: NO_RENEWALS },
  { name: 'logo_retention with no renewal due in the window', ds: nothingDue, status: 'n/a', reason: NOTHING_DUE },
]);

new MetricTester('churned_arr', { asOf: AS_OF }).run([
  { name: 'churned_arr: B 20,000', ds: company(), status: 'ok', value: 20_000, details: { contracts: 1, arrBefore: 45_000, shareOfArrBefore: 20_000 / 45_000 }, evidence: null },
  { name: 'churned_arr with no churn in the cohort = 0 (a real zero)', ds: oneFlat, status: 'ok', value: 0, evidence: null },
  { name: 'churned_arr without a renewals file', ds: noRenewalsFile, status: 'n/a', reason: NO_RENEWALS },
  { name: 'churned_arr with no renewal due in the window', ds: nothingDue, status: 'n/a', reason: NOTHING_DUE },
]);

new MetricTester('contraction_arr', { asOf: AS_OF }).run([
  { name: 'contraction_arr: C 10,000 − 8,000 = 2,000', ds: company(), status: 'ok', value: 2_000, details: { contracts: 1 }, evidence: null },
  { name: 'contraction_arr without a renewals file', ds: noRenewalsFile, status: 'n/a', reason: NO_RENEWALS },
  { name: 'contraction_arr with no renewal due in the window', ds: nothingDue, status: 'n/a', reason: NOTHING_DUE },
]);

new MetricTester('expansion_arr', { asOf: AS_OF }).run([
  { name: 'expansion_arr: A 12,000 − 10,000 = 2,000', ds: company(), status: 'ok', value: 2_000, details: { contracts: 1 }, evidence: null },
  { name: 'expansion_arr without a renewals file', ds: noRenewalsFile, status: 'n/a', reason: NO_RENEWALS },
  { name: 'expansion_arr with no renewal due in the window', ds: nothingDue, status: 'n/a', reason: NOTHING_DUE },
]);

new MetricTester('expansion_share', { asOf: AS_OF }).run([
  {
    // expansion = renewal uplift 2,000 + the 9,000 expansion deal booked in the CRM (issue 14 point 7);
    // sample (revenue movements): the 4 renewals due in the window + 1 new deal + 1 CRM expansion deal = 6
    name: 'expansion_share: (2,000 + 9,000) ÷ (new 6,000 + 11,000) = 11/17',
    ds: company(),
    status: 'ok',
    value: 11 / 17,
    details: { expansionArr: 11_000, newArr: 6_000, newDeals: 1, expandedContracts: 1, crmExpansionArr: 9_000, crmExpansionDeals: 1 },
    evidence: { sample: 6, status: 'insufficient' },
  },
  { name: 'expansion_share without a renewals file', ds: noRenewalsFile, status: 'n/a', reason: NO_RENEWALS },
  {
    name: 'expansion_share without a deals file',
    ds: makeDataset({ renewals: company().renewals }),
    status: 'n/a',
    reason: 'needs a deals file (--deals) for new-business ARR',
  },
  {
    name: 'expansion_share: no new ARR and no expansion',
    ds: makeDataset({ renewals: [makeRenewal()], deals: [makeDeal({ status: 'lost', closed: '2025-03-01' })] }),
    status: 'n/a',
    reason: /divides by zero/,
  },
]);

describe('retention metrics', () => {
  it('adds no per-segment keys when no renewal has a segment', () => {
    const out = compute('grr', makeDataset({ renewals: [makeRenewal(), makeRenewal({ arrAfterCents: 0 })] }), ctx);
    expect(out.kind === 'value' && Object.keys(out.details ?? {})).toEqual(['arrBefore', 'arrRetained', 'churnedArr', 'contractionArr']);
  });

  it('groups renewals without a segment as "(no segment)" after the named segments', () => {
    const ds = makeDataset({ renewals: [makeRenewal({ segment: null }), makeRenewal({ segment: 'SMB', arrAfterCents: 0 })] });
    const out = compute('grr', ds, ctx);
    if (out.kind !== 'value') throw new Error('expected a value');
    expect(Object.keys(out.details ?? {}).filter((key) => key.endsWith('.grr'))).toEqual(['SMB.grr', '(no segment).grr']);
    expect(out.details?.['(no segment).grr']).toBe(1);
    expect(out.details?.['SMB.grr']).toBe(0);
  });

  it('expansion_share counts every won deal as new when there is no type column, with a note', () => {
    const ds = makeDataset({ renewals: company().renewals, deals: [makeDeal({ amountCents: k(8_000), closed: '2025-04-01' })] });
    const out = compute('expansion_share', ds, ctx);
    if (out.kind !== 'value') throw new Error('expected a value');
    expect(out.value).toBeCloseTo(2_000 / 10_000, 12); // 2,000 ÷ (8,000 + 2,000)
    expect(out.notes?.some((n) => n.includes('no deal type column'))).toBe(true);
  });

  it('every metric gives the same result on a deep-frozen dataset and context', () => {
    const frozenDs = deepFreeze(company());
    const frozenCtx = deepFreeze(makeCtx(AS_OF));
    for (const def of RETENTION_METRICS) {
      const plain = def.compute(company(), ctx, makeCache());
      const frozen = def.compute(frozenDs, frozenCtx, makeCache());
      expect(frozen, def.id).toEqual(plain);
      expect(plain.kind, def.id).toBe('value');
      if (plain.kind === 'value') expect(Number.isFinite(plain.value), def.id).toBe(true);
    }
  });

  it('one shared cache gives the same answers as separate caches', () => {
    const ds = company();
    const cache = makeCache();
    for (const def of RETENTION_METRICS) expect(def.compute(ds, ctx, cache), def.id).toEqual(def.compute(ds, ctx, makeCache()));
  });

  it('declares unique snake_case ids in the retention area', () => {
    expect(RETENTION_METRICS.map((m) => m.id)).toEqual([
      'grr',
      'nrr',
      'logo_retention',
      'churned_arr',
      'contraction_arr',
      'expansion_arr',
      'expansion_share',
    ]);
    for (const m of RETENTION_METRICS) expect(m.area).toBe('retention');
  });
});
