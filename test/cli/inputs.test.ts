/**
 * Issue 13, as a user meets it (the built binary; npm run build first): folders of exports under
 * the names their systems give them, read with no config; every file listed with what was done
 * with it; folders with nothing to audit refused with exit 2 naming each file and what it resembled.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { hasStackTrace, runCliAsync, tempDir, type CliResult } from '../helpers/cli.js';

vi.setConfig({ hookTimeout: 120_000, testTimeout: 60_000 });

interface ValidateJson {
  usable: boolean;
  inputs: { file: string; usedAs: string | null; note: string }[];
  rows: { read: number; used: number; rejected: number };
  files: {
    kind: string;
    path: string;
    preset: string;
    rows: { read: number; used: number; rejected: number };
    totals: Record<string, number>;
    warnings: { code: string; message: string; count?: number }[];
    mapping: Record<string, string>;
  }[];
}

describe('each new flavour fixture is read whole by validate with no config', () => {
  // [folder, deals file, preset, won, wonAmount, lost, open, openAmount]
  const cases: [string, string, string, number, number, number, number, number][] = [
    ['zoho', 'Potentials.csv', 'zoho', 3, 78_000, 2, 3, 81_000],
    ['dynamics', 'Opportunities.csv', 'dynamics', 3, 78_000, 2, 3, 81_000],
    ['close', 'opportunities.csv', 'close', 3, 78_000, 2, 3, 81_000],
    ['copper', 'opportunities.csv', 'copper', 3, 78_000, 2, 3, 81_000],
    ['salesforce-api', 'Opportunity.csv', 'salesforce', 3, 78_000, 2, 3, 81_000],
    ['hubspot-all', 'hubspot-crm-exports-all-deals-2024-01-31.csv', 'hubspot', 4, 20_000, 2, 4, 33_000],
  ];
  const results = new Map<string, CliResult>();
  beforeAll(async () => {
    const runs = await Promise.all(cases.map(([dir]) => runCliAsync(['validate', `fixtures/flavours/${dir}`, '--format', 'json'])));
    runs.forEach((r, i) => results.set(cases[i]![0], r));
  });

  it.each(cases)('%s', (dir, file, preset, won, wonAmount, lost, open, openAmount) => {
    const r = results.get(dir) as CliResult;
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as ValidateJson;
    const deals = j.files.find((f) => f.kind === 'deals')!;
    expect(deals.path).toBe(`fixtures/flavours/${dir}/${file}`);
    expect(deals.preset).toBe(preset);
    expect(deals.rows.rejected).toBe(0);
    expect(deals.rows.used).toBe(deals.rows.read);
    expect([deals.totals.wonCount, deals.totals.wonAmount, deals.totals.lostCount, deals.totals.openCount, deals.totals.openAmount]).toEqual([won, wonAmount, lost, open, openAmount]);
    expect(j.usable).toBe(true);
    expect(j.inputs.find((l) => l.file.endsWith(file))?.usedAs).toBe('deals');
  });

  it('HubSpot all-properties: the repeated header and the wins without an amount are said', () => {
    const j = JSON.parse(results.get('hubspot-all')!.stdout) as ValidateJson;
    const w = j.files[0]!.warnings;
    expect(w.find((x) => x.code === 'duplicate_header')?.message).toBe('duplicate headers: "Associated Company" appears 2 times (columns 10, 16): account is read from column 10, column 16 ignored. Rename the columns, or map the right one with inputs.deals.columns in revhealth.config.json');
    expect(w.find((x) => x.code === 'amount_missing_won')?.count).toBe(2);
    expect(j.files[0]!.mapping.amount).toBe('Amount in company currency');
  });

  it('Salesforce API export: account and owner ids become names from Account.csv and User.csv', () => {
    const j = JSON.parse(results.get('salesforce-api')!.stdout) as ValidateJson;
    expect(j.inputs.map((l) => [l.file.split('/').pop(), l.usedAs])).toEqual([
      ['Account.csv', 'accounts'],
      ['Opportunity.csv', 'deals'],
      ['User.csv', 'users'],
    ]);
    expect(j.files[0]!.warnings.find((x) => x.code === 'names_joined')?.message).toBe(
      "8 deal(s) name their account by id: the accounts file's names are shown instead; 8 deal(s) name their owner by id: the users file's names are shown instead",
    );
  });
});

describe('a folder of files under vendor default names, audited with no config', () => {
  let audit: CliResult;
  beforeAll(async () => {
    audit = await runCliAsync(['audit', 'fixtures/flavours/vendor-names', '--format', 'json']);
  });

  it('runs (not exit 2), lists every file and what was done with it', () => {
    expect(audit.code, audit.stderr).not.toBe(2);
    expect(hasStackTrace(audit.stderr)).toBe(false);
    const lines = audit.stderr.split('\n').filter((l) => l.startsWith('input '));
    expect(lines.map((l) => l.replace(/: .*/, ''))).toEqual([
      'input fixtures/flavours/vendor-names/Account.csv',
      'input fixtures/flavours/vendor-names/Campaign report.csv',
      'input fixtures/flavours/vendor-names/Opportunity.csv',
      'input fixtures/flavours/vendor-names/User.csv',
      'input fixtures/flavours/vendor-names/notes.txt',
    ]);
    expect(audit.stderr).toContain('Opportunity.csv: used as deals: salesforce deals layout');
    expect(audit.stderr).toContain('notes.txt: skipped: one column only: not a table');
  });

  it('findings name accounts and owners, never their Salesforce ids', () => {
    expect(audit.stdout).not.toMatch(/001Ec00000|005Ec00000/);
  });
});

