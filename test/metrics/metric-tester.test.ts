/**
 * The MetricTester itself (test/helpers/metric-tester.ts), and the link between the rule pack and
 * the metric tests: every rule grades a registered metric, and every graded metric has MetricTester
 * cases in some test file, or is in KNOWN_GAPS below — a table that can only shrink.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getMetric } from '../../src/metrics/registry.js';
import type { MetricDefinition } from '../../src/metrics/types.js';
import { DEFAULT_PACK } from '../../src/rules/default-pack.js';
import { makeDataset, makeDeal } from '../helpers/builders.js';
import { ROOT } from '../helpers/cli.js';
import { duplicateCases, MetricTester, type MetricCase } from '../helpers/metric-tester.js';

const TEST_DIR = join(ROOT, 'test');
const THIS_FILE = 'test/metrics/metric-tester.test.ts';

/**
 * Metrics graded by a rule of the default pack that no MetricTester table covers yet (their
 * tests call compute directly). Convert a metric's table to MetricTester and delete its line here;
 * a metric added to the pack needs its MetricTester table from the start.
 */
const KNOWN_GAPS: readonly string[] = [
  'crm_billing_reconciliation',
  'quick_ratio',
];

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return testFiles(p);
    return e.name.endsWith('.test.ts') ? [p] : [];
  });
}

/** Metric ids some test file builds a MetricTester for (`new MetricTester('id'`), this file excepted. */
function testedMetricIds(): Set<string> {
  const ids = new Set<string>();
  for (const file of testFiles(TEST_DIR)) {
    if (relative(ROOT, file).split('\\').join('/') === THIS_FILE) continue;
    for (const m of readFileSync(file, 'utf8').matchAll(/new MetricTester\(\s*['"]([a-z0-9_]+)['"]/g)) ids.add(m[1] as string);
  }
  return ids;
}

describe('the rule pack and the MetricTester tables', () => {
  const graded = [...new Set(DEFAULT_PACK.rules.map((r) => r.metric))].sort();
  const tested = testedMetricIds();

  it('every rule of the default pack grades a registered metric', () => {
    expect(DEFAULT_PACK.rules.filter((r) => getMetric(r.metric) === undefined).map((r) => `${r.id} -> ${r.metric}`)).toEqual([]);
  });

  it('every MetricTester id is a registered metric', () => {
    expect([...tested].filter((id) => getMetric(id) === undefined)).toEqual([]);
  });

  it('every graded metric has MetricTester cases, apart from the known gaps (which can only shrink)', () => {
    const missing = graded.filter((id) => !tested.has(id));
    const stale = KNOWN_GAPS.filter((id) => tested.has(id) || !graded.includes(id));
    expect(stale, 'covered or no longer graded: delete these lines from KNOWN_GAPS').toEqual([]);
    expect(missing, 'graded metrics without MetricTester cases (write a table; KNOWN_GAPS only shrinks)').toEqual([...KNOWN_GAPS].sort());
  });
});

describe('duplicateCases', () => {
  const a = makeDataset({ deals: [makeDeal({ line: 2, closed: '2025-01-01' })] });
  const b = makeDataset({ deals: [makeDeal({ line: 2, closed: '2025-02-01' })] });
  const ok = (name: string, ds = a, asOf?: string): MetricCase => ({ name, ds, status: 'ok', value: 1, evidence: null, ...(asOf ? { asOf } : {}) });
  it.each([
    { name: 'distinct names and inputs: none', cases: [ok('x'), ok('y', b)], expected: [] },
    { name: 'the same name twice', cases: [ok('x'), ok('x', b)], expected: ['duplicate name: "x"'] },
    { name: 'the same input under two names', cases: [ok('x'), ok('y')], expected: ['same input (dataset, as-of, profile): "x" and "y"'] },
    { name: 'the same dataset at another as-of: distinct', cases: [ok('x'), ok('y', a, '2025-03-31')], expected: [] },
    { name: 'a case at the default as-of spelled out: the same input', cases: [ok('x'), ok('y', a, '2025-06-30')], expected: ['same input (dataset, as-of, profile): "x" and "y"'] },
  ])('$name', ({ cases, expected }) => {
    expect(duplicateCases(cases, { asOf: '2025-06-30' })).toEqual(expected);
  });

  it('run() throws on a duplicate before registering any case', () => {
    expect(() => new MetricTester('win_rate', { asOf: '2025-06-30' }).run([ok('x'), ok('x', b)])).toThrow(/duplicate name: "x"/);
  });
});

describe('MetricTester', () => {
  it('throws on an unknown metric id', () => {
    expect(() => new MetricTester('win_rat', { asOf: '2025-06-30' })).toThrow(/no registered metric "win_rat"/);
  });

  it('a metric that mutates its input fails its case with the message', () => {
    const base = getMetric('win_rate') as MetricDefinition;
    const mutating: MetricDefinition = {
      ...base,
      id: 'mutating_test_metric',
      compute(ds) {
        (ds.deals as unknown as unknown[]).push(ds.deals[0]);
        return { kind: 'value', value: ds.deals.length };
      },
    };
    const tester = new MetricTester(mutating, { asOf: '2025-06-30' });
    const c: MetricCase = { name: 'one deal', ds: makeDataset({ deals: [makeDeal({ closed: '2025-01-01' })] }), status: 'ok', value: 2, evidence: null };
    expect(tester.result(c).status).toBe('error');
    expect(() => tester.verify(c)).toThrow(/threw on a frozen dataset \(does it mutate its input\?\)/);
  });

  it('checks the evidence verdict: 1 closed deal against win_rate minimum 20 is insufficient, not null', () => {
    const tester = new MetricTester('win_rate', { asOf: '2025-06-30' });
    const ds = makeDataset({ deals: [makeDeal({ status: 'won', closed: '2025-01-01' })] });
    expect(() => tester.verify({ name: 'x', ds, status: 'ok', value: 1, evidence: null })).toThrow(/evidence/);
    expect(() => tester.verify({ name: 'x', ds, status: 'ok', value: 1, evidence: { sample: 1, status: 'insufficient' } })).not.toThrow();
  });

  it('checks the status: a value expected where the metric is n/a fails', () => {
    const tester = new MetricTester('win_rate', { asOf: '2025-06-30' });
    expect(() => tester.verify({ name: 'x', ds: makeDataset({}), status: 'ok', value: 0, evidence: null })).toThrow(/n\/a/);
  });
});
