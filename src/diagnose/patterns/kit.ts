/**
 * The pattern kit (SPEC §6 "Pattern"): what a pattern declares (triggers, process, impact formula
 * and impact model) and what its detector returns, plus the helpers every pattern file shares —
 * the detection outcomes, the impact builders, the usual trigger-driven detect (`standard`), the
 * stated risk likelihoods, the ARR estimate and the KPI template filler. One pattern per file
 * under diagnose/patterns/ (ESLint lib/rules style); patterns/index.ts holds the ordered catalogue.
 *
 * Conventions shared by every pattern:
 * - A trigger on a graded metric holds past the rule's `pass` point for the profile's segment:
 *   the value where the rule's score drops below the pass cut-off (80, the midpoint of `good` and
 *   `fair`), so a pattern never fires on a passing rule and always agrees with the grades. The
 *   band between `pass` and `good` is the watch band (near: the rule passes but is not at `good`);
 *   the impact measures the distance to `good`, the benchmark's healthy level. Context triggers
 *   (no watch band) must hold for the pattern to fire or be near.
 * - A pattern whose inputs are n/a neither fires nor is near: it goes to "could not check" with
 *   the data that would unlock it (unless what we do know already rules it out).
 * - `impact.annual` is currency units, rounded to cents; `impact.formula` puts the numbers in,
 *   and `metrics` holds those numbers at full precision so the result is reproducible by hand.
 *   Keys: a metric id for its value, "<metric>.<detail>" for a detail, "benchmark.<rule>.<point>"
 *   for a threshold, and a few pattern-specific derived values named in the formula.
 */
import { formatValue } from '../../base/format.js';
import type { MetricArea } from '../../metrics/types.js';
import type { Owner, Severity } from '../../rules/schema.js';
import { cents, evaluateTriggers, nearNote, pct, type PatternInput, type Trigger, type TriggerEval } from '../signals.js';
import type { Finding, ImpactKind } from '../types.js';

// ---------------------------------------------------------------------------------------------
// What a pattern declares

/** A process step before its KPI placeholders are filled in for the segment. */
export interface ProcessTemplate {
  readonly by: 30 | 60 | 90;
  readonly owner: Owner;
  readonly step: string;
  /**
   * KPI and target (the step may use the same placeholders). `{rule.point}` is replaced by the rule's threshold for the segment
   * (e.g. `{grr.good}` → "90.0%"); `{t0}`, `{t1}`… by the pattern's own trigger constants.
   */
  readonly kpi: string;
  /** When set, the KPI gets the metric's current value appended: " (now 83.4%)". */
  readonly kpiMetric?: string;
}

export interface Detection {
  readonly fired: boolean;
  /** Not fired, but every condition holds or is inside its watch band. */
  readonly near: boolean;
  /** Why the pattern could not be checked (an input is n/a); null when it was checked. */
  readonly missing: string | null;
  /** Evidence sentences, built from the actual numbers (fired patterns). */
  readonly evidence: readonly string[];
  /** Why it is close to firing (near patterns). */
  readonly note: string | null;
  readonly metrics: Readonly<Record<string, number | null>>;
  readonly impact: Finding['impact'];
}

export interface Pattern {
  readonly id: string;
  readonly title: string;
  /** What the pattern is, in one or two sentences (explain). */
  readonly description: string;
  /** The area whose weakness the pattern explains (links findings to the Perspective). */
  readonly area: MetricArea;
  /** Owning functions, primary first. */
  readonly owners: readonly Owner[];
  readonly severity: Severity;
  /** Metric ids the pattern reads. */
  readonly requires: readonly string[];
  readonly triggers: readonly Trigger[];
  /** The impact formula in plain words. */
  readonly impactFormula: string;
  /** What kind of money the impact is and the money base it is computed on (IMPACT_MODEL). */
  readonly impactModel: ImpactModel;
  readonly path: string;
  readonly process: readonly ProcessTemplate[];
  detect(input: PatternInput): Detection;
}

/**
 * What kind of money a pattern's impact is, and the money base it is computed on:
 * - loss: revenue already leaking each year (churn and contraction above benchmark, bookings lost
 *   to a conversion gap, spend beyond what the benchmark needs);
 * - risk: revenue exposed to an event, annual = exposure × a stated likelihood (concentration,
 *   a hero rep leaving, quarter-end deals slipping, a slower sales cycle delaying bookings (timing,
 *   not lost revenue), pipeline that is not there or not alive);
 * - upside: a gain available (expansion gap, under-investment, growth–profit headroom).
 * Findings are ranked losses first, then risks, then upsides; amounts of different kinds are never
 * added. Findings on the same base overlap (the quarter-end skew and the hero rep are parts of the
 * same bookings), so per-function totals keep only the largest finding of each base and kind.
 */
