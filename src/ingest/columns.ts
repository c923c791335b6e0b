/**
 * Column-level decisions that need every value of a column: day/month order, decimal comma,
 * percentage scale. Row builders feed cells in as they stream; `finish` settles the column.
 */
import type { DayNumber } from '../base/model.js';
import { isValidYmd } from '../base/time.js';
import {
  QUICK_INVALID,
  currencyCode,
  parseAmount,
  parseDate,
  parsePercent,
  pairEvidence,
  quickIsoDay,
  quickMoney,
  quickSlashPair,
  reinterpretDecimalComma,
  resolvePair,
  type AmountAmbiguity,
  type DateOrder,
} from './cells.js';

/** A date whose day/month order is not settled yet. */
export interface PendingDate {
  readonly first: number;
  readonly second: number;
  readonly year: number;
}

export type DateValue = DayNumber | PendingDate | null;

export type DateRead = { readonly ok: true; readonly value: DateValue } | { readonly ok: false };

/**
 * A date cell as one number, so a million of them cost no objects and no strings (DateColumn.readCode):
 * a day number, NO_DATE for a blank cell, or a day/month pair still waiting for its column's
 * order, packed as PAIR_CODE + year × 10,000 + first × 100 + second (isPairCode). Day numbers of
 * any four-digit year stay far below PAIR_CODE and far above NO_DATE; all fit an Int32Array.
 */
export const NO_DATE = -2147483648;
export const PAIR_CODE = 1_000_000_000;

export function pairCode(first: number, second: number, year: number): number {
  return PAIR_CODE + year * 10_000 + first * 100 + second;
}

export function isPairCode(code: number): boolean {
  return code >= PAIR_CODE;
}

/** The pair a pair code holds. */
export function unpackPair(code: number): PendingDate {
  const p = code - PAIR_CODE;
  return { first: Math.floor(p / 100) % 100, second: p % 100, year: Math.floor(p / 10_000) };
}

/**
 * True when a pending pair is a real date in one order only ("2/30/2025", "13/02/2025" before the
 * order is known): its row may still be rejected once the order is settled, so its cells are kept.
 */
export function pairMayBeRejected(code: number): boolean {
  const p = code - PAIR_CODE;
  const first = Math.floor(p / 100) % 100;
  const second = p % 100;
  const year = Math.floor(p / 10_000);
  return isValidYmd(year, first, second) !== isValidYmd(year, second, first);
}

/** Resolves a date code once the order is known: null for blank, undefined when not a real date in that order. */
export function settleCode(code: number, order: DateOrder | null): DayNumber | null | undefined {
  if (code === NO_DATE) return null;
  if (code < PAIR_CODE) return code;
  if (order === null) return undefined;
  const p = code - PAIR_CODE;
  const day = resolvePair(Math.floor(p / 100) % 100, p % 100, Math.floor(p / 10_000), order);
  return day === null ? undefined : day;
}

export class DateColumn {
  mdyLine: number | null = null;
  dmyLine: number | null = null;
  pairs = 0;
  order: DateOrder | null = null;

  constructor(
    readonly header: string,
    readonly fixedOrder: 'MDY' | 'DMY' | 'YMD' | undefined,
  ) {}

  read(raw: string, line: number): DateRead {
    const cell = parseDate(raw, this.fixedOrder);
    switch (cell.kind) {
      case 'missing':
        return { ok: true, value: null };
      case 'invalid':
        return { ok: false };
      case 'day':
        return { ok: true, value: cell.day };
      case 'pair': {
        this.pairs += 1;
        const evidence = pairEvidence(cell.first, cell.second);
        if (evidence === 'MDY' && this.mdyLine === null) this.mdyLine = line;
        if (evidence === 'DMY' && this.dmyLine === null) this.dmyLine = line;
        return { ok: true, value: { first: cell.first, second: cell.second, year: cell.year } };
      }
    }
  }

