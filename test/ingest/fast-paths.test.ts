/**
 * The allocation-free fast paths must agree with the full parsers wherever they answer
 * (they return NaN to hand a cell over to the full parser).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QUICK_INVALID, currencyCode, parseAmount, parseDate, parsePercent, quickCents, quickIsoDay, quickMoney, quickSlashPair, resolvePair } from '../../src/ingest/cells.js';
import { AmountColumn, DateColumn, NO_DATE, PercentColumn, isPairCode, unpackPair } from '../../src/ingest/columns.js';
import { IdIndex } from '../../src/ingest/deal-columns.js';

const AMOUNTS = [
  '0', '7', '12500', '12500.5', '12500.50', '0.5', '0.05', '.5', '5.', '1.250', '1.255', '0.125', '1234.567', '12,500',
  '-5', '+5', '$5', '1e6', ' 5', '', '9999999999999', '99999999999999', '999999999999999', '9999999999999999',
  '9999999999999.99', '00012', '1.2.3',
];
const DATES = [
  '2025-03-31', '2025-02-30', '2024-02-29', '2023-02-29', '2025-13-01', '2025-00-10', '2025-03-31 14:05', '2025-03-31T14:05',
  '2025-03-31 14:05:59', '2025-03-31T14:05:59', '2025-03-31 24:00', '2025-03-31x14:05', '2025/03/31', '25-03-31', '2025-3-31',
  '0000-01-01', '1900-02-29', '2000-02-29',
];

describe('fast paths agree with the full parsers', () => {
  it.each(AMOUNTS)('quickCents(%j)', (raw) => {
    const q = quickCents(raw);
    if (Number.isNaN(q)) return;
    const full = parseAmount(raw);
    expect(full.kind === 'ok' ? full.cents : full.kind).toBe(q);
  });

  it.each(DATES)('quickIsoDay(%j)', (raw) => {
    const q = quickIsoDay(raw);
    if (Number.isNaN(q)) return;
    const full = parseDate(raw);
    expect(full.kind === 'day' ? full.day : full.kind).toBe(q === QUICK_INVALID ? 'invalid' : q);
  });
});

/**
 * quickMoney and the slash-date fast path feed the same column state as the full readers: an
 * AmountColumn (currency tally, decimal-point evidence) and a DateColumn (pairs, order evidence,
 * codes). Each value is read by a fresh column both ways and everything is compared.
 */
const MONEY = [
  '$12,345.00', '12,345.00', '$12,345.5', '$1,234,567', '1,234,567', '$12345', '$12345.67', '$0.50', '$0', '$1,250', '1,250',
  '$1.250', '$12,345.', '$.50', '$,123.00', '$1,23.00', '$1234,567.00', '$12,3456.00', '0,250.00', '$00012', '$$5', '$ 5',
  '-$5.00', '$5.00-', '($5.00)', '€12,345.00', '$12,345.001', '$9,999,999,999,999.99', '$99,999,999,999,999.99', '12345678901234',
  '$1,234,567.8', '1,2', '$', '', '5', '1.2.3', '$1,234.56 ', ' $1,234.56', '$1,234,567,890,123', '$12,345.0a',
];
const SLASH = [
  '3/31/2025', '03/31/2025', '31/3/2025', '3/4/2025', '12/12/2025', '2/29/2024', '2/29/2025', '29/2/2024', '13/13/2025', '0/5/2025',
  '5/0/2025', '3-31-2025', '31-03-2025', '3/31-2025', '3/31/25', '3/31/20255', '3/31/2025 10:00', '123/1/2025', '1/123/2025',
  '3.31.2025', '31.3.2025', '3/31/0000', '2/29/1900', '2/29/2000', 'a/1/2025', '1/1/202a', '4/31/2025', '31/4/2025',
];

function moneyBothWays(raw: string): { quick: number; fast: unknown; full: unknown } {
  const fastCol = new AmountColumn('Amount');
  const fullCol = new AmountColumn('Amount');
  const quick = fastCol.quick(raw, 7);
  const read = fullCol.read(raw, 7);
  return {
    quick,
    // the deals reader takes a fast-path amount as unambiguous, with no currency code of its own
    fast: { cents: quick, ambiguity: 'none', code: null, state: fastCol.exportState() },
    full: read.kind === 'ok' ? { cents: read.cents, ambiguity: read.ambiguity, code: currencyCode(read.currency ?? null), state: fullCol.exportState() } : { cents: read.kind },
  };
}

function dateBothWays(raw: string, fixed?: 'MDY' | 'DMY' | 'YMD', before: readonly string[] = []): { fast: unknown; full: unknown } {
  const fastCol = new DateColumn('Close Date', fixed);
  const fullCol = new DateColumn('Close Date', fixed);
  before.forEach((v, i) => {
    fastCol.readCode(v, i + 2);
    fullCol.read(v, i + 2);
  });
  const line = before.length + 2;
  const code = fastCol.readCode(raw, line);
  const read = fullCol.read(raw, line);
  // what readCode must give for the full reader's value: the day, or the pair resolved when the column's own order is proven
  let expected: number | string;
  if (!read.ok) expected = 'invalid';
  else if (read.value === null) expected = 'blank';
  else if (typeof read.value === 'number') expected = read.value;
  else {
    const e = fullCol.evidence();
    const day = e === 'MDY' || e === 'DMY' ? resolvePair(read.value.first, read.value.second, read.value.year, e) : null;
    expected = day ?? `pair ${read.value.first}/${read.value.second}/${read.value.year}`;
  }
  const got = Number.isNaN(code) ? 'invalid' : code === NO_DATE ? 'blank' : isPairCode(code) ? `pair ${unpackPair(code).first}/${unpackPair(code).second}/${unpackPair(code).year}` : code;
  const state = (c: DateColumn): unknown => ({ mdy: c.mdyLine, dmy: c.dmyLine, pairs: c.pairs });
  return { fast: { value: got, column: state(fastCol) }, full: { value: expected, column: state(fullCol) } };
}

