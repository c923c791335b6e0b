/**
 * Diagnose (SPEC §6): metrics, judged rules and grades in; Perspective, ranked findings (Pattern,
 * Path, Process), watch items, the patterns that could not be checked, findings by function and
 * CRO readiness out. Pure and deterministic: no clock, no randomness, fixed-locale formatting.
 *
 * - Findings are the fired patterns, ranked by impact kind (losses, then risks, then upsides:
 *   IMPACT_MODEL) and inside a kind by `impact.annual` descending (null last), ties by id.
 * - Watch items are the near patterns, in catalogue order; could-not-check lists the patterns whose
 *   inputs are n/a, in catalogue order, with the data that would unlock them.
 * - By function: one group per owner (OWNERS order). A finding belongs to every function in its
 *   `owners`; its totals are per kind (annualAtStake = losses, annualAtRisk, annualUpside), never
 *   added across kinds, and keep only the largest finding per money base (no double count); failing rules are the weighted rules with
 *   status fail (watched rules, status warn, are not failing) whose owner is the function, in rule order.
 */
import type { Profile } from '../config/schema.js';
import type { MetricResult, MetricUnit, MetricsReport } from '../metrics/types.js';
import { DEFAULT_PACK } from '../rules/default-pack.js';
import type { Grades, RuleResult } from '../rules/evaluate.js';
import { OWNERS, type Rule } from '../rules/schema.js';
import { assessCroReadiness } from './cro-readiness.js';
import { IMPACT_MODEL, PATTERNS, impactKindOf } from './patterns/index.js';
import { estimateArr, fillTemplate, type Pattern } from './patterns/kit.js';
import { buildPerspective } from './perspective.js';
import { dataWeNeed, tailorFindings } from './tailor.js';
import { PatternInput, cents } from './signals.js';
import type { CroInputs } from './cro-inputs.js';
import type { Diagnosis, Finding, FunctionGroup, ImpactKind, NotChecked, PatternError, ProcessStep, WatchItem } from './types.js';

export interface DiagnoseInput {
  readonly metrics: readonly MetricResult[];
  readonly rules: readonly RuleResult[];
  readonly grades: Grades;
  readonly profile: Profile;
  readonly series: MetricsReport['series'];
  /** ISO as-of date of the audit (report.asOf). Lets quarter-over-quarter reads use the last complete quarter. */
  readonly asOf?: string;
  /** The active rules (resolved, with overrides); defaults to the default pack. Used for segment thresholds. */
  readonly ruleDefs?: readonly Rule[];
  /** Engines, loss reasons and the channel funnel (issue 18). */
  readonly cro?: CroInputs;
}

/** Kinds in ranking order: losses first, then risks, then upsides (IMPACT_MODEL). */
const KIND_RANK: Readonly<Record<ImpactKind, number>> = { loss: 0, risk: 1, upside: 2 };

/** Ranks findings: losses, then risks, then upsides; inside a kind impact.annual descending, null last, ties by id. */
export function rankFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => {
    const ka = KIND_RANK[a.impact.kind ?? 'risk'];
    const kb = KIND_RANK[b.impact.kind ?? 'risk'];
    if (ka !== kb) return ka - kb;
    const x = a.impact.annual;
    const y = b.impact.annual;
    if (x !== y) {
      if (x === null) return 1;
      if (y === null) return -1;
      return y - x;
    }
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}

/**
 * A KPI target that is already met today is no target: the first clause's threshold (the one on
 * kpiMetric) moves from the pass point to the good point when today already passes, and to
 * "hold today's level" when today is already better than good. Returns the template to fill and
 * whether the current value should still be appended as "(now …)".
 */
export function betterThanToday(kpi: string, kpiMetric: string, now: number, input: PatternInput, unit: MetricUnit): { kpi: string; appendNow: boolean } {
  const re = new RegExp(`(≥|≤|>|<)\\s*\\{${kpiMetric}\\.(pass|good|fair|goodMax|passMax)\\}`);
  const m = re.exec(kpi);
  if (m === null) return { kpi, appendNow: true };
  const op = m[1] as string;
  const point = m[2] as 'pass' | 'good' | 'fair' | 'goodMax' | 'passMax';
  const higher = op === '≥' || op === '>';
  const met = (t: number | null): boolean => t !== null && (higher ? now >= t : now <= t);
  const target = input.threshold({ rule: kpiMetric, point });
  if (!met(target)) return { kpi, appendNow: true };
  if (point === 'pass' || point === 'passMax') {
    const stricter = point === 'pass' ? 'good' : 'goodMax';
    if (!met(input.threshold({ rule: kpiMetric, point: stricter }))) {
      return { kpi: kpi.replace(m[0], `${op} {${kpiMetric}.${stricter}}`), appendNow: true };
    }
  }
  const bench = input.threshold({ rule: kpiMetric, point: point === 'pass' ? 'good' : point });
  const held = `${op} ${input.fmt(now, unit)} (today; benchmark${bench === null ? '' : ` ${input.fmt(bench, unit)}`} met: hold)`;
  return { kpi: kpi.replace(m[0], held), appendNow: false };
}

