/**
 * The composite GitHub Action (action.yml at the repository root), its steps run in order with
 * bash as the runner does (test/helpers/action.ts), on fixtures/ci: GITHUB_ACTION_PATH is this
 * repository (built: `npm test` builds first, so the install step finds the bundle and skips
 * `npm ci`), GITHUB_STEP_SUMMARY / GITHUB_OUTPUT / GITHUB_PATH / GITHUB_ENV / RUNNER_TEMP are
 * temp files, and the upload-artifact step is played by the test (it keeps the file named by
 * `path`). Month 1 audits green and is kept; month 2 compares with it and fails the gate.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readAction, runAction, runShellStep, type ActionFile, type Step, type StepRun } from '../helpers/action.js';
import { ROOT, runCliAsync, tempDir } from '../helpers/cli.js';

const FIX = join(ROOT, 'fixtures', 'ci');

interface Played {
  readonly runs: StepRun[];
  readonly failed: boolean;
  readonly summary: string;
  readonly uploads: { name: string; path: string; retention: string; content: string }[];
  readonly outputs: Record<string, string>;
}

let action: ActionFile;
let repo: string;

function copyCsvs(from: string, to: string): void {
  rmSync(to, { recursive: true, force: true });
  mkdirSync(to, { recursive: true });
  for (const f of readdirSync(from)) if (f.endsWith('.csv')) copyFileSync(join(from, f), join(to, f));
}

/** One run of the action in `repo`, with `with` inputs, as a job step would. */
function play(withInputs: Record<string, string>): Played {
  const temp = tempDir();
  const files = { GITHUB_STEP_SUMMARY: 'summary.md', GITHUB_OUTPUT: 'output', GITHUB_ENV: 'env', GITHUB_PATH: 'path' };
  const env: Record<string, string> = { PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`, HOME: temp, NO_COLOR: '1', RUNNER_TEMP: join(temp, 'runner') };
  mkdirSync(env.RUNNER_TEMP as string);
  for (const [k, f] of Object.entries(files)) {
    env[k] = join(temp, f);
    writeFileSync(env[k] as string, '');
  }
  const uploads: Played['uploads'] = [];
  const result = runAction(action, ROOT, withInputs, { env, cwd: repo }, (step, w) => {
    expect(step.uses).toBe('actions/upload-artifact@v4');
    uploads.push({ name: w.name ?? '', path: w.path ?? '', retention: w['retention-days'] ?? '', content: readFileSync(join(repo, w.path ?? ''), 'utf8') });
  });
  return { ...result, summary: readFileSync(env.GITHUB_STEP_SUMMARY as string, 'utf8'), uploads };
}

const GATES = { config: 'revhealth.config.json', 'fail-on': 'warning', out: 'audit.json' };
let month1: Played;
let month2: Played;
let strict: Played;

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'dist', 'bundle', 'revhealth.js'))) throw new Error('run npm run build first: the action would otherwise run npm ci in this repository');
  action = readAction(join(ROOT, 'action.yml'));
  repo = tempDir();
  copyFileSync(join(FIX, 'revhealth.config.json'), join(repo, 'revhealth.config.json'));
  copyCsvs(join(FIX, 'month-1'), join(repo, 'exports'));
  // the one-time setup on the user's machine: the ratchet from month 1
  const init = await runCliAsync(['init', '--from-current', 'exports', '--config', 'revhealth.config.json', '--as-of', '2025-11-30'], { cwd: repo });
  expect(init.code, init.stderr).toBe(0);
  month1 = play({ ...GATES, 'as-of': '2025-11-30', baseline: 'baseline/audit.json' });
  // next month: last month's artifact downloaded to baseline/
  copyCsvs(join(FIX, 'month-2'), join(repo, 'exports'));
  mkdirSync(join(repo, 'baseline'));
  writeFileSync(join(repo, 'baseline', 'audit.json'), month1.uploads[0]?.content ?? '');
  month2 = play({ ...GATES, 'as-of': '2025-12-31', baseline: 'baseline/audit.json', 'fail-on-regression': 'true' });
  strict = play({ data: 'exports', 'as-of': '2025-12-31', 'min-grade': 'A', 'artifact-name': '', ratchet: '' });
}, 120_000);

describe('action.yml', () => {
  it('is a composite action with the documented inputs, every shell step in bash', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(['data', 'config', 'as-of', 'baseline', 'min-grade', 'fail-on', 'fail-on-regression', 'out', 'artifact-name', 'retention-days', 'ratchet']);
    expect(action.runs.steps.map((s) => s.name)).toEqual(['Install revhealth', 'Audit (JSON and summary)', 'Keep the audit JSON', 'Ratchet hints', 'Annotations and gates']);
    for (const s of action.runs.steps) if (s.run !== undefined) expect(s.shell, s.name).toBe('bash');
    // inputs reach the scripts through env, never pasted into the script text (no injection)
    for (const s of action.runs.steps) expect(s.run ?? '', s.name).not.toMatch(/\$\{\{/);
  });

  it('month 1: every step green, summary on the run page, the JSON uploaded, no baseline yet', () => {
    expect(month1.runs.map((r) => [r.name, r.code])).toEqual([
      ['Install revhealth', 0],
      ['Audit (JSON and summary)', 0],
      ['Ratchet hints', 0],
      ['Annotations and gates', 0],
    ]);
    expect(month1.runs[0]?.stdout.trim()).toBe((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
    expect(month1.summary).toMatch(/^## revhealth: Fjord Analytics \(CI fixture\): grade [A-F]/);
    expect(month1.summary).not.toContain('Changes since');
    expect(month1.runs[2]?.stdout).toContain('Nothing to tighten.');
    expect(month1.uploads.map((u) => [u.name, u.path, u.retention])).toEqual([['revhealth-audit', 'audit.json', '400']]);
    expect((JSON.parse(month1.uploads[0]?.content ?? '') as { asOf: string }).asOf).toBe('2025-11-30');
    expect(month1.outputs).toEqual({ json: 'audit.json' });
  });

  it('month 2: compares with the baseline, prints the tighten hint, annotates and fails the gate', () => {
    expect(month2.runs.map((r) => [r.name, r.code])).toEqual([
      ['Install revhealth', 0],
      ['Audit (JSON and summary)', 0],
      ['Ratchet hints', 0],
      ['Annotations and gates', 1],
    ]);
    expect(month2.failed).toBe(true);
    expect(month2.summary).toContain('### Changes since 2025-11-30');
    expect(month2.summary).toContain('- **Stale deals:** 2 → 2 (1 new, 1 resolved)');
    expect(month2.runs[2]?.stdout).toContain('↑ win_rate: 14.7% — you now beat this floor (12.5%); tighten it to 14.7%');
    const gate = month2.runs[3] as StepRun;
    expect(gate.stdout).toMatch(/^::error title=revhealth grr::/m);
    expect(gate.stdout).toMatch(/^::warning title=revhealth new%3A stale deals::deal S3/m);
    expect(gate.stderr).toContain('gate failed: --fail-on warning: rule grr failed');
    // the JSON was still written and uploaded before the gate failed
    const kept = JSON.parse(month2.uploads[0]?.content ?? '') as { asOf: string; comparison: { baseline: { asOf: string } } };
    expect(kept.asOf).toBe('2025-12-31');
    expect(kept.comparison.baseline.asOf).toBe('2025-11-30');
  });

  it('without config, baseline file, ratchet or upload: --min-grade A fails the gate, nothing uploaded', () => {
    expect(strict.runs.map((r) => [r.name, r.code])).toEqual([
      ['Install revhealth', 0],
      ['Audit (JSON and summary)', 0],
      ['Ratchet hints', 0],
      ['Annotations and gates', 1],
    ]);
    expect(strict.uploads).toEqual([]);
    expect(strict.runs[2]?.stdout).toBe('');
    expect(strict.runs[3]?.stderr).toMatch(/^gate failed: --min-grade A: overall grade [B-F] /m);
    expect(existsSync(join(repo, 'revhealth-audit.json'))).toBe(true);
  });
});

/**
 * The install step on a fresh checkout of the action, as GitHub downloads it (no dist/): it runs
 * `npm ci` in the action's folder, which bundles through `prepare`, or bundles explicitly when
 * prepare did not run (ignore-scripts). `npm` is a stand-in on PATH that logs its arguments and
 * folder and plays the part asked of it by copying this repository's bundle.
 */
describe("action.yml's install step", () => {
  function install(npmBuilds: 'on ci' | 'on run bundle', bundled: boolean): { run: StepRun; calls: string[]; path: string } {
    const temp = tempDir();
    const actionPath = join(temp, 'action');
    cpSync(join(ROOT, 'bin'), join(actionPath, 'bin'), { recursive: true });
    copyFileSync(join(ROOT, 'package.json'), join(actionPath, 'package.json'));
    if (bundled) cpSync(join(ROOT, 'dist', 'bundle'), join(actionPath, 'dist', 'bundle'), { recursive: true });
    const fake = join(temp, 'fake-bin');
    mkdirSync(fake);
    const log = join(temp, 'npm.log');
    const builds = npmBuilds === 'on ci' ? '[ "$1" = ci ]' : '[ "$1 $2" = "run bundle" ]';
    writeFileSync(join(fake, 'npm'), `#!/bin/sh\necho "$PWD: npm $*" >> "${log}"\nif ${builds}; then mkdir -p dist && cp -R "${join(ROOT, 'dist', 'bundle')}" dist/bundle; fi\n`);
    chmodSync(join(fake, 'npm'), 0o755);
    writeFileSync(log, '');
    const env: Record<string, string> = { PATH: `${fake}:${dirname(process.execPath)}:${process.env.PATH ?? ''}`, HOME: temp, NO_COLOR: '1', RUNNER_TEMP: join(temp, 'runner'), GITHUB_ACTION_PATH: actionPath };
    mkdirSync(env.RUNNER_TEMP as string);
    for (const f of ['GITHUB_ENV', 'GITHUB_PATH', 'GITHUB_OUTPUT']) {
      env[f] = join(temp, f.toLowerCase());
      writeFileSync(env[f] as string, '');
    }
    const step = readAction(join(ROOT, 'action.yml')).runs.steps.find((s) => s.name === 'Install revhealth') as Step;
    const ctx = { inputs: {}, env, cwd: temp };
    const run = runShellStep(step, ctx);
    const calls = readFileSync(log, 'utf8').split('\n').filter(Boolean).map((l) => l.replace(actionPath, '<action>'));
    return { run, calls, path: ctx.env.PATH ?? '' };
  }
  const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

  it.each([
    ['a fresh checkout: npm ci, which bundles through prepare', 'on ci', false, ['<action>: npm ci --no-audit --no-fund --loglevel error']],
    ['prepare did not run: npm ci, then npm run bundle', 'on run bundle', false, ['<action>: npm ci --no-audit --no-fund --loglevel error', '<action>: npm run bundle --silent']],
    ['already bundled: no npm at all', 'on ci', true, []],
  ] as const)('%s; revhealth on PATH for the later steps', (_what, npmBuilds, bundled, expected) => {
    const r = install(npmBuilds, bundled);
    expect(r.run.code, r.run.stderr).toBe(0);
    expect(r.calls).toEqual(expected);
    expect(r.run.stdout.trim()).toBe(version);
    // GITHUB_PATH put the wrapper first on PATH: `revhealth` now resolves to the action's copy
    const which = spawnSync('sh', ['-c', 'command -v revhealth && revhealth --version'], { env: { PATH: r.path, HOME: tempDir() }, encoding: 'utf8' });
    expect(which.stdout.split('\n')[0]).toMatch(/\/runner\/revhealth-bin\/revhealth$/);
    expect(which.stdout.split('\n')[1]).toBe(version);
  });
});
