/**
 * Metrics the four-V lens adds (Volumes, Revenue): how much of the target market the company has
 * reached (accounts file), and whether the open pipeline's stated probabilities match the rate at
 * which deals actually close.
 *
 * Accounts are matched by name ignoring case, spacing and punctuation (accountKey), so "Acme Inc"
 * in the deals and "ACME, Inc" in the accounts file are the same account; an accounts file with an
 * id column besides the name matches on either.
 */
import type { Account, Dataset, Deal } from '../base/model.js';
import { isoFromDay } from '../base/time.js';
import { REASONS, na, value } from './outcome.js';
import { closedDealsInWindow, spendInWindow } from './deal-selections.js';
import { compareStrings } from './stats.js';
import { accountKey, accountKeyMemo } from '../base/identity.js';
import { ledgerFor } from './subscription-ledger.js';
import type { MetricContext, MetricDefinition, MetricOutcome, SharedCache } from './types.js';

export const NO_ACCOUNTS = 'needs an accounts file (--accounts): the target accounts to measure penetration against';

/** Label of target accounts without a segment in the details. */
export const NO_SEGMENT = '(no segment)';

interface Targets {
  readonly accounts: readonly Account[];
  /** True when the file has an is_target column (else every account is a target). */
  readonly flagged: boolean;
  readonly listed: number;
}

function targetsOf(ds: Dataset, shared: SharedCache): Targets {
  return shared.get(targetsOf, () => {
    const all = ds.accounts ?? [];
    const flagged = all.some((a) => a.isTarget !== null);
    return { accounts: flagged ? all.filter((a) => a.isTarget === true) : all, flagged, listed: all.length };
  });
}

/** Account keys with a won deal closed by the as-of date (and, with subscriptions, a paid subscription started by then). */
function customerKeys(ds: Dataset, ctx: MetricContext, shared: SharedCache): { keys: Set<string>; sources: string[] } {
  return shared.get(customerKeys, () => {
    const keys = new Set<string>();
    const sources: string[] = [];
    if (ds.present.deals) {
      sources.push('won deals closed by the as-of date');
      const keyOf = accountKeyMemo();
      for (let di = 0; di < ds.deals.length; di++) {
        const d = ds.deals[di] as Deal;
        if (d.status === 'won' && d.account !== null && d.closed !== null && d.closed <= ctx.asOf) keys.add(keyOf(d.account));
      }
    }
    const ledger = ledgerFor(ds, ctx, shared);
    if (ledger !== null) {
      sources.push('paid subscriptions started by the as-of date');
      ledger.paidByAccount.forEach((list) => {
        const s = list.find((x) => x.start <= ctx.asOf);
        if (s) keys.add(accountKey(s.account));
      });
    }
    return { keys, sources };
  });
}

/** Account keys with any deal created by the as-of date (or without a created date). */
function pipelineKeys(ds: Dataset, ctx: MetricContext, shared: SharedCache): Set<string> {
  return shared.get(pipelineKeys, () => {
    const keys = new Set<string>();
    const keyOf = accountKeyMemo();
    for (let di = 0; di < ds.deals.length; di++) {
      const d = ds.deals[di] as Deal;
      if (d.account !== null && (d.created === null || d.created <= ctx.asOf)) keys.add(keyOf(d.account));
    }
    return keys;
  });
}

