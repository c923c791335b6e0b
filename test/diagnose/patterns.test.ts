/**
 * The pattern catalogue (patterns/index.ts). Each pattern's own cases are in
 * test/diagnose/patterns/<pattern-id>.test.ts, on the PatternTester (test/helpers/pattern-tester.ts):
 * a small metric set that fires it, one just on the other side of its threshold that does not,
 * and its impact reproduced by hand.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { IMPACT_MODEL, PATTERNS, PATTERN_IDS } from '../../src/diagnose/patterns/index.js';

const ISSUE_IDS = [
  'leaky_bucket',
  // issue 14 point 6: retention judged from renewals or subscriptions alone
  'high_churn',
  'expensive_growth',
  'under_investment',
  'pipeline_starvation',
  'stale_pipeline',
  'quarter_end_hockey_stick',
  'marketing_sales_disconnect',
  'channel_misallocation',
  'hero_rep_dependency',
  'customer_concentration',
  'slowing_velocity',
  'expansion_gap',
  'unreliable_forecast',
  'data_blind_spots',
  'growth_profit_imbalance',
  // issue 18: why we lose
  'price_led_losses',
  'competitive_displacement',
  'qualification_gap',
];

describe('the catalogue', () => {
  it('has exactly the public pattern ids of the issue, in its order', () => {
    expect(PATTERN_IDS).toEqual(ISSUE_IDS);
  });

  it('gives every pattern owners, requirements, triggers, an impact formula, a path and a 30/60/90 process', () => {
    for (const p of PATTERNS) {
      expect(p.owners.length, p.id).toBeGreaterThan(0);
      expect(p.requires.length, p.id).toBeGreaterThan(0);
      expect(p.triggers.length, p.id).toBeGreaterThan(0);
      expect(p.impactFormula.length, p.id).toBeGreaterThan(20);
      expect(p.path.length, p.id).toBeGreaterThan(20);
      expect(p.process.map((s) => s.by), p.id).toEqual([30, 60, 90]);
    }
  });
});

// ESLint's checkRuleFiles: every pattern has its own source file, named after its id, and its own test file
describe('one file per pattern', () => {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const file = (id: string): string => id.replace(/_/g, '-');
  const SHARED = ['index.ts', 'kit.ts', 'loss-reasons.ts'];
  it.each(PATTERN_IDS.map((id) => [id]))('%s: src/diagnose/patterns/<id>.ts declares it, test/diagnose/patterns/<id>.test.ts tests it on the PatternTester', (id) => {
    const src = join(root, 'src', 'diagnose', 'patterns', `${file(id)}.ts`);
    const test = join(root, 'test', 'diagnose', 'patterns', `${file(id)}.test.ts`);
    expect(readFileSync(src, 'utf8')).toContain(`id: '${id}'`);
    expect(existsSync(test)).toBe(true);
    expect(readFileSync(test, 'utf8')).toMatch(/new PatternTester\(\w+\)\.run\(/);
  });
  it('holds no file that is neither a pattern of the catalogue nor shared (kit, index, loss reasons)', () => {
    const files = readdirSync(join(root, 'src', 'diagnose', 'patterns')).filter((f) => !SHARED.includes(f));
    expect(files.sort()).toEqual(PATTERN_IDS.map((id) => `${file(id)}.ts`).sort());
  });
  it('gives every pattern an impact model (IMPACT_MODEL is assembled from them)', () => {
    expect(Object.keys(IMPACT_MODEL)).toEqual(PATTERN_IDS);
    for (const p of PATTERNS) expect(['loss', 'risk', 'upside'], p.id).toContain(p.impactModel.kind);
  });
});
