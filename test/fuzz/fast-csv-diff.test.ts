/**
 * Differential fuzz of the fast parse path (src/ingest/fast-csv.ts) against csv-parse with the
 * reader of record's options: on random CSV text with hostile quotes, every line ending, BOMs,
 * multi-byte and invalid UTF-8 bytes, and a small max_record_size now and then, cut into random
 * byte chunks, the fast path emits the same records with the same physical start lines, and
 * stops with the same error, line counter and quoting state. Default runs are small; FUZZ_RUNS
 * scales them (fuzz-config.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Utf8Chunker, decodeUtf8Or1252 } from '../../src/ingest/text-stream.js';
import { cutAt, fastParser, referenceParser, runParser, type ParseSetup } from '../ingest/fast-csv-run.js';
import { params, runs, timeout } from './fuzz-config.js';

const DELIMITERS = [',', ';', '\t', '|'] as const;

/** Pieces that make CSV hard: quotes in every position, delimiters, each line ending, wide characters. */
const tokenArb = (delimiter: string): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('a', 'bc', 'Acct 12', '$12,345.00', '1/2/2024', ' ', 'é', '😀', '名') },
    { weight: 4, arbitrary: fc.constant(delimiter) },
    { weight: 3, arbitrary: fc.constantFrom('"', '""', '"x"', '"a,b"', '"line\nbreak"', '"cr\rlf\r\n"', `"${delimiter}"`) },
    { weight: 3, arbitrary: fc.constantFrom('\n', '\r\n', '\r') },
    { weight: 1, arbitrary: fc.constantFrom(',', ';', '\t', '|', '\uFEFF', '\u0000', "'") },
  );

/** Mostly well-formed rows (so the fast path has something to read) with hostile text mixed in. */
const rowArb = (delimiter: string): fc.Arbitrary<string> =>
  fc.oneof(
    {
      weight: 10,
      arbitrary: fc
        .array(
          fc.oneof(
            fc.constantFrom('', 'a', 'Acct 12, Inc', 'x"y', '5" monitor', 'é名😀', ' pad '),
            fc.constantFrom('', 'a', 'Acct 12, Inc', 'two\nlines', 'cr\rin', 'crlf\r\nin', 'q"uote', `d${delimiter}d`).map((v) => `"${v.replace(/"/g, '""')}"`),
          ),
          { minLength: 1, maxLength: 5 },
        )
        .map((cells) => cells.join(delimiter)),
    },
    { weight: 1, arbitrary: fc.array(tokenArb(delimiter), { maxLength: 12 }).map((t) => t.join('')) },
  );

const inputArb = fc
  .constantFrom(...DELIMITERS)
  .chain((delimiter) =>
    fc.record({
      delimiter: fc.constant(delimiter),
      rows: fc.array(rowArb(delimiter), { maxLength: 14 }),
      eol: fc.constantFrom('\n', '\r\n', '\r'),
      finalEol: fc.boolean(),
      bom: fc.boolean(),
      /** csv-parse's bom option (the reader of record sets it; parallel ranges do not) */
      skipBom: fc.boolean(),
      /** a byte that is not UTF-8 somewhere (as a Windows-1252 tool appends them) */
      badByte: fc.oneof({ weight: 5, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.nat() }),
      maxRecordSize: fc.oneof({ weight: 4, arbitrary: fc.constant(1_000_000) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 40 }) }),
      cuts: fc.array(fc.nat(), { maxLength: 8 }),
    }),
  );

function bytesOf(input: { rows: string[]; eol: string; finalEol: boolean; bom: boolean; badByte: number | null }): Uint8Array {
  const text = (input.bom ? '\uFEFF' : '') + input.rows.join(input.eol) + (input.finalEol ? input.eol : '');
  const bytes = Buffer.from(text, 'utf8');
  if (input.badByte === null) return bytes;
  const at = bytes.length === 0 ? 0 : input.badByte % (bytes.length + 1);
  return Buffer.concat([bytes.subarray(0, at), Buffer.from([0xe9]), bytes.subarray(at)]);
}

function setupOf(input: { delimiter: string; maxRecordSize: number; skipBom: boolean }): ParseSetup {
  return { delimiter: input.delimiter, maxRecordSize: input.maxRecordSize, bom: input.skipBom };
}

const stats = { handedOver: 0, records: 0, readByFastPath: 0 };

async function compare(bytes: Uint8Array, setup: ParseSetup, cuts: readonly number[]): Promise<void> {
  const reference = await runParser(referenceParser(setup), [bytes]);
  const parser = fastParser(setup);
  const fast = await runParser(parser, cutAt(bytes, cuts));
  expect(fast).toEqual(reference);
  if (parser.handedOver) stats.handedOver += 1;
  stats.records += fast.records.length;
  stats.readByFastPath += parser.recordsRead;
}

describe('the fast CSV path reads what csv-parse reads', () => {
  it(
    `on random CSV with hostile quotes, random chunks (${runs(400)} inputs)`,
    async () => {
      await fc.assert(
        fc.asyncProperty(inputArb, async (input) => {
          const bytes = bytesOf(input);
          await compare(bytes, setupOf(input), input.cuts.map((c) => (bytes.length === 0 ? 0 : c % bytes.length)));
        }),
        params(400),
      );
      // both ways were compared: most records read by the fast path, and many inputs handed over
      expect(stats.readByFastPath).toBeGreaterThan(stats.records / 2);
      expect(stats.handedOver).toBeGreaterThan(runs(400) / 5);
    },
    timeout(60_000),
  );

  it(
    `on random CSV cut at every byte (${runs(40)} inputs)`,
    async () => {
      await fc.assert(
        fc.asyncProperty(inputArb, async (input) => {
          const bytes = bytesOf({ ...input, rows: input.rows.slice(0, 4) });
          const reference = await runParser(referenceParser(setupOf(input)), [bytes]);
          for (let at = 0; at <= bytes.length; at++) {
            expect(await runParser(fastParser(setupOf(input)), cutAt(bytes, [at]))).toEqual(reference);
          }
          // and one byte at a time
          expect(await runParser(fastParser(setupOf(input)), cutAt(bytes, [...bytes.keys()]))).toEqual(reference);
        }),
        params(40),
      );
    },
    timeout(60_000),
  );

  it(
    `on chunks as readTable writes them: UTF-8 bytes, and text for chunks holding Windows-1252 bytes (${runs(200)} inputs)`,
    async () => {
      await fc.assert(
        fc.asyncProperty(inputArb, async (input) => {
          const bytes = bytesOf(input);
          const utf8 = new Utf8Chunker();
          const chunks: (string | Uint8Array)[] = [];
          for (const c of cutAt(bytes, input.cuts.map((k) => (bytes.length === 0 ? 0 : k % bytes.length)))) {
            const next = utf8.next(c);
            chunks.push(next.valid ? next.bytes : decodeUtf8Or1252(next.bytes));
          }
          const rest = utf8.flush();
          if (rest !== null) chunks.push(decodeUtf8Or1252(rest));
          expect(await runParser(fastParser(setupOf(input)), chunks)).toEqual(await runParser(referenceParser(setupOf(input)), chunks));
        }),
        params(200),
      );
    },
    timeout(60_000),
  );
});
