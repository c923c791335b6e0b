/**
 * Helpers every metric file shares: outcome constructors, the memo cache, the metric context,
 * the default as-of date, deal selections (closed / won / open), fiscal quarters, statistics
 * (median, percentile), integer cent sums and per-month / per-day indexes.
 *
 * Conventions used by every helper here (and written into the metric definitions):
 * - A deal "closed in a window" is a won or lost deal whose `closed` date is in the window
 *   (`inWindow`: start < d <= end). Open deals' `closed` is an expected date and never counts.
 * - "Open deals" are the deals with status open that already existed at the as-of date:
 *   `created` is null or <= asOf. The engine runs metrics over the dataset as it stood on the
 *   as-of date (as-of.ts pointInTime): deals closed after it are open there.
 * - One SharedCache serves one (dataset, context) pair: keys do not include the dataset or the
 *   as-of date. Helpers that take another window put its bounds in the key.
 */
import type { Dataset, Deal, DayNumber, Renewal, SpendRow } from '../base/model.js';
import type { Profile } from '../config/schema.js';
import { addMonths, fiscalQuarterLabel, fiscalQuarterOf, inWindow, isoFromDay, monthKey, trailingMonths, type Window } from '../base/time.js';
import type { Derivation, MetricContext, MetricOutcome, SharedCache } from './types.js';
import { dataEndDay } from './as-of.js';
import { dealPass } from './deal-pass.js';

// ---------------------------------------------------------------------------------------------
// Outcomes

export type ValueOutcome = Extract<MetricOutcome, { kind: 'value' }>;
export type NaOutcome = Extract<MetricOutcome, { kind: 'na' }>;

/** An n/a outcome. The reason names the data or config key that would unlock the metric. */
export function na(reason: string, notes?: readonly string[]): NaOutcome {
  return notes && notes.length > 0 ? { kind: 'na', reason, notes } : { kind: 'na', reason };
}

export interface ValueExtras {
  readonly sampleSize?: number;
  readonly notes?: readonly string[];
  readonly details?: Readonly<Record<string, number | string | null>>;
}

/** A value outcome; empty notes are dropped. The engine asserts the value is finite. */
export function value(v: number, extras: ValueExtras = {}): ValueOutcome {
  return {
    kind: 'value',
    value: v,
    ...(extras.sampleSize !== undefined ? { sampleSize: extras.sampleSize } : {}),
    ...(extras.notes && extras.notes.length > 0 ? { notes: extras.notes } : {}),
    ...(extras.details ? { details: extras.details } : {}),
  };
}

/** Common reasons, so the same missing input reads the same everywhere. */
export const REASONS = {
  noDealsFile: 'needs a deals file (--deals)',
  noDeals: 'needs at least one usable deal in the deals file',
  noSpendFile: 'needs marketing spend (--spend)',
  noRenewalsFile: 'needs a renewals file (--renewals)',
} as const;

/** n/a when the deals input is missing or empty; null when deals can be used. */
export function requireDeals(ds: Dataset): NaOutcome | null {
  if (!ds.present.deals) return na(REASONS.noDealsFile);
  if (ds.deals.length === 0) return na(REASONS.noDeals);
  return null;
}

// ---------------------------------------------------------------------------------------------
// Cache and context

/** A Map-based memo. One per (dataset, context); see the file comment. */
export function createSharedCache(): SharedCache {
  const memo = new Map<Derivation, Map<string, unknown>>();
  return {
    get<T>(derivation: Derivation, build: () => T, params = ''): T {
      let byParams = memo.get(derivation);
      if (byParams === undefined) {
        byParams = new Map();
        memo.set(derivation, byParams);
      }
      if (byParams.has(params)) return byParams.get(params) as T;
      const built = build();
      byParams.set(params, built);
      return built;
    },
  };
}

/** The metric context for an as-of date: the trailing twelve months, asOf − 12 months < d <= asOf. */
export function makeContext(asOf: DayNumber, profile: Profile, asOfSource?: MetricContext['asOfSource']): MetricContext {
  return { asOf, window: trailingMonths(asOf, 12), profile, ...(asOfSource !== undefined ? { asOfSource } : {}) };
}

/**
 * The as-of date to use when neither --as-of nor the config gives one: the data's last activity
 * date (as-of.ts dataEndDay): deal created dates, spend period starts, renewal dates and
 * subscription starts, and won/lost close dates on or before the latest of those (a future-dated
 * close never moves it). Null when the dataset holds no date at all.
 */
export function defaultAsOf(ds: Dataset): DayNumber | null {
  return dataEndDay(ds);
}

/**
 * Calls `see` with every date that records something that already happened: deal created dates,
 * won/lost close dates, spend period starts, renewal dates (not open deals' expected closes).
 */
