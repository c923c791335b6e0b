/**
 * Retention & expansion: what happened to the ARR of the contracts that came up for renewal
 * in the window (SPEC §4, BENCHMARKS §2.1 GRR / NRR rows).
 *
 * The cohort is every renewal row whose `renewalDate` is in the context window
 * (asOf − 12 months < renewalDate <= asOf): a trailing-twelve-month, annual view, closed at the
 * renewal (new logos never enter it). Each row is one contract; its movement is classified as
 *   churn        arr_after = 0 (and arr_before > 0)
 *   contraction  0 < arr_after < arr_before
 *   expansion    arr_after > arr_before
 *   flat         arr_after = arr_before
 * Sums are integer cents; values are converted to currency units once at the end.
 */
import { accountKey } from '../base/identity.js';
import type { Dataset } from '../base/model.js';
import { addMonths, isoFromDay } from '../base/time.js';
import { methodologyNote } from '../config/methodology.js';
import type { DayNumber, Renewal } from '../base/model.js';
import { NOTE_NO_TYPE_COLUMN, renewalsInWindow } from './deal-selections.js';
import { REASONS, na, value, type NaOutcome } from './outcome.js';
import { toUnits } from './stats.js';
import type { MetricContext, MetricDefinition, MetricOutcome, SharedCache } from './types.js';

// ---------------------------------------------------------------------------------------------
// Shared intermediates (also used by acquisition.ts for LTV)

import { arrMovementsInWindow, crmExpansionNotes, renewalTotalsInWindow, type RenewalTotals, type SegmentTotals } from './ledger.js';

export { renewalTotalsInWindow, type RenewalTotals, type SegmentTotals };

/** Label used in details keys for renewals without a segment. */
export const NO_SEGMENT_LABEL = '(no segment)';

/**
 * n/a when the renewals input is missing or nothing is due in the window; null when the cohort can
 * be used. `needsArr` also requires Σ arr_before > 0 (the denominator of GRR, NRR, ARPA).
 */
export function requireRenewalCohort(
  ds: Dataset,
  ctx: MetricContext,
  shared: SharedCache,
  needsArr: boolean,
): NaOutcome | null {
  if (!ds.present.renewals) return na(REASONS.noRenewalsFile);
  const t = renewalTotalsInWindow(ds, ctx, shared);
  if (t.rows === 0) {
    return na(
      `needs renewals due in the window (renewal_date ${windowLabel(ctx)}); the renewals file has none (--renewals)`,
    );
  }
  if (needsArr && t.beforeCents <= 0) {
    return na(
      `the ${t.rows} renewal(s) due in the window have no ARR before renewal (Σ arr_before = 0): division by zero`,
    );
  }
  return null;
}

function windowLabel(ctx: MetricContext): string {
  return `after ${isoFromDay(ctx.window.start)} up to ${isoFromDay(ctx.window.end)}`;
}

const COHORT_NOTE = 'cohort: renewals with renewal_date in the trailing twelve months (one row = one contract)';

// ---------------------------------------------------------------------------------------------
// GRR / NRR

function ratioBySegment(
  t: RenewalTotals,
  suffix: 'grr' | 'nrr',
  numerator: (s: SegmentTotals) => number,
): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  if (!t.hasSegment) return out;
  for (const { segment, totals } of t.segments) {
    const label = segment ?? NO_SEGMENT_LABEL;
    out[`${label}.${suffix}`] = totals.beforeCents > 0 ? numerator(totals) / totals.beforeCents : null;
    out[`${label}.renewals`] = totals.rows;
  }
  return out;
}

function computeGrr(ds: Dataset, ctx: MetricContext, shared: SharedCache): MetricOutcome {
  const gap = requireRenewalCohort(ds, ctx, shared, true);
  if (gap) return gap;
  const t = renewalTotalsInWindow(ds, ctx, shared);
  return value(t.retainedCents / t.beforeCents, {
    sampleSize: t.rows,
    notes: [COHORT_NOTE],
    details: {
      arrBefore: toUnits(t.beforeCents),
      arrRetained: toUnits(t.retainedCents),
      churnedArr: toUnits(t.churnedCents),
      contractionArr: toUnits(t.contractionCents),
      ...ratioBySegment(t, 'grr', (s) => s.retainedCents),
    },
  });
}

