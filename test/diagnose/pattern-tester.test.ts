/**
 * The PatternTester itself (test/helpers/pattern-tester.ts): it must fail on a wrong expectation,
 * a duplicate case, an unknown rule or metric, and a pattern that mutates its input — otherwise
 * every pattern test built on it could pass without checking anything.
 */
import { describe, expect, it } from 'vitest';
import { clear, fired, standard, type Pattern } from '../../src/diagnose/patterns/kit.js';
import { leakyBucket } from '../../src/diagnose/patterns/leaky-bucket.js';
import type { PatternInput } from '../../src/diagnose/signals.js';
import { PatternTester, approx } from '../helpers/pattern-tester.js';
import { metric } from './helpers.js';

/** A minimal pattern on GRR, firing below the pass point; `assess` can be swapped to misbehave. */
function fake(overrides: Partial<Pattern> = {}, assess: Parameters<typeof standard>[1] = () => ({ evidence: ['GRR is low.'], metrics: { grr: 0.5 }, impact: { annual: 100, formula: 'f' } })): Pattern {
  const base = standard(
    {
      id: 'fake',
      title: 'Fake',
      description: 'A test pattern.',
      area: 'retention',
      owners: ['Customer Success'],
      severity: 'warning',
      requires: ['grr'],
      triggers: [{ metric: 'grr', op: 'below', at: { rule: 'grr', point: 'pass' }, near: { rule: 'grr', point: 'good' }, label: 'GRR below pass' }],
      impactFormula: 'a formula in words, long enough',
      impactModel: { kind: 'loss', basis: 'arr' },
      path: 'a path in words, long enough',
      process: [
        { by: 30, owner: 'Customer Success', step: 'step', kpi: 'GRR ≥ {grr.pass}', kpiMetric: 'grr' },
        { by: 60, owner: 'Customer Success', step: 'step', kpi: 'k' },
        { by: 90, owner: 'Customer Success', step: 'step', kpi: 'k' },
      ],
    },
    assess,
  );
  return { ...base, ...overrides };
}

describe('PatternTester.referenceProblems', () => {
  it('is empty for a pattern whose references all exist', () => expect(new PatternTester(fake()).referenceProblems()).toEqual([]));
  it('names every unknown metric, rule, threshold point and trigger placeholder', () => {
    const p = fake({
      requires: ['grr', 'gr'],
      triggers: [
        { metric: 'grrr', op: 'below', at: { rule: 'grr', point: 'goodMax' }, near: { rule: 'no_such_rule', point: 'good' }, label: 'x' },
        { metric: 'grr', op: 'below', at: { value: 1, unit: 'ratio', why: 'constant' }, label: 'y' },
      ],
      process: [
        { by: 30, owner: 'Sales', step: 'hold {nrr.pass} and {t1}', kpi: 'GRR ≥ {grr.goood}; {t5}', kpiMetric: 'nrrr' },
        { by: 60, owner: 'Sales', step: 's', kpi: 'k' },
        { by: 90, owner: 'Sales', step: 's', kpi: 'k' },
      ],
    });
    expect(new PatternTester(p).referenceProblems()).toEqual([
      'requires: metric gr is not in the metric registry',
      'trigger 0: metric grrr is not in the metric registry',
      'trigger 0: metric grrr is not listed in requires',
      'trigger 0: rule grr has no goodMax point',
      'trigger 0: rule no_such_rule is not in the rule pack',
      '30-day step kpiMetric: metric nrrr is not in the metric registry',
      '30-day step kpiMetric: metric nrrr is not listed in requires',
      '30-day step: rule grr has no goood point',
      '30-day step: {t5} names no trigger',
    ]);
  });
});

