/**
 * Patterns read from why deals are lost (issue 18): the category leading the lost value decides
 * which one fires — price (pricing / packaging), competitor (competitive displacement) or no
 * decision / no budget (qualification). At most one fires; none without enough lost reasons.
 *
 * - "Leads": the category with the largest share of the lost value among the deals that give a
 *   reason, with at least LEAD_SHARE of it.
 * - Minimum evidence: MIN_REASONED lost deals with a reason in the window, and reasons on at least
 *   MIN_REASON_COVERAGE of the lost deals; else "could not check" with what to add.
 * - Impact: not estimated as a loss. What was lost on the leading reason is known; how much a fix
 *   would win back is not, so the formula states the ceiling (that value at the company's win
 *   rate) instead of presenting it as money at stake.
 */
import { LOSS_CATEGORY_LABELS, type LossCategory, type LossReasons } from '../../metrics/loss-reasons.js';
import type { Detection, Pattern } from './kit.js';
import { pct, type PatternInput, type Trigger } from '../signals.js';

export const LEAD_SHARE = 0.25;
export const MIN_REASONED = 30;
export const MIN_REASON_COVERAGE = 0.5;

const QUIET = { evidence: [] as string[], note: null, metrics: {}, impact: { annual: null, formula: '' } };

function trigger(category: LossCategory): Trigger[] {
  return [
    {
      metric: 'win_rate',
      op: 'atLeast',
      at: { value: LEAD_SHARE, unit: 'ratio', why: `our choice: the category leading the lost value with at least ${pct(LEAD_SHARE, 0)} of it is the pattern to fix first` },
      label: `"${LOSS_CATEGORY_LABELS[category]}" leads the lost value of the deals that give a reason`,
      subject: "category's share of the lost value (deals' lost reason, last twelve months)",
      custom: true,
    },
    {
      metric: 'win_rate',
      op: 'atLeast',
      at: { value: MIN_REASONED, unit: 'count', why: 'minimum evidence (our choice): reasons on at least 30 lost deals of the window, covering half of them' },
      label: 'enough lost deals carry a reason',
      subject: 'lost deals with a reason',
      custom: true,
    },
  ];
}

/** The leading category among given reasons and its share of the reasoned lost value. */
export function leadingLoss(l: LossReasons): { category: LossCategory; share: number; value: number; count: number } | null {
  const given = l.categories.filter((c) => c.category !== 'not_given');
  const total = given.reduce((t, c) => t + c.value, 0);
  const top = given[0];
  if (top === undefined || total <= 0) return null;
  return { category: top.category, share: top.value / total, value: top.value, count: top.count };
}

function check(input: PatternInput, category: LossCategory): Detection {
  const l = input.cro.losses;
  if (l === null) return { fired: false, near: false, missing: 'needs lost deals in the window with a lost-reason column (e.g. "Closed Lost Reason")', ...QUIET };
  if (l.withReason < MIN_REASONED || l.withReason / l.lostDeals < MIN_REASON_COVERAGE) {
    return {
      fired: false,
      near: false,
      missing: `needs a lost reason on at least ${MIN_REASONED} lost deals and half of them (${l.withReason} of ${l.lostDeals} carry one)`,
      ...QUIET,
    };
  }
  const lead = leadingLoss(l);
  if (lead === null || lead.category !== category || lead.share < LEAD_SHARE) return { fired: false, near: false, missing: null, ...QUIET };
  const reasons = l.reasons.filter((r) => r.category === category);
  const reasonText = reasons.map((r) => `"${r.reason}" ${r.count} deals, ${input.money(r.value)}${r.trend === null ? '' : `, ${r.trend} (${pct(r.priorShare ?? 0)} → ${pct(r.recentShare ?? 0)} of losses, ${l.trendBasis})`}`).join('; ');
  const evidence = [
    `${LOSS_CATEGORY_LABELS[category][0]?.toUpperCase()}${LOSS_CATEGORY_LABELS[category].slice(1)} leads why deals are lost: ${pct(lead.share)} of the lost value that has a reason (${input.money(lead.value)} in ${lead.count} of ${l.withReason} deals) in the last twelve months.`,
    `Reasons: ${reasonText}.`,
  ];
  const segs = l.bySegment.filter((c) => c.group !== '(none)' && c.topReason !== null);
  if (segs.length > 1) {
    evidence.push(`By segment, the first reason by lost value: ${segs.map((c) => `${c.group} "${c.topReason}" (${pct(c.topShare ?? 0)} of ${input.money(c.lostValue)})`).join(', ')}.`);
  }
  const owners = l.byOwner.filter((c) => c.group !== '(none)' && c.topReason !== null && reasons.some((r) => r.reason === c.topReason) && c.lost >= 20);
  if (owners.length > 0) {
    const top = [...owners].sort((a, b) => (b.topShare ?? 0) - (a.topShare ?? 0)).slice(0, 3);
    evidence.push(`Owners losing most on it: ${top.map((c) => `${c.group} ${pct(c.topShare ?? 0)} of ${input.money(c.lostValue)} lost`).join(', ')}.`);
  }
  const wr = input.value('win_rate');
  const metrics: Record<string, number | null> = { 'losses.leadShare': lead.share, 'losses.leadValue': lead.value, 'losses.withReason': l.withReason, win_rate: wr };
  const formula =
    wr === null
      ? `not estimated as a loss: ${input.money(lead.value)} was lost on ${LOSS_CATEGORY_LABELS[category]} in the last twelve months`
      : `not estimated as a loss: ${input.money(lead.value)} was lost on ${LOSS_CATEGORY_LABELS[category]} in the last twelve months; at the ${pct(wr)} win rate that is at most ${input.money(lead.value * wr)} of bookings a year if the objection disappeared entirely — a ceiling, not an estimate`;
  return { fired: true, near: false, missing: null, evidence, note: null, metrics, impact: { annual: null, formula } };
}

