/**
 * Cell parsers: one raw CSV cell in, a typed value (or "missing", or "invalid") out.
 *
 * Pure, allocation-light and locale-free. Blank cells are "missing" before any parsing, so an
 * empty cell can never become 0. Values that are ambiguous on their own (day/month order,
 * "1,250" as thousands or decimals) are returned with the ambiguity recorded; the column-level
 * decision is taken once all values of the column have been seen (see finalize in ingest).
 */
import type { DayNumber } from '../base/model.js';
import { dayFromYmd, isValidYmd } from '../base/time.js';

// ---------------------------------------------------------------- amounts

/**
 * How a lone separator followed by exactly three digits was read:
 * - 'comma3': "1,250" read as 1250 (comma = thousands; in a decimal-comma column it means 1.25)
 * - 'dot3':   "1.250" read as 1.25 (dot = decimal; in a decimal-comma column it means 1250)
 */
export type AmountAmbiguity = 'none' | 'comma3' | 'dot3';

export type AmountCell =
  | { readonly kind: 'missing' }
  | { readonly kind: 'invalid' }
  | {
      readonly kind: 'ok';
      readonly cents: number;
      readonly ambiguity: AmountAmbiguity;
      /** True when the value proves the column writes decimals with a comma ("12.500,00", "1 250,50", "12,5"). */
      readonly decimalComma: boolean;
      /** The currency symbol or ISO code written with the value ("$", "USD", "€", "R$"), as written; null without one. */
      readonly currency: string | null;
    };

export const AMOUNT_EXPECTED =
  'an amount like 12500, 12,500.00, $12,500, € 12.500,00, 141.5K, 1.2M or (1,200) for a negative';

const MISSING: { readonly kind: 'missing' } = { kind: 'missing' };
const INVALID: { readonly kind: 'invalid' } = { kind: 'invalid' };

/**
 * Currency symbols and ISO codes we strip around an amount (and report: see currencyCode). The
 * multi-character dollar forms come first so "R$ 10" is Brazilian reais, not "R" and dollars.
 */
