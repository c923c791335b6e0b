import { describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/schema.js';
import { readTable, type ReadOptions, type ReadResult, type RecordOf as InputRecordOf } from '../../src/ingest/read-table.js';
import type { FileReport, InputKind } from '../../src/base/model.js';
import { isoFromDay } from '../../src/base/time.js';
import { chunked, fromChunks } from '../helpers/streams.js';

type RecordOf<K extends InputKind> = InputRecordOf<K>;

/** Every successful read must account for each data row: read = used + rejected. */
function checkAccounting(report: FileReport, records: readonly unknown[]): void {
  expect(report.rows.read).toBe(report.rows.used + report.rows.rejected);
  expect(report.rows.used).toBe(records.length);
  expect(report.rows.rejected).toBe(report.rejects.length);
  const byReason = Object.values(report.rejectedByReason).reduce((a, b) => a + b, 0);
  expect(byReason).toBe(report.rows.rejected);
}

async function read<K extends InputKind>(
  kind: K,
  input: string | Uint8Array | readonly Uint8Array[],
  config: Config = {},
  options: Omit<ReadOptions, 'config'> = {},
): Promise<ReadResult<RecordOf<K>>> {
  const chunks = typeof input === 'string' ? [Buffer.from(input, 'utf8')] : input instanceof Uint8Array ? [input] : input;
  const r = await readTable(kind, 'test.csv', fromChunks(chunks), { config, ...options });
  if (r.ok) checkAccounting(r.report, r.records);
  return r;
}

/** Reads a file that must be readable; returns records and report. */
async function readOk<K extends InputKind>(
  kind: K,
  input: string | Uint8Array | readonly Uint8Array[],
  config: Config = {},
  options: Omit<ReadOptions, 'config'> = {},
): Promise<{ records: RecordOf<K>[]; report: FileReport }> {
  const r = await read(kind, input, config, options);
  if (!r.ok) throw new Error(`expected a readable file, got: ${r.problems.map((p) => p.message).join(' | ')}`);
  return r;
}

async function readFail(
  kind: InputKind,
  input: string | Uint8Array | readonly Uint8Array[],
  config: Config = {},
  options: Omit<ReadOptions, 'config'> = {},
): Promise<{ problems: readonly { line: number | null; column: string | null; message: string }[]; configProblem?: boolean }> {
  const r = await read(kind, input, config, options);
  if (r.ok) throw new Error('expected the file to be refused');
  return r;
}

const iso = (d: number | null): string | null => (d === null ? null : isoFromDay(d));
const warning = (report: FileReport, code: string) => report.warnings.find((w) => w.code === code);

const HEADER = 'id,amount,stage,created,closed';

describe('encoding, delimiters and quoting', () => {
  it('UTF-8 BOM and CRLF line endings', async () => {
    const { records, report } = await readOk('deals', `\ufeff${HEADER}\r\nD1,100,Won,2025-01-05,2025-02-01\r\nD2,200,Lost,2025-01-06,2025-02-02\r\n`);
    expect(report.header[0]).toBe('id');
    expect(report.preset).toBe('generic');
    expect(records.map((d) => [d.line, d.id, d.status, d.amountCents])).toEqual([
      [2, 'D1', 'won', 10_000],
      [3, 'D2', 'lost', 20_000],
    ]);
  });

  it('semicolon delimiter with decimal commas and dotted dates', async () => {
    const { records, report } = await readOk(
      'deals',
      'id;amount;stage;created;closed\nD1;12.500,00;Won;01.03.2025;31.03.2025\nD2;1.250;Won;01.03.2025;31.03.2025\nD3;"3,5";Lost;01.03.2025;02.04.2025\n',
    );
    expect(report.delimiter).toBe(';');
    expect(records.map((d) => d.amountCents)).toEqual([1_250_000, 125_000, 350]);
    expect(iso(records[0]?.closed ?? null)).toBe('2025-03-31');
    expect(warning(report, 'decimal_comma')?.message).toContain('line 2');
  });

  it('a column of "12.500"-style amounts is read as thousands', async () => {
    const { records, report } = await readOk('deals', 'id;amount;stage;created;closed\nD1;12.500;Won;2025-03-01;2025-03-31\nD2;900;Won;2025-03-01;2025-03-31\nD3;150.000;Won;2025-03-01;2025-03-31\n');
    expect(records.map((d) => d.amountCents)).toEqual([1_250_000, 90_000, 15_000_000]);
    expect(warning(report, 'decimal_comma')?.message).toContain('line 2');
  });

  it('tab delimiter', async () => {
    const { records, report } = await readOk('deals', 'id\tamount\tstage\tcreated\tclosed\nD1\t$1,200.50\tClosed Won\t2025-01-05\t2025-02-01\n');
    expect(report.delimiter).toBe('\t');
    expect(records[0]?.amountCents).toBe(120_050);
  });

  it('a comma inside a quoted header does not fool the delimiter sniffing', async () => {
    const { report } = await readOk('deals', '"id";"amount (USD, converted)";"stage";"created";"closed"\nD1;100;Won;2025-01-05;2025-02-01\n', {
      inputs: { deals: { columns: { amount: 'amount (USD, converted)' } } },
    });
    expect(report.delimiter).toBe(';');
    expect(report.mapping.amount).toBe('amount (USD, converted)');
  });

  it('quoted fields with embedded newlines and doubled quotes keep later line numbers right', async () => {
    const text = [
      'id,name,amount,stage,created,closed',
      'D1,"The ""Big"" one',
      'spans three',
      'lines",100,Won,2025-01-05,2025-02-01',
      'D2,"CRLF\r\ninside",oops,Won,2025-01-05,2025-02-01',
      'D3,plain,300,Won,2025-01-05,2025-02-01',
      '',
    ].join('\n');
    const { records, report } = await readOk('deals', text);
    expect(records.map((d) => [d.line, d.id])).toEqual([
      [2, 'D1'],
      [7, 'D3'],
    ]);
    expect(records[0]?.name).toBe('The "Big" one\nspans three\nlines');
    expect(report.rejects).toHaveLength(1);
    expect(report.rejects[0]).toMatchObject({ line: 5, code: 'invalid_amount', column: 'amount', columnIndex: 3, value: 'oops' });
    expect(report.rejects[0]?.reason).toContain('amount is "oops"; expected an amount');
  });

  it('one-byte chunks, with the chunk boundaries inside quoted fields and multibyte characters', async () => {
    const text = `${HEADER},name\nD1,100,Won,2025-01-05,2025-02-01,"Zoë, ""東京""\n🚀"\nD2,200,Lost,2025-01-05,2025-02-01,Ünïcödé\n`;
    const { records } = await readOk('deals', chunked(Buffer.from(text, 'utf8'), 1));
    expect(records.map((d) => [d.line, d.name])).toEqual([
      [2, 'Zoë, "東京"\n🚀'],
      [4, 'Ünïcödé'],
    ]);
  });

  it('chunk boundaries past the sniffed head: inside a quoted field and inside a multibyte character', async () => {
    const filler = Array.from({ length: 1200 }, (_, i) => `F${i},100,Won,2025-01-05,2025-02-01,filler row number ${i}`);
    const special = 'S1,100,Won,2025-01-05,2025-02-01,"Zoë ""quoted""\nsecond line €"';
    const text = `${HEADER},name\n${filler.join('\n')}\n${special}\nS2,200,Lost,2025-01-05,2025-02-01,after\n`;
    const bytes = Buffer.from(text, 'utf8');
    expect(bytes.length).toBeGreaterThan(65_536);
    const start = bytes.indexOf(Buffer.from('S1,'));
    const inQuote = bytes.indexOf(Buffer.from('quoted'), start) + 3;
    const inE = bytes.indexOf(Buffer.from('ë'), start) + 1; // between the two bytes of ë
    const inEuro = bytes.indexOf(Buffer.from('€'), start) + 2; // inside the three bytes of €
    const cuts = [65_536 + 17, inE, inQuote, inEuro];
    const chunks = [0, ...cuts].map((c, i) => bytes.subarray(c, cuts[i] ?? bytes.length));
    const { records } = await readOk('deals', chunks);
    expect(records).toHaveLength(1202);
    const s1 = records.find((d) => d.id === 'S1');
    expect(s1?.name).toBe('Zoë "quoted"\nsecond line €');
    expect(s1?.line).toBe(1202);
    expect(records.find((d) => d.id === 'S2')?.line).toBe(1204);
  });

  it('UTF-16LE with BOM', async () => {
    const text = `\ufeff${HEADER},name\nD1,100,Won,2025-01-05,2025-02-01,Zoë\n`;
    const { records, report } = await readOk('deals', chunked(Buffer.from(text, 'utf16le'), 3));
    expect(report.header[0]).toBe('id');
    expect(records[0]?.name).toBe('Zoë');
  });

  it('UTF-16BE with BOM', async () => {
    const le = Buffer.from(`\ufeff${HEADER}\nD1,100,Won,2025-01-05,2025-02-01\n`, 'utf16le');
    const be = Buffer.from(le).swap16();
    const { records } = await readOk('deals', be);
    expect(records.map((d) => d.id)).toEqual(['D1']);
  });

  it('pipe delimiter and old Mac CR line endings', async () => {
    const { records, report } = await readOk('deals', `id|amount|stage|created|closed\rD1|100|Won|2025-01-05|2025-02-01\rD2|x|Won|2025-01-05|2025-02-01\r`);
    expect(report.delimiter).toBe('|');
    expect(records.map((d) => d.line)).toEqual([2]);
    expect(report.rejects.map((r) => r.line)).toEqual([3]);
  });

  it('a file that is not UTF-8 is read as Windows-1252 with a warning', async () => {
    const bytes = Buffer.concat([Buffer.from(`${HEADER},name\nD1,100,Won,2025-01-05,2025-02-01,Zo`), Buffer.from([0xeb]), Buffer.from('\n')]);
    const { records, report } = await readOk('deals', bytes);
    expect(records[0]?.name).toBe('Zoë');
    expect(warning(report, 'encoding')).toBeDefined();
  });

  it('a file with NUL bytes is refused as not text', async () => {
    const { problems } = await readFail('deals', new Uint8Array([0x69, 0x64, 0x00, 0x0a]));
    expect(problems[0]?.message).toMatch(/not text/);
  });
});

describe('row accounting', () => {
  it('rows with extra non-empty fields are rejected as wrong_column_count; short rows and empty extras are read as blank', async () => {
    const { records, report } = await readOk(
      'deals',
      `${HEADER}\nD1,100,Won,2025-01-05,2025-02-01\nD2,100,Won,2025-01-05\nD3,1,000,Won,2025-01-05,2025-02-01\nD4,100,Won,2025-01-05,2025-02-01,,\n`,
    );
    expect(records.map((d) => d.id)).toEqual(['D1', 'D4']);
    expect(report.rejects.map((r) => [r.line, r.code, r.column])).toEqual([
      [3, 'missing_date', 'closed'],
      [4, 'wrong_column_count', null],
    ]);
    expect(report.rejects[1]?.reason).toContain('row has 6 fields but the header has 5');
    expect(report.rejectedByReason).toEqual({ missing_date: 1, wrong_column_count: 1 });
    expect(warning(report, 'ragged_rows')).toMatchObject({ count: 2 });
  });

  it('blank lines, whitespace-only lines and rows of empty cells are skipped and reported, not read', async () => {
    const { records, report } = await readOk('deals', `${HEADER}\n\nD1,100,Won,2025-01-05,2025-02-01\n   \n,,,,\nD2,100,Won,2025-01-05,2025-02-01\n\n`);
    expect(records.map((d) => d.line)).toEqual([3, 6]);
    expect(report.rows).toEqual({ read: 2, used: 2, rejected: 0 });
    expect(warning(report, 'blank_rows')).toMatchObject({ count: 4 });
  });

  it('each rejected row carries file line, column, value and a reason', async () => {
    const text = [
      HEADER,
      'D1,,Won,2025-01-05,2025-02-01', // missing amount: kept (counts, not value)
      'D2,12abc,Won,2025-01-05,2025-02-01', // invalid amount
      'D3,-100,Won,2025-01-05,2025-02-01', // negative
      'D4,100,,2025-01-05,2025-02-01', // missing stage
      'D5,100,Won,someday,2025-02-01', // invalid created
      'D6,100,Won,2025-01-05,', // won without close date
      'D7,100,Open,2025-01-05,', // open without expected close: kept
      'D8,100,Won,2025-02-30,2025-03-01', // impossible date
    ].join('\n');
    const { records, report } = await readOk('deals', text);
    expect(records.map((d) => d.id)).toEqual(['D1', 'D7']);
    expect(report.rejects.map((r) => [r.line, r.code, r.column, r.value])).toEqual([
      [3, 'invalid_amount', 'amount', '12abc'],
      [4, 'negative_amount', 'amount', '-100'],
      [5, 'missing_stage', 'stage', ''],
      [6, 'invalid_date', 'created', 'someday'],
      [7, 'missing_date', 'closed', ''],
      [9, 'invalid_date', 'created', '2025-02-30'],
    ]);
    expect(warning(report, 'open_without_close_date')).toMatchObject({ count: 1 });
  });

  it('duplicate ids: the repeat is rejected and names the first line', async () => {
    const { records, report } = await readOk('deals', `${HEADER}\nD1,100,Won,2025-01-05,2025-02-01\nD2,100,Won,2025-01-05,2025-02-01\nD1,999,Won,2025-01-05,2025-02-01\n`);
    expect(records.map((d) => d.amountCents)).toEqual([10_000, 10_000]);
    expect(report.rejects).toHaveLength(1);
    expect(report.rejects[0]).toMatchObject({ line: 4, code: 'duplicate_id', column: 'id', value: 'D1' });
    expect(report.rejects[0]?.reason).toContain('already appeared on line 2');
  });

  it('without an id column rows are kept by line and a warning says duplicate detection is off', async () => {
    const { records, report } = await readOk('deals', 'amount,stage,created,closed\n100,Won,2025-01-05,2025-02-01\n100,Won,2025-01-05,2025-02-01\n');
    expect(records.map((d) => [d.line, d.id])).toEqual([
      [2, null],
      [3, null],
    ]);
    expect(warning(report, 'no_id_column')?.message).toContain('duplicate detection is off');
  });

  it('a close date before the created date is kept and reported', async () => {
    const { records, report } = await readOk('deals', `${HEADER}\nD1,100,Won,2025-03-05,2025-02-01\n`);
    expect(records[0]).toMatchObject({ status: 'won', created: null });
    expect(iso(records[0]?.closed ?? null)).toBe('2025-02-01');
    expect(warning(report, 'close_before_create')).toMatchObject({ count: 1 });
  });
});

describe('day/month order', () => {
  it('an ambiguous column stops the run and says how to settle it', async () => {
    const { problems } = await readFail('deals', `${HEADER}\nD1,100,Won,2025-01-05,03/04/2025\nD2,100,Won,2025-01-05,05/06/2025\n`);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.column).toBe('closed');
    expect(problems[0]?.message).toContain('could be month/day or day/month');
    expect(problems[0]?.message).toContain('dateFormat');
    expect(problems[0]?.message).toContain('--date-format');
  });

  it('a column with month-first and day-first values is refused with both lines', async () => {
    const { problems } = await readFail('deals', `${HEADER}\nD1,100,Won,2025-01-05,3/31/2025\nD2,100,Won,2025-01-05,31/3/2025\n`);
    expect(problems[0]?.message).toMatch(/month-first dates \(line 2\) and day-first dates \(line 3\)/);
    expect(problems[0]?.message).toContain('dateFormat');
    expect(problems[0]?.message).toContain('--date-format');
  });

  it('a column is settled by its own values', async () => {
    const { records, report } = await readOk('deals', `${HEADER}\nD1,100,Won,2025-01-05,03/04/2025\nD2,100,Won,2025-01-05,31/03/2025\n`);
    expect(records.map((d) => iso(d.closed))).toEqual(['2025-04-03', '2025-03-31']);
    expect(report.dateOrder).toBe('DMY');
  });

  it('an ambiguous column is settled by another column of the same file, with a warning', async () => {
    const { records, report } = await readOk('deals', `${HEADER}\nD1,100,Won,3/31/2025,04/05/2025\nD2,100,Won,1/2/2025,05/06/2025\n`);
    expect(records.map((d) => [iso(d.created), iso(d.closed)])).toEqual([
      ['2025-03-31', '2025-04-05'],
      ['2025-01-02', '2025-05-06'],
    ]);
    expect(report.dateOrder).toBe('MDY');
    expect(warning(report, 'date_order_from_other_column')?.message).toMatch(/column "closed".*like column "created"/);
  });

  it('dateFormat in the config settles an ambiguous column; values that do not fit are rejected', async () => {
    const text = `${HEADER}\nD1,100,Won,2025-01-05,03/04/2025\nD2,100,Won,2025-01-05,3/31/2025\n`;
    const { records, report } = await readOk('deals', text, { inputs: { deals: { dateFormat: 'DMY' } } });
    expect(records.map((d) => iso(d.closed))).toEqual(['2025-04-03']);
    expect(report.rejects.map((r) => [r.line, r.code, r.column, r.value])).toEqual([[3, 'invalid_date', 'closed', '3/31/2025']]);
    expect(report.dateOrder).toBe('DMY');
  });

  it('--date-format wins over the config', async () => {
    const text = `${HEADER}\nD1,100,Won,2025-01-05,03/04/2025\n`;
    const { records } = await readOk('deals', text, { inputs: { deals: { dateFormat: 'DMY' } } }, { dateFormat: 'MDY' });
    expect(iso(records[0]?.closed ?? null)).toBe('2025-03-04');
  });

  it('Salesforce dev-org style: two-digit years and 12-hour times', async () => {
    const text = 'Id,StageName,Amount,CloseDate,IsClosed,IsWon,CreatedDate\nO1,Closed Won,15000,02/03/24,TRUE,TRUE,02/23/26 08:55 PM\nO2,Qualification,125000,02/03/24,FALSE,FALSE,02/23/26\n';
    const { records, report } = await readOk('deals', text);
    expect(report.preset).toBe('salesforce');
    expect(records.map((d) => [d.status, iso(d.created), iso(d.closed)])).toEqual([
      ['won', null, '2024-02-03'], // created after close: kept for bookings, not for cycle length
      ['open', '2026-02-23', '2024-02-03'],
    ]);
    expect(warning(report, 'close_before_create')).toMatchObject({ count: 1 });
  });
});

