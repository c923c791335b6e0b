import { describe, expect, it } from 'vitest';
import {
  currencyCode,
  normalizeKey,
  pairEvidence,
  parseAmount,
  parseCount,
  parseDate,
  parseFlag,
  parseMoney,
  parsePercent,
  parsePeriod,
  percentToFraction,
  reinterpretDecimalComma,
  resolvePair,
  type AmountAmbiguity,
  type DateCell,
} from '../../src/ingest/cells.js';
import { dayFromYmd, isoFromDay } from '../../src/base/time.js';

const NBSP = '\u00a0';
const NNBSP = '\u202f';

/** An amount cell as a comparable value: cents, or the kind when not ok. */
function amount(raw: string): number | 'missing' | 'invalid' {
  const c = parseAmount(raw);
  return c.kind === 'ok' ? c.cents : c.kind;
}

/** A date cell as a comparable value: ISO date, "pair a/b/yyyy", or the kind. */
function date(raw: string, order?: 'MDY' | 'DMY' | 'YMD'): string {
  return show(parseDate(raw, order));
}

function show(c: DateCell): string {
  if (c.kind === 'day') return isoFromDay(c.day);
  if (c.kind === 'pair') return `pair ${c.first}/${c.second}/${c.year}`;
  return c.kind;
}

describe('parseAmount', () => {
  it.each<[string, number | 'missing' | 'invalid']>([
    // plain and US grouping
    ['12500', 1_250_000],
    ['12,500.00', 1_250_000],
    ['1,250,000', 125_000_000],
    ['1,234,567.89', 123_456_789],
    ['0', 0],
    ['0.5', 50],
    ['.5', 50],
    ['+5', 500],
    // EU grouping and decimal comma
    ['12.500,00', 1_250_000],
    ['12.345.678,9', 1_234_567_890],
    ['1.250.000', 125_000_000],
    ['12,5', 1_250],
    ['1.250,5', 125_050],
    // currency symbols and ISO codes, before or after, with or without a space
    ['$12,500', 1_250_000],
    ['€ 12.500,00', 1_250_000],
    ['12.500,00 €', 1_250_000],
    ['£1,000.00', 100_000],
    ['¥100', 10_000],
    ['US$ 100', 10_000],
    ['USD 12,500.00', 1_250_000],
    ['12,500.00 USD', 1_250_000],
    ['100 EUR', 10_000],
    // negatives: parentheses, leading minus, trailing minus, minus on either side of the symbol
    ['(1,200)', -120_000],
    ['($1,200.00)', -120_000],
    ['$(1,200.00)', -120_000],
    ['(1,200.00) USD', -120_000],
    ['-1,200.50', -120_050],
    ['-$1,200.50', -120_050],
    ['$-1,200.50', -120_050],
    ['1,250.00-', -125_000],
    ['-0', 0],
    ['(0)', 0],
    // spaces, NBSP, narrow NBSP and apostrophes group thousands
    ['1 250,50', 125_050],
    [`1${NBSP}250,50`, 125_050],
    [`1${NNBSP}250`, 125_000],
    ['1 250 000', 125_000_000],
    ['12 500.5', 1_250_050],
    ["1'250.50", 125_050],
    ["CHF 1'250.50", 125_050],
    ['$ 1 250', 125_000],
    // rounding to cents: half away from zero on the third decimal
    ['1234.565', 123_457],
    ['1234.564', 123_456],
    ['-1234.565', -123_457],
    ['1,234,567.891', 123_456_789],
    ['0.125', 13],
    ['0,125', 13],
    // Excel's scientific notation
    ['1.5E+7', 1_500_000_000],
    ['1e6', 100_000_000],
    // the largest accepted amount, and beyond
    ['9999999999999', 999_999_999_999_900],
    ['99999999999999', 'invalid'],
    ['1e20', 'invalid'],
    // blank is missing, never 0
    ['', 'missing'],
    ['   ', 'missing'],
    [NBSP, 'missing'],
    // not amounts
    ['12abc', 'invalid'],
    ['abc', 'invalid'],
    ['1,2,3', 'invalid'],
    ['1,25,000', 'invalid'],
    ['--5', 'invalid'],
    ['(-5)', 'invalid'],
    ['-(5)', 'invalid'],
    ['+-5', 'invalid'],
    ['$', 'invalid'],
    ['USD', 'invalid'],
    ['12.', 'invalid'],
    ['1,250.5.', 'invalid'],
    ['1.250.5', 'invalid'],
    ['1  250', 'invalid'],
    ['1,250 000', 'invalid'],
    ['12-5', 'invalid'],
    ['N/A', 'invalid'],
  ])('%j -> %j', (raw, expected) => {
    expect(amount(raw)).toBe(expected);
  });

  it.each<[string, AmountAmbiguity, boolean]>([
    // [raw, ambiguity, proves decimal comma]
    ['1,250', 'comma3', false],
    ['$12,500', 'comma3', false],
    ['(1,200)', 'comma3', false],
    ['1.250', 'dot3', false],
    ['€ 125.000', 'dot3', false],
    ['12,500.00', 'none', false],
    ['1,250,000', 'none', false],
    ['12.500,00', 'none', true],
    ['1 250,50', 'none', true],
    ['12,5', 'none', true],
    ['12500', 'none', false],
    // a leading zero group is never thousands
    ['0.125', 'none', false],
    ['0,125', 'none', true],
    // a non-zero third decimal is not money: the dot groups thousands
    ['1.255', 'none', true],
  ])('%j has ambiguity %s, decimal comma %s', (raw, ambiguity, decimalComma) => {
    const c = parseAmount(raw);
    expect(c).toMatchObject({ kind: 'ok', ambiguity, decimalComma });
  });

  it('reads "1.255" as 1255 (grouped), not 1.26', () => {
    expect(amount('1.255')).toBe(125_500);
    expect(amount('€ 12.345')).toBe(1_234_500);
  });

  it('reads the ambiguous forms with the US convention until the column says otherwise', () => {
    expect(amount('1,250')).toBe(125_000);
    expect(amount('1.250')).toBe(125);
  });

  it.each<[number, AmountAmbiguity, number]>([
    [125_000, 'comma3', 125], // "1,250" -> 1.25
    [125_500, 'comma3', 126], // "1,255" -> 1.255 -> 1.26
    [125, 'dot3', 125_000], // "1.250" -> 1250
    [-120_000, 'comma3', -120], // "(1,200)" -> -1.20
    [1_250_050, 'none', 1_250_050],
  ])('reinterpretDecimalComma(%d, %s) = %d', (cents, ambiguity, expected) => {
    expect(reinterpretDecimalComma(cents, ambiguity)).toBe(expected);
  });
});

