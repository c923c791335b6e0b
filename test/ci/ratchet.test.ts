/**
 * The ratchet as pure functions: floor thresholds put today's value exactly on the warn/fail line
 * for every direction (worse fails, better scores higher), failing rules become warnings and
 * nothing else changes, the floors come back as hints, and override files merge like the config.
 */
import { describe, expect, it } from 'vitest';
import type { RuleResult } from '../../src/rules/evaluate.js';
import {
  overridesFileSchema,
  buildRatchet,
  floorThresholds,
  mergeOverrides,
  ratchetStatus,
  tightenRatchet,
} from '../../src/rules/ratchet.js';
import { resolveRules } from '../../src/rules/resolve.js';
import { DEFAULT_PACK } from '../../src/rules/default-pack.js';
import { roundScore, scoreValue, statusFor } from '../../src/rules/scoring.js';
import type { Direction, Thresholds } from '../../src/rules/schema.js';

const score = (v: number, d: Direction, t: Thresholds): number => roundScore(scoreValue(v, d, t));

describe('floorThresholds', () => {
  const cases: { name: string; direction: Direction; t: Thresholds; v: number; worse: number; better: number }[] = [
    { name: 'higher (GRR 80 % against good 90 / fair 87.5 / poor 85)', direction: 'higher', t: { good: 0.9, fair: 0.875, poor: 0.85 }, v: 0.8, worse: 0.7999, better: 0.82 },
    { name: 'lower (payback 30 months against 18 / 21 / 24)', direction: 'lower', t: { good: 18, fair: 21, poor: 24 }, v: 30, worse: 30.01, better: 28 },
    { name: 'band, below the band (win rate 12 %)', direction: 'band', t: { good: 0.3, fair: 0.2, poor: 0.15, goodMax: 0.4, fairMax: 0.55, poorMax: 0.75 }, v: 0.12, worse: 0.1199, better: 0.14 },
    { name: 'band, above the band (LTV:CAC 9×)', direction: 'band', t: { good: 3, fair: 2, poor: 1, goodMax: 5, fairMax: 6, poorMax: 8 }, v: 9, worse: 9.01, better: 8.5 },
    { name: 'higher, tiny money value', direction: 'higher', t: { good: 1_000_000, fair: 500_000, poor: 100_000 }, v: 1234.56, worse: 234.56, better: 2000 },
  ];
  // "a hair": scores are rounded to one decimal, so the fail line sits k ÷ 200 below the floor,
  // k ≤ a quarter of the benchmark's fair–poor gap (1/800 of that gap at most)
  it.each(cases)('$name: today scores 50 (warn), a hair worse fails, better scores more', (c) => {
    const f = floorThresholds(c.direction, c.t, c.v);
    expect(f).not.toBeNull();
    const t = (f as { thresholds: Thresholds }).thresholds;
    expect(score(c.v, c.direction, t)).toBe(50);
    expect(statusFor(scoreValue(c.v, c.direction, t))).toBe('warn');
    expect(statusFor(scoreValue(c.worse, c.direction, t))).toBe('fail');
    expect(score(c.better, c.direction, t)).toBeGreaterThan(50);
    // the good point (the benchmark's target) is kept
    if (c.direction === 'band' && c.v > (c.t.goodMax as number)) expect(t.goodMax).toBe(c.t.goodMax);
    else expect(t.good).toBe(c.t.good);
  });

  it('a value that does not fail its side gets no floor', () => {
    expect(floorThresholds('higher', { good: 0.9, fair: 0.8, poor: 0.7 }, 0.95)).toBeNull();
    expect(floorThresholds('lower', { good: 10, fair: 20, poor: 30 }, 5)).toBeNull();
  });
});

function rule(partial: Partial<RuleResult> & Pick<RuleResult, 'id' | 'status' | 'value'>): RuleResult {
  return {
    metric: partial.id,
    area: 'retention',
    title: partial.id,
    direction: 'higher',
    segmentUsed: 'default',
    thresholds: { good: 0.9, fair: 0.86, poor: 0.82 },
    unit: 'ratio',
    score: null,
    severity: 'critical',
    weight: 1,
    owner: 'Customer Success',
    source: 'x',
    reason: null,
    ...partial,
  };
}

