/**
 * Grades each engine (metrics/engines.ts) against its own segment's benchmarks: the same rules,
 * thresholds and 0–100 scoring as the company grades, with the thresholds the rule pack holds for
 * the segment the engine names (SMB engines on SMB points, Mid-Market on mid-market points...).
 *
 * Minimum evidence: the deal metrics (win rate, cycle, rep share, growth) are graded only for an
 * engine with at least MIN_ENGINE_CLOSED_DEALS closed deals in the window; GRR and NRR only with at
 * least MIN_ENGINE_RENEWALS renewals; growth only when the prior year has bookings.
 */
import { MIN_ENGINE_RENEWALS, type Engine, type EngineGrade, type EnginesBlock } from '../metrics/engines.js';
import { thresholdsFor } from '../rules/resolve.js';
import type { Rule } from '../rules/schema.js';
import { roundScore, scoreValue, statusFor } from '../rules/scoring.js';

/** Engine field graded by each rule, in display order. */
export const ENGINE_RULES: readonly { readonly rule: string; readonly value: (e: Engine) => number | null; readonly needs: 'deals' | 'renewals' }[] = [
  { rule: 'bookings_growth_yoy', value: (e) => e.bookingsGrowthYoy, needs: 'deals' },
  { rule: 'win_rate', value: (e) => e.winRate, needs: 'deals' },
  { rule: 'sales_cycle_days', value: (e) => e.cycleDaysMedian, needs: 'deals' },
  { rule: 'grr', value: (e) => e.grr, needs: 'renewals' },
  { rule: 'nrr', value: (e) => e.nrr, needs: 'renewals' },
];

export function gradeEngine(e: Engine, rules: readonly Rule[]): Engine {
  const grades: EngineGrade[] = [];
  for (const r of ENGINE_RULES) {
    const def = rules.find((x) => x.id === r.rule);
    const v = r.value(e);
    if (def === undefined || v === null || !Number.isFinite(v)) continue;
    if (r.needs === 'deals' && e.small) continue;
    if (r.needs === 'renewals' && e.renewals < MIN_ENGINE_RENEWALS) continue;
    const t = thresholdsFor(def, e.benchmarkSegment).thresholds;
    const score = scoreValue(v, def.direction, t);
    grades.push({ rule: r.rule, value: v, status: statusFor(score), score: roundScore(score), good: t.good });
  }
  return { ...e, grades };
}

export function gradeEngines(block: EnginesBlock, rules: readonly Rule[]): EnginesBlock {
  return {
    ...block,
    segments: block.segments.map((e) => gradeEngine(e, rules)),
    motions: block.motions.map((g) => ({ ...g, engines: g.engines.map((e) => gradeEngine(e, rules)) })),
  };
}

/** The grade of one rule on an engine, or undefined. */
export function engineGrade(e: Engine, rule: string): EngineGrade | undefined {
  return e.grades.find((g) => g.rule === rule);
}