const CURRENCY_PREFIX = /^(?:US\$|CA?\$|AU?\$|NZ\$|HK\$|S\$|MX\$|R\$|[A-Z]{3}(?![A-Za-z])|Fr\.|kr\.?|zł|[$€£¥₹₩₽¢₺₪฿₫₱₦₴])/;
const CURRENCY_SUFFIX = /(?:(?<![A-Za-z])[A-Z]{3}|kr\.?|zł|Fr\.|[$€£¥₹₩₽¢₺₪฿₫₱₦₴])$/;
/** "141.56K", "1.2M", "1.2MM", "3B", "3bn": thousands, millions, billions (finance exports, CRM list views). */
const MAGNITUDE = /(?<=\d)\s?(k|mm|mn|m|bn|b)$/i;
const MAGNITUDE_DIGITS: Readonly<Record<string, number>> = { k: 3, m: 6, mm: 6, mn: 6, b: 9, bn: 9 };
const SPACES = /[\s\u00a0\u2009\u202f']/g;

/** ISO 4217 code for a currency symbol or code as written, null when the symbol is ambiguous ("$", "¥", "kr"). */
export function currencyCode(written: string | null): string | null {
  if (written === null) return null;
  if (/^[A-Z]{3}$/.test(written)) return written;
  return CURRENCY_SYMBOLS[written] ?? null;
}
const CURRENCY_SYMBOLS: Readonly<Record<string, string>> = {
  'US$': 'USD', 'C$': 'CAD', 'CA$': 'CAD', 'A$': 'AUD', 'AU$': 'AUD', 'NZ$': 'NZD', 'HK$': 'HKD', 'S$': 'SGD', 'MX$': 'MXN',
  'R$': 'BRL', '€': 'EUR', '£': 'GBP', '₹': 'INR', '₩': 'KRW', '₽': 'RUB', '₺': 'TRY', '₪': 'ILS', '฿': 'THB', '₫': 'VND',
  '₱': 'PHP', '₦': 'NGN', '₴': 'UAH', 'zł': 'PLN', 'Fr.': 'CHF',
};

/**
 * An amount cell with the currency written next to it: the value in cents and the currency as
 * written and as an ISO code (null when none is written, or the symbol is ambiguous like "$").
 * For multi-currency detection; parseAmount gives the same value.
 */
export function parseMoney(raw: string): { readonly cents: number; readonly currency: string | null; readonly code: string | null } | null {
  const c = parseAmount(raw);
  return c.kind === 'ok' ? { cents: c.cents, currency: c.currency, code: currencyCode(c.currency) } : null;
}

export function parseAmount(raw: string): AmountCell {
  let s = raw.trim();
  if (s === '') return MISSING;
  // Peel the sign, parentheses, currency and a K/M/B magnitude off in any order ("-$1,200",
  // "$-1,200", "($1,200)", "$(1,200)", "(1,200) USD", "1,200.00-", "$141.56K", "1.2M EUR"), each
  // at most once: "--5" and "(-5)" are not amounts.
  let parens = false;
  let sign: '-' | '+' | null = null;
  let currency: string | null = null;
  let magnitude = 0;
  for (;;) {
    let m: RegExpExecArray | null;
    if (!parens && s.startsWith('(') && s.endsWith(')')) {
      parens = true;
      s = s.slice(1, -1).trim();
    } else if (sign === null && (s.startsWith('-') || s.startsWith('+'))) {
      sign = s[0] as '-' | '+';
      s = s.slice(1).trim();
    } else if (sign === null && s.endsWith('-')) {
      sign = '-';
      s = s.slice(0, -1).trim();
    } else if (currency === null && (m = CURRENCY_PREFIX.exec(s)) !== null) {
      currency = m[0];
      s = s.slice(m[0].length).trim();
    } else if (currency === null && (m = CURRENCY_SUFFIX.exec(s)) !== null) {
      currency = m[0];
      s = s.slice(0, s.length - m[0].length).trim();
    } else if (magnitude === 0 && (m = MAGNITUDE.exec(s)) !== null) {
      magnitude = MAGNITUDE_DIGITS[(m[1] as string).toLowerCase()] as number;
      s = s.slice(0, s.length - m[0].length);
    } else break;
  }
  if (parens && sign !== null) return INVALID;
  const negative = parens || sign === '-';
  if (magnitude > 0) return scaledAmount(s, magnitude, negative, currency);
  if (s.includes(' ') || s.includes('\u00a0') || s.includes('\u202f') || s.includes("'")) {
    // spaces or apostrophes may only group thousands: "1 250,50", "1'250.50"
    if (!/^\d{1,3}(?:[\s\u00a0\u2009\u202f']\d{3})+(?:[.,]\d+)?$/.test(s)) return INVALID;
    s = s.replace(SPACES, '');
    const sep = s.includes(',') ? ',' : s.includes('.') ? '.' : null;
    return finishAmount(s, sep, negative, 'none', sep === ',', currency);
  }
  if (s === '' || !/^[\d.,]+$/.test(s)) {
    // Excel sometimes writes large amounts in scientific notation.
    if (/^\d+(?:\.\d+)?[eE][+-]?\d+$/.test(s)) {
      const v = Number(s);
      // same ceiling as written-out amounts (13 integer digits), so cents stay exact
      return Number.isFinite(v) && v < 1e13 ? ok(Math.round(v * 100) * (negative ? -1 : 1), 'none', false, currency) : INVALID;
    }
    return INVALID;
  }
  if (!/^\d/.test(s) && !/^[.,]\d/.test(s)) return INVALID;
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0) {
    // both present: the last one is the decimal separator, the other groups thousands
    const decimal = lastDot > lastComma ? '.' : ',';
    const group = decimal === '.' ? ',' : '.';
    const intPart = s.slice(0, Math.max(lastDot, lastComma));
    if (intPart.includes(decimal) || !validGrouping(intPart, group)) return INVALID;
    return finishAmount(s.split(group).join(''), decimal, negative, 'none', decimal === ',', currency);
  }
  const sep = lastDot >= 0 ? '.' : lastComma >= 0 ? ',' : null;
  if (sep === null) return finishAmount(s, null, negative, 'none', false, currency);
  const count = s.split(sep).length - 1;
  if (count > 1) {
    // several of the same separator: they group thousands ("1,250,000", "1.250.000")
    if (!validGrouping(s, sep)) return INVALID;
    return finishAmount(s.split(sep).join(''), null, negative, 'none', false, currency);
  }
  const idx = s.indexOf(sep);
  const intDigits = idx;
  const fracDigits = s.length - idx - 1;
  if (fracDigits === 3 && intDigits >= 1 && intDigits <= 3 && !s.startsWith('0')) {
    // "1,250" or "1.250": thousands in one convention, decimals in the other.
    // ("0.125" cannot be grouped thousands, so it is a plain decimal below.)
    if (sep === ',') return finishAmount(s.replace(',', ''), null, negative, 'comma3', false, currency);
    // "1.255" is not money with a decimal point (cents have two digits): the dot groups thousands,
    // which proves a decimal-comma column. Only a zero third digit ("1.250") stays ambiguous, and
    // that reading is exact either way, so the column can re-read it without rounding loss.
    if (!s.endsWith('0')) return finishAmount(s.replace('.', ''), null, negative, 'none', true, currency);
    return finishAmount(s, '.', negative, 'dot3', false, currency);
  }
  if (fracDigits === 0) return INVALID;
  return finishAmount(s, sep, negative, 'none', sep === ',', currency);
}

/**
 * "141.56" with K (3 digits): the number before a K/M/B suffix, in the forms people write them:
 * "1.2", "1,250.5" (grouped with a decimal point) or "1,5" (a decimal comma with one or two
 * digits). A value never ambiguous: "1,250K" is 1,250 thousand.
 */
function scaledAmount(s: string, digits: number, negative: boolean, currency: string | null): AmountCell {
  let intStr: string;
  let fracStr = '';
  let decimalComma = false;
  let m: RegExpExecArray | null;
  if ((m = /^(\d+)(?:\.(\d+))?$/.exec(s)) !== null || (m = /^(\d{1,3}(?:,\d{3})+)(?:\.(\d+))?$/.exec(s)) !== null) {
    intStr = (m[1] as string).replace(/,/g, '');
    fracStr = m[2] ?? '';
  } else if ((m = /^(\d+),(\d{1,2})$/.exec(s)) !== null) {
    intStr = m[1] as string;
    fracStr = m[2] as string;
    decimalComma = true;
  } else return INVALID;
  // shift the decimal point by the magnitude, then by 2 for cents; round half away from zero on what is left
  const all = intStr + fracStr;
  const point = intStr.length + digits + 2;
  const whole = (all + '0'.repeat(Math.max(0, point - all.length))).slice(0, point).replace(/^0+(?=\d)/, '');
  if (whole.length > 15) return INVALID; // beyond 10^13 currency units, as written-out amounts
  let cents = Number(whole);
  if (all.length > point && Number(all[point]) >= 5) cents += 1;
  return ok(negative && cents !== 0 ? -cents : cents, 'none', decimalComma, currency);
}

function validGrouping(intPart: string, group: string): boolean {
  const parts = intPart.split(group);
  if (parts.length === 1) return /^\d+$/.test(intPart);
  const [first, ...rest] = parts;
  if (first === undefined || !/^\d{1,3}$/.test(first)) return false;
  return rest.every((p) => /^\d{3}$/.test(p));
}

function finishAmount(
  digits: string,
  decimal: string | null,
  negative: boolean,
  ambiguity: AmountAmbiguity,
  decimalComma: boolean,
  currency: string | null,
): AmountCell {
  let intStr = digits;
  let fracStr = '';
  if (decimal !== null) {
    const i = digits.lastIndexOf(decimal);
    if (i >= 0) {
      intStr = digits.slice(0, i);
      fracStr = digits.slice(i + 1);
    }
  }
  if (intStr === '') intStr = '0';
  if (!/^\d+$/.test(intStr) || (fracStr !== '' && !/^\d+$/.test(fracStr))) return INVALID;
  if (intStr.length > 13) return INVALID; // beyond 10^13 currency units: not an amount, and unsafe as cents
  let cents = Number(intStr) * 100;
  if (fracStr !== '') {
    const two = Number((fracStr + '00').slice(0, 2));
    const rest = fracStr.length > 2 ? Number(fracStr[2]) : 0;
    cents += two + (rest >= 5 ? 1 : 0); // round half away from zero on the third decimal
  }
  return ok(negative && cents !== 0 ? -cents : cents, ambiguity, decimalComma, currency);
}

function ok(cents: number, ambiguity: AmountAmbiguity, decimalComma: boolean, currency: string | null): AmountCell {
  return { kind: 'ok', cents, ambiguity, decimalComma, currency };
}

/** Re-reads an ambiguous amount in a column that turned out to write decimals with a comma. */
export function reinterpretDecimalComma(cents: number, ambiguity: AmountAmbiguity): number {
  if (ambiguity === 'comma3') return Math.round(cents / 1000); // "1,250" = 1.25, not 1250
  if (ambiguity === 'dot3') return cents * 1000; // "1.250" = 1250, not 1.25
  return cents;
}

/**
 * Fast path for the common plain forms "12500", "12500.5", "12500.50": the amount in cents, or
 * NaN when the cell needs the full parser (anything else, including the ambiguous "1.250").
 * Allocation-free; gives the same result as parseAmount wherever it answers.
 */
export function quickCents(s: string): number {
  const n = s.length;
  if (n === 0 || n > 16) return NaN;
  let cents = 0;
  let frac = -1;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      cents = cents * 10 + (c - 48);
      if (frac >= 0) frac += 1;
    } else if (c === 46 && frac < 0 && i > 0) frac = 0;
    else return NaN;
  }
  if ((frac === -1 ? n : n - frac - 1) > 13) return NaN; // beyond parseAmount's ceiling: let it refuse
  if (frac === -1) return cents * 100;
  if (frac === 1) return cents * 10;
  if (frac === 2) return cents;
  return NaN;
}

/**
 * Fast path for the formatted amounts CRM reports write ("$12,345.00", "12,345.5", "$1,234,567",
 * "$12345"): an optional "$", digits grouped by commas in threes (or not grouped), an optional
 * decimal point with one or two digits. The amount in cents, or NaN when the cell needs the full
 * parser (a lone "1,250" is ambiguous, a trailing or third decimal, spaces, signs, other
 * currencies...). Allocation-free; gives the same cents as parseAmount wherever it answers, which
 * reads the "$" as the currency "$" (no ISO code).
 */
export function quickMoney(s: string): number {
  const n = s.length;
  let i = n > 0 && s.charCodeAt(0) === 36 ? 1 : 0;
  if (n === i || n > 24) return NaN;
  let value = 0;
  let digits = 0;
  let commas = 0;
  /** Digits since the last comma. */
  let group = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
      digits += 1;
      group += 1;
    } else if (c === 44) {
      if (commas === 0 ? group < 1 || group > 3 : group !== 3) return NaN;
      commas += 1;
      group = 0;
    } else if (c === 46) break;
    else return NaN;
  }
  if ((commas > 0 && group !== 3) || digits === 0 || digits > 13) return NaN;
  let cents = value * 100;
  if (i < n) {
    const frac = n - i - 1;
    const d1 = frac >= 1 ? s.charCodeAt(i + 1) - 48 : -1;
    const d2 = frac === 2 ? s.charCodeAt(i + 2) - 48 : 0;
    if (frac < 1 || frac > 2 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return NaN;
    cents += d1 * 10 + d2;
  } else if (commas === 1) return NaN; // "1,250": thousands or a decimal comma, the column decides
  return cents;
}

