/**
 * Record lists (AuditReport.items) and their comparison by id.
 */
import { describe, expect, it } from 'vitest';
import { runMetrics } from '../../src/metrics/engine.js';
import { METRICS } from '../../src/metrics/registry.js';
import { compareItems, computeItems, type AtRiskAccountItem } from '../../src/audit/items.js';
import { itemLabel, leftLabel } from '../../src/report/view.js';
import type { FileReport } from '../../src/base/model.js';
import { makeCtx, makeDataset, makeDeal, makeRenewal } from '../helpers/builders.js';

const ctx = makeCtx('2025-12-31');

function dealsFile(rejects: FileReport['rejects'], withId = true): FileReport {
  return {
    kind: 'deals',
    path: 'exports/2025-12/deals.csv',
    preset: 'generic',
    delimiter: ',',
    header: ['id', 'amount', 'stage'],
    mapping: withId ? { id: 'id', amount: 'amount', stage: 'stage' } : { amount: 'amount', stage: 'stage' },
    rows: { read: 10, used: 10 - rejects.length, rejected: rejects.length },
    rejectedByReason: {},
    rejects,
    warnings: [],
    dateRange: null,
    dateOrder: null,
  };
}

const reject = (line: number, cells: string[], code: FileReport['rejects'][number]['code'] = 'negative_amount') => ({
  line,
  column: 'amount',
  columnIndex: 2,
  value: cells[1] ?? null,
  code,
  reason: 'x',
  cells,
});

describe('computeItems', () => {
  const ds = makeDataset({
    deals: [
      // median won cycle: 30 days → stale when older than 60 days
      makeDeal({ id: 'W1', status: 'won', created: '2025-06-01', closed: '2025-07-01' }),
      makeDeal({ id: 'A', status: 'open', created: '2025-11-01', closed: '2025-12-01', amountCents: 100_000 }), // past due
      makeDeal({ id: 'B', status: 'open', created: '2025-09-01', closed: '2026-02-01' }), // aged (121 days)
      makeDeal({ id: null, line: 77, status: 'open', created: '2025-08-01', closed: '2025-10-01' }), // both, no id
      makeDeal({ id: 'C', status: 'open', created: '2025-12-15', closed: '2026-01-31' }), // fresh
    ],
    renewals: [
      makeRenewal({ account: 'Past', renewalDate: '2025-12-01', status: 'Pending' }),
      makeRenewal({ account: 'Done', renewalDate: '2025-12-01', status: 'renewed' }),
      makeRenewal({ account: 'NoStatus', renewalDate: '2025-11-01', status: null }),
      makeRenewal({ account: 'Risky', renewalDate: '2026-02-01', status: 'At Risk' }),
      makeRenewal({ account: 'Shrinking', renewalDate: '2026-03-15', arrBeforeCents: 1_000_000, arrAfterCents: 500_000 }),
      makeRenewal({ account: 'Far', renewalDate: '2026-06-01', status: 'at risk' }),
    ],
    files: [dealsFile([reject(9, ['D9', '-5', 'open']), reject(12, ['', '-1', 'open'], 'negative_amount')])],
  });
  const items = computeItems(ds, ctx);

  it('stale deals: past due and/or older than 2× the median cycle, id from the CRM id else the line', () => {
    expect(items.staleDeals.map((d) => [d.id, d.reason])).toEqual([
      ['deal:A', 'past_due'],
      ['deal:B', 'aged'],
      ['deals:line:77', 'past_due_and_aged'],
    ]);
    expect(items.staleDeals[0]).toMatchObject({ amount: 1000, expectedClose: '2025-12-01', created: '2025-11-01' });
  });

  it('the stale list is the one stale_pipeline_share counts', () => {
    const share = runMetrics(METRICS, ds, ctx).find((m) => m.id === 'stale_pipeline_share');
    expect(share?.details?.['count']).toBe(items.staleDeals.length);
  });

  it('past-due renewals need an open-looking status; at-risk accounts renew within 90 days with a risk status or a planned downgrade', () => {
    expect(items.pastDueRenewals.map((r) => r.id)).toEqual(['renewal:Past:2025-12-01']);
    expect(items.atRiskAccounts.map((a) => [a.id, a.reason])).toEqual([
      ['account:Risky', 'status "At Risk"'],
      ['account:Shrinking', 'renewal planned below its current ARR'],
    ]);
  });

  it('rejected rows: by file kind and CRM id when the row has one, else by line (not by file path)', () => {
    expect(items.rejectedRows.map((r) => r.id)).toEqual(['deals:id:D9:negative_amount', 'deals:line:12:negative_amount']);
    expect(items.rejectedRows[0]).toMatchObject({ path: 'exports/2025-12/deals.csv', line: 9, recordId: 'D9' });
    expect(itemLabel('rejectedRows', items.rejectedRows[0] as (typeof items.rejectedRows)[number])).toBe('deals line 9 (id D9) · negative_amount (amount)');
    const noIdColumn = computeItems(makeDataset({ deals: [], files: [dealsFile([reject(9, ['D9', '-5', 'open'])], false)] }), ctx);
    expect(noIdColumn.rejectedRows.map((r) => r.id)).toEqual(['deals:line:9:negative_amount']);
  });
});

