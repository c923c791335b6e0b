/**
 * Subscription analytics (pure): the monthly MRR movement table, retention by start cohort, the
 * trailing-twelve-month cohort behind GRR / NRR, and the metrics built on them.
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
 * - Cohorts: an account belongs to the fiscal quarter of its first paid snapshot; its starting MRR
 *   is its MRR then (ChartMogul cohort net MRR retention [S8]). At the end of each later complete
 *   quarter: net retention = cohort MRR ÷ starting MRR (expansion and reactivation add), gross =
 *   Σ min(MRR, starting MRR) ÷ starting MRR, logo retention = accounts still paying ÷ accounts.
 * - The 12-month cohort (SaaS Capital [S40], SMSB [S58]): accounts paying on the window's start
 *   day (as-of − 12 months); their ARR then against their ARR on the as-of date. New logos of
 *   the window are excluded; an account that churned and came back counts at its current ARR.
 */
import type { Dataset, DayNumber, Subscription } from '../base/model.js';
import { accountKey } from '../base/identity.js';
import { concurrentSubscriptions, concurrentSubscriptionsText } from '../ingest/subscriptions.js';
import { dayFromYmd, daysInMonth, isoFromDay, monthKey, ymdFromDay } from '../base/time.js';
import { compareStrings, describeWindow, na, nextQuarter, quarterOf, toUnits, value, type NaOutcome } from './shared.js';
import type { MetricContext, MetricDefinition, MetricOutcome, SharedCache } from './types.js';

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