/** The process of a pattern with its KPI targets filled in for the segment, and current values appended. */
export function resolveProcess(p: Pattern, input: PatternInput): ProcessStep[] {
  const fill = (text: string): string =>
    fillTemplate(
      text,
      (rule, point) => {
        const v = input.threshold({ rule, point: point as 'good' });
        return v === null ? null : input.fmt(v, input.thresholdUnit({ rule, point: 'good' }));
      },
      (i) => {
        const t = p.triggers[i];
        if (t === undefined) return null;
        return 'display' in t.at && t.at.display !== undefined ? t.at.display : input.fmt(input.threshold(t.at), input.thresholdUnit(t.at));
      },
    );
  return p.process.map((s) => {
    const step = fill(s.step);
    const now = s.kpiMetric === undefined ? null : input.value(s.kpiMetric);
    if (now === null || s.kpiMetric === undefined) return { by: s.by, step, owner: s.owner, kpi: fill(s.kpi) };
    const unit = input.unitOf(s.kpiMetric);
    const target = betterThanToday(s.kpi, s.kpiMetric, now, input, unit);
    const kpi = fill(target.kpi);
    if (!target.appendNow) return { by: s.by, step, owner: s.owner, kpi };
    // the current value goes right after the first KPI clause (the one on kpiMetric)
    const cut = kpi.indexOf('; ');
    const nowText = ` (now ${input.fmt(now, unit)})`;
    const text = cut < 0 ? `${kpi}${nowText}` : `${kpi.slice(0, cut)}${nowText}${kpi.slice(cut)}`;
    return { by: s.by, step, owner: s.owner, kpi: text };
  });
}

/**
 * Total annual amount of one kind over findings, never double counting: findings on the same
 * money base (IMPACT_MODEL basis) overlap, so only the largest of each base counts.
 */
export function totalOf(findings: readonly Finding[], kind: ImpactKind): number {
  const largest = new Map<string, number>();
  for (const f of findings) {
    if ((f.impact.kind ?? 'risk') !== kind || f.impact.annual === null) continue;
    const basis = IMPACT_MODEL[f.id]?.basis ?? f.id;
    largest.set(basis, Math.max(largest.get(basis) ?? 0, f.impact.annual));
  }
  let t = 0;
  for (const v of largest.values()) t += v;
  return cents(t);
}

export function diagnose(input: DiagnoseInput, patterns: readonly Pattern[] = PATTERNS): Diagnosis {
  const pin = new PatternInput({
    metrics: input.metrics,
    rules: input.rules,
    profile: input.profile,
    series: input.series,
    asOf: input.asOf ?? null,
    ruleDefs: input.ruleDefs ?? DEFAULT_PACK.rules,
    ...(input.cro !== undefined ? { cro: input.cro } : {}),
  });
  const findings: Finding[] = [];
  const watch: WatchItem[] = [];
  const notChecked: NotChecked[] = [];
  const errors: PatternError[] = [];
  for (const p of patterns) {
    let d: ReturnType<Pattern['detect']>;
    try {
      d = p.detect(pin);
    } catch (err) {
      // failure isolation (issue 15): one pattern never aborts the audit
      const message = err instanceof Error ? err.message : String(err);
      errors.push({ id: p.id, message });
      notChecked.push({ id: p.id, title: p.title, needs: `internal error: ${message}` });
      continue;
    }
    if (d.missing !== null) notChecked.push({ id: p.id, title: p.title, needs: d.missing });
    else if (d.fired) {
      findings.push({
        id: p.id,
        title: p.title,
        severity: p.severity,
        owners: [...p.owners],
        evidence: [...d.evidence],
        metrics: { ...d.metrics },
        impact: {
          kind: impactKindOf(p.id),
          annual: d.impact.annual,
          ...(d.impact.exposure !== undefined ? { exposure: d.impact.exposure } : {}),
          ...(d.impact.likelihood !== undefined ? { likelihood: d.impact.likelihood } : {}),
          formula: d.impact.formula,
        },
        path: p.path,
        process: resolveProcess(p, pin),
      });
    } else if (d.near) watch.push({ id: p.id, title: p.title, note: d.note ?? '' });
  }
  const ranked = tailorFindings(rankFindings(findings), pin);
  const byFunction: FunctionGroup[] = OWNERS.map((owner) => {
    const mine = ranked.filter((f) => f.owners.includes(owner));
    return {
      owner,
      findings: mine.map((f) => f.id),
      failingRules: input.rules.filter((r) => r.owner === owner && r.weight > 0 && r.status === 'fail').map((r) => r.id),
      annualAtStake: totalOf(mine, 'loss'),
      annualAtRisk: totalOf(mine, 'risk'),
      annualUpside: totalOf(mine, 'upside'),
    };
  });
  const perspective = buildPerspective(pin, input.grades, ranked, watch.length, patterns);
  const croReadiness = assessCroReadiness(pin, estimateArr(pin).arr, ranked, patterns);
  return { perspective, findings: ranked, watch, notChecked, byFunction, croReadiness, dataWeNeed: dataWeNeed(pin, ranked), ...(errors.length > 0 ? { errors } : {}) };
}
