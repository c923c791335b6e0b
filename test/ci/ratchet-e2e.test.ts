/**
 * End to end, through the CLI in-process (run(argv, io)): audit month 1, write the
 * ratchet from it, then audit month 2 against month 1 (fixtures/ci, see its README): one
 * improvement (win rate beats its floor), one regression (GRR falls below its floor), one new
 * stale deal (S3) and one resolved (S1). Checks the exit code, the GitHub annotations, the
 * record-level diff and the tighten hints.
 */
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCliAsync, tempDir, type CliResult } from '../helpers/cli.js';

const FIX = join(ROOT, 'fixtures', 'ci');
const M1 = join(FIX, 'month-1');
const M2 = join(FIX, 'month-2');

interface Hint {
  rule: string;
  status: string;
  floor: number;
  value: number | null;
  suggestion: number | null;
}
interface Change {
  before: number;
  after: number;
  appeared: { id: string }[];
  resolved: { id: string }[];
}
interface AuditJson {
  rules: { id: string; status: string; severity: string; value: number | null }[];
  grades: { areas: { area: string; grade: string | null; score: number | null }[] };
  items: Record<string, { id: string }[]>;
  ratchet?: { file: string; hints: Hint[] };
  comparison?: { items?: Record<string, Change>; regressions: string[] };
}

const ids = (xs: readonly { id: string }[]): string[] => xs.map((x) => x.id);

