/**
 * Deal, renewal and spend selections (memoised in the run's SharedCache).
 *
 * Conventions used by every helper here (and written into the metric definitions):
 * - A deal "closed in a window" is a won or lost deal whose `closed` date is in the window
 *   (`inWindow`: start < d <= end). Open deals' `closed` is an expected date and never counts.
 * - "Open deals" are the deals with status open that already existed at the as-of date:
 *   `created` is null or <= asOf. The engine runs metrics over the dataset as it stood on the
 *   as-of date (as-of.ts pointInTime): deals closed after it are open there.
 */
import type { Dataset, DayNumber, Deal, Renewal, SpendRow } from '../base/model.js';
import { inWindow, isoFromDay, type Window } from '../base/time.js';
import { nextQuarterAfterAsOf, type Quarter } from './quarters.js';
import { sumCents } from './stats.js';
import type { MetricContext, SharedCache } from './types.js';
import { dealPass } from './deal-pass.js';
import { formatCount } from '../base/format.js';

/** True when any deal has a non-null `type`: the export has a deal type column. */
export function hasTypeColumn(ds: Dataset, shared: SharedCache): boolean {
  return shared.get(hasTypeColumn, () => ds.deals.some((d) => d.type !== null));
}

/**
 * New-business deal for CAC / new-ARR purposes: `type === 'new'` when the type column exists,
 * otherwise every deal (callers add a note saying so, see NOTE_NO_TYPE_COLUMN).
 */
export function isNewBusiness(deal: Deal, hasType: boolean): boolean {
  return hasType ? deal.type === 'new' : true;
}

export const NOTE_NO_TYPE_COLUMN = 'no deal type column: every won deal counts as new business';

/** Won and lost deals closed in `w` (default: the context window). */
export function closedDealsIn(ds: Dataset, shared: SharedCache, w: Window): readonly Deal[] {
  return shared.get(closedDealsIn, () =>
    ds.deals.filter((d) => d.status !== 'open' && inWindow(d.closed, w)),
    `${w.start}:${w.end}`,
  );
}

/** Won deals closed in `w`. */
export function wonDealsIn(ds: Dataset, shared: SharedCache, w: Window): readonly Deal[] {
  return shared.get(wonDealsIn, () =>
    closedDealsIn(ds, shared, w).filter((d) => d.status === 'won'),
    `${w.start}:${w.end}`,
  );
}

/** Won and lost deals closed in the context window. */
export function closedDealsInWindow(ds: Dataset, ctx: MetricContext, shared: SharedCache): readonly Deal[] {
  // the one deal pass's list, under closedDealsIn's own key (deal-pass.ts)
  return shared.get(closedDealsIn, () => dealPass(ds, ctx, shared).closedInWindow, `${ctx.window.start}:${ctx.window.end}`);
}

/** Won deals closed in the context window. */
export function wonDealsInWindow(ds: Dataset, ctx: MetricContext, shared: SharedCache): readonly Deal[] {
  closedDealsInWindow(ds, ctx, shared); // the window's closed deals from the one deal pass
  // the pass's won list (closedInWindow filtered by status), under wonDealsIn's own key
  return shared.get(wonDealsIn, () => dealPass(ds, ctx, shared).wonInWindow, `${ctx.window.start}:${ctx.window.end}`);
}

/** Open deals that existed at asOf: status open and created null or <= asOf. */
export function openDeals(ds: Dataset, ctx: MetricContext, shared: SharedCache): readonly Deal[] {
  return shared.get(openDeals, () => dealPass(ds, ctx, shared).open);
}

/**
 * Why the open pipeline cannot be placed in a quarter, or null when it can (or there is none):
 * some exports leave open deals without an expected close date or without an amount (the Maven
 * CRM sample does both), and a coverage or projection of 0 would then be a false alarm.
 */
