/**
 * PatternTester (issue 15), in the spirit of ESLint's RuleTester: one call per pattern states its
 * cases as data and registers the tests.
 *
 *   new PatternTester(getPattern('leaky_bucket')).run({
 *     valid: [{ name: 'GRR passes', metrics: [growth, grr(0.95)] }, { name: '…', metrics: […], status: 'near', note: /SMB 70/ }],
 *     invalid: [{ name: 'GRR 82% on 4.0M', metrics: [growth, grr(0.82)], impact: { annual: 320_000 }, values: { grr: 0.82 } }],
 *   });
 *
 * - `valid`: the company does not have the problem (or it cannot be told): status `clear`
 *   (default), `near` (a watch item, with its `note`) or `missing` (could not check, with what
 *   it `missing`). `invalid`: the pattern fires; each case states its hand-computed impact
 *   (`annual`, and `exposure` / `likelihood` for a risk), and optionally key evidence and
 *   `values` (entries of the detection's `metrics`).
 * - Every input is deep-frozen before the pattern reads it, so a pattern that mutates its input
 *   throws instead of corrupting the next case.
 * - Two cases with the same input fail (a copy adds nothing and usually hides a typo), and so do
 *   two cases with the same name.
 * - Every rule and metric the pattern references — its triggers, `requires`, KPI metrics, the
 *   `{rule.point}` placeholders of its process, `{tN}` trigger placeholders — must exist in the
 *   default rule pack / metric registry, and every metric or rule its detect reads while the
 *   cases run must too (a typo there reads as n/a and silently never fires).
 * - `requires` lists every metric the pattern reads (`explain` prints it as such): its trigger and
 *   KPI metrics, and every metric its detect reads while the cases run.
 * - A run needs at least one valid case with status clear and one invalid case.
 *
 * The checks are pure methods (referenceProblems, duplicateProblems, caseProblems) so the tester
 * itself is tested (test/diagnose/pattern-tester.test.ts); `run` only registers them with vitest.
 */
import { describe, expect, it } from 'vitest';
import type { Profile, Segment } from '../../src/config/schema.js';
import type { CroInputs } from '../../src/diagnose/cro-inputs.js';
import type { Detection, Pattern } from '../../src/diagnose/patterns/kit.js';
import { PatternInput, isRuleRef } from '../../src/diagnose/signals.js';
import { pointOf, type ThresholdPoint } from '../../src/base/score-scale.js';
import { getMetric } from '../../src/metrics/registry.js';
import type { MetricResult, MetricsReport } from '../../src/metrics/types.js';
import { DEFAULT_PACK } from '../../src/rules/default-pack.js';
import { evaluateRules } from '../../src/rules/evaluate.js';
import type { Rule } from '../../src/rules/schema.js';
import { deepFreeze, makeProfile } from './builders.js';

/** The audit a case runs on: metric results plus the context a pattern may read. */
export interface PatternCaseInput {
  /** What the case shows, unique in the run (the test name). */
  readonly name: string;
  readonly metrics: readonly MetricResult[];
  /** Profile segment; "mixed" when omitted. */
  readonly segment?: Segment;
  readonly profile?: Partial<Profile>;
  readonly series?: MetricsReport['series'];
  readonly asOf?: string;
  readonly cro?: CroInputs;
}

export type Expected = string | RegExp;

/** A number compared to `digits` decimals (vitest toBeCloseTo), for a value rounded by hand. */
export interface Approx {
  readonly approx: number;
  readonly digits: number;
}
export const approx = (value: number, digits: number): Approx => ({ approx: value, digits });

export type ExpectedNumber = number | null | Approx;

export interface ValidCase extends PatternCaseInput {
  /** clear (default): ruled out; near: a watch item; missing: could not check. */
  readonly status?: 'clear' | 'near' | 'missing';
  /** near: matched against the watch note (a string is a substring). */
  readonly note?: Expected;
  /** missing: matched against what the pattern says it needs. */
  readonly missing?: Expected;
}

