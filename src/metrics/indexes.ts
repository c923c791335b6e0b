/** Day and month indexes: prefix sums per day, month keys and buckets. */
import type { Dataset, DayNumber, Deal } from '../base/model.js';
import { addMonths, monthKey, type Window } from '../base/time.js';
import { lowerBound } from './stats.js';
import type { SharedCache } from './types.js';

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
  return shared.get(wonByCloseIndex, () => {
    // one pass into typed arrays, then per-day totals in arrays over the days' span (a Map entry
    // per won deal was the cost at a million deals); the buildDayIndex result, sums being integer
    const deals = ds.deals;
    const closes = new Float64Array(deals.length);
    const cents = new Float64Array(deals.length);
    let n = 0;
    let lo = Infinity;
    let hi = -Infinity;
    for (let di = 0; di < deals.length; di++) {
      const d = deals[di] as Deal;
      if (d.status !== 'won') continue;
      const c = d.closed;
      if (c === null) continue;
      closes[n] = c;
      cents[n] = d.amountCents;
      n += 1;
      if (c < lo) lo = c;
      if (c > hi) hi = c;
    }
    if (n > 0 && hi - lo >= DAY_SPAN_LIMIT) {
      return buildDayIndex(
        deals.filter((d) => d.status === 'won'),
        (d) => d.closed,
        (d) => d.amountCents,
      );
    }
    const span = n === 0 ? 0 : hi - lo + 1;
    const perCents = new Float64Array(span);
    const perCount = new Uint32Array(span);
    for (let i = 0; i < n; i++) {
      const k = (closes[i] as number) - lo;
      perCents[k] = (perCents[k] as number) + (cents[i] as number);
      perCount[k] = (perCount[k] as number) + 1;
    }
    const days: DayNumber[] = [];
    const cumCents = [0];
    const cumCount = [0];
    let tc = 0;
    let tn = 0;
    for (let k = 0; k < span; k++) {
      const count = perCount[k] as number;
      if (count === 0) continue;
      days.push(lo + k);
      tc += perCents[k] as number;
      tn += count;
      cumCents.push(tc);
      cumCount.push(tn);
    }
    return { days, cumCents, cumCount };
  });
}

/** Days a typed per-day tally may span (about 2,900 years); beyond it, a Map per day. */
const DAY_SPAN_LIMIT = 1 << 20;

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
