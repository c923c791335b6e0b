/**
 * What every input file shares: row accounting, rejects with reasons, warnings, and the
 * column-level settling of dates at the end of the file. Kind-specific builders (deals, spend,
 * renewals) parse one row into a draft and settle drafts into records.
 */
import { REJECT_EXAMPLES_PER_REASON, type InputKind, type IngestWarning, type RejectCode, type RejectedRow, type WarningCode } from '../base/model.js';
import { truncate } from '../base/format.js';
import { ownCell } from './fast-csv.js';

// Moved to base/ (renderers use them too); still exported here for the readers.
export { REJECT_EXAMPLES_PER_REASON, truncate };
import type { DateOrder } from './cells.js';
import { AmountColumn, DateColumn, settleDate, type DateValue } from './columns.js';
import type { HeaderMapping } from './header.js';

/** A fatal problem with the file as a whole (exit 2). */
export interface FileProblem {
  readonly line: number | null;
  readonly column: string | null;
  readonly message: string;
}

export class RowRejected {
  constructor(
    readonly code: RejectCode,
    readonly field: string | null,
    readonly reason: string,
  ) {}
}

export interface TableContext {
  readonly kind: InputKind;
  readonly path: string;
  readonly header: readonly string[];
  readonly mapping: HeaderMapping;
  readonly dateFormat: 'MDY' | 'DMY' | 'YMD' | undefined;
  /**
   * Receives every rejected row in full, as it is rejected (the shell streams them to --rejects);
   * the state itself keeps only REJECT_EXAMPLES_PER_REASON examples per reason, shortened.
   */
  readonly onReject?: RejectSink;
}

/** Where every rejected row goes, whole, as it is rejected (file path shown to the user, row). */
export type RejectSink = (path: string, row: RejectedRow) => void;

/** Characters kept of a kept example's raw cells (all cells together) and of its offending value. */
export const REJECT_EXAMPLE_CHARS = 4096;
export const REJECT_VALUE_CHARS = 1000;
/**
 * The first examples of each reason (the ones a terminal report shows, whole with --show-values)
 * keep their offending value up to this many characters.
 */
export const REJECT_FULL_VALUES = 20;
export const REJECT_FULL_VALUE_CHARS = 65_536;

/** Collects rejects and warnings for one file and settles its date columns. */
export class TableState {
  /** Examples of rejected rows: at most REJECT_EXAMPLES_PER_REASON per reason, shortened (see `keep`). */
  readonly rejects: RejectedRow[] = [];
  /** Every rejected row, by reason. */
  readonly rejectCounts = new Map<RejectCode, number>();
  /** Rejected rows in all. */
  rejected = 0;
  private readonly kept = new Map<RejectCode, number>();
  readonly warnings = new Map<WarningCode, { message: string; count: number; lines: number[] }>();
  readonly dateColumns = new Map<string, DateColumn>();
  readonly amountColumns: AmountColumn[] = [];
  read = 0;
  blank = 0;

  constructor(readonly ctx: TableContext) {}

  cell(cells: readonly string[], field: string): string {
    const i = this.ctx.mapping.index[field];
    return i === undefined ? '' : (cells[i] ?? '');
  }

  has(field: string): boolean {
    return field in this.ctx.mapping.index;
  }

  columnName(field: string): string | null {
    return this.ctx.mapping.names[field] ?? null;
  }

  /** The amount column of a field, registered so the file report can say when it mixes conventions. */
  amountColumn(field: string): AmountColumn {
    const col = new AmountColumn(this.columnName(field) ?? field);
    this.amountColumns.push(col);
    return col;
  }

  dateColumn(field: string): DateColumn {
    let col = this.dateColumns.get(field);
    if (!col) {
      col = new DateColumn(this.columnName(field) ?? field, this.ctx.dateFormat);
      this.dateColumns.set(field, col);
    }
    return col;
  }

  /** Rejects a row for one field's value, with the sentence "column X: expected …, got …". */
  rejectField(cells: readonly string[], line: number, code: RejectCode, field: string, what: string): void {
    this.reject(cells, line, code, field, expectedSentence(this.columnName(field), what, this.cell(cells, field)));
  }

  reject(cells: readonly string[], line: number, code: RejectCode, field: string | null, reason: string): void {
    const index = field === null ? undefined : this.ctx.mapping.index[field];
    this.record({
      line,
      column: field === null ? null : this.columnName(field),
      columnIndex: index === undefined ? null : index + 1,
      value: index === undefined ? null : (cells[index] ?? null),
      code,
      reason,
      cells,
    });
  }

  /** Counts a rejected row, hands it whole to the sink, and keeps it as an example while under the cap. */
  record(row: RejectedRow): void {
    this.rejected += 1;
    this.rejectCounts.set(row.code, (this.rejectCounts.get(row.code) ?? 0) + 1);
    this.ctx.onReject?.(this.ctx.path, row);
    this.keep(row);
  }

