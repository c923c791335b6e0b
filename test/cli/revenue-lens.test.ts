/**
 * The subscriptions and accounts inputs end to end, through the CLI in-process (run(argv, io)):
 * file discovery and the --subscriptions / --accounts flags, the four-V section in every
 * report format, the recurring-revenue block (MRR movements, cohorts) in the JSON, and the reports
 * of an audit without those inputs left as they were.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { auditReportSchema, type AuditReport } from '../../src/audit/contract.js';
import { hasStackTrace, ROOT, runCliAsync, tempDir, type CliResult } from '../helpers/cli.js';

vi.setConfig({ hookTimeout: 120_000 });

const DIR = 'fixtures/subscriptions';
const AS_OF = ['--as-of', '2025-06-30', '--threads', '1'];

let terminal: CliResult;
let markdown: CliResult;
let html: CliResult;
let json: CliResult;
let demoJson: CliResult;
let flags: CliResult;
let validate: CliResult;
let subsOnly: CliResult;

beforeAll(async () => {
  [terminal, markdown, html, json, demoJson, flags, validate, subsOnly] = await Promise.all([
    runCliAsync(['audit', DIR, ...AS_OF]),
    runCliAsync(['audit', DIR, ...AS_OF, '--format', 'md']),
    runCliAsync(['audit', DIR, ...AS_OF, '--format', 'html']),
    runCliAsync(['audit', DIR, ...AS_OF, '--format', 'json']),
    runCliAsync(['audit', 'fixtures/demo', '--as-of', '2025-12-31', '--threads', '1', '--format', 'json']),
    runCliAsync(['audit', '--deals', `${DIR}/deals.csv`, '--accounts', `${DIR}/accounts.csv`, ...AS_OF, '--format', 'json']),
    runCliAsync(['validate', DIR]),
    runCliAsync(['audit', '--subscriptions', `${DIR}/subscriptions.csv`, ...AS_OF, '--format', 'json']),
  ]);
});

const parse = (r: CliResult): AuditReport => auditReportSchema().parse(JSON.parse(r.stdout));

describe('the four-V lens appears in every format', () => {
  it('terminal: a FOUR-V LENS section with the four groups and their verdicts', () => {
    expect(terminal.code, terminal.stderr).toBe(0);
    expect(terminal.stdout).toMatch(/^FOUR-V LENS {2}Volumes · Velocity · Value · Revenue$/m);
    for (const g of ['Volumes', 'Velocity', 'Value', 'Revenue']) expect(terminal.stdout).toMatch(new RegExp(`^${g}\\s`, 'm'));
    expect(terminal.stdout).toMatch(/Market penetration 80\.0%/);
    for (const line of terminal.stdout.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(80);
  });

  it('Markdown: a four-Vs section with a verdict per group', () => {
    expect(markdown.code, markdown.stderr).toBe(0);
    expect(markdown.stdout).toContain('## The four Vs: Volumes, Velocity, Value, Revenue');
    // a grade, or n/a when the fixture's few deals are below the metrics' minimum evidence (issue 14)
    expect(markdown.stdout).toMatch(/\| \*\*Velocity\*\*: How fast and how well does the funnel convert\? \| ([A-F] \(\d+\.\d\)|n\/a) \| /);
    expect(markdown.stdout).toContain('## Recurring revenue');
  });

  it('HTML: the four-V section and the cohort heat map', () => {
    expect(html.code, html.stderr).toBe(0);
    expect(html.stdout).toContain('<section id="four-v">');
    for (const g of ['volumes', 'velocity', 'value', 'revenue']) expect(html.stdout).toContain(`data-lens="${g}"`);
    expect(html.stdout).toContain('<section id="recurring-revenue">');
    expect(html.stdout).toMatch(/<svg [^>]*id="chart-cohort-nrr"/);
    expect(html.stdout).toMatch(/<rect class="cell"[^>]*><title>FY2025 Q1, 1 quarter later \(2025-06-30\): 70\.0%, 3 of 3 accounts paying<\/title>/);
    expect(html.stdout).not.toMatch(/<script/i);
  });

  it('JSON: a fourV block (valid against the schema) with the four groups in order', () => {
    expect(json.code, json.stderr).toBe(0);
    const r = parse(json);
    expect(r.fourV?.groups.map((g) => g.id)).toEqual(['volumes', 'velocity', 'value', 'revenue']);
    for (const g of r.fourV?.groups ?? []) expect(g.verdict.length).toBeGreaterThan(10);
    const volumes = r.fourV?.groups[0];
    expect(volumes?.metrics.find((m) => m.id === 'market_penetration')).toMatchObject({ value: 0.8, status: 'info' });
  });
});

describe('the recurring-revenue block in the JSON', () => {
  it('MRR movements per month, trials counted, cohorts by start quarter', () => {
    const s = parse(json).subscriptions;
    expect(s?.counts).toMatchObject({ rows: 10, paid: 7, trials: 2, zeroMrr: 1 });
    expect(s?.movements.map((m) => [m.month, m.newMrr, m.expansionMrr, m.reactivationMrr, m.contractionMrr, m.churnMrr, m.closingMrr])).toEqual([
      ['2025-01', 300, 0, 0, 0, 0, 300],
      ['2025-02', 300, 0, 0, 0, 0, 600],
      ['2025-03', 0, 50, 0, 0, 0, 650],
      ['2025-04', 0, 0, 0, 0, 200, 450],
      ['2025-05', 0, 0, 0, 180, 0, 270],
      ['2025-06', 0, 0, 150, 0, 0, 420],
    ]);
    expect(s?.cohorts[0]).toMatchObject({ cohort: 'FY2025 Q1', customers: 3, startingMrr: 600 });
  });

  it('subscriptions alone: the block, the subscription metrics, input kind "subscriptions"', () => {
    expect(subsOnly.code, subsOnly.stderr).toBe(0);
    const r = parse(subsOnly);
    expect(r.inputs.map((i) => [i.kind, i.preset])).toEqual([['subscriptions', 'generic']]);
    expect(r.metrics.find((m) => m.id === 'mrr_churn_rate')?.value).toBeCloseTo(380 / 2270, 12);
    expect(r.metrics.find((m) => m.id === 'market_penetration')).toMatchObject({ status: 'n/a', reason: expect.stringMatching(/needs an accounts file \(--accounts\)/) });
    expect(r.rules.find((x) => x.metric === 'mrr_churn_rate')?.status).toBe('fail');
  });
});

describe('inputs', () => {
  it('--deals and --accounts: market penetration from the hand count, no subscriptions block', () => {
    expect(flags.code, flags.stderr).toBe(0);
    const r = parse(flags);
    expect(r.metrics.find((m) => m.id === 'market_penetration')?.value).toBeCloseTo(0.2, 12);
    expect(r.metrics.find((m) => m.id === 'pipeline_penetration')?.value).toBeCloseTo(0.8, 12);
    expect(r.subscriptions).toBeUndefined();
    expect(r.fourV).toBeDefined();
  });

  it('validate names the new files with their row accounting', () => {
    expect(validate.code, validate.stderr).toBe(0);
    expect(validate.stdout).toMatch(/^subscriptions: .*subscriptions\.csv$/m);
    expect(validate.stdout).toMatch(/10 rows: 4 active without an end date \(\$420\.00 MRR\), 2 trials and 1 at MRR 0 excluded from MRR/);
    expect(validate.stdout).toMatch(/^accounts: .*accounts\.csv$/m);
    expect(validate.stdout).toMatch(/7 listed, 5 target accounts/);
  });

  it('two files that look like subscriptions in one folder: one is chosen and said, the other listed with the flag to use it', async () => {
    const dir = tempDir({ 'subscriptions.csv': 'account,start_date,mrr\nA,2025-01-01,10\n', 'subscriptions-old.csv': 'account,start_date,mrr\nA,2025-01-01,10\n' });
    const r = await runCliAsync(['validate', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/subscriptions\.csv {2}used as subscriptions: .*chosen over subscriptions-old\.csv \(same score, file name decides\)/);
    expect(r.stdout).toMatch(/subscriptions-old\.csv {2}skipped: also looks like subscriptions .*pass --subscriptions .*subscriptions-old\.csv to use it instead/);
    expect(hasStackTrace(r.stderr)).toBe(false);
  });
});

describe('an audit without subscriptions or accounts', () => {
  it('has the four-V lens, but no subscriptions block and none of the subscription metrics', () => {
    expect(demoJson.code, demoJson.stderr).toBe(0);
    const raw = JSON.parse(demoJson.stdout) as Record<string, unknown>;
    expect('subscriptions' in raw).toBe(false);
    const r = parse(demoJson);
    expect(r.fourV?.groups.map((g) => g.id)).toEqual(['volumes', 'velocity', 'value', 'revenue']);
    for (const id of ['recurring_revenue_growth', 'mrr_churn_rate', 'logo_churn_rate']) {
      expect(r.metrics.some((m) => m.id === id), id).toBe(false);
      expect(r.rules.some((x) => x.metric === id), id).toBe(false);
    }
    // the lens metrics that need the accounts file say so instead of vanishing
    expect(r.metrics.find((m) => m.id === 'market_penetration')).toMatchObject({ status: 'n/a' });
    expect(r.metrics.find((m) => m.id === 'market_penetration')?.reason).toMatch(/accounts/);
    for (const m of r.metrics) expect(m.details?.source === 'subscriptions', m.id).toBe(false);
  });

  it('the golden demo reports carry the four-V lens but no recurring-revenue section', () => {
    for (const file of ['demo.txt', 'demo.md']) {
      const text = readFileSync(join(ROOT, 'test', 'golden', file), 'utf8');
      expect(text).toMatch(/FOUR-V LENS|The four Vs/);
      expect(text).not.toMatch(/RECURRING REVENUE|Recurring revenue/);
    }
  });
});
