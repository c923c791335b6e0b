/**
 * Deals: one CRM export row -> a Deal, or a reject with its reason.
 */
import type { Deal, DealStatus, DealType } from '../model.js';
import type { DealsInputConfig } from '../config/schema.js';
import { AMOUNT_EXPECTED, DATE_EXPECTED, PERCENT_EXPECTED, normalizeKey, parseFlag, type AmountAmbiguity } from './cells.js';
import { AmountColumn, PercentColumn, type DateValue } from './columns.js';
import { DEFAULT_TYPES, UNIVERSAL_STAGES } from './presets.js';
import { TableState, expectedSentence, truncate, type FileProblem, type TableContext } from './table.js';

interface DealDraft {
  readonly line: number;
  readonly cells: readonly string[];
  readonly id: string | null;
  readonly name: string | null;
  readonly cents: number;
  readonly ambiguity: AmountAmbiguity;
  readonly stage: string;
  readonly status: DealStatus;
  readonly created: DateValue;
  readonly closed: DateValue;
  readonly closedField: string;
  readonly owner: string | null;
  readonly pipeline: string | null;
  readonly source: string | null;
  readonly segment: string | null;
  readonly type: DealType | null;
  readonly account: string | null;
  readonly probability: { value: number; hasSign: boolean } | null;
  readonly forecastCategory: string | null;
  readonly lostReason: string | null;
  readonly currency: string | null;
}

export interface BuiltTable<T> {
  readonly records: T[];
  readonly state: TableState;
  readonly problems: FileProblem[];
  readonly dateOrder: 'MDY' | 'DMY' | 'YMD' | null;
  readonly extraWarnings: { code: import('../model.js').WarningCode; message: string; count?: number }[];
}

export class DealsBuilder {
  readonly state: TableState;
  private readonly drafts: DealDraft[] = [];
  private readonly amount: AmountColumn;
  private readonly probability: PercentColumn;
  private readonly stageMap = new Map<string, DealStatus>();
  private readonly typeMap = new Map<string, DealType>();
  private readonly seenIds = new Map<string, number>();
  private readonly unmappedStages = new Map<string, number>();
  private readonly unknownTypes = new Map<string, number>();
  private readonly currencies = new Map<string, number>();

  constructor(ctx: TableContext, config: DealsInputConfig | undefined) {
    this.state = new TableState(ctx);
    this.amount = new AmountColumn(this.state.columnName('amount') ?? 'amount');
    this.probability = new PercentColumn(this.state.columnName('probability') ?? 'probability');
    const preset = ctx.mapping.preset;
    for (const status of ['open', 'lost', 'won'] as const) {
      for (const s of UNIVERSAL_STAGES[status]) this.stageMap.set(s, status);
      for (const s of preset.stages?.[status] ?? []) this.stageMap.set(normalizeKey(s), status);
    }
    for (const status of ['open', 'lost', 'won'] as const) {
      for (const s of config?.stages?.[status] ?? []) this.stageMap.set(normalizeKey(s), status);
    }
    for (const t of ['renewal', 'expansion', 'new'] as const) {
      for (const s of DEFAULT_TYPES[t]) this.typeMap.set(s, t);
      for (const s of config?.types?.[t] ?? []) this.typeMap.set(normalizeKey(s), t);
    }
  }

