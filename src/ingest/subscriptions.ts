/**
 * Subscriptions: one row per subscription (or subscription period) -> a Subscription, or a reject
 * with its reason.
 *
 * Money: the row's MRR, else its ARR (MRR = ARR ÷ 12), else its price per billing interval
 * (amount × quantity, spread over the interval's months). Everything is stored as ARR in integer
 * cents (MRR × 12 is exact; a price per week or per day is rounded to the cent once).
 *
 * Dates: `start` is the first active day; `end` (blank = still active) is the first day the
 * subscription no longer counts, so a subscription ending on 2024-04-12 is not active that day.
 * A trial (trial flag true, or a status such as "trialing" / "in_trial") is kept as a record with
 * `trial: true`: the MRR core excludes it and counts it.
 */
import { accountKey } from '../base/identity.js';
import type { Subscription } from '../base/model.js';
import { AMOUNT_EXPECTED, COUNT_EXPECTED, DATE_EXPECTED, normalizeKey, parseCount, parseFlag, type AmountAmbiguity } from './cells.js';
import { AmountColumn, NO_DATE, PAIR_CODE, pairMayBeRejected, settleCode } from './columns.js';
import type { BuiltTable } from './deals.js';
import { TableState, expectedSentence, fieldRejecter, openRow, type TableContext } from './table.js';

/** Status values (normalized) that mark a trial. */
const TRIAL_STATUSES = new Set(['trial', 'trialing', 'trialling', 'intrial', 'freetrial']);

/** Billing periods per year for an interval word (normalized), before the interval count. */
const PERIODS_PER_YEAR: ReadonlyMap<string, number> = new Map([
  ...['month', 'months', 'monthly', 'mo', 'm', '1month', '1m'].map((k) => [k, 12] as const),
  ...['quarter', 'quarters', 'quarterly', 'q', '3months', '3m'].map((k) => [k, 4] as const),
  ...['halfyear', 'halfyearly', 'semiannual', 'semiannually', '6months', '6m'].map((k) => [k, 2] as const),
  ...['year', 'years', 'yearly', 'annual', 'annually', 'yr', 'y', '12months', '12m'].map((k) => [k, 1] as const),
  ...['week', 'weeks', 'weekly', 'wk', 'w'].map((k) => [k, 52] as const),
  ...['day', 'days', 'daily', 'd'].map((k) => [k, 365] as const),
]);

export const INTERVAL_EXPECTED = 'a billing interval such as month, quarter, year, week or day';

type Money =
  | { readonly kind: 'mrr' | 'arr'; readonly cents: number; readonly ambiguity: AmountAmbiguity }
  | { readonly kind: 'price'; readonly cents: number; readonly ambiguity: AmountAmbiguity; readonly quantity: number; readonly perYear: number };

interface SubscriptionDraft {
  readonly line: number;
  /** Kept only while finish() may still reject the row (see add). */
  readonly cells: readonly string[] | null;
  readonly id: string | null;
  readonly account: string;
  /** Date codes (columns.ts). */
  readonly start: number;
  readonly end: number;
  readonly money: Money;
  /** ARR cents from the ARR column, when the row also has MRR (consistency check). */
  readonly arrCheck: { readonly cents: number; readonly ambiguity: AmountAmbiguity } | null;
  readonly plan: string | null;
  readonly segment: string | null;
  readonly status: string | null;
  readonly trial: boolean;
}

export class SubscriptionsBuilder {
  readonly state: TableState;
  private readonly drafts: SubscriptionDraft[] = [];
  private readonly mrr: AmountColumn;
  private readonly arr: AmountColumn;
  private readonly amount: AmountColumn;

  constructor(ctx: TableContext) {
    this.state = new TableState(ctx);
    this.mrr = this.state.amountColumn('mrr');
    this.arr = this.state.amountColumn('arr');
    this.amount = this.state.amountColumn('amount');
  }

