/**
 * Parallel ingest of a large deals file: a quote-aware scan finds record boundaries (and the
 * physical line number at each); the main thread parses the first byte range with csv-parse
 * straight into the DealsBuilder while worker threads parse the others and send their records
 * back in batches; everything is merged in file order, so the outcome is identical to the
 * single-stream reader. Returns null whenever the file is not a clean candidate (small, not
 * UTF-8, a quote the scanner cannot follow...): the caller then uses the single-stream reader,
 * which also produces the proper error messages.
 */
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { parse as parseSync } from 'csv-parse/sync';
import type { Config } from '../config/schema.js';
import { BoundaryScanner } from '../ingest/boundaries.js';
import type { DealBatch } from '../ingest/deal-columns.js';
import { DealsBuilder, type DealsPartial } from '../ingest/deals.js';
import { resolveHeader } from '../ingest/header.js';
import { csvOptions } from '../ingest/csv.js';
import { firstLines, readPreamble } from '../ingest/preamble.js';
import { DEFAULT_MAX_RECORD_CHARS, FOOTER_MARKER, buildFileReport, duplicateHeaderWarning, sniffDelimiter, sniffEncoding, type ReadResult } from '../ingest/read-table.js';
import type { RejectSink } from '../ingest/table.js';
import { Utf8Chunker } from '../ingest/text-stream.js';
import type { Deal } from '../base/model.js';
import type { WorkerInput, WorkerMessage } from './ingest-worker.js';
import { parseRange } from './parse-range.js';

/** Files smaller than this are read on one thread even with --threads: worker start-up would cost more than it saves. */
export const PARALLEL_MIN_BYTES = 4 * 1024 * 1024;

/** Records per batch message from a worker: the main thread decodes each batch while the workers parse on. */
export const BATCH_RECORDS = 65_536;

/**
 * Threads pay only with cores to spare. Measured side by side (bench/threads.mjs, bench/RESULTS.md
 * "Threads"): on 2 cores one thread was faster at every size measured, 6 MB to 32 MB (two threads
 * took 1.25–1.5 × the time of one; issue 17 saw 100 k deals take 1.9 s by default, 1.4 s with
 * one thread): the main thread parses its own range and also decodes the workers' batches, so a
 * second core mostly adds start-up and messages. The default is therefore one stream below
 * PARALLEL_MIN_CORES cores or DEFAULT_PARALLEL_MIN_BYTES; above both, one thread per core, at most
 * 4. Both thresholds are the cautious side of what was measured (no machine with more cores was
 * at hand): re-run bench/threads.mjs on one before lowering them.
 */
export const PARALLEL_MIN_CORES = 4;
export const DEFAULT_PARALLEL_MIN_BYTES = 32 * 1024 * 1024;

/** The thread count for a deals file of `fileBytes`: `requested` (--threads) capped at the core count, else the measured default. */
export function threadsFor(requested: number | undefined, fileBytes: number, cores: number = availableParallelism()): number {
  const available = Math.max(1, cores);
  if (requested !== undefined) return Math.max(1, Math.min(requested, available));
  return defaultThreads(fileBytes, available);
}

export function defaultThreads(fileBytes = Infinity, cores: number = availableParallelism()): number {
  if (cores < PARALLEL_MIN_CORES || fileBytes < DEFAULT_PARALLEL_MIN_BYTES) return 1;
  return Math.min(4, cores);
}

export interface ParallelOptions {
  readonly config: Config;
  readonly dateFormat?: 'MDY' | 'DMY' | 'YMD';
  readonly maxRecordChars?: number;
  readonly threads: number;
  readonly minBytes?: number;
  /** Records per batch message (default BATCH_RECORDS). */
  readonly batchRecords?: number;
  /** Bytes of the file parsed so far, summed over the ranges. */
  readonly onProgress?: (bytes: number) => void;
  /**
   * Every rejected row, whole, as it is rejected (--rejects). Workers keep capped examples only,
   * so a run that streams its rejects reads on one stream (returns null).
   */
  readonly onReject?: RejectSink;
}

