/**
 * The subscriptions' monthly ledger (pure): ARR per account at every monthly snapshot, and the
 * MRR movement table between snapshots.
 *
 * Definitions (BENCHMARKS.md §2.1; written into docs/metrics.md and `explain`):
 * - MRR of an account on a day = Σ MRR of its paid subscriptions active that day (start ≤ day <
 *   end; a blank end = active). Trials and MRR-0 rows never count (Stripe [S23]: MRR excludes
 *   trials and free plans); they are counted in `counts`. Money is kept as ARR (MRR × 12) in
 *   integer cents, so every sum below is exact.
 * - The movement table takes one snapshot per calendar month: the month's last day, or the as-of
 *   date in the as-of month. Between two snapshots each account's change is one movement
 *   (ChartMogul [S1]; dbt mrr-playbook change categories [S64]):
 *     new           0 → > 0, the account never paid before
 *     reactivation  0 → > 0, the account paid at an earlier snapshot
 *     expansion     > 0 → larger (upgrade, added seats, a second subscription)
 *     contraction   > 0 → smaller, still > 0
 *     churn         > 0 → 0 (its last subscription ended)
 *   so opening + new + expansion + reactivation − contraction − churn = closing, every month.
 *   Churn counts when the subscription ends (end of the paid period, as ChartMogul does), and a
 *   subscription that starts and ends between two month-ends never appears (counted as
 *   `betweenMonthEnds`).
 */
import { accountKey } from '../base/identity.js';
import type { Dataset, DayNumber, Subscription } from '../base/model.js';
import { dayFromYmd, daysInMonth, monthKey, ymdFromDay } from '../base/time.js';
import { compareStrings, lowerBound } from './stats.js';
import type { MetricContext, SharedCache } from './types.js';

// ---------------------------------------------------------------------------------------------
// The ledger: ARR per account at every monthly snapshot

export interface SubscriptionCounts {
  /** Subscription rows used from the file. */
  readonly rows: number;
  /** Non-trial rows with MRR > 0: the rows MRR is built from. */
  readonly paid: number;
  /** Trial rows (flag or status): excluded from MRR. */
  readonly trials: number;
  /** Non-trial rows at MRR 0 (free plans): excluded from MRR. */
  readonly zeroMrr: number;
  /** Paid rows starting after the as-of date. */
  readonly notStarted: number;
  /** Paid rows (started by the as-of date) active on no monthly snapshot: started and ended between two month-ends. */
  readonly betweenMonthEnds: number;
  /** Accounts with at least one paid row. */
  readonly accounts: number;
}

export interface Ledger {
  readonly counts: SubscriptionCounts;
  /** Display name per account, sorted by account key. */
  readonly names: readonly string[];
  /** "YYYY-MM" from the first paid month to the as-of month. */
  readonly months: readonly string[];
  /** Snapshot day per month: the month's last day, or the as-of date in the as-of month. */
  readonly days: readonly DayNumber[];
  /** arr[account][month]: ARR cents at the snapshot. */
  readonly arr: readonly Float64Array[];
  /** Paid subscriptions per account, for ARR on any day. */
  readonly paidByAccount: readonly (readonly Subscription[])[];
}

function lastDayOfMonth(day: DayNumber): DayNumber {
  const { year, month } = ymdFromDay(day);
  return dayFromYmd(year, month, daysInMonth(year, month));
}

export function buildLedger(subs: readonly Subscription[], asOf: DayNumber): Ledger {
  let trials = 0;
  let zeroMrr = 0;
  let paid = 0;
  let notStarted = 0;
  const byKey = new Map<string, { name: string; subs: Subscription[] }>();
  let first: DayNumber | null = null;
  for (const s of subs) {
    if (s.trial) {
      trials += 1;
      continue;
    }
    if (s.arrCents <= 0) {
      zeroMrr += 1;
      continue;
    }
    paid += 1;
    if (s.start > asOf) notStarted += 1;
    else if (first === null || s.start < first) first = s.start;
    const key = accountKey(s.account);
    const acc = byKey.get(key);
    if (acc) acc.subs.push(s);
    else byKey.set(key, { name: s.account, subs: [s] });
  }
  const keys = [...byKey.keys()].sort(compareStrings);
  const names = keys.map((k) => (byKey.get(k) as { name: string }).name);
  const paidByAccount = keys.map((k) => (byKey.get(k) as { subs: Subscription[] }).subs);

  const months: string[] = [];
  const days: DayNumber[] = [];
  if (first !== null) {
    const asOfMonth = monthKey(asOf);
    const { year, month } = ymdFromDay(first);
    for (let y = year, m = month; ; ) {
      const d = lastDayOfMonth(dayFromYmd(y, m, 1));
      const k = monthKey(d);
      months.push(k);
      days.push(Math.min(d, asOf));
      if (k >= asOfMonth) break;
      m += 1;
      if (m > 12) {
        m = 1;
        y += 1;
      }
    }
  }

  let betweenMonthEnds = 0;
  const n = days.length;
  const arr = paidByAccount.map((list) => {
    // a difference array over the snapshots: +ARR at the first active snapshot, −ARR after the last
    const diff = new Float64Array(n + 1);
    for (const s of list) {
      if (s.start > asOf) continue;
      const lo = lowerBound(days, s.start);
      const hi = s.end === null ? n : lowerBound(days, s.end); // first snapshot on or after the end: not active
      if (lo >= hi) {
        betweenMonthEnds += 1;
        continue;
      }
      diff[lo] = (diff[lo] as number) + s.arrCents;
      diff[hi] = (diff[hi] as number) - s.arrCents;
    }
    const out = new Float64Array(n);
    let run = 0;
    for (let i = 0; i < n; i++) {
      run += diff[i] as number;
      out[i] = run;
    }
    return out;
  });
  return {
    counts: { rows: subs.length, paid, trials, zeroMrr, notStarted, betweenMonthEnds, accounts: keys.length },
    names,
    months,
    days,
    arr,
    paidByAccount,
  };
}

