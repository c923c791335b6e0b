import { describe, expect, it } from 'vitest';
import type { MetricArea, MetricResult } from '../../src/metrics/types.js';
import { DEFAULT_PACK } from '../../src/rules/default-pack.js';
import { evaluateRules, gradeAreas } from '../../src/rules/evaluate.js';
import { suggest } from '../../src/base/suggest.js';
import { resolveRules, thresholdsFor } from '../../src/rules/resolve.js';
import type { Rule, RulePack } from '../../src/rules/schema.js';

function ok(id: string, value: number, area: MetricArea): MetricResult {
  return { id, title: id, area, unit: 'ratio', value, status: 'ok', reason: null, inputs: ['deals'], notes: [], sampleSize: 10, details: null };
}

const ruleById = (rules: readonly Rule[], id: string): Rule => rules.find((r) => r.id === id) as Rule;

function extraRule(partial: Partial<Rule> & Pick<Rule, 'id'>): Rule {
  return {
    metric: partial.id,
    area: 'pipeline',
    title: 'ok',
    failureTitle: 'not ok',
    unit: 'ratio',
    direction: 'higher',
    thresholds: { default: { good: 0.5, fair: 0.4, poor: 0.3 } },
    weight: 1,
    severity: 'info',
    owner: 'RevOps',
    source: 'team rule of thumb',
    ...partial,
  };
}

describe('resolveRules without overrides', () => {
  it('returns the default pack unchanged, in pack order, with no problems', () => {
    const { rules, areas, disabled, problems } = resolveRules(DEFAULT_PACK, {}, []);
    expect(problems).toEqual([]);
    expect(disabled).toEqual([]);
    expect(rules).toEqual(DEFAULT_PACK.rules);
    expect(areas).toEqual(DEFAULT_PACK.areas);
  });

  it('returns copies: changing a resolved rule does not touch the pack', () => {
    const { rules } = resolveRules(DEFAULT_PACK);
    const first = rules[0] as Rule;
    first.thresholds.default.good = 99;
    expect(DEFAULT_PACK.rules[0]?.thresholds.default.good).not.toBe(99);
  });
});