describe('PatternTester.duplicateProblems', () => {
  const t = new PatternTester(fake());
  const a = { name: 'a', metrics: [metric('grr', 0.95)] };
  const f = { name: 'f', metrics: [metric('grr', 0.5)], impact: { annual: 100 } };
  it('accepts distinct cases with one clear and one firing', () => expect(t.duplicateProblems({ valid: [a], invalid: [f] })).toEqual([]));
  it.each([
    // built separately, equal field by field: still the same input
    { name: 'the same input under another name', valid: [a, { name: 'b', metrics: [metric('grr', 0.95)] }], invalid: [f], want: ['valid "b": same input as "a"'] },
    { name: 'the same input with another expectation', valid: [a], invalid: [f, { ...f, name: 'g', impact: { annual: 5 } }], want: ['invalid "g": same input as "f"'] },
    { name: 'the same input across valid and invalid', valid: [a, { name: 'h', metrics: [metric('grr', 0.5)], status: 'near' as const }], invalid: [f], want: ['invalid "f": same input as "h"'] },
    { name: 'the default segment spelled out', valid: [a, { ...a, name: 'mixed', segment: 'mixed' as const }], invalid: [f], want: ['valid "mixed": same input as "a"'] },
    { name: 'a name used twice', valid: [a, { name: 'a', metrics: [metric('grr', 0.96)] }], invalid: [f], want: ['valid "a": name used twice'] },
    { name: 'no clear case', valid: [{ ...a, status: 'near' as const }], invalid: [f], want: ['needs at least one valid case with status clear'] },
    { name: 'no firing case', valid: [a], invalid: [], want: ['needs at least one invalid (firing) case'] },
  ])('fails on $name', ({ valid, invalid, want }) => expect(t.duplicateProblems({ valid, invalid })).toEqual(want));
  it('tells inputs apart by their options, not only their metrics', () => {
    expect(t.duplicateProblems({ valid: [a, { ...a, name: 'smb', segment: 'smb' }], invalid: [f] })).toEqual([]);
  });
});