function openPipelineGap(ds: Dataset, ctx: MetricContext, shared: SharedCache): string | null {
  // an as-of the export does not reach holds no pipeline data at all: not a pipeline of 0
  const last = dealPass(ds, ctx, shared).lastActivity;
  if (last === null) return 'no deal in the export was created or closed on or before the as-of date: there is no pipeline to read then';
  if (ctx.asOf - last > 365) return `the export's last deal activity is on ${isoFromDay(last)}, more than a year before the as-of date: the pipeline then is not in the file`;
  const open = openDeals(ds, ctx, shared);
  if (open.length === 0) return null;
  let dated = 0;
  let valued = 0;
  for (const d of open) {
    if (d.closed !== null) dated += 1;
    if (d.amountCents > 0) valued += 1;
  }
  const n = `${formatCount(open.length)} open deal${open.length === 1 ? '' : 's'}`;
  if (dated === 0) return `none of the ${n} has an expected close date: map the close-date column the export uses for open deals`;
  if (valued === 0) return `none of the ${n} has an amount: the export leaves open deals' amounts blank`;
  return null;
}

/**
 * The open deals expected to close in the fiscal quarter after the as-of date (coverage and
 * projection), or why the export does not allow placing them (openPipelineGap).
 */
export function nextQuarterPipeline(
  ds: Dataset,
  ctx: MetricContext,
  shared: SharedCache,
): { readonly gap: string } | { readonly quarter: Quarter; readonly deals: readonly Deal[]; readonly cents: number } {
  return shared.get(nextQuarterPipeline, () => {
    const gap = openPipelineGap(ds, ctx, shared);
    if (gap !== null) return { gap };
    const quarter = nextQuarterAfterAsOf(ctx);
    const deals = openDeals(ds, ctx, shared).filter((d) => inWindow(d.closed, quarter));
    return { quarter, deals, cents: sumCents(deals) };
  });
}

/** Deals of any status created in the context window. */
export function dealsCreatedInWindow(ds: Dataset, ctx: MetricContext, shared: SharedCache): readonly Deal[] {
  return shared.get(dealsCreatedInWindow, () => dealPass(ds, ctx, shared).createdInWindow);
}

/** Whole calendar days from created to closed; null when either date is missing. */
export function cycleDays(deal: Deal): number | null {
  return deal.created === null || deal.closed === null ? null : deal.closed - deal.created;
}

/** Cycle days of the won deals closed in the window that have both dates (unsorted). */
export function wonCycleDaysInWindow(ds: Dataset, ctx: MetricContext, shared: SharedCache): readonly number[] {
  return shared.get(wonCycleDaysInWindow, () => {
    const out: number[] = [];
    for (const d of wonDealsInWindow(ds, ctx, shared)) {
      const c = cycleDays(d);
      if (c !== null) out.push(c);
    }
    // frozen: several medians and percentiles read it, and share one sorted copy (stats.ts)
    return Object.freeze(out);
  });
}

/** Renewals whose renewal date is in the context window. */
export function renewalsInWindow(ds: Dataset, ctx: MetricContext, shared: SharedCache): readonly Renewal[] {
  return shared.get(renewalsInWindow, () => ds.renewals.filter((r) => inWindow(r.renewalDate, ctx.window)));
}

/** Spend rows whose period starts in the context window (a row counts wholly in its start month). */
export function spendInWindow(ds: Dataset, ctx: MetricContext, shared: SharedCache): readonly SpendRow[] {
  return shared.get(spendInWindow, () => ds.spend.filter((r) => inWindow(r.periodStart, ctx.window)));
}

/**
 * The first close date of a won or lost deal: where the bookings history of the export starts.
 * Growth comparisons and quarter reads need their base period to lie after it.
 */
export function closeHistoryStart(ds: Dataset, shared: SharedCache): DayNumber | null {
  return shared.get(closeHistoryStart, () => {
    let min: DayNumber | null = null;
    for (let di = 0; di < ds.deals.length; di++) {
      const d = ds.deals[di] as Deal;
      if (d.status !== 'open' && d.closed !== null && (min === null || d.closed < min)) min = d.closed;
    }
    return min;
  });
}

/** A quarter counts as covered by the data when its first close is at most this many days after the quarter starts. */
export const QUARTER_START_GRACE_DAYS = 14;
/** A deal's label when it has no account: its CRM id, else its line. */
export function dealLabel(deal: Deal): string {
  return deal.id !== null ? `deal ${deal.id}` : `line ${deal.line}`;
}