describe('overrides', () => {
  const winRate = [ok('win_rate', 0.22, 'pipeline')];

  it('changing thresholds changes the score and the grade', () => {
    // default band lower side 0.30 / 0.20 / 0.15: 0.22 → 60 + 40 × 0.02 / 0.10 = 68 → D
    const before = resolveRules(DEFAULT_PACK);
    // only the rule under test, so the area is graded on it alone (an area with < 50% of its weight scored abstains)
    const only = (rules: readonly Rule[], ...ids: string[]): Rule[] => rules.filter((r) => ids.includes(r.id));
    const b = evaluateRules(winRate, only(before.rules, 'win_rate'), 'mixed');
    expect(b.find((r) => r.id === 'win_rate')).toMatchObject({ score: 68, status: 'warn' });
    expect(gradeAreas(b, before.areas).areas.find((a) => a.area === 'pipeline')).toMatchObject({ score: 68, grade: 'D' });

    // good lowered to 0.22 (upper side inherited from the pack): 100 → A
    const after = resolveRules(DEFAULT_PACK, { win_rate: { thresholds: { default: { good: 0.22, fair: 0.15, poor: 0.1 } } } });
    expect(after.problems).toEqual([]);
    expect(ruleById(after.rules, 'win_rate').thresholds.default).toEqual({ good: 0.22, fair: 0.15, poor: 0.1, goodMax: 0.4, fairMax: 0.55, poorMax: 0.75 });
    const a = evaluateRules(winRate, only(after.rules, 'win_rate'), 'mixed');
    expect(a.find((r) => r.id === 'win_rate')).toMatchObject({ score: 100, status: 'pass' });
    expect(gradeAreas(a, after.areas).areas.find((x) => x.area === 'pipeline')).toMatchObject({ score: 100, grade: 'A' });
  });

  it('changing a weight changes the area score', () => {
    // bookings_growth_yoy 0.50 → 100 and arr_growth 0 → 20, both weight 3: 60 → D
    const metrics = [ok('bookings_growth_yoy', 0.5, 'growth'), ok('arr_growth', 0, 'growth')];
    const before = resolveRules(DEFAULT_PACK);
    // only the two rules under test, so the area is graded on them alone
    const only = (rules: readonly Rule[]): Rule[] => rules.filter((r) => r.id === 'bookings_growth_yoy' || r.id === 'arr_growth');
    const growthBefore = gradeAreas(evaluateRules(metrics, only(before.rules), 'mixed'), before.areas).areas[0];
    expect(growthBefore).toMatchObject({ area: 'growth', score: 60, grade: 'D' });
    // arr_growth weight 1: (3 × 100 + 1 × 20) / 4 = 80 → B
    const after = resolveRules(DEFAULT_PACK, { arr_growth: { weight: 1 } });
    const growthAfter = gradeAreas(evaluateRules(metrics, only(after.rules), 'mixed'), after.areas).areas[0];
    expect(growthAfter).toMatchObject({ area: 'growth', score: 80, grade: 'B' });
  });

  it('changes severity', () => {
    const { rules } = resolveRules(DEFAULT_PACK, { win_rate: { severity: 'critical' } });
    expect(ruleById(rules, 'win_rate').severity).toBe('critical');
  });

  it('disables a rule: removed from the rules, listed as disabled, no longer counted in coverage', () => {
    const { rules, disabled, problems } = resolveRules(DEFAULT_PACK, { quota_attainment: { disabled: true } });
    expect(problems).toEqual([]);
    expect(rules.some((r) => r.id === 'quota_attainment')).toBe(false);
    expect(rules).toHaveLength(DEFAULT_PACK.rules.length - 1);
    expect(disabled).toEqual(['quota_attainment']);
  });

  it('a segment override changes that segment only', () => {
    const { rules, problems } = resolveRules(DEFAULT_PACK, { grr: { thresholds: { smb: { good: 0.85, fair: 0.8, poor: 0.75 } } } });
    expect(problems).toEqual([]);
    const grr = ruleById(rules, 'grr');
    expect(thresholdsFor(grr, 'smb')).toEqual({ segmentUsed: 'smb', thresholds: { good: 0.85, fair: 0.8, poor: 0.75 } });
    expect(thresholdsFor(grr, 'enterprise')).toEqual({ segmentUsed: 'enterprise', thresholds: { good: 0.93, fair: 0.915, poor: 0.9 } });
    expect(thresholdsFor(grr, 'mixed').thresholds).toEqual({ good: 0.9, fair: 0.86, poor: 0.82 });
  });

  it('a default override applies to every segment (segment keys in the same override still win)', () => {
    const { rules } = resolveRules(DEFAULT_PACK, {
      grr: { thresholds: { default: { good: 0.95, fair: 0.9, poor: 0.85 }, enterprise: { good: 0.97, fair: 0.95, poor: 0.93 } } },
    });
    const grr = ruleById(rules, 'grr');
    expect(Object.keys(grr.thresholds)).toEqual(['default', 'enterprise']);
    expect(thresholdsFor(grr, 'smb')).toEqual({ segmentUsed: 'default', thresholds: { good: 0.95, fair: 0.9, poor: 0.85 } });
    expect(thresholdsFor(grr, 'enterprise').segmentUsed).toBe('enterprise');
  });

  it('reports an unknown rule id with a suggestion, naming the key path', () => {
    const { problems, rules } = resolveRules(DEFAULT_PACK, { win_rat: { weight: 2 }, zzz_not_a_rule_at_all: { disabled: true } });
    expect(problems).toEqual([
      'rules.overrides.win_rat: unknown rule (did you mean win_rate?)',
      'rules.overrides.zzz_not_a_rule_at_all: unknown rule',
    ]);
    expect(rules).toHaveLength(DEFAULT_PACK.rules.length);
  });

  it('reports thresholds in the wrong order for the direction and keeps the pack thresholds', () => {
    const { problems, rules } = resolveRules(DEFAULT_PACK, {
      grr: { thresholds: { smb: { good: 0.8, fair: 0.85, poor: 0.9 } } },
      cac_payback_months: { thresholds: { default: { good: 24, fair: 18, poor: 12 } } },
    });
    expect(problems).toEqual([
      'rules.overrides.cac_payback_months.thresholds.default: thresholds out of order for direction lower: expected good < fair < poor (got good 24, fair 18, poor 12)',
      'rules.overrides.grr.thresholds.smb: thresholds out of order for direction higher: expected good > fair > poor (got good 0.8, fair 0.85, poor 0.9)',
    ]);
    expect(ruleById(rules, 'grr')).toEqual(DEFAULT_PACK.rules.find((r) => r.id === 'grr'));
    expect(ruleById(rules, 'cac_payback_months').thresholds).toEqual(DEFAULT_PACK.rules.find((r) => r.id === 'cac_payback_months')?.thresholds);
  });

  it('checks the inherited upper side of a band override', () => {
    // good above the inherited goodMax 0.40
    const { problems } = resolveRules(DEFAULT_PACK, { win_rate: { thresholds: { default: { good: 0.45, fair: 0.3, poor: 0.2 } } } });
    expect(problems).toEqual([
      'rules.overrides.win_rate.thresholds.default: thresholds out of order for direction band: expected good <= goodMax < fairMax < poorMax (got good 0.45, goodMax 0.4, fairMax 0.55, poorMax 0.75)',
    ]);
  });

  it('accepts a full band override including the upper side', () => {
    const { problems, rules } = resolveRules(DEFAULT_PACK, {
      ltv_to_cac: { thresholds: { default: { good: 3, fair: 2, poor: 1, goodMax: 8, fairMax: 12, poorMax: 20 } } },
    });
    expect(problems).toEqual([]);
    expect(ruleById(rules, 'ltv_to_cac').thresholds.default).toEqual({ good: 3, fair: 2, poor: 1, goodMax: 8, fairMax: 12, poorMax: 20 });
  });

  it('rejects upper points on a rule that is not a band', () => {
    const { problems } = resolveRules(DEFAULT_PACK, { nrr: { thresholds: { default: { good: 1.1, fair: 1, poor: 0.9, goodMax: 1.3 } } } });
    expect(problems).toEqual([
      'rules.overrides.nrr.thresholds.default: goodMax, fairMax and poorMax only apply to direction band (this rule is higher)',
    ]);
  });

  it('reports an unknown segment key', () => {
    const { problems } = resolveRules(DEFAULT_PACK, { grr: { thresholds: { midmarket: { good: 0.9, fair: 0.85, poor: 0.8 } } } });
    expect(problems).toEqual([
      'rules.overrides.grr.thresholds.midmarket: unknown segment key (expected default, smb, mid-market, enterprise) (did you mean mid-market?)',
    ]);
  });

  it('lists problems in sorted override order, whatever the object order', () => {
    const a = resolveRules(DEFAULT_PACK, { zz_b: {}, aa_a: {} }).problems;
    const b = resolveRules(DEFAULT_PACK, { aa_a: {}, zz_b: {} }).problems;
    expect(a).toEqual(b);
    expect(a[0]).toMatch(/^rules\.overrides\.aa_a:/);
  });
});