/** ARR cents per account (ledger order) on `day`: paid subscriptions with start ≤ day < end. */
export function arrOnDay(ledger: Ledger, day: DayNumber): Float64Array {
  const out = new Float64Array(ledger.paidByAccount.length);
  ledger.paidByAccount.forEach((list, a) => {
    let t = 0;
    for (const s of list) if (s.start <= day && (s.end === null || s.end > day)) t += s.arrCents;
    out[a] = t;
  });
  return out;
}

/** The ledger for the context's as-of date, memoised. Null without a subscriptions input. */
export function ledgerFor(ds: Dataset, ctx: MetricContext, shared: SharedCache): Ledger | null {
  if (!ds.present.subscriptions) return null;
  return shared.get(ledgerFor, () => buildLedger(ds.subscriptions ?? [], ctx.asOf));
}

// ---------------------------------------------------------------------------------------------
// MRR movements

/** One month of the movement table, in ARR cents (MRR × 12) and customer counts. */
export interface MovementRow {
  readonly month: string;
  readonly day: DayNumber;
  readonly openingCents: number;
  readonly newCents: number;
  readonly expansionCents: number;
  readonly reactivationCents: number;
  readonly contractionCents: number;
  readonly churnCents: number;
  readonly closingCents: number;
  readonly openingCustomers: number;
  readonly newCustomers: number;
  readonly expandedCustomers: number;
  readonly reactivatedCustomers: number;
  readonly contractedCustomers: number;
  readonly churnedCustomers: number;
  readonly closingCustomers: number;
}

export function mrrMovements(ledger: Ledger): MovementRow[] {
  const rows: MovementRow[] = [];
  const everPaid = new Uint8Array(ledger.arr.length);
  for (let i = 0; i < ledger.months.length; i++) {
    let openingCents = 0;
    let closingCents = 0;
    let newCents = 0;
    let expansionCents = 0;
    let reactivationCents = 0;
    let contractionCents = 0;
    let churnCents = 0;
    let openingCustomers = 0;
    let closingCustomers = 0;
    let newCustomers = 0;
    let expandedCustomers = 0;
    let reactivatedCustomers = 0;
    let contractedCustomers = 0;
    let churnedCustomers = 0;
    for (let a = 0; a < ledger.arr.length; a++) {
      const series = ledger.arr[a] as Float64Array;
      const prev = i === 0 ? 0 : (series[i - 1] as number);
      const cur = series[i] as number;
      openingCents += prev;
      closingCents += cur;
      if (prev > 0) openingCustomers += 1;
      if (cur > 0) closingCustomers += 1;
      if (prev === 0 && cur > 0) {
        if (everPaid[a]) {
          reactivationCents += cur;
          reactivatedCustomers += 1;
        } else {
          newCents += cur;
          newCustomers += 1;
        }
      } else if (prev > 0 && cur === 0) {
        churnCents += prev;
        churnedCustomers += 1;
      } else if (cur > prev) {
        expansionCents += cur - prev;
        expandedCustomers += 1;
      } else if (cur < prev) {
        contractionCents += prev - cur;
        contractedCustomers += 1;
      }
      if (cur > 0) everPaid[a] = 1;
    }
    rows.push({
      month: ledger.months[i] as string,
      day: ledger.days[i] as number,
      openingCents,
      newCents,
      expansionCents,
      reactivationCents,
      contractionCents,
      churnCents,
      closingCents,
      openingCustomers,
      newCustomers,
      expandedCustomers,
      reactivatedCustomers,
      contractedCustomers,
      churnedCustomers,
      closingCustomers,
    });
  }
  return rows;
}

export function movementsFor(ds: Dataset, ctx: MetricContext, shared: SharedCache): readonly MovementRow[] | null {
  const ledger = ledgerFor(ds, ctx, shared);
  if (ledger === null) return null;
  return shared.get(movementsFor, () => mrrMovements(ledger));
}

/**
 * The movement rows of the twelve calendar months ending with the as-of month (whole months: the
 * month of the window start is left out even when its month-end lies after a mid-month window
 * start, so a mid-month as-of gives twelve rows, not thirteen; issue 14 point 7).
 */
export function movementsInWindow(ds: Dataset, ctx: MetricContext, shared: SharedCache): readonly MovementRow[] {
  const first = monthKey(ctx.window.start);
  const last = monthKey(ctx.asOf);
  return (movementsFor(ds, ctx, shared) ?? []).filter((r) => r.month > first && r.month <= last);
}

/** Monthly value of an ARR amount in cents, in currency units. */
export const mrr = (arrCents: number): number => arrCents / 1200;
