/**
 * Subscription cohorts (pure), read from the monthly ledger (subscription-ledger.ts).
 * - Cohorts: an account belongs to the fiscal quarter of its first paid snapshot; its starting MRR
 *   is its MRR then (ChartMogul cohort net MRR retention [S8]). At the end of each later complete
 *   quarter: net retention = cohort MRR ÷ starting MRR (expansion and reactivation add), gross =
 *   Σ min(MRR, starting MRR) ÷ starting MRR, logo retention = accounts still paying ÷ accounts.
 * - The 12-month cohort (SaaS Capital [S40], SMSB [S58]): accounts paying on the window's start
 *   day (as-of − 12 months); their ARR then against their ARR on the as-of date. New logos of
 *   the window are excluded; an account that churned and came back counts at its current ARR.
 */
import type { Dataset, DayNumber } from '../base/model.js';
import { monthKey } from '../base/time.js';
import { nextQuarter, quarterOf } from './quarters.js';
import { addMovement, newMovementTotals } from './stats.js';
import { arrOnDay, type Ledger, ledgerFor } from './subscription-ledger.js';
import type { MetricContext, SharedCache } from './types.js';

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
  const t = newMovementTotals();
  let totalEndCents = 0;
  for (let a = 0; a < before.length; a++) {
    const b = before[a] as number;
    const x = after[a] as number;
    totalEndCents += x;
    if (b <= 0) continue;
    addMovement(t, b, x);
  }
  return {
    accounts: t.count,
    retainedAccounts: t.retained,
    beforeCents: t.beforeCents,
    afterCents: t.afterCents,
    retainedCents: t.retainedCents,
    churnedAccounts: t.churned,
    churnedCents: t.churnedCents,
    contractionAccounts: t.contraction,
    contractionCents: t.contractionCents,
    expansionAccounts: t.expansion,
    expansionCents: t.expansionCents,
    totalStartCents: t.beforeCents,
    totalEndCents,
  };
}

export function windowCohortFor(ds: Dataset, ctx: MetricContext, shared: SharedCache): WindowCohort | null {
  const ledger = ledgerFor(ds, ctx, shared);
  if (ledger === null) return null;
  return shared.get(windowCohortFor, () => windowCohort(ledger, ctx.window.start, ctx.asOf));
}