/** Index of the first element >= x in an ascending array. */
function lowerBound(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((xs[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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

// ---------------------------------------------------------------------------------------------
// Cohorts by start quarter

export interface CohortPeriod {
  /** Quarters after the cohort's start quarter (1 = the first quarter after it). */
  readonly quarter: number;
  /** Last day of that quarter (the snapshot). */
  readonly end: DayNumber;
  readonly customers: number;
  readonly cents: number;
  /** Σ min(account ARR, its starting ARR). */
  readonly grossCents: number;
}

export interface Cohort {
  /** "FY2024 Q1". */
  readonly label: string;
  /** First day of the start quarter. */
  readonly first: DayNumber;
  readonly customers: number;
  readonly startingCents: number;
  readonly periods: readonly CohortPeriod[];
}

export function cohortsByQuarter(ledger: Ledger, asOf: DayNumber, fiscalYearStartMonth: number): Cohort[] {
  const members = new Map<DayNumber, { label: string; accounts: { a: number; start: number }[] }>();
  ledger.arr.forEach((series, a) => {
    const f = series.findIndex((v) => v > 0);
    if (f < 0) return;
    const q = quarterOf(ledger.days[f] as number, fiscalYearStartMonth);
    let c = members.get(q.first);
    if (!c) {
      c = { label: q.label, accounts: [] };
      members.set(q.first, c);
    }
    c.accounts.push({ a, start: series[f] as number });
  });
  const monthIndex = new Map(ledger.months.map((m, i) => [m, i]));
  const out: Cohort[] = [];
  for (const first of [...members.keys()].sort((x, y) => x - y)) {
    const c = members.get(first) as { label: string; accounts: { a: number; start: number }[] };
    let startingCents = 0;
    for (const m of c.accounts) startingCents += m.start;
    const periods: CohortPeriod[] = [];
    let q = nextQuarter(quarterOf(first, fiscalYearStartMonth), fiscalYearStartMonth);
    for (let k = 1; q.end <= asOf; k++, q = nextQuarter(q, fiscalYearStartMonth)) {
      const i = monthIndex.get(monthKey(q.end));
      if (i === undefined) break;
      let customers = 0;
      let cents = 0;
      let grossCents = 0;
      for (const m of c.accounts) {
        const v = (ledger.arr[m.a] as Float64Array)[i] as number;
        cents += v;
        grossCents += Math.min(v, m.start);
        if (v > 0) customers += 1;
      }
      periods.push({ quarter: k, end: q.end, customers, cents, grossCents });
    }
    out.push({ label: c.label, first, customers: c.accounts.length, startingCents, periods });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The trailing-twelve-month cohort (GRR / NRR on the ARR base at the start of the window)

export interface WindowCohort {
  /** Accounts paying on the window's start day. */
  readonly accounts: number;
  readonly retainedAccounts: number;
  readonly beforeCents: number;
  readonly afterCents: number;
  readonly retainedCents: number;
  readonly churnedAccounts: number;
  readonly churnedCents: number;
  readonly contractionAccounts: number;
  readonly contractionCents: number;
  readonly expansionAccounts: number;
  readonly expansionCents: number;
  /** Total ARR on the start day and on the as-of date (all accounts, new logos included). */
  readonly totalStartCents: number;
  readonly totalEndCents: number;
}

export function windowCohort(ledger: Ledger, startDay: DayNumber, endDay: DayNumber): WindowCohort {
  const before = arrOnDay(ledger, startDay);
  const after = arrOnDay(ledger, endDay);
  let accounts = 0;
  let retainedAccounts = 0;
  let beforeCents = 0;
  let afterCents = 0;
  let retainedCents = 0;
  let churnedAccounts = 0;
  let churnedCents = 0;
  let contractionAccounts = 0;
  let contractionCents = 0;
  let expansionAccounts = 0;
  let expansionCents = 0;
  let totalEndCents = 0;
  for (let a = 0; a < before.length; a++) {
    const b = before[a] as number;
    const x = after[a] as number;
    totalEndCents += x;
    if (b <= 0) continue;
    accounts += 1;
    beforeCents += b;
    afterCents += x;
    retainedCents += Math.min(b, x);
    if (x > 0) retainedAccounts += 1;
    if (x === 0) {
      churnedAccounts += 1;
      churnedCents += b;
    } else if (x < b) {
      contractionAccounts += 1;
      contractionCents += b - x;
    } else if (x > b) {
      expansionAccounts += 1;
      expansionCents += x - b;
    }
  }
  return {
    accounts,
    retainedAccounts,
    beforeCents,
    afterCents,
    retainedCents,
    churnedAccounts,
    churnedCents,
    contractionAccounts,
    contractionCents,
    expansionAccounts,
    expansionCents,
    totalStartCents: beforeCents,
    totalEndCents,
  };
}

export function windowCohortFor(ds: Dataset, ctx: MetricContext, shared: SharedCache): WindowCohort | null {
  const ledger = ledgerFor(ds, ctx, shared);
  if (ledger === null) return null;
  return shared.get(windowCohortFor, () => windowCohort(ledger, ctx.window.start, ctx.asOf));
}

// ---------------------------------------------------------------------------------------------
// The report block (data; renderers format it)

export interface MovementMonth {
  readonly month: string;
  readonly openingMrr: number;
  readonly newMrr: number;
  readonly expansionMrr: number;
  readonly reactivationMrr: number;
  readonly contractionMrr: number;
  readonly churnMrr: number;
  readonly closingMrr: number;
  readonly openingArr: number;
  readonly closingArr: number;
  readonly openingCustomers: number;
  readonly newCustomers: number;
  readonly reactivatedCustomers: number;
  readonly churnedCustomers: number;
  readonly closingCustomers: number;
}

export interface CohortRow {
  readonly cohort: string;
  /** First day of the start quarter. */
  readonly start: string;
  readonly customers: number;
  readonly startingMrr: number;
  readonly periods: readonly {
    readonly quarter: number;
    readonly end: string;
    readonly mrr: number;
    readonly customers: number;
    readonly nrr: number | null;
    readonly grr: number | null;
    readonly logoRetention: number | null;
  }[];
}

export interface SubscriptionsBlock {
  readonly counts: SubscriptionCounts;
  /** The definitions used, one sentence each (shown next to the table). */
  readonly method: readonly string[];
  readonly movements: readonly MovementMonth[];
  readonly cohorts: readonly CohortRow[];
}

export const SUBSCRIPTION_METHOD: readonly string[] = [
  'MRR per account at each month end (the as-of date in its month) from the subscriptions active that day; trials and MRR-0 rows excluded.',
  'Movements per account between month ends (ChartMogul): new (first paid month), expansion, contraction, churn (last subscription ended), reactivation (paid again after churning).',
  'Cohorts by fiscal quarter of the first paid month: net retention = cohort MRR ÷ starting MRR; gross caps each account at its starting MRR; logo = accounts still paying ÷ accounts.',
];

const mrr = (arrCents: number): number => arrCents / 1200;

export function subscriptionsBlock(ds: Dataset, ctx: MetricContext, shared: SharedCache): SubscriptionsBlock | null {
  const ledger = ledgerFor(ds, ctx, shared);
  if (ledger === null) return null;
  const movements = (movementsFor(ds, ctx, shared) ?? []).map(
    (r): MovementMonth => ({
      month: r.month,
      openingMrr: mrr(r.openingCents),
      newMrr: mrr(r.newCents),
      expansionMrr: mrr(r.expansionCents),
      reactivationMrr: mrr(r.reactivationCents),
      contractionMrr: mrr(r.contractionCents),
      churnMrr: mrr(r.churnCents),
      closingMrr: mrr(r.closingCents),
      openingArr: toUnits(r.openingCents),
      closingArr: toUnits(r.closingCents),
      openingCustomers: r.openingCustomers,
      newCustomers: r.newCustomers,
      reactivatedCustomers: r.reactivatedCustomers,
      churnedCustomers: r.churnedCustomers,
      closingCustomers: r.closingCustomers,
    }),
  );
  const cohorts = cohortsByQuarter(ledger, ctx.asOf, ctx.profile.fiscalYearStartMonth).map(
    (c): CohortRow => ({
      cohort: c.label,
      start: isoFromDay(c.first),
      customers: c.customers,
      startingMrr: mrr(c.startingCents),
      periods: c.periods.map((p) => ({
        quarter: p.quarter,
        end: isoFromDay(p.end),
        mrr: mrr(p.cents),
        customers: p.customers,
        nrr: c.startingCents > 0 ? p.cents / c.startingCents : null,
        grr: c.startingCents > 0 ? p.grossCents / c.startingCents : null,
        logoRetention: c.customers > 0 ? p.customers / c.customers : null,
      })),
    }),
  );
  return { counts: ledger.counts, method: SUBSCRIPTION_METHOD, movements, cohorts };
}

// ---------------------------------------------------------------------------------------------
// Metrics

export const NO_SUBSCRIPTIONS = 'needs a subscriptions file (--subscriptions)';

/**
 * The note the MRR metrics carry when accounts hold several concurrent subscriptions (the same
 * words as the subscriptions input's warning); none otherwise. Memoised.
 */
export function concurrencyNotes(ds: Dataset, shared: SharedCache): string[] {
  return shared.get(concurrencyNotes, () => {
    const c = concurrentSubscriptions(ds.subscriptions ?? []);
    return c.accounts > 0 ? [concurrentSubscriptionsText(c)] : [];
  });
}

function countsNote(c: SubscriptionCounts): string {
  return `from ${c.paid} paid subscription row(s) of ${c.accounts} account(s); ${c.trials} trial row(s) and ${c.zeroMrr} MRR-0 row(s) excluded`;
}

function requireSubscriptions(ds: Dataset, ctx: MetricContext, shared: SharedCache): NaOutcome | null {
  const ledger = ledgerFor(ds, ctx, shared);
  if (ledger === null) return na(NO_SUBSCRIPTIONS);
  if (ledger.months.length === 0) {
    return na(`needs paid subscriptions (MRR > 0, not trials) started by the as-of date; the file has ${ledger.counts.rows} row(s), ${ledger.counts.trials} trial(s), ${ledger.counts.zeroMrr} at MRR 0`);
  }
  return null;
}

function computeRecurringRevenueGrowth(ds: Dataset, ctx: MetricContext, shared: SharedCache): MetricOutcome {
  const gap = requireSubscriptions(ds, ctx, shared);
  if (gap) return gap;
  const ledger = ledgerFor(ds, ctx, shared) as Ledger;
  const c = windowCohortFor(ds, ctx, shared) as WindowCohort;
  if (c.totalStartCents <= 0) {
    return na(`needs subscriptions paying on ${isoFromDay(ctx.window.start)} (twelve months before the as-of date): the ARR base the growth is measured against`);
  }
  return value(c.totalEndCents / c.totalStartCents - 1, {
    sampleSize: ledger.counts.accounts,
    notes: [`ARR on ${isoFromDay(ctx.asOf)} against ARR on ${isoFromDay(ctx.window.start)}`, countsNote(ledger.counts), ...concurrencyNotes(ds, shared)],
    details: {
      startingArr: toUnits(c.totalStartCents),
      closingArr: toUnits(c.totalEndCents),
      netNewArr: toUnits(c.totalEndCents - c.totalStartCents),
      startingMrr: mrr(c.totalStartCents),
      closingMrr: mrr(c.totalEndCents),
    },
  });
}

function sumRows(rows: readonly MovementRow[], pick: (r: MovementRow) => number): number {
  let t = 0;
  for (const r of rows) t += pick(r);
  return t;
}

function computeMrrChurnRate(ds: Dataset, ctx: MetricContext, shared: SharedCache): MetricOutcome {
  const gap = requireSubscriptions(ds, ctx, shared);
  if (gap) return gap;
  const rows = movementsInWindow(ds, ctx, shared);
  const opening = sumRows(rows, (r) => r.openingCents);
  if (opening <= 0) return na(`needs MRR at the start of at least one month in the window (${describeWindow(ctx.window)})`);
  const churn = sumRows(rows, (r) => r.churnCents);
  const contraction = sumRows(rows, (r) => r.contractionCents);
  const expansion = sumRows(rows, (r) => r.expansionCents);
  const reactivation = sumRows(rows, (r) => r.reactivationCents);
  return value((churn + contraction) / opening, {
    sampleSize: rows.length,
    notes: [`monthly rate over the ${rows.length} month(s) of the window: churned and contracted MRR ÷ MRR at the start of each month`, ...concurrencyNotes(ds, shared)],
    details: {
      months: rows.length,
      churnedMrr: mrr(churn),
      contractionMrr: mrr(contraction),
      openingMrrSum: mrr(opening),
      netMrrChurnRate: (churn + contraction - expansion - reactivation) / opening,
      closingMrr: mrr((rows[rows.length - 1] as MovementRow).closingCents),
      closingArr: toUnits((rows[rows.length - 1] as MovementRow).closingCents),
    },
  });
}

function computeLogoChurnRate(ds: Dataset, ctx: MetricContext, shared: SharedCache): MetricOutcome {
  const gap = requireSubscriptions(ds, ctx, shared);
  if (gap) return gap;
  const rows = movementsInWindow(ds, ctx, shared);
  const opening = sumRows(rows, (r) => r.openingCustomers);
  if (opening <= 0) return na(`needs paying customers at the start of at least one month in the window (${describeWindow(ctx.window)})`);
  const churned = sumRows(rows, (r) => r.churnedCustomers);
  return value(churned / opening, {
    sampleSize: rows.length,
    notes: [`monthly rate over the ${rows.length} month(s) of the window: customers whose last subscription ended ÷ customers at the start of each month`, ...concurrencyNotes(ds, shared)],
    details: {
      months: rows.length,
      churnedCustomers: churned,
      reactivatedCustomers: sumRows(rows, (r) => r.reactivatedCustomers),
      openingCustomersSum: opening,
    },
  });
}

/**
 * The subscription-based value of a retention metric (the 12-month cohort), for the metrics in
 * retention.ts when the renewals file is missing or has nothing to measure.
 */
export function subscriptionRetention(id: string, ds: Dataset, ctx: MetricContext, shared: SharedCache): MetricOutcome | null {
  const gap = requireSubscriptions(ds, ctx, shared);
  if (gap) return gap;
  const c = windowCohortFor(ds, ctx, shared) as WindowCohort;
  if (c.accounts === 0) {
    return na(`needs accounts paying on ${isoFromDay(ctx.window.start)} (twelve months before the as-of date) in the subscriptions file: the cohort is empty`);
  }
  const note = `12-month cohort from subscriptions: the ${c.accounts} account(s) paying on ${isoFromDay(ctx.window.start)}, their ARR then and on ${isoFromDay(ctx.asOf)}; new logos of the window excluded`;
  const base = { cohortAccounts: c.accounts, arrBefore: toUnits(c.beforeCents) };
  switch (id) {
    case 'grr':
      return value(c.retainedCents / c.beforeCents, {
        sampleSize: c.accounts,
        notes: [note, ...concurrencyNotes(ds, shared)],
        details: { ...base, arrRetained: toUnits(c.retainedCents), churnedArr: toUnits(c.churnedCents), contractionArr: toUnits(c.contractionCents) },
      });
    case 'nrr':
      return value(c.afterCents / c.beforeCents, {
        sampleSize: c.accounts,
        notes: [note, ...concurrencyNotes(ds, shared)],
        details: {
          ...base,
          arrAfter: toUnits(c.afterCents),
          expansionArr: toUnits(c.expansionCents),
          contractionArr: toUnits(c.contractionCents),
          churnedArr: toUnits(c.churnedCents),
        },
      });
    case 'logo_retention':
      return value(c.retainedAccounts / c.accounts, {
        sampleSize: c.accounts,
        notes: [note, ...concurrencyNotes(ds, shared)],
        details: { accountsDue: c.accounts, accountsRetained: c.retainedAccounts },
      });
    case 'churned_arr':
    case 'contraction_arr':
    case 'expansion_arr': {
      const [cents, accounts] =
        id === 'churned_arr'
          ? [c.churnedCents, c.churnedAccounts]
          : id === 'contraction_arr'
            ? [c.contractionCents, c.contractionAccounts]
            : [c.expansionCents, c.expansionAccounts];
      return value(toUnits(cents), {
        sampleSize: c.accounts,
        notes: [note, ...concurrencyNotes(ds, shared)],
        details: { accounts, arrBefore: toUnits(c.beforeCents), shareOfArrBefore: cents / c.beforeCents },
      });
    }
    default:
      return null;
  }
}

/** Retention metrics that fall back to (or are compared with) the subscriptions' 12-month cohort. */
export const SUBSCRIPTION_RETENTION_IDS: readonly string[] = ['grr', 'nrr', 'logo_retention', 'churned_arr', 'contraction_arr', 'expansion_arr'];

/**
 * A retention metric that reads renewals, extended to subscriptions:
 * - no subscriptions input: the metric unchanged;
 * - renewals give a value: that value, with `details.source = "renewals"` and the
 *   subscription-based value beside it (`details.subscriptionsValue`);
 * - otherwise (no renewals file, or nothing due in it): the subscription-based value, with
 *   `details.source = "subscriptions"`.
 */
export function withSubscriptionSource(def: MetricDefinition): MetricDefinition {
  if (!SUBSCRIPTION_RETENTION_IDS.includes(def.id)) return def;
  return {
    ...def,
    definition: `${def.definition} Without renewals to measure (no renewals file, or none due in the window), computed from subscriptions (--subscriptions) on the 12-month cohort: the accounts paying twelve months before the as-of date, their ARR then and now; details.source says which input was used.`,
    compute(ds, ctx, shared) {
      const own = def.compute(ds, ctx, shared);
      if (!ds.present.subscriptions) return own;
      const subs = subscriptionRetention(def.id, ds, ctx, shared);
      if (own.kind === 'value') {
        return {
          ...own,
          notes: [...(own.notes ?? []), 'source: the renewals file (subscriptions were also given; their 12-month-cohort value is details.subscriptionsValue)'],
          details: { ...(own.details ?? {}), source: 'renewals', subscriptionsValue: subs?.kind === 'value' ? subs.value : null },
        };
      }
      if (subs === null || subs.kind === 'na') {
        return ds.present.renewals ? own : (subs ?? own);
      }
      const why = ds.present.renewals ? `the renewals file has no value (${own.reason})` : 'no renewals file was given';
      return { ...subs, notes: [...(subs.notes ?? []), `source: subscriptions (${why})`], details: { ...(subs.details ?? {}), source: 'subscriptions' } };
    },
  };
}

/** Reported only when a subscriptions or accounts file is given (see MetricDefinition.onlyWithInputs). */
export const LENS_INPUTS = ['subscriptions', 'accounts'] as const;

export const SUBSCRIPTION_METRICS: readonly MetricDefinition[] = [
  {
    id: 'recurring_revenue_growth',
    title: 'Recurring revenue growth',
    area: 'growth',
    unit: 'ratio',
    definition:
      'Growth of annual recurring revenue over the last twelve months, from the subscriptions: all ARR on the as-of date (new logos included) against all ARR twelve months earlier. ICONIQ\'s "revenue growth (ARR)".',
    formula: 'ARR(asOf) ÷ ARR(asOf − 12 months) − 1; ARR(day) = 12 × Σ MRR of paid subscriptions with start ≤ day < end (trials and MRR 0 excluded)',
    inputs: ['subscriptions'],
    configKeys: [],
    onlyWithInputs: LENS_INPUTS,
    compute: computeRecurringRevenueGrowth,
  },
  {
    id: 'mrr_churn_rate',
    title: 'Gross MRR churn rate (monthly)',
    area: 'retention',
    unit: 'ratio',
    definition:
      'Share of MRR lost each month to churn and contraction, over the twelve months of the window (ChartMogul gross MRR churn rate). details.netMrrChurnRate also subtracts expansion and reactivation; negative net churn is ideal.',
    formula: 'Σ (churned + contraction MRR) ÷ Σ MRR at the start of each month, over the monthly movement rows of the window',
    inputs: ['subscriptions'],
    configKeys: [],
    onlyWithInputs: LENS_INPUTS,
    compute: computeMrrChurnRate,
  },
  {
    id: 'logo_churn_rate',
    title: 'Logo churn rate (monthly)',
    area: 'retention',
    unit: 'ratio',
    definition:
      'Share of paying customers lost each month over the twelve months of the window: customers whose last subscription ended ÷ customers at the start of the month (ChartMogul standard; a customer who joins and leaves inside one month never counts).',
    formula: 'Σ churned customers ÷ Σ customers at the start of each month, over the monthly movement rows of the window',
    inputs: ['subscriptions'],
    configKeys: [],
    onlyWithInputs: LENS_INPUTS,
    compute: computeLogoChurnRate,
  },
];
