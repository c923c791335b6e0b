import { describe, expect, it } from 'vitest';
import type { MetricArea, MetricResult, MetricUnit } from '../../src/metrics/types.js';
import { evaluateRules, gradeAreas, type RuleResult } from '../../src/rules/evaluate.js';
import { DEFAULT_PACK } from '../../src/rules/default-pack.js';
import { resolveRules } from '../../src/rules/resolve.js';
import type { AreaDef, Rule } from '../../src/rules/schema.js';

function ok(id: string, value: number, area: MetricArea = 'growth', unit: MetricUnit = 'ratio'): MetricResult {
  return { id, title: id, area, unit, value, status: 'ok', reason: null, inputs: ['deals'], notes: [], sampleSize: 10, details: null };
}

function na(id: string, reason: string, area: MetricArea = 'growth', unit: MetricUnit = 'ratio'): MetricResult {
  return { id, title: id, area, unit, value: null, status: 'n/a', reason, inputs: ['spend'], notes: [], sampleSize: null, details: null };
}

function rule(partial: Partial<Rule> & Pick<Rule, 'id' | 'area'>): Rule {
  return {
    metric: partial.id,
    title: `${partial.id} is healthy`,
    failureTitle: `${partial.id} is below benchmark`,
    unit: 'ratio',
    direction: 'higher',
    thresholds: { default: { good: 0.3, fair: 0.2, poor: 0.1 } },
    weight: 1,
    severity: 'warning',
    owner: 'Sales',
    source: 'test rule [S0]',
    ...partial,
  };
}

const AREAS: AreaDef[] = [
  { id: 'growth', title: 'Growth', weight: 20 },
  { id: 'pipeline', title: 'Pipeline', weight: 25 },
  { id: 'acquisition', title: 'Acquisition', weight: 20 },
  { id: 'retention', title: 'Retention', weight: 25 },
  { id: 'data_quality', title: 'Data quality', weight: 10 },
];

const RULES: Rule[] = [
  // growth: 0.25 → 80 (weight 3); 21 months, lower 12/18/24 → 40 (weight 1)
  rule({ id: 'a', area: 'growth', weight: 3 }),
  rule({ id: 'b', area: 'growth', unit: 'months', direction: 'lower', thresholds: { default: { good: 12, fair: 18, poor: 24 } } }),
  // pipeline: band 6 → 80 (weight 2); n/a metric (weight 6); informative failing rule (weight 0)
  rule({
    id: 'c',
    area: 'pipeline',
    unit: 'multiple',
    direction: 'band',
    weight: 2,
    thresholds: { default: { good: 3, fair: 2, poor: 1, goodMax: 5, fairMax: 7, poorMax: 10 } },
  }),
  rule({ id: 'd', area: 'pipeline', weight: 6 }),
  rule({ id: 'g', area: 'pipeline', weight: 0, severity: 'info' }),
  // retention: one n/a metric, one metric never computed
  rule({ id: 'e', area: 'retention', weight: 2 }),
  rule({ id: 'f', area: 'retention', weight: 1 }),
];

const METRICS: MetricResult[] = [
  ok('a', 0.25),
  ok('b', 21, 'growth', 'months'),
  ok('c', 6, 'pipeline', 'multiple'),
  na('d', 'needs marketing spend (--spend)', 'pipeline'),
  ok('g', 0.05, 'pipeline'),
  na('e', 'needs renewals (--renewals)', 'retention'),
];

