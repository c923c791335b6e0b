/**
 * Record lists for list-type findings (AuditReport.items), and their record-level comparison.
 *
 * Each item carries an `id` that stays the same from one month's export to the next, so a
 * baseline comparison matches items one by one: a fixed record and a new problem are both listed
 * instead of cancelling out in a count.
 *
 * - staleDeals: open deals that existed at asOf and are past their expected close date or older
 *   than twice the median sales cycle (the stale_pipeline_share definition).
 *   id `deal:<CRM id>`, or `deals:line:<line>` when the export has no id column.
 * - pastDueRenewals: renewals whose date has passed (renewal_date < asOf) while their status
 *   still says they are open (open, pending, in progress, upcoming, due, negotiation…). Without a
 *   status column nothing can be past due. id `renewal:<account>:<renewal date>`.
 * - atRiskAccounts: accounts with a renewal due in the next 90 days (asOf < renewal_date ≤
 *   asOf + 90) whose status flags a risk (at risk, risk, red, churn risk…) or whose arr_after is
 *   below arr_before (a planned downgrade or churn). One item per account, id `account:<account>`.
 * - rejectedRows: every rejected input row. id `<kind>:id:<CRM id>:<code>` when the row's id
 *   cell can be read, else `<kind>:line:<line>:<code>` (the file kind, not its path, so monthly
 *   file names do not matter).
 *
 * Pure: a dataset and a metric context in, plain data out. Lists are sorted by id and hold at
 * most `limit` items each (the first by id; `totals` keeps the full counts), so a million-deal
 * export with a large stale backlog does not turn the audit JSON into tens of megabytes. A
 * comparison of truncated lists compares only the ids both lists cover (see compareItems).
 */
import { accountKey, normalizeKey } from '../base/identity.js';
import type { Dataset, FileReport, Renewal } from '../base/model.js';
import type { MetricContext, SharedCache } from '../metrics/types.js';
import { createSharedCache } from '../metrics/context.js';
import { compareStrings, toUnits } from '../metrics/stats.js';
import { staleOpenDeals } from '../metrics/stale.js';
import { isoFromDay } from '../base/time.js';
import type { ItemListName, LeftReason } from './contract.js';

/** Items kept per list by default (--items-limit; 0 keeps every item). */
export const DEFAULT_ITEMS_LIMIT = 10_000;

/** Days ahead in which a renewal at risk makes its account an at-risk account. */
export const AT_RISK_HORIZON_DAYS = 90;

export interface StaleDealItem {
  readonly id: string;
  readonly dealId: string | null;
  readonly line: number;
  readonly name: string | null;
  readonly account: string | null;
  readonly owner: string | null;
  readonly amount: number;
  readonly created: string | null;
  readonly expectedClose: string | null;
  readonly reason: 'past_due' | 'aged' | 'past_due_and_aged';
}

export interface PastDueRenewalItem {
  readonly id: string;
  readonly account: string;
  readonly line: number;
  readonly renewalDate: string;
  readonly arrBefore: number;
  readonly status: string;
}

export interface AtRiskAccountItem {
  readonly id: string;
  readonly account: string;
  /** Earliest renewal due in the horizon. */
  readonly renewalDate: string;
  readonly arrBefore: number;
  readonly arrAfter: number;
  readonly reason: string;
}

export interface RejectedRowItem {
  readonly id: string;
  readonly file: FileReport['kind'];
  readonly path: string;
  readonly line: number;
  /** The row's CRM id when its id cell could be read. */
  readonly recordId: string | null;
  readonly code: string;
  readonly column: string | null;
}

