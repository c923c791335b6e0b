/**
 * GitHub shows at most 10 annotations of each level per step and drops the rest silently: the
 * ratchet hints ("you now beat this floor — tighten it") must never be among the dropped.
 */
import { describe, expect, it } from 'vitest';
import type { AuditReport } from '../../src/audit/contract.js';
import { STEP_ANNOTATION_LIMIT, renderGithub } from '../../src/report/github.js';
import { ITEM_LISTS, type StaleDealItem } from '../../src/audit/contract.js';
import type { RatchetHint } from '../../src/rules/ratchet.js';
import type { RuleResult } from '../../src/rules/evaluate.js';
import { makeSampleReport } from './sample-report.js';

function hint(i: number): RatchetHint {
  return { rule: `rule_${i}`, metric: `metric_${i}`, unit: 'ratio', direction: 'higher', floor: 0.5, value: 0.6, status: 'tighten', suggestion: 0.6, message: `rule_${i}: 60.0% — you now beat this floor (50.0%); tighten it to 60.0%` };
}

function stale(i: number): StaleDealItem {
  const id = `D${String(i).padStart(3, '0')}`;
  return { id, dealId: id, line: i + 2, name: `Deal ${i}`, account: `Acct ${i}`, owner: 'Ana', amount: 1000 * i, created: '2025-01-01', expectedClose: '2025-06-30', reason: 'past_due' } as StaleDealItem;
}

/** The sample report with `hints` tighten hints, `resolved` resolved stale deals and `failing` extra failing rules. */
function report(hints: number, resolved: number, failing = 0): AuditReport {
  const r = makeSampleReport();
  const empty = { before: 0, after: 0, appeared: [] as unknown[], resolved: [] as unknown[] };
  const items: Record<string, unknown> = Object.fromEntries(ITEM_LISTS.map((l) => [l, empty]));
  items.staleDeals = { before: resolved, after: 0, appeared: [], resolved: Array.from({ length: resolved }, (_, i) => stale(i + 1)), left: Array.from({ length: resolved }, () => 'resolved') };
  const base = r.rules.find((x) => x.status === 'fail') as RuleResult;
  const extra = Array.from({ length: failing }, (_, i) => ({ ...base, id: `extra_fail_${i}`, severity: 'critical' as const }));
  return {
    ...r,
    rules: [...r.rules, ...extra],
    comparison: { ...(r.comparison as NonNullable<AuditReport['comparison']>), items: items as unknown as NonNullable<NonNullable<AuditReport['comparison']>['items']> },
    ratchet: { file: 'revhealth.ratchet.json', asOf: '2025-11-30', hints: Array.from({ length: hints }, (_, i) => hint(i + 1)) },
  };
}

function levels(out: string): Record<string, string[]> {
  const by: Record<string, string[]> = { error: [], warning: [], notice: [] };
  for (const l of out.trimEnd().split('\n')) by[/^::(\w+)/.exec(l)![1]!]!.push(l);
  return by;
}

describe('GitHub annotation cap', () => {
  it.each([
    // hints, resolved records, extra failing rules, hint lines expected, "more floors" line
    [3, 40, 0, 3, false],
    [1, 0, 0, 1, false],
    [8, 25, 0, 8, false],
    [12, 25, 0, 7, true],
    [3, 40, 15, 3, false],
  ])('%i hints, %i resolved, %i extra failing: every level within the cap, every hint shown', (nh, nr, nf, shown, more) => {
    const by = levels(renderGithub(report(nh, nr, nf)));
    for (const level of ['error', 'warning', 'notice']) expect(by[level]!.length, level).toBeLessThanOrEqual(STEP_ANNOTATION_LIMIT);
    const hintLines = by.notice!.filter((l) => l.includes('title=revhealth ratchet::'));
    expect(hintLines.filter((l) => l.includes('you now beat this floor'))).toHaveLength(shown);
    for (let i = 1; i <= shown; i++) expect(hintLines.some((l) => l.includes(`::rule_${i}: 60.0%`))).toBe(true);
    expect(hintLines.some((l) => l.includes(`${nh - 7} more floors can be tightened: revhealth rules --suggest-tighten`))).toBe(more);
    // the hints come right after the grades notice
    expect(by.notice![0]).toMatch(/^::notice title=revhealth%3A /);
    expect(by.notice!.slice(1, 1 + hintLines.length)).toEqual(hintLines);
  });

  it('a level past the cap says how many more and where to read them', () => {
    const by = levels(renderGithub(report(3, 40)));
    // 1 grades + 3 hints + 5 resolved records + 1 count = 10 notices
    expect(by.notice).toHaveLength(10);
    expect(by.notice!.filter((l) => l.includes('title=revhealth resolved%3A stale deals::'))).toHaveLength(5);
    // 20 named resolved records + 1 "20 more changed records" notice: 21 others, 5 shown, 16 counted
    expect(by.notice![9]).toBe('::notice title=revhealth::16 more notices (resolved records) not shown here (GitHub shows 10 per step): see the JSON report or the step summary');
  });

  it('fifteen extra failing rules: nine errors named and one counting the rest', () => {
    const r = report(0, 0, 15);
    const errors = r.rules.filter((x) => x.status === 'fail' && x.severity !== 'info').length;
    const by = levels(renderGithub(r));
    expect(by.error).toHaveLength(10);
    expect(by.error![9]).toBe(`::error title=revhealth::${errors - 9} more errors (failing rules) not shown here (GitHub shows 10 per step): see the JSON report or the step summary`);
  });
});