describe('ratchet, month 1 → month 2', () => {
  let dir: string;
  let config: string;
  let m1: AuditJson;
  let init: CliResult;
  let m1Again: CliResult;
  let github: CliResult;
  let m2: AuditJson;
  let summary: string;

  beforeAll(async () => {
    dir = tempDir();
    config = join(dir, 'revhealth.config.json');
    copyFileSync(join(FIX, 'revhealth.config.json'), config);
    const m1Path = join(dir, 'audit-2025-11.json');
    const a = await runCliAsync(['audit', M1, '-c', config, '--as-of', '2025-11-30', '--format', 'json', '--out', m1Path]);
    expect(a.code, a.stderr).toBe(0);
    m1 = JSON.parse(readFileSync(m1Path, 'utf8')) as AuditJson;
    init = await runCliAsync(['init', '--from-current', M1, '-c', config, '--as-of', '2025-11-30'], { cwd: dir });
    m1Again = await runCliAsync(['audit', M1, '-c', config, '--as-of', '2025-11-30', '--format', 'github', '--fail-on', 'warning']);
    github = await runCliAsync(['audit', M2, '-c', config, '--as-of', '2025-12-31', '--baseline', m1Path, '--format', 'github', '--fail-on', 'warning', '--summary', join(dir, 'summary.md')]);
    const j = await runCliAsync(['audit', M2, '-c', config, '--as-of', '2025-12-31', '--baseline', m1Path, '--format', 'json', '--out', join(dir, 'audit-2025-12.json')]);
    expect(j.code, j.stderr).toBe(0);
    m2 = JSON.parse(readFileSync(join(dir, 'audit-2025-12.json'), 'utf8')) as AuditJson;
    summary = readFileSync(join(dir, 'summary.md'), 'utf8');
  });

  it('month 1 fails win_rate, grr and nrr against the benchmark', () => {
    const failing = m1.rules.filter((r) => r.status === 'fail').map((r) => r.id);
    expect(failing).toEqual(['win_rate', 'grr', 'nrr']);
    expect(ids(m1.items['staleDeals'] ?? [])).toEqual(['deal:S1', 'deal:S2']);
  });

  it('init --from-current writes the ratchet: failing rules become warnings floored at today\'s value; the config lists it', () => {
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toContain('win_rate: failing → warning, floor 12.5%');
    const ratchet = JSON.parse(readFileSync(join(dir, 'revhealth.ratchet.json'), 'utf8')) as {
      overrides: Record<string, { severity: string; thresholds: { default: Record<string, number> } }>;
      ratchet: { asOf: string; floors: Record<string, { value: number; direction: string }> };
    };
    expect(Object.keys(ratchet.overrides).sort()).toEqual(['grr', 'nrr', 'win_rate']);
    expect(ratchet.ratchet.asOf).toBe('2025-11-30');
    expect(ratchet.ratchet.floors['win_rate']).toMatchObject({ value: 0.125, direction: 'higher' });
    expect(ratchet.ratchet.floors['grr']).toMatchObject({ value: 0.8, direction: 'higher' });
    for (const o of Object.values(ratchet.overrides)) expect(o.severity).toBe('warning');
    const cfg = JSON.parse(readFileSync(config, 'utf8')) as { rules: { overridesFiles: string[]; overrides: object } };
    expect(cfg.rules.overridesFiles).toEqual(['revhealth.ratchet.json']);
    expect(cfg.rules.overrides).toHaveProperty('top10_concentration'); // the rest of the config is kept
  });

  it('with the ratchet, month 1 itself passes --fail-on warning: the floored rules are warnings at their floor', () => {
    expect(m1Again.code, m1Again.stderr).toBe(0);
    expect(m1Again.stdout).not.toContain('::error');
    expect(m1Again.stdout).toMatch(/^::warning title=revhealth win_rate::.*ratchet floor 12\.5%25; score 50, warning/m);
  });

  it('month 2 exits 1: grr fell below its floor (a warning-severity rule now failing)', () => {
    expect(github.code).toBe(1);
    expect(github.stderr.trim().split('\n').at(-1)).toMatch(/^gate failed: --fail-on warning: rule grr failed \(warning/);
    const errors = github.stdout.split('\n').filter((l) => l.startsWith('::error'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^::error title=revhealth grr::Gross revenue retention .*76\.9%25 \(ratchet floor 80\.0%25, broken;/);
  });

  it('month 2 annotations: the tighten hint, the new and the resolved stale deal, and the rejected row at its line', () => {
    const out = github.stdout;
    expect(out).toContain('::notice title=revhealth ratchet::win_rate: 14.7%25 — you now beat this floor (12.5%25); tighten it to 14.7%25');
    expect(out).toMatch(/^::warning title=revhealth new%3A stale deals::deal S3 · Sycamore Energy - new · expected close 2025-12-15 passed$/m);
    // a stale deal that left the list says why (issue 14): closed or worked, as far as two exports can tell
    expect(out).toMatch(/^::notice title=revhealth left the list%3A stale deals::deal S1 · .* · left the list \(no longer stale: closed won or lost, re-dated or worked\)/m);
    expect(out).toMatch(/^::warning file=.*month-2\/deals\.csv,line=\d+,title=revhealth new%3A rejected rows::deals line \d+ \(id D901\) · invalid_amount \(amount\)$/m);
    expect(out).toMatch(/^::notice title=revhealth%3A Fjord Analytics \(CI fixture\)::Overall grade .*Acquisition efficiency n\/a/m);
  });

  it('the record-level diff matches items by id: a fix and a new problem do not cancel out', () => {
    const items = m2.comparison?.items as Record<string, Change>;
    expect(items['staleDeals']).toMatchObject({ before: 2, after: 2 });
    expect(ids(items['staleDeals']?.appeared ?? [])).toEqual(['deal:S3']);
    expect(ids(items['staleDeals']?.resolved ?? [])).toEqual(['deal:S1']);
    expect(ids(items['pastDueRenewals']?.appeared ?? [])).toEqual(['renewal:Nutmeg Studio:2025-12-05']);
    expect(ids(items['atRiskAccounts']?.appeared ?? [])).toEqual(['account:Maple Robotics']);
    expect(ids(items['atRiskAccounts']?.resolved ?? [])).toEqual(['account:Kapok Travel']);
    expect(ids(items['rejectedRows']?.appeared ?? [])).toEqual(['deals:id:D901:invalid_amount']);
    expect(ids(items['rejectedRows']?.resolved ?? [])).toEqual(['deals:id:D900:negative_amount']);
  });

  it('the ratchet status: win_rate can be tightened to today\'s value, grr is below its floor, nrr at its floor', () => {
    const hints = Object.fromEntries((m2.ratchet?.hints ?? []).map((h) => [h.rule, h]));
    expect(hints['win_rate']).toMatchObject({ status: 'tighten', floor: 0.125 });
    expect(hints['win_rate']?.suggestion).toBeCloseTo(5 / 34, 12);
    expect(hints['grr']).toMatchObject({ status: 'below_floor', floor: 0.8 });
    expect(hints['grr']?.value).toBeCloseTo(100 / 130, 12);
    expect(hints['nrr']).toMatchObject({ status: 'at_floor' });
    const rule = (id: string) => m2.rules.find((r) => r.id === id);
    expect(rule('win_rate')).toMatchObject({ status: 'warn', severity: 'warning' });
    expect(rule('grr')).toMatchObject({ status: 'fail', severity: 'warning' });
    expect(rule('nrr')).toMatchObject({ status: 'warn' });
  });

  it('the summary names the grade, the changes since the baseline with the records, and the hint', () => {
    expect(summary).toMatch(/^## revhealth: Fjord Analytics \(CI fixture\): grade [A-F]/);
    expect(summary).toContain('| Acquisition efficiency | n/a |');
    expect(summary).toContain('### Changes since 2025-11-30');
    expect(summary).toContain('- **Stale deals:** 2 → 2 (1 new, 1 resolved)');
    expect(summary).toContain('  - ➕ deal S3');
    expect(summary).toContain('  - ✅ deal S1');
    expect(summary).toContain('you now beat this floor (12.5%); tighten it to 14.7%');
    expect(summary.split('\n').length).toBeLessThan(60);
  });

  it('rules --suggest-tighten prints the hint and --write tightens the floor; the next check finds it at its floor', async () => {
    const auditM2 = join(dir, 'audit-2025-12.json');
    const show = await runCliAsync(['rules', '--suggest-tighten', '-c', config, '--audit', auditM2]);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toContain('↑ win_rate: 14.7% — you now beat this floor (12.5%); tighten it to 14.7%');
    expect(show.stdout).toContain('Apply with --write.');
    const write = await runCliAsync(['rules', '--suggest-tighten', '-c', config, '--audit', auditM2, '--write']);
    expect(write.code, write.stderr).toBe(0);
    expect(write.stdout).toContain('win_rate: floor 0.125 → 0.14705882352941177');
    const after = await runCliAsync(['rules', '--suggest-tighten', '-c', config, '--audit', auditM2, '--format', 'json']);
    const j = JSON.parse(after.stdout) as { hints: Hint[] };
    expect(j.hints.find((h) => h.rule === 'win_rate')?.status).toBe('at_floor');
    // the tightened thresholds are what the next audit judges with
    const again = await runCliAsync(['audit', M2, '-c', config, '--as-of', '2025-12-31', '--format', 'json']);
    const r = (JSON.parse(again.stdout) as AuditJson).rules.find((x) => x.id === 'win_rate');
    expect(r?.status).toBe('warn');
  });

  it('init --from-current refuses to overwrite the ratchet without --force', async () => {
    const again = await runCliAsync(['init', '--from-current', M1, '-c', config, '--as-of', '2025-11-30'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('revhealth.ratchet.json already exists');
  });
});
