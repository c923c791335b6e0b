import { describe, expect, it } from 'vitest';
import { AmountColumn, DateColumn, NO_DATE, PercentColumn, isPairCode, pairCode, pairMayBeRejected, settleCode, settleDate, unpackPair, type DateValue } from '../../src/ingest/columns.js';
import { dayFromYmd } from '../../src/base/time.js';

/** Feeds values to a fresh date column, one per line starting at line 2. */
function dateColumn(values: readonly string[], fixed?: 'MDY' | 'DMY' | 'YMD'): { col: DateColumn; reads: ReturnType<DateColumn['read']>[] } {
  const col = new DateColumn('Close Date', fixed);
  const reads = values.map((v, i) => col.read(v, i + 2));
  return { col, reads };
}

describe('DateColumn: day/month order evidence', () => {
  it.each<[string, readonly string[], 'MDY' | 'DMY' | 'conflict' | null]>([
    ['one month-first value settles the column', ['03/04/2025', '3/31/2025', '01/02/2025'], 'MDY'],
    ['one day-first value settles the column', ['03/04/2025', '31/3/2025'], 'DMY'],
    ['only values that fit both orders', ['03/04/2025', '12/12/2025', '1/2/2025'], null],
    ['month-first and day-first in one column', ['3/31/2025', '31/3/2025'], 'conflict'],
    ['ISO dates carry no evidence', ['2025-03-31', '2025-04-01'], null],
    ['dotted dates carry no evidence (always day-first)', ['31.03.2025', '01.02.2025'], null],
    ['two-digit years with 12-hour times', ['02/03/24', '02/23/26 08:55 PM'], 'MDY'],
    ['blank and invalid values carry no evidence', ['', 'garbage', '13/13/2025', '03/04/2025'], null],
  ])('%s', (_name, values, expected) => {
    expect(dateColumn(values).col.evidence()).toBe(expected);
  });

  it('records the first line of each kind of evidence and counts pairs', () => {
    const { col } = dateColumn(['03/04/2025', '3/31/2025', '31/3/2025', '4/30/2025', '2025-01-01', '']);
    expect(col.mdyLine).toBe(3);
    expect(col.dmyLine).toBe(4);
    expect(col.pairs).toBe(4);
    expect(col.evidence()).toBe('conflict');
  });

  it('reads blank as null, invalid as not ok, full dates as day numbers, pairs as pending', () => {
    const { reads } = dateColumn(['', 'nope', '2025-03-31', '03/04/2025']);
    expect(reads[0]).toEqual({ ok: true, value: null });
    expect(reads[1]).toEqual({ ok: false });
    expect(reads[2]).toEqual({ ok: true, value: dayFromYmd(2025, 3, 31) });
    expect(reads[3]).toEqual({ ok: true, value: { first: 3, second: 4, year: 2025 } });
  });

  it('with a fixed order, pairs are resolved at once and misfits are invalid', () => {
    const { col, reads } = dateColumn(['03/04/2025', '31/03/2025'], 'MDY');
    expect(reads[0]).toEqual({ ok: true, value: dayFromYmd(2025, 3, 4) });
    expect(reads[1]).toEqual({ ok: false });
    expect(col.pairs).toBe(0);
  });
});

describe('settleDate', () => {
  const pending = (first: number, second: number, year = 2025): DateValue => ({ first, second, year });
  it.each<[string, DateValue, 'MDY' | 'DMY' | null, number | null | undefined]>([
    ['blank stays blank', null, 'MDY', null],
    ['a full date is kept', dayFromYmd(2025, 3, 31), null, dayFromYmd(2025, 3, 31)],
    ['month-first', pending(3, 4), 'MDY', dayFromYmd(2025, 3, 4)],
    ['day-first', pending(3, 4), 'DMY', dayFromYmd(2025, 4, 3)],
    ['an order that does not fit the value', pending(3, 31), 'DMY', undefined],
    ['no order known', pending(3, 4), null, undefined],
    ['leap day in the settled order', pending(29, 2, 2024), 'DMY', dayFromYmd(2024, 2, 29)],
  ])('%s', (_name, value, order, expected) => {
    expect(settleDate(value, order)).toBe(expected);
  });
});