// ---------------------------------------------------------------- dates

/**
 * Fast path for "YYYY-MM-DD", "YYYY-MM-DD HH:mm" and "YYYY-MM-DD HH:mm:ss" (space or T): the day
 * number, NaN when the cell needs the full parser, -1e9 when it is a well-formed but impossible date.
 */
export const QUICK_INVALID = -1e9;
export function quickIsoDay(s: string): number {
  const n = s.length;
  if (n !== 10 && n !== 16 && n !== 19) return NaN;
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return NaN;
  if (n > 10) {
    const sep = s.charCodeAt(10);
    if ((sep !== 32 && sep !== 84) || s.charCodeAt(13) !== 58 || (n === 19 && s.charCodeAt(16) !== 58)) return NaN;
    for (const i of n === 16 ? TIME16 : TIME19) {
      const c = s.charCodeAt(i);
      if (c < 48 || c > 57) return NaN;
    }
  }
  let year = 0;
  for (let i = 0; i < 4; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    year = year * 10 + c;
  }
  const m1 = s.charCodeAt(5) - 48;
  const m2 = s.charCodeAt(6) - 48;
  const d1 = s.charCodeAt(8) - 48;
  const d2 = s.charCodeAt(9) - 48;
  if (m1 < 0 || m1 > 9 || m2 < 0 || m2 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return NaN;
  const month = m1 * 10 + m2;
  const day = d1 * 10 + d2;
  return isValidYmd(year, month, day) ? dayFromYmd(year, month, day) : QUICK_INVALID;
}
const TIME16 = [11, 12, 14, 15];

/**
 * Fast path for "3/31/2025" and "31-03-2025" (one or two digits, the same separator twice, a
 * four-digit year, nothing else): the two numbers and the year packed as year × 10,000 + first ×
 * 100 + second, NaN when the cell needs the full parser. Whether it is a date, and in which order,
 * is parseDate's pair logic (DateColumn.readCode applies it).
 */
export function quickSlashPair(s: string): number {
  const n = s.length;
  if (n < 8 || n > 10) return NaN;
  let i = 0;
  let first = 0;
  let c = s.charCodeAt(i) - 48;
  if (c < 0 || c > 9) return NaN;
  first = c;
  c = s.charCodeAt(++i) - 48;
  if (c >= 0 && c <= 9) {
    first = first * 10 + c;
    i += 1;
  }
  const sep = s.charCodeAt(i);
  if (sep !== 47 && sep !== 45) return NaN;
  c = s.charCodeAt(++i) - 48;
  if (c < 0 || c > 9) return NaN;
  let second = c;
  c = s.charCodeAt(++i) - 48;
  if (c >= 0 && c <= 9) {
    second = second * 10 + c;
    i += 1;
  }
  if (s.charCodeAt(i) !== sep || n - i - 1 !== 4) return NaN;
  let year = 0;
  for (let k = i + 1; k < n; k++) {
    c = s.charCodeAt(k) - 48;
    if (c < 0 || c > 9) return NaN;
    year = year * 10 + c;
  }
  return year * 10_000 + first * 100 + second;
}
const TIME19 = [11, 12, 14, 15, 17, 18];

export type DateOrder = 'MDY' | 'DMY';

export type DateCell =
  | { readonly kind: 'missing' }
  | { readonly kind: 'invalid' }
  | { readonly kind: 'day'; readonly day: DayNumber }
  /** "03/04/2025": two numbers whose order the column decides. */
  | { readonly kind: 'pair'; readonly first: number; readonly second: number; readonly year: number };

export const DATE_EXPECTED =
  'a date like 2025-03-31, 2025-03-31 14:05, 3/31/2025, 31/03/2025, 31.03.2025, 31 Mar 2025 or an Excel serial number';

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11,
  november: 11, dec: 12, december: 12,
};