describe('parseDate', () => {
  it.each<[string, string]>([
    // ISO, with time, with zone
    ['2025-03-31', '2025-03-31'],
    ['2025-3-1', '2025-03-01'],
    ['2025/03/31', '2025-03-31'],
    ['2025-03-31 14:05', '2025-03-31'],
    ['2025-03-31 14:05:59', '2025-03-31'],
    ['2025-03-31T14:05:59Z', '2025-03-31'],
    ['2025-03-31T14:05:59+02:00', '2025-03-31'],
    ['2024-01-22T16:14:25.000+0000', '2024-01-22'], // Salesforce Data Loader
    ['2025-03-31 14:05 UTC', '2025-03-31'],
    ['  2025-03-31  ', '2025-03-31'],
    ['2024-02-29', '2024-02-29'],
    // slash pairs: the column decides
    ['3/31/2025', 'pair 3/31/2025'],
    ['31/3/2025', 'pair 31/3/2025'],
    ['03/04/2025', 'pair 3/4/2025'],
    ['3-31-2025', 'pair 3/31/2025'],
    ['31/03/2025 14:05:00', 'pair 31/3/2025'],
    ['3/31/2025, 2:05 PM', 'pair 3/31/2025'],
    // two-digit years and 12-hour times (Salesforce dev-org export)
    ['02/03/24', 'pair 2/3/2024'],
    ['02/23/26 08:55 PM', 'pair 2/23/2026'],
    ['2/23/26 8:55 am', 'pair 2/23/2026'],
    ['1/1/99', 'pair 1/1/1999'],
    // dotted dates are day-first everywhere
    ['31.03.2025', '2025-03-31'],
    ['1.2.2025', '2025-02-01'],
    ['01.02.25', '2025-02-01'],
    ['31.03.2025 14:05', '2025-03-31'],
    // month names
    ['31 Mar 2025', '2025-03-31'],
    ['31-Mar-2025', '2025-03-31'],
    ['31 March, 2025', '2025-03-31'],
    ['Mar 31, 2025', '2025-03-31'],
    ['March 31 2025', '2025-03-31'],
    ['Sept 5, 2025', '2025-09-05'],
    // Excel serial numbers (1900 date system)
    ['45747', '2025-03-31'],
    ['45747.5', '2025-03-31'],
    ['25569', '1970-01-01'],
    // invalid
    ['2025-02-30', 'invalid'],
    ['2023-02-29', 'invalid'],
    ['2025-13-01', 'invalid'],
    ['13/13/2025', 'invalid'],
    ['2/30/2025', 'invalid'],
    ['29/02/2023', 'invalid'],
    ['00/01/2025', 'invalid'],
    ['31.02.2025', 'invalid'],
    ['5 Foo 2025', 'invalid'],
    ['2025-03-31 garbage', 'invalid'],
    ['2025-03-31 14:05 nonsense', 'invalid'],
    ['garbage', 'invalid'],
    ['12345', 'invalid'], // a five-digit number outside the plausible serial range
    ['1/2/3', 'invalid'],
    ['0', 'invalid'],
    // blank
    ['', 'missing'],
    ['   ', 'missing'],
  ])('%j -> %s', (raw, expected) => {
    expect(date(raw)).toBe(expected);
  });

  it.each<[string, 'MDY' | 'DMY' | 'YMD', string]>([
    ['03/04/2025', 'MDY', '2025-03-04'],
    ['03/04/2025', 'DMY', '2025-04-03'],
    ['3/31/2025', 'MDY', '2025-03-31'],
    ['3/31/2025', 'DMY', 'invalid'],
    ['31/3/2025', 'DMY', '2025-03-31'],
    ['31/3/2025', 'MDY', 'invalid'],
    ['03/04/2025', 'YMD', 'pair 3/4/2025'],
    ['31.03.2025', 'MDY', '2025-03-31'], // dotted stays day-first
    ['2025-03-04', 'DMY', '2025-03-04'], // ISO is never reordered
  ])('%j with a fixed %s order -> %s', (raw, order, expected) => {
    expect(date(raw, order)).toBe(expected);
  });

  it.each<[number, number, 'MDY' | 'DMY' | null]>([
    [3, 31, 'MDY'],
    [31, 3, 'DMY'],
    [3, 4, null],
    [12, 12, null],
    [13, 1, 'DMY'],
  ])('pairEvidence(%d, %d) = %s', (first, second, expected) => {
    expect(pairEvidence(first, second)).toBe(expected);
  });

  it('resolvePair applies the order and refuses impossible dates', () => {
    expect(resolvePair(3, 4, 2025, 'MDY')).toBe(dayFromYmd(2025, 3, 4));
    expect(resolvePair(3, 4, 2025, 'DMY')).toBe(dayFromYmd(2025, 4, 3));
    expect(resolvePair(2, 30, 2025, 'MDY')).toBeNull();
  });
});