export interface AuditItems {
  readonly staleDeals: readonly StaleDealItem[];
  readonly pastDueRenewals: readonly PastDueRenewalItem[];
  readonly atRiskAccounts: readonly AtRiskAccountItem[];
  readonly rejectedRows: readonly RejectedRowItem[];
  /** Items kept per list (null: no limit); absent in audits written before the limit existed. */
  readonly limit?: number | null;
  /** Full count of each list before the limit. */
  readonly totals?: Readonly<Record<ItemListName, number>>;
  /**
   * Set when the rejected-rows list holds only the examples ingest kept (a file had more than
   * REJECT_EXAMPLES_PER_REASON rejects of one reason): not the first rows by id, so its records
   * are not compared one by one. Absent otherwise.
   */
  readonly rejectedRowsExamplesOnly?: true;
}


const key = normalizeKey;

const OPEN_STATUSES = new Set(['open', 'pending', 'inprogress', 'upcoming', 'due', 'negotiation', 'negotiating', 'scheduled', 'notstarted', 'awaiting', 'awaitingsignature', 'outforsignature']);
const RISK_STATUSES = new Set(['atrisk', 'risk', 'red', 'churnrisk', 'highrisk', 'risky']);

export function isOpenRenewalStatus(status: string | null): boolean {
  return status !== null && (OPEN_STATUSES.has(key(status)) || RISK_STATUSES.has(key(status)));
}

export function isRiskStatus(status: string | null): boolean {
  return status !== null && RISK_STATUSES.has(key(status));
}

function byId<T extends { readonly id: string }>(a: T, b: T): number {
  return compareStrings(a.id, b.id);
}

function rejectedRows(files: readonly FileReport[]): RejectedRowItem[] {
  const out: RejectedRowItem[] = [];
  for (const f of files) {
    const idHeader = f.mapping['id'];
    const idIndex = idHeader === undefined ? -1 : f.header.indexOf(idHeader);
    for (const r of f.rejects) {
      const rawId = idIndex >= 0 ? (r.cells[idIndex] ?? '').trim() : '';
      const id = rawId !== '' ? `${f.kind}:id:${rawId}:${r.code}` : `${f.kind}:line:${r.line}:${r.code}`;
      out.push({ id, file: f.kind, path: f.path, line: r.line, recordId: rawId === '' ? null : rawId, code: r.code, column: r.column });
    }
  }
  // a duplicate id rejected twice keeps both rows: make the ids unique by line in that case
  const seen = new Map<string, number>();
  for (const it of out) seen.set(it.id, (seen.get(it.id) ?? 0) + 1);
  return out
    .map((it) => ((seen.get(it.id) ?? 0) > 1 ? { ...it, id: `${it.id}:line:${it.line}` } : it))
    .sort(byId);
}

/**
 * The indexes 0..n−1 in `cmp` order (a total order: ties already broken), only the first `limit`
 * when limit > 0. With a limit well below n the first `limit` are selected (quickselect) before
 * they are sorted: a million-deal backlog sorts ten thousand ids, not all of them.
 */
