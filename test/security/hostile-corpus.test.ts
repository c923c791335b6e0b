/**
 * One hostile corpus through every output path (issue 16, "Injection").
 *
 * The corpus enters through CSV cell values (deal name, owner, source, company, stage, amount,
 * spend channel: chart labels),
 * the config's company name, a rule pack's titles, a baseline's company name and area titles, a
 * folder name and CLI arguments. Every output is then checked for an escape: a control character
 * (but newline and tab), an escape sequence, an invisible direction mark, U+2028/9, a line GitHub
 * Actions would run as a workflow command (`::name …` after blanks, or `##[` anywhere), and, in the
 * rejects CSV, an unquoted cell or a cell a spreadsheet would run as a formula.
 *
 * Paths: terminal report, stderr gates, JSON / Markdown / HTML / github to stdout, --out, --summary,
 * --rejects, validate (terminal and JSON), metrics, explain (one rule and the list), rules, diff,
 * init's note (--yes) and prompts, and error messages (bad flag values, unknown options and ids,
 * a missing folder, a hostile config key, a baseline whose asOf is not a date).
 */
import { parse } from 'csv-parse/sync';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerInit } from '../../src/cli/commands/init.js';
import type { Io } from '../../src/cli/io.js';
import type { Prompts } from '../../src/cli/prompts.js';
import { DEFAULT_PACK } from '../../src/rules/default-pack.js';
import { hasStackTrace, ROOT, runCliAsync, tempDir, type CliResult } from '../helpers/cli.js';
import { CORPUS, csvEscapes, escapesIn, OWN_ANNOTATION } from './hostile.js';

/** All of it in one value, after a visible marker. */
const ALL = `EvilCorp ${CORPUS.join(' ')}`;
const AS_OF = '2025-12-31';

const q = (s: string): string => `"${s.replace(/"/g, '""')}"`;

function hostilePack(): unknown {
  const win = DEFAULT_PACK.rules.find((r) => r.id === 'win_rate');
  return {
    schemaVersion: 1,
    areas: DEFAULT_PACK.areas?.map((a) => (a.id === 'pipeline' ? { ...a, title: `Pipeline ${ALL}` } : a)),
    rules: [
      {
        ...win,
        // fails on any data: every gate, annotation and verdict names it
        direction: 'higher',
        thresholds: { default: { good: 0.99, fair: 0.98, poor: 0.97 } },
        title: `Title ${ALL}`,
        failureTitle: `Failing ${ALL}`,
        why: `Why ${ALL}`,
        source: `Source ${ALL}`,
      },
    ],
  };
}

let dir: string;
const results = new Map<string, CliResult>();
const run = async (name: string, args: string[], cwd = dir): Promise<void> => {
  results.set(name, await runCliAsync(args, { cwd }));
};
const res = (name: string): CliResult => {
  const r = results.get(name);
  if (r === undefined) throw new Error(`no run named ${name}`);
  return r;
};

