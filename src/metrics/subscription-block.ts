/** The subscriptions block of the report (data; renderers format it): movements and cohorts. */
import type { Dataset } from '../base/model.js';
import { isoFromDay } from '../base/time.js';
import { toUnits } from './stats.js';
import { cohortsByQuarter } from './subscription-cohorts.js';
import { ledgerFor, movementsFor, mrr, type SubscriptionCounts } from './subscription-ledger.js';
import type { MetricContext, SharedCache } from './types.js';

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
