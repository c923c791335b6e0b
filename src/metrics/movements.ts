/**
 * Recurring-revenue movements: the SaaS quick ratio and the CRM ↔ billing reconciliation.
 *
 * Movements come from one of two sources:
 * - subscriptions (when that input is present with rows): the subscriptions' monthly ledger
 *   (subscriptions.ts, the one the MRR churn rates read): ARR per account (base/identity
 *   accountKey) at each month-end snapshot of the twelve calendar months to the as-of month;
 *   between two snapshots an account going from 0 to more is new (reactivations included), from
 *   more to 0 churn, up expansion, down contraction.
 * - otherwise renewals + deals: the revenue ledger's movements (ledger.ts, as in arr_growth and
 *   expansion_share): expansion, contraction and churn of the renewals due in the window plus won
 *   expansion deals booked in the CRM, and new ARR = won new-business deals closed in the window.
 */
import type { Dataset, Subscription } from '../base/model.js';
import { dayFromYmd, isoFromDay, ymdFromDay } from '../base/time.js';
import { concurrencyNotes } from './subscriptions.js';
import { movementsInWindow as subscriptionMovementsInWindow } from './subscription-ledger.js';
import { arrMovementsInWindow, crmExpansionNotes, type ArrMovements } from './ledger.js';
import { NOTE_NO_TYPE_COLUMN, hasTypeColumn, isNewBusiness } from './deal-selections.js';
import { REASONS, na, requireDeals, value } from './outcome.js';
import { buildDayIndex, windowSum } from './indexes.js';
import { toUnits } from './stats.js';
import type { MetricContext, MetricDefinition, MetricOutcome, SharedCache } from './types.js';

/** A month whose CRM new ARR and billing new ARR differ by more than this share of the larger is flagged. */
export const RECONCILIATION_GAP_THRESHOLD = 0.1;

export interface Movements {
  readonly source: 'subscriptions' | 'renewals';
  readonly newCents: number;
  readonly expansionCents: number;
  readonly contractionCents: number;
  readonly churnCents: number;
  /** Records the movements rest on. */
  readonly records: number;
  /** Renewals source: the ledger's movements (for the CRM expansion note). */
  readonly crmExpansion?: ArrMovements;
}

function subscriptionsOf(ds: Dataset): readonly Subscription[] {
  return ds.subscriptions ?? [];
}

/** True when the subscriptions input is present with at least one row. */
export function hasSubscriptions(ds: Dataset): boolean {
  return ds.present.subscriptions === true && subscriptionsOf(ds).length > 0;
}

/**
 * Hook for other movement sources: the movements of the window, from subscriptions when present,
 * else from renewals + deals; null (with the reason) when neither can give them.
 */
export function movementsInWindow(ds: Dataset, ctx: MetricContext, shared: SharedCache): Movements | { readonly gap: string } {
  if (hasSubscriptions(ds)) {
    // the subscriptions' monthly ledger (subscriptions.ts): the same months, accounts and
    // movements as the MRR churn rates; reactivations count as new
    let newCents = 0;
    let expansionCents = 0;
    let contractionCents = 0;
    let churnCents = 0;
    for (const r of subscriptionMovementsInWindow(ds, ctx, shared)) {
      newCents += r.newCents + r.reactivationCents;
      expansionCents += r.expansionCents;
      contractionCents += r.contractionCents;
      churnCents += r.churnCents;
    }
    return { source: 'subscriptions', newCents, expansionCents, contractionCents, churnCents, records: subscriptionsOf(ds).length };
  }
  if (!ds.present.renewals) return { gap: `${REASONS.noRenewalsFile} (or subscriptions, --subscriptions)` };
  if (!ds.present.deals) return { gap: `${REASONS.noDealsFile} for new ARR` };
  const m = arrMovementsInWindow(ds, ctx, shared);
  return {
    source: 'renewals',
    newCents: m.newCents,
    expansionCents: m.expansionCents,
    contractionCents: m.contractionCents,
    churnCents: m.churnCents,
    records: m.renewals + m.newDeals + m.crmExpansionDeals,
    crmExpansion: m,
  };
}

function computeQuickRatio(ds: Dataset, ctx: MetricContext, shared: SharedCache): MetricOutcome {
  const m = movementsInWindow(ds, ctx, shared);
  if ('gap' in m) return na(m.gap);
  const lost = m.churnCents + m.contractionCents;
  const added = m.newCents + m.expansionCents;
  const notes =
    m.source === 'subscriptions'
      ? ['movements from the subscriptions: monthly ARR per account, new / expansion / contraction / churn between month-end snapshots of the twelve months to the as-of month (reactivations count as new)', ...concurrencyNotes(ds, shared)]
      : [
          'new ARR from won new-business deals; expansion, contraction and churn from the renewals due in the window',
          ...(m.crmExpansion ? crmExpansionNotes(m.crmExpansion) : []),
          ...(hasTypeColumn(ds, shared) ? [] : [NOTE_NO_TYPE_COLUMN]),
        ];
  if (lost === 0) {
    return na('no churned or contracted ARR in the window: the quick ratio has nothing to divide by (nothing was lost)', notes);
  }
  return value(added / lost, {
    sampleSize: m.records,
    notes,
    details: {
      source: m.source,
      newArr: toUnits(m.newCents),
      expansionArr: toUnits(m.expansionCents),
      contractionArr: toUnits(m.contractionCents),
      churnedArr: toUnits(m.churnCents),
    },
  });
}

