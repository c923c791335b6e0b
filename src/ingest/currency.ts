/**
 * Amounts in another currency than the company's, for deals and spend alike: the base currency,
 * the rate (config fxRates: one per currency, or one per currency and month), and the notes that
 * say what was converted and what was left out (currency, rows, lines and amount). Never summed as
 * if one currency. Pure.
 */
import type { FxRates } from '../config/schema.js';
import type { IngestWarning } from '../base/model.js';
import { isoFromDay } from '../base/time.js';
import { currencyCode } from './cells.js';
import { formatDecimal } from '../base/format.js';

/** A currency cell or header as an ISO code: "eur " -> "EUR", "€" -> "EUR" (cells.currencyCode), else as written in capitals; blank -> null. */
export function currencyOfCell(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const c = raw.trim();
  if (c === '') return null;
  return currencyCode(c.toUpperCase()) ?? currencyCode(c) ?? c.toUpperCase();
}

/** Company-currency units per unit of `code`: its rate, or its rate for `day`'s month; null without one. */
export function fxRate(rates: FxRates, code: string, day: number | null): number | null {
  const r = rates[code];
  if (r === undefined) return null;
  if (typeof r === 'number') return r;
  return day === null ? null : (r[isoFromDay(day).slice(0, 7)] ?? null);
}

/**
 * The currency amounts are summed in: company.currency, else the only one the rows state, else the
 * most frequent (ties: alphabetical), with a note saying so. null when no row states a currency.
 */
export function baseCurrency(
  company: string | null | undefined,
  counts: ReadonlyMap<string, number>,
  rowsNoun: string,
): { readonly base: string | null; readonly note: IngestWarning | null } {
  if (company) return { base: company, note: null };
  if (counts.size === 0) return { base: null, note: null };
  const base = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
  if (counts.size === 1) return { base, note: null };
  return {
    base,
    note: {
      code: 'currency_assumed',
      message: `company.currency is not set: ${base}, the currency of most ${rowsNoun}, is taken as the company currency; set "company": {"currency": "…"} in revhealth.config.json to choose`,
    },
  };
}

/** Rows converted and rows left out, per currency; then the notes. */
export class CurrencyTally {
  private readonly converted = new Map<string, number>();
  private readonly unrated = new Map<string, { rows: number; cents: number; lines: number[] }>();

  constructor(private readonly rates: FxRates) {}

  /** The rate for a row in `code` dated `day` (counted as converted), or null (count it with leftOut). */
  rate(code: string, day: number | null): number | null {
    const r = fxRate(this.rates, code, day);
    if (r !== null) this.converted.set(code, (this.converted.get(code) ?? 0) + 1);
    return r;
  }

  leftOut(code: string, cents: number, line: number): void {
    const k = this.unrated.get(code) ?? { rows: 0, cents: 0, lines: [] };
    k.rows += 1;
    k.cents += cents;
    if (k.lines.length < 5) k.lines.push(line);
    this.unrated.set(code, k);
  }

  /**
   * currency_converted and currency_without_rate notes, by currency. `noun` names the rows
   * ("deal(s)", "spend row(s)"); `leftOutMeans` says what happened to the rows without a rate.
   */
  notes(base: string, noun: string, leftOutMeans: string): IngestWarning[] {
    const out: IngestWarning[] = [];
    for (const [c, rows] of [...this.converted.entries()].sort()) {
      const r = this.rates[c];
      out.push({ code: 'currency_converted', message: `${rows} ${noun} in ${c} converted to ${base} at ${typeof r === 'number' ? r : 'the monthly rates'} (fxRates in the config)`, count: rows });
    }
    for (const [c, k] of [...this.unrated.entries()].sort()) {
      out.push({
        code: 'currency_without_rate',
        message:
          `${k.rows} ${noun} in ${c} (lines ${k.lines.join(', ')}${k.rows > k.lines.length ? ', …' : ''}; ${formatDecimal(k.cents / 100, 2)} ${c} in all) have no rate into ${base}: ` +
          `${leftOutMeans}. Add a rate, e.g. "fxRates": {"${c}": 1.0} in revhealth.config.json`,
        count: k.rows,
        lines: k.lines,
      });
    }
    return out;
  }
}
