/**
 * Streams one CSV file (as byte chunks) through csv-parse into a kind-specific builder.
 *
 * - encoding: UTF-8 with or without BOM, UTF-16 LE/BE with BOM; a file whose head is not valid
 *   UTF-8 is read as Windows-1252 (what spreadsheet software writes), with a warning; UTF-8 is
 *   checked over the whole file, and bytes that are not (a later part written by another tool)
 *   are read as Windows-1252 with a warning naming the first such line: never a silent U+FFFD;
 * - delimiter: sniffed from the header line (comma, semicolon, tab, pipe), quotes respected;
 * - line endings: CRLF, LF and a lone CR each end a record, mixed in one file (csv.ts);
 * - a row repeating the header (files joined with their headers) is skipped and counted; a header
 *   name used twice is warned about, naming the column read;
 * - rejected rows are counted in full, kept as capped examples (table.ts), and each one handed
 *   whole to `onReject` (the shell streams them to --rejects);
 * - csv-parse in array mode with no cast (see PERF-NOTES: casting inside the parser is 10x slower);
 *   values are cast by our own cell parsers once per needed column;
 * - files of 1 MB and more are scanned by the fast path (fast-csv.ts): the same records as
 *   csv-parse, 5x less CPU; csv-parse takes over at the first record it would read differently
 *   (text after a closing quote, a quote never closed, a record near the size limit), so rejects,
 *   errors and line numbers stay csv-parse's;
 * - line numbers are physical lines, counted from the newlines inside each record, so a quoted
 *   field with embedded newlines keeps every later line number right.
 *
 * The bytes come from the shell; this module never touches the file system.
 */
import type { CsvError } from 'csv-parse';
import type { Account, Deal, FileReport, InputKind, Renewal, SpendRow, Subscription } from '../base/model.js';
import type { Config } from '../config/schema.js';
import { isoFromDay } from '../base/time.js';
import { AccountsBuilder } from './accounts.js';
import { DealsBuilder, type BuiltTable } from './deals.js';
import { normalizeKey } from './cells.js';
import { resolveHeader } from './header.js';
import { RenewalsBuilder } from './renewals.js';
import { dropLines, firstLines, preambleNote, readPreamble } from './preamble.js';
import { SpendBuilder } from './spend.js';
import { resolveSpendHeader } from './spend-layout.js';
import { SubscriptionsBuilder } from './subscriptions.js';
import { csvParser } from './csv.js';
import { FastCsvParser, fastCsvSupports, type RecordParser } from './fast-csv.js';
import type { HeaderMapping } from './header.js';
import { countNewlines, isBlankRecord, isRepeatedHeader, truncate, type FileProblem, type RejectSink, type TableState } from './table.js';
import { LineBreakTally, Utf8Chunker, decodeUtf8Or1252, firstInvalidUtf8, hasUtf8Multibyte } from './text-stream.js';

export type ReadResult<T> =
  | { readonly ok: true; readonly records: T[]; readonly report: FileReport }
  | { readonly ok: false; readonly problems: readonly FileProblem[]; readonly configProblem?: boolean };

export interface ReadOptions {
  readonly config: Config;
  /** --date-format from the command line; wins over the config. */
  readonly dateFormat?: 'MDY' | 'DMY' | 'YMD';
  /** Largest record in characters before the file is refused (protects memory). */
  readonly maxRecordChars?: number;
  /** Receives every rejected row whole as it is rejected (the report keeps capped examples). */
  readonly onReject?: RejectSink;
  /** Bytes gathered before sniffing the encoding and delimiter (default 64 KB; small in tests, to reach the streaming checks). */
  readonly headBytes?: number;
  /**
   * Files of at least this many bytes are parsed by the fast path (fast-csv.ts: the same
   * records as csv-parse, which takes over at the first record it does not read the same way);
   * smaller ones by csv-parse alone. Default DEFAULT_FAST_PATH_MIN_BYTES; 0 forces the fast path
   * on, Infinity off.
   */
  readonly fastPathMinBytes?: number;
}

export const DEFAULT_FAST_PATH_MIN_BYTES = 1 << 20;