  add(cells: readonly string[], line: number): void {
    const st = this.state;
    st.read += 1;
    if (cells.length !== st.ctx.header.length) {
      st.reject(
        cells,
        line,
        'wrong_column_count',
        null,
        `row has ${cells.length} fields but the header has ${st.ctx.header.length}; a delimiter or quote inside a value is probably not quoted`,
      );
      return;
    }
    const text = (field: string): string | null => {
      const v = st.cell(cells, field).trim();
      return v === '' ? null : v;
    };
    const rejectField = (code: Parameters<TableState['reject']>[2], field: string, what: string): void => {
      st.reject(cells, line, code, field, expectedSentence(st.columnName(field), what, st.cell(cells, field)));
    };

    // status: Pipedrive status column, Salesforce Won/Closed flags, or the stage mapping
    const stageRaw = text('stage');
    let status: DealStatus | null = null;
    if (st.has('status')) {
      const s = normalizeKey(st.cell(cells, 'status'));
      if (s === 'won' || s === 'lost' || s === 'open') status = s;
      else if (s === 'deleted') {
        return rejectField('invalid_value', 'status', 'open, won or lost (deleted deals are not counted)');
      }
    }
    if (status === null && st.has('isWon')) {
      const won = parseFlag(st.cell(cells, 'isWon'));
      const closed = st.has('isClosed') ? parseFlag(st.cell(cells, 'isClosed')) : null;
      if (won === 'invalid') return rejectField('invalid_value', 'isWon', 'TRUE/FALSE or 1/0');
      if (closed === 'invalid') return rejectField('invalid_value', 'isClosed', 'TRUE/FALSE or 1/0');
      if (won) status = 'won';
      else if (closed === true) status = 'lost';
      else if (closed === false) status = 'open';
    }
    if (status === null) {
      if (stageRaw === null) return rejectField('missing_stage', 'stage', 'a stage such as "Closed Won"');
      const mapped = this.stageMap.get(normalizeKey(stageRaw));
      if (mapped === undefined) {
        this.unmappedStages.set(stageRaw, (this.unmappedStages.get(stageRaw) ?? 0) + 1);
        return rejectField(
          'unmapped_stage',
          'stage',
          'a stage mapped to won, lost or open (add it to inputs.deals.stages in revhealth.config.json)',
        );
      }
      status = mapped;
    }

    const amount = this.amount.read(st.cell(cells, 'amount'), line);
    if (amount.kind === 'missing') return rejectField('missing_amount', 'amount', AMOUNT_EXPECTED);
    if (amount.kind === 'invalid') return rejectField('invalid_amount', 'amount', AMOUNT_EXPECTED);
    if (amount.cents < 0) return rejectField('negative_amount', 'amount', 'a non-negative amount');

    const created = st.dateColumn('created').read(st.cell(cells, 'created'), line);
    if (!created.ok) return rejectField('invalid_date', 'created', DATE_EXPECTED);

    const closedField =
      status === 'won' && st.has('wonTime') && text('wonTime') !== null
        ? 'wonTime'
        : status === 'lost' && st.has('lostTime') && text('lostTime') !== null
          ? 'lostTime'
          : status === 'open' && st.has('expectedClose')
            ? 'expectedClose'
            : st.has('closed')
              ? 'closed'
              : status === 'won'
                ? 'wonTime'
                : status === 'lost'
                  ? 'lostTime'
                  : 'expectedClose';
    const closed = st.dateColumn(closedField).read(st.cell(cells, closedField), line);
    if (!closed.ok) return rejectField('invalid_date', closedField, DATE_EXPECTED);
    if (closed.value === null && status !== 'open') {
      return rejectField('missing_date', closedField, `the close date of a ${status} deal`);
    }

    let probability: { value: number; hasSign: boolean } | null = null;
    if (st.has('probability')) {
      const p = this.probability.read(st.cell(cells, 'probability'));
      if (!p.ok) return rejectField('invalid_value', 'probability', PERCENT_EXPECTED);
      probability = p.value === null ? null : { value: p.value, hasSign: p.hasSign };
    }

    let type: DealType | null = null;
    const typeRaw = text('type');
    if (typeRaw !== null) {
      type = this.typeMap.get(normalizeKey(typeRaw)) ?? null;
      if (type === null) this.unknownTypes.set(typeRaw, (this.unknownTypes.get(typeRaw) ?? 0) + 1);
    }

    const id = text('id');
    if (id !== null) {
      const first = this.seenIds.get(id);
      if (first !== undefined) {
        st.reject(cells, line, 'duplicate_id', 'id', `deal id "${truncate(id, 40)}" already appeared on line ${first}; the repeat is not counted`);
        return;
      }
      this.seenIds.set(id, line);
    }

    const currency = text('currency');
    if (currency !== null) this.currencies.set(currency.toUpperCase(), (this.currencies.get(currency.toUpperCase()) ?? 0) + 1);

    this.drafts.push({
      line,
      cells,
      id,
      name: text('name'),
      cents: amount.cents,
      ambiguity: amount.ambiguity,
      stage: stageRaw ?? status,
      status,
      created: created.value,
      closed: closed.value,
      closedField,
      owner: text('owner'),
      pipeline: text('pipeline'),
      source: text('source'),
      segment: text('segment'),
      type,
      account: text('account'),
      probability,
      forecastCategory: text('forecastCategory'),
      lostReason: text('lostReason'),
      currency,
    });
  }

