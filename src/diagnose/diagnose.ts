/**
 * Diagnose (SPEC §6): metrics, judged rules and grades in; Perspective, ranked findings (Pattern,
 * Path, Process), watch items, the patterns that could not be checked, findings by function and
 * CRO readiness out. Pure and deterministic: no clock, no randomness, fixed-locale formatting.
 *
 * - Findings are the fired patterns, ranked by `impact.annual` descending (null last), ties by id.
 * - Watch items are the near patterns, in catalogue order; could-not-check lists the patterns whose
 *   inputs are n/a, in catalogue order, with the data that would unlock them.
 * - By function: one group per owner (OWNERS order). A finding belongs to every function in its
 *   `owners` and counts in each one's `annualAtStake`; failing rules are the weighted rules with
 *   status warn or fail whose owner is the function, in rule order.
 */
import type { Profile } from '../config/schema.js';
import type { MetricResult, MetricsReport } from '../metrics/types.js';
import { DEFAULT_PACK } from '../rules/default-pack.js';
import type { Grades, RuleResult } from '../rules/evaluate.js';
import { OWNERS, type Rule } from '../rules/schema.js';
import { assessCroReadiness } from './cro-readiness.js';
import { PATTERNS, estimateArr, fillTemplate, type Pattern } from './patterns.js';
import { buildPerspective } from './perspective.js';
import { dataWeNeed, tailorFindings } from './tailor.js';
import { PatternInput, cents } from './signals.js';
import type { CroInputs } from './cro-inputs.js';
import type { Diagnosis, Finding, FunctionGroup, NotChecked, ProcessStep, WatchItem } from './types.js';

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

/** Ranks findings: impact.annual descending, null last, ties by id. */
export function rankFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => {
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
    const kpi = fill(s.kpi);
    const step = fill(s.step);
    const now = s.kpiMetric === undefined ? null : input.value(s.kpiMetric);
    if (now === null || s.kpiMetric === undefined) return { by: s.by, step, owner: s.owner, kpi };
    // the current value goes right after the first KPI clause (the one on kpiMetric)
    const cut = kpi.indexOf('; ');
    const nowText = ` (now ${input.fmt(now, input.unitOf(s.kpiMetric))})`;
    const text = cut < 0 ? `${kpi}${nowText}` : `${kpi.slice(0, cut)}${nowText}${kpi.slice(cut)}`;
    return { by: s.by, step, owner: s.owner, kpi: text };
  });
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
  for (const p of patterns) {
    const d = p.detect(pin);
    if (d.missing !== null) notChecked.push({ id: p.id, title: p.title, needs: d.missing });
    else if (d.fired) {
      findings.push({
        id: p.id,
        title: p.title,
        severity: p.severity,
        owners: [...p.owners],
        evidence: [...d.evidence],
        metrics: { ...d.metrics },
        impact: { annual: d.impact.annual, formula: d.impact.formula },
        path: p.path,
        process: resolveProcess(p, pin),
      });
    } else if (d.near) watch.push({ id: p.id, title: p.title, note: d.note ?? '' });
  }
  const ranked = tailorFindings(rankFindings(findings), pin);
  const byFunction: FunctionGroup[] = OWNERS.map((owner) => {
    const mine = ranked.filter((f) => f.owners.includes(owner));
    let total = 0;
    for (const f of mine) if (f.impact.annual !== null) total += f.impact.annual;
    return {
      owner,
      findings: mine.map((f) => f.id),
      failingRules: input.rules.filter((r) => r.owner === owner && r.weight > 0 && (r.status === 'fail' || r.status === 'warn')).map((r) => r.id),
      annualAtStake: cents(total),
    };
  });
  const perspective = buildPerspective(pin, input.grades, ranked, watch.length, patterns);
  const croReadiness = assessCroReadiness(pin, estimateArr(pin).arr, ranked, patterns);
  return { perspective, findings: ranked, watch, notChecked, byFunction, croReadiness, dataWeNeed: dataWeNeed(pin, ranked) };
}
