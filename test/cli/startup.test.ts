/**
 * Start-up (issue 17): the built binary loads a renderer only when its format is asked for, the
 * prompts only in init, and zod only when a schema is used (a config file, a baseline). Each run
 * records every module file Node loads (a module hook passed with --import for ES modules, and
 * require's cache at exit for CommonJS), so the test reads what was loaded, not how long it took.
 * Needs `npm run build`.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, tempDir } from '../helpers/cli.js';

const dir = tempDir();
const LOG = join(dir, 'loaded.txt');
const HOOK = join(dir, 'hook.mjs');
const LOADER = [
  "import { appendFileSync } from 'node:fs';",
  'export async function load(url, context, next) {',
  `  if (url.startsWith('file:')) appendFileSync(${JSON.stringify(LOG)}, url + '\\n');`,
  '  return next(url, context);',
  '}',
].join('\n');
writeFileSync(
  HOOK,
  [
    "import { appendFileSync } from 'node:fs';",
    "import { createRequire, register } from 'node:module';",
    "import { pathToFileURL } from 'node:url';",
    `register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(LOADER)}));`,
    // CommonJS files (the bundle's zod.cjs) go through require, which the hook above does not see
    "const { cache } = createRequire(import.meta.url);",
    `process.on('exit', () => appendFileSync(${JSON.stringify(LOG)}, Object.keys(cache).map((f) => pathToFileURL(f).href + '\\n').join('')));`,
  ].join('\n'),
);

/** The module files one run of the binary loaded (bundle chunks or dist/ modules), as URLs. */
function loaded(args: readonly string[]): string[] {
  writeFileSync(LOG, '');
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(HOOK).href, BIN, ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' }, encoding: 'utf8' });
  expect(r.stderr).not.toMatch(/error/i);
  expect(r.status).toBe(0);
  return readFileSync(LOG, 'utf8').split('\n').filter((l) => l !== '');
}

/** A renderer's module: its chunk in the bundle (named after its entry) or its dist/ module. */
const module = (name: string) => new RegExp(`/(?:bundle/${name}-[A-Z0-9]+|report/${name})\\.js$`);
/** A loaded file that is (or bundles) @inquirer: its path, or esbuild's source comments in a chunk. */
const isInquirer = (url: string): boolean => url.includes('/@inquirer/') || readFileSync(fileURLToPath(url), 'utf8').includes('node_modules/@inquirer/');

describe('what the binary loads', () => {
  const out = join(dir, 'out');
  it.each([
    ['--version', ['--version'], [], ['html', 'markdown', 'terminal', 'json']],
    ['--help', ['--help'], [], ['html', 'markdown', 'terminal', 'json']],
    ['a JSON audit', ['demo', '--format', 'json', '--out', `${out}.json`], ['json'], ['html', 'markdown', 'terminal']],
    ['an HTML audit', ['demo', '--format', 'html', '--out', `${out}.html`], ['html'], ['markdown', 'terminal', 'json']],
    ['a terminal audit', ['demo', '--out', `${out}.txt`], ['terminal'], ['html', 'markdown', 'json']],
  ])('%s loads %j of the renderers and not %j', (_what, args, yes, no) => {
    const files = loaded(args);
    expect(files.length).toBeGreaterThan(0);
    for (const name of yes) expect(files.some((f) => module(name).test(f)), name).toBe(true);
    for (const name of no) expect(files.filter((f) => module(name).test(f))).toEqual([]);
  });

  it.each([
    ['a Markdown audit', ['demo', '--format', 'md', '--out', `${out}.md`]],
    ['init --yes (asks nothing)', ['init', 'fixtures/demo', '--yes', '--out', `${out}.config.json`]],
  ])('%s does not load the prompts', (_what, args) => {
    expect(loaded(args).filter(isInquirer)).toEqual([]);
  });
});

describe('zod is loaded only when a schema is used', () => {
  // a folder without a config file: the audit reads CSV and writes JSON, it validates nothing with zod
  const bare = tempDir();
  copyFileSync(join(ROOT, 'fixtures/demo/deals.csv'), join(bare, 'deals.csv'));
  const out = join(dir, 'zod-out');
  /** zod: the bundle's zod.cjs, or the package itself when bin/ runs the dist/ modules. */
  const isZod = (url: string): boolean => /\/bundle\/zod\.cjs$|\/node_modules\/zod\//.test(url);
  it.each([
    ['--version', false, ['--version']],
    ['--help', false, ['--help']],
    ['a JSON audit of a folder without a config', false, ['audit', bare, '--as-of', '2024-06-30', '--format', 'json', '-q', '--out', `${out}.json`]],
    ['the demo (its folder has revhealth.config.json)', true, ['demo', '--format', 'json', '--out', `${out}-demo.json`]],
  ])('%s: loads zod: %s', (_what, yes, args) => {
    expect(loaded(args).some(isZod)).toBe(yes);
  });
});
