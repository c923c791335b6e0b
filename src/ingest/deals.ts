/**
 * Deals: one CRM export row -> a Deal, or a reject with its reason.
 */
import type { Deal, DealType } from '../base/model.js';
import type { DealsInputConfig } from '../config/schema.js';
import type { RejectCode, RejectedRow, WarningCode } from '../base/model.js';
import { DICT_INDEX, DealTable, IdIndex, NO_TYPE, STATUSES, TYPES, newRemap, type DealBatch, type Remap } from './deal-columns.js';
import { AMOUNT_EXPECTED, DATE_EXPECTED, PERCENT_EXPECTED, QUICK_INVALID, currencyCode, normalizeKey, quickIsoDay, type AmountAmbiguity } from './cells.js';
import { AmountColumn, NO_DATE, PAIR_CODE, PercentColumn, pairMayBeRejected, settleCode, type AmountColumnState } from './columns.js';
import { DEFAULT_TYPES } from './presets.js';
import { ownCell } from './fast-csv.js';
import { DealStatusResolver, exampleStages } from './deal-status.js';
import { TableState, expectedSentence, fitRow, rejectWidth, truncate, type FileProblem, type TableContext } from './table.js';
import { formatDecimal } from '../base/format.js';

/** Dictionary field numbers, read once (setCodeOf: no lookup by name per cell). */
const F = { ...DICT_INDEX };

/** The close-date fields a deal row may take its close date from (pending rows store the index). */
const CLOSE_FIELDS = ['closed', 'wonTime', 'lostTime', 'expectedClose'] as const;
type CloseField = (typeof CLOSE_FIELDS)[number];

/**
 * Rows whose dates wait for their column's day/month order, as numbers only (date codes, see
 * columns.ts): the record index, both date codes and the close field. A row keeps its cells only
 * when one of its dates is a real date in one order only (it may be rejected once the order is
 * settled, and the reject shows its cells).
 */
export interface PendingDates {
  readonly index: number[];
  readonly created: number[];
  readonly closed: number[];
  readonly closeField: number[];
  /** Cells of the rows that may still be rejected, by record index. */
  readonly cells: [number, readonly string[]][];
}

/** Moved to deal-status.ts (status resolution); still exported here for its readers. */
export { stageWordStatus } from './deal-status.js';

export interface BuiltTable<T> {
  readonly records: T[];
  readonly state: TableState;
  readonly problems: FileProblem[];
  readonly dateOrder: 'MDY' | 'DMY' | 'YMD' | null;
  readonly extraWarnings: { code: import('../base/model.js').WarningCode; message: string; count?: number }[];
  /** Input rows that gave records, when that is not records.length (a wide spend row gives one per channel). */
  readonly usedRows?: number;
  /** The currency the amounts were settled in, when the file states one (ISO code). */
  readonly currency?: string;
}

export class DealsBuilder {
  readonly state: TableState;
  /** The deals read so far, as columns (on a worker: those since the last batch). */
  private readonly table = new DealTable();
  private readonly pendIndex: number[] = [];
  private readonly pendCreated: number[] = [];
  private readonly pendClosed: number[] = [];
  private readonly pendField: number[] = [];
  private readonly pendCells = new Map<number, readonly string[]>();
  /** Indices of records whose amount was "1,250"-ambiguous, with how it was read. */
  private readonly ambiguous: { index: number; ambiguity: AmountAmbiguity }[] = [];
  private readonly amount: AmountColumn;
  private readonly probability: PercentColumn;
  /** Won, lost or open for each row (deal-status.ts), with the tally of the stages it could not place. */
  private readonly status: DealStatusResolver;
  private readonly typeMap = new Map<string, DealType>();
  private readonly typeCache = new Map<string, DealType | null>();
  /** The first line of every id (duplicate check). */
  private readonly seenIds = new IdIndex();
  private readonly unknownTypes = new Map<string, number>();
  private readonly currencies = new Map<string, number>();
  private readonly ix: Readonly<Record<string, number>>;
  private readonly width: number;
  /** The preset writes amounts in cents (Close's `value`). */
  private readonly minorUnits: boolean;