  add(row: readonly string[], line: number): void {
    const st = this.state;
    const cells = openRow(st, row, line);
    if (cells === null) return;
    const rejectField = fieldRejecter(st, cells, line);
    const text = (field: string): string | null => {
      const v = st.cell(cells, field).trim();
      return v === '' ? null : v;
    };
    const account = text('account');
    if (account === null) return rejectField('missing_value', 'account', 'an account (customer) name or id');
    const start = st.dateColumn('start').readCode(st.cell(cells, 'start'), line);
    if (Number.isNaN(start)) return rejectField('invalid_date', 'start', DATE_EXPECTED);
    if (start === NO_DATE) return rejectField('missing_date', 'start', 'the date the subscription started');
    let end = NO_DATE;
    if (st.has('end')) {
      end = st.dateColumn('end').readCode(st.cell(cells, 'end'), line);
      if (Number.isNaN(end)) return rejectField('invalid_date', 'end', `${DATE_EXPECTED}, or blank while the subscription is active`);
    }

    // money: MRR, else ARR, else a price per interval
    let money: Money | null = null;
    let arrCheck: SubscriptionDraft['arrCheck'] = null;
    for (const [field, col, kind] of [['mrr', this.mrr, 'mrr'], ['arr', this.arr, 'arr']] as const) {
      if (!st.has(field)) continue;
      const a = col.read(st.cell(cells, field), line);
      if (a.kind === 'missing') continue;
      if (a.kind === 'invalid') return rejectField('invalid_amount', field, AMOUNT_EXPECTED);
      if (a.cents < 0) return rejectField('negative_amount', field, `a non-negative ${kind.toUpperCase()}`);
      if (money === null) money = { kind, cents: a.cents, ambiguity: a.ambiguity };
      else arrCheck = { cents: a.cents, ambiguity: a.ambiguity };
    }
    if (money === null && st.has('amount') && st.has('interval')) {
      const a = this.amount.read(st.cell(cells, 'amount'), line);
      if (a.kind === 'invalid') return rejectField('invalid_amount', 'amount', AMOUNT_EXPECTED);
      if (a.kind === 'ok') {
        if (a.cents < 0) return rejectField('negative_amount', 'amount', 'a non-negative price');
        const perInterval = PERIODS_PER_YEAR.get(normalizeKey(st.cell(cells, 'interval')));
        if (perInterval === undefined) return rejectField('invalid_value', 'interval', INTERVAL_EXPECTED);
        let count = 1;
        if (st.has('intervalCount')) {
          const c = parseCount(st.cell(cells, 'intervalCount'));
          if (c.kind === 'invalid' || (c.kind === 'ok' && c.value < 1)) return rejectField('invalid_value', 'intervalCount', 'a whole number of intervals, at least 1');
          if (c.kind === 'ok') count = c.value;
        }
        let quantity = 1;
        if (st.has('quantity')) {
          const q = parseCount(st.cell(cells, 'quantity'));
          if (q.kind === 'invalid') return rejectField('invalid_value', 'quantity', COUNT_EXPECTED);
          if (q.kind === 'ok') quantity = q.value;
        }
        money = { kind: 'price', cents: a.cents, ambiguity: a.ambiguity, quantity, perYear: perInterval / count };
      }
    }
    if (money === null) {
      const field = st.has('mrr') ? 'mrr' : st.has('arr') ? 'arr' : 'amount';
      return rejectField('missing_amount', field, `${AMOUNT_EXPECTED} (MRR, ARR or a price per interval; 0 for a free plan or a trial)`);
    }

    let trial = false;
    if (st.has('trial')) {
      const f = parseFlag(st.cell(cells, 'trial'));
      if (f === 'invalid') return rejectField('invalid_value', 'trial', 'TRUE/FALSE, yes/no or 1/0');
      trial = f;
    }
    const status = text('status');
    if (status !== null && TRIAL_STATUSES.has(normalizeKey(status))) trial = true;
    this.drafts.push({
      line,
      // kept only for a row finish() may still reject: a date real in one order only, or an end
      // date that is (or may turn out) before the start
      cells:
        (start >= PAIR_CODE && pairMayBeRejected(start)) ||
        (end >= PAIR_CODE && pairMayBeRejected(end)) ||
        (end !== NO_DATE && (start >= PAIR_CODE || end >= PAIR_CODE || end < start))
          ? cells
          : null,
      id: text('id'),
      account,
      start,
      end,
      money,
      arrCheck,
      plan: text('plan'),
      segment: text('segment'),
      status,
      trial,
    });
  }