export interface ImpactModel {
  readonly kind: ImpactKind;
  readonly basis: 'arr' | 'bookings' | 'pipeline' | 'spend' | 'none';
}

// ---------------------------------------------------------------------------------------------
// What a pattern's detect builds

export type Impact = Finding['impact'];
export type Metrics = Record<string, number | null>;

export interface Assessment {
  readonly evidence: readonly string[];
  readonly metrics: Metrics;
  readonly impact: Impact;
}

export type PatternDef = Omit<Pattern, 'detect'>;

/** Reads a trigger evaluation by metric id (first non-custom trigger on that metric). */
export type EvalOf = (metric: string) => TriggerEval;

// ---------------------------------------------------------------------------------------------
// Outcomes

const QUIET: Omit<Detection, 'fired' | 'near' | 'missing'> = { evidence: [], note: null, metrics: {}, impact: { annual: null, formula: '' } };

/** Ruled out by what the data says. */
export function clear(): Detection {
  return { fired: false, near: false, missing: null, ...QUIET };
}
/** Could not check: `missing` says what data would let the pattern be checked. */
export function notChecked(missing: string): Detection {
  return { fired: false, near: false, missing, ...QUIET };
}
/** Close to firing: a watch item, `note` says why. */
export function watch(note: string, metrics: Metrics = {}): Detection {
  return { fired: false, near: true, missing: null, ...QUIET, note, metrics };
}
/** Fired, with its evidence, the numbers behind it and the impact. */
export function fired(a: Assessment): Detection {
  return { fired: true, near: false, missing: null, note: null, ...a };
}

/** Impact with the formula; annual rounded to cents, never negative. */
export function impact(annual: number | null, formula: string): Impact {
  return { annual: annual === null ? null : cents(Math.max(0, annual)), formula };
}

/**
 * A risk: revenue exposed to an event, times the stated likelihood of that event in a year.
 * `formula` shows how the exposure was computed; the likelihood and its reason are appended.
 */
export function riskImpact(input: PatternInput, exposure: number, likelihood: number, why: string, formula: string): Impact {
  const e = cents(Math.max(0, exposure));
  const annual = cents(e * likelihood);
  return {
    annual,
    exposure: e,
    likelihood,
    formula: `exposure ${formula} = ${input.exact(e)}; × likelihood ${pct(likelihood, 1)} (${why}) = ${input.exact(annual)} a year`,
  };
}

export function noImpact(why: string): Impact {
  return { annual: null, formula: `not estimated: ${why}` };
}

/**
 * The usual detect: evaluate the triggers; n/a → could not check; near → a watch item; fired →
 * the pattern's own assessment (evidence, metrics, impact).
 */
export function standard(def: PatternDef, assess: (input: PatternInput, ev: EvalOf) => Assessment): Pattern {
  return {
    ...def,
    detect(input) {
      const out = evaluateTriggers(def.triggers, input);
      if (out.status === 'na') return notChecked(out.missing ?? 'inputs are n/a');
      if (out.status === 'clear') return clear();
      if (out.status === 'near') return watch(nearNote(out.evals, input));
      const ev: EvalOf = (metric) => {
        const e = out.evals.find((x) => x.trigger.metric === metric);
        if (e === undefined) throw new Error(`pattern ${def.id}: no trigger on ${metric}`);
        return e;
      };
      return fired(assess(input, ev));
    },
  };
}

/** Threshold of a rule point for the segment; the metric is keyed "benchmark.<rule>.<point>". */
export function bench(input: PatternInput, rule: string, point: 'good' | 'fair' | 'poor' | 'goodMax' | 'pass'): number | null {
  return input.threshold({ rule, point });
}

export function segmentName(input: PatternInput): string {
  return input.profile.segment === 'mixed' ? 'all-segment' : input.profile.segment;
}

export const fmtDays = (d: number): string => formatValue(d, 'days');
export const fmtX = (x: number): string => formatValue(x, 'multiple');

/**
 * "<label> <percent>" for each numeric detail of a metric whose key starts with `prefix`, in
 * detail order: `share FY2025 Q1` → "FY2025 Q1 45.0%" (the per-quarter or per-period breakdown).
 */
export function detailPercents(input: PatternInput, metric: string, prefix: string): string[] {
  const d = input.details(metric) ?? {};
  return Object.keys(d)
    .filter((k) => k.startsWith(prefix) && typeof d[k] === 'number')
    .map((k) => `${k.slice(prefix.length)} ${pct(d[k] as number)}`);
}

/**
 * The retention loss on GRR's renewal base (leaky_bucket, high_churn): what churned and contracted
 * of the ARR up for renewal, and (GRR good point − GRR) × that ARR, the ARR a year that lifting GRR
 * to the benchmark would keep.
 */