describe('folders: choices said, nothing skipped silently', () => {
  const GENERIC = 'id,amount,stage,created,closed\nD1,100,won,2025-01-05,2025-02-01\nD2,200,lost,2025-01-06,2025-02-02\n';
  const RICHER = 'id,name,amount,stage,created,closed,owner,source,account\nD1,A,100,won,2025-01-05,2025-02-01,Ann,Web,Acme\n';

  it('two deals candidates: the higher score is used, the other is listed with why', async () => {
    const dir = tempDir({ 'export-a.csv': GENERIC, 'export-b.csv': RICHER });
    const r = await runCliAsync(['validate', dir, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as ValidateJson;
    const [a, b] = j.inputs;
    expect(b?.usedAs).toBe('deals');
    expect(b?.note).toMatch(/^used as deals: generic deals layout: 9 columns recognised; chosen over export-a\.csv \(which scored \d+ against \d+\)/);
    expect(a?.usedAs).toBeNull();
    expect(a?.note).toMatch(/^skipped: also looks like deals .* but export-b\.csv scored higher; pass --deals .*export-a\.csv to use it instead$/);
  });

  it("the config's inputs.deals.file is honoured with a folder, relative to the config file", async () => {
    const dir = tempDir({ 'data/weird.csv': 'ref,val,phase,opened,shut\nD1,100,won,2025-01-05,2025-02-01\n' });
    mkdirSync(join(dir, 'cfg'));
    writeFileSync(
      join(dir, 'cfg', 'revhealth.config.json'),
      JSON.stringify({ inputs: { deals: { file: '../data/weird.csv', columns: { id: 'ref', amount: 'val', stage: 'phase', created: 'opened', closed: 'shut' } } } }),
    );
    const r = await runCliAsync(['validate', join(dir, 'data'), '--config', join(dir, 'cfg', 'revhealth.config.json'), '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as ValidateJson;
    expect(j.inputs.map((l) => l.note)).toEqual(['used as deals: named by inputs.deals.file in the config']);
    expect(j.files[0]?.rows.used).toBe(1);
  });

  it("a file the config's inputs.deals.columns maps is recognised by that mapping, without inputs.deals.file", async () => {
    const dir = tempDir({
      'Q3 pipeline (final).csv': 'ref,val,phase,opened,shut\nD1,100,won,2025-01-05,2025-02-01\nD2,50,lost,2025-01-05,2025-02-01\n',
      'revhealth.config.json': JSON.stringify({ inputs: { deals: { columns: { id: 'ref', amount: 'val', stage: 'phase', created: 'opened', closed: 'shut' } } } }),
    });
    const r = await runCliAsync(['validate', dir, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as ValidateJson;
    expect(j.inputs.map((l) => [l.file.split('/').pop(), l.usedAs])).toEqual([['Q3 pipeline (final).csv', 'deals']]);
    expect(j.files[0]?.rows).toEqual({ read: 2, used: 2, rejected: 0 });
  });

  it('an accounts file alone, the deals file skipped: exit 2 naming both and what each resembled', async () => {
    const dir = tempDir({ 'accounts.csv': 'account,segment\nAcme,SMB\n', 'export.csv': 'ref,val,phase\nD1,100,won\n' });
    const r = await runCliAsync(['validate', dir]);
    expect(r.code).toBe(2);
    expect(r.stdout).not.toMatch(/usable/);
    expect(r.stderr).toMatch(/no deals, spend, renewals or subscriptions file among/);
    expect(r.stderr).toMatch(/accounts\.csv — used as accounts/);
    expect(r.stderr).toMatch(/export\.csv — skipped: (closest to \w+, but no .* column|no column of any input recognised)/);
    expect(hasStackTrace(r.stderr)).toBe(false);
  });

  it('a folder whose CSVs are all skipped: exit 2 with each file and the closest kind', async () => {
    const dir = tempDir({ 'team.csv': 'sales_agent,manager,regional_office\nAnna,Dustin,Central\n', 'products.csv': 'product,series,sales_price\nGTX,GTX,550\n' });
    const r = await runCliAsync(['audit', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('products.csv — skipped: closest to subscriptions, but no account, start date, MRR column');
    expect(r.stderr).toContain('team.csv — skipped: closest to deals, but no amount, created date, close date, stage column');
  });

  it('--accounts alone is not usable: validate exits 2', async () => {
    const dir = tempDir({ 'accounts.csv': 'account,segment\nAcme,SMB\n' });
    const r = await runCliAsync(['validate', '--accounts', join(dir, 'accounts.csv'), '--format', 'json']);
    expect(r.code).toBe(2);
    expect((JSON.parse(r.stdout) as ValidateJson).usable).toBe(false);
  });
});
