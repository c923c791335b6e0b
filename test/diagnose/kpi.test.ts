/**
 * Issue 14 point 5: a KPI's "now" is the metric it names, and a target is always better than today.
 */
import { describe, expect, it } from 'vitest';
import { betterThanToday } from '../../src/diagnose/diagnose.js';
import { PATTERNS } from '../../src/diagnose/patterns/index.js';
import { PatternInput } from '../../src/diagnose/signals.js';
import { DEFAULT_PACK } from '../../src/rules/default-pack.js';
import { evaluateRules } from '../../src/rules/evaluate.js';
import { metric, point, profileFor } from './helpers.js';

describe('every KPI with a current value names that metric in its first target', () => {
  const steps = PATTERNS.flatMap((p) => p.process.map((s) => ({ id: p.id, ...s })));
  it.each(steps.filter((s) => s.kpiMetric !== undefined && s.kpi.includes('{')))('$id: $kpi', (s) => {
    const first = /\{([a-z0-9_]+)\./.exec(s.kpi)?.[1];
    expect(first).toBe(s.kpiMetric);
  });
});

describe('betterThanToday (mixed segment, default pack)', () => {
  const input = new PatternInput({
    metrics: [],
    rules: evaluateRules([metric('grr', 0.5)], DEFAULT_PACK.rules, 'mixed'),
    profile: profileFor(),
    series: {},
    asOf: null,
    ruleDefs: DEFAULT_PACK.rules,
  });
  const grrPass = point('grr', 'pass'); // (0.90 + 0.86) / 2 = 0.88
  const grrGood = point('grr', 'good'); // 0.90
  const payGood = point('cac_payback_months', 'good');
  it.each([
    { name: 'below the pass point: the pass point stays', kpi: 'GRR ≥ {grr.pass}', metricId: 'grr', now: grrPass - 0.05, unit: 'ratio' as const, want: 'GRR ≥ {grr.pass}', appendNow: true },
    { name: 'already passing: the target moves to the good point', kpi: 'GRR ≥ {grr.pass}', metricId: 'grr', now: (grrPass + grrGood) / 2, unit: 'ratio' as const, want: 'GRR ≥ {grr.good}', appendNow: true },
    {
      name: 'already better than good: hold today, never a goal already met ("CAC payback ≤ 18 mo (now 6.6 mo)")',
      kpi: 'CAC payback ≤ {cac_payback_months.good}',
      metricId: 'cac_payback_months',
      now: 6.6,
      unit: 'months' as const,
      want: new RegExp(`^CAC payback ≤ 6\\.6 mo \\(today; benchmark ${String(payGood)}\\.0 mo met: hold\\)$`),
      appendNow: false,
    },
  ])('$name', ({ kpi, metricId, now, unit, want, appendNow }) => {
    const out = betterThanToday(kpi, metricId, now, input, unit);
    if (typeof want === 'string') expect(out.kpi).toBe(want);
    else expect(out.kpi).toMatch(want);
    expect(out.appendNow).toBe(appendNow);
  });
});

describe('watched rules are not failing rules (issue 14 point 5)', () => {
  it('a rule in its watch band (status warn) is left out of every function\'s failing rules', async () => {
    const { run } = await import('./helpers.js');
    // GRR 87% (mixed: fair 86%, pass 88%): warn; NRR 80%: fail
    const metrics = [metric('grr', 0.87, { arrBefore: 1_000_000 }), metric('nrr', 0.8, { arrBefore: 1_000_000 })];
    const statuses = Object.fromEntries(evaluateRules(metrics, DEFAULT_PACK.rules, 'mixed').map((r) => [r.id, r.status]));
    expect([statuses['grr'], statuses['nrr']]).toEqual(['warn', 'fail']);
    const failing = run(metrics).byFunction.flatMap((g) => g.failingRules);
    expect(failing).toContain('nrr');
    expect(failing).not.toContain('grr');
  });
});