export const DEFAULT_MAX_RECORD_CHARS = 1_000_000;

/** The record type read from an input of kind K. */
export type RecordOf<K extends InputKind> = K extends 'deals'
  ? Deal
  : K extends 'spend'
    ? SpendRow
    : K extends 'renewals'
      ? Renewal
      : K extends 'subscriptions'
        ? Subscription
        : Account;

interface Builder<T> {
  add(cells: readonly string[], line: number): void;
  finish(asOfHint: number | null): BuiltTable<T>;
  readonly state: TableState;
}

const CANDIDATE_DELIMITERS = [',', ';', '\t', '|'] as const;

export async function readTable<K extends InputKind>(
  kind: K,
  path: string,
  chunks: AsyncIterable<Uint8Array>,
  options: ReadOptions,
): Promise<ReadResult<RecordOf<K>>> {
  const fail = (message: string, line: number | null = null, column: string | null = null): ReadResult<RecordOf<K>> => ({
    ok: false,
    problems: [{ line, column, message }],
  });

  const iterator = chunks[Symbol.asyncIterator]();
  // Gather enough bytes to sniff the encoding and the header line.
  const head: Uint8Array[] = [];
  let headBytes = 0;
  let exhausted = false;
  const want = options.headBytes ?? 65536;
  while (headBytes < want) {
    const next = await iterator.next();
    if (next.done) {
      exhausted = true;
      break;
    }
    head.push(next.value);
    headBytes += next.value.length;
  }
  const first = concat(head, headBytes);
  if (first.length === 0) return fail('the file is empty (0 bytes); expected a header row and data rows');

  let encoding = sniffEncoding(first);
  // not UTF-8, yet holding well-formed UTF-8 characters too ("Zoë" from one tool, "Café" in
  // Windows-1252 from another): read as UTF-8 with the bad bytes as Windows-1252, not as all-1252
  // (which would garble every real UTF-8 character)
  if (encoding === 'windows-1252' && hasUtf8Multibyte(first)) encoding = 'utf-8';
  if (encoding === 'binary') {
    return fail('the file is not text (it contains NUL bytes); export it as CSV (UTF-8) and try again', 1);
  }
  const decoder = new TextDecoder(encoding, { fatal: false });
  /** Whether more than the head was read (the head was decoded as part of a stream, to be flushed at the end). */
  const headStreamed = !exhausted;
  const firstText = decoder.decode(first, { stream: headStreamed });
  if (firstText.trim() === '') return fail('the file holds no rows (only blank lines); expected a header row and data rows');

  const config = options.config;
  const inputConfig = config.inputs?.[kind];
  // spend reports: title and date-range lines above the header (ingest/preamble.ts); slash dates
  // there ("Report End: 11/30/2024") settle the day/month order of the whole export
  // (any kind: the header is found where the classifier found it; the range dates only spend)
  const preamble = readPreamble(firstLines(firstText), options.dateFormat ?? inputConfig?.dateFormat);
  const dateFormat = options.dateFormat ?? inputConfig?.dateFormat ?? (kind === 'spend' ? preamble.dateOrder : null) ?? undefined;
  let preambleRecords = preamble.skip;
  const delimiter = sniffDelimiter(preamble.skip > 0 ? dropLines(firstText, preamble.skip) : firstText);

  let builder: Builder<RecordOf<K>> | null = null;
  let header: string[] | null = null;
  /** One-field records after the header not yet known to be data or a report footer. */
  const pending: { cells: string[]; line: number }[] = [];
  const flushPending = (b: Builder<RecordOf<K>>): void => {
    for (const p of pending.splice(0)) b.add(p.cells, p.line);
  };
  let nextLine = 1;
  let fatal: FileProblem[] | null = null;
  let configProblem = false;

  const onRecord = (cells: string[]): void => {
    const line = nextLine;
    nextLine += 1 + countNewlines(cells);
    if (fatal) return;
    if (preambleRecords > 0) {
      preambleRecords -= 1;
      return;
    }
    // a blank line, or a row of empty cells (",,,," as spreadsheets write them): not a data row
    if (isBlankRecord(cells)) {
      if (builder) builder.state.blank += 1;
      return;
    }
    if (header !== null && builder !== null && header.length >= 3 && isOneFieldRecord(cells)) {
      // possibly a report footer ("Copyright (c) … salesforce.com"): held back until a real row
      // follows (then it is data) or the file ends (then it is judged as a footer)
      if (pending.length < MAX_FOOTER_LINES) {
        pending.push({ cells, line });
        return;
      }
    }
    if (pending.length > 0 && builder !== null) flushPending(builder);
    if (header !== null && builder !== null && isRepeatedHeader(cells, header)) {
      builder.state.warn('repeated_header', 'rows repeating the header row (files joined with their headers) were skipped, not read as data', line);
      return;
    }
    if (header === null) {
      header = cells.map((c) => c.trim());
      const spend = kind === 'spend' ? resolveSpendHeader(header, preamble, inputConfig?.columns, inputConfig?.preset) : null;
      const resolved = spend?.result ?? resolveHeader(kind, header, inputConfig?.columns ?? {}, inputConfig?.preset);
      if (!resolved.ok) {
        configProblem = resolved.problems.some((p) => p.keyPath !== null);
        fatal = resolved.problems.map((p) => ({
          line,
          column: null,
          message:
            (p.keyPath ? `${p.keyPath}: ` : '') +
            p.message +
            ` Headers found (${resolved.preset.title}): ${header!.slice(0, 30).map((h) => `"${truncate(h, 40)}"`).join(', ')}${header!.length > 30 ? ` and ${header!.length - 30} more` : ''}.`,
        }));
        return;
      }
      const ctx = { kind, path, header, mapping: resolved.mapping, dateFormat, ...(options.onReject ? { onReject: options.onReject } : {}) };
      builder = (
        kind === 'deals'
          ? new DealsBuilder(ctx, config.inputs?.deals)
          : kind === 'spend'
            ? new SpendBuilder(ctx, config.inputs?.spend, { layout: spend?.layout, companyCurrency: config.company?.currency, fxRates: config.fxRates })
            : kind === 'renewals'
              ? new RenewalsBuilder(ctx)
              : kind === 'subscriptions'
                ? new SubscriptionsBuilder(ctx)
                : new AccountsBuilder(ctx)
      ) as unknown as Builder<RecordOf<K>>;
      const dup = duplicateHeaderWarning(kind, header, resolved.mapping);
      if (dup !== null) builder.state.warn('duplicate_header', dup);
      // the spend builder says what it skipped, with the period it took from it (spend.ts)
      if (kind !== 'spend' && preamble.lines.length > 0) builder.state.warn('report_layout', preambleNote(preamble), line);
      return;
    }
    (builder as Builder<RecordOf<K>>).add(cells, line);
  };

  // UTF-8 goes to csv-parse as raw bytes (it decodes each field once); other encodings are
  // decoded here first.
  const raw = encoding === 'utf-8';
  // large files: the fast path, decided once enough bytes are seen (the file's size is not known
  // here); it reads UTF-8 bytes, and the text other encodings are decoded to here
  const fastMin = options.fastPathMinBytes ?? DEFAULT_FAST_PATH_MIN_BYTES;
  const ahead: Uint8Array[] = [];
  let seen = first.length;
  if (fastCsvSupports(delimiter)) {
    while (!exhausted && seen < fastMin) {
      const next = await iterator.next();
      if (next.done) exhausted = true;
      else {
        ahead.push(next.value);
        seen += next.value.length;
      }
    }
  }
  const maxRecordSize = options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS;
  const parser: RecordParser =
    fastCsvSupports(delimiter) && seen >= fastMin ? new FastCsvParser({ delimiter, maxRecordSize }) : csvParser({ delimiter, bom: true, maxRecordSize });
  let parseError: CsvError | null = null;
  /** Whether csv-parse was inside a quoted field when it stopped (csv-parse 7's state; false if it changes). */
  let insideQuotes = false;
  /** The physical line csv-parse had reached when it stopped. */
  let errorLine = 0;
  parser.on('data', onRecord);
  const finished = new Promise<void>((resolve) => {
    parser.on('end', resolve);
    parser.on('error', (err: CsvError) => {
      parseError = err;
      // inside a quoted field that already spans line breaks: a runaway quote, not one long value
      errorLine = parser.info.lines;
      insideQuotes = (parser as unknown as { state?: { quoting?: boolean } }).state?.quoting === true;
      resolve();
    });
  });

  // csv-parse's max_record_size counts field text only, so a flood of delimiters (",,,,…", a few
  // bytes that become millions of empty fields) would pass it and exhaust memory: a physical line
  // longer than this is refused before it is parsed. (A line wholly inside one read chunk, at most
  // 1 MB from the shell, is bounded by the chunk.)
  const maxRecord = options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS;
  const maxLine = 2 * maxRecord + 1024;
  let lineLength = 0;
  let lineTooLong = false;
  const write = async (data: string | Uint8Array): Promise<void> => {
    if (parseError || lineTooLong || data.length === 0) return;
    const lastBreak = lastLineBreak(data);
    lineLength = lastBreak < 0 ? lineLength + data.length : data.length - lastBreak - 1;
    if (lineLength > maxLine) {
      lineTooLong = true;
      return;
    }
    // after a parse error no 'drain' ever comes: stop waiting when the parser is finished
    if (!parser.write(data)) await Promise.race([new Promise<void>((r) => parser.once('drain', r)), finished]);
  };
  // UTF-8 is checked over the whole file, not only the sniffed head: a chunk that is not valid
  // UTF-8 (Windows-1252 bytes appended by another tool) is re-decoded, each such byte read as
  // Windows-1252, and the warning names the first line holding one. Never a silent U+FFFD.
  const utf8 = raw ? new Utf8Chunker() : null;
  const lines = new LineBreakTally();
  let firstBadLine: number | null = null;
  const feed = async (bytes: Uint8Array): Promise<void> => {
    if (utf8 === null) {
      const text = decoder.decode(bytes, { stream: true });
      return write(text);
    }
    const next = utf8.next(bytes);
    await writeChecked(next.bytes, next.valid);
  };
  const writeChecked = async (bytes: Uint8Array, valid: boolean): Promise<void> => {
    if (!valid) {
      if (firstBadLine === null) firstBadLine = 1 + lines.breaks + LineBreakTally.count(bytes, Math.max(0, firstInvalidUtf8(bytes)));
      const text = decodeUtf8Or1252(bytes);
      lines.push(text);
      return write(text);
    }
    lines.push(bytes);
    return write(bytes);
  };
  if (utf8 === null) await write(firstText);
  else await feed(first);
  for (const chunk of ahead) {
    if (parseError || fatal || lineTooLong) break;
    await feed(chunk);
  }
  if (parseError || fatal || lineTooLong) await iterator.return?.();
  else if (!exhausted) {
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      if (parseError || fatal || lineTooLong) {
        // stop reading: closing the source releases the file (no need to read the rest of a 2 GB file)
        await iterator.return?.();
        break;
      }
      await feed(next.value);
    }
  }
  if (utf8 === null && headStreamed) await write(decoder.decode());
  const rest = utf8?.flush() ?? null;
  if (rest !== null) await writeChecked(rest, false); // an incomplete character at the very end
  if (lineTooLong) {
    return fail(`a row starting on line ${nextLine} is longer than ${maxRecord} characters; raise the limit with --max-field-size if that is real data`, nextLine);
  }
  if (!parseError) parser.end();
  await finished;

  if (parseError) {
    const err = parseError as CsvError;
    const message =
      err.code === 'CSV_QUOTE_NOT_CLOSED'
        ? `a quoted field opened on line ${nextLine} is never closed (unbalanced quote); everything after it would be one value. Close the quote or remove it.`
        : err.code === 'CSV_MAX_RECORD_SIZE' && insideQuotes && errorLine > nextLine
          ? // the real reason is nearly always a stray quote swallowing the rows after it, not a long row
            `a quoted field in the row starting on line ${nextLine} is still open after ${options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS} characters ` +
            `(it runs to line ${errorLine}): most likely an unbalanced quote (a stray " in a value), which would fold the rows after it into one value. ` +
            'Close the quote or remove it; raise --max-field-size only if that row really is that long.'
          : err.code === 'CSV_MAX_RECORD_SIZE'
          ? `a row starting on line ${nextLine} is longer than ${options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS} characters; raise the limit with --max-field-size if that is real data`
          : `the CSV cannot be read past line ${nextLine}: ${err.message.replace(/\s+/g, ' ')}`;
    return fail(message, nextLine);
  }
  if (fatal) return { ok: false, problems: fatal, configProblem };
  if (header === null || builder === null) return fail('the file holds no rows (only blank lines); expected a header row and data rows');
  const b = builder as Builder<RecordOf<K>>;
  if (pending.length > 0) {
    if (pending.some((p) => FOOTER_MARKER.test((p.cells.find((c) => c.trim() !== '') ?? '').trim()))) {
      const texts = pending.map((p) => `"${truncate((p.cells.find((c) => c.trim() !== '') ?? '').trim(), 40)}"`);
      const first = (pending[0] as { line: number }).line;
      const last = (pending[pending.length - 1] as { line: number }).line;
      b.state.warn(
        'report_footer',
        `${pending.length} report footer line(s) skipped (lines ${first}–${last}: ${texts.join(', ')}); they are the report's name and copyright lines, not data`,
        first,
      );
      const w = b.state.warnings.get('report_footer');
      if (w) w.count = pending.length;
      pending.length = 0;
    } else flushPending(b);
  }
  if (b.state.read === 0) return fail('the file has a header row but no data rows', 2);

  if (firstBadLine !== null) {
    b.state.warn(
      'encoding',
      `the file is UTF-8 but from line ${firstBadLine} on it also holds bytes that are not (Windows-1252, as Excel writes them): ` +
        `those bytes were read as Windows-1252, the rest as UTF-8; check accented names from that line on, or re-export the file as UTF-8`,
      firstBadLine,
    );
  }
  const built = b.finish(null);
  if (built.problems.length > 0) return { ok: false, problems: built.problems };
  return { ok: true, records: built.records, report: buildFileReport(kind, path, delimiter, header, built, encoding) };
}

