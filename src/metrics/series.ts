/**
 * Monthly series for charts and trend reading (MetricsReport.series).
 *
 * Span: from the month of the earliest dated event in the data (the same events as
 * `defaultAsOf`: deal created dates, won/lost close dates, spend period starts, renewal dates;
 * open deals' expected close dates never count) to the month containing asOf, both inclusive,
 * at most SERIES_MAX_MONTHS months back (a stray ancient date must not produce a thousand empty
 * months). Events after asOf are left out; the as-of month is partial when asOf is not its last day.
 *
 * Per month m ("YYYY-MM"):
 * - bookings: Σ won amount closed in m (0 when nothing was won; null without a deals file)
 * - pipeline_created: Σ amount of deals created in m
 * - win_rate: won ÷ (won + lost) by count, closed in m; null when nothing closed
 * - median_cycle_days: median (close − created) of won deals closed in m; null when none
 * - spend: Σ spend of every category with period start in m; null without a spend file
 * - new_customers: count of won new-business deals closed in m (type 'new' when the type column exists)
 * - cac: Σ sales + marketing spend in m ÷ new_customers in m; null when either is 0 or missing
 */
import type { Dataset, DayNumber, Deal } from '../base/model.js';
import { addMonths, firstOfMonth } from '../base/time.js';
import type { MetricContext, MonthlyPoint, SharedCache } from './types.js';
import { forEachEventDay } from './context.js';
import { hasTypeColumn, isNewBusiness } from './deal-selections.js';
import { median, toUnits } from './stats.js';
import { monthsBetween } from './indexes.js';

export const SERIES_MAX_MONTHS = 120;

export const SERIES_IDS = [
  'bookings',
  'pipeline_created',
  'win_rate',
  'median_cycle_days',
  'spend',
  'new_customers',
  'cac',
] as const;
export type SeriesId = (typeof SERIES_IDS)[number];

/** Earliest dated event (see the file comment), or null when there is none. */
export function earliestEventDay(ds: Dataset): DayNumber | null {
  let earliest: DayNumber | null = null;
  forEachEventDay(ds, (d) => {
    if (earliest === null || d < earliest) earliest = d;
  });
  return earliest;
}

interface MonthAcc {
  bookingsCents: number;
  createdCents: number;
  won: number;
  closed: number;
  cycles: number[];
  newCustomers: number;
  spendCents: number;
  smCents: number;
  smRows: number;
}

export function computeSeries(ds: Dataset, ctx: MetricContext, shared: SharedCache): Record<SeriesId, MonthlyPoint[]> {
  const out = Object.fromEntries(SERIES_IDS.map((id) => [id, [] as MonthlyPoint[]])) as Record<SeriesId, MonthlyPoint[]>;
  const earliest = earliestEventDay(ds);
  if (earliest === null || earliest > ctx.asOf) return out;
  const from = Math.max(firstOfMonth(earliest), firstOfMonth(addMonths(ctx.asOf, -(SERIES_MAX_MONTHS - 1))));
  const months = monthsBetween(from, ctx.asOf);
  const accs: MonthAcc[] = months.map(() => ({
    bookingsCents: 0,
    createdCents: 0,
    won: 0,
    closed: 0,
    cycles: [],
    newCustomers: 0,
    spendCents: 0,
    smCents: 0,
    smRows: 0,
  }));
  // day offset from `from` -> month index: one array lookup per record instead of a Date per record
  const monthOfOffset = new Uint16Array(ctx.asOf - from + 1);
  for (let i = 0, d = from; i < months.length; i += 1) {
    const next = i + 1 < months.length ? addMonths(firstOfMonth(d), 1) : ctx.asOf + 1;
    monthOfOffset.fill(i, d - from, next - from);
    d = next;
  }
  const bucket = (d: DayNumber | null): MonthAcc | undefined =>
    d === null || d < from || d > ctx.asOf ? undefined : accs[monthOfOffset[d - from] as number];

  const hasType = hasTypeColumn(ds, shared);
  for (let di = 0; di < ds.deals.length; di++) {
    const deal = ds.deals[di] as Deal;
    const c = bucket(deal.created);
    if (c) c.createdCents += deal.amountCents;
    if (deal.status === 'open') continue;
    const m = bucket(deal.closed);
    if (!m) continue;
    m.closed += 1;
    if (deal.status !== 'won') continue;
    m.won += 1;
    m.bookingsCents += deal.amountCents;
    if (deal.created !== null && deal.closed !== null) m.cycles.push(deal.closed - deal.created);
    if (isNewBusiness(deal, hasType)) m.newCustomers += 1;
  }
  for (const row of ds.spend) {
    const m = bucket(row.periodStart);
    if (!m) continue;
    m.spendCents += row.amountCents;
    if (row.category !== 'other') {
      m.smCents += row.amountCents;
      m.smRows += 1;
    }
  }

  const hasDeals = ds.present.deals;
  // spend that has no period of its own (an "All time" report) says nothing about any month
  const hasSpend = ds.present.spend && (ds.spend.length > 0 || ds.undatedSpend === undefined);
  for (let i = 0; i < months.length; i += 1) {
    const month = months[i] as string;
    const a = accs[i] as MonthAcc;
    const point = (v: number | null): MonthlyPoint => ({ month, value: v });
    out.bookings.push(point(hasDeals ? toUnits(a.bookingsCents) : null));
    out.pipeline_created.push(point(hasDeals ? toUnits(a.createdCents) : null));
    out.win_rate.push(point(a.closed > 0 ? a.won / a.closed : null));
    out.median_cycle_days.push(point(median(a.cycles)));
    out.spend.push(point(hasSpend ? toUnits(a.spendCents) : null));
    out.new_customers.push(point(hasDeals ? a.newCustomers : null));
    out.cac.push(point(hasSpend && hasDeals && a.newCustomers > 0 && a.smRows > 0 && a.smCents > 0 ? toUnits(a.smCents) / a.newCustomers : null));
  }
  return out;
}