/**
 * ARR of one account at day `t` from its renewal rows (sorted by renewal date): arr_after of the
 * latest renewal on or before `t`; else arr_before of the first later renewal whose term had
 * started by `t` (start_date, or renewal_date − 12 months when missing); else null (not a
 * customer at `t` as far as the renewals show).
 */
export function accountArrAt(rows: readonly Renewal[], t: DayNumber): number | null {
  let last: Renewal | null = null;
  for (const r of rows) if (r.renewalDate <= t) last = r;
  if (last !== null) return last.arrAfterCents;
  for (const r of rows) {
    if (r.renewalDate <= t) continue;
    const start = r.startDate ?? addMonths(r.renewalDate, -12);
    if (start <= t) return r.arrBeforeCents;
  }
  return null;
}

interface CohortTotals {
  readonly accounts: number;
  readonly thenCents: number;
  readonly nowCents: number;
}

/** Accounts with ARR > 0 twelve months before asOf (window start): their ARR then and at asOf. */
function trailingCohort(ds: Dataset, ctx: MetricContext, shared: SharedCache): CohortTotals {
  return shared.get(trailingCohort, () => {
    const byAccount = new Map<string, Renewal[]>();
    for (const r of ds.renewals) {
      const key = accountKey(r.account);
      const list = byAccount.get(key);
      if (list) list.push(r);
      else byAccount.set(key, [r]);
    }
    let accounts = 0;
    let thenCents = 0;
    let nowCents = 0;
    for (const rows of byAccount.values()) {
      rows.sort((a, b) => a.renewalDate - b.renewalDate);
      const then = accountArrAt(rows, ctx.window.start);
      if (then === null || then <= 0) continue;
      accounts += 1;
      thenCents += then;
      nowCents += accountArrAt(rows, ctx.asOf) ?? 0;
    }
    return { accounts, thenCents, nowCents };
  });
}

