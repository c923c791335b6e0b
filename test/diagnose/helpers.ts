/**
 * Builders for diagnose tests: metric results by id (area, unit and title from the registry), real
 * rule results and grades from the default pack, and a one-call diagnosis.
 */
import type { Profile, Segment } from '../../src/config/schema.js';
import { diagnose } from '../../src/diagnose/diagnose.js';
import { getPattern, type Detection } from '../../src/diagnose/patterns/index.js';
import { NO_CRO_INPUTS, type CroInputs } from '../../src/diagnose/cro-inputs.js';
import type { Diagnosis } from '../../src/diagnose/types.js';
import { getMetric } from '../../src/metrics/registry.js';
import type { MetricResult, MetricsReport, MonthlyPoint } from '../../src/metrics/types.js';
import { DEFAULT_PACK } from '../../src/rules/default-pack.js';
import { evaluateRules, gradeAreas } from '../../src/rules/evaluate.js';
import { thresholdsFor } from '../../src/rules/resolve.js';
import { computeLossReasons } from '../../src/metrics/loss-reasons.js';
import { makeCtx, makeDataset, makeDeal, makeProfile } from '../helpers/builders.js';
import { PatternTester } from '../helpers/pattern-tester.js';

type Details = Record<string, number | string | null>;

/** A metric result with a value (or n/a when value is null). */
export function metric(id: string, value: number | null, details: Details | null = null): MetricResult {
  const def = getMetric(id);
  if (def === undefined) throw new Error(`metric(): unknown metric ${id}`);
  return {
    id,
    title: def.title,
    area: def.area,
    unit: def.unit,
    value,
    status: value === null ? 'n/a' : 'ok',
    reason: value === null ? `needs data for ${id}` : null,
    inputs: def.inputs,
    notes: [],
    // a sample above every declared minimum (metrics/evidence.ts); tests of thin evidence set their own
    sampleSize: value === null ? null : 1000,
    details: value === null ? null : details,
  };
}

export interface RunOptions {
  readonly segment?: Segment;
  readonly profile?: Partial<Profile>;
  readonly series?: MetricsReport['series'];
  readonly asOf?: string;
  /** Engines, loss reasons and funnel (issue 18). */
  readonly cro?: CroInputs;
}

export function profileFor(opts: RunOptions = {}): Profile {
  return makeProfile({ segment: opts.segment ?? 'mixed', ...opts.profile });
}

/** The full diagnosis with real rule results and grades from the default pack. */
export function run(metrics: readonly MetricResult[], opts: RunOptions = {}): Diagnosis {
  const profile = profileFor(opts);
  const rules = evaluateRules(metrics, DEFAULT_PACK.rules, profile.segment);
  const grades = gradeAreas(rules, DEFAULT_PACK.areas ?? []);
  return diagnose({ metrics, rules, grades, profile, series: opts.series ?? {}, ...(opts.asOf !== undefined ? { asOf: opts.asOf } : {}), ...(opts.cro !== undefined ? { cro: opts.cro } : {}) });
}

/** One pattern's detection, with real rule results, on frozen inputs (PatternTester). */
export function detect(id: string, metrics: readonly MetricResult[], opts: RunOptions = {}): Detection {
  const p = getPattern(id);
  if (p === undefined) throw new Error(`detect(): unknown pattern ${id}`);
  return new PatternTester(p).detect({ metrics, ...opts });
}

/** Loss reasons (issue 18) from lost deals closed 2025-06-01, as of 2025-12-31: `[reason, deals, units each]`. */
export function lossInputs(spec: readonly (readonly [string | null, number, number])[]): CroInputs {
  const deals = spec.flatMap(([reason, n, units]) => Array.from({ length: n }, () => makeDeal({ status: 'lost', lostReason: reason, amountCents: units * 100, closed: '2025-06-01' })));
  return { ...NO_CRO_INPUTS, losses: computeLossReasons(makeDataset({ deals }), makeCtx('2025-12-31')) };
}

/** A default-pack threshold for a segment, with the derived pass point (score 80). */
export function point(ruleId: string, p: 'good' | 'fair' | 'poor' | 'goodMax' | 'fairMax' | 'pass' | 'passMax', segment: Segment = 'mixed'): number {
  const rule = DEFAULT_PACK.rules.find((r) => r.id === ruleId);
  if (rule === undefined) throw new Error(`point(): unknown rule ${ruleId}`);
  const t = thresholdsFor(rule, segment).thresholds;
  if (p === 'pass') return (t.good + t.fair) / 2;
  if (p === 'passMax') return ((t.goodMax as number) + (t.fairMax as number)) / 2;
  const v = t[p];
  if (v === undefined) throw new Error(`point(): ${ruleId} has no ${p}`);
  return v;
}

/** A monthly series from "YYYY-MM" → value. */
export function series(points: Record<string, number | null>): MonthlyPoint[] {
  return Object.keys(points)
    .sort()
    .map((month) => ({ month, value: points[month] as number | null }));
}