describe('evaluateRules', () => {
  const results = evaluateRules(METRICS, RULES, 'mixed');
  const byId = (id: string): RuleResult => results.find((r) => r.id === id) as RuleResult;

  it('keeps the rules in the given order', () => {
    expect(results.map((r) => r.id)).toEqual(['a', 'b', 'c', 'd', 'g', 'e', 'f']);
  });

  it('scores each rule and derives its status', () => {
    expect(results.map((r) => [r.id, r.score, r.status])).toEqual([
      ['a', 80, 'pass'],
      ['b', 40, 'fail'],
      ['c', 80, 'pass'],
      ['d', null, 'n/a'],
      ['g', 0, 'fail'],
      ['e', null, 'n/a'],
      ['f', null, 'n/a'],
    ]);
  });

  it('copies the n/a reason from the metric, and says when a metric was not computed', () => {
    expect(byId('d').reason).toBe('needs marketing spend (--spend)');
    expect(byId('f').reason).toBe('metric f was not computed');
    expect(byId('a').reason).toBeNull();
    expect(byId('d').value).toBeNull();
  });

  it('shows failureTitle on warn and fail, title on pass and n/a', () => {
    expect(byId('a').title).toBe('a is healthy');
    expect(byId('b').title).toBe('b is below benchmark');
    expect(byId('d').title).toBe('d is healthy');
  });

  it('carries the thresholds used, with band upper points only for bands', () => {
    expect(byId('a').thresholds).toEqual({ good: 0.3, fair: 0.2, poor: 0.1 });
    expect(Object.keys(byId('a').thresholds)).toEqual(['good', 'fair', 'poor']);
    expect(byId('c').thresholds).toEqual({ good: 3, fair: 2, poor: 1, goodMax: 5, fairMax: 7, poorMax: 10 });
    expect(byId('a').segmentUsed).toBe('default');
  });

  it('rounds the rule score to one decimal but keeps the full value', () => {
    // 0.2333… → 60 + 40 × 0.0333… / 0.1 = 73.333…
    const [r] = evaluateRules([ok('a', 0.7 / 3)], [rule({ id: 'a', area: 'growth' })], 'mixed');
    expect(r?.score).toBe(73.3);
    expect(r?.value).toBe(0.7 / 3);
    expect(r?.status).toBe('warn');
  });

  it('treats a non-finite value as n/a', () => {
    const [r] = evaluateRules([ok('a', Number.NaN)], [rule({ id: 'a', area: 'growth' })], 'mixed');
    expect(r?.status).toBe('n/a');
    expect(r?.reason).toBe('metric a is not a finite number');
  });

  it('picks the segment thresholds, falling back to default for mixed or a segment without an entry', () => {
    const seg = rule({
      id: 'a',
      area: 'growth',
      thresholds: { default: { good: 0.3, fair: 0.2, poor: 0.1 }, enterprise: { good: 0.25, fair: 0.2, poor: 0.1 } },
    });
    const at = (segment: 'mixed' | 'smb' | 'enterprise') => evaluateRules([ok('a', 0.25)], [seg], segment)[0] as RuleResult;
    expect([at('enterprise').segmentUsed, at('enterprise').score]).toEqual(['enterprise', 100]);
    expect([at('smb').segmentUsed, at('smb').score]).toEqual(['default', 80]);
    expect([at('mixed').segmentUsed, at('mixed').score]).toEqual(['default', 80]);
  });

  it('does not mutate its inputs', () => {
    const frozenMetrics = Object.freeze(METRICS.map((m) => Object.freeze({ ...m })));
    const frozenRules = Object.freeze(RULES.map((r) => Object.freeze({ ...r })));
    expect(() => evaluateRules(frozenMetrics, frozenRules, 'mixed')).not.toThrow();
  });
});