beforeAll(async () => {
  dir = tempDir();
  for (const f of ['deals.csv', 'spend.csv', 'renewals.csv']) copyFileSync(join(ROOT, 'fixtures/demo', f), join(dir, f));
  const rows = CORPUS.flatMap((v, i) => [
    // used: the value lands in names, owners, sources and companies
    `H${i},${q(`Deal ${v}`)},Closed Won,12000,2025-05-0${1 + (i % 9)} 10:00,2025-06-1${i % 10} 10:00,${q(v)},Sales Pipeline,New Business,${q(v)},${q(`Co ${v}`)},100,Closed,,Mid-Market`,
    // rejected: the value lands in reasons, warnings and the rejects CSV
    `R${i},${q(v)},${q(v)},${q(v)},2025-05-01 10:00,2025-06-01 10:00,${q(v)},Sales Pipeline,New Business,${q(v)},${q(v)},0,Closed,${q(v)},Mid-Market`,
  ]);
  writeFileSync(join(dir, 'deals.csv'), `${readFileSync(join(dir, 'deals.csv'), 'utf8').trimEnd()}\n${rows.join('\n')}\n`);
  // spend channels: chart labels and legends of the HTML report, channel tables elsewhere
  const spend = CORPUS.map((v, i) => `2025-${String(1 + (i % 12)).padStart(2, '0')},${q(`Chan ${v}`)},marketing,${1000 + i},10,5,2`);
  writeFileSync(join(dir, 'spend.csv'), `${readFileSync(join(dir, 'spend.csv'), 'utf8').trimEnd()}\n${spend.join('\n')}\n`);
  const config = JSON.parse(readFileSync(join(ROOT, 'fixtures/demo/revhealth.config.json'), 'utf8')) as Record<string, Record<string, unknown>>;
  config.company = { ...config.company, name: ALL };
  config.rules = { packs: ['pack.json'] };
  writeFileSync(join(dir, 'revhealth.config.json'), JSON.stringify(config));
  writeFileSync(join(dir, 'pack.json'), JSON.stringify(hostilePack()));

  // the baseline: a real audit JSON with a hostile company name and perfect grades (so everything regressed)
  await run('baseline', ['audit', '.', '--as-of', AS_OF, '--format', 'json', '--out', 'base.json']);
  const base = JSON.parse(readFileSync(join(dir, 'base.json'), 'utf8')) as { company: { name: string }; grades: { overall: Record<string, unknown>; areas: Record<string, unknown>[] }; asOf: string };
  base.company.name = `Base ${ALL}`;
  base.grades.overall = { ...base.grades.overall, grade: 'A', score: 100 };
  base.grades.areas = base.grades.areas.map((a) => ({ ...a, grade: 'A', score: 100, title: `Area ${ALL}` }));
  writeFileSync(join(dir, 'base.json'), JSON.stringify(base));
  writeFileSync(join(dir, 'evil-asof.json'), JSON.stringify({ ...base, asOf: `2025-01-01\n::error::x ${ALL}` }));

  // init: a folder named with part of the corpus, stage values from the corpus
  mkdirSync(join(dir, 'init'));
  writeFileSync(
    join(dir, 'init', 'deals.csv'),
    `id,amount,stage,created,closed\n${CORPUS.map((v, i) => `I${i},100,${q(`Stage ${v}`)},2025-01-01,2025-02-01`).join('\n')}\n`,
  );
  // a config whose key (quoted back in the error) is hostile
  mkdirSync(join(dir, 'badcfg'));
  copyFileSync(join(ROOT, 'fixtures/demo', 'deals.csv'), join(dir, 'badcfg', 'deals.csv'));
  writeFileSync(join(dir, 'badcfg', 'revhealth.config.json'), JSON.stringify({ targets: { quotas: { [ALL]: -5 } }, [ALL]: 1 }));

  const audit = ['audit', '.', '--as-of', AS_OF, '--baseline', 'base.json'];
  await Promise.all([
    run('audit terminal + gates', [...audit, '--by', 'owner', '--fail-on-regression', '--fail-on', 'warning', '--min-grade', 'A']),
    run('audit json', [...audit, '--format', 'json']),
    run('audit md', [...audit, '--format', 'md']),
    run('audit html', [...audit, '--format', 'html']),
    run('audit github', [...audit, '--format', 'github', '--fail-on', 'warning']),
    run('audit files', [...audit, '--format', 'md', '--out', 'report.md', '--summary', 'summary.md', '--rejects', 'rejects.csv']),
    run('audit github file', [...audit, '--format', 'github', '--out', 'report.github.txt']),
    run('audit html file', [...audit, '--format', 'html', '--out', 'report.html']),
    run('validate', ['validate', '.']),
    run('validate json', ['validate', '.', '--format', 'json', '--show-values']),
    run('validate show-values', ['validate', '.', '--show-values']),
    run('metrics', ['metrics', '.', '--by', 'source', '--as-of', AS_OF]),
    run('explain rule', ['explain', 'win_rate']),
    run('explain list', ['explain']),
    run('rules', ['rules']),
    run('diff', ['diff', 'base.json', 'base.json', '--fail-on-regression']),
    run('init --yes', ['init', 'init', '--yes', '--out', 'init.json']),
    run('error: --as-of', ['audit', '.', '--as-of', ALL]),
    run('error: --segment', ['audit', '.', '--segment', ALL]),
    run('error: unknown option', ['audit', '.', `--x${ALL}`]),
    run('error: unknown command', [ALL]),
    run('error: explain id', ['explain', ALL]),
    run('error: missing folder', ['validate', ALL]),
    run('error: config key', ['validate', '.'], join(dir, 'badcfg')),
    run('error: baseline asOf', ['audit', '.', '--as-of', AS_OF, '--baseline', 'evil-asof.json']),
  ]);
}, 240_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the hostile corpus reaches no output as an escape', () => {
  it('the baseline run worked (the fixture is what the other runs read)', () => {
    expect(res('baseline').code, res('baseline').stderr).toBe(0);
  });

  it.each([
    ['audit terminal + gates', 1],
    ['audit json', 0],
    ['audit md', 0],
    ['audit html', 0],
    ['audit files', 0],
    ['audit html file', 0],
    ['validate', 0],
    ['validate json', 0],
    ['validate show-values', 0],
    ['metrics', 0],
    ['explain rule', 0],
    ['explain list', 0],
    ['rules', 0],
    ['diff', 0],
    ['init --yes', 0],
  ])('%s: exit %i, stdout and stderr clean', (name, code) => {
    const r = res(name);
    expect(r.code, r.stderr).toBe(code);
    expect(escapesIn(r.stdout), 'stdout').toEqual([]);
    expect(escapesIn(r.stderr), 'stderr').toEqual([]);
  });

  it('the corpus did reach the outputs (visible text kept, not silently dropped)', () => {
    expect(res('audit terminal + gates').stdout).toContain('EvilCorp');
    expect(res('audit terminal + gates').stdout).toContain("cmd|' /C calc'!A0");
    expect(res('audit terminal + gates').stderr).toMatch(/^gate failed: --fail-on warning: rule win_rate failed .*: Failing EvilCorp/m);
    expect(res('audit terminal + gates').stderr).toMatch(/^gate failed: Pipeline EvilCorp .* grade dropped/m);
    expect(res('audit md').stdout).toContain('EvilCorp');
    expect(res('audit html').stdout).toContain('EvilCorp');
    expect(res('audit html').stdout).toMatch(/<text [^>]*>Chan /); // a chart label from a spend channel
    expect(res('validate').stdout).toContain('calc');
    expect(res('explain rule').stdout).toContain('Why EvilCorp');
    expect(res('init --yes').stderr).toMatch(/^note: stage values not mapped .*Stage/m);
  });

  it('gates: one line per reason, none of them a workflow command', () => {
    const lines = res('audit terminal + gates').stderr.trimEnd().split('\n');
    for (const l of lines) expect(l).toMatch(/^(gate failed: |wrote )/);
  });

  it('JSON to stdout: valid, escapes C1 / bidi / U+2028 as \\uXXXX, and loses nothing', () => {
    const r = res('audit json');
    const json = JSON.parse(r.stdout) as { company: { name: string }; comparison: { baseline: { asOf: string } } };
    expect(json.company.name).toBe(ALL);
    for (const c of ['\\u009b', '\\u202e', '\\u2028', '\\u061c', '\\u001b']) expect(r.stdout).toContain(c);
  });

  it('github format: only revhealth\'s own annotations are workflow commands, to stdout and to a file', () => {
    const r = res('audit github');
    expect(r.code, r.stderr).toBe(1); // --fail-on warning: the gate lines go to stderr
    expect(escapesIn(r.stdout, { annotations: true })).toEqual([]);
    expect(escapesIn(r.stderr)).toEqual([]);
    for (const line of r.stdout.trimEnd().split('\n')) expect(line).toMatch(OWN_ANNOTATION);
    expect(r.stdout).toContain('EvilCorp');
    const file = readFileSync(join(dir, 'report.github.txt'), 'utf8');
    expect(escapesIn(file, { annotations: true })).toEqual([]);
    expect(file).toBe(r.stdout);
  });

  it.each([['report.md'], ['summary.md'], ['report.html']])('--out / --summary file %s is clean', (file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    expect(text).toContain('EvilCorp');
    expect(escapesIn(text)).toEqual([]);
  });

  it('--rejects CSV: every cell quoted, no formula, no escape; the corpus rows are in it', () => {
    const text = readFileSync(join(dir, 'rejects.csv'), 'utf8');
    expect(csvEscapes(text)).toEqual([]);
    const cells = (parse(text, { relax_column_count: true }) as string[][]).flat();
    expect(cells).toContain(`'=cmd|' /C calc'!A0`);
    expect(cells).toContain("'＝1+1");
    expect(cells).toContain("' =1+1");
    expect(cells).toContain(';=1+1');
  });

  it.each([
    ['error: --as-of'],
    ['error: --segment'],
    ['error: unknown option'],
    ['error: unknown command'],
    ['error: explain id'],
    ['error: missing folder'],
    ['error: config key'],
    ['error: baseline asOf'],
  ])('%s: exit 2, a clean message, no stack trace', (name) => {
    const r = res(name);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/error/);
    expect(hasStackTrace(r.stderr)).toBe(false);
    expect(escapesIn(r.stdout), 'stdout').toEqual([]);
    expect(escapesIn(r.stderr), 'stderr').toEqual([]);
  });

  it('a baseline whose asOf is not a date is refused, naming the file', () => {
    expect(res('error: baseline asOf').stderr).toMatch(/^error: evil-asof\.json: asOf is not a date/m);
  });
});

