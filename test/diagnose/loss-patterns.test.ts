/**
 * Issue 18: the three loss-reason patterns read the same leading category, so at most one fires.
 * Each pattern's own cases: test/diagnose/patterns/{price-led-losses,competitive-displacement,qualification-gap}.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { detect, lossInputs, metric } from './helpers.js';

const PATTERNS = ['price_led_losses', 'competitive_displacement', 'qualification_gap'] as const;

describe('loss-reason patterns', () => {
  it.each([
    // price 20 × 5k = 100k leads competitor 30 × 3k = 90k by value (not by count) → price 100/190 = 52.6%
    { name: 'price leads by value', spec: [['Price', 20, 5_000], ['Competitor', 30, 3_000]], fires: 'price_led_losses' },
    { name: 'competitor leads', spec: [['Lost to competitor', 25, 4_000], ['Price', 10, 4_000]], fires: 'competitive_displacement' },
    // no decision 15 × 4k + no budget 10 × 4k = 100k vs price 10 × 4k = 40k
    { name: '"no decision" and "no budget" lead together', spec: [['No decision', 15, 4_000], ['No budget', 10, 4_000], ['Price', 10, 4_000]], fires: 'qualification_gap' },
    // five categories of 20% each
    { name: 'no category reaches a quarter of the lost value', spec: [['Price', 10, 1_000], ['Competitor', 10, 1_000], ['No decision', 10, 1_000], ['Timing', 10, 1_000], ['Missing feature', 10, 1_000]], fires: null },
  ] as const)('$name → $fires, and only it', ({ spec, fires }) => {
    const cro = lossInputs(spec);
    for (const id of PATTERNS) {
      const d = detect(id, [metric('win_rate', 0.25, { won: 25, lost: 75 })], { cro });
      expect([id, d.fired, d.missing]).toEqual([id, id === fires, null]);
    }
  });
});
