/**
 * Issue 14 point 3 and issue 18 point 3: minimum evidence and sanity checks, with hand-built cases,
 * and two folders read the way the CLI reads them: spend only, and five won deals.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAudit } from '../../src/audit/run.js';
import type { Config } from '../../src/config/schema.js';
import { loadConfig } from '../../src/io/config.js';
import { readInputs, resolveInputPaths } from '../../src/io/inputs.js';
import { EVIDENCE, evidenceRuleOf, judgeEvidence } from '../../src/metrics/evidence.js';
import type { MetricResult } from '../../src/metrics/types.js';
import { ROOT } from '../helpers/cli.js';
import { makeDataset, makeDeal } from '../helpers/builders.js';

const m = (id: string, unit: MetricResult['unit'], value: number, sampleSize: number, details: MetricResult['details'] = null) => ({
  id,
  unit,
  value,
  status: 'ok' as const,
  sampleSize,
  details,
});

describe('judgeEvidence', () => {
  it.each([
    { name: 'quick ratio 59.6× (issue 18) → check', r: m('quick_ratio', 'multiple', 59.6, 742), status: 'check', note: /^check the inputs: above 10×.*churn and contraction are probably missing/ },
    { name: 'magic number 7.35× → check (spend not fully loaded)', r: m('magic_number', 'multiple', 7.35, 73), status: 'check', note: /above 3×.*not fully loaded/ },
    { name: 'pipeline per marketing dollar 61× → check', r: m('pipeline_per_marketing_dollar', 'multiple', 61, 60), status: 'check', note: /above 30×/ },
    { name: 'CAC payback 0.5 months → check', r: m('cac_payback_months', 'months', 0.5, 261), status: 'check', note: /below 1 month\b/ },
    { name: 'win rate 95% on 25 closed deals → check', r: m('win_rate', 'ratio', 0.95, 25), status: 'check', note: /above 90%.*lost deals are probably missing/ },
    { name: 'win rate 95% on 10 closed deals → insufficient first', r: m('win_rate', 'ratio', 0.95, 10), status: 'insufficient', note: /^insufficient data: 10 closed deals, needs 20$/ },
    { name: 'QoQ growth +1,183% → check', r: m('bookings_growth_qoq', 'ratio', 11.83, 40), status: 'check', note: /above 500%/ },
    { name: 'top-10 concentration with 9 customers → insufficient', r: m('top10_concentration', 'ratio', 1, 5, { accounts: 9 }), status: 'insufficient', note: /^insufficient data: 9 customers with won bookings, needs 20$/ },
    { name: 'rep concentration on 5 won deals → insufficient', r: m('rep_concentration', 'ratio', 0.6, 5), status: 'insufficient', note: /^insufficient data: 5 won deals, needs 20$/ },
    { name: 'one won deal: singular', r: m('avg_deal_size', 'currency', 1000, 1), status: 'insufficient', note: /^insufficient data: 1 won deal, needs 20$/ },
    { name: 'NRR 292% (RavenStack subscriptions) → check', r: m('nrr', 'ratio', 2.92, 185), status: 'check', note: /above 200%/ },
    { name: 'win rate 26.5% on 1,297 → ok', r: m('win_rate', 'ratio', 0.265, 1297), status: 'ok', note: null },
  ])('$name', ({ r, status, note }) => {
    const ev = judgeEvidence(r);
    expect(ev?.status).toBe(status);
    if (note === null) expect(ev?.note).toBeNull();
    else expect(ev?.note).toMatch(note);
  });

  it('a metric without a declared minimum has no evidence verdict', () => {
    expect(judgeEvidence(m('bookings', 'currency', 1, 1))).toBeNull();
  });
});

describe('evidenceRuleOf: a metric declares its minimum in its own definition', () => {
  const own = { min: 5, of: 'lost deals' };
  it.each([
    { name: 'declared on the definition: that rule, even over an EVIDENCE entry', def: { id: 'win_rate', evidence: own }, expected: own },
    { name: 'not declared: the EVIDENCE entry', def: { id: 'win_rate' }, expected: EVIDENCE.win_rate },
    { name: 'neither: none', def: { id: 'bookings' }, expected: undefined },
  ])('$name', ({ def, expected }) => {
    expect(evidenceRuleOf(def)).toBe(expected);
  });

  it('the declared rule is the one judged: 4 lost deals against a minimum of 5', () => {
    expect(judgeEvidence(m('win_rate', 'ratio', 0.3, 4), evidenceRuleOf({ id: 'win_rate', evidence: own }))?.note).toBe('insufficient data: 4 lost deals, needs 5');
  });
});

describe('a spend-only folder is not graded (issue 14 point 3)', () => {
  it('data quality alone earns no overall grade; the headline says what to add', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'revhealth-spend-only-'));
    try {
      const rows = ['period,channel,category,amount,leads'];
      for (let mo = 1; mo <= 12; mo++) rows.push(`2025-${String(mo).padStart(2, '0')},Paid Search,marketing,10000,100`);
      writeFileSync(join(dir, 'spend.csv'), `${rows.join('\n')}\n`);
      const loaded = await loadConfig(undefined, dir, ROOT);
      const ds = await readInputs(resolveInputPaths({ dir }, loaded.config, loaded.baseDir, ROOT), { config: loaded.config, cwd: ROOT, threads: 1 });
      const r = runAudit(ds, loaded.config, { toolVersion: 'test' });
      if (!r.ok) throw new Error(JSON.stringify(r.problems));
      expect(r.report.grades.overall.grade).toBeNull();
      expect(r.report.grades.overall.score).toBeNull();
      expect(r.report.grades.overall.note).toMatch(/^not enough data to grade: the revenue areas graded hold 0% of their weight.*To grade, add: .*--deals/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a 5-won-deal folder (issue 14 point 3)', () => {
  // 5 won deals of 100,000 (3 by one rep, each to a different account) and 5 lost, closed in 2025
  const deals = [
    ...[1, 2, 3, 4, 5].map((i) =>
      makeDeal({ status: 'won', amountCents: 10_000_000, created: '2025-03-01', closed: `2025-0${i + 3}-15`, owner: i <= 3 ? 'Ada' : 'Bo', account: `Acct ${i}` }),
    ),
    ...[1, 2, 3, 4, 5].map((i) => makeDeal({ status: 'lost', created: '2025-03-01', closed: `2025-0${i + 3}-20`, owner: 'Bo', account: `Lost ${i}` })),
    makeDeal({ status: 'open', created: '2025-09-01', closed: '2025-12-15', owner: 'Ada' }),
  ];
  const r = runAudit(makeDataset({ deals }), {} as Config, { toolVersion: 'test' });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  const report = r.report;

  it.each([
    { rule: 'rep_concentration', reason: 'insufficient data: 5 won deals, needs 20' },
    { rule: 'largest_account_share', reason: 'insufficient data: 5 won deals, needs 20' },
    { rule: 'top10_concentration', reason: 'insufficient data: 5 customers with won bookings, needs 20' },
    { rule: 'win_rate', reason: 'insufficient data: 10 closed deals, needs 20' },
  ])('$rule is shown but not graded: $reason', ({ rule, reason }) => {
    const x = report.rules.find((y) => y.id === rule);
    expect(x).toMatchObject({ status: 'n/a', reason, score: null });
    expect(x?.value).not.toBeNull();
  });

  it('raises no concentration or hero-rep finding from 5 won deals', () => {
    const ids = report.diagnosis?.findings.map((f) => f.id) ?? [];
    expect(ids).not.toContain('customer_concentration');
    expect(ids).not.toContain('hero_rep_dependency');
  });

  it('gives no overall grade', () => {
    expect(report.grades.overall.grade).toBeNull();
  });
});

describe('explain states each metric\'s minimum evidence and sanity range', () => {
  it.each([
    { id: 'win_rate', lines: [/evidence {2}at least 20 closed deals: below that the value is shown but not graded/, /sanity {4}above 90\.0%: "check the inputs"/] },
    { id: 'magic_number', lines: [/evidence {2}at least 5 new customers in the quarter/, /sanity {4}above 3\.00×: "check the inputs".*not fully loaded/] },
  ])('$id', async ({ id, lines }) => {
    const { explainMetric } = await import('../../src/cli/explain-text.js');
    const { getMetric } = await import('../../src/metrics/registry.js');
    const def = getMetric(id);
    if (def === undefined) throw new Error(id);
    const text = explainMetric(def, [], undefined);
    for (const l of lines) expect(text).toMatch(l);
  });
});