describe('stages and CRM flavours', () => {
  it('unmapped stages are rejected and listed in a warning with counts; the config maps them', async () => {
    const text = `${HEADER}\nD1,100,Stage 7,2025-01-05,2025-02-01\nD2,100,Stage 7,2025-01-05,2025-02-01\nD3,100,Limbo,2025-01-05,2025-02-01\nD4,100,Closed Won,2025-01-05,2025-02-01\n`;
    const { report } = await readOk('deals', text);
    expect(report.rejectedByReason).toEqual({ unmapped_stage: 3 });
    const w = warning(report, 'unmapped_stage');
    expect(w).toMatchObject({ count: 3 });
    expect(w?.message).toContain('"Stage 7" (2), "Limbo" (1)');
    expect(w?.message).toContain('inputs');

    const mapped = await readOk('deals', text, { inputs: { deals: { stages: { open: ['stage 7'], lost: ['LIMBO'] } } } });
    expect(mapped.records.map((d) => d.status)).toEqual(['open', 'open', 'lost', 'won']);
    expect(warning(mapped.report, 'unmapped_stage')).toBeUndefined();
  });

  it.each([
    ['Closed Won', 'won'],
    ['closedwon', 'won'],
    ['WON', 'won'],
    ['Closed Lost', 'lost'],
    ['closed-lost', 'lost'],
    ['Lost', 'lost'],
    ['Prospecting', 'open'],
    ['Negotiation', 'open'],
  ])('default stage mapping: %s -> %s', async (stage, status) => {
    const { records } = await readOk('deals', `${HEADER}\nD1,100,${stage},2025-01-05,2025-02-01\n`);
    expect(records[0]?.status).toBe(status);
  });

  it('HubSpot internal stage ids', async () => {
    const text = 'Record ID,Deal Name,Deal Stage,Amount,Create Date,Close Date\n1,A,closedwon,100,2025-01-05,2025-02-01\n2,B,appointmentscheduled,100,2025-01-05,2025-02-01\n';
    const { records, report } = await readOk('deals', text);
    expect(report.preset).toBe('hubspot');
    expect(records.map((d) => d.status)).toEqual(['won', 'open']);
  });

  it.each([
    ['TRUE/FALSE', 'TRUE', 'TRUE', 'TRUE', 'FALSE', 'FALSE', 'FALSE'],
    ['1/blank (Data Loader)', '1', '1', '1', '', '', ''],
    ['1/0', '1', '1', '1', '0', '0', '0'],
  ])('Salesforce IsWon/IsClosed flags as %s decide the status', async (_name, c1, w1, c2, w2, c3, w3) => {
    const text = [
      'Id,StageName,Amount,CreatedDate,CloseDate,IsClosed,IsWon',
      `O1,Whatever,100,2024-01-22T16:14:25.000+0000,2025-02-01,${c1},${w1}`,
      `O2,Whatever,100,2024-01-22T16:14:25.000+0000,2025-02-01,${c2},${w2}`,
      `O3,Whatever,100,2024-01-22T16:14:25.000+0000,2025-02-01,${c3},${w3}`,
    ].join('\n');
    const { records, report } = await readOk('deals', text);
    expect(report.preset).toBe('salesforce');
    expect(records.map((d) => [d.status, d.stage, iso(d.created)])).toEqual([
      ['won', 'Whatever', '2024-01-22'],
      ['lost', 'Whatever', '2024-01-22'],
      ['open', 'Whatever', '2024-01-22'],
    ]);
    expect(warning(report, 'unmapped_stage')).toBeUndefined();
  });

  it('Salesforce report with Won/Closed columns and no stage', async () => {
    const text = 'Opportunity ID,Amount,Created Date,Close Date,Closed,Won\nO1,100,2025-01-05,2025-02-01,1,0\nO2,100,2025-01-05,2025-02-01,yes,maybe\n';
    const { records, report } = await readOk('deals', text);
    expect(records.map((d) => [d.status, d.stage])).toEqual([['lost', 'lost']]);
    expect(report.rejects[0]).toMatchObject({ line: 3, code: 'invalid_value', column: 'Won', value: 'maybe' });
  });

  it('Pipedrive: status column, won/lost times as the close date, expected close for open deals', async () => {
    const text = [
      'Deal - ID,Deal - Title,Deal - Value,Deal - Stage,Deal - Status,Deal - Deal created,Deal - Won time,Deal - Lost time,Deal - Expected close date',
      '1,A,1000,Negotiations Started,won,2025-01-05 10:00:00,2025-02-10 16:30:00,,2025-03-01',
      '2,B,1000,Proposal Made,lost,2025-01-05 10:00:00,,2025-02-11 09:00:00,2025-03-01',
      '3,C,1000,Qualified,open,2025-01-05 10:00:00,,,2025-03-01',
      '4,D,1000,Qualified,deleted,2025-01-05 10:00:00,,,2025-03-01',
      '5,E,1000,Qualified,won,2025-01-05 10:00:00,,,2025-03-01',
    ].join('\n');
    const { records, report } = await readOk('deals', text);
    expect(report.preset).toBe('pipedrive');
    expect(records.map((d) => [d.id, d.status, iso(d.created), iso(d.closed)])).toEqual([
      ['1', 'won', '2025-01-05', '2025-02-10'],
      ['2', 'lost', '2025-01-05', '2025-02-11'],
      ['3', 'open', '2025-01-05', '2025-03-01'],
    ]);
    expect(report.rejects.map((r) => [r.line, r.code, r.column])).toEqual([
      [5, 'invalid_value', 'Deal - Status'],
      [6, 'missing_date', 'Deal - Won time'],
    ]);
  });

  it('probabilities on a 0–100 scale become fractions', async () => {
    const text = `${HEADER},probability\nD1,100,Open,2025-01-05,2025-02-01,10\nD2,100,Open,2025-01-05,2025-02-01,100\nD3,100,Open,2025-01-05,2025-02-01,45%\n`;
    const { records } = await readOk('deals', text);
    expect(records.map((d) => d.probability)).toEqual([0.1, 1, 0.45]);
  });
});