export interface InvalidCase extends PatternCaseInput {
  /** Hand-computed impact; `annual` is required (null when the pattern does not estimate one). */
  readonly impact: {
    readonly annual: ExpectedNumber;
    readonly exposure?: ExpectedNumber;
    readonly likelihood?: ExpectedNumber;
    readonly formula?: Expected;
  };
  /** Each matched against the evidence sentences joined by a space. */
  readonly evidence?: readonly Expected[];
  /** Entries of the detection's `metrics` (the numbers the evidence and the impact rest on). */
  readonly values?: Readonly<Record<string, ExpectedNumber>>;
}

export interface PatternTests {
  readonly valid: readonly ValidCase[];
  readonly invalid: readonly InvalidCase[];
}

export interface Registry {
  readonly rules: readonly Rule[];
  readonly hasMetric: (id: string) => boolean;
}

const DEFAULT_REGISTRY: Registry = { rules: DEFAULT_PACK.rules, hasMetric: (id) => getMetric(id) !== undefined };

const POINTS = new Set<string>(['good', 'fair', 'poor', 'goodMax', 'fairMax', 'poorMax', 'pass', 'passMax']);

/** A PatternInput that records every metric and rule id the pattern asks for. */
class RecordingInput extends PatternInput {
  readonly metricIds = new Set<string>();
  readonly ruleIds = new Set<string>();
  override metric(id: string): MetricResult | undefined {
    this.metricIds.add(id);
    return super.metric(id);
  }
  override value(id: string): number | null {
    this.metricIds.add(id);
    return super.value(id);
  }
  override num(id: string, key: string): number | null {
    this.metricIds.add(id);
    return super.num(id, key);
  }
  override text(id: string, key: string): string | null {
    this.metricIds.add(id);
    return super.text(id, key);
  }
  override details(id: string): Readonly<Record<string, number | string | null>> | null {
    this.metricIds.add(id);
    return super.details(id);
  }
  override reason(id: string): string {
    this.metricIds.add(id);
    return super.reason(id);
  }
  override unitOf(id: string): MetricResult['unit'] {
    this.metricIds.add(id);
    return super.unitOf(id);
  }
  override thresholds(ruleId: string, segment?: Parameters<PatternInput['thresholds']>[1]): ReturnType<PatternInput['thresholds']> {
    this.ruleIds.add(ruleId);
    return super.thresholds(ruleId, segment);
  }
  override ruleDef(ruleId: string): Rule | undefined {
    this.ruleIds.add(ruleId);
    return super.ruleDef(ruleId);
  }
}

/** A stable text for an input, object keys sorted (the duplicate check). */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/** The input fields of a case (what the pattern reads), without its name and expectations. */
function inputOf(c: PatternCaseInput): Omit<PatternCaseInput, 'name'> {
  return { metrics: c.metrics, segment: c.segment ?? 'mixed', profile: c.profile, series: c.series, asOf: c.asOf, cro: c.cro };
}

function matches(actual: string, expected: Expected): boolean {
  return typeof expected === 'string' ? actual.includes(expected) : expected.test(actual);
}

function numberProblem(what: string, actual: number | null | undefined, expected: ExpectedNumber): string | null {
  const got = actual === undefined ? 'absent' : String(actual);
  if (expected === null) return actual === null ? null : `${what}: expected null, got ${got}`;
  if (actual === null || actual === undefined) return `${what}: expected ${typeof expected === 'number' ? expected : expected.approx}, got ${got}`;
  if (typeof expected === 'number') {
    // hand-computed numbers: equal up to floating-point noise
    return Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)) ? null : `${what}: expected ${expected}, got ${actual}`;
  }
  return Math.abs(actual - expected.approx) < 10 ** -expected.digits / 2 ? null : `${what}: expected ${expected.approx} (to ${expected.digits} digits), got ${actual}`;
}

function statusOf(d: Detection): 'fired' | 'near' | 'clear' | 'missing' {
  if (d.missing !== null) return 'missing';
  if (d.fired) return 'fired';
  return d.near ? 'near' : 'clear';
}

