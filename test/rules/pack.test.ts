import { describe, expect, it } from 'vitest';
import { METRICS } from '../../src/metrics/registry.js';
import { METRIC_AREAS } from '../../src/metrics/types.js';
import { DEFAULT_PACK, UNGRADED_METRICS } from '../../src/rules/default-pack.js';
import { resolveRules } from '../../src/rules/resolve.js';
import { scoreValue } from '../../src/rules/scoring.js';
import {
  DIRECTIONS,
  OWNERS,
  rulePackSchema,
  SEVERITIES,
  THRESHOLD_KEYS,
  thresholdOrderProblems,
  validatePack,
  type Rule,
  type RulePack,
} from '../../src/rules/schema.js';

const RULES: readonly Rule[] = DEFAULT_PACK.rules;
const cases = RULES.map((r) => [r.id, r] as const);

/** The metric ids of the catalogue the issue names; all but the informative ones must be graded. */
const CATALOGUE = [
  'bookings_growth_yoy', 'bookings_growth_qoq', 'arr_growth', 'rule_of_40', 'forecast_accuracy', 'top10_concentration',
  'largest_account_share', 'win_rate', 'win_rate_by_value', 'avg_deal_size', 'sales_cycle_days', 'pipeline_velocity',
  'pipeline_coverage', 'pipeline_per_marketing_dollar', 'stale_pipeline_share', 'quarter_end_skew', 'rep_concentration',
  'quota_attainment', 'lead_to_opportunity_rate', 'cac_payback_months', 'new_arr_per_sm_dollar', 'magic_number', 'ltv_to_cac',
  'grr', 'nrr', 'logo_retention', 'expansion_share', 'rejected_row_rate', 'missing_source_share', 'missing_owner_share',
  'past_due_open_deals', 'data_freshness_days',
];

describe('the default pack', () => {
  it('is a valid rule pack', () => {
    expect(validatePack(DEFAULT_PACK).problems).toEqual([]);
    expect(rulePackSchema().safeParse(DEFAULT_PACK).success).toBe(true);
  });

  it('comes out of its zod pass unchanged, so an audit may skip that pass (trustBase) and resolve the same rules', () => {
    expect(rulePackSchema().parse(DEFAULT_PACK)).toEqual(DEFAULT_PACK);
    const knownMetrics = METRICS.map((m) => m.id);
    const overrides = { grr: { weight: 2 }, nrr: { disabled: true } };
    expect(resolveRules(DEFAULT_PACK, overrides, [], { knownMetrics, trustBase: true })).toEqual(resolveRules(DEFAULT_PACK, overrides, [], { knownMetrics }));
  });

  it('trustBase skips only the base pack: a broken extra pack is still reported', () => {
    const broken = { schemaVersion: 1, rules: [{ id: 'Bad Id' }] } as unknown as RulePack;
    expect(resolveRules(DEFAULT_PACK, {}, [broken], { trustBase: true }).problems.some((p) => p.startsWith('packs[0].rules[0]'))).toBe(true);
  });

  it('resolves against the metric registry with zero problems', () => {
    const { problems } = resolveRules(DEFAULT_PACK, {}, [], { knownMetrics: METRICS.map((m) => m.id) });
    expect(problems).toEqual([]);
  });

  it('has unique rule ids', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has every area once, in METRIC_AREAS order, with a positive weight', () => {
    expect(DEFAULT_PACK.areas?.map((a) => a.id)).toEqual([...METRIC_AREAS]);
    for (const a of DEFAULT_PACK.areas ?? []) expect(a.weight).toBeGreaterThan(0);
  });

  it('grades every gradable metric of the catalogue and says why the others are not graded', () => {
    const graded = new Set(RULES.map((r) => r.metric));
    for (const id of CATALOGUE) {
      expect(graded.has(id) || id in UNGRADED_METRICS, `${id} is neither graded nor listed as ungraded`).toBe(true);
    }
    for (const id of Object.keys(UNGRADED_METRICS)) expect(graded.has(id), `${id} is graded and listed as ungraded`).toBe(false);
  });

  it('covers every registered metric: graded by a rule or listed as ungraded', () => {
    const graded = new Set(RULES.map((r) => r.metric));
    const uncovered = METRICS.map((m) => m.id).filter((id) => !graded.has(id) && !(id in UNGRADED_METRICS));
    expect(uncovered).toEqual([]);
  });

  it('every area has at least one scored rule', () => {
    for (const area of METRIC_AREAS) expect(RULES.some((r) => r.area === area && r.weight > 0), area).toBe(true);
  });
});

describe.each(cases)('rule %s', (_id, rule) => {
  it('has known area, owner, severity and direction', () => {
    expect(METRIC_AREAS).toContain(rule.area);
    expect(OWNERS).toContain(rule.owner);
    expect(SEVERITIES).toContain(rule.severity);
    expect(DIRECTIONS).toContain(rule.direction);
  });

  it('judges the metric of the same id, with the area and unit the registry gives it', () => {
    expect(rule.metric).toBe(rule.id);
    const metric = METRICS.find((m) => m.id === rule.metric);
    expect(metric, `metric ${rule.metric} is not registered`).toBeDefined();
    expect(rule.area).toBe(metric?.area);
    expect(rule.unit).toBe(metric?.unit);
  });

  it('has titles, a why, and a non-empty source that cites a BENCHMARKS.md key or says it is a rule of thumb', () => {
    expect(rule.title.trim()).not.toBe('');
    expect(rule.failureTitle.trim()).not.toBe('');
    expect(rule.failureTitle).not.toBe(rule.title);
    expect(rule.why?.trim() ?? '').not.toBe('');
    expect(rule.source.trim().length).toBeGreaterThan(40);
    expect(/\[(S|L|C)\d+'*\]/.test(rule.source) || /rule of thumb/i.test(rule.source)).toBe(true);
  });

  it('says so when one threshold serves all segments', () => {
    const keys = Object.keys(rule.thresholds);
    if (keys.length === 1) expect(rule.source).toMatch(/one threshold serves all segments/i);
  });

  it('has control points in order for its direction in every segment', () => {
    for (const key of THRESHOLD_KEYS) {
      const t = rule.thresholds[key];
      if (t === undefined) continue;
      expect(thresholdOrderProblems(rule.direction, t), `${rule.id}.thresholds.${key}`).toEqual([]);
      // the control points land on their scores
      expect(scoreValue(t.good, rule.direction, t)).toBe(100);
      expect(scoreValue(t.fair, rule.direction, t)).toBe(60);
      expect(scoreValue(t.poor, rule.direction, t)).toBe(20);
    }
  });

  it('uses fractions for ratios', () => {
    if (rule.unit !== 'ratio') return;
    for (const key of THRESHOLD_KEYS) {
      const t = rule.thresholds[key];
      if (t === undefined) continue;
      for (const v of [t.good, t.fair, t.poor, t.goodMax, t.fairMax, t.poorMax]) {
        if (v !== undefined) expect(Math.abs(v)).toBeLessThanOrEqual(2);
      }
    }
  });
});

describe('the default pack is frozen', () => {
  it('cannot be changed by a caller', () => {
    expect(Object.isFrozen(DEFAULT_PACK)).toBe(true);
    expect(Object.isFrozen(DEFAULT_PACK.rules[0]?.thresholds.default)).toBe(true);
  });
});