describe('buildRatchet and ratchetStatus', () => {
  const rules: RuleResult[] = [
    rule({ id: 'grr', status: 'fail', value: 0.8 }),
    rule({ id: 'nrr', status: 'pass', value: 1.1 }),
    rule({ id: 'logo_retention', status: 'warn', value: 0.87 }),
    rule({ id: 'expansion_share', status: 'fail', value: 0.1, severity: 'info', thresholds: { good: 0.4, fair: 0.28, poor: 0.16 } }),
    rule({ id: 'ltv_to_cac', status: 'n/a', value: null }),
  ];
  const file = buildRatchet(rules, { asOf: '2025-11-30', segment: 'mid-market', toolVersion: '9.9.9' });

  it('turns failing rules into warnings (info stays info) and leaves passing, watched and n/a rules alone', () => {
    expect(Object.keys(file.overrides)).toEqual(['grr', 'expansion_share']);
    expect(file.overrides['grr']?.severity).toBe('warning');
    expect(file.overrides['expansion_share']?.severity).toBe('info');
    expect(file.ratchet?.floors['grr']).toMatchObject({ value: 0.8, direction: 'higher', severity: 'critical', benchmark: { good: 0.9, fair: 0.86, poor: 0.82 } });
    expect(overridesFileSchema().safeParse(JSON.parse(JSON.stringify(file))).success).toBe(true);
  });

  it('the written overrides load through the normal rule resolution', () => {
    const resolved = resolveRules(DEFAULT_PACK, file.overrides);
    expect(resolved.problems).toEqual([]);
    const grr = resolved.rules.find((r) => r.id === 'grr');
    expect(grr?.severity).toBe('warning');
    expect(Object.keys(grr?.thresholds ?? {})).toEqual(['default']);
  });

  it('hints: better than the floor → tighten to the value; clear of the benchmark fail line → remove; worse → below floor', () => {
    const later = (grr: number, exp: number): RuleResult[] => [rule({ id: 'grr', status: 'warn', value: grr }), rule({ id: 'expansion_share', status: 'warn', value: exp })];
    const s1 = ratchetStatus(later(0.81, 0.1), file, 'revhealth.ratchet.json');
    expect(s1?.hints.map((h) => [h.rule, h.status, h.suggestion])).toEqual([
      ['expansion_share', 'at_floor', null],
      ['grr', 'tighten', 0.81],
    ]);
    expect(s1?.hints[1]?.message).toBe('grr: 81.0% — you now beat this floor (80.0%); tighten it to 81.0%');
    const s2 = ratchetStatus(later(0.85, 0.05), file, 'f');
    expect(s2?.hints.map((h) => [h.rule, h.status])).toEqual([
      ['expansion_share', 'below_floor'],
      ['grr', 'benchmark_met'],
    ]);
    const t = tightenRatchet(file, s1 as NonNullable<typeof s1>, '2025-12-31');
    expect(t.file.ratchet?.floors['grr']?.value).toBe(0.81);
    expect(t.file.ratchet?.asOf).toBe('2025-12-31');
    const g = t.file.overrides['grr']?.thresholds?.['default'] as Thresholds;
    expect(score(0.81, 'higher', g)).toBe(50);
    const removed = tightenRatchet(file, s2 as NonNullable<typeof s2>, '2025-12-31');
    expect(removed.file.overrides['grr']).toBeUndefined();
    expect(removed.file.ratchet?.floors['grr']).toBeUndefined();
    expect(removed.changed).toEqual(['grr: ratchet entry removed (the benchmark applies again)']);
  });

  it('a rule without a value keeps its floor and says why', () => {
    const s = ratchetStatus([rule({ id: 'grr', status: 'n/a', value: null, reason: 'needs a renewals file (--renewals)' })], file, 'f');
    expect(s?.hints.find((h) => h.rule === 'grr')).toMatchObject({ status: 'n/a', message: 'grr: no value this time (needs a renewals file (--renewals)); floor 80.0% kept' });
  });
});

describe('mergeOverrides (rules.overridesFiles after rules.overrides)', () => {
  it('later files win per key; thresholds.default replaces earlier thresholds whole, segment keys merge', () => {
    const merged = mergeOverrides(
      { grr: { weight: 5, thresholds: { smb: { good: 0.9, fair: 0.85, poor: 0.8 } } }, nrr: { disabled: true } },
      { grr: { severity: 'warning', thresholds: { default: { good: 0.9, fair: 0.83, poor: 0.78 } } }, win_rate: { weight: 1 } },
    );
    expect(merged).toEqual({
      grr: { weight: 5, severity: 'warning', thresholds: { default: { good: 0.9, fair: 0.83, poor: 0.78 } } },
      nrr: { disabled: true },
      win_rate: { weight: 1 },
    });
    const segments = mergeOverrides(
      { grr: { thresholds: { smb: { good: 0.9, fair: 0.85, poor: 0.8 } } } },
      { grr: { thresholds: { enterprise: { good: 0.95, fair: 0.92, poor: 0.9 } } } },
    );
    expect(Object.keys(segments['grr']?.thresholds ?? {})).toEqual(['smb', 'enterprise']);
  });

  it('an overrides file is validated: unknown keys and bad overrides are problems', () => {
    expect(overridesFileSchema().safeParse({ overrides: { grr: { weight: -1 } } }).success).toBe(false);
    expect(overridesFileSchema().safeParse({ overrides: {}, extra: 1 }).success).toBe(false);
    expect(overridesFileSchema().safeParse({ overrides: { grr: { disabled: true } } }).success).toBe(true);
  });
});