describe('compareItems', () => {
  it('matches by id: a resolved item and a new one are both listed although the count is unchanged', () => {
    const before = computeItems(
      makeDataset({ deals: [makeDeal({ id: 'OLD', status: 'open', created: '2025-10-01', closed: '2025-11-01' }), makeDeal({ id: 'KEEP', status: 'open', created: '2025-10-01', closed: '2025-11-15' })] }),
      ctx,
    );
    const after = computeItems(
      makeDataset({ deals: [makeDeal({ id: 'KEEP', status: 'open', created: '2025-10-01', closed: '2025-11-15' }), makeDeal({ id: 'NEW', status: 'open', created: '2025-10-01', closed: '2025-12-01' })] }),
      ctx,
    );
    const c = compareItems(before, after);
    expect(c.staleDeals.before).toBe(2);
    expect(c.staleDeals.after).toBe(2);
    expect(c.staleDeals.appeared.map((x) => x.id)).toEqual(['deal:NEW']);
    expect(c.staleDeals.resolved.map((x) => x.id)).toEqual(['deal:OLD']);
    expect(c.rejectedRows).toEqual({ before: 0, after: 0, appeared: [], resolved: [], left: [] });
  });

  it('an items limit keeps the first ids and the totals; a comparison of cut lists covers only the ids both lists cover', () => {
    const stale = (id: string) => makeDeal({ id, status: 'open', created: '2025-10-01', closed: '2025-11-01' });
    // before: A B C D E (cut to A B C); after: B C D E F G (cut to B C D)
    const before = computeItems(makeDataset({ deals: ['A', 'B', 'C', 'D', 'E'].map(stale) }), ctx, 3);
    const after = computeItems(makeDataset({ deals: ['B', 'C', 'D', 'E', 'F', 'G'].map(stale) }), ctx, 3);
    expect(before.staleDeals.map((x) => x.id)).toEqual(['deal:A', 'deal:B', 'deal:C']);
    expect(before.totals?.staleDeals).toBe(5);
    expect(before.limit).toBe(3);
    const c = compareItems(before, after);
    // both lists cover the ids up to deal:C; D is in both exports but cut from "before": not reported as new
    expect(c.staleDeals.comparedUpTo).toBe('deal:C');
    expect(c.staleDeals.appeared.map((x) => x.id)).toEqual([]);
    expect(c.staleDeals.resolved.map((x) => x.id)).toEqual(['deal:A']);
    expect([c.staleDeals.before, c.staleDeals.after]).toEqual([5, 6]);
    // without a limit nothing is cut and everything is compared
    const all = compareItems(computeItems(makeDataset({ deals: ['A', 'B', 'C', 'D', 'E'].map(stale) }), ctx, 0), computeItems(makeDataset({ deals: ['B', 'C', 'D', 'E', 'F', 'G'].map(stale) }), ctx, 0));
    expect(all.staleDeals.comparedUpTo).toBeUndefined();
    expect(all.staleDeals.appeared.map((x) => x.id)).toEqual(['deal:F', 'deal:G']);
    expect(all.staleDeals.resolved.map((x) => x.id)).toEqual(['deal:A']);
  });

  it('a baseline written before the limit existed (no totals) compares as an uncut list', () => {
    const stale = (id: string) => makeDeal({ id, status: 'open', created: '2025-10-01', closed: '2025-11-01' });
    const { limit: _l, totals: _t, ...old } = computeItems(makeDataset({ deals: ['A', 'B'].map(stale) }), ctx);
    const c = compareItems(old, computeItems(makeDataset({ deals: ['B', 'C'].map(stale) }), ctx));
    expect(c.staleDeals).toMatchObject({ before: 2, after: 2 });
    expect(c.staleDeals.comparedUpTo).toBeUndefined();
    expect(c.staleDeals.appeared.map((x) => x.id)).toEqual(['deal:C']);
  });
});

describe('items that leave a list say why (issue 14 point 6)', () => {
  const acct = (account: string, renewalDate: string): AtRiskAccountItem => ({ id: `account:${account}`, account, renewalDate, arrBefore: 10_000, arrAfter: 0, reason: 'arr_after below arr_before' });
  const empty = { staleDeals: [], pastDueRenewals: [], rejectedRows: [] };
  it.each([
    // baseline 2025-09-30 lists two at-risk accounts; the current audit is as of 2025-12-31
    { name: 'renewal date passed: renewed or churned, never "resolved"', item: acct('Churned Co', '2025-11-15'), want: 'renewal_passed', label: /^left the list \(renewal date passed/ },
    { name: 'renewal still ahead and no longer flagged: resolved', item: acct('Saved Co', '2026-02-15'), want: 'resolved', label: /^resolved$/ },
  ])('$name', ({ item, want, label }) => {
    const c = compareItems({ ...empty, atRiskAccounts: [item] }, { ...empty, atRiskAccounts: [] }, '2025-12-31');
    expect(c.atRiskAccounts.left).toEqual([want]);
    expect(leftLabel(c.atRiskAccounts, 0).text).toMatch(label);
  });
});
