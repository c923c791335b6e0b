/**
 * The GitHub workflow of the README (docs/github-workflow.yml, shown verbatim in the README) run
 * on the fixtures: the test reads the file, runs its one-time setup command and then, for two
 * months (fixtures/ci month-1 and month-2), every step whose `run:` invokes revhealth, in order,
 * with bash as the runner does (`-eo pipefail`), a `revhealth` on PATH that is the built binary,
 * and GITHUB_STEP_SUMMARY pointing at a file. The steps that talk to GitHub or to your systems
 * are played by the test: the export (copy the month's CSVs to exports/), the as-of date (AS_OF),
 * downloading last month's artifact (copy it to baseline/) and uploading this month's (keep it).
 * `if:` conditions `hashFiles('…') != ''` and `always()` are honoured; after a failing step only
 * `always()` steps run, as on GitHub.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, tempDir } from '../helpers/cli.js';

const WORKFLOW = join(ROOT, 'docs', 'github-workflow.yml');
const FIX = join(ROOT, 'fixtures', 'ci');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
}

/** The steps of the (single) job: enough YAML for this file (scalars, `|` blocks, nested maps skipped). */
function parseSteps(yaml: string): Step[] {
  const lines = yaml.split('\n');
  const at = lines.findIndex((l) => /^\s+steps:\s*$/.test(l));
  const steps: Step[] = [];
  let cur: Step | null = null;
  let stepIndent = -1;
  for (let i = at + 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (/^\s*(#.*)?$/.test(line)) continue;
    const item = /^(\s*)- ([\w-]+):\s*(.*)$/.exec(line);
    const kv = /^(\s*)([\w-]+):\s*(.*)$/.exec(line);
    let indent: number;
    let key: string;
    let value: string;
    if (item) {
      stepIndent = (item[1] as string).length;
      cur = {};
      steps.push(cur);
      indent = stepIndent + 2;
      key = item[2] as string;
      value = item[3] as string;
    } else if (kv && cur) {
      indent = (kv[1] as string).length;
      if (indent <= stepIndent) break;
      key = kv[2] as string;
      value = kv[3] as string;
      if (indent > stepIndent + 2) continue; // nested under with:/env:
    } else continue;
    value = value.replace(/\s+#.*$/, '');
    if (value === '|') {
      const block: string[] = [];
      let j = i + 1;
      for (; j < lines.length; j++) {
        const l = lines[j] as string;
        if (l.trim() !== '' && l.search(/\S/) <= indent) break;
        block.push(l);
      }
      const pad = Math.min(...block.filter((l) => l.trim() !== '').map((l) => l.search(/\S/)));
      value = block.map((l) => l.slice(pad)).join('\n').trimEnd();
      i = j - 1;
    }
    if (key === 'name' || key === 'uses' || key === 'run' || key === 'if') cur[key] = value;
  }
  return steps;
}

/** Commands of the "One-time setup" comment at the top of the file. */
function setupCommands(yaml: string): string[] {
  return yaml
    .split('\n')
    .filter((l) => /^#\s+revhealth\s/.test(l))
    .map((l) => l.replace(/^#\s+/, ''));
}

function callsRevhealth(run: string): boolean {
  return run.split('\n').some((l) => /^\s*revhealth\s/.test(l));
}

interface StepRun {
  readonly name: string;
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function bash(script: string, cwd: string, env: Record<string, string>): { code: number; stdout: string; stderr: string } {
  const res = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], { cwd, env, encoding: 'utf8' });
  return { code: res.status ?? -1, stdout: res.stdout, stderr: res.stderr };
}

function copyCsvs(from: string, to: string): void {
  rmSync(to, { recursive: true, force: true });
  mkdirSync(to, { recursive: true });
  for (const f of readdirSync(from)) if (f.endsWith('.csv')) copyFileSync(join(from, f), join(to, f));
}

describe('docs/github-workflow.yml on the fixtures', () => {
  const yaml = readFileSync(WORKFLOW, 'utf8');
  const steps = parseSteps(yaml);
  let repo: string;
  let env: Record<string, string>;
  let artifact: string | null = null;
  const months: { setup: StepRun[]; runs: StepRun[]; summary: string }[] = [];

  /** Runs the workflow once, the way the runner would, for one month's exports. */
  function runMonth(month: string, asOf: string): { runs: StepRun[]; summary: string } {
    copyCsvs(join(FIX, month), join(repo, 'exports')); // "Export this month's data"
    env['AS_OF'] = asOf; // "As-of date"
    rmSync(join(repo, 'baseline'), { recursive: true, force: true });
    if (artifact !== null) {
      // "Last month's audit": gh run download … --dir baseline
      mkdirSync(join(repo, 'baseline'));
      writeFileSync(join(repo, 'baseline', 'audit.json'), artifact);
    }
    rmSync(join(repo, 'audit.json'), { force: true });
    const summaryFile = join(repo, '..', `step-summary-${month}.md`);
    writeFileSync(summaryFile, '');
    env['GITHUB_STEP_SUMMARY'] = summaryFile;
    const runs: StepRun[] = [];
    let failed = false;
    for (const s of steps) {
      const cond = s.if ?? '';
      const always = /always\(\)/.test(cond);
      if (failed && !always) continue;
      const hf = /hashFiles\('([^']+)'\)\s*!=\s*''/.exec(cond);
      if (hf && !existsSync(join(repo, hf[1] as string))) continue;
      if (s.uses?.startsWith('actions/upload-artifact')) {
        artifact = readFileSync(join(repo, 'audit.json'), 'utf8'); // "Keep this month's audit"
        continue;
      }
      if (s.run === undefined || !callsRevhealth(s.run)) continue;
      const r = bash(s.run, repo, env);
      runs.push({ name: s.name ?? s.run, ...r });
      if (r.code !== 0) failed = true;
    }
    return { runs, summary: readFileSync(summaryFile, 'utf8') };
  }

  beforeAll(() => {
    const root = tempDir();
    repo = join(root, 'repo');
    const bin = join(root, 'bin');
    mkdirSync(repo);
    mkdirSync(bin);
    writeFileSync(join(bin, 'revhealth'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
    chmodSync(join(bin, 'revhealth'), 0o755);
    env = { PATH: `${bin}:${process.env.PATH ?? ''}`, NO_COLOR: '1', HOME: root };
    copyFileSync(join(FIX, 'revhealth.config.json'), join(repo, 'revhealth.config.json'));
    // one-time setup on month 1, then the scheduled runs of December 1st and January 1st
    copyCsvs(join(FIX, 'month-1'), join(repo, 'exports'));
    env['AS_OF'] = '2025-11-30';
    const setup = setupCommands(yaml).map((c) => ({ name: c, ...bash(c, repo, env) }));
    months.push({ setup, ...runMonth('month-1', '2025-11-30') });
    months.push({ setup: [], ...runMonth('month-2', '2025-12-31') });
  });

  it('the README shows the workflow file verbatim, and it has the steps the test plays', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(yaml.trim());
    expect(steps.map((s) => s.name ?? s.uses)).toEqual([
      'actions/checkout@v4',
      'actions/setup-node@v4',
      'Install revhealth',
      "Export this month's data",
      'As-of date (last day of the previous month)',
      "Last month's audit",
      'Audit (JSON for next month, summary on the run page)',
      "Keep this month's audit for next month",
      'Ratchet hints',
      'Annotations and gate',
    ]);
    expect(yaml).toMatch(/schedule:\n\s+- cron: '0 6 1 \* \*'/);
    expect(setupCommands(yaml)).toEqual(['revhealth init --from-current exports --config revhealth.config.json --as-of "$AS_OF"']);
  });

  it('setup writes the ratchet; month 1 runs every revhealth step green', () => {
    const m1 = months[0] as (typeof months)[number];
    expect(m1.setup.map((s) => s.code)).toEqual([0]);
    expect(existsSync(join(repo, 'revhealth.ratchet.json'))).toBe(true);
    expect(m1.runs.map((r) => [r.name, r.code])).toEqual([
      ['Audit (JSON for next month, summary on the run page)', 0],
      ['Ratchet hints', 0],
      ['Annotations and gate', 0],
    ]);
    expect(m1.summary).toMatch(/^## revhealth: Fjord Analytics \(CI fixture\): grade [A-F]/);
    expect(m1.summary).not.toContain('Changes since');
    expect(m1.runs[1]?.stdout).toContain('Nothing to tighten.');
  });

  it('month 2 compares with month 1, prints the tighten hint and fails the gate on the broken floor', () => {
    const m2 = months[1] as (typeof months)[number];
    expect(m2.runs.map((r) => [r.name, r.code])).toEqual([
      ['Audit (JSON for next month, summary on the run page)', 0],
      ['Ratchet hints', 0],
      ['Annotations and gate', 1],
    ]);
    expect(m2.summary).toContain('### Changes since 2025-11-30');
    expect(m2.summary).toContain('- **Stale deals:** 2 → 2 (1 new, 1 resolved)');
    expect(m2.runs[1]?.stdout).toContain('↑ win_rate: 14.7% — you now beat this floor (12.5%); tighten it to 14.7%');
    const gate = m2.runs[2] as StepRun;
    expect(gate.stdout).toMatch(/^::error title=revhealth grr::/m);
    expect(gate.stdout).toMatch(/^::warning title=revhealth new%3A stale deals::deal S3/m);
    expect(gate.stdout).toMatch(/^::notice title=revhealth left the list%3A stale deals::deal S1/m);
    expect(gate.stderr).toContain('gate failed: --fail-on warning: rule grr failed');
    const audit = JSON.parse(readFileSync(join(repo, 'audit.json'), 'utf8')) as { asOf: string; comparison: { baseline: { asOf: string } } };
    expect(audit.asOf).toBe('2025-12-31');
    expect(audit.comparison.baseline.asOf).toBe('2025-11-30');
  });
});
