/**
 * Worker thread: parses one byte range of a deals file (whole records only) with csv-parse and
 * the same DealsBuilder as the single-stream path. Records go back as columns in batches while
 * the range is parsed (so the main thread decodes them meanwhile and no thread holds the whole
 * range as objects), then everything else the builder learned in one last message.
 */
import { createReadStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { parse, type CsvError } from 'csv-parse';
import type { DealsInputConfig } from '../config/schema.js';
import { transferList, type DealColumns } from '../ingest/deal-columns.js';
import { DealsBuilder, type DealsPartial } from '../ingest/deals.js';
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
  /** Records per batch message. */
  readonly batchRecords: number;
}

export type WorkerMessage =
  | { readonly kind: 'batch'; readonly columns: DealColumns; readonly bytes: number }
  | { readonly kind: 'done'; readonly partial: DealsPartial; readonly offsets: Float64Array }
  | { readonly kind: 'failed'; readonly message: string };

const input = workerData as WorkerInput;
const port = parentPort;
if (port === null) throw new Error('ingest-worker must run in a worker thread');

const resolved = resolveHeader('deals', input.header, input.inputConfig?.columns ?? {}, input.inputConfig?.preset);
if (!resolved.ok) {
  port.postMessage({ kind: 'failed', message: 'header does not resolve' } satisfies WorkerMessage);
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
    if (builder.recordCount > before) {
      offsets.push(offset);
      if (builder.recordCount % input.batchRecords === 0) {
        const columns = builder.takeBatch();
        port.postMessage({ kind: 'batch', columns, bytes: consumed } satisfies WorkerMessage, transferList(columns));
      }
    }
  });
  parser.on('error', (err: CsvError) => {
    failed = true;
    port.postMessage({ kind: 'failed', message: err.message } satisfies WorkerMessage);
  });
  parser.on('end', () => {
    if (failed) return;
    const partial = builder.exportPartial();
    const offsetArray = Float64Array.from(offsets);
    port.postMessage({ kind: 'done', partial, offsets: offsetArray } satisfies WorkerMessage, [...transferList(partial.columns), offsetArray.buffer]);
  });
  if (input.end > input.start) {
    createReadStream(input.path, { start: input.start, end: input.end - 1, highWaterMark: 1 << 20 }).pipe(parser);
  } else {
    parser.end();
  }
}