describe('extra packs', () => {
  it('add new rules at the end and replace rules by id in place; area entries replace by id', () => {
    const extra: RulePack = {
      schemaVersion: 1,
      areas: [{ id: 'data_quality', title: 'Data hygiene', weight: 30 }],
      rules: [
        extraRule({ id: 'demo_to_close_rate' }),
        extraRule({ id: 'win_rate', area: 'pipeline', direction: 'higher', thresholds: { default: { good: 0.25, fair: 0.18, poor: 0.12 } }, source: 'our history' }),
      ],
    };
    const { rules, areas, problems } = resolveRules(DEFAULT_PACK, {}, [extra]);
    expect(problems).toEqual([]);
    expect(rules.map((r) => r.id).slice(-1)).toEqual(['demo_to_close_rate']);
    const at = DEFAULT_PACK.rules.findIndex((r) => r.id === 'win_rate');
    expect(rules[at]).toMatchObject({ id: 'win_rate', direction: 'higher', source: 'our history' });
    expect(areas.find((a) => a.id === 'data_quality')).toEqual({ id: 'data_quality', title: 'Data hygiene', weight: 30 });
    expect(areas.map((a) => a.id)).toEqual(DEFAULT_PACK.areas?.map((a) => a.id));
  });

  it('overrides apply after extra packs, so they can target a rule a pack added', () => {
    const extra: RulePack = { schemaVersion: 1, rules: [extraRule({ id: 'demo_to_close_rate' })] };
    const { rules, problems } = resolveRules(DEFAULT_PACK, { demo_to_close_rate: { weight: 5 } }, [extra]);
    expect(problems).toEqual([]);
    expect(ruleById(rules, 'demo_to_close_rate').weight).toBe(5);
  });

  it('skips an invalid pack and reports each problem by key path', () => {
    const bad = {
      schemaVersion: 1,
      rules: [
        extraRule({ id: 'a_rule', thresholds: { default: { good: 0.1, fair: 0.2, poor: 0.3 } } }),
        { ...extraRule({ id: 'b_rule' }), area: 'sales' },
      ],
    } as unknown as RulePack;
    const { rules, problems } = resolveRules(DEFAULT_PACK, {}, [bad], { packLabels: ['team.json'] });
    expect(rules).toHaveLength(DEFAULT_PACK.rules.length);
    expect(problems).toContain(
      'team.json.rules[0].thresholds.default: thresholds out of order for direction higher: expected good > fair > poor (got good 0.1, fair 0.2, poor 0.3)',
    );
    expect(problems).toContain('team.json.rules[1].area: expected one of growth, pipeline, acquisition, retention, data_quality');
  });

  it('reports duplicate rule ids inside a pack', () => {
    const dup: RulePack = { schemaVersion: 1, rules: [extraRule({ id: 'a_rule' }), extraRule({ id: 'b_rule' }), extraRule({ id: 'a_rule' })] };
    const { rules, problems } = resolveRules(DEFAULT_PACK, {}, [dup]);
    expect(problems).toEqual(["packs[0].rules[2].id: duplicate rule id 'a_rule' (first at rules[0])"]);
    expect(rules).toHaveLength(DEFAULT_PACK.rules.length);
  });

  it('labels packs by index by default', () => {
    const bad = { schemaVersion: 2, rules: [] } as unknown as RulePack;
    expect(resolveRules(DEFAULT_PACK, {}, [bad]).problems).toEqual(['packs[0].schemaVersion: expected schemaVersion 1']);
  });

  it('does not mutate the packs it is given', () => {
    const extra: RulePack = { schemaVersion: 1, rules: [extraRule({ id: 'win_rate' })] };
    const copy = structuredClone(extra);
    resolveRules(DEFAULT_PACK, { win_rate: { weight: 9, thresholds: { default: { good: 0.6, fair: 0.5, poor: 0.4 } } } }, [extra]);
    expect(extra).toEqual(copy);
  });
});