function penetration(ds: Dataset, ctx: MetricContext, shared: SharedCache, reached: Set<string>, what: string, extraNotes: readonly string[]): MetricOutcome {
  const t = targetsOf(ds, shared);
  if (t.accounts.length === 0) {
    return na(t.flagged ? `no account in the accounts file is marked as a target (is_target); ${t.listed} account(s) listed` : 'the accounts file lists no account');
  }
  const bySegment = new Map<string, { targets: number; reached: number }>();
  let count = 0;
  for (const a of t.accounts) {
    const hit = reached.has(accountKey(a.account)) || (a.id !== null && reached.has(accountKey(a.id)));
    if (hit) count += 1;
    const label = a.segment ?? NO_SEGMENT;
    const s = bySegment.get(label) ?? { targets: 0, reached: 0 };
    s.targets += 1;
    if (hit) s.reached += 1;
    bySegment.set(label, s);
  }
  const targetKeys = new Set(t.accounts.flatMap((a) => (a.id === null ? [accountKey(a.account)] : [accountKey(a.account), accountKey(a.id)])));
  let outside = 0;
  for (const k of reached) if (!targetKeys.has(k)) outside += 1;
  const details: Record<string, number | string | null> = { targetAccounts: t.accounts.length, [what]: count, outsideTargetList: outside };
  const segments = [...bySegment.keys()].sort(compareStrings);
  if (segments.length > 1 || segments[0] !== NO_SEGMENT) {
    for (const label of segments) {
      const s = bySegment.get(label) as { targets: number; reached: number };
      details[`${label}.penetration`] = s.reached / s.targets;
      details[`${label}.targets`] = s.targets;
      details[`${label}.${what}`] = s.reached;
    }
  }
  const notes = [
    t.flagged ? `target accounts: the ${t.accounts.length} of ${t.listed} listed accounts marked is_target` : `target accounts: all ${t.accounts.length} listed accounts (the file has no is_target column)`,
    ...extraNotes,
  ];
  if (outside > 0) notes.push(`${outside} account(s) with deals are not in the accounts file (not counted)`);
  return value(count / t.accounts.length, { sampleSize: t.accounts.length, notes, details });
}

function computeMarketPenetration(ds: Dataset, ctx: MetricContext, shared: SharedCache): MetricOutcome {
  if (!ds.present.accounts) return na(NO_ACCOUNTS);
  if (!ds.present.deals && !ds.present.subscriptions) return na(`${REASONS.noDealsFile} (or --subscriptions): which accounts are customers`);
  if (ds.present.deals && !ds.present.subscriptions && !ds.deals.some((d) => d.account !== null)) {
    return na('needs an account column in the deals file, to match won deals to the accounts file');
  }
  const c = customerKeys(ds, ctx, shared);
  return penetration(ds, ctx, shared, c.keys, 'customers', [`customers: accounts with ${c.sources.join(' or ')} (${isoFromDay(ctx.asOf)})`]);
}

function computePipelinePenetration(ds: Dataset, ctx: MetricContext, shared: SharedCache): MetricOutcome {
  if (!ds.present.accounts) return na(NO_ACCOUNTS);
  if (!ds.present.deals) return na(`${REASONS.noDealsFile}: which accounts have deals`);
  if (!ds.deals.some((d) => d.account !== null)) return na('needs an account column in the deals file, to match deals to the accounts file');
  return penetration(ds, ctx, shared, pipelineKeys(ds, ctx, shared), 'withDeals', [`engaged: accounts with any deal (won, lost or open) created by ${isoFromDay(ctx.asOf)}`]);
}

/**
 * Calibration of the probability column, on one population: the deals closed (won or lost) in the
 * window whose probability is still the one they carried while open (strictly between 0 and 1).
 * A perfectly calibrated column gives 1.0: the deals won are worth what their probabilities
 * promised. Exports that set closed deals to 0% / 100% keep no such probability, and comparing the
 * closed deals' rate with the open pipeline's probabilities would mix two populations (stage
 * probabilities of late deals against a close rate from creation): n/a, saying so.
 */
