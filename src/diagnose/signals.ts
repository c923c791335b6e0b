/**
 * The small language the patterns are written in (SPEC §6): what a pattern reads (metric values,
 * metric details, series), how a trigger compares it with a threshold, and how thresholds are
 * resolved from the active rule pack for the profile's segment — so a pattern never repeats a
 * number the rule pack already holds.
 *
 * Pure and deterministic: no clock, no randomness, fixed-locale formatting (report/format.ts).
 */
import type { Profile, Segment } from '../config/schema.js';
import type { MetricResult, MetricUnit, MetricsReport } from '../metrics/types.js';
import { formatMoney, formatMoneyExact, formatPercent, formatValue } from '../base/format.js';
import { DEFAULT_PACK } from '../rules/default-pack.js';
import type { RuleResult } from '../rules/evaluate.js';
import { thresholdsFor } from '../rules/resolve.js';
import type { Rule, ThresholdKey, Thresholds } from '../rules/schema.js';
import { pointOf, type ThresholdPoint } from '../base/score-scale.js';
import { NO_CRO_INPUTS, type CroInputs } from './cro-inputs.js';

// ---------------------------------------------------------------------------------------------
// Thresholds


/**
 * Where a trigger's threshold comes from:
 * - a point of a rule of the active pack, for the profile's segment (optionally scaled, e.g.
 *   0.9 × goodMax for a watch band just inside a limit);
 * - a constant, only where no rule judges the quantity; `why` says where the number comes from.
 */
export type ThresholdRef =
  | { readonly rule: string; readonly point: ThresholdPoint; readonly scale?: number }
  | { readonly value: number; readonly unit: MetricUnit; readonly why: string; readonly display?: string };

export function isRuleRef(ref: ThresholdRef): ref is Extract<ThresholdRef, { rule: string }> {
  return 'rule' in ref;
}

/** How a trigger compares the value `v` with the threshold `t`. */
export type TriggerOp = 'below' | 'above' | 'atLeast' | 'atMost';

export const OP_TEXT: Readonly<Record<TriggerOp, string>> = {
  below: '<',
  above: '>',
  atLeast: '≥',
  atMost: '≤',
};

export function compare(v: number, op: TriggerOp, t: number): boolean {
  switch (op) {
    case 'below':
      return v < t;
    case 'above':
      return v > t;
    case 'atLeast':
      return v >= t;
    case 'atMost':
      return v <= t;
  }
}

/**
 * One condition of a pattern. A trigger with `near` has a watch band: not met, but on the near
 * side of `near`, it counts as near (the pattern becomes a watch item when every other condition
 * holds). A trigger without `near` is context: it must hold for the pattern to fire or be near.
 * `group: 'any'` triggers are alternatives: at least one of them must hold.
 * `custom` triggers are evaluated by the pattern's own detect (per channel, per quarter...); they
 * are data so that `explain` prints them and detect reads its numbers from them.
 */
export interface Trigger {
  readonly metric: string;
  /** Read this detail of the metric instead of its value. */
  readonly detail?: string;
  readonly op: TriggerOp;
  readonly at: ThresholdRef;
  readonly near?: ThresholdRef;
  readonly group?: 'all' | 'any';
  /** What the condition means, in words: "GRR below the segment's fair point". */
  readonly label: string;
  readonly custom?: true;
  /** What a custom trigger compares, for explain ("quarter-over-quarter rise of the median cycle"). */
  readonly subject?: string;
}

// ---------------------------------------------------------------------------------------------
// The input every pattern reads

export interface SignalSource {
  readonly metrics: readonly MetricResult[];
  readonly rules: readonly RuleResult[];
  readonly profile: Profile;
  readonly series: MetricsReport['series'];
  /** ISO as-of date of the audit; null when the caller did not pass it. */
  readonly asOf: string | null;
  /** The active (resolved) rules; thresholds fall back to these when a rule has no result. */
  readonly ruleDefs: readonly Rule[];
  /** Engines, loss reasons and the channel funnel (issue 18); absent = none. */
  readonly cro?: CroInputs;
}

/** Read access to the audit's numbers, with thresholds resolved for the profile's segment. */
export class PatternInput {
  readonly profile: Profile;
  readonly series: MetricsReport['series'];
  readonly asOf: string | null;
  readonly currency: string;
  /** Engines, loss reasons and the channel funnel (issue 18). */
  readonly cro: CroInputs;
  private readonly metricsById: ReadonlyMap<string, MetricResult>;
  private readonly rulesById: ReadonlyMap<string, RuleResult>;
  private readonly ruleDefsById: ReadonlyMap<string, Rule>;

