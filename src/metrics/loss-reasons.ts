/**
 * Why we lose, why they leave (issue 18): the deals' lost reasons by count and value, by segment,
 * owner and stage, with their trend; and the churn / contraction reasons when the renewals carry a
 * reason column (else "not given" and a request for it).
 *
 * Pure and deterministic. Definitions:
 * - lost deals: status lost, close date in the window; value = Σ amount.
 * - a reason's category comes from its words (LOSS_CATEGORIES, first match wins): no decision
 *   (incl. no budget, status quo, went dark), timing, competitor, price, product / fit, other;
 *   blank reasons are "(not given)".
 * - trend: share of the lost deals (count) with the reason in the last two complete fiscal
 *   quarters against the two quarters before; rising / falling when it moves by at least
 *   TREND_POINTS with at least TREND_MIN_LOSSES losses on each side, steady otherwise; null
 *   without enough losses.
 * - cuts (segment, owner, stage): per group, lost deals, lost value and the reason leading by value.
 */
import type { Dataset, Deal, Renewal } from '../base/model.js';
import { inWindow } from '../base/time.js';
import { compareStrings } from './stats.js';
import { hasTypeColumn, isNewBusiness } from './deal-selections.js';
import { lastCompleteQuarter, previousQuarter, quarterOf } from './quarters.js';
import { createSharedCache } from './context.js';
import type { MetricContext } from './types.js';
import type { LossCategory } from '../base/labels.js';


/** Word patterns per category, first match wins (no budget reads as no decision, not price). */
export const LOSS_CATEGORIES: readonly { readonly category: Exclude<LossCategory, 'other' | 'not_given'>; readonly re: RegExp }[] = [
  { category: 'no_decision', re: /no[ -]?decision|no[ -]?budget|budget|status quo|do nothing|no response|unresponsive|went dark|ghost|not a priority|no need/i },
  { category: 'timing', re: /timing|postpon|delay|on hold|next (year|quarter)|not now/i },
  { category: 'competitor', re: /compet|lost to|went with|chose (another|a different)|incumbent|other vendor|alternative/i },
  { category: 'price', re: /price|pricing|cost|expensive|too high|discount|packag|contract terms|roi/i },
  { category: 'product', re: /feature|product|fit|integration|functional|requirement|security|technical|capabilit/i },
];

export const NOT_GIVEN = '(not given)';
export const TREND_POINTS = 0.05;
export const TREND_MIN_LOSSES = 10;

export function lossCategory(reason: string | null): LossCategory {
  if (reason === null || reason.trim() === '') return 'not_given';
  for (const c of LOSS_CATEGORIES) if (c.re.test(reason)) return c.category;
  return 'other';
}

export interface ReasonRow {
  readonly reason: string;
  readonly category: LossCategory;
  readonly count: number;
  readonly value: number;
  /** Share of the lost deals (count) and of the lost value. */
  readonly countShare: number;
  readonly valueShare: number;
  readonly recentShare: number | null;
  readonly priorShare: number | null;
  readonly trend: 'rising' | 'falling' | 'steady' | null;
}

export interface ReasonCut {
  readonly group: string;
  readonly lost: number;
  readonly lostValue: number;
  /** The reason with the most lost value in the group (ties: more deals, then name). */
  readonly topReason: string | null;
  readonly topShare: number | null;
}

export interface LossReasons {
  readonly lostDeals: number;
  readonly lostValue: number;
  /** Lost deals whose reason is not blank. */
  readonly withReason: number;
  /** By lost value, largest first (ties: count, then name). */
  readonly reasons: readonly ReasonRow[];
  /** Share of the lost value per category, largest first. */
  readonly categories: readonly { readonly category: LossCategory; readonly count: number; readonly value: number; readonly valueShare: number }[];
  /** "FY2025 Q3–FY2025 Q4 vs FY2025 Q1–FY2025 Q2". */
  readonly trendBasis: string;
  readonly bySegment: readonly ReasonCut[];
  readonly byOwner: readonly ReasonCut[];
  readonly byStage: readonly ReasonCut[];
  readonly notes: readonly string[];
}