function computeCloseRateVsExpected(ds: Dataset, ctx: MetricContext, shared: SharedCache): MetricOutcome {
  if (!ds.present.deals) return na(REASONS.noDealsFile);
  const closedDeals = closedDealsInWindow(ds, ctx, shared);
  let expected = 0;
  let won = 0;
  let n = 0;
  let wonCount = 0;
  let probabilitySum = 0;
  let withAnyProbability = 0;
  for (const d of closedDeals) {
    if (d.probability === null) continue;
    withAnyProbability += 1;
    if (d.probability <= 0 || d.probability >= 1) continue;
    n += 1;
    probabilitySum += d.probability;
    expected += d.probability * d.amountCents;
    if (d.status === 'won') {
      won += d.amountCents;
      wonCount += 1;
    }
  }
  if (n === 0) {
    return na(
      withAnyProbability > 0
        ? 'the export sets closed deals to 0% / 100%: the probability they carried while open is gone, so calibration cannot be measured (export the probability before close, or a forecast snapshot)'
        : 'needs a probability column on the closed deals of the window',
    );
  }
  if (expected <= 0) return na('the closed deals with a probability carry no amount');
  const ratio = won / expected;
  if (!Number.isFinite(ratio)) return na('the closed deals promise a close rate too close to 0 to compare against (probabilities are all near 0)');
  return value(ratio, {
    sampleSize: n,
    notes: [
      'won amount ÷ probability-weighted amount over the deals closed in the window that still carry their open-stage probability; 1.0 = calibrated, below 1 = the probabilities promise more than the team closes',
    ],
    details: {
      wonAmount: won / 100,
      expectedAmount: expected / 100,
      closedDealsWithProbability: n,
      wonDeals: wonCount,
      meanProbability: probabilitySum / n,
      closedDeals: closedDeals.length,
    },
  });
}

function computeLeads(ds: Dataset, ctx: MetricContext, shared: SharedCache): MetricOutcome {
  if (!ds.present.spend) return na('needs marketing spend with a leads column (--spend)');
  let leads = 0;
  let rows = 0;
  for (const r of spendInWindow(ds, ctx, shared)) {
    if (r.leads === null) continue;
    leads += r.leads;
    rows += 1;
  }
  if (rows === 0) return na('needs a leads count in the spend file for periods in the window');
  return value(leads, { sampleSize: rows, details: { spendRowsWithLeads: rows } });
}

export const LENS_METRICS: readonly MetricDefinition[] = [
  {
    id: 'leads',
    title: 'Leads',
    area: 'pipeline',
    unit: 'count',
    definition: 'Leads generated in the last twelve months, from the leads counts of the spend file: the top of the funnel the rest of the engine converts.',
    formula: 'Σ leads over spend rows whose period starts in the window',
    inputs: ['spend'],
    configKeys: [],
    compute: computeLeads,
  },
  {
    id: 'market_penetration',
    title: 'Market penetration',
    area: 'pipeline',
    unit: 'ratio',
    definition:
      'Share of the target accounts that are customers: accounts of the accounts file (those marked is_target when the file has that column) with a won deal closed by the as-of date, or a paid subscription started by then. Per segment as "<segment>.penetration".',
    formula: 'target accounts with a won deal (or paid subscription) by asOf ÷ target accounts; accounts matched by name ignoring case and punctuation',
    inputs: ['accounts', 'deals', 'subscriptions'],
    configKeys: [],
    compute: computeMarketPenetration,
  },
  {
    id: 'pipeline_penetration',
    title: 'Pipeline penetration',
    area: 'pipeline',
    unit: 'ratio',
    definition:
      'Share of the target accounts the sales team has engaged: target accounts with any deal (won, lost or open) created by the as-of date. Per segment as "<segment>.penetration".',
    formula: 'target accounts with any deal created by asOf ÷ target accounts; accounts matched by name ignoring case and punctuation',
    inputs: ['accounts', 'deals'],
    configKeys: [],
    compute: computePipelinePenetration,
  },
  {
    id: 'close_rate_vs_expected',
    title: 'Close rate vs expected',
    area: 'pipeline',
    unit: 'multiple',
    definition:
      'Whether the probability column can be trusted, on one population: over the deals closed in the last twelve months that still carry the probability they had while open (strictly between 0 and 1), the amount won divided by the amount their probabilities promised. 1.0 means calibrated; 0.6 means deals close at 60 % of what their probabilities promise. Exports that reset closed deals to 0 % / 100 % cannot be measured (n/a).',
    formula: 'Σ won amount ÷ Σ probability × amount, over deals won or lost in the window with 0 < probability < 1',
    inputs: ['deals'],
    configKeys: [],
    compute: computeCloseRateVsExpected,
  },
];
