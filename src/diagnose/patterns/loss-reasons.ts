/**
 * The shared part of the three patterns read from why deals are lost (issue 18: price-led-losses.ts,
 * competitive-displacement.ts, qualification-gap.ts): the category leading the lost value decides
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
import type { LossReasons } from '../../metrics/loss-reasons.js';
import { LOSS_CATEGORY_LABELS, type LossCategory } from '../../base/labels.js';
import { clear, fired, notChecked, type Detection } from './kit.js';
import { pct, type PatternInput, type Trigger } from '../signals.js';

export const LEAD_SHARE = 0.25;
export const MIN_REASONED = 30;
export const MIN_REASON_COVERAGE = 0.5;

export function trigger(category: LossCategory): Trigger[] {
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

export function check(input: PatternInput, category: LossCategory): Detection {
  const l = input.cro.losses;
  if (l === null) return notChecked('needs lost deals in the window with a lost-reason column (e.g. "Closed Lost Reason")');
  if (l.withReason < MIN_REASONED || l.withReason / l.lostDeals < MIN_REASON_COVERAGE) {
    return notChecked(`needs a lost reason on at least ${MIN_REASONED} lost deals and half of them (${l.withReason} of ${l.lostDeals} carry one)`);
  }
  const lead = leadingLoss(l);
  if (lead === null || lead.category !== category || lead.share < LEAD_SHARE) return clear();
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
  return fired({ evidence, metrics, impact: { annual: null, formula } });
}
