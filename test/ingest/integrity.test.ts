/**
 * Issue 16, ingest part: no row glued or lost, bounded memory on hostile shapes, encoding over the
 * whole file, repeated and duplicate headers, won deals at zero. Every input is generated here.
 */
import { describe, expect, it } from 'vitest';
import { csvParser } from '../../src/ingest/csv.js';
import { readTable, type ReadOptions, type ReadResult } from '../../src/ingest/read-table.js';
import { REJECT_EXAMPLES_PER_REASON, REJECT_EXAMPLE_CHARS, REJECT_FULL_VALUES, REJECT_FULL_VALUE_CHARS, REJECT_VALUE_CHARS } from '../../src/ingest/table.js';
import type { Deal, FileReport, RejectedRow } from '../../src/base/model.js';
import { chunked, fromChunks } from '../helpers/streams.js';

async function readDeals(input: string | Uint8Array, options: Omit<ReadOptions, 'config'> = {}, chunkSize = 1 << 20): Promise<ReadResult<Deal>> {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  return readTable('deals', 'deals.csv', fromChunks(chunked(bytes, chunkSize)), { config: {}, ...options });
}

async function readOk(input: string | Uint8Array, options: Omit<ReadOptions, 'config'> = {}, chunkSize?: number): Promise<{ records: Deal[]; report: FileReport }> {
  const r = await readDeals(input, options, chunkSize);
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join(' | '));
  expect(r.report.rows.read).toBe(r.report.rows.used + r.report.rows.rejected);
  expect(Object.values(r.report.rejectedByReason).reduce((a, b) => a + b, 0)).toBe(r.report.rows.rejected);
  return r;
}

const HEADER = 'id,amount,stage,created,closed';
const row = (i: number, stage = 'Closed Won'): string => `D${i},${100 + i},${stage},2025-01-01,2025-02-01`;

describe('mixed line endings', () => {
  // the report's 5-row file, and every way of ending each line
  const ENDINGS = ['\n', '\r\n', '\r'] as const;

  it.each([
    ['the 5-row file from the report', ['\r\n', '\n', '\r', '\r\n', '\r', '\n']],
    ['CR only', ['\r', '\r', '\r', '\r', '\r', '\r']],
    ['LF header, CRLF rows', ['\n', '\r\n', '\r\n', '\r\n', '\r\n', '\r\n']],
    ['CRLF header, lone CR rows, no final line end', ['\r\n', '\r', '\r', '\r', '\r', '']],
  ])('%s: every row read, at its own line', async (_name, ends) => {
    const lines = [HEADER, row(1), row(2), row(3, 'Closed Lost'), row(4), row(5)];
    const text = lines.map((l, i) => l + (ends[i] ?? '')).join('');
    const { records, report } = await readOk(text);
    expect(report.rows).toEqual({ read: 5, used: 5, rejected: 0 });
    expect(records.map((d) => [d.id, d.line, d.amountCents])).toEqual([
      ['D1', 2, 10_100],
      ['D2', 3, 10_200],
      ['D3', 4, 10_300],
      ['D4', 5, 10_400],
      ['D5', 6, 10_500],
    ]);
  });

  it('120,000 rows with endings cycling LF, CRLF, CR: all 120,000 read, none glued (chunked at odd sizes)', async () => {
    const n = 120_000;
    const parts = [`${HEADER}\n`];
    for (let i = 1; i <= n; i++) parts.push(`${row(i)}${ENDINGS[i % 3]}`);
    const { records, report } = await readOk(parts.join(''), {}, 65_537);
    expect(report.rows).toEqual({ read: n, used: n, rejected: 0 });
    expect(records[n - 1]).toMatchObject({ id: `D${n}`, line: n + 1 });
  });

  it('a CRLF split across two chunks is one line end, not two', async () => {
    const text = `${HEADER}\r\n${row(1)}\r\n${row(2)}\r\n`;
    const cut = text.indexOf('\r\n', HEADER.length + 2) + 1; // between the CR and the LF after row 1
    const bytes = Buffer.from(text);
    const r = await readTable('deals', 'deals.csv', fromChunks([bytes.subarray(0, cut), bytes.subarray(cut)]), { config: {} });
    if (!r.ok) throw new Error('refused');
    expect(r.report.rows).toEqual({ read: 2, used: 2, rejected: 0 });
    expect(r.report.warnings.find((w) => w.code === 'blank_rows')).toBeUndefined();
    expect(r.records.map((d) => d.line)).toEqual([2, 3]);
  });

  it('line breaks inside quoted values stay in the value, whatever they are', async () => {
    const text = `id,amount,stage,created,closed,name\r\nD1,100,Won,2025-01-01,2025-02-01,"a\rb"\nD2,100,Won,2025-01-01,2025-02-01,"c\r\nd"\rD3,100,Won,2025-01-01,2025-02-01,e\n`;
    const { records } = await readOk(text);
    expect(records.map((d) => d.name)).toEqual(['a\rb', 'c\r\nd', 'e']);
    expect(records.map((d) => d.line)).toEqual([2, 3, 5]);
  });
});

