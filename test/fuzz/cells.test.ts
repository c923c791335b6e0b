/**
 * Value-parser properties.
 *
 * Round trips: a number or a date formatted in each supported locale style parses back to the
 * same value. "Never a silent wrong value": a cell with two readings ("1,250", "1.250",
 * "03/04/2025") is always returned flagged (ambiguity recorded, a pair left to the column), never
 * as a plain value; blank is never 0; every parsed value is a finite, exact number.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  QUICK_INVALID,
  parseAmount,
  parseCount,
  parseDate,
  parsePercent,
  parsePeriod,
  quickCents,
  quickIsoDay,
  reinterpretDecimalComma,
  resolvePair,
} from '../../src/ingest/cells.js';
import { AmountColumn } from '../../src/ingest/columns.js';
import { dayFromYmd, daysInMonth, isoFromDay } from '../../src/base/time.js';
import { formatAmount, formatDate, readBytes, type AmountStyle, type DateStyle } from './csv-gen.js';
import { params, runs } from './fuzz-config.js';

/** Cents up to parseAmount's ceiling: 13 integer digits. */
const centsArb = fc.oneof(
  fc.integer({ min: 0, max: 999_999_99 }),
  fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }).map((n) => n % 1_000_000_000_000_000),
  fc.constantFrom(0, 1, 99, 100, 100_000, 999_99, 1_000_00, 999_999_999_999_999),
);
const styleArb = fc.constantFrom<AmountStyle>('plain', 'us', 'eu', 'space', 'swiss', 'code');
const dayArb = fc
  .record({ y: fc.integer({ min: 1900, max: 2099 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 31 }) })
  .map(({ y, m, d }) => dayFromYmd(y, m, Math.min(d, daysInMonth(y, m))));
const blankArb = fc.string({ unit: fc.constantFrom(' ', '\t', '\u00a0', '\u2009', '\u202f', '\u3000', '\ufeff'), maxLength: 6 });

