/**
 * Judge metric values against the resolved rules, then roll rule scores up into area and overall
 * grades (STYLE B6; SPEC §5). Pure and deterministic: rules keep their pack order, areas theirs.
 *
 * Roll-up:
 * - A rule with an `n/a` metric has no score and status `n/a`; its reason is copied from the metric.
 * - Weight-0 rules are informative: they get a status but count in neither scores nor coverage.
 * - Area score = weighted mean of its scored rules (full precision; rounded to one decimal only in
 *   the output). Area coverage = scored weight ÷ weight of its enabled rules.
 * - Overall score = weighted mean (area weights) of the areas that have a score. Overall coverage
 *   = area-weighted mean of the coverages of the areas that have enabled weighted rules, i.e. the
 *   share of the overall grade that rests on data.
 * - No scored rule → score and grade null (never 0 or F). An area whose scored weight is below
 *   MIN_COVERAGE (0.5) of its enabled weight abstains (no grade, `note` says why); a grade with
 *   coverage below PROVISIONAL_COVERAGE (0.75) is `provisional`.
 * - The overall grade needs the revenue areas: the graded ones (all but data quality) must hold at
 *   least MIN_REVENUE_WEIGHT_SHARE (a quarter) of their weight, else "not enough data to grade"
 *   (`note`, with what to add); below half of it the grade is provisional. A rule on too little evidence (evidence.ts) is n/a; an implausible value is
 *   `check`: neither is scored. `missing` lists the n/a reasons (deduplicated, in rule order) of weighted rules
 *   that would complete the coverage.
 * - A rule on a metric that is reported only with some inputs (MetricDefinition.onlyWithInputs,
 *   the revenue lens) is left out when that metric was not reported: not n/a, not in coverage.
 */
import type { MetricResult, MetricArea, MetricUnit } from '../metrics/types.js';
import type { Segment } from '../config/schema.js';
import type { AreaDef, Direction, Owner, Rule, Severity, ThresholdKey, Thresholds } from './schema.js';
import { METRICS } from '../metrics/registry.js';
import { copyThresholds, thresholdsFor } from './resolve.js';
import { letterGrade, roundScore, scoreValue, statusFor, type Letter } from './scoring.js';

/** Below this coverage (scored weight ÷ enabled weight) an area gets no grade at all: it abstains. */
export const MIN_COVERAGE = 0.5;
/** From MIN_COVERAGE up to this coverage a grade is provisional. */
export const PROVISIONAL_COVERAGE = 0.75;
/**
 * The overall grade needs the revenue areas (every area but data quality): the graded ones must
 * hold at least this share of the revenue areas' weight (about one whole area: a deals-only audit
 * grading pipeline & sales qualifies). Data quality alone never earns a grade.
 */
export const MIN_REVENUE_WEIGHT_SHARE = 0.25;
/** Below this share of the revenue weight graded, the overall grade is provisional. */
export const PROVISIONAL_REVENUE_WEIGHT_SHARE = 0.5;
/** The area that describes the data, not the business: never enough for an overall grade on its own. */
export const NON_REVENUE_AREAS: ReadonlySet<string> = new Set(['data_quality']);

/**
 * n/a: no value, or a value on too little evidence (shown, reason "insufficient data: …");
 * check: a value outside what any company reaches (reason "check the inputs: …"), never a pass.
 * Neither is scored.
 */
export type RuleStatus = 'pass' | 'warn' | 'fail' | 'n/a' | 'check';

/** One judged rule in the output contract (JSON `rules[]`). Key order here is the JSON key order. */
export interface RuleResult {
  readonly id: string;
  readonly metric: string;
  readonly area: MetricArea;
  /** The rule's `title` on pass and n/a, its `failureTitle` on warn and fail. */
  readonly title: string;
  readonly direction: Direction;
  readonly segmentUsed: ThresholdKey;
  readonly thresholds: Thresholds;
  readonly unit: MetricUnit;
  /** The metric value, full precision; null when n/a. */
  readonly value: number | null;
  /** 0–100, one decimal; null when n/a. */
  readonly score: number | null;
  readonly status: RuleStatus;
  readonly severity: Severity;
  readonly weight: number;
  readonly owner: Owner;
  readonly source: string;
  /** Why the rule is n/a (copied from the metric); null otherwise. */
  readonly reason: string | null;
}

