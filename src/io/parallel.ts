/**
 * Parallel ingest of a large deals file: a quote-aware scan finds record boundaries (and the
 * physical line number at each), worker threads parse the byte ranges with csv-parse, and the
 * partial results are merged in file order into one DealsBuilder, so the outcome is identical to
 * the single-stream reader. Returns null whenever the file is not a clean candidate (small, not
 * UTF-8, a quote the scanner cannot follow...): the caller then uses the single-stream reader,
 * which also produces the proper error messages.
 */
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { parse as parseSync } from 'csv-parse/sync';
import type { Config } from '../config/schema.js';
import { BoundaryScanner } from '../ingest/boundaries.js';
import { DealsBuilder, type DealsPartial } from '../ingest/deals.js';
import { resolveHeader } from '../ingest/header.js';
import { DEFAULT_MAX_RECORD_CHARS, buildFileReport, sniffDelimiter, sniffEncoding, type ReadResult } from '../ingest/read-table.js';
import type { Deal } from '../model.js';
import type { WorkerInput } from './ingest-worker.js';

/** Files smaller than this are read on one thread: worker start-up would cost more than it saves. */
export const PARALLEL_MIN_BYTES = 16 * 1024 * 1024;

export function defaultThreads(): number {
  return Math.min(4, Math.max(1, availableParallelism()));
}

export interface ParallelOptions {
  readonly config: Config;
  readonly dateFormat?: 'MDY' | 'DMY' | 'YMD';
  readonly maxRecordChars?: number;
  readonly threads: number;
  readonly minBytes?: number;
}

export async function readDealsParallel(path: string, shownPath: string, options: ParallelOptions): Promise<ReadResult<Deal> | null> {
  const threads = options.threads;
  const size = statSync(path).size;
  if (threads < 2 || size < (options.minBytes ?? PARALLEL_MIN_BYTES)) return null;

  const head = readHead(path, 65536);
  if (sniffEncoding(head) !== 'utf-8') return null;
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  if (head[bom] === 10 || head[bom] === 13) return null; // blank lines before the header: single stream
  const delimiter = sniffDelimiter(new TextDecoder().decode(head.subarray(bom)));
  if (delimiter.length !== 1) return null;

  const targets = Array.from({ length: threads - 1 }, (_, k) => Math.floor((size * (k + 1)) / threads));
  // the same physical-line limit as the single stream (readTable): longer lines are its to refuse
  const scanner = new BoundaryScanner(delimiter.charCodeAt(0), targets, bom, 2 * (options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS) + 1024);
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    scanner.push(chunk as Buffer);
    if (scanner.anomaly !== null) break; // the single stream takes over: no need to read on
  }
  scanner.end();
  if (scanner.anomaly !== null || scanner.headerEnd === null || scanner.boundaries.length !== threads - 1) return null;
  // csv-parse takes its record delimiter from the header line's end; a CR anywhere else in that
  // line would make it pick CR: leave such a file to the single stream
  if (scanner.headerEnd.offset > head.length) return null;
  const headerLine = head.subarray(bom, scanner.headerEnd.offset);
  const cr = headerLine.indexOf(13);
  if (cr !== -1 && cr !== headerLine.length - 2) return null;
  const recordDelimiter = scanner.crlf ? '\r\n' : '\n';

  const headerBytes = readRange(path, bom, scanner.headerEnd.offset);
  const headerRecord = (parseSync(headerBytes, { delimiter, record_delimiter: recordDelimiter, relax_quotes: true, relax_column_count: true, to: 1 }) as string[][])[0];
  if (!headerRecord) return null;
  const header = headerRecord.map((c) => c.trim());
  const inputConfig = options.config.inputs?.deals;
  const resolved = resolveHeader('deals', header, inputConfig?.columns ?? {}, inputConfig?.preset);
  if (!resolved.ok) return null;
  const dateFormat = options.dateFormat ?? inputConfig?.dateFormat;
  const maxRecordChars = options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS;

  const starts = [scanner.headerEnd, ...scanner.boundaries];
  const results = await Promise.all(
    starts.map((s, k) =>
      runWorker({
        path,
        shownPath,
        start: s.offset,
        end: k + 1 < starts.length ? (starts[k + 1] as { offset: number }).offset : size,
        firstLine: s.line,
        header,
        delimiter,
        recordDelimiter,
        inputConfig,
        dateFormat,
        maxRecordChars,
      }),
    ),
  );
  if (results.some((r) => r === null)) return null;

  const builder = new DealsBuilder({ kind: 'deals', path: shownPath, header, mapping: resolved.mapping, dateFormat }, inputConfig);
  for (const r of results as { partial: DealsPartial; offsets: Float64Array }[]) {
    const base = builder.recordCount;
    const duplicates = builder.importPartial(r.partial);
    for (const d of duplicates) {
      const offset = r.offsets[d.index - base] as number;
      const bytes = readRange(path, offset, Math.min(size, offset + maxRecordChars * 4));
      const raw = (parseSync(bytes, { delimiter, record_delimiter: recordDelimiter, relax_quotes: true, relax_column_count: true, to: 1 }) as string[][])[0] ?? [];
      // the cells as the single stream keeps them: fitted to the header (a duplicate never has non-empty extras)
      const cells = raw.length >= header.length ? raw.slice(0, header.length) : [...raw, ...new Array<string>(header.length - raw.length).fill('')];
      builder.rejectCrossDuplicate(d.index, cells, d.firstLine);
    }
  }
  if (builder.state.read === 0) return null;
  const built = builder.finish(null);
  if (built.problems.length > 0) return { ok: false, problems: built.problems };
  return { ok: true, records: built.records, report: buildFileReport('deals', shownPath, delimiter, header, built, 'utf-8') };
}

function runWorker(input: WorkerInput): Promise<{ partial: DealsPartial; offsets: Float64Array } | null> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./ingest-worker.js', import.meta.url), { workerData: input });
    let settled = false;
    worker.once('message', (msg: { ok: boolean; partial?: DealsPartial; offsets?: Float64Array }) => {
      settled = true;
      resolve(msg.ok && msg.partial && msg.offsets ? { partial: msg.partial, offsets: msg.offsets } : null);
      void worker.terminate();
    });
    worker.once('error', () => {
      if (!settled) resolve(null);
    });
    worker.once('exit', () => {
      if (!settled) resolve(null);
    });
  });
}

function readHead(path: string, n: number): Uint8Array {
  return readRange(path, 0, Math.min(n, statSync(path).size));
}

function readRange(path: string, start: number, end: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(Math.max(0, end - start));
    let read = 0;
    while (read < buf.length) {
      const n = readSync(fd, buf, read, buf.length - read, start + read);
      if (n === 0) break;
      read += n;
    }
    return buf.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}