  /**
   * Keeps a rejected row as an example (without counting it) while its reason has fewer than
   * REJECT_EXAMPLES_PER_REASON, with its raw text shortened: a wide row (a million fields, a
   * megabyte cell) costs a few kilobytes.
   */
  keep(row: RejectedRow): void {
    const n = this.kept.get(row.code) ?? 0;
    if (n >= REJECT_EXAMPLES_PER_REASON) return;
    this.kept.set(row.code, n + 1);
    const short = shortenReject(row, n < REJECT_FULL_VALUES ? REJECT_FULL_VALUE_CHARS : REJECT_VALUE_CHARS);
    // own copies: a parser cell would keep its whole chunk of the file alive until the report
    this.rejects.push({ ...short, value: short.value === null ? null : ownCell(short.value), cells: short.cells.map(ownCell) });
  }

  /** Adds reject counts learned elsewhere (a parallel range) whose rows were passed to `keep`. */
  addCounts(counts: Iterable<readonly [RejectCode, number]>): void {
    for (const [code, n] of counts) {
      this.rejected += n;
      this.rejectCounts.set(code, (this.rejectCounts.get(code) ?? 0) + n);
    }
  }

  warn(code: WarningCode, message: string, line?: number): void {
    const w = this.warnings.get(code);
    if (w) {
      w.count += 1;
      if (line !== undefined && w.lines.length < 5) w.lines.push(line);
    } else {
      this.warnings.set(code, { message, count: 1, lines: line === undefined ? [] : [line] });
    }
  }

  /**
   * Settles the day/month order of every date column that holds slash dates.
   * Returns the problems that make the file unusable (ambiguous or contradictory columns).
   */
  settleDateOrders(): { orders: Map<string, DateOrder | null>; problems: FileProblem[]; fileOrder: DateOrder | null } {
    const orders = new Map<string, DateOrder | null>();
    const problems: FileProblem[] = [];
    const fixed = this.ctx.dateFormat;
    let decided: DateOrder | null = null;
    let decidedBy: string | null = null;
    for (const col of this.dateColumns.values()) {
      const e = col.evidence();
      if (e === 'conflict') {
        problems.push({
          line: Math.max(col.mdyLine ?? 0, col.dmyLine ?? 0),
          column: col.header,
          message:
            `column "${col.header}" mixes month-first dates (line ${col.mdyLine}) and day-first dates (line ${col.dmyLine}). ` +
            `Set inputs.${this.ctx.kind}.dateFormat ("MDY" or "DMY") in revhealth.config.json or pass --date-format; ` +
            `values that do not fit that order are then rejected with their line.`,
        });
      } else if (e !== null && decided === null) {
        decided = e;
        decidedBy = col.header;
      }
    }
    for (const [field, col] of this.dateColumns) {
      if (col.pairs === 0) {
        orders.set(field, null);
        continue;
      }
      if (fixed === 'MDY' || fixed === 'DMY') {
        orders.set(field, fixed);
        continue;
      }
      const e = col.evidence();
      if (e === 'MDY' || e === 'DMY') {
        orders.set(field, e);
      } else if (e === null && decided !== null) {
        orders.set(field, decided);
        this.warn(
          'date_order_from_other_column',
          `column "${col.header}" has only dates like 03/04/2025; read as ${decided === 'MDY' ? 'month/day' : 'day/month'} like column "${decidedBy}", whose values settle it`,
        );
      } else if (e === null) {
        orders.set(field, null);
        problems.push({
          line: null,
          column: col.header,
          message:
            `the dates in column "${col.header}" (like 03/04/2025) could be month/day or day/month, and no value settles it. ` +
            `Set inputs.${this.ctx.kind}.dateFormat to "MDY" or "DMY" in revhealth.config.json, or pass --date-format MDY|DMY.`,
        });
      }
    }
    return { orders, problems, fileOrder: fixed === 'MDY' || fixed === 'DMY' ? fixed : decided };
  }

  /** Settles one date of a draft; records a reject and returns undefined when invalid in the settled order. */
  settle(
    value: DateValue,
    field: string,
    orders: ReadonlyMap<string, DateOrder | null>,
  ): number | null | undefined {
    return settleDate(value, orders.get(field) ?? null);
  }

  warningList(): IngestWarning[] {
    return [...this.warnings.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([code, w]) => ({ code, message: w.message, count: w.count, lines: w.lines }));
  }
}

/**
 * Fits a row to the header width. Trailing empty cells beyond the header (`a,b,c,`) are dropped and
 * missing trailing cells count as blank, both with a warning; a row with extra non-empty cells is
 * refused (null), because a delimiter inside an unquoted value would shift every later column.
 */
