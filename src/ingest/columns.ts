/**
 * Column-level decisions that need every value of a column: day/month order, decimal comma,
 * percentage scale. Row builders feed cells in as they stream; `finish` settles the column.
 */
import type { DayNumber } from '../model.js';
import {
  parseAmount,
  parseDate,
  parsePercent,
  pairEvidence,
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
  | { readonly kind: 'ok'; readonly cents: number; readonly ambiguity: AmountAmbiguity };

export class AmountColumn {
  decimalCommaLine: number | null = null;
  decimalPointLine: number | null = null;
  /** First "1.250"-style and "1,250"-style values. */
  dot3Line: number | null = null;
  comma3Line: number | null = null;
  ambiguous = 0;

  constructor(readonly header: string) {}

  read(raw: string, line: number): AmountRead {
    const cell = parseAmount(raw);
    if (cell.kind !== 'ok') return cell;
    if (cell.decimalComma) {
      if (this.decimalCommaLine === null) this.decimalCommaLine = line;
    } else if (cell.ambiguity === 'none' && /^[^.]*\.\d+[^\d.]*$/.test(raw.trim())) {
      // one dot, read as the decimal point and not ambiguous ("12.50", "12,500.00", "1250.000", "0.125")
      if (this.decimalPointLine === null) this.decimalPointLine = line;
    }
    if (cell.ambiguity !== 'none') this.ambiguous += 1;
    if (cell.ambiguity === 'dot3' && this.dot3Line === null) this.dot3Line = line;
    if (cell.ambiguity === 'comma3' && this.comma3Line === null) this.comma3Line = line;
    return cell;
  }

  /**
   * True when the column writes decimals with a comma (and nothing in it contradicts that).
   * A column whose only separators are "1.250"-style dots (no "12.50", no "1,250") groups
   * thousands with the dot too: amounts with exactly three decimals are not money.
   */
  get isDecimalComma(): boolean {
    if (this.decimalPointLine !== null) return false;
    return this.decimalCommaLine !== null || (this.dot3Line !== null && this.comma3Line === null);
  }

  /** The line that shows the column uses a decimal comma (for the warning), or null. */
  get evidenceLine(): number | null {
    return this.isDecimalComma ? (this.decimalCommaLine ?? this.dot3Line) : null;
  }

  settle(cents: number, ambiguity: AmountAmbiguity): number {
    return this.isDecimalComma ? reinterpretDecimalComma(cents, ambiguity) : cents;
  }
}

export class PercentColumn {
  /** A bare value above 1 puts the whole column on a 0–100 scale. */
  isPercentScale = false;

  constructor(readonly header: string) {}

  read(raw: string): { ok: true; value: number | null; hasSign: boolean } | { ok: false } {
    const cell = parsePercent(raw);
    if (cell.kind === 'missing') return { ok: true, value: null, hasSign: false };
    if (cell.kind === 'invalid') return { ok: false };
    if (!cell.hasSign && cell.value > 1) this.isPercentScale = true;
    return { ok: true, value: cell.value, hasSign: cell.hasSign };
  }
}