  /**
   * Reads one cell as a date code (see NO_DATE, PAIR_CODE), NaN when it is not a date. A pair in
   * a column whose own values already prove its order (a streaming tally: the final order is that
   * one, or the column conflicts and the file is refused) is resolved at once when it is a real
   * date in that order; only the others stay pairs until the end of the file.
   */
  readCode(raw: string, line: number): number {
    const iso = quickIsoDay(raw);
    if (iso === QUICK_INVALID) return NaN;
    if (!Number.isNaN(iso)) return iso;
    const packed = quickSlashPair(raw);
    if (!Number.isNaN(packed)) {
      // parseDate's pair branch, without its regex and objects
      const year = Math.floor(packed / 10_000);
      const first = Math.floor(packed / 100) % 100;
      const second = packed % 100;
      const fixed = this.fixedOrder;
      if (fixed === 'MDY' || fixed === 'DMY') {
        const day = resolvePair(first, second, year, fixed);
        return day === null ? NaN : day;
      }
      if (first > 12 && second > 12) return NaN;
      if (!isValidYmd(year, first, second) && !isValidYmd(year, second, first)) return NaN;
      return this.pair(first, second, year, line);
    }
    const cell = parseDate(raw, this.fixedOrder);
    switch (cell.kind) {
      case 'missing':
        return NO_DATE;
      case 'invalid':
        return NaN;
      case 'day':
        return cell.day;
      case 'pair':
        return this.pair(cell.first, cell.second, cell.year, line);
    }
  }

  /** Tallies a day/month pair read from `line` and returns its code (a day when the column's order is already proven). */
  pair(first: number, second: number, year: number, line: number): number {
    this.pairs += 1;
    const evidence = pairEvidence(first, second);
    if (evidence === 'MDY' && this.mdyLine === null) this.mdyLine = line;
    if (evidence === 'DMY' && this.dmyLine === null) this.dmyLine = line;
    const known = this.mdyLine === null ? (this.dmyLine === null ? null : 'DMY') : this.dmyLine === null ? 'MDY' : null;
    if (known !== null) {
      const day = resolvePair(first, second, year, known);
      if (day !== null) return day;
    }
    return pairCode(first, second, year);
  }

  /** The order this column's own values prove, 'conflict' when they prove both, null when they prove neither. */
  evidence(): DateOrder | 'conflict' | null {
    if (this.mdyLine !== null && this.dmyLine !== null) return 'conflict';
    if (this.mdyLine !== null) return 'MDY';
    if (this.dmyLine !== null) return 'DMY';
    return null;
  }
}

/** Resolves a pending date once the order is known; undefined when the value is not a real date. */
export function settleDate(value: DateValue, order: DateOrder | null): DayNumber | null | undefined {
  if (value === null || typeof value === 'number') return value;
  if (order === null) return undefined;
  const day = resolvePair(value.first, value.second, value.year, order);
  return day === null ? undefined : day;
}

export type AmountRead =
  | { readonly kind: 'missing' }
  | { readonly kind: 'invalid' }
  | { readonly kind: 'ok'; readonly cents: number; readonly ambiguity: AmountAmbiguity; /** As written next to the value ("€", "USD"); absent or null without one. */ readonly currency?: string | null };

/** What an AmountColumn learned from its values, in a form that crosses threads (parallel ranges). */
export interface AmountColumnState {
  decimalCommaLine: number | null;
  decimalPointLine: number | null;
  dot3Line: number | null;
  comma3Line: number | null;
  ambiguous: number;
  dot3Count: number;
  comma3Count: number;
  /** A few "1.250"-style and "1,250"-style values with their lines, for the warning. */
  dot3Examples: { line: number; raw: string }[];
  comma3Examples: { line: number; raw: string }[];
  /**
   * Currencies written in the column's cells ("$", "EUR", "R$"...), keyed by ISO code when the
   * symbol names one (currencyCode) and as written otherwise: values and first line. For
   * multi-currency detection; plain numbers ("12500") name none. At most 50 keys.
   */
  currencies: [string, { count: number; firstLine: number }][];
}

const EXAMPLES = 3;

/**
 * The decimal convention of one amount column, settled from all its values (a streaming tally,
 * like the day/month order of dates): a value that proves a decimal point ("12.50") or a decimal
 * comma ("12,5", "1.250,00") settles it; otherwise the more frequent of the ambiguous forms does
 * ("1.250" read as thousands means a decimal comma, "1,250" as thousands a decimal point), a
 * decimal point on a tie. A column holding both "1.250" and "1,250" is reported whichever way it
 * is settled, with examples and both readings: one of the two groups is wrong either way.
 */