function computeNrr(ds: Dataset, ctx: MetricContext, shared: SharedCache): MetricOutcome {
  const meth = ctx.profile.methodology;
  const note = methodologyNote(meth, 'nrrWindow');
  if (meth.nrrWindow === 'trailing_12m_cohort') {
    if (!ds.present.renewals) return na(REASONS.noRenewalsFile, [note]);
    const c = trailingCohort(ds, ctx, shared);
    if (c.accounts === 0) {
      return na(`needs accounts with ARR on ${isoFromDay(ctx.window.start)} (twelve months before the as-of date) in the renewals file`, [note]);
    }
    return value(c.nowCents / c.thenCents, {
      sampleSize: c.accounts,
      notes: [
        `cohort: accounts with ARR on ${isoFromDay(ctx.window.start)}; ARR per account from its renewal rows (arr_after of the latest renewal, else arr_before of the contract running then)`,
        'expansion booked after an account\'s latest renewal shows only at its next renewal',
        note,
      ],
      details: { cohortAccounts: c.accounts, arrThen: toUnits(c.thenCents), arrNow: toUnits(c.nowCents) },
    });
  }
  const gap = requireRenewalCohort(ds, ctx, shared, true);
  if (gap) return gap;
  const t = renewalTotalsInWindow(ds, ctx, shared);
  return value(t.afterCents / t.beforeCents, {
    sampleSize: t.rows,
    notes: [COHORT_NOTE, note],
    details: {
      arrBefore: toUnits(t.beforeCents),
      arrAfter: toUnits(t.afterCents),
      expansionArr: toUnits(t.expansionCents),
      contractionArr: toUnits(t.contractionCents),
      churnedArr: toUnits(t.churnedCents),
      ...ratioBySegment(t, 'nrr', (s) => s.afterCents),
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Logo retention

export interface LogoTotals {
  readonly accountsDue: number;
  readonly accountsRetained: number;
}

/**
 * Per account (base/identity accountKey: case, spacing and punctuation ignored), the renewals due in the window on the account's latest
 * renewal date in the window decide: retained when any of those rows has arr_after > 0.
 */
export function logoTotals(ds: Dataset, ctx: MetricContext, shared: SharedCache): LogoTotals {
  return shared.get(logoTotals, () => {
    const latest = new Map<string, { date: number; renewed: boolean }>();
    for (const r of renewalsInWindow(ds, ctx, shared)) {
      const key = accountKey(r.account);
      const cur = latest.get(key);
      const renewed = r.arrAfterCents > 0;
      if (!cur || r.renewalDate > cur.date) latest.set(key, { date: r.renewalDate, renewed });
      else if (r.renewalDate === cur.date && renewed) cur.renewed = true;
    }
    let accountsRetained = 0;
    for (const v of latest.values()) if (v.renewed) accountsRetained += 1;
    return { accountsDue: latest.size, accountsRetained };
  });
}

function computeLogoRetention(ds: Dataset, ctx: MetricContext, shared: SharedCache): MetricOutcome {
  const gap = requireRenewalCohort(ds, ctx, shared, false);
  if (gap) return gap;
  const t = renewalTotalsInWindow(ds, ctx, shared);
  const logos = logoTotals(ds, ctx, shared);
  return value(logos.accountsRetained / logos.accountsDue, {
    sampleSize: logos.accountsDue,
    notes: [
      'counted per account (distinct account name), not per contract: an account is retained when its latest renewal in the window kept ARR above 0',
    ],
    details: {
      accountsDue: logos.accountsDue,
      accountsRetained: logos.accountsRetained,
      contractsDue: t.rows,
      contractsRenewed: t.renewedRows,
    },
  });
}

// ---------------------------------------------------------------------------------------------
// ARR movements

function movement(
  pick: (t: RenewalTotals) => { cents: number; rows: number },
): (ds: Dataset, ctx: MetricContext, shared: SharedCache) => MetricOutcome {
  return (ds, ctx, shared) => {
    const gap = requireRenewalCohort(ds, ctx, shared, false);
    if (gap) return gap;
    const t = renewalTotalsInWindow(ds, ctx, shared);
    const m = pick(t);
    return value(toUnits(m.cents), {
      sampleSize: t.rows,
      notes: [COHORT_NOTE],
      details: {
        contracts: m.rows,
        arrBefore: toUnits(t.beforeCents),
        shareOfArrBefore: t.beforeCents > 0 ? m.cents / t.beforeCents : null,
      },
    });
  };
}

// ---------------------------------------------------------------------------------------------
// Expansion share

function computeExpansionShare(ds: Dataset, ctx: MetricContext, shared: SharedCache): MetricOutcome {
  if (!ds.present.deals) return na(`${REASONS.noDealsFile} for new-business ARR`);
  const gap = requireRenewalCohort(ds, ctx, shared, false);
  if (gap) return gap;
  const t = renewalTotalsInWindow(ds, ctx, shared);
  const m = arrMovementsInWindow(ds, ctx, shared);
  const denominator = m.newCents + m.expansionCents;
  if (denominator <= 0) {
    return na(
      'no new-business ARR won and no expansion ARR in the window: expansion ÷ (new + expansion) divides by zero',
    );
  }
  const notes = ['expansion from renewals (arr_after − arr_before where larger); new from won new-business deals', ...crmExpansionNotes(m)];
  if (!m.hasType) notes.push(NOTE_NO_TYPE_COLUMN);
  return value(m.expansionCents / denominator, {
    sampleSize: t.rows + m.newDeals + m.crmExpansionDeals,
    notes,
    details: {
      expansionArr: toUnits(m.expansionCents),
      newArr: toUnits(m.newCents),
      newDeals: m.newDeals,
      expandedContracts: t.expansionRows,
      ...(m.hasType ? { crmExpansionArr: toUnits(m.crmExpansionCents), crmExpansionDeals: m.crmExpansionDeals } : {}),
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Definitions

export const RETENTION_METRICS: readonly MetricDefinition[] = [
  {
    id: 'grr',
    title: 'Gross revenue retention',
    area: 'retention',
    unit: 'ratio',
    definition:
      'Share of the ARR up for renewal in the last twelve months that was kept, counting no expansion: ' +
      'churn and contraction pull it down, upsell cannot lift it above 100 %. Per-segment values appear as "<segment>.grr" when renewals carry a segment.',
    formula: 'Σ min(arr_after, arr_before) ÷ Σ arr_before, over renewals with asOf − 12 months < renewal_date ≤ asOf',
    inputs: ['renewals'],
    configKeys: [],
    compute: computeGrr,
  },
  {
    id: 'nrr',
    title: 'Net revenue retention',
    area: 'retention',
    unit: 'ratio',
    definition:
      'ARR after renewal as a share of ARR before, for the contracts up for renewal in the last twelve months: ' +
      'expansion adds, contraction and churn subtract, new logos are excluded. Per-segment values appear as "<segment>.nrr".',
    formula:
      'Σ arr_after ÷ Σ arr_before, over renewals with asOf − 12 months < renewal_date ≤ asOf; methodology.nrrWindow "trailing_12m_cohort": ' +
      'Σ ARR at asOf ÷ Σ ARR twelve months earlier over the accounts with ARR then (ARR per account from its renewal rows)',
    inputs: ['renewals'],
    configKeys: ['methodology.nrrWindow'],
    compute: computeNrr,
  },
  {
    id: 'logo_retention',
    title: 'Logo retention',
    area: 'retention',
    unit: 'ratio',
    definition:
      'Share of customer accounts up for renewal in the last twelve months that stayed customers. Counted per distinct account ' +
      '(not per contract); an account with several renewals in the window is judged by its latest renewal date, and is retained ' +
      'when any renewal on that date kept ARR above zero.',
    formula:
      'accounts whose latest renewal in the window has arr_after > 0 ÷ distinct accounts with a renewal_date in (asOf − 12 months, asOf]',
    inputs: ['renewals'],
    configKeys: [],
    compute: computeLogoRetention,
  },
  {
    id: 'churned_arr',
    title: 'Churned ARR',
    area: 'retention',
    unit: 'currency',
    definition: 'ARR lost from contracts that did not renew at all (arr_after = 0) among renewals due in the last twelve months.',
    formula: 'Σ arr_before over renewals in the window with arr_after = 0',
    inputs: ['renewals'],
    configKeys: [],
    compute: movement((t) => ({ cents: t.churnedCents, rows: t.churnedRows })),
  },
  {
    id: 'contraction_arr',
    title: 'Contraction ARR',
    area: 'retention',
    unit: 'currency',
    definition: 'ARR lost from contracts that renewed smaller (downgrades) among renewals due in the last twelve months.',
    formula: 'Σ (arr_before − arr_after) over renewals in the window with 0 < arr_after < arr_before',
    inputs: ['renewals'],
    configKeys: [],
    compute: movement((t) => ({ cents: t.contractionCents, rows: t.contractionRows })),
  },
  {
    id: 'expansion_arr',
    title: 'Expansion ARR',
    area: 'retention',
    unit: 'currency',
    definition: 'ARR gained from contracts that renewed larger (upsell, cross-sell, price increases) among renewals due in the last twelve months.',
    formula: 'Σ (arr_after − arr_before) over renewals in the window with arr_after > arr_before',
    inputs: ['renewals'],
    configKeys: [],
    compute: movement((t) => ({ cents: t.expansionCents, rows: t.expansionRows })),
  },
  {
    id: 'expansion_share',
    title: 'Expansion share of new ARR',
    area: 'retention',
    unit: 'ratio',
    definition:
      'How much of the ARR added in the last twelve months came from existing customers rather than new logos. ' +
      'Expansion comes from renewals plus won expansion deals booked in the CRM (type "expansion"); new ARR is won new-business deals (type "new" when the deals have a type column, otherwise every won deal).',
    formula: 'expansion ÷ (new-business ARR won in the window + expansion); expansion = expansion_arr of the renewals + won expansion deals closed in the window',
    inputs: ['deals', 'renewals'],
    configKeys: [],
    compute: computeExpansionShare,
  },
];