describe('repeated and duplicate headers', () => {
  it('a header row repeated mid-file (files joined with their headers) is skipped and counted, not rejected', async () => {
    // as written, with spaces, quoted, and with the byte-order mark of a second UTF-8 file pasted in
    const quoted = HEADER.split(',').map((h) => `"${h}"`).join(',');
    const text = [HEADER, row(1), row(2), HEADER, row(3), ` ${HEADER.replace(/,/g, ' , ')} `, row(4), quoted, `\ufeff${HEADER}`, row(5), ''].join('\n');
    const { records, report } = await readOk(text);
    expect(report.rows).toEqual({ read: 5, used: 5, rejected: 0 });
    expect(records.map((d) => d.line)).toEqual([2, 3, 5, 7, 10]);
    expect(report.warnings.find((w) => w.code === 'repeated_header')).toMatchObject({ count: 4, lines: [4, 6, 8, 9] });
  });

  it('a row that only resembles the header is data (and rejected for its own reason)', async () => {
    const text = [HEADER, row(1), 'id,amount,stage,created,closed_date', ''].join('\n');
    const { report } = await readOk(text);
    expect(report.rows).toEqual({ read: 2, used: 1, rejected: 1 });
    expect(report.warnings.find((w) => w.code === 'repeated_header')).toBeUndefined();
  });

  it('two "amount" columns: the warning names the column read and the one ignored', async () => {
    const text = ['id,amount,stage,created,closed,Amount', 'D1,100,Won,2025-01-01,2025-02-01,999', ''].join('\n');
    const { records, report } = await readOk(text);
    expect(records[0]?.amountCents).toBe(10_000);
    const w = report.warnings.find((x) => x.code === 'duplicate_header');
    expect(w?.message).toContain('"amount" appears 2 times (columns 2, 6): amount is read from column 2, column 6 ignored');
  });

  it('no warning when no header repeats', async () => {
    const { report } = await readOk([HEADER, row(1), ''].join('\n'));
    expect(report.warnings.find((x) => x.code === 'duplicate_header')).toBeUndefined();
  });
});

describe('encoding over the whole file', () => {
  /** A UTF-8 file whose later part holds Windows-1252 bytes: "Café" written by Excel. */
  function lateCp1252(rowsBefore: number): { bytes: Uint8Array; badLine: number } {
    const head = [HEADER + ',owner'];
    for (let i = 1; i <= rowsBefore; i++) head.push(`${row(i)},Zoë`); // real UTF-8 before
    const before = Buffer.from(`${head.join('\n')}\n`, 'utf8');
    const bad = Buffer.concat([Buffer.from(`${row(rowsBefore + 1)},Caf`, 'latin1'), Buffer.from([0xe9]), Buffer.from(` \x80 \x93x\x94\n${row(rowsBefore + 2)},Ren`, 'latin1'), Buffer.from([0xe9]), Buffer.from('\n')]);
    return { bytes: Buffer.concat([before, bad]), badLine: rowsBefore + 2 };
  }

  it.each([
    ['in the sniffed head', 10],
    ['past the first 64 KB', 3000],
  ])('Windows-1252 bytes %s are read as Windows-1252 (never U+FFFD) and the warning names the first line', async (_name, before) => {
    const { bytes, badLine } = lateCp1252(before);
    for (const size of [1 << 20, 4096, 7]) {
      const { records, report } = await readOk(bytes, {}, size);
      expect(records.length).toBe(before + 2);
      expect(records[0]?.owner).toBe('Zoë');
      expect(records[before]?.owner).toBe('Café € “x”');
      expect(records[before + 1]?.owner).toBe('René');
      expect(JSON.stringify(records)).not.toContain('\ufffd');
      const w = report.warnings.find((x) => x.code === 'encoding');
      expect(w?.lines).toEqual([badLine]);
      expect(w?.message).toContain(`from line ${badLine} on`);
    }
  });

  it('a UTF-8 character split across chunks is not a bad byte', async () => {
    const text = `${HEADER},owner\n${row(1)},Zoë 日本 😀\n`;
    const { records, report } = await readOk(Buffer.from(text), {}, 1);
    expect(records[0]?.owner).toBe('Zoë 日本 😀');
    expect(report.warnings.find((x) => x.code === 'encoding')).toBeUndefined();
  });

  it('an incomplete character at the very end is read as Windows-1252 and named', async () => {
    const bytes = Buffer.concat([Buffer.from(`${HEADER},owner\n${row(1)},Zo`), Buffer.from([0xc3])]);
    const { records, report } = await readOk(bytes);
    expect(records[0]?.owner).toBe('ZoÃ');
    expect(report.warnings.find((x) => x.code === 'encoding')?.lines).toEqual([2]);
  });
});

