/**
 * The four-V lens: the audit's metrics grouped by the question a revenue leader asks of each part
 * of the engine, each group with a one-line verdict from the benchmark scores.
 *
 * - Volumes: is enough of the right market entering the engine (penetration, pipeline, leads)?
 * - Velocity: how fast and how well does it convert (funnel conversion, cycle, velocity)?
 * - Value: what is each deal and customer worth (deal size, win rate by value, LTV, expansion)?
 * - Revenue: does it land as planned (bookings and ARR growth, vs target, forecast, close rate)?
 *
 * Pure: reads the metric and rule results of one audit. A group's score is the weighted mean
 * (rule weights) of the scores of its graded metrics, the same 0–100 scale and letter cut-offs
 * as the area grades; metrics without a rule are shown for context and never scored.
 */
import type { MetricResult, MetricUnit } from '../metrics/types.js';
import { formatValue } from '../base/format.js';
import type { RuleResult } from '../rules/evaluate.js';
import { letterGrade, roundScore, scoreValue, type Letter } from '../rules/scoring.js';

export type FourVId = 'volumes' | 'velocity' | 'value' | 'revenue';

export interface FourVMetric {
  readonly id: string;
  readonly title: string;
  readonly unit: MetricUnit;
  readonly value: number | null;
  /** The rule's status; "info" for a metric with a value and no rule; "n/a" without a value. */
  readonly status: 'pass' | 'warn' | 'fail' | 'n/a' | 'info';
  /** The rule's score (0–100), null when not graded or n/a. */
  readonly score: number | null;
  /** Why the metric is n/a; null otherwise. */
  readonly reason: string | null;
}

export interface FourVGroup {
  readonly id: FourVId;
  readonly title: string;
  readonly question: string;
  readonly score: number | null;
  readonly grade: Letter | null;
  /** One line: the group's grade, how many graded metrics pass, the weakest and strongest. */
  readonly verdict: string;
  readonly metrics: readonly FourVMetric[];
}

export interface FourV {
  readonly groups: readonly FourVGroup[];
}

/** Group membership, in display order. Metrics the audit did not compute are left out. */
export const FOUR_V_GROUPS: readonly { readonly id: FourVId; readonly title: string; readonly question: string; readonly metrics: readonly string[] }[] = [
  {
    id: 'volumes',
    title: 'Volumes',
    question: 'Is enough of the right market entering the engine?',
    metrics: ['market_penetration', 'pipeline_penetration', 'pipeline_created', 'leads', 'pipeline_per_marketing_dollar'],
  },
  {
    id: 'velocity',
    title: 'Velocity',
    question: 'How fast and how well does the funnel convert?',
    metrics: ['lead_to_opportunity_rate', 'opportunity_to_win_rate', 'win_rate', 'sales_cycle_days', 'pipeline_velocity', 'stale_pipeline_share'],
  },
  {
    id: 'value',
    title: 'Value',
    question: 'What is each deal and each customer worth?',
    metrics: ['avg_deal_size', 'win_rate_by_value', 'ltv', 'ltv_to_cac', 'expansion_share', 'nrr'],
  },
  {
    id: 'revenue',
    title: 'Revenue',
    question: 'Does revenue land as planned?',
    metrics: ['bookings', 'bookings_growth_yoy', 'recurring_revenue_growth', 'arr_growth', 'quota_attainment', 'pipeline_coverage', 'forecast_accuracy', 'close_rate_vs_expected'],
  },
];

function verdictWord(score: number): string {
  if (score >= 80) return 'healthy';
  if (score >= 60) return 'mixed';
  return 'weak';
}

export function buildFourV(metrics: readonly MetricResult[], rules: readonly RuleResult[], currency: string): FourV {
  const byId = new Map(metrics.map((m) => [m.id, m]));
  const groups = FOUR_V_GROUPS.map((g): FourVGroup => {
    const items: FourVMetric[] = [];
    let weighted = 0;
    let weights = 0;
    const graded: { title: string; rule: RuleResult; exact: number }[] = [];
    const missing: string[] = [];
    for (const id of g.metrics) {
      const m = byId.get(id);
      if (m === undefined) continue;
      const rule = rules.find((r) => r.metric === id);
      if (m.value === null) {
        items.push({ id, title: m.title, unit: m.unit, value: null, status: 'n/a', score: null, reason: m.reason });
        if (rule !== undefined && m.reason !== null) missing.push(`${m.title}: ${m.reason}`);
        continue;
      }
      if (rule === undefined || rule.status === 'n/a' || rule.status === 'check' || rule.value === null) {
        items.push({ id, title: m.title, unit: m.unit, value: m.value, status: 'info', score: null, reason: rule?.status === 'check' ? rule.reason : null });
        continue;
      }
      const exact = scoreValue(rule.value, rule.direction, rule.thresholds);
      items.push({ id, title: m.title, unit: m.unit, value: m.value, status: rule.status, score: rule.score, reason: null });
      graded.push({ title: m.title, rule, exact });
      const w = rule.weight > 0 ? rule.weight : 0;
      weighted += w * exact;
      weights += w;
    }
    let score: number | null = null;
    if (graded.length > 0) score = weights > 0 ? weighted / weights : graded.reduce((s, x) => s + x.exact, 0) / graded.length;
    let verdict: string;
    if (score === null) {
      const shown = items.filter((x) => x.value !== null).length;
      verdict =
        missing.length > 0
          ? `Not graded: no benchmarked metric has data (${missing[0]}).`
          : shown > 0
            ? `Not graded: ${shown} metric${shown === 1 ? '' : 's'} shown for context, none with a benchmark.`
            : 'Not graded: no metric of this group could be computed from the inputs.';
    } else {
      const passing = graded.filter((x) => x.rule.status === 'pass').length;
      const sorted = [...graded].sort((a, b) => a.exact - b.exact || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0));
      const weakest = sorted[0] as (typeof sorted)[number];
      const strongest = sorted[sorted.length - 1] as (typeof sorted)[number];
      const fmt = (x: (typeof sorted)[number]): string => `${x.title} ${formatValue(x.rule.value, x.rule.unit, currency)} (${x.rule.status === 'warn' ? 'watch' : x.rule.status})`;
      const head = `${verdictWord(score)[0]?.toUpperCase()}${verdictWord(score).slice(1)} (${letterGrade(score)}, ${roundScore(score).toFixed(1)}): ${passing} of ${graded.length} graded metric${graded.length === 1 ? '' : 's'} pass`;
      verdict =
        graded.length === 1
          ? `${head}; ${fmt(weakest)}.`
          : `${head}; weakest ${fmt(weakest)}, strongest ${fmt(strongest)}.`;
    }
    return {
      id: g.id,
      title: g.title,
      question: g.question,
      score: score === null ? null : roundScore(score),
      grade: score === null ? null : letterGrade(score),
      verdict,
      metrics: items,
    };
  });
  return { groups };
}
