/**
 * The GitHub workflow of the README (docs/github-workflow.yml, shown verbatim in the README) run
 * on the fixtures: the test reads the file (test/helpers/action.ts), runs its one-time setup
 * command and then, for two months (fixtures/ci month-1 and month-2), its steps in order, with
 * bash as the runner does (`-eo pipefail`) and a `revhealth` on PATH that is the built binary.
 * The revhealth step (`uses: OWNER/revhealth@…`) runs this repository's action.yml with the
 * step's `with:` inputs; the steps that talk to GitHub or to your systems are played by the test:
 * the export (copy the month's CSVs to exports/), the as-of date (AS_OF), downloading last
 * month's artifact (copy it to baseline/) and uploading this month's (keep it).
 */
import { chmodSync, copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseYaml, readAction, runAction, runShellStep, type Step, type StepRun } from '../helpers/action.js';
import { BIN, ROOT, tempDir } from '../helpers/cli.js';

const WORKFLOW = join(ROOT, 'docs', 'github-workflow.yml');
const FIX = join(ROOT, 'fixtures', 'ci');

/** Commands of the "One-time setup" comment at the top of the file. */
function setupCommands(yaml: string): string[] {
  return yaml
    .split('\n')
    .filter((l) => /^#\s+revhealth\s/.test(l))
    .map((l) => l.replace(/^#\s+/, ''));
}

function copyCsvs(from: string, to: string): void {
  rmSync(to, { recursive: true, force: true });
  mkdirSync(to, { recursive: true });
  for (const f of readdirSync(from)) if (f.endsWith('.csv')) copyFileSync(join(from, f), join(to, f));
}

describe('docs/github-workflow.yml on the fixtures', () => {
  const yaml = readFileSync(WORKFLOW, 'utf8');
  const workflow = parseYaml(yaml) as unknown as { on: Record<string, unknown>; jobs: { audit: { steps: Step[] } } };
  const steps = workflow.jobs.audit.steps;
  let repo: string;
  let env: Record<string, string>;
  let artifact: string | null = null;
  const months: { setup: StepRun[]; runs: StepRun[]; summary: string; revhealthWith: Record<string, string> }[] = [];

  /** Runs the workflow once, the way the runner would, for one month's exports. */
  function runMonth(month: string, asOf: string): { runs: StepRun[]; summary: string; revhealthWith: Record<string, string> } {
    const summaryFile = join(repo, '..', `step-summary-${month}.md`);
    writeFileSync(summaryFile, '');
    env.GITHUB_STEP_SUMMARY = summaryFile;
    rmSync(join(repo, 'audit.json'), { force: true });
    const runs: StepRun[] = [];
    let revhealthWith: Record<string, string> = {};
    for (const s of steps) {
      if (s.uses?.startsWith('actions/checkout') || s.uses?.startsWith('actions/setup-node')) continue;
      if (s.name === "Export this month's data") {
        copyCsvs(join(FIX, month), join(repo, 'exports'));
        continue;
      }
      if (s.name?.startsWith('As-of date')) {
        env.AS_OF = asOf; // the step computes the last day of the previous month; the fixtures are dated
        continue;
      }
      if (s.name === "Last month's audit") {
        // gh run download … --name revhealth-audit --dir baseline
        rmSync(join(repo, 'baseline'), { recursive: true, force: true });
        if (artifact !== null) {
          mkdirSync(join(repo, 'baseline'));
          writeFileSync(join(repo, 'baseline', 'audit.json'), artifact);
        }
        continue;
      }
      if (s.uses !== undefined && /^[\w-]+\/revhealth@/.test(s.uses)) {
        const withInputs: Record<string, string> = {};
        for (const [k, v] of Object.entries(s.with ?? {})) withInputs[k] = v.replace(/\$\{\{\s*env\.(\w+)\s*\}\}/g, (_m, name: string) => env[name] ?? '');
        revhealthWith = withInputs;
        const played = runAction(readAction(join(ROOT, 'action.yml')), ROOT, withInputs, { env, cwd: repo }, (step, w) => {
          expect(step.uses).toBe('actions/upload-artifact@v4');
          expect(w.name).toBe('revhealth-audit'); // the name "Last month's audit" downloads
          artifact = readFileSync(join(repo, w.path as string), 'utf8'); // keep this month's audit
        });
        runs.push(...played.runs);
        continue;
      }
      throw new Error(`step not played by the test: ${s.name ?? s.uses}`);
    }
    return { runs, summary: readFileSync(summaryFile, 'utf8'), revhealthWith };
  }

  beforeAll(() => {
    const root = tempDir();
    repo = join(root, 'repo');
    const bin = join(root, 'bin');
    mkdirSync(repo);
    mkdirSync(bin);
    mkdirSync(join(root, 'runner'));
    // the one-time setup runs on the user's machine, with revhealth installed there
    writeFileSync(join(bin, 'revhealth'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
    chmodSync(join(bin, 'revhealth'), 0o755);
    env = { PATH: `${bin}:${dirname(process.execPath)}:${process.env.PATH ?? ''}`, NO_COLOR: '1', HOME: root, RUNNER_TEMP: join(root, 'runner') };
    for (const f of ['GITHUB_ENV', 'GITHUB_PATH', 'GITHUB_OUTPUT']) env[f] = join(root, f.toLowerCase());
    copyFileSync(join(FIX, 'revhealth.config.json'), join(repo, 'revhealth.config.json'));
    copyCsvs(join(FIX, 'month-1'), join(repo, 'exports'));
    const setup = setupCommands(yaml).map((c) => runShellStep({ name: c, run: c }, { inputs: {}, env: { ...env, AS_OF: '2025-11-30' }, cwd: repo }));
    // the scheduled runs of December 1st and January 1st
    months.push({ setup, ...runMonth('month-1', '2025-11-30') });
    months.push({ setup: [], ...runMonth('month-2', '2025-12-31') });
  }, 120_000);

  it('the README shows the workflow file verbatim, and it has the steps the test plays', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(yaml.trim());
    expect(steps.map((s) => s.name ?? s.uses)).toEqual([
      'actions/checkout@v4',
      'actions/setup-node@v4',
      "Export this month's data",
      'As-of date (last day of the previous month)',
      "Last month's audit",
      'Audit, summary, artifact, ratchet hints, annotations and gate',
    ]);
    expect(workflow.on).toEqual({ schedule: [{ cron: '0 6 1 * *' }], workflow_dispatch: '' });
    expect(setupCommands(yaml)).toEqual(['revhealth init --from-current exports --config revhealth.config.json --as-of "$AS_OF"']);
  });

  it('setup writes the ratchet; month 1 runs every step of the action green', () => {
    const m1 = months[0] as (typeof months)[number];
    expect(m1.setup.map((s) => s.code)).toEqual([0]);
    expect(readdirSync(repo)).toContain('revhealth.ratchet.json');
    expect(m1.revhealthWith).toMatchObject({ 'as-of': '2025-11-30', baseline: 'baseline/audit.json', out: 'audit.json', 'fail-on': 'warning' });
    expect(m1.runs.map((r) => [r.name, r.code])).toEqual([
      ['Install revhealth', 0],
      ['Audit (JSON and summary)', 0],
      ['Ratchet hints', 0],
      ['Annotations and gates', 0],
    ]);
    expect(m1.summary).toMatch(/^## revhealth: Fjord Analytics \(CI fixture\): grade [A-F]/);
    expect(m1.summary).not.toContain('Changes since');
    expect(m1.runs[2]?.stdout).toContain('Nothing to tighten.');
  });

  it('month 2 compares with month 1, prints the tighten hint and fails the gate on the broken floor', () => {
    const m2 = months[1] as (typeof months)[number];
    expect(m2.runs.map((r) => [r.name, r.code])).toEqual([
      ['Install revhealth', 0],
      ['Audit (JSON and summary)', 0],
      ['Ratchet hints', 0],
      ['Annotations and gates', 1],
    ]);
    expect(m2.summary).toContain('### Changes since 2025-11-30');
    expect(m2.summary).toContain('- **Stale deals:** 2 → 2 (1 new, 1 resolved)');
    expect(m2.runs[2]?.stdout).toContain('↑ win_rate: 14.7% — you now beat this floor (12.5%); tighten it to 14.7%');
    const gate = m2.runs[3] as StepRun;
    expect(gate.stdout).toMatch(/^::error title=revhealth grr::/m);
    expect(gate.stdout).toMatch(/^::warning title=revhealth new%3A stale deals::deal S3/m);
    expect(gate.stdout).toMatch(/^::notice title=revhealth left the list%3A stale deals::deal S1/m);
    expect(gate.stderr).toContain('gate failed: --fail-on warning: rule grr failed');
    const audit = JSON.parse(readFileSync(join(repo, 'audit.json'), 'utf8')) as { asOf: string; comparison: { baseline: { asOf: string } } };
    expect(audit.asOf).toBe('2025-12-31');
    expect(audit.comparison.baseline.asOf).toBe('2025-11-30');
  });
});