export interface AreaGrade {
  readonly area: MetricArea;
  readonly title: string;
  readonly weight: number;
  /** 0–100, one decimal; null when no rule of the area has a score. */
  readonly score: number | null;
  readonly grade: Letter | null;
  /** Scored weight ÷ weight of enabled rules, three decimals; 0 when the area has none. */
  readonly coverage: number;
  /** True when there is a grade and coverage < PROVISIONAL_COVERAGE. */
  readonly provisional: boolean;
  readonly scoredRules: number;
  /** Enabled rules with weight > 0. */
  readonly totalRules: number;
  /** n/a reasons that would complete the coverage, deduplicated. */
  readonly missing: readonly string[];
  /** Why there is no grade (too little of the weight scored), or null. Always set by gradeAreas. */
  readonly note?: string | null;
}

export interface OverallGrade {
  readonly score: number | null;
  readonly grade: Letter | null;
  readonly coverage: number;
  readonly provisional: boolean;
  readonly missing: readonly string[];
  /** "not enough data to grade: …" with what to add, when there is no overall grade; else null. Always set by gradeAreas. */
  readonly note?: string | null;
}

export interface Grades {
  readonly overall: OverallGrade;
  readonly areas: readonly AreaGrade[];
}

function roundCoverage(c: number): number {
  return Math.round(c * 1000) / 1000;
}

/** Metrics reported only when some inputs are given (their rules are skipped when they are absent). */
const CONDITIONAL_METRICS: ReadonlySet<string> = new Set(METRICS.filter((m) => m.onlyWithInputs !== undefined).map((m) => m.id));

/** Judges each rule (in the given order) against the metric it names. */
export function evaluateRules(metrics: readonly MetricResult[], rules: readonly Rule[], segment: Segment): RuleResult[] {
  const byId = new Map<string, MetricResult>();
  for (const m of metrics) if (!byId.has(m.id)) byId.set(m.id, m);
  return rules.filter((rule) => byId.has(rule.metric) || !CONDITIONAL_METRICS.has(rule.metric)).map((rule): RuleResult => {
    const { segmentUsed, thresholds } = thresholdsFor(rule, segment);
    const metric = byId.get(rule.metric);
    let value: number | null = null;
    let reason: string | null = null;
    if (metric === undefined) {
      reason = `metric ${rule.metric} was not computed`;
    } else if (metric.status === 'n/a' || metric.value === null) {
      reason = metric.reason ?? `metric ${rule.metric} has no value`;
    } else if (!Number.isFinite(metric.value)) {
      reason = `metric ${rule.metric} is not a finite number`;
    } else {
      value = metric.value;
    }
    let abstain: 'n/a' | 'check' | null = null;
    const ev = metric?.evidence ?? null;
    if (value !== null && ev !== null && ev.status !== 'ok') {
      abstain = ev.status === 'check' ? 'check' : 'n/a';
      reason = ev.note;
    }
    const exact = value === null || abstain !== null ? null : scoreValue(value, rule.direction, thresholds);
    const status: RuleStatus = abstain ?? (exact === null ? 'n/a' : statusFor(exact));
    return {
      id: rule.id,
      metric: rule.metric,
      area: rule.area,
      title: status === 'warn' || status === 'fail' ? rule.failureTitle : rule.title,
      direction: rule.direction,
      segmentUsed,
      thresholds: copyThresholds(thresholds),
      unit: rule.unit,
      value,
      score: exact === null ? null : roundScore(exact),
      status,
      severity: rule.severity,
      weight: rule.weight,
      owner: rule.owner,
      source: rule.source,
      reason,
    };
  });
}

/**
 * Full-precision score of a judged rule. `RuleResult.score` is rounded for output, so the roll-up
 * recomputes the exact score from the value and the thresholds the rule result carries.
 */
function exactScore(r: RuleResult): number | null {
  if (r.status === 'n/a' || r.status === 'check' || r.value === null) return null;
  return scoreValue(r.value, r.direction, r.thresholds);
}

function dedupe(items: readonly string[]): string[] {
  return [...new Set(items)];
}

interface AreaMath {
  readonly grade: AreaGrade;
  readonly exact: number | null;
  readonly exactCoverage: number;
  readonly hasRules: boolean;
}

