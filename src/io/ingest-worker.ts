/**
 * Worker thread: parses one byte range of a deals file (whole records only) with csv-parse and
 * the same DealsBuilder as the single-stream path, and hands back its partial result as columns.
 */
import { createReadStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { parse, type CsvError } from 'csv-parse';
import type { DealsInputConfig } from '../config/schema.js';
import { transferList } from '../ingest/deal-columns.js';
import { DealsBuilder } from '../ingest/deals.js';
import { resolveHeader } from '../ingest/header.js';
import { countNewlines, isBlankRecord } from '../ingest/table.js';

export interface WorkerInput {
  readonly path: string;
  readonly shownPath: string;
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
  readonly firstLine: number;
  readonly header: readonly string[];
  readonly delimiter: string;
  /** As the single stream detected it from the header line: '\n' or '\r\n'. */
  readonly recordDelimiter: string;
  readonly inputConfig: DealsInputConfig | undefined;
  readonly dateFormat: 'MDY' | 'DMY' | 'YMD' | undefined;
  readonly maxRecordChars: number;
}

const input = workerData as WorkerInput;
const port = parentPort;
if (port === null) throw new Error('ingest-worker must run in a worker thread');

const resolved = resolveHeader('deals', input.header, input.inputConfig?.columns ?? {}, input.inputConfig?.preset);
if (!resolved.ok) {
  port.postMessage({ ok: false, message: 'header does not resolve' });
} else {
  const builder = new DealsBuilder(
    { kind: 'deals', path: input.shownPath, header: input.header, mapping: resolved.mapping, dateFormat: input.dateFormat },
    input.inputConfig,
  );
  const offsets: number[] = [];
  let nextLine = input.firstLine;
  let consumed = 0;
  const parser = parse({
    delimiter: input.delimiter,
    record_delimiter: input.recordDelimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    max_record_size: input.maxRecordChars,
  });
  let failed = false;
  parser.on('data', (cells: string[]) => {
    const line = nextLine;
    nextLine += 1 + countNewlines(cells);
    const offset = input.start + consumed;
    consumed = parser.info.bytes;
    if (isBlankRecord(cells)) {
      builder.state.blank += 1;
      return;
    }
    const before = builder.recordCount;
    builder.add(cells, line);
    if (builder.recordCount > before) offsets.push(offset);
  });
  parser.on('error', (err: CsvError) => {
    failed = true;
    port.postMessage({ ok: false, message: err.message });
  });
  parser.on('end', () => {
    if (failed) return;
    const partial = builder.exportPartial();
    const offsetArray = Float64Array.from(offsets);
    port.postMessage({ ok: true, partial, offsets: offsetArray }, [...transferList(partial.columns), offsetArray.buffer]);
  });
  if (input.end > input.start) {
    createReadStream(input.path, { start: input.start, end: input.end - 1, highWaterMark: 1 << 20 }).pipe(parser);
  } else {
    parser.end();
  }
}