export interface ChurnReasons {
  /** True when the renewals carry a reason on at least one churned or contracted row of the window. */
  readonly given: boolean;
  readonly churnedOrContracted: number;
  readonly lostArr: number;
  /** By lost ARR (churned ARR + contraction), largest first. */
  readonly reasons: readonly { readonly reason: string; readonly count: number; readonly lostArr: number; readonly share: number }[];
  /** What to add when the reasons are not given; null when they are. */
  readonly request: string | null;
}

interface Tally {
  count: number;
  cents: number;
}

function rankReasons(map: ReadonlyMap<string, Tally>): [string, Tally][] {
  return [...map.entries()].sort((a, b) => b[1].cents - a[1].cents || b[1].count - a[1].count || compareStrings(a[0], b[0]));
}

/** The trimmed lost reason, or NOT_GIVEN; memoised per raw string (a handful of values, many deals). */
function reasonReader(): (d: Deal) => string {
  const memo = new Map<string, string>();
  return (d) => {
    const raw = d.lostReason;
    if (raw === null) return NOT_GIVEN;
    let r = memo.get(raw);
    if (r === undefined) {
      const t = raw.trim();
      r = t === '' ? NOT_GIVEN : t;
      memo.set(raw, r);
    }
    return r;
  };
}

/**
 * One pass: per group, lost deals, lost cents and the reasons' tallies; then the leading reason.
 * `reasons[i]` is the reason of `lost[i]` (read once for the three cuts).
 */
function cut(lost: readonly Deal[], groupOf: (d: Deal) => string | null, reasons: readonly string[]): ReasonCut[] {
  const groups = new Map<string, { lost: number; cents: number; by: Map<string, Tally> }>();
  for (let i = 0; i < lost.length; i++) {
    const d = lost[i] as Deal;
    const g = groupOf(d) ?? '(none)';
    let acc = groups.get(g);
    if (acc === undefined) {
      acc = { lost: 0, cents: 0, by: new Map() };
      groups.set(g, acc);
    }
    acc.lost += 1;
    acc.cents += d.amountCents;
    const r = reasons[i] as string;
    if (r === NOT_GIVEN) continue;
    let t = acc.by.get(r);
    if (t === undefined) {
      t = { count: 0, cents: 0 };
      acc.by.set(r, t);
    }
    t.count += 1;
    t.cents += d.amountCents;
  }
  const out: ReasonCut[] = [];
  for (const [group, acc] of groups) {
    const top = rankReasons(acc.by)[0];
    out.push({
      group,
      lost: acc.lost,
      lostValue: acc.cents / 100,
      topReason: top === undefined ? null : top[0],
      topShare: top === undefined ? null : acc.cents > 0 ? top[1].cents / acc.cents : top[1].count / acc.lost,
    });
  }
  return out.sort((a, b) => b.lostValue - a.lostValue || b.lost - a.lost || compareStrings(a.group, b.group));
}