export async function readDealsParallel(path: string, shownPath: string, options: ParallelOptions): Promise<ReadResult<Deal> | null> {
  const threads = options.threads;
  const size = statSync(path).size;
  if (threads < 2 || size < (options.minBytes ?? PARALLEL_MIN_BYTES) || options.onReject !== undefined) return null;

  const head = readHead(path, 65536);
  if (sniffEncoding(head) !== 'utf-8') return null;
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  if (head[bom] === 10 || head[bom] === 13) return null; // blank lines before the header: single stream
  if (readPreamble(firstLines(new TextDecoder().decode(head))).skip > 0) return null; // report lines above the header: single stream
  const delimiter = sniffDelimiter(new TextDecoder().decode(head.subarray(bom)));
  if (delimiter.length !== 1) return null;
  // a report footer ("Copyright (c) … salesforce.com" and the lines around it) is recognised by
  // the single stream only (the ranges would read its lines as rows without a stage): leave such
  // a file to it. Any footer word in the last 4 KB is enough to decline; declining is always safe.
  if (footerInTail(path, size)) return null;

  const targets = Array.from({ length: threads - 1 }, (_, k) => Math.floor((size * (k + 1)) / threads));
  // the same physical-line limit as the single stream (readTable): longer lines are its to refuse
  const scanner = new BoundaryScanner(delimiter.charCodeAt(0), targets, bom, 2 * (options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS) + 1024);
  // UTF-8 over the whole file: a later chunk that is not (Windows-1252 bytes) is the single stream's to re-decode and report
  const utf8 = new Utf8Chunker();
  let valid = true;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    scanner.push(chunk as Buffer);
    valid = utf8.next(chunk as Buffer).valid;
    if (scanner.anomaly !== null || !valid) break; // the single stream takes over: no need to read on
  }
  scanner.end();
  if (!valid || utf8.flush() !== null) return null;
  if (scanner.anomaly !== null || scanner.headerEnd === null || scanner.boundaries.length !== threads - 1) return null;
  // csv-parse takes its record delimiter from the header line's end; a CR anywhere else in that
  // line would make it pick CR: leave such a file to the single stream
  if (scanner.headerEnd.offset > head.length) return null;
  const headerLine = head.subarray(bom, scanner.headerEnd.offset);
  const cr = headerLine.indexOf(13);
  if (cr !== -1 && cr !== headerLine.length - 2) return null;

  const headerBytes = readRange(path, bom, scanner.headerEnd.offset);
  const headerRecord = (parseSync(headerBytes, csvOptions({ delimiter, to: 1 })) as string[][])[0];
  if (!headerRecord) return null;
  const header = headerRecord.map((c) => c.trim());
  const inputConfig = options.config.inputs?.deals;
  const resolved = resolveHeader('deals', header, inputConfig?.columns ?? {}, inputConfig?.preset);
  if (!resolved.ok) return null;
  const dateFormat = options.dateFormat ?? inputConfig?.dateFormat;
  const maxRecordChars = options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS;

  const starts = [scanner.headerEnd, ...scanner.boundaries];
  const builder = new DealsBuilder({ kind: 'deals', path: shownPath, header, mapping: resolved.mapping, dateFormat }, inputConfig);
  const duplicateHeaders = duplicateHeaderWarning('deals', header, resolved.mapping);
  if (duplicateHeaders !== null) builder.state.warn('duplicate_header', duplicateHeaders);
  const rereadCells = (offset: number): string[] => {
    const bytes = readRange(path, offset, Math.min(size, offset + maxRecordChars * 4));
    const raw = (parseSync(bytes, csvOptions({ delimiter, to: 1 })) as string[][])[0] ?? [];
    // the cells as the single stream keeps them: fitted to the header (a duplicate never has non-empty extras)
    return raw.length >= header.length ? raw.slice(0, header.length) : [...raw, ...new Array<string>(header.length - raw.length).fill('')];
  };

  // Ranges are imported in file order (ids repeat across ranges: the first in the file wins);
  // a later range's batches wait, as columns, for their turn.
  const ranges: RangeImport[] = starts.map(() => ({ queued: [], done: null, base: -1, duplicates: [], bytes: 0 }));
  let current = 0;
  const advance = (): void => {
    while (current < ranges.length) {
      const range = ranges[current] as RangeImport;
      if (range.base < 0) range.base = builder.recordCount;
      for (const batch of range.queued) for (const d of builder.appendBatch(batch, current)) range.duplicates.push(d);
      range.queued.length = 0;
      if (range.done === null) return;
      for (const d of builder.importPartial(range.done.partial, range.base, current)) range.duplicates.push(d);
      for (const d of range.duplicates) builder.rejectCrossDuplicate(d.index, rereadCells(range.done.offsets[d.index - range.base] as number), d.firstLine);
      range.done = null;
      current += 1;
    }
  };
  const inputs: WorkerInput[] = starts.map((s, k) => ({
    path,
    shownPath,
    start: s.offset,
    end: k + 1 < starts.length ? (starts[k + 1] as { offset: number }).offset : size,
    firstLine: s.line,
    header,
    delimiter,
    inputConfig,
    dateFormat,
    maxRecordChars,
    batchRecords: options.batchRecords ?? BATCH_RECORDS,
  }));
  const progress = (): void => options.onProgress?.(ranges.reduce((sum, r) => sum + r.bytes, 0));
  // workers take ranges 1..n-1; the main thread parses range 0 straight into the builder
  const workers = startWorkers(inputs.slice(1), (w, msg) => {
    const k = w + 1;
    const range = ranges[k] as RangeImport;
    if (msg.kind === 'batch') {
      range.queued.push(msg.columns);
      range.bytes = msg.bytes;
      progress();
    } else if (msg.kind === 'done') range.done = { partial: msg.partial, offsets: msg.offsets };
    if (k === current) advance();
  });
  const first = ranges[0] as RangeImport;
  const own = await parseRange(inputs[0] as WorkerInput, builder, (bytes) => {
    first.bytes = bytes;
    progress();
  });
  if (!own.ok) {
    workers.stop();
    return null;
  }
  current = 1;
  advance();
  const ok = await workers.finished;
  if (!ok || current !== ranges.length) return null;
  if (builder.state.read === 0) return null;
  const built = builder.finish(null);
  if (built.problems.length > 0) return { ok: false, problems: built.problems };
  return { ok: true, records: built.records, report: buildFileReport('deals', shownPath, delimiter, header, built, 'utf-8') };
}

