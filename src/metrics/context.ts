/**
 * The memo cache, the metric context and the default as-of date.
 * One SharedCache serves one (dataset, context) pair: keys do not include the dataset or the
 * as-of date. Helpers that take another window put its bounds in the key.
 */
import type { Dataset, DayNumber, Deal } from '../base/model.js';
import { trailingMonths } from '../base/time.js';
import type { Profile } from '../config/schema.js';
import { dataEndDay } from './as-of.js';
import type { Derivation, MetricContext, SharedCache } from './types.js';

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