  constructor(ctx: TableContext, config: DealsInputConfig | undefined) {
    this.state = new TableState(ctx);
    this.width = ctx.header.length;
    const ix: Record<string, number> = {};
    for (const f of [
      'id', 'name', 'amount', 'stage', 'status', 'isWon', 'isClosed', 'created', 'closed', 'wonTime', 'lostTime',
      'expectedClose', 'owner', 'pipeline', 'source', 'segment', 'type', 'account', 'probability', 'forecastCategory',
      'lostReason', 'currency',
    ]) {
      ix[f] = ctx.mapping.index[f] ?? -1;
    }
    this.ix = ix;
    this.amount = this.state.amountColumn('amount');
    this.probability = new PercentColumn(this.state.columnName('probability') ?? 'probability');
    const preset = ctx.mapping.preset;
    this.minorUnits = preset.amountInMinorUnits === true && !(config?.columns && 'amount' in config.columns);
    this.status = new DealStatusResolver(ix, preset, config, (cells, line, code, field, what) => this.rejectField(cells, line, code, field, what));
    for (const t of ['renewal', 'expansion', 'new'] as const) {
      for (const s of DEFAULT_TYPES[t]) this.typeMap.set(s, t);
      for (const s of config?.types?.[t] ?? []) this.typeMap.set(normalizeKey(s), t);
    }
  }

  /** Trimmed cell or null (repeated values share one string in the table's dictionary). */
  private text(cells: readonly string[], i: number): string | null {
    if (i < 0) return null;
    const raw = cells[i] as string;
    const v = raw.length > 0 && (raw.charCodeAt(0) <= 32 || raw.charCodeAt(raw.length - 1) <= 32) ? raw.trim() : raw;
    return v === '' ? null : v;
  }

  private rejectField(cells: readonly string[], line: number, code: RejectCode, field: string, what: string): void {
    this.state.rejectField(cells, line, code, field, what);
  }

  /** Reads a date cell as a date code (a day, NO_DATE for blank, a pending pair), or undefined after rejecting the row. */
  private date(cells: readonly string[], line: number, field: string): number | undefined {
    const i = this.ix[field] as number;
    if (i < 0) return NO_DATE;
    const raw = cells[i] as string;
    if (raw === '') return NO_DATE;
    const quick = quickIsoDay(raw);
    if (quick === QUICK_INVALID) {
      this.rejectField(cells, line, 'invalid_date', field, DATE_EXPECTED);
      return undefined;
    }
    if (!Number.isNaN(quick)) return quick;
    const code = this.state.dateColumn(field).readCode(raw, line);
    if (Number.isNaN(code)) {
      this.rejectField(cells, line, 'invalid_date', field, DATE_EXPECTED);
      return undefined;
    }
    return code;
  }