const pricing: Pattern = {
  id: 'price_led_losses',
  title: 'Pricing and packaging: price leads the losses',
  description:
    'More lost value goes to price than to any other reason: buyers do not see the value at the price asked, or the packaging does not fit the segment. A pricing and packaging problem, which discounting alone does not fix.',
  area: 'pipeline',
  owners: ['Executive', 'Sales', 'Marketing'],
  severity: 'warning',
  requires: ['win_rate'],
  triggers: trigger('price'),
  impactFormula: 'not estimated as a loss: the value lost on price in the window, with its ceiling at the win rate.',
  path: 'Fix price where it is set, not deal by deal: find which segment and package lose on price, test packaging and price points for that segment, and arm the reps to sell value before price comes up.',
  process: [
    { by: 30, owner: 'Sales', step: 'Review the deals lost on price with the reps who lost them: segment, package, competitor price, and whether it was price or value not shown; separate "too expensive" from "no budget".', kpi: 'a written loss review of the price-lost deals' },
    { by: 60, owner: 'Executive', step: 'Test packaging and price points for the segment that loses most on price (an entry package, value metrics, annual terms) on new deals.', kpi: 'price share of lost value falling quarter over quarter' },
    { by: 90, owner: 'Marketing', step: 'Rebuild the value story and ROI proof for that segment so price is argued before the proposal, and review win rate by segment monthly.', kpi: 'win rate ≥ {win_rate.good}', kpiMetric: 'win_rate' },
  ],
  detect: (input) => check(input, 'price'),
};

const competitive: Pattern = {
  id: 'competitive_displacement',
  title: 'Competitive displacement: a competitor leads the losses',
  description: 'More lost value goes to competitors than to any other reason: the company is out-positioned or out-sold in head-to-head deals.',
  area: 'pipeline',
  owners: ['Sales', 'Marketing', 'Executive'],
  severity: 'warning',
  requires: ['win_rate'],
  triggers: trigger('competitor'),
  impactFormula: 'not estimated as a loss: the value lost to competitors in the window, with its ceiling at the win rate.',
  path: 'Win the head-to-head: name the competitor in every lost deal, build battlecards and proof against them, and pick the segments where the company wins instead of fighting everywhere.',
  process: [
    { by: 30, owner: 'Sales', step: 'Record the competitor on every open and lost deal and review the last quarter of competitive losses deal by deal.', kpi: 'competitor named on 100% of competitive losses' },
    { by: 60, owner: 'Marketing', step: 'Battlecards and proof points against the competitors that win most; train every rep.', kpi: 'win rate in competitive deals up quarter over quarter' },
    { by: 90, owner: 'Executive', step: 'Decide where to compete: focus pipeline on the segments where head-to-head win rates are highest.', kpi: 'win rate ≥ {win_rate.good}', kpiMetric: 'win_rate' },
  ],
  detect: (input) => check(input, 'competitor'),
};

const qualification: Pattern = {
  id: 'qualification_gap',
  title: 'Qualification gap: "no decision" leads the losses',
  description: 'More lost value goes to no decision or no budget than to any competitor or price: deals enter the pipeline without a buyer, a budget or a reason to act now.',
  area: 'pipeline',
  owners: ['Sales', 'Marketing', 'RevOps'],
  severity: 'warning',
  requires: ['win_rate'],
  triggers: trigger('no_decision'),
  impactFormula: 'not estimated as a loss: the value lost to no decision in the window, with its ceiling at the win rate.',
  path: 'Qualify earlier and harder: a written entry standard for the pipeline (pain, budget, decision process, timing), disqualify early, and give marketing the reasons back.',
  process: [
    { by: 30, owner: 'RevOps', step: 'Write the qualification standard for a deal to enter the pipeline and make its fields required.', kpi: 'qualification fields on 100% of new deals' },
    { by: 60, owner: 'Sales', step: 'Inspect every deal older than the median cycle against the standard; close out those without a decision process.', kpi: 'stale share ≤ {stale_pipeline_share.good}', kpiMetric: 'stale_pipeline_share' },
    { by: 90, owner: 'Marketing', step: 'Feed "no decision" losses back into targeting and MQL criteria.', kpi: 'win rate ≥ {win_rate.good}', kpiMetric: 'win_rate' },
  ],
  detect: (input) => check(input, 'no_decision'),
};

export const LOSS_REASON_PATTERNS: readonly Pattern[] = [pricing, competitive, qualification];
