/**
 * The revenue ledger of a run: the ARR movements every retention, growth, movement, quick-ratio,
 * LTV and reconciliation metric reads, each derived once (memoised in the run's SharedCache) with
 * one account identity (base/identity accountKey).
 *
 * Sources and the one definition of each movement (BENCHMARKS §2.1; ChartMogul [S1]):
 * - new-business ARR: won deals closed in the window with type "new" when the deals have a type
 *   column, otherwise every won deal (a note says so). Defined here only: CAC, new ARR per S&M,
 *   magic number, ARR growth, expansion share, the quick ratio and the CRM ↔ billing
 *   reconciliation all read `crmBookingsIn`.
 * - expansion ARR: the uplift of renewals due in the window (arr_after − arr_before where larger)
 *   plus won expansion deals booked in the CRM in the window (type "expansion": mid-term upsell,
 *   cross-sell, added seats). Renewal-type deals are not movements (the renewals file holds them).
 *   Without a type column no deal can be told to be an expansion: expansion is the renewals' only.
 * - contraction, churn and the starting ARR: the renewals due in the window (one contract a
 *   row). An expansion deal closed in the window on or before a renewal of its account in the
 *   window is already inside that renewal's arr_before: it is counted once, as expansion, and
 *   taken out of the starting ARR (`expansionInBaseCents`), so that starting ARR + net new ARR is
 *   the ARR at the as-of date.
 * - with a subscriptions file the quick ratio reads the subscriptions' monthly ledger instead
 *   (movements.ts), which holds expansions already: CRM expansion deals are not added to it.
 */
import { accountKey, accountKeyMemo } from '../base/identity.js';
import type { Dataset } from '../base/model.js';
import type { Window } from '../base/time.js';
import { addMovement, compareStrings, newMovementTotals, toUnits } from './stats.js';
import { hasTypeColumn, isNewBusiness, renewalsInWindow, wonDealsIn } from './deal-selections.js';
import type { MetricContext, SharedCache } from './types.js';

// ---------------------------------------------------------------------------------------------
// Renewals due in the window (also read by retention.ts and acquisition.ts for LTV)

export interface SegmentTotals {
  readonly rows: number;
  readonly beforeCents: number;
  readonly afterCents: number;
  /** Σ min(arr_after, arr_before) */
  readonly retainedCents: number;
}

export interface RenewalTotals extends SegmentTotals {
  /** Rows with arr_after > 0. */
  readonly renewedRows: number;
  readonly churnedRows: number;
  readonly churnedCents: number;
  readonly contractionRows: number;
  readonly contractionCents: number;
  readonly expansionRows: number;
  readonly expansionCents: number;
  /** True when any renewal in the window carries a segment. */
  readonly hasSegment: boolean;
  /** Per segment (null = no segment), sorted by name with null last. */
  readonly segments: readonly { readonly segment: string | null; readonly totals: SegmentTotals }[];
}

interface MutableSegmentTotals {
  rows: number;
  beforeCents: number;
  afterCents: number;
  retainedCents: number;
}

