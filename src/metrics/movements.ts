/**
 * Recurring-revenue movements: the SaaS quick ratio and the CRM ↔ billing reconciliation.
 *
 * Movements come from one of two sources:
 * - subscriptions (when that input is present with rows): a monthly ledger. ARR per account is
 *   sampled at the window start and at each of the twelve month steps after it
 *   (t_k = window start + k months, t_12 = asOf); between two samples an account going from 0 to
 *   more is new (reactivations included), from more to 0 churn, up expansion, down contraction.
 *   Active at t = non-trial subscription with start ≤ t < end (end exclusive, null = still active).
 * - otherwise renewals + deals: expansion, contraction and churn of the renewals due in the window
 *   (as in nrr / grr) and new ARR = won new-business deals closed in the window (as in arr_growth).
 */
import type { Dataset, DayNumber, Subscription } from '../base/model.js';
import { addMonths, isoFromDay, monthKey } from '../base/time.js';
import { renewalTotalsInWindow } from './retention.js';
import { NOTE_NO_TYPE_COLUMN, REASONS, hasTypeColumn, isNewBusiness, na, requireDeals, toUnits, value, wonDealsInWindow } from './shared.js';
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
}

function subscriptionsOf(ds: Dataset): readonly Subscription[] {
  return ds.subscriptions ?? [];
}

/** True when the subscriptions input is present with at least one row. */
export function hasSubscriptions(ds: Dataset): boolean {
  return ds.present.subscriptions === true && subscriptionsOf(ds).length > 0;
}

/** The thirteen sample days t_0 = window start … t_12 = asOf. */
function monthSteps(ctx: MetricContext): DayNumber[] {
  const out: DayNumber[] = [];
  for (let k = 0; k <= 12; k += 1) out.push(k === 12 ? ctx.asOf : addMonths(ctx.window.start, k));
  return out;
}

interface Ledger {
  /** Per step k = 1..12: the month label (month of t_k) and the movements between t_{k−1} and t_k. */
  readonly steps: readonly { readonly month: string; readonly newCents: number; readonly expansionCents: number; readonly contractionCents: number; readonly churnCents: number }[];
  readonly accounts: number;
}

/** The monthly subscription ledger over the window (see the file comment). Memoised. */
export function subscriptionLedger(ds: Dataset, ctx: MetricContext, shared: SharedCache): Ledger {
  return shared.get('subscriptions:ledger', () => {
    const days = monthSteps(ctx);
    const byAccount = new Map<string, number[]>();
    for (const s of subscriptionsOf(ds)) {
      if (s.trial) continue;
      let arr = byAccount.get(s.account);
      if (!arr) {
        arr = days.map(() => 0);
        byAccount.set(s.account, arr);
      }
      days.forEach((t, k) => {
        if (s.start <= t && (s.end === null || t < s.end)) (arr as number[])[k] = ((arr as number[])[k] as number) + s.arrCents;
      });
    }
    const steps = days.slice(1).map((t) => ({ month: monthKey(t), newCents: 0, expansionCents: 0, contractionCents: 0, churnCents: 0 }));
    for (const arr of byAccount.values()) {
      for (let k = 1; k < days.length; k += 1) {
        const a = arr[k - 1] as number;
        const b = arr[k] as number;
        const step = steps[k - 1] as (typeof steps)[number];
        if (a === 0 && b > 0) step.newCents += b;
        else if (a > 0 && b === 0) step.churnCents += a;
        else if (b > a) step.expansionCents += b - a;
        else if (b < a) step.contractionCents += a - b;
      }
    }
    return { steps, accounts: byAccount.size };
  });
}

/**
 * Hook for other movement sources: the movements of the window, from subscriptions when present,
 * else from renewals + deals; null (with the reason) when neither can give them.
 */
export function movementsInWindow(ds: Dataset, ctx: MetricContext, shared: SharedCache): Movements | { readonly gap: string } {
  if (hasSubscriptions(ds)) {
    const l = subscriptionLedger(ds, ctx, shared);
    let newCents = 0;
    let expansionCents = 0;
    let contractionCents = 0;
    let churnCents = 0;
    for (const s of l.steps) {
      newCents += s.newCents;
      expansionCents += s.expansionCents;
      contractionCents += s.contractionCents;
      churnCents += s.churnCents;
    }
    return { source: 'subscriptions', newCents, expansionCents, contractionCents, churnCents, records: subscriptionsOf(ds).length };
  }
  if (!ds.present.renewals) return { gap: `${REASONS.noRenewalsFile} (or subscriptions, --subscriptions)` };
  if (!ds.present.deals) return { gap: `${REASONS.noDealsFile} for new ARR` };
  const t = renewalTotalsInWindow(ds, ctx, shared);
  const hasType = hasTypeColumn(ds, shared);
  let newCents = 0;
  let newDeals = 0;
  for (const d of wonDealsInWindow(ds, ctx, shared)) {
    if (!isNewBusiness(d, hasType)) continue;
    newCents += d.amountCents;
    newDeals += 1;
  }
  return {
    source: 'renewals',
    newCents,
    expansionCents: t.expansionCents,
    contractionCents: t.contractionCents,
    churnCents: t.churnedCents,
    records: t.rows + newDeals,
  };
}

function computeQuickRatio(ds: Dataset, ctx: MetricContext, shared: SharedCache): MetricOutcome {
  const m = movementsInWindow(ds, ctx, shared);
  if ('gap' in m) return na(m.gap);
  const lost = m.churnCents + m.contractionCents;
  const added = m.newCents + m.expansionCents;
  const notes =
    m.source === 'subscriptions'
      ? ['movements from the subscriptions: monthly ARR per account, new / expansion / contraction / churn between month steps (reactivations count as new)']
      : [
          'new ARR from won new-business deals; expansion, contraction and churn from the renewals due in the window',
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
  const ledger = subscriptionLedger(ds, ctx, shared);
  const days = monthSteps(ctx);
  const hasType = hasTypeColumn(ds, shared);
  const crm = days.slice(1).map(() => 0);
  for (const d of wonDealsInWindow(ds, ctx, shared)) {
    if (!isNewBusiness(d, hasType) || d.closed === null) continue;
    // step k holds (t_{k−1}, t_k]
    for (let k = 1; k < days.length; k += 1) {
      if (d.closed > (days[k - 1] as number) && d.closed <= (days[k] as number)) {
        crm[k - 1] = (crm[k - 1] as number) + d.amountCents;
        break;
      }
    }
  }
  const details: Record<string, number | string | null> = {};
  const flagged: string[] = [];
  let compared = 0;
  let crmTotal = 0;
  let billingTotal = 0;
  ledger.steps.forEach((s, i) => {
    const c = crm[i] as number;
    const b = s.newCents;
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
    `months step from ${isoFromDay(ctx.window.start)}; a month is flagged when CRM and billing new ARR differ by more than ${RECONCILIATION_GAP_THRESHOLD * 100}% of the larger`,
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
      'when that input is given (monthly ledger), otherwise from the renewals due in the window plus won new-business deals.',
    formula:
      '(new ARR + expansion ARR) ÷ (churned ARR + contraction ARR) over (asOf − 12 months, asOf]; subscriptions: month-step ledger per account; ' +
      'renewals: expansion / contraction / churn of renewals due in the window, new = won new-business deals closed in the window',
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
      'billing = ARR of accounts going from no active subscription to one, month steps from the window start',
    inputs: ['deals', 'subscriptions'],
    configKeys: [],
    // reported only with a subscriptions file: without one a report stays what it was
    onlyWithInputs: ['subscriptions'],
    compute: computeReconciliation,
  },
];