export function computeLossReasons(ds: Dataset, ctx: MetricContext): LossReasons | null {
  const lost = ds.deals.filter((d) => d.status === 'lost' && inWindow(d.closed, ctx.window));
  if (lost.length === 0) return null;
  const fy = ctx.profile.fiscalYearStartMonth;
  const q4 = lastCompleteQuarter(ctx);
  const q3 = previousQuarter(q4, fy);
  const q2 = previousQuarter(q3, fy);
  const q1 = previousQuarter(q2, fy);
  const recent = { start: q3.start, end: q4.end };
  const prior = { start: q1.start, end: q2.end };
  const reasonOf = reasonReader();
  const reasonOfLost: string[] = new Array<string>(lost.length);
  const by = new Map<string, Tally & { recent: number; prior: number }>();
  let recentN = 0;
  let priorN = 0;
  let cents = 0;
  let withReason = 0;
  for (let i = 0; i < lost.length; i++) {
    const d = lost[i] as Deal;
    cents += d.amountCents;
    const r = reasonOf(d);
    reasonOfLost[i] = r;
    if (r !== NOT_GIVEN) withReason += 1;
    let t = by.get(r);
    if (t === undefined) {
      t = { count: 0, cents: 0, recent: 0, prior: 0 };
      by.set(r, t);
    }
    t.count += 1;
    t.cents += d.amountCents;
    if (inWindow(d.closed, recent)) {
      t.recent += 1;
      recentN += 1;
    } else if (inWindow(d.closed, prior)) {
      t.prior += 1;
      priorN += 1;
    }
  }
  const enough = recentN >= TREND_MIN_LOSSES && priorN >= TREND_MIN_LOSSES;
  const reasons: ReasonRow[] = rankReasons(by).map(([reason, t]) => {
    const full = by.get(reason) as Tally & { recent: number; prior: number };
    const recentShare = recentN > 0 ? full.recent / recentN : null;
    const priorShare = priorN > 0 ? full.prior / priorN : null;
    let trend: ReasonRow['trend'] = null;
    if (enough && recentShare !== null && priorShare !== null) {
      const dlt = recentShare - priorShare;
      trend = dlt >= TREND_POINTS ? 'rising' : dlt <= -TREND_POINTS ? 'falling' : 'steady';
    }
    return {
      reason,
      category: reason === NOT_GIVEN ? 'not_given' : lossCategory(reason),
      count: t.count,
      value: t.cents / 100,
      countShare: t.count / lost.length,
      valueShare: cents > 0 ? t.cents / cents : 0,
      recentShare,
      priorShare,
      trend,
    };
  });
  const cats = new Map<LossCategory, Tally>();
  for (const r of reasons) {
    const t = cats.get(r.category) ?? { count: 0, cents: 0 };
    t.count += r.count;
    t.cents += Math.round(r.value * 100);
    cats.set(r.category, t);
  }
  const categories = [...cats.entries()]
    .sort((a, b) => b[1].cents - a[1].cents || b[1].count - a[1].count || compareStrings(a[0], b[0]))
    .map(([category, t]) => ({ category, count: t.count, value: t.cents / 100, valueShare: cents > 0 ? t.cents / cents : 0 }));
  const notes: string[] = [];
  if (withReason < lost.length) notes.push(`${lost.length - withReason} of ${lost.length} lost deals carry no reason`);
  if (!enough) notes.push(`trend not judged: fewer than ${TREND_MIN_LOSSES} lost deals in the last two complete quarters or in the two before`);
  const stages = new Set(lost.map((d) => d.stage));
  const byStage = cut(lost, (d) => d.stage, reasonOfLost);
  if (stages.size === 1) notes.push(`every lost deal carries the same stage ("${[...stages][0] ?? ''}"): the export gives the final stage, not the stage the deal was lost at`);
  return {
    lostDeals: lost.length,
    lostValue: cents / 100,
    withReason,
    reasons,
    categories,
    trendBasis: `${q3.label}–${q4.label} vs ${q1.label}–${q2.label}`,
    bySegment: cut(lost, (d) => d.segment, reasonOfLost),
    byOwner: cut(lost, (d) => d.owner, reasonOfLost),
    byStage,
    notes,
  };
}

