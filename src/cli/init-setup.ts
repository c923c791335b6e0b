/**
 * What `revhealth init` does (src/cli/commands/init.ts defines the command): find the exports,
 * detect each one's flavour, propose the column and stage mapping, ask for the company profile and
 * write the config. Loaded only when init runs, with the ingest helpers and the prompts it needs.
 */
import { createReadStream, existsSync } from 'node:fs';
import { basename, dirname, relative, resolve } from 'node:path';
import { parse } from 'csv-parse';
import { buildInitConfig, columnConfigLines, suggestCurrency, suggestSegmentFrom, suggestStageStatus, type DetectedFile, type InitAnswers } from '../config/init.js';
import { configSchema, SEGMENTS, type Segment } from '../config/schema.js';
import { InputError, UsageError } from '../base/errors.js';
import { csvOptions } from '../ingest/csv.js';
import { normalizeKey, parseAmount, parseFlag } from '../ingest/cells.js';
import { confidentGuess, guessColumn } from '../ingest/column-guess.js';
import { resolveHeader } from '../ingest/header.js';
import { DealsBuilder } from '../ingest/deals.js';
import type { HeaderMapping } from '../ingest/header.js';
import { NO_PREAMBLE, dropLines, firstLines, readPreamble, type Preamble } from '../ingest/preamble.js';
import { DEAL_PRESETS, FIELD_LABELS, UNIVERSAL_STAGES } from '../ingest/presets.js';
import { sniffDelimiter, sniffEncoding } from '../ingest/read-table.js';
import { resolveSpendHeader, spendLayout } from '../ingest/spend-layout.js';
import { CONFIG_FILE_NAME } from '../io/config.js';
import { discoverInputs, readHeadBytes, type InputPaths } from '../io/inputs.js';
import { writeFileAtomic } from '../io/write.js';
import type { InputKind } from '../base/model.js';
import type { InputOptions } from './common.js';
import type { Io } from './io.js';
import { createPrompts, safePrompts, type Prompts } from './prompts.js';
import { safeText } from '../report/text.js';

export interface InitOptions extends InputOptions {
  yes?: boolean;
  out?: string;
  force?: boolean;
  fromCurrent?: boolean;
  asOf?: string;
  segment?: Segment;
}

const KINDS = ['deals', 'spend', 'renewals', 'subscriptions', 'accounts'] as const;
const ROW_LIMIT = 200_000;