describe('init prompts (interactive, in-process)', () => {
  it('every question, default and choice it shows is one clean line', async () => {
    const d = tempDir({ 'deals.csv': `id,amount,stage,created,closed\n${CORPUS.map((v, i) => `I${i},100,${q(`Stage ${v}`)},2025-01-01,2025-02-01`).join('\n')}\n` });
    const hostileDir = join(d, `Acme \u001b[2J\u202e ::error::x`);
    mkdirSync(hostileDir);
    copyFileSync(join(d, 'deals.csv'), join(hostileDir, 'deals.csv'));
    const shown: string[] = [];
    const prompts: Prompts = {
      input: async (message, def) => {
        shown.push(message, def);
        return def;
      },
      select: async (message, choices, def) => {
        shown.push(message, ...choices.map((c) => c.name));
        return def ?? (choices[0]?.value as never);
      },
      note: async (m) => void shown.push(m),
    };
    const out: string[] = [];
    const io: Io = { stdout: { write: (s) => void out.push(s), isTTY: true }, stderr: { write: (s) => void out.push(s), isTTY: true }, cwd: d, env: {}, stdinIsTTY: true };
    const program = new Command().exitOverride();
    let code = -1;
    registerInit(program, io, (c) => (code = c), prompts);
    try {
      await program.parseAsync(['init', hostileDir, '--out', join(d, 'cfg.json')], { from: 'user' });
      expect(code).toBe(0);
      expect(shown.some((s) => s.includes('Stage'))).toBe(true);
      for (const s of shown) {
        expect(escapesIn(s), JSON.stringify(s)).toEqual([]);
        expect(s).not.toContain('\n');
      }
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });
});