export class AmountColumn implements AmountColumnState {
  decimalCommaLine: number | null = null;
  decimalPointLine: number | null = null;
  /** First "1.250"-style and "1,250"-style values. */
  dot3Line: number | null = null;
  comma3Line: number | null = null;
  ambiguous = 0;
  dot3Count = 0;
  comma3Count = 0;
  dot3Examples: { line: number; raw: string }[] = [];
  comma3Examples: { line: number; raw: string }[] = [];
  private readonly currencyTally = new Map<string, { count: number; firstLine: number }>();

  constructor(readonly header: string) {}

  /** See AmountColumnState.currencies. */
  get currencies(): [string, { count: number; firstLine: number }][] {
    return [...this.currencyTally.entries()].map(([k, v]) => [k, { ...v }]);
  }

  private tallyCurrency(key: string, count: number, line: number): void {
    const seen = this.currencyTally.get(key);
    if (seen) {
      seen.count += count;
      if (line < seen.firstLine) seen.firstLine = line;
    } else if (this.currencyTally.size < 50) this.currencyTally.set(key, { count, firstLine: line });
  }

  /**
   * The fast path of read for the plain and formatted forms ("12500.50", "$12,345.00"): the cents,
   * with the same evidence read would record, or NaN when the cell needs read.
   */
  quick(raw: string, line: number): number {
    const cents = quickMoney(raw);
    if (Number.isNaN(cents)) return NaN;
    if (raw.charCodeAt(0) === 36) this.tallyCurrency('$', 1, line);
    if (this.decimalPointLine === null && raw.indexOf('.') >= 0) this.decimalPointLine = line;
    return cents;
  }

  read(raw: string, line: number): AmountRead {
    const cell = parseAmount(raw);
    if (cell.kind !== 'ok') return cell;
    if (cell.currency !== null) this.tallyCurrency(currencyCode(cell.currency) ?? cell.currency, 1, line);
    if (cell.decimalComma) {
      if (this.decimalCommaLine === null) this.decimalCommaLine = line;
    } else if (cell.ambiguity === 'none' && /^[^.]*\.\d+[^\d.]*$/.test(raw.trim())) {
      // one dot, read as the decimal point and not ambiguous ("12.50", "12,500.00", "1250.000", "0.125")
      if (this.decimalPointLine === null) this.decimalPointLine = line;
    }
    if (cell.ambiguity !== 'none') this.ambiguous += 1;
    if (cell.ambiguity === 'dot3') {
      if (this.dot3Line === null) this.dot3Line = line;
      this.dot3Count += 1;
      if (this.dot3Examples.length < EXAMPLES) this.dot3Examples.push({ line, raw: raw.trim().slice(0, 40) });
    }
    if (cell.ambiguity === 'comma3') {
      if (this.comma3Line === null) this.comma3Line = line;
      this.comma3Count += 1;
      if (this.comma3Examples.length < EXAMPLES) this.comma3Examples.push({ line, raw: raw.trim().slice(0, 40) });
    }
    return cell;
  }

  /**
   * True when the column writes decimals with a comma. A column whose only separators are
   * "1.250"-style dots groups thousands with the dot: amounts with exactly three decimals are not
   * money. See the class comment for a column that holds both ambiguous forms.
   */
  get isDecimalComma(): boolean {
    if (this.decimalPointLine !== null) return false;
    if (this.decimalCommaLine !== null) return true;
    return this.dot3Count > this.comma3Count;
  }

  /** The line that shows the column uses a decimal comma (for the warning), or null. */
  get evidenceLine(): number | null {
    return this.isDecimalComma ? (this.decimalCommaLine ?? this.dot3Line) : null;
  }

  settle(cents: number, ambiguity: AmountAmbiguity): number {
    return this.isDecimalComma ? reinterpretDecimalComma(cents, ambiguity) : cents;
  }