describe('known metrics and areas', () => {
  it('reports a rule on an unknown metric, with a suggestion', () => {
    const extra: RulePack = { schemaVersion: 1, rules: [extraRule({ id: 'x_rule', metric: 'win_rat' })] };
    const { problems } = resolveRules(DEFAULT_PACK, {}, [extra], { knownMetrics: ['win_rate', 'grr'] });
    expect(problems.filter((p) => p.startsWith('packs[0]'))).toEqual(["packs[0].rules[0].metric: unknown metric 'win_rat' (did you mean win_rate?)"]);
  });

  it('reports areas whose weights are all zero', () => {
    const zero: RulePack = { ...DEFAULT_PACK, areas: DEFAULT_PACK.areas?.map((a) => ({ ...a, weight: 0 })) };
    expect(resolveRules(zero).problems).toEqual(['areas: every area weight is 0, so no overall score can be computed']);
  });

  it('reports a rule whose area has no entry in the base pack, and adds it with weight 0', () => {
    const partial: RulePack = { ...DEFAULT_PACK, areas: DEFAULT_PACK.areas?.filter((a) => a.id !== 'data_quality') };
    const { problems, areas } = resolveRules(partial);
    expect(problems).toEqual(["areas: no entry for area 'data_quality' used by rule rejected_row_rate; it is added with weight 0"]);
    expect(areas.at(-1)).toEqual({ id: 'data_quality', title: 'Data quality', weight: 0 });
  });
});

describe('thresholdsFor', () => {
  const grr = DEFAULT_PACK.rules.find((r) => r.id === 'grr') as Rule;
  const winRate = DEFAULT_PACK.rules.find((r) => r.id === 'win_rate') as Rule;

  it.each([
    ['smb', 'smb'],
    ['mid-market', 'mid-market'],
    ['enterprise', 'enterprise'],
    ['mixed', 'default'],
  ] as const)('segment %s uses the %s thresholds of a segmented rule', (segment, used) => {
    expect(thresholdsFor(grr, segment).segmentUsed).toBe(used);
  });

  it('falls back to default when the rule has no entry for the segment', () => {
    expect(thresholdsFor(winRate, 'enterprise')).toEqual({ segmentUsed: 'default', thresholds: winRate.thresholds.default });
  });
});

describe('suggest', () => {
  it('finds the closest id within a small distance', () => {
    expect(suggest('win_rat', ['grr', 'win_rate', 'win_rate_by_value'])).toBe('win_rate');
    expect(suggest('nrrr', ['grr', 'nrr'])).toBe('nrr');
    expect(suggest('completely_different', ['grr', 'nrr'])).toBeNull();
  });
});