describe('bounded reject memory', () => {
  it(`rejected rows are counted in full; examples are kept up to ${REJECT_EXAMPLES_PER_REASON} per reason`, async () => {
    const lines = [HEADER];
    for (let i = 1; i <= 2500; i++) lines.push(`D${i},abc,Won,2025-01-01,2025-02-01`); // invalid_amount
    for (let i = 1; i <= 1200; i++) lines.push('x'); // missing_stage
    for (let i = 1; i <= 3; i++) lines.push(`E${i},100,Mystery,2025-01-01,2025-02-01`); // unmapped_stage
    lines.push(row(1));
    const { report } = await readOk(`${lines.join('\n')}\n`);
    expect(report.rows).toEqual({ read: 3704, used: 1, rejected: 3703 });
    expect(report.rejectedByReason).toEqual({ invalid_amount: 2500, missing_stage: 1200, unmapped_stage: 3 });
    const kept: Record<string, number> = {};
    for (const r of report.rejects) kept[r.code] = (kept[r.code] ?? 0) + 1;
    expect(kept).toEqual({ invalid_amount: 1000, missing_stage: 1000, unmapped_stage: 3 });
    // the first ones, in file order
    expect(report.rejects[0]?.line).toBe(2);
    expect(report.rejects.filter((r) => r.code === 'invalid_amount').at(-1)?.line).toBe(1001);
  });

  it(`the first ${REJECT_FULL_VALUES} examples of a reason keep long values (--show-values); later ones are cut at ${REJECT_VALUE_CHARS}`, async () => {
    const long = 'L'.repeat(5000);
    const lines = [HEADER];
    for (let i = 1; i <= 30; i++) lines.push(`D${i},${long},Won,2025-01-01,2025-02-01`);
    const { report } = await readOk(`${lines.join('\n')}\n`);
    const lengths = report.rejects.map((r) => (r.value ?? '').length);
    expect(lengths).toEqual([...Array<number>(REJECT_FULL_VALUES).fill(5000), ...Array<number>(30 - REJECT_FULL_VALUES).fill(REJECT_VALUE_CHARS)]);
  });

  it('every rejected row reaches the sink whole, in the order rejected', async () => {
    const lines = [HEADER];
    for (let i = 1; i <= 1500; i++) lines.push(`D${i},abc,Won,2025-01-01,2025-02-01`);
    const seen: RejectedRow[] = [];
    const { report } = await readOk(`${lines.join('\n')}\n`, { onReject: (path, r) => (expect(path).toBe('deals.csv'), seen.push(r)) });
    expect(seen.length).toBe(1500);
    expect(seen.map((r) => r.line)).toEqual(Array.from({ length: 1500 }, (_, i) => i + 2));
    expect(report.rejects.length).toBe(1000);
  });

  it('a wide rejected row is kept shortened; the sink gets it whole', async () => {
    const huge = 'v'.repeat(REJECT_FULL_VALUE_CHARS + 100_000);
    const wide = Array.from({ length: 5000 }, () => 'w').join(',');
    const text = `${HEADER}\nD1,${huge},Won,2025-01-01,2025-02-01\nD2,100,Won,2025-01-01,2025-02-01,${wide}\n${row(3)}\n`;
    const seen: RejectedRow[] = [];
    const { report } = await readOk(text, { onReject: (_p, r) => seen.push(r) });
    expect(report.rejectedByReason).toEqual({ invalid_amount: 1, wrong_column_count: 1 });
    for (const r of report.rejects) {
      const chars = r.cells.reduce((n, c) => n + c.length + 1, 0);
      expect(chars).toBeLessThanOrEqual(REJECT_EXAMPLE_CHARS + 8);
      expect((r.value ?? '').length).toBeLessThanOrEqual(REJECT_FULL_VALUE_CHARS); // one of the first examples of its reason
    }
    expect(report.rejects[0]?.value?.endsWith('…')).toBe(true);
    expect(seen[0]?.value).toBe(huge);
    expect(seen[1]?.cells.length).toBe(5005);
  });
});

