/**
 * Issue 18: the loss-reason patterns. The category leading the lost value (among deals that give a
 * reason) decides which pattern fires; too few reasons → could not check.
 */
import { describe, expect, it } from 'vitest';
import { NO_CRO_INPUTS } from '../../src/diagnose/cro-inputs.js';
import { computeLossReasons } from '../../src/metrics/loss-reasons.js';
import { detect, metric } from './helpers.js';
import { makeCtx, makeDataset, makeDeal } from '../helpers/builders.js';

const ctx = makeCtx('2025-12-31');

/** Lost deals: n per reason, each of `units`. */
function losses(spec: readonly [string | null, number, number][]) {
  const deals = spec.flatMap(([reason, n, units]) => Array.from({ length: n }, () => makeDeal({ status: 'lost', lostReason: reason, amountCents: units * 100, closed: '2025-06-01' })));
  return { ...NO_CRO_INPUTS, losses: computeLossReasons(makeDataset({ deals }), ctx) };
}

const PATTERNS = ['price_led_losses', 'competitive_displacement', 'qualification_gap'] as const;

describe('loss-reason patterns', () => {
  it.each([
    // price 20 × 5k = 100k leads competitor 30 × 3k = 90k by value (not by count) → price 100/190 = 52.6%
    { name: 'price leads by value', spec: [['Price', 20, 5_000], ['Competitor', 30, 3_000]], fires: 'price_led_losses' },
    { name: 'competitor leads', spec: [['Lost to competitor', 25, 4_000], ['Price', 10, 4_000]], fires: 'competitive_displacement' },
    // no decision 15 × 4k + no budget 10 × 4k = 100k vs price 10 × 4k = 40k
    { name: '"no decision" and "no budget" lead together', spec: [['No decision', 15, 4_000], ['No budget', 10, 4_000], ['Price', 10, 4_000]], fires: 'qualification_gap' },
  ] as const)('$name → $fires, and only it', ({ spec, fires }) => {
    const cro = losses(spec as unknown as [string, number, number][]);
    for (const id of PATTERNS) {
      const d = detect(id, [metric('win_rate', 0.25, { won: 25, lost: 75 })], { cro });
      expect([id, d.fired, d.missing]).toEqual([id, id === fires, null]);
    }
  });
  it('states the evidence and a ceiling, not a loss', () => {
    const d = detect('price_led_losses', [metric('win_rate', 0.25, { won: 25, lost: 75 })], { cro: losses([['Price', 20, 5_000], ['Competitor', 30, 3_000]]) });
    expect(d.evidence[0]).toBe('Price / packaging leads why deals are lost: 52.6% of the lost value that has a reason ($100.0k in 20 of 50 deals) in the last twelve months.');
    expect(d.impact.annual).toBeNull();
    // 100k × 25% = 25k
    expect(d.impact.formula).toContain('at most $25.0k of bookings a year');
  });
  it.each([
    { name: 'fewer than 30 reasons', spec: [['Price', 29, 1_000]], missing: 'needs a lost reason on at least 30 lost deals and half of them (29 of 29 carry one)' },
    { name: 'reasons on under half the losses', spec: [['Price', 30, 1_000], [null, 31, 1_000]], missing: 'needs a lost reason on at least 30 lost deals and half of them (30 of 61 carry one)' },
  ] as const)('could not check: $name', ({ spec, missing }) => {
    const d = detect('price_led_losses', [metric('win_rate', 0.25)], { cro: losses(spec as unknown as [string | null, number, number][]) });
    expect([d.fired, d.missing]).toEqual([false, missing]);
  });
  it('is quiet when no category reaches a quarter of the lost value', () => {
    // five categories of 20% each
    const cro = losses([['Price', 10, 1_000], ['Competitor', 10, 1_000], ['No decision', 10, 1_000], ['Timing', 10, 1_000], ['Missing feature', 10, 1_000]]);
    for (const id of PATTERNS) expect(detect(id, [metric('win_rate', 0.25)], { cro }).fired).toBe(false);
  });
});