export function forEachEventDay(ds: Dataset, see: (day: DayNumber) => void): void {
  for (let di = 0; di < ds.deals.length; di++) {
    const deal = ds.deals[di] as Deal;
    if (deal.created !== null) see(deal.created);
    if (deal.status !== 'open' && deal.closed !== null) see(deal.closed);
  }
  for (const row of ds.spend) see(row.periodStart);
  for (const r of ds.renewals) see(r.renewalDate);
  // subscription starts (end dates can be scheduled cancellations, in the future of the export)
  for (const s of ds.subscriptions ?? []) see(s.start);
}

// ---------------------------------------------------------------------------------------------
// Deal selections (memoised)

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
  return wonDealsIn(ds, shared, ctx.window);
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
  const n = `${open.length.toLocaleString('en-US')} open deal${open.length === 1 ? '' : 's'}`;
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
    return out;
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

// ---------------------------------------------------------------------------------------------
// Windows and fiscal quarters

/** The twelve months before the context window: asOf − 24 months < d <= asOf − 12 months. */
export function previousYearWindow(ctx: MetricContext): Window {
  return { start: addMonths(ctx.asOf, -24), end: ctx.window.start };
}

/** "2024-07-01 to 2025-06-30": a window's first and last day, both inclusive, for notes and reasons. */
export function describeWindow(w: Window): string {
  return `${isoFromDay(w.start + 1)} to ${isoFromDay(w.end)}`;
}

export interface Quarter extends Window {
  /** First day (inclusive); `start` is the day before it (exclusive), `end` the last day. */
  readonly first: DayNumber;
  readonly label: string;
}

export function quarterOf(day: DayNumber, fiscalYearStartMonth: number): Quarter {
  const q = fiscalQuarterOf(day, fiscalYearStartMonth);
  return { start: q.start, end: q.end, first: q.first, label: fiscalQuarterLabel(q.first, fiscalYearStartMonth) };
}

export function previousQuarter(q: Quarter, fiscalYearStartMonth: number): Quarter {
  return quarterOf(q.first - 1, fiscalYearStartMonth);
}

export function nextQuarter(q: Quarter, fiscalYearStartMonth: number): Quarter {
  return quarterOf(q.end + 1, fiscalYearStartMonth);
}

/**
 * The last complete fiscal quarter: the latest quarter whose last day is <= asOf. When asOf is
 * the last day of its quarter, that quarter; otherwise the quarter before the one containing asOf.
 */
export function lastCompleteQuarter(ctx: MetricContext): Quarter {
  const fy = ctx.profile.fiscalYearStartMonth;
  const current = quarterOf(ctx.asOf, fy);
  return current.end <= ctx.asOf ? current : previousQuarter(current, fy);
}

/** The fiscal quarter after the one containing asOf (what "next quarter" means everywhere). */
export function nextQuarterAfterAsOf(ctx: MetricContext): Quarter {
  const fy = ctx.profile.fiscalYearStartMonth;
  return nextQuarter(quarterOf(ctx.asOf, fy), fy);
}

/** Complete fiscal quarters lying wholly inside the context window, oldest first. */
export function completeQuartersInWindow(ctx: MetricContext): readonly Quarter[] {
  const fy = ctx.profile.fiscalYearStartMonth;
  const out: Quarter[] = [];
  for (let q = lastCompleteQuarter(ctx); q.first > ctx.window.start; q = previousQuarter(q, fy)) out.push(q);
  return out.reverse();
}

// ---------------------------------------------------------------------------------------------
// Statistics (inputs are never mutated)

/** Sorted ascending copy. */
function sortedCopy(values: readonly number[]): Float64Array {
  return Float64Array.from(values).sort();
}

/** Median; an even count averages the two middle values. Null for no values. */
export function median(values: readonly number[]): number | null {
  return percentile(values, 0.5);
}

/**
 * Percentile p in [0, 1] with linear interpolation between closest ranks — the "type 7"
 * definition used by Excel PERCENTILE.INC, Google Sheets PERCENTILE and NumPy's default:
 * h = (n − 1) × p; result = x[⌊h⌋] + (h − ⌊h⌋) × (x[⌊h⌋+1] − x[⌊h⌋]) over the sorted values.
 * p = 0.5 is the usual median. Null for no values.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const s = sortedCopy(values);
  const h = (s.length - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, s.length - 1);
  const a = s[lo] as number;
  const b = s[hi] as number;
  return a + (h - lo) * (b - a);
}

/** Arithmetic mean; null for no values. */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let t = 0;
  for (const v of values) t += v;
  return t / values.length;
}