describe('header problems', () => {
  it('a missing required column names the closest header', async () => {
    const { problems } = await readFail('deals', 'id,amnt,stage,created,closed\nD1,100,Won,2025-01-05,2025-02-01\n');
    expect(problems[0]?.line).toBe(1);
    expect(problems[0]?.message).toContain('closest header: "amnt"');
    expect(problems[0]?.message).toContain('Headers found');
  });

  it('a config override that matches no header is a config problem with its key path', async () => {
    const r = await readFail('deals', `${HEADER}\nD1,100,Won,2025-01-05,2025-02-01\n`, { inputs: { deals: { columns: { amount: 'deal value' } } } });
    expect(r.configProblem).toBe(true);
    expect(r.problems[0]?.message).toMatch(/^inputs\.deals\.columns\.amount: no column named "deal value"/);
  });

  it('a config override maps an unusual header', async () => {
    const { records, report } = await readOk('deals', 'id,deal value,stage,created,closed\nD1,100,Won,2025-01-05,2025-02-01\n', {
      inputs: { deals: { columns: { amount: 'Deal Value' } } },
    });
    expect(report.mapping.amount).toBe('deal value');
    expect(records[0]?.amountCents).toBe(10_000);
  });
});

describe('files that cannot be read', () => {
  it('an unclosed quote is a problem with the line where it opened', async () => {
    const { problems } = await readFail('deals', `${HEADER}\nD1,100,Won,2025-01-05,2025-02-01\nD2,"100,Won,2025-01-05,2025-02-01\nD3,100,Won,2025-01-05,2025-02-01\n`);
    expect(problems[0]?.line).toBe(3);
    expect(problems[0]?.message).toMatch(/line 3 is never closed/);
  });

  it('a record longer than the limit is refused', async () => {
    const { problems } = await readFail('deals', `${HEADER}\nD1,"${'x'.repeat(500)}",Won,2025-01-05,2025-02-01\n`, {}, { maxRecordChars: 100 });
    expect(problems[0]?.message).toMatch(/line 2 is longer than 100 characters/);
  });

  it.each<[string, string | Uint8Array, RegExp]>([
    ['empty file', new Uint8Array(0), /empty/],
    ['only blank lines', '\n\r\n  \n', /no rows/],
    ['header only', `${HEADER}\n`, /header row but no data rows/],
    ['header and blank lines only', `${HEADER}\n\n\n`, /header row but no data rows/],
  ])('%s', async (_name, input, message) => {
    const { problems } = await readFail('deals', input);
    expect(problems[0]?.message).toMatch(message);
  });
});