const ISO = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:$|[T\s])/;
const PAIR = /^(\d{1,2})([/\-.])(\d{1,2})\2(\d{4}|\d{2})(?:$|[T\s,])/;
const DAY_MONTH_NAME = /^(\d{1,2})[\s-]([A-Za-z]{3,9})\.?[\s-,]+(\d{4})(?:$|\s)/;
const MONTH_NAME_DAY = /^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})(?:$|\s)/;
const SERIAL = /^\d{5}(?:\.\d+)?$/;
/** Excel's day 25569 is 1970-01-01 (the 1900 date system, with its leap-year bug before March 1900). */
const EXCEL_EPOCH_OFFSET = 25569;

export function parseDate(raw: string, fixedOrder?: 'MDY' | 'DMY' | 'YMD'): DateCell {
  const s = raw.trim();
  if (s === '') return MISSING;
  let m = ISO.exec(s);
  if (m) {
    if (!validTail(s, m[0].length)) return INVALID;
    return dayOrInvalid(Number(m[1]), Number(m[2]), Number(m[3]));
  }
  m = PAIR.exec(s);
  if (m) {
    if (!validTail(s, m[0].length)) return INVALID;
    const first = Number(m[1]);
    const second = Number(m[3]);
    const year = expandYear(m[4] as string);
    if (m[2] === '.') return dayOrInvalid(year, second, first); // dotted dates are day-first everywhere
    if (fixedOrder === 'MDY') return dayOrInvalid(year, first, second);
    if (fixedOrder === 'DMY') return dayOrInvalid(year, second, first);
    if (first > 12 && second > 12) return INVALID;
    if (!isValidYmd(year, first, second) && !isValidYmd(year, second, first)) return INVALID;
    return { kind: 'pair', first, second, year };
  }
  m = DAY_MONTH_NAME.exec(s);
  if (m) {
    const month = MONTHS[(m[2] as string).toLowerCase()];
    return month ? dayOrInvalid(Number(m[3]), month, Number(m[1])) : INVALID;
  }
  m = MONTH_NAME_DAY.exec(s);
  if (m) {
    const month = MONTHS[(m[1] as string).toLowerCase()];
    return month ? dayOrInvalid(Number(m[3]), month, Number(m[2])) : INVALID;
  }
  if (SERIAL.test(s)) {
    const serial = Math.floor(Number(s));
    // 1954..2119: the range where a five-digit number in a date column is surely a serial
    if (serial >= 20000 && serial <= 80000) return { kind: 'day', day: serial - EXCEL_EPOCH_OFFSET };
  }
  return INVALID;
}

