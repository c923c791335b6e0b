/**
 * Minimum evidence and plausibility, as data (issue 14 point 3, issue 18 point 3).
 *
 * - `min` / `of`: the sample a metric rests on (its sampleSize, or the detail named by `detail`)
 *   and the minimum below which the value is shown but not graded, and no pattern reads it:
 *   "insufficient data: 5 won deals, needs 20".
 * - `plausible`: the range any real company falls in. Outside it the value is shown with status
 *   "check the inputs" and the likely cause; it is never graded as a pass and no pattern reads it.
 *
 * Minimums follow the usual statistical floor for a rate (≈ 20 observations keep the 95 %
 * interval of a 25 % rate within about ±20 points) and, for counts of accounts, what the metric
 * needs to mean anything (a top-10 share over 9 customers is 100 % by construction).
 */
import type { Evidence, EvidenceRule, MetricDefinition, MetricResult } from './types.js';
import { formatCount } from '../base/format.js';

export type { EvidenceRule };


const SPEND_NOT_LOADED =
  'the spend file is probably not fully loaded (sales and marketing cost should include salaries, commissions, tools and overhead, not ad spend alone)';

export const EVIDENCE: Readonly<Record<string, EvidenceRule>> = {
  bookings_growth_yoy: { min: 10, of: 'won deals in the previous twelve months', detail: 'previousCount' },
  bookings_growth_qoq: {
    min: 10,
    of: 'won deals over the two quarters',
    plausible: { max: 5, cause: 'the previous quarter is barely covered by the export (partial history) or its deals are missing amounts' },
  },
  forecast_accuracy: { min: 2, of: 'forecast quarters' },
  top10_concentration: { min: 20, of: 'customers with won bookings', detail: 'accounts' },
  largest_account_share: { min: 20, of: 'won deals' },
  quick_ratio: {
    min: 20,
    of: 'revenue movements',
    plausible: { max: 10, cause: 'churn and contraction are probably missing (an incomplete renewals or subscriptions file) or new ARR is overstated' },
  },
  win_rate: {
    min: 20,
    of: 'closed deals',
    plausible: { max: 0.9, cause: 'lost deals are probably missing from the export (an export of won deals only, or lost deals deleted)' },
  },
  win_rate_by_value: {
    min: 20,
    of: 'closed deals',
    plausible: { max: 0.9, cause: 'lost deals are probably missing from the export or carry no amount' },
  },
  avg_deal_size: { min: 20, of: 'won deals' },
  median_deal_size: { min: 20, of: 'won deals' },
  sales_cycle_days: { min: 20, of: 'won deals' },
  sales_cycle_days_p75: { min: 20, of: 'won deals' },
  pipeline_per_marketing_dollar: {
    min: 3,
    of: 'marketing spend rows',
    plausible: { max: 30, cause: `${SPEND_NOT_LOADED}, or pipeline amounts are inflated` },
  },
  stale_pipeline_share: { min: 10, of: 'open deals' },
  quarter_end_skew: { min: 20, of: 'won deals' },
  rep_concentration: { min: 20, of: 'won deals' },
  lead_to_opportunity_rate: { min: 100, of: 'leads' },
  opportunity_to_win_rate: { min: 20, of: 'deals created' },
  close_rate_vs_expected: { min: 20, of: 'deals' },
  cac: { min: 10, of: 'new customers' },
  cac_payback_months: { min: 10, of: 'new customers', plausible: { min: 1, cause: SPEND_NOT_LOADED } },
  new_arr_per_sm_dollar: { min: 10, of: 'new customers' },
  magic_number: { min: 5, of: 'new customers in the quarter', plausible: { max: 3, cause: SPEND_NOT_LOADED } },
  ltv_to_cac: { min: 10, of: 'new customers' },
  // dollar retention over ten renewals (or accounts, from subscriptions) is thin but readable; fewer is anecdote
  grr: { min: 10, of: 'renewals or accounts' },
  nrr: {
    min: 10,
    of: 'renewals or accounts',
    // best-in-class public SaaS reports 130–170 %; above 200 % the base is almost always mismeasured
    plausible: { max: 2, cause: 'new subscriptions of existing accounts are probably counted as expansion, or the starting base is too young (accounts that had barely started a year ago)' },
  },
  logo_retention: { min: 10, of: 'renewals or accounts' },
  expansion_share: { min: 20, of: 'revenue movements' },
};

/**
 * The evidence rule of a metric: the one its definition declares (`MetricDefinition.evidence`, how
 * a new metric states it, in its own file), else its entry in EVIDENCE.
 */
export function evidenceRuleOf(def: Pick<MetricDefinition, 'id' | 'evidence'>): EvidenceRule | undefined {
  return def.evidence ?? EVIDENCE[def.id];
}

function show(x: number, unit: MetricResult['unit']): string {
  if (unit === 'ratio') return `${Math.round(x * 1000) / 10}%`;
  if (unit === 'multiple') return `${x}×`;
  if (unit === 'months') return `${x} month${x === 1 ? '' : 's'}`;
  return String(x);
}

function plural(n: number, of: string): string {
  return `${formatCount(n)} ${n === 1 ? of.replace(/s\b/, '') : of}`;
}

/** The evidence verdict of a metric result, or null when it has no value or no declared rule. */
export function judgeEvidence(m: Pick<MetricResult, 'id' | 'unit' | 'value' | 'status' | 'sampleSize' | 'details'>, rule: EvidenceRule | undefined = EVIDENCE[m.id]): Evidence | null {
  if (rule === undefined || m.status !== 'ok' || m.value === null) return null;
  const fromDetail = rule.detail === undefined ? undefined : m.details?.[rule.detail];
  const sample = rule.detail === undefined ? m.sampleSize : typeof fromDetail === 'number' ? fromDetail : null;
  const of = rule.of ?? null;
  const min = rule.min ?? null;
  if (min !== null && sample !== null && sample < min) {
    return { sample, of, min, status: 'insufficient', note: `insufficient data: ${plural(sample, of ?? 'records')}, needs ${min}` };
  }
  const p = rule.plausible;
  if (p !== undefined && ((p.max !== undefined && m.value > p.max) || (p.min !== undefined && m.value < p.min))) {
    const above = p.max !== undefined && m.value > p.max;
    const bound = `${above ? 'above' : 'below'} ${show(above ? (p.max as number) : (p.min as number), m.unit)}`;
    return { sample, of, min, status: 'check', note: `check the inputs: ${bound}, beyond what any company reaches; likely cause: ${p.cause}` };
  }
  return { sample, of, min, status: 'ok', note: null };
}
