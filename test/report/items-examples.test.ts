/**
 * Issue 16: ingest keeps capped examples of rejected rows. The audit's rejected-rows list then says
 * so, counts every row, and a comparison with a baseline does not pass missing examples off as
 * new or resolved rows.
 */
import { describe, expect, it } from 'vitest';
import { compareItems, type AuditItems, type RejectedRowItem } from '../../src/audit/items.js';
import { truncationNote } from '../../src/report/view.js';

const item = (n: number): RejectedRowItem => ({ id: `deals:line:${n}:invalid_amount`, file: 'deals', path: 'deals.csv', line: n, recordId: null, code: 'invalid_amount', column: 'amount' });

function items(rows: readonly RejectedRowItem[], total: number, examplesOnly: boolean): AuditItems {
  return {
    staleDeals: [],
    pastDueRenewals: [],
    atRiskAccounts: [],
    rejectedRows: rows,
    limit: 10_000,
    totals: { staleDeals: 0, pastDueRenewals: 0, atRiskAccounts: 0, rejectedRows: total },
    ...(examplesOnly ? { rejectedRowsExamplesOnly: true as const } : {}),
  };
}

describe('rejected rows kept as examples', () => {
  it.each([
    ['the baseline', true, false],
    ['the current audit', false, true],
    ['both', true, true],
  ])('examples only in %s: counts compared, rows not', (_name, beforeExamples, afterExamples) => {
    const before = items([item(2), item(3), item(5)], beforeExamples ? 1500 : 3, beforeExamples);
    const after = items([item(2), item(4)], afterExamples ? 1400 : 2, afterExamples);
    const ch = compareItems(before, after).rejectedRows;
    expect(ch).toMatchObject({ before: beforeExamples ? 1500 : 3, after: afterExamples ? 1400 : 2, appeared: [], resolved: [], comparedUpTo: '' });
    expect(truncationNote(ch)).toContain('examples only');
  });

  it('complete lists are compared row by row, as before', () => {
    const ch = compareItems(items([item(2), item(3)], 2, false), items([item(2), item(4)], 2, false)).rejectedRows;
    expect(ch.appeared.map((x) => x.line)).toEqual([4]);
    expect(ch.resolved.map((x) => x.line)).toEqual([3]);
    expect(ch.comparedUpTo).toBeUndefined();
    expect(truncationNote(ch)).toBeNull();
  });
});