/** What may follow a date: nothing, or a time of day (optionally seconds, fraction, AM/PM, zone). */
function validTail(s: string, consumed: number): boolean {
  if (consumed >= s.length) return true;
  const tail = s.slice(consumed - 1).trim().replace(/^[T,]/, '').trim();
  return tail === '' || /^\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[AaPp][Mm])?\s*(?:Z|[+-]\d{2}:?\d{2}|UTC|GMT)?$/.test(tail);
}

function expandYear(y: string): number {
  if (y.length === 4) return Number(y);
  const n = Number(y);
  return n < 70 ? 2000 + n : 1900 + n; // "24" is 2024; "99" is 1999 (the POSIX pivot)
}

function dayOrInvalid(year: number, month: number, day: number): DateCell {
  return isValidYmd(year, month, day) ? { kind: 'day', day: dayFromYmd(year, month, day) } : INVALID;
}

/** Resolves a day/month pair once the column's order is known; null when not a real date in that order. */
export function resolvePair(first: number, second: number, year: number, order: DateOrder): DayNumber | null {
  const month = order === 'MDY' ? first : second;
  const day = order === 'MDY' ? second : first;
  return isValidYmd(year, month, day) ? dayFromYmd(year, month, day) : null;
}

/** What one pair value says about its column's order: 'MDY' or 'DMY' when it proves it, null when either would do. */
export function pairEvidence(first: number, second: number): DateOrder | null {
  if (first > 12) return 'DMY';
  if (second > 12) return 'MDY';
  return null;
}