  finish(): BuiltTable<Subscription> {
    const st = this.state;
    const { orders, problems, fileOrder } = st.settleDateOrders();
    const records: Subscription[] = [];
    if (problems.length > 0) return { records, state: st, problems, dateOrder: fileOrder, extraWarnings: [] };
    let mismatches = 0;
    let firstMismatch: number | null = null;
    for (const d of this.drafts) {
      const cells = d.cells ?? [];
      const start = settleCode(d.start, orders.get('start') ?? null);
      if (start === undefined || start === null) {
        st.reject(cells, d.line, 'invalid_date', 'start', expectedSentence(st.columnName('start'), `a real date in ${orders.get('start')} order`, st.cell(cells, 'start')));
        continue;
      }
      const end = settleCode(d.end, orders.get('end') ?? null);
      if (end === undefined) {
        st.reject(cells, d.line, 'invalid_date', 'end', expectedSentence(st.columnName('end'), `a real date in ${orders.get('end')} order`, st.cell(cells, 'end')));
        continue;
      }
      if (end !== null && end < start) {
        st.reject(cells, d.line, 'invalid_value', 'end', expectedSentence(st.columnName('end'), `an end date on or after the start date (${st.cell(cells, 'start').trim()})`, st.cell(cells, 'end')));
        continue;
      }
      const m = d.money;
      let arrCents: number;
      if (m.kind === 'mrr') arrCents = this.mrr.settle(m.cents, m.ambiguity) * 12;
      else if (m.kind === 'arr') arrCents = this.arr.settle(m.cents, m.ambiguity);
      else if (m.kind === 'price') arrCents = Math.round(this.amount.settle(m.cents, m.ambiguity) * m.quantity * m.perYear);
      else continue;
      if (m.kind === 'mrr' && d.arrCheck !== null && this.arr.settle(d.arrCheck.cents, d.arrCheck.ambiguity) !== arrCents) {
        mismatches += 1;
        firstMismatch ??= d.line;
      }
      records.push({
        line: d.line,
        id: d.id,
        account: d.account,
        start,
        end,
        arrCents,
        plan: d.plan,
        segment: d.segment,
        status: d.status,
        trial: d.trial,
      });
    }
    const extra: BuiltTable<Subscription>['extraWarnings'] = [];
    if (mismatches > 0) {
      extra.push({
        code: 'arr_mrr_mismatch',
        message: `${mismatches} row(s) have an ARR that is not 12 × their MRR (first on line ${firstMismatch}); the MRR column was used`,
        count: mismatches,
      });
    }
    const comma = [this.mrr, this.arr, this.amount].filter((c) => c.isDecimalComma);
    if (comma.length > 0) {
      extra.push({
        code: 'decimal_comma',
        message: `amounts in ${comma.map((c) => `"${c.header}" (first seen on line ${c.evidenceLine})`).join(' and ')} use a decimal comma; "1.250" is read as 1250`,
      });
    }
    const c = concurrentSubscriptions(records);
    if (c.accounts > 0) {
      extra.push({ code: 'concurrent_subscriptions', message: concurrentSubscriptionsText(c), count: c.accounts });
    }
    return { records, state: st, problems, dateOrder: fileOrder, extraWarnings: extra };
  }
}

/** Accounts holding several paid subscriptions at the same time. */
export interface SubscriptionConcurrency {
  /** Accounts (base/identity accountKey) with two or more paid subscriptions active on one day. */
  readonly accounts: number;
  /** The most paid subscriptions one account holds on one day (0 when there are none). */
  readonly max: number;
  /** An account holding `max` (the code-unit-smallest key's first spelling), or null. */
  readonly example: string | null;
}

/**
 * Concurrent paid subscriptions (not trials, ARR > 0) per account: a sweep over each account's
 * start (+1) and end (−1, exclusive: a subscription ending the day the next starts is not
 * concurrent with it).
 */
export function concurrentSubscriptions(subs: readonly Subscription[]): SubscriptionConcurrency {
  const byKey = new Map<string, { name: string; events: [number, number][] }>();
  for (const s of subs) {
    if (s.trial || s.arrCents <= 0) continue;
    const k = accountKey(s.account);
    let e = byKey.get(k);
    if (!e) {
      e = { name: s.account, events: [] };
      byKey.set(k, e);
    }
    e.events.push([s.start, 1]);
    if (s.end !== null) e.events.push([s.end, -1]);
  }
  let accounts = 0;
  let max = 0;
  let example: string | null = null;
  for (const k of [...byKey.keys()].sort()) {
    const e = byKey.get(k) as { name: string; events: [number, number][] };
    if (e.events.length < 2) continue;
    e.events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let run = 0;
    let top = 0;
    for (const [, d] of e.events) {
      run += d;
      if (run > top) top = run;
    }
    if (top < 2) continue;
    accounts += 1;
    if (top > max) {
      max = top;
      example = e.name;
    }
  }
  return { accounts, max, example };
}

/** The words of the warning (and of the MRR metrics' note). */
export function concurrentSubscriptionsText(c: SubscriptionConcurrency): string {
  return `${c.accounts} account(s) hold several paid subscriptions at the same time (up to ${c.max} at once, e.g. "${c.example ?? ''}"): MRR and ARR are summed per account, so an upgrade billed as an added subscription counts as expansion`;
}
