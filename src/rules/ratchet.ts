/**
 * Rule override files and the ratchet (`revhealth init --from-current`). Pure: files are read and
 * written by the shell (src/io/overrides.ts, src/cli/ratchet.ts).
 *
 * An overrides file is JSON `{ "overrides": { "<ruleId>": <override> } }`, the same override shape
 * as `rules.overrides` in the config; the config lists such files in `rules.overridesFiles` and
 * they are applied after the inline overrides, in order (`mergeOverrides`).
 *
 * A ratchet file is an overrides file with a `ratchet` block recording, per ratcheted rule, the
 * floor (today's value) and the benchmark it replaced. It is built from an audit's rule results:
 * - a passing, watch (warn) or n/a rule keeps its current level: no override;
 * - a failing rule becomes a warning (severity `warning`; `info` stays `info`) whose thresholds put
 *   today's value exactly on the warn/fail line (score 50): the same value keeps it at "warn",
 *   anything worse fails it. Control points (higher is better, v = today's value):
 *     good = the benchmark's good, fair = v + k, poor = v − 3k, k = min((fair − poor) ÷ 4, (good − v) ÷ 2)
 *   so score(v) = 20 + 40 × 3k ÷ 4k = 50 and the scale keeps the benchmark's slope (mirrored for
 *   `lower`; a `band` rule is ratcheted on the side it fails). Scores are rounded to one decimal,
 *   so a value fails once it is worse than the floor by more than k ÷ 200 (at most 1/800 of the
 *   benchmark's fair–poor gap: 0.003 percentage points of GRR on the mid-market benchmark).
 * Later audits compare each floor with the current value (`ratchetStatus`): beating the floor
 * gives "you now beat this floor — tighten it to X"; clearing the benchmark's own fail line says
 * the entry can go. `tightenRatchet` applies those hints to the file.
 */
import { z } from 'zod';
import { lazy } from '../base/lazy.js';
import { ruleOverrideSchema, type RuleOverride, type Segment } from '../config/schema.js';
import type { MetricUnit } from '../metrics/types.js';
import { formatValue } from '../base/format.js';
import type { RuleResult } from './evaluate.js';
import { thresholdsSchema, type Direction, type Severity, type Thresholds } from './schema.js';
import { roundScore, scoreValue, statusFor } from './scoring.js';

export const RATCHET_VERSION = 1;

const floorSchema = lazy(() =>
  z.strictObject({
    metric: z.string(),
    /** The side the floor holds: higher = the value must not fall below it, lower = must not rise above it. */
    direction: z.enum(['higher', 'lower']),
    value: z.number(),
    unit: z.enum(['ratio', 'currency', 'days', 'months', 'count', 'multiple']),
    /** The rule's direction and thresholds (for the segment used) before the ratchet: the benchmark. */
    benchmarkDirection: z.enum(['higher', 'lower', 'band']),
    benchmark: thresholdsSchema(),
    /** The rule's severity before the ratchet. */
    severity: z.enum(['critical', 'warning', 'info']),
  }),
);
export type RatchetFloor = z.infer<ReturnType<typeof floorSchema>>;

export const ratchetMetaSchema = lazy(() =>
  z.strictObject({
    version: z.literal(RATCHET_VERSION),
    /** As-of date of the audit the floors were taken from. */
    asOf: z.string(),
    segment: z.string(),
    createdWith: z.string(),
    floors: z.record(z.string(), floorSchema()),
  }),
);
export type RatchetMeta = z.infer<ReturnType<typeof ratchetMetaSchema>>;

export const overridesFileSchema = lazy(() =>
  z.strictObject({
    $comment: z.string().optional(),
    overrides: z.record(z.string(), ruleOverrideSchema()),
    ratchet: ratchetMetaSchema().optional(),
  }),
);
export type OverridesFile = z.infer<ReturnType<typeof overridesFileSchema>>;

/**
 * `extra` applied over `base`, per rule id: weight, severity, disabled replace; `thresholds` with a
 * `default` key replaces the earlier thresholds whole (as `thresholds.default` replaces every
 * segment in resolveRules), otherwise segment keys are merged.
 */
