/**
 * revhealth init: --yes on each export flavour writes a config that audit then uses without
 * edits; the interactive flow is driven in a real terminal (tmux) with typed answers.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, hasStackTrace, runCliAsync, tempDir } from '../helpers/cli.js';

const FLAVOURS: Record<string, string> = { hubspot: 'hubspot', salesforce: 'salesforce', pipedrive: 'pipedrive', generic: 'generic' };

function copyFixture(name: string): string {
  const dir = tempDir();
  for (const f of readdirSync(join(ROOT, 'fixtures', 'flavours', name))) {
    if (f.endsWith('.csv')) copyFileSync(join(ROOT, 'fixtures', 'flavours', name, f), join(dir, f));
  }
  return dir;
}

describe('init --yes', () => {
  it.each(Object.keys(FLAVOURS))('%s: writes a config that audit uses as is', async (name) => {
    const dir = copyFixture(name);
    const init = await runCliAsync(['init', dir, '--yes']);
    expect(init.code, init.stderr).toBe(0);
    const config = JSON.parse(readFileSync(join(dir, 'revhealth.config.json'), 'utf8')) as {
      inputs: { deals: { preset: string; file: string; columns: Record<string, string> } };
      company: Record<string, unknown>;
    };
    expect(config.inputs.deals.preset).toBe(FLAVOURS[name]);
    expect(config.inputs.deals.file).toBe('deals.csv');
    expect(config.inputs.deals.columns.amount).toBeTruthy();
    // nothing invented: margins and targets are left for the user
    expect(config.company.grossMargin).toBeUndefined();

    const audit = await runCliAsync(['audit', dir, '--format', 'json']);
    expect(audit.code, audit.stderr).toBe(0);
    const report = JSON.parse(audit.stdout) as { inputs: { kind: string; preset: string; rows: { rejected: number } }[] };
    const deals = report.inputs.find((i) => i.kind === 'deals');
    expect(deals?.preset).toBe(FLAVOURS[name]);
    expect(deals?.rows.rejected).toBe(0);
  });

  it('detects subscriptions and accounts files too, and audit reads them through the config', async () => {
    const dir = tempDir();
    for (const f of ['deals.csv', 'subscriptions.csv', 'accounts.csv']) copyFileSync(join(ROOT, 'fixtures', 'subscriptions', f), join(dir, f));
    const init = await runCliAsync(['init', dir, '--yes']);
    expect(init.code, init.stderr).toBe(0);
    expect(init.stderr).toMatch(/^subscriptions: subscriptions\.csv — generic subscriptions layout$/m);
    expect(init.stderr).toMatch(/^accounts: accounts\.csv — generic accounts layout$/m);
    const config = JSON.parse(readFileSync(join(dir, 'revhealth.config.json'), 'utf8')) as { inputs: Record<string, { file: string; columns: Record<string, string> }> };
    expect(Object.keys(config.inputs).sort()).toEqual(['accounts', 'deals', 'subscriptions']);
    expect(config.inputs.subscriptions).toMatchObject({ file: 'subscriptions.csv', columns: { mrr: 'mrr', start: 'start_date' } });
    const audit = await runCliAsync(['audit', dir, '--format', 'json', '--as-of', '2025-06-30']);
    expect(audit.code, audit.stderr).toBe(0);
    const report = JSON.parse(audit.stdout) as { inputs: { kind: string; rows: { read: number; rejected: number } }[] };
    expect(report.inputs.map((i) => i.kind).sort()).toEqual(['accounts', 'deals', 'subscriptions']);
    for (const i of report.inputs) expect(i.rows.rejected, i.kind).toBe(0);
  });

  it('refuses to overwrite an existing config without --force, and refuses to prompt without a terminal', async () => {
    const dir = copyFixture('generic');
    expect((await runCliAsync(['init', dir, '--yes'])).code).toBe(0);
    const again = await runCliAsync(['init', dir, '--yes']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');
    expect((await runCliAsync(['init', dir, '--yes', '--force'])).code).toBe(0);
    const piped = await runCliAsync(['init', dir, '--force']);
    expect(piped.code).toBe(2);
    expect(piped.stderr).toContain('--yes');
    expect(hasStackTrace(piped.stderr)).toBe(false);
  });
});

const hasTmux = spawnSync('tmux', ['-V']).status === 0;

describe.skipIf(!hasTmux)('init, interactive in a real terminal (tmux)', () => {
  it('asks the questions, maps an unknown stage, and writes the answers', async () => {
    const dir = tempDir({
      'deals.csv':
        'id,amount,stage,created,closed,owner\n1,12000,won,2025-01-02,2025-02-03,Ann\n2,9000,lost,2025-01-05,2025-02-10,Bob\n3,15000,Stalled,2025-03-01,2025-06-30,Ann\n',
    });
    const session = `revhealth-init-${process.pid}`;
    const tmux = (...args: string[]) => spawnSync('tmux', args, { encoding: 'utf8' });
    const screen = () => tmux('capture-pane', '-p', '-t', session).stdout;
    const waitFor = async (text: string) => {
      for (let i = 0; i < 100; i++) {
        if (screen().includes(text)) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`timed out waiting for "${text}"; screen:\n${screen()}`);
    };
    tmux('new-session', '-d', '-s', session, '-x', '120', '-y', '40', `cd ${dir} && env -u CI -u GITHUB_ACTIONS NO_COLOR=1 ${process.execPath} ${BIN} init . ; sleep 30`);
    try {
      await waitFor('Stage "Stalled" means');
      tmux('send-keys', '-t', session, 'Enter'); // open (first choice)
      await waitFor('Company name');
      tmux('send-keys', '-t', session, 'C-u', 'Acme Test', 'Enter');
      await waitFor('Segment');
      tmux('send-keys', '-t', session, 'Enter'); // suggested
      await waitFor('Currency');
      tmux('send-keys', '-t', session, 'Enter');
      await waitFor('Gross margin');
      tmux('send-keys', '-t', session, '80', 'Enter');
      await waitFor('Operating');
      tmux('send-keys', '-t', session, '--', '-12', 'Enter');
      await waitFor('Fiscal year');
      tmux('send-keys', '-t', session, 'C-u', '4', 'Enter');
      await waitFor('Bookings target');
      tmux('send-keys', '-t', session, '250,000', 'Enter');
      await waitFor('wrote');
    } finally {
      tmux('kill-session', '-t', session);
    }
    const path = join(dir, 'revhealth.config.json');
    expect(existsSync(path)).toBe(true);
    const config = JSON.parse(readFileSync(path, 'utf8')) as {
      company: { name: string; segment: string; grossMargin: number; operatingMargin: number; fiscalYearStartMonth: number };
      targets: { nextQuarterBookings: number };
      inputs: { deals: { stages: { open: string[] } } };
    };
    expect(config.company).toMatchObject({ name: 'Acme Test', segment: 'smb', grossMargin: 0.8, operatingMargin: -0.12, fiscalYearStartMonth: 4 });
    expect(config.targets.nextQuarterBookings).toBe(250000);
    expect(config.inputs.deals.stages.open).toEqual(['Stalled']);
    const audit = await runCliAsync(['audit', dir, '--format', 'json']);
    expect(audit.code, audit.stderr).toBe(0);
    expect((JSON.parse(audit.stdout) as { rows: { rejected: number } }).rows.rejected).toBe(0);
  });
});
