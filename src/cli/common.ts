/**
 * What every data command shares: the input flags, config loading and reading the dataset.
 */
import { Option, type Command } from 'commander';
import { Chalk } from 'chalk';
import { dirname, resolve } from 'node:path';
import type { Config } from '../config/schema.js';
import { UsageError } from '../base/errors.js';
import { loadConfig } from '../io/config.js';
import { discoverInputs, readInputs, type InputListingEntry, type InputPaths } from '../io/inputs.js';
import type { RejectSink } from '../ingest/table.js';
import type { Dataset, FileReport } from '../base/model.js';
import { PLAIN, type Style } from '../report/text.js';
import type { Io } from './io.js';

export interface InputOptions {
  deals?: string;
  spend?: string;
  renewals?: string;
  subscriptions?: string;
  accounts?: string;
  config?: string;
  dateFormat?: 'MDY' | 'DMY' | 'YMD';
  maxFieldSize?: string;
  threads?: string;
  parallelMinBytes?: string;
  parallelBatchRecords?: string;
  color?: boolean;
  quiet?: boolean;
  debug?: boolean;
}

export function addInputOptions(cmd: Command): Command {
  return cmd
    .argument('[dir]', 'folder of CSV exports: each file is recognised by its columns (deals, spend, renewals, subscriptions, accounts)')
    .option('--deals <file>', 'CRM deals / opportunities export (CSV)')
    .option('--spend <file>', 'marketing and sales spend by period and channel (CSV)')
    .option('--renewals <file>', 'renewals: one row per contract up for renewal (CSV)')
    .option('--subscriptions <file>', 'subscriptions: one row per subscription or period, with MRR or ARR (CSV)')
    .option('--accounts <file>', 'accounts: one row per account of the market, optional segment and is_target (CSV)')
    .option('-c, --config <file>', 'config file (default: revhealth.config.json in the folder or the working directory)')
    .addOption(new Option('--date-format <order>', 'day/month order of slash dates when the data cannot settle it').choices(['MDY', 'DMY', 'YMD']))
    .option('--max-field-size <chars>', 'refuse rows longer than this many characters (default 1000000)')
    .option('--threads <n>', 'threads for a large deals file, at most one per core (default: one stream below 4 cores or 32 MB, else one per core up to 4)')
    .addOption(new Option('--parallel-min-bytes <bytes>', 'smallest deals file split across threads').hideHelp())
    .addOption(new Option('--parallel-batch-records <n>', 'records per message from an ingest worker (tests)').hideHelp())
    .option('--no-color', 'plain output without colours (NO_COLOR is respected too)')
    .option('-q, --quiet', 'print only the result, no progress or notes')
    .option('--debug', 'show stack traces for errors');
}

export interface LoadedInputs {
  readonly dataset: Dataset;
  readonly config: Config;
  readonly configPath: string | null;
  readonly paths: InputPaths;
  /** Every file of the folder (or given) and what was done with it. */
  readonly listing: readonly InputListingEntry[];
}

/** `onReject` receives every rejected row whole as it is rejected (--rejects streams them to its file). */
export async function loadInputs(dir: string | undefined, opts: InputOptions, io: Io, onReject?: RejectSink): Promise<LoadedInputs> {
  const loaded = await loadConfig(opts.config, dir, io.cwd);
  const { paths, listing, users } = discoverInputs(
    { dir, deals: opts.deals, spend: opts.spend, renewals: opts.renewals, subscriptions: opts.subscriptions, accounts: opts.accounts },
    loaded.config,
    loaded.baseDir,
    io.cwd,
  );
  let maxRecordChars: number | undefined;
  if (opts.maxFieldSize !== undefined) {
    maxRecordChars = Number(opts.maxFieldSize);
    if (!Number.isInteger(maxRecordChars) || maxRecordChars < 1) {
      throw new UsageError(`--max-field-size expects a whole number of characters, got "${opts.maxFieldSize}"`);
    }
  }
  const threads = positiveInt(opts.threads, '--threads');
  const parallelMinBytes = opts.parallelMinBytes === undefined ? undefined : Number(opts.parallelMinBytes);
  const parallelBatchRecords = positiveInt(opts.parallelBatchRecords, '--parallel-batch-records');
  const progress = createProgress(io, !!opts.quiet);
  const dataset = await readInputs(paths, {
    config: loaded.config,
    dateFormat: opts.dateFormat,
    maxRecordChars,
    ...(threads !== undefined ? { threads } : {}),
    ...(parallelMinBytes !== undefined && Number.isFinite(parallelMinBytes) ? { parallelMinBytes } : {}),
    ...(parallelBatchRecords !== undefined ? { parallelBatchRecords } : {}),
    cwd: io.cwd,
    onProgress: progress.update,
    users,
    ...(onReject ? { onReject } : {}),
  });
  progress.done();
  return { dataset, config: loaded.config, configPath: loaded.path, paths, listing };
}

