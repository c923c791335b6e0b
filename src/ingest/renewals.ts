/**
 * Renewals: one row per contract up for renewal -> a Renewal, or a reject with its reason.
 */
import type { Renewal } from '../base/model.js';
import { AMOUNT_EXPECTED, DATE_EXPECTED, type AmountAmbiguity } from './cells.js';
import { AmountColumn, NO_DATE, PAIR_CODE, pairMayBeRejected, settleCode } from './columns.js';
import type { BuiltTable } from './deals.js';
import { TableState, expectedSentence, fieldRejecter, openRow, type TableContext } from './table.js';

interface RenewalDraft {
  readonly line: number;
  /** Kept only while a date may still be rejected once its column's order is settled (see pairMayBeRejected). */
  readonly cells: readonly string[] | null;
  readonly account: string;
  /** Date codes (columns.ts). */
  readonly renewalDate: number;
  readonly before: { cents: number; ambiguity: AmountAmbiguity };
  readonly after: { cents: number; ambiguity: AmountAmbiguity };
  readonly status: string | null;
  readonly segment: string | null;
  readonly startDate: number;
  readonly reason: string | null;
}

export class RenewalsBuilder {
  readonly state: TableState;
  private readonly drafts: RenewalDraft[] = [];
  private readonly before: AmountColumn;
  private readonly after: AmountColumn;

  constructor(ctx: TableContext) {
    this.state = new TableState(ctx);
    this.before = this.state.amountColumn('arrBefore');
    this.after = this.state.amountColumn('arrAfter');
  }

  add(row: readonly string[], line: number): void {
    const st = this.state;
    const cells = openRow(st, row, line);
    if (cells === null) return;
    const rejectField = fieldRejecter(st, cells, line);
    const account = st.cell(cells, 'account').trim();
    if (account === '') return rejectField('missing_value', 'account', 'an account name or id');
    const renewal = st.dateColumn('renewalDate').readCode(st.cell(cells, 'renewalDate'), line);
    if (Number.isNaN(renewal)) return rejectField('invalid_date', 'renewalDate', DATE_EXPECTED);
    if (renewal === NO_DATE) return rejectField('missing_date', 'renewalDate', 'the renewal date');
    const amounts: { cents: number; ambiguity: AmountAmbiguity }[] = [];
    for (const [field, col] of [['arrBefore', this.before], ['arrAfter', this.after]] as const) {
      const a = col.read(st.cell(cells, field), line);
      if (a.kind === 'missing') return rejectField('missing_amount', field, `${AMOUNT_EXPECTED} (0 when churned)`);
      if (a.kind === 'invalid') return rejectField('invalid_amount', field, AMOUNT_EXPECTED);
      if (a.cents < 0) return rejectField('negative_amount', field, 'a non-negative ARR');
      amounts.push({ cents: a.cents, ambiguity: a.ambiguity });
    }
    let startDate = NO_DATE;
    if (st.has('startDate')) {
      startDate = st.dateColumn('startDate').readCode(st.cell(cells, 'startDate'), line);
      if (Number.isNaN(startDate)) return rejectField('invalid_date', 'startDate', DATE_EXPECTED);
    }
    const status = st.cell(cells, 'status').trim();
    const segment = st.cell(cells, 'segment').trim();
    const reason = st.cell(cells, 'reason').trim();
    this.drafts.push({
      line,
      cells: (renewal >= PAIR_CODE && pairMayBeRejected(renewal)) || (startDate >= PAIR_CODE && pairMayBeRejected(startDate)) ? cells : null,
      account,
      renewalDate: renewal,
      before: amounts[0] as { cents: number; ambiguity: AmountAmbiguity },
      after: amounts[1] as { cents: number; ambiguity: AmountAmbiguity },
      status: status === '' ? null : status,
      segment: segment === '' ? null : segment,
      startDate,
      reason: reason === '' ? null : reason,
    });
  }

  finish(): BuiltTable<Renewal> {
    const st = this.state;
    const { orders, problems, fileOrder } = st.settleDateOrders();
    const records: Renewal[] = [];
    if (problems.length > 0) return { records, state: st, problems, dateOrder: fileOrder, extraWarnings: [] };
    for (const d of this.drafts) {
      const renewalDate = settleCode(d.renewalDate, orders.get('renewalDate') ?? null);
      const cells = d.cells ?? [];
      if (renewalDate === undefined || renewalDate === null) {
        st.reject(cells, d.line, 'invalid_date', 'renewalDate', expectedSentence(st.columnName('renewalDate'), `a real date in ${orders.get('renewalDate')} order`, st.cell(cells, 'renewalDate')));
        continue;
      }
      const startDate = settleCode(d.startDate, orders.get('startDate') ?? null);
      if (startDate === undefined) {
        st.reject(cells, d.line, 'invalid_date', 'startDate', expectedSentence(st.columnName('startDate'), `a real date in ${orders.get('startDate')} order`, st.cell(cells, 'startDate')));
        continue;
      }
      records.push({
        line: d.line,
        account: d.account,
        renewalDate,
        arrBeforeCents: this.before.settle(d.before.cents, d.before.ambiguity),
        arrAfterCents: this.after.settle(d.after.cents, d.after.ambiguity),
        status: d.status,
        segment: d.segment,
        startDate,
        ...(d.reason !== null ? { reason: d.reason } : {}),
      });
    }
    const extra: BuiltTable<Renewal>['extraWarnings'] = [];
    const comma = [this.before, this.after].filter((c) => c.isDecimalComma);
    if (comma.length > 0) {
      extra.push({
        code: 'decimal_comma',
        message: `amounts in ${comma.map((c) => `"${c.header}" (first seen on line ${c.evidenceLine})`).join(' and ')} use a decimal comma; "1.250" is read as 1250`,
      });
    }
    return { records, state: st, problems, dateOrder: fileOrder, extraWarnings: extra };
  }
}