function computeReconciliation(ds: Dataset, ctx: MetricContext, shared: SharedCache): MetricOutcome {
  const missing = requireDeals(ds);
  if (missing) return missing;
  if (!hasSubscriptions(ds)) return na('needs a subscriptions file (--subscriptions) to compare CRM bookings with billing');
  const rows = subscriptionMovementsInWindow(ds, ctx, shared);
  const hasType = hasTypeColumn(ds, shared);
  // each month of the ledger holds (previous month-end, its snapshot]: the CRM's new-business ARR
  // of those days against the ARR of accounts that started paying (new or reactivated)
  // crmBookingsIn's new-business cents per month, from one index of the won new-business deals by
  // close date (crmBookingsIn per month was one pass over every deal per month)
  const nbIndex = buildDayIndex(
    ds.deals.filter((d) => d.status === 'won' && isNewBusiness(d, hasType)),
    (d) => d.closed,
    (d) => d.amountCents,
  );
  const crm = rows.map((r) => {
    const { year, month } = ymdFromDay(r.day);
    return windowSum(nbIndex, { start: dayFromYmd(year, month, 1) - 1, end: r.day }).cents;
  });
  const details: Record<string, number | string | null> = {};
  const flagged: string[] = [];
  let compared = 0;
  let crmTotal = 0;
  let billingTotal = 0;
  rows.forEach((s, i) => {
    const c = crm[i] as number;
    const b = s.newCents + s.reactivationCents;
    crmTotal += c;
    billingTotal += b;
    if (c === 0 && b === 0) return;
    compared += 1;
    const gap = Math.abs(c - b) / Math.max(c, b);
    details[`${s.month}.crm`] = toUnits(c);
    details[`${s.month}.billing`] = toUnits(b);
    details[`${s.month}.gap`] = gap;
    if (gap > RECONCILIATION_GAP_THRESHOLD) flagged.push(`${s.month} (CRM ${toUnits(c)} vs billing ${toUnits(b)})`);
  });
  if (compared === 0) return na(`no new ARR in the window (${isoFromDay(ctx.window.start)} to ${isoFromDay(ctx.asOf)}) in either the CRM or the subscriptions`);
  const notes = [
    `the twelve calendar months to ${isoFromDay(ctx.asOf)}; a month is flagged when CRM and billing new ARR differ by more than ${RECONCILIATION_GAP_THRESHOLD * 100}% of the larger`,
    'CRM: won new-business deals by close date; billing: ARR of accounts going from no active subscription to one',
  ];
  if (!hasType) notes.push(NOTE_NO_TYPE_COLUMN);
  if (flagged.length > 0) notes.push(`gaps above the threshold: ${flagged.join('; ')}`);
  return value(flagged.length / compared, {
    sampleSize: compared,
    notes,
    details: { monthsCompared: compared, monthsFlagged: flagged.length, crmNewArr: toUnits(crmTotal), billingNewArr: toUnits(billingTotal), ...details },
  });
}

export const QUICK_RATIO_METRICS: readonly MetricDefinition[] = [
  {
    id: 'quick_ratio',
    title: 'SaaS quick ratio',
    area: 'growth',
    unit: 'multiple',
    definition:
      'ARR added for each unit of ARR lost over the last twelve months: (new + expansion) ÷ (churn + contraction). From the subscriptions ' +
      'when that input is given (monthly ledger), otherwise from the renewals due in the window plus won new-business and expansion deals (the revenue ledger).',
    formula:
      '(new ARR + expansion ARR) ÷ (churned ARR + contraction ARR) over (asOf − 12 months, asOf]; subscriptions: month-end ledger per account over the twelve months to the as-of month; ' +
      'renewals: expansion / contraction / churn of renewals due in the window (+ won expansion deals), new = won new-business deals closed in the window',
    inputs: ['deals', 'renewals', 'subscriptions'],
    configKeys: [],
    compute: computeQuickRatio,
  },
];

export const RECONCILIATION_METRICS: readonly MetricDefinition[] = [
  {
    id: 'crm_billing_reconciliation',
    title: 'CRM vs billing new ARR (months off)',
    area: 'data_quality',
    unit: 'ratio',
    definition:
      'Share of the months of the last twelve in which the new ARR won in the CRM and the new ARR that started billing (subscriptions) ' +
      `differ by more than ${RECONCILIATION_GAP_THRESHOLD * 100} % of the larger: bookings that never bill, or billing the CRM never saw. Details give each month.`,
    formula:
      'months with |CRM new ARR − billing new ARR| ÷ max(both) > 0.10 ÷ months with new ARR on either side; CRM = won new-business deals by close date; ' +
      'billing = ARR of accounts going from no active subscription to one, month-end snapshots of the twelve months to the as-of month',
    inputs: ['deals', 'subscriptions'],
    configKeys: [],
    // reported only with a subscriptions file: without one a report stays what it was
    onlyWithInputs: ['subscriptions'],
    compute: computeReconciliation,
  },
];
