/**
 * quick_ratio (renewals + deals, or the subscription ledger) and crm_billing_reconciliation,
 * with values worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { runMetrics } from '../../src/metrics/engine.js';
import { METRICS } from '../../src/metrics/registry.js';
import type { Dataset, Subscription } from '../../src/base/model.js';
import type { MetricResult } from '../../src/metrics/types.js';
import { day, makeCtx, makeDataset, makeDeal, makeRenewal } from '../helpers/builders.js';

const ctx = makeCtx('2025-12-31'); // window 2024-12-31 < d ≤ 2025-12-31

function metric(ds: Dataset, id: string): MetricResult {
  return runMetrics(METRICS, ds, ctx).find((m) => m.id === id) as MetricResult;
}

function sub(account: string, start: string, end: string | null, arr: number, trial = false): Subscription {
  return { line: 2, id: null, account, start: day(start), end: end === null ? null : day(end), arrCents: arr * 100, plan: null, segment: null, status: null, trial };
}

function withSubscriptions(ds: Dataset, subscriptions: Subscription[]): Dataset {
  return { ...ds, subscriptions, present: { ...ds.present, subscriptions: true } };
}

const deals = [
  makeDeal({ id: 'N1', status: 'won', type: 'new', amountCents: 600_000, account: 'B', closed: '2025-03-10', created: '2025-02-01' }),
  makeDeal({ id: 'N2', status: 'won', type: 'new', amountCents: 500_000, account: 'X', closed: '2025-05-20', created: '2025-04-01' }),
  makeDeal({ id: 'E1', status: 'won', type: 'expansion', amountCents: 900_000, account: 'A', closed: '2025-06-01', created: '2025-05-01' }),
];

describe('quick_ratio', () => {
  it('from renewals + deals: (new 11,000 + expansion 2,000 renewals + 9,000 CRM) ÷ (churn 3,000 + contraction 1,000)', () => {
    const ds = makeDataset({
      deals,
      renewals: [
        makeRenewal({ account: 'R1', renewalDate: '2025-02-01', arrBeforeCents: 1_000_000, arrAfterCents: 1_200_000 }),
        makeRenewal({ account: 'R2', renewalDate: '2025-04-01', arrBeforeCents: 300_000, arrAfterCents: 0 }),
        makeRenewal({ account: 'R3', renewalDate: '2025-05-01', arrBeforeCents: 500_000, arrAfterCents: 400_000 }),
        makeRenewal({ account: 'R4', renewalDate: '2024-05-01', arrBeforeCents: 500_000, arrAfterCents: 0 }), // before the window
      ],
    });
    const m = metric(ds, 'quick_ratio');
    expect(m.value).toBeCloseTo(22_000 / 4_000, 12);
    expect(m.details).toMatchObject({ source: 'renewals', newArr: 11_000, expansionArr: 11_000, churnedArr: 3_000, contractionArr: 1_000 });
  });

  it('n/a without renewals or subscriptions, and when nothing was lost', () => {
    expect(metric(makeDataset({ deals }), 'quick_ratio').reason).toBe('needs a renewals file (--renewals) (or subscriptions, --subscriptions)');
    const flat = makeDataset({ deals, renewals: [makeRenewal({ renewalDate: '2025-03-01' })] });
    expect(metric(flat, 'quick_ratio').reason).toMatch(/^no churned or contracted ARR in the window/);
  });

  it('from the subscription ledger when subscriptions are given: month steps per account, trials left out', () => {
    const ds = withSubscriptions(makeDataset({ deals, renewals: [] }), [
      sub('A', '2024-01-01', null, 12_000), // no movement
      sub('B', '2025-03-15', null, 6_000), // new in the March step
      sub('C', '2024-06-01', '2025-06-10', 4_800), // churn in the June step
      sub('A', '2025-08-01', null, 3_600), // expansion in August
      sub('D', '2024-01-01', '2025-09-01', 6_000), // D goes 6,000 → 2,400: contraction 3,600
      sub('D', '2025-09-01', null, 2_400),
      sub('E', '2025-02-01', null, 9_999, true), // a trial: not ARR
    ]);
    const m = metric(ds, 'quick_ratio');
    expect(m.details).toMatchObject({ source: 'subscriptions', newArr: 6_000, expansionArr: 3_600, churnedArr: 4_800, contractionArr: 3_600 });
    expect(m.value).toBeCloseTo(9_600 / 8_400, 12);
  });
});

describe('crm_billing_reconciliation', () => {
  it('flags the months whose CRM new ARR and billing new ARR differ by more than 10 %', () => {
    const ds = withSubscriptions(makeDataset({ deals }), [sub('A', '2024-01-01', null, 12_000), sub('B', '2025-03-15', null, 6_000)]);
    const m = metric(ds, 'crm_billing_reconciliation');
    // March: CRM 6,000 (N1) vs billing 6,000 → 0; May: CRM 5,000 (N2) vs billing 0 → 100 % off
    expect(m.value).toBe(0.5);
    expect(m.details).toMatchObject({ monthsCompared: 2, monthsFlagged: 1, '2025-03.gap': 0, '2025-05.crm': 5_000, '2025-05.billing': 0, '2025-05.gap': 1 });
    expect(m.notes.join(' ')).toContain('gaps above the threshold: 2025-05 (CRM 5000 vs billing 0)');
  });

  it('n/a without subscriptions (the demo and the CI fixtures have none)', () => {
    expect(metric(makeDataset({ deals }), 'crm_billing_reconciliation').reason).toBe('needs a subscriptions file (--subscriptions) to compare CRM bookings with billing');
  });
});