describe('spend and renewals', () => {
  it('spend: months, dates, categories, counts and rejects', async () => {
    const text = [
      'month,channel,spend,category,leads,mqls,sqls',
      '2025-03,Paid Search,"$12,500.00",marketing,120,40,10',
      'Apr 2025,Events,"3,000",,"1,200",,',
      '2025-05-15,SDR team,"45,000",sales,,,',
      '2025-06,,100,,,,',
      '2025-06,Ads,100,,1.5,,',
      'June,Ads,100,,,,',
    ].join('\n');
    const { records, report } = await readOk('spend', text);
    expect(records.map((r) => [iso(r.periodStart), r.channel, r.amountCents, r.category, r.leads])).toEqual([
      ['2025-03-01', 'Paid Search', 1_250_000, 'marketing', 120],
      ['2025-04-01', 'Events', 300_000, 'marketing', 1200],
      ['2025-05-15', 'SDR team', 4_500_000, 'sales', null],
    ]);
    expect(report.rejects.map((r) => [r.line, r.code, r.column])).toEqual([
      [5, 'missing_value', 'channel'],
      [6, 'invalid_value', 'leads'],
      [7, 'invalid_date', 'month'],
    ]);
  });

  it('spend: an ambiguous period column stops the run', async () => {
    const { problems } = await readFail('spend', 'date,channel,amount\n03/04/2025,Ads,100\n');
    expect(problems[0]?.message).toContain('--date-format');
  });

  it('renewals: churned at 0, decimal commas, start dates', async () => {
    const text = 'account;renewal_date;arr_before;arr_after;start_date\nAcme;31/03/2025;12.000,00;0;01/04/2024\nBeta;01/04/2025;1.500;1.800;\nGamma;;100;100;\n';
    const { records, report } = await readOk('renewals', text);
    expect(records.map((r) => [r.account, iso(r.renewalDate), r.arrBeforeCents, r.arrAfterCents, iso(r.startDate)])).toEqual([
      ['Acme', '2025-03-31', 1_200_000, 0, '2024-04-01'],
      ['Beta', '2025-04-01', 150_000, 180_000, null],
    ]);
    expect(report.rejects.map((r) => [r.line, r.code])).toEqual([[4, 'missing_date']]);
    expect(warning(report, 'decimal_comma')).toBeDefined();
  });
});

describe('deals without an amount', () => {
  it('every deal without an amount is kept at 0, flagged amountMissing, with a warning (6 of 11 wins in a real HubSpot export had none)', async () => {
    const { records, report } = await readOk(
      'deals',
      `${HEADER}\nD1,,Won,2025-01-05,2025-02-01\nD2,,Lost,2025-01-05,2025-02-01\nD3,,Open,2025-01-05,2025-03-01\nD4,250,Won,2025-01-05,2025-02-01\nD5,,Won,2025-01-06,2025-02-02\n`,
    );
    expect(records.map((d) => [d.id, d.status, d.amountCents, d.amountMissing])).toEqual([
      ['D1', 'won', 0, true],
      ['D2', 'lost', 0, true],
      ['D3', 'open', 0, true],
      ['D4', 'won', 25000, false],
      ['D5', 'won', 0, true],
    ]);
    expect(report.rejects).toEqual([]);
    expect(warning(report, 'amount_missing_won')).toMatchObject({ count: 2 });
    expect(warning(report, 'amount_missing_kept')).toMatchObject({ count: 2 });
    expect(report.rows).toEqual({ read: 5, used: 5, rejected: 0 });
  });
});
