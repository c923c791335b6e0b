/**
 * revhealth init: detect the export flavour of each CSV, propose the column and stage mapping,
 * ask for the company profile, write revhealth.config.json. --yes accepts the detected defaults.
 */
import { createReadStream, existsSync } from 'node:fs';
import { basename, dirname, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { parse } from 'csv-parse';
import { buildInitConfig, suggestSegment, type DetectedFile, type InitAnswers } from '../../config/init.js';
import { ConfigSchema, SEGMENTS, type Segment } from '../../config/schema.js';
import { InputError, UsageError } from '../../errors.js';
import { normalizeKey, parseAmount } from '../../ingest/cells.js';
import { resolveHeader } from '../../ingest/header.js';
import { DEAL_PRESETS, UNIVERSAL_STAGES } from '../../ingest/presets.js';
import { stageWordStatus } from '../../ingest/deals.js';
import { sniffDelimiter } from '../../ingest/read-table.js';
import { CONFIG_FILE_NAME } from '../../io/config.js';
import { resolveInputPaths } from '../../io/inputs.js';
import { writeFileAtomic } from '../../io/write.js';
import type { InputKind } from '../../model.js';
import type { Io } from '../io.js';
import { createPrompts, safePrompts, type Prompts } from '../prompts.js';
import { safeText } from '../../report/text.js';
import { ratchetFromCurrent } from './ci.js';

interface InitOptions {
  deals?: string;
  spend?: string;
  renewals?: string;
  subscriptions?: string;
  accounts?: string;
  yes?: boolean;
  out?: string;
  force?: boolean;
  fromCurrent?: boolean;
  config?: string;
  asOf?: string;
  segment?: Segment;
}

export function registerInit(program: Command, io: Io, setExit: (code: number) => void, prompts?: Prompts): void {
  program
    .command('init')
    .description('guided setup: detect the export flavour, confirm the column and stage mapping, write revhealth.config.json')
    .argument('[dir]', 'folder holding the CSV exports')
    .option('--deals <file>', 'CRM deals export')
    .option('--spend <file>', 'spend by period and channel')
    .option('--renewals <file>', 'renewals')
    .option('--subscriptions <file>', 'subscriptions (MRR or ARR per subscription)')
    .option('--accounts <file>', 'accounts of the market (segment, is_target)')
    .option('-y, --yes', 'accept the detected defaults without asking (for scripts and CI)')
    .option('-o, --out <file>', `where to write the config (default: ${CONFIG_FILE_NAME} in the folder, or here)`)
    .option('--force', 'overwrite an existing config file')
    .option('--from-current', `ratchet: write a rules file (${'revhealth.ratchet.json'}, or --out) keeping passing rules at their level and turning failing ones into warnings with today's value as the floor; lists it in the config's rules.overridesFiles`)
    .option('-c, --config <file>', 'with --from-current: the config to audit with and to update')
    .option('--as-of <date>', 'with --from-current: reference date YYYY-MM-DD')
    .option('--segment <segment>', 'with --from-current: benchmark segment')
    .action(async (dir: string | undefined, opts: InitOptions) => {
      if (opts.fromCurrent) {
        if (opts.yes) throw new UsageError('--from-current asks nothing: drop --yes');
        if (opts.segment !== undefined && !(SEGMENTS as readonly string[]).includes(opts.segment)) {
          throw new UsageError(`--segment expects one of ${SEGMENTS.join(', ')}, got "${opts.segment}"`);
        }
        setExit(await ratchetFromCurrent(dir, opts, io));
        return;
      }
      const paths = resolveInputPaths(
        { dir, deals: opts.deals, spend: opts.spend, renewals: opts.renewals, subscriptions: opts.subscriptions, accounts: opts.accounts },
        {},
        io.cwd,
        io.cwd,
      );
      const out = resolve(io.cwd, opts.out ?? (dir ? resolve(dir, CONFIG_FILE_NAME) : CONFIG_FILE_NAME));
      if (existsSync(out) && !opts.force) throw new UsageError(`${relative(io.cwd, out) || out} already exists`, 'Pass --force to overwrite it, or --out to write elsewhere.');
      const interactive = !opts.yes;
      if (interactive && (!io.stdinIsTTY || io.env.CI)) {
        throw new UsageError('init asks questions and needs a terminal', 'Run it in a terminal, or pass --yes to accept the detected defaults.');
      }
      const ask = safePrompts(prompts ?? createPrompts(io.stderr));
      const files: DetectedFile[] = [];
      for (const kind of ['deals', 'spend', 'renewals', 'subscriptions', 'accounts'] as const) {
        const p = paths[kind];
        if (p) files.push(await detect(kind, p, dirname(out), io.cwd));
      }
      for (const f of files) {
        io.stderr.write(`${f.kind}: ${safeText(f.file)} — ${f.presetTitle}\n`);
        for (const [field, header] of Object.entries(f.columns)) io.stderr.write(`  ${field.padEnd(16)} ← "${safeText(header)}"\n`);
      }
      const deals = files.find((f) => f.kind === 'deals');
      const stageMapping: Record<string, 'won' | 'lost' | 'open'> = {};
      if (deals && deals.unmappedStages.length > 0) {
        if (interactive) {
          for (const s of deals.unmappedStages) {
            stageMapping[s] = await ask.select(`Stage "${s}" means`, [
              { name: 'open (still in the pipeline)', value: 'open' },
              { name: 'won', value: 'won' },
              { name: 'lost', value: 'lost' },
            ]);
          }
        } else {
          io.stderr.write(`note: stage values not mapped (their rows will be rejected until you add them to inputs.deals.stages): ${deals.unmappedStages.map(safeText).join(', ')}\n`);
        }
      }
      const suggested = suggestSegment(deals?.medianWonAmount ?? null);
      const name = dir ? basename(resolve(io.cwd, dir)) : 'My company';
      const answers: InitAnswers = interactive
        ? {
            companyName: await ask.input('Company name', name),
            segment: await ask.select<Segment>(
              `Segment (median won deal ${deals?.medianWonAmount != null ? Math.round(deals.medianWonAmount).toLocaleString('en-US') : 'unknown'})`,
              SEGMENTS.map((s) => ({ name: s === suggested ? `${s} (suggested)` : s, value: s })),
              suggested,
            ),
            currency: (await ask.input('Currency (ISO code)', 'USD')).toUpperCase(),
            grossMargin: await askFraction(ask, 'Gross margin % (blank if unknown)'),
            operatingMargin: await askFraction(ask, 'Operating (profit) margin %, negative when losing money (blank if unknown)'),
            fiscalYearStartMonth: await askMonth(ask),
            nextQuarterBookings: await askAmount(ask, 'Bookings target for next quarter (blank if none)'),
            stageMapping,
          }
        : {
            companyName: name,
            segment: suggested,
            currency: 'USD',
            grossMargin: null,
            operatingMargin: null,
            fiscalYearStartMonth: 1,
            nextQuarterBookings: null,
            stageMapping,
          };
      const config = buildInitConfig(files, answers);
      const checked = ConfigSchema.safeParse(config);
      if (!checked.success) throw new UsageError(`the answers do not make a valid config: ${checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      writeFileAtomic(out, `${JSON.stringify(config, null, 2)}\n`, Object.values(paths).filter((p): p is string => p !== undefined), { cwd: io.cwd });
      io.stdout.write(`wrote ${relative(io.cwd, out) || out}\n`);
      if (answers.grossMargin === null || answers.nextQuarterBookings === null) {
        io.stdout.write('Add company.grossMargin, company.operatingMargin and targets.nextQuarterBookings to unlock CAC payback, LTV, Rule of 40 and pipeline coverage.\n');
      }
      setExit(0);
    });
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

/** Header, mapping and (for deals) the stage values and median won amount, from the first 200k rows. */
async function detect(kind: InputKind, path: string, configDir: string, cwd: string): Promise<DetectedFile> {
  const rows: string[][] = [];
  const head = await readHead(path);
  const delimiter = sniffDelimiter(head);
  const parser = createReadStream(path).pipe(parse({ delimiter, bom: true, relax_column_count: true, relax_quotes: true, to: 200_001, skip_empty_lines: true }));
  try {
    for await (const r of parser) rows.push(r as string[]);
  } catch (err) {
    throw new InputError([{ file: relative(cwd, path), message: `cannot read the CSV: ${(err as Error).message}` }]);
  }
  const header = (rows[0] ?? []).map((h) => h.trim());
  const resolved = resolveHeader(kind, header);
  if (!resolved.ok) {
    throw new InputError(
      resolved.problems.map((p) => ({ file: relative(cwd, path), line: 1, message: p.message })),
      'Fix the header, or write the config by hand with inputs.<kind>.columns (see README "Configuration").',
    );
  }
  const m = resolved.mapping;
  const unmapped = new Set<string>();
  const won: number[] = [];
  if (kind === 'deals') {
    const preset = DEAL_PRESETS.find((p) => p.id === m.preset.id);
    const known = new Set<string>([
      ...UNIVERSAL_STAGES.won, ...UNIVERSAL_STAGES.lost, ...UNIVERSAL_STAGES.open,
      ...(preset?.stages?.won ?? []).map(normalizeKey), ...(preset?.stages?.lost ?? []).map(normalizeKey), ...(preset?.stages?.open ?? []).map(normalizeKey),
    ]);
    const si = m.index.stage;
    const ai = m.index.amount;
    const usesFlags = m.index.status !== undefined || m.index.isWon !== undefined;
    for (const r of rows.slice(1)) {
      const stage = si === undefined ? '' : (r[si] ?? '').trim();
      // stages whose words settle them (won / lost / abandoned …) are read without asking (h3: deals.ts)
      if (!usesFlags && stage !== '' && !known.has(normalizeKey(stage)) && stageWordStatus(stage) === null) unmapped.add(stage);
      const isWon = usesFlags ? false : ['closedwon', 'won'].includes(normalizeKey(stage));
      if (isWon && ai !== undefined) {
        const a = parseAmount(r[ai] ?? '');
        if (a.kind === 'ok') won.push(a.cents / 100);
      }
    }
  }
  won.sort((x, y) => x - y);
  const median = won.length === 0 ? null : won.length % 2 ? (won[(won.length - 1) / 2] as number) : ((won[won.length / 2 - 1] as number) + (won[won.length / 2] as number)) / 2;
  return {
    kind,
    file: relative(configDir, path) || basename(path),
    preset: m.preset.id,
    presetTitle: m.preset.title,
    columns: m.names,
    unmappedStages: [...unmapped].sort(),
    medianWonAmount: median,
  };
}

async function readHead(path: string): Promise<string> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const c of createReadStream(path, { start: 0, end: 65535 })) {
    chunks.push(c as Buffer);
    n += (c as Buffer).length;
  }
  return Buffer.concat(chunks, n).toString('utf8');
}