describe('PatternTester.caseProblems', () => {
  const t = new PatternTester(fake());
  it.each([
    { name: 'a firing case expected clear', c: { name: 'x', metrics: [metric('grr', 0.5)] }, kind: 'valid' as const, want: ['status: expected clear, got fired'] },
    { name: 'a clear case expected to fire', c: { name: 'x', metrics: [metric('grr', 0.95)], impact: { annual: 100 } }, kind: 'invalid' as const, want: ['status: expected fired, got clear'] },
    { name: 'a missing case, with what it needs', c: { name: 'x', metrics: [metric('grr', null)], status: 'near' as const }, kind: 'valid' as const, want: ['status: expected near, got missing (missing: Gross revenue retention: needs data for grr)'] },
    { name: 'a wrong annual impact', c: { name: 'x', metrics: [metric('grr', 0.5)], impact: { annual: 101 } }, kind: 'invalid' as const, want: ['impact.annual: expected 101, got 100'] },
    { name: 'an approximate number off by more than its digits', c: { name: 'x', metrics: [metric('grr', 0.5)], impact: { annual: approx(100.1, 2) } }, kind: 'invalid' as const, want: ['impact.annual: expected 100.1 (to 2 digits), got 100'] },
    { name: 'an impact expected null', c: { name: 'x', metrics: [metric('grr', 0.5)], impact: { annual: null } }, kind: 'invalid' as const, want: ['impact.annual: expected null, got 100'] },
    { name: 'an exposure the pattern does not give', c: { name: 'x', metrics: [metric('grr', 0.5)], impact: { annual: 100, exposure: 5 } }, kind: 'invalid' as const, want: ['impact.exposure: expected 5, got absent'] },
    { name: 'evidence not there', c: { name: 'x', metrics: [metric('grr', 0.5)], impact: { annual: 100 }, evidence: ['GRR is high'] }, kind: 'invalid' as const, want: ['evidence: expected GRR is high, got "GRR is low."'] },
    { name: 'a value not there', c: { name: 'x', metrics: [metric('grr', 0.5)], impact: { annual: 100 }, values: { nrr: 1 } }, kind: 'invalid' as const, want: ['metrics["nrr"]: expected 1, got absent'] },
  ])('reports $name', ({ c, kind, want }) => expect(t.caseProblems(c, kind)).toEqual(want));
  it('accepts a case that matches', () => {
    expect(t.caseProblems({ name: 'x', metrics: [metric('grr', 0.5)], impact: { annual: 100, formula: 'f' }, evidence: [/low/], values: { grr: 0.5 } }, 'invalid')).toEqual([]);
  });
  it('reports a metric or rule that detect reads but the registries lack (a typo reads as n/a)', () => {
    const p = fake({}, (input) => ({ evidence: [], metrics: { x: input.value('grr_typo'), y: input.threshold({ rule: 'nrr_typo', point: 'good' }) }, impact: { annual: 100, formula: 'f' } }));
    expect(new PatternTester(p).caseProblems({ name: 'x', metrics: [metric('grr', 0.5)], impact: { annual: 100 } }, 'invalid')).toEqual([
      'detect reads metric grr_typo, which is not in the metric registry',
      'detect reads metric grr_typo, which the pattern does not list in requires',
      'detect reads rule nrr_typo, which is not in the rule pack',
    ]);
  });
  it.each([
    { name: 'a value', read: (input: PatternInput) => input.value('nrr') },
    { name: 'a numeric detail', read: (input: PatternInput) => input.num('nrr', 'arrBefore') },
    { name: 'the details', read: (input: PatternInput) => (input.details('nrr') === null ? null : 1) },
    { name: 'the result', read: (input: PatternInput) => input.metric('nrr')?.value ?? null },
  ])('reports a metric detect reads ($name) that requires does not list (explain would leave it out)', ({ read }) => {
    const assess: Parameters<typeof standard>[1] = (input) => ({ evidence: [], metrics: { nrr: read(input) }, impact: { annual: 100, formula: 'f' } });
    const c = { name: 'x', metrics: [metric('grr', 0.5), metric('nrr', 1.1, { arrBefore: 5 })], impact: { annual: 100 } };
    expect(new PatternTester(fake({}, assess)).caseProblems(c, 'invalid')).toEqual(['detect reads metric nrr, which the pattern does not list in requires']);
    expect(new PatternTester(fake({ requires: ['grr', 'nrr'] }, assess)).caseProblems(c, 'invalid')).toEqual([]);
  });
  it('reports a KPI metric that requires does not list', () => {
    const p = fake({
      process: [
        { by: 30, owner: 'Customer Success', step: 'step', kpi: 'NRR ≥ {nrr.pass}', kpiMetric: 'nrr' },
        { by: 60, owner: 'Customer Success', step: 'step', kpi: 'k' },
        { by: 90, owner: 'Customer Success', step: 'step', kpi: 'k' },
      ],
    });
    expect(new PatternTester(p).referenceProblems()).toEqual(['30-day step kpiMetric: metric nrr is not listed in requires']);
    expect(new PatternTester({ ...p, requires: ['grr', 'nrr'] }).referenceProblems()).toEqual([]);
  });
  it('freezes the input: a pattern that mutates a metric detail throws', () => {
    const p = fake({
      detect(input) {
        const d = input.details('grr') as Record<string, number>;
        d['arrBefore'] = 0;
        return clear();
      },
    });
    expect(() => new PatternTester(p).caseProblems({ name: 'x', metrics: [metric('grr', 0.5, { arrBefore: 1 })] }, 'valid')).toThrow(TypeError);
  });
  it('freezes the series and the profile too', () => {
    const p = fake({
      detect(input) {
        (input.series as Record<string, unknown>)['x'] = [];
        return fired({ evidence: [], metrics: {}, impact: { annual: null, formula: '' } });
      },
    });
    expect(() => new PatternTester(p).detect({ metrics: [] })).toThrow(TypeError);
    const q = fake({
      detect(input) {
        (input.profile as { segment: string }).segment = 'smb';
        return clear();
      },
    });
    expect(() => new PatternTester(q).detect({ metrics: [] })).toThrow(TypeError);
  });
  it('rejects an unknown pattern id at construction', () => expect(() => new PatternTester(undefined)).toThrow('no pattern'));
  it('runs a real pattern: leaky_bucket fires on GRR 82% with bookings +30%', () => {
    expect(new PatternTester(leakyBucket).caseProblems({ name: 'x', metrics: [metric('bookings_growth_yoy', 0.3), metric('grr', 0.82, { arrBefore: 4_000_000 })], impact: { annual: 320_000 } }, 'invalid')).toEqual([]);
  });
});