  add(row: readonly string[], line: number): void {
    const st = this.state;
    const ix = this.ix;
    st.read += 1;
    const cells = row.length === this.width ? row : fitRow(st, row, line);
    if (cells === null) return rejectWidth(st, row, line);
    const stageRaw = this.text(cells, ix.stage as number);
    const status = this.status.statusOf(cells, line, stageRaw);
    if (status === undefined) return;

    const amountRaw = cells[ix.amount as number] as string;
    let cents = this.amount.quick(amountRaw, line);
    let ambiguity: AmountAmbiguity = 'none';
    let amountMissing = false;
    /** The currency written in the amount cell ("€12.000", "GBP 1,200"); "$" alone says none. */
    let cellCurrency: string | null = null;
    if (Number.isNaN(cents)) {
      let amount = this.amount.read(amountRaw, line);
      if (amount.kind === 'ok' && amount.currency != null) cellCurrency = currencyCode(amount.currency);
      if (amount.kind === 'missing') {
        // Deals without an amount still count in deal counts and win rate by count (won ones too:
        // rejecting them halved a real HubSpot export's win rate); value metrics leave them out.
        if (status === 'won') {
          st.warn('amount_missing_won', 'won deals without an amount: kept for win rate and deal counts; bookings and deal-size figures leave them out', line);
        } else {
          st.warn('amount_missing_kept', 'open or lost deals without an amount: kept for deal counts and win rate by count, at 0 in pipeline and value metrics', line);
        }
        amountMissing = true;
        amount = { kind: 'ok', cents: 0, ambiguity: 'none' };
      }
      if (amount.kind === 'invalid') return this.rejectField(cells, line, 'invalid_amount', 'amount', AMOUNT_EXPECTED);
      if (amount.cents < 0) return this.rejectField(cells, line, 'negative_amount', 'amount', 'a non-negative amount');
      cents = amount.cents;
      ambiguity = amount.ambiguity;
    }
    if (this.minorUnits && !amountMissing) cents = Math.round(cents / 100);

    if (cents === 0 && status === 'won') st.warn('won_zero_amount', WON_ZERO, line); // "0", "-0", "1E-5": a win worth nothing
    const created = this.date(cells, line, 'created');
    if (created === undefined) return;
    const closedField =
      status === 'won' && (ix.wonTime as number) >= 0 && (cells[ix.wonTime as number] as string).trim() !== ''
        ? 'wonTime'
        : status === 'lost' && (ix.lostTime as number) >= 0 && (cells[ix.lostTime as number] as string).trim() !== ''
          ? 'lostTime'
          : status === 'open' && (ix.expectedClose as number) >= 0
            ? 'expectedClose'
            : (ix.closed as number) >= 0
              ? 'closed'
              : status === 'won'
                ? 'wonTime'
                : status === 'lost'
                  ? 'lostTime'
                  : 'expectedClose';
    const closed = this.date(cells, line, closedField);
    if (closed === undefined) return;
    if (closed === NO_DATE && status !== 'open') {
      return this.rejectField(cells, line, 'missing_date', closedField, `the close date of a ${status} deal`);
    }

    let probability: number | null = null;
    let signed = false;
    if ((ix.probability as number) >= 0) {
      const p = this.probability.read(cells[ix.probability as number] as string);
      if (!p.ok) return this.rejectField(cells, line, 'invalid_value', 'probability', PERCENT_EXPECTED);
      probability = p.value;
      signed = p.hasSign;
    }

    let type: DealType | null = null;
    const typeRaw = this.text(cells, ix.type as number);
    if (typeRaw !== null) {
      let t = this.typeCache.get(typeRaw);
      if (t === undefined) {
        t = this.typeMap.get(normalizeKey(typeRaw)) ?? null;
        this.typeCache.set(ownCell(typeRaw), t);
      }
      type = t;
      if (type === null) {
        const n = this.unknownTypes.get(typeRaw);
        this.unknownTypes.set(n === undefined ? ownCell(typeRaw) : typeRaw, (n ?? 0) + 1);
      }
    }

    const id = this.text(cells, ix.id as number);
    if (id !== null) {
      const first = this.seenIds.see(id, line);
      if (first >= 0) {
        st.reject(cells, line, 'duplicate_id', 'id', duplicateReason(id, first));
        return;
      }
    }

    // without a currency column, the currency the amount cell writes is the row's (never summed as one)
    const currency = (ix.currency as number) >= 0 ? this.text(cells, ix.currency as number) : cellCurrency;
    if (currency !== null) {
      const c = currency.toUpperCase();
      const n = this.currencies.get(c);
      this.currencies.set(n === undefined ? ownCell(c) : c, (n ?? 0) + 1);
    }

    const t = this.table;
    const at = t.next();
    const index = this.flushed + at;
    if (created >= PAIR_CODE || closed >= PAIR_CODE) {
      this.pendIndex.push(index);
      this.pendCreated.push(created);
      this.pendClosed.push(closed);
      this.pendField.push(CLOSE_FIELDS.indexOf(closedField as CloseField));
      if ((created >= PAIR_CODE && pairMayBeRejected(created)) || (closed >= PAIR_CODE && pairMayBeRejected(closed))) this.pendCells.set(index, cells.map(ownCell));
    }
    if (ambiguity !== 'none') this.ambiguous.push({ index, ambiguity });
    t.line[at] = line;
    t.ids.push(id);
    t.names.push(this.text(cells, ix.name as number));
    t.amountCents[at] = cents;
    t.amountMissing[at] = amountMissing ? 1 : 0;
    t.setCodeOf(F.stage, at, stageRaw ?? status);
    t.status[at] = STATUSES.indexOf(status);
    // a pending pair is NO_DATE until finish settles it
    t.created[at] = created >= PAIR_CODE ? NO_DATE : created;
    t.closed[at] = closed >= PAIR_CODE ? NO_DATE : closed;
    t.setCodeOf(F.owner, at, this.text(cells, ix.owner as number));
    t.setCodeOf(F.pipeline, at, this.text(cells, ix.pipeline as number));
    t.setCodeOf(F.source, at, this.text(cells, ix.source as number));
    t.setCodeOf(F.segment, at, this.text(cells, ix.segment as number));
    t.type[at] = type === null ? NO_TYPE : TYPES.indexOf(type);
    t.setCodeOf(F.account, at, this.text(cells, ix.account as number));
    t.probability[at] = probability ?? NaN;
    t.signed[at] = signed ? 1 : 0;
    t.setCodeOf(F.forecastCategory, at, this.text(cells, ix.forecastCategory as number));
    t.setCodeOf(F.lostReason, at, this.text(cells, ix.lostReason as number));
    t.setCodeOf(F.currency, at, currency);
  }