export class PatternTester {
  readonly pattern: Pattern;
  private readonly registry: Registry;

  constructor(pattern: Pattern | undefined, registry: Registry = DEFAULT_REGISTRY) {
    if (pattern === undefined) throw new Error('PatternTester: no pattern (unknown id?)');
    this.pattern = pattern;
    this.registry = registry;
  }

  private rule(id: string): Rule | undefined {
    return this.registry.rules.find((r) => r.id === id);
  }

  private pointProblem(where: string, rule: string, point: string): string | null {
    const r = this.rule(rule);
    if (r === undefined) return `${where}: rule ${rule} is not in the rule pack`;
    if (!POINTS.has(point) || pointOf(r.thresholds.default, point as ThresholdPoint) === null) return `${where}: rule ${rule} has no ${point} point`;
    return null;
  }

  /** Every rule and metric the pattern declares that the rule pack / metric registry lacks. */
  referenceProblems(): string[] {
    const p = this.pattern;
    const out: (string | null)[] = [];
    const metric = (where: string, id: string): string | null => (this.registry.hasMetric(id) ? null : `${where}: metric ${id} is not in the metric registry`);
    const declared = (where: string, id: string): string | null => (p.requires.includes(id) ? null : `${where}: metric ${id} is not listed in requires`);
    for (const id of p.requires) out.push(metric('requires', id));
    p.triggers.forEach((t, i) => {
      out.push(metric(`trigger ${i}`, t.metric));
      out.push(declared(`trigger ${i}`, t.metric));
      for (const ref of [t.at, t.near]) if (ref !== undefined && isRuleRef(ref)) out.push(this.pointProblem(`trigger ${i}`, ref.rule, ref.point));
    });
    p.process.forEach((s) => {
      const where = `${s.by}-day step`;
      if (s.kpiMetric !== undefined) out.push(metric(`${where} kpiMetric`, s.kpiMetric), declared(`${where} kpiMetric`, s.kpiMetric));
      for (const text of [s.step, s.kpi]) {
        for (const m of text.matchAll(/\{([a-z0-9_]+)\.([A-Za-z]+)\}/g)) out.push(this.pointProblem(where, m[1] as string, m[2] as string));
        for (const m of text.matchAll(/\{t(\d+)\}/g)) if (p.triggers[Number(m[1])] === undefined) out.push(`${where}: {t${m[1]}} names no trigger`);
      }
    });
    if (!['loss', 'risk', 'upside'].includes(p.impactModel.kind)) out.push(`impactModel: unknown kind ${String(p.impactModel.kind)}`);
    return out.filter((x): x is string => x !== null);
  }

  /** Cases that repeat another's input or name. */
  duplicateProblems(tests: PatternTests): string[] {
    const all = [...tests.valid.map((c) => ['valid', c] as const), ...tests.invalid.map((c) => ['invalid', c] as const)];
    const seenInput = new Map<string, string>();
    const seenName = new Set<string>();
    const out: string[] = [];
    for (const [kind, c] of all) {
      const key = canonical(inputOf(c));
      const first = seenInput.get(key);
      if (first !== undefined) out.push(`${kind} "${c.name}": same input as "${first}"`);
      else seenInput.set(key, c.name);
      if (seenName.has(c.name)) out.push(`${kind} "${c.name}": name used twice`);
      seenName.add(c.name);
    }
    if (!tests.valid.some((c) => (c.status ?? 'clear') === 'clear')) out.push('needs at least one valid case with status clear');
    if (tests.invalid.length === 0) out.push('needs at least one invalid (firing) case');
    return out;
  }