/** A spend period: "2025-03" (a month) or any date. Returns the first day of the period. */
export function parsePeriod(raw: string, fixedOrder?: 'MDY' | 'DMY' | 'YMD'): DateCell {
  const s = raw.trim();
  const m = /^(\d{4})[-/](\d{1,2})$/.exec(s);
  if (m) return dayOrInvalid(Number(m[1]), Number(m[2]), 1);
  const m2 = /^([A-Za-z]{3,9})[\s-]+(\d{4})$/.exec(s); // "Mar 2025"
  if (m2) {
    const month = MONTHS[(m2[1] as string).toLowerCase()];
    return month ? dayOrInvalid(Number(m2[2]), month, 1) : INVALID;
  }
  return parseDate(s, fixedOrder);
}

// ---------------------------------------------------------------- percentages, counts, booleans

export type PercentCell =
  | { readonly kind: 'missing' }
  | { readonly kind: 'invalid' }
  /** `value` is as written (45 for "45" or "45%", 0.45 for "0.45"); `hasSign` tells whether a % was written. */
  | { readonly kind: 'ok'; readonly value: number; readonly hasSign: boolean };

export const PERCENT_EXPECTED = 'a percentage like 45%, 45 or 0.45';

export function parsePercent(raw: string): PercentCell {
  let s = raw.trim();
  if (s === '') return MISSING;
  let hasSign = false;
  if (s.endsWith('%')) {
    hasSign = true;
    s = s.slice(0, -1).trim();
  }
  if (/^-?\d+,\d+$/.test(s)) s = s.replace(',', '.');
  if (!/^-?(?:\d+\.?\d*|\.\d+)$/.test(s)) return INVALID;
  const value = Number(s);
  return Number.isFinite(value) ? { kind: 'ok', value, hasSign } : INVALID;
}

