/**
 * Spend: one row per period and channel -> a SpendRow, or a reject with its reason.
 */
import type { RejectCode, SpendCategory, SpendRow } from '../model.js';
import type { SpendInputConfig } from '../config/schema.js';
import { AMOUNT_EXPECTED, COUNT_EXPECTED, normalizeKey, parseCount, parsePeriod, type AmountAmbiguity } from './cells.js';
import { AmountColumn, type DateValue } from './columns.js';
import type { BuiltTable } from './deals.js';
import { TableState, expectedSentence, fitRow, rejectWidth, type TableContext } from './table.js';

interface SpendDraft {
  readonly line: number;
  readonly cells: readonly string[];
  readonly period: DateValue;
  readonly channel: string;
  readonly cents: number;
  readonly ambiguity: AmountAmbiguity;
  readonly category: SpendCategory;
  readonly leads: number | null;
  readonly mqls: number | null;
  readonly sqls: number | null;
}

export class SpendBuilder {
  readonly state: TableState;
  private readonly drafts: SpendDraft[] = [];
  private readonly amount: AmountColumn;
  private readonly salesChannels: ReadonlySet<string>;

  constructor(ctx: TableContext, config: SpendInputConfig | undefined) {
    this.state = new TableState(ctx);
    this.amount = this.state.amountColumn('amount');
    this.salesChannels = new Set((config?.salesChannels ?? []).map(normalizeKey));
  }

  add(row: readonly string[], line: number): void {
    const st = this.state;
    st.read += 1;
    const cells = fitRow(st, row, line);
    if (cells === null) return rejectWidth(st, row, line);
    const rejectField = (code: RejectCode, field: string, what: string): void => st.rejectField(cells, line, code, field, what);
    const periodRaw = st.cell(cells, 'period');
    if (periodRaw.trim() === '') return rejectField('missing_date', 'period', 'a month like 2025-03 or a date');
    const col = st.dateColumn('period');
    const cell = parsePeriod(periodRaw, st.ctx.dateFormat);
    let period: DateValue;
    if (cell.kind === 'day') period = cell.day;
    else if (cell.kind === 'pair') {
      const read = col.read(periodRaw, line);
      if (!read.ok) return rejectField('invalid_date', 'period', 'a month like 2025-03 or a date');
      period = read.value;
    } else return rejectField('invalid_date', 'period', 'a month like 2025-03 or a date');

    const channel = st.cell(cells, 'channel').trim();
    if (channel === '') return rejectField('missing_value', 'channel', 'a channel name such as "Paid Search"');
    const amount = this.amount.read(st.cell(cells, 'amount'), line);
    if (amount.kind === 'missing') return rejectField('missing_amount', 'amount', AMOUNT_EXPECTED);
    if (amount.kind === 'invalid') return rejectField('invalid_amount', 'amount', AMOUNT_EXPECTED);
    if (amount.cents < 0) return rejectField('negative_amount', 'amount', 'a non-negative amount');

    const counts: (number | null)[] = [];
    for (const field of ['leads', 'mqls', 'sqls'] as const) {
      if (!st.has(field)) {
        counts.push(null);
        continue;
      }
      const c = parseCount(st.cell(cells, field));
      if (c.kind === 'invalid') return rejectField('invalid_value', field, COUNT_EXPECTED);
      counts.push(c.kind === 'ok' ? c.value : null);
    }
    this.drafts.push({
      line,
      cells,
      period,
      channel,
      cents: amount.cents,
      ambiguity: amount.ambiguity,
      category: this.categorize(st.cell(cells, 'category'), channel),
      leads: counts[0] ?? null,
      mqls: counts[1] ?? null,
      sqls: counts[2] ?? null,
    });
  }

  private categorize(raw: string, channel: string): SpendCategory {
    if (this.salesChannels.has(normalizeKey(channel))) return 'sales';
    const c = normalizeKey(raw);
    if (c === '' || c.includes('market') || c === 'mktg' || c === 'media' || c === 'ads' || c === 'advertising') return 'marketing';
    if (c.includes('sales') || c === 'sdr' || c === 'bdr' || c === 'commission' || c === 'commissions') return 'sales';
    return 'other';
  }

  finish(): BuiltTable<SpendRow> {
    const st = this.state;
    const { orders, problems, fileOrder } = st.settleDateOrders();
    const records: SpendRow[] = [];
    if (problems.length > 0) return { records, state: st, problems, dateOrder: fileOrder, extraWarnings: [] };
    for (const d of this.drafts) {
      const period = st.settle(d.period, 'period', orders);
      if (period === undefined || period === null) {
        st.reject(d.cells, d.line, 'invalid_date', 'period', expectedSentence(st.columnName('period'), `a real date in ${orders.get('period')} order`, st.cell(d.cells, 'period')));
        continue;
      }
      records.push({
        line: d.line,
        periodStart: period,
        channel: d.channel,
        amountCents: this.amount.settle(d.cents, d.ambiguity),
        category: d.category,
        leads: d.leads,
        mqls: d.mqls,
        sqls: d.sqls,
      });
    }
    const extra: BuiltTable<SpendRow>['extraWarnings'] = [];
    if (this.amount.isDecimalComma) {
      extra.push({ code: 'decimal_comma', message: `amounts in "${this.amount.header}" use a decimal comma (first seen on line ${this.amount.evidenceLine}); "1.250" is read as 1250` });
    }
    return { records, state: st, problems, dateOrder: fileOrder, extraWarnings: extra };
  }
}