describe('formatted amounts and slash dates: the fast paths give what the full readers give', () => {
  it.each(MONEY)('AmountColumn.quick(%j)', (raw) => {
    const { quick, fast, full } = moneyBothWays(raw);
    if (Number.isNaN(quick)) return; // handed to the full reader
    expect(fast).toEqual(full);
  });

  it('answers the common report forms itself (so they skip the regexes)', () => {
    expect(['$12,345.00', '12,345.00', '$1,234,567', '$12345', '12500.50', '$0.50'].map(quickMoney)).toEqual([1234500, 1234500, 123456700, 1234500, 1250050, 50]);
    expect(['1,250', '$1,250', '$1.250', ' $5', '-$5.00', '€5.00', '$12,345.'].map(quickMoney).every(Number.isNaN)).toBe(true);
  });

  it.each(SLASH)('DateColumn.readCode(%j) in every order setting', (raw) => {
    for (const fixed of [undefined, 'MDY', 'DMY', 'YMD'] as const) {
      for (const before of [[], ['3/31/2025'], ['31/3/2025'], ['3/31/2025', '31/3/2025']]) {
        const { fast, full } = dateBothWays(raw, fixed, before);
        expect(fast).toEqual(full);
      }
    }
  });

  it('quickSlashPair answers exactly the one-or-two-digit, same-separator, four-digit-year form', () => {
    expect(['3/31/2025', '03/04/2025', '31-3-2025', '3/31/25', '3/31-2025', '3.31.2025', ' 3/31/2025', '3/31/2025 1:00'].map(quickSlashPair)).toEqual([
      20250331, 20250304, 20253103, NaN, NaN, NaN, NaN, NaN,
    ]);
  });

  it('property: money-like strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('$', '0', '1', '2', '5', '9', ',', '.', ' ', '-'), maxLength: 22 }), (raw) => {
        const { quick, fast, full } = moneyBothWays(raw);
        if (!Number.isNaN(quick)) expect(fast).toEqual(full);
      }),
      { numRuns: 3000 },
    );
  });

  it('property: formatted amounts of any size are answered by the fast path and agree', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999_999_99 }), fc.boolean(), (cents, dollar) => {
        const raw = `${dollar ? '$' : ''}${Math.floor(cents / 100).toLocaleString('en-US')}.${String(cents % 100).padStart(2, '0')}`;
        const { quick, fast, full } = moneyBothWays(raw);
        expect(quick).toBe(cents);
        expect(fast).toEqual(full);
      }),
      { numRuns: 1000 },
    );
  });

  it('property: slash dates', () => {
    const part = fc.oneof(fc.integer({ min: 0, max: 40 }).map(String), fc.integer({ min: 0, max: 9 }).map((n) => `0${n}`), fc.constantFrom('', '123', 'x'));
    const year = fc.oneof(fc.integer({ min: 0, max: 9999 }).map((y) => String(y).padStart(4, '0')), fc.constantFrom('25', '20255', '2a25'));
    fc.assert(
      fc.property(part, part, year, fc.constantFrom('/', '-', '.'), fc.constantFrom('/', '-'), fc.constantFrom(undefined, 'MDY', 'DMY', 'YMD'), fc.nat({ max: 3 }), (a, b, y, s1, s2, fixed, k) => {
        const before = [[], ['3/31/2025'], ['31/3/2025'], ['3/31/2025', '31/3/2025']][k] as string[];
        const { fast, full } = dateBothWays(`${a}${s1}${b}${s1 === '.' ? s1 : s2}${y}`, fixed, before);
        expect(fast).toEqual(full);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('PercentColumn.read: plain digits take a fast path with what parsePercent gives', () => {
  it.each(['0', '1', '2', '70', '100', '007', '123456789012345', '1234567890123456', '70%', ' 70', '0.7', '-5', '7,5', ''])('%j', (raw) => {
    const col = new PercentColumn('Probability');
    const got = col.read(raw);
    const cell = parsePercent(raw);
    const expected = cell.kind === 'ok' ? { ok: true, value: cell.value, hasSign: cell.hasSign } : cell.kind === 'missing' ? { ok: true, value: null, hasSign: false } : { ok: false };
    expect(got).toEqual(expected);
    expect(col.isPercentScale).toBe(cell.kind === 'ok' && !cell.hasSign && cell.value > 1);
  });
});

describe('IdIndex: the first line of each id, as a Map would keep it', () => {
  it('property: any sequence of ids (colliding buckets and growth included)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', 'b', '0', '1', 'é', '\u{1F600}'), maxLength: 6 }), { maxLength: 6000 }), (ids) => {
        const index = new IdIndex();
        const map = new Map<string, number>();
        ids.forEach((id, i) => {
          const line = i + 2;
          const first = map.get(id);
          if (first === undefined) map.set(id, line);
          expect(index.see(id, line)).toBe(first ?? -1);
        });
        for (const [id, line] of map) expect(index.get(id)).toBe(line);
        expect(index.get('never seen')).toBe(-1);
      }),
      { numRuns: 200 },
    );
  });
});