  constructor(src: SignalSource) {
    this.profile = src.profile;
    this.series = src.series;
    this.asOf = src.asOf;
    this.currency = src.profile.currency;
    this.cro = src.cro ?? NO_CRO_INPUTS;
    const m = new Map<string, MetricResult>();
    for (const x of src.metrics) if (!m.has(x.id)) m.set(x.id, x);
    this.metricsById = m;
    const r = new Map<string, RuleResult>();
    for (const x of src.rules) if (!r.has(x.id)) r.set(x.id, x);
    this.rulesById = r;
    const d = new Map<string, Rule>();
    for (const x of DEFAULT_PACK.rules) d.set(x.id, x);
    for (const x of src.ruleDefs) d.set(x.id, x);
    this.ruleDefsById = d;
  }

  metric(id: string): MetricResult | undefined {
    return this.metricsById.get(id);
  }

  /** Every rule result, in rule order. */
  ruleResults(): readonly RuleResult[] {
    return [...this.rulesById.values()];
  }

  /**
   * The metric when a pattern may read it: it has a value resting on enough evidence that is
   * plausible (evidence.ts). Patterns need the same evidence as their metrics' rules.
   */
  private usable(id: string): MetricResult | undefined {
    const m = this.metricsById.get(id);
    if (m === undefined || m.status !== 'ok') return undefined;
    if (m.evidence != null && m.evidence.status !== 'ok') return undefined;
    return m;
  }

  /** The metric's value, or null when it is n/a, missing, not finite, on too little evidence or implausible. */
  value(id: string): number | null {
    const m = this.usable(id);
    return m !== undefined && m.value !== null && Number.isFinite(m.value) ? m.value : null;
  }

  /** A numeric detail of a metric that has a usable value; null otherwise. */
  num(id: string, key: string): number | null {
    const m = this.usable(id);
    if (m === undefined || m.details === null) return null;
    const v = m.details[key];
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  }

  /** A text detail of a metric that has a usable value; null otherwise. */
  text(id: string, key: string): string | null {
    const m = this.usable(id);
    if (m === undefined || m.details === null) return null;
    const v = m.details[key];
    return typeof v === 'string' ? v : null;
  }

  details(id: string): Readonly<Record<string, number | string | null>> | null {
    return this.usable(id)?.details ?? null;
  }

  /** Why the metric has no usable value: "<title>: <reason>" (or its evidence note). */
  reason(id: string): string {
    const m = this.metricsById.get(id);
    if (m === undefined) return `${id}: not computed`;
    if (m.status === 'ok' && m.evidence != null && m.evidence.status !== 'ok' && m.evidence.note !== null) return `${m.title}: ${m.evidence.note}`;
    return `${m.title}: ${m.reason ?? 'no value'}`;
  }

  unitOf(id: string): MetricUnit {
    return this.metricsById.get(id)?.unit ?? this.ruleDefsById.get(id)?.unit ?? 'ratio';
  }

  /** The rule's thresholds for the profile segment (or `segment` when given). */
  thresholds(ruleId: string, segment?: Segment | ThresholdKey): Thresholds | null {
    if (segment === undefined) {
      const rr = this.rulesById.get(ruleId);
      if (rr !== undefined) return rr.thresholds;
    }
    const def = this.ruleDefsById.get(ruleId);
    if (def === undefined) return null;
    return thresholdsFor(def, segment ?? this.profile.segment).thresholds;
  }

  /** A threshold's number for the profile segment (or `segment`); null when the rule or point is absent. */
  threshold(ref: ThresholdRef, segment?: Segment | ThresholdKey): number | null {
    if (!isRuleRef(ref)) return ref.value;
    const t = this.thresholds(ref.rule, segment);
    const v = t === null ? null : pointOf(t, ref.point);
    return v === null ? null : v * (ref.scale ?? 1);
  }

  thresholdUnit(ref: ThresholdRef): MetricUnit {
    if (!isRuleRef(ref)) return ref.unit;
    return this.ruleDefsById.get(ref.rule)?.unit ?? this.unitOf(ref.rule);
  }

  ruleDef(ruleId: string): Rule | undefined {
    return this.ruleDefsById.get(ruleId);
  }

  // formatting (fixed locale)
  money(units: number): string {
    return formatMoney(units, this.currency);
  }
  /** Money to the cent, for formulas that must be reproducible by hand. */
  exact(units: number): string {
    return formatMoneyExact(units, this.currency);
  }
  fmt(value: number | null, unit: MetricUnit): string {
    return formatValue(value, unit, this.currency);
  }
}

export const pct = (ratio: number, digits = 1): string => formatPercent(ratio, digits);

// ---------------------------------------------------------------------------------------------
// Trigger evaluation

export type TriggerState = 'met' | 'near' | 'clear' | 'na';

export interface TriggerEval {
  readonly trigger: Trigger;
  readonly state: TriggerState;
  readonly value: number | null;
  readonly at: number | null;
  readonly nearAt: number | null;
  /** Why the trigger could not be evaluated (state na). */
  readonly missing: string | null;
}