export function mergeOverrides(
  base: Readonly<Record<string, RuleOverride>>,
  extra: Readonly<Record<string, RuleOverride>>,
): Record<string, RuleOverride> {
  const out: Record<string, RuleOverride> = { ...base };
  for (const [id, ov] of Object.entries(extra)) {
    const cur = out[id];
    if (cur === undefined) {
      out[id] = ov;
      continue;
    }
    const thresholds =
      ov.thresholds === undefined ? cur.thresholds : ov.thresholds['default'] !== undefined ? ov.thresholds : { ...(cur.thresholds ?? {}), ...ov.thresholds };
    out[id] = { ...cur, ...ov, ...(thresholds !== undefined ? { thresholds } : {}) };
  }
  return out;
}

/** Thresholds that put `v` exactly on the warn/fail line of the failing side, or null when `v` does not fail that side. */
export function floorThresholds(direction: Direction, t: Thresholds, v: number): { thresholds: Thresholds; side: 'higher' | 'lower' } | null {
  const lowerSide = (good: number, fair: number, poor: number): { good: number; fair: number; poor: number } | null => {
    if (!(v < good)) return null;
    const k = Math.min((fair - poor) / 4, (good - v) / 2);
    return { good, fair: v + k, poor: v - 3 * k };
  };
  const upperSide = (good: number, fair: number, poor: number): { good: number; fair: number; poor: number } | null => {
    if (!(v > good)) return null;
    const k = Math.min((poor - fair) / 4, (v - good) / 2);
    return { good, fair: v - k, poor: v + 3 * k };
  };
  if (direction === 'higher') {
    const s = lowerSide(t.good, t.fair, t.poor);
    return s ? { thresholds: s, side: 'higher' } : null;
  }
  if (direction === 'lower') {
    const s = upperSide(t.good, t.fair, t.poor);
    return s ? { thresholds: s, side: 'lower' } : null;
  }
  const goodMax = t.goodMax as number;
  const fairMax = t.fairMax as number;
  const poorMax = t.poorMax as number;
  if (v < t.good) {
    const s = lowerSide(t.good, t.fair, t.poor);
    return s ? { thresholds: { ...s, goodMax, fairMax, poorMax }, side: 'higher' } : null;
  }
  const s = upperSide(goodMax, fairMax, poorMax);
  return s ? { thresholds: { good: t.good, fair: t.fair, poor: t.poor, goodMax: s.good, fairMax: s.fair, poorMax: s.poor }, side: 'lower' } : null;
}

function ratchetedSeverity(s: Severity): Severity {
  return s === 'info' ? 'info' : 'warning';
}

export interface RatchetSource {
  readonly asOf: string;
  readonly segment: Segment;
  readonly toolVersion: string;
}

/** The ratchet file for an audit's rule results (see the file comment). */
export function buildRatchet(rules: readonly RuleResult[], src: RatchetSource): OverridesFile {
  const overrides: Record<string, RuleOverride> = {};
  const floors: Record<string, RatchetFloor> = {};
  for (const r of rules) {
    if (r.status !== 'fail' || r.value === null) continue;
    const f = floorThresholds(r.direction, r.thresholds, r.value);
    if (f === null) continue;
    overrides[r.id] = { severity: ratchetedSeverity(r.severity), thresholds: { default: f.thresholds } };
    floors[r.id] = {
      metric: r.metric,
      direction: f.side,
      value: r.value,
      unit: r.unit,
      benchmarkDirection: r.direction,
      benchmark: r.thresholds,
      severity: r.severity,
    };
  }
  return {
    $comment:
      `Ratchet written by revhealth ${src.toolVersion} from the audit as of ${src.asOf}: each failing rule is a warning with ` +
      "today's value as its floor (worse fails). Passing rules keep the benchmark. Tighten with `revhealth rules --suggest-tighten --write`.",
    overrides,
    ratchet: { version: RATCHET_VERSION, asOf: src.asOf, segment: src.segment, createdWith: `revhealth ${src.toolVersion}`, floors },
  };
}

export type RatchetHintStatus = 'tighten' | 'benchmark_met' | 'at_floor' | 'below_floor' | 'n/a';

export interface RatchetHint {
  readonly rule: string;
  readonly metric: string;
  readonly unit: MetricUnit;
  readonly direction: 'higher' | 'lower';
  readonly floor: number;
  readonly value: number | null;
  readonly status: RatchetHintStatus;
  /** The new floor to set (status tighten), else null. */
  readonly suggestion: number | null;
  readonly message: string;
}