/** Sum of integer cents (exact below 2^53 cents). */
export function sum(values: readonly number[]): number {
  let t = 0;
  for (const v of values) t += v;
  return t;
}

/** Sum of `amountCents` over records. */
export function sumCents(records: readonly { readonly amountCents: number }[]): number {
  let t = 0;
  for (const r of records) t += r.amountCents;
  return t;
}

/** Cents to currency units: the single division at the end of a money metric. */
export function toUnits(cents: number): number {
  return cents / 100;
}

// ---------------------------------------------------------------------------------------------
// Day and month indexes

/**
 * Amounts and counts aggregated per day, with prefix sums, so the sum over any date range is
 * two binary searches. `days` is sorted ascending and distinct; cum*[i] covers days[0..i-1].
 */
export interface DayIndex {
  readonly days: readonly DayNumber[];
  readonly cumCents: readonly number[];
  readonly cumCount: readonly number[];
}

export function buildDayIndex<T>(items: Iterable<T>, dayOf: (item: T) => DayNumber | null, centsOf: (item: T) => number): DayIndex {
  const perDay = new Map<DayNumber, { cents: number; count: number }>();
  for (const it of items) {
    const d = dayOf(it);
    if (d === null) continue;
    const acc = perDay.get(d);
    if (acc) {
      acc.cents += centsOf(it);
      acc.count += 1;
    } else perDay.set(d, { cents: centsOf(it), count: 1 });
  }
  const days = [...perDay.keys()].sort((a, b) => a - b);
  const cumCents = [0];
  const cumCount = [0];
  for (const d of days) {
    const acc = perDay.get(d) as { cents: number; count: number };
    cumCents.push((cumCents[cumCents.length - 1] as number) + acc.cents);
    cumCount.push((cumCount[cumCount.length - 1] as number) + acc.count);
  }
  return { days, cumCents, cumCount };
}

/** First index whose day is >= `day`. */
function lowerBound(days: readonly DayNumber[], day: DayNumber): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((days[mid] as number) < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Sum and count over from <= d <= to (both inclusive). */
export function rangeSum(idx: DayIndex, from: DayNumber, to: DayNumber): { readonly cents: number; readonly count: number } {
  if (to < from) return { cents: 0, count: 0 };
  const i = lowerBound(idx.days, from);
  const j = lowerBound(idx.days, to + 1);
  return {
    cents: (idx.cumCents[j] as number) - (idx.cumCents[i] as number),
    count: (idx.cumCount[j] as number) - (idx.cumCount[i] as number),
  };
}

/** Sum and count over a window (start exclusive, end inclusive). */
export function windowSum(idx: DayIndex, w: Window): { readonly cents: number; readonly count: number } {
  return rangeSum(idx, w.start + 1, w.end);
}

/** Won deals indexed by close date (all dates, not only the window). */
export function wonByCloseIndex(ds: Dataset, shared: SharedCache): DayIndex {
  return shared.get(wonByCloseIndex, () =>
    buildDayIndex(
      ds.deals.filter((d) => d.status === 'won'),
      (d) => d.closed,
      (d) => d.amountCents,
    ),
  );
}

/** Every month key "YYYY-MM" from the month of `from` to the month of `to`, inclusive. */
export function monthsBetween(from: DayNumber, to: DayNumber): string[] {
  const out: string[] = [];
  if (to < from) return out;
  const last = monthKey(to);
  for (let d = from; ; d = addMonths(d, 1)) {
    const k = monthKey(d);
    out.push(k);
    if (k >= last) break;
  }
  return out;
}

/**
 * Month key of a day, memoised per day through `cache` (a plain Map the caller keeps for one
 * pass): building a Date per record is the slow part of bucketing a million rows.
 */
export function monthKeyOf(day: DayNumber, cache: Map<DayNumber, string>): string {
  let k = cache.get(day);
  if (k === undefined) {
    k = monthKey(day);
    cache.set(day, k);
  }
  return k;
}

/** Items grouped by the month of their date (items without a date are skipped), in input order. */
export function bucketByMonth<T>(items: Iterable<T>, dayOf: (item: T) => DayNumber | null): Map<string, T[]> {
  const keys = new Map<DayNumber, string>();
  const out = new Map<string, T[]>();
  for (const it of items) {
    const d = dayOf(it);
    if (d === null) continue;
    const k = monthKeyOf(d, keys);
    const arr = out.get(k);
    if (arr) arr.push(it);
    else out.set(k, [it]);
  }
  return out;
}

/** Compares strings by code unit (locale-free), for deterministic sorts. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A deal's label when it has no account: its CRM id, else its line. */
export function dealLabel(deal: Deal): string {
  return deal.id !== null ? `deal ${deal.id}` : `line ${deal.line}`;
}