describe('date codes: a pending date as one number, resolved as soon as its column proves its order', () => {
  /** Codes of values read one per line from line 2; pairs are shown as [first, second, year]. */
  const codes = (values: readonly string[], fixed?: 'MDY' | 'DMY' | 'YMD'): (number | string | number[])[] => {
    const col = new DateColumn('Close Date', fixed);
    return values.map((v, i) => {
      const c = col.readCode(v, i + 2);
      if (Number.isNaN(c)) return 'invalid';
      if (c === NO_DATE) return 'blank';
      if (!isPairCode(c)) return c;
      const p = unpackPair(c);
      return [p.first, p.second, p.year];
    });
  };
  const day = dayFromYmd;
  it.each<[string, readonly string[], 'MDY' | 'DMY' | 'YMD' | undefined, (number | string | number[])[]]>([
    ['pairs wait while nothing proves the order', ['03/04/2025', '12/11/24'], undefined, [[3, 4, 2025], [12, 11, 2024]]],
    ['the value that proves month-first is itself a day, and every later pair too', ['03/04/2025', '3/31/2025', '01/02/2025'], undefined, [[3, 4, 2025], day(2025, 3, 31), day(2025, 1, 2)]],
    ['day-first the same way', ['31/3/2025', '03/04/2025'], undefined, [day(2025, 3, 31), day(2025, 4, 3)]],
    ['a conflicting column resolves nothing after the conflict', ['3/31/2025', '31/3/2025', '03/04/2025'], undefined, [day(2025, 3, 31), [31, 3, 2025], [3, 4, 2025]]],
    ['blank, invalid and full dates', ['', 'nope', '2025-03-31', '2/30/2025'], undefined, ['blank', 'invalid', day(2025, 3, 31), 'invalid']],
    ['a fixed order gives days at once', ['03/04/2025', '31/03/2025'], 'MDY', [day(2025, 3, 4), 'invalid']],
  ])('%s', (_name, values, fixed, expected) => {
    expect(codes(values, fixed)).toEqual(expected);
  });

  it.each<[string, number, 'MDY' | 'DMY' | null, number | null | undefined]>([
    ['blank', NO_DATE, 'MDY', null],
    ['a day is kept', day(2025, 3, 31), null, day(2025, 3, 31)],
    ['month-first', pairCode(3, 4, 2025), 'MDY', day(2025, 3, 4)],
    ['day-first', pairCode(3, 4, 2025), 'DMY', day(2025, 4, 3)],
    ['an order that does not fit the value', pairCode(3, 31, 2025), 'DMY', undefined],
    ['no order known', pairCode(3, 4, 2025), null, undefined],
    ['leap day in the settled order', pairCode(29, 2, 2024), 'DMY', day(2024, 2, 29)],
    ['year 9999', pairCode(12, 31, 9999), 'MDY', day(9999, 12, 31)],
  ])('settleCode: %s', (_name, code, order, expected) => {
    expect(settleCode(code, order)).toBe(expected);
  });

  it.each<[number, number, number, boolean]>([
    [3, 4, 2025, false], // a real date in both orders: never rejected, its cells are not kept
    [12, 12, 2025, false],
    [3, 31, 2025, true], // month-first only
    [31, 3, 2025, true], // day-first only
    [29, 2, 2024, true],
  ])('pairMayBeRejected(%i/%i/%i) = %s', (first, second, year, expected) => {
    expect(pairMayBeRejected(pairCode(first, second, year))).toBe(expected);
  });
});

/** Reads values into a fresh amount column and returns the settled cents (or the kind). */
function amountColumn(values: readonly string[]): { col: AmountColumn; settled: (number | string)[] } {
  const col = new AmountColumn('Amount');
  const reads = values.map((v, i) => col.read(v, i + 2));
  const settled = reads.map((r) => (r.kind === 'ok' ? col.settle(r.cents, r.ambiguity) : r.kind));
  return { col, settled };
}

describe('AmountColumn: decimal-comma reinterpretation', () => {
  it.each<[string, readonly string[], readonly (number | string)[], boolean]>([
    ['a US column keeps "1,250" as 1250', ['12,500.00', '1,250', '$3,400'], [1_250_000, 125_000, 340_000], false],
    ['a decimal-comma column reads "1.250" as 1250', ['€ 12.500,00', '1.250', '300'], [1_250_000, 125_000, 30_000], true],
    ['a decimal-comma column reads "1,250" as 1.25', ['12,5', '1,250'], [1_250, 125], true],
    ['a column grouping with spaces and a decimal comma', ['1 250,50', '2.500'], [125_050, 250_000], true],
    ['a column of "1.250"-style values groups thousands', ['12.500', '3.400', '150.000', '900'], [1_250_000, 340_000, 15_000_000, 90_000], true],
    ['"1.255" proves the dot groups thousands', ['1.255', '1.250'], [125_500, 125_000], true],
    ['a decimal point anywhere keeps "1.250" as 1.25', ['1.250', '12.50'], [125, 1_250], false],
    ['"1250.000" proves a decimal point too', ['125.000', '1250.000'], [12_500, 125_000], false],
    ['"1.250.000" proves nothing about the decimal point', ['1.250.000', '12.500'], [125_000_000, 1_250_000], true],
    ['contradicting evidence keeps the US reading', ['12.500,00', '12,500.00', '1,250'], [1_250_000, 1_250_000, 125_000], false],
    ['"1,250" and "1.250" in one column: no thousands rule', ['1,250', '1.250'], [125_000, 125], false],
    ['blank and invalid cells', ['', 'abc', '12,5'], ['missing', 'invalid', 1_250], true],
    ['negatives in a decimal-comma column', ['(1.250)', '-12,50'], [-125_000, -1_250], true],
  ])('%s', (_name, values, expected, isDecimalComma) => {
    const { col, settled } = amountColumn(values);
    expect(settled).toEqual(expected);
    expect(col.isDecimalComma).toBe(isDecimalComma);
  });

  it('remembers the first line that proves each convention', () => {
    const { col } = amountColumn(['100', '12,50', '13,75', '1.250,00']);
    expect(col.decimalCommaLine).toBe(3);
    expect(col.decimalPointLine).toBeNull();
    expect(col.evidenceLine).toBe(3);
  });

  it('a column of "1.250"-style values names the first of them as evidence', () => {
    const { col } = amountColumn(['900', '12.500', '3.400']);
    expect(col.decimalCommaLine).toBeNull();
    expect(col.evidenceLine).toBe(3);
  });
});

describe('PercentColumn: scale', () => {
  it.each<[string, readonly string[], boolean]>([
    ['fractions', ['0.1', '0.45', '1', ''], false],
    ['a bare value above 1 puts the column on 0–100', ['0.5', '10', '100'], true],
    ['values with % do not decide the scale', ['45%', '0.5'], false],
  ])('%s', (_name, values, scale) => {
    const col = new PercentColumn('Probability');
    for (const v of values) col.read(v);
    expect(col.isPercentScale).toBe(scale);
  });

  it('reads blank as null and rejects garbage', () => {
    const col = new PercentColumn('Probability');
    expect(col.read('')).toEqual({ ok: true, value: null, hasSign: false });
    expect(col.read('high')).toEqual({ ok: false });
    expect(col.read('45%')).toEqual({ ok: true, value: 45, hasSign: true });
  });
});