  /** The frozen input of a case, as the pattern reads it (real rule results from the default pack). */
  input(c: Omit<PatternCaseInput, 'name'>): RecordingInput {
    const profile = deepFreeze(makeProfile({ segment: c.segment ?? 'mixed', ...c.profile }));
    const metrics = deepFreeze([...c.metrics]);
    const series = deepFreeze({ ...(c.series ?? {}) });
    const cro = c.cro === undefined ? undefined : deepFreeze(c.cro);
    const rules = deepFreeze(evaluateRules(metrics, this.registry.rules, profile.segment));
    return new RecordingInput({ metrics, rules, profile, series, asOf: c.asOf ?? null, ruleDefs: this.registry.rules, ...(cro !== undefined ? { cro } : {}) });
  }

  /** The pattern's detection on a case. */
  detect(c: Omit<PatternCaseInput, 'name'>): Detection {
    return this.pattern.detect(this.input(c));
  }

  /** How a case's detection differs from what it expects ([] when it matches). */
  caseProblems(c: ValidCase | InvalidCase, kind: 'valid' | 'invalid'): string[] {
    const input = this.input(c);
    const d = this.pattern.detect(input);
    const out: (string | null)[] = [];
    for (const id of input.metricIds) if (!this.registry.hasMetric(id)) out.push(`detect reads metric ${id}, which is not in the metric registry`);
    // explain prints `requires` as the metrics the pattern reads: a read it does not declare is a wrong explain
    for (const id of input.metricIds) if (!this.pattern.requires.includes(id)) out.push(`detect reads metric ${id}, which the pattern does not list in requires`);
    for (const id of input.ruleIds) if (this.rule(id) === undefined) out.push(`detect reads rule ${id}, which is not in the rule pack`);
    const status = statusOf(d);
    const detail = status === 'missing' ? ` (missing: ${d.missing})` : status === 'near' ? ` (note: ${d.note})` : '';
    if (kind === 'valid') {
      const v = c as ValidCase;
      const want = v.status ?? 'clear';
      if (status !== want) return [`status: expected ${want}, got ${status}${detail}`];
      if (v.note !== undefined && !matches(d.note ?? '', v.note)) out.push(`note: expected ${String(v.note)}, got ${JSON.stringify(d.note)}`);
      if (v.missing !== undefined && !matches(d.missing ?? '', v.missing)) out.push(`missing: expected ${String(v.missing)}, got ${JSON.stringify(d.missing)}`);
      return out.filter((x): x is string => x !== null);
    }
    const x = c as InvalidCase;
    if (status !== 'fired') return [`status: expected fired, got ${status}${detail}`];
    out.push(numberProblem('impact.annual', d.impact.annual, x.impact.annual));
    if (x.impact.exposure !== undefined) out.push(numberProblem('impact.exposure', d.impact.exposure, x.impact.exposure));
    if (x.impact.likelihood !== undefined) out.push(numberProblem('impact.likelihood', d.impact.likelihood, x.impact.likelihood));
    if (x.impact.formula !== undefined && !matches(d.impact.formula, x.impact.formula)) out.push(`impact.formula: expected ${String(x.impact.formula)}, got ${JSON.stringify(d.impact.formula)}`);
    const text = d.evidence.join(' ');
    for (const e of x.evidence ?? []) if (!matches(text, e)) out.push(`evidence: expected ${String(e)}, got ${JSON.stringify(text)}`);
    for (const [key, want] of Object.entries(x.values ?? {})) out.push(numberProblem(`metrics["${key}"]`, d.metrics[key], want));
    return out.filter((y): y is string => y !== null);
  }

  /** Registers the pattern's tests: references, duplicates, then one test per case. */
  run(tests: PatternTests): void {
    describe(`${this.pattern.id} (PatternTester)`, () => {
      it('references only rules and metrics that exist', () => expect(this.referenceProblems()).toEqual([]));
      it('has distinct cases, at least one clear and one firing', () => expect(this.duplicateProblems(tests)).toEqual([]));
      for (const c of tests.valid) it(`valid (${c.status ?? 'clear'}): ${c.name}`, () => expect(this.caseProblems(c, 'valid')).toEqual([]));
      for (const c of tests.invalid) it(`invalid (fires): ${c.name}`, () => expect(this.caseProblems(c, 'invalid')).toEqual([]));
    });
  }
}