/**
 * The warning for fields whose header appears more than once (HubSpot "all properties" exports
 * repeat names): which column is read and which are ignored; null when no used header repeats.
 * Headers compare as the mapping matches them (case, spacing and punctuation ignored).
 */
export function duplicateHeaderWarning(kind: InputKind, header: readonly string[], mapping: HeaderMapping): string | null {
  const out: string[] = [];
  const keys = header.map(normalizeKey);
  for (const [field, i] of Object.entries(mapping.index).sort(([a], [z]) => (a < z ? -1 : a > z ? 1 : 0))) {
    const same: number[] = [];
    keys.forEach((k, j) => {
      if (k === keys[i]) same.push(j);
    });
    if (same.length < 2) continue;
    const others = same.filter((j) => j !== i).map((j) => j + 1);
    out.push(
      `"${truncate(header[i] as string, 40)}" appears ${same.length} times (columns ${same.map((j) => j + 1).join(', ')}): ` +
        `${field} is read from column ${i + 1}, column${others.length > 1 ? 's' : ''} ${others.join(', ')} ignored`,
    );
  }
  if (out.length === 0) return null;
  return `duplicate headers: ${out.join('; ')}. Rename the columns, or map the right one with inputs.${kind}.columns in revhealth.config.json`;
}

/** The per-file accounting, shared by the single-stream and the parallel readers. */
export function buildFileReport<T>(
  kind: InputKind,
  path: string,
  delimiter: string,
  header: readonly string[],
  built: BuiltTable<T>,
  encoding: string,
): FileReport {
  const st = built.state;
  // examples only (capped per reason); the counts are complete
  const rejects = [...st.rejects].sort((a, z) => a.line - z.line);
  const rejectedByReason: Record<string, number> = Object.fromEntries(st.rejectCounts);
  const warnings = [...st.warningList(), ...built.extraWarnings.map((w) => ({ ...w }))];
  if (encoding === 'windows-1252') {
    warnings.push({ code: 'encoding', message: "the file is not valid UTF-8; it was read as Windows-1252 (Excel's default)" });
  }
  for (const col of st.amountColumns) {
    const mixed = col.mixedConventionWarning();
    if (mixed) warnings.push({ code: 'amount_convention', ...mixed });
  }
  if (st.blank > 0) warnings.push({ code: 'blank_rows', message: `${st.blank} blank line(s) skipped`, count: st.blank });
  const mappingNames = st.ctx.mapping;
  const report: FileReport = {
    kind,
    path,
    preset: mappingNames.preset.id,
    delimiter,
    header: [...header],
    mapping: Object.fromEntries(Object.entries(mappingNames.names).sort(([a], [z]) => (a < z ? -1 : a > z ? 1 : 0))),
    rows: { read: st.read, used: built.usedRows ?? built.records.length, rejected: st.rejected },
    rejectedByReason: Object.fromEntries(Object.entries(rejectedByReason).sort(([a], [z]) => (a < z ? -1 : 1))),
    rejects,
    warnings: warnings.sort((a, z) => (a.code < z.code ? -1 : a.code > z.code ? 1 : 0)),
    dateRange: dateRangeOf(kind, built.records as unknown[]),
    dateOrder: built.dateOrder,
    ...(built.currency !== undefined ? { currency: built.currency } : {}),
  };
  return report;
}