  /** Records dropped after the fact (duplicates across parallel ranges). */
  private readonly dropped = new Set<number>();
  /** Per worker range: its string codes -> this table's (see DealTable.appendBatch). */
  private readonly remaps = new Map<number, Remap>();

  /** Records already handed over by takeBatch (worker side): indices keep counting past them. */
  private flushed = 0;

  get recordCount(): number {
    return this.flushed + this.table.length;
  }

  /**
   * Worker side: the records added since the last call, as columns to post to the main thread;
   * they leave this builder's memory (indices in pending/ambiguous/signed keep counting).
   */
  takeBatch(): DealBatch {
    this.flushed += this.table.length;
    return this.table.takeBatch();
  }

  /** Rows per stage value that nothing settled (the rows rejected as unmapped_stage): what init asks about. */
  get unmappedStageCounts(): ReadonlyMap<string, number> {
    return this.status.unmappedStages;
  }

  /** Everything this builder learned from its rows, in a form that crosses threads cheaply. */
  exportPartial(): DealsPartial {
    const st = this.state;
    return {
      columns: this.takeBatch(),
      pending: { index: this.pendIndex, created: this.pendCreated, closed: this.pendClosed, closeField: this.pendField, cells: [...this.pendCells] },
      ambiguous: this.ambiguous,
      rejects: st.rejects,
      rejectCounts: [...st.rejectCounts],
      warnings: [...st.warnings.entries()],
      dateColumns: [...st.dateColumns.entries()].map(([field, c]) => ({ field, mdyLine: c.mdyLine, dmyLine: c.dmyLine, pairs: c.pairs })),
      amount: this.amount.exportState(),
      percentScale: this.probability.isPercentScale,
      unmappedStages: [...this.status.unmappedStages.entries()],
      unmappedCents: this.status.unmappedCents,
      unknownTypes: [...this.unknownTypes.entries()],
      currencies: [...this.currencies.entries()],
      read: st.read,
      blank: st.blank,
    };
  }

