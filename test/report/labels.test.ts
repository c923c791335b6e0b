/**
 * The tables renderers share with the modules that compute (issue 15), defined once in base/ and
 * the contract: the ingest presets take their titles from base/labels.ts, the loss-reasons metric
 * its category words, the contract its category and list names; the pass line is base/score-scale.ts.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LOSS_CATEGORY_IDS, LOSS_CATEGORY_LABELS, PRESET_TITLES, presetTitle } from '../../src/base/labels.js';
import { pointOf, type ControlPoints, type ThresholdPoint } from '../../src/base/score-scale.js';
import { INPUT_KINDS, type InputKind } from '../../src/base/model.js';
import { presetsFor } from '../../src/ingest/presets.js';
import { benchmarkLabel, presetLabel } from '../../src/report/labels.js';
import { contractSchemas } from '../../src/audit/contract.js';

describe('preset titles', () => {
  it.each(INPUT_KINDS.map((k) => [k]))('%s: one title per preset id, and each preset shows its own', (kind) => {
    const presets = presetsFor(kind);
    const ids = presets.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(Object.keys(PRESET_TITLES[kind]).sort()).toEqual([...ids].sort());
    for (const p of presets) expect(presetLabel(kind, p.id)).toBe(p.title);
  });

  it.each([
    ['deals', 'hubspot', 'HubSpot deals export'],
    ['deals', 'generic', 'generic snake_case layout'],
    ['spend', 'generic', 'generic spend layout'],
    ['subscriptions', 'chargebee', 'Chargebee-style subscriptions export'],
    // not a preset of this kind, or not a preset at all: the id as it is
    ['deals', 'google_ads', 'google_ads'],
    ['accounts', 'hubspot', 'hubspot'],
    ['deals', 'toString', 'toString'],
    ['renewals', '', ''],
  ] as [InputKind, string, string][])('%s %j -> %j', (kind, id, expected) => {
    expect(presetTitle(kind, id)).toBe(expected);
    expect(presetLabel(kind, id)).toBe(expected);
  });
});

describe('loss categories', () => {
  it('every category the contract accepts has its words, in the contract order', () => {
    expect(Object.keys(LOSS_CATEGORY_LABELS)).toEqual([...LOSS_CATEGORY_IDS]);
    // the published schema's enums of the losses block that name a category (reasons and categories)
    const json = JSON.stringify(z.toJSONSchema(contractSchemas().losses));
    const enums = [...json.matchAll(/"enum":(\[[^\]]*\])/g)].map((m) => JSON.parse(m[1] as string) as string[]).filter((e) => e.includes('price'));
    expect(enums).toEqual([
      ['price', 'competitor', 'no_decision', 'timing', 'product', 'other', 'not_given'],
      ['price', 'competitor', 'no_decision', 'timing', 'product', 'other', 'not_given'],
    ]);
  });
});

describe('the pass line', () => {
  const higher: ControlPoints = { good: 0.9, fair: 0.8, poor: 0.7 };
  const band: ControlPoints = { good: 3, fair: 2, poor: 1, goodMax: 5, fairMax: 7, poorMax: 9 };
  it.each([
    // pass scores 80, half-way from fair (60) to good (100)
    [higher, 'pass', 0.85],
    [higher, 'passMax', null],
    [higher, 'fair', 0.8],
    [higher, 'goodMax', null],
    [band, 'pass', 2.5],
    [band, 'passMax', 6],
    [band, 'poorMax', 9],
    // lower is better: the same half-way point, now above good
    [{ good: 30, fair: 50, poor: 70 }, 'pass', 40],
  ] as [ControlPoints, ThresholdPoint, number | null][])('%j %s -> %j', (t, point, expected) => {
    const v = pointOf(t, point);
    if (expected === null) expect(v).toBeNull();
    else expect(v).toBeCloseTo(expected, 12);
  });

  it.each([
    ['higher', { good: 0.9, fair: 0.8, poor: 0.7 }, 'ratio', 'pass ≥ 85%, good ≥ 90%'],
    ['lower', { good: 12, fair: 18, poor: 24 }, 'months', 'pass ≤ 15 mo, good ≤ 12 mo'],
  ] as const)('benchmarkLabel %s %j %s -> %j', (direction, t, unit, expected) => {
    expect(benchmarkLabel(direction, t, unit, 'USD')).toBe(expected);
  });
});