describe('amounts', () => {
  it(`round trip in every locale style, positive and negative (${runs(500)} values)`, () => {
    fc.assert(
      fc.property(centsArb, styleArb, fc.nat({ max: 11 }), fc.boolean(), (cents, style, variant, negative) => {
        const signed = negative && cents > 0 ? -cents : cents;
        const text = formatAmount(signed, style, variant);
        const cell = parseAmount(text);
        if (cell.kind !== 'ok') throw new Error(`"${text}" did not parse`);
        expect(cell.cents).toBe(signed);
        expect(Object.is(cell.cents, -0)).toBe(false);
        // two decimals (or none) are never ambiguous
        expect(cell.ambiguity).toBe('none');
        const quick = quickCents(text);
        if (!Number.isNaN(quick)) expect(quick).toBe(cell.cents);
      }),
      params(500),
    );
  });

  it(`the fast path agrees with the full parser wherever it answers (${runs(500)} strings)`, () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('0', '1', '5', '9', '.', ',', '-', ' ', 'e'), maxLength: 20 }), (s) => {
        const quick = quickCents(s);
        if (Number.isNaN(quick)) return;
        const full = parseAmount(s);
        expect(full.kind).toBe('ok');
        if (full.kind === 'ok') expect(quick).toBe(full.cents);
      }),
      params(500),
    );
  });

  it(`"1,250" and "1.250" are never returned as a plain value (${runs(300)} values)`, () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 0, max: 999 }), fc.constantFrom(',', '.'), fc.constantFrom('', '$', '€ ', '-'), (a, b, sep, prefix) => {
        const text = `${prefix}${a}${sep}${String(b).padStart(3, '0')}`;
        const cell = parseAmount(text);
        if (cell.kind !== 'ok') throw new Error(`"${text}" did not parse`);
        const sign = prefix === '-' ? -1 : 1;
        const thousands = sign * (a * 1000 + b) * 100;
        // flagged as ambiguous, or read as thousands with the decimal-comma evidence recorded ("1.255"
        // cannot be money with a decimal point): either way the column decides and says so
        expect(cell.ambiguity !== 'none' || cell.decimalComma).toBe(true);
        // and both readings stay reachable without rounding loss
        const readings = new Set([cell.cents, reinterpretDecimalComma(cell.cents, cell.ambiguity)]);
        if (cell.ambiguity !== 'none') expect(readings.has(thousands)).toBe(true);
        else expect(cell.cents).toBe(thousands);
      }),
      params(300),
    );
  });

  it(`a column settles ambiguous values by its unambiguous ones (${runs(200)} columns)`, () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ a: fc.integer({ min: 1, max: 999 }), b: fc.integer({ min: 0, max: 99 }).map((x) => x * 10) }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 99_999_99 }),
        fc.constantFrom<'point' | 'comma'>('point', 'comma'),
        (ambiguous, evidence, convention) => {
          const col = new AmountColumn('amount');
          const sep = convention === 'point' ? ',' : '.';
          const cells = ambiguous.map(({ a, b }) => ({ text: `${a}${sep}${String(b).padStart(3, '0')}`, value: (a * 1000 + b) * 100 }));
          const evidenceText = formatAmount(evidence, convention === 'point' ? 'us' : 'eu', 0);
          const all = [...cells.map((c) => c.text), evidenceText];
          const read = all.map((t, i) => col.read(t, i + 2));
          expect(col.isDecimalComma).toBe(convention === 'comma');
          read.slice(0, cells.length).forEach((r, i) => {
            if (r.kind !== 'ok') throw new Error('not ok');
            expect(col.settle(r.cents, r.ambiguity)).toBe((cells[i] as { value: number }).value);
          });
        },
      ),
      params(200),
    );
  });

  it(`blank is missing, never 0; anything parsed is an exact safe integer (${runs(500)} strings)`, () => {
    fc.assert(
      fc.property(blankArb, (s) => {
        expect(parseAmount(s).kind).toBe('missing');
        expect(parsePercent(s).kind).toBe('missing');
        expect(parseCount(s).kind).toBe('missing');
        expect(parseDate(s).kind).toBe('missing');
      }),
      params(100),
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: fc.constantFrom('0', '1', '9', '.', ',', '-', '+', '(', ')', '$', '€', ' ', "'", 'e', 'E', 'U', 'S', 'D', '\u00a0'), maxLength: 24 }),
          fc.string({ unit: 'binary', maxLength: 12 }),
        ),
        (s) => {
          const a = parseAmount(s);
          if (a.kind === 'ok') expect(Number.isSafeInteger(a.cents)).toBe(true);
          const p = parsePercent(s);
          if (p.kind === 'ok') expect(Number.isFinite(p.value)).toBe(true);
          const c = parseCount(s);
          if (c.kind === 'ok') expect(Number.isSafeInteger(c.value)).toBe(true);
        },
      ),
      params(400),
    );
  });
});

