/**
 * Parses one byte range of a deals file (whole records only) into a DealsBuilder, the same way the
 * single-stream reader does: with the fast path (ingest/fast-csv.ts: csv-parse's records, csv-parse
 * taking over at the first record it would read differently), else csv-parse. Used by the ingest
 * workers and, for the first range, by the main thread itself (so on two cores two threads parse,
 * not three).
 */
import { createReadStream } from 'node:fs';
import type { CsvError } from 'csv-parse';
import type { DealsInputConfig } from '../config/schema.js';
import type { DealsBuilder } from '../ingest/deals.js';
import { csvParser } from '../ingest/csv.js';
import { FastCsvParser, fastCsvSupports, type RecordParser } from '../ingest/fast-csv.js';
import { countNewlines, isBlankRecord, isRepeatedHeader } from '../ingest/table.js';

export interface RangeInput {
  readonly path: string;
  readonly shownPath: string;
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
  readonly firstLine: number;
  readonly header: readonly string[];
  readonly delimiter: string;
  readonly inputConfig: DealsInputConfig | undefined;
  readonly dateFormat: 'MDY' | 'DMY' | 'YMD' | undefined;
  readonly maxRecordChars: number;
  /** Records per batch message. */
  readonly batchRecords: number;
}

export type RangeOutcome = { readonly ok: true; readonly offsets: number[] } | { readonly ok: false; readonly message: string };

/**
 * Feeds every record of the range to `builder`. `onRecords` is called after every `batchRecords`
 * records kept (with the bytes of the range parsed so far); `offsets` has each kept record's byte
 * offset (to re-read a record's cells later).
 */
export function parseRange(input: RangeInput, builder: DealsBuilder, onRecords: (bytes: number) => void): Promise<RangeOutcome> {
  return new Promise((resolve) => {
    const offsets: number[] = [];
    let nextLine = input.firstLine;
    let consumed = 0;
    // the single stream's reading: every line ending (CRLF, LF, CR) ends a record outside quotes;
    // a range starts after the header, so a BOM-like character at its start is data (bom off)
    const parser: RecordParser = fastCsvSupports(input.delimiter)
      ? new FastCsvParser({ delimiter: input.delimiter, maxRecordSize: input.maxRecordChars, bom: false })
      : csvParser({ delimiter: input.delimiter, maxRecordSize: input.maxRecordChars });
    let failed = false;
    let stopSource = (): void => {};
    parser.on('data', (cells: string[]) => {
      const line = nextLine;
      nextLine += 1 + countNewlines(cells);
      const offset = input.start + consumed;
      consumed = parser.info.bytes;
      if (isBlankRecord(cells)) {
        builder.state.blank += 1;
        return;
      }
      if (isRepeatedHeader(cells, input.header)) {
        builder.state.warn('repeated_header', 'rows repeating the header row (files joined with their headers) were skipped, not read as data', line);
        return;
      }
      const before = builder.recordCount;
      builder.add(cells, line);
      if (builder.recordCount > before) {
        offsets.push(offset);
        if (builder.recordCount % input.batchRecords === 0) onRecords(consumed);
      }
    });
    parser.on('error', (err: CsvError) => {
      failed = true;
      stopSource();
      resolve({ ok: false, message: err.message });
    });
    parser.on('end', () => {
      if (!failed) resolve({ ok: true, offsets });
    });
    if (input.end > input.start) {
      const source = createReadStream(input.path, { start: input.start, end: input.end - 1, highWaterMark: 1 << 20 });
      stopSource = () => source.destroy();
      source.on('error', (err) => {
        failed = true;
        resolve({ ok: false, message: err.message });
      });
      source.on('data', (chunk) => {
        if (failed) return;
        if (!parser.write(chunk as Buffer)) {
          source.pause();
          parser.once('drain', () => source.resume());
        }
      });
      source.on('end', () => {
        if (!failed) parser.end();
      });
    } else {
      parser.end();
    }
  });
}