describe('parsePeriod', () => {
  it.each<[string, string]>([
    ['2025-03', '2025-03-01'],
    ['2025/3', '2025-03-01'],
    ['Mar 2025', '2025-03-01'],
    ['March-2025', '2025-03-01'],
    ['2025-03-15', '2025-03-15'],
    ['2025-13', 'invalid'],
    ['Foo 2025', 'invalid'],
  ])('%j -> %s', (raw, expected) => {
    expect(show(parsePeriod(raw))).toBe(expected);
  });
});

describe('parsePercent', () => {
  it.each<[string, { value: number; hasSign: boolean } | 'missing' | 'invalid']>([
    ['45%', { value: 45, hasSign: true }],
    ['45 %', { value: 45, hasSign: true }],
    ['45', { value: 45, hasSign: false }],
    ['0.45', { value: 0.45, hasSign: false }],
    ['.5', { value: 0.5, hasSign: false }],
    ['45,5%', { value: 45.5, hasSign: true }],
    ['100%', { value: 100, hasSign: true }],
    ['0', { value: 0, hasSign: false }],
    ['', 'missing'],
    ['  ', 'missing'],
    ['abc', 'invalid'],
    ['45%%', 'invalid'],
    ['4 5', 'invalid'],
    ['1e2', 'invalid'],
  ])('%j -> %j', (raw, expected) => {
    const c = parsePercent(raw);
    if (typeof expected === 'string') expect(c.kind).toBe(expected);
    else expect(c).toEqual({ kind: 'ok', ...expected });
  });

  it.each<[number, boolean, boolean, number]>([
    [45, true, false, 0.45],
    [0.45, false, false, 0.45],
    [45, false, true, 0.45],
    [1, false, true, 0.01],
    [1, false, false, 1],
  ])('percentToFraction(%d, sign %s, column on 0–100 %s) = %d', (value, hasSign, scale, expected) => {
    expect(percentToFraction({ value, hasSign }, scale)).toBeCloseTo(expected, 10);
  });
});

describe('parseCount', () => {
  it.each<[string, number | 'missing' | 'invalid']>([
    ['120', 120],
    ['0', 0],
    ['1,200', 1200],
    ['12,345,678', 12_345_678],
    ['1200.0', 1200],
    [' 7 ', 7],
    ['', 'missing'],
    ['1.5', 'invalid'],
    ['-3', 'invalid'],
    ['1,20', 'invalid'],
    ['abc', 'invalid'],
    ['na', 'invalid'],
  ])('%j -> %j', (raw, expected) => {
    const c = parseCount(raw);
    expect(c.kind === 'ok' ? c.value : c.kind).toBe(expected);
  });
});

