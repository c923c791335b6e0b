/**
 * Worker thread: parses one byte range of a deals file with the same DealsBuilder as the
 * single-stream path (parseRange). Records go back as columns (DealBatch: typed arrays
 * transferred, new dictionary strings once) in batches while the range is parsed, so no thread
 * holds the whole range and the main thread appends them to its table without building objects;
 * then everything else the builder learned in one last message.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { transferList, type DealBatch } from '../ingest/deal-columns.js';
import { DealsBuilder, type DealsPartial } from '../ingest/deals.js';
import { resolveHeader } from '../ingest/header.js';
import { parseRange, type RangeInput } from './parse-range.js';

export type WorkerInput = RangeInput;

export type WorkerMessage =
  | { readonly kind: 'batch'; readonly columns: DealBatch; readonly bytes: number }
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
  const outcome = await parseRange(input, builder, (bytes) => {
    const columns = builder.takeBatch();
    port.postMessage({ kind: 'batch', columns, bytes } satisfies WorkerMessage, transferList(columns));
  });
  if (!outcome.ok) port.postMessage({ kind: 'failed', message: outcome.message } satisfies WorkerMessage);
  else {
    const partial = builder.exportPartial();
    const offsets = Float64Array.from(outcome.offsets);
    port.postMessage({ kind: 'done', partial, offsets } satisfies WorkerMessage, [...transferList(partial.columns), offsets.buffer]);
  }
}
