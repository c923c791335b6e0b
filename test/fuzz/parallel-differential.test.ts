/**
 * Differential fuzz of the parallel deals reader (worker threads over byte ranges) against the
 * single stream: on generated valid-or-dirty files and on almost-CSV rows, the parallel reader
 * either declines (null: the caller falls back to the single stream) or returns exactly what the
 * single stream returns — same records, same row accounting, same rejects and warnings.
 *
 * Worker threads load the built JavaScript, so this suite imports dist/ (npm test builds first).
 */
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { almostCsvTextArb, buildFile, fileSpecArb, fromChunks } from './csv-gen.js';
import { params, runs, timeout } from './fuzz-config.js';

type Parallel = typeof import('../../src/io/parallel.js');
type ReadTableModule = typeof import('../../src/ingest/read-table.js');

let parallel: Parallel;
let single: ReadTableModule;
let dir: string;
let n = 0;
const stats = { parallel: 0, declined: 0 };

beforeAll(async () => {
  parallel = (await import(pathToFileURL(resolve(ROOT, 'dist/io/parallel.js')).href)) as Parallel;
  single = (await import(pathToFileURL(resolve(ROOT, 'dist/ingest/read-table.js')).href)) as ReadTableModule;
  dir = mkdtempSync(join(tmpdir(), 'revhealth-par-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function compare(bytes: Uint8Array, threads: number, dateFormat?: 'MDY' | 'DMY', batchRecords?: number): Promise<void> {
  const path = join(dir, `deals-${n++}.csv`);
  writeFileSync(path, bytes);
  const options = { config: {}, ...(dateFormat ? { dateFormat } : {}) };
  const par = await parallel.readDealsParallel(path, 'deals.csv', { ...options, threads, minBytes: 0, ...(batchRecords ? { batchRecords } : {}) });
  rmSync(path);
  if (par === null) {
    stats.declined += 1;
    return;
  }
  stats.parallel += 1;
  const one = await single.readTable('deals', 'deals.csv', fromChunks([bytes]), options);
  expect(JSON.stringify(par)).toBe(JSON.stringify(one));
}

describe('parallel reader = single stream', () => {
  it(
    `on generated deals files and almost-CSV rows (${runs(12, 400)} + ${runs(8, 200)} files)`,
    async () => {
      await fc.assert(
        // batches of 1-5 records: ranges arrive interleaved and wait on the main thread for their turn
        fc.asyncProperty(fileSpecArb, fc.integer({ min: 2, max: 4 }), fc.option(fc.integer({ min: 1, max: 5 })), async (spec, threads, batch) => {
          // a file long enough for every thread to get a range
          // mixed line endings and a late change to Windows-1252 included: the parallel reader must decline
          // what it cannot split (a lone CR, a bad byte anywhere) or read it exactly as the single stream does
          const file = buildFile({ ...spec, rows: [...spec.rows, ...spec.rows, ...spec.rows], encoding: 'utf-8', eol: spec.eol === '\r' ? '\n' : spec.eol });
          await compare(file.bytes, threads, file.options.dateFormat as 'MDY' | 'DMY' | undefined, batch ?? undefined);
        }),
        params(12, 400),
      );
      await fc.assert(
        fc.asyncProperty(almostCsvTextArb, fc.integer({ min: 2, max: 3 }), async (text, threads) => {
          const body = text.slice(text.indexOf('\n') + 1);
          await compare(Buffer.from(`id,amount,stage,created,closed,name\n${body}${body}`, 'utf8'), threads, 'MDY');
        }),
        params(8, 200),
      );
      // the comparison must have had something to compare
      expect(stats.parallel).toBeGreaterThan(stats.declined / 4);
    },
    timeout(60_000),
  );
});

describe('parallel reader on mixed line endings, late encoding changes and repeated headers (issue 16)', () => {
  const HEADER = 'id,amount,stage,created,closed';
  const rows = (n: number, ends: readonly string[], from = 1): string =>
    Array.from({ length: n }, (_, i) => `D${from + i},${100 + i},Closed Won,2025-01-01,2025-02-01${ends[i % ends.length]}`).join('');

  async function both(bytes: Uint8Array): Promise<{ par: unknown; one: unknown }> {
    const path = join(dir, `fixed-${n++}.csv`);
    writeFileSync(path, bytes);
    const par = await parallel.readDealsParallel(path, 'deals.csv', { config: {}, threads: 3, minBytes: 0, batchRecords: 7 });
    rmSync(path);
    const one = await single.readTable('deals', 'deals.csv', fromChunks([bytes]), { config: {} });
    return { par, one };
  }

  it.each([
    ['LF header, rows ending LF and CRLF in turn', `${HEADER}\n${rows(300, ['\n', '\r\n'])}`],
    ['a repeated header mid-file', `${HEADER}\n${rows(150, ['\n'])}${HEADER}\n${rows(150, ['\n'], 151)}`],
    ['two "amount" columns', `${HEADER},Amount\n${rows(300, [',5\n'])}`],
  ])('%s: read in parallel, exactly as the single stream', async (_name, text) => {
    const { par, one } = await both(Buffer.from(text));
    expect(par).not.toBeNull();
    expect(JSON.stringify(par)).toBe(JSON.stringify(one));
  });

  it.each([
    ['rows ending LF, CRLF and CR in turn', Buffer.from(`${HEADER}\n${rows(300, ['\n', '\r\n', '\r'])}`)],
    ['CR-only line ends', Buffer.from(`${HEADER}\r${rows(300, ['\r'])}`)],
    [
      'a Salesforce report footer after the rows (the single stream skips it as a footer)',
      Buffer.from(`${HEADER}\n${rows(300, ['\n'])}\n"Grand Totals (300 records)"\n\n"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."\n"Confidential Information - Do Not Distribute"\n`),
    ],
    ['Windows-1252 bytes in the last rows', Buffer.concat([Buffer.from(`${HEADER},owner\n${rows(300, [',Zoë\n'])}`), Buffer.from(`D999,5,Closed Won,2025-01-01,2025-02-01,Caf\xe9\n`, 'latin1')])],
  ])('%s: declined (the single stream reads it whole)', async (_name, bytes) => {
    const { par, one } = await both(bytes);
    expect(par).toBeNull();
    expect((one as { ok: boolean }).ok).toBe(true);
  });
});