/** Churn and contraction reasons from the renewals due in the window. */
export function computeChurnReasons(ds: Dataset, ctx: MetricContext): ChurnReasons | null {
  if (!ds.present.renewals) return null;
  const leaving: Renewal[] = ds.renewals.filter((r) => inWindow(r.renewalDate, ctx.window) && r.arrAfterCents < r.arrBeforeCents);
  let lostCents = 0;
  const by = new Map<string, Tally>();
  let given = false;
  for (const r of leaving) {
    const lostHere = r.arrBeforeCents - r.arrAfterCents;
    lostCents += lostHere;
    const reason = r.reason === undefined || r.reason === null || r.reason.trim() === '' ? NOT_GIVEN : r.reason.trim();
    if (reason !== NOT_GIVEN) given = true;
    const t = by.get(reason) ?? { count: 0, cents: 0 };
    t.count += 1;
    t.cents += lostHere;
    by.set(reason, t);
  }
  return {
    given,
    churnedOrContracted: leaving.length,
    lostArr: lostCents / 100,
    reasons: given ? rankReasons(by).map(([reason, t]) => ({ reason, count: t.count, lostArr: t.cents / 100, share: lostCents > 0 ? t.cents / lostCents : 0 })) : [],
    request: given
      ? null
      : leaving.length === 0
        ? null
        : `add a "reason" column to the renewals (why each of the ${leaving.length} churned or contracted accounts left: fit, onboarding, product gap, champion left, price, budget) so retention can be fixed at its cause`,
  };
}

export interface QuarterEndPricing {
  /** Won new-business deals of the window closed in the last 14 days of their fiscal quarter, and the rest. */
  readonly quarterEndDeals: number;
  readonly otherDeals: number;
  /**
   * Σ quarter-end amounts ÷ Σ over the same deals of their segment's average other-deal amount:
   * below 1 the quarter-end deals are smaller than like-for-like deals closed earlier (a sign of
   * end-of-quarter discounting); null without both kinds of deal.
   */
  readonly sizeRatio: number | null;
  /** sizeRatio ≤ DISCOUNT_EVIDENCE_RATIO with at least DISCOUNT_EVIDENCE_MIN_DEALS quarter-end deals. */
  readonly discountEvidence: boolean;
}

export const DISCOUNT_EVIDENCE_RATIO = 0.9;
export const DISCOUNT_EVIDENCE_MIN_DEALS = 20;

/**
 * Are quarter-end deals cheaper? Without a discount column this is the only discount evidence the
 * data holds: the size of quarter-end wins against wins of the same segment closed earlier in the
 * quarter (segment-matched, so a mix shift is not read as a discount).
 */
export function computeQuarterEndPricing(ds: Dataset, ctx: MetricContext): QuarterEndPricing | null {
  const fy = ctx.profile.fiscalYearStartMonth;
  const hasType = hasTypeColumn(ds, createSharedCache());
  const seg = new Map<string, { qe: number[]; other: number[] }>();
  const qeMemo = new Map<number, boolean>();
  for (let di = 0; di < ds.deals.length; di++) {
    const d = ds.deals[di] as Deal;
    if (d.status !== 'won' || !inWindow(d.closed, ctx.window) || !isNewBusiness(d, hasType)) continue;
    let qe = qeMemo.get(d.closed);
    if (qe === undefined) {
      qe = d.closed >= quarterOf(d.closed, fy).end - 13;
      qeMemo.set(d.closed, qe);
    }
    const k = d.segment ?? '';
    let g = seg.get(k);
    if (g === undefined) {
      g = { qe: [], other: [] };
      seg.set(k, g);
    }
    (qe ? g.qe : g.other).push(d.amountCents);
  }
  let qeN = 0;
  let otherN = 0;
  let qeCents = 0;
  let expected = 0;
  for (const g of seg.values()) {
    otherN += g.other.length;
    if (g.other.length === 0) continue;
    const avg = g.other.reduce((t, x) => t + x, 0) / g.other.length;
    qeN += g.qe.length;
    for (const c of g.qe) qeCents += c;
    expected += avg * g.qe.length;
  }
  if (qeN + otherN === 0) return null;
  const sizeRatio = expected > 0 ? qeCents / expected : null;
  return { quarterEndDeals: qeN, otherDeals: otherN, sizeRatio, discountEvidence: sizeRatio !== null && qeN >= DISCOUNT_EVIDENCE_MIN_DEALS && sizeRatio <= DISCOUNT_EVIDENCE_RATIO };
}