interface RangeImport {
  /** Batches (columns, transferred from the worker) waiting for the earlier ranges. */
  readonly queued: DealBatch[];
  done: { partial: DealsPartial; offsets: Float64Array } | null;
  /** Record count before the range's first record, once its import has started. */
  base: number;
  readonly duplicates: { index: number; line: number; firstLine: number }[];
  /** Bytes of the range parsed so far (progress). */
  bytes: number;
}

/**
 * Starts one worker per range and hands each message to `onMessage` as it comes. `finished`
 * resolves true when every worker is done, false as soon as one fails (the others are stopped).
 */
function startWorkers(inputs: readonly WorkerInput[], onMessage: (k: number, msg: WorkerMessage) => void): { finished: Promise<boolean>; stop: () => void } {
  const workers: Worker[] = [];
  let settled = false;
  let resolveFinished: (ok: boolean) => void = () => {};
  const finished = new Promise<boolean>((resolve) => {
    resolveFinished = resolve;
  });
  const settle = (ok: boolean): void => {
    if (settled) return;
    settled = true;
    if (!ok) for (const w of workers) void w.terminate();
    resolveFinished(ok);
  };
  let done = 0;
  if (inputs.length === 0) settle(true);
  inputs.forEach((input, k) => {
    const worker = new Worker(new URL('./ingest-worker.js', import.meta.url), { workerData: input });
    workers.push(worker);
    let finishedOne = false;
    worker.on('message', (msg: WorkerMessage) => {
      if (settled) return;
      if (msg.kind === 'failed') return settle(false);
      try {
        onMessage(k, msg);
      } catch {
        return settle(false);
      }
      if (msg.kind === 'done') {
        finishedOne = true;
        void worker.terminate();
        done += 1;
        if (done === inputs.length) settle(true);
      }
    });
    worker.once('error', () => settle(false));
    worker.once('exit', () => {
      if (!finishedOne) settle(false);
    });
  });
  return { finished, stop: () => settle(false) };
}

/** True when one of the last lines of the file (its last 4 KB) is a report footer line. */
function footerInTail(path: string, size: number): boolean {
  const tail = new TextDecoder().decode(readRange(path, Math.max(0, size - 4096), size));
  return tail.split(/\r\n|\r|\n/).some((line) => FOOTER_MARKER.test(line.replace(/^[\s"]+|[\s",]+$/g, '')));
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
