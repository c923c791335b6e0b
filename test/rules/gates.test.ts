import { describe, expect, it } from 'vitest';
import type { Grades, RuleResult } from '../../src/rules/evaluate.js';
import { checkGates } from '../../src/rules/gates.js';
import type { Letter } from '../../src/rules/scoring.js';
import type { Severity } from '../../src/rules/schema.js';

function grades(score: number | null, grade: Letter | null, extra: Partial<Grades['overall']> = {}): Grades {
  return { overall: { score, grade, coverage: 1, provisional: false, missing: [], ...extra }, areas: [] };
}

function result(id: string, status: RuleResult['status'], severity: Severity, score: number | null = 30): RuleResult {
  return {
    id,
    metric: id,
    area: 'retention',
    title: `${id} title`,
    direction: 'higher',
    segmentUsed: 'default',
    thresholds: { good: 0.9, fair: 0.85, poor: 0.8 },
    unit: 'ratio',
    value: status === 'n/a' ? null : 0.7,
    score: status === 'n/a' ? null : score,
    status,
    severity,
    weight: 1,
    owner: 'Customer Success',
    source: 'test',
    reason: status === 'n/a' ? 'needs renewals' : null,
  };
}

describe('checkGates: --min-grade', () => {
  it.each([
    ['A', 'B', false],
    ['B', 'B', false],
    ['C', 'B', true],
    ['F', 'D', true],
    ['D', 'F', false],
    ['F', 'F', false],
  ] as const)('overall %s with --min-grade %s → failed %s', (grade, min, failed) => {
    expect(checkGates(grades(75, grade), [], { minGrade: min }).failed).toBe(failed);
  });

  it('says which grade fell below which', () => {
    expect(checkGates(grades(72.4, 'C'), [], { minGrade: 'B' })).toEqual({
      failed: true,
      reasons: ['--min-grade B: overall grade C (72.4) is below B'],
    });
  });

  it('mentions a provisional grade', () => {
    const g = grades(72.4, 'C', { provisional: true, coverage: 0.4 });
    expect(checkGates(g, [], { minGrade: 'B' }).reasons).toEqual(['--min-grade B: overall grade C (72.4, provisional: coverage 40 %) is below B']);
  });

  it('fails when there is no overall grade, saying there is not enough data', () => {
    const g = grades(null, null, { coverage: 0, missing: ['needs deals (--deals)', 'needs renewals (--renewals)'] });
    expect(checkGates(g, [], { minGrade: 'F' })).toEqual({
      failed: true,
      reasons: ['--min-grade F: no overall grade, not enough data to grade; missing: needs deals (--deals); needs renewals (--renewals)'],
    });
  });

  it('a null grade passes when no min grade is set', () => {
    expect(checkGates(grades(null, null), [], {})).toEqual({ failed: false, reasons: [] });
  });
});

describe('checkGates: --fail-on', () => {
  const results = [
    result('grr', 'fail', 'critical', 12.5),
    result('win_rate', 'fail', 'warning'),
    result('expansion_share', 'fail', 'info'),
    result('nrr', 'warn', 'critical', 55),
    result('logo_retention', 'n/a', 'critical'),
    result('rule_of_40', 'pass', 'warning', 90),
  ];

  it('critical: only failing critical rules trip it (warn status never does)', () => {
    expect(checkGates(grades(90, 'A'), results, { failOn: 'critical' })).toEqual({
      failed: true,
      reasons: ['--fail-on critical: rule grr failed (critical, score 12.5): grr title'],
    });
  });

  it('warning: failing warning and critical rules trip it, info ones do not; rules keep their order', () => {
    expect(checkGates(grades(90, 'A'), results, { failOn: 'warning' }).reasons).toEqual([
      '--fail-on warning: rule grr failed (critical, score 12.5): grr title',
      '--fail-on warning: rule win_rate failed (warning, score 30.0): win_rate title',
    ]);
  });

  it('passes when no rule fails at that severity', () => {
    const onlyWarnings = [result('win_rate', 'fail', 'warning'), result('nrr', 'warn', 'critical')];
    expect(checkGates(grades(90, 'A'), onlyWarnings, { failOn: 'critical' })).toEqual({ failed: false, reasons: [] });
  });

  it('combines both gates, min-grade first', () => {
    const out = checkGates(grades(65, 'D'), results, { minGrade: 'C', failOn: 'critical' });
    expect(out.failed).toBe(true);
    expect(out.reasons).toEqual([
      '--min-grade C: overall grade D (65.0) is below C',
      '--fail-on critical: rule grr failed (critical, score 12.5): grr title',
    ]);
  });

  it('passes with no gates set', () => {
    expect(checkGates(grades(10, 'F'), results, {})).toEqual({ failed: false, reasons: [] });
  });
});