  /**
   * Main side: appends a batch of the byte range `range` being imported (ranges in file order,
   * batches in order within a range). Returns the records that repeat an id seen earlier in the
   * file: the caller re-reads their cells and passes them to rejectCrossDuplicate.
   */
  appendBatch(batch: DealBatch, range: number): { index: number; line: number; firstLine: number }[] {
    let remap = this.remaps.get(range);
    if (remap === undefined) this.remaps.set(range, (remap = newRemap()));
    const t = this.table;
    const at = t.appendBatch(batch, remap);
    const duplicates: { index: number; line: number; firstLine: number }[] = [];
    for (let index = at; index < t.length; index++) {
      const id = t.ids.get(index);
      if (id === null) continue;
      const line = t.line[index] as number;
      const first = this.seenIds.see(id, line);
      if (first >= 0) duplicates.push({ index, line, firstLine: first });
    }
    return duplicates;
  }

  /**
   * Main side: completes the import of a byte range whose batches went through appendRecords:
   * its last records (p.columns) and everything else the worker learned. `base` is the record
   * count before the range's first record. Returns the id repeats among the last records.
   */
  importPartial(p: DealsPartial, base: number, range: number): { index: number; line: number; firstLine: number }[] {
    const st = this.state;
    const duplicates = this.appendBatch(p.columns, range);
    this.remaps.delete(range);
    const q = p.pending;
    for (let k = 0; k < q.index.length; k++) {
      this.pendIndex.push((q.index[k] as number) + base);
      this.pendCreated.push(q.created[k] as number);
      this.pendClosed.push(q.closed[k] as number);
      this.pendField.push(q.closeField[k] as number);
    }
    for (const [index, cells] of q.cells) this.pendCells.set(index + base, cells);
    for (const x of p.ambiguous) this.ambiguous.push({ index: x.index + base, ambiguity: x.ambiguity });
    st.addCounts(p.rejectCounts); // the range's examples are capped per reason; its counts are whole
    for (const r of p.rejects) {
      if (r.code !== 'duplicate_id') {
        st.keep(r);
        continue;
      }
      // a repeat within the range names the id's first line in the whole file, as the single stream does
      const id = this.text(r.cells, this.ix.id as number) ?? '';
      const first = this.seenIds.get(id);
      st.keep(first < 0 ? r : { ...r, reason: duplicateReason(id, first) });
    }
    for (const [code, w] of p.warnings) {
      const mine = st.warnings.get(code);
      if (!mine) st.warnings.set(code, { message: w.message, count: w.count, lines: [...w.lines] });
      else {
        mine.count += w.count;
        for (const l of w.lines) if (mine.lines.length < 5) mine.lines.push(l);
      }
    }
    for (const d of p.dateColumns) {
      const c = st.dateColumn(d.field);
      c.mdyLine = minLine(c.mdyLine, d.mdyLine);
      c.dmyLine = minLine(c.dmyLine, d.dmyLine);
      c.pairs += d.pairs;
    }
    this.amount.mergeState(p.amount);
    if (p.percentScale) this.probability.isPercentScale = true;
    for (const [k, v] of p.unmappedStages) this.status.unmappedStages.set(k, (this.status.unmappedStages.get(k) ?? 0) + v);
    this.status.unmappedCents += p.unmappedCents;
    for (const [k, v] of p.unknownTypes) this.unknownTypes.set(k, (this.unknownTypes.get(k) ?? 0) + v);
    for (const [k, v] of p.currencies) this.currencies.set(k, (this.currencies.get(k) ?? 0) + v);
    st.read += p.read;
    st.blank += p.blank;
    return duplicates;
  }

  rejectCrossDuplicate(index: number, cells: readonly string[], firstLine: number): void {
    this.dropped.add(index);
    this.state.reject(cells, this.table.line[index] as number, 'duplicate_id', 'id', duplicateReason(this.table.ids.get(index) ?? '', firstLine));
  }

