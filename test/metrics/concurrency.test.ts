/**
 * Concurrent subscriptions per account (issue 14 point 6 / issue 15 step 4): reported as a
 * warning on the subscriptions input (accounts, max per account) and as a note on the MRR
 * metrics (summed per account). Hand-counted.
 */
import { describe, expect, it } from 'vitest';
import { concurrentSubscriptions } from '../../src/ingest/subscriptions.js';
import { readTable } from '../../src/ingest/read-table.js';
import { getMetric } from '../../src/metrics/registry.js';
import type { Dataset, Subscription } from '../../src/base/model.js';
import { day, makeCache, makeCtx, makeDataset } from '../helpers/builders.js';
import { one } from '../helpers/streams.js';

function sub(account: string, start: string, end: string | null, opts: { arr?: number; trial?: boolean } = {}): Subscription {
  return { line: 2, id: null, account, start: day(start), end: end === null ? null : day(end), arrCents: (opts.arr ?? 1_200) * 100, plan: null, segment: null, status: null, trial: opts.trial ?? false };
}

describe('concurrentSubscriptions', () => {
  it.each([
    { name: 'none: one subscription each', subs: [sub('A', '2025-01-01', null), sub('B', '2025-01-01', null)], expected: { accounts: 0, max: 0, example: null } },
    { name: 'back to back is not concurrent (end exclusive)', subs: [sub('A', '2025-01-01', '2025-03-01'), sub('A', '2025-03-01', null)], expected: { accounts: 0, max: 0, example: null } },
    { name: 'trials and MRR-0 rows do not count', subs: [sub('A', '2025-01-01', null), sub('A', '2025-01-01', null, { trial: true }), sub('A', '2025-02-01', null, { arr: 0 })], expected: { accounts: 0, max: 0, example: null } },
    {
      name: 'two accounts; "ACME, Inc." is Acme Inc; three at once at most',
      subs: [
        sub('Acme Inc', '2025-01-01', null),
        sub('ACME, Inc.', '2025-02-01', '2025-06-01'),
        sub('acme inc', '2025-03-01', '2025-04-01'),
        sub('Beta', '2025-01-01', '2025-05-01'),
        sub('Beta', '2025-04-01', null),
        sub('Gamma', '2025-01-01', null),
      ],
      expected: { accounts: 2, max: 3, example: 'Acme Inc' },
    },
  ])('$name', ({ subs, expected }) => {
    expect(concurrentSubscriptions(subs)).toEqual(expected);
  });
});

describe('the warning and the note', () => {
  it('the subscriptions input warns with the count of accounts and the max per account', async () => {
    const csv = ['subscription_id,account,start_date,end_date,mrr', 'S1,Acme Inc,2025-01-10,,100', 'S2,ACME Inc.,2025-03-05,,50', 'S3,Beta,2025-01-15,2025-04-20,200', 'S4,Beta,2025-04-20,,200', ''].join('\n');
    const r = await readTable('subscriptions', 'subscriptions.csv', one(new TextEncoder().encode(csv)), { config: {} });
    if (!r.ok) throw new Error(r.problems.map((p) => p.message).join(' | '));
    const w = r.report.warnings.find((x) => x.code === 'concurrent_subscriptions');
    expect(w).toMatchObject({ count: 1 });
    expect(w?.message).toMatch(/^1 account\(s\) hold several paid subscriptions at the same time \(up to 2 at once, e\.g\. "Acme Inc"\): MRR and ARR are summed per account/);
  });

  it.each(['mrr_churn_rate', 'logo_churn_rate', 'recurring_revenue_growth', 'quick_ratio', 'grr'])('%s says the MRR is summed per account, only when it is', (id) => {
    const base = [sub('A', '2024-01-01', null), sub('B', '2024-01-01', '2025-03-01'), sub('C', '2024-09-01', null)];
    const ds = (subs: Subscription[]): Dataset => ({ ...makeDataset(), subscriptions: subs, present: { deals: false, spend: false, renewals: false, subscriptions: true } });
    const def = getMetric(id);
    if (!def) throw new Error(id);
    const plain = def.compute(ds(base), makeCtx('2025-06-30'), makeCache());
    const both = def.compute(ds([...base, sub('A', '2024-06-01', null, { arr: 600 })]), makeCtx('2025-06-30'), makeCache());
    const summed = (n: readonly string[] | undefined): boolean => (n ?? []).some((x) => x.includes('summed per account'));
    expect(plain.kind).toBe('value');
    expect(both.kind).toBe('value');
    expect(summed(plain.notes)).toBe(false);
    expect(summed(both.notes)).toBe(true);
  });
});