export function firstInOrder(n: number, cmp: (a: number, b: number) => number, limit: number): number[] {
  const idx = Array.from({ length: n }, (_, i) => i);
  if (limit <= 0 || n <= 2 * limit) {
    idx.sort(cmp);
    return limit > 0 ? idx.slice(0, limit) : idx;
  }
  const k = limit - 1;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    // median of three as the pivot (exports are often sorted by id: no quadratic case there)
    const mid = (lo + hi) >>> 1;
    if (cmp(idx[mid] as number, idx[lo] as number) < 0) swap(idx, mid, lo);
    if (cmp(idx[hi] as number, idx[lo] as number) < 0) swap(idx, hi, lo);
    if (cmp(idx[hi] as number, idx[mid] as number) < 0) swap(idx, hi, mid);
    const pivot = idx[mid] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (cmp(idx[i] as number, pivot) < 0) i += 1;
      while (cmp(idx[j] as number, pivot) > 0) j -= 1;
      if (i <= j) {
        swap(idx, i, j);
        i += 1;
        j -= 1;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  const first = idx.slice(0, limit);
  first.sort(cmp);
  return first;
}

/** Characters packed per key by orderKeys (8 bits each: 48 bits, exact in a double). */
const ORDER_KEY_CHARS = 6;

/**
 * For each string, a number such that numbers compare as the strings do by code unit, or tie:
 * num[a] < num[b] implies keys[a] < keys[b], and keys[a] < keys[b] implies num[a] ≤ num[b]. It
 * packs the ORDER_KEY_CHARS code units after the prefix every key shares (CRM ids often start
 * alike), each as code + 1 (0: the string has ended, so a prefix sorts first). A code unit of
 * 254 or more packs as 255 and ends the key (the rest zero): its order beyond it is left to the
 * string comparison that breaks ties.
 */
export function orderKeys(keys: readonly string[]): Float64Array {
  const n = keys.length;
  const out = new Float64Array(n);
  if (n === 0) return out;
  const first = keys[0] as string;
  // the shared prefix guessed from a sample, then checked while packing (each key read once): a
  // key that does not start with it shortens it, and the keys packed so far are packed again
  let common = first.length;
  const step = Math.max(1, Math.floor(n / 64));
  for (let i = step; i < n && common > 0; i += step) common = sharedPrefix(first, keys[i] as string, common);
  for (let i = 0; i < n; i++) {
    const k = keys[i] as string;
    const c = sharedPrefix(first, k, common);
    if (c < common) {
      common = c;
      i = -1;
      continue;
    }
    let v = 0;
    let open = true;
    for (let p = 0; p < ORDER_KEY_CHARS; p++) {
      let c = 0;
      if (open && common + p < k.length) {
        c = k.charCodeAt(common + p) + 1;
        if (c >= 255) {
          c = 255;
          open = false;
        }
      } else open = false;
      v = v * 256 + c;
    }
    out[i] = v;
  }
  return out;
}

/** The length of the prefix `a` and `b` share, at most `max`. */
function sharedPrefix(a: string, b: string, max: number): number {
  const m = Math.min(max, b.length);
  let j = 0;
  while (j < m && a.charCodeAt(j) === b.charCodeAt(j)) j += 1;
  return j;
}

function swap(a: number[], i: number, j: number): void {
  const t = a[i] as number;
  a[i] = a[j] as number;
  a[j] = t;
}

function renewalId(r: Renewal): string {
  return `renewal:${r.account}:${isoFromDay(r.renewalDate)}`;
}

/** The record lists of one audit, each cut to its first `limit` items by id (0: no limit). */
export function computeItems(ds: Dataset, ctx: MetricContext, limit: number = DEFAULT_ITEMS_LIMIT, shared: SharedCache = createSharedCache()): AuditItems {
  // a large export can have hundreds of thousands of stale deals: sort their ids, cut, and only
  // then build the items
  const stale = staleOpenDeals(ds, ctx, shared).deals;
  // ordered by id without building every id: each "deal:<CRM id>" sorts before each
  // "deals:line:<line>" (after "deal", ':' < 's'), CRM ids compare as themselves, lines as digits
  const n = stale.length;
  const keys = new Array<string>(n);
  const hasId = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const deal = (stale[i] as (typeof stale)[number]).deal;
    const id = deal.id;
    if (id !== null) {
      keys[i] = id;
      hasId[i] = 1;
    } else keys[i] = String(deal.line);
  }
  // a number per key that orders as the key does (or ties): most comparisons read two numbers,
  // not two strings scattered over the heap
  const num = orderKeys(keys);
  const staleOrder = firstInOrder(
    n,
    (a, b) => (hasId[b] as number) - (hasId[a] as number) || (num[a] as number) - (num[b] as number) || compareStrings(keys[a] as string, keys[b] as string) || a - b,
    limit,
  );
  const staleDeals: StaleDealItem[] = staleOrder.map((k) => {
    const { deal, pastDue, aged } = stale[k] as (typeof stale)[number];
    return {
      id: deal.id !== null ? `deal:${deal.id}` : `deals:line:${deal.line}`,
      dealId: deal.id,
      line: deal.line,
      name: deal.name,
      account: deal.account,
      owner: deal.owner,
      amount: toUnits(deal.amountCents),
      created: deal.created === null ? null : isoFromDay(deal.created),
      expectedClose: deal.closed === null ? null : isoFromDay(deal.closed),
      reason: pastDue && aged ? 'past_due_and_aged' : pastDue ? 'past_due' : 'aged',
    };
  });

  const pastDue = new Map<string, PastDueRenewalItem>();
  const atRisk = new Map<string, { account: string; date: number; before: number; after: number; reasons: Set<string> }>();
  for (const r of ds.renewals) {
    if (r.renewalDate < ctx.asOf && isOpenRenewalStatus(r.status)) {
      const id = renewalId(r);
      if (!pastDue.has(id)) {
        pastDue.set(id, { id, account: r.account, line: r.line, renewalDate: isoFromDay(r.renewalDate), arrBefore: toUnits(r.arrBeforeCents), status: r.status as string });
      }
    }
    if (r.renewalDate > ctx.asOf && r.renewalDate <= ctx.asOf + AT_RISK_HORIZON_DAYS) {
      const reasons: string[] = [];
      if (isRiskStatus(r.status)) reasons.push(`status "${r.status as string}"`);
      if (r.arrAfterCents < r.arrBeforeCents) reasons.push(r.arrAfterCents === 0 ? 'renewal planned at 0 (churn)' : 'renewal planned below its current ARR');
      if (reasons.length === 0) continue;
      const k = accountKey(r.account);
      const cur = atRisk.get(k);
      if (cur) {
        cur.date = Math.min(cur.date, r.renewalDate);
        cur.before += r.arrBeforeCents;
        cur.after += r.arrAfterCents;
        for (const x of reasons) cur.reasons.add(x);
      } else atRisk.set(k, { account: r.account, date: r.renewalDate, before: r.arrBeforeCents, after: r.arrAfterCents, reasons: new Set(reasons) });
    }
  }
  const atRiskAccounts: AtRiskAccountItem[] = [...atRisk.values()].map((v) => ({
    id: `account:${v.account}`,
    account: v.account,
    renewalDate: isoFromDay(v.date),
    arrBefore: toUnits(v.before),
    arrAfter: toUnits(v.after),
    reason: [...v.reasons].join('; '),
  }));

  const lists = {
    staleDeals,
    pastDueRenewals: [...pastDue.values()].sort(byId),
    atRiskAccounts: atRiskAccounts.sort(byId),
    rejectedRows: rejectedRows(ds.files),
  };
  const cut = <T>(xs: T[]): T[] => (limit > 0 && xs.length > limit ? xs.slice(0, limit) : xs);
  // ingest keeps capped examples of rejected rows; the count is the files' full count
  const rejectedTotal = ds.files.reduce((n, f) => n + f.rows.rejected, 0);
  const examplesOnly = rejectedTotal > lists.rejectedRows.length;
  return {
    staleDeals: lists.staleDeals,
    pastDueRenewals: cut(lists.pastDueRenewals),
    atRiskAccounts: cut(lists.atRiskAccounts),
    rejectedRows: cut(lists.rejectedRows),
    limit: limit > 0 ? limit : null,
    totals: {
      staleDeals: stale.length,
      pastDueRenewals: lists.pastDueRenewals.length,
      atRiskAccounts: lists.atRiskAccounts.length,
      rejectedRows: Math.max(rejectedTotal, lists.rejectedRows.length),
    },
    ...(examplesOnly ? { rejectedRowsExamplesOnly: true as const } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Comparison

export interface ItemListChange<T> {
  /** Items in the baseline and now. */
  readonly before: number;
  readonly after: number;
  /** In the current audit and not in the baseline (current details). */
  readonly appeared: readonly T[];
  /** In the baseline and no longer now (the baseline's details). */
  readonly resolved: readonly T[];
  /**
   * Why each item of `resolved` left the list, same order (issue 14: an account that left the
   * at-risk list because its renewal date passed may have churned: it is not "resolved").
   * Absent in comparisons written before it existed.
   */
  readonly left?: readonly LeftReason[];
  /**
   * Set when either list was cut by the items limit: only ids up to this one (in sort order) were
   * compared, since beyond it an id missing from a cut list proves nothing.
   */
  readonly comparedUpTo?: string;
}

/** Why a baseline item is no longer listed, judged from the item and the current as-of date. */
export function leftReason(list: ItemListName, item: StaleDealItem | PastDueRenewalItem | AtRiskAccountItem | RejectedRowItem, asOf: string | null): LeftReason {
  switch (list) {
    case 'atRiskAccounts':
      return asOf !== null && (item as AtRiskAccountItem).renewalDate <= asOf ? 'renewal_passed' : 'resolved';
    case 'staleDeals':
      return 'closed_or_updated';
    default:
      return 'resolved';
  }
}

export interface ItemsComparison {
  readonly staleDeals: ItemListChange<StaleDealItem>;
  readonly pastDueRenewals: ItemListChange<PastDueRenewalItem>;
  readonly atRiskAccounts: ItemListChange<AtRiskAccountItem>;
  readonly rejectedRows: ItemListChange<RejectedRowItem>;
}

function diffList<T extends { readonly id: string }>(
  before: readonly T[],
  beforeTotal: number,
  after: readonly T[],
  afterTotal: number,
  why: (item: T) => LeftReason,
  examplesOnly = false,
): ItemListChange<T> {
  // a cut list covers the ids up to its last one: compare within what both cover; a list of
  // examples covers no range of ids at all ('' is below every id)
  let upTo: string | undefined = examplesOnly ? '' : undefined;
  for (const [list, total] of [[before, beforeTotal], [after, afterTotal]] as const) {
    const last = list[list.length - 1];
    if (!examplesOnly && total > list.length && last !== undefined && (upTo === undefined || compareStrings(last.id, upTo) < 0)) upTo = last.id;
  }
  const covered = (x: T): boolean => upTo === undefined || compareStrings(x.id, upTo) <= 0;
  const b = new Set(before.map((x) => x.id));
  const a = new Set(after.map((x) => x.id));
  const resolved = before.filter((x) => !a.has(x.id) && covered(x));
  return {
    before: beforeTotal,
    after: afterTotal,
    appeared: after.filter((x) => !b.has(x.id) && covered(x)),
    resolved,
    left: resolved.map(why),
    ...(upTo !== undefined ? { comparedUpTo: upTo } : {}),
  };
}

/** Record-level changes between two audits' lists, matched by id; `asOf` is the current audit's (why items left). */
export function compareItems(before: AuditItems, after: AuditItems, asOf: string | null = null): ItemsComparison {
  const total = (items: AuditItems, k: ItemListName): number => items.totals?.[k] ?? items[k].length;
  return {
    staleDeals: diffList(before.staleDeals, total(before, 'staleDeals'), after.staleDeals, total(after, 'staleDeals'), (x) => leftReason('staleDeals', x, asOf)),
    pastDueRenewals: diffList(before.pastDueRenewals, total(before, 'pastDueRenewals'), after.pastDueRenewals, total(after, 'pastDueRenewals'), (x) => leftReason('pastDueRenewals', x, asOf)),
    atRiskAccounts: diffList(before.atRiskAccounts, total(before, 'atRiskAccounts'), after.atRiskAccounts, total(after, 'atRiskAccounts'), (x) => leftReason('atRiskAccounts', x, asOf)),
    rejectedRows: diffList(
      before.rejectedRows,
      total(before, 'rejectedRows'),
      after.rejectedRows,
      total(after, 'rejectedRows'),
      (x) => leftReason('rejectedRows', x, asOf),
      before.rejectedRowsExamplesOnly === true || after.rejectedRowsExamplesOnly === true,
    ),
  };
}
