/**
 * Finds the input files (a folder, explicit flags, or the config's inputs.*.file) and streams them
 * into the ingest core. The only place that opens input files.
 */
import { closeSync, createReadStream, existsSync, openSync, readFileSync, readSync, readdirSync, statSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { csvOptions } from '../ingest/csv.js';
import { normalizeKey } from '../ingest/cells.js';
import { join, relative, resolve } from 'node:path';
import type { Config } from '../config/schema.js';
import { InputError } from '../base/errors.js';
import { buildDataset, type ReadTables } from '../ingest/dataset.js';
import { readTable, sniffEncoding } from '../ingest/read-table.js';
import { classifyText, nameHint, type Classification, type ColumnOverrides, type FileKind } from '../ingest/classify.js';
import { readDealsParallel, threadsFor } from './parallel.js';
import type { RejectSink } from '../ingest/table.js';
import type { Dataset, InputKind } from '../base/model.js';

export interface InputFlags {
  readonly dir?: string;
  readonly deals?: string;
  readonly spend?: string;
  readonly renewals?: string;
  readonly subscriptions?: string;
  readonly accounts?: string;
}

export type InputPaths = Partial<Record<InputKind, string>>;

/** Every input, in Dataset.files order. */
const KINDS = ['deals', 'spend', 'renewals', 'subscriptions', 'accounts'] as const;
/** Inputs that can carry an audit on their own; accounts only add to them. */
const PRIMARY: readonly InputKind[] = ['deals', 'spend', 'renewals', 'subscriptions'];
const TABLE_FILE = /\.(csv|tsv|txt)$/i;
/** The names files had to have before content decided; still used for files whose content cannot. */
const LEGACY_NAMES: Readonly<Record<InputKind, RegExp>> = {
  deals: /^(deals|opportunities|opps)[^/]*\.(csv|tsv|txt)$/i,
  spend: /^(spend|marketing)[^/]*\.(csv|tsv|txt)$/i,
  renewals: /^renewals?[^/]*\.(csv|tsv|txt)$/i,
  subscriptions: /^subscriptions?[^/]*\.(csv|tsv|txt)$/i,
  accounts: /^accounts?[^/]*\.(csv|tsv|txt)$/i,
};
/** Bytes read from each file to classify it: the header and a few hundred rows. */
const HEAD_BYTES = 65536;

/** What was done with one file of the folder (or given by flag or config). */
export interface InputListingEntry {
  /** The file as shown to the user (relative to the working directory). */
  readonly file: string;
  /** The kind it is used as, or null when skipped. */
  readonly usedAs: FileKind | null;
  /** "used as deals: …" or "skipped: …". */
  readonly note: string;
}

export interface DiscoveredInputs {
  readonly paths: InputPaths;
  readonly listing: readonly InputListingEntry[];
  /** A users file (Salesforce User.csv) whose Id -> Name map replaces owner ids in the deals. */
  readonly users: string | null;
  /** How each input was found: "--deals", "inputs.deals.file in the config", or "content". */
  readonly origin: Readonly<Partial<Record<InputKind, string>>>;
  /** Per kind found by content: every candidate of the folder, best first (the chosen one first); init asks among them. */
  readonly candidates: Readonly<Partial<Record<FileKind, readonly string[]>>>;
}

export function resolveInputPaths(flags: InputFlags, config: Config, configBaseDir: string, cwd: string): InputPaths {
  return discoverInputs(flags, config, configBaseDir, cwd).paths;
}

/**
 * The inputs to read: files given by flag win, then the config's inputs.*.file (relative to the
 * config file, honoured with or without a folder), then every CSV/TSV/TXT of the folder classified
 * by content (src/ingest/classify.ts); two candidates for one kind are settled by score and said.
 */
export function discoverInputs(
  flags: InputFlags,
  config: Config,
  configBaseDir: string,
  cwd: string,
  /** init: a file that lacks one required column of a kind (and no file is that kind) is used as it, so init can ask for the column. */
  options: { readonly nearMisses?: boolean } = {},
): DiscoveredInputs {
  const paths: InputPaths = {};
  const origin: Partial<Record<InputKind, string>> = {};
  for (const kind of KINDS) {
    const flag = flags[kind];
    if (flag !== undefined) {
      paths[kind] = resolve(cwd, flag);
      origin[kind] = `--${kind}`;
    } else if (config.inputs?.[kind]?.file) {
      paths[kind] = resolve(configBaseDir, config.inputs[kind]!.file!);
      origin[kind] = `inputs.${kind}.file in the config`;
    }
  }
  const listing: InputListingEntry[] = [];
  let users: string | null = null;
  const ranked: Partial<Record<FileKind, string[]>> = {};
  if (flags.dir !== undefined) {
    const dir = resolve(cwd, flags.dir);
    if (!existsSync(dir)) throw new InputError([{ file: flags.dir, message: `folder not found: ${flags.dir}` }]);
    if (!statSync(dir).isDirectory()) {
      throw new InputError([{ file: flags.dir, message: `${flags.dir} is a file, not a folder` }], 'To audit one file, pass it as --deals FILE.');
    }
    const names = readdirSync(dir).filter((n) => TABLE_FILE.test(n) && statSync(join(dir, n)).isFile()).sort();
    const given = new Set(Object.values(paths));
    const candidates = new Map<FileKind, { path: string; name: string; c: Classification }[]>();
    const notes = new Map<string, InputListingEntry>();
    for (const name of names) {
      const path = resolve(dir, name);
      const shown = display(path, cwd);
      if (given.has(path)) continue; // listed below with the kind it was given as
      const content = classifyText(name, readHead(path), columnOverrides(config));
      // A file named like an input (deals*.csv, spend*.csv, …) that its content cannot settle is read
      // as that kind anyway, so the reader says exactly what is wrong with it (line, column, expected).
      const byName = content.kind === null ? KINDS.find((k) => LEGACY_NAMES[k].test(name)) : undefined;
      const c: Classification = byName ? { ...content, kind: byName, score: 0, reason: `named like ${byName === 'accounts' ? 'an' : 'a'} ${byName} file, though its content does not read as one (${content.reason})` } : content;
      if (c.kind === null) {
        const near = c.closest;
        if (options.nearMisses && near !== null && near.missing.length === 1 && PRIMARY.includes(near.kind) && paths[near.kind] === undefined) {
          const list = candidates.get(near.kind) ?? [];
          list.push({ path, name, c: { ...c, kind: near.kind, score: -1, reason: `${c.reason}: init asks which column holds it` } });
          candidates.set(near.kind, list);
          continue;
        }
        notes.set(path, { file: shown, usedAs: null, note: `skipped: ${c.reason}` });
        continue;
      }
      if (c.kind !== 'users' && paths[c.kind] !== undefined) {
        notes.set(path, { file: shown, usedAs: null, note: `skipped: looks like ${c.kind} (${c.reason}), but ${origin[c.kind]} names ${display(paths[c.kind]!, cwd)}` });
        continue;
      }
      const list = candidates.get(c.kind) ?? [];
      list.push({ path, name, c });
      candidates.set(c.kind, list);
    }
    for (const [kind, list] of candidates) {
      // content first; then the name: one that fits the kind, then the latest date it carries (this
      // month's export beats last month's), then the shorter (an export beats its "-old" / " (1)"
      // copies), then alphabetical so the choice never depends on the file system
      list.sort(
        (a, b) =>
          b.c.score - a.c.score ||
          nameHint(b.name, kind) - nameHint(a.name, kind) ||
          (nameDate(a.name) < nameDate(b.name) ? 1 : nameDate(a.name) > nameDate(b.name) ? -1 : 0) ||
          a.name.length - b.name.length ||
          (a.name < b.name ? -1 : 1),
      );
      const chosen = list[0]!;
      const others = list.slice(1);
      ranked[kind] = list.map((l) => l.path);
      if (kind === 'users') users = chosen.path;
      else {
        paths[kind] = chosen.path;
        origin[kind] = 'content';
      }
      const why =
        others.length === 0
          ? chosen.c.reason
          : `${chosen.c.reason}; chosen over ${others.map((o) => `${o.name} (${o.c.score < chosen.c.score ? `which scored ${o.c.score} against ${chosen.c.score}` : 'same score, file name decides'})`).join(', ')}${kind === 'users' ? '' : ` — pass --${kind} FILE to use another`}`;
      notes.set(chosen.path, { file: display(chosen.path, cwd), usedAs: kind, note: kind === 'users' ? `used for owner names: ${why}` : `used as ${kind}: ${why}` });
      for (const o of others) {
        notes.set(o.path, {
          file: display(o.path, cwd),
          usedAs: null,
          note: `skipped: also looks like ${kind} (${o.c.reason}, score ${o.c.score}), but ${chosen.name} scored ${o.c.score < chosen.c.score ? 'higher' : 'the same and the file name decided'}${kind === 'users' ? '' : `; pass --${kind} ${display(o.path, cwd)} to use it instead`}`,
        });
      }
    }
    for (const kind of KINDS) {
      const p = paths[kind];
      if (p !== undefined && origin[kind] !== 'content') notes.set(p, { file: display(p, cwd), usedAs: kind, note: `used as ${kind}: named by ${origin[kind]}` });
    }
    listing.push(...[...notes.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)));
    if (!PRIMARY.some((k) => paths[k] !== undefined)) {
      const skipped = listing.filter((l) => l.usedAs === null || l.usedAs === 'accounts' || l.usedAs === 'users');
      throw new InputError(
        [
          {
            file: flags.dir,
            message:
              names.length === 0
                ? `no input files in ${flags.dir}: it holds no CSV, TSV or TXT file`
                : `no input files in ${flags.dir}: no deals, spend, renewals or subscriptions file among ${skipped.map((l) => `${l.file} — ${l.note}`).join('; ')}`,
          },
        ],
        'Pass the files with --deals, --spend, --renewals or --subscriptions, or map the missing columns in revhealth.config.json (inputs.<kind>.columns).',
      );
    }
  } else {
    for (const kind of KINDS) {
      const p = paths[kind];
      if (p !== undefined) listing.push({ file: display(p, cwd), usedAs: kind, note: `used as ${kind}: named by ${origin[kind]}` });
    }
  }
  if (Object.keys(paths).length === 0) {
    throw new InputError(
      [{ file: '.', message: 'no inputs given' }],
      'Pass a folder (revhealth validate ./exports) or files (--deals deals.csv --spend spend.csv --renewals renewals.csv). Try `revhealth demo`.',
    );
  }
  const missing = (Object.entries(paths) as [InputKind, string][]).filter(([, p]) => !existsSync(p) || !statSync(p).isFile());
  if (missing.length > 0) {
    throw new InputError(missing.map(([kind, p]) => ({ file: display(p, cwd), message: `${kind} file not found: ${display(p, cwd)}${origin[kind]?.startsWith('inputs.') ? ` (${origin[kind]}, relative to the config file)` : ''}` })));
  }
  return { paths, listing, users, origin, candidates: ranked };
}