/** Metric-or-detail value a trigger reads. */
function triggerValue(t: Trigger, input: PatternInput): number | null {
  return t.detail === undefined ? input.value(t.metric) : input.num(t.metric, t.detail);
}

export function evaluateTrigger(t: Trigger, input: PatternInput): TriggerEval {
  const value = triggerValue(t, input);
  const at = input.threshold(t.at);
  const nearAt = t.near === undefined ? null : input.threshold(t.near);
  if (value === null) {
    const m = input.metric(t.metric);
    const missing =
      m !== undefined && m.status === 'ok' && (m.evidence == null || m.evidence.status === 'ok') && t.detail !== undefined ? `${m.title}: no "${t.detail}" detail` : input.reason(t.metric);
    return { trigger: t, state: 'na', value, at, nearAt, missing };
  }
  if (at === null) {
    const ref = t.at as { rule: string; point: string };
    return { trigger: t, state: 'na', value, at, nearAt, missing: `rule ${ref.rule} has no ${ref.point} point` };
  }
  let state: TriggerState = 'clear';
  if (compare(value, t.op, at)) state = 'met';
  else if (nearAt !== null && compare(value, t.op, nearAt)) state = 'near';
  return { trigger: t, state, value, at, nearAt, missing: null };
}

export interface TriggerOutcome {
  readonly status: 'fired' | 'near' | 'clear' | 'na';
  readonly evals: readonly TriggerEval[];
  /** For status na: what data would let the pattern be checked. */
  readonly missing: string | null;
}

function dedupe(items: readonly string[]): string[] {
  return [...new Set(items)];
}

/**
 * Combines the non-custom triggers:
 * - any `all` trigger clearly not met (clear) → clear, even when other inputs are n/a (the
 *   pattern is ruled out by what we know);
 * - the `any` group holds when one member is met; it is near when one is near; it is n/a when no
 *   member is met or near and one is n/a; otherwise clear;
 * - an n/a `all` trigger or `any` group → n/a (never fires on missing data);
 * - every `all` trigger met and the `any` group met → fired; met-or-near everywhere → near.
 */
export function evaluateTriggers(triggers: readonly Trigger[], input: PatternInput): TriggerOutcome {
  const evals = triggers.filter((t) => t.custom !== true).map((t) => evaluateTrigger(t, input));
  const all = evals.filter((e) => (e.trigger.group ?? 'all') === 'all');
  const any = evals.filter((e) => e.trigger.group === 'any');
  if (all.some((e) => e.state === 'clear')) return { status: 'clear', evals, missing: null };
  let anyState: TriggerState = 'met';
  if (any.length > 0) {
    if (any.some((e) => e.state === 'met')) anyState = 'met';
    else if (any.some((e) => e.state === 'near')) anyState = 'near';
    else if (any.some((e) => e.state === 'na')) anyState = 'na';
    else anyState = 'clear';
  }
  if (anyState === 'clear') return { status: 'clear', evals, missing: null };
  const naAll = all.filter((e) => e.state === 'na');
  if (naAll.length > 0 || anyState === 'na') {
    const reasons = [...naAll, ...(anyState === 'na' ? any.filter((e) => e.state === 'na') : [])].map((e) => e.missing ?? e.trigger.metric);
    return { status: 'na', evals, missing: dedupe(reasons).join('; ') };
  }
  if (all.every((e) => e.state === 'met') && anyState === 'met') return { status: 'fired', evals, missing: null };
  return { status: 'near', evals, missing: null };
}

/**
 * Why a pattern is near: each condition inside its watch band ("GRR … : 88.5% is close to the
 * trigger (< 88.0%; watch band up to 90.0%)"), then the problem conditions that already hold.
 */
export function nearNote(evals: readonly TriggerEval[], input: PatternInput): string {
  const parts: string[] = [];
  const unitOf = (e: TriggerEval): MetricUnit => (e.trigger.detail === undefined ? input.unitOf(e.trigger.metric) : input.thresholdUnit(e.trigger.at));
  for (const e of evals) {
    if (e.state !== 'near' || e.value === null || e.at === null || e.nearAt === null) continue;
    const unit = unitOf(e);
    parts.push(
      `${e.trigger.label}: ${input.fmt(e.value, unit)} is close to the trigger (${OP_TEXT[e.trigger.op]} ${input.fmt(e.at, unit)}; watch band up to ${input.fmt(e.nearAt, unit)})`,
    );
  }
  for (const e of evals) {
    if (e.state !== 'met' || e.trigger.near === undefined || e.value === null || e.at === null) continue;
    parts.push(`already holds: ${e.trigger.label} (${input.fmt(e.value, unitOf(e))}, trigger ${OP_TEXT[e.trigger.op]} ${input.fmt(e.at, unitOf(e))})`);
  }
  return parts.join('; ');
}

/** Round money to cents, for stable JSON. */
export function cents(units: number): number {
  return Math.round(units * 100) / 100;
}