/** A report footer holds at most this many one-field lines (Salesforce writes five). */
const MAX_FOOTER_LINES = 12;
/** Lines only a report footer holds: Salesforce's copyright, confidentiality and "Generated By:" lines. */
export const FOOTER_MARKER = /^(copyright \(c\)|confidential information\b|generated by:)|all rights reserved/i;

/** A record with exactly one non-empty field (however many empty ones follow). */
function isOneFieldRecord(cells: readonly string[]): boolean {
  let filled = 0;
  for (const c of cells) if (c.trim() !== '' && ++filled > 1) return false;
  return filled === 1;
}

/** Index of the last LF (else CR) in a chunk, -1 when it has none. */
function lastLineBreak(data: string | Uint8Array): number {
  if (typeof data === 'string') {
    const lf = data.lastIndexOf('\n');
    return lf >= 0 ? lf : data.lastIndexOf('\r');
  }
  const lf = data.lastIndexOf(10);
  return lf >= 0 ? lf : data.lastIndexOf(13);
}

function dateRangeOf(kind: InputKind, records: readonly unknown[]): { min: string; max: string } | null {
  let min = Infinity;
  let max = -Infinity;
  const see = (d: number | null): void => {
    if (d === null) return;
    if (d < min) min = d;
    if (d > max) max = d;
  };
  for (const r of records) {
    if (kind === 'deals') {
      const d = r as Deal;
      see(d.created);
      if (d.status !== 'open') see(d.closed);
    } else if (kind === 'spend') {
      if ((r as SpendRow).undated === undefined) see((r as SpendRow).periodStart);
    }
    else if (kind === 'renewals') see((r as Renewal).renewalDate);
    else if (kind === 'subscriptions') {
      see((r as Subscription).start);
      see((r as Subscription).end);
    }
  }
  return min === Infinity ? null : { min: isoFromDay(min), max: isoFromDay(max) };
}

function concat(parts: readonly Uint8Array[], total: number): Uint8Array {
  if (parts.length === 1) return parts[0] as Uint8Array;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

export function sniffEncoding(bytes: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'binary' {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  const sample = bytes.subarray(0, Math.min(bytes.length, 65536));
  if (sample.includes(0)) return 'binary';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

/** Counts each candidate delimiter outside quotes on the first line; the most frequent wins (comma on a tie). */
export function sniffDelimiter(text: string): string {
  const counts = new Map<string, number>(CANDIDATE_DELIMITERS.map((d) => [d, 0]));
  let inQuotes = false;
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (let i = start; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) break;
    else if (!inQuotes && counts.has(ch)) counts.set(ch, (counts.get(ch) as number) + 1);
  }
  let best = ',';
  let bestCount = 0;
  for (const d of CANDIDATE_DELIMITERS) {
    const c = counts.get(d) as number;
    if (c > bestCount) {
      best = d;
      bestCount = c;
    }
  }
  return best;
}
