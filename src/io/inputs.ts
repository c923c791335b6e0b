/**
 * Finds the input files (a folder, explicit flags, or the config's inputs.*.file) and streams them
 * into the ingest core. The only place that opens input files.
 */
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { Config } from '../config/schema.js';
import { InputError } from '../errors.js';
import { buildDataset, type ReadTables } from '../ingest/dataset.js';
import { readTable } from '../ingest/read-table.js';
import type { RejectSink } from '../ingest/table.js';
import { defaultThreads, readDealsParallel } from './parallel.js';
import type { Dataset, InputKind } from '../model.js';

export interface InputFlags {
  readonly dir?: string;
  readonly deals?: string;
  readonly spend?: string;
  readonly renewals?: string;
  readonly subscriptions?: string;
  readonly accounts?: string;
}

export type InputPaths = Partial<Record<InputKind, string>>;

const PATTERNS: Readonly<Record<InputKind, RegExp>> = {
  deals: /^(deals|opportunities|opps)[^/]*\.(csv|tsv|txt)$/i,
  spend: /^(spend|marketing)[^/]*\.(csv|tsv|txt)$/i,
  renewals: /^renewals?[^/]*\.(csv|tsv|txt)$/i,
  subscriptions: /^subscriptions?[^/]*\.(csv|tsv|txt)$/i,
  accounts: /^accounts?[^/]*\.(csv|tsv|txt)$/i,
};

/** Every input, in Dataset.files order. */
const KINDS = ['deals', 'spend', 'renewals', 'subscriptions', 'accounts'] as const;

export function resolveInputPaths(flags: InputFlags, config: Config, configBaseDir: string, cwd: string): InputPaths {
  const paths: InputPaths = {};
  if (flags.dir !== undefined) {
    const dir = resolve(cwd, flags.dir);
    if (!existsSync(dir)) throw new InputError([{ file: flags.dir, message: `folder not found: ${flags.dir}` }]);
    if (!statSync(dir).isDirectory()) {
      throw new InputError([{ file: flags.dir, message: `${flags.dir} is a file, not a folder` }], 'To audit one file, pass it as --deals FILE.');
    }
    const names = readdirSync(dir).sort();
    for (const kind of KINDS) {
      const matches = names.filter((n) => PATTERNS[kind].test(n));
      if (matches.length > 1) {
        throw new InputError(
          [{ file: flags.dir, message: `${matches.length} files in ${flags.dir} look like ${kind}: ${matches.join(', ')}` }],
          `Pass the one to use with --${kind} FILE.`,
        );
      }
      if (matches[0] !== undefined) paths[kind] = resolve(dir, matches[0]);
    }
    if (Object.keys(paths).length === 0 && KINDS.every((k) => flags[k] === undefined)) {
      throw new InputError(
        [{ file: flags.dir, message: `no input files in ${flags.dir}: expected deals*.csv, spend*.csv (or marketing*.csv), renewals*.csv, subscriptions*.csv and/or accounts*.csv (found: ${names.length ? names.slice(0, 10).join(', ') : 'nothing'})` }],
        'Name the files that way, or pass them with --deals, --spend, --renewals, --subscriptions and --accounts.',
      );
    }
  }
  for (const kind of KINDS) {
    const flag = flags[kind];
    if (flag !== undefined) paths[kind] = resolve(cwd, flag);
    else if (paths[kind] === undefined && config.inputs?.[kind]?.file) paths[kind] = resolve(configBaseDir, config.inputs[kind]!.file!);
  }
  if (Object.keys(paths).length === 0) {
    throw new InputError(
      [{ file: '.', message: 'no inputs given' }],
      'Pass a folder (revhealth validate ./exports) or files (--deals deals.csv --spend spend.csv --renewals renewals.csv). Try `revhealth demo`.',
    );
  }
  const missing = (Object.entries(paths) as [InputKind, string][]).filter(([, p]) => !existsSync(p) || !statSync(p).isFile());
  if (missing.length > 0) {
    throw new InputError(missing.map(([kind, p]) => ({ file: display(p, cwd), message: `${kind} file not found: ${display(p, cwd)}` })));
  }
  return paths;
}

export interface ReadInputsOptions {
  readonly config: Config;
  readonly dateFormat?: 'MDY' | 'DMY' | 'YMD';
  readonly maxRecordChars?: number;
  readonly cwd: string;
  /** Worker threads for large deals files (1 = single stream). */
  readonly threads?: number;
  /** Smallest deals file split across threads (default PARALLEL_MIN_BYTES). */
  readonly parallelMinBytes?: number;
  /** Records per message from an ingest worker (default BATCH_RECORDS; small in tests). */
  readonly parallelBatchRecords?: number;
  /** Called with bytes read so far, for a progress indicator on a TTY. */
  readonly onProgress?: (kind: InputKind, bytes: number, total: number) => void;
  /** Every rejected row, whole, as it is rejected (--rejects streams them to its file). */
  readonly onReject?: RejectSink;
}

export async function readInputs(paths: InputPaths, options: ReadInputsOptions): Promise<Dataset> {
  const tables: Record<string, unknown> = {};
  const problems: { file: string; line?: number | null; column?: string | null; message: string }[] = [];
  for (const kind of KINDS) {
    const path = paths[kind];
    if (path === undefined) continue;
    const shown = display(path, options.cwd);
    const total = statSync(path).size;
    const parallel =
      kind === 'deals'
        ? await readDealsParallel(path, shown, {
            config: options.config,
            ...(options.dateFormat ? { dateFormat: options.dateFormat } : {}),
            ...(options.maxRecordChars ? { maxRecordChars: options.maxRecordChars } : {}),
            threads: options.threads ?? defaultThreads(),
            ...(options.parallelMinBytes !== undefined ? { minBytes: options.parallelMinBytes } : {}),
            ...(options.parallelBatchRecords !== undefined ? { batchRecords: options.parallelBatchRecords } : {}),
            ...(options.onProgress ? { onProgress: (bytes: number) => options.onProgress?.(kind, bytes, total) } : {}),
            ...(options.onReject ? { onReject: options.onReject } : {}),
          })
        : null;
    const result = parallel ?? (await readTable(kind, shown, streamFile(path, (bytes) => options.onProgress?.(kind, bytes, total)), options));
    if (result.ok) tables[kind] = { records: result.records, report: result.report };
    else for (const p of result.problems) problems.push({ file: shown, line: p.line, column: p.column, message: p.message });
  }
  if (problems.length > 0) throw new InputError(problems);
  return buildDataset(tables as ReadTables);
}

async function* streamFile(path: string, onBytes: (bytes: number) => void): AsyncGenerator<Uint8Array> {
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  let bytes = 0;
  try {
    for await (const chunk of stream) {
      bytes += (chunk as Buffer).length;
      onBytes(bytes);
      yield chunk as Buffer;
    }
  } finally {
    stream.destroy();
  }
}

export function display(p: string, cwd: string): string {
  const r = relative(cwd, p);
  return r === '' ? '.' : r.startsWith('..') ? p : r;
}