describe('parseFlag', () => {
  it.each<[string, boolean | 'invalid']>([
    ['TRUE', true],
    ['true', true],
    ['1', true],
    ['Yes', true],
    [' t ', true],
    ['x', true],
    ['FALSE', false],
    ['false', false],
    ['0', false],
    ['No', false],
    ['', false], // Data Loader writes false as blank
    ['   ', false],
    ['maybe', 'invalid'],
    ['2', 'invalid'],
  ])('%j -> %j', (raw, expected) => {
    expect(parseFlag(raw)).toBe(expected);
  });
});

describe('normalizeKey', () => {
  it.each<[string, string]>([
    ['Deal Stage', 'dealstage'],
    ['deal_stage', 'dealstage'],
    ['DEALSTAGE', 'dealstage'],
    ['  Close   Date ', 'closedate'],
    ['Deal - Title', 'dealtitle'],
    ['Probability (%)', 'probability'],
    ['Closed Won', 'closedwon'],
    ['closed-won', 'closedwon'],
    ['Négociation', 'négociation'],
    ['Stage 2', 'stage2'],
    ['', ''],
  ])('%j -> %j', (raw, expected) => {
    expect(normalizeKey(raw)).toBe(expected);
  });
});

describe('parseAmount: magnitude suffixes and currencies (issue 13)', () => {
  it.each<[string, number | 'missing' | 'invalid']>([
    // K / M / B, as CRM list views and finance exports write them; exact in cents
    ['$141.56K', 14_156_000],
    ['141.56k', 14_156_000],
    ['1.2M', 120_000_000],
    ['1.2MM', 120_000_000],
    ['1.2 M', 120_000_000],
    ['3B', 300_000_000_000],
    ['3bn', 300_000_000_000],
    ['1,250K', 125_000_000],
    ['1,5M', 150_000_000],
    ['0.0001K', 10],
    ['1.23456K', 123_456],
    ['1.234565K', 123_457],
    ['-$1.5K', -150_000],
    ['($2.5M)', -250_000_000],
    ['€1.2M', 120_000_000],
    ['1.2M EUR', 120_000_000],
    ['9999999999.99K', 999_999_999_999_000], // 13 integer digits: the ceiling of written-out amounts
    ['99999999999.99K', 'invalid'],
    ['10000B', 'invalid'],
    ['K', 'invalid'],
    ['$K', 'invalid'],
    ['1.2.3K', 'invalid'],
    ['1,2345K', 'invalid'],
    ['1.2MK', 'invalid'],
    ['1.2X', 'invalid'],
    // accounting negatives and currency symbols / ISO codes before or after
    ['(1,234.00)', -123_400],
    ['USD 1,200', 120_000],
    ['1.200,50 €', 120_050],
    ['EUR 99', 9_900],
    ['£5', 500],
    ['R$ 10', 1_000],
    ['R$10,50', 1_050],
    ['NZ$ 20', 2_000],
    ['CHF 1.250,00', 125_000],
    ['100 zł', 10_000],
    ['₺100', 10_000],
  ])('%j -> %j', (raw, expected) => {
    expect(amount(raw)).toBe(expected);
  });

  it.each<[string, string | null, string | null]>([
    // [raw, currency as written, ISO code]
    ['$141.56K', '$', null],
    ['USD 1,200', 'USD', 'USD'],
    ['1.200,50 €', '€', 'EUR'],
    ['EUR 99', 'EUR', 'EUR'],
    ['£5', '£', 'GBP'],
    ['R$ 10', 'R$', 'BRL'],
    ['US$ 100', 'US$', 'USD'],
    ['(1,200.00) USD', 'USD', 'USD'],
    ['¥100', '¥', null],
    ['1,200', null, null],
    ['1.2M', null, null],
  ])('%j is in %j (%j)', (raw, currency, code) => {
    expect(parseAmount(raw)).toMatchObject({ kind: 'ok', currency });
    expect(parseMoney(raw)).toMatchObject({ currency, code });
  });

  it('parseMoney is null for what is not an amount', () => {
    expect(parseMoney('')).toBeNull();
    expect(parseMoney('N/A')).toBeNull();
    expect(currencyCode(null)).toBeNull();
    expect(currencyCode('JPY')).toBe('JPY');
  });

  it('a decimal comma before a suffix ("1,5M") proves a decimal-comma column; "1.2M" a decimal point', () => {
    expect(parseAmount('1,5M')).toMatchObject({ decimalComma: true, ambiguity: 'none' });
    expect(parseAmount('1.2M')).toMatchObject({ decimalComma: false, ambiguity: 'none' });
  });
});
