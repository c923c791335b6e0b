/**
 * The fast CSV path (src/ingest/fast-csv.ts), case by case: the records it emits (cells and
 * physical start lines, written out by hand), whether it read the input itself or handed it to
 * csv-parse, and that csv-parse alone reads the same; then every input again cut at every byte.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { FastCsvParser, fastCsvSupports, ownCell } from '../../src/ingest/fast-csv.js';
import { cutAt, fastParser, referenceParser, runParser } from './fast-csv-run.js';

type Case = {
  readonly name: string;
  readonly input: string | Uint8Array;
  /** [start line, cells] of every record. */
  readonly records: readonly (readonly [number, readonly string[]])[];
  /** Whether csv-parse takes over (and from which record on the fast path stops reading). */
  readonly handedOver: boolean;
  /** Records read by the fast path itself. */
  readonly fastRecords?: number;
  readonly delimiter?: string;
  readonly maxRecordSize?: number;
  /** csv-parse's error code, when the input ends in one. */
  readonly error?: string;
};

const CASES: Case[] = [
  { name: 'unquoted fields, LF', input: 'a,b\n1,2\n', records: [[1, ['a', 'b']], [2, ['1', '2']]], handedOver: false },
  { name: 'CRLF line ends', input: 'a,b\r\n1,2\r\n', records: [[1, ['a', 'b']], [2, ['1', '2']]], handedOver: false },
  { name: 'lone CR line ends', input: 'a,b\r1,2\r', records: [[1, ['a', 'b']], [2, ['1', '2']]], handedOver: false },
  { name: 'mixed line ends in one file', input: 'a\r\nb\nc\rd', records: [[1, ['a']], [2, ['b']], [3, ['c']], [4, ['d']]], handedOver: false },
  { name: 'no line break after the last record', input: 'a,b\n1,2', records: [[1, ['a', 'b']], [2, ['1', '2']]], handedOver: false },
  { name: 'empty fields and a trailing delimiter', input: ',a,,\n,\n', records: [[1, ['', 'a', '', '']], [2, ['', '']]], handedOver: false },
  { name: 'a trailing delimiter at the very end', input: 'a,', records: [[1, ['a', '']]], handedOver: false },
  { name: 'blank lines are records of one empty field', input: 'a\n\n\r\n\rb\n', records: [[1, ['a']], [2, ['']], [3, ['']], [4, ['']], [5, ['b']]], handedOver: false },
  {
    name: 'quoted fields with delimiters and "" escapes',
    input: '"Acct 12, Inc","$12,345.00","say ""hi"""\n"","""",x\n',
    records: [[1, ['Acct 12, Inc', '$12,345.00', 'say "hi"']], [2, ['', '"', 'x']]],
    handedOver: false,
  },
  {
    name: 'line breaks inside quotes (LF counts a line, as readTable counts them)',
    input: 'id,note\n1,"two\nlines"\n2,"crlf\r\nin"\n3,"cr\ronly"\n4,x\n',
    records: [[1, ['id', 'note']], [2, ['1', 'two\nlines']], [4, ['2', 'crlf\r\nin']], [6, ['3', 'cr\ronly']], [7, ['4', 'x']]],
    handedOver: false,
  },
  { name: 'a quoted last field closed at the very end', input: 'a,"b"', records: [[1, ['a', 'b']]], handedOver: false },
  { name: 'an empty quoted field alone at the end', input: 'a\n""', records: [[1, ['a']], [2, ['']]], handedOver: false },
  { name: 'a quote inside an unquoted field is a plain character', input: 'x"y,5" monitor\n', records: [[1, ['x"y', '5" monitor']]], handedOver: false },
  { name: 'a BOM is skipped', input: '\uFEFFid,x\n1,2\n', records: [[1, ['id', 'x']], [2, ['1', '2']]], handedOver: false },
  { name: 'a BOM later in the file is data', input: 'a\n\uFEFFb\n', records: [[1, ['a']], [2, ['\uFEFFb']]], handedOver: false },
  { name: 'multi-byte characters', input: 'é,名\n"😀,x",ü\n', records: [[1, ['é', '名']], [2, ['😀,x', 'ü']]], handedOver: false },
  { name: 'tab delimiter', input: 'a\tb,c\n"1\t2"\t3\n', delimiter: '\t', records: [[1, ['a', 'b,c']], [2, ['1\t2', '3']]], handedOver: false },
  { name: 'semicolon delimiter', input: 'a;b,c\n1;"2;3"\n', delimiter: ';', records: [[1, ['a', 'b,c']], [2, ['1', '2;3']]], handedOver: false },
  { name: 'pipe delimiter', input: 'a|b\n"x|y"|z\n', delimiter: '|', records: [[1, ['a', 'b']], [2, ['x|y', 'z']]], handedOver: false },
  // hand-overs: csv-parse reads from the start of the record on
  {
    name: 'text after a closing quote: csv-parse keeps the quotes (relax_quotes)',
    input: 'a,b\n"x"y,2\n3,4\n',
    records: [[1, ['a', 'b']], [2, ['"x"y', '2']], [3, ['3', '4']]],
    handedOver: true,
    fastRecords: 1,
  },
  {
    name: 'a quote never closed: csv-parse stops with its error',
    input: 'a,b\n1,"open\n2,3\n',
    records: [[1, ['a', 'b']]],
    handedOver: true,
    fastRecords: 1,
    error: 'CSV_QUOTE_NOT_CLOSED',
  },
  {
    name: 'a record that could reach max_record_size (a third of it in characters)',
    input: 'ab,c\nabcdef,g\nh\n',
    maxRecordSize: 15,
    records: [[1, ['ab', 'c']], [2, ['abcdef', 'g']], [3, ['h']]],
    handedOver: true,
    fastRecords: 1,
  },
  {
    name: 'a record over max_record_size: csv-parse refuses it',
    input: 'ab\nabcdefghijk\n',
    maxRecordSize: 9,
    records: [[1, ['ab']]],
    handedOver: true,
    fastRecords: 1,
    error: 'CSV_MAX_RECORD_SIZE',
  },
  {
    name: 'bytes that are not UTF-8: csv-parse decodes them its own way (U+FFFD), from the chunk holding them',
    input: Buffer.concat([Buffer.from('a,b\nCaf'), Buffer.from([0xe9]), Buffer.from(',1\n2,3\n')]),
    records: [[1, ['a', 'b']], [2, ['Caf\uFFFD', '1']], [3, ['2', '3']]],
    handedOver: true,
    fastRecords: 0,
  },
];

