/**
 * MetricTester: one registered metric run the way the audit runs it, over a table of small
 * hand-computed cases (issue 15, ESLint RuleTester style).
 *
 *   new MetricTester('win_rate', { asOf: '2025-06-30' }).run([
 *     // 3 won ÷ 4 decided
 *     { name: '3 won, 1 lost → 0.75', ds: deals(...), status: 'ok', value: 0.75, sampleSize: 4,
 *       evidence: { sample: 4, status: 'insufficient' } },
 *     { name: 'no deals file → n/a', ds: makeDataset({}), status: 'n/a', reason: /--deals/ },
 *   ]);
 *
 * Each case:
 * - its dataset is deep-frozen, and so is the point-in-time dataset the engine builds from it
 *   (as-of.ts pointInTime): a metric that mutates its input throws, and the case fails with the
 *   message instead of the engine's status `error`;
 * - runs through the engine's own path (pointInTime, then runMetrics with a fresh SharedCache), so
 *   the status, the evidence verdict and the n/a reason are what a report would show;
 * - states its expectation in full: status, and for a value the hand-computed value, and the
 *   evidence sample and verdict (null when the metric declares no minimum).
 * A table with two cases of the same name, or of the same input (dataset, as-of and profile),
 * throws before any case runs. The ids a MetricTester is built with are read by
 * test/metrics/metric-tester.test.ts: every metric a rule of the default pack grades needs cases.
 */
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/base/model.js';
import type { Profile } from '../../src/config/schema.js';
import { pointInTime } from '../../src/metrics/as-of.js';
import { runMetrics } from '../../src/metrics/engine.js';
import { getMetric } from '../../src/metrics/registry.js';
import type { Evidence, MetricDefinition, MetricResult } from '../../src/metrics/types.js';
import { deepFreeze, makeCtx } from './builders.js';

interface CaseInput {
  /** Unique in the table; says what the case is about (the hand computation beside it). */
  readonly name: string;
  readonly ds: Dataset;
  /** ISO date; default: the tester's asOf. */
  readonly asOf?: string;
  /** The company profile (config); default: makeProfile() with the tester's profile over it. */
  readonly profile?: Partial<Profile>;
  /** A RegExp is matched against the notes joined by newlines; a string must be part of one note. */
  readonly notes?: RegExp | string;
}

export interface ValueCase extends CaseInput {
  readonly status: 'ok';
  /** Hand-computed; compared to `digits` decimal places (default 9). */
  readonly value: number;
  readonly digits?: number;
  readonly sampleSize?: number | null;
  /** Each key given is compared (numbers to `digits` places); keys not given are not checked. */
  readonly details?: Readonly<Record<string, number | string | null>>;
  /** The evidence verdict (evidence.ts): its sample and status; null when the metric declares no minimum. */
  readonly evidence: { readonly sample: number | null; readonly status: Evidence['status'] } | null;
}

export interface NaCase extends CaseInput {
  readonly status: 'n/a';
  readonly reason: string | RegExp;
}

export type MetricCase = ValueCase | NaCase;

export interface MetricTesterOptions {
  /** Default as-of date of the cases (ISO). */
  readonly asOf: string;
  /** Default profile of the cases; a case's own profile is spread over it. */
  readonly profile?: Partial<Profile>;
}

/** The names, and the inputs, that appear more than once in a table (each listed once). */
export function duplicateCases(cases: readonly MetricCase[], defaults: MetricTesterOptions): string[] {
  const out: string[] = [];
  const names = new Map<string, number>();
  const inputs = new Map<string, string>();
  for (const c of cases) {
    const n = (names.get(c.name) ?? 0) + 1;
    names.set(c.name, n);
    if (n === 2) out.push(`duplicate name: "${c.name}"`);
    const key = JSON.stringify({ ds: c.ds, asOf: c.asOf ?? defaults.asOf, profile: { ...defaults.profile, ...c.profile } });
    const first = inputs.get(key);
    if (first === undefined) inputs.set(key, c.name);
    else if (first !== c.name) out.push(`same input (dataset, as-of, profile): "${first}" and "${c.name}"`);
  }
  return out;
}

export class MetricTester {
  readonly def: MetricDefinition;
  readonly metricId: string;

  /** `metric`: a registered metric id (a definition only to test the tester itself). */
  constructor(
    metric: string | MetricDefinition,
    readonly options: MetricTesterOptions,
  ) {
    const def = typeof metric === 'string' ? getMetric(metric) : metric;
    if (def === undefined) throw new Error(`MetricTester: no registered metric "${String(metric)}"`);
    this.def = def;
    this.metricId = def.id;
  }

  /** The metric's result for one case, as the audit computes it (frozen input). */
  result(c: MetricCase): MetricResult {
    const asOf = c.asOf ?? this.options.asOf;
    const ctx = makeCtx(asOf, { ...this.options.profile, ...c.profile });
    const ds = deepFreeze(pointInTime(deepFreeze(c.ds), ctx.asOf));
    const [result] = runMetrics([this.def], ds, ctx);
    if (result === undefined) throw new Error(`MetricTester: ${this.metricId} gave no result`);
    return result;
  }

  /** Registers one test per case under `describe(metricId)`; throws on a duplicate case. */
  run(cases: readonly MetricCase[]): void {
    const dups = duplicateCases(cases, this.options);
    if (dups.length > 0) throw new Error(`MetricTester(${this.metricId}): ${dups.join('; ')}`);
    if (cases.length === 0) throw new Error(`MetricTester(${this.metricId}): no cases`);
    describe(`metric ${this.metricId}`, () => {
      it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => this.verify(c));
    });
  }

  /** Asserts one case (throws on a mismatch). */
  verify(c: MetricCase): void {
    const r = this.result(c);
    if (r.status === 'error') throw new Error(`${this.metricId} threw on a frozen dataset (does it mutate its input?): ${r.reason ?? ''}`);
    const shown = `${r.status} ${String(r.value)}${r.reason !== null ? ` (${r.reason})` : ''}`;
    expect(r.status, shown).toBe(c.status);
    if (typeof c.notes === 'string') expect(r.notes.some((n) => n.includes(c.notes as string)), `a note containing "${c.notes}" in ${JSON.stringify(r.notes)}`).toBe(true);
    else if (c.notes !== undefined) expect(r.notes.join('\n')).toMatch(c.notes);
    if (c.status === 'n/a') {
      if (typeof c.reason === 'string') expect(r.reason).toBe(c.reason);
      else expect(r.reason).toMatch(c.reason);
      return;
    }
    const digits = c.digits ?? 9;
    expect(r.value, shown).toBeCloseTo(c.value, digits);
    if (c.sampleSize !== undefined) expect(r.sampleSize, 'sampleSize').toBe(c.sampleSize);
    for (const [key, v] of Object.entries(c.details ?? {})) {
      if (typeof v === 'number') expect(r.details?.[key], `details.${key}`).toBeCloseTo(v, digits);
      else expect(r.details?.[key], `details.${key}`).toBe(v);
    }
    const ev = r.evidence ?? null;
    expect(ev === null ? null : { sample: ev.sample, status: ev.status }, 'evidence').toEqual(c.evidence);
  }
}
