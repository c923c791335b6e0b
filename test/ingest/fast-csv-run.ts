/**
 * Runs a record parser (csv-parse's or the fast path) over byte or text chunks and collects what
 * the reader of record sees: every record with its physical start line (counted the way readTable
 * counts them: 1 + the LFs inside each record's cells) and the parser's byte count at that record
 * (the offsets parallel ranges keep), and csv-parse's error code, line counter and quoting state
 * when it stops.
 */
import type { CsvError } from 'csv-parse';
import { csvParser } from '../../src/ingest/csv.js';
import { FastCsvParser, type RecordParser } from '../../src/ingest/fast-csv.js';
import { countNewlines } from '../../src/ingest/table.js';
import { splitAt } from '../helpers/streams.js';

export interface ParseOutcome {
  readonly records: { readonly line: number; readonly cells: string[]; readonly bytes: number }[];
  readonly error: {
    readonly code: string;
    readonly lines: number;
    readonly quoting: boolean;
    /** The error's own message and position fields. */
    readonly message: string;
    readonly at: { readonly lines: unknown; readonly records: unknown };
  } | null;
}

export interface ParseSetup {
  readonly delimiter: string;
  readonly maxRecordSize: number;
  /** Default true. */
  readonly bom?: boolean;
}

export function referenceParser(setup: ParseSetup): RecordParser {
  return csvParser({ delimiter: setup.delimiter, bom: setup.bom ?? true, maxRecordSize: setup.maxRecordSize });
}

export function fastParser(setup: ParseSetup): FastCsvParser {
  return new FastCsvParser({ delimiter: setup.delimiter, maxRecordSize: setup.maxRecordSize, bom: setup.bom ?? true });
}

export async function runParser(parser: RecordParser, chunks: readonly (string | Uint8Array)[]): Promise<ParseOutcome> {
  const records: { line: number; cells: string[]; bytes: number }[] = [];
  let nextLine = 1;
  let error: ParseOutcome['error'] = null;
  parser.on('data', (cells: string[]) => {
    records.push({ line: nextLine, cells, bytes: parser.info.bytes });
    nextLine += 1 + countNewlines(cells);
  });
  const finished = new Promise<void>((resolve) => {
    parser.on('end', resolve);
    parser.on('error', (err: CsvError) => {
      // csv-parse 7's state, as readTable reads it
      const at = err as unknown as { lines?: unknown; records?: unknown };
      error = {
        code: err.code,
        lines: parser.info.lines,
        quoting: (parser as unknown as { state?: { quoting?: boolean } }).state?.quoting === true,
        message: err.message,
        at: { lines: at.lines, records: at.records },
      };
      resolve();
    });
  });
  for (const c of chunks) {
    if (error) break;
    if (c.length === 0) continue;
    if (!parser.write(c)) await Promise.race([new Promise<void>((r) => parser.once('drain', r)), finished]);
  }
  if (!error) parser.end();
  await finished;
  return { records, error };
}

/** Bytes cut at every given position (sorted, deduplicated, clamped); no empty chunk, none for empty bytes. */
export function cutAt(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  return splitAt(bytes, cuts).filter((c) => c.length > 0);
}