export interface RatchetReport {
  /** The ratchet file as the config names it. */
  readonly file: string;
  readonly asOf: string;
  readonly hints: readonly RatchetHint[];
}

function fmt(v: number, unit: MetricUnit, currency: string): string {
  return formatValue(v, unit, currency);
}

/** Where each floor stands against the current values (rule results of a later audit). */
export function ratchetStatus(rules: readonly RuleResult[], file: OverridesFile, fileLabel: string, currency = 'USD'): RatchetReport | null {
  const meta = file.ratchet;
  if (meta === undefined) return null;
  const hints: RatchetHint[] = [];
  for (const id of Object.keys(meta.floors).sort()) {
    const floor = meta.floors[id] as RatchetFloor;
    const r = rules.find((x) => x.id === id);
    const v = r?.value ?? null;
    const base = { rule: id, metric: floor.metric, unit: floor.unit, direction: floor.direction, floor: floor.value, value: v };
    const f = fmt(floor.value, floor.unit, currency);
    if (v === null) {
      hints.push({ ...base, status: 'n/a', suggestion: null, message: `${id}: no value this time (${r?.reason ?? 'rule not evaluated'}); floor ${f} kept` });
      continue;
    }
    const tol = 1e-9 * Math.max(1, Math.abs(floor.value));
    const better = floor.direction === 'higher' ? v > floor.value + tol : v < floor.value - tol;
    const worse = floor.direction === 'higher' ? v < floor.value - tol : v > floor.value + tol;
    const benchmarkOk = statusFor(scoreValue(v, floor.benchmarkDirection, floor.benchmark)) !== 'fail';
    const now = fmt(v, floor.unit, currency);
    if (benchmarkOk) {
      hints.push({ ...base, status: 'benchmark_met', suggestion: null, message: `${id}: ${now} no longer fails the benchmark — you now beat this floor (${f}); tighten it to the benchmark by removing the ratchet entry` });
    } else if (better) {
      hints.push({ ...base, status: 'tighten', suggestion: v, message: `${id}: ${now} — you now beat this floor (${f}); tighten it to ${now}` });
    } else if (worse) {
      hints.push({ ...base, status: 'below_floor', suggestion: null, message: `${id}: ${now} is worse than its floor ${f}: the rule fails` });
    } else {
      hints.push({ ...base, status: 'at_floor', suggestion: null, message: `${id}: ${now}, at its floor` });
    }
  }
  return { file: fileLabel, asOf: meta.asOf, hints };
}

/** The ratchet file with the hints applied: tightened floors at the current value, met benchmarks removed. */
export function tightenRatchet(file: OverridesFile, report: RatchetReport, asOf: string): { file: OverridesFile; changed: string[] } {
  const meta = file.ratchet;
  if (meta === undefined) return { file, changed: [] };
  const overrides = { ...file.overrides };
  const floors = { ...meta.floors };
  const changed: string[] = [];
  for (const h of report.hints) {
    const floor = floors[h.rule];
    if (floor === undefined) continue;
    if (h.status === 'benchmark_met') {
      delete overrides[h.rule];
      delete floors[h.rule];
      changed.push(`${h.rule}: ratchet entry removed (the benchmark applies again)`);
    } else if (h.status === 'tighten' && h.suggestion !== null) {
      const f = floorThresholds(floor.benchmarkDirection, floor.benchmark, h.suggestion);
      if (f === null) continue;
      overrides[h.rule] = { ...(overrides[h.rule] ?? {}), thresholds: { default: f.thresholds } };
      floors[h.rule] = { ...floor, value: h.suggestion };
      changed.push(`${h.rule}: floor ${floor.value} → ${h.suggestion}`);
    }
  }
  return { file: { ...file, overrides, ratchet: { ...meta, asOf, floors } }, changed };
}

/** The score a value gets under the ratchet thresholds of a floor (for tests and explain). */
export function scoreAtFloor(floor: RatchetFloor, thresholds: Thresholds): number {
  return roundScore(scoreValue(floor.value, floor.benchmarkDirection, thresholds));
}