function gradeArea(def: AreaDef, results: readonly RuleResult[]): AreaMath {
  const weighted = results.filter((r) => r.area === def.id && r.weight > 0);
  let totalWeight = 0;
  let scoredWeight = 0;
  let sum = 0;
  let scoredRules = 0;
  const missing: string[] = [];
  for (const r of weighted) {
    totalWeight += r.weight;
    const s = exactScore(r);
    if (s === null) {
      if (r.reason !== null) missing.push(r.reason);
      continue;
    }
    scoredWeight += r.weight;
    sum += r.weight * s;
    scoredRules++;
  }
  const coverage = totalWeight > 0 ? scoredWeight / totalWeight : 0;
  // an area abstains when less than MIN_COVERAGE of its weight rests on enough data
  const enough = scoredWeight > 0 && coverage >= MIN_COVERAGE;
  const exact = enough ? sum / scoredWeight : null;
  const grade = exact === null ? null : letterGrade(exact);
  let note: string | null = null;
  if (!enough && scoredWeight > 0) {
    note = `not graded: only ${Math.round(coverage * 100)}% of its rule weight has enough data (needs ${Math.round(MIN_COVERAGE * 100)}%)`;
  } else if (!enough && totalWeight > 0) {
    note = 'not graded: none of its rules has enough data';
  }
  return {
    grade: {
      area: def.id,
      title: def.title,
      weight: def.weight,
      score: exact === null ? null : roundScore(exact),
      grade,
      coverage: roundCoverage(coverage),
      provisional: grade !== null && coverage < PROVISIONAL_COVERAGE,
      scoredRules,
      totalRules: weighted.length,
      missing: dedupe(missing),
      note,
    },
    exact,
    exactCoverage: coverage,
    hasRules: totalWeight > 0,
  };
}

/** Area grades (in `areas` order) and the overall grade. */
export function gradeAreas(results: readonly RuleResult[], areas: readonly AreaDef[]): Grades {
  const math = areas.map((def) => gradeArea(def, results));
  let sum = 0;
  let scoredWeight = 0;
  let coverageSum = 0;
  let coverageWeight = 0;
  let revenueWeight = 0;
  let revenueGraded = 0;
  for (const a of math) {
    const w = a.grade.weight;
    if (w <= 0) continue;
    const revenue = !NON_REVENUE_AREAS.has(a.grade.area);
    if (revenue && a.hasRules) revenueWeight += w;
    if (a.exact !== null) {
      sum += w * a.exact;
      scoredWeight += w;
      if (revenue) revenueGraded += w;
    }
    if (a.hasRules) {
      coverageSum += w * a.exactCoverage;
      coverageWeight += w;
    }
  }
  const revenueShare = revenueWeight > 0 ? revenueGraded / revenueWeight : 0;
  const enough = scoredWeight > 0 && revenueShare >= MIN_REVENUE_WEIGHT_SHARE;
  const exact = enough ? sum / scoredWeight : null;
  const coverage = coverageWeight > 0 ? coverageSum / coverageWeight : 0;
  const grade = exact === null ? null : letterGrade(exact);
  const missing = dedupe(math.filter((a) => a.grade.weight > 0).flatMap((a) => a.grade.missing));
  let note: string | null = null;
  if (!enough) {
    const ungraded = math.filter((a) => a.grade.weight > 0 && a.hasRules && a.exact === null && !NON_REVENUE_AREAS.has(a.grade.area));
    const add = dedupe(ungraded.flatMap((a) => a.grade.missing)).slice(0, 4);
    note =
      `not enough data to grade: the revenue areas graded hold ${Math.round(revenueShare * 100)}% of their weight (needs ${Math.round(MIN_REVENUE_WEIGHT_SHARE * 100)}%); ` +
      `data quality alone is never graded` +
      (add.length > 0 ? `. To grade, add: ${add.join('; ')}` : '');
  }
  return {
    overall: {
      score: exact === null ? null : roundScore(exact),
      grade,
      coverage: roundCoverage(coverage),
      provisional: grade !== null && (coverage < PROVISIONAL_COVERAGE || revenueShare < PROVISIONAL_REVENUE_WEIGHT_SHARE),
      missing,
      note,
    },
    areas: math.map((a) => a.grade),
  };
}