describe('gradeAreas', () => {
  const grades = gradeAreas(evaluateRules(METRICS, RULES, 'mixed'), AREAS);
  const area = (id: MetricArea) => grades.areas.find((a) => a.area === id);

  it('keeps areas in pack order', () => {
    expect(grades.areas.map((a) => a.area)).toEqual(['growth', 'pipeline', 'acquisition', 'retention', 'data_quality']);
  });

  it('weights rule scores inside an area: growth (3 × 80 + 1 × 40) / 4 = 70 → C', () => {
    expect(area('growth')).toEqual({
      area: 'growth',
      title: 'Growth',
      weight: 20,
      score: 70,
      grade: 'C',
      coverage: 1,
      provisional: false,
      scoredRules: 2,
      totalRules: 2,
      missing: [],
      note: null,
    });
  });

  it('gives no grade to an area with too little of its weight scored: pipeline scored weight 2 of 8', () => {
    // weight-0 rule g is neither scored nor counted in coverage; 2 / 8 = 25% < 50%
    expect(area('pipeline')).toEqual({
      area: 'pipeline',
      title: 'Pipeline',
      weight: 25,
      score: null,
      grade: null,
      coverage: 0.25,
      provisional: false,
      scoredRules: 1,
      totalRules: 2,
      missing: ['needs marketing spend (--spend)'],
      note: 'not graded: only 25% of its rule weight has enough data (needs 50%)',
    });
  });

  it('gives an all-n/a area a null score and grade (never 0 or F), with what would unlock it', () => {
    expect(area('retention')).toEqual({
      area: 'retention',
      title: 'Retention',
      weight: 25,
      score: null,
      grade: null,
      coverage: 0,
      provisional: false,
      scoredRules: 0,
      totalRules: 2,
      missing: ['needs renewals (--renewals)', 'metric f was not computed'],
      note: 'not graded: none of its rules has enough data',
    });
  });

  it('gives an area without rules a null grade and zero coverage', () => {
    expect(area('acquisition')).toMatchObject({ score: null, grade: null, coverage: 0, scoredRules: 0, totalRules: 0, missing: [] });
  });

  it('grades overall on the graded areas, provisional when they hold under half the revenue weight: growth 20 of 70 → 70, C, provisional', () => {
    // coverage over areas with rules: (20 × 1 + 25 × 0.25 + 25 × 0) / 70 = 0.375; revenue graded 20 / 70 = 29% (≥ 25%, < 50%)
    expect(grades.overall).toEqual({
      score: 70,
      grade: 'C',
      coverage: 0.375,
      provisional: true,
      missing: ['needs marketing spend (--spend)', 'needs renewals (--renewals)', 'metric f was not computed'],
      note: null,
    });
  });

  it('gives no overall grade when the graded revenue areas hold less than a quarter of their weight', () => {
    // growth weight 20 graded, retention 70 with rules not: 20 / 90 = 22% < 25%
    const areas = AREAS.map((a) => (a.id === 'retention' ? { ...a, weight: 70 } : a));
    const g = gradeAreas(evaluateRules(METRICS, RULES, 'mixed'), areas.filter((a) => a.id !== 'pipeline'));
    expect(g.overall).toMatchObject({ score: null, grade: null });
    expect(g.overall.note).toBe(
      'not enough data to grade: the revenue areas graded hold 22% of their weight (needs 25%); data quality alone is never graded. ' +
        'To grade, add: needs renewals (--renewals); metric f was not computed',
    );
  });

  it('grades at coverage 0.5 exactly, provisional below 0.75', () => {
    const rules = [rule({ id: 'a', area: 'growth' }), rule({ id: 'b', area: 'growth' })];
    const g = gradeAreas(evaluateRules([ok('a', 0.3), na('b', 'needs b')], rules, 'mixed'), AREAS);
    expect(g.areas[0]).toMatchObject({ score: 100, grade: 'A', coverage: 0.5, provisional: true, missing: ['needs b'] });
    expect(g.overall).toMatchObject({ score: 100, grade: 'A', coverage: 0.5, provisional: true, missing: ['needs b'], note: null });
  });

  it('never grades on data quality alone (a spend-only folder)', () => {
    const rules = [rule({ id: 'q', area: 'data_quality', direction: 'lower', thresholds: { default: { good: 0.01, fair: 0.05, poor: 0.1 } } }), rule({ id: 'a', area: 'growth' })];
    const g = gradeAreas(evaluateRules([ok('q', 0, 'data_quality'), na('a', 'needs a deals file (--deals)')], rules, 'mixed'), AREAS);
    expect(g.areas.find((a) => a.area === 'data_quality')).toMatchObject({ score: 100, grade: 'A' });
    expect(g.overall.grade).toBeNull();
    expect(g.overall.note).toMatch(/^not enough data to grade: .*To grade, add: needs a deals file \(--deals\)$/);
  });

  it('deduplicates missing reasons', () => {
    const rules = [rule({ id: 'a', area: 'growth' }), rule({ id: 'b', area: 'growth' }), rule({ id: 'c', area: 'growth' })];
    const g = gradeAreas(evaluateRules([ok('a', 0.3), na('b', 'needs spend'), na('c', 'needs spend')], rules, 'mixed'), AREAS);
    expect(g.areas[0]?.missing).toEqual(['needs spend']);
  });

  it('gives a null overall grade when nothing can be scored', () => {
    const g = gradeAreas(evaluateRules([na('a', 'needs deals')], [rule({ id: 'a', area: 'growth' })], 'mixed'), AREAS);
    expect(g.overall).toMatchObject({ score: null, grade: null, coverage: 0, provisional: false, missing: ['needs deals'] });
    expect(g.overall.note).toMatch(/^not enough data to grade/);
  });

  it('rolls up full-precision rule scores, not the rounded ones', () => {
    // higher 0.3 / 0.2: 400 points per unit above fair. 0.2001 → 60.04 (shows 60.0), 0.200275 → 60.11 (shows 60.1).
    // Exact mean (60.04 + 60.04 + 60.11) / 3 = 60.063 → 60.1; the mean of the rounded scores would be 60.03 → 60.0.
    const rules = [rule({ id: 'a', area: 'growth' }), rule({ id: 'b', area: 'growth' }), rule({ id: 'c', area: 'growth' })];
    const results = evaluateRules([ok('a', 0.2001), ok('b', 0.2001), ok('c', 0.200275)], rules, 'mixed');
    expect(results.map((r) => r.score)).toEqual([60, 60, 60.1]);
    expect(gradeAreas(results, AREAS).areas[0]?.score).toBe(60.1);
  });

  it('applies letter cut-offs to the rounded score: 89.96 shows as 90.0 and grades A', () => {
    // higher 0.3 / 0.2: 89.96 = 60 + 40 × (v − 0.2) / 0.1 → v = 0.2749
    const g = gradeAreas(evaluateRules([ok('a', 0.2749)], [rule({ id: 'a', area: 'growth' })], 'mixed'), AREAS);
    expect(g.areas[0]).toMatchObject({ score: 90, grade: 'A' });
  });

  it('ignores areas with weight 0 in the overall grade', () => {
    const areas = AREAS.map((a) => (a.id === 'pipeline' ? { ...a, weight: 0 } : a));
    const g = gradeAreas(evaluateRules(METRICS, RULES, 'mixed'), areas);
    // growth only has a score: 70; it holds 20 of the 45 revenue weight with rules (44%: graded, provisional); coverage (20 × 1 + 25 × 0) / 45
    expect(g.overall).toMatchObject({ score: 70, grade: 'C', coverage: 0.444, provisional: true });
    expect(g.overall.missing).toEqual(['needs renewals (--renewals)', 'metric f was not computed']);
  });
});