describe('fast CSV path, case by case', () => {
  it.each(CASES)('$name', async (c) => {
    const setup = { delimiter: c.delimiter ?? ',', maxRecordSize: c.maxRecordSize ?? 1_000_000 };
    const bytes = typeof c.input === 'string' ? Buffer.from(c.input, 'utf8') : c.input;
    const parser = fastParser(setup);
    const fast = await runParser(parser, [bytes]);
    expect(fast.records.map((r) => [r.line, r.cells])).toEqual(c.records);
    expect(fast.error?.code ?? null).toBe(c.error ?? null);
    expect(parser.handedOver).toBe(c.handedOver);
    expect(parser.recordsRead).toBe(c.fastRecords ?? c.records.length);
    // csv-parse alone reads the same
    expect(fast).toEqual(await runParser(referenceParser(setup), [bytes]));
  });

  it.each(CASES)('$name: cut at every byte, and byte by byte', async (c) => {
    const setup = { delimiter: c.delimiter ?? ',', maxRecordSize: c.maxRecordSize ?? 1_000_000 };
    const bytes = typeof c.input === 'string' ? Buffer.from(c.input, 'utf8') : c.input;
    const whole = await runParser(fastParser(setup), [bytes]);
    for (let at = 1; at < bytes.length; at++) expect(await runParser(fastParser(setup), cutAt(bytes, [at]))).toEqual(whole);
    expect(await runParser(fastParser(setup), cutAt(bytes, [...bytes.keys()]))).toEqual(whole);
  });

  it('reads text chunks (what readTable writes for bytes it decoded as Windows-1252) like bytes', async () => {
    const setup = { delimiter: ',', maxRecordSize: 1_000_000 };
    const parser = fastParser(setup);
    const chunks = [Buffer.from('a,"b\n'), 'Café"\n', Buffer.from('c,d\n')];
    const out = await runParser(parser, chunks);
    // bytes as UTF-8: 5 + 7 ("é" is two), then 4
    expect(out.records).toEqual([
      { line: 1, cells: ['a', 'b\nCafé'], bytes: 12 },
      { line: 3, cells: ['c', 'd'], bytes: 16 },
    ]);
    expect(parser.handedOver).toBe(false);
    expect(out).toEqual(await runParser(referenceParser(setup), chunks));
  });

  it.each([
    ['a 60 KB quoted field', `id,note\n1,"${'x'.repeat(60_000)}"\n2,b\n`],
    ['a 60 KB unclosed quote', `id,note\n1,"${'x'.repeat(60_000)}\n2,b\n`],
    ['60 KB of rows', `id,note\n${'1,"a,b"\n'.repeat(8_000)}`],
  ])('%s arriving in 7-byte chunks reads as in one chunk', async (_name, input) => {
    const setup = { delimiter: ',', maxRecordSize: 1_000_000 };
    const bytes = Buffer.from(input);
    const parser = fastParser(setup);
    const cuts = Array.from({ length: Math.ceil(bytes.length / 7) }, (_, k) => 7 * k);
    const out = await runParser(parser, cutAt(bytes, cuts));
    expect(out).toEqual(await runParser(referenceParser(setup), [bytes]));
    expect(parser.recordsRead).toBeGreaterThanOrEqual(1);
  });

  it("keeps csv-parse's line counter across a hand-over (the runaway-quote message names it)", async () => {
    // csv-parse counts every CR and LF inside quotes, and a CRLF between records once
    const input = 'a\r\n"x\r\ny"\r\n"z\rw"\nok\n"open,\n1\n2\n3\n';
    const setup = { delimiter: ',', maxRecordSize: 1_000_000 };
    const fast = await runParser(fastParser(setup), [Buffer.from(input)]);
    expect(fast.error).toMatchObject({ code: 'CSV_QUOTE_NOT_CLOSED', lines: 11, quoting: true, at: { lines: 11, records: 4 } });
    expect(fast.error?.message).toMatch(/at line 11$/);
    expect(fast).toEqual(await runParser(referenceParser(setup), [Buffer.from(input)]));
  });

  it.each([
    [',', true],
    [';', true],
    ['\t', true],
    ['|', true],
    ['"', false],
    ['\n', false],
    ['ab', false],
    ['§', false],
  ])('reads the delimiter %j: %s', (delimiter, supported) => {
    expect(fastCsvSupports(delimiter)).toBe(supported);
    if (!supported) expect(() => new FastCsvParser({ delimiter, maxRecordSize: 0 })).toThrow(/delimiter/);
  });
});

describe('ownCell', () => {
  it.each([0, 1, 12, 13, 14, 40])('is the same text (%i characters)', (length) => {
    const chunk = `${'x'.repeat(100)}${'abcdefghij'.repeat(5)}`;
    const cell = chunk.slice(100, 100 + length);
    expect(ownCell(cell)).toBe(cell);
    expect(ownCell(`${cell}""${cell}`)).toBe(`${cell}""${cell}`);
  });

  it('keeps only its own text alive, where a slice keeps its whole chunk', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const heldBy = (keep: (cell: string) => string): number => {
      gc();
      const before = process.memoryUsage().heapUsed;
      const kept: string[] = [];
      for (let i = 0; i < 20; i++) {
        const chunk = String.fromCharCode(97 + i).repeat(2_000_000) + `Acct ${i}, Inc - New Business`;
        kept.push(keep(chunk.slice(2_000_000)));
      }
      gc();
      const held = process.memoryUsage().heapUsed - before;
      expect(kept.join('|')).toContain('Acct 19, Inc - New Business');
      return held;
    };
    expect(heldBy((cell) => cell)).toBeGreaterThan(30_000_000); // 20 chunks of 2 MB
    expect(heldBy(ownCell)).toBeLessThan(5_000_000);
  });
});