/** Renewals due in the context window, aggregated in one pass. Memoised. */
export function renewalTotalsInWindow(ds: Dataset, ctx: MetricContext, shared: SharedCache): RenewalTotals {
  return shared.get(renewalTotalsInWindow, () => {
    const t = newMovementTotals();
    let hasSegment = false;
    const bySegment = new Map<string | null, MutableSegmentTotals>();
    for (const r of renewalsInWindow(ds, ctx, shared)) {
      const before = r.arrBeforeCents;
      const after = r.arrAfterCents;
      const retained = after < before ? after : before;
      addMovement(t, before, after);
      if (r.segment !== null) hasSegment = true;
      let seg = bySegment.get(r.segment);
      if (!seg) {
        seg = { rows: 0, beforeCents: 0, afterCents: 0, retainedCents: 0 };
        bySegment.set(r.segment, seg);
      }
      seg.rows += 1;
      seg.beforeCents += before;
      seg.afterCents += after;
      seg.retainedCents += retained;
    }
    const segments = [...bySegment.entries()]
      .sort(([a], [b]) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : compareStrings(a, b)))
      .map(([segment, totals]) => ({ segment, totals: { ...totals } }));
    return {
      rows: t.count,
      beforeCents: t.beforeCents,
      afterCents: t.afterCents,
      retainedCents: t.retainedCents,
      renewedRows: t.retained,
      churnedRows: t.churned,
      churnedCents: t.churnedCents,
      contractionRows: t.contraction,
      contractionCents: t.contractionCents,
      expansionRows: t.expansion,
      expansionCents: t.expansionCents,
      hasSegment,
      segments,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// CRM bookings

export interface NewBusinessTotals {
  /** new customers won */
  readonly count: number;
  /** their amount, i.e. new ARR */
  readonly cents: number;
  readonly hasType: boolean;
}

export interface CrmBookings extends NewBusinessTotals {
  /** Won expansion deals (type "expansion"; 0 without a type column). */
  readonly expansionCount: number;
  readonly expansionCents: number;
}

/** A won expansion deal booked in the CRM: only when the deals have a type column. */
export function isExpansionDeal(type: string | null, hasType: boolean): boolean {
  return hasType && type === 'expansion';
}

/** Won new-business and expansion deals closed in `w`: the one definition of CRM new ARR. Memoised per window. */
export function crmBookingsIn(ds: Dataset, shared: SharedCache, w: Window): CrmBookings {
  return shared.get(crmBookingsIn, () => {
    const hasType = hasTypeColumn(ds, shared);
    let count = 0;
    let cents = 0;
    let expansionCount = 0;
    let expansionCents = 0;
    for (const d of wonDealsIn(ds, shared, w)) {
      if (isNewBusiness(d, hasType)) {
        count += 1;
        cents += d.amountCents;
      } else if (isExpansionDeal(d.type, hasType)) {
        expansionCount += 1;
        expansionCents += d.amountCents;
      }
    }
    return { count, cents, hasType, expansionCount, expansionCents };
  }, `${w.start}:${w.end}`);
}

/** Won new-business deals closed in `w` (the new-business part of `crmBookingsIn`). */
export function newBusinessIn(ds: Dataset, shared: SharedCache, w: Window): NewBusinessTotals {
  const b = crmBookingsIn(ds, shared, w);
  return { count: b.count, cents: b.cents, hasType: b.hasType };
}

export interface ArrMovements {
  /** Renewals due in the window. */
  readonly renewals: number;
  /** Σ arr_before of the renewals due: the starting ARR base. */
  readonly startingCents: number;
  readonly newCents: number;
  readonly newDeals: number;
  /** Renewal uplift + CRM expansion deals. */
  readonly expansionCents: number;
  readonly renewalExpansionCents: number;
  readonly crmExpansionCents: number;
  readonly crmExpansionDeals: number;
  readonly contractionCents: number;
  readonly churnCents: number;
  readonly hasType: boolean;
  /** CRM expansion deals closed on or before a renewal of their account in the window: inside that renewal's arr_before. */
  readonly expansionInBaseCents: number;
}

/** The window's ARR movements from the renewals and the CRM (needs both inputs to mean anything). Memoised. */
export function arrMovementsInWindow(ds: Dataset, ctx: MetricContext, shared: SharedCache): ArrMovements {
  return shared.get(arrMovementsInWindow, () => {
    const t = renewalTotalsInWindow(ds, ctx, shared);
    const b = crmBookingsIn(ds, shared, ctx.window);
    let expansionInBaseCents = 0;
    if (b.expansionCount > 0) {
      const lastRenewal = new Map<string, number>();
      for (const r of renewalsInWindow(ds, ctx, shared)) {
        const k = accountKey(r.account);
        if ((lastRenewal.get(k) ?? -Infinity) < r.renewalDate) lastRenewal.set(k, r.renewalDate);
      }
      const keyOf = accountKeyMemo();
      for (const d of wonDealsIn(ds, shared, ctx.window)) {
        if (!isExpansionDeal(d.type, b.hasType) || d.account === null || d.closed === null) continue;
        const renewal = lastRenewal.get(keyOf(d.account));
        if (renewal !== undefined && d.closed <= renewal) expansionInBaseCents += d.amountCents;
      }
    }
    return {
      renewals: t.rows,
      startingCents: t.beforeCents - expansionInBaseCents,
      newCents: b.cents,
      newDeals: b.count,
      expansionCents: t.expansionCents + b.expansionCents,
      renewalExpansionCents: t.expansionCents,
      crmExpansionCents: b.expansionCents,
      crmExpansionDeals: b.expansionCount,
      contractionCents: t.contractionCents,
      churnCents: t.churnedCents,
      hasType: b.hasType,
      expansionInBaseCents,
    };
  });
}

/** The note every metric adding CRM expansion deals carries, or none when there are none. */
export function crmExpansionNotes(m: ArrMovements): string[] {
  if (!m.hasType) return [];
  return [`expansion = renewals' uplift at renewal + ${m.crmExpansionDeals} won expansion deal(s) booked in the CRM in the window`];
}

/** ARR growth's note on the starting base, when expansion deals were taken out of it. */
export function expansionInBaseNotes(m: ArrMovements): string[] {
  if (m.expansionInBaseCents === 0) return [];
  return [`starting ARR excludes ${toUnits(m.expansionInBaseCents)} of expansion deals won in the window before their account's renewal (already in its arr_before, counted as expansion)`];
}