export function fitRow(st: TableState, cells: readonly string[], line: number): readonly string[] | null {
  const width = st.ctx.header.length;
  if (cells.length === width) return cells;
  if (cells.length > width) {
    for (let i = width; i < cells.length; i++) if ((cells[i] as string).trim() !== '') return null;
    st.warn('ragged_rows', 'rows with a different number of fields than the header (empty extra or missing trailing fields were read as blank)', line);
    return cells.slice(0, width);
  }
  st.warn('ragged_rows', 'rows with a different number of fields than the header (empty extra or missing trailing fields were read as blank)', line);
  return [...cells, ...new Array<string>(width - cells.length).fill('')];
}

/**
 * Opens a data row for a builder's add(): counts it as read and fits it to the header width; a row
 * too wide to fit is rejected here (wrong_column_count) and null comes back, so the caller returns.
 */
export function openRow(st: TableState, row: readonly string[], line: number): readonly string[] | null {
  st.read += 1;
  const cells = fitRow(st, row, line);
  if (cells === null) rejectWidth(st, row, line);
  return cells;
}

/** The per-row `rejectField(code, field, what)` of a builder's add(), bound to the row's cells and line. */
export function fieldRejecter(st: TableState, cells: readonly string[], line: number): (code: RejectCode, field: string, what: string) => void {
  return (code, field, what) => st.rejectField(cells, line, code, field, what);
}

export function rejectWidth(st: TableState, cells: readonly string[], line: number): void {
  st.reject(
    cells,
    line,
    'wrong_column_count',
    null,
    `row has ${cells.length} fields but the header has ${st.ctx.header.length}, and the extra ones are not empty; a delimiter or quote inside a value is probably not quoted`,
  );
}

/**
 * Newlines inside a record's quoted fields: the physical lines it spans beyond its first. Only LF
 * counts inside a value (a CR there is data to `wc -l`, grep and editors in Unix mode); between
 * records every line ending (CRLF, LF, lone CR) is one line.
 */
export function countNewlines(cells: readonly string[]): number {
  let n = 0;
  for (const c of cells) {
    let i = c.indexOf('\n');
    while (i >= 0) {
      n += 1;
      i = c.indexOf('\n', i + 1);
    }
  }
  return n;
}

/** A copy of a rejected row whose raw text is bounded (REJECT_EXAMPLE_CHARS for the cells, `valueChars` for the value). */
export function shortenReject(row: RejectedRow, valueChars = REJECT_VALUE_CHARS): RejectedRow {
  // each cell costs its length plus one, so a flood of empty fields is bounded too
  let total = 0;
  for (const c of row.cells) {
    total += c.length + 1;
    if (total > REJECT_EXAMPLE_CHARS) break;
  }
  let cells = row.cells;
  if (total > REJECT_EXAMPLE_CHARS) {
    const out: string[] = [];
    let budget = REJECT_EXAMPLE_CHARS;
    for (const c of row.cells) {
      if (budget <= 0) {
        out.push('…');
        break;
      }
      const piece = c.length < budget ? c : ownCopy(`${c.slice(0, Math.max(0, budget - 1))}…`);
      budget -= piece.length + 1;
      out.push(piece);
    }
    cells = out;
  }
  const value = row.value !== null && row.value.length > valueChars ? ownCopy(`${row.value.slice(0, valueChars - 1)}…`) : row.value;
  return cells === row.cells && value === row.value ? row : { ...row, value, cells };
}

/** A flat copy of a short string cut from a long one (a V8 slice would keep the long one alive). */
function ownCopy(s: string): string {
  return Buffer.from(s, 'utf8').toString('utf8');
}

/**
 * A row that repeats the header (files concatenated with their headers): the same cells as the
 * header, compared trimmed. Not a data row: counted as a repeated header, never as a bad row.
 */
export function isRepeatedHeader(cells: readonly string[], header: readonly string[]): boolean {
  if (cells.length < header.length) return false;
  for (let i = 0; i < header.length; i++) if ((cells[i] as string).trim() !== header[i]) return false;
  for (let i = header.length; i < cells.length; i++) if ((cells[i] as string).trim() !== '') return false;
  return true;
}

/** A blank line, or a row of empty cells (",,,," as spreadsheets write them): not a data row. */
export function isBlankRecord(cells: readonly string[]): boolean {
  for (const c of cells) if (c.length > 0 && c.trim() !== '') return false;
  return true;
}

export function expectedSentence(header: string | null, what: string, raw: string | null): string {
  const shown = raw === null ? '' : raw.trim() === '' ? ' is blank' : ` is "${truncate(raw.trim(), 40)}"`;
  return `${header ?? 'value'}${shown}; expected ${what}`;
}