  /** The warning for a column holding both "1.250" and "1,250" (null when it does not). */
  mixedConventionWarning(): { message: string; count: number; lines: number[] } | null {
    if (this.dot3Count === 0 || this.comma3Count === 0) return null;
    const comma = this.isDecimalComma;
    const show = (xs: readonly { line: number; raw: string }[]): string => xs.map((x) => `"${x.raw}" (line ${x.line})`).join(', ');
    const how =
      this.decimalPointLine !== null
        ? `a value with a decimal point on line ${this.decimalPointLine}`
        : this.decimalCommaLine !== null
          ? `a value with a decimal comma on line ${this.decimalCommaLine}`
          : this.dot3Count === this.comma3Count
            ? 'nothing (as many of each form): read with a decimal point, the default'
            : `the more frequent form (${comma ? this.dot3Count : this.comma3Count} of ${this.dot3Count + this.comma3Count})`;
    return {
      message:
        `column "${this.header}" mixes "1.250"-style amounts (${this.dot3Count}, e.g. ${show(this.dot3Examples)}) and "1,250"-style amounts (${this.comma3Count}, e.g. ${show(this.comma3Examples)}): ` +
        `one of the two groups is wrong whichever convention the file uses. Read with a decimal ${comma ? 'comma' : 'point'}, settled by ${how}: ` +
        `"1.250" = ${comma ? '1,250' : '1.25'} and "1,250" = ${comma ? '1.25' : '1,250'}; with a decimal ${comma ? 'point' : 'comma'} they would be ${comma ? '1.25 and 1,250' : '1,250 and 1.25'}. ` +
        'Check the export\'s number format for those rows',
      count: this.dot3Count + this.comma3Count,
      lines: [...this.dot3Examples, ...this.comma3Examples].map((x) => x.line).sort((a, z) => a - z),
    };
  }

  /** This column's tally, for another thread's column of the same file to merge. */
  exportState(): AmountColumnState {
    return {
      decimalCommaLine: this.decimalCommaLine,
      decimalPointLine: this.decimalPointLine,
      dot3Line: this.dot3Line,
      comma3Line: this.comma3Line,
      ambiguous: this.ambiguous,
      dot3Count: this.dot3Count,
      comma3Count: this.comma3Count,
      dot3Examples: this.dot3Examples,
      comma3Examples: this.comma3Examples,
      currencies: this.currencies,
    };
  }

  /** Merges the tally of a later part of the same column (parallel ranges, in file order). */
  mergeState(p: AmountColumnState): void {
    this.decimalCommaLine = minLine(this.decimalCommaLine, p.decimalCommaLine);
    this.decimalPointLine = minLine(this.decimalPointLine, p.decimalPointLine);
    this.dot3Line = minLine(this.dot3Line, p.dot3Line);
    this.comma3Line = minLine(this.comma3Line, p.comma3Line);
    this.ambiguous += p.ambiguous;
    this.dot3Count += p.dot3Count;
    this.comma3Count += p.comma3Count;
    for (const x of p.dot3Examples) if (this.dot3Examples.length < EXAMPLES) this.dot3Examples.push(x);
    for (const x of p.comma3Examples) if (this.comma3Examples.length < EXAMPLES) this.comma3Examples.push(x);
    for (const [key, v] of p.currencies) this.tallyCurrency(key, v.count, v.firstLine);
  }
}

function minLine(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.min(a, b);
}

export class PercentColumn {
  /** A bare value above 1 puts the whole column on a 0–100 scale. */
  isPercentScale = false;

  constructor(readonly header: string) {}

  read(raw: string): { ok: true; value: number | null; hasSign: boolean } | { ok: false } {
    // fast path: plain digits ("70", "100"), what parsePercent reads as that number without a sign
    const n = raw.length;
    if (n > 0 && n <= 15) {
      let value = 0;
      let k = 0;
      for (; k < n; k++) {
        const c = raw.charCodeAt(k);
        if (c < 48 || c > 57) break;
        value = value * 10 + (c - 48);
      }
      if (k === n) {
        if (value > 1) this.isPercentScale = true;
        return { ok: true, value, hasSign: false };
      }
    }
    const cell = parsePercent(raw);
    if (cell.kind === 'missing') return { ok: true, value: null, hasSign: false };
    if (cell.kind === 'invalid') return { ok: false };
    if (!cell.hasSign && cell.value > 1) this.isPercentScale = true;
    return { ok: true, value: cell.value, hasSign: cell.hasSign };
  }
}