/** The folder listing as text lines: what was done with each file. */
export function listingLines(listing: readonly InputListingEntry[]): string[] {
  return listing.map((l) => `${l.file}: ${l.note}`);
}

/**
 * Every file this run reads: the inputs, the config, its rule packs and override files, and any
 * extra file (the baseline). No output may be written over one of them.
 */
export function filesInUse(loaded: Pick<LoadedInputs, 'paths' | 'config' | 'configPath'>, cwd: string, extra: readonly (string | undefined)[] = []): string[] {
  const base = loaded.configPath !== null ? dirname(loaded.configPath) : cwd;
  return [
    ...Object.values(loaded.paths).filter((p): p is string => p !== undefined),
    ...(loaded.configPath !== null ? [loaded.configPath] : []),
    ...(loaded.config.rules?.packs ?? []).map((p) => resolve(base, p)),
    ...(loaded.config.rules?.overridesFiles ?? []).map((p) => resolve(base, p)),
    ...extra.filter((p): p is string => p !== undefined).map((p) => resolve(cwd, p)),
  ];
}

/** --strict's message: which files had rejects, and where to see them. */
export function strictMessage(files: readonly FileReport[]): string {
  const parts = files.filter((f) => f.rows.rejected > 0).map((f) => `${f.path}: ${f.rows.rejected} of ${f.rows.read} rows rejected (first on line ${f.rejects[0]?.line ?? '?'})`);
  return `--strict: ${parts.join('; ')}. See them with --rejects FILE or revhealth validate.`;
}

function positiveInt(raw: string | undefined, flag: string): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} expects a whole number of at least 1, got "${raw}"`);
  return n;
}

/** A one-line progress indicator on a TTY for large files; silent when piped, in CI or with --quiet. */
function createProgress(io: Io, quiet: boolean): { update: (kind: string, bytes: number, total: number) => void; done: () => void } {
  const enabled = io.stderr.isTTY && !quiet && !io.env.CI;
  const started = performance.now();
  let shown = false;
  let last = 0;
  return {
    update(kind, bytes, total) {
      if (!enabled || total < 20_000_000) return;
      const now = performance.now();
      if (now - last < 200) return;
      last = now;
      shown = true;
      const mbs = bytes / 1e6 / Math.max(0.001, (now - started) / 1000);
      io.stderr.control?.('\r');
      io.stderr.write(`reading ${kind}: ${Math.round((bytes / total) * 100)}% (${mbs.toFixed(0)} MB/s)   `);
    },
    done() {
      if (shown) io.stderr.control?.('\r\u001b[K');
    },
  };
}

export function styleFor(io: Io, color: boolean | undefined, toFile: boolean): Style {
  if (toFile || color === false || io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return PLAIN;
  const forced = io.env.FORCE_COLOR;
  const level = forced !== undefined && forced !== '0' ? 1 : io.stdout.isTTY ? 1 : 0;
  if (level === 0) return PLAIN;
  const c = new Chalk({ level });
  return { bold: c.bold, dim: c.dim, red: c.red, yellow: c.yellow, green: c.green, cyan: c.cyan };
}