  finish(asOfHint: number | null): BuiltTable<Deal> {
    void asOfHint;
    this.seenIds.clear(); // no rows come after finish: a million ids need not outlive the read
    const st = this.state;
    const { orders, problems, fileOrder } = st.settleDateOrders();
    if (problems.length > 0) return { records: [], state: st, problems, dateOrder: fileOrder, extraWarnings: [] };
    const t = this.table;
    t.trim();
    const n = t.length;
    /** 1 for a record left out (a cross-range duplicate, a date not real in the settled order). */
    const dropped = new Uint8Array(n);
    let droppedCount = 0;
    const drop = (i: number): void => {
      if (dropped[i] === 0) droppedCount += 1;
      dropped[i] = 1;
    };
    for (const i of this.dropped) drop(i);
    const noCells: readonly string[] = [];
    for (let k = 0; k < this.pendIndex.length; k++) {
      const index = this.pendIndex[k] as number;
      const line = t.line[index] as number;
      const created = settleCode(this.pendCreated[k] as number, orders.get('created') ?? null);
      if (created === undefined) {
        const cells = this.pendCells.get(index) ?? noCells;
        st.reject(cells, line, 'invalid_date', 'created', expectedSentence(st.columnName('created'), `a real date in ${orders.get('created')} order`, st.cell(cells, 'created')));
        drop(index);
        continue;
      }
      const closedField = CLOSE_FIELDS[this.pendField[k] as number] as CloseField;
      const closed = settleCode(this.pendClosed[k] as number, orders.get(closedField) ?? null);
      if (closed === undefined) {
        const cells = this.pendCells.get(index) ?? noCells;
        st.reject(cells, line, 'invalid_date', closedField, expectedSentence(st.columnName(closedField), `a real date in ${orders.get(closedField)} order`, st.cell(cells, closedField)));
        drop(index);
        continue;
      }
      t.created[index] = created ?? NO_DATE;
      t.closed[index] = closed ?? NO_DATE;
    }
    this.pendCells.clear();
    if (this.amount.isDecimalComma) {
      for (const a of this.ambiguous) t.amountCents[a.index] = this.amount.settle(t.amountCents[a.index] as number, a.ambiguity);
    }
    // one pass over the columns (typed arrays, no objects): the probability scale is known only
    // now, and a close before the create date is checked on settled dates
    const scale = this.probability.isPercentScale;
    const OPEN = STATUSES.indexOf('open');
    let closeBeforeCreate = 0;
    const closeBeforeCreateLines: number[] = [];
    let openWithoutClose = 0;
    const openWithoutCloseLines: number[] = [];
    const kept: Deal[] = new Array<Deal>(n - droppedCount);
    let k = 0;
    for (let i = 0; i < n; i++) {
      if (dropped[i] === 1) continue; // not used: counts in no warning
      const p = t.probability[i] as number;
      if (!Number.isNaN(p)) t.probability[i] = clamp01(scale || t.signed[i] === 1 ? p / 100 : p);
      const created = t.created[i] as number;
      const closed = t.closed[i] as number;
      const status = t.status[i] as number;
      if (created !== NO_DATE && closed !== NO_DATE && closed < created && status !== OPEN) {
        // Kept for bookings, but its cycle length would be negative: bulk-loaded CRMs do this.
        closeBeforeCreate += 1;
        if (closeBeforeCreateLines.length < 5) closeBeforeCreateLines.push(t.line[i] as number);
        t.created[i] = NO_DATE;
      }
      if (status === OPEN && closed === NO_DATE) {
        openWithoutClose += 1;
        if (openWithoutCloseLines.length < 5) openWithoutCloseLines.push(t.line[i] as number);
      }
      kept[k++] = t.row(i);
    }
    const extra: BuiltTable<Deal>['extraWarnings'] = [];
    if (this.minorUnits) {
      extra.push({ code: 'amount_minor_units', message: `amounts in "${this.amount.header}" are in cents, as ${st.ctx.mapping.preset.title} writes them: 50000 is read as 500.00` });
    }
    if (!st.has('id')) {
      extra.push({ code: 'no_id_column', message: 'no deal id column: rows are identified by line number and duplicate detection is off' });
    }
    if (this.status.unmappedStages.size > 0) {
      const list = [...this.status.unmappedStages.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
      const rows = list.reduce((n, [, c]) => n + c, 0);
      const placed = n - droppedCount;
      extra.push({
        code: 'unplaced_pipeline',
        message:
          `${rows} of ${rows + placed} deals (${formatDecimal(this.status.unmappedCents / 100, 2)} in amount) could not be placed as won, lost or open: ` +
          `their stage is not in any stage list and no status, closed/won flag, forecast category or probability in the file settles it; they are left out of every rate`,
        count: rows,
      });
      extra.push({
        code: 'unmapped_stage',
        message:
          `stage values not mapped to won/lost/open: ${someValues(list)}. ` +
          `Map them in revhealth.config.json, e.g. "inputs": {"deals": {"stages": {${exampleStages(list.slice(0, 2).map(([s]) => s))}}}}`,
        count: list.reduce((n, [, c]) => n + c, 0),
      });
    }
    if (this.unknownTypes.size > 0) {
      const list = [...this.unknownTypes.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
      extra.push({
        code: 'unknown_type',
        message: `deal type values not recognised (type left blank): ${someValues(list)}; map them in inputs.deals.types`,
        count: list.reduce((n, [, c]) => n + c, 0),
      });
    }
    if (this.currencies.size > 1) {
      extra.push({
        code: 'multiple_currencies',
        message: `amounts are in ${this.currencies.size} currencies (${[...this.currencies.keys()].sort().slice(0, 10).map((c) => truncate(c, 12)).join(', ')}${this.currencies.size > 10 ? ', …' : ''}): rows in another currency than the company's are converted with fxRates from the config, or left out of value metrics where no rate is given`,
      });
    }
    if (this.amount.isDecimalComma) {
      extra.push({ code: 'decimal_comma', message: `amounts in "${this.amount.header}" use a decimal comma (first seen on line ${this.amount.evidenceLine}); "1.250" is read as 1250` });
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
    return { records: kept, state: st, problems, dateOrder: fileOrder, extraWarnings: extra };
  }
}

/** What one worker's DealsBuilder hands back (see exportPartial). */
export interface DealsPartial {
  readonly columns: DealBatch;
  readonly pending: PendingDates;
  readonly ambiguous: readonly { index: number; ambiguity: AmountAmbiguity }[];
  readonly rejects: readonly RejectedRow[];
  readonly rejectCounts: readonly [RejectCode, number][];
  readonly warnings: readonly [WarningCode, { message: string; count: number; lines: number[] }][];
  readonly dateColumns: readonly { field: string; mdyLine: number | null; dmyLine: number | null; pairs: number }[];
  readonly amount: AmountColumnState;
  readonly percentScale: boolean;
  readonly unmappedStages: readonly [string, number][];
  readonly unmappedCents: number;
  readonly unknownTypes: readonly [string, number][];
  readonly currencies: readonly [string, number][];
  readonly read: number;
  readonly blank: number;
}

const WON_ZERO =
  'won deals with an amount of 0 (written 0, -0, or under half a cent like 1E-5): counted as wins but adding nothing to bookings or deal size; check that the amount column is the deal value';

function minLine(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.min(a, b);
}

function duplicateReason(id: string, firstLine: number): string {
  return `deal id "${truncate(id, 40)}" already appeared on line ${firstLine}; the repeat is not counted`;
}

/** `"a" (3), "b" (1) and 12 more`: raw values in a message, each shortened, at most `max` of them. */
function someValues(list: readonly (readonly [string, number])[], max = 10): string {
  const shown = list.slice(0, max).map(([s, n]) => `"${truncate(s, 40)}" (${n})`).join(', ');
  return list.length > max ? `${shown} and ${list.length - max} more` : shown;
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}