describe('blank and short lines are cheap', () => {
  it('csv-parse builds no error object for rows of another width (blank lines, short rows)', async () => {
    const parser = csvParser({ delimiter: ',' });
    let records = 0;
    parser.on('data', () => (records += 1));
    const done = new Promise((r) => parser.on('end', r));
    parser.write(`${HEADER}\n${'\n'.repeat(5000)}${'x\n'.repeat(5000)}a,b\n`);
    parser.end();
    await done;
    expect(records).toBe(10_002);
    // csv-parse counts here each record whose width differed from the first one's, building a CsvError for it
    expect(parser.info.invalid_field_length).toBe(0);
  });

  it('a megabyte of blank lines is skipped and counted', async () => {
    const text = `${HEADER}\n${'\n'.repeat(1 << 20)}${row(1)}\n`;
    const { report } = await readOk(text);
    expect(report.rows).toEqual({ read: 1, used: 1, rejected: 0 });
    expect(report.warnings.find((w) => w.code === 'blank_rows')?.count).toBe(1 << 20);
  });
});

describe('won deals at zero', () => {
  it.each(['0', '-0', '1E-5', '0.00', '$0', '(0)'])('a won deal at %j is kept and warned', async (amount) => {
    const text = `${HEADER}\nD1,${amount},Closed Won,2025-01-01,2025-02-01\nD2,0,Closed Lost,2025-01-01,2025-02-01\n${row(3)}\n`;
    const { records, report } = await readOk(text);
    expect(records.map((d) => d.amountCents)).toEqual([0, 0, 10_300]);
    expect(report.warnings.find((w) => w.code === 'won_zero_amount')).toMatchObject({ count: 1, lines: [2] });
  });
});

describe('mixed decimal conventions in the other inputs', () => {
  it('spend: a column mixing "1.250" and "1,250" is settled by its tally and reported', async () => {
    const text = ['month,channel,spend', '2025-01,Ads,"1.250"', '2025-02,Ads,"2.500"', '2025-03,Ads,"1,250"', ''].join('\n');
    const r = await readTable('spend', 'spend.csv', fromChunks([Buffer.from(text)]), { config: {} });
    if (!r.ok) throw new Error('refused');
    // two "1.250"-style values against one "1,250": a decimal comma
    expect(r.records.map((x) => x.amountCents)).toEqual([125_000, 250_000, 125]);
    const w = r.report.warnings.find((x) => x.code === 'amount_convention');
    expect(w?.message).toContain('column "spend" mixes');
    expect(w?.message).toContain('Read with a decimal comma, settled by the more frequent form (2 of 3)');
  });
});

describe('currencies written in an amount column (for multi-currency detection)', () => {
  it('are tallied by ISO code where the symbol names one, as written otherwise; merged across ranges', async () => {
    const { AmountColumn } = await import('../../src/ingest/columns.js');
    const a = new AmountColumn('amount');
    ['$1,200', 'EUR 99', '1000', '€5', 'R$ 10', '$3', 'n/a'].forEach((v, i) => a.read(v, i + 2));
    expect(a.currencies).toEqual([
      ['$', { count: 2, firstLine: 2 }],
      ['EUR', { count: 2, firstLine: 3 }],
      ['BRL', { count: 1, firstLine: 6 }],
    ]);
    const b = new AmountColumn('amount');
    ['£5', '€1'].forEach((v, i) => b.read(v, i + 100));
    a.mergeState(b.exportState());
    expect(a.currencies).toEqual([
      ['$', { count: 2, firstLine: 2 }],
      ['EUR', { count: 3, firstLine: 3 }],
      ['BRL', { count: 1, firstLine: 6 }],
      ['GBP', { count: 1, firstLine: 100 }],
    ]);
  });
});

describe('a stray quote is named as such, not as a long row', () => {
  it('an unbalanced quote that swallows rows past the record limit: the message names the quote', async () => {
    const lines = [HEADER, row(1), 'D2,100,Closed Won,2025-01-01,"2025-02-01'];
    for (let i = 3; i <= 60; i++) lines.push(row(i));
    const r = await readDeals(`${lines.join('\n')}\n`, { maxRecordChars: 500 });
    if (r.ok) throw new Error('expected a refusal');
    expect(r.problems[0]?.message).toMatch(/^a quoted field in the row starting on line 3 is still open after 500 characters \(it runs to line \d+\): most likely an unbalanced quote/);
    expect(r.problems[0]?.line).toBe(3);
  });

  it('a row that is really long keeps the --max-field-size advice', async () => {
    const r = await readDeals(`${HEADER}\nD1,100,Closed Won,2025-01-01,2025-02-01,${'x'.repeat(600)}\n`, { maxRecordChars: 500 });
    if (r.ok) throw new Error('expected a refusal');
    expect(r.problems[0]?.message).toMatch(/longer than 500 characters; raise the limit with --max-field-size/);
  });
});
