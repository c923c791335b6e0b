/**
 * Metrics the four-V lens adds (Volumes, Revenue): how much of the target market the company has
 * reached (accounts file), and whether the open pipeline's stated probabilities match the rate at
 * which deals actually close.
 *
 * Accounts are matched by name ignoring case, spacing and punctuation (accountKey), so "Acme Inc"
 * in the deals and "ACME, Inc" in the accounts file are the same account; an accounts file with an
 * id column besides the name matches on either.
 */
import type { Account, Dataset } from '../model.js';
import { isoFromDay } from '../time.js';
import { REASONS, closedDealsInWindow, compareStrings, na, openDeals, spendInWindow, value } from './shared.js';
import { accountKey, ledgerFor } from './subscriptions.js';
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
  return shared.get('lens:targets', () => {
    const all = ds.accounts ?? [];
    const flagged = all.some((a) => a.isTarget !== null);
    return { accounts: flagged ? all.filter((a) => a.isTarget === true) : all, flagged, listed: all.length };
  });
}

/** Account keys with a won deal closed by the as-of date (and, with subscriptions, a paid subscription started by then). */
function customerKeys(ds: Dataset, ctx: MetricContext, shared: SharedCache): { keys: Set<string>; sources: string[] } {
  return shared.get('lens:customers', () => {
    const keys = new Set<string>();
    const sources: string[] = [];
    if (ds.present.deals) {
      sources.push('won deals closed by the as-of date');
      for (const d of ds.deals) {
        if (d.status === 'won' && d.account !== null && d.closed !== null && d.closed <= ctx.asOf) keys.add(accountKey(d.account));
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
  return shared.get('lens:withDeals', () => {
    const keys = new Set<string>();
    for (const d of ds.deals) if (d.account !== null && (d.created === null || d.created <= ctx.asOf)) keys.add(accountKey(d.account));
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

function computeCloseRateVsExpected(ds: Dataset, ctx: MetricContext, shared: SharedCache): MetricOutcome {
  if (!ds.present.deals) return na(REASONS.noDealsFile);
  let weighted = 0;
  let openAmount = 0;
  let openCount = 0;
  let probabilitySum = 0;
  for (const d of openDeals(ds, ctx, shared)) {
    if (d.probability === null) continue;
    openCount += 1;
    probabilitySum += d.probability;
    weighted += d.probability * d.amountCents;
    openAmount += d.amountCents;
  }
  if (openCount === 0) return na('needs open deals with a probability column (the rate the pipeline expects)');
  if (openAmount <= 0 || weighted <= 0) return na('the open deals with a probability carry no weighted amount (amounts or probabilities are all 0)');
  let won = 0;
  let closed = 0;
  let wonCount = 0;
  const closedDeals = closedDealsInWindow(ds, ctx, shared);
  for (const d of closedDeals) {
    closed += d.amountCents;
    if (d.status === 'won') {
      won += d.amountCents;
      wonCount += 1;
    }
  }
  if (closed <= 0) return na('needs won or lost deals with an amount closed in the window (the rate deals actually close at)');
  const expected = weighted / openAmount;
  const actual = won / closed;
  const ratio = actual / expected;
  if (!Number.isFinite(ratio)) return na('the open pipeline expects a close rate too close to 0 to compare against (probabilities are all near 0)');
  return value(ratio, {
    sampleSize: closedDeals.length + openCount,
    notes: [
      'close rate by value over the window (won ÷ won + lost) against the probability-weighted share of the open pipeline; 1.0 = the stated probabilities match, below 1 = they promise more than the team closes',
    ],
    details: {
      actualCloseRate: actual,
      expectedCloseRate: expected,
      countCloseRate: closedDeals.length > 0 ? wonCount / closedDeals.length : null,
      meanOpenProbability: probabilitySum / openCount,
      openDealsWithProbability: openCount,
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
      'Whether the probability column can be trusted: the rate at which deals actually closed in the last twelve months (by value) divided by the rate the open pipeline expects (its probability-weighted share). 1.0 means calibrated; 0.6 means deals close at 60 % of what their probabilities promise.',
    formula: '(Σ won amount ÷ Σ won + lost amount, closed in the window) ÷ (Σ probability × amount ÷ Σ amount, over open deals with a probability)',
    inputs: ['deals'],
    configKeys: [],
    compute: computeCloseRateVsExpected,
  },
];