/** The config's inputs.<kind>.columns, so a file the config maps is recognised by the same mapping. */
function columnOverrides(config: Config): ColumnOverrides {
  const out: Record<string, Readonly<Record<string, string>>> = {};
  for (const kind of KINDS) {
    const c = config.inputs?.[kind]?.columns;
    if (c) out[kind] = c;
  }
  return out;
}

/** Id -> Name from a users file (small: one row per CRM user). Unreadable rows are simply not joined. */
function readUsers(path: string): Map<string, string> {
  const map = new Map<string, string>();
  let rows: string[][];
  try {
    rows = parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''), csvOptions({ lineEndings: 'detect', skipEmptyLines: true })) as string[][];
  } catch {
    return map;
  }
  const header = (rows[0] ?? []).map(normalizeKey);
  const id = header.indexOf('id');
  const name = header.indexOf('name');
  if (id < 0 || name < 0) return map;
  for (const r of rows.slice(1)) {
    const k = (r[id] ?? '').trim();
    const v = (r[name] ?? '').trim();
    if (k !== '' && v !== '') map.set(k, v);
  }
  return map;
}

/** The first bytes of a file (the header and a few hundred rows): what classification and init look at. */
export function readHeadBytes(path: string): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    const n = readSync(fd, buf, 0, HEAD_BYTES, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** The first bytes of a file as text (UTF-8, UTF-16 with BOM, else Windows-1252), for classification. */
function readHead(path: string): string {
  const bytes = readHeadBytes(path);
  const encoding = sniffEncoding(bytes);
  if (encoding === 'binary') return '';
  return new TextDecoder(encoding).decode(bytes);
}

export interface ReadInputsOptions {
  readonly config: Config;
  readonly dateFormat?: 'MDY' | 'DMY' | 'YMD';
  readonly maxRecordChars?: number;
  readonly cwd: string;
  /** Worker threads for large deals files (1 = single stream); capped at the core count; default by file size and cores (threadsFor). */
  readonly threads?: number;
  /** Smallest deals file split across threads (default PARALLEL_MIN_BYTES). */
  readonly parallelMinBytes?: number;
  /** Records per message from an ingest worker (default BATCH_RECORDS; small in tests). */
  readonly parallelBatchRecords?: number;
  /** Smallest file read by the fast CSV path (readTable's ReadOptions; 0 in tests to force it on). */
  readonly fastPathMinBytes?: number;
  /** Called with bytes read so far, for a progress indicator on a TTY. */
  readonly onProgress?: (kind: InputKind, bytes: number, total: number) => void;
  /** A users file (Id, Name) whose names replace owner ids in the deals. */
  readonly users?: string | null;
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
            threads: threadsFor(options.threads, total),
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
  return buildDataset(tables as ReadTables, {
    ...(options.users ? { users: readUsers(options.users) } : {}),
    currency: { company: options.config.company?.currency ?? null, rates: options.config.fxRates ?? {} },
  });
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

/** The latest date a file name carries ("…-deals-2024-03-31.csv", "deals_20240331.csv") as YYYYMMDD, '' without one. */
export function nameDate(name: string): string {
  let best = '';
  for (const m of name.matchAll(/(?<!\d)(20\d{2})[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])(?!\d)/g)) {
    const d = `${m[1]}${m[2]}${m[3]}`;
    if (d > best) best = d;
  }
  return best;
}