describe('minimum evidence and plausibility (issue 14 point 3)', () => {
  const withEvidence = (id: string, value: number, status: 'insufficient' | 'check', note: string): MetricResult => ({
    ...ok(id, value),
    evidence: { sample: 5, of: 'won deals', min: 20, status, note },
  });
  it.each([
    { name: 'insufficient: shown (value kept), not graded', m: withEvidence('a', 0.3, 'insufficient', 'insufficient data: 5 won deals, needs 20'), status: 'n/a', reason: 'insufficient data: 5 won deals, needs 20' },
    { name: 'implausible: check the inputs, never a pass', m: withEvidence('a', 0.95, 'check', 'check the inputs: above 90%'), status: 'check', reason: 'check the inputs: above 90%' },
  ])('$name', ({ m, status, reason }) => {
    const [r] = evaluateRules([m], [rule({ id: 'a', area: 'growth' })], 'mixed');
    expect(r).toMatchObject({ status, reason, value: m.value, score: null });
    expect(gradeAreas([r as RuleResult], AREAS).areas[0]).toMatchObject({ score: null, grade: null });
  });
});

describe('the default pack end to end', () => {
  it('grades an SMB company with GRR 86 % against the SMB thresholds', () => {
    const { rules, areas } = resolveRules(DEFAULT_PACK);
    const results = evaluateRules([ok('grr', 0.86, 'retention'), ok('nrr', 0.99, 'retention')], rules, 'smb');
    const grr = results.find((r) => r.id === 'grr') as RuleResult;
    const nrr = results.find((r) => r.id === 'nrr') as RuleResult;
    // SMB GRR good 0.88, fair 0.84: 60 + 40 × 0.02 / 0.04 = 80; SMB NRR good 1.00, fair 0.975: 60 + 40 × 0.015 / 0.025 = 84
    expect([grr.segmentUsed, grr.score, grr.status, grr.severity, grr.owner]).toEqual(['smb', 80, 'pass', 'critical', 'Customer Success']);
    expect(nrr.score).toBe(84);
    const grades = gradeAreas(results, areas);
    const retention = grades.areas.find((a) => a.area === 'retention');
    // (4 × 80 + 4 × 84) / 8 = 82 → B; coverage 8 / 11 (logo_retention 2, expansion_share 1 are n/a)
    expect(retention).toMatchObject({ score: 82, grade: 'B', coverage: 0.727, provisional: true, scoredRules: 2, totalRules: 4 });
    expect(retention?.missing).toEqual(['metric logo_retention was not computed', 'metric expansion_share was not computed']);
    // only retention scored: 25 of 90 revenue weight (28%: graded, provisional); coverage = 25 × 8/11 / 100
    expect(grades.overall).toMatchObject({ score: 82, grade: 'B', coverage: 0.182, provisional: true });
  });
});