/** The guided setup (not --from-current): writes the config and returns the exit code. */
export async function runInit(dir: string | undefined, opts: InitOptions, io: Io, prompts: Prompts | undefined): Promise<number> {
  const say = (line: string): void => {
    if (!opts.quiet) io.stderr.write(`${line}\n`);
  };
  const out = resolve(io.cwd, opts.out ?? opts.config ?? (dir ? resolve(dir, CONFIG_FILE_NAME) : CONFIG_FILE_NAME));
  if (existsSync(out) && !opts.force) throw new UsageError(`${relative(io.cwd, out) || out} already exists`, 'Pass --force to overwrite it, or --out to write elsewhere.');
  const interactive = !opts.yes;
  if (interactive && (!io.stdinIsTTY || io.env.CI)) {
    throw new UsageError('init asks questions and needs a terminal', 'Run it in a terminal, or pass --yes to accept the detected defaults.');
  }
  const ask = safePrompts(prompts ?? createPrompts(io.stderr));
  const paths = await findInputs(dir, opts, io, interactive, ask, say);
  const configDir = dirname(out);

  const files: DetectedFile[] = [];
  const unresolved: { file: string; kind: InputKind; lines: string; candidates: string }[] = [];
  for (const kind of KINDS) {
    const p = paths[kind];
    if (!p) continue;
    const sample = await readSample(kind, p, opts.dateFormat);
    if (sample.header.every((h) => h === '')) {
      // nothing to map: say so, as validate does, rather than ask for columns
      throw new InputError([
        { file: display(p, io.cwd), line: sample.headerLine, message: 'the file is empty (no header row: 0 bytes, blank lines only, or not text); expected a header row and data rows' },
      ]);
    }
    const overrides: Record<string, string> = {};
    let first = resolveSample(kind, sample, overrides);
    if (!first.ok && first.configProblem) {
      throw new InputError(first.problems.map((m) => ({ file: display(p, io.cwd), line: sample.headerLine, message: m })));
    }
    if (!first.ok) {
      // a required column the presets do not know: ask, or guess with --yes
      const taken = new Set(Object.values(first.index));
      const missingLines: Record<string, string> = {};
      const candidates: string[] = [];
      for (const field of first.missing) {
        const ranked = guessColumn(field, sample.header, sample.rows.slice(0, 500), taken);
        const label = FIELD_LABELS[field] ?? field;
        if (interactive) {
          const top = ranked.filter((r) => r.reason !== 'already mapped');
          const choice = await ask.select(
            `${display(p, io.cwd)}: which column holds the ${label}?`,
            [
              ...top.map((r, i) => ({ name: `${r.header}${i === 0 && r.score > 0 ? ' (best guess)' : ''}`, value: String(r.index) })),
              { name: 'none of these (stop; I will fix the file)', value: 'none' },
            ],
            top[0] ? String(top[0].index) : 'none',
          );
          if (choice === 'none') {
            throw new InputError([{ file: display(p, io.cwd), line: sample.headerLine, message: `no column holds the ${label}` }], `Add one to the file, or map it later: ${oneLine(columnConfigLines(kind, { [field]: '<column>' }))}`);
          }
          overrides[field] = sample.header[Number(choice)] as string;
          taken.add(Number(choice));
          continue;
        }
        const guess = confidentGuess(ranked);
        if (guess) {
          overrides[field] = guess.header;
          taken.add(guess.index);
          say(`guessed: ${kind} ${label} ← "${guess.header}" (its name and values fit; set inputs.${kind}.columns.${field} in the config if that is wrong)`);
        } else {
          const best = ranked.find((r) => r.score > 0 && r.reason !== 'already mapped');
          missingLines[field] = best ? best.header : `<the column holding the ${label}>`;
          candidates.push(`${label}: ${ranked.filter((r) => r.score > 0 && r.reason !== 'already mapped').slice(0, 3).map((r) => `"${r.header}"`).join(', ') || 'no header looks like it'}`);
        }
      }
      if (Object.keys(missingLines).length > 0) {
        unresolved.push({ file: display(p, io.cwd), kind, lines: columnConfigLines(kind, { ...overrides, ...missingLines }), candidates: candidates.join('; ') });
        continue;
      }
      first = resolveSample(kind, sample, overrides);
      if (!first.ok) throw new InputError(first.problems.map((m) => ({ file: display(p, io.cwd), line: sample.headerLine, message: m })));
    }
    files.push(summarize(kind, p, configDir, sample, first));
  }
  if (unresolved.length > 0) {
    throw new InputError(
      unresolved.map((u) => ({ file: u.file, line: 1, message: `${u.kind}: no column found for a required field (closest headers — ${u.candidates})` })),
      `init --yes does not guess without evidence. Add these lines to ${relative(io.cwd, out) || out} (or run init without --yes to pick the columns), with the right header names:\n${unresolved.map((u) => u.lines).join('\n')}`,
    );
  }

  for (const f of files) {
    say(`${f.kind}: ${safeText(f.file)} — ${f.presetTitle}`);
    for (const [field, header] of Object.entries(f.columns)) say(`  ${field.padEnd(16)} ← "${safeText(header)}"`);
  }
  const deals = files.find((f) => f.kind === 'deals');
  const stageMapping: Record<string, 'won' | 'lost' | 'open'> = {};
  if (deals && deals.unmappedStages.length > 0) {
    const counts = deals.stageCounts ?? {};
    const rows = (s: string): string => `${counts[s] ?? 0} row${counts[s] === 1 ? '' : 's'}`;
    if (interactive) {
      for (const s of deals.unmappedStages) {
        const suggested = suggestStageStatus(s);
        const choices = [
          { name: 'open (still in the pipeline)', value: 'open' as const },
          { name: 'won', value: 'won' as const },
          { name: 'lost (closed without a win)', value: 'lost' as const },
        ];
        // the suggestion first; a stage that says closed / lost is never offered open first
        choices.sort((a, b) => (a.value === suggested ? -1 : b.value === suggested ? 1 : 0));
        stageMapping[s] = await ask.select(`Stage "${s}" (${rows(s)}) means`, choices, suggested);
      }
    } else {
      const guessed: string[] = [];
      const left: string[] = [];
      for (const s of deals.unmappedStages) {
        const suggested = suggestStageStatus(s);
        // only a name that says so is written: "won", "lost", "abandoned", "disqualified"; a bare "closed" is not enough
        if (suggested === 'won' || (suggested === 'lost' && !/^\s*closed\s*$/i.test(s))) {
          stageMapping[s] = suggested;
          guessed.push(`"${safeText(s)}" → ${suggested} (${rows(s)})`);
        } else left.push(`"${safeText(s)}" (${rows(s)})`);
      }
      if (guessed.length > 0) say(`guessed from the stage names: ${guessed.join(', ')}; change inputs.deals.stages if that is wrong`);
      if (left.length > 0) {
        say(`note: stage values not mapped (their rows are left out of the rates until you add them to inputs.deals.stages open/won/lost): ${left.join(', ')}`);
      }
    }
  }
  const { segment: suggested, basis } = suggestSegmentFrom(files);
  const currency = suggestCurrency(files);
  const name = dir ? basename(resolve(io.cwd, dir)) : 'My company';
  const answers: InitAnswers = interactive
    ? {
        companyName: await ask.input('Company name', name),
        segment: await ask.select<Segment>(
          `Segment (${suggested} suggested, ${basis})`,
          SEGMENTS.map((s) => ({ name: s === suggested ? `${s} (suggested)` : s, value: s })),
          suggested,
        ),
        currency: (await ask.input('Currency (ISO code)', currency)).toUpperCase(),
        grossMargin: await askFraction(ask, 'Gross margin % (blank if unknown)'),
        operatingMargin: await askFraction(ask, 'Operating (profit) margin %, negative when losing money (blank if unknown)'),
        fiscalYearStartMonth: await askMonth(ask),
        nextQuarterBookings: await askAmount(ask, 'Bookings target for next quarter (blank if none)'),
        stageMapping,
      }
    : {
        companyName: name,
        segment: suggested,
        currency,
        grossMargin: null,
        operatingMargin: null,
        fiscalYearStartMonth: 1,
        nextQuarterBookings: null,
        stageMapping,
      };
  if (!interactive) {
    say(`segment: ${suggested} (${basis}); change company.segment if that is wrong`);
    say(`currency: ${currency}${files.some((f) => f.currency) ? ' (as the files state it)' : ' (the files do not say; change company.currency if that is wrong)'}`);
  }
  const config = buildInitConfig(files, answers);
  const checked = configSchema().safeParse(config);
  if (!checked.success) throw new UsageError(`the answers do not make a valid config: ${checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  writeFileAtomic(out, `${JSON.stringify(config, null, 2)}\n`, Object.values(paths).filter((p): p is string => p !== undefined), { cwd: io.cwd });
  io.stdout.write(`wrote ${relative(io.cwd, out) || out}\n`);
  if (answers.grossMargin === null || answers.nextQuarterBookings === null) {
    io.stdout.write('Add company.grossMargin, company.operatingMargin and targets.nextQuarterBookings to unlock CAC payback, LTV, Rule of 40 and pipeline coverage.\n');
  }
  return 0;
}

function display(p: string, cwd: string): string {
  return relative(cwd, p) || p;
}

function oneLine(json: string): string {
  return JSON.stringify(JSON.parse(json));
}

/**
 * The inputs, found the way audit and validate find them (io/inputs.ts: flags, then every file of
 * the folder classified by content, ingest/classify.ts). Files not read are listed; two files that
 * look like the same kind: asked, or (with --yes) the best by content, saying so.
 */
async function findInputs(dir: string | undefined, opts: InitOptions, io: Io, interactive: boolean, ask: Prompts, say: (l: string) => void): Promise<InputPaths> {
  const flags = { dir, deals: opts.deals, spend: opts.spend, renewals: opts.renewals, subscriptions: opts.subscriptions, accounts: opts.accounts };
  const found = discoverInputs(flags, {}, io.cwd, io.cwd, { nearMisses: true });
  const paths: InputPaths = { ...found.paths };
  const notRead = found.listing.filter((l) => l.usedAs === null);
  for (const l of notRead) say(`not read: ${safeText(l.file)} — ${safeText(l.note.replace(/^skipped: /, ''))}`);
  for (const kind of KINDS) {
    const chosen = paths[kind];
    if (chosen === undefined || found.origin[kind] !== 'content') continue;
    const candidates = found.candidates[kind] ?? [chosen];
    let path = chosen;
    if (candidates.length > 1 && interactive) {
      path = await ask.select(
        `${candidates.length} files look like ${kind}: which one?`,
        candidates.map((c, i) => ({ name: `${basename(c)}${i === 0 ? ' (best match)' : ''}`, value: c })),
        chosen,
      );
      paths[kind] = path;
    }
    const entry = found.listing.find((l) => l.usedAs === kind);
    const why = path === chosen && entry ? entry.note.replace(/^used as \w+: /, '') : 'chosen by you';
    say(`${kind}: found ${safeText(basename(path))} by its header (${safeText(why)})`);
  }
  return paths;
}

interface Sample {
  readonly header: string[];
  readonly rows: string[][];
  readonly preamble: Preamble;
  /** Physical line of the header. */
  readonly headerLine: number;
}

type SampleResolution =
  | { readonly ok: true; readonly preset: string; readonly presetTitle: string; readonly names: Record<string, string>; readonly index: Readonly<Record<string, number>>; readonly mapping: HeaderMapping }
  | { readonly ok: false; readonly configProblem: boolean; readonly problems: string[]; readonly missing: readonly string[]; readonly index: Readonly<Record<string, number>> };

/** The header mapping, the way read-table resolves it (spend: preamble, currency in headers, wide layouts). */
function resolveSample(kind: InputKind, sample: Sample, overrides: Readonly<Record<string, string>>): SampleResolution {
  const r = kind === 'spend' ? resolveSpendHeader(sample.header, sample.preamble, overrides).result : resolveHeader(kind, sample.header, overrides);
  if (!r.ok) return { ok: false, configProblem: r.problems.some((p) => p.keyPath !== null), problems: r.problems.map((p) => p.message), missing: r.missing, index: r.index };
  return { ok: true, preset: r.mapping.preset.id, presetTitle: r.mapping.preset.title, names: { ...r.mapping.names }, index: r.mapping.index, mapping: r.mapping };
}

/** Header and up to `limit` rows, after any report lines above the header (ingest/preamble.ts, as the reader skips them). */
async function readSample(kind: InputKind, path: string, dateFormat: InitOptions['dateFormat'], limit = ROW_LIMIT): Promise<Sample> {
  const head = readHeadBytes(path);
  const encoding = sniffEncoding(head);
  if (encoding === 'binary') return { header: [], rows: [], preamble: NO_PREAMBLE, headerLine: 1 };
  const text = new TextDecoder(encoding).decode(head);
  const preamble = readPreamble(firstLines(text), dateFormat);
  const delimiter = sniffDelimiter(preamble.skip > 0 ? dropLines(text, preamble.skip) : text);
  const rows: string[][] = [];
  const source = encoding === 'utf-16le' ? createReadStream(path, { encoding: 'utf16le' }) : createReadStream(path);
  const parser = source.pipe(
    parse(csvOptions({ delimiter, bom: true, lineEndings: 'detect', fromLine: preamble.skip + 1, to: limit + 1, skipEmptyLines: true })),
  );
  try {
    for await (const r of parser) rows.push(r as string[]);
  } catch (err) {
    throw new InputError([{ file: relative(process.cwd(), path), message: `cannot read the CSV: ${(err as Error).message}` }]);
  } finally {
    source.destroy();
  }
  const header = (rows[0] ?? []).map((h) => h.trim());
  return { header, rows: rows.slice(1), preamble, headerLine: preamble.skip + 1 };
}

/** What init needs from a resolved file: mapping, unmapped stages with their counts, amounts for the segment. */
function summarize(kind: InputKind, path: string, configDir: string, sample: Sample, m: Extract<SampleResolution, { ok: true }>): DetectedFile {
  const counts = new Map<string, number>();
  const won: number[] = [];
  const all: number[] = [];
  const arr: number[] = [];
  const col = (r: readonly string[], field: string): string => {
    const i = m.index[field];
    return i === undefined ? '' : (r[i] ?? '').trim();
  };
  const amountOf = (raw: string): number | null => {
    const a = parseAmount(raw);
    return a.kind === 'ok' && a.cents > 0 ? a.cents / 100 : null;
  };
  if (kind === 'deals') {
    // the stages to ask about are exactly those the reader cannot settle (status and closed/won
    // columns, stage lists, forecast category, stage words, probability): DealsBuilder decides
    const reader = new DealsBuilder({ kind: 'deals', path, header: sample.header, mapping: m.mapping, dateFormat: undefined }, undefined);
    sample.rows.forEach((r, i) => reader.add(r, sample.headerLine + 1 + i));
    for (const [stage, n] of reader.unmappedStageCounts) counts.set(stage, n);
    const preset = DEAL_PRESETS.find((p) => p.id === m.preset);
    const wonStages = new Set<string>([...UNIVERSAL_STAGES.won, ...(preset?.stages?.won ?? []).map(normalizeKey)]);
    for (const r of sample.rows) {
      const stage = col(r, 'stage');
      const status = normalizeKey(col(r, 'status'));
      const flag = m.index.isWon !== undefined ? parseFlag(col(r, 'isWon')) : false;
      const isWon = status === 'won' || status === 'closedwon' || flag === true || (status === '' && m.index.isWon === undefined && wonStages.has(normalizeKey(stage)));
      const amount = amountOf(col(r, 'amount'));
      if (amount === null) continue;
      all.push(amount);
      if (isWon) won.push(amount);
    }
  } else if (kind === 'subscriptions') {
    for (const r of sample.rows) {
      const mrr = amountOf(col(r, 'mrr'));
      const a = mrr !== null ? mrr * 12 : amountOf(col(r, 'arr'));
      if (a !== null) arr.push(a);
    }
  }
  let currency: string | undefined;
  if (m.index.currency !== undefined) {
    const first = sample.rows.map((r) => col(r, 'currency').toUpperCase()).find((c) => /^[A-Z]{3}$/.test(c));
    if (first) currency = first;
  }
  if (currency === undefined && kind === 'spend') currency = spendLayout(sample.header, sample.preamble).headerCurrency ?? undefined;
  return {
    kind,
    ...(currency ? { currency } : {}),
    file: relative(configDir, path) || basename(path),
    preset: m.preset,
    presetTitle: m.presetTitle,
    columns: m.names,
    unmappedStages: [...counts.keys()].sort(),
    stageCounts: Object.fromEntries([...counts.entries()].sort(([a], [b]) => (a < b ? -1 : 1))),
    medianWonAmount: median(won),
    wonCount: won.length,
    medianAmount: median(all),
    medianArr: median(arr),
  };
}

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  xs.sort((a, b) => a - b);
  const mid = xs.length / 2;
  return xs.length % 2 ? (xs[(xs.length - 1) / 2] as number) : ((xs[mid - 1] as number) + (xs[mid] as number)) / 2;
}

async function askFraction(ask: Prompts, message: string): Promise<number | null> {
  for (;;) {
    const raw = (await ask.input(message, '')).trim().replace('%', '');
    if (raw === '') return null;
    const n = Number(raw);
    if (Number.isFinite(n) && n >= -100 && n <= 100) return Math.round(n * 10) / 1000;
    await ask.note('Enter a percentage like 75 or -10, or leave it blank.');
  }
}

async function askAmount(ask: Prompts, message: string): Promise<number | null> {
  for (;;) {
    const raw = (await ask.input(message, '')).trim();
    if (raw === '') return null;
    const cell = parseAmount(raw);
    if (cell.kind === 'ok' && cell.cents >= 0) return cell.cents / 100;
    await ask.note('Enter an amount like 1500000 or 1,500,000, or leave it blank.');
  }
}

async function askMonth(ask: Prompts): Promise<number> {
  for (;;) {
    const raw = (await ask.input('Fiscal year starts in month (1-12)', '1')).trim();
    const n = Number(raw);
    if (Number.isInteger(n) && n >= 1 && n <= 12) return n;
    await ask.note('Enter a month number from 1 to 12.');
  }
}
