import { describe, expect, it } from 'vitest';
import { IMPACT_MODEL_TEXT, explainPattern, listPatterns } from '../../src/diagnose/explain.js';
import { PATTERNS, PATTERN_IDS } from '../../src/diagnose/patterns/index.js';
import { DEFAULT_PACK } from '../../src/rules/default-pack.js';
import type { Rule } from '../../src/rules/schema.js';

describe('explainPattern', () => {
  it('documents every pattern: title, owners, metrics, triggers, impact formula, path and process', () => {
    for (const p of PATTERNS) {
      const text = explainPattern(p.id);
      expect(text, p.id).not.toBeNull();
      const t = text as string;
      expect(t.startsWith(`${p.id} — ${p.title}\n`)).toBe(true);
      expect(t).toContain(`owners    ${p.owners.join(', ')}`);
      expect(t).toContain(`metrics   ${p.requires.join(', ')}`);
      expect(t).toContain(p.impactFormula);
      expect(t).toContain(p.path);
      for (const s of p.process) expect(t).toContain(s.step.replace(/\{.*$/, ''));
      for (const tr of p.triggers) expect(t).toContain(tr.label);
      expect(t, p.id).not.toMatch(/\{[a-z0-9_.]+\}/);
    }
  });

  it('prints the thresholds per segment from the rule pack', () => {
    const t = explainPattern('leaky_bucket') as string;
    expect(t).toContain('grr < rule grr pass point: default 88.0%, smb 86.0%, mid-market 88.8%, enterprise 92.3%');
    expect(t).toContain('watch band: up to rule grr good point: default 90.0%, smb 88.0%, mid-market 90.0%, enterprise 93.0%');
  });

  it('follows the active rules when given (config overrides)', () => {
    const rules: Rule[] = DEFAULT_PACK.rules.map((r) => (r.id === 'grr' ? { ...r, thresholds: { default: { good: 0.95, fair: 0.85, poor: 0.8 } } } : r));
    expect(explainPattern('leaky_bucket', rules)).toContain('grr < rule grr pass point: default 90.0%');
  });

  it('returns null for an unknown id', () => {
    expect(explainPattern('leaky_buckets')).toBeNull();
  });

  it('lists every pattern id once', () => {
    const lines = listPatterns().trimEnd().split('\n');
    expect(lines.map((l) => l.split(' ')[0])).toEqual(PATTERN_IDS);
  });
});

describe('the impact model text agrees with the patterns (issue 14, QA)', () => {
  it('a slower sales cycle is a risk (timing), not a loss', () => {
    const lines = IMPACT_MODEL_TEXT.split('\n');
    expect(lines.find((l) => l.trim().startsWith('loss'))).not.toMatch(/velocity|cycle/);
    expect(lines.find((l) => l.trim().startsWith('risk'))).toMatch(/slower sales cycle/);
  });
});