describe('dates', () => {
  const unambiguous: readonly DateStyle[] = ['iso', 'isoTime', 'dots', 'named'];

  it(`round trip in every style (${runs(600)} dates)`, () => {
    fc.assert(
      fc.property(dayArb, fc.constantFrom<DateStyle>('iso', 'isoTime', 'dots', 'named', 'serial', 'mdy', 'dmy'), fc.nat({ max: 5 }), (day, style, variant) => {
        const text = formatDate(day, style, variant);
        const fixed = style === 'mdy' ? 'MDY' : style === 'dmy' ? 'DMY' : undefined;
        const cell = parseDate(text, fixed);
        if (style === 'serial') {
          const serial = day + 25569;
          // five-digit serials in 1954..2119 are dates; others are refused, never misread
          if (serial >= 20000 && serial <= 80000) expect(cell).toEqual({ kind: 'day', day });
          else expect(cell.kind).toBe('invalid');
          return;
        }
        if (cell.kind !== 'day') throw new Error(`"${text}" (${style}) parsed as ${cell.kind}`);
        expect(isoFromDay(cell.day)).toBe(isoFromDay(day));
        if (unambiguous.includes(style)) expect(parseDate(text)).toEqual(cell);
        const quick = quickIsoDay(text);
        if (!Number.isNaN(quick)) expect(quick).toBe(day);
      }),
      params(600),
    );
  });

  it(`slash dates resolve to the same day in the column's order, and a two-way value is never decided alone (${runs(400)} dates)`, () => {
    fc.assert(
      fc.property(dayArb, fc.constantFrom<'MDY' | 'DMY'>('MDY', 'DMY'), fc.boolean(), (day, order, twoDigitYear) => {
        const iso = isoFromDay(day);
        const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
        if (twoDigitYear && (y < 1970 || y > 2069)) return;
        const yy = twoDigitYear ? String(y % 100).padStart(2, '0') : String(y);
        const text = order === 'MDY' ? `${m}/${d}/${yy}` : `${d}/${m}/${yy}`;
        const cell = parseDate(text);
        if (m <= 12 && d <= 12) {
          // both readings are real dates (or the same one): the cell is left to its column
          expect(cell.kind).toBe('pair');
        }
        if (cell.kind === 'pair') {
          expect(resolvePair(cell.first, cell.second, cell.year, order)).toBe(day);
        } else {
          // only one reading is a real date, and that is the one given
          expect(cell).toEqual({ kind: 'day', day });
        }
      }),
      params(400),
    );
  });

  it(`the ISO fast path agrees with the full parser (${runs(400)} strings)`, () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.record({ y: fc.integer({ min: 0, max: 9999 }), m: fc.integer({ min: 0, max: 19 }), d: fc.integer({ min: 0, max: 39 }), t: fc.constantFrom('', ' 10:00', 'T23:59:59', ' 1:00') }).map(
            ({ y, m, d, t }) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}${t}`,
          ),
          fc.string({ unit: fc.constantFrom('2', '0', '9', '-', ':', ' ', 'T', '1'), minLength: 10, maxLength: 19 }),
        ),
        (s) => {
          const quick = quickIsoDay(s);
          if (Number.isNaN(quick)) return;
          const full = parseDate(s);
          if (quick === QUICK_INVALID) expect(full.kind).toBe('invalid');
          else expect(full).toEqual({ kind: 'day', day: quick });
        },
      ),
      params(400),
    );
  });

  it('spend periods "2025-03" and "Mar 2025" are the first of the month', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2099 }), fc.integer({ min: 1, max: 12 }), (y, m) => {
        const first = dayFromYmd(y, m, 1);
        expect(parsePeriod(`${y}-${String(m).padStart(2, '0')}`)).toEqual({ kind: 'day', day: first });
        expect(parsePeriod(`${formatDate(first, 'named', 1).split(' ')[1]} ${y}`)).toEqual({ kind: 'day', day: first });
      }),
      params(200),
    );
  });

  it(`a column of only two-way slash dates is refused, not guessed (${runs(60)} files)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ a: fc.integer({ min: 1, max: 12 }), b: fc.integer({ min: 1, max: 12 }) }), { minLength: 1, maxLength: 10 }),
        async (pairs) => {
          const rows = pairs.map(({ a, b }, i) => `D${i},100,Closed Won,2025-01-01,${a}/${b}/2025`).join('\n');
          const r = await readBytes('deals', [Buffer.from(`id,amount,stage,created,closed\n${rows}\n`)]);
          expect(r.ok).toBe(false);
          if (!r.ok) expect(r.problems.map((p) => p.message).join(' ')).toMatch(/--date-format|dateFormat/);
        },
      ),
      params(60),
    );
  });

  it(`a column proving both orders is refused (${runs(40)} files)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 13, max: 28 }), fc.integer({ min: 13, max: 28 }), fc.integer({ min: 1, max: 12 }), async (d1, d2, m) => {
        const body = `D1,100,Won,2025-01-01,${m}/${d1}/2025\nD2,100,Won,2025-01-01,${d2}/${m}/2025\n`;
        const r = await readBytes('deals', [Buffer.from(`id,amount,stage,created,closed\n${body}`)]);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.problems[0]?.message).toContain('mixes month-first dates (line 2) and day-first dates (line 3)');
      }),
      params(40),
    );
  });
});

describe('percentages and counts', () => {
  it(`round trip (${runs(300)} values)`, () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.constantFrom('%', ' %', '', ',%', ','), (hundredths, suffix) => {
        const whole = Math.floor(hundredths / 100);
        const frac = String(hundredths % 100).padStart(2, '0');
        const comma = suffix.startsWith(',');
        const text = comma ? `${whole},${frac}${suffix.slice(1)}` : `${whole}.${frac}${suffix}`;
        const cell = parsePercent(text);
        if (cell.kind !== 'ok') throw new Error(`"${text}" did not parse`);
        expect(cell.value).toBe(Number(`${whole}.${frac}`));
        expect(cell.hasSign).toBe(suffix.endsWith('%'));
      }),
      params(300),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_000_000_000 }), fc.boolean(), (n, grouped) => {
        const text = grouped ? n.toLocaleString('en-US') : String(n);
        expect(parseCount(text)).toEqual({ kind: 'ok', value: n });
      }),
      params(300),
    );
  });
});

describe('a column mixing decimal conventions', () => {
  // A column holding both "1.250" and "1,250" and nothing else that settles the convention: one of
  // the two groups is wrong whichever convention the file uses. The column is settled from all its
  // values (the more frequent form; a decimal point on a tie) and a warning gives both readings.
  it('a column mixing "1.250" and "1,250" says so, with examples and both readings', async () => {
    const r = await readBytes('deals', [Buffer.from('id,amount,stage,created,closed\nD1,"1.250",Won,2025-01-01,2025-01-05\nD2,"1,250",Won,2025-01-01,2025-01-05\n')]);
    if (!r.ok) throw new Error(r.problems.map((p) => p.message).join(' | '));
    expect(r.records.map((d) => d.amountCents)).toEqual([125, 125_000]);
    const w = r.report.warnings.find((x) => x.code === 'amount_convention');
    expect(w?.message).toContain('"1.250" (line 2)');
    expect(w?.message).toContain('"1,250" (line 3)');
    expect(w?.message).toContain('"1.250" = 1.25 and "1,250" = 1,250; with a decimal comma they would be 1,250 and 1.25');
    expect(w).toMatchObject({ count: 2, lines: [2, 3] });
  });

  it(`the more frequent form settles the column, in either direction (${runs(60)} files)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), fc.boolean(), async (dots, commas, shuffle) => {
        const values = [...Array<string>(dots).fill('"1.250"'), ...Array<string>(commas).fill('"1,250"')];
        if (shuffle) values.reverse();
        const body = values.map((v, i) => `D${i},${v},Won,2025-01-01,2025-01-05`).join('\n');
        const r = await readBytes('deals', [Buffer.from(`id,amount,stage,created,closed\n${body}\n`)]);
        if (!r.ok) throw new Error('refused');
        const comma = dots > commas; // a tie reads with a decimal point
        const expected = values.map((v) => (v === '"1.250"' ? (comma ? 125_000 : 125) : comma ? 125 : 125_000));
        expect(r.records.map((d) => d.amountCents)).toEqual(expected);
        const w = r.report.warnings.find((x) => x.code === 'amount_convention');
        expect(w?.count).toBe(dots + commas);
        expect(w?.message).toContain(`Read with a decimal ${comma ? 'comma' : 'point'}`);
      }),
      params(60),
    );
  });

  it('a value with a decimal point settles it against the majority, and the warning says which value', async () => {
    const r = await readBytes('deals', [Buffer.from('id,amount,stage,created,closed\nD1,"1.250",Won,2025-01-01,2025-01-05\nD2,"2.500",Won,2025-01-01,2025-01-05\nD3,"1,250",Won,2025-01-01,2025-01-05\nD4,12.50,Won,2025-01-01,2025-01-05\n')]);
    if (!r.ok) throw new Error('refused');
    expect(r.records.map((d) => d.amountCents)).toEqual([125, 250, 125_000, 1_250]);
    expect(r.report.warnings.find((x) => x.code === 'amount_convention')?.message).toContain('settled by a value with a decimal point on line 5');
  });
});