export function grrShortfall(input: PatternInput, grr: number, good: number): { readonly base: number | null; readonly evidence: string | null; readonly impact: Impact } {
  const base = input.num('grr', 'arrBefore');
  const churned = input.num('grr', 'churnedArr');
  const contraction = input.num('grr', 'contractionArr');
  const evidence =
    base !== null && churned !== null && contraction !== null
      ? `Of ${input.money(base)} ARR up for renewal in the last twelve months, ${input.money(churned)} churned and ${input.money(contraction)} contracted.`
      : null;
  const imp =
    base === null
      ? noImpact('the grr metric has no arrBefore detail (ARR up for renewal)')
      : impact((good - grr) * base, `(GRR benchmark ${pct(good, 2)} − GRR ${pct(grr, 2)}) × ARR up for renewal ${input.exact(base)} = ${input.exact(cents(Math.max(0, (good - grr) * base)))}`);
  return { base, evidence, impact: imp };
}

// ---------------------------------------------------------------------------------------------
// Stated likelihoods

/** The stated likelihoods of the risk patterns that do not read one from the data. */
export const RISK_LIKELIHOOD = {
  /** A quarter-end deal that slips moves one quarter: a quarter of a year's timing, not lost revenue. */
  quarterEndSlip: { value: 0.25, why: 'a slipped deal books one quarter later: a quarter of a year, timing rather than lost revenue' },
  /** A change in velocity between two quarters persists for a year as often as it reverts (our choice: one quarter against the one before is no trend). */
  velocityPersists: { value: 0.5, why: 'a change between two quarters persists for a year as often as it reverts, our choice' },
  /** Typical annual turnover of quota-carrying reps (rule of thumb, ≈ 30%). */
  repLeaves: { value: 0.3, why: 'typical annual turnover of quota-carrying reps, rule of thumb' },
  /** When the data gives no logo churn: one account in ten lost a year (rule of thumb). */
  accountLeaves: { value: 0.1, why: 'no logo retention in the data: one account in ten a year, rule of thumb' },
} as const;

// ---------------------------------------------------------------------------------------------
// The ARR estimate (growth_profit_imbalance, the Perspective, CRO readiness)

/** The metrics estimateArr reads, in the order it tries them (a pattern using it lists them in `requires`). */
export const ESTIMATE_ARR_METRICS: readonly string[] = ['recurring_revenue_growth', 'mrr_churn_rate', 'arr_growth', 'grr', 'bookings'];

/** ARR for the Perspective, CRO readiness and the Rule of 40 base: config, else renewals, else bookings. */
export function estimateArr(input: PatternInput): { arr: number | null; source: 'config' | 'subscriptions' | 'renewals' | 'bookings' | null; basis: string; short: string } {
  if (input.profile.arrCents !== null) return { arr: input.profile.arrCents / 100, source: 'config', basis: 'company.arr in the config', short: 'per the config' };
  const subscribed = input.num('recurring_revenue_growth', 'closingArr') ?? input.num('mrr_churn_rate', 'closingArr');
  if (subscribed !== null) return { arr: subscribed, source: 'subscriptions', basis: 'ARR of the paid subscriptions on the as-of date', short: 'subscriptions' };
  const start = input.num('arr_growth', 'startingArr');
  const net = input.num('arr_growth', 'netNewArr');
  if (start !== null && net !== null) {
    return { arr: start + net, source: 'renewals', basis: 'ARR up for renewal in the last twelve months plus net new ARR (annual contracts assumed)', short: 'renewal base plus net new ARR' };
  }
  const before = input.num('grr', 'arrBefore');
  if (before !== null) return { arr: before, source: 'renewals', basis: 'ARR up for renewal in the last twelve months (annual contracts assumed)', short: 'ARR up for renewal' };
  const bookings = input.value('bookings');
  if (bookings !== null && bookings > 0) return { arr: bookings, source: 'bookings', basis: 'bookings of the last twelve months, a proxy for ARR', short: 'bookings as a proxy' };
  return { arr: null, source: null, basis: 'no ARR in the config, no renewals and no bookings', short: 'unknown' };
}

// ---------------------------------------------------------------------------------------------
// KPI templates

/**
 * Fills a KPI template: `{rule.point}` with `rulePoint(rule, point)` and `{tN}` with the pattern's
 * N-th trigger threshold (`triggerAt(index)`). Unknown placeholders are left as they are.
 */
export function fillTemplate(
  text: string,
  rulePoint: (rule: string, point: string) => string | null,
  triggerAt: (index: number) => string | null,
): string {
  return text.replace(/\{([a-z0-9_]+)\.(good|fair|poor|goodMax|fairMax|poorMax|pass|passMax)\}|\{t(\d+)\}/g, (whole, rule?: string, point?: string, t?: string) => {
    if (t !== undefined) return triggerAt(Number(t)) ?? whole;
    return rulePoint(rule as string, point as string) ?? whole;
  });
}