/**
 * Turns the values of a percentage column into fractions. A value written with % is always
 * divided by 100; bare values are divided by 100 when any bare value in the column exceeds 1
 * (the column is on a 0–100 scale), otherwise they are already fractions.
 */
export function percentToFraction(cell: { value: number; hasSign: boolean }, columnIsPercentScale: boolean): number {
  return cell.hasSign || columnIsPercentScale ? cell.value / 100 : cell.value;
}

export type CountCell = { readonly kind: 'missing' } | { readonly kind: 'invalid' } | { readonly kind: 'ok'; readonly value: number };

export const COUNT_EXPECTED = 'a whole number like 120 or 1,200';

export function parseCount(raw: string): CountCell {
  const s = raw.trim();
  if (s === '') return MISSING;
  const compact = /^\d{1,3}(?:,\d{3})+$/.test(s) ? s.replace(/,/g, '') : s;
  if (!/^\d+(?:\.0+)?$/.test(compact)) return INVALID;
  return { kind: 'ok', value: Number(compact) };
}

const TRUE_WORDS = new Set(['true', '1', 'yes', 'y', 't', 'x', 'won', 'closed', 'checked']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'n', 'f', '', 'open', 'unchecked']);

/** Salesforce-style flags: TRUE/FALSE, 1/0 (and blank = false, as Data Loader writes it). */
export function parseFlag(raw: string): boolean | 'invalid' {
  const s = raw.trim().toLowerCase();
  if (TRUE_WORDS.has(s)) return true;
  if (FALSE_WORDS.has(s)) return false;
  return 'invalid';
}

/** Header or value key: case, spacing and punctuation ignored ("Deal Stage" ~ "deal_stage" ~ "dealstage"); one rule, in base/identity. */
export { normalizeKey } from '../base/identity.js';
