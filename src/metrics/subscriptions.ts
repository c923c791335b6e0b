/**
 * The subscription metrics (recurring revenue growth, MRR and logo churn), the subscription-based
 * retention values and withSubscriptionSource. The ledger, movements and cohorts they read are in
 * subscription-ledger.ts and subscription-cohorts.ts (definitions there).
 */
import type { Dataset } from '../base/model.js';
import { isoFromDay } from '../base/time.js';
import { concurrentSubscriptions, concurrentSubscriptionsText } from '../ingest/subscriptions.js';
import { describeWindow } from './quarters.js';
import { na, type NaOutcome, value } from './outcome.js';
import { toUnits } from './stats.js';
import { type WindowCohort, windowCohortFor } from './subscription-cohorts.js';
import { type Ledger, ledgerFor, type MovementRow, movementsInWindow, mrr, type SubscriptionCounts } from './subscription-ledger.js';
import type { MetricContext, MetricDefinition, MetricOutcome, SharedCache } from './types.js';

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