  finish(asOfHint: number | null): BuiltTable<Deal> {
    const st = this.state;
    const { orders, problems, fileOrder } = st.settleDateOrders();
    const records: Deal[] = [];
    if (problems.length > 0) return { records, state: st, problems, dateOrder: fileOrder, extraWarnings: [] };
    const scale = this.probability.isPercentScale;
    let closeBeforeCreate = 0;
    const closeBeforeCreateLines: number[] = [];
    let openWithoutClose = 0;
    const openWithoutCloseLines: number[] = [];
    for (const d of this.drafts) {
      const created = st.settle(d.created, 'created', orders);
      if (created === undefined) {
        st.reject(d.cells, d.line, 'invalid_date', 'created', expectedSentence(st.columnName('created'), `a real date in ${orders.get('created')} order`, st.cell(d.cells, 'created')));
        continue;
      }
      const closed = st.settle(d.closed, d.closedField, orders);
      if (closed === undefined) {
        st.reject(d.cells, d.line, 'invalid_date', d.closedField, expectedSentence(st.columnName(d.closedField), `a real date in ${orders.get(d.closedField)} order`, st.cell(d.cells, d.closedField)));
        continue;
      }
      let createdDay = created;
      if (created !== null && closed !== null && closed < created && d.status !== 'open') {
        // Kept for bookings, but its cycle length would be negative: bulk-loaded CRMs do this.
        closeBeforeCreate += 1;
        if (closeBeforeCreateLines.length < 5) closeBeforeCreateLines.push(d.line);
        createdDay = null;
      }
      if (d.status === 'open' && closed === null) {
        openWithoutClose += 1;
        if (openWithoutCloseLines.length < 5) openWithoutCloseLines.push(d.line);
      }
      records.push({
        line: d.line,
        id: d.id,
        name: d.name,
        amountCents: this.amount.settle(d.cents, d.ambiguity),
        stage: d.stage,
        status: d.status,
        created: createdDay,
        closed,
        owner: d.owner,
        pipeline: d.pipeline,
        source: d.source,
        segment: d.segment,
        type: d.type,
        account: d.account,
        probability: d.probability === null ? null : clamp01(d.probability.hasSign || scale ? d.probability.value / 100 : d.probability.value),
        forecastCategory: d.forecastCategory,
        lostReason: d.lostReason,
        currency: d.currency,
      });
    }
    void asOfHint;
    const extra: BuiltTable<Deal>['extraWarnings'] = [];
    if (!st.has('id')) {
      extra.push({ code: 'no_id_column', message: 'no deal id column: rows are identified by line number and duplicate detection is off' });
    }
    if (this.unmappedStages.size > 0) {
      const list = [...this.unmappedStages.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
      extra.push({
        code: 'unmapped_stage',
        message:
          `stage values not mapped to won/lost/open: ${list.map(([s, n]) => `"${truncate(s, 40)}" (${n})`).join(', ')}. ` +
          `Map them in revhealth.config.json, e.g. "inputs": {"deals": {"stages": {"open": [${list.slice(0, 2).map(([s]) => JSON.stringify(s)).join(', ')}]}}}`,
        count: list.reduce((n, [, c]) => n + c, 0),
      });
    }
    if (this.unknownTypes.size > 0) {
      const list = [...this.unknownTypes.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
      extra.push({
        code: 'unknown_type',
        message: `deal type values not recognised (type left blank): ${list.map(([s, n]) => `"${truncate(s, 40)}" (${n})`).join(', ')}; map them in inputs.deals.types`,
        count: list.reduce((n, [, c]) => n + c, 0),
      });
    }
    if (this.currencies.size > 1) {
      extra.push({
        code: 'multiple_currencies',
        message: `amounts are in ${this.currencies.size} currencies (${[...this.currencies.keys()].sort().join(', ')}) and no conversion rates are configured; totals mix currencies`,
      });
    }
    if (this.amount.isDecimalComma) {
      extra.push({ code: 'decimal_comma', message: `amounts in "${this.amount.header}" use a decimal comma (first seen on line ${this.amount.decimalCommaLine}); "1.250" is read as 1250` });
    }
    if (closeBeforeCreate > 0) {
      extra.push({
        code: 'close_before_create',
        message: `${closeBeforeCreate} closed deal(s) have a close date before their created date (lines ${closeBeforeCreateLines.join(', ')}${closeBeforeCreate > 5 ? ', …' : ''}); they count toward bookings and win rate but not toward cycle length`,
        count: closeBeforeCreate,
      });
    }
    if (openWithoutClose > 0) {
      extra.push({
        code: 'open_without_close_date',
        message: `${openWithoutClose} open deal(s) have no expected close date (lines ${openWithoutCloseLines.join(', ')}${openWithoutClose > 5 ? ', …' : ''}); they are left out of coverage and projections`,
        count: openWithoutClose,
      });
    }
    return { records, state: st, problems, dateOrder: fileOrder, extraWarnings: extra };
  }
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}
